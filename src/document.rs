//! The minutes as a document (Markdown or plain text), built from a record. Pure: no I/O.
//!
//! STUB: signatures only; the real implementation replaces these bodies.

use crate::model::Record;

/// Output format of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown (converts cleanly with pandoc).
    Markdown,
    /// Plain text, wrapped for reading in a terminal or email.
    Text,
}

/// Who the document is for: the adult's version leaves out everything not visible to all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Everyone at the meeting: all entries, restricted ones marked.
    Professionals,
    /// The adult or their representative: only entries visible to all.
    Adult,
}

/// Renders the minutes.
#[must_use]
pub fn render(record: &Record, format: Format, audience: Audience) -> String {
    let _ = (format, audience);
    record.meeting.title.clone()
}
