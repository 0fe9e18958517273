//! `minutes actions`, `minutes action` and `minutes search`: chasing actions across
//! meetings and finding text in every record. The work is done by the service; this file
//! only reads arguments and prints.

use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::json;

use super::print::{Console, exit_code, to_pretty_json};
use crate::error::{Error, Result};
use crate::model::{ActionStatus, ActionUpdate, Visibility};
use crate::quick_action::{ParsedAction, show_due};
use crate::search::{Query, SearchOptions};
use crate::service::{Found, Service};
use crate::table::{TextTable, truncate};
use crate::tracker::{self, ActionFilter, TrackedRow};

/// Widest the action text is shown in the `minutes actions` table.
const ACTION_TEXT_WIDTH: usize = 60;

/// What `minutes action` does to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionChange {
    /// Mark it done.
    Done,
    /// Mark it cancelled (say why with --note).
    Cancel,
    /// Open it again.
    Reopen,
    /// Add an action to a record from one sentence, read as the quick action reads it.
    Add,
}

impl ActionChange {
    const fn status(self) -> ActionStatus {
        match self {
            Self::Done => ActionStatus::Done,
            Self::Cancel => ActionStatus::Cancelled,
            Self::Reopen | Self::Add => ActionStatus::Open,
        }
    }
}

/// The `[R] ` / `[P1] ` marker of an entry not for everyone, as the live screen shows it.
fn marker(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::All => "",
        Visibility::ProfessionalsOnly => "[P1] ",
        Visibility::Restricted => "[R] ",
    }
}

/// What `minutes action ...` was given.
pub(super) struct ActionAsked {
    pub change: ActionChange,
    pub action: String,
    pub rest: Vec<String>,
    pub note: Option<String>,
    pub dry_run: bool,
    pub json: bool,
}

/// `minutes action done|cancel|reopen|add ...`: checks the arguments fit the change.
pub(super) fn action(
    service: &Service<'_>,
    asked: ActionAsked,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let usage = |text: &str| Err(Error::Usage(text.to_owned()));
    if asked.change == ActionChange::Add {
        if asked.note.is_some() {
            return usage(
                "--note goes with done, cancel or reopen; an action added has no status note",
            );
        }
        let sentence = asked.rest.join(" ");
        return add_action(
            service,
            &asked.action,
            &sentence,
            asked.dry_run,
            asked.json,
            console,
        );
    }
    if asked.dry_run || asked.json {
        return usage("--dry-run and --json go with 'minutes action add'");
    }
    let number =
        match asked.rest.as_slice() {
            [] => None,
            [n] => Some(n.trim().parse::<u32>().map_err(|_| {
                Error::Usage(format!("'{n}' is not an action number (1, 2, 3...)"))
            })?),
            _ => return usage("give one action, as ID/N or ID N (a sentence goes with 'add')"),
        };
    let note = asked.note.as_deref();
    change_action(service, asked.change, &asked.action, number, note, console)
}

