//! The record store on real folders: atomic saves, bad files, locking, listing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop loudly

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use minutes::Error;
use minutes::model::{Attendee, ItemKind, ItemStatus, NewMeeting, Note, Record, Timestamp};
use minutes::store::{Store, load_file, recovery};
use minutes::templates::{DeadlineRule, Template, TemplateItem};
use serde_json::{Value, json};

// ---------------------------------------------------------------- helpers

fn now() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-11-23T14:03:41+00:00").unwrap()
}

fn template() -> Template {
    let item = |key: &str, title: &str| TemplateItem {
        key: key.into(),
        title: title.into(),
        prompt: format!("Cover {title}"),
        kind: ItemKind::Notes,
        source: "test".into(),
    };
    Template {
        key: "case-conference".into(),
        title: "Section 42 case conference".into(),
        description: String::new(),
        sources: vec![],
        deadline: DeadlineRule::WorkingDays(10),
        items: vec![item("welcome", "Welcome"), item("actions", "Actions")],
    }
}

/// A 32-hex-digit id starting with `prefix`.
fn id(prefix: &str) -> String {
    format!("{prefix:0<32}")
}

fn record(id_prefix: &str, date: &str) -> Record {
    let mut record = Record::new(
        &template(),
        NewMeeting {
            title: "Section 42 case conference".into(),
            subject_ref: "SG-2026-0042".into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        },
        id(id_prefix),
        now(),
    );
    record
        .attendees
        .push(Attendee::new("Jane Smith", "DC", "Police"));
    record.agenda[0]
        .notes
        .push(Note::new(now(), "Opened the meeting."));
    record
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Names of the hidden temp files in a folder.
fn temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp-"))
        .collect()
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

fn bak(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.bak", path.display()))
}

// ---------------------------------------------------------------- saving

#[test]
fn save_load_round_trip_with_modes_and_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("deep/er/records");
    let store = Store::open(&dir).unwrap();
    assert_eq!(mode(&dir), 0o700, "created folder is private");
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());

    let mut rec = record("ab12cd34", "2026-11-23");
    let path = store.create(&rec).unwrap();
    assert_eq!(
        path.file_name().unwrap(),
        "2026-11-23-case-conference-ab12cd34.json"
    );
    assert_eq!(mode(&path), 0o600);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\n  \"schema_version\": 1,\n"), "{text}");
    assert!(text.ends_with("}\n"));

    let loaded = store.load(&path).unwrap();
    assert_eq!(loaded.record, rec);
    assert_eq!(loaded.read_only, None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(!bak(&path).exists());

    let first = fs::read(&path).unwrap();
    rec.meeting.location = "Room 4".into();
    store.save(&path, &rec).unwrap();
    assert_eq!(
        fs::read(bak(&path)).unwrap(),
        first,
        ".bak is the previous version"
    );
    assert_eq!(load_file(&path).unwrap(), rec);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(temps(&dir), Vec::<String>::new());
}

#[test]
fn open_refuses_a_file_and_warns_about_open_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-folder");
    fs::write(&file, "x").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, Error::Folder { .. }), "{err}");
    assert!(err.to_string().contains("not-a-folder"), "{err}");

    let open = tmp.path().join("open");
    fs::create_dir(&open).unwrap();
    fs::set_permissions(&open, fs::Permissions::from_mode(0o755)).unwrap();
    let store = Store::open(&open).unwrap();
    assert_eq!(store.warnings().len(), 1);
    assert!(
        store.warnings()[0].contains("chmod 700"),
        "{:?}",
        store.warnings()
    );
    assert_eq!(mode(&open), 0o755, "the store does not change it");

    // A group-readable record file: warned about on load and list, not changed.
    let path = store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let loaded = store.load(&path).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].contains("mode 640"));
    assert_eq!(store.list().unwrap().warnings.len(), 1);
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn create_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let rec = record("ab12cd34", "2026-11-23");
    let path = store.create(&rec).unwrap();
    let before = fs::read(&path).unwrap();
    let mut other = rec.clone();
    other.meeting.title = "Another".into();
    let err = store.create(&other).unwrap_err();
    assert!(matches!(err, Error::Exists { .. }), "{err}");
    assert!(err.to_string().contains(path.to_str().unwrap()), "{err}");
    assert!(store.create_record(&other).is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(temps(tmp.path()), Vec::<String>::new());
}

