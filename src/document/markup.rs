//! Text handling shared by both formats: cleaning user text, Markdown escaping, and wrapping
//! measured in display columns (names and notes are not ASCII-only: `陈伟` is four columns wide).

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::text::{is_bidi_control, push_code_point};

/// Display width of `text` in terminal columns.
pub(super) fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// User text with line endings made `\n`, tabs made spaces and other control characters
/// dropped, so they can neither break a layout nor smuggle terminal escapes into the output;
/// bidirectional controls are shown as `<U+202E>` (as on the terminal), so the minutes read
/// in the order they were typed.
pub(super) fn sanitize(text: &str) -> Cow<'_, str> {
    let clean = |c: char| {
        c == '\n' || !(c.is_control() || c == '\u{2028}' || c == '\u{2029}' || is_bidi_control(c))
    };
    if text.chars().all(clean) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if is_bidi_control(c) => push_code_point(&mut out, c),
            c if c == '\n' || !c.is_control() => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// The non-blank lines of user text, trimmed.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty())
}

/// Characters that mean something inline in Markdown (CommonMark and pandoc's extensions:
/// emphasis, code, links, raw HTML and entities, tables, strike-out, super/subscript, maths,
/// citations, attributes, ATX heading closers), so user text shows them literally.
const MD_SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '^', '$', '@', '&', '#', '{', '}',
];

/// Appends `line` to `out` with every Markdown-special character backslash-escaped, and with
/// a line start that would open a block (list, heading underline, definition, ordered or
/// fancy list such as `1.`, `a)` or `(i)`) escaped too.
fn md_escape_line(line: &str, out: &mut String) {
    let start = out.len();
    let mut previous = ' ';
    for c in line.chars() {
        // A second `-` is escaped so pandoc's smart typography keeps `--` as typed.
        if MD_SPECIAL.contains(&c) || (c == '-' && previous == '-') {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    let escaped = &out[start..];
    if escaped.starts_with(['-', '+', '=', ':', '(', '%']) {
        out.insert(start, '\\');
        return;
    }
    // "1." / "12)" / "a." / "iv)": a short alphanumeric token closed by `.` or `)` would
    // start an ordered list in pandoc; escaping the closer is harmless elsewhere ("Mr\.").
    let token_end = escaped.find(' ').unwrap_or(escaped.len());
    let token = &escaped[..token_end];
    if token.len() > 1 && token.len() <= 10 && token.ends_with(['.', ')']) {
        let body = &token[..token.len() - 1];
        if body.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.insert(start + token.len() - 1, '\\');
        }
    }
}

/// User text as Markdown block content: each non-blank line trimmed and escaped, lines joined
/// with `\n` (the writer turns those into hard line breaks).
pub(super) fn md_block(text: &str) -> String {
    let text = sanitize(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    for (i, line) in lines(&text).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        md_escape_line(line, &mut out);
    }
    out
}

/// User text as one Markdown line (table cell or heading): lines joined with spaces, since a
/// raw `<br>` would vanish in pandoc's non-HTML outputs and glue words together.
pub(super) fn md_line(text: &str) -> String {
    let text = sanitize(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    for (i, line) in lines(&text).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        md_escape_line(line, &mut out);
    }
    out
}

/// Appends `text` word-wrapped to `width` columns: the first line starts with `first`, later
/// ones with `rest`. Words longer than a line are left whole (so no word is ever split);
/// explicit line breaks are kept. Each output line ends with `\n`.
pub(super) fn wrap_into(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let mut prefix = first;
    let mut any = false;
    for line in text.split('\n') {
        let mut used = 0;
        let mut started = false;
        for word in line.split_whitespace() {
            let word_width = self::width(word);
            if !started {
                out.push_str(prefix);
                used = self::width(prefix);
                prefix = rest;
                started = true;
            } else if used + 1 + word_width > width {
                out.push('\n');
                out.push_str(prefix);
                used = self::width(prefix);
            } else {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += word_width;
        }
        if !started {
            out.push_str(prefix.trim_end());
            prefix = rest;
        }
        out.push('\n');
        any = true;
    }
    if !any {
        out.push_str(first.trim_end());
        out.push('\n');
    }
}

/// `text` wrapped into lines of at most `width` columns for a table cell. Unlike
/// [`wrap_into`] a word too long for the column is broken, so columns always line up.
pub(super) fn wrap_cell(text: &str, width: usize) -> Vec<String> {
    crate::table::wrap(text, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_controls_and_normalises_newlines() {
        assert_eq!(sanitize("a\r\nb\rc\td\u{1b}[31me"), "a\nb\nc d[31me");
        assert_eq!(sanitize("\u{9b}x\u{202e}txt.exe"), "x<U+202E>txt.exe");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_specials_and_block_starts_are_escaped() {
        assert_eq!(md_line("a|b *c* _d_"), r"a\|b \*c\* \_d\_");
        assert_eq!(
            md_block("# head\n- item\n1. one\n  > quote"),
            "\\# head\n\\- item\n1\\. one\n\\> quote"
        );
        assert_eq!(
            md_block("a) x\n(i) y\nMr. Smith"),
            "a\\) x\n\\(i) y\nMr\\. Smith"
        );
        assert_eq!(md_block("line\n\n\nnext  "), "line\nnext");
        assert_eq!(md_line("two\nlines"), "two lines");
        assert_eq!(md_line("1.5 litres"), "1.5 litres");
        assert_eq!(md_line("a -- b"), r"a -\- b");
    }

    #[test]
    fn width_counts_wide_characters() {
        assert_eq!(width("陈伟"), 4);
        assert_eq!(width("Zoë"), 3);
        assert_eq!(width("Łukasz"), 6);
    }

    #[test]
    fn wrapping_keeps_words_and_prefixes() {
        let mut out = String::new();
        wrap_into(&mut out, "one two three four", 9, "- ", "  ");
        assert_eq!(out, "- one two\n  three\n  four\n");
        let mut out = String::new();
        wrap_into(&mut out, "a\n\nb", 10, "", "");
        assert_eq!(out, "a\n\nb\n");
    }

    #[test]
    fn cells_break_long_words_by_display_width() {
        assert_eq!(wrap_cell("陈伟陈伟陈", 4), vec!["陈伟", "陈伟", "陈"]);
        assert_eq!(wrap_cell("ab cd ef", 5), vec!["ab cd", "ef"]);
        assert_eq!(wrap_cell("", 5), vec![""]);
        assert_eq!(wrap_cell("x\ny", 5), vec!["x", "y"]);
    }
}
