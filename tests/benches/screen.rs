//! Live-screen benchmarks: drawing a frame of a large record at 80x24 and 200x50, and the
//! hot path of the meeting, one typed character (update, then draw).
//!
//! `cargo bench --bench screen`. Drawing only what is on screen means these stay flat however
//! long the record grows.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use minutes::model::Record;
use minutes::tui::action::Action;
use minutes::tui::app::LiveScreen;
use minutes::tui::theme::Theme;
use minutes::tui::ui::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The large record, reopened for more minutes on its longest item.
fn large_live_record() -> Record {
    let mut record = common::large_record();
    record.meeting.ended_at = None;
    let longest = (0..record.agenda.len())
        .max_by_key(|i| record.agenda[*i].notes.len())
        .unwrap_or(0);
    for (i, item) in record.agenda.iter_mut().enumerate() {
        item.status = if i < longest {
            minutes::model::ItemStatus::Done
        } else {
            minutes::model::ItemStatus::Pending
        };
    }
    record
}

fn frame(c: &mut Criterion) {
    let theme = Theme::builtin("default").expect("theme");
    let mut group = c.benchmark_group("draw_large_record");
    for (width, height) in [(80, 24), (200, 50)] {
        let app = LiveScreen::new(large_live_record(), None, common::at("10:00"));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        group.bench_function(format!("{width}x{height}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| render(black_box(&app), &theme, f))
                    .expect("draw");
            });
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let theme = Theme::builtin("default").expect("theme");
    let mut group = c.benchmark_group("keystroke");
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = LiveScreen::new(large_live_record(), None, common::at("10:00"));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let mut typed = 0usize;
        group.bench_function(format!("type_a_character_{width}x{height}"), |b| {
            b.iter(|| {
                typed += 1;
                let code = if typed.is_multiple_of(60) {
                    KeyCode::Enter
                } else {
                    KeyCode::Char('a')
                };
                let input = KeyEvent::new(code, KeyModifiers::NONE).into();
                let action = if code == KeyCode::Enter {
                    Action::Submit
                } else {
                    Action::Edit(input)
                };
                let _ = app.update(action);
                terminal.draw(|f| render(&app, &theme, f)).expect("draw");
            });
        });
    }
    group.finish();
}

/// Writes the large record, open for minutes, to `target/bench-data/large-record/` so the real
/// binary can be measured on it (`minutes open` with ptymeter; see the README).
fn write_large_record_for_ptymeter(_: &mut Criterion) {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/large-record");
    let _ = std::fs::remove_dir_all(&dir);
    let store = minutes::store::Store::open(&dir).expect("store");
    let path = store.create(&large_live_record()).expect("create");
    eprintln!("large record for ptymeter: {}", path.display());
}

criterion_group!(benches, write_large_record_for_ptymeter, frame, keystroke);
criterion_main!(benches);
