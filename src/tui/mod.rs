//! The terminal user interface: everything that knows about ratatui and crossterm.
//!
//! One loop: terminal event -> [`keymap`] -> [`action::Action`] -> [`app::App::update`] ->
//! [`ui::render`]. `update` does no I/O; it returns [`action::Effect`]s the shell performs.

pub mod action;
pub mod app;
pub mod backend;
pub mod keymap;
pub mod theme;
pub mod ui;
