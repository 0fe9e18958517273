//! The meeting details form: who chairs and who takes the minutes (an attendee's initials
//! or any name), where and how the meeting is held, when it started and ended, and whether
//! its enquiry is a section 42 enquiry (for the SAC return).

use super::{Saved, people_hint};
use chrono::NaiveTime;

use crate::model::{EnquiryKind, MeetingDetailsInput, MeetingMode, Timestamp};
use crate::tui::app::{LiveScreen, PLAN_SECTIONS};
use crate::tui::form::{ChoiceField, Form, TextField, TimeField};

/// Where the meeting details form is among the plan pane's sections.
pub const MEETING_DETAILS_SECTION: usize = 6;

/// The meeting details form's fields.
#[derive(Debug)]
pub struct MeetingDetailsForm {
    chair: TextField,
    minute_taker: TextField,
    location: TextField,
    mode: ChoiceField<MeetingMode>,
    started: TimeField,
    ended: TimeField,
    enquiry: ChoiceField<EnquiryKind>,
}

impl MeetingDetailsForm {
    /// The form on `screen`'s record; a minute taker not yet recorded is offered as the
    /// person using the screen ([`LiveScreen::user_name`]).
    #[must_use]
    pub fn open(screen: &LiveScreen) -> (Form, Self) {
        let meeting = &screen.record.meeting;
        let people = people_hint(
            &screen.record.attendees,
            "an attendee's initials or any name",
        );
        let minute_taker = if meeting.minute_taker.trim().is_empty() {
            screen.user_name.clone().unwrap_or_default()
        } else {
            meeting.minute_taker.clone()
        };
        let time_hint = if screen.typing_up() {
            "HH:MM: typing up, no time is stamped for you"
        } else {
            "HH:MM"
        };
        let mut form = Form::new(PLAN_SECTIONS[MEETING_DETAILS_SECTION]);
        let fields = Self {
            chair: form
                .add_text("Chair", &meeting.chair)
                .hint(&people)
                .handle(),
            minute_taker: form
                .add_text("Minute taker", &minute_taker)
                .hint(&people)
                .handle(),
            location: form
                .add_text("Venue", &meeting.location)
                .hint("the room, or the video or phone details")
                .handle(),
            mode: form
                .add_choice("Mode", MeetingMode::ALL, meeting.mode)
                .handle(),
            started: form
                .add_time(
                    "Started at",
                    meeting.started_at.map(|t| screen.zone.local(&t).time()),
                )
                .hint(time_hint)
                .handle(),
            ended: form
                .add_time(
                    "Ended at",
                    meeting.ended_at.map(|t| screen.zone.local(&t).time()),
                )
                .hint(time_hint)
                .handle(),
            enquiry: form
                .add_choice("Enquiry", EnquiryKind::ALL, meeting.enquiry)
                .hint("for the SAC return; not recorded counts by the meeting type")
                .handle(),
        };
        (form, fields)
    }

    /// The details as typed; initials become the attendee's name in the record command.
    fn read(&self, form: &Form, screen: &LiveScreen) -> MeetingDetailsInput {
        let meeting = &screen.record.meeting;
        // Typed on the council's clock; the record command reads a time in the offset of
        // the timestamp it replaces (or of now).
        let record_clock = |time: NaiveTime, like: Option<Timestamp>| {
            let like = like.unwrap_or(screen.now);
            screen.zone.in_offset_of(meeting.date, time, &like)
        };
        MeetingDetailsInput {
            chair: self.chair.read(form),
            minute_taker: self.minute_taker.read(form),
            location: self.location.read(form),
            mode: self.mode.read(form),
            started: self
                .started
                .read(form)
                .map(|t| record_clock(t, meeting.started_at)),
            ended: self
                .ended
                .read(form)
                .map(|t| record_clock(t, meeting.ended_at)),
            enquiry: self.enquiry.read(form),
        }
    }

    /// Records the details.
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let input = self.read(form, screen);
        let changed = screen.record.set_meeting_details(input, screen.now)?;
        Ok((changed, "Meeting details saved".to_owned()))
    }
}
