//! Due dates written the way minute takers write them: `by fri`, `next week`, `3 Dec`,
//! `3/12`, `+2w`, `within 10 working days`.
//!
//! Dates are UK style (day before month). A date without a year is the next such date on or
//! after today; a date that does not exist (31 Feb) is no date at all, so its words stay in
//! the action's text for the minute taker to see.

use std::ops::Range;

use chrono::{Datelike, Days, Month, Months, NaiveDate, Weekday};

use super::Word;
use crate::calendar::add_working_days;

/// Words that may introduce a due date: `by fri`, `due 3 Dec`, `within 5 days`.
const PREFIXES: &[&str] = &["by", "on", "before", "due", "within", "in"];

/// The largest count in a relative date (`in 999 days`); more is a typo, not a deadline.
const MAX_COUNT: u32 = 999;

/// How far ahead a date without a year may be looked for (29 Feb can be eight years away).
const YEARS_AHEAD: i32 = 8;

/// Parse a due phrase (`by fri`, `3 Dec`, `in 10 working days`...) relative to `today`.
///
/// The whole phrase must be a date; `None` when it is not, or names a day that does not exist.
#[must_use]
pub fn parse_due(phrase: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words = Word::split(phrase);
    let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
    let (date, taken) = phrase_at(&keys, today)?;
    (taken == keys.len()).then_some(date)
}

/// A due phrase found in a line: which words, and the date they give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundDue {
    /// The phrase's words, as indices into the line's words.
    pub range: Range<usize>,
    /// The date.
    pub date: NaiveDate,
}

/// Every due phrase in `words`, left to right, none overlapping (the caller takes the last:
/// deadlines usually end the line, and "visit on Monday, report by Friday" is due when the
/// report is).
pub(super) fn find_dates(words: &[Word], today: NaiveDate) -> Vec<FoundDue> {
    let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
    let mut found = Vec::new();
    let mut start = 0;
    while let Some(rest) = keys.get(start..).filter(|rest| !rest.is_empty()) {
        match phrase_at(rest, today) {
            Some((date, taken)) => {
                found.push(FoundDue {
                    range: start..start + taken,
                    date,
                });
                start += taken;
            }
            None => start += 1,
        }
    }
    found
}

/// A due phrase at the start of `keys` (folded words running to the end of the line): the
/// date and how many words it takes.
fn phrase_at(keys: &[&str], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let mut taken = 0;
    if keys.first() == Some(&"due") {
        taken += 1;
    }
    let mut counting = false;
    if let Some(prefix) = keys.get(taken).filter(|k| PREFIXES.contains(k)) {
        counting = matches!(*prefix, "in" | "within");
        taken += 1;
    }
    let introduced = taken > 0;
    let (date, used) = date_at(keys.get(taken..)?, today, counting, introduced)?;
    Some((date, taken + used))
}

/// The date at the start of `keys`. `counting`: after `in`/`within`, so `2 weeks` is a
/// duration. `introduced`: after a prefix, so even `sat` is surely a day.
fn date_at(
    keys: &[&str],
    today: NaiveDate,
    counting: bool,
    introduced: bool,
) -> Option<(NaiveDate, usize)> {
    let first = *keys.first()?;
    if let Some(found) = duration(keys, today, counting) {
        return Some(found);
    }
    if let Some(found) = calendar_date(keys, today) {
        return Some(found);
    }
    match first {
        "today" => return Some((today, 1)),
        "tomorrow" | "tmrw" => return Some((today.succ_opt()?, 1)),
        "eow" => return Some((end_of_week(today)?, 1)),
        "eom" => return Some((end_of_month(today)?, 1)),
        _ => {}
    }
    if first == "end" {
        return end_of(keys, today);
    }
    // "by the end of the week", "on the 3rd of December".
    if let ["the", rest @ ..] = keys {
        let (date, used) = end_of(rest, today).or_else(|| calendar_date(rest, today))?;
        return Some((date, 1 + used));
    }
    if let ["next", what, ..] = keys {
        let monday = next_monday(today)?;
        if *what == "week" {
            return Some((monday, 2));
        }
        let (day, _) = weekday(what)?;
        let offset = u64::from(day.num_days_from_monday());
        return Some((monday.checked_add_days(Days::new(offset))?, 2));
    }
    let (day, needs_context) = weekday(first)?;
    // "Wed next week".
    if keys.get(1..3) == Some(&["next", "week"]) {
        let offset = u64::from(day.num_days_from_monday());
        return Some((next_monday(today)?.checked_add_days(Days::new(offset))?, 3));
    }
    // "Fri 4 Dec": the date says which Friday.
    if let Some((date, used)) = keys.get(1..).and_then(|rest| calendar_date(rest, today)) {
        return Some((date, 1 + used));
    }
    // "sat" and "sun" are also words ("Mrs B sat with..."), so alone they must end the line.
    if needs_context && !introduced && keys.len() > 1 {
        return None;
    }
    Some((after(today, day)?, 1))
}

