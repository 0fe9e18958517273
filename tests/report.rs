#![allow(clippy::expect_used, clippy::unwrap_used)]
//! `minutes report sac` on hand-counted records: five concluded enquiries with known codes,
//! a follow-up of one of them, a record with findings but no result, and records outside the
//! period. Every count below was worked out by hand from the records built here.

mod common;

use std::path::Path;
use std::process::Output;

use common::minutes_command as minutes;
use minutes::model::{
    AbuseType, EnquiryResult, Extra, Finding, MeetingLink, MentalCapacity, MspAsked,
    OutcomeAchieved, Record, RiskLocation, RiskOutcome, RiskSource, Visibility,
};
use minutes::store::Store;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    minutes(dir).args(args).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A finding with every code given (`outcome` only where the result identified a risk).
fn coded(
    abuse_type: Option<AbuseType>,
    location: RiskLocation,
    source: RiskSource,
    result: Option<EnquiryResult>,
    outcome: Option<RiskOutcome>,
) -> Finding {
    Finding {
        allegation: "An allegation".to_owned(),
        abuse_type,
        location: Some(location),
        source: Some(source),
        finding: None,
        result,
        risk_outcome: outcome,
        rationale: "Evidence and reasoning".to_owned(),
        agenda_key: "findings".to_owned(),
        at: common::at("10:30"),
        visibility: Visibility::All,
        extra: Extra::new(),
    }
}

/// A record with a two-letter id prefix, a meeting date and a subject.
fn record(prefix: &str, date: &str, subject: &str) -> Record {
    let mut record = common::blank_record(&format!("{prefix:0<32}"), "Case conference");
    record.meeting.date = common::date(date);
    record.meeting.subject_ref = subject.to_owned();
    record
}

fn participation(
    record: &mut Record,
    capacity: Option<MentalCapacity>,
    supported: Option<bool>,
    asked: Option<MspAsked>,
    achieved: Option<OutcomeAchieved>,
) {
    let adult = &mut record.adult_participation;
    adult.capacity = capacity;
    adult.capacity_supported = supported;
    adult.msp_asked = asked;
    adult.outcomes_achieved = achieved;
}

/// The hand-counted folder. Period 2026-04-01 to 2027-03-31.
fn records() -> Vec<Record> {
    use AbuseType as T;
    use EnquiryResult as E;
    use RiskLocation as L;
    use RiskOutcome as O;
    use RiskSource as S;

    // R1: two types at home by someone known, both risk reduced (the outcome counts once).
    let mut r1 = record("a1", "2026-05-10", "SA-1");
    r1.findings = vec![
        coded(
            Some(T::Physical),
            L::OwnHome,
            S::KnownToIndividual,
            Some(E::RiskIdentifiedActionTaken),
            Some(O::Reduced),
        ),
        coded(
            Some(T::Psychological),
            L::OwnHome,
            S::KnownToIndividual,
            Some(E::RiskIdentifiedActionTaken),
            Some(O::Reduced),
        ),
    ];
    participation(
        &mut r1,
        Some(MentalCapacity::LackedCapacity),
        Some(true),
        Some(MspAsked::AskedExpressed),
        Some(OutcomeAchieved::Fully),
    );

    // R2: neglect twice in a nursing home (counts once), organisational too; two results
    // and two outcomes.
    let mut r2 = record("b2", "2026-07-01", "SA-2");
    r2.findings = vec![
        coded(
            Some(T::Neglect),
            L::CareHomeNursing,
            S::ServiceProvider,
            Some(E::RiskIdentifiedActionTaken),
            Some(O::Removed),
        ),
        coded(
            Some(T::Neglect),
            L::CareHomeNursing,
            S::ServiceProvider,
            Some(E::RiskIdentifiedNoAction),
            Some(O::Remained),
        ),
        coded(
            Some(T::Organisational),
            L::CareHomeNursing,
            S::ServiceProvider,
            Some(E::RiskIdentifiedActionTaken),
            Some(O::Removed),
        ),
    ];
    participation(
        &mut r2,
        Some(MentalCapacity::LackedCapacity),
        Some(false),
        Some(MspAsked::AskedExpressed),
        Some(OutcomeAchieved::Partially),
    );

    // R3: financial, in the community, by a stranger; same subject as R1 (noted).
    let mut r3 = record("c3", "2026-09-15", "SA-1");
    r3.findings = vec![coded(
        Some(T::Financial),
        L::Community,
        S::UnknownToIndividual,
        Some(E::InconclusiveActionTaken),
        None,
    )];
    participation(
        &mut r3,
        Some(MentalCapacity::HadCapacity),
        None,
        Some(MspAsked::AskedNoneExpressed),
        None,
    );

    // R4: self-neglect, no risk; a second finding has no type (listed); capacity not recorded.
    let mut r4 = record("d4", "2027-01-20", "SA-4");
    r4.findings = vec![
        coded(
            Some(T::SelfNeglect),
            L::OwnHome,
            S::KnownToIndividual,
            Some(E::NoRiskNoAction),
            None,
        ),
        coded(
            None,
            L::OwnHome,
            S::KnownToIndividual,
            Some(E::CeasedAtRequest),
            None,
        ),
    ];
    participation(&mut r4, None, None, Some(MspAsked::NotAsked), None);

    // R5: the last day of the period (ended that afternoon); risk identified but no outcome,
    // outcomes expressed but not whether achieved (both listed).
    let mut r5 = record("e5", "2027-03-31", "SA-5");
    r5.meeting.ended_at = Some(common::ts("2027-03-31T16:00:00+01:00"));
    r5.findings = vec![coded(
        Some(T::DomesticAbuse),
        L::OwnHome,
        S::KnownToIndividual,
        Some(E::RiskIdentifiedActionTaken),
        None,
    )];
    participation(
        &mut r5,
        Some(MentalCapacity::DontKnow),
        None,
        Some(MspAsked::AskedExpressed),
        None,
    );

    // R6: the review of R2, recording results again: not a second enquiry.
    let mut r6 = record("f6", "2026-10-01", "SA-2");
    r6.meeting.follow_up_of = Some(MeetingLink {
        record_id: r2.id.clone(),
        date: r2.meeting.date,
        meeting_type: "case-conference".to_owned(),
        title: String::new(),
    });
    r6.findings = r2.findings.clone();

    // R7: findings but no result on any: not concluded.
    let mut r7 = record("a7", "2026-08-01", "SA-7");
    r7.findings = vec![coded(
        Some(T::Sexual),
        L::HospitalAcute,
        S::UnknownToIndividual,
        None,
        None,
    )];

    // R8 and R9: concluded outside the period.
    let mut r8 = record("b8", "2026-03-31", "SA-8");
    r8.findings = vec![coded(
        Some(T::ModernSlavery),
        L::Other,
        S::UnknownToIndividual,
        Some(E::NoRiskNoAction),
        None,
    )];
    let mut r9 = record("c9", "2027-04-01", "SA-9");
    r9.findings = r8.findings.clone();

    vec![r1, r2, r3, r4, r5, r6, r7, r8, r9]
}

