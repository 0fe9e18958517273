#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Quick actions as minute takers type them in a safeguarding meeting: who, what, by when.
//!
//! Every person and agency here is invented. "Today" is Monday 23 November 2026.

use chrono::NaiveDate;
use minutes::model::Attendee;
use minutes::people::{People, PersonMatch};
use minutes::quick_action::{
    ActionContext, ParsedAction, parse_action, parse_action_in, show_date, show_due,
};
use proptest::prelude::*;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

/// The meeting: indices are what `owner_attendee` refers to.
fn attendees() -> Vec<Attendee> {
    vec![
        Attendee::new("Jane Smith", "DC", "Police"), // 0: JS
        Attendee::new("Priya Shah", "Social worker", "Adult Social Care"), // 1: PS, SW, ASC
        Attendee::new("Tom Evans", "GP", "GP"),      // 2: TE
        Attendee::new("Siobhán Ó Briain", "Advocate", "Advocacy Service"), // 3: SÓB
        Attendee::new("Łukasz Kowalski", "Ward nurse", "NHS trust"), // 4: ŁK
        Attendee::new("Ruth Okafor", "Chair", "Adult Social Care"), // 5: RO
    ]
}

fn parse(line: &str) -> ParsedAction {
    parse_action(line, &attendees(), today())
}

/// A parsed action owned by attendee `index`.
fn by(index: usize, text: &str, due: Option<(NaiveDate, &str)>) -> ParsedAction {
    let people = attendees();
    ParsedAction {
        text: text.into(),
        owner: people[index].name.clone(),
        agency: people[index].agency.clone(),
        owner_attendee: Some(index),
        due: due.map(|d| d.0),
        due_phrase: due.map(|d| d.1.to_owned()),
        ..ParsedAction::default()
    }
}

#[test]
fn police_to_request_cctv_by_friday() {
    assert_eq!(
        parse("Police to request CCTV by fri"),
        by(0, "Request CCTV", Some((date(2026, 11, 27), "by fri")))
    );
}

#[test]
fn initials_and_working_days() {
    assert_eq!(
        parse("JS chase GP records within 10 working days"),
        by(
            0,
            "Chase GP records",
            Some((date(2026, 12, 7), "within 10 working days"))
        )
    );
}

#[test]
fn agency_owner_and_a_date_without_a_year() {
    assert_eq!(
        parse("GP to review medication by 3 Dec"),
        by(
            2,
            "Review medication",
            Some((date(2026, 12, 3), "by 3 Dec"))
        )
    );
}

#[test]
fn unknown_owner_before_to_is_kept_as_typed() {
    assert_eq!(
        parse("Provider manager to send care plans within 5 working days"),
        ParsedAction {
            text: "Send care plans".into(),
            owner: "Provider manager".into(),
            agency: String::new(),
            owner_attendee: None,
            due: Some(date(2026, 11, 30)),
            due_phrase: Some("within 5 working days".into()),
            owner_miss: Some("Provider manager".into()),
            ..ParsedAction::default()
        }
    );
}

#[test]
fn role_initials_name_the_social_worker() {
    assert_eq!(
        parse("SW visit Mrs B tomorrow"),
        by(1, "Visit Mrs B", Some((date(2026, 11, 24), "tomorrow")))
    );
}

#[test]
fn role_name_owner() {
    assert_eq!(
        parse("Chair to circulate minutes within 10 wd"),
        by(
            5,
            "Circulate minutes",
            Some((date(2026, 12, 7), "within 10 wd"))
        )
    );
}

#[test]
fn no_owner() {
    assert_eq!(
        parse("Request a section 42 enquiry strategy discussion by next fri"),
        ParsedAction {
            text: "Request a section 42 enquiry strategy discussion".into(),
            due: Some(date(2026, 12, 4)),
            due_phrase: Some("by next fri".into()),
            ..ParsedAction::default()
        }
    );
    // A verb taking "to" is not an owner.
    let parsed = parse("Write to GP about the missed appointments");
    assert_eq!(parsed.owner, "");
    assert_eq!(parsed.text, "Write to GP about the missed appointments");
}

#[test]
fn no_date() {
    assert_eq!(
        parse("Priya to arrange an advocate for Mrs B"),
        by(1, "Arrange an advocate for Mrs B", None)
    );
}

#[test]
fn first_name_with_colon_and_uk_numeric_date() {
    assert_eq!(
        parse("priya: share the s42 outcome letter 3/12"),
        by(
            1,
            "Share the s42 outcome letter",
            Some((date(2026, 12, 3), "3/12"))
        )
    );
}

