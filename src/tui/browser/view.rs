//! Drawing the browser: pure, and bounded by the screen (only visible rows are built).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState};

use super::{Browser, Mode, Reader, tracker_rows};
use crate::model::{MinutesStatus, RecordSummary};
use crate::table::{truncate, wrap_rows};
use crate::text::for_terminal;
use crate::tui::keymap::{Command, Context};
use crate::tui::request::{Hit, TrackedRow};
use crate::tui::theme::Theme;
use crate::tui::ui::{draw_pane, hint_line, popup};

/// Draws the browser and places the cursor on the filter, query or selected row.
pub fn render(browser: &Browser, theme: &Theme, frame: &mut Frame<'_>) {
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base());
    let notice_lines = notice_lines(browser, usize::from(area.width));
    let notice_rows = u16::try_from(notice_lines.len()).unwrap_or(0);
    let [title, body, notices, status] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(notice_rows),
        Constraint::Length(1),
    ]));
    render_title(browser, theme, frame, title);
    let mut cursor = match &browser.mode {
        Mode::List => render_list(browser, theme, frame, body),
        Mode::Search {
            query,
            hits,
            selected,
        } => render_search(
            browser,
            theme,
            frame,
            body,
            query,
            hits.as_deref(),
            *selected,
        ),
        Mode::Reader(reader) => render_reader(theme, frame, body, reader),
        Mode::Tracker {
            rows,
            selected,
            open_only,
        } => render_tracker(browser, theme, frame, body, rows, *selected, *open_only),
    };
    let lines: Vec<Line<'_>> = notice_lines
        .into_iter()
        .map(|n| Line::styled(n, theme.warning()))
        .collect();
    frame.render_widget(Paragraph::new(lines), notices);
    let hints = browser.keys.hints(browser.contexts());
    frame.render_widget(
        Paragraph::new(hint_line(theme, hints, status.width)).style(theme.status_bar()),
        status,
    );
    if let Some(form) = &browser.form {
        let width = body.width.min(80);
        let height = form
            .preferred_height(width.saturating_sub(2))
            .saturating_add(2);
        let inner = popup(theme, frame, body, width, height, form.title());
        cursor = form.render(inner, frame.buffer_mut(), theme, &browser.keys.form_keys());
    }
    if let Some((question, _)) = &browser.question {
        render_question(theme, frame, body, question);
        cursor = None;
    }
    if let Some(help) = &browser.help {
        crate::tui::ui::render_help(theme, frame, body, help, &browser.keys);
        cursor = None;
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// The messages shown above the status bar: the two newest, each wrapped to the width in at
/// most two rows (ending in `…` if even that is not enough), so a file name is never cut
/// unseen.
fn notice_lines(browser: &Browser, width: usize) -> Vec<String> {
    browser
        .notices
        .iter()
        .take(2)
        .flat_map(|n| wrap_rows(&for_terminal(n), width, 2))
        .collect()
}

/// A question before something is created, in a pop-up with its words wrapped.
fn render_question(theme: &Theme, frame: &mut Frame<'_>, area: Rect, question: &str) {
    let width = area.width.min(72);
    let lines = wrap_rows(
        question,
        usize::from(width.saturating_sub(2)),
        usize::from(area.height.saturating_sub(2)),
    );
    let height = u16::try_from(lines.len()).unwrap_or(0).saturating_add(2);
    let inner = popup(theme, frame, area, width, height, "Create a meeting?");
    let lines: Vec<Line<'_>> = lines.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_title(browser: &Browser, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let what = match &browser.mode {
        Mode::List => format!(
            "{} of {} meetings",
            browser.visible.len(),
            browser.entries.len()
        ),
        Mode::Search { .. } => "Search the minutes of every meeting".to_owned(),
        Mode::Reader(reader) => for_terminal(&reader.title).into_owned(),
        Mode::Tracker { rows, .. } => format!("Action tracker: {} actions", rows.len()),
    };
    let what = truncate(&what, usize::from(area.width).saturating_sub(TITLE.len()));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(TITLE, theme.title()),
            Span::styled(what, theme.header()),
        ]))
        .style(theme.header()),
        area,
    );
}