fn folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("records")).unwrap();
    for record in records() {
        store.create(&record).unwrap();
    }
    tmp
}

const PERIOD: [&str; 4] = ["--from", "2026-04-01", "--to", "2027-03-31"];

fn sac(dir: &Path, format: &str) -> Output {
    let mut args = vec!["report", "sac"];
    args.extend(PERIOD);
    args.extend(["--format", format]);
    run(dir, &args)
}

/// Every count, worked out by hand from [`records`].
const EXPECTED_CSV: &str = "\
table,category,source,count
Enquiries,Concluded enquiries,,5
SG2a,Physical,,1
SG2a,Sexual,,0
SG2a,Psychological,,1
SG2a,Financial or Material,,1
SG2a,Discriminatory,,0
SG2a,Organisational,,1
SG2a,Neglect and Acts of Omission,,1
SG2a,Domestic Abuse,,1
SG2a,Sexual Exploitation,,0
SG2a,Modern Slavery,,0
SG2a,Self-Neglect,,1
SG2b,Own Home,Service Provider,0
SG2b,Own Home,Other - Known to Individual,3
SG2b,Own Home,Other - Unknown to Individual,0
SG2b,Own Home,Any source,3
SG2b,In the Community (excluding Community Services),Service Provider,0
SG2b,In the Community (excluding Community Services),Other - Known to Individual,0
SG2b,In the Community (excluding Community Services),Other - Unknown to Individual,1
SG2b,In the Community (excluding Community Services),Any source,1
SG2b,In a Community Service,Service Provider,0
SG2b,In a Community Service,Other - Known to Individual,0
SG2b,In a Community Service,Other - Unknown to Individual,0
SG2b,In a Community Service,Any source,0
SG2b,Care Home - Nursing,Service Provider,1
SG2b,Care Home - Nursing,Other - Known to Individual,0
SG2b,Care Home - Nursing,Other - Unknown to Individual,0
SG2b,Care Home - Nursing,Any source,1
SG2b,Care Home - Residential,Service Provider,0
SG2b,Care Home - Residential,Other - Known to Individual,0
SG2b,Care Home - Residential,Other - Unknown to Individual,0
SG2b,Care Home - Residential,Any source,0
SG2b,Hospital - Acute,Service Provider,0
SG2b,Hospital - Acute,Other - Known to Individual,0
SG2b,Hospital - Acute,Other - Unknown to Individual,0
SG2b,Hospital - Acute,Any source,0
SG2b,Hospital - Mental Health,Service Provider,0
SG2b,Hospital - Mental Health,Other - Known to Individual,0
SG2b,Hospital - Mental Health,Other - Unknown to Individual,0
SG2b,Hospital - Mental Health,Any source,0
SG2b,Hospital - Community,Service Provider,0
SG2b,Hospital - Community,Other - Known to Individual,0
SG2b,Hospital - Community,Other - Unknown to Individual,0
SG2b,Hospital - Community,Any source,0
SG2b,Other,Service Provider,0
SG2b,Other,Other - Known to Individual,0
SG2b,Other,Other - Unknown to Individual,0
SG2b,Other,Any source,0
SG2b,Any location,Service Provider,1
SG2b,Any location,Other - Known to Individual,3
SG2b,Any location,Other - Unknown to Individual,1
SG2c,Risk identified and action taken,,3
SG2c,Risk identified and no action taken,,1
SG2c,Risk - assessment inconclusive and action taken,,1
SG2c,Risk - assessment inconclusive and no action taken,,0
SG2c,No risk identified and action taken,,0
SG2c,No risk identified and no action taken,,1
SG2c,Enquiry ceased at individual's request and no action taken,,1
SG2e,Risk remained,,1
SG2e,Risk reduced,,1
SG2e,Risk removed,,1
SG3a,\"Yes, they lacked capacity\",,2
SG3a,No,,1
SG3a,Don't know,,1
SG3a,Not recorded,,1
SG3a,\"Of whom supported by an advocate, family or friend\",,1
SG4a,\"Yes, they were asked and outcomes were expressed\",,3
SG4a,\"Yes, they were asked but no outcomes were expressed\",,1
SG4a,No,,1
SG4a,Don't know,,0
SG4a,Not recorded,,0
SG4a,Fully achieved,,1
SG4a,Partially achieved,,1
SG4a,Not achieved,,0
";

