//! The Safeguarding Adults Collection (SAC) counts for enquiries concluded in a period,
//! from the findings and the adult's participation recorded in each meeting record
//! (`shared/domain.md` part b).
//!
//! # Which records count
//! - A record **concludes an enquiry** when at least one of its findings gives an SG2c
//!   result (the action and result of the concluded enquiry). A record with findings but no
//!   result on any of them is not concluded, and is listed as not counted.
//! - It concluded **on** the day its meeting ended (`meeting.ended_at`, in the offset it was
//!   recorded in), or on the meeting date when no end was recorded; it is in the period when
//!   that day is from `from` to `to`, both included.
//! - **One enquiry, one count**: follow-up meetings ([`MeetingLink`](crate::model::MeetingLink))
//!   belong to the enquiry of the record they follow. When an earlier record in the chain
//!   already concluded it, a later one that records results again reviews it and is not
//!   counted a second time (it is listed as not counted, naming the earlier record).
//!   Records not linked are separate enquiries even for the same subject; two counted for one
//!   subject are noted, in case they should have been linked.
//!
//! # How each table counts (one count per different category per enquiry)
//! - SG2a type of risk: each different type among the enquiry's findings counts once, however
//!   many allegations share it.
//! - SG2b location by source of risk: each different (location, source) pair counts once.
//!   The totals count enquiries, not cells: a location's total is the number of enquiries with
//!   a finding at that location, so it can be less than the sum of its row when one enquiry
//!   had two sources there.
//! - SG2c result: each different result among the findings counts once.
//! - SG2e risk outcome: each different outcome among the findings whose result identified a
//!   risk counts once (SG2e is asked only where a risk was identified).
//! - SG3a mental capacity and SG4a Making Safeguarding Personal: one answer per enquiry, from
//!   the adult's participation; an unanswered question counts as "Not recorded" (the SAC's own
//!   category) and is listed. Of those who lacked capacity, those supported by an advocate,
//!   family or friend; of those who expressed outcomes, whether they were achieved.
//!
//! Every missing or inconsistent code in a counted enquiry is listed ([`Gap`]) with its
//! record and finding, never dropped silently. Large-scale enquiries that count each adult,
//! and cross-authority cases, cannot be told from a record and are not handled. Counts are
//! exact (the rounding and suppression in NHS England's publication are not applied).

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{
    AbuseType, EnquiryResult, MentalCapacity, MinutesStatus, MspAsked, OutcomeAchieved, Record,
    RiskLocation, RiskOutcome, RiskSource,
};

/// The number of enquiries in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The category's key in record files.
    pub key: &'static str,
    /// The SAC's wording.
    pub label: &'static str,
    /// Concluded enquiries in it.
    pub count: usize,
}

/// One location of risk, by source of risk (SG2b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocationRow {
    /// The location's key in record files.
    pub key: &'static str,
    /// The SAC's wording.
    pub label: &'static str,
    /// Enquiries with this location and each source, in the SAC's order of sources.
    pub by_source: Vec<Count>,
    /// Enquiries with this location (whatever the source).
    pub total: usize,
}

/// A concluded enquiry counted in the return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enquiry {
    /// The record that concluded it.
    pub record_id: String,
    /// The adult's case reference.
    pub subject_ref: String,
    /// The meeting type.
    pub meeting_type: String,
    /// The day it concluded.
    pub concluded_on: NaiveDate,
    /// Where its minutes are (draft minutes are counted too: the enquiry concluded).
    pub minutes: MinutesStatus,
}

/// A code missing or inconsistent in a counted enquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The record.
    pub record_id: String,
    /// The adult's case reference.
    pub subject_ref: String,
    /// The finding (1-based), when the code belongs to one.
    pub finding: Option<usize>,
    /// The SAC table: `SG2a`, `SG2b`, `SG2c`, `SG2e`, `SG3a` or `SG4a`.
    pub table: &'static str,
    /// What is missing and how it was counted.
    pub problem: String,
}

