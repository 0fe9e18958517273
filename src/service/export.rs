//! The minutes for circulation: made by [`crate::document`], written by the store
//! ([`crate::store::write_document`]: 0600, never into the records folder, never over a file
//! unless asked).

use std::path::{Path, PathBuf};

use super::audit::AuditAction;
use super::state::Service;
use super::warning::Warning;
use crate::document::{self, Audience, ExportFormat};
use crate::error::{Error, Result};
use crate::model::{CopyRule, Record};
use crate::people::{self, Reader, ReaderError};
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
        self.document(path, format, audience)
            .map(|(_, bytes)| bytes)
    }

    /// The record at `path` and its minutes as [`minutes`](Self::minutes) makes them.
    fn document(
        &self,
        path: &Path,
        format: ExportFormat,
        audience: Audience,
    ) -> Result<(Record, Vec<u8>)> {
        let record = self.read(path)?;
        let bytes =
            document::export(&record, format, audience, &self.letterhead()).map_err(|e| {
                Error::Invalid {
                    path: path.to_owned(),
                    message: format!("cannot make the {} document: {e}", format.extension()),
                }
            })?;
        Ok((record, bytes))
    }

    /// The minutes to read on the terminal (`minutes show`), as [`minutes`](Self::minutes)
    /// makes them; the audit log keeps that they were read.
    ///
    /// # Errors
    /// As [`minutes`](Self::minutes).
    pub fn show(&self, path: &Path, format: ExportFormat, audience: Audience) -> Result<Vec<u8>> {
        let (record, bytes) = self.document(path, format, audience)?;
        let details = copy_details("show", format, audience);
        self.audit(AuditAction::Read, &record, path, details);
        Ok(bytes)
    }

    /// The minutes exported to standard output (`minutes export` without a file); the
    /// audit log keeps the export.
    ///
    /// # Errors
    /// As [`minutes`](Self::minutes).
    pub fn export_to_output(
        &self,
        path: &Path,
        format: ExportFormat,
        audience: Audience,
    ) -> Result<Vec<u8>> {
        let (record, bytes) = self.document(path, format, audience)?;
        let mut details = copy_details("export", format, audience);
        details.insert("destination".to_owned(), "standard output".into());
        self.audit(AuditAction::Export, &record, path, details);
        Ok(bytes)
    }

    /// The record at `path` to read on the browser's reader; the audit log keeps that it
    /// was read.
    ///
    /// # Errors
    /// As [`read`](Self::read).
    pub fn read_to_show(&self, path: &Path) -> Result<Record> {
        let record = self.read(path)?;
        let mut details = serde_json::Map::new();
        details.insert("via".to_owned(), "reader".into());
        self.audit(AuditAction::Read, &record, path, details);
        Ok(record)
    }

    /// Whom `name` means among the attendees and the circulation list of the record at
    /// `path`, and the copy their attendance calls for ([`people::reader`]).
    ///
    /// # Errors
    /// The record cannot be read; nobody, or several people, answer to `name` (a usage error
    /// listing who does, or who is on the lists).
    pub fn reader(&self, path: &Path, name: &str) -> Result<Reader> {
        let record = self.read(path)?;
        let found = people::reader(&record, name);
        if let Ok(reader) = &found {
            self.note_unlisted(&reader.who, &reader.copy.rule, record.short_id());
        }
        found.map_err(|error| {
            let (what, people) = match error {
                ReaderError::NoOne(people) => (
                    format!(
                        "nobody on the attendance or circulation list answers to '{}'; they are",
                        name.trim()
                    ),
                    people,
                ),
                ReaderError::Several(people) => (
                    format!(
                        "'{}' could be several people; say which (full name, or name and agency)",
                        name.trim()
                    ),
                    people,
                ),
            };
            let list = if people.is_empty() {
                " nobody".to_owned()
            } else {
                people
                    .iter()
                    .map(|who| format!("\n  {who}"))
                    .collect::<String>()
            };
            Error::Usage(format!("--for: {what}:{list}"))
        })
    }

    /// Writes the minutes of the record at `path` to `target`, or to
    /// `<record file stem>[-adult|-part2].<extension>` in the current folder; returns where.
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
        let (record, bytes) = self.document(path, format, audience)?;
        let target = match target {
            Some(target) => target,
            None => std::env::current_dir()?.join(default_name(path, format, audience)),
        };
        let written = store::write_document(&target, &bytes, replace, self.records_dir()?, path)?;
        let mut details = copy_details("export", format, audience);
        details.insert(
            "destination".to_owned(),
            written.to_string_lossy().into_owned().into(),
        );
        self.audit(AuditAction::Export, &record, path, details);
        Ok(written)
    }
}

/// What the audit log keeps of a document made: how (`via`), its format and its copy.
fn copy_details(
    via: &str,
    format: ExportFormat,
    audience: Audience,
) -> serde_json::Map<String, serde_json::Value> {
    let mut details = serde_json::Map::new();
    details.insert("via".to_owned(), via.into());
    details.insert("format".to_owned(), format.name().into());
    details.insert("audience".to_owned(), audience.key().into());
    details
}

