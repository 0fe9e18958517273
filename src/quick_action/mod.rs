//! Quick actions: the one line a minute taker types to record an action during the meeting,
//! such as `Police to request CCTV by fri` or `JS chase GP records within 10 working days`.
//!
//! [`parse_action`] splits the line into who (`owner.rs`), what (the rest of the line) and by
//! when (`due.rs`); the UI shows the result for the minute taker to confirm or correct, so a
//! line that does not parse is never lost: its words simply stay in the text.
//!
//! Pure: no terminal, no I/O, no clock (today is passed in). Words are taken with
//! `split_whitespace` and trimmed with `char` patterns, so no string is ever cut inside a
//! character, whatever script names are written in.

mod due;
mod owner;

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::Attendee;

pub use due::parse_due;

/// A quick action taken apart, ready to become an [`ActionItem`](crate::model::ActionItem).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedAction {
    /// What is to be done, with the owner and the due phrase removed and the first letter
    /// capitalised ("Request CCTV").
    pub text: String,
    /// The matched attendee's name, or else the owner words as typed ("Police",
    /// "Social worker"); empty when the line names no owner.
    pub owner: String,
    /// The matched attendee's agency, or the agency word when the owner is an agency name.
    pub agency: String,
    /// Index into the attendees of the matched owner; `None` when no attendee, or more than
    /// one, matched.
    pub owner_attendee: Option<usize>,
    /// The due date, if the line gave one.
    pub due: Option<NaiveDate>,
    /// The words that gave the date, as typed ("by fri").
    pub due_phrase: Option<String>,
}

/// Parse a quick action line typed during the meeting.
///
/// The owner is looked for at the start of the line (or in a trailing `(owner: JS)`), the due
/// date anywhere (the last date phrase wins); `today` anchors relative dates. Never fails:
/// whatever is not understood stays in [`ParsedAction::text`].
#[must_use]
pub fn parse_action(input: &str, attendees: &[Attendee], today: NaiveDate) -> ParsedAction {
    let mut parsed = ParsedAction::default();

    let (body, trailing_owner) = owner::split_trailing_owner(input);
    let mut words = Word::split(body);

    let found_owner = match trailing_owner {
        Some(typed) => Some(owner::match_exact(typed, attendees)),
        None => owner::match_leading(&words, attendees).map(|(taken, found)| {
            words.drain(..taken);
            found
        }),
    };
    if let Some(found) = found_owner {
        parsed.owner = found.owner;
        parsed.agency = found.agency;
        parsed.owner_attendee = found.attendee;
    }

    match take_due(&words, today) {
        Some((text, date, phrase)) => {
            parsed.text = text;
            parsed.due = Some(date);
            parsed.due_phrase = Some(phrase);
        }
        None => parsed.text = capitalise_first(&join_raw(&words)),
    }
    parsed
}

/// The text without its due phrase, the date, and the phrase as typed.
///
/// The last date phrase is the due date; the same phrase written again earlier ("visit
/// tomorrow and call tomorrow") goes too. When the phrase's words would still be in the text
/// (`sat` is also a word: "Mrs B sat with her daughter, review sat") no date is taken, so the
/// text keeps every word and the minute taker sets the date by hand.
fn take_due(words: &[Word], today: NaiveDate) -> Option<(String, NaiveDate, String)> {
    let found = due::find_dates(words, today);
    let chosen = found.last()?;
    let chosen_words = words.get(chosen.range.clone())?;
    let phrase = phrase_as_typed(chosen_words);
    let same_words = |range: &Range<usize>| {
        words.get(range.clone()).is_some_and(|these| {
            these.len() == chosen_words.len()
                && these.iter().zip(chosen_words).all(|(a, b)| a.key == b.key)
        })
    };

    let mut kept = words.to_vec();
    // From the end, so the earlier ranges still point at the same words.
    for range in found
        .iter()
        .rev()
        .map(|f| &f.range)
        .filter(|r| same_words(r))
    {
        let punctuation = kept.get(range.clone()).map(trailing_punctuation)?;
        kept.drain(range.clone());
        // Keep what followed the phrase ("tomorrow, then..."; a bracket closed after "(check
        // by fri)") on the word before it.
        if let Some(before) = range.start.checked_sub(1).and_then(|i| kept.get_mut(i)) {
            before.raw.push_str(&punctuation);
        }
    }
    let text = capitalise_first(&join_raw(&kept));
    if find_words(&text, &phrase).is_some() {
        return None;
    }
    Some((text, chosen.date, phrase))
}

