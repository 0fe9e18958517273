//! The live screen's loop: the one place where the pure [`LiveScreen`] meets the terminal,
//! the clock and the disk.
//!
//! One turn: wait for a [`Message`] (at most until the next tick, every [`TICK`]), take every
//! message already waiting too, so a burst of typing or a paste is drawn once, turn each into
//! an [`Action`] (terminal events through the key map), `update` the app, perform the
//! [`Effect`]s it returns, then draw if the app says something visible changed.
//!
//! # Leaving
//! On [`Effect::Exit`] the loop stops taking keys and waits for the save the app asked for
//! with it (at most [`EXIT_WAIT`]). On a hang-up it waits at most [`HANGUP_WAIT`] and never
//! draws again. A save that failed or did not finish in time leaves the record in a recovery
//! file beside it ([`recovery::write_recovery`]).
//!
//! # Panics
//! `update`, the key map and `render` run under `catch_unwind`. A panic there (a bug)
//! restores the terminal (the panic hook does that first), writes the record as the app
//! held it to a recovery file, and ends the loop; the record's own file is not touched.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::action::{Action, Effect};
use super::app::LiveScreen;
use super::event::{self, HangUp, Message, SaveKind, SaveReport};
use super::keymap;
use super::saver::Saver;
use super::terminal::{self, FullScreen};
use super::theme::Theme;
use super::ui;
use crate::clock::{Clock, SystemClock};
use crate::store::recovery;

/// How often time passes for the app (clock, autosave) and the terminal is checked.
pub const TICK: Duration = Duration::from_millis(250);
/// How long quitting waits for the final save before writing a recovery file instead.
pub const EXIT_WAIT: Duration = Duration::from_secs(2);
/// How long a hang-up waits for the final save: the program must be gone within a second.
pub const HANGUP_WAIT: Duration = Duration::from_millis(650);
/// How long a hang-up waits for keys typed just before it (see `Shell::take_last_keys`).
const LAST_KEYS_GRACE: Duration = Duration::from_millis(60);
/// At most this many waiting messages are handled before the screen is drawn again.
const MAX_BATCH: usize = 512;

/// How the session ended, for the line printed after leaving the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Everything typed is in the record's file.
    Saved,
    /// Nothing changed, so nothing was written.
    Unchanged,
    /// The record was open read-only (the reason); nothing was written.
    ReadOnly(String),
    /// The user chose to leave without saving the last changes (saves were failing: why).
    Discarded(Option<String>),
    /// The record's file could not be saved (why); the latest text is in the user's copy.
    InCopy {
        /// Where the copy is.
        copy: PathBuf,
        /// Why the record's own file could not be saved.
        reason: String,
    },
    /// The latest text is in a recovery file, because the record's file could not take it.
    Recovered {
        /// The recovery file.
        file: PathBuf,
        /// Why the record's own file does not have it.
        reason: String,
    },
    /// Neither the record nor a recovery file could be written.
    NotSaved {
        /// Why the record's own file does not have it.
        reason: String,
        /// Why the recovery file could not be written.
        recovery_error: String,
    },
}

/// What the loop reports when it is over.
#[derive(Debug)]
pub struct Outcome {
    /// How it ended.
    pub ending: Ending,
    /// The hang-up that ended it, if one did.
    pub hang_up: Option<HangUp>,
    /// The panic message, if a bug ended it.
    pub bug: Option<String>,
    /// The record as it was at the end, for a last-resort dump when nothing could be saved.
    pub record: Box<crate::model::Record>,
}

/// Where the loop draws: the real [`FullScreen`], or a stand-in in tests.
pub trait Display {
    /// Draws the app (only what changed since the last draw).
    ///
    /// # Errors
    /// The terminal cannot be written: the loop takes it as a hang-up.
    fn draw(&mut self, app: &LiveScreen, theme: &Theme) -> std::io::Result<()>;

