//! A record with a unique marker in every text field of every entry, to prove what each copy
//! of the minutes holds: `hidden` markers in every professionals-only and restricted entry
//! (and in everything about the person alleged to have caused harm), `shown` markers in
//! entries visible to all.

use minutes::model::{
    AbuseType, ActionStatus, Decision, Dissent, Extra, FeedbackArrangement, Finding,
    PersonCausingHarm, Record, Referral, ReferralKind, Visibility,
};

use super::{action, at, note, typical_record};

/// Hands out unique markers: alphanumeric so no escaping touches them, short so no table
/// column is narrow enough to break them.
pub struct Markers {
    prefix: &'static str,
    /// Every marker handed out, in order.
    pub made: Vec<String>,
}

impl Markers {
    /// Markers `PREFIX000`, `PREFIX001`...
    pub fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            made: Vec::new(),
        }
    }

    /// A fresh marker.
    pub fn next(&mut self) -> String {
        let marker = format!("{}{:03}", self.prefix, self.made.len());
        self.made.push(marker.clone());
        marker
    }

    /// `text` with a fresh marker in the middle, so markers are tested inside real prose.
    pub fn mark(&mut self, text: &str) -> String {
        format!("{} {} end", text, self.next())
    }
}

/// The typical record plus a note, finding, decision (with dissent) and cancelled action of
/// each visibility, with every text field of every note, finding, decision and action marked
/// by its visibility, and the feedback and referrals about the person alleged to have caused
/// harm marked `hidden`.
pub fn marked_record(hidden: &mut Markers, shown: &mut Markers) -> Record {
    let mut sets = [
        std::mem::replace(shown, Markers::new("")),
        std::mem::replace(hidden, Markers::new("")),
    ];
    let record = marked(&mut sets, |kind| usize::from(kind != Kind::Shown));
    let [s, h] = sets;
    *shown = s;
    *hidden = h;
    record
}

/// What a marked field is, for [`marked_by_kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// In an entry visible to all.
    Shown,
    /// In a professionals-only (part 1) entry.
    PartOne,
    /// In a restricted entry.
    Restricted,
    /// About the person alleged to have caused harm.
    HarmCauser,
}

/// [`marked_record`] with a set of markers per [`Kind`], in the order `Shown`, `PartOne`,
/// `Restricted`, `HarmCauser`: so a leak says which kind of field it came from.
#[allow(dead_code)]
pub fn marked_by_kind(sets: &mut [Markers; 4]) -> Record {
    marked(sets, |kind| match kind {
        Kind::Shown => 0,
        Kind::PartOne => 1,
        Kind::Restricted => 2,
        Kind::HarmCauser => 3,
    })
}

const fn kind_of(visibility: Visibility) -> Kind {
    match visibility {
        Visibility::All => Kind::Shown,
        Visibility::ProfessionalsOnly => Kind::PartOne,
        Visibility::Restricted => Kind::Restricted,
    }
}

/// The marked record, each field marked from `sets[set(kind)]`.
fn marked(sets: &mut [Markers], set: impl Fn(Kind) -> usize) -> Record {
    let mut record = typical_record();
    for (index, visibility) in [
        (1, Visibility::ProfessionalsOnly),
        (2, Visibility::Restricted),
        (3, Visibility::All),
    ] {
        add_one_of_each(&mut record, index, visibility);
    }
    for item in &mut record.agenda {
        for n in &mut item.notes {
            let m = &mut sets[set(kind_of(n.visibility))];
            n.text = m.mark(&n.text);
            if n.speaker.is_some() {
                n.speaker = Some(m.next());
            }
        }
    }
    for f in &mut record.findings {
        let m = &mut sets[set(kind_of(f.visibility))];
        f.allegation = m.mark(&f.allegation);
        f.rationale = m.mark(&f.rationale);
    }
    for d in &mut record.decisions {
        let m = &mut sets[set(kind_of(d.visibility))];
        d.text = m.mark(&d.text);
        d.rationale = m.mark(&d.rationale);
        if let Some(dissent) = &mut d.dissent {
            dissent.who = m.next();
            dissent.reason = m.mark(&dissent.reason);
        }
    }
    for a in &mut record.actions {
        let m = &mut sets[set(kind_of(a.visibility))];
        a.text = m.mark(&a.text);
        a.owner = m.next();
        a.agency = m.next();
        if !a.status_note.is_empty() {
            a.status_note = m.mark(&a.status_note);
        }
    }
    // What concerns the person alleged to have caused harm is professionals-only (`004` §6.1).
    let harm = &mut sets[set(Kind::HarmCauser)];
    record.feedback.people_causing_harm = vec![PersonCausingHarm {
        who: harm.mark("PachWho"),
        employer: harm.mark("PachEmployer"),
        feedback: FeedbackArrangement {
            by: harm.mark("PachFeedbackBy"),
            what: harm.mark("PachFeedbackWhat"),
        },
        employer_feedback: FeedbackArrangement {
            by: harm.mark("EmployerFeedbackBy"),
            what: harm.mark("EmployerFeedbackWhat"),
        },
        best_interests_support: harm.mark("PachSupport"),
        extra: Extra::new(),
    }];
    record.outcomes.referrals.push(Referral {
        kind: ReferralKind::Dbs,
        by: harm.mark("ReferralBy"),
        note: harm.mark("ReferralNote"),
    });
    record.feedback.to_referrer.what = sets[set(Kind::Shown)].mark("ReferrerFeedback");
    record
}

/// A note (with a speaker), a finding, a decision with dissent and a cancelled action with a
/// status note, all of `visibility`, under agenda item `index`; texts are marked afterwards.
fn add_one_of_each(record: &mut Record, index: usize, visibility: Visibility) {
    let key = record.agenda[index].key.clone();
    record.agenda[index]
        .notes
        .push(note("10:45", Some("PN"), "Note text", visibility));
    record.findings.push(Finding {
        allegation: "Allegation".to_owned(),
        abuse_type: Some(AbuseType::Psychological),
        location: None,
        source: None,
        finding: None,
        result: None,
        risk_outcome: None,
        rationale: "Rationale".to_owned(),
        agenda_key: key.clone(),
        at: at("10:50"),
        visibility,
        extra: Extra::new(),
    });
    record.decisions.push(Decision {
        text: "Decision".to_owned(),
        rationale: "Reasoning".to_owned(),
        agenda_key: key.clone(),
        at: at("10:55"),
        dissent: Some(Dissent {
            who: String::new(),
            reason: "Because".to_owned(),
        }),
        visibility,
        extra: Extra::new(),
    });
    let id = record.actions.iter().map(|a| a.id).max().unwrap_or(0) + 1;
    let mut a = action(id, "Action", "", "", "2026-12-01", &key);
    a.status = ActionStatus::Cancelled;
    a.status_note = "Cancelled".to_owned();
    a.visibility = visibility;
    record.actions.push(a);
}
