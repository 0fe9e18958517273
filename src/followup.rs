//! Follow-up (review) meetings: a new record that carries on from an earlier one.
//!
//! What carries over, and why (`001` best-practice box: every meeting reviews the actions
//! of the last; Hampshire's agenda, `domain.md` part c: accuracy of the previous minutes,
//! review of the strategy actions):
//! - the same subject reference, and a link back to the earlier record
//!   ([`MeetingLink`]);
//! - the attendees, with attendance reset (everyone starts as present; apologies are taken
//!   again) and joined/left times and parts cleared;
//! - the protection plan with its contingencies, and the circulation list;
//! - an agenda item to agree the accuracy of the previous minutes, and a "review of actions"
//!   item (the template's own `previous-actions` item where it has one), both placed after the
//!   opening items (attendance, confidentiality, purpose);
//! - every action still open in the earlier record, copied under the review item and linked
//!   to the old action ([`CarriedFrom`]), to be closed as done or left open with the reason
//!   ([`review_action`]).
//!
//! Nothing else is copied: findings, decisions, outcomes, notes and the adult's participation
//! belong to the meeting that recorded them.

use crate::model::{
    ActionItem, ActionReview, ActionStatus, AgendaItem, Attendance, Attendee, CarriedFrom, Extra,
    ItemKind, ItemStatus, MeetingLink, NewMeeting, Record, Timestamp,
};
use crate::templates::Template;

/// Key of the agenda item that agrees the accuracy of the previous minutes.
pub const PREVIOUS_MINUTES_KEY: &str = "previous-minutes";

/// Key of the agenda item added to review the previous meeting's actions when the template
/// has none of its own.
pub const REVIEW_OF_ACTIONS_KEY: &str = "review-of-actions";

/// Template item keys that already review the previous meeting's actions.
const TEMPLATE_REVIEW_KEYS: &[&str] = &["previous-actions"];

/// Keys of opening items that stay ahead of the review items, besides attendance items.
const OPENING_KEYS: &[&str] = &["confidentiality", "purpose", "convened"];

/// The follow-up meeting of `previous`, on `template` (usually the same type as before).
///
/// `details.subject_ref` is used when it is not blank, otherwise `previous`'s. The minutes
/// deadline is worked out with the built-in bank holidays; call
/// [`refresh_minutes_due`](crate::model::refresh_minutes_due) to add the user's own days.
#[must_use]
pub fn follow_up(
    previous: &Record,
    template: &Template,
    details: NewMeeting,
    id: String,
    now: Timestamp,
) -> Record {
    let subject_ref = if details.subject_ref.trim().is_empty() {
        previous.meeting.subject_ref.clone()
    } else {
        details.subject_ref
    };
    let details = NewMeeting {
        subject_ref,
        ..details
    };
    let mut record = Record::new(template, details, id, now);
    record.meeting.follow_up_of = Some(MeetingLink {
        record_id: previous.id.clone(),
        date: previous.meeting.date,
        meeting_type: previous.meeting.meeting_type.clone(),
        title: previous.meeting.title.clone(),
    });
    record.attendees = previous.attendees.iter().map(reset_attendance).collect();
    record.plan = previous.plan.clone();
    record.review.circulation = previous.review.circulation.clone();

    let review_key = add_review_items(&mut record.agenda, previous);
    record.actions = previous
        .actions
        .iter()
        .filter(|action| action.is_open())
        .zip(1..)
        .map(|(action, id)| carry(action, id, &previous.id, &review_key, now))
        .collect();
    record
}

/// The title a follow-up gets when none is given: `Review: <previous title>`.
#[must_use]
pub fn default_title(previous: &Record) -> String {
    let title = previous.meeting.title.trim();
    if title.starts_with("Review: ") {
        title.to_owned()
    } else if title.is_empty() {
        "Review meeting".to_owned()
    } else {
        format!("Review: {title}")
    }
}

/// Why a review outcome could not be recorded. The record is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// No action has this id.
    #[error("there is no action {0} in this record")]
    UnknownAction(u32),
    /// The action was agreed at this meeting, not carried from an earlier one.
    #[error("action {0} was not carried from an earlier meeting, so it has no review outcome")]
    NotCarried(u32),
}

