//! One writer per record: an advisory `flock` on a hidden lock file beside the record.
//!
//! The kernel drops a `flock` when the process holding it dies (crash, kill -9, power cut),
//! so there are no stale locks to clean up: a lock file left behind with nobody holding it is
//! simply locked again and its holder details overwritten. The file's contents (who, where,
//! since when) are only there to tell the next person who has the record open.
//!
//! A lock file is deleted only by the session holding it, and only when the record it was
//! taken for could not be created ([`RecordLock::discard`]). Another session may have opened
//! the file just before and be about to lock it; so [`acquire`], once it holds a lock, checks
//! that the file it locked is still the one at the path, and starts again if not. Two
//! sessions therefore never hold locks on two different files for one record.
//! `flock` belongs to an open file description, so a second [`acquire`] in the same process
//! fails too, as it should. It is advisory: only `minutes` sessions honour it, and on some
//! network file systems it may only be local to one machine.
//!
//! The lock file is written (holder details) and emptied, so it is opened without following
//! a symbolic link and used only if it is a regular file with one name, owned by this user
//! or, in a team folder, one the team shares (the folder's group, group read-write; see
//! `team`): anything else at its path could be another file (a link to `/etc/passwd`, a
//! device), and is refused, naming the lock file, without being written.
//!
//! # Across accounts
//! In a team folder several accounts lock the same records. A lock file is made 0660 with
//! the folder's group (whatever the umask), so any member can lock it and read who holds it.
//! The holder is named by name (`name` in `config.toml`, else the account's), login, host and
//! pid. A session that ends normally empties the lock file; one that crashed (or was killed)
//! leaves its details behind with no `flock` on the file, so the next session, of any account,
//! takes the lock, overwrites the details, and says whose lock it took over
//! ([`RecordLock::taken_over`]). A live lock is never broken: `flock` refuses, and the error
//! names who holds it and since when.

use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{context, folder_of};
use super::guarded;
use super::team::Policy;
use crate::clock::Zone;
use crate::error::{Error, Result};

/// Held while this session may write a record; dropping it releases the lock.
#[derive(Debug)]
pub struct RecordLock {
    file: fs_err::File,
    record: PathBuf,
    /// Who held this lock before, if their session ended without releasing it.
    taken_over: Option<String>,
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

    /// Whose lock this session took over, if the last session to hold it (of this account
    /// or another) ended without releasing it: "Jane Smith (jane) on host-1 (pid 4242) since
    /// ...". Its process is gone (else the lock could not have been taken).
    #[must_use]
    pub fn taken_over(&self) -> Option<&str> {
        self.taken_over.as_deref()
    }

