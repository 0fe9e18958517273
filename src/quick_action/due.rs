//! Due dates written the way minute takers write them, relative to today (and to the record's
//! review date, when it has one).
//!
//! What is read (each may follow `by`, `on`, `before`, `due`, `until`, `for`, `no later than`,
//! `prior to`; durations follow `in`, `within` or `within the next`):
//! - days: `today`, `tonight`, `tomorrow`, `the day after tomorrow`; a time of day alone
//!   (`by 5pm`, `by close of play`, `EOD`) is today; with a day (`5pm Friday`, `Friday
//!   lunchtime`, `noon tomorrow`) it is that day, the time itself is not kept;
//! - weekdays: `fri` or `Friday` is the first Friday after today; `this Friday` the coming
//!   Friday (today, on a Friday); **`next Friday` is the Friday of next week** (weeks start on
//!   Monday), so on Monday 23 November 2026 `next Friday` is 4 December, and on Saturday 28
//!   November it is also 4 December; `Friday week`, `a week on Friday` and `Friday after
//!   next` are seven days after the coming Friday; `Friday next week` is `next Friday`;
//! - weeks: `end of the week`, `eow`, `this week` are the Friday ending this week; `next week`
//!   is its Monday, `end of next week` its Friday; `by the weekend` is Friday;
//! - months: `end of the month`, `eom` are the last day of this month; `next month` is the
//!   first day of next month (as `next week` is its Monday); `end of next month` its last day;
//!   `mid January` the 15th, `end of January` the 31st, `beginning of January` the 1st;
//! - durations: `in 2 weeks`, `within 10 working days`, `a fortnight`, `in 3 months`, `+2w`,
//!   `10wd`; **hours round down to whole days, counted from today**: a deadline in hours is
//!   due on the day it falls if the clock starts this morning, so `within 48 hours` is today
//!   + 2, `in 24 hours` today + 1, `within 36 hours` today + 1 and `within 4 hours` today;
//! - calendar dates, UK style (day before month): `3 Dec`, `3rd of December 2027`, `Dec 3`,
//!   `12/12`, `1/2/27`, `2026-12-03`, and a day of the month alone (`on 15th`, `by the 18th`),
//!   the next such day on or after today; a date without a year is the next such date on or
//!   after today; a date that does not exist (31 Feb) is no date;
//! - `before the review`, `by the next meeting`: the record's review date, when it has one;
//! - `asap`, `as soon as possible`, `urgently`, `immediately`: no date, flagged.

use std::ops::Range;

use chrono::{Datelike, Days, Month, Months, NaiveDate, Weekday};

use super::Word;
use crate::calendar::add_working_days;

/// What a due phrase says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A day.
    Date(NaiveDate),
    /// As soon as possible: no day, but it must be flagged.
    Asap,
    /// The review (`before the review`) when the record has no review date yet.
    NoReviewDate,
}

/// What relative dates are relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueContext {
    /// Today.
    pub today: NaiveDate,
    /// The record's review date, for `before the review`.
    pub review: Option<NaiveDate>,
}

impl DueContext {
    /// Relative to `today`, with no review date.
    #[must_use]
    pub const fn new(today: NaiveDate) -> Self {
        Self {
            today,
            review: None,
        }
    }
}

/// The largest count in a relative date (`in 999 days`); more is a typo, not a deadline.
const MAX_COUNT: u32 = 999;

/// How far ahead a date without a year may be looked for (29 Feb can be eight years away).
const YEARS_AHEAD: i32 = 8;

/// Parse a due phrase (`by fri`, `3 Dec`, `in 10 working days`, `within 48 hours`...)
/// relative to `today`: what a form's date field accepts (see the module docs).
///
/// The whole phrase must be a date; `None` when it is not, or names a day that does not exist.
#[must_use]
pub fn parse_due(phrase: &str, today: NaiveDate) -> Option<NaiveDate> {
    match read_due(phrase, DueContext::new(today))? {
        Due::Date(date) => Some(date),
        Due::Asap | Due::NoReviewDate => None,
    }
}

/// Read a whole due phrase, as [`parse_due`] does, also knowing the review date and telling
/// `asap` apart from no date at all.
#[must_use]
pub fn read_due(phrase: &str, context: DueContext) -> Option<Due> {
    let words = Word::split(phrase);
    let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
    let (due, taken) = phrase_at(&keys, context, true)?;
    (taken == keys.len()).then_some(due)
}

/// A due phrase found in a line: which words, and what they say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundDue {
    /// The phrase's words, as indices into the line's words.
    pub range: Range<usize>,
    /// What it says.
    pub due: Due,
    /// Whether it can be the deadline: not a day already past (`delivered on 20/11`, which
    /// would otherwise be next year's) nor a start (`from Monday`).
    pub deadline: bool,
}

/// Every due phrase in `words`, left to right, none overlapping (the caller takes the last:
/// deadlines usually end the line, and "visit on Monday, report by Friday" is due when the
/// report is).
pub(super) fn find_dates(words: &[Word], context: DueContext) -> Vec<FoundDue> {
    let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
    let mut found = Vec::new();
    let mut start = 0;
    while let Some(rest) = keys.get(start..).filter(|rest| !rest.is_empty()) {
        match phrase_at(rest, context, false) {
            Some((due, taken)) => {
                let introduced = prefix(rest).1 > 0 || rest.first() == Some(&"due");
                // `from Monday` starts something; `from by Monday` does not.
                let start_of_something = !introduced
                    && start
                        .checked_sub(1)
                        .is_some_and(|i| matches!(keys[i], "from" | "since"));
                let past = match due {
                    Due::Date(date) => is_recent_past(&rest[..taken], date, context.today),
                    Due::Asap | Due::NoReviewDate => false,
                };
                found.push(FoundDue {
                    range: start..start + taken,
                    due,
                    deadline: !past && !start_of_something,
                });
                start += taken;
            }
            None => start += 1,
        }
    }
    found
}

