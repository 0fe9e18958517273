//! The minutes as a Word document (`.docx`), written with `docx-rs`: A4 with 2 cm margins,
//! real heading styles (so Word's navigation pane and a table of contents work), bulleted
//! lists, tables whose rows do not break across pages and whose heading rows repeat, a
//! running header with the protective marking (and `DRAFT` until the minutes are agreed),
//! "Page N of M" in the footer, and title, author (the minute taker) and language (en-GB)
//! in the document's properties. `docx-rs` has no setting for those properties nor for the
//! language, and always writes empty comments parts; [`finish`] puts the properties and the
//! language in and leaves the comments parts out.
//!
//! Deterministic: the package dates come from the record, every paragraph gets its id from a
//! counter of this document (docx-rs would otherwise draw them from a per-thread counter that
//! runs on across documents), and the archive entries carry the ZIP format's fixed default
//! time, so the same record gives the same bytes (a test checks it).

use std::cell::Cell;
use std::io::{self, Cursor};

use chrono::Utc;
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, HeightRule, IndentLevel,
    Level, LevelJc, LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId,
    PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start,
    Style, StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::writer::{Block, STRONG, spans};
use super::{Audience, Letterhead, columns, markup};
use crate::model::Record;

/// A4 in twentieths of a point (210 x 297 mm).
const PAGE: (u32, u32) = (11_906, 16_838);
/// 2 cm side margins, in twentieths of a point.
const SIDE_MARGIN: i32 = 1_134;
/// The width tables fill: the page less its margins.
const TEXT_WIDTH: usize = 11_906 - 2 * 1_134;
/// Body text size in half-points (11 pt).
const BODY_SIZE: usize = 22;
/// Table text, in half-points (10 pt): six columns with an email address fit across A4 with
/// names and header words whole.
const TABLE_SIZE: usize = 20;
/// Space after a body paragraph, in twentieths of a point (6 pt).
const SPACE_AFTER: u32 = 120;
/// The one bulleted-list definition (docx-rs always writes a decimal list as number 1).
const BULLETS: usize = 2;
/// Header rows are built with this row height (1/20 pt, rule "auto": no effect on layout) and
/// then given `<w:tblHeader/>`, which `docx-rs` cannot write, so Word and LibreOffice repeat
/// them at the top of each page. The attribute value cannot come from user text, which is
/// always escaped.
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="auto" />"#;

/// The `.docx` bytes for the copy of the record `audience` receives, laid out from `blocks`.
pub(super) fn document(
    record: &Record,
    audience: Audience,
    letterhead: &Letterhead,
    blocks: &[Block],
) -> io::Result<Vec<u8>> {
    let ids = ParaIds::default();
    let mut docx = setup(&ids, record, audience, letterhead);
    for block in blocks {
        docx = add_block(&ids, docx, block);
    }
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let title = super::title(blocks);
    let properties = Properties {
        title: &title,
        author: record.meeting.minute_taker.trim(),
    };
    finish(xml, &properties)
}

/// The language of the text: British English, for Word's spelling and grammar checks.
const LANGUAGE: &str = "en-GB";

/// The parts `docx-rs` always writes, empty here: left out of the package.
const EMPTY_PARTS: [&str; 2] = ["word/comments.xml", "word/commentsExtended.xml"];

/// What the document's core properties say.
struct Properties<'a> {
    /// The title (the first heading).
    title: &'a str,
    /// The author: the minute taker.
    author: &'a str,
}

/// Packs the parts, with title, author and language in the properties, the language in the
/// styles and settings, and no comments parts (nor their relationship and content types).
fn finish(mut xml: docx_rs::XMLDocx, properties: &Properties<'_>) -> io::Result<Vec<u8>> {
    xml.doc_props.core = core_properties(&xml.doc_props.core, properties);
    xml.styles = edit_part(&xml.styles, |text| {
        text.replacen(
            "<w:rPrDefault><w:rPr>",
            &format!("<w:rPrDefault><w:rPr><w:lang w:val=\"{LANGUAGE}\" />"),
            1,
        )
    });
    xml.settings = edit_part(&xml.settings, |text| {
        text.replacen(
            "</w:settings>",
            &format!("<w:themeFontLang w:val=\"{LANGUAGE}\" /></w:settings>"),
            1,
        )
    });
    xml.content_type = edit_part(&xml.content_type, |text| {
        EMPTY_PARTS.iter().fold(text.to_owned(), |text, part| {
            drop_element(&text, &format!("PartName=\"/{part}\""))
        })
    });
    xml.document_rels = edit_part(&xml.document_rels, |text| {
        EMPTY_PARTS.iter().fold(text.to_owned(), |text, part| {
            let name = part.trim_start_matches("word/");
            drop_element(&text, &format!("Target=\"{name}\""))
        })
    });
    let mut packed = Cursor::new(Vec::new());
    xml.pack(&mut packed).map_err(io::Error::other)?;
    let mut archive = zip::ZipArchive::new(packed).map_err(io::Error::other)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(io::Error::other)?;
        if !EMPTY_PARTS.contains(&entry.name()) {
            out.raw_copy_file(entry).map_err(io::Error::other)?;
        }
    }
    Ok(out.finish().map_err(io::Error::other)?.into_inner())
}

