//! Reading a file the user hands over to be read into a record: the invitation list of
//! `minutes new --attendees FILE`. Only a regular file (a link to one is followed), opened
//! without blocking on a pipe, and only a small one: what it says is parsed elsewhere.

use std::io::Read;
use std::path::Path;

use fs_err::os::unix::fs::OpenOptionsExt;

use super::guarded;
use crate::error::{Error, Result};

/// The largest invitation list read: far more than any meeting's list, far less than a
/// file given by mistake.
const MAX_INVITATION_BYTES: u64 = 1024 * 1024;

/// The bytes of the invitation list at `path`.
///
/// # Errors
/// It cannot be opened or read (the error names the file); it is not a regular file, or is
/// larger than an invitation list can be ([`Error::Invalid`] naming it).
pub fn read_invitation(path: &Path) -> Result<Vec<u8>> {
    let refuse = |message: String| Error::Invalid {
        path: path.to_owned(),
        message,
    };
    let mut file = fs_err::OpenOptions::new()
        .read(true)
        .custom_flags(guarded::flags(true))
        .open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = guarded::irregular(meta.file_type()) {
        return Err(refuse(format!(
            "is {kind}, not a file; give the invitation list as a CSV file"
        )));
    }
    let too_big = || {
        refuse(format!(
            "is larger than {} KiB; an invitation list is a small CSV file",
            MAX_INVITATION_BYTES / 1024
        ))
    };
    if meta.len() > MAX_INVITATION_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAX_INVITATION_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_INVITATION_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_small_regular_file_is_read_and_anything_else_refused_by_name() {
        let tmp = tempfile::tempdir().unwrap();
        let list = tmp.path().join("invite.csv");
        std::fs::write(&list, "name,role,agency\n").unwrap();
        assert_eq!(read_invitation(&list).unwrap(), b"name,role,agency\n");

        let missing = read_invitation(&tmp.path().join("nope.csv")).unwrap_err();
        assert!(missing.to_string().contains("nope.csv"), "{missing}");

        let folder = read_invitation(tmp.path()).unwrap_err().to_string();
        assert!(folder.contains("is a folder, not a file"), "{folder}");

        let fifo = tmp.path().join("pipe.csv");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::RUSR).unwrap();
        let piped = read_invitation(&fifo).unwrap_err().to_string();
        assert!(piped.contains("pipe.csv: is a pipe (FIFO)"), "{piped}");

        let big = tmp.path().join("big.csv");
        std::fs::write(&big, vec![b'a'; 1024 * 1024 + 1]).unwrap();
        let refused = read_invitation(&big).unwrap_err().to_string();
        assert!(refused.contains("larger than 1024 KiB"), "{refused}");
    }
}
