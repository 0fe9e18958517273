//! The two header rows: what meeting, when, which part, and whether it is saved.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::MeetingPart;
use crate::tui::app::LiveScreen;
use crate::tui::theme::Theme;

pub(super) fn render(app: &LiveScreen, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let meeting = &app.record.meeting;
    let top = Rect { height: 1, ..area };
    let second = Rect {
        y: area.y.saturating_add(1),
        height: 1,
        ..area
    };
    frame.buffer_mut().set_style(area, theme.header());

    let mut title = vec![Span::styled(meeting.title.as_str(), theme.title())];
    if !meeting.subject_ref.is_empty() {
        title.push(Span::styled(
            format!("  {}", meeting.subject_ref),
            theme.header(),
        ));
    }
    title.push(Span::styled(
        format!("  {}", meeting.meeting_type),
        theme.muted(),
    ));
    let when = when(app);
    let [title_area, when_area] = top.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(text_width(&when) + 2),
    ]));
    frame.render_widget(Paragraph::new(Line::from(title)), title_area);
    frame.render_widget(Paragraph::new(when).alignment(Alignment::Right), when_area);

    let part = match meeting.part {
        MeetingPart::Whole => Span::styled(meeting.part.label(), theme.header()),
        MeetingPart::ProfessionalsOnly => Span::styled(
            format!("{} (entries marked P1)", meeting.part.label()),
            theme.professionals_only(),
        ),
        MeetingPart::WithAdult => Span::styled(meeting.part.label(), theme.success()),
    };
    let mut left = vec![part];
    if app.typing_up() {
        left.push(Span::styled(
            "  TYPING UP: no clock times stamped",
            theme.warning(),
        ));
    }
    if let Some(reason) = &app.read_only {
        left.push(Span::styled(
            format!("  READ-ONLY: {reason}"),
            theme.warning(),
        ));
    }
    if let Some(ended) = &meeting.ended_at {
        left.push(Span::styled(
            format!("  ended {}", super::clock(app, ended)),
            theme.muted(),
        ));
    }
    let (text, warn) = save_text(app);
    let style = if warn { theme.error() } else { theme.muted() };
    let [left_area, save_area] = second.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(text_width(&text).min(second.width / 2 + 20) + 1),
    ]));
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(
        Paragraph::new(Span::styled(text, style)).alignment(Alignment::Right),
        save_area,
    );
}

/// Date, time and elapsed time, to the minute.
fn when(app: &LiveScreen) -> String {
    let meeting = &app.record.meeting;
    let mut text = format!(
        "{}  {}",
        meeting.date.format("%a %-d %b %Y"),
        app.zone.hm(&app.now)
    );
    if let Some(started) = meeting.started_at {
        let end = meeting.ended_at.unwrap_or(app.now);
        let minutes = (end - started).num_minutes().max(0);
        text.push_str(&format!("  ({}h{:02})", minutes / 60, minutes % 60));
    }
    text
}

/// What the header says about saving, and whether it is a warning.
pub(super) fn save_text(app: &LiveScreen) -> (String, bool) {
    if app.read_only.is_some() {
        return ("not saving (read-only)".to_owned(), false);
    }
    let save = &app.save;
    if let Some((reason, _)) = &save.failure {
        return (format!("NOT SAVED: {reason}, retrying"), true);
    }
    if save.saved_at.is_none() && (save.is_saving() || save.is_dirty()) {
        return ("saving...".to_owned(), false);
    }
    // While saves succeed the last one's minute stands (autosave follows typing within a
    // second); a failure shows at once, above.
    match &save.saved_at {
        // To the minute: the header changes at most once a minute while saves succeed, so
        // typing costs few bytes and screen readers do not re-read it.
        Some(at) => (format!("saved {}", app.zone.hm(at)), false),
        None => ("saved".to_owned(), false),
    }
}

fn text_width(text: &str) -> u16 {
    u16::try_from(unicode_width::UnicodeWidthStr::width(text)).unwrap_or(u16::MAX)
}
