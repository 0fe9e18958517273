//! The one loop: where the pure screens ([`Screen`]: the browser and the live screen) meet
//! the terminal, the clock, the saver and the records.
//!
//! One turn: wait for a [`Message`] (at most until the next tick, every [`TICK`]), take every
//! message already waiting too, so a burst of typing or a paste is drawn once, turn each into
//! an [`Action`] (terminal events through the key map), `update` the screen up, perform the
//! [`Effect`]s it returns, then draw if the screen says something visible changed. A tick
//! that changes nothing draws nothing.
//!
//! # Effects
//! Saves go to the meeting's saver thread; [`Effect::Ask`] goes to the records (the service,
//! in `minutes`), whose answer comes back as [`Action::Responded`]. A record opened for
//! editing puts the live screen up, with its own saver; when that meeting ends, the browser
//! comes back with the listing read again and a line saying where the record is.
//!
//! # Leaving
//! On [`Effect::Exit`] the loop stops taking keys for the screen and, for a meeting, waits for
//! the save the app asked for with it (at most [`EXIT_WAIT`]). On a hang-up it waits at most
//! [`HANGUP_WAIT`], never draws again once the terminal is gone, and the program ends (the
//! browser does not come back). A save that failed or did not finish in time leaves the
//! record in a recovery file beside it ([`recovery::write_recovery`]).
//!
//! # Panics
//! The key map, `update`, `render` and the records' work run under `catch_unwind`. A panic
//! there (a bug), on either screen, ends the loop through one path: the terminal is restored
//! (the panic hook does that first), and a meeting on screen has the record as the app held
//! it written to a recovery file; the record's own file is not touched.
//!
//! [`recovery::write_recovery`]: crate::store::recovery::write_recovery

mod ending;
mod screen;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

pub use ending::{Ending, Outcome};
pub use screen::{Meeting, Screen};

use super::action::{Action, Effect};
use super::browser::Browser;
use super::event::{self, HangUp, Message, SaveKind, SaveReport};
use super::request::{Handled, Request, Response};
use super::terminal::{self, FullScreen};
use super::theme::Theme;
use crate::clock::{Clock, SystemClock, Zone};

/// How often time passes for the screens (clock, autosave) and the terminal is checked.
pub const TICK: Duration = Duration::from_millis(250);
/// How long quitting waits for the final save before writing a recovery file instead.
pub const EXIT_WAIT: Duration = Duration::from_secs(2);
/// How long a hang-up waits for the final save: the program must be gone within a second.
pub const HANGUP_WAIT: Duration = Duration::from_millis(650);
/// How long a hang-up waits for keys typed just before it (see `Shell::take_last_keys`).
const LAST_KEYS_GRACE: Duration = Duration::from_millis(60);
/// At most this many waiting messages are handled before the screen is drawn again.
const MAX_BATCH: usize = 512;
/// How long closing a meeting waits for its saver to stop, at most.
const SAVER_CLOSE_WAIT: Duration = Duration::from_millis(100);

/// Does what a screen asks of the records ([`Effect::Ask`]); in `minutes`, through the
/// service ([`super::browse`]).
pub type Records<'r> = dyn FnMut(Request) -> crate::error::Result<Handled> + 'r;

/// How the loop ended.
#[derive(Debug)]
pub struct Ended {
    /// The screen up at the end.
    pub on: EndedOn,
    /// The hang-up that ended it, if one did.
    pub hang_up: Option<HangUp>,
    /// The panic message, if a bug ended it.
    pub bug: Option<String>,
}

/// The screen up when the loop ended.
#[derive(Debug)]
pub enum EndedOn {
    /// A meeting: how it ended.
    Meeting(Outcome),
    /// The browser, and the last meeting opened from it, if any.
    Browser(Option<Outcome>),
}

/// The loop's one channel: it receives every [`Message`] on `rx`; the input and signal
/// threads and the savers of the meetings it opens send on `tx`.
#[derive(Debug)]
pub struct Channel {
    /// Where senders get their copy.
    pub tx: Sender<Message>,
    /// Where the loop receives.
    pub rx: Receiver<Message>,
}

impl Channel {
    /// A new channel.
    #[must_use]
    pub fn new() -> Self {
        let (tx, rx) = mpsc::channel();
        Self { tx, rx }
    }
}

impl Default for Channel {
    fn default() -> Self {
        Self::new()
    }
}

