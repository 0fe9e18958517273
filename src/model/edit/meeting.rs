//! Commands on the meeting's own details: who chairs and who takes the minutes, where and
//! how it is held, and when it started and ended; and what a new meeting needs.

use chrono::NaiveTime;

use super::{Changed, Refusal, replace, required};
use crate::model::{Attendee, EnquiryKind, MeetingMode, NewMeeting, Record, Timestamp};

impl NewMeeting {
    /// Refuses what no meeting can be created from: a title left blank (or only spaces),
    /// which would leave the record nameless in every listing and copy.
    ///
    /// # Errors
    /// [`Refusal::Blank`] naming the title.
    pub fn check(&self) -> Result<(), Refusal> {
        required(&self.title, "The title")
    }
}

/// The meeting's details as a front end gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDetailsInput {
    /// Who chairs.
    pub chair: String,
    /// Who takes the minutes.
    pub minute_taker: String,
    /// Venue, or the video or phone details.
    pub location: String,
    /// In person, video, phone or mixed.
    pub mode: Option<MeetingMode>,
    /// When it started, on the meeting's day; `None` when not recorded.
    pub started: Option<NaiveTime>,
    /// When it ended, on the meeting's day; `None` when not recorded.
    pub ended: Option<NaiveTime>,
    /// Whether the enquiry is a section 42 enquiry or another one; `None` when not recorded
    /// (the SAC return then decides from the meeting type).
    pub enquiry: Option<EnquiryKind>,
}

impl Record {
    /// Records the meeting's details, and whether its enquiry is a section 42 enquiry. The chair and the minute taker are kept as written
    /// (a full name stays as typed, even when it names an attendee another way), except
    /// that an attendee's initials (ignoring case) are recorded as that attendee's name:
    /// the minutes name people in the header. A start or end given as the time it already
    /// has keeps its timestamp as it is; another time is that time on the meeting's day.
    ///
    /// # Errors
    /// [`Refusal::NotDraft`]; [`Refusal::EndsBeforeStart`].
    pub fn set_meeting_details(
        &mut self,
        input: MeetingDetailsInput,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let input = MeetingDetailsInput {
            chair: named(&self.attendees, input.chair),
            minute_taker: named(&self.attendees, input.minute_taker),
            ..input
        };
        let started = self.meeting_timestamp(self.meeting.started_at, input.started, now);
        let ended = self.meeting_timestamp(self.meeting.ended_at, input.ended, now);
        if let (Some(start), Some(end)) = (started, ended)
            && end < start
        {
            return Err(Refusal::EndsBeforeStart);
        }
        let details = (
            &self.meeting.chair,
            &self.meeting.minute_taker,
            &self.meeting.location,
            self.meeting.mode,
            self.meeting.started_at,
            self.meeting.ended_at,
            self.meeting.enquiry,
        );
        let given = (
            &input.chair,
            &input.minute_taker,
            &input.location,
            input.mode,
            started,
            ended,
            input.enquiry,
        );
        if details == given {
            return Ok(Changed::No);
        }
        self.draft_only()?;
        let meeting = &mut self.meeting;
        let changed = [
            replace(&mut meeting.chair, input.chair),
            replace(&mut meeting.minute_taker, input.minute_taker),
            replace(&mut meeting.location, input.location),
            replace(&mut meeting.mode, input.mode),
            replace(&mut meeting.started_at, started),
            replace(&mut meeting.ended_at, ended),
            replace(&mut meeting.enquiry, input.enquiry),
        ]
        .contains(&true);
        Ok(self.changed_at(changed, now))
    }

    /// The timestamp for `time` given for a slot holding `before`: `before` itself when it
    /// has that time of day, else that time on the meeting's day.
    fn meeting_timestamp(
        &self,
        before: Option<Timestamp>,
        time: Option<NaiveTime>,
        now: Timestamp,
    ) -> Option<Timestamp> {
        let time = time?;
        match before {
            Some(at) if at.time() == time => Some(at),
            Some(at) => Some(self.at_meeting_time(time, &at)),
            None => Some(self.at_meeting_time(time, &now)),
        }
    }
}

