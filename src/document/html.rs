//! The minutes as one self-contained HTML page: inline CSS, no scripts, nothing fetched (a
//! Content-Security-Policy forbids it), every piece of text HTML-escaped. It reads on screen
//! and prints on A4: page margins, a running header with the protective marking (and `DRAFT`
//! until the minutes are agreed) and page numbers (where the browser supports CSS
//! page-margin boxes; the marking and `DRAFT` also head the page itself), headings kept with what follows, table rows
//! never split across pages and table headings repeated on each page.

use std::fmt::Write as _;

use super::writer::{Block, spans};
use super::{Audience, Letterhead, columns, markup, plain, title};
use crate::model::Record;

/// The print and screen styles. Black on white with grey rules, so it photocopies and faxes;
/// sizes in points and millimetres for A4.
const STYLE: &str = r#"
html { font: 11pt/1.4 "Liberation Sans", Arial, Helvetica, sans-serif; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; padding: 8mm 6mm; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #000; }
h3 { font-size: 12pt; margin: 5mm 0 1.5mm; }
h1, h2, h3 { line-height: 1.2; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p { margin: 1.5mm 0 2.5mm; }
p, li { orphans: 3; widows: 3; }
ul { margin: 1mm 0 3mm; padding-left: 6mm; }
li { margin: 0 0 1.5mm; }
p.banner { margin: 0 0 2mm; text-align: center; font-weight: bold; letter-spacing: 0.04em; }
blockquote { margin: 2mm 0 4mm; padding: 2.5mm 4mm; border: 1.5pt solid #000; break-inside: avoid; }
table { width: 100%; border-collapse: collapse; margin: 1.5mm 0 4mm; }
th, td { border: 0.75pt solid #555; padding: 1.2mm 2mm; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
th.nw, td.nw { white-space: nowrap; }
thead { display: table-header-group; }
thead th { background: #e4e4e4; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.fields th { width: 32%; background: #f1f1f1; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { max-width: none; padding: 0; } }
"#;

/// The whole page for the copy of the record `audience` receives, laid out from `blocks`.
pub(super) fn page(
    record: &Record,
    audience: Audience,
    letterhead: &Letterhead,
    blocks: &[Block],
) -> String {
    let size: usize = blocks.iter().map(block_size).sum();
    let mut out = String::with_capacity(size + size / 8 + STYLE.len() + 2048);
    let copy = match audience {
        Audience::Professionals => "professionals' copy",
        Audience::Adult => "copy for the adult",
        Audience::Part2 => "copy for part 2",
    };
    let mut running = letterhead.banner(record);
    if !running.is_empty() {
        running.push_str(": ");
    }
    running.push_str("safeguarding minutes");
    let subject = markup::sanitize(&record.meeting.subject_ref).replace('\n', " ");
    if !subject.trim().is_empty() {
        running.push_str(" \u{2014} ");
        running.push_str(subject.trim());
    }
    running.push_str(" \u{2014} ");
    running.push_str(copy);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
    escape_into(&mut out, &title(blocks));
    let _ = write!(out, " ({copy})</title>\n<style>\n");
    out.push_str("@page {\n  size: A4;\n  margin: 22mm 18mm 20mm 18mm;\n  @top-center { content: ");
    css_string_into(&mut out, &running);
    out.push_str("; font: 8.5pt Arial, Helvetica, sans-serif; }\n");
    out.push_str(
        "  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); \
         font: 8.5pt Arial, Helvetica, sans-serif; }\n}",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    for block in blocks {
        write_block(&mut out, block);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// About how many bytes a block's text takes, for sizing the output once.
fn block_size(block: &Block) -> usize {
    match block {
        Block::Heading(_, text)
        | Block::Banner(text)
        | Block::Paragraph(text)
        | Block::Quote(text) => text.len() + 24,
        Block::Bullets(items) => items.iter().map(|i| i.len() + 12).sum(),
        Block::Fields(fields) => fields.iter().map(|(l, v)| l.len() + v.len() + 40).sum(),
        Block::Table { headers, rows } => {
            let cells = rows.iter().flatten().chain(headers);
            cells.map(|c| c.len() + 10).sum()
        }
    }
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading(level, inline) => {
            let _ = write!(out, "<h{level}>");
            inline_into(out, inline);
            let _ = writeln!(out, "</h{level}>");
        }
        Block::Banner(inline) => {
            out.push_str("<p class=\"banner\">");
            inline_into(out, inline);
            out.push_str("</p>\n");
        }
        Block::Paragraph(inline) => {
            out.push_str("<p>");
            inline_into(out, inline);
            out.push_str("</p>\n");
        }
        Block::Quote(inline) => {
            out.push_str("<blockquote><p>");
            inline_into(out, inline);
            out.push_str("</p></blockquote>\n");
        }
        Block::Bullets(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str("<li>");
                inline_into(out, item);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Fields(fields) => {
            out.push_str("<table class=\"fields\">\n<tbody>\n");
            for (label, value) in fields {
                out.push_str("<tr><th scope=\"row\">");
                inline_into(out, label);
                out.push_str("</th><td>");
                inline_into(out, value);
                out.push_str("</td></tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Table { headers, rows } => table_into(out, headers, rows),
    }
}

/// The page's text width in twentieths of a point (168 mm, the narrower of screen and print).
const TABLE_WIDTH: usize = 9_520;
/// A cell's padding and borders, in twentieths of a point (2 mm each side and a rule).
const CELL_PADDING: usize = 250;

/// A table whose columns are sized from content ([`columns::rich_widths`], as a `<colgroup>`
/// of percentages) and whose cells that fit their column on one line (headers included) do
/// not wrap, so no header or short word is split and names stay on one line.
fn table_into(out: &mut String, headers: &[String], rows: &[Vec<String>]) {
    let widths = columns::rich_widths(headers, rows, TABLE_WIDTH, CELL_PADDING);
    let total = widths.iter().sum::<usize>().max(1);
    out.push_str("<table>\n<colgroup>");
    for width in &widths {
        let tenths = width * 1000 / total;
        let _ = write!(
            out,
            "<col style=\"width: {}.{}%\">",
            tenths / 10,
            tenths % 10
        );
    }
    out.push_str("</colgroup>\n<thead>\n<tr>");
    let one_line = |inline: &str, i: usize, bold: bool| {
        let text = plain(inline);
        !text.contains('\n')
            && columns::rich_advance(&text, bold) + CELL_PADDING
                <= widths.get(i).copied().unwrap_or(0)
    };
    for (i, header) in headers.iter().enumerate() {
        out.push_str(if one_line(header, i, true) {
            "<th scope=\"col\" class=\"nw\">"
        } else {
            "<th scope=\"col\">"
        });
        inline_into(out, header);
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for i in 0..headers.len() {
            let cell = row.get(i).map_or("", String::as_str);
            out.push_str(if !cell.is_empty() && one_line(cell, i, false) {
                "<td class=\"nw\">"
            } else {
                "<td>"
            });
            inline_into(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A rich inline string as HTML: text escaped, marks as `<strong>` / `<em>`, line breaks as
/// `<br>`.
fn inline_into(out: &mut String, inline: &str) {
    for span in spans(inline) {
        let open = |out: &mut String| {
            if span.strong {
                out.push_str("<strong>");
            }
            if span.emphasis {
                out.push_str("<em>");
            }
        };
        open(out);
        for (i, line) in span.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<br>\n");
            }
            for (j, word) in line.split(' ').enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                word_into(out, word);
            }
        }
        if span.emphasis {
            out.push_str("</em>");
        }
        if span.strong {
            out.push_str("</strong>");
        }
    }
}

/// One word, escaped; a word longer than [`columns::LONG_WORD`] (an address, a path) gets
/// `<wbr>` break opportunities after its punctuation and every 20 characters, so it can wrap
/// inside its cell instead of widening the table beyond the page.
fn word_into(out: &mut String, word: &str) {
    if markup::width(word) <= columns::LONG_WORD {
        escape_into(out, word);
        return;
    }
    let mut run = 0;
    let mut buf = [0; 4];
    for c in word.chars() {
        escape_into(out, c.encode_utf8(&mut buf));
        run += 1;
        if matches!(c, '/' | '.' | '@' | '-' | '_' | '?' | '&' | '=' | ',') || run >= 20 {
            out.push_str("<wbr>");
            run = 0;
        }
    }
}

/// `text` with the five HTML-special characters as character references, so no text can
/// open a tag, an attribute or an entity.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` as a quoted CSS string in which every character other than a letter, digit, space
/// or plain punctuation is a hex escape, so nothing in it can end the string or the style
/// element.
fn css_string_into(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, ' ' | ':' | ',' | '.' | '-' | '(' | ')') {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", u32::from(c));
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_marks_become_tags() {
        let mut out = String::new();
        inline_into(&mut out, "\u{1}10:05\u{2} <b>&\"'\nnext");
        assert_eq!(
            out,
            "<strong>10:05</strong> &lt;b&gt;&amp;&quot;&#39;<br>\nnext"
        );
    }

    #[test]
    fn long_words_get_break_opportunities_and_short_ones_none() {
        let mut out = String::new();
        inline_into(&mut out, "see jane.smith@police.example.org.uk/a&b now");
        assert_eq!(
            out,
            "see jane.<wbr>smith@<wbr>police.<wbr>example.<wbr>org.<wbr>uk/<wbr>a&amp;<wbr>b now"
        );
    }

    #[test]
    fn css_strings_cannot_close_the_style() {
        let mut out = String::new();
        css_string_into(&mut out, "A\"</style><script>");
        assert_eq!(out, r#""A\22 \3c \2f style\3e \3c script\3e ""#);
    }
}
