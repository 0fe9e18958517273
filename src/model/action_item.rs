//! Actions: who does what by when.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ActionReview, ActionStatus, Extra, Timestamp, Visibility};

/// One action agreed in the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActionItem {
    /// Number within the record, from 1, never reused.
    pub id: u32,
    /// What is to be done.
    pub text: String,
    /// Who does it (name or initials of an attendee, or a role).
    #[serde(default)]
    pub owner: String,
    /// The owner's agency.
    #[serde(default)]
    pub agency: String,
    /// By when.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Open, done or cancelled.
    #[serde(default)]
    pub status: ActionStatus,
    /// When the status last changed.
    #[serde(default)]
    pub status_at: Option<Timestamp>,
    /// Why it was cancelled or left open at review, where that needs saying.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_note: String,
    /// The agenda item it was agreed under.
    #[serde(default)]
    pub agenda_key: String,
    /// When it was recorded.
    pub created_at: Timestamp,
    /// Who may see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// The action of an earlier meeting this one was carried from (follow-up meetings), and
    /// what this meeting found when it reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<CarriedFrom>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a carried action came from, and the outcome of its review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CarriedFrom {
    /// The earlier record's id.
    pub record_id: String,
    /// The action's id in that record.
    pub action_id: u32,
    /// Done, or still open because circumstances changed or the agency did not act; `None`
    /// until the meeting has reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ActionReview>,
}

impl ActionItem {
    /// Open and past its due date.
    #[must_use]
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|due| due < today)
    }

    /// Still to be done.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.status == ActionStatus::Open
    }
}

/// What [`Record::set_action_status`](super::Record::set_action_status) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionUpdate {
    /// The action already had that status (and note): nothing changed.
    Unchanged,
    /// The action changed; it had status `from` before.
    Changed {
        /// The status before.
        from: ActionStatus,
    },
}

/// Why an action asked for by its number cannot be changed. The record is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionLookupError {
    /// The record has no action with that number.
    #[error("the record has no action {id}{}", known_ids(.known))]
    Missing {
        /// The number asked for.
        id: u32,
        /// The numbers it has.
        known: Vec<u32>,
    },
    /// Several actions have that number (the file breaks the rule that numbers are unique),
    /// so which one is meant is not known.
    #[error(
        "the record has {} actions numbered {id} ({}); numbers must be unique, so none was \
         changed: give them different numbers in the file first",
        texts.len(),
        quoted(.texts)
    )]
    Shared {
        /// The number asked for.
        id: u32,
        /// The text of each action with that number.
        texts: Vec<String>,
    },
}

fn known_ids(known: &[u32]) -> String {
    if known.is_empty() {
        " (it has no actions)".to_owned()
    } else {
        let ids: Vec<String> = known.iter().map(u32::to_string).collect();
        format!(" (its actions are {})", ids.join(", "))
    }
}

fn quoted(texts: &[String]) -> String {
    let texts: Vec<String> = texts
        .iter()
        .map(|text| format!("'{}'", text.escape_debug()))
        .collect();
    texts.join(", ")
}

impl super::Record {
    /// The number for a new action: one more than the highest (so never one in use), or,
    /// after a number as high as numbers go, the lowest free one.
    #[must_use]
    pub fn next_action_id(&self) -> u32 {
        let in_use = |id: u32| self.actions.iter().any(|a| a.id == id);
        let highest = self.actions.iter().map(|a| a.id).max().unwrap_or(0);
        highest
            .checked_add(1)
            .or_else(|| (1..u32::MAX).find(|&id| !in_use(id)))
            .unwrap_or(u32::MAX)
    }

    /// Where the one action numbered `id` is.
    ///
    /// # Errors
    /// [`ActionLookupError`] if the record has no action `id`, or several.
    pub fn action_index(&self, id: u32) -> Result<usize, ActionLookupError> {
        let numbered: Vec<usize> = (0..self.actions.len())
            .filter(|&i| self.actions[i].id == id)
            .collect();
        match numbered[..] {
            [index] => Ok(index),
            [] => {
                let known = self.actions.iter().map(|a| a.id).collect();
                Err(ActionLookupError::Missing { id, known })
            }
            _ => {
                let texts = numbered
                    .iter()
                    .map(|&i| self.actions[i].text.clone())
                    .collect();
                Err(ActionLookupError::Shared { id, texts })
            }
        }
    }

