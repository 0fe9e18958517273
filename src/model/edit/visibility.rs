//! Who may see what: the part of the meeting running, which sets the visibility of new
//! entries, and marking an entry restricted.

use super::{Changed, Entry, Refusal, replace};
use crate::model::{MeetingPart, Record, Timestamp, Visibility};

impl MeetingPart {
    /// The part after this one: whole meeting, part 1, part 2, whole meeting again.
    #[must_use]
    pub const fn next(self) -> Self {
        match self {
            Self::Whole => Self::ProfessionalsOnly,
            Self::ProfessionalsOnly => Self::WithAdult,
            Self::WithAdult => Self::Whole,
        }
    }
}

impl Record {
    /// Says which part of the meeting is running; entries made from now on get its
    /// visibility ([`MeetingPart::default_visibility`]).
    pub fn set_part(&mut self, part: MeetingPart, now: Timestamp) -> Changed {
        let changed = replace(&mut self.meeting.part, part);
        self.changed_at(changed, now)
    }

    /// Marks a note, finding, decision or action restricted or, if it is, not: it then
    /// gets the visibility of entries made in the running part. Returns its visibility.
    ///
    /// # Errors
    /// [`Refusal::Missing`]; [`Refusal::NotRestrictable`] for attendees and agenda items.
    pub fn toggle_restricted(
        &mut self,
        entry: Entry,
        now: Timestamp,
    ) -> Result<Visibility, Refusal> {
        let default = self.meeting.part.default_visibility();
        let missing = Refusal::Missing(entry);
        let slot = match entry {
            Entry::Attendee(_) | Entry::AgendaItem(_) | Entry::PersonCausingHarm(_) => {
                return Err(Refusal::NotRestrictable(entry));
            }
            Entry::Note { item, index } => self
                .agenda
                .get_mut(item)
                .and_then(|item| item.notes.get_mut(index))
                .map(|note| &mut note.visibility),
            Entry::Finding(i) => self.findings.get_mut(i).map(|f| &mut f.visibility),
            Entry::Decision(i) => self.decisions.get_mut(i).map(|d| &mut d.visibility),
            Entry::Action(i) => self.actions.get_mut(i).map(|a| &mut a.visibility),
        }
        .ok_or(missing)?;
        *slot = if *slot == Visibility::Restricted {
            default
        } else {
            Visibility::Restricted
        };
        let visibility = *slot;
        self.touch(now);
        Ok(visibility)
    }

    /// The visibility of an entry saved now: restricted when asked; otherwise what it had
    /// (`before`), unless it was restricted or is new, when it gets the running part's.
    pub(super) fn visibility_for(
        &self,
        restricted: bool,
        before: Option<Visibility>,
    ) -> Visibility {
        match (restricted, before) {
            (true, _) => Visibility::Restricted,
            (false, Some(Visibility::Restricted) | None) => self.meeting.part.default_visibility(),
            (false, Some(other)) => other,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::Note;

    #[test]
    fn parts_cycle_and_set_the_visibility_of_new_entries() {
        let mut record = record();
        assert_eq!(
            record.set_part(MeetingPart::Whole, at("10:00")),
            Changed::No
        );
        let part = record.meeting.part.next();
        assert_eq!(record.set_part(part, at("10:01")), Changed::Yes);
        assert_eq!(record.meeting.part, MeetingPart::ProfessionalsOnly);
        assert_eq!(record.updated_at, at("10:01"));
        assert_eq!(
            record.visibility_for(false, None),
            Visibility::ProfessionalsOnly
        );
        assert_eq!(
            record.visibility_for(false, Some(Visibility::All)),
            Visibility::All,
            "an entry keeps what it had"
        );
        assert_eq!(
            record.visibility_for(false, Some(Visibility::Restricted)),
            Visibility::ProfessionalsOnly,
            "no longer restricted: as entries made now"
        );
        assert_eq!(record.visibility_for(true, None), Visibility::Restricted);
        assert_eq!(MeetingPart::WithAdult.next(), MeetingPart::Whole);
    }

    #[test]
    fn restricted_toggles_back_to_the_running_parts_visibility() {
        let mut record = record();
        record.agenda[0].notes.push(Note::new(at("10:00"), "said"));
        let note = Entry::Note { item: 0, index: 0 };
        assert_eq!(
            record.toggle_restricted(note, at("10:01")),
            Ok(Visibility::Restricted)
        );
        let _ = record.set_part(MeetingPart::ProfessionalsOnly, at("10:02"));
        assert_eq!(
            record.toggle_restricted(note, at("10:03")),
            Ok(Visibility::ProfessionalsOnly)
        );
        assert_eq!(record.updated_at, at("10:03"));
        assert_eq!(
            record.toggle_restricted(Entry::Finding(0), at("10:04")),
            Err(Refusal::Missing(Entry::Finding(0)))
        );
        let refused = record.toggle_restricted(Entry::Attendee(0), at("10:04"));
        assert_eq!(refused, Err(Refusal::NotRestrictable(Entry::Attendee(0))));
        assert_eq!(record.updated_at, at("10:03"));
    }
}
