//! Who did what to which record, and when: the audit log (`.audit.jsonl` in the records
//! folder, written by the store, see `crate::store::append_audit`).
//!
//! One JSON line per event ([`AuditEntry`]): the time (RFC 3339 with the council's offset),
//! who (name as [`crate::config::person_name`] gives it, login, host, process id), the action,
//! the record's id and file name, and details that never hold record text (no title, note or
//! name of the adult): an export's format, copy and destination, how many people minutes were
//! circulated to and which copies, an action's number and new status. An editing session on
//! the live screen is one `open` line when it starts and one `close` line when it ends
//! (saying when it started), sharing a session id, however often it saves; actions added or given another status in
//! it are `action` lines of that session, written before its `close` once they are saved.
//!
//! Writing the log never stops the user's work: a line that cannot be written is a
//! [`Warning`], and the use case goes on.
//!
//! Reading it ([`Service::audit_log`]) trusts only well-formed lines in time order: a line
//! that is not JSON or lacks a field is *damaged*, one whose time is earlier than the line
//! before it is *out of order*; both are reported by line number and left out.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::state::Service;
use super::warning::Warning;
use super::who::Who;
use crate::clock::Zone;
use crate::error::{Error, Result};
use crate::model::{ActionStatus, Record, Timestamp};
use crate::store;

/// What was done to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditAction {
    /// An editing session on the live screen started (read-only ones too).
    Open,
    /// That session ended.
    Close,
    /// The record was read: `minutes show`, the browser's reader.
    Read,
    /// The minutes were exported (written to a file or standard output).
    Export,
    /// The chair agreed the minutes.
    Agree,
    /// The minutes were circulated.
    Circulate,
    /// The minutes were reopened.
    Reopen,
    /// An action was added (`added` in the details) or its status was changed.
    Action,
    /// The record was deleted (past its retention period).
    Delete,
}

impl AuditAction {
    /// The action's name, as in the log.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Close => "close",
            Self::Read => "read",
            Self::Export => "export",
            Self::Agree => "agree",
            Self::Circulate => "circulate",
            Self::Reopen => "reopen",
            Self::Action => "action",
            Self::Delete => "delete",
        }
    }
}

/// One line of the audit log. Every field but `session` and `details` must be there for
/// the line to be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When, RFC 3339 with the council's offset then (milliseconds).
    #[serde(serialize_with = "rfc3339")]
    pub time: Timestamp,
    /// Who, by name (`name` in config.toml, else the account's full name, else the login).
    pub name: String,
    /// Their login.
    pub login: String,
    /// The machine.
    pub host: String,
    /// The process.
    pub pid: u32,
    /// What was done.
    pub action: AuditAction,
    /// The record's full id.
    pub record_id: String,
    /// The record's file name in the records folder.
    pub file: String,
    /// The editing session an `open` and its `close` share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// What else is worth knowing, never record text.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub details: Map<String, Value>,
}

fn rfc3339<S: serde::Serializer>(time: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&time.to_rfc3339_opts(SecondsFormat::Millis, false))
}

impl AuditEntry {
    /// The entry as its line in the log (without the newline).
    ///
    /// # Errors
    /// Never in practice: every field serialises.
    pub fn to_line(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
}

/// A line of the log that is not trusted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditProblem {
    /// Its line number, from 1.
    pub line: usize,
    /// Why.
    pub kind: ProblemKind,
}

/// Why a line of the log is not trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON, or a field missing or of the wrong kind (what the parser said).
    Damaged(String),
    /// Its time is earlier than the line before it.
    OutOfOrder,
}

impl std::fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            ProblemKind::Damaged(why) => {
                write!(f, "line {}: damaged, not trusted ({why})", self.line)
            }
            ProblemKind::OutOfOrder => write!(
                f,
                "line {}: out of order (earlier than the line before), not trusted",
                self.line
            ),
        }
    }
}

/// The lines of a log: the trusted ones with their line numbers, and the problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditLog {
    /// The log's file.
    pub path: PathBuf,
    /// Whether there is a log at all.
    pub exists: bool,
    /// Trusted lines that pass the filter, oldest first, with their line numbers.
    pub entries: Vec<(usize, AuditEntry)>,
    /// Lines not trusted (whatever the filter).
    pub problems: Vec<AuditProblem>,
}

