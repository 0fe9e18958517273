//! Writing a document the user asked for (`minutes export -o FILE`): the minutes leave the
//! records folder, so they are written as carefully as a record.
//!
//! The bytes go to a temp file created mode 0600 **in the target's own folder** (never in
//! `/tmp`, so no other copy is left anywhere), are fsynced and renamed into place, then the
//! folder is fsynced. An existing file is replaced only when asked; the records folder and the
//! record being exported are never written.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{self, Durability};
use crate::error::{Error, Result};

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Fail, naming the file, if something is already there.
    Never,
    /// Replace a file that is there (`--force`); still never a folder.
    Allowed,
}

/// Writes `bytes` to `path` (created 0600 through a temp file beside it), refusing to write
/// into `records_dir` or over `source` (the record the document was made from).
///
/// # Errors
/// [`Error::Invalid`] naming the file when it exists (and `replace` is [`Replace::Never`]),
/// is a folder, is the source record or lies in the records folder; I/O errors naming the file
/// or folder. On any error the target is unchanged and no temp file is left.
pub fn write_document(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
    records_dir: &Path,
    source: &Path,
) -> Result<PathBuf> {
    let refuse = |message: &str| Error::Invalid {
        path: path.to_owned(),
        message: message.to_owned(),
    };
    let folder = atomic::folder_of(path);
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(folder, records_dir) {
        return Err(refuse(
            "is in the records folder, which holds only records; write the document elsewhere",
        ));
    }
    match path.symlink_metadata() {
        Err(_) => {}
        Ok(_) if same(path, source) => {
            return Err(refuse("is the record being exported; not overwritten"));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(refuse("is a folder; give a file name"));
        }
        Ok(_) if replace == Replace::Never => {
            return Err(refuse(
                "already exists; not replaced (add --force to replace it)",
            ));
        }
        Ok(_) => {
            let durability = Durability {
                backup: false,
                fsync: true,
            };
            atomic::replace(path, durability, |file| file.write_all(bytes))?;
            atomic::sync_folder(folder)?;
            return Ok(path.to_owned());
        }
    }
    match atomic::create_new(path, bytes) {
        // Someone made the file between the check and the rename.
        Err(Error::Exists { .. }) => Err(refuse(
            "already exists; not replaced (add --force to replace it)",
        )),
        Err(e) => Err(e),
        Ok(_) => Ok(path.to_owned()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_private_files_and_replaces_only_when_asked() {
        let tmp = tempfile::tempdir().unwrap();
        let records = tmp.path().join("records");
        std::fs::create_dir(&records).unwrap();
        let source = records.join("r.json");
        std::fs::write(&source, b"{}").unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let path = out.join("m.md");

        write_document(&path, b"one", Replace::Never, &records, &source).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let err = write_document(&path, b"two", Replace::Never, &records, &source).unwrap_err();
        assert!(err.to_string().contains("m.md") && err.to_string().contains("--force"));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_document(&path, b"two", Replace::Allowed, &records, &source).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(&out), ["m.md"], "no temp file or backup left");

        for (target, why) in [
            (records.join("x.md"), "records folder"),
            (source.clone(), "records folder"),
            (out.clone(), "is a folder"),
        ] {
            let err = write_document(&target, b"x", Replace::Allowed, &records, &source);
            let message = err.unwrap_err().to_string();
            assert!(message.contains(why), "{message}");
        }
        assert_eq!(std::fs::read(&source).unwrap(), b"{}");
    }

    #[test]
    fn a_record_outside_the_records_folder_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let records = tmp.path().join("records");
        std::fs::create_dir(&records).unwrap();
        let source = tmp.path().join("r.json");
        std::fs::write(&source, b"{}").unwrap();
        let err = write_document(&source, b"x", Replace::Allowed, &records, &source).unwrap_err();
        assert!(err.to_string().contains("being exported"), "{err}");
        assert_eq!(std::fs::read(&source).unwrap(), b"{}");
    }
}