/// A record in the period that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotCounted {
    /// The record.
    pub record_id: String,
    /// The adult's case reference.
    pub subject_ref: String,
    /// The day its meeting ended (or was held).
    pub date: NaiveDate,
    /// Why it was not counted.
    pub reason: String,
}

/// The SAC counts for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SacReturn {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The enquiries counted, by conclusion day.
    pub enquiries: Vec<Enquiry>,
    /// SG2a: type of risk.
    pub types_of_risk: Vec<Count>,
    /// SG2b: location of risk by source of risk.
    pub location_by_source: Vec<LocationRow>,
    /// SG2b: enquiries with each source of risk (whatever the location).
    pub source_totals: Vec<Count>,
    /// SG2c: action and result of the concluded enquiry.
    pub results: Vec<Count>,
    /// SG2e: risk outcome, where a risk was identified.
    pub risk_outcomes: Vec<Count>,
    /// SG3a: did the individual lack capacity?
    pub mental_capacity: Vec<Count>,
    /// SG3a: of those who lacked capacity, supported by an advocate, family or friend.
    pub capacity_supported: usize,
    /// SG4a: were they asked about their desired outcomes?
    pub msp_asked: Vec<Count>,
    /// SG4a: of those who expressed outcomes, were they achieved?
    pub msp_achieved: Vec<Count>,
    /// Missing or inconsistent codes in the counted enquiries.
    pub gaps: Vec<Gap>,
    /// Records in the period that were not counted.
    pub not_counted: Vec<NotCounted>,
    /// Other things worth checking before submitting.
    pub notes: Vec<String>,
}

/// The day a record's meeting concluded: the day it ended, or the meeting date.
#[must_use]
pub fn concluded_on(record: &Record) -> NaiveDate {
    record
        .meeting
        .ended_at
        .map_or(record.meeting.date, |end| end.date_naive())
}

/// Whether a record concludes an enquiry: a finding gives an SG2c result.
#[must_use]
pub fn concludes_enquiry(record: &Record) -> bool {
    record.findings.iter().any(|f| f.result.is_some())
}

/// The SAC counts for the enquiries concluded from `from` to `to` (both included) among
/// `records` (pass every record held up to `to`, so follow-up chains can be followed back).
#[must_use]
pub fn sac_return(records: &[Record], from: NaiveDate, to: NaiveDate) -> SacReturn {
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut in_period: Vec<&Record> = records
        .iter()
        .filter(|r| (from..=to).contains(&concluded_on(r)))
        .collect();
    in_period.sort_by(|a, b| (concluded_on(a), &a.id).cmp(&(concluded_on(b), &b.id)));

    let mut tally = Tally::default();
    let mut not_counted = Vec::new();
    let mut enquiries = Vec::new();
    for record in in_period {
        let skip = |reason: String| NotCounted {
            record_id: record.id.clone(),
            subject_ref: record.meeting.subject_ref.clone(),
            date: concluded_on(record),
            reason,
        };
        if !concludes_enquiry(record) {
            if !record.findings.is_empty() {
                not_counted.push(skip(format!(
                    "{} finding(s) but none gives an SG2c result, so no enquiry concluded here",
                    record.findings.len()
                )));
            }
            continue;
        }
        if let Some(earlier) = earlier_conclusion(record, &by_id) {
            not_counted.push(skip(format!(
                "follows up record {}, which concluded this enquiry on {}; counted there",
                earlier.short_id(),
                concluded_on(earlier)
            )));
            continue;
        }
        tally.count(record);
        enquiries.push(Enquiry {
            record_id: record.id.clone(),
            subject_ref: record.meeting.subject_ref.clone(),
            meeting_type: record.meeting.meeting_type.clone(),
            concluded_on: concluded_on(record),
            minutes: record.meeting.status,
        });
    }
    let notes = same_subject_notes(&enquiries);
    tally.into_return(from, to, enquiries, not_counted, notes)
}

