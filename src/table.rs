//! Plain-text tables aligned by display width, so names like Zoë, 陈伟 and emoji line up.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::text::for_terminal;

/// A table of text cells printed as aligned columns separated by two spaces.
#[derive(Debug, Clone, Default)]
pub struct TextTable {
    rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table whose first row is the header.
    #[must_use]
    pub fn with_header(header: &[&str]) -> Self {
        Self {
            rows: vec![header.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    /// Adds a row; line breaks in cells become spaces so rows stay one line, and other
    /// control characters are shown as [`for_terminal`] shows them, so the columns are
    /// aligned by what is printed.
    pub fn push(&mut self, cells: Vec<String>) {
        let cells = cells
            .into_iter()
            .map(|cell| {
                let cell = if cell.contains(['\n', '\r', '\t']) {
                    cell.replace(['\n', '\r', '\t'], " ")
                } else {
                    cell
                };
                match for_terminal(&cell) {
                    Cow::Borrowed(_) => cell,
                    Cow::Owned(shown) => shown,
                }
            })
            .collect();
        self.rows.push(cells);
    }

    /// Number of rows, header included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no rows at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as lines joined by `\n`, with a trailing newline; the last column is not padded.
    #[must_use]
    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        let mut out = String::new();
        for row in &self.rows {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.extend(std::iter::repeat_n(' ', widths[i] - cell.width()));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut table = TextTable::with_header(&["NAME", "AGENCY"]);
        table.push(vec!["陈伟".into(), "NHS".into()]);
        table.push(vec!["Zoë".into(), "Police".into()]);
        table.push(vec!["🙂 Sam\nLee".into(), "Advocacy".into()]);
        assert_eq!(
            table.render(),
            "NAME        AGENCY\n陈伟        NHS\nZoë         Police\n🙂 Sam Lee  Advocacy\n"
        );
    }

    #[test]
    fn controls_are_shown_and_aligned_as_printed() {
        let mut table = TextTable::with_header(&["TITLE", "ID"]);
        table.push(vec!["a\u{1b}[2J\u{202e}".into(), "1".into()]);
        table.push(vec!["b".into(), "2".into()]);
        assert_eq!(
            table.render(),
            "TITLE          ID\na␛[2J<U+202E>  1\nb              2\n"
        );
    }
}

/// `text` cut to at most `width` columns of display width, ending in `…` when cut.
#[must_use]
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for (cluster, w) in clusters(text) {
        if used + w + 1 > width {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` wrapped into lines of at most `width` columns of display width, at spaces; a word
/// too long for a line is broken, so no line is ever wider than `width`. Line breaks in
/// `text` are kept; an empty text is one empty line.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_with(text, width, false)
}

/// [`wrap`]; with `flow`, a word too long for any line starts on the current one, so a long
/// path takes as few lines as it can.
fn wrap_with(text: &str, width: usize, flow: bool) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for source in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in source.split_whitespace() {
            let word_width = word.width();
            if used > 0 && used + 1 + word_width <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + word_width;
                continue;
            }
            if flow && word_width > width && used > 0 && used + 2 < width {
                line.push(' ');
                used += 1;
            } else if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if word_width <= width {
                line.push_str(word);
                used = word_width;
                continue;
            }
            for (cluster, w) in clusters(word) {
                if used > 0 && used + w > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(cluster);
                used += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// [`wrap`], at most `rows` lines: when more are needed the last one shown ends in `…`. A
/// word too long for a line (a path) goes on from where the line is, not from a new one.
#[must_use]
pub fn wrap_rows(text: &str, width: usize, rows: usize) -> Vec<String> {
    let mut lines = wrap_with(text, width, true);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            let cut = truncate(last, width.saturating_sub(1));
            *last = format!("{}…", cut.trim_end_matches('…'));
        }
    }
    lines
}

/// `text` as clusters of a character with the zero-width characters that follow it (a
/// variation selector, an emoji skin tone, a zero-width joiner and what it joins, combining
/// accents), each with its display width as a terminal draws it: "☎\u{FE0F}" is two
/// columns, as is "👍🏽".
pub fn clusters(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        let mut end = first.len_utf8();
        let mut joined = false;
        for (at, c) in chars {
            let zero = unicode_width::UnicodeWidthChar::width(c) == Some(0)
                || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c);
            if zero || joined {
                joined = c == '\u{200D}';
                end = at + c.len_utf8();
            } else {
                break;
            }
        }
        let (cluster, after) = rest.split_at(end);
        rest = after;
        Some((cluster, cluster.width()))
    })
}

#[cfg(test)]
mod truncate_tests {
    use super::{truncate, wrap, wrap_rows};

    #[test]
    fn wraps_at_spaces_by_display_width_and_marks_what_is_left_out() {
        assert_eq!(
            wrap("Minutes written to a.docx", 12),
            ["Minutes", "written to", "a.docx"]
        );
        assert_eq!(wrap("陈伟陈伟", 5), ["陈伟", "陈伟"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap_rows("one two three four", 9, 2), ["one two", "three…"]);
        assert_eq!(wrap_rows("one two", 9, 2), ["one two"]);
        assert_eq!(
            wrap_rows("to /a/b/c/d.docx", 9, 3),
            ["to /a/b/c", "/d.docx"]
        );
        assert_eq!(wrap("to /a/b/c/d.docx", 9), ["to", "/a/b/c/d.", "docx"]);
    }

    #[test]
    fn emoji_with_a_variation_selector_is_one_two_column_cluster() {
        let got: Vec<(&str, usize)> =
            super::clusters("a\u{260E}\u{FE0F}b\u{1F44D}\u{1F3FD}").collect();
        assert_eq!(
            got,
            [
                ("a", 1),
                ("\u{260E}\u{FE0F}", 2),
                ("b", 1),
                ("\u{1F44D}\u{1F3FD}", 2)
            ]
        );
        // Broken or cut, the emoji stays whole and is counted as two columns.
        assert_eq!(
            wrap("\u{260E}\u{FE0F}\u{260E}\u{FE0F}x", 3),
            ["\u{260E}\u{FE0F}", "\u{260E}\u{FE0F}x"]
        );
        assert_eq!(
            truncate("\u{260E}\u{FE0F}\u{260E}\u{FE0F}x", 4),
            "\u{260E}\u{FE0F}…"
        );
    }

    #[test]
    fn cuts_by_display_width_not_bytes() {
        assert_eq!(truncate("Siobhán", 10), "Siobhán");
        assert_eq!(truncate("Siobhán Ó Briain", 8), "Siobhán…");
        assert_eq!(truncate("陈伟陈伟", 5), "陈伟…");
        assert_eq!(truncate("abc", 0), "");
    }
}
