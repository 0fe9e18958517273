//! `minutes`: live minute-taking for multi-agency adult safeguarding meetings.
//!
//! Module map (a pure core, a use-case layer, thin front ends). Each module imports only
//! modules listed above it in its group or in a lower group; `tests/architecture.rs`
//! checks this, and that only the store and the config touch files.
//! - Foundations: [`error`] (the error type), [`text`] (record text is hostile: what may
//!   enter a record and what reaches a terminal), [`calendar`] (working days, bank
//!   holidays and the minutes deadline rule).
//! - The core: [`model`] (the record types and their rules; no I/O, no terminal),
//!   [`table`] (plain-text tables aligned by display width), [`config`] (where records,
//!   templates, themes and settings live; reads the user's own files),
//!   [`clock`] (the time source), [`templates`] (the meeting types: built-in agenda
//!   templates drawn from the procedures, and the user's, from their text),
//!   [`search`] (queries, matches and snippets in one record), [`document`] (the minutes as
//!   Markdown, text, HTML or Word from the copy its audience may receive),
//!   [`people`] (who a typed name means: names, titles, initials, roles, agencies, for
//!   every front end), [`quick_action`] (the action line typed in the meeting).
//! - Across records: [`store`] (the only code that touches record files: atomic saves,
//!   locking, listing, searching the folder), [`followup`] (the review meeting of an earlier
//!   record), [`deadlines`] (minutes to circulate, reviews coming up), [`report`]
//!   (statutory returns), [`tracker`] (every action across all records, most urgent first).
//! - [`service`]: the use cases (list, read, open for editing, create, follow-up, actions,
//!   search, export, agree, circulate, reopen, due, returns, restore, check) over the
//!   store, the templates, the holidays, the config and the clock. Returns data and
//!   warnings; prints nothing.
//! - Front ends: [`tui`] (the full-screen interface, the only code that knows ratatui; the
//!   browser's requests go through the service) and [`cli`] (the `minutes` command line:
//!   arguments, the service, printing).

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
pub mod service;
pub mod store;
pub mod table;
pub mod templates;
pub mod text;
pub mod tracker;
pub mod tui;

pub use error::{Error, Result};
