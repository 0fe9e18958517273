//! `minutes new` with what a meeting is given besides its type and title: the chair, the
//! minute taker, the venue, the mode and the invitation list. Through the service with a
//! fixed clock, and through the binary on temporary folders.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::minutes_command as minutes;
use minutes::Error;
use minutes::clock::FixedClock;
use minutes::config::Places;
use minutes::model::{Attendance, MeetingMode, MeetingPart, NewMeeting};
use minutes::service::{Arrangements, FollowUp, Service, Warning};
use predicates::prelude::*;
use serde_json::Value;

/// An invitation list as a spreadsheet saves it: a byte-order mark, CR LF line ends, a
/// quoted name with a comma, initials given for one person and made for the others.
const INVITATION: &str = "\u{feff}Name,Role,Agency,Initials,Email,Attendance,Parts\r\n\
    Zoë Martin,Team manager,Adult Social Care,,zoe@example.org,present,\r\n\
    \"Nowak, Łukasz\",DC,Police,ŁN,,present,part 1 only\r\n\
    Dr Tom Hughes,GP,Riverside Medical Practice,,,apologies,\r\n\
    ,,,,,,\r\n";

fn clock() -> FixedClock {
    FixedClock(common::ts("2026-12-01T09:00:00+00:00"))
}

fn places(dir: &Path) -> Places {
    Places {
        records: Some(dir.join("records")),
        config: Some(dir.join("config")),
    }
}

fn details(title: &str) -> NewMeeting {
    NewMeeting {
        title: title.to_owned(),
        subject_ref: "SA-9".to_owned(),
        date: common::date("2026-12-03"),
    }
}

/// The record files in the records folder of `dir` (none when it was never made).
fn record_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("records"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_service_records_the_arrangements_through_the_models_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let invitation = write(tmp.path(), "invite.csv", INVITATION);
    let clock = clock();
    let service = Service::new(places(tmp.path()), &clock);
    let arrangements = Arrangements {
        chair: "zm".to_owned(),
        minute_taker: "Tom Walsh".to_owned(),
        venue: "Room 4, Civic Centre".to_owned(),
        mode: Some(MeetingMode::Mixed),
        invitation: Some(invitation.clone()),
    };
    let created = service
        .create_arranged("case-conference", details("S42"), &arrangements)
        .unwrap();
    let record = &created.record;
    let meeting = &record.meeting;
    assert_eq!(meeting.chair, "Zoë Martin", "initials name the attendee");
    assert_eq!(meeting.minute_taker, "Tom Walsh");
    assert_eq!(meeting.location, "Room 4, Civic Centre");
    assert_eq!(meeting.mode, Some(MeetingMode::Mixed));
    let people: Vec<(&str, &str, &str)> = record
        .attendees
        .iter()
        .map(|a| (a.name.as_str(), a.initials.as_str(), a.agency.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("Zoë Martin", "ZM", "Adult Social Care"),
            ("Nowak, Łukasz", "ŁN", "Police"),
            ("Dr Tom Hughes", "DTH", "Riverside Medical Practice"),
        ]
    );
    assert_eq!(record.attendees[1].parts, [MeetingPart::ProfessionalsOnly]);
    assert_eq!(record.attendees[2].attendance, Attendance::Apologies);
    assert_eq!(record.attendees[0].contact, "zoe@example.org");
    assert_eq!(record.problems(), Vec::<String>::new());
    let warnings = service.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::Done(text) if text == &format!("3 people invited from {}", invitation.display()))),
        "{warnings:?}"
    );
    // What was saved is what was returned.
    drop(created);
    let saved = service.read(&record_files(tmp.path())[0]).unwrap();
    assert_eq!(saved.meeting.chair, "Zoë Martin");
    assert_eq!(saved.attendees.len(), 3);
}

#[test]
fn a_name_that_matches_an_attendee_another_way_is_kept_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let invitation = write(tmp.path(), "invite.csv", INVITATION);
    let clock = clock();
    let service = Service::new(places(tmp.path()), &clock);
    let arrangements = Arrangements {
        // The people matcher takes both as attendees (Zoë Martin, Dr Tom Hughes).
        chair: "Zoe Martin".to_owned(),
        minute_taker: "Dr Hughes".to_owned(),
        invitation: Some(invitation),
        ..Arrangements::default()
    };
    let created = service
        .create_arranged("case-conference", details("S42"), &arrangements)
        .unwrap();
    let people = minutes::people::People::new(&created.record.attendees);
    assert_eq!(people.match_phrase("Zoe Martin").attendee(), Some(0));
    assert_eq!(people.match_phrase("Dr Hughes").attendee(), Some(2));
    assert_eq!(created.record.meeting.chair, "Zoe Martin");
    assert_eq!(created.record.meeting.minute_taker, "Dr Hughes");
}