#[test]
fn unwritable_folder_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("records");
    let store = Store::open(&dir).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    let path = store.create(&rec).unwrap();
    let before = fs::read(&path).unwrap();
    rec.meeting.location = "changed".into();

    if is_root() {
        // chmod does not stop root: take the folder away and put a plain file in its place.
        println!("running as root: replacing the folder with a file instead of chmod");
        let moved = tmp.path().join("moved");
        fs::rename(&dir, &moved).unwrap();
        fs::write(&dir, "not a folder").unwrap();
        let err = store.save(&path, &rec).unwrap_err();
        assert!(err.to_string().contains("records"), "{err}");
        let moved_path = moved.join(path.file_name().unwrap());
        assert_eq!(fs::read(moved_path).unwrap(), before);
        assert_eq!(temps(&moved), Vec::<String>::new());
        assert_eq!(fs::read_to_string(&dir).unwrap(), "not a folder");
    } else {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
        let result = store.save(&path, &rec);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        let err = result.unwrap_err();
        assert!(err.to_string().contains("records"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(temps(&dir), Vec::<String>::new());
    }
}

#[test]
fn names_in_any_script_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    for name in [
        "Zoë Ó Súilleabháin",
        "Łukasz Kowalski",
        "陈伟",
        "Sam 🙂 Lee",
    ] {
        rec.attendees
            .push(Attendee::new(name, "Advocate", "Åsa Ltd"));
    }
    rec.agenda[0]
        .notes
        .push(Note::new(now(), "陈伟 said: “fine” 🙂\nZoë agreed."));
    let path = store.create(&rec).unwrap();
    assert_eq!(store.load(&path).unwrap().record, rec);
    let people = &store.list().unwrap().entries[0].summary.people;
    assert!(people.iter().any(|p| p == "陈伟"), "{people:?}");
}

#[test]
fn five_megabyte_record_saves_and_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    let line = "The adult said they felt safe at home but worried about visits. ".repeat(8);
    while serde_json::to_vec(&rec).unwrap().len() < 5_000_000 {
        for _ in 0..500 {
            rec.agenda[0].notes.push(Note::new(now(), line.clone()));
        }
    }
    let path = store.create(&rec).unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 5_000_000);
    store.save(&path, &rec).unwrap();
    assert_eq!(store.load(&path).unwrap().record, rec);
}

// ---------------------------------------------------------------- editing sessions

#[test]
fn record_file_saves_until_someone_else_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    let mut file = store.create_record(&rec).unwrap();
    let path = file.path().to_owned();
    for i in 0..5 {
        rec.agenda[0]
            .notes
            .push(Note::new(now(), format!("point {i}")));
        file.save(&rec).unwrap();
    }
    assert_eq!(load_file(&path).unwrap(), rec);

    // Another program rewrites the file in place: the next save refuses.
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("point 4", "THEIR EDIT");
    fs::write(&path, &theirs).unwrap();
    rec.agenda[0].notes.push(Note::new(now(), "mine"));
    let err = file.save(&rec).unwrap_err();
    assert!(matches!(err, Error::Changed { .. }), "{err}");
    assert!(err.to_string().contains(path.to_str().unwrap()), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "not overwritten"
    );
    assert_eq!(temps(tmp.path()), Vec::<String>::new());

    // Reopen (after the first session lets go): saving works again.
    drop(file);
    let (loaded, file) = store.open_record(&path).unwrap();
    let mut file = file.expect("writable");
    assert_eq!(loaded.read_only, None);
    file.save(&rec).unwrap();

    // Replaced by another file (as editors do): refused too, even with equal content.
    let copy = tmp.path().join("copy");
    fs::copy(&path, &copy).unwrap();
    fs::rename(&copy, &path).unwrap();
    assert!(matches!(file.save(&rec), Err(Error::Changed { .. })));

    // Deleted: refused, and nothing is written back.
    fs::remove_file(&path).unwrap();
    let err = file.save(&rec).unwrap_err();
    assert!(err.to_string().contains("deleted"), "{err}");
    assert!(!path.exists());
}

#[test]
fn record_file_refuses_another_record() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut file = store
        .create_record(&record("ab12cd34", "2026-11-23"))
        .unwrap();
    let other = record("ffff0000", "2026-11-23");
    let err = file.save(&other).unwrap_err();
    assert!(err.to_string().contains("refusing"), "{err}");
}

