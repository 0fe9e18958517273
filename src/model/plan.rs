//! Protection plan, feedback arrangements and review.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Audience, Extra};

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
///
/// Files written before several people could be named held one `to_person_causing_harm`
/// and one `to_employer`; they are read as the first entry of
/// [`people_causing_harm`](Self::people_causing_harm), and only that list is written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Feedback {
    /// Feedback to the adult, if they were absent.
    #[serde(default)]
    pub to_adult: FeedbackArrangement,
    /// Whom the adult contacts if they disagree with the decisions or plan.
    #[serde(default)]
    pub adult_disagreement_contact: String,
    /// One entry per person alleged to have caused harm: who, their employer, and the
    /// feedback to each and by whom (`004` section 6.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people_causing_harm: Vec<PersonCausingHarm>,
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

/// A person alleged to have caused harm, and the feedback decided for them and for their
/// employer (`004` section 6.2: what feedback, and who gives it; for a person who lacks
/// capacity, with the support of whoever acts in their best interests).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersonCausingHarm {
    /// Who they are: a name or a description ("her son", "a care worker at Oakfield").
    #[serde(default)]
    pub who: String,
    /// The organisation that employs them, where relevant.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub employer: String,
    /// Feedback to them.
    #[serde(default)]
    pub feedback: FeedbackArrangement,
    /// Feedback to their employer.
    #[serde(default, skip_serializing_if = "FeedbackArrangement::is_empty")]
    pub employer_feedback: FeedbackArrangement,
    /// Whoever acts in their best interests and supports them to receive the feedback, when
    /// they lack capacity (and are an adult at risk themselves).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub best_interests_support: String,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PersonCausingHarm {
    /// Who they are, or "person N" (from 1) when that is not recorded.
    #[must_use]
    pub fn name_or(&self, n: usize) -> String {
        let who = self.who.trim();
        if who.is_empty() {
            format!("person {n}")
        } else {
            who.to_owned()
        }
    }

    /// Whether they have an employer to feed back to: one is named, or feedback to one is.
    #[must_use]
    pub fn has_employer(&self) -> bool {
        !self.employer.trim().is_empty() || !self.employer_feedback.is_empty()
    }
}

/// [`Feedback`] as files hold it, older ones included.
#[derive(Deserialize)]
struct FeedbackOnDisk {
    #[serde(default)]
    to_adult: FeedbackArrangement,
    #[serde(default)]
    adult_disagreement_contact: String,
    #[serde(default)]
    people_causing_harm: Vec<PersonCausingHarm>,
    #[serde(default)]
    to_person_causing_harm: FeedbackArrangement,
    #[serde(default)]
    to_employer: FeedbackArrangement,
    #[serde(default)]
    to_referrer: FeedbackArrangement,
    #[serde(default)]
    to_absent: FeedbackArrangement,
    #[serde(flatten)]
    extra: Extra,
}

impl<'de> Deserialize<'de> for Feedback {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file = FeedbackOnDisk::deserialize(deserializer)?;
        let mut feedback = Self {
            to_adult: file.to_adult,
            adult_disagreement_contact: file.adult_disagreement_contact,
            people_causing_harm: file.people_causing_harm,
            to_referrer: file.to_referrer,
            to_absent: file.to_absent,
            extra: file.extra,
        };
        let (person, employer) = (file.to_person_causing_harm, file.to_employer);
        if person.is_empty() && employer.is_empty() {
            return Ok(feedback);
        }
        if feedback.people_causing_harm.is_empty() {
            feedback.people_causing_harm.push(PersonCausingHarm {
                feedback: person,
                employer_feedback: employer,
                ..PersonCausingHarm::default()
            });
        } else {
            // Both kinds in one file (no version writes that): the old slots are kept as
            // they were, among the fields this version does not know.
            for (key, slot) in [
                ("to_person_causing_harm", person),
                ("to_employer", employer),
            ] {
                if !slot.is_empty() {
                    let value = serde_json::to_value(slot).map_err(serde::de::Error::custom)?;
                    feedback.extra.insert(key.to_owned(), value);
                }
            }
        }
        Ok(feedback)
    }
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

    /// Neither who gives it nor what it is was recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by.trim().is_empty() && self.what.trim().is_empty()
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
    /// The copy they were sent, when the minutes were circulated to them (none in the
    /// circulation list, and in circulations recorded before copies were told apart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<Audience>,
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
            copy: None,
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn arrangement(by: &str, what: &str) -> serde_json::Value {
        serde_json::json!({"by": by, "what": what})
    }

    #[test]
    fn an_older_files_one_person_becomes_the_first_entry_and_is_written_only_there() {
        let old = serde_json::json!({
            "to_adult": arrangement("ST", ""),
            "to_person_causing_harm": arrangement("Jane Smith", "Through the police"),
            "to_employer": arrangement("Priya Nair", "Letter to Oakfield"),
        });
        let feedback: Feedback = serde_json::from_value(old).unwrap();
        let person = &feedback.people_causing_harm[0];
        assert_eq!(person.who, "");
        assert_eq!(person.feedback.by, "Jane Smith");
        assert_eq!(person.employer_feedback.what, "Letter to Oakfield");
        assert!(feedback.extra.is_empty());
        let written = serde_json::to_value(&feedback).unwrap();
        assert!(written.get("to_person_causing_harm").is_none(), "{written}");
        assert!(written.get("to_employer").is_none(), "{written}");
        let again: Feedback = serde_json::from_value(written).unwrap();
        assert_eq!(again, feedback, "read back the same");
    }

    #[test]
    fn empty_old_slots_are_no_person_and_old_slots_beside_a_list_are_kept() {
        let empty = serde_json::json!({
            "to_person_causing_harm": arrangement("", ""),
            "to_employer": arrangement(" ", ""),
        });
        let feedback: Feedback = serde_json::from_value(empty).unwrap();
        assert!(feedback.people_causing_harm.is_empty());
        let both = serde_json::json!({
            "people_causing_harm": [{"who": "Her son", "feedback": arrangement("JS", "")}],
            "to_person_causing_harm": arrangement("Old", "slot"),
        });
        let feedback: Feedback = serde_json::from_value(both).unwrap();
        assert_eq!(feedback.people_causing_harm.len(), 1);
        assert_eq!(feedback.extra["to_person_causing_harm"]["by"], "Old");
    }
}