/// How far ahead a date written without its year may be and still be meant: further, and it
/// was this year's, already past (`delivered on 20/11` written on 23 November).
const MAX_DAYS_AHEAD_WITHOUT_YEAR: i64 = 300;

/// Whether `keys`, read as `date`, name a day of the month without a year that has just gone.
fn is_recent_past(keys: &[&str], date: NaiveDate, today: NaiveDate) -> bool {
    let yearless = keys
        .iter()
        .any(|k| month(k).is_some() || k.split(['/', '.']).count() == 2 && looks_numeric_date(k));
    let with_year = keys
        .iter()
        .any(|k| year(k, false).is_some() || k.split(['/', '.', '-']).count() == 3);
    yearless && !with_year && (date - today).num_days() > MAX_DAYS_AHEAD_WITHOUT_YEAR
}

/// What introduces a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// Nothing: only words that are surely dates count.
    None,
    /// A deadline: `by`, `before`, `until`, `no later than`.
    By,
    /// A day: `on`, `for`, `at`, `due`.
    On,
    /// A duration follows: `in`, `within`, `within the next`.
    Within,
    /// `at`: a time (`at 5pm`), the review, or the end of something; never a bare day.
    At,
    /// Nothing, but the words are meant as a date (a form's date field): as `in`, though
    /// `review` alone is still a verb.
    Meant,
    /// `after`: only a duration (`after 4 weeks`); `after Friday` is no deadline.
    After,
}

/// The words introducing a date at the start of `keys`, and how many there are.
fn prefix(keys: &[&str]) -> (Prefix, usize) {
    match keys {
        ["no" | "not", "later", "than", ..] | ["on", "or", "before", ..] => (Prefix::By, 3),
        ["nlt", ..] => (Prefix::By, 1),
        ["prior", "to", ..] | ["ahead", "of", ..] => (Prefix::By, 2),
        ["within" | "in" | "over", "the", "next", ..] => (Prefix::Within, 3),
        ["by" | "before" | "until" | "till" | "til", ..] => (Prefix::By, 1),
        ["on" | "for", ..] => (Prefix::On, 1),
        ["at", ..] => (Prefix::At, 1),
        ["within" | "in", ..] => (Prefix::Within, 1),
        ["after", ..] => (Prefix::After, 1),
        ["w/c" | "wc" | "w/b" | "w/e", ..] => (Prefix::On, 1),
        ["week", "commencing" | "beginning" | "ending", ..] => (Prefix::On, 2),
        _ => (Prefix::None, 0),
    }
}

/// A due phrase at the start of `keys` (folded words running to the end of the line): what it
/// says and how many words it takes.
///
/// `whole`: the words are meant as a date (a form's date field), as if introduced by `in`.
fn phrase_at(keys: &[&str], context: DueContext, whole: bool) -> Option<(Due, usize)> {
    let mut taken = 0;
    if keys.first() == Some(&"due") && keys.len() > 1 {
        taken += 1;
    }
    let (prefix, used) = prefix(keys.get(taken..)?);
    let prefix = match prefix {
        Prefix::None if whole => Prefix::Meant,
        Prefix::None if taken > 0 => Prefix::On,
        other => other,
    };
    taken += used;
    // `for week commencing 14 Dec`.
    if used > 0
        && matches!(
            keys.get(taken),
            Some(&("w/c" | "wc" | "w/b" | "w/e" | "week"))
        )
    {
        taken += self::prefix(keys.get(taken..)?).1;
    }
    let rest = keys.get(taken..)?;
    let (due, used) = core(rest, context, prefix)?;
    taken += used;
    if matches!(due, Due::Date(_)) {
        taken += time_after(keys.get(taken..).unwrap_or_default());
    }
    Some((due, taken))
}

/// The date at the start of `keys`, after its prefix.
fn core(keys: &[&str], context: DueContext, prefix: Prefix) -> Option<(Due, usize)> {
    let introduced = prefix != Prefix::None;
    if let Some(used) = asap(keys) {
        return Some((Due::Asap, used));
    }
    if !matches!(prefix, Prefix::None | Prefix::Meant)
        && let Some(used) = review(keys)
    {
        let due = context.review.map_or(Due::NoReviewDate, Due::Date);
        return Some((due, used));
    }
    // A time first: `5pm today`, `noon on Friday`, `close of play`; alone, it is today.
    let first = *keys.first()?;
    if numeric_date(first, context.today).is_none()
        && let Some(used) = time_of_day(keys, !introduced)
    {
        let rest = keys.get(used..).unwrap_or_default();
        let on = usize::from(rest.first() == Some(&"on"));
        if let Some((date, more)) = rest.get(on..).and_then(|r| day(r, context.today, true)) {
            return Some((Due::Date(date), used + on + more));
        }
        let alone_ok = introduced || matches!(first, "eod" | "cob" | "cop" | "eop");
        return alone_ok.then_some((Due::Date(context.today), used));
    }
    if prefix == Prefix::After {
        let (date, used) = duration(keys, context.today, true)?;
        return Some((Due::Date(date), used));
    }
    if prefix == Prefix::At {
        // `at the end of the week`, but not `at Friday` nor `at 3 weeks`.
        let (date, used) = part_of(keys, context.today)?;
        return Some((Due::Date(date), used));
    }
    if let Some(found) = weeks_from(keys, context.today) {
        return Some((Due::Date(found.0), found.1));
    }
    let counting = matches!(prefix, Prefix::Within | Prefix::Meant);
    if let Some((date, used)) = duration(keys, context.today, counting) {
        return Some((Due::Date(date), used));
    }
    let (date, used) = day(keys, context.today, introduced)?;
    Some((Due::Date(date), used))
}

