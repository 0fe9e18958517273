//! The agenda list: number, status glyph, title, and counts of notes, decisions, actions.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::model::ItemStatus;
use crate::tui::app::{LiveScreen, Pane};
use crate::tui::theme::Theme;

/// The glyph for an item's status; distinct without colour.
#[must_use]
pub const fn status_glyph(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Pending => " ",
        ItemStatus::Current => ">",
        ItemStatus::Done => "+",
        ItemStatus::Skipped => "s",
        ItemStatus::NotApplicable => "-",
    }
}

pub(super) fn render(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) -> Option<Position> {
    let focused = app.focus == Pane::Agenda;
    let done = app
        .record
        .agenda
        .iter()
        .filter(|i| !matches!(i.status, ItemStatus::Pending | ItemStatus::Current))
        .count();
    let title = format!(" Agenda {done}/{} ", app.record.agenda.len());
    let inner = super::draw_pane(frame, theme, area, title, focused);

    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for decision in &app.record.decisions {
        counts.entry(decision.agenda_key.as_str()).or_default().0 += 1;
    }
    for action in &app.record.actions {
        counts.entry(action.agenda_key.as_str()).or_default().1 += 1;
    }
    let visible = usize::from(inner.height);
    let selected = if focused {
        app.agenda_selected
    } else {
        app.current
    };
    let offset = selected.saturating_sub(visible.saturating_sub(2).max(1));
    let offset = offset.min(app.record.agenda.len().saturating_sub(visible));
    let items: Vec<ListItem<'_>> = app
        .record
        .agenda
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, item)| {
            let (decisions, actions) = counts.get(item.key.as_str()).copied().unwrap_or_default();
            let mut tally = String::new();
            for (n, letter) in [(item.notes.len(), 'n'), (decisions, 'd'), (actions, 'a')] {
                if n > 0 {
                    tally.push_str(&format!(" {n}{letter}"));
                }
            }
            let status = app.item_status(i).unwrap_or(item.status);
            let style = theme.item(status);
            let marker = if i == app.current { "*" } else { " " };
            let head = format!("{marker}{}{:>2} ", status_glyph(status), i + 1);
            let room = usize::from(inner.width).saturating_sub(head.len() + tally.len());
            let title = crate::table::truncate(&item.title, room);
            let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            ListItem::new(Line::from(vec![
                Span::styled(head, style),
                Span::styled(title, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(tally, theme.muted()),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected.saturating_sub(offset)));
    let list = List::new(items).highlight_style(theme.selected(focused));
    frame.render_stateful_widget(list, inner, &mut state);
    let row = u16::try_from(selected.saturating_sub(offset)).ok()?;
    focused.then_some(Position::new(inner.x, inner.y.saturating_add(row)))
}
