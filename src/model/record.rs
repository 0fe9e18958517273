//! The whole record of one meeting.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ActionItem, AdultParticipation, AgendaItem, Attendee, Decision, Extra, Feedback, Finding,
    MeetingMode, MeetingPart, MinutesStatus, Outcomes, Plan, Recipient, Review, Timestamp,
};
use crate::templates::Template;

/// The record format this version writes. A file with a larger number opens read-only.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything one safeguarding meeting produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Format version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable unique id (32 lowercase hex digits); any unique prefix names the record.
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
    /// Template key, e.g. `case-conference`.
    #[serde(rename = "type")]
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

impl Record {
    /// A new draft record following `template`, with the agenda copied from it and the
    /// minutes deadline worked out from the template's rule with the built-in bank holidays
    /// (to count the user's own days off too, follow with
    /// [`refresh_minutes_due`](super::refresh_minutes_due)).
    #[must_use]
    pub fn new(template: &Template, details: NewMeeting, id: String, now: Timestamp) -> Self {
        let minutes_due = template.deadline.due_after(details.date);
        Self {
            schema_version: SCHEMA_VERSION,
            id,
            created_at: now,
            updated_at: now,
            meeting: Meeting {
                meeting_type: template.key.clone(),
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
                extra: Extra::new(),
            },
            attendees: Vec::new(),
            adult_participation: AdultParticipation::default(),
            agenda: template
                .items
                .iter()
                .map(AgendaItem::from_template)
                .collect(),
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

    /// Marks the record as changed now.
    pub fn touch(&mut self, now: Timestamp) {
        self.updated_at = now;
    }
}

impl Record {
    /// Breaches of the format's rules that JSON parsing cannot catch, in words; empty when none.
    /// (Gaps in the minutes themselves, such as a finding without rationale, are not breaches:
    /// drafts may have them; the closing check lists those.)
    #[must_use]
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.id.len() < 8 || !self.id.chars().all(|c| c.is_ascii_hexdigit()) {
            problems.push(format!("id '{}' is not at least 8 hex digits", self.id));
        }
        if self.updated_at < self.created_at {
            problems.push("updated_at is earlier than created_at".to_owned());
        }
        let mut keys = std::collections::HashSet::new();
        for item in &self.agenda {
            if !keys.insert(item.key.as_str()) {
                problems.push(format!("agenda key '{}' appears twice", item.key));
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
                    "{what} refers to agenda item '{key}', which is not on the agenda"
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
        let mut ids = std::collections::HashSet::new();
        for action in &self.actions {
            if !ids.insert(action.id) {
                problems.push(format!("action id {} appears twice", action.id));
            }
        }
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
}
