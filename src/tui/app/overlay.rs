//! Overlays on the live screen: help, questions, and the quit question when saves fail.

use std::path::PathBuf;

use super::entries::Confirmed;
use super::{LiveScreen, Pane, RunState, Tone, step_index};
use crate::model::{Attendee, Gap, GapKind, closing_gaps};
use crate::tui::action::{Action, Effect, edit_line};
use crate::tui::keymap::{Command, Context, Help};

/// The usual roles at a safeguarding meeting, for quick-adding an attendee: (role, agency).
pub const USUAL_ROLES: [(&str, &str); 14] = [
    ("Chair", "Adult Social Care"),
    ("Minute taker", "Adult Social Care"),
    ("Enquiry officer", "Adult Social Care"),
    ("Safeguarding adults manager", "Adult Social Care"),
    ("Social worker", "Adult Social Care"),
    ("Police officer", "Police"),
    ("GP", "GP practice"),
    ("Nurse", "NHS trust"),
    ("Inspector", "CQC"),
    ("Registered manager", "Provider"),
    ("Commissioner", "Commissioning"),
    ("Advocate", "Advocacy service"),
    ("Legal adviser", "Legal services"),
    ("Family member", ""),
];

/// A window over the live screen that takes the keys until it closes.
#[derive(Debug)]
pub enum Overlay {
    /// The help screen.
    Help(Help),
    /// Saves are failing and the user asked to quit.
    Quit(QuitQuestion),
    /// A yes/no question before something that cannot be undone.
    Confirm {
        /// The question.
        question: String,
        /// What yes does.
        confirmed: Confirmed,
    },
    /// Go to an agenda item by number or part of its title.
    Goto {
        /// What was typed.
        query: String,
        /// The highlighted match.
        selected: usize,
    },
    /// The closing check: what is still missing before the meeting ends.
    Closing {
        /// The gaps not yet fixed or acknowledged.
        gaps: Vec<Gap>,
        /// The highlighted gap.
        selected: usize,
    },
    /// A form: an attendee, finding, decision, action or plan section.
    Form {
        /// The form.
        form: Box<crate::tui::form::Form>,
        /// Its fields, which read it back into the record.
        fields: Box<super::forms::FormFields>,
    },
    /// The quick-action prompt.
    QuickAction(Box<super::quick::QuickAction>),
    /// The command palette.
    Palette(super::Palette),
    /// Attendees one line each.
    PeopleLine(super::PeopleLine),
    /// Pick one of the usual roles to add an attendee.
    Roles {
        /// The highlighted role.
        selected: usize,
    },
}

/// Agenda items whose number is `query` or whose title contains it (ignoring case).
#[must_use]
pub fn goto_matches(titles: &[&str], query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return (0..titles.len()).collect();
    }
    if let Ok(number) = query.parse::<usize>() {
        return (number >= 1 && number <= titles.len())
            .then(|| number - 1)
            .into_iter()
            .collect();
    }
    titles
        .iter()
        .enumerate()
        .filter(|(_, title)| title.to_lowercase().contains(&query))
        .map(|(i, _)| i)
        .collect()
}

/// Quitting while the record cannot be saved: retry, write elsewhere, or discard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuitQuestion {
    /// The other path being typed, once the user chose "write elsewhere".
    pub save_as: Option<String>,
    /// Set after the user asked once to discard: asking again discards.
    pub discard_armed: bool,
}

impl LiveScreen {
    /// Before quitting or on a hang-up: saves what an open form or quick action holds, and
    /// closes the overlay. `false` (overlay left open) when the form's values do not pass or
    /// the quit question is already open.
    pub(super) fn keep_open_entry(&mut self) -> bool {
        match &self.overlay {
            Some(Overlay::Form { fields, .. }) if fields.is_chooser() => {
                self.overlay = None;
                true
            }
            Some(Overlay::Form { .. }) => {
                self.update_form(&Action::Submit);
                !matches!(self.overlay, Some(Overlay::Form { .. }))
            }
            Some(Overlay::QuickAction(_)) => {
                self.update_quick_action(Action::Submit);
                self.overlay = None;
                true
            }
            Some(Overlay::Quit(_)) => false,
            _ => {
                self.overlay = None;
                true
            }
        }
    }

    /// The copy asked for from the quit question was written, or not.
    pub(super) fn copied(&mut self, result: Result<PathBuf, String>) -> Vec<Effect> {
        self.save.copy_finished(result.is_ok());
        match result {
            Ok(path) if self.quit_after_copy => {
                self.run = RunState::Quit;
                self.say(&format!("Copy written to {}.", path.display()), Tone::Info);
                vec![Effect::Exit]
            }
            Ok(path) => {
                self.say(&format!("Copy written to {}.", path.display()), Tone::Info);
                Vec::new()
            }
            Err(reason) => {
                self.quit_after_copy = false;
                self.say(
                    &format!("The copy was NOT written: {reason}"),
                    Tone::Warning,
                );
                self.open_quit_question();
                Vec::new()
            }
        }
    }