/// `end of week`, `end of the month`.
fn end_of(keys: &[&str], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let (what, used) = match keys {
        ["end", "of", "the", what, ..] => (*what, 4),
        ["end", "of", what, ..] => (*what, 3),
        _ => return None,
    };
    match what {
        "week" => Some((end_of_week(today)?, used)),
        "month" => Some((end_of_month(today)?, used)),
        _ => None,
    }
}

/// A weekday name or abbreviation, and whether it is also a common word.
fn weekday(key: &str) -> Option<(Weekday, bool)> {
    Some(match key {
        "monday" | "mon" => (Weekday::Mon, false),
        "tuesday" | "tue" | "tues" => (Weekday::Tue, false),
        "wednesday" | "wed" | "weds" => (Weekday::Wed, false),
        "thursday" | "thu" | "thur" | "thurs" => (Weekday::Thu, false),
        "friday" | "fri" => (Weekday::Fri, false),
        "saturday" => (Weekday::Sat, false),
        "sat" => (Weekday::Sat, true),
        "sunday" => (Weekday::Sun, false),
        "sun" => (Weekday::Sun, true),
        _ => return None,
    })
}

/// The first `day` strictly after `today`.
fn after(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    (1..=7)
        .filter_map(|n| today.checked_add_days(Days::new(n)))
        .find(|date| date.weekday() == day)
}

/// Monday of next week.
fn next_monday(today: NaiveDate) -> Option<NaiveDate> {
    today
        .week(Weekday::Mon)
        .checked_first_day()?
        .checked_add_days(Days::new(7))
}

/// The Friday ending this working week (today, if today is Friday).
fn end_of_week(today: NaiveDate) -> Option<NaiveDate> {
    (0..7)
        .filter_map(|n| today.checked_add_days(Days::new(n)))
        .find(|date| date.weekday() == Weekday::Fri)
}

/// The last day of this month.
fn end_of_month(today: NaiveDate) -> Option<NaiveDate> {
    today.with_day(u32::from(today.num_days_in_month()))
}

/// Units of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Days,
    WorkingDays,
    Weeks,
    Fortnights,
    Months,
}

impl Unit {
    /// The unit at the start of `keys` and how many words it takes.
    fn parse(keys: &[&str]) -> Option<(Self, usize)> {
        Some(match keys {
            ["working" | "business", "day" | "days", ..] => (Self::WorkingDays, 2),
            ["wd" | "wds", ..] => (Self::WorkingDays, 1),
            ["day" | "days", ..] => (Self::Days, 1),
            ["week" | "weeks", ..] => (Self::Weeks, 1),
            ["fortnight" | "fortnights", ..] => (Self::Fortnights, 1),
            ["month" | "months", ..] => (Self::Months, 1),
            _ => return None,
        })
    }

    /// The unit of a compact duration: `+3d`, `+2w`, `+1m`, `10wd`.
    fn compact(suffix: &str) -> Option<Self> {
        Some(match suffix {
            "d" => Self::Days,
            "wd" => Self::WorkingDays,
            "w" => Self::Weeks,
            "m" => Self::Months,
            _ => return None,
        })
    }

    fn after(self, today: NaiveDate, count: u32) -> Option<NaiveDate> {
        if count > MAX_COUNT {
            return None;
        }
        let days = |n: u32| today.checked_add_days(Days::new(u64::from(n)));
        match self {
            Self::Days => days(count),
            Self::WorkingDays => Some(add_working_days(today, count)),
            Self::Weeks => days(count * 7),
            Self::Fortnights => days(count * 14),
            Self::Months => today.checked_add_months(Months::new(count)),
        }
    }
}

