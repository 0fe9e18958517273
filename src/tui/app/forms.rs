//! Forms over the live screen: adding and editing attendees, findings, decisions and actions,
//! and the plan pane's sections. Each purpose builds its form from the record and writes the
//! submitted values back; nothing reaches the record until the form is saved.

use super::{App, Overlay, PLAN_SECTIONS, Pane, Tone};
use crate::model::{
    AbuseType, ActionItem, ActionStatus, AdultOutcome, Attendance, Attendee, BalanceFinding,
    BestInterestsDecider, Decision, DesiredOutcome, Dissent, EnquiryResult, Finding,
    HarmCauserOutcome, MentalCapacity, MspAsked, OutcomeAchieved, Recipient, Referral,
    ReferralKind, RepresentativeKind, RiskLocation, RiskOutcome, RiskSource, ViewsGiven,
    Visibility, initials_for,
};
use crate::tui::action::Action;
use crate::tui::app::FindingsRow;
use crate::tui::form::{Form, FormOutcome};

/// What an open form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPurpose {
    /// An attendee: `None` adds one.
    Attendee(Option<usize>),
    /// A finding: `None` adds one.
    Finding(Option<usize>),
    /// A decision: `None` adds one.
    Decision(Option<usize>),
    /// An action: `None` adds one.
    Action(Option<usize>),
    /// The adult's participation and Making Safeguarding Personal.
    Participation,
    /// Outcomes for the adult and the person causing harm, and referrals.
    Outcomes,
    /// The protection plan.
    Plan,
    /// Feedback arrangements.
    Feedback,
    /// Review date, further conference and circulation.
    Review,
}

/// Labels of a value list, for a choice field.
fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| label(*v).to_owned()).collect()
}

/// Where `value` is in `all`.
fn position<T: PartialEq>(all: &[T], value: Option<T>) -> Option<usize> {
    value.and_then(|v| all.iter().position(|x| *x == v))
}

/// Which of `all` are in `chosen`.
fn checked<T: PartialEq>(all: &[T], chosen: &[T]) -> Vec<bool> {
    all.iter().map(|v| chosen.contains(v)).collect()
}

/// The values of `all` ticked in `ticks`.
fn ticked<T: Copy>(all: &[T], ticks: &[bool]) -> Vec<T> {
    all.iter()
        .zip(ticks)
        .filter(|(_, on)| **on)
        .map(|(v, _)| *v)
        .collect()
}

const YES_NO: [&str; 2] = ["Yes", "No"];

fn yes_no() -> Vec<String> {
    YES_NO.iter().map(|s| (*s).to_owned()).collect()
}

