//! Stepping through the agenda: opening items, marking them, the meeting part.

use super::{LiveScreen, Pane, Tone};
use crate::model::{Changed, Closing, ItemStatus, MeetingPart, Refusal};
use crate::tui::keymap::Command;

impl LiveScreen {
    /// Item `index`'s status as the screen shows it: the record's, with the item being
    /// minuted as current, as the record will say with the next real change.
    #[must_use]
    pub fn item_status(&self, index: usize) -> Option<ItemStatus> {
        let status = self.record.agenda.get(index)?.status;
        Some(if self.read_only.is_some() {
            status
        } else {
            status.beside_current(index == self.current)
        })
    }

    /// Writes into the record, along with a real change, where the meeting is: the item
    /// being minuted becomes the one current item (see [`Record::set_current_item`]; several
    /// current items left by earlier versions are put right).
    ///
    /// [`Record::set_current_item`]: crate::model::Record::set_current_item
    pub(super) fn note_progress(&mut self) {
        // An empty agenda has no item to be at; nothing to write then.
        let _ = self.record.set_current_item(self.current, self.now);
    }

    /// Makes `index` the item being minuted, and starts a fresh note.
    pub(super) fn open_item(&mut self, index: usize) {
        if index >= self.record.agenda.len() {
            return;
        }
        self.finish_draft();
        self.current = index;
        self.agenda_selected = index;
    }

    /// Opens the next (or previous) item and goes back to typing.
    pub(super) fn step_item(&mut self, by: isize) {
        let len = self.record.agenda.len();
        let target = super::step_index(self.current, by, len);
        if target == self.current {
            let edge = if by > 0 { "last" } else { "first" };
            self.say(&format!("This is the {edge} item."), Tone::Info);
        } else {
            self.open_item(target);
        }
        self.focus_pane(Pane::Notes);
    }

    /// Marks the selected item done, skipped or not applicable; when it is the current item,
    /// moves on to the next item still open.
    pub(super) fn mark_selected(&mut self, how: Closing) {
        if !self.writable() {
            return;
        }
        let index = if self.focus == Pane::Agenda {
            self.agenda_selected
        } else {
            self.current
        };
        let changed = match self.record.close_item(index, how, self.now) {
            Ok(changed) => changed,
            Err(Refusal::Missing(_)) => return,
            Err(refusal) => {
                self.say(&refusal.to_string(), Tone::Warning);
                return;
            }
        };
        let done = match how {
            Closing::Done => "done",
            Closing::Skipped => "skipped",
            Closing::NotApplicable => "not applicable",
        };
        self.say(&format!("Item {} marked {done}.", index + 1), Tone::Info);
        if index == self.current {
            self.finish_draft();
            let next = self
                .record
                .agenda
                .iter()
                .enumerate()
                .skip(index + 1)
                .chain(self.record.agenda.iter().enumerate().take(index))
                .find(|(_, item)| item.status == ItemStatus::Pending)
                .map(|(i, _)| i);
            match next {
                Some(next) => self.open_item(next),
                None => {
                    let text = format!(
                        "Every item is covered. {} ends the meeting with the closing check.",
                        self.palette_hint(Command::EndMeeting)
                    );
                    self.say(&text, Tone::Info);
                }
            }
        } else {
            self.agenda_selected = super::step_index(index, 1, self.record.agenda.len());
        }
        // After moving on, so the next item is current in the record with this change.
        if changed.is_yes() {
            self.changed();
        }
    }

    /// Puts the selected item back to pending (current, if the meeting is at it).
    pub(super) fn reopen_selected(&mut self) {
        if !self.writable() {
            return;
        }
        let reopened = self.record.reopen_item(self.agenda_selected, self.now);
        if reopened.is_ok_and(Changed::is_yes) {
            self.changed();
        }
    }

    /// Starts the meeting now: its start time, on the meeting's day. Typing up, the clock
    /// is not the meeting's: the start is given in the meeting details.
    pub fn start_meeting(&mut self) {
        if !self.writable() {
            return;
        }
        if !self.record.is_meeting_day(&self.now) {
            self.say(
                "Not the meeting's day: give the start time in Plan & review, Meeting details.",
                Tone::Info,
            );
            return;
        }
        if self.record.start_meeting(self.now).is_yes() {
            self.changed();
        }
        let started = self.record.meeting.started_at.map(|t| self.zone.hm(&t));
        if let Some(started) = started {
            self.say(&format!("The meeting started at {started}."), Tone::Info);
        }
    }

    /// Whole meeting -> part 1 (professionals only) -> part 2 (with the adult) -> whole.
    pub(super) fn cycle_part(&mut self) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        let next = self.record.meeting.part.next();
        if self.record.set_part(next, self.now).is_yes() {
            self.changed();
        }
        let note = match next {
            MeetingPart::ProfessionalsOnly => ", new entries P1",
            _ => ", new entries for all",
        };
        self.say(&format!("Now: {}{note}.", next.label()), Tone::Info);
    }
}
