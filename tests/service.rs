//! The use cases through the service, on temporary folders with a fixed clock: each returns
//! its data and the warnings expected, and reads nothing it does not need. (That the
//! service prints nothing is checked on its source, in `tests/architecture.rs`.)

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use minutes::Error;
use minutes::clock::FixedClock;
use minutes::config::Places;
use minutes::document::ExportFormat;
use minutes::model::{ActionStatus, Audience, MinutesStatus, NewMeeting, TransitionError};
use minutes::search::{Query, SearchOptions};
use minutes::service::{FollowUp, Replace, Service, Warning};
use minutes::tracker::{ActionFilter, Which};

/// Tuesday 1 December 2026, 09:00: action 2 of the typical record (due 30 November) is
/// overdue, its minutes (due 7 December) are not.
fn clock() -> FixedClock {
    FixedClock(common::ts("2026-12-01T09:00:00+00:00"))
}

/// A temp folder with `records/` and `config/` (both may stay missing), and the places.
fn places() -> (tempfile::TempDir, Places) {
    let tmp = tempfile::tempdir().unwrap();
    let places = Places {
        records: Some(tmp.path().join("records")),
        config: Some(tmp.path().join("config")),
    };
    (tmp, places)
}

/// The records folder of `places`, made, holding the typical record; its path.
fn with_typical(places: &Places) -> PathBuf {
    let records = places.records.clone().unwrap();
    std::fs::create_dir_all(&records).unwrap();
    std::fs::set_permissions(&records, std::fs::Permissions::from_mode(0o700)).unwrap();
    common::write_unchecked(&records, &common::typical_record())
}

fn details(title: &str) -> NewMeeting {
    NewMeeting {
        title: title.to_owned(),
        subject_ref: "SA-9".to_owned(),
        date: common::date("2026-12-21"),
    }
}

#[test]
fn nothing_is_read_or_made_before_a_use_case_needs_it() {
    let (_tmp, places) = places();
    let records = places.records.clone().unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    assert!(service.catalogue().get("case-conference").is_ok());
    let checked = service.check(&[]).unwrap();
    assert!(checked.is_empty());
    assert!(
        !records.exists(),
        "neither the catalogue nor check makes a records folder"
    );
    assert!(service.take_warnings().is_empty());
    assert!(service.list().unwrap().entries.is_empty());
    assert!(records.is_dir(), "listing makes it");
}

#[test]
fn list_returns_the_records_and_says_which_files_it_left_out() {
    let (_tmp, places) = places();
    let typical = with_typical(&places);
    let broken = typical.with_file_name("2026-11-30-strategy-0badf00d.json");
    std::fs::write(&broken, "{ not json").unwrap();
    std::fs::set_permissions(&broken, std::fs::Permissions::from_mode(0o600)).unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    let records = service.list().unwrap();
    assert_eq!(records.entries.len(), 1);
    assert_eq!(records.entries[0].path, typical);
    assert_eq!(records.unreadable, 1);
    let warnings = service.take_warnings();
    assert!(
        matches!(&warnings[..], [Warning::RecordSkipped(text)] if text.contains("0badf00d")),
        "{warnings:?}"
    );
    assert!(
        service.take_warnings().is_empty(),
        "each warning is given once"
    );
}

#[test]
fn a_folder_open_to_others_is_a_caution_when_it_is_first_used() {
    let (_tmp, places) = places();
    let records = places.records.clone().unwrap();
    std::fs::create_dir_all(&records).unwrap();
    std::fs::set_permissions(&records, std::fs::Permissions::from_mode(0o755)).unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    service.list().unwrap();
    let warnings = service.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::Caution(text) if text.contains("other users"))),
        "{warnings:?}"
    );
    service.list().unwrap();
    assert!(
        service.take_warnings().is_empty(),
        "the folder is opened once"
    );
}

