//! After the meeting: `minutes agree`, `circulate`, `reopen`, `due` and
//! `new --follow-up`, and opening a record for editing only while its minutes are a draft.
//! The rules are in [`crate::model`] (lifecycle) and [`crate::followup`]; this is the shell.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::commands::{
    create_and_open, exit_code, listed, load_catalogue, open_store, to_pretty_json,
};
use crate::calendar::Holidays;
use crate::clock::Clock;
use crate::config;
use crate::deadlines::{self, REVIEW_WINDOW_DAYS};
use crate::error::{Error, Result};
use crate::followup::{default_title, follow_up};
use crate::model::{
    self, MinutesStatus, NewMeeting, Recipient, Record, RecordSummary, Timestamp, TransitionError,
};
use crate::store::{Loaded, RecordFile, Store};
use crate::table::TextTable;
use crate::tui::meeting::MeetingOptions;

/// The working-day calendar with the user's `bank-holidays.txt`; each bad line is a warning
/// on stderr naming the file and line.
pub(super) fn load_holidays() -> Holidays {
    let (holidays, warnings) = config::load_holidays();
    for warning in warnings {
        super::commands::warn(&warning);
    }
    holidays
}

/// Opens a record for the live screen: as the store allows, and read-only besides when its
/// minutes are agreed or circulated (then the lock is let go at once, so nothing holds it).
pub(super) fn open_for_editing(store: &Store, path: &Path) -> Result<(Loaded, Option<RecordFile>)> {
    let (mut loaded, file) = store.open_record(path)?;
    let Some(reason) = model::read_only_reason(&loaded.record) else {
        return Ok((loaded, file));
    };
    drop(file);
    let reason = format!(
        "{reason}: minutes reopen {} --by NAME --reason TEXT",
        loaded.record.short_id()
    );
    loaded.read_only = Some(match loaded.read_only.take() {
        Some(store_reasons) => format!("{store_reasons}; {reason}"),
        None => reason,
    });
    Ok((loaded, None))
}

/// `minutes agree ID --by NAME`.
pub(super) fn agree(
    dir: Option<PathBuf>,
    query: &str,
    by: &str,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    change_status(dir, query, clock, out, |record, now| {
        model::agree(record, by, now)?;
        Ok(format!(
            "{}: agreed by {} at {}",
            describe(record),
            by.trim(),
            now.format("%Y-%m-%d %H:%M")
        ))
    })
}

