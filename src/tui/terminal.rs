//! Entering and leaving the full-screen terminal: raw mode, the alternate screen and
//! bracketed paste on the way in; all of it undone on the way out, always.
//!
//! Undoing happens in three places, whichever comes first, and only once: [`FullScreen`]'s
//! `Drop`, [`restore`] called by the shell, and the panic hook (installed once, chaining the
//! hook that was there before, and only acting for a panic on the thread that entered the
//! screen: a panicking helper thread must not pull the screen from under the loop).
//!
//! When the terminal has hung up ([`mark_dead`]), restoring writes nothing: a dead terminal
//! fails every write, and one that is not being read could block it.

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::backend::LeanBackend;

/// The terminal the live screen draws on.
pub type Term = Terminal<LeanBackend>;

/// Whether the screen is entered (raw mode and alternate screen on) and not yet restored.
static ENTERED: AtomicBool = AtomicBool::new(false);
/// Whether the terminal has hung up: restoring must not write to it.
static DEAD: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

thread_local! {
    /// Set on the thread that entered the screen: the panic hook restores only for it.
    static SCREEN_THREAD: Cell<bool> = const { Cell::new(false) };
}

/// The entered screen. Dropping it restores the terminal.
#[derive(Debug)]
pub struct FullScreen {
    terminal: Term,
}

impl FullScreen {
    /// The terminal to draw on.
    pub const fn terminal(&mut self) -> &mut Term {
        &mut self.terminal
    }
}

impl Drop for FullScreen {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters the full-screen mode on standard output: raw mode, the alternate screen (cleared),
/// bracketed paste. Keyboard enhancement is not asked for: terminals over SSH and tmux often
/// lack it, and nothing here needs it.
///
/// # Errors
/// The terminal refused a mode; whatever was already changed is undone.
pub fn enter() -> io::Result<FullScreen> {
    install_panic_hook();
    DEAD.store(false, Ordering::SeqCst);
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    SCREEN_THREAD.with(|flag| flag.set(true));
    let entered = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
        .and_then(|()| Terminal::new(LeanBackend::stdout()))
        .and_then(|mut terminal| {
            terminal.clear()?;
            Ok(terminal)
        });
    match entered {
        Ok(terminal) => Ok(FullScreen { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Says the terminal has hung up: from now on restoring writes nothing to it.
pub fn mark_dead() {
    DEAD.store(true, Ordering::SeqCst);
}

/// Leaves the full-screen mode, if entered: ends any synchronized update, resets colours,
/// shows the cursor, turns bracketed paste off, leaves the alternate screen, then turns raw
/// mode off. Safe to call any number of times, from a panic hook too; never panics.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    // `try_with`: this also runs from the panic hook, possibly as a thread ends.
    let _ = SCREEN_THREAD.try_with(|flag| flag.set(false));
    if !DEAD.load(Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = out.write_all(b"\x1b[?2026l\x1b[0m\x1b[?25h");
        let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen);
        let _ = out.flush();
    }
    let _ = disable_raw_mode();
}

/// Installs, once, a panic hook that restores the terminal before the previous hook prints
/// the panic (so the message lands on the normal screen, readable).
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if SCREEN_THREAD.try_with(Cell::get).unwrap_or(false) {
                restore();
            }
            previous(info);
        }));
    });
}
