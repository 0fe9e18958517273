//! The key map: one table of (context, key, action, description) feeding input and help.
//! SKELETON: being written.

use ratatui::crossterm::event::{Event, KeyEventKind};

use crate::tui::action::Action;
use crate::tui::app::App;

/// Maps a terminal event to an action for `app`, or `None` to ignore it.
#[must_use]
pub fn map_event(app: &App, event: &Event) -> Option<Action> {
    let _ = app;
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Action::Edit((*key).into())),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}
