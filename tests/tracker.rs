#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The action tracker, writing an action's status back, and full-text search: the core
//! functions on temp folders, and the `minutes actions`, `minutes action` and
//! `minutes search` commands.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use minutes::Error;
use minutes::model::{ActionStatus, ActionUpdate, Decision, Extra, Record, Visibility};
use minutes::search::{Field, Place, Query, SearchOptions, search_record};
use minutes::store::{ListEntry, Store};
use minutes::tracker::{ActionFilter, ActionState, Which, tracked_actions};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------- helpers

fn today() -> NaiveDate {
    common::date("2026-11-23")
}

/// A 32-hex-digit id made of `prefix` repeated (`aa` gives short id `aaaaaaaa`).
fn id(prefix: &str) -> String {
    prefix.repeat(32 / prefix.len())
}

/// A record with these actions: (id, text, owner, agency, due or "", status).
fn record_with(
    id_prefix: &str,
    date: &str,
    actions: &[(u32, &str, &str, &str, &str, ActionStatus)],
) -> Record {
    let mut record = common::blank_record(&id(id_prefix), &format!("Meeting {id_prefix}"));
    record.meeting.date = common::date(date);
    record.meeting.subject_ref = format!("SG-{id_prefix}");
    record.actions = actions
        .iter()
        .map(|(n, text, owner, agency, due, status)| {
            let mut action = common::action(*n, text, owner, agency, "2026-01-01", "actions");
            action.due = (!due.is_empty()).then(|| common::date(due));
            action.status = *status;
            if *status != ActionStatus::Open {
                action.status_at = Some(common::ts(&format!("{date}T12:00:00+00:00")));
            }
            action
        })
        .collect();
    record
}

/// Three records whose actions cover every state on [`today`].
fn tracker_store(dir: &Path) -> Store {
    use ActionStatus::{Cancelled, Done, Open};
    let store = Store::open(dir).unwrap();
    let records = [
        record_with(
            "aa",
            "2026-10-01",
            &[
                (
                    1,
                    "Chase GP records",
                    "Jane Smith",
                    "Police",
                    "2026-11-20",
                    Open,
                ),
                (
                    2,
                    "Send call logs",
                    "Mark Bennett",
                    "Oakfield Home Care",
                    "2026-11-01",
                    Open,
                ),
                (3, "Old letter", "Jane Smith", "Police", "2026-10-05", Done),
            ],
        ),
        record_with(
            "bb",
            "2026-11-16",
            &[
                (
                    1,
                    "Visit Mrs Warren",
                    "Zoë Ó Briain",
                    "Adult Social Care",
                    "2026-11-30",
                    Open,
                ),
                (2, "Book interpreter", "陈伟", "华人社区服务", "", Open),
                (
                    3,
                    "Due today is not overdue",
                    "Amara Okafor",
                    "Adult Social Care",
                    "2026-11-23",
                    Open,
                ),
                (
                    4,
                    "Not needed",
                    "Claire Dubois",
                    "Community Health NHS Trust",
                    "2026-11-01",
                    Cancelled,
                ),
            ],
        ),
        record_with(
            "cc",
            "2026-11-20",
            &[(
                1,
                "Overdue by one day",
                "ZOË Ó BRIAIN",
                "Adult Social Care",
                "2026-11-22",
                Open,
            )],
        ),
    ];
    for record in &records {
        store.create(record).unwrap();
    }
    store
}

fn references(tracked: &[minutes::tracker::TrackedAction<'_>]) -> Vec<String> {
    tracked.iter().map(|t| t.reference()).collect()
}

fn filter(which: Which, owner: Option<&str>, agency: Option<&str>) -> ActionFilter {
    ActionFilter {
        which,
        owner: owner.map(str::to_owned),
        agency: agency.map(str::to_owned),
    }
}

/// A `minutes` command isolated from the user's own folders, on `records`.
fn minutes(records: &Path) -> Command {
    let mut cmd = Command::cargo_bin("minutes").expect("binary built");
    cmd.env("MINUTES_DIR", records)
        .env("MINUTES_CONFIG_DIR", records.join("no-config"))
        .env_remove("NO_COLOR");
    cmd
}

/// Runs `minutes` on the records folder in `dir` (made by [`cli_store`] or
/// [`search_store`] with a `records` subfolder, private as the store makes it).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = minutes(&dir.join("records"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The lines removed from `old` and added in `new` (a plain LCS diff).
fn line_diff(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j].trim().to_owned());
            j += 1;
        } else {
            removed.push(a[i].trim().to_owned());
            i += 1;
        }
    }
    (removed, added)
}

