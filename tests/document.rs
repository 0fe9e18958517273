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
        assert_eq!(
            adult.replace("Copy for the adult or their representative", "X"),
            professionals.replace("Professionals' copy", "X"),
            "{format:?}: with nothing to withhold both copies say the same"
        );
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
