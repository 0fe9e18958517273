//! Who a copy of the minutes is for, and the copy of the record that audience may receive.
//!
//! This is the one place that decides what the adult's copy leaves out; every output format
//! (Markdown, text, HTML, Word, JSON) is made from [`Record::for_audience`], so no format can
//! show what another leaves out.

use std::borrow::Cow;

use super::{Extra, Record, Visibility};

/// Who the minutes are for: the adult's copy leaves out everything not visible to all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Everyone at the meeting: all entries, restricted ones marked.
    Professionals,
    /// The adult or their representative: only entries visible to all.
    Adult,
}

/// Key of the note that [`Record::for_audience`] adds to the top level of an adult's copy
/// (an unknown field to the record format, so a copy still loads as a record).
pub const COPY_NOTE_KEY: &str = "copy_for_the_adult";

/// What every adult's copy that leaves something out says, in every format.
pub const WITHHELD: &str = "Some information has been withheld from this copy.";

/// What follows [`WITHHELD`].
pub const WITHHELD_DETAIL: &str = "Information shared only between professionals, or \
    restricted by the chair, has been left out of this copy of the minutes.";

impl Audience {
    /// Whether an entry with `visibility` belongs in this audience's copy.
    #[must_use]
    pub const fn may_see(self, visibility: Visibility) -> bool {
        match self {
            Self::Professionals => true,
            Self::Adult => visibility.shareable_with_adult(),
        }
    }
}

impl Record {
    /// The record as `audience` may receive it. No copy carries the notes' history or the
    /// deleted notes: they are evidence kept in the record alone. For
    /// [`Audience::Professionals`] that is all it leaves out (without either it is the
    /// record itself). For [`Audience::Adult`] it is also without:
    /// - every note, finding, decision and action that is not visible to all (so with them
    ///   their rationale, dissent, speaker, owner and status notes);
    /// - what concerns the person alleged to have caused harm, which the managing officer
    ///   decides whether to share (`004` section 6.1): outcomes for that person or
    ///   organisation, referrals (DBS, regulators, police...), and every person alleged to
    ///   have caused harm with the feedback to them and to their employer;
    /// - every field this version does not know (written by a newer version), since whether
    ///   it may be shared cannot be judged.
    ///
    /// and with a top-level note ([`COPY_NOTE_KEY`]) saying it is the adult's copy and
    /// whether something was withheld.
    #[must_use]
    pub fn for_audience(&self, audience: Audience) -> Cow<'_, Self> {
        if audience == Audience::Professionals {
            return self.without_note_history();
        }
        let withheld = self.withholds_from(audience);
        let mut copy = self.without_note_history().into_owned();
        let shown = |visibility: Visibility| audience.may_see(visibility);
        copy.extra.clear();
        copy.meeting.extra.clear();
        copy.adult_participation.extra.clear();
        for attendee in &mut copy.attendees {
            attendee.extra.clear();
        }
        for item in &mut copy.agenda {
            item.extra.clear();
            item.notes.retain(|note| shown(note.visibility));
            for note in &mut item.notes {
                note.extra.clear();
            }
        }
        copy.findings.retain(|finding| shown(finding.visibility));
        for finding in &mut copy.findings {
            finding.extra.clear();
        }
        copy.decisions.retain(|decision| shown(decision.visibility));
        for decision in &mut copy.decisions {
            decision.extra.clear();
        }
        copy.actions.retain(|action| shown(action.visibility));
        for action in &mut copy.actions {
            action.extra.clear();
        }
        copy.outcomes.for_person_causing_harm.clear();
        copy.outcomes.referrals.clear();
        copy.outcomes.extra.clear();
        copy.feedback.people_causing_harm.clear();
        copy.feedback.extra.clear();
        copy.plan.extra.clear();
        copy.review.extra.clear();
        copy.extra = copy_note(withheld);
        Cow::Owned(copy)
    }

    /// The record without its notes' history and deleted notes; itself when it has neither.
    fn without_note_history(&self) -> Cow<'_, Self> {
        let has_history = self.agenda.iter().any(|item| {
            !item.deleted_notes.is_empty() || item.notes.iter().any(|n| !n.history.is_empty())
        });
        if !has_history {
            return Cow::Borrowed(self);
        }
        let mut copy = self.clone();
        for item in &mut copy.agenda {
            item.deleted_notes.clear();
            for note in &mut item.notes {
                note.history.clear();
            }
        }
        Cow::Owned(copy)
    }

    /// Whether [`Record::for_audience`] leaves anything out for `audience` (fields of a newer
    /// version aside: no version of the minutes shows those).
    #[must_use]
    pub fn withholds_from(&self, audience: Audience) -> bool {
        let hidden = |visibility: Visibility| !audience.may_see(visibility);
        audience == Audience::Adult
            && (self.notes().any(|(_, note)| hidden(note.visibility))
                || self.findings.iter().any(|f| hidden(f.visibility))
                || self.decisions.iter().any(|d| hidden(d.visibility))
                || self.actions.iter().any(|a| hidden(a.visibility))
                || self.has_harm_causer_details())
    }

    /// Whether the record holds outcomes, referrals or feedback about the person alleged to
    /// have caused harm, which only the professionals' copy shows.
    #[must_use]
    pub fn has_harm_causer_details(&self) -> bool {
        !self.outcomes.for_person_causing_harm.is_empty()
            || !self.outcomes.referrals.is_empty()
            || !self.feedback.people_causing_harm.is_empty()
    }
}

/// The note at the top of an adult's copy of the record.
fn copy_note(withheld: bool) -> Extra {
    let mut note = serde_json::Map::new();
    note.insert("audience".into(), "adult".into());
    note.insert("withheld".into(), withheld.into());
    if withheld {
        note.insert(
            "notice".into(),
            format!("{WITHHELD} {WITHHELD_DETAIL}").into(),
        );
    }
    let mut extra = Extra::new();
    extra.insert(COPY_NOTE_KEY.into(), note.into());
    extra
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Note, Visibility};

    fn record() -> Record {
        let text = include_str!("../../tests/fixtures/minimal.json");
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        value["agenda"] = serde_json::json!([{ "key": "intro", "title": "Introductions" }]);
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn professionals_get_the_record_itself() {
        let record = record();
        assert!(matches!(
            record.for_audience(Audience::Professionals),
            Cow::Borrowed(_)
        ));
        assert!(!record.withholds_from(Audience::Professionals));
    }

    #[test]
    fn the_adults_copy_drops_hidden_notes_and_unknown_fields() {
        let mut record = record();
        record.extra.insert("future".into(), "secret".into());
        let at = record.created_at;
        let item = &mut record.agenda[0];
        item.notes.push(Note::new(at, "shown"));
        let mut hidden = Note::new(at, "hidden");
        hidden.visibility = Visibility::Restricted;
        item.notes.push(hidden);
        assert!(record.withholds_from(Audience::Adult));
        let copy = record.for_audience(Audience::Adult);
        let notes: Vec<&str> = copy.notes().map(|(_, n)| n.text.as_str()).collect();
        assert_eq!(notes, ["shown"]);
        assert!(!copy.extra.contains_key("future"));
        assert_eq!(copy.extra[COPY_NOTE_KEY]["withheld"], true);
    }
}
