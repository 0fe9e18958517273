//! Listing the records folder, with a cache of summaries in `.index.json`.
//!
//! The records are the source of truth; the cache only saves parsing them. Each cache entry
//! is keyed by file name and holds the file's stamp (inode, size, mtime in nanoseconds) as
//! it was when summarised; an entry whose file has another stamp is summarised again. A
//! missing, damaged or other-version cache is rebuilt from the records. The cache is written
//! only when something changed, atomically, and without fsync (a damaged cache costs one
//! rebuild); if it cannot be written (read-only folder) the listing is still right.
//!
//! The file is JSON Lines: a header line `{"index_version":2,"schema_version":1}`, then one
//! line per record file, `{"name":...,"stamp":...,"updated_at":...,"summary":...}`. It is
//! read a line at a time, so a listing never holds the whole file in memory as well as the
//! summaries parsed from it (with each record's actions it is about 1.5 KB per record).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Durability, Stamp, TEMP_PREFIX};
use super::team::{self, Policy};
use super::{guarded, load, recovery};
use crate::error::{Error, Result};
use crate::model::{RecordSummary, SCHEMA_VERSION, Timestamp};

/// The cache's file name in the records folder.
pub(crate) const INDEX_FILE: &str = ".index.json";

/// Bump when the cache's layout or [`RecordSummary`] changes (2: each record's actions).
const INDEX_VERSION: u32 = 2;

/// More record files open to other users than this get one warning for all of them.
const MAX_EXPOSED_WARNINGS: usize = 3;

/// Temp files younger than this may belong to a save in progress: not worth a warning.
const TEMP_GRACE: Duration = Duration::from_secs(60);

/// The cache's first line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    index_version: u32,
    /// Summaries depend on which schema this version reads (`newer_schema`).
    schema_version: u32,
}

/// One line of the cache after the header (not `#[serde(flatten)]`ed, which would buffer).
#[derive(Debug, Deserialize)]
struct Line {
    name: String,
    stamp: Stamp,
    updated_at: Timestamp,
    summary: RecordSummary,
}

#[derive(Debug, Clone)]
struct Cached {
    stamp: Stamp,
    updated_at: Timestamp,
    summary: RecordSummary,
}

/// The cached summaries, found by file name. The summaries sit in a vector and the map
/// holds only their positions, so growing the map moves small entries; and it is a hash map,
/// since with 10,000 long, similar names the comparisons of a B-tree cost more than hashing.
#[derive(Default)]
struct Index {
    positions: HashMap<String, usize>,
    entries: Vec<Option<Cached>>,
    taken: usize,
}

impl Index {
    fn insert(&mut self, name: String, cached: Cached) {
        match self.positions.entry(name) {
            std::collections::hash_map::Entry::Occupied(at) => {
                self.entries[*at.get()] = Some(cached);
            }
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(self.entries.len());
                self.entries.push(Some(cached));
            }
        }
    }

    /// Takes the entry for `name` out, if there is one.
    fn remove(&mut self, name: &str) -> Option<Cached> {
        let cached = self.entries.get_mut(*self.positions.get(name)?)?.take();
        self.taken += usize::from(cached.is_some());
        cached
    }

    /// Whether entries are left that no file took.
    fn has_leftovers(&self) -> bool {
        self.taken < self.entries.len()
    }
}

/// One readable record found by a scan.
pub(crate) struct Found {
    pub name: String,
    pub path: PathBuf,
    pub stamp: Stamp,
    pub updated_at: Timestamp,
    pub summary: RecordSummary,
    /// Whether everyone who may read the cache may read this record (in a team folder, the
    /// cache is the group's: only records the group may read go in it).
    shared: bool,
}

impl Found {
    fn new(name: String, path: PathBuf, cached: Cached, shared: bool) -> Self {
        Self {
            path,
            name,
            stamp: cached.stamp,
            updated_at: cached.updated_at,
            summary: cached.summary,
            shared,
        }
    }
}

/// Everything a scan of the folder found.
pub(crate) struct Scan {
    /// Readable records, newest meeting first.
    pub found: Vec<Found>,
    /// Record files that could not be read: their file name and why.
    pub problems: Vec<(String, Error)>,
    /// Files open to other users, leftover temp files.
    pub warnings: Vec<String>,
}

/// Whether a folder entry is a record file: `*.json`, not hidden (lock files, temp files,
/// the cache), so `<file>.bak` backups are out too.
pub(crate) fn is_record_name(name: &str) -> bool {
    !name.starts_with('.') && name.ends_with(".json") && name.len() > ".json".len()
}

/// The short id at the end of a record file name (`...-<short id>.json`).
pub(crate) fn short_id_of(name: &str) -> &str {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    stem.rsplit_once('-').map_or(stem, |(_, short)| short)
}

/// A record file seen in the folder: its name, path and metadata (or why it has none).
type Listed = (String, PathBuf, std::io::Result<std::fs::Metadata>);