    pub(super) fn open_quit_question(&mut self) {
        self.overlay = Some(Overlay::Quit(QuitQuestion::default()));
    }

    /// Keys while an overlay is open.
    pub(super) fn update_overlay(&mut self, action: Action) -> Vec<Effect> {
        let Some(overlay) = self.overlay.as_mut() else {
            return Vec::new();
        };
        match overlay {
            Overlay::Help(help) => {
                if !help.update(&action) {
                    self.overlay = None;
                }
                Vec::new()
            }
            Overlay::Quit(question) => {
                let question = question.clone();
                self.update_quit_question(question, action)
            }
            Overlay::Confirm { confirmed, .. } => {
                let confirmed = *confirmed;
                match action {
                    Action::Yes => {
                        self.overlay = None;
                        self.confirmed(confirmed);
                    }
                    Action::Back => self.overlay = None,
                    _ => {}
                }
                Vec::new()
            }
            Overlay::Goto { .. } => {
                self.update_goto(action);
                Vec::new()
            }
            Overlay::Palette(_) => self.update_palette(action),
            Overlay::PeopleLine(_) => {
                self.update_people_line(action);
                Vec::new()
            }
            Overlay::Closing { .. } => {
                self.update_closing(action);
                Vec::new()
            }
            Overlay::Form { .. } => {
                self.update_form(&action);
                Vec::new()
            }
            Overlay::QuickAction(_) => {
                self.update_quick_action(action);
                Vec::new()
            }
            Overlay::Roles { selected } => {
                match action {
                    Action::SelectNext => *selected = step_index(*selected, 1, USUAL_ROLES.len()),
                    Action::SelectPrev => *selected = step_index(*selected, -1, USUAL_ROLES.len()),
                    Action::Submit => {
                        let (role, agency) = USUAL_ROLES[(*selected).min(USUAL_ROLES.len() - 1)];
                        self.overlay = None;
                        self.add_attendee_with_role(role, agency);
                    }
                    Action::Back => self.overlay = None,
                    _ => {}
                }
                Vec::new()
            }
        }
    }

    /// Ask which item to go to.
    pub(super) fn open_goto(&mut self) {
        self.overlay = Some(Overlay::Goto {
            query: String::new(),
            selected: 0,
        });
    }