    /// Clears the screen so the next draw paints everything.
    ///
    /// # Errors
    /// As for [`draw`](Self::draw).
    fn clear(&mut self) -> std::io::Result<()>;

    /// Whether the terminal still works (asked every tick).
    fn alive(&self) -> bool;

    /// The terminal hung up: never write to it again, not even to restore it.
    fn hung_up(&mut self);

    /// A bug stopped the loop: put the terminal back now, before anything else is said.
    fn restore(&mut self);
}

impl Display for FullScreen {
    fn draw(&mut self, app: &LiveScreen, theme: &Theme) -> std::io::Result<()> {
        self.terminal()
            .draw(|frame| ui::render(app, theme, frame))
            .map(drop)
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.terminal().clear()
    }

    fn alive(&self) -> bool {
        event::terminal_alive()
    }

    fn hung_up(&mut self) {
        terminal::mark_dead();
    }

    fn restore(&mut self) {
        terminal::restore();
    }
}

/// Runs the live screen until the app exits, the terminal hangs up or a bug stops it.
/// `rx` receives every [`Message`]; `saver` writes the record at `record_path`.
#[must_use]
pub fn run<D: Display>(
    screen: &mut D,
    app: LiveScreen,
    theme: &Theme,
    saver: Saver,
    rx: &Receiver<Message>,
    record_path: &Path,
) -> Outcome {
    let mut shell = Shell {
        app,
        theme,
        screen,
        saver,
        record_path,
        saves: SaveLedger::default(),
        exiting: false,
        exit_deadline: None,
        hang_up: None,
        dead: false,
        force_draw: true,
        last_tick: Instant::now(),
    };
    let bug = shell.run_loop(rx).err().map(|Bug(message)| message);
    shell.finish(rx, bug)
}

/// What the app is told about a finished save: its own file, or a copy.
fn action_for(report: SaveReport) -> Action {
    match report.kind {
        SaveKind::Copy(path) => Action::Copied(report.result.map(|_| path)),
        _ => Action::Saved(report.result),
    }
}

/// A panic caught in the loop, with its message.
struct Bug(String);

struct Shell<'a, D> {
    app: LiveScreen,
    theme: &'a Theme,
    screen: &'a mut D,
    saver: Saver,
    record_path: &'a Path,
    /// The loop's own account of saves (the app keeps another, for the screen).
    saves: SaveLedger,
    /// The app asked to exit (or a hang-up did): no more keys, no more ticks.
    exiting: bool,
    /// When waiting for the final save gives up.
    exit_deadline: Option<Instant>,
    hang_up: Option<HangUp>,
    /// The terminal is gone: draw nothing more.
    dead: bool,
    /// Draw on the next turn even if the app did not ask (after clearing the screen).
    force_draw: bool,
    last_tick: Instant,
}

