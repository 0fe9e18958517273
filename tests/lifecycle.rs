#![allow(clippy::expect_used, clippy::unwrap_used)]
//! After the meeting, through the real binary on temp folders: agree, circulate, reopen,
//! the minutes deadline with the user's holidays, `minutes due`, and follow-up meetings.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{Days, Local, NaiveDate};
use common::minutes_command as minutes;
use minutes::model::{
    ActionStatus, Attendance, Audience, MinutesStatus, Recipient, Record, record_schema,
};
use minutes::store::Store;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    minutes(dir).args(args).output().expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{:?}\nstdout: {}\nstderr: {}",
        output.status,
        stdout(output),
        stderr(output)
    );
    stdout(output)
}

fn store(dir: &Path) -> Store {
    Store::open(dir.join("records")).expect("records folder")
}

/// Writes `record` into the temp records folder and returns its path.
fn put(dir: &Path, record: &Record) -> PathBuf {
    store(dir).create(record).expect("record written")
}

fn load(path: &Path) -> Record {
    minutes::store::load_file(path).expect("record loads")
}

/// The typical case conference, back to draft minutes.
fn draft_conference() -> Record {
    let mut record = common::typical_record();
    record.meeting.status = MinutesStatus::Draft;
    record.meeting.status_history.clear();
    record
}

const ID: &str = "5e1c0a7d";

#[test]
fn circulating_records_the_copy_each_recipient_was_sent_and_says_who_gets_which() {
    let tmp = tempfile::tempdir().unwrap();
    let mut record = draft_conference();
    // The adult (on the attendance list, absent) is sent her own copy too.
    record
        .review
        .circulation
        .push(Recipient::parse("edith warren").unwrap());
    record
        .review
        .circulation
        .push(Recipient::parse("Ann Lee, Housing").unwrap());
    let path = put(tmp.path(), &record);
    ok(&run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]));
    let circulated = run(tmp.path(), &["circulate", ID]);
    let said = ok(&circulated);
    // Whoever has the professionals' copy only for not being on the attendance list is
    // named, in case they are the adult's family or representative; nobody else is.
    let noted = stderr(&circulated);
    assert!(
        noted.contains(
            "Ann Lee, Housing is not on the attendance list, so has the professionals' copy"
        ) && noted.contains("minutes open 5e1c0a7d"),
        "{noted}"
    );
    assert_eq!(
        noted.matches("is not on the attendance list").count(),
        1,
        "{noted}"
    );
    for line in [
        "  Mark Bennett, Oakfield Home Care (part 2 only): part-2 copy (attended part 2 only)\n",
        "  Sam Taylor, Voice Advocacy: the adult's copy (represents the adult)\n",
        "  edith warren: the adult's copy (the adult)\n",
        "  Jane Smith, Police: professionals' copy (attendee)\n",
        "  Gareth Lloyd, Care Quality Commission: professionals' copy (attendee)\n",
        "  Ann Lee, Housing: professionals' copy (not on the attendance list)\n",
        "Make each person's copy with: minutes export 5e1c0a7d --for NAME --format FORMAT\n",
    ] {
        assert!(said.contains(line), "{line:?} in\n{said}");
    }
    let record = load(&path);
    let sent = &record.meeting.status_history[1].recipients;
    let copy = |name: &str| sent.iter().find(|r| r.name == name).unwrap().copy;
    assert_eq!(copy("Mark Bennett"), Some(Audience::Part2));
    assert_eq!(copy("Sam Taylor"), Some(Audience::Adult));
    assert_eq!(copy("edith warren"), Some(Audience::Adult));
    assert_eq!(copy("Jane Smith"), Some(Audience::Professionals));
    assert_eq!(copy("Ann Lee"), Some(Audience::Professionals));
    // The file says so, and the circulation list itself holds no copy.
    let text = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["meeting"]["status_history"][1]["recipients"][5]["copy"],
        "part2"
    );
    assert!(value["review"]["circulation"][0].get("copy").is_none());
}

