#![allow(clippy::expect_used, clippy::unwrap_used)]
//! `minutes report sac` on hand-counted records: five concluded enquiries with known codes
//! (three section 42 enquiries, two other enquiries; two of the five do not say and count by
//! meeting type), a follow-up of one of them, a record with findings but no result, and
//! records outside the period. Every count below was worked out by hand from the records
//! built here, and every label is the publication's, word for word.

mod common;

use std::path::Path;
use std::process::Output;

use common::minutes_command as minutes;
use minutes::model::{
    AbuseType, EnquiryKind, EnquiryResult, Extra, Finding, MeetingLink, MentalCapacity, MspAsked,
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
    // A case conference that does not say which kind of enquiry, as records written before
    // the field existed: section 42, by its meeting type.
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
    // and two outcomes. Recorded as a section 42 enquiry.
    let mut r2 = record("b2", "2026-07-01", "SA-2");
    r2.meeting.enquiry = Some(EnquiryKind::Section42);
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

    // R3: financial, in the community, by a stranger; same subject as R1 (noted). Recorded
    // as another (not section 42) enquiry.
    let mut r3 = record("c3", "2026-09-15", "SA-1");
    r3.meeting.enquiry = Some(EnquiryKind::Other);
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
    // A self-neglect meeting that does not say which kind of enquiry: another enquiry, by
    // its meeting type.
    let mut r4 = record("d4", "2027-01-20", "SA-4");
    r4.meeting.meeting_type = "self-neglect".to_owned();
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
    // outcomes expressed but not whether achieved (both listed). Section 42, recorded.
    let mut r5 = record("e5", "2027-03-31", "SA-5");
    r5.meeting.enquiry = Some(EnquiryKind::Section42);
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
table,enquiry_type,category,source,count
Enquiries,Section 42 Safeguarding Enquiries,Concluded enquiries,,3
SG2a,Section 42 Safeguarding Enquiries,Physical Abuse,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Physical Abuse,Other - Known to individual,1
SG2a,Section 42 Safeguarding Enquiries,Physical Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Physical Abuse,Any source,1
SG2a,Section 42 Safeguarding Enquiries,Sexual Abuse,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Sexual Abuse,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Sexual Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Sexual Abuse,Any source,0
SG2a,Section 42 Safeguarding Enquiries,Psychological Abuse,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Psychological Abuse,Other - Known to individual,1
SG2a,Section 42 Safeguarding Enquiries,Psychological Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Psychological Abuse,Any source,1
SG2a,Section 42 Safeguarding Enquiries,Financial or Material Abuse,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Financial or Material Abuse,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Financial or Material Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Financial or Material Abuse,Any source,0
SG2a,Section 42 Safeguarding Enquiries,Discriminatory Abuse,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Discriminatory Abuse,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Discriminatory Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Discriminatory Abuse,Any source,0
SG2a,Section 42 Safeguarding Enquiries,Organisational Abuse,Service Provider,1
SG2a,Section 42 Safeguarding Enquiries,Organisational Abuse,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Organisational Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Organisational Abuse,Any source,1
SG2a,Section 42 Safeguarding Enquiries,Neglect and Acts of Omission,Service Provider,1
SG2a,Section 42 Safeguarding Enquiries,Neglect and Acts of Omission,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Neglect and Acts of Omission,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Neglect and Acts of Omission,Any source,1
SG2a,Section 42 Safeguarding Enquiries,Domestic Abuse,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Domestic Abuse,Other - Known to individual,1
SG2a,Section 42 Safeguarding Enquiries,Domestic Abuse,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Domestic Abuse,Any source,1
SG2a,Section 42 Safeguarding Enquiries,Sexual Exploitation,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Sexual Exploitation,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Sexual Exploitation,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Sexual Exploitation,Any source,0
SG2a,Section 42 Safeguarding Enquiries,Modern Slavery,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Modern Slavery,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Modern Slavery,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Modern Slavery,Any source,0
SG2a,Section 42 Safeguarding Enquiries,Self-Neglect,Service Provider,0
SG2a,Section 42 Safeguarding Enquiries,Self-Neglect,Other - Known to individual,0
SG2a,Section 42 Safeguarding Enquiries,Self-Neglect,Other - Unknown to individual,0
SG2a,Section 42 Safeguarding Enquiries,Self-Neglect,Any source,0
SG2a,Section 42 Safeguarding Enquiries,Total,Service Provider,1
SG2a,Section 42 Safeguarding Enquiries,Total,Other - Known to individual,2
SG2a,Section 42 Safeguarding Enquiries,Total,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Own Home,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Own Home,Other - Known to individual,2
SG2b,Section 42 Safeguarding Enquiries,Own Home,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Own Home,Any source,2
SG2b,Section 42 Safeguarding Enquiries,In the Community,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,In the Community,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,In the Community,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,In the Community,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Community Service,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Community Service,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Community Service,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Community Service,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Care Home - Nursing,Service Provider,1
SG2b,Section 42 Safeguarding Enquiries,Care Home - Nursing,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Care Home - Nursing,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Care Home - Nursing,Any source,1
SG2b,Section 42 Safeguarding Enquiries,Care Home - Residential,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Care Home - Residential,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Care Home - Residential,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Care Home - Residential,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Acute,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Acute,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Acute,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Acute,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Mental Health,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Mental Health,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Mental Health,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Mental Health,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Community,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Community,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Community,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Hospital - Community,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Other,Service Provider,0
SG2b,Section 42 Safeguarding Enquiries,Other,Other - Known to individual,0
SG2b,Section 42 Safeguarding Enquiries,Other,Other - Unknown to individual,0
SG2b,Section 42 Safeguarding Enquiries,Other,Any source,0
SG2b,Section 42 Safeguarding Enquiries,Total,Service Provider,1
SG2b,Section 42 Safeguarding Enquiries,Total,Other - Known to individual,2
SG2b,Section 42 Safeguarding Enquiries,Total,Other - Unknown to individual,0
SG2c,Section 42 Safeguarding Enquiries,Risk identified and action taken,,3
SG2c,Section 42 Safeguarding Enquiries,Risk identified and no action taken,,1
SG2c,Section 42 Safeguarding Enquiries,Risk Assessment inconclusive and action taken,,0
SG2c,Section 42 Safeguarding Enquiries,Risk Assessment inconclusive and no action taken,,0
SG2c,Section 42 Safeguarding Enquiries,No risk identified and action taken,,0
SG2c,Section 42 Safeguarding Enquiries,No risk identified and no action taken,,0
SG2c,Section 42 Safeguarding Enquiries,Enquiry ceased at individual's request and no action taken,,0
SG2e,Section 42 Safeguarding Enquiries,Risk remained,,1
SG2e,Section 42 Safeguarding Enquiries,Risk reduced,,1
SG2e,Section 42 Safeguarding Enquiries,Risk removed,,1
SG3a,Section 42 Safeguarding Enquiries,\"Yes, they lacked capacity\",,2
SG3a,Section 42 Safeguarding Enquiries,\"No, they did not lack capacity\",,0
SG3a,Section 42 Safeguarding Enquiries,Don't know,,1
SG3a,Section 42 Safeguarding Enquiries,Not recorded,,0
SG3a,Section 42 Safeguarding Enquiries,\"Of the enquiries recorded as Yes, in how many of these cases was support provided by an advocate, family or friend\",,1
SG4a,Section 42 Safeguarding Enquiries,Yes they were asked and outcomes were expressed,,3
SG4a,Section 42 Safeguarding Enquiries,Yes they were asked but no outcomes were expressed,,0
SG4a,Section 42 Safeguarding Enquiries,No,,0
SG4a,Section 42 Safeguarding Enquiries,Don't Know,,0
SG4a,Section 42 Safeguarding Enquiries,Not Recorded,,0
SG4a,Section 42 Safeguarding Enquiries,Fully Achieved,,1
SG4a,Section 42 Safeguarding Enquiries,Partially Achieved,,1
SG4a,Section 42 Safeguarding Enquiries,Not Achieved,,0
Enquiries,Other Safeguarding Enquiries,Concluded enquiries,,2
SG2a,Other Safeguarding Enquiries,Physical Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Physical Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Physical Abuse,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Physical Abuse,Any source,0
SG2a,Other Safeguarding Enquiries,Sexual Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Sexual Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Sexual Abuse,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Sexual Abuse,Any source,0
SG2a,Other Safeguarding Enquiries,Psychological Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Psychological Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Psychological Abuse,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Psychological Abuse,Any source,0
SG2a,Other Safeguarding Enquiries,Financial or Material Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Financial or Material Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Financial or Material Abuse,Other - Unknown to individual,1
SG2a,Other Safeguarding Enquiries,Financial or Material Abuse,Any source,1
SG2a,Other Safeguarding Enquiries,Discriminatory Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Discriminatory Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Discriminatory Abuse,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Discriminatory Abuse,Any source,0
SG2a,Other Safeguarding Enquiries,Organisational Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Organisational Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Organisational Abuse,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Organisational Abuse,Any source,0
SG2a,Other Safeguarding Enquiries,Neglect and Acts of Omission,Service Provider,0
SG2a,Other Safeguarding Enquiries,Neglect and Acts of Omission,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Neglect and Acts of Omission,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Neglect and Acts of Omission,Any source,0
SG2a,Other Safeguarding Enquiries,Domestic Abuse,Service Provider,0
SG2a,Other Safeguarding Enquiries,Domestic Abuse,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Domestic Abuse,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Domestic Abuse,Any source,0
SG2a,Other Safeguarding Enquiries,Sexual Exploitation,Service Provider,0
SG2a,Other Safeguarding Enquiries,Sexual Exploitation,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Sexual Exploitation,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Sexual Exploitation,Any source,0
SG2a,Other Safeguarding Enquiries,Modern Slavery,Service Provider,0
SG2a,Other Safeguarding Enquiries,Modern Slavery,Other - Known to individual,0
SG2a,Other Safeguarding Enquiries,Modern Slavery,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Modern Slavery,Any source,0
SG2a,Other Safeguarding Enquiries,Self-Neglect,Service Provider,0
SG2a,Other Safeguarding Enquiries,Self-Neglect,Other - Known to individual,1
SG2a,Other Safeguarding Enquiries,Self-Neglect,Other - Unknown to individual,0
SG2a,Other Safeguarding Enquiries,Self-Neglect,Any source,1
SG2a,Other Safeguarding Enquiries,Total,Service Provider,0
SG2a,Other Safeguarding Enquiries,Total,Other - Known to individual,1
SG2a,Other Safeguarding Enquiries,Total,Other - Unknown to individual,1
SG2b,Other Safeguarding Enquiries,Own Home,Service Provider,0
SG2b,Other Safeguarding Enquiries,Own Home,Other - Known to individual,1
SG2b,Other Safeguarding Enquiries,Own Home,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Own Home,Any source,1
SG2b,Other Safeguarding Enquiries,In the Community,Service Provider,0
SG2b,Other Safeguarding Enquiries,In the Community,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,In the Community,Other - Unknown to individual,1
SG2b,Other Safeguarding Enquiries,In the Community,Any source,1
SG2b,Other Safeguarding Enquiries,Community Service,Service Provider,0
SG2b,Other Safeguarding Enquiries,Community Service,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Community Service,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Community Service,Any source,0
SG2b,Other Safeguarding Enquiries,Care Home - Nursing,Service Provider,0
SG2b,Other Safeguarding Enquiries,Care Home - Nursing,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Care Home - Nursing,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Care Home - Nursing,Any source,0
SG2b,Other Safeguarding Enquiries,Care Home - Residential,Service Provider,0
SG2b,Other Safeguarding Enquiries,Care Home - Residential,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Care Home - Residential,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Care Home - Residential,Any source,0
SG2b,Other Safeguarding Enquiries,Hospital - Acute,Service Provider,0
SG2b,Other Safeguarding Enquiries,Hospital - Acute,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Hospital - Acute,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Hospital - Acute,Any source,0
SG2b,Other Safeguarding Enquiries,Hospital - Mental Health,Service Provider,0
SG2b,Other Safeguarding Enquiries,Hospital - Mental Health,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Hospital - Mental Health,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Hospital - Mental Health,Any source,0
SG2b,Other Safeguarding Enquiries,Hospital - Community,Service Provider,0
SG2b,Other Safeguarding Enquiries,Hospital - Community,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Hospital - Community,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Hospital - Community,Any source,0
SG2b,Other Safeguarding Enquiries,Other,Service Provider,0
SG2b,Other Safeguarding Enquiries,Other,Other - Known to individual,0
SG2b,Other Safeguarding Enquiries,Other,Other - Unknown to individual,0
SG2b,Other Safeguarding Enquiries,Other,Any source,0
SG2b,Other Safeguarding Enquiries,Total,Service Provider,0
SG2b,Other Safeguarding Enquiries,Total,Other - Known to individual,1
SG2b,Other Safeguarding Enquiries,Total,Other - Unknown to individual,1
SG2c,Other Safeguarding Enquiries,Risk identified and action taken,,0
SG2c,Other Safeguarding Enquiries,Risk identified and no action taken,,0
SG2c,Other Safeguarding Enquiries,Risk Assessment inconclusive and action taken,,1
SG2c,Other Safeguarding Enquiries,Risk Assessment inconclusive and no action taken,,0
SG2c,Other Safeguarding Enquiries,No risk identified and action taken,,0
SG2c,Other Safeguarding Enquiries,No risk identified and no action taken,,1
SG2c,Other Safeguarding Enquiries,Enquiry ceased at individual's request and no action taken,,1
SG2e,Other Safeguarding Enquiries,Risk remained,,0
SG2e,Other Safeguarding Enquiries,Risk reduced,,0
SG2e,Other Safeguarding Enquiries,Risk removed,,0
SG3a,Other Safeguarding Enquiries,\"Yes, they lacked capacity\",,0
SG3a,Other Safeguarding Enquiries,\"No, they did not lack capacity\",,1
SG3a,Other Safeguarding Enquiries,Don't know,,0
SG3a,Other Safeguarding Enquiries,Not recorded,,1
SG3a,Other Safeguarding Enquiries,\"Of the enquiries recorded as Yes, in how many of these cases was support provided by an advocate, family or friend\",,0
SG4a,Other Safeguarding Enquiries,Yes they were asked and outcomes were expressed,,0
SG4a,Other Safeguarding Enquiries,Yes they were asked but no outcomes were expressed,,1
SG4a,Other Safeguarding Enquiries,No,,1
SG4a,Other Safeguarding Enquiries,Don't Know,,0
SG4a,Other Safeguarding Enquiries,Not Recorded,,0
SG4a,Other Safeguarding Enquiries,Fully Achieved,,0
SG4a,Other Safeguarding Enquiries,Partially Achieved,,0
SG4a,Other Safeguarding Enquiries,Not Achieved,,0
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
         Concluded enquiries: 5 (Section 42 Safeguarding Enquiries: 3, Other Safeguarding \
         Enquiries: 2)\n",
        "\nSG2a Type of risk by source of risk: Section 42 Safeguarding Enquiries\n\
         TYPE OF RISK                  Service Provider  Other - Known to individual  Other - Unknown to individual  Any source\n\
         Physical Abuse                0                 1                            0                              1\n\
         Sexual Abuse                  0                 0                            0                              0\n\
         Psychological Abuse           0                 1                            0                              1\n\
         Financial or Material Abuse   0                 0                            0                              0\n\
         Discriminatory Abuse          0                 0                            0                              0\n\
         Organisational Abuse          1                 0                            0                              1\n\
         Neglect and Acts of Omission  1                 0                            0                              1\n\
         Domestic Abuse                0                 1                            0                              1\n\
         Sexual Exploitation           0                 0                            0                              0\n\
         Modern Slavery                0                 0                            0                              0\n\
         Self-Neglect                  0                 0                            0                              0\n\
         Total                         1                 2                            0\n",
        "\nSG2a Type of risk by source of risk: Other Safeguarding Enquiries\n",
        "Financial or Material Abuse   0                 0                            1                              1\n",
        "\nSG2b Location of risk by source of risk: Section 42 Safeguarding Enquiries\n\
         LOCATION OF RISK          Service Provider  Other - Known to individual  Other - Unknown to individual  Any source\n\
         Own Home                  0                 2                            0                              2\n\
         In the Community          0                 0                            0                              0\n\
         Community Service         0                 0                            0                              0\n\
         Care Home - Nursing       1                 0                            0                              1\n",
        "\nSG2b Location of risk by source of risk: Other Safeguarding Enquiries\n\
         LOCATION OF RISK          Service Provider  Other - Known to individual  Other - Unknown to individual  Any source\n\
         Own Home                  0                 1                            0                              1\n\
         In the Community          0                 0                            1                              1\n",
        "Risk Assessment inconclusive and action taken               0                                  1                             1\n",
        "\nSG2e Risk outcome (where a risk was identified)\n\
         RISK OUTCOME   Section 42 Safeguarding Enquiries  Other Safeguarding Enquiries  All enquiries\n\
         Risk remained  1                                  0                             1\n\
         Risk reduced   1                                  0                             1\n\
         Risk removed   1                                  0                             1\n",
        "No, they did not lack capacity  0                                  1                             1\n",
        "Of the enquiries recorded as Yes, in how many of these cases was support provided by an \
         advocate, family or friend:\n  Section 42 Safeguarding Enquiries: 1; Other Safeguarding \
         Enquiries: 0; All enquiries: 1\n",
        "\nEnquiries counted\n\
         CONCLUDED   RECORD    SUBJECT  TYPE             ENQUIRY                       MINUTES\n\
         2026-05-10  a1000000  SA-1     case-conference  Section 42 (by meeting type)  Draft\n\
         2026-07-01  b2000000  SA-2     case-conference  Section 42                    Draft\n\
         2026-09-15  c3000000  SA-1     case-conference  Other                         Draft\n\
         2027-01-20  d4000000  SA-4     self-neglect     Other (by meeting type)       Draft\n\
         2027-03-31  e5000000  SA-5     case-conference  Section 42                    Draft\n",
        "\nMissing or inconsistent codes (4): correct these records and run the report again\n\
         RECORD    SUBJECT  FINDING  TABLE  PROBLEM\n\
         d4000000  SA-4     2        SG2a   no type of risk\n",
        "\nRecords in the period not counted\n\
         DATE        RECORD    SUBJECT  WHY\n\
         2026-08-01  a7000000  SA-7     1 finding(s) but none gives an SG2c result, so no enquiry concluded here\n\
         2026-10-01  f6000000  SA-2     follows up record b2000000, which concluded this enquiry on 2026-07-01; counted there\n",
        "\nNotes\n- subject SA-1: 2 enquiries counted (records a1000000, c3000000); if they are one \
         enquiry, record the later meeting as a follow-up of the earlier\n\
         - 2 enquiries do not record whether they are section 42 enquiries (records a1000000, \
         d4000000); counted by meeting type: strategy and case-conference as section 42, any \
         other type as other enquiries. Record it in the meeting details if that is wrong\n",
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
    assert_eq!(
        json["concluded"],
        serde_json::json!({"section_42": 3, "other": 2, "count": 5})
    );
    assert_eq!(json["enquiries"].as_array().unwrap().len(), 5);
    assert_eq!(json["enquiries"][4]["concluded_on"], "2027-03-31");
    assert_eq!(json["enquiries"][0]["minutes"], "draft");
    assert_eq!(json["enquiries"][0]["kind"], "section_42");
    assert_eq!(json["enquiries"][0]["kind_from"], "meeting_type");
    assert_eq!(json["enquiries"][2]["kind"], "other");
    assert_eq!(json["enquiries"][2]["kind_from"], "recorded");
    // Stable keys, the screens' label and the published label side by side.
    assert_eq!(
        json["types_of_risk"][6],
        serde_json::json!({
            "key": "neglect",
            "label": "Neglect and Acts of Omission",
            "sac_label": "Neglect and Acts of Omission",
            "section_42": 1, "other": 0, "count": 1
        })
    );
    assert_eq!(json["types_of_risk"][0]["label"], "Physical");
    assert_eq!(json["types_of_risk"][0]["sac_label"], "Physical Abuse");
    let financial = &json["type_by_source"][3];
    assert_eq!(financial["key"], "financial");
    assert_eq!(financial["sac_label"], "Financial or Material Abuse");
    assert_eq!(financial["by_source"][2]["key"], "unknown_to_individual");
    assert_eq!(
        financial["by_source"][2]["sac_label"],
        "Other - Unknown to individual"
    );
    assert_eq!(financial["by_source"][2]["other"], 1);
    assert_eq!(financial["total"]["count"], 1);
    assert_eq!(json["location_by_source"][0]["by_source"][1]["count"], 3);
    assert_eq!(json["capacity_supported"]["count"], 1);
    let gaps = json["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 4);
    assert_eq!(gaps[0]["record_id"], format!("{:0<32}", "d4"));
    assert_eq!(gaps[0]["finding"], 2);
    assert_eq!(gaps[0]["table"], "SG2a");
    assert_eq!(gaps[1]["finding"], Value::Null);
    assert_eq!(json["not_counted"].as_array().unwrap().len(), 2);
    assert_eq!(json["notes"].as_array().unwrap().len(), 2);
}

/// Every SAC value's published label, word for word as NHS England's tables print it
/// (`NHSDigital/ASC-Safeguarding-Adults` `publication_outputs/data_tables_export_outputs.py`
/// `create_table_ranges` and `pbi_risk_table.py`; SG1f for the enquiry types; gathered in
/// `shared/sac-publication.md` section 3), by stable key. Each list must be complete and in
/// the publication's order.
#[test]
fn every_value_prints_the_published_label_word_for_word() {
    fn check<T: Copy + std::fmt::Debug>(
        all: &[T],
        key: fn(T) -> &'static str,
        sac_label: fn(T) -> &'static str,
        published: &[(&str, &str)],
    ) {
        let ours: Vec<(&str, &str)> = all.iter().map(|v| (key(*v), sac_label(*v))).collect();
        assert_eq!(ours, published);
    }
    check(
        AbuseType::ALL,
        AbuseType::key,
        AbuseType::sac_label,
        &[
            ("physical", "Physical Abuse"),
            ("sexual", "Sexual Abuse"),
            ("psychological", "Psychological Abuse"),
            ("financial", "Financial or Material Abuse"),
            ("discriminatory", "Discriminatory Abuse"),
            ("organisational", "Organisational Abuse"),
            ("neglect", "Neglect and Acts of Omission"),
            ("domestic_abuse", "Domestic Abuse"),
            ("sexual_exploitation", "Sexual Exploitation"),
            ("modern_slavery", "Modern Slavery"),
            ("self_neglect", "Self-Neglect"),
        ],
    );
    check(
        RiskLocation::ALL,
        RiskLocation::key,
        RiskLocation::sac_label,
        &[
            ("own_home", "Own Home"),
            ("community", "In the Community"),
            ("community_service", "Community Service"),
            ("care_home_nursing", "Care Home - Nursing"),
            ("care_home_residential", "Care Home - Residential"),
            ("hospital_acute", "Hospital - Acute"),
            ("hospital_mental_health", "Hospital - Mental Health"),
            ("hospital_community", "Hospital - Community"),
            ("other", "Other"),
        ],
    );
    check(
        RiskSource::ALL,
        RiskSource::key,
        RiskSource::sac_label,
        &[
            ("service_provider", "Service Provider"),
            ("known_to_individual", "Other - Known to individual"),
            ("unknown_to_individual", "Other - Unknown to individual"),
        ],
    );
    check(
        EnquiryResult::ALL,
        EnquiryResult::key,
        EnquiryResult::sac_label,
        &[
            (
                "risk_identified_action_taken",
                "Risk identified and action taken",
            ),
            (
                "risk_identified_no_action",
                "Risk identified and no action taken",
            ),
            (
                "inconclusive_action_taken",
                "Risk Assessment inconclusive and action taken",
            ),
            (
                "inconclusive_no_action",
                "Risk Assessment inconclusive and no action taken",
            ),
            (
                "no_risk_action_taken",
                "No risk identified and action taken",
            ),
            (
                "no_risk_no_action",
                "No risk identified and no action taken",
            ),
            (
                "ceased_at_request",
                "Enquiry ceased at individual's request and no action taken",
            ),
        ],
    );
    check(
        RiskOutcome::ALL,
        RiskOutcome::key,
        RiskOutcome::sac_label,
        &[
            ("remained", "Risk remained"),
            ("reduced", "Risk reduced"),
            ("removed", "Risk removed"),
        ],
    );
    check(
        MentalCapacity::ALL,
        MentalCapacity::key,
        MentalCapacity::sac_label,
        &[
            ("yes", "Yes, they lacked capacity"),
            ("no", "No, they did not lack capacity"),
            ("dont_know", "Don't know"),
            ("not_recorded", "Not recorded"),
        ],
    );
    check(
        MspAsked::ALL,
        MspAsked::key,
        MspAsked::sac_label,
        &[
            (
                "asked_expressed",
                "Yes they were asked and outcomes were expressed",
            ),
            (
                "asked_none_expressed",
                "Yes they were asked but no outcomes were expressed",
            ),
            ("no", "No"),
            ("dont_know", "Don't Know"),
            ("not_recorded", "Not Recorded"),
        ],
    );
    check(
        OutcomeAchieved::ALL,
        OutcomeAchieved::key,
        OutcomeAchieved::sac_label,
        &[
            ("fully", "Fully Achieved"),
            ("partially", "Partially Achieved"),
            ("not_achieved", "Not Achieved"),
        ],
    );
    check(
        EnquiryKind::ALL,
        EnquiryKind::key,
        EnquiryKind::sac_label,
        &[
            ("section_42", "Section 42 Safeguarding Enquiries"),
            ("other", "Other Safeguarding Enquiries"),
        ],
    );
}

#[test]
fn record_files_without_the_enquiry_field_read_as_before() {
    // typical.json was written before meeting.enquiry existed.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/typical.json");
    let bytes = std::fs::read(&path).unwrap();
    let old: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(old["meeting"].get("enquiry").is_none());
    let record: Record = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(record.meeting.enquiry, None);
    assert_eq!(record.meeting.meeting_type, "case-conference");
    assert_eq!(
        serde_json::to_value(&record).unwrap(),
        old,
        "a record that does not say is written back unchanged"
    );
    // In the counted folder, R1 (a case conference) and R4 (self-neglect) do not say: their
    // files hold no `enquiry`, and they count by meeting type, as section 42 and other.
    let tmp = folder();
    let mut unsaid = 0;
    for entry in std::fs::read_dir(tmp.path().join("records")).unwrap() {
        let file: Value =
            serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        if file["meeting"].get("enquiry").is_none() {
            unsaid += 1;
        }
    }
    assert_eq!(unsaid, 6, "R1, R4, and R6 to R9");
    let json: Value = serde_json::from_slice(&sac(tmp.path(), "json").stdout).unwrap();
    let kinds: Vec<(&str, &str)> = json["enquiries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["kind_from"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("section_42", "meeting_type"),
            ("section_42", "recorded"),
            ("other", "recorded"),
            ("other", "meeting_type"),
            ("section_42", "recorded"),
        ]
    );
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
    assert!(csv.starts_with(
        "table,enquiry_type,category,source,count\n\
         Enquiries,Section 42 Safeguarding Enquiries,Concluded enquiries,,0\n"
    ));
    assert!(csv.contains("\nEnquiries,Other Safeguarding Enquiries,Concluded enquiries,,0\n"));
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
