//! The entries of the side panes: attendance, the adult, actions' status, removing and
//! marking entries restricted.

use chrono::NaiveTime;

use super::{App, Overlay, Pane, Tone};
use crate::model::{ActionStatus, Attendance, Visibility};
use crate::tui::app::notes::toggled;

/// What a yes to a confirm question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// Remove the attendee at this index.
    RemoveAttendee(usize),
    /// Remove the finding at this index.
    RemoveFinding(usize),
    /// Remove the decision at this index.
    RemoveDecision(usize),
    /// Remove the action at this index.
    RemoveAction(usize),
}

/// What the selected row of the findings pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingsRow {
    /// A finding (index into `findings`).
    Finding(usize),
    /// A decision (index into `decisions`).
    Decision(usize),
}

impl App {
    /// The selected row of the findings pane, if there is one.
    #[must_use]
    pub fn findings_row(&self) -> Option<FindingsRow> {
        let i = self.selected.findings;
        let findings = self.record.findings.len();
        if i < findings {
            Some(FindingsRow::Finding(i))
        } else if i - findings < self.record.decisions.len() {
            Some(FindingsRow::Decision(i - findings))
        } else {
            None
        }
    }

    /// The time of day now, to the minute, for joined/left stamps.
    fn clock_minute(&self) -> NaiveTime {
        let time = self.now.time();
        NaiveTime::from_hms_opt(
            chrono::Timelike::hour(&time),
            chrono::Timelike::minute(&time),
            0,
        )
        .unwrap_or(time)
    }

    pub(super) fn set_attendance(&mut self, attendance: Attendance) {
        if !self.writable() {
            return;
        }
        let Some(person) = self.record.attendees.get_mut(self.selected.people) else {
            return;
        };
        person.attendance = attendance;
        let text = format!("{}: {}", person.name, attendance.label());
        self.changed();
        self.say(&text, Tone::Info);
    }

    /// J / L: stamps the selected attendee as joining late or leaving early, now; again clears it.
    pub(super) fn stamp(&mut self, joined: bool) {
        if !self.writable() {
            return;
        }
        let now = self.clock_minute();
        let Some(person) = self.record.attendees.get_mut(self.selected.people) else {
            return;
        };
        let slot = if joined {
            &mut person.joined_at
        } else {
            &mut person.left_at
        };
        let text = if slot.is_some() {
            *slot = None;
            format!("{}: time cleared", person.name)
        } else {
            *slot = Some(now);
            person.attendance = Attendance::Present;
            let verb = if joined { "joined" } else { "left" };
            format!("{} {verb} at {}", person.name, now.format("%H:%M"))
        };
        self.changed();
        self.say(&text, Tone::Info);
    }

    /// m: marks the selected attendee as the adult (only one can be), or not.
    pub(super) fn toggle_adult(&mut self) {
        if !self.writable() {
            return;
        }
        let index = self.selected.people;
        let Some(was) = self.record.attendees.get(index).map(|a| a.is_adult) else {
            return;
        };
        for (i, person) in self.record.attendees.iter_mut().enumerate() {
            person.is_adult = i == index && !was;
        }
        let participation = &mut self.record.adult_participation;
        if !was && participation.attended.is_none() {
            let present = self.record.attendees[index].attendance == Attendance::Present;
            participation.attended = Some(present);
        }
        self.changed();
        let text = match (was, self.record.adult_participation.attended) {
            (true, _) => "No longer marked as the adult.",
            (false, Some(false)) => {
                "Marked as the adult, who did not attend: record why in Plan & review."
            }
            (false, _) => "Marked as the adult.",
        };
        self.say(text, Tone::Info);
    }

    /// c / x / o on an action: done, cancelled, open again.
    pub(super) fn set_action_status(&mut self, status: ActionStatus) {
        if !self.writable() {
            return;
        }
        let now = self.now;
        let Some(action) = self.record.actions.get_mut(self.selected.actions) else {
            return;
        };
        if action.status == status {
            return;
        }
        action.status = status;
        action.status_at = Some(now);
        let text = format!("Action #{}: {}", action.id, status.label().to_lowercase());
        self.changed();
        self.say(&text, Tone::Info);
    }

