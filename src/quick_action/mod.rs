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

use chrono::{Datelike, NaiveDate};

use crate::model::Attendee;
use crate::people::{People, word_key};

pub use due::{Due, DueContext, parse_due, read_due};

/// A quick action taken apart, ready to become an [`ActionItem`](crate::model::ActionItem),
/// with what the preview must show the minute taker before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedAction {
    /// What is to be done: the line without the owner phrase and the due phrase, nothing else
    /// cut, and the first letter capitalised ("Request CCTV"). When several people are named
    /// together (`Tom and Zoë to agree...`) every name stays.
    pub text: String,
    /// The matched attendee's name, the agency's name when an agency with several attendees
    /// was named, or else the owner words as typed ("Ms Bello", "Social worker"); empty when
    /// the line names no owner.
    pub owner: String,
    /// The matched attendee's agency, or the agency named by the owner words.
    pub agency: String,
    /// Index into the attendees of the matched owner; `None` when no attendee, or more than
    /// one, matched.
    pub owner_attendee: Option<usize>,
    /// The due date, if the line gave one.
    pub due: Option<NaiveDate>,
    /// The words that gave the date, as typed ("by fri").
    pub due_phrase: Option<String>,
    /// The owner words, when they name nobody at the meeting: show it as a miss.
    pub owner_miss: Option<String>,
    /// The attendees the owner words name equally well (two Toms): show them; never a guess.
    pub ambiguous: Vec<usize>,
    /// A phrase about when that was not read as a date (`in a few days`, `by 31 Feb`, `before
    /// the review` with no review date set), left in the text: show it as unread.
    pub unread_date: Option<String>,
    /// `asap`, `as soon as possible`, `urgently` or `immediately` was written: no date, but
    /// flagged. The words stay in the text, so the record keeps the urgency.
    pub asap: bool,
}

/// What a quick action is read against.
#[derive(Debug, Clone, Copy)]
pub struct ActionContext<'a> {
    /// The meeting's attendees.
    pub attendees: &'a [Attendee],
    /// Today, for relative dates.
    pub today: NaiveDate,
    /// The meeting's chair as written in the record: "the chair" is them when they are an
    /// attendee. Empty: whoever has the chair's role.
    pub chair: &'a str,
    /// The record's review date, for `before the review`.
    pub review: Option<NaiveDate>,
}

impl<'a> ActionContext<'a> {
    /// Against `attendees` and `today`, with no chair or review date given.
    #[must_use]
    pub const fn new(attendees: &'a [Attendee], today: NaiveDate) -> Self {
        Self {
            attendees,
            today,
            chair: "",
            review: None,
        }
    }
}

/// Parse a quick action line typed during the meeting (see [`parse_action_in`]), with no chair
/// or review date known.
#[must_use]
pub fn parse_action(input: &str, attendees: &[Attendee], today: NaiveDate) -> ParsedAction {
    parse_action_in(input, &ActionContext::new(attendees, today))
}

/// Parse a quick action line typed during the meeting.
///
/// The owner is looked for at the start of the line (`Tom to`, `the home will`, `ŁN:`), in a
/// trailing `(owner: JS)`, `(Tom)` or `- Tom`, or after `to be <done> by`; the due date
/// anywhere (the last date phrase wins). Never fails: whatever is not understood stays in
/// [`ParsedAction::text`], and what the minute taker should check is flagged.
#[must_use]
pub fn parse_action_in(input: &str, context: &ActionContext<'_>) -> ParsedAction {
    let mut parsed = ParsedAction::default();
    let people = People::new(context.attendees).with_chair(context.chair);

    let due_context = DueContext {
        today: context.today,
        review: context.review,
    };
    let (body, trailing_owner) = owner::split_trailing_owner(input);
    let mut words = Word::split(body);
    words.drain(..owner::label_words(&words));

    let found = match trailing_owner {
        Some(typed) => Some(owner::Found {
            remove: 0..0,
            owner: owner::match_exact(typed, &people),
        }),
        None => owner::find(&words, &people).or_else(|| {
            // `Send the plan to the family (Amara) by Friday`: named last, before the date.
            let dates = due::find_dates(&words, due_context);
            let last = dates.last().filter(|f| f.range.end == words.len())?;
            owner::trailing(&words[..last.range.start], &people)
        }),
    };
    if let Some(found) = found {
        remove_words(&mut words, found.remove);
        parsed.owner = found.owner.owner;
        parsed.agency = found.owner.agency;
        parsed.owner_attendee = found.owner.attendee;
        parsed.owner_miss = found.owner.miss;
        parsed.ambiguous = found.owner.ambiguous;
    }

    let taken = take_due(words, due_context);
    parsed.text = tidy(&join_raw(&taken.words));
    parsed.due = taken.date;
    parsed.due_phrase = taken.phrase;
    parsed.asap = taken.asap;
    parsed.unread_date = taken.unread;
    parsed
}

/// A date as the preview shows it, with its weekday: "Fri 4 Dec".
#[must_use]
pub fn show_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// A due date as the preview shows it: "Fri 4 Dec", with the year when it is not this year
/// ("Fri 15 Jan 2027").
#[must_use]
pub fn show_due(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        show_date(date)
    } else {
        date.format("%a %-d %b %Y").to_string()
    }
}

/// The words left once the due phrase is taken out, and what it said.
#[derive(Debug, Default)]
struct TakenDue {
    words: Vec<Word>,
    date: Option<NaiveDate>,
    phrase: Option<String>,
    asap: bool,
    unread: Option<String>,
}

