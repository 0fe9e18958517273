//! The minutes document: snapshots of the layout, redaction of the adult's copy, completeness
//! of the professionals' copy, Markdown escaping and display-width alignment of text tables.
//!
//! Snapshots live in `tests/snapshots/`; after an intended layout change run
//! `INSTA_UPDATE=always cargo test --test document` and read the changed `.snap` files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use minutes::document::{Audience, Format, Letterhead};
use minutes::model::{Attendance, Record, Visibility};
use unicode_width::UnicodeWidthStr;

/// The minutes under the default letterhead (OFFICIAL-SENSITIVE, no organisation, London).
fn render(record: &Record, format: Format, audience: Audience) -> String {
    minutes::document::render(record, format, audience, &Letterhead::default())
}

use common::marked::{Markers, marked_record};
use common::person;

const BOTH_FORMATS: [Format; 2] = [Format::Markdown, Format::Text];

// ---------------------------------------------------------------------------------------------
// Snapshots

#[test]
fn typical_markdown_for_professionals() {
    let record = common::typical_record();
    insta::assert_snapshot!(render(&record, Format::Markdown, Audience::Professionals));
}

#[test]
fn typical_markdown_for_the_adult() {
    let record = common::typical_record();
    insta::assert_snapshot!(render(&record, Format::Markdown, Audience::Adult));
}

#[test]
fn typical_text_for_professionals() {
    let record = common::typical_record();
    insta::assert_snapshot!(render(&record, Format::Text, Audience::Professionals));
}

#[test]
fn typical_text_for_the_adult() {
    let record = common::typical_record();
    insta::assert_snapshot!(render(&record, Format::Text, Audience::Adult));
}

#[test]
fn unicode_text_for_professionals() {
    let record = common::unicode_record();
    insta::assert_snapshot!(render(&record, Format::Text, Audience::Professionals));
}

/// A bare record shows its gaps as "Not recorded" rather than hiding them.
#[test]
fn minimal_markdown_shows_the_gaps() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/minimal.json"
    ))
    .unwrap();
    let record: Record = serde_json::from_str(&text).unwrap();
    let out = render(&record, Format::Markdown, Audience::Professionals);
    for gap in ["**Chair:** *Not recorded*", "**Venue:** *Not recorded*"] {
        assert!(out.contains(gap), "{gap} missing:\n{out}");
    }
    insta::assert_snapshot!(out);
}

// ---------------------------------------------------------------------------------------------
// Redaction

#[test]
fn the_adults_copy_holds_no_professionals_only_or_restricted_text() {
    let mut hidden = Markers::new("HIDX");
    let mut shown = Markers::new("SHOWX");
    let record = marked_record(&mut hidden, &mut shown);
    assert!(hidden.made.len() > 25 && shown.made.len() > 25);
    for format in BOTH_FORMATS {
        let adult = render(&record, format, Audience::Adult);
        let professionals = render(&record, format, Audience::Professionals);
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
                "{format:?}: {marker} missing (adult)"
            );
            assert!(
                professionals.contains(marker.as_str()),
                "{format:?}: {marker} missing (professionals)"
            );
        }
        assert!(!adult.contains("[RESTRICTED]") && !adult.contains("[PART 1"));
        assert!(adult.contains("Some information has been withheld from this copy."));
        assert!(professionals.contains("[RESTRICTED]"));
        assert!(professionals.contains("[PART 1 - PROFESSIONALS ONLY]"));
    }
}

