//! Working days: weekends and the bank holidays of England and Wales are not working days.
//!
//! Minutes deadlines are counted in working days (`000` section 4: a case conference's minutes
//! within 10 working days), so a deadline that falls over Christmas or Easter must skip the
//! bank holidays as well as the weekends.
//!
//! Bank holidays are computed from their rules (New Year's Day, Good Friday, Easter Monday, the
//! early May, spring and summer bank holidays, Christmas Day and Boxing Day, with substitute
//! days when these fall at a weekend), plus the one-off changes made by proclamation
//! ([`ONE_OFF_CHANGES`]). One-off changes are announced only a year or so ahead, so the list is
//! trusted for [`SUPPORTED_YEARS`] (2020 to 2035) only: outside that range no day is a bank
//! holiday and only weekends are skipped. Add any newly proclaimed change to the list.
//!
//! [`Holidays`] adds the user's own days off (a local authority's closure days, a holiday
//! proclaimed after this version was built) to the built-in ones; the text of the user's
//! `bank-holidays.txt` is parsed by [`Holidays::parse`], which reports each bad line with
//! its number and skips it. Reading the file is the shell's job (`config::holidays_in`).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, Weekday};

/// The years whose bank holidays are known. Outside them only weekends are skipped.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 2020..=2035;

/// A change to the usual bank holidays of one year, made by royal proclamation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneOffChange {
    /// The usual holiday on `from` moves to `to` (both `(month, day)` in `year`).
    Moved {
        /// The year.
        year: i32,
        /// The usual date, `(month, day)`.
        from: (u32, u32),
        /// The date it moved to, `(month, day)`.
        to: (u32, u32),
    },
    /// An extra, one-off bank holiday on `(month, day)` in `year`.
    Added {
        /// The year.
        year: i32,
        /// The date, `(month, day)`.
        on: (u32, u32),
    },
}

/// One-off changes to the bank holidays of England and Wales within [`SUPPORTED_YEARS`]
/// (from the gov.uk bank holidays list).
pub const ONE_OFF_CHANGES: &[OneOffChange] = &[
    // 75th anniversary of VE Day: the early May bank holiday moved from Mon 4 to Fri 8 May.
    OneOffChange::Moved {
        year: 2020,
        from: (5, 4),
        to: (5, 8),
    },
    // Platinum Jubilee: the spring bank holiday moved from Mon 30 May to Thu 2 June...
    OneOffChange::Moved {
        year: 2022,
        from: (5, 30),
        to: (6, 2),
    },
    // ...and Fri 3 June was added.
    OneOffChange::Added {
        year: 2022,
        on: (6, 3),
    },
    // State funeral of Queen Elizabeth II.
    OneOffChange::Added {
        year: 2022,
        on: (9, 19),
    },
    // Coronation of King Charles III.
    OneOffChange::Added {
        year: 2023,
        on: (5, 8),
    },
];

/// Whether `date` is a working day: not a Saturday, a Sunday or a bank holiday.
#[must_use]
pub fn is_working_day(date: NaiveDate) -> bool {
    Holidays::builtin().is_working_day(date)
}

/// Whether `date` is a bank holiday in England and Wales (always false outside
/// [`SUPPORTED_YEARS`]).
#[must_use]
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    bank_holidays(date.year()).contains(&date)
}

/// The date `days` working days after `start` (the start day itself does not count), with
/// the built-in bank holidays only; [`Holidays::add_working_days`] adds the user's.
#[must_use]
pub fn add_working_days(start: NaiveDate, days: u32) -> NaiveDate {
    Holidays::builtin().add_working_days(start, days)
}

/// The days that are not working days besides weekends: the built-in bank holidays of England
/// and Wales plus any the user adds. `Holidays::default()` is the built-in list alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    extra: BTreeSet<NaiveDate>,
}

/// A line of a holidays file that is not a date, reported and skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayLineProblem {
    /// 1-based line number.
    pub line: usize,
    /// The line as written (trimmed).
    pub text: String,
}