/// `core.xml` with the title, the author (as creator and last modifier) and the language.
fn core_properties(core: &[u8], properties: &Properties<'_>) -> Vec<u8> {
    edit_part(core, |text| {
        let author = xml_text(properties.author);
        let mut text = text.replacen(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{author}</dc:creator>"),
            1,
        );
        text = text.replacen(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
            1,
        );
        text.replacen(
            "</cp:coreProperties>",
            &format!(
                "<dc:title>{}</dc:title><dc:language>{LANGUAGE}</dc:language>\
                 </cp:coreProperties>",
                xml_text(properties.title)
            ),
            1,
        )
    })
}

/// A part's text changed by `edit` (a part that is not UTF-8, which `docx-rs` never writes,
/// is left as it is).
fn edit_part(part: &[u8], edit: impl FnOnce(&str) -> String) -> Vec<u8> {
    match std::str::from_utf8(part) {
        Ok(text) => edit(text).into_bytes(),
        Err(_) => part.to_vec(),
    }
}

/// `text` without the one empty element (`<... />`) that has `attribute` in it.
fn drop_element(text: &str, attribute: &str) -> String {
    let Some(at) = text.find(attribute) else {
        return text.to_owned();
    };
    let start = text[..at].rfind('<').unwrap_or(at);
    let end = text[at..].find("/>").map_or(at, |end| at + end + 2);
    format!("{}{}", &text[..start], &text[end..])
}