/// Reads the folder once, summarising each record from the cache or, if it changed, from
/// the file (one at a time, so memory stays small), then updates the cache.
///
/// Record files this account may not read (in a team folder, a file not shared with the
/// group) are left out, even if the cache has them, and counted in one warning rather than
/// reported one by one.
pub(crate) fn scan(dir: &Path) -> Result<Scan> {
    let policy = Policy::of_folder(dir);
    let me = rustix::process::geteuid().as_raw();
    let groups = team::my_groups();
    let mut unreadable = 0_usize;
    let index_path = dir.join(INDEX_FILE);
    // Another thread reads the folder and stats each file while this one parses the cache.
    // (This way round, the many small allocations of the summaries stay in the main
    // thread's heap, where they are cheaper.)
    let (index, listed) = std::thread::scope(|scope| {
        let lister = scope.spawn(|| list_folder(dir, policy));
        let index = read_index(&index_path);
        let listed = lister.join().unwrap_or_else(|_| list_folder(dir, policy));
        (index, listed)
    });
    let Folder {
        records: listed,
        mut warnings,
        mut exposed,
    } = listed?;
    let (mut old, mut changed) = match index {
        Some(index) => (index, false),
        None => (Index::default(), true),
    };
    let mut found = Vec::with_capacity(listed.len());
    let mut problems = Vec::new();

    for (name, path, meta) in listed {
        let meta = match meta {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                unreadable += 1;
                continue;
            }
            Err(e) => {
                problems.push((name, Error::Io(e)));
                continue;
            }
        };
        if !meta.is_file() {
            continue; // a folder called *.json is not ours to judge
        }
        exposed.extend(policy.file_warning(&path, &meta));
        if !team::may_read(&meta, me, &groups) {
            // Not listed from the cache either; and its entry is kept for those who may.
            unreadable += 1;
            old.remove(&name);
            continue;
        }
        let shared = policy.shared_read(&meta);
        let stamp = Stamp::of(&meta);
        let stale = match old.remove(&name) {
            Some(cached) if cached.stamp == stamp => {
                found.push(Found::new(name, path, cached, shared));
                continue;
            }
            stale => stale.is_some(),
        };
        match summarise(&path) {
            Ok(cached) => {
                changed = true;
                found.push(Found::new(name, path, cached, shared));
            }
            // Unreadable files are not cached (they are read again next time, and reported).
            Err(e) => {
                changed |= stale;
                problems.push((name, e));
            }
        }
    }
    warnings.extend(exposure_warnings(dir, policy, exposed));
    if unreadable > 0 {
        warnings.push(unreadable_warning(dir, policy, unreadable));
    }
    changed |= old.has_leftovers(); // files that went away
    drop(old);
    found.sort_by(|a, b| {
        b.summary
            .date
            .cmp(&a.summary.date)
            .then(b.updated_at.cmp(&a.updated_at))
            .then(a.name.cmp(&b.name))
    });
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    if changed {
        // A cache that cannot be written only makes the next listing slower.
        let _ = write_index(&index_path, &found);
    }
    Ok(Scan {
        found,
        problems,
        warnings,
    })
}

/// What the folder holds besides records that the user should know about, without reading
/// any record or writing anything: temp and recovery files left behind, and record files and
/// backups open to other users.
///
/// # Errors
/// The folder cannot be read.
pub(crate) fn folder_warnings(dir: &Path) -> Result<Vec<String>> {
    let policy = Policy::of_folder(dir);
    let Folder {
        records,
        mut warnings,
        mut exposed,
    } = list_folder(dir, policy)?;
    for (_, path, meta) in records {
        if let Ok(meta) = meta {
            exposed.extend(policy.file_warning(&path, &meta));
        }
    }
    warnings.extend(exposure_warnings(dir, policy, exposed));
    Ok(warnings)
}

/// One warning per file open to other users, or one for them all when there are many.
fn exposure_warnings(dir: &Path, policy: Policy, exposed: Vec<String>) -> Vec<String> {
    if exposed.len() > MAX_EXPOSED_WARNINGS {
        let who = if policy.is_team() {
            "users outside the team"
        } else {
            "other users"
        };
        vec![format!(
            "{}: {} record files or backups are open to {who}; to fix: {}",
            dir.display(),
            exposed.len(),
            policy.fix_all(dir)
        )]
    } else {
        exposed
    }
}

/// One warning for the record files this account may not read, without naming them.
fn unreadable_warning(dir: &Path, policy: Policy, count: usize) -> String {
    let files = if count == 1 { "file" } else { "files" };
    let fix = match policy {
        Policy::Team { gid } => format!(
            "they are not shared with the team; their owner, or an administrator, can share \
             them: minutes team init '{}' --group {}",
            dir.display(),
            team::group_name(gid)
        ),
        Policy::Private => "they belong to another user".to_owned(),
    };
    format!(
        "{}: {count} record {files} you may not read are not listed ({fix})",
        dir.display()
    )
}

/// A folder's entries as a scan sees them.
struct Folder {
    /// The record files, each with its metadata.
    records: Vec<Listed>,
    /// Temp and recovery files left behind.
    warnings: Vec<String>,
    /// Backups (`*.json.bak`) open to other users.
    exposed: Vec<String>,
}