/// Records what the meeting found when it reviewed carried action `action_id`: done closes
/// it; "circumstances changed" and "the agency did not act" leave it open with that reason
/// (and `note`, if given, as its status note). Reviewing again replaces the outcome.
///
/// # Errors
/// No such action, or it was not carried from an earlier meeting.
pub fn review_action(
    record: &mut Record,
    action_id: u32,
    outcome: ActionReview,
    note: &str,
    now: Timestamp,
) -> Result<(), ReviewError> {
    let action = record
        .actions
        .iter_mut()
        .find(|action| action.id == action_id)
        .ok_or(ReviewError::UnknownAction(action_id))?;
    let carried = action
        .carried_from
        .as_mut()
        .ok_or(ReviewError::NotCarried(action_id))?;
    carried.review = Some(outcome);
    action.status = match outcome {
        ActionReview::Done => ActionStatus::Done,
        ActionReview::CircumstancesChanged | ActionReview::AgencyDidNotAct => ActionStatus::Open,
    };
    action.status_at = Some(now);
    let note = note.trim();
    action.status_note = match outcome {
        ActionReview::Done => note.to_owned(),
        ActionReview::CircumstancesChanged | ActionReview::AgencyDidNotAct if note.is_empty() => {
            outcome.label().to_owned()
        }
        ActionReview::CircumstancesChanged | ActionReview::AgencyDidNotAct => {
            format!("{}: {note}", outcome.label())
        }
    };
    record.touch(now);
    Ok(())
}

fn reset_attendance(attendee: &Attendee) -> Attendee {
    Attendee {
        attendance: Attendance::default(),
        joined_at: None,
        left_at: None,
        parts: Vec::new(),
        ..attendee.clone()
    }
}

/// Adds the previous-minutes item and, unless the template has one, the review-of-actions
/// item after the opening items. Returns the key of the item the carried actions go under.
fn add_review_items(agenda: &mut Vec<AgendaItem>, previous: &Record) -> String {
    let meeting = format!(
        "the {} on {} (record {})",
        if previous.meeting.title.trim().is_empty() {
            "previous meeting"
        } else {
            previous.meeting.title.trim()
        },
        previous.meeting.date.format("%-d %B %Y"),
        previous.short_id()
    );
    let mut at = agenda
        .iter()
        .position(|item| {
            item.kind != ItemKind::Attendance && !OPENING_KEYS.contains(&item.key.as_str())
        })
        .unwrap_or(agenda.len());
    if !agenda.iter().any(|item| item.key == PREVIOUS_MINUTES_KEY) {
        agenda.insert(
            at,
            item(
                PREVIOUS_MINUTES_KEY,
                "Accuracy of the previous minutes",
                &format!(
                    "Are the minutes of {meeting} accurate? Note any corrections, and whether \
                     they were agreed and circulated."
                ),
                ItemKind::Notes,
                "domain.md part c (Hampshire agenda: accuracy of previous minutes); 004 §6.1",
            ),
        );
        at += 1;
    }
    if let Some(existing) = agenda
        .iter()
        .find(|item| TEMPLATE_REVIEW_KEYS.contains(&item.key.as_str()))
    {
        return existing.key.clone();
    }
    if !agenda.iter().any(|item| item.key == REVIEW_OF_ACTIONS_KEY) {
        agenda.insert(
            at,
            item(
                REVIEW_OF_ACTIONS_KEY,
                "Review of actions",
                &format!(
                    "For each action still open from {meeting}: is it done? If not, is that \
                     because circumstances changed or because the agency did not act?"
                ),
                ItemKind::Actions,
                "001 best-practice box (review of actions); domain.md part c (SafeLives: \
                 circumstances changed or agency did not act)",
            ),
        );
    }
    REVIEW_OF_ACTIONS_KEY.to_owned()
}

fn item(key: &str, title: &str, prompt: &str, kind: ItemKind, source: &str) -> AgendaItem {
    AgendaItem {
        key: key.to_owned(),
        title: title.to_owned(),
        prompt: prompt.to_owned(),
        kind,
        source: source.to_owned(),
        status: ItemStatus::Pending,
        opened_at: None,
        closed_at: None,
        notes: Vec::new(),
        deleted_notes: Vec::new(),
        extra: Extra::new(),
    }
}

