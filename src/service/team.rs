//! Sharing records on one server: making a team folder, and saying when a session took over
//! the lock of one that ended without releasing it.

use std::path::Path;

use super::state::Service;
use super::warning::Warning;
use crate::error::Result;
use crate::store::{self, RecordFile, TeamSetup};

/// Makes `dir` a team folder of `group`, or adopts an existing folder as one (see
/// [`crate::store::team`]); what was changed and what was left alone is in the result.
///
/// # Errors
/// The group does not exist; `dir` is a file; it cannot be made or given to the group.
pub fn team_init(dir: &Path, group: &str) -> Result<TeamSetup> {
    store::team_init(dir, group)
}

impl Service<'_> {
    /// A note when the lock `file` holds was taken over from a session that ended without
    /// releasing it (of this account or another member's): whose it was.
    pub(super) fn note_lock(&self, file: &RecordFile) {
        self.note_taken_over(file.path(), file.lock().taken_over());
    }

    /// The note of [`note_lock`](Self::note_lock), for the lock of the record at `path`.
    pub(super) fn note_taken_over(&self, path: &Path, holder: Option<&str>) {
        if let Some(holder) = holder {
            self.warn(Warning::Note(format!(
                "{}: took over the lock left by {holder}, whose session ended without \
                 releasing it",
                path.display()
            )));
        }
    }
}
