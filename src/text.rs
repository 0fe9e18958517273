//! Record text is hostile: it comes from pastes, from other people and from files written
//! elsewhere. This module decides what of it may enter a record and what reaches a terminal.
//!
//! - Into a record ([`for_record`]): line breaks become `\n`; every other control character
//!   (C0 but tab, DEL, C1) is dropped. Bidirectional formatting characters are kept: they are
//!   how mixed-direction names and quotes (Arabic, Hebrew, Urdu...) are typed correctly, and
//!   dropping them would change what was typed. Every output shows them instead.
//! - To a terminal ([`for_terminal`], [`TerminalWriter`]): newline and tab pass; every other
//!   control character is shown by a harmless stand-in, so an escape sequence in a title can
//!   neither retitle the terminal, clear the screen nor write the clipboard (OSC 52); the
//!   bidirectional embeddings, overrides and isolates are shown as `<U+202E>`, so what is
//!   printed reads in the order it was typed. The documents (`crate::document`) show them the
//!   same way, and JSON ([`pretty_json`]) writes them as `\u202e` escapes.
//!
//! The left-to-right and right-to-left marks (U+200E, U+200F) are left alone everywhere: a
//! mark only sets the direction of neutral characters next to it and cannot reverse a run of
//! text.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` is a bidirectional embedding, override or isolate (U+202A-U+202E,
/// U+2066-U+2069): the characters that can make text display in another order than typed.
#[must_use]
pub const fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c` as its code point in angle brackets, e.g. `<U+202E>`.
pub fn push_code_point(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = write!(out, "<U+{:04X}>", u32::from(c));
}

/// Whether `c` cannot be printed as it is.
fn needs_stand_in(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// `text` safe to print on a terminal: newline, tab and printable text as they are; C0
/// controls as their Control Pictures (ESC as `␛`, BEL as `␇`, CR as `␍`), DEL as `␡`; C1
/// controls (which have no pictures) and bidirectional controls as `<U+009B>`, `<U+202E>`.
/// Borrows when nothing needs changing, the usual case.
#[must_use]
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(needs_stand_in) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match c {
            '\u{0}'..='\u{1f}' if c != '\n' && c != '\t' => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if needs_stand_in(c) => push_code_point(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// What of typed, pasted or loaded text may enter a record: CR LF and lone CR become `\n`;
/// every other control character (C0 but tab and newline, DEL, C1) is dropped. Borrows when
/// nothing needs changing.
#[must_use]
pub fn for_record(text: &str) -> Cow<'_, str> {
    let unwanted = |c: char| c.is_control() && c != '\n' && c != '\t';
    let Some(first) = text.find(unwanted) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            c if unwanted(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `value` as pretty JSON whose bytes are safe on a terminal and mean the same: serde_json
/// already escapes C0 controls; DEL, C1 and bidirectional controls are escaped too (`\u009b`,
/// `\u202e`).
///
/// # Errors
/// As [`serde_json::to_string_pretty`].
pub fn pretty_json(value: &(impl serde::Serialize + ?Sized)) -> serde_json::Result<String> {
    let json = serde_json::to_string_pretty(value)?;
    // serde_json escapes every C0 control in strings, so a raw newline is pretty JSON's own.
    let escape = |c: char| (c.is_control() && c != '\n') || is_bidi_control(c);
    if !json.contains(escape) {
        return Ok(json);
    }
    // DEL, C1 and bidirectional characters can only be inside strings, written raw (never
    // part of an escape), so a `\u` escape there keeps the JSON valid and means the same.
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        if escape(c) {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// A writer that passes text through [`for_terminal`] on its way to `inner`: for standard
/// output and standard error. A UTF-8 character split across two writes is held until its
/// end arrives; bytes that are not UTF-8 are written as U+FFFD (a lone `0x9b` byte is a CSI to
/// some terminals).
#[derive(Debug)]
pub struct TerminalWriter<W: Write> {
    inner: W,
    /// The start of a character whose end has not been written yet (at most 3 bytes).
    pending: Vec<u8>,
}

impl<W: Write> TerminalWriter<W> {
    /// Wraps `inner`.
    pub const fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(for_terminal(text).as_bytes())
    }
}

impl<W: Write> Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let mut rest = if self.pending.is_empty() {
            buf
        } else {
            let mut bytes = std::mem::take(&mut self.pending);
            bytes.extend_from_slice(buf);
            joined = bytes;
            &joined[..]
        };
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text)?;
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    self.emit(std::str::from_utf8(valid).unwrap_or_default())?;
                    match error.error_len() {
                        Some(bad) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &after[bad..];
                        }
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalWriter<W> {
    /// A character never finished is shown as U+FFFD rather than lost silently.
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{fffd}".as_bytes());
            let _ = self.inner.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt\u{7f}\r";

    #[test]
    fn the_terminal_sees_stand_ins_for_controls_and_bidi_overrides() {
        assert_eq!(
            for_terminal(HOSTILE),
            "a␛]0;pwned␇␛[2J<U+009B>31m<U+202E>txt␡␍"
        );
        assert_eq!(
            for_terminal("\u{0}\u{1f}\u{85}\u{2066}\u{2069}"),
            "␀␟<U+0085><U+2066><U+2069>"
        );
        // Newline and tab pass; marks and other format characters stay.
        assert_eq!(
            for_terminal("a\n\tb\u{200f}c\u{200d}"),
            "a\n\tb\u{200f}c\u{200d}"
        );
    }

    #[test]
    fn plain_text_is_borrowed_not_copied() {
        for text in [
            "",
            "Mrs W said \"no\".\n\tLine two",
            "陈伟 Zoë 🙂 مرحبا \u{200f}",
        ] {
            assert!(matches!(for_terminal(text), Cow::Borrowed(_)), "{text}");
            assert!(matches!(for_record(text), Cow::Borrowed(_)), "{text}");
        }
        assert!(matches!(for_record("a\u{202e}b"), Cow::Borrowed(_)));
    }

    #[test]
    fn records_keep_line_breaks_and_tabs_but_no_other_controls() {
        assert_eq!(for_record(HOSTILE), "a]0;pwned[2J31m\u{202e}txt\n");
        assert_eq!(
            for_record("one\r\ntwo\rthree\n\tfour"),
            "one\ntwo\nthree\n\tfour"
        );
    }

    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_means_the_same() {
        let value = serde_json::json!({ "title": HOSTILE, "plain": "陈伟" });
        let json = pretty_json(&value).unwrap_or_default();
        assert!(json.contains(r"\u001b]0;pwned\u0007"), "{json}");
        assert!(json.contains(r"\u009b31m\u202etxt\u007f\r"), "{json}");
        assert!(json.contains("陈伟"), "{json}");
        assert_eq!(for_terminal(&json), json.as_str());
        let back: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| unreachable!("{e}: {json}"));
        assert_eq!(back, value);
    }

    #[test]
    fn the_writer_filters_across_writes_split_inside_a_character() {
        let mut out = TerminalWriter::new(Vec::new());
        let bytes = HOSTILE.as_bytes();
        for chunk in bytes.chunks(1) {
            out.write_all(chunk).unwrap_or_default();
        }
        out.write_all(b" \xff\x9b end").unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&out.inner),
            format!("{} \u{fffd}\u{fffd} end", for_terminal(HOSTILE))
        );
        let mut held = Vec::new();
        let mut cut = TerminalWriter::new(&mut held);
        cut.write_all(&"é".as_bytes()[..1]).unwrap_or_default();
        cut.flush().unwrap_or_default();
        assert!(cut.inner.is_empty(), "held until the character ends");
        drop(cut);
        assert_eq!(
            held,
            "\u{fffd}".as_bytes(),
            "an unfinished character is not lost"
        );
    }
}
