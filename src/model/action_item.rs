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