    /// X / Delete: asks before removing the selected entry.
    pub(super) fn ask_remove(&mut self) {
        if !self.writable() {
            return;
        }
        let confirmed = match self.focus {
            Pane::People if self.selected.people < self.record.attendees.len() => {
                Confirmed::RemoveAttendee(self.selected.people)
            }
            Pane::Findings => match self.findings_row() {
                Some(FindingsRow::Finding(i)) => Confirmed::RemoveFinding(i),
                Some(FindingsRow::Decision(i)) => Confirmed::RemoveDecision(i),
                None => return,
            },
            Pane::Actions if self.selected.actions < self.record.actions.len() => {
                Confirmed::RemoveAction(self.selected.actions)
            }
            _ => return,
        };
        let question = match confirmed {
            Confirmed::RemoveAttendee(i) => format!("Remove {}?", self.record.attendees[i].name),
            Confirmed::RemoveFinding(i) => format!("Remove finding {}?", i + 1),
            Confirmed::RemoveDecision(i) => format!("Remove decision {}?", i + 1),
            Confirmed::RemoveAction(i) => format!("Remove action #{}?", self.record.actions[i].id),
        };
        self.overlay = Some(Overlay::Confirm {
            question,
            confirmed,
        });
    }

    pub(super) fn confirmed(&mut self, confirmed: Confirmed) {
        let removed = match confirmed {
            Confirmed::RemoveAttendee(i) if i < self.record.attendees.len() => {
                self.record.attendees.remove(i).name
            }
            Confirmed::RemoveFinding(i) if i < self.record.findings.len() => {
                format!("finding {}", i + 1)
            }
            Confirmed::RemoveDecision(i) if i < self.record.decisions.len() => {
                format!("decision {}", i + 1)
            }
            Confirmed::RemoveAction(i) if i < self.record.actions.len() => {
                format!("action #{}", self.record.actions.remove(i).id)
            }
            _ => return,
        };
        match confirmed {
            Confirmed::RemoveFinding(i) => {
                self.record.findings.remove(i);
            }
            Confirmed::RemoveDecision(i) => {
                self.record.decisions.remove(i);
            }
            _ => {}
        }
        self.changed();
        self.clamp_selections();
        self.say(&format!("Removed {removed}."), Tone::Info);
    }

    /// Keeps every selection on a row that exists.
    pub(super) fn clamp_selections(&mut self) {
        let last = |len: usize| len.saturating_sub(1);
        self.selected.people = self.selected.people.min(last(self.record.attendees.len()));
        self.selected.findings = self.selected.findings.min(last(
            self.record.findings.len() + self.record.decisions.len(),
        ));
        self.selected.actions = self.selected.actions.min(last(self.record.actions.len()));
    }

    /// r / Ctrl-O on a list: marks the selected finding, decision or action restricted, or back.
    pub(super) fn toggle_entry_restricted(&mut self) {
        if !self.writable() {
            return;
        }
        let default = self.record.meeting.part.default_visibility();
        let (visibility, what): (&mut Visibility, String) = match self.focus {
            Pane::Findings => match self.findings_row() {
                Some(FindingsRow::Finding(i)) => (
                    &mut self.record.findings[i].visibility,
                    format!("Finding {}", i + 1),
                ),
                Some(FindingsRow::Decision(i)) => (
                    &mut self.record.decisions[i].visibility,
                    format!("Decision {}", i + 1),
                ),
                None => return,
            },
            Pane::Actions => match self.record.actions.get_mut(self.selected.actions) {
                Some(action) => (&mut action.visibility, format!("Action #{}", action.id)),
                None => return,
            },
            Pane::Agenda | Pane::Notes => {
                self.toggle_note_restricted();
                return;
            }
            Pane::People | Pane::Plan => {
                self.say(
                    "Only notes, findings, decisions and actions can be marked restricted.",
                    Tone::Info,
                );
                return;
            }
        };
        *visibility = toggled(*visibility, default);
        let text = if *visibility == Visibility::Restricted {
            format!("{what} marked RESTRICTED: left out of the adult's copy.")
        } else {
            format!("{what} no longer restricted.")
        };
        self.changed();
        self.say(&text, Tone::Info);
    }
}
