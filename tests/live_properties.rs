#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! Random input on the live screen: it never panics, draws at any size, never loses a note
//! once it is finished, and never saves a record that `minutes check` refuses (even when it
//! opened an older file that breaks a rule), nor saves at all when nothing changed.

mod common;

use minutes::model::{ItemStatus, NewMeeting, Record};
use minutes::store::{Store, load_file};
use minutes::templates::Catalogue;
use minutes::tui::action::{Action, Effect};
use minutes::tui::app::LiveScreen;
use minutes::tui::keymap::map_event;
use minutes::tui::theme::Theme;
use minutes::tui::ui::render;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// A new strategy meeting; with `current`, an older file with those items all marked current
/// (which earlier versions could leave).
fn record(current: &[usize]) -> Record {
    let catalogue = Catalogue::load(None);
    let template = catalogue.get("strategy").unwrap();
    let details = NewMeeting {
        title: "Strategy".to_owned(),
        subject_ref: "SA-1".to_owned(),
        date: common::date("2026-11-23"),
    };
    let mut record = Record::new(template, details, "ab".repeat(16), common::at("10:00"));
    record.attendees = common::typical_record().attendees;
    for &i in current {
        let index = i % record.agenda.len();
        record.agenda[index].status = ItemStatus::Current;
    }
    record
}

/// One thing that can happen: a key, a paste, time passing, a save result, a resize.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Tick(i64),
    Saved(bool),
    Resize(u16, u16),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        6 => proptest::char::range(' ', '~').prop_map(KeyCode::Char),
        1 => proptest::sample::select(vec!['é', '陈', '\u{301}', '🙂']).prop_map(KeyCode::Char),
        3 => proptest::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
            KeyCode::Delete, KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right,
            KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End, KeyCode::F(1),
        ]),
    ]
}

/// Chords that run commands anywhere: next and previous item, go to, save, restricted,
/// leaving the notes.
fn command() -> impl Strategy<Value = Input> {
    proptest::sample::select(vec![
        (KeyCode::Char('n'), KeyModifiers::ALT),
        (KeyCode::Char('p'), KeyModifiers::ALT),
        (KeyCode::Char('g'), KeyModifiers::CONTROL),
        (KeyCode::Char('s'), KeyModifiers::CONTROL),
        (KeyCode::Char('o'), KeyModifiers::CONTROL),
        (KeyCode::Esc, KeyModifiers::NONE),
    ])
    .prop_map(|(code, mods)| Input::Key(code, mods))
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        2 => command(),
        12 => (key_code(), proptest::sample::select(vec![
            KeyModifiers::NONE, KeyModifiers::NONE, KeyModifiers::NONE, KeyModifiers::SHIFT,
            KeyModifiers::CONTROL, KeyModifiers::ALT,
        ]))
            .prop_map(|(code, mods)| Input::Key(code, mods)),
        1 => "[a-z \n\r@]{0,40}".prop_map(Input::Paste),
        1 => (0i64..5).prop_map(Input::Tick),
        1 => any::<bool>().prop_map(Input::Saved),
        1 => (1u16..160, 1u16..60).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

/// Every finished note: (item, index, text).
fn finished_notes(app: &LiveScreen) -> Vec<(usize, usize, String)> {
    app.record
        .agenda
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            item.notes
                .iter()
                .enumerate()
                .map(move |(n, note)| (i, n, note.text.clone()))
        })
        .filter(|(i, n, _)| app.draft != Some((*i, *n)))
        .collect()
}

/// Every text a note of `record` has held that the record still keeps: its notes, the
/// deleted ones (tombstones) and what corrected notes said before. A note corrected, moved or
/// deleted on purpose is not lost while its text is here.
fn kept_texts(record: &Record) -> std::collections::HashSet<String> {
    record
        .agenda
        .iter()
        .flat_map(|item| item.notes.iter().chain(&item.deleted_notes))
        .flat_map(|note| {
            std::iter::once(note.text.clone()).chain(
                note.history
                    .iter()
                    .map(|revision| revision.text_before.clone()),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_input_never_panics_never_loses_a_note_and_saves_only_valid_changes(
        current in proptest::collection::vec(0usize..40, 0..3),
        inputs in proptest::collection::vec(input(), 1..200),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path().join("records")).unwrap();
        let start = record(&current);
        let path = common::write_unchecked(store.dir(), &start);
        let original = std::fs::read(&path).unwrap();
        let (_, file) = store.open_record(&path).unwrap();
        let mut file = file.expect("writable");
        let mut app = LiveScreen::new(start.clone(), None, common::at("10:00"));
        let mut saves = 0;
        let mut save = |record: &Record| -> Result<(), TestCaseError> {
            prop_assert_eq!(record.problems(), Vec::<String>::new(), "saving a record check refuses");
            prop_assert_ne!(record, &start, "a save without a change");
            let saved = file.save(record);
            prop_assert!(saved.is_ok(), "{:?}", saved);
            saves += 1;
            Ok(())
        };
        let mut saved_notes: Vec<(usize, usize, String)> = Vec::new();
        let theme = Theme::builtin("default").unwrap();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut now = common::at("10:00");
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for input in inputs {
            let action = match input {
                Input::Key(code, mods) => map_event(&app, &Event::Key(KeyEvent::new(code, mods))),
                Input::Paste(text) => map_event(&app, &Event::Paste(text)),
                Input::Tick(seconds) => {
                    now += chrono::TimeDelta::seconds(seconds);
                    Some(Action::Tick(now))
                }
                Input::Saved(ok) => Some(Action::Saved(if ok { Ok(now) } else { Err("disk full".to_owned()) })),
                Input::Resize(w, h) => {
                    terminal.backend_mut().resize(w, h);
                    terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                    Some(Action::Resize(w, h))
                }
            };
            if let Some(action) = action {
                for effect in app.update(action) {
                    if let Effect::Save(record) = effect {
                        save(&record)?;
                        saved_notes = finished_notes(&app);
                    }
                }
            }
            terminal.draw(|frame| render(&app, &theme, frame)).unwrap();
            let kept = kept_texts(&app.record);
            for text in &seen {
                prop_assert!(kept.contains(text), "lost {text:?}");
            }
            seen.extend(finished_notes(&app).into_iter().map(|(_, _, text)| text));
        }
        // The end of the session (quit or hang-up) saves; the file then holds every note.
        for effect in app.update(Action::HangUp) {
            if let Effect::Save(record) = effect {
                save(&record)?;
            }
        }
        if saves == 0 {
            prop_assert_eq!(std::fs::read(&path).unwrap(), original, "written without a save");
            prop_assert_eq!(&app.record, &start, "changed but not saved");
        } else {
            let on_disk = load_file(&path).unwrap();
            prop_assert_eq!(on_disk.problems(), Vec::<String>::new());
            prop_assert_eq!(&on_disk.agenda, &app.record.agenda);
            let kept = kept_texts(&on_disk);
            for (_, _, text) in &saved_notes {
                prop_assert!(kept.contains(text), "saved {text:?} is not in the file");
            }
        }
    }
}
