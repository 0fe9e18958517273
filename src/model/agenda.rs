//! Agenda items and the notes taken under them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Extra, ItemKind, ItemStatus, Timestamp, Visibility};
use crate::templates::TemplateItem;

/// One agenda item of a meeting, copied from its template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItem {
    /// Stable key within the template, e.g. `finding-per-allegation`.
    pub key: String,
    /// Title as printed in the minutes.
    pub title: String,
    /// The checklist question the chair must cover.
    #[serde(default)]
    pub prompt: String,
    /// What the item mostly captures.
    #[serde(default = "default_kind")]
    pub kind: ItemKind,
    /// Where the item comes from: seed file and section.
    #[serde(default)]
    pub source: String,
    /// Pending, current, done, skipped or not applicable.
    #[serde(default)]
    pub status: ItemStatus,
    /// When the item was first opened.
    #[serde(default)]
    pub opened_at: Option<Timestamp>,
    /// When the item was closed.
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
    /// Timestamped notes, oldest first.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

const fn default_kind() -> ItemKind {
    ItemKind::Notes
}

impl AgendaItem {
    /// A pending item with no notes, copied from a template item.
    #[must_use]
    pub fn from_template(item: &TemplateItem) -> Self {
        Self {
            key: item.key.clone(),
            title: item.title.clone(),
            prompt: item.prompt.clone(),
            kind: item.kind,
            source: item.source.clone(),
            status: ItemStatus::Pending,
            opened_at: None,
            closed_at: None,
            notes: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// One timestamped entry in the notes of an agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Note {
    /// When it was written.
    pub at: Timestamp,
    /// The text, possibly several lines.
    pub text: String,
    /// Who made the point (initials or name), if attributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Who may see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// Fields written by a newer version.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// A note visible to all.
    #[must_use]
    pub fn new(at: Timestamp, text: impl Into<String>) -> Self {
        Self {
            at,
            text: text.into(),
            speaker: None,
            visibility: Visibility::All,
            extra: Extra::new(),
        }
    }
}