/// The nearest earlier record in `record`'s follow-up chain that concluded an enquiry.
fn earlier_conclusion<'a>(
    record: &Record,
    by_id: &HashMap<&str, &'a Record>,
) -> Option<&'a Record> {
    let mut seen = HashSet::from([record.id.as_str()]);
    let mut link = record.meeting.follow_up_of.as_ref();
    while let Some(previous) = link.and_then(|l| by_id.get(l.record_id.as_str()).copied()) {
        if !seen.insert(previous.id.as_str()) {
            return None; // a loop of links: stop rather than go round
        }
        if concludes_enquiry(previous) {
            return Some(previous);
        }
        link = previous.meeting.follow_up_of.as_ref();
    }
    None
}

fn same_subject_notes(enquiries: &[Enquiry]) -> Vec<String> {
    let mut by_subject: Vec<(&str, Vec<&str>)> = Vec::new();
    for enquiry in enquiries {
        let subject = enquiry.subject_ref.trim();
        if subject.is_empty() {
            continue;
        }
        let short = enquiry.record_id.get(..8).unwrap_or(&enquiry.record_id);
        match by_subject.iter_mut().find(|(s, _)| *s == subject) {
            Some((_, ids)) => ids.push(short),
            None => by_subject.push((subject, vec![short])),
        }
    }
    by_subject
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(subject, ids)| {
            format!(
                "subject {subject}: {} enquiries counted (records {}); if they are one enquiry, \
                 record the later meeting as a follow-up of the earlier",
                ids.len(),
                ids.join(", ")
            )
        })
        .collect()
}

/// Running counts, one per category per enquiry.
#[derive(Default)]
struct Tally {
    types: HashMap<AbuseType, usize>,
    cells: HashMap<(RiskLocation, RiskSource), usize>,
    locations: HashMap<RiskLocation, usize>,
    sources: HashMap<RiskSource, usize>,
    results: HashMap<EnquiryResult, usize>,
    outcomes: HashMap<RiskOutcome, usize>,
    capacity: HashMap<MentalCapacity, usize>,
    supported: usize,
    asked: HashMap<MspAsked, usize>,
    achieved: HashMap<OutcomeAchieved, usize>,
    gaps: Vec<Gap>,
}

/// The codes one record gives each table: each counted once per enquiry, however many
/// findings share it.
#[derive(Default)]
struct FindingCodes {
    types: BTreeSet<AbuseType>,
    cells: BTreeSet<(RiskLocation, RiskSource)>,
    locations: BTreeSet<RiskLocation>,
    sources: BTreeSet<RiskSource>,
    results: BTreeSet<EnquiryResult>,
    outcomes: BTreeSet<RiskOutcome>,
}

/// The codes missing from one record, as they are found.
struct RecordGaps<'r> {
    record: &'r Record,
    found: Vec<Gap>,
}

impl RecordGaps<'_> {
    fn add(&mut self, finding: Option<usize>, table: &'static str, problem: String) {
        self.found.push(Gap {
            record_id: self.record.id.clone(),
            subject_ref: self.record.meeting.subject_ref.clone(),
            finding,
            table,
            problem,
        });
    }
}

