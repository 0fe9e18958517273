//! The source of "now": the real clock in the app, a fixed one in tests; and the council's
//! time zone ([`Zone`]), in which every time is shown whatever the server's zone is.

use chrono::{LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Utc};

use crate::model::Timestamp;

/// The time zone used when `config.toml` names none: the councils are in England.
pub const DEFAULT_ZONE: &str = "Europe/London";

/// The council's time zone (an IANA name such as `Europe/London`), through the `chrono-tz`
/// database with its summer-time rules. Every time shown (documents, screens, the command
/// line) goes through [`local`](Self::local) first: a note stamped 09:02 UTC in summer shows
/// as 10:02 in London, even on a server that runs on UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(chrono_tz::Tz);

impl Default for Zone {
    fn default() -> Self {
        Self::LONDON
    }
}

impl Zone {
    /// Europe/London, the default.
    pub const LONDON: Self = Self(chrono_tz::Europe::London);

    /// The zone with this IANA name (`Europe/London`, `Europe/Dublin`); `None` if the
    /// time-zone database has no such zone.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        name.trim().parse::<chrono_tz::Tz>().ok().map(Self)
    }

    /// The zone `timezone` names in the settings file `file`: London when it names none; when
    /// it names no zone the database knows, London and a warning naming the file, the key
    /// and the value.
    #[must_use]
    pub fn configured(timezone: Option<&str>, file: &std::path::Path) -> (Self, Option<String>) {
        let Some(name) = timezone.filter(|name| !name.trim().is_empty()) else {
            return (Self::default(), None);
        };
        match Self::named(name) {
            Some(zone) => (zone, None),
            None => (
                Self::default(),
                Some(format!(
                    "{}: timezone = {name:?} is not a time zone name the time-zone database \
                     knows (an IANA name such as {DEFAULT_ZONE}); using {DEFAULT_ZONE}",
                    file.display()
                )),
            ),
        }
    }

    /// The zone's IANA name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// `at` as the same instant on the council's clock (with the zone's offset then).
    #[must_use]
    pub fn local(self, at: &Timestamp) -> Timestamp {
        at.with_timezone(&self.0).fixed_offset()
    }

    /// The council's clock now.
    #[must_use]
    pub fn now(self) -> Timestamp {
        self.local(&Utc::now().fixed_offset())
    }

    /// `at` on the council's clock as `HH:MM`.
    #[must_use]
    pub fn hm(self, at: &Timestamp) -> String {
        self.local(at).format("%H:%M").to_string()
    }

    /// `at` on the council's clock as `YYYY-MM-DD HH:MM`.
    #[must_use]
    pub fn date_hm(self, at: &Timestamp) -> String {
        self.local(at).format("%Y-%m-%d %H:%M").to_string()
    }

    /// The council's date at `at`.
    #[must_use]
    pub fn date(self, at: &Timestamp) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// The instant the council's clock reads `time` on `date`. When the clocks go back and it
    /// reads that twice, the first; when they go forward and it never does, as the clock
    /// before the change would have read it.
    #[must_use]
    pub fn at(self, date: NaiveDate, time: NaiveTime) -> Timestamp {
        let naive = date.and_time(time);
        match self.0.from_local_datetime(&naive) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.fixed_offset(),
            LocalResult::None => {
                let offset = self.0.offset_from_utc_datetime(&naive).fix();
                Timestamp::from_naive_utc_and_offset(naive - offset, offset)
            }
        }
    }

    /// `time` on `date` on the council's clock, as the time of day in the offset of `like`:
    /// how a time typed on the council's clock is given to a record command that reads times
    /// in the offset of the timestamp they replace.
    #[must_use]
    pub fn in_offset_of(self, date: NaiveDate, time: NaiveTime, like: &Timestamp) -> NaiveTime {
        self.at(date, time).with_timezone(like.offset()).time()
    }
}

/// Tells the time. Core code takes times as arguments; only the shell asks a clock.
pub trait Clock {
    /// The current time with the council's UTC offset.
    fn now(&self) -> Timestamp;

    /// Today's date on the council's clock.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The system's clock, told in the council's [`Zone`] (not the server's zone).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock(pub Zone);

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        self.0.now()
    }
}

/// A clock stopped at one time, for tests and reproducible output.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).unwrap_or_default()
    }

    #[test]
    fn london_shows_summer_and_winter_times() {
        let london = Zone::default();
        assert_eq!(london.name(), "Europe/London");
        assert_eq!(london.hm(&at("2026-07-14T09:02:00Z")), "10:02");
        assert_eq!(london.hm(&at("2026-07-14T10:02:00+01:00")), "10:02");
        assert_eq!(london.hm(&at("2026-11-23T09:02:00Z")), "09:02");
        assert_eq!(
            london.local(&at("2026-07-14T09:02:00Z")).to_rfc3339(),
            "2026-07-14T10:02:00+01:00"
        );
        // Just before midnight UTC in summer is the next day in London.
        assert_eq!(
            london.date(&at("2026-07-14T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 7, 15).unwrap_or_default()
        );
    }

    #[test]
    fn zones_are_found_by_iana_name() {
        assert_eq!(
            Zone::named(" Europe/Dublin ").map(Zone::name),
            Some("Europe/Dublin")
        );
        assert_eq!(Zone::named("Europe/Londn"), None);
        assert_eq!(Zone::named("BST"), None);
        let file = std::path::Path::new("/c/config.toml");
        assert_eq!(Zone::configured(None, file), (Zone::default(), None));
        let (zone, warning) = Zone::configured(Some("Europe/Londn"), file);
        assert_eq!(zone, Zone::default());
        let warning = warning.unwrap_or_default();
        for part in [
            "/c/config.toml",
            "timezone",
            "\"Europe/Londn\"",
            "Europe/London",
        ] {
            assert!(warning.contains(part), "{warning}");
        }
    }
}
