//! Keeping records no longer than the council's retention period: which records are past
//! it (their meeting date more than so many years ago), and deleting them through the
//! store, the audit log keeping that each was deleted (id, meeting date, who, when; never
//! what it said).

use std::path::PathBuf;

use chrono::{Months, NaiveDate};

use super::audit::AuditAction;
use super::state::Service;
use crate::error::{Error, Result};
use crate::store::ListEntry;

/// The records past the retention period.
#[derive(Debug)]
pub struct Expired {
    /// The retention period, in years.
    pub years: u32,
    /// Records of meetings before this date are past it.
    pub before: NaiveDate,
    /// Those records, oldest meeting first.
    pub entries: Vec<ListEntry>,
}

impl Service<'_> {
    /// The records whose meeting date is more than `years` (else `retention_years` in
    /// config.toml) years before today. Files that cannot be read are warnings, as in
    /// [`list`](Self::list), and never listed.
    ///
    /// # Errors
    /// No period given nor configured, or zero years ([`Error::Usage`]); the records folder
    /// cannot be read.
    pub fn expired(&self, years: Option<u32>) -> Result<Expired> {
        let years = years.or(self.settings().retention_years).ok_or_else(|| {
            Error::Usage(
                "how long are records kept? Give --older-than YEARS, or set retention_years \
                 in config.toml"
                    .to_owned(),
            )
        })?;
        if years == 0 {
            return Err(Error::Usage(
                "--older-than 0 would take every record; give at least 1 year".to_owned(),
            ));
        }
        let before = self
            .today()
            .checked_sub_months(Months::new(years.saturating_mul(12)))
            .unwrap_or(NaiveDate::MIN);
        let mut entries: Vec<ListEntry> = self
            .list()?
            .entries
            .into_iter()
            .filter(|entry| entry.summary.date < before)
            .collect();
        entries.reverse();
        Ok(Expired {
            years,
            before,
            entries,
        })
    }

    /// Deletes the record of `entry` with its `.bak`, recovery files, lock file and listing
    /// cache entry (see [`crate::store::Store::delete_record`]), and keeps in the audit log
    /// that it was deleted, with its meeting date. Returns the recovery files deleted.
    ///
    /// # Errors
    /// The record is open elsewhere ([`Error::Locked`]), or cannot be deleted; nothing is
    /// logged then.
    pub fn delete_record(&self, entry: &ListEntry) -> Result<Vec<PathBuf>> {
        let recoveries = self.store()?.delete_record(&entry.path)?;
        let mut details = serde_json::Map::new();
        details.insert(
            "meeting_date".to_owned(),
            entry.summary.date.to_string().into(),
        );
        details.insert("reason".to_owned(), "retention".into());
        if !recoveries.is_empty() {
            details.insert("recovery_files".to_owned(), recoveries.len().into());
        }
        self.audit_id(AuditAction::Delete, &entry.summary.id, &entry.path, details);
        Ok(recoveries)
    }
}
