//! The terminal user interface: everything that knows about ratatui and crossterm.

pub mod theme;
