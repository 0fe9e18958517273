//! Who a copy of the minutes is for, and the copy of the record that audience may receive.
//!
//! This is the one place that decides what the adult's and the part-2 copies leave out
//! ([`Record::for_audience`], said in words by [`Record::withheld_from`]) and which copy each
//! person receives ([`copy_for`]); every output format (Markdown, text, HTML, Word, JSON) is
//! made from [`Record::for_audience`], so no format can show what another leaves out.

use std::borrow::Cow;
use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Attendance, Attendee, Extra, MeetingPart, Record, Visibility};

/// Who the minutes are for. Attendees receive only the minutes of the part they attended
/// (Hampshire's chair prompts, `shared/domain.md`): the adult's and the part-2 copies leave
/// out everything not visible to all, and what concerns the person alleged to have caused
/// harm, which the managing officer decides whether to share (`004` section 6.1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Audience {
    /// Everyone at the meeting: all entries, restricted ones marked.
    #[serde(rename = "professionals")]
    Professionals,
    /// The adult or their representative: only entries visible to all.
    #[serde(rename = "adult")]
    Adult,
    /// People who attended part 2 only (the part with the adult), often the provider: only
    /// entries visible to all, as the adult's copy.
    #[serde(rename = "part2")]
    Part2,
}

/// Key of the note that [`Record::for_audience`] adds to the top level of the adult's and
/// the part-2 copies (an unknown field to the record format, so a copy still loads as a
/// record); its `audience` says which copy it is.
pub const COPY_NOTE_KEY: &str = "copy_for_the_adult";

/// What every adult's copy that leaves something out says, in every format.
pub const WITHHELD: &str = "Some information has been withheld from this copy.";

/// What follows [`WITHHELD`].
pub const WITHHELD_DETAIL: &str = "Information shared only between professionals, or \
    restricted by the chair, has been left out of this copy of the minutes.";

/// What the adult's and the part-2 copies say once, near the top, when an entry they keep has
/// a number (allegation, decision, action) above one they leave out.
pub const NUMBER_GAPS: &str = "Numbers missing below belong to entries withheld from this copy.";

impl Audience {
    /// Every copy, in the order they are offered.
    pub const ALL: [Self; 3] = [Self::Professionals, Self::Adult, Self::Part2];

    /// Whether an entry with `visibility` belongs in this audience's copy.
    #[must_use]
    pub const fn may_see(self, visibility: Visibility) -> bool {
        match self {
            Self::Professionals => true,
            Self::Adult | Self::Part2 => visibility.shareable_with_adult(),
        }
    }

    /// The key the record and `--audience` use: `professionals`, `adult`, `part2`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Professionals => "professionals",
            Self::Adult => "adult",
            Self::Part2 => "part2",
        }
    }

    /// The copy in words: "professionals' copy", "the adult's copy", "part-2 copy".
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Professionals => "professionals' copy",
            Self::Adult => "the adult's copy",
            Self::Part2 => "part-2 copy",
        }
    }
}

/// What a copy leaves out, for saying so in it (never what the entries said). Empty for the
/// professionals' copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withheld {
    /// Notes were left out.
    pub notes: bool,
    /// The agenda items (keys) some of whose notes were left out.
    pub items: BTreeSet<String>,
    /// Findings were left out.
    pub findings: bool,
    /// Decisions were left out.
    pub decisions: bool,
    /// Actions were left out.
    pub actions: bool,
    /// Outcomes, referrals and feedback about the person alleged to have caused harm were
    /// left out.
    pub harm_causer: bool,
    /// The professionals' number (from 1) of each finding the copy keeps, in order.
    pub finding_numbers: Vec<usize>,
    /// The professionals' number (from 1) of each decision the copy keeps, in order.
    pub decision_numbers: Vec<usize>,
    /// Some number the copy shows (allegation, decision, action) comes after one it leaves
    /// out, so the numbers it shows have gaps ([`NUMBER_GAPS`]).
    pub gaps: bool,
}

