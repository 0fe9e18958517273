//! Deleting a record past its retention period: the record, its `.bak`, its recovery files
//! (they hold its text too), its lock file, and its entry in the listing cache. Only under the record's lock, so a record open for
//! editing elsewhere is never deleted under its editor.

use std::path::{Path, PathBuf};

use super::atomic::{backup_path, context, sync_folder};
use super::{Store, index, recovery};
use crate::error::{Error, Result};

impl Store {
    /// Deletes the record at `path` (a record file of this folder) with its `.bak`, its
    /// recovery files in this folder and its lock file, and drops it from the listing cache.
    /// Returns the recovery files deleted.
    ///
    /// # Errors
    /// [`Error::Locked`] naming who has it open (nothing is deleted); [`Error::Invalid`] if
    /// `path` is not a record file of this folder; I/O errors naming the file.
    pub fn delete_record(&self, path: &Path) -> Result<Vec<PathBuf>> {
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
        let recoveries = self.recovery_files_of(path)?;
        fs_err::remove_file(path)?;
        for copy in std::iter::once(backup_path(path)).chain(recoveries.iter().cloned()) {
            match std::fs::remove_file(&copy) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(context(
                        e,
                        format_args!("deleted {} but not {}", path.display(), copy.display()),
                    ));
                }
                _ => {}
            }
        }
        lock.discard();
        sync_folder(self.dir())?;
        // The cache drops what went away when the folder is next read; read it now.
        let _ = index::scan(self.dir());
        Ok(recoveries)
    }

    /// The recovery files of the record at `path` in this folder
    /// (`.<stem>.recovery-<time>.json`, as [`recovery::write_recovery`] names them).
    fn recovery_files_of(&self, path: &Path) -> Result<Vec<PathBuf>> {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            return Ok(Vec::new());
        };
        let prefix = format!(".{stem}{}", recovery::RECOVERY_MARK);
        let mut found = Vec::new();
        for entry in fs_err::read_dir(self.dir())? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with(&prefix)
                && recovery::is_recovery_name(name)
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                found.push(entry.path());
            }
        }
        found.sort();
        Ok(found)
    }
}
