//! The one-line summary of a record that listings show.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{MinutesStatus, Record};

/// What a listing needs to know of a record, small enough to cache for thousands of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSummary {
    /// Record id.
    pub id: String,
    /// Meeting date.
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
    pub minutes_due: Option<NaiveDate>,
    /// When the plan is reviewed.
    pub review_date: Option<NaiveDate>,
    /// Number of open actions.
    pub open_actions: usize,
    /// Due dates of the open actions that have one (overdue depends on the day it is asked).
    pub open_action_due: Vec<NaiveDate>,
    /// Attendees' names and agencies, for filtering.
    pub people: Vec<String>,
    /// Written by a newer version: read-only here.
    pub newer_schema: bool,
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
