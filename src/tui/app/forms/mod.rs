//! Forms over the live screen: adding and editing attendees, findings, decisions and actions,
//! correcting a note, the plan pane's sections (the meeting details and the people alleged
//! to have caused harm among them), and two choosers (which person; which section a note's
//! words fill). Each form type lays its fields out from the record and
//! reads them back into a record command's input, side by side in one file; nothing reaches
//! the record until the form is saved, and then only through that command.

mod entries;
mod harm;
mod meeting;
mod notes;
mod people;
mod sections;

pub use entries::{ActionForm, DecisionForm, FindingForm};
pub use harm::{HarmPicker, PEOPLE_CAUSING_HARM_SECTION, PersonForm};
pub use meeting::{MEETING_DETAILS_SECTION, MeetingDetailsForm};
pub use notes::{FillForm, NoteForm};
pub use people::AttendeeForm;
pub use sections::{FeedbackForm, OutcomesForm, ParticipationForm, PlanForm, ReviewForm};

use super::{FindingsRow, LiveScreen, Overlay, Pane, Tone};
use crate::model::{Attendee, Changed, Entry, Refusal};
use crate::tui::action::Action;
use crate::tui::form::{Form, FormOutcome};

/// What a form edits, to open it.
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
    /// Chair, minute taker, venue, mode, start and end.
    MeetingDetails,
    /// Which person alleged to have caused harm to edit, or a new one.
    PeopleCausingHarm,
    /// A person alleged to have caused harm: `None` adds one.
    PersonCausingHarm(Option<usize>),
    /// Note `index` of agenda item `item`.
    Note {
        /// The agenda item.
        item: usize,
        /// The note within it.
        index: usize,
    },
    /// Which section the words of a note or decision fill.
    FillSection(Entry),
}

/// An open form's fields: each kind lays itself out, reads itself back and saves itself.
#[derive(Debug)]
pub enum FormFields {
    /// An attendee.
    Attendee(AttendeeForm),
    /// A finding.
    Finding(FindingForm),
    /// A decision.
    Decision(DecisionForm),
    /// An action.
    Action(ActionForm),
    /// The adult's participation.
    Participation(ParticipationForm),
    /// Outcomes and referrals.
    Outcomes(OutcomesForm),
    /// The protection plan.
    Plan(PlanForm),
    /// Feedback arrangements.
    Feedback(FeedbackForm),
    /// Review and circulation.
    Review(ReviewForm),
    /// The meeting's details.
    MeetingDetails(MeetingDetailsForm),
    /// Which person alleged to have caused harm.
    HarmPicker(HarmPicker),
    /// A person alleged to have caused harm.
    Person(PersonForm),
    /// An entered note.
    Note(NoteForm),
    /// Which section a note's or decision's words fill.
    Fill(FillForm),
}

/// What saving a form did: whether the record changed, and what to say.
type Saved = Result<(Changed, String), Refusal>;

impl FormFields {
    /// Writes the submitted `form` into the record through its command.
    fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        match self {
            Self::Attendee(fields) => fields.save(form, screen),
            Self::Finding(fields) => fields.save(form, screen),
            Self::Decision(fields) => fields.save(form, screen),
            Self::Action(fields) => fields.save(form, screen),
            Self::Participation(fields) => fields.save(form, screen),
            Self::Outcomes(fields) => fields.save(form, screen),
            Self::Plan(fields) => fields.save(form, screen),
            Self::Feedback(fields) => fields.save(form, screen),
            Self::Review(fields) => fields.save(form, screen),
            Self::MeetingDetails(fields) => fields.save(form, screen),
            Self::HarmPicker(fields) => fields.save(form, screen),
            Self::Person(fields) => fields.save(form, screen),
            Self::Note(fields) => fields.save(form, screen),
            Self::Fill(fields) => fields.save(form, screen),
        }
    }

    /// Whether it only chooses what to do next (nothing typed to keep): quitting or hanging
    /// up with it open closes it rather than doing what it chooses.
    #[must_use]
    pub const fn is_chooser(&self) -> bool {
        matches!(self, Self::HarmPicker(_) | Self::Fill(_))
    }
}

/// "LEAD: PN Priya Nair, JS Jane Smith, ..." for a field that takes an attendee's initials
/// or any name; `LEAD` alone without attendees.
fn people_hint(attendees: &[Attendee], lead: &str) -> String {
    let people: Vec<String> = attendees
        .iter()
        .filter(|a| !a.initials.is_empty())
        .map(|a| format!("{} {}", a.initials, a.name))
        .collect();
    if people.is_empty() {
        lead.to_owned()
    } else {
        format!("{lead}: {}", people.join(", "))
    }
}

