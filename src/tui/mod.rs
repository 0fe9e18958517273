//! The terminal user interface: everything that knows about ratatui and crossterm.
//!
//! One loop for both screens ([`shell`]): terminal event -> key map ([`keymap`]) ->
//! [`action::Action`] -> `update` of the screen up ([`shell::Screen`]: the [`browser`] or the
//! live screen, [`app::LiveScreen`]) -> [`action::Effect`]s the shell performs -> render
//! ([`ui::render`], [`browser::render`]) when something visible changed. `update` does no
//! I/O: saving goes to the meeting's saver thread, and what the browser asks of the records
//! ([`request::Request`]) is done through the service, the answer fed back as an action.
//! The live screen changes the record only through the model's record commands.
//!
//! The shell around that pure core: [`session`] (the terminal session from start to finish
//! of `minutes` and `minutes open`), [`browse`] (`minutes` on a terminal: the browser, its
//! requests done through the service), [`terminal`] (enter and always restore the screen),
//! [`event`] (one channel for input, signals and save results), [`saver`] (the thread that
//! owns the record file), [`shell`] (the loop, its one panic catch and recovery path) and
//! [`backend`] (a ratatui backend that sends few bytes over SSH).

pub mod action;
pub mod app;
pub mod backend;
pub mod browse;
pub mod browser;
pub mod event;
pub mod form;
pub mod keymap;
pub mod request;
pub mod saver;
pub mod session;
pub mod shell;
pub mod terminal;
pub mod theme;
pub mod ui;

pub use session::{ScreenOptions, run_meeting};