    /// Removes the lock file, then releases the lock: for a record that could not be created,
    /// so that no lock file is left beside a record that does not exist. Safe only while the
    /// lock is held, and only because [`acquire`] checks after locking that it locked the file
    /// now at the path (see the module documentation).
    pub(crate) fn discard(self) {
        if still_at(self.file.file(), self.file.path()) {
            let _ = std::fs::remove_file(self.file.path());
        }
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
    /// The person's name (`crate::config::user_name`); absent in lock files of older
    /// versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// The login (account) name.
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
            name: crate::config::user_name().filter(|name| *name != user),
            user,
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            pid: std::process::id(),
            since: chrono::Local::now().fixed_offset().to_rfc3339(),
        }
    }

    /// "Jane Smith (jane) on host-1 (pid 4242) since 2026-11-23 14:03" ("jane on ..." when
    /// no name is known), the time on the clock of `zone` (the council's), whatever zone the
    /// holder's machine runs in. The names come from a file others may write: made safe for
    /// a terminal.
    fn describe(&self, zone: Zone) -> String {
        let since = chrono::DateTime::parse_from_rfc3339(&self.since)
            .map_or_else(|_| self.since.clone(), |t| zone.date_hm(&t));
        let safe = |text: &str| crate::text::for_record(text).replace(['\n', '\t'], " ");
        let who = match &self.name {
            Some(name) => format!("{} ({})", safe(name), safe(&self.user)),
            None => safe(&self.user),
        };
        format!(
            "{who} on {} (pid {}) since {since}",
            safe(&self.host),
            self.pid
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

/// How many times [`acquire`] opens the lock file again when the one it locked was
/// discarded meanwhile; a second try is enough unless something keeps replacing it.
const ATTEMPTS: usize = 3;

/// Takes the write lock on `record` without waiting.
pub(crate) fn acquire(record: &Path, zone: Zone) -> Result<RecordLock> {
    let path = lock_path(record);
    for _ in 0..ATTEMPTS {
        let file = open_lock_file(&path)?;
        if let Some(lock) = lock_opened(record, file, zone)? {
            return Ok(lock);
        }
    }
    Err(Error::Invalid {
        path,
        message: "was replaced each time minutes locked it; try again".to_owned(),
    })
}

/// Opens (creating it, 0600, or 0660 with the folder's group in a team folder) the lock file
/// at `path`, if it is one minutes could have made: a regular file, not a symbolic link, with
/// no other name, owned by this user or, in a team folder, shared with the team.
fn open_lock_file(path: &Path) -> Result<fs_err::File> {
    let policy = Policy::of_folder(folder_of(path));
    const ADVICE: &str =
        "not used as the record's lock file (remove it if you did not put it there)";
    let (file, meta) = guarded::open_regular(
        path,
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(policy.file_mode()),
        ADVICE,
    )?;
    let refuse = |what: String| Error::Invalid {
        path: path.to_owned(),
        message: format!("{what}; {ADVICE}"),
    };
    if meta.nlink() > 1 {
        return Err(refuse(format!(
            "has {} names (hard links), so writing it would change another file",
            meta.nlink()
        )));
    }
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() == me {
        // Made by this account (perhaps just now, under its umask): the folder's mode.
        if !policy.made_so(&meta) {
            policy
                .apply(file.file())
                .map_err(|e| super::team::apply_error(e, path))?;
        }
    } else if !policy.shared(&meta) {
        let team = if policy.is_team() {
            " and not shared with the team folder's group (group read-write)"
        } else {
            ""
        };
        return Err(refuse(format!(
            "is owned by another user (uid {}, you are uid {me}){team}",
            meta.uid()
        )));
    }
    Ok(file)
}

/// Locks the lock file `file` opened for `record`. `None` if, by the time it was locked, it
/// was no longer the file at its path (its holder discarded it): then nothing is held.
fn lock_opened(record: &Path, mut file: fs_err::File, zone: Zone) -> Result<Option<RecordLock>> {
    match file.file().try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::Locked {
                path: record.to_owned(),
                holder: holder_in(&mut file, zone),
            });
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(context(
                e,
                format_args!("cannot lock {}", file.path().display()),
            ));
        }
    }
    if !still_at(file.file(), file.path()) {
        return Ok(None);
    }
    // Details left in a lock file nobody holds: its session ended without releasing it.
    let taken_over = left_by(&mut file).map(|holder| holder.describe(zone));
    // The holder details are a courtesy to the next person; failing to write them (a full
    // disk) must not stop this session from working on its record.
    if let Ok(details) = serde_json::to_vec(&Holder::me()) {
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(&details));
    }
    Ok(Some(RecordLock {
        file,
        record: record.to_owned(),
        taken_over,
    }))
}

/// Whether the open `file` is still the file at `path` (not removed, not replaced).
fn still_at(file: &std::fs::File, path: &Path) -> bool {
    match (file.metadata(), path.symlink_metadata()) {
        (Ok(open), Ok(at_path)) => guarded::same_file(&open, &at_path),
        _ => false,
    }
}

/// Who holds the lock in words, from the lock file (read through the open file, never by
/// path again).
fn holder_in(file: &mut fs_err::File, zone: Zone) -> String {
    left_by(file).map_or_else(
        || "another minutes session (it has not said who)".to_owned(),
        |holder| holder.describe(zone),
    )
}