impl FindingCodes {
    /// The codes of every finding of `record`; each one missing is a gap.
    fn of(record: &Record, gaps: &mut RecordGaps<'_>) -> Self {
        let mut codes = Self::default();
        for (i, finding) in record.findings.iter().enumerate() {
            let n = Some(i + 1);
            match finding.abuse_type {
                Some(t) => {
                    codes.types.insert(t);
                }
                None => gaps.add(n, "SG2a", "no type of risk".to_owned()),
            }
            match finding.location {
                Some(l) => {
                    codes.locations.insert(l);
                }
                None => gaps.add(n, "SG2b", "no location of risk".to_owned()),
            }
            match finding.source {
                Some(s) => {
                    codes.sources.insert(s);
                }
                None => gaps.add(n, "SG2b", "no source of risk".to_owned()),
            }
            if let (Some(l), Some(s)) = (finding.location, finding.source) {
                codes.cells.insert((l, s));
            }
            match finding.result {
                None => gaps.add(
                    n,
                    "SG2c",
                    "no result (action and result of the enquiry)".to_owned(),
                ),
                Some(result) => {
                    codes.results.insert(result);
                    codes.add_outcome(result, finding.risk_outcome, n, gaps);
                }
            }
        }
        codes
    }

    /// The risk outcome (SG2e) of a finding with `result`: counted where a risk was
    /// identified, a gap where it is missing there or given where none was.
    fn add_outcome(
        &mut self,
        result: EnquiryResult,
        outcome: Option<RiskOutcome>,
        n: Option<usize>,
        gaps: &mut RecordGaps<'_>,
    ) {
        match outcome {
            Some(o) if result.risk_identified() => {
                self.outcomes.insert(o);
            }
            None if result.risk_identified() => gaps.add(
                n,
                "SG2e",
                "a risk was identified but no risk outcome is recorded".to_owned(),
            ),
            Some(o) => gaps.add(
                n,
                "SG2e",
                format!(
                    "risk outcome '{}' given where no risk was identified ('{}'); not counted",
                    o.label(),
                    result.label()
                ),
            ),
            None => {}
        }
    }
}

impl Tally {
    fn count(&mut self, record: &Record) {
        let mut gaps = RecordGaps {
            record,
            found: Vec::new(),
        };
        let codes = FindingCodes::of(record, &mut gaps);
        self.count_adult(record, &mut gaps);
        add_all(&mut self.types, codes.types);
        add_all(&mut self.cells, codes.cells);
        add_all(&mut self.locations, codes.locations);
        add_all(&mut self.sources, codes.sources);
        add_all(&mut self.results, codes.results);
        add_all(&mut self.outcomes, codes.outcomes);
        self.gaps.extend(gaps.found);
    }

    /// The adult's capacity (SG3a) and desired outcomes (SG4a).
    fn count_adult(&mut self, record: &Record, gaps: &mut RecordGaps<'_>) {
        let adult = &record.adult_participation;
        let capacity = adult.capacity.unwrap_or_else(|| {
            gaps.add(
                None,
                "SG3a",
                "mental capacity not recorded; counted as 'Not recorded'".to_owned(),
            );
            MentalCapacity::NotRecorded
        });
        if capacity == MentalCapacity::LackedCapacity {
            match adult.capacity_supported {
                Some(true) => self.supported += 1,
                Some(false) => {}
                None => gaps.add(
                    None,
                    "SG3a",
                    "lacked capacity, but whether supported by an advocate, family or friend \
                     is not recorded"
                        .to_owned(),
                ),
            }
        }
        let asked = adult.msp_asked.unwrap_or_else(|| {
            gaps.add(
                None,
                "SG4a",
                "not recorded whether the adult was asked about their desired outcomes; \
                 counted as 'Not recorded'"
                    .to_owned(),
            );
            MspAsked::NotRecorded
        });
        if asked == MspAsked::AskedExpressed {
            match adult.outcomes_achieved {
                Some(achieved) => *self.achieved.entry(achieved).or_default() += 1,
                None => gaps.add(
                    None,
                    "SG4a",
                    "outcomes were expressed but whether they were achieved is not recorded"
                        .to_owned(),
                ),
            }
        }
        *self.capacity.entry(capacity).or_default() += 1;
        *self.asked.entry(asked).or_default() += 1;
    }

