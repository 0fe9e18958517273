//! The 10,000-record folder the store and tracker benches share, generated once into
//! `target/bench-data/records-10k` and kept, so the command line can be timed on it too.
//! Benches include it with `#[path = "data.rs"] mod data;` beside `mod common;`.

use std::path::{Path, PathBuf};

use minutes::model::Record;
use minutes::store::Store;

/// How many records the folder holds.
pub const RECORDS: usize = 10_000;

/// A folder of 10,000 typical records spread over six years, made once and reused.
pub fn ten_thousand_records() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/records-10k");
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    let store = Store::open(&dir).expect("store");
    let template = crate::common::typical_record();
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 4).expect("date");
    for i in 0..RECORDS {
        let mut record: Record = template.clone();
        record.id = format!("{i:08x}{:024x}", 0x5eed_u128);
        record.meeting.date = start + chrono::Days::new((i / 5) as u64);
        record.meeting.title = format!("Case conference {i}");
        record.meeting.subject_ref = format!("SG-{:05}", i % 4000);
        if store.path_for(&record).exists() {
            continue;
        }
        store.create(&record).expect("create");
    }
    fs_err::write(&done, b"").expect("marker");
    dir
}

/// The same 10,000 records in a team folder (`minutes team init` with the bench's own group:
/// setgid 2770, files 0660), copied once into `target/bench-data/records-10k-team`.
#[allow(dead_code, reason = "only the store bench uses it")]
pub fn ten_thousand_records_in_a_team_folder() -> PathBuf {
    let private = ten_thousand_records();
    let dir = private.with_file_name("records-10k-team");
    let done = dir.join(".complete");
    if !done.exists() {
        fs_err::create_dir_all(&dir).expect("team folder");
        for entry in fs_err::read_dir(&private).expect("records") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "json") && path.is_file() {
                fs_err::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
            }
        }
        let group = nix::unistd::Group::from_gid(nix::unistd::getegid())
            .expect("group database")
            .expect("the bench's group has a name");
        minutes::store::team::init(&dir, &group.name).expect("team init");
        fs_err::write(&done, b"").expect("marker");
    }
    dir
}
