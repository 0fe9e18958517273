//! The `minutes` command line: argument parsing and one function per subcommand.
//! Errors go to stderr naming the file and the problem; exit 0 success, 1 failure, 2 usage.
//!
//! Everything printed on standard output and standard error passes through
//! [`text::for_terminal`](crate::text::for_terminal): tables, minutes, messages and errors
//! quote record text, and record text is hostile. That includes `minutes export` to standard
//! output: the documents are already inert (no controls, bidirectional controls shown), so
//! the filter leaves their bytes as a file would hold them; a Word document is never printed.

/// `eprintln!` for the command line: the line is made inert for the terminal first, since
/// warnings and errors quote record text.
macro_rules! eprintln_inert {
    ($($arg:tt)*) => {
        $crate::cli::print_error(format_args!($($arg)*))
    };
}

mod commands;
mod export;
mod lifecycle;
mod report;
mod tracker;

pub use tracker::ActionChange;

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::document;
use crate::text::TerminalWriter;

pub use report::{ReportKind, SacFormat};

/// Live minute-taking for multi-agency adult safeguarding meetings.
#[derive(Debug, Parser)]
#[command(name = "minutes", version, about, long_about = None)]
pub struct Cli {
    /// Records folder (default: $MINUTES_DIR, else the platform data folder,
    /// e.g. ~/.local/share/minutes/records).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// What to do; with none, shows the recent records and how to start.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List meeting types (agenda templates), or print one agenda.
    Templates {
        /// `show KEY` prints that template's agenda.
        #[command(subcommand)]
        action: Option<TemplatesAction>,
    },
    /// Create a record for a new meeting, or (--follow-up ID) the review meeting of an
    /// earlier one.
    New {
        /// Meeting type (see `minutes templates`), e.g. case-conference; with --follow-up,
        /// the earlier meeting's type unless given.
        #[arg(
            long = "type",
            value_name = "KEY",
            required_unless_present = "follow_up"
        )]
        meeting_type: Option<String>,
        /// Meeting title (with --follow-up: "Review: " and the earlier title unless given).
        #[arg(value_parser = record_text, long, required_unless_present = "follow_up")]
        title: Option<String>,
        /// Case reference for the adult (not their full name); with --follow-up, the earlier
        /// meeting's unless given.
        #[arg(value_parser = record_text, long, value_name = "REF", default_value = "")]
        subject: String,
        /// The earlier record (id or path) this meeting follows up: copies the attendees,
        /// the plan and the open actions for review, and links back to it.
        #[arg(long, value_name = "ID")]
        follow_up: Option<String>,
        /// Meeting date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// Print the new file's path and exit instead of opening it.
        #[arg(long)]
        no_open: bool,
        /// Colour theme for the live screen (default, light, high-contrast, mono, or a file
        /// in the config folder's themes/).
        #[arg(long, value_name = "NAME", env = "MINUTES_THEME")]
        theme: Option<String>,
    },
    /// Open a record on the live-meeting screen (read-only if another session has it).
    Open {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// Colour theme for the live screen (default, light, high-contrast, mono, or a file
        /// in the config folder's themes/).
        #[arg(long, value_name = "NAME", env = "MINUTES_THEME")]
        theme: Option<String>,
    },
    /// List records, newest first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a record's minutes.
    Show {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Txt)]
        format: ShowFormat,
        /// Who the minutes are for: `adult` leaves out professionals-only and restricted entries.
        #[arg(long, value_enum, default_value_t = AudienceArg::Professionals)]
        audience: AudienceArg,
    },
    /// Write the minutes for circulation: Markdown, HTML (prints on A4), plain text, Word or
    /// JSON, for the professionals or the adult.
    Export(export::ExportArgs),
    /// Validate record files (or every record in a folder); exit 1 if any has a problem.
    Check {
        /// Record files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the record format.
    Schema,
    /// Make a recovery file (written when minutes could not save) the record again; the
    /// record's current version is kept as its .bak.
    Restore {
        /// The recovery file, as `minutes list` names it.
        #[arg(value_name = "RECOVERY_FILE")]
        file: PathBuf,
        /// Restore it even though the record changed after the recovery file was written.
        #[arg(long)]
        force: bool,
    },
    /// The chair agrees the draft minutes; they then open read-only until reopened.
    Agree {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// Who agrees them (the chair).
        #[arg(value_parser = record_text, long, value_name = "NAME")]
        by: String,
    },
    /// Record that the agreed minutes were circulated, and to whom.
    Circulate {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// A recipient, "Name, Agency" (repeat for each); default: the record's circulation
        /// list. Minutes already circulated can be sent to more people this way.
        #[arg(value_parser = record_text, long = "to", value_name = "NAME, AGENCY")]
        to: Vec<String>,
        /// Who circulates them (default: the minute taker, else your login name).
        #[arg(value_parser = record_text, long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Reopen agreed or circulated minutes to correct them (back to draft), saying who and why.
    Reopen {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// Who reopens them.
        #[arg(value_parser = record_text, long, value_name = "NAME")]
        by: String,
        /// Why they are reopened.
        #[arg(value_parser = record_text, long, value_name = "TEXT")]
        reason: String,
    },
    /// Minutes due or overdue and not circulated, and reviews in the next 14 days.
    Due {
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Statutory returns counted from the records.
    Report {
        /// Which return.
        #[command(subcommand)]
        kind: ReportKind,
    },
    /// Actions across all records: overdue first (most overdue first), then open ones by
    /// due date, then done and cancelled ones.
    Actions {
        /// Only open actions (overdue ones included).
        #[arg(long, conflicts_with = "overdue")]
        open: bool,
        /// Only overdue actions.
        #[arg(long)]
        overdue: bool,
        /// Only actions whose owner contains NAME (ignoring case).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Only actions whose agency contains NAME (ignoring case).
        #[arg(long, value_name = "NAME")]
        agency: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Mark an action done or cancelled, or open it again, in its record.
    Action {
        /// What to do with it.
        #[arg(value_enum)]
        change: ActionChange,
        /// The action as `minutes actions` shows it (ID/N, e.g. 5e1c0a7d/3), or a record id
        /// prefix or path followed by the action number.
        #[arg(value_name = "ID/N | ID")]
        action: String,
        /// The action number, when the record is given on its own.
        #[arg(value_name = "N")]
        number: Option<u32>,
        /// Why (e.g. why it was cancelled); kept with the action's status.
        #[arg(value_parser = record_text, long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Find text in every record: notes, findings, decisions, actions and attendees.
    Search {
        /// What to find, ignoring case (several words are one phrase).
        #[arg(required = true, value_name = "TEXT")]
        query: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// `minutes templates ...`
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Print a template's agenda.
    Show {
        /// Template key, e.g. case-conference.
        key: String,
        /// Print the template as JSON (a starting point for a user template).
        #[arg(long)]
        json: bool,
    },
}

/// `--format` of `minutes show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
    /// The record as JSON.
    Json,
}

/// `--format` of `minutes export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML page that prints on A4.
    Html,
    /// Plain text.
    Txt,
    /// A Word document (without -o: <record>[-adult].docx in the current folder).
    Docx,
    /// The record as JSON (for the adult: without what the minutes leave out).
    Json,
}

impl From<ExportFormat> for document::ExportFormat {
    fn from(value: ExportFormat) -> Self {
        match value {
            ExportFormat::Md => Self::Markdown,
            ExportFormat::Html => Self::Html,
            ExportFormat::Txt => Self::Text,
            ExportFormat::Docx => Self::Docx,
            ExportFormat::Json => Self::Json,
        }
    }
}

/// `--audience` of `minutes show` and `minutes export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// Everything, restricted entries marked.
    Professionals,
    /// The adult's version: only entries visible to all.
    Adult,
}

impl From<AudienceArg> for document::Audience {
    fn from(value: AudienceArg) -> Self {
        match value {
            AudienceArg::Professionals => Self::Professionals,
            AudienceArg::Adult => Self::Adult,
        }
    }
}

/// Text given on the command line that goes into a record (a title, a name, a reason): one
/// line, with no control characters, as typed text is on the screens.
fn record_text(text: &str) -> Result<String, std::convert::Infallible> {
    Ok(crate::text::for_record(text).replace(['\n', '\t'], " "))
}

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = commands::dispatch(cli, &mut TerminalWriter::new(io::stdout().lock()));
    match result {
        Ok(code) => code,
        Err(error) => {
            print_error(format_args!("minutes: {error}"));
            match error {
                // Like a usage error: run it differently.
                crate::Error::NotATerminal(_) | crate::Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// Prints `line` and a newline on standard error, made inert for the terminal (write errors
/// ignored: there is nowhere else to say them).
pub(crate) fn print_error(line: fmt::Arguments<'_>) {
    let _ = writeln!(TerminalWriter::new(io::stderr().lock()), "{line}");
}