#[test]
fn agree_circulate_and_reopen_record_who_when_and_to_whom() {
    let tmp = tempfile::tempdir().unwrap();
    let path = put(tmp.path(), &draft_conference());

    let said = ok(&run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]));
    assert!(
        said.starts_with(
            "5e1c0a7d (Section 42 case conference: missed care calls, 2026-11-23): agreed by \
             Priya Nair at "
        ),
        "{said}"
    );
    let record = load(&path);
    assert_eq!(record.meeting.status, MinutesStatus::Agreed);
    assert_eq!(record.meeting.status_history[0].by, "Priya Nair");
    assert!(
        path.with_extension("json.bak").exists(),
        "saved by the store"
    );

    // No --by: the user circulates (`name` in config.toml, else the account's full name,
    // else the login); no --to: the record's circulation list.
    std::fs::create_dir_all(tmp.path().join("config")).unwrap();
    std::fs::write(
        tmp.path().join("config/config.toml"),
        "name = \"Ann Other\"\n",
    )
    .unwrap();
    let said = ok(&run(tmp.path(), &["circulate", ID]));
    assert!(said.contains("circulated by Ann Other at"), "{said}");
    assert!(
        said.contains(
            "to 9 people:\n  Priya Nair, Adult Social Care: professionals' copy (attendee)\n"
        ),
        "{said}"
    );
    let record = load(&path);
    assert_eq!(record.meeting.status, MinutesStatus::Circulated);
    let circulated = &record.meeting.status_history[1];
    assert_eq!(circulated.by, "Ann Other");
    let names = |list: &[Recipient]| -> Vec<(String, String)> {
        list.iter()
            .map(|r| (r.name.clone(), r.agency.clone()))
            .collect()
    };
    assert_eq!(
        names(&circulated.recipients),
        names(&record.review.circulation)
    );

    // Someone was missed: circulated again to them only.
    let said = ok(&run(
        tmp.path(),
        &[
            "circulate",
            ID,
            "--to",
            "Ann Lee, Housing",
            "--by",
            "Tom Walsh",
        ],
    ));
    assert!(
        said.contains(
            "to 1 person:\n  Ann Lee, Housing: professionals' copy (not on the attendance list)\n"
        ),
        "{said}"
    );
    let record = load(&path);
    let again = &record.meeting.status_history[2];
    assert_eq!(
        (
            again.recipients[0].name.as_str(),
            again.recipients[0].agency.as_str()
        ),
        ("Ann Lee", "Housing")
    );

    let said = ok(&run(
        tmp.path(),
        &[
            "reopen",
            ID,
            "--by",
            "Priya Nair",
            "--reason",
            "The review date was wrong",
        ],
    ));
    assert!(
        said.contains("the minutes were circulated and are a draft again"),
        "{said}"
    );
    let record = load(&path);
    assert_eq!(record.meeting.status, MinutesStatus::Draft);
    let reopened = record.meeting.status_history.last().unwrap();
    assert_eq!(
        (
            reopened.status,
            reopened.by.as_str(),
            reopened.note.as_str()
        ),
        (
            MinutesStatus::Draft,
            "Priya Nair",
            "The review date was wrong"
        )
    );
    assert_eq!(record.meeting.status_history.len(), 4);
    // The record still passes the checks and the published schema.
    ok(&run(tmp.path(), &["check", &path.display().to_string()]));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&record_schema()).unwrap();
    assert!(validator.is_valid(&value));
}

