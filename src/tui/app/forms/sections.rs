//! The forms of the plan pane's sections: the adult's participation, outcomes and
//! referrals, the protection plan, feedback, and review and circulation.

use super::Saved;
use crate::model::{
    AdultOutcome, BestInterestsDecider, FeedbackArrangement, FeedbackInput, HarmCauserOutcome,
    MentalCapacity, MspAsked, OutcomeAchieved, OutcomesInput, ParticipationInput, PlanInput,
    Recipient, Record, ReferralKind, ReviewInput, ViewsGiven,
};
use crate::tui::app::{LiveScreen, PLAN_SECTIONS};
use crate::tui::form::{
    ChoiceField, DateField, Form, LinesField, TextField, TicksField, YesNoField,
};

/// One typed line as itself.
#[allow(clippy::unnecessary_wraps)]
fn line(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// The adult's participation form's fields.
#[derive(Debug)]
pub struct ParticipationForm {
    attended: YesNoField,
    reason: TextField,
    views_given: TicksField<ViewsGiven>,
    views: TextField,
    capacity: ChoiceField<MentalCapacity>,
    decider: ChoiceField<BestInterestsDecider>,
    decider_name: TextField,
    msp_asked: ChoiceField<MspAsked>,
    desired: LinesField<String>,
    achieved: ChoiceField<OutcomeAchieved>,
}

impl ParticipationForm {
    /// The form on `record`'s participation section.
    #[must_use]
    pub fn open(record: &Record) -> (Form, Self) {
        let p = &record.adult_participation;
        let desired: Vec<String> = p.desired_outcomes.iter().map(|o| o.text.clone()).collect();
        let mut form = Form::new(PLAN_SECTIONS[0]);
        let fields = Self {
            attended: form.add_yes_no("The adult attended", p.attended).handle(),
            reason: form
                .add_long_text("Why not", &p.reason_not_attended)
                .hint("required when the adult did not attend")
                .handle(),
            views_given: form
                .add_ticks("Views given", ViewsGiven::ALL, &p.views_given)
                .handle(),
            views: form
                .add_long_text("Their views and wishes", &p.views)
                .handle(),
            capacity: form
                .add_choice("Mental capacity", MentalCapacity::ALL, p.capacity)
                .handle(),
            decider: form
                .add_choice(
                    "Best-interests decider",
                    BestInterestsDecider::ALL,
                    p.best_interests_decider,
                )
                .handle(),
            decider_name: form
                .add_text("Decider's name", &p.best_interests_name)
                .handle(),
            msp_asked: form
                .add_choice("Asked about outcomes (MSP)", MspAsked::ALL, p.msp_asked)
                .handle(),
            desired: form
                .add_lines("Desired outcomes", &desired, line)
                .hint("in their words, one per line (Ctrl-J)")
                .handle(),
            achieved: form
                .add_choice("Outcomes met", OutcomeAchieved::ALL, p.outcomes_achieved)
                .handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> ParticipationInput {
        ParticipationInput {
            attended: self.attended.read(form),
            reason_not_attended: self.reason.read(form),
            views_given: self.views_given.read(form),
            views: self.views.read(form),
            capacity: self.capacity.read(form),
            best_interests_decider: self.decider.read(form),
            best_interests_name: self.decider_name.read(form),
            msp_asked: self.msp_asked.read(form),
            desired_outcomes: self.desired.read(form),
            outcomes_achieved: self.achieved.read(form),
        }
    }

    /// Records the section; says when the reason for not attending is still missing.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let changed = screen.record.set_participation(self.read(form), screen.now);
        let said = if screen.record.adult_participation.missing_absence_reason() {
            "Saved. The reason the adult did not attend must be recorded before the meeting closes"
        } else {
            "The adult's participation saved"
        };
        Ok((changed, said.to_owned()))
    }
}

/// The outcomes form's fields.
#[derive(Debug)]
pub struct OutcomesForm {
    for_adult: TicksField<AdultOutcome>,
    for_person_causing_harm: TicksField<HarmCauserOutcome>,
    other: TextField,
    referrals: Vec<(ReferralKind, TextField)>,
}

impl OutcomesForm {
    /// The form on `record`'s outcomes and referrals: one line per kind of referral.
    #[must_use]
    pub fn open(record: &Record) -> (Form, Self) {
        let o = &record.outcomes;
        let mut form = Form::new(PLAN_SECTIONS[1]);
        let for_adult = form
            .add_ticks("For the adult", AdultOutcome::ALL, &o.for_adult)
            .handle();
        let for_person_causing_harm = form
            .add_ticks(
                "For the person or organisation causing harm",
                HarmCauserOutcome::ALL,
                &o.for_person_causing_harm,
            )
            .handle();
        let other = form.add_text("Other outcome", &o.other).handle();
        let referrals = ReferralKind::ALL
            .iter()
            .map(|kind| {
                let by = o
                    .referrals
                    .iter()
                    .find(|r| r.kind == *kind)
                    .map_or("", |r| r.by.as_str());
                let field = form
                    .add_text(&format!("Referral: {}", kind.label()), by)
                    .hint("who makes it; empty = no referral")
                    .handle();
                (*kind, field)
            })
            .collect();
        let fields = Self {
            for_adult,
            for_person_causing_harm,
            other,
            referrals,
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> OutcomesInput {
        OutcomesInput {
            for_adult: self.for_adult.read(form),
            for_person_causing_harm: self.for_person_causing_harm.read(form),
            other: self.other.read(form),
            referrals: self
                .referrals
                .iter()
                .map(|(kind, by)| (*kind, by.read(form)))
                .collect(),
        }
    }

    /// Records the section.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let changed = screen.record.set_outcomes(self.read(form), screen.now);
        Ok((changed, "Outcomes and referrals saved".to_owned()))
    }
}

/// The protection plan form's fields.
#[derive(Debug)]
pub struct PlanForm {
    summary: TextField,
    coordinator: TextField,
    monitoring: TextField,
    contingencies: LinesField<String>,
    sharing: TextField,
}

impl PlanForm {
    /// The form on `record`'s protection plan.
    #[must_use]
    pub fn open(record: &Record) -> (Form, Self) {
        let p = &record.plan;
        let mut form = Form::new(PLAN_SECTIONS[2]);
        let fields = Self {
            summary: form
                .add_long_text("Plan", &p.summary)
                .hint("actions for the adult's safety and support; not actions against the person causing harm")
                .handle(),
            coordinator: form.add_text("Coordinator", &p.coordinator).handle(),
            monitoring: form.add_text("Monitored by", &p.monitoring).handle(),
            contingencies: form
                .add_lines("Contingencies", &p.contingencies, line)
                .hint("what happens if the plan does not work: one per line (Ctrl-J)")
                .handle(),
            sharing: form.add_long_text("How it is shared", &p.sharing).handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> PlanInput {
        PlanInput {
            summary: self.summary.read(form),
            coordinator: self.coordinator.read(form),
            monitoring: self.monitoring.read(form),
            contingencies: self.contingencies.read(form),
            sharing: self.sharing.read(form),
        }
    }

    /// Records the section.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let changed = screen.record.set_plan(self.read(form), screen.now);
        Ok((changed, "Protection plan saved".to_owned()))
    }
}

/// Who gives one kind of feedback, and what.
#[derive(Debug)]
pub(super) struct ArrangementFields {
    by: TextField,
    what: TextField,
}

impl ArrangementFields {
    /// The two fields, "`label`: by" and "`label`: what"; `long` gives "what" several lines.
    pub(super) fn open(
        form: &mut Form,
        label: &str,
        arrangement: &FeedbackArrangement,
        long: bool,
    ) -> Self {
        let by = form
            .add_text(&format!("{label}: by"), &arrangement.by)
            .handle();
        let what_label = format!("{label}: what");
        let what = if long {
            form.add_long_text(&what_label, &arrangement.what).handle()
        } else {
            form.add_text(&what_label, &arrangement.what).handle()
        };
        Self { by, what }
    }

    pub(super) fn read(&self, form: &Form) -> FeedbackArrangement {
        FeedbackArrangement {
            by: self.by.read(form),
            what: self.what.read(form),
        }
    }
}

/// The feedback form's fields.
#[derive(Debug)]
pub struct FeedbackForm {
    to_adult: ArrangementFields,
    to_referrer: ArrangementFields,
    to_absent: ArrangementFields,
    disagreement_contact: TextField,
}

impl FeedbackForm {
    /// The form on `record`'s feedback arrangements; those to the people alleged to have
    /// caused harm are a section of their own.
    #[must_use]
    pub fn open(record: &Record) -> (Form, Self) {
        let f = &record.feedback;
        let mut form = Form::new(PLAN_SECTIONS[3]);
        let fields = Self {
            to_adult: ArrangementFields::open(&mut form, "To the adult", &f.to_adult, false),
            to_referrer: ArrangementFields::open(
                &mut form,
                "To the referrer",
                &f.to_referrer,
                false,
            ),
            to_absent: ArrangementFields::open(
                &mut form,
                "To those not present",
                &f.to_absent,
                false,
            ),
            disagreement_contact: form
                .add_text(
                    "If the adult disagrees, they contact",
                    &f.adult_disagreement_contact,
                )
                .handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> FeedbackInput {
        FeedbackInput {
            to_adult: self.to_adult.read(form),
            adult_disagreement_contact: self.disagreement_contact.read(form),
            to_referrer: self.to_referrer.read(form),
            to_absent: self.to_absent.read(form),
        }
    }

    /// Records the section.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let changed = screen.record.set_feedback(self.read(form), screen.now);
        Ok((changed, "Feedback arrangements saved".to_owned()))
    }
}

/// The review form's fields.
#[derive(Debug)]
pub struct ReviewForm {
    review_date: DateField,
    further: YesNoField,
    further_reason: TextField,
    circulation: LinesField<Recipient>,
}

impl ReviewForm {
    /// The form on `record`'s review and circulation; the hint says when the minutes are
    /// due.
    #[must_use]
    pub fn open(record: &Record) -> (Form, Self) {
        let r = &record.review;
        let due = r.minutes_due.map_or_else(
            || "one per line: name, agency".to_owned(),
            |d| format!("minutes due {}", d.format("%a %-d %b %Y")),
        );
        let mut form = Form::new(PLAN_SECTIONS[4]);
        let fields = Self {
            review_date: form
                .add_date("Review date", r.review_date)
                .hint("e.g. +6w, 3 Mar, 2027-03-03")
                .handle(),
            further: form
                .add_yes_no("Further conference", r.further_conference)
                .handle(),
            further_reason: form
                .add_long_text("Why", &r.further_conference_reason)
                .handle(),
            circulation: form
                .add_lines("Circulation", &r.circulation, Recipient::parse)
                .hint(&due)
                .handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> ReviewInput {
        ReviewInput {
            review_date: self.review_date.read(form),
            further_conference: self.further.read(form),
            further_conference_reason: self.further_reason.read(form),
            circulation: self.circulation.read(form),
        }
    }

    /// Records the section.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let changed = screen.record.set_review(self.read(form), screen.now);
        Ok((changed, "Review and circulation saved".to_owned()))
    }
}
