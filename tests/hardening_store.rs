#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! The store under attack, through the real binary and the library on temp folders: lock files
//! that are symbolic links, hard links or pipes; commands given a file that is not a record; a
//! record that is a symbolic link; a full disk while creating a record; a cache that is a pipe;
//! exports aimed at pipes, symbolic links and folders inside the records folder; the mode of
//! the backup. Each test keeps a file outside the records folder and checks it is untouched.

mod common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use minutes::model::MinutesStatus;
use minutes::store::Store;

/// The typical record's short id and file name.
const ID: &str = "5e1c0a7d";
const FILE_NAME: &str = "2026-11-23-case-conference-5e1c0a7d.json";

/// Every command that takes a record's lock to change it, with the state of the minutes in
/// which it succeeds.
const CHANGES: [(MinutesStatus, &[&str]); 5] = [
    (MinutesStatus::Draft, &["action", "done", "5e1c0a7d/2"]),
    (
        MinutesStatus::Draft,
        &["action", "cancel", ID, "3", "--note", "not needed"],
    ),
    (MinutesStatus::Draft, &["agree", ID, "--by", "Priya Nair"]),
    (
        MinutesStatus::Agreed,
        &["circulate", ID, "--to", "Jane Smith, Police", "--by", "Tom"],
    ),
    (
        MinutesStatus::Agreed,
        &["reopen", ID, "--by", "Tom", "--reason", "typo"],
    ),
];

/// A temp folder with `records/` holding the typical record as a draft (0600, made by the
/// store), and an empty `outside/` for the files the store must never touch.
fn setup() -> (tempfile::TempDir, PathBuf) {
    setup_with(MinutesStatus::Draft)
}

/// [`setup`], with the minutes draft or agreed.
fn setup_with(status: MinutesStatus) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("outside")).unwrap();
    let mut record = common::typical_record();
    record.meeting.status = MinutesStatus::Draft;
    record.meeting.status_history.clear();
    if status == MinutesStatus::Agreed {
        let after_the_meeting = common::ts("2026-11-23T16:00:00+00:00");
        minutes::model::agree(&mut record, "Priya Nair", after_the_meeting).unwrap();
    }
    let path = store(tmp.path()).create(&record).unwrap();
    assert_eq!(path.file_name().unwrap(), FILE_NAME);
    (tmp, path)
}