/// What says whether a file was written: its inode (a save renames a new file over it), its
/// modification time and its bytes.
fn written_state(path: &Path) -> (u64, i64, i64, String) {
    let meta = fs::metadata(path).unwrap();
    let text = fs::read_to_string(path).unwrap();
    (meta.ino(), meta.mtime(), meta.mtime_nsec(), text)
}

#[test]
fn no_save_writes_a_record_that_breaks_a_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let rec = record("ab12cd34", "2026-11-23");
    let mut file = store.create_record(&rec).unwrap();
    let path = file.path().to_owned();
    let before = written_state(&path);
    let mut bad = rec.clone();
    for item in &mut bad.agenda {
        item.status = ItemStatus::Current;
    }
    let refused = |result: minutes::Result<()>, how: &str| {
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{how}: {err}");
        let said = err.to_string();
        assert!(
            said.starts_with(&path.display().to_string()),
            "{how}: {said}"
        );
        assert!(
            said.contains("2 agenda items are marked current"),
            "{how}: {said}"
        );
    };
    refused(file.save(&bad), "RecordFile::save");
    refused(store.save(&path, &bad), "Store::save");
    assert_eq!(written_state(&path), before, "the file is as it was");
    assert!(!bak(&path).exists());

    // A new record that breaks a rule is not created either.
    let mut other = bad.clone();
    other.id = id("ee");
    let err = store.create(&other).unwrap_err();
    assert!(err.to_string().contains("marked current"), "{err}");
    let err = store.create_record(&other).unwrap_err();
    assert!(err.to_string().contains("marked current"), "{err}");
    assert!(!store.path_for(&other).exists());

    // Nor is a copy; but the recovery file, the last resort when the program must stop, is
    // written anyway: a file that needs repair is better than lost text.
    let copy = tmp.path().join("copy.json");
    let err = recovery::save_copy(&copy, &bad).unwrap_err();
    assert!(err.to_string().contains("marked current"), "{err}");
    assert!(!copy.exists());
    let rescued = recovery::write_recovery(&path, &bad).unwrap();
    assert_eq!(load_file(&rescued).unwrap(), bad);
    assert_eq!(temps(tmp.path()), Vec::<String>::new());

    // The same handle still saves a valid record.
    let mut good = rec;
    good.meeting.location = "Room 4".into();
    file.save(&good).unwrap();
    assert_eq!(load_file(&path).unwrap(), good);
}

#[test]
fn saving_what_is_on_disk_writes_nothing_and_keeps_the_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    let mut file = store.create_record(&rec).unwrap();
    let path = file.path().to_owned();
    let created = written_state(&path);
    file.save(&rec).unwrap();
    assert_eq!(written_state(&path), created, "nothing written");
    assert!(!bak(&path).exists(), "no backup of an unchanged file");

    rec.meeting.location = "Room 4".into();
    file.save(&rec).unwrap();
    let changed = written_state(&path);
    assert_ne!(changed.3, created.3);
    assert_eq!(fs::read_to_string(bak(&path)).unwrap(), created.3);
    for _ in 0..2 {
        file.save(&rec).unwrap();
        store.save(&path, &rec).unwrap();
    }
    assert_eq!(written_state(&path), changed, "nothing written");
    assert_eq!(
        fs::read_to_string(bak(&path)).unwrap(),
        created.3,
        ".bak still holds the version before the last real change"
    );

    // A session that opens the file and saves what it read writes nothing either.
    drop(file);
    let (loaded, file) = store.open_record(&path).unwrap();
    file.expect("writable").save(&loaded.record).unwrap();
    assert_eq!(written_state(&path), changed);
}

// ---------------------------------------------------------------- bad files

