//! The `minutes` command line: the arguments (here), and one function per subcommand that
//! asks the [`Service`] and prints what it returns (`records`, `templates`, `lifecycle`,
//! `tracker`, `report`, `export`, `audit`; printing helpers in `print`, flag spellings in `values`).
//! Those files import only `print` (and the crate), never each other or this one.
//! Errors go to stderr naming the file and the problem; exit 0 success, 1 failure, 2 usage.
//!
//! Everything printed on standard output and standard error passes through
//! [`text::for_terminal`](crate::text::for_terminal): tables, minutes, messages and errors
//! quote record text, and record text is hostile. That includes `minutes export` to standard
//! output: the documents are already inert (no controls, bidirectional controls shown), so
//! the filter leaves their bytes as a file would hold them; a Word document is never printed.

#[macro_use]
mod print;
mod audit;
mod export;
mod lifecycle;
mod records;
mod report;
mod team;
mod templates;
mod tracker;
mod values;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use export::ExportArgs;
pub use report::{ReportKind, SacFormat};
pub use tracker::ActionChange;

use crate::clock::SystemClock;
use crate::config::Places;
use crate::document::ExportFormat;
use crate::error::{Error, Result};
use crate::model::{Audience, MeetingMode, NewMeeting};
use crate::service::{Arrangements, FollowUp, Service};
use crate::text::TerminalWriter;
use crate::tracker::{ActionFilter, Which};
use print::Console;