// ---------------------------------------------------------------- the tracker

#[test]
fn overdue_first_most_overdue_first_then_open_by_due_date_then_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tracker_store(tmp.path());
    let listing = store.list().unwrap();
    let tracked = tracked_actions(&listing.entries, today(), &ActionFilter::default());
    assert_eq!(
        references(&tracked),
        [
            // overdue: 22 days, 3 days, 1 day
            "aaaaaaaa/2",
            "aaaaaaaa/1",
            "cccccccc/1",
            // open by due date (due today is not overdue), no due date last
            "bbbbbbbb/3",
            "bbbbbbbb/1",
            "bbbbbbbb/2",
            // done and cancelled, most recently changed first
            "bbbbbbbb/4",
            "aaaaaaaa/3",
        ]
    );
    assert_eq!(tracked[0].state, ActionState::Overdue { days: 22 });
    assert_eq!(tracked[2].state, ActionState::Overdue { days: 1 });
    assert_eq!(tracked[3].state, ActionState::Open);
    assert_eq!(tracked[7].state, ActionState::Done);
    let first = &tracked[0];
    assert_eq!(first.record().title, "Meeting aa");
    assert_eq!(first.record().subject_ref, "SG-aa");
    assert_eq!(first.record().date, common::date("2026-10-01"));
    assert_eq!(first.action.owner, "Mark Bennett");
    assert_eq!(first.action.agency, "Oakfield Home Care");
    assert!(
        first
            .path()
            .ends_with("2026-10-01-case-conference-aaaaaaaa.json")
    );
    // The same actions on a later day: more are overdue.
    let later = tracked_actions(
        &listing.entries,
        common::date("2026-12-01"),
        &filter(Which::Overdue, None, None),
    );
    assert_eq!(later.len(), 5);
}

#[test]
fn filters_by_state_owner_and_agency_ignoring_case() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tracker_store(tmp.path());
    let entries = store.list().unwrap().entries;
    let refs = |f: ActionFilter| references(&tracked_actions(&entries, today(), &f));
    assert_eq!(
        refs(filter(Which::Overdue, None, None)),
        ["aaaaaaaa/2", "aaaaaaaa/1", "cccccccc/1"]
    );
    assert_eq!(refs(filter(Which::Open, None, None)).len(), 6);
    assert_eq!(
        refs(filter(Which::All, Some("SMITH"), None)),
        ["aaaaaaaa/1", "aaaaaaaa/3"]
    );
    // Non-ASCII case: "zoë" finds "Zoë Ó Briain" and "ZOË Ó BRIAIN".
    assert_eq!(
        refs(filter(Which::All, Some("zoë ó"), None)),
        ["cccccccc/1", "bbbbbbbb/1"]
    );
    assert_eq!(refs(filter(Which::All, Some("陈"), None)), ["bbbbbbbb/2"]);
    assert_eq!(
        refs(filter(Which::Open, None, Some("adult social"))),
        ["cccccccc/1", "bbbbbbbb/3", "bbbbbbbb/1"]
    );
    assert_eq!(
        refs(filter(Which::Overdue, Some("jane"), Some("police"))),
        ["aaaaaaaa/1"]
    );
    assert!(refs(filter(Which::All, Some("nobody"), None)).is_empty());
}