/// Which lines `minutes audit` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// A record id, or any unique prefix of one (of a record in the folder or in the log).
    pub record: Option<String>,
    /// Only from this date on (the council's date).
    pub since: Option<NaiveDate>,
    /// Only this person: their name or login, case and accents aside.
    pub user: Option<String>,
}

/// Reads the lines of a log: each must be a whole [`AuditEntry`] (else damaged), its time no
/// earlier than the last trusted line's (else out of order). Blank lines are skipped.
#[must_use]
pub fn parse_log(bytes: &[u8]) -> (Vec<(usize, AuditEntry)>, Vec<AuditProblem>) {
    let mut entries: Vec<(usize, AuditEntry)> = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<AuditEntry>(line) {
            Err(error) => problems.push(AuditProblem {
                line: number,
                kind: ProblemKind::Damaged(error.to_string()),
            }),
            Ok(entry) => {
                if entries
                    .last()
                    .is_some_and(|(_, before)| entry.time < before.time)
                {
                    problems.push(AuditProblem {
                        line: number,
                        kind: ProblemKind::OutOfOrder,
                    });
                } else {
                    entries.push((number, entry));
                }
            }
        }
    }
    (entries, problems)
}

/// `text` without case or accents, for matching names.
fn folded(text: &str) -> String {
    deunicode::deunicode(text.trim()).to_lowercase()
}

/// Whether `entry` is by `user`: their login, or their name, or a part of it, case and
/// accents aside.
fn by_user(entry: &AuditEntry, user: &str) -> bool {
    let user = folded(user);
    folded(&entry.login) == user || folded(&entry.name).contains(&user)
}

/// An editing session on the live screen, as the audit log knows it: its `open` line is
/// written; [`close`](Self::close) writes its `close` line (dropping it unclosed does too).
#[derive(Debug)]
pub struct EditingSession {
    dir: PathBuf,
    entry: AuditEntry,
    zone: Zone,
    closed: bool,
    /// Each action's number and status when the session started.
    actions: Vec<(u32, ActionStatus)>,
}

impl EditingSession {
    /// Ends the session: an `action` line for each action added or given another status
    /// in `saved` (the record as its file now holds it; `None` when the session's last
    /// changes did not reach the file), then the `close` line, on the council's clock.
    /// What went wrong, if a line could not be written, for the user.
    pub fn close(mut self, saved: Option<&Record>) -> Option<String> {
        self.closed = true;
        let mut lines: Vec<AuditEntry> = saved
            .map(|record| self.action_lines(record))
            .unwrap_or_default();
        lines.push(self.close_entry());
        // Every line is tried (the close above all), whatever happened to the one before.
        let failures: Vec<Error> = lines
            .into_iter()
            .filter_map(|entry| self.write(entry).err())
            .collect();
        let failed = failures.into_iter().next()?;
        Some(format!(
            "the end of the editing session was not written to the audit log: {failed}"
        ))
    }

    /// The `action` lines of this session: each action of `record` that is new or whose
    /// status is not the one it had when the session started.
    fn action_lines(&self, record: &Record) -> Vec<AuditEntry> {
        record
            .actions
            .iter()
            .filter_map(|action| {
                let was = self.actions.iter().find(|(id, _)| *id == action.id);
                let mut details = Map::new();
                details.insert("action".to_owned(), action.id.into());
                match was {
                    Some((_, from)) if *from == action.status => return None,
                    Some((_, from)) => {
                        details.insert("from".to_owned(), status_name(*from).into());
                    }
                    None => {
                        details.insert("added".to_owned(), true.into());
                    }
                }
                details.insert("status".to_owned(), status_name(action.status).into());
                let mut entry = self.entry.clone();
                entry.action = AuditAction::Action;
                entry.details = details;
                Some(entry)
            })
            .collect()
    }

    fn write(&self, mut entry: AuditEntry) -> Result<()> {
        let zone = self.zone;
        store::append_audit(&self.dir, || {
            entry.time = zone.now();
            entry.to_line().unwrap_or_default()
        })
    }

    /// The `close` line: the session's whole span, as it says when it started.
    fn close_entry(&self) -> AuditEntry {
        let mut entry = self.entry.clone();
        entry.action = AuditAction::Close;
        let started = entry.time.to_rfc3339_opts(SecondsFormat::Secs, false);
        entry.details.insert("started".to_owned(), started.into());
        entry
    }

    fn write_close(&self) -> Option<String> {
        self.write(self.close_entry()).err().map(|e| {
            format!("the end of the editing session was not written to the audit log: {e}")
        })
    }
}