    /// Sets an action's status, as the action tracker does: `status_at` becomes `now`,
    /// the note becomes `note` (trimmed; with no note, a change of status clears the old
    /// one, which explained the old status), and the record is touched. Setting the status
    /// it already has changes only the note, if a different one is given, and leaves
    /// `status_at` alone; with the same note too, nothing changes.
    ///
    /// # Errors
    /// [`ActionLookupError`] if the record has no action `id`, or several; the record is then
    /// unchanged.
    pub fn set_action_status(
        &mut self,
        id: u32,
        status: ActionStatus,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<ActionUpdate, ActionLookupError> {
        let index = self.action_index(id)?;
        let action = &mut self.actions[index];
        let note = note.map(str::trim);
        let from = action.status;
        if from == status {
            match note {
                Some(note) if note != action.status_note => {
                    note.clone_into(&mut action.status_note)
                }
                _ => return Ok(ActionUpdate::Unchanged),
            }
        } else {
            action.status = status;
            action.status_at = Some(now);
            action.status_note = note.unwrap_or_default().to_owned();
        }
        self.touch(now);
        Ok(ActionUpdate::Changed { from })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::model::{Extra, Record};

    fn now() -> Timestamp {
        DateTime::parse_from_rfc3339("2026-11-30T09:15:00+00:00").unwrap()
    }

    fn record_with_actions() -> Record {
        let created = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").unwrap();
        let mut record: Record = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "ab12cd34ab12cd34ab12cd34ab12cd34",
            "created_at": "2026-11-23T10:00:00+00:00", "updated_at": "2026-11-23T10:00:00+00:00",
            "meeting": {"type": "case-conference", "title": "T", "date": "2026-11-23"}
        }))
        .unwrap();
        for id in [1, 2] {
            record.actions.push(ActionItem {
                id,
                text: format!("action {id}"),
                owner: "JS".into(),
                agency: "Police".into(),
                due: None,
                status: ActionStatus::Open,
                status_at: None,
                status_note: String::new(),
                agenda_key: String::new(),
                created_at: created,
                visibility: Visibility::All,
                carried_from: None,
                extra: Extra::new(),
            });
        }
        record
    }

    #[test]
    fn done_sets_time_and_note_and_touches_only_that_action() {
        let mut record = record_with_actions();
        let before = record.clone();
        let update = record
            .set_action_status(2, ActionStatus::Done, Some("  letter sent "), now())
            .unwrap();
        assert_eq!(
            update,
            ActionUpdate::Changed {
                from: ActionStatus::Open
            }
        );
        assert_eq!(record.actions[1].status, ActionStatus::Done);
        assert_eq!(record.actions[1].status_at, Some(now()));
        assert_eq!(record.actions[1].status_note, "letter sent");
        assert_eq!(record.actions[0], before.actions[0]);
        assert_eq!(record.updated_at, now());
    }

    #[test]
    fn same_status_changes_nothing_unless_the_note_differs() {
        let mut record = record_with_actions();
        let later = now() + chrono::Duration::days(1);
        record
            .set_action_status(1, ActionStatus::Cancelled, Some("not needed"), now())
            .unwrap();
        let after_cancel = record.clone();
        let again = record
            .set_action_status(1, ActionStatus::Cancelled, None, later)
            .unwrap();
        assert_eq!(again, ActionUpdate::Unchanged);
        assert_eq!(record, after_cancel);
        record
            .set_action_status(1, ActionStatus::Cancelled, Some("duplicate of 2"), later)
            .unwrap();
        assert_eq!(record.actions[0].status_note, "duplicate of 2");
        assert_eq!(
            record.actions[0].status_at,
            Some(now()),
            "status did not change"
        );
        // Reopening without a note clears the note about the cancellation.
        record
            .set_action_status(1, ActionStatus::Open, None, later)
            .unwrap();
        assert_eq!(record.actions[0].status_note, "");
        assert_eq!(record.actions[0].status_at, Some(later));
    }

    #[test]
    fn unknown_action_names_the_ones_there_are() {
        let mut record = record_with_actions();
        let err = record
            .set_action_status(7, ActionStatus::Done, None, now())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the record has no action 7 (its actions are 1, 2)"
        );
        record.actions.clear();
        let err = record
            .set_action_status(1, ActionStatus::Done, None, now())
            .unwrap_err();
        assert!(err.to_string().ends_with("(it has no actions)"));
    }

    #[test]
    fn a_new_action_never_takes_a_number_in_use() {
        let mut record = record_with_actions();
        assert_eq!(record.next_action_id(), 3);
        record.actions[0].id = 7;
        assert_eq!(record.next_action_id(), 8);
        record.actions[0].id = u32::MAX;
        assert_eq!(record.next_action_id(), 1);
        record.actions.clear();
        assert_eq!(record.next_action_id(), 1);
    }

    #[test]
    fn a_number_several_actions_share_changes_none_and_names_them() {
        let mut record = record_with_actions();
        record.actions[1].id = 1;
        let before = record.clone();
        let err = record
            .set_action_status(1, ActionStatus::Done, None, now())
            .unwrap_err();
        assert_eq!(
            err,
            ActionLookupError::Shared {
                id: 1,
                texts: vec!["action 1".into(), "action 2".into()]
            }
        );
        assert!(
            err.to_string()
                .starts_with("the record has 2 actions numbered 1 ('action 1', 'action 2')"),
            "{err}"
        );
        assert_eq!(record, before);
    }
}
