//! Commands on findings and decisions: adding, editing and removing them.

use super::{Changed, Entry, Refusal, replace, required, take};
use crate::model::{
    AbuseType, BalanceFinding, Decision, Dissent, EnquiryResult, Extra, Finding, Record,
    RiskLocation, RiskOutcome, RiskSource, Timestamp, Visibility,
};

/// A finding as a front end gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingInput {
    /// The allegation (required).
    pub allegation: String,
    /// SG2a type of risk.
    pub abuse_type: Option<AbuseType>,
    /// SG2b location of risk.
    pub location: Option<RiskLocation>,
    /// SG2b source of risk.
    pub source: Option<RiskSource>,
    /// The finding on the balance of probabilities.
    pub finding: Option<BalanceFinding>,
    /// SG2c action and result.
    pub result: Option<EnquiryResult>,
    /// SG2e risk outcome.
    pub risk_outcome: Option<RiskOutcome>,
    /// The evidence and reasoning.
    pub rationale: String,
    /// Restricted; otherwise see [`Record::edit_finding`].
    pub restricted: bool,
}

impl FindingInput {
    /// A finding of `allegation` with nothing coded or reasoned yet.
    #[must_use]
    pub fn new(allegation: &str) -> Self {
        Self {
            allegation: allegation.to_owned(),
            abuse_type: None,
            location: None,
            source: None,
            finding: None,
            result: None,
            risk_outcome: None,
            rationale: String::new(),
            restricted: false,
        }
    }
}

/// A decision as a front end gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    /// What was decided (required).
    pub text: String,
    /// How it was reached.
    pub rationale: String,
    /// Who disagreed; empty if nobody did.
    pub dissent_who: String,
    /// Why they disagreed.
    pub dissent_reason: String,
    /// Restricted; otherwise see [`Record::edit_finding`].
    pub restricted: bool,
}

impl Record {
    /// Adds a finding made now under agenda item `under`, visible as entries made in the
    /// running part unless restricted; returns where.
    ///
    /// # Errors
    /// [`Refusal::Blank`] without an allegation.
    pub fn add_finding(
        &mut self,
        input: FindingInput,
        under: usize,
        now: Timestamp,
    ) -> Result<usize, Refusal> {
        required(&input.allegation, "The allegation")?;
        let placed = self.placed_new(input.restricted, under, now);
        self.findings.push(finding_from(input, placed));
        self.written(now);
        Ok(self.findings.len() - 1)
    }

    /// Replaces finding `index`'s content; when and under which item it was made stay, and
    /// so does its visibility unless it is marked or unmarked restricted (unmarked, it gets
    /// the running part's).
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::Blank`] without an allegation.
    pub fn edit_finding(
        &mut self,
        index: usize,
        input: FindingInput,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let before = self
            .findings
            .get(index)
            .ok_or(Refusal::Missing(Entry::Finding(index)))?;
        required(&input.allegation, "The allegation")?;
        let placed = self.placed_again(
            input.restricted,
            Placed {
                agenda_key: before.agenda_key.clone(),
                at: before.at,
                visibility: before.visibility,
                extra: before.extra.clone(),
            },
        );
        let changed = replace(&mut self.findings[index], finding_from(input, placed));
        Ok(self.changed_at(changed, now))
    }

    /// Removes finding `index`; returns it.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn remove_finding(&mut self, index: usize, now: Timestamp) -> Result<Finding, Refusal> {
        let removed = take(&mut self.findings, index, Entry::Finding(index))?;
        self.touch(now);
        Ok(removed)
    }

    /// Adds a decision made now under agenda item `under` (see [`Record::edit_decision`]);
    /// returns where.
    ///
    /// # Errors
    /// [`Refusal::Blank`] without the decision.
    pub fn add_decision(
        &mut self,
        input: DecisionInput,
        under: usize,
        now: Timestamp,
    ) -> Result<usize, Refusal> {
        required(&input.text, "The decision")?;
        let placed = self.placed_new(input.restricted, under, now);
        self.decisions.push(decision_from(input, placed));
        self.written(now);
        Ok(self.decisions.len() - 1)
    }

    /// Replaces decision `index`'s content, as [`Record::edit_finding`] does a finding's. A
    /// dissent needs who disagreed: with nobody named there is none, and no reason.
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::Blank`] without the decision.
    pub fn edit_decision(
        &mut self,
        index: usize,
        input: DecisionInput,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let before = self
            .decisions
            .get(index)
            .ok_or(Refusal::Missing(Entry::Decision(index)))?;
        required(&input.text, "The decision")?;
        let placed = self.placed_again(
            input.restricted,
            Placed {
                agenda_key: before.agenda_key.clone(),
                at: before.at,
                visibility: before.visibility,
                extra: before.extra.clone(),
            },
        );
        let changed = replace(&mut self.decisions[index], decision_from(input, placed));
        Ok(self.changed_at(changed, now))
    }

    /// Removes decision `index`; returns it.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn remove_decision(&mut self, index: usize, now: Timestamp) -> Result<Decision, Refusal> {
        let removed = take(&mut self.decisions, index, Entry::Decision(index))?;
        self.touch(now);
        Ok(removed)
    }
}

/// Where, when and to whom an entry was made: set by an add, kept by an edit.
struct Placed {
    agenda_key: String,
    at: Timestamp,
    visibility: Visibility,
    extra: Extra,
}