/// `minutes action add ID TEXT [--dry-run] [--json]`: one sentence read as an action and added
/// to the record (or only shown, with `--dry-run`); what the parser could not read is said.
fn add_action(
    service: &Service<'_>,
    record: &str,
    sentence: &str,
    dry_run: bool,
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    if sentence.trim().is_empty() {
        return Err(Error::Usage(
            "say the action: minutes action add ID \"Police to request CCTV by Friday\"".to_owned(),
        ));
    }
    let path = service.find(record)?;
    let added = service.add_action(&path, sentence, dry_run)?;
    console.warnings(service);
    for miss in misses(&added.parsed) {
        eprintln_inert!("minutes: note: {miss}");
    }
    let action = &added.action;
    if json {
        let row = json!({
            "text": action.text,
            "owner": action.owner,
            "agency": action.agency,
            "due": action.due.map(|d| d.to_string()),
        });
        writeln!(console.out, "{}", to_pretty_json(&row)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let short = short_id_of(&path, record);
    let owner = match (action.owner.is_empty(), action.agency.is_empty()) {
        (true, true) => "no owner".to_owned(),
        (false, true) => format!("owner {}", action.owner),
        (true, false) => format!("owner {}", action.agency),
        (false, false) => format!("owner {} ({})", action.owner, action.agency),
    };
    let due = action.due.map_or_else(
        || "no due date".to_owned(),
        |d| format!("due {}", show_due(d, service.today())),
    );
    let said = if added.saved { "Added" } else { "Would add" };
    writeln!(
        console.out,
        "{said} {short}/{}: {} ({owner}, {due})",
        action.id, action.text
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What the parser could not settle in a sentence, in words for the minute taker.
fn misses(parsed: &ParsedAction) -> Vec<String> {
    let mut said = Vec::new();
    if let Some(owner) = &parsed.owner_miss {
        said.push(format!(
            "'{owner}' matched nobody at the meeting; kept as the owner as typed"
        ));
    }
    if !parsed.ambiguous.is_empty() {
        said.push(format!(
            "the owner could be any of {} people at the meeting; none was chosen",
            parsed.ambiguous.len()
        ));
    }
    if let Some(phrase) = &parsed.unread_date {
        said.push(format!(
            "'{phrase}' was not read as a date; it stays in the text"
        ));
    }
    if parsed.asap {
        said.push("'asap' gives no date; the action has none".to_owned());
    }
    said
}

/// The record's short id, from its file name (or what was typed).
fn short_id_of<'a>(path: &'a std::path::Path, typed: &'a str) -> &'a str {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .and_then(|stem| stem.rsplit_once('-'))
        .map_or(typed, |(_, short)| short)
}

/// `minutes actions`: the tracker's table (or JSON).
pub(super) fn list_actions(
    service: &Service<'_>,
    filter: ActionFilter,
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let tracked = service.actions(filter)?;
    console.warnings(service);
    let actions = tracked.actions();
    if json {
        let rows: Vec<TrackedRow<'_>> = actions.iter().map(TrackedRow::from).collect();
        writeln!(console.out, "{}", to_pretty_json(&rows)?)?;
    } else {
        let mut table = TextTable::with_header(&[
            "DUE", "STATE", "OWNER", "AGENCY", "REF", "MEETING", "SUBJECT", "ACTION",
        ]);
        for t in &actions {
            table.push(vec![
                t.action.due.map(|d| d.to_string()).unwrap_or_default(),
                t.state.label(),
                t.action.owner.clone(),
                t.action.agency.clone(),
                t.reference(),
                t.record().date.to_string(),
                t.record().subject_ref.clone(),
                truncate(
                    &format!("{}{}", marker(t.action.visibility), t.action.text),
                    ACTION_TEXT_WIDTH,
                ),
            ]);
        }
        write!(console.out, "{}", table.render())?;
    }
    Ok(exit_code(tracked.records.unreadable == 0))
}

/// `minutes action done|cancel|reopen ID/N` (or `ID N`): changes one action in its record.
fn change_action(
    service: &Service<'_>,
    change: ActionChange,
    action: &str,
    number: Option<u32>,
    note: Option<&str>,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let target = match number {
        Some(number) => Some((action, number)),
        None => tracker::split_reference(action),
    };
    let Some((record, number)) = target else {
        eprintln_inert!(
            "minutes: which action? Give it as ID/N, as 'minutes actions' shows it \
             (e.g. 5e1c0a7d/3), or as ID N"
        );
        return Ok(ExitCode::from(2));
    };
    let path = service.find(record)?;
    let written = service.set_action_status(&path, number, change.status(), note)?;
    console.warnings(service);
    let out = &mut *console.out;
    let short = short_id_of(&path, record);
    let status = written.action.status.label().to_lowercase();
    match written.update {
        ActionUpdate::Unchanged => writeln!(
            out,
            "{short}/{number} is already {status}; nothing changed: {}",
            written.action.text
        )?,
        ActionUpdate::Changed { from } if from == written.action.status => writeln!(
            out,
            "{short}/{number} note changed ({status}): {}",
            written.action.text
        )?,
        ActionUpdate::Changed { from } => writeln!(
            out,
            "{short}/{number} {status} (was {}): {}",
            from.label().to_lowercase(),
            written.action.text
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `minutes search TEXT`: every note, finding, decision, action and attendee holding it.
pub(super) fn search(
    service: &Service<'_>,
    words: &[String],
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let Some(query) = Query::new(&words.join(" ")) else {
        eprintln_inert!("minutes: nothing to search for");
        return Ok(ExitCode::from(2));
    };
    let found = service.search(&query, &SearchOptions::default())?;
    console.warnings(service);
    if json {
        writeln!(console.out, "{}", to_pretty_json(&hits_json(&found))?)?;
    } else if found.is_empty() {
        eprintln_inert!(
            "minutes: no match for '{}' in {} records",
            query.text(),
            found.records.entries.len()
        );
    } else {
        let mut table = TextTable::with_header(&["DATE", "ID", "SUBJECT", "WHERE", "TEXT"]);
        for (entry, hit) in found.hits() {
            let record = &entry.summary;
            table.push(vec![
                record.date.to_string(),
                record.short_id().to_owned(),
                record.subject_ref.clone(),
                hit.label(),
                format!("{}{}", marker(hit.visibility), hit.snippet.text()),
            ]);
        }
        write!(console.out, "{}", table.render())?;
    }
    Ok(exit_code(
        found.records.unreadable == 0 && found.unsearchable == 0,
    ))
}

/// `minutes search --json`: one object per hit.
fn hits_json(found: &Found) -> Vec<serde_json::Value> {
    found
        .hits()
        .map(|(entry, hit)| {
            let record = &entry.summary;
            json!({
                "path": entry.path,
                "record_id": record.id,
                "short_id": record.short_id(),
                "meeting_date": record.date,
                "title": record.title,
                "subject_ref": record.subject_ref,
                "where": hit.label(),
                "place": hit.place,
                "field": hit.field,
                "snippet": hit.snippet,
                "count": hit.count,
                "visibility": hit.visibility,
            })
        })
        .collect()
}
