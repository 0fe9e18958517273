//! The live-meeting state and its `update` function: pure, no I/O, no clock (time arrives
//! in `Action::Tick`). The shell performs the returned effects.

mod agenda;
mod entries;
mod forms;
mod notes;
mod overlay;
mod palette;
mod people_line;
mod quick;
mod saving;
mod typing;
mod undo;

use std::sync::Arc;

use chrono::NaiveDate;
use ratatui_textarea::{TextArea, WrapMode};

use crate::model::{ActionStatus, Closing, Record, Stamp, Timestamp, UndoStep};
use crate::tui::action::{Action, Effect};
use crate::tui::keymap::{self, Help, Keymap};

pub use entries::{Confirmed, FindingsRow};
pub use forms::{FormFields, FormPurpose};
pub use notes::{SpeakerCompletion, speaker_matches, text_of};
pub use overlay::{Overlay, QuitQuestion, USUAL_ROLES, goto_matches};
pub use palette::{Palette, PaletteEntry};
pub use people_line::PeopleLine;
pub use quick::QuickAction;
pub use saving::SaveState;
pub use typing::printable;

/// Whether the program goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    /// Keep looping.
    Running,
    /// Leave the loop (after the shell has saved).
    Quit,
}

/// The panes of the live screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The agenda list.
    Agenda,
    /// The current item's notes editor (typing).
    Notes,
    /// Attendees.
    People,
    /// Findings and decisions.
    Findings,
    /// Actions.
    Actions,
    /// The adult's participation, outcomes, plan, feedback and review.
    Plan,
}

impl Pane {
    /// Tab order.
    pub const ALL: [Self; 6] = [
        Self::Agenda,
        Self::Notes,
        Self::People,
        Self::Findings,
        Self::Actions,
        Self::Plan,
    ];

    /// The name on its tab.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Agenda => "Agenda",
            Self::Notes => "Notes",
            Self::People => "People",
            Self::Findings => "Findings & decisions",
            Self::Actions => "Actions",
            Self::Plan => "Plan & review",
        }
    }

    /// One of the panes that share the side column (people, findings, actions, plan).
    #[must_use]
    pub const fn is_side(self) -> bool {
        matches!(
            self,
            Self::People | Self::Findings | Self::Actions | Self::Plan
        )
    }

    /// The short name on a tab.
    #[must_use]
    pub const fn tab(self) -> &'static str {
        match self {
            Self::Agenda => "Agenda",
            Self::Notes => "Notes",
            Self::People => "People",
            Self::Findings => "Findings",
            Self::Actions => "Actions",
            Self::Plan => "Plan",
        }
    }

    fn step(self, by: isize) -> Self {
        let i = Self::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = Self::ALL.len() as isize;
        let next = (i as isize + by).rem_euclid(n);
        Self::ALL[usize::try_from(next).unwrap_or(0)]
    }
}

/// How serious a status-line message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Information.
    Info,
    /// Something was refused or needs attention.
    Warning,
}

/// Everything the live screen shows and edits.
#[derive(Debug)]
pub struct LiveScreen {
    /// The record being minuted.
    pub record: Record,
    /// Why this session may not write the record, if so.
    pub read_only: Option<String>,
    /// The focused pane.
    pub focus: Pane,
    /// The side pane shown beside the notes on wide screens (the last one focused).
    pub side: Pane,
    /// The agenda item being minuted. The record learns of it with the next real change
    /// (see [`LiveScreen::item_status`]): moving through the agenda is a look, not an edit.
    pub current: usize,
    /// The agenda row the cursor is on.
    pub agenda_selected: usize,
    /// Selected row in the other panes.
    pub selected: Selections,
    /// The notes editor for the current item.
    pub editor: TextArea<'static>,
    /// Where the note being typed lives: (agenda index, note index).
    pub draft: Option<(usize, usize)>,
    /// The speaker of the note being typed (initials).
    pub speaker: Option<String>,
    /// `@` completion of a speaker, while typing one.
    pub completion: Option<SpeakerCompletion>,
    /// A one-line message in the status bar, cleared by the next key.
    pub message: Option<(String, Tone)>,
    /// Saving: what was saved, what is in flight, what failed.
    pub save: SaveState,
    /// The latest time seen.
    pub now: Timestamp,
    /// The note selected above the editor to correct (its index under the current item).
    pub note_selected: Option<usize>,
    /// Changes with consequences, the last one last, for [`Action::UndoChange`].
    pub undo: Vec<UndoStep>,
    /// The user chose to write a copy and quit: leave once the copy is written.
    pub quit_after_copy: bool,
    /// Closing-check gaps acknowledged in this session (their messages).
    pub acknowledged: Vec<String>,
    /// The window over the screen that takes the keys, if any.
    pub overlay: Option<Overlay>,
    /// The key table in force: what keys do, and what the screen calls them.
    pub keys: Arc<Keymap>,
    /// Who is using the screen (the configured name), for the history of corrected notes
    /// and as the minute taker offered when none is recorded; see
    /// [`LiveScreen::changed_by`].
    pub user_name: Option<String>,
    /// The council's time zone: every time the screen shows is on its clock.
    pub zone: crate::clock::Zone,
    /// The record as it is on disk (as opened, or as last saved with no change since);
    /// `None` once it has changed. An "edit" that leaves the record equal to it is a look:
    /// nothing is touched or saved.
    on_disk: Option<Record>,
    run: RunState,
    redraw: bool,
}

