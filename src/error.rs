//! The library's errors. Every error about a file names the file.

use std::path::PathBuf;

/// Crate-wide result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong, with enough context to tell the user which file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O error; `fs-err` puts the path and the operation in the message.
    #[error("{0}")]
    Io(#[from] std::io::Error),

    /// A file that is not valid JSON of the expected shape. It is never overwritten.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What was wrong or expected.
        message: String,
    },

    /// A file that parsed but breaks a rule of the format.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },

    /// Another session holds the record.
    #[error("{}: in use by {holder}", path.display())]
    Locked {
        /// The record file.
        path: PathBuf,
        /// Who holds it and since when, in words.
        holder: String,
    },

    /// No record matches the id or path given.
    #[error("no record matches '{query}' in {}", dir.display())]
    NotFound {
        /// What the user typed.
        query: String,
        /// The records folder searched.
        dir: PathBuf,
    },

    /// An id prefix that matches more than one record.
    #[error("'{query}' matches {} records: {}; type more of the id", candidates.len(), candidates.join(", "))]
    Ambiguous {
        /// What the user typed.
        query: String,
        /// The matching ids.
        candidates: Vec<String>,
    },

    /// A meeting type that no template has.
    #[error("unknown meeting type '{key}'; known types: {}", known.join(", "))]
    UnknownTemplate {
        /// The key asked for.
        key: String,
        /// The keys that exist.
        known: Vec<String>,
    },

    /// The records folder cannot be used.
    #[error("{}: {message}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },

    /// A new record would land on an existing file; nothing was written.
    #[error("{}: a file with this name already exists; it was not overwritten", path.display())]
    Exists {
        /// The existing file.
        path: PathBuf,
    },

    /// A record file changed on disk since this session last read or wrote it, so saving
    /// would overwrite someone else's work (or a damaged file). Nothing was written.
    #[error("{}: {what} since minutes last read or saved it; not overwritten", path.display())]
    Changed {
        /// The record file.
        path: PathBuf,
        /// What happened to it, in words ("was changed by another program", "was deleted").
        what: String,
    },

    /// The live screen needs a terminal and `what` (standard input or output) is not one.
    #[error(
        "{0} is not a terminal; the live-meeting screen needs one (to read a record without it: minutes show ID)"
    )]
    NotATerminal(String),

    /// The command line asks for something impossible (dates the wrong way round); run it
    /// differently. Exits 2, like a usage error.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// A parse error from `serde_json`, naming the file.
    #[must_use]
    pub fn parse(path: impl Into<PathBuf>, error: &serde_json::Error) -> Self {
        let message = error.to_string();
        // serde_json appends " at line L column C"; we say it ourselves, first.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(head, _)| head)
            .to_owned();
        Self::Parse {
            path: path.into(),
            line: error.line(),
            column: error.column(),
            message,
        }
    }
}