#[test]
fn csv_has_exactly_the_hand_counted_figures() {
    let tmp = folder();
    let output = sac(tmp.path(), "csv");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), EXPECTED_CSV);
    // The missing codes go to stderr, each naming its record.
    assert_eq!(
        text(&output.stderr),
        "minutes: missing code: record d4000000 (SA-4) finding 2: SG2a: no type of risk\n\
         minutes: missing code: record d4000000 (SA-4): SG3a: mental capacity not recorded; \
         counted as 'Not recorded'\n\
         minutes: missing code: record e5000000 (SA-5) finding 1: SG2e: a risk was identified \
         but no risk outcome is recorded\n\
         minutes: missing code: record e5000000 (SA-5): SG4a: outcomes were expressed but \
         whether they were achieved is not recorded\n"
    );
}

#[test]
fn the_table_shows_the_same_figures_and_lists_what_was_left_out() {
    let tmp = folder();
    let output = sac(tmp.path(), "table");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    let expected_sections = [
        "Safeguarding Adults Collection: enquiries concluded 2026-04-01 to 2027-03-31\n\
         Concluded enquiries: 5\n",
        "\nSG2a Type of risk\n\
         TYPE OF RISK                  ENQUIRIES\n\
         Physical                      1\n\
         Sexual                        0\n\
         Psychological                 1\n\
         Financial or Material         1\n\
         Discriminatory                0\n\
         Organisational                1\n\
         Neglect and Acts of Omission  1\n\
         Domestic Abuse                1\n\
         Sexual Exploitation           0\n\
         Modern Slavery                0\n\
         Self-Neglect                  1\n",
        "Own Home                                         0                 3                            0                              3\n",
        "Care Home - Nursing                              1                 0                            0                              1\n",
        "Any location                                     1                 3                            1\n",
        "\nSG2e Risk outcome (where a risk was identified)\n\
         RISK OUTCOME   ENQUIRIES\n\
         Risk remained  1\n\
         Risk reduced   1\n\
         Risk removed   1\n",
        "  of whom supported by an advocate, family or friend  1\n",
        "\nEnquiries counted\n\
         CONCLUDED   RECORD    SUBJECT  TYPE             MINUTES\n\
         2026-05-10  a1000000  SA-1     case-conference  Draft\n\
         2026-07-01  b2000000  SA-2     case-conference  Draft\n\
         2026-09-15  c3000000  SA-1     case-conference  Draft\n\
         2027-01-20  d4000000  SA-4     case-conference  Draft\n\
         2027-03-31  e5000000  SA-5     case-conference  Draft\n",
        "\nMissing or inconsistent codes (4): correct these records and run the report again\n\
         RECORD    SUBJECT  FINDING  TABLE  PROBLEM\n\
         d4000000  SA-4     2        SG2a   no type of risk\n",
        "\nRecords in the period not counted\n\
         DATE        RECORD    SUBJECT  WHY\n\
         2026-08-01  a7000000  SA-7     1 finding(s) but none gives an SG2c result, so no enquiry concluded here\n\
         2026-10-01  f6000000  SA-2     follows up record b2000000, which concluded this enquiry on 2026-07-01; counted there\n",
        "\nNotes\n- subject SA-1: 2 enquiries counted (records a1000000, c3000000); if they are one \
         enquiry, record the later meeting as a follow-up of the earlier\n",
    ];
    for section in expected_sections {
        assert!(table.contains(section), "missing:\n{section}\nin:\n{table}");
    }
    assert!(!table.contains("b8000000") && !table.contains("c9000000"));
}

