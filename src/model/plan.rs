//! Protection plan, feedback arrangements and review.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Extra;

/// The protection or safety plan (`004` section 5.1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// What the plan does to keep the adult safe.
    #[serde(default)]
    pub summary: String,
    /// Who coordinates it (often not the managing officer).
    #[serde(default)]
    pub coordinator: String,
    /// Which organisation(s) monitor it, and how.
    #[serde(default)]
    pub monitoring: String,
    /// What happens if the plan does not work.
    #[serde(default)]
    pub contingencies: Vec<String>,
    /// How the plan is shared with partners and the adult.
    #[serde(default)]
    pub sharing: String,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who tells whom about the outcome (`004` sections 4.2, 6.1, 6.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Feedback {
    /// Feedback to the adult, if they were absent.
    #[serde(default)]
    pub to_adult: FeedbackArrangement,
    /// Whom the adult contacts if they disagree with the decisions or plan.
    #[serde(default)]
    pub adult_disagreement_contact: String,
    /// Feedback to the person alleged to have caused harm.
    #[serde(default)]
    pub to_person_causing_harm: FeedbackArrangement,
    /// Feedback to that person's employer, where relevant.
    #[serde(default)]
    pub to_employer: FeedbackArrangement,
    /// Feedback to the referrer (limited by confidentiality).
    #[serde(default)]
    pub to_referrer: FeedbackArrangement,
    /// Feedback to people who need to know but were not present.
    #[serde(default)]
    pub to_absent: FeedbackArrangement,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What feedback is given, and by whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FeedbackArrangement {
    /// Who gives it.
    #[serde(default)]
    pub by: String,
    /// What is said, and any limits on it.
    #[serde(default)]
    pub what: String,
}

impl FeedbackArrangement {
    /// Nobody has been named to give it.
    #[must_use]
    pub fn is_unassigned(&self) -> bool {
        self.by.trim().is_empty()
    }
}

/// Review date, further conference, circulation and the minutes deadline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Review {
    /// When the plan is reviewed.
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
    /// Whether a further conference is needed.
    #[serde(default)]
    pub further_conference: Option<bool>,
    /// Why (or why not).
    #[serde(default)]
    pub further_conference_reason: String,
    /// Who receives the minutes (`004` section 6.1).
    #[serde(default)]
    pub circulation: Vec<Recipient>,
    /// When the minutes must be circulated, from the template's deadline rule.
    #[serde(default)]
    pub minutes_due: Option<NaiveDate>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Someone who receives the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Recipient {
    /// Name or role.
    pub name: String,
    /// Agency.
    #[serde(default)]
    pub agency: String,
}

impl Recipient {
    /// "Name, Agency" (as the circulation list is typed): the text before the first comma
    /// is the name, the rest the agency. `None` when there is no name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let (name, agency) = text.split_once(',').unwrap_or((text, ""));
        let name = name.trim();
        (!name.is_empty()).then(|| Self {
            name: name.to_owned(),
            agency: agency.trim().to_owned(),
        })
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.agency.is_empty() {
            f.write_str(&self.name)
        } else {
            write!(f, "{}, {}", self.name, self.agency)
        }
    }
}
