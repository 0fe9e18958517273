//! Exported minutes in every format: snapshots, the adult's copy holding nothing it must not
//! (every format, every XML part of the Word file), determinism and escaping. The documents
//! opening in pandoc and LibreOffice are checked in `tests/external.rs`.
//!
//! Snapshots live in `tests/snapshots/`; after an intended layout change run
//! `INSTA_UPDATE=always cargo test --test export` and read the changed `.snap` files.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::io::{Cursor, Read};

use common::marked::{Markers, marked_record};
use minutes::document::{Audience, ExportFormat, Letterhead};
use minutes::model::{COPY_NOTE_KEY, Changed, MinutesStatus, NoteCorrection, Record, Visibility};

/// The minutes in `format` under the default letterhead.
fn export(record: &Record, format: ExportFormat, audience: Audience) -> std::io::Result<Vec<u8>> {
    minutes::document::export(record, format, audience, &Letterhead::default())
}

/// The Word minutes under the default letterhead.
fn render_docx(record: &Record, audience: Audience) -> std::io::Result<Vec<u8>> {
    minutes::document::render_docx(record, audience, &Letterhead::default())
}

const AUDIENCES: [Audience; 2] = [Audience::Professionals, Audience::Adult];

/// Every part of a .docx archive, by name, with its text.
fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.is_dir() {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        parts.push((file.name().to_owned(), text));
    }
    parts
}

/// What a reader of the export can see: the text for text formats, every XML part joined
/// for Word.
fn readable(record: &Record, format: ExportFormat, audience: Audience) -> String {
    let bytes = export(record, format, audience).expect("export");
    if format == ExportFormat::Docx {
        let parts = docx_parts(&bytes);
        assert!(parts.iter().any(|(name, _)| name == "word/document.xml"));
        parts
            .into_iter()
            .map(|(name, text)| format!("== {name}\n{text}\n"))
            .collect()
    } else {
        String::from_utf8(bytes).expect("UTF-8")
    }
}

