//! Drawing: `render(&LiveScreen, &Theme, frame)`, pure, no I/O. Each frame draws only what
//! is on screen (the last notes of the current item, the visible rows of each list), so its
//! cost does not grow with the record; ratatui's diff sends only the changed cells.

mod agenda;
mod header;
mod lists;
mod notes;
mod overlay;

pub(crate) use overlay::{popup, render_help};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs, Wrap};

use crate::model::Visibility;
use crate::tui::app::{LiveScreen, Pane, Tone};
use crate::tui::keymap::{self, Command, Context, Hint};
use crate::tui::theme::Theme;

/// Below this size the screen says so instead of drawing a cramped layout.
pub const MIN_WIDTH: u16 = 60;
/// Below this size the screen says so instead of drawing a cramped layout.
pub const MIN_HEIGHT: u16 = 16;
/// From this width the agenda gets its own column.
const AGENDA_COLUMN_FROM: u16 = 90;
/// From this width the side panes sit beside the notes.
const SIDE_COLUMN_FROM: u16 = 130;

/// Draws the whole screen and places the terminal's cursor on the caret or selected row.
pub fn render(app: &LiveScreen, theme: &Theme, frame: &mut Frame<'_>) {
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(app, theme, frame, area);
        return;
    }
    let [header_area, body, status_area] = area.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    header::render(app, theme, frame, header_area);
    let mut cursor = render_body(app, theme, frame, body);
    render_status(app, theme, frame, status_area);
    if let Some(at) = overlay::render(app, theme, frame, body) {
        cursor = Some(at);
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// Where each pane goes at this size; panes not shown get `None`.
#[derive(Debug, Clone, Copy, Default)]
struct Placement {
    agenda: Option<Rect>,
    notes: Option<Rect>,
    side: Option<(Pane, Rect)>,
    tabs: Option<Rect>,
    agenda_column: bool,
}

fn place(app: &LiveScreen, body: Rect) -> Placement {
    let mut placement = Placement::default();
    let mut rest = body;
    if body.width >= AGENDA_COLUMN_FROM {
        let agenda_width = (body.width / 4).clamp(28, 40);
        let [agenda, right] = body.layout(&Layout::horizontal([
            Constraint::Length(agenda_width),
            Constraint::Fill(1),
        ]));
        placement.agenda = Some(agenda);
        placement.agenda_column = true;
        rest = right;
    }
    if body.width >= SIDE_COLUMN_FROM {
        let side_width = (body.width * 2 / 5).clamp(44, 70);
        let [notes, side] = rest.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(side_width),
        ]));
        placement.notes = Some(notes);
        let [tabs, pane] = side.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        placement.tabs = Some(tabs);
        placement.side = Some((app.side, pane));
        return placement;
    }
    let [tabs, pane] = rest.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    placement.tabs = Some(tabs);
    let shown = if placement.agenda_column && app.focus == Pane::Agenda {
        Pane::Notes
    } else {
        app.focus
    };
    match shown {
        Pane::Agenda => placement.agenda = Some(pane),
        Pane::Notes => placement.notes = Some(pane),
        side => placement.side = Some((side, pane)),
    }
    placement
}

/// The panes listed on the tab row: those without a column of their own.
fn tab_panes(placement: &Placement, wide: bool) -> Vec<Pane> {
    Pane::ALL
        .into_iter()
        .filter(|pane| match pane {
            Pane::Agenda => !placement.agenda_column,
            Pane::Notes => !wide,
            _ => true,
        })
        .collect()
}

fn render_body(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
) -> Option<Position> {
    let placement = place(app, body);
    let wide = body.width >= SIDE_COLUMN_FROM;
    let mut cursor = None;
    if let Some(tabs_area) = placement.tabs {
        let panes = tab_panes(&placement, wide);
        let shown = if wide {
            app.side
        } else {
            placement
                .side
                .map(|(pane, _)| pane)
                .or_else(|| placement.notes.map(|_| Pane::Notes))
                .unwrap_or(Pane::Agenda)
        };
        render_tabs(app, theme, frame, tabs_area, &panes, shown);
    }
    if let Some(area) = placement.agenda {
        cursor = cursor.or(agenda::render(app, theme, frame, area));
    }
    if let Some(area) = placement.notes {
        let at = notes::render(app, theme, frame, area);
        if app.focus == Pane::Notes {
            cursor = at;
        }
    }
    if let Some((pane, area)) = placement.side {
        let at = lists::render(app, theme, frame, area, pane);
        if app.focus == pane {
            cursor = at;
        }
    }
    cursor
}

