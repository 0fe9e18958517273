//! The minutes as a document (Markdown or plain text), built from a record. Pure: no I/O and
//! no clock; every time shown comes from the record, so the same record gives the same bytes.
//!
//! Layout (the meeting-record pro forma, `shared/domain.md` parts a and c):
//! 1. title and header fields (type, date, times, venue and mode, chair, minute taker, subject
//!    reference, status with who agreed or circulated it and when, minutes due);
//! 2. the confidentiality statement, and a notice of what this copy leaves out or marks;
//! 3. attendance: who was present (with late/early times and parts), apologies, written
//!    contributions;
//! 4. the adult's participation, capacity and desired outcomes (Making Safeguarding Personal);
//! 5. the agenda in order, each item with its status, its timestamped notes and pointers to
//!    the findings, decisions and actions recorded under it;
//! 6. findings (one table per allegation), decisions (with rationale and dissent), the action
//!    plan (one table), outcomes and referrals, the protection plan, feedback, review and
//!    further conference, and the circulation list.
//!
//! Empty optional sections are left out; required facts that are missing show "Not recorded"
//! so the gap is visible.
//!
//! [`Audience::Adult`] drops every note, finding, decision and action whose visibility is not
//! [`Visibility::All`] and says near the top that something was withheld;
//! [`Audience::Professionals`] keeps them, marked `[PART 1 - PROFESSIONALS ONLY]` or
//! `[RESTRICTED]`.

mod markup;
mod sections;
mod writer;

use crate::model::{Record, Visibility};

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

impl Audience {
    /// Whether an entry with `visibility` belongs in this audience's copy.
    #[must_use]
    pub const fn may_see(self, visibility: Visibility) -> bool {
        match self {
            Self::Professionals => true,
            Self::Adult => visibility.shareable_with_adult(),
        }
    }
}

/// Renders the minutes of `record` in `format` for `audience`.
#[must_use]
pub fn render(record: &Record, format: Format, audience: Audience) -> String {
    let text_bytes: usize = record
        .notes()
        .map(|(_, note)| note.text.len())
        .sum::<usize>()
        + record
            .actions
            .iter()
            .map(|a| a.text.len() + 64)
            .sum::<usize>();
    let mut out = writer::Writer::new(format, 16 * 1024 + text_bytes + text_bytes / 4);
    sections::write_minutes(&sections::Context::new(record, audience), &mut out);
    out.finish()
}
