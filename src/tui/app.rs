//! The live-meeting state and its `update` function. SKELETON: being written.

use crate::model::{Record, Timestamp};
use crate::tui::action::{Action, Effect};

/// Whether the program goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    /// Keep looping.
    Running,
    /// Leave the loop (after the shell has saved).
    Quit,
}

/// Everything the live screen shows and edits.
#[derive(Debug)]
pub struct App {
    /// The record being minuted.
    pub record: Record,
    /// Why this session may not write the record, if so.
    pub read_only: Option<String>,
    run: RunState,
    dirty: bool,
    redraw: bool,
    now: Timestamp,
}

impl App {
    /// A live screen on `record`.
    #[must_use]
    pub fn new(record: Record, read_only: Option<String>, now: Timestamp) -> Self {
        Self {
            record,
            read_only,
            run: RunState::Running,
            dirty: false,
            redraw: true,
            now,
        }
    }

    /// Applies one action; returns the I/O for the shell to perform.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.redraw = true;
        match action {
            Action::Tick(now) => {
                self.now = now;
                Vec::new()
            }
            Action::Quit | Action::HangUp => {
                self.run = RunState::Quit;
                if self.dirty {
                    vec![Effect::Save(Box::new(self.record.clone())), Effect::Exit]
                } else {
                    vec![Effect::Exit]
                }
            }
            _ => Vec::new(),
        }
    }

    /// Whether to keep looping.
    #[must_use]
    pub const fn run_state(&self) -> RunState {
        self.run
    }

    /// Whether something visible changed since the last draw; the shell clears it after drawing.
    #[must_use]
    pub const fn needs_redraw(&self) -> bool {
        self.redraw
    }

    /// Called by the shell after drawing.
    pub fn drawn(&mut self) {
        self.redraw = false;
    }

    /// Whether there are changes not yet saved.
    #[must_use]
    pub const fn is_dirty(&self) -> bool {
        self.dirty
    }
}