/// The record files in the folder, each with its metadata (one stat per file, following
/// symlinks as loading does); warnings for temp and recovery files and exposed backups.
fn list_folder(dir: &Path, policy: Policy) -> Result<Folder> {
    let now = SystemTime::now();
    let mut listed = Vec::new();
    let mut warnings = Vec::new();
    let mut exposed = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        let entry = entry?;
        let os_name = entry.file_name();
        let name = os_name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) {
            warnings.extend(leftover_temp_warning(&entry.path(), now));
            continue;
        }
        if recovery::is_recovery_name(&name) {
            warnings.push(recovery_warning(&entry.path()));
            continue;
        }
        if name.strip_suffix(".bak").is_some_and(is_record_name) {
            let path = entry.path();
            if let Ok(meta) = fs_err::symlink_metadata(&path) {
                exposed.extend(policy.file_warning(&path, &meta));
            }
            continue;
        }
        if !is_record_name(&name) {
            continue;
        }
        let name = name.into_owned();
        let path = entry.path();
        let meta = fs_err::metadata(&path);
        listed.push((name, path, meta));
    }
    Ok(Folder {
        records: listed,
        warnings,
        exposed,
    })
}

/// Reads one record and keeps only its summary.
fn summarise(path: &Path) -> Result<Cached> {
    let file = load::read(path)?;
    let record = load::parse(path, &file.bytes)?;
    Ok(Cached {
        stamp: file.stamp(),
        updated_at: record.updated_at,
        summary: RecordSummary::of(&record),
    })
}

/// The cache, if it is there, a regular file (not a link, not a pipe), readable and of this
/// version. Anything else is rebuilt, and renamed over whatever was at the path.
fn read_index(path: &Path) -> Option<Index> {
    let (file, _) =
        guarded::open_regular(path, std::fs::OpenOptions::new().read(true), "rebuilt").ok()?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line).ok()?;
    let header: Header = serde_json::from_slice(&line).ok()?;
    if header.index_version != INDEX_VERSION || header.schema_version != SCHEMA_VERSION {
        return None;
    }
    let mut index = Index::default();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).ok()? == 0 {
            return Some(index);
        }
        let Line {
            name,
            stamp,
            updated_at,
            summary,
        } = serde_json::from_slice(&line).ok()?;
        let cached = Cached {
            stamp,
            updated_at,
            summary,
        };
        index.insert(name, cached);
    }
}

/// Writes the cache, its entries in the order of `found` (so the same folder gives the
/// same file).
fn write_index(path: &Path, found: &[Found]) -> Result<()> {
    #[derive(Serialize)]
    struct LineRef<'a> {
        name: &'a str,
        stamp: Stamp,
        updated_at: Timestamp,
        summary: &'a RecordSummary,
    }
    let header = Header {
        index_version: INDEX_VERSION,
        schema_version: SCHEMA_VERSION,
    };
    atomic::replace(path, Durability::CACHE, |file| {
        let mut out = BufWriter::new(file);
        serde_json::to_writer(&mut out, &header)?;
        for f in found.iter().filter(|f| f.shared) {
            out.write_all(b"\n")?;
            let line = LineRef {
                name: &f.name,
                stamp: f.stamp,
                updated_at: f.updated_at,
                summary: &f.summary,
            };
            serde_json::to_writer(&mut out, &line)?;
        }
        out.write_all(b"\n")?;
        out.flush()
    })?;
    Ok(())
}

/// A warning for a recovery file: it holds text that could not be saved in the record.
fn recovery_warning(path: &Path) -> String {
    format!(
        "{}: a recovery file, written when minutes could not save the record; it may hold \
         text the record lacks. Read it with: minutes show '{}'; to make it the record again \
         (the record's current version is kept as its .bak): minutes restore '{}'",
        path.display(),
        path.display(),
        path.display()
    )
}

/// A warning for a temp file left by an interrupted save: it may hold the newest text.
fn leftover_temp_warning(path: &Path, now: SystemTime) -> Option<String> {
    let modified = fs_err::symlink_metadata(path).ok()?.modified().ok()?;
    let age = now.duration_since(modified).unwrap_or_default();
    (age > TEMP_GRACE).then(|| {
        format!(
            "{}: left by an interrupted save; it may hold text newer than the record. \
             It was not touched: check it, then delete it",
            path.display()
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    #[test]
    fn record_names() {
        assert!(is_record_name("2026-11-23-case-conference-ab12cd34.json"));
        assert!(!is_record_name(
            "2026-11-23-case-conference-ab12cd34.json.bak"
        ));
        assert!(!is_record_name(".index.json"));
        assert!(!is_record_name(".tmp-abc"));
        assert!(!is_record_name(".x.json.lock"));
        assert!(!is_record_name(".json"));
        assert!(!is_record_name(
            ".2026-11-23-case-conference-ab12cd34.recovery-20261123-140341.json"
        ));
        assert!(!is_record_name("notes.txt"));
    }

    #[test]
    fn short_id_from_name() {
        assert_eq!(
            short_id_of("2026-11-23-case-conference-ab12cd34.json"),
            "ab12cd34"
        );
        assert_eq!(short_id_of("odd.json"), "odd");
    }
}
