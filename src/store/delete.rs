//! Deleting a record past its retention period: the record, its `.bak` and its lock file,
//! and its entry in the listing cache. Only under the record's lock, so a record open for
//! editing elsewhere is never deleted under its editor.

use std::path::Path;

use super::atomic::{backup_path, context, sync_folder};
use super::{Store, index};
use crate::error::{Error, Result};

impl Store {
    /// Deletes the record at `path` (a record file of this folder) with its `.bak` and lock
    /// file, and drops it from the listing cache.
    ///
    /// # Errors
    /// [`Error::Locked`] naming who has it open (nothing is deleted); [`Error::Invalid`] if
    /// `path` is not a record file of this folder; I/O errors naming the file.
    pub fn delete_record(&self, path: &Path) -> Result<()> {
        let is_record = path.parent() == Some(self.dir())
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(index::is_record_name);
        if !is_record {
            return Err(Error::Invalid {
                path: path.to_owned(),
                message: format!(
                    "is not a record file of {}; not deleted",
                    self.dir().display()
                ),
            });
        }
        let lock = self.lock(path)?;
        fs_err::remove_file(path)?;
        let backup = backup_path(path);
        match std::fs::remove_file(&backup) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(context(
                    e,
                    format_args!("deleted {} but not {}", path.display(), backup.display()),
                ));
            }
            _ => {}
        }
        lock.discard();
        sync_folder(self.dir())?;
        // The cache drops what went away when the folder is next read; read it now.
        let _ = index::scan(self.dir());
        Ok(())
    }
}