#[test]
fn create_counts_the_users_holidays_and_gives_the_record_locked() {
    let (tmp, places) = places();
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    // The meeting is on Monday 21 December; ten working days skip Christmas, Boxing Day
    // (and its substitute), New Year's Day and the user's own 24 December.
    std::fs::write(config.join("bank-holidays.txt"), "2026-12-24\nnot a date\n").unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    let created = service
        .create("case-conference", details("Case conference"))
        .unwrap();
    assert!(created.file.is_some() && created.read_only.is_none());
    assert_eq!(
        created.record.review.minutes_due,
        Some(common::date("2027-01-08"))
    );
    assert_eq!(
        created.record.created_at,
        common::ts("2026-12-01T09:00:00+00:00")
    );
    let warnings = service.take_warnings();
    assert!(
        matches!(&warnings[..], [Warning::Caution(text)] if text.contains("bank-holidays.txt") && text.contains("line 2")),
        "{warnings:?}"
    );
    // While this session holds it, another opens it read-only.
    let other = service.open_for_editing(&created.path).unwrap();
    assert!(other.file.is_none());
    assert!(other.read_only.unwrap().contains("in use by"));
    let unknown = service.create("no-such-meeting", details("x"));
    assert!(matches!(unknown, Err(Error::UnknownTemplate { .. })));
}

#[test]
fn a_broken_user_template_is_left_out_and_said_once() {
    let (tmp, places) = places();
    let templates = tmp.path().join("config/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("broken.json"), "{").unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    assert!(service.catalogue().get("case-conference").is_ok());
    service.catalogue();
    let warnings = service.take_warnings();
    assert!(
        matches!(&warnings[..], [Warning::TemplateSkipped(text)] if text.contains("broken.json")),
        "{warnings:?}"
    );
}

#[test]
fn a_follow_up_carries_the_open_actions_and_says_so() {
    let (_tmp, places) = places();
    let typical = with_typical(&places);
    let clock = clock();
    let service = Service::new(places, &clock);
    let before = FollowUp {
        date: Some(common::date("2026-11-01")),
        ..FollowUp::default()
    };
    let error = service.follow_up(&typical, before).unwrap_err();
    assert!(matches!(error, Error::Usage(_)), "{error}");
    let created = service.follow_up(&typical, FollowUp::default()).unwrap();
    let record = &created.record;
    assert_eq!(record.meeting.date, common::date("2026-12-01"), "today");
    assert_eq!(record.meeting.subject_ref, "SA-2026-0142");
    assert!(record.meeting.title.starts_with("Review: "));
    assert_eq!(record.actions.len(), 4);
    assert!(created.file.is_some());
    let warnings = service.take_warnings();
    assert!(
        warnings.iter().any(
            |w| matches!(w, Warning::Done(text) if text.contains("4 open actions carried for review"))
        ),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| matches!(w, Warning::Note(_))),
        "the typical minutes are circulated: {warnings:?}"
    );
}

#[test]
fn agreed_minutes_open_read_only_and_reopening_gives_them_back() {
    let (_tmp, places) = places();
    let clock = clock();
    let service = Service::new(places, &clock);
    let held = NewMeeting {
        date: common::date("2026-11-30"),
        ..details("Strategy")
    };
    let created = service.create("strategy", held).unwrap();
    let path = created.path.clone();
    drop(created);

    let refused = service.agree(&path, "  ").unwrap().unwrap_err();
    assert_eq!(refused.reason, TransitionError::NoName("agrees"));
    assert_eq!(refused.path, path);
    let agreed = service.agree(&path, " Sam Chair ").unwrap().unwrap();
    assert_eq!(agreed.by, "Sam Chair");
    assert_eq!(agreed.was, MinutesStatus::Draft);
    assert_eq!(agreed.record.meeting.status, MinutesStatus::Agreed);

    let opened = service.open_for_editing(&path).unwrap();
    assert!(opened.file.is_none(), "no lock is held on agreed minutes");
    let reason = opened.read_only.unwrap();
    assert!(reason.contains("minutes reopen"), "{reason}");
    let warnings = service.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::Note(text) if text.contains("minutes reopen"))),
        "{warnings:?}"
    );

    let reopened = service
        .reopen(&path, "Sam Chair", "wrong date")
        .unwrap()
        .unwrap();
    assert_eq!(reopened.was, MinutesStatus::Agreed);
    assert!(service.open_for_editing(&path).unwrap().file.is_some());
}

