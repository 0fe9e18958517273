//! Reading record files, with errors that say which file, where and what was expected.

use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use fs_err::os::unix::fs::OpenOptionsExt;
use serde::Deserialize;
use serde_json::error::Category;

use super::atomic::Stamp;
use super::guarded;
use crate::error::{Error, Result};
use crate::model::{Record, SCHEMA_VERSION};

/// A record file's bytes and the metadata of the file they were read from.
pub(crate) struct FileBytes {
    pub bytes: Vec<u8>,
    pub meta: std::fs::Metadata,
}

impl FileBytes {
    /// The stamp of the file as it was when read (taken before reading, so a write that
    /// races the read makes the stamp stale rather than wrong).
    pub(crate) fn stamp(&self) -> Stamp {
        Stamp::of(&self.meta)
    }
}

/// Reads a whole file, taking its metadata from the open file first. A symbolic link is
/// followed (reading through one is harmless); a pipe does not block the read.
pub(crate) fn read(path: &Path) -> Result<FileBytes> {
    let mut file = fs_err::OpenOptions::new()
        .read(true)
        .custom_flags(guarded::flags(true))
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::Invalid {
            path: path.to_owned(),
            message: "not a regular file".to_owned(),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.read_to_end(&mut bytes)?;
    Ok(FileBytes { bytes, meta })
}

/// Parses a record, explaining failures for people: empty files, non-objects, truncation,
/// the field whose value has the wrong type, and files from a newer version.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Record> {
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        let message = if bytes.is_empty() {
            "empty file (0 bytes); a record is a JSON object".to_owned()
        } else {
            "the file holds only blank space; a record is a JSON object".to_owned()
        };
        return Err(Error::Invalid {
            path: path.to_owned(),
            message,
        });
    };
    match serde_json::from_slice::<Record>(bytes) {
        Ok(record) => Ok(record),
        Err(error) => Err(explain(path, bytes, first, &error)),
    }
}

/// Turns a failed parse into an [`Error::Parse`] a person can act on.
fn explain(path: &Path, bytes: &[u8], first: u8, error: &serde_json::Error) -> Error {
    let mut parse_error = match error.classify() {
        Category::Data => {
            // Parse again, slowly, only to learn which field was wrong.
            let mut de = serde_json::Deserializer::from_slice(bytes);
            match serde_path_to_error::deserialize::<_, Record>(&mut de) {
                Err(e) => {
                    let field = e.path().to_string();
                    let mut err = Error::parse(path, e.inner());
                    if let Error::Parse { message, .. } = &mut err
                        && field != "."
                        && !field.is_empty()
                    {
                        *message = format!("field '{field}': {message}");
                    }
                    err
                }
                Ok(_) => Error::parse(path, error),
            }
        }
        _ => Error::parse(path, error),
    };
    if let Error::Parse { message, .. } = &mut parse_error {
        if first != b'{' {
            if let Some(kind) = json_kind(first) {
                *message = format!("not a minutes record: the file holds {kind}, not an object");
            }
        } else if error.classify() == Category::Eof {
            *message = format!("the file ends too early (truncated?): {message}");
        }
        if let Some(version) = newer_version(bytes) {
            *message = format!(
                "written by a newer version of minutes (schema {version}), which this version \
                 (schema {SCHEMA_VERSION}) cannot read: {message}"
            );
        }
    }
    parse_error
}

/// What JSON value a first byte starts, in words.
fn json_kind(first: u8) -> Option<&'static str> {
    match first {
        b'[' => Some("a JSON array"),
        b'"' => Some("a JSON string"),
        b'-' | b'0'..=b'9' => Some("a number"),
        b't' | b'f' => Some("true or false"),
        b'n' => Some("null"),
        _ => None,
    }
}

/// The file's `schema_version`, if it parses far enough to say and is newer than ours.
fn newer_version(bytes: &[u8]) -> Option<u64> {
    #[derive(Deserialize)]
    struct Version {
        schema_version: u64,
    }
    serde_json::from_slice::<Version>(bytes)
        .ok()
        .map(|v| v.schema_version)
        .filter(|v| *v > u64::from(SCHEMA_VERSION))
}

/// Why this session must not write a record it read from `path`, if it must not.
pub(crate) fn read_only_reasons(
    path: &Path,
    record: &Record,
    meta: &std::fs::Metadata,
) -> Vec<String> {
    let mut reasons = Vec::new();
    if path
        .symlink_metadata()
        .is_ok_and(|link| link.file_type().is_symlink())
    {
        reasons.push(
            "is a symbolic link; opened read-only, since saving would replace the link with a \
             file (open the file it points to instead)"
                .to_owned(),
        );
    }
    if !record.is_writable_by_this_version() {
        reasons.push(format!(
            "written by a newer version of minutes (schema {}); opened read-only",
            record.schema_version
        ));
    }
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        reasons.push(format!(
            "owned by another user (uid {}, you are uid {me}); opened read-only, since saving \
             would change its owner",
            meta.uid()
        ));
    }
    reasons
}

/// A warning if a file or folder can be read by other users.
pub(crate) fn exposure_warning(path: &Path, meta: &std::fs::Metadata) -> Option<String> {
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return None;
    }
    let (what, fix) = if meta.is_dir() {
        ("folder", "700")
    } else {
        ("file", "600")
    };
    Some(format!(
        "{}: this {what} is open to other users (mode {mode:03o}); to fix: chmod {fix} '{}'",
        path.display(),
        path.display()
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> (usize, usize, String) {
        match parse(Path::new("/r/x.json"), bytes).unwrap_err() {
            Error::Parse {
                line,
                column,
                message,
                ..
            } => (line, column, message),
            other => panic!("not a parse error: {other}"),
        }
    }

    #[test]
    fn empty_and_blank_files_say_so() {
        for bytes in [&b""[..], b"  \n"] {
            let err = parse(Path::new("/r/x.json"), bytes)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("/r/x.json: "), "{err}");
            assert!(err.contains("empty") || err.contains("blank"), "{err}");
        }
    }

    #[test]
    fn array_is_not_a_record() {
        let (line, _, message) = message(b"[1, 2]");
        assert_eq!(line, 1);
        assert!(message.contains("a JSON array"), "{message}");
    }

    #[test]
    fn truncation_is_named() {
        let (_, _, message) = message(b"{\"schema_version\": 1, \"id\": \"ab");
        assert!(message.contains("truncated"), "{message}");
    }

    #[test]
    fn wrong_type_names_the_field() {
        let text = br#"{"schema_version": 1, "id": "abcdef0123456789abcdef0123456789",
            "created_at": "2026-11-23T14:03:41+00:00", "updated_at": "2026-11-23T14:03:41+00:00",
            "meeting": {"type": "case-conference", "title": "T", "date": 20261123}}"#;
        let (line, _, message) = message(text);
        assert_eq!(line, 3);
        assert!(message.contains("meeting.date"), "{message}");
    }

    #[test]
    fn newer_version_is_named_when_it_cannot_be_read() {
        let text = br#"{"schema_version": 7, "id": 12}"#;
        let (_, _, message) = message(text);
        assert!(message.contains("newer version"), "{message}");
        assert!(message.contains("schema 7"), "{message}");
    }
}