/// The program's name at the start of the title bar.
const TITLE: &str = "minutes  ";

/// The widths `constraints` give columns in `width` columns, one apart, as a table lays
/// them out: cells are cut to these widths with `…` rather than by the table.
fn column_widths(width: u16, constraints: &[Constraint]) -> Vec<u16> {
    Layout::horizontal(constraints.iter().copied())
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// A cell of `text` cut to `width` columns, ending in `…` when cut.
fn cell<'a>(text: &str, width: u16) -> Cell<'a> {
    Cell::from(truncate(&for_terminal(text), usize::from(width)))
}

/// The first row to show so that `selected` is visible in `rows` rows.
const fn offset_for(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        selected
    } else {
        selected.saturating_sub(rows - 1)
    }
}

fn render_list(
    browser: &Browser,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) -> Option<Position> {
    let [filter_area, table_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    render_filter(browser, theme, frame, filter_area);
    let inner = draw_pane(
        frame,
        theme,
        table_area,
        " Meetings, newest first ".to_owned(),
        true,
    );
    if browser.visible.is_empty() {
        let text = if browser.entries.is_empty() {
            let new = browser.keys.label(Context::Browser, Command::NewMeeting);
            format!("No meetings yet. {new} starts one.")
        } else {
            let back = browser.keys.label(Context::Browser, Command::Back);
            format!("No meeting matches the filter. {back} clears it.")
        };
        frame.render_widget(Paragraph::new(text).style(theme.muted()), inner);
    } else {
        render_meetings(browser, theme, frame, inner);
    }
    if browser.form.is_some() {
        return None;
    }
    let shown = shown_filter(&browser.filter, filter_area.width);
    let col =
        u16::try_from(FILTER_PROMPT.len() + unicode_width::UnicodeWidthStr::width(shown.as_str()))
            .unwrap_or(0);
    Some(Position::new(
        filter_area.x + col.min(filter_area.width.saturating_sub(1)),
        filter_area.y,
    ))
}

/// The words before the filter typed.
const FILTER_PROMPT: &str = "Filter: ";

/// The end of the filter typed, as much as fits after the prompt with room for the cursor:
/// when its start is left out, it begins with `…`.
fn shown_filter(filter: &str, width: u16) -> String {
    let room = usize::from(width).saturating_sub(FILTER_PROMPT.len() + 1);
    if unicode_width::UnicodeWidthStr::width(filter) <= room {
        return for_terminal(filter).into_owned();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1;
    for c in filter.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        tail.push(c);
        used += w;
    }
    let tail: String = tail.into_iter().rev().collect();
    format!("…{}", for_terminal(&tail))
}

/// The filter line: what is typed, or what typing does.
fn render_filter(browser: &Browser, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let hint = if browser.filter.is_empty() {
        "  type to filter by title, subject, type, people, agency"
    } else {
        ""
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(FILTER_PROMPT, theme.muted()),
            Span::styled(shown_filter(&browser.filter, area.width), theme.input(true)),
            Span::styled(hint, theme.muted()),
        ])),
        area,
    );
}

