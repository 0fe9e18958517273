//! The forms of the entries made during the meeting: findings, decisions, actions.

use super::Saved;
use crate::model::{
    AbuseType, ActionInput, ActionItem, ActionStatus, Attendee, BalanceFinding, Changed,
    DecisionInput, EnquiryResult, FindingInput, Record, RiskLocation, RiskOutcome, RiskSource,
    Visibility,
};
use crate::people::{PersonMatch, match_person};
use crate::tui::app::LiveScreen;
use crate::tui::form::{ChoiceField, DateField, FlagField, Form, TextField};

/// The finding form's fields; `index` is the finding edited, `None` for a new one.
#[derive(Debug)]
pub struct FindingForm {
    index: Option<usize>,
    allegation: TextField,
    abuse_type: ChoiceField<AbuseType>,
    location: ChoiceField<RiskLocation>,
    source: ChoiceField<RiskSource>,
    finding: ChoiceField<BalanceFinding>,
    result: ChoiceField<EnquiryResult>,
    risk_outcome: ChoiceField<RiskOutcome>,
    rationale: TextField,
    restricted: FlagField,
}

impl FindingForm {
    /// The form on finding `index` of `record`, or an empty one to add a finding.
    #[must_use]
    pub fn open(index: Option<usize>, record: &Record) -> (Form, Self) {
        let f = index.and_then(|i| record.findings.get(i));
        let title = if f.is_some() {
            "Edit finding"
        } else {
            "Add finding (one per allegation)"
        };
        let mut form = Form::new(title);
        let fields = Self {
            index: index.filter(|_| f.is_some()),
            allegation: form
                .add_long_text("Allegation", f.map_or("", |f| &f.allegation))
                .required()
                .handle(),
            abuse_type: form
                .add_choice("Type of risk", AbuseType::ALL, f.and_then(|f| f.abuse_type))
                .handle(),
            location: form
                .add_choice(
                    "Location of risk",
                    RiskLocation::ALL,
                    f.and_then(|f| f.location),
                )
                .handle(),
            source: form
                .add_choice("Source of risk", RiskSource::ALL, f.and_then(|f| f.source))
                .handle(),
            finding: form
                .add_choice(
                    "Finding (balance of probabilities)",
                    BalanceFinding::ALL,
                    f.and_then(|f| f.finding),
                )
                .handle(),
            result: form
                .add_choice(
                    "Result of the enquiry",
                    EnquiryResult::ALL,
                    f.and_then(|f| f.result),
                )
                .handle(),
            risk_outcome: form
                .add_choice(
                    "Risk outcome",
                    RiskOutcome::ALL,
                    f.and_then(|f| f.risk_outcome),
                )
                .hint("only where a risk was identified")
                .handle(),
            rationale: form
                .add_long_text("Rationale", f.map_or("", |f| &f.rationale))
                .hint("the evidence and reasoning; needed before the findings item is done")
                .handle(),
            restricted: form
                .add_flag("Restricted", f.is_some_and(|f| restricted(f.visibility)))
                .handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> FindingInput {
        FindingInput {
            allegation: self.allegation.read(form),
            abuse_type: self.abuse_type.read(form),
            location: self.location.read(form),
            source: self.source.read(form),
            finding: self.finding.read(form),
            result: self.result.read(form),
            risk_outcome: self.risk_outcome.read(form),
            rationale: self.rationale.read(form),
            restricted: self.restricted.read(form),
        }
    }

    /// Adds (under the item being minuted) or edits the finding; says what it still lacks.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let input = self.read(form);
        let (index, changed) = match self.index {
            Some(index) => (index, screen.record.edit_finding(index, input, screen.now)?),
            None => {
                let index = screen
                    .record
                    .add_finding(input, screen.current, screen.now)?;
                screen.selected.findings = index;
                (index, Changed::Yes)
            }
        };
        let gaps = screen.record.findings[index].gaps();
        let said = if gaps.is_empty() {
            format!("Finding {} saved", index + 1)
        } else {
            format!("Finding {} saved; still: {}", index + 1, gaps.join(", "))
        };
        Ok((changed, said))
    }
}

/// The decision form's fields; `index` is the decision edited, `None` for a new one.
#[derive(Debug)]
pub struct DecisionForm {
    index: Option<usize>,
    text: TextField,
    rationale: TextField,
    dissent_who: TextField,
    dissent_reason: TextField,
    restricted: FlagField,
}

impl DecisionForm {
    /// The form on decision `index` of `record`, or an empty one to add a decision.
    #[must_use]
    pub fn open(index: Option<usize>, record: &Record) -> (Form, Self) {
        let d = index.and_then(|i| record.decisions.get(i));
        let title = if d.is_some() {
            "Edit decision"
        } else {
            "Add decision"
        };
        let dissent = d.and_then(|d| d.dissent.as_ref());
        let mut form = Form::new(title);
        let fields = Self {
            index: index.filter(|_| d.is_some()),
            text: form
                .add_long_text("Decision", d.map_or("", |d| &d.text))
                .required()
                .handle(),
            rationale: form
                .add_long_text("How it was reached", d.map_or("", |d| &d.rationale))
                .hint("the reasons and the evidence")
                .handle(),
            dissent_who: form
                .add_text("Disagreed", dissent.map_or("", |x| &x.who))
                .hint("who disagreed, if anyone")
                .handle(),
            dissent_reason: form
                .add_text("Their reason", dissent.map_or("", |x| &x.reason))
                .handle(),
            restricted: form
                .add_flag("Restricted", d.is_some_and(|d| restricted(d.visibility)))
                .handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> DecisionInput {
        DecisionInput {
            text: self.text.read(form),
            rationale: self.rationale.read(form),
            dissent_who: self.dissent_who.read(form),
            dissent_reason: self.dissent_reason.read(form),
            restricted: self.restricted.read(form),
        }
    }

    /// Adds (under the item being minuted) or edits the decision.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let input = self.read(form);
        let record = &mut screen.record;
        let (index, changed) = match self.index {
            Some(index) => (index, record.edit_decision(index, input, screen.now)?),
            None => {
                let index = record.add_decision(input, screen.current, screen.now)?;
                screen.selected.findings = record.findings.len() + index;
                (index, Changed::Yes)
            }
        };
        Ok((changed, format!("Decision {} saved", index + 1)))
    }
}

/// The action form's fields; `index` is the action edited, `None` for a new one.
#[derive(Debug)]
pub struct ActionForm {
    index: Option<usize>,
    text: TextField,
    owner: TextField,
    agency: TextField,
    due: DateField,
    status: ChoiceField<ActionStatus>,
    status_note: TextField,
    restricted: FlagField,
}

impl ActionForm {
    /// The form on `action`: action `index`, or a new one not yet in the record.
    #[must_use]
    pub fn open(index: Option<usize>, action: &ActionItem, attendees: &[Attendee]) -> (Form, Self) {
        let mut form = Form::new(&format!("Action #{}", action.id));
        let owner_hint = super::people_hint(attendees, "initials, a name, a role or an agency");
        let fields = Self {
            index,
            text: form.add_text("Action", &action.text).required().handle(),
            owner: form
                .add_text("Owner", &action.owner)
                .hint(&owner_hint)
                .handle(),
            agency: form.add_text("Agency", &action.agency).handle(),
            due: form
                .add_date("Due", action.due)
                .hint("e.g. fri, 3 Dec, +2w, in 10 working days")
                .handle(),
            status: form
                .add_choice("Status", ActionStatus::ALL, Some(action.status))
                .handle(),
            status_note: form
                .add_text("Status note", &action.status_note)
                .hint("why it was cancelled, or left open at review")
                .handle(),
            restricted: form
                .add_flag("Restricted", restricted(action.visibility))
                .handle(),
        };
        (form, fields)
    }

