//! The one-line summary of a record that listings show, with the record's actions so the
//! action tracker needs no full parse.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActionItem, ActionStatus, MinutesStatus, Record, Timestamp, Visibility};

/// What a listing needs to know of a record, small enough to cache for thousands of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSummary {
    /// Record id.
    pub id: String,
    /// Meeting date.
    #[serde(with = "super::iso_date::one")]
    pub date: NaiveDate,
    /// Template key.
    pub meeting_type: String,
    /// Meeting title.
    pub title: String,
    /// Case reference for the adult.
    pub subject_ref: String,
    /// Draft, agreed or circulated.
    pub status: MinutesStatus,
    /// When the minutes must be circulated.
    #[serde(with = "super::iso_date::option")]
    pub minutes_due: Option<NaiveDate>,
    /// When the plan is reviewed.
    #[serde(with = "super::iso_date::option")]
    pub review_date: Option<NaiveDate>,
    /// Number of open actions.
    pub open_actions: usize,
    /// Due dates of the open actions that have one (overdue depends on the day it is asked).
    #[serde(with = "super::iso_date::list")]
    pub open_action_due: Vec<NaiveDate>,
    /// Attendees' names and agencies, for filtering.
    pub people: Vec<String>,
    /// Written by a newer version: read-only here.
    pub newer_schema: bool,
    /// Every action of the record, in the record's order, for the action tracker.
    #[serde(default)]
    pub actions: Vec<ActionSummary>,
}

/// What the action tracker needs of one action. Defaults are left out of the JSON, so the
/// summary cache stays small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    /// Number within the record ([`ActionItem::id`]).
    pub id: u32,
    /// What is to be done.
    pub text: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The owner's agency.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    /// By when.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::iso_date::option"
    )]
    pub due: Option<NaiveDate>,
    /// Open, done or cancelled.
    #[serde(default, skip_serializing_if = "is_open")]
    pub status: ActionStatus,
    /// When the status last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_at: Option<Timestamp>,
    /// Who may see it.
    #[serde(default, skip_serializing_if = "is_all")]
    pub visibility: Visibility,
}

fn is_open(status: &ActionStatus) -> bool {
    *status == ActionStatus::Open
}

fn is_all(visibility: &Visibility) -> bool {
    *visibility == Visibility::All
}

impl ActionSummary {
    /// Summarises one action.
    #[must_use]
    pub fn of(action: &ActionItem) -> Self {
        Self {
            id: action.id,
            text: action.text.clone(),
            owner: action.owner.clone(),
            agency: action.agency.clone(),
            due: action.due,
            status: action.status,
            status_at: action.status_at,
            visibility: action.visibility,
        }
    }

    /// Still to be done.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.status == ActionStatus::Open
    }

    /// Open and past its due date on `today` (the rule of [`ActionItem::is_overdue`]).
    #[must_use]
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
    }
}

impl RecordSummary {
    /// Summarises a record.
    #[must_use]
    pub fn of(record: &Record) -> Self {
        let open = record.actions.iter().filter(|a| a.is_open());
        let mut people: Vec<String> = Vec::new();
        for attendee in &record.attendees {
            people.push(attendee.name.clone());
            if !attendee.agency.is_empty() && !people.contains(&attendee.agency) {
                people.push(attendee.agency.clone());
            }
        }
        Self {
            id: record.id.clone(),
            date: record.meeting.date,
            meeting_type: record.meeting.meeting_type.clone(),
            title: record.meeting.title.clone(),
            subject_ref: record.meeting.subject_ref.clone(),
            status: record.meeting.status,
            minutes_due: record.review.minutes_due,
            review_date: record.review.review_date,
            open_actions: open.clone().count(),
            open_action_due: open.filter_map(|a| a.due).collect(),
            people,
            newer_schema: !record.is_writable_by_this_version(),
            actions: record.actions.iter().map(ActionSummary::of).collect(),
        }
    }

    /// Open actions past their due date on `today`.
    #[must_use]
    pub fn overdue_actions(&self, today: NaiveDate) -> usize {
        self.open_action_due
            .iter()
            .filter(|due| **due < today)
            .count()
    }

    /// Minutes not yet circulated and past their deadline on `today`.
    #[must_use]
    pub fn minutes_overdue(&self, today: NaiveDate) -> bool {
        self.status != MinutesStatus::Circulated && self.minutes_due.is_some_and(|due| due < today)
    }

    /// The first 8 hex digits of the id.
    #[must_use]
    pub fn short_id(&self) -> &str {
        self.id.get(..8).unwrap_or(&self.id)
    }
}