/// One word of the line: as typed, and folded for matching.
#[derive(Debug, Clone)]
struct Word {
    /// The word as typed (punctuation and case kept).
    raw: String,
    /// Lower case, without the brackets and punctuation around it ("Fri." -> "fri").
    key: String,
}

/// Characters that may cling to the start of a word without being part of it.
const LEADING: &[char] = &['(', '[', '"', '\'', '“', '‘'];
/// Characters that may cling to the end of a word without being part of it.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '”', '’'];

impl Word {
    fn new(raw: &str) -> Self {
        Self {
            raw: raw.to_owned(),
            key: fold(raw),
        }
    }

    fn split(text: &str) -> Vec<Self> {
        text.split_whitespace().map(Self::new).collect()
    }
}

/// A word or name folded for matching: lower case, surrounding punctuation removed.
fn fold(raw: &str) -> String {
    raw.trim_start_matches(LEADING)
        .trim_end_matches(TRAILING)
        .to_lowercase()
}

/// Fold every word of a name or phrase.
fn fold_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

fn join_raw(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.raw.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a phrase as typed, without the punctuation around the phrase as a whole.
fn phrase_as_typed(words: &[Word]) -> String {
    join_raw(words)
        .trim_start_matches(LEADING)
        .trim_end_matches(TRAILING)
        .to_owned()
}

/// The punctuation after a phrase worth keeping in the text: a comma or full stop, and a
/// closing bracket only when the bracket was not opened inside the phrase.
fn trailing_punctuation(words: &[Word]) -> String {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return String::new();
    };
    let suffix_start = last.raw.trim_end_matches(TRAILING).len();
    // `suffix_start` is where trimming stopped, so it is a character boundary.
    let suffix = last.raw.get(suffix_start..).unwrap_or_default();
    let opened = first.raw.starts_with(['(', '[']);
    suffix
        .chars()
        .filter(|c| !(opened && matches!(c, ')' | ']')))
        .collect()
}

/// `text` with its first character in upper case.
fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Where the words of `needle` start in `haystack`'s words, ignoring case.
fn find_words(haystack: &str, needle: &str) -> Option<usize> {
    let needle: Vec<String> = needle.split_whitespace().map(str::to_lowercase).collect();
    if needle.is_empty() {
        return None;
    }
    let words: Vec<String> = haystack.split_whitespace().map(str::to_lowercase).collect();
    words
        .windows(needle.len())
        .position(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_punctuation_and_case() {
        assert_eq!(fold("(Fri.)"), "fri");
        assert_eq!(fold("Ó"), "ó");
        assert_eq!(fold("O'Neill,"), "o'neill");
        assert_eq!(fold("..."), "");
    }

    #[test]
    fn capitalise_handles_any_first_character() {
        assert_eq!(capitalise_first("request CCTV"), "Request CCTV");
        assert_eq!(capitalise_first("łukasz"), "Łukasz");
        assert_eq!(capitalise_first("ßx"), "SSx");
        assert_eq!(capitalise_first(""), "");
    }

    fn due(line: &str) -> Option<(String, NaiveDate, String)> {
        take_due(&Word::split(line), NaiveDate::default())
    }

    #[test]
    fn the_due_phrase_leaves_no_copy_behind() {
        let text = |line| due(line).map(|found| found.0);
        assert_eq!(
            text("visit tomorrow and call tomorrow"),
            Some("Visit and call".into())
        );
        assert_eq!(
            text("visit on Monday, call by fri"),
            Some("Visit on Monday, call".into())
        );
        // The same words that are not a date: no date rather than a changed text.
        assert_eq!(text("Mrs B sat with her daughter, review sat"), None);
        assert_eq!(text("by by fri fri"), None);
        assert_eq!(find_words("Visit friday club", "fri"), None);
        assert_eq!(find_words("call BY fri now", "by Fri"), Some(1));
    }

    #[test]
    fn punctuation_after_a_phrase_stays() {
        let words = Word::split("(by fri)");
        assert_eq!(trailing_punctuation(&words), "");
        assert_eq!(phrase_as_typed(&words), "by fri");
        let words = Word::split("tomorrow,");
        assert_eq!(trailing_punctuation(&words), ",");
    }
}