    /// The action as typed; the status note counts as given only when it was changed, so a
    /// new status without a new note clears the note that explained the old one.
    fn read(&self, form: &Form) -> ActionInput {
        ActionInput {
            text: self.text.read(form),
            owner: self.owner.read(form),
            agency: self.agency.read(form),
            due: self.due.read(form),
            status: self.status.read(form).unwrap_or_default(),
            status_note: self.status_note.read_changed(form),
            restricted: self.restricted.read(form),
        }
    }

    /// A changed owner read through the people matcher: an attendee named any way (initials,
    /// "Dr Hughes", "zoe", "the GP") is written in full, with their agency when none is
    /// given; a miss or a tie is kept as typed and said.
    fn resolve_owner(
        &self,
        form: &Form,
        attendees: &[Attendee],
        input: &mut ActionInput,
    ) -> Option<String> {
        self.owner.read_changed(form)?;
        let typed = input.owner.trim().to_owned();
        if typed.is_empty() {
            return None;
        }
        let fill_agency = |input: &mut ActionInput, agency: &str| {
            if input.agency.trim().is_empty() {
                input.agency = agency.to_owned();
            }
        };
        match match_person(&typed, attendees) {
            PersonMatch::One(i) | PersonMatch::Agency { index: Some(i), .. } => {
                let attendee = &attendees[i];
                input.owner.clone_from(&attendee.name);
                fill_agency(input, &attendee.agency);
                None
            }
            PersonMatch::Agency { name, index: None } => {
                fill_agency(input, &name);
                None
            }
            PersonMatch::Ambiguous(found) => {
                let names: Vec<&str> = found
                    .iter()
                    .filter_map(|i| attendees.get(*i).map(|a| a.name.as_str()))
                    .collect();
                Some(format!(
                    "owner '{typed}' could be {}: kept as typed",
                    names.join(" or ")
                ))
            }
            PersonMatch::NoOne => Some(format!(
                "owner '{typed}' matches no attendee: kept as typed"
            )),
        }
    }

    /// Adds (under the item being minuted) or edits the action.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let mut input = self.read(form);
        let owner_note = self.resolve_owner(form, &screen.record.attendees, &mut input);
        let (index, changed) = match self.index {
            Some(index) => (index, screen.record.edit_action(index, input, screen.now)?),
            None => {
                let index = screen
                    .record
                    .add_action(input, screen.current, screen.now)?;
                screen.selected.actions = index;
                (index, Changed::Yes)
            }
        };
        let id = screen.record.actions[index].id;
        let note = owner_note.map(|n| format!("; {n}")).unwrap_or_default();
        Ok((changed, format!("Action #{id} saved{note}")))
    }
}

/// Whether the "Restricted" box starts ticked.
fn restricted(visibility: Visibility) -> bool {
    visibility == Visibility::Restricted
}
