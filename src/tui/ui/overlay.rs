//! Pop-ups over the screen: help, questions, forms.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::table::wrap;
use crate::tui::app::{
    LiveScreen, Overlay, Palette, PeopleLine, QuickAction, QuitQuestion, USUAL_ROLES, goto_matches,
};
use crate::tui::keymap::{Command, Context, Help, HelpRow, Keymap};
use crate::tui::theme::Theme;

/// Draws the open overlay, if any; returns where the cursor goes.
pub(super) fn render(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
) -> Option<Position> {
    let keys = &app.keys;
    match app.overlay.as_ref()? {
        Overlay::Help(help) => {
            render_help(theme, frame, body, help, keys);
            None
        }
        Overlay::Quit(question) => render_quit(app, theme, frame, body, question),
        Overlay::Confirm { question, .. } => {
            let inner = popup(theme, frame, body, 50, 5, "Confirm");
            let lines = vec![
                Line::raw(question.as_str()),
                Line::raw(""),
                Line::from(vec![
                    Span::styled(
                        keys.labels(Context::Question, Command::Yes),
                        theme.help_key(),
                    ),
                    Span::raw(" yes   "),
                    Span::styled(
                        keys.labels(Context::Question, Command::No),
                        theme.help_key(),
                    ),
                    Span::raw(" no"),
                ]),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
            None
        }
        Overlay::Goto { query, selected } => render_goto(app, theme, frame, body, query, *selected),
        Overlay::Palette(palette) => render_palette(theme, frame, body, palette),
        Overlay::PeopleLine(prompt) => render_people_line(app, theme, frame, body, prompt),
        Overlay::Closing { gaps, selected } => {
            let rows: Vec<String> = gaps.iter().map(|g| g.message.clone()).collect();
            let key = |command| keys.label(Context::Picker, command);
            let (title, footer) = if rows.is_empty() {
                (
                    "Closing check: nothing missing",
                    format!(
                        "{} ends the meeting · {} back",
                        key(Command::Choose),
                        key(Command::Close)
                    ),
                )
            } else {
                (
                    "Closing check: still missing",
                    format!(
                        "{} fix · {} acknowledge (noted in the minutes) · {} end anyway · {} back",
                        key(Command::Choose),
                        key(Command::AcknowledgeGap),
                        key(Command::EndMeeting),
                        key(Command::Close)
                    ),
                )
            };
            render_picker(theme, frame, body, title, &rows, *selected, &footer)
        }
        Overlay::Form { form, .. } => {
            let width = body.width.min(90);
            let height = form
                .preferred_height(width.saturating_sub(2))
                .saturating_add(2);
            let inner = popup(theme, frame, body, width, height, form.title());
            form.render(inner, frame.buffer_mut(), theme, &keys.form_keys())
        }
        Overlay::QuickAction(quick) => render_quick_action(app, theme, frame, body, quick),
        Overlay::Roles { selected } => {
            let rows: Vec<String> = USUAL_ROLES
                .iter()
                .map(|(role, agency)| {
                    if agency.is_empty() {
                        (*role).to_owned()
                    } else {
                        format!("{role} ({agency})")
                    }
                })
                .collect();
            render_picker(
                theme,
                frame,
                body,
                "Add someone in the role of",
                &rows,
                *selected,
                &format!(
                    "{} choose · {} back",
                    keys.label(Context::Picker, Command::Choose),
                    keys.label(Context::Picker, Command::Close)
                ),
            )
        }
    }
}

/// A pop-up list with a footer line; the cursor sits on the selected row.
fn render_picker(
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    title: &str,
    rows: &[String],
    selected: usize,
    footer: &str,
) -> Option<Position> {
    // Each row wrapped at the pop-up's width (after the "> " marker): nothing cut.
    let width = usize::from(body.width.min(76).saturating_sub(4)).max(10);
    let wrapped: Vec<Vec<String>> = rows.iter().map(|row| wrap(row, width)).collect();
    let counts: Vec<usize> = wrapped.iter().map(Vec::len).collect();
    let lines: usize = counts.iter().sum();
    let height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(4);
    let inner = popup(theme, frame, body, 76, height, title);
    let [list_area, footer_area] = inner.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
    ]));
    let items: Vec<ListItem<'_>> = wrapped
        .into_iter()
        .map(|lines| ListItem::new(lines.into_iter().map(Line::from).collect::<Vec<_>>()))
        .collect();
    let mut state = ListState::default().with_selected((!rows.is_empty()).then_some(selected));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected(true))
            .highlight_symbol("> "),
        list_area,
        &mut state,
    );
    frame.render_widget(
        Paragraph::new(footer)
            .style(theme.muted())
            .wrap(Wrap { trim: true }),
        footer_area,
    );
    let above: usize = counts.get(state.offset()..selected)?.iter().sum();
    let row = u16::try_from(above).ok()?;
    (!rows.is_empty() && row < list_area.height)
        .then_some(Position::new(list_area.x, list_area.y + row))
}