/// `minutes circulate ID [--to "Name, Agency"]... [--by NAME]`.
pub(super) fn circulate(
    dir: Option<PathBuf>,
    query: &str,
    to: &[String],
    by: Option<String>,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let recipients = to
        .iter()
        .map(|text| {
            Recipient::parse(text).ok_or_else(|| {
                Error::Usage(format!(
                    "--to '{text}' names nobody; write it as \"Name, Agency\""
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    change_status(dir, query, clock, out, |record, now| {
        // Who circulates: --by, else the minute taker, else the login name.
        let by = by
            .clone()
            .filter(|b| !b.trim().is_empty())
            .or_else(|| Some(record.meeting.minute_taker.clone()).filter(|m| !m.trim().is_empty()))
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_default();
        let sent = model::circulate(record, &by, &recipients, now)?;
        let mut said = format!(
            "{}: circulated by {} at {} to {} {}:",
            describe(record),
            by.trim(),
            now.format("%Y-%m-%d %H:%M"),
            sent.len(),
            if sent.len() == 1 { "person" } else { "people" }
        );
        for recipient in &sent {
            said.push_str(&format!("\n  {recipient}"));
        }
        Ok(said)
    })
}

/// `minutes reopen ID --by NAME --reason TEXT`.
pub(super) fn reopen(
    dir: Option<PathBuf>,
    query: &str,
    by: &str,
    reason: &str,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    change_status(dir, query, clock, out, |record, now| {
        let was = record.meeting.status;
        model::reopen(record, by, reason, now)?;
        Ok(format!(
            "{}: reopened by {} at {} ({}); the minutes were {} and are a draft again: agree \
             and circulate them again once corrected",
            describe(record),
            by.trim(),
            now.format("%Y-%m-%d %H:%M"),
            reason.trim(),
            was.label().to_lowercase()
        ))
    })
}

/// Loads a record under its lock, applies `apply`, saves it (with several current agenda
/// items put right), and prints what was done. A refused change names the file and writes
/// nothing.
fn change_status(
    dir: Option<PathBuf>,
    query: &str,
    clock: &dyn Clock,
    out: &mut dyn Write,
    apply: impl FnOnce(&mut Record, Timestamp) -> Result<String, TransitionError>,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let path = store.resolve(query)?;
    let (mut record, mut file) = store.open_to_change(&path, "nothing was changed")?;
    let id = record.short_id().to_owned();
    let said = apply(&mut record, clock.now()).map_err(|error| Error::Invalid {
        path: path.clone(),
        message: format!("{error}{}", hint(&error, &id)),
    })?;
    if record.keep_one_current_item() {
        eprintln_inert!(
            "minutes: note: {}: several agenda items were marked current (an earlier \
             version's mistake); kept the one written in last",
            path.display()
        );
    }
    file.save(&record)?;
    writeln!(out, "{said}")?;
    Ok(ExitCode::SUCCESS)
}

/// How to put a refused change right on the command line.
fn hint(error: &TransitionError, id: &str) -> String {
    match error {
        TransitionError::NoName(_) => " (--by NAME)".to_owned(),
        TransitionError::NoReason => " (--reason TEXT)".to_owned(),
        TransitionError::NoRecipients | TransitionError::AlreadyCirculated(_) => {
            " (--to \"Name, Agency\", once per person)".to_owned()
        }
        TransitionError::NotAgreed => format!(" (minutes agree {id} --by CHAIR)"),
        TransitionError::AgreeCirculated(_) | TransitionError::NotDraft(_) => {
            format!(" (minutes reopen {id} --by NAME --reason TEXT)")
        }
        TransitionError::AlreadyAgreed(_)
        | TransitionError::AlreadyDraft
        | TransitionError::BeforeMeeting(_) => String::new(),
    }
}

/// "1a2b3c4d (Case conference, 2026-11-23)".
fn describe(record: &Record) -> String {
    format!(
        "{} ({}, {})",
        record.short_id(),
        record.meeting.title,
        record.meeting.date
    )
}

/// What `minutes new --follow-up ID` was given.
pub(super) struct FollowUp {
    /// The earlier record's id or path.
    pub previous: String,
    /// `--type`, if given.
    pub meeting_type: Option<String>,
    /// `--title`, if given.
    pub title: Option<String>,
    /// `--subject` (blank: the earlier record's).
    pub subject: String,
    /// `--date`, if given (default today).
    pub date: Option<NaiveDate>,
}

/// `minutes new --follow-up ID`: the review meeting of an earlier record, created and
/// (unless `open` is `None`) opened.
pub(super) fn new_follow_up(
    dir: Option<PathBuf>,
    given: FollowUp,
    open: Option<MeetingOptions>,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let FollowUp {
        previous,
        meeting_type,
        title,
        subject,
        date,
    } = given;
    let store = open_store(dir)?;
    let previous_path = store.resolve(&previous)?;
    let previous = store.load(&previous_path)?.record;
    let catalogue = load_catalogue();
    let key = meeting_type.unwrap_or_else(|| previous.meeting.meeting_type.clone());
    let template = catalogue.get(&key)?;
    let date = date.unwrap_or_else(|| clock.today());
    if date < previous.meeting.date {
        return Err(Error::Usage(format!(
            "--date {date} is before the meeting it follows up ({}, record {} in {})",
            previous.meeting.date,
            previous.short_id(),
            previous_path.display()
        )));
    }
    let details = NewMeeting {
        title: title.unwrap_or_else(|| default_title(&previous)),
        subject_ref: subject,
        date,
    };
    let holidays = load_holidays();
    let carried = previous.actions.iter().filter(|a| a.is_open()).count();
    eprintln_inert!(
        "minutes: follow-up of {}: {carried} open action{} carried for review",
        describe(&previous),
        if carried == 1 { "" } else { "s" }
    );
    if previous.meeting.status != MinutesStatus::Circulated {
        eprintln_inert!(
            "minutes: note: the minutes of {} are not circulated yet ({})",
            previous.short_id(),
            previous.meeting.status.label().to_lowercase()
        );
    }
    create_and_open(
        &store,
        |id, now| {
            let mut record = follow_up(&previous, template, details.clone(), id, now);
            model::refresh_minutes_due(&mut record, template.deadline, &holidays);
            record
        },
        open,
        clock,
        out,
    )
}

/// `minutes due [--json]`: minutes not circulated, most urgent first, and reviews in the
/// next 14 days, from the listing's summaries.
pub(super) fn due(
    dir: Option<PathBuf>,
    json: bool,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let listing = listed(&store)?;
    let today = clock.today();
    let summaries: Vec<&RecordSummary> = listing.entries.iter().map(|e| &e.summary).collect();
    let minutes = deadlines::minutes_due(&summaries, today);
    let reviews = deadlines::reviews_due(&summaries, today, REVIEW_WINDOW_DAYS);
    if json {
        let path = |i: usize| listing.entries.get(i).map(|e| e.path.display().to_string());
        let minutes: Vec<serde_json::Value> = minutes
            .iter()
            .map(|m| {
                let s = summaries[m.index];
                serde_json::json!({
                    "id": s.id, "path": path(m.index), "date": s.date,
                    "type": s.meeting_type, "title": s.title, "subject_ref": s.subject_ref,
                    "status": s.status, "minutes_due": m.due, "overdue": m.is_overdue(),
                    "days_late": m.days_late.max(0), "days_left": (-m.days_late).max(0),
                })
            })
            .collect();
        let reviews: Vec<serde_json::Value> = reviews
            .iter()
            .map(|r| {
                let s = summaries[r.index];
                serde_json::json!({
                    "id": s.id, "path": path(r.index), "date": s.date,
                    "type": s.meeting_type, "title": s.title, "subject_ref": s.subject_ref,
                    "review_date": r.review_date, "days_until": r.days_until,
                    "later_record": r.later_record.map(|i| summaries[i].id.clone()),
                })
            })
            .collect();
        let value = serde_json::json!({
            "today": today,
            "review_window_days": REVIEW_WINDOW_DAYS,
            "minutes": minutes,
            "reviews": reviews,
        });
        writeln!(out, "{}", to_pretty_json(&value)?)?;
    } else {
        writeln!(out, "Minutes to circulate ({})", minutes.len())?;
        if minutes.is_empty() {
            writeln!(out, "  none")?;
        } else {
            let mut table = TextTable::with_header(&[
                "DUE", "WHEN", "STATUS", "MEETING", "TYPE", "ID", "SUBJECT", "TITLE",
            ]);
            for m in &minutes {
                let s = summaries[m.index];
                table.push(vec![
                    m.due.to_string(),
                    m.words(),
                    s.status.label().to_owned(),
                    s.date.to_string(),
                    s.meeting_type.clone(),
                    s.short_id().to_owned(),
                    s.subject_ref.clone(),
                    s.title.clone(),
                ]);
            }
            write!(out, "{}", table.render())?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "Reviews in the next {REVIEW_WINDOW_DAYS} days ({})",
            reviews.len()
        )?;
        if reviews.is_empty() {
            writeln!(out, "  none")?;
        } else {
            let mut table = TextTable::with_header(&[
                "REVIEW",
                "WHEN",
                "MEETING",
                "TYPE",
                "ID",
                "SUBJECT",
                "TITLE",
                "LATER MEETING",
            ]);
            for r in &reviews {
                let s = summaries[r.index];
                let when = match r.days_until {
                    0 => "today".to_owned(),
                    1 => "in 1 day".to_owned(),
                    days => format!("in {days} days"),
                };
                let later = r.later_record.map_or_else(String::new, |i| {
                    let l = summaries[i];
                    format!("{} {}", l.date, l.short_id())
                });
                table.push(vec![
                    r.review_date.to_string(),
                    when,
                    s.date.to_string(),
                    s.meeting_type.clone(),
                    s.short_id().to_owned(),
                    s.subject_ref.clone(),
                    s.title.clone(),
                    later,
                ]);
            }
            write!(out, "{}", table.render())?;
        }
    }
    Ok(exit_code(listing.problems.is_empty()))
}