/// A relative date: `+2w`, `10wd`, `10 wd`, and after `in`/`within` (`counting`) also
/// `2 weeks`, `a fortnight`, `10 working days`, `2w`.
fn duration(keys: &[&str], today: NaiveDate, counting: bool) -> Option<(NaiveDate, usize)> {
    let first = *keys.first()?;
    let (signed, body) = match first.strip_prefix('+') {
        Some(body) => (true, body),
        None => (false, first),
    };
    let digits_end = body
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(body.len(), |(i, _)| i);
    if let (Some(count), Some(unit)) = (
        body.get(..digits_end).and_then(number),
        body.get(digits_end..).and_then(Unit::compact),
    ) && (signed || counting || unit == Unit::WorkingDays)
    {
        return Some((unit.after(today, count)?, 1));
    }
    if signed {
        return None;
    }
    let count = number(first).or_else(|| number_word(first))?;
    let (unit, used) = Unit::parse(keys.get(1..)?)?;
    let shorthand = keys.get(1).is_some_and(|k| matches!(*k, "wd" | "wds"));
    if !(counting || shorthand) {
        return None;
    }
    Some((unit.after(today, count)?, 1 + used))
}

/// A count written in ASCII digits.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A count written as a word: `a week`, `two weeks`.
fn number_word(word: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        "fourteen" => Some(14),
        "twenty" => Some(20),
        "thirty" => Some(30),
        _ => WORDS
            .iter()
            .position(|w| *w == word)
            .and_then(|i| u32::try_from(i + 1).ok()),
    }
}

/// A date on the calendar: `3 Dec`, `3rd of December 2026`, `Dec 3`, `3/12`, `3/12/26`,
/// `2026-12-03`.
fn calendar_date(keys: &[&str], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let first = *keys.first()?;
    if let Some(date) = numeric_date(first, today) {
        return Some((date, 1));
    }
    let (day, month, used) = if let Some(day) = day_of_month(first) {
        let of = usize::from(keys.get(1) == Some(&"of"));
        (day, month(keys.get(1 + of)?)?, 2 + of)
    } else {
        (day_of_month(keys.get(1)?)?, month(first)?, 2)
    };
    match keys.get(used).and_then(|k| year(k, false)) {
        Some(year) => Some((NaiveDate::from_ymd_opt(year, month, day)?, used + 1)),
        None => Some((next_date(today, month, day)?, used)),
    }
}

/// `3/12`, `3/12/2026`, `3/12/26` (day first) or `2026-12-03`.
fn numeric_date(key: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = key.split('/').collect();
    match parts.as_slice() {
        [day, month] => next_date(today, short(month)?, short(day)?),
        [day, month, y] => NaiveDate::from_ymd_opt(year(y, true)?, short(month)?, short(day)?),
        _ => {
            let iso = key.split('-').collect::<Vec<_>>();
            match iso.as_slice() {
                [y, month, day] if y.len() == 4 && month.len() == 2 && day.len() == 2 => {
                    NaiveDate::from_ymd_opt(year(y, false)?, short(month)?, short(day)?)
                }
                _ => None,
            }
        }
    }
}

/// A day or month number of one or two digits.
fn short(text: &str) -> Option<u32> {
    (text.len() <= 2).then(|| number(text)).flatten()
}

/// A day of the month, with or without its ordinal ending: `3`, `3rd`, `21st`.
fn day_of_month(key: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|end| key.strip_suffix(end))
        .unwrap_or(key);
    short(digits).filter(|day| (1..=31).contains(day))
}

/// A month name or its abbreviation (`Dec`, `December`, `Sept`).
fn month(key: &str) -> Option<u32> {
    if key == "sept" {
        return Some(9);
    }
    // chrono reads "dec" and "december" alike, and nothing else.
    key.parse::<Month>().ok().map(|m| m.number_from_month())
}

/// A four-digit year, or (`short_ok`, in `3/12/26`) a two-digit year in this century.
fn year(key: &str, short_ok: bool) -> Option<i32> {
    let value = i32::try_from(number(key)?).ok()?;
    match key.len() {
        4 => Some(value),
        2 if short_ok => Some(2000 + value),
        _ => None,
    }
}

