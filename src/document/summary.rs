//! The minutes as a short plain-text case note, to paste into a case-management system
//! (Mosaic, Liquidlogic) next to the uploaded document: the date, the meeting type,
//! attendance by agency, the findings with their results (one line per allegation), the
//! decisions, the actions with owners and due dates, and the review date.
//!
//! It pastes cleanly into a web form: no tables, no box drawing, one line per entry (a web
//! form wraps lines itself), no trailing spaces, and plain ASCII punctuation where the text has
//! typographic quotes, dashes or ellipses. Like every format it is made from
//! [`Record::for_audience`], so the adult's summary holds nothing the adult's minutes leave
//! out; the professionals' summary marks what must not reach the adult.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::Audience;
use super::markup::sanitize;
use crate::model::{
    ActionItem, ActionStatus, Attendance, Attendee, Decision, Finding, MinutesStatus, Record,
    Visibility, WITHHELD,
};

const NOT_RECORDED: &str = "Not recorded";

/// The case note for the copy of `record` that `audience` may receive, ending in a newline.
#[must_use]
pub fn render(record: &Record, audience: Audience) -> String {
    let copy = record.for_audience(audience);
    let mut out = String::with_capacity(4096);
    header(&copy, audience, record.withholds_from(audience), &mut out);
    attendance(&copy, &mut out);
    findings(&copy, &mut out);
    decisions(&copy, &mut out);
    actions(&copy, &mut out);
    review(&copy, &mut out);
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

/// User text on one line: controls dropped, line breaks as spaces, typographic punctuation as
/// its ASCII equivalent, runs of spaces as one.
fn line(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => {
                out.push('"');
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{2022}' | '\u{00B7}' => out.push('*'),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

/// User text on one line, or "Not recorded".
fn or_missing(text: &str) -> String {
    let text = line(text);
    if text.is_empty() {
        NOT_RECORDED.to_owned()
    } else {
        text
    }
}

fn label<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| NOT_RECORDED.to_owned(), |v| line(&v.to_string()))
}

fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// "[PART 1 - PROFESSIONALS ONLY] " or "[RESTRICTED] " before an entry the adult may not see.
fn tag(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::All => "",
        Visibility::ProfessionalsOnly => "[PART 1 - PROFESSIONALS ONLY] ",
        Visibility::Restricted => "[RESTRICTED] ",
    }
}

