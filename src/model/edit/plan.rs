//! Commands on the sections of the record that are filled in as a whole: the adult's
//! participation, outcomes and referrals, the protection plan, feedback, and review.
//! Fields a section's input does not hold, and fields of a newer version, stay.

use chrono::NaiveDate;

use super::{Changed, Entry, Refusal, replace, required, take};
use crate::model::{
    AdultOutcome, BestInterestsDecider, DesiredOutcome, FeedbackArrangement, HarmCauserOutcome,
    MentalCapacity, MspAsked, OutcomeAchieved, PersonCausingHarm, Recipient, Record, Referral,
    ReferralKind, Timestamp, ViewsGiven,
};

/// The adult's participation as a front end gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipationInput {
    /// Whether they attended; `None` until recorded.
    pub attended: Option<bool>,
    /// Why they did not attend.
    pub reason_not_attended: String,
    /// How their views reached the meeting.
    pub views_given: Vec<ViewsGiven>,
    /// Their views and wishes.
    pub views: String,
    /// SAC SG3a capacity.
    pub capacity: Option<MentalCapacity>,
    /// Who decides in their best interests.
    pub best_interests_decider: Option<BestInterestsDecider>,
    /// The decider's name.
    pub best_interests_name: String,
    /// SAC SG4a: asked about desired outcomes.
    pub msp_asked: Option<MspAsked>,
    /// The outcomes they want, in their words; whether each was met stays with its words.
    pub desired_outcomes: Vec<String>,
    /// SAC SG4a: overall, were they achieved.
    pub outcomes_achieved: Option<OutcomeAchieved>,
}

/// Outcomes and referrals as a front end gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomesInput {
    /// For the adult.
    pub for_adult: Vec<AdultOutcome>,
    /// For the person or organisation causing harm.
    pub for_person_causing_harm: Vec<HarmCauserOutcome>,
    /// "Other" outcomes.
    pub other: String,
    /// Who makes each referral; empty means no referral of that kind. A referral's note
    /// stays with its kind.
    pub referrals: Vec<(ReferralKind, String)>,
}

/// The protection plan as a front end gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    /// What the plan does.
    pub summary: String,
    /// Who coordinates it.
    pub coordinator: String,
    /// Who monitors it, and how.
    pub monitoring: String,
    /// What happens if it does not work.
    pub contingencies: Vec<String>,
    /// How it is shared.
    pub sharing: String,
}

/// Feedback arrangements as a front end gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackInput {
    /// To the adult.
    pub to_adult: FeedbackArrangement,
    /// Whom the adult contacts if they disagree.
    pub adult_disagreement_contact: String,
    /// To the referrer.
    pub to_referrer: FeedbackArrangement,
    /// To those not present.
    pub to_absent: FeedbackArrangement,
}

/// A person alleged to have caused harm, and the feedback to them and their employer, as a
/// front end gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCausingHarmInput {
    /// Who they are (required).
    pub who: String,
    /// Their employer, where relevant.
    pub employer: String,
    /// Feedback to them.
    pub feedback: FeedbackArrangement,
    /// Feedback to their employer.
    pub employer_feedback: FeedbackArrangement,
    /// Who supports them to receive it when they lack capacity.
    pub best_interests_support: String,
}

/// A section of the record that a note's or a decision's words can fill, so what was said
/// under an agenda item is not typed twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionToFill {
    /// The adult's views and wishes (participation).
    Views,
    /// What the protection plan does.
    Plan,
    /// One more contingency: what happens if the plan does not work.
    Contingency,
    /// Who coordinates the plan.
    Coordinator,
}

impl SectionToFill {
    /// Every section, in the order a chooser lists them.
    pub const ALL: [Self; 4] = [
        Self::Views,
        Self::Plan,
        Self::Contingency,
        Self::Coordinator,
    ];

    /// The section's name in a chooser.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Views => "The adult's views and wishes",
            Self::Plan => "The protection plan",
            Self::Contingency => "A contingency of the plan",
            Self::Coordinator => "The plan's coordinator",
        }
    }
}

/// Review and circulation as a front end gives them (the minutes deadline is worked out,
/// not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    /// When the plan is reviewed.
    pub review_date: Option<NaiveDate>,
    /// Whether a further conference is needed.
    pub further_conference: Option<bool>,
    /// Why (or why not).
    pub further_conference_reason: String,
    /// Who receives the minutes.
    pub circulation: Vec<Recipient>,
}

