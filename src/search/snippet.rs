//! A one-line piece of text around a match, cut by display width.

use std::ops::Range;

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

/// The text around a match, on one line and at most a given number of terminal columns
/// wide: `before`, `matched` and `after` shown one after the other. Cuts fall between
/// characters (a combining mark stays with its letter), and are shown by `…`. Line breaks
/// and tabs are shown as spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text before the match, starting with `…` when cut.
    pub before: String,
    /// The matched text as written (ending with `…` if it alone is too wide).
    pub matched: String,
    /// The text after the match, ending with `…` when cut.
    pub after: String,
}

impl Snippet {
    /// The snippet of `text` around `range` (byte positions on character boundaries), at
    /// most `width` columns wide. Context is shared about evenly between the two sides; a
    /// side that needs less gives the rest to the other.
    #[must_use]
    pub fn new(text: &str, range: Range<usize>, width: usize) -> Self {
        let (Some(before), Some(matched), Some(after)) = (
            text.get(..range.start),
            text.get(range.clone()),
            text.get(range.end..),
        ) else {
            return Self::default();
        };
        let matched = one_line(matched);
        let matched_width = str_width(&matched);
        if matched_width >= width {
            return Self {
                matched: cut_end(&matched, width),
                ..Self::default()
            };
        }
        let room = width - matched_width;
        let before = one_line(before);
        let after = one_line(after);
        let (before_width, after_width) = (str_width(&before), str_width(&after));
        let left = before_width.min((room / 2).max(room.saturating_sub(after_width)));
        let right = room - left;
        Self {
            before: cut_start(&before, left),
            matched,
            after: cut_end(&after, right),
        }
    }

    /// The whole snippet as one string.
    #[must_use]
    pub fn text(&self) -> String {
        [self.before.as_str(), &self.matched, &self.after].concat()
    }
}

/// Line breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

fn str_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The start of `text` in at most `width` columns, ending with `…` when cut. Zero-width
/// characters after the last one kept (combining marks) are kept with it. A word cut in two
/// is left out when that costs less than half the room.
fn cut_end(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut used = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let w = char_width(c);
        if w > 0 && used + w > width - 1 {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    let mid_word = text[end..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    if mid_word
        && let Some(space) = text[..end].rfind(char::is_whitespace)
        && str_width(&text[space..end]) * 2 < width
    {
        end = space;
    }
    format!("{}…", text[..end].trim_end())
}

/// The end of `text` in at most `width` columns, starting with `…` when cut. A character
/// is kept only with the zero-width characters that follow it. A word cut in two is left
/// out when that costs less than half the room.
fn cut_start(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut used = 0;
    let mut start = text.len();
    for (at, c) in text.char_indices().rev() {
        let w = char_width(c);
        if w == 0 {
            continue; // decided with the character it belongs to
        }
        if used + w > width - 1 {
            break;
        }
        used += w;
        start = at;
    }
    let mid_word = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    if mid_word
        && let Some(space) = text[start..].find(char::is_whitespace).map(|at| start + at)
        && str_width(&text[start..space]) * 2 < width
    {
        start = space;
    }
    format!("…{}", text[start..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, word: &str, width: usize) -> Snippet {
        let at = text.find(word).unwrap_or_default();
        Snippet::new(text, at..at + word.len(), width)
    }

    #[test]
    fn short_text_is_whole() {
        let s = snippet("The carers missed three calls.", "missed", 60);
        assert_eq!(s.before, "The carers ");
        assert_eq!(s.matched, "missed");
        assert_eq!(s.after, " three calls.");
        assert_eq!(s.text(), "The carers missed three calls.");
    }

    #[test]
    fn long_text_is_cut_on_both_sides_within_the_width_between_words() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen";
        let s = snippet(text, "seven", 21);
        assert_eq!(s.text(), "…six seven eight…");
        let s = snippet(text, "seven", 31);
        assert_eq!(s.text(), "…five six seven eight nine…");
        for width in 0..80 {
            let s = snippet(text, "seven", width);
            assert!(str_width(&s.text()) <= width, "{:?} in {width}", s.text());
        }
    }

    #[test]
    fn one_side_short_gives_room_to_the_other() {
        let s = snippet(
            "Zoë agreed the plan with the family and the provider",
            "Zoë",
            20,
        );
        assert_eq!(s.before, "");
        assert_eq!(s.text(), "Zoë agreed the plan…");
        let s = snippet("the family and the provider agreed with Zoë", "Zoë", 20);
        assert_eq!(s.after, "");
        assert_eq!(s.text(), "…agreed with Zoë");
    }

    #[test]
    fn wide_characters_are_measured_by_columns_and_never_split() {
        let text = "陈伟报告了家人的担忧，并由翻译人员翻译成英文";
        let s = snippet(text, "担忧", 11);
        assert!(str_width(&s.text()) <= 11, "{:?}", s.text());
        assert_eq!(s.matched, "担忧");
        assert!(s.text().starts_with('…') && s.text().ends_with('…'));
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // "Zoe" + combining diaeresis, then more text.
        let text = "Met Zoe\u{308} and Sam at the house on Monday morning";
        let s = snippet(text, "Sam", 12);
        assert!(!s.before.starts_with("…\u{308}"), "{s:?}");
        let s = snippet(text, "Zoe", 6);
        assert_eq!(s.matched, "Zoe");
        assert!(s.after.starts_with('\u{308}'), "{s:?}");
    }

    #[test]
    fn line_breaks_become_spaces_and_a_too_wide_match_is_cut() {
        let s = snippet("first line\nsecond line", "second", 40);
        assert_eq!(s.text(), "first line second line");
        let s = snippet(
            "a very long matched phrase indeed",
            "very long matched phrase",
            10,
        );
        assert_eq!(s.text(), "very long…");
    }
}