fn render_goto(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    query: &str,
    selected: usize,
) -> Option<Position> {
    let titles: Vec<&str> = app.record.agenda.iter().map(|i| i.title.as_str()).collect();
    let matches = goto_matches(&titles, query);
    let height = u16::try_from(matches.len().min(12))
        .unwrap_or(12)
        .saturating_add(4);
    let inner = popup(
        theme,
        frame,
        body,
        70,
        height,
        "Go to item: number or part of the title",
    );
    let [input_area, list_area] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    frame.render_widget(
        Paragraph::new(Span::styled(format!("> {query}"), theme.input(true))),
        input_area,
    );
    let items: Vec<ListItem<'_>> = matches
        .iter()
        .map(|i| ListItem::new(format!("{:>2}. {}", i + 1, titles[*i])))
        .collect();
    let mut state = ListState::default().with_selected((!matches.is_empty()).then_some(selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected(true)),
        list_area,
        &mut state,
    );
    Some(prompt_cursor(input_area, query))
}

/// The command palette: the words typed, then the matching commands with their keys.
fn render_palette(
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    palette: &Palette,
) -> Option<Position> {
    let matches = palette.matches();
    let height = u16::try_from(matches.len().clamp(1, 14))
        .unwrap_or(14)
        .saturating_add(4);
    let inner = popup(theme, frame, body, 76, height, "Commands: type to search");
    let [input_area, list_area] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("> {}", palette.query),
            theme.input(true),
        )),
        input_area,
    );
    let key_width = 8;
    let words_width = usize::from(list_area.width).saturating_sub(key_width + 1);
    let items: Vec<ListItem<'_>> = matches
        .iter()
        .map(|entry| {
            ListItem::new(Line::from(vec![
                Span::raw(format!(
                    "{:<words_width$}",
                    crate::table::truncate(&entry.words, words_width)
                )),
                Span::raw(" "),
                Span::styled(format!("{:>key_width$}", entry.key), theme.help_key()),
            ]))
        })
        .collect();
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new("No command matches.").style(theme.muted()),
            list_area,
        );
    }
    let mut state =
        ListState::default().with_selected((!matches.is_empty()).then_some(palette.selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected(true)),
        list_area,
        &mut state,
    );
    Some(prompt_cursor(input_area, &palette.query))
}

