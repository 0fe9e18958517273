//! The minutes' life after the meeting: draft, agreed by the chair, circulated (`004` section
//! 6.1: minutes approved by the chair, then circulated), and reopened on purpose.
//!
//! Each transition is a pure function on a [`Record`]: it checks that the change is allowed,
//! appends a [`StatusChange`] saying who and when (and, for circulation, to whom; for
//! reopening, why), and marks the record changed. An illegal change leaves the record as it
//! was and says why ([`TransitionError`]).
//!
//! ```text
//!   draft --agree--> agreed --circulate--> circulated --circulate (more people)--> circulated
//!     ^                |                       |
//!     +----reopen------+-----------reopen------+
//! ```
//!
//! Reopening returns the minutes to draft, so changed minutes must be agreed and circulated
//! again; the history keeps every earlier agreement and circulation. Agreed and circulated
//! minutes open read-only ([`read_only_reason`]) until reopened.

use chrono::NaiveDate;

use super::{
    Attendee, CopyRule, MinutesStatus, Recipient, Record, StatusChange, Timestamp, copy_for,
};
use crate::calendar::{DeadlineRule, Holidays};

/// Why a change of status (or of an agreed record) was refused. The record is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// No name was given for who makes the change.
    #[error("say who {0} the minutes")]
    NoName(&'static str),
    /// Reopening needs a reason.
    #[error("say why the minutes are reopened")]
    NoReason,
    /// The chair has already agreed them.
    #[error("the minutes were already agreed{0}")]
    AlreadyAgreed(String),
    /// They were circulated: reopen them before agreeing again.
    #[error("the minutes were already circulated{0}; reopen them before agreeing them again")]
    AgreeCirculated(String),
    /// Minutes must be agreed by the chair before they are circulated.
    #[error("the minutes are a draft: the chair must agree them before they are circulated")]
    NotAgreed,
    /// Already circulated, and nobody new was named.
    #[error(
        "the minutes were already circulated{0}; to send them to more people, name the recipients"
    )]
    AlreadyCirculated(String),
    /// No recipients were given and the record's circulation list is empty.
    #[error(
        "nobody to circulate the minutes to: the record's circulation list is empty and no \
         recipients were given"
    )]
    NoRecipients,
    /// Draft minutes cannot be reopened.
    #[error("the minutes are a draft already; there is nothing to reopen")]
    AlreadyDraft,
    /// Minutes cannot be agreed before the meeting has taken place.
    #[error("the meeting is on {0}; its minutes cannot be agreed before then")]
    BeforeMeeting(NaiveDate),
    /// Agreed or circulated minutes change only after reopening.
    #[error("the minutes are {0}; reopen them (saying who and why) before changing them")]
    NotDraft(&'static str),
}

/// The chair (`by`) agrees the draft minutes at `now`.
///
/// # Errors
/// The minutes are not a draft; no name; `now` is before the meeting date.
pub fn agree(record: &mut Record, by: &str, now: Timestamp) -> Result<(), TransitionError> {
    match record.meeting.status {
        MinutesStatus::Draft => {}
        MinutesStatus::Agreed => {
            return Err(TransitionError::AlreadyAgreed(when(
                record,
                MinutesStatus::Agreed,
            )));
        }
        MinutesStatus::Circulated => {
            return Err(TransitionError::AgreeCirculated(when(
                record,
                MinutesStatus::Circulated,
            )));
        }
    }
    let by = named(by, "agrees")?;
    if now.date_naive() < record.meeting.date {
        return Err(TransitionError::BeforeMeeting(record.meeting.date));
    }
    change(
        record,
        MinutesStatus::Agreed,
        by,
        String::new(),
        Vec::new(),
        now,
    );
    Ok(())
}

/// Someone the minutes went to, with the copy they were sent ([`Recipient::copy`]) and why
/// they get that copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Who, and the copy sent to them.
    pub recipient: Recipient,
    /// Why that copy ([`copy_for`]).
    pub rule: CopyRule,
}

