//! Commands on the people invited: adding and editing them, attendance, late arrival and
//! early leaving, which one is the adult, removing them.

use chrono::NaiveTime;

use super::{Changed, Entry, Refusal, replace, required, take};
use crate::model::{
    Attendance, Attendee, MeetingPart, Record, RepresentativeKind, Timestamp, initials_for,
};

/// An attendee as a front end gives it. The default is nobody yet: present, for the whole
/// meeting, nothing else known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendeeInput {
    /// Full name (required).
    pub name: String,
    /// Initials for attribution; left empty, they are derived from the name.
    pub initials: String,
    /// Job title or role in the meeting.
    pub role: String,
    /// Agency or organisation.
    pub agency: String,
    /// Present, apologies, absent, or a written contribution.
    pub attendance: Attendance,
    /// When they joined, if late.
    pub joined_at: Option<NaiveTime>,
    /// When they left, if early.
    pub left_at: Option<NaiveTime>,
    /// This is the adult the meeting is about (there is only one).
    pub is_adult: bool,
    /// How they represent the adult, if they do.
    pub representative_kind: Option<RepresentativeKind>,
    /// The parts they attended; empty means the whole meeting.
    pub parts: Vec<MeetingPart>,
    /// Phone or email.
    pub contact: String,
}

/// Which time a stamp sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// When they joined late.
    Joined,
    /// When they left early.
    Left,
}

impl Record {
    /// Adds an attendee (see [`Record::edit_attendee`] for the rules); returns where.
    ///
    /// # Errors
    /// As [`Record::edit_attendee`].
    pub fn add_attendee(&mut self, input: AttendeeInput, now: Timestamp) -> Result<usize, Refusal> {
        let person = self.attendee_from(None, input)?;
        self.keep_one_adult(&person, None);
        self.attendees.push(person);
        self.touch(now);
        Ok(self.attendees.len() - 1)
    }

