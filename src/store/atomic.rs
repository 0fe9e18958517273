//! Crash-safe writes: a temp file beside the target, fsync, a hard-link backup, rename, fsync
//! of the folder. The target path always names a complete file, old or new.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tempfile::NamedTempFile;

use super::guarded;
use super::team::Policy;
use crate::error::{Error, Result};
use crate::model::Record;

/// Prefix of every temporary file the store makes. Hidden, so listings and `ls` skip them.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";

/// What a file looked like when this session last read or wrote it. Any write by anyone
/// (in place, or by renaming another file over it) changes at least one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// Inode number: a file renamed over the path has another one.
    pub ino: u64,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch.
    pub mtime: i64,
    /// Nanoseconds part of the modification time.
    pub mtime_ns: i64,
}

impl Stamp {
    /// The stamp of a file from its metadata.
    pub(crate) fn of(meta: &std::fs::Metadata) -> Self {
        Self {
            ino: meta.ino(),
            size: meta.size(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
        }
    }
}

/// How careful a write must be.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Durability {
    /// Keep the file being replaced as `<file>.bak`.
    pub backup: bool,
    /// fsync the new file before it replaces the old one (records: yes; the cache: no,
    /// since a damaged cache is rebuilt).
    pub fsync: bool,
}

impl Durability {
    /// Record files: backup and fsync.
    pub(crate) const RECORD: Self = Self {
        backup: true,
        fsync: true,
    };
    /// The listing cache: neither.
    pub(crate) const CACHE: Self = Self {
        backup: false,
        fsync: false,
    };
}

/// The bytes of a record as the store writes it: pretty JSON (2-space indent) and a newline.
pub(crate) fn record_bytes(path: &Path, record: &Record) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    serde_json::to_writer_pretty(&mut bytes, record).map_err(|e| Error::Invalid {
        path: path.to_owned(),
        message: format!("cannot serialise the record: {e}"),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Where the previous version of `path` is kept: `<file>.bak` beside it.
pub(crate) fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// An I/O error with what was being done, and to which file, in front of it.
pub(crate) fn context(error: io::Error, what: impl std::fmt::Display) -> Error {
    Error::Io(io::Error::new(error.kind(), format!("{what}: {error}")))
}

/// Replaces `path` with what `write` puts in a new temp file, without ever leaving `path`
/// partly written. With `durability.backup`, the file replaced becomes `<file>.bak`. Returns
/// the new file's stamp. The caller then calls [`sync_folder`] (split out so a caller can
/// record the new stamp even if that last fsync fails: the rename has happened by then).
///
/// On failure before the rename, the temp file is removed and `path` is untouched.
pub(crate) fn replace(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<Stamp> {
    let folder = folder_of(path);
    let (temp, stamp) = write_temp(folder, durability.fsync, write)?;
    if durability.backup {
        back_up(path, folder)?;
    }
    // On error `PersistError` gives the temp file back; dropping it deletes it.
    temp.persist(path).map_err(|e| {
        let what = format!(
            "cannot rename {} to {}",
            e.file.path().display(),
            path.display()
        );
        context(e.error, what)
    })?;
    Ok(stamp)
}

/// Writes a new file at `path` through a temp file; fails with [`Error::Exists`] rather than
/// replace anything already there. Returns the new file's stamp; the folder is synced.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<Stamp> {
    let folder = folder_of(path);
    if path.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: path.to_owned(),
        });
    }
    let (temp, stamp) = write_temp(folder, true, |file| file.write_all(bytes))?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: path.to_owned(),
            }
        } else {
            let what = format!(
                "cannot rename {} to {}",
                e.file.path().display(),
                path.display()
            );
            context(e.error, what)
        }
    })?;
    sync_folder(folder)?;
    Ok(stamp)
}

/// fsyncs a folder, so renames in it survive a power cut.
pub(crate) fn sync_folder(folder: &Path) -> Result<()> {
    fs_err::File::open(folder)?.sync_all()?;
    Ok(())
}

/// Makes a temp file in `folder`, with the mode (and group) of the folder's [`Policy`]
/// (0600; 0660 with the folder's group in a team folder) whatever the umask, fills it with
/// `write` and (if asked) fsyncs it.
fn write_temp(
    folder: &Path,
    fsync: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(NamedTempFile, Stamp)> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(folder)
        .map_err(|e| {
            context(
                e,
                format_args!("cannot create a temporary file in {}", folder.display()),
            )
        })?;
    let written = Policy::of_folder(folder)
        .apply(temp.as_file())
        .and_then(|()| write(temp.as_file_mut()))
        .and_then(|()| {
            if fsync {
                temp.as_file().sync_all()?;
            }
            temp.as_file().metadata()
        });
    match written {
        Ok(meta) => Ok((temp, Stamp::of(&meta))),
        // `temp` is dropped on return, which deletes it.
        Err(e) => Err(context(
            e,
            format_args!("cannot write {}", temp.path().display()),
        )),
    }
}

