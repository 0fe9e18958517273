//! What every copy of the minutes carries besides the record (issue 11): the protective
//! marking and DRAFT (until agreed) at the top and in every page header, the organisation's
//! name, the Word document's properties, times on the council's clock whatever the server's
//! zone, and action owners named in full.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use minutes::clock::Zone;
use minutes::document::{Audience, ExportFormat, Format, Letterhead, export, render};
use minutes::model::{MinutesStatus, Note, Record};

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no {name} in {:?}", names(parts)))
}

fn names(parts: &[(String, String)]) -> Vec<&str> {
    parts.iter().map(|(name, _)| name.as_str()).collect()
}

fn docx(record: &Record, letterhead: &Letterhead) -> Vec<(String, String)> {
    common::docx_parts(
        &export(
            record,
            ExportFormat::Docx,
            Audience::Professionals,
            letterhead,
        )
        .unwrap(),
    )
}

fn text(record: &Record, format: Format, letterhead: &Letterhead) -> String {
    render(record, format, Audience::Professionals, letterhead)
}

/// The typical record with its minutes still a draft.
fn draft() -> Record {
    let mut record = common::typical_record();
    record.meeting.status = MinutesStatus::Draft;
    record.meeting.status_history.clear();
    record
}

/// The draft, agreed by the chair.
fn agreed() -> Record {
    let mut record = draft();
    let after = common::ts("2026-11-23T16:00:00+00:00");
    minutes::model::agree(&mut record, "Priya Nair", after).unwrap();
    record
}

#[test]
fn a_draft_says_draft_in_every_page_header_until_agreed() {
    let letterhead = Letterhead::default();
    for (record, is_draft) in [
        (draft(), true),
        (agreed(), false),
        (common::typical_record(), false),
    ] {
        let status = record.meeting.status;
        let html = text(&record, Format::Html, &letterhead);
        let page_rule = html
            .split("@top-center")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .expect("a running header in the @page rule");
        // The running header is a CSS string with its punctuation escaped.
        assert_eq!(
            page_rule.contains("DRAFT"),
            is_draft,
            "{status:?}: {page_rule}"
        );
        assert!(page_rule.contains("OFFICIAL-SENSITIVE"), "{page_rule}");
        let banner = "<p class=\"banner\">OFFICIAL-SENSITIVE \u{2014} DRAFT</p>";
        assert_eq!(html.contains(banner), is_draft, "{status:?}");
        assert!(html.contains("<p class=\"banner\">OFFICIAL-SENSITIVE"));

        let parts = docx(&record, &letterhead);
        let headers: Vec<&(String, String)> = parts
            .iter()
            .filter(|(name, _)| name.starts_with("word/header"))
            .collect();
        assert!(!headers.is_empty(), "{:?}", names(&parts));
        for (name, xml) in headers {
            assert_eq!(xml.contains("DRAFT"), is_draft, "{status:?} {name}: {xml}");
            assert!(xml.contains("OFFICIAL-SENSITIVE"), "{name}: {xml}");
            assert!(!xml.contains("CONFIDENTIAL"), "{name}: {xml}");
        }

        for format in [Format::Markdown, Format::Text] {
            let top = text(&record, format, &letterhead);
            let first = top.lines().next().unwrap_or_default();
            assert!(first.contains("OFFICIAL-SENSITIVE"), "{format:?}: {first}");
            assert_eq!(first.contains("DRAFT"), is_draft, "{format:?}: {first}");
        }
    }
}

#[test]
fn the_marking_is_official_sensitive_unless_configured() {
    let record = common::typical_record();
    let md = text(&record, Format::Markdown, &Letterhead::default());
    assert!(md.starts_with("**OFFICIAL-SENSITIVE**\n"), "{md}");
    assert!(md.contains("> **OFFICIAL-SENSITIVE.** These minutes contain"));
    assert!(!md.contains("CONFIDENTIAL"));

    let own = Letterhead {
        marking: "OFFICIAL-SENSITIVE: PERSONAL".to_owned(),
        ..Letterhead::default()
    };
    let txt = text(&draft(), Format::Text, &own);
    assert!(
        txt.starts_with("OFFICIAL-SENSITIVE: PERSONAL \u{2014} DRAFT\n"),
        "{txt}"
    );
    let parts = docx(&record, &own);
    assert!(part(&parts, "word/header1.xml").contains("OFFICIAL-SENSITIVE: PERSONAL"));
    assert!(part(&parts, "word/footer1.xml").contains("OFFICIAL-SENSITIVE: PERSONAL"));
}

