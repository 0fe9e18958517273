//! Deciding from a record file's raw bytes whether it can hold a match, without parsing it.
//!
//! The bytes are lowered (ASCII letters only, which keeps every byte where it is) and
//! searched for the longest piece of the folded query made only of characters that folding
//! maps from nothing but themselves (ASCII apart from `"` and `\`, which JSON escapes, and
//! characters with no case: CJK, digits, emoji; see [`super::fold`]). A real match holds that
//! piece, so a file without it cannot match. Each place the piece is found must also be
//! inside the value of a searched key (`"text": "...`), so a query such as `rationale`
//! is not sent to the parser by every record's keys. A file using `\u` or `\/` escapes may
//! spell the text differently, so it is always parsed.

use memchr::memmem::Finder;

/// Keys whose string values are searched (in notes, findings, decisions, actions and
/// attendees). A file whose only occurrences lie elsewhere is skipped.
const SEARCHED_KEYS: &[&[u8]] = &[
    b"text",
    b"allegation",
    b"rationale",
    b"name",
    b"role",
    b"agency",
];

/// After this many occurrences outside searched values, the file is parsed anyway (a
/// guard against long scans on a needle that is everywhere).
const MAX_REJECTED: usize = 64;

/// The raw-byte test for one query.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    finder: Finder<'static>,
}

impl Prefilter {
    /// The test for a folded query, or `None` when no part of it can be looked for in raw
    /// bytes (every character has case forms outside ASCII, e.g. `ë`): then every file must
    /// be parsed.
    pub(crate) fn for_query(folded: &str) -> Option<Self> {
        let mut best = "";
        let mut run_start = None;
        for (at, c) in folded
            .char_indices()
            .chain(std::iter::once((folded.len(), '"')))
        {
            match (usable(c), run_start) {
                (true, None) => run_start = Some(at),
                (false, Some(start)) => {
                    if at - start > best.len() {
                        best = &folded[start..at];
                    }
                    run_start = None;
                }
                _ => {}
            }
        }
        (!best.is_empty()).then(|| Self {
            finder: Finder::new(best.as_bytes()).into_owned(),
        })
    }

    /// The piece of the query looked for.
    #[cfg(test)]
    pub(crate) fn needle(&self) -> &[u8] {
        self.finder.needle()
    }

    /// Whether the file with these bytes may hold a match. `lowered` is scratch space, kept
    /// between calls so it is allocated once.
    pub(crate) fn may_match(&self, raw: &[u8], lowered: &mut Vec<u8>) -> bool {
        lowered.clear();
        lowered.extend(raw.iter().map(u8::to_ascii_lowercase));
        let mut rejected = 0;
        for at in self.finder.find_iter(lowered) {
            if in_searched_value(lowered, at) {
                return true;
            }
            rejected += 1;
            if rejected > MAX_REJECTED {
                return true;
            }
        }
        has_unusual_escape(raw)
    }
}

/// Whether raw bytes can stand for `c` only as `c` itself (or, for ASCII, its other case).
fn usable(c: char) -> bool {
    if c.is_ascii() {
        return !matches!(c, '"' | '\\') && !c.is_ascii_control();
    }
    is_only(c.to_lowercase(), c) && is_only(c.to_uppercase(), c)
}

/// Whether `chars` is `c` alone.
fn is_only(mut chars: impl Iterator<Item = char>, c: char) -> bool {
    chars.next() == Some(c) && chars.next().is_none()
}

/// Whether the byte at `at` lies inside the string value of a searched key, as in
/// `"text": "... at ...`. Conservative the right way: a real match is always inside such
/// a value, so this only ever answers no for text that cannot be a match.
fn in_searched_value(bytes: &[u8], at: usize) -> bool {
    let Some(open) = unescaped_quote_before(bytes, at) else {
        return false;
    };
    if bytes[open + 1..at].contains(&b'\n') {
        return false; // not inside a string: JSON strings hold no raw line breaks
    }
    let Some(colon) = last_non_space(bytes, open) else {
        return false;
    };
    if bytes[colon] != b':' {
        return false;
    }
    let Some(key_end) = last_non_space(bytes, colon) else {
        return false;
    };
    if bytes[key_end] != b'"' {
        return false;
    }
    let Some(key_start) = memchr::memrchr(b'"', &bytes[..key_end]) else {
        return false;
    };
    let key = &bytes[key_start + 1..key_end];
    SEARCHED_KEYS.contains(&key)
}

/// The position of the last `"` before `at` that is not escaped by a backslash.
fn unescaped_quote_before(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let quote = memchr::memrchr(b'"', &bytes[..at])?;
        let backslashes = bytes[..quote]
            .iter()
            .rev()
            .take_while(|b| **b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            return Some(quote);
        }
        at = quote;
    }
}

/// The position of the last byte before `at` that is not JSON white space.
fn last_non_space(bytes: &[u8], at: usize) -> Option<usize> {
    bytes[..at]
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
}

/// Whether the JSON uses `\uXXXX` or `\/` escapes, which could spell text in a way the
/// byte search would miss (`minutes` itself never writes them for printable text).
fn has_unusual_escape(raw: &[u8]) -> bool {
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'\\', &raw[from..]) {
        let at = from + found;
        match raw.get(at + 1) {
            Some(b'u' | b'/') => return true,
            Some(_) => from = at + 2,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::search::fold::fold;

    fn filter(query: &str) -> Option<Prefilter> {
        Prefilter::for_query(&fold(query))
    }

    fn may(query: &str, json: &str) -> bool {
        filter(query)
            .unwrap()
            .may_match(json.as_bytes(), &mut Vec::new())
    }

    #[test]
    fn needle_is_the_longest_piece_without_case_trouble() {
        assert_eq!(filter("Missed Calls").unwrap().needle(), b"missed calls");
        assert_eq!(filter("Zoë Ó Briain").unwrap().needle(), b" briain");
        assert_eq!(filter("陈伟").unwrap().needle(), "陈伟".as_bytes());
        assert_eq!(filter("say \"no\"").unwrap().needle(), b"say ");
        assert!(filter("ë").is_none());
        assert!(filter("\"").is_none());
    }

    #[test]
    fn only_values_of_searched_keys_count() {
        let json = "{\n  \"rationale\": \"\",\n  \"prompt\": \"Give the rationale\"\n}";
        assert!(!may("rationale", json));
        let json = "{\n  \"rationale\": \"The rationale was agreed\"\n}";
        assert!(may("rationale", json));
        assert!(may("RATIONALE", json));
        let json = "{\n  \"text\": \"He said \\\"rationale\\\" twice\"\n}";
        assert!(may("rationale", json));
        let json = "{\n  \"name\": \"陈伟\",\n  \"role\": \"x\"\n}";
        assert!(may("陈伟", json));
        assert!(!may("陈伟 x", json));
    }

    #[test]
    fn escaped_backslashes_end_strings() {
        // The value of "title" ends with a backslash; "text" is a key there, not a value.
        let json = "{\n  \"title\": \"a\\\\\",\n  \"text\": 1\n}";
        assert!(!may("text", json));
        let json = "{\n  \"text\": \"a\\\\ b\"\n}";
        assert!(may("b", json));
    }

    #[test]
    fn unusual_escapes_are_always_parsed() {
        let json = "{\n  \"text\": \"Zo\\u00eb\"\n}";
        assert!(may("zoë x", json));
        assert!(may("zzz", json));
        assert!(!may("zzz", "{\n  \"text\": \"a\\nb\\\\u\"\n}"));
        assert!(may("a/b", "{\n  \"text\": \"a\\/b\"\n}"));
    }
}
