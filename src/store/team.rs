//! Team folders: one records folder shared by a group of minute takers on one server.
//!
//! A folder is a **team folder** when it is setgid, its group may read, write and enter it,
//! and others have no access at all (mode 2770, or 2570 and the like with the group's rwx):
//! the kernel then gives every file made in it the folder's group. Everything the store
//! makes in a team folder (records, `.bak`, lock files, the listing cache, temp and recovery
//! files) is made group read-write, never readable by others: mode 0660, set explicitly with
//! `fchmod` after creating the file, so a umask of 077 cannot strip the group's bits, and
//! given the folder's group if it somehow has another. Anywhere else the store keeps its
//! private modes: 0600 files in a 0700 folder.
//!
//! This file is the one place that says so: [`Policy`] is read from the folder's metadata,
//! and gives the modes to use, whether another member's file may be written, and the
//! warnings (naming the file and the exact `chmod`/`chgrp` that fixes it) for a file or
//! folder that would leak. [`init`] makes or adopts a team folder (`minutes team init`).

use std::fs::{File, Metadata};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::{Gid, Mode};

use super::atomic::context;
use super::guarded;
use crate::error::{Error, Result};

/// A file only its owner may read and write.
pub(crate) const PRIVATE_FILE: u32 = 0o600;
/// A folder only its owner may use.
pub(crate) const PRIVATE_DIR: u32 = 0o700;
/// A file of a team folder: its owner and the group read and write it, nobody else.
pub(crate) const TEAM_FILE: u32 = 0o660;
/// A team folder: setgid, owner and group rwx, nothing for others.
pub(crate) const TEAM_DIR: u32 = 0o2770;

const SETGID: u32 = 0o2000;

/// How the store makes files in one folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// An account's own folder: files 0600.
    Private,
    /// A team folder of group `gid`: files 0660 with that group.
    Team {
        /// The folder's group.
        gid: u32,
    },
}

impl Policy {
    /// The policy of a folder, from its metadata.
    pub(crate) fn of(meta: &Metadata) -> Self {
        let mode = meta.mode();
        if meta.is_dir() && mode & SETGID != 0 && mode & 0o070 == 0o070 && mode & 0o007 == 0 {
            Self::Team { gid: meta.gid() }
        } else {
            Self::Private
        }
    }

    /// The policy of the folder at `folder` (following a link, as opening files in it does);
    /// a folder that cannot be read is private.
    pub(crate) fn of_folder(folder: &Path) -> Self {
        std::fs::metadata(folder).map_or(Self::Private, |meta| Self::of(&meta))
    }

    /// The mode of every file the store makes under this policy.
    pub(crate) const fn file_mode(self) -> u32 {
        match self {
            Self::Private => PRIVATE_FILE,
            Self::Team { .. } => TEAM_FILE,
        }
    }

    /// Whether this is a team folder.
    pub(crate) const fn is_team(self) -> bool {
        matches!(self, Self::Team { .. })
    }

    /// Gives a file this session just made the mode (and, in a team folder, the group) of
    /// the policy, whatever the umask made of it.
    pub(crate) fn apply(self, file: &File) -> std::io::Result<()> {
        if let Self::Team { gid } = self
            && file.metadata()?.gid() != gid
        {
            rustix::fs::fchown(file, None, Some(Gid::from_raw(gid)))?;
        }
        rustix::fs::fchmod(file, Mode::from_raw_mode(self.file_mode()))?;
        Ok(())
    }

    /// Whether a file is as this policy makes them: its mode, and in a team folder its group.
    pub(crate) fn made_so(self, meta: &Metadata) -> bool {
        meta.mode() & 0o7777 == self.file_mode()
            && match self {
                Self::Private => true,
                Self::Team { gid } => meta.gid() == gid,
            }
    }

    /// Whether a file owned by another account may be written by this session: in a team
    /// folder, a file of the folder's group that the group may read and write.
    pub(crate) fn shared(self, meta: &Metadata) -> bool {
        match self {
            Self::Private => false,
            Self::Team { gid } => meta.gid() == gid && meta.mode() & 0o060 == 0o060,
        }
    }

    /// Whether everyone who may read files the store makes in this folder may read this
    /// one: always in a private folder; in a team folder, a file of its group that the group
    /// may read.
    pub(crate) fn shared_read(self, meta: &Metadata) -> bool {
        match self {
            Self::Private => true,
            Self::Team { gid } => meta.gid() == gid && meta.mode() & 0o040 != 0,
        }
    }

