//! Stepping through the agenda: opening items, marking them, the meeting part.

use super::{App, Pane, Tone};
use crate::model::{ItemKind, ItemStatus, MeetingPart};

impl App {
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
    /// being minuted becomes the one current item (stamped when first opened; several
    /// current items left by earlier versions are put right), and the meeting's start is
    /// stamped when this is the first change made on the meeting's day.
    pub(super) fn note_progress(&mut self) {
        let now = self.now;
        self.record.make_current(self.current);
        if let Some(item) = self.record.agenda.get_mut(self.current)
            && item.opened_at.is_none()
        {
            item.opened_at = Some(now);
        }
        let meeting = &mut self.record.meeting;
        if meeting.started_at.is_none()
            && now.date_naive() == meeting.date
            && !self.record.agenda.is_empty()
        {
            meeting.started_at = Some(now);
        }
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

    /// A digit in the agenda: one digit jumps at once; a second within a second makes 10-99.
    pub(super) fn digit(&mut self, digit: u8) {
        let number = match self.pending_digit.take() {
            Some((first, _)) => usize::from(first) * 10 + usize::from(digit),
            None => usize::from(digit),
        };
        let len = self.record.agenda.len();
        if number >= 1 && number <= len {
            self.agenda_selected = number - 1;
        }
        if number * 10 <= len {
            self.pending_digit = Some((u8::try_from(number).unwrap_or(0), self.now));
        }
    }

    /// Marks the selected item done, skipped or not applicable; when it is the current item,
    /// moves on to the next item still open.
    pub(super) fn mark_selected(&mut self, status: ItemStatus) {
        if !self.writable() {
            return;
        }
        let index = self.agenda_selected;
        let Some(item) = self.record.agenda.get(index) else {
            return;
        };
        if status == ItemStatus::Done
            && item.kind == ItemKind::Findings
            && let Some((n, _)) = self
                .record
                .findings
                .iter()
                .enumerate()
                .find(|(_, f)| f.rationale.trim().is_empty())
        {
            self.say(
                &format!(
                    "Not done: finding {} has no rationale. Add the evidence and reasoning first.",
                    n + 1
                ),
                Tone::Warning,
            );
            return;
        }
        if index == self.current {
            self.finish_draft();
        }
        let now = self.now;
        let item = &mut self.record.agenda[index];
        item.status = status;
        item.closed_at = Some(now);
        if item.opened_at.is_none() {
            item.opened_at = Some(now);
        }
        if index == self.current {
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
                None => self.say(
                    "Every item is covered. E ends the meeting with the closing check.",
                    Tone::Info,
                ),
            }
        } else {
            self.agenda_selected = super::step_index(index, 1, self.record.agenda.len());
        }
        // After moving on, so the next item is current in the record with this change.
        self.changed();
    }

    /// Puts the selected item back to pending (or current, if it is the current one).
    pub(super) fn reopen_selected(&mut self) {
        if !self.writable() {
            return;
        }
        let index = self.agenda_selected;
        let current = self.current;
        if let Some(item) = self.record.agenda.get_mut(index) {
            item.status = if index == current {
                ItemStatus::Current
            } else {
                ItemStatus::Pending
            };
            item.closed_at = None;
            self.changed();
        }
    }

    /// Whole meeting -> part 1 (professionals only) -> part 2 (with the adult) -> whole.
    pub(super) fn cycle_part(&mut self) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        let next = match self.record.meeting.part {
            MeetingPart::Whole => MeetingPart::ProfessionalsOnly,
            MeetingPart::ProfessionalsOnly => MeetingPart::WithAdult,
            MeetingPart::WithAdult => MeetingPart::Whole,
        };
        self.record.meeting.part = next;
        self.changed();
        let note = match next {
            MeetingPart::ProfessionalsOnly => "; new entries are professionals-only",
            _ => "; new entries are visible to all",
        };
        self.say(&format!("Now: {}{note}.", next.label()), Tone::Info);
    }
}
