//! Built-in templates against the procedures they follow, user templates, and the records made
//! from them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use minutes::Error;
use minutes::config::read_user_files;
use minutes::model::{ItemKind, ItemStatus, NewMeeting, Record};
use minutes::templates::{Catalogue, DeadlineRule, Origin, Template, builtin};

const SEEDS: [&str; 5] = [
    "000_77942cdcb424737f.txt",
    "001_501fbda48aaef692.txt",
    "002_af9df76a6f36a738.txt",
    "003_7d196af9302f12de.txt",
    "004_d3a6605e44783652.txt",
];

fn template(key: &str) -> Template {
    builtin()
        .into_iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no built-in '{key}'"))
}

/// Checks a checklist table: every row's item exists, cites the section, the rows are in the
/// template's order, and the table has the expected number of rows.
fn check_checklist(key: &str, cites: &[&str], rows: &[(&str, &str)], expected_rows: usize) {
    assert_eq!(
        rows.len(),
        expected_rows,
        "{key}: the table must list every bullet"
    );
    let template = template(key);
    let mut last_position = None;
    for (bullet, item_key) in rows {
        let position = template
            .items
            .iter()
            .position(|item| item.key == *item_key)
            .unwrap_or_else(|| panic!("{key}: no item '{item_key}' for bullet '{bullet}'"));
        let item = &template.items[position];
        for cite in cites {
            assert!(
                item.source.contains(cite),
                "{key}/{item_key}: source '{}' does not cite '{cite}'",
                item.source
            );
        }
        assert!(
            last_position.is_none_or(|last| position > last),
            "{key}/{item_key}: bullet '{bullet}' is out of order"
        );
        last_position = Some(position);
    }
}

/// Every bullet of `004` §4.4 ("The case conference will:"), by a verbatim fragment.
#[test]
fn case_conference_covers_every_bullet_of_004_section_4_4() {
    let rows = [
        (
            "receive and consider the investigating officer's report",
            "investigating-officer-report",
        ),
        (
            "receive and consider reports from other involved agencies",
            "agency-reports",
        ),
        ("assess the levels of current risk/s", "current-risk"),
        (
            "determine on the balance of probabilities whether abuse has occurred",
            "finding-per-allegation",
        ),
        (
            "assess the likelihood of risk reoccurring",
            "likelihood-of-recurrence",
        ),
        (
            "consider whether any further action or information is required",
            "further-action-information",
        ),
        (
            "discuss the views and wishes of the adult",
            "adult-views-outcomes",
        ),
        (
            "consider whether legal advice and guidance is required",
            "legal-advice",
        ),
        (
            "consider whether any statutory/regulatory action is required",
            "statutory-regulatory-action",
        ),
        (
            "review any existing protection plan or safety plan",
            "protection-plan",
        ),
        (
            "decide which organisation/s / individual/s will monitor and coordinate",
            "plan-monitoring",
        ),
        (
            "agree contingency measures if the protection plan or safety plan does not work",
            "contingencies",
        ),
        (
            "agree how the protection plan or safety plan will be shared with partners",
            "plan-sharing",
        ),
        (
            "review any actions taken so far in relation to the person alleged to have caused harm",
            "person-alleged-to-have-caused-harm",
        ),
        (
            "decide what action is appropriate if the allegation has not been proved",
            "concerns-remain",
        ),
        (
            "provide support and services to meet the needs of the adult and their carer/s",
            "support-services",
        ),
        (
            "determine what additional information needs to be shared and with whom",
            "information-sharing",
        ),
        ("set a date for a review", "review-date"),
        (
            "agree whether a further case conference is required",
            "further-case-conference",
        ),
    ];
    check_checklist(
        "case-conference",
        &["004_d3a6605e44783652.txt", "§4.4"],
        &rows,
        19,
    );
}