    /// A warning if a file in a folder of this policy is open to more people than it
    /// should be: other users at all, or in a private folder the group, or in a team folder
    /// a group that is not the folder's. Names the file and the command that fixes it.
    pub(crate) fn file_warning(self, path: &Path, meta: &Metadata) -> Option<String> {
        let mode = meta.mode() & 0o777;
        let shown = path.display();
        match self {
            Self::Private if mode & 0o077 != 0 => Some(format!(
                "{shown}: this file is open to other users (mode {mode:03o}); to fix: chmod \
                 600 '{shown}'"
            )),
            Self::Team { .. } if mode & 0o007 != 0 => Some(format!(
                "{shown}: this file is open to users outside the team (mode {mode:03o}); to \
                 fix: chmod o-rwx '{shown}'"
            )),
            Self::Team { gid } if meta.gid() != gid && mode & 0o070 != 0 => {
                let group = group_name(gid);
                Some(format!(
                    "{shown}: this file belongs to group {}, not the team folder's group \
                     {group}, and that group may read it; to fix: chgrp {group} '{shown}'",
                    group_name(meta.gid())
                ))
            }
            _ => None,
        }
    }

    /// The command that fixes many files of the folder `dir` at once, for one warning
    /// about all of them.
    pub(crate) fn fix_all(self, dir: &Path) -> String {
        let dir = dir.display();
        match self {
            Self::Private => format!("chmod 600 '{dir}'/*.json '{dir}'/*.json.bak"),
            Self::Team { gid } => format!(
                "chgrp {} '{dir}'/*.json '{dir}'/*.json.bak && chmod 660 '{dir}'/*.json \
                 '{dir}'/*.json.bak",
                group_name(gid)
            ),
        }
    }
}

/// A warning if a records folder leaks: others may use it, or its group may read it
/// without it being a team folder (no setgid, so files made in it keep their maker's group).
pub(crate) fn folder_warning(path: &Path, meta: &Metadata) -> Option<String> {
    let mode = meta.mode() & 0o7777;
    let shown = path.display();
    let policy = Policy::of(meta);
    if mode & 0o007 != 0 {
        let fix = if mode & SETGID != 0 { "o-rwx" } else { "700" };
        return Some(format!(
            "{shown}: this folder is open to other users (mode {:03o}); to fix: chmod {fix} \
             '{shown}'",
            mode & 0o777
        ));
    }
    if !policy.is_team() && mode & 0o070 != 0 {
        let group = group_name(meta.gid());
        return Some(format!(
            "{shown}: group {group} may use this folder (mode {mode:03o}) but it is not a team \
             folder (setgid, mode 2770), so files made in it would not all be shared with \
             the group; to fix: chmod 700 '{shown}', or make it a team folder: minutes team \
             init '{shown}' --group {group}"
        ));
    }
    None
}

/// The name of group `gid`, or its number when it has none.
pub(crate) fn group_name(gid: u32) -> String {
    nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid))
        .ok()
        .flatten()
        .map_or_else(|| gid.to_string(), |group| group.name)
}

/// The groups this process acts with (its effective group and supplementary groups).
pub(crate) fn my_groups() -> Vec<u32> {
    let mut groups: Vec<u32> = rustix::process::getgroups()
        .unwrap_or_default()
        .into_iter()
        .map(Gid::as_raw)
        .collect();
    groups.push(rustix::process::getegid().as_raw());
    groups
}

/// Whether this session may read a file with metadata `meta`, from its mode bits (the
/// kernel's rule, without opening it): root, the owner, a member of its group, or anyone.
pub(crate) fn may_read(meta: &Metadata, me: u32, groups: &[u32]) -> bool {
    let mode = meta.mode();
    if me == 0 {
        return true;
    }
    if meta.uid() == me {
        return mode & 0o400 != 0;
    }
    if groups.contains(&meta.gid()) {
        return mode & 0o040 != 0;
    }
    mode & 0o004 != 0
}

/// Refuses a team folder to someone outside its group, with one clear error naming the
/// folder and the group, instead of the I/O error reading it would give.
pub(crate) fn check_member(dir: &Path, meta: &Metadata) -> Result<()> {
    let Policy::Team { gid } = Policy::of(meta) else {
        return Ok(());
    };
    let me = rustix::process::geteuid().as_raw();
    if me == 0 || meta.uid() == me || my_groups().contains(&gid) {
        return Ok(());
    }
    let group = group_name(gid);
    Err(Error::Folder {
        path: dir.to_owned(),
        message: format!(
            "permission denied: you are not in group {group}, whose team folder this is (ask \
             an administrator to add you: usermod -aG {group} {}; then log in again)",
            crate::config::login_name().unwrap_or_else(|| "LOGIN".to_owned())
        ),
    })
}

/// What [`init`] did to make a team folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSetup {
    /// The team folder.
    pub dir: PathBuf,
    /// Its group.
    pub group: String,
    /// Whether the folder was made (else an existing one was adopted).
    pub created: bool,
    /// Each change made, naming the file or folder ("mode 600 -> 660", "group jane ->
    /// safeguarding").
    pub changes: Vec<String>,
    /// What was left alone, and why (a symbolic link, a folder, a file that could not be
    /// changed, with the command an administrator would run).
    pub left: Vec<String>,
}

