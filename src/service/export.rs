//! The minutes for circulation: made by [`crate::document`], written by the store
//! ([`crate::store::write_document`]: 0600, never into the records folder, never over a file
//! unless asked).

use std::path::{Path, PathBuf};

use super::state::Service;
use crate::document::{self, Audience, ExportFormat};
use crate::error::{Error, Result};
use crate::store::{self, Replace};

impl Service<'_> {
    /// The minutes of the record at `path` in `format` for `audience`, as bytes (for the
    /// adult, made from the copy without what they may not see). Reading the record says
    /// what it says ([`read`](Self::read)).
    ///
    /// # Errors
    /// The record cannot be read; the document cannot be made (naming the record).
    pub fn minutes(
        &self,
        path: &Path,
        format: ExportFormat,
        audience: Audience,
    ) -> Result<Vec<u8>> {
        let record = self.read(path)?;
        document::export(&record, format, audience, &self.letterhead()).map_err(|e| {
            Error::Invalid {
                path: path.to_owned(),
                message: format!("cannot make the {} document: {e}", format.extension()),
            }
        })
    }

    /// Writes the minutes of the record at `path` to `target`, or to
    /// `<record file stem>[-adult].<extension>` in the current folder; returns where.
    ///
    /// # Errors
    /// As [`minutes`](Self::minutes) and [`store::write_document`]: the file exists (unless
    /// `replace` allows), is a folder, is in the records folder or cannot be written.
    pub fn export(
        &self,
        path: &Path,
        format: ExportFormat,
        audience: Audience,
        target: Option<PathBuf>,
        replace: Replace,
    ) -> Result<PathBuf> {
        let bytes = self.minutes(path, format, audience)?;
        let target = match target {
            Some(target) => target,
            None => std::env::current_dir()?.join(default_name(path, format, audience)),
        };
        store::write_document(&target, &bytes, replace, self.records_dir()?, path)
    }
}

/// `<record file stem>[-adult].<extension>`.
fn default_name(record: &Path, format: ExportFormat, audience: Audience) -> String {
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
            default_name(record, ExportFormat::Docx, Audience::Adult),
            "2026-11-23-case-conference-1a2b3c4d-adult.docx"
        );
        assert_eq!(
            default_name(record, ExportFormat::Docx, Audience::Professionals),
            "2026-11-23-case-conference-1a2b3c4d.docx"
        );
    }
}