/// The ways of writing "as soon as possible": no date, but flagged.
const ASAP: &[&str] = &[
    "asap",
    "a.s.a.p",
    "urgently",
    "immediately",
    "straightaway",
    "straight away",
    "right away",
    "without delay",
    "as soon as possible",
    "as soon as practicable",
    "as soon as practical",
    "as a matter of urgency",
    "as a priority",
    "with immediate effect",
    "at the earliest opportunity",
];

/// `asap` and its ways of being written; how many words it takes.
fn asap(keys: &[&str]) -> Option<usize> {
    ASAP.iter()
        .map(|phrase| phrase.split(' ').collect::<Vec<_>>())
        .filter(|phrase| keys.starts_with(phrase))
        .map(|phrase| phrase.len())
        .max()
}

/// `the review`, `the next review meeting`, `the next meeting`: how many words.
fn review(keys: &[&str]) -> Option<usize> {
    let the = usize::from(keys.first() == Some(&"the"));
    let rest = keys.get(the..)?;
    let next = usize::from(rest.first() == Some(&"next"));
    let rest = rest.get(next..)?;
    let what = match rest {
        ["review", "meeting" | "date" | "conference", ..] => 2,
        ["case", "conference", ..] | ["core", "group", ..] => 2,
        ["review", ..] => 1,
        ["meeting" | "conference", ..] if next == 1 => 1,
        _ => return None,
    };
    Some(the + next + what)
}

/// A time of day (`5pm`, `5 pm`, `17:00`, `5.30pm`, `noon`, `close of play`, `EOD`): how many
/// words. The day it falls on is read separately; the time itself is not kept. `strict`: with
/// no word before it saying a time is meant, `5.30` is not taken as one.
fn time_of_day(keys: &[&str], strict: bool) -> Option<usize> {
    if let ["the", rest @ ..] = keys {
        return match rest {
            ["end" | "close", "of", ..] => time_of_day(rest, strict).map(|n| n + 1),
            _ => None,
        };
    }
    match keys {
        ["first", "thing", ..] => Some(2),
        [
            "eod" | "cob" | "cop" | "eop" | "noon" | "midday" | "lunchtime" | "lunch",
            ..,
        ] => Some(1),
        ["12" | "twelve", "noon" | "midday", ..] => Some(2),
        ["12noon", ..] => Some(1),
        ["close" | "end", "of", "play" | "business" | "day", ..] => Some(3),
        ["end", "of", "the", "day", ..] => Some(4),
        ["end", "of", "the", "working", "day", ..] => Some(5),
        [first, "am" | "pm" | "o'clock", ..] if clock(first).is_some_and(|c| !c.suffixed) => {
            Some(2)
        }
        [first, ..] => clock(first)
            .filter(|c| c.suffixed || c.colon || (!strict && c.minutes))
            .map(|_| 1),
        [] => None,
    }
}

/// How a clock time was written.
#[derive(Debug, Clone, Copy)]
struct Clock {
    /// With `am` or `pm`.
    suffixed: bool,
    /// With a colon (`17:00`).
    colon: bool,
    /// With minutes (`5.30`, `17:00`).
    minutes: bool,
}

/// `5pm`, `5.30pm`, `17:00`, `5.30`, `5`: an hour (up to 23) and perhaps minutes.
fn clock(key: &str) -> Option<Clock> {
    let (time, suffixed) = match key.strip_suffix("am").or_else(|| key.strip_suffix("pm")) {
        Some(time) => (time, true),
        None => (key, false),
    };
    let (hours, minutes) = match time.split_once([':', '.']) {
        Some((hours, minutes)) => (hours, Some(minutes)),
        None => (time, None),
    };
    let hours_ok = short(hours).is_some_and(|h| h <= 23);
    let minutes_ok = minutes.is_none_or(|m| m.len() == 2 && short(m).is_some_and(|m| m < 60));
    (hours_ok && minutes_ok).then_some(Clock {
        suffixed,
        colon: key.contains(':'),
        minutes: minutes.is_some(),
    })
}

/// A part of the day or a time after a day (`Friday pm`, `tomorrow at 5pm`, `Monday
/// morning`, `Fri close of play`), and `at the latest`: how many words.
fn time_after(keys: &[&str]) -> usize {
    let mut taken = 0;
    for _ in 0..2 {
        let rest = keys.get(taken..).unwrap_or_default();
        let used = match rest {
            [
                "am" | "pm" | "morning" | "afternoon" | "evening" | "latest",
                ..,
            ] => 1,
            ["at", "the", "latest", ..] => 3,
            ["at" | "by", more @ ..] => time_of_day(more, false).map_or(0, |n| n + 1),
            _ => time_of_day(rest, true).unwrap_or(0),
        };
        if used == 0 {
            break;
        }
        taken += used;
    }
    taken
}

/// A day named by words other than a duration; `introduced`: after a prefix, so even `sat`
/// and `the 15th` are surely days.
fn day(keys: &[&str], today: NaiveDate, introduced: bool) -> Option<(NaiveDate, usize)> {
    if let Some(found) = named_day(keys, today) {
        return Some(found);
    }
    if let Some(found) = part_of(keys, today) {
        return Some(found);
    }
    if let Some(found) = week_or_month(keys, today, introduced) {
        return Some(found);
    }
    if let Some(found) = calendar_date(keys, today) {
        return Some(found);
    }
    if let Some(found) = weekday_phrase(keys, today, introduced) {
        return Some(found);
    }
    if let Some(found) = holiday(keys, today, introduced) {
        return Some(found);
    }
    // "the 3rd of December", "the 15th", and after a prefix "15th".
    match keys {
        ["the", rest @ ..] => {
            let (date, used) = calendar_date(rest, today).or_else(|| {
                let day = day_of_month(rest.first()?)?;
                Some((next_day_of_month(today, day)?, 1))
            })?;
            Some((date, 1 + used))
        }
        [first, ..] if introduced && ordinal(first).is_some() => {
            Some((next_day_of_month(today, ordinal(first)?)?, 1))
        }
        _ => None,
    }
}