/// The holder details in the lock file, if it holds any. Holder details are a few hundred
/// bytes; more is not a lock file's.
fn left_by(file: &mut fs_err::File) -> Option<Holder> {
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.file().take(4096).read_to_end(&mut bytes))
        .ok()?;
    serde_json::from_slice::<Holder>(&bytes).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    #[test]
    fn holder_reads_as_a_sentence() {
        let holder = Holder {
            name: None,
            user: "jane".into(),
            host: "host-1".into(),
            pid: 4242,
            since: "2026-11-23T14:03:41+00:00".into(),
        };
        assert_eq!(
            holder.describe(Zone::LONDON),
            "jane on host-1 (pid 4242) since 2026-11-23 14:03"
        );
        // Written on a machine that runs on UTC, in summer: said on the council's clock.
        let summer = Holder {
            since: "2026-07-14T09:02:00+00:00".into(),
            ..holder
        };
        assert_eq!(
            summer.describe(Zone::LONDON),
            "jane on host-1 (pid 4242) since 2026-07-14 10:02"
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
        let first = acquire(&record, Zone::LONDON).unwrap();
        let err = acquire(&record, Zone::LONDON).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(&format!("(pid {})", std::process::id())),
            "{text}"
        );
        drop(first);
        assert_eq!(std::fs::read(lock_path(&record)).unwrap(), b"");
        acquire(&record, Zone::LONDON).unwrap();
    }

    #[test]
    fn a_lock_file_that_could_be_another_file_is_refused_unwritten() {
        type Make = fn(&Path, &Path);
        let cases: [(&str, Make); 5] = [
            ("symbolic link", |victim, lock| {
                std::os::unix::fs::symlink(victim, lock).unwrap();
            }),
            ("symbolic link", |victim, lock| {
                std::os::unix::fs::symlink(victim.with_extension("new"), lock).unwrap();
            }),
            ("2 names (hard links)", |victim, lock| {
                std::fs::hard_link(victim, lock).unwrap();
            }),
            ("a pipe (FIFO), not a regular file", |_, lock| {
                let mode = rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR;
                rustix::fs::mkfifoat(rustix::fs::CWD, lock, mode).unwrap();
            }),
            ("a folder, not a regular file", |_, lock| {
                std::fs::create_dir(lock).unwrap();
            }),
        ];
        for (said, make) in cases {
            let dir = tempfile::tempdir().unwrap();
            let victim = dir.path().join("victim.txt");
            std::fs::write(&victim, "precious").unwrap();
            let record = dir.path().join("r.json");
            let lock = lock_path(&record);
            make(&victim, &lock);
            let err = acquire(&record, Zone::LONDON).unwrap_err().to_string();
            assert!(err.starts_with(&lock.display().to_string()), "{err}");
            assert!(err.contains(said) && err.contains("not used"), "{err}");
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
            assert!(!victim.with_extension("new").exists(), "nothing created");
        }
    }

    #[test]
    fn a_lock_file_removed_before_it_was_locked_is_not_held() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("r.json");
        let opened = open_lock_file(&lock_path(&record)).unwrap();
        std::fs::remove_file(lock_path(&record)).unwrap();
        assert!(
            lock_opened(&record, opened, Zone::LONDON)
                .unwrap()
                .is_none()
        );
        assert!(!lock_path(&record).exists(), "nothing written");
        acquire(&record, Zone::LONDON).unwrap();
    }

    #[test]
    fn a_session_waiting_on_a_discarded_lock_file_locks_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("r.json");
        let held = acquire(&record, Zone::LONDON).unwrap();
        // Another session opened the lock file and is about to lock it...
        let waiting = open_lock_file(&lock_path(&record)).unwrap();
        // ...when its holder discards it.
        held.discard();
        assert!(!lock_path(&record).exists());
        assert!(
            lock_opened(&record, waiting, Zone::LONDON)
                .unwrap()
                .is_none()
        );
        let lock = acquire(&record, Zone::LONDON).unwrap();
        assert!(lock.lock_file().exists());
        assert!(
            acquire(&record, Zone::LONDON).is_err(),
            "the new file is the one locked"
        );
    }
}
