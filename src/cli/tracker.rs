//! `minutes actions`, `minutes action` and `minutes search`: chasing actions across
//! meetings and finding text in every record. The work is done by [`crate::tracker`],
//! [`crate::search`] and the store; this file only reads arguments and prints.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::json;

use super::commands::{exit_code, listed, open_store, report_problems, to_pretty_json};
use crate::clock::Clock;
use crate::error::Result;
use crate::model::{ActionStatus, ActionUpdate, Visibility};
use crate::search::{Query, SearchOptions};
use crate::table::{TextTable, truncate};
use crate::tracker::{self, ActionFilter, TrackedRow, Which};

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
}

impl ActionChange {
    const fn status(self) -> ActionStatus {
        match self {
            Self::Done => ActionStatus::Done,
            Self::Cancel => ActionStatus::Cancelled,
            Self::Reopen => ActionStatus::Open,
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

/// `minutes actions`: the tracker's table (or JSON).
pub fn list_actions(
    dir: Option<PathBuf>,
    which: Which,
    owner: Option<String>,
    agency: Option<String>,
    json: bool,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let listing = listed(&store)?;
    let filter = ActionFilter {
        which,
        owner,
        agency,
    };
    let tracked = tracker::tracked_actions(&listing.entries, clock.today(), &filter);
    if json {
        let rows: Vec<TrackedRow<'_>> = tracked.iter().map(TrackedRow::from).collect();
        writeln!(out, "{}", to_pretty_json(&rows)?)?;
    } else {
        let mut table = TextTable::with_header(&[
            "DUE", "STATE", "OWNER", "AGENCY", "REF", "MEETING", "SUBJECT", "ACTION",
        ]);
        for t in &tracked {
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
        write!(out, "{}", table.render())?;
    }
    Ok(exit_code(listing.problems.is_empty()))
}

/// `minutes action done|cancel|reopen ID/N` (or `ID N`): changes one action in its record.
pub fn change_action(
    dir: Option<PathBuf>,
    change: ActionChange,
    action: &str,
    number: Option<u32>,
    note: Option<&str>,
    clock: &dyn Clock,
    out: &mut dyn Write,
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
    let store = open_store(dir)?;
    let path = store.resolve(record)?;
    let written = store.set_action_status(&path, number, change.status(), note, clock.now())?;
    let short = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .and_then(|stem| stem.rsplit_once('-'))
        .map_or(record, |(_, short)| short);
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
pub fn search(
    dir: Option<PathBuf>,
    words: &[String],
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let Some(query) = Query::new(&words.join(" ")) else {
        eprintln_inert!("minutes: nothing to search for");
        return Ok(ExitCode::from(2));
    };
    let store = open_store(dir)?;
    let listing = listed(&store)?;
    let results = crate::store::search(&listing.entries, &query, &SearchOptions::default());
    report_problems(&results.problems);
    if json {
        let rows: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|hit| {
                let record = &hit.entry.summary;
                json!({
                    "path": hit.entry.path,
                    "record_id": record.id,
                    "short_id": record.short_id(),
                    "meeting_date": record.date,
                    "title": record.title,
                    "subject_ref": record.subject_ref,
                    "where": hit.found.label(),
                    "place": hit.found.place,
                    "field": hit.found.field,
                    "snippet": hit.found.snippet,
                    "count": hit.found.count,
                    "visibility": hit.found.visibility,
                })
            })
            .collect();
        writeln!(out, "{}", to_pretty_json(&rows)?)?;
    } else if results.hits.is_empty() {
        eprintln_inert!(
            "minutes: no match for '{}' in {} records",
            query.text(),
            listing.entries.len()
        );
    } else {
        let mut table = TextTable::with_header(&["DATE", "ID", "SUBJECT", "WHERE", "TEXT"]);
        for hit in &results.hits {
            let record = &hit.entry.summary;
            table.push(vec![
                record.date.to_string(),
                record.short_id().to_owned(),
                record.subject_ref.clone(),
                hit.found.label(),
                format!(
                    "{}{}",
                    marker(hit.found.visibility),
                    hit.found.snippet.text()
                ),
            ]);
        }
        write!(out, "{}", table.render())?;
    }
    Ok(exit_code(
        listing.problems.is_empty() && results.problems.is_empty(),
    ))
}