const fn yes_no_index(value: Option<bool>) -> Option<usize> {
    match value {
        Some(true) => Some(0),
        Some(false) => Some(1),
        None => None,
    }
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

impl App {
    /// e / Enter on a list pane: edit the selected entry or section.
    pub(super) fn edit_selected(&mut self) {
        if !self.writable() {
            return;
        }
        match self.focus {
            Pane::People if !self.record.attendees.is_empty() => {
                self.open_attendee_form(Some(self.selected.people), None);
            }
            Pane::People => self.open_attendee_form(None, None),
            Pane::Findings => match self.findings_row() {
                Some(FindingsRow::Finding(i)) => self.open_form(FormPurpose::Finding(Some(i))),
                Some(FindingsRow::Decision(i)) => self.open_form(FormPurpose::Decision(Some(i))),
                None => self.open_form(FormPurpose::Finding(None)),
            },
            Pane::Actions if !self.record.actions.is_empty() => {
                self.open_form(FormPurpose::Action(Some(self.selected.actions)));
            }
            Pane::Actions => self.open_quick_action(),
            Pane::Plan => {
                let purpose = match self.selected.plan {
                    0 => FormPurpose::Participation,
                    1 => FormPurpose::Outcomes,
                    2 => FormPurpose::Plan,
                    3 => FormPurpose::Feedback,
                    _ => FormPurpose::Review,
                };
                self.open_form(purpose);
            }
            Pane::Agenda => {
                self.open_item(self.agenda_selected);
                self.focus_pane(Pane::Notes);
            }
            Pane::Notes => {}
        }
    }

    /// a: add an entry in the focused pane.
    pub(super) fn add_entry(&mut self) {
        if !self.writable() {
            return;
        }
        match self.focus {
            Pane::People => self.open_attendee_form(None, None),
            Pane::Findings => self.open_form(FormPurpose::Finding(None)),
            _ => self.open_quick_action(),
        }
    }

    /// c in the findings pane: add a decision under the current item.
    pub(super) fn add_decision(&mut self) {
        if self.writable() {
            self.open_form(FormPurpose::Decision(None));
        }
    }

    /// Opens the attendee form: editing `index`, or adding one like `template`.
    pub(super) fn open_attendee_form(&mut self, index: Option<usize>, template: Option<Attendee>) {
        let person = index
            .and_then(|i| self.record.attendees.get(i).cloned())
            .or(template)
            .unwrap_or_else(|| Attendee::new("", "", ""));
        let form = attendee_form(index, &person);
        self.overlay = Some(Overlay::Form {
            form: Box::new(form),
            purpose: FormPurpose::Attendee(index),
        });
    }

    /// Opens the form for `purpose`, filled from the record.
    pub(super) fn open_form(&mut self, purpose: FormPurpose) {
        let form = match purpose {
            FormPurpose::Attendee(index) => {
                self.open_attendee_form(index, None);
                return;
            }
            FormPurpose::Finding(index) => {
                finding_form(index.and_then(|i| self.record.findings.get(i)))
            }
            FormPurpose::Decision(index) => {
                decision_form(index.and_then(|i| self.record.decisions.get(i)))
            }
            FormPurpose::Action(index) => match index.and_then(|i| self.record.actions.get(i)) {
                Some(action) => action_form(action),
                None => return,
            },
            FormPurpose::Participation => participation_form(self),
            FormPurpose::Outcomes => outcomes_form(self),
            FormPurpose::Plan => plan_form(self),
            FormPurpose::Feedback => feedback_form(self),
            FormPurpose::Review => review_form(self),
        };
        self.overlay = Some(Overlay::Form {
            form: Box::new(form),
            purpose,
        });
    }

    /// Keys while a form is open.
    pub(super) fn update_form(&mut self, action: &Action) {
        let today = self.today();
        let now = self.now.time();
        let Some(Overlay::Form { form, purpose }) = self.overlay.as_mut() else {
            return;
        };
        match form.handle(action, today, now) {
            FormOutcome::Continue => {}
            FormOutcome::Cancelled => self.overlay = None,
            FormOutcome::Submitted => {
                let purpose = *purpose;
                let Some(Overlay::Form { form, .. }) = self.overlay.take() else {
                    return;
                };
                if let Err(problem) = self.apply_form(purpose, &form) {
                    let mut form = form;
                    form.set_error(&problem);
                    self.overlay = Some(Overlay::Form { form, purpose });
                }
            }
        }
    }

    /// Writes a submitted form into the record, or says what is wrong with it.
    fn apply_form(&mut self, purpose: FormPurpose, form: &Form) -> Result<(), String> {
        let agenda_key = self
            .record
            .agenda
            .get(self.current)
            .map(|i| i.key.clone())
            .unwrap_or_default();
        let default_visibility = self.record.meeting.part.default_visibility();
        let visibility = |restricted: bool, before: Option<Visibility>| {
            if restricted {
                Visibility::Restricted
            } else {
                match before {
                    Some(Visibility::Restricted) | None => default_visibility,
                    Some(other) => other,
                }
            }
        };
        let said = match purpose {
            FormPurpose::Attendee(index) => {
                let name = form.text_of("name");
                let mut person = index
                    .and_then(|i| self.record.attendees.get(i).cloned())
                    .unwrap_or_else(|| Attendee::new(&name, "", ""));
                person.name = name;
                let initials = form.text_of("initials");
                person.initials = if initials.is_empty() {
                    initials_for(&person.name)
                } else {
                    initials
                };
                person.role = form.text_of("role");
                person.agency = form.text_of("agency");
                person.attendance = form
                    .choice_of("attendance")
                    .and_then(|i| Attendance::ALL.get(i).copied())
                    .unwrap_or_default();
                person.joined_at = form.time_of("joined");
                person.left_at = form.time_of("left");
                person.is_adult = form.flag_of("adult");
                person.representative_kind = form
                    .choice_of("representative")
                    .and_then(|i| RepresentativeKind::ALL.get(i).copied());
                person.is_representative = person.representative_kind.is_some();
                person.contact = form.text_of("contact");
                let clash = self.record.attendees.iter().enumerate().any(|(i, other)| {
                    Some(i) != index && other.initials.eq_ignore_ascii_case(&person.initials)
                });
                if clash {
                    return Err(format!(
                        "Initials {} are already used; give this person different initials.",
                        person.initials
                    ));
                }
                if person.is_adult {
                    for other in &mut self.record.attendees {
                        other.is_adult = false;
                    }
                }
                let text = format!("{} ({})", person.name, person.initials);
                match index {
                    Some(i) if i < self.record.attendees.len() => self.record.attendees[i] = person,
                    _ => {
                        self.record.attendees.push(person);
                        self.selected.people = self.record.attendees.len() - 1;
                    }
                }
                text
            }
            FormPurpose::Finding(index) => {
                let before = index.and_then(|i| self.record.findings.get(i));
                let finding = Finding {
                    allegation: form.text_of("allegation"),
                    abuse_type: pick(form, "abuse_type", AbuseType::ALL),
                    location: pick(form, "location", RiskLocation::ALL),
                    source: pick(form, "source", RiskSource::ALL),
                    finding: pick(form, "finding", BalanceFinding::ALL),
                    result: pick(form, "result", EnquiryResult::ALL),
                    risk_outcome: pick(form, "risk_outcome", RiskOutcome::ALL),
                    rationale: form.text_of("rationale"),
                    agenda_key: before.map_or(agenda_key, |f| f.agenda_key.clone()),
                    at: before.map_or(self.now, |f| f.at),
                    visibility: visibility(
                        form.flag_of("restricted"),
                        before.map(|f| f.visibility),
                    ),
                    extra: before.map(|f| f.extra.clone()).unwrap_or_default(),
                };
                let gaps = finding.gaps();
                let n = match index {
                    Some(i) if i < self.record.findings.len() => {
                        self.record.findings[i] = finding;
                        i + 1
                    }
                    _ => {
                        self.record.findings.push(finding);
                        self.selected.findings = self.record.findings.len() - 1;
                        self.record.findings.len()
                    }
                };
                if gaps.is_empty() {
                    format!("Finding {n} saved")
                } else {
                    format!("Finding {n} saved; still: {}", gaps.join(", "))
                }
            }
            FormPurpose::Decision(index) => {
                let before = index.and_then(|i| self.record.decisions.get(i));
                let who = form.text_of("dissent_who");
                let decision = Decision {
                    text: form.text_of("text"),
                    rationale: form.text_of("rationale"),
                    agenda_key: before.map_or(agenda_key, |d| d.agenda_key.clone()),
                    at: before.map_or(self.now, |d| d.at),
                    dissent: (!who.is_empty()).then(|| Dissent {
                        who,
                        reason: form.text_of("dissent_reason"),
                    }),
                    visibility: visibility(
                        form.flag_of("restricted"),
                        before.map(|d| d.visibility),
                    ),
                    extra: before.map(|d| d.extra.clone()).unwrap_or_default(),
                };
                let n = match index {
                    Some(i) if i < self.record.decisions.len() => {
                        self.record.decisions[i] = decision;
                        i + 1
                    }
                    _ => {
                        self.record.decisions.push(decision);
                        self.selected.findings =
                            self.record.findings.len() + self.record.decisions.len() - 1;
                        self.record.decisions.len()
                    }
                };
                format!("Decision {n} saved")
            }
            FormPurpose::Action(index) => {
                let status = pick(form, "status", ActionStatus::ALL).unwrap_or_default();
                let now = self.now;
                let item = match index.and_then(|i| self.record.actions.get_mut(i)) {
                    Some(item) => item,
                    None => {
                        let id = self.record.next_action_id();
                        self.record.actions.push(ActionItem {
                            id,
                            text: String::new(),
                            owner: String::new(),
                            agency: String::new(),
                            due: None,
                            status: ActionStatus::Open,
                            status_at: None,
                            status_note: String::new(),
                            agenda_key,
                            created_at: now,
                            visibility: default_visibility,
                            carried_from: None,
                            extra: crate::model::Extra::default(),
                        });
                        self.selected.actions = self.record.actions.len() - 1;
                        let last = self.record.actions.len() - 1;
                        &mut self.record.actions[last]
                    }
                };
                item.text = form.text_of("text");
                item.owner = form.text_of("owner");
                item.agency = form.text_of("agency");
                item.due = form.date_of("due");
                if item.status != status {
                    item.status = status;
                    item.status_at = Some(now);
                }
                item.status_note = form.text_of("status_note");
                item.visibility = visibility(form.flag_of("restricted"), Some(item.visibility));
                format!("Action #{} saved", item.id)
            }
            FormPurpose::Participation => {
                let p = &mut self.record.adult_participation;
                p.attended = form.choice_of("attended").map(|i| i == 0);
                p.reason_not_attended = form.text_of("reason");
                p.views_given = ticked(ViewsGiven::ALL, &form.multi_of("views_given"));
                p.views = form.text_of("views");
                p.capacity = pick(form, "capacity", MentalCapacity::ALL);
                p.best_interests_decider = pick(form, "decider", BestInterestsDecider::ALL);
                p.best_interests_name = form.text_of("decider_name");
                p.msp_asked = pick(form, "msp_asked", MspAsked::ALL);
                let kept = std::mem::take(&mut p.desired_outcomes);
                p.desired_outcomes = lines_of(&form.text_of("desired"))
                    .into_iter()
                    .map(|text| DesiredOutcome {
                        achieved: kept
                            .iter()
                            .find(|o| o.text == text)
                            .and_then(|o| o.achieved),
                        text,
                    })
                    .collect();
                p.outcomes_achieved = pick(form, "achieved", OutcomeAchieved::ALL);
                if p.missing_absence_reason() {
                    "Saved. The reason the adult did not attend must be recorded before the meeting closes".to_owned()
                } else {
                    "The adult's participation saved".to_owned()
                }
            }
            FormPurpose::Outcomes => {
                let o = &mut self.record.outcomes;
                o.for_adult = ticked(AdultOutcome::ALL, &form.multi_of("for_adult"));
                o.for_person_causing_harm =
                    ticked(HarmCauserOutcome::ALL, &form.multi_of("for_pach"));
                o.other = form.text_of("other");
                let before = std::mem::take(&mut o.referrals);
                o.referrals = ReferralKind::ALL
                    .iter()
                    .filter_map(|kind| {
                        let by = form.text_of(&format!("referral_{}", kind.key()));
                        let old = before.iter().find(|r| r.kind == *kind);
                        (!by.is_empty()).then(|| Referral {
                            kind: *kind,
                            by,
                            note: old.map(|r| r.note.clone()).unwrap_or_default(),
                        })
                    })
                    .collect();
                "Outcomes and referrals saved".to_owned()
            }
            FormPurpose::Plan => {
                let p = &mut self.record.plan;
                p.summary = form.text_of("summary");
                p.coordinator = form.text_of("coordinator");
                p.monitoring = form.text_of("monitoring");
                p.contingencies = lines_of(&form.text_of("contingencies"));
                p.sharing = form.text_of("sharing");
                "Protection plan saved".to_owned()
            }
            FormPurpose::Feedback => {
                let f = &mut self.record.feedback;
                for (key, slot) in [
                    ("adult", &mut f.to_adult),
                    ("pach", &mut f.to_person_causing_harm),
                    ("employer", &mut f.to_employer),
                    ("referrer", &mut f.to_referrer),
                    ("absent", &mut f.to_absent),
                ] {
                    slot.by = form.text_of(&format!("{key}_by"));
                    slot.what = form.text_of(&format!("{key}_what"));
                }
                f.adult_disagreement_contact = form.text_of("disagree");
                "Feedback arrangements saved".to_owned()
            }
            FormPurpose::Review => {
                let r = &mut self.record.review;
                r.review_date = form.date_of("review_date");
                r.further_conference = form.choice_of("further").map(|i| i == 0);
                r.further_conference_reason = form.text_of("further_reason");
                r.circulation = lines_of(&form.text_of("circulation"))
                    .into_iter()
                    .map(|line| {
                        let (name, agency) = line.split_once(',').unwrap_or((&line, ""));
                        Recipient {
                            name: name.trim().to_owned(),
                            agency: agency.trim().to_owned(),
                        }
                    })
                    .collect();
                "Review and circulation saved".to_owned()
            }
        };
        self.changed();
        self.say(&format!("{said}."), Tone::Info);
        Ok(())
    }
}

/// The value of a choice field from a value list.
fn pick<T: Copy>(form: &Form, key: &str, all: &[T]) -> Option<T> {
    form.choice_of(key).and_then(|i| all.get(i).copied())
}

fn attendee_form(index: Option<usize>, a: &Attendee) -> Form {
    let title = if index.is_some() {
        "Edit attendee"
    } else {
        "Add attendee"
    };
    Form::new(title)
        .text("name", "Name", &a.name)
        .required()
        .text("initials", "Initials", &a.initials)
        .hint("for @ attribution; derived from the name if left empty")
        .text("role", "Role", &a.role)
        .text("agency", "Agency", &a.agency)
        .choice(
            "attendance",
            "Attendance",
            labels(Attendance::ALL, Attendance::label),
            position(Attendance::ALL, Some(a.attendance)),
        )
        .time("joined", "Joined late at", a.joined_at)
        .time("left", "Left early at", a.left_at)
        .flag("adult", "This is the adult", a.is_adult)
        .choice(
            "representative",
            "Represents the adult as",
            labels(RepresentativeKind::ALL, RepresentativeKind::label),
            position(RepresentativeKind::ALL, a.representative_kind),
        )
        .text("contact", "Contact", &a.contact)
}

fn finding_form(f: Option<&Finding>) -> Form {
    let title = if f.is_some() {
        "Edit finding"
    } else {
        "Add finding (one per allegation)"
    };
    Form::new(title)
        .long_text(
            "allegation",
            "Allegation",
            f.map_or("", |f| f.allegation.as_str()),
        )
        .required()
        .choice(
            "abuse_type",
            "Type of risk",
            labels(AbuseType::ALL, AbuseType::label),
            position(AbuseType::ALL, f.and_then(|f| f.abuse_type)),
        )
        .choice(
            "location",
            "Location of risk",
            labels(RiskLocation::ALL, RiskLocation::label),
            position(RiskLocation::ALL, f.and_then(|f| f.location)),
        )
        .choice(
            "source",
            "Source of risk",
            labels(RiskSource::ALL, RiskSource::label),
            position(RiskSource::ALL, f.and_then(|f| f.source)),
        )
        .choice(
            "finding",
            "Finding (balance of probabilities)",
            labels(BalanceFinding::ALL, BalanceFinding::label),
            position(BalanceFinding::ALL, f.and_then(|f| f.finding)),
        )
        .choice(
            "result",
            "Result of the enquiry",
            labels(EnquiryResult::ALL, EnquiryResult::label),
            position(EnquiryResult::ALL, f.and_then(|f| f.result)),
        )
        .choice(
            "risk_outcome",
            "Risk outcome",
            labels(RiskOutcome::ALL, RiskOutcome::label),
            position(RiskOutcome::ALL, f.and_then(|f| f.risk_outcome)),
        )
        .hint("only where a risk was identified")
        .long_text(
            "rationale",
            "Rationale",
            f.map_or("", |f| f.rationale.as_str()),
        )
        .hint("the evidence and reasoning; needed before the findings item is done")
        .flag(
            "restricted",
            "Restricted",
            f.is_some_and(|f| f.visibility == Visibility::Restricted),
        )
}

fn decision_form(d: Option<&Decision>) -> Form {
    let title = if d.is_some() {
        "Edit decision"
    } else {
        "Add decision"
    };
    let dissent = d.and_then(|d| d.dissent.as_ref());
    Form::new(title)
        .long_text("text", "Decision", d.map_or("", |d| d.text.as_str()))
        .required()
        .long_text(
            "rationale",
            "How it was reached",
            d.map_or("", |d| d.rationale.as_str()),
        )
        .hint("the reasons and the evidence")
        .text(
            "dissent_who",
            "Disagreed",
            dissent.map_or("", |x| x.who.as_str()),
        )
        .hint("who disagreed, if anyone")
        .text(
            "dissent_reason",
            "Their reason",
            dissent.map_or("", |x| x.reason.as_str()),
        )
        .flag(
            "restricted",
            "Restricted",
            d.is_some_and(|d| d.visibility == Visibility::Restricted),
        )
}

pub(super) fn action_form(a: &ActionItem) -> Form {
    Form::new(&format!("Action #{}", a.id))
        .text("text", "Action", &a.text)
        .required()
        .text("owner", "Owner", &a.owner)
        .text("agency", "Agency", &a.agency)
        .date("due", "Due", a.due)
        .hint("e.g. fri, 3 Dec, +2w, in 10 working days")
        .choice(
            "status",
            "Status",
            labels(ActionStatus::ALL, ActionStatus::label),
            position(ActionStatus::ALL, Some(a.status)),
        )
        .text("status_note", "Status note", &a.status_note)
        .hint("why it was cancelled, or left open at review")
        .flag(
            "restricted",
            "Restricted",
            a.visibility == Visibility::Restricted,
        )
}

fn participation_form(app: &App) -> Form {
    let p = &app.record.adult_participation;
    let desired: Vec<&str> = p.desired_outcomes.iter().map(|o| o.text.as_str()).collect();
    Form::new(PLAN_SECTIONS[0])
        .choice(
            "attended",
            "The adult attended",
            yes_no(),
            yes_no_index(p.attended),
        )
        .long_text("reason", "Why not", &p.reason_not_attended)
        .hint("required when the adult did not attend")
        .multi(
            "views_given",
            "Views given",
            labels(ViewsGiven::ALL, ViewsGiven::label),
            checked(ViewsGiven::ALL, &p.views_given),
        )
        .long_text("views", "Their views and wishes", &p.views)
        .choice(
            "capacity",
            "Mental capacity",
            labels(MentalCapacity::ALL, MentalCapacity::label),
            position(MentalCapacity::ALL, p.capacity),
        )
        .choice(
            "decider",
            "Best-interests decider",
            labels(BestInterestsDecider::ALL, BestInterestsDecider::label),
            position(BestInterestsDecider::ALL, p.best_interests_decider),
        )
        .text("decider_name", "Decider's name", &p.best_interests_name)
        .choice(
            "msp_asked",
            "Asked about outcomes (MSP)",
            labels(MspAsked::ALL, MspAsked::label),
            position(MspAsked::ALL, p.msp_asked),
        )
        .long_text("desired", "Desired outcomes", &desired.join("\n"))
        .hint("in their words, one per line (Ctrl-J)")
        .choice(
            "achieved",
            "Outcomes met",
            labels(OutcomeAchieved::ALL, OutcomeAchieved::label),
            position(OutcomeAchieved::ALL, p.outcomes_achieved),
        )
}

fn outcomes_form(app: &App) -> Form {
    let o = &app.record.outcomes;
    let mut form = Form::new(PLAN_SECTIONS[1])
        .multi(
            "for_adult",
            "For the adult",
            labels(AdultOutcome::ALL, AdultOutcome::label),
            checked(AdultOutcome::ALL, &o.for_adult),
        )
        .multi(
            "for_pach",
            "For the person or organisation causing harm",
            labels(HarmCauserOutcome::ALL, HarmCauserOutcome::label),
            checked(HarmCauserOutcome::ALL, &o.for_person_causing_harm),
        )
        .text("other", "Other outcome", &o.other);
    for kind in ReferralKind::ALL {
        let by = o
            .referrals
            .iter()
            .find(|r| r.kind == *kind)
            .map_or("", |r| r.by.as_str());
        form = form
            .text(
                &format!("referral_{}", kind.key()),
                &format!("Referral: {}", kind.label()),
                by,
            )
            .hint("who makes it; empty = no referral");
    }
    form
}

fn plan_form(app: &App) -> Form {
    let p = &app.record.plan;
    Form::new(PLAN_SECTIONS[2])
        .long_text("summary", "Plan", &p.summary)
        .hint("actions for the adult's safety and support; not actions against the person causing harm")
        .text("coordinator", "Coordinator", &p.coordinator)
        .text("monitoring", "Monitored by", &p.monitoring)
        .long_text("contingencies", "Contingencies", &p.contingencies.join("\n"))
        .hint("what happens if the plan does not work: one per line (Ctrl-J)")
        .long_text("sharing", "How it is shared", &p.sharing)
}

fn feedback_form(app: &App) -> Form {
    let f = &app.record.feedback;
    let mut form = Form::new(PLAN_SECTIONS[3]);
    for (key, label, slot) in [
        ("adult", "To the adult", &f.to_adult),
        (
            "pach",
            "To the person alleged to have caused harm",
            &f.to_person_causing_harm,
        ),
        ("employer", "To their employer", &f.to_employer),
        ("referrer", "To the referrer", &f.to_referrer),
        ("absent", "To those not present", &f.to_absent),
    ] {
        form = form
            .text(&format!("{key}_by"), &format!("{label}: by"), &slot.by)
            .text(
                &format!("{key}_what"),
                &format!("{label}: what"),
                &slot.what,
            );
    }
    form.text(
        "disagree",
        "If the adult disagrees, they contact",
        &f.adult_disagreement_contact,
    )
}

fn review_form(app: &App) -> Form {
    let r = &app.record.review;
    let circulation: Vec<String> = r
        .circulation
        .iter()
        .map(|c| {
            if c.agency.is_empty() {
                c.name.clone()
            } else {
                format!("{}, {}", c.name, c.agency)
            }
        })
        .collect();
    let due = r.minutes_due.map_or_else(String::new, |d| {
        format!("minutes due {}", d.format("%a %-d %b %Y"))
    });
    Form::new(PLAN_SECTIONS[4])
        .date("review_date", "Review date", r.review_date)
        .hint("e.g. +6w, 3 Mar, 2027-03-03")
        .choice(
            "further",
            "Further conference",
            yes_no(),
            yes_no_index(r.further_conference),
        )
        .long_text("further_reason", "Why", &r.further_conference_reason)
        .long_text("circulation", "Circulation", &circulation.join("\n"))
        .hint(if due.is_empty() {
            "one per line: name, agency"
        } else {
            &due
        })
}