#[test]
fn case_conference_item_kinds_and_cross_checks() {
    let t = template("case-conference");
    assert_eq!(
        t.items.first().map(|i| i.key.as_str()),
        Some("introductions")
    );
    let kind = |key: &str| t.item(key).map(|i| i.kind);
    assert_eq!(kind("finding-per-allegation"), Some(ItemKind::Findings));
    assert_eq!(kind("protection-plan"), Some(ItemKind::Plan));
    assert_eq!(kind("review-date"), Some(ItemKind::Review));
    assert_eq!(kind("further-case-conference"), Some(ItemKind::Review));
    assert_eq!(kind("feedback"), Some(ItemKind::Feedback));
    assert_eq!(kind("actions-agreed"), Some(ItemKind::Actions));
    assert_eq!(kind("minutes-circulation"), Some(ItemKind::Review));

    let prompt = |key: &str| t.item(key).map(|i| i.prompt.to_lowercase()).unwrap();
    // 000 Protection: the under-recorded types of abuse.
    for abuse in [
        "organisational",
        "discriminatory",
        "modern slavery",
        "domestic abuse",
    ] {
        assert!(prompt("finding-per-allegation").contains(abuse), "{abuse}");
    }
    assert!(prompt("likelihood-of-recurrence").contains("child protection referral"));
    assert!(prompt("likelihood-of-recurrence").contains("other adults"));
    for link in [
        "disclosure and barring",
        "cqc",
        "police",
        "serious incident",
        "pressure ulcer",
        "safeguarding adults review",
        "provider concerns",
    ] {
        assert!(
            prompt("statutory-regulatory-action").contains(link),
            "{link}"
        );
    }
    // 004 §2: the five purposes.
    for purpose in [
        "findings and outcomes",
        "whether abuse took place",
        "ongoing risk",
        "protection or safety plan",
        "satisfied",
    ] {
        assert!(prompt("purpose").contains(purpose), "{purpose}");
    }
    assert!(prompt("confidentiality").contains("not a verbatim record"));
    assert!(prompt("attendance-apologies").contains("in writing"));
    for point in [
        "capacity",
        "lasting power of attorney",
        "deputy",
        "record why",
    ] {
        assert!(prompt("adult-participation").contains(point), "{point}");
    }
    // 004 §6.1 and §6.2: who gets feedback, and from whom.
    for who in [
        "adult",
        "disagree",
        "employer",
        "referrer",
        "did not attend",
    ] {
        assert!(prompt("feedback").contains(who), "{who}");
    }
}

/// Every bullet of the initial meeting framework in `003` Record Keeping.
#[test]
fn serious_concerns_initial_covers_every_bullet_of_003_initial_framework() {
    let rows = [
        ("Meeting to convened as soon as practicable", "convened"),
        ("Purpose of Meeting", "purpose"),
        (
            "Details of safeguarding enquiries/outcome of safeguarding investigations",
            "safeguarding-enquiries",
        ),
        ("Details of multi-agency concerns", "multi-agency-concerns"),
        (
            "Information known about the service provider, including other services",
            "provider-information",
        ),
        ("Outcomes from CQC inspections", "cqc-outcomes"),
        (
            "Outcomes from Contract Service Reviews",
            "contract-review-outcomes",
        ),
        ("Multi-agency assessment of risk", "risk-assessment"),
        ("Issues requiring investigation", "issues-to-investigate"),
        (
            "Clarification of roles/responsibilities in investigation framework",
            "investigation-roles",
        ),
        (
            "Resources required to support investigation/s",
            "investigation-resources",
        ),
        (
            "Actions required to ensure ongoing safety of adults at risk",
            "safety-actions",
        ),
        (
            "Consider suspension of new admissions",
            "admissions-suspension",
        ),
        (
            "Identification of any individuals specifically at risk",
            "individuals-at-risk",
        ),
        ("Agree timescales for further meetings", "next-meetings"),
        (
            "Decide how to communicate with and involve the service provider",
            "provider-involvement",
        ),
        ("Agree a communication plan", "communication-plan"),
        (
            "Ensure minutes of the meeting are written, agreed and shared",
            "minutes-circulation",
        ),
        ("DSP to be informed of the outcome", "dsp-informed"),
    ];
    check_checklist(
        "serious-concerns-initial",
        &["003_7d196af9302f12de.txt", "initial meeting framework"],
        &rows,
        19,
    );
}

