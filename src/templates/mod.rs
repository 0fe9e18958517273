//! Agenda templates: the built-in ones, drawn from the procedures in `shared/seeds/`, and the
//! user's own JSON files in the config folder's `templates/`.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::ItemKind;

/// An agenda template for one meeting type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Meeting type key, e.g. `case-conference`.
    pub key: String,
    /// Human name, e.g. "Section 42 case conference".
    pub title: String,
    /// What the meeting is for, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// The procedures it follows (seed file names and sections).
    #[serde(default)]
    pub sources: Vec<String>,
    /// When the minutes must be circulated.
    pub deadline: DeadlineRule,
    /// The agenda, in order.
    pub items: Vec<TemplateItem>,
}

/// One agenda item of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateItem {
    /// Stable key, unique within the template.
    pub key: String,
    /// Title as printed in the minutes.
    pub title: String,
    /// The checklist question the chair must cover.
    pub prompt: String,
    /// What the item mostly captures.
    pub kind: ItemKind,
    /// Seed file name and section it comes from.
    pub source: String,
}

/// How long after the meeting the minutes must be circulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DeadlineRule {
    /// Working days: weekends and England and Wales bank holidays are skipped.
    WorkingDays(u32),
    /// Calendar days.
    CalendarDays(u32),
}

impl DeadlineRule {
    /// The date the minutes are due for a meeting held on `meeting_date`.
    #[must_use]
    pub fn due_after(self, meeting_date: NaiveDate) -> NaiveDate {
        match self {
            Self::WorkingDays(days) => crate::calendar::add_working_days(meeting_date, days),
            Self::CalendarDays(days) => meeting_date
                .checked_add_days(chrono::Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}
