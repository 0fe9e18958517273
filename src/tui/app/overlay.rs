//! Overlays on the live screen: help, questions, and the quit question when saves fail.

use std::path::PathBuf;

use super::{App, RunState, Tone};
use crate::tui::action::{Action, Effect};

/// A window over the live screen that takes the keys until it closes.
#[derive(Debug)]
pub enum Overlay {
    /// The help screen, scrolled this many rows.
    Help {
        /// Rows scrolled.
        scroll: usize,
    },
    /// Saves are failing and the user asked to quit.
    Quit(QuitQuestion),
}

/// Quitting while the record cannot be saved: retry, write elsewhere, or discard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuitQuestion {
    /// The other path being typed, once the user chose "write elsewhere".
    pub save_as: Option<String>,
    /// Set after the user pressed `d` once: a second `d` discards.
    pub discard_armed: bool,
}

impl App {
    pub(super) fn open_quit_question(&mut self) {
        self.overlay = Some(Overlay::Quit(QuitQuestion::default()));
    }

    /// Keys while an overlay is open.
    pub(super) fn update_overlay(&mut self, action: Action) -> Vec<Effect> {
        let Some(overlay) = self.overlay.as_mut() else {
            return Vec::new();
        };
        match overlay {
            Overlay::Help { scroll } => {
                match action {
                    Action::SelectNext => *scroll = scroll.saturating_add(1),
                    Action::SelectPrev => *scroll = scroll.saturating_sub(1),
                    Action::PageDown => *scroll = scroll.saturating_add(10),
                    Action::PageUp => *scroll = scroll.saturating_sub(10),
                    Action::Back | Action::Help | Action::Submit | Action::Answer('q') => {
                        self.overlay = None;
                    }
                    _ => {}
                }
                Vec::new()
            }
            Overlay::Quit(question) => {
                let question = question.clone();
                self.update_quit_question(question, action)
            }
        }
    }

    fn update_quit_question(&mut self, mut question: QuitQuestion, action: Action) -> Vec<Effect> {
        if let Some(path) = question.save_as.as_mut() {
            match action {
                Action::Paste(text) => path.push_str(text.trim()),
                Action::Edit(input) => match input.key {
                    ratatui_textarea::Key::Char(c) if !input.ctrl && !input.alt => path.push(c),
                    ratatui_textarea::Key::Backspace => {
                        path.pop();
                    }
                    _ => {}
                },
                Action::Answer(c) => path.push(c),
                Action::Back => question.save_as = None,
                Action::Submit if !path.trim().is_empty() => {
                    let target = PathBuf::from(path.trim());
                    self.overlay = None;
                    self.say(
                        &format!("Writing a copy to {}...", target.display()),
                        Tone::Info,
                    );
                    return vec![Effect::SaveAs(Box::new(self.record.clone()), target)];
                }
                _ => {}
            }
            self.overlay = Some(Overlay::Quit(question));
            return Vec::new();
        }
        match action {
            Action::Answer('r') => {
                self.overlay = None;
                self.run = RunState::Quit;
                let mut effects = self.request_save();
                effects.push(Effect::Exit);
                return effects;
            }
            Action::Answer('w') => question.save_as = Some(String::new()),
            Action::Answer('d') if question.discard_armed => {
                self.overlay = None;
                self.run = RunState::Quit;
                return vec![Effect::Exit];
            }
            Action::Answer('d') => question.discard_armed = true,
            Action::Back | Action::Answer('c') => {
                self.overlay = None;
                return Vec::new();
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Quit(question));
        Vec::new()
    }
}
