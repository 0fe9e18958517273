//! The SAC return as text: aligned tables for people, CSV for a spreadsheet. Both print NHS
//! England's published labels word for word ([`Count::sac_label`]; sources in
//! [`crate::report::sac`]). JSON is the [`SacReturn`] serialised as it is: each category
//! with its stable key, the screens' label and the published label.

use std::fmt::Write as _;

use super::sac::{Count, SacReturn, SourceRow, Split};
use crate::model::EnquiryKind;
use crate::table::TextTable;

/// The two kinds of enquiry, in the order the return gives them.
const KINDS: [EnquiryKind; 2] = [EnquiryKind::Section42, EnquiryKind::Other];

/// The return as aligned tables, one per SAC table (the tables by source once for section 42
/// enquiries and once for other enquiries; the others with a column for each and for both),
/// then the enquiries counted, the missing codes, the records not counted and the notes.
#[must_use]
pub fn table(sac: &SacReturn) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Safeguarding Adults Collection: enquiries concluded {} to {}",
        sac.from, sac.to
    );
    let _ = writeln!(
        out,
        "Concluded enquiries: {} ({}: {}, {}: {})",
        sac.concluded.count,
        EnquiryKind::Section42.sac_label(),
        sac.concluded.section_42,
        EnquiryKind::Other.sac_label(),
        sac.concluded.other
    );
    let _ = writeln!(
        out,
        "One count per different category per enquiry; totals count enquiries, not cells."
    );

    for kind in KINDS {
        let _ = writeln!(
            out,
            "\nSG2a Type of risk by source of risk: {}",
            kind.sac_label()
        );
        let totals: Vec<usize> = sac.source_totals.iter().map(|c| c.n.get(kind)).collect();
        out.push_str(&by_source("TYPE OF RISK", &sac.type_by_source, &totals, kind).render());
    }
    for kind in KINDS {
        let _ = writeln!(
            out,
            "\nSG2b Location of risk by source of risk: {}",
            kind.sac_label()
        );
        let totals: Vec<usize> = sac.source_totals.iter().map(|c| c.n.get(kind)).collect();
        out.push_str(
            &by_source("LOCATION OF RISK", &sac.location_by_source, &totals, kind).render(),
        );
    }

    section(
        &mut out,
        "SG2c Concluded enquiries: action taken and result",
        "ACTION AND RESULT",
        &sac.results,
    );
    section(
        &mut out,
        "SG2e Risk outcome (where a risk was identified)",
        "RISK OUTCOME",
        &sac.risk_outcomes,
    );

    let _ = writeln!(
        out,
        "\nSG3a Mental capacity: did the individual lack capacity?"
    );
    out.push_str(&counts_table("LACKED CAPACITY", &sac.mental_capacity).render());
    let supported = sac.capacity_supported;
    let _ = writeln!(
        out,
        "{CAPACITY_SUPPORTED}:\n  {}: {}; {}: {}; All enquiries: {}",
        EnquiryKind::Section42.sac_label(),
        supported.section_42,
        EnquiryKind::Other.sac_label(),
        supported.other,
        supported.count
    );

    section(
        &mut out,
        "SG4a Making Safeguarding Personal: were they asked about their desired outcomes?",
        "ASKED",
        &sac.msp_asked,
    );
    section(
        &mut out,
        "SG4a Making Safeguarding Personal: of those who expressed outcomes, were they achieved?",
        "ACHIEVED",
        &sac.msp_achieved,
    );

    lists(&mut out, sac);
    out
}

/// SG3a's last row, as the publication words it.
const CAPACITY_SUPPORTED: &str = "Of the enquiries recorded as Yes, in how many of these cases was \
                                  support provided by an advocate, family or friend";

/// A table by source (SG2a or SG2b) for one kind of enquiry: one row per type or location,
/// one column per source, the row's total, and a last row of each source's total.
fn by_source(
    first: &str,
    rows: &[SourceRow],
    source_totals: &[usize],
    kind: EnquiryKind,
) -> TextTable {
    let mut header = vec![first.to_owned()];
    if let Some(row) = rows.first() {
        header.extend(row.by_source.iter().map(|c| c.sac_label.to_owned()));
    }
    header.push("Any source".to_owned());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut grid = TextTable::with_header(&header);
    for row in rows {
        let mut cells = vec![row.sac_label.to_owned()];
        cells.extend(row.by_source.iter().map(|c| c.n.get(kind).to_string()));
        cells.push(row.total.get(kind).to_string());
        grid.push(cells);
    }
    let mut totals = vec!["Total".to_owned()];
    totals.extend(source_totals.iter().map(ToString::to_string));
    grid.push(totals);
    grid
}

