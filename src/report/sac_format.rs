//! The SAC return as text: aligned tables for people, CSV for a spreadsheet.
//! (JSON is the [`SacReturn`] serialised as it is.)

use std::fmt::Write as _;

use super::sac::{Count, SacReturn};
use crate::table::TextTable;

/// The return as aligned tables, one per SAC table, then the enquiries counted, the missing
/// codes, the records not counted and the notes.
#[must_use]
pub fn table(sac: &SacReturn) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Safeguarding Adults Collection: enquiries concluded {} to {}",
        sac.from, sac.to
    );
    let _ = writeln!(out, "Concluded enquiries: {}", sac.enquiries.len());
    let _ = writeln!(
        out,
        "One count per different category per enquiry; totals in SG2b count enquiries, not cells."
    );

    section(
        &mut out,
        "SG2a Type of risk",
        "TYPE OF RISK",
        &sac.types_of_risk,
    );

    let _ = writeln!(out, "\nSG2b Location of risk by source of risk");
    out.push_str(&location_by_source(sac).render());

    section(
        &mut out,
        "SG2c Concluded enquiries: action and result",
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
    let mut capacity = counts_table("LACKED CAPACITY", &sac.mental_capacity);
    capacity.push(vec![
        "  of whom supported by an advocate, family or friend".to_owned(),
        sac.capacity_supported.to_string(),
    ]);
    out.push_str(&capacity.render());

    section(
        &mut out,
        "SG4a Making Safeguarding Personal: asked about desired outcomes?",
        "ASKED",
        &sac.msp_asked,
    );
    section(
        &mut out,
        "SG4a Making Safeguarding Personal: outcomes achieved (where expressed)",
        "ACHIEVED",
        &sac.msp_achieved,
    );

    lists(&mut out, sac);
    out
}

/// SG2b: one row per location, one column per source, with the totals.
fn location_by_source(sac: &SacReturn) -> TextTable {
    let mut header = vec!["LOCATION OF RISK".to_owned()];
    header.extend(sac.source_totals.iter().map(|c| c.label.to_uppercase()));
    header.push("ANY SOURCE".to_owned());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut grid = TextTable::with_header(&header);
    for row in &sac.location_by_source {
        let mut cells = vec![row.label.to_owned()];
        cells.extend(row.by_source.iter().map(|c| c.count.to_string()));
        cells.push(row.total.to_string());
        grid.push(cells);
    }
    let mut totals = vec!["Any location".to_owned()];
    totals.extend(sac.source_totals.iter().map(|c| c.count.to_string()));
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
        let mut list =
            TextTable::with_header(&["CONCLUDED", "RECORD", "SUBJECT", "TYPE", "MINUTES"]);
        for e in &sac.enquiries {
            list.push(vec![
                e.concluded_on.to_string(),
                short(&e.record_id).to_owned(),
                e.subject_ref.clone(),
                e.meeting_type.clone(),
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
            let _ = writeln!(out, "- {note}");
        }
    }
}

/// The counts as CSV, one row per cell: `table,category,source,count`. SG2b adds a row per
/// location with source `Any source` and a row per source with category `Any location`.
/// Missing codes are not in the CSV (the command prints them on stderr).
#[must_use]
pub fn csv(sac: &SacReturn) -> String {
    let mut out = String::from("table,category,source,count\n");
    let mut row = |table: &str, category: &str, source: &str, count: usize| {
        let _ = writeln!(
            out,
            "{},{},{},{count}",
            csv_field(table),
            csv_field(category),
            csv_field(source)
        );
    };
    row("Enquiries", "Concluded enquiries", "", sac.enquiries.len());
    for c in &sac.types_of_risk {
        row("SG2a", c.label, "", c.count);
    }
    for location in &sac.location_by_source {
        for c in &location.by_source {
            row("SG2b", location.label, c.label, c.count);
        }
        row("SG2b", location.label, "Any source", location.total);
    }
    for c in &sac.source_totals {
        row("SG2b", "Any location", c.label, c.count);
    }
    for c in &sac.results {
        row("SG2c", c.label, "", c.count);
    }
    for c in &sac.risk_outcomes {
        row("SG2e", c.label, "", c.count);
    }
    for c in &sac.mental_capacity {
        row("SG3a", c.label, "", c.count);
    }
    row(
        "SG3a",
        "Of whom supported by an advocate, family or friend",
        "",
        sac.capacity_supported,
    );
    for c in sac.msp_asked.iter().chain(&sac.msp_achieved) {
        row("SG4a", c.label, "", c.count);
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

fn counts_table(column: &str, counts: &[Count]) -> TextTable {
    let mut table = TextTable::with_header(&[column, "ENQUIRIES"]);
    for c in counts {
        table.push(vec![c.label.to_owned(), c.count.to_string()]);
    }
    table
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
