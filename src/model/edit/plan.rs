//! Commands on the sections of the record that are filled in as a whole: the adult's
//! participation, outcomes and referrals, the protection plan, feedback, and review.
//! Fields a section's input does not hold, and fields of a newer version, stay.

use chrono::NaiveDate;

use super::{Changed, replace};
use crate::model::{
    AdultOutcome, BestInterestsDecider, DesiredOutcome, FeedbackArrangement, HarmCauserOutcome,
    MentalCapacity, MspAsked, OutcomeAchieved, Recipient, Record, Referral, ReferralKind,
    Timestamp, ViewsGiven,
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
    /// To the person alleged to have caused harm.
    pub to_person_causing_harm: FeedbackArrangement,
    /// To their employer.
    pub to_employer: FeedbackArrangement,
    /// To the referrer.
    pub to_referrer: FeedbackArrangement,
    /// To those not present.
    pub to_absent: FeedbackArrangement,
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
            replace(&mut f.to_person_causing_harm, input.to_person_causing_harm),
            replace(&mut f.to_employer, input.to_employer),
            replace(&mut f.to_referrer, input.to_referrer),
            replace(&mut f.to_absent, input.to_absent),
        ]
        .contains(&true);
        self.changed_at(changed, now)
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
            to_person_causing_harm: arrangement(""),
            to_employer: arrangement(""),
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
}