impl std::fmt::Display for HolidayLineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}: '{}' is not a date written YYYY-MM-DD; skipped",
            self.line, self.text
        )
    }
}

impl Holidays {
    /// The built-in bank holidays of England and Wales only.
    #[must_use]
    pub fn builtin() -> Self {
        Self::default()
    }

    /// The built-in bank holidays plus `extra` days.
    #[must_use]
    pub fn with_extra(extra: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            extra: extra.into_iter().collect(),
        }
    }

    /// Parses a holidays file: one `YYYY-MM-DD` per line; `#` starts a comment (a whole line
    /// or the end of one); blank lines are ignored. Every other line is returned as a problem
    /// and skipped, so one typing mistake never loses the rest of the file.
    #[must_use]
    pub fn parse(text: &str) -> (Self, Vec<HolidayLineProblem>) {
        let mut extra = BTreeSet::new();
        let mut problems = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let content = line
                .split_once('#')
                .map_or(line, |(before, _)| before)
                .trim();
            if content.is_empty() {
                continue;
            }
            match NaiveDate::parse_from_str(content, "%Y-%m-%d") {
                Ok(date) => {
                    extra.insert(date);
                }
                Err(_) => problems.push(HolidayLineProblem {
                    line: i + 1,
                    text: line.trim().to_owned(),
                }),
            }
        }
        (Self { extra }, problems)
    }

    /// The user's days, in date order.
    pub fn extra(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.extra.iter().copied()
    }

    /// Whether `date` is a bank holiday or one of the user's days.
    #[must_use]
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.extra.contains(&date) || is_bank_holiday(date)
    }

    /// Whether `date` is a working day: not a weekend day, a bank holiday or a user's day.
    #[must_use]
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }

    /// The date `days` working days after `start` (the start day itself does not count).
    #[must_use]
    pub fn add_working_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut date = start;
        let mut left = days;
        // One year's holidays at a time, so a long count does not rebuild the list every day.
        let mut holidays_year = date.year();
        let mut holidays = bank_holidays(holidays_year);
        while left > 0 {
            let Some(next) = date.succ_opt() else {
                return date;
            };
            date = next;
            if date.year() != holidays_year {
                holidays_year = date.year();
                holidays = bank_holidays(holidays_year);
            }
            if !is_weekend(date) && !holidays.contains(&date) && !self.extra.contains(&date) {
                left -= 1;
            }
        }
        date
    }
}

