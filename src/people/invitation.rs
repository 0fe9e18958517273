//! The invitation list as a spreadsheet saves it (`minutes new --attendees FILE`): a CSV file
//! with a header row naming its columns, `name`, `role` and `agency`, and optionally
//! `initials`, `email`, `attendance` and `parts`, in any order and any case.
//!
//! A row that cannot be read is reported with its line and column (1-based, as a spreadsheet
//! counts them), and the whole list is refused: half an attendance list is worse than none.

use crate::model::{Attendance, Attendee, MeetingPart, initials_for};

/// What is wrong with an invitation list, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct InvitationError {
    /// 1-based line of the file.
    pub line: u64,
    /// 1-based column (field) of that line; 1 for a problem with the whole line.
    pub column: usize,
    /// What is wrong, and what would be right.
    pub message: String,
}

/// The columns the file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Role,
    Agency,
    Initials,
    Email,
    Attendance,
    Parts,
}

impl Column {
    const ALL: [(Self, &'static str); 7] = [
        (Self::Name, "name"),
        (Self::Role, "role"),
        (Self::Agency, "agency"),
        (Self::Initials, "initials"),
        (Self::Email, "email"),
        (Self::Attendance, "attendance"),
        (Self::Parts, "parts"),
    ];

    fn named(header: &str) -> Option<Self> {
        let header = header.trim().to_lowercase();
        Self::ALL
            .iter()
            .find(|(_, name)| *name == header)
            .map(|(column, _)| *column)
    }
}

/// The attendees an invitation list names, in its order.
///
/// # Errors
/// The first problem found: a missing or unknown column, a row of the wrong length, a row
/// without a name, an attendance or part that is not one of the values, text that is not
/// UTF-8.
pub fn attendees_from_csv(text: &str) -> Result<Vec<Attendee>, InvitationError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let columns = header(&mut reader)?;
    let mut attendees = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(&e))?;
        let line = row.position().map_or(0, csv::Position::line);
        attendees.push(attendee(&columns, &row, line)?);
    }
    Ok(attendees)
}