/// The table of meetings that match the filter: only the rows that fit are built. Wide
/// screens add the meeting type and the review date. Text too long for its column ends in
/// `…`.
fn render_meetings(browser: &Browser, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rows = usize::from(area.height.saturating_sub(1));
    let offset = offset_for(browser.selected, rows);
    let wide = area.width >= 110;
    let mut constraints = vec![
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Length(12),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(11),
    ];
    let mut header = vec!["Date", "Title", "Subject", "Status", "Due", "Actions"];
    if wide {
        constraints.insert(1, Constraint::Length(24));
        header.insert(1, "Type");
        constraints.push(Constraint::Length(11));
        header.push("Review");
    }
    let widths = column_widths(area.width, &constraints);
    let body: Vec<Row<'_>> = browser
        .visible
        .iter()
        .skip(offset)
        .take(rows)
        .filter_map(|i| browser.entries.get(*i))
        .map(|entry| meeting_row(&entry.summary, browser.today, &widths, theme))
        .collect();
    let table = Table::new(body, widths.iter().map(|w| Constraint::Length(*w)))
        .header(Row::new(header).style(theme.muted()))
        .row_highlight_style(theme.selected(true));
    let mut state = TableState::default().with_selected(Some(browser.selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}

/// One meeting's row, its cells cut to `widths` (eight of them on a wide screen, with the
/// type and review date). Late minutes and late actions are marked in words too, not by
/// colour alone.
fn meeting_row<'a>(s: &RecordSummary, today: NaiveDate, widths: &[u16], theme: &Theme) -> Row<'a> {
    let late_style = |late: bool| if late { theme.overdue() } else { theme.base() };
    let minutes_late = s.minutes_overdue(today);
    let due = match (s.status, s.minutes_due) {
        (MinutesStatus::Circulated, _) | (_, None) => "-".to_owned(),
        (_, Some(d)) if minutes_late => format!("{}!", d.format("%-d %b")),
        (_, Some(d)) => d.format("%-d %b").to_string(),
    };
    let overdue = s.overdue_actions(today);
    let actions = match (s.open_actions, overdue) {
        (0, _) => String::new(),
        (n, 0) => format!("{n}"),
        (n, late) => format!("{n} ({late} late)"),
    };
    let wide = widths.len() > 6;
    let mut texts = vec![
        s.date.format("%Y-%m-%d").to_string(),
        s.title.clone(),
        s.subject_ref.clone(),
        short_status(s.status).to_owned(),
        due,
        actions,
    ];
    if wide {
        texts.insert(1, s.meeting_type.clone());
        texts.push(
            s.review_date
                .map(|d| d.format("%-d %b %Y").to_string())
                .unwrap_or_default(),
        );
    }
    let (due_at, actions_at) = if wide { (5, 6) } else { (4, 5) };
    let cells: Vec<Cell<'a>> = texts
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (text, width))| {
            let cell = cell(text, *width);
            match i {
                _ if i == due_at => cell.style(late_style(minutes_late)),
                _ if i == actions_at => cell.style(late_style(overdue > 0)),
                _ => cell,
            }
        })
        .collect();
    Row::new(cells)
}

const fn short_status(status: MinutesStatus) -> &'static str {
    match status {
        MinutesStatus::Draft => "draft",
        MinutesStatus::Agreed => "agreed",
        MinutesStatus::Circulated => "sent",
    }
}

fn render_search(
    browser: &Browser,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    query: &str,
    hits: Option<&[Hit]>,
    selected: usize,
) -> Option<Position> {
    let [query_area, list_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let prompt = "Search: ";
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme.muted()),
            Span::styled(query, theme.input(hits.is_none())),
        ])),
        query_area,
    );
    let title = match hits {
        None => format!(
            " Type words, {} searches notes, findings, decisions, actions and people ",
            browser.keys.label(Context::Query, Command::Search)
        ),
        Some(h) => format!(" {} hits ", h.len()),
    };
    let inner = draw_pane(frame, theme, list_area, title, hits.is_some());
    let Some(hits) = hits else {
        let col =
            u16::try_from(prompt.len() + unicode_width::UnicodeWidthStr::width(query)).unwrap_or(0);
        return Some(Position::new(
            query_area.x + col.min(query_area.width.saturating_sub(1)),
            query_area.y,
        ));
    };
    if hits.is_empty() {
        frame.render_widget(Paragraph::new("Nothing found.").style(theme.muted()), inner);
        return None;
    }
    let rows = usize::from(inner.height / 2);
    let offset = offset_for(selected, rows);
    let width = usize::from(inner.width);
    let items: Vec<ListItem<'_>> = hits
        .iter()
        .skip(offset)
        .take(rows)
        .map(|hit| {
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(truncate(&hit.record, width / 2), theme.title()),
                    Span::styled(format!("  {}", hit.place), theme.muted()),
                ]),
                Line::raw(format!(
                    "  {}",
                    truncate(&hit.snippet, width.saturating_sub(2))
                )),
            ])
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected - offset));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected(true)),
        inner,
        &mut state,
    );
    let row = u16::try_from((selected - offset) * 2).ok()?;
    Some(Position::new(inner.x, inner.y + row))
}

