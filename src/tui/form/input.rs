//! What each action does to a form: moving focus, editing the focused field, submitting
//! with validation, and cancelling (twice when something changed).

use chrono::{NaiveDate, NaiveTime};
use ratatui_textarea::{Input, Key};

use super::field::{KeyResult, TextKind, Value};
use super::{Form, FormOutcome, Notice, parse_date, parse_time};
use crate::tui::action::Action;

/// An action as the form understands it.
enum Step<'a> {
    Next,
    Prev,
    Submit,
    Cancel,
    Paste(&'a str),
    Key(Input),
    Cycle(i8),
    Ignore,
}

impl Form {
    /// Applies one action. `today` and `now` read `today`, `tomorrow` and `now` typed into
    /// date and time fields. Any action the form uses clears the error line (others, such as
    /// ticks, change nothing); Esc on a changed form only asks ("Esc again to discard
    /// changes") unless the previous action the form used was that Esc.
    #[must_use]
    pub fn handle(&mut self, action: &Action, today: NaiveDate, now: NaiveTime) -> FormOutcome {
        self.clock = Some((today, now));
        let step = step(action);
        if matches!(step, Step::Ignore) {
            return FormOutcome::Continue;
        }
        let confirming = self.notice.take() == Some(Notice::ConfirmDiscard);
        match step {
            Step::Next => self.move_focus(true),
            Step::Prev => self.move_focus(false),
            Step::Submit => return self.submit(),
            Step::Cancel => return self.cancel(confirming),
            Step::Paste(text) => self.focused(|field| field.paste(text)),
            Step::Cycle(by) => self.focused(|field| field.cycle(by)),
            Step::Key(input) => self.key(input),
            Step::Ignore => {}
        }
        FormOutcome::Continue
    }

    fn key(&mut self, input: Input) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match field.key(input) {
            KeyResult::Stay => {}
            KeyResult::LeaveNext => self.move_focus(true),
            KeyResult::LeavePrev => self.move_focus(false),
        }
    }

    fn focused(&mut self, edit: impl FnOnce(&mut super::field::Field)) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            edit(field);
        }
    }

    /// Next or previous field, wrapping round.
    fn move_focus(&mut self, forward: bool) {
        let count = self.fields.len();
        if count == 0 {
            return;
        }
        let index = if forward {
            (self.focus + 1) % count
        } else {
            (self.focus + count - 1) % count
        };
        self.focus_index(index);
        self.focused(|field| field.enter(forward));
    }

    fn submit(&mut self) -> FormOutcome {
        match self.first_problem() {
            None => FormOutcome::Submitted,
            Some((index, message)) => {
                self.focus_index(index);
                self.notice = Some(Notice::Error(message));
                FormOutcome::Continue
            }
        }
    }

    fn cancel(&mut self, confirming: bool) -> FormOutcome {
        if confirming || !self.has_changes() {
            return FormOutcome::Cancelled;
        }
        self.notice = Some(Notice::ConfirmDiscard);
        FormOutcome::Continue
    }

    /// The first field, top down, that cannot be saved, and why.
    fn first_problem(&self) -> Option<(usize, String)> {
        self.fields.iter().enumerate().find_map(|(index, field)| {
            let label = &field.label;
            let problem = if field.required && field.is_empty() {
                match field.value {
                    Value::Multi(_) => format!("{label}: tick at least one."),
                    Value::Choice(_) => format!("{label}: choose one."),
                    _ => format!("{label} is required."),
                }
            } else {
                self.unreadable(field)?
            };
            Some((index, problem))
        })
    }

    /// Why a typed date or time cannot be read, if it cannot.
    fn unreadable(&self, field: &super::field::Field) -> Option<String> {
        let text = field.text()?;
        let typed = text.text();
        let label = &field.label;
        if typed.trim().is_empty() {
            return None;
        }
        match text.kind {
            TextKind::Date if parse_date(&typed, self.today()).is_none() => Some(format!(
                "{label}: not a date. Try 3/12, 2026-12-03 or tomorrow."
            )),
            TextKind::Time if parse_time(&typed, self.now()).is_none() => {
                Some(format!("{label}: not a time. Try 14:30 or now."))
            }
            _ => None,
        }
    }
}

/// The form's reading of an action. Moving, saving and leaving come from the key map's
/// actions alone: a key that arrives as [`Action::Edit`] is for the focused field, so a key
/// rebound away from saving (say Enter) no longer saves.
fn step(action: &Action) -> Step<'_> {
    match action {
        Action::NextField => Step::Next,
        Action::PrevField => Step::Prev,
        Action::Submit => Step::Submit,
        Action::Back => Step::Cancel,
        Action::Paste(text) => Step::Paste(text),
        Action::CycleChoice(by) => Step::Cycle(*by),
        Action::SelectNext => Step::Key(plain(Key::Down)),
        Action::SelectPrev => Step::Key(plain(Key::Up)),
        Action::Edit(input) if input.key == Key::Null => Step::Ignore,
        Action::Edit(input) => Step::Key(input.clone()),
        _ => Step::Ignore,
    }
}

fn plain(key: Key) -> Input {
    Input {
        key,
        ..Input::default()
    }
}
