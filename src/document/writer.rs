//! Block-level output for every format: headings, paragraphs, lists, label/value fields and
//! tables. Section code builds *inline* strings with [`Writer::user`], [`Writer::cell`] and
//! [`Writer::strong`] and hands them to the block methods, which know the format.
//!
//! Markdown and plain text are written straight into a string. The rich formats (HTML and
//! Word) are collected as [`Block`]s whose inline strings carry [`STRONG`] / [`EMPHASIS`]
//! marks, for `html.rs` and `docx.rs` to lay out; user text can never contain those marks,
//! since [`sanitize`] drops every control character.

use std::fmt::Write as _;

use super::columns;
use super::markup::{md_block, md_line, sanitize, width, wrap_cell, wrap_into};

/// Plain text is wrapped to this many columns (tables shrink their widest columns to fit).
pub(super) const TEXT_WIDTH: usize = 100;

/// Narrowest plain text is laid out to.
pub(super) const MIN_TEXT_WIDTH: usize = 30;

/// Narrowest a text table column is squeezed to before the table is allowed to overflow.
const MIN_COLUMN: usize = 10;

/// Narrowest a text table column is squeezed to when laid out for a narrow screen.
const MIN_SCREEN_COLUMN: usize = 5;

/// Opens and closes strongly emphasised text in a rich inline string.
pub(super) const STRONG: (char, char) = ('\u{1}', '\u{2}');
/// Opens and closes emphasised (italic) text in a rich inline string.
pub(super) const EMPHASIS: (char, char) = ('\u{3}', '\u{4}');

/// What a [`Writer`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// Markdown source.
    Markdown,
    /// Plain text wrapped to [`TEXT_WIDTH`].
    Text,
    /// [`Block`]s for the HTML and Word layouts.
    Rich,
}

/// One block of a rich document. Inline strings hold user text (cleaned, line breaks as
/// `\n`) and our own wording, with [`STRONG`] and [`EMPHASIS`] marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    /// A heading; level 1 is the document title.
    Heading(usize, String),
    /// A paragraph.
    Paragraph(String),
    /// The protective marking (and `DRAFT`) or the organisation, above the title: a line of
    /// its own, centred and bold in the rich formats.
    Banner(String),
    /// A quoted, set-off paragraph (the confidentiality statement).
    Quote(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// Label/value pairs.
    Fields(Vec<(String, String)>),
    /// A table with a header row.
    Table {
        /// Column headings.
        headers: Vec<String>,
        /// Rows, each as many cells as there are headings (or fewer).
        rows: Vec<Vec<String>>,
    },
}

/// One run of a rich inline string: text with its emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span<'a> {
    /// The text; may hold `\n` line breaks.
    pub text: &'a str,
    /// Strongly emphasised (bold).
    pub strong: bool,
    /// Emphasised (italic).
    pub emphasis: bool,
}

/// The runs of a rich inline string, marks removed.
pub(super) fn spans(inline: &str) -> impl Iterator<Item = Span<'_>> {
    let (mut strong, mut emphasis) = (false, false);
    inline
        .split_inclusive([STRONG.0, STRONG.1, EMPHASIS.0, EMPHASIS.1])
        .filter_map(move |piece| {
            let span = Span {
                text: piece.trim_end_matches([STRONG.0, STRONG.1, EMPHASIS.0, EMPHASIS.1]),
                strong,
                emphasis,
            };
            match piece.chars().next_back() {
                Some(c) if c == STRONG.0 => strong = true,
                Some(c) if c == STRONG.1 => strong = false,
                Some(c) if c == EMPHASIS.0 => emphasis = true,
                Some(c) if c == EMPHASIS.1 => emphasis = false,
                _ => {}
            }
            (!span.text.is_empty()).then_some(span)
        })
}

/// Accumulates one document.
pub(super) struct Writer {
    out: String,
    blocks: Vec<Block>,
    target: Target,
    /// Columns plain text is wrapped to ([`TEXT_WIDTH`] unless laid out for a screen).
    width: usize,
}

impl Writer {
    /// An empty document for `target`, with room for about `capacity` bytes.
    pub(super) fn new(target: Target, capacity: usize) -> Self {
        let rich = target == Target::Rich;
        Self {
            out: String::with_capacity(if rich { 0 } else { capacity }),
            blocks: Vec::new(),
            target,
            width: TEXT_WIDTH,
        }
    }

