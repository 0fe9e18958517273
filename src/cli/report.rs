//! `minutes report sac`: the Safeguarding Adults Collection counts for a period, from every
//! record held up to its end, in the shape NHS England publishes them (section 42 and other
//! enquiries apart, SG2a and SG2b by source of risk, the published labels). The counting rules are in [`crate::report::sac`]; the service
//! reads the records.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use super::print::{Console, exit_code, to_pretty_json};
use crate::error::{Error, Result};
use crate::report::sac_format;
use crate::service::Service;

/// `minutes report ...`: the statutory returns.
#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Safeguarding Adults Collection counts (SG2a and SG2b by source of risk, SG2c, SG2e,
    /// SG3a, SG4a) for the enquiries concluded from --from to --to (both included), section
    /// 42 and other enquiries apart, in NHS England's published labels: one count per
    /// category per enquiry; missing codes are listed.
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
    /// One row per count: table,enquiry_type,category,source,count, in the published labels
    /// (missing codes on stderr).
    Csv,
    /// Everything, counts and lists, as JSON: each category's stable key, label and
    /// published label (sac_label).
    Json,
}

/// Runs a `minutes report` command.
pub(super) fn run(
    service: &Service<'_>,
    kind: ReportKind,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    match kind {
        ReportKind::Sac { from, to, format } => sac_report(service, from, to, format, console),
    }
}

fn sac_report(
    service: &Service<'_>,
    from: NaiveDate,
    to: NaiveDate,
    format: SacFormat,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    if from > to {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to}; the period runs from the first day to the last"
        )));
    }
    let counted = service.sac_return(from, to)?;
    console.warnings(service);
    let counts = &counted.counts;
    match format {
        SacFormat::Table => write!(console.out, "{}", sac_format::table(counts))?,
        SacFormat::Csv => {
            write!(console.out, "{}", sac_format::csv(counts))?;
            for line in sac_format::gap_lines(counts) {
                eprintln_inert!("minutes: missing code: {line}");
            }
        }
        SacFormat::Json => writeln!(console.out, "{}", to_pretty_json(counts)?)?,
    }
    let problems = counted.unreadable;
    if problems > 0 {
        eprintln_inert!(
            "minutes: {problems} record file(s) could not be read and are not in the counts"
        );
    }
    Ok(exit_code(problems == 0))
}