#[test]
fn illegal_changes_are_refused_naming_the_file_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let path = put(tmp.path(), &draft_conference());
    let before = std::fs::read(&path).unwrap();
    let file = path.display().to_string();
    let refused = |args: &[&str], code: i32, says: &[&str]| {
        let output = run(tmp.path(), args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&output)
        );
        let err = stderr(&output);
        for expected in says {
            assert!(err.contains(expected), "{args:?}: {err}");
        }
        assert!(stdout(&output).is_empty(), "{args:?}");
    };

    refused(
        &["circulate", ID, "--by", "Tom"],
        1,
        &[
            &file,
            "the chair must agree them before they are circulated",
            "(minutes agree 5e1c0a7d --by CHAIR)",
        ],
    );
    refused(
        &["reopen", ID, "--by", "Priya", "--reason", "typo"],
        1,
        &[&file, "there is nothing to reopen"],
    );
    refused(
        &["agree", ID, "--by", "  "],
        1,
        &[&file, "say who agrees the minutes (--by NAME)"],
    );
    refused(
        &["circulate", ID, "--to", " , Police"],
        2,
        &["--to ' , Police' names nobody"],
    );
    refused(&["reopen", ID, "--by", "Priya"], 2, &["--reason"]);
    refused(
        &["agree", "abcdef99", "--by", "Priya"],
        1,
        &["no record matches 'abcdef99'"],
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");

    ok(&run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]));
    refused(
        &["agree", ID, "--by", "Priya Nair"],
        1,
        &[&file, "the minutes were already agreed by Priya Nair on "],
    );

    // A meeting in the future cannot have agreed minutes yet.
    let mut future = common::blank_record("fe000000000000000000000000000001", "Planned");
    future.meeting.date = NaiveDate::from_ymd_opt(2099, 1, 5).unwrap();
    put(tmp.path(), &future);
    refused(
        &["agree", "fe00", "--by", "Priya"],
        1,
        &["the meeting is on 2099-01-05; its minutes cannot be agreed before then"],
    );

    // No circulation list and nobody named.
    let mut nobody = common::blank_record("ab000000000000000000000000000002", "Nobody");
    nobody.meeting.status = MinutesStatus::Agreed;
    put(tmp.path(), &nobody);
    refused(
        &["circulate", "ab00", "--by", "Tom"],
        1,
        &[
            "nobody to circulate the minutes to",
            "--to \"Name, Agency\"",
        ],
    );
}

#[test]
fn a_change_of_status_never_writes_a_record_that_breaks_a_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = store(tmp.path()).dir().to_owned();
    // Two actions numbered 1, as a hand edit might leave: refused, naming the rule.
    let mut twins = draft_conference();
    let twin = twins.actions[0].clone();
    twins.actions.push(twin);
    let path = common::write_unchecked(&folder, &twins);
    let before = std::fs::read(&path).unwrap();
    let output = run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let err = stderr(&output);
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("appears twice"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    std::fs::remove_file(&path).unwrap();

    // Two current items, as earlier versions could leave: put right with the change.
    let mut older = draft_conference();
    for item in &mut older.agenda[..2] {
        item.status = minutes::model::ItemStatus::Current;
    }
    let path = common::write_unchecked(&folder, &older);
    ok(&run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]));
    let agreed = load(&path);
    assert_eq!(agreed.meeting.status, MinutesStatus::Agreed);
    assert_eq!(agreed.problems(), Vec::<String>::new());
}

#[test]
fn a_record_in_use_elsewhere_says_who_holds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let path = put(tmp.path(), &draft_conference());
    let before = std::fs::read(&path).unwrap();
    let lock = store(tmp.path()).lock(&path).expect("lock taken");
    let output = run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("in use by"), "{err}");
    assert!(
        err.contains(&format!("(pid {})", std::process::id())),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);
    ok(&run(tmp.path(), &["agree", ID, "--by", "Priya Nair"]));
}

#[test]
fn minutes_deadlines_skip_the_users_holidays_and_report_bad_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let new = |title: &str| {
        let output = run(
            tmp.path(),
            &[
                "new",
                "--type",
                "case-conference",
                "--title",
                title,
                "--date",
                "2026-12-10",
                "--no-open",
            ],
        );
        let path = PathBuf::from(ok(&output).trim());
        (load(&path), stderr(&output))
    };
    // Thu 10 Dec 2026 + 10 working days: Thu 24 Dec.
    let (plain, _) = new("Before the holidays file");
    assert_eq!(
        plain.review.minutes_due,
        NaiveDate::from_ymd_opt(2026, 12, 24)
    );

    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let file = config.join("bank-holidays.txt");
    std::fs::write(
        &file,
        "# council closure\n2026-12-24 # Christmas Eve\n24 Dec 2026\n",
    )
    .unwrap();
    // Christmas Eve closed: then 25 Dec, the weekend and the Boxing Day substitute (28 Dec)
    // are not working days either, so Tue 29 Dec.
    let (closed, warnings) = new("With the holidays file");
    assert_eq!(
        closed.review.minutes_due,
        NaiveDate::from_ymd_opt(2026, 12, 29)
    );
    assert!(
        warnings.contains(&format!(
            "{}: line 3: '24 Dec 2026' is not a date written YYYY-MM-DD; skipped",
            file.display()
        )),
        "{warnings}"
    );
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days(n: i64) -> NaiveDate {
    if n >= 0 {
        today()
            .checked_add_days(Days::new(n.unsigned_abs()))
            .unwrap()
    } else {
        today()
            .checked_sub_days(Days::new(n.unsigned_abs()))
            .unwrap()
    }
}