#[test]
fn circulating_sends_to_the_circulation_list_by_the_user() {
    let (_tmp, places) = places();
    let typical = with_typical(&places);
    let clock = clock();
    let service = Service::new(places, &clock);
    // Already circulated, nobody new named: refused, the file unchanged.
    let before = std::fs::read(&typical).unwrap();
    let refused = service.circulate(&typical, None, &[]).unwrap().unwrap_err();
    assert!(matches!(
        refused.reason,
        TransitionError::AlreadyCirculated(_)
    ));
    assert_eq!(std::fs::read(&typical).unwrap(), before);
    let reopened = service.reopen(&typical, "Chair", "typo").unwrap().unwrap();
    assert_eq!(reopened.was, MinutesStatus::Circulated);
    service.agree(&typical, "Chair").unwrap().unwrap();
    let sent = service.circulate(&typical, None, &[]).unwrap().unwrap();
    assert_eq!(sent.sent.len(), 9, "the circulation list");
    assert_eq!(
        sent.by,
        service.user_name(),
        "the user, not the minute taker"
    );
    assert!(!sent.by.is_empty());
}

#[test]
fn actions_due_and_search_across_the_records() {
    let (_tmp, places) = places();
    let typical = with_typical(&places);
    let clock = clock();
    let service = Service::new(places, &clock);

    let overdue = service
        .actions(ActionFilter {
            which: Which::Overdue,
            ..ActionFilter::default()
        })
        .unwrap();
    let refs: Vec<String> = overdue.actions().iter().map(|t| t.reference()).collect();
    assert_eq!(refs, ["5e1c0a7d/2"]);

    let written = service
        .set_action_status(&typical, 2, ActionStatus::Done, Some("sent"))
        .unwrap();
    assert_eq!(written.action.status, ActionStatus::Done);
    let open = service
        .actions(ActionFilter {
            which: Which::Open,
            ..ActionFilter::default()
        })
        .unwrap();
    assert_eq!(open.actions().len(), 3);

    let due = service.due().unwrap();
    assert_eq!(due.today, common::date("2026-12-01"));
    assert!(due.minutes.is_empty(), "the typical minutes are circulated");

    let query = Query::new("oakfield").unwrap();
    let found = service.search(&query, &SearchOptions::default()).unwrap();
    assert!(!found.is_empty());
    assert!(found.hits().all(|(entry, _)| entry.path == typical));
    assert_eq!(found.unsearchable, 0);
    assert!(service.take_warnings().is_empty());
}

#[test]
fn minutes_for_the_adult_and_exports_never_into_the_records_folder() {
    let (tmp, places) = places();
    let typical = with_typical(&places);
    let records = places.records.clone().unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    let adult = service
        .minutes(&typical, ExportFormat::Markdown, Audience::Adult)
        .unwrap();
    let adult = String::from_utf8(adult).unwrap();
    assert!(adult.contains("Some information has been withheld from this copy."));
    assert!(!adult.contains("Refer Worker A to the DBS"));

    let target = tmp.path().join("for-the-adult.md");
    let written = service
        .export(
            &typical,
            ExportFormat::Markdown,
            Audience::Adult,
            Some(target.clone()),
            Replace::Never,
        )
        .unwrap();
    assert_eq!(written, target);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), adult);
    let inside = service.export(
        &typical,
        ExportFormat::Text,
        Audience::Professionals,
        Some(records.join("minutes.txt")),
        Replace::Never,
    );
    assert!(inside.is_err(), "never into the records folder");
    assert!(!records.join("minutes.txt").exists());
}

#[test]
fn the_sac_return_counts_what_it_can_read() {
    let (_tmp, places) = places();
    let typical = with_typical(&places);
    std::fs::write(
        typical.with_file_name("2026-11-01-strategy-0badf00d.json"),
        "{",
    )
    .unwrap();
    let clock = clock();
    let service = Service::new(places, &clock);
    let counted = service
        .sac_return(common::date("2026-04-01"), common::date("2027-03-31"))
        .unwrap();
    assert_eq!(counted.counts.enquiries.len(), 1);
    assert_eq!(counted.unreadable, 1);
    let warnings = service.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::RecordSkipped(text) if text.contains("0badf00d"))),
        "{warnings:?}"
    );
}