impl<D: Display> Shell<'_, D> {
    fn run_loop(&mut self, rx: &Receiver<Message>) -> Result<(), Bug> {
        self.draw()?;
        while !self.exiting {
            let wait = TICK.saturating_sub(self.last_tick.elapsed());
            let first = match rx.recv_timeout(wait) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    // Cannot happen while the saver lives; if it does, nothing can reach us.
                    let why = "every input stopped".to_owned();
                    self.hang_up(HangUp::TerminalGone(why))?;
                    None
                }
            };
            for message in first.into_iter().chain(rx.try_iter().take(MAX_BATCH)) {
                if matches!(message, Message::HangUp(_)) {
                    self.take_last_keys(rx)?;
                }
                self.handle(message)?;
                if self.exiting {
                    break;
                }
            }
            if !self.exiting && self.last_tick.elapsed() >= TICK {
                self.tick()?;
            }
            if !self.exiting {
                self.draw()?;
            }
        }
        Ok(())
    }

    /// A hang-up signal can overtake the last keys typed before the line dropped (the input
    /// thread has read them but not yet passed them on): take what arrives within
    /// [`LAST_KEYS_GRACE`] first, so they are in the final save.
    fn take_last_keys(&mut self, rx: &Receiver<Message>) -> Result<(), Bug> {
        let until = Instant::now() + LAST_KEYS_GRACE;
        let mut later = Vec::new();
        while let Ok(message) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            match message {
                Message::Terminal(_) | Message::Saved(_) => self.handle(message)?,
                Message::HangUp(_) => later.push(message),
            }
        }
        drop(later);
        Ok(())
    }

    fn handle(&mut self, message: Message) -> Result<(), Bug> {
        match message {
            Message::Terminal(event) => {
                let app = &self.app;
                if let Some(action) = catch(|| keymap::map_event(app, &event))? {
                    self.apply(action)?;
                }
                Ok(())
            }
            Message::HangUp(cause) => self.hang_up(cause),
            Message::Saved(report) => {
                self.saves.reported(&report);
                self.apply(action_for(report))
            }
        }
    }

    /// Time passes; first make sure the terminal is still there.
    fn tick(&mut self) -> Result<(), Bug> {
        self.last_tick = Instant::now();
        if !self.screen.alive() {
            let why = "standard input or output is no longer a terminal".to_owned();
            return self.hang_up(HangUp::TerminalGone(why));
        }
        self.apply(Action::Tick(SystemClock.now()))
    }

    fn hang_up(&mut self, cause: HangUp) -> Result<(), Bug> {
        if self.hang_up.is_some() {
            return Ok(());
        }
        // A real hang-up has made the terminal fail `isatty` by the time its SIGHUP arrives;
        // a signal sent by hand (kill) leaves a working terminal to restore.
        if !matches!(cause, HangUp::Signal(_)) || !self.screen.alive() {
            self.mark_dead();
        }
        self.hang_up = Some(cause);
        let deadline = Instant::now() + HANGUP_WAIT;
        self.exit_deadline = Some(self.exit_deadline.map_or(deadline, |d| d.min(deadline)));
        self.apply(Action::HangUp)?;
        self.exiting = true;
        Ok(())
    }

    /// Updates the app and performs what it asks.
    fn apply(&mut self, action: Action) -> Result<(), Bug> {
        let app = &mut self.app;
        let effects = catch(|| app.update(action))?;
        for effect in effects {
            self.perform(effect)?;
        }
        Ok(())
    }

    fn perform(&mut self, effect: Effect) -> Result<(), Bug> {
        match effect {
            Effect::Save(record) => self.saves.asked(self.saver.save(record)),
            Effect::SaveAs(record, path) => {
                self.saver.copy(record, path);
            }
            Effect::ClearScreen => {
                if !self.dead {
                    if let Err(e) = self.screen.clear() {
                        let why = format!("cannot write to it: {e}");
                        return self.hang_up(HangUp::TerminalGone(why));
                    }
                    self.force_draw = true;
                }
            }
            Effect::Exit => {
                self.exiting = true;
                self.saves.exiting();
                if self.exit_deadline.is_none() {
                    self.exit_deadline = Some(Instant::now() + EXIT_WAIT);
                }
            }
        }
        Ok(())
    }

    fn mark_dead(&mut self) {
        self.dead = true;
        self.screen.hung_up();
    }

    /// Draws if something visible changed, unless the terminal is gone.
    fn draw(&mut self) -> Result<(), Bug> {
        if self.dead || !(self.force_draw || self.app.needs_redraw()) {
            return Ok(());
        }
        let (app, theme, screen) = (&self.app, self.theme, &mut *self.screen);
        let drawn = catch(|| screen.draw(app, theme))?;
        match drawn {
            Ok(()) => {
                self.app.drawn();
                self.force_draw = false;
                Ok(())
            }
            Err(e) => self.hang_up(HangUp::TerminalGone(format!("cannot write to it: {e}"))),
        }
    }

    /// After the loop: wait for the final save, write a recovery file if it failed.
    fn finish(mut self, rx: &Receiver<Message>, bug: Option<String>) -> Outcome {
        let ending = match &bug {
            Some(message) => {
                self.screen.restore();
                let reason = format!("minutes stopped on a bug ({message})");
                self.recover(reason)
            }
            None => {
                self.wait_for_save(rx);
                self.ending()
            }
        };
        let by = Instant::now() + Duration::from_millis(100);
        self.saver
            .close(self.exit_deadline.map_or(by, |deadline| deadline.min(by)));
        Outcome {
            ending,
            hang_up: self.hang_up,
            bug,
            record: Box::new(self.app.record),
        }
    }

    /// Waits until the saver has reported on the newest save asked for, or the deadline.
    fn wait_for_save(&mut self, rx: &Receiver<Message>) {
        let mut deadline = self.exit_deadline.unwrap_or_else(Instant::now);
        let mut shown = false;
        while self.saves.outstanding() {
            let mut left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            // A slow disk: show the app's "saving" state rather than a frozen screen.
            if !shown && self.hang_up.is_none() {
                left = left.min(Duration::from_millis(150));
            }
            match rx.recv_timeout(left) {
                Ok(Message::Saved(report)) => {
                    self.saves.reported(&report);
                    // Bookkeeping only; a panic here would change nothing that matters.
                    let app = &mut self.app;
                    let _ = catch(|| app.update(action_for(report)));
                }
                Ok(Message::HangUp(cause)) => {
                    if self.hang_up.is_none() {
                        if !self.screen.alive() {
                            self.mark_dead();
                        }
                        self.hang_up = Some(cause);
                        deadline = deadline.min(Instant::now() + HANGUP_WAIT);
                    }
                }
                Ok(Message::Terminal(_)) => {}
                Err(RecvTimeoutError::Timeout) if !shown && self.hang_up.is_none() => {
                    shown = true;
                    let _ = self.draw();
                }
                Err(_) => return,
            }
        }
    }

    /// How it ended, once waiting is over; writes a recovery file if the text is nowhere
    /// else.
    fn ending(&mut self) -> Ending {
        match self.saves.verdict(
            self.app.read_only.as_deref(),
            self.app.has_changes_only_in_memory(),
        ) {
            Verdict::Ended(ending) => ending,
            Verdict::Recover(reason) => self.recover(reason),
        }
    }

    fn recover(&mut self, reason: String) -> Ending {
        match recovery::write_recovery(self.record_path, &self.app.record) {
            Ok(file) => Ending::Recovered { file, reason },
            Err(e) => Ending::NotSaved {
                reason,
                recovery_error: e.to_string(),
            },
        }
    }
}

