//! Table column widths from content, shared by every format: each column is first given room
//! for its header words and its longest unbreakable word (so "Owner" or "Attendance" is never
//! split, nor an email address), then the widest columns give way until the table fits.
//! Columns empty in every row are left out before any of this ([`kept_columns`]).
//!
//! Widths are in any unit the caller measures in: display columns for plain text and Markdown,
//! twentieths of a point (from [`advance`], an estimate of Arial's glyph widths) for HTML and
//! Word.

use crate::table::clusters;

/// A word longer than this many display columns (a long address or reference) may be broken
/// across lines rather than widen its column further.
pub(super) const LONG_WORD: usize = 30;

/// A column whose widest line is at most this many display columns (names, dates, statuses)
/// is narrowed only after the longer ones.
pub(super) const SHORT: usize = 16;

/// What a column needs, in the caller's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Need {
    /// Its widest line, header included: the width at which nothing wraps.
    pub natural: usize,
    /// Its longest word, header included, up to [`LONG_WORD`]'s worth.
    pub word: usize,
    /// Its header's longest word: never less than this.
    pub header: usize,
}

/// Which columns to keep: those with text in at least one row (all of them when every column
/// is empty, so a table never loses its header).
pub(super) fn kept_columns<S: AsRef<str>>(columns: usize, rows: &[Vec<S>]) -> Vec<bool> {
    let keep: Vec<bool> = (0..columns)
        .map(|i| {
            rows.iter().any(|row| {
                row.get(i)
                    .is_some_and(|cell| !cell.as_ref().trim().is_empty())
            })
        })
        .collect();
    if keep.iter().any(|&k| k) {
        keep
    } else {
        vec![true; columns]
    }
}

/// The needs of each column of `headers` and `rows`, measuring text with `measure` (body
/// text) and `measure_header` (header text, which may be bold). A word counts up to
/// `long_word` (in the same unit).
pub(super) fn needs(
    headers: &[&str],
    rows: &[Vec<&str>],
    measure: &dyn Fn(&str) -> usize,
    measure_header: &dyn Fn(&str) -> usize,
    long_word: usize,
) -> Vec<Need> {
    let words =
        |text: &str, of: &dyn Fn(&str) -> usize| text.split_whitespace().map(of).max().unwrap_or(0);
    let lines =
        |text: &str, of: &dyn Fn(&str) -> usize| text.split('\n').map(of).max().unwrap_or(0);
    headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let cells = || rows.iter().filter_map(move |row| row.get(i).copied());
            let header_word = words(header, measure_header);
            let natural = cells()
                .map(|cell| lines(cell, measure))
                .chain(std::iter::once(lines(header, measure_header)))
                .max()
                .unwrap_or(0);
            let word = cells()
                .map(|cell| words(cell, measure).min(long_word))
                .max()
                .unwrap_or(0)
                .max(header_word);
            Need {
                natural,
                word,
                header: header_word,
            }
        })
        .collect()
}

/// Widths for columns with `needs` that fit in `budget` where they can: every column at its
/// natural width if they fit; else columns no wider than `short` (names, dates, statuses)
/// keep theirs and the longer ones share the room left ([`share`]), never below their
/// longest word; if that does not fit, the widest are narrowed first, each down to its
/// longest word, then any column down to its longest word, then (only if the table
/// still does not fit) down to `narrowest` or their header's longest word, whichever is
/// more. A header word is never cut, so a table with many columns may be wider than `budget`.
pub(super) fn fit(needs: &[Need], budget: usize, narrowest: usize, short: usize) -> Vec<usize> {
    let natural: Vec<usize> = needs.iter().map(|n| n.natural).collect();
    let words: Vec<usize> = needs.iter().map(|n| n.word.min(n.natural)).collect();
    let long_first: Vec<usize> = needs
        .iter()
        .map(|n| {
            if n.natural <= short {
                n.natural
            } else {
                n.word
            }
        })
        .collect();
    if let Some(widths) = share(&natural, &long_first, budget) {
        return widths;
    }
    let widths = shrink(&natural, &long_first, budget);
    let widths = shrink(&widths, &words, budget);
    let last: Vec<usize> = needs
        .iter()
        .map(|n| n.natural.min(narrowest).max(n.header))
        .collect();
    shrink(&widths, &last, budget)
}

