//! Shared builders for integration tests and benchmarks (benches include this file with
//! `#[path = "../tests/common/mod.rs"] mod common;`).
//!
//! Every record here is synthetic: the people, agencies and events are invented. Ids and times
//! are fixed, so output built from these records is the same on every run.
//!
//! `tests/fixtures/{typical,two-part,unicode}.json` are these builders' records serialised;
//! `tests/schema.rs` fails if they drift, and rewrites them when `MINUTES_UPDATE_FIXTURES=1`.

// Test helpers: a typo in a fixed timestamp should stop the test loudly.
#![allow(clippy::expect_used, dead_code)]

use chrono::{DateTime, NaiveDate, NaiveTime};
use minutes::model::{
    AbuseType, ActionItem, ActionStatus, AdultOutcome, AdultParticipation, Attendance, Attendee,
    BalanceFinding, Decision, DesiredOutcome, Dissent, EnquiryResult, Extra, Feedback,
    FeedbackArrangement, Finding, HarmCauserOutcome, ItemKind, ItemStatus, MeetingMode,
    MeetingPart, MentalCapacity, MinutesStatus, MspAsked, NewMeeting, Note, OutcomeAchieved,
    Outcomes, PersonCausingHarm, Plan, Recipient, Record, Referral, ReferralKind,
    RepresentativeKind, RiskLocation, RiskOutcome, RiskSource, StatusChange, Timestamp, ViewsGiven,
    Visibility,
};
use minutes::templates::{DeadlineRule, Template, TemplateItem};

pub mod marked;

/// Writes `record` into `folder` under the store's file name as an older version of minutes
/// could have, without the checks the store makes (it refuses to write a record that breaks
/// a rule of the format); returns its path.
pub fn write_unchecked(folder: &std::path::Path, record: &Record) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let name = format!(
        "{}-{}-{}.json",
        record.meeting.date,
        record.meeting.meeting_type,
        record.short_id()
    );
    let path = folder.join(name);
    let mut text = serde_json::to_string_pretty(record).expect("a record serialises");
    text.push('\n');
    std::fs::write(&path, text).expect("test folder writable");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .expect("test file private");
    path
}

/// The time tests treat as "now": Monday 23 November 2026, 10:00 GMT.
pub fn fixed_now() -> Timestamp {
    ts("2026-11-23T10:00:00+00:00")
}

/// The `minutes` binary isolated from the user's own folders: records in `dir/records`,
/// configuration in `dir/config`, colours not switched off.
pub fn minutes_command(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("minutes").expect("binary built");
    cmd.env("MINUTES_DIR", dir.join("records"))
        .env("MINUTES_CONFIG_DIR", dir.join("config"))
        .env_remove("NO_COLOR");
    cmd
}

/// A timestamp from RFC 3339 text.
pub fn ts(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("valid RFC 3339 timestamp in a test builder")
}

/// 23 November 2026 at `hh:mm` GMT.
pub fn at(hh_mm: &str) -> Timestamp {
    ts(&format!("2026-11-23T{hh_mm}:00+00:00"))
}

/// A date from `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid date in a test builder")
}

fn clock(hh_mm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hh_mm, "%H:%M").expect("valid time in a test builder")
}

/// A small case-conference template with one or two items of every kind, independent of the
/// built-in templates so these tests do not move when those are edited.
pub fn test_template() -> Template {
    let item = |key: &str, title: &str, prompt: &str, kind: ItemKind| TemplateItem {
        key: key.to_owned(),
        title: title.to_owned(),
        prompt: prompt.to_owned(),
        kind,
        source: "test".to_owned(),
    };
    Template {
        key: "case-conference".to_owned(),
        title: "Section 42 case conference".to_owned(),
        description: "A small test agenda.".to_owned(),
        sources: vec!["test".to_owned()],
        deadline: DeadlineRule::WorkingDays(10),
        items: vec![
            item(
                "introductions",
                "Introductions, apologies and confidentiality",
                "Who is here, who sent apologies or a written contribution?",
                ItemKind::Attendance,
            ),
            item(
                "io-report",
                "Investigating officer's report",
                "What did the enquiry find?",
                ItemKind::Notes,
            ),
            item(
                "agency-reports",
                "Other agencies' reports",
                "What does each agency add?",
                ItemKind::Notes,
            ),
            item(
                "adult-views",
                "The adult's views and desired outcomes",
                "What does the adult want, and is it being achieved?",
                ItemKind::Notes,
            ),
            item(
                "findings",
                "Finding on the balance of probabilities",
                "For each allegation, was there abuse or neglect?",
                ItemKind::Findings,
            ),
            item(
                "risk",
                "Current risk and likelihood of recurrence",
                "What is the risk now, and what is decided?",
                ItemKind::Decisions,
            ),
            item(
                "plan",
                "Protection plan",
                "Who coordinates and monitors it, what if it fails, how is it shared?",
                ItemKind::Plan,
            ),
            item(
                "actions",
                "Actions",
                "Who does what by when?",
                ItemKind::Actions,
            ),
            item(
                "feedback",
                "Feedback and information sharing",
                "Who tells the adult, the referrer and the person causing harm?",
                ItemKind::Feedback,
            ),
            item(
                "review",
                "Review date and further conference",
                "When is the plan reviewed; is another conference needed?",
                ItemKind::Review,
            ),
        ],
    }
}

