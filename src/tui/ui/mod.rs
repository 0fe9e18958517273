//! Drawing: `render(&App, frame)`, pure, no I/O. SKELETON: being written.

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use crate::tui::app::App;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    frame.render_widget(
        Paragraph::new(app.record.meeting.title.as_str()),
        frame.area(),
    );
}
