//! `minutes report sac`: the Safeguarding Adults Collection counts for a period, from every
//! record held up to its end. The counting rules are in [`crate::report::sac`].

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use super::commands::{exit_code, listed, open_store, to_pretty_json};
use crate::error::{Error, Result};
use crate::report::{sac, sac_format};
use crate::store::load_file;

/// `minutes report ...`: the statutory returns.
#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Safeguarding Adults Collection counts (SG2a, SG2b, SG2c, SG2e, SG3a, SG4a) for the
    /// enquiries concluded from --from to --to (both included): one count per category per
    /// enquiry; missing codes are listed.
    Sac {
        /// First day of the period, YYYY-MM-DD (e.g. 2026-04-01).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: NaiveDate,
        /// Last day of the period, YYYY-MM-DD (e.g. 2027-03-31).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: NaiveDate,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SacFormat::Table)]
        format: SacFormat,
    },
}

/// `--format` of `minutes report sac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SacFormat {
    /// Aligned tables, then the enquiries counted, missing codes and records not counted.
    Table,
    /// One row per count: table,category,source,count (missing codes on stderr).
    Csv,
    /// Everything, counts and lists, as JSON.
    Json,
}

/// Runs a `minutes report` command.
pub(super) fn run(dir: Option<PathBuf>, kind: ReportKind, out: &mut dyn Write) -> Result<ExitCode> {
    match kind {
        ReportKind::Sac { from, to, format } => sac_report(dir, from, to, format, out),
    }
}

fn sac_report(
    dir: Option<PathBuf>,
    from: NaiveDate,
    to: NaiveDate,
    format: SacFormat,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if from > to {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to}; the period runs from the first day to the last"
        )));
    }
    let store = open_store(dir)?;
    let listing = listed(&store)?;
    let mut problems = listing.problems.len();
    // Every record held up to the end of the period: later ones cannot conclude in it
    // (a meeting ends on or after its date), earlier ones are needed to follow chains back.
    let mut records = Vec::new();
    for entry in listing.entries.iter().filter(|e| e.summary.date <= to) {
        match load_file(&entry.path) {
            Ok(record) => records.push(record),
            Err(error) => {
                problems += 1;
                eprintln_inert!("minutes: skipped {error}");
            }
        }
    }
    let counts = sac::sac_return(&records, from, to);
    match format {
        SacFormat::Table => write!(out, "{}", sac_format::table(&counts))?,
        SacFormat::Csv => {
            write!(out, "{}", sac_format::csv(&counts))?;
            for line in sac_format::gap_lines(&counts) {
                eprintln_inert!("minutes: missing code: {line}");
            }
        }
        SacFormat::Json => writeln!(out, "{}", to_pretty_json(&counts)?)?,
    }
    if problems > 0 {
        eprintln_inert!(
            "minutes: {problems} record file(s) could not be read and are not in the counts"
        );
    }
    Ok(exit_code(problems == 0))
}
