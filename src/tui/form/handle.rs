//! Typed fields. Adding a field with [`Form::add_text`] and its kin returns a handle that
//! reads the field back as its type, so the code that lays a form out and the code that
//! reads it name each field once, with no key spelled in two places. A field left as it was
//! reads back exactly as it was given (untrimmed, with its seconds, in its order), so saving
//! an untouched form changes nothing.

use std::fmt::Display;

use chrono::{NaiveDate, NaiveTime};

use super::field::{ChoiceValue, FlagValue, MultiValue, TextKind, Value};
use super::{Form, parse};

/// The words of a yes/no choice.
const YES_NO: [&str; 2] = ["Yes", "No"];

/// A field being added: make it required or give it a hint, then take its handle.
#[derive(Debug)]
pub struct Adding<'a, H> {
    form: &'a mut Form,
    handle: H,
}

impl<H> Adding<'_, H> {
    /// Submitting refuses the field empty (marked `*`).
    #[must_use]
    pub fn required(self) -> Self {
        if let Some(field) = self.form.fields.last_mut() {
            field.required = true;
        }
        self
    }

    /// Shown under the fields while this one has focus.
    #[must_use]
    pub fn hint(self, text: &str) -> Self {
        if let Some(field) = self.form.fields.last_mut() {
            field.hint = Some(text.to_owned());
        }
        self
    }

    /// The handle that reads the field back.
    #[must_use]
    pub fn handle(self) -> H {
        self.handle
    }
}

/// Typed text, one line or several; reads back trimmed once changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    index: usize,
    given: String,
}

/// A date typed in words or numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateField {
    index: usize,
    given: Option<NaiveDate>,
}

/// A time of day, `HH:MM` or `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeField {
    index: usize,
    given: Option<NaiveTime>,
}

/// Yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagField {
    index: usize,
}

/// Yes, no, or not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YesNoField {
    index: usize,
}

/// One of a list of values, or possibly none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceField<T: 'static> {
    index: usize,
    values: &'static [T],
}

/// One of a list made when the form opens (agenda items, people): always one chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PickField {
    index: usize,
    given: usize,
}

/// Several of a list of values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicksField<T: 'static> {
    index: usize,
    values: &'static [T],
    given: Vec<T>,
}

/// A list typed one item a line; blank lines are no items.
#[derive(Debug, Clone)]
pub struct LinesField<T> {
    index: usize,
    given: Vec<T>,
    parse: fn(&str) -> Option<T>,
}

