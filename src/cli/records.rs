//! `minutes` (the overview or the browser), `list`, `show`, `open`, `new`, `check`,
//! `restore` and `schema`: arguments in, the service's data printed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::print::{Console, exit_code, to_pretty_json};
use crate::document::ExportFormat;
use crate::error::{Error, Result};
use crate::model::{Audience, NewMeeting, RecordSummary};
use crate::service::{Arrangements, FollowUp, OpenRecord, Service};
use crate::table::TextTable;
use crate::tui::{self, run_meeting, session};

/// How many records the overview shows.
const OVERVIEW_RECORDS: usize = 10;

/// `minutes` with no subcommand: the browser on a terminal, else the overview.
pub(super) fn start(service: &Service<'_>, console: &mut Console<'_>) -> Result<ExitCode> {
    if session::terminal_problem().is_none() {
        browse(service, console)
    } else {
        overview(service, console)
    }
}

/// `minutes` on a terminal: the browser, and the live screen on what is opened from it.
fn browse(service: &Service<'_>, console: &mut Console<'_>) -> Result<ExitCode> {
    // What is wrong with the folder, the templates or the holidays is said before the
    // screen opens.
    service.read_everything_now()?;
    console.warnings(service);
    tui::browse::browse(service, &console.screen_options(None, service.zone()))
}