    fn into_return(
        self,
        from: NaiveDate,
        to: NaiveDate,
        enquiries: Vec<Enquiry>,
        not_counted: Vec<NotCounted>,
        notes: Vec<String>,
    ) -> SacReturn {
        macro_rules! counts {
            ($list:ty, $map:expr) => {
                <$list>::ALL
                    .iter()
                    .map(|v| Count {
                        key: v.key(),
                        label: v.label(),
                        count: $map.get(v).copied().unwrap_or(0),
                    })
                    .collect()
            };
        }
        let location_by_source = RiskLocation::ALL
            .iter()
            .map(|location| LocationRow {
                key: location.key(),
                label: location.label(),
                by_source: RiskSource::ALL
                    .iter()
                    .map(|source| Count {
                        key: source.key(),
                        label: source.label(),
                        count: self.cells.get(&(*location, *source)).copied().unwrap_or(0),
                    })
                    .collect(),
                total: self.locations.get(location).copied().unwrap_or(0),
            })
            .collect();
        SacReturn {
            from,
            to,
            enquiries,
            types_of_risk: counts!(AbuseType, self.types),
            location_by_source,
            source_totals: counts!(RiskSource, self.sources),
            results: counts!(EnquiryResult, self.results),
            risk_outcomes: counts!(RiskOutcome, self.outcomes),
            mental_capacity: counts!(MentalCapacity, self.capacity),
            capacity_supported: self.supported,
            msp_asked: counts!(MspAsked, self.asked),
            msp_achieved: counts!(OutcomeAchieved, self.achieved),
            gaps: self.gaps,
            not_counted,
            notes,
        }
    }
}

