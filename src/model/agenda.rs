//! Agenda items and the notes taken under them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Extra, ItemKind, ItemStatus, NoteChange, Record, Timestamp, Visibility};

/// One agenda item of a meeting, copied from its template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItem {
    /// Stable key within the template, e.g. `finding-per-allegation`: not blank, no `/` or
    /// control character, unique within the record.
    #[schemars(regex(pattern = crate::model::schema::IDENTIFIER))]
    pub key: String,
    /// Title as printed in the minutes.
    pub title: String,
    /// The checklist question the chair must cover.
    #[serde(default)]
    pub prompt: String,
    /// What the item mostly captures.
    #[serde(default = "default_kind")]
    pub kind: ItemKind,
    /// Where the item comes from: seed file and section.
    #[serde(default)]
    pub source: String,
    /// Pending, current, done, skipped or not applicable.
    #[serde(default)]
    pub status: ItemStatus,
    /// When the item was first opened.
    #[serde(default)]
    pub opened_at: Option<Timestamp>,
    /// When the item was closed.
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
    /// Timestamped notes, oldest first.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Notes deleted after they were entered, each with its history ending in the
    /// deletion (who and when): kept as evidence in the record, shown nowhere else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted_notes: Vec<Note>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

const fn default_kind() -> ItemKind {
    ItemKind::Notes
}

impl ItemStatus {
    /// The status an item has once the meeting is (`current`) or is not at it: a pending
    /// item becomes current, and a current item the meeting has left goes back to pending;
    /// done, skipped and not applicable stay as they are.
    #[must_use]
    pub const fn beside_current(self, current: bool) -> Self {
        match (self, current) {
            (Self::Pending, true) => Self::Current,
            (Self::Current, false) => Self::Pending,
            (status, _) => status,
        }
    }
}

impl Record {
    /// The agenda item being minuted: the one marked current; of several (files written by
    /// earlier versions), the one written in last (its newest note, else when it was
    /// opened).
    #[must_use]
    pub fn current_item(&self) -> Option<usize> {
        let last_written = |item: &AgendaItem| {
            item.notes
                .iter()
                .map(|note| note.at)
                .max()
                .or(item.opened_at)
        };
        self.agenda
            .iter()
            .enumerate()
            .filter(|(_, item)| item.status == ItemStatus::Current)
            .max_by_key(|(i, item)| (last_written(item), *i))
            .map(|(i, _)| i)
    }

    /// Makes item `index` the one the meeting is at (see [`ItemStatus::beside_current`]), so
    /// that at most one item is current. Returns whether any status changed.
    pub fn make_current(&mut self, index: usize) -> bool {
        let mut changed = false;
        for (i, item) in self.agenda.iter_mut().enumerate() {
            let status = item.status.beside_current(i == index);
            changed |= status != item.status;
            item.status = status;
        }
        changed
    }

    /// Puts right, along with a real change, what earlier versions could leave: several
    /// current items. Keeps [`current_item`](Self::current_item). Returns whether it did.
    pub fn keep_one_current_item(&mut self) -> bool {
        self.current_item()
            .is_some_and(|index| self.make_current(index))
    }
}

/// One timestamped entry in the notes of an agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Note {
    /// When it was written. On the meeting's day this is its time in the meeting; a note
    /// written on another day (typed up afterwards) has no time in the meeting, and the
    /// minutes show none ([`Record::meeting_time`]).
    pub at: Timestamp,
    /// The text, possibly several lines.
    pub text: String,
    /// Who made the point (initials or name), if attributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Who may see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// What it was before each correction, move or deletion, oldest first. Kept in the
    /// record only: no copy of the minutes carries it ([`Record::for_audience`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<NoteRevision>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A note as it was before one change to it, with who changed it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NoteRevision {
    /// When the change was made.
    pub at: Timestamp,
    /// Who made it.
    pub by: String,
    /// Corrected, moved to another item, or deleted.
    pub change: NoteChange,
    /// The text before the change.
    pub text_before: String,
    /// The speaker before the change, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_before: Option<String>,
    /// The note's time before the change.
    pub at_before: Timestamp,
    /// Its visibility before the change.
    pub visibility_before: Visibility,
    /// The key of the agenda item it was under before the change.
    pub item_before: String,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// A note visible to all.
    #[must_use]
    pub fn new(at: Timestamp, text: impl Into<String>) -> Self {
        Self {
            at,
            text: text.into(),
            speaker: None,
            visibility: Visibility::All,
            history: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Whether any change in its history deleted it (a live note has none).
    #[must_use]
    pub fn was_ever_deleted(&self) -> bool {
        self.history
            .iter()
            .any(|revision| revision.change == NoteChange::Deleted)
    }

    /// Whether it was deleted (its last change is a deletion).
    #[must_use]
    pub fn is_deleted(&self) -> bool {
        self.history
            .last()
            .is_some_and(|revision| revision.change == NoteChange::Deleted)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(hh_mm: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-23T{hh_mm}:00+00:00")).unwrap()
    }

    fn record(statuses: &[ItemStatus]) -> Record {
        let agenda: Vec<serde_json::Value> = statuses
            .iter()
            .enumerate()
            .map(|(i, status)| serde_json::json!({"key": format!("k{i}"), "title": "T", "status": status}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "ab12cd34",
            "created_at": "2026-11-23T10:00:00+00:00", "updated_at": "2026-11-23T10:00:00+00:00",
            "meeting": {"type": "t", "title": "T", "date": "2026-11-23"},
            "agenda": agenda
        }))
        .unwrap()
    }

    #[test]
    fn of_several_current_items_the_one_written_in_last_is_kept() {
        use ItemStatus::{Current, Done, Pending};
        let mut record = record(&[Current, Pending, Current, Current, Done]);
        record.agenda[0].notes.push(Note::new(at("10:40"), "last"));
        record.agenda[2]
            .notes
            .push(Note::new(at("10:20"), "earlier"));
        record.agenda[3].opened_at = Some(at("10:30"));
        assert_eq!(record.current_item(), Some(0));
        assert!(record.keep_one_current_item());
        let statuses: Vec<ItemStatus> = record.agenda.iter().map(|i| i.status).collect();
        assert_eq!(statuses, [Current, Pending, Pending, Pending, Done]);
        assert!(!record.keep_one_current_item(), "nothing more to put right");
        assert_eq!(record.problems(), Vec::<String>::new());
    }

    #[test]
    fn making_an_item_current_leaves_closed_items_alone() {
        use ItemStatus::{Current, Done, Pending, Skipped};
        let mut record = record(&[Current, Done, Pending, Skipped]);
        assert!(record.make_current(2));
        let statuses: Vec<ItemStatus> = record.agenda.iter().map(|i| i.status).collect();
        assert_eq!(statuses, [Pending, Done, Current, Skipped]);
        assert!(!record.make_current(2));
        assert!(
            record.make_current(1),
            "the current item goes back to pending"
        );
        assert_eq!(
            record.current_item(),
            None,
            "a done item is not made current"
        );
        assert_eq!(record.agenda[2].status, Pending);
        assert_eq!(record.agenda[1].status, Done);
    }
}
