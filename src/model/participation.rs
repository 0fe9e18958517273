//! The adult's participation and Making Safeguarding Personal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    BestInterestsDecider, Extra, MeetingPart, MentalCapacity, MspAsked, OutcomeAchieved, ViewsGiven,
};

/// How the adult took part, their capacity, and what they want (`004` sections 4.2-4.4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AdultParticipation {
    /// Whether the adult attended; `None` until recorded.
    #[serde(default)]
    pub attended: Option<bool>,
    /// The parts they attended; empty means the whole meeting.
    #[serde(default)]
    pub parts_attended: Vec<MeetingPart>,
    /// Why they did not attend (must be recorded when they did not).
    #[serde(default)]
    pub reason_not_attended: String,
    /// How their views reached the meeting.
    #[serde(default)]
    pub views_given: Vec<ViewsGiven>,
    /// Their views and wishes, in their words where possible.
    #[serde(default)]
    pub views: String,
    /// SAC SG3a: did they lack capacity for the decisions in question?
    #[serde(default)]
    pub capacity: Option<MentalCapacity>,
    /// SAC SG3a: where they lacked capacity, were they supported by an advocate, family or friend?
    #[serde(default)]
    pub capacity_supported: Option<bool>,
    /// Who decides in their best interests.
    #[serde(default)]
    pub best_interests_decider: Option<BestInterestsDecider>,
    /// The best-interests decider's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub best_interests_name: String,
    /// SAC SG4a: were they asked about their desired outcomes?
    #[serde(default)]
    pub msp_asked: Option<MspAsked>,
    /// The outcomes they want, in their words.
    #[serde(default)]
    pub desired_outcomes: Vec<DesiredOutcome>,
    /// SAC SG4a: overall, were the expressed outcomes achieved?
    #[serde(default)]
    pub outcomes_achieved: Option<OutcomeAchieved>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One outcome the adult wants, in their words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DesiredOutcome {
    /// The outcome as the adult put it.
    pub text: String,
    /// Whether it was met.
    #[serde(default)]
    pub achieved: Option<OutcomeAchieved>,
}

impl AdultParticipation {
    /// The procedure requires a reason whenever the adult did not attend.
    #[must_use]
    pub fn missing_absence_reason(&self) -> bool {
        self.attended == Some(false) && self.reason_not_attended.trim().is_empty()
    }
}
