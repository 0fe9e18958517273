//! The command line says what the browser says about the records folder: files open to other
//! users (records and their backups), recovery files and how to restore them, temp files left
//! by interrupted saves; each once, on stderr, naming the file and the fix.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = common::minutes_command(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn new_record(dir: &Path) -> PathBuf {
    let (ok, out, err) = run(
        dir,
        &[
            "new",
            "--type",
            "case-conference",
            "--title",
            "S42 case conference",
            "--date",
            "2026-11-23",
            "--no-open",
        ],
    );
    assert!(ok, "{err}");
    PathBuf::from(out.trim())
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn bak_of(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.bak", path.display()))
}

/// How many lines of `text` contain `needle`.
fn lines_with(text: &str, needle: &str) -> usize {
    text.lines().filter(|l| l.contains(needle)).count()
}

#[test]
fn every_reading_command_warns_once_about_exposed_records_and_backups() {
    let tmp = tempfile::tempdir().unwrap();
    let record = new_record(tmp.path());
    let id = record.file_name().unwrap().to_string_lossy()[27..35].to_owned();
    // A backup, as a save leaves one, then both opened to others.
    std::fs::copy(&record, bak_of(&record)).unwrap();
    chmod(&record, 0o644);
    chmod(&bak_of(&record), 0o644);
    let record_name = record.file_name().unwrap().to_string_lossy().into_owned();
    for args in [
        vec!["list"],
        vec!["due"],
        vec!["actions"],
        vec!["show", &id],
        vec!["check", record.to_str().unwrap()],
        vec!["check", tmp.path().join("records").to_str().unwrap()],
    ] {
        let (_, _, err) = run(tmp.path(), &args);
        let record_warning = format!("{record_name}: this file is open to other users");
        let bak_warning = format!("{record_name}.bak: this file is open to other users");
        assert_eq!(lines_with(&err, &record_warning), 1, "{args:?}: {err}");
        assert_eq!(lines_with(&err, &bak_warning), 1, "{args:?}: {err}");
        assert_eq!(lines_with(&err, "chmod 600"), 2, "{args:?}: {err}");
    }
}

#[test]
fn list_names_recovery_and_old_temp_files_and_restore_brings_the_text_back() {
    let tmp = tempfile::tempdir().unwrap();
    let record = new_record(tmp.path());
    let records = tmp.path().join("records");
    let stem = record.file_stem().unwrap().to_string_lossy().into_owned();
    // A recovery file holding text the record lacks.
    let mut recovered: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    recovered["meeting"]["location"] = "Room 4, Civic Centre".into();
    let recovery = records.join(format!(".{stem}.recovery-20261123-140341.json"));
    std::fs::write(&recovery, serde_json::to_vec_pretty(&recovered).unwrap()).unwrap();
    chmod(&recovery, 0o600);
    // A temp file an interrupted save left an hour ago.
    let temp = records.join(".tmp-abc123");
    std::fs::write(&temp, b"{").unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&temp)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();

    for args in [vec!["list"], vec!["due"], vec!["actions"]] {
        let (_, _, err) = run(tmp.path(), &args);
        assert_eq!(lines_with(&err, "a recovery file"), 1, "{args:?}: {err}");
        assert!(
            err.contains(&format!("minutes restore '{}'", recovery.display())),
            "{err}"
        );
        assert_eq!(
            lines_with(&err, "left by an interrupted save"),
            1,
            "{args:?}: {err}"
        );
        assert!(err.contains(".tmp-abc123"), "{err}");
    }

    let (ok, out, err) = run(tmp.path(), &["restore", recovery.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Restored"), "{out}");
    assert!(
        !recovery.exists(),
        "the recovery file is removed once restored"
    );
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.contains("Room 4, Civic Centre"), "{text}");
    assert!(
        !std::fs::read_to_string(bak_of(&record))
            .unwrap()
            .contains("Room 4"),
        "the version replaced is the backup"
    );
}

#[test]
fn restore_refuses_a_recovery_file_older_than_the_record() {
    let tmp = tempfile::tempdir().unwrap();
    let record = new_record(tmp.path());
    let records = tmp.path().join("records");
    let stem = record.file_stem().unwrap().to_string_lossy().into_owned();
    let mut older: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    older["updated_at"] = "2020-01-01T00:00:00+00:00".into();
    older["created_at"] = "2020-01-01T00:00:00+00:00".into();
    let recovery = records.join(format!(".{stem}.recovery-20200101-000000.json"));
    std::fs::write(&recovery, serde_json::to_vec_pretty(&older).unwrap()).unwrap();
    let before = std::fs::read(&record).unwrap();
    let (ok, _, err) = run(tmp.path(), &["restore", recovery.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("changed after this recovery file") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&record).unwrap(), before, "nothing written");
    assert!(recovery.exists(), "the recovery file is kept");
    let (ok, _, err) = run(tmp.path(), &["restore", record.to_str().unwrap()]);
    assert!(!ok && err.contains("is not a recovery file"), "{err}");
}

#[test]
fn check_on_a_folder_named_like_a_record_says_it_is_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("x.json");
    std::fs::create_dir(&folder).unwrap();
    let (ok, _, err) = run(tmp.path(), &["check", folder.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("x.json: is a folder"), "{err}");
}