/// `by` circulates the agreed minutes at `now` to `to`, or, when `to` is empty, to the
/// record's circulation list (`review.circulation`). Minutes already circulated may be
/// circulated again to people named in `to` (someone was missed). Each recipient is sent the
/// copy their attendance calls for ([`copy_for`]), `matches` saying which attendees their
/// name means (the people matcher, [`crate::people::recipient_matches`]); the change records
/// who got which copy. Returns who they went to, with their copy and why.
///
/// # Errors
/// The minutes are a draft; already circulated and nobody new named; no name; nobody to
/// send them to.
pub fn circulate(
    record: &mut Record,
    by: &str,
    to: &[Recipient],
    matches: impl Fn(&[Attendee], &Recipient) -> Vec<usize>,
    now: Timestamp,
) -> Result<Vec<Sent>, TransitionError> {
    match record.meeting.status {
        MinutesStatus::Draft => return Err(TransitionError::NotAgreed),
        MinutesStatus::Circulated if to.is_empty() => {
            return Err(TransitionError::AlreadyCirculated(when(
                record,
                MinutesStatus::Circulated,
            )));
        }
        MinutesStatus::Agreed | MinutesStatus::Circulated => {}
    }
    let by = named(by, "circulates")?;
    let recipients: Vec<Recipient> = if to.is_empty() {
        record.review.circulation.clone()
    } else {
        to.to_vec()
    };
    let sent: Vec<Sent> = recipients
        .into_iter()
        .filter(|r| !r.name.trim().is_empty())
        .map(|mut recipient| {
            let choice = copy_for(&record.attendees, &matches(&record.attendees, &recipient));
            recipient.copy = Some(choice.audience);
            Sent {
                recipient,
                rule: choice.rule,
            }
        })
        .collect();
    if sent.is_empty() {
        return Err(TransitionError::NoRecipients);
    }
    let recipients = sent.iter().map(|s| s.recipient.clone()).collect();
    change(
        record,
        MinutesStatus::Circulated,
        by,
        String::new(),
        recipients,
        now,
    );
    Ok(sent)
}

/// `by` reopens agreed or circulated minutes at `now` to change them, saying why. They go
/// back to draft, to be agreed and circulated again.
///
/// # Errors
/// The minutes are a draft already; no name; no reason.
pub fn reopen(
    record: &mut Record,
    by: &str,
    reason: &str,
    now: Timestamp,
) -> Result<(), TransitionError> {
    if record.meeting.status == MinutesStatus::Draft {
        return Err(TransitionError::AlreadyDraft);
    }
    let by = named(by, "reopens")?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(TransitionError::NoReason);
    }
    change(
        record,
        MinutesStatus::Draft,
        by,
        reason.to_owned(),
        Vec::new(),
        now,
    );
    Ok(())
}

/// Why the minutes must not be edited, if they must not: they were agreed by the chair or
/// circulated, and nobody has reopened them. The live screen opens such a record read-only.
#[must_use]
pub fn read_only_reason(record: &Record) -> Option<String> {
    let status = record.meeting.status;
    let what = match status {
        MinutesStatus::Draft => return None,
        MinutesStatus::Agreed => "agreed",
        MinutesStatus::Circulated => "circulated",
    };
    Some(format!(
        "the minutes were {what}{}; reopen them (saying who and why) to change them",
        when(record, status)
    ))
}

/// Moves the meeting to `date` and works the minutes deadline out again from `rule` (the
/// template's) with `holidays`. Only draft minutes change.
///
/// # Errors
/// [`TransitionError::NotDraft`] when the minutes are agreed or circulated.
pub fn set_meeting_date(
    record: &mut Record,
    date: NaiveDate,
    rule: DeadlineRule,
    holidays: &Holidays,
    now: Timestamp,
) -> Result<(), TransitionError> {
    match record.meeting.status {
        MinutesStatus::Draft => {}
        MinutesStatus::Agreed => return Err(TransitionError::NotDraft("agreed")),
        MinutesStatus::Circulated => return Err(TransitionError::NotDraft("circulated")),
    }
    record.meeting.date = date;
    refresh_minutes_due(record, rule, holidays);
    record.touch(now);
    Ok(())
}