impl LiveScreen {
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
                    4 => FormPurpose::Review,
                    PEOPLE_CAUSING_HARM_SECTION => FormPurpose::PeopleCausingHarm,
                    _ => FormPurpose::MeetingDetails,
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
        let (form, fields) = AttendeeForm::open(index, &person);
        self.show_form(form, FormFields::Attendee(fields));
    }

    /// Opens the form for `purpose`, filled from the record.
    pub(super) fn open_form(&mut self, purpose: FormPurpose) {
        let record = &self.record;
        let (form, fields) = match purpose {
            FormPurpose::Attendee(index) => {
                self.open_attendee_form(index, None);
                return;
            }
            FormPurpose::Finding(index) => {
                let (form, fields) = FindingForm::open(index, record);
                (form, FormFields::Finding(fields))
            }
            FormPurpose::Decision(index) => {
                let (form, fields) = DecisionForm::open(index, record);
                (form, FormFields::Decision(fields))
            }
            FormPurpose::Action(index) => match index.and_then(|i| record.actions.get(i)) {
                Some(action) => {
                    let (form, fields) = ActionForm::open(index, action, &record.attendees);
                    (form, FormFields::Action(fields))
                }
                None => return,
            },
            FormPurpose::Participation => {
                let (form, fields) = ParticipationForm::open(record);
                (form, FormFields::Participation(fields))
            }
            FormPurpose::Outcomes => {
                let (form, fields) = OutcomesForm::open(record);
                (form, FormFields::Outcomes(fields))
            }
            FormPurpose::Plan => {
                let (form, fields) = PlanForm::open(record);
                (form, FormFields::Plan(fields))
            }
            FormPurpose::Feedback => {
                let (form, fields) = FeedbackForm::open(record);
                (form, FormFields::Feedback(fields))
            }
            FormPurpose::Review => {
                let (form, fields) = ReviewForm::open(record);
                (form, FormFields::Review(fields))
            }
            FormPurpose::MeetingDetails => {
                let (form, fields) = MeetingDetailsForm::open(self);
                (form, FormFields::MeetingDetails(fields))
            }
            FormPurpose::PeopleCausingHarm if record.feedback.people_causing_harm.is_empty() => {
                let (form, fields) = PersonForm::open(self, None);
                (form, FormFields::Person(fields))
            }
            FormPurpose::PeopleCausingHarm => {
                let (form, fields) = HarmPicker::open(self);
                (form, FormFields::HarmPicker(fields))
            }
            FormPurpose::PersonCausingHarm(index) => {
                let (form, fields) = PersonForm::open(self, index);
                (form, FormFields::Person(fields))
            }
            FormPurpose::Note { item, index } => match NoteForm::open(self, item, index) {
                Some((form, fields)) => (form, FormFields::Note(fields)),
                None => return,
            },
            FormPurpose::FillSection(source) => match FillForm::open(self, source) {
                Some((form, fields)) => (form, FormFields::Fill(fields)),
                None => return,
            },
        };
        self.show_form(form, fields);
    }

    /// Puts `form` over the screen.
    pub(super) fn show_form(&mut self, form: Form, fields: FormFields) {
        self.overlay = Some(Overlay::Form {
            form: Box::new(form),
            fields: Box::new(fields),
        });
    }

    /// Keys while a form is open.
    pub(super) fn update_form(&mut self, action: &Action) {
        let today = self.today();
        let now = self.now.time();
        let Some(Overlay::Form { form, .. }) = self.overlay.as_mut() else {
            return;
        };
        match form.handle(action, today, now) {
            FormOutcome::Continue => {}
            FormOutcome::Cancelled => self.overlay = None,
            FormOutcome::Submitted => {
                let Some(Overlay::Form { mut form, fields }) = self.overlay.take() else {
                    return;
                };
                match fields.save(&form, self) {
                    Ok((changed, said)) => {
                        if changed.is_yes() {
                            self.changed();
                        }
                        self.say(&format!("{said}."), Tone::Info);
                    }
                    Err(refusal) => {
                        form.set_error(&refusal.to_string());
                        self.overlay = Some(Overlay::Form { form, fields });
                    }
                }
            }
        }
    }
}
