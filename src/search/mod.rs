//! Full-text search over records: notes, findings (allegation, rationale), decisions (text,
//! rationale), actions (text) and attendees (name, role, agency).
//!
//! Pure code: [`Query`] (what to look for, ignoring case as [`fold()`] defines it),
//! [`search_record`] (the matches in one record in memory), [`Match`] and [`Snippet`].
//! Searching a whole folder reads files, so it lives in the store:
//! [`crate::store::search`], which skips files that cannot match by looking at their raw
//! bytes first and parses only the rest, on several threads.
//!
//! A match is a substring of one field, ignoring case; one [`Match`] per field that holds
//! the query, with a snippet around its first occurrence and the number of occurrences.
//! JSON keys, enum values, templates' prompts and other fields are never matched.

pub(crate) mod doc;
pub mod fold;
pub(crate) mod prefilter;
mod snippet;

use std::ops::Range;

use memchr::memmem::Finder;
use serde::Serialize;

pub use fold::{contains_folded, fold};
pub use snippet::Snippet;

use self::doc::{Doc, FieldRef};
use self::prefilter::Prefilter;
use crate::model::{Record, Timestamp, Visibility};

/// Snippet width when none is asked for: fits an 80-column line with a short label.
pub const DEFAULT_SNIPPET_WIDTH: usize = 60;

/// What to look for: the text, folded once, with its raw-byte prefilter.
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    folded: String,
    finder: Finder<'static>,
    prefilter: Option<Prefilter>,
}

impl Query {
    /// A query for `text` (surrounding white space ignored); `None` when that leaves
    /// nothing to look for.
    #[must_use]
    pub fn new(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let folded = fold(text).into_owned();
        Some(Self {
            finder: Finder::new(folded.as_bytes()).into_owned(),
            prefilter: Prefilter::for_query(&folded),
            text: text.to_owned(),
            folded,
        })
    }

    /// The query as given (trimmed).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a record file with these raw bytes may hold a match (see
    /// [`prefilter`](self::prefilter)); `scratch` is reused between calls.
    pub(crate) fn may_match(&self, raw: &[u8], scratch: &mut Vec<u8>) -> bool {
        self.prefilter
            .as_ref()
            .is_none_or(|filter| filter.may_match(raw, scratch))
    }

    /// The first occurrence in `text` (its byte range in `text`) and how many there are.
    #[must_use]
    pub fn find(&self, text: &str) -> Option<(Range<usize>, usize)> {
        let folded = fold::Folded::new(text);
        let mut found = self.finder.find_iter(folded.text.as_bytes());
        let first = found.next()?;
        let count = 1 + found.count();
        let range = folded.original_range(text, first..first + self.folded.len());
        Some((range, count))
    }
}

/// Which text of an entry matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// An attendee's name.
    Name,
    /// An attendee's role.
    Role,
    /// An attendee's agency.
    Agency,
    /// A note's, decision's or action's text.
    Text,
    /// A finding's allegation.
    Allegation,
    /// A finding's or decision's rationale.
    Rationale,
}

impl Field {
    /// The field's name in words.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Role => "role",
            Self::Agency => "agency",
            Self::Text => "text",
            Self::Allegation => "allegation",
            Self::Rationale => "rationale",
        }
    }
}

/// Where in a record a match is. Numbers count from 1 in the record's order (agenda item
/// and note numbers as the live screen shows them); actions go by their own id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// An attendee.
    Attendee {
        /// Position in the attendee list.
        number: usize,
        /// Their name.
        name: String,
    },
    /// A note under an agenda item.
    Note {
        /// The agenda item's position.
        item: usize,
        /// The agenda item's key.
        item_key: String,
        /// The agenda item's title.
        item_title: String,
        /// The note's position within the item.
        note: usize,
        /// When the note was written.
        at: Option<Timestamp>,
        /// Who made the point, if attributed.
        speaker: Option<String>,
    },
    /// A finding.
    Finding {
        /// Its position.
        number: usize,
    },
    /// A decision.
    Decision {
        /// Its position.
        number: usize,
    },
    /// An action.
    Action {
        /// The action's id.
        id: u32,
    },
}

impl Place {
    /// Short words for where: `attendee 3`, `item 2 note 4 (10:31)`, `finding 1`,
    /// `decision 2`, `action 5`.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::Attendee { number, .. } => format!("attendee {number}"),
            Self::Note { item, note, at, .. } => match at {
                Some(at) => format!("item {item} note {note} ({})", at.format("%H:%M")),
                None => format!("item {item} note {note}"),
            },
            Self::Finding { number } => format!("finding {number}"),
            Self::Decision { number } => format!("decision {number}"),
            Self::Action { id } => format!("action {id}"),
        }
    }
}

/// One field of a record that holds the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Where the field is.
    pub place: Place,
    /// Which field of it.
    pub field: Field,
    /// The text around the first occurrence.
    pub snippet: Snippet,
    /// How many times the query occurs in the field.
    pub count: usize,
    /// Who may see the entry (the adult's copy leaves out all but `all`).
    pub visibility: Visibility,
}

impl Match {
    /// Where, with the field when it is not the obvious one: `finding 1 rationale`,
    /// `attendee 3 agency`, `item 2 note 4 (10:31)`.
    #[must_use]
    pub fn label(&self) -> String {
        let obvious = matches!(
            (&self.place, self.field),
            (
                Place::Note { .. } | Place::Action { .. } | Place::Decision { .. },
                Field::Text
            ) | (Place::Attendee { .. }, Field::Name)
        );
        if obvious {
            self.place.label()
        } else {
            format!("{} {}", self.place.label(), self.field.label())
        }
    }
}

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Snippet width in terminal columns.
    pub snippet_width: usize,
    /// Most threads to read and parse files on (at least 1; at most the machine's cores).
    pub threads: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            snippet_width: DEFAULT_SNIPPET_WIDTH,
            threads: 4,
        }
    }
}

/// Every match in `record`, in the order of the minutes: attendees, notes (agenda order),
/// findings, decisions, actions.
#[must_use]
pub fn search_record(record: &Record, query: &Query, snippet_width: usize) -> Vec<Match> {
    matches_in(&Doc::of(record), query, snippet_width)
}

/// Every match in a parsed view of a record.
pub(crate) fn matches_in(doc: &Doc<'_>, query: &Query, snippet_width: usize) -> Vec<Match> {
    let mut found = Vec::new();
    doc::doc_fields(doc, |field: FieldRef<'_>| {
        if let Some((range, count)) = query.find(field.text) {
            found.push(Match {
                place: field.place.to_place(),
                field: field.field,
                snippet: Snippet::new(field.text, range, snippet_width),
                count,
                visibility: field.visibility,
            });
        }
    });
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn blank_queries_are_none() {
        assert!(Query::new("  ").is_none());
        assert_eq!(Query::new(" carers ").unwrap().text(), "carers");
    }

    #[test]
    fn find_ignores_case_and_maps_back() {
        let query = Query::new("zoë").unwrap();
        let text = "Met ZOË and Zoë";
        let (range, count) = query.find(text).unwrap();
        assert_eq!(&text[range], "ZOË");
        assert_eq!(count, 2);
        assert!(query.find("Zoe").is_none());
        let query = Query::new("陈伟").unwrap();
        assert_eq!(query.find("报告：陈伟说").unwrap().1, 1);
    }
}