/// The name of the attendee whose initials `written` is (ignoring case), else `written`.
fn named(attendees: &[Attendee], written: String) -> String {
    let initials = written.trim();
    if initials.is_empty() {
        return written;
    }
    attendees
        .iter()
        .find(|a| !a.initials.is_empty() && a.initials.to_lowercase() == initials.to_lowercase())
        .map_or(written, |a| a.name.clone())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::MinutesStatus;

    fn details() -> MeetingDetailsInput {
        MeetingDetailsInput {
            chair: "Priya Nair".to_owned(),
            minute_taker: "Tom Walsh".to_owned(),
            location: "Room 4, Civic Centre".to_owned(),
            mode: Some(MeetingMode::Mixed),
            started: NaiveTime::from_hms_opt(10, 0, 0),
            ended: NaiveTime::from_hms_opt(11, 30, 0),
            enquiry: Some(EnquiryKind::Section42),
        }
    }

    #[test]
    fn the_details_are_recorded_with_times_on_the_meetings_day() {
        let mut record = record();
        let next_day = at("09:00") + chrono::TimeDelta::days(1);
        assert_eq!(
            record.set_meeting_details(details(), next_day),
            Ok(Changed::Yes)
        );
        let meeting = &record.meeting;
        assert_eq!(meeting.chair, "Priya Nair");
        assert_eq!(meeting.minute_taker, "Tom Walsh");
        assert_eq!(meeting.location, "Room 4, Civic Centre");
        assert_eq!(meeting.mode, Some(MeetingMode::Mixed));
        assert_eq!(meeting.started_at, Some(at("10:00")), "the meeting's day");
        assert_eq!(meeting.ended_at, Some(at("11:30")));
        assert_eq!(meeting.enquiry, Some(EnquiryKind::Section42));
        assert_eq!(
            record.set_meeting_details(details(), next_day),
            Ok(Changed::No)
        );
        assert_eq!(record.problems(), Vec::<String>::new());
    }

    #[test]
    fn a_start_given_as_it_was_keeps_its_seconds() {
        let mut record = record();
        let started = at("10:00") + chrono::TimeDelta::seconds(17);
        record.meeting.started_at = Some(started);
        let input = MeetingDetailsInput {
            started: Some(started.time()),
            ended: None,
            ..details()
        };
        assert_eq!(
            record.set_meeting_details(input, at("12:00")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.meeting.started_at, Some(started));
        assert_eq!(record.meeting.ended_at, None);
    }

    #[test]
    fn an_end_before_the_start_and_agreed_minutes_are_refused() {
        let mut record = record();
        let before = record.clone();
        let backwards = MeetingDetailsInput {
            ended: NaiveTime::from_hms_opt(9, 0, 0),
            ..details()
        };
        assert_eq!(
            record.set_meeting_details(backwards, at("12:00")),
            Err(Refusal::EndsBeforeStart)
        );
        record.meeting.status = MinutesStatus::Agreed;
        assert_eq!(
            record.set_meeting_details(details(), at("12:00")),
            Err(Refusal::NotDraft(MinutesStatus::Agreed))
        );
        record.meeting.status = MinutesStatus::Draft;
        assert_eq!(record, before);
    }

    #[test]
    fn a_chair_named_in_full_is_kept_as_written_and_initials_name_the_attendee() {
        let mut record = record();
        record.attendees = vec![
            Attendee::new("Zoë Martin", "Chair", "Adult Social Care"),
            Attendee::new("Łukasz Nowak", "DC", "Police"),
        ];
        let input = MeetingDetailsInput {
            chair: "Zoe Martin".to_owned(),
            minute_taker: "łn".to_owned(),
            started: None,
            ended: None,
            ..details()
        };
        assert_eq!(
            record.set_meeting_details(input, at("09:30")),
            Ok(Changed::Yes)
        );
        assert_eq!(
            record.meeting.chair, "Zoe Martin",
            "as typed, never initials"
        );
        assert_eq!(record.meeting.minute_taker, "Łukasz Nowak");
        let input = MeetingDetailsInput {
            chair: "the chair".to_owned(),
            minute_taker: "Dr Nowak".to_owned(),
            started: None,
            ended: None,
            ..details()
        };
        assert_eq!(
            record.set_meeting_details(input, at("09:31")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.meeting.chair, "the chair");
        assert_eq!(record.meeting.minute_taker, "Dr Nowak");
    }

    #[test]
    fn the_enquiry_kind_is_recorded_changed_and_cleared() {
        let mut record = record();
        assert_eq!(record.meeting.enquiry, None);
        assert_eq!(
            record.set_meeting_details(details(), at("12:00")),
            Ok(Changed::Yes)
        );
        let other = MeetingDetailsInput {
            enquiry: Some(EnquiryKind::Other),
            ..details()
        };
        assert_eq!(
            record.set_meeting_details(other, at("12:01")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.meeting.enquiry, Some(EnquiryKind::Other));
        let unknown = MeetingDetailsInput {
            enquiry: None,
            ..details()
        };
        assert_eq!(
            record.set_meeting_details(unknown, at("12:02")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.meeting.enquiry, None);
        let json = serde_json::to_value(&record).unwrap();
        assert!(
            json["meeting"].get("enquiry").is_none(),
            "not written when not recorded, so files stay as they were"
        );
    }

    #[test]
    fn a_new_meeting_needs_a_title() {
        let meeting = |title: &str| NewMeeting {
            title: title.to_owned(),
            subject_ref: String::new(),
            date: record().meeting.date,
        };
        assert_eq!(meeting("").check(), Err(Refusal::Blank("The title")));
        assert_eq!(meeting("  \t ").check(), Err(Refusal::Blank("The title")));
        assert_eq!(meeting("Case conference").check(), Ok(()));
        assert_eq!(
            Refusal::Blank("The title").to_string(),
            "The title is required."
        );
    }
}
