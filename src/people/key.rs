//! The key a name is matched by: what is left of a word once case, accents and punctuation are
//! gone, so that `Zoe`, `ZOË` and `Zoë` are one key, and so are `lukasz` and `Łukasz`,
//! `oneill` and `O’Neill`.
//!
//! Unlike [`crate::search::fold`] (which keeps every letter so that the search prefilter can
//! work on raw bytes), this key transliterates: `Ł` becomes `l`, `ø` `o`, `ß` `ss`, `陈` `chen`
//! (the `deunicode` tables). Decomposing and dropping the accents would leave `Ł`, `ø` and `ß`
//! as they are, and those are exactly the letters a UK keyboard cannot type.

/// The key of one word: its letters and digits in ASCII lower case, transliterated where they
/// are not ASCII; punctuation, combining marks and symbols dropped (`O’Neill,` -> `oneill`).
/// A letter with no transliteration is kept, in lower case, so it still matches itself.
#[must_use]
pub fn word_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            match deunicode::deunicode_char(c) {
                Some(ascii) if ascii.bytes().any(|b| b.is_ascii_alphanumeric()) => key.extend(
                    ascii
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .map(|c| c.to_ascii_lowercase()),
                ),
                _ => key.extend(c.to_lowercase()),
            }
        }
    }
    key
}

/// The keys of the words of `text`, leaving out words with no letter or digit (`-`, `&`).
#[must_use]
pub fn phrase_key(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(word_key)
        .filter(|key| !key.is_empty())
        .collect()
}

/// Whether `haystack` contains `needle` as the start of a word or more, ignoring case, accents
/// and punctuation: how a filter or search box finds `Zoë Martin` from `zoe mar`, `Łukasz`
/// from `lukasz` and `O'Neill` from `oneill`. An empty needle is in everything.
#[must_use]
pub fn loosely_contains(haystack: &str, needle: &str) -> bool {
    keys_contain(&phrase_key(haystack), &phrase_key(needle))
}

/// [`loosely_contains`] on word keys already made with [`phrase_key`]: for a list filtered
/// on every keystroke, whose keys are made once.
#[must_use]
pub fn keys_contain(words: &[String], needle: &[String]) -> bool {
    let Some((last, whole)) = needle.split_last() else {
        return true;
    };
    (0..words.len()).any(|start| {
        let rest = &words[start..];
        rest.len() > whole.len()
            && rest.iter().zip(whole).all(|(word, want)| word == want)
            && rest[whole.len()].starts_with(last.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        assert_eq!(word_key("Zoë"), "zoe");
        assert_eq!(word_key("ZOË"), "zoe");
        assert_eq!(word_key("Zoe\u{308}"), "zoe"); // decomposed: e + combining diaeresis
        assert_eq!(word_key("Łukasz"), "lukasz");
        assert_eq!(word_key("ŁN"), "ln");
        assert_eq!(word_key("Søren"), "soren");
        assert_eq!(word_key("Weiß"), "weiss");
        assert_eq!(word_key("O’Neill,"), "oneill");
        assert_eq!(word_key("(Siobhán)"), "siobhan");
        assert_eq!(word_key("陈伟"), "chenwei");
        assert_eq!(word_key("-"), "");
        assert_eq!(word_key("🙂"), "");
        assert_eq!(
            phrase_key("Dr  Tom-Hughes & co."),
            ["dr", "tomhughes", "co"]
        );
    }

    #[test]
    fn loose_containment_finds_word_starts() {
        assert!(loosely_contains("Zoë Martin", "zoe mar"));
        assert!(loosely_contains("Łukasz Nowak", "LUKASZ"));
        assert!(loosely_contains("Siobhán O'Neill", "oneill"));
        assert!(loosely_contains("Oakwood Care Ltd", "care"));
        assert!(loosely_contains("anything", ""));
        assert!(!loosely_contains("Zoë Martin", "artin"));
        assert!(!loosely_contains("Zoë Martin", "zoe x"));
    }
}
