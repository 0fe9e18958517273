//! The terminal session of `minutes` (the browser) and `minutes open` / `minutes new` (the
//! live screen), from start to finish. Checks the terminal, loads the theme, starts the
//! threads (signals, saver, input), runs the shell loop ([`super::shell`]) on the entered
//! screen, and says afterwards, in one line, where the record is.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

use super::app::LiveScreen;
use super::browser::{self, Browser, Request, Response};
use super::event;
use super::saver::Saver;
use super::shell::{self, Ending, Outcome};
use super::terminal;
use super::theme::{load_theme, no_color_requested};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::service::OpenRecord;
use crate::text::TerminalWriter;

/// Choices for the full screen (the browser and the live screen).
#[derive(Debug, Clone, Default)]
pub struct ScreenOptions {
    /// The theme named by `--theme` or `MINUTES_THEME`.
    pub theme: Option<String>,
    /// Warnings already printed on the normal screen, which the full screen would hide:
    /// shown again inside it.
    pub warnings: Vec<String>,
}

/// Why the live screen cannot run here, if it cannot: standard input or output is not a
/// terminal (a pipe, a file, no terminal at all).
#[must_use]
pub fn terminal_problem() -> Option<&'static str> {
    if !io::stdin().is_terminal() {
        Some("standard input")
    } else if !io::stdout().is_terminal() {
        Some("standard output")
    } else {
        None
    }
}

/// Runs the live screen on `meeting` until the user quits or the terminal goes away, then
/// prints one line saying where the text is. Exit code 0 when the record's file holds
/// everything (or nothing needed saving, or the user chose to discard), 1 when the latest
/// text is only in a copy or a recovery file.
///
/// # Errors
/// [`Error::NotATerminal`] before anything is changed; the terminal or a thread cannot be
/// set up.
pub fn run_meeting(meeting: OpenRecord, options: &ScreenOptions) -> Result<ExitCode> {
    let mut session = Session::start(options)?;
    let (outcome, path) = session.run(meeting)?;
    drop(session); // leaves the full screen, so the line below lands on the normal one
    Ok(report(&outcome, &path))
}

/// What the caller did with a browser [`Request`].
#[derive(Debug)]
pub enum Handled {
    /// An answer for the browser.
    Respond(Response),
    /// A record to open on the live screen; the browser comes back when it ends.
    Meeting(Box<OpenRecord>),
}