/// `today`, `tonight`, `tomorrow`, `the day after tomorrow`, `eow`, `eom`.
fn named_day(keys: &[&str], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let plus = |days: u64| today.checked_add_days(Days::new(days));
    Some(match keys {
        ["today" | "tonight", ..] => (today, 1),
        ["this", "morning" | "afternoon" | "evening", ..] => (today, 2),
        ["tomorrow" | "tmrw" | "tmw" | "tomoz", ..] => (plus(1)?, 1),
        ["the", "day", "after", "tomorrow", ..] => (plus(2)?, 4),
        ["day", "after", "tomorrow", ..] => (plus(2)?, 3),
        ["eow", ..] => (end_of_week(today)?, 1),
        ["eom", ..] => (end_of_month(today)?, 1),
        _ => return None,
    })
}

/// `end of the week`, `end of next month`, `mid January`, `beginning of next week`,
/// `the end of January`.
fn part_of(keys: &[&str], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let the = usize::from(keys.first() == Some(&"the"));
    let rest = keys.get(the..)?;
    // How far into the period, and how many words said it.
    let (part, used) = match rest {
        ["end" | "close", "of", ..] => (Part::End, 2),
        ["mid", ..] => (Part::Middle, 1),
        ["middle", "of", ..] => (Part::Middle, 2),
        ["beginning" | "start", "of", ..] => (Part::Start, 2),
        [first, ..] => match first.strip_prefix("mid-") {
            // "mid-January": the month is in the same word.
            Some(name) => {
                let month = month(name)?;
                return Some((part_of_month(today, month, Part::Middle)?, the + 1));
            }
            None => return None,
        },
        [] => return None,
    };
    let rest = rest.get(used..)?;
    let the_period = usize::from(matches!(rest.first(), Some(&"the" | &"this")));
    let period = rest.get(the_period..)?;
    let next_monday = next_monday(today)?;
    let (date, more) = match (part, period) {
        (Part::End, ["today" | "play" | "business" | "day", ..]) => (today, 1),
        (Part::End, ["week" | "weekend", ..]) => (end_of_week(today)?, 1),
        (_, ["next" | "following", "week", ..]) => (
            next_monday.checked_add_days(Days::new(part.weekday_offset()))?,
            2,
        ),
        (Part::End, ["month", ..]) => (end_of_month(today)?, 1),
        (_, ["next" | "following", "month", ..]) => {
            let next = first_of_next_month(today)?;
            (part_of_month(next, next.month(), part)?, 2)
        }
        (_, ["month", ..]) => (part_of_month(today, today.month(), part)?, 1),
        (_, [name, rest @ ..]) => {
            let month = month(name)?;
            match rest.first().and_then(|k| year(k, false)) {
                Some(year) => (part_of_month_in(year, month, part)?, 2),
                None => (part_of_month(today, month, part)?, 1),
            }
        }
        _ => return None,
    };
    Some((date, the + used + the_period + more))
}

/// Where in a period a date falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Start,
    Middle,
    End,
}

impl Part {
    /// Days after Monday: the start, middle and end of a working week.
    const fn weekday_offset(self) -> u64 {
        match self {
            Self::Start => 0,
            Self::Middle => 2,
            Self::End => 4,
        }
    }
}

/// The 1st, 15th or last day of the next `month` (this month's, if not over).
fn part_of_month(today: NaiveDate, month: u32, part: Part) -> Option<NaiveDate> {
    let year = if month >= today.month() {
        today.year()
    } else {
        today.year().checked_add(1)?
    };
    part_of_month_in(year, month, part)
}

/// The 1st, 15th or last day of `month` in `year`.
fn part_of_month_in(year: i32, month: u32, part: Part) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    match part {
        Part::Start => Some(first),
        Part::Middle => first.with_day(15),
        Part::End => end_of_month(first),
    }
}

/// `next week`, `this week`, `the weekend`, `next month`, `this month`, `month end`.
fn week_or_month(keys: &[&str], today: NaiveDate, introduced: bool) -> Option<(NaiveDate, usize)> {
    Some(match keys {
        ["the", "week", "after", "next", ..] => {
            (next_monday(today)?.checked_add_days(Days::new(7))?, 4)
        }
        ["week", "after", "next", ..] => (next_monday(today)?.checked_add_days(Days::new(7))?, 3),
        ["next" | "following", "week", ..] => (next_monday(today)?, 2),
        ["the", "following", "week", ..] => (next_monday(today)?, 3),
        ["next" | "following", "month", ..] => (first_of_next_month(today)?, 2),
        ["the", "following", "month", ..] => (first_of_next_month(today)?, 3),
        ["month", "end", ..] => (end_of_month(today)?, 2),
        ["this", "week", ..] => (end_of_week(today)?, 2),
        ["the" | "this", "week" | "weekend", ..] if introduced => (end_of_week(today)?, 2),
        ["this", "month", ..] => (end_of_month(today)?, 2),
        _ => return None,
    })
}