#[test]
fn tracker_needs_no_record_parsed_and_an_old_cache_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tracker_store(tmp.path());
    store.list().unwrap();
    // A cache from version 1 (no actions in it) is ignored and rewritten.
    let index = tmp.path().join(".index.json");
    std::fs::write(
        &index,
        r#"{"index_version":1,"schema_version":1,"files":{}}"#,
    )
    .unwrap();
    let listing = store.list().unwrap();
    assert_eq!(
        tracked_actions(&listing.entries, today(), &ActionFilter::default()).len(),
        8
    );
    let header = std::fs::read_to_string(&index).unwrap();
    assert!(header.starts_with(r#"{"index_version":2,"#), "{header}");
    // With the cache in place, the actions come from it: a doctored cached text shows.
    let doctored = std::fs::read_to_string(&index)
        .unwrap()
        .replace("Chase GP records", "FROM THE CACHE");
    std::fs::write(&index, doctored).unwrap();
    let listing = store.list().unwrap();
    let texts: Vec<String> = tracked_actions(&listing.entries, today(), &ActionFilter::default())
        .iter()
        .map(|t| t.action.text.clone())
        .collect();
    assert!(texts.contains(&"FROM THE CACHE".to_owned()), "{texts:?}");
}

// ---------------------------------------------------------------- write-back

#[test]
fn marking_done_changes_only_that_action_and_updated_at() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = store.create(&common::typical_record()).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let now = common::ts("2026-11-30T09:15:00+00:00");

    let written = store
        .set_action_status(
            &path,
            2,
            ActionStatus::Done,
            Some("Plan agreed with provider"),
            now,
        )
        .unwrap();
    assert_eq!(
        written.update,
        ActionUpdate::Changed {
            from: ActionStatus::Open
        }
    );
    assert_eq!(written.action.status, ActionStatus::Done);
    assert_eq!(written.action.status_at, Some(now));

    let after = std::fs::read_to_string(&path).unwrap();
    let (removed, added) = line_diff(&before, &after);
    assert_eq!(
        removed,
        [
            r#""updated_at": "2026-11-27T09:30:00Z","#,
            r#""status": "open","#,
            r#""status_at": null,"#,
        ]
    );
    assert_eq!(
        added,
        [
            r#""updated_at": "2026-11-30T09:15:00Z","#,
            r#""status": "done","#,
            r#""status_at": "2026-11-30T09:15:00Z","#,
            r#""status_note": "Plan agreed with provider","#,
        ]
    );
    // Those lines are action 2's: everything else is as it was, byte for byte.
    let record: Record = serde_json::from_str(&after).unwrap();
    let mut expected: Record = serde_json::from_str(&before).unwrap();
    expected.actions[1].status = ActionStatus::Done;
    expected.actions[1].status_at = Some(now);
    expected.actions[1].status_note = "Plan agreed with provider".into();
    expected.updated_at = now;
    assert_eq!(record, expected);
    // The previous version is kept, as for every save.
    let bak = PathBuf::from(format!("{}.bak", path.display()));
    assert_eq!(std::fs::read_to_string(bak).unwrap(), before);

    // The listing (and so the tracker) sees the change at once.
    let listing = store.list().unwrap();
    assert_eq!(
        listing.entries[0].summary.actions[1].status,
        ActionStatus::Done
    );
    assert_eq!(listing.entries[0].summary.open_actions, 3);

    // The same status again writes nothing.
    let again = store
        .set_action_status(&path, 2, ActionStatus::Done, None, now)
        .unwrap();
    assert_eq!(again.update, ActionUpdate::Unchanged);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn locked_record_is_refused_naming_who_holds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = store.create(&common::typical_record()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let lock = store.lock(&path).unwrap();
    let err = store
        .set_action_status(&path, 2, ActionStatus::Done, None, common::fixed_now())
        .unwrap_err();
    assert!(matches!(err, Error::Locked { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("in use by"), "{text}");
    assert!(
        text.contains(&format!("(pid {})", std::process::id())),
        "{text}"
    );
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);
    store
        .set_action_status(&path, 2, ActionStatus::Done, None, common::fixed_now())
        .unwrap();
}

#[test]
fn newer_schema_and_unknown_actions_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let path = tmp.path().join("2027-03-01-case-conference-fedcba98.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newer-schema.json");
    std::fs::copy(fixture, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = store
        .set_action_status(&path, 1, ActionStatus::Done, None, common::fixed_now())
        .unwrap_err()
        .to_string();
    assert!(err.contains("newer version"), "{err}");
    assert!(err.contains("action 1 not changed"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let path = store.create(&common::typical_record()).unwrap();
    let err = store
        .set_action_status(&path, 9, ActionStatus::Done, None, common::fixed_now())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no action 9 (its actions are 1, 2, 3, 4, 5)"),
        "{err}"
    );
    assert!(err.starts_with(&path.display().to_string()), "{err}");
}

// ---------------------------------------------------------------- search

/// A record whose decision says "rationale" in its text; every record has the key.
fn rationale_record() -> Record {
    let mut record = common::blank_record(&id("dd"), "Rationale test");
    record.decisions.push(Decision {
        text: "Close the enquiry".into(),
        rationale: "The Rationale is set out in the IO's report".into(),
        agenda_key: "risk".into(),
        at: common::at("10:30"),
        dissent: None,
        visibility: Visibility::All,
        extra: Extra::new(),
    });
    record
}

fn search_store(dir: &Path) -> Store {
    let store = Store::open(dir).unwrap();
    for record in [
        common::typical_record(),
        common::unicode_record(),
        common::two_part_record(),
        rationale_record(),
    ] {
        store.create(&record).unwrap();
    }
    store
}

/// (short id, place label with field, matched text) of each hit.
fn hits(entries: &[ListEntry], query: &str) -> Vec<(String, String, String)> {
    let query = Query::new(query).unwrap();
    let results = minutes::store::search(entries, &query, &SearchOptions::default());
    assert!(results.problems.is_empty(), "{:?}", results.problems);
    results
        .hits
        .iter()
        .map(|hit| {
            (
                hit.entry.summary.short_id().to_owned(),
                hit.found.label(),
                hit.found.snippet.matched.clone(),
            )
        })
        .collect()
}

fn hit(short: &str, label: &str, matched: &str) -> (String, String, String) {
    (short.into(), label.into(), matched.into())
}

#[test]
fn search_finds_every_kind_of_field() {
    let tmp = tempfile::tempdir().unwrap();
    let entries = search_store(tmp.path()).list().unwrap().entries;
    let typical = "5e1c0a7d";
    assert_eq!(
        hits(&entries, "£140 TAKEN"),
        [hit(typical, "finding 2 allegation", "£140 taken")]
    );
    assert_eq!(
        hits(&entries, "pressure ulcer. oakfield"),
        [hit(
            typical,
            "finding 1 rationale",
            "pressure ulcer. Oakfield"
        )]
    );
    assert_eq!(
        hits(&entries, "suspension of new care"),
        [hit(typical, "decision 2", "suspension of new care")]
    );
    assert_eq!(
        hits(&entries, "cqc's inspection"),
        [hit(typical, "decision 2 rationale", "CQC's inspection")]
    );
    assert_eq!(
        hits(&entries, "weekly call monitoring"),
        [hit(typical, "action 2", "weekly call monitoring")]
    );
    assert_eq!(
        hits(&entries, "claire dubois"),
        [hit(typical, "attendee 6", "Claire Dubois")]
    );
    assert_eq!(
        hits(&entries, "district nurse,"),
        Vec::<(String, String, String)>::new()
    );
    let roles = hits(&entries, "district nurse");
    assert!(
        roles.contains(&hit(typical, "attendee 6 role", "District Nurse")),
        "{roles:?}"
    );
    assert!(
        roles.iter().any(|(_, label, _)| label.starts_with("item ")),
        "{roles:?}"
    );
    assert_eq!(
        hits(&entries, "riverside medical"),
        [hit(typical, "attendee 5 agency", "Riverside Medical")]
    );
    let notes = hits(&entries, "amara phones the daughter");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].1.starts_with("item 9 note 1 (11:30)"), "{notes:?}");
}

#[test]
fn search_is_case_insensitive_beyond_ascii() {
    let tmp = tempfile::tempdir().unwrap();
    let entries = search_store(tmp.path()).list().unwrap().entries;
    let unicode = "c0ffee00";
    assert_eq!(
        hits(&entries, "ZOË"),
        [
            hit(unicode, "attendee 1", "Zoë"),
            hit(unicode, "item 2 note 2 (09:40)", "Zoë"),
        ]
    );
    assert_eq!(
        hits(&entries, "陈伟"),
        [
            hit(unicode, "attendee 3", "陈伟"),
            hit(unicode, "item 2 note 1 (09:35)", "陈伟"),
        ]
    );
    assert_eq!(
        hits(&entries, "普通话"),
        [hit(unicode, "action 1", "普通话")]
    );
    assert_eq!(
        hits(&entries, "łukasz WÓJCIK"),
        [hit(unicode, "attendee 2", "Łukasz Wójcik")]
    );
    assert!(hits(&entries, "Zoe").is_empty(), "no accent folding");
}

#[test]
fn search_never_matches_json_keys_or_values_of_other_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let store = search_store(tmp.path());
    let entries = store.list().unwrap().entries;
    let query = Query::new("rationale").unwrap();
    let results = minutes::store::search(&entries, &query, &SearchOptions::default());
    let found: Vec<_> = results
        .hits
        .iter()
        .map(|h| {
            (
                h.entry.summary.short_id(),
                h.found.label(),
                &h.found.snippet.matched,
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "dddddddd",
            "decision 1 rationale".to_owned(),
            &"Rationale".to_owned()
        )]
    );
    // Only that file was even parsed: the others hold "rationale" only as a key.
    assert_eq!(results.parsed, 1);
    // Enum values, ids and agenda prompts are not searched either.
    for query in [
        "professionals_only",
        "case-conference",
        "5e1c0a7d",
        "Who does what by when",
    ] {
        assert!(hits(&entries, query).is_empty(), "{query}");
    }
}