/// A well-formed record, with `meeting.date` replaced by a number.
fn wrong_type_text() -> String {
    let mut value = serde_json::to_value(record("cd000000", "2026-11-23")).unwrap();
    value["meeting"]["date"] = json!(20_261_123);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn bad_files_are_reported_and_never_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let good = store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    let full = fs::read_to_string(&good).unwrap();

    let cases: Vec<(&str, Vec<u8>, &str, Option<usize>)> = vec![
        (
            "2026-01-01-x-aa000001.json",
            full.as_bytes()[..full.len() / 2].to_vec(),
            "truncated",
            None,
        ),
        (
            "2026-01-01-x-aa000002.json",
            b"[1, 2, 3]\n".to_vec(),
            "JSON array",
            Some(1),
        ),
        (
            "2026-01-01-x-aa000003.json",
            wrong_type_text().into_bytes(),
            "meeting.date",
            None,
        ),
        ("2026-01-01-x-aa000004.json", Vec::new(), "empty file", None),
    ];
    for (name, bytes, expect, line) in &cases {
        let path = tmp.path().join(name);
        fs::write(&path, bytes).unwrap();
        let err = store.load(&path).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(path.to_str().unwrap()),
            "names the file: {text}"
        );
        assert!(text.contains(expect), "{name}: {text}");
        if let Some(line) = line {
            assert!(
                matches!(err, Error::Parse { line: l, .. } if l == *line),
                "{text}"
            );
        }
        if *expect != "empty file" {
            assert!(text.contains("line ") && text.contains("column "), "{text}");
        }
        // No handle to write it with, and the lock is not kept.
        assert!(store.open_record(&path).is_err());
        store.lock(&path).unwrap();
    }

    let listing = store.list().unwrap();
    assert_eq!(listing.entries.len(), 1);
    assert_eq!(listing.entries[0].path, good);
    assert_eq!(listing.problems.len(), cases.len());
    for (problem, (name, ..)) in listing.problems.iter().zip(&cases) {
        assert!(problem.to_string().contains(name), "{problem}");
    }
    // A second listing (cache now written) still reports them.
    assert_eq!(store.list().unwrap().problems.len(), cases.len());

    for (name, bytes, ..) in &cases {
        assert_eq!(&fs::read(tmp.path().join(name)).unwrap(), bytes, "{name}");
        assert!(!bak(&tmp.path().join(name)).exists());
    }
    assert_eq!(temps(tmp.path()), Vec::<String>::new());
}

#[test]
fn format_problems_are_reported_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    let twin = rec.agenda[0].clone();
    rec.agenda.push(twin);
    // As a hand edit might leave it: the store itself never writes such a record.
    let path = common::write_unchecked(store.dir(), &rec);
    let loaded = store.load(&path).unwrap();
    assert!(
        loaded.problems.iter().any(|p| p.contains("appears twice")),
        "{:?}",
        loaded.problems
    );
    // No change puts that right, so it opens read-only, saying why.
    let (opened, handle) = store.open_record(&path).unwrap();
    assert!(handle.is_none());
    let reason = opened.read_only.unwrap();
    assert!(
        reason.contains("agenda key 'welcome' appears twice"),
        "{reason}"
    );
    assert!(reason.contains("minutes check"), "{reason}");

    // Several current items, which a change puts right, open for editing.
    let mut older = record("cd000000", "2026-11-23");
    for item in &mut older.agenda {
        item.status = ItemStatus::Current;
    }
    let path = common::write_unchecked(store.dir(), &older);
    let (opened, handle) = store.open_record(&path).unwrap();
    assert!(handle.is_some(), "{:?}", opened.read_only);
    assert_eq!(opened.problems.len(), 1, "{:?}", opened.problems);
}

// ---------------------------------------------------------------- newer versions, other owners

/// A record as a newer version might write it: schema 2, unknown fields at several levels.
fn future_record() -> Value {
    let mut value = serde_json::to_value(record("ab12cd34", "2026-11-23")).unwrap();
    value["schema_version"] = json!(2);
    value["signatures"] = json!([{"by": "Chair", "at": "2026-11-24"}]);
    value["meeting"]["hybrid_link"] = json!("https://example.invalid/m");
    value["attendees"][0]["pronouns"] = json!("she/her");
    value["agenda"][0]["timer"] = json!({"seconds": 300});
    value["agenda"][0]["notes"][0]["audio_ref"] = json!("clip-1");
    value
}

