//! `minutes export`: the minutes for circulation, in Markdown, HTML, plain text, Word, JSON
//! or a short case note to paste into the case record (`--format summary`), for the
//! professionals, the adult, or those who attended part 2 only; `--for NAME` makes the copy
//! that person's attendance calls for.
//!
//! Text formats go to standard output unless `-o FILE` is given; `-o -` is standard output
//! for every format (the way into a pipe). A Word document is never sent to a terminal:
//! without `-o` it is written to `<record file stem>[-adult].docx` in the current folder and
//! its path printed. Files are written by
//! [`store::write_document`](crate::store::write_document): 0600, through a temp file beside
//! the target, never over an existing file without `--force`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::print::Console;
use crate::document::{Audience, ExportFormat};
use crate::error::{Error, Result};
use crate::service::{Replace, Service};

/// The arguments of `minutes export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Record id (any unique prefix) or path to a record file.
    pub record: String,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Who the minutes are for: `adult` and `part2` leave out professionals-only and
    /// restricted entries, and what concerns the person alleged to have caused harm.
    #[arg(long, value_enum, default_value_t = Audience::Professionals)]
    pub audience: Audience,
    /// Make the copy for NAME (someone on the attendance or circulation list): the adult or
    /// their representative get the adult's copy, someone who attended part 2 only the part-2
    /// copy, everyone else the professionals'.
    #[arg(long = "for", value_name = "NAME", conflicts_with = "audience")]
    pub reader: Option<String>,
    /// Write to FILE (created readable only by you) instead of standard output; `-o -` is
    /// standard output, for docx too. Without it, docx is written to
    /// <record file name>[-adult|-part2].docx in the current folder.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// Runs `minutes export`; prints the document, or the path of the file written.
///
/// # Errors
/// The record cannot be found or read; the file exists (without `--force`), is a folder, is in
/// the records folder or cannot be written. Each error names the file.
pub(super) fn run(
    service: &Service<'_>,
    args: &ExportArgs,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let path = service.find(&args.record)?;
    let audience = match &args.reader {
        Some(name) => {
            let reader = service.reader(&path, name)?;
            eprintln_inert!(
                "minutes: the copy for {}: {} ({})",
                reader.who,
                reader.copy.audience.label(),
                reader.copy.rule.describe()
            );
            reader.copy.audience
        }
        None => args.audience,
    };
    let format = args.format;
    let dash = args.output.as_deref() == Some(Path::new("-"));
    if dash || (args.output.is_none() && !format.is_binary()) {
        if format.is_binary() && std::io::stdout().is_terminal() {
            return Err(Error::Usage(format!(
                "standard output is a terminal; a .{} document is not written to one \
                 (redirect it, or give -o FILE)",
                format.extension()
            )));
        }
        let minutes = service.export_to_output(&path, format, audience)?;
        console.warnings(service);
        console.out.write_all(&minutes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let replace = if args.force {
        Replace::Allowed
    } else {
        Replace::Never
    };
    let written = service.export(&path, format, audience, args.output.clone(), replace);
    console.warnings(service);
    writeln!(console.out, "{}", written?.display())?;
    Ok(ExitCode::SUCCESS)
}
