//! Exported minutes in every format: snapshots, the adult's copy holding nothing it must not
//! (every format, every XML part of the Word file), determinism and escaping. The documents
//! opening in pandoc and LibreOffice are checked in `tests/external.rs`.
//!
//! Snapshots live in `tests/snapshots/`; after an intended layout change run
//! `INSTA_UPDATE=always cargo test --test export` and read the changed `.snap` files.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::io::Cursor;

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

const AUDIENCES: [Audience; 3] = Audience::ALL;

/// What a reader of the export can see: the text for text formats, every XML part joined
/// for Word.
fn readable(record: &Record, format: ExportFormat, audience: Audience) -> String {
    let bytes = export(record, format, audience).expect("export");
    if format == ExportFormat::Docx {
        let parts = common::docx_parts(&bytes);
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
    let parts = common::docx_parts(bytes);
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
            // The summary has no notes, feedback or plan: only what leaks is checked.
            if format == ExportFormat::Summary {
                continue;
            }
            assert!(
                professionals.contains(marker.as_str()),
                "{format:?}: {marker} missing from the professionals' copy"
            );
        }
        for marker in shown
            .made
            .iter()
            .filter(|_| format != ExportFormat::Summary)
        {
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
            // The summary (a case note) has no notes at all.
            let notes = format != ExportFormat::Summary;
            assert!(
                copy.contains("NEWTEXTX1") || !notes,
                "{format:?} {audience:?}"
            );
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
            if format == ExportFormat::Summary {
                // A case note: no notes and no clock times of notes.
                assert!(!copy.contains("15:47"), "{audience:?}");
                continue;
            }
            assert!(copy.contains(typed_up), "{format:?} {audience:?}");
            assert!(copy.contains("TYPEDX1"), "{format:?} {audience:?}");
            assert!(
                !copy.contains("15:47"),
                "{format:?} {audience:?}: a clock time"
            );
            assert!(
                copy.contains("10:18"),
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
    let core = common::docx_parts(&first)
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
            ExportFormat::Text | ExportFormat::Summary => {
                "Invoice <U+202E>fdp.exe<U+202C> and <U+2067>isolate<U+2069>"
            }
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

#[test]
fn summary_for_professionals() {
    let record = common::typical_record();
    let summary = export(&record, ExportFormat::Summary, Audience::Professionals).unwrap();
    insta::assert_snapshot!(String::from_utf8(summary).unwrap());
}

#[test]
fn summary_for_the_adult() {
    let record = common::typical_record();
    let summary = export(&record, ExportFormat::Summary, Audience::Adult).unwrap();
    insta::assert_snapshot!(String::from_utf8(summary).unwrap());
}

/// Lines a web form takes as they are: no tables or box drawing, no trailing spaces, no tabs
/// or other controls.
fn assert_pastes_cleanly(summary: &str) {
    for line in summary.lines() {
        assert_eq!(line, line.trim_end(), "trailing space: {line:?}");
        assert!(
            !line.starts_with('|') && !line.contains("--|"),
            "a table: {line}"
        );
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || ('\u{2500}'..='\u{257F}').contains(&c)),
            "{line:?}"
        );
    }
    assert!(summary.ends_with('\n') && !summary.ends_with("\n\n"));
}

#[test]
fn summaries_paste_cleanly_and_the_adults_leaks_nothing() {
    for record in [
        common::typical_record(),
        common::two_part_record(),
        common::unicode_record(),
    ] {
        for audience in AUDIENCES {
            let summary =
                String::from_utf8(export(&record, ExportFormat::Summary, audience).unwrap())
                    .unwrap();
            assert_pastes_cleanly(&summary);
            let copy = record.for_audience(audience);
            assert_eq!(
                summary.contains("FINDINGS"),
                !copy.findings.is_empty(),
                "{summary}"
            );
        }
        let adult =
            String::from_utf8(export(&record, ExportFormat::Summary, Audience::Adult).unwrap())
                .unwrap();
        assert!(!adult.contains("PROFESSIONALS ONLY"), "{adult}");
        assert!(!adult.contains("RESTRICTED"), "{adult}");
        let hidden = record
            .findings
            .iter()
            .map(|f| (f.visibility, f.allegation.as_str()))
            .chain(
                record
                    .decisions
                    .iter()
                    .map(|d| (d.visibility, d.text.as_str())),
            )
            .chain(
                record
                    .actions
                    .iter()
                    .map(|a| (a.visibility, a.text.as_str())),
            );
        for (visibility, text) in hidden {
            if visibility != Visibility::All {
                let words: String = text.chars().take(30).collect();
                assert!(
                    !adult.contains(&words),
                    "{words:?} reached the adult:\n{adult}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Table widths in HTML and Word

#[test]
fn html_tables_take_widths_from_content_and_never_break_anywhere() {
    let html = readable(
        &common::typical_record(),
        ExportFormat::Html,
        Audience::Professionals,
    );
    assert!(
        !html.contains("anywhere"),
        "overflow-wrap: anywhere splits words"
    );
    assert!(html.contains("th.nw, td.nw { white-space: nowrap; }"));
    assert!(html.matches("<colgroup>").count() >= 6);
    for header in [
        "Name",
        "Initials",
        "Attendance",
        "No.",
        "Owner",
        "Due",
        "Status",
    ] {
        let th = format!("<th scope=\"col\" class=\"nw\">{header}</th>");
        assert!(html.contains(&th), "{th}");
    }
    assert!(html.contains("<td class=\"nw\">Claire Dubois</td>"));
    // Percentages add up to about the whole table.
    let cols = html
        .split("<colgroup>")
        .nth(1)
        .and_then(|rest| rest.split("</colgroup>").next())
        .unwrap();
    let total: f64 = cols
        .split("width: ")
        .skip(1)
        .map(|c| c.split('%').next().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((99.0..=100.1).contains(&total), "{cols}");
}

/// The `w:gridCol` widths of each table in `word/document.xml`, in order.
fn grid_widths(xml: &str) -> Vec<Vec<usize>> {
    xml.split("<w:tblGrid>")
        .skip(1)
        .map(|grid| {
            let grid = grid.split("</w:tblGrid>").next().unwrap();
            grid.split("<w:gridCol w:w=\"")
                .skip(1)
                .map(|col| col.split('"').next().unwrap().parse().unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn docx_column_widths_follow_content() {
    let bytes = render_docx(&common::typical_record(), Audience::Professionals).unwrap();
    let xml = document_xml(&bytes);
    assert!(xml.contains("<w:tblLayout w:type=\"autofit\" />"));
    let grids = grid_widths(&xml);
    // Present: Name, Initials, Role, Agency, Attendance, Contact.
    let present = grids.iter().find(|g| g.len() == 6).unwrap();
    // Table text is 10 pt: the names fit on one line ("Mark Bennett") beside a whole email.
    assert!(present[0] >= 1_400, "room for 'Mark Bennett': {present:?}");
    assert!(
        present[5] >= 2_600,
        "room for the email address: {present:?}"
    );
    assert!(xml.contains("<w:sz w:val=\"20\" />"), "10 pt table text");
    assert!(present[1] < present[0], "{present:?}");
    // The action plan: No., Action, Owner, Agency, Due, Status.
    let plan = grids.iter().filter(|g| g.len() == 6).nth(1).unwrap();
    assert!(plan[0] < plan[2] && plan[2] < plan[1], "{plan:?}");
    assert!(plan[2] >= 900, "room for 'Owner' in bold: {plan:?}");
    assert_eq!(plan[1], *plan.iter().max().unwrap(), "{plan:?}");
}

// ---------------------------------------------------------------------------------------------
// The three copies

/// `text` with every run of white space one space, so wrapped text reads as one line.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_copy_in_every_format_holds_only_what_its_readers_may_see() {
    use common::marked::marked_by_kind;
    let mut sets = [
        Markers::new("SHOWX"),
        Markers::new("PONEX"),
        Markers::new("RESTX"),
        Markers::new("HARMX"),
    ];
    let record = marked_by_kind(&mut sets);
    let [shown, part_one, restricted, harm] = &sets;
    assert!(shown.made.len() > 20 && part_one.made.len() > 5 && restricted.made.len() > 5);
    assert!(harm.made.len() >= 9);
    for audience in Audience::ALL {
        for format in ExportFormat::ALL {
            let copy = readable(&record, format, audience);
            // The case note leaves notes out by design: only what it may not hold is checked.
            for marker in shown
                .made
                .iter()
                .filter(|_| format != ExportFormat::Summary)
            {
                assert!(
                    copy.contains(marker.as_str()),
                    "{audience:?} {format:?}: {marker}"
                );
            }
            for (kind, set) in [
                ("part 1", part_one),
                ("restricted", restricted),
                ("harm", harm),
            ] {
                for marker in &set.made {
                    let held = copy.contains(marker.as_str());
                    if audience == Audience::Professionals {
                        assert!(
                            held || format == ExportFormat::Summary,
                            "{format:?}: {kind} {marker} missing from professionals'"
                        );
                    } else {
                        assert!(!held, "{audience:?} {format:?}: {kind} {marker} leaked");
                    }
                }
            }
            if audience == Audience::Professionals
                || matches!(format, ExportFormat::Json | ExportFormat::Summary)
            {
                continue;
            }
            let words = squashed(&copy);
            assert!(!words.contains("[RESTRICTED]") && !words.contains("[PART 1"));
            assert!(words.contains("Some information has been withheld from this copy."));
            assert!(
                words.contains("not in your copy."),
                "{audience:?} {format:?}"
            );
            let part2 = "This copy covers part 2 of the meeting, which you attended; part 1";
            assert_eq!(
                words.contains(part2),
                audience == Audience::Part2,
                "{format:?}"
            );
            assert_eq!(
                words.contains("for you to keep"),
                audience == Audience::Adult,
                "{format:?}"
            );
        }
    }
    let json = readable(&record, ExportFormat::Json, Audience::Part2);
    let copy: Record = serde_json::from_str(&json).expect("still a record");
    assert_eq!(copy.extra[COPY_NOTE_KEY]["audience"], "part2");
}

/// The typical record with allegation 1, decision 1 and actions 1 and 2 professionals-only
/// or restricted: the copies without them keep allegation 2, decision 2 and action 3.
fn record_with_gaps() -> Record {
    let mut record = common::typical_record();
    record.findings[0].visibility = Visibility::ProfessionalsOnly;
    record.decisions[0].visibility = Visibility::Restricted;
    record.decisions[2].visibility = Visibility::All;
    for action in &mut record.actions {
        if action.id <= 2 {
            action.visibility = Visibility::ProfessionalsOnly;
        }
    }
    record
}

#[test]
fn every_copy_keeps_the_professionals_numbers_and_says_once_where_they_have_gaps() {
    let record = record_with_gaps();
    let gaps = "Numbers missing below belong to entries withheld from this copy.";
    for audience in Audience::ALL {
        for format in [
            ExportFormat::Markdown,
            ExportFormat::Html,
            ExportFormat::Text,
            ExportFormat::Docx,
        ] {
            let copy = readable(&record, format, audience);
            let words = squashed(&copy);
            assert!(
                words.contains("Allegation 2: Financial"),
                "{audience:?} {format:?}"
            );
            assert!(words.contains("Decision 2"), "{audience:?} {format:?}");
            assert!(words.contains("Decision 3"), "{audience:?} {format:?}");
            // A note the copy keeps says "Allegation 2", as the findings do.
            assert!(
                words.contains("Allegation 2 (money taken)"),
                "{audience:?} {format:?}"
            );
            let withheld = audience != Audience::Professionals;
            assert_eq!(
                words.contains("Allegation 1: "),
                !withheld,
                "{audience:?} {format:?}"
            );
            assert_eq!(
                words.contains("Decision 1"),
                !withheld,
                "{audience:?} {format:?}"
            );
            let said = copy.matches(gaps).count();
            assert_eq!(
                said,
                usize::from(withheld),
                "{audience:?} {format:?}: gap note"
            );
        }
        let md = readable(&record, ExportFormat::Markdown, audience);
        let rows: Vec<&str> = md
            .lines()
            .filter_map(|line| line.strip_prefix("| "))
            .filter_map(|line| line.split_once(" |").map(|(first, _)| first))
            .filter(|first| first.parse::<u32>().is_ok())
            .collect();
        let expected: &[&str] = if audience == Audience::Professionals {
            &["1", "2", "3", "4", "5"]
        } else {
            &["3", "4"]
        };
        assert_eq!(rows, expected, "{audience:?}: action numbers");
        let decisions = if audience == Audience::Professionals {
            "Recorded under this item: findings 1, 2; decision 1."
        } else {
            "Recorded under this item: finding 2."
        };
        assert!(
            md.contains(decisions),
            "{audience:?}: pointers keep the numbers\n{md}"
        );
    }
    // Withholding only the last entries leaves no gap to mention.
    let mut record = common::typical_record();
    record.findings[1].visibility = Visibility::Restricted;
    let adult = readable(&record, ExportFormat::Markdown, Audience::Adult);
    assert!(adult.contains("Some information has been withheld"));
    assert!(!adult.contains(gaps));
}
