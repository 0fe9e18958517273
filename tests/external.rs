//! The exported documents opened by the programs recipients use: LibreOffice converts the
//! Word file to PDF, pandoc reads the Markdown without a warning.
//!
//! These need programs outside Rust. Where one is missing, its tests are reported as
//! ignored, naming the program and the Debian package that provides it; they never pass
//! without running. `.ci/run` installs the packages when they are missing, so CI runs them.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};
use minutes::document::{Audience, ExportFormat, Letterhead, export, render_docx};

/// A program a test needs: the names it goes by, and the Debian package that has it.
struct Needs {
    names: &'static [&'static str],
    package: &'static str,
}

const LIBREOFFICE: Needs = Needs {
    names: &["libreoffice", "soffice"],
    package: "libreoffice-writer-nogui",
};

const PDFTOTEXT: Needs = Needs {
    names: &["pdftotext"],
    package: "poppler-utils",
};

const PANDOC: Needs = Needs {
    names: &["pandoc"],
    package: "pandoc",
};

fn main() {
    let args = Arguments::from_args();
    let tests = vec![
        trial(
            "libreoffice_converts_the_docx_to_pdf",
            &LIBREOFFICE,
            libreoffice_converts_the_docx_to_pdf,
        ),
        trial_with_two(
            "libreoffice_keeps_table_words_whole_in_the_pdf",
            (&LIBREOFFICE, &PDFTOTEXT),
            libreoffice_keeps_table_words_whole_in_the_pdf,
        ),
        trial(
            "pandoc_reads_the_markdown_without_warnings",
            &PANDOC,
            pandoc_reads_the_markdown_without_warnings,
        ),
    ];
    libtest_mimic::run(&args, tests).exit();
}

/// A test of `needs`' program, run with its path, or ignored saying what is missing.
fn trial(name: &'static str, needs: &Needs, test: fn(PathBuf) -> Result<(), Failed>) -> Trial {
    match on_path(needs.names) {
        Some(program) => Trial::test(name, move || test(program)),
        None => Trial::test(name, || Ok(()))
            .with_kind(format!(
                "needs {} (Debian package {}; .ci/run installs it)",
                needs.names[0], needs.package
            ))
            .with_ignored_flag(true),
    }
}

/// A test needing two programs, run with both paths, or ignored saying what is missing.
fn trial_with_two(
    name: &'static str,
    needs: (&Needs, &Needs),
    test: fn(PathBuf, PathBuf) -> Result<(), Failed>,
) -> Trial {
    match (on_path(needs.0.names), on_path(needs.1.names)) {
        (Some(first), Some(second)) => Trial::test(name, move || test(first, second)),
        (first, _) => {
            let missing = if first.is_none() { needs.0 } else { needs.1 };
            Trial::test(name, || Ok(()))
                .with_kind(format!(
                    "needs {} (Debian package {}; .ci/run installs it)",
                    missing.names[0], missing.package
                ))
                .with_ignored_flag(true)
        }
    }
}

fn libreoffice_converts_the_docx_to_pdf(office: PathBuf) -> Result<(), Failed> {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = docx_to_pdf(
        &office,
        tmp.path(),
        &render_docx(
            &common::typical_record(),
            Audience::Adult,
            &Letterhead::default(),
        )
        .unwrap(),
    )?;
    if pdf.len() <= 10_000 {
        return Err(format!("a PDF of only {} bytes", pdf.len()).into());
    }
    Ok(())
}

/// The words of table headers and short cells that LibreOffice used to split ("Own/er",
/// "N/o.", "Attendanc/e") and an email address it broke: none may be cut across lines.
const WHOLE_WORDS: &[&str] = &[
    "Name",
    "Initials",
    "Role",
    "Agency",
    "Attendance",
    "Contact",
    "No.",
    "Action",
    "Owner",
    "Due",
    "Status",
    "Question",
    "Answer",
    "Achieved",
    "Referral",
    "Circulation",
    "Priya",
    "Dubois",
    "Priya Nair",
    "Mark Bennett",
    "Amara Okafor",
    "Bennett",
    "jane.smith@police.example",
];

fn libreoffice_keeps_table_words_whole_in_the_pdf(
    office: PathBuf,
    pdftotext: PathBuf,
) -> Result<(), Failed> {
    let tmp = tempfile::tempdir().unwrap();
    let record = common::typical_record();
    let pdf = docx_to_pdf(
        &office,
        tmp.path(),
        &render_docx(&record, Audience::Professionals, &Letterhead::default()).unwrap(),
    )?;
    let pdf_path = tmp.path().join("minutes-text.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let output = Command::new(&pdftotext)
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    if !output.status.success() {
        return Err(format!("pdftotext failed: {}", output.status).into());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    for word in WHOLE_WORDS {
        if !text.contains(word) {
            return Err(format!("{word:?} is not in the PDF whole:\n{text}").into());
        }
        for (at, _) in word.char_indices().skip(1) {
            let split = format!("{}\n{}", &word[..at], &word[at..]);
            let hyphenated = format!("{}-\n{}", &word[..at], &word[at..]);
            let wrapped = word.contains(' ') && text.contains(&word.replace(' ', "\n"));
            if text.contains(&split) || text.contains(&hyphenated) || wrapped {
                return Err(format!("{word:?} is split in the PDF:\n{text}").into());
            }
        }
    }
    Ok(())
}

/// `docx` converted to PDF by LibreOffice in `dir` (its own profile there).
fn docx_to_pdf(office: &PathBuf, dir: &std::path::Path, docx: &[u8]) -> Result<Vec<u8>, Failed> {
    let tmp = dir;
    let docx_path = tmp.join("minutes.docx");
    std::fs::write(&docx_path, docx).unwrap();
    let docx = docx_path;
    // Its own profile folder, so a LibreOffice already running elsewhere is not disturbed.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        tmp.join("profile").display()
    );
    let mut child = Command::new(office)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(tmp)
        .arg(&docx)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = wait_at_most(&mut child, Duration::from_secs(180));
    let pdf = std::fs::read(tmp.join("minutes.pdf")).unwrap_or_default();
    if !status.is_some_and(|s| s.success()) {
        return Err(format!("{} failed: {status:?}", office.display()).into());
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err("no PDF came out".into());
    }
    Ok(pdf)
}

fn pandoc_reads_the_markdown_without_warnings(pandoc: PathBuf) -> Result<(), Failed> {
    for record in [
        common::typical_record(),
        common::two_part_record(),
        common::unicode_record(),
    ] {
        for audience in [Audience::Professionals, Audience::Adult] {
            let markdown = export(
                &record,
                ExportFormat::Markdown,
                audience,
                &Letterhead::default(),
            )
            .unwrap();
            let mut child = Command::new(&pandoc)
                .args(["-f", "markdown", "-t", "html", "--fail-if-warnings"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(&markdown).unwrap();
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !output.status.success() || !stderr.trim().is_empty() {
                return Err(format!("{audience:?}: {}: {stderr}", output.status).into());
            }
            if !String::from_utf8_lossy(&output.stdout).contains("<table>") {
                return Err(format!("{audience:?}: no table in pandoc's HTML").into());
            }
        }
    }
    Ok(())
}

/// The first of `names` found as an executable file on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| {
            std::fs::metadata(candidate)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// Waits for `child` at most `limit`, killing it after that.
fn wait_at_most(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