#[test]
fn a_blank_title_is_refused_and_nothing_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let clock = clock();
    let service = Service::new(places(tmp.path()), &clock);
    for title in ["", "   "] {
        let error = service
            .create_arranged("case-conference", details(title), &Arrangements::default())
            .unwrap_err();
        assert!(
            matches!(&error, Error::Usage(text) if text.contains("title is required")),
            "{error}"
        );
        let error = service
            .create("case-conference", details(title))
            .unwrap_err();
        assert!(matches!(&error, Error::Usage(_)), "{error}");
    }
    assert!(record_files(tmp.path()).is_empty());
}

#[test]
fn a_follow_up_given_a_blank_title_or_arrangements_uses_the_same_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let records = tmp.path().join("records");
    std::fs::create_dir_all(&records).unwrap();
    std::fs::set_permissions(
        &records,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let typical = common::write_unchecked(&records, &common::typical_record());
    let clock = clock();
    let service = Service::new(places(tmp.path()), &clock);
    let blank = FollowUp {
        title: Some(" ".to_owned()),
        ..FollowUp::default()
    };
    let error = service.follow_up(&typical, blank).unwrap_err();
    assert!(matches!(&error, Error::Usage(_)), "{error}");
    assert_eq!(record_files(tmp.path()).len(), 1, "only the earlier record");

    let given = FollowUp {
        arrangements: Arrangements {
            // Priya Nair is carried over from the earlier meeting.
            chair: "PN".to_owned(),
            venue: "Video call".to_owned(),
            mode: Some(MeetingMode::Video),
            ..Arrangements::default()
        },
        ..FollowUp::default()
    };
    let created = service.follow_up(&typical, given).unwrap();
    assert_eq!(created.record.meeting.chair, "Priya Nair");
    assert_eq!(created.record.meeting.location, "Video call");
    assert_eq!(created.record.meeting.mode, Some(MeetingMode::Video));
}

#[test]
fn a_bad_invitation_list_is_named_by_file_and_line_and_nothing_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let clock = clock();
    let service = Service::new(places(tmp.path()), &clock);
    let cases = [
        (
            "short.csv",
            "name,role,agency\r\nA B,GP,Surgery\r\nC D,GP\r\n",
            "short.csv: line 3: this row has 2 fields",
        ),
        (
            "attendance.csv",
            "name,role,agency,attendance\nA B,GP,Surgery,maybe\n",
            "attendance.csv: line 2, column 4: 'maybe' is not an attendance",
        ),
        (
            // Tom Hughes and Tina Hall would both be TH.
            "clash.csv",
            "name,role,agency\nTom Hughes,GP,Surgery\nTina Hall,SW,ASC\n",
            "clash.csv: line 3: Initials TH are already used",
        ),
        (
            "header.csv",
            "who,role,agency\n",
            "header.csv: line 1, column 1: 'who' is not a column",
        ),
    ];
    for (name, text, says) in cases {
        let path = write(tmp.path(), name, text);
        let arrangements = Arrangements {
            invitation: Some(path),
            ..Arrangements::default()
        };
        let error = service
            .create_arranged("case-conference", details("S42"), &arrangements)
            .unwrap_err()
            .to_string();
        assert!(error.contains(says), "{error}");
        assert!(error.ends_with("no record was created"), "{error}");
    }
    let missing = Arrangements {
        invitation: Some(tmp.path().join("nowhere.csv")),
        ..Arrangements::default()
    };
    let error = service
        .create_arranged("case-conference", details("S42"), &missing)
        .unwrap_err()
        .to_string();
    assert!(error.contains("nowhere.csv"), "{error}");
    assert!(record_files(tmp.path()).is_empty());
}

#[test]
fn an_invitation_list_naming_nobody_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = write(tmp.path(), "empty.csv", "name,role,agency\n");
    let clock = clock();
    let service = Service::new(places(tmp.path()), &clock);
    let arrangements = Arrangements {
        invitation: Some(empty),
        ..Arrangements::default()
    };
    let created = service
        .create_arranged("case-conference", details("S42"), &arrangements)
        .unwrap();
    assert!(created.record.attendees.is_empty());
    let warnings = service.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::Note(text) if text.contains("names nobody"))),
        "{warnings:?}"
    );
}

// The binary.