/// A record created from [`test_template`] with the given id and nothing else filled in.
pub fn blank_record(id: &str, title: &str) -> Record {
    Record::new(
        &test_template(),
        NewMeeting {
            title: title.to_owned(),
            subject_ref: "SA-2026-0142".to_owned(),
            date: date("2026-11-23"),
        },
        id.to_owned(),
        fixed_now(),
    )
}

/// An attendee with explicit initials.
pub fn person(name: &str, role: &str, agency: &str, attendance: Attendance) -> Attendee {
    let mut attendee = Attendee::new(name, role, agency);
    attendee.attendance = attendance;
    attendee
}

/// A note by `speaker` at `hh:mm` with `visibility`.
pub fn note(hh_mm: &str, speaker: Option<&str>, text: &str, visibility: Visibility) -> Note {
    let mut note = Note::new(at(hh_mm), text);
    note.speaker = speaker.map(str::to_owned);
    note.visibility = visibility;
    note
}

/// An open action.
pub fn action(id: u32, text: &str, owner: &str, agency: &str, due: &str, key: &str) -> ActionItem {
    ActionItem {
        id,
        text: text.to_owned(),
        owner: owner.to_owned(),
        agency: agency.to_owned(),
        due: Some(date(due)),
        status: ActionStatus::Open,
        status_at: None,
        status_note: String::new(),
        agenda_key: key.to_owned(),
        created_at: at("11:20"),
        visibility: Visibility::All,
        carried_from: None,
        extra: Extra::new(),
    }
}

/// Adds `notes` to the agenda item `key` and marks it done between the first and last note.
fn discuss(record: &mut Record, key: &str, mut notes: Vec<Note>) {
    notes.sort_by_key(|note| note.at);
    if let Some(item) = record.agenda.iter_mut().find(|item| item.key == key) {
        item.status = ItemStatus::Done;
        item.opened_at = notes.first().map(|n| n.at);
        item.closed_at = notes.last().map(|n| n.at);
        item.notes = notes;
    }
}