/// The words without their due phrase, the date, and the phrase as typed; whether `asap` was
/// said; and the first date-like phrase left unread.
///
/// The last date phrase is the due date; another giving the same day ("visit tomorrow and
/// call tomorrow", "next Friday (4/12)") goes too. When the phrase's words would still be in the text
/// (`sat` is also a word: "Mrs B sat with her daughter, review sat") no date is taken, so the
/// text keeps every word and the minute taker sets the date by hand.
fn take_due(words: Vec<Word>, context: DueContext) -> TakenDue {
    let found = due::find_dates(&words, context);
    let read: Vec<Range<usize>> = found
        .iter()
        .filter(|f| f.due != Due::NoReviewDate)
        .map(|f| f.range.clone())
        .collect();
    let unread = due::find_unread(&words, &read).map(|range| phrase_as_typed(&words[range]));
    let asap = found.iter().any(|f| f.due == Due::Asap);
    let chosen = found.iter().rev().find_map(|f| match f.due {
        Due::Date(date) if f.deadline => Some((f.range.clone(), date)),
        _ => None,
    });
    let Some((chosen, date)) = chosen else {
        return TakenDue {
            words,
            asap,
            unread,
            ..TakenDue::default()
        };
    };
    let phrase = phrase_as_typed(&words[chosen]);
    let mut kept = words.clone();
    // Every phrase giving the same day goes ("visit tomorrow and call tomorrow", "next Friday
    // (4/12)"), from the end, so the earlier ranges still point at the same words.
    for found in found.iter().rev() {
        if found.deadline && found.due == Due::Date(date) {
            remove_words(&mut kept, found.range.clone());
        }
    }
    if find_words(&join_raw(&kept), &phrase).is_some() {
        return TakenDue {
            words,
            asap,
            unread,
            ..TakenDue::default()
        };
    }
    TakenDue {
        words: kept,
        date: Some(date),
        phrase: Some(phrase),
        asap,
        unread,
    }
}

/// Take `range` out of `words`, keeping what followed it ("tomorrow, then..."; a bracket
/// closed after "(check by fri)") on the word before it.
fn remove_words(words: &mut Vec<Word>, range: Range<usize>) {
    let Some(removed) = words.get(range.clone()) else {
        return;
    };
    let punctuation = trailing_punctuation(removed);
    words.drain(range.clone());
    if let Some(before) = range.start.checked_sub(1).and_then(|i| words.get_mut(i)) {
        before.raw.push_str(&punctuation);
    }
}

/// The text with its first letter capitalised, without separators left dangling at either
/// end once the owner and date are gone (`- chase`, `send the letter,`).
fn tidy(text: &str) -> String {
    const DANGLING: &[char] = &['-', '–', '—', ':', ',', ';', '/', '&'];
    let text = text
        .trim_start_matches(|c: char| DANGLING.contains(&c) || c.is_whitespace())
        .trim_end_matches(|c: char| DANGLING.contains(&c) || c.is_whitespace());
    capitalise_first(text)
}

/// One word of the line: as typed, and folded for matching.
#[derive(Debug, Clone)]
struct Word {
    /// The word as typed (punctuation and case kept).
    raw: String,
    /// Lower case, without the brackets and punctuation around it ("Fri." -> "fri").
    key: String,
    /// The key it names people by ([`word_key`]: "Zoë," -> "zoe").
    name: String,
}

/// Characters that may cling to the start of a word without being part of it.
const LEADING: &[char] = &['(', '[', '"', '\'', '“', '‘'];
/// Characters that may cling to the end of a word without being part of it.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '”', '’'];

impl Word {
    fn new(raw: &str) -> Self {
        // `Zoë/Amara`: named by the first.
        let name = match raw.split_once('/') {
            Some((first, second))
                if first.ends_with(char::is_alphabetic)
                    && second.starts_with(char::is_alphabetic) =>
            {
                word_key(first)
            }
            _ => word_key(raw),
        };
        Self {
            raw: raw.to_owned(),
            key: fold(raw),
            name,
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
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let taken = take_due(Word::split(line), DueContext::new(monday));
        Some((tidy(&join_raw(&taken.words)), taken.date?, taken.phrase?))
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
        // Every phrase giving the chosen day goes, written the same way or not.
        assert_eq!(text("by by fri fri"), Some("By".into()));
        assert_eq!(
            text("see Mrs B next Friday (4/12)"),
            Some("See Mrs B".into())
        );
        assert_eq!(find_words("Visit friday club", "fri"), None);
        assert_eq!(find_words("call BY fri now", "by Fri"), Some(1));
    }

    #[test]
    fn an_owner_named_last_before_the_date() {
        let attendees = [
            Attendee::new("Amara Bello", "Social worker", "Adult Social Care"),
            Attendee::new("Łukasz Nowak", "Registered manager", "Oakwood Care"),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let parsed = parse_action(
            "Send the plan to the family (Amara) by Friday",
            &attendees,
            today,
        );
        assert_eq!(parsed.owner_attendee, Some(0));
        assert_eq!(parsed.text, "Send the plan to the family");
        let parsed = parse_action(
            "Update the risk assessment – Oakwood – by Friday",
            &attendees,
            today,
        );
        assert_eq!(parsed.owner_attendee, Some(1));
        assert_eq!(parsed.text, "Update the risk assessment");
        // A bracket that names nobody stays.
        let parsed = parse_action("Send the plan (draft) by Friday", &attendees, today);
        assert_eq!(
            (parsed.owner.as_str(), parsed.text.as_str()),
            ("", "Send the plan (draft)")
        );
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