/// The selected row of each list pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selections {
    /// Attendees.
    pub people: usize,
    /// Findings then decisions, as one list.
    pub findings: usize,
    /// Actions.
    pub actions: usize,
    /// Sections of the plan pane.
    pub plan: usize,
}

impl LiveScreen {
    /// A live screen on `record`, typing notes on its current item (where typing stopped),
    /// else its first pending one, with the built-in keys. Opening changes nothing in the
    /// record.
    #[must_use]
    pub fn new(record: Record, read_only: Option<String>, now: Timestamp) -> Self {
        let start = record
            .current_item()
            .unwrap_or_else(|| first_pending(&record));
        Self {
            on_disk: read_only.is_none().then(|| record.clone()),
            record,
            read_only,
            focus: Pane::Notes,
            side: Pane::People,
            current: start,
            agenda_selected: start,
            selected: Selections::default(),
            editor: new_editor(),
            draft: None,
            speaker: None,
            completion: None,
            message: None,
            save: SaveState::new(now),
            now,
            note_selected: None,
            undo: Vec::new(),
            overlay: None,
            keys: Keymap::shared_default(),
            user_name: None,
            zone: crate::clock::Zone::default(),
            acknowledged: Vec::new(),
            quit_after_copy: false,
            run: RunState::Running,
            redraw: true,
        }
    }

    /// The same screen with the key table in force (the built-in one patched by `keys.toml`).
    #[must_use]
    pub fn with_keys(mut self, keys: Arc<Keymap>) -> Self {
        self.keys = keys;
        self
    }

    /// The live screen showing its times on the clock of `zone` (the council's).
    #[must_use]
    pub const fn with_zone(mut self, zone: crate::clock::Zone) -> Self {
        self.zone = zone;
        self
    }

    /// The live screen used by `name` (the configured name, see [`Self::user_name`]); a
    /// blank name is none.
    #[must_use]
    pub fn with_user_name(mut self, name: Option<String>) -> Self {
        self.user_name = name.filter(|n| !n.trim().is_empty());
        self
    }

    /// Who a correction is made by: the user's name, else the record's minute taker, else
    /// "the minute taker" (the one at the keyboard).
    #[must_use]
    pub fn changed_by(&self) -> String {
        self.user_name
            .clone()
            .or_else(|| {
                Some(self.record.meeting.minute_taker.trim().to_owned()).filter(|m| !m.is_empty())
            })
            .unwrap_or_else(|| "the minute taker".to_owned())
    }

    /// Whether the minutes are being typed up after the meeting's day: no clock time then
    /// is a time in the meeting (the model stamps none), and the header says so.
    #[must_use]
    pub fn typing_up(&self) -> bool {
        self.today() > self.record.meeting.date
    }