/// Weekdays and what is said around them: `fri`, `this Friday`, `next Friday`, `Friday
/// week`, `a week on Friday`, `Friday after next`, `Wed next week`, `Fri 4 Dec`, `Friday
/// the 4th`.
fn weekday_phrase(keys: &[&str], today: NaiveDate, introduced: bool) -> Option<(NaiveDate, usize)> {
    let week = Days::new(7);
    // Before the weekday.
    match keys {
        ["this", "coming", name, ..] => return Some((coming(today, weekday(name)?.0)?, 3)),
        ["this" | "coming", name, ..] => return Some((coming(today, weekday(name)?.0)?, 2)),
        ["next", name, ..] => return Some((in_next_week(today, weekday(name)?.0)?, 2)),
        ["the", "following", name, ..] => {
            return Some((after(today, weekday(name)?.0)?.checked_add_days(week)?, 3));
        }
        _ => {}
    }
    let (day, needs_context) = weekday(keys.first()?)?;
    match keys.get(1..) {
        Some(["week", ..]) => return Some((after(today, day)?.checked_add_days(week)?, 2)),
        Some(["after", "next", ..]) => {
            return Some((after(today, day)?.checked_add_days(week)?, 3));
        }
        Some(["next", "week", ..]) => return Some((in_next_week(today, day)?, 3)),
        Some(["this", "week", ..]) => return Some((coming(today, day)?, 3)),
        // "Friday next": next Friday.
        Some(["next", ..]) => return Some((in_next_week(today, day)?, 2)),
        _ => {}
    }
    // "Fri 4 Dec", "Friday the 4th": the date says which Friday.
    if let Some(rest) = keys.get(1..) {
        let the = usize::from(rest.first() == Some(&"the"));
        if let Some((date, used)) = rest.get(the..).and_then(|r| calendar_date(r, today)) {
            return Some((date, 1 + the + used));
        }
        if let Some(date) = rest
            .get(the)
            .and_then(|k| ordinal(k))
            .and_then(|d| next_day_of_month(today, d))
        {
            return Some((date, 2 + the));
        }
    }
    // "sat" and "sun" are also words ("Mrs B sat with..."), so alone they must end the line.
    if needs_context && !introduced && keys.len() > 1 {
        return None;
    }
    Some((after(today, day)?, 1))
}

/// `a week on Friday`, `a fortnight today`, `a week tomorrow` (UK).
fn weeks_from(keys: &[&str], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let days = match keys.get(..2)? {
        ["a", "week"] => 7,
        ["a", "fortnight"] => 14,
        _ => return None,
    };
    let days = Days::new(days);
    match keys.get(2..)? {
        ["on" | "from", name, ..] => {
            let (day, _) = weekday(name)?;
            Some((after(today, day)?.checked_add_days(days)?, 4))
        }
        ["today", ..] => Some((today.checked_add_days(days)?, 3)),
        ["tomorrow", ..] => Some((today.succ_opt()?.checked_add_days(days)?, 3)),
        _ => None,
    }
}

/// Christmas: `by Christmas`, `before Christmas Eve`.
fn holiday(keys: &[&str], today: NaiveDate, introduced: bool) -> Option<(NaiveDate, usize)> {
    if !introduced {
        return None;
    }
    match keys {
        ["christmas" | "xmas", "eve", ..] => Some((next_date(today, 12, 24)?, 2)),
        ["christmas" | "xmas", "day", ..] => Some((next_date(today, 12, 25)?, 2)),
        ["christmas" | "xmas", ..] => Some((next_date(today, 12, 25)?, 1)),
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

/// The first `day` on or after `today`: `this Friday`.
fn coming(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    (0..7)
        .filter_map(|n| today.checked_add_days(Days::new(n)))
        .find(|date| date.weekday() == day)
}

/// `day` in the week after this one: `next Friday`.
fn in_next_week(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    next_monday(today)?.checked_add_days(Days::new(u64::from(day.num_days_from_monday())))
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
    coming(today, Weekday::Fri)
}

/// The last day of this month.
fn end_of_month(today: NaiveDate) -> Option<NaiveDate> {
    today.with_day(u32::from(today.num_days_in_month()))
}

/// The first day of next month.
fn first_of_next_month(today: NaiveDate) -> Option<NaiveDate> {
    today.with_day(1)?.checked_add_months(Months::new(1))
}

/// The next `day` of a month on or after `today` (the 31st skips the months without one).
fn next_day_of_month(today: NaiveDate, day: u32) -> Option<NaiveDate> {
    let first = today.with_day(1)?;
    (0..=12)
        .filter_map(|ahead| first.checked_add_months(Months::new(ahead))?.with_day(day))
        .find(|date| *date >= today)
}

/// Units of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hours,
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
            ["hour" | "hours" | "hr" | "hrs", ..] => (Self::Hours, 1),
            ["day" | "days" | "day's", ..] => (Self::Days, 1),
            ["week" | "weeks" | "wk" | "wks" | "week's", ..] => (Self::Weeks, 1),
            ["fortnight" | "fortnights" | "fortnight's", ..] => (Self::Fortnights, 1),
            ["month" | "months" | "mths" | "month's", ..] => (Self::Months, 1),
            _ => return None,
        })
    }

    /// The unit of a compact duration: `+3d`, `+2w`, `+1m`, `10wd`, `48h`, `48hrs`.
    fn compact(suffix: &str) -> Option<Self> {
        Some(match suffix {
            "d" => Self::Days,
            "wd" => Self::WorkingDays,
            "w" | "wk" | "wks" => Self::Weeks,
            "m" => Self::Months,
            "h" | "hr" | "hrs" => Self::Hours,
            _ => return None,
        })
    }

    fn after(self, today: NaiveDate, count: u32) -> Option<NaiveDate> {
        if count > MAX_COUNT {
            return None;
        }
        let days = |n: u32| today.checked_add_days(Days::new(u64::from(n)));
        match self {
            // Whole days only: a deadline in hours falls on the day it ends (module docs).
            Self::Hours => days(count / 24),
            Self::Days => days(count),
            Self::WorkingDays => Some(add_working_days(today, count)),
            Self::Weeks => days(count * 7),
            Self::Fortnights => days(count * 14),
            Self::Months => today.checked_add_months(Months::new(count)),
        }
    }
}

