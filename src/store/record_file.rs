//! The safe way to save one record over and over (autosave): a handle that holds the lock
//! and remembers what the file looked like when this session last read or wrote it.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{self, Durability, Stamp};
use super::lock::RecordLock;
use crate::error::{Error, Result};
use crate::model::Record;

/// An open record that this session may write: holds the record's lock, and the stamp (inode,
/// size, mtime) and bytes of the file as last read or written. Get one from
/// [`Store::open_record`](super::Store::open_record) or
/// [`Store::create_record`](super::Store::create_record); dropping it releases the lock.
///
/// [`save`](Self::save) refuses, writing nothing, if the file on disk is no longer the one
/// this session last read or wrote (another program wrote, replaced, damaged or deleted it),
/// so the UI can keep the text in memory and offer to save a copy instead; and writes
/// nothing when the record's bytes are the ones it last read or wrote. It never reads the
/// file back.
#[derive(Debug)]
pub struct RecordFile {
    path: PathBuf,
    id: String,
    stamp: Stamp,
    /// The file's bytes as last read or written.
    bytes: Vec<u8>,
    lock: RecordLock,
}

impl RecordFile {
    pub(crate) const fn new(
        path: PathBuf,
        id: String,
        stamp: Stamp,
        bytes: Vec<u8>,
        lock: RecordLock,
    ) -> Self {
        Self {
            path,
            id,
            stamp,
            bytes,
            lock,
        }
    }

    /// The record file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock this handle holds.
    #[must_use]
    pub const fn lock(&self) -> &RecordLock {
        &self.lock
    }

    /// Saves `record` atomically over the file, keeping the previous version as
    /// `<file>.bak`; writes nothing when the bytes are the file's as last read or written
    /// here. The caller sets `updated_at` ([`Record::touch`]) when, and only when, the record
    /// changed; the store writes what it is given.
    ///
    /// # Errors
    /// [`Error::Changed`] if the file changed on disk since it was last read or written here;
    /// [`Error::Invalid`] if `record` is another record (a different id), of a newer schema
    /// or breaks a rule of the format ([`Record::problems`]); I/O errors. In every case the file on disk is left as it was, and no temp file remains
    /// (except when only the final fsync of the folder fails: the new file is then in place).
    pub fn save(&mut self, record: &Record) -> Result<()> {
        if record.id != self.id {
            return Err(Error::Invalid {
                path: self.path.clone(),
                message: format!(
                    "refusing to save record {} into the file of record {}",
                    record.id, self.id
                ),
            });
        }
        if !record.is_writable_by_this_version() {
            return Err(Error::Invalid {
                path: self.path.clone(),
                message: format!(
                    "refusing to save schema {} with this version of minutes",
                    record.schema_version
                ),
            });
        }
        let bytes = super::checked_bytes(&self.path, record)?;
        self.check_unchanged()?;
        if bytes == self.bytes {
            return Ok(());
        }
        self.stamp = atomic::replace(&self.path, Durability::RECORD, |file| {
            file.write_all(&bytes)
        })?;
        self.bytes = bytes;
        atomic::sync_folder(atomic::folder_of(&self.path))
    }

    /// Whether the file on disk is still the one this session last read or wrote (the path
    /// itself: a symbolic link put in its place is a change).
    ///
    /// # Errors
    /// [`Error::Changed`] saying what happened to it, or an I/O error.
    pub fn check_unchanged(&self) -> Result<()> {
        let what = match fs_err::symlink_metadata(&self.path) {
            Ok(meta) if Stamp::of(&meta) == self.stamp => return Ok(()),
            Ok(_) => "was changed by another program",
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => "was deleted or moved",
            Err(e) => return Err(e.into()),
        };
        Err(Error::Changed {
            path: self.path.clone(),
            what: what.to_owned(),
        })
    }
}