/// "case-conference" -> "Case conference".
fn type_name(key: &str) -> String {
    let words = line(&key.replace(['-', '_'], " "));
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn header(record: &Record, audience: Audience, withheld: bool, out: &mut String) {
    let meeting = &record.meeting;
    let mut when = meeting.date.format("%A %-d %B %Y").to_string();
    if let (Some(start), Some(end)) = (&meeting.started_at, &meeting.ended_at) {
        let _ = write!(
            when,
            ", {} to {}",
            start.format("%H:%M"),
            end.format("%H:%M")
        );
    }
    let _ = writeln!(
        out,
        "Safeguarding meeting: {}",
        type_name(&meeting.meeting_type)
    );
    let _ = writeln!(out, "Date: {when}");
    if !meeting.title.trim().is_empty() {
        let _ = writeln!(out, "Title: {}", line(&meeting.title));
    }
    let _ = writeln!(
        out,
        "Subject reference: {}",
        or_missing(&meeting.subject_ref)
    );
    let _ = writeln!(out, "Chair: {}", or_missing(&meeting.chair));
    let _ = writeln!(out, "Minute taker: {}", or_missing(&meeting.minute_taker));
    let status = meeting.status.label();
    let _ = writeln!(
        out,
        "Minutes: {status} (record {})",
        line(record.short_id())
    );
    if meeting.status == MinutesStatus::Draft {
        out.push_str("These are draft minutes, not yet agreed by the chair.\n");
    }
    match audience {
        Audience::Adult | Audience::Part2 => {
            out.push_str(if audience == Audience::Adult {
                "Copy for the adult or their representative.\n"
            } else {
                "Copy for those who attended part 2 of the meeting only.\n"
            });
            if withheld {
                let _ = writeln!(out, "{WITHHELD}");
            }
        }
        Audience::Professionals => {
            out.push_str("Professionals' copy.");
            let marked = record
                .findings
                .iter()
                .map(|f| f.visibility)
                .chain(record.decisions.iter().map(|d| d.visibility))
                .chain(record.actions.iter().map(|a| a.visibility))
                .any(|v| v != Visibility::All);
            if marked {
                out.push_str(" Entries marked [PART 1 - PROFESSIONALS ONLY] or [RESTRICTED] must not be shared with the adult.");
            }
            out.push('\n');
        }
    }
}

/// "Name (role)" with the adult and representatives said.
fn person(attendee: &Attendee) -> String {
    let mut about = Vec::new();
    let role = line(&attendee.role);
    if !role.is_empty() {
        about.push(role);
    }
    if attendee.is_adult {
        about.push("the adult".to_owned());
    }
    if attendee.is_representative {
        about.push("representing the adult".to_owned());
    }
    let name = or_missing(&attendee.name);
    if about.is_empty() {
        name
    } else {
        format!("{name} ({})", about.join(", "))
    }
}

fn attendance(record: &Record, out: &mut String) {
    out.push_str("\nATTENDANCE\n");
    if record.attendees.is_empty() {
        let _ = writeln!(out, "{NOT_RECORDED}");
        return;
    }
    // Present, by agency in the order agencies first appear.
    let mut agencies: Vec<(String, Vec<String>)> = Vec::new();
    for attendee in record
        .attendees
        .iter()
        .filter(|a| a.attendance == Attendance::Present)
    {
        let agency = line(&attendee.agency);
        let agency = if agency.is_empty() {
            "No agency given".to_owned()
        } else {
            agency
        };
        match agencies.iter_mut().find(|(name, _)| *name == agency) {
            Some((_, people)) => people.push(person(attendee)),
            None => agencies.push((agency, vec![person(attendee)])),
        }
    }
    if agencies.is_empty() {
        out.push_str("Present: nobody recorded\n");
    }
    for (agency, people) in agencies {
        let _ = writeln!(out, "{agency}: {}", people.join("; "));
    }
    for status in [
        Attendance::Apologies,
        Attendance::WrittenContribution,
        Attendance::Absent,
    ] {
        let people: Vec<String> = record
            .attendees
            .iter()
            .filter(|a| a.attendance == status)
            .map(|a| {
                let agency = line(&a.agency);
                if agency.is_empty() {
                    person(a)
                } else {
                    format!("{}, {agency}", person(a))
                }
            })
            .collect();
        if !people.is_empty() {
            let _ = writeln!(out, "{}: {}", status.label(), people.join("; "));
        }
    }
}

fn finding_line(number: usize, finding: &Finding) -> String {
    let mut text = format!(
        "{number}. {}{}. Type: {}. Finding: {}. Result: {}.",
        tag(finding.visibility),
        or_missing(&finding.allegation).trim_end_matches('.'),
        label(finding.abuse_type),
        label(finding.finding),
        label(finding.result),
    );
    if let Some(outcome) = finding.risk_outcome {
        let _ = write!(text, " Risk outcome: {}.", line(outcome.label()));
    }
    text
}

fn findings(record: &Record, out: &mut String) {
    if record.findings.is_empty() {
        return;
    }
    out.push_str("\nFINDINGS (per allegation)\n");
    for (i, finding) in record.findings.iter().enumerate() {
        let _ = writeln!(out, "{}", finding_line(i + 1, finding));
    }
}

fn decision_line(number: usize, decision: &Decision) -> String {
    let mut text = format!(
        "{number}. {}{}",
        tag(decision.visibility),
        or_missing(&decision.text)
    );
    if let Some(dissent) = &decision.dissent {
        let _ = write!(text, " Dissent: {}", or_missing(&dissent.who));
        let reason = line(&dissent.reason);
        if !reason.is_empty() {
            let _ = write!(text, ": {reason}");
        }
    }
    text
}

fn decisions(record: &Record, out: &mut String) {
    if record.decisions.is_empty() {
        return;
    }
    out.push_str("\nDECISIONS\n");
    for (i, decision) in record.decisions.iter().enumerate() {
        let _ = writeln!(out, "{}", decision_line(i + 1, decision));
    }
}

fn action_line(action: &ActionItem, by_initials: &HashMap<&str, Option<&Attendee>>) -> String {
    let owner = action.owner.trim();
    let known = by_initials.get(owner).copied().flatten();
    let owner = known.map_or_else(|| or_missing(owner), |a| or_missing(&a.name));
    let agency = match (line(&action.agency), known) {
        (agency, _) if !agency.is_empty() => agency,
        (_, Some(attendee)) => line(&attendee.agency),
        _ => String::new(),
    };
    let owner = if agency.is_empty() {
        owner
    } else {
        format!("{owner} ({agency})")
    };
    let mut status = line(action.status.label());
    if let Some(at) = action
        .status_at
        .filter(|_| action.status != ActionStatus::Open)
    {
        let _ = write!(status, " {}", short_date(at.date_naive()));
    }
    format!(
        "{}. {}{}. Owner: {owner}. Due: {}. Status: {status}.",
        action.id,
        tag(action.visibility),
        or_missing(&action.text).trim_end_matches('.'),
        action
            .due
            .map_or_else(|| NOT_RECORDED.to_owned(), short_date),
    )
}

fn actions(record: &Record, out: &mut String) {
    if record.actions.is_empty() {
        return;
    }
    let by_initials = super::sections::by_initials(&record.attendees);
    out.push_str("\nACTIONS\n");
    for action in &record.actions {
        let _ = writeln!(out, "{}", action_line(action, &by_initials));
    }
}

fn review(record: &Record, out: &mut String) {
    let review = &record.review;
    out.push_str("\nREVIEW\n");
    let _ = writeln!(
        out,
        "Review date: {}",
        review.review_date.map_or_else(
            || NOT_RECORDED.to_owned(),
            |d| d.format("%A %-d %B %Y").to_string()
        )
    );
    if let Some(further) = review.further_conference {
        let _ = writeln!(
            out,
            "Further case conference: {}",
            if further { "Yes" } else { "No" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_line_of_plain_punctuation() {
        assert_eq!(
            line("\u{201C}Yes\u{201D} \u{2014} it\u{2019}s fine\u{2026}\n  next\u{1b}[2J  "),
            "\"Yes\" - it's fine... next[2J"
        );
        assert_eq!(or_missing("  "), NOT_RECORDED);
    }
}