#[test]
fn newer_schema_loads_read_only_and_keeps_unknown_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = tmp.path().join("2026-11-23-case-conference-ab12cd34.json");
    let original = future_record();
    fs::write(&path, serde_json::to_vec_pretty(&original).unwrap()).unwrap();

    let loaded = store.load(&path).unwrap();
    let reason = loaded.read_only.clone().expect("read-only");
    assert!(
        reason.contains("newer version of minutes (schema 2)"),
        "{reason}"
    );
    let (again, handle) = store.open_record(&path).unwrap();
    assert!(handle.is_none(), "no way to write it");
    assert!(again.read_only.is_some());

    let copy = tmp.path().join("copy.json");
    store.save(&copy, &loaded.record).unwrap();
    let round: Value = serde_json::from_slice(&fs::read(&copy).unwrap()).unwrap();
    assert_eq!(round, original);
    assert!(store.list().unwrap().entries[0].summary.newer_schema);
}

#[test]
fn unknown_fields_survive_an_editing_session() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = tmp.path().join("2026-11-23-case-conference-ab12cd34.json");
    let mut original = future_record();
    original["schema_version"] = json!(1);
    fs::write(&path, serde_json::to_vec_pretty(&original).unwrap()).unwrap();

    let (loaded, handle) = store.open_record(&path).unwrap();
    let mut file = handle.expect("writable");
    let mut rec = loaded.record;
    rec.meeting.chair = "Pat".into();
    file.save(&rec).unwrap();
    let mut expected = original;
    expected["meeting"]["chair"] = json!("Pat");
    let round: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(round, expected);
}

#[test]
fn newer_schema_that_does_not_parse_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("x.json");
    let mut value = future_record();
    value["meeting"] = json!("now a string");
    fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
    let err = load_file(&path).unwrap_err().to_string();
    assert!(err.contains("newer version of minutes (schema 2)"), "{err}");
}

#[test]
fn file_of_another_user_opens_read_only() {
    if !is_root() {
        println!("skipped: needs root to give a file to another user");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    std::os::unix::fs::chown(&path, Some(65534), None).unwrap();
    let loaded = store.load(&path).unwrap();
    let reason = loaded.read_only.expect("read-only");
    assert!(reason.contains("uid 65534"), "{reason}");
    assert!(reason.contains("change its owner"), "{reason}");
    assert!(store.open_record(&path).unwrap().1.is_none());
    assert_eq!(fs::metadata(&path).unwrap().uid(), 65534);
}

// ---------------------------------------------------------------- locking

#[test]
fn one_writer_per_record() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let rec = record("ab12cd34", "2026-11-23");
    let file = store.create_record(&rec).unwrap();
    let path = file.path().to_owned();
    let lock_file = file.lock().lock_file().to_owned();
    assert_eq!(
        lock_file.file_name().unwrap(),
        ".2026-11-23-case-conference-ab12cd34.json.lock"
    );
    assert_eq!(mode(&lock_file), 0o600);

    let err = store.lock(&path).unwrap_err();
    let Error::Locked { holder, .. } = &err else {
        panic!("{err}")
    };
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    assert!(holder.contains(&format!("on {host} (pid {})", std::process::id())));
    assert!(holder.contains(" since 20"), "{holder}");

    // A second session may read it, but not write it.
    let (loaded, handle) = store.open_record(&path).unwrap();
    assert!(handle.is_none());
    let reason = loaded.read_only.unwrap();
    assert!(reason.starts_with("in use by "), "{reason}");

    drop(file);
    let lock = store.lock(&path).unwrap();
    drop(lock);
    assert!(store.open_record(&path).unwrap().1.is_some());
}

#[test]
fn stale_lock_file_is_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    let lock_file = tmp
        .path()
        .join(".2026-11-23-case-conference-ab12cd34.json.lock");
    // What a session killed mid-meeting leaves: holder details, but no one holds the flock.
    fs::write(
        &lock_file,
        r#"{"user":"jane","host":"gone","pid":4242,"since":"2026-11-23T09:00:00+00:00"}"#,
    )
    .unwrap();
    let lock = store.lock(&path).unwrap();
    let text = fs::read_to_string(&lock_file).unwrap();
    assert!(
        text.contains(&format!("\"pid\":{}", std::process::id())),
        "{text}"
    );
    drop(lock);
}

// ---------------------------------------------------------------- listing and resolving

