//! Changing one action of a record from outside an editing session (the action tracker):
//! lock, read, change, save, unlock.

use std::path::Path;

use super::Store;
use crate::error::{Error, Result};
use crate::model::{ActionLookupError, ActionStatus, ActionSummary, ActionUpdate, Timestamp};

/// What [`Store::set_action_status`] did, and the action as it now is (so a browser can
/// show it without listing again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionWritten {
    /// Whether it changed, and from what.
    pub update: ActionUpdate,
    /// The action after the change.
    pub action: ActionSummary,
    /// The id of the record it is in.
    pub record_id: String,
    /// Whose lock was taken over, if a session had ended without releasing it
    /// ([`RecordLock::taken_over`](super::RecordLock::taken_over)).
    pub lock_taken_over: Option<String>,
}

impl Store {
    /// Sets the status of action `action_id` of the record at `path` (see
    /// [`Record::set_action_status`](crate::model::Record::set_action_status) for what
    /// changes), saving it atomically through [`RecordFile::save`](super::RecordFile::save)
    /// while holding its lock. When nothing changes, nothing is written. Several current
    /// agenda items, which earlier versions could leave, are put right along with the change;
    /// a record that breaks any other rule of the format is refused (naming the actions,
    /// when several have this number).
    ///
    /// This takes the lock itself ([`open_to_change`](Self::open_to_change)), refusing
    /// instead of opening read-only: a tracker must not change a record someone is minuting.
    ///
    /// # Errors
    /// [`Error::Locked`] naming who holds the record; [`Error::Invalid`] if the record may
    /// not be written by this version or user (newer schema, another user's file, breaks a
    /// rule of the format), has no such action or several; parse and I/O errors naming the
    /// file. The file is then untouched.
    pub fn set_action_status(
        &self,
        path: &Path,
        action_id: u32,
        status: ActionStatus,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<ActionWritten> {
        let invalid = |message: String| Error::Invalid {
            path: path.to_owned(),
            message,
        };
        let unchanged = format!("action {action_id} not changed");
        let (mut record, mut file) = match self.open_to_change(path, &unchanged) {
            Ok(opened) => opened,
            // Several actions with this number: say so, naming them, rather than the rule.
            Err(refused @ Error::Invalid { .. }) => {
                return Err(
                    match self.load(path).map(|l| l.record.action_index(action_id)) {
                        Ok(Err(shared @ ActionLookupError::Shared { .. })) => {
                            invalid(shared.to_string())
                        }
                        _ => refused,
                    },
                );
            }
            Err(e) => return Err(e),
        };
        let update = record
            .set_action_status(action_id, status, note, now)
            .map_err(|e| invalid(e.to_string()))?;
        let action = record
            .actions
            .iter()
            .find(|a| a.id == action_id)
            .map(ActionSummary::of)
            .ok_or_else(|| invalid(format!("action {action_id} went missing")))?;
        if update != ActionUpdate::Unchanged {
            record.keep_one_current_item();
            file.save(&record)?;
        }
        Ok(ActionWritten {
            update,
            action,
            record_id: record.id,
            lock_taken_over: file.lock().taken_over().map(str::to_owned),
        })
    }
}
