//! The whole record of one meeting.

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ActionItem, AdultParticipation, AgendaItem, Attendee, Decision, EnquiryKind, Extra, Feedback,
    Finding, MeetingMode, MeetingPart, MinutesStatus, Outcomes, Plan, Recipient, Review, Timestamp,
};
use crate::calendar::DeadlineRule;

/// The record format this version writes. A file with a larger number opens read-only.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything one safeguarding meeting produces.
///
/// Rules between fields that `minutes check` enforces and this schema cannot express:
/// `updated_at` is not earlier than `created_at`; the meeting's `ended_at` is not earlier
/// than its `started_at`; no attendee's `left_at` is earlier than their `joined_at`; agenda
/// keys are unique; at most one agenda item has status `current`; action ids are unique;
/// a finding has a `risk_outcome` only where its `result` identified a risk
/// (`risk_identified_action_taken` or `risk_identified_no_action`); the `agenda_key` of a
/// finding, decision or action, when not empty, is the key of an agenda item; a note among
/// an item's `notes` has no deletion in its history, and every note among its
/// `deleted_notes` has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Format version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable unique id (32 lowercase hex digits; at least 8 are required); any unique
    /// prefix names the record.
    #[schemars(regex(pattern = super::schema::RECORD_ID))]
    pub id: String,
    /// When the record was created.
    pub created_at: Timestamp,
    /// When the record last changed.
    pub updated_at: Timestamp,
    /// The meeting itself: type, title, subject, times, people in charge, status.
    pub meeting: Meeting,
    /// Everyone invited, present or not.
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// How the adult took part and what they want (`004` section 4.2; SAC SG3a, SG4a).
    #[serde(default)]
    pub adult_participation: AdultParticipation,
    /// The agenda, copied from the template when the record was created.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// One finding per allegation, coded as the SAC codes them.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Outcomes chosen for the adult and for the person or organisation causing harm; referrals.
    #[serde(default)]
    pub outcomes: Outcomes,
    /// Decisions and how they were reached (`004` section 6.1).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Who does what by when.
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    /// The protection or safety plan (`004` section 5.1).
    #[serde(default)]
    pub plan: Plan,
    /// Who tells whom about the outcome (`004` sections 6.1, 6.2).
    #[serde(default)]
    pub feedback: Feedback,
    /// Review date, further conference, circulation and the minutes deadline.
    #[serde(default)]
    pub review: Review,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The meeting's header fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    /// Template key, e.g. `case-conference`: not blank, no `/` or control character (it
    /// goes into file names).
    #[serde(rename = "type")]
    #[schemars(regex(pattern = super::schema::IDENTIFIER))]
    pub meeting_type: String,
    /// A short title, e.g. "Section 42 case conference".
    pub title: String,
    /// Case reference for the adult (not their full name by default).
    #[serde(default)]
    pub subject_ref: String,
    /// The day the meeting is held.
    pub date: NaiveDate,
    /// When the meeting started.
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    /// When the meeting ended.
    #[serde(default)]
    pub ended_at: Option<Timestamp>,
    /// Venue, or the video/phone details.
    #[serde(default)]
    pub location: String,
    /// In person, video, phone or mixed.
    #[serde(default)]
    pub mode: Option<MeetingMode>,
    /// Who chairs.
    #[serde(default)]
    pub chair: String,
    /// Who takes the minutes.
    #[serde(default)]
    pub minute_taker: String,
    /// The part running now: whole meeting, part 1 (professionals only) or part 2 (with the adult).
    #[serde(default)]
    pub part: MeetingPart,
    /// Draft, agreed by chair, or circulated.
    #[serde(default)]
    pub status: MinutesStatus,
    /// Every status change with when and by whom, oldest first.
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    /// The earlier meeting this one follows up (reviews), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_of: Option<MeetingLink>,
    /// Whether the enquiry this meeting belongs to is a section 42 enquiry or another
    /// safeguarding enquiry; `None` when not recorded (files written before the field
    /// existed read as `None`). The SAC return counts a record without it by its meeting
    /// type (see `crate::report::sac::enquiry_kind`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enquiry: Option<EnquiryKind>,
    /// When something was first written into the minutes after the meeting's day: the
    /// minutes were typed up afterwards from notes, and say so. `None` for minutes taken
    /// live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed_up_at: Option<Timestamp>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One change of the minutes' status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatusChange {
    /// The new status.
    pub status: MinutesStatus,
    /// When it changed.
    pub at: Timestamp,
    /// Who changed it (the chair agrees; the minute taker circulates).
    pub by: String,
    /// Why, where it needs saying (e.g. reopened to correct an error).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who the minutes were sent to, when this change circulated them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Recipient>,
}

