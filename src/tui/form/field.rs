//! One field of a form: its value, whether it changed, and what a key does to it.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Input, Key, TextArea, WrapMode};

use super::window::{Window, scroll_window};
use crate::text::for_record;

/// The most option rows a several-of-a-list field shows at once; it scrolls beyond that.
pub(super) const MULTI_ROWS: u16 = 8;

/// What a key did to the focused field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyResult {
    /// The field took the key (or ignored it); focus stays.
    Stay,
    /// Focus moves to the next field (Down at the bottom of the field).
    LeaveNext,
    /// Focus moves to the previous field (Up at the top of the field).
    LeavePrev,
}

/// A labelled field.
#[derive(Debug, Clone)]
pub(super) struct Field {
    /// The name the caller reads the value by.
    pub key: String,
    /// What the minute-taker sees.
    pub label: String,
    /// Submitting refuses an empty value.
    pub required: bool,
    /// Shown under the fields while this one has focus.
    pub hint: Option<String>,
    /// The value and how it is edited.
    pub value: Value,
}

/// The kinds of value a field holds.
#[derive(Debug, Clone)]
pub(super) enum Value {
    /// Typed text: one line, several lines, a date or a time (boxed: an editor is large).
    Text(Box<TextValue>),
    /// One of a list, or possibly none.
    Choice(ChoiceValue),
    /// Several of a list.
    Multi(MultiValue),
    /// Yes or no.
    Flag(FlagValue),
}

/// How typed text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextKind {
    /// One line; newlines refused, pasted ones become spaces.
    Line,
    /// Several lines, soft-wrapped; Ctrl-J starts a new line.
    Long,
    /// A date, parsed when read.
    Date,
    /// A time, parsed when read.
    Time,
}

/// Typed text in a [`TextArea`].
#[derive(Debug, Clone)]
pub(super) struct TextValue {
    /// How the text is read.
    pub kind: TextKind,
    /// The editor; drawn directly by the form.
    pub editor: TextArea<'static>,
    initial: String,
}

/// One of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ChoiceValue {
    /// The options, in order.
    pub options: Vec<String>,
    /// The chosen option; `None` is "not recorded".
    pub selected: Option<usize>,
    /// Whether "not recorded" is one of the values (the field started without a value).
    pub allows_none: bool,
    initial: Option<usize>,
}

/// Several of a list, with a cursor row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MultiValue {
    /// The options, in order.
    pub options: Vec<String>,
    /// Whether each option is ticked; as long as `options`.
    pub checked: Vec<bool>,
    /// The option the cursor is on.
    pub cursor: usize,
    /// The first option row shown (the list scrolls within [`MULTI_ROWS`]).
    pub top: usize,
    initial: Vec<bool>,
}

/// Yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FlagValue {
    /// The answer.
    pub value: bool,
    initial: bool,
}

impl Field {
    /// A field with no modifiers.
    pub fn new(key: &str, label: &str, value: Value) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            required: false,
            hint: None,
            value,
        }
    }

    /// Whether the value differs from the one the form opened with.
    pub fn changed(&self) -> bool {
        match &self.value {
            Value::Text(text) => text.text() != text.initial,
            Value::Choice(choice) => choice.selected != choice.initial,
            Value::Multi(multi) => multi.checked != multi.initial,
            Value::Flag(flag) => flag.value != flag.initial,
        }
    }

    /// Whether the field has no value, for `required` (a flag always has one).
    pub fn is_empty(&self) -> bool {
        match &self.value {
            Value::Text(text) => text.text().trim().is_empty(),
            Value::Choice(choice) => choice.selected.is_none(),
            Value::Multi(multi) => !multi.checked.contains(&true),
            Value::Flag(_) => false,
        }
    }

    /// The typed text, if this is a text field.
    pub fn text(&self) -> Option<&TextValue> {
        match &self.value {
            Value::Text(text) => Some(text.as_ref()),
            _ => None,
        }
    }

    /// Shows or hides the drawn caret of a text field.
    pub fn set_focused(&mut self, focused: bool) {
        if let Value::Text(text) = &mut self.value {
            let caret = Style::new().add_modifier(Modifier::REVERSED);
            text.editor
                .set_cursor_style(if focused { caret } else { Style::new() });
        }
    }

    /// Focus arrives: a list puts its cursor on the row nearest where focus came from.
    pub fn enter(&mut self, forward: bool) {
        if let Value::Multi(multi) = &mut self.value {
            let last = multi.options.len().saturating_sub(1);
            multi.move_to(if forward { 0 } else { last });
        }
    }

    /// A key for this field while it has focus.
    pub fn key(&mut self, input: Input) -> KeyResult {
        match &mut self.value {
            Value::Text(text) => text.key(input),
            Value::Choice(choice) => choice.key(&input),
            Value::Multi(multi) => multi.key(&input),
            Value::Flag(flag) => flag.key(&input),
        }
    }

    /// Pasted text: typed into a text field, ignored elsewhere.
    pub fn paste(&mut self, pasted: &str) {
        if let Value::Text(text) = &mut self.value {
            text.paste(pasted);
        }
    }

    /// Left/Right as an action: steps a choice, toggles a flag.
    pub fn cycle(&mut self, by: i8) {
        match &mut self.value {
            Value::Choice(choice) => choice.step(isize::from(by)),
            Value::Flag(flag) if by != 0 => flag.value = !flag.value,
            _ => {}
        }
    }
}