/// The next `day` of `month` on or after `today` (29 Feb may be years away; 31 Feb never is).
fn next_date(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (0..=YEARS_AHEAD)
        .filter_map(|ahead| NaiveDate::from_ymd_opt(today.year().checked_add(ahead)?, month, day))
        .find(|date| *date >= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    /// Monday 23 November 2026.
    fn monday() -> NaiveDate {
        d(2026, 11, 23)
    }

    #[test]
    fn phrases_give_dates() {
        let table: &[(&str, NaiveDate)] = &[
            ("today", d(2026, 11, 23)),
            ("tomorrow", d(2026, 11, 24)),
            ("Tomorrow.", d(2026, 11, 24)),
            ("fri", d(2026, 11, 27)),
            ("by fri", d(2026, 11, 27)),
            ("Friday", d(2026, 11, 27)),
            ("on Wed", d(2026, 11, 25)),
            ("thurs", d(2026, 11, 26)),
            ("mon", d(2026, 11, 30)),
            ("sat", d(2026, 11, 28)),
            ("by sun", d(2026, 11, 29)),
            ("next fri", d(2026, 12, 4)),
            ("by next Friday", d(2026, 12, 4)),
            ("next mon", d(2026, 11, 30)),
            ("next week", d(2026, 11, 30)),
            ("wed next week", d(2026, 12, 2)),
            ("end of week", d(2026, 11, 27)),
            ("by the end of the week", d(2026, 11, 27)),
            ("eow", d(2026, 11, 27)),
            ("by end of month", d(2026, 11, 30)),
            ("EOM", d(2026, 11, 30)),
            ("3 Dec", d(2026, 12, 3)),
            ("by 3rd December", d(2026, 12, 3)),
            ("3rd of December", d(2026, 12, 3)),
            ("on the 3rd of Dec", d(2026, 12, 3)),
            ("Dec 3", d(2026, 12, 3)),
            ("December 3rd, 2027", d(2027, 12, 3)),
            ("3 Dec 2027", d(2027, 12, 3)),
            ("Fri 4 Dec", d(2026, 12, 4)),
            ("3/12", d(2026, 12, 3)),
            ("3/12/2026", d(2026, 12, 3)),
            ("03/12/26", d(2026, 12, 3)),
            ("2026-12-03", d(2026, 12, 3)),
            ("23 Nov", d(2026, 11, 23)),
            ("22 Nov", d(2027, 11, 22)),
            ("1 Jan", d(2027, 1, 1)),
            ("29 Feb", d(2028, 2, 29)),
            ("+3d", d(2026, 11, 26)),
            ("+2w", d(2026, 12, 7)),
            ("+1m", d(2026, 12, 23)),
            ("in 2 weeks", d(2026, 12, 7)),
            ("in a fortnight", d(2026, 12, 7)),
            ("within two weeks", d(2026, 12, 7)),
            ("within 5 days", d(2026, 11, 28)),
            ("in 1 month", d(2026, 12, 23)),
            ("due in 3 days", d(2026, 11, 26)),
            ("due by fri", d(2026, 11, 27)),
            ("in 10 working days", d(2026, 12, 7)),
            ("within 10 working days", d(2026, 12, 7)),
            ("10 wd", d(2026, 12, 7)),
            ("10wd", d(2026, 12, 7)),
            ("within 5 business days", d(2026, 11, 30)),
        ];
        for (phrase, want) in table {
            assert_eq!(parse_due(phrase, monday()), Some(*want), "{phrase:?}");
        }
    }

    #[test]
    fn working_days_skip_christmas() {
        // From Thursday 17 December 2026: Christmas Day (Fri 25), Boxing Day's substitute
        // (Mon 28) and New Year's Day (Fri 1 Jan) are not counted, nor are the weekends.
        let from = d(2026, 12, 17);
        assert_eq!(
            parse_due("within 10 working days", from),
            Some(d(2027, 1, 5))
        );
        assert_eq!(parse_due("10 wd", from), Some(d(2027, 1, 5)));
        // Ten calendar days is not the same thing.
        assert_eq!(parse_due("within 10 days", from), Some(d(2026, 12, 27)));
    }

    #[test]
    fn non_dates_give_none() {
        for phrase in [
            "",
            "by",
            "31 Feb",
            "30/2",
            "31/2/2026",
            "2026-02-30",
            "29 Feb 2027",
            "32 Dec",
            "3/13",
            "2 weeks",
            "+2x",
            "+w",
            "in 1000 days",
            "fri fri",
            "next",
            "next year",
            "end of",
            "end of the day",
            "the",
            "by the fri",
            "3",
            "Dec",
            "friday's",
            "in +2 weeks",
            "٣ Dec",
            "１/１２",
        ] {
            assert_eq!(parse_due(phrase, monday()), None, "{phrase:?}");
        }
    }
}
