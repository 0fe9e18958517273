//! How a meeting on the live screen ends: the loop's own account of its saves
//! ([`SaveLedger`]), what leaving comes to ([`Ending`]), and that in one line for the user.

use std::path::{Path, PathBuf};

use crate::model::Record;
use crate::tui::event::{SaveKind, SaveReport};

/// How a meeting ended, for the line said after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Everything typed is in the record's file.
    Saved,
    /// Nothing changed, so nothing was written.
    Unchanged,
    /// The record was open read-only (the reason); nothing was written.
    ReadOnly(String),
    /// The user chose to leave without saving the last changes (saves were failing: why).
    Discarded(Option<String>),
    /// The record's file could not be saved (why); the latest text is in the user's copy.
    InCopy {
        /// Where the copy is.
        copy: PathBuf,
        /// Why the record's own file could not be saved.
        reason: String,
    },
    /// The latest text is in a recovery file, because the record's file could not take it.
    Recovered {
        /// The recovery file.
        file: PathBuf,
        /// Why the record's own file does not have it.
        reason: String,
    },
    /// Neither the record nor a recovery file could be written.
    NotSaved {
        /// Why the record's own file does not have it.
        reason: String,
        /// Why the recovery file could not be written.
        recovery_error: String,
    },
}

/// What a meeting came to, once it is over.
#[derive(Debug)]
pub struct Outcome {
    /// How it ended.
    pub ending: Ending,
    /// The record as it was at the end, for a last-resort dump when nothing could be saved.
    pub record: Box<Record>,
    /// The record's file.
    pub path: PathBuf,
    /// Why the end of the editing session is not in the audit log, if it is not.
    pub audit_warning: Option<String>,
}

impl Outcome {
    /// Where the text is, in one line, and whether the record's file has it all.
    #[must_use]
    pub fn describe(&self) -> (String, bool) {
        describe(&self.ending, &self.path)
    }
}

/// Where the text is after `ending` of the meeting on `path`, in one line, and whether the
/// record's file has it all.
fn describe(ending: &Ending, path: &Path) -> (String, bool) {
    let path = path.display();
    match ending {
        Ending::Saved => (format!("Saved to {path}"), true),
        Ending::Unchanged => (format!("No changes; {path} is as it was"), true),
        Ending::ReadOnly(reason) => (
            format!("Read-only ({reason}); nothing was written to {path}"),
            true,
        ),
        Ending::Discarded(reason) => {
            let why = reason
                .as_deref()
                .map_or_else(String::new, |e| format!(" (saving failed: {e})"));
            (
                format!(
                    "left without saving the last changes, as asked{why}; {path} holds the last save"
                ),
                true,
            )
        }
        Ending::InCopy { copy, reason } => (
            format!(
                "the latest text is in your copy {}; {path} could not be saved: {reason}",
                copy.display()
            ),
            false,
        ),
        Ending::Recovered { file, reason } => (
            format!(
                "{path} does not have the latest text ({reason}); it is in {}. Read it with: \
                 minutes show '{}'; make it the record again with: minutes restore '{}'",
                file.display(),
                file.display(),
                file.display()
            ),
            false,
        ),
        Ending::NotSaved {
            reason,
            recovery_error,
        } => (
            format!(
                "could not save {path} ({reason}) nor write a recovery file ({recovery_error}); \
                 the record follows as JSON: copy it somewhere safe"
            ),
            false,
        ),
    }
}

/// The loop's account of saves, kept apart from the app's so that leaving never trusts
/// the screen's bookkeeping with the question "is the text on disk?".
#[derive(Debug, Default)]
pub(super) struct SaveLedger {
    /// The newest record save asked of the saver (0: none yet).
    asked: u64,
    /// The newest record save the saver has reported on (it covers earlier ones).
    confirmed: u64,
    /// Some save of the record's file worked this session.
    saved_once: bool,
    /// Why the newest save of the record's file failed, if it did.
    last_error: Option<String>,
    /// The newest copy written at the user's request.
    last_copy: Option<PathBuf>,
    /// A save was still to be confirmed when the app asked to exit.
    exit_with_save: bool,
}

/// What leaving comes to, before any recovery file is written.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Nothing more to do.
    Ended(Ending),
    /// The latest text is only in memory: write a recovery file, for this reason.
    Recover(String),
}

impl SaveLedger {
    pub(super) const fn asked(&mut self, seq: u64) {
        self.asked = seq;
    }

    pub(super) fn reported(&mut self, report: &SaveReport) {
        match (&report.kind, &report.result) {
            (SaveKind::Record, result) => {
                self.confirmed = self.confirmed.max(report.seq);
                match result {
                    Ok(_) => {
                        self.saved_once = true;
                        self.last_error = None;
                    }
                    Err(e) => self.last_error = Some(e.clone()),
                }
            }
            (SaveKind::Copy(path), Ok(_)) => self.last_copy = Some(path.clone()),
            (SaveKind::Copy(_), Err(_)) => {}
        }
    }