    /// The same writer wrapping plain text to `width` columns (at least [`MIN_TEXT_WIDTH`]).
    pub(super) fn wrapped_to(mut self, width: usize) -> Self {
        self.width = width.max(MIN_TEXT_WIDTH);
        self
    }

    /// The finished document, ending in exactly one newline (empty for [`Target::Rich`]).
    pub(super) fn finish(mut self) -> String {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        self.out.push('\n');
        self.out
    }

    /// The blocks of a [`Target::Rich`] document.
    pub(super) fn finish_blocks(self) -> Vec<Block> {
        self.blocks
    }

    /// User text for a heading, paragraph, list item or field: escaped for Markdown, cleaned
    /// for text. Line breaks are kept.
    pub(super) fn user(&self, text: &str) -> String {
        match self.target {
            Target::Markdown => md_block(text),
            Target::Text | Target::Rich => {
                let text = sanitize(text);
                let mut out = String::with_capacity(text.len());
                for line in text.lines().map(str::trim_end) {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(line);
                }
                out
            }
        }
    }

    /// User text for a table cell: one line in Markdown; line breaks kept elsewhere.
    pub(super) fn cell(&self, text: &str) -> String {
        match self.target {
            Target::Markdown => md_line(text),
            Target::Text | Target::Rich => self.user(text),
        }
    }

    /// Our own fixed wording, emphasised strongly (not in plain text).
    pub(super) fn strong(&self, text: &str) -> String {
        match self.target {
            Target::Markdown => format!("**{text}**"),
            Target::Text => text.to_owned(),
            Target::Rich => format!("{}{text}{}", STRONG.0, STRONG.1),
        }
    }

    /// Our own fixed wording, in italics (not in plain text).
    pub(super) fn emphasis(&self, text: &str) -> String {
        match self.target {
            Target::Markdown => format!("*{text}*"),
            Target::Text => text.to_owned(),
            Target::Rich => format!("{}{text}{}", EMPHASIS.0, EMPHASIS.1),
        }
    }

    /// A heading; `level` 1 is the document title. Line breaks in `inline` become spaces; in
    /// text a long heading wraps and is underlined to its widest line.
    pub(super) fn heading(&mut self, level: usize, inline: &str) {
        let inline = inline.replace('\n', " ");
        match self.target {
            Target::Markdown => {
                let _ = writeln!(self.out, "{} {inline}\n", "#".repeat(level.clamp(1, 6)));
            }
            Target::Rich => self.blocks.push(Block::Heading(level.clamp(1, 6), inline)),
            Target::Text => {
                let rule = match level {
                    1 => '=',
                    2 => '-',
                    _ => '~',
                };
                let start = self.out.len();
                wrap_into(&mut self.out, &inline, self.width, "", "");
                let widest = self.out[start..].lines().map(width).max().unwrap_or(0);
                self.out.extend(std::iter::repeat_n(rule, widest));
                self.out.push_str("\n\n");
            }
        }
    }

    /// A paragraph; line breaks in `inline` are kept.
    /// A line of text from the settings above the title (the marking, the organisation):
    /// bold; a [`Block::Banner`] in the rich formats.
    pub(super) fn banner(&mut self, text: &str) {
        let text = self.cell(text);
        if self.target == Target::Rich {
            self.blocks.push(Block::Banner(text));
            return;
        }
        let line = self.strong(&text);
        self.paragraph(&line);
    }

    pub(super) fn paragraph(&mut self, inline: &str) {
        if self.target == Target::Rich {
            self.blocks.push(Block::Paragraph(inline.to_owned()));
            return;
        }
        self.block_lines(inline, "", "");
        self.out.push('\n');
    }

    /// A block quote (Markdown) or an indented paragraph (text).
    pub(super) fn quote(&mut self, inline: &str) {
        match self.target {
            Target::Markdown => self.block_lines(inline, "> ", "> "),
            Target::Text => self.block_lines(inline, "    ", "    "),
            Target::Rich => {
                self.blocks.push(Block::Quote(inline.to_owned()));
                return;
            }
        }
        self.out.push('\n');
    }