#[test]
fn json_has_the_counts_and_the_lists() {
    let tmp = folder();
    let output = sac(tmp.path(), "json");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["from"], "2026-04-01");
    assert_eq!(json["enquiries"].as_array().unwrap().len(), 5);
    assert_eq!(json["enquiries"][4]["concluded_on"], "2027-03-31");
    assert_eq!(json["enquiries"][0]["minutes"], "draft");
    let neglect = &json["types_of_risk"][6];
    assert_eq!(
        (&neglect["key"], &neglect["count"]),
        (&Value::from("neglect"), &Value::from(1))
    );
    assert_eq!(json["location_by_source"][0]["by_source"][1]["count"], 3);
    assert_eq!(json["capacity_supported"], 1);
    let gaps = json["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 4);
    assert_eq!(gaps[0]["record_id"], format!("{:0<32}", "d4"));
    assert_eq!(gaps[0]["finding"], 2);
    assert_eq!(gaps[0]["table"], "SG2a");
    assert_eq!(gaps[1]["finding"], Value::Null);
    assert_eq!(json["not_counted"].as_array().unwrap().len(), 2);
    assert_eq!(json["notes"].as_array().unwrap().len(), 1);
}

#[test]
fn an_empty_period_counts_zero() {
    let tmp = folder();
    let output = run(
        tmp.path(),
        &[
            "report",
            "sac",
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
            "--format",
            "csv",
        ],
    );
    assert!(output.status.success());
    let csv = text(&output.stdout);
    assert!(csv.starts_with("table,category,source,count\nEnquiries,Concluded enquiries,,0\n"));
    assert!(
        csv.lines().skip(1).all(|line| line.ends_with(",0")),
        "{csv}"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn bad_dates_and_unreadable_records_are_reported() {
    let tmp = folder();
    let backwards = run(
        tmp.path(),
        &[
            "report",
            "sac",
            "--from",
            "2027-03-31",
            "--to",
            "2026-04-01",
        ],
    );
    assert_eq!(backwards.status.code(), Some(2));
    assert_eq!(
        text(&backwards.stderr),
        "minutes: --from 2027-03-31 is after --to 2026-04-01; the period runs from the first \
         day to the last\n"
    );
    let not_a_date = run(
        tmp.path(),
        &[
            "report",
            "sac",
            "--from",
            "2026-04-31",
            "--to",
            "2027-03-31",
        ],
    );
    assert_eq!(not_a_date.status.code(), Some(2));
    assert!(
        text(&not_a_date.stderr).contains("'2026-04-31'"),
        "{}",
        text(&not_a_date.stderr)
    );
    let bad_format = run(
        tmp.path(),
        &[
            "report",
            "sac",
            "--from",
            "2026-04-01",
            "--to",
            "2027-03-31",
            "--format",
            "xlsx",
        ],
    );
    assert_eq!(bad_format.status.code(), Some(2));
    let missing_to = run(tmp.path(), &["report", "sac", "--from", "2026-04-01"]);
    assert_eq!(missing_to.status.code(), Some(2));

    // A damaged record: named on stderr, left out of the counts, exit 1.
    let broken = tmp
        .path()
        .join("records/2026-06-01-case-conference-0badf11e.json");
    std::fs::write(&broken, "{\"schema_version\": 1, \"id\": ").unwrap();
    let output = sac(tmp.path(), "csv");
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert!(err.contains(&broken.display().to_string()), "{err}");
    assert!(
        err.contains("1 record file(s) could not be read and are not in the counts"),
        "{err}"
    );
    assert_eq!(text(&output.stdout), EXPECTED_CSV);
}
