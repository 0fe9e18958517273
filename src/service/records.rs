//! Listing, reading, opening, creating and checking records.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::audit::EditingSession;
use super::state::Service;
use super::warning::Warning;
use crate::error::{Error, Result};
use crate::followup;
use crate::model::{
    self, MeetingDetailsInput, MeetingMode, MinutesStatus, NewMeeting, Record, Refusal, Timestamp,
};
use crate::people::{self, Invited};
use crate::store::{self, ListEntry, Loaded, RecordFile, Restored};

/// Every readable record of the folder, newest first; each file that could not be read is a
/// warning, and counted.
#[derive(Debug, Default)]
pub struct Records {
    /// The records: file and summary.
    pub entries: Vec<ListEntry>,
    /// How many record files could not be read.
    pub unreadable: usize,
}

/// A record opened for the live screen.
#[derive(Debug)]
pub struct OpenRecord {
    /// The record.
    pub record: Record,
    /// Its file.
    pub path: PathBuf,
    /// The handle to save it with (holding its lock); `None` when read-only.
    pub file: Option<RecordFile>,
    /// Why this session may not write it, if so.
    pub read_only: Option<String>,
    /// The editing session in the audit log: its `open` line is written; closing it (or
    /// dropping it) writes its `close` line.
    pub audit: Option<EditingSession>,
}

/// What a follow-up meeting is given; what is left out comes from the earlier meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUp {
    /// The meeting type (default: the earlier meeting's).
    pub meeting_type: Option<String>,
    /// The title (default: "Review: " and the earlier title).
    pub title: Option<String>,
    /// The adult's case reference (blank: the earlier meeting's).
    pub subject: String,
    /// The meeting date (default: today, or the earlier meeting's date if that is later).
    pub date: Option<NaiveDate>,
    /// Who chairs, where, how, and anyone invited besides the people carried over.
    pub arrangements: Arrangements,
}

/// What a new meeting may be given besides its type, title, subject and date: who chairs
/// and who takes the minutes, where and how it is held, and the invitation list. Each is
/// recorded through the model's commands, with their rules; what is left blank stays
/// not recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arrangements {
    /// Who chairs (an attendee's initials are recorded as their name).
    pub chair: String,
    /// Who takes the minutes (likewise); blank: the user ([`Service::user_name`]).
    pub minute_taker: String,
    /// The venue, or the video or phone details.
    pub venue: String,
    /// In person, video, phone or mixed.
    pub mode: Option<MeetingMode>,
    /// The invitation list: a CSV file (see [`crate::people::attendees_from_csv`]).
    pub invitation: Option<PathBuf>,
}

/// An invitation list read and parsed: the file, and the people it names.
#[derive(Debug, Default)]
struct Invitation {
    path: PathBuf,
    people: Vec<Invited>,
}

/// One file `minutes check` read, and the rules it breaks (or why it cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The file.
    pub path: PathBuf,
    /// Each problem, naming the file; none when the record is well-formed.
    pub problems: Vec<String>,
}

