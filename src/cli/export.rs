//! `minutes export`: the minutes for circulation, in Markdown, HTML, plain text, Word or JSON,
//! for the professionals or for the adult.
//!
//! Text formats go to standard output unless `-o FILE` is given; `-o -` is standard output
//! for every format (the way into a pipe). A Word document is never sent to a terminal:
//! without `-o` it is written to `<record file stem>[-adult].docx` in the current folder and
//! its path printed. Files are written by
//! [`store::write_document`](crate::store::write_document): 0600, through a temp file beside
//! the target, never over an existing file without `--force`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{AudienceArg, ExportFormat};
use crate::document::{self, Audience};
use crate::error::{Error, Result};
use crate::store::{self, Replace};

/// The arguments of `minutes export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Record id (any unique prefix) or path to a record file.
    pub record: String,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Who the minutes are for: `adult` leaves out professionals-only and restricted entries,
    /// and what concerns the person alleged to have caused harm.
    #[arg(long, value_enum, default_value_t = AudienceArg::Professionals)]
    pub audience: AudienceArg,
    /// Write to FILE (created readable only by you) instead of standard output; `-o -` is
    /// standard output, for docx too. Without it, docx is written to
    /// <record file name>[-adult].docx in the current folder.
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
pub fn run(dir: Option<PathBuf>, args: &ExportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let store = super::commands::open_store(dir)?;
    let path = store.resolve(&args.record)?;
    let loaded = store.load(&path)?;
    if let Some(reason) = &loaded.read_only {
        eprintln_inert!("minutes: note: {}: {reason}", path.display());
    }
    let format = document::ExportFormat::from(args.format);
    let audience = Audience::from(args.audience);
    let dash = args.output.as_deref() == Some(Path::new("-"));
    if dash || (args.output.is_none() && !format.is_binary()) {
        if format.is_binary() && std::io::stdout().is_terminal() {
            return Err(Error::Usage(format!(
                "standard output is a terminal; a .{} document is not written to one \
                 (redirect it, or give -o FILE)",
                format.extension()
            )));
        }
        out.write_all(&make(&loaded.record, &path, format, audience)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let replace = if args.force {
        Replace::Allowed
    } else {
        Replace::Never
    };
    let written = export_to_file(
        &store,
        &path,
        &loaded.record,
        format,
        audience,
        args.output.clone(),
        replace,
    )?;
    writeln!(out, "{}", written.display())?;
    Ok(ExitCode::SUCCESS)
}

/// The document's bytes, errors naming the record.
fn make(
    record: &crate::model::Record,
    path: &Path,
    format: document::ExportFormat,
    audience: Audience,
) -> Result<Vec<u8>> {
    document::export(record, format, audience).map_err(|e| Error::Invalid {
        path: path.to_owned(),
        message: format!("cannot make the {} document: {e}", format.extension()),
    })
}

/// Writes the minutes of `record` (read from `path`) to `target`, or to
/// `<record file stem>[-adult].<extension>` in the current folder; returns where.
///
/// # Errors
/// As [`store::write_document`]; the document cannot be made.
pub(super) fn export_to_file(
    store: &store::Store,
    path: &Path,
    record: &crate::model::Record,
    format: document::ExportFormat,
    audience: Audience,
    target: Option<PathBuf>,
    replace: Replace,
) -> Result<PathBuf> {
    let bytes = make(record, path, format, audience)?;
    let target = match target {
        Some(target) => target,
        None => std::env::current_dir()?.join(default_name(path, format, audience)),
    };
    store::write_document(&target, &bytes, replace, store.dir(), path)
}

/// `<record file stem>[-adult].<extension>`.
fn default_name(record: &Path, format: document::ExportFormat, audience: Audience) -> String {
    let stem = record
        .file_stem()
        .map_or_else(|| "minutes".into(), |stem| stem.to_string_lossy());
    let suffix = match audience {
        Audience::Professionals => "",
        Audience::Adult => "-adult",
    };
    format!("{stem}{suffix}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_say_whose_copy() {
        let record = Path::new("/r/2026-11-23-case-conference-1a2b3c4d.json");
        assert_eq!(
            default_name(record, document::ExportFormat::Docx, Audience::Adult),
            "2026-11-23-case-conference-1a2b3c4d-adult.docx"
        );
        assert_eq!(
            default_name(
                record,
                document::ExportFormat::Docx,
                Audience::Professionals
            ),
            "2026-11-23-case-conference-1a2b3c4d.docx"
        );
    }
}