fn add_all<K: std::hash::Hash + Eq>(map: &mut HashMap<K, usize>, keys: BTreeSet<K>) {
    for key in keys {
        *map.entry(key).or_default() += 1;
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Extra, Finding, MeetingLink, NewMeeting, Timestamp, Visibility};

    fn ts(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).expect("valid test time")
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    fn record(id: &str, date: &str) -> Record {
        let template = crate::templates::builtin().into_iter().next().unwrap();
        Record::new(
            &template,
            NewMeeting {
                title: "Case conference".to_owned(),
                subject_ref: format!("SUBJ-{id}"),
                date: d(date),
            },
            format!("{id:0<32}"),
            ts(&format!("{date}T09:00:00+00:00")),
        )
    }

    fn finding(
        abuse_type: AbuseType,
        location: RiskLocation,
        source: RiskSource,
        result: EnquiryResult,
        outcome: Option<RiskOutcome>,
    ) -> Finding {
        Finding {
            allegation: "allegation".to_owned(),
            abuse_type: Some(abuse_type),
            location: Some(location),
            source: Some(source),
            finding: None,
            result: Some(result),
            risk_outcome: outcome,
            rationale: "reasons".to_owned(),
            agenda_key: String::new(),
            at: ts("2026-06-01T10:00:00+00:00"),
            visibility: Visibility::All,
            extra: Extra::new(),
        }
    }

    fn count(list: &[Count], key: &str) -> usize {
        list.iter().find(|c| c.key == key).map_or(999, |c| c.count)
    }

    #[test]
    fn one_count_per_category_per_enquiry() {
        let mut r = record("aa", "2026-06-01");
        r.findings = vec![
            finding(
                AbuseType::Neglect,
                RiskLocation::OwnHome,
                RiskSource::ServiceProvider,
                EnquiryResult::RiskIdentifiedActionTaken,
                Some(RiskOutcome::Reduced),
            ),
            // Same type, location, source and result again: counted once.
            finding(
                AbuseType::Neglect,
                RiskLocation::OwnHome,
                RiskSource::ServiceProvider,
                EnquiryResult::RiskIdentifiedActionTaken,
                Some(RiskOutcome::Reduced),
            ),
            // A second source at the same location: a new cell, the location still once.
            finding(
                AbuseType::Financial,
                RiskLocation::OwnHome,
                RiskSource::KnownToIndividual,
                EnquiryResult::RiskIdentifiedActionTaken,
                Some(RiskOutcome::Removed),
            ),
        ];
        r.adult_participation.capacity = Some(MentalCapacity::HadCapacity);
        r.adult_participation.msp_asked = Some(MspAsked::AskedNoneExpressed);
        let sac = sac_return(&[r], d("2026-04-01"), d("2027-03-31"));
        assert_eq!(sac.enquiries.len(), 1);
        assert_eq!(count(&sac.types_of_risk, "neglect"), 1);
        assert_eq!(count(&sac.types_of_risk, "financial"), 1);
        assert_eq!(count(&sac.types_of_risk, "physical"), 0);
        let home = &sac.location_by_source[0];
        assert_eq!(home.key, "own_home");
        assert_eq!(
            home.by_source.iter().map(|c| c.count).collect::<Vec<_>>(),
            vec![1, 1, 0]
        );
        assert_eq!(home.total, 1, "one enquiry at home, though two cells");
        assert_eq!(count(&sac.results, "risk_identified_action_taken"), 1);
        assert_eq!(count(&sac.risk_outcomes, "reduced"), 1);
        assert_eq!(count(&sac.risk_outcomes, "removed"), 1);
        assert_eq!(count(&sac.mental_capacity, "no"), 1);
        assert_eq!(count(&sac.msp_asked, "asked_none_expressed"), 1);
        assert!(sac.gaps.is_empty(), "{:?}", sac.gaps);
    }

    #[test]
    fn the_period_uses_the_day_the_meeting_ended() {
        let mut ended_late = record("bb", "2027-03-31");
        // Ran past midnight: concluded on 1 April, in the next year's return.
        ended_late.meeting.ended_at = Some(ts("2027-04-01T00:20:00+01:00"));
        let mut last_day = record("cc", "2027-03-31");
        let mut first_day = record("dd", "2026-04-01");
        for r in [&mut ended_late, &mut last_day, &mut first_day] {
            r.findings = vec![finding(
                AbuseType::Physical,
                RiskLocation::Community,
                RiskSource::UnknownToIndividual,
                EnquiryResult::NoRiskNoAction,
                None,
            )];
        }
        let sac = sac_return(
            &[ended_late, last_day, first_day],
            d("2026-04-01"),
            d("2027-03-31"),
        );
        let ids: Vec<&str> = sac.enquiries.iter().map(|e| &e.record_id[..2]).collect();
        assert_eq!(ids, vec!["dd", "cc"]);
    }

    #[test]
    fn follow_ups_of_a_concluded_enquiry_are_not_counted_again() {
        let coded = finding(
            AbuseType::Psychological,
            RiskLocation::CareHomeResidential,
            RiskSource::ServiceProvider,
            EnquiryResult::RiskIdentifiedActionTaken,
            Some(RiskOutcome::Remained),
        );
        let mut strategy = record("ee", "2026-05-01"); // no findings: not concluded
        strategy.meeting.subject_ref = "AB-1".to_owned();
        let mut conference = record("ff", "2026-06-01");
        conference.meeting.subject_ref = "AB-1".to_owned();
        conference.meeting.follow_up_of = Some(MeetingLink {
            record_id: strategy.id.clone(),
            date: strategy.meeting.date,
            meeting_type: "strategy".to_owned(),
            title: String::new(),
        });
        conference.findings = vec![coded.clone()];
        let mut review = record("11", "2026-09-01");
        review.meeting.subject_ref = "AB-1".to_owned();
        review.meeting.follow_up_of = Some(MeetingLink {
            record_id: conference.id.clone(),
            date: conference.meeting.date,
            meeting_type: "case-conference".to_owned(),
            title: String::new(),
        });
        review.findings = vec![coded.clone()];
        // Findings without any result: not a concluded enquiry, and said so.
        let mut uncoded = record("22", "2026-07-01");
        let mut open = coded;
        open.result = None;
        open.risk_outcome = None;
        uncoded.findings = vec![open];
        let sac = sac_return(
            &[review, uncoded, conference, strategy],
            d("2026-04-01"),
            d("2027-03-31"),
        );
        let ids: Vec<&str> = sac.enquiries.iter().map(|e| &e.record_id[..2]).collect();
        assert_eq!(ids, vec!["ff"]);
        let skipped: Vec<(&str, &str)> = sac
            .not_counted
            .iter()
            .map(|n| (&n.record_id[..2], n.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            vec![
                (
                    "22",
                    "1 finding(s) but none gives an SG2c result, so no enquiry concluded here"
                ),
                (
                    "11",
                    "follows up record ff000000, which concluded this enquiry on 2026-06-01; \
                     counted there"
                ),
            ]
        );
        assert!(sac.notes.is_empty());
    }

    #[test]
    fn missing_codes_are_listed_with_their_record_and_finding() {
        let mut r = record("33", "2026-06-01");
        let mut f = finding(
            AbuseType::Sexual,
            RiskLocation::HospitalAcute,
            RiskSource::UnknownToIndividual,
            EnquiryResult::RiskIdentifiedNoAction,
            None,
        );
        f.abuse_type = None;
        f.source = None;
        let mut g = finding(
            AbuseType::Sexual,
            RiskLocation::HospitalAcute,
            RiskSource::UnknownToIndividual,
            EnquiryResult::NoRiskNoAction,
            Some(RiskOutcome::Removed),
        );
        g.location = None;
        r.findings = vec![f, g];
        r.adult_participation.capacity = Some(MentalCapacity::LackedCapacity);
        r.adult_participation.msp_asked = Some(MspAsked::AskedExpressed);
        let mut twin = record("44", "2026-06-02");
        twin.meeting.subject_ref = r.meeting.subject_ref.clone();
        twin.findings = r.findings.clone();
        let sac = sac_return(&[r, twin], d("2026-04-01"), d("2027-03-31"));
        let gaps: Vec<(&str, Option<usize>, &str, &str)> = sac
            .gaps
            .iter()
            .filter(|g| g.record_id.starts_with("33"))
            .map(|g| (&g.record_id[..2], g.finding, g.table, g.problem.as_str()))
            .collect();
        assert_eq!(
            gaps,
            vec![
                ("33", Some(1), "SG2a", "no type of risk"),
                ("33", Some(1), "SG2b", "no source of risk"),
                (
                    "33",
                    Some(1),
                    "SG2e",
                    "a risk was identified but no risk outcome is recorded"
                ),
                ("33", Some(2), "SG2b", "no location of risk"),
                (
                    "33",
                    Some(2),
                    "SG2e",
                    "risk outcome 'Risk removed' given where no risk was identified ('No risk \
                     identified and no action taken'); not counted"
                ),
                (
                    "33",
                    None,
                    "SG3a",
                    "lacked capacity, but whether supported by an advocate, family or friend is \
                     not recorded"
                ),
                (
                    "33",
                    None,
                    "SG4a",
                    "outcomes were expressed but whether they were achieved is not recorded"
                ),
            ]
        );
        // The twin had neither question answered: counted as Not recorded, and listed.
        assert_eq!(count(&sac.mental_capacity, "not_recorded"), 1);
        assert_eq!(count(&sac.msp_asked, "not_recorded"), 1);
        assert!(sac.gaps.iter().any(|g| g.record_id.starts_with("44")
            && g.table == "SG3a"
            && g.problem.contains("counted as 'Not recorded'")));
        assert_eq!(count(&sac.risk_outcomes, "removed"), 0);
        assert_eq!(sac.notes.len(), 1);
        assert!(
            sac.notes[0]
                .starts_with("subject SUBJ-33: 2 enquiries counted (records 33000000, 44000000)")
        );
    }
}