    /// Applies one action; returns the I/O for the shell to perform.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(
            action,
            Action::Tick(_) | Action::Saved(_) | Action::Resize(..)
        ) {
            self.message = None;
        }
        self.redraw |= !matches!(action, Action::Tick(_));
        match action {
            Action::SaveNow => return self.save_now(),
            Action::Quit if self.overlay.is_some() && !self.keep_open_entry() => return Vec::new(),
            Action::HangUp => {
                self.keep_open_entry();
                self.overlay = None;
            }
            _ => {}
        }
        if self.types_into_notes(&action) {
            self.close_for_typing();
            return self.update_more(action);
        }
        let scopes = self.undo_scopes(&action);
        let before: Vec<_> = scopes.iter().map(|s| self.record.snapshot(*s)).collect();
        let effects = self.dispatch(action);
        self.remember(before);
        effects
    }

    fn dispatch(&mut self, action: Action) -> Vec<Effect> {
        if self.overlay.is_some()
            && !matches!(
                action,
                Action::Tick(_)
                    | Action::Saved(_)
                    | Action::Copied(_)
                    | Action::Resize(..)
                    | Action::HangUp
            )
        {
            return self.update_overlay(action);
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help(Help::new(keymap::contexts(self))));
                Vec::new()
            }
            Action::Tick(now) => self.tick(now),
            Action::Saved(result) => {
                self.save.finished(result, self.now);
                if !self.save.is_dirty() && self.on_disk.is_none() {
                    self.on_disk = Some(self.record.clone());
                }
                Vec::new()
            }
            Action::Copied(result) => self.copied(result),
            Action::Resize(..) => Vec::new(),
            Action::Redraw => vec![Effect::ClearScreen],
            Action::HangUp => self.hang_up(),
            Action::Quit => self.quit(),
            Action::SaveNow => self.save_now(),
            Action::Palette => {
                self.open_palette();
                Vec::new()
            }
            Action::FocusNext => {
                self.focus_pane(self.focus.step(1));
                Vec::new()
            }
            Action::FocusPrev => {
                self.focus_pane(self.focus.step(-1));
                Vec::new()
            }
            Action::Back if self.completion.is_some() => {
                self.completion = None;
                Vec::new()
            }
            Action::Back => {
                if self.focus == Pane::Notes {
                    self.focus_pane(Pane::Agenda);
                }
                Vec::new()
            }
            Action::TypeNotes => {
                self.focus_pane(Pane::Notes);
                self.note_selected = None;
                Vec::new()
            }
            action => self.update_more(action),
        }
    }

    fn update_more(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Edit(input) if self.focus == Pane::Notes && self.note_selected.is_none() => {
                self.edit_notes(Action::Edit(input));
            }
            Action::Edit(input) if !printable(&input) => {}
            Action::Edit(_) | Action::Paste(_) => {
                self.focus_pane(Pane::Notes);
                self.note_selected = None;
                self.edit_notes(action);
            }
            Action::SelectNotes => self.select_notes(),
            _ if self.note_selected.is_some() => self.update_note_list(action),
            Action::Submit if self.focus == Pane::Notes => self.submit_notes(),
            Action::SelectNext if self.completion.is_some() => self.move_completion(1),
            Action::SelectPrev if self.completion.is_some() => self.move_completion(-1),
            Action::NextItem => self.step_item(1),
            Action::PrevItem => self.step_item(-1),
            Action::SelectNext => self.move_selection(1),
            Action::SelectPrev => self.move_selection(-1),
            Action::PageDown => self.move_selection(10),
            Action::PageUp => self.move_selection(-10),
            Action::Activate if self.focus == Pane::Agenda => {
                self.open_item(self.agenda_selected);
                self.focus_pane(Pane::Notes);
            }
            Action::MarkDone => self.mark_selected(Closing::Done),
            Action::MarkSkipped => self.mark_selected(Closing::Skipped),
            Action::MarkNotApplicable => self.mark_selected(Closing::NotApplicable),
            Action::CyclePart => self.cycle_part(),
            Action::Reopen if self.focus == Pane::Agenda => self.reopen_selected(),
            Action::ToggleRestricted => self.toggle_entry_restricted(),
            Action::GotoItem => self.open_goto(),
            Action::EndMeeting => self.open_closing(),
            Action::QuickAddRole => self.open_roles(),
            Action::AddPeople => self.open_people_line(),
            Action::SetAttendance(attendance) => self.set_attendance(attendance),
            Action::StampJoined => self.stamp(Stamp::Joined),
            Action::StampLeft => self.stamp(Stamp::Left),
            Action::ToggleAdult => self.toggle_adult(),
            Action::CompleteAction => self.set_action_status(ActionStatus::Done),
            Action::CancelAction => self.set_action_status(ActionStatus::Cancelled),
            Action::Reopen if self.focus == Pane::Actions => {
                self.set_action_status(ActionStatus::Open);
            }
            Action::RemoveSelected => self.ask_remove(),
            Action::EditSelected => self.edit_selected(),
            Action::Add => self.add_entry(),
            Action::AddDecision => self.add_decision(),
            Action::QuickAction => self.open_quick_action(),
            Action::Activate => self.edit_selected(),
            Action::UndoChange => self.undo_change(),
            Action::StartMeeting => self.start_meeting(),
            Action::MeetingDetails => self.open_form(FormPurpose::MeetingDetails),
            Action::MarkUntouched => self.mark_untouched_not_discussed(),
            Action::FillSection => self.fill_section_from_selected(),
            _ => {}
        }
        Vec::new()
    }

    /// Whether to keep looping.
    #[must_use]
    pub const fn run_state(&self) -> RunState {
        self.run
    }

    /// Whether something visible changed since the last draw; the shell clears it after drawing.
    #[must_use]
    pub const fn needs_redraw(&self) -> bool {
        self.redraw
    }

    /// Called by the shell after drawing.
    pub fn drawn(&mut self) {
        self.redraw = false;
    }

    /// Whether there are changes not yet saved.
    #[must_use]
    pub const fn is_dirty(&self) -> bool {
        self.save.is_dirty()
    }

    /// Whether there are changes held nowhere on disk: not saved, and not in a copy.
    #[must_use]
    pub fn has_changes_only_in_memory(&self) -> bool {
        self.save.only_in_memory()
    }

    /// Today, in the meeting's time zone.
    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Refuses an edit when the record is read-only, saying why.
    fn writable(&mut self) -> bool {
        match &self.read_only {
            None => true,
            Some(reason) => {
                let text = format!("Read-only: {reason}");
                self.say(&text, Tone::Warning);
                false
            }
        }
    }

    /// Registers that a record command changed the record (and touched it), if it differs
    /// from the file: with the first real change the record also learns where the meeting
    /// is ([`Self::note_progress`]).
    fn changed(&mut self) {
        if self.on_disk.as_ref() == Some(&self.record) {
            return;
        }
        self.on_disk = None;
        self.note_progress();
        self.save.changed();
        self.redraw = true;
    }

    /// Warnings from before the screen opened (folder open to others, unknown theme, a lock
    /// taken over): the first in the status line, with how many more there are and where
    /// they are (`rest_are`: "printed before the screen opened").
    pub fn show_warnings(&mut self, warnings: &[String], rest_are: &str) {
        let Some(first) = warnings.first() else {
            return;
        };
        let more = match warnings.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more warning(s), {rest_are})"),
        };
        self.say(&format!("Warning: {first}{more}"), Tone::Warning);
    }

    fn say(&mut self, text: &str, tone: Tone) {
        self.message = Some((text.to_owned(), tone));
    }

    fn focus_pane(&mut self, pane: Pane) {
        if self.focus == Pane::Notes && pane != Pane::Notes {
            self.agenda_selected = self.current;
        }
        if pane.is_side() {
            self.side = pane;
        }
        self.focus = pane;
    }

    fn move_selection(&mut self, by: isize) {
        let (len, slot) = match self.focus {
            Pane::Agenda => (self.record.agenda.len(), &mut self.agenda_selected),
            Pane::People => (self.record.attendees.len(), &mut self.selected.people),
            Pane::Findings => (
                self.record.findings.len() + self.record.decisions.len(),
                &mut self.selected.findings,
            ),
            Pane::Actions => (self.record.actions.len(), &mut self.selected.actions),
            Pane::Plan => (PLAN_SECTIONS.len(), &mut self.selected.plan),
            Pane::Notes => return,
        };
        *slot = step_index(*slot, by, len);
    }
}

/// The first pending item (or the first item).
fn first_pending(record: &Record) -> usize {
    record
        .agenda
        .iter()
        .position(|item| item.status == crate::model::ItemStatus::Pending)
        .unwrap_or(0)
}

/// The sections of the plan pane, in order.
pub const PLAN_SECTIONS: [&str; 7] = [
    "The adult's participation",
    "Outcomes and referrals",
    "Protection plan",
    "Feedback",
    "Review and circulation",
    "People alleged to have caused harm",
    "Meeting details",
];

/// `index` moved by `by` within `0..len`, clamped.
fn step_index(index: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let moved = index.saturating_add_signed(by);
    moved.min(len - 1)
}

/// A notes editor: soft-wrapped, real cursor.
fn new_editor() -> TextArea<'static> {
    let mut editor = TextArea::default();
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(ratatui::style::Style::default());
    // The terminal's own cursor marks the caret (see `ui::render`): a drawn one would cost a
    // cell of escape codes on every key over SSH.
    editor.set_cursor_style(ratatui::style::Style::default());
    editor
}