/// The loop's account of saves, kept apart from the app's so that leaving never trusts
/// the screen's bookkeeping with the question "is the text on disk?".
#[derive(Debug, Default)]
struct SaveLedger {
    /// The newest record save asked of the saver (0: none yet).
    asked: u64,
    /// The newest record save the saver has reported on (it covers earlier ones).
    confirmed: u64,
    /// Some save of the record's file worked this session.
    saved_once: bool,
    /// Why the newest save of the record's file failed, if it did.
    last_error: Option<String>,
    /// The newest copy written at the user's request.
    last_copy: Option<PathBuf>,
    /// A save was still to be confirmed when the app asked to exit.
    exit_with_save: bool,
}

/// What leaving comes to, before any recovery file is written.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// Nothing more to do.
    Ended(Ending),
    /// The latest text is only in memory: write a recovery file, for this reason.
    Recover(String),
}

impl SaveLedger {
    const fn asked(&mut self, seq: u64) {
        self.asked = seq;
    }

    fn reported(&mut self, report: &SaveReport) {
        match (&report.kind, &report.result) {
            (SaveKind::Record, result) => {
                self.confirmed = self.confirmed.max(report.seq);
                match result {
                    Ok(_) => {
                        self.saved_once = true;
                        self.last_error = None;
                    }
                    Err(e) => self.last_error = Some(e.clone()),
                }
            }
            (SaveKind::Copy(path), Ok(_)) => self.last_copy = Some(path.clone()),
            (SaveKind::Copy(_), Err(_)) => {}
        }
    }

