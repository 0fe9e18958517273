//! After the meeting: `minutes agree`, `circulate`, `reopen` and `due`. The rules are the
//! model's and the work the service's; this reads arguments and prints what was done.

use std::process::ExitCode;

use super::print::{Console, exit_code, to_pretty_json};
use crate::deadlines::REVIEW_WINDOW_DAYS;
use crate::error::{Error, Result};
use crate::model::{Audience, Recipient, TransitionError};
use crate::service::{Changed, Due, Service, StatusChanged, record_in_words};
use crate::table::TextTable;

/// `minutes agree ID --by NAME`.
pub(super) fn agree(
    service: &Service<'_>,
    query: &str,
    by: &str,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let path = service.find(query)?;
    let changed = said(service.agree(&path, by), service, console)?;
    writeln!(
        console.out,
        "{}: agreed by {} at {}",
        record_in_words(&changed.record),
        changed.by,
        service.zone().date_hm(&changed.at)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `minutes circulate ID [--to "Name, Agency"]... [--by NAME]`: who got which copy, and why.
pub(super) fn circulate(
    service: &Service<'_>,
    query: &str,
    to: &[String],
    by: Option<&str>,
    console: &mut Console<'_>,
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
    let path = service.find(query)?;
    let changed = said(service.circulate(&path, by, &recipients), service, console)?;
    let count = changed.sent.len();
    writeln!(
        console.out,
        "{}: circulated by {} at {} to {count} {}:",
        record_in_words(&changed.record),
        changed.by,
        service.zone().date_hm(&changed.at),
        if count == 1 { "person" } else { "people" }
    )?;
    for sent in &changed.sent {
        let copy = sent
            .recipient
            .copy
            .map_or("professionals' copy", Audience::label);
        writeln!(
            console.out,
            "  {}: {copy} ({})",
            sent.recipient,
            sent.rule.describe()
        )?;
    }
    writeln!(
        console.out,
        "Make each person's copy with: minutes export {} --for NAME --format FORMAT",
        changed.record.short_id()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `minutes reopen ID --by NAME --reason TEXT`.
pub(super) fn reopen(
    service: &Service<'_>,
    query: &str,
    by: &str,
    reason: &str,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let path = service.find(query)?;
    let changed = said(service.reopen(&path, by, reason), service, console)?;
    writeln!(
        console.out,
        "{}: reopened by {} at {} ({}); the minutes were {} and are a draft again: agree and \
         circulate them again once corrected",
        record_in_words(&changed.record),
        changed.by,
        service.zone().date_hm(&changed.at),
        reason.trim(),
        changed.was.label().to_lowercase()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The change, after printing the warnings on the way; a refusal as an error that says how
/// to put it right on the command line.
fn said(
    changed: Result<Changed>,
    service: &Service<'_>,
    console: &mut Console<'_>,
) -> Result<StatusChanged> {
    console.warnings(service);
    changed?.map_err(|refused| {
        let hint = hint(&refused.reason, &refused.short_id);
        refused.into_error(&hint)
    })
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

/// `minutes due [--json]`: minutes not circulated, most urgent first, and reviews in the
/// next 14 days.
pub(super) fn due(
    service: &Service<'_>,
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let due = service.due()?;
    console.warnings(service);
    if json {
        writeln!(console.out, "{}", to_pretty_json(&due_json(&due))?)?;
    } else {
        write!(console.out, "{}", due_tables(&due))?;
    }
    Ok(exit_code(due.records.unreadable == 0))
}

/// `minutes due --json`.
fn due_json(due: &Due) -> serde_json::Value {
    let path = |i: usize| {
        due.records
            .entries
            .get(i)
            .map(|e| e.path.display().to_string())
    };
    let minutes: Vec<serde_json::Value> = due
        .minutes
        .iter()
        .map(|m| {
            let s = due.summary(m.index);
            serde_json::json!({
                "id": s.id, "path": path(m.index), "date": s.date,
                "type": s.meeting_type, "title": s.title, "subject_ref": s.subject_ref,
                "status": s.status, "minutes_due": m.due, "overdue": m.is_overdue(),
                "days_late": m.days_late.max(0), "days_left": (-m.days_late).max(0),
            })
        })
        .collect();
    let reviews: Vec<serde_json::Value> = due
        .reviews
        .iter()
        .map(|r| {
            let s = due.summary(r.index);
            serde_json::json!({
                "id": s.id, "path": path(r.index), "date": s.date,
                "type": s.meeting_type, "title": s.title, "subject_ref": s.subject_ref,
                "review_date": r.review_date, "days_until": r.days_until,
                "later_record": r.later_record.map(|i| due.summary(i).id.clone()),
            })
        })
        .collect();
    serde_json::json!({
        "today": due.today,
        "review_window_days": REVIEW_WINDOW_DAYS,
        "minutes": minutes,
        "reviews": reviews,
    })
}

/// `minutes due`: the minutes to circulate, then the reviews, each a table.
fn due_tables(due: &Due) -> String {
    let mut text = format!("Minutes to circulate ({})\n", due.minutes.len());
    if due.minutes.is_empty() {
        text.push_str("  none\n");
    } else {
        let mut table = TextTable::with_header(&[
            "DUE", "WHEN", "STATUS", "MEETING", "TYPE", "ID", "SUBJECT", "TITLE",
        ]);
        for m in &due.minutes {
            let s = due.summary(m.index);
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
        text.push_str(&table.render());
    }
    text.push_str(&format!(
        "\nReviews in the next {REVIEW_WINDOW_DAYS} days ({})\n",
        due.reviews.len()
    ));
    if due.reviews.is_empty() {
        text.push_str("  none\n");
    } else {
        text.push_str(&reviews_table(due).render());
    }
    text
}

fn reviews_table(due: &Due) -> TextTable {
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
    for r in &due.reviews {
        let s = due.summary(r.index);
        let when = match r.days_until {
            0 => "today".to_owned(),
            1 => "in 1 day".to_owned(),
            days => format!("in {days} days"),
        };
        let later = r.later_record.map_or_else(String::new, |i| {
            let l = due.summary(i);
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
    table
}