#[test]
fn ambiguous_initials_pick_no_attendee_but_keep_the_owner() {
    let mut people = attendees();
    people.push(Attendee::new(
        "John Stevens",
        "Registered manager",
        "Oakview Care Home",
    ));
    let parsed = parse_action("JS to send the incident log eow", &people, today());
    assert_eq!(
        parsed,
        ParsedAction {
            text: "Send the incident log".into(),
            owner: "JS".into(),
            agency: String::new(),
            owner_attendee: None,
            due: Some(date(2026, 11, 27)),
            due_phrase: Some("eow".into()),
            ambiguous: vec![0, 6],
            ..ParsedAction::default()
        }
    );
    // Two officers from the same agency: the agency is still known.
    let officers = [
        Attendee::new("Jane Smith", "DC", "Police"),
        Attendee::new("Jo Sharma", "PC", "Police"),
    ];
    let parsed = parse_action("JS - check PNC", &officers, today());
    assert_eq!(
        (
            parsed.owner.as_str(),
            parsed.agency.as_str(),
            parsed.owner_attendee
        ),
        ("JS", "Police", None)
    );
    // The full name settles it.
    let parsed = parse_action("Jo Sharma - check PNC", &officers, today());
    assert_eq!(parsed.owner_attendee, Some(1));
}

#[test]
fn non_ascii_names() {
    assert_eq!(
        parse("Siobhán Ó Briain to meet Mrs B on 3rd December"),
        by(
            3,
            "Meet Mrs B",
            Some((date(2026, 12, 3), "on 3rd December"))
        )
    );
    assert_eq!(
        parse("ó briain will book an interpreter"),
        by(3, "Book an interpreter", None)
    );
    assert_eq!(
        parse("ŁK to share discharge summary eom"),
        by(
            4,
            "Share discharge summary",
            Some((date(2026, 11, 30), "eom"))
        )
    );
    assert_eq!(
        parse("Łukasz: ask ward staff for the nursing notes +2w"),
        by(
            4,
            "Ask ward staff for the nursing notes",
            Some((date(2026, 12, 7), "+2w"))
        )
    );
}

#[test]
fn multi_word_agency() {
    assert_eq!(
        parse("NHS trust to share the discharge plan by Dec 3"),
        by(
            4,
            "Share the discharge plan",
            Some((date(2026, 12, 3), "by Dec 3"))
        )
    );
}

#[test]
fn agency_with_no_attendee_from_it() {
    assert_eq!(
        parse("Housing to confirm the tenancy is safe in 2 weeks"),
        ParsedAction {
            text: "Confirm the tenancy is safe".into(),
            owner: "Housing".into(),
            agency: "Housing".into(),
            owner_attendee: None,
            due: Some(date(2026, 12, 7)),
            due_phrase: Some("in 2 weeks".into()),
            owner_miss: Some("Housing".into()),
            ..ParsedAction::default()
        }
    );
}

#[test]
fn invalid_date_stays_in_the_text_and_is_shown_unread() {
    assert_eq!(
        parse("JS to check the custody record by 31 Feb"),
        ParsedAction {
            unread_date: Some("by 31 Feb".into()),
            ..by(0, "Check the custody record by 31 Feb", None)
        }
    );
}

#[test]
fn trailing_owner() {
    assert_eq!(
        parse("Chase GP records by eow (owner: JS)"),
        by(0, "Chase GP records", Some((date(2026, 11, 27), "by eow")))
    );
}

#[test]
fn last_date_wins_and_punctuation_stays() {
    assert_eq!(
        parse("PS visit Mrs B on Monday, then report by Friday."),
        by(
            1,
            "Visit Mrs B on Monday, then report.",
            Some((date(2026, 11, 27), "by Friday"))
        )
    );
    assert_eq!(
        parse("Jane Smith to review CCTV (by 2026-12-18)"),
        by(
            0,
            "Review CCTV",
            Some((date(2026, 12, 18), "by 2026-12-18"))
        )
    );
}

#[test]
fn someone_from_an_agency_is_not_the_attendee_from_it() {
    assert_eq!(
        parse("GP practice manager to send the records in a fortnight"),
        ParsedAction {
            text: "Send the records".into(),
            owner: "GP practice manager".into(),
            agency: "GP".into(),
            owner_attendee: None,
            due: Some(date(2026, 12, 7)),
            due_phrase: Some("in a fortnight".into()),
            owner_miss: Some("GP practice manager".into()),
            ..ParsedAction::default()
        }
    );
}

#[test]
fn words_that_only_look_like_dates_stay() {
    // "sat" is a date only at the end or after "by"/"on"; here the same word is both, so no
    // date is taken rather than losing a word from the minute.
    let parsed = parse("Mrs B sat with her daughter, review sat");
    assert_eq!(parsed.text, "Mrs B sat with her daughter, review sat");
    assert_eq!(parsed.due, None);
    let parsed = parse("PS to discuss Friday's incident with Mrs B");
    assert_eq!(parsed.text, "Discuss Friday's incident with Mrs B");
    assert_eq!(parsed.due, None);
}