impl Service<'_> {
    /// Every record in the folder, newest first. Files that cannot be read, and what the
    /// user should know about the folder (files open to others, left-over files), are
    /// warnings.
    ///
    /// # Errors
    /// The records folder cannot be opened or read.
    pub fn list(&self) -> Result<Records> {
        let listing = self.store()?.list()?;
        for problem in &listing.problems {
            self.warn(Warning::RecordSkipped(problem.to_string()));
        }
        for warning in listing.warnings {
            self.warn(Warning::Caution(warning));
        }
        Ok(Records {
            entries: listing.entries,
            unreadable: listing.problems.len(),
        })
    }

    /// The record file an id (any unique prefix) or a path names.
    ///
    /// # Errors
    /// No record or several match; the folder cannot be read.
    pub fn find(&self, id_or_path: &str) -> Result<PathBuf> {
        self.store()?.resolve(id_or_path)
    }

    /// Reads the record at `path`. What the user should know about its file, and why this
    /// session could not write it, are warnings.
    ///
    /// # Errors
    /// The file cannot be read or parsed.
    pub fn read(&self, path: &Path) -> Result<Record> {
        let loaded = self.store()?.load(path)?;
        self.note_file(&loaded);
        if let Some(reason) = &loaded.read_only {
            self.warn(Warning::Note(format!("{}: {reason}", path.display())));
        }
        Ok(loaded.record)
    }

    /// Warnings about the file a record was loaded from.
    fn note_file(&self, loaded: &Loaded) {
        for warning in &loaded.warnings {
            self.warn(Warning::Caution(warning.clone()));
        }
    }

    /// Opens the record at `path` for the live screen: locked, unless another session has
    /// it or the store may not write it; read-only besides while its minutes are agreed or
    /// circulated (then no lock is held). The rules it breaks and why it is read-only are
    /// warnings.
    ///
    /// # Errors
    /// The file cannot be read or parsed.
    pub fn open_for_editing(&self, path: &Path) -> Result<OpenRecord> {
        let (mut loaded, mut file) = self.store()?.open_record(path)?;
        if let Some(file) = &file {
            self.note_lock(file);
        }
        if let Some(reason) = model::read_only_reason(&loaded.record) {
            file = None;
            let reason = format!(
                "{reason}: minutes reopen {} --by NAME --reason TEXT",
                loaded.record.short_id()
            );
            loaded.read_only = Some(match loaded.read_only.take() {
                Some(store_reasons) => format!("{store_reasons}; {reason}"),
                None => reason,
            });
        }
        self.note_file(&loaded);
        for problem in &loaded.problems {
            self.warn(Warning::Note(format!("{}: {problem}", path.display())));
        }
        if let Some(reason) = &loaded.read_only {
            self.warn(Warning::Note(format!("{}: {reason}", path.display())));
        }
        let mut details = serde_json::Map::new();
        if loaded.read_only.is_some() {
            details.insert("read_only".to_owned(), true.into());
        }
        let audit = self.start_editing(&loaded.record, path, details);
        Ok(OpenRecord {
            record: loaded.record,
            path: path.to_owned(),
            file,
            read_only: loaded.read_only,
            audit,
        })
    }

    /// Creates a record for a new meeting of type `meeting_type`, its minutes deadline
    /// counting the user's holidays, locked and ready for the live screen.
    ///
    /// # Errors
    /// As [`create_arranged`](Self::create_arranged).
    pub fn create(&self, meeting_type: &str, details: NewMeeting) -> Result<OpenRecord> {
        self.create_arranged(meeting_type, details, &Arrangements::default())
    }

    /// Creates a record for a new meeting of type `meeting_type` with its `arrangements`
    /// (chair, minute taker, venue, mode, the people on the invitation list, added by the
    /// model's attendee command so its rules make and check their initials), its minutes
    /// deadline counting the user's holidays, locked and ready for the live screen. How
    /// many people the list invites is a warning ([`Warning::Done`]).
    ///
    /// # Errors
    /// A blank title ([`Error::Usage`]); no such meeting type; the invitation list cannot
    /// be read, or a row of it is wrong or breaks a rule ([`Error::Invalid`] naming the
    /// file and line); the record cannot be written. Nothing is created then.
    pub fn create_arranged(
        &self,
        meeting_type: &str,
        details: NewMeeting,
        arrangements: &Arrangements,
    ) -> Result<OpenRecord> {
        details.check().map_err(refused)?;
        let template = self.catalogue().get(meeting_type)?;
        let invitation = read_invitation(arrangements)?;
        let arrangements = &self.taken_by_user(arrangements);
        self.store()?;
        let holidays = self.holidays();
        let created = self.create_with(|id, now| {
            let mut record = Record::new(template, details.clone(), id, now);
            arrange(&mut record, arrangements, &invitation, now)?;
            model::refresh_minutes_due(&mut record, template.deadline, holidays);
            Ok(record)
        })?;
        self.say_who_is_invited(&invitation, arrangements);
        Ok(created)
    }

    /// Creates the follow-up (review) meeting of the record at `previous`: its attendees,
    /// plan and open actions carried over, linked back to it (see [`crate::followup`]).
    /// How many actions are carried, and whether the earlier minutes are not circulated
    /// yet, are warnings.
    ///
    /// `given.arrangements` are recorded as [`create_arranged`](Self::create_arranged)
    /// records them, the invitation list adding to the people carried over.
    ///
    /// # Errors
    /// The earlier record cannot be read; no such meeting type; the date is before the
    /// earlier meeting or the title given is blank ([`Error::Usage`]); as
    /// [`create_arranged`](Self::create_arranged) for the arrangements; the record cannot
    /// be written.
    pub fn follow_up(&self, previous_path: &Path, given: FollowUp) -> Result<OpenRecord> {
        let previous = self.store()?.load(previous_path)?.record;
        let key = given
            .meeting_type
            .unwrap_or_else(|| previous.meeting.meeting_type.clone());
        let template = self.catalogue().get(&key)?;
        let date = given
            .date
            .unwrap_or_else(|| self.today().max(previous.meeting.date));
        if date < previous.meeting.date {
            return Err(Error::Usage(format!(
                "--date {date} is before the meeting it follows up ({}, record {} in {})",
                previous.meeting.date,
                previous.short_id(),
                previous_path.display()
            )));
        }
        let details = NewMeeting {
            title: given
                .title
                .unwrap_or_else(|| followup::default_title(&previous)),
            subject_ref: given.subject,
            date,
        };
        details.check().map_err(refused)?;
        let arrangements = &self.taken_by_user(&given.arrangements);
        let invitation = read_invitation(arrangements)?;
        let holidays = self.holidays();
        let created = self.create_with(|id, now| {
            let mut record = followup::follow_up(&previous, template, details.clone(), id, now);
            arrange(&mut record, arrangements, &invitation, now)?;
            model::refresh_minutes_due(&mut record, template.deadline, holidays);
            Ok(record)
        })?;
        self.say_what_follows(&previous);
        self.say_who_is_invited(&invitation, arrangements);
        Ok(created)
    }

    /// `arrangements` with the user ([`Service::user_name`]) as the minute taker when none
    /// is given.
    fn taken_by_user(&self, arrangements: &Arrangements) -> Arrangements {
        let mut arrangements = arrangements.clone();
        if arrangements.minute_taker.trim().is_empty() {
            arrangements.minute_taker = self.user_name();
        }
        arrangements
    }

    /// How many people the invitation list (if one was given) invited.
    fn say_who_is_invited(&self, invitation: &Invitation, arrangements: &Arrangements) {
        if arrangements.invitation.is_none() {
            return;
        }
        let file = invitation.path.display();
        match invitation.people.len() {
            0 => self.warn(Warning::Note(format!(
                "{file} names nobody below its header row; no attendees added"
            ))),
            n => self.warn(Warning::Done(format!(
                "{n} {} invited from {file}",
                if n == 1 { "person" } else { "people" }
            ))),
        }
    }

    /// Warnings about the meeting a follow-up carries on from.
    fn say_what_follows(&self, previous: &Record) {
        let carried = previous.actions.iter().filter(|a| a.is_open()).count();
        self.warn(Warning::Done(format!(
            "follow-up of {}: {carried} open action{} carried for review",
            record_in_words(previous),
            if carried == 1 { "" } else { "s" }
        )));
        if previous.meeting.status != MinutesStatus::Circulated {
            self.warn(Warning::Note(format!(
                "the minutes of {} are not circulated yet ({})",
                previous.short_id(),
                previous.meeting.status.label().to_lowercase()
            )));
        }
    }

    /// Creates the record `build` makes (given an id and the time), locked. File names carry
    /// the first 8 hex digits of the id: on the rare clash, another id is drawn.
    fn create_with(
        &self,
        build: impl Fn(String, Timestamp) -> Result<Record>,
    ) -> Result<OpenRecord> {
        let store = self.store()?;
        let mut attempts = 0;
        loop {
            let id = uuid::Uuid::new_v4().simple().to_string();
            let record = build(id, self.now())?;
            match store.create_record(&record) {
                Err(Error::Exists { .. }) if attempts < 3 => attempts += 1,
                result => {
                    let file = result?;
                    let mut details = serde_json::Map::new();
                    details.insert("new".to_owned(), true.into());
                    let audit = self.start_editing(&record, file.path(), details);
                    return Ok(OpenRecord {
                        path: file.path().to_owned(),
                        record,
                        file: Some(file),
                        read_only: None,
                        audit,
                    });
                }
            }
        }
    }

    /// Makes a recovery file the record again (see [`crate::store::Store::restore`]).
    ///
    /// # Errors
    /// As [`crate::store::Store::restore`]: refused, naming why; nothing is changed then.
    pub fn restore(&self, recovery: &Path, overwrite_newer: bool) -> Result<Restored> {
        self.store()?.restore(recovery, overwrite_newer)
    }

    /// Checks record files, and every record file in the folders among `paths`, against
    /// the format's rules. What the user should know about each file or folder (open to
    /// others, left-over files) is a warning. Needs no records folder.
    ///
    /// # Errors
    /// A folder cannot be read.
    pub fn check(&self, paths: &[PathBuf]) -> Result<Vec<Checked>> {
        let mut files = Vec::new();
        for path in paths {
            for warning in store::warnings_about(path).unwrap_or_default() {
                self.warn(Warning::Caution(warning));
            }
            files.extend(store::files_to_check(path)?);
        }
        Ok(files
            .into_iter()
            .map(|path| {
                let problems = match store::load_file(&path) {
                    Err(error) => vec![error.to_string()],
                    Ok(record) => record
                        .problems()
                        .into_iter()
                        .map(|problem| format!("{}: {problem}", path.display()))
                        .collect(),
                };
                Checked { path, problems }
            })
            .collect())
    }
}