/// A relative date: `+2w`, `10wd`, `10 wd`, and after `in`/`within` (`counting`) also
/// `2 weeks`, `a fortnight`, `10 working days`, `2w`, `48 hours`; without them only when
/// something after says it is a duration (`2 weeks' time`, `a week from today`).
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
        let rest = keys.get(1..).unwrap_or_default();
        let more = duration_end(rest);
        if more == 0 && counts_from_elsewhere(rest) {
            return None;
        }
        return Some((unit.after(today, count)?, 1 + more));
    }
    if signed {
        return None;
    }
    // `in 2/52`: weeks, as clinicians write them.
    if let Some(weeks) = first.strip_suffix("/52").and_then(number)
        && counting
    {
        return Some((Unit::Weeks.after(today, weeks)?, 1));
    }
    // `within the next week`, `in the next fortnight`: one of them.
    let (count, counted) = match count(keys) {
        Some(found) => found,
        None if counting && matches!(first, "week" | "fortnight" | "month" | "day") => (1, 0),
        None => return None,
    };
    let (unit, used) = Unit::parse(keys.get(counted..)?)?;
    let shorthand = keys
        .get(counted)
        .is_some_and(|k| matches!(*k, "wd" | "wds"));
    let rest = keys.get(counted + used..).unwrap_or_default();
    let more = duration_end(rest);
    if more == 0 && counts_from_elsewhere(rest) {
        return None;
    }
    if !(counting || shorthand || more > 0) {
        return None;
    }
    Some((unit.after(today, count)?, counted + used + more))
}

/// The count of a duration and how many words it takes: `2`, `two`, `a`, `a couple of`.
fn count(keys: &[&str]) -> Option<(u32, usize)> {
    match keys {
        ["a", "couple", "of", ..] => Some((2, 3)),
        ["couple", "of", ..] => Some((2, 2)),
        [first, ..] => Some((number(first).or_else(|| number_word(first))?, 1)),
        [] => None,
    }
}

/// What may follow a duration: `time` (`2 weeks' time`), `from today`, `of the meeting`.
fn duration_end(keys: &[&str]) -> usize {
    match keys {
        ["time", ..] => 1,
        ["from" | "of", "today" | "now", ..] => 2,
        ["from" | "of", "the" | "this", "meeting", ..] => 3,
        _ => 0,
    }
}

/// Whether a duration counts from something other than today (`within 48 hours of the
/// incident`, `2 weeks after discharge`): not a date that can be worked out here.
fn counts_from_elsewhere(rest: &[&str]) -> bool {
    matches!(rest.first(), Some(&("of" | "from" | "after" | "following")))
}

