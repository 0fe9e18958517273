//! The use cases: what the command line and the screens do with records, in one place.
//!
//! A [`Service`] holds the records folder (the store), the template catalogue, the bank
//! holidays, where the user's config is, and a clock; each part is read when a use case
//! first needs it. Use cases: [`list`](Service::list), [`read`](Service::read),
//! [`open_for_editing`](Service::open_for_editing), [`create`](Service::create) (and
//! [`create_arranged`](Service::create_arranged), with a chair, venue and invitation list),
//! [`follow_up`](Service::follow_up), [`actions`](Service::actions) and
//! [`set_action_status`](Service::set_action_status), [`search`](Service::search),
//! [`minutes`](Service::minutes) and [`export`](Service::export), [`agree`](Service::agree),
//! [`circulate`](Service::circulate), [`reopen`](Service::reopen), [`due`](Service::due),
//! [`sac_return`](Service::sac_return), [`restore`](Service::restore),
//! [`check`](Service::check) and the [`catalogue`](Service::catalogue).
//!
//! Each returns data (records, paths, rows to format) and keeps what the user should know
//! on the way as [`Warning`]s ([`Service::take_warnings`]). Nothing here prints or formats
//! for a terminal: the command line (`crate::cli`) and the browser (`crate::tui`) do.

mod across;
mod actions;
mod audit;
mod export;
mod lifecycle;
mod records;
mod retention;
mod state;
mod team;
mod warning;
mod who;

pub use across::{Due, Found, SacCounted, Tracked};
pub use actions::ActionAdded;
pub use audit::{
    AuditAction, AuditEntry, AuditFilter, AuditLog, AuditProblem, EditingSession, ProblemKind,
    parse_log,
};
pub use lifecycle::{Changed, Refused, StatusChanged};
pub use records::{Arrangements, Checked, FollowUp, OpenRecord, Records, record_in_words};
pub use retention::Expired;
pub use state::Service;
pub use team::team_init;
pub use warning::Warning;
pub use who::Who;

pub use crate::store::{ActionWritten, ListEntry, RecordFile, Replace, Restored, TeamSetup};
