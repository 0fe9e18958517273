//! Listing the records folder, with a cache of summaries in `.index.json`.
//!
//! The records are the source of truth; the cache only saves parsing them. Each cache entry
//! is keyed by file name and holds the file's stamp (inode, size, mtime in nanoseconds) as
//! it was when summarised; an entry whose file has another stamp is summarised again. A
//! missing, damaged or other-version cache is rebuilt from the records. The cache is written
//! only when something changed, atomically, and without fsync (a damaged cache costs one
//! rebuild); if it cannot be written (read-only folder) the listing is still right.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Durability, Stamp, TEMP_PREFIX};
use super::{load, recovery};
use crate::error::{Error, Result};
use crate::model::{RecordSummary, SCHEMA_VERSION, Timestamp};

/// The cache's file name in the records folder.
pub(crate) const INDEX_FILE: &str = ".index.json";

/// Bump when the cache's layout or [`RecordSummary`] changes.
const INDEX_VERSION: u32 = 1;

/// More record files open to other users than this get one warning for all of them.
const MAX_EXPOSED_WARNINGS: usize = 3;

/// Temp files younger than this may belong to a save in progress: not worth a warning.
const TEMP_GRACE: Duration = Duration::from_secs(60);

#[derive(Debug, Serialize, Deserialize)]
struct Index {
    index_version: u32,
    /// Summaries depend on which schema this version reads (`newer_schema`).
    schema_version: u32,
    files: BTreeMap<String, Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    stamp: Stamp,
    updated_at: Timestamp,
    summary: RecordSummary,
}

/// One readable record found by a scan.
pub(crate) struct Found {
    pub name: String,
    pub path: PathBuf,
    pub updated_at: Timestamp,
    pub summary: RecordSummary,
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

/// Reads the folder once, summarising each record from the cache or, if it changed, from
/// the file (one at a time, so memory stays small), then updates the cache.
pub(crate) fn scan(dir: &Path) -> Result<Scan> {
    let index_path = dir.join(INDEX_FILE);
    let (mut old, mut changed) = match read_index(&index_path) {
        Some(index) => (index.files, false),
        None => (BTreeMap::new(), true),
    };
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut exposed = Vec::new();
    let now = SystemTime::now();

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
        if !is_record_name(&name) {
            continue;
        }
        let name = name.into_owned();
        let path = entry.path();
        // One stat per file (following symlinks, as loading does).
        let meta = match fs_err::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                problems.push((name, Error::Io(e)));
                continue;
            }
        };
        if !meta.is_file() {
            continue; // a folder called *.json is not ours to judge
        }
        exposed.extend(load::exposure_warning(&path, &meta));
        let stamp = Stamp::of(&meta);
        let stale = match old.remove(&name) {
            Some(cached) if cached.stamp == stamp => {
                files.insert(name, cached);
                continue;
            }
            stale => stale.is_some(),
        };
        match summarise(&path) {
            Ok(cached) => {
                changed = true;
                files.insert(name, cached);
            }
            // Unreadable files are not cached (they are read again next time, and reported).
            Err(e) => {
                changed |= stale;
                problems.push((name, e));
            }
        }
    }
    if exposed.len() > MAX_EXPOSED_WARNINGS {
        warnings.push(format!(
            "{}: {} record files are open to other users; to fix: chmod 600 '{}'/*.json",
            dir.display(),
            exposed.len(),
            dir.display()
        ));
    } else {
        warnings.append(&mut exposed);
    }
    changed |= !old.is_empty(); // files that went away
    if changed {
        // A cache that cannot be written only makes the next listing slower.
        let _ = write_index(&index_path, &files);
    }

    let mut found: Vec<Found> = files
        .into_iter()
        .map(|(name, cached)| Found {
            path: dir.join(&name),
            name,
            updated_at: cached.updated_at,
            summary: cached.summary,
        })
        .collect();
    found.sort_by(|a, b| {
        b.summary
            .date
            .cmp(&a.summary.date)
            .then(b.updated_at.cmp(&a.updated_at))
            .then(a.name.cmp(&b.name))
    });
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Scan {
        found,
        problems,
        warnings,
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

/// The cache, if it is there, readable and of this version.
fn read_index(path: &Path) -> Option<Index> {
    let bytes = fs_err::read(path).ok()?;
    let index: Index = serde_json::from_slice(&bytes).ok()?;
    (index.index_version == INDEX_VERSION && index.schema_version == SCHEMA_VERSION)
        .then_some(index)
}

fn write_index(path: &Path, files: &BTreeMap<String, Cached>) -> Result<()> {
    #[derive(Serialize)]
    struct IndexRef<'a> {
        index_version: u32,
        schema_version: u32,
        files: &'a BTreeMap<String, Cached>,
    }
    let index = IndexRef {
        index_version: INDEX_VERSION,
        schema_version: SCHEMA_VERSION,
        files,
    };
    atomic::replace(path, Durability::CACHE, |file| {
        let mut out = BufWriter::new(file);
        serde_json::to_writer(&mut out, &index)?;
        out.flush()
    })?;
    Ok(())
}

/// A warning for a recovery file: it holds text that could not be saved in the record.
fn recovery_warning(path: &Path) -> String {
    format!(
        "{}: a recovery file, written when minutes could not save the record; it may hold \
         text the record lacks. Read it with: minutes show '{}'",
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