/// A count written in ASCII digits.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A count written as a word: `a week`, `two weeks`, `forty-eight hours`.
fn number_word(word: &str) -> Option<u32> {
    const UNITS: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy"];
    let unit = |w: &str| {
        UNITS
            .iter()
            .position(|u| *u == w)
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let tens = |w: &str| {
        TENS.iter()
            .position(|t| *t == w)
            .and_then(|i| u32::try_from(i + 2).ok())
            .map(|t| t * 10)
    };
    if matches!(word, "a" | "an") {
        return Some(1);
    }
    if let Some((ten, one)) = word.split_once('-') {
        return Some(tens(ten)? + unit(one).filter(|u| *u < 10)?);
    }
    unit(word).or_else(|| tens(word))
}

/// A date on the calendar: `3 Dec`, `3rd of December 2026`, `Dec 3`, `3/12`, `3/12/26`,
/// `3.12.26`, `2026-12-03`.
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

/// `3/12`, `3/12/2026`, `3/12/26`, `3.12`, `3.12.26`, `3-12-2026` (day first) or
/// `2026-12-03`.
fn numeric_date(key: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = key.split('/').collect();
    match parts.as_slice() {
        [day, month] => next_date(today, short(month)?, short(day)?),
        [day, month, y] => NaiveDate::from_ymd_opt(year(y, true)?, short(month)?, short(day)?),
        _ => {
            let dotted: Vec<&str> = key.split(['.', '-']).collect();
            match dotted.as_slice() {
                [y, month, day] if y.len() == 4 && month.len() == 2 && day.len() == 2 => {
                    NaiveDate::from_ymd_opt(year(y, false)?, short(month)?, short(day)?)
                }
                // `26-12-03` could be either way round: with dashes only a full year.
                [day, month, y] if day.len() <= 2 && (key.contains('.') || y.len() == 4) => {
                    NaiveDate::from_ymd_opt(year(y, true)?, short(month)?, short(day)?)
                }
                // `12.12` is a date when it can be one (`5.30` cannot: it is a time).
                [day, month] if key.contains('.') => next_date(today, short(month)?, short(day)?),
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
    ordinal(key).or_else(|| short(key).filter(|day| (1..=31).contains(day)))
}

/// A day of the month with its ordinal ending: `3rd`, `21st`, `15th`.
fn ordinal(key: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|end| key.strip_suffix(end))?;
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

/// Words after which a date was meant: a date phrase that follows one and is not read is left
/// in the text and reported as unread.
const DATE_PREFIXES: &[&str] = &[
    "by", "before", "within", "until", "till", "due", "on", "in", "for", "from", "over", "at",
];

/// Whether `key` can only be about when: a weekday, a month, a unit of time, a day of the
/// month, a numeric date or time. (`review` and `meeting` are, after `the` or `next`.)
fn is_date_word(key: &str) -> bool {
    const WORDS: &[&str] = &[
        "today",
        "tomorrow",
        "tonight",
        "week",
        "weeks",
        "wk",
        "wks",
        "weekend",
        "month",
        "months",
        "day",
        "days",
        "fortnight",
        "fortnights",
        "hour",
        "hours",
        "hrs",
        "year",
        "years",
        "eod",
        "eow",
        "eom",
        "cob",
        "christmas",
        "xmas",
        "noon",
        "midday",
        "lunchtime",
        "morning",
        "afternoon",
        "evening",
        "easter",
    ];
    WORDS.contains(&key)
        || weekday(key).is_some()
        || month(key).is_some()
        || ordinal(key).is_some()
        || looks_numeric_date(key)
        || clock(key).is_some_and(|c| c.suffixed || c.colon)
}

/// `31/2`, `3.13.26`: digits joined by slashes or dots.
fn looks_numeric_date(key: &str) -> bool {
    key.contains(['/', '.'])
        && key.chars().any(|c| c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '.')
}

/// A phrase about when that was not read as a date (`in a few days`, `by 31 Feb`, `before
/// the review` with no review date): the first one outside the `read` ranges.
pub(super) fn find_unread(words: &[Word], read: &[Range<usize>]) -> Option<Range<usize>> {
    let is_read = |i: usize| read.iter().any(|r| r.contains(&i));
    let ends_clause = |word: &Word| word.raw.ends_with(['.', ',', ';', ':', '!', '?']);
    for (start, word) in words.iter().enumerate() {
        if is_read(start) {
            continue;
        }
        if looks_numeric_date(&word.key) {
            return Some(start..start + 1);
        }
        if !DATE_PREFIXES.contains(&word.key.as_str()) || ends_clause(word) {
            continue;
        }
        let mut last = None;
        for (i, next) in words.iter().enumerate().skip(start + 1).take(4) {
            if is_read(i) {
                break;
            }
            let review = matches!(next.key.as_str(), "review" | "meeting")
                && matches!(words[i - 1].key.as_str(), "the" | "next");
            if is_date_word(&next.key) || review {
                last = Some(i);
            }
            if ends_clause(next) {
                break;
            }
        }
        if let Some(last) = last {
            return Some(start..last + 1);
        }
    }
    None
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

    fn check(table: &[(&str, NaiveDate)], today: NaiveDate) {
        for (phrase, want) in table {
            assert_eq!(parse_due(phrase, today), Some(*want), "{phrase:?}");
        }
    }

    #[test]
    fn phrases_give_dates() {
        check(
            &[
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
            ],
            monday(),
        );
    }

    #[test]
    fn hours_round_down_to_the_day_they_fall_on() {
        check(
            &[
                ("within 48 hours", d(2026, 11, 25)),
                ("in 24 hours", d(2026, 11, 24)),
                ("within 24hrs", d(2026, 11, 24)),
                ("within 36 hours", d(2026, 11, 24)),
                ("within 4 hours", d(2026, 11, 23)),
                ("in the next 72 hours", d(2026, 11, 26)),
                ("within forty-eight hours", d(2026, 11, 25)),
                ("within 48h", d(2026, 11, 25)),
            ],
            monday(),
        );
    }

    #[test]
    fn times_of_day_fall_on_their_day() {
        check(
            &[
                ("by 5pm today", d(2026, 11, 23)),
                ("by 5pm", d(2026, 11, 23)),
                ("by 5 pm", d(2026, 11, 23)),
                ("by 17:00", d(2026, 11, 23)),
                ("by close of play", d(2026, 11, 23)),
                ("COB", d(2026, 11, 23)),
                ("by end of day", d(2026, 11, 23)),
                ("by the end of the day", d(2026, 11, 23)),
                ("by noon tomorrow", d(2026, 11, 24)),
                ("by 12 noon on Wednesday", d(2026, 11, 25)),
                ("by 10am tomorrow", d(2026, 11, 24)),
                ("Friday 5pm", d(2026, 11, 27)),
                ("by Friday at 5pm", d(2026, 11, 27)),
                ("Friday close of play", d(2026, 11, 27)),
                ("tomorrow morning", d(2026, 11, 24)),
                ("Monday am", d(2026, 11, 30)),
                ("tonight", d(2026, 11, 23)),
                ("this afternoon", d(2026, 11, 23)),
                ("by Friday at the latest", d(2026, 11, 27)),
            ],
            monday(),
        );
    }

    #[test]
    fn days_of_the_month_weeks_and_months() {
        check(
            &[
                ("on 15th", d(2026, 12, 15)),
                ("by the 18th", d(2026, 12, 18)),
                ("by the 30th", d(2026, 11, 30)),
                ("on the 23rd", d(2026, 11, 23)),
                ("by the 31st", d(2026, 12, 31)),
                ("next month", d(2026, 12, 1)),
                ("end of next month", d(2026, 12, 31)),
                ("end of the week", d(2026, 11, 27)),
                ("end of next week", d(2026, 12, 4)),
                ("by the end of next week", d(2026, 12, 4)),
                ("beginning of next week", d(2026, 11, 30)),
                ("mid next week", d(2026, 12, 2)),
                ("mid January", d(2027, 1, 15)),
                ("mid-January", d(2027, 1, 15)),
                ("by the middle of January", d(2027, 1, 15)),
                ("end of January", d(2027, 1, 31)),
                ("by the end of November", d(2026, 11, 30)),
                ("beginning of February", d(2027, 2, 1)),
                ("by this week", d(2026, 11, 27)),
                ("within the week", d(2026, 11, 27)),
                ("by the weekend", d(2026, 11, 27)),
                ("a fortnight", d(2026, 12, 7)),
                ("within a fortnight", d(2026, 12, 7)),
                ("in a fortnight's time", d(2026, 12, 7)),
                ("2 weeks' time", d(2026, 12, 7)),
                ("in a couple of weeks", d(2026, 12, 7)),
                ("within 28 days of the meeting", d(2026, 12, 21)),
                ("12/12", d(2026, 12, 12)),
                ("1/2/27", d(2027, 2, 1)),
                ("1.2.27", d(2027, 2, 1)),
                ("1-2-2027", d(2027, 2, 1)),
                ("12.12", d(2026, 12, 12)),
                ("by 5.30", d(2026, 11, 23)),
                ("15th", d(2026, 12, 15)),
                ("2 weeks", d(2026, 12, 7)),
                ("by Christmas", d(2026, 12, 25)),
                ("before Christmas Eve", d(2026, 12, 24)),
                ("the day after tomorrow", d(2026, 11, 25)),
                ("in the next fortnight", d(2026, 12, 7)),
                ("within the next week", d(2026, 11, 30)),
                ("in 2/52", d(2026, 12, 7)),
                ("in a month's time", d(2026, 12, 23)),
                ("by the end of December 2027", d(2027, 12, 31)),
                ("on or before 4 Dec", d(2026, 12, 4)),
                ("NLT Friday", d(2026, 11, 27)),
                ("w/e 4 Dec", d(2026, 12, 4)),
                ("for week commencing 14th December", d(2026, 12, 14)),
                ("first thing tomorrow", d(2026, 11, 24)),
                ("after 4 weeks", d(2026, 12, 21)),
                ("the week after next", d(2026, 12, 7)),
                ("by the end of play today", d(2026, 11, 23)),
            ],
            monday(),
        );
    }

    #[test]
    fn weekdays_near_and_far() {
        check(
            &[
                ("this Friday", d(2026, 11, 27)),
                ("this coming Friday", d(2026, 11, 27)),
                ("Friday week", d(2026, 12, 4)),
                ("a week on Friday", d(2026, 12, 4)),
                ("Friday after next", d(2026, 12, 4)),
                ("a week today", d(2026, 11, 30)),
                ("a week tomorrow", d(2026, 12, 1)),
                ("the following Tuesday", d(2026, 12, 1)),
                ("Friday the 4th", d(2026, 12, 4)),
                ("Fri 4th", d(2026, 12, 4)),
                ("this Monday", d(2026, 11, 23)),
                ("Friday next", d(2026, 12, 4)),
            ],
            monday(),
        );
        // "next Friday" is the Friday of next week, whatever day today is.
        let saturday = d(2026, 11, 28);
        assert_eq!(parse_due("next Friday", saturday), Some(d(2026, 12, 4)));
        assert_eq!(parse_due("Friday", saturday), Some(d(2026, 12, 4)));
        assert_eq!(parse_due("Friday week", saturday), Some(d(2026, 12, 11)));
        let friday = d(2026, 11, 27);
        assert_eq!(parse_due("this Friday", friday), Some(friday));
        assert_eq!(parse_due("Friday", friday), Some(d(2026, 12, 4)));
        assert_eq!(parse_due("next Friday", friday), Some(d(2026, 12, 4)));
    }

    #[test]
    fn the_review_asap_and_no_date() {
        let with_review = DueContext {
            today: monday(),
            review: Some(d(2026, 12, 15)),
        };
        for phrase in [
            "before the review",
            "by the review",
            "before the next review meeting",
            "by the next meeting",
            "prior to the review",
        ] {
            assert_eq!(
                read_due(phrase, with_review),
                Some(Due::Date(d(2026, 12, 15))),
                "{phrase}"
            );
            assert_eq!(
                read_due(phrase, DueContext::new(monday())),
                Some(Due::NoReviewDate),
                "{phrase}"
            );
        }
        for phrase in [
            "asap",
            "ASAP",
            "as soon as possible",
            "urgently",
            "as a matter of urgency",
            "with immediate effect",
        ] {
            assert_eq!(read_due(phrase, with_review), Some(Due::Asap), "{phrase}");
            assert_eq!(parse_due(phrase, monday()), None);
        }
        // "review" alone is a verb.
        assert_eq!(read_due("review", with_review), None);
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
            "+2x",
            "+w",
            "in 1000 days",
            "fri fri",
            "next",
            "next year",
            "end of",
            "the",
            "by the fri",
            "3",
            "Dec",
            "friday's",
            "in +2 weeks",
            "٣ Dec",
            "１/１２",
            "early January",
            "in a few days",
            "at Friday",
            "at 3 weeks",
            "after the review",
            "after Friday",
            "5.61",
            "26-12-03",
        ] {
            assert_eq!(parse_due(phrase, monday()), None, "{phrase:?}");
        }
    }

    #[test]
    fn unread_phrases_are_found() {
        let unread = |line: &str| {
            let words = Word::split(line);
            let read: Vec<Range<usize>> = find_dates(&words, DueContext::new(monday()))
                .into_iter()
                .map(|f| f.range)
                .collect();
            find_unread(&words, &read).map(|r| {
                words[r]
                    .iter()
                    .map(|w| w.raw.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        };
        assert_eq!(unread("call in a few days"), Some("in a few days".into()));
        assert_eq!(unread("check by 31 Feb"), Some("by 31 Feb".into()));
        assert_eq!(unread("check 31/2"), Some("31/2".into()));
        assert_eq!(
            unread("visit by early January"),
            Some("by early January".into())
        );
        assert_eq!(unread("visit by Friday"), None);
        assert_eq!(unread("write to the family by phone"), None);
        assert_eq!(unread("talk to staff on the ward"), None);
        assert_eq!(unread("visit on Monday, call by fri"), None);
    }
}