#[test]
fn snippets_are_cut_by_display_width_around_the_match() {
    let tmp = tempfile::tempdir().unwrap();
    let entries = search_store(tmp.path()).list().unwrap().entries;
    for (query, width) in [("warren", 60), ("陈伟", 24), ("emoji", 30), ("police", 40)] {
        let options = SearchOptions {
            snippet_width: width,
            ..SearchOptions::default()
        };
        let query = Query::new(query).unwrap();
        let results = minutes::store::search(&entries, &query, &options);
        assert!(!results.hits.is_empty(), "{}", query.text());
        for hit in &results.hits {
            let snippet = &hit.found.snippet;
            assert!(
                snippet.text().width() <= width,
                "{snippet:?} wider than {width}"
            );
            assert_eq!(
                minutes::search::fold(&snippet.matched),
                minutes::search::fold(query.text())
            );
            // Without its ellipses, the snippet is a piece of one line of the text.
            let inner = snippet.text().trim_matches('…').to_owned();
            let record = minutes::store::load_file(&hit.entry.path).unwrap();
            let texts: Vec<String> = record
                .notes()
                .map(|(_, n)| n.text.clone())
                .chain(
                    record
                        .attendees
                        .iter()
                        .flat_map(|a| [a.name.clone(), a.role.clone(), a.agency.clone()]),
                )
                .chain(
                    record
                        .findings
                        .iter()
                        .flat_map(|f| [f.allegation.clone(), f.rationale.clone()]),
                )
                .chain(
                    record
                        .decisions
                        .iter()
                        .flat_map(|d| [d.text.clone(), d.rationale.clone()]),
                )
                .chain(record.actions.iter().map(|a| a.text.clone()))
                .map(|t| t.replace(['\n', '\r', '\t'], " "))
                .collect();
            assert!(
                texts.iter().any(|t| t.contains(&inner)),
                "{inner:?} not in the record"
            );
        }
    }
    // A note longer than the width: cut on both sides, match kept whole.
    let query = Query::new("Emoji test").unwrap();
    let options = SearchOptions {
        snippet_width: 24,
        ..SearchOptions::default()
    };
    let results = minutes::store::search(&entries, &query, &options);
    let snippet = &results.hits[0].found.snippet;
    assert_eq!(snippet.matched, "Emoji test");
    assert!(snippet.before.starts_with('…'), "{snippet:?}");
}