impl Form {
    /// Adds a one-line text field; pasted newlines become spaces.
    pub fn add_text(&mut self, label: &str, initial: &str) -> Adding<'_, TextField> {
        let index = self.push(label, label, Value::typed(TextKind::Line, initial));
        self.adding(TextField {
            index,
            given: initial.to_owned(),
        })
    }

    /// Adds a several-line, soft-wrapped text field; Ctrl-J starts a new line.
    pub fn add_long_text(&mut self, label: &str, initial: &str) -> Adding<'_, TextField> {
        let index = self.push(label, label, Value::typed(TextKind::Long, initial));
        self.adding(TextField {
            index,
            given: initial.to_owned(),
        })
    }

    /// Adds a date field, shown back in words beside it.
    pub fn add_date(&mut self, label: &str, initial: Option<NaiveDate>) -> Adding<'_, DateField> {
        let text = initial.map(parse::date_text).unwrap_or_default();
        let index = self.push(label, label, Value::typed(TextKind::Date, &text));
        self.adding(DateField {
            index,
            given: initial,
        })
    }

    /// Adds a time field.
    pub fn add_time(&mut self, label: &str, initial: Option<NaiveTime>) -> Adding<'_, TimeField> {
        let text = initial.map(parse::time_text).unwrap_or_default();
        let index = self.push(label, label, Value::typed(TextKind::Time, &text));
        self.adding(TimeField {
            index,
            given: initial,
        })
    }

    /// Adds a yes/no field.
    pub fn add_flag(&mut self, label: &str, initial: bool) -> Adding<'_, FlagField> {
        let index = self.push(label, label, Value::Flag(FlagValue::new(initial)));
        self.adding(FlagField { index })
    }

    /// Adds a choice of yes or no that starts "not recorded" when `initial` is `None`.
    pub fn add_yes_no(&mut self, label: &str, initial: Option<bool>) -> Adding<'_, YesNoField> {
        let options = YES_NO.map(str::to_owned).to_vec();
        let selected = initial.map(|yes| usize::from(!yes));
        let index = self.push(
            label,
            label,
            Value::Choice(ChoiceValue::new(options, selected)),
        );
        self.adding(YesNoField { index })
    }

    /// Adds a choice of one of `values` (shown as they display); with `selected` `None` it
    /// starts "not recorded" and can be set back to that.
    pub fn add_choice<T: Copy + PartialEq + Display>(
        &mut self,
        label: &str,
        values: &'static [T],
        selected: Option<T>,
    ) -> Adding<'_, ChoiceField<T>> {
        let options = values.iter().map(ToString::to_string).collect();
        let selected = selected.and_then(|value| values.iter().position(|v| *v == value));
        let index = self.push(
            label,
            label,
            Value::Choice(ChoiceValue::new(options, selected)),
        );
        self.adding(ChoiceField { index, values })
    }

    /// Adds a choice of one of `options` (at least one), `selected` chosen; it is never
    /// "not recorded".
    pub fn add_pick(
        &mut self,
        label: &str,
        options: Vec<String>,
        selected: usize,
    ) -> Adding<'_, PickField> {
        let given = selected.min(options.len().saturating_sub(1));
        let index = self.push(
            label,
            label,
            Value::Choice(ChoiceValue::new(options, Some(given))),
        );
        self.adding(PickField { index, given })
    }

    /// Adds a list of `values` to tick, those in `chosen` ticked.
    pub fn add_ticks<T: Copy + PartialEq + Display>(
        &mut self,
        label: &str,
        values: &'static [T],
        chosen: &[T],
    ) -> Adding<'_, TicksField<T>> {
        let options = values.iter().map(ToString::to_string).collect();
        let checked = values.iter().map(|v| chosen.contains(v)).collect();
        let index = self.push(
            label,
            label,
            Value::Multi(MultiValue::new(options, checked)),
        );
        self.adding(TicksField {
            index,
            values,
            given: chosen.to_vec(),
        })
    }

    /// Adds a several-line field holding `items`, one a line as they display; each typed
    /// line (trimmed, not blank) is read back with `parse`, which may refuse it.
    pub fn add_lines<T: Clone + Display>(
        &mut self,
        label: &str,
        items: &[T],
        parse: fn(&str) -> Option<T>,
    ) -> Adding<'_, LinesField<T>> {
        let text: Vec<String> = items.iter().map(ToString::to_string).collect();
        let index = self.push(label, label, Value::typed(TextKind::Long, &text.join("\n")));
        self.adding(LinesField {
            index,
            given: items.to_vec(),
            parse,
        })
    }

    const fn adding<H>(&mut self, handle: H) -> Adding<'_, H> {
        Adding { form: self, handle }
    }
}

impl TextField {
    /// The text: as given if unchanged, else as typed, trimmed.
    #[must_use]
    pub fn read(&self, form: &Form) -> String {
        self.read_changed(form)
            .unwrap_or_else(|| self.given.clone())
    }

    /// The text as typed, trimmed, if it was changed.
    #[must_use]
    pub fn read_changed(&self, form: &Form) -> Option<String> {
        form.changed_at(self.index)
            .then(|| form.text_at(self.index))
    }
}

impl DateField {
    /// The date: as given if unchanged; `None` when empty.
    #[must_use]
    pub fn read(&self, form: &Form) -> Option<NaiveDate> {
        if form.changed_at(self.index) {
            form.date_at(self.index)
        } else {
            self.given
        }
    }
}

impl TimeField {
    /// The time: as given if unchanged (seconds too); `None` when empty.
    #[must_use]
    pub fn read(&self, form: &Form) -> Option<NaiveTime> {
        if form.changed_at(self.index) {
            form.time_at(self.index)
        } else {
            self.given
        }
    }
}

impl FlagField {
    /// Yes or no.
    #[must_use]
    pub fn read(&self, form: &Form) -> bool {
        form.flag_at(self.index)
    }
}

impl YesNoField {
    /// Yes, no, or `None` when not recorded.
    #[must_use]
    pub fn read(&self, form: &Form) -> Option<bool> {
        form.choice_at(self.index).map(|i| i == 0)
    }
}

impl<T: Copy> ChoiceField<T> {
    /// The chosen value; `None` when not recorded.
    #[must_use]
    pub fn read(&self, form: &Form) -> Option<T> {
        form.choice_at(self.index)
            .and_then(|i| self.values.get(i).copied())
    }
}

impl PickField {
    /// The position of the chosen option.
    #[must_use]
    pub fn read(&self, form: &Form) -> usize {
        form.choice_at(self.index).unwrap_or(self.given)
    }
}

