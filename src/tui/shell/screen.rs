//! The screen the loop runs: the browser, or the live screen on a meeting with what the
//! shell keeps for it (its saver and the loop's account of saves). Both take the same
//! actions, return the same effects and draw from a shared reference.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use ratatui::Frame;
use ratatui::crossterm::event::Event;

use super::ending::{Ending, Outcome, SaveLedger};
use crate::clock::{Clock, SystemClock, Zone};
use crate::service::{EditingSession, OpenRecord};
use crate::store::recovery;
use crate::tui::action::{Action, Effect};
use crate::tui::app::LiveScreen;
use crate::tui::browser::{self, Browser};
use crate::tui::event::{Message, SaveReport};
use crate::tui::keymap;
use crate::tui::saver::Saver;
use crate::tui::theme::Theme;
use crate::tui::ui;

/// The screen up.
#[derive(Debug)]
pub enum Screen {
    /// Every record (`minutes`).
    Browser(Box<Browser>),
    /// A meeting on the live screen (`minutes open`, or opened from the browser).
    Live(Box<Meeting>),
}

impl Screen {
    /// The action a terminal event stands for here, through the key map.
    #[must_use]
    pub fn map_event(&self, event: &Event) -> Option<Action> {
        match self {
            Self::Browser(browser) => browser.map_event(event),
            Self::Live(meeting) => keymap::map_event(&meeting.app, event),
        }
    }

    /// Applies one action; returns what the shell is to do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match self {
            Self::Browser(browser) => browser.update(action),
            Self::Live(meeting) => meeting.app.update(action),
        }
    }

    /// Draws the screen: pure.
    pub fn render(&self, theme: &Theme, frame: &mut Frame<'_>) {
        match self {
            Self::Browser(browser) => browser::render(browser, theme, frame),
            Self::Live(meeting) => ui::render(&meeting.app, theme, frame),
        }
    }

    /// Whether something visible changed since the last draw.
    #[must_use]
    pub fn needs_redraw(&self) -> bool {
        match self {
            Self::Browser(browser) => browser.needs_redraw(),
            Self::Live(meeting) => meeting.app.needs_redraw(),
        }
    }

    /// Called after drawing.
    pub fn drawn(&mut self) {
        match self {
            Self::Browser(browser) => browser.drawn(),
            Self::Live(meeting) => meeting.app.drawn(),
        }
    }
}

/// A meeting on the live screen, and what the shell keeps for it.
#[derive(Debug)]
pub struct Meeting {
    /// The live screen.
    pub app: LiveScreen,
    /// The thread that writes the record's file.
    pub(super) saver: Saver,
    /// The record's file.
    pub(super) path: PathBuf,
    /// The loop's own account of saves (the app keeps another, for the screen).
    pub(super) saves: SaveLedger,
    /// The editing session in the audit log, closed when the meeting is.
    pub(super) audit: Option<EditingSession>,
}

impl Meeting {
    /// The live screen `app` on the record at `path`, which `saver` writes.
    #[must_use]
    pub fn new(app: LiveScreen, saver: Saver, path: PathBuf) -> Self {
        Self {
            app,
            saver,
            path,
            saves: SaveLedger::default(),
            audit: None,
        }
    }

    /// Opens `record` on the live screen, read-only (saying why) when this session cannot
    /// write it; its saver reports on `reports`.
    ///
    /// # Errors
    /// The saver's thread cannot be started.
    pub fn open(
        record: OpenRecord,
        keys: std::sync::Arc<crate::tui::keymap::Keymap>,
        reports: Sender<Message>,
        zone: Zone,
    ) -> std::io::Result<Self> {
        let OpenRecord {
            record,
            path,
            file,
            read_only,
            audit,
        } = record;
        let read_only = read_only.or_else(|| {
            file.is_none()
                .then(|| "this session cannot write the file; opened read-only".to_owned())
        });
        let saver = Saver::spawn(file, path.clone(), reports)?;
        let app = LiveScreen::new(record, read_only, SystemClock(zone).now())
            .with_zone(zone)
            .with_keys(keys)
            .with_user_name(crate::config::user_name());
        let mut meeting = Self::new(app, saver, path);
        meeting.audit = audit;
        Ok(meeting)
    }

    /// Whether `report` is from this meeting's saver (not from one closed before it).
    pub(super) const fn owns(&self, report: &SaveReport) -> bool {
        report.saver == self.saver.id()
    }

    /// Writes the record as the app holds it to a recovery file beside its own, which is
    /// not touched.
    pub(super) fn recover(&self, reason: String) -> Ending {
        match recovery::write_recovery(&self.path, &self.app.record) {
            Ok(file) => Ending::Recovered { file, reason },
            Err(e) => Ending::NotSaved {
                reason,
                recovery_error: e.to_string(),
            },
        }
    }

    /// Stops the saver (waiting for it until `by`) and says how the meeting ended.
    pub(super) fn close(self, ending: Ending, by: std::time::Instant) -> Outcome {
        self.saver.close(by);
        // After the last save: the audit log's session ends when the record is written, with
        // the actions it changed when they reached the file.
        let saved = matches!(ending, Ending::Saved).then_some(&self.app.record);
        let audit_warning = self.audit.and_then(|session| session.close(saved));
        Outcome {
            ending,
            record: Box::new(self.app.record),
            path: self.path,
            audit_warning,
        }
    }
}