#[test]
fn check_reads_a_folder_by_the_stores_rule_for_record_names() {
    let (tmp, places) = places();
    let typical = with_typical(&places);
    let records = places.records.clone().unwrap();
    std::fs::write(records.join(".hidden.json"), "{").unwrap();
    std::fs::write(records.join("notes.txt"), "x").unwrap();
    std::fs::write(records.join("2026-11-02-strategy-00000000.json"), "{").unwrap();
    let clock = clock();
    let service = Service::new(
        Places {
            records: Some(tmp.path().join("elsewhere")),
            config: None,
        },
        &clock,
    );
    let checked = service.check(std::slice::from_ref(&records)).unwrap();
    let paths: Vec<&Path> = checked.iter().map(|c| c.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            records.join("2026-11-02-strategy-00000000.json").as_path(),
            typical.as_path()
        ]
    );
    assert!(!checked[0].problems.is_empty());
    assert!(checked[1].problems.is_empty(), "{:?}", checked[1].problems);
    assert!(!tmp.path().join("elsewhere").exists());
}

#[test]
fn an_editing_session_logs_the_actions_it_added_or_changed_once_they_are_saved() {
    let (_tmp, places) = places();
    let records = places.records.clone().unwrap();
    let path = with_typical(&places);
    let clock = clock();
    let service = Service::new(places, &clock);
    let now = common::ts("2026-12-01T09:00:00+00:00");
    service
        .reopen(&path, "Sam Chair", "to correct")
        .unwrap()
        .unwrap();
    let log_of = || -> Vec<serde_json::Value> {
        std::fs::read_to_string(records.join(".audit.jsonl"))
            .unwrap()
            .lines()
            .skip(1) // the reopen
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };

    let mut opened = service.open_for_editing(&path).unwrap();
    let open: Vec<u32> = opened
        .record
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .map(|a| a.id)
        .collect();
    let (first, second) = (open[0], open[1]);
    opened
        .record
        .set_action_status(first, ActionStatus::Done, None, now)
        .unwrap();
    let input = minutes::model::ActionInput::open("Ring the GP", "Sam", "Health", None);
    let added = opened.record.add_action(input, 0, now).unwrap();
    let added = opened.record.actions[added].id;
    // Changed and changed back: not a change.
    for status in [ActionStatus::Cancelled, ActionStatus::Open] {
        opened
            .record
            .set_action_status(second, status, None, now)
            .unwrap();
    }
    assert!(opened.file.is_some(), "{:?}", opened.read_only);
    opened.file.as_mut().unwrap().save(&opened.record).unwrap();
    let session = opened.audit.take().unwrap();
    assert_eq!(session.close(Some(&opened.record)), None);

    let lines = log_of();
    let log = format!("{lines:?}");
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["open", "action", "action", "close"], "{log}");
    assert!(
        lines.iter().all(|l| l["session"] == lines[0]["session"]),
        "{log}"
    );
    assert_eq!(lines[1]["details"]["action"], first);
    assert_eq!(lines[1]["details"]["from"], "open");
    assert_eq!(lines[1]["details"]["status"], "done");
    assert_eq!(lines[2]["details"]["action"], added);
    assert_eq!(lines[2]["details"]["added"], true);
    assert!(!log.contains("Ring the GP"), "{log}");

    // A session whose changes did not reach the file logs none of them.
    let mut again = service.open_for_editing(&path).unwrap();
    again
        .record
        .set_action_status(first, ActionStatus::Open, None, now)
        .unwrap();
    drop(again.file.take());
    assert_eq!(again.audit.take().unwrap().close(None), None);
    let lines = log_of();
    let tail: Vec<&str> = lines[4..]
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(tail, ["open", "close"], "{lines:?}");
}