/// `minutes new` in `dir` with `args` after the type and title; the new record's path.
fn new_record(dir: &Path, args: &[&str]) -> PathBuf {
    let output = minutes(dir)
        .args(["new", "--type", "case-conference", "--title", "S42"])
        .args(["--date", "2026-12-03", "--no-open"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_flags_land_in_the_saved_record_and_the_minutes_name_the_chair() {
    let tmp = tempfile::tempdir().unwrap();
    let path = new_record(
        tmp.path(),
        &[
            "--chair",
            "Priya Nair",
            "--minute-taker",
            "Tom\tWalsh\u{1b}",
            "--venue",
            "Room 4, Civic Centre",
            "--mode",
            "in_person",
        ],
    );
    let record = read_json(&path);
    let meeting = &record["meeting"];
    assert_eq!(meeting["chair"], "Priya Nair");
    assert_eq!(
        meeting["minute_taker"], "Tom Walsh",
        "cleaned as any record text given on the command line"
    );
    assert_eq!(meeting["location"], "Room 4, Civic Centre");
    assert_eq!(meeting["mode"], "in_person");

    let id = record["id"].as_str().unwrap()[..8].to_owned();
    let shown = minutes(tmp.path())
        .args(["show", &id])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let shown = String::from_utf8(shown).unwrap();
    let line = |label: &str| {
        shown
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in:\n{shown}"))
            .to_owned()
    };
    assert!(line("Chair:").ends_with("Priya Nair"), "{shown}");
    assert!(line("Minute taker:").ends_with("Tom Walsh"), "{shown}");
    assert!(line("Venue:").ends_with("Room 4, Civic Centre"), "{shown}");
    assert!(line("Mode:").ends_with("In person"), "{shown}");

    // Without the flags the minutes say so.
    let bare = new_record(tmp.path(), &[]);
    let id = read_json(&bare)["id"].as_str().unwrap()[..8].to_owned();
    minutes(tmp.path())
        .args(["show", &id, "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Not recorded"));
    let exported = minutes(tmp.path())
        .args([
            "export",
            &path.display().to_string(),
            "--format",
            "md",
            "-o",
            "-",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let exported = String::from_utf8(exported).unwrap();
    assert!(exported.contains("Priya Nair"), "{exported}");
}

#[test]
fn a_mode_that_is_not_a_records_key_is_refused_with_the_values() {
    let tmp = tempfile::tempdir().unwrap();
    for wrong in ["zoom", "In person", "in-person"] {
        minutes(tmp.path())
            .args(["new", "--type", "case-conference", "--title", "S42"])
            .args(["--no-open", "--mode", wrong])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("invalid value '{wrong}'")))
            .stderr(predicate::str::contains("in_person, video, phone, mixed"));
    }
    assert!(record_files(tmp.path()).is_empty());
}

#[test]
fn a_blank_title_is_refused_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    for title in ["", "   "] {
        minutes(tmp.path())
            .args([
                "new",
                "--type",
                "case-conference",
                "--no-open",
                "--title",
                title,
            ])
            .assert()
            .failure()
            .stderr(predicate::str::contains("The title is required."))
            .stderr(predicate::str::contains("Nothing was created."))
            .stdout("");
    }
    assert!(record_files(tmp.path()).is_empty());
}

#[test]
fn an_invitation_list_adds_the_people_with_initials_and_agencies() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "invite.csv", INVITATION);
    let path = new_record(tmp.path(), &["--attendees", "invite.csv", "--chair", "ZM"]);
    let record = read_json(&path);
    let people: Vec<(&str, &str, &str, &str)> = record["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a["initials"].as_str().unwrap(),
                a["role"].as_str().unwrap(),
                a["agency"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("Zoë Martin", "ZM", "Team manager", "Adult Social Care"),
            ("Nowak, Łukasz", "ŁN", "DC", "Police"),
            ("Dr Tom Hughes", "DTH", "GP", "Riverside Medical Practice"),
        ]
    );
    assert_eq!(record["meeting"]["chair"], "Zoë Martin");
    minutes(tmp.path())
        .args(["check", &path.display().to_string()])
        .assert()
        .success();
}

#[test]
fn a_bad_invitation_list_names_file_and_line_and_creates_no_record() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "invite.csv",
        "name,role,agency\r\nZoë Martin,Chair,ASC\r\n\r\nTom Hughes,GP\r\n",
    );
    minutes(tmp.path())
        .current_dir(tmp.path())
        .args(["new", "--type", "case-conference", "--title", "S42", "--no-open"])
        .args(["--attendees", "invite.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "invite.csv: line 4: this row has 2 fields; the header row has 3; no record was created",
        ))
        .stdout("");
    assert!(record_files(tmp.path()).is_empty());

    minutes(tmp.path())
        .current_dir(tmp.path())
        .args([
            "new",
            "--type",
            "case-conference",
            "--title",
            "S42",
            "--no-open",
        ])
        .args(["--attendees", "missing.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing.csv"));
    assert!(record_files(tmp.path()).is_empty());
}

#[test]
fn the_configured_name_is_the_minute_taker_unless_one_is_given() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "name = \"Tom Walsh\"\n").unwrap();
    let made = |args: &[&str]| {
        let output = minutes(tmp.path())
            .env("MINUTES_CONFIG_DIR", &config)
            .args([
                "new",
                "--type",
                "case-conference",
                "--title",
                "S42",
                "--no-open",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let path = PathBuf::from(String::from_utf8(output.stdout).unwrap().trim());
        read_json(&path)["meeting"]["minute_taker"].clone()
    };
    assert_eq!(made(&[]), "Tom Walsh");
    assert_eq!(made(&["--minute-taker", "Amara Okafor"]), "Amara Okafor");
}
