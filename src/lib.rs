//! `minutes`: live minute-taking for multi-agency adult safeguarding meetings.
//!
//! Module map (a pure core and a thin shell):
//! - [`model`]: the record types and value lists; no I/O, no terminal.
//! - [`people`]: who a typed name means (names, titles, initials, roles, agencies), for every
//!   front end.
//! - [`quick_action`]: the action line typed in the meeting, split into owner, text and due date.
//! - [`templates`]: built-in agenda templates drawn from the procedures, and user templates.
//! - [`calendar`]: working days and bank holidays for minutes deadlines.
//! - [`deadlines`]: minutes still to circulate and reviews coming up, from listing summaries.
//! - [`followup`]: the follow-up (review) meeting of an earlier record; reviewing its actions.
//! - [`document`]: the minutes as Markdown, plain text, HTML or Word, from the copy of a record
//!   its audience may receive.
//! - [`report`]: statutory returns (the Safeguarding Adults Collection) counted from records.
//! - [`tracker`]: every action across all records, most urgent first, with filters.
//! - [`search`]: full-text search of records (queries, matches, snippets).
//! - [`store`]: the only code that touches record files: atomic saves, locking, listing.
//! - [`config`]: where records and templates live.
//! - [`tui`]: the full-screen terminal interface (the only code that knows ratatui).
//! - [`cli`]: the `minutes` command line.
//! - [`table`]: plain-text tables aligned by display width.
//! - [`text`]: record text is hostile: what may enter a record and what reaches a terminal.
//! - [`clock`], [`error`]: the time source and the error type.

pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod deadlines;
pub mod document;
pub mod error;
pub mod followup;
pub mod model;
pub mod people;
pub mod quick_action;
pub mod report;
pub mod search;
pub mod store;
pub mod table;
pub mod templates;
pub mod text;
pub mod tracker;
pub mod tui;

pub use error::{Error, Result};