#[test]
fn list_is_newest_first_and_skips_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let old = store.create(&record("a1000000", "2025-03-01")).unwrap();
    let mut newest = record("b2000000", "2026-11-23");
    let mut same_day = record("c3000000", "2026-11-23");
    newest.touch(now() + chrono::Duration::hours(2));
    same_day.touch(now() + chrono::Duration::hours(1));
    let newest_path = store.create(&newest).unwrap();
    let same_day_path = store.create(&same_day).unwrap();
    store.save(&old, &record("a1000000", "2025-03-01")).unwrap(); // makes a .bak
    let _lock = store.lock(&old).unwrap();
    fs::write(tmp.path().join("notes.txt"), "hello").unwrap();
    fs::write(tmp.path().join(".hidden.json"), "{").unwrap();

    let listing = store.list().unwrap();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    let paths: Vec<_> = listing.entries.iter().map(|e| e.path.clone()).collect();
    assert_eq!(paths, [newest_path, same_day_path, old]);
    let index = tmp.path().join(".index.json");
    assert_eq!(mode(&index), 0o600);
}

/// The lines of `.index.json` (JSON Lines: a header, then one line per record file).
fn cache_lines(dir: &Path) -> Vec<Value> {
    fs::read_to_string(dir.join(".index.json"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The cached summary of the file `name`.
fn cached_summary(dir: &Path, name: &str) -> Value {
    let lines = cache_lines(dir);
    let line = lines.iter().find(|line| line["name"] == name).unwrap();
    line["summary"].clone()
}

/// Rewrites one cached summary's title in `.index.json`.
fn doctor_cache(dir: &Path, name: &str, title: &str) {
    let mut text = String::new();
    for mut line in cache_lines(dir) {
        if line["name"] == name {
            line["summary"]["title"] = json!(title);
        }
        text.push_str(&serde_json::to_string(&line).unwrap());
        text.push('\n');
    }
    fs::write(dir.join(".index.json"), text).unwrap();
}

#[test]
fn list_uses_the_cache_until_a_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut rec = record("ab12cd34", "2026-11-23");
    let path = store.create(&rec).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    assert_eq!(store.list().unwrap().entries.len(), 1);

    // The file is unchanged, so the (doctored) cache entry is believed.
    doctor_cache(tmp.path(), &name, "FROM CACHE");
    assert_eq!(store.list().unwrap().entries[0].summary.title, "FROM CACHE");

    // A save changes size and mtime: the file is read again.
    rec.meeting.title = "Retitled".into();
    store.save(&path, &rec).unwrap();
    assert_eq!(store.list().unwrap().entries[0].summary.title, "Retitled");

    // A damaged cache is rebuilt.
    fs::write(tmp.path().join(".index.json"), "{ damaged").unwrap();
    assert_eq!(store.list().unwrap().entries[0].summary.title, "Retitled");
    assert_eq!(cached_summary(tmp.path(), &name)["title"], "Retitled");

    // A removed file leaves the listing (and the cache).
    fs::remove_file(&path).unwrap();
    assert!(store.list().unwrap().entries.is_empty());
}

#[test]
fn list_works_when_the_cache_cannot_be_written() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    // A folder where the cache should go: renaming over it fails, even for root.
    fs::create_dir(tmp.path().join(".index.json")).unwrap();
    fs::write(tmp.path().join(".index.json/keep"), "x").unwrap();
    for _ in 0..2 {
        let listing = store.list().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert!(listing.problems.is_empty());
    }
    assert_eq!(temps(tmp.path()), Vec::<String>::new());
}

#[test]
fn resolve_by_path_name_or_id_prefix() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let a = store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    let b = store.create(&record("ab99ee00", "2026-11-24")).unwrap();
    let broken = tmp.path().join("2026-11-25-case-conference-f00dfeed.json");
    fs::write(&broken, "{").unwrap();

    assert_eq!(store.resolve(a.to_str().unwrap()).unwrap(), a);
    let name = b.file_name().unwrap().to_str().unwrap();
    assert_eq!(store.resolve(name).unwrap(), b);
    assert_eq!(store.resolve("ab12").unwrap(), a);
    assert_eq!(store.resolve("AB99E").unwrap(), b);
    assert_eq!(store.resolve(&id("ab12cd34")).unwrap(), a);
    assert_eq!(
        store.resolve("f00d").unwrap(),
        broken,
        "broken files can be named"
    );

    match store.resolve("ab").unwrap_err() {
        Error::Ambiguous { candidates, .. } => {
            assert_eq!(candidates.len(), 2);
            assert!(candidates.contains(&id("ab12cd34")), "{candidates:?}");
        }
        other => panic!("{other}"),
    }
    for query in ["cafe", "zz", ""] {
        let err = store.resolve(query).unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{query}: {err}");
    }
}

