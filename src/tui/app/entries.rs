//! The entries of the side panes: attendance, the adult, actions' status, removing and
//! marking entries restricted.

use chrono::NaiveTime;

use super::{LiveScreen, Overlay, Pane, Tone};
use crate::model::{ActionStatus, ActionUpdate, Attendance, Entry, Stamp, Visibility};

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
    /// Delete entered note `index` of agenda item `item` (kept as a tombstone).
    DeleteNote {
        /// The agenda item.
        item: usize,
        /// The note within it.
        index: usize,
    },
}

/// What the selected row of the findings pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingsRow {
    /// A finding (index into `findings`).
    Finding(usize),
    /// A decision (index into `decisions`).
    Decision(usize),
}

impl LiveScreen {
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

    /// 1-4 in the people pane: the selected attendee's attendance.
    pub(super) fn set_attendance(&mut self, attendance: Attendance) {
        if !self.writable() {
            return;
        }
        let index = self.selected.people;
        let Ok(changed) = self.record.set_attendance(index, attendance, self.now) else {
            return;
        };
        if changed.is_yes() {
            self.changed();
        }
        let text = format!(
            "{}: {}",
            self.record.attendees[index].name,
            attendance.label()
        );
        self.say(&text, Tone::Info);
    }

    /// J / L: stamps the selected attendee as joining late or leaving early, now; again clears it.
    pub(super) fn stamp(&mut self, stamp: Stamp) {
        if !self.writable() {
            return;
        }
        if self.typing_up() {
            self.say(
                "Typing up: the clock is not the meeting's. Give the time in the attendee's form.",
                Tone::Info,
            );
            return;
        }
        let index = self.selected.people;
        let time = self.clock_minute();
        let stamped = match self.record.stamp_attendee(index, stamp, time, self.now) {
            Ok(stamped) => stamped,
            Err(crate::model::Refusal::Missing(_)) => return,
            Err(refusal) => {
                self.say(&refusal.to_string(), Tone::Warning);
                return;
            }
        };
        self.changed();
        let name = &self.record.attendees[index].name;
        let text = match (stamped, stamp) {
            (None, _) => format!("{name}: time cleared"),
            (Some(at), Stamp::Joined) => format!("{name} joined at {}", at.format("%H:%M")),
            (Some(at), Stamp::Left) => format!("{name} left at {}", at.format("%H:%M")),
        };
        self.say(&text, Tone::Info);
    }

    /// m: marks the selected attendee as the adult (only one can be), or not.
    pub(super) fn toggle_adult(&mut self) {
        if !self.writable() {
            return;
        }
        let Ok(is_adult) = self.record.toggle_adult(self.selected.people, self.now) else {
            return;
        };
        self.changed();
        let text = match (is_adult, self.record.adult_participation.attended) {
            (false, _) => "No longer marked as the adult.",
            (true, Some(false)) => {
                "Marked as the adult, who did not attend: record why in Plan & review."
            }
            (true, _) => "Marked as the adult.",
        };
        self.say(text, Tone::Info);
    }

    /// c / x / o on an action: done, cancelled, open again. A new status clears the note
    /// that explained the old one, as the action tracker does.
    pub(super) fn set_action_status(&mut self, status: ActionStatus) {
        if !self.writable() {
            return;
        }
        let Some(id) = self.record.actions.get(self.selected.actions).map(|a| a.id) else {
            return;
        };
        match self.record.set_action_status(id, status, None, self.now) {
            Ok(ActionUpdate::Unchanged) => {}
            Ok(ActionUpdate::Changed { .. }) => {
                self.changed();
                let text = format!("Action #{id}: {}", status.label().to_lowercase());
                self.say(&text, Tone::Info);
            }
            Err(refusal) => self.say(&refusal.to_string(), Tone::Warning),
        }
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
            Confirmed::DeleteNote { .. } => return,
        };
        self.overlay = Some(Overlay::Confirm {
            question,
            confirmed,
        });
    }

    pub(super) fn confirmed(&mut self, confirmed: Confirmed) {
        let by = self.changed_by();
        let (record, now) = (&mut self.record, self.now);
        let removed = match confirmed {
            Confirmed::RemoveAttendee(i) => record
                .remove_attendee(i, now)
                .map(|a| format!("Removed {}", a.name)),
            Confirmed::RemoveFinding(i) => record
                .remove_finding(i, now)
                .map(|_| format!("Removed finding {}", i + 1)),
            Confirmed::RemoveDecision(i) => record
                .remove_decision(i, now)
                .map(|_| format!("Removed decision {}", i + 1)),
            Confirmed::RemoveAction(i) => record
                .remove_action(i, now)
                .map(|a| format!("Removed action #{}", a.id)),
            Confirmed::DeleteNote { item, index } => record
                .delete_note(item, index, &by, now)
                .map(|()| "Note deleted (kept in the record's history)".to_owned()),
        };
        let removed = match removed {
            Ok(removed) => removed,
            Err(refusal) => {
                self.say(&refusal.to_string(), Tone::Warning);
                return;
            }
        };
        self.changed();
        self.clamp_selections();
        self.say(&format!("{removed}."), Tone::Info);
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
        let (entry, what) = match self.focus {
            Pane::Findings => match self.findings_row() {
                Some(FindingsRow::Finding(i)) => (Entry::Finding(i), format!("Finding {}", i + 1)),
                Some(FindingsRow::Decision(i)) => {
                    (Entry::Decision(i), format!("Decision {}", i + 1))
                }
                None => return,
            },
            Pane::Actions => match self.record.actions.get(self.selected.actions) {
                Some(action) => (
                    Entry::Action(self.selected.actions),
                    format!("Action #{}", action.id),
                ),
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
        let Ok(visibility) = self.record.toggle_restricted(entry, self.now) else {
            return;
        };
        self.changed();
        self.say(&restricted_text(&what, visibility), Tone::Info);
    }
}

/// What the status line says when `what` was marked restricted, or no longer.
pub(super) fn restricted_text(what: &str, visibility: Visibility) -> String {
    if visibility == Visibility::Restricted {
        format!("{what} marked RESTRICTED: left out of the adult's copy.")
    } else {
        format!("{what} no longer restricted.")
    }
}