/// After the counts: the enquiries counted, the missing codes, the records not counted and
/// the notes.
fn lists(out: &mut String, sac: &SacReturn) {
    let _ = writeln!(out, "\nEnquiries counted");
    if sac.enquiries.is_empty() {
        let _ = writeln!(out, "  none");
    } else {
        let mut list = TextTable::with_header(&[
            "CONCLUDED",
            "RECORD",
            "SUBJECT",
            "TYPE",
            "ENQUIRY",
            "MINUTES",
        ]);
        for e in &sac.enquiries {
            let kind = match e.kind {
                EnquiryKind::Section42 => "Section 42",
                EnquiryKind::Other => "Other",
            };
            let from = match e.kind_from {
                super::sac::KindFrom::Recorded => "",
                super::sac::KindFrom::EarlierMeeting => " (earlier meeting)",
                super::sac::KindFrom::MeetingType => " (by meeting type)",
            };
            list.push(vec![
                e.concluded_on.to_string(),
                short(&e.record_id).to_owned(),
                e.subject_ref.clone(),
                e.meeting_type.clone(),
                format!("{kind}{from}"),
                e.minutes.label().to_owned(),
            ]);
        }
        out.push_str(&list.render());
    }

    if !sac.gaps.is_empty() {
        let _ = writeln!(
            out,
            "\nMissing or inconsistent codes ({}): correct these records and run the report again",
            sac.gaps.len()
        );
        let mut list =
            TextTable::with_header(&["RECORD", "SUBJECT", "FINDING", "TABLE", "PROBLEM"]);
        for gap in &sac.gaps {
            list.push(vec![
                short(&gap.record_id).to_owned(),
                gap.subject_ref.clone(),
                gap.finding.map_or_else(String::new, |n| n.to_string()),
                gap.table.to_owned(),
                gap.problem.clone(),
            ]);
        }
        out.push_str(&list.render());
    }
    if !sac.not_counted.is_empty() {
        let _ = writeln!(out, "\nRecords in the period not counted");
        let mut list = TextTable::with_header(&["DATE", "RECORD", "SUBJECT", "WHY"]);
        for skipped in &sac.not_counted {
            list.push(vec![
                skipped.date.to_string(),
                short(&skipped.record_id).to_owned(),
                skipped.subject_ref.clone(),
                skipped.reason.clone(),
            ]);
        }
        out.push_str(&list.render());
    }
    if !sac.notes.is_empty() {
        let _ = writeln!(out, "\nNotes");
        for note in &sac.notes {
            let _ = writeln!(out, "- {}", crate::text::for_terminal(note));
        }
    }
}

/// The counts as CSV, one row per cell: `table,enquiry_type,category,source,count`, every
/// row once for section 42 enquiries and once for other enquiries (the enquiry type is the
/// SG1f label, [`EnquiryKind::sac_label`]); categories and sources are the published labels.
/// SG2a and SG2b add a row per type or location with source `Any source`, and a row per
/// source with category `Total`. Missing codes are not in the CSV (the command prints them
/// on stderr).
#[must_use]
pub fn csv(sac: &SacReturn) -> String {
    let mut out = String::from("table,enquiry_type,category,source,count\n");
    for kind in KINDS {
        let mut row = |table: &str, category: &str, source: &str, count: usize| {
            let _ = writeln!(
                out,
                "{},{},{},{},{count}",
                csv_field(table),
                csv_field(kind.sac_label()),
                csv_field(category),
                csv_field(source)
            );
        };
        row(
            "Enquiries",
            "Concluded enquiries",
            "",
            sac.concluded.get(kind),
        );
        for (table, rows) in [
            ("SG2a", &sac.type_by_source),
            ("SG2b", &sac.location_by_source),
        ] {
            for r in rows {
                for c in &r.by_source {
                    row(table, r.sac_label, c.sac_label, c.n.get(kind));
                }
                row(table, r.sac_label, "Any source", r.total.get(kind));
            }
            for c in &sac.source_totals {
                row(table, "Total", c.sac_label, c.n.get(kind));
            }
        }
        let singles = [
            ("SG2c", &sac.results),
            ("SG2e", &sac.risk_outcomes),
            ("SG3a", &sac.mental_capacity),
        ];
        for (table, counts) in singles {
            for c in counts {
                row(table, c.sac_label, "", c.n.get(kind));
            }
        }
        row(
            "SG3a",
            CAPACITY_SUPPORTED,
            "",
            sac.capacity_supported.get(kind),
        );
        for c in sac.msp_asked.iter().chain(&sac.msp_achieved) {
            row("SG4a", c.sac_label, "", c.n.get(kind));
        }
    }
    out
}

/// One line per missing code, for stderr: "record 1a2b3c4d (AB-1) finding 2: SG2a: no type
/// of risk".
#[must_use]
pub fn gap_lines(sac: &SacReturn) -> Vec<String> {
    sac.gaps
        .iter()
        .map(|gap| {
            let subject = if gap.subject_ref.is_empty() {
                String::new()
            } else {
                format!(" ({})", gap.subject_ref)
            };
            let finding = gap
                .finding
                .map_or_else(String::new, |n| format!(" finding {n}"));
            format!(
                "record {}{subject}{finding}: {}: {}",
                short(&gap.record_id),
                gap.table,
                gap.problem
            )
        })
        .collect()
}

fn section(out: &mut String, title: &str, column: &str, counts: &[Count]) {
    let _ = writeln!(out, "\n{title}");
    out.push_str(&counts_table(column, counts).render());
}

/// A one-column table of counts, with a column for section 42 enquiries, other enquiries
/// and both.
fn counts_table(column: &str, counts: &[Count]) -> TextTable {
    let s42 = EnquiryKind::Section42.sac_label();
    let other = EnquiryKind::Other.sac_label();
    let mut table = TextTable::with_header(&[column, s42, other, "All enquiries"]);
    for c in counts {
        table.push(split_row(c.sac_label, c.n));
    }
    table
}

fn split_row(label: &str, n: Split) -> Vec<String> {
    vec![
        label.to_owned(),
        n.section_42.to_string(),
        n.other.to_string(),
        n.count.to_string(),
    ]
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Own Home"), "Own Home");
        assert_eq!(
            csv_field("Yes, they lacked capacity"),
            "\"Yes, they lacked capacity\""
        );
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