/// The earlier meeting a follow-up (review) meeting continues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MeetingLink {
    /// The earlier record's id.
    #[schemars(regex(pattern = super::schema::RECORD_ID))]
    pub record_id: String,
    /// Its meeting date.
    pub date: NaiveDate,
    /// Its meeting type (template key).
    #[serde(rename = "type")]
    pub meeting_type: String,
    /// Its title.
    #[serde(default)]
    pub title: String,
}

/// What the person starting a meeting supplies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    /// Meeting title.
    pub title: String,
    /// Case reference for the adult.
    pub subject_ref: String,
    /// Meeting date.
    pub date: NaiveDate,
}

/// What a new record is made to: a meeting type's key, agenda and minutes deadline. A
/// template is one (`crate::templates::Template`); the record knows no template format.
pub trait MeetingType {
    /// The meeting type's key, e.g. `case-conference`.
    fn key(&self) -> &str;
    /// The agenda, in order, every item pending and without notes.
    fn agenda(&self) -> Vec<AgendaItem>;
    /// When the minutes are due after the meeting.
    fn deadline(&self) -> DeadlineRule;
}

impl Record {
    /// A new draft record of `meeting_type` (a template), with its agenda and the minutes
    /// deadline worked out from its rule with the built-in bank holidays (to count the user's
    /// own days off too, follow with [`refresh_minutes_due`](super::refresh_minutes_due)).
    #[must_use]
    pub fn new(
        meeting_type: &(impl MeetingType + ?Sized),
        details: NewMeeting,
        id: String,
        now: Timestamp,
    ) -> Self {
        let minutes_due = meeting_type.deadline().due_after(details.date);
        Self {
            schema_version: SCHEMA_VERSION,
            id,
            created_at: now,
            updated_at: now,
            meeting: Meeting {
                meeting_type: meeting_type.key().to_owned(),
                title: details.title,
                subject_ref: details.subject_ref,
                date: details.date,
                started_at: None,
                ended_at: None,
                location: String::new(),
                mode: None,
                chair: String::new(),
                minute_taker: String::new(),
                part: MeetingPart::Whole,
                status: MinutesStatus::Draft,
                status_history: Vec::new(),
                follow_up_of: None,
                enquiry: None,
                typed_up_at: None,
                extra: Extra::new(),
            },
            attendees: Vec::new(),
            adult_participation: AdultParticipation::default(),
            agenda: meeting_type.agenda(),
            findings: Vec::new(),
            outcomes: Outcomes::default(),
            decisions: Vec::new(),
            actions: Vec::new(),
            plan: Plan::default(),
            feedback: Feedback::default(),
            review: Review {
                minutes_due: Some(minutes_due),
                ..Review::default()
            },
            extra: Extra::new(),
        }
    }

    /// The first 8 hex digits of the id, used in file names and listings.
    #[must_use]
    pub fn short_id(&self) -> &str {
        self.id.get(..8).unwrap_or(&self.id)
    }

    /// Whether this version may write the record (files from newer versions open read-only).
    #[must_use]
    pub const fn is_writable_by_this_version(&self) -> bool {
        self.schema_version <= SCHEMA_VERSION
    }

    /// All notes of all agenda items, with the key of the item each belongs to.
    pub fn notes(&self) -> impl Iterator<Item = (&str, &super::Note)> {
        self.agenda
            .iter()
            .flat_map(|item| item.notes.iter().map(move |note| (item.key.as_str(), note)))
    }

    /// The agenda item with this key.
    #[must_use]
    pub fn agenda_item(&self, key: &str) -> Option<&AgendaItem> {
        self.agenda.iter().find(|item| item.key == key)
    }

