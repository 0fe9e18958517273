//! `minutes` on a terminal: the browser over every record, and the live screen on what is
//! opened from it. What the browser asks for ([`Request`]) is done through the
//! [`Service`], and its rows are made here from the service's data.

use std::process::ExitCode;

use super::browser::Browser;
use super::request::{Handled, Hit, Request, Response, TrackedRow};
use super::session::{ScreenOptions, run_browser};
use crate::error::Result;
use crate::search::{Query, SearchOptions};
use crate::service::Replace;
use crate::service::{FollowUp, Found, Service, Tracked, Warning};
use crate::tracker::{ActionFilter, ActionState};

/// Search snippets in the browser are wider than on the command line: it has the width.
const SNIPPET_WIDTH: usize = 110;

/// Runs the browser on the records of `service` until the user leaves. Read what it needs
/// first ([`Service::read_everything_now`]) so that what is wrong is said before the full
/// screen opens.
///
/// # Errors
/// The records folder cannot be read; no terminal; the terminal or a thread cannot be set up.
pub fn browse(service: &Service<'_>, options: &ScreenOptions) -> Result<ExitCode> {
    let records = service.list()?;
    let templates = service
        .catalogue()
        .templates()
        .iter()
        .map(|t| (t.key.clone(), t.title.clone()))
        .collect();
    let mut browser = Browser::new(
        records.entries,
        templates,
        notices(service),
        service.today(),
    );
    browser.letterhead = service.letterhead();
    run_browser(browser, options, |request| perform(service, request))
}

/// The warnings found since last asked, as the browser's notices.
fn notices(service: &Service<'_>) -> Vec<String> {
    service
        .take_warnings()
        .into_iter()
        .map(|warning| match warning {
            Warning::Caution(text) => text,
            other => other.to_string(),
        })
        .collect()
}

/// Does what the browser asks, through the service. Warnings on the way go with the answer
/// ([`Response::Noted`]), with a new listing, or with a record opened for the live screen.
pub(crate) fn perform(service: &Service<'_>, request: Request) -> Result<Handled> {
    let handled = match request {
        Request::Read(path) => {
            let record = service.read_to_show(&path)?;
            Handled::Respond(Response::Record(path, Box::new(record)))
        }
        Request::Edit(path) => meeting(service.open_for_editing(&path)?),
        Request::New { template, details } => meeting(service.create(&template, details)?),
        Request::FollowUp { path, date } => {
            let given = FollowUp {
                date: Some(date),
                ..FollowUp::default()
            };
            meeting(service.follow_up(&path, given)?)
        }
        Request::Refresh => {
            let records = service.list()?;
            return Ok(Handled::Respond(Response::Listing(
                records.entries,
                notices(service),
            )));
        }
        Request::Search(text) => {
            let Some(query) = Query::new(&text) else {
                return Ok(Handled::Respond(Response::Hits(Vec::new())));
            };
            let options = SearchOptions {
                snippet_width: SNIPPET_WIDTH,
                ..SearchOptions::default()
            };
            Handled::Respond(Response::Hits(hits(&service.search(&query, &options)?)))
        }
        Request::Actions => Handled::Respond(Response::Actions(tracked_rows(
            &service.actions(ActionFilter::default())?,
        ))),
        Request::SetAction { path, id, status } => {
            let written = service.set_action_status(&path, id, status, None)?;
            let said = format!(
                "Action {id} ({}) marked {} in {}",
                written.action.text,
                status.label().to_lowercase(),
                path.display()
            );
            let rows = tracked_rows(&service.actions(ActionFilter::default())?);
            Handled::Respond(Response::ActionChanged(rows, said))
        }
        Request::Export {
            path,
            format,
            audience,
            output,
            replace,
        } => {
            let replace = if replace {
                Replace::Allowed
            } else {
                Replace::Never
            };
            let written = service.export(&path, format, audience, output, replace)?;
            Handled::Respond(Response::Done(format!(
                "Minutes written to {}",
                written.display()
            )))
        }
    };
    let warnings = notices(service);
    Ok(match handled {
        Handled::Respond(answer) if !warnings.is_empty() => {
            Handled::Respond(Response::Noted(Box::new(answer), warnings))
        }
        Handled::Meeting(record, _) => Handled::Meeting(record, warnings),
        answer @ Handled::Respond(_) => answer,
    })
}

/// A record to open on the live screen (its warnings are added by [`perform`]).
fn meeting(record: crate::service::OpenRecord) -> Handled {
    Handled::Meeting(Box::new(record), Vec::new())
}

/// The browser's search hits.
fn hits(found: &Found) -> Vec<Hit> {
    found
        .hits()
        .map(|(entry, found)| {
            let s = &entry.summary;
            let snippet = &found.snippet;
            Hit {
                path: entry.path.clone(),
                record: format!("{}  {}", s.date.format("%a %-d %b %Y"), s.title),
                place: found.label(),
                snippet: format!("{}{}{}", snippet.before, snippet.matched, snippet.after),
            }
        })
        .collect()
}

