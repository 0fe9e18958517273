//! Drawing: `render(&App, &Theme, frame)`, pure, no I/O. SKELETON: being written.

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>) {
    frame.render_widget(
        Paragraph::new(app.record.meeting.title.as_str()).style(theme.base()),
        frame.area(),
    );
}