/// An action's status as the audit log names it ("done").
pub(super) fn status_name(status: ActionStatus) -> String {
    status.label().to_lowercase()
}

impl Drop for EditingSession {
    fn drop(&mut self) {
        if !self.closed {
            let _ = self.write_close();
        }
    }
}

impl Service<'_> {
    /// Who is using `minutes` ([`Who`]), found once.
    pub fn who(&self) -> &Who {
        self.who_cell().get_or_init(|| {
            let account = crate::config::Account::current();
            let name = crate::config::person_name(self.settings().name.as_deref(), &account);
            let login = account
                .login
                .clone()
                .unwrap_or_else(|| format!("uid {}", rustix::process::getuid().as_raw()));
            Who {
                name: name.unwrap_or_else(|| login.clone()),
                login,
                host: gethostname::gethostname().to_string_lossy().into_owned(),
                pid: std::process::id(),
            }
        })
    }

    /// The user's name: what every "by" defaults to, and the minute taker of a new record.
    pub fn user_name(&self) -> String {
        self.who().name.clone()
    }

    /// The entry for `action` on the record with id `record_id` (at `path`), timed now.
    fn entry(&self, action: AuditAction, record_id: &str, path: &Path) -> AuditEntry {
        let who = self.who();
        AuditEntry {
            time: self.now(),
            name: who.name.clone(),
            login: who.login.clone(),
            host: who.host.clone(),
            pid: who.pid,
            action,
            record_id: record_id.to_owned(),
            file: file_name(path),
            session: None,
            details: Map::new(),
        }
    }

    /// Writes `entry` to the log, timed when it is written; a failure is a warning.
    fn append(&self, mut entry: AuditEntry) {
        let written = self.store().and_then(|store| {
            store::append_audit(store.dir(), || {
                entry.time = self.now();
                entry.to_line().unwrap_or_default()
            })
        });
        if let Err(e) = written {
            self.warn(Warning::Caution(format!(
                "not written to the audit log ({} of {}): {e}",
                entry.action.name(),
                entry.file
            )));
        }
    }

    /// Records in the audit log that `action` was done to `record` (at `path`), with
    /// `details` (never record text). A failure is a warning.
    pub(super) fn audit(
        &self,
        action: AuditAction,
        record: &Record,
        path: &Path,
        details: Map<String, Value>,
    ) {
        self.audit_id(action, &record.id, path, details);
    }

    /// [`audit`](Self::audit) given the record's id.
    pub(super) fn audit_id(
        &self,
        action: AuditAction,
        record_id: &str,
        path: &Path,
        details: Map<String, Value>,
    ) {
        let mut entry = self.entry(action, record_id, path);
        entry.details = details;
        self.append(entry);
    }

    /// Starts an editing session of `record` in the audit log (its `open` line).
    pub(super) fn start_editing(
        &self,
        record: &Record,
        path: &Path,
        details: Map<String, Value>,
    ) -> Option<EditingSession> {
        let dir = self.store().ok()?.dir().to_owned();
        let mut entry = self.entry(AuditAction::Open, &record.id, path);
        entry.session = Some(uuid::Uuid::new_v4().simple().to_string()[..12].to_owned());
        entry.details = details;
        self.append(entry.clone());
        Some(EditingSession {
            dir,
            entry,
            zone: self.zone(),
            closed: false,
            actions: record.actions.iter().map(|a| (a.id, a.status)).collect(),
        })
    }

    /// The audit log, filtered; lines not trusted are reported whatever the filter.
    ///
    /// # Errors
    /// The records folder or the log cannot be read; the record prefix matches several
    /// records ([`Error::Ambiguous`]).
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<AuditLog> {
        let dir = self.store()?.dir().to_owned();
        let path = store::audit_path(&dir);
        let Some(bytes) = store::read_audit(&dir)? else {
            return Ok(AuditLog {
                path,
                ..AuditLog::default()
            });
        };
        let (mut entries, problems) = parse_log(&bytes);
        if let Some(query) = &filter.record {
            let id = self.record_id_in(query, &entries)?;
            entries.retain(|(_, e)| e.record_id == id);
        }
        let zone = self.zone();
        if let Some(since) = filter.since {
            entries.retain(|(_, e)| zone.date(&e.time) >= since);
        }
        if let Some(user) = &filter.user {
            entries.retain(|(_, e)| by_user(e, user));
        }
        Ok(AuditLog {
            path,
            exists: true,
            entries,
            problems,
        })
    }

    /// The full record id `query` names: a record in the folder (as other commands find
    /// one), else the one id in the log it begins (a deleted record's).
    fn record_id_in(&self, query: &str, entries: &[(usize, AuditEntry)]) -> Result<String> {
        if let Ok(path) = self.find(query)
            && let Ok(loaded) = self.store()?.load(&path)
        {
            return Ok(loaded.record.id);
        }
        let query = query.trim().to_lowercase();
        let mut ids: Vec<String> = entries
            .iter()
            .map(|(_, e)| e.record_id.clone())
            .filter(|id| id.starts_with(&query))
            .collect();
        ids.sort();
        ids.dedup();
        match ids.len() {
            // No entry for it: an empty answer, said as such by the caller.
            0 => Ok(query),
            1 => Ok(ids.remove(0)),
            _ => Err(Error::Ambiguous {
                query,
                candidates: ids,
            }),
        }
    }
}