/// The invitation list of `arrangements`, if one is given, read through the store and
/// parsed.
///
/// # Errors
/// The file cannot be read, or a row is wrong: [`Error::Invalid`] naming the file, the line
/// and, where one cell is wrong, the column.
fn read_invitation(arrangements: &Arrangements) -> Result<Invitation> {
    let Some(path) = &arrangements.invitation else {
        return Ok(Invitation::default());
    };
    let bytes = store::read_invitation(path)?;
    let people = people::attendees_from_csv(&bytes).map_err(|error| Error::Invalid {
        path: path.clone(),
        message: format!("{error}; no record was created"),
    })?;
    Ok(Invitation {
        path: path.clone(),
        people,
    })
}

/// Records `arrangements` in a new `record` through the model's commands: the invited
/// people first (so the chair and minute taker can be given as their initials), then the
/// meeting's details.
///
/// # Errors
/// A person breaks an attendee rule (initials already used): [`Error::Invalid`] naming the
/// invitation list and the line.
fn arrange(
    record: &mut Record,
    arrangements: &Arrangements,
    invitation: &Invitation,
    now: Timestamp,
) -> Result<()> {
    for person in &invitation.people {
        record
            .add_attendee(person.input.clone(), now)
            .map_err(|refusal| {
                let hint = if matches!(refusal, Refusal::InitialsTaken(_)) {
                    " (an 'initials' column can give them)"
                } else {
                    ""
                };
                Error::Invalid {
                    path: invitation.path.clone(),
                    message: format!(
                        "line {}: {refusal}{hint}; no record was created",
                        person.line
                    ),
                }
            })?;
    }
    let details = MeetingDetailsInput {
        chair: arrangements.chair.clone(),
        minute_taker: arrangements.minute_taker.clone(),
        location: arrangements.venue.clone(),
        mode: arrangements.mode,
        started: None,
        ended: None,
        enquiry: record.meeting.enquiry,
    };
    record
        .set_meeting_details(details, now)
        .map(drop)
        .map_err(refused)
}

/// A refusal of the model's as what the user asked for differently.
fn refused(refusal: Refusal) -> Error {
    Error::Usage(format!("{refusal} Nothing was created."))
}

/// A record in words: "1a2b3c4d (Case conference, 2026-11-23)".
#[must_use]
pub fn record_in_words(record: &Record) -> String {
    format!(
        "{} ({}, {})",
        record.short_id(),
        record.meeting.title,
        record.meeting.date
    )
}
