//! Export benchmarks: the large record (1 MB of notes in 300 entries, 200 actions, 40
//! attendees) as each format, for the professionals and for the adult (which adds making the
//! redacted copy).
//!
//! `cargo bench --bench export`. Target: under 100 ms for each.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use minutes::document::{Audience, ExportFormat, Letterhead, export};

fn formats(c: &mut Criterion) {
    let record = common::large_record();
    let mut group = c.benchmark_group("export_large_1MB");
    group.sample_size(20);
    for audience in Audience::ALL {
        for format in ExportFormat::ALL {
            let letterhead = Letterhead::default();
            let bytes = export(&record, format, audience, &letterhead).expect("export");
            let name = format!("{}_{audience:?}", format.name()).to_lowercase();
            eprintln!("{name}: {} bytes", bytes.len());
            group.bench_function(&name, |b| {
                b.iter(|| {
                    export(black_box(&record), format, audience, &letterhead).expect("export")
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