/// Live minute-taking for multi-agency adult safeguarding meetings.
#[derive(Debug, Parser)]
#[command(name = "minutes", version, about, long_about = None)]
pub struct Cli {
    /// Records folder (default: $MINUTES_DIR, else records_dir in config.toml, else the
    /// platform data folder, e.g. ~/.local/share/minutes/records).
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
    New(NewArgs),
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
        #[arg(long, default_value = "txt", value_parser = values::show_format())]
        format: ExportFormat,
        /// Who the minutes are for: `adult` leaves out professionals-only and restricted entries.
        #[arg(long, value_enum, default_value_t = Audience::Professionals)]
        audience: Audience,
    },
    /// Write the minutes for circulation: Markdown, HTML (prints on A4), plain text, Word,
    /// JSON or a short case-note summary, for the professionals or the adult.
    Export(ExportArgs),
    /// Validate record files (or every record in a folder); exit 1 if any has a problem.
    Check {
        /// Record files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the record format.
    Schema,
    /// Print the keys in force on the two screens: context, action name, keys and what it
    /// does (the built-in table as keys.toml in the config folder patches it).
    Keys {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
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
        /// Who agrees them (the chair; default: you, as `name` in config.toml, else your
        /// account's full name, else your login).
        #[arg(value_parser = record_text, long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Record that the agreed minutes were circulated, and to whom.
    Circulate {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// A recipient, "Name, Agency" (repeat for each); default: the record's circulation
        /// list. Minutes already circulated can be sent to more people this way.
        #[arg(value_parser = record_text, long = "to", value_name = "NAME, AGENCY")]
        to: Vec<String>,
        /// Who circulates them (default: you, as `name` in config.toml, else your account's
        /// full name, else your login).
        #[arg(value_parser = record_text, long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Reopen agreed or circulated minutes to correct them (back to draft), saying who and why.
    Reopen {
        /// Record id (any unique prefix) or path to a record file.
        record: String,
        /// Who reopens them (default: you, as `name` in config.toml, else your account's
        /// full name, else your login).
        #[arg(value_parser = record_text, long, value_name = "NAME")]
        by: Option<String>,
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
        /// What to do with it: done, cancel or reopen an action; add one to a record.
        #[arg(value_enum)]
        change: ActionChange,
        /// The action as `minutes actions` shows it (ID/N, e.g. 5e1c0a7d/3), or a record id
        /// prefix or path followed by the action number; with `add`, the record.
        #[arg(value_name = "ID/N | ID")]
        action: String,
        /// The action number, when the record is given on its own; with `add`, the action as
        /// one sentence ("Police to request CCTV by Friday").
        #[arg(value_name = "N | TEXT", value_parser = record_text, num_args = 0..)]
        rest: Vec<String>,
        /// Why (e.g. why it was cancelled); kept with the action's status.
        #[arg(value_parser = record_text, long, value_name = "TEXT")]
        note: Option<String>,
        /// With `add`: show the action as it would be stored, and save nothing.
        #[arg(long)]
        dry_run: bool,
        /// With `add`: print the action as JSON (text, owner, agency, due).
        #[arg(long)]
        json: bool,
    },
    /// Who opened, read, exported, agreed, circulated, reopened, changed or deleted which
    /// record, and when, from the records folder's audit log; exit 1 if a line of it is
    /// damaged or out of time order (each is named on stderr).
    Audit {
        /// Only this record: its id, or any unique prefix of it (a deleted record's too).
        #[arg(value_name = "ID")]
        record: Option<String>,
        /// Only from this date on (YYYY-MM-DD, on the council's clock).
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<chrono::NaiveDate>,
        /// Only this person: their name (or part of it) or login, case and accents aside.
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Print the entries as JSON lines, as the log holds them.
        #[arg(long)]
        json: bool,
    },
    /// List the records whose meeting is older than the retention period; with --delete,
    /// delete them (with their .bak, lock file and cache entry) after confirmation.
    Retention {
        /// The retention period in years (default: retention_years in config.toml).
        #[arg(long, value_name = "YEARS")]
        older_than: Option<u32>,
        /// Delete the records listed (asks once on a terminal; refused elsewhere without
        /// --yes). A record open elsewhere is not deleted.
        #[arg(long)]
        delete: bool,
        /// With --delete: delete without asking.
        #[arg(long, requires = "delete")]
        yes: bool,
    },
    /// Share records with a team on one server: `team init DIR --group GROUP` makes (or
    /// adopts) a folder the group's members all read and write, and nobody else.
    Team {
        /// What to do.
        #[command(subcommand)]
        action: TeamAction,
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

/// `minutes new ...`
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Meeting type (see `minutes templates`), e.g. case-conference; with --follow-up,
    /// the earlier meeting's type unless given.
    #[arg(
        long = "type",
        value_name = "KEY",
        required_unless_present = "follow_up"
    )]
    meeting_type: Option<String>,
    /// Meeting title, not blank (with --follow-up: "Review: " and the earlier title unless
    /// given).
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
    /// Who chairs: a name, kept as written (an attendee's initials give their name).
    #[arg(value_parser = record_text, long, value_name = "NAME")]
    chair: Option<String>,
    /// Who takes the minutes: a name, kept as written (an attendee's initials give their
    /// name).
    #[arg(value_parser = record_text, long = "minute-taker", value_name = "NAME")]
    minute_taker: Option<String>,
    /// Where the meeting is held: the room, or the video or phone details.
    #[arg(value_parser = record_text, long, value_name = "TEXT")]
    venue: Option<String>,
    /// How the meeting is held.
    #[arg(long, value_enum, value_name = "MODE")]
    mode: Option<MeetingMode>,
    /// The invitation list: a CSV file with a header row naming the columns name, role and
    /// agency, and optionally initials, email, attendance and parts. Each row is added as
    /// an attendee (initials made from the name unless given); a wrong row is named by
    /// line and nothing is created.
    #[arg(long, value_name = "FILE", conflicts_with = "follow_up")]
    attendees: Option<PathBuf>,
    /// Print the new file's path and exit instead of opening it.
    #[arg(long)]
    no_open: bool,
    /// Colour theme for the live screen (default, light, high-contrast, mono, or a file
    /// in the config folder's themes/).
    #[arg(long, value_name = "NAME", env = "MINUTES_THEME")]
    theme: Option<String>,
}

/// `minutes team ...`
#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Make DIR a team folder of GROUP (run by an administrator, or by a member who may make
    /// DIR): group GROUP, mode 2770 (setgid), every file in it 0660. An existing folder is
    /// adopted, each change said.
    Init {
        /// The shared records folder, e.g. /srv/minutes/safeguarding.
        dir: PathBuf,
        /// The group of minute takers who share it.
        #[arg(long, value_name = "GROUP")]
        group: String,
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

/// Text given on the command line that goes into a record (a title, a name, a reason): one
/// line, with no control characters, as typed text is on the screens.
fn record_text(text: &str) -> Result<String, std::convert::Infallible> {
    Ok(crate::text::for_record(text).replace(['\n', '\t'], " "))
}

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = TerminalWriter::new(io::stdout().lock());
    let mut console = Console::new(&mut stdout);
    match dispatch(cli, &mut console) {
        Ok(code) => code,
        Err(error) => {
            eprintln_inert!("minutes: {error}");
            match error {
                // Like a usage error: run it differently.
                Error::NotATerminal(_) | Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// Runs one parsed command line through the service; what it warns about is printed
/// before the error, if any.
fn dispatch(cli: Cli, console: &mut Console<'_>) -> Result<ExitCode> {
    let clock = SystemClock::default();
    let service = Service::new(Places::find(cli.dir), &clock);
    let result = match cli.command {
        None => records::start(&service, console),
        Some(command) => run_command(command, &service, console),
    };
    console.warnings(&service);
    match result {
        // A closed pipe (`minutes list | head`) is not a failure worth reporting.
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

/// `minutes new`: a new meeting, or the follow-up of an earlier one, with what was given
/// of its arrangements.
fn new_meeting(
    args: NewArgs,
    service: &Service<'_>,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let then = records::Then {
        open: !args.no_open,
        theme: args.theme,
        zone: service.zone(),
    };
    let arrangements = Arrangements {
        chair: args.chair.unwrap_or_default(),
        // Blank: the user, as the service names them.
        minute_taker: args.minute_taker.unwrap_or_default(),
        venue: args.venue.unwrap_or_default(),
        mode: args.mode,
        invitation: args.attendees,
    };
    match (args.follow_up, args.meeting_type, args.title) {
        (Some(previous), meeting_type, title) => {
            let given = FollowUp {
                meeting_type,
                title,
                subject: args.subject,
                date: args.date,
                arrangements,
            };
            records::new_follow_up(service, &previous, given, then, console)
        }
        (None, Some(meeting_type), Some(title)) => {
            let details = NewMeeting {
                title,
                subject_ref: args.subject,
                date: args.date.unwrap_or_else(|| service.today()),
            };
            records::new(
                service,
                &meeting_type,
                details,
                &arrangements,
                then,
                console,
            )
        }
        // clap requires both without --follow-up; kept for completeness.
        (None, _, _) => Err(Error::Usage(
            "minutes new needs --type and --title (or --follow-up ID)".to_owned(),
        )),
    }
}

/// Runs one subcommand.
fn run_command(
    command: Command,
    service: &Service<'_>,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    match command {
        Command::Templates { action: None } => templates::list(service, console),
        Command::Templates {
            action: Some(TemplatesAction::Show { key, json }),
        } => templates::show(service, &key, json, console),
        Command::New(args) => new_meeting(args, service, console),
        Command::Open { record, theme } => records::open(service, &record, theme, console),
        Command::List { json } => records::list(service, json, console),
        Command::Show {
            record,
            format,
            audience,
        } => records::show(service, &record, format, audience, console),
        Command::Export(args) => export::run(service, &args, console),
        Command::Check { paths } => records::check(service, &paths, console),
        Command::Schema => records::schema(console),
        Command::Keys { json } => records::keys(json, console),
        Command::Restore { file, force } => records::restore(service, &file, force, console),
        Command::Agree { record, by } => {
            let by = by.unwrap_or_else(|| service.user_name());
            lifecycle::agree(service, &record, &by, console)
        }
        Command::Circulate { record, to, by } => {
            lifecycle::circulate(service, &record, &to, by.as_deref(), console)
        }
        Command::Reopen { record, by, reason } => {
            let by = by.unwrap_or_else(|| service.user_name());
            lifecycle::reopen(service, &record, &by, &reason, console)
        }
        Command::Due { json } => lifecycle::due(service, json, console),
        Command::Report { kind } => report::run(service, kind, console),
        Command::Actions {
            open,
            overdue,
            owner,
            agency,
            json,
        } => {
            let which = match (open, overdue) {
                (_, true) => Which::Overdue,
                (true, false) => Which::Open,
                (false, false) => Which::All,
            };
            let filter = ActionFilter {
                which,
                owner,
                agency,
            };
            tracker::list_actions(service, filter, json, console)
        }
        Command::Action {
            change,
            action,
            rest,
            note,
            dry_run,
            json,
        } => {
            let asked = tracker::ActionAsked {
                change,
                action,
                rest,
                note,
                dry_run,
                json,
            };
            tracker::action(service, asked, console)
        }
        Command::Search { query, json } => tracker::search(service, &query, json, console),
        Command::Audit {
            record,
            since,
            user,
            json,
        } => {
            let filter = crate::service::AuditFilter {
                record,
                since,
                user,
            };
            audit::audit(service, &filter, json, console)
        }
        Command::Retention {
            older_than,
            delete,
            yes,
        } => {
            let asked = audit::RetentionAsked {
                older_than,
                delete,
                yes,
            };
            audit::retention(service, &asked, console)
        }
        Command::Team {
            action: TeamAction::Init { dir, group },
        } => team::init(&dir, &group, console),
    }
}
