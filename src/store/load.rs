//! Reading record files, with errors that say which file, where and what was expected.

use std::io::Read;
use std::os::unix::fs::MetadataExt;
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
        let message = if meta.is_dir() {
            "is a folder, not a record file"
        } else {
            "is not a regular file (a device, pipe or socket), not a record file"
        };
        return Err(Error::Invalid {
            path: path.to_owned(),
            message: message.to_owned(),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.read_to_end(&mut bytes)?;
    Ok(FileBytes { bytes, meta })
}

/// Parses a record, explaining failures for people: empty files, non-objects, truncation,
/// the field whose value has the wrong type, and files from a newer version.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Record> {
    let invalid = |message: String| Error::Invalid {
        path: path.to_owned(),
        message,
    };
    if let Some(encoding) = utf16_encoding(bytes) {
        return Err(invalid(format!(
            "the file is {encoding} text; records are UTF-8 (to convert it: \
             iconv -f UTF-16 -t UTF-8 '{}' > new.json)",
            path.display()
        )));
    }
    // Editors on Windows may start UTF-8 with a byte-order mark; JSON has no use for it.
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        let message = if bytes.is_empty() {
            "empty file (0 bytes); a record is a JSON object".to_owned()
        } else {
            "the file holds only blank space; a record is a JSON object".to_owned()
        };
        return Err(invalid(message));
    };
    match serde_json::from_slice::<Record>(bytes) {
        Ok(record) => Ok(record),
        Err(error) => Err(explain(path, bytes, first, &error)),
    }
}

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// "UTF-16 (little-endian)" or "(big-endian)" when the bytes are UTF-16 text: a byte-order
/// mark, or the NUL bytes every ASCII character of UTF-16 has beside it.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static str> {
    let little = "UTF-16 (little-endian)";
    let big = "UTF-16 (big-endian)";
    match bytes {
        [0xFF, 0xFE, ..] => Some(little),
        [0xFE, 0xFF, ..] => Some(big),
        [a, 0, ..] if *a != 0 => Some(little),
        [0, b, ..] if *b != 0 => Some(big),
        _ => None,
    }
}

