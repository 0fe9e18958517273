//! Actions: who does what by when.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ActionReview, ActionStatus, Extra, Timestamp, Visibility};

/// One action agreed in the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActionItem {
    /// Number within the record, from 1, never reused.
    #[schemars(range(min = 1))]
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
    #[schemars(regex(pattern = super::schema::RECORD_ID))]
    pub record_id: String,
    /// The action's id in that record.
    #[schemars(range(min = 1))]
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::model::edit::test_record::{at, record};

    #[test]
    fn a_new_action_never_takes_a_number_in_use() {
        let mut record = record();
        assert_eq!(record.next_action_id(), 1);
        for id in [1, 2] {
            let input = crate::model::ActionInput::open(&format!("action {id}"), "", "", None);
            record.add_action(input, 0, at("10:00")).unwrap();
        }
        assert_eq!(record.next_action_id(), 3);
        record.actions[0].id = 7;
        assert_eq!(record.next_action_id(), 8);
        record.actions[0].id = u32::MAX;
        assert_eq!(record.next_action_id(), 1);
        record.actions.clear();
        assert_eq!(record.next_action_id(), 1);
    }
}