#[test]
fn the_organisation_heads_the_document() {
    let letterhead = Letterhead {
        organisation: Some("London Borough of Lewisham & Partners".to_owned()),
        ..Letterhead::default()
    };
    let record = common::typical_record();
    let md = text(&record, Format::Markdown, &letterhead);
    let before_title = md.split("\n# ").next().unwrap_or_default();
    assert!(
        before_title.contains("**London Borough of Lewisham \\& Partners**"),
        "{md}"
    );
    let html = text(&record, Format::Html, &letterhead);
    assert!(html.contains("<p class=\"banner\">London Borough of Lewisham &amp; Partners</p>"));
    let parts = docx(&record, &letterhead);
    let document = part(&parts, "word/document.xml");
    let organisation = document.find("London Borough of Lewisham &amp; Partners");
    let title = document.find("Section 42 case conference");
    assert!(organisation.is_some() && organisation < title, "{document}");
    // No organisation configured: no line for it.
    let plain = text(&record, Format::Markdown, &Letterhead::default());
    assert_eq!(plain.split("\n# ").next(), Some("**OFFICIAL-SENSITIVE**\n"));
}

#[test]
fn the_word_document_has_title_author_and_language_and_no_comments_part() {
    let parts = docx(&common::typical_record(), &Letterhead::default());
    let core = part(&parts, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Section 42 case conference: missed care calls</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>Tom Walsh</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("<dc:language>en-GB</dc:language>"), "{core}");
    assert!(!core.contains("unknown"), "{core}");
    assert!(part(&parts, "word/styles.xml").contains("<w:lang w:val=\"en-GB\" />"));
    assert!(part(&parts, "word/settings.xml").contains("<w:themeFontLang w:val=\"en-GB\" />"));
    for (name, xml) in &parts {
        assert!(!name.contains("comments"), "{:?}", names(&parts));
        if name.ends_with(".rels") || name == "[Content_Types].xml" {
            assert!(!xml.contains("comments"), "{name}: {xml}");
        }
    }
}

#[test]
fn owners_are_named_in_full_with_their_agency() {
    let mut record = common::typical_record();
    record.attendees.push(common::person(
        "Priya Raman",
        "Detective Sergeant",
        "Police",
        minutes::model::Attendance::Present,
    ));
    let key = record.actions[0].agenda_key.clone();
    let mut by_initials = common::action(6, "Check the PNC", "PR", "", "2026-12-01", &key);
    by_initials.created_at = common::at("11:30");
    let mut other_agency = by_initials.clone();
    other_agency.id = 7;
    other_agency.agency = "Adult Social Care".to_owned();
    let mut nobody = by_initials.clone();
    nobody.id = 8;
    nobody.owner = "XY".to_owned();
    record.actions.extend([by_initials, other_agency, nobody]);
    let md = text(&record, Format::Markdown, &Letterhead::default());
    assert!(
        md.contains("| 6 | Check the PNC | Priya Raman | Police |"),
        "{md}"
    );
    assert!(
        md.contains("| 7 | Check the PNC | Priya Raman (Police) | Adult Social Care |"),
        "{md}"
    );
    assert!(
        md.contains("| 8 | Check the PNC | XY | *Not recorded* |"),
        "{md}"
    );
    // The typical record's owners were typed as initials.
    assert!(
        md.contains("to the IO | Mark Bennett | Oakfield Home Care | 25 Nov 2026"),
        "{md}"
    );
}

// ---------------------------------------------------------------------------------------------
// Times on the council's clock