/// The browser, and the live screen on the meetings opened from it, in one terminal
/// session. `handle` does what the browser asks ([`super::browse`] does it through the
/// service).
///
/// # Errors
/// [`Error::NotATerminal`]; the terminal or a thread cannot be set up.
pub fn run_browser(
    mut browser: Browser,
    options: &ScreenOptions,
    mut handle: impl FnMut(Request) -> Result<Handled>,
) -> Result<ExitCode> {
    let mut session = Session::start(options)?;
    let mut notices = std::mem::take(&mut session.warnings);
    notices.append(&mut browser.notices);
    browser.notices = notices;
    let mut last_ending: Option<(Outcome, PathBuf)> = None;
    loop {
        session
            .screen
            .terminal()
            .draw(|frame| browser::render(&browser, &session.theme, frame))
            .map_err(|e| setup_error("terminal", &e))?;
        match session.rx.recv_timeout(shell::TICK) {
            Ok(event::Message::Terminal(event)) => {
                if let Some(action) = browser.map_event(&event) {
                    browser.update(&action);
                }
            }
            Ok(event::Message::HangUp(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                terminal::mark_dead();
                return Ok(ExitCode::SUCCESS);
            }
            Ok(event::Message::Saved(_)) => {}
            Err(mpsc::RecvTimeoutError::Timeout) if !event::terminal_alive() => {
                terminal::mark_dead();
                return Ok(ExitCode::SUCCESS);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let Some(request) = browser.request.take() else {
            continue;
        };
        if request == Request::Quit {
            drop(session);
            return Ok(
                last_ending.map_or(ExitCode::SUCCESS, |(outcome, path)| report(&outcome, &path))
            );
        }
        match handle(request) {
            Ok(Handled::Respond(response)) => browser.respond(response),
            Ok(Handled::Meeting(meeting)) => {
                let (outcome, path) = session.run(*meeting)?;
                if outcome.hang_up.is_some() {
                    drop(session);
                    return Ok(report(&outcome, &path));
                }
                let (line, _) = describe(&outcome, &path);
                browser.mode = browser::Mode::List;
                if let Ok(Handled::Respond(listing)) = handle(Request::Refresh) {
                    browser.respond(listing);
                }
                browser.respond(Response::Done(line));
                let _ = session.screen.terminal().clear();
                last_ending = Some((outcome, path));
            }
            Err(error) => browser.respond(Response::Failed(error.to_string())),
        }
    }
}

/// The terminal, the signal and input threads, and the theme: everything one run of the
/// screen shares, from the browser to the end of the meeting.
struct Session {
    screen: terminal::FullScreen,
    tx: mpsc::Sender<event::Message>,
    rx: mpsc::Receiver<event::Message>,
    theme: super::theme::Theme,
    /// Warnings printed before the full screen opened, to show on it until first seen.
    warnings: Vec<String>,
    _signals: event::SignalGuard,
}

impl Session {
    /// Checks the terminal, loads the theme (warnings printed before the screen opens),
    /// catches signals, enters the full screen and starts reading input.
    fn start(options: &ScreenOptions) -> Result<Self> {
        if let Some(what) = terminal_problem() {
            return Err(Error::NotATerminal(what.to_owned()));
        }
        let (settings, mut warnings) = crate::config::load_settings();
        let name = crate::config::theme_name(options.theme.clone(), &settings);
        let (theme, theme_warnings) = load_theme(
            name.as_deref(),
            crate::config::user_themes().as_ref(),
            no_color_requested(),
        );
        warnings.extend(theme_warnings);
        for warning in &warnings {
            let _ = writeln!(
                TerminalWriter::new(io::stderr()),
                "minutes: warning: {warning}"
            );
        }
        let mut shown = options.warnings.clone();
        shown.append(&mut warnings);
        let (tx, rx) = mpsc::channel();
        // Signals first: from here on SIGHUP/SIGTERM save instead of killing.
        let signals = event::spawn_signals(tx.clone()).map_err(|e| setup_error("signals", &e))?;
        let screen = terminal::enter().map_err(|e| setup_error("terminal", &e))?;
        event::spawn_reader(tx.clone()).map_err(|e| setup_error("input", &e))?;
        Ok(Self {
            screen,
            tx,
            rx,
            theme,
            warnings: shown,
            _signals: signals,
        })
    }

    /// The live screen on `meeting` until it ends; where the record is.
    fn run(&mut self, meeting: OpenRecord) -> Result<(Outcome, PathBuf)> {
        let OpenRecord {
            record,
            path,
            file,
            read_only,
        } = meeting;
        let read_only = read_only.or_else(|| {
            file.is_none()
                .then(|| "this session cannot write the file; opened read-only".to_owned())
        });
        let saver = Saver::spawn(file, path.clone(), self.tx.clone())
            .map_err(|e| setup_error("saver", &e))?;
        let mut app = LiveScreen::new(record, read_only, SystemClock.now());
        app.show_warnings(&std::mem::take(&mut self.warnings));
        let outcome = shell::run(&mut self.screen, app, &self.theme, saver, &self.rx, &path);
        Ok((outcome, path))
    }
}

fn setup_error(what: &str, error: &io::Error) -> Error {
    Error::Io(io::Error::new(
        error.kind(),
        format!("cannot set up the {what} for the live screen: {error}"),
    ))
}

/// Prints where the text is, in one line (write errors ignored: after a hang-up there is
/// nobody to read it), and returns the exit code.
fn report(outcome: &Outcome, path: &Path) -> ExitCode {
    let (line, ok) = describe(outcome, path);
    let _ = if ok {
        writeln!(TerminalWriter::new(io::stdout()), "{line}")
    } else {
        writeln!(TerminalWriter::new(io::stderr()), "minutes: {line}")
    };
    if matches!(outcome.ending, Ending::NotSaved { .. }) {
        // The last resort: the text on the screen, to be copied from the scrollback.
        if let Ok(json) = crate::text::pretty_json(&outcome.record) {
            let _ = writeln!(TerminalWriter::new(io::stdout()), "{json}");
        }
    }
    let _ = io::stdout().flush();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Where the text is after a session, in one line, and whether the record's file has it all.
fn describe(outcome: &Outcome, path: &Path) -> (String, bool) {
    let path = path.display();
    match &outcome.ending {
        Ending::Saved => (format!("Saved to {path}"), true),
        Ending::Unchanged => (format!("No changes; {path} is as it was"), true),
        Ending::ReadOnly(reason) => (
            format!("Read-only ({reason}); nothing was written to {path}"),
            true,
        ),
        Ending::Discarded(reason) => {
            let why = reason
                .as_deref()
                .map_or_else(String::new, |e| format!(" (saving failed: {e})"));
            (
                format!(
                    "left without saving the last changes, as asked{why}; {path} holds the last save"
                ),
                true,
            )
        }
        Ending::InCopy { copy, reason } => (
            format!(
                "the latest text is in your copy {}; {path} could not be saved: {reason}",
                copy.display()
            ),
            false,
        ),
        Ending::Recovered { file, reason } => (
            format!(
                "{path} does not have the latest text ({reason}); it is in {}. Read it with: \
                 minutes show '{}'; make it the record again with: minutes restore '{}'",
                file.display(),
                file.display(),
                file.display()
            ),
            false,
        ),
        Ending::NotSaved {
            reason,
            recovery_error,
        } => (
            format!(
                "could not save {path} ({reason}) nor write a recovery file ({recovery_error}); \
                 the record follows as JSON: copy it somewhere safe"
            ),
            false,
        ),
    }
}
