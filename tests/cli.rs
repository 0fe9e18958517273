//! The `minutes` binary run on temporary folders.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

mod common;

use common::minutes_command as minutes;
use predicates::prelude::*;
use serde_json::Value;

fn new_record(dir: &Path, date: &str) -> PathBuf {
    let output = minutes(dir)
        .args([
            "new",
            "--type",
            "case-conference",
            "--title",
            "S42 case conference",
        ])
        .args(["--subject", "AB-1234", "--date", date, "--no-open"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    PathBuf::from(String::from_utf8(output.stdout).expect("utf-8").trim())
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("json")
}

#[test]
fn new_creates_a_private_record_named_by_date_and_type() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = new_record(tmp.path(), "2026-12-03");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("file name");
    assert!(name.starts_with("2026-12-03-case-conference-"), "{name}");
    assert!(name.ends_with(".json"));
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&tmp.path().join("records")), 0o700);

    let record = read_json(&path);
    assert_eq!(record["schema_version"], 1);
    assert_eq!(record["meeting"]["type"], "case-conference");
    assert_eq!(record["meeting"]["subject_ref"], "AB-1234");
    assert_eq!(record["meeting"]["status"], "draft");
    // Thursday 3 December 2026 + 10 working days.
    assert_eq!(record["review"]["minutes_due"], "2026-12-17");
    let agenda = record["agenda"].as_array().expect("agenda");
    assert!(
        agenda.len() >= 19,
        "the whole 004 §4.4 checklist is on the agenda"
    );
    assert!(agenda.iter().all(|item| item["status"] == "pending"));
}

#[test]
fn list_show_and_json_agree() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let older = new_record(tmp.path(), "2026-11-02");
    let newer = new_record(tmp.path(), "2026-11-20");
    let id = read_json(&newer)["id"].as_str().expect("id").to_owned();

    let listed = minutes(tmp.path()).arg("list").assert().success();
    let text = String::from_utf8(listed.get_output().stdout.clone()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("DATE"));
    assert!(lines[1].starts_with("2026-11-20"), "newest first: {text}");
    assert!(lines[2].starts_with("2026-11-02"));

    let json = minutes(tmp.path())
        .args(["list", "--json"])
        .assert()
        .success();
    let rows: Value = serde_json::from_slice(&json.get_output().stdout).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    assert_eq!(rows[0]["id"], id.as_str());
    assert_eq!(rows[1]["path"], older.display().to_string());

    minutes(tmp.path())
        .args(["show", &id[..6], "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("S42 case conference"))
        .stdout(predicate::str::contains("AB-1234"));
    let shown = minutes(tmp.path())
        .args(["show", newer.to_str().expect("path"), "--format", "json"])
        .assert()
        .success();
    let shown: Value = serde_json::from_slice(&shown.get_output().stdout).expect("json");
    assert_eq!(shown, read_json(&newer));
}

#[test]
fn templates_list_and_show() {
    let tmp = tempfile::tempdir().expect("tempdir");
    minutes(tmp.path())
        .arg("templates")
        .assert()
        .success()
        .stdout(predicate::str::contains("case-conference"))
        .stdout(predicate::str::contains("10 working days"))
        .stdout(predicate::str::contains("serious-concerns-initial"));
    minutes(tmp.path())
        .args(["templates", "show", "case-conference"])
        .assert()
        .success()
        .stdout(predicate::str::contains("balance of probabilities"))
        .stdout(predicate::str::contains("004_d3a6605e44783652.txt"));
    minutes(tmp.path())
        .args(["templates", "show", "no-such-meeting"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown meeting type 'no-such-meeting'",
        ))
        .stderr(predicate::str::contains("case-conference"));
}

#[test]
fn a_broken_user_template_is_named_and_skipped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let templates = tmp.path().join("config").join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("broken.json"),
        "{\n  \"key\": \"broken\",\n  \"title\": ",
    )
    .expect("write");
    minutes(tmp.path())
        .arg("templates")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("case-conference"))
        .stderr(predicate::str::contains("broken.json"))
        .stderr(predicate::str::contains("line 3"));
}