/// Every bullet of the review meeting framework in `003` Record Keeping.
#[test]
fn serious_concerns_review_covers_every_bullet_of_003_review_framework() {
    let rows = [
        ("Purpose of meeting", "purpose"),
        (
            "Details of any additional safeguarding concerns/multi-agency concerns",
            "additional-concerns",
        ),
        (
            "Reports on the outcome of any investigations/actions",
            "investigation-outcomes",
        ),
        (
            "Feedback from any individual safeguarding investigations/assessments",
            "individual-enquiries",
        ),
        (
            "Reach a conclusion as to whether the stated outcomes of the process have been met",
            "outcomes-met",
        ),
        ("Review multi-agency assessment of risk", "risk-assessment"),
        (
            "Review progress in relation to implementation of the multi-agency action plan",
            "action-plan-progress",
        ),
        (
            "Agree any further action required to ensure the ongoing safety",
            "further-safety-actions",
        ),
        (
            "Agree any additional contract compliance arrangements",
            "contract-compliance",
        ),
        (
            "Agree timescales and attendees for future meetings",
            "next-meetings",
        ),
        ("Maintain the communication plan", "communication-plan"),
        (
            "Review the decision to impose a suspension on new placements",
            "admissions-suspension",
        ),
        (
            "Ensure minutes of the meeting are written, agreed and shared",
            "minutes-circulation",
        ),
    ];
    check_checklist(
        "serious-concerns-review",
        &["003_7d196af9302f12de.txt", "review meeting framework"],
        &rows,
        13,
    );
}

#[test]
fn builtins_are_the_expected_set_in_order_and_valid() {
    let keys: Vec<String> = builtin().into_iter().map(|t| t.key).collect();
    assert_eq!(
        keys,
        [
            "case-conference",
            "strategy",
            "serious-concerns-initial",
            "serious-concerns-review",
            "self-neglect",
            "professionals",
            "marac",
            "best-interests",
        ]
    );
    let catalogue = Catalogue::load(None);
    assert!(
        catalogue.problems().is_empty(),
        "{:?}",
        catalogue.problems()
    );
    for t in builtin() {
        assert_eq!(t.validate(), Vec::<String>::new(), "{}", t.key);
        assert!(
            !t.description.is_empty() && !t.sources.is_empty(),
            "{}",
            t.key
        );
        assert_eq!(catalogue.origin(&t.key), Some(&Origin::BuiltIn));
        for item in &t.items {
            // Every cited part must name a seed file or the domain guide.
            for part in item.source.split("; ") {
                assert!(
                    SEEDS.iter().any(|seed| part.starts_with(seed))
                        || part.starts_with("domain.md"),
                    "{}/{}: source '{part}' names no seed file",
                    t.key,
                    item.key
                );
            }
        }
    }
}

/// `001` best-practice box: every meeting covers purpose, information sharing, risk, decisions,
/// actions, contingencies, an accurate record and how agencies communicate.
#[test]
fn every_builtin_covers_the_001_best_practice_box() {
    for t in builtin() {
        let text: String = t
            .items
            .iter()
            .map(|i| format!("{} {} ", i.title, i.prompt).to_lowercase())
            .collect();
        for topic in [
            "purpose",
            "information",
            "risk",
            "decision",
            "contingenc",
            "minutes",
            "communicat",
        ] {
            assert!(text.contains(topic), "{}: no '{topic}'", t.key);
        }
        let kinds: Vec<ItemKind> = t.items.iter().map(|i| i.kind).collect();
        assert!(
            kinds.contains(&ItemKind::Actions),
            "{}: no actions item",
            t.key
        );
        assert!(
            kinds.contains(&ItemKind::Review),
            "{}: no review item",
            t.key
        );
        assert!(
            kinds.contains(&ItemKind::Attendance),
            "{}: no attendance item",
            t.key
        );
    }
}

#[test]
fn deadlines_follow_the_procedures() {
    assert_eq!(
        template("case-conference").deadline,
        DeadlineRule::WorkingDays(10)
    );
    assert_eq!(
        template("serious-concerns-initial").deadline,
        DeadlineRule::CalendarDays(14)
    );
    assert_eq!(
        template("serious-concerns-review").deadline,
        DeadlineRule::CalendarDays(7)
    );
    assert_eq!(template("marac").deadline, DeadlineRule::WorkingDays(3));
    for key in [
        "strategy",
        "self-neglect",
        "professionals",
        "best-interests",
    ] {
        let t = template(key);
        assert_eq!(t.deadline, DeadlineRule::WorkingDays(10), "{key}");
        assert!(t.description.contains("10 working days"), "{key}");
    }
}

