//! The searched fields of a record: a light parse of its file that borrows the text and
//! skips everything else (several times faster than building a whole [`Record`]), or the
//! same view of a record already in memory.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Field, Place};
use crate::model::{Record, Visibility};

/// A record file as the search reads it: only what is searched, text borrowed from the
/// file where it has no escapes.
#[derive(Debug, Deserialize)]
pub(crate) struct Doc<'a> {
    #[serde(borrow, default)]
    attendees: Vec<DocAttendee<'a>>,
    #[serde(borrow, default)]
    agenda: Vec<DocItem<'a>>,
    #[serde(borrow, default)]
    findings: Vec<DocFinding<'a>>,
    #[serde(borrow, default)]
    decisions: Vec<DocDecision<'a>>,
    #[serde(borrow, default)]
    actions: Vec<DocAction<'a>>,
}

impl<'a> Doc<'a> {
    /// The searched view of a record in memory (borrowing its text).
    pub(crate) fn of(record: &'a Record) -> Self {
        let text = |s: &'a String| Cow::Borrowed(s.as_str());
        Self {
            attendees: record
                .attendees
                .iter()
                .map(|a| DocAttendee {
                    name: text(&a.name),
                    role: text(&a.role),
                    agency: text(&a.agency),
                })
                .collect(),
            agenda: record
                .agenda
                .iter()
                .map(|item| DocItem {
                    key: text(&item.key),
                    title: text(&item.title),
                    notes: item
                        .notes
                        .iter()
                        .map(|note| DocNote {
                            at: Cow::Owned(note.at.to_rfc3339()),
                            text: text(&note.text),
                            speaker: note.speaker.as_ref().map(text),
                            visibility: note.visibility,
                        })
                        .collect(),
                })
                .collect(),
            findings: record
                .findings
                .iter()
                .map(|f| DocFinding {
                    allegation: text(&f.allegation),
                    rationale: text(&f.rationale),
                    visibility: f.visibility,
                })
                .collect(),
            decisions: record
                .decisions
                .iter()
                .map(|d| DocDecision {
                    text: text(&d.text),
                    rationale: text(&d.rationale),
                    visibility: d.visibility,
                })
                .collect(),
            actions: record
                .actions
                .iter()
                .map(|a| DocAction {
                    id: a.id,
                    text: text(&a.text),
                    visibility: a.visibility,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct DocAttendee<'a> {
    #[serde(borrow, default)]
    name: Cow<'a, str>,
    #[serde(borrow, default)]
    role: Cow<'a, str>,
    #[serde(borrow, default)]
    agency: Cow<'a, str>,
}

#[derive(Debug, Deserialize)]
struct DocItem<'a> {
    #[serde(borrow, default)]
    key: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Cow<'a, str>,
    #[serde(borrow, default)]
    notes: Vec<DocNote<'a>>,
}

#[derive(Debug, Deserialize)]
struct DocNote<'a> {
    #[serde(borrow, default)]
    at: Cow<'a, str>,
    #[serde(borrow, default)]
    text: Cow<'a, str>,
    #[serde(borrow, default)]
    speaker: Option<Cow<'a, str>>,
    #[serde(default)]
    visibility: Visibility,
}

#[derive(Debug, Deserialize)]
struct DocFinding<'a> {
    #[serde(borrow, default)]
    allegation: Cow<'a, str>,
    #[serde(borrow, default)]
    rationale: Cow<'a, str>,
    #[serde(default)]
    visibility: Visibility,
}

#[derive(Debug, Deserialize)]
struct DocDecision<'a> {
    #[serde(borrow, default)]
    text: Cow<'a, str>,
    #[serde(borrow, default)]
    rationale: Cow<'a, str>,
    #[serde(default)]
    visibility: Visibility,
}

#[derive(Debug, Deserialize)]
struct DocAction<'a> {
    id: u32,
    #[serde(borrow, default)]
    text: Cow<'a, str>,
    #[serde(default)]
    visibility: Visibility,
}

/// Where a searched text is, borrowed, made into a [`Place`] only for a match.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PlaceRef<'t> {
    Attendee {
        number: usize,
        name: &'t str,
    },
    Note {
        item: usize,
        key: &'t str,
        title: &'t str,
        note: usize,
        at: &'t str,
        speaker: Option<&'t str>,
    },
    Finding {
        number: usize,
    },
    Decision {
        number: usize,
    },
    Action {
        id: u32,
    },
}

impl PlaceRef<'_> {
    pub(crate) fn to_place(self) -> Place {
        match self {
            Self::Attendee { number, name } => Place::Attendee {
                number,
                name: name.to_owned(),
            },
            Self::Note {
                item,
                key,
                title,
                note,
                at,
                speaker,
            } => Place::Note {
                item,
                item_key: key.to_owned(),
                item_title: title.to_owned(),
                note,
                at: chrono::DateTime::parse_from_rfc3339(at).ok(),
                speaker: speaker.map(str::to_owned),
            },
            Self::Finding { number } => Place::Finding { number },
            Self::Decision { number } => Place::Decision { number },
            Self::Action { id } => Place::Action { id },
        }
    }
}

/// One searched text: where it is, which field, who may see it.
pub(crate) struct FieldRef<'t> {
    pub place: PlaceRef<'t>,
    pub field: Field,
    pub text: &'t str,
    pub visibility: Visibility,
}

/// Calls `each` with every searched text of a parsed file, in the order of the minutes.
pub(crate) fn doc_fields<'t>(doc: &'t Doc<'_>, mut each: impl FnMut(FieldRef<'t>)) {
    for (i, person) in doc.attendees.iter().enumerate() {
        let place = PlaceRef::Attendee {
            number: i + 1,
            name: &person.name,
        };
        for (field, text) in [
            (Field::Name, &person.name),
            (Field::Role, &person.role),
            (Field::Agency, &person.agency),
        ] {
            each(FieldRef {
                place,
                field,
                text,
                visibility: Visibility::All,
            });
        }
    }
    for (i, item) in doc.agenda.iter().enumerate() {
        for (n, note) in item.notes.iter().enumerate() {
            each(FieldRef {
                place: PlaceRef::Note {
                    item: i + 1,
                    key: &item.key,
                    title: &item.title,
                    note: n + 1,
                    at: &note.at,
                    speaker: note.speaker.as_deref(),
                },
                field: Field::Text,
                text: &note.text,
                visibility: note.visibility,
            });
        }
    }
    for (i, finding) in doc.findings.iter().enumerate() {
        let place = PlaceRef::Finding { number: i + 1 };
        for (field, text) in [
            (Field::Allegation, &finding.allegation),
            (Field::Rationale, &finding.rationale),
        ] {
            each(FieldRef {
                place,
                field,
                text,
                visibility: finding.visibility,
            });
        }
    }
    for (i, decision) in doc.decisions.iter().enumerate() {
        let place = PlaceRef::Decision { number: i + 1 };
        for (field, text) in [
            (Field::Text, &decision.text),
            (Field::Rationale, &decision.rationale),
        ] {
            each(FieldRef {
                place,
                field,
                text,
                visibility: decision.visibility,
            });
        }
    }
    for action in &doc.actions {
        each(FieldRef {
            place: PlaceRef::Action { id: action.id },
            field: Field::Text,
            text: &action.text,
            visibility: action.visibility,
        });
    }
}
