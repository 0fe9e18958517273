//! The record store: the only code that reads or writes record files.
//!
//! # On disk
//! One folder (mode 0700 when the store creates it; a team folder, setgid 2770, shared by a
//! group, is made by `minutes team init`, see [`team`]) holding, per record:
//! - `YYYY-MM-DD-<type>-<short id>.json`: the record, pretty JSON and a newline, mode 0600.
//!   Names sort by meeting date.
//! - `<that name>.bak`: the version before the last real change, mode 0600 (a hard link to
//!   the old file, or a copy when that was not 0600).
//! - `.<that name>.lock`: the lock file (see [`Store::lock`]); left in place when released.
//!   Made only beside a record this session may write (read and checked first).
//! - `.<name without .json>.recovery-<time>.json`: written by the live screen when it had to
//!   stop without saving (see [`recovery`]); [`Store::list`] warns about them.
//!
//! and `.audit.jsonl`, the audit log (see `audit`: appended to, never rewritten), and
//! `.index.json`, a cache of summaries for [`Store::list`] that is rebuilt whenever it is
//! missing, damaged or stale. Temp files are `.tmp-*`; one older than a minute was left by an
//! interrupted save and is reported by [`Store::list`] as a warning, never deleted.
//! In a team folder every one of these files is 0660 with the folder's group instead of 0600.
//!
//! # Writing
//! Every write goes to a temp file in the same folder, is fsynced, then renamed over the
//! record, and the folder is fsynced: after a crash at any point the record file holds the
//! old or the new version, complete. Before the rename the old version is hard-linked to
//! `<file>.bak`. On failure the temp file is removed and the record is untouched.
//!
//! Nothing is written through a symbolic link: a record that is one is read-only, and a
//! file the store opens to write (a lock file) or to decide what to write (the cache, a
//! record being backed up) is opened without following one and used only if it is a regular
//! file (see `guarded`). New files are temp files created exclusively, then renamed; a rename
//! replaces a link rather than following it.
//!
//! - [`Store::create`] / [`Store::create_record`] write a new record and never replace a file.
//! - [`RecordFile::save`] is what an editing session (autosave) uses: it holds the lock and
//!   refuses to write if the file changed on disk since this session last read or wrote it.
//! - [`Store::save`] is the low-level atomic write. It replaces whatever is at `path`
//!   without reading it; use it only for a file just loaded successfully by the caller.
//! - [`write_document`] writes an exported document (`minutes export -o`) the same way, 0600,
//!   outside the records folder and every folder in it, replacing only a regular file and
//!   only when asked.
//! - [`read_invitation`] reads a file the user hands over (`minutes new --attendees`),
//!   a small regular file only; it writes nothing.
//!
//! A file that fails to parse is never written or renamed by the store: loading and listing
//! report it and leave it alone, and no [`RecordFile`] can be had for it.
//!
//! # Checking
//! Every write of a record refuses, with [`Error::Invalid`] naming the file and the rules,
//! a record that breaks a rule of the format ([`Record::problems`], what `minutes check`
//! reports), so nothing written by this program fails the check. The one exception is the
//! recovery file ([`recovery::write_recovery`]), the last resort when the program must stop:
//! a file that needs repair is better than lost text. A file on disk that breaks a rule still
//! loads; it opens read-only unless the only rule it breaks is one a change puts right
//! ([`Record::keep_one_current_item`]).
//!
//! Nothing is written when the record's bytes equal the file's: an unchanged record keeps
//! its file, modification time and `.bak`, so `.bak` holds the version before the last real
//! change.

mod atomic;
mod audit;
mod delete;
mod document_file;
mod guarded;
mod import;
mod index;
mod load;
mod lock;
mod record_file;
pub mod recovery;
mod search;
pub mod team;
mod write_back;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use audit::{AUDIT_FILE, append_audit, audit_path, read_audit};
pub use document_file::{Replace, write_document};
pub use import::read_invitation;
pub use lock::RecordLock;
pub use record_file::RecordFile;
pub use recovery::Restored;
pub use search::{Hit, SearchResults, search};
pub use team::{TeamSetup, init as team_init};
pub use write_back::ActionWritten;

