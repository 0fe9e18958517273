//! The people alleged to have caused harm (`004` section 6.2): a chooser of who to edit
//! (or to add someone), and one form per person with the feedback to them and to their
//! employer.

use super::sections::ArrangementFields;
use super::{FormPurpose, Saved};
use crate::model::{Changed, PersonCausingHarm, PersonCausingHarmInput};
use crate::tui::app::{LiveScreen, PLAN_SECTIONS};
use crate::tui::form::{FlagField, Form, PickField, TextField};

/// Where the people alleged to have caused harm are among the plan pane's sections.
pub const PEOPLE_CAUSING_HARM_SECTION: usize = 5;

/// The chooser: one of the people, or a new one (the last option).
#[derive(Debug)]
pub struct HarmPicker {
    person: PickField,
    count: usize,
}

impl HarmPicker {
    /// The chooser over `screen`'s people alleged to have caused harm.
    #[must_use]
    pub fn open(screen: &LiveScreen) -> (Form, Self) {
        let people = &screen.record.feedback.people_causing_harm;
        let mut options: Vec<String> = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut text = format!("{}. {}", i + 1, p.name_or(i + 1));
                if !p.employer.trim().is_empty() {
                    text.push_str(&format!(" ({})", p.employer.trim()));
                }
                text
            })
            .collect();
        options.push("Add another person".to_owned());
        let mut form = Form::new(PLAN_SECTIONS[PEOPLE_CAUSING_HARM_SECTION]);
        let fields = Self {
            person: form
                .add_pick("Person", options, 0)
                .hint("Enter opens them; one entry per person alleged to have caused harm")
                .handle(),
            count: people.len(),
        };
        (form, fields)
    }

    /// Opens the chosen person's form, or a new one.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let chosen = self.person.read(form);
        let index = (chosen < self.count).then_some(chosen);
        screen.open_form(FormPurpose::PersonCausingHarm(index));
        Ok((Changed::No, "Editing the person".to_owned()))
    }
}

/// One person's form; `index` is the person edited, `None` for a new one.
#[derive(Debug)]
pub struct PersonForm {
    index: Option<usize>,
    who: TextField,
    employer: TextField,
    feedback: ArrangementFields,
    support: TextField,
    employer_feedback: ArrangementFields,
    remove: Option<FlagField>,
}

impl PersonForm {
    /// The form on person `index` (a new one when `None` or not there).
    #[must_use]
    pub fn open(screen: &LiveScreen, index: Option<usize>) -> (Form, Self) {
        let people = &screen.record.feedback.people_causing_harm;
        let person = index.and_then(|i| people.get(i));
        let index = index.filter(|_| person.is_some());
        let empty = PersonCausingHarm::default();
        let p = person.unwrap_or(&empty);
        let title = match index {
            Some(i) => format!("Person alleged to have caused harm {}", i + 1),
            None => "Add a person alleged to have caused harm".to_owned(),
        };
        let mut form = Form::new(&title);
        let fields = Self {
            index,
            who: form
                .add_text("Who", &p.who)
                .required()
                .hint("a name or a description, e.g. her son, a care worker at Oakfield")
                .handle(),
            employer: form
                .add_text("Their employer", &p.employer)
                .hint("where relevant, e.g. the care provider")
                .handle(),
            feedback: ArrangementFields::open(&mut form, "Feedback to them", &p.feedback, true),
            support: form
                .add_text("Supported by", &p.best_interests_support)
                .hint("if they lack capacity: who acts in their best interests (004 §6.2)")
                .handle(),
            employer_feedback: ArrangementFields::open(
                &mut form,
                "Feedback to the employer",
                &p.employer_feedback,
                true,
            ),
            remove: index.map(|_| {
                form.add_flag("Remove this person", false)
                    .hint("entered by mistake: they leave the record")
                    .handle()
            }),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> PersonCausingHarmInput {
        PersonCausingHarmInput {
            who: self.who.read(form),
            employer: self.employer.read(form),
            feedback: self.feedback.read(form),
            employer_feedback: self.employer_feedback.read(form),
            best_interests_support: self.support.read(form),
        }
    }

    /// Adds, edits or removes the person.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let now = screen.now;
        if let (Some(index), Some(remove)) = (self.index, &self.remove)
            && remove.read(form)
        {
            let removed = screen.record.remove_person_causing_harm(index, now)?;
            return Ok((
                Changed::Yes,
                format!("Removed {}", removed.name_or(index + 1)),
            ));
        }
        let (index, changed) =
            screen
                .record
                .set_person_causing_harm(self.index, self.read(form), now)?;
        let person = &screen.record.feedback.people_causing_harm[index];
        let mut said = format!("{} saved", person.name_or(index + 1));
        if person.feedback.is_unassigned() {
            said.push_str("; still: who gives them feedback");
        }
        Ok((changed, said))
    }
}
