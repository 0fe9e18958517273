//! One function per subcommand. Output goes to `out`; warnings and errors to stderr.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Cli, Command, ShowFormat, TemplatesAction, lifecycle, report};
use crate::calendar::Holidays;
use crate::clock::{Clock, SystemClock};
use crate::config;
use crate::document::{self, Format};
use crate::error::{Error, Result};
use crate::model::{NewMeeting, Record, RecordSummary, Timestamp, refresh_minutes_due};
use crate::search::SearchOptions;
use crate::store::{RecordFile, Store, load_file};
use crate::table::TextTable;
use crate::templates::{Catalogue, DeadlineRule, Template};
use crate::tracker;
use crate::tui::browser::{Browser, Hit as BrowserHit, Request, Response, TrackedRow};
use crate::tui::meeting::{self, Handled, Meeting, MeetingOptions, run_browser, run_meeting};

/// Runs one parsed command line.
///
/// # Errors
/// Whatever the command fails on; the caller prints it and exits 1.
pub fn dispatch(cli: Cli, out: &mut dyn Write) -> Result<ExitCode> {
    let clock = SystemClock;
    let result = match cli.command {
        None if meeting::terminal_problem().is_none() => browse(cli.dir, &clock),
        None => overview(cli.dir, &clock, out),
        Some(Command::Templates { action: None }) => list_templates(out),
        Some(Command::Templates {
            action: Some(TemplatesAction::Show { key, json }),
        }) => show_template(&key, json, out),
        Some(Command::New {
            meeting_type,
            title,
            subject,
            follow_up: Some(previous),
            date,
            no_open,
            theme,
        }) => {
            let follow_up = lifecycle::FollowUp {
                previous,
                meeting_type,
                title,
                subject,
                date,
            };
            let open = (!no_open).then(|| MeetingOptions {
                theme,
                warnings: Vec::new(),
            });
            lifecycle::new_follow_up(cli.dir, follow_up, open, &clock, out)
        }
        Some(Command::New {
            meeting_type: Some(meeting_type),
            title: Some(title),
            subject,
            follow_up: None,
            date,
            no_open,
            theme,
        }) => {
            let details = NewMeeting {
                title,
                subject_ref: subject,
                date: date.unwrap_or_else(|| clock.today()),
            };
            let open = (!no_open).then(|| MeetingOptions {
                theme,
                warnings: Vec::new(),
            });
            new_record(cli.dir, &meeting_type, details, open, &clock, out)
        }
        // clap requires both without --follow-up; kept for completeness.
        Some(Command::New { .. }) => Err(Error::Usage(
            "minutes new needs --type and --title (or --follow-up ID)".to_owned(),
        )),
        Some(Command::Open { record, theme }) => {
            let options = MeetingOptions {
                theme,
                warnings: Vec::new(),
            };
            open_record(cli.dir, &record, &options, out)
        }
        Some(Command::List { json }) => list_records(cli.dir, json, &clock, out),
        Some(Command::Show {
            record,
            format,
            audience,
        }) => show_record(cli.dir, &record, format, audience.into(), out),
        Some(Command::Export(args)) => super::export::run(cli.dir, &args, out),
        Some(Command::Check { paths }) => check(&paths, out),
        Some(Command::Schema) => schema(out),
        Some(Command::Restore { file, force }) => restore(cli.dir, &file, force, out),
        Some(Command::Agree { record, by }) => lifecycle::agree(cli.dir, &record, &by, &clock, out),
        Some(Command::Circulate { record, to, by }) => {
            lifecycle::circulate(cli.dir, &record, &to, by, &clock, out)
        }
        Some(Command::Reopen { record, by, reason }) => {
            lifecycle::reopen(cli.dir, &record, &by, &reason, &clock, out)
        }
        Some(Command::Due { json }) => lifecycle::due(cli.dir, json, &clock, out),
        Some(Command::Report { kind }) => report::run(cli.dir, kind, out),
        Some(Command::Actions {
            open,
            overdue,
            owner,
            agency,
            json,
        }) => {
            let which = match (open, overdue) {
                (_, true) => tracker::Which::Overdue,
                (true, false) => tracker::Which::Open,
                (false, false) => tracker::Which::All,
            };
            super::tracker::list_actions(cli.dir, which, owner, agency, json, &clock, out)
        }
        Some(Command::Action {
            change,
            action,
            number,
            note,
        }) => super::tracker::change_action(
            cli.dir,
            change,
            &action,
            number,
            note.as_deref(),
            &clock,
            out,
        ),
        Some(Command::Search { query, json }) => super::tracker::search(cli.dir, &query, json, out),
    };
    match result {
        // A closed pipe (`minutes list | head`) is not a failure worth reporting.
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

pub(super) fn open_store(dir: Option<PathBuf>) -> Result<Store> {
    let dir = config::records_dir(dir).ok_or_else(|| Error::Folder {
        path: PathBuf::from("~"),
        message: "no home or data folder is known; pass --dir or set MINUTES_DIR".to_owned(),
    })?;
    let store = Store::open(dir)?;
    for warning in store.warnings() {
        warn(warning);
    }
    Ok(store)
}

/// Every warning printed so far in this run.
static WARNINGS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// `options` carrying the warnings printed so far, for the full screen to show again.
fn with_warnings(options: MeetingOptions) -> MeetingOptions {
    let said = WARNINGS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    MeetingOptions {
        warnings: said.clone(),
        ..options
    }
}

/// Prints a warning on stderr, once per run however many steps come across it.
pub(super) fn warn(warning: &str) {
    let mut said = WARNINGS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !said.iter().any(|w| w == warning) {
        eprintln_inert!("minutes: warning: {warning}");
        said.push(warning.to_owned());
    }
}

pub(super) fn load_catalogue() -> Catalogue {
    let catalogue = Catalogue::load(config::user_templates());
    for problem in catalogue.problems() {
        eprintln_inert!("minutes: skipped template {problem}");
    }
    catalogue
}

fn overview(dir: Option<PathBuf>, clock: &dyn Clock, out: &mut dyn Write) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let listing = listed(&store)?;
    writeln!(out, "Records in {}", store.dir().display())?;
    if listing.entries.is_empty() {
        writeln!(out, "  none yet")?;
    } else {
        let recent: Vec<&RecordSummary> = listing
            .entries
            .iter()
            .take(10)
            .map(|e| &e.summary)
            .collect();
        write!(out, "{}", summary_table(&recent, clock.today()).render())?;
        if listing.entries.len() > recent.len() {
            writeln!(
                out,
                "... and {} more: minutes list",
                listing.entries.len() - recent.len()
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Start a meeting:  minutes new --type case-conference --title \"...\" --subject REF"
    )?;
    writeln!(out, "Meeting types:    minutes templates")?;
    writeln!(out, "Take minutes:     minutes open ID")?;
    writeln!(out, "Read minutes:     minutes show ID")?;
    writeln!(out, "All commands:     minutes --help")?;
    Ok(exit_code(listing.problems.is_empty()))
}

fn list_templates(out: &mut dyn Write) -> Result<ExitCode> {
    let catalogue = load_catalogue();
    let mut table = TextTable::with_header(&["TYPE", "ITEMS", "MINUTES DUE", "TITLE", "SOURCES"]);
    for template in catalogue.templates() {
        table.push(vec![
            template.key.clone(),
            template.items.len().to_string(),
            deadline_words(template.deadline),
            template.title.clone(),
            source_files(template),
        ]);
    }
    write!(out, "{}", table.render())?;
    Ok(exit_code(catalogue.problems().is_empty()))
}

/// The seed files a template cites, short: `004, 000, 001, domain.md`.
fn source_files(template: &Template) -> String {
    let mut files: Vec<&str> = Vec::new();
    for source in &template.sources {
        let word = source.split_whitespace().next().unwrap_or_default();
        let file = word.split_once('_').map_or(word, |(number, _)| number);
        if !files.contains(&file) {
            files.push(file);
        }
    }
    files.join(", ")
}

fn show_template(key: &str, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let catalogue = load_catalogue();
    let template = catalogue.get(key)?;
    if json {
        writeln!(out, "{}", to_pretty_json(template)?)?;
    } else {
        write!(out, "{}", agenda_text(template))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn agenda_text(template: &Template) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    let _ = writeln!(text, "{} ({})", template.title, template.key);
    if !template.description.is_empty() {
        let _ = writeln!(text, "{}", template.description);
    }
    let _ = writeln!(
        text,
        "Minutes due: {} after the meeting",
        deadline_words(template.deadline)
    );
    if !template.sources.is_empty() {
        let _ = writeln!(text, "Sources: {}", template.sources.join("; "));
    }
    for (number, item) in template.items.iter().enumerate() {
        let _ = writeln!(text);
        let _ = writeln!(text, "{:>2}. {}  [{}]", number + 1, item.title, item.key);
        let _ = writeln!(text, "    {}", item.prompt);
        let _ = writeln!(text, "    {} | {}", item.kind.label(), item.source);
    }
    text
}

fn deadline_words(rule: DeadlineRule) -> String {
    match rule {
        DeadlineRule::WorkingDays(days) => format!("{days} working days"),
        DeadlineRule::CalendarDays(days) => format!("{days} days"),
    }
}

/// Creates a record and, with `open`, opens it on the live screen (when there is a
/// terminal; without one the record is still created, and a note says so).
fn new_record(
    dir: Option<PathBuf>,
    meeting_type: &str,
    details: NewMeeting,
    open: Option<MeetingOptions>,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let catalogue = load_catalogue();
    let template = catalogue.get(meeting_type)?;
    let store = open_store(dir)?;
    let holidays = lifecycle::load_holidays();
    create_and_open(
        &store,
        |id, now| from_template(template, &details, &holidays, id, now),
        open,
        clock,
        out,
    )
}

/// Creates the record `build` makes (given an id and the time), prints its path and, with
/// `open`, opens it on the live screen (when there is a terminal; without one the record is
/// still created, and a note says so).
pub(super) fn create_and_open(
    store: &Store,
    build: impl Fn(String, Timestamp) -> Record,
    open: Option<MeetingOptions>,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let (record, file) = create_with(store, clock, build)?;
    let path = file.path().to_owned();
    writeln!(out, "{}", path.display())?;
    out.flush()?;
    let Some(options) = open else {
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(what) = meeting::terminal_problem() {
        eprintln_inert!(
            "minutes: created {}; not opened on the live screen because {what} is not a \
             terminal (open it later with: minutes open {})",
            record.short_id(),
            record.short_id()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let meeting = Meeting {
        record,
        path,
        file: Some(file),
        read_only: None,
    };
    run_meeting(meeting, &with_warnings(options))
}

/// A new record from `template`, its minutes deadline counting the user's holidays too.
fn from_template(
    template: &Template,
    details: &NewMeeting,
    holidays: &Holidays,
    id: String,
    now: Timestamp,
) -> Record {
    let mut record = Record::new(template, details.clone(), id, now);
    refresh_minutes_due(&mut record, template.deadline, holidays);
    record
}

/// Creates a record from `template`, locked, so no other session can take it before the
/// screen opens.
fn create_record(
    store: &Store,
    template: &Template,
    details: &NewMeeting,
    holidays: &Holidays,
    clock: &dyn Clock,
) -> Result<(Record, RecordFile)> {
    create_with(store, clock, |id, now| {
        from_template(template, details, holidays, id, now)
    })
}

/// Creates the record `build` makes, locked. File names carry the first 8 hex digits of the
/// id: on the rare clash, another id is drawn.
pub(super) fn create_with(
    store: &Store,
    clock: &dyn Clock,
    build: impl Fn(String, Timestamp) -> Record,
) -> Result<(Record, RecordFile)> {
    let mut attempts = 0;
    loop {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let record = build(id, clock.now());
        match store.create_record(&record) {
            Err(Error::Exists { .. }) if attempts < 3 => attempts += 1,
            result => return Ok((record, result?)),
        }
    }
}

/// `minutes` on a terminal: the browser, and the live screen on what is opened from it.
fn browse(dir: Option<PathBuf>, clock: &dyn Clock) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let catalogue = load_catalogue();
    let (entries, notices) = listing(&store)?;
    let templates = catalogue
        .templates()
        .iter()
        .map(|t| (t.key.clone(), t.title.clone()))
        .collect();
    // Warnings about the holidays file are printed before the screen opens.
    let holidays = lifecycle::load_holidays();
    let browser = Browser::new(entries, templates, notices, clock.today());
    run_browser(
        browser,
        &with_warnings(MeetingOptions::default()),
        |request| browser_request(&store, &catalogue, &holidays, clock, request),
    )
}

/// Every record and what to say about the folder.
fn listing(store: &Store) -> Result<(Vec<crate::store::ListEntry>, Vec<String>)> {
    let listing = store.list()?;
    let mut notices: Vec<String> = listing
        .problems
        .iter()
        .map(|p| format!("skipped {p}"))
        .collect();
    notices.extend(listing.warnings.iter().cloned());
    Ok((listing.entries, notices))
}

/// Does what the browser asks of the store.
fn browser_request(
    store: &Store,
    catalogue: &Catalogue,
    holidays: &Holidays,
    clock: &dyn Clock,
    request: Request,
) -> Result<Handled> {
    Ok(match request {
        Request::Read(path) => {
            let record = load_file(&path)?;
            Handled::Respond(Response::Record(path, Box::new(record)))
        }
        Request::Edit(path) => Handled::Meeting(Box::new(opened(store, path)?)),
        Request::New { template, details } => {
            let template = catalogue.get(&template)?;
            let (record, file) = create_record(store, template, &details, holidays, clock)?;
            Handled::Meeting(Box::new(Meeting {
                record,
                path: file.path().to_owned(),
                file: Some(file),
                read_only: None,
            }))
        }
        Request::Refresh => {
            let (entries, notices) = listing(store)?;
            Handled::Respond(Response::Listing(entries, notices))
        }
        Request::FollowUp(previous) => {
            let previous = load_file(&previous)?;
            let key = previous.meeting.meeting_type.clone();
            let template = catalogue.get(&key)?;
            let details = NewMeeting {
                title: crate::followup::default_title(&previous),
                subject_ref: String::new(),
                date: clock.today().max(previous.meeting.date),
            };
            let (record, file) = create_with(store, clock, |id, now| {
                let mut record =
                    crate::followup::follow_up(&previous, template, details.clone(), id, now);
                crate::model::refresh_minutes_due(&mut record, template.deadline, holidays);
                record
            })?;
            Handled::Meeting(Box::new(Meeting {
                record,
                path: file.path().to_owned(),
                file: Some(file),
                read_only: None,
            }))
        }
        Request::Search(text) => {
            let Some(query) = crate::search::Query::new(&text) else {
                return Ok(Handled::Respond(Response::Hits(Vec::new())));
            };
            let listing = store.list()?;
            let options = SearchOptions {
                snippet_width: 110,
                ..SearchOptions::default()
            };
            let results = crate::store::search(&listing.entries, &query, &options);
            let hits = results
                .hits
                .iter()
                .map(|hit| {
                    let s = &hit.entry.summary;
                    let snippet = &hit.found.snippet;
                    BrowserHit {
                        path: hit.entry.path.clone(),
                        record: format!("{}  {}", s.date.format("%a %-d %b %Y"), s.title),
                        place: hit.found.label(),
                        snippet: format!("{}{}{}", snippet.before, snippet.matched, snippet.after),
                    }
                })
                .collect();
            Handled::Respond(Response::Hits(hits))
        }
        Request::Actions => {
            let listing = store.list()?;
            Handled::Respond(Response::Actions(tracked_rows(
                &listing.entries,
                clock.today(),
            )))
        }
        Request::SetAction { path, id, status } => {
            let written = store.set_action_status(&path, id, status, None, clock.now())?;
            let listing = store.list()?;
            let said = format!(
                "Action {id} ({}) marked {} in {}",
                written.action.text,
                status.label().to_lowercase(),
                path.display()
            );
            Handled::Respond(Response::ActionChanged(
                tracked_rows(&listing.entries, clock.today()),
                said,
            ))
        }
        Request::Export {
            path,
            format,
            audience,
            output,
            replace,
        } => {
            let record = load_file(&path)?;
            let replace = if replace {
                crate::store::Replace::Allowed
            } else {
                crate::store::Replace::Never
            };
            let written = super::export::export_to_file(
                store, &path, &record, format, audience, output, replace,
            )?;
            Handled::Respond(Response::Done(format!(
                "Minutes written to {}",
                written.display()
            )))
        }
        Request::Quit => Handled::Respond(Response::Done(String::new())),
    })
}

/// Every action across `entries`, most urgent first, as the browser's tracker shows it.
fn tracked_rows(entries: &[crate::store::ListEntry], today: chrono::NaiveDate) -> Vec<TrackedRow> {
    tracker::tracked_actions(entries, today, &tracker::ActionFilter::default())
        .into_iter()
        .map(|t| {
            let owner = match (t.action.owner.is_empty(), t.action.agency.is_empty()) {
                (false, false) => format!("{} ({})", t.action.owner, t.action.agency),
                (false, true) => t.action.owner.clone(),
                (true, _) => t.action.agency.clone(),
            };
            TrackedRow {
                path: t.path().to_owned(),
                record: format!(
                    "{}  {}",
                    t.record().date.format("%-d %b %Y"),
                    t.record().title
                ),
                id: t.action.id,
                text: t.action.text.clone(),
                owner,
                due: t.action.due,
                status: t.action.status,
                overdue: matches!(t.state, tracker::ActionState::Overdue { .. }),
            }
        })
        .collect()
}

/// Opens the record at `path` for the live screen: read-only, saying why, when another
/// session holds it.
fn opened(store: &Store, path: PathBuf) -> Result<Meeting> {
    let (loaded, file) = lifecycle::open_for_editing(store, &path)?;
    Ok(Meeting {
        record: loaded.record,
        path,
        file,
        read_only: loaded.read_only,
    })
}

/// Opens a record on the live screen; read-only, saying why, when another session has it.
fn open_record(
    dir: Option<PathBuf>,
    query: &str,
    options: &MeetingOptions,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let path = store.resolve(query)?;
    if let Some(what) = meeting::terminal_problem() {
        return Err(Error::NotATerminal(what.to_owned()));
    }
    let (loaded, file) = lifecycle::open_for_editing(&store, &path)?;
    for warning in &loaded.warnings {
        warn(warning);
    }
    for problem in &loaded.problems {
        eprintln_inert!("minutes: note: {}: {problem}", path.display());
    }
    if let Some(reason) = &loaded.read_only {
        eprintln_inert!("minutes: note: {}: {reason}", path.display());
    }
    out.flush()?;
    let meeting = Meeting {
        record: loaded.record,
        path,
        file,
        read_only: loaded.read_only,
    };
    run_meeting(meeting, &with_warnings(options.clone()))
}

fn list_records(
    dir: Option<PathBuf>,
    json: bool,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let listing = listed(&store)?;
    let today = clock.today();
    if json {
        let rows: Vec<serde_json::Value> = listing
            .entries
            .iter()
            .map(|entry| {
                let mut row = serde_json::to_value(&entry.summary).unwrap_or_default();
                if let Some(map) = row.as_object_mut() {
                    map.insert("path".into(), entry.path.display().to_string().into());
                    map.insert(
                        "overdue_actions".into(),
                        entry.summary.overdue_actions(today).into(),
                    );
                    map.insert(
                        "minutes_overdue".into(),
                        entry.summary.minutes_overdue(today).into(),
                    );
                }
                row
            })
            .collect();
        writeln!(out, "{}", to_pretty_json(&rows)?)?;
    } else {
        let summaries: Vec<&RecordSummary> = listing.entries.iter().map(|e| &e.summary).collect();
        write!(out, "{}", summary_table(&summaries, today).render())?;
    }
    Ok(exit_code(listing.problems.is_empty()))
}

fn summary_table(summaries: &[&RecordSummary], today: chrono::NaiveDate) -> TextTable {
    let mut table = TextTable::with_header(&[
        "DATE",
        "TYPE",
        "STATUS",
        "MINUTES DUE",
        "REVIEW",
        "OPEN",
        "OVERDUE",
        "ID",
        "SUBJECT",
        "TITLE",
    ]);
    for summary in summaries {
        let due = summary.minutes_due.map_or_else(String::new, |due| {
            let flag = if summary.minutes_overdue(today) {
                " OVERDUE"
            } else {
                ""
            };
            format!("{due}{flag}")
        });
        table.push(vec![
            summary.date.to_string(),
            summary.meeting_type.clone(),
            summary.status.label().to_owned(),
            due,
            summary
                .review_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            summary.open_actions.to_string(),
            summary.overdue_actions(today).to_string(),
            summary.short_id().to_owned(),
            summary.subject_ref.clone(),
            summary.title.clone(),
        ]);
    }
    table
}

fn show_record(
    dir: Option<PathBuf>,
    query: &str,
    format: ShowFormat,
    audience: document::Audience,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let path = store.resolve(query)?;
    let loaded = store.load(&path)?;
    for warning in &loaded.warnings {
        warn(warning);
    }
    if let Some(reason) = &loaded.read_only {
        eprintln_inert!("minutes: note: {}: {reason}", path.display());
    }
    match format {
        ShowFormat::Json => writeln!(out, "{}", to_pretty_json(&loaded.record)?)?,
        ShowFormat::Md => write!(
            out,
            "{}",
            document::render(&loaded.record, Format::Markdown, audience)
        )?,
        ShowFormat::Txt => write!(
            out,
            "{}",
            document::render(&loaded.record, Format::Text, audience)
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

fn check(paths: &[PathBuf], out: &mut dyn Write) -> Result<ExitCode> {
    let mut files = Vec::new();
    for path in paths {
        for warning in crate::store::warnings_about(path).unwrap_or_default() {
            warn(&warning);
        }
        // A folder named like a record file was meant as a file: checking it says what it is.
        let named_as_record = path.extension().is_some_and(|ext| ext == "json");
        if path.is_dir() && !named_as_record {
            files.extend(record_files_in(path)?);
        } else {
            files.push(path.clone());
        }
    }
    let mut failed = 0_usize;
    for file in &files {
        let problems = match load_file(file) {
            Err(error) => vec![error.to_string()],
            Ok(record) => record
                .problems()
                .into_iter()
                .map(|problem| format!("{}: {problem}", file.display()))
                .collect(),
        };
        if problems.is_empty() {
            writeln!(out, "{}: ok", file.display())?;
        } else {
            failed += 1;
            for problem in problems {
                eprintln_inert!("{problem}");
            }
        }
    }
    writeln!(
        out,
        "{} checked, {} ok, {failed} with problems",
        files.len(),
        files.len() - failed
    )?;
    Ok(exit_code(failed == 0))
}

fn record_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        let path = entry?.path();
        let visible = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| !name.starts_with('.'));
        if visible && path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn restore(
    dir: Option<PathBuf>,
    recovery: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(dir)?;
    let restored = store.restore(recovery, force)?;
    let how = if restored.replaced {
        "the version it replaced is its .bak"
    } else {
        "the record was missing and is made anew"
    };
    writeln!(
        out,
        "Restored {} from {} ({how}); the recovery file is removed",
        restored.record.display(),
        recovery.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn schema(out: &mut dyn Write) -> Result<ExitCode> {
    writeln!(out, "{}", to_pretty_json(&crate::model::record_schema())?)?;
    Ok(ExitCode::SUCCESS)
}

/// The folder's listing, each unreadable record reported on stderr.
pub(super) fn listed(store: &Store) -> Result<crate::store::Listing> {
    let listing = store.list()?;
    report_problems(&listing.problems);
    for warning in &listing.warnings {
        warn(warning);
    }
    Ok(listing)
}

pub(super) fn report_problems(problems: &[Error]) {
    for problem in problems {
        eprintln_inert!("minutes: skipped {problem}");
    }
}

pub(super) fn to_pretty_json(value: &impl serde::Serialize) -> Result<String> {
    crate::text::pretty_json(value).map_err(|e| Error::Io(io::Error::other(e)))
}

pub(super) fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::model::ActionStatus;

    fn clock() -> FixedClock {
        FixedClock(
            chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+00:00")
                .unwrap_or_else(|_| unreachable!()),
        )
    }

    /// A store holding one case conference with a note and an open action.
    fn store_with_a_meeting() -> (tempfile::TempDir, Store, Catalogue, PathBuf) {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
        let store = Store::open(tmp.path().join("records")).unwrap_or_else(|e| unreachable!("{e}"));
        let catalogue = Catalogue::load(None);
        let template = catalogue
            .get("case-conference")
            .unwrap_or_else(|e| unreachable!("{e}"));
        let details = NewMeeting {
            title: "Case conference: Mrs W".to_owned(),
            subject_ref: "SA-1".to_owned(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        };
        let mut record = Record::new(template, details, "ab".repeat(16), clock().now());
        record.agenda[0].notes.push(crate::model::Note::new(
            clock().now(),
            "Police requested the CCTV footage",
        ));
        record.actions.push(crate::model::ActionItem {
            id: 1,
            text: "Chase GP records".to_owned(),
            owner: "Jane Smith".to_owned(),
            agency: "Police".to_owned(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
            status: ActionStatus::Open,
            status_at: None,
            status_note: String::new(),
            agenda_key: String::new(),
            created_at: clock().now(),
            visibility: crate::model::Visibility::All,
            carried_from: None,
            extra: crate::model::Extra::default(),
        });
        let path = store
            .create(&record)
            .unwrap_or_else(|e| unreachable!("{e}"));
        (tmp, store, catalogue, path)
    }

    fn ask(store: &Store, catalogue: &Catalogue, request: Request) -> Handled {
        browser_request(store, catalogue, &Holidays::builtin(), &clock(), request)
            .unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn the_browser_reads_searches_and_tracks_through_the_store() {
        let (_tmp, store, catalogue, path) = store_with_a_meeting();
        let Handled::Respond(Response::Record(_, record)) =
            ask(&store, &catalogue, Request::Read(path.clone()))
        else {
            unreachable!()
        };
        assert_eq!(record.meeting.title, "Case conference: Mrs W");
        let Handled::Respond(Response::Hits(hits)) =
            ask(&store, &catalogue, Request::Search("cctv".to_owned()))
        else {
            unreachable!()
        };
        assert_eq!(hits.len(), 1);
        assert!(hits[0].snippet.contains("CCTV footage"), "{hits:?}");
        let Handled::Respond(Response::Actions(rows)) = ask(&store, &catalogue, Request::Actions)
        else {
            unreachable!()
        };
        assert_eq!(rows.len(), 1);
        assert!(rows[0].overdue, "due 27 Nov, today 30 Nov");
        let request = Request::SetAction {
            path: path.clone(),
            id: 1,
            status: ActionStatus::Done,
        };
        let Handled::Respond(Response::ActionChanged(rows, said)) =
            ask(&store, &catalogue, request)
        else {
            unreachable!()
        };
        assert_eq!(rows[0].status, ActionStatus::Done);
        assert!(said.contains("Chase GP records"), "{said}");
        let saved = load_file(&path).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(saved.actions[0].status, ActionStatus::Done);
    }

    #[test]
    fn the_browser_exports_the_adults_copy_to_a_file() {
        let (tmp, store, catalogue, path) = store_with_a_meeting();
        let output = tmp.path().join("for-mrs-w.md");
        let request = Request::Export {
            path,
            format: crate::document::ExportFormat::Markdown,
            audience: crate::model::Audience::Adult,
            output: Some(output.clone()),
            replace: false,
        };
        let Handled::Respond(Response::Done(said)) = ask(&store, &catalogue, request.clone())
        else {
            unreachable!()
        };
        assert!(said.contains("for-mrs-w.md"), "{said}");
        let text = fs_err::read_to_string(&output).unwrap_or_default();
        assert!(text.contains("Case conference: Mrs W"));
        assert!(
            browser_request(&store, &catalogue, &Holidays::builtin(), &clock(), request).is_err(),
            "an existing file is not replaced unless asked"
        );
    }

    #[test]
    fn the_browser_starts_a_follow_up_meeting_linked_to_the_earlier_one() {
        let (_tmp, store, catalogue, path) = store_with_a_meeting();
        let Handled::Meeting(meeting) = ask(&store, &catalogue, Request::FollowUp(path)) else {
            unreachable!()
        };
        assert_eq!(meeting.record.meeting.subject_ref, "SA-1");
        assert!(meeting.record.meeting.follow_up_of.is_some());
        assert_eq!(
            meeting.record.actions.len(),
            1,
            "the open action is carried for review"
        );
        assert!(meeting.file.is_some(), "created locked, ready to edit");
        let Handled::Respond(Response::Listing(entries, _)) =
            ask(&store, &catalogue, Request::Refresh)
        else {
            unreachable!()
        };
        assert_eq!(entries.len(), 2);
    }
}