/// The raw-byte prefilter never loses a match: searching every file through the store
/// finds what searching each record in memory finds, for queries of every sort, including
/// a file that spells its text with `\u` escapes.
#[test]
fn prefilter_finds_what_a_full_search_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let store = search_store(tmp.path());
    let escaped = serde_json::to_string_pretty(&{
        let mut r = common::unicode_record();
        r.id = id("ee");
        r
    })
    .unwrap()
    .replace("Zoë", "Zo\\u00eb")
    .replace("陈伟", "\\u9648\\u4f1f");
    std::fs::write(
        tmp.path().join("2026-07-01-case-conference-eeeeeeee.json"),
        escaped,
    )
    .unwrap();
    let entries = store.list().unwrap().entries;
    assert!(store.list().unwrap().problems.is_empty());
    let records: Vec<Record> = entries
        .iter()
        .map(|e| minutes::store::load_file(&e.path).unwrap())
        .collect();
    for text in [
        "warren",
        "MRS WARREN",
        "zoë",
        "ZOË Ó",
        "陈伟",
        "£140",
        "rationale",
        "worker a",
        "d'accord",
        "«d'accord»",
        "🙂",
        "ó briain",
        "care",
        "e",
        "the",
        "\"",
        "nurse visits",
        "x-y-z",
        "ǅ",
        "(普通话)",
        "review",
        "Police",
        "name",
        "text",
        "a\\b",
        "10:31",
        "Søren",
        "SØREN",
    ] {
        let query = Query::new(text).unwrap();
        let through_store: Vec<(String, String)> =
            minutes::store::search(&entries, &query, &SearchOptions::default())
                .hits
                .iter()
                .map(|h| (h.entry.summary.id.clone(), h.found.label()))
                .collect();
        let in_memory: Vec<(String, String)> = records
            .iter()
            .flat_map(|r| {
                search_record(r, &query, 60)
                    .into_iter()
                    .map(|m| (r.id.clone(), m.label()))
            })
            .collect();
        assert_eq!(through_store, in_memory, "query {text:?}");
    }
    // The escaped file is found like the others.
    let zoe = hits(&entries, "zoë ó briain");
    assert!(
        zoe.iter().any(|(short, _, _)| short == "eeeeeeee"),
        "{zoe:?}"
    );
}

