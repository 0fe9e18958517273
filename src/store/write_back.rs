//! Changing one action of a record from outside an editing session (the action tracker):
//! lock, read, change, save, unlock.

use std::path::Path;

use super::record_file::RecordFile;
use super::{Store, assess, load, lock};
use crate::error::{Error, Result};
use crate::model::{ActionStatus, ActionSummary, ActionUpdate, Timestamp};

/// What [`Store::set_action_status`] did, and the action as it now is (so a browser can
/// show it without listing again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionWritten {
    /// Whether it changed, and from what.
    pub update: ActionUpdate,
    /// The action after the change.
    pub action: ActionSummary,
}

impl Store {
    /// Sets the status of action `action_id` of the record at `path` (see
    /// [`Record::set_action_status`](crate::model::Record::set_action_status) for what
    /// changes), saving it atomically through [`RecordFile::save`] while holding its lock.
    /// When nothing changes, nothing is written. Several current agenda items, which earlier
    /// versions could leave, are put right along with the change; a record that breaks any
    /// other rule of the format is refused (naming the actions, when several have this
    /// number).
    ///
    /// This takes the lock itself, as [`open_record`](Self::open_record) does, but refuses
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
        // No lock file for a record that is not there.
        fs_err::metadata(path)?;
        let lock = lock::acquire(path)?;
        let file = load::read(path)?;
        let record = load::parse(path, &file.bytes)?;
        let mut loaded = assess(path, record, &file.meta);
        let invalid = |message: String| Error::Invalid {
            path: path.to_owned(),
            message,
        };
        // Several actions with this number: say so (naming them) before anything else.
        let update = loaded
            .record
            .set_action_status(action_id, status, note, now)
            .map_err(|e| invalid(e.to_string()))?;
        if let Some(reason) = loaded.read_only {
            let reason = reason.replace("; opened read-only", "");
            return Err(invalid(format!("{reason}; action {action_id} not changed")));
        }
        let record = &mut loaded.record;
        let action = record
            .actions
            .iter()
            .find(|a| a.id == action_id)
            .map(ActionSummary::of)
            .ok_or_else(|| invalid(format!("action {action_id} went missing")))?;
        if update != ActionUpdate::Unchanged {
            record.keep_one_current_item();
            let mut handle = RecordFile::new(
                path.to_owned(),
                record.id.clone(),
                file.stamp(),
                file.bytes,
                lock,
            );
            handle.save(record)?;
        }
        Ok(ActionWritten { update, action })
    }
}