/// Where the loop draws: the real [`FullScreen`], or a stand-in in tests.
pub trait Display {
    /// Draws the screen (only what changed since the last draw).
    ///
    /// # Errors
    /// The terminal cannot be written: the loop takes it as a hang-up.
    fn draw(&mut self, screen: &Screen, theme: &Theme) -> std::io::Result<()>;

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
    fn draw(&mut self, screen: &Screen, theme: &Theme) -> std::io::Result<()> {
        self.terminal()
            .draw(|frame| screen.render(theme, frame))
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

/// Runs `first` (and what is opened from it) until it leaves, the terminal hangs up or a
/// bug stops it. `records` does what the browser asks of the records; `zone` is the
/// council's time zone, the live screen's clock.
#[must_use]
pub fn run<D: Display>(
    display: &mut D,
    first: Screen,
    theme: &Theme,
    channel: &Channel,
    zone: Zone,
    records: &mut Records<'_>,
) -> Ended {
    let mut shell = Shell {
        display,
        theme,
        channel,
        zone,
        records,
        screen: first,
        parked: None,
        last_meeting: None,
        exiting: false,
        exit_deadline: None,
        hang_up: None,
        dead: false,
        force_draw: true,
        last_tick: Instant::now(),
    };
    let bug = shell.turns().err().map(|Bug(message)| message);
    shell.end(bug)
}

/// What a screen is told about a finished save: its own file, or a copy.
fn action_for(report: SaveReport) -> Action {
    match report.kind {
        SaveKind::Copy(path) => Action::Copied(report.result.map(|_| path)),
        _ => Action::Saved(report.result),
    }
}

/// A panic caught in the loop, with its message.
struct Bug(String);

struct Shell<'a, 'r, D> {
    display: &'a mut D,
    theme: &'a Theme,
    channel: &'a Channel,
    /// The council's time zone: the clock the ticks tell.
    zone: Zone,
    records: &'a mut Records<'r>,
    screen: Screen,
    /// The browser, while a meeting opened from it is up, and the warnings of opening the
    /// meeting, for the browser's notices when it comes back.
    parked: Option<(Box<Browser>, Vec<String>)>,
    /// The last meeting opened from the browser that has ended.
    last_meeting: Option<Outcome>,
    /// The screen asked to leave (or a hang-up did): no more keys, no more ticks for it.
    exiting: bool,
    /// When waiting for a meeting's final save gives up.
    exit_deadline: Option<Instant>,
    hang_up: Option<HangUp>,
    /// The terminal is gone: draw nothing more.
    dead: bool,
    /// Draw on the next turn even if the screen did not ask (after clearing the terminal or
    /// changing screens).
    force_draw: bool,
    last_tick: Instant,
}

impl<D: Display> Shell<'_, '_, D> {
    /// Turns until the loop is over: the screen up has left and nothing comes back.
    fn turns(&mut self) -> Result<(), Bug> {
        self.draw()?;
        loop {
            while !self.exiting {
                self.turn()?;
            }
            if !self.back_to_browser()? {
                return Ok(());
            }
        }
    }

    fn turn(&mut self) -> Result<(), Bug> {
        let channel = self.channel;
        let rx = &channel.rx;
        let wait = TICK.saturating_sub(self.last_tick.elapsed());
        let first = match rx.recv_timeout(wait) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                // Cannot happen while the loop holds a sender; if it does, nothing can reach us.
                let why = "every input stopped".to_owned();
                self.hang_up(HangUp::TerminalGone(why))?;
                None
            }
        };
        for message in first.into_iter().chain(rx.try_iter().take(MAX_BATCH)) {
            if matches!(message, Message::HangUp(_)) && matches!(self.screen, Screen::Live(_)) {
                self.take_last_keys()?;
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
        Ok(())
    }

    /// A hang-up signal can overtake the last keys typed before the line dropped (the input
    /// thread has read them but not yet passed them on): on the live screen, take what
    /// arrives within [`LAST_KEYS_GRACE`] first, so they are in the final save.
    fn take_last_keys(&mut self) -> Result<(), Bug> {
        let until = Instant::now() + LAST_KEYS_GRACE;
        let channel = self.channel;
        let rx = &channel.rx;
        while let Ok(message) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            match message {
                Message::Terminal(_) | Message::Saved(_) => self.handle(message)?,
                Message::HangUp(_) => {}
            }
        }
        Ok(())
    }

    fn handle(&mut self, message: Message) -> Result<(), Bug> {
        match message {
            Message::Terminal(event) => {
                let screen = &self.screen;
                if let Some(action) = catch(|| screen.map_event(&event))? {
                    self.apply(action)?;
                }
                Ok(())
            }
            Message::HangUp(cause) => self.hang_up(cause),
            Message::Saved(report) => {
                // A report for a meeting already closed has nobody to tell.
                let Screen::Live(meeting) = &mut self.screen else {
                    return Ok(());
                };
                if !meeting.owns(&report) {
                    return Ok(());
                }
                meeting.saves.reported(&report);
                self.apply(action_for(report))
            }
        }
    }

    /// Time passes; first make sure the terminal is still there.
    fn tick(&mut self) -> Result<(), Bug> {
        self.last_tick = Instant::now();
        if !self.display.alive() {
            let why = "standard input or output is no longer a terminal".to_owned();
            return self.hang_up(HangUp::TerminalGone(why));
        }
        self.apply(Action::Tick(SystemClock(self.zone).now()))
    }

    fn hang_up(&mut self, cause: HangUp) -> Result<(), Bug> {
        if self.hang_up.is_some() {
            return Ok(());
        }
        // A real hang-up has made the terminal fail `isatty` by the time its SIGHUP arrives;
        // a signal sent by hand (kill) leaves a working terminal to restore.
        if !matches!(cause, HangUp::Signal(_)) || !self.display.alive() {
            self.mark_dead();
        }
        self.hang_up = Some(cause);
        let deadline = Instant::now() + HANGUP_WAIT;
        self.exit_deadline = Some(self.exit_deadline.map_or(deadline, |d| d.min(deadline)));
        self.apply(Action::HangUp)?;
        self.exiting = true;
        Ok(())
    }

    /// Updates the screen up and performs what it asks.
    fn apply(&mut self, action: Action) -> Result<(), Bug> {
        let screen = &mut self.screen;
        let effects = catch(|| screen.update(action))?;
        for effect in effects {
            self.perform(effect)?;
        }
        Ok(())
    }

    fn perform(&mut self, effect: Effect) -> Result<(), Bug> {
        match effect {
            Effect::Save(record) => {
                if let Screen::Live(meeting) = &mut self.screen {
                    meeting.saves.asked(meeting.saver.save(record));
                }
            }
            Effect::SaveAs(record, path) => {
                if let Screen::Live(meeting) = &mut self.screen {
                    meeting.saver.copy(record, path);
                }
            }
            Effect::ClearScreen => return self.clear(),
            Effect::Exit => {
                self.exiting = true;
                if let Screen::Live(meeting) = &mut self.screen {
                    meeting.saves.exiting();
                }
                if self.exit_deadline.is_none() {
                    self.exit_deadline = Some(Instant::now() + EXIT_WAIT);
                }
            }
            Effect::Ask(request) => return self.ask(request),
        }
        Ok(())
    }

    /// Asks the records; their answer goes back to the screen, or a record opened for
    /// editing goes up on the live screen.
    fn ask(&mut self, request: Request) -> Result<(), Bug> {
        let records = &mut *self.records;
        let response = match catch(|| records(request))? {
            Ok(Handled::Respond(response)) => response,
            Ok(Handled::Meeting(record, warnings)) => return self.open_meeting(*record, &warnings),
            Err(error) => Response::Failed(error.to_string()),
        };
        self.apply(Action::Responded(response))
    }

    /// Puts the live screen up on `record`, the browser aside until the meeting ends. The
    /// `warnings` of opening it: the first on the live screen, all of them in the browser's
    /// notices when it comes back.
    fn open_meeting(
        &mut self,
        record: crate::service::OpenRecord,
        warnings: &[String],
    ) -> Result<(), Bug> {
        if !matches!(self.screen, Screen::Browser(_)) {
            return Ok(()); // only the browser opens meetings
        }
        let keys = match &self.screen {
            Screen::Browser(browser) => std::sync::Arc::clone(&browser.keys),
            Screen::Live(_) => return Ok(()),
        };
        match Meeting::open(record, keys, self.channel.tx.clone(), self.zone) {
            Ok(mut meeting) => {
                meeting
                    .app
                    .show_warnings(warnings, "listed when the meeting ends");
                let browser = std::mem::replace(&mut self.screen, Screen::Live(Box::new(meeting)));
                if let Screen::Browser(browser) = browser {
                    self.parked = Some((browser, warnings.to_vec()));
                }
                self.force_draw = true;
                Ok(())
            }
            Err(e) => {
                let why = format!("cannot start saving for the live screen: {e}");
                self.apply(Action::Responded(Response::Failed(why)))
            }
        }
    }

    /// The screen up has left. A meeting opened from the browser ends (its save waited for,
    /// its text recovered if need be) and the browser comes back with the listing read
    /// again and the warnings of opening the meeting, unless a hang-up ends everything. `false`: the loop is over.
    fn back_to_browser(&mut self) -> Result<bool, Bug> {
        if self.parked.is_none() || !matches!(self.screen, Screen::Live(_)) {
            return Ok(false);
        }
        self.wait_for_save();
        if self.hang_up.is_some() {
            return Ok(false);
        }
        let (Some((browser, warnings)), Some(ending)) = (self.parked.take(), self.meeting_ending())
        else {
            return Ok(false);
        };
        let by = self.saver_close_by();
        if let Screen::Live(meeting) = std::mem::replace(&mut self.screen, Screen::Browser(browser))
        {
            let outcome = meeting.close(ending, by);
            let (line, _) = outcome.describe();
            let mut warnings = warnings;
            warnings.extend(outcome.audit_warning.clone());
            self.last_meeting = Some(outcome);
            self.exiting = false;
            self.exit_deadline = None;
            let records = &mut *self.records;
            if let Ok(Handled::Respond(listing)) = catch(|| records(Request::Refresh))? {
                self.apply(Action::Responded(listing))?;
            }
            let ended = Response::MeetingEnded(line);
            self.apply(Action::Responded(Response::Noted(
                Box::new(ended),
                warnings,
            )))?;
            self.clear()?;
        }
        Ok(!self.exiting)
    }

    /// Clears the terminal so the next draw paints everything.
    fn clear(&mut self) -> Result<(), Bug> {
        if self.dead {
            return Ok(());
        }
        if let Err(e) = self.display.clear() {
            let why = format!("cannot write to it: {e}");
            return self.hang_up(HangUp::TerminalGone(why));
        }
        self.force_draw = true;
        Ok(())
    }

    fn mark_dead(&mut self) {
        self.dead = true;
        self.display.hung_up();
    }

    /// Draws if something visible changed, unless the terminal is gone.
    fn draw(&mut self) -> Result<(), Bug> {
        if self.dead || !(self.force_draw || self.screen.needs_redraw()) {
            return Ok(());
        }
        let (screen, theme, display) = (&self.screen, self.theme, &mut *self.display);
        let drawn = catch(|| display.draw(screen, theme))?;
        match drawn {
            Ok(()) => {
                self.screen.drawn();
                self.force_draw = false;
                Ok(())
            }
            Err(e) => self.hang_up(HangUp::TerminalGone(format!("cannot write to it: {e}"))),
        }
    }

    /// After the loop: the terminal restored if a bug ended it, the meeting on screen ended
    /// (its save waited for, or its text recovered), its saver stopped.
    fn end(mut self, bug: Option<String>) -> Ended {
        let ending = match &bug {
            Some(message) => {
                self.display.restore();
                let reason = format!("minutes stopped on a bug ({message})");
                match &self.screen {
                    Screen::Live(meeting) => Some(meeting.recover(reason)),
                    Screen::Browser(_) => None,
                }
            }
            None => {
                self.wait_for_save();
                self.meeting_ending()
            }
        };
        let by = self.saver_close_by();
        let on = match (self.screen, ending) {
            (Screen::Live(meeting), Some(ending)) => EndedOn::Meeting(meeting.close(ending, by)),
            (_, _) => EndedOn::Browser(self.last_meeting),
        };
        Ended {
            on,
            hang_up: self.hang_up,
            bug,
        }
    }

    /// When closing a meeting stops waiting for its saver.
    fn saver_close_by(&self) -> Instant {
        let by = Instant::now() + SAVER_CLOSE_WAIT;
        self.exit_deadline.map_or(by, |deadline| deadline.min(by))
    }

    /// Waits until the meeting's saver has reported on the newest save asked for, or the
    /// deadline.
    fn wait_for_save(&mut self) {
        let mut deadline = self.exit_deadline.unwrap_or_else(Instant::now);
        let mut shown = false;
        let channel = self.channel;
        let rx = &channel.rx;
        while let Screen::Live(meeting) = &self.screen
            && meeting.saves.outstanding()
        {
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
                    if let Screen::Live(meeting) = &mut self.screen
                        && meeting.owns(&report)
                    {
                        meeting.saves.reported(&report);
                        // Bookkeeping only; a panic here would change nothing that matters.
                        let app = &mut meeting.app;
                        let _ = catch(|| app.update(action_for(report)));
                    }
                }
                Ok(Message::HangUp(cause)) => {
                    if self.hang_up.is_none() {
                        if !self.display.alive() {
                            self.mark_dead();
                        }
                        self.hang_up = Some(cause);
                        deadline = deadline.min(Instant::now() + HANGUP_WAIT);
                        self.exit_deadline = Some(deadline);
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

    /// How the meeting on screen ended, once waiting is over; writes a recovery file if the
    /// text is nowhere else. `None` on the browser.
    fn meeting_ending(&self) -> Option<Ending> {
        let Screen::Live(meeting) = &self.screen else {
            return None;
        };
        let verdict = meeting.saves.verdict(
            meeting.app.read_only.as_deref(),
            meeting.app.has_changes_only_in_memory(),
        );
        Some(match verdict {
            ending::Verdict::Ended(ending) => ending,
            ending::Verdict::Recover(reason) => meeting.recover(reason),
        })
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

/// The loop with no terminal: a fake display that counts frames and can panic, real savers
/// on temp folders, and the browser's requests done through the service.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use std::path::PathBuf;
    use std::sync::{Arc, Mutex};
    use std::thread;

    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::clock::SystemClock;
    use crate::config::Places;
    use crate::model::{NewMeeting, Record};
    use crate::service::Service;
    use crate::store::Store;
    use crate::tui::app::LiveScreen;
    use crate::tui::saver::Saver;

    const PASTE: &str = "pasted-text;";
    static CLOCK: SystemClock = SystemClock(crate::clock::Zone::LONDON);

    /// What a frame showed.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Shown {
        /// The browser: how many meetings it lists, and its first notice.
        Browser(usize, Option<String>),
        /// The live screen: how many pastes its record holds.
        Live(usize),
    }

    /// A display that records what each frame showed, and can panic.
    #[derive(Clone, Default)]
    struct Fake {
        frames: Arc<Mutex<Vec<Shown>>>,
        panic_on_frame: Option<usize>,
        hung_up: Arc<Mutex<bool>>,
        restored: Arc<Mutex<bool>>,
    }

    impl Fake {
        fn panicking_on(frame: usize) -> Self {
            Self {
                panic_on_frame: Some(frame),
                ..Self::default()
            }
        }

        fn frames(&self) -> Vec<Shown> {
            self.frames.lock().unwrap().clone()
        }

        fn restored(&self) -> bool {
            *self.restored.lock().unwrap()
        }

        fn hung_up(&self) -> bool {
            *self.hung_up.lock().unwrap()
        }
    }

    impl Display for Fake {
        fn draw(&mut self, screen: &Screen, _: &Theme) -> std::io::Result<()> {
            let shown = match screen {
                Screen::Browser(browser) => {
                    Shown::Browser(browser.entries.len(), browser.notices.first().cloned())
                }
                Screen::Live(meeting) => {
                    let json = serde_json::to_string(&meeting.app.record).unwrap();
                    Shown::Live(json.matches(PASTE).count())
                }
            };
            let mut frames = self.frames.lock().unwrap();
            frames.push(shown);
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
        fn restore(&mut self) {
            *self.restored.lock().unwrap() = true;
        }
    }

    fn theme() -> Theme {
        crate::tui::theme::load_theme(None, None, false).0
    }

    fn new_record(title: &str, id: &str) -> Record {
        let catalogue = crate::templates::Catalogue::load(None);
        let now = SystemClock::default().now();
        let details = NewMeeting {
            title: title.into(),
            subject_ref: String::new(),
            date: now.date_naive(),
        };
        Record::new(&catalogue.templates()[0], details, id.repeat(16), now)
    }

    /// How many pastes the file at `path` holds.
    fn pastes_in(path: &std::path::Path) -> usize {
        std::fs::read_to_string(path)
            .unwrap()
            .matches(PASTE)
            .count()
    }

    fn paste() -> Message {
        Message::Terminal(Event::Paste(PASTE.to_owned()))
    }

    fn ctrl(c: char) -> Message {
        Message::Terminal(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    /// Once the display has drawn a frame that `ready` accepts, `then` (on another thread).
    fn when_drawn(
        display: &Fake,
        ready: impl Fn(&[Shown]) -> bool + Send + 'static,
        then: impl FnOnce() + Send + 'static,
    ) {
        let frames = display.frames.clone();
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(5);
            while !ready(&frames.lock().unwrap()) && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(2));
            }
            then();
        });
    }

    /// Sends `cause` once the display has drawn `frames` frames; with `dead`, the terminal
    /// first stops working, as it does before the kernel's SIGHUP.
    fn hang_up_after(frames: usize, display: &Fake, channel: &Channel, cause: HangUp, dead: bool) {
        let (gone, tx) = (display.hung_up.clone(), channel.tx.clone());
        when_drawn(
            display,
            move |shown| shown.len() >= frames,
            move || {
                *gone.lock().unwrap() = dead;
                let _ = tx.send(Message::HangUp(cause));
            },
        );
    }

    /// For a meeting opened on its own: nothing asks the records.
    fn no_records(request: Request) -> crate::error::Result<Handled> {
        panic!("the live screen asked the records for {request:?}")
    }

    // ------------------------------------------------------------------ the live screen alone

    /// A meeting on a record of its own folder, with its saver.
    struct Rig {
        _dir: tempfile::TempDir,
        path: PathBuf,
        meeting: Option<Meeting>,
        channel: Channel,
    }

    fn rig() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let record = new_record("Loop test", "cd");
        let file = store.create_record(&record).unwrap();
        let path = file.path().to_owned();
        let channel = Channel::new();
        let saver = Saver::spawn(Some(file), path.clone(), channel.tx.clone()).unwrap();
        let app = LiveScreen::new(record, None, SystemClock::default().now());
        Rig {
            _dir: dir,
            meeting: Some(Meeting::new(app, saver, path.clone())),
            path,
            channel,
        }
    }

    impl Rig {
        fn paste(&self, times: usize) {
            for _ in 0..times {
                self.channel.tx.send(paste()).unwrap();
            }
        }

        /// Runs the meeting to its end; its outcome, and how the loop ended.
        fn run(&mut self, display: &mut Fake) -> (Outcome, Ended) {
            let meeting = Screen::Live(Box::new(self.meeting.take().unwrap()));
            let mut ended = run(
                display,
                meeting,
                &theme(),
                &self.channel,
                Zone::LONDON,
                &mut no_records,
            );
            let EndedOn::Meeting(outcome) =
                std::mem::replace(&mut ended.on, EndedOn::Browser(None))
            else {
                panic!("{ended:?}")
            };
            (outcome, ended)
        }

        fn on_disk(&self) -> usize {
            pastes_in(&self.path)
        }
    }

    #[test]
    fn a_burst_is_drawn_once_and_a_hang_up_saves_it() {
        let mut rig = rig();
        let mut display = Fake::default();
        rig.paste(50);
        hang_up_after(2, &display, &rig.channel, HangUp::Signal("SIGTERM"), false);
        let (outcome, ended) = rig.run(&mut display);
        assert_eq!(
            display.frames()[..2],
            [Shown::Live(0), Shown::Live(50)],
            "first screen, then all 50 in one frame"
        );
        assert_eq!(outcome.ending, Ending::Saved);
        assert_eq!(ended.hang_up, Some(HangUp::Signal("SIGTERM")));
        assert_eq!(rig.on_disk(), 50);
        assert!(!display.hung_up(), "SIGTERM leaves the terminal usable");
    }

    #[test]
    fn a_dead_terminal_is_never_drawn_on_again() {
        let mut rig = rig();
        let mut display = Fake::default();
        rig.paste(3);
        hang_up_after(2, &display, &rig.channel, HangUp::Signal("SIGHUP"), true);
        let (outcome, _) = rig.run(&mut display);
        assert_eq!(outcome.ending, Ending::Saved);
        assert_eq!(rig.on_disk(), 3);
        assert_eq!(display.frames().len(), 2, "no frame after the hang-up");
    }

    #[test]
    fn a_panic_in_render_leaves_a_recovery_file_with_the_latest_text() {
        let mut rig = rig();
        let mut display = Fake::panicking_on(2);
        rig.paste(7);
        let (outcome, ended) = rig.run(&mut display);
        assert_eq!(ended.bug.as_deref(), Some("render bug in the test"));
        assert!(display.restored(), "the terminal is put back first");
        let Ending::Recovered { file, reason } = &outcome.ending else {
            panic!("{:?}", outcome.ending);
        };
        assert!(reason.contains("bug"), "{reason}");
        assert_eq!(file.parent(), rig.path.parent());
        assert_eq!(pastes_in(file), 7);
        assert_eq!(rig.on_disk(), 0, "the record's own file is left as it was");
    }

    /// A meeting closed while its last save was slow can report after the next meeting has
    /// opened, on the same channel: that report is not the new meeting's.
    #[test]
    fn a_report_from_another_meetings_saver_is_not_taken_for_this_ones() {
        let mut rig = rig();
        let mut display = Fake::default();
        let store = Store::open(rig.path.parent().unwrap()).unwrap();
        let earlier = new_record("Earlier meeting", "ef");
        let file = store.create_record(&earlier).unwrap();
        let path = file.path().to_owned();
        let mut other = Saver::spawn(Some(file), path, rig.channel.tx.clone()).unwrap();
        let tx = rig.channel.tx.clone();
        when_drawn(
            &display,
            |shown| !shown.is_empty(),
            move || {
                other.save(Box::new(earlier));
                other.close(Instant::now() + Duration::from_secs(5));
                tx.send(Message::HangUp(HangUp::Signal("SIGTERM"))).unwrap();
            },
        );
        let (outcome, _) = rig.run(&mut display);
        assert_eq!(
            outcome.ending,
            Ending::Unchanged,
            "nothing of this one was saved"
        );
    }

    #[test]
    fn an_idle_live_screen_draws_only_when_the_clock_turns_a_minute() {
        let mut rig = rig();
        let mut display = Fake::default();
        let minute = || SystemClock::default().now().format("%H:%M").to_string();
        let before = minute();
        let tx = rig.channel.tx.clone();
        when_drawn(
            &display,
            |shown| !shown.is_empty(),
            move || {
                thread::sleep(TICK * 4);
                tx.send(Message::HangUp(HangUp::Signal("SIGTERM"))).unwrap();
            },
        );
        let (outcome, _) = rig.run(&mut display);
        let turned = usize::from(minute() != before);
        assert_eq!(outcome.ending, Ending::Unchanged);
        assert!(
            display.frames().len() <= 1 + turned,
            "{:?}",
            display.frames()
        );
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

    // ------------------------------------------------------------------ the browser

    /// A records folder with one meeting, and the browser over it.
    struct Folder {
        _dir: tempfile::TempDir,
        records: PathBuf,
        record: PathBuf,
        channel: Channel,
    }

    fn folder() -> Folder {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("records");
        let store = Store::open(&records).unwrap();
        let record = store.create(&new_record("Browser test", "cd")).unwrap();
        Folder {
            _dir: dir,
            records,
            record,
            channel: Channel::new(),
        }
    }

    impl Folder {
        fn service(&self) -> Service<'static> {
            let places = Places {
                records: Some(self.records.clone()),
                config: None,
            };
            Service::new(places, &CLOCK)
        }

        /// Runs the browser over the folder, its requests done by `records`.
        fn run_with(&self, display: &mut Fake, records: &mut Records<'_>) -> Ended {
            let service = self.service();
            let entries = service.list().unwrap().entries;
            let browser = Browser::new(entries, Vec::new(), Vec::new(), service.today());
            let browser = Screen::Browser(Box::new(browser));
            run(
                display,
                browser,
                &theme(),
                &self.channel,
                Zone::LONDON,
                records,
            )
        }

        /// Runs the browser over the folder, its requests done through the service.
        fn run(&self, display: &mut Fake) -> Ended {
            let service = self.service();
            self.run_with(display, &mut |request| {
                crate::tui::browse::perform(&service, request)
            })
        }

        fn send(&self, messages: impl IntoIterator<Item = Message>) {
            for message in messages {
                self.channel.tx.send(message).unwrap();
            }
        }

        fn pastes_on_disk(&self) -> usize {
            pastes_in(&self.record)
        }
    }

    #[test]
    fn ticks_that_change_nothing_draw_nothing_on_the_browser() {
        let folder = folder();
        let mut display = Fake::default();
        let tx = folder.channel.tx.clone();
        when_drawn(
            &display,
            |shown| !shown.is_empty(),
            move || {
                thread::sleep(TICK * 4);
                tx.send(ctrl('q')).unwrap();
            },
        );
        let ended = folder.run(&mut display);
        assert!(matches!(ended.on, EndedOn::Browser(None)), "{ended:?}");
        assert_eq!(display.frames(), [Shown::Browser(1, None)], "drawn once");
    }

    #[test]
    fn a_panic_on_the_browser_restores_the_terminal_and_ends_with_the_bug() {
        let folder = folder();
        let mut display = Fake::panicking_on(2);
        folder.send([paste()]); // typed in the filter: the next frame panics
        let ended = folder.run(&mut display);
        assert_eq!(ended.bug.as_deref(), Some("render bug in the test"));
        assert!(display.restored());
        assert!(matches!(ended.on, EndedOn::Browser(None)), "{ended:?}");
    }

    #[test]
    fn a_panic_while_asking_the_records_is_caught_the_same_way() {
        let folder = folder();
        let mut display = Fake::default();
        folder.send([ctrl('t')]); // the action tracker: asks the records
        let ended = folder.run_with(&mut display, &mut |_| panic!("records bug in the test"));
        assert_eq!(ended.bug.as_deref(), Some("records bug in the test"));
        assert!(display.restored());
    }

    #[test]
    fn a_meeting_opened_from_the_browser_gives_it_back_with_the_listing_read_again() {
        let folder = folder();
        let mut display = Fake::default();
        folder.send([ctrl('e'), paste(), paste(), paste()]);
        // While the meeting is up, another record arrives in the folder; then Ctrl-Q.
        let (records, tx) = (folder.records.clone(), folder.channel.tx.clone());
        when_drawn(
            &display,
            |shown| shown.contains(&Shown::Live(3)),
            move || {
                let store = Store::open(&records).unwrap();
                store
                    .create(&new_record("Arrived meanwhile", "ef"))
                    .unwrap();
                tx.send(ctrl('q')).unwrap();
            },
        );
        let tx = folder.channel.tx.clone();
        when_drawn(
            &display,
            |shown| matches!(shown.last(), Some(Shown::Browser(2, _))),
            move || tx.send(ctrl('q')).unwrap(),
        );
        let ended = folder.run(&mut display);
        let EndedOn::Browser(Some(outcome)) = &ended.on else {
            panic!("{ended:?}")
        };
        assert_eq!(outcome.ending, Ending::Saved);
        assert_eq!(folder.pastes_on_disk(), 3);
        let Some(Shown::Browser(2, Some(notice))) = display.frames().last().cloned() else {
            panic!("{:?}", display.frames())
        };
        assert!(notice.starts_with("Saved to"), "{notice}");
        assert!(ended.hang_up.is_none() && ended.bug.is_none());
    }

    #[test]
    fn what_opening_a_meeting_warned_of_is_in_the_browsers_notices_when_it_ends() {
        let folder = folder();
        // A session that crashed left its details in the record's lock file.
        let name = folder.record.file_name().unwrap().to_str().unwrap();
        let lock = folder.record.with_file_name(format!(".{name}.lock"));
        let crashed = r#"{"name":"Sam Crashed","user":"sam","host":"office","pid":999999999,"since":"2026-11-23T14:03:41+00:00"}"#;
        fs_err::write(&lock, crashed).unwrap();
        let mut display = Fake::default();
        folder.send([ctrl('e'), paste()]);
        let tx = folder.channel.tx.clone();
        when_drawn(
            &display,
            |shown| shown.contains(&Shown::Live(1)),
            move || tx.send(ctrl('q')).unwrap(),
        );
        let tx = folder.channel.tx.clone();
        when_drawn(
            &display,
            |shown| matches!(shown.last(), Some(Shown::Browser(1, Some(_)))),
            move || tx.send(ctrl('q')).unwrap(),
        );
        let ended = folder.run(&mut display);
        let EndedOn::Browser(Some(outcome)) = &ended.on else {
            panic!("{ended:?}")
        };
        assert_eq!(outcome.ending, Ending::Saved);
        let Some(Shown::Browser(1, Some(notice))) = display.frames().last().cloned() else {
            panic!("{:?}", display.frames())
        };
        assert!(
            notice.contains("took over the lock left by Sam Crashed"),
            "{notice}"
        );
    }

    #[test]
    fn a_panic_in_a_meeting_opened_from_the_browser_recovers_its_text_and_ends_everything() {
        let folder = folder();
        let mut display = Fake::panicking_on(2);
        folder.send([ctrl('e'), paste(), paste(), paste()]);
        let ended = folder.run(&mut display);
        assert_eq!(display.frames(), [Shown::Browser(1, None), Shown::Live(3)]);
        assert_eq!(ended.bug.as_deref(), Some("render bug in the test"));
        assert!(display.restored());
        let EndedOn::Meeting(outcome) = &ended.on else {
            panic!("{ended:?}")
        };
        let Ending::Recovered { file, .. } = &outcome.ending else {
            panic!("{:?}", outcome.ending)
        };
        assert_eq!(pastes_in(file), 3);
        assert_eq!(folder.pastes_on_disk(), 0);
    }

    #[test]
    fn a_signal_on_the_browser_ends_it_and_leaves_a_working_terminal_to_restore() {
        let folder = folder();
        let mut display = Fake::default();
        hang_up_after(
            1,
            &display,
            &folder.channel,
            HangUp::Signal("SIGTERM"),
            false,
        );
        let ended = folder.run(&mut display);
        assert_eq!(ended.hang_up, Some(HangUp::Signal("SIGTERM")));
        assert!(!display.hung_up(), "restoring may write to it");
        assert!(matches!(ended.on, EndedOn::Browser(None)));

        let mut display = Fake::default();
        hang_up_after(1, &display, &folder.channel, HangUp::Signal("SIGHUP"), true);
        let ended = folder.run(&mut display);
        assert_eq!(ended.hang_up, Some(HangUp::Signal("SIGHUP")));
        assert!(
            display.hung_up(),
            "a terminal that hung up is not written to"
        );
    }
}