/// Attendees one line each: the line, who it added (the last few), and its keys.
fn render_people_line(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    prompt: &PeopleLine,
) -> Option<Position> {
    let shown = prompt.added.len().min(5);
    let height = u16::try_from(shown).unwrap_or(5).saturating_add(5);
    let inner = popup(
        theme,
        frame,
        body,
        70,
        height,
        "Add people: name, role, agency",
    );
    let width = usize::from(inner.width);
    let key = |command| app.keys.label(Context::Prompt, command);
    let mut lines = vec![
        Line::from(Span::styled(
            format!("> {}", prompt.line),
            theme.input(true),
        )),
        Line::raw(""),
    ];
    lines.extend(
        prompt.added[prompt.added.len() - shown..]
            .iter()
            .map(|added| Line::styled(crate::table::truncate(added, width), theme.muted())),
    );
    let keys = format!(
        "{} adds and waits for the next · {} the full form · {} done",
        key(Command::Accept),
        key(Command::Adjust),
        key(Command::Cancel)
    );
    lines.push(Line::styled(
        crate::table::truncate(&keys, width),
        theme.muted(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
    Some(prompt_cursor(inner, &prompt.line))
}

/// Where the caret of a one-line prompt drawn as "> typed" at the top of `area` sits.
fn prompt_cursor(area: Rect, typed: &str) -> Position {
    let col = 2 + unicode_width::UnicodeWidthStr::width(typed);
    let col = u16::try_from(col)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(1));
    Position::new(area.x + col, area.y)
}

/// A centred pop-up of at most `width` x `height` inside `area`, cleared, with a border.
pub(crate) fn popup(
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
) -> Rect {
    let [row] = area.layout(
        &Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center),
    );
    let [popup] = row.layout(
        &Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center),
    );
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.popup_border())
        .title(format!(" {title} "))
        .title_style(theme.title())
        .style(theme.base());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    inner
}

/// The help screen over `body`: `help`'s rows, with the keys of `keys`.
pub(crate) fn render_help(
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    help: &Help,
    keys: &Keymap,
) {
    let key = |command| keys.label(Context::Help, command);
    let title = format!(
        "Keys ({} closes; {}/{} scroll)",
        key(Command::Close),
        key(Command::MoveDown),
        key(Command::MoveUp)
    );
    let inner = popup(theme, frame, body, 96, body.height, &title);
    let lines = help_lines(theme, &help.rows(keys), inner.width);
    let scroll = help
        .scroll
        .min(lines.len().saturating_sub(usize::from(inner.height)));
    let lines: Vec<Line<'_>> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The help rows as screen lines `width` columns wide: keys in a column, what they do
/// beside them, both wrapped (never cut) so every word of help is shown.
fn help_lines(theme: &Theme, rows: &[HelpRow], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let key_width = rows
        .iter()
        .filter_map(|r| match r {
            HelpRow::Binding(keys, _) => Some(unicode_width::UnicodeWidthStr::width(keys.as_str())),
            HelpRow::Heading(_) => None,
        })
        .max()
        .unwrap_or(10)
        .min(width / 3)
        .max(1);
    let words_width = width.saturating_sub(key_width + 3).max(1);
    let mut lines = Vec::new();
    for row in rows {
        match row {
            HelpRow::Heading(title) => lines.extend(
                wrap(title, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.title())),
            ),
            HelpRow::Binding(keys, words) => {
                let keys = wrap(keys, key_width);
                let words = wrap(words, words_width);
                for i in 0..keys.len().max(words.len()) {
                    let key = keys.get(i).map_or("", String::as_str);
                    let pad = key_width.saturating_sub(unicode_width::UnicodeWidthStr::width(key));
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {key}{} ", " ".repeat(pad)), theme.help_key()),
                        Span::raw(words.get(i).cloned().unwrap_or_default()),
                    ]));
                }
            }
        }
    }
    lines
}

