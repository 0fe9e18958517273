//! The attendee form.

use super::Saved;
use crate::model::{Attendance, Attendee, AttendeeInput, Changed, MeetingPart, RepresentativeKind};
use crate::tui::app::LiveScreen;
use crate::tui::form::{ChoiceField, FlagField, Form, TextField, TimeField};

/// The attendee form's fields; `index` is the attendee edited, `None` for a new one.
#[derive(Debug)]
pub struct AttendeeForm {
    index: Option<usize>,
    name: TextField,
    initials: TextField,
    role: TextField,
    agency: TextField,
    attendance: ChoiceField<Attendance>,
    joined: TimeField,
    left: TimeField,
    parts: ChoiceField<MeetingPart>,
    /// The parts as the record holds them, read back when the choice is left as shown.
    parts_given: Vec<MeetingPart>,
    adult: FlagField,
    representative: ChoiceField<RepresentativeKind>,
    contact: TextField,
}

impl AttendeeForm {
    /// The form on `person` (attendee `index`, or a new one like them).
    #[must_use]
    pub fn open(index: Option<usize>, person: &Attendee) -> (Form, Self) {
        let title = if index.is_some() {
            "Edit attendee"
        } else {
            "Add attendee"
        };
        let mut form = Form::new(title);
        let fields = Self {
            index,
            name: form.add_text("Name", &person.name).required().handle(),
            initials: form
                .add_text("Initials", &person.initials)
                .hint("for @ attribution; derived from the name if left empty")
                .handle(),
            role: form.add_text("Role", &person.role).handle(),
            agency: form.add_text("Agency", &person.agency).handle(),
            attendance: form
                .add_choice("Attendance", Attendance::ALL, Some(person.attendance))
                .handle(),
            joined: form
                .add_time("Joined late at", person.joined_at)
                .hint("HH:MM; any time, not only now")
                .handle(),
            left: form.add_time("Left early at", person.left_at).handle(),
            adult: form.add_flag("This is the adult", person.is_adult).handle(),
            representative: form
                .add_choice(
                    "Represents the adult as",
                    RepresentativeKind::ALL,
                    person.representative_kind,
                )
                .handle(),
            parts: form
                .add_choice(
                    "Parts attended",
                    MeetingPart::ALL,
                    Some(one_part(&person.parts)),
                )
                .hint("of a two-part meeting: part 1 only, part 2 only, or the whole meeting")
                .handle(),
            parts_given: person.parts.clone(),
            contact: form.add_text("Contact", &person.contact).handle(),
        };
        (form, fields)
    }

    fn read(&self, form: &Form) -> AttendeeInput {
        AttendeeInput {
            name: self.name.read(form),
            initials: self.initials.read(form),
            role: self.role.read(form),
            agency: self.agency.read(form),
            attendance: self.attendance.read(form).unwrap_or_default(),
            joined_at: self.joined.read(form),
            left_at: self.left.read(form),
            is_adult: self.adult.read(form),
            representative_kind: self.representative.read(form),
            parts: self.read_parts(form),
            contact: self.contact.read(form),
        }
    }

    /// The parts chosen; as the record holds them when the choice was left as shown.
    fn read_parts(&self, form: &Form) -> Vec<MeetingPart> {
        match self.parts.read(form) {
            Some(part) if part == one_part(&self.parts_given) => self.parts_given.clone(),
            Some(MeetingPart::Whole) | None => Vec::new(),
            Some(part) => vec![part],
        }
    }

    /// Adds or edits the attendee; says "Name (initials)".
    pub(super) fn save(&self, form: &Form, screen: &mut LiveScreen) -> Saved {
        let input = self.read(form);
        let (index, changed) = match self.index {
            Some(index) => (
                index,
                screen.record.edit_attendee(index, input, screen.now)?,
            ),
            None => {
                let index = screen.record.add_attendee(input, screen.now)?;
                screen.selected.people = index;
                (index, Changed::Yes)
            }
        };
        let person = &screen.record.attendees[index];
        Ok((changed, format!("{} ({})", person.name, person.initials)))
    }
}

/// The one part attended that `parts` names, or the whole meeting (no parts, or both).
fn one_part(parts: &[MeetingPart]) -> MeetingPart {
    match parts {
        [part] => *part,
        _ => MeetingPart::Whole,
    }
}