/// Makes `<file>.bak` the current `path`, if there is one: a hard link to it under a temp
/// name, renamed over the old backup, so `path` itself is never missing or partial.
///
/// The backup is as private as the store makes records in that folder (0600; 0660 with the
/// folder's group in a team folder): when `path` has another mode or group (a record written
/// 0644 by another program), or hard links are not supported, a copy is made instead, with
/// the folder's mode and fsynced. Only a regular file is backed up: a symbolic link (or
/// anything else) at `path` is refused, and then nothing is written.
fn back_up(path: &Path, folder: &Path) -> Result<()> {
    let backup = backup_path(path);
    let linked = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .make_in(folder, |temp| std::fs::hard_link(path, temp));
    let linked = match linked {
        // `link` does not follow a symbolic link, so this is what is at `path` itself.
        Ok(temp) => {
            let temp = temp.into_temp_path();
            let policy = Policy::of_folder(folder);
            let private = fs_err::symlink_metadata(&temp)
                .is_ok_and(|meta| meta.is_file() && policy.made_so(&meta));
            // Otherwise `temp` is dropped, which removes the link.
            private.then_some(temp)
        }
        // Nothing saved there yet: nothing to back up.
        Err(e) if e.kind() == io::ErrorKind::NotFound && path.symlink_metadata().is_err() => {
            return Ok(());
        }
        Err(_) => None,
    };
    let temp = match linked {
        Some(temp) => temp,
        None => private_copy(path, folder)?,
    };
    temp.persist(&backup).map_err(|e| {
        let what = format!("cannot rename {} to {}", e.path.display(), backup.display());
        context(e.error, what)
    })?;
    Ok(())
}

/// A copy of the regular file at `path` in a new temp file (the folder's mode, fsynced) in
/// `folder`.
fn private_copy(path: &Path, folder: &Path) -> Result<tempfile::TempPath> {
    let (mut source, _) = guarded::open_regular(
        path,
        std::fs::OpenOptions::new().read(true),
        "not backed up, so not replaced",
    )?;
    let (copy, _) = write_temp(folder, true, |file| {
        io::copy(source.file_mut(), file).map(drop)
    })?;
    Ok(copy.into_temp_path())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn temps_in(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(TEMP_PREFIX))
            .collect()
    }

    /// A writer that fails like a full disk after `limit` bytes.
    fn full_disk_after(limit: usize, bytes: &[u8], file: &mut File) -> io::Result<()> {
        file.write_all(&bytes[..limit.min(bytes.len())])?;
        Err(io::Error::from_raw_os_error(28)) // ENOSPC
    }

    #[test]
    fn replace_keeps_a_backup_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        replace(&path, Durability::RECORD, |f| f.write_all(b"one")).unwrap();
        assert!(!backup_path(&path).exists(), "no backup of nothing");
        replace(&path, Durability::RECORD, |f| f.write_all(b"two")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"one");
        replace(&path, Durability::RECORD, |f| f.write_all(b"three")).unwrap();
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"two");
        assert_eq!(temps_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn the_backup_is_private_whatever_the_mode_of_the_file_it_keeps() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        for (old_mode, linked) in [(0o644, false), (0o400, false), (0o600, true)] {
            std::fs::write(&path, b"old").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(old_mode)).unwrap();
            let old_inode = std::fs::metadata(&path).unwrap().ino();
            replace(&path, Durability::RECORD, |f| f.write_all(b"new")).unwrap();
            let backup = backup_path(&path);
            assert_eq!(std::fs::read(&backup).unwrap(), b"old");
            assert_eq!(mode(&backup), 0o600, "from {old_mode:o}");
            assert_eq!(mode(&path), 0o600);
            let backup_inode = std::fs::metadata(&backup).unwrap().ino();
            assert_eq!(backup_inode == old_inode, linked, "from {old_mode:o}");
            assert_eq!(temps_in(dir.path()), Vec::<String>::new());
            std::fs::remove_file(&path).unwrap();
        }
    }

    #[test]
    fn a_symbolic_link_is_neither_backed_up_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere.json");
        std::fs::write(&elsewhere, b"elsewhere").unwrap();
        let path = dir.path().join("r.json");
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        let err = replace(&path, Durability::RECORD, |f| f.write_all(b"new")).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&path.display().to_string()),
            "{message}"
        );
        assert!(message.contains("symbolic link"), "{message}");
        assert!(path.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"elsewhere");
        assert!(backup_path(&path).symlink_metadata().is_err(), "no backup");
        assert_eq!(temps_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn full_disk_mid_write_leaves_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        replace(&path, Durability::RECORD, |f| f.write_all(b"old v1")).unwrap();
        replace(&path, Durability::RECORD, |f| f.write_all(b"old v2")).unwrap();
        let new = vec![b'x'; 100_000];
        let err = replace(&path, Durability::RECORD, |f| {
            full_disk_after(50_000, &new, f)
        })
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("cannot write"), "{message}");
        assert!(
            message.contains(TEMP_PREFIX),
            "names the temp file: {message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"old v2");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"old v1");
        assert_eq!(temps_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn stamp_follows_the_file_through_rename() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let stamp = replace(&path, Durability::RECORD, |f| f.write_all(b"abc")).unwrap();
        assert_eq!(stamp, Stamp::of(&std::fs::metadata(&path).unwrap()));
        assert_eq!(stamp.size, 3);
    }

    #[test]
    fn create_new_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        create_new(&path, b"first").unwrap();
        let err = create_new(&path, b"second").unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert!(err.to_string().contains("r.json"));
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(temps_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn cannot_create_temp_names_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let err = replace(&gone.join("r.json"), Durability::RECORD, |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("gone"), "{err}");
    }
}
