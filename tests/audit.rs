#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! The audit log and retention, through the real binary on temp folders: each use writes
//! exactly one line, with the right action and no record text; `minutes audit` filters and
//! names damaged and out-of-order lines; `minutes retention` lists and deletes, logging it.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::minutes_command as minutes;
use minutes::model::{MinutesStatus, Record, Visibility};
use minutes::store::Store;
use serde_json::Value;

const ID: &str = "5e1c0a7d";
const FULL_ID: &str = "5e1c0a7d9b2f4c8e8a6b3d1f0e9c7a52";
/// Put in the record's title and notes: must never reach the log.
const MARK_TITLE: &str = "MARKTITLEzq";
const MARK_NOTE: &str = "MARKNOTEzq";

fn run(dir: &Path, args: &[&str]) -> Output {
    minutes(dir).args(args).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{:?}\nstdout: {}\nstderr: {}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn records(dir: &Path) -> PathBuf {
    dir.join("records")
}

fn log_path(dir: &Path) -> PathBuf {
    records(dir).join(".audit.jsonl")
}

fn log_text(dir: &Path) -> String {
    std::fs::read_to_string(log_path(dir)).unwrap_or_default()
}

fn log_lines(dir: &Path) -> Vec<Value> {
    log_text(dir)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn configure(dir: &Path, toml: &str) {
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(dir.join("config/config.toml"), toml).unwrap();
}

/// The typical case conference as draft minutes, with the markers in its title and notes.
fn marked_record() -> Record {
    let mut record = common::typical_record();
    record.meeting.status = MinutesStatus::Draft;
    record.meeting.status_history.clear();
    record.meeting.title = format!("Case conference {MARK_TITLE}");
    record.agenda[0].notes.push(common::note(
        "10:03",
        None,
        &format!("Said in the meeting: {MARK_NOTE}"),
        Visibility::All,
    ));
    record
}

/// The number of the marked record's first open action.
fn first_open_action() -> String {
    marked_record()
        .actions
        .iter()
        .find(|a| a.is_open())
        .unwrap()
        .id
        .to_string()
}

/// Runs `args`, which must succeed and add exactly one line to the log; returns that line.
fn one_line(dir: &Path, args: &[&str]) -> Value {
    let before = log_lines(dir).len();
    ok(&run(dir, args));
    let lines = log_lines(dir);
    assert_eq!(
        lines.len(),
        before + 1,
        "{args:?} wrote {:?}",
        &lines[before..]
    );
    lines[before].clone()
}

#[test]
fn each_use_writes_one_line_with_its_action_and_no_record_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    configure(dir, "name = \"Zoë Tester\"\n");
    let store = Store::open(records(dir)).unwrap();
    let path = store.create(&marked_record()).unwrap();
    let out = dir.join("out.html");
    let open_action = first_open_action();

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["show", ID], "read"),
        (
            vec![
                "export",
                ID,
                "--format",
                "html",
                "-o",
                out.to_str().unwrap(),
            ],
            "export",
        ),
        (
            vec!["export", ID, "--format", "md", "--audience", "adult"],
            "export",
        ),
        (vec!["agree", ID], "agree"),
        (vec!["circulate", ID], "circulate"),
        (vec!["reopen", ID, "--reason", "a correction"], "reopen"),
        (vec!["action", "done", ID, &open_action], "action"),
    ];
    for (args, action) in cases {
        let line = one_line(dir, &args);
        assert_eq!(line["action"], action, "{args:?}: {line}");
        assert_eq!(line["record_id"], FULL_ID);
        assert_eq!(line["file"], path.file_name().unwrap().to_str().unwrap());
        assert_eq!(line["name"], "Zoë Tester", "the configured name: {line}");
        for field in ["login", "host", "time"] {
            assert!(
                line[field].as_str().is_some_and(|s| !s.is_empty()),
                "{line}"
            );
        }
        assert!(line["pid"].as_u64().is_some(), "{line}");
        chrono::DateTime::parse_from_rfc3339(line["time"].as_str().unwrap()).unwrap();
    }
    let lines = log_lines(dir);
    assert_eq!(lines[1]["details"]["destination"], out.to_str().unwrap());
    assert_eq!(lines[1]["details"]["format"], "html");
    assert_eq!(lines[2]["details"]["destination"], "standard output");
    assert_eq!(lines[2]["details"]["audience"], "adult");
    assert!(
        lines[4]["details"]["recipients"].as_u64().unwrap() > 0,
        "{}",
        lines[4]
    );
    assert!(lines[4]["details"]["copies"].is_array(), "{}", lines[4]);
    assert_eq!(lines[6]["details"]["status"], "done");

    // Every --by defaulted to the configured name.
    let record = minutes::store::load_file(&path).unwrap();
    let by: Vec<&str> = record
        .meeting
        .status_history
        .iter()
        .map(|change| change.by.as_str())
        .collect();
    assert_eq!(by, ["Zoë Tester"; 3]);

    let log = log_text(dir);
    for text in [MARK_TITLE, MARK_NOTE, "Warren", "a correction"] {
        assert!(!log.contains(text), "{text} in the log:\n{log}");
    }
    let mode = std::fs::metadata(log_path(dir))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn a_new_record_is_taken_by_the_user_when_no_minute_taker_is_given() {
    let tmp = tempfile::tempdir().unwrap();
    configure(tmp.path(), "name = \"Zoë Tester\"\n");
    let out = ok(&run(
        tmp.path(),
        &[
            "new",
            "--type",
            "case-conference",
            "--title",
            "t",
            "--no-open",
        ],
    ));
    let record = minutes::store::load_file(Path::new(out.trim())).unwrap();
    assert_eq!(record.meeting.minute_taker, "Zoë Tester");
}