/// Makes `dir` a team folder of `group`, or adopts an existing folder as one: the folder
/// becomes group `group`, mode 2770; every file in it group `group`, mode 0660. Each change
/// is reported; symbolic links and subfolders are left alone and reported too.
///
/// # Errors
/// [`Error::Folder`] naming the folder: the group does not exist, `dir` is a file, or it
/// cannot be made or given to the group (not its owner, not in the group).
pub fn init(dir: &Path, group: &str) -> Result<TeamSetup> {
    let folder_error = |message: String| Error::Folder {
        path: dir.to_owned(),
        message,
    };
    let gid = match nix::unistd::Group::from_name(group) {
        Ok(Some(found)) => found.gid.as_raw(),
        Ok(None) => {
            return Err(folder_error(format!(
                "group {group} not found; an administrator makes it with: groupadd {group}"
            )));
        }
        Err(e) => return Err(folder_error(format!("cannot look up group {group}: {e}"))),
    };
    let created = make_folder(dir).map_err(folder_error)?;
    let mut setup = TeamSetup {
        dir: dir.to_owned(),
        group: group.to_owned(),
        created,
        changes: Vec::new(),
        left: Vec::new(),
    };
    let folder = open_folder(dir).map_err(folder_error)?;
    conform(&folder, dir, gid, TEAM_DIR, &mut setup.changes).map_err(|e| {
        folder_error(refusal(
            &e,
            group,
            dir,
            &format!("chmod 2770 '{}'", dir.display()),
        ))
    })?;
    adopt_files(dir, gid, &mut setup)?;
    Ok(setup)
}

/// Makes the folder `dir` (0700 at first, its parents as the umask says) unless it is
/// there; `true` if it was made. A path that is not a folder is refused.
fn make_folder(dir: &Path) -> std::result::Result<bool, String> {
    match dir.symlink_metadata() {
        Ok(meta) if meta.is_dir() => Ok(false),
        Ok(meta) if meta.file_type().is_symlink() => Err(
            "is a symbolic link; give the folder's own path (a team folder is not set up \
             through a link)"
                .to_owned(),
        ),
        Ok(_) => Err("is a file, not a folder; give the team folder another path".to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot make the folder's parents: {e}"))?;
            }
            std::fs::DirBuilder::new()
                .mode(PRIVATE_DIR)
                .create(dir)
                .map_err(|e| format!("cannot make the folder: {e}"))?;
            Ok(true)
        }
        Err(e) => Err(format!("cannot read: {e}")),
    }
}

/// Opens a folder itself (not through a link), to change it through its descriptor.
fn open_folder(dir: &Path) -> std::result::Result<File, String> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(guarded::flags(false) | rustix::fs::OFlags::DIRECTORY.bits().cast_signed())
        .open(dir)
        .map_err(|e| format!("cannot open the folder: {e}"))
}

/// Gives the open `file` (at `path`) group `gid` and mode `mode`, noting each change.
fn conform(
    file: &File,
    path: &Path,
    gid: u32,
    mode: u32,
    changes: &mut Vec<String>,
) -> std::io::Result<()> {
    let meta = file.metadata()?;
    if meta.gid() != gid {
        rustix::fs::fchown(file, None, Some(Gid::from_raw(gid)))?;
        changes.push(format!(
            "{}: group {} -> {}",
            path.display(),
            group_name(meta.gid()),
            group_name(gid)
        ));
    }
    // chown clears setgid on some systems: set the mode after it, and compare afresh.
    let now = file.metadata()?.permissions().mode() & 0o7777;
    if now != mode {
        rustix::fs::fchmod(file, Mode::from_raw_mode(mode))?;
        changes.push(format!(
            "{}: mode {:03o} -> {mode:03o}",
            path.display(),
            meta.mode() & 0o7777
        ));
    }
    Ok(())
}

/// Why a change was refused, in words, with what an administrator would run.
fn refusal(error: &std::io::Error, group: &str, path: &Path, chmod: &str) -> String {
    let fix = format!("chgrp {group} '{}' && {chmod}", path.display());
    if error.kind() == std::io::ErrorKind::PermissionDenied {
        let me = rustix::process::geteuid().as_raw();
        let member = my_groups().contains(
            &nix::unistd::Group::from_name(group)
                .ok()
                .flatten()
                .map_or(u32::MAX, |g| g.gid.as_raw()),
        );
        let why = if member || me == 0 {
            "you do not own it".to_owned()
        } else {
            format!("you are not in group {group} (or do not own it)")
        };
        format!("not allowed to give it to group {group}: {why}; an administrator can run: {fix}")
    } else {
        format!("cannot give it to group {group}: {error}; an administrator can run: {fix}")
    }
}

