//! Typing notes: the note being typed lives in the record from its first character, so an
//! autosave always holds it; Enter starts the next note. `@` attributes a speaker.

use ratatui_textarea::{Input, Key, TextArea};

use super::entries::{Confirmed, restricted_text};
use super::{FindingsRow, FormPurpose, LiveScreen, Overlay, Pane, Tone, new_editor};
use crate::model::{Attendee, Changed, Entry};
use crate::text::for_record;
use crate::tui::action::Action;

/// `@` typed in the notes: attendees matching what follows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerCompletion {
    /// The characters typed after `@`.
    pub query: String,
    /// The highlighted match.
    pub selected: usize,
}

/// Attendees that `query` (typed after `@`) may name, best first, through the one person
/// matcher: initials, names, titles and agencies, accents and case aside (`@zoe` finds Zoë).
#[must_use]
pub fn speaker_matches(attendees: &[Attendee], query: &str) -> Vec<usize> {
    crate::people::People::new(attendees).suggest(query)
}

impl LiveScreen {
    /// A key or paste for the notes editor.
    pub(super) fn edit_notes(&mut self, action: Action) {
        if !self.writable() {
            return;
        }
        match action {
            Action::Paste(text) => {
                self.completion = None;
                self.editor.insert_str(for_record(&text));
            }
            Action::Edit(input) => self.type_key(input),
            _ => return,
        }
        self.sync_draft();
    }

    fn type_key(&mut self, input: Input) {
        if input.ctrl && input.key == Key::Char('j') {
            self.editor.insert_newline();
            return;
        }
        let typed = match input.key {
            Key::Char(c) if !input.ctrl && !input.alt => Some(c),
            _ => None,
        };
        let deleting = input.key == Key::Backspace && !input.ctrl && !input.alt;
        if let (Some(completion), Some(c)) = (&self.completion, typed)
            && (c.is_whitespace() || ",.:;".contains(c))
        {
            // Space (or punctuation) after `@JW` attributes, as Enter and Tab do.
            let query = completion.query.clone();
            if speaker_matches(&self.record.attendees, &query).is_empty() {
                self.completion = None;
                self.say(
                    &format!("No attendee matches @{query}: it stays in the note as typed."),
                    Tone::Warning,
                );
            } else {
                self.accept_speaker();
                if self.speaker.is_some() && text_of(&self.editor).is_empty() {
                    return;
                }
            }
        }
        self.editor.input(input);
        match (&mut self.completion, typed) {
            (None, Some('@')) => self.completion = Some(SpeakerCompletion::default()),
            (Some(completion), Some(c)) if c.is_alphanumeric() || c == '-' || c == '\'' => {
                completion.query.push(c);
                completion.selected = 0;
            }
            (Some(completion), None) if deleting => {
                if completion.query.pop().is_none() {
                    self.completion = None;
                }
            }
            (Some(_), _) => self.completion = None,
            (None, _) => {}
        }
    }

    /// Enter in the notes: accept a speaker, or finish this note and start the next.
    pub(super) fn submit_notes(&mut self) {
        if self.completion.is_some() {
            self.accept_speaker();
        } else {
            self.finish_draft();
        }
    }

    /// Moves the highlighted speaker match.
    pub(super) fn move_completion(&mut self, by: isize) {
        let count = self.completion.as_ref().map_or(0, |c| {
            speaker_matches(&self.record.attendees, &c.query).len()
        });
        if let Some(completion) = &mut self.completion {
            completion.selected = super::step_index(completion.selected, by, count);
        }
    }

    /// Puts the chosen attendee in place of `@query`: as the note's speaker when the note
    /// starts with it, else as "JS (Police)" in the text.
    pub(super) fn accept_speaker(&mut self) {
        let Some(completion) = self.completion.take() else {
            return;
        };
        let matches = speaker_matches(&self.record.attendees, &completion.query);
        let Some(attendee) = matches
            .get(completion.selected)
            .and_then(|i| self.record.attendees.get(*i))
        else {
            self.say(
                "No attendee matches; add people in the People pane.",
                Tone::Warning,
            );
            return;
        };
        let (initials, attribution) = (attendee.initials.clone(), attendee.attribution());
        for _ in 0..=completion.query.chars().count() {
            self.editor.delete_char();
        }
        if text_of(&self.editor).trim().is_empty() {
            self.editor = new_editor();
            self.speaker = Some(initials);
        } else {
            self.editor.insert_str(attribution);
        }
        self.sync_draft();
    }

