//! After the meeting: agreeing, circulating and reopening the minutes. The rules are the
//! model's ([`crate::model::agree`] and the others); this loads, applies and saves.

use std::path::{Path, PathBuf};

use super::audit::AuditAction;
use super::state::Service;
use super::warning::Warning;
use crate::error::{Error, Result};
use crate::model::{self, MinutesStatus, Recipient, Record, Sent, Timestamp, TransitionError};
use crate::people;

/// What a change of the minutes' status did.
#[derive(Debug, Clone)]
pub struct StatusChanged {
    /// The record as saved.
    pub record: Record,
    /// The status before.
    pub was: MinutesStatus,
    /// Who made the change (trimmed).
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// Who the minutes went to, when circulated now, with the copy each was sent and why.
    pub sent: Vec<Sent>,
}

/// A change the model refused: the record is unchanged and nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The record file.
    pub path: PathBuf,
    /// The record's short id, for saying how to put it right.
    pub short_id: String,
    /// Why.
    pub reason: TransitionError,
}

impl Refused {
    /// The refusal as an error naming the file, with `hint` (how to put it right) after it.
    #[must_use]
    pub fn into_error(self, hint: &str) -> Error {
        Error::Invalid {
            path: self.path,
            message: format!("{}{hint}", self.reason),
        }
    }
}

/// A status change, or why the model refused it; failing to read or write is the outer
/// error.
pub type Changed = std::result::Result<StatusChanged, Refused>;

impl Service<'_> {
    /// The chair `by` agrees the draft minutes of the record at `path`.
    ///
    /// # Errors
    /// The record cannot be read, locked or written (a refusal is the inner error).
    pub fn agree(&self, path: &Path, by: &str) -> Result<Changed> {
        self.change_status(path, AuditAction::Agree, |record, now| {
            model::agree(record, by, now)?;
            Ok(Vec::new())
        })
    }

    /// Records that the agreed minutes were circulated to `recipients` (none: the
    /// record's circulation list) by `by`, else the user ([`Service::user_name`]), and
    /// which copy each was sent ([`model::copy_for`]).
    ///
    /// # Errors
    /// The record cannot be read, locked or written (a refusal is the inner error).
    pub fn circulate(
        &self,
        path: &Path,
        by: Option<&str>,
        recipients: &[Recipient],
    ) -> Result<Changed> {
        let by = by
            .map(str::to_owned)
            .filter(|b| !b.trim().is_empty())
            .unwrap_or_else(|| self.user_name());
        let changed = self.change_status(path, AuditAction::Circulate, |record, now| {
            model::circulate(record, &by, recipients, people::recipient_matches, now)
        })?;
        if let Ok(done) = &changed {
            for sent in &done.sent {
                self.note_unlisted(
                    &sent.recipient.to_string(),
                    &sent.rule,
                    done.record.short_id(),
                );
            }
        }
        Ok(changed)
    }

    /// Reopens agreed or circulated minutes as a draft, saying who and why.
    ///
    /// # Errors
    /// The record cannot be read, locked or written (a refusal is the inner error).
    pub fn reopen(&self, path: &Path, by: &str, reason: &str) -> Result<Changed> {
        self.change_status(path, AuditAction::Reopen, |record, now| {
            model::reopen(record, by, reason, now)?;
            Ok(Vec::new())
        })
    }

    /// Loads a record under its lock, applies `apply`, and saves it (several current
    /// agenda items, an earlier version's mistake, put right with a note). A refused change
    /// writes nothing.
    fn change_status(
        &self,
        path: &Path,
        action: AuditAction,
        apply: impl FnOnce(&mut Record, Timestamp) -> Result<Vec<Sent>, TransitionError>,
    ) -> Result<Changed> {
        let (mut record, mut file) = self.store()?.open_to_change(path, "nothing was changed")?;
        self.note_lock(&file);
        let was = record.meeting.status;
        let at = self.now();
        let sent = match apply(&mut record, at) {
            Ok(sent) => sent,
            Err(reason) => {
                return Ok(Err(Refused {
                    path: path.to_owned(),
                    short_id: record.short_id().to_owned(),
                    reason,
                }));
            }
        };
        if record.keep_one_current_item() {
            self.warn(Warning::Note(format!(
                "{}: several agenda items were marked current (an earlier version's mistake); \
                 kept the one written in last",
                path.display()
            )));
        }
        file.save(&record)?;
        self.audit(action, &record, path, sent_details(&sent));
        let by = record
            .meeting
            .status_history
            .last()
            .map(|change| change.by.trim().to_owned())
            .unwrap_or_default();
        Ok(Ok(StatusChanged {
            record,
            was,
            by,
            at,
            sent,
        }))
    }
}

/// What the audit log keeps of a circulation: how many people, and which copies (not who).
fn sent_details(sent: &[Sent]) -> serde_json::Map<String, serde_json::Value> {
    let mut details = serde_json::Map::new();
    if sent.is_empty() {
        return details;
    }
    let mut copies: Vec<&str> = sent
        .iter()
        .map(|s| {
            s.recipient
                .copy
                .map_or("professionals", model::Audience::key)
        })
        .collect();
    copies.sort_unstable();
    copies.dedup();
    details.insert("recipients".to_owned(), sent.len().into());
    details.insert("copies".to_owned(), copies.into());
    details
}