/// Text as typed in a meeting: any Unicode, and words that look like owners and dates.
fn typed_line() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("by"),
        Just("in"),
        Just("within"),
        Just("next"),
        Just("fri"),
        Just("friday"),
        Just("sat"),
        Just("tomorrow"),
        Just("3"),
        Just("Dec"),
        Just("3/12"),
        Just("31/2"),
        Just("+2w"),
        Just("10"),
        Just("working"),
        Just("days"),
        Just("wd"),
        Just("end"),
        Just("of"),
        Just("week"),
        Just("to"),
        Just("JS"),
        Just("Police"),
        Just("Siobhán"),
        Just("visit"),
        Just("(owner:"),
        Just(")"),
        Just(","),
        Just("ß"),
    ];
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 .,;:'\"()/+-]{0,80}",
        "[ÀÉÎõüçÆØÅßŁłŻźΑβΓЖжЩ陈伟🙂👍🏽\u{301}\u{200d}\u{212a}\n\t ]{0,40}",
        prop::collection::vec(word, 0..12).prop_map(|words| words.join(" ")),
    ]
}

/// Whether `text` holds the words of `phrase` in a row, ignoring case.
fn contains_words(text: &str, phrase: &str) -> bool {
    let needle: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    !needle.is_empty() && words.windows(needle.len()).any(|w| w == needle.as_slice())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_action_never_panics_and_removes_the_due_phrase(line in typed_line()) {
        let parsed = parse_action(&line, &attendees(), today());
        if let Some(phrase) = &parsed.due_phrase {
            prop_assert!(parsed.due.is_some());
            prop_assert!(
                !contains_words(&parsed.text, phrase),
                "{:?} still holds {:?}", parsed.text, phrase
            );
        } else {
            prop_assert!(parsed.due.is_none());
        }
        if let Some(index) = parsed.owner_attendee {
            prop_assert!(index < attendees().len());
        }
    }
}

/// The meeting the issue measured quick actions against (names as there; roles and agencies
/// invented), with its chair and review date.
fn issue_meeting() -> Vec<Attendee> {
    vec![
        Attendee::new("Zoë Martin", "Chair", "Adult Social Care"), // 0
        Attendee::new("Łukasz Nowak", "Registered manager", "Oakwood Care"), // 1
        Attendee::new("Dr Tom Hughes", "GP", "Riverside Medical Practice"), // 2
        Attendee::new("Chen Wei", "Inspector", "CQC"),             // 3
        Attendee::new("Amara Bello", "Social worker", "Adult Social Care"), // 4
        Attendee::new("Priya Raman", "DC", "Northshire Police"),   // 5
        Attendee::new("Siobhán O'Neill", "Advocate", "Speak Up Advocacy"), // 6
        Attendee::new("Gareth Lloyd", "Enquiry officer", "Adult Social Care"), // 7
    ]
}

fn parse_in_issue_meeting(line: &str) -> ParsedAction {
    let attendees = issue_meeting();
    let context = ActionContext {
        attendees: &attendees,
        today: today(),
        chair: "Zoë Martin",
        review: Some(date(2026, 12, 15)),
    };
    parse_action_in(line, &context)
}