use crate::error::{Error, Result};
use crate::model::{Record, RecordSummary};

/// A records folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    warnings: Vec<String>,
    /// The council's time zone, for the times in lock messages.
    zone: crate::clock::Zone,
}

/// A record read from disk, and whether this session may write it.
#[derive(Debug)]
pub struct Loaded {
    /// The record.
    pub record: Record,
    /// Why the record must not be written by this session, if so (newer schema, owned by
    /// someone else, in use by another session...). Several reasons are joined with "; ".
    pub read_only: Option<String>,
    /// Breaches of the format's rules ([`Record::problems`]); the record still loads.
    pub problems: Vec<String>,
    /// Things the user should know, such as the file being readable by other users.
    pub warnings: Vec<String>,
}

/// One record in a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// The record file.
    pub path: PathBuf,
    /// Its summary.
    pub summary: RecordSummary,
}

/// Every record in the folder, newest first, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable records, newest meeting date first (then last updated first, then by name).
    pub entries: Vec<ListEntry>,
    /// Files that failed to load, with why. They are left untouched.
    pub problems: Vec<Error>,
    /// Record files readable by other users; temp files left by interrupted saves.
    pub warnings: Vec<String>,
}

impl Store {
    /// Opens a records folder, creating it (and its parents) with mode 0700 if missing.
    /// An existing folder is used as it is; if other users can read it (or its group can
    /// without it being a team folder, see [`team`]), [`warnings`](Self::warnings) says so.
    ///
    /// # Errors
    /// [`Error::Folder`] if the path exists but is not a folder, or cannot be created; or it
    /// is a team folder of a group this account is not in ("permission denied: you are not
    /// in group G").
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        let folder_error = |message: String| Error::Folder {
            path: dir.clone(),
            message,
        };
        let meta = match fs_err::metadata(&dir) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                team::make_private_folder(&dir)
                    .map_err(|e| folder_error(format!("cannot create the records folder: {e}")))?;
                fs_err::metadata(&dir)?
            }
            Err(e) => return Err(e.into()),
        };
        if !meta.is_dir() {
            return Err(folder_error(
                "exists but is not a folder; give the records folder another path".to_owned(),
            ));
        }
        team::check_member(&dir, &meta)?;
        let warnings = team::folder_warning(&dir, &meta).into_iter().collect();
        Ok(Self {
            dir,
            warnings,
            zone: crate::clock::Zone::default(),
        })
    }

    /// The store saying the times in its messages (who holds a record, since when) on the
    /// clock of `zone`.
    #[must_use]
    pub const fn with_zone(mut self, zone: crate::clock::Zone) -> Self {
        self.zone = zone;
        self
    }

    /// The records folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Things found when opening the folder that the user should know (e.g. other users can
    /// read it). The store changes nothing about them.
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Where a record is saved: `YYYY-MM-DD-<type>-<short id>.json`.
    #[must_use]
    pub fn path_for(&self, record: &Record) -> PathBuf {
        self.dir.join(file_name_for(record))
    }

    /// Writes a new record at [`path_for`](Self::path_for) without taking its lock; never
    /// replaces an existing file.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the record breaks a rule of the format; [`Error::Exists`] naming
    /// the file if one is already there; I/O errors.
    pub fn create(&self, record: &Record) -> Result<PathBuf> {
        let path = self.path_for(record);
        let bytes = checked_bytes(&path, record)?;
        atomic::create_new(&path, &bytes)?;
        Ok(path)
    }

    /// Writes a new record at [`path_for`](Self::path_for), never replacing a file, and
    /// returns it locked, ready for [`RecordFile::save`]. If it cannot be written, no lock
    /// file is left for it either.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the record breaks a rule of the format; [`Error::Locked`],
    /// [`Error::Exists`], I/O errors.
    pub fn create_record(&self, record: &Record) -> Result<RecordFile> {
        let path = self.path_for(record);
        let bytes = checked_bytes(&path, record)?;
        if path.symlink_metadata().is_ok() {
            return Err(Error::Exists { path });
        }
        let lock = lock::acquire(&path, self.zone)?;
        match atomic::create_new(&path, &bytes) {
            Ok(stamp) => Ok(RecordFile::new(path, record.id.clone(), stamp, bytes, lock)),
            Err(e) => {
                lock.discard();
                Err(e)
            }
        }
    }

    /// Saves atomically over `path`, keeping the previous version as `<file>.bak`; writes
    /// nothing if the file already holds exactly these bytes.
    ///
    /// This is the low-level write: it reads `path` only to compare, and does not check the
    /// lock, so it replaces whatever regular file is there. Editing sessions use
    /// [`RecordFile::save`] instead, which refuses to overwrite a file that changed on disk.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the record breaks a rule of the format, or `path` is a symbolic
    /// link or not a regular file; I/O errors. The old file is then left intact and no temp
    /// file remains.
    pub fn save(&self, path: &Path, record: &Record) -> Result<()> {
        let bytes = checked_bytes(path, record)?;
        if fs_err::read(path).is_ok_and(|on_disk| on_disk == bytes) {
            return Ok(());
        }
        atomic::replace(path, atomic::Durability::RECORD, |file| {
            file.write_all(&bytes)
        })?;
        atomic::sync_folder(atomic::folder_of(path))
    }

    /// Loads and parses a record file, saying whether it may be written (see
    /// [`Loaded::read_only`]) and what rules it breaks. Takes no lock.
    ///
    /// # Errors
    /// I/O errors, or a parse error naming the file, line and column.
    pub fn load(&self, path: &Path) -> Result<Loaded> {
        let (mut loaded, _) = read_assessed(path)?;
        if !self.holds(path) {
            let reason = format!(
                "is outside the records folder {}; opened read-only (minutes writes only in its \
                 records folder: move the file there, or pass --dir with its folder)",
                self.dir.display()
            );
            loaded.read_only = Some(match loaded.read_only {
                Some(others) => format!("{reason}; {others}"),
                None => reason,
            });
        }
        Ok(loaded)
    }

    /// Whether `path` is a file directly in this records folder (however the path names it).
    fn holds(&self, path: &Path) -> bool {
        match (
            fs_err::metadata(atomic::folder_of(path)),
            fs_err::metadata(&self.dir),
        ) {
            (Ok(folder), Ok(records)) => guarded::same_file(&folder, &records),
            _ => false,
        }
    }

    /// Opens a record for editing: takes its lock, then loads it. Returns the record and, if
    /// this session may write it, the [`RecordFile`] to save it with. When it may not (in use
    /// by another session, newer schema, owned by someone else, a symbolic link, lock cannot
    /// be taken), `read_only` says why and there is no handle (and no lock held).
    ///
    /// The file is read once before the lock is taken, so that no lock file is made beside a
    /// file that is not a record this session could write, and read again under the lock.
    ///
    /// # Errors
    /// I/O errors, or a parse error naming the file (such a file is never written).
    pub fn open_record(&self, path: &Path) -> Result<(Loaded, Option<RecordFile>)> {
        let first = self.load(path)?;
        if first.read_only.is_some() {
            return Ok((first, None));
        }
        let lock = match lock::acquire(path, self.zone) {
            Ok(lock) => lock,
            Err(e) => {
                let reason = match e {
                    Error::Locked { holder, .. } => format!("in use by {holder}"),
                    e => format!("cannot take the lock ({e})"),
                };
                let loaded = Loaded {
                    read_only: Some(format!("{reason}; opened read-only")),
                    ..first
                };
                return Ok((loaded, None));
            }
        };
        // Only what is read under the lock counts: another session may have saved between.
        let (loaded, file) = read_assessed(path)?;
        let handle = loaded.read_only.is_none().then(|| {
            RecordFile::new(
                path.to_owned(),
                loaded.record.id.clone(),
                file.stamp(),
                file.bytes,
                lock,
            )
        });
        Ok((loaded, handle))
    }

    /// Opens a record to change it at once (a command, not an editing session), as
    /// [`open_record`](Self::open_record) does, but refuses where that opens read-only.
    ///
    /// # Errors
    /// [`Error::Locked`] naming who holds the record; the lock file cannot be used (naming
    /// it); [`Error::Invalid`] saying why this session may not write the record, ending
    /// `; {unchanged}`; parse and I/O errors naming the file. Nothing is written.
    pub fn open_to_change(&self, path: &Path, unchanged: &str) -> Result<(Record, RecordFile)> {
        let refuse = |reason: &str| Error::Invalid {
            path: path.to_owned(),
            message: format!("{}; {unchanged}", reason.replace("; opened read-only", "")),
        };
        if let Some(reason) = self.load(path)?.read_only {
            return Err(refuse(&reason));
        }
        let lock = lock::acquire(path, self.zone)?;
        let (loaded, file) = read_assessed(path)?;
        if let Some(reason) = loaded.read_only {
            return Err(refuse(&reason));
        }
        let id = loaded.record.id.clone();
        let stamp = file.stamp();
        Ok((
            loaded.record,
            RecordFile::new(path.to_owned(), id, stamp, file.bytes, lock),
        ))
    }

    /// Finds a record: `id_or_path` may be an existing file path, a file name in the
    /// records folder, or a unique prefix of a record id (or of the short id in a file name,
    /// which also finds files that do not parse, so they can be checked).
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Ambiguous`] listing the matches, or the folder cannot be
    /// read.
    pub fn resolve(&self, id_or_path: &str) -> Result<PathBuf> {
        let as_path = Path::new(id_or_path);
        if as_path.is_file() {
            return Ok(as_path.to_owned());
        }
        if as_path.components().count() == 1 {
            let in_dir = self.dir.join(as_path);
            if in_dir.is_file() {
                return Ok(in_dir);
            }
        }
        let not_found = || Error::NotFound {
            query: id_or_path.to_owned(),
            dir: self.dir.clone(),
        };
        let query = id_or_path.trim().to_ascii_lowercase();
        if query.is_empty() || !query.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let scan = index::scan(&self.dir)?;
        if let Some(exact) = scan.found.iter().find(|f| f.summary.id == query) {
            return Ok(exact.path.clone());
        }
        let mut matches: Vec<(PathBuf, String)> = scan
            .found
            .into_iter()
            .filter(|f| {
                f.summary.id.starts_with(&query) || index::short_id_of(&f.name).starts_with(&query)
            })
            .map(|f| (f.path, f.summary.id))
            .collect();
        matches.extend(
            scan.problems
                .into_iter()
                .filter(|(name, _)| index::short_id_of(name).starts_with(&query))
                .map(|(name, _)| (self.dir.join(&name), name)),
        );
        match matches.len() {
            0 => Err(not_found()),
            1 => Ok(matches.swap_remove(0).0),
            _ => Err(Error::Ambiguous {
                query: id_or_path.to_owned(),
                candidates: matches.into_iter().map(|(_, id)| id).collect(),
            }),
        }
    }

    /// Summaries of every record (`*.json`, not hidden, not `.bak`), newest meeting date
    /// first, from the `.index.json` cache where the file has not changed. Files that do not
    /// parse are reported in `problems` and left untouched.
    ///
    /// # Errors
    /// The folder cannot be read.
    pub fn list(&self) -> Result<Listing> {
        let scan = index::scan(&self.dir)?;
        Ok(Listing {
            entries: scan
                .found
                .into_iter()
                .map(|f| ListEntry {
                    path: f.path,
                    summary: f.summary,
                })
                .collect(),
            problems: scan.problems.into_iter().map(|(_, e)| e).collect(),
            warnings: scan.warnings,
        })
    }

    /// Takes the write lock on a record, without waiting: a hidden `.<file>.lock` beside it
    /// (mode 0600), `flock`ed, holding who took it (user, host, pid, since). The kernel
    /// releases the lock when the holder dies, so a lock file left by a crashed session is
    /// simply taken over. Dropping the [`RecordLock`] releases it.
    ///
    /// # Errors
    /// [`Error::Locked`] naming who holds it and since when (this includes another lock
    /// taken in this same process); [`Error::Invalid`] if `path` is not a regular file (no
    /// lock file is made beside what is not a record) or the lock file cannot be used; I/O
    /// errors.
    pub fn lock(&self, path: &Path) -> Result<RecordLock> {
        if let Some(kind) = guarded::irregular(fs_err::symlink_metadata(path)?.file_type()) {
            return Err(Error::Invalid {
                path: path.to_owned(),
                message: format!("is {kind}, not a record file; not locked"),
            });
        }
        lock::acquire(path, self.zone)
    }
}

/// A record's usual file name: `YYYY-MM-DD-<type>-<short id>.json`.
fn file_name_for(record: &Record) -> String {
    format!(
        "{}-{}-{}.json",
        record.meeting.date,
        record.meeting.meeting_type,
        record.short_id()
    )
}

/// Reads one record file anywhere on disk.
///
/// # Errors
/// I/O errors, or a parse error naming the file, line and column.
pub fn load_file(path: &Path) -> Result<Record> {
    let file = load::read(path)?;
    load::parse(path, &file.bytes)
}

/// The bytes to write for `record` at `path`, if it breaks no rule of the format.
///
/// # Errors
/// [`Error::Invalid`] naming the file and every rule broken; nothing may be written then.
pub(crate) fn checked_bytes(path: &Path, record: &Record) -> Result<Vec<u8>> {
    let problems = record.problems();
    if !problems.is_empty() {
        return Err(Error::Invalid {
            path: path.to_owned(),
            message: format!(
                "refusing to save a record that breaks the format's rules: {}",
                problems.join("; ")
            ),
        });
    }
    atomic::record_bytes(path, record)
}

/// Reads a record and assesses it; with the bytes and metadata read.
fn read_assessed(path: &Path) -> Result<(Loaded, load::FileBytes)> {
    let file = load::read(path)?;
    let record = load::parse(path, &file.bytes)?;
    Ok((assess(path, record, &file.meta), file))
}

/// What this session may do with a record just read, and what is wrong with it.
fn assess(path: &Path, record: Record, meta: &std::fs::Metadata) -> Loaded {
    let reasons = load::read_only_reasons(path, &record, meta);
    Loaded {
        read_only: (!reasons.is_empty()).then(|| reasons.join("; ")),
        problems: record.problems(),
        warnings: file_warnings(path, meta),
        record,
    }
}

/// Warnings about one record file and its backup: open to other users (or, in a team
/// folder, to users outside the team).
fn file_warnings(path: &Path, meta: &std::fs::Metadata) -> Vec<String> {
    let policy = team::Policy::of_folder(atomic::folder_of(path));
    let backup = atomic::backup_path(path);
    let backup_warning = fs_err::symlink_metadata(&backup)
        .ok()
        .and_then(|meta| policy.file_warning(&backup, &meta));
    policy
        .file_warning(path, meta)
        .into_iter()
        .chain(backup_warning)
        .collect()
}

/// What the user should know about a folder of records or one record file, read without
/// parsing a record or writing anything (for `minutes check`): files open to other users
/// (records and their backups), temp files left by interrupted saves, recovery files.
///
/// # Errors
/// The folder or file cannot be read.
pub fn warnings_about(path: &Path) -> Result<Vec<String>> {
    let meta = fs_err::metadata(path)?;
    if meta.is_dir() {
        let mut warnings: Vec<String> = team::folder_warning(path, &meta).into_iter().collect();
        warnings.extend(index::folder_warnings(path)?);
        Ok(warnings)
    } else {
        Ok(file_warnings(path, &meta))
    }
}

/// The files `minutes check` reads for `path`: a folder's record files (named as the store
/// names them: `*.json`, not hidden), sorted; any other path as it is. A folder named like a
/// record file is taken as meant for a file, so checking it says what it is.
///
/// # Errors
/// The folder cannot be read.
pub fn files_to_check(path: &Path) -> Result<Vec<PathBuf>> {
    let named_as_record = path.extension().is_some_and(|ext| ext == "json");
    if named_as_record || !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    for entry in fs_err::read_dir(path)? {
        let entry = entry?;
        if entry
            .file_name()
            .to_str()
            .is_some_and(index::is_record_name)
        {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}
