//! Writing a record somewhere other than its own file, for when the normal save cannot be
//! used: a copy the user asked for, and a recovery file the program writes itself when it
//! must stop and the record could not be saved (a failed final save, a panic).
//!
//! Both are written like records: a temp file in the target folder (mode 0600), fsynced,
//! renamed into place, then the folder fsynced. Neither ever replaces a file that is not a
//! minutes record of the same meeting. A copy, like every record the store writes, is
//! refused if the record breaks a rule of the format; the recovery file is written anyway,
//! since it is the last resort and a file that needs repair is better than lost text.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{self, Durability};
use super::{Store, file_name_for, load};
use crate::error::{Error, Result};
use crate::model::Record;

/// What recovery file names contain: `.<stem>.recovery-<timestamp>.json`.
pub(crate) const RECOVERY_MARK: &str = ".recovery-";

/// Writes a copy of `record` at `path`, for the user who chose where (say, when the record's
/// own folder cannot be written). If `path` is a folder, the copy goes inside it under the
/// record's usual file name. Returns where the copy is.
///
/// Refuses to replace an existing file unless it is a minutes record of the same meeting
/// (same id): writing the copy twice is fine, overwriting another file is not.
///
/// # Errors
/// [`Error::Invalid`] if the record breaks a rule of the format; [`Error::Exists`] for another
/// file already at `path`; I/O errors naming the file or folder. Nothing is changed on disk
/// then.
pub fn save_copy(path: &Path, record: &Record) -> Result<PathBuf> {
    let target = if path.is_dir() {
        path.join(file_name_for(record))
    } else {
        path.to_owned()
    };
    let bytes = super::checked_bytes(&target, record)?;
    if target.symlink_metadata().is_err() {
        atomic::create_new(&target, &bytes)?;
        return Ok(target);
    }
    let same_record = load::read(&target)
        .and_then(|file| load::parse(&target, &file.bytes))
        .is_ok_and(|existing| existing.id == record.id);
    if !same_record {
        return Err(Error::Exists { path: target });
    }
    atomic::replace(&target, Durability::RECORD, |file| file.write_all(&bytes))?;
    atomic::sync_folder(atomic::folder_of(&target))?;
    Ok(target)
}

/// Writes `record` to a new hidden recovery file beside `record_path`:
/// `.<stem>.recovery-<YYYYMMDD-HHMMSS>.json`, mode 0600, never replacing a file. If the
/// record's folder cannot be written, tries the home folder. Returns where it went.
///
/// [`Store::list`](super::Store::list) does not list recovery files as records, but warns
/// that they are there. `minutes show PATH` reads one like any record. Unlike every other
/// write, this one does not check the record's rules: it must not lose text.
///
/// # Errors
/// Every place tried failed; the message names each with its problem.
pub fn write_recovery(record_path: &Path, record: &Record) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let stem = record_path.file_stem().map_or_else(
        || record.short_id().to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut folders = vec![atomic::folder_of(record_path).to_owned()];
    if let Some(home) = dirs::home_dir()
        && !folders.contains(&home)
    {
        folders.push(home);
    }
    let mut problems = Vec::new();
    for folder in folders {
        match write_new_recovery(&folder, &stem, &stamp, record) {
            Ok(path) => return Ok(path),
            Err(e) => problems.push(e.to_string()),
        }
    }
    Err(Error::Io(std::io::Error::other(format!(
        "cannot write a recovery file: {}",
        problems.join("; ")
    ))))
}

/// A new recovery file in `folder`, with `-2`, `-3`... after the time if one is there.
fn write_new_recovery(folder: &Path, stem: &str, stamp: &str, record: &Record) -> Result<PathBuf> {
    let mut attempt = 1;
    loop {
        let suffix = if attempt == 1 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let path = folder.join(format!(".{stem}{RECOVERY_MARK}{stamp}{suffix}.json"));
        // Not `checked_bytes`: a recovery file is written even if the record breaks a rule.
        let bytes = atomic::record_bytes(&path, record)?;
        match atomic::create_new(&path, &bytes) {
            Err(Error::Exists { .. }) if attempt < 20 => attempt += 1,
            Err(e) => return Err(e),
            Ok(_) => return Ok(path),
        }
    }
}

/// What [`Store::restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The record file now holding the recovered text.
    pub record: PathBuf,
    /// Whether the record file was there (and is now kept as its `.bak`) or was made anew.
    pub replaced: bool,
}

impl Store {
    /// Makes a recovery file the record again: saves it over the record with the same id
    /// (through the lock, keeping the record's current version as its `.bak`), or creates
    /// the record if it is gone, then deletes the recovery file.
    ///
    /// Refused, changing nothing, when the record was changed after the recovery file was
    /// written (unless `overwrite_newer`), when the record is open elsewhere or fails to
    /// parse, or when the file is not a recovery file.
    ///
    /// # Errors
    /// [`Error::Invalid`] saying why it was refused; parse, lock and I/O errors naming the file.
    pub fn restore(&self, recovery: &Path, overwrite_newer: bool) -> Result<Restored> {
        let name = recovery
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let refuse = |message: String| Error::Invalid {
            path: recovery.to_owned(),
            message,
        };
        if !is_recovery_name(&name) {
            return Err(refuse(
                "is not a recovery file (.<record>.recovery-<time>.json); nothing restored"
                    .to_owned(),
            ));
        }
        let recovered = super::load_file(recovery)?;
        let (record, replaced) = match self.resolve(&recovered.id) {
            Ok(path) => {
                let (loaded, file) = self.open_record(&path)?;
                let Some(mut file) = file else {
                    let why = loaded.read_only.unwrap_or_default();
                    return Err(refuse(format!(
                        "the record {} cannot be written ({why}); nothing restored",
                        path.display()
                    )));
                };
                if loaded.record.updated_at > recovered.updated_at && !overwrite_newer {
                    return Err(refuse(format!(
                        "the record {} was changed after this recovery file was written; \
                         compare them (minutes show) and add --force to restore it anyway",
                        path.display()
                    )));
                }
                file.save(&recovered)?;
                (path, true)
            }
            Err(Error::NotFound { .. }) => (self.create(&recovered)?, false),
            Err(e) => return Err(e),
        };
        fs_err::remove_file(recovery)?;
        atomic::sync_folder(atomic::folder_of(recovery))?;
        Ok(Restored { record, replaced })
    }
}

/// Whether a file name is a recovery file's.
pub(crate) fn is_recovery_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(RECOVERY_MARK) && name.ends_with(".json")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    #[test]
    fn recovery_names() {
        assert!(is_recovery_name(
            ".2026-11-23-case-conference-ab12cd34.recovery-20261123-140341.json"
        ));
        assert!(!is_recovery_name(
            "2026-11-23-case-conference-ab12cd34.json"
        ));
        assert!(!is_recovery_name(".tmp-abc"));
    }
}