fn render_quit(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    question: &QuitQuestion,
) -> Option<Position> {
    let inner = popup(theme, frame, body, 64, 10, "Quit: the record is NOT saved");
    let reason = app.save.failure.as_ref().map_or("", |(r, _)| r.as_str());
    let mut lines = vec![
        Line::styled(format!("Saving fails: {reason}"), theme.error()),
        Line::raw(""),
    ];
    let keys = &app.keys;
    let cursor = if let Some(path) = &question.save_as {
        lines.push(Line::raw(format!(
            "Write a copy to this file ({} writes, {} back):",
            keys.label(Context::CopyPath, Command::Write),
            keys.label(Context::CopyPath, Command::Back)
        )));
        lines.push(Line::styled(format!("> {path}"), theme.input(true)));
        let col = 2 + unicode_width::UnicodeWidthStr::width(path.as_str());
        Some(Position::new(
            inner.x
                + u16::try_from(col)
                    .unwrap_or(0)
                    .min(inner.width.saturating_sub(1)),
            inner.y + 3,
        ))
    } else {
        let key = |command| keys.label(Context::Quitting, command);
        let discard = key(Command::DiscardChanges);
        lines.push(Line::from(vec![
            Span::styled(key(Command::RetrySave), theme.help_key()),
            Span::raw(" retry the save and quit"),
        ]));
        lines.push(Line::from(vec![
            Span::styled(key(Command::WriteCopy), theme.help_key()),
            Span::raw(" write a copy to another file"),
        ]));
        let said = if question.discard_armed {
            format!(" press {discard} again to quit WITHOUT saving")
        } else {
            " discard the unsaved changes and quit".to_owned()
        };
        lines.push(Line::from(vec![
            Span::styled(discard, theme.help_key()),
            Span::styled(said, theme.warning()),
        ]));
        lines.push(Line::from(vec![
            Span::styled(
                keys.labels(Context::Quitting, Command::Cancel),
                theme.help_key(),
            ),
            Span::raw(" go back to the meeting"),
        ]));
        None
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    cursor
}

fn render_quick_action(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    body: Rect,
    quick: &QuickAction,
) -> Option<Position> {
    let inner = popup(
        theme,
        frame,
        body,
        76,
        9,
        "Quick action: who does what by when",
    );
    let [input_area, _, fields_area, help_area] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(2),
    ]));
    frame.render_widget(&quick.input, input_area);
    let parsed = &quick.parsed;
    let missing = |text: String, what: &'static str| {
        if text.is_empty() {
            Span::styled(what, theme.warning())
        } else {
            Span::raw(text)
        }
    };
    let owner = match (parsed.owner.is_empty(), parsed.agency.is_empty()) {
        (false, false) if parsed.owner != parsed.agency => {
            format!("{} ({})", parsed.owner, parsed.agency)
        }
        (false, _) => parsed.owner.clone(),
        (true, false) => parsed.agency.clone(),
        (true, true) => String::new(),
    };
    let due = parsed.due.map_or_else(String::new, |d| {
        let phrase = parsed.due_phrase.as_deref().unwrap_or("");
        format!("{}  ('{phrase}')", d.format("%a %-d %b %Y"))
    });
    let label = |text: &'static str| Span::styled(text, theme.muted());
    let lines = vec![
        Line::from(vec![
            label("Action  "),
            missing(parsed.text.clone(), "type what is to be done"),
        ]),
        Line::from(vec![
            label("Owner   "),
            missing(owner, "no owner: start with initials, a name or an agency"),
        ]),
        Line::from(vec![
            label("Due     "),
            missing(
                due,
                "no date: end with 'by fri', 'in 10 working days', '3 Dec'",
            ),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), fields_area);
    let today = app.today().format("%a %-d %b").to_string();
    let key = |command| app.keys.label(Context::Prompt, command);
    frame.render_widget(
        Paragraph::new(format!(
            "{} saves · {} adjusts the fields in a form · {} cancels · today is {today}",
            key(Command::Accept),
            key(Command::Adjust),
            key(Command::Cancel)
        ))
        .style(theme.muted())
        .wrap(Wrap { trim: true }),
        help_area,
    );
    let cursor = quick.input.screen_cursor();
    let (_, left) = quick.input.scroll_offset();
    let col = u16::try_from(cursor.col).ok()?.checked_sub(left)?;
    (col < input_area.width).then(|| Position::new(input_area.x + col, input_area.y))
}