impl Record {
    /// A new entry's place: under agenda item `under`, made now, visible as entries made in
    /// the running part unless restricted.
    fn placed_new(&self, restricted: bool, under: usize, now: Timestamp) -> Placed {
        Placed {
            agenda_key: self.agenda_key_at(under),
            at: now,
            visibility: self.visibility_for(restricted, None),
            extra: Extra::new(),
        }
    }

    /// An edited entry's place: as it was, its visibility by the rule.
    fn placed_again(&self, restricted: bool, kept: Placed) -> Placed {
        Placed {
            visibility: self.visibility_for(restricted, Some(kept.visibility)),
            ..kept
        }
    }
}

fn finding_from(input: FindingInput, placed: Placed) -> Finding {
    Finding {
        allegation: input.allegation,
        abuse_type: input.abuse_type,
        location: input.location,
        source: input.source,
        finding: input.finding,
        result: input.result,
        risk_outcome: input.risk_outcome,
        rationale: input.rationale,
        agenda_key: placed.agenda_key,
        at: placed.at,
        visibility: placed.visibility,
        extra: placed.extra,
    }
}

fn decision_from(input: DecisionInput, placed: Placed) -> Decision {
    let dissent = (!input.dissent_who.trim().is_empty()).then_some(Dissent {
        who: input.dissent_who,
        reason: input.dissent_reason,
    });
    Decision {
        text: input.text,
        rationale: input.rationale,
        agenda_key: placed.agenda_key,
        at: placed.at,
        dissent,
        visibility: placed.visibility,
        extra: placed.extra,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::MeetingPart;

    fn finding(allegation: &str) -> FindingInput {
        FindingInput {
            abuse_type: Some(AbuseType::Neglect),
            finding: Some(BalanceFinding::Substantiated),
            ..FindingInput::new(allegation)
        }
    }

    fn decision(text: &str, who: &str) -> DecisionInput {
        DecisionInput {
            text: text.to_owned(),
            rationale: "Because".to_owned(),
            dissent_who: who.to_owned(),
            dissent_reason: "Disagrees".to_owned(),
            restricted: false,
        }
    }

    #[test]
    fn a_new_finding_is_made_now_under_the_item_in_the_running_parts_visibility() {
        let mut record = record();
        let _ = record.set_part(MeetingPart::ProfessionalsOnly, at("10:00"));
        assert_eq!(
            record.add_finding(finding("Missed calls"), 1, at("10:10")),
            Ok(0)
        );
        let made = &record.findings[0];
        assert_eq!(
            (made.agenda_key.as_str(), made.at, made.visibility),
            ("findings", at("10:10"), Visibility::ProfessionalsOnly)
        );
        assert_eq!(record.updated_at, at("10:10"));
        assert_eq!(record.add_finding(finding("Other"), 9, at("10:11")), Ok(1));
        assert_eq!(record.findings[1].agenda_key, "", "no item there");
        assert_eq!(
            record.add_finding(finding(" "), 1, at("10:12")),
            Err(Refusal::Blank("The allegation"))
        );
    }

    #[test]
    fn an_edit_keeps_when_where_and_newer_fields_and_an_unchanged_one_touches_nothing() {
        let mut record = record();
        record
            .add_finding(finding("Missed calls"), 1, at("10:10"))
            .unwrap();
        record.findings[0].extra.insert("x".to_owned(), 1.into());
        let _ = record.set_part(MeetingPart::ProfessionalsOnly, at("10:11"));
        let before = record.clone();
        assert_eq!(
            record.edit_finding(0, finding("Missed calls"), at("10:20")),
            Ok(Changed::No)
        );
        assert_eq!(record, before, "visible to all stays so in part 1");
        let restricted = FindingInput {
            rationale: "Call logs".to_owned(),
            restricted: true,
            ..finding("Missed calls")
        };
        assert_eq!(
            record.edit_finding(0, restricted, at("10:21")),
            Ok(Changed::Yes)
        );
        let edited = &record.findings[0];
        assert_eq!(
            (edited.at, edited.agenda_key.as_str()),
            (at("10:10"), "findings")
        );
        assert_eq!(edited.visibility, Visibility::Restricted);
        assert_eq!(edited.extra, before.findings[0].extra);
        assert_eq!(
            record.edit_finding(0, finding("Missed calls"), at("10:22")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.findings[0].visibility, Visibility::ProfessionalsOnly);
        assert_eq!(
            record.edit_finding(3, finding("x"), at("10:23")),
            Err(Refusal::Missing(Entry::Finding(3)))
        );
        assert_eq!(
            record.remove_finding(0, at("10:24")).map(|f| f.rationale),
            Ok(String::new())
        );
        assert!(record.findings.is_empty());
    }

    #[test]
    fn a_dissent_needs_who_disagreed() {
        let mut record = record();
        record
            .add_decision(decision("Suspend", "MB"), 2, at("11:00"))
            .unwrap();
        let dissent = record.decisions[0].dissent.clone().unwrap();
        assert_eq!(
            (dissent.who.as_str(), dissent.reason.as_str()),
            ("MB", "Disagrees")
        );
        assert_eq!(
            record.edit_decision(0, decision("Suspend", " "), at("11:01")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.decisions[0].dissent, None);
        assert_eq!(record.decisions[0].agenda_key, "plan");
        assert_eq!(record.decisions[0].at, at("11:00"));
        assert_eq!(
            record.edit_decision(0, decision("", ""), at("11:02")),
            Err(Refusal::Blank("The decision"))
        );
        assert!(record.remove_decision(0, at("11:03")).is_ok());
        assert!(record.remove_decision(0, at("11:03")).is_err());
    }
}