/// Turns a failed parse into an [`Error::Parse`] a person can act on.
fn explain(path: &Path, bytes: &[u8], first: u8, error: &serde_json::Error) -> Error {
    // serde_json reports a value of the wrong kind for a list of names (`null` where a
    // meeting part goes) as a syntax error, though the JSON itself is well formed.
    let wrong_value = error.classify() == Category::Syntax
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok();
    let mut parse_error = match error.classify() {
        Category::Data | Category::Syntax if error.classify() == Category::Data || wrong_value => {
            // Parse again, slowly, only to learn which field was wrong.
            let mut de = serde_json::Deserializer::from_slice(bytes);
            match serde_path_to_error::deserialize::<_, Record>(&mut de) {
                Err(e) => {
                    let field = field_name(e.path(), bytes, e.inner());
                    let mut err = Error::parse(path, e.inner());
                    if let Error::Parse { message, .. } = &mut err {
                        if wrong_value {
                            let found = token_at(bytes, e.inner().line(), e.inner().column())
                                .unwrap_or("this value");
                            *message = format!(
                                "{found} is not a value this field takes (minutes schema lists \
                                 the values)"
                            );
                        }
                        if !field.is_empty() {
                            *message = format!("field '{field}': {message}");
                        }
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

/// The dotted path of the field a data error is about. Where serde lost track of the path
/// (inside structs that keep unknown fields), the key written just before the error's
/// position completes it.
fn field_name(path: &serde_path_to_error::Path, bytes: &[u8], error: &serde_json::Error) -> String {
    let mut field = path.to_string();
    if field == "." {
        field.clear();
    }
    let Some(key) = key_before(bytes, error.line(), error.column()) else {
        return field;
    };
    if field.is_empty() {
        key
    } else if field.rsplit('.').next() == Some(key.as_str()) {
        field
    } else {
        format!("{field}.{key}")
    }
}

/// The bare word (`null`, `true`, a number) that starts at a line and column of `bytes`.
fn token_at(bytes: &[u8], line: usize, column: usize) -> Option<&str> {
    let start = offset_of(bytes, line, column.saturating_sub(1))?;
    let rest = &bytes[start..];
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+')))
        .unwrap_or(rest.len());
    std::str::from_utf8(&rest[..len])
        .ok()
        .filter(|word| !word.is_empty())
}

/// The byte offset of a 1-based line and column (as serde_json counts them).
fn offset_of(bytes: &[u8], line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', bytes).nth(line - 2)? + 1
    };
    Some((line_start + column).min(bytes.len()))
}

/// The last object key (`"key":`) written before a line and column of `bytes`, if the value
/// there belongs to one.
fn key_before(bytes: &[u8], line: usize, column: usize) -> Option<String> {
    let before = &bytes[..offset_of(bytes, line, column)?];
    let colon = memchr::memrchr(b':', before)?;
    let between = &before[colon + 1..];
    // Only a scalar value may sit between the key and the error (not a nested structure).
    if between
        .iter()
        .any(|b| matches!(b, b'{' | b'[' | b',' | b'"'))
    {
        return None;
    }
    let key_end = memchr::memrchr(b'"', &before[..colon])?;
    let key_start = memchr::memrchr(b'"', &before[..key_end])? + 1;
    let key = std::str::from_utf8(&before[key_start..key_end]).ok()?;
    let gap = &before[key_end + 1..colon];
    (gap.iter().all(u8::is_ascii_whitespace) && !key.is_empty()).then(|| key.to_owned())
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
    if record.is_writable_by_this_version() && !record.problems().is_empty() {
        // A change puts several current items right; any other breach needs a hand.
        let mut repaired = record.clone();
        repaired.keep_one_current_item();
        let breaches = repaired.problems();
        if !breaches.is_empty() {
            reasons.push(format!(
                "breaks the format's rules ({}); opened read-only; correct the file first \
                 ('minutes check' lists the problems)",
                breaches.join("; ")
            ));
        }
    }
    let me = rustix::process::geteuid().as_raw();
    // In a team folder a record of another member's, shared with the group, is the team's:
    // saved, it is again group read-write in the setgid folder (see `team`).
    let shared = super::team::Policy::of_folder(super::atomic::folder_of(path)).shared(meta);
    if meta.uid() != me && !shared {
        reasons.push(format!(
            "owned by another user (uid {}, you are uid {me}); opened read-only, since saving \
             would change its owner",
            meta.uid()
        ));
    }
    reasons
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

    const MINIMAL: &str = r#"{"schema_version": 1, "id": "abcdef0123456789abcdef0123456789",
        "created_at": "2026-11-23T14:03:41+00:00", "updated_at": "2026-11-23T14:03:41+00:00",
        "meeting": {"type": "case-conference", "title": "T", "date": "2026-11-23",
        "part": "whole"}}"#;

    #[test]
    fn a_byte_order_mark_is_read_past() {
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(MINIMAL.as_bytes());
        let record = parse(Path::new("/r/x.json"), &bytes).unwrap();
        assert_eq!(record.meeting.title, "T");
    }

    #[test]
    fn utf16_is_refused_naming_the_encoding() {
        let units: Vec<u16> = MINIMAL.encode_utf16().collect();
        let little: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let big: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(little.clone()).collect();
        for (bytes, endian) in [(little, "little"), (big, "big"), (with_bom, "little")] {
            let err = parse(Path::new("/r/x.json"), &bytes)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("/r/x.json: "), "{err}");
            assert!(err.contains(&format!("UTF-16 ({endian}-endian)")), "{err}");
            assert!(err.contains("UTF-8"), "{err}");
        }
    }

    #[test]
    fn null_in_a_list_of_names_names_the_field() {
        let text = MINIMAL.replace(r#""part": "whole""#, r#""part": null"#);
        let (line, _, said) = message(text.as_bytes());
        assert_eq!(line, 4);
        assert!(said.contains("meeting.part"), "{said}");
        assert!(said.contains("null"), "{said}");
        let text = MINIMAL.replace(r#""part": "whole""#, r#""status": 5"#);
        let (_, _, said) = message(text.as_bytes());
        assert!(said.contains("meeting.status"), "{said}");
    }

    #[test]
    fn a_folder_says_it_is_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("x.json");
        std::fs::create_dir(&folder).unwrap();
        let err = read(&folder).err().unwrap().to_string();
        assert!(err.contains("is a folder"), "{err}");
    }

    #[test]
    fn newer_version_is_named_when_it_cannot_be_read() {
        let text = br#"{"schema_version": 7, "id": 12}"#;
        let (_, _, message) = message(text);
        assert!(message.contains("newer version"), "{message}");
        assert!(message.contains("schema 7"), "{message}");
    }
}
