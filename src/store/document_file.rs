//! Writing a document the user asked for (`minutes export -o FILE`): the minutes leave the
//! records folder, so they are written as carefully as a record.
//!
//! The bytes go to a temp file created mode 0600 **in the target's own folder** (never in
//! `/tmp`, so no other copy is left anywhere), are fsynced and renamed into place, then the
//! folder is fsynced. An existing file is replaced only when asked, and only if it is a regular
//! file; nothing is written in the records folder (or any folder inside it), nor over the
//! record being exported.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{self, Durability};
use super::guarded;
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
/// anywhere in `records_dir` or over `source` (the record the document was made from).
///
/// With [`Replace::Allowed`] only a regular file is replaced: a symbolic link is not
/// followed (nor replaced), and a pipe, device or socket is never replaced by a file.
///
/// # Errors
/// [`Error::Invalid`] naming the file when it exists (and `replace` is [`Replace::Never`]),
/// is not a regular file, is the source record, or lies in the records folder or any folder
/// inside it (however the path names it: `..`, symbolic links); I/O errors naming the file or
/// folder. On any error the target is unchanged and no temp file is left.
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
    if in_records_folder(path, folder, records_dir)? {
        return Err(refuse(
            "is in the records folder, which holds only records; write the document elsewhere",
        ));
    }
    let existing = match path.symlink_metadata() {
        Ok(meta) => meta,
        Err(_) => {
            return match atomic::create_new(path, bytes) {
                // Someone made the file between the check and the rename.
                Err(Error::Exists { .. }) => Err(refuse(
                    "already exists; not replaced (add --force to replace it)",
                )),
                Err(e) => Err(e),
                Ok(_) => Ok(path.to_owned()),
            };
        }
    };
    if fs_err::metadata(source).is_ok_and(|source| guarded::same_file(&existing, &source)) {
        return Err(refuse("is the record being exported; not overwritten"));
    }
    let file_type = existing.file_type();
    if file_type.is_dir() {
        return Err(refuse("is a folder; give a file name"));
    }
    if file_type.is_symlink() {
        return Err(refuse(
            "is a symbolic link, not a regular file; not followed or replaced (give the path \
             of the file itself)",
        ));
    }
    if let Some(kind) = guarded::irregular(file_type) {
        return Err(refuse(&format!(
            "is {kind}, not a regular file; not replaced (to write into a pipe, use standard \
             output: -o -)"
        )));
    }
    if replace == Replace::Never {
        return Err(refuse(
            "already exists; not replaced (add --force to replace it)",
        ));
    }
    let durability = Durability {
        backup: false,
        fsync: true,
    };
    atomic::replace(path, durability, |file| file.write_all(bytes))?;
    atomic::sync_folder(folder)?;
    Ok(path.to_owned())
}

/// Whether `folder` (where `path` would be written) is `records_dir` or inside it, however it
/// is named (`..`, symbolic links, a bind mount): the folder's real path, and each folder above
/// it, is compared with the records folder by device and inode.
fn in_records_folder(path: &Path, folder: &Path, records_dir: &Path) -> Result<bool> {
    let records = fs_err::metadata(records_dir)?;
    let mut at = folder.canonicalize().map_err(|e| {
        atomic::context(
            e,
            format_args!(
                "{}: cannot use the folder {}",
                path.display(),
                folder.display()
            ),
        )
    })?;
    loop {
        if fs_err::metadata(&at).is_ok_and(|meta| guarded::same_file(&meta, &records)) {
            return Ok(true);
        }
        if !at.pop() {
            return Ok(false);
        }
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
    fn only_a_regular_file_outside_every_records_folder_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let records = tmp.path().join("records");
        std::fs::create_dir_all(records.join("sub")).unwrap();
        let source = records.join("r.json");
        std::fs::write(&source, b"{}").unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let victim = out.join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let link = out.join("link.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let fifo = out.join("pipe");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::RUSR).unwrap();
        std::os::unix::fs::symlink(records.join("sub"), out.join("to-sub")).unwrap();

        for (target, why) in [
            (records.join("sub/x.md"), "records folder"),
            (records.join("sub/../x.md"), "records folder"),
            (out.join("to-sub/x.md"), "records folder"),
            (out.join("../records/sub/x.md"), "records folder"),
            (
                link.clone(),
                "is a symbolic link, not a regular file; not followed",
            ),
            (
                fifo.clone(),
                "is a pipe (FIFO), not a regular file; not replaced",
            ),
        ] {
            let err = write_document(&target, b"x", Replace::Allowed, &records, &source);
            let message = err.unwrap_err().to_string();
            assert!(
                message.starts_with(&target.display().to_string()),
                "{message}"
            );
            assert!(message.contains(why), "{message}");
        }
        assert_eq!(names(&records.join("sub")), Vec::<String>::new());
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        let fifo_type = fifo.symlink_metadata().unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&fifo_type));
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