fn render_reader(
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    reader: &Reader,
) -> Option<Position> {
    let title = format!(
        "{} · {}",
        reader.current_section().unwrap_or("Minutes"),
        reader
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let title = format!(
        " {} ",
        truncate(
            &for_terminal(&title),
            usize::from(area.width.saturating_sub(4))
        )
    );
    let inner = draw_pane(frame, theme, area, title, true);
    // The lines are laid out for this width; one still wider (a table of many columns on a
    // narrow screen) is cut with `…`, never wrapped through its neighbours' columns.
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = reader
        .lines
        .iter()
        .skip(reader.scroll)
        .take(usize::from(inner.height))
        .map(|line| {
            let style: Style = if reader.sections.iter().any(|(_, t, _)| t == line.trim()) {
                theme.title()
            } else {
                theme.base()
            };
            Line::styled(truncate(line, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    let picking = reader.picking?;
    let height = u16::try_from(reader.sections.len().min(20))
        .unwrap_or(20)
        .saturating_add(2);
    let inner = popup(theme, frame, area, 60, height, "Go to section");
    let items: Vec<ListItem<'_>> = reader
        .sections
        .iter()
        .map(|(_, title, level)| {
            let indent = "  ".repeat(usize::from(level.saturating_sub(1)));
            ListItem::new(format!("{indent}{title}"))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(picking));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected(true)),
        inner,
        &mut state,
    );
    let row = u16::try_from(picking.saturating_sub(state.offset())).ok()?;
    Some(Position::new(inner.x, inner.y + row))
}

fn render_tracker(
    browser: &Browser,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    rows: &[TrackedRow],
    selected: usize,
    open_only: bool,
) -> Option<Position> {
    let shown = tracker_rows(rows, open_only);
    let toggle = browser.keys.label(Context::Tracker, Command::ToggleFilter);
    let title = if open_only {
        format!(
            " Open actions, overdue first ({}) · {toggle}: all ",
            shown.len()
        )
    } else {
        format!(" All actions ({}) · {toggle}: open only ", shown.len())
    };
    let inner = draw_pane(frame, theme, area, title, true);
    if shown.is_empty() {
        frame.render_widget(Paragraph::new("No actions.").style(theme.muted()), inner);
        return None;
    }
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = offset_for(selected, visible);
    let widths = column_widths(
        inner.width,
        &[
            Constraint::Length(11),
            Constraint::Length(9),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ],
    );
    let body: Vec<Row<'_>> = shown
        .iter()
        .skip(offset)
        .take(visible)
        .filter_map(|i| rows.get(*i))
        .map(|row| {
            let style = if row.overdue {
                theme.overdue()
            } else if row.status == crate::model::ActionStatus::Open {
                theme.base()
            } else {
                theme.muted()
            };
            let due = row
                .due
                .map(|d| d.format("%-d %b %Y").to_string())
                .unwrap_or_else(|| "?".to_owned());
            let status = if row.overdue {
                "OVERDUE".to_owned()
            } else {
                row.status.label().to_lowercase()
            };
            let texts = [
                due,
                status,
                row.text.clone(),
                row.owner.clone(),
                row.record.clone(),
            ];
            Row::new(texts.iter().zip(&widths).map(|(text, w)| cell(text, *w))).style(style)
        })
        .collect();
    let table = Table::new(body, widths.iter().map(|w| Constraint::Length(*w)))
        .header(Row::new(vec!["Due", "Status", "Action", "Owner", "Meeting"]).style(theme.muted()))
        .row_highlight_style(theme.selected(true));
    let mut state = TableState::default().with_selected(Some(selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
    let row = u16::try_from(selected - offset + 1).ok()?;
    Some(Position::new(inner.x, inner.y + row))
}