    /// The app asked to leave.
    const fn exiting(&mut self) {
        self.exit_with_save = self.outstanding();
    }

    /// A save asked for has not been reported on.
    const fn outstanding(&self) -> bool {
        self.confirmed < self.asked
    }

    /// Where the text is once waiting is over, given the app's read-only reason and whether
    /// it has changes it did not save. When in doubt, recover: a spare file is cheap, lost
    /// minutes are not.
    fn verdict(&self, read_only: Option<&str>, dirty: bool) -> Verdict {
        if let Some(reason) = read_only {
            return Verdict::Ended(Ending::ReadOnly(reason.to_owned()));
        }
        if self.outstanding() {
            return Verdict::Recover(self.last_error.clone().map_or_else(
                || "the save did not finish in time".to_owned(),
                |e| format!("the last save failed: {e}"),
            ));
        }
        match (self.last_error.clone(), dirty, self.last_copy.clone()) {
            (None, false, _) if self.saved_once => Verdict::Ended(Ending::Saved),
            (None, false, _) => Verdict::Ended(Ending::Unchanged),
            // Saves were failing and the user chose to leave without saving (the quit
            // question's discard): the only way out with changes and no save asked for.
            (Some(error), true, _) if !self.exit_with_save => {
                Verdict::Ended(Ending::Discarded(Some(error)))
            }
            (Some(error), false, Some(copy)) => Verdict::Ended(Ending::InCopy {
                copy,
                reason: error,
            }),
            // The final save failed, or the app's account disagrees with ours: keep the text.
            (Some(error), _, _) => Verdict::Recover(error),
            (None, true, _) => Verdict::Recover("the last changes were not saved".to_owned()),
        }
    }
}

