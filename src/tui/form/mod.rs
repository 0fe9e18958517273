//! A keyboard-only form for the pop-up windows of the live screen (an attendee, a finding, a
//! decision, an action, the plan...): pure state and drawing, no I/O and no clock.
//!
//! Build it with [`Form::new`] and fields, feed it [`Action`]s with [`Form::handle`] until
//! it says [`FormOutcome::Submitted`] or [`FormOutcome::Cancelled`], then read the values.
//! Fields are added either with typed handles ([`Form::add_text`], [`Form::add_choice`]...),
//! which read each value back as its type and an untouched one exactly as given, or by key
//! with chained methods ([`Form::text`]...) read back by key ([`Form::text_of`]...). Draw it with
//! [`Form::render`] inside a pop-up whose border (titled [`Form::title`]) the caller draws,
//! sized with [`Form::preferred_height`].
//!
//! Keys: the key map's `NextField` / `PrevField` (Tab / Shift-Tab by default) move between
//! fields, wrapping round; Up and Down do too, except inside several-line text and lists,
//! which they leave only at the edges. `Submit` (Enter) submits (validating required fields,
//! dates and times); `Back` (Esc) cancels, but asks first when something changed. Those come
//! only from the key map, so a key rebound away from them is just a key here. Text fields
//! take typing and paste (Ctrl-J: new line in several-line text); a choice takes
//! Left/Right/Space and a first letter; a list takes Space or `x` to tick; a flag takes
//! Space, Left/Right, `y` and `n`. The footer names the keys it is given in [`FormKeys`].
//!
//! ```
//! use minutes::tui::form::Form;
//!
//! let mut form = Form::new("Add attendee");
//! let name = form.add_text("Name", "").required().handle();
//! let adult = form.add_flag("Is the adult", false).handle();
//! assert_eq!((name.read(&form), adult.read(&form)), (String::new(), false));
//!
//! let keyed = Form::new("Add attendee")
//!     .text("name", "Name", "")
//!     .required()
//!     .choice("role", "Role", vec!["Chair".into(), "Police".into()], None)
//!     .flag("adult", "Is the adult", false);
//! assert_eq!(keyed.focused_key(), Some("name"));
//! ```
//!
//! [`Action`]: crate::tui::action::Action

mod columns;
mod field;
mod field_view;
mod handle;
mod input;
mod paint;
mod parse;
mod render;
mod window;

use chrono::{NaiveDate, NaiveTime};

use field::{ChoiceValue, Field, FlagValue, MultiValue, TextKind, TextValue, Value};

pub use handle::{
    Adding, ChoiceField, DateField, FlagField, LinesField, PickField, TextField, TicksField,
    TimeField, YesNoField,
};
pub use parse::{parse_date, parse_time};

/// What a form did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// Still open.
    Continue,
    /// The values passed validation: read them, then close the form (or refuse them with
    /// [`Form::set_error`] and keep it open).
    Submitted,
    /// The minute-taker left without saving.
    Cancelled,
}

/// The names of the keys that save, move to the next field and cancel, as the key table in
/// force has them (`Keymap::form_keys`), for the form's footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormKeys {
    /// Saves the form: `Enter`.
    pub save: String,
    /// The next field: `Tab`.
    pub next: String,
    /// Cancels: `Esc`.
    pub cancel: String,
}

/// The line under the fields, when something needs saying.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    /// Validation failed, or the caller refused the values.
    Error(String),
    /// Esc was pressed once on a changed form.
    ConfirmDiscard,
}

/// A form: labelled fields, one focused, with validation on submit. See the module docs.
#[derive(Debug, Clone)]
pub struct Form {
    title: String,
    fields: Vec<Field>,
    focus: usize,
    notice: Option<Notice>,
    /// The date and time of the latest [`Form::handle`], for `today`, `tomorrow` and `now`.
    clock: Option<(NaiveDate, NaiveTime)>,
}

