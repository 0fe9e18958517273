//! Typing always types: a printable key where no text field has the caret (a list pane, a
//! pop-up list, a question, help) closes what is open and goes into the notes, which take
//! the focus. Up in an empty note editor selects the notes above, to correct one.

use ratatui_textarea::{Input, Key};

use super::{LiveScreen, Overlay, Pane, Tone};
use crate::model::Entry;
use crate::tui::action::Action;

/// Whether `input` types a character (Shift allowed; Alt is the same key inside tmux).
#[must_use]
pub fn printable(input: &Input) -> bool {
    matches!(input.key, Key::Char(c) if !c.is_control()) && !input.ctrl
}

impl LiveScreen {
    /// Whether `action` is typing that no open pop-up takes as text: it goes to the notes.
    pub(super) fn types_into_notes(&self, action: &Action) -> bool {
        let typed = match action {
            Action::Edit(input) => printable(input),
            Action::Paste(_) => true,
            _ => false,
        };
        typed
            && match &self.overlay {
                None => false,
                Some(Overlay::Help(_) | Overlay::Confirm { .. }) => true,
                Some(Overlay::Closing { .. } | Overlay::Roles { .. }) => true,
                Some(Overlay::Quit(question)) => question.save_as.is_none(),
                Some(
                    Overlay::Form { .. }
                    | Overlay::Goto { .. }
                    | Overlay::QuickAction(_)
                    | Overlay::Palette(_)
                    | Overlay::PeopleLine(_),
                ) => false,
            }
    }

    /// Closes the pop-up that does not take text (a question is answered no) so that what
    /// is typed goes into the notes, and says what was closed.
    pub(super) fn close_for_typing(&mut self) {
        let closed = match self.overlay.take() {
            Some(Overlay::Confirm { .. }) => Some("Not done: typing went to the notes."),
            Some(Overlay::Quit(_)) => Some("Still in the meeting: typing went to the notes."),
            _ => None,
        };
        if let Some(closed) = closed {
            self.say(closed, Tone::Info);
        }
    }

    /// Up in the note editor: with nothing typed, selects the newest note above to correct
    /// it; otherwise moves the caret up as usual.
    pub(super) fn select_notes(&mut self) {
        let empty = super::text_of(&self.editor).is_empty() && self.speaker.is_none();
        let count = self
            .record
            .agenda
            .get(self.current)
            .map_or(0, |item| item.notes.len());
        if self.focus != Pane::Notes || !empty || count == 0 || self.draft.is_some() {
            if self.focus == Pane::Notes {
                self.editor.input(Input {
                    key: Key::Up,
                    ..Input::default()
                });
            }
            return;
        }
        self.note_selected = Some(count - 1);
    }

    /// Keys while a note above the editor is selected.
    pub(super) fn update_note_list(&mut self, action: Action) {
        let Some(selected) = self.note_selected else {
            return;
        };
        let item = self.current;
        let count = self.record.agenda.get(item).map_or(0, |i| i.notes.len());
        match action {
            Action::SelectPrev => self.note_selected = Some(selected.saturating_sub(1)),
            Action::SelectNext if selected + 1 < count => self.note_selected = Some(selected + 1),
            Action::SelectNext | Action::Back => self.note_selected = None,
            Action::EditSelected | Action::Submit | Action::Activate => {
                self.note_selected = None;
                self.edit_note_form(item, selected);
            }
            Action::RemoveSelected => {
                self.note_selected = None;
                self.ask_delete_note(item, selected);
            }
            Action::FillSection => {
                self.note_selected = None;
                self.fill_section_form(Entry::Note {
                    item,
                    index: selected,
                });
            }
            Action::ToggleRestricted => {
                let note = Entry::Note {
                    item,
                    index: selected,
                };
                if let Ok(visibility) = self.record.toggle_restricted(note, self.now) {
                    self.changed();
                    let text = super::entries::restricted_text("Note", visibility);
                    self.say(&text, Tone::Info);
                }
            }
            other => {
                self.note_selected = None;
                self.dispatch(other);
            }
        }
    }
}
