//! `minutes`: live minute-taking for multi-agency adult safeguarding meetings.
//!
//! Module map (a pure core and a thin shell):
//! - [`model`]: the record types and value lists; no I/O, no terminal.
//! - [`quick_action`]: the action line typed in the meeting, split into owner, text and due date.
//! - [`templates`]: built-in agenda templates drawn from the procedures, and user templates.
//! - [`calendar`]: working days and bank holidays for minutes deadlines.
//! - [`document`]: the minutes as Markdown or plain text, from a record.
//! - [`tracker`]: every action across all records, most urgent first, with filters.
//! - [`search`]: full-text search of records (queries, matches, snippets).
//! - [`store`]: the only code that touches record files: atomic saves, locking, listing.
//! - [`config`]: where records and templates live.
//! - [`tui`]: the full-screen terminal interface (the only code that knows ratatui).
//! - [`cli`]: the `minutes` command line.
//! - [`table`]: plain-text tables aligned by display width.
//! - [`clock`], [`error`]: the time source and the error type.

pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod document;
pub mod error;
pub mod model;
pub mod quick_action;
pub mod search;
pub mod store;
pub mod table;
pub mod templates;
pub mod tracker;
pub mod tui;

pub use error::{Error, Result};
