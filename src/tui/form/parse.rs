//! Reading the dates and times typed into a form, and showing them back in words.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike};

/// A date typed by the minute-taker: `YYYY-MM-DD`, `DD/MM/YYYY` (or `DD/MM/YY`, taken as
/// 20YY), `D/M` (its next occurrence: this year, or next year once it has passed), `today`
/// or `tomorrow`. Case and surrounding spaces do not matter. `None` when it is not a date.
///
/// Kept as one function so the richer `crate::quick_action::parse_due` (weekday names,
/// `+2w`, `3 Dec`) can replace its body later.
#[must_use]
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim().to_lowercase();
    match text.as_str() {
        "today" => return Some(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)),
        _ => {}
    }
    let numbers = |separator: char| -> Option<Vec<u32>> {
        text.split(separator)
            .map(number)
            .collect::<Option<Vec<u32>>>()
    };
    if let Some([year, month, day]) = numbers('-').as_deref() {
        let four_digit_year = text.split('-').next().is_some_and(|y| y.len() == 4);
        return four_digit_year.then(|| ymd(*year, *month, *day)).flatten();
    }
    match numbers('/').as_deref() {
        Some([day, month, year]) => ymd(full_year(*year, &text)?, *month, *day),
        Some([day, month]) => next_occurrence(*day, *month, today),
        _ => None,
    }
}

/// A time typed by the minute-taker: `HH:MM`, `H:MM`, `HH.MM`, `HHMM` or `now` (to the
/// minute). `None` when it is not a time.
#[must_use]
pub fn parse_time(text: &str, now: NaiveTime) -> Option<NaiveTime> {
    let text = text.trim().to_lowercase();
    if text == "now" {
        return NaiveTime::from_hms_opt(now.hour(), now.minute(), 0);
    }
    let (hours, minutes) = match text.split_once([':', '.']) {
        Some((hours, minutes)) if minutes.len() == 2 => (hours, minutes),
        Some(_) => return None,
        None if text.len() == 4 && text.is_ascii() => text.split_at(2),
        None => return None,
    };
    if hours.is_empty() || hours.len() > 2 {
        return None;
    }
    NaiveTime::from_hms_opt(number(hours)?, number(minutes)?, 0)
}

/// A date in words, as wide as fits in `width` columns: "Thu 3 Dec 2026", "3 Dec 2026" or
/// "3/12/26"; `None` if none fits.
#[must_use]
pub fn date_in_words(date: NaiveDate, width: usize) -> Option<String> {
    ["%a %-d %b %Y", "%-d %b %Y", "%-d/%-m/%y"]
        .into_iter()
        .map(|format| date.format(format).to_string())
        .find(|text| text.chars().count() <= width)
}

/// A time as `HH:MM`.
#[must_use]
pub fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// A date as the form shows it for editing: `YYYY-MM-DD`, which [`parse_date`] reads back.
#[must_use]
pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Digits only: `u32::from_str` would also take a leading `+`.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The year of `D/M/Y`: four digits as written, two digits in this century.
fn full_year(year: u32, text: &str) -> Option<u32> {
    match text.rsplit('/').next().map(str::len) {
        Some(4) => Some(year),
        Some(2) => Some(2000 + year),
        _ => None,
    }
}

/// `day`/`month` this year, or next year if that day has passed.
fn next_occurrence(day: u32, month: u32, today: NaiveDate) -> Option<NaiveDate> {
    let this_year = u32::try_from(today.year()).ok()?;
    match ymd(this_year, month, day) {
        Some(date) if date >= today => Some(date),
        _ => ymd(this_year + 1, month, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    /// Monday 23 November 2026, as in the other tests.
    fn today() -> NaiveDate {
        day(2026, 11, 23)
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let today = today();
        assert_eq!(parse_date("2026-12-03", today), Some(day(2026, 12, 3)));
        assert_eq!(parse_date(" 03/12/2026 ", today), Some(day(2026, 12, 3)));
        assert_eq!(parse_date("3/12/26", today), Some(day(2026, 12, 3)));
        assert_eq!(parse_date("3/12", today), Some(day(2026, 12, 3)));
        assert_eq!(parse_date("Today", today), Some(today));
        assert_eq!(parse_date("TOMORROW", today), Some(day(2026, 11, 24)));
    }

    #[test]
    fn day_and_month_alone_mean_the_next_one() {
        let today = today();
        assert_eq!(parse_date("23/11", today), Some(today), "today counts");
        assert_eq!(parse_date("22/11", today), Some(day(2027, 11, 22)));
        assert_eq!(
            parse_date("29/2", today),
            None,
            "only the next year is tried"
        );
    }

    #[test]
    fn not_dates() {
        let today = today();
        for text in [
            "",
            "soon",
            "31/02/2026",
            "2026-13-01",
            "26-12-03",
            "+3/12",
            "3/12/026",
            "1/2/3/4",
            "3//12",
            "٣/١٢",
        ] {
            assert_eq!(parse_date(text, today), None, "{text:?}");
        }
    }

    #[test]
    fn times_in_every_accepted_form() {
        let now = NaiveTime::from_hms_opt(14, 7, 31).unwrap_or_default();
        assert_eq!(parse_time("14:30", now), Some(hm(14, 30)));
        assert_eq!(parse_time("9:05", now), Some(hm(9, 5)));
        assert_eq!(parse_time("09.05", now), Some(hm(9, 5)));
        assert_eq!(parse_time("0905", now), Some(hm(9, 5)));
        assert_eq!(parse_time(" Now ", now), Some(hm(14, 7)), "to the minute");
        for text in [
            "", "24:00", "12:60", "12:5", "123:00", "+1:00", "1", "noon", "12:3é",
        ] {
            assert_eq!(parse_time(text, now), None, "{text:?}");
        }
    }

    #[test]
    fn dates_in_words_shrink_to_fit() {
        let date = day(2026, 12, 3);
        assert_eq!(date_in_words(date, 20).as_deref(), Some("Thu 3 Dec 2026"));
        assert_eq!(date_in_words(date, 12).as_deref(), Some("3 Dec 2026"));
        assert_eq!(date_in_words(date, 8).as_deref(), Some("3/12/26"));
        assert_eq!(date_in_words(date, 3), None);
        assert_eq!(parse_date(&date_text(date), today()), Some(date));
        assert_eq!(time_text(hm(9, 5)), "09:05");
    }
}