/// Text for XML character data: cleaned, one line, the three special characters escaped.
fn xml_text(text: &str) -> String {
    xml_safe(&markup::sanitize(text).replace('\n', " "))
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Paragraph ids (`w14:paraId`) numbered from 1 in document order.
#[derive(Default)]
struct ParaIds(Cell<u32>);

impl ParaIds {
    /// A new paragraph with the next id.
    fn paragraph(&self) -> Paragraph {
        let id = self.0.get() + 1;
        self.0.set(id);
        Paragraph::new().id(format!("{id:08X}"))
    }
}

/// Page, fonts, styles, the bullet list, header, footer and package dates.
fn setup(ids: &ParaIds, record: &Record, audience: Audience, letterhead: &Letterhead) -> Docx {
    let fonts = || {
        RunFonts::new()
            .ascii("Arial")
            .hi_ansi("Arial")
            .cs("Arial")
            .east_asia("Arial")
    };
    let heading = |id: &str, name: &str, size: usize, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .fonts(fonts())
            .outline_lvl(outline)
    };
    let bullet = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("\u{2022}"),
        LevelJc::new("left"),
    )
    .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None);
    let stamp = |at: &crate::model::Timestamp| {
        at.with_timezone(&Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(PageMargin {
            top: SIDE_MARGIN,
            left: SIDE_MARGIN,
            bottom: SIDE_MARGIN,
            right: SIDE_MARGIN,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .add_style(heading("Heading1", "heading 1", 36, 0))
        .add_style(heading("Heading2", "heading 2", 28, 1))
        .add_style(heading("Heading3", "heading 3", 24, 2))
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .header(Header::new().add_paragraph(running_header(ids, record, audience, letterhead)))
        .footer(Footer::new().add_paragraph(page_numbers(ids, record, letterhead)))
        .created_at(&stamp(&record.created_at))
        .updated_at(&stamp(&record.updated_at))
}

/// "OFFICIAL-SENSITIVE — DRAFT: safeguarding minutes — <subject> — <copy>", small, on every
/// page (`DRAFT` until the chair has agreed the minutes).
fn running_header(
    ids: &ParaIds,
    record: &Record,
    audience: Audience,
    letterhead: &Letterhead,
) -> Paragraph {
    let copy = match audience {
        Audience::Professionals => "professionals' copy",
        Audience::Adult => "copy for the adult",
        Audience::Part2 => "copy for part 2",
    };
    let subject = markup::sanitize(&record.meeting.subject_ref).replace('\n', " ");
    let banner = letterhead.banner(record);
    let mut text = String::from(if banner.is_empty() { "" } else { ": " });
    text.push_str("safeguarding minutes");
    if !subject.trim().is_empty() {
        text.push_str(" \u{2014} ");
        text.push_str(subject.trim());
    }
    text.push_str(" \u{2014} ");
    text.push_str(copy);
    ids.paragraph()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(xml_safe(&banner)).bold().size(17))
        .add_run(Run::new().add_text(xml_safe(&text)).size(17))
}

/// "OFFICIAL-SENSITIVE    Record 1a2b3c4d    Page N of M", small, on every page.
fn page_numbers(ids: &ParaIds, record: &Record, letterhead: &Letterhead) -> Paragraph {
    let small = |text: &str| Run::new().add_text(xml_safe(text)).size(17);
    let marking = markup::sanitize(&letterhead.marking).replace('\n', " ");
    let marking = match marking.trim() {
        "" => String::new(),
        marking => format!("{marking}    "),
    };
    ids.paragraph()
        .align(AlignmentType::Right)
        .add_run(small(&format!(
            "{marking}Record {}    Page ",
            record.short_id()
        )))
        .add_page_num(PageNum::new())
        .add_run(small(" of "))
        .add_num_pages(NumPages::new())
}

fn add_block(ids: &ParaIds, docx: Docx, block: &Block) -> Docx {
    match block {
        Block::Heading(level, inline) => {
            let style = format!("Heading{}", (*level).clamp(1, 3));
            let space = LineSpacing::new()
                .before(if *level == 1 { 0 } else { 240 })
                .after(80);
            docx.add_paragraph(
                runs(ids.paragraph(), inline)
                    .style(&style)
                    .keep_next(true)
                    .keep_lines(true)
                    .line_spacing(space),
            )
        }
        Block::Banner(inline) => docx.add_paragraph(
            runs(
                ids.paragraph(),
                &format!("{}{inline}{}", STRONG.0, STRONG.1),
            )
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(SPACE_AFTER)),
        ),
        Block::Paragraph(inline) => docx.add_paragraph(body(ids, inline)),
        Block::Quote(inline) => {
            // A boxed one-cell table: the confidentiality statement stands apart.
            let cell = TableCell::new()
                .add_paragraph(body(ids, inline))
                .width(TEXT_WIDTH, WidthType::Dxa);
            docx.add_table(
                Table::new(vec![TableRow::new(vec![cell]).cant_split()])
                    .set_grid(vec![TEXT_WIDTH])
                    .width(TEXT_WIDTH, WidthType::Dxa),
            )
            .add_paragraph(ids.paragraph())
        }
        Block::Bullets(items) => items.iter().fold(docx, |docx, item| {
            docx.add_paragraph(
                body(ids, item).numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
            )
        }),
        Block::Fields(fields) => {
            let label_width = TEXT_WIDTH * 3 / 10;
            let widths = vec![label_width, TEXT_WIDTH - label_width];
            let rows = fields
                .iter()
                .map(|(label, value)| {
                    TableRow::new(vec![
                        cell(ids, label, widths[0]).shading(shade("F1F1F1")),
                        cell(ids, value, widths[1]),
                    ])
                    .cant_split()
                })
                .collect();
            with_gap(ids, docx, table(rows, widths))
        }
        Block::Table { headers, rows } => {
            let widths = column_widths(headers, rows);
            let mut table_rows = Vec::with_capacity(rows.len() + 1);
            let heading_cells = headers
                .iter()
                .zip(&widths)
                .map(|(header, width)| {
                    let bold = format!("{}{header}{}", STRONG.0, STRONG.1);
                    cell(ids, &bold, *width).shading(shade("E4E4E4"))
                })
                .collect();
            table_rows.push(
                TableRow::new(heading_cells)
                    .cant_split()
                    .row_height(1.0)
                    .height_rule(HeightRule::Auto),
            );
            for row in rows {
                let cells = widths
                    .iter()
                    .enumerate()
                    .map(|(i, width)| cell(ids, row.get(i).map_or("", String::as_str), *width))
                    .collect();
                table_rows.push(TableRow::new(cells).cant_split());
            }
            with_gap(ids, docx, table(table_rows, widths))
        }
    }
}

/// A table filling the text width, followed by an empty paragraph so two tables never merge.
fn with_gap(ids: &ParaIds, docx: Docx, table: Table) -> Docx {
    docx.add_table(table).add_paragraph(ids.paragraph())
}

/// A table as wide as its columns (the text width unless its words need more). Its layout is
/// "autofit", so Word may widen a column rather than split a word; LibreOffice follows the
/// grid.
fn table(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let width = widths.iter().sum::<usize>().max(TEXT_WIDTH);
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Autofit)
        .width(width, WidthType::Dxa)
}

