//! The notes pane: the current item, its checklist prompt (always visible), the last notes
//! taken under it, and the editor for the note being typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::model::{Attendee, Note};
use crate::tui::app::{LiveScreen, Pane, speaker_matches};
use crate::tui::keymap::{Command, Context};
use crate::tui::theme::Theme;

/// Notes drawn above the editor: at most this many, however long the item's notes are.
const RECENT_NOTES: usize = 40;

pub(super) fn render(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) -> Option<Position> {
    let focused = app.focus == Pane::Notes;
    let item = app.record.agenda.get(app.current)?;
    let title = format!(" {}. {} ", app.current + 1, item.title);
    let inner = super::draw_pane(frame, theme, area, title, focused);

    let prompt_rows = wrapped_rows(&item.prompt, inner.width).min((inner.height / 3).max(3));
    let editor_rows = (inner.height / 3).clamp(3, 8);
    let [prompt_area, notes_area, label_area, editor_area] = inner.layout(&Layout::vertical([
        Constraint::Length(prompt_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(editor_rows),
    ]));
    frame.render_widget(
        Paragraph::new(item.prompt.as_str())
            .style(theme.prompt())
            .wrap(Wrap { trim: true }),
        prompt_area,
    );
    render_recent(app, theme, frame, notes_area, &item.notes);
    render_label(app, theme, frame, label_area);
    frame.render_widget(&app.editor, editor_area);
    if app.completion.is_some() {
        render_completion(app, theme, frame, notes_area);
    }
    let cursor = app.editor.screen_cursor();
    let (top, left) = app.editor.scroll_offset();
    let row = u16::try_from(cursor.row).ok()?.checked_sub(top)?;
    let col = u16::try_from(cursor.col).ok()?.checked_sub(left)?;
    (row < editor_area.height && col < editor_area.width)
        .then(|| Position::new(editor_area.x + col, editor_area.y + row))
}

/// Rows `text` takes when word-wrapped at `width` (an estimate that errs high).
fn wrapped_rows(text: &str, width: u16) -> u16 {
    if text.is_empty() || width == 0 {
        return 0;
    }
    let rows = Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .line_count(width);
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// The notes already taken under this item, newest at the bottom, the draft left out.
fn render_recent(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    notes: &[Note],
) {
    if area.height == 0 {
        return;
    }
    let draft = app
        .draft
        .filter(|(item, _)| *item == app.current)
        .map(|(_, i)| i);
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut rows = 0usize;
    // Rows of the notes below the selected one, and the selected one's own rows.
    let mut selected_at: Option<(usize, usize)> = None;
    let selected = app.note_selected;
    let start = notes
        .len()
        .saturating_sub(RECENT_NOTES)
        .min(selected.unwrap_or(usize::MAX));
    for (i, note) in notes.iter().enumerate().skip(start).rev() {
        if Some(i) == draft {
            continue;
        }
        let budget = usize::from(area.width) * usize::from(area.height);
        let mut note_lines = note_lines(app, theme, note, budget);
        if Some(i) == selected {
            note_lines = note_lines
                .into_iter()
                .map(|line| line.patch_style(theme.selected(true)))
                .collect();
        }
        let note_rows = Paragraph::new(note_lines.clone())
            .wrap(Wrap { trim: false })
            .line_count(area.width);
        if Some(i) == selected {
            selected_at = Some((rows, note_rows));
        }
        rows += note_rows;
        lines.splice(0..0, note_lines);
        if rows >= usize::from(area.height) && selected.is_none_or(|s| i <= s) {
            break;
        }
    }
    if lines.is_empty() {
        let hint = if app.read_only.is_some() {
            "No notes under this item.".to_owned()
        } else {
            format!(
                "Type the discussion; {} starts the next note. @ and initials attributes a speaker.",
                app.keys.label(Context::Notes, Command::NextNote)
            )
        };
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme.muted())
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let mut scroll = rows.saturating_sub(usize::from(area.height));
    if let Some((below, own)) = selected_at {
        scroll = scroll.min(rows.saturating_sub(below + own));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}

/// The end of `text` that can be on screen: at most `budget` characters, cut at a character
/// boundary, so a long note costs no more to wrap than the screen holds.
fn visible_tail(text: &str, budget: usize) -> &str {
    text.char_indices()
        .rev()
        .nth(budget)
        .map_or(text, |(at, _)| text.get(at..).unwrap_or(text))
}

/// One note as lines: time, marker and speaker on the first; only the end that fits in
/// `budget` characters.
fn note_lines<'a>(app: &LiveScreen, theme: &Theme, note: &'a Note, budget: usize) -> Vec<Line<'a>> {
    let mut head = vec![Span::styled(
        format!("{} ", super::clock(app, &note.at)),
        theme.muted(),
    )];
    if let Some(marker) = super::visibility_marker(theme, note.visibility) {
        head.push(marker);
    }
    if let Some(speaker) = &note.speaker {
        head.push(Span::styled(
            format!("{}: ", speaker_label(&app.record.attendees, speaker)),
            theme.speaker(),
        ));
    }
    let mut lines = Vec::new();
    let shown = visible_tail(&note.text, budget);
    if shown.len() < note.text.len() {
        head.push(Span::styled("… ", theme.muted()));
    }
    for (i, text) in shown.lines().enumerate() {
        if i == 0 {
            let mut spans = std::mem::take(&mut head);
            spans.push(Span::raw(text));
            lines.push(Line::from(spans));
        } else {
            lines.push(Line::from(format!("      {text}")));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(head));
    }
    lines
}

/// "JS (Police)" for the attendee with these initials, or the initials alone.
fn speaker_label(attendees: &[Attendee], initials: &str) -> String {
    attendees
        .iter()
        .find(|a| a.initials == initials)
        .map_or_else(|| initials.to_owned(), Attendee::attribution)
}

/// The line above the editor: who is speaking and how the note will be marked.
fn render_label(app: &LiveScreen, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    if app.note_selected.is_some() {
        let text = "Correcting a note: Up/Down choose · Enter correct · Delete delete · Esc back";
        frame.render_widget(
            Paragraph::new(crate::table::truncate(text, usize::from(area.width)))
                .style(theme.selected(true)),
            area,
        );
        return;
    }
    let part = app.record.meeting.part;
    let mut spans = vec![Span::styled(
        format!("New note · {}", part.label()),
        theme.muted(),
    )];
    let visibility = app
        .draft
        .and_then(|(item, i)| app.record.agenda.get(item)?.notes.get(i))
        .map_or_else(
            || app.record.meeting.part.default_visibility(),
            |n| n.visibility,
        );
    if let Some(marker) = super::visibility_marker(theme, visibility) {
        spans.push(Span::raw(" "));
        spans.push(marker);
    }
    if let Some(speaker) = &app.speaker {
        spans.push(Span::styled(
            format!(" speaker {}", speaker_label(&app.record.attendees, speaker)),
            theme.speaker(),
        ));
    }
    let rule = "─".repeat(usize::from(area.width));
    frame.render_widget(Paragraph::new(rule).style(theme.border(false)), area);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `@` completion: matching attendees just above the editor.
fn render_completion(app: &LiveScreen, theme: &Theme, frame: &mut Frame<'_>, notes_area: Rect) {
    let Some(completion) = &app.completion else {
        return;
    };
    let matches = speaker_matches(&app.record.attendees, &completion.query);
    let rows = u16::try_from(matches.len().clamp(1, 5)).unwrap_or(5);
    let height = rows.min(notes_area.height);
    let area = Rect {
        y: notes_area.bottom().saturating_sub(height),
        height,
        ..notes_area
    };
    frame.render_widget(Clear, area);
    let items: Vec<ListItem<'_>> = if matches.is_empty() {
        vec![ListItem::new(Span::styled(
            format!(
                "no one matches @{}: it stays as typed (add people in the People pane)",
                completion.query
            ),
            theme.warning(),
        ))]
    } else {
        matches
            .iter()
            .filter_map(|i| app.record.attendees.get(*i))
            .map(|a| ListItem::new(format!("@{:<4} {} ({})", a.initials, a.name, a.agency)))
            .collect()
    };
    let mut state = ListState::default().with_selected(Some(completion.selected));
    frame.render_stateful_widget(
        List::new(items)
            .style(theme.input(true))
            .highlight_style(theme.selected(true)),
        area,
        &mut state,
    );
}
