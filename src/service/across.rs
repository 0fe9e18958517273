//! Use cases across every record: what is due, the action tracker, full-text search and the
//! statutory return. The rules are in [`crate::deadlines`], [`crate::tracker`],
//! [`crate::search`] and [`crate::report`]; this reads the records for them.

use std::path::Path;

use chrono::NaiveDate;

use super::audit::{AuditAction, status_name};
use super::records::Records;
use super::state::Service;
use super::warning::Warning;
use crate::deadlines::{self, MinutesDue, REVIEW_WINDOW_DAYS, ReviewDue};
use crate::error::Result;
use crate::model::{ActionStatus, ActionUpdate, RecordSummary};
use crate::report::sac::{self, SacReturn};
use crate::search::{Match, Query, SearchOptions};
use crate::store::{self, ActionWritten, ListEntry};
use crate::tracker::{self, ActionFilter, TrackedAction};

/// Minutes still to circulate and reviews coming up (see [`crate::deadlines`]).
#[derive(Debug)]
pub struct Due {
    /// The records the indices below point into.
    pub records: Records,
    /// The day it was worked out for.
    pub today: NaiveDate,
    /// Minutes not circulated, most urgent first.
    pub minutes: Vec<MinutesDue>,
    /// Reviews in the next [`REVIEW_WINDOW_DAYS`] days, soonest first.
    pub reviews: Vec<ReviewDue>,
}

impl Due {
    /// The summary of the record at `index` of [`Due::records`].
    #[must_use]
    pub fn summary(&self, index: usize) -> &RecordSummary {
        &self.records.entries[index].summary
    }
}

/// The actions of every record that pass a filter (see [`crate::tracker`]).
#[derive(Debug)]
pub struct Tracked {
    /// The records the actions belong to.
    pub records: Records,
    today: NaiveDate,
    filter: ActionFilter,
}

impl Tracked {
    /// The actions, most urgent first.
    #[must_use]
    pub fn actions(&self) -> Vec<TrackedAction<'_>> {
        tracker::tracked_actions(&self.records.entries, self.today, &self.filter)
    }
}

/// What a full-text search found.
#[derive(Debug)]
pub struct Found {
    /// The records searched.
    pub records: Records,
    /// Each match with the position of its record in `records`.
    matches: Vec<(usize, Match)>,
    /// Record files that could not be searched (each a warning).
    pub unsearchable: usize,
}

impl Found {
    /// Each match with its record, records newest first, each record's matches in the
    /// order of its minutes.
    pub fn hits(&self) -> impl Iterator<Item = (&ListEntry, &Match)> {
        self.matches
            .iter()
            .map(|(index, found)| (&self.records.entries[*index], found))
    }

    /// Whether nothing matched.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }
}

/// The Safeguarding Adults Collection counts for a period.
#[derive(Debug)]
pub struct SacCounted {
    /// The counts.
    pub counts: SacReturn,
    /// Record files that could not be read and are not counted (each a warning).
    pub unreadable: usize,
}

impl Service<'_> {
    /// Minutes not circulated, most urgent first, and reviews in the next
    /// [`REVIEW_WINDOW_DAYS`] days, from the listing's summaries.
    ///
    /// # Errors
    /// The records folder cannot be opened or read.
    pub fn due(&self) -> Result<Due> {
        let records = self.list()?;
        let today = self.today();
        let summaries: Vec<&RecordSummary> = records.entries.iter().map(|e| &e.summary).collect();
        let minutes = deadlines::minutes_due(&summaries, today);
        let reviews = deadlines::reviews_due(&summaries, today, REVIEW_WINDOW_DAYS);
        Ok(Due {
            records,
            today,
            minutes,
            reviews,
        })
    }

    /// Every action across all records that passes `filter`, overdue as of today.
    ///
    /// # Errors
    /// The records folder cannot be opened or read.
    pub fn actions(&self, filter: ActionFilter) -> Result<Tracked> {
        Ok(Tracked {
            records: self.list()?,
            today: self.today(),
            filter,
        })
    }

    /// Marks action `id` of the record at `path` with `status` (and `note`, kept with it).
    ///
    /// # Errors
    /// As [`crate::store::Store::set_action_status`]: the record is in use, may not be
    /// written, or has no such action; nothing is written then.
    pub fn set_action_status(
        &self,
        path: &Path,
        id: u32,
        status: ActionStatus,
        note: Option<&str>,
    ) -> Result<ActionWritten> {
        let written = self
            .store()?
            .set_action_status(path, id, status, note, self.now())?;
        self.note_taken_over(path, written.lock_taken_over.as_deref());
        if let ActionUpdate::Changed { from } = written.update {
            let mut details = serde_json::Map::new();
            details.insert("action".to_owned(), id.into());
            details.insert("from".to_owned(), status_name(from).into());
            details.insert("status".to_owned(), status_name(status).into());
            self.audit_id(AuditAction::Action, &written.record_id, path, details);
        }
        Ok(written)
    }

    /// Every note, finding, decision, action and attendee of every record that holds
    /// `query`. Files that cannot be searched are warnings.
    ///
    /// # Errors
    /// The records folder cannot be opened or read.
    pub fn search(&self, query: &Query, options: &SearchOptions) -> Result<Found> {
        let records = self.list()?;
        let results = store::search(&records.entries, query, options);
        for problem in &results.problems {
            self.warn(Warning::RecordSkipped(problem.to_string()));
        }
        let unsearchable = results.problems.len();
        let zone = self.zone();
        let matches = results
            .hits
            .into_iter()
            .map(|mut hit| {
                // A note's time on the council's clock, as every time is shown.
                if let crate::search::Place::Note { at: Some(at), .. } = &mut hit.found.place {
                    *at = zone.local(at);
                }
                (hit.position, hit.found)
            })
            .collect();
        Ok(Found {
            records,
            matches,
            unsearchable,
        })
    }

    /// The Safeguarding Adults Collection counts for the enquiries concluded from `from`
    /// to `to` (both included), from every record held up to `to`. Files that cannot be
    /// read are warnings, and not counted.
    ///
    /// # Errors
    /// The records folder cannot be opened or read.
    pub fn sac_return(&self, from: NaiveDate, to: NaiveDate) -> Result<SacCounted> {
        let listed = self.list()?;
        let mut unreadable = listed.unreadable;
        // Later records cannot conclude in the period (a meeting ends on or after its date);
        // earlier ones are needed to follow chains back.
        let mut records = Vec::new();
        for entry in listed.entries.iter().filter(|e| e.summary.date <= to) {
            match store::load_file(&entry.path) {
                Ok(record) => records.push(record),
                Err(error) => {
                    unreadable += 1;
                    self.warn(Warning::RecordSkipped(error.to_string()));
                }
            }
        }
        Ok(SacCounted {
            counts: sac::sac_return(&records, from, to),
            unreadable,
        })
    }
}
