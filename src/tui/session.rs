//! The terminal session of `minutes` (the browser) and `minutes open` / `minutes new` (the
//! live screen), from start to finish. Checks the terminal, loads the theme, starts the
//! threads (signals, input; the loop starts each meeting's saver), runs the shell loop
//! ([`super::shell`]) on the entered screen, and says afterwards, in one line, where the
//! record is.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use super::browser::Browser;
use super::event;
use super::request::{Handled, Request, Response};
use super::shell::{self, Channel, Ended, EndedOn, Ending, Meeting, Outcome, Records, Screen};
use super::terminal;
use super::theme::{Theme, load_theme, no_color_requested};
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
    /// The council's time zone: the live screen's clock, and every time it shows.
    pub zone: crate::clock::Zone,
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
/// text is only in a copy or a recovery file, or a bug stopped the screen.
///
/// # Errors
/// [`Error::NotATerminal`] before anything is changed; the terminal or a thread cannot be
/// set up.
pub fn run_meeting(meeting: OpenRecord, options: &ScreenOptions) -> Result<ExitCode> {
    let mut session = Session::start(options)?;
    let keys = std::sync::Arc::clone(&session.keys);
    let mut meeting = Meeting::open(meeting, keys, session.channel.tx.clone(), options.zone)
        .map_err(|e| setup_error("saver", &e))?;
    meeting.app.show_warnings(
        &std::mem::take(&mut session.warnings),
        "printed before the screen opened",
    );
    let ended = session.run(Screen::Live(Box::new(meeting)), &mut no_records);
    drop(session); // leaves the full screen, so the line below lands on the normal one
    Ok(report(&ended))
}

/// The browser, and the live screen on the meetings opened from it, in one terminal
/// session. `records` does what the browser asks ([`super::browse`] does it through the
/// service). Prints, at the end, where the last meeting's record is.
///
/// # Errors
/// [`Error::NotATerminal`]; the terminal or a thread cannot be set up.
pub fn run_browser(
    mut browser: Browser,
    options: &ScreenOptions,
    mut records: impl FnMut(Request) -> Result<Handled>,
) -> Result<ExitCode> {
    let mut session = Session::start(options)?;
    browser = browser.with_keys(std::sync::Arc::clone(&session.keys));
    // The reader lays the minutes out for the screen's width; later sizes come as resizes.
    if let Ok(size) = session.screen.terminal().size() {
        browser = browser.with_width(size.width);
    }
    let mut notices = std::mem::take(&mut session.warnings);
    notices.append(&mut browser.notices);
    browser.notices = notices;
    let ended = session.run(Screen::Browser(Box::new(browser)), &mut records);
    drop(session);
    Ok(report(&ended))
}

/// `minutes open` has no browser, and the live screen asks nothing of the records.
fn no_records(_: Request) -> Result<Handled> {
    Ok(Handled::Respond(Response::Failed(
        "there is no browser on this screen".to_owned(),
    )))
}

/// The terminal, the signal and input threads, and the theme: everything one run of the
/// screen shares, from the browser to the end of the meeting.
struct Session {
    screen: terminal::FullScreen,
    channel: Channel,
    theme: Theme,
    /// The key table: the built-in one patched by `keys.toml`.
    keys: std::sync::Arc<super::keymap::Keymap>,
    /// The council's time zone.
    zone: crate::clock::Zone,
    /// Warnings printed before the full screen opened, to show on it until first seen.
    warnings: Vec<String>,
    _signals: event::SignalGuard,
}

impl Session {
    /// Checks the terminal, loads the theme and the keys (warnings printed before the screen
    /// opens),
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
        let (keys, key_warnings) = super::keymap::load();
        warnings.extend(key_warnings);
        for warning in &warnings {
            let _ = writeln!(
                TerminalWriter::new(io::stderr()),
                "minutes: warning: {warning}"
            );
        }
        let mut shown = options.warnings.clone();
        shown.append(&mut warnings);
        let channel = Channel::new();
        // Signals first: from here on SIGHUP/SIGTERM save instead of killing.
        let signals =
            event::spawn_signals(channel.tx.clone()).map_err(|e| setup_error("signals", &e))?;
        let screen = terminal::enter().map_err(|e| setup_error("terminal", &e))?;
        event::spawn_reader(channel.tx.clone()).map_err(|e| setup_error("input", &e))?;
        Ok(Self {
            screen,
            channel,
            theme,
            keys: std::sync::Arc::new(keys),
            zone: options.zone,
            warnings: shown,
            _signals: signals,
        })
    }

    /// The loop on `first` until it is over.
    fn run(&mut self, first: Screen, records: &mut Records<'_>) -> Ended {
        let (theme, channel) = (&self.theme, &self.channel);
        shell::run(&mut self.screen, first, theme, channel, self.zone, records)
    }
}

fn setup_error(what: &str, error: &io::Error) -> Error {
    Error::Io(io::Error::new(
        error.kind(),
        format!("cannot set up the {what} for the live screen: {error}"),
    ))
}

/// Prints how the session ended, in one line (write errors ignored: after a hang-up there
/// is nobody to read it), and returns the exit code: the meeting on screen at the end says
/// where its text is; the browser says nothing after a hang-up, that a bug stopped it, or
/// where the last meeting opened from it went.
fn report(ended: &Ended) -> ExitCode {
    match (&ended.on, &ended.bug, &ended.hang_up) {
        (EndedOn::Meeting(outcome), ..) => report_meeting(outcome),
        (EndedOn::Browser(_), Some(bug), _) => {
            let _ = writeln!(
                TerminalWriter::new(io::stderr()),
                "minutes: stopped on a bug ({bug})"
            );
            ExitCode::FAILURE
        }
        (EndedOn::Browser(_), None, Some(_)) | (EndedOn::Browser(None), None, None) => {
            ExitCode::SUCCESS
        }
        (EndedOn::Browser(Some(outcome)), None, None) => report_meeting(outcome),
    }
}

/// Prints where a meeting's text is, in one line, and returns the exit code.
fn report_meeting(outcome: &Outcome) -> ExitCode {
    if let Some(warning) = &outcome.audit_warning {
        let _ = writeln!(
            TerminalWriter::new(io::stderr()),
            "minutes: warning: {warning}"
        );
    }
    let (line, ok) = outcome.describe();
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