    /// Copies the editor into the note being typed, creating or removing it as needed.
    fn sync_draft(&mut self) {
        let text = text_of(&self.editor);
        let empty = text.trim().is_empty() && self.speaker.is_none();
        let (speaker, now) = (self.speaker.clone(), self.now);
        let changed = match self.draft {
            Some((item, index)) => {
                let Some(count) = self.record.agenda.get(item).map(|i| i.notes.len()) else {
                    self.draft = None;
                    return;
                };
                if empty && index + 1 == count {
                    self.draft = None;
                    self.record.remove_note(item, index, now).is_ok()
                } else {
                    self.record
                        .edit_note(item, index, text, speaker, now)
                        .is_ok_and(Changed::is_yes)
                }
            }
            None if !empty => match self.record.add_note(self.current, text, speaker, now) {
                Ok(index) => {
                    self.draft = Some((self.current, index));
                    true
                }
                Err(_) => false,
            },
            None => false,
        };
        if changed {
            self.changed();
        }
    }

    /// Ends the note being typed: it stays in the record, without trailing spaces; the
    /// editor starts empty.
    pub(super) fn finish_draft(&mut self) {
        if let Some((item, index)) = self.draft.take()
            && let Some(note) = self
                .record
                .agenda
                .get(item)
                .and_then(|i| i.notes.get(index))
        {
            let (trimmed, speaker) = (note.text.trim_end().to_owned(), note.speaker.clone());
            let edited = self
                .record
                .edit_note(item, index, trimmed, speaker, self.now);
            if edited.is_ok_and(Changed::is_yes) {
                self.changed();
            }
        }
        self.editor = new_editor();
        self.speaker = None;
        self.completion = None;
    }

    /// Ctrl-O in the notes: marks the note being typed (or the last note) restricted, or back.
    pub(super) fn toggle_note_restricted(&mut self) {
        if !self.writable() {
            return;
        }
        let target = self.draft.or_else(|| {
            let notes = &self.record.agenda.get(self.current)?.notes;
            notes.len().checked_sub(1).map(|last| (self.current, last))
        });
        let toggled = target.and_then(|(item, index)| {
            let note = Entry::Note { item, index };
            self.record.toggle_restricted(note, self.now).ok()
        });
        let Some(visibility) = toggled else {
            self.say("No note to mark yet: type it first.", Tone::Info);
            return;
        };
        self.changed();
        self.say(&restricted_text("Note", visibility), Tone::Info);
    }
}

impl LiveScreen {
    /// Opens the form that corrects entered note `index` of agenda item `item`: its text,
    /// speaker, time, agenda item and visibility, or deletes it. The note being typed is
    /// finished first. Every change is kept in the note's history, with
    /// [`LiveScreen::changed_by`] and when.
    pub fn edit_note_form(&mut self, item: usize, index: usize) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        if self.note_exists(item, index) {
            self.open_form(FormPurpose::Note { item, index });
        }
    }

    /// Asks before deleting entered note `index` of agenda item `item` (the note being
    /// typed is finished first); yes leaves it in the record as a tombstone.
    pub fn ask_delete_note(&mut self, item: usize, index: usize) {
        if !self.writable() {
            return;
        }
        self.finish_draft();
        if self.note_exists(item, index) {
            self.overlay = Some(Overlay::Confirm {
                question: format!(
                    "Delete note {} of item {}? The record keeps it, with who deleted it and when.",
                    index + 1,
                    item + 1
                ),
                confirmed: Confirmed::DeleteNote { item, index },
            });
        }
    }

    /// Asks which section (the adult's views, the plan, a contingency, the coordinator) the
    /// words of `source`, a note or a decision, are copied into, and copies them.
    pub fn fill_section_form(&mut self, source: Entry) {
        if !self.writable() {
            return;
        }
        if matches!(source, Entry::Note { .. }) {
            self.finish_draft();
        }
        self.open_form(FormPurpose::FillSection(source));
        if self.overlay.is_none() {
            self.say(
                "Only a note's or a decision's words fill a section.",
                Tone::Info,
            );
        }
    }

    /// [`LiveScreen::fill_section_form`] on the decision selected in the findings pane.
    pub fn fill_section_from_selected(&mut self) {
        match (self.focus, self.findings_row()) {
            (Pane::Findings, Some(FindingsRow::Decision(i))) => {
                self.fill_section_form(Entry::Decision(i));
            }
            _ => self.say(
                "Select a decision in the findings pane, or a note, to copy its words.",
                Tone::Info,
            ),
        }
    }

    fn note_exists(&mut self, item: usize, index: usize) -> bool {
        let exists = self
            .record
            .agenda
            .get(item)
            .is_some_and(|i| index < i.notes.len());
        if !exists {
            self.say("There is no such note.", Tone::Warning);
        }
        exists
    }
}

/// The editor's text with its lines joined by newlines.
#[must_use]
pub fn text_of(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}
