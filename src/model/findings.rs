//! Findings per allegation, decisions and the outcomes chosen.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    AbuseType, AdultOutcome, BalanceFinding, EnquiryResult, Extra, HarmCauserOutcome, ReferralKind,
    RiskLocation, RiskOutcome, RiskSource, Timestamp, Visibility,
};

/// The finding for one allegation, coded as the Safeguarding Adults Collection codes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The allegation, in a line.
    pub allegation: String,
    /// SG2a type of risk.
    #[serde(default)]
    pub abuse_type: Option<AbuseType>,
    /// SG2b location of risk.
    #[serde(default)]
    pub location: Option<RiskLocation>,
    /// SG2b source of risk.
    #[serde(default)]
    pub source: Option<RiskSource>,
    /// The finding on the balance of probabilities.
    #[serde(default)]
    pub finding: Option<BalanceFinding>,
    /// SG2c action and result of the concluded enquiry.
    #[serde(default)]
    pub result: Option<EnquiryResult>,
    /// SG2e risk outcome; only where a risk was identified.
    #[serde(default)]
    pub risk_outcome: Option<RiskOutcome>,
    /// The evidence and reasoning (required before the findings item can be closed).
    #[serde(default)]
    pub rationale: String,
    /// The agenda item it was recorded under.
    #[serde(default)]
    pub agenda_key: String,
    /// When it was recorded.
    pub at: Timestamp,
    /// Who may see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Finding {
    /// What is still missing for this finding to be complete, in words, empty when complete.
    #[must_use]
    pub fn gaps(&self) -> Vec<&'static str> {
        let mut gaps = Vec::new();
        if self.rationale.trim().is_empty() {
            gaps.push("no rationale (evidence and reasoning)");
        }
        if self.finding.is_none() {
            gaps.push("no finding on the balance of probabilities");
        }
        if self.abuse_type.is_none() {
            gaps.push("no type of risk");
        }
        match (self.result, self.risk_outcome) {
            (Some(result), None) if result.risk_identified() => {
                gaps.push("risk identified but no risk outcome");
            }
            (Some(result), Some(_)) if !result.risk_identified() => {
                gaps.push("risk outcome given where no risk was identified");
            }
            _ => {}
        }
        gaps
    }
}

/// A decision and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// What was decided.
    pub text: String,
    /// How it was reached: the evidence and reasoning.
    #[serde(default)]
    pub rationale: String,
    /// The agenda item it was made under.
    #[serde(default)]
    pub agenda_key: String,
    /// When it was made.
    pub at: Timestamp,
    /// Who disagreed and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissent: Option<Dissent>,
    /// Who may see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A recorded disagreement with a decision (`001` cuckooing row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Dissent {
    /// Who disagreed.
    pub who: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// Outcomes chosen for the adult and for the person or organisation causing harm.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Outcomes {
    /// `004` section 5.2.
    #[serde(default)]
    pub for_adult: Vec<AdultOutcome>,
    /// `004` section 5.3.
    #[serde(default)]
    pub for_person_causing_harm: Vec<HarmCauserOutcome>,
    /// Free text for "other" outcomes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other: String,
    /// Referrals decided, with who makes each.
    #[serde(default)]
    pub referrals: Vec<Referral>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A referral the meeting decided on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Referral {
    /// To whom (DBS, CQC, police...).
    pub kind: ReferralKind,
    /// Who makes it.
    #[serde(default)]
    pub by: String,
    /// Anything else worth noting (reference number, date made).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
