//! `minutes audit` (who did what to which record, and when) and `minutes retention`
//! (records past the retention period, and deleting them). The log and the deleting are the
//! service's; this reads arguments and prints.
//!
//! `minutes audit` exits 1 when any line of the log is not trusted (damaged, or out of time
//! order), after printing every trusted line that matches and naming each untrusted one on
//! standard error: an auditor, or a script run from cron, must not take a log that may have
//! been tampered with for a clean one. The lines are reported whatever the filter, since a
//! damaged line cannot be said to be about any record or person.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use super::print::{Console, exit_code};
use crate::error::{Error, Result};
use crate::service::{AuditEntry, AuditFilter, Service};
use crate::table::TextTable;
use crate::text::TerminalWriter;

/// `minutes audit [ID] [--since DATE] [--user NAME] [--json]`.
pub(super) fn audit(
    service: &Service<'_>,
    filter: &AuditFilter,
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let log = service.audit_log(filter)?;
    console.warnings(service);
    if !log.exists {
        eprintln_inert!(
            "minutes: no audit log yet ({} is not there)",
            log.path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if json {
        for (_, entry) in &log.entries {
            writeln!(
                console.out,
                "{}",
                entry.to_line().map_err(std::io::Error::other)?
            )?;
        }
    } else if log.entries.is_empty() {
        eprintln_inert!("minutes: no entry in the audit log matches");
    } else {
        let zone = service.zone();
        let mut table = TextTable::with_header(&[
            "TIME", "NAME", "LOGIN", "HOST", "PID", "ACTION", "RECORD", "DETAILS",
        ]);
        for (_, entry) in &log.entries {
            table.push(vec![
                zone.local(&entry.time)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
                entry.name.clone(),
                entry.login.clone(),
                entry.host.clone(),
                entry.pid.to_string(),
                entry.action.name().to_owned(),
                entry.record_id.chars().take(8).collect(),
                details(entry),
            ]);
        }
        write!(console.out, "{}", table.render())?;
    }
    for problem in &log.problems {
        eprintln_inert!("minutes: {}: {problem}", log.path.display());
    }
    if !log.problems.is_empty() {
        eprintln_inert!(
            "minutes: {} line{} of the audit log not trusted",
            log.problems.len(),
            if log.problems.len() == 1 { "" } else { "s" }
        );
    }
    Ok(exit_code(log.problems.is_empty()))
}

/// An entry's session and details as `key=value` words.
fn details(entry: &AuditEntry) -> String {
    let mut words: Vec<String> = entry
        .session
        .iter()
        .map(|session| format!("session={session}"))
        .collect();
    for (key, value) in &entry.details {
        let value = match value {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Array(items) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map_or_else(|| item.to_string(), str::to_owned)
                })
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        words.push(format!("{key}={value}"));
    }
    words.join(" ")
}

/// What `minutes retention` is asked.
pub(super) struct RetentionAsked {
    /// `--older-than YEARS`.
    pub older_than: Option<u32>,
    /// `--delete`.
    pub delete: bool,
    /// `--yes`: delete without asking.
    pub yes: bool,
}

/// `minutes retention [--older-than YEARS] [--delete [--yes]]`.
pub(super) fn retention(
    service: &Service<'_>,
    asked: &RetentionAsked,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let expired = service.expired(asked.older_than)?;
    console.warnings(service);
    let ago = match expired.years {
        1 => "1 year ago".to_owned(),
        years => format!("{years} years ago"),
    };
    if expired.entries.is_empty() {
        writeln!(
            console.out,
            "No record is of a meeting before {} ({ago}).",
            expired.before
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = TextTable::with_header(&["DATE", "ID", "TITLE"]);
    for entry in &expired.entries {
        table.push(vec![
            entry.summary.date.to_string(),
            entry.summary.short_id().to_owned(),
            entry.summary.title.clone(),
        ]);
    }
    let count = expired.entries.len();
    let records = if count == 1 { "record" } else { "records" };
    writeln!(
        console.out,
        "{count} {records} of meetings before {} ({ago}):",
        expired.before
    )?;
    write!(console.out, "{}", table.render())?;
    if !asked.delete {
        return Ok(ExitCode::SUCCESS);
    }
    if !asked.yes && !confirmed(count, records, console)? {
        writeln!(console.out, "Nothing deleted.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut refused = 0;
    for entry in &expired.entries {
        match service.delete_record(entry) {
            Ok(recoveries) => {
                let with = match recoveries.len() {
                    0 => String::new(),
                    1 => " and its recovery file".to_owned(),
                    n => format!(" and its {n} recovery files"),
                };
                writeln!(
                    console.out,
                    "Deleted {} {}{with}",
                    entry.summary.date,
                    entry.summary.short_id()
                )?;
            }
            Err(error) => {
                refused += 1;
                eprintln_inert!(
                    "minutes: {}: not deleted: {error}",
                    entry.summary.short_id()
                );
            }
        }
        console.warnings(service);
    }
    Ok(exit_code(refused == 0))
}

/// Asks once on the terminal; off a terminal, refuses (give `--yes`).
fn confirmed(count: usize, records: &str, console: &mut Console<'_>) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "standard input is not a terminal, so nobody can confirm the deletion; give --yes \
             to delete without asking"
                .to_owned(),
        ));
    }
    console.out.flush()?;
    let mut prompt = TerminalWriter::new(std::io::stderr());
    write!(prompt, "Delete {count} {records}? Type yes: ")?;
    prompt.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(answer.trim() == "yes")
}
