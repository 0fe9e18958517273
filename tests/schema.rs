//! The published JSON Schema (`minutes::model::record_schema`) against the fixtures: every
//! fixture passes, broken records fail, and the generated fixtures match their builders.
//!
//! `typical.json`, `two-part.json` and `unicode.json` are written from the builders in
//! `tests/common`. After changing a builder or the record format, regenerate them with
//! `MINUTES_UPDATE_FIXTURES=1 cargo test --test schema` and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use minutes::model::{Record, record_schema};
use serde_json::{Value, json};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read_json(path: &Path) -> Value {
    let text = fs_err::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&record_schema()).expect("the record schema is a valid schema")
}

/// The schema's complaints about `instance`, one per line; empty when it is valid.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixture_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs_err::read_dir(fixtures_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_fixture_is_valid_against_the_schema_and_loads() {
    let validator = validator();
    let paths = fixture_paths();
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "minimal.json",
        "newer-schema.json",
        "two-part.json",
        "typical.json",
        "unicode.json",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "missing fixture {expected}"
        );
    }
    for path in &paths {
        let value = read_json(path);
        let problems = errors(&validator, &value);
        assert!(problems.is_empty(), "{}:\n{problems}", path.display());
        let record: Record = serde_json::from_value(value)
            .unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
        assert!(
            record.problems().is_empty(),
            "{}: {:?}",
            path.display(),
            record.problems()
        );
    }
}

#[test]
fn unknown_fields_from_a_newer_version_pass_and_survive_a_round_trip() {
    let value = read_json(&fixtures_dir().join("newer-schema.json"));
    let record: Record = serde_json::from_value(value.clone()).unwrap();
    assert!(!record.is_writable_by_this_version());
    let back = serde_json::to_value(&record).unwrap();
    assert_eq!(back["signatures"], value["signatures"]);
    assert_eq!(
        back["meeting"]["hybrid_link"],
        value["meeting"]["hybrid_link"]
    );
    assert_eq!(back["attendees"][0]["pronouns"], "they/them");
    assert_eq!(back["agenda"][0]["timer_seconds"], 300);
    assert_eq!(back["agenda"][0]["notes"][0]["audio_offset_ms"], 12345);
    assert_eq!(back["actions"][0]["priority"], "high");
    assert_eq!(back["review"]["reminders"], json!(["2027-03-25"]));
}

/// The minimal fixture with one change applied.
fn broken(change: impl FnOnce(&mut Value)) -> Value {
    let mut value = read_json(&fixtures_dir().join("minimal.json"));
    change(&mut value);
    value
}

fn finding(abuse_type: &str) -> Value {
    json!({
        "allegation": "Test allegation",
        "abuse_type": abuse_type,
        "at": "2026-11-23T10:30:00+00:00"
    })
}

#[test]
fn broken_records_are_rejected_by_the_schema_and_by_the_loader() {
    let validator = validator();
    // The unchanged base must pass, or the rejections below would prove nothing.
    let base = broken(|_| {});
    assert!(errors(&validator, &base).is_empty());
    let good = broken(|v| v["findings"] = json!([finding("neglect")]));
    assert!(
        errors(&validator, &good).is_empty(),
        "{}",
        errors(&validator, &good)
    );

    let cases: Vec<(&str, Value)> = vec![
        (
            "abuse_type outside the SAC list",
            broken(|v| v["findings"] = json!([finding("bullying")])),
        ),
        (
            "meeting.date missing",
            broken(|v| {
                v["meeting"].as_object_mut().unwrap().remove("date");
            }),
        ),
        (
            "schema_version as a string",
            broken(|v| v["schema_version"] = json!("1")),
        ),
        (
            "action id as a string",
            broken(|v| {
                v["actions"] = json!([{
                    "id": "one",
                    "text": "Do it",
                    "created_at": "2026-11-23T10:30:00+00:00"
                }]);
            }),
        ),
        (
            "visibility outside its list",
            broken(|v| {
                v["agenda"] = json!([{
                    "key": "k",
                    "title": "T",
                    "notes": [{
                        "at": "2026-11-23T10:30:00+00:00",
                        "text": "x",
                        "visibility": "secret"
                    }]
                }]);
            }),
        ),
        (
            "attendees not a list",
            broken(|v| v["attendees"] = json!({"name": "Jo"})),
        ),
        (
            "negative schema_version",
            broken(|v| v["schema_version"] = json!(-1)),
        ),
    ];
    for (what, value) in cases {
        assert!(
            !validator.is_valid(&value),
            "schema accepted a record with {what}"
        );
        assert!(
            serde_json::from_value::<Record>(value).is_err(),
            "loader accepted a record with {what}"
        );
    }
}

#[test]
fn generated_fixtures_match_their_builders() {
    let update = std::env::var_os("MINUTES_UPDATE_FIXTURES").is_some_and(|v| v == "1");
    type Builder = fn() -> Record;
    let builders: [(&str, Builder); 3] = [
        ("typical.json", common::typical_record),
        ("two-part.json", common::two_part_record),
        ("unicode.json", common::unicode_record),
    ];
    for (name, build) in builders {
        let path = fixtures_dir().join(name);
        let expected = serde_json::to_string_pretty(&build()).unwrap() + "\n";
        if update {
            fs_err::write(&path, &expected).unwrap();
            continue;
        }
        let actual = fs_err::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{name} differs from its builder in tests/common; if the change is intended, run \
             MINUTES_UPDATE_FIXTURES=1 cargo test --test schema and review the diff"
        );
    }
}

#[test]
fn typical_fixture_is_a_full_case_conference_of_about_30_kb() {
    let record = common::typical_record();
    let bytes = serde_json::to_string_pretty(&record).unwrap().len();
    assert!((20_000..40_000).contains(&bytes), "{bytes} bytes");
    assert!(record.attendees.len() >= 10);
    assert!(record.agenda.iter().all(|item| !item.notes.is_empty()));
    assert_eq!(record.findings.len(), 2);
    assert_eq!(record.decisions.len(), 3);
    assert_eq!(
        record
            .decisions
            .iter()
            .filter(|d| d.dissent.is_some())
            .count(),
        1
    );
    assert_eq!(record.actions.len(), 5);
    assert!(record.problems().is_empty(), "{:?}", record.problems());
}

#[test]
fn large_record_is_about_a_megabyte_of_notes() {
    let record = common::large_record();
    let note_bytes: usize = record.notes().map(|(_, n)| n.text.len()).sum();
    assert_eq!(record.notes().count(), 300);
    assert!((900_000..1_200_000).contains(&note_bytes), "{note_bytes}");
    assert_eq!(record.actions.len(), 200);
    assert_eq!(record.attendees.len(), 40);
    assert!(record.problems().is_empty(), "{:?}", record.problems());
}
