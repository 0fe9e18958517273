//! Attendees one line each: "Priya Raman, DC, Police", Enter, the next person. A person costs
//! little more than their text; Tab opens the full form on what was typed.

use super::{LiveScreen, Overlay, Pane, Tone};
use crate::model::Attendee;
use crate::people::attendee_from_line;
use crate::tui::action::{Action, edit_line};

/// The one-line attendee prompt: the line being typed and who it has added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleLine {
    /// What is typed.
    pub line: String,
    /// Who was added from it, newest last, as the status line named them.
    pub added: Vec<String>,
}

impl LiveScreen {
    /// Opens the one-line attendee prompt.
    pub(super) fn open_people_line(&mut self) {
        if self.writable() {
            self.focus_pane(Pane::People);
            self.overlay = Some(Overlay::PeopleLine(PeopleLine::default()));
        }
    }

    /// Keys while the prompt is open: Enter adds the person and stays open for the next,
    /// Tab opens the full form on the line, Esc closes.
    pub(super) fn update_people_line(&mut self, action: Action) {
        let Some(Overlay::PeopleLine(prompt)) = self.overlay.as_mut() else {
            return;
        };
        match action {
            Action::Edit(input) => {
                edit_line(&mut prompt.line, &input);
            }
            Action::Paste(text) => prompt.line.push_str(text.lines().next().unwrap_or("")),
            Action::Submit if prompt.line.trim().is_empty() => self.overlay = None,
            Action::Submit => {
                let line = prompt.line.clone();
                self.add_person_from_line(&line);
            }
            Action::NextField => {
                let typed = attendee_from_line(&prompt.line).ok();
                self.overlay = None;
                let template = typed.map(|p| Attendee::new(&p.name, &p.role, &p.agency));
                self.open_attendee_form(None, template);
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
    }

    fn add_person_from_line(&mut self, line: &str) {
        let added = attendee_from_line(line).map_err(|problem| format!("Not added: {problem}."));
        let added = added.and_then(|input| {
            self.record
                .add_attendee(input, self.now)
                .map_err(|refusal| format!("Not added: {refusal}"))
        });
        match added {
            Ok(index) => {
                self.changed();
                self.selected.people = index;
                let person = &self.record.attendees[index];
                let text = format!("Added {}.", person.attribution());
                if let Some(Overlay::PeopleLine(prompt)) = self.overlay.as_mut() {
                    prompt.line.clear();
                    prompt.added.push(text.clone());
                }
                self.say(&text, Tone::Info);
            }
            Err(problem) => self.say(&problem, Tone::Warning),
        }
    }
}