    /// A bulleted list; each item may hold line breaks.
    pub(super) fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        if self.target == Target::Rich {
            let items = items.iter().map(|item| item.as_ref().to_owned()).collect();
            self.blocks.push(Block::Bullets(items));
            return;
        }
        for item in items {
            self.block_lines(item.as_ref(), "- ", "  ");
        }
        self.out.push('\n');
    }

    /// Label/value pairs: a list with bold labels in Markdown, aligned columns in text.
    pub(super) fn fields(&mut self, fields: &[(&str, String)]) {
        if fields.is_empty() {
            return;
        }
        match self.target {
            Target::Rich => {
                let fields = fields
                    .iter()
                    .map(|(label, value)| ((*label).to_owned(), value.clone()))
                    .collect();
                self.blocks.push(Block::Fields(fields));
                return;
            }
            Target::Markdown => {
                for (label, value) in fields {
                    let first = format!("- **{label}:** ");
                    self.block_lines(value, &first, "  ");
                }
            }
            Target::Text => {
                let label_width = fields
                    .iter()
                    .map(|(label, _)| width(label) + 1)
                    .max()
                    .unwrap_or(0);
                let rest = " ".repeat(label_width + 2);
                for (label, value) in fields {
                    let pad = label_width - width(label) - 1;
                    let first = format!("{label}:{}  ", " ".repeat(pad));
                    self.block_lines(value, &first, &rest);
                }
            }
        }
        self.out.push('\n');
    }

    /// Writes `inline` with `first` before its first line and `rest` before later ones:
    /// Markdown lines end in a backslash hard break; text lines are wrapped.
    fn block_lines(&mut self, inline: &str, first: &str, rest: &str) {
        match self.target {
            Target::Markdown => {
                self.out.push_str(first);
                for (i, line) in inline.split('\n').enumerate() {
                    if i > 0 {
                        self.out.push_str("\\\n");
                        self.out.push_str(rest);
                    }
                    self.out.push_str(line);
                }
                let end = self.out.trim_end_matches(' ').len();
                self.out.truncate(end);
                self.out.push('\n');
            }
            // Rich blocks are not written as lines.
            Target::Text | Target::Rich => {
                wrap_into(&mut self.out, inline, self.width, first, rest);
            }
        }
    }

    /// A table. Cells must come from [`Writer::cell`] (or be our own wording). A column
    /// empty in every row is left out ([`columns::kept_columns`]).
    pub(super) fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        let keep = columns::kept_columns(headers.len(), rows);
        let pick = |cells: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            cells
                .zip(&keep)
                .filter(|(_, keep)| **keep)
                .map(|(cell, _)| cell.to_owned())
                .collect()
        };
        let headers = pick(&mut headers.iter().copied());
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut cells = (0..keep.len()).map(|i| row.get(i).map_or("", String::as_str));
                pick(&mut cells)
            })
            .collect();
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        match self.target {
            Target::Markdown => self.md_table(&header_refs, &rows),
            Target::Text => self.text_table(&header_refs, &rows),
            Target::Rich => {
                self.blocks.push(Block::Table { headers, rows });
                return;
            }
        }
        self.out.push('\n');
    }

    /// A pipe table. The dashes under each header are as many as the column's width in the
    /// text layout, so that pandoc, which sizes a wide table's columns by its dashes, gives
    /// each column room for its words.
    fn md_table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        let widths = self.column_widths(headers, rows);
        self.out.push('|');
        for header in headers {
            let _ = write!(self.out, " {header} |");
        }
        self.out.push_str("\n|");
        for w in &widths {
            self.out.extend(std::iter::repeat_n('-', w + 2));
            self.out.push('|');
        }
        self.out.push('\n');
        for row in rows {
            self.out.push('|');
            for i in 0..headers.len() {
                let cell = row.get(i).map_or("", String::as_str);
                if cell.is_empty() {
                    self.out.push_str(" |");
                } else {
                    let _ = write!(self.out, " {cell} |");
                }
            }
            self.out.push('\n');
        }
    }

    /// Column widths for the text layout: from content, no header word or word of up to
    /// [`columns::LONG_WORD`] columns split where the table can fit ([`columns::fit`]).
    fn column_widths<S: AsRef<str>>(&self, headers: &[&str], rows: &[Vec<S>]) -> Vec<usize> {
        let columns = headers.len();
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|row| row.iter().map(AsRef::as_ref).collect())
            .collect();
        let needs = columns::needs(headers, &cells, &width, &width, columns::LONG_WORD);
        let budget = self.width.saturating_sub(3 * columns + 1);
        // Laid out for a screen narrower than the page, a column may go below the page's
        // narrowest so that the table still fits the screen.
        let narrowest = if self.width < TEXT_WIDTH {
            MIN_COLUMN.min((budget / columns.max(1)).max(MIN_SCREEN_COLUMN))
        } else {
            MIN_COLUMN
        };
        columns::fit(&needs, budget, narrowest, columns::SHORT)
    }

    /// Columns padded to their display width and separated by `|` (a `|` in a cell is shown
    /// as `\|`, as in Markdown), so every line of the table has the same width; the widest
    /// columns are narrowed and wrapped to fit [`TEXT_WIDTH`], words kept whole where they can be.
    fn text_table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        let columns = headers.len();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.replace('|', "\\|")).collect())
            .collect();
        let widths = self.column_widths(headers, &rows);
        let mut rule = String::from("|");
        for w in &widths {
            rule.extend(std::iter::repeat_n('-', w + 2));
            rule.push('|');
        }
        let wrapped: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|row| {
                (0..columns)
                    .map(|i| wrap_cell(row.get(i).map_or("", String::as_str), widths[i]))
                    .collect()
            })
            .collect();
        let tall = wrapped
            .iter()
            .any(|row| row.iter().any(|cell| cell.len() > 1));
        let header_cells: Vec<Vec<String>> = headers
            .iter()
            .zip(&widths)
            .map(|(header, w)| wrap_cell(header, *w))
            .collect();
        self.text_row(&header_cells, &widths);
        self.out.push_str(&rule);
        self.out.push('\n');
        for (i, row) in wrapped.iter().enumerate() {
            if tall && i > 0 {
                self.out.push_str(&rule);
                self.out.push('\n');
            }
            self.text_row(row, &widths);
        }
    }

    fn text_row(&mut self, cells: &[Vec<String>], widths: &[usize]) {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            self.out.push('|');
            for (cell, w) in cells.iter().zip(widths) {
                let text = cell.get(line).map_or("", String::as_str);
                self.out.push(' ');
                self.out.push_str(text);
                self.out
                    .extend(std::iter::repeat_n(' ', w.saturating_sub(width(text)) + 1));
                self.out.push('|');
            }
            self.out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_table_rows_share_one_width() {
        let mut w = Writer::new(Target::Text, 0);
        let rows = vec![
            vec!["陈伟".to_owned(), "x".repeat(150)],
            vec!["Zoë 🙂".to_owned(), "short".to_owned()],
        ];
        w.table(&["Name", "Text"], &rows);
        let out = w.finish();
        let widths: Vec<usize> = out.lines().map(width).collect();
        assert!(widths.iter().all(|&x| x == widths[0]), "{out}");
        assert!(widths[0] <= TEXT_WIDTH);
    }

    #[test]
    fn rich_spans_follow_the_marks() {
        let w = Writer::new(Target::Rich, 0);
        let inline = format!(
            "{} said {} ok",
            w.strong("10:05"),
            w.emphasis("Not recorded")
        );
        let got: Vec<(&str, bool, bool)> = spans(&inline)
            .map(|s| (s.text, s.strong, s.emphasis))
            .collect();
        assert_eq!(
            got,
            [
                ("10:05", true, false),
                (" said ", false, false),
                ("Not recorded", false, true),
                (" ok", false, false)
            ]
        );
        // User text cannot forge a mark.
        assert_eq!(w.user("a\u{1}b\u{3}c"), "abc");
    }

    #[test]
    fn markdown_fields_use_hard_breaks() {
        let mut w = Writer::new(Target::Markdown, 0);
        let value = w.user("one\ntwo");
        w.fields(&[("Views", value)]);
        assert_eq!(w.finish(), "- **Views:** one\\\n  two\n");
    }
}
