//! Commands on the notes under agenda items: writing them as they are typed, removing an
//! empty one, correcting, moving and deleting an entered one (each change kept in the
//! note's history, a deleted note kept as a tombstone), and the note that records a
//! closing-check gap left on purpose.

use chrono::NaiveTime;

use super::{Changed, Entry, Refusal, replace, required, take};
use crate::model::{Gap, Note, NoteChange, NoteRevision, Record, Timestamp, Visibility};

/// A correction of an entered note, as a front end gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteCorrection {
    /// The text (required: a note with nothing to say is deleted instead).
    pub text: String,
    /// Who made the point, if attributed.
    pub speaker: Option<String>,
    /// Its time in the meeting; `None` leaves the time as it is.
    pub time: Option<NaiveTime>,
    /// Who may see it.
    pub visibility: Visibility,
}

impl Record {
    /// Adds a note made now under agenda item `item`, by `speaker` if attributed, visible
    /// as entries made in the running part; returns where it is among the item's notes.
    /// The first note on the meeting's day starts the meeting ([`Record::start_meeting`]);
    /// a note written after that day marks the minutes typed up.
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
        let _ = self.start_meeting(now);
        self.written(now);
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

    /// Corrects entered note `index` of agenda item `item`: its text, speaker, time in the
    /// meeting and visibility. What it was before is kept in its history, with `by` and
    /// `now`. Agreed or circulated minutes are not corrected.
    ///
    /// # Errors
    /// [`Refusal::NotDraft`], [`Refusal::Missing`], [`Refusal::Blank`] for an empty text or
    /// no name for who corrects it.
    pub fn correct_note(
        &mut self,
        item: usize,
        index: usize,
        correction: NoteCorrection,
        by: &str,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        self.draft_only()?;
        required(&correction.text, "The note's text")?;
        required(by, "Who corrects the note")?;
        let key = self.agenda_key_at(item);
        let note = self.note_mut(item, index)?.clone();
        let at = match correction.time {
            Some(time) if self.meeting_time(&note.at) != Some(time) => {
                self.at_meeting_time(time, &note.at)
            }
            _ => note.at,
        };
        let corrected = Note {
            at,
            text: correction.text,
            speaker: correction.speaker,
            visibility: correction.visibility,
            ..note.clone()
        };
        if corrected == note {
            return Ok(Changed::No);
        }
        let revision = note.revision(NoteChange::Corrected, &key, by, now);
        let slot = self.note_mut(item, index)?;
        *slot = corrected;
        slot.history.push(revision);
        Ok(self.changed_at(true, now))
    }

    /// Moves entered note `index` of agenda item `item` under item `to`, among its notes in
    /// time order; returns where it is there. Its history keeps where it was.
    ///
    /// # Errors
    /// [`Refusal::NotDraft`], [`Refusal::Missing`] (the note, or item `to`),
    /// [`Refusal::Blank`] with no name for who moves it.
    pub fn move_note(
        &mut self,
        item: usize,
        index: usize,
        to: usize,
        by: &str,
        now: Timestamp,
    ) -> Result<usize, Refusal> {
        self.draft_only()?;
        required(by, "Who moves the note")?;
        self.note_mut(item, index)?;
        if to >= self.agenda.len() {
            return Err(Refusal::Missing(Entry::AgendaItem(to)));
        }
        if to == item {
            return Ok(index);
        }
        let key = self.agenda_key_at(item);
        let mut note = self.agenda[item].notes.remove(index);
        note.history
            .push(note.revision(NoteChange::Moved, &key, by, now));
        let notes = &mut self.agenda[to].notes;
        let place = notes.partition_point(|other| other.at <= note.at);
        notes.insert(place, note);
        self.touch(now);
        Ok(place)
    }

    /// Deletes entered note `index` of agenda item `item`: it leaves the minutes, and stays
    /// in the record among the item's deleted notes, its history ending with who deleted it
    /// and when.
    ///
    /// # Errors
    /// [`Refusal::NotDraft`], [`Refusal::Missing`], [`Refusal::Blank`] with no name for who
    /// deletes it.
    pub fn delete_note(
        &mut self,
        item: usize,
        index: usize,
        by: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        self.draft_only()?;
        required(by, "Who deletes the note")?;
        self.note_mut(item, index)?;
        let key = self.agenda_key_at(item);
        let agenda_item = &mut self.agenda[item];
        let mut note = agenda_item.notes.remove(index);
        note.history
            .push(note.revision(NoteChange::Deleted, &key, by, now));
        agenda_item.deleted_notes.push(note);
        self.touch(now);
        Ok(())
    }

