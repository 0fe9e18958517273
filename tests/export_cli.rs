//! `minutes export` run on temporary folders: every format to standard output and to files,
//! file permissions, refusing to replace without `--force`, and the errors.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// The typical record's id (see `tests/fixtures/typical.json`).
const ID: &str = "5e1c0a7d";
const FILE_NAME: &str = "2026-11-23-case-conference-5e1c0a7d.json";

/// A `minutes` command isolated from the user's own folders, run in `dir/work`.
fn minutes(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("minutes").expect("binary built");
    cmd.env("MINUTES_DIR", dir.join("records"))
        .env("MINUTES_CONFIG_DIR", dir.join("config"))
        .env_remove("NO_COLOR")
        .current_dir(dir.join("work"));
    cmd
}

/// A temp folder with `records/` (0700) holding the typical record, and an empty `work/`.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let records = tmp.path().join("records");
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&records)
        .unwrap();
    std::fs::create_dir(tmp.path().join("work")).unwrap();
    let record = records.join(FILE_NAME);
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/typical.json");
    std::fs::copy(fixture, &record).unwrap();
    std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o600)).unwrap();
    (tmp, record)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn text_formats_go_to_standard_output() {
    let (tmp, _) = folder();
    for (format, expected) in [
        ("md", "# Section 42 case conference: missed care calls"),
        (
            "txt",
            "Section 42 case conference: missed care calls\n=====",
        ),
        ("html", "<!DOCTYPE html>"),
        ("json", "\"schema_version\": 1"),
    ] {
        minutes(tmp.path())
            .args(["export", ID, "--format", format])
            .assert()
            .success()
            .stdout(predicate::str::contains(expected))
            .stderr("");
    }
    let adult = minutes(tmp.path())
        .args(["export", ID, "--format", "md", "--audience", "adult"])
        .assert()
        .success();
    let text = String::from_utf8(adult.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Some information has been withheld from this copy."));
    assert!(!text.contains("[RESTRICTED]"));
    assert!(
        std::fs::read_dir(tmp.path().join("work"))
            .unwrap()
            .next()
            .is_none(),
        "nothing written"
    );
}

#[test]
fn every_format_writes_a_private_file_with_o() {
    let (tmp, record) = folder();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for format in ["md", "html", "txt", "docx", "json"] {
        let target = out.join(format!("minutes.{format}"));
        minutes(tmp.path())
            .args(["export", record.to_str().unwrap(), "--format", format])
            .args(["--audience", "adult", "-o"])
            .arg(&target)
            .assert()
            .success()
            .stdout(format!("{}\n", target.display()));
        assert_eq!(mode(&target), 0o600, "{format}");
        let bytes = std::fs::read(&target).unwrap();
        assert!(bytes.len() > 1000, "{format}");
        let content = String::from_utf8_lossy(&bytes);
        assert!(!content.contains("[RESTRICTED]"), "{format}");
    }
    assert!(
        std::fs::read(out.join("minutes.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "minutes.docx",
            "minutes.html",
            "minutes.json",
            "minutes.md",
            "minutes.txt"
        ],
        "no temp files left"
    );
}

#[test]
fn docx_without_o_lands_in_the_current_folder_named_after_the_record() {
    let (tmp, _) = folder();
    let work = tmp.path().join("work");
    for (audience, name) in [
        ("professionals", "2026-11-23-case-conference-5e1c0a7d.docx"),
        ("adult", "2026-11-23-case-conference-5e1c0a7d-adult.docx"),
        ("part2", "2026-11-23-case-conference-5e1c0a7d-part2.docx"),
    ] {
        let assert = minutes(tmp.path())
            .args(["export", ID, "--format", "docx", "--audience", audience])
            .assert()
            .success();
        let printed = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        let path = PathBuf::from(printed.trim());
        assert_eq!(path.file_name().unwrap().to_str(), Some(name));
        assert_eq!(
            path.parent().unwrap().canonicalize().unwrap(),
            work.canonicalize().unwrap()
        );
        assert_eq!(mode(&path), 0o600);
    }
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let (tmp, _) = folder();
    let target = tmp.path().join("work").join("minutes.md");
    std::fs::write(&target, "someone else's notes").unwrap();
    minutes(tmp.path())
        .args(["export", ID, "--format", "md", "-o", "minutes.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("minutes.md"))
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "someone else's notes"
    );
    minutes(tmp.path())
        .args([
            "export",
            ID,
            "--format",
            "md",
            "-o",
            "minutes.md",
            "--force",
        ])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("\n# Section 42")
    );
    assert_eq!(mode(&target), 0o600);
    // Docx's default name is protected the same way.
    minutes(tmp.path())
        .args(["export", ID, "--format", "docx"])
        .assert()
        .success();
    minutes(tmp.path())
        .args(["export", ID, "--format", "docx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("5e1c0a7d.docx"));
}

#[test]
fn the_record_and_its_folder_are_never_written() {
    let (tmp, record) = folder();
    let before = std::fs::read(&record).unwrap();
    minutes(tmp.path())
        .args(["export", ID, "--format", "json", "--force", "-o"])
        .arg(&record)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(FILE_NAME))
        .stderr(predicate::str::contains("records folder"));
    minutes(tmp.path())
        .args(["export", ID, "--format", "md", "-o"])
        .arg(tmp.path().join("records").join("copy.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("copy.md"));
    assert_eq!(std::fs::read(&record).unwrap(), before);
    assert!(!tmp.path().join("records").join("copy.md").exists());
}

#[test]
fn a_missing_output_folder_is_named() {
    let (tmp, _) = folder();
    let missing = tmp.path().join("nowhere").join("minutes.html");
    minutes(tmp.path())
        .args(["export", ID, "--format", "html", "-o"])
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nowhere"));
}

#[test]
fn a_bad_id_and_an_unknown_format_are_errors() {
    let (tmp, _) = folder();
    minutes(tmp.path())
        .args(["export", "0123abcd", "--format", "md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no record matches '0123abcd'"));
    minutes(tmp.path())
        .args(["export", ID, "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'pdf'"))
        .stderr(predicate::str::contains("docx"));
    minutes(tmp.path())
        .args(["export", ID])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format"));
    minutes(tmp.path())
        .args(["export", ID, "--format", "md", "--audience", "carer"])
        .assert()
        .code(2);
}

#[test]
fn show_gives_the_adult_the_same_copy_as_export_in_every_format() {
    let (tmp, _) = folder();
    for format in ["md", "txt", "json"] {
        let run = |command: &str| {
            let output = minutes(tmp.path())
                .args([command, ID, "--format", format, "--audience", "adult"])
                .output()
                .unwrap();
            assert!(output.status.success(), "{command} {format}: {output:?}");
            String::from_utf8(output.stdout).unwrap()
        };
        let shown = run("show");
        assert_eq!(shown, run("export"), "{format}");
        for withheld in ["Refer Worker A to the DBS", "Third-party information"] {
            assert!(!shown.contains(withheld), "{format}: {withheld}");
        }
    }
}

/// `minutes export ID --format md --for NAME`: the document, and what it said on stderr.
fn export_for(dir: &Path, name: &str) -> (String, String) {
    let output = minutes(dir)
        .args(["export", ID, "--format", "md", "--for", name])
        .output()
        .unwrap();
    assert!(output.status.success(), "--for {name}: {output:?}");
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn export_for_someone_off_the_attendance_list_says_why_they_have_the_professionals_copy() {
    let (tmp, record) = folder();
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    json["review"]["circulation"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "Ann Lee", "agency": "Housing"}));
    std::fs::write(&record, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let (document, stderr) = export_for(tmp.path(), "Ann Lee");
    assert!(
        stderr.contains("professionals' copy (not on the attendance list)")
            && stderr.contains(
                "Ann Lee, Housing is not on the attendance list, so has the professionals' copy; \
                 if they are the adult, family or someone representing the adult"
            ),
        "{stderr}"
    );
    assert!(document.contains("This copy:** Professionals' copy"));
}

#[test]
fn export_for_a_person_makes_the_copy_their_attendance_calls_for() {
    let (tmp, _) = folder();
    for (name, said, copy) in [
        // Joined for part 2 only (the provider): accents and case do not matter.
        (
            "mark bennett",
            "the copy for Mark Bennett, Oakfield Home Care: part-2 copy (attended part 2 only)",
            "This copy:** Copy for those who attended part 2 only",
        ),
        (
            "Edith Warren",
            "the copy for Edith Warren: the adult's copy (the adult)",
            "This copy:** Copy for the adult or their representative",
        ),
        (
            "ST",
            "the copy for Sam Taylor, Voice Advocacy: the adult's copy (represents the adult)",
            "This copy:** Copy for the adult or their representative",
        ),
        (
            "Jane Smith",
            "the copy for Jane Smith, Police: professionals' copy (attendee)",
            "This copy:** Professionals' copy",
        ),
    ] {
        let (document, stderr) = export_for(tmp.path(), name);
        assert!(stderr.contains(said), "{name}: {stderr}");
        assert!(!stderr.contains("not on the attendance list"), "{stderr}");
        assert!(document.contains(copy), "{name}");
        let withheld = document.contains("Refer Worker A to the DBS");
        assert_eq!(withheld, copy.ends_with("Professionals' copy"), "{name}");
    }
    // --for writes the copy's own default file name.
    let assert = minutes(tmp.path())
        .args(["export", ID, "--format", "docx", "--for", "Mark Bennett"])
        .assert()
        .success();
    let printed = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(printed.trim().ends_with("5e1c0a7d-part2.docx"), "{printed}");
}

#[test]
fn export_for_refuses_a_tie_or_a_miss_listing_who_it_could_be() {
    let (tmp, _) = folder();
    // Two attendees from Adult Social Care: never a guess.
    minutes(tmp.path())
        .args(["export", ID, "--format", "md", "--for", "adult social care"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("could be several people"))
        .stderr(predicate::str::contains("  Priya Nair, Adult Social Care"))
        .stderr(predicate::str::contains(
            "  Amara Okafor, Adult Social Care",
        ));
    minutes(tmp.path())
        .args(["export", ID, "--format", "md", "--for", "Nobody Known"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "nobody on the attendance or circulation list",
        ))
        .stderr(predicate::str::contains(
            "  Mark Bennett, Oakfield Home Care",
        ));
    minutes(tmp.path())
        .args(["export", ID, "--format", "md", "--for", "Jane Smith"])
        .args(["--audience", "adult"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}
