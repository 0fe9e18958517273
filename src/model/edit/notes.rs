//! Commands on the notes under agenda items: writing them as they are typed, removing an
//! empty one, and the note that records a closing-check gap left on purpose.

use super::{Changed, Entry, Refusal, replace, take};
use crate::model::{Gap, Note, Record, Timestamp};

impl Record {
    /// Adds a note made now under agenda item `item`, by `speaker` if attributed, visible
    /// as entries made in the running part; returns where it is among the item's notes.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn add_note(
        &mut self,
        item: usize,
        text: String,
        speaker: Option<String>,
        now: Timestamp,
    ) -> Result<usize, Refusal> {
        let visibility = self.meeting.part.default_visibility();
        let notes = &mut self
            .agenda
            .get_mut(item)
            .ok_or(Refusal::Missing(Entry::AgendaItem(item)))?
            .notes;
        notes.push(Note {
            speaker,
            visibility,
            ..Note::new(now, text)
        });
        let index = notes.len() - 1;
        self.touch(now);
        Ok(index)
    }

    /// Rewrites note `index` of agenda item `item`: its text and speaker. When it was made
    /// and who may see it stay.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn edit_note(
        &mut self,
        item: usize,
        index: usize,
        text: String,
        speaker: Option<String>,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let note = self.note_mut(item, index)?;
        let mut changed = replace(&mut note.text, text);
        changed |= replace(&mut note.speaker, speaker);
        Ok(self.changed_at(changed, now))
    }

    /// Removes note `index` of agenda item `item`; returns it.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn remove_note(
        &mut self,
        item: usize,
        index: usize,
        now: Timestamp,
    ) -> Result<Note, Refusal> {
        let missing = Entry::Note { item, index };
        let notes = &mut self
            .agenda
            .get_mut(item)
            .ok_or(Refusal::Missing(missing))?
            .notes;
        let removed = take(notes, index, missing)?;
        self.touch(now);
        Ok(removed)
    }

    /// Notes under agenda item `item` that the closing check's `gap` was seen and left, so
    /// the minutes show it was not an oversight; returns where the note is.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn acknowledge_gap(
        &mut self,
        item: usize,
        gap: &Gap,
        now: Timestamp,
    ) -> Result<usize, Refusal> {
        let text = format!("Closing check: noted as not recorded: {}.", gap.message);
        self.add_note(item, text, None, now)
    }

    fn note_mut(&mut self, item: usize, index: usize) -> Result<&mut Note, Refusal> {
        self.agenda
            .get_mut(item)
            .and_then(|i| i.notes.get_mut(index))
            .ok_or(Refusal::Missing(Entry::Note { item, index }))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::{GapKind, MeetingPart, Visibility};

    #[test]
    fn a_note_is_made_now_in_the_running_parts_visibility_and_rewritten_as_typed() {
        let mut record = record();
        let _ = record.set_part(MeetingPart::ProfessionalsOnly, at("10:00"));
        assert_eq!(
            record.add_note(0, "Pol".to_owned(), Some("JS".to_owned()), at("10:01")),
            Ok(0)
        );
        assert_eq!(
            record.edit_note(
                0,
                0,
                "Police".to_owned(),
                Some("JS".to_owned()),
                at("10:02")
            ),
            Ok(Changed::Yes)
        );
        assert_eq!(
            record.edit_note(
                0,
                0,
                "Police".to_owned(),
                Some("JS".to_owned()),
                at("10:03")
            ),
            Ok(Changed::No)
        );
        let note = &record.agenda[0].notes[0];
        assert_eq!((note.text.as_str(), note.at), ("Police", at("10:01")));
        assert_eq!(note.visibility, Visibility::ProfessionalsOnly);
        assert_eq!(record.updated_at, at("10:02"));
        assert_eq!(
            record.remove_note(0, 0, at("10:04")).map(|n| n.text),
            Ok("Police".to_owned())
        );
        assert_eq!(
            record.remove_note(0, 0, at("10:05")),
            Err(Refusal::Missing(Entry::Note { item: 0, index: 0 }))
        );
        assert!(
            record
                .add_note(7, String::new(), None, at("10:06"))
                .is_err()
        );
    }

    #[test]
    fn an_acknowledged_gap_is_a_note_in_the_minutes() {
        let mut record = record();
        let gap = Gap {
            kind: GapKind::Review,
            message: "no review date".to_owned(),
        };
        assert_eq!(record.acknowledge_gap(2, &gap, at("11:00")), Ok(0));
        assert_eq!(
            record.agenda[2].notes[0].text,
            "Closing check: noted as not recorded: no review date."
        );
    }
}