/// Runs `f`, turning a panic into a [`Bug`] with its message.
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Bug> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        Bug(message)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn report(seq: u64, kind: SaveKind, result: Result<(), &str>) -> SaveReport {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:03:41+00:00").unwrap();
        SaveReport {
            seq,
            kind,
            result: result.map(|()| at).map_err(str::to_owned),
        }
    }

    fn record_save(seq: u64, result: Result<(), &str>) -> SaveReport {
        report(seq, SaveKind::Record, result)
    }

    #[test]
    fn nothing_asked_nothing_changed() {
        let ledger = SaveLedger::default();
        assert_eq!(
            ledger.verdict(None, false),
            Verdict::Ended(Ending::Unchanged)
        );
        let read_only = ledger.verdict(Some("in use by jane"), true);
        assert_eq!(
            read_only,
            Verdict::Ended(Ending::ReadOnly("in use by jane".into()))
        );
    }

    #[test]
    fn a_confirmed_final_save_is_saved_and_a_late_one_is_recovered() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.reported(&record_save(1, Ok(())));
        ledger.asked(2);
        ledger.exiting();
        assert!(ledger.outstanding());
        let verdict = ledger.verdict(None, true);
        assert_eq!(
            verdict,
            Verdict::Recover("the save did not finish in time".into())
        );
        ledger.reported(&record_save(2, Ok(())));
        assert_eq!(ledger.verdict(None, false), Verdict::Ended(Ending::Saved));
    }

    #[test]
    fn a_coalesced_report_covers_earlier_saves() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.asked(2);
        ledger.asked(3);
        ledger.reported(&record_save(3, Ok(())));
        assert!(!ledger.outstanding());
        assert_eq!(ledger.verdict(None, false), Verdict::Ended(Ending::Saved));
    }

    #[test]
    fn a_failed_final_save_is_recovered_with_its_reason() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.exiting();
        ledger.reported(&record_save(1, Err("/r/x.json: disk full")));
        assert_eq!(
            ledger.verdict(None, true),
            Verdict::Recover("/r/x.json: disk full".into())
        );
    }

    #[test]
    fn discarding_is_allowed_only_without_a_save_on_exit() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.reported(&record_save(1, Err("disk full")));
        ledger.exiting(); // the quit question's discard: no new save asked
        assert_eq!(
            ledger.verdict(None, true),
            Verdict::Ended(Ending::Discarded(Some("disk full".into())))
        );
    }

    #[test]
    fn a_copy_holds_the_text_only_until_more_is_typed() {
        let mut ledger = SaveLedger::default();
        ledger.asked(1);
        ledger.reported(&record_save(1, Err("disk full")));
        ledger.reported(&report(2, SaveKind::Copy("/usb/copy.json".into()), Ok(())));
        ledger.exiting();
        assert_eq!(
            ledger.verdict(None, false),
            Verdict::Ended(Ending::InCopy {
                copy: "/usb/copy.json".into(),
                reason: "disk full".into()
            })
        );
        // Typed after the copy, then a retry on quitting failed: recover.
        ledger.asked(3);
        ledger.exiting();
        ledger.reported(&record_save(3, Err("disk full")));
        assert_eq!(
            ledger.verdict(None, true),
            Verdict::Recover("disk full".into())
        );
    }

    #[test]
    fn changes_nobody_asked_to_save_are_recovered_not_dropped() {
        let ledger = SaveLedger::default();
        assert!(matches!(ledger.verdict(None, true), Verdict::Recover(_)));
    }

    // ------------------------------------------------------------ the loop, no terminal

    use std::sync::mpsc::{self, Sender};
    use std::sync::{Arc, Mutex};

    use ratatui::crossterm::event::Event;

    use crate::model::{NewMeeting, Record};
    use crate::store::Store;

    const PASTE: &str = "pasted-text;";

    /// A display that records how many pastes each frame showed, and can panic.
    #[derive(Clone, Default)]
    struct Fake {
        frames: Arc<Mutex<Vec<usize>>>,
        panic_on_frame: Option<usize>,
        hung_up: Arc<Mutex<bool>>,
    }

    impl Display for Fake {
        fn draw(&mut self, app: &LiveScreen, _: &Theme) -> std::io::Result<()> {
            let json = serde_json::to_string(&app.record).unwrap();
            let mut frames = self.frames.lock().unwrap();
            frames.push(json.matches(PASTE).count());
            if self.panic_on_frame == Some(frames.len()) {
                drop(frames);
                panic!("render bug in the test");
            }
            Ok(())
        }
        fn clear(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn alive(&self) -> bool {
            !*self.hung_up.lock().unwrap()
        }
        fn hung_up(&mut self) {
            *self.hung_up.lock().unwrap() = true;
        }
        fn restore(&mut self) {}
    }

    struct Rig {
        _dir: tempfile::TempDir,
        path: std::path::PathBuf,
        app: Option<LiveScreen>,
        saver: Option<Saver>,
        tx: Sender<Message>,
        rx: Receiver<Message>,
        theme: Theme,
    }

    fn rig() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let catalogue = crate::templates::Catalogue::load(None);
        let now = SystemClock.now();
        let record = Record::new(
            &catalogue.templates()[0],
            NewMeeting {
                title: "Loop test".into(),
                subject_ref: String::new(),
                date: now.date_naive(),
            },
            "cd".repeat(16),
            now,
        );
        let file = store.create_record(&record).unwrap();
        let path = file.path().to_owned();
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(Some(file), path.clone(), tx.clone()).unwrap();
        Rig {
            _dir: dir,
            path,
            app: Some(LiveScreen::new(record, None, now)),
            saver: Some(saver),
            tx,
            rx,
            theme: crate::tui::theme::load_theme(None, None, false).0,
        }
    }

    impl Rig {
        fn paste(&self, times: usize) {
            for _ in 0..times {
                let event = Event::Paste(PASTE.to_owned());
                self.tx.send(Message::Terminal(event)).unwrap();
            }
        }

        fn run(&mut self, display: &mut Fake) -> Outcome {
            let (app, saver) = (self.app.take().unwrap(), self.saver.take().unwrap());
            run(display, app, &self.theme, saver, &self.rx, &self.path)
        }

        fn on_disk(&self) -> usize {
            std::fs::read_to_string(&self.path)
                .unwrap()
                .matches(PASTE)
                .count()
        }
    }

    /// Sends a hang-up once the display has drawn `frames` frames; with `dead`, the
    /// terminal first stops working, as it does before the kernel's SIGHUP.
    fn hang_up_after(
        frames: usize,
        display: &Fake,
        tx: &Sender<Message>,
        cause: HangUp,
        dead: bool,
    ) {
        let (seen, gone, tx) = (display.frames.clone(), display.hung_up.clone(), tx.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(5);
            while seen.lock().unwrap().len() < frames && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
            *gone.lock().unwrap() = dead;
            let _ = tx.send(Message::HangUp(cause));
        });
    }

    #[test]
    fn a_burst_is_drawn_once_and_a_hang_up_saves_it() {
        let mut rig = rig();
        let mut display = Fake::default();
        rig.paste(50);
        hang_up_after(2, &display, &rig.tx, HangUp::Signal("SIGTERM"), false);
        let outcome = rig.run(&mut display);
        let frames = display.frames.lock().unwrap().clone();
        assert_eq!(
            frames[..2],
            [0, 50],
            "first screen, then all 50 in one frame"
        );
        assert_eq!(outcome.ending, Ending::Saved);
        assert_eq!(outcome.hang_up, Some(HangUp::Signal("SIGTERM")));
        assert_eq!(rig.on_disk(), 50);
        assert!(
            !*display.hung_up.lock().unwrap(),
            "SIGTERM leaves the terminal usable"
        );
    }

    #[test]
    fn a_dead_terminal_is_never_drawn_on_again() {
        let mut rig = rig();
        let mut display = Fake::default();
        rig.paste(3);
        hang_up_after(2, &display, &rig.tx, HangUp::Signal("SIGHUP"), true);
        let outcome = rig.run(&mut display);
        assert_eq!(outcome.ending, Ending::Saved);
        assert_eq!(rig.on_disk(), 3);
        assert_eq!(
            display.frames.lock().unwrap().len(),
            2,
            "no frame after the hang-up"
        );
    }

    #[test]
    fn a_panic_in_render_leaves_a_recovery_file_with_the_latest_text() {
        let mut rig = rig();
        let mut display = Fake {
            panic_on_frame: Some(2),
            ..Fake::default()
        };
        rig.paste(7);
        let outcome = rig.run(&mut display);
        assert_eq!(outcome.bug.as_deref(), Some("render bug in the test"));
        let Ending::Recovered { file, reason } = &outcome.ending else {
            panic!("{:?}", outcome.ending);
        };
        assert!(reason.contains("bug"), "{reason}");
        assert_eq!(file.parent(), rig.path.parent());
        let recovered = std::fs::read_to_string(file).unwrap();
        assert_eq!(recovered.matches(PASTE).count(), 7);
        assert_eq!(rig.on_disk(), 0, "the record's own file is left as it was");
    }

    #[test]
    fn panic_messages_are_kept() {
        let caught = catch(|| -> u8 { panic!("boom {}", 42) });
        let Err(Bug(message)) = caught else {
            panic!("not caught")
        };
        assert_eq!(message, "boom 42");
        assert!(matches!(catch(|| 7), Ok(7)));
    }
}
