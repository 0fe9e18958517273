//! The invitation list as a spreadsheet saves it (`minutes new --attendees FILE`): a CSV file
//! with a header row naming its columns, `name`, `role` and `agency`, and optionally
//! `initials`, `email`, `attendance` and `parts`, in any order and any case.
//!
//! Each row becomes what a front end gives the model's attendee command
//! ([`AttendeeInput`]), so the model's rules apply as they do on the screens: initials left
//! empty are derived from the name there, and must be unique. Text is cleaned as typed
//! text is (no control characters; a line break inside a quoted cell is a space). Rows
//! with every cell empty (a spreadsheet's trailing rows) are skipped.
//!
//! A row that cannot be read is reported with its line, and its column where one cell is
//! wrong (1-based, as a spreadsheet counts them), and the whole list is refused: half an
//! attendance list is worse than none.

use crate::model::{Attendance, AttendeeInput, MeetingPart};

/// What is wrong with an invitation list, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {message}", column.map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct InvitationError {
    /// 1-based line of the file.
    pub line: u64,
    /// 1-based column (cell) of that line; `None` for a problem with the whole line.
    pub column: Option<usize>,
    /// What is wrong, and what would be right.
    pub message: String,
}

/// One person on the invitation list, and the line of the file that names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    /// The 1-based line their row starts on.
    pub line: u64,
    /// The person, as the model's attendee command takes them.
    pub input: AttendeeInput,
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

/// The people an invitation list names, in its order, each with their line.
///
/// # Errors
/// The first problem found: text that is not UTF-8, a missing or unknown column, a row of
/// the wrong length, a row without a name, an attendance or part that is not one of the
/// values.
pub fn attendees_from_csv(bytes: &[u8]) -> Result<Vec<Invited>, InvitationError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(InvitationError {
            line: 1,
            column: None,
            message: NOT_UTF8.replace("not UTF-8", "UTF-16, not UTF-8"),
        });
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let columns = header(&mut reader, bytes)?;
    let mut invited = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(&e, bytes))?;
        if row.iter().all(str::is_empty) {
            continue;
        }
        let line = line_of(bytes, row.position());
        invited.push(Invited {
            line,
            input: attendee(&columns, &row, line)?,
        });
    }
    Ok(invited)
}

/// One person typed on one line as a row of the invitation list without its header: name,
/// then optionally role, agency, attendance and parts, separated by commas ("Priya Raman,
/// DC, Police"; quotes keep a comma in a name: "\"Nowak, Łukasz\", DC, Police").
///
/// # Errors
/// What is wrong with the line, in the words the invitation list uses (no name, an
/// attendance that is not one of the values, more than five parts).
pub fn attendee_from_line(line: &str) -> Result<AttendeeInput, String> {
    const COLUMNS: [&str; 5] = ["name", "role", "agency", "attendance", "parts"];
    let line = line.trim();
    let fields = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map_or(0, |row| row.len());
    if line.is_empty() || fields == 0 {
        return Err("type a name, then role and agency, separated by commas".to_owned());
    }
    if fields > COLUMNS.len() {
        return Err(format!(
            "{fields} parts: give name, role, agency (and attendance, parts), separated by commas"
        ));
    }
    // Name, role and agency are the list's required columns: absent ones are empty.
    let columns = fields.max(3);
    let padding = ",".repeat(columns - fields);
    let text = format!("{}\n{line}{padding}\n", COLUMNS[..columns].join(","));
    let mut people = attendees_from_csv(text.as_bytes()).map_err(|error| error.message)?;
    people
        .pop()
        .map(|invited| invited.input)
        .ok_or_else(|| "type a name".to_owned())
}

/// What to say about a file that is not UTF-8 text.
const NOT_UTF8: &str = "the file is not UTF-8 text (save it from the spreadsheet as 'CSV UTF-8')";

