//! Laying a form out: labels in a column, values beside them (or under them when narrow), an
//! error-or-hint line and a key-hint line. Fields are drawn into a scratch column as tall as
//! they need, then the rows around the focused field are copied to the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::columns::{Columns, columns};
use super::field::{Field, TextKind, Value};
use super::field_view::FieldView;
use super::paint::put;
use super::window::scroll_window;
use super::{Form, FormKeys, Notice};
use crate::tui::theme::Theme;

/// The error-or-hint line and the key-hint line.
const FOOTER_ROWS: u16 = 2;
/// Rows a several-line text field takes unless the form has rows to spare.
const LONG_TEXT_ROWS: u16 = 4;

/// What drawing the fields produced: the tall column, the focused field's rows and the
/// caret, in the column's coordinates.
struct Column {
    buffer: Buffer,
    focused_rows: (usize, usize),
    caret: Option<Position>,
}

impl Form {
    /// The rows [`Form::render`] needs at this width, both measured inside the caller's
    /// border (add 2 to each for a bordered pop-up). Given fewer rows the form scrolls;
    /// given more, several-line text fields grow into them.
    #[must_use]
    pub fn preferred_height(&self, width: u16) -> u16 {
        let columns = columns(&self.fields, width);
        self.fields
            .iter()
            .map(|field| field_rows(field, columns))
            .fold(FOOTER_ROWS, u16::saturating_add)
    }

    /// Draws the form filling `area` (inside the caller's cleared, bordered pop-up) and
    /// returns where the terminal cursor belongs: the focused text field's caret or the
    /// focused list row, so screen readers follow it. Never panics, whatever the size. The
    /// footer names `keys`.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &FormKeys,
    ) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return None;
        }
        buf.set_style(area, theme.base());
        let footer = FOOTER_ROWS.min(area.height - 1);
        let fields_area = Rect {
            height: area.height - footer,
            ..area
        };
        let columns = columns(&self.fields, area.width);
        let column = self.draw_column(columns, fields_area.height, theme);
        let caret = show_window(&column, fields_area, buf, theme);
        let footer_area = Rect {
            y: fields_area.bottom(),
            height: footer,
            ..area
        };
        self.draw_footer(footer_area, buf, theme, keys);
        caret
    }

    /// Every field, one under the other, in a scratch buffer as wide as the form.
    fn draw_column(&self, columns: Columns, room: u16, theme: &Theme) -> Column {
        let heights = self.heights(columns, room);
        let total = heights.iter().fold(0, |sum: u16, h| sum.saturating_add(*h));
        let width = columns.value_x.saturating_add(columns.value_width);
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, total));
        buffer.set_style(buffer.area, theme.base());
        let mut column = Column {
            buffer,
            focused_rows: (0, 0),
            caret: None,
        };
        let mut y = 0;
        for (index, (field, height)) in self.fields.iter().zip(heights).enumerate() {
            let rect = Rect::new(0, y, width, height).intersection(column.buffer.area);
            let focused = index == self.focus;
            let drawn = FieldView {
                field,
                focused,
                theme,
                clock: (self.today(), self.now()),
            };
            let caret = drawn.draw(rect, columns, &mut column.buffer);
            if focused {
                column.caret = caret;
                column.focused_rows = (usize::from(rect.y), usize::from(rect.bottom()));
            }
            y = y.saturating_add(height);
        }
        column
    }

    /// Each field's rows; several-line text fields share any rows to spare, and lists
    /// shrink to fit between the "more" markers so their label stays in view.
    fn heights(&self, columns: Columns, room: u16) -> Vec<u16> {
        let fit = room.saturating_sub(2).max(1 + u16::from(columns.stacked));
        let mut heights: Vec<u16> = self
            .fields
            .iter()
            .map(|field| match field.value {
                Value::Multi(_) => field_rows(field, columns).min(fit),
                _ => field_rows(field, columns),
            })
            .collect();
        let total = heights.iter().fold(0, |sum: u16, h| sum.saturating_add(*h));
        let long: Vec<usize> = (0..self.fields.len())
            .filter(|i| {
                self.fields[*i]
                    .text()
                    .is_some_and(|t| t.kind == TextKind::Long)
            })
            .collect();
        let spare = room.saturating_sub(total) / u16::try_from(long.len().max(1)).unwrap_or(1);
        for i in long {
            heights[i] = heights[i].saturating_add(spare);
        }
        heights
    }

    /// The error (or the focused field's hint) and the key hints; only one line when short.
    fn draw_footer(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        let status = self.status(theme, keys);
        let mut rows = area.rows();
        if area.height == 1 && status.is_none() {
            self.draw_key_hints(area, buf, theme, keys);
            return;
        }
        if let (Some(row), Some((text, style))) = (rows.next(), status) {
            put(buf, row.x, row.y, &text, row.width, style);
        }
        if let Some(row) = rows.next() {
            self.draw_key_hints(row, buf, theme, keys);
        }
    }

    fn status(&self, theme: &Theme, keys: &FormKeys) -> Option<(String, Style)> {
        match &self.notice {
            Some(Notice::Error(message)) => Some((message.clone(), theme.error())),
            Some(Notice::ConfirmDiscard) => Some((
                format!("{} again to discard changes", keys.cancel),
                theme.warning(),
            )),
            None => {
                let hint = self.fields.get(self.focus)?.hint.clone()?;
                Some((hint, theme.muted()))
            }
        }
    }

    /// "Enter save · Tab next field · Esc cancel", plus a key for the focused field, shortened
    /// to fit.
    fn draw_key_hints(&self, row: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        let extra = self.fields.get(self.focus).and_then(field_key_hint);
        let (save, next, cancel) = (
            (keys.save.as_str(), "save"),
            (keys.next.as_str(), "next field"),
            (keys.cancel.as_str(), "cancel"),
        );
        let full: Vec<(&str, &str)> = [save, next]
            .into_iter()
            .chain(extra)
            .chain([cancel])
            .collect();
        let candidates = [
            full,
            vec![save, next, cancel],
            vec![save, (next.0, "next"), cancel],
            vec![save, cancel],
        ];
        let width = |hints: &[(&str, &str)]| -> usize {
            hints
                .iter()
                .map(|(k, d)| k.width() + 1 + d.width())
                .sum::<usize>()
                + 3 * hints.len().saturating_sub(1)
        };
        let Some(hints) = candidates
            .iter()
            .find(|hints| width(hints) <= usize::from(row.width))
        else {
            let text = format!("{} cancel", keys.cancel);
            put(buf, row.x, row.y, &text, row.width, theme.muted());
            return;
        };
        let mut x = row.x;
        for (i, (key, description)) in hints.iter().enumerate() {
            let separator = if i == 0 { "" } else { " · " };
            let room = |x: u16| row.right().saturating_sub(x);
            x = put(buf, x, row.y, separator, room(x), theme.muted());
            x = put(buf, x, row.y, key, room(x), theme.key_hint());
            let description = format!(" {description}");
            x = put(buf, x, row.y, &description, room(x), theme.base());
        }
    }
}

