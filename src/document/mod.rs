//! The minutes as a document (Markdown, plain text, HTML or Word), built from a record, and
//! the record itself as JSON. Pure: no I/O and no clock; every time shown comes from the
//! record, and what is not in the record (the marking, the organisation, the time zone)
//! comes in a [`Letterhead`], so the same record and letterhead give the same bytes.
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
//! Every copy is headed by the protective marking ([`Letterhead::marking`], by default
//! `OFFICIAL-SENSITIVE`) with `DRAFT` beside it until the chair has agreed the minutes, and
//! by the organisation's name when one is configured; the HTML page and the Word document
//! repeat marking and `DRAFT` in every page header. Every time is shown on the council's
//! clock ([`Letterhead::zone`]), whatever zone the server or the record's offsets are in.
//!
//! Empty optional sections are left out; required facts that are missing show "Not recorded"
//! so the gap is visible.
//!
//! One section model (`sections.rs`) writes every format through one writer (`writer.rs`):
//! Markdown and text directly, HTML (`html.rs`) and Word (`docx.rs`) from the blocks it
//! collects. Every format, JSON included, is made from [`Record::for_audience`]: for
//! [`Audience::Adult`] that copy has no note, finding, decision or action whose visibility is
//! not [`Visibility::All`](crate::model::Visibility::All), and nothing about the person
//! alleged to have caused harm; the document says near the top that something was withheld.
//! [`Audience::Professionals`] keeps everything, marked `[PART 1 - PROFESSIONALS ONLY]` or
//! `[RESTRICTED]`.

mod columns;
mod docx;
mod html;
mod markup;
mod sections;
mod summary;
mod writer;

use std::io;

use crate::clock::Zone;
pub use crate::model::Audience;
use crate::model::{MinutesStatus, Record};
use writer::{Block, Target, Writer};

/// What a council's documents carry besides the record: the protective marking, the
/// organisation's name and the time zone its clocks keep. The service fills it from
/// `config.toml`; the default is `OFFICIAL-SENSITIVE`, no organisation, Europe/London.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The protective marking (Government Security Classifications), at the top of the
    /// document and in every page header.
    pub marking: String,
    /// The organisation whose minutes these are, heading the document; none if `None`.
    pub organisation: Option<String>,
    /// The zone every time is shown in.
    pub zone: Zone,
}

impl Default for Letterhead {
    fn default() -> Self {
        Self {
            marking: crate::config::DEFAULT_MARKING.to_owned(),
            organisation: None,
            zone: Zone::default(),
        }
    }
}

impl Letterhead {
    /// The marking, and `DRAFT` beside it until the chair has agreed the minutes:
    /// `OFFICIAL-SENSITIVE - DRAFT` (with an em dash).
    #[must_use]
    pub fn banner(&self, record: &Record) -> String {
        let mut banner = markup::sanitize(&self.marking).replace('\n', " ");
        if is_draft(record) {
            if !banner.trim().is_empty() {
                banner.push_str(" \u{2014} ");
            }
            banner.push_str("DRAFT");
        }
        banner
    }
}

/// Whether the minutes are still a draft: not yet agreed by the chair (nor circulated).
#[must_use]
pub fn is_draft(record: &Record) -> bool {
    !matches!(
        record.meeting.status,
        MinutesStatus::Agreed | MinutesStatus::Circulated
    )
}

/// Text format of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown (converts cleanly with pandoc).
    Markdown,
    /// Plain text, wrapped for reading in a terminal or email.
    Text,
    /// One self-contained HTML page (inline CSS, nothing fetched) that prints on A4.
    Html,
}

/// Every format `minutes export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Markdown, see [`Format::Markdown`].
    Markdown,
    /// A self-contained HTML page, see [`Format::Html`].
    Html,
    /// Plain text, see [`Format::Text`].
    Text,
    /// A Word document (`.docx`, Office Open XML) for Word or LibreOffice.
    Docx,
    /// The record itself as JSON (for the adult, the redacted copy).
    Json,
    /// A short plain-text case note to paste into a case-management system
    /// ([`render_summary`]).
    Summary,
}

impl ExportFormat {
    /// Every format, in the order `minutes export --help` lists them.
    pub const ALL: [Self; 6] = [
        Self::Markdown,
        Self::Html,
        Self::Text,
        Self::Docx,
        Self::Json,
        Self::Summary,
    ];

    /// The format's name on the command line (`--format`): its extension, but `summary` for
    /// the case note.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Summary => "summary",
            format => format.extension(),
        }
    }

    /// The usual file name extension, without the dot.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Text | Self::Summary => "txt",
            Self::Docx => "docx",
            Self::Json => "json",
        }
    }

    /// Whether the output is binary (not for a terminal).
    #[must_use]
    pub const fn is_binary(self) -> bool {
        matches!(self, Self::Docx)
    }
}