    /// The app asked to leave.
    pub(super) const fn exiting(&mut self) {
        self.exit_with_save = self.outstanding();
    }

    /// A save asked for has not been reported on.
    pub(super) const fn outstanding(&self) -> bool {
        self.confirmed < self.asked
    }

    /// Where the text is once waiting is over, given the app's read-only reason and whether
    /// it has changes it did not save. When in doubt, recover: a spare file is cheap, lost
    /// minutes are not.
    pub(super) fn verdict(&self, read_only: Option<&str>, dirty: bool) -> Verdict {
        if let Some(reason) = read_only {
            return Verdict::Ended(Ending::ReadOnly(reason.to_owned()));
        }
        if self.outstanding() {
            return Verdict::Recover(self.last_error.clone().map_or_else(
                || "the save did not finish in time".to_owned(),
                |e| format!("the last save failed: {e}"),
            ));
        }
        match (self.last_error.clone(), dirty, self.last_copy.clone()) {
            (None, false, _) if self.saved_once => Verdict::Ended(Ending::Saved),
            (None, false, _) => Verdict::Ended(Ending::Unchanged),
            // Saves were failing and the user chose to leave without saving (the quit
            // question's discard): the only way out with changes and no save asked for.
            (Some(error), true, _) if !self.exit_with_save => {
                Verdict::Ended(Ending::Discarded(Some(error)))
            }
            (Some(error), false, Some(copy)) => Verdict::Ended(Ending::InCopy {
                copy,
                reason: error,
            }),
            // The final save failed, or the app's account disagrees with ours: keep the text.
            (Some(error), _, _) => Verdict::Recover(error),
            (None, true, _) => Verdict::Recover("the last changes were not saved".to_owned()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn report(seq: u64, kind: SaveKind, result: Result<(), &str>) -> SaveReport {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:03:41+00:00").unwrap();
        SaveReport {
            saver: 1,
            seq,
            kind,
            result: result.map(|()| at).map_err(str::to_owned),
        }
    }

    fn record_save(seq: u64, result: Result<(), &str>) -> SaveReport {
        report(seq, SaveKind::Record, result)
    }

    #[test]
    fn nothing_asked_nothing_changed() {
        let ledger = SaveLedger::default();
        assert_eq!(
            ledger.verdict(None, false),
            Verdict::Ended(Ending::Unchanged)
        );
        let read_only = ledger.verdict(Some("in use by jane"), true);
        assert_eq!(
            read_only,
            Verdict::Ended(Ending::ReadOnly("in use by jane".into()))
        );
    }

    #[test]
    fn a_confirmed_final_save_is_saved_and_a_late_one_is_recovered() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.reported(&record_save(1, Ok(())));
        ledger.asked(2);
        ledger.exiting();
        assert!(ledger.outstanding());
        let verdict = ledger.verdict(None, true);
        assert_eq!(
            verdict,
            Verdict::Recover("the save did not finish in time".into())
        );
        ledger.reported(&record_save(2, Ok(())));
        assert_eq!(ledger.verdict(None, false), Verdict::Ended(Ending::Saved));
    }

    #[test]
    fn a_coalesced_report_covers_earlier_saves() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.asked(2);
        ledger.asked(3);
        ledger.reported(&record_save(3, Ok(())));
        assert!(!ledger.outstanding());
        assert_eq!(ledger.verdict(None, false), Verdict::Ended(Ending::Saved));
    }

    #[test]
    fn a_failed_final_save_is_recovered_with_its_reason() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.exiting();
        ledger.reported(&record_save(1, Err("/r/x.json: disk full")));
        assert_eq!(
            ledger.verdict(None, true),
            Verdict::Recover("/r/x.json: disk full".into())
        );
    }

    #[test]
    fn discarding_is_allowed_only_without_a_save_on_exit() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.reported(&record_save(1, Err("disk full")));
        ledger.exiting(); // the quit question's discard: no new save asked
        assert_eq!(
            ledger.verdict(None, true),
            Verdict::Ended(Ending::Discarded(Some("disk full".into())))
        );
    }

    #[test]
    fn a_copy_holds_the_text_only_until_more_is_typed() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.reported(&record_save(1, Err("disk full")));
        ledger.reported(&report(2, SaveKind::Copy("/usb/copy.json".into()), Ok(())));
        ledger.exiting();
        assert_eq!(
            ledger.verdict(None, false),
            Verdict::Ended(Ending::InCopy {
                copy: "/usb/copy.json".into(),
                reason: "disk full".into()
            })
        );
        // Typed after the copy, then a retry on quitting failed: recover.
        ledger.asked(3);
        ledger.exiting();
        ledger.reported(&record_save(3, Err("disk full")));
        assert_eq!(
            ledger.verdict(None, true),
            Verdict::Recover("disk full".into())
        );
    }

    #[test]
    fn changes_nobody_asked_to_save_are_recovered_not_dropped() {
        let ledger = SaveLedger::default();
        assert!(matches!(ledger.verdict(None, true), Verdict::Recover(_)));
    }
}