    fn note_mut(&mut self, item: usize, index: usize) -> Result<&mut Note, Refusal> {
        self.agenda
            .get_mut(item)
            .and_then(|i| i.notes.get_mut(index))
            .ok_or(Refusal::Missing(Entry::Note { item, index }))
    }
}

impl Note {
    /// This note as it is, before `change` by `by` at `now`; it is under item `key`.
    fn revision(&self, change: NoteChange, key: &str, by: &str, now: Timestamp) -> NoteRevision {
        NoteRevision {
            at: now,
            by: by.trim().to_owned(),
            change,
            text_before: self.text.clone(),
            speaker_before: self.speaker.clone(),
            at_before: self.at,
            visibility_before: self.visibility,
            item_before: key.to_owned(),
            extra: crate::model::Extra::new(),
        }
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
    fn the_first_note_on_the_day_starts_the_meeting_and_one_written_later_types_it_up() {
        let mut record = record();
        record
            .add_note(0, "a".to_owned(), None, at("10:01"))
            .unwrap();
        record
            .add_note(0, "b".to_owned(), None, at("10:09"))
            .unwrap();
        assert_eq!(record.meeting.started_at, Some(at("10:01")));
        assert_eq!(record.meeting.typed_up_at, None, "taken live");
        let next_day = at("15:00") + chrono::TimeDelta::days(1);
        record.add_note(1, "c".to_owned(), None, next_day).unwrap();
        let later = next_day + chrono::TimeDelta::hours(1);
        record
            .add_finding(crate::model::FindingInput::new("d"), 1, later)
            .unwrap();
        assert_eq!(record.meeting.typed_up_at, Some(next_day), "the first time");
        assert_eq!(record.meeting_time(&record.agenda[1].notes[0].at), None);
        assert_eq!(
            record.meeting_time(&record.agenda[0].notes[0].at),
            chrono::NaiveTime::from_hms_opt(10, 1, 0)
        );
    }

    #[test]
    fn a_note_typed_up_on_another_day_starts_nothing() {
        let mut record = record();
        let next_day = at("15:00") + chrono::TimeDelta::days(1);
        record.add_note(0, "a".to_owned(), None, next_day).unwrap();
        assert_eq!(record.meeting.started_at, None);
        let before_the_day = at("15:00") - chrono::TimeDelta::days(1);
        let mut prepared = super::super::test_record::record();
        prepared
            .add_note(0, "a".to_owned(), None, before_the_day)
            .unwrap();
        assert_eq!(
            prepared.meeting.typed_up_at, None,
            "written before, not after"
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

    /// A record with two entered notes under item 1 (10:01, 10:05) and one under item 3.
    fn with_notes() -> Record {
        let mut record = record();
        record
            .add_note(0, "Pol said".to_owned(), Some("JS".to_owned()), at("10:01"))
            .unwrap();
        record
            .add_note(0, "stray keys jjjj".to_owned(), None, at("10:05"))
            .unwrap();
        record
            .add_note(2, "Plan agreed".to_owned(), None, at("10:03"))
            .unwrap();
        record
    }

    fn correction(text: &str) -> NoteCorrection {
        NoteCorrection {
            text: text.to_owned(),
            speaker: Some("JS".to_owned()),
            time: None,
            visibility: Visibility::All,
        }
    }

    #[test]
    fn a_correction_keeps_what_the_note_said_who_changed_it_and_when() {
        let mut record = with_notes();
        let unchanged = record.clone();
        assert_eq!(
            record.correct_note(0, 0, correction("Pol said"), "Tom", at("11:00")),
            Ok(Changed::No)
        );
        assert_eq!(record, unchanged, "the same note is no change");
        let fixed = NoteCorrection {
            speaker: Some("CD".to_owned()),
            time: chrono::NaiveTime::from_hms_opt(10, 2, 0),
            visibility: Visibility::Restricted,
            ..correction("Police said")
        };
        assert_eq!(
            record.correct_note(0, 0, fixed, " Tom Walsh ", at("11:00")),
            Ok(Changed::Yes)
        );
        let note = &record.agenda[0].notes[0];
        assert_eq!(note.text, "Police said");
        assert_eq!(note.speaker.as_deref(), Some("CD"));
        assert_eq!(note.at, at("10:02"));
        assert_eq!(note.visibility, Visibility::Restricted);
        let revision = &note.history[0];
        assert_eq!(revision.by, "Tom Walsh");
        assert_eq!(revision.at, at("11:00"));
        assert_eq!(revision.change, NoteChange::Corrected);
        assert_eq!(revision.text_before, "Pol said");
        assert_eq!(revision.speaker_before.as_deref(), Some("JS"));
        assert_eq!(revision.at_before, at("10:01"));
        assert_eq!(revision.visibility_before, Visibility::All);
        assert_eq!(revision.item_before, "intro");
        assert_eq!(record.updated_at, at("11:00"));
        assert_eq!(record.problems(), Vec::<String>::new());
    }

    #[test]
    fn a_correction_needs_text_and_a_name() {
        let mut record = with_notes();
        let before = record.clone();
        assert_eq!(
            record.correct_note(0, 0, correction(" "), "Tom", at("11:00")),
            Err(Refusal::Blank("The note's text"))
        );
        assert_eq!(
            record.correct_note(0, 0, correction("x"), " ", at("11:00")),
            Err(Refusal::Blank("Who corrects the note"))
        );
        assert_eq!(
            record.correct_note(0, 9, correction("x"), "Tom", at("11:00")),
            Err(Refusal::Missing(Entry::Note { item: 0, index: 9 }))
        );
        assert_eq!(record, before);
    }

    #[test]
    fn a_moved_note_goes_in_time_order_and_remembers_where_it_was() {
        let mut record = with_notes();
        assert_eq!(record.move_note(0, 0, 2, "Tom", at("11:00")), Ok(0));
        assert_eq!(record.move_note(0, 0, 2, "Tom", at("11:01")), Ok(2));
        let texts: Vec<&str> = record.agenda[2]
            .notes
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(texts, ["Pol said", "Plan agreed", "stray keys jjjj"]);
        let moved = &record.agenda[2].notes[0];
        assert_eq!(moved.history[0].change, NoteChange::Moved);
        assert_eq!(moved.history[0].item_before, "intro");
        assert!(record.agenda[0].notes.is_empty());
        assert_eq!(record.move_note(2, 0, 2, "Tom", at("11:02")), Ok(0));
        assert_eq!(
            record.agenda[2].notes[0].history.len(),
            1,
            "moving to where it is is no change"
        );
        assert_eq!(
            record.move_note(2, 0, 3, "Tom", at("11:02")),
            Err(Refusal::Missing(Entry::AgendaItem(3)))
        );
        assert_eq!(record.problems(), Vec::<String>::new());
    }

    #[test]
    fn a_deleted_note_leaves_the_minutes_and_stays_as_a_tombstone() {
        let mut record = with_notes();
        record.delete_note(0, 1, "Tom", at("11:00")).unwrap();
        let item = &record.agenda[0];
        assert_eq!(item.notes.len(), 1);
        let tombstone = &item.deleted_notes[0];
        assert_eq!(tombstone.text, "stray keys jjjj");
        assert!(tombstone.is_deleted());
        let last = tombstone.history.last().unwrap();
        assert_eq!((last.by.as_str(), last.at), ("Tom", at("11:00")));
        assert!(
            record.notes().all(|(_, n)| n.text != "stray keys jjjj"),
            "the record's notes are the live ones"
        );
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains("stray keys jjjj"), "kept in the file");
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
        assert_eq!(record.problems(), Vec::<String>::new());
    }

    #[test]
    fn agreed_minutes_are_not_corrected_until_reopened() {
        let mut record = with_notes();
        crate::model::agree(&mut record, "Priya", at("12:00")).unwrap();
        let agreed = record.clone();
        let refused = record.correct_note(0, 0, correction("x"), "Tom", at("12:01"));
        assert_eq!(
            refused,
            Err(Refusal::NotDraft(crate::model::MinutesStatus::Agreed))
        );
        assert_eq!(
            refused.unwrap_err().to_string(),
            "The minutes are agreed by chair: reopen them (saying who and why) before changing them."
        );
        assert!(record.move_note(0, 0, 2, "Tom", at("12:01")).is_err());
        assert!(record.delete_note(0, 0, "Tom", at("12:01")).is_err());
        assert_eq!(record, agreed);
        crate::model::reopen(&mut record, "Priya", "typo", at("12:02")).unwrap();
        assert!(record.delete_note(0, 0, "Tom", at("12:03")).is_ok());
    }

    #[test]
    fn older_files_without_history_load_and_write_back_the_same() {
        let record = with_notes();
        let json = serde_json::to_value(&record).unwrap();
        let note = &json["agenda"][0]["notes"][0];
        assert!(note.get("history").is_none(), "{note}");
        assert!(json["agenda"][0].get("deleted_notes").is_none());
    }
}