/// The bank holidays of England and Wales in `year`, in date order; empty outside
/// [`SUPPORTED_YEARS`].
#[must_use]
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    if !SUPPORTED_YEARS.contains(&year) {
        return Vec::new();
    }
    let mut days: Vec<NaiveDate> = Vec::with_capacity(10);
    let date = |month, day| NaiveDate::from_ymd_opt(year, month, day);

    // New Year's Day, or the next Monday when it falls at a weekend.
    days.extend(date(1, 1).map(next_weekday));
    if let Some(easter) = easter_sunday(year) {
        days.extend(easter.checked_sub_days(chrono::Days::new(2)));
        days.extend(easter.checked_add_days(chrono::Days::new(1)));
    }
    days.extend(NaiveDate::from_weekday_of_month_opt(
        year,
        5,
        Weekday::Mon,
        1,
    ));
    days.extend(last_monday(year, 5));
    days.extend(last_monday(year, 8));
    // Christmas Day and Boxing Day: a day at a weekend is replaced by the next weekday that is
    // not already a holiday (25 Sat, 26 Sun -> 27 and 28; 25 Sun -> 26 and 27; 26 Sat -> 28).
    for day in [25, 26] {
        if let Some(mut holiday) = date(12, day) {
            while is_weekend(holiday) || days.contains(&holiday) {
                match holiday.succ_opt() {
                    Some(next) => holiday = next,
                    None => break,
                }
            }
            days.push(holiday);
        }
    }

    for change in ONE_OFF_CHANGES {
        match *change {
            OneOffChange::Moved { year: y, from, to } if y == year => {
                if let (Some(from), Some(to)) = (date(from.0, from.1), date(to.0, to.1)) {
                    days.retain(|d| *d != from);
                    days.push(to);
                }
            }
            OneOffChange::Added { year: y, on } if y == year => days.extend(date(on.0, on.1)),
            OneOffChange::Moved { .. } | OneOffChange::Added { .. } => {}
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher,
/// algorithm).
#[must_use]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `date`, or the Monday after it when it is a Saturday or Sunday.
fn next_weekday(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while is_weekend(day) {
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    day
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

/// How long after a meeting its minutes must be circulated (a template's rule): so many
/// working days, or so many calendar days.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DeadlineRule {
    /// Working days: weekends and England and Wales bank holidays are skipped.
    WorkingDays(u32),
    /// Calendar days.
    CalendarDays(u32),
}

impl DeadlineRule {
    /// The date the minutes are due for a meeting held on `meeting_date`, counting working
    /// days with the built-in bank holidays only (see [`DeadlineRule::due_after_with`]).
    #[must_use]
    pub fn due_after(self, meeting_date: NaiveDate) -> NaiveDate {
        self.due_after_with(meeting_date, &Holidays::builtin())
    }

    /// The date the minutes are due for a meeting held on `meeting_date`: working days skip
    /// weekends and `holidays`; calendar days are counted as written (a deadline that lands
    /// on a weekend or holiday stays there).
    #[must_use]
    pub fn due_after_with(self, meeting_date: NaiveDate, holidays: &Holidays) -> NaiveDate {
        match self {
            Self::WorkingDays(days) => holidays.add_working_days(meeting_date, days),
            Self::CalendarDays(days) => meeting_date
                .checked_add_days(chrono::Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}

impl DeadlineRule {
    /// The number of days, working or calendar.
    #[must_use]
    pub const fn days(self) -> u32 {
        match self {
            Self::WorkingDays(days) | Self::CalendarDays(days) => days,
        }
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)] // test dates are literals
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn list(year: i32, days: &[(u32, u32)]) -> Vec<NaiveDate> {
        days.iter().map(|&(m, day)| d(year, m, day)).collect()
    }

    /// The gov.uk "UK bank holidays" lists for England and Wales.
    #[test]
    fn bank_holidays_match_the_published_lists() {
        let published: &[(i32, &[(u32, u32)])] = &[
            (
                2020,
                &[
                    (1, 1),
                    (4, 10),
                    (4, 13),
                    (5, 8),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2021,
                &[
                    (1, 1),
                    (4, 2),
                    (4, 5),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
            (
                2022,
                &[
                    (1, 3),
                    (4, 15),
                    (4, 18),
                    (5, 2),
                    (6, 2),
                    (6, 3),
                    (8, 29),
                    (9, 19),
                    (12, 26),
                    (12, 27),
                ],
            ),
            (
                2023,
                &[
                    (1, 2),
                    (4, 7),
                    (4, 10),
                    (5, 1),
                    (5, 8),
                    (5, 29),
                    (8, 28),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2024,
                &[
                    (1, 1),
                    (3, 29),
                    (4, 1),
                    (5, 6),
                    (5, 27),
                    (8, 26),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2025,
                &[
                    (1, 1),
                    (4, 18),
                    (4, 21),
                    (5, 5),
                    (5, 26),
                    (8, 25),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2026,
                &[
                    (1, 1),
                    (4, 3),
                    (4, 6),
                    (5, 4),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2027,
                &[
                    (1, 1),
                    (3, 26),
                    (3, 29),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
        ];
        for &(year, days) in published {
            assert_eq!(bank_holidays(year), list(year, days), "{year}");
        }
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2035), Some(d(2035, 3, 25)));
    }

    #[test]
    fn every_supported_year_has_eight_or_more_holidays_on_weekdays() {
        for year in SUPPORTED_YEARS {
            let days = bank_holidays(year);
            assert!(days.len() >= 8, "{year}: {days:?}");
            assert!(days.iter().all(|day| !is_weekend(*day)), "{year}: {days:?}");
            assert!(
                days.iter().all(|day| day.year() == year),
                "{year}: {days:?}"
            );
        }
    }

    #[test]
    fn christmas_substitutes_follow_the_weekday_of_christmas() {
        // 2027: Christmas Saturday, Boxing Day Sunday.
        assert!(is_bank_holiday(d(2027, 12, 27)) && is_bank_holiday(d(2027, 12, 28)));
        // 2022: Christmas Sunday.
        assert!(is_bank_holiday(d(2022, 12, 26)) && is_bank_holiday(d(2022, 12, 27)));
        // 2026: Boxing Day Saturday.
        assert!(is_bank_holiday(d(2026, 12, 28)) && !is_bank_holiday(d(2026, 12, 29)));
    }

    #[test]
    fn outside_the_supported_years_only_weekends_are_skipped() {
        assert!(bank_holidays(2019).is_empty());
        assert!(bank_holidays(2036).is_empty());
        assert!(is_working_day(d(2036, 12, 25))); // a Thursday
        assert!(!is_working_day(d(2036, 12, 27))); // a Saturday
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Thu 17 Dec 2026 + 10: skips 25 and 28 Dec and 1 Jan.
        assert_eq!(add_working_days(d(2026, 12, 17), 10), d(2027, 1, 5));
        // Thu 17 Apr 2025 + 1: skips Good Friday, the weekend and Easter Monday.
        assert_eq!(add_working_days(d(2025, 4, 17), 1), d(2025, 4, 22));
        // Ordinary week: Mon + 4 = Fri; Fri + 1 = Mon.
        assert_eq!(add_working_days(d(2025, 6, 2), 4), d(2025, 6, 6));
        assert_eq!(add_working_days(d(2025, 6, 6), 1), d(2025, 6, 9));
        assert_eq!(add_working_days(d(2025, 6, 6), 0), d(2025, 6, 6));
        assert!(!is_working_day(d(2025, 12, 25)));
        assert!(is_working_day(d(2025, 12, 24)));
    }

    #[test]
    fn user_days_are_skipped_as_well() {
        // Thu 3 Dec 2026 + 10 working days is Thu 17 Dec; a closure day on Mon 7 Dec moves it
        // to Fri 18 Dec, and a user day at a weekend changes nothing.
        let start = d(2026, 12, 3);
        assert_eq!(
            Holidays::builtin().add_working_days(start, 10),
            d(2026, 12, 17)
        );
        let closure = Holidays::with_extra([d(2026, 12, 7), d(2026, 12, 12)]);
        assert_eq!(closure.add_working_days(start, 10), d(2026, 12, 18));
        assert!(!closure.is_working_day(d(2026, 12, 7)));
        assert!(closure.is_holiday(d(2026, 12, 25)));
        assert!(closure.is_working_day(d(2026, 12, 8)));
    }

    #[test]
    fn a_holidays_file_skips_comments_and_reports_bad_lines() {
        let text = "# council closure days\n\n2026-12-24  # Christmas Eve\n24/12/2026\n  2027-01-04\n2026-02-30\n";
        let (holidays, problems) = Holidays::parse(text);
        assert_eq!(
            holidays.extra().collect::<Vec<_>>(),
            vec![d(2026, 12, 24), d(2027, 1, 4)]
        );
        assert_eq!(
            problems,
            vec![
                HolidayLineProblem {
                    line: 4,
                    text: "24/12/2026".to_owned()
                },
                HolidayLineProblem {
                    line: 6,
                    text: "2026-02-30".to_owned()
                },
            ]
        );
        assert_eq!(
            problems[0].to_string(),
            "line 4: '24/12/2026' is not a date written YYYY-MM-DD; skipped"
        );
    }
}