#[test]
fn due_lists_outstanding_minutes_and_coming_reviews() {
    let tmp = tempfile::tempdir().unwrap();
    let record = |id: &str, title: &str, status: MinutesStatus, due: Option<i64>| {
        let mut r = common::blank_record(&format!("{id:0<32}"), title);
        r.meeting.date = days(-30);
        r.meeting.subject_ref = format!("SUBJ-{id}");
        r.meeting.status = status;
        r.review.minutes_due = due.map(days);
        r
    };
    put(
        tmp.path(),
        &record("a1", "Late draft", MinutesStatus::Draft, Some(-3)),
    );
    put(
        tmp.path(),
        &record("b2", "Agreed, not sent", MinutesStatus::Agreed, Some(5)),
    );
    put(
        tmp.path(),
        &record("c3", "Sent", MinutesStatus::Circulated, Some(-10)),
    );
    put(
        tmp.path(),
        &record("d4", "Due today", MinutesStatus::Draft, Some(0)),
    );
    let mut soon = record("e5", "Review soon", MinutesStatus::Circulated, Some(-20));
    soon.review.review_date = Some(days(3));
    put(tmp.path(), &soon);
    let mut later = record("f6", "Review later", MinutesStatus::Circulated, Some(-20));
    later.review.review_date = Some(days(20));
    put(tmp.path(), &later);

    let text = ok(&run(tmp.path(), &["due"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Minutes to circulate (3)");
    assert!(
        lines[2].contains("OVERDUE 3 days") && lines[2].contains("a1000000"),
        "{text}"
    );
    assert!(
        lines[3].contains("due today") && lines[3].contains("d4000000"),
        "{text}"
    );
    assert!(
        lines[4].contains("in 5 days") && lines[4].contains("Agreed by chair"),
        "{text}"
    );
    assert!(
        !text.contains("c3000000") && !text.contains("f6000000"),
        "{text}"
    );
    assert!(text.contains("Reviews in the next 14 days (1)"), "{text}");
    assert!(
        text.contains("in 3 days") && text.contains("e5000000"),
        "{text}"
    );

    let json: Value = serde_json::from_str(&ok(&run(tmp.path(), &["due", "--json"]))).unwrap();
    assert_eq!(json["today"], today().to_string());
    let minutes = json["minutes"].as_array().unwrap();
    assert_eq!(minutes.len(), 3);
    assert_eq!(minutes[0]["id"], format!("{:0<32}", "a1"));
    assert_eq!(minutes[0]["overdue"], true);
    assert_eq!(minutes[0]["days_late"], 3);
    assert_eq!(minutes[0]["minutes_due"], days(-3).to_string());
    assert_eq!(minutes[2]["overdue"], false);
    assert_eq!(minutes[2]["days_left"], 5);
    assert_eq!(minutes[2]["status"], "agreed");
    assert!(minutes[0]["path"].as_str().unwrap().ends_with(".json"));
    let reviews = json["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["review_date"], days(3).to_string());
    assert_eq!(reviews[0]["days_until"], 3);
}

#[test]
fn due_on_an_empty_folder_says_none() {
    let tmp = tempfile::tempdir().unwrap();
    let text = ok(&run(tmp.path(), &["due"]));
    assert_eq!(
        text,
        "Minutes to circulate (0)\n  none\n\nReviews in the next 14 days (0)\n  none\n"
    );
}

#[test]
fn follow_up_carries_people_plan_and_open_actions() {
    let tmp = tempfile::tempdir().unwrap();
    let previous = common::typical_record();
    put(tmp.path(), &previous);
    let output = run(
        tmp.path(),
        &[
            "new",
            "--follow-up",
            ID,
            "--date",
            "2027-01-04",
            "--no-open",
        ],
    );
    let path = PathBuf::from(ok(&output).trim());
    assert!(
        stderr(&output).contains("4 open actions carried for review"),
        "{}",
        stderr(&output)
    );
    let record = load(&path);
    assert!(record.problems().is_empty(), "{:?}", record.problems());
    assert_eq!(record.meeting.meeting_type, "case-conference");
    assert_eq!(
        record.meeting.title,
        "Review: Section 42 case conference: missed care calls"
    );
    assert_eq!(record.meeting.subject_ref, "SA-2026-0142");
    assert_eq!(record.meeting.status, MinutesStatus::Draft);
    let link = record.meeting.follow_up_of.as_ref().unwrap();
    assert_eq!(link.record_id, previous.id);
    assert_eq!(link.date, previous.meeting.date);
    // Mon 4 Jan 2027 + 10 working days.
    assert_eq!(
        record.review.minutes_due,
        NaiveDate::from_ymd_opt(2027, 1, 18)
    );

    assert_eq!(record.attendees.len(), previous.attendees.len());
    assert!(
        record
            .attendees
            .iter()
            .all(|a| a.attendance == Attendance::Present && a.joined_at.is_none())
    );
    assert_eq!(record.plan, previous.plan);
    assert_eq!(record.review.circulation, previous.review.circulation);
    assert!(record.agenda_item("previous-minutes").is_some());
    let carried: Vec<(u32, u32, &str)> = record
        .actions
        .iter()
        .map(|a| {
            assert_eq!(a.status, ActionStatus::Open);
            assert_eq!(a.agenda_key, "review-of-actions");
            let from = a.carried_from.as_ref().unwrap();
            assert_eq!(from.record_id, previous.id);
            (a.id, from.action_id, a.owner.as_str())
        })
        .collect();
    assert_eq!(
        carried,
        vec![(1, 2, "AO"), (2, 3, "AO"), (3, 4, "CD"), (4, 5, "JS")]
    );
    // The restricted action stays restricted in the new record.
    assert_eq!(record.actions[3].visibility, previous.actions[4].visibility);
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&record_schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn follow_up_options_and_bad_input() {
    let tmp = tempfile::tempdir().unwrap();
    put(tmp.path(), &common::typical_record());
    let path = PathBuf::from(
        ok(&run(
            tmp.path(),
            &[
                "new",
                "--follow-up",
                ID,
                "--type",
                "strategy",
                "--title",
                "Strategy review",
                "--subject",
                "SA-2026-0999",
                "--date",
                "2026-12-01",
                "--no-open",
            ],
        ))
        .trim(),
    );
    let record = load(&path);
    assert_eq!(record.meeting.meeting_type, "strategy");
    assert_eq!(record.meeting.title, "Strategy review");
    assert_eq!(record.meeting.subject_ref, "SA-2026-0999");

    let early = run(
        tmp.path(),
        &[
            "new",
            "--follow-up",
            ID,
            "--date",
            "2026-11-01",
            "--no-open",
        ],
    );
    assert_eq!(early.status.code(), Some(2));
    assert!(
        stderr(&early).contains(
            "--date 2026-11-01 is before the meeting it follows up (2026-11-23, record 5e1c0a7d"
        ),
        "{}",
        stderr(&early)
    );
    let unknown = run(tmp.path(), &["new", "--follow-up", "abcdef99", "--no-open"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no record matches 'abcdef99'"));
    let bad_date = run(
        tmp.path(),
        &[
            "new",
            "--follow-up",
            ID,
            "--date",
            "2027-02-30",
            "--no-open",
        ],
    );
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(
        stderr(&bad_date).contains("2027-02-30"),
        "{}",
        stderr(&bad_date)
    );
    // Without --follow-up, --type and --title are still required.
    let missing = run(tmp.path(), &["new", "--title", "No type", "--no-open"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--type"), "{}", stderr(&missing));
    let unknown_type = run(
        tmp.path(),
        &["new", "--follow-up", ID, "--type", "tea-party", "--no-open"],
    );
    assert_eq!(unknown_type.status.code(), Some(1));
    assert!(stderr(&unknown_type).contains("unknown meeting type 'tea-party'"));
}