fn cell(ids: &ParaIds, inline: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(sized_runs(ids.paragraph(), inline, TABLE_SIZE))
        .width(width, WidthType::Dxa)
}

fn shade(fill: &str) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(fill)
}

/// A body paragraph with the usual space after it.
fn body(ids: &ParaIds, inline: &str) -> Paragraph {
    runs(ids.paragraph(), inline).line_spacing(LineSpacing::new().after(SPACE_AFTER))
}

/// A cell's left and right margins and borders together, in twentieths of a point, with room
/// to spare (`docx-rs` writes margins of 55 each side).
const CELL_PADDING: usize = 230;

/// Column widths from content ([`columns::rich_widths`]): room for each column's header and
/// longest word first, so LibreOffice and Word keep words whole, then for its lines.
/// Table text is [`TABLE_SIZE`], smaller than the body, so the widths measured at the body's
/// size are laid out on a page scaled up to match, then scaled back.
fn column_widths(headers: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let padding = CELL_PADDING * headers.len();
    let text = TEXT_WIDTH.saturating_sub(padding);
    let measured = text * BODY_SIZE / TABLE_SIZE + padding;
    let mut widths: Vec<usize> = columns::rich_widths(headers, rows, measured, CELL_PADDING)
        .into_iter()
        .map(|w| w.saturating_sub(CELL_PADDING) * TABLE_SIZE / BODY_SIZE + CELL_PADDING)
        .collect();
    // Rounding leaves a few short of the text width: give them to the last column.
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

/// Adds a rich inline string to `paragraph` as runs: marks become bold and italic, line
/// breaks become breaks.
fn runs(paragraph: Paragraph, inline: &str) -> Paragraph {
    sized_runs(paragraph, inline, BODY_SIZE)
}

/// [`runs`] in `size` half-points.
fn sized_runs(mut paragraph: Paragraph, inline: &str, size: usize) -> Paragraph {
    for span in spans(inline) {
        let mut run = Run::new();
        if size != BODY_SIZE {
            run = run.size(size);
        }
        for (i, line) in span.text.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            if !line.is_empty() {
                run = run.add_text(xml_safe(line));
            }
        }
        if span.strong {
            run = run.bold();
        }
        if span.emphasis {
            run = run.italic();
        }
        paragraph = paragraph.add_run(run);
    }
    paragraph
}

/// Text without the two characters XML 1.0 forbids that cleaned user text can still hold
/// (control characters are already gone); `docx-rs` escapes the rest.
fn xml_safe(text: &str) -> String {
    text.replace(['\u{FFFE}', '\u{FFFF}'], "")
}

/// `document.xml` with `<w:tblHeader/>` after each header row's marker.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    text.replace(
        HEADER_ROW_MARK,
        &format!("{HEADER_ROW_MARK}<w:tblHeader />"),
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fill_the_page_in_proportion() {
        let headers = vec!["No.".to_owned(), "Action".to_owned()];
        let rows = vec![vec!["1".to_owned(), "xx ".repeat(100)]];
        let widths = column_widths(&headers, &rows);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(widths[1] > widths[0] * 5, "{widths:?}");
    }

    #[test]
    fn the_header_row_mark_is_what_docx_rs_writes() {
        let row = TableRow::new(vec![TableCell::new()])
            .row_height(1.0)
            .height_rule(HeightRule::Auto);
        let xml = docx_rs::BuildXML::build(&row);
        let xml = String::from_utf8(xml).unwrap_or_default();
        assert!(xml.contains(HEADER_ROW_MARK), "{xml}");
    }
}
