//! Browser benchmarks over 10,000 records: the first screen (listing with a warm summary
//! cache, building the browser, drawing it) and one keystroke of filter-as-you-type.
//!
//! `cargo bench --bench browser`. Uses the 10,000-record folder in
//! `target/bench-data/records-10k` (generated on first use; see `data.rs`).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use data::ten_thousand_records;
use minutes::store::Store;
use minutes::tui::action::Action;
use minutes::tui::browser::{Browser, render};
use minutes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn folder() -> Store {
    Store::open(ten_thousand_records()).expect("store")
}

fn first_screen(c: &mut Criterion) {
    let store = folder();
    let theme = Theme::builtin("default").expect("theme");
    let _ = store.list().expect("warm the summary cache");
    c.bench_function("browser_10k/first_screen", |b| {
        b.iter(|| {
            let listing = store.list().expect("list");
            let browser = Browser::new(
                listing.entries,
                Vec::new(),
                Vec::new(),
                common::date("2026-11-23"),
            );
            let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
            terminal
                .draw(|f| render(black_box(&browser), &theme, f))
                .expect("draw");
        });
    });
}

fn filter_keystroke(c: &mut Criterion) {
    let store = folder();
    let theme = Theme::builtin("default").expect("theme");
    let listing = store.list().expect("list");
    let mut browser = Browser::new(
        listing.entries,
        Vec::new(),
        Vec::new(),
        common::date("2026-11-23"),
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let key = |code| Action::Edit(KeyEvent::new(code, KeyModifiers::NONE).into());
    let mut typed = 0usize;
    c.bench_function("browser_10k/filter_keystroke", |b| {
        b.iter(|| {
            // Type "case", then delete it again: every step refilters all 10,000.
            let step = typed % 8;
            typed += 1;
            let action = match step {
                0 => key(KeyCode::Char('c')),
                1 => key(KeyCode::Char('a')),
                2 => key(KeyCode::Char('s')),
                3 => key(KeyCode::Char('e')),
                _ => key(KeyCode::Backspace),
            };
            browser.update(action);
            terminal
                .draw(|f| render(&browser, &theme, f))
                .expect("draw");
        });
    });
}

criterion_group!(benches, first_screen, filter_keystroke);
criterion_main!(benches);
