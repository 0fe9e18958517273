//! When to save, and what the header says about it. The shell does the writing.

use chrono::TimeDelta;

use super::{LiveScreen, RunState, Tone};
use crate::model::Timestamp;
use crate::tui::action::Effect;

/// Save at most this often while typing, so a crash loses at most about this much.
const AUTOSAVE_EVERY: TimeDelta = TimeDelta::seconds(1);
/// After a failed save, try again after this long.
const RETRY_AFTER: TimeDelta = TimeDelta::seconds(2);

/// What the header says about saving, and the bookkeeping behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveState {
    /// Bumped on every change.
    revision: u64,
    /// The revision last written to disk.
    saved_revision: u64,
    /// The revision being written now, if any.
    in_flight: Option<u64>,
    /// When the last save was asked for.
    last_request: Timestamp,
    /// When the record was last saved.
    pub saved_at: Option<Timestamp>,
    /// Why the last save failed, and since when saves have been failing.
    pub failure: Option<(String, Timestamp)>,
    /// The revision being written to a copy the user asked for, if any.
    copy_in_flight: Option<u64>,
    /// The newest revision a copy holds.
    copied_revision: Option<u64>,
}

impl SaveState {
    /// Nothing to save yet.
    #[must_use]
    pub const fn new(now: Timestamp) -> Self {
        Self {
            revision: 0,
            saved_revision: 0,
            in_flight: None,
            last_request: now,
            saved_at: None,
            failure: None,
            copy_in_flight: None,
            copied_revision: None,
        }
    }

    /// A copy of the current revision is being written elsewhere (the quit question).
    pub const fn copying(&mut self) {
        self.copy_in_flight = Some(self.revision);
    }

    /// The copy was written, or not.
    pub const fn copy_finished(&mut self, written: bool) {
        let revision = self.copy_in_flight.take();
        if written {
            self.copied_revision = revision;
        }
    }

    /// Changes that are neither in the record's file nor in a copy the user asked for.
    #[must_use]
    pub fn only_in_memory(&self) -> bool {
        self.is_dirty() && self.copied_revision != Some(self.revision)
    }

    /// The record changed.
    pub const fn changed(&mut self) {
        self.revision += 1;
    }

    /// Changes not yet on disk.
    #[must_use]
    pub const fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// A save is being written.
    #[must_use]
    pub const fn is_saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// The shell reports a save's result.
    pub fn finished(&mut self, result: Result<Timestamp, String>, now: Timestamp) {
        // A result nobody asked for says nothing about what is on disk.
        let Some(revision) = self.in_flight.take() else {
            return;
        };
        match result {
            Ok(at) => {
                self.saved_revision = self.saved_revision.max(revision);
                self.saved_at = Some(at);
                self.failure = None;
            }
            Err(reason) => {
                let since = self.failure.as_ref().map_or(now, |(_, since)| *since);
                self.failure = Some((reason, since));
            }
        }
    }

    /// Whether a save should start now.
    fn due(&self, now: Timestamp) -> bool {
        if !self.is_dirty() || self.in_flight.is_some() {
            return false;
        }
        let wait = if self.failure.is_some() {
            RETRY_AFTER
        } else {
            AUTOSAVE_EVERY
        };
        now - self.last_request >= wait
    }

    fn start(&mut self, now: Timestamp) {
        self.in_flight = Some(self.revision);
        self.last_request = now;
    }
}

impl LiveScreen {
    /// Time passes: autosave when due, redraw when the clock's minute changes.
    pub(super) fn tick(&mut self, now: Timestamp) -> Vec<super::Effect> {
        let minute_changed =
            now.format("%H:%M").to_string() != self.now.format("%H:%M").to_string();
        self.now = now;
        if minute_changed {
            self.redraw = true;
        }
        if self.read_only.is_none() && self.save.due(now) {
            return self.request_save();
        }
        Vec::new()
    }

    /// A snapshot for the shell to write.
    pub(super) fn request_save(&mut self) -> Vec<Effect> {
        self.save.start(self.now);
        self.redraw = true;
        vec![Effect::Save(Box::new(self.record.clone()))]
    }

    /// Ctrl-S: save now if anything changed.
    pub(super) fn save_now(&mut self) -> Vec<Effect> {
        if self.read_only.is_some() {
            return Vec::new();
        }
        if self.save.is_saving() {
            self.say("Saving...", Tone::Info);
            Vec::new()
        } else if self.save.is_dirty() {
            self.request_save()
        } else {
            self.say("Nothing to save: everything is on disk.", Tone::Info);
            Vec::new()
        }
    }

    /// Ctrl-Q / Ctrl-C: save and leave; if saves are failing, ask first.
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        if self.read_only.is_some() || !self.save.is_dirty() {
            self.run = RunState::Quit;
            return vec![Effect::Exit];
        }
        if self.save.failure.is_some() {
            self.open_quit_question();
            return Vec::new();
        }
        self.run = RunState::Quit;
        let mut effects = self.request_save();
        effects.push(Effect::Exit);
        effects
    }

    /// The terminal went away or a signal asked us to stop: save what there is and leave.
    pub(super) fn hang_up(&mut self) -> Vec<Effect> {
        self.run = RunState::Quit;
        let mut effects = if self.read_only.is_none() && self.save.is_dirty() {
            self.request_save()
        } else {
            Vec::new()
        };
        effects.push(Effect::Exit);
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        let base = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00")
            .unwrap_or_else(|_| unreachable!());
        base + TimeDelta::seconds(seconds)
    }

    #[test]
    fn saves_at_most_every_second_and_retries_failures_later() {
        let mut state = SaveState::new(at(0));
        assert!(!state.due(at(5)), "nothing changed");
        state.changed();
        assert!(state.due(at(1)));
        state.start(at(1));
        assert!(!state.due(at(3)), "one save at a time");
        state.changed();
        state.finished(Ok(at(1)), at(1));
        assert!(
            state.is_dirty(),
            "the change made during the save is still unsaved"
        );
        assert!(state.due(at(2)));
        state.start(at(2));
        state.finished(Err("disk full".into()), at(2));
        assert!(!state.due(at(3)), "retry waits");
        assert!(state.due(at(4)));
        state.start(at(4));
        state.finished(Ok(at(4)), at(4));
        assert!(!state.is_dirty());
        assert!(state.failure.is_none());
    }
}
