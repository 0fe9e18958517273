//! Undoing the last change with consequences (the meeting part, restricted, a removal, an
//! item's or an action's status, the end of the meeting). A change is remembered as the
//! part of the record it touched, before and after; undoing puts the before back, and only
//! while that part is still as the change left it, so nothing typed or changed since is lost.

use super::{Changed, Refusal};
use crate::model::{
    ActionItem, Attendee, Decision, Finding, ItemStatus, MeetingPart, Note, Record, Timestamp,
};

/// The part of a record a change touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The running part of the meeting.
    Part,
    /// The attendees.
    Attendees,
    /// The findings.
    Findings,
    /// The decisions.
    Decisions,
    /// The actions.
    Actions,
    /// Each agenda item's status and times, and the meeting's start and end.
    Agenda,
    /// The notes of agenda item `0`, deleted ones included.
    Notes(usize),
}

/// One item's status and when it was opened and closed.
type ItemState = (ItemStatus, Option<Timestamp>, Option<Timestamp>);

/// A [`Scope`] of a record as it was at one moment.
#[derive(Debug, Clone, PartialEq)]
pub enum Snapshot {
    /// The running part.
    Part(MeetingPart),
    /// The attendees.
    Attendees(Vec<Attendee>),
    /// The findings.
    Findings(Vec<Finding>),
    /// The decisions.
    Decisions(Vec<Decision>),
    /// The actions.
    Actions(Vec<ActionItem>),
    /// The agenda's statuses, and the meeting's start and end.
    Agenda {
        /// Each item's status, opened and closed times.
        items: Vec<ItemState>,
        /// When the meeting started.
        started_at: Option<Timestamp>,
        /// When it ended.
        ended_at: Option<Timestamp>,
    },
    /// One item's notes and deleted notes.
    Notes {
        /// The agenda item.
        item: usize,
        /// Its notes.
        notes: Vec<Note>,
        /// Its deleted notes (tombstones).
        deleted: Vec<Note>,
    },
}

/// A change that can be undone: what it was, in words, and its scope before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    /// What changed, as the status line said it ("Now: part 2, with the adult").
    pub what: String,
    before: Snapshot,
    after: Snapshot,
}

impl UndoStep {
    /// The change from `before` to `record`'s same scope now, or `None` when nothing in
    /// that scope changed.
    #[must_use]
    pub fn since(before: Snapshot, record: &Record, what: &str) -> Option<Self> {
        let after = record.snapshot(before.scope());
        (after != before).then(|| Self {
            what: what.to_owned(),
            before,
            after,
        })
    }
}

impl Snapshot {
    const fn scope(&self) -> Scope {
        match self {
            Self::Part(_) => Scope::Part,
            Self::Attendees(_) => Scope::Attendees,
            Self::Findings(_) => Scope::Findings,
            Self::Decisions(_) => Scope::Decisions,
            Self::Actions(_) => Scope::Actions,
            Self::Agenda { .. } => Scope::Agenda,
            Self::Notes { item, .. } => Scope::Notes(*item),
        }
    }
}

impl Record {
    /// `scope` of this record as it is now.
    #[must_use]
    pub fn snapshot(&self, scope: Scope) -> Snapshot {
        match scope {
            Scope::Part => Snapshot::Part(self.meeting.part),
            Scope::Attendees => Snapshot::Attendees(self.attendees.clone()),
            Scope::Findings => Snapshot::Findings(self.findings.clone()),
            Scope::Decisions => Snapshot::Decisions(self.decisions.clone()),
            Scope::Actions => Snapshot::Actions(self.actions.clone()),
            Scope::Agenda => Snapshot::Agenda {
                items: self
                    .agenda
                    .iter()
                    .map(|i| (i.status, i.opened_at, i.closed_at))
                    .collect(),
                started_at: self.meeting.started_at,
                ended_at: self.meeting.ended_at,
            },
            Scope::Notes(item) => {
                let (notes, deleted) = self
                    .agenda
                    .get(item)
                    .map(|i| (i.notes.clone(), i.deleted_notes.clone()))
                    .unwrap_or_default();
                Snapshot::Notes {
                    item,
                    notes,
                    deleted,
                }
            }
        }
    }

    /// Puts back what `step` changed.
    ///
    /// # Errors
    /// [`Refusal::ChangedSince`] when that part of the record changed after the step (the
    /// undo would lose it); [`Refusal::NotDraft`] unless the minutes are a draft.
    pub fn undo(&mut self, step: &UndoStep, now: Timestamp) -> Result<Changed, Refusal> {
        self.draft_only()?;
        if self.snapshot(step.after.scope()) != step.after {
            return Err(Refusal::ChangedSince(step.what.clone()));
        }
        match step.before.clone() {
            Snapshot::Part(part) => self.meeting.part = part,
            Snapshot::Attendees(attendees) => self.attendees = attendees,
            Snapshot::Findings(findings) => self.findings = findings,
            Snapshot::Decisions(decisions) => self.decisions = decisions,
            Snapshot::Actions(actions) => self.actions = actions,
            Snapshot::Agenda {
                items,
                started_at,
                ended_at,
            } => {
                for (item, (status, opened, closed)) in self.agenda.iter_mut().zip(items) {
                    (item.status, item.opened_at, item.closed_at) = (status, opened, closed);
                }
                self.meeting.started_at = started_at;
                self.meeting.ended_at = ended_at;
            }
            Snapshot::Notes {
                item,
                notes,
                deleted,
            } => {
                if let Some(agenda_item) = self.agenda.get_mut(item) {
                    (agenda_item.notes, agenda_item.deleted_notes) = (notes, deleted);
                }
            }
        }
        self.touch(now);
        Ok(Changed::Yes)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::Closing;

    #[test]
    fn a_part_change_is_undone_even_after_notes_were_typed() {
        let mut record = record();
        let before = record.snapshot(Scope::Part);
        assert!(
            record
                .set_part(MeetingPart::WithAdult, at("10:10"))
                .is_yes()
        );
        let step = UndoStep::since(before, &record, "Now: part 2").unwrap();
        record
            .add_note(0, "typed after".to_owned(), None, at("10:11"))
            .unwrap();
        assert_eq!(record.undo(&step, at("10:12")), Ok(Changed::Yes));
        assert_eq!(record.meeting.part, MeetingPart::Whole);
        assert_eq!(
            record.agenda[0].notes.len(),
            1,
            "the note typed since stays"
        );
    }

    #[test]
    fn an_undo_is_refused_when_the_same_part_changed_since() {
        let mut record = record();
        let before = record.snapshot(Scope::Agenda);
        assert!(
            record
                .close_item(0, Closing::Done, at("10:10"))
                .unwrap()
                .is_yes()
        );
        let step = UndoStep::since(before, &record, "Item 1 done").unwrap();
        assert!(
            record
                .close_item(1, Closing::Skipped, at("10:11"))
                .unwrap()
                .is_yes()
        );
        assert_eq!(
            record.undo(&step, at("10:12")),
            Err(Refusal::ChangedSince("Item 1 done".to_owned()))
        );
        assert_eq!(record.agenda[1].status, ItemStatus::Skipped, "nothing lost");
    }

    #[test]
    fn no_step_without_a_change() {
        let record = record();
        let before = record.snapshot(Scope::Actions);
        assert!(UndoStep::since(before, &record, "nothing").is_none());
    }
}