impl Withheld {
    /// Whether the copy leaves anything out.
    #[must_use]
    pub const fn any(&self) -> bool {
        self.notes || self.findings || self.decisions || self.actions || self.harm_causer
    }

    /// The kinds of thing left out, in words ("notes", "decisions"...), for the notice at the
    /// top of the copy.
    #[must_use]
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds = Vec::new();
        for (left_out, kind) in [
            (self.notes, "notes of the discussion"),
            (self.findings, "findings"),
            (self.decisions, "decisions"),
            (self.actions, "actions"),
            (
                self.harm_causer,
                "what concerns the person alleged to have caused harm (outcomes for them, \
                 referrals, and feedback to them)",
            ),
        ] {
            if left_out {
                kinds.push(kind);
            }
        }
        kinds
    }
}

/// Why a person receives the copy they do ([`copy_for`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyRule {
    /// They are the adult the meeting is about.
    TheAdult,
    /// They represent the adult.
    Representative,
    /// They attended part 2 only.
    Part2Only,
    /// They are on the attendance list for part 1 or the whole meeting (or sent apologies).
    Attendee,
    /// Their name matches nobody on the attendance list: a professional who was not there.
    NotAnAttendee,
    /// Their name matches several attendees equally well (their indexes): they get the copy
    /// that shares least among those attendees' copies.
    Tie(Vec<usize>),
}

impl CopyRule {
    /// The rule in words, for saying why someone gets their copy.
    #[must_use]
    pub const fn describe(&self) -> &'static str {
        match self {
            Self::TheAdult => "the adult",
            Self::Representative => "represents the adult",
            Self::Part2Only => "attended part 2 only",
            Self::Attendee => "attendee",
            Self::NotAnAttendee => "not on the attendance list",
            Self::Tie(_) => {
                "names several attendees; given the copy that shares least among theirs"
            }
        }
    }
}

/// The copy a person receives, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyChoice {
    /// The copy.
    pub audience: Audience,
    /// Why.
    pub rule: CopyRule,
}

/// The copy for the attendee `attendee`, and why: the adult or their representative get the
/// adult's copy, someone present for part 2 only the part-2 copy, everyone else the
/// professionals'.
#[must_use]
pub fn attendee_copy(attendee: &Attendee) -> CopyChoice {
    let (audience, rule) = if attendee.is_adult {
        (Audience::Adult, CopyRule::TheAdult)
    } else if attendee.is_representative {
        (Audience::Adult, CopyRule::Representative)
    } else if attendee.attendance == Attendance::Present
        && attendee.parts.contains(&MeetingPart::WithAdult)
        && !attendee
            .parts
            .iter()
            .any(|part| matches!(part, MeetingPart::ProfessionalsOnly | MeetingPart::Whole))
    {
        (Audience::Part2, CopyRule::Part2Only)
    } else {
        (Audience::Professionals, CopyRule::Attendee)
    };
    CopyChoice { audience, rule }
}

/// The copy for someone whose name matches the attendees at `matched` (indexes into
/// `attendees`, as the people matcher found them): none, a professional who was not there;
/// one, that attendee's copy ([`attendee_copy`]); several, the copy that shares least among
/// theirs, since a copy sent to the wrong one of them must not tell them more than theirs.
#[must_use]
pub fn copy_for(attendees: &[Attendee], matched: &[usize]) -> CopyChoice {
    let copies: Vec<CopyChoice> = matched
        .iter()
        .filter_map(|&i| attendees.get(i))
        .map(attendee_copy)
        .collect();
    match copies.as_slice() {
        [] => CopyChoice {
            audience: Audience::Professionals,
            rule: CopyRule::NotAnAttendee,
        },
        [one] => one.clone(),
        several => CopyChoice {
            audience: several
                .iter()
                .map(|copy| copy.audience)
                .min_by_key(|audience| sharing(*audience))
                .unwrap_or(Audience::Part2),
            rule: CopyRule::Tie(matched.to_vec()),
        },
    }
}