impl<T: Copy> TicksField<T> {
    /// The ticked values: as given if unchanged, else in the list's order.
    #[must_use]
    pub fn read(&self, form: &Form) -> Vec<T> {
        if !form.changed_at(self.index) {
            return self.given.clone();
        }
        self.values
            .iter()
            .zip(form.ticks_at(self.index))
            .filter(|(_, ticked)| *ticked)
            .map(|(value, _)| *value)
            .collect()
    }
}

impl<T: Clone> LinesField<T> {
    /// The items: as given if unchanged, else one per typed line that `parse` reads.
    #[must_use]
    pub fn read(&self, form: &Form) -> Vec<T> {
        if !form.changed_at(self.index) {
            return self.given.clone();
        }
        form.text_at(self.index)
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .filter_map(self.parse)
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::tui::action::Action;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Colour {
        Red,
        Green,
        Blue,
    }

    impl Display for Colour {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{self:?}")
        }
    }

    const COLOURS: &[Colour] = &[Colour::Red, Colour::Green, Colour::Blue];

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn send(form: &mut Form, action: &Action) {
        let _ = form.handle(action, today(), NaiveTime::from_hms_opt(10, 0, 0).unwrap());
    }

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            let key = ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            };
            send(form, &Action::Edit(key));
        }
    }

    #[test]
    fn untouched_fields_read_back_exactly_as_given() {
        let mut form = Form::new("Untouched");
        let name = form
            .add_text("Name", "  Jo \u{1b}Smith ")
            .required()
            .handle();
        let at = form
            .add_time("At", NaiveTime::from_hms_opt(10, 20, 30))
            .handle();
        let due = form
            .add_date("Due", NaiveDate::from_ymd_opt(2026, 12, 3))
            .handle();
        let ticks = form
            .add_ticks("Colours", COLOURS, &[Colour::Blue, Colour::Red])
            .handle();
        let lines = form
            .add_lines("Lines", &[" a".to_owned(), "b".to_owned()], |l| {
                Some(l.to_owned())
            })
            .handle();
        assert_eq!(name.read(&form), "  Jo \u{1b}Smith ");
        assert_eq!(name.read_changed(&form), None);
        assert_eq!(at.read(&form), NaiveTime::from_hms_opt(10, 20, 30));
        assert_eq!(due.read(&form), NaiveDate::from_ymd_opt(2026, 12, 3));
        assert_eq!(ticks.read(&form), [Colour::Blue, Colour::Red]);
        assert_eq!(lines.read(&form), [" a", "b"]);
        assert!(!form.has_changes());
    }

    #[test]
    fn changed_fields_read_back_as_typed_and_in_list_order() {
        let mut form = Form::new("Changed");
        let name = form.add_text("Name", "Jo").handle();
        let ticks = form.add_ticks("Colours", COLOURS, &[Colour::Blue]).handle();
        let colour = form.add_choice("Colour", COLOURS, None).handle();
        let yes_no = form.add_yes_no("Attended", Some(false)).handle();
        let flag = form.add_flag("Restricted", false).handle();
        let lines = form
            .add_lines("Numbers", &[1u8, 2], |l| l.parse().ok())
            .handle();
        let pick = form
            .add_pick("Item", vec!["One".to_owned(), "Two".to_owned()], 1)
            .handle();
        assert_eq!(pick.read(&form), 1);
        type_text(&mut form, "  ");
        send(&mut form, &Action::NextField);
        type_text(&mut form, " ");
        send(&mut form, &Action::NextField);
        send(&mut form, &Action::CycleChoice(1));
        send(&mut form, &Action::NextField);
        send(&mut form, &Action::CycleChoice(1));
        send(&mut form, &Action::NextField);
        send(&mut form, &Action::CycleChoice(1));
        send(&mut form, &Action::NextField);
        type_text(&mut form, "x");
        assert_eq!(name.read(&form), "Jo", "changed, then trimmed");
        assert_eq!(name.read_changed(&form).as_deref(), Some("Jo"));
        assert_eq!(ticks.read(&form), [Colour::Red, Colour::Blue]);
        assert_eq!(colour.read(&form), Some(Colour::Red));
        assert_eq!(yes_no.read(&form), Some(true), "No -> Yes wraps");
        assert!(flag.read(&form));
        assert_eq!(lines.read(&form), [1], "'2x' is not a number");
        send(&mut form, &Action::NextField);
        send(&mut form, &Action::CycleChoice(1));
        assert_eq!(
            pick.read(&form),
            0,
            "Two -> One wraps, never 'not recorded'"
        );
    }
}