/// Renders the minutes of `record` in `format` for `audience`, under `letterhead`.
#[must_use]
pub fn render(
    record: &Record,
    format: Format,
    audience: Audience,
    letterhead: &Letterhead,
) -> String {
    let target = match format {
        Format::Markdown => Target::Markdown,
        Format::Text => Target::Text,
        Format::Html => Target::Rich,
    };
    let mut out = Writer::new(target, capacity(record));
    let copy = write(record, audience, letterhead, &mut out);
    match format {
        Format::Markdown | Format::Text => out.finish(),
        Format::Html => html::page(&copy, audience, letterhead, &out.finish_blocks()),
    }
}

/// The minutes of `record` for `audience` as plain text laid out for a screen `width`
/// columns wide: paragraphs wrap and tables narrow their widest columns to fit, so a table
/// row is never broken across screen lines (below about 30 columns, or with many columns,
/// a table may still be wider than `width`).
#[must_use]
pub fn render_text(
    record: &Record,
    audience: Audience,
    width: usize,
    letterhead: &Letterhead,
) -> String {
    let mut out = Writer::new(Target::Text, capacity(record)).wrapped_to(width);
    write(record, audience, letterhead, &mut out);
    out.finish()
}

/// The minutes of `record` for `audience` as a Word document: A4, headings, tables, a
/// header with the marking (and `DRAFT` until agreed) and page numbers on every page; title,
/// author (the minute taker) and language (en-GB) in its properties. The same record gives
/// the same bytes (every date in the package comes from the record).
///
/// # Errors
/// Only if the document cannot be assembled (an error of the Word writer; nothing is read or
/// written outside memory).
pub fn render_docx(
    record: &Record,
    audience: Audience,
    letterhead: &Letterhead,
) -> io::Result<Vec<u8>> {
    let mut out = Writer::new(Target::Rich, 0);
    let copy = write(record, audience, letterhead, &mut out);
    docx::document(&copy, audience, letterhead, &out.finish_blocks())
}

/// The record as `audience` may receive it ([`Record::for_audience`]), as pretty JSON with a
/// final newline: for the adult, a copy without what the minutes leave out. Control and
/// bidirectional characters are `\u` escapes ([`crate::text::pretty_json`]).
///
/// # Errors
/// Only if the record cannot be serialised (it always can: every key is a string).
pub fn render_json(record: &Record, audience: Audience) -> io::Result<String> {
    let mut json =
        crate::text::pretty_json(&*record.for_audience(audience)).map_err(io::Error::other)?;
    json.push('\n');
    Ok(json)
}

/// The minutes of `record` for `audience` in any export format, as bytes, under
/// `letterhead` (the JSON is the record itself, without it).
///
/// # Errors
/// As [`render_docx`] and [`render_json`].
pub fn export(
    record: &Record,
    format: ExportFormat,
    audience: Audience,
    letterhead: &Letterhead,
) -> io::Result<Vec<u8>> {
    let text = |format| render(record, format, audience, letterhead).into_bytes();
    Ok(match format {
        ExportFormat::Markdown => text(Format::Markdown),
        ExportFormat::Html => text(Format::Html),
        ExportFormat::Text => text(Format::Text),
        ExportFormat::Docx => render_docx(record, audience, letterhead)?,
        ExportFormat::Json => render_json(record, audience)?.into_bytes(),
        ExportFormat::Summary => render_summary(record, audience).into_bytes(),
    })
}

/// The minutes of `record` for `audience` as a short plain-text case note to paste into a
/// case-management system: date, meeting type, attendance by agency, findings with their
/// results, decisions, actions with owners and due dates, and the review date, one line per
/// entry, with plain punctuation and no tables.
#[must_use]
pub fn render_summary(record: &Record, audience: Audience) -> String {
    summary::render(record, audience)
}

/// Writes the sections of the copy of `record` that `audience` may receive into `out`, and
/// returns that copy.
fn write<'r>(
    record: &'r Record,
    audience: Audience,
    letterhead: &Letterhead,
    out: &mut Writer,
) -> std::borrow::Cow<'r, Record> {
    let copy = record.for_audience(audience);
    let withheld = record.withheld_from(audience);
    let context =
        sections::Context::new(&copy, audience, withheld, letterhead).discussed_in(record);
    sections::write_minutes(&context, out);
    copy
}

/// Room for the document: its fixed wording plus about the size of the notes and actions.
fn capacity(record: &Record) -> usize {
    let text_bytes: usize = record
        .notes()
        .map(|(_, note)| note.text.len())
        .sum::<usize>()
        + record
            .actions
            .iter()
            .map(|a| a.text.len() + 64)
            .sum::<usize>();
    16 * 1024 + text_bytes + text_bytes / 4
}

/// The plain words of a rich inline string (marks removed), for titles and headers.
fn plain(inline: &str) -> String {
    writer::spans(inline).map(|span| span.text).collect()
}

/// The first heading's text: the document title.
fn title(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find_map(|block| match block {
            Block::Heading(_, inline) => Some(plain(inline)),
            _ => None,
        })
        .unwrap_or_else(|| "Minutes".to_owned())
}