fn render_tabs(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    panes: &[Pane],
    shown: Pane,
) {
    let titles = panes.iter().map(|pane| {
        let count = match pane {
            Pane::People => app.record.attendees.len(),
            Pane::Findings => app.record.findings.len(),
            Pane::Actions => app.record.actions.len(),
            _ => 0,
        };
        let decisions = app.record.decisions.len();
        let text = match (pane, count) {
            // Findings and decisions share a pane: the tab counts each, by name.
            (Pane::Findings, _) if decisions > 0 => {
                format!("Findings {count} Decisions {decisions}")
            }
            (_, 0) => pane.tab().to_owned(),
            _ => format!("{} {count}", pane.tab()),
        };
        Line::from(text)
    });
    let selected = panes.iter().position(|p| *p == shown);
    let tabs = Tabs::new(titles)
        .select(selected)
        .style(theme.tab(false))
        .highlight_style(theme.tab(true))
        .divider("|")
        .padding(" ", " ");
    frame.render_widget(tabs, area);
}

fn render_status(app: &LiveScreen, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    // A message longer than the line ends in "…" rather than stopping mid-word unmarked.
    let fit = |text: &str| crate::table::truncate(text, usize::from(area.width));
    let line = match &app.message {
        Some((text, Tone::Warning)) => Line::from(Span::styled(fit(text), theme.warning())),
        Some((text, Tone::Info)) => Line::from(Span::styled(fit(text), theme.status_bar())),
        None => hint_line(theme, keymap::hints(app), area.width),
    };
    frame.render_widget(Paragraph::new(line).style(theme.status_bar()), area);
}

/// The status bar's hints in `width` columns: each key, then its words. Help, quit and the
/// way back ([`Hint::essential`]) are kept first; the others follow in table order while
/// whole hints fit, so none is cut mid-word (only a bar too narrow for the essential ones
/// ends in `…`).
pub(crate) fn hint_line(theme: &Theme, hints: Vec<Hint>, width: u16) -> Line<'static> {
    let shown = fit_hints(&hints, usize::from(width));
    let mut spans = Vec::new();
    for hint in hints
        .into_iter()
        .zip(shown)
        .filter_map(|(h, s)| s.then_some(h))
    {
        if !spans.is_empty() {
            spans.push(Span::styled(HINT_GAP, theme.status_bar()));
        }
        spans.push(Span::styled(hint.key, theme.key_hint()));
        spans.push(Span::styled(format!(" {}", hint.words), theme.status_bar()));
    }
    let line = Line::from(spans);
    if line.width() <= usize::from(width) {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::styled(
        crate::table::truncate(&text, usize::from(width)),
        theme.status_bar(),
    )
}

/// Between two hints.
const HINT_GAP: &str = "  ";

/// Which of `hints` fit in `width` columns: the essential ones first, then the others in
/// order, each whole or not at all.
fn fit_hints(hints: &[Hint], width: usize) -> Vec<bool> {
    let cost = |hint: &Hint| {
        unicode_width::UnicodeWidthStr::width(hint.key.as_str())
            + 1
            + unicode_width::UnicodeWidthStr::width(hint.words)
    };
    let mut shown = vec![false; hints.len()];
    let mut used = 0;
    let essential_first = hints
        .iter()
        .enumerate()
        .filter(|(_, h)| h.essential())
        .chain(hints.iter().enumerate().filter(|(_, h)| !h.essential()));
    for (i, hint) in essential_first {
        let gap = if used == 0 { 0 } else { HINT_GAP.len() };
        let needed = gap + cost(hint);
        if used + needed <= width || (used == 0 && hint.essential()) {
            shown[i] = true;
            used += needed;
        }
    }
    shown
}

fn render_too_small(app: &LiveScreen, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let save = header::save_text(app).0;
    let text = vec![
        Line::from(Span::styled("Terminal too small", theme.warning())),
        Line::from(format!(
            "{}x{} here; minutes needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::from("Your notes are kept and saved; enlarge the window to go on."),
        Line::from(save),
        Line::from(format!(
            "{} saves and quits.",
            app.keys.label(Context::Global, Command::Quit)
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Draws a bordered pane, its title styled by focus; returns the area inside the border.
pub(crate) fn draw_pane(
    frame: &mut Frame<'_>,
    theme: &Theme,
    area: Rect,
    title: String,
    focused: bool,
) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
        .title_style(theme.pane_title(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The marker shown on an entry that is not for everyone: `[R]` restricted, `[P1]`
/// professionals only.
fn visibility_marker(theme: &Theme, visibility: Visibility) -> Option<Span<'static>> {
    let text = match visibility {
        Visibility::All => return None,
        Visibility::ProfessionalsOnly => "[P1] ",
        Visibility::Restricted => "[R] ",
    };
    Some(Span::styled(
        text,
        theme.visibility(visibility).unwrap_or_default(),
    ))
}

/// `hh:mm` of a timestamp on the council's clock.
fn clock(app: &LiveScreen, at: &crate::model::Timestamp) -> String {
    app.zone.hm(at)
}