    /// Whether `at` falls on the meeting's day (in `at`'s own offset). Clock times are the
    /// meeting's only then: a change made on another day (typing up afterwards) stamps no
    /// time in the meeting.
    #[must_use]
    pub fn is_meeting_day(&self, at: &Timestamp) -> bool {
        at.date_naive() == self.meeting.date
    }

    /// The time of day of `at` in the meeting; `None` when `at` is on another day.
    #[must_use]
    pub fn meeting_time(&self, at: &Timestamp) -> Option<NaiveTime> {
        self.is_meeting_day(at).then(|| at.time())
    }

    /// The meeting's day at `time`, in the offset of `like` (the time zone the record is
    /// kept in).
    #[must_use]
    pub fn at_meeting_time(&self, time: NaiveTime, like: &Timestamp) -> Timestamp {
        let local = self.meeting.date.and_time(time);
        let offset = *like.offset();
        Timestamp::from_naive_utc_and_offset(local - offset, offset)
    }

    /// Marks the record as changed now. Call it only for a real change: the store writes
    /// nothing for an unchanged record, but a new `updated_at` is a change. A clock set back
    /// since the record was created cannot make `updated_at` earlier than `created_at`.
    pub fn touch(&mut self, now: Timestamp) {
        self.updated_at = now.max(self.created_at);
    }
}

impl Record {
    /// Breaches of the format's rules that JSON parsing cannot catch, in words; empty when
    /// none. This is the one validation: `minutes check` reports these, and the store
    /// refuses to write a record with any. (Gaps in the minutes themselves, such as a finding
    /// without rationale, are not breaches: drafts may have them; the closing check lists
    /// those.)
    #[must_use]
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !is_record_id(&self.id) {
            problems.push(format!(
                "id '{}' is not at least 8 lowercase hex digits",
                self.id.escape_debug()
            ));
        }
        if let Some(problem) = identifier_problem("meeting type", &self.meeting.meeting_type) {
            problems.push(problem);
        }
        if let Some(link) = &self.meeting.follow_up_of
            && !is_record_id(&link.record_id)
        {
            problems.push(format!(
                "follow_up_of.record_id '{}' is not a record id",
                link.record_id.escape_debug()
            ));
        }
        if self.updated_at < self.created_at {
            problems.push("updated_at is earlier than created_at".to_owned());
        }
        if let (Some(start), Some(end)) = (self.meeting.started_at, self.meeting.ended_at)
            && end < start
        {
            problems.push("the meeting's ended_at is earlier than its started_at".to_owned());
        }
        for (i, person) in self.attendees.iter().enumerate() {
            if let (Some(joined), Some(left)) = (person.joined_at, person.left_at)
                && left < joined
            {
                problems.push(format!(
                    "attendee {}: left_at is earlier than joined_at",
                    i + 1
                ));
            }
        }
        self.agenda_problems(&mut problems);
        self.action_problems(&mut problems);
        for (i, finding) in self.findings.iter().enumerate() {
            if let (Some(result), Some(_)) = (finding.result, finding.risk_outcome)
                && !result.risk_identified()
            {
                problems.push(format!(
                    "finding {} has a risk outcome but its result '{}' identifies no risk",
                    i + 1,
                    result.label()
                ));
            }
        }
        problems
    }

    /// Agenda keys (present, unique, usable as names), at most one current item, and
    /// entries that refer to an item on the agenda.
    fn agenda_problems(&self, problems: &mut Vec<String>) {
        let mut keys = std::collections::HashSet::new();
        for (i, item) in self.agenda.iter().enumerate() {
            if let Some(problem) =
                identifier_problem(&format!("agenda item {}: key", i + 1), &item.key)
            {
                problems.push(problem);
            } else if !keys.insert(item.key.as_str()) {
                problems.push(format!(
                    "agenda key '{}' appears twice",
                    item.key.escape_debug()
                ));
            }
        }
        for (i, item) in self.agenda.iter().enumerate() {
            if let Some(n) = item.notes.iter().position(super::Note::was_ever_deleted) {
                problems.push(format!(
                    "agenda item {}: note {} is among the notes but its history says it was deleted",
                    i + 1,
                    n + 1
                ));
            }
            if let Some(n) = item
                .deleted_notes
                .iter()
                .position(|note| !note.is_deleted())
            {
                problems.push(format!(
                    "agenda item {}: deleted note {} has no record of who deleted it and when",
                    i + 1,
                    n + 1
                ));
            }
        }
        let current = self
            .agenda
            .iter()
            .filter(|item| item.status == super::ItemStatus::Current)
            .count();
        if current > 1 {
            problems.push(format!(
                "{current} agenda items are marked current; at most one may be"
            ));
        }
        let mut unknown_key = |what: &str, key: &str| {
            if !key.is_empty() && !keys.contains(key) {
                problems.push(format!(
                    "{what} refers to agenda item '{}', which is not on the agenda",
                    key.escape_debug()
                ));
            }
        };
        for (i, finding) in self.findings.iter().enumerate() {
            unknown_key(&format!("finding {}", i + 1), &finding.agenda_key);
        }
        for (i, decision) in self.decisions.iter().enumerate() {
            unknown_key(&format!("decision {}", i + 1), &decision.agenda_key);
        }
        for action in &self.actions {
            unknown_key(&format!("action {}", action.id), &action.agenda_key);
        }
    }

    /// Action numbers (from 1, unique) and the actions they were carried from.
    fn action_problems(&self, problems: &mut Vec<String>) {
        let mut ids = std::collections::HashSet::new();
        for action in &self.actions {
            if action.id == 0 {
                problems.push("action 0: numbers start at 1".to_owned());
            } else if !ids.insert(action.id) {
                problems.push(format!("action id {} appears twice", action.id));
            }
            if let Some(from) = &action.carried_from {
                if !is_record_id(&from.record_id) {
                    problems.push(format!(
                        "action {}: carried from record '{}', which is not a record id",
                        action.id,
                        from.record_id.escape_debug()
                    ));
                }
                if from.action_id == 0 {
                    problems.push(format!(
                        "action {}: carried from action 0; numbers start at 1",
                        action.id
                    ));
                }
            }
        }
    }
}

