//! Opening a file the store is about to write, or reads to decide what to write, when it did
//! not just create it (lock files, the listing cache, a record being backed up): never
//! through a symbolic link at the end of the path, never blocking on a pipe, never taking a
//! terminal as the controlling one, and only a regular file. Files the store creates are new
//! temp files (`O_EXCL`) renamed into place, and a rename replaces a link instead of following it.

use std::fs::{FileType, Metadata, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use rustix::fs::OFlags;
use rustix::io::Errno;

use super::atomic::context;
use crate::error::{Error, Result};

/// What a file that is not a regular file is, in words, or `None` for a regular file.
pub(crate) fn irregular(file_type: FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_file() {
        None
    } else if file_type.is_symlink() {
        Some("a symbolic link")
    } else if file_type.is_dir() {
        Some("a folder")
    } else if file_type.is_fifo() {
        Some("a pipe (FIFO)")
    } else if file_type.is_socket() {
        Some("a socket")
    } else {
        Some("a device")
    }
}

/// Open flags that never block on a pipe nor make a terminal the controlling one, and, unless
/// `follow`, refuse a symbolic link at the end of the path (`ELOOP`).
pub(crate) fn flags(follow: bool) -> i32 {
    let mut flags = OFlags::NONBLOCK | OFlags::NOCTTY;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    flags.bits().cast_signed()
}

/// Opens `path` with `options` (plus [`flags`]`(false)`) if it is a regular file, and returns
/// it with its metadata, taken from the open file so it describes what was opened. Anything
/// else (a symbolic link, folder, pipe, device, socket) is refused without being written, as
/// [`Error::Invalid`] naming `path`: "is a pipe (FIFO), not a regular file; {then}".
pub(crate) fn open_regular(
    path: &Path,
    options: &mut OpenOptions,
    then: &str,
) -> Result<(fs_err::File, Metadata)> {
    let refuse = |kind: &str| Error::Invalid {
        path: path.to_owned(),
        message: format!("is {kind}, not a regular file; {then}"),
    };
    // Looked at first so that a device is not even opened; the checks on the open file below
    // are the ones that hold if the path changes in between.
    if let Ok(meta) = path.symlink_metadata()
        && let Some(kind) = irregular(meta.file_type())
    {
        return Err(refuse(kind));
    }
    let file = options.custom_flags(flags(false)).open(path).map_err(|e| {
        match e.raw_os_error().map(Errno::from_raw_os_error) {
            Some(Errno::LOOP) => refuse("a symbolic link"),
            Some(Errno::ISDIR) => refuse("a folder"),
            Some(Errno::NXIO) => refuse("a socket"),
            _ => context(e, format_args!("cannot open {}", path.display())),
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| context(e, format_args!("cannot read {}", path.display())))?;
    if let Some(kind) = irregular(meta.file_type()) {
        return Err(refuse(kind));
    }
    Ok((fs_err::File::from_parts(file, path), meta))
}

/// Whether two metadata describe the same file (device and inode).
pub(crate) fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn open_read(path: &Path) -> Result<(fs_err::File, Metadata)> {
        open_regular(path, OpenOptions::new().read(true), "not used")
    }

    #[test]
    fn only_a_regular_file_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let (_, meta) = open_read(&file).unwrap();
        assert!(meta.is_file());

        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let fifo = dir.path().join("fifo");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::RUSR).unwrap();
        for (path, kind) in [
            (&link, "a symbolic link"),
            (&fifo, "a pipe"),
            (&dir.path().to_owned(), "a folder"),
        ] {
            let err = open_read(path).unwrap_err().to_string();
            assert!(err.starts_with(&path.display().to_string()), "{err}");
            assert!(err.contains(kind) && err.ends_with("; not used"), "{err}");
        }
    }
}
