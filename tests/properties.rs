//! Property tests: whatever text is typed survives a save and a load; whatever bytes a record
//! file holds, loading it never panics and never changes the file.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use minutes::model::{ActionItem, Decision, Note, Record, Visibility};
use minutes::store::{Store, load_file};
use proptest::prelude::*;

/// Text as people type it: any Unicode, including controls, combining marks, CJK and emoji.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 .,;:'\"()@/-]{0,200}",
        "[ÀÉÎõüçÆØÅßŁłŻźΑβΓЖжЩ陈伟李娜🙂👍🏽\u{301}\u{200d}\n\t ]{0,60}",
    ]
}

fn with_entries(texts: &[String]) -> Record {
    let mut record = common::typical_record();
    let now = common::fixed_now();
    for (i, text) in texts.iter().enumerate() {
        let item = i % record.agenda.len();
        let mut note = Note::new(now, text.clone());
        note.visibility = Visibility::ALL[i % Visibility::ALL.len()];
        record.agenda[item].notes.push(note);
        let key = record.agenda[item].key.clone();
        record.decisions.push(Decision {
            text: text.clone(),
            rationale: text.chars().rev().collect(),
            agenda_key: key.clone(),
            at: now,
            dissent: None,
            visibility: Visibility::All,
            extra: Default::default(),
        });
        record.actions.push(ActionItem {
            id: 1000 + u32::try_from(i).expect("small"),
            text: text.clone(),
            owner: text.chars().take(10).collect(),
            agency: String::new(),
            due: None,
            status: Default::default(),
            status_at: None,
            status_note: String::new(),
            agenda_key: key,
            created_at: now,
            visibility: Visibility::All,
            carried_from: None,
            extra: Default::default(),
        });
    }
    record
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn saved_text_is_never_lost(texts in proptest::collection::vec(typed_text(), 1..8)) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path()).expect("store");
        let record = with_entries(&texts);
        let path = store.create(&record).expect("create");
        // Save twice: the second save goes over the first and keeps it as the backup.
        store.save(&path, &record).expect("save");
        let loaded = store.load(&path).expect("load").record;
        prop_assert_eq!(&loaded, &record);
        for text in &texts {
            prop_assert!(loaded.notes().any(|(_, note)| &note.text == text));
        }
    }

    #[test]
    fn loading_any_bytes_never_panics_or_writes(
        cut in 0usize..4000,
        flips in proptest::collection::vec((0usize..4000, any::<u8>()), 0..6),
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path()).expect("store");
        let path = store.create(&common::typical_record()).expect("create");
        let mut bytes = std::fs::read(&path).expect("read");
        bytes.truncate(cut.min(bytes.len()));
        for (at, byte) in flips {
            if let Some(slot) = bytes.get_mut(at) {
                *slot = byte;
            }
        }
        std::fs::write(&path, &bytes).expect("write");
        match load_file(&path) {
            Ok(record) => { let _ = record.problems(); }
            Err(error) => prop_assert!(error.to_string().contains(&path.display().to_string()), "{}", error),
        }
        let _ = store.list().expect("listing survives a bad file");
        prop_assert_eq!(std::fs::read(&path).expect("read"), bytes);
    }
}
