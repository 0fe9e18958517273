//! The source of "now": the real local clock in the app, a fixed one in tests.

use chrono::{Local, NaiveDate};

use crate::model::Timestamp;

/// Tells the time. Core code takes times as arguments; only the shell asks a clock.
pub trait Clock {
    /// The current time with the local UTC offset.
    fn now(&self) -> Timestamp;

    /// Today's date in local time.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The system's local clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Local::now().fixed_offset()
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