/// How much a copy shares, least first: the part-2 copy and the adult's hold the same
/// entries, but the part-2 copy claims no more than part 2 of the meeting.
const fn sharing(audience: Audience) -> u8 {
    match audience {
        Audience::Part2 => 0,
        Audience::Adult => 1,
        Audience::Professionals => 2,
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
    /// and with a top-level note ([`COPY_NOTE_KEY`]) saying whose copy it is and whether
    /// something was withheld. [`Audience::Part2`] leaves out the same as the adult's copy.
    #[must_use]
    pub fn for_audience(&self, audience: Audience) -> Cow<'_, Self> {
        if audience == Audience::Professionals {
            return self.without_note_history();
        }
        let withheld = self.withheld_from(audience);
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
        copy.extra = copy_note(audience, &withheld);
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
        self.withheld_from(audience).any()
    }

    /// What [`Record::for_audience`] leaves out for `audience`, in kinds (fields of a newer
    /// version aside), and the professionals' numbers of the findings and decisions it
    /// keeps, so every copy shows the same numbers.
    #[must_use]
    pub fn withheld_from(&self, audience: Audience) -> Withheld {
        let hidden = |visibility: Visibility| !audience.may_see(visibility);
        let kept = |visibilities: &mut dyn Iterator<Item = Visibility>| -> Vec<usize> {
            visibilities
                .enumerate()
                .filter(|(_, visibility)| !hidden(*visibility))
                .map(|(i, _)| i + 1)
                .collect()
        };
        let finding_numbers = kept(&mut self.findings.iter().map(|f| f.visibility));
        let decision_numbers = kept(&mut self.decisions.iter().map(|d| d.visibility));
        let items: BTreeSet<String> = self
            .agenda
            .iter()
            .filter(|item| item.notes.iter().any(|note| hidden(note.visibility)))
            .map(|item| item.key.clone())
            .collect();
        let highest_action = self
            .actions
            .iter()
            .filter(|a| !hidden(a.visibility))
            .map(|a| a.id)
            .max();
        let action_gap = self
            .actions
            .iter()
            .any(|a| hidden(a.visibility) && highest_action.is_some_and(|top| a.id < top));
        let has_gap = |numbers: &[usize]| numbers.iter().enumerate().any(|(i, n)| *n != i + 1);
        Withheld {
            notes: !items.is_empty(),
            items,
            findings: finding_numbers.len() < self.findings.len(),
            decisions: decision_numbers.len() < self.decisions.len(),
            actions: self.actions.iter().any(|a| hidden(a.visibility)),
            harm_causer: audience != Audience::Professionals && self.has_harm_causer_details(),
            gaps: has_gap(&finding_numbers) || has_gap(&decision_numbers) || action_gap,
            finding_numbers,
            decision_numbers,
        }
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

/// The note at the top of the adult's or the part-2 copy of the record: whose copy, whether
/// something was withheld and, when numbers have gaps, the professionals' numbers of the
/// findings and decisions it keeps.
fn copy_note(audience: Audience, withheld: &Withheld) -> Extra {
    let mut note = serde_json::Map::new();
    note.insert("audience".into(), audience.key().into());
    note.insert("withheld".into(), withheld.any().into());
    if withheld.any() {
        note.insert(
            "notice".into(),
            format!("{WITHHELD} {WITHHELD_DETAIL}").into(),
        );
    }
    if withheld.gaps {
        note.insert("numbers".into(), NUMBER_GAPS.into());
        note.insert(
            "finding_numbers".into(),
            withheld.finding_numbers.clone().into(),
        );
        note.insert(
            "decision_numbers".into(),
            withheld.decision_numbers.clone().into(),
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
