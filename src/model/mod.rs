//! The meeting record: pure data types (serde), no terminal and no file I/O.
//!
//! The JSON layout is the published format (`schema_version` 1); `minutes schema` prints it.
//! Every struct keeps fields written by newer versions in `extra`, so a load/save round trip
//! never drops them.
//!
//! Every change a front end makes to a record is a record command (`edit`): a method on
//! [`Record`] with its rules, returning [`Changed`] or a [`Refusal`].

#[macro_use]
mod vocab;
mod action_item;
mod agenda;
mod attendee;
mod audience;
mod closing;
mod edit;
mod findings;
mod iso_date;
mod lifecycle;
mod participation;
mod plan;
mod record;
mod schema;
mod summary;

pub use action_item::{ActionItem, ActionLookupError, ActionUpdate, CarriedFrom};
pub use agenda::{AgendaItem, Note, NoteRevision};
pub use attendee::{Attendee, initials_for};
pub use audience::{
    Audience, COPY_NOTE_KEY, CopyChoice, CopyRule, NUMBER_GAPS, WITHHELD, WITHHELD_DETAIL,
    Withheld, attendee_copy, copy_for,
};
pub use closing::{Gap, GapKind, closing_gaps};
pub use edit::{
    ActionInput, AttendeeInput, Changed, Closing, DecisionInput, Entry, FeedbackInput,
    FindingInput, MeetingDetailsInput, NoteCorrection, OutcomesInput, ParticipationInput,
    PersonCausingHarmInput, PlanInput, Refusal, ReviewInput, Scope, SectionToFill, Snapshot, Stamp,
    UndoStep,
};
pub use findings::{Decision, Dissent, Finding, Outcomes, Referral};
pub use lifecycle::{
    Sent, TransitionError, agree, circulate, read_only_reason, refresh_minutes_due, reopen,
    set_meeting_date,
};
pub use participation::{AdultParticipation, DesiredOutcome};
pub use plan::{Feedback, FeedbackArrangement, PersonCausingHarm, Plan, Recipient, Review};
pub use record::{
    Meeting, MeetingLink, MeetingType, NewMeeting, Record, SCHEMA_VERSION, StatusChange,
};
pub use schema::record_schema;
pub use summary::{ActionSummary, RecordSummary};
pub use vocab::*;

/// A point in time with its UTC offset, written as RFC 3339 (`2026-11-23T14:03:41+00:00`).
pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;

/// Fields this version does not know, kept as they were read so newer writers lose nothing.
pub type Extra = serde_json::Map<String, serde_json::Value>;
