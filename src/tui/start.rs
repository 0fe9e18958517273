//! The start screen (`minutes` with no arguments): recent records to reopen, and a form to
//! start a new meeting. Pure state, key map and drawing; the shell opens what is chosen.

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::model::NewMeeting;
use crate::store::ListEntry;
use crate::tui::action::Action;
use crate::tui::form::{Form, FormOutcome};
use crate::tui::keymap::{BINDINGS, Context, map_event_in};
use crate::tui::theme::Theme;

/// What the user chose on the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartChoice {
    /// Open this record.
    Open(PathBuf),
    /// Create a record from this template.
    New {
        /// Template key.
        template: String,
        /// Title, subject and date.
        details: NewMeeting,
    },
    /// Leave.
    Quit,
}

/// The start screen's state.
#[derive(Debug)]
pub struct StartScreen {
    /// Recent records, newest first.
    pub recent: Vec<ListEntry>,
    /// The highlighted record.
    pub selected: usize,
    /// Meeting types: (key, title).
    pub templates: Vec<(String, String)>,
    /// The new-meeting form, when open.
    pub form: Option<Form>,
    /// What was chosen; the shell acts on it.
    pub choice: Option<StartChoice>,
    /// Problems to show (unreadable records, warnings).
    pub notices: Vec<String>,
    today: NaiveDate,
}

impl StartScreen {
    /// A start screen listing `recent` and offering `templates`.
    #[must_use]
    pub fn new(
        recent: Vec<ListEntry>,
        templates: Vec<(String, String)>,
        notices: Vec<String>,
        today: NaiveDate,
    ) -> Self {
        let mut screen = Self {
            recent,
            selected: 0,
            templates,
            form: None,
            choice: None,
            notices,
            today,
        };
        if screen.recent.is_empty() {
            screen.open_form();
        }
        screen
    }

    fn open_form(&mut self) {
        let options: Vec<String> = self
            .templates
            .iter()
            .map(|(key, title)| format!("{title} ({key})"))
            .collect();
        self.form = Some(
            Form::new("New meeting")
                .choice("type", "Meeting type", options, Some(0))
                .hint("Left/Right or a letter to change")
                .text("title", "Title", "")
                .required()
                .hint("e.g. Case conference: missed care calls")
                .text("subject", "Subject ref", "")
                .hint("the adult's case reference, not their name")
                .date("date", "Date", Some(self.today)),
        );
    }

    /// Applies one action.
    pub fn update(&mut self, action: &Action) {
        if matches!(action, Action::Quit | Action::HangUp) {
            self.choice = Some(StartChoice::Quit);
            return;
        }
        if let Some(form) = self.form.as_mut() {
            match form.handle(action, self.today, chrono::NaiveTime::MIN) {
                FormOutcome::Continue => {}
                FormOutcome::Cancelled => self.form = None,
                FormOutcome::Submitted => {
                    let template = form
                        .choice_of("type")
                        .and_then(|i| self.templates.get(i))
                        .map(|(key, _)| key.clone())
                        .unwrap_or_default();
                    self.choice = Some(StartChoice::New {
                        template,
                        details: NewMeeting {
                            title: form.text_of("title"),
                            subject_ref: form.text_of("subject"),
                            date: form.date_of("date").unwrap_or(self.today),
                        },
                    });
                }
            }
            return;
        }
        let len = self.recent.len();
        match action {
            Action::SelectNext => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Action::SelectPrev => self.selected = self.selected.saturating_sub(1),
            Action::Activate | Action::Submit => {
                if let Some(entry) = self.recent.get(self.selected) {
                    self.choice = Some(StartChoice::Open(entry.path.clone()));
                }
            }
            Action::Add => self.open_form(),
            Action::Quit | Action::HangUp | Action::Back => self.choice = Some(StartChoice::Quit),
            _ => {}
        }
    }

    /// Maps a terminal event to an action on this screen, through the key map table.
    #[must_use]
    pub fn map_event(&self, event: &Event) -> Option<Action> {
        match &self.form {
            Some(form) => map_event_in(
                &[Context::Form, Context::Global],
                form.is_editing_text(),
                event,
            ),
            None => map_event_in(&[Context::Start], false, event),
        }
    }

    /// The status-bar hints.
    fn hints(&self) -> String {
        let context = if self.form.is_some() {
            Context::Form
        } else {
            Context::Start
        };
        BINDINGS
            .iter()
            .filter(|b| b.context == context)
            .filter_map(|b| Some(format!("{} {}", b.keys.first()?.label(), b.hint?)))
            .collect::<Vec<_>>()
            .join("  ")
    }

    /// Draws the screen; returns where the cursor goes.
    pub fn render(&self, theme: &Theme, frame: &mut Frame<'_>) {
        let area = frame.area();
        frame.buffer_mut().set_style(area, theme.base());
        let [title, body, status] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        frame.render_widget(
            Paragraph::new(Span::styled(
                "minutes: safeguarding meeting minutes",
                theme.title(),
            ))
            .style(theme.header()),
            title,
        );
        let mut cursor = self.render_recent(theme, frame, body);
        frame.render_widget(
            Paragraph::new(self.hints()).style(theme.status_bar()),
            status,
        );
        if let Some(form) = &self.form {
            let width = body.width.min(80);
            let height = form
                .preferred_height(width.saturating_sub(2))
                .saturating_add(2);
            let inner = crate::tui::ui::popup(theme, frame, body, width, height, "New meeting");
            cursor = form.render(inner, frame.buffer_mut(), theme);
        }
        if let Some(position) = cursor {
            frame.set_cursor_position(position);
        }
    }

    fn render_recent(&self, theme: &Theme, frame: &mut Frame<'_>, area: Rect) -> Option<Position> {
        let inner = crate::tui::ui::draw_pane(
            frame,
            theme,
            area,
            " Recent meetings (n: new meeting) ".to_owned(),
            self.form.is_none(),
        );
        let notice_rows = u16::try_from(self.notices.len().min(3)).unwrap_or(3);
        let [list_area, notice_area] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(notice_rows),
        ]));
        let mut offset = 0;
        if self.recent.is_empty() {
            frame.render_widget(
                Paragraph::new("No meetings yet. n starts one.")
                    .style(theme.muted())
                    .wrap(Wrap { trim: true }),
                list_area,
            );
        } else {
            let items: Vec<ListItem<'_>> = self
                .recent
                .iter()
                .map(|entry| {
                    let s = &entry.summary;
                    ListItem::new(Line::from(vec![
                        Span::styled(s.date.format("%a %-d %b %Y  ").to_string(), theme.muted()),
                        Span::raw(s.title.as_str()),
                        Span::styled(
                            format!("  {}  {}", s.subject_ref, s.meeting_type),
                            theme.muted(),
                        ),
                        Span::styled(format!("  {}", s.status.label()), theme.muted()),
                    ]))
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(self.selected));
            frame.render_stateful_widget(
                List::new(items).highlight_style(theme.selected(self.form.is_none())),
                list_area,
                &mut state,
            );
            offset = state.offset();
        }
        let notices: Vec<Line<'_>> = self
            .notices
            .iter()
            .take(3)
            .map(|n| Line::styled(n.as_str(), theme.warning()))
            .collect();
        frame.render_widget(Paragraph::new(notices), notice_area);
        let row = u16::try_from(self.selected.saturating_sub(offset)).ok()?;
        (!self.recent.is_empty() && row < list_area.height)
            .then_some(Position::new(list_area.x, list_area.y + row))
    }
}