    fn update_goto(&mut self, action: Action) {
        let Some(Overlay::Goto { query, selected }) = self.overlay.as_mut() else {
            return;
        };
        let titles: Vec<&str> = self
            .record
            .agenda
            .iter()
            .map(|i| i.title.as_str())
            .collect();
        match action {
            Action::Edit(input) => {
                if !edit_line(query, &input) {
                    return;
                }
                *selected = 0;
            }
            Action::Paste(text) => query.push_str(text.lines().next().unwrap_or("")),
            Action::SelectNext => {
                *selected = step_index(*selected, 1, goto_matches(&titles, query).len());
            }
            Action::SelectPrev => {
                *selected = step_index(*selected, -1, goto_matches(&titles, query).len());
            }
            Action::Submit => {
                let target = goto_matches(&titles, query).get(*selected).copied();
                self.overlay = None;
                match target {
                    Some(index) => {
                        self.open_item(index);
                        self.focus_pane(Pane::Notes);
                    }
                    None => self.say("No agenda item matches.", Tone::Warning),
                }
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
    }

    /// The closing check.
    pub(super) fn open_closing(&mut self) {
        let gaps = self.open_gaps();
        self.overlay = Some(Overlay::Closing { gaps, selected: 0 });
    }

    /// The closing check's gaps less those acknowledged in this session.
    fn open_gaps(&self) -> Vec<Gap> {
        closing_gaps(&self.record, self.today())
            .into_iter()
            .filter(|gap| !self.acknowledged.contains(&gap.message))
            .collect()
    }

    fn update_closing(&mut self, action: Action) {
        let Some(Overlay::Closing { gaps, selected }) = self.overlay.as_mut() else {
            return;
        };
        match action {
            Action::SelectNext => *selected = step_index(*selected, 1, gaps.len()),
            Action::SelectPrev => *selected = step_index(*selected, -1, gaps.len()),
            Action::AcknowledgeGap => {
                let at = *selected;
                let Some(gap) = gaps.get(at).cloned() else {
                    return;
                };
                self.acknowledge(&gap);
                let gaps = self.open_gaps();
                let selected = selected_after(at, gaps.len());
                self.overlay = Some(Overlay::Closing { gaps, selected });
            }
            Action::Submit if gaps.is_empty() => {
                self.overlay = None;
                self.end_meeting();
            }
            Action::Submit => {
                let at = *selected;
                let Some(gap) = gaps.get(at).cloned() else {
                    return;
                };
                if matches!(gap.kind, GapKind::AgendaItems(_)) {
                    // The fix is to mark them, not to open one for typing.
                    self.mark_untouched_not_discussed();
                    let gaps = self.open_gaps();
                    let selected = selected_after(at, gaps.len());
                    self.overlay = Some(Overlay::Closing { gaps, selected });
                    return;
                }
                self.overlay = None;
                self.go_to_gap(&gap.kind);
            }
            Action::EndMeeting => {
                self.overlay = None;
                self.end_meeting();
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
    }

    /// Records in the minutes that a gap was seen and left, so the record shows it was not an
    /// oversight.
    fn acknowledge(&mut self, gap: &Gap) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        let item = self.current.min(self.record.agenda.len().saturating_sub(1));
        if self.record.acknowledge_gap(item, gap, self.now).is_ok() {
            self.acknowledged.push(gap.message.clone());
            self.changed();
        }
    }

    /// Marks every agenda item neither discussed nor marked as not discussed (items with
    /// notes count as discussed), as the closing check's fix for them does.
    pub fn mark_untouched_not_discussed(&mut self) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        let count = self.record.untouched_items().len();
        if self.record.mark_untouched_not_discussed(self.now).is_yes() {
            self.changed();
            self.say(
                &format!("{count} agenda item(s) marked not discussed."),
                Tone::Info,
            );
        }
    }

    /// Takes the minute taker to where a gap is fixed.
    fn go_to_gap(&mut self, kind: &GapKind) {
        match kind {
            GapKind::MeetingDetails => {
                self.selected.plan = super::forms::MEETING_DETAILS_SECTION;
                self.focus_pane(Pane::Plan);
            }
            GapKind::Plan => {
                self.selected.plan = 2;
                self.focus_pane(Pane::Plan);
            }
            GapKind::AdultParticipation => {
                self.selected.plan = 0;
                self.focus_pane(Pane::Plan);
            }
            GapKind::Finding(i) => {
                self.selected.findings = *i;
                self.focus_pane(Pane::Findings);
            }
            GapKind::Action(i) => {
                self.selected.actions = *i;
                self.focus_pane(Pane::Actions);
            }
            GapKind::Review => {
                self.selected.plan = 4;
                self.focus_pane(Pane::Plan);
            }
            GapKind::Feedback => {
                self.selected.plan = 3;
                self.focus_pane(Pane::Plan);
            }
            GapKind::AgendaItems(items) => {
                self.agenda_selected = items.first().copied().unwrap_or(self.agenda_selected);
                self.focus_pane(Pane::Agenda);
                return;
            }
        }
        self.edit_selected();
    }

    /// Ends the meeting: closes the current item and stamps `ended_at`.
    pub(super) fn end_meeting(&mut self) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        let now = self.now;
        if self.record.end_meeting(self.current, now).is_yes() {
            self.changed();
        }
        let ended = match self.record.meeting.ended_at {
            Some(end) if self.record.is_meeting_day(&now) => {
                format!("Meeting ended at {}.", self.zone.hm(&end))
            }
            _ => "Closed. Not the meeting's day: give the end time in Meeting details.".to_owned(),
        };
        self.say(
            &format!(
                "{ended} Everything is saved as you go; {} quits.",
                self.keys.label(Context::Global, Command::Quit)
            ),
            Tone::Info,
        );
    }

    /// Pick a usual role, then fill in the person.
    pub(super) fn open_roles(&mut self) {
        if self.writable() {
            self.overlay = Some(Overlay::Roles { selected: 0 });
        }
    }

    fn add_attendee_with_role(&mut self, role: &str, agency: &str) {
        self.open_attendee_form(None, Some(Attendee::new("", role, agency)));
    }

    fn update_quit_question(&mut self, mut question: QuitQuestion, action: Action) -> Vec<Effect> {
        if let Some(path) = question.save_as.as_mut() {
            match action {
                Action::Paste(text) => path.push_str(text.trim()),
                Action::Edit(input) => {
                    edit_line(path, &input);
                }
                Action::Back => question.save_as = None,
                Action::Submit if !path.trim().is_empty() => {
                    let target = PathBuf::from(path.trim());
                    self.overlay = None;
                    self.quit_after_copy = true;
                    self.save.copying();
                    self.say(
                        &format!("Writing a copy to {}...", target.display()),
                        Tone::Info,
                    );
                    return vec![Effect::SaveAs(Box::new(self.record.clone()), target)];
                }
                _ => {}
            }
            self.overlay = Some(Overlay::Quit(question));
            return Vec::new();
        }
        match action {
            Action::RetrySave => {
                self.overlay = None;
                self.run = RunState::Quit;
                let mut effects = self.request_save();
                effects.push(Effect::Exit);
                return effects;
            }
            Action::WriteCopy => question.save_as = Some(String::new()),
            Action::DiscardChanges if question.discard_armed => {
                self.overlay = None;
                self.run = RunState::Quit;
                return vec![Effect::Exit];
            }
            Action::DiscardChanges => question.discard_armed = true,
            Action::Back => {
                self.overlay = None;
                return Vec::new();
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Quit(question));
        Vec::new()
    }
}

/// The selection after the selected row went away.
const fn selected_after(selected: usize, len: usize) -> usize {
    if selected < len {
        selected
    } else {
        len.saturating_sub(1)
    }
}
