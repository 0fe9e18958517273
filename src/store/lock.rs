//! One writer per record: an advisory `flock` on a hidden lock file beside the record.
//!
//! The kernel drops a `flock` when the process holding it dies (crash, kill -9, power cut),
//! so there are no stale locks to clean up: a lock file left behind with nobody holding it is
//! simply locked again and its holder details overwritten. The file's contents (who, where,
//! since when) are only there to tell the next person who has the record open.
//!
//! The lock file is never deleted: deleting it while another process has it open (and is
//! about to lock it) would let two sessions each hold a lock on a different file.
//! `flock` belongs to an open file description, so a second [`acquire`] in the same process
//! fails too, as it should. It is advisory: only `minutes` sessions honour it, and on some
//! network file systems it may only be local to one machine.

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use fs_err::os::unix::fs::OpenOptionsExt;
use serde::{Deserialize, Serialize};

use super::atomic::{context, folder_of};
use crate::error::{Error, Result};

/// Held while this session may write a record; dropping it releases the lock.
#[derive(Debug)]
pub struct RecordLock {
    file: fs_err::File,
    record: PathBuf,
}

impl RecordLock {
    /// The record this lock is for.
    #[must_use]
    pub fn record(&self) -> &Path {
        &self.record
    }

    /// The lock file beside the record.
    #[must_use]
    pub fn lock_file(&self) -> &Path {
        self.file.path()
    }
}

impl Drop for RecordLock {
    fn drop(&mut self) {
        // Still holding the lock, so nobody else is writing this file: clear the holder
        // details. Closing the file then releases the lock.
        let _ = self.file.set_len(0);
    }
}

/// Who holds a lock, as written in the lock file.
#[derive(Debug, Serialize, Deserialize)]
struct Holder {
    user: String,
    host: String,
    pid: u32,
    since: String,
}

impl Holder {
    fn me() -> Self {
        let user = std::env::var("USER")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("uid {}", rustix::process::geteuid().as_raw()));
        Self {
            user,
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            pid: std::process::id(),
            since: chrono::Local::now().fixed_offset().to_rfc3339(),
        }
    }

    /// "jane on host-1 (pid 4242) since 2026-11-23 14:03".
    fn describe(&self) -> String {
        let since = chrono::DateTime::parse_from_rfc3339(&self.since).map_or_else(
            |_| self.since.clone(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        );
        format!(
            "{} on {} (pid {}) since {since}",
            self.user, self.host, self.pid
        )
    }
}

/// The lock file of a record: `.<file name>.lock` in the same folder.
pub(crate) fn lock_path(record: &Path) -> PathBuf {
    let name = record
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder_of(record).join(format!(".{name}.lock"))
}

/// Takes the write lock on `record` without waiting.
pub(crate) fn acquire(record: &Path) -> Result<RecordLock> {
    let path = lock_path(record);
    let mut file = fs_err::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::Locked {
                path: record.to_owned(),
                holder: holder_of(&path),
            });
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(context(e, format_args!("cannot lock {}", path.display())));
        }
    }
    // The holder details are a courtesy to the next person; failing to write them (a full
    // disk) must not stop this session from working on its record.
    if let Ok(details) = serde_json::to_vec(&Holder::me()) {
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(&details));
    }
    Ok(RecordLock {
        file,
        record: record.to_owned(),
    })
}

/// Who holds the lock in words, from the lock file.
fn holder_of(lock_file: &Path) -> String {
    fs_err::read(lock_file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Holder>(&bytes).ok())
        .map_or_else(
            || "another minutes session (it has not said who)".to_owned(),
            |holder| holder.describe(),
        )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    #[test]
    fn holder_reads_as_a_sentence() {
        let holder = Holder {
            user: "jane".into(),
            host: "host-1".into(),
            pid: 4242,
            since: "2026-11-23T14:03:41+00:00".into(),
        };
        assert_eq!(
            holder.describe(),
            "jane on host-1 (pid 4242) since 2026-11-23 14:03"
        );
    }

    #[test]
    fn lock_file_is_hidden_beside_the_record() {
        assert_eq!(
            lock_path(Path::new("/r/2026-11-23-x-ab.json")),
            Path::new("/r/.2026-11-23-x-ab.json.lock")
        );
        assert_eq!(lock_path(Path::new("a.json")), Path::new("./.a.json.lock"));
    }

    #[test]
    fn second_lock_in_same_process_is_refused_then_granted() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("r.json");
        let first = acquire(&record).unwrap();
        let err = acquire(&record).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(&format!("(pid {})", std::process::id())),
            "{text}"
        );
        drop(first);
        assert_eq!(std::fs::read(lock_path(&record)).unwrap(), b"");
        acquire(&record).unwrap();
    }
}