/// The extra key hint for the focused field's kind.
fn field_key_hint(field: &Field) -> Option<(&'static str, &'static str)> {
    match &field.value {
        Value::Text(text) if text.kind == TextKind::Long => Some(("Ctrl-J", "new line")),
        Value::Text(_) => None,
        Value::Choice(_) => Some(("←→", "change")),
        Value::Multi(_) => Some(("Space", "tick")),
        Value::Flag(_) => Some(("Space", "yes/no")),
    }
}

/// Copies the rows around the focused field to `area`, with "more above/below" markers;
/// returns the caret in screen coordinates if it shows.
fn show_window(column: &Column, area: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let total = usize::from(column.buffer.area.height);
    let (start, end) = column.focused_rows;
    let height = usize::from(area.height);
    let between_markers = if height >= 3 { height - 2 } else { height };
    let fits = end - start <= between_markers || total <= height;
    let target = match column.caret {
        Some(caret) if !fits => {
            let caret_end = usize::from(caret.y) + 1;
            (
                start.max(caret_end.saturating_sub(between_markers)),
                caret_end,
            )
        }
        _ => (start, end),
    };
    let window = scroll_window(0, target.0, target.1, total, area.height);
    let first_row = area.y + u16::from(window.above);
    if window.above {
        put(
            buf,
            area.x,
            area.y,
            "  ↑ more above",
            area.width,
            theme.muted(),
        );
    }
    for (offset, row) in (window.start..window.end).enumerate() {
        let y = first_row.saturating_add(u16::try_from(offset).unwrap_or(u16::MAX));
        copy_row(
            &column.buffer,
            row,
            buf,
            Position::new(area.x, y),
            area.width,
        );
    }
    if window.below {
        put(
            buf,
            area.x,
            area.bottom() - 1,
            "  ↓ more below",
            area.width,
            theme.muted(),
        );
    }
    let caret = column.caret?;
    let row = usize::from(caret.y);
    (window.start..window.end).contains(&row).then(|| {
        let y = usize::from(first_row) + row - window.start;
        Position::new(area.x + caret.x, u16::try_from(y).unwrap_or(u16::MAX))
    })
}

fn copy_row(from: &Buffer, row: usize, to: &mut Buffer, at: Position, width: u16) {
    let Ok(row) = u16::try_from(row) else {
        return;
    };
    for x in 0..width {
        let target = Position::new(at.x.saturating_add(x), at.y);
        if let (Some(source), Some(cell)) = (from.cell((x, row)), to.cell_mut(target)) {
            cell.clone_from(source);
        }
    }
}

/// The rows a field takes before any spare rows are shared out.
fn field_rows(field: &Field, columns: Columns) -> u16 {
    let value = match &field.value {
        Value::Text(text) if text.kind == TextKind::Long => LONG_TEXT_ROWS,
        Value::Multi(multi) => multi.rows(),
        _ => 1,
    };
    value + u16::from(columns.stacked)
}
