//! Everything that reaches the loop arrives on one channel as a [`Message`]: terminal events
//! from a reader thread, hang-ups from signals or a dead terminal, and save results from the
//! saver thread.
//!
//! # Hang-ups
//! A dropped SSH link or a closed tmux pane must end the program within a second, with the
//! record saved. Three things notice it, whichever is first:
//! - the kernel's SIGHUP to the terminal's session (and SIGTERM, and SIGINT, which only a
//!   signal can send while raw mode turns Ctrl-C into a key), caught by a `signal-hook`
//!   thread;
//! - an error from `crossterm::event::read`, after which the reader stops;
//! - [`terminal_alive`], which the loop asks on every tick: a hung-up terminal fails the
//!   `isatty` check on standard input or output.
//!
//! The last one matters because on a dead terminal crossterm's reader neither returns nor
//! fails: it reads end-of-file in a loop (crossterm issue 793) and burns a core until the
//! process exits. The reader thread is therefore never joined; the process ends it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use crate::model::Timestamp;

/// What the loop receives.
#[derive(Debug)]
pub enum Message {
    /// A terminal event: a key, a paste, a resize...
    Terminal(Event),
    /// The terminal went away or a signal asked the program to stop.
    HangUp(HangUp),
    /// The saver finished a job.
    Saved(SaveReport),
}

/// Why the program must stop now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HangUp {
    /// A signal: SIGHUP (terminal closed), SIGTERM or SIGINT.
    Signal(&'static str),
    /// Reading the terminal failed.
    ReadFailed(String),
    /// Standard input or output is no longer a terminal (it hung up), or writing failed.
    TerminalGone(String),
}

impl HangUp {
    /// In words, for the log line after leaving.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Signal(name) => format!("received {name}"),
            Self::ReadFailed(e) => format!("cannot read the terminal: {e}"),
            Self::TerminalGone(why) => format!("the terminal went away ({why})"),
        }
    }
}

/// The result of one job of the saver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// The saver that did the job ([`Saver::id`](super::saver::Saver::id)): each meeting has
    /// its own, and one closed while slow can still report after the next has opened.
    pub saver: u64,
    /// The job's number; a report covers every earlier job of the same kind it replaced.
    pub seq: u64,
    /// What was written.
    pub kind: SaveKind,
    /// When it was written, or why not (naming the file).
    pub result: Result<Timestamp, String>,
}

/// What a save job wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveKind {
    /// The record's own file.
    Record,
    /// A copy the user asked for, at this path (as typed).
    Copy(PathBuf),
}

/// Starts the thread that reads terminal events and sends them to the loop. It stops after
/// a read error (sending a hang-up) or when the loop is gone.
///
/// # Errors
/// The thread cannot be started.
pub fn spawn_reader(tx: Sender<Message>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("terminal input".into())
        .spawn(move || {
            loop {
                let message = match event::read() {
                    Ok(event) => Message::Terminal(event),
                    Err(e) => {
                        let _ = tx.send(Message::HangUp(HangUp::ReadFailed(e.to_string())));
                        return;
                    }
                };
                if tx.send(message).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Catches SIGHUP, SIGTERM and SIGINT from now on and sends each as a hang-up. Their default
/// action (dying on the spot, the text unsaved) no longer applies while the handle lives.
///
/// # Errors
/// The handlers or the thread cannot be set up.
pub fn spawn_signals(tx: Sender<Message>) -> std::io::Result<SignalGuard> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    let handle = signals.handle();
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let name = match signal {
                    SIGHUP => "SIGHUP",
                    SIGTERM => "SIGTERM",
                    _ => "SIGINT",
                };
                if tx.send(Message::HangUp(HangUp::Signal(name))).is_err() {
                    return;
                }
            }
        })?;
    Ok(SignalGuard { handle })
}

/// Stops the signal thread when dropped.
#[derive(Debug)]
pub struct SignalGuard {
    handle: Handle,
}

impl Drop for SignalGuard {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// Whether standard input and output are still a working terminal. A hung-up terminal
/// fails `isatty` (its ioctls return EIO), so this notices a dropped connection even when
/// no signal arrives and the reader is stuck.
#[must_use]
pub fn terminal_alive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