impl Value {
    /// A text value of `kind` holding `initial`.
    pub fn typed(kind: TextKind, initial: &str) -> Self {
        Self::Text(Box::new(TextValue::new(kind, initial)))
    }
}

impl TextValue {
    /// An editor holding `initial` without control characters (it may come from a file
    /// written elsewhere), caret at the end.
    pub fn new(kind: TextKind, initial: &str) -> Self {
        let initial = match kind {
            TextKind::Long => for_record(initial).into_owned(),
            _ => one_line(initial),
        };
        let mut editor = TextArea::new(initial.split('\n').map(str::to_owned).collect());
        editor.set_cursor_line_style(Style::new());
        editor.set_cursor_style(Style::new());
        if kind == TextKind::Long {
            editor.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        editor.move_cursor(CursorMove::Bottom);
        editor.move_cursor(CursorMove::End);
        Self {
            kind,
            editor,
            initial,
        }
    }

    /// The text as typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    fn is_long(&self) -> bool {
        self.kind == TextKind::Long
    }

    fn paste(&mut self, pasted: &str) {
        let pasted = if self.is_long() {
            for_record(pasted).into_owned()
        } else {
            one_line(pasted)
        };
        self.editor.insert_str(pasted);
    }

    fn key(&mut self, input: Input) -> KeyResult {
        let plain = !input.ctrl && !input.alt;
        let newline = matches!(input.key, Key::Enter | Key::Char('\n' | '\r'))
            || (input.ctrl && input.key == Key::Char('m'));
        if input.ctrl && !input.alt && input.key == Key::Char('j') {
            if self.is_long() {
                self.editor.insert_newline();
            }
            return KeyResult::Stay;
        }
        if newline && !self.is_long() {
            return KeyResult::Stay;
        }
        // Ctrl-U deletes back to the start of the line, as in every prompt and shell (the
        // editor's own binding would undo typing instead).
        if input.ctrl && !input.alt && input.key == Key::Char('u') {
            self.editor.delete_line_by_head();
            return KeyResult::Stay;
        }
        let before = self.editor.cursor();
        let key = input.key;
        self.editor.input(input);
        if !self.is_long() {
            self.keep_one_line();
        }
        match key {
            Key::Up if plain && self.editor.cursor() == before => KeyResult::LeavePrev,
            Key::Down if plain && self.editor.cursor() == before => KeyResult::LeaveNext,
            _ => KeyResult::Stay,
        }
    }

    /// A one-line field never holds a newline, whatever the editor's shortcuts did.
    fn keep_one_line(&mut self) {
        if self.editor.lines().len() > 1 {
            let joined = self.editor.lines().join(" ");
            let cursor_style = self.editor.cursor_style();
            *self = Self {
                initial: std::mem::take(&mut self.initial),
                ..Self::new(self.kind, &joined)
            };
            self.editor.set_cursor_style(cursor_style);
        }
    }
}

impl ChoiceValue {
    /// A choice of `options`; `selected` out of range counts as none.
    pub fn new(options: Vec<String>, selected: Option<usize>) -> Self {
        let selected = selected.filter(|i| *i < options.len());
        Self {
            options,
            selected,
            allows_none: selected.is_none(),
            initial: selected,
        }
    }

    /// The chosen option's text.
    pub fn selected_text(&self) -> Option<&str> {
        self.options.get(self.selected?).map(String::as_str)
    }