impl Record {
    /// Records how the adult took part and what they want.
    pub fn set_participation(&mut self, input: ParticipationInput, now: Timestamp) -> Changed {
        let p = &mut self.adult_participation;
        let desired = desired_outcomes(&p.desired_outcomes, input.desired_outcomes);
        let changed = [
            replace(&mut p.attended, input.attended),
            replace(&mut p.reason_not_attended, input.reason_not_attended),
            replace(&mut p.views_given, input.views_given),
            replace(&mut p.views, input.views),
            replace(&mut p.capacity, input.capacity),
            replace(&mut p.best_interests_decider, input.best_interests_decider),
            replace(&mut p.best_interests_name, input.best_interests_name),
            replace(&mut p.msp_asked, input.msp_asked),
            replace(&mut p.desired_outcomes, desired),
            replace(&mut p.outcomes_achieved, input.outcomes_achieved),
        ]
        .contains(&true);
        self.changed_at(changed, now)
    }

    /// Records the outcomes chosen and the referrals decided. Referrals whose makers are
    /// all as they were stay as they are; otherwise they are listed in the order given.
    pub fn set_outcomes(&mut self, input: OutcomesInput, now: Timestamp) -> Changed {
        let o = &mut self.outcomes;
        let maker = |kind: ReferralKind| {
            o.referrals
                .iter()
                .find(|r| r.kind == kind)
                .map_or("", |r| r.by.as_str())
        };
        let same_makers = ReferralKind::ALL.iter().all(|kind| {
            let given = input.referrals.iter().find(|(k, _)| k == kind);
            given.map_or("", |(_, by)| by.as_str()) == maker(*kind)
        });
        let referrals = if same_makers {
            o.referrals.clone()
        } else {
            input
                .referrals
                .into_iter()
                .filter(|(_, by)| !by.trim().is_empty())
                .map(|(kind, by)| Referral {
                    kind,
                    by,
                    note: o
                        .referrals
                        .iter()
                        .find(|r| r.kind == kind)
                        .map(|r| r.note.clone())
                        .unwrap_or_default(),
                })
                .collect()
        };
        let changed = [
            replace(&mut o.for_adult, input.for_adult),
            replace(
                &mut o.for_person_causing_harm,
                input.for_person_causing_harm,
            ),
            replace(&mut o.other, input.other),
            replace(&mut o.referrals, referrals),
        ]
        .contains(&true);
        self.changed_at(changed, now)
    }

    /// Records the protection plan.
    pub fn set_plan(&mut self, input: PlanInput, now: Timestamp) -> Changed {
        let p = &mut self.plan;
        let changed = [
            replace(&mut p.summary, input.summary),
            replace(&mut p.coordinator, input.coordinator),
            replace(&mut p.monitoring, input.monitoring),
            replace(&mut p.contingencies, input.contingencies),
            replace(&mut p.sharing, input.sharing),
        ]
        .contains(&true);
        self.changed_at(changed, now)
    }

    /// Records who feeds back to whom.
    pub fn set_feedback(&mut self, input: FeedbackInput, now: Timestamp) -> Changed {
        let f = &mut self.feedback;
        let changed = [
            replace(&mut f.to_adult, input.to_adult),
            replace(
                &mut f.adult_disagreement_contact,
                input.adult_disagreement_contact,
            ),
            replace(&mut f.to_referrer, input.to_referrer),
            replace(&mut f.to_absent, input.to_absent),
        ]
        .contains(&true);
        self.changed_at(changed, now)
    }

    /// Puts `text` (a note's or a decision's words) into `section`: after what it holds, on
    /// a line of its own (a coordinator after "; "; a contingency as one more), unless it
    /// holds those words already.
    ///
    /// # Errors
    /// [`Refusal::NotDraft`], [`Refusal::Blank`] for no words.
    pub fn fill_section(
        &mut self,
        section: SectionToFill,
        text: &str,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        self.draft_only()?;
        let text = text.trim();
        required(text, "The text to copy")?;
        let changed = match section {
            SectionToFill::Views => append(&mut self.adult_participation.views, text, "\n"),
            SectionToFill::Plan => append(&mut self.plan.summary, text, "\n"),
            SectionToFill::Coordinator => append(&mut self.plan.coordinator, text, "; "),
            SectionToFill::Contingency => {
                let contingencies = &mut self.plan.contingencies;
                let known = contingencies.iter().any(|c| c.trim() == text);
                if !known {
                    contingencies.push(text.to_owned());
                }
                !known
            }
        };
        Ok(self.changed_at(changed, now))
    }