#[test]
fn search_record_places_and_fields() {
    let record = common::typical_record();
    let query = Query::new("worker a").unwrap();
    let found = search_record(&record, &query, 60);
    assert!(
        found.iter().any(
            |m| matches!(m.place, Place::Finding { number: 2 }) && m.field == Field::Allegation
        )
    );
    let restricted = found
        .iter()
        .find(|m| matches!(m.place, Place::Action { id: 5 }))
        .unwrap();
    assert_eq!(restricted.visibility, Visibility::Restricted);
    let note = found
        .iter()
        .find(|m| matches!(m.place, Place::Note { .. }))
        .unwrap();
    let Place::Note {
        item_key,
        item_title,
        at,
        ..
    } = &note.place
    else {
        unreachable!()
    };
    assert!(!item_key.is_empty() && !item_title.is_empty());
    assert!(at.is_some());
}

// ---------------------------------------------------------------- the commands

/// Records whose due dates are far from any real today, so the real clock gives a fixed
/// answer: two overdue (2020), two open (2099, none), one done.
fn cli_store(dir: &Path) -> Store {
    use ActionStatus::{Done, Open};
    let store = Store::open(dir.join("records")).unwrap();
    for record in [
        record_with(
            "aa",
            "2020-01-01",
            &[
                (
                    1,
                    "Chase GP records",
                    "Jane Smith",
                    "Police",
                    "2020-02-01",
                    Open,
                ),
                (
                    2,
                    "Send call logs",
                    "Mark Bennett",
                    "Oakfield Home Care",
                    "2020-01-15",
                    Open,
                ),
                (3, "Old letter", "Jane Smith", "Police", "2020-01-05", Done),
            ],
        ),
        record_with(
            "bb",
            "2021-05-05",
            &[
                (
                    1,
                    "Visit Mrs Warren",
                    "Zoë Ó Briain",
                    "Adult Social Care",
                    "2099-01-01",
                    Open,
                ),
                (
                    2,
                    "Book an interpreter (普通话)",
                    "陈伟",
                    "华人社区服务",
                    "",
                    Open,
                ),
            ],
        ),
    ] {
        store.create(&record).unwrap();
    }
    store
}