impl Form {
    /// An empty form; its title goes in the caller's pop-up border.
    #[must_use]
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            fields: Vec::new(),
            focus: 0,
            notice: None,
            clock: None,
        }
    }

    /// The title given to [`Form::new`].
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Adds a one-line text field; pasted newlines become spaces.
    #[must_use]
    pub fn text(self, key: &str, label: &str, initial: &str) -> Self {
        self.with(key, label, Value::typed(TextKind::Line, initial))
    }

    /// Adds a several-line, soft-wrapped text field; Ctrl-J starts a new line.
    #[must_use]
    pub fn long_text(self, key: &str, label: &str, initial: &str) -> Self {
        self.with(key, label, Value::typed(TextKind::Long, initial))
    }

    /// Adds a one-of-a-list field. With `selected` `None` it starts "not recorded" and can be
    /// set back to that; with a value it always has one.
    #[must_use]
    pub fn choice(
        self,
        key: &str,
        label: &str,
        options: Vec<String>,
        selected: Option<usize>,
    ) -> Self {
        self.with(
            key,
            label,
            Value::Choice(ChoiceValue::new(options, selected)),
        )
    }

    /// Adds a several-of-a-list field; `checked` pairs with `options` (missing ones are off).
    #[must_use]
    pub fn multi(self, key: &str, label: &str, options: Vec<String>, checked: Vec<bool>) -> Self {
        self.with(key, label, Value::Multi(MultiValue::new(options, checked)))
    }

    /// Adds a date field: typed text read by [`parse_date`], shown back in words beside it.
    #[must_use]
    pub fn date(self, key: &str, label: &str, initial: Option<NaiveDate>) -> Self {
        let text = initial.map(parse::date_text).unwrap_or_default();
        self.with(key, label, Value::typed(TextKind::Date, &text))
    }

    /// Adds a time field: `HH:MM` or `now`, read by [`parse_time`].
    #[must_use]
    pub fn time(self, key: &str, label: &str, initial: Option<NaiveTime>) -> Self {
        let text = initial.map(parse::time_text).unwrap_or_default();
        self.with(key, label, Value::typed(TextKind::Time, &text))
    }

    /// Adds a yes/no field.
    #[must_use]
    pub fn flag(self, key: &str, label: &str, initial: bool) -> Self {
        self.with(key, label, Value::Flag(FlagValue::new(initial)))
    }

    /// Makes the last added field required: submitting refuses it empty (marked `*`).
    #[must_use]
    pub fn required(mut self) -> Self {
        if let Some(field) = self.fields.last_mut() {
            field.required = true;
        }
        self
    }

    /// Gives the last added field a hint, shown under the fields while it has focus.
    #[must_use]
    pub fn hint(mut self, text: &str) -> Self {
        if let Some(field) = self.fields.last_mut() {
            field.hint = Some(text.to_owned());
        }
        self
    }

    fn with(mut self, key: &str, label: &str, value: Value) -> Self {
        self.push(key, label, value);
        self
    }

    /// Adds a field; returns where it is.
    fn push(&mut self, key: &str, label: &str, value: Value) -> usize {
        let mut field = Field::new(key, label, value);
        if self.fields.is_empty() {
            field.set_focused(true);
            field.enter(true);
        }
        self.fields.push(field);
        self.fields.len() - 1
    }

    /// A text field's text, trimmed (lines joined with `\n`), or a choice's option; empty
    /// for other fields and unknown keys.
    #[must_use]
    pub fn text_of(&self, key: &str) -> String {
        self.index_of(key)
            .map(|index| self.text_at(index))
            .unwrap_or_default()
    }

    /// A choice field's option index; `None` when "not recorded" or not a choice.
    #[must_use]
    pub fn choice_of(&self, key: &str) -> Option<usize> {
        self.choice_at(self.index_of(key)?)
    }

    /// A several-of-a-list field's ticks, one per option; empty when not such a field.
    #[must_use]
    pub fn multi_of(&self, key: &str) -> Vec<bool> {
        self.index_of(key)
            .map(|index| self.ticks_at(index))
            .unwrap_or_default()
    }

    /// A yes/no field's answer; `false` when not such a field.
    #[must_use]
    pub fn flag_of(&self, key: &str) -> bool {
        self.index_of(key).is_some_and(|index| self.flag_at(index))
    }

    /// A date field's date; `None` when empty, not a date, or not a date field.
    #[must_use]
    pub fn date_of(&self, key: &str) -> Option<NaiveDate> {
        self.date_at(self.index_of(key)?)
    }

    /// A time field's time; `None` when empty, not a time, or not a time field.
    #[must_use]
    pub fn time_of(&self, key: &str) -> Option<NaiveTime> {
        self.time_at(self.index_of(key)?)
    }

    /// Shows an error under the fields until the next action, e.g. when the caller refuses
    /// submitted values ("those initials are taken"); pair it with [`Form::set_focus`].
    pub fn set_error(&mut self, message: &str) {
        self.notice = Some(Notice::Error(message.to_owned()));
    }

    /// Moves focus to the field with this key, if there is one.
    pub fn set_focus(&mut self, key: &str) {
        if let Some(index) = self.fields.iter().position(|field| field.key == key) {
            self.focus_index(index);
        }
    }

    /// The key of the focused field; `None` for a form without fields.
    #[must_use]
    pub fn focused_key(&self) -> Option<&str> {
        self.fields.get(self.focus).map(|field| field.key.as_str())
    }

    /// Whether the focused field takes typed text, so letters are text, not commands.
    #[must_use]
    pub fn is_editing_text(&self) -> bool {
        self.fields
            .get(self.focus)
            .is_some_and(|field| field.text().is_some())
    }

    /// Whether any field differs from the value the form opened with.
    #[must_use]
    pub fn has_changes(&self) -> bool {
        self.fields.iter().any(Field::changed)
    }

    /// Where the first field with this key is (keys are meant to be unique within a form).
    fn index_of(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.key == key)
    }

    fn value_at(&self, index: usize) -> Option<&Value> {
        self.fields.get(index).map(|field| &field.value)
    }

    /// Whether field `index` differs from the value the form opened with.
    fn changed_at(&self, index: usize) -> bool {
        self.fields.get(index).is_some_and(Field::changed)
    }

    fn text_at(&self, index: usize) -> String {
        match self.value_at(index) {
            Some(Value::Text(text)) => text.text().trim().to_owned(),
            Some(Value::Choice(choice)) => choice.selected_text().unwrap_or_default().to_owned(),
            _ => String::new(),
        }
    }

    fn choice_at(&self, index: usize) -> Option<usize> {
        match self.value_at(index)? {
            Value::Choice(choice) => choice.selected,
            _ => None,
        }
    }

    fn ticks_at(&self, index: usize) -> Vec<bool> {
        match self.value_at(index) {
            Some(Value::Multi(multi)) => multi.checked.clone(),
            _ => Vec::new(),
        }
    }

    fn flag_at(&self, index: usize) -> bool {
        matches!(self.value_at(index), Some(Value::Flag(flag)) if flag.value)
    }

    fn date_at(&self, index: usize) -> Option<NaiveDate> {
        parse_date(&self.typed(index, TextKind::Date)?, self.today())
    }

    fn time_at(&self, index: usize) -> Option<NaiveTime> {
        parse_time(&self.typed(index, TextKind::Time)?, self.now())
    }

    /// The raw text of field `index` if it is a text field of `kind`.
    fn typed(&self, index: usize, kind: TextKind) -> Option<String> {
        self.fields
            .get(index)?
            .text()
            .filter(|text| text.kind == kind)
            .map(TextValue::text)
    }

    fn today(&self) -> NaiveDate {
        self.clock.map(|(today, _)| today).unwrap_or_default()
    }

    fn now(&self) -> NaiveTime {
        self.clock.map(|(_, now)| now).unwrap_or_default()
    }

    /// Focuses field `index`, moving the drawn caret with it.
    fn focus_index(&mut self, index: usize) {
        if let Some(old) = self.fields.get_mut(self.focus) {
            old.set_focused(false);
        }
        self.focus = index;
        if let Some(new) = self.fields.get_mut(index) {
            new.set_focused(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Form {
        Form::new("Add action")
            .long_text("what", "What", "")
            .required()
            .text("owner", "Owner", "  JS  ")
            .date("due", "Due", NaiveDate::from_ymd_opt(2026, 12, 3))
            .time("at", "At", None)
            .choice("who", "Who", vec!["a".into(), "b".into()], Some(1))
            .multi(
                "out",
                "Outcomes",
                vec!["x".into(), "y".into()],
                vec![false, true, true],
            )
            .flag("adult", "Adult", true)
            .hint("Space toggles")
    }

    #[test]
    fn getters_read_the_initial_values() {
        let form = sample();
        assert_eq!(form.title(), "Add action");
        assert_eq!(form.text_of("owner"), "JS");
        assert_eq!(form.text_of("who"), "b");
        assert_eq!(form.choice_of("who"), Some(1));
        assert_eq!(form.multi_of("out"), [false, true]);
        assert!(form.flag_of("adult"));
        assert_eq!(form.date_of("due"), NaiveDate::from_ymd_opt(2026, 12, 3));
        assert_eq!(form.time_of("at"), None);
        assert_eq!(
            form.fields.last().and_then(|f| f.hint.as_deref()),
            Some("Space toggles")
        );
        assert!(!form.has_changes());
    }

    #[test]
    fn wrong_keys_and_kinds_read_as_empty() {
        let form = sample();
        assert_eq!(form.text_of("nope"), "");
        assert_eq!(form.choice_of("owner"), None);
        assert!(form.multi_of("who").is_empty());
        assert!(!form.flag_of("owner"));
        assert_eq!(form.date_of("at"), None);
        assert_eq!(form.time_of("due"), None);
    }

    #[test]
    fn focus_moves_by_key_and_the_caret_follows() {
        let mut form = sample();
        assert_eq!(form.focused_key(), Some("what"));
        assert!(form.is_editing_text());
        form.set_focus("adult");
        assert_eq!(form.focused_key(), Some("adult"));
        assert!(!form.is_editing_text());
        form.set_focus("missing");
        assert_eq!(form.focused_key(), Some("adult"));
        let empty = Form::new("Nothing").required().hint("ignored");
        assert_eq!(empty.focused_key(), None);
        assert!(!empty.is_editing_text());
    }
}