/// A line of the log, written by hand.
fn line(time: &str, name: &str, login: &str, action: &str, id: &str) -> String {
    serde_json::json!({
        "time": time, "name": name, "login": login, "host": "h", "pid": 1,
        "action": action, "record_id": id, "file": format!("x-{}.json", &id[..8]),
    })
    .to_string()
}

#[test]
fn minutes_audit_filters_by_record_date_and_user_and_names_lines_not_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(records(dir)).unwrap();
    let a = "aaaa1111000000000000000000000000";
    let b = "bbbb2222000000000000000000000000";
    let log = [
        line(
            "2026-03-01T09:00:00+00:00",
            "Zoë Ørsted",
            "zorsted",
            "read",
            a,
        ),
        line(
            "2026-03-02T09:00:00+00:00",
            "Jo Bloggs",
            "jbloggs",
            "export",
            b,
        ),
        "{not json".to_owned(),
        line(
            "2026-04-01T09:00:00+01:00",
            "Jo Bloggs",
            "jbloggs",
            "agree",
            a,
        ),
        line(
            "2026-03-15T09:00:00+00:00",
            "Jo Bloggs",
            "jbloggs",
            "reopen",
            a,
        ),
        r#"{"time":"2026-04-02T09:00:00+01:00","name":"x","action":"read"}"#.to_owned(),
        line(
            "2026-05-01T09:00:00+01:00",
            "Zoë Ørsted",
            "zorsted",
            "delete",
            b,
        ),
    ]
    .join("\n")
        + "\n";
    std::fs::write(log_path(dir), log).unwrap();

    let all = run(dir, &["audit"]);
    assert_eq!(all.status.code(), Some(1), "lines not trusted: exit 1");
    let (out, err) = (text(&all.stdout), text(&all.stderr));
    assert!(err.contains("line 3: damaged, not trusted"), "{err}");
    assert!(err.contains("line 5: out of order"), "{err}");
    assert!(err.contains("line 6: damaged, not trusted"), "{err}");
    assert!(!err.contains("line 7"), "{err}");
    for (action, shown) in [
        ("read", true),
        ("export", true),
        ("agree", true),
        ("reopen", false),
    ] {
        assert_eq!(out.contains(action), shown, "{action}:\n{out}");
    }
    // Times on the council's clock: 09:00 UTC on 1 March is 09:00 in London.
    assert!(out.contains("2026-03-01 09:00:00"), "{out}");

    let json_lines = |args: &[&str]| -> Vec<Value> {
        let output = run(dir, args);
        text(&output.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let actions = |lines: Vec<Value>| -> Vec<String> {
        lines
            .iter()
            .map(|l| l["action"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        actions(json_lines(&["audit", "aaaa", "--json"])),
        ["read", "agree"]
    );
    assert_eq!(
        actions(json_lines(&["audit", "bbbb22", "--json"])),
        ["export", "delete"]
    );
    assert_eq!(
        actions(json_lines(&["audit", "--since", "2026-03-02", "--json"])),
        ["export", "agree", "delete"]
    );
    assert_eq!(
        actions(json_lines(&["audit", "--user", "ZOE ORSTED", "--json"])),
        ["read", "delete"]
    );
    assert_eq!(
        actions(json_lines(&[
            "audit",
            "--user",
            "jbloggs",
            "--since",
            "2026-03-10",
            "--json"
        ])),
        ["agree"]
    );
}

#[test]
fn a_clean_log_exits_0_and_no_log_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let none = run(dir, &["audit"]);
    assert!(none.status.success());
    assert!(
        text(&none.stderr).contains("no audit log yet"),
        "{}",
        text(&none.stderr)
    );
    Store::open(records(dir))
        .unwrap()
        .create(&marked_record())
        .unwrap();
    ok(&run(dir, &["show", ID]));
    let out = ok(&run(dir, &["audit", ID]));
    assert!(out.contains("read") && out.contains(&FULL_ID[..8]), "{out}");
}

/// A record of a meeting on `date`, with the id `id` (32 hex digits).
fn dated(id: &str, date: &str) -> Record {
    let mut record = common::blank_record(id, &format!("Meeting {MARK_TITLE}"));
    record.meeting.date = common::date(date);
    record
}

#[test]
fn retention_lists_then_deletes_record_backup_recovery_lock_and_cache_entry_and_logs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(records(dir)).unwrap();
    let old = store
        .create(&dated("0100000000000000000000000000aaaa", "2012-05-01"))
        .unwrap();
    let held = store
        .create(&dated("4e1d0000000000000000000000000bbb", "2013-06-01"))
        .unwrap();
    let recent = store
        .create(&dated("9ece0000000000000000000000000ccc", "2025-01-01"))
        .unwrap();
    // A .bak (saved twice) and a lock file left behind, as after an editing session.
    let mut changed = minutes::store::load_file(&old).unwrap();
    changed.meeting.location = "Room 1".to_owned();
    store.save(&old, &changed).unwrap();
    drop(store.lock(&old).unwrap());
    let bak = PathBuf::from(format!("{}.bak", old.display()));
    let name = old.file_name().unwrap().to_str().unwrap().to_owned();
    let lock = records(dir).join(format!(".{name}.lock"));
    assert!(bak.exists() && lock.exists());
    // A recovery file of each old record, as a session that could not save leaves: the
    // deleted record's goes with it (it holds its text), the other's stays.
    let recovery = minutes::store::recovery::write_recovery(&old, &changed).unwrap();
    let held_record = minutes::store::load_file(&held).unwrap();
    let other_recovery = minutes::store::recovery::write_recovery(&held, &held_record).unwrap();
    assert_eq!(recovery.parent(), old.parent());
    ok(&run(dir, &["list"])); // the cache holds all three

    let unset = run(dir, &["retention"]);
    assert_eq!(unset.status.code(), Some(2));
    let said = text(&unset.stderr);
    assert!(
        said.contains("--older-than") && said.contains("retention_years"),
        "{said}"
    );

    configure(dir, "retention_years = 7\n");
    let listed = ok(&run(dir, &["retention"]));
    assert!(
        listed.contains("2012-05-01") && listed.contains("2013-06-01"),
        "{listed}"
    );
    assert!(listed.contains(MARK_TITLE), "titles are shown: {listed}");
    assert!(!listed.contains("2025-01-01"), "{listed}");

    let unasked = run(dir, &["retention", "--delete"]);
    assert_eq!(unasked.status.code(), Some(2), "{}", text(&unasked.stderr));
    assert!(text(&unasked.stderr).contains("--yes"));
    assert!(old.exists());

    // One is open for editing elsewhere: refused, the other deleted.
    let editing = store.lock(&held).unwrap();
    let deleted = run(
        dir,
        &["retention", "--older-than", "7", "--delete", "--yes"],
    );
    assert_eq!(deleted.status.code(), Some(1), "one refused");
    assert!(
        text(&deleted.stderr).contains("not deleted"),
        "{}",
        text(&deleted.stderr)
    );
    drop(editing);
    assert!(
        text(&deleted.stdout).contains("Deleted 2012-05-01 01000000 and its recovery file"),
        "{}",
        text(&deleted.stdout)
    );
    assert!(!old.exists() && !bak.exists() && !lock.exists() && !recovery.exists());
    assert!(other_recovery.exists());
    assert!(held.exists() && recent.exists());
    let index = std::fs::read_to_string(records(dir).join(".index.json")).unwrap();
    assert!(
        !index.contains("0100000000000000000000000000aaaa"),
        "{index}"
    );
    assert!(
        index.contains("9ece0000000000000000000000000ccc"),
        "{index}"
    );

    let lines = log_lines(dir);
    let deletions: Vec<&Value> = lines.iter().filter(|l| l["action"] == "delete").collect();
    assert_eq!(deletions.len(), 1, "{lines:?}");
    assert_eq!(
        deletions[0]["record_id"],
        "0100000000000000000000000000aaaa"
    );
    assert_eq!(deletions[0]["details"]["meeting_date"], "2012-05-01");
    assert_eq!(deletions[0]["details"]["recovery_files"], 1);
    assert!(!log_text(dir).contains(MARK_TITLE));
}

#[test]
fn marking_an_action_done_takes_over_a_crashed_sessions_lock_and_says_whose() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(records(dir)).unwrap();
    let path = store.create(&marked_record()).unwrap();
    let open_action = first_open_action();
    // A session that crashed: its details left in the lock file, its process gone.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let lock = records(dir).join(format!(".{name}.lock"));
    std::fs::write(
        &lock,
        format!(
            r#"{{"name":"Sam Crashed","user":"sam","host":"office","pid":{pid},"since":"2026-11-23T14:03:41+00:00"}}"#
        ),
    )
    .unwrap();
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o600)).unwrap();

    let done = run(dir, &["action", "done", ID, &open_action]);
    let said = text(&done.stderr);
    assert!(done.status.success(), "{said}");
    assert!(
        said.contains("took over the lock left by Sam Crashed (sam) on office")
            && said.contains(&format!("pid {pid}")),
        "{said}"
    );
    assert!(std::fs::read(&lock).unwrap().is_empty(), "released after");
}