/// A record file's name, for the log.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn entry(time: &str) -> AuditEntry {
        AuditEntry {
            time: chrono::DateTime::parse_from_rfc3339(time).unwrap(),
            name: "Zoë Ørsted".to_owned(),
            login: "zorsted".to_owned(),
            host: "council-1".to_owned(),
            pid: 4242,
            action: AuditAction::Export,
            record_id: "1a2b3c4d00000000000000000000beef".to_owned(),
            file: "2026-11-23-case-conference-1a2b3c4d.json".to_owned(),
            session: None,
            details: serde_json::json!({"format": "docx", "audience": "adult"})
                .as_object()
                .unwrap()
                .clone(),
        }
    }

    #[test]
    fn a_line_holds_every_field_with_the_time_in_rfc3339_and_its_offset() {
        let line = entry("2026-07-01T10:02:03.5+01:00").to_line().unwrap();
        assert_eq!(
            line,
            r#"{"time":"2026-07-01T10:02:03.500+01:00","name":"Zoë Ørsted","login":"zorsted","host":"council-1","pid":4242,"action":"export","record_id":"1a2b3c4d00000000000000000000beef","file":"2026-11-23-case-conference-1a2b3c4d.json","details":{"format":"docx","audience":"adult"}}"#
        );
        assert!(!line.contains('\n'));
        let (entries, problems) = parse_log(format!("{line}\n").as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(entries, vec![(1, entry("2026-07-01T10:02:03.5+01:00"))]);
    }

    #[test]
    fn damaged_and_out_of_order_lines_are_named_by_number_and_not_trusted() {
        let line = |t: &str| entry(t).to_line().unwrap();
        let mut missing: serde_json::Value =
            serde_json::from_str(&line("2026-07-01T10:05:00Z")).unwrap();
        missing.as_object_mut().unwrap().remove("login");
        let log = [
            line("2026-07-01T10:00:00+01:00"),
            "not json at all".to_owned(),
            missing.to_string(),
            // 09:30 UTC is 10:30 in London: later, though it reads earlier.
            line("2026-07-01T09:30:00Z"),
            line("2026-07-01T10:10:00+01:00"),
            String::new(),
            line("2026-07-01T10:40:00+01:00"),
            r#"{"time":"2026-07-01T10:41:00+01:00","action":"shred"}"#.to_owned(),
        ]
        .join("\n");
        let (entries, problems) = parse_log(log.as_bytes());
        let lines: Vec<usize> = entries.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![1, 4, 7]);
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 4, "{said:?}");
        assert!(
            said[0].starts_with("line 2: damaged, not trusted"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("line 3: damaged, not trusted"),
            "{said:?}"
        );
        assert!(said[1].contains("login"), "{said:?}");
        assert!(said[2].starts_with("line 5: out of order"), "{said:?}");
        assert!(said[3].starts_with("line 8: damaged"), "{said:?}");
    }

    #[test]
    fn a_user_is_matched_by_login_or_name_case_and_accents_aside() {
        let e = entry("2026-07-01T10:00:00Z");
        assert!(by_user(&e, "ZORSTED"));
        assert!(by_user(&e, "zoe orsted"));
        assert!(by_user(&e, "Ørsted"));
        assert!(!by_user(&e, "zors"));
        assert!(!by_user(&e, "Jo Bloggs"));
    }
}