    /// Moves `by` options, through "not recorded" when allowed, wrapping at the ends.
    pub fn step(&mut self, by: isize) {
        let none_slot = usize::from(self.allows_none);
        let slots = self.options.len() + none_slot;
        if slots == 0 {
            return;
        }
        let current = self.selected.map_or(0, |i| i + none_slot);
        let slots_signed = isize::try_from(slots).unwrap_or(isize::MAX);
        let moved = isize::try_from(current)
            .unwrap_or(0)
            .saturating_add(by)
            .rem_euclid(slots_signed);
        let moved = usize::try_from(moved).unwrap_or(0);
        self.selected = if self.allows_none {
            moved.checked_sub(1)
        } else {
            Some(moved)
        };
    }

    fn key(&mut self, input: &Input) -> KeyResult {
        if input.ctrl || input.alt {
            return KeyResult::Stay;
        }
        match input.key {
            Key::Up => return KeyResult::LeavePrev,
            Key::Down => return KeyResult::LeaveNext,
            Key::Left => self.step(-1),
            Key::Right | Key::Char(' ') => self.step(1),
            Key::Home if !self.options.is_empty() => self.selected = Some(0),
            Key::End if !self.options.is_empty() => self.selected = Some(self.options.len() - 1),
            Key::Backspace | Key::Delete if self.allows_none => self.selected = None,
            Key::Char(c) => {
                let after = self.selected.map_or(0, |i| i + 1);
                self.selected = next_starting_with(&self.options, after, c).or(self.selected);
            }
            _ => {}
        }
        KeyResult::Stay
    }
}

impl MultiValue {
    /// Options with their ticks; missing ticks are off, extra ones dropped.
    pub fn new(options: Vec<String>, mut checked: Vec<bool>) -> Self {
        checked.resize(options.len(), false);
        Self {
            options,
            initial: checked.clone(),
            checked,
            cursor: 0,
            top: 0,
        }
    }

    /// How many option rows the field shows.
    pub fn rows(&self) -> u16 {
        u16::try_from(self.options.len())
            .unwrap_or(u16::MAX)
            .clamp(1, MULTI_ROWS)
    }

    /// Which options show in `rows` rows, keeping the cursor in view.
    pub fn window(&self, rows: u16) -> Window {
        scroll_window(
            self.top,
            self.cursor,
            self.cursor + 1,
            self.options.len(),
            rows,
        )
    }

    fn move_to(&mut self, cursor: usize) {
        self.cursor = cursor.min(self.options.len().saturating_sub(1));
        self.top = self.window(self.rows()).start;
    }

    fn toggle(&mut self) {
        if let Some(tick) = self.checked.get_mut(self.cursor) {
            *tick = !*tick;
        }
    }

    fn key(&mut self, input: &Input) -> KeyResult {
        if input.ctrl || input.alt {
            return KeyResult::Stay;
        }
        let page = usize::from(MULTI_ROWS) - 1;
        match input.key {
            Key::Up if self.cursor == 0 => return KeyResult::LeavePrev,
            Key::Down if self.cursor + 1 >= self.options.len() => return KeyResult::LeaveNext,
            Key::Up => self.move_to(self.cursor - 1),
            Key::Down => self.move_to(self.cursor + 1),
            Key::PageUp => self.move_to(self.cursor.saturating_sub(page)),
            Key::PageDown => self.move_to(self.cursor + page),
            Key::Home => self.move_to(0),
            Key::End => self.move_to(usize::MAX),
            Key::Char(' ' | 'x' | 'X') => self.toggle(),
            Key::Char(c) => {
                if let Some(i) = next_starting_with(&self.options, self.cursor + 1, c) {
                    self.move_to(i);
                }
            }
            _ => {}
        }
        KeyResult::Stay
    }
}

impl FlagValue {
    /// A yes/no answer.
    pub const fn new(value: bool) -> Self {
        Self {
            value,
            initial: value,
        }
    }

    fn key(&mut self, input: &Input) -> KeyResult {
        if input.ctrl || input.alt {
            return KeyResult::Stay;
        }
        match input.key {
            Key::Up => return KeyResult::LeavePrev,
            Key::Down => return KeyResult::LeaveNext,
            Key::Char(' ') | Key::Left | Key::Right => self.value = !self.value,
            Key::Char('y' | 'Y') => self.value = true,
            Key::Char('n' | 'N') => self.value = false,
            _ => {}
        }
        KeyResult::Stay
    }
}