/// Each miss the issue lists, now read: who (attendee index), the text, and the due date.
#[test]
fn the_issues_misses_are_read() {
    let table: &[(&str, usize, &str, Option<NaiveDate>)] = &[
        // Accents, as typed on a UK keyboard.
        ("Zoe to chase the GP", 0, "Chase the GP", None),
        ("lukasz to send the rota", 1, "Send the rota", None),
        ("LN to send the rota", 1, "Send the rota", None),
        // Titles.
        ("Dr Hughes to review meds", 2, "Review meds", None),
        ("Mr Nowak to review the rota", 1, "Review the rota", None),
        ("Ms Bello to visit", 4, "Visit", None),
        ("DC Raman to check PNC", 5, "Check PNC", None),
        (
            "Inspector Chen to raise the concerns",
            3,
            "Raise the concerns",
            None,
        ),
        // Roles and agencies.
        (
            "the chair to write to the family",
            0,
            "Write to the family",
            None,
        ),
        ("the GP surgery to send notes", 2, "Send notes", None),
        ("The home to send the log", 1, "Send the log", None),
        ("Oakwood to send the log", 1, "Send the log", None),
        ("the advocate to visit", 6, "Visit", None),
        (
            "the IO to interview the carer",
            7,
            "Interview the carer",
            None,
        ),
        ("the social worker to visit", 4, "Visit", None),
        ("the police to request CCTV", 5, "Request CCTV", None),
        // Dates.
        (
            "Zoe to write within 48 hours",
            0,
            "Write",
            Some(date(2026, 11, 25)),
        ),
        (
            "Zoe to write in 24 hours",
            0,
            "Write",
            Some(date(2026, 11, 24)),
        ),
        ("Zoe to write on 15th", 0, "Write", Some(date(2026, 12, 15))),
        (
            "Zoe to write by the 18th",
            0,
            "Write",
            Some(date(2026, 12, 18)),
        ),
        (
            "Zoe to write next month",
            0,
            "Write",
            Some(date(2026, 12, 1)),
        ),
        (
            "Zoe to write by end of next week",
            0,
            "Write",
            Some(date(2026, 12, 4)),
        ),
        ("Zoe to write by 5pm today", 0, "Write", Some(today())),
        (
            "Zoe to write by mid January",
            0,
            "Write",
            Some(date(2027, 1, 15)),
        ),
        (
            "Zoe to write in a fortnight",
            0,
            "Write",
            Some(date(2026, 12, 7)),
        ),
        (
            "Zoe to write by 12/12",
            0,
            "Write",
            Some(date(2026, 12, 12)),
        ),
        ("Zoe to write by 1/2/27", 0, "Write", Some(date(2027, 2, 1))),
        (
            "Zoe to write before the review",
            0,
            "Write",
            Some(date(2026, 12, 15)),
        ),
        // Text kept whole.
        (
            "Tom and Zoë to agree the plan",
            2,
            "Tom and Zoë to agree the plan",
            None,
        ),
        ("Tom H to refer Mrs A", 2, "Refer Mrs A", None),
    ];
    let people = issue_meeting();
    for (line, owner, text, due) in table {
        let parsed = parse_in_issue_meeting(line);
        assert_eq!(
            (
                parsed.owner_attendee,
                parsed.owner.as_str(),
                parsed.agency.as_str(),
                parsed.text.as_str(),
                parsed.due
            ),
            (
                Some(*owner),
                people[*owner].name.as_str(),
                people[*owner].agency.as_str(),
                *text,
                *due
            ),
            "{line:?}"
        );
    }
}

#[test]
fn a_miss_is_shown() {
    // An owner naming nobody at the meeting.
    let parsed = parse_in_issue_meeting("Sarah to call the family");
    assert_eq!(
        (parsed.owner.as_str(), parsed.owner_miss.as_deref()),
        ("Sarah", Some("Sarah"))
    );
    // Two people named equally: never a guess.
    let mut attendees = issue_meeting();
    attendees.push(Attendee::new(
        "Tom Evans",
        "Social worker",
        "Adult Social Care",
    ));
    let parsed = parse_action("Tom to call the family", &attendees, today());
    assert_eq!(
        (parsed.owner_attendee, parsed.ambiguous.clone()),
        (None, vec![2, 8])
    );
    // An agency with several attendees: the agency alone.
    let parsed = parse_in_issue_meeting("ASC to fund the placement");
    assert_eq!(
        (
            parsed.owner.as_str(),
            parsed.agency.as_str(),
            parsed.owner_attendee
        ),
        ("Adult Social Care", "Adult Social Care", None)
    );
    // A date phrase left unread, and asap.
    let parsed = parse_in_issue_meeting("Zoe to write in a few days");
    assert_eq!(parsed.unread_date.as_deref(), Some("in a few days"));
    assert_eq!(parsed.due, None);
    let parsed = parse_in_issue_meeting("Zoe to write asap");
    assert!(parsed.asap);
    assert_eq!((parsed.due, parsed.text.as_str()), (None, "Write asap"));
    // Before the review, with no review date set.
    let parsed = parse_action("Zoe to write before the review", &issue_meeting(), today());
    assert_eq!(
        (parsed.due, parsed.unread_date.as_deref()),
        (None, Some("before the review"))
    );
}

#[test]
fn dates_are_shown_with_their_weekday() {
    assert_eq!(show_date(date(2026, 12, 4)), "Fri 4 Dec");
    assert_eq!(show_due(date(2026, 12, 4), today()), "Fri 4 Dec");
    assert_eq!(show_due(date(2027, 1, 15), today()), "Fri 15 Jan 2027");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any text typed into an owner field or after `@` names someone at the meeting or nobody,
    /// never an index past the attendees, and completing it never fails.
    #[test]
    fn the_person_matcher_takes_any_text(typed in typed_line()) {
        let attendees = issue_meeting();
        let people = People::new(&attendees).with_chair(&typed);
        let valid = |i: &usize| *i < attendees.len();
        match people.match_phrase(&typed) {
            PersonMatch::One(i) => prop_assert!(valid(&i)),
            PersonMatch::Agency { index, .. } => prop_assert!(index.iter().all(valid)),
            PersonMatch::Ambiguous(several) => {
                prop_assert!(several.len() > 1 && several.iter().all(valid));
            }
            PersonMatch::NoOne => {}
        }
        prop_assert!(people.suggest(&typed).iter().all(valid));
    }
}