#[test]
fn deadline_rule_json_is_the_documented_shape() {
    let working: DeadlineRule = serde_json::from_str(r#"{"working_days": 10}"#).unwrap();
    let calendar: DeadlineRule = serde_json::from_str(r#"{"calendar_days": 14}"#).unwrap();
    assert_eq!(working, DeadlineRule::WorkingDays(10));
    assert_eq!(calendar, DeadlineRule::CalendarDays(14));
}

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

#[test]
fn minutes_due_dates_skip_bank_holidays() {
    // Thu 17 Dec 2026 + 10 working days skips 25 and 28 Dec and 1 Jan.
    let conference = template("case-conference").deadline;
    assert_eq!(conference.due_after(d(2026, 12, 17)), d(2027, 1, 5));
    let initial = template("serious-concerns-initial").deadline;
    assert_eq!(initial.due_after(d(2026, 12, 17)), d(2026, 12, 31));
    let review = template("serious-concerns-review").deadline;
    assert_eq!(review.due_after(d(2026, 12, 17)), d(2026, 12, 24));
}

#[test]
fn a_record_copies_the_agenda_and_works_out_the_deadline() {
    let t = template("case-conference");
    let now = DateTime::parse_from_rfc3339("2026-12-17T10:00:00+00:00").unwrap();
    let record = Record::new(
        &t,
        NewMeeting {
            title: "Case conference".to_owned(),
            subject_ref: "AB-123".to_owned(),
            date: d(2026, 12, 17),
        },
        "0123456789abcdef0123456789abcdef".to_owned(),
        now,
    );
    assert_eq!(record.meeting.meeting_type, "case-conference");
    assert_eq!(record.agenda.len(), t.items.len());
    for (agenda, item) in record.agenda.iter().zip(&t.items) {
        assert_eq!(agenda.key, item.key);
        assert_eq!(agenda.title, item.title);
        assert_eq!(agenda.prompt, item.prompt);
        assert_eq!(agenda.kind, item.kind);
        assert_eq!(agenda.source, item.source);
        assert_eq!(agenda.status, ItemStatus::Pending);
        assert!(agenda.notes.is_empty());
    }
    assert_eq!(record.review.minutes_due, Some(d(2027, 1, 5)));
    assert!(record.problems().is_empty(), "{:?}", record.problems());
}

// ---------------------------------------------------------------- user templates

fn write(dir: &Path, name: &str, text: &str) {
    fs_err::write(dir.join(name), text).unwrap();
}

fn user_template(key: &str, title: &str) -> String {
    serde_json::json!({
        "key": key,
        "title": title,
        "deadline": {"calendar_days": 5},
        "items": [
            {"key": "purpose", "title": "Purpose", "prompt": "Why are we here?",
             "kind": "notes", "source": "local procedure §1"},
            {"key": "actions", "title": "Actions", "prompt": "Who does what by when?",
             "kind": "actions", "source": "local procedure §2"}
        ]
    })
    .to_string()
}

#[test]
fn a_builtin_copied_to_the_user_folder_loads_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let original = template("case-conference");
    write(
        dir.path(),
        "cc.json",
        &serde_json::to_string_pretty(&original).unwrap(),
    );
    let catalogue = Catalogue::load(Some(read_user_files(dir.path(), "json")));
    assert!(
        catalogue.problems().is_empty(),
        "{:?}",
        catalogue.problems()
    );
    assert_eq!(catalogue.get("case-conference").unwrap(), &original);
    assert_eq!(
        catalogue.origin("case-conference"),
        Some(&Origin::File(dir.path().join("cc.json")))
    );
}

#[test]
fn user_templates_override_add_and_bad_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    // Overrides the built-in strategy template.
    write(
        path,
        "my-strategy.json",
        &user_template("strategy", "Our strategy meeting"),
    );
    // A new meeting type.
    write(
        path,
        "cuckooing.json",
        &user_template("cuckooing", "Cuckooing planning"),
    );
    // Truncated JSON.
    let full = user_template("truncated", "Truncated");
    write(path, "truncated.json", &full[..full.len() / 2]);
    // Wrong type: the deadline is a string, on line 4.
    write(
        path,
        "wrong-type.json",
        "{\n  \"key\": \"wrong-type\",\n  \"title\": \"Wrong type\",\n  \"deadline\": {\"working_days\": \"ten\"},\n  \"items\": []\n}\n",
    );
    // Parses but fails validation: duplicate item keys.
    let mut duplicate: serde_json::Value =
        serde_json::from_str(&user_template("duplicate", "Duplicate")).unwrap();
    duplicate["items"][1]["key"] = "purpose".into();
    write(path, "duplicate.json", &duplicate.to_string());
    // Not JSON by name: ignored, even though its content is a valid template.
    write(path, "notes.txt", &user_template("ignored", "Ignored"));
    write(
        path,
        "backup.json~",
        &user_template("ignored-too", "Ignored"),
    );

    let catalogue = Catalogue::load(Some(read_user_files(path, "json")));

    // Order: built-ins (with the override in place), then user-only templates.
    let keys: Vec<&str> = catalogue.keys().collect();
    assert_eq!(
        keys,
        [
            "case-conference",
            "strategy",
            "serious-concerns-initial",
            "serious-concerns-review",
            "self-neglect",
            "professionals",
            "marac",
            "best-interests",
            "cuckooing",
        ]
    );
    assert_eq!(catalogue.templates().len(), keys.len());
    assert_eq!(
        catalogue.get("strategy").unwrap().title,
        "Our strategy meeting"
    );
    assert_eq!(
        catalogue.origin("strategy"),
        Some(&Origin::File(path.join("my-strategy.json")))
    );
    assert_eq!(
        catalogue.origin("cuckooing"),
        Some(&Origin::File(path.join("cuckooing.json")))
    );
    assert_eq!(catalogue.origin("case-conference"), Some(&Origin::BuiltIn));
    assert_eq!(catalogue.origin("ignored"), None);

    let problems = catalogue.problems();
    assert_eq!(problems.len(), 3, "{problems:?}");
    let find = |name: &str| {
        problems
            .iter()
            .find(|p| p.to_string().contains(name))
            .unwrap_or_else(|| panic!("no problem for {name}: {problems:?}"))
    };
    match find("truncated.json") {
        Error::Parse {
            path: p,
            line,
            column,
            message,
        } => {
            assert_eq!(p, &path.join("truncated.json"));
            assert_eq!(*line, 1);
            assert!(*column > 0);
            assert!(message.contains("EOF"), "{message}");
        }
        other => panic!("truncated.json: {other:?}"),
    }
    match find("wrong-type.json") {
        Error::Parse {
            path: p,
            line,
            column,
            message,
        } => {
            assert_eq!(p, &path.join("wrong-type.json"));
            assert_eq!(*line, 4);
            assert!(*column > 20, "{column}");
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("wrong-type.json: {other:?}"),
    }
    match find("duplicate.json") {
        Error::Invalid { path: p, message } => {
            assert_eq!(p, &path.join("duplicate.json"));
            assert!(message.contains("'purpose' appears twice"), "{message}");
        }
        other => panic!("duplicate.json: {other:?}"),
    }
    assert!(catalogue.get("duplicate").is_err());
    assert!(catalogue.get("truncated").is_err());
}

#[test]
fn two_user_files_with_one_key_keep_the_first_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.json", &user_template("local", "First"));
    write(dir.path(), "b.json", &user_template("local", "Second"));
    let catalogue = Catalogue::load(Some(read_user_files(dir.path(), "json")));
    assert_eq!(catalogue.get("local").unwrap().title, "First");
    assert_eq!(catalogue.problems().len(), 1);
    assert!(matches!(
        &catalogue.problems()[0],
        Error::Invalid { path, message } if path.ends_with("b.json") && message.contains("a.json")
    ));
}

#[test]
fn a_missing_user_folder_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::load(Some(read_user_files(
        &dir.path().join("no-such-folder"),
        "json",
    )));
    assert!(catalogue.problems().is_empty());
    assert_eq!(catalogue.templates().len(), builtin().len());
}

#[test]
fn unknown_keys_list_the_known_ones() {
    let catalogue = Catalogue::load(None);
    match catalogue.get("case-conferance") {
        Err(Error::UnknownTemplate { key, known }) => {
            assert_eq!(key, "case-conferance");
            assert_eq!(known.first().map(String::as_str), Some("case-conference"));
            assert_eq!(known.len(), catalogue.templates().len());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_fields_in_a_user_file_are_rejected_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut value: serde_json::Value =
        serde_json::from_str(&user_template("typo", "Typo")).unwrap();
    value["items"][0]["promt"] = "misspelt".into();
    write(
        dir.path(),
        "typo.json",
        &serde_json::to_string_pretty(&value).unwrap(),
    );
    let catalogue = Catalogue::load(Some(read_user_files(dir.path(), "json")));
    assert!(matches!(
        catalogue.problems(),
        [Error::Parse { message, .. }] if message.contains("promt")
    ));
}