/// Every action, most urgent first, as the browser's tracker shows it.
fn tracked_rows(tracked: &Tracked) -> Vec<TrackedRow> {
    tracked
        .actions()
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
                overdue: matches!(t.state, ActionState::Overdue { .. }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::clock::{Clock, FixedClock};
    use crate::config::Places;
    use crate::model::{ActionStatus, NewMeeting, Record};
    use crate::store::{Store, load_file};
    use crate::templates::Catalogue;

    fn clock() -> FixedClock {
        FixedClock(
            chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+00:00")
                .unwrap_or_else(|_| unreachable!()),
        )
    }

    /// A records folder holding one case conference with a note and an open action.
    fn folder_with_a_meeting() -> (tempfile::TempDir, Places, PathBuf) {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
        let records = tmp.path().join("records");
        let store = Store::open(&records).unwrap_or_else(|e| unreachable!("{e}"));
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
        let places = Places {
            records: Some(records),
            config: None,
        };
        (tmp, places, path)
    }

    fn ask(service: &Service<'_>, request: Request) -> Handled {
        perform(service, request).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn the_browser_reads_searches_and_tracks_through_the_service() {
        let (_tmp, places, path) = folder_with_a_meeting();
        let clock = clock();
        let service = Service::new(places, &clock);
        let Handled::Respond(Response::Record(_, record)) =
            ask(&service, Request::Read(path.clone()))
        else {
            unreachable!()
        };
        assert_eq!(record.meeting.title, "Case conference: Mrs W");
        let Handled::Respond(Response::Hits(hits)) =
            ask(&service, Request::Search("cctv".to_owned()))
        else {
            unreachable!()
        };
        assert_eq!(hits.len(), 1);
        assert!(hits[0].snippet.contains("CCTV footage"), "{hits:?}");
        let Handled::Respond(Response::Actions(rows)) = ask(&service, Request::Actions) else {
            unreachable!()
        };
        assert_eq!(rows.len(), 1);
        assert!(rows[0].overdue, "due 27 Nov, today 30 Nov");
        let request = Request::SetAction {
            path: path.clone(),
            id: 1,
            status: ActionStatus::Done,
        };
        let Handled::Respond(Response::ActionChanged(rows, said)) = ask(&service, request) else {
            unreachable!()
        };
        assert_eq!(rows[0].status, ActionStatus::Done);
        assert!(said.contains("Chase GP records"), "{said}");
        let saved = load_file(&path).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(saved.actions[0].status, ActionStatus::Done);
    }

    #[test]
    fn what_the_service_warns_of_goes_with_the_answer() {
        let (_tmp, places, path) = folder_with_a_meeting();
        let clock = clock();
        let service = Service::new(places, &clock);
        // A session that crashed left its details in the lock file; its process is gone.
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let lock = path.with_file_name(format!(".{name}.lock"));
        let crashed = r#"{"name":"Sam Crashed","user":"sam","host":"office","pid":999999999,"since":"2026-11-23T14:03:41+00:00"}"#;
        fs_err::write(&lock, crashed).unwrap_or_else(|e| unreachable!("{e}"));
        let request = Request::SetAction {
            path,
            id: 1,
            status: ActionStatus::Done,
        };
        let Handled::Respond(Response::Noted(answer, warnings)) = ask(&service, request) else {
            unreachable!("the take-over note goes with the answer")
        };
        assert!(matches!(*answer, Response::ActionChanged(..)));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("took over the lock left by Sam Crashed")),
            "{warnings:?}"
        );
        // Said once: the next answer has none.
        assert!(matches!(
            ask(&service, Request::Actions),
            Handled::Respond(Response::Actions(_))
        ));
    }

    #[test]
    fn the_browser_exports_the_adults_copy_to_a_file() {
        let (tmp, places, path) = folder_with_a_meeting();
        let clock = clock();
        let service = Service::new(places, &clock);
        let output = tmp.path().join("for-mrs-w.md");
        let request = Request::Export {
            path,
            format: crate::document::ExportFormat::Markdown,
            audience: crate::model::Audience::Adult,
            output: Some(output.clone()),
            replace: false,
        };
        let Handled::Respond(Response::Done(said)) = ask(&service, request.clone()) else {
            unreachable!()
        };
        assert!(said.contains("for-mrs-w.md"), "{said}");
        let text = fs_err::read_to_string(&output).unwrap_or_default();
        assert!(text.contains("Case conference: Mrs W"));
        assert!(
            perform(&service, request).is_err(),
            "an existing file is not replaced unless asked"
        );
    }

    #[test]
    fn the_browser_starts_a_follow_up_meeting_linked_to_the_earlier_one() {
        let (_tmp, places, path) = folder_with_a_meeting();
        let clock = clock();
        let service = Service::new(places, &clock);
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        let Handled::Meeting(meeting, _) = ask(&service, Request::FollowUp { path, date }) else {
            unreachable!()
        };
        assert_eq!(meeting.record.meeting.subject_ref, "SA-1");
        assert!(meeting.record.meeting.follow_up_of.is_some());
        assert_eq!(
            meeting.record.meeting.date, date,
            "the date the question named"
        );
        assert_eq!(
            meeting.record.actions.len(),
            1,
            "the open action is carried for review"
        );
        assert!(meeting.file.is_some(), "created locked, ready to edit");
        let Handled::Respond(Response::Listing(entries, _)) = ask(&service, Request::Refresh)
        else {
            unreachable!()
        };
        assert_eq!(entries.len(), 2);
    }
}