/// The header row's columns, each known, with name, role and agency among them.
fn header(reader: &mut csv::Reader<&[u8]>, bytes: &[u8]) -> Result<Vec<Column>, InvitationError> {
    let headers = reader.headers().map_err(|e| csv_error(&e, bytes))?.clone();
    let line = line_of(bytes, headers.position());
    let mut columns = Vec::new();
    for (index, field) in headers.iter().enumerate() {
        let column = Column::named(field).ok_or_else(|| InvitationError {
            line,
            column: Some(index + 1),
            message: format!(
                "'{field}' is not a column minutes knows; the header row names name, role and \
                 agency, and may name initials, email, attendance and parts"
            ),
        })?;
        if columns.contains(&column) {
            return Err(InvitationError {
                line,
                column: Some(index + 1),
                message: format!("the column '{field}' appears twice"),
            });
        }
        columns.push(column);
    }
    for (needed, name) in &Column::ALL[..3] {
        if !columns.contains(needed) {
            return Err(InvitationError {
                line,
                column: None,
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
) -> Result<AttendeeInput, InvitationError> {
    let at = |column: usize, message: String| InvitationError {
        line,
        column: Some(column + 1),
        message,
    };
    let mut person = AttendeeInput::default();
    for (index, (column, value)) in columns.iter().zip(row.iter()).enumerate() {
        let value = cell(value);
        match column {
            Column::Name => person.name = value,
            Column::Role => person.role = value,
            Column::Agency => person.agency = value,
            Column::Initials => person.initials = value,
            Column::Email => person.contact = value,
            Column::Attendance if value.is_empty() => {}
            Column::Attendance => {
                person.attendance = attendance(&value).ok_or_else(|| {
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
                person.parts = parts(&value).ok_or_else(|| {
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
    Ok(person)
}

/// A cell's text as record text: one line, no control characters, no spaces around it.
fn cell(value: &str) -> String {
    crate::text::for_record(value)
        .replace(['\n', '\t'], " ")
        .trim()
        .to_owned()
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

/// The 1-based line of `bytes` a record read at `position` starts on. The reader's own line
/// count is not used: it goes wrong with the CR LF line ends spreadsheets write and does
/// not count blank lines. Its byte offset is where it started reading the record, which
/// may be the end of the line before: line ends there are skipped to the record itself.
/// CR LF, LF and a lone CR each end a line.
fn line_of(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
    let offset = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
    let before = bytes.get(..offset).unwrap_or(bytes);
    let rest = bytes.get(offset..).unwrap_or_default();
    let skipped = rest
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let upto = &bytes[..before.len() + skipped];
    let ends = upto
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && upto.get(i + 1) != Some(&b'\n')))
        .count();
    u64::try_from(ends).unwrap_or(u64::MAX) + 1
}

/// A problem the CSV reader found, where it found it.
fn csv_error(error: &csv::Error, bytes: &[u8]) -> InvitationError {
    let line = line_of(bytes, error.position());
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields; the header row has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => NOT_UTF8.to_owned(),
        _ => error.to_string(),
    };
    InvitationError {
        line,
        column: None,
        message,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Invited> {
        attendees_from_csv(text.as_bytes()).unwrap()
    }

    #[test]
    fn a_spreadsheets_list_becomes_attendees_in_its_order() {
        let text = "\u{feff}Name,Agency,Role,Initials,Email,Attendance,Parts\n\
                    Zoë Martin,Adult Social Care,Chair,,zoe@example.org,present,\n\
                    \"Nowak, Łukasz\",Police,DC,ŁN,,Present,part 2 only\n\
                    Dr Tom Hughes,Riverside Medical Practice,GP,,,apologies,\n\
                    Chen Wei,Oakwood Care,Manager,CW,,written contribution,1 and 2\n";
        let people = read(text);
        let names: Vec<&str> = people.iter().map(|p| p.input.name.as_str()).collect();
        assert_eq!(
            names,
            ["Zoë Martin", "Nowak, Łukasz", "Dr Tom Hughes", "Chen Wei"]
        );
        let lines: Vec<u64> = people.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        let zoe = &people[0].input;
        assert_eq!(zoe.initials, "", "left to the model's rules");
        assert_eq!(zoe.role, "Chair");
        assert_eq!(zoe.agency, "Adult Social Care");
        assert_eq!(zoe.contact, "zoe@example.org");
        assert_eq!(people[1].input.initials, "ŁN");
        assert_eq!(people[1].input.parts, [MeetingPart::WithAdult]);
        assert_eq!(people[2].input.attendance, Attendance::Apologies);
        assert_eq!(people[3].input.attendance, Attendance::WrittenContribution);
        assert!(
            people[3].input.parts.is_empty(),
            "both parts is the whole meeting"
        );
    }

    #[test]
    fn cells_are_cleaned_and_empty_rows_skipped() {
        let text = "name,role,agency\r\n\
                    \"Jane\r\nSmith\",\"DC\u{1b}[31m\",Police\r\n\
                    ,,\r\n\
                    \r\n\
                    Sam Lee,GP,Surgery\r\n\
                    ,,\r\n";
        let people = read(text);
        assert_eq!(people.len(), 2, "{people:?}");
        assert_eq!(people[0].input.name, "Jane Smith");
        assert_eq!(people[0].input.role, "DC[31m", "no escape character");
        assert_eq!(people[1].input.name, "Sam Lee");
        assert_eq!(people[1].line, 6, "a quoted line break counts as a line");
        assert!(read("name,role,agency\n").is_empty());
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_column() {
        let cases: [(&[u8], u64, Option<usize>, &str); 9] = [
            (b"name,role\nA,B\n", 1, None, "no 'agency' column"),
            (
                b"name,role,agency,shoe size\nA,B,C,9\n",
                1,
                Some(4),
                "'shoe size' is not a column",
            ),
            (b"name,role,agency\nA,B,C\nD,E\n", 3, None, "2 fields"),
            (
                b"name,role,agency\r\nA,B,C\r\n\r\n,,\r\nD,E\r\n",
                5,
                None,
                "2 fields",
            ),
            (
                b"name,role,agency,attendance\nA,B,C,present\nD,E,F,maybe\n",
                3,
                Some(4),
                "'maybe'",
            ),
            (b"role,agency,name\nGP,Surgery,\n", 2, Some(3), "no name"),
            (
                b"name,role,agency,parts\nA,B,C,part 3\n",
                2,
                Some(4),
                "'part 3'",
            ),
            (
                b"name,role,agency\nA,B,C\nJos\xe9,GP,Surgery\n",
                3,
                None,
                "not UTF-8",
            ),
            (b"\xff\xfen\0a\0m\0e\0", 1, None, "UTF-16"),
        ];
        for (text, line, column, says) in cases {
            let shown = String::from_utf8_lossy(text);
            let err = attendees_from_csv(text).unwrap_err();
            assert_eq!((err.line, err.column), (line, column), "{shown}: {err}");
            assert!(err.message.contains(says), "{shown}: {err}");
        }
    }

    #[test]
    fn the_error_says_the_column_only_when_one_cell_is_wrong() {
        let whole_line = attendees_from_csv(b"name,role,agency\nA,B\n").unwrap_err();
        assert_eq!(
            whole_line.to_string(),
            "line 2: this row has 2 fields; the header row has 3"
        );
        let cell = attendees_from_csv(b"name,role,agency,parts\nA,B,C,3\n").unwrap_err();
        assert!(
            cell.to_string().starts_with("line 2, column 4: '3'"),
            "{cell}"
        );
    }

    #[test]
    fn one_line_names_a_person_with_role_and_agency() {
        let person = attendee_from_line("Priya Raman, DC, Police").unwrap();
        assert_eq!(
            (
                person.name.as_str(),
                person.role.as_str(),
                person.agency.as_str()
            ),
            ("Priya Raman", "DC", "Police")
        );
        let person = attendee_from_line("\"Nowak, Łukasz\", DS, Police, apologies").unwrap();
        assert_eq!(person.name, "Nowak, Łukasz");
        assert_eq!(person.attendance, crate::model::Attendance::Apologies);
        assert_eq!(attendee_from_line("Zoë Martin").unwrap().role, "");
        assert!(attendee_from_line("  ").is_err());
        assert!(
            attendee_from_line("A, b, c, maybe")
                .unwrap_err()
                .contains("maybe")
        );
    }
}
