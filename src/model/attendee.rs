//! People invited to the meeting.

use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Attendance, Extra, MeetingPart, RepresentativeKind};

/// One person invited to the meeting, present or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attendee {
    /// Full name as they wish it recorded.
    pub name: String,
    /// Initials used to attribute points in the notes ("JS (Police) said...").
    #[serde(default)]
    pub initials: String,
    /// Job title or role in the meeting (chair, investigating officer, GP...).
    #[serde(default)]
    pub role: String,
    /// Agency or organisation.
    #[serde(default)]
    pub agency: String,
    /// Present, apologies, absent, or apologies with a written contribution.
    #[serde(default)]
    pub attendance: Attendance,
    /// When they joined, if late.
    #[serde(default)]
    pub joined_at: Option<NaiveTime>,
    /// When they left, if early.
    #[serde(default)]
    pub left_at: Option<NaiveTime>,
    /// This is the adult the meeting is about.
    #[serde(default)]
    pub is_adult: bool,
    /// This person represents the adult.
    #[serde(default)]
    pub is_representative: bool,
    /// How they represent the adult (advocate, family, legal representative...).
    #[serde(default)]
    pub representative_kind: Option<RepresentativeKind>,
    /// The parts they attended; empty means the whole meeting.
    #[serde(default)]
    pub parts: Vec<MeetingPart>,
    /// Phone or email, if they want it in the record.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Attendee {
    /// A present attendee with initials derived from the name.
    #[must_use]
    pub fn new(name: &str, role: &str, agency: &str) -> Self {
        Self {
            name: name.trim().to_owned(),
            initials: initials_for(name),
            role: role.trim().to_owned(),
            agency: agency.trim().to_owned(),
            attendance: Attendance::Present,
            joined_at: None,
            left_at: None,
            is_adult: false,
            is_representative: false,
            representative_kind: None,
            parts: Vec::new(),
            contact: String::new(),
            extra: super::Extra::new(),
        }
    }

    /// "JS (Police)": how minutes attribute a point to this person.
    #[must_use]
    pub fn attribution(&self) -> String {
        if self.agency.is_empty() {
            self.initials.clone()
        } else {
            format!("{} ({})", self.initials, self.agency)
        }
    }
}

/// Initials from a name: the first letter of each word, upper-cased ("Zoë de la Cruz" -> "ZDLC").
/// Works for any script; a one-word name gives its first letter.
#[must_use]
pub fn initials_for(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_handle_any_script() {
        assert_eq!(initials_for("Jane Smith"), "JS");
        assert_eq!(initials_for("  zoë  o'neill "), "ZO");
        assert_eq!(initials_for("Łukasz Kowalski"), "ŁK");
        assert_eq!(initials_for("陈伟"), "陈");
        assert_eq!(initials_for(""), "");
        assert_eq!(initials_for("🙂 Sam"), "S");
    }

    #[test]
    fn attribution_names_the_agency() {
        let a = Attendee::new("Jane Smith", "DC", "Police");
        assert_eq!(a.attribution(), "JS (Police)");
        assert_eq!(Attendee::new("Jane Smith", "", "").attribution(), "JS");
    }
}
