//! Case folding for search and filters: what "ignoring case" means in `minutes`.
//!
//! Text is folded one character at a time: ASCII letters to lower case; any other character
//! to its Unicode lower case (`Zoë` and `ZOË` both fold to `zoë`), except where that lower
//! case would contain an ASCII character (only U+212A KELVIN SIGN and U+0130 `İ`), which
//! stay as they are. That exception keeps one promise the raw-byte prefilter relies on:
//! an ASCII character of folded text always comes from the same letter, in either case, in
//! the original, and a character with no case at all (CJK, digits, emoji) only from itself.
//! Folding does not normalise: a precomposed `é` and `e` + combining accent differ.

use std::borrow::Cow;
use std::ops::Range;

/// `ς`, folded to `σ` so that a word typed in capitals matches it.
const FINAL_SIGMA: char = '\u{3C2}';

/// Appends the folded form of `c` to `out`.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if c == FINAL_SIGMA {
        out.push('σ');
        return;
    }
    let mut lower = c.to_lowercase();
    if lower.clone().any(|l| l.is_ascii()) {
        out.push(c);
    } else {
        out.extend(&mut lower);
    }
}

/// `text` folded (see the module docs); borrowed when folding changes nothing.
#[must_use]
pub fn fold(text: &str) -> Cow<'_, str> {
    let unchanged = text.chars().all(|c| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            c != FINAL_SIGMA && !has_lower_case(c)
        }
    });
    if unchanged {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    Cow::Owned(out)
}

/// Whether folding changes `c` (some characters have a lower case but are not upper case,
/// such as title-case `ǅ`).
fn has_lower_case(c: char) -> bool {
    let mut lower = c.to_lowercase();
    !(lower.next() == Some(c) && lower.next().is_none())
}

/// Whether `haystack` contains `folded_needle` (already folded) ignoring case; an empty
/// needle is in everything.
#[must_use]
pub fn contains_folded(haystack: &str, folded_needle: &str) -> bool {
    if folded_needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() && folded_needle.is_ascii() {
        let needle = folded_needle.as_bytes();
        return haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle));
    }
    fold(haystack).contains(folded_needle)
}

/// Text folded, with the way back to the original's byte positions.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    /// The folded text.
    pub text: Cow<'a, str>,
    /// For each byte of `text`, the start of the original character it came from; empty
    /// when folding kept every byte where it was (ASCII, and same-length changes only).
    origin: Vec<usize>,
}

impl<'a> Folded<'a> {
    /// Folds `text`, remembering where each folded byte came from.
    pub(crate) fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(text.to_ascii_lowercase())
            } else {
                Cow::Borrowed(text)
            };
            return Self {
                text,
                origin: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            let before = out.len();
            push_folded(c, &mut out);
            origin.resize(out.len(), at);
            debug_assert!(out.len() > before);
        }
        Self {
            text: Cow::Owned(out),
            origin,
        }
    }

    /// The original byte range of the folded range `range` (which starts and ends on
    /// character boundaries of the folded text), in `original`.
    pub(crate) fn original_range(&self, original: &str, range: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() || range.is_empty() {
            return range;
        }
        let start = self
            .origin
            .get(range.start)
            .copied()
            .unwrap_or(original.len());
        let last = self
            .origin
            .get(range.end - 1)
            .copied()
            .unwrap_or(original.len());
        let end = original
            .get(last..)
            .and_then(|rest| rest.chars().next())
            .map_or(original.len(), |c| last + c.len_utf8());
        start..end
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn folds_ascii_and_other_letters() {
        assert_eq!(fold("Zoë ZOË"), "zoë zoë");
        assert_eq!(fold("陈伟"), "陈伟");
        assert!(matches!(fold("already lower"), Cow::Borrowed(_)));
        assert_eq!(fold("ŁUKASZ Wójcik"), "łukasz wójcik");
        assert_eq!(fold("ẞ"), "ß");
        assert_eq!(fold("ΣΑΣ σας"), "σασ σασ");
        // The two characters whose lower case is partly ASCII stay as they are.
        assert_eq!(
            fold("\u{212A}elvin \u{130}stanbul"),
            "\u{212A}elvin \u{130}stanbul"
        );
    }

    #[test]
    fn contains_ignores_case() {
        assert!(contains_folded("Jane SMITH", "smith"));
        assert!(contains_folded("ZOË Ó Briain", "zoë ó"));
        assert!(!contains_folded("Zoe", "zoë"));
        assert!(contains_folded("anything", ""));
        assert!(!contains_folded("ab", "abc"));
    }

    /// The promise the prefilter relies on, checked for every character there is: folding
    /// a non-ASCII character never yields an ASCII character, nor a character that has no
    /// case of its own (which would then be found where the original had something else).
    #[test]
    fn folding_never_makes_ascii_or_caseless_characters() {
        let caseless = |c: char| {
            c.to_lowercase().eq(std::iter::once(c)) && c.to_uppercase().eq(std::iter::once(c))
        };
        for c in (0x80..=0x10_FFFF_u32).filter_map(char::from_u32) {
            let mut folded = String::new();
            push_folded(c, &mut folded);
            if folded.chars().eq(std::iter::once(c)) {
                continue;
            }
            for f in folded.chars() {
                assert!(!f.is_ascii(), "{c:?} folds to ASCII {f:?}");
                assert!(!caseless(f), "{c:?} folds to caseless {f:?}");
            }
        }
    }

    #[test]
    fn fold_borrows_only_when_nothing_changes() {
        for text in ["abc", "ǅ", "Zoë", "zoë", "İ", "ß", "ΣΑΣ", "σας"] {
            let mut slow = String::new();
            for c in text.chars() {
                push_folded(c, &mut slow);
            }
            assert_eq!(fold(text), slow, "{text}");
        }
    }

    #[test]
    fn ranges_map_back_to_the_original() {
        let original = "Mr ÖZTÜRK met İlker and ẞophie";
        let folded = Folded::new(original);
        for word in ["öztürk", "ilker", "ßophie", "met"] {
            let at = folded.text.find(word);
            let Some(at) = at else {
                assert_eq!(word, "ilker"); // İ stays İ, so "ilker" is not found
                continue;
            };
            let range = folded.original_range(original, at..at + word.len());
            assert_eq!(fold(&original[range]), word);
        }
        let ascii = Folded::new("Plain ASCII");
        assert_eq!(ascii.text, "plain ascii");
        assert_eq!(ascii.original_range("Plain ASCII", 6..11), 6..11);
    }
}