/// When the `floors` fit in `budget` but the `natural` widths do not: each column at its floor
/// plus a share of the room left in proportion to how much more it would take to stop
/// wrapping (as browsers lay out automatic tables), so the longest text gets the most room.
/// `None` when the floors do not fit; the natural widths when they do.
fn share(natural: &[usize], floors: &[usize], budget: usize) -> Option<Vec<usize>> {
    if natural.iter().sum::<usize>() <= budget {
        return Some(natural.to_vec());
    }
    let floor_total: usize = floors.iter().sum();
    let spare = budget.checked_sub(floor_total)?;
    let slack: Vec<usize> = natural
        .iter()
        .zip(floors)
        .map(|(n, f)| n.saturating_sub(*f))
        .collect();
    let slack_total: usize = slack.iter().sum();
    if slack_total == 0 {
        return Some(floors.to_vec());
    }
    let mut widths: Vec<usize> = floors
        .iter()
        .zip(&slack)
        .map(|(f, s)| f + spare * s / slack_total)
        .collect();
    // Rounding down leaves a little: the column with the most to gain takes it.
    let left = budget.saturating_sub(widths.iter().sum());
    if let Some((most, _)) = slack.iter().enumerate().max_by_key(|&(_, s)| *s) {
        widths[most] += left;
    }
    Some(widths)
}

/// `widths` narrowed widest first, none below its `floor`, until they add up to `budget` or
/// every column is at its floor.
fn shrink(widths: &[usize], floors: &[usize], budget: usize) -> Vec<usize> {
    let mut widths = widths.to_vec();
    let floor = |i: usize| floors[i].min(widths[i]);
    let floors: Vec<usize> = (0..widths.len()).map(floor).collect();
    let mut total: usize = widths.iter().sum();
    while total > budget {
        let Some((widest, &w)) = widths
            .iter()
            .enumerate()
            .filter(|&(i, &w)| w > floors[i])
            .max_by_key(|&(_, &w)| w)
        else {
            break;
        };
        let next = widths
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != widest)
            .map(|(_, &other)| other)
            .max()
            .unwrap_or(0)
            .clamp(floors[widest], w);
        let cut = (w - next).clamp(1, total - budget);
        widths[widest] -= cut;
        total -= cut;
    }
    widths
}

/// Column widths for a rich table (HTML, Word) `total` twentieths of a point wide, with
/// `padding` taken by each cell's margins and borders: from content as [`fit`] lays out text,
/// measured with [`advance`] (headers in bold), and then widened in proportion to fill
/// `total`. Each width is a column's whole width, padding included; a table whose words
/// cannot fit is wider than `total`.
pub(super) fn rich_widths<S: AsRef<str>>(
    headers: &[S],
    rows: &[Vec<S>],
    total: usize,
    padding: usize,
) -> Vec<usize> {
    let headers: Vec<String> = headers.iter().map(|h| super::plain(h.as_ref())).collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let plain: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| super::plain(cell.as_ref())).collect())
        .collect();
    let cells: Vec<Vec<&str>> = plain
        .iter()
        .map(|row| row.iter().map(String::as_str).collect())
        .collect();
    let long_word = advance(&"n".repeat(LONG_WORD), false);
    let needs = needs(
        &header_refs,
        &cells,
        &|text| rich_advance(text, false),
        &|text| rich_advance(text, true),
        long_word,
    );
    let budget = total.saturating_sub(padding * headers.len());
    let narrowest = advance(&"n".repeat(10), false);
    let mut widths = fit(
        &needs,
        budget,
        narrowest,
        advance(&"n".repeat(SHORT), false),
    );
    let used: usize = widths.iter().sum();
    if used > 0 && used < budget {
        let extra = budget - used;
        for width in &mut widths {
            *width += extra * *width / used;
        }
    }
    let mut widths: Vec<usize> = widths.into_iter().map(|w| w + padding).collect();
    // Rounding leaves a few over: give them to the last column.
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total.saturating_sub(used);
    }
    widths
}

/// [`advance`] with a twentieth to spare, so that a word measured to fit does.
pub(super) fn rich_advance(text: &str, bold: bool) -> usize {
    let width = advance(text, bold);
    width + width / 20
}

/// About how wide `text` is set in 11 pt Arial (or Liberation Sans, which has the same
/// widths), in twentieths of a point; `bold` for header text. Letters are counted from the
/// font's width classes (Arial's "i" is a quarter of its "W"); characters two columns wide on
/// a terminal (Chinese, emoji) count as a full em.
pub(super) fn advance(text: &str, bold: bool) -> usize {
    let thousandths: usize = clusters(text)
        .map(|(cluster, columns)| {
            let mut chars = cluster.chars();
            match (chars.next(), columns) {
                (_, 0) => 0,
                (_, 2..) => 1000,
                (Some(c), _) => glyph(c, bold),
                (None, _) => 0,
            }
        })
        .sum();
    // 11 pt is 220 twentieths of a point per em.
    thousandths * 220 / 1000
}

