#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Quick actions as minute takers type them in a safeguarding meeting: who, what, by when.
//!
//! Every person and agency here is invented. "Today" is Monday 23 November 2026.

use chrono::NaiveDate;
use minutes::model::Attendee;
use minutes::quick_action::{ParsedAction, parse_action};
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