/// The header row's columns, each known, with name, role and agency among them.
fn header(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<Column>, InvitationError> {
    let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let mut columns = Vec::new();
    for (index, field) in headers.iter().enumerate() {
        let column = Column::named(field).ok_or_else(|| InvitationError {
            line: 1,
            column: index + 1,
            message: format!(
                "'{field}' is not a column minutes knows; the header row names name, role and \
                 agency, and may name initials, email, attendance and parts"
            ),
        })?;
        if columns.contains(&column) {
            return Err(InvitationError {
                line: 1,
                column: index + 1,
                message: format!("the column '{field}' appears twice"),
            });
        }
        columns.push(column);
    }
    for (needed, name) in &Column::ALL[..3] {
        if !columns.contains(needed) {
            return Err(InvitationError {
                line: 1,
                column: 1,
                message: format!(
                    "the header row has no '{name}' column (it needs name, role and agency)"
                ),
            });
        }
    }
    Ok(columns)
}

/// One row as an attendee.
fn attendee(
    columns: &[Column],
    row: &csv::StringRecord,
    line: u64,
) -> Result<Attendee, InvitationError> {
    let at = |column: usize, message: String| InvitationError {
        line,
        column: column + 1,
        message,
    };
    let mut person = Attendee::new("", "", "");
    for (index, (column, value)) in columns.iter().zip(row.iter()).enumerate() {
        match column {
            Column::Name => value.clone_into(&mut person.name),
            Column::Role => value.clone_into(&mut person.role),
            Column::Agency => value.clone_into(&mut person.agency),
            Column::Initials => value.clone_into(&mut person.initials),
            Column::Email => value.clone_into(&mut person.contact),
            Column::Attendance if value.is_empty() => {}
            Column::Attendance => {
                person.attendance = attendance(value).ok_or_else(|| {
                    at(
                        index,
                        format!(
                            "'{value}' is not an attendance: present, apologies, absent or \
                             written contribution"
                        ),
                    )
                })?;
            }
            Column::Parts => {
                person.parts = parts(value).ok_or_else(|| {
                    at(
                        index,
                        format!(
                            "'{value}' is not a part of the meeting: whole, part 1 or part 2 \
                             (or both, as 1 and 2)"
                        ),
                    )
                })?;
            }
        }
    }
    if person.name.is_empty() {
        let column = columns.iter().position(|c| *c == Column::Name).unwrap_or(0);
        return Err(at(column, "this row has no name".to_owned()));
    }
    if person.initials.is_empty() {
        person.initials = initials_for(&person.name);
    }
    Ok(person)
}

/// An attendance as a spreadsheet may say it: the record's key, its label, or a short word.
fn attendance(value: &str) -> Option<Attendance> {
    Attendance::parse(value).or_else(|| {
        match value.to_lowercase().replace(['-', '_'], " ").trim() {
            "yes" | "attending" | "attended" | "here" => Some(Attendance::Present),
            "apology" | "sent apologies" | "no" => Some(Attendance::Apologies),
            "written" | "written contribution" | "report" | "report sent" => {
                Some(Attendance::WrittenContribution)
            }
            "did not attend" | "dna" | "not present" => Some(Attendance::Absent),
            _ => None,
        }
    })
}

/// The parts someone attended: empty for the whole meeting, or part 1 and/or part 2.
fn parts(value: &str) -> Option<Vec<MeetingPart>> {
    let mut parts = Vec::new();
    for word in value
        .to_lowercase()
        .split([',', ';', '+', '&', '/'])
        .flat_map(|piece| piece.split(" and "))
    {
        let word = word.replace("only", "").replace("part", "");
        let part = match word.trim() {
            "" | "whole" | "all" | "both" | "whole meeting" => continue,
            "1" | "one" | "professionals" | "professionals only" => MeetingPart::ProfessionalsOnly,
            "2" | "two" | "with the adult" => MeetingPart::WithAdult,
            _ => MeetingPart::parse(value)?,
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    // Both parts is the whole meeting.
    if parts.len() == 2 {
        parts.clear();
    }
    Some(parts)
}

/// A problem the CSV reader found, where it found it.
fn csv_error(error: &csv::Error) -> InvitationError {
    let line = error.position().map_or(1, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields; the header row has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => {
            "the file is not UTF-8 text (save it from the spreadsheet as 'CSV UTF-8')".to_owned()
        }
        _ => error.to_string(),
    };
    InvitationError {
        line,
        column: 1,
        message,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheets_list_becomes_attendees_in_its_order() {
        let text = "\u{feff}Name,Agency,Role,Initials,Email,Attendance,Parts\n\
                    Zoë Martin,Adult Social Care,Chair,,zoe@example.org,present,\n\
                    \"Nowak, Łukasz\",Police,DC,ŁN,,Present,part 2 only\n\
                    Dr Tom Hughes,Riverside Medical Practice,GP,,,apologies,\n\
                    Chen Wei,Oakwood Care,Manager,CW,,written contribution,1 and 2\n";
        let people = attendees_from_csv(text).unwrap();
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Zoë Martin", "Nowak, Łukasz", "Dr Tom Hughes", "Chen Wei"]
        );
        assert_eq!(people[0].initials, initials_for("Zoë Martin"));
        assert_eq!(people[0].contact, "zoe@example.org");
        assert_eq!(people[1].initials, "ŁN");
        assert_eq!(people[1].parts, [MeetingPart::WithAdult]);
        assert_eq!(people[2].attendance, Attendance::Apologies);
        assert_eq!(people[3].attendance, Attendance::WrittenContribution);
        assert!(
            people[3].parts.is_empty(),
            "both parts is the whole meeting"
        );
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_column() {
        let cases = [
            ("name,role\nA,B\n", 1, 1, "no 'agency' column"),
            (
                "name,role,agency,shoe size\nA,B,C,9\n",
                1,
                4,
                "'shoe size' is not a column",
            ),
            ("name,role,agency\nA,B,C\nD,E\n", 3, 1, "2 fields"),
            (
                "name,role,agency,attendance\nA,B,C,present\nD,E,F,maybe\n",
                3,
                4,
                "'maybe'",
            ),
            ("role,agency,name\nGP,Surgery,\n", 2, 3, "no name"),
            ("name,role,agency,parts\nA,B,C,part 3\n", 2, 4, "'part 3'"),
        ];
        for (text, line, column, says) in cases {
            let err = attendees_from_csv(text).unwrap_err();
            assert_eq!((err.line, err.column), (line, column), "{text}: {err}");
            assert!(err.message.contains(says), "{text}: {err}");
        }
    }
}