/// Longest default file name: Mosaic cuts the names of uploaded documents at 80 characters.
const MAX_NAME: usize = 80;

/// `<record file stem>[-adult|-part2][-summary].<extension>`, made safe for upload to a case record:
/// at most [`MAX_NAME`] characters, ASCII letters, digits, `-`, `_` and `.` only (accents
/// folded, `Zoë` as `Zoe`). A long name is cut in its middle (the part after the date), so
/// the date, the record id, the suffix and the extension are kept.
fn default_name(record: &Path, format: ExportFormat, audience: Audience) -> String {
    let stem = record
        .file_stem()
        .map_or_else(|| "minutes".into(), |stem| stem.to_string_lossy());
    let suffix = match audience {
        Audience::Professionals => "",
        Audience::Adult => "-adult",
        Audience::Part2 => "-part2",
    };
    let kind = if format == ExportFormat::Summary {
        "-summary"
    } else {
        ""
    };
    safe_name(&stem, &format!("{suffix}{kind}.{}", format.extension()))
}

/// `stem` folded to safe characters and cut so that it and `tail` make at most [`MAX_NAME`].
fn safe_name(stem: &str, tail: &str) -> String {
    let mut safe = String::with_capacity(stem.len());
    for c in deunicode::deunicode(stem).chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            safe.push(c);
        } else if !safe.ends_with('-') {
            safe.push('-');
        }
    }
    let mut safe = safe.trim_matches(['-', '.', '_']).to_owned();
    if safe.is_empty() {
        safe = "minutes".to_owned();
    }
    let room = MAX_NAME.saturating_sub(tail.len());
    if safe.len() <= room {
        return safe + tail;
    }
    let is_date = |s: &str| {
        s.len() == 10
            && s.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    let (date, rest) = match safe.get(..10) {
        Some(date) if is_date(date) => (date, &safe[10..]),
        _ => ("", safe.as_str()),
    };
    let (middle, id) = match rest.rsplit_once('-') {
        Some((middle, id)) if id.len() == 8 && id.chars().all(|c| c.is_ascii_hexdigit()) => {
            (middle, &rest[middle.len()..])
        }
        _ => (rest, ""),
    };
    let keep = room.saturating_sub(date.len() + id.len()).min(middle.len());
    // Every character is ASCII, so any byte index is a character boundary.
    let middle = middle[..keep].trim_end_matches(['-', '.', '_']);
    format!("{date}{middle}{id}{tail}")
}

impl Service<'_> {
    /// A note when `who` has the professionals' copy only because they are not on the
    /// attendance list: if they are the adult, their family or someone representing the
    /// adult, that copy tells them what they must not be told.
    pub(super) fn note_unlisted(&self, who: &str, rule: &CopyRule, short_id: &str) {
        if *rule == CopyRule::NotAnAttendee {
            self.warn(Warning::Note(format!(
                "{who} is not on the attendance list, so has the professionals' copy; if they \
                 are the adult, family or someone representing the adult, put them on the \
                 attendance list as such (minutes open {short_id}: People) and make their copy \
                 again"
            )));
        }
    }
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
            default_name(record, ExportFormat::Html, Audience::Part2),
            "2026-11-23-case-conference-1a2b3c4d-part2.html"
        );
        assert_eq!(
            default_name(record, ExportFormat::Docx, Audience::Professionals),
            "2026-11-23-case-conference-1a2b3c4d.docx"
        );
        assert_eq!(
            default_name(record, ExportFormat::Summary, Audience::Adult),
            "2026-11-23-case-conference-1a2b3c4d-adult-summary.txt"
        );
        assert_ne!(
            default_name(record, ExportFormat::Summary, Audience::Professionals),
            default_name(record, ExportFormat::Text, Audience::Professionals),
        );
    }

    #[test]
    fn long_accented_names_are_cut_to_80_safe_characters_keeping_date_id_and_suffix() {
        let record = Path::new(
            "/r/2026-11-23-Réunion de stratégie — Zoë Łukasz Ørsted, maison de retraite \
             «Les Érables» (très long titre)-1a2b3c4d.json",
        );
        for format in ExportFormat::ALL {
            for audience in Audience::ALL {
                let name = default_name(record, format, audience);
                assert!(name.len() <= 80, "{name} is {} long", name.len());
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')),
                    "{name}"
                );
                assert!(
                    name.starts_with("2026-11-23-Reunion-de-strategie-Zoe-Lukasz"),
                    "{name}"
                );
                let tail = match audience {
                    Audience::Professionals => "-1a2b3c4d",
                    Audience::Adult => "-1a2b3c4d-adult",
                    Audience::Part2 => "-1a2b3c4d-part2",
                };
                assert!(name.contains(tail), "{name}");
                assert!(name.ends_with(format.extension()), "{name}");
            }
        }
        assert_eq!(safe_name("…", ".txt"), "minutes.txt");
        assert_eq!(safe_name("../.x", ".txt"), "x.txt");
    }
}
