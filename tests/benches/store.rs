//! Store benchmarks: saving a typical and a large record (fsyncs included), and listing 10,000
//! records with and without the summary cache, and in a team folder.
//!
//! `cargo bench --bench store`. The 10,000-record folder is generated once into
//! `target/bench-data/records-10k` and kept, so `minutes list --dir` can be measured on it too.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use minutes::store::Store;

use data::{RECORDS, ten_thousand_records, ten_thousand_records_in_a_team_folder};

fn save(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::open(tmp.path().join("records")).expect("store");
    let mut group = c.benchmark_group("save");
    group.sample_size(50);
    for (name, mut record) in [
        ("typical_30KB", common::typical_record()),
        ("large_1MB", common::large_record()),
    ] {
        let bytes = serde_json::to_vec_pretty(&record).expect("json").len();
        eprintln!("{name}: {bytes} bytes of JSON");
        let path = store.create(&record).expect("create");
        let mut room = 0_u32;
        group.bench_function(name, |b| {
            b.iter(|| {
                // A change each time: the store writes nothing for an unchanged record.
                room += 1;
                record.meeting.location = format!("Room {room}");
                store
                    .save(black_box(&path), black_box(&record))
                    .expect("save")
            })
        });
    }
    group.finish();
}

fn list(c: &mut Criterion) {
    let dir = ten_thousand_records();
    let store = Store::open(&dir).expect("store");
    let listing = store.list().expect("list");
    assert_eq!(listing.entries.len(), RECORDS);
    let mut group = c.benchmark_group("list_10k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("warm_cache", |b| {
        b.iter(|| black_box(store.list().expect("list")))
    });
    group.bench_function("no_cache", |b| {
        b.iter(|| {
            let _ = fs_err::remove_file(dir.join(".index.json"));
            black_box(store.list().expect("list"))
        });
    });
    let team_dir = ten_thousand_records_in_a_team_folder();
    let team = Store::open(&team_dir).expect("team store");
    assert_eq!(team.list().expect("list").entries.len(), RECORDS);
    group.bench_function("warm_cache_team_folder", |b| {
        b.iter(|| black_box(team.list().expect("list")))
    });
    group.finish();
    store
        .list()
        .expect("leave the cache warm for `minutes list`");
}

criterion_group!(benches, save, list);
criterion_main!(benches);