/// A full Section 42 case conference (about 30 KB of JSON): 11 people invited (apologies, a
/// written contribution, an advocate, the adult absent with a reason), notes on every item,
/// 2 findings, 3 decisions (one with dissent, one professionals-only), 5 actions (one
/// restricted, one done), outcomes, referrals, plan, feedback, review and circulation.
pub fn typical_record() -> Record {
    use Visibility::{All, ProfessionalsOnly, Restricted};
    let mut record = blank_record(
        "5e1c0a7d9b2f4c8e8a6b3d1f0e9c7a52",
        "Section 42 case conference: missed care calls",
    );
    let meeting = &mut record.meeting;
    meeting.started_at = Some(at("10:02"));
    meeting.ended_at = Some(at("11:48"));
    meeting.location = "Room 2.14, Civic Centre, Riverside Road (with video link)".to_owned();
    meeting.mode = Some(MeetingMode::Mixed);
    meeting.chair = "Priya Nair".to_owned();
    meeting.minute_taker = "Tom Walsh".to_owned();
    meeting.status = MinutesStatus::Circulated;
    meeting.status_history = vec![
        StatusChange {
            status: MinutesStatus::Agreed,
            at: ts("2026-11-26T16:10:00+00:00"),
            by: "Priya Nair".to_owned(),
            note: String::new(),
            recipients: Vec::new(),
        },
        StatusChange {
            status: MinutesStatus::Circulated,
            at: ts("2026-11-27T09:30:00+00:00"),
            by: "Tom Walsh".to_owned(),
            note: String::new(),
            recipients: Vec::new(),
        },
    ];
    record.updated_at = ts("2026-11-27T09:30:00+00:00");

    let mut police = person(
        "Jane Smith",
        "Detective Constable",
        "Police",
        Attendance::Present,
    );
    police.joined_at = Some(clock("10:20"));
    police.contact = "jane.smith@police.example".to_owned();
    let mut nurse = person(
        "Claire Dubois",
        "District Nurse",
        "Community Health NHS Trust",
        Attendance::Present,
    );
    nurse.left_at = Some(clock("11:15"));
    let mut provider = person(
        "Mark Bennett",
        "Registered Manager",
        "Oakfield Home Care",
        Attendance::Present,
    );
    provider.parts = vec![MeetingPart::WithAdult];
    let mut advocate = person(
        "Sam Taylor",
        "Care Act advocate",
        "Voice Advocacy",
        Attendance::Present,
    );
    advocate.is_representative = true;
    advocate.representative_kind = Some(RepresentativeKind::Advocate);
    let mut adult = person("Edith Warren", "", "", Attendance::Absent);
    adult.is_adult = true;
    record.attendees = vec![
        person(
            "Priya Nair",
            "Chair, Operational Lead",
            "Adult Social Care",
            Attendance::Present,
        ),
        person(
            "Tom Walsh",
            "Minute taker",
            "Adult Social Care",
            Attendance::Present,
        ),
        person(
            "Amara Okafor",
            "Investigating officer (safeguarding adults manager)",
            "Adult Social Care",
            Attendance::Present,
        ),
        police,
        person(
            "Rhys Evans",
            "GP",
            "Riverside Medical Practice",
            Attendance::Present,
        ),
        nurse,
        provider,
        advocate,
        person(
            "Helen Price",
            "Contracts Officer",
            "Commissioning",
            Attendance::Apologies,
        ),
        person(
            "Gareth Lloyd",
            "Inspector",
            "Care Quality Commission",
            Attendance::WrittenContribution,
        ),
        adult,
    ];

    record.adult_participation = AdultParticipation {
        attended: Some(false),
        parts_attended: Vec::new(),
        reason_not_attended: "Mrs Warren said she finds meetings tiring and asked her advocate to \
                              speak for her; she was offered a home visit instead and declined."
            .to_owned(),
        views_given: vec![ViewsGiven::ThroughAdvocate, ViewsGiven::InWriting],
        views: "\"I want my carers to come when they say they will. I don't want to move out \
                of my home.\"\nShe wants her daughter kept informed."
            .to_owned(),
        capacity: Some(MentalCapacity::HadCapacity),
        capacity_supported: None,
        best_interests_decider: None,
        best_interests_name: String::new(),
        msp_asked: Some(MspAsked::AskedExpressed),
        desired_outcomes: vec![
            DesiredOutcome {
                text: "Carers arrive on time and stay for the whole call".to_owned(),
                achieved: Some(OutcomeAchieved::Partially),
            },
            DesiredOutcome {
                text: "To stay living in her own home".to_owned(),
                achieved: Some(OutcomeAchieved::Fully),
            },
        ],
        outcomes_achieved: Some(OutcomeAchieved::Partially),
        extra: Extra::new(),
    };

    discuss(
        &mut record,
        "introductions",
        vec![
            note(
                "10:02",
                Some("PN"),
                "Introductions made. Everyone was reminded that the meeting is confidential and that the minutes are a summary, not a verbatim record.",
                All,
            ),
            note(
                "10:04",
                Some("PN"),
                "Apologies from Helen Price (Commissioning). Gareth Lloyd (CQC) sent a written contribution, read out by the chair: CQC has opened a focused inspection of Oakfield Home Care.",
                All,
            ),
            note(
                "10:05",
                None,
                "Mark Bennett (Oakfield) will join for part 2 only, as part 1 covers the police investigation of a member of Oakfield staff.",
                All,
            ),
            note(
                "10:03",
                Some("PN"),
                "Purpose of the conference agreed: to share the findings of the enquiry, decide whether abuse or neglect occurred, agree the level of ongoing risk and a protection plan, and check whether Mrs Warren is satisfied with the outcome.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "io-report",
        vec![
            note(
                "10:06",
                Some("AO"),
                "Enquiry opened on 28 September 2026 after the district nurse found Mrs Warren without her evening medication on three occasions.",
                All,
            ),
            note(
                "10:12",
                Some("AO"),
                "Call logs show 41 of 120 calls between August and October were missed or shorter than 15 minutes.\nThe rota had two carers covering 30 calls each evening.",
                All,
            ),
            note(
                "10:16",
                Some("AO"),
                "Mrs Warren told the IO that £140 went missing from her purse in September after a visit by one carer (Worker A).",
                All,
            ),
            note(
                "10:21",
                Some("JS"),
                "Police investigation into the missing money is ongoing; Worker A was interviewed under caution on 12 November. Please do not share this with Oakfield staff or the family yet.",
                ProfessionalsOnly,
            ),
            note(
                "10:09",
                Some("AO"),
                "The IO visited Mrs Warren twice, on 3 and 17 October, with her advocate present on the second visit. She described carers arriving after 21:00 and leaving within five minutes, and said she had stopped asking for help with her evening wash because \"they are always in a rush\".",
                All,
            ),
            note(
                "10:14",
                Some("AO"),
                "Oakfield's own audit (received 6 November) accepts that the evening rota was over-committed after two staff left in July, and that missed calls were not escalated to the office or to Adult Social Care as the contract requires.",
                All,
            ),
            note(
                "10:18",
                Some("Ms Warren (daughter, by email)"),
                "Email read out with Mrs Warren's consent: the daughter has found her mother in bed in day clothes on several mornings and the kitchen without food; she wants a different agency if things do not improve.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "agency-reports",
        vec![
            note(
                "10:25",
                Some("CD"),
                "District nursing: a grade 2 pressure ulcer on the left heel, now healing. Visits increased to daily from 2 October.",
                All,
            ),
            note(
                "10:29",
                Some("RE"),
                "GP: no change in cognition; medication review done 5 November; dosette box arranged with the pharmacy.",
                All,
            ),
            note(
                "10:33",
                Some("PN"),
                "Third-party information from the neighbour is held on the police file and is not to be shared beyond this meeting.",
                Restricted,
            ),
            note(
                "10:27",
                Some("CD"),
                "Heel wound measured 2 cm by 1.5 cm on 2 October, 1 cm by 0.5 cm on 20 November. Pressure-relieving mattress delivered 4 October. Skin on the sacrum is intact. Referral to the pressure ulcer panel made on 3 October.",
                All,
            ),
            note(
                "10:31",
                Some("MB"),
                "Written update from Oakfield (received before the meeting, as Mark Bennett joins for part 2 only): a new evening rota started on 2 November with no more than 20 calls per carer, electronic call monitoring is live, and two new carers have been recruited.",
                All,
            ),
            note(
                "10:34",
                Some("JS"),
                "Police: no other reports linked to the address; the neighbour who raised the first concern has been spoken to and is willing to give a statement.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "adult-views",
        vec![
            note(
                "10:36",
                Some("ST"),
                "Sam read Mrs Warren's letter: she wants reliable carers and to stay at home; she does not want the police to prosecute \"if it means court\".",
                All,
            ),
            note(
                "10:40",
                Some("ST"),
                "She would like her daughter, Ms Warren, told the outcome by phone rather than by letter.",
                All,
            ),
            note(
                "10:38",
                Some("ST"),
                "Mrs Warren is clear that she does not want to go into a care home. She likes two of the regular carers by name and would like them to keep visiting. She understood the options explained to her and made her own choices.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "findings",
        vec![
            note(
                "10:44",
                Some("PN"),
                "Members considered each allegation in turn on the balance of probabilities.",
                All,
            ),
            note(
                "10:52",
                Some("JS"),
                "Police asked that the finding on the money be left inconclusive until the investigation ends.",
                All,
            ),
            note(
                "10:47",
                Some("AO"),
                "Allegation 1 (neglect): the call logs, nursing records and Oakfield's own audit all point the same way. Members agreed the finding was substantiated and that the risk is reduced now that the rota has changed.",
                All,
            ),
            note(
                "10:50",
                Some("PN"),
                "Allegation 2 (money taken): Mrs Warren's account has been consistent each time she has given it, but there is no other evidence yet. Members agreed to record it as inconclusive and to review the finding when the police investigation ends.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "risk",
        vec![
            note(
                "10:58",
                Some("PN"),
                "Risk from missed calls is reduced since the new rota started on 2 November; risk remains while the police investigation is open.",
                All,
            ),
            note(
                "11:04",
                Some("MB"),
                "Oakfield disagrees that the suspension of new packages should continue; it says staffing is now stable.",
                All,
            ),
            note(
                "11:00",
                Some("RE"),
                "GP: Mrs Warren is frail but stable; a further missed-medication episode would raise the risk of a fall and of the wound deteriorating.",
                All,
            ),
            note(
                "11:02",
                Some("PN"),
                "Chair asked whether anyone disagrees with continuing the suspension of new packages; Oakfield does (recorded with decision 2).",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "plan",
        vec![
            note(
                "11:08",
                Some("PN"),
                "Protection plan agreed; see below. Amara Okafor coordinates it.",
                All,
            ),
            note(
                "11:12",
                Some("AO"),
                "Plan to be shared with Mrs Warren in writing and talked through on the home visit; a large-print copy has been requested.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "actions",
        vec![
            note(
                "11:20",
                Some("TW"),
                "Actions read back and agreed; see the action plan.",
                All,
            ),
            note(
                "11:24",
                Some("PN"),
                "The chair reminded members that the DBS referral (action 5) is not to be discussed outside this meeting until the police agree.",
                ProfessionalsOnly,
            ),
        ],
    );
    discuss(
        &mut record,
        "feedback",
        vec![
            note(
                "11:30",
                Some("PN"),
                "Sam and Amara will visit Mrs Warren together to feed back; Amara phones the daughter.",
                All,
            ),
            note(
                "11:33",
                Some("JS"),
                "Feedback to Worker A goes through the police investigation only. Oakfield will be told the neglect finding in writing by the chair.",
                All,
            ),
        ],
    );
    discuss(
        &mut record,
        "review",
        vec![note(
            "11:40",
            Some("PN"),
            "Review in six weeks; a further conference if the police investigation leads to a charge.",
            All,
        )],
    );

    record.findings = vec![
        Finding {
            allegation: "Neglect: missed and shortened care calls by Oakfield Home Care, August to October 2026".to_owned(),
            abuse_type: Some(AbuseType::Neglect),
            location: Some(RiskLocation::OwnHome),
            source: Some(RiskSource::ServiceProvider),
            finding: Some(BalanceFinding::Substantiated),
            result: Some(EnquiryResult::RiskIdentifiedActionTaken),
            risk_outcome: Some(RiskOutcome::Reduced),
            rationale: "Call logs, the district nurse's records and Mrs Warren's account agree that a third of calls were missed or cut short, leading to missed medication and a pressure ulcer. Oakfield accepted the rota was unsafe.".to_owned(),
            agenda_key: "findings".to_owned(),
            at: at("10:48"),
            visibility: All,
            extra: Extra::new(),
        },
        Finding {
            allegation: "Financial: £140 taken from Mrs Warren's purse by a care worker (Worker A)".to_owned(),
            abuse_type: Some(AbuseType::Financial),
            location: Some(RiskLocation::OwnHome),
            source: Some(RiskSource::ServiceProvider),
            finding: Some(BalanceFinding::Inconclusive),
            result: Some(EnquiryResult::InconclusiveActionTaken),
            risk_outcome: None,
            rationale: "Mrs Warren's account is consistent, but no other evidence yet; the police investigation has not concluded. Worker A no longer visits her.".to_owned(),
            agenda_key: "findings".to_owned(),
            at: at("10:54"),
            visibility: All,
            extra: Extra::new(),
        },
    ];

    record.decisions = vec![
        Decision {
            text: "The allegation of neglect is substantiated; the allegation of financial abuse is inconclusive pending the police investigation.".to_owned(),
            rationale: "Agreed by all on the evidence summarised in the findings.".to_owned(),
            agenda_key: "findings".to_owned(),
            at: at("10:56"),
            dissent: None,
            visibility: All,
            extra: Extra::new(),
        },
        Decision {
            text: "The suspension of new care packages with Oakfield Home Care continues until the contracts review on 15 January 2027.".to_owned(),
            rationale: "The new rota has run for three weeks only; CQC's inspection is open.".to_owned(),
            agenda_key: "risk".to_owned(),
            at: at("11:06"),
            dissent: Some(Dissent {
                who: "Mark Bennett (Oakfield Home Care)".to_owned(),
                reason: "Staffing is stable and the suspension harms other clients' choice.".to_owned(),
            }),
            visibility: All,
            extra: Extra::new(),
        },
        Decision {
            text: "Worker A stays suspended from all care work while the police investigation continues; Oakfield is told only that an investigation is open.".to_owned(),
            rationale: "To protect the criminal investigation and other clients.".to_owned(),
            agenda_key: "risk".to_owned(),
            at: at("11:07"),
            dissent: None,
            visibility: ProfessionalsOnly,
            extra: Extra::new(),
        },
    ];

    let mut done = action(
        1,
        "Send the call logs for August to October to the IO",
        "MB",
        "Oakfield Home Care",
        "2026-11-25",
        "io-report",
    );
    done.status = ActionStatus::Done;
    done.status_at = Some(ts("2026-11-24T15:00:00+00:00"));
    let mut restricted = action(
        5,
        "Refer Worker A to the DBS when the police investigation ends",
        "JS",
        "",
        "2027-01-31",
        "risk",
    );
    restricted.visibility = Restricted;
    record.actions = vec![
        done,
        action(
            2,
            "Coordinate the protection plan and arrange weekly call monitoring",
            "AO",
            "Adult Social Care",
            "2026-11-30",
            "plan",
        ),
        action(
            3,
            "Review Mrs Warren's care and support plan with her and her advocate",
            "AO",
            "Adult Social Care",
            "2026-12-11",
            "plan",
        ),
        action(
            4,
            "Continue daily district nurse visits until the heel has healed",
            "CD",
            "",
            "2026-12-18",
            "actions",
        ),
        restricted,
    ];

    record.outcomes = Outcomes {
        for_adult: vec![
            AdultOutcome::IncreasedMonitoring,
            AdultOutcome::CarePlanReview,
            AdultOutcome::AdvocacyReferral,
        ],
        for_person_causing_harm: vec![
            HarmCauserOutcome::PoliceAction,
            HarmCauserOutcome::OrganisationalChanges,
        ],
        other: String::new(),
        referrals: vec![
            Referral {
                kind: ReferralKind::Cqc,
                by: "Priya Nair".to_owned(),
                note: "Findings sent to the CQC inspector".to_owned(),
            },
            Referral {
                kind: ReferralKind::ProviderConcerns,
                by: "Helen Price".to_owned(),
                note: String::new(),
            },
            Referral {
                kind: ReferralKind::PressureUlcerPanel,
                by: "Claire Dubois".to_owned(),
                note: String::new(),
            },
        ],
        extra: Extra::new(),
    };
    record.plan = Plan {
        summary: "Oakfield runs the new rota with no more than 20 calls per carer each evening; calls are logged electronically and checked weekly by Adult Social Care. The district nurse visits daily. The pharmacy supplies a dosette box.".to_owned(),
        coordinator: "Amara Okafor (Adult Social Care)".to_owned(),
        monitoring: "Adult Social Care checks call logs weekly; district nursing reports any missed medication the same day.".to_owned(),
        contingencies: vec![
            "If two calls are missed in a week, Adult Social Care arranges an interim provider within 48 hours.".to_owned(),
            "If Mrs Warren's health deteriorates, the GP is told the same day.".to_owned(),
        ],
        sharing: "The plan goes to Mrs Warren and her advocate, Oakfield, the GP and district nursing.".to_owned(),
        extra: Extra::new(),
    };
    record.feedback = Feedback {
        to_adult: FeedbackArrangement {
            by: "Amara Okafor and Sam Taylor".to_owned(),
            what: "Home visit by 4 December; the outcome and the plan.".to_owned(),
        },
        adult_disagreement_contact: "Priya Nair, Adult Social Care, 01632 960 123".to_owned(),
        people_causing_harm: vec![
            PersonCausingHarm {
                who: "A care worker at Oakfield".to_owned(),
                employer: "Oakfield Care Ltd".to_owned(),
                feedback: FeedbackArrangement {
                    by: "Jane Smith".to_owned(),
                    what: "Through the police investigation only.".to_owned(),
                },
                employer_feedback: FeedbackArrangement {
                    by: "Priya Nair".to_owned(),
                    what: "Letter to Oakfield with the neglect finding and the actions.".to_owned(),
                },
                ..PersonCausingHarm::default()
            },
            PersonCausingHarm {
                who: "Her son".to_owned(),
                feedback: FeedbackArrangement {
                    by: "Priya Nair".to_owned(),
                    what: "By telephone, once the police agree.".to_owned(),
                },
                ..PersonCausingHarm::default()
            },
        ],
        to_referrer: FeedbackArrangement {
            by: "Amara Okafor".to_owned(),
            what: "That the enquiry concluded and a plan is in place.".to_owned(),
        },
        to_absent: FeedbackArrangement::default(),
        extra: Extra::new(),
    };
    record.review.review_date = Some(date("2027-01-04"));
    record.review.further_conference = Some(false);
    record.review.further_conference_reason =
        "Not now; the chair reconvenes if the police investigation leads to a charge.".to_owned();
    record.review.circulation = [
        ("Priya Nair", "Adult Social Care"),
        ("Amara Okafor", "Adult Social Care"),
        ("Jane Smith", "Police"),
        ("Rhys Evans", "Riverside Medical Practice"),
        ("Claire Dubois", "Community Health NHS Trust"),
        ("Mark Bennett", "Oakfield Home Care (part 2 only)"),
        ("Sam Taylor", "Voice Advocacy"),
        ("Helen Price", "Commissioning"),
        ("Gareth Lloyd", "Care Quality Commission"),
    ]
    .iter()
    .map(|(name, agency)| Recipient {
        name: (*name).to_owned(),
        agency: (*agency).to_owned(),
        copy: None,
    })
    .collect();
    record
}

/// A two-part meeting: part 1 professionals only, part 2 with the adult; professionals-only and
/// restricted notes, findings, decisions and actions.
pub fn two_part_record() -> Record {
    use Visibility::{All, ProfessionalsOnly, Restricted};
    let mut record = blank_record(
        "a0b1c2d3e4f5061728394a5b6c7d8e9f",
        "Strategy meeting in two parts",
    );
    record.meeting.started_at = Some(at("14:00"));
    record.meeting.ended_at = Some(at("15:30"));
    record.meeting.mode = Some(MeetingMode::Video);
    record.meeting.chair = "Olu Adeyemi".to_owned();
    record.meeting.minute_taker = "Beth Kerr".to_owned();
    record.meeting.part = MeetingPart::WithAdult;
    let mut officer = person("Kim Park", "Police Sergeant", "Police", Attendance::Present);
    officer.parts = vec![MeetingPart::ProfessionalsOnly];
    let mut adult = person("Dev Shah", "", "", Attendance::Present);
    adult.is_adult = true;
    adult.parts = vec![MeetingPart::WithAdult];
    record.attendees = vec![
        person(
            "Olu Adeyemi",
            "Chair",
            "Adult Social Care",
            Attendance::Present,
        ),
        person(
            "Beth Kerr",
            "Minute taker",
            "Adult Social Care",
            Attendance::Present,
        ),
        officer,
        adult,
    ];
    record.adult_participation.attended = Some(true);
    record.adult_participation.parts_attended = vec![MeetingPart::WithAdult];
    record.adult_participation.views_given = vec![ViewsGiven::InPerson];
    record.adult_participation.views = "Wants the visits from his nephew to stop.".to_owned();
    discuss(
        &mut record,
        "io-report",
        vec![
            note(
                "14:05",
                Some("KP"),
                "Part 1: the nephew is under investigation for fraud.",
                ProfessionalsOnly,
            ),
            note(
                "14:10",
                Some("OA"),
                "Bank statements supplied by a third party are restricted.",
                Restricted,
            ),
            note(
                "14:45",
                Some("OA"),
                "Part 2: Mr Shah joined the meeting.",
                All,
            ),
        ],
    );
    record.findings = vec![Finding {
        allegation: "Financial abuse by a family member".to_owned(),
        abuse_type: Some(AbuseType::Financial),
        location: Some(RiskLocation::OwnHome),
        source: Some(RiskSource::KnownToIndividual),
        finding: None,
        result: None,
        risk_outcome: None,
        rationale: "Not yet decided: police enquiries continue.".to_owned(),
        agenda_key: "findings".to_owned(),
        at: at("14:20"),
        visibility: ProfessionalsOnly,
        extra: Extra::new(),
    }];
    record.decisions = vec![
        Decision {
            text: "Hold part 2 with Mr Shah after the police update.".to_owned(),
            rationale: "Sharing the police update could harm the investigation.".to_owned(),
            agenda_key: "risk".to_owned(),
            at: at("14:25"),
            dissent: None,
            visibility: Restricted,
            extra: Extra::new(),
        },
        Decision {
            text: "Mr Shah's bank is asked to add a second signatory check.".to_owned(),
            rationale: "Mr Shah agreed in part 2.".to_owned(),
            agenda_key: "risk".to_owned(),
            at: at("15:00"),
            dissent: None,
            visibility: All,
            extra: Extra::new(),
        },
    ];
    let mut hidden = action(
        1,
        "Share the bank statements with the fraud team",
        "KP",
        "Police",
        "2026-11-30",
        "actions",
    );
    hidden.visibility = ProfessionalsOnly;
    record.actions = vec![
        hidden,
        action(
            2,
            "Contact Mr Shah's bank with him",
            "OA",
            "Adult Social Care",
            "2026-11-27",
            "actions",
        ),
    ];
    record
}

/// Names, agencies and notes in several scripts, with emoji, to check display-width layout.
pub fn unicode_record() -> Record {
    let mut record = blank_record(
        "c0ffee00c0ffee00c0ffee00c0ffee00",
        "Réunion: Zoë's review 📋",
    );
    record.meeting.chair = "Zoë Ó Briain".to_owned();
    record.meeting.minute_taker = "Łukasz Wójcik".to_owned();
    record.meeting.location = "Salle 3, Centre Médical, Łódź Road".to_owned();
    record.meeting.started_at = Some(ts("2026-07-01T09:30:00+01:00"));
    record.meeting.ended_at = Some(ts("2026-07-01T10:15:00+01:00"));
    record.meeting.date = date("2026-07-01");
    record.review.minutes_due = Some(DeadlineRule::WorkingDays(10).due_after(record.meeting.date));
    record.attendees = vec![
        person(
            "Zoë Ó Briain",
            "Chair",
            "Adult Social Care",
            Attendance::Present,
        ),
        person(
            "Łukasz Wójcik",
            "Minute taker",
            "Adult Social Care",
            Attendance::Present,
        ),
        person(
            "陈伟",
            "社工 (social worker)",
            "华人社区服务",
            Attendance::Present,
        ),
        person(
            "Søren Ærø",
            "Interpreter 🗣️",
            "Language Line",
            Attendance::Present,
        ),
        person("Ana Núñez", "GP", "Clínica Norte", Attendance::Apologies),
    ];
    discuss(
        &mut record,
        "io-report",
        vec![
            note(
                "09:35",
                Some("陈"),
                "陈伟 reported the family's concerns 👍 in Mandarin, interpreted by Søren.",
                Visibility::All,
            ),
            note(
                "09:40",
                Some("ZÓB"),
                "Zoë: «d'accord» — agreed next steps. Emoji test: 🙂🚑🏠.",
                Visibility::All,
            ),
        ],
    );
    // Every time on the meeting's day (the notes and the item's times were made with `at`).
    let on_the_day = |at: &mut Timestamp| {
        let hh_mm = at.format("%H:%M").to_string();
        *at = ts(&format!("2026-07-01T{hh_mm}:00+01:00"));
    };
    for item in &mut record.agenda {
        item.opened_at.as_mut().map(on_the_day);
        item.closed_at.as_mut().map(on_the_day);
        item.notes
            .iter_mut()
            .for_each(|note| on_the_day(&mut note.at));
    }
    record.actions = vec![
        action(
            1,
            "Arrange an interpreter (普通话) for the home visit 🏠",
            "陈",
            "华人社区服务",
            "2026-07-08",
            "actions",
        ),
        action(
            2,
            "Écrire à Mme Núñez",
            "ZÓB",
            "Adult Social Care",
            "2026-07-03",
            "actions",
        ),
    ];
    record.review.circulation = vec![
        Recipient {
            name: "陈伟".to_owned(),
            agency: "华人社区服务".to_owned(),
            copy: None,
        },
        Recipient {
            name: "Łukasz Wójcik".to_owned(),
            agency: "Adult Social Care".to_owned(),
            copy: None,
        },
    ];
    record
}

/// Deterministic filler prose of about `bytes` bytes, in paragraphs, different for each `seed`.
pub fn prose(seed: usize, bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "carer",
        "reported",
        "that",
        "Mrs",
        "Warren",
        "was",
        "found",
        "without",
        "her",
        "medication",
        "and",
        "district",
        "nurse",
        "visited",
        "on",
        "Tuesday",
        "evening",
        "police",
        "agreed",
        "to",
        "share",
        "call",
        "logs",
        "advocate",
        "said",
        "she",
        "wants",
        "stay",
        "home",
        "risk",
        "reduced",
        "since",
        "rota",
        "changed",
        "GP",
        "reviewed",
        "capacity",
    ];
    let mut text = String::with_capacity(bytes + 16);
    let mut i = seed;
    let mut sentence = 0;
    while text.len() < bytes {
        let word = WORDS[(i * 7 + seed) % WORDS.len()];
        if text.is_empty() || text.ends_with(". ") || text.ends_with('\n') {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push_str(word);
        }
        i += 1;
        if i.is_multiple_of(11) {
            sentence += 1;
            text.push_str(if sentence % 5 == 0 { ".\n" } else { ". " });
        } else {
            text.push(' ');
        }
    }
    text.trim_end().to_owned()
}

/// About 1 MB of notes (300 notes), 200 actions and 40 attendees, for benchmarks and
/// performance checks.
pub fn large_record() -> Record {
    let mut record = blank_record(
        "1a2b3c4d5e6f70819293a4b5c6d7e8f9",
        "Large-scale enquiry review",
    );
    record.meeting.started_at = Some(at("09:00"));
    record.meeting.ended_at = Some(at("17:00"));
    record.attendees = (0..40)
        .map(|i| {
            let attendance = if i % 9 == 8 {
                Attendance::Apologies
            } else {
                Attendance::Present
            };
            let mut attendee = person(
                &format!("Person{i:02} Surname{i:02}"),
                "Practitioner",
                &format!("Agency {}", i % 12),
                attendance,
            );
            attendee.initials = format!("P{i:02}");
            attendee
        })
        .collect();
    let keys: Vec<String> = record.agenda.iter().map(|item| item.key.clone()).collect();
    for n in 0..300 {
        let key = &keys[n % keys.len()];
        let minutes = 9 * 60 + n;
        let at = ts(&format!(
            "2026-11-23T{:02}:{:02}:00+00:00",
            minutes / 60 % 24,
            minutes % 60
        ));
        let mut entry = Note::new(at, prose(n, 3_400));
        entry.speaker = Some(format!("P{:02}", n % 40));
        entry.visibility = match n % 10 {
            7 => Visibility::ProfessionalsOnly,
            9 => Visibility::Restricted,
            _ => Visibility::All,
        };
        if let Some(item) = record.agenda.iter_mut().find(|item| &item.key == key) {
            item.notes.push(entry);
            item.status = ItemStatus::Done;
        }
    }
    record.actions = (1..=200)
        .map(|id: u32| {
            let day = 1 + id % 28;
            action(
                id,
                &prose(id as usize, 160),
                &format!("P{:02}", id % 40),
                "",
                &format!("2026-12-{day:02}"),
                &keys[id as usize % keys.len()],
            )
        })
        .collect();
    record
}

/// The text of a drawn buffer, a line per row, a wide character covering its second cell as
/// on a real terminal.
pub fn screen_text(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            let width = unicode_width::UnicodeWidthStr::width(symbol).max(1);
            x = x.saturating_add(u16::try_from(width).unwrap_or(1));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The section headings of the help screen shown in `screen` (from `screen_text`), top down:
/// the lines of its pop-up that start at its left border, where key rows are indented.
pub fn help_headings(screen: &str) -> Vec<String> {
    let mut lines = screen.lines().skip_while(|line| !line.contains(" Keys ("));
    let Some(title) = lines.next() else {
        return Vec::new();
    };
    let Some(left) = title
        .split(" Keys (")
        .next()
        .map(|before| before.chars().count().saturating_sub(1))
    else {
        return Vec::new();
    };
    lines
        .map(|line| {
            line.chars()
                .skip(left + 1)
                .take_while(|c| *c != '│')
                .collect::<String>()
        })
        .take_while(|inside| !inside.starts_with('─'))
        .filter(|inside| !inside.starts_with(' ') && !inside.trim().is_empty())
        .map(|inside| inside.trim().to_owned())
        .collect()
}

/// Every part of a .docx archive, by name, with its text.
pub fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.is_dir() {
            continue;
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).expect("UTF-8 XML");
        parts.push((file.name().to_owned(), text));
    }
    parts
}
