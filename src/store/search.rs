//! Searching every record of a listing: the file reading side of [`crate::search`].
//!
//! Each file's raw bytes are checked first ([`Query::may_match`]): most files cannot match
//! and are never parsed. The rest get the search's light parse, not a whole record. Files
//! are shared out to a few threads as they finish, so one slow file does not hold up others.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};
use crate::search::doc::Doc;
use crate::search::{Match, Query, SearchOptions, matches_in};

use super::ListEntry;

/// Files handed to a thread at a time.
const BATCH: usize = 16;

/// Below this many records one thread does it all (starting threads would cost more).
const MIN_PER_THREAD: usize = 64;

/// A match in one record of a listing.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The record (path and summary).
    pub entry: &'a ListEntry,
    /// The record's position in the entries searched.
    pub position: usize,
    /// What matched where.
    pub found: Match,
}

/// What a search of a listing found.
#[derive(Debug, Default)]
pub struct SearchResults<'a> {
    /// Matches, records in the listing's order (newest first), each record's in the order
    /// of its minutes.
    pub hits: Vec<Hit<'a>>,
    /// Files that could not be read or parsed (changed since the listing?), with why.
    pub problems: Vec<Error>,
    /// How many files passed the raw-byte check and were parsed.
    pub parsed: usize,
}

/// Searches the records of `entries` (from [`Store::list`](super::Store::list)) for
/// `query`. The files are read now, so a record changed since the listing is searched as
/// it is on disk.
#[must_use]
pub fn search<'a>(
    entries: &'a [ListEntry],
    query: &Query,
    options: &SearchOptions,
) -> SearchResults<'a> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = options
        .threads
        .min(cores)
        .min(entries.len() / MIN_PER_THREAD)
        .max(1);
    let next = AtomicUsize::new(0);
    let work = || worker(entries, query, options.snippet_width, &next);
    let mut parts: Vec<Part> = if threads == 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                // A thread that panicked loses its part; the others still count.
                .filter_map(|handle| handle.join().ok())
                .collect()
        })
    };
    let mut found: Vec<(usize, Vec<Match>)> = Vec::new();
    let mut problems: Vec<(usize, Error)> = Vec::new();
    let mut parsed = 0;
    for part in &mut parts {
        found.append(&mut part.found);
        problems.append(&mut part.problems);
        parsed += part.parsed;
    }
    found.sort_by_key(|(index, _)| *index);
    problems.sort_by_key(|(index, _)| *index);
    SearchResults {
        hits: found
            .into_iter()
            .flat_map(|(index, matches)| {
                let entry = &entries[index];
                matches.into_iter().map(move |found| Hit {
                    entry,
                    position: index,
                    found,
                })
            })
            .collect(),
        problems: problems.into_iter().map(|(_, e)| e).collect(),
        parsed,
    }
}

/// What one thread found: matches and problems by position in the listing.
#[derive(Default)]
struct Part {
    found: Vec<(usize, Vec<Match>)>,
    problems: Vec<(usize, Error)>,
    parsed: usize,
}

/// Takes batches of files until none are left.
fn worker(entries: &[ListEntry], query: &Query, snippet_width: usize, next: &AtomicUsize) -> Part {
    let mut part = Part::default();
    let mut raw = Vec::new();
    let mut scratch = Vec::new();
    loop {
        let start = next.fetch_add(BATCH, Ordering::Relaxed);
        if start >= entries.len() {
            return part;
        }
        for (index, entry) in entries.iter().enumerate().skip(start).take(BATCH) {
            if let Err(e) = read_into(&entry.path, &mut raw) {
                part.problems.push((index, e));
                continue;
            }
            if !query.may_match(&raw, &mut scratch) {
                continue;
            }
            part.parsed += 1;
            match serde_json::from_slice::<Doc<'_>>(&raw) {
                Ok(doc) => {
                    let matches = matches_in(&doc, query, snippet_width);
                    if !matches.is_empty() {
                        part.found.push((index, matches));
                    }
                }
                Err(e) => part.problems.push((index, Error::parse(&entry.path, &e))),
            }
        }
    }
}

/// Reads a whole file into `buf` (reused, so its allocation is kept between files).
fn read_into(path: &std::path::Path, buf: &mut Vec<u8>) -> Result<()> {
    buf.clear();
    fs_err::File::open(path)?.read_to_end(buf)?;
    Ok(())
}
