//! `minutes action add`: one sentence, read as the live screen reads a quick action, added to
//! a record through the store (or only shown, with `--dry-run`).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use minutes::model::MinutesStatus;
use minutes::store::Store;

/// A temp folder whose records folder holds the typical case conference as a draft.
fn draft() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let mut record = common::typical_record();
    record.meeting.status = MinutesStatus::Draft;
    record.meeting.status_history.clear();
    let path = Store::open(tmp.path().join("records"))
        .unwrap()
        .create(&record)
        .unwrap();
    (tmp, path)
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = common::minutes_command(dir).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_dry_run_prints_the_action_as_it_would_be_stored_and_saves_nothing() {
    let (tmp, path) = draft();
    let before = std::fs::read(&path).unwrap();
    let (code, out, err) = run(
        tmp.path(),
        &[
            "action",
            "add",
            "5e1c0a7d",
            "the GP to send the medication chart within 48 hours",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let action: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = action
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["text", "owner", "agency", "due"]);
    assert_eq!(action["owner"], "Rhys Evans");
    assert_eq!(action["agency"], "Riverside Medical Practice");
    assert_eq!(action["text"], "Send the medication chart");
    assert!(action["due"].is_string(), "{action}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing saved");
}

#[test]
fn adding_saves_the_action_and_says_what_matched_nobody() {
    let (tmp, path) = draft();
    let (code, out, err) = run(
        tmp.path(),
        &[
            "action",
            "add",
            "5e1c0a7d",
            "Zoe to ring the family",
            "asap",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Added 5e1c0a7d/6: "), "{out}");
    assert!(err.contains("'Zoe' matched nobody"), "{err}");
    assert!(err.contains("asap"), "{err}");
    let record = minutes::store::load_file(&path).unwrap();
    let added = record.actions.last().unwrap();
    assert_eq!(added.id, 6);
    assert_eq!(added.owner, "Zoe");
    assert!(added.text.starts_with("Ring the family"), "{}", added.text);
    assert!(record.problems().is_empty(), "{:?}", record.problems());

    let (code, _, err) = run(tmp.path(), &["action", "add", "5e1c0a7d", " "]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, err) = run(
        tmp.path(),
        &["action", "done", "5e1c0a7d", "1", "--dry-run"],
    );
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn agreed_minutes_take_no_new_action() {
    let tmp = tempfile::tempdir().unwrap();
    let path = Store::open(tmp.path().join("records"))
        .unwrap()
        .create(&common::typical_record())
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = run(
        tmp.path(),
        &[
            "action",
            "add",
            "5e1c0a7d",
            "Police to request CCTV by Friday",
        ],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("reopen them") && err.contains("no action added"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
