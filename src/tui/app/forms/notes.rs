//! The forms on one entered note: correcting it (text, speaker, time, agenda item,
//! visibility) or deleting it, and copying its words, or a decision's, into a section of
//! the record.

use super::{Saved, people_hint};
use crate::model::{Changed, Entry, NoteCorrection, Refusal, SectionToFill, Visibility};
use crate::tui::app::LiveScreen;
use crate::tui::form::{ChoiceField, FlagField, Form, PickField, TextField, TimeField};

/// The note form's fields: note `index` of agenda item `item`.
#[derive(Debug)]
pub struct NoteForm {
    item: usize,
    index: usize,
    text: TextField,
    speaker: TextField,
    /// The speaker as the record holds it, read back when the field is left as it was.
    speaker_given: Option<String>,
    time: TimeField,
    under: PickField,
    visibility: ChoiceField<Visibility>,
    delete: FlagField,
}

impl NoteForm {
    /// The form on note `index` of agenda item `item` of `screen`'s record; `None` when
    /// there is no such note.
    #[must_use]
    pub fn open(screen: &LiveScreen, item: usize, index: usize) -> Option<(Form, Self)> {
        let record = &screen.record;
        let note = record.agenda.get(item)?.notes.get(index)?;
        let mut form = Form::new(&format!("Note {} of item {}", index + 1, item + 1));
        let items: Vec<String> = record
            .agenda
            .iter()
            .enumerate()
            .map(|(i, it)| format!("{}. {}", i + 1, it.title))
            .collect();
        let local = screen.zone.local(&note.at);
        let time_hint = if record.is_meeting_day(&local) {
            "its time in the meeting, HH:MM"
        } else {
            "typed up after the meeting: no time in the meeting; give one if known (HH:MM)"
        };
        let speaker = note.speaker.clone().unwrap_or_default();
        let fields = Self {
            item,
            index,
            text: form.add_long_text("Note", &note.text).required().handle(),
            speaker: form
                .add_text("Speaker", &speaker)
                .hint(&people_hint(&record.attendees, "initials or a name"))
                .handle(),
            speaker_given: note.speaker.clone(),
            time: form
                .add_time("Time", record.meeting_time(&local))
                .hint(time_hint)
                .handle(),
            under: form
                .add_pick("Agenda item", items, item)
                .hint("move the note under another item")
                .handle(),
            visibility: form
                .add_choice("Who may see it", Visibility::ALL, Some(note.visibility))
                .handle(),
            delete: form
                .add_flag("Delete this note", false)
                .hint("it leaves the minutes; the record keeps it, with who deleted it and when")
                .handle(),
        };
        Some((form, fields))
    }

    /// The correction as typed; the time, typed on the council's clock, as the record
    /// command reads it (in the offset the note was stamped with).
    fn read(&self, form: &Form, screen: &LiveScreen) -> NoteCorrection {
        let speaker = match self.speaker.read_changed(form) {
            None => self.speaker_given.clone(),
            Some(typed) if typed.is_empty() => None,
            Some(typed) => Some(typed),
        };
        NoteCorrection {
            text: self.text.read(form),
            speaker,
            time: self.time.read(form).map(|time| {
                let record = &screen.record;
                let like = record.agenda[self.item].notes[self.index].at;
                screen.zone.in_offset_of(record.meeting.date, time, &like)
            }),
            visibility: self.visibility.read(form).unwrap_or_default(),
        }
    }

    /// Deletes, or corrects and moves, the note; every change is kept in its history.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let by = screen.changed_by();
        let (item, index, now) = (self.item, self.index, screen.now);
        if self.delete.read(form) {
            screen.record.delete_note(item, index, &by, now)?;
            return Ok((
                Changed::Yes,
                "Note deleted (kept in the record's history)".to_owned(),
            ));
        }
        let corrected =
            screen
                .record
                .correct_note(item, index, self.read(form, screen), &by, now)?;
        let to = self.under.read(form);
        if to == item {
            return Ok((corrected, "Note saved".to_owned()));
        }
        screen.record.move_note(item, index, to, &by, now)?;
        Ok((Changed::Yes, format!("Note moved to item {}", to + 1)))
    }
}

/// The chooser of the section a note's or a decision's words are copied into.
#[derive(Debug)]
pub struct FillForm {
    text: String,
    section: PickField,
}

impl FillForm {
    /// The chooser for the words of `source` (a note or a decision); `None` when there is
    /// no such entry.
    #[must_use]
    pub fn open(screen: &LiveScreen, source: Entry) -> Option<(Form, Self)> {
        let record = &screen.record;
        let (text, what) = match source {
            Entry::Note { item, index } => (
                &record.agenda.get(item)?.notes.get(index)?.text,
                format!("note {} of item {}", index + 1, item + 1),
            ),
            Entry::Decision(i) => (
                &record.decisions.get(i)?.text,
                format!("decision {}", i + 1),
            ),
            _ => return None,
        };
        let mut form = Form::new(&format!("Copy the words of {what} into"));
        let options = SectionToFill::ALL
            .iter()
            .map(|section| section.label().to_owned())
            .collect();
        let fields = Self {
            text: text.clone(),
            section: form
                .add_pick("Section", options, 0)
                .hint("added after what the section holds; Enter copies")
                .handle(),
        };
        Some((form, fields))
    }

    /// Copies the words into the chosen section.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let section = SectionToFill::ALL
            .get(self.section.read(form))
            .copied()
            .ok_or(Refusal::Blank("The section"))?;
        let changed = screen
            .record
            .fill_section(section, &self.text, screen.now)?;
        let said = if changed.is_yes() {
            format!("Copied into {}", section.label().to_lowercase())
        } else {
            format!("{} already holds these words", section.label())
        };
        Ok((changed, said))
    }
}
