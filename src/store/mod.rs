//! The record store: the only code that reads or writes record files.
//!
//! STUB: signatures only; the real implementation replaces these bodies.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Record, RecordSummary};

/// A records folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// A record read from disk, and whether this session may write it.
#[derive(Debug)]
pub struct Loaded {
    /// The record.
    pub record: Record,
    /// Why the record must not be written by this session, if so (newer schema, locked...).
    pub read_only: Option<String>,
}

/// One record in a listing.
#[derive(Debug, Clone)]
pub struct ListEntry {
    /// The record file.
    pub path: PathBuf,
    /// Its summary.
    pub summary: RecordSummary,
}

/// Every record in the folder, newest first, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable records, newest meeting date first.
    pub entries: Vec<ListEntry>,
    /// Files that failed to load, with why. They are left untouched.
    pub problems: Vec<Error>,
}

/// Held while this session may write a record; dropping it releases the lock.
#[derive(Debug)]
pub struct RecordLock {
    _private: (),
}

impl Store {
    /// Opens (creating with mode 0700 if missing) a records folder.
    ///
    /// # Errors
    /// The folder cannot be created or is not a folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        Ok(Self { dir: dir.into() })
    }

    /// The records folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a record is saved: `YYYY-MM-DD-<type>-<short id>.json`.
    #[must_use]
    pub fn path_for(&self, record: &Record) -> PathBuf {
        self.dir.join(format!(
            "{}-{}-{}.json",
            record.meeting.date,
            record.meeting.meeting_type,
            record.short_id()
        ))
    }

    /// Writes a new record; fails rather than overwrite an existing file.
    ///
    /// # Errors
    /// I/O errors, or a file already at that path.
    pub fn create(&self, record: &Record) -> Result<PathBuf> {
        let path = self.path_for(record);
        self.save(&path, record)?;
        Ok(path)
    }

    /// Saves atomically over `path`, keeping the previous version as a backup.
    ///
    /// # Errors
    /// I/O errors (the old file is left intact).
    pub fn save(&self, path: &Path, record: &Record) -> Result<()> {
        let _ = (path, record);
        Err(Error::Io(std::io::Error::other("not implemented")))
    }

    /// Loads and parses a record file.
    ///
    /// # Errors
    /// I/O errors, or a parse error naming the file, line and column.
    pub fn load(&self, path: &Path) -> Result<Loaded> {
        load_file(path).map(|record| Loaded {
            record,
            read_only: None,
        })
    }

    /// Finds a record by a unique id prefix, or takes an existing path as is.
    ///
    /// # Errors
    /// No match, or several.
    pub fn resolve(&self, id_or_path: &str) -> Result<PathBuf> {
        Ok(PathBuf::from(id_or_path))
    }

    /// Summaries of every record, newest first.
    ///
    /// # Errors
    /// The folder cannot be read.
    pub fn list(&self) -> Result<Listing> {
        Ok(Listing::default())
    }

    /// Takes the write lock on a record.
    ///
    /// # Errors
    /// [`Error::Locked`] naming who holds it and since when.
    pub fn lock(&self, path: &Path) -> Result<RecordLock> {
        let _ = path;
        Ok(RecordLock { _private: () })
    }
}

/// Reads and parses one record file anywhere on disk.
///
/// # Errors
/// I/O errors, or a parse error naming the file, line and column.
pub fn load_file(path: &Path) -> Result<Record> {
    let text = fs_err::read_to_string(path)?;
    serde_json::from_str(&text).map_err(|e| Error::parse(path, &e))
}
