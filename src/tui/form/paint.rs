//! Writing text into a buffer cell by cell: cut to display width, never outside the buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Style;

/// Writes `text` at (x, y), at most `width` columns, with "…" when cut; returns the column
/// after it. Writes nothing outside the buffer.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) -> u16 {
    if width == 0 || !buf.area.contains(Position::new(x, y)) {
        return x;
    }
    buf.set_stringn(x, y, fit(text, width), usize::from(width), style)
        .0
}

/// `text` cut to `width` display columns, ending in "…" when cut.
pub(super) fn fit(text: &str, width: u16) -> String {
    crate::table::truncate(text, usize::from(width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_counts_display_columns() {
        assert_eq!(fit("Zoë", 3), "Zoë");
        assert_eq!(fit("Zoë Smith", 5), "Zoë …");
        assert_eq!(fit("山田太郎", 5), "山田…");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn nothing_is_written_outside_the_buffer() {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 1));
        assert_eq!(put(&mut buffer, 9, 9, "x", 3, Style::new()), 9);
        assert_eq!(put(&mut buffer, 1, 0, "abcdef", 9, Style::new()), 4);
        assert_eq!(buffer.content()[3].symbol(), "c");
    }
}