/// The first option from `start` on (wrapping) whose first letter is `letter`, ignoring case.
fn next_starting_with(options: &[String], start: usize, letter: char) -> Option<usize> {
    if !letter.is_alphanumeric() || options.is_empty() {
        return None;
    }
    let wanted: String = letter.to_lowercase().collect();
    let starts = |option: &String| {
        option
            .chars()
            .next()
            .is_some_and(|first| first.to_lowercase().eq(wanted.chars()))
    };
    (0..options.len())
        .map(|offset| (start + offset) % options.len())
        .find(|i| starts(&options[*i]))
}

/// Text for a one-line field: line breaks and tabs become spaces, control characters go.
fn one_line(text: &str) -> String {
    for_record(text).replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key) -> Input {
        Input {
            key,
            ..Input::default()
        }
    }

    fn options(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_choice_without_a_value_cycles_through_not_recorded() {
        let mut choice = ChoiceValue::new(options(&["a", "b"]), None);
        let seen: Vec<Option<usize>> = (0..4)
            .map(|_| {
                choice.step(1);
                choice.selected
            })
            .collect();
        assert_eq!(seen, [Some(0), Some(1), None, Some(0)]);
        choice.step(-2);
        assert_eq!(choice.selected, Some(1));
    }

    #[test]
    fn a_choice_with_a_value_never_goes_back_to_none() {
        let mut choice = ChoiceValue::new(options(&["a", "b"]), Some(1));
        choice.step(1);
        assert_eq!(choice.selected, Some(0));
        choice.key(&key(Key::Delete));
        assert_eq!(choice.selected, Some(0));
        let mut empty = ChoiceValue::new(Vec::new(), Some(3));
        empty.step(1);
        assert_eq!(empty.selected, None);
    }

    #[test]
    fn letters_jump_to_the_next_option_starting_with_them() {
        let list = options(&["Police", "Probation", "Ambulance", "Éducation"]);
        let mut choice = ChoiceValue::new(list, None);
        choice.key(&key(Key::Char('p')));
        assert_eq!(choice.selected, Some(0));
        choice.key(&key(Key::Char('P')));
        assert_eq!(choice.selected, Some(1));
        choice.key(&key(Key::Char('p')));
        assert_eq!(choice.selected, Some(0), "wraps");
        choice.key(&key(Key::Char('é')));
        assert_eq!(choice.selected, Some(3));
        choice.key(&key(Key::Char('z')));
        assert_eq!(choice.selected, Some(3), "no match keeps the value");
    }

    #[test]
    fn a_list_leaves_at_either_end_and_scrolls_in_between() {
        let names: Vec<String> = (0..20).map(|i| format!("option {i}")).collect();
        let mut multi = MultiValue::new(names, vec![true]);
        assert_eq!(multi.checked.len(), 20);
        assert_eq!(multi.key(&key(Key::Up)), KeyResult::LeavePrev);
        for _ in 0..19 {
            assert_eq!(multi.key(&key(Key::Down)), KeyResult::Stay);
        }
        assert_eq!(multi.cursor, 19);
        let window = multi.window(multi.rows());
        assert!(window.start <= 19 && 19 < window.end, "{window:?}");
        assert_eq!(multi.key(&key(Key::Down)), KeyResult::LeaveNext);
        multi.key(&key(Key::Char('x')));
        assert!(multi.checked[19]);
    }

    #[test]
    fn one_line_fields_refuse_newlines() {
        let mut text = TextValue::new(TextKind::Line, "a\r\nb\tc");
        assert_eq!(text.text(), "a b c");
        text.key(key(Key::Enter));
        text.key(Input {
            key: Key::Char('m'),
            ctrl: true,
            ..Input::default()
        });
        text.paste("d\ne");
        assert_eq!(text.text(), "a b cd e");
        assert_eq!(text.editor.lines().len(), 1);
    }

    #[test]
    fn text_fields_hold_no_control_characters() {
        let mut long = TextValue::new(TextKind::Long, "a\u{1b}]0;x\u{7}\r\nb");
        long.paste("\u{9b}c\td");
        assert_eq!(long.text(), "a]0;x\nbc\td");
        let line = TextValue::new(TextKind::Line, "a\u{1b}[2J\tb");
        assert_eq!(line.text(), "a[2J b");
    }

    #[test]
    fn long_text_takes_ctrl_j_as_a_new_line() {
        let mut text = TextValue::new(TextKind::Long, "a\rb");
        assert_eq!(text.text(), "a\nb");
        text.key(Input {
            key: Key::Char('j'),
            ctrl: true,
            ..Input::default()
        });
        text.paste("c\r\nd");
        assert_eq!(text.text(), "a\nb\nc\nd");
    }
}
