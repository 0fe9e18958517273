//! What a use case has to tell besides its result.

use std::fmt;

/// Something to tell the user beside a use case's result; never a failure. Each front end
/// says it its own way: the command line on stderr (`minutes: ` and [`Display`](fmt::Display)),
/// the browser as a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// About the records folder, a record file or a config file: open to other users, a
    /// file left by an interrupted save, a bad line in the holidays file.
    Caution(String),
    /// A template file left out of the catalogue, and why (the text names the file).
    TemplateSkipped(String),
    /// A record file left out because it cannot be read, and why (the text names the file).
    RecordSkipped(String),
    /// About one record, naming its file: why it is read-only, a rule it breaks, a mistake
    /// put right.
    Note(String),
    /// What a use case did besides its result (the actions a follow-up carries).
    Done(String),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Caution(text) => write!(f, "warning: {text}"),
            Self::TemplateSkipped(text) => write!(f, "skipped template {text}"),
            Self::RecordSkipped(text) => write!(f, "skipped {text}"),
            Self::Note(text) => write!(f, "note: {text}"),
            Self::Done(text) => f.write_str(text),
        }
    }
}
