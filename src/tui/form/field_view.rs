//! Drawing one field: its label in the label column and its value beside or under it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;

use super::columns::{Columns, MARK_WIDTH, label_text};
use super::field::{ChoiceValue, Field, FlagValue, MultiValue, TextKind, TextValue, Value};
use super::paint::put;
use super::parse::{date_in_words, parse_date, parse_time, time_text};
use super::window::Window;
use crate::tui::theme::Theme;

/// Columns of a date's input box; the date in words follows.
const DATE_BOX: u16 = 12;
/// Columns of a time's input box.
const TIME_BOX: u16 = 6;
/// What a choice without a value shows.
const NOT_RECORDED: &str = "not recorded";

/// One field being drawn.
pub(super) struct FieldView<'a> {
    /// The field.
    pub field: &'a Field,
    /// Whether it has focus.
    pub focused: bool,
    /// Where its styles come from.
    pub theme: &'a Theme,
    /// Today and now, for reading dates and times back.
    pub clock: (chrono::NaiveDate, chrono::NaiveTime),
}

impl FieldView<'_> {
    /// Draws label and value in `rect`; returns the caret if focused.
    pub fn draw(&self, rect: Rect, columns: Columns, buf: &mut Buffer) -> Option<Position> {
        if rect.is_empty() {
            return None;
        }
        self.draw_label(rect, columns, buf);
        let value = if columns.stacked {
            let below_label = rect.y.saturating_add(1);
            Rect::new(
                columns.value_x,
                below_label,
                columns.value_width,
                rect.height - 1,
            )
        } else {
            Rect::new(columns.value_x, rect.y, columns.value_width, rect.height)
        }
        .intersection(rect);
        if value.is_empty() {
            return None;
        }
        let caret = match &self.field.value {
            Value::Text(text) => self.draw_text(text, value, buf),
            Value::Choice(choice) => self.draw_choice(choice, value, buf),
            Value::Multi(multi) => self.draw_multi(multi, value, buf),
            Value::Flag(flag) => self.draw_flag(*flag, value, buf),
        };
        caret.filter(|_| self.focused)
    }

    fn draw_label(&self, rect: Rect, columns: Columns, buf: &mut Buffer) {
        let style = if self.focused {
            self.theme.title()
        } else {
            self.theme.base()
        };
        let mark = if self.focused { "›" } else { " " };
        put(buf, rect.x, rect.y, mark, columns.label_width, style);
        let room = columns.label_width.saturating_sub(MARK_WIDTH);
        put(
            buf,
            rect.x + MARK_WIDTH,
            rect.y,
            &label_text(self.field),
            room,
            style,
        );
        if let Value::Multi(multi) = &self.field.value
            && !columns.stacked
            && rect.height > 1
        {
            let ticked = multi.checked.iter().filter(|tick| **tick).count();
            let summary = format!("{ticked} of {}", multi.options.len());
            put(
                buf,
                rect.x + MARK_WIDTH,
                rect.y + 1,
                &summary,
                room,
                self.theme.muted(),
            );
        }
    }

    fn draw_text(&self, text: &TextValue, rect: Rect, buf: &mut Buffer) -> Option<Position> {
        let box_width = match text.kind {
            TextKind::Date => DATE_BOX,
            TextKind::Time => TIME_BOX,
            TextKind::Line | TextKind::Long => rect.width,
        };
        let input = Rect {
            width: box_width.min(rect.width),
            ..rect
        };
        buf.set_style(input, self.theme.input(self.focused));
        (&text.editor).render(input, buf);
        let x = input.right().saturating_add(1);
        let room = rect.right().saturating_sub(x);
        if let Some((words, style)) = self.reading(text, usize::from(room)) {
            put(buf, x, rect.y, &words, room, style);
        }
        text_caret(&text.editor, input)
    }

    /// A date or time as read back, or why it cannot be read, to show beside the typing in
    /// `room` columns.
    fn reading(&self, text: &TextValue, room: usize) -> Option<(String, Style)> {
        let typed = text.text();
        if typed.trim().is_empty() {
            return None;
        }
        let (today, now) = self.clock;
        match text.kind {
            TextKind::Date => Some(match parse_date(&typed, today) {
                Some(date) => (date_in_words(date, room)?, self.theme.muted()),
                None => ("not a date".to_owned(), self.theme.error()),
            }),
            TextKind::Time => match parse_time(&typed, now) {
                Some(time) if time_text(time) == typed.trim() => None,
                Some(time) => Some((time_text(time), self.theme.muted())),
                None => Some(("not a time".to_owned(), self.theme.error())),
            },
            TextKind::Line | TextKind::Long => None,
        }
    }

    fn draw_choice(&self, choice: &ChoiceValue, rect: Rect, buf: &mut Buffer) -> Option<Position> {
        let text = choice.selected_text().unwrap_or(NOT_RECORDED);
        let (shown, style) = if self.focused {
            (format!("‹ {text} ›"), self.theme.selected(true))
        } else if choice.selected.is_none() {
            (text.to_owned(), self.theme.muted())
        } else {
            (text.to_owned(), self.theme.input(false))
        };
        put(buf, rect.x, rect.y, &shown, rect.width, style);
        Some(Position::new(rect.x + 2.min(rect.width - 1), rect.y))
    }

    fn draw_multi(&self, multi: &MultiValue, rect: Rect, buf: &mut Buffer) -> Option<Position> {
        let muted = self.theme.muted();
        if multi.options.is_empty() {
            put(buf, rect.x, rect.y, "no options", rect.width, muted);
            return Some(rect.as_position());
        }
        let window: Window = multi.window(rect.height);
        let mut rows = rect.rows();
        if window.above
            && let Some(row) = rows.next()
        {
            let text = format!("↑ {} more", window.start);
            put(buf, row.x, row.y, &text, row.width, muted);
        }
        let mut caret = None;
        for (index, row) in (window.start..window.end).zip(rows.by_ref()) {
            let on_cursor = index == multi.cursor;
            let style = if on_cursor && self.focused {
                self.theme.selected(true)
            } else {
                self.theme.input(false)
            };
            buf.set_style(row, style);
            let ticked = multi.checked.get(index).copied().unwrap_or(false);
            let tick = if ticked { "[x]" } else { "[ ]" };
            let option = multi.options.get(index).map_or("", String::as_str);
            let text = format!("{tick} {option}");
            put(buf, row.x, row.y, &text, row.width, style);
            if on_cursor {
                caret = Some(Position::new(row.x + 1.min(row.width - 1), row.y));
            }
        }
        if window.below
            && let Some(row) = rows.next()
        {
            let text = format!("↓ {} more", multi.options.len() - window.end);
            put(buf, row.x, row.y, &text, row.width, muted);
        }
        caret
    }

    fn draw_flag(&self, flag: FlagValue, rect: Rect, buf: &mut Buffer) -> Option<Position> {
        let text = if flag.value { "[x] yes" } else { "[ ] no" };
        let style = if self.focused {
            self.theme.selected(true)
        } else {
            self.theme.input(false)
        };
        put(buf, rect.x, rect.y, text, rect.width, style);
        Some(Position::new(rect.x + 1.min(rect.width - 1), rect.y))
    }
}

/// The editor's caret on screen, after it was drawn in `rect`.
fn text_caret(editor: &TextArea<'_>, rect: Rect) -> Option<Position> {
    if rect.is_empty() {
        return None;
    }
    let cursor = editor.screen_cursor();
    let (top_row, top_col) = editor.scroll_offset();
    let offset = |at: usize, top: u16, room: u16| {
        let at = at.saturating_sub(usize::from(top));
        u16::try_from(at).unwrap_or(u16::MAX).min(room - 1)
    };
    Some(Position::new(
        rect.x + offset(cursor.col, top_col, rect.width),
        rect.y + offset(cursor.row, top_row, rect.height),
    ))
}
