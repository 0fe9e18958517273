//! What a screen asks of the records ([`Request`], raised as [`Effect::Ask`]) and the
//! answer the shell feeds back ([`Response`], as [`Action::Responded`]). The shell does the
//! asking through the service ([`super::browse`]); the screens stay pure.
//!
//! [`Effect::Ask`]: super::action::Effect::Ask
//! [`Action::Responded`]: super::action::Action::Responded

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::document::ExportFormat;
use crate::model::{ActionStatus, Audience, NewMeeting, Record};
use crate::service::OpenRecord;
use crate::store::ListEntry;

/// Something the browser needs from the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Read a record to show its minutes.
    Read(PathBuf),
    /// Open a record on the live screen.
    Edit(PathBuf),
    /// Create a record and open it on the live screen.
    New {
        /// Template key.
        template: String,
        /// Title, subject and date.
        details: NewMeeting,
    },
    /// Create the follow-up (review) meeting of a record and open it.
    FollowUp {
        /// The earlier meeting's record file.
        path: PathBuf,
        /// The new meeting's date, as the question asked named it.
        date: NaiveDate,
    },
    /// Search the full text of every record.
    Search(String),
    /// Every action across all records.
    Actions,
    /// Write a record's minutes to a file.
    Export {
        /// The record file.
        path: PathBuf,
        /// Which format.
        format: ExportFormat,
        /// Whose copy.
        audience: Audience,
        /// Where (`None`: `<record>[-adult].<ext>` in the current folder).
        output: Option<PathBuf>,
        /// Replace a file already there.
        replace: bool,
    },
    /// Mark an action done, cancelled or open again, in its record.
    SetAction {
        /// The record file.
        path: PathBuf,
        /// The action's number in it.
        id: u32,
        /// The new status.
        status: ActionStatus,
    },
    /// The listing again, after a change.
    Refresh,
}

/// The answer to a [`Request`], or news from the shell.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// The record asked for by [`Request::Read`].
    Record(PathBuf, Box<Record>),
    /// Search hits: (record file, record title and date, where, snippet).
    Hits(Vec<Hit>),
    /// Tracked actions.
    Actions(Vec<TrackedRow>),
    /// An action's status was written to its record: the tracker again, and what was done.
    ActionChanged(Vec<TrackedRow>, String),
    /// The listing again (after a change), with notices.
    Listing(Vec<ListEntry>, Vec<String>),
    /// The meeting opened from the browser has ended: back to the list, saying where its
    /// record is.
    MeetingEnded(String),
    /// Something went wrong: say so.
    Failed(String),
    /// Done; this to say.
    Done(String),
    /// An answer, and what the service warned of on the way (a lock taken over, the audit
    /// log not written): shown as notices, never dropped.
    Noted(Box<Response>, Vec<String>),
}

/// What the shell got for a [`Request`].
#[derive(Debug)]
pub enum Handled {
    /// An answer for the screen that asked.
    Respond(Response),
    /// A record to open on the live screen, and what the service warned of in opening it;
    /// the browser comes back when it ends.
    Meeting(Box<OpenRecord>, Vec<String>),
}

/// One search hit, as the browser shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The record file.
    pub path: PathBuf,
    /// "Mon 23 Nov 2026  Case conference: Mrs W".
    pub record: String,
    /// Where in the record: "item 4 The concerns", "finding 2", "action 3".
    pub place: String,
    /// The text around the match.
    pub snippet: String,
}

/// One action in the tracker, as the browser shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedRow {
    /// The record file.
    pub path: PathBuf,
    /// "23 Nov  Case conference: Mrs W".
    pub record: String,
    /// The action's number in its record.
    pub id: u32,
    /// What is to be done.
    pub text: String,
    /// Owner and agency.
    pub owner: String,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Status.
    pub status: ActionStatus,
    /// Open and past due.
    pub overdue: bool,
}