/// `word/document.xml` with a line break before each paragraph, table and row, so a snapshot
/// diff shows what changed.
fn document_xml(bytes: &[u8]) -> String {
    let parts = docx_parts(bytes);
    let (_, xml) = parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .expect("word/document.xml");
    let mut out = String::with_capacity(xml.len() + xml.len() / 10);
    for (i, piece) in xml.split('<').enumerate() {
        if i > 0 {
            let breaks = ["w:p ", "w:p>", "w:tbl>", "w:tr>", "w:tr ", "w:sectPr"];
            if breaks.iter().any(|b| piece.starts_with(b)) {
                out.push('\n');
            }
            out.push('<');
        }
        out.push_str(piece);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Snapshots

#[test]
fn two_part_markdown_for_professionals() {
    let bytes = export(
        &common::two_part_record(),
        ExportFormat::Markdown,
        Audience::Professionals,
    );
    insta::assert_snapshot!(String::from_utf8(bytes.unwrap()).unwrap());
}

#[test]
fn two_part_text_for_the_adult() {
    let bytes = export(
        &common::two_part_record(),
        ExportFormat::Text,
        Audience::Adult,
    );
    insta::assert_snapshot!(String::from_utf8(bytes.unwrap()).unwrap());
}

#[test]
fn two_part_html_for_professionals() {
    let bytes = export(
        &common::two_part_record(),
        ExportFormat::Html,
        Audience::Professionals,
    );
    insta::assert_snapshot!(String::from_utf8(bytes.unwrap()).unwrap());
}

#[test]
fn two_part_html_for_the_adult() {
    let bytes = export(
        &common::two_part_record(),
        ExportFormat::Html,
        Audience::Adult,
    );
    insta::assert_snapshot!(String::from_utf8(bytes.unwrap()).unwrap());
}

#[test]
fn two_part_docx_document_xml_for_professionals() {
    let bytes = render_docx(&common::two_part_record(), Audience::Professionals).unwrap();
    insta::assert_snapshot!(document_xml(&bytes));
}

// ---------------------------------------------------------------------------------------------
// The adult's copy

#[test]
fn no_adult_export_in_any_format_holds_professionals_only_or_restricted_text() {
    let mut hidden = Markers::new("HIDX");
    let mut shown = Markers::new("SHOWX");
    let record = marked_record(&mut hidden, &mut shown);
    assert!(hidden.made.len() > 40 && shown.made.len() > 40);
    for format in ExportFormat::ALL {
        let adult = readable(&record, format, Audience::Adult);
        let professionals = readable(&record, format, Audience::Professionals);
        for marker in &hidden.made {
            assert!(
                !adult.contains(marker.as_str()),
                "{format:?}: {marker} leaked into the adult's copy"
            );
            assert!(
                professionals.contains(marker.as_str()),
                "{format:?}: {marker} missing from the professionals' copy"
            );
        }
        for marker in &shown.made {
            assert!(
                adult.contains(marker.as_str()),
                "{format:?}: {marker} (adult)"
            );
            assert!(
                professionals.contains(marker.as_str()),
                "{format:?}: {marker} (professionals)"
            );
        }
        if format != ExportFormat::Json {
            assert!(!adult.contains("[RESTRICTED]") && !adult.contains("[PART 1"));
            assert!(
                adult.contains("Some information has been withheld from this copy."),
                "{format:?}"
            );
            assert!(professionals.contains("[RESTRICTED]"), "{format:?}");
        }
    }
}

#[test]
fn the_adults_json_is_a_record_without_hidden_entries_saying_what_was_withheld() {
    let record = common::typical_record();
    let bytes = export(&record, ExportFormat::Json, Audience::Adult).unwrap();
    let copy: Record = serde_json::from_slice(&bytes).expect("still a record");
    assert!(copy.problems().is_empty(), "{:?}", copy.problems());
    assert!(copy.notes().all(|(_, n)| n.visibility == Visibility::All));
    assert!(
        copy.findings
            .iter()
            .all(|f| f.visibility == Visibility::All)
    );
    assert!(
        copy.decisions
            .iter()
            .all(|d| d.visibility == Visibility::All)
    );
    assert!(copy.actions.iter().all(|a| a.visibility == Visibility::All));
    assert!(copy.notes().count() < record.notes().count());
    assert!(copy.decisions.len() < record.decisions.len());
    assert!(copy.outcomes.referrals.is_empty() && !record.outcomes.referrals.is_empty());
    assert!(copy.outcomes.for_person_causing_harm.is_empty());
    let note = &copy.extra[COPY_NOTE_KEY];
    assert_eq!(note["audience"], "adult");
    assert_eq!(note["withheld"], true);
    assert!(
        note["notice"]
            .as_str()
            .unwrap()
            .starts_with("Some information has been withheld")
    );
    // The professionals' JSON is the record itself.
    let professionals = export(&record, ExportFormat::Json, Audience::Professionals).unwrap();
    let same: Record = serde_json::from_slice(&professionals).unwrap();
    assert_eq!(same, record);
}

#[test]
fn no_copy_in_any_format_holds_a_notes_history_or_a_deleted_note() {
    let mut record = common::typical_record();
    let status = record.meeting.status;
    record.meeting.status = MinutesStatus::Draft;
    let (item, index) = (0, 0);
    let old = format!("{} OLDTEXTX1", record.agenda[item].notes[index].text);
    record.agenda[item].notes[index].text = old;
    let correction = NoteCorrection {
        text: "Corrected text NEWTEXTX1".to_owned(),
        speaker: Some("OLDSPEAKERX1".to_owned()),
        time: None,
        visibility: Visibility::All,
    };
    let now = common::at("12:00");
    let corrected = record.correct_note(item, index, correction.clone(), "EDITORX1", now);
    assert_eq!(corrected, Ok(Changed::Yes));
    let second = NoteCorrection {
        speaker: None,
        ..correction
    };
    let corrected = record.correct_note(item, index, second, "EDITORX1", now);
    assert_eq!(corrected, Ok(Changed::Yes));
    let last = record.agenda[item].notes.len() - 1;
    record.agenda[item].notes[last].text = "Stray keys DELETEDX1".to_owned();
    record.delete_note(item, last, "EDITORX1", now).unwrap();
    record.meeting.status = status;
    let json = serde_json::to_string(&record).unwrap();
    for marker in ["OLDTEXTX1", "OLDSPEAKERX1", "DELETEDX1", "EDITORX1"] {
        assert!(json.contains(marker), "the record keeps {marker}");
    }
    for audience in AUDIENCES {
        for format in ExportFormat::ALL {
            let copy = readable(&record, format, audience);
            assert!(copy.contains("NEWTEXTX1"), "{format:?} {audience:?}");
            for marker in ["OLDTEXTX1", "OLDSPEAKERX1", "DELETEDX1", "EDITORX1"] {
                assert!(
                    !copy.contains(marker),
                    "{format:?} {audience:?}: {marker} is in the copy"
                );
            }
        }
        let copy = record.for_audience(audience);
        assert!(copy.notes().all(|(_, note)| note.history.is_empty()));
        assert!(copy.agenda.iter().all(|item| item.deleted_notes.is_empty()));
    }
}

#[test]
fn typed_up_minutes_say_so_and_show_no_clock_time_for_what_was_typed_later() {
    let mut record = common::typical_record();
    record.meeting.status = MinutesStatus::Draft;
    let next_day = common::at("15:47") + chrono::TimeDelta::days(1);
    let item = record.agenda.len() - 1;
    record
        .add_note(
            item,
            "Typed up from paper TYPEDX1".to_owned(),
            None,
            next_day,
        )
        .unwrap();
    let typed_up = "These minutes were typed up after the meeting from notes.";
    for audience in AUDIENCES {
        for format in ExportFormat::ALL {
            let copy = match format {
                // The package's properties say when the record last changed; the text is
                // what a reader sees.
                ExportFormat::Docx => document_xml(&render_docx(&record, audience).unwrap()),
                _ => readable(&record, format, audience),
            };
            if format == ExportFormat::Json {
                assert!(copy.contains("\"typed_up_at\""), "{audience:?}");
                continue;
            }
            assert!(copy.contains(typed_up), "{format:?} {audience:?}");
            assert!(copy.contains("TYPEDX1"), "{format:?} {audience:?}");
            assert!(
                !copy.contains("15:47"),
                "{format:?} {audience:?}: a clock time"
            );
            assert!(
                copy.contains("10:21"),
                "{format:?} {audience:?}: live notes keep theirs"
            );
        }
    }
    let live = readable(
        &common::typical_record(),
        ExportFormat::Text,
        Audience::Adult,
    );
    assert!(
        !live.contains(typed_up),
        "minutes taken live say nothing of it"
    );
}

#[test]
fn attendance_for_one_part_only_says_so_in_every_format() {
    let record = common::two_part_record();
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Text,
        ExportFormat::Docx,
    ] {
        let copy = readable(&record, format, Audience::Professionals);
        assert!(copy.contains("Part 1 only"), "{format:?}");
        assert!(copy.contains("Part 2 only"), "{format:?}");
    }
}

#[test]
fn fields_of_newer_versions_never_reach_the_adult() {
    let mut record = common::typical_record();
    record
        .extra
        .insert("future_field".into(), "FUTUREX1 top".into());
    let note = record.agenda[0].notes.first_mut().unwrap();
    assert_eq!(note.visibility, Visibility::All);
    note.extra
        .insert("future_note_field".into(), "FUTUREX2 note".into());
    let adult = readable(&record, ExportFormat::Json, Audience::Adult);
    let professionals = readable(&record, ExportFormat::Json, Audience::Professionals);
    for marker in ["FUTUREX1", "FUTUREX2"] {
        assert!(!adult.contains(marker), "{marker}");
        assert!(professionals.contains(marker), "{marker}");
    }
}

#[test]
fn every_format_shows_what_the_redacted_record_holds() {
    // The counts each layout shows agree with the copy Record::for_audience makes.
    let record = common::typical_record();
    for audience in AUDIENCES {
        let copy = record.for_audience(audience);
        for format in [
            ExportFormat::Markdown,
            ExportFormat::Html,
            ExportFormat::Text,
        ] {
            let out = readable(&record, format, audience);
            let decisions = (1..=copy.decisions.len() + 1)
                .filter(|n| out.contains(&format!("Decision {n}")))
                .count();
            assert_eq!(decisions, copy.decisions.len(), "{format:?} {audience:?}");
        }
        let docx = document_xml(&render_docx(&record, audience).unwrap());
        for decision in &copy.decisions {
            assert!(docx.contains(&decision.text.replace('\'', "&apos;")));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word

#[test]
fn docx_is_the_same_bytes_every_time() {
    let record = common::typical_record();
    let first = render_docx(&record, Audience::Professionals).unwrap();
    // Other documents in between, and another thread, change nothing.
    let _ = render_docx(&common::large_record(), Audience::Adult).unwrap();
    assert_eq!(
        first,
        render_docx(&record, Audience::Professionals).unwrap()
    );
    let other = std::thread::spawn(move || render_docx(&record, Audience::Professionals))
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(first, other);
    // The archive carries no clock time: every entry has the ZIP format's fixed default.
    let mut archive = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        assert_eq!(
            entry.last_modified(),
            Some(zip::DateTime::default()),
            "{}",
            entry.name()
        );
    }
    let core = docx_parts(&first)
        .into_iter()
        .find(|(name, _)| name == "docProps/core.xml")
        .unwrap()
        .1;
    assert!(core.contains("2026-11-23T10:00:00Z"), "{core}");
    assert!(core.contains("2026-11-27T09:30:00Z"), "{core}");
}

#[test]
fn docx_reads_back_with_headings_tables_and_escaped_text() {
    let mut record = common::typical_record();
    record.agenda[0].notes[0].text = "a < b & c > d \"quoted\" 'single' ]]> \u{FFFF}".to_owned();
    let bytes = render_docx(&record, Audience::Professionals).unwrap();
    docx_rs::read_docx(&bytes).expect("docx-rs reads its own output back");
    let xml = document_xml(&bytes);
    assert!(xml.contains("a &lt; b &amp; c &gt; d &quot;quoted&quot; &apos;single&apos; ]]&gt;"));
    assert!(!xml.contains('\u{FFFF}'));
    assert!(xml.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(xml.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(xml.contains("<w:tblHeader />"), "heading rows repeat");
    assert!(xml.contains("<w:cantSplit />"), "rows do not split");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#), "A4");
}

#[test]
fn html_is_one_self_contained_page_for_a4() {
    let html = readable(
        &common::typical_record(),
        ExportFormat::Html,
        Audience::Adult,
    );
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.ends_with("</body>\n</html>\n"));
    for needed in [
        "default-src 'none'",
        "size: A4",
        "@top-center",
        "counter(pages)",
        "thead { display: table-header-group; }",
        "tr { break-inside: avoid; page-break-inside: avoid; }",
        "Some information has been withheld from this copy.",
    ] {
        assert!(html.contains(needed), "{needed}");
    }
    for banned in ["<script", "<link", "<img", "src=", "href=", "url("] {
        assert!(!html.contains(banned), "{banned}");
    }
}

#[test]
fn html_escapes_every_piece_of_user_text() {
    let mut record = common::typical_record();
    let hostile = "<script>alert(1)</script> & \"x\" 'y' <b>";
    record.meeting.title = hostile.to_owned();
    record.meeting.subject_ref = "</style><script>".to_owned();
    record.attendees[0].name = hostile.to_owned();
    record.agenda[0].notes[0].text = hostile.to_owned();
    record.actions[0].text = hostile.to_owned();
    let html = readable(&record, ExportFormat::Html, Audience::Professionals);
    assert!(!html.contains("<script") && !html.contains("<b>"));
    assert_eq!(html.matches("</style>").count(), 1, "only our own");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39; &lt;b&gt;";
    assert!(
        html.matches(escaped).count() >= 5,
        "title, heading, name, note, action"
    );
}

// ---------------------------------------------------------------------------------------------
// Helpers

#[test]
fn bidirectional_overrides_are_shown_not_obeyed_in_every_format() {
    let mut record = common::typical_record();
    let hostile = "Invoice \u{202e}fdp.exe\u{202c} and \u{2067}isolate\u{2069}";
    record.meeting.title = hostile.to_owned();
    record.meeting.subject_ref = hostile.to_owned();
    record.agenda[0].notes[0].text = hostile.to_owned();
    record.actions[0].text = hostile.to_owned();
    for format in ExportFormat::ALL {
        let text = readable(&record, format, Audience::Professionals);
        let raw: Vec<char> = text
            .chars()
            .filter(|c| minutes::text::is_bidi_control(*c))
            .collect();
        assert!(raw.is_empty(), "{format:?} holds {raw:?}");
        let shown = match format {
            ExportFormat::Markdown => {
                r"Invoice \<U+202E\>fdp.exe\<U+202C\> and \<U+2067\>isolate\<U+2069\>"
            }
            ExportFormat::Text => "Invoice <U+202E>fdp.exe<U+202C> and <U+2067>isolate<U+2069>",
            ExportFormat::Html | ExportFormat::Docx => {
                "Invoice &lt;U+202E&gt;fdp.exe&lt;U+202C&gt; and &lt;U+2067&gt;isolate&lt;U+2069&gt;"
            }
            ExportFormat::Json => r"Invoice \u202efdp.exe\u202c and \u2067isolate\u2069",
        };
        assert!(
            text.matches(shown).count() >= 3,
            "{format:?} shows the title, the note and the action as typed:\n{text}"
        );
    }
}