/// A record id: at least 8 lowercase hex digits (new records get 32).
fn is_record_id(id: &str) -> bool {
    id.len() >= 8 && id.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

/// What is wrong with `value` as a key that names something (agenda keys, the meeting type,
/// which goes into file names): empty, a `/`, or a control character.
fn identifier_problem(what: &str, value: &str) -> Option<String> {
    let problem = if value.trim().is_empty() {
        return Some(format!("{what} is empty"));
    } else if value.contains('/') {
        "contains '/'"
    } else if value.chars().any(char::is_control) {
        "contains a control character"
    } else {
        return None;
    };
    Some(format!("{what} '{}' {problem}", value.escape_debug()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::ItemStatus;

    /// A valid record with two agenda items and one action.
    fn record() -> Record {
        serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "ab12cd34ab12cd34ab12cd34ab12cd34",
            "created_at": "2026-11-23T10:00:00+00:00", "updated_at": "2026-11-23T10:00:00+00:00",
            "meeting": {"type": "case-conference", "title": "T", "date": "2026-11-23"},
            "agenda": [{"key": "welcome", "title": "Welcome"}, {"key": "plan", "title": "Plan"}],
            "actions": [{"id": 1, "text": "Chase the GP", "agenda_key": "plan",
                         "created_at": "2026-11-23T10:00:00+00:00"}]
        }))
        .unwrap()
    }

    /// The problems of `record` after `breach`, joined.
    fn problems_after(breach: impl FnOnce(&mut Record)) -> String {
        let mut record = record();
        breach(&mut record);
        record.problems().join("; ")
    }

    #[test]
    fn a_valid_record_has_no_problems() {
        assert_eq!(record().problems(), Vec::<String>::new());
    }

    #[test]
    fn identifiers_are_not_empty_and_hold_no_slash_or_control_character() {
        let said = problems_after(|r| r.agenda[0].key = String::new());
        assert!(said.contains("agenda item 1: key is empty"), "{said}");
        let said = problems_after(|r| r.agenda[0].key = " ".into());
        assert!(said.contains("agenda item 1: key is empty"), "{said}");
        let said = problems_after(|r| r.agenda[1].key = "plan/b".into());
        assert!(
            said.contains("agenda item 2: key 'plan/b' contains '/'"),
            "{said}"
        );
        let said = problems_after(|r| r.agenda[1].key = "pl\u{1b}[2Jan".into());
        assert!(said.contains("contains a control character"), "{said}");
        assert!(!said.contains('\u{1b}'), "shown escaped: {said:?}");
        let said = problems_after(|r| r.meeting.meeting_type = "../case".into());
        assert!(
            said.contains("meeting type '../case' contains '/'"),
            "{said}"
        );
        let said = problems_after(|r| r.meeting.meeting_type = String::new());
        assert!(said.contains("meeting type is empty"), "{said}");
        let said = problems_after(|r| r.id = "AB12CD34AB12CD34AB12CD34AB12CD34".into());
        assert!(said.contains("lowercase hex"), "{said}");
        let said = problems_after(|r| r.id = "ab12/cd34".into());
        assert!(said.contains("id 'ab12/cd34'"), "{said}");
    }

    #[test]
    fn action_numbers_are_unique_and_start_at_one() {
        let said = problems_after(|r| r.actions[0].id = 0);
        assert!(said.contains("action 0: numbers start at 1"), "{said}");
        let said = problems_after(|r| {
            let twin = r.actions[0].clone();
            r.actions.push(twin);
        });
        assert!(said.contains("action id 1 appears twice"), "{said}");
    }

    #[test]
    fn links_to_other_records_name_a_record_and_an_action() {
        let said = problems_after(|r| {
            r.meeting.follow_up_of = Some(MeetingLink {
                record_id: "nope".into(),
                date: r.meeting.date,
                meeting_type: "case-conference".into(),
                title: String::new(),
            });
        });
        assert!(
            said.contains("follow_up_of.record_id 'nope' is not a record id"),
            "{said}"
        );
        let said = problems_after(|r| {
            r.actions[0].carried_from = Some(crate::model::CarriedFrom {
                record_id: "ab12cd34".into(),
                action_id: 0,
                review: None,
            });
        });
        assert!(said.contains("action 1: carried from action 0"), "{said}");
    }

    #[test]
    fn deleted_notes_are_among_the_deleted_ones_only() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T11:00:00+00:00").unwrap();
        let mut record = record();
        record.agenda[0]
            .notes
            .push(crate::model::Note::new(now, "typo"));
        record.delete_note(0, 0, "Tom", now).unwrap();
        assert_eq!(record.problems(), Vec::<String>::new());
        let said = problems_after(|r| {
            r.agenda[0]
                .deleted_notes
                .push(crate::model::Note::new(now, "no tombstone"));
        });
        assert!(
            said.contains("agenda item 1: deleted note 1 has no record of who deleted it"),
            "{said}"
        );
        let mut revived = record.clone();
        let note = revived.agenda[0].deleted_notes.remove(0);
        revived.agenda[1].notes.push(note);
        assert_eq!(
            revived.problems(),
            ["agenda item 2: note 1 is among the notes but its history says it was deleted"]
        );
    }

    #[test]
    fn nobody_leaves_before_joining_and_no_meeting_ends_before_it_starts() {
        let ts = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
        let said = problems_after(|r| {
            r.meeting.started_at = Some(ts("2026-11-23T10:00:00+00:00"));
            r.meeting.ended_at = Some(ts("2026-11-23T09:59:00+00:00"));
        });
        assert!(
            said.contains("ended_at is earlier than its started_at"),
            "{said}"
        );
        let said = problems_after(|r| {
            let mut person = crate::model::Attendee::new("Jo", "", "");
            person.joined_at = chrono::NaiveTime::from_hms_opt(10, 30, 0);
            person.left_at = chrono::NaiveTime::from_hms_opt(10, 15, 0);
            r.attendees.push(person);
        });
        assert!(said.contains("attendee 1: left_at is earlier"), "{said}");
    }

    #[test]
    fn at_most_one_item_is_current() {
        let said = problems_after(|r| {
            for item in &mut r.agenda {
                item.status = ItemStatus::Current;
            }
        });
        assert!(said.contains("2 agenda items are marked current"), "{said}");
    }
}