#[test]
fn withheld_notice_appears_only_when_something_was_withheld() {
    let mut record = common::typical_record();
    for item in &mut record.agenda {
        item.notes.retain(|n| n.visibility == Visibility::All);
    }
    record.decisions.retain(|d| d.visibility == Visibility::All);
    record.actions.retain(|a| a.visibility == Visibility::All);
    record.outcomes.for_person_causing_harm.clear();
    record.outcomes.referrals.clear();
    record.feedback.people_causing_harm.clear();
    for format in BOTH_FORMATS {
        let adult = render(&record, format, Audience::Adult);
        assert!(!adult.contains("withheld"), "{format:?}");
        let professionals = render(&record, format, Audience::Professionals);
        assert!(!professionals.contains("This copy is for professionals only"));
        // The copies differ in their name and in what they say of confidentiality (the
        // adult's minutes are theirs), and in nothing else.
        let from_attendance = |text: &str| text[text.find("Attendance").unwrap()..].to_owned();
        assert_eq!(
            from_attendance(&adult),
            from_attendance(&professionals),
            "{format:?}: with nothing to withhold both copies say the same"
        );
        assert!(adult.contains("Copy for the adult or their representative"));
        let adult_words = adult.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(adult_words.contains("for you to keep"), "{format:?}");
        assert!(
            !adult_words.contains("without the chair's permission"),
            "{format:?}"
        );
        let professionals_words = professionals
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(professionals_words.contains("without the chair's permission"));
        assert!(!adult.contains("Numbers missing"), "{format:?}");
        assert!(!adult.contains("not in your copy"), "{format:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Completeness

/// Markdown source back to roughly what a reader sees: escapes and hard breaks removed,
/// whitespace collapsed.
fn unmarkdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
        {
            if next.is_ascii_punctuation() {
                out.push(next);
                chars.next();
                continue;
            }
            if next == '\n' {
                continue;
            }
        }
        out.push(c);
    }
    squash(&out)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn professionals_copy_contains_every_note_finding_decision_and_action() {
    let record = common::typical_record();
    let md = unmarkdown(&render(&record, Format::Markdown, Audience::Professionals));
    let txt = squash(&render(&record, Format::Text, Audience::Professionals));
    let mut expected: Vec<(&str, &str)> = Vec::new();
    for (_, n) in record.notes() {
        expected.push(("note", &n.text));
    }
    for f in &record.findings {
        expected.push(("allegation", &f.allegation));
        expected.push(("rationale", &f.rationale));
    }
    for d in &record.decisions {
        expected.push(("decision", &d.text));
        expected.push(("decision rationale", &d.rationale));
        if let Some(dissent) = &d.dissent {
            expected.push(("dissent", &dissent.who));
            expected.push(("dissent", &dissent.reason));
        }
    }
    for a in &record.actions {
        expected.push(("action", &a.text));
        expected.push(("owner", &a.owner));
    }
    for c in &record.plan.contingencies {
        expected.push(("contingency", c));
    }
    for r in &record.review.circulation {
        expected.push(("circulation", &r.name));
    }
    assert!(expected.len() > 40);
    for (what, text) in expected {
        assert!(md.contains(&squash(text)), "markdown lacks {what}: {text}");
    }
    // Paragraph text is wrapped but never split inside a word in the text format.
    for (_, n) in record.notes() {
        assert!(
            txt.contains(&squash(&n.text)),
            "text lacks note: {}",
            n.text
        );
    }
    for d in &record.decisions {
        assert!(
            txt.contains(&squash(&d.text)),
            "text lacks decision: {}",
            d.text
        );
    }
}

#[test]
fn speakers_are_attributed_by_initials_and_agency() {
    let record = common::typical_record();
    let out = render(&record, Format::Text, Audience::Professionals);
    assert!(out.contains("10:21 [PART 1 - PROFESSIONALS ONLY] JS (Police): Police investigation"));
    assert!(out.contains("10:25 CD (Community Health NHS Trust): District nursing"));
    // A speaker who is not an attendee is shown as written.
    assert!(out.contains("10:18 Ms Warren (daughter, by email): Email read out"));

    // Two attendees with the same initials: do not guess.
    let mut record = common::typical_record();
    record.attendees.push(person(
        "Jack Sparrow",
        "Observer",
        "Elsewhere",
        Attendance::Present,
    ));
    let out = render(&record, Format::Text, Audience::Professionals);
    assert!(out.contains("10:21 [PART 1 - PROFESSIONALS ONLY] JS: Police investigation"));
}

#[test]
fn adult_absence_without_reason_shows_not_recorded() {
    let mut record = common::typical_record();
    record.adult_participation.reason_not_attended = "  ".to_owned();
    let out = render(&record, Format::Text, Audience::Adult);
    assert!(
        out.contains("Reason for not attending:      Not recorded"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// Markdown safety

#[test]
fn user_text_cannot_break_markdown_structure() {
    let mut record = common::typical_record();
    let hostile = "# not a heading | cell | *bold* _it_ [link](http://x) <b>html</b> `code` $x$ @cite\n\
                   - not a list\n1. not ordered\n> not a quote\n\n---";
    record.actions[1].text = hostile.to_owned();
    record.agenda[0].notes[0].text = hostile.to_owned();
    record.attendees[0].role = "Chair | Lead".to_owned();
    let out = render(&record, Format::Markdown, Audience::Professionals);
    // Every row of every table has as many unescaped pipes as the header.
    let mut header_pipes = None;
    for line in out.lines() {
        if !line.starts_with('|') {
            header_pipes = None;
            continue;
        }
        let pipes = unescaped_pipes(line);
        let expected = *header_pipes.get_or_insert(pipes);
        assert_eq!(pipes, expected, "row splits into extra cells: {line}");
    }
    // No user line starts a block of its own.
    for line in out.lines() {
        let line = line.trim_start_matches("  ");
        assert!(
            !line.starts_with("- not") && !line.starts_with("1. not") && !line.starts_with("> not"),
            "{line}"
        );
        assert!(
            !line.starts_with("---") || line.starts_with("---|"),
            "{line}"
        );
    }
    assert!(out.contains(
        r"\# not a heading \| cell \| \*bold\* \_it\_ \[link\](http://x) \<b\>html\</b\>"
    ));
    // And the text survives for a reader.
    assert!(unmarkdown(&out).contains(&squash(hostile)));
}

fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

// ---------------------------------------------------------------------------------------------
// Text layout

/// Every block of `|`-lines (a text table) has lines of one display width, within 100 columns
/// unless a table cannot be narrowed further.
fn assert_tables_aligned(out: &str) -> usize {
    let mut tables = 0;
    let mut width = None;
    for line in out.lines() {
        if !line.starts_with('|') {
            width = None;
            continue;
        }
        let w = UnicodeWidthStr::width(line);
        match width {
            None => {
                tables += 1;
                width = Some(w);
            }
            Some(expected) => assert_eq!(w, expected, "misaligned row: {line}"),
        }
        assert!(w <= 100, "table wider than 100 columns: {line}");
    }
    tables
}

#[test]
fn text_tables_align_by_display_width_with_wide_names_and_emoji() {
    let record = common::unicode_record();
    let out = render(&record, Format::Text, Audience::Professionals);
    assert!(
        out.contains("陈伟") && out.contains("Łukasz") && out.contains("Zoë") && out.contains("🏠")
    );
    assert!(assert_tables_aligned(&out) >= 3);
    // The wide-character name is padded by display width, not by bytes or chars.
    let row = out.lines().find(|l| l.starts_with("| 陈伟")).unwrap();
    let zoe = out.lines().find(|l| l.starts_with("| Zoë")).unwrap();
    assert_eq!(
        row.find(" | ").map(|i| UnicodeWidthStr::width(&row[..i])),
        zoe.find(" | ").map(|i| UnicodeWidthStr::width(&zoe[..i]))
    );
    let typical = render(
        &common::typical_record(),
        Format::Text,
        Audience::Professionals,
    );
    assert!(assert_tables_aligned(&typical) >= 6);
}

#[test]
fn text_prose_wraps_at_100_columns() {
    let out = render(
        &common::typical_record(),
        Format::Text,
        Audience::Professionals,
    );
    for line in out.lines() {
        assert!(UnicodeWidthStr::width(line) <= 100, "{line}");
        assert_eq!(line, line.trim_end(), "trailing space: {line:?}");
    }
}

#[test]
fn rendering_is_deterministic_and_ends_with_one_newline() {
    let record = common::typical_record();
    for format in BOTH_FORMATS {
        let first = render(&record, format, Audience::Professionals);
        assert_eq!(first, render(&record, format, Audience::Professionals));
        assert!(first.ends_with('\n') && !first.ends_with("\n\n"));
    }
}

#[test]
fn large_record_renders_everything_in_both_formats() {
    let record = common::large_record();
    for format in BOTH_FORMATS {
        let start = std::time::Instant::now();
        let out = render(&record, format, Audience::Professionals);
        let elapsed = start.elapsed();
        assert!(out.len() > 1_000_000, "{format:?}: {} bytes", out.len());
        // A loose guard against accidental quadratic work; unoptimised builds are slow, and
        // the real figure is in the benchmarks.
        assert!(elapsed.as_secs() < 5, "{format:?} took {elapsed:?}");
        let adult = render(&record, format, Audience::Adult);
        assert!(adult.len() < out.len());
    }
    assert_tables_aligned(&render(&record, Format::Text, Audience::Professionals));
}

// ---------------------------------------------------------------------------------------------
// Tables: widths from content

/// The header line of each text table (the line before its `|---` rule) and the line after
/// it: a header that took two lines would have its second line there instead of the rule.
fn text_table_headers(out: &str) -> Vec<(&str, &str)> {
    let lines: Vec<&str> = out.lines().collect();
    lines
        .windows(2)
        .enumerate()
        .filter(|(i, pair)| pair[0].starts_with('|') && (*i == 0 || !lines[i - 1].starts_with('|')))
        .map(|(_, pair)| (pair[0], pair[1]))
        .collect()
}

#[test]
fn text_table_headers_and_short_words_are_never_split() {
    let mut record = common::typical_record();
    record.attendees[0].role = "Chair and Operational Lead for the locality teams".to_owned();
    for width in [100, 80, 60] {
        let out = minutes::document::render_text(
            &record,
            Audience::Professionals,
            width,
            &Letterhead::default(),
        );
        let headers = text_table_headers(&out);
        assert!(headers.len() >= 6, "{out}");
        for (header, next) in headers {
            assert!(
                next.starts_with("|-"),
                "a header wrapped at {width}:\n{header}\n{next}"
            );
        }
        let attendance = out.lines().find(|l| l.starts_with("| Name")).unwrap();
        for word in [
            "Name",
            "Initials",
            "Role",
            "Agency",
            "Attendance",
            "Contact",
        ] {
            assert!(
                attendance.contains(&format!(" {word} ")),
                "{width}: {attendance}"
            );
        }
        let actions = out.lines().find(|l| l.starts_with("| No.")).unwrap();
        for word in ["Action", "Owner", "Agency", "Due", "Status"] {
            assert!(actions.contains(&format!(" {word} ")), "{width}: {actions}");
        }
        if width == 100 {
            // Names and an email address stay whole while longer text wraps.
            assert!(out.contains("jane.smith@police.example"), "{out}");
            assert!(out.contains("| Claire Dubois "), "{out}");
        }
    }
}

#[test]
fn a_column_empty_in_every_row_is_left_out() {
    let record = common::typical_record();
    let out = render(&record, Format::Text, Audience::Professionals);
    // Nobody sent apologies with a contact: that table has no Contact column.
    let headers: Vec<&str> = text_table_headers(&out)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    let apologies = out
        .lines()
        .skip_while(|l| !l.starts_with("Apologies, absence"))
        .find(|l| l.starts_with("| Name"))
        .unwrap();
    assert!(headers.iter().any(|h| h.contains("Contact")));
    assert!(!apologies.contains("Contact"), "{apologies}");
    let markdown = render(&record, Format::Markdown, Audience::Professionals);
    let referrals = markdown
        .lines()
        .find(|l| l.starts_with("| Referral to"))
        .unwrap();
    assert!(referrals.contains("Note"), "{referrals}");
}

#[test]
fn pipes_in_cells_are_escaped_in_markdown_and_text_tables() {
    let mut record = common::typical_record();
    record.attendees[1].role = "Minute taker | Admin".to_owned();
    let markdown = render(&record, Format::Markdown, Audience::Professionals);
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| Tom Walsh"))
        .unwrap();
    assert!(row.contains(r"Minute taker \| Admin"), "{row}");
    assert_eq!(unescaped_pipes(row), 7, "{row}");
    let text = render(&record, Format::Text, Audience::Professionals);
    assert!(text.contains(r"Minute taker \|"), "{text}");
    assert_tables_aligned(&text);
}

#[test]
fn markdown_dashes_give_every_column_room_for_its_header() {
    let markdown = render(
        &common::typical_record(),
        Format::Markdown,
        Audience::Professionals,
    );
    let lines: Vec<&str> = markdown.lines().collect();
    let mut checked = 0;
    for pair in lines.windows(2) {
        if !(pair[0].starts_with("| ") && pair[1].starts_with("|-")) {
            continue;
        }
        let headers: Vec<&str> = pair[0].trim_matches('|').split(" | ").collect();
        let dashes: Vec<usize> = pair[1].trim_matches('|').split('|').map(str::len).collect();
        assert_eq!(headers.len(), dashes.len(), "{}\n{}", pair[0], pair[1]);
        for (header, dashes) in headers.iter().zip(&dashes) {
            let longest = header.split_whitespace().map(str::len).max().unwrap_or(0);
            assert!(*dashes >= longest + 2, "{header}: {dashes} dashes");
        }
        checked += 1;
    }
    assert!(checked >= 6);
    // The action column, with the most text, gets the most dashes.
    let rule = lines
        .iter()
        .skip_while(|l| !l.starts_with("| No. "))
        .nth(1)
        .unwrap();
    let dashes: Vec<usize> = rule.trim_matches('|').split('|').map(str::len).collect();
    assert_eq!(dashes.iter().max(), Some(&dashes[1]), "{rule}");
}

#[test]
fn emoji_with_a_variation_selector_counts_two_columns_in_text_tables() {
    let mut record = common::typical_record();
    // U+260E U+FE0F: a telephone drawn as an emoji, two columns wide in a terminal.
    record.attendees[0].name = "\u{260E}\u{FE0F} Priya Nair".to_owned();
    record.attendees[3].contact = "\u{260E}\u{FE0F}".repeat(24);
    let out = render(&record, Format::Text, Audience::Professionals);
    assert!(out.contains("| \u{260E}\u{FE0F} Priya"), "{out}");
    assert!(assert_tables_aligned(&out) >= 6);
}

// ---------------------------------------------------------------------------------------------
// Items not discussed

#[test]
fn items_not_discussed_are_listed_once_without_workflow_lines() {
    let fresh = common::blank_record("0f0f0f0f-0000-4000-8000-000000000001", "Fresh");
    assert!(fresh.agenda.len() >= 3);
    for format in BOTH_FORMATS {
        let out = render(&fresh, format, Audience::Professionals);
        assert_eq!(out.matches("Not discussed:").count(), 1, "{out}");
        assert!(!out.contains("Status:"), "{out}");
        assert!(!out.contains("No notes recorded"), "{out}");
        // Text wraps the list like any paragraph.
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, item) in fresh.agenda.iter().enumerate() {
            let entry = format!("{}. {}", i + 1, item.title);
            assert_eq!(flat.matches(&entry).count(), 1, "{entry}: {out}");
        }
    }
    let typical = render(
        &common::typical_record(),
        Format::Text,
        Audience::Professionals,
    );
    assert!(!typical.contains("Status: Done") && !typical.contains("Not discussed"));
}

#[test]
fn an_item_whose_notes_are_all_withheld_is_not_called_not_discussed() {
    let mut record = common::typical_record();
    for note in &mut record.agenda[0].notes {
        note.visibility = Visibility::ProfessionalsOnly;
    }
    let title = record.agenda[0].title.clone();
    for format in BOTH_FORMATS {
        let adult = render(&record, format, Audience::Adult);
        assert!(!adult.contains("Not discussed"), "{adult}");
        assert!(adult.contains(&title), "{adult}");
    }
}

#[test]
fn a_section_whose_entries_were_all_withheld_says_so_not_that_none_were_recorded() {
    let record = common::two_part_record();
    assert!(!record.findings.is_empty());
    for audience in [Audience::Adult, Audience::Part2] {
        for format in BOTH_FORMATS {
            let copy = render(&record, format, audience);
            let words = copy.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(words.contains("Findings are not in your copy."), "{words}");
            assert!(!words.contains("No findings recorded"), "{words}");
        }
    }
    let professionals = render(&record, Format::Text, Audience::Professionals);
    assert!(!professionals.contains("not in your copy"));
}