/// A summer meeting whose one note was written at 09:02 UTC: 10:02 in London.
fn summer_record() -> Record {
    let mut record = common::blank_record("a1b2c3d4e5f60718293a4b5c6d7e8f90", "Summer meeting");
    record.meeting.date = common::date("2026-07-14");
    record.meeting.started_at = Some(common::ts("2026-07-14T09:00:00Z"));
    record.meeting.ended_at = Some(common::ts("2026-07-14T09:45:00Z"));
    record.meeting.minute_taker = "Tom Walsh".to_owned();
    record.agenda[0]
        .notes
        .push(Note::new(common::ts("2026-07-14T09:02:00Z"), "Summer note"));
    record
}

#[test]
fn times_are_shown_on_the_councils_clock_in_every_format() {
    let record = summer_record();
    let london = Letterhead::default();
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let out = text(&record, format, &london);
        assert!(out.contains("10:02"), "{format:?}: {out}");
        assert!(out.contains("10:00 to 10:45"), "{format:?}: {out}");
        assert!(!out.contains("09:02"), "{format:?}: {out}");
    }
    let document = docx(&record, &london);
    let xml = part(&document, "word/document.xml");
    assert!(xml.contains("10:02") && !xml.contains("09:02"), "{xml}");

    let utc = Letterhead {
        zone: Zone::named("UTC").unwrap(),
        ..Letterhead::default()
    };
    assert!(text(&record, Format::Text, &utc).contains("09:02"));
}

/// The `minutes` binary on a server whose own zone is UTC.
fn on_utc_server(dir: &Path, args: &[&str]) -> std::process::Output {
    common::minutes_command(dir)
        .env("TZ", "UTC")
        .current_dir(dir.join("outside"))
        .args(args)
        .output()
        .unwrap()
}

fn folder_with(record: &Record) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for sub in ["records", "config", "outside"] {
        std::fs::create_dir(tmp.path().join(sub)).unwrap();
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        tmp.path().join("records"),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    common::write_unchecked(&tmp.path().join("records"), record);
    tmp
}

#[test]
fn a_utc_server_prints_london_times_in_every_export_and_in_show() {
    let tmp = folder_with(&summer_record());
    let id = "a1b2c3d4";
    for format in ["md", "txt", "html"] {
        let output = on_utc_server(tmp.path(), &["export", id, "--format", format, "-o", "-"]);
        assert!(output.status.success(), "{output:?}");
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(
            out.contains("10:02") && !out.contains("09:02"),
            "{format}: {out}"
        );
    }
    let output = on_utc_server(
        tmp.path(),
        &["export", id, "--format", "docx", "-o", "m.docx"],
    );
    assert!(output.status.success(), "{output:?}");
    let bytes = std::fs::read(tmp.path().join("outside/m.docx")).unwrap();
    let parts = common::docx_parts(&bytes);
    let xml = part(&parts, "word/document.xml");
    assert!(xml.contains("10:02") && !xml.contains("09:02"));

    let output = on_utc_server(tmp.path(), &["show", id]);
    assert!(output.status.success(), "{output:?}");
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("10:02") && !out.contains("09:02"), "{out}");
}

#[test]
fn the_settings_give_the_marking_organisation_and_zone() {
    let tmp = folder_with(&summer_record());
    std::fs::write(
        tmp.path().join("config/config.toml"),
        "marking = \"OFFICIAL-SENSITIVE: PERSONAL\"\norganisation = \"Riverside Council\"\n\
         timezone = \"UTC\"\n",
    )
    .unwrap();
    let output = on_utc_server(tmp.path(), &["show", "a1b2c3d4", "--format", "md"]);
    assert!(output.status.success(), "{output:?}");
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.starts_with(
            "**OFFICIAL-SENSITIVE: PERSONAL \u{2014} DRAFT**\n\n**Riverside Council**\n"
        ),
        "{out}"
    );
    assert!(out.contains("09:02"), "{out}");
}

#[test]
fn an_unknown_zone_is_a_warning_and_london_is_used() {
    let tmp = folder_with(&summer_record());
    let config = tmp.path().join("config/config.toml");
    std::fs::write(&config, "timezone = \"Europe/Londres\"\n").unwrap();
    let output = on_utc_server(tmp.path(), &["show", "a1b2c3d4"]);
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    for part in [
        config.to_str().unwrap(),
        "timezone",
        "\"Europe/Londres\"",
        "Europe/London",
    ] {
        assert!(stderr.contains(part), "{stderr}");
    }
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("10:02"), "{out}");
}