/// Works the minutes deadline out from the meeting date, `rule` (the template's) and
/// `holidays`: what a new record needs when the user has days off of their own.
pub fn refresh_minutes_due(record: &mut Record, rule: DeadlineRule, holidays: &Holidays) {
    record.review.minutes_due = Some(rule.due_after_with(record.meeting.date, holidays));
}

fn named<'a>(by: &'a str, verb: &'static str) -> Result<&'a str, TransitionError> {
    let by = by.trim();
    if by.is_empty() {
        Err(TransitionError::NoName(verb))
    } else {
        Ok(by)
    }
}

fn change(
    record: &mut Record,
    status: MinutesStatus,
    by: &str,
    note: String,
    recipients: Vec<Recipient>,
    now: Timestamp,
) {
    record.meeting.status = status;
    record.meeting.status_history.push(StatusChange {
        status,
        at: now,
        by: by.to_owned(),
        note,
        recipients,
    });
    record.touch(now);
}

/// " by NAME on YYYY-MM-DD" for the latest change to `status`, or "" when the history does
/// not say (records written before the history was kept).
fn when(record: &Record, status: MinutesStatus) -> String {
    record
        .meeting
        .status_history
        .iter()
        .rev()
        .find(|change| change.status == status)
        .map_or_else(String::new, |change| {
            let by = change.by.trim();
            let on = change.at.date_naive();
            if by.is_empty() {
                format!(" on {on}")
            } else {
                format!(" by {by} on {on}")
            }
        })
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Audience, MeetingPart, NewMeeting};

    /// The attendees called exactly `recipient`'s name (the service uses the people matcher).
    fn by_name(attendees: &[Attendee], recipient: &Recipient) -> Vec<usize> {
        (0..attendees.len())
            .filter(|&i| attendees[i].name == recipient.name)
            .collect()
    }

    fn ts(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).expect("valid test time")
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    fn record() -> Record {
        let template = crate::templates::builtin()
            .into_iter()
            .next()
            .expect("a built-in template");
        let mut record = Record::new(
            &template,
            NewMeeting {
                title: "Case conference".to_owned(),
                subject_ref: "AB-1".to_owned(),
                date: d("2026-11-23"),
            },
            "0123456789abcdef0123456789abcdef".to_owned(),
            ts("2026-11-23T09:00:00+00:00"),
        );
        record.review.circulation = vec![
            Recipient::parse("Jane Smith, Police").unwrap(),
            Recipient::parse("Claire Dubois, NHS").unwrap(),
        ];
        record
    }

    #[test]
    fn draft_agreed_circulated_with_who_and_when() {
        let mut r = record();
        assert_eq!(read_only_reason(&r), None);
        agree(&mut r, " Priya Nair ", ts("2026-11-25T16:00:00+00:00")).unwrap();
        assert_eq!(r.meeting.status, MinutesStatus::Agreed);
        assert_eq!(r.updated_at, ts("2026-11-25T16:00:00+00:00"));
        assert_eq!(
            read_only_reason(&r).as_deref(),
            Some(
                "the minutes were agreed by Priya Nair on 2026-11-25; reopen them (saying who \
                 and why) to change them"
            )
        );
        let sent = circulate(
            &mut r,
            "Tom Walsh",
            &[],
            by_name,
            ts("2026-11-26T09:30:00+00:00"),
        )
        .unwrap();
        let names: Vec<&str> = sent.iter().map(|s| s.recipient.name.as_str()).collect();
        assert_eq!(names, ["Jane Smith", "Claire Dubois"]);
        assert_eq!(r.meeting.status, MinutesStatus::Circulated);
        let history = &r.meeting.status_history;
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].by, "Priya Nair");
        assert_eq!(history[1].by, "Tom Walsh");
        assert_eq!(history[1].recipients.len(), 2);
        assert!(
            read_only_reason(&r)
                .unwrap()
                .starts_with("the minutes were circulated by Tom Walsh on 2026-11-26; reopen them")
        );
    }

    #[test]
    fn illegal_transitions_are_refused_and_change_nothing() {
        let mut r = record();
        let before = r.clone();
        let now = ts("2026-11-25T16:00:00+00:00");
        assert_eq!(
            circulate(&mut r, "Tom", &[], by_name, now),
            Err(TransitionError::NotAgreed)
        );
        assert_eq!(
            reopen(&mut r, "Priya", "typo", now),
            Err(TransitionError::AlreadyDraft)
        );
        assert_eq!(
            agree(&mut r, "  ", now),
            Err(TransitionError::NoName("agrees"))
        );
        assert_eq!(
            agree(&mut r, "Priya", ts("2026-11-22T16:00:00+00:00")),
            Err(TransitionError::BeforeMeeting(d("2026-11-23")))
        );
        assert_eq!(r, before);

        agree(&mut r, "Priya Nair", now).unwrap();
        let agreed = r.clone();
        let error = agree(&mut r, "Priya Nair", now).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the minutes were already agreed by Priya Nair on 2026-11-25"
        );
        assert_eq!(
            reopen(&mut r, "Priya Nair", " ", now),
            Err(TransitionError::NoReason)
        );
        r.review.circulation.clear();
        assert_eq!(
            circulate(&mut r, "Tom", &[], by_name, now),
            Err(TransitionError::NoRecipients)
        );
        r.review.circulation = agreed.review.circulation.clone();
        assert_eq!(r, agreed);

        circulate(&mut r, "Tom", &[], by_name, now).unwrap();
        let error = circulate(&mut r, "Tom", &[], by_name, now).unwrap_err();
        assert!(
            error.to_string().contains("already circulated by Tom"),
            "{error}"
        );
        assert!(matches!(
            agree(&mut r, "Priya", now),
            Err(TransitionError::AgreeCirculated(_))
        ));
        assert_eq!(
            set_meeting_date(
                &mut r,
                d("2026-11-30"),
                DeadlineRule::WorkingDays(10),
                &Holidays::builtin(),
                now
            ),
            Err(TransitionError::NotDraft("circulated"))
        );
    }

    #[test]
    fn circulating_again_needs_the_new_recipients() {
        let mut r = record();
        let now = ts("2026-11-25T16:00:00+00:00");
        agree(&mut r, "Priya", now).unwrap();
        let cqc = vec![Recipient::parse("Inspector, CQC").unwrap()];
        // Given recipients replace the list for this circulation.
        let sent = circulate(&mut r, "Tom", &cqc, by_name, now).unwrap();
        assert_eq!(sent[0].recipient.name, "Inspector");
        assert_eq!(sent[0].rule, CopyRule::NotAnAttendee);
        circulate(&mut r, "Tom", &cqc, by_name, now).unwrap();
        assert_eq!(r.meeting.status_history.len(), 3);
        let recorded = &r.meeting.status_history[2].recipients;
        assert_eq!(recorded[0].name, "Inspector");
        assert_eq!(recorded[0].copy, Some(Audience::Professionals));
    }

    #[test]
    fn each_recipient_is_recorded_with_the_copy_their_attendance_calls_for() {
        let mut r = record();
        let mut provider = Attendee::new("Jane Smith", "Manager", "Oakfield");
        provider.parts = vec![MeetingPart::WithAdult];
        let mut adult = Attendee::new("Ada Brown", "", "");
        adult.is_adult = true;
        r.attendees = vec![provider, adult, Attendee::new("Claire Dubois", "GP", "NHS")];
        r.review
            .circulation
            .push(Recipient::parse("Ada Brown").unwrap());
        r.review
            .circulation
            .push(Recipient::parse("Inspector, CQC").unwrap());
        let now = ts("2026-11-25T16:00:00+00:00");
        agree(&mut r, "Priya", now).unwrap();
        let sent = circulate(&mut r, "Tom", &[], by_name, now).unwrap();
        let rules: Vec<&CopyRule> = sent.iter().map(|s| &s.rule).collect();
        assert_eq!(
            rules,
            [
                &CopyRule::Part2Only,
                &CopyRule::Attendee,
                &CopyRule::TheAdult,
                &CopyRule::NotAnAttendee
            ]
        );
        let copies: Vec<Option<Audience>> = r.meeting.status_history[1]
            .recipients
            .iter()
            .map(|recipient| recipient.copy)
            .collect();
        let (part2, adult, professionals) = (
            Some(Audience::Part2),
            Some(Audience::Adult),
            Some(Audience::Professionals),
        );
        assert_eq!(copies, [part2, professionals, adult, professionals]);
        assert!(r.review.circulation.iter().all(|r| r.copy.is_none()));
    }

    #[test]
    fn a_circulation_recorded_before_copies_loads_without_them() {
        let old = serde_json::json!({"name": "Jane Smith", "agency": "Police"});
        let recipient: Recipient = serde_json::from_value(old).unwrap();
        assert_eq!(recipient.copy, None);
        let written = serde_json::to_value(&recipient).unwrap();
        assert!(written.get("copy").is_none(), "{written}");
    }

    #[test]
    fn reopening_returns_to_draft_and_records_who_and_why() {
        let mut r = record();
        agree(&mut r, "Priya", ts("2026-11-25T16:00:00+00:00")).unwrap();
        circulate(&mut r, "Tom", &[], by_name, ts("2026-11-26T09:00:00+00:00")).unwrap();
        reopen(
            &mut r,
            "Priya",
            "  GP's name misspelt ",
            ts("2026-11-27T11:00:00+00:00"),
        )
        .unwrap();
        assert_eq!(r.meeting.status, MinutesStatus::Draft);
        assert_eq!(read_only_reason(&r), None);
        let last = r.meeting.status_history.last().unwrap();
        assert_eq!(
            (last.status, last.by.as_str(), last.note.as_str()),
            (MinutesStatus::Draft, "Priya", "GP's name misspelt")
        );
        // Agreed again after the correction.
        agree(&mut r, "Priya", ts("2026-11-27T12:00:00+00:00")).unwrap();
        assert_eq!(r.meeting.status_history.len(), 4);
    }

    #[test]
    fn status_without_history_still_reads_only() {
        let mut r = record();
        r.meeting.status = MinutesStatus::Agreed;
        assert_eq!(
            read_only_reason(&r).as_deref(),
            Some("the minutes were agreed; reopen them (saying who and why) to change them")
        );
    }

    #[test]
    fn moving_the_meeting_moves_the_deadline() {
        let mut r = record();
        // Mon 23 Nov 2026 + 10 working days = Mon 7 Dec.
        assert_eq!(r.review.minutes_due, Some(d("2026-12-07")));
        let now = ts("2026-11-24T10:00:00+00:00");
        // Thu 17 Dec + 10 working days skips 25 and 28 Dec and 1 Jan: Tue 5 Jan 2027.
        let rule = DeadlineRule::WorkingDays(10);
        set_meeting_date(&mut r, d("2026-12-17"), rule, &Holidays::builtin(), now).unwrap();
        assert_eq!(r.meeting.date, d("2026-12-17"));
        assert_eq!(r.review.minutes_due, Some(d("2027-01-05")));
        // A council closure day on 4 Jan pushes it one more day.
        let closure = Holidays::with_extra([d("2027-01-04")]);
        set_meeting_date(&mut r, d("2026-12-17"), rule, &closure, now).unwrap();
        assert_eq!(r.review.minutes_due, Some(d("2027-01-06")));
        // Calendar days are counted as written, weekends and holidays included.
        set_meeting_date(
            &mut r,
            d("2026-12-18"),
            DeadlineRule::CalendarDays(7),
            &closure,
            now,
        )
        .unwrap();
        assert_eq!(r.review.minutes_due, Some(d("2026-12-25")));
        assert_eq!(r.updated_at, now);
    }
}