#[test]
fn actions_command_table_flags_overdue_and_lines_up() {
    let tmp = tempfile::tempdir().unwrap();
    cli_store(tmp.path());
    let (code, out, err) = run(tmp.path(), &["actions"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("DUE "), "{out}");
    assert_eq!(lines.len(), 6, "{out}");
    assert!(
        lines[1].contains("OVERDUE") && lines[1].contains("aaaaaaaa/2"),
        "{out}"
    );
    assert!(
        lines[2].contains("OVERDUE") && lines[2].contains("aaaaaaaa/1"),
        "{out}"
    );
    assert!(
        lines[3].contains("Open") && lines[3].contains("bbbbbbbb/1"),
        "{out}"
    );
    assert!(
        lines[4].contains("bbbbbbbb/2") && lines[4].contains("陈伟"),
        "{out}"
    );
    assert!(
        lines[5].contains("Done") && lines[5].contains("aaaaaaaa/3"),
        "{out}"
    );
    // Columns line up by display width (陈伟 is four columns wide).
    let column = |line: &str, word: &str| line[..line.find(word).unwrap()].width();
    let at = column(lines[0], "REF");
    for line in &lines[1..] {
        let reference = line.split_whitespace().find(|w| w.contains('/')).unwrap();
        assert_eq!(column(line, reference), at, "{out}");
    }

    let (_, out, _) = run(tmp.path(), &["actions", "--overdue"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    let (_, out, _) = run(tmp.path(), &["actions", "--open", "--owner", "ZOË"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("Visit Mrs Warren"));
    let (_, out, _) = run(tmp.path(), &["actions", "--agency", "police"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    let (code, _, err) = run(tmp.path(), &["actions", "--open", "--overdue"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn actions_command_json() {
    let tmp = tempfile::tempdir().unwrap();
    cli_store(tmp.path());
    let (code, out, err) = run(tmp.path(), &["actions", "--json", "--overdue"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 2);
    let first = &rows[0];
    assert_eq!(first["reference"], "aaaaaaaa/2");
    assert_eq!(first["action_id"], 2);
    assert_eq!(first["owner"], "Mark Bennett");
    assert_eq!(first["due"], "2020-01-15");
    assert_eq!(first["status"], "open");
    assert_eq!(first["overdue"], true);
    assert!(first["days_overdue"].as_i64().unwrap() > 365);
    assert_eq!(first["subject_ref"], "SG-aa");
    assert_eq!(first["meeting_date"], "2020-01-01");
    assert!(first["path"].as_str().unwrap().ends_with("aaaaaaaa.json"));
}

#[test]
fn action_command_marks_done_cancels_and_reopens() {
    let tmp = tempfile::tempdir().unwrap();
    let store = cli_store(tmp.path());
    let (code, out, err) = run(
        tmp.path(),
        &["action", "done", "aaaaaaaa/2", "--note", "logs received"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "aaaaaaaa/2 done (was open): Send call logs\n");
    let (_, out, _) = run(tmp.path(), &["actions", "--json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let row = rows
        .iter()
        .find(|r| r["reference"] == "aaaaaaaa/2")
        .unwrap();
    assert_eq!(row["status"], "done");
    assert!(row["status_at"].is_string());

    // The record id and number as two words; a path works too.
    let (code, out, _) = run(
        tmp.path(),
        &["action", "cancel", "bbbb", "2", "--note", "not needed"],
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("bbbbbbbb/2 cancelled (was open)"), "{out}");
    let path = store.resolve("bbbb").unwrap();
    let record = minutes::store::load_file(&path).unwrap();
    assert_eq!(record.actions[1].status_note, "not needed");
    let (code, out, _) = run(
        tmp.path(),
        &["action", "reopen", path.to_str().unwrap(), "2"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("open (was cancelled)"), "{out}");
    let (code, out, _) = run(tmp.path(), &["action", "reopen", "bbbbbbbb/2"]);
    assert_eq!(code, 0);
    assert!(out.contains("already open; nothing changed"), "{out}");

    // Mistakes: no action number (usage, 2); no such action or record (1, named).
    let (code, _, err) = run(tmp.path(), &["action", "done", "aaaaaaaa"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ID/N"), "{err}");
    let (code, _, err) = run(tmp.path(), &["action", "done", "aaaaaaaa/9"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("aaaaaaaa.json: the record has no action 9"),
        "{err}"
    );
    let (code, _, err) = run(tmp.path(), &["action", "done", "ffff/1"]);
    assert_eq!(code, 1);
    assert!(err.contains("no record matches 'ffff'"), "{err}");
    let (code, _, _) = run(tmp.path(), &["action", "finish", "aaaaaaaa/1"]);
    assert_eq!(code, 2);
}

/// What says whether a file was written: inode, modification time, bytes, and its `.bak`.
fn written_state(path: &Path) -> (u64, i64, i64, String, bool) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let bak = PathBuf::from(format!("{}.bak", path.display())).exists();
    (meta.ino(), meta.mtime(), meta.mtime_nsec(), text, bak)
}

#[test]
fn action_command_that_changes_nothing_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = cli_store(tmp.path());
    let path = store.resolve("aaaa").unwrap();
    let before = written_state(&path);
    for args in [
        ["action", "reopen", "aaaaaaaa/1"],
        ["action", "done", "aaaaaaaa/3"],
    ] {
        let (code, out, err) = run(tmp.path(), &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("nothing changed"), "{out}");
    }
    assert_eq!(written_state(&path), before, "not written");
}

#[test]
fn action_command_refuses_a_number_several_actions_share() {
    use ActionStatus::Open;
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("records");
    Store::open(&folder).unwrap();
    let twins = record_with(
        "cc",
        "2026-11-02",
        &[
            (1, "Chase GP records", "Jane Smith", "Police", "", Open),
            (1, "Book an interpreter", "Zoë Ó Briain", "ASC", "", Open),
            (2, "Send call logs", "Mark Bennett", "Home Care", "", Open),
        ],
    );
    let path = common::write_unchecked(&folder, &twins);
    let before = written_state(&path);
    let (code, out, err) = run(tmp.path(), &["action", "done", "cccccccc/1"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("2 actions numbered 1"), "{err}");
    assert!(err.contains("Chase GP records"), "{err}");
    assert!(err.contains("Book an interpreter"), "{err}");
    // Another action of the same file: the file breaks a rule, so it is not written either.
    let (code, _, err) = run(tmp.path(), &["action", "done", "cccccccc/2"]);
    assert_eq!(code, 1);
    assert!(err.contains("action id 1 appears twice"), "{err}");
    assert_eq!(written_state(&path), before, "not written");
}

#[test]
fn action_command_puts_right_an_older_file_with_two_current_items() {
    use ActionStatus::Open;
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("records");
    Store::open(&folder).unwrap();
    let mut older = record_with(
        "dd",
        "2026-11-02",
        &[(1, "Chase GP records", "Jane Smith", "Police", "", Open)],
    );
    older.agenda[0].status = minutes::model::ItemStatus::Current;
    older.agenda[1].status = minutes::model::ItemStatus::Current;
    older.agenda[1].notes.push(minutes::model::Note::new(
        common::at("10:30"),
        "typed last here",
    ));
    let path = common::write_unchecked(&folder, &older);
    let (code, _, err) = run(tmp.path(), &["action", "done", "dddddddd/1"]);
    assert_eq!(code, 0, "{err}");
    let record = minutes::store::load_file(&path).unwrap();
    assert_eq!(record.problems(), Vec::<String>::new());
    assert_eq!(record.agenda[1].status, minutes::model::ItemStatus::Current);
    assert_eq!(record.actions[0].status, ActionStatus::Done);
}

#[test]
fn action_command_refuses_a_record_open_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let store = cli_store(tmp.path());
    let path = store.resolve("aaaa").unwrap();
    let before = std::fs::read(&path).unwrap();
    let _lock = store.lock(&path).unwrap();
    let (code, out, err) = run(tmp.path(), &["action", "done", "aaaaaaaa/1"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("in use by"), "{err}");
    assert!(
        err.contains(&format!("(pid {})", std::process::id())),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn search_command_table_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    search_store(&tmp.path().join("records"));
    let (code, out, err) = run(tmp.path(), &["search", "worker", "a"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("DATE "), "{out}");
    assert!(out.contains("finding 2 allegation"), "{out}");
    assert!(out.contains("[R] Refer Worker A to the DBS"), "{out}");
    assert!(
        out.contains("[P1] "),
        "professionals-only notes are marked: {out}"
    );

    let (code, out, err) = run(tmp.path(), &["search", "--json", "陈伟"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["where"], "attendee 3");
    assert_eq!(rows[0]["place"]["kind"], "attendee");
    assert_eq!(rows[0]["field"], "name");
    assert_eq!(rows[0]["snippet"]["matched"], "陈伟");
    assert_eq!(rows[1]["place"]["kind"], "note");
    assert_eq!(rows[1]["place"]["item_key"], "io-report");
    assert_eq!(rows[1]["count"], 1);
    assert_eq!(rows[1]["short_id"], "c0ffee00");

    let (code, out, err) = run(tmp.path(), &["search", "nothing-like-this"]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(
        err.contains("no match for 'nothing-like-this' in 4 records"),
        "{err}"
    );
    let (code, _, _) = run(tmp.path(), &["search"]);
    assert_eq!(code, 2);
}