/// `minutes` without a terminal: the recent records and how to start.
fn overview(service: &Service<'_>, console: &mut Console<'_>) -> Result<ExitCode> {
    let records = service.list()?;
    console.warnings(service);
    let out = &mut *console.out;
    writeln!(out, "Records in {}", service.records_dir()?.display())?;
    if records.entries.is_empty() {
        writeln!(out, "  none yet")?;
    } else {
        let recent: Vec<&RecordSummary> = records
            .entries
            .iter()
            .take(OVERVIEW_RECORDS)
            .map(|e| &e.summary)
            .collect();
        write!(out, "{}", summary_table(&recent, service.today()).render())?;
        if records.entries.len() > recent.len() {
            writeln!(
                out,
                "... and {} more: minutes list",
                records.entries.len() - recent.len()
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Start a meeting:  minutes new --type case-conference --title \"...\" --subject REF"
    )?;
    writeln!(out, "Meeting types:    minutes templates")?;
    writeln!(out, "Take minutes:     minutes open ID")?;
    writeln!(out, "Read minutes:     minutes show ID")?;
    writeln!(out, "All commands:     minutes --help")?;
    Ok(exit_code(records.unreadable == 0))
}

/// `minutes list [--json]`.
pub(super) fn list(
    service: &Service<'_>,
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let records = service.list()?;
    console.warnings(service);
    let today = service.today();
    if json {
        let rows: Vec<serde_json::Value> = records
            .entries
            .iter()
            .map(|entry| {
                let mut row = serde_json::to_value(&entry.summary).unwrap_or_default();
                if let Some(map) = row.as_object_mut() {
                    map.insert("path".into(), entry.path.display().to_string().into());
                    map.insert(
                        "overdue_actions".into(),
                        entry.summary.overdue_actions(today).into(),
                    );
                    map.insert(
                        "minutes_overdue".into(),
                        entry.summary.minutes_overdue(today).into(),
                    );
                }
                row
            })
            .collect();
        writeln!(console.out, "{}", to_pretty_json(&rows)?)?;
    } else {
        let summaries: Vec<&RecordSummary> = records.entries.iter().map(|e| &e.summary).collect();
        write!(console.out, "{}", summary_table(&summaries, today).render())?;
    }
    Ok(exit_code(records.unreadable == 0))
}

fn summary_table(summaries: &[&RecordSummary], today: NaiveDate) -> TextTable {
    let mut table = TextTable::with_header(&[
        "DATE",
        "TYPE",
        "STATUS",
        "MINUTES DUE",
        "REVIEW",
        "OPEN",
        "OVERDUE",
        "ID",
        "SUBJECT",
        "TITLE",
    ]);
    for summary in summaries {
        let due = summary.minutes_due.map_or_else(String::new, |due| {
            let flag = if summary.minutes_overdue(today) {
                " OVERDUE"
            } else {
                ""
            };
            format!("{due}{flag}")
        });
        table.push(vec![
            summary.date.to_string(),
            summary.meeting_type.clone(),
            summary.status.label().to_owned(),
            due,
            summary
                .review_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            summary.open_actions.to_string(),
            summary.overdue_actions(today).to_string(),
            summary.short_id().to_owned(),
            summary.subject_ref.clone(),
            summary.title.clone(),
        ]);
    }
    table
}

/// `minutes show ID [--format md|txt|json] [--audience ...]`.
pub(super) fn show(
    service: &Service<'_>,
    query: &str,
    format: ExportFormat,
    audience: Audience,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let path = service.find(query)?;
    let minutes = service.show(&path, format, audience)?;
    console.warnings(service);
    console.out.write_all(&minutes)?;
    Ok(ExitCode::SUCCESS)
}

/// `minutes open ID`: the live screen, read-only (saying why) when another session has the
/// record or its minutes are agreed.
pub(super) fn open(
    service: &Service<'_>,
    query: &str,
    theme: Option<String>,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let path = service.find(query)?;
    if let Some(what) = session::terminal_problem() {
        return Err(Error::NotATerminal(what.to_owned()));
    }
    let opened = service.open_for_editing(&path)?;
    console.warnings(service);
    console.out.flush()?;
    run_meeting(opened, &console.screen_options(theme, service.zone()))
}

/// What `minutes new` does after creating the record.
pub(super) struct Then {
    /// Open the live screen on it (unless `--no-open`).
    pub open: bool,
    /// The theme to open it with.
    pub theme: Option<String>,
    /// The council's time zone, the live screen's clock.
    pub zone: crate::clock::Zone,
}

/// `minutes new --type KEY --title ... [--chair NAME ...] [--attendees FILE]`.
pub(super) fn new(
    service: &Service<'_>,
    meeting_type: &str,
    details: NewMeeting,
    arrangements: &Arrangements,
    then: Then,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let created = service.create_arranged(meeting_type, details, arrangements);
    console.warnings(service);
    print_and_open(created?, then, console)
}

/// `minutes new --follow-up ID`: the review meeting of an earlier record.
pub(super) fn new_follow_up(
    service: &Service<'_>,
    previous: &str,
    given: FollowUp,
    then: Then,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let previous = service.find(previous)?;
    let given = FollowUp {
        date: Some(given.date.unwrap_or_else(|| service.today())),
        ..given
    };
    let created = service.follow_up(&previous, given);
    console.warnings(service);
    print_and_open(created?, then, console)
}

/// Prints a new record's path and, when asked, opens it on the live screen (when there is
/// a terminal; without one the record is still created, and a note says so).
fn print_and_open(created: OpenRecord, then: Then, console: &mut Console<'_>) -> Result<ExitCode> {
    writeln!(console.out, "{}", created.path.display())?;
    console.out.flush()?;
    if !then.open {
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(what) = session::terminal_problem() {
        let id = created.record.short_id();
        eprintln_inert!(
            "minutes: created {id}; not opened on the live screen because {what} is not a \
             terminal (open it later with: minutes open {id})"
        );
        return Ok(ExitCode::SUCCESS);
    }
    run_meeting(created, &console.screen_options(then.theme, then.zone))
}

/// `minutes check PATH...`: each file ok or its problems; exit 1 if any has one.
pub(super) fn check(
    service: &Service<'_>,
    paths: &[PathBuf],
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let checked = service.check(paths)?;
    console.warnings(service);
    let mut failed = 0_usize;
    for file in &checked {
        if file.problems.is_empty() {
            writeln!(console.out, "{}: ok", file.path.display())?;
        } else {
            failed += 1;
            for problem in &file.problems {
                eprintln_inert!("{problem}");
            }
        }
    }
    writeln!(
        console.out,
        "{} checked, {} ok, {failed} with problems",
        checked.len(),
        checked.len() - failed
    )?;
    Ok(exit_code(failed == 0))
}

/// `minutes restore RECOVERY_FILE [--force]`.
pub(super) fn restore(
    service: &Service<'_>,
    recovery: &Path,
    force: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let restored = service.restore(recovery, force)?;
    console.warnings(service);
    let how = if restored.replaced {
        "the version it replaced is its .bak"
    } else {
        "the record was missing and is made anew"
    };
    writeln!(
        console.out,
        "Restored {} from {} ({how}); the recovery file is removed",
        restored.record.display(),
        recovery.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `minutes keys [--json]`: the key table in force; each mistake in keys.toml on stderr
/// (exit 1 when there is one).
pub(super) fn keys(json: bool, console: &mut Console<'_>) -> Result<ExitCode> {
    let (keys, problems) = crate::tui::keymap::load();
    for problem in &problems {
        eprintln_inert!("minutes: warning: {problem}");
    }
    write!(console.out, "{}", crate::tui::keymap::listing(&keys, json)?)?;
    Ok(exit_code(problems.is_empty()))
}

/// `minutes schema`: the JSON Schema of the record format.
pub(super) fn schema(console: &mut Console<'_>) -> Result<ExitCode> {
    writeln!(
        console.out,
        "{}",
        to_pretty_json(&crate::model::record_schema())?
    )?;
    Ok(ExitCode::SUCCESS)
}