fn carry(
    action: &ActionItem,
    id: u32,
    record_id: &str,
    agenda_key: &str,
    now: Timestamp,
) -> ActionItem {
    ActionItem {
        id,
        text: action.text.clone(),
        owner: action.owner.clone(),
        agency: action.agency.clone(),
        due: action.due,
        status: ActionStatus::Open,
        status_at: None,
        status_note: String::new(),
        agenda_key: agenda_key.to_owned(),
        created_at: now,
        visibility: action.visibility,
        carried_from: Some(CarriedFrom {
            record_id: record_id.to_owned(),
            action_id: action.id,
            review: None,
        }),
        extra: Extra::new(),
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::model::{MinutesStatus, Recipient, Visibility};
    use crate::templates::builtin;

    fn ts(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).expect("valid test time")
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    fn template(key: &str) -> Template {
        builtin()
            .into_iter()
            .find(|t| t.key == key)
            .expect("built-in template")
    }

    fn action(id: u32, text: &str, status: ActionStatus) -> ActionItem {
        ActionItem {
            id,
            text: text.to_owned(),
            owner: "JS".to_owned(),
            agency: "Police".to_owned(),
            due: Some(d("2026-12-01")),
            status,
            status_at: None,
            status_note: String::new(),
            agenda_key: "actions-agreed".to_owned(),
            created_at: ts("2026-11-23T10:30:00+00:00"),
            visibility: Visibility::Restricted,
            carried_from: None,
            extra: Extra::new(),
        }
    }

    fn previous() -> Record {
        let mut record = Record::new(
            &template("case-conference"),
            NewMeeting {
                title: "S42 case conference".to_owned(),
                subject_ref: "AB-1234".to_owned(),
                date: d("2026-11-23"),
            },
            "5e1c0a7d9b2f4c8e8a6b3d1f0e9c7a52".to_owned(),
            ts("2026-11-23T09:00:00+00:00"),
        );
        let mut police = Attendee::new("Jane Smith", "DC", "Police");
        police.attendance = Attendance::Apologies;
        police.joined_at = NaiveTime::from_hms_opt(10, 20, 0);
        police.left_at = NaiveTime::from_hms_opt(11, 0, 0);
        police.parts = vec![crate::model::MeetingPart::ProfessionalsOnly];
        let mut adult = Attendee::new("Mrs W", "The adult", "");
        adult.is_adult = true;
        record.attendees = vec![police, adult];
        record.plan.summary = "Daily welfare visits".to_owned();
        record.plan.contingencies = vec!["If a call is missed, the provider phones the GP".into()];
        record.review.circulation = vec![Recipient::parse("Jane Smith, Police").unwrap()];
        record.actions = vec![
            action(1, "Request CCTV", ActionStatus::Open),
            action(2, "Chase GP records", ActionStatus::Done),
            action(4, "Refer to advocacy", ActionStatus::Open),
            action(5, "Old idea", ActionStatus::Cancelled),
        ];
        record.meeting.status = MinutesStatus::Circulated;
        record
    }

    fn next(previous: &Record, key: &str) -> Record {
        follow_up(
            previous,
            &template(key),
            NewMeeting {
                title: default_title(previous),
                subject_ref: String::new(),
                date: d("2027-01-11"),
            },
            "9f00000000000000000000000000beef".to_owned(),
            ts("2027-01-04T09:00:00+00:00"),
        )
    }

    #[test]
    fn carries_people_plan_and_open_actions() {
        let previous = previous();
        let record = next(&previous, "case-conference");
        assert!(record.problems().is_empty(), "{:?}", record.problems());
        assert_eq!(record.meeting.title, "Review: S42 case conference");
        assert_eq!(record.meeting.subject_ref, "AB-1234");
        assert_eq!(record.meeting.status, MinutesStatus::Draft);
        assert!(record.meeting.status_history.is_empty());
        assert_eq!(
            record.meeting.follow_up_of,
            Some(MeetingLink {
                record_id: previous.id.clone(),
                date: d("2026-11-23"),
                meeting_type: "case-conference".to_owned(),
                title: "S42 case conference".to_owned(),
            })
        );
        // Mon 11 Jan 2027 + 10 working days.
        assert_eq!(record.review.minutes_due, Some(d("2027-01-25")));

        let police = &record.attendees[0];
        assert_eq!(police.name, "Jane Smith");
        assert_eq!(police.attendance, Attendance::Present);
        assert_eq!((police.joined_at, police.left_at), (None, None));
        assert!(police.parts.is_empty());
        assert!(record.attendees[1].is_adult);

        assert_eq!(record.plan, previous.plan);
        assert_eq!(record.review.circulation, previous.review.circulation);

        let carried: Vec<(u32, &str, u32)> = record
            .actions
            .iter()
            .map(|a| {
                let from = a.carried_from.as_ref().unwrap();
                assert_eq!(from.record_id, previous.id);
                assert_eq!(a.agenda_key, REVIEW_OF_ACTIONS_KEY);
                assert_eq!(a.status, ActionStatus::Open);
                assert_eq!(a.visibility, Visibility::Restricted);
                assert_eq!(a.due, Some(d("2026-12-01")));
                (a.id, a.text.as_str(), from.action_id)
            })
            .collect();
        assert_eq!(
            carried,
            vec![(1, "Request CCTV", 1), (2, "Refer to advocacy", 4)]
        );
        assert!(record.findings.is_empty() && record.decisions.is_empty());
    }

    #[test]
    fn review_items_follow_the_opening_items() {
        let record = next(&previous(), "case-conference");
        let keys: Vec<&str> = record.agenda.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            &keys[..7],
            &[
                "introductions",
                "confidentiality",
                "attendance-apologies",
                "adult-participation",
                "purpose",
                PREVIOUS_MINUTES_KEY,
                REVIEW_OF_ACTIONS_KEY,
            ]
        );
        let minutes = record.agenda_item(PREVIOUS_MINUTES_KEY).unwrap();
        assert!(
            minutes
                .prompt
                .contains("S42 case conference on 23 November 2026 (record 5e1c0a7d)"),
            "{}",
            minutes.prompt
        );
        assert_eq!(
            record.agenda_item(REVIEW_OF_ACTIONS_KEY).unwrap().kind,
            ItemKind::Actions
        );
    }

    #[test]
    fn a_template_with_its_own_review_item_keeps_it() {
        let record = next(&previous(), "marac");
        let keys: Vec<&str> = record.agenda.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            &keys[..5],
            &[
                "attendance",
                "confidentiality",
                "purpose",
                PREVIOUS_MINUTES_KEY,
                "previous-actions"
            ]
        );
        assert!(!keys.contains(&REVIEW_OF_ACTIONS_KEY));
        assert!(
            record
                .actions
                .iter()
                .all(|a| a.agenda_key == "previous-actions")
        );
        assert!(record.problems().is_empty(), "{:?}", record.problems());
    }

    #[test]
    fn a_given_subject_reference_wins() {
        let previous = previous();
        let record = follow_up(
            &previous,
            &template("strategy"),
            NewMeeting {
                title: "Strategy review".to_owned(),
                subject_ref: "AB-9999".to_owned(),
                date: d("2027-01-11"),
            },
            "9f00000000000000000000000000beef".to_owned(),
            ts("2027-01-04T09:00:00+00:00"),
        );
        assert_eq!(record.meeting.subject_ref, "AB-9999");
        assert_eq!(record.meeting.meeting_type, "strategy");
        assert_eq!(default_title(&record), "Review: Strategy review");
        assert_eq!(
            default_title(&next(&previous, "strategy")),
            "Review: S42 case conference"
        );
    }

    #[test]
    fn review_outcomes_close_or_keep_open_with_the_reason() {
        let mut record = next(&previous(), "case-conference");
        let now = ts("2027-01-11T10:15:00+00:00");
        let gaps: Vec<String> = crate::model::closing_gaps(&record, now.date_naive())
            .into_iter()
            .map(|gap| gap.message)
            .filter(|message| message.contains("not reviewed"))
            .collect();
        assert_eq!(
            gaps,
            vec![
                "actions carried from the last meeting and not reviewed (done, circumstances \
                 changed, or the agency did not act): #1 (Request CCTV), #2 (Refer to advocacy)"
            ]
        );
        review_action(&mut record, 1, ActionReview::Done, "", now).unwrap();
        assert_eq!(record.actions[0].status, ActionStatus::Done);
        assert_eq!(record.actions[0].status_at, Some(now));
        assert_eq!(
            record.actions[0].carried_from.as_ref().unwrap().review,
            Some(ActionReview::Done)
        );
        review_action(
            &mut record,
            2,
            ActionReview::AgencyDidNotAct,
            "no advocate available",
            now,
        )
        .unwrap();
        let second = &record.actions[1];
        assert_eq!(second.status, ActionStatus::Open);
        assert_eq!(
            second.status_note,
            "Still open: the agency did not act: no advocate available"
        );
        // Reviewed again: the outcome is replaced, and a closed action reopens.
        review_action(&mut record, 1, ActionReview::CircumstancesChanged, "", now).unwrap();
        assert_eq!(record.actions[0].status, ActionStatus::Open);
        assert_eq!(
            record.actions[0].status_note,
            "Still open: circumstances changed"
        );
        assert_eq!(record.updated_at, now);

        let before = record.clone();
        let unreviewed = crate::model::closing_gaps(&record, now.date_naive())
            .into_iter()
            .filter(|gap| gap.message.contains("not reviewed"))
            .count();
        assert_eq!(unreviewed, 0, "every carried action has an outcome");
        assert_eq!(
            review_action(&mut record, 9, ActionReview::Done, "", now),
            Err(ReviewError::UnknownAction(9))
        );
        record.actions[0].carried_from = None;
        let unlinked = record.clone();
        assert_eq!(
            review_action(&mut record, 1, ActionReview::Done, "", now),
            Err(ReviewError::NotCarried(1))
        );
        assert_eq!(record, unlinked);
        assert_ne!(record, before);
    }
}
