//! The saver thread: owns the record's [`RecordFile`] (and so its lock), writes the
//! snapshots the loop hands it, and reports each result back on the loop's channel. Typing
//! never waits for the disk.
//!
//! Snapshots pile up only while a save is slow; then only the newest one matters, so the
//! saver writes that one and skips the rest (its report's `seq` covers them). Copies the
//! user asked for are each written, in order, after the pending save.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::event::{Message, SaveKind, SaveReport};
use crate::clock::{Clock, SystemClock};
use crate::model::Record;
use crate::store::RecordFile;
use crate::store::recovery;

/// The number of the next saver started in this process.
static NEXT_SAVER: AtomicU64 = AtomicU64::new(1);

/// A job for the saver.
enum Job {
    Save(u64, Box<Record>),
    Copy(u64, Box<Record>, PathBuf),
}

/// The loop's handle on the saver thread.
#[derive(Debug)]
pub struct Saver {
    id: u64,
    jobs: Sender<Job>,
    next_seq: u64,
    thread: thread::JoinHandle<()>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Save(seq, _) => write!(f, "Save({seq})"),
            Self::Copy(seq, _, path) => write!(f, "Copy({seq}, {})", path.display()),
        }
    }
}

impl Saver {
    /// Starts the saver for the record at `path`. With no `file` (read-only), every save
    /// is refused with a message saying so; copies still work.
    ///
    /// # Errors
    /// The thread cannot be started.
    pub fn spawn(
        file: Option<RecordFile>,
        path: PathBuf,
        reports: Sender<Message>,
    ) -> std::io::Result<Self> {
        let (jobs, inbox) = mpsc::channel();
        let id = NEXT_SAVER.fetch_add(1, Ordering::Relaxed);
        let thread = thread::Builder::new()
            .name("saver".into())
            .spawn(move || run(id, file, &path, &inbox, &reports))?;
        Ok(Self {
            id,
            jobs,
            next_seq: 1,
            thread,
        })
    }

    /// This saver's number, which its reports carry ([`SaveReport::saver`]).
    #[must_use]
    pub const fn id(&self) -> u64 {
        self.id
    }

    /// Stops the saver once its queue is done, waiting for it until `by` at the latest, so
    /// the record's lock is released properly (clearing who held it). If it is still
    /// writing then, the process exit ends it and the kernel releases the lock.
    pub fn close(self, by: std::time::Instant) {
        let Self { jobs, thread, .. } = self;
        drop(jobs);
        while !thread.is_finished() && std::time::Instant::now() < by {
            thread::sleep(std::time::Duration::from_millis(2));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }

    /// Queues a save of `record` to its file; returns the job's number.
    pub fn save(&mut self, record: Box<Record>) -> u64 {
        let seq = self.take_seq();
        self.send(Job::Save(seq, record), seq)
    }

    /// Queues a copy of `record` at `path`; returns the job's number.
    pub fn copy(&mut self, record: Box<Record>, path: PathBuf) -> u64 {
        let seq = self.take_seq();
        self.send(Job::Copy(seq, record, path), seq)
    }

    const fn take_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// A saver that is gone (it cannot be: it never stops while the loop holds this
    /// handle) would lose the job; the loop then sees no report and writes a recovery file
    /// when it leaves.
    fn send(&self, job: Job, seq: u64) -> u64 {
        let _ = self.jobs.send(job);
        seq
    }
}

/// The saver thread's body: until the loop drops its handle, take every job waiting, write
/// the newest save and then each copy, and report.
fn run(
    id: u64,
    mut file: Option<RecordFile>,
    path: &Path,
    inbox: &Receiver<Job>,
    reports: &Sender<Message>,
) {
    while let Ok(first) = inbox.recv() {
        let mut newest: Option<(u64, Box<Record>)> = None;
        let mut copies = Vec::new();
        for job in std::iter::once(first).chain(inbox.try_iter()) {
            match job {
                Job::Save(seq, record) => newest = Some((seq, record)),
                Job::Copy(seq, record, target) => copies.push((seq, record, target)),
            }
        }
        if let Some((seq, record)) = newest {
            let result = guarded(|| save(file.as_mut(), path, &record));
            let report = SaveReport {
                saver: id,
                seq,
                kind: SaveKind::Record,
                result,
            };
            if reports.send(Message::Saved(report)).is_err() {
                return;
            }
        }
        for (seq, record, target) in copies {
            let result = guarded(|| copy(&record, &target));
            let report = SaveReport {
                saver: id,
                seq,
                kind: SaveKind::Copy(target),
                result,
            };
            if reports.send(Message::Saved(report)).is_err() {
                return;
            }
        }
    }
}

/// Runs one write, turning a panic into an error so the saver keeps going.
fn guarded(write: impl FnOnce() -> Result<(), String>) -> Result<crate::model::Timestamp, String> {
    match catch_unwind(AssertUnwindSafe(write)) {
        Ok(Ok(())) => Ok(SystemClock::default().now()),
        Ok(Err(message)) => Err(message),
        Err(_) => Err("the saver failed unexpectedly (a bug); the text is still on screen".into()),
    }
}

fn save(file: Option<&mut RecordFile>, path: &Path, record: &Record) -> Result<(), String> {
    match file {
        Some(file) => file.save(record).map_err(|e| e.to_string()),
        None => Err(format!(
            "{}: opened read-only, so this session does not save it",
            path.display()
        )),
    }
}

fn copy(record: &Record, target: &Path) -> Result<(), String> {
    let target = expand_home(target);
    recovery::save_copy(&target, record)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// `~/x` as typed in the copy prompt means the home folder's `x`.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), dirs::home_dir()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn home_is_expanded_only_at_the_start() {
        if let Some(home) = dirs::home_dir() {
            assert_eq!(expand_home(Path::new("~/a.json")), home.join("a.json"));
        }
        assert_eq!(expand_home(Path::new("/x/~/a")), Path::new("/x/~/a"));
    }

    #[test]
    fn without_a_file_saves_are_refused_naming_it_and_copies_still_work() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let path = dir.path().join("r.json");
        let mut saver = Saver::spawn(None, path, tx).unwrap();
        let catalogue = crate::templates::Catalogue::load(None);
        let record = Box::new(crate::model::Record::new(
            &catalogue.templates()[0],
            crate::model::NewMeeting {
                title: "T".into(),
                subject_ref: String::new(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            },
            "ab".repeat(16),
            SystemClock::default().now(),
        ));
        let first = saver.save(record.clone());
        let copy_target = dir.path().join("copy.json");
        let second = saver.copy(record, copy_target.clone());
        let mut reports = Vec::new();
        while reports.len() < 2 {
            match rx.recv_timeout(Duration::from_secs(5)).unwrap() {
                Message::Saved(report) => reports.push(report),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(reports[0].seq, first);
        let error = reports[0].result.clone().unwrap_err();
        assert!(
            error.contains("r.json") && error.contains("read-only"),
            "{error}"
        );
        assert_eq!(reports[1].seq, second);
        assert!(reports[1].result.is_ok(), "{:?}", reports[1]);
        assert!(copy_target.exists());
    }
}
