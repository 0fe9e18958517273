//! Working days: weekends and the bank holidays of England and Wales are not working days.

use chrono::{Datelike, NaiveDate, Weekday};

/// Whether `date` is a working day.
#[must_use]
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `days` working days after `start` (the start day itself does not count).
#[must_use]
pub fn add_working_days(start: NaiveDate, days: u32) -> NaiveDate {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        let Some(next) = date.succ_opt() else {
            return date;
        };
        date = next;
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}