/// Gives every regular file in the folder the group and mode of a team folder's files.
fn adopt_files(dir: &Path, gid: u32, setup: &mut TeamSetup) -> Result<()> {
    let entries = fs_err::read_dir(dir)?;
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.sort();
    for path in paths {
        let meta = fs_err::symlink_metadata(&path)?;
        if let Some(kind) = guarded::irregular(meta.file_type()) {
            setup
                .left
                .push(format!("{}: left alone ({kind})", path.display()));
            continue;
        }
        let chmod = format!("chmod 660 '{}'", path.display());
        let opened =
            guarded::open_regular(&path, std::fs::OpenOptions::new().read(true), "left alone")
                .map_err(|e| {
                    std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string())
                });
        let result = opened
            .and_then(|(file, _)| conform(file.file(), &path, gid, TEAM_FILE, &mut setup.changes));
        if let Err(e) = result {
            let why = refusal(&e, &setup.group, &path, &chmod);
            setup.left.push(format!("{}: {why}", path.display()));
        }
    }
    Ok(())
}

/// Makes the folder `dir` as a private records folder is made: 0700, parents too.
pub(crate) fn make_private_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(PRIVATE_DIR)
        .create(dir)
}

/// Gives the context of an I/O error in applying a policy to a new file.
pub(crate) fn apply_error(error: std::io::Error, path: &Path) -> Error {
    context(
        error,
        format_args!("cannot set the mode of {}", path.display()),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn folder(mode: u32) -> (tempfile::TempDir, Metadata) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        let meta = std::fs::metadata(dir.path()).unwrap();
        (dir, meta)
    }

    #[test]
    fn only_a_setgid_folder_shut_to_others_is_a_team_folder() {
        for (mode, team) in [
            (0o2770, true),
            (0o2570, true),
            (0o0770, false),
            (0o2775, false),
            (0o2750, false),
            (0o0700, false),
        ] {
            let (dir, meta) = folder(mode);
            assert_eq!(Policy::of(&meta).is_team(), team, "{mode:o}");
            assert_eq!(Policy::of_folder(dir.path()), Policy::of(&meta));
        }
        let (_dir, meta) = folder(0o2770);
        assert_eq!(Policy::of(&meta).file_mode(), 0o660);
        assert_eq!(Policy::Private.file_mode(), 0o600);
    }

    #[test]
    fn a_new_file_gets_the_mode_of_its_folder_whatever_it_was_made_with() {
        for (mode, expected) in [(0o2770, 0o660), (0o700, 0o600)] {
            let (dir, meta) = folder(mode);
            let path = dir.path().join("f");
            let file = File::create(&path).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
            Policy::of(&meta).apply(&file).unwrap();
            let made = std::fs::metadata(&path).unwrap();
            assert_eq!(made.mode() & 0o7777, expected);
            assert!(Policy::of(&meta).made_so(&made));
            assert_eq!(made.gid(), meta.gid());
        }
    }

    #[test]
    fn warnings_name_the_file_and_the_fix() {
        let (dir, team) = folder(0o2770);
        let policy = Policy::of(&team);
        let path = dir.path().join("r.json");
        std::fs::write(&path, "{}").unwrap();
        let mode = |m: u32| {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(m)).unwrap();
            std::fs::metadata(&path).unwrap()
        };
        assert_eq!(
            policy.file_warning(&path, &mode(0o660)),
            None,
            "expected bits"
        );
        let open = policy.file_warning(&path, &mode(0o664)).unwrap();
        assert!(
            open.contains("outside the team") && open.contains("chmod o-rwx"),
            "{open}"
        );
        assert!(open.starts_with(&path.display().to_string()), "{open}");
        let private = Policy::Private.file_warning(&path, &mode(0o660)).unwrap();
        assert!(private.contains("chmod 600"), "{private}");

        let (shared, meta) = folder(0o770);
        let leak = folder_warning(shared.path(), &meta).unwrap();
        assert!(leak.contains("not a team folder"), "{leak}");
        assert!(leak.contains("minutes team init"), "{leak}");
        assert!(leak.contains("chmod 700"), "{leak}");
        assert_eq!(folder_warning(dir.path(), &team), None);
        let (open, meta) = folder(0o2777);
        let text = folder_warning(open.path(), &meta).unwrap();
        assert!(text.contains("chmod o-rwx"), "{text}");
    }

    #[test]
    fn team_init_refuses_an_unknown_group_and_a_file_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = init(dir.path(), "no-such-group-minutes")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&dir.path().display().to_string()), "{err}");
        assert!(
            err.contains("group no-such-group-minutes not found"),
            "{err}"
        );
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        let group = group_name(rustix::process::getegid().as_raw());
        let err = init(&file, &group).unwrap_err().to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");
    }
}