    /// Records person `index` alleged to have caused harm (`None` adds one); returns where
    /// they are. Given as they are, nothing changes; otherwise who they are is required.
    /// Fields of a newer version stay.
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::Blank`] without who they are.
    pub fn set_person_causing_harm(
        &mut self,
        index: Option<usize>,
        input: PersonCausingHarmInput,
        now: Timestamp,
    ) -> Result<(usize, Changed), Refusal> {
        let people = &self.feedback.people_causing_harm;
        let before = match index {
            Some(i) => Some(
                people
                    .get(i)
                    .ok_or(Refusal::Missing(Entry::PersonCausingHarm(i)))?,
            ),
            None => None,
        };
        let person = PersonCausingHarm {
            who: input.who,
            employer: input.employer,
            feedback: input.feedback,
            employer_feedback: input.employer_feedback,
            best_interests_support: input.best_interests_support,
            extra: before.map(|b| b.extra.clone()).unwrap_or_default(),
        };
        if let (Some(i), Some(before)) = (index, before)
            && *before == person
        {
            return Ok((i, Changed::No));
        }
        required(&person.who, "Who they are")?;
        let people = &mut self.feedback.people_causing_harm;
        let at = match index {
            Some(i) => {
                people[i] = person;
                i
            }
            None => {
                people.push(person);
                people.len() - 1
            }
        };
        self.touch(now);
        Ok((at, Changed::Yes))
    }

    /// Removes person `index` alleged to have caused harm; returns them.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn remove_person_causing_harm(
        &mut self,
        index: usize,
        now: Timestamp,
    ) -> Result<PersonCausingHarm, Refusal> {
        let people = &mut self.feedback.people_causing_harm;
        let removed = take(people, index, Entry::PersonCausingHarm(index))?;
        self.touch(now);
        Ok(removed)
    }

    /// Records the review date, the further-conference decision and the circulation list.
    pub fn set_review(&mut self, input: ReviewInput, now: Timestamp) -> Changed {
        let r = &mut self.review;
        let changed = [
            replace(&mut r.review_date, input.review_date),
            replace(&mut r.further_conference, input.further_conference),
            replace(
                &mut r.further_conference_reason,
                input.further_conference_reason,
            ),
            replace(&mut r.circulation, input.circulation),
        ]
        .contains(&true);
        self.changed_at(changed, now)
    }
}

/// Adds `text` to `slot` after `separator` (alone when `slot` is blank) unless `slot`
/// holds it already; whether it did.
fn append(slot: &mut String, text: &str, separator: &str) -> bool {
    if slot.contains(text) {
        false
    } else if slot.trim().is_empty() {
        *slot = text.to_owned();
        true
    } else {
        *slot = format!("{}{separator}{text}", slot.trim_end());
        true
    }
}

/// The desired outcomes with `texts`: each keeps whether it was met from an earlier outcome
/// with the same words (each earlier one used once).
fn desired_outcomes(before: &[DesiredOutcome], texts: Vec<String>) -> Vec<DesiredOutcome> {
    let mut unused: Vec<&DesiredOutcome> = before.iter().collect();
    texts
        .into_iter()
        .map(|text| {
            let achieved = unused
                .iter()
                .position(|o| o.text == text)
                .and_then(|i| unused.remove(i).achieved);
            DesiredOutcome { text, achieved }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;

    fn participation(outcomes: &[&str]) -> ParticipationInput {
        ParticipationInput {
            attended: Some(false),
            reason_not_attended: "Unwell".to_owned(),
            views_given: vec![ViewsGiven::InWriting],
            views: "Stay at home".to_owned(),
            capacity: None,
            best_interests_decider: None,
            best_interests_name: String::new(),
            msp_asked: Some(MspAsked::AskedExpressed),
            desired_outcomes: outcomes.iter().map(|s| (*s).to_owned()).collect(),
            outcomes_achieved: None,
        }
    }

    #[test]
    fn desired_outcomes_keep_whether_they_were_met_with_their_words() {
        let mut record = record();
        let input = participation(&["Stay at home", "Same carers"]);
        assert_eq!(
            record.set_participation(input.clone(), at("10:00")),
            Changed::Yes
        );
        record.adult_participation.desired_outcomes[1].achieved = Some(OutcomeAchieved::Fully);
        record.adult_participation.capacity_supported = Some(true);
        let before = record.clone();
        assert_eq!(record.set_participation(input, at("10:01")), Changed::No);
        assert_eq!(record, before);
        let reordered = participation(&["Same carers", "Stay at home", "See her daughter"]);
        assert_eq!(
            record.set_participation(reordered, at("10:02")),
            Changed::Yes
        );
        let p = &record.adult_participation;
        let achieved: Vec<Option<OutcomeAchieved>> =
            p.desired_outcomes.iter().map(|o| o.achieved).collect();
        assert_eq!(achieved, [Some(OutcomeAchieved::Fully), None, None]);
        assert_eq!(p.capacity_supported, Some(true), "not in the input: kept");
        assert_eq!(record.updated_at, at("10:02"));
    }

    fn outcomes(referrals: &[(ReferralKind, &str)]) -> OutcomesInput {
        OutcomesInput {
            for_adult: vec![AdultOutcome::IncreasedMonitoring],
            for_person_causing_harm: Vec::new(),
            other: String::new(),
            referrals: ReferralKind::ALL
                .iter()
                .map(|kind| {
                    let by = referrals
                        .iter()
                        .find(|(k, _)| k == kind)
                        .map_or("", |(_, b)| b);
                    (*kind, by.to_owned())
                })
                .collect(),
        }
    }

    #[test]
    fn referrals_keep_their_notes_and_an_unchanged_list_its_order() {
        let mut record = record();
        let input = outcomes(&[(ReferralKind::Police, "JS"), (ReferralKind::Cqc, "PN")]);
        let _ = record.set_outcomes(input.clone(), at("10:00"));
        let kinds: Vec<ReferralKind> = record.outcomes.referrals.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [ReferralKind::Cqc, ReferralKind::Police],
            "in the order given"
        );
        record.outcomes.referrals.reverse();
        record.outcomes.referrals[0].note = "Crime ref 123".to_owned();
        let before = record.clone();
        assert_eq!(record.set_outcomes(input, at("10:01")), Changed::No);
        assert_eq!(record, before);
        let changed = outcomes(&[(ReferralKind::Police, "JS"), (ReferralKind::Dbs, "PN")]);
        assert_eq!(record.set_outcomes(changed, at("10:02")), Changed::Yes);
        let referrals = &record.outcomes.referrals;
        assert_eq!(referrals.len(), 2);
        assert_eq!(referrals[0].kind, ReferralKind::Dbs);
        assert_eq!(referrals[1].note, "Crime ref 123");
    }

    #[test]
    fn sections_change_only_what_differs() {
        let mut record = record();
        let plan = PlanInput {
            summary: "Daily visits".to_owned(),
            coordinator: "AO".to_owned(),
            monitoring: String::new(),
            contingencies: vec!["Respite".to_owned()],
            sharing: String::new(),
        };
        assert_eq!(record.set_plan(plan.clone(), at("10:00")), Changed::Yes);
        assert_eq!(record.set_plan(plan, at("10:01")), Changed::No);
        let arrangement = |by: &str| FeedbackArrangement {
            by: by.to_owned(),
            what: String::new(),
        };
        let feedback = FeedbackInput {
            to_adult: arrangement("ST"),
            adult_disagreement_contact: "PN".to_owned(),
            to_referrer: arrangement("AO"),
            to_absent: arrangement(""),
        };
        assert_eq!(
            record.set_feedback(feedback.clone(), at("10:02")),
            Changed::Yes
        );
        assert_eq!(record.set_feedback(feedback, at("10:03")), Changed::No);
        let minutes_due = record.review.minutes_due;
        let review = ReviewInput {
            review_date: NaiveDate::from_ymd_opt(2027, 1, 4),
            further_conference: Some(false),
            further_conference_reason: String::new(),
            circulation: vec![Recipient::parse("Jane Smith, Police").unwrap()],
        };
        assert_eq!(record.set_review(review.clone(), at("10:04")), Changed::Yes);
        assert_eq!(record.set_review(review, at("10:05")), Changed::No);
        assert_eq!(record.review.minutes_due, minutes_due);
        assert_eq!(record.updated_at, at("10:04"));
    }

    fn person(who: &str, by: &str) -> PersonCausingHarmInput {
        PersonCausingHarmInput {
            who: who.to_owned(),
            employer: String::new(),
            feedback: FeedbackArrangement {
                by: by.to_owned(),
                what: String::new(),
            },
            employer_feedback: FeedbackArrangement::default(),
            best_interests_support: String::new(),
        }
    }

    #[test]
    fn each_person_alleged_to_have_caused_harm_has_an_entry_of_their_own() {
        let mut record = record();
        let son = person("Her son", "JS");
        assert_eq!(
            record.set_person_causing_harm(None, son.clone(), at("10:00")),
            Ok((0, Changed::Yes))
        );
        let worker = PersonCausingHarmInput {
            employer: "Oakfield Home Care".to_owned(),
            employer_feedback: FeedbackArrangement {
                by: "PN".to_owned(),
                what: "Letter".to_owned(),
            },
            ..person("Care worker", "PN")
        };
        assert_eq!(
            record.set_person_causing_harm(None, worker, at("10:01")),
            Ok((1, Changed::Yes))
        );
        assert_eq!(
            record.set_person_causing_harm(Some(0), son, at("10:02")),
            Ok((0, Changed::No))
        );
        assert_eq!(record.updated_at, at("10:01"));
        let people = &record.feedback.people_causing_harm;
        assert_eq!(people[1].employer, "Oakfield Home Care");
        assert_eq!(
            record.set_person_causing_harm(None, person(" ", "JS"), at("10:03")),
            Err(Refusal::Blank("Who they are"))
        );
        assert_eq!(
            record.set_person_causing_harm(Some(5), person("X", ""), at("10:03")),
            Err(Refusal::Missing(Entry::PersonCausingHarm(5)))
        );
        let removed = record.remove_person_causing_harm(0, at("10:04")).unwrap();
        assert_eq!(removed.who, "Her son");
        assert_eq!(record.feedback.people_causing_harm[0].who, "Care worker");
    }

    #[test]
    fn a_notes_words_fill_a_section_once() {
        let mut record = record();
        let fill = |record: &mut Record, section, text: &str, time: &str| {
            record.fill_section(section, text, at(time))
        };
        use SectionToFill::{Contingency, Coordinator, Plan, Views};
        assert_eq!(
            fill(&mut record, Views, " Stay at home ", "10:00"),
            Ok(Changed::Yes)
        );
        assert_eq!(
            fill(&mut record, Views, "Stay at home", "10:01"),
            Ok(Changed::No)
        );
        assert_eq!(
            fill(&mut record, Views, "Same carers", "10:02"),
            Ok(Changed::Yes)
        );
        assert_eq!(
            record.adult_participation.views,
            "Stay at home\nSame carers"
        );
        assert_eq!(
            fill(&mut record, Plan, "Daily visits", "10:03"),
            Ok(Changed::Yes)
        );
        assert_eq!(record.plan.summary, "Daily visits");
        assert_eq!(
            fill(&mut record, Contingency, "Respite", "10:04"),
            Ok(Changed::Yes)
        );
        assert_eq!(
            fill(&mut record, Contingency, "Respite", "10:05"),
            Ok(Changed::No)
        );
        assert_eq!(record.plan.contingencies, ["Respite"]);
        assert_eq!(
            fill(&mut record, Coordinator, "AO", "10:06"),
            Ok(Changed::Yes)
        );
        assert_eq!(
            fill(&mut record, Coordinator, "CD", "10:07"),
            Ok(Changed::Yes)
        );
        assert_eq!(record.plan.coordinator, "AO; CD");
        assert_eq!(record.updated_at, at("10:07"));
        assert_eq!(
            fill(&mut record, Plan, "  ", "10:08"),
            Err(Refusal::Blank("The text to copy"))
        );
    }
}