#[test]
fn check_reports_each_bad_file_and_leaves_it_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = new_record(tmp.path(), "2026-11-20");
    let bad = tmp
        .path()
        .join("records")
        .join("2026-11-21-case-conference-deadbeef.json");
    let truncated = &std::fs::read_to_string(&good).expect("read")[..200];
    std::fs::write(&bad, truncated).expect("write");

    minutes(tmp.path())
        .arg("check")
        .arg(&good)
        .assert()
        .success();
    minutes(tmp.path())
        .arg("check")
        .arg(tmp.path().join("records"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 checked, 1 ok, 1 with problems"))
        .stderr(predicate::str::contains(bad.display().to_string()))
        .stderr(predicate::str::contains("line"));

    // The listing still shows the good record, names the bad file, and fails.
    minutes(tmp.path())
        .arg("list")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2026-11-20"))
        .stderr(predicate::str::contains(
            "2026-11-21-case-conference-deadbeef.json",
        ));
    assert_eq!(
        std::fs::read_to_string(&bad).expect("read"),
        truncated,
        "never rewritten"
    );
}

#[test]
fn usage_errors_exit_2_and_unknown_records_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    minutes(tmp.path())
        .args(["new", "--title", "x"])
        .assert()
        .code(2);
    minutes(tmp.path())
        .args([
            "new",
            "--type",
            "case-conference",
            "--title",
            "x",
            "--date",
            "2026-13-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2026-13-01"));
    minutes(tmp.path())
        .args(["show", "0123abcd"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no record matches '0123abcd'"));
}

#[test]
fn dir_flag_overrides_the_environment() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let elsewhere = tmp.path().join("elsewhere");
    minutes(tmp.path())
        .args([
            "new",
            "--type",
            "strategy",
            "--title",
            "Strategy",
            "--no-open",
            "--dir",
        ])
        .arg(&elsewhere)
        .assert()
        .success()
        .stdout(predicate::str::contains(elsewhere.display().to_string()));
    assert!(
        !tmp.path().join("records").exists()
            || std::fs::read_dir(tmp.path().join("records"))
                .expect("dir")
                .next()
                .is_none()
    );
}

#[test]
fn schema_is_json_schema() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = minutes(tmp.path()).arg("schema").assert().success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert!(
        schema["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("json-schema.org"))
    );
    assert!(schema["properties"]["findings"].is_object());
}

#[test]
fn no_arguments_shows_records_and_how_to_start() {
    let tmp = tempfile::tempdir().expect("tempdir");
    new_record(tmp.path(), "2026-11-20");
    minutes(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-11-20"))
        .stdout(predicate::str::contains("minutes new --type"));
}

#[test]
fn new_without_a_terminal_creates_the_record_and_says_it_was_not_opened() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = minutes(tmp.path())
        .args(["new", "--type", "strategy", "--title", "Strategy"])
        .assert()
        .success()
        .stderr(predicate::str::contains("not a terminal"))
        .stderr(predicate::str::contains("minutes open"));
    let path = PathBuf::from(
        String::from_utf8(out.get_output().stdout.clone())
            .expect("utf-8")
            .trim(),
    );
    assert_eq!(read_json(&path)["meeting"]["title"], "Strategy");
    // The lock was released: the record can be opened again at once.
    let lock = path.with_file_name(format!(
        ".{}.lock",
        path.file_name().and_then(|n| n.to_str()).expect("name")
    ));
    assert_eq!(std::fs::read(lock).map(|b| b.len()).unwrap_or(0), 0);
}

#[test]
fn open_without_a_terminal_exits_2_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = new_record(tmp.path(), "2026-11-20");
    let before = std::fs::read(&path).expect("read");
    minutes(tmp.path())
        .args(["open"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a terminal"));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    minutes(tmp.path())
        .args(["open", "0123abcd"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no record matches '0123abcd'"));
}

#[test]
fn theme_option_is_accepted_by_new_and_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    minutes(tmp.path())
        .args(["new", "--type", "strategy", "--title", "S", "--no-open"])
        .args(["--theme", "mono"])
        .assert()
        .success();
    minutes(tmp.path())
        .env("MINUTES_THEME", "light")
        .args(["open", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--theme"))
        .stdout(predicate::str::contains("MINUTES_THEME"));
}
