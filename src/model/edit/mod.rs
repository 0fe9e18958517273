//! Record commands: every change a front end makes to a record is one function here, with
//! its rules. A command either changes the record and marks it changed now
//! ([`Record::touch`]), or leaves it exactly as it was: when there is nothing to change
//! ([`Changed::No`]), or when a rule refuses the change ([`Refusal`], in the words the
//! screens show).
//!
//! Front ends (`tui`, `cli`) read the record freely and change it only through these, so a
//! rule (the one adult, unique initials, new action numbers, a findings item closed only
//! with every rationale, visibility in part 1, what a change of an action's status does to
//! its note) holds whichever front end made the change.
//!
//! Entries are named by position ([`Entry`]); new entries go under an agenda item, given by
//! its position too (`under`; one past the agenda means none).

mod actions;
mod agenda;
mod attendees;
mod entries;
mod meeting;
mod notes;
mod plan;
mod undo;
mod visibility;

pub use actions::ActionInput;
pub use agenda::Closing;
pub use attendees::{AttendeeInput, Stamp};
pub use entries::{DecisionInput, FindingInput};
pub use meeting::MeetingDetailsInput;
pub use notes::NoteCorrection;
pub use plan::{
    FeedbackInput, OutcomesInput, ParticipationInput, PersonCausingHarmInput, PlanInput,
    ReviewInput, SectionToFill,
};
pub use undo::{Scope, Snapshot, UndoStep};

use super::{ActionLookupError, MinutesStatus, Record, Timestamp};

/// Whether a command changed the record.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Nothing changed: the record is as it was, `updated_at` included.
    No,
    /// The record changed, and `updated_at` says when.
    Yes,
}

impl Changed {
    /// Whether the record changed.
    #[must_use]
    pub const fn is_yes(self) -> bool {
        matches!(self, Self::Yes)
    }
}

/// An entry of the record, by position (from 0; messages count from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// An attendee.
    Attendee(usize),
    /// An agenda item.
    AgendaItem(usize),
    /// Note `index` of agenda item `item`.
    Note {
        /// The agenda item.
        item: usize,
        /// The note within it.
        index: usize,
    },
    /// A finding.
    Finding(usize),
    /// A decision.
    Decision(usize),
    /// An action (by position, not by its number).
    Action(usize),
    /// A person alleged to have caused harm, in the feedback arrangements.
    PersonCausingHarm(usize),
}

impl std::fmt::Display for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::Attendee(i) => write!(f, "attendee {}", i + 1),
            Self::AgendaItem(i) => write!(f, "agenda item {}", i + 1),
            Self::Note { item, index } => {
                write!(f, "note {} of agenda item {}", index + 1, item + 1)
            }
            Self::Finding(i) => write!(f, "finding {}", i + 1),
            Self::Decision(i) => write!(f, "decision {}", i + 1),
            Self::Action(i) => write!(f, "action in row {}", i + 1),
            Self::PersonCausingHarm(i) => {
                write!(f, "person alleged to have caused harm {}", i + 1)
            }
        }
    }
}

/// Why a command refused a change. The record is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The entry is not in the record.
    #[error("The record has no {0}.")]
    Missing(Entry),
    /// What names the entry was left empty (`what` says which).
    #[error("{0} is required.")]
    Blank(&'static str),
    /// Another attendee has these initials (ignoring case), so `@` could not tell them apart.
    #[error("Initials {0} are already used; give this person different initials.")]
    InitialsTaken(String),
    /// The findings item is closed as done only once every finding has its rationale
    /// (finding numbers from 1).
    #[error("Not done: finding {0} has no rationale. Add the evidence and reasoning first.")]
    FindingWithoutRationale(usize),
    /// Only notes, findings, decisions and actions have a visibility.
    #[error("Only notes, findings, decisions and actions can be marked restricted.")]
    NotRestrictable(Entry),
    /// An action named by its number is missing or not unique.
    #[error(transparent)]
    Action(#[from] ActionLookupError),
    /// The meeting's end would be before its start.
    #[error("The meeting cannot end before it started.")]
    EndsBeforeStart,
    /// An attendee would leave before they joined.
    #[error("{0} cannot leave before they joined.")]
    LeavesBeforeJoining(String),
    /// An undo would lose what changed after the step it undoes (which says what it was).
    #[error(
        "Cannot undo \"{0}\": that part of the record has changed since. Change it back by hand."
    )]
    ChangedSince(String),
    /// Agreed or circulated minutes are changed only after they are reopened.
    #[error("The minutes are {}: reopen them (saying who and why) before changing them.", .0.label().to_lowercase())]
    NotDraft(MinutesStatus),
}

impl Record {
    /// Marks the record changed now when `changed`, and says which.
    fn changed_at(&mut self, changed: bool, now: Timestamp) -> Changed {
        if changed {
            self.touch(now);
            Changed::Yes
        } else {
            Changed::No
        }
    }

    /// Marks the record changed now by something written into the minutes (a note, finding,
    /// decision or action). Written after the meeting's day, it was typed up afterwards:
    /// the first time, the meeting records when.
    fn written(&mut self, now: Timestamp) {
        if now.date_naive() > self.meeting.date && self.meeting.typed_up_at.is_none() {
            self.meeting.typed_up_at = Some(now);
        }
        self.touch(now);
    }

    /// Refuses a change to what agreed or circulated minutes say.
    fn draft_only(&self) -> Result<(), Refusal> {
        match self.meeting.status {
            MinutesStatus::Draft => Ok(()),
            status => Err(Refusal::NotDraft(status)),
        }
    }

    /// The key of the agenda item at `under`; empty when there is none there.
    fn agenda_key_at(&self, under: usize) -> String {
        self.agenda
            .get(under)
            .map(|item| item.key.clone())
            .unwrap_or_default()
    }
}

/// Puts `value` in `slot`; whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

/// Takes entry `index` out of `list`; refuses when there is none, naming it as `entry`.
fn take<T>(list: &mut Vec<T>, index: usize, entry: Entry) -> Result<T, Refusal> {
    if index < list.len() {
        Ok(list.remove(index))
    } else {
        Err(Refusal::Missing(entry))
    }
}

/// Refuses `text` when it is blank.
fn required(text: &str, what: &'static str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        Err(Refusal::Blank(what))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(super) mod test_record {
    //! A small record for the commands' tests.

    use crate::model::{Record, Timestamp};

    /// 23 November 2026 at `hh:mm` GMT.
    pub fn at(hh_mm: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-23T{hh_mm}:00+00:00")).unwrap()
    }

    /// A draft made at 09:00 on the day of the meeting, with three agenda items (the second
    /// about findings) and nothing else.
    pub fn record() -> Record {
        serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "ab12cd34ab12cd34ab12cd34ab12cd34",
            "created_at": "2026-11-23T09:00:00+00:00", "updated_at": "2026-11-23T09:00:00+00:00",
            "meeting": {"type": "case-conference", "title": "T", "date": "2026-11-23"},
            "agenda": [
                {"key": "intro", "title": "Introductions", "kind": "attendance"},
                {"key": "findings", "title": "Findings", "kind": "findings"},
                {"key": "plan", "title": "Plan", "kind": "plan"}
            ]
        }))
        .unwrap()
    }
}