fn store(dir: &Path) -> Store {
    Store::open(dir.join("records")).unwrap()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    common::minutes_command(dir).args(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the command failed with exit code 1 and an error naming `path`.
fn refused_naming(output: &Output, path: &Path) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    err
}

/// A file outside the records folder whose bytes must survive every attack.
fn victim(dir: &Path) -> PathBuf {
    let path = dir.join("outside/victim.txt");
    std::fs::write(&path, "precious\n").unwrap();
    path
}

fn lock_of(record: &Path) -> PathBuf {
    let name = record.file_name().unwrap().to_string_lossy();
    record.with_file_name(format!(".{name}.lock"))
}

fn mkfifo(path: &Path) {
    let mode = rustix::fs::Mode::from_raw_mode(0o600);
    rustix::fs::mkfifoat(rustix::fs::CWD, path, mode).unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_symlink(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Names in `folder` starting with `.` (lock files, temp files).
fn hidden_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    names.sort();
    names
}

// ------------------------------------------------------------ lock files

#[test]
fn a_lock_file_that_is_a_symlink_is_never_written_through() {
    for (status, args) in CHANGES {
        let (tmp, record) = setup_with(status);
        let before = std::fs::read(&record).unwrap();
        let victim = victim(tmp.path());
        let lock = lock_of(&record);
        std::os::unix::fs::symlink(&victim, &lock).unwrap();

        let output = run(tmp.path(), args);
        let err = refused_naming(&output, &lock);
        assert!(err.contains("symbolic link"), "{args:?}: {err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
        assert_eq!(std::fs::read(&record).unwrap(), before, "{args:?}");
        assert!(
            is_symlink(&lock),
            "the link is left for the user to look at"
        );

        // Once the link is gone, the same command works: it was refused for the link alone.
        std::fs::remove_file(&lock).unwrap();
        let output = run(tmp.path(), args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn a_dangling_lock_symlink_creates_nothing_where_it_points() {
    for (_, args) in CHANGES {
        let (tmp, record) = setup();
        let target = tmp.path().join("outside/created-by-minutes");
        std::os::unix::fs::symlink(&target, lock_of(&record)).unwrap();
        let output = run(tmp.path(), args);
        refused_naming(&output, &lock_of(&record));
        assert!(!target.exists(), "{args:?} created {}", target.display());
    }
}

#[test]
fn a_lock_file_hard_linked_to_another_file_is_not_used() {
    for (_, args) in CHANGES {
        let (tmp, record) = setup();
        let victim = victim(tmp.path());
        let lock = lock_of(&record);
        std::fs::hard_link(&victim, &lock).unwrap();
        let output = run(tmp.path(), args);
        let err = refused_naming(&output, &lock);
        assert!(err.contains("link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    }
}

#[test]
fn a_lock_file_that_is_a_pipe_or_folder_is_not_used() {
    for make in [mkfifo as fn(&Path), |p: &Path| {
        std::fs::create_dir(p).unwrap()
    }] {
        let (tmp, record) = setup();
        let before = std::fs::read(&record).unwrap();
        let lock = lock_of(&record);
        make(&lock);
        let output = run(tmp.path(), CHANGES[0].1);
        let err = refused_naming(&output, &lock);
        assert!(err.contains("not a regular file"), "{err}");
        assert_eq!(std::fs::read(&record).unwrap(), before);
    }
}

#[test]
fn opening_with_a_symlinked_lock_file_is_read_only_and_names_it() {
    let (tmp, record) = setup();
    let victim = victim(tmp.path());
    let lock = lock_of(&record);
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let store = store(tmp.path());
    let (loaded, file) = store.open_record(&record).unwrap();
    assert!(file.is_none(), "no handle to save with");
    let reason = loaded.read_only.unwrap();
    assert!(reason.contains(&lock.display().to_string()), "{reason}");
    assert!(store.lock(&record).is_err());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
}

// ------------------------------------------------------------ no lock beside what is not a record

#[test]
fn commands_on_a_file_that_is_not_a_record_leave_no_lock_beside_it() {
    let (tmp, _) = setup();
    let outside = tmp.path().join("outside");
    let passwd = outside.join("passwd");
    std::fs::write(&passwd, "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    let passwd_arg = passwd.to_str().unwrap();
    for args in [
        &["action", "done", passwd_arg, "1"][..],
        &["agree", passwd_arg, "--by", "Priya Nair"],
        &["circulate", passwd_arg, "--to", "Jane Smith, Police"],
        &["reopen", passwd_arg, "--by", "Tom", "--reason", "typo"],
    ] {
        let output = run(tmp.path(), args);
        refused_naming(&output, &passwd);
        assert_eq!(hidden_names(&outside), Vec::<String>::new(), "{args:?}");
        assert_eq!(
            std::fs::read_to_string(&passwd).unwrap(),
            "root:x:0:0:root:/root:/bin/sh\n"
        );
    }
}

#[test]
fn a_record_outside_the_records_folder_is_read_but_never_written() {
    let (tmp, path) = setup();
    let outside = tmp.path().join("outside");
    let copy = outside.join(FILE_NAME);
    std::fs::copy(&path, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let copy_arg = copy.to_str().unwrap();
    for args in [
        &["action", "done", copy_arg, "2"][..],
        &["agree", copy_arg, "--by", "Priya Nair"],
        &["restore", copy_arg],
    ] {
        let output = run(tmp.path(), args);
        refused_naming(&output, &copy);
        assert_eq!(hidden_names(&outside), Vec::<String>::new(), "{args:?}");
        assert_eq!(std::fs::read(&copy).unwrap(), before, "{args:?}");
    }
    let output = run(tmp.path(), &["show", copy_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (loaded, file) = store(tmp.path()).open_record(&copy).unwrap();
    assert!(file.is_none());
    let why = loaded.read_only.unwrap_or_default();
    assert!(why.contains("outside the records folder"), "{why}");
    assert_eq!(hidden_names(&outside), Vec::<String>::new(), "no lock file");
}

#[test]
fn opening_a_file_that_does_not_parse_leaves_no_lock_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store(tmp.path());
    let path = store.dir().join(FILE_NAME);
    std::fs::write(&path, "{ damaged").unwrap();
    store.open_record(&path).unwrap_err();
    assert_eq!(hidden_names(store.dir()), Vec::<String>::new());
    let err = store
        .set_action_status(
            &path,
            1,
            minutes::model::ActionStatus::Done,
            None,
            common::fixed_now(),
        )
        .unwrap_err();
    assert!(err.to_string().contains(FILE_NAME), "{err}");
    assert_eq!(hidden_names(store.dir()), Vec::<String>::new());
}

#[test]
fn a_record_that_is_a_symlink_is_read_but_never_written() {
    let (tmp, record) = setup();
    // The real file lives outside; the records folder holds only a link to it.
    let real = tmp.path().join("outside").join(FILE_NAME);
    std::fs::rename(&record, &real).unwrap();
    std::os::unix::fs::symlink(&real, &record).unwrap();
    let before = std::fs::read(&real).unwrap();

    for (_, args) in CHANGES {
        let output = run(tmp.path(), args);
        let err = refused_naming(&output, &record);
        assert!(err.contains("symbolic link"), "{args:?}: {err}");
        assert!(is_symlink(&record), "{args:?} replaced the link");
        assert_eq!(std::fs::read(&real).unwrap(), before, "{args:?}");
    }
    let records = tmp.path().join("records");
    assert_eq!(
        hidden_names(&records),
        [".index.json"],
        "no lock file, no temp"
    );
    assert!(!records.join(format!("{FILE_NAME}.bak")).exists());

    // Reading is fine; opening for editing is read-only, saying why.
    let output = run(tmp.path(), &["show", ID]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (loaded, file) = store(tmp.path()).open_record(&record).unwrap();
    assert!(file.is_none());
    let reason = loaded.read_only.unwrap();
    assert!(reason.contains("symbolic link"), "{reason}");
}

#[test]
fn new_on_a_full_disk_leaves_no_lock_file_for_the_record_that_never_was() {
    let tmp = tempfile::tempdir().unwrap();
    let records = tmp.path().join("records");
    store(tmp.path());
    // A file size limit of 2 KiB (in 512-byte blocks) lets the small lock file be written
    // but not the record: its write fails as on a full disk (SIGXFSZ ignored, so the write
    // returns an error instead of killing the process).
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_minutes"))
        .args(["new", "--type", "case-conference", "--title", "Full disk"])
        .args(["--date", "2026-11-23", "--no-open"])
        .env("MINUTES_DIR", &records)
        .env("MINUTES_CONFIG_DIR", tmp.path().join("config"))
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(hidden_names(&records), Vec::<String>::new());
    assert_eq!(std::fs::read_dir(&records).unwrap().count(), 0);
}

// ------------------------------------------------------------ the listing cache

#[test]
fn a_cache_that_is_a_pipe_does_not_hang_the_listing() {
    let (tmp, _) = setup();
    let cache = tmp.path().join("records/.index.json");
    std::fs::remove_file(&cache).ok();
    mkfifo(&cache);
    let output = common::minutes_command(tmp.path())
        .args(["list"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains(ID));
    assert!(cache.symlink_metadata().unwrap().is_file(), "rebuilt");
}

#[test]
fn a_backup_or_cache_that_is_a_symlink_is_replaced_not_written_through() {
    // Already true before the lock-file fixes (a rename replaces a link); kept so that a
    // change to writing these files in place would be caught.
    let (tmp, record) = setup();
    let backup_victim = victim(tmp.path());
    let cache_victim = tmp.path().join("outside/cache-victim.txt");
    std::fs::write(&cache_victim, "precious\n").unwrap();
    let records = tmp.path().join("records");
    let backup = record.with_file_name(format!("{FILE_NAME}.bak"));
    std::os::unix::fs::symlink(&backup_victim, &backup).unwrap();
    std::os::unix::fs::symlink(&cache_victim, records.join(".index.json")).unwrap();
    let output = run(tmp.path(), CHANGES[0].1);
    assert!(output.status.success(), "{}", stderr(&output));
    for victim in [&backup_victim, &cache_victim] {
        assert_eq!(std::fs::read_to_string(victim).unwrap(), "precious\n");
    }
    assert!(!is_symlink(&backup) && !is_symlink(&records.join(".index.json")));
}

// ------------------------------------------------------------ the backup

#[test]
fn the_backup_of_a_record_open_to_others_is_private() {
    let (tmp, record) = setup();
    std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(&record).unwrap();
    let output = run(tmp.path(), CHANGES[0].1);
    assert!(output.status.success(), "{}", stderr(&output));
    let backup = record.with_file_name(format!("{FILE_NAME}.bak"));
    assert_eq!(std::fs::read(&backup).unwrap(), before);
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(mode(&record), 0o600);
}

// ------------------------------------------------------------ export targets

/// `minutes export ID --format md` with these arguments, run in `outside/`.
fn export(dir: &Path, args: &[&str]) -> Output {
    common::minutes_command(dir)
        .current_dir(dir.join("outside"))
        .args(["export", ID, "--format", "md"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn export_force_replaces_only_a_regular_file() {
    let (tmp, _) = setup();
    let outside = tmp.path().join("outside");
    let fifo = outside.join("pipe");
    mkfifo(&fifo);
    let victim = victim(tmp.path());
    let link = outside.join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();

    let output = export(tmp.path(), &["-o", fifo.to_str().unwrap(), "--force"]);
    let err = refused_naming(&output, &fifo);
    assert!(
        err.contains("not a regular file") && err.contains("-o -"),
        "{err}"
    );
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());

    let output = export(tmp.path(), &["-o", link.to_str().unwrap(), "--force"]);
    let err = refused_naming(&output, &link);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(is_symlink(&link));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");

    // A regular file is still replaced.
    let output = export(tmp.path(), &["-o", victim.to_str().unwrap(), "--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&victim)
            .unwrap()
            .starts_with("**OFFICIAL-SENSITIVE")
    );
}

#[test]
fn export_to_dash_writes_standard_output() {
    let (tmp, _) = setup();
    let output = export(tmp.path(), &["-o", "-"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("**OFFICIAL-SENSITIVE"), "{text}");
    assert!(!tmp.path().join("outside/-").exists());

    let output = common::minutes_command(tmp.path())
        .current_dir(tmp.path().join("outside"))
        .args(["export", ID, "--format", "docx", "-o", "-"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.starts_with(b"PK"), "a zip file");
    assert!(!tmp.path().join("outside/-").exists());
}

#[test]
fn export_into_any_folder_of_the_records_folder_is_refused() {
    let (tmp, _) = setup();
    let records = tmp.path().join("records");
    let outside = tmp.path().join("outside");
    std::fs::create_dir(records.join("sub")).unwrap();
    std::os::unix::fs::symlink(&records, outside.join("to-records")).unwrap();
    std::os::unix::fs::symlink(records.join("sub"), outside.join("to-sub")).unwrap();
    let names_before = std::fs::read_dir(&records).unwrap().count();
    // Finding the record writes the listing cache; nothing else may appear.
    let cache = usize::from(!records.join(".index.json").exists());
    for target in [
        records.join("x.md"),
        records.join("sub/x.md"),
        records.join("../records/x.md"),
        records.join("sub/../x.md"),
        outside.join("to-records/x.md"),
        outside.join("to-sub/x.md"),
        PathBuf::from("../records/sub/x.md"),
    ] {
        for force in [&[][..], &["--force"]] {
            let mut args = vec!["-o", target.to_str().unwrap()];
            args.extend_from_slice(force);
            let output = export(tmp.path(), &args);
            let err = refused_naming(&output, &target);
            assert!(err.contains("records folder"), "{err}");
        }
    }
    assert_eq!(
        std::fs::read_dir(&records).unwrap().count(),
        names_before + cache
    );
    assert_eq!(std::fs::read_dir(records.join("sub")).unwrap().count(), 0);
}

#[test]
fn a_link_put_in_place_of_a_record_being_edited_is_not_saved_over() {
    let (tmp, record) = setup();
    let store = store(tmp.path());
    let (loaded, file) = store.open_record(&record).unwrap();
    let mut file = file.expect("writable");
    // While the record is open, its file is moved out and a link to it put in its place.
    let real = tmp.path().join("outside").join(FILE_NAME);
    std::fs::rename(&record, &real).unwrap();
    std::os::unix::fs::symlink(&real, &record).unwrap();
    let before = std::fs::read(&real).unwrap();
    let err = file.save(&loaded.record).unwrap_err();
    assert!(matches!(err, minutes::Error::Changed { .. }), "{err}");
    assert!(is_symlink(&record));
    assert_eq!(std::fs::read(&real).unwrap(), before);
}