/// Arial's advance width of `c` in thousandths of an em (Helvetica's metrics, in classes).
fn glyph(c: char, bold: bool) -> usize {
    let regular = match c {
        ' ' | '!' | ',' | '.' | '/' | ':' | ';' | 'I' | '[' | ']' | '\\' | 'f' | 't' => 278,
        '\'' | '|' => 191,
        'i' | 'j' | 'l' => 222,
        '(' | ')' | '-' | 'r' | '`' => 333,
        '"' => 355,
        '*' | '^' => 400,
        '{' | '}' => 334,
        '+' | '<' | '=' | '>' | '~' => 584,
        '#'
        | '$'
        | '0'..='9'
        | '?'
        | '_'
        | 'L'
        | 'a'
        | 'b'
        | 'd'
        | 'e'
        | 'g'
        | 'h'
        | 'n'
        | 'o'
        | 'p'
        | 'q'
        | 'u' => 556,
        'J' | 'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' => 500,
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' | '&' => 667,
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' | 'w' => 722,
        'F' | 'T' | 'Z' => 611,
        'G' | 'O' | 'Q' => 778,
        'M' | 'm' => 833,
        '%' => 889,
        'W' | '@' => 1015,
        // Accented Latin letters and the rest: about a wide lowercase letter.
        _ if c.is_uppercase() => 722,
        _ => 600,
    };
    // Arial Bold is about a tenth wider, more for the narrow letters.
    if bold {
        regular * 11 / 10 + 10
    } else {
        regular
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(natural: usize, word: usize, header: usize) -> Need {
        Need {
            natural,
            word,
            header,
        }
    }

    #[test]
    fn columns_shrink_widest_first_but_keep_words_whole() {
        // Two long columns share what is left once the short one has its natural width, in
        // proportion to what each lacks (41 and 68 of 74 spare).
        let fitted = fit(
            &[need(5, 5, 3), need(50, 9, 4), need(80, 12, 4)],
            100,
            10,
            16,
        );
        assert_eq!(fitted, vec![5, 36, 59]);
        // An email of 25 columns keeps its column, and the name column is left whole.
        let fitted = fit(
            &[need(13, 7, 4), need(60, 12, 4), need(25, 25, 7)],
            60,
            10,
            16,
        );
        assert_eq!(fitted, vec![13, 22, 25]);
        // A name column gives way only after the long ones are down to their words.
        let fitted = fit(
            &[need(13, 7, 4), need(40, 12, 4), need(30, 9, 7)],
            35,
            10,
            16,
        );
        assert_eq!(fitted, vec![13, 13, 9]);
        // Too narrow for the words: they give way, the headers do not.
        let fitted = fit(&[need(30, 30, 10), need(30, 30, 3)], 10, 5, 16);
        assert_eq!(fitted, vec![10, 5]);
        assert_eq!(
            fit(&[need(3, 3, 3), need(4, 4, 4)], 100, 10, 16),
            vec![3, 4]
        );
    }

    #[test]
    fn empty_columns_are_left_out_unless_all_are() {
        let rows = vec![vec!["a", "", "c"], vec!["", " ", "d"]];
        assert_eq!(kept_columns(3, &rows), vec![true, false, true]);
        let empty: Vec<Vec<&str>> = vec![vec!["", ""]];
        assert_eq!(kept_columns(2, &empty), vec![true, true]);
    }

    #[test]
    fn rich_widths_give_short_columns_their_words_and_fill_the_width() {
        let headers = ["No.", "Action", "Owner", "Attendance"];
        let rows = vec![vec![
            "1".to_owned(),
            "word ".repeat(60),
            "Priya Nair".to_owned(),
            "Present".to_owned(),
        ]];
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        let widths = rich_widths(&headers, &rows, 9_000, 200);
        assert_eq!(widths.iter().sum::<usize>(), 9_000);
        assert!(
            widths[2] >= rich_advance("Priya Nair", false) + 200,
            "{widths:?}"
        );
        assert!(
            widths[3] >= rich_advance("Attendance", true) + 200,
            "{widths:?}"
        );
        assert!(widths[1] > widths[2] * 3, "{widths:?}");
    }

    #[test]
    fn bold_capitals_are_wider_than_plain_small_letters() {
        assert!(advance("Owner", true) > advance("owner", false));
        assert!(advance("WWW", false) > advance("iii", false) * 3);
        assert_eq!(advance("陈伟", false), 2 * 220);
    }
}