    /// Replaces what is known of attendee `index`. Initials left empty are derived from the
    /// name and must not be another attendee's (ignoring case); marking them the adult
    /// unmarks whoever was; choosing how they represent the adult marks them a
    /// representative, and clearing it unmarks them. Fields of a newer version stay.
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::Blank`] without a name, [`Refusal::InitialsTaken`],
    /// [`Refusal::LeavesBeforeJoining`].
    pub fn edit_attendee(
        &mut self,
        index: usize,
        input: AttendeeInput,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let person = self.attendee_from(Some(index), input)?;
        let mut changed = self.keep_one_adult(&person, Some(index));
        changed |= replace(&mut self.attendees[index], person);
        Ok(self.changed_at(changed, now))
    }

    /// Sets attendee `index`'s attendance.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn set_attendance(
        &mut self,
        index: usize,
        attendance: Attendance,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let person = self.attendee_mut(index)?;
        let changed = replace(&mut person.attendance, attendance);
        Ok(self.changed_at(changed, now))
    }

    /// Stamps attendee `index` as joining late or leaving early at `time`, which marks them
    /// present; a second stamp clears the time. Returns the time it now holds.
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::LeavesBeforeJoining`].
    pub fn stamp_attendee(
        &mut self,
        index: usize,
        stamp: Stamp,
        time: NaiveTime,
        now: Timestamp,
    ) -> Result<Option<NaiveTime>, Refusal> {
        let person = self.attendee_mut(index)?;
        let backwards = match stamp {
            Stamp::Joined => person.left_at.is_some_and(|left| left < time),
            Stamp::Left => person.joined_at.is_some_and(|joined| time < joined),
        };
        let clearing = match stamp {
            Stamp::Joined => person.joined_at.is_some(),
            Stamp::Left => person.left_at.is_some(),
        };
        if backwards && !clearing {
            return Err(Refusal::LeavesBeforeJoining(person.name.clone()));
        }
        let slot = match stamp {
            Stamp::Joined => &mut person.joined_at,
            Stamp::Left => &mut person.left_at,
        };
        let stamped = if slot.is_some() {
            *slot = None;
            None
        } else {
            *slot = Some(time);
            person.attendance = Attendance::Present;
            Some(time)
        };
        self.touch(now);
        Ok(stamped)
    }

    /// Marks attendee `index` as the adult (unmarking whoever was), or, if they are, not.
    /// Marked while the adult's attendance is not recorded, it is recorded from theirs.
    /// Returns whether they are now the adult.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn toggle_adult(&mut self, index: usize, now: Timestamp) -> Result<bool, Refusal> {
        let is_adult = !self.attendee_mut(index)?.is_adult;
        for (i, person) in self.attendees.iter_mut().enumerate() {
            person.is_adult = i == index && is_adult;
        }
        let participation = &mut self.adult_participation;
        if is_adult && participation.attended.is_none() {
            participation.attended = Some(self.attendees[index].attendance == Attendance::Present);
        }
        self.touch(now);
        Ok(is_adult)
    }

    /// Removes attendee `index`; returns them.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn remove_attendee(&mut self, index: usize, now: Timestamp) -> Result<Attendee, Refusal> {
        let removed = take(&mut self.attendees, index, Entry::Attendee(index))?;
        self.touch(now);
        Ok(removed)
    }

    fn attendee_mut(&mut self, index: usize) -> Result<&mut Attendee, Refusal> {
        self.attendees
            .get_mut(index)
            .ok_or(Refusal::Missing(Entry::Attendee(index)))
    }

    /// Attendee `index` (or a new one) as `input` describes them, with the rules applied.
    fn attendee_from(
        &self,
        index: Option<usize>,
        input: AttendeeInput,
    ) -> Result<Attendee, Refusal> {
        let before = match index {
            Some(i) => Some(
                self.attendees
                    .get(i)
                    .ok_or(Refusal::Missing(Entry::Attendee(i)))?,
            ),
            None => None,
        };
        required(&input.name, "The name")?;
        let initials = if input.initials.trim().is_empty() {
            initials_for(&input.name)
        } else {
            input.initials
        };
        let taken =
            self.attendees.iter().enumerate().any(|(i, other)| {
                Some(i) != index && other.initials.eq_ignore_ascii_case(&initials)
            });
        if taken {
            return Err(Refusal::InitialsTaken(initials));
        }
        if let (Some(joined), Some(left)) = (input.joined_at, input.left_at)
            && left < joined
        {
            return Err(Refusal::LeavesBeforeJoining(input.name));
        }
        let mut person = before.cloned().unwrap_or_else(|| Attendee::new("", "", ""));
        if before.is_none_or(|b| b.representative_kind != input.representative_kind) {
            person.is_representative = input.representative_kind.is_some();
        }
        Ok(Attendee {
            name: input.name,
            initials,
            role: input.role,
            agency: input.agency,
            attendance: input.attendance,
            joined_at: input.joined_at,
            left_at: input.left_at,
            is_adult: input.is_adult,
            representative_kind: input.representative_kind,
            parts: input.parts,
            contact: input.contact,
            ..person
        })
    }

    /// When `person` (at `index`, or new) is the adult, nobody else is; whether that
    /// unmarked anyone.
    fn keep_one_adult(&mut self, person: &Attendee, index: Option<usize>) -> bool {
        let mut changed = false;
        if person.is_adult {
            for (i, other) in self.attendees.iter_mut().enumerate() {
                if Some(i) != index {
                    changed |= replace(&mut other.is_adult, false);
                }
            }
        }
        changed
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;

    fn input(name: &str) -> AttendeeInput {
        AttendeeInput {
            name: name.to_owned(),
            role: "DC".to_owned(),
            agency: "Police".to_owned(),
            ..AttendeeInput::default()
        }
    }

    #[test]
    fn initials_left_empty_are_derived_and_must_be_unique_ignoring_case() {
        let mut record = record();
        assert_eq!(record.add_attendee(input("Jane Smith"), at("10:00")), Ok(0));
        assert_eq!(record.attendees[0].initials, "JS");
        assert_eq!(record.updated_at, at("10:00"));
        let before = record.clone();
        let twin = record.add_attendee(input("John Stone"), at("10:01"));
        assert_eq!(twin, Err(Refusal::InitialsTaken("JS".to_owned())));
        assert_eq!(
            twin.unwrap_err().to_string(),
            "Initials JS are already used; give this person different initials."
        );
        let lower = AttendeeInput {
            initials: "js".to_owned(),
            ..input("John Stone")
        };
        assert!(record.add_attendee(lower, at("10:01")).is_err());
        assert_eq!(record, before, "refused: unchanged");
        let own = AttendeeInput {
            initials: "JSt".to_owned(),
            ..input("John Stone")
        };
        assert_eq!(record.add_attendee(own, at("10:01")), Ok(1));
        assert_eq!(
            record.edit_attendee(0, input("Jane Smith"), at("10:02")),
            Ok(Changed::No),
            "keeping one's own initials is no clash"
        );
    }

    #[test]
    fn a_name_is_required() {
        let mut record = record();
        assert_eq!(
            record.add_attendee(input("  "), at("10:00")),
            Err(Refusal::Blank("The name"))
        );
        assert!(record.attendees.is_empty());
    }

    #[test]
    fn there_is_one_adult() {
        let mut record = record();
        let adult = AttendeeInput {
            is_adult: true,
            ..input("Edith Warren")
        };
        record.add_attendee(adult.clone(), at("10:00")).unwrap();
        record
            .add_attendee(input("Jane Smith"), at("10:00"))
            .unwrap();
        let also = AttendeeInput {
            is_adult: true,
            ..input("Jane Smith")
        };
        assert_eq!(record.edit_attendee(1, also, at("10:01")), Ok(Changed::Yes));
        let adults: Vec<bool> = record.attendees.iter().map(|a| a.is_adult).collect();
        assert_eq!(adults, [false, true]);
        assert_eq!(record.toggle_adult(0, at("10:02")), Ok(true));
        let adults: Vec<bool> = record.attendees.iter().map(|a| a.is_adult).collect();
        assert_eq!(adults, [true, false]);
        assert_eq!(record.toggle_adult(0, at("10:03")), Ok(false));
        assert!(record.attendees.iter().all(|a| !a.is_adult));
    }

    #[test]
    fn marking_the_adult_records_their_attendance_once() {
        let mut record = record();
        let absent = AttendeeInput {
            attendance: Attendance::Absent,
            ..input("Edith Warren")
        };
        record.add_attendee(absent, at("10:00")).unwrap();
        record.toggle_adult(0, at("10:01")).unwrap();
        assert_eq!(record.adult_participation.attended, Some(false));
        assert_eq!(
            record.set_attendance(0, Attendance::Present, at("10:02")),
            Ok(Changed::Yes)
        );
        record.toggle_adult(0, at("10:03")).unwrap();
        record.toggle_adult(0, at("10:04")).unwrap();
        assert_eq!(
            record.adult_participation.attended,
            Some(false),
            "recorded already: left alone"
        );
    }

    #[test]
    fn a_representative_is_one_who_represents_the_adult_in_some_way() {
        let mut record = record();
        let advocate = AttendeeInput {
            representative_kind: Some(RepresentativeKind::Advocate),
            ..input("Sam Taylor")
        };
        record.add_attendee(advocate.clone(), at("10:00")).unwrap();
        assert!(record.attendees[0].is_representative);
        assert_eq!(
            record.edit_attendee(0, input("Sam Taylor"), at("10:01")),
            Ok(Changed::Yes)
        );
        assert!(!record.attendees[0].is_representative, "kind cleared");
        record.attendees[0].is_representative = true;
        assert_eq!(
            record.edit_attendee(0, input("Sam Taylor"), at("10:02")),
            Ok(Changed::No),
            "a representative of no stated kind stays one"
        );
    }

    #[test]
    fn an_edit_keeps_newer_fields_and_an_unchanged_one_touches_nothing() {
        let mut record = record();
        record
            .add_attendee(input("Jane Smith"), at("10:00"))
            .unwrap();
        record.attendees[0].parts = vec![crate::model::MeetingPart::WithAdult];
        record.attendees[0]
            .extra
            .insert("pronouns".to_owned(), "she/her".into());
        let before = record.clone();
        let part_two = || AttendeeInput {
            parts: vec![crate::model::MeetingPart::WithAdult],
            ..input("Jane Smith")
        };
        assert_eq!(
            record.edit_attendee(0, part_two(), at("10:30")),
            Ok(Changed::No)
        );
        assert_eq!(record, before);
        let renamed = AttendeeInput {
            initials: "JS".to_owned(),
            name: "Jane Smith-Jones".to_owned(),
            ..part_two()
        };
        assert_eq!(
            record.edit_attendee(0, renamed, at("10:31")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.attendees[0].parts, before.attendees[0].parts);
        assert_eq!(record.attendees[0].extra, before.attendees[0].extra);
        assert_eq!(record.updated_at, at("10:31"));
        assert_eq!(
            record.edit_attendee(5, input("X"), at("10:32")),
            Err(Refusal::Missing(Entry::Attendee(5)))
        );
    }

    #[test]
    fn a_stamp_marks_them_present_and_a_second_clears_it() {
        let mut record = record();
        let apologies = AttendeeInput {
            attendance: Attendance::Apologies,
            ..input("Jane Smith")
        };
        record.add_attendee(apologies, at("10:00")).unwrap();
        let time = NaiveTime::from_hms_opt(10, 20, 0).unwrap();
        assert_eq!(
            record.stamp_attendee(0, Stamp::Joined, time, at("10:20")),
            Ok(Some(time))
        );
        assert_eq!(record.attendees[0].attendance, Attendance::Present);
        assert_eq!(record.attendees[0].joined_at, Some(time));
        assert_eq!(
            record.stamp_attendee(0, Stamp::Joined, time, at("10:21")),
            Ok(None)
        );
        assert_eq!(record.attendees[0].joined_at, None);
        assert_eq!(
            record.set_attendance(0, Attendance::Present, at("10:22")),
            Ok(Changed::No)
        );
        assert_eq!(record.updated_at, at("10:21"));
        assert_eq!(
            record.remove_attendee(0, at("10:23")).map(|a| a.name),
            Ok("Jane Smith".to_owned())
        );
        assert!(record.remove_attendee(0, at("10:23")).is_err());
    }

    #[test]
    fn nobody_leaves_before_they_joined() {
        let mut record = record();
        let time = |hh, mm| NaiveTime::from_hms_opt(hh, mm, 0);
        let backwards = AttendeeInput {
            joined_at: time(10, 30),
            left_at: time(10, 15),
            ..input("Jane Smith")
        };
        let refused = record.add_attendee(backwards, at("10:40"));
        assert_eq!(
            refused,
            Err(Refusal::LeavesBeforeJoining("Jane Smith".to_owned()))
        );
        assert_eq!(
            refused.unwrap_err().to_string(),
            "Jane Smith cannot leave before they joined."
        );
        let late = AttendeeInput {
            joined_at: time(10, 30),
            ..input("Jane Smith")
        };
        record.add_attendee(late, at("10:40")).unwrap();
        assert!(
            record
                .stamp_attendee(0, Stamp::Left, time(10, 15).unwrap(), at("10:41"))
                .is_err()
        );
        assert_eq!(
            record.stamp_attendee(0, Stamp::Left, time(11, 0).unwrap(), at("11:00")),
            Ok(time(11, 0))
        );
        assert_eq!(record.problems(), Vec::<String>::new());
    }
}
