//! Reading the dates and times typed into a form, and showing them back in words.

use chrono::{NaiveDate, NaiveTime, Timelike};

/// A date typed by the minute-taker, read as quick actions read due dates (see
/// [`crate::quick_action::parse_due`]): `2026-12-03`, `3/12/2026`, `3/12`, `3 Dec`, `fri`,
/// `next fri`, `tomorrow`, `+2w`, `in 10 working days`... `None` when it is not a date.
#[must_use]
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    crate::quick_action::parse_due(text, today)
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
            Some(day(2028, 2, 29)),
            "the next 29 February there is"
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
