//! The audit log's file: `.audit.jsonl` in the records folder, one JSON line per event,
//! only ever appended to. What a line says is the service's (`crate::service` audit); here
//! is only how it reaches the disk and is read back.
//!
//! # Appending
//! The file is opened `O_APPEND` without following a symbolic link (a link or anything not a
//! regular file at its path is refused, naming it, without being written), then locked
//! (`flock`, exclusive, waiting) so that two sessions, of one user or of several in a team
//! folder, never interleave their lines and each line's time is taken under the lock: the
//! times in the file then only go up. The line is written in one `write` and fsynced before
//! the lock is let go.
//!
//! # Mode
//! A new log is made readable and writable by its owner only (0600), or also by the group
//! (0660) in a team folder (a folder with the setgid bit, whose files take its group, so that
//! every member can append). The mode is set with `fchmod` on the open file right after it is
//! created, so the umask does not decide it. An existing log keeps its mode.

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::atomic::context;
use super::guarded;
use super::team::Policy;
use crate::error::{Error, Result};

/// The audit log's file name in the records folder: hidden, and not a record name.
pub const AUDIT_FILE: &str = ".audit.jsonl";

/// The audit log of the records folder `dir`.
#[must_use]
pub fn audit_path(dir: &Path) -> PathBuf {
    dir.join(AUDIT_FILE)
}

/// Appends one line to the audit log of `dir`, made by `line` while the log is locked (so
/// the time it holds is taken in the order lines are written); a newline is added. The
/// line is written in one `write` and fsynced.
///
/// # Errors
/// The log cannot be opened (or is not a regular file), locked, written or synced; the
/// error names the file. Nothing is written then, or (a failed write) at most this line.
pub fn append_audit(dir: &Path, line: impl FnOnce() -> String) -> Result<()> {
    let path = audit_path(dir);
    let policy = Policy::of_folder(dir);
    let (mut file, created) = open_for_append(&path, policy.file_mode())?;
    if created {
        policy
            .apply(file.file())
            .map_err(|e| context(e, format_args!("cannot set the mode of {}", path.display())))?;
    }
    file.file()
        .lock()
        .map_err(|e| context(e, format_args!("cannot lock {}", path.display())))?;
    let mut bytes = line().into_bytes();
    bytes.retain(|&b| b != b'\n');
    bytes.push(b'\n');
    let written = file
        .write(&bytes)
        .and_then(|n| {
            if n == bytes.len() {
                Ok(())
            } else {
                Err(std::io::Error::new(
                    std::io::ErrorKind::WriteZero,
                    format!("only {n} of {} bytes written", bytes.len()),
                ))
            }
        })
        .and_then(|()| file.file().sync_all());
    // Closing the file lets the lock go.
    written.map_err(|e| context(e, format_args!("cannot write {}", path.display())))
}

/// Opens the log to append, creating it if missing (then `true`), never through a link.
fn open_for_append(path: &Path, mode: u32) -> Result<(fs_err::File, bool)> {
    const THEN: &str = "not used as the audit log (remove it if you did not put it there)";
    let mut create = std::fs::OpenOptions::new();
    create.append(true).create_new(true).mode(mode);
    match guarded::open_regular(path, &mut create, THEN) {
        Ok((file, _)) => return Ok((file, true)),
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let (file, _) = guarded::open_regular(path, std::fs::OpenOptions::new().append(true), THEN)?;
    Ok((file, false))
}

/// The audit log of `dir` as it is on disk; `None` when there is none yet. Read without
/// following a link, and only if it is a regular file.
///
/// # Errors
/// It cannot be read, or is not a regular file (naming it).
pub fn read_audit(dir: &Path) -> Result<Option<Vec<u8>>> {
    let path = audit_path(dir);
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    let (mut file, _) = guarded::open_regular(
        &path,
        std::fs::OpenOptions::new().read(true),
        "not read as the audit log",
    )?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().mode() & 0o7777
    }

    #[test]
    fn lines_are_appended_one_each_and_the_log_is_private_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        append_audit(dir.path(), || r#"{"a":1}"#.to_owned()).unwrap();
        append_audit(dir.path(), || "{\"a\":\n2}".to_owned()).unwrap();
        let bytes = read_audit(dir.path()).unwrap().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "{\"a\":1}\n{\"a\":2}\n");
        assert_eq!(mode_of(&audit_path(dir.path())), 0o600);
    }

    #[test]
    fn in_a_team_folder_the_log_is_group_read_write() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
        if mode_of(dir.path()) & 0o2000 == 0 {
            // Some file systems refuse the bit to a user outside the group; root never is.
            panic!("cannot set the setgid bit on {}", dir.path().display());
        }
        append_audit(dir.path(), || "{}".to_owned()).unwrap();
        assert_eq!(mode_of(&audit_path(dir.path())), 0o660);
    }

    #[test]
    fn a_link_in_place_of_the_log_is_refused_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, "").unwrap();
        std::os::unix::fs::symlink(&elsewhere, audit_path(dir.path())).unwrap();
        let err = append_audit(dir.path(), || "{}".to_owned()).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "");
        assert!(read_audit(dir.path()).is_err());
    }

    #[test]
    fn no_log_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_audit(dir.path()).unwrap().is_none());
    }
}
