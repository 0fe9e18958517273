//! Who receives which copy of the minutes: a circulation list's names and `export --for NAME`
//! read with the one people matcher, so `Zoe`, `zoë martin` and `ZM` find Zoë Martin here as
//! they do everywhere. Which copy an attendee gets is the model's rule
//! ([`crate::model::copy_for`]); this only says whom a name means.

use crate::model::{Attendee, CopyChoice, Recipient, Record, attendee_copy, copy_for};

use super::{People, PersonMatch, phrase_key};

/// The attendees (indexes) that a circulation list's `recipient` names: one, several equally
/// well (a tie, narrowed by the recipient's agency where that tells them apart), or none.
#[must_use]
pub fn recipient_matches(attendees: &[Attendee], recipient: &Recipient) -> Vec<usize> {
    let found = match People::new(attendees).match_phrase(&recipient.name) {
        PersonMatch::One(index)
        | PersonMatch::Agency {
            index: Some(index), ..
        } => vec![index],
        PersonMatch::Agency { name, index: None } => attendees
            .iter()
            .enumerate()
            .filter(|(_, a)| a.agency == name)
            .map(|(i, _)| i)
            .collect(),
        PersonMatch::Ambiguous(indexes) => indexes,
        PersonMatch::NoOne => Vec::new(),
    };
    let agency = phrase_key(&recipient.agency);
    if found.len() > 1 && !agency.is_empty() {
        let narrowed: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| {
                attendees
                    .get(i)
                    .is_some_and(|a| phrase_key(&a.agency) == agency)
            })
            .collect();
        if !narrowed.is_empty() {
            return narrowed;
        }
    }
    found
}

/// The person `export --for NAME` means, and their copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// Who they are, as the attendance or circulation list has them ("Name, Agency").
    pub who: String,
    /// Their copy, and why.
    pub copy: CopyChoice,
}

/// Why `export --for NAME` found nobody to make a copy for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderError {
    /// Nobody on the attendance or circulation list: everyone who is (`"Name, Agency"`).
    NoOne(Vec<String>),
    /// Several people named equally well: who.
    Several(Vec<String>),
}

/// Who `typed` names among `record`'s attendees and the people on its circulation list who
/// are not attendees, and the copy their attendance calls for. Never a guess: a miss or a tie
/// is an error listing the candidates.
///
/// # Errors
/// [`ReaderError`]: nobody, or several people, answer to `typed`.
pub fn reader(record: &Record, typed: &str) -> Result<Reader, ReaderError> {
    let attendees = &record.attendees;
    let others: Vec<&Recipient> = record
        .review
        .circulation
        .iter()
        .filter(|r| recipient_matches(attendees, r).is_empty())
        .collect();
    let mut everyone: Vec<Attendee> = attendees.clone();
    everyone.extend(others.iter().map(|r| Attendee::new(&r.name, "", &r.agency)));
    let who = |index: usize| everyone.get(index).map_or_else(String::new, described);
    let found = match People::new(&everyone).match_phrase(typed) {
        PersonMatch::One(index)
        | PersonMatch::Agency {
            index: Some(index), ..
        } => index,
        PersonMatch::Agency { name, index: None } => {
            let from: Vec<usize> = (0..everyone.len())
                .filter(|&i| everyone[i].agency == name)
                .collect();
            return Err(ReaderError::Several(from.into_iter().map(who).collect()));
        }
        PersonMatch::Ambiguous(indexes) => {
            return Err(ReaderError::Several(indexes.into_iter().map(who).collect()));
        }
        PersonMatch::NoOne => {
            return Err(ReaderError::NoOne((0..everyone.len()).map(who).collect()));
        }
    };
    let copy = match attendees.get(found) {
        Some(attendee) => attendee_copy(attendee),
        None => copy_for(attendees, &[]),
    };
    Ok(Reader {
        who: who(found),
        copy,
    })
}

/// "Name, Agency", or the name alone.
fn described(person: &Attendee) -> String {
    if person.agency.trim().is_empty() {
        person.name.clone()
    } else {
        format!("{}, {}", person.name, person.agency)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Audience, CopyRule, MeetingPart};

    fn attendees() -> Vec<Attendee> {
        let mut adult = Attendee::new("Ada Brown", "", "");
        adult.is_adult = true;
        let mut provider = Attendee::new("Zoë Martin", "Registered manager", "Oakfield Care");
        provider.parts = vec![MeetingPart::WithAdult];
        let mut sister = Attendee::new("Beth Brown", "", "");
        sister.is_representative = true;
        vec![
            adult,
            provider,
            sister,
            Attendee::new("Tom Hughes", "Social worker", "ASC"),
            Attendee::new("Tom Walsh", "Police officer", "Police"),
        ]
    }

    fn copy(name: &str, agency: &str) -> CopyChoice {
        let attendees = attendees();
        let recipient = Recipient {
            name: name.to_owned(),
            agency: agency.to_owned(),
            copy: None,
        };
        copy_for(&attendees, &recipient_matches(&attendees, &recipient))
    }

    #[test]
    fn each_recipient_gets_the_copy_their_attendance_calls_for() {
        assert_eq!(copy("zoe martin", "").audience, Audience::Part2);
        assert_eq!(copy("ZM", "").rule, CopyRule::Part2Only);
        assert_eq!(copy("Ada Brown", "").rule, CopyRule::TheAdult);
        assert_eq!(copy("beth brown", "").audience, Audience::Adult);
        assert_eq!(copy("Tom Hughes", "ASC").rule, CopyRule::Attendee);
        assert_eq!(copy("Inspector", "CQC").rule, CopyRule::NotAnAttendee);
        assert_eq!(copy("Inspector", "CQC").audience, Audience::Professionals);
    }

    #[test]
    fn a_tie_gets_the_copy_that_shares_least_unless_the_agency_tells_them_apart() {
        // "Brown" is the adult and her sister: the adult's copy, not the professionals'.
        let brown = copy("Brown", "");
        assert_eq!(brown.audience, Audience::Adult);
        assert!(matches!(brown.rule, CopyRule::Tie(_)));
        assert_eq!(copy("Tom", "").audience, Audience::Professionals);
        assert!(matches!(copy("Tom", "").rule, CopyRule::Tie(_)));
        assert_eq!(copy("Tom", "Police").rule, CopyRule::Attendee);
    }
}
