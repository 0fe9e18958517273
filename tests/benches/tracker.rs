//! Tracker and search benchmarks on the 10,000-record folder of the store bench
//! (`target/bench-data/records-10k`, generated on first use; see `data.rs`).
//!
//! `cargo bench --bench tracker`. Everything here is warm (summary cache built, files in
//! the page cache); the cold figures are taken on the command line with hyperfine (see the
//! README), since dropping the page cache needs root and a shell.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use minutes::search::{Query, SearchOptions};
use minutes::store::Store;
use minutes::tracker::{ActionFilter, Which, tracked_actions};

use data::{RECORDS, ten_thousand_records};

/// A day on which some of the generated actions are overdue and some are not.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 12).expect("date")
}

fn tracker(c: &mut Criterion) {
    let dir = ten_thousand_records();
    let store = Store::open(&dir).expect("store");
    let listing = store.list().expect("list");
    assert_eq!(listing.entries.len(), RECORDS);
    let all = tracked_actions(&listing.entries, today(), &ActionFilter::default());
    eprintln!("tracker: {} actions in {RECORDS} records", all.len());
    let mut group = c.benchmark_group("tracker_10k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    // What `minutes actions` and a browser opening its tracker do: list (summary cache
    // warm), then every action sorted.
    group.bench_function("list_and_track_all", |b| {
        b.iter(|| {
            let listing = store.list().expect("list");
            black_box(tracked_actions(&listing.entries, today(), &ActionFilter::default()).len())
        });
    });
    // A browser re-filtering the listing it holds.
    group.bench_function("track_all_from_listing", |b| {
        b.iter(|| {
            black_box(tracked_actions(&listing.entries, today(), &ActionFilter::default()).len())
        });
    });
    let filter = ActionFilter {
        which: Which::Overdue,
        owner: Some("ao".into()),
        agency: Some("social care".into()),
    };
    group.bench_function("track_overdue_owner_agency_from_listing", |b| {
        b.iter(|| black_box(tracked_actions(&listing.entries, today(), &filter).len()));
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let dir = ten_thousand_records();
    let store = Store::open(&dir).expect("store");
    let listing = store.list().expect("list");
    let options = SearchOptions::default();
    let mut group = c.benchmark_group("search_10k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    for (name, text) in [
        // In no record: every file is read and rejected by the raw-byte check.
        ("no_match", "safeguarding plan for the cat"),
        // A JSON key in every record, in no value: still no file parsed.
        ("key_word_rationale", "rationale"),
        // Non-ASCII, in no record (the prefilter uses its ASCII part).
        ("non_ascii_zoe", "Zoë Ó Briain"),
        // In every record: every file parsed, 10 matches each.
        ("every_record_warren", "Warren"),
    ] {
        let query = Query::new(text).expect("query");
        let results = minutes::store::search(&listing.entries, &query, &options);
        eprintln!(
            "search {name}: {} hits, {} of {RECORDS} files parsed",
            results.hits.len(),
            results.parsed
        );
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    minutes::store::search(&listing.entries, &query, &options)
                        .hits
                        .len(),
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, tracker, search);
criterion_main!(benches);