#[test]
fn temp_left_by_a_crash_is_reported_not_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = store.create(&record("ab12cd34", "2026-11-23")).unwrap();
    let before = fs::read(&path).unwrap();
    // A crash after the temp was written but before the rename leaves it behind.
    let leftover = tmp.path().join(".tmp-AbC123");
    fs::write(&leftover, &before[..100]).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();

    let listing = store.list().unwrap();
    assert_eq!(listing.entries.len(), 1);
    assert!(listing.problems.is_empty());
    assert_eq!(listing.warnings.len(), 1, "{:?}", listing.warnings);
    assert!(listing.warnings[0].contains(".tmp-AbC123"));
    assert!(listing.warnings[0].contains("interrupted save"));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(
        leftover.exists(),
        "never deleted: it may hold the newest text"
    );

    // A fresh temp may be a save in progress: no warning.
    fs::write(tmp.path().join(".tmp-new"), "x").unwrap();
    assert_eq!(store.list().unwrap().warnings.len(), 1);
}

// ---------------------------------------------------------------- recovery and copies

#[test]
fn recovery_file_is_hidden_private_complete_and_listed_as_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let rec = record("ab12cd34", "2026-11-23");
    let path = store.create(&rec).unwrap();
    let mut newer = rec.clone();
    newer.agenda[0]
        .notes
        .push(Note::new(now(), "Typed after the last save."));

    let first = recovery::write_recovery(&path, &newer).unwrap();
    let second = recovery::write_recovery(&path, &newer).unwrap();
    assert_ne!(first, second, "never replaces an earlier recovery file");
    for file in [&first, &second] {
        assert_eq!(file.parent(), path.parent(), "beside the record");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with(".2026-11-23-case-conference-ab12cd34.recovery-"),
            "{name}"
        );
        assert!(name.ends_with(".json"), "{name}");
        assert_eq!(mode(file), 0o600);
        assert_eq!(load_file(file).unwrap(), newer);
    }
    assert_eq!(load_file(&path).unwrap(), rec, "the record is untouched");
    assert!(temps(tmp.path()).is_empty());

    // Not a record in the listing, but not forgotten either.
    let listing = store.list().unwrap();
    assert_eq!(listing.entries.len(), 1);
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.warnings.len(), 2, "{:?}", listing.warnings);
    assert!(listing.warnings[0].contains("recovery file"));
    assert!(listing.warnings[0].contains("minutes show"));
}

#[test]
fn copy_never_overwrites_another_file() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = record("ab12cd34", "2026-11-23");

    // A new file.
    let target = tmp.path().join("copy.json");
    assert_eq!(recovery::save_copy(&target, &rec).unwrap(), target);
    assert_eq!(mode(&target), 0o600);
    assert_eq!(load_file(&target).unwrap(), rec);

    // Again over the copy of the same meeting: fine, it is newer.
    let mut newer = rec.clone();
    newer.meeting.location = "Room 4".into();
    recovery::save_copy(&target, &newer).unwrap();
    assert_eq!(load_file(&target).unwrap(), newer);

    // Another meeting's record, or any other file: refused, untouched.
    let other = record("ef56ab78", "2026-11-23");
    let err = recovery::save_copy(&target, &other).unwrap_err();
    assert!(matches!(err, Error::Exists { .. }), "{err}");
    assert!(err.to_string().contains("copy.json"), "{err}");
    assert_eq!(load_file(&target).unwrap(), newer);
    let notes = tmp.path().join("notes.txt");
    fs::write(&notes, "my shopping list").unwrap();
    assert!(recovery::save_copy(&notes, &rec).is_err());
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my shopping list");

    // A folder: the copy goes inside under the record's usual name.
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let written = recovery::save_copy(&usb, &rec).unwrap();
    assert_eq!(
        written,
        usb.join("2026-11-23-case-conference-ab12cd34.json")
    );

    // A folder that is not there: the error names it.
    let err = recovery::save_copy(&tmp.path().join("gone/copy.json"), &rec).unwrap_err();
    assert!(err.to_string().contains("gone"), "{err}");
    assert!(temps(tmp.path()).is_empty());
}
