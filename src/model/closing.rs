//! The closing check: what the procedures require before a meeting ends and is still
//! missing, in a few lines, each saying where it is fixed. It lists nothing the procedures
//! do not ask for: an agenda item with notes (or an entry recorded under it) counts as
//! discussed, and the untouched ones are one line, fixed by marking them not discussed
//! ([`Record::mark_untouched_not_discussed`]).
//!
//! What it asks for, and where the procedures ask for it (`004` is the case-conference
//! procedure, `shared/seeds/004_*.txt`):
//! - who chaired and who took the minutes: the chair approves the minutes (`004` §6.1);
//!   for a case conference also the venue and the mode (the pro forma's header);
//! - the adult's attendance, and why they did not attend (`004` §4.2);
//! - each finding's rationale and finding on the balance of probabilities (`004` §4.4);
//! - each open action's owner and timescale, and the review of each carried action
//!   (`001` best-practice box; SafeLives, `domain.md` part c);
//! - a review date or a decision on a further conference (`004` §4.4);
//! - the protection plan, its coordinator and a contingency, when the agenda has the plan
//!   (`004` §4.4, §5.1);
//! - who feeds back to an absent adult and whom they contact if they disagree (`004` §4.2,
//!   §6.1), and to each person alleged to have caused harm and their employer (`004` §6.2);
//! - agenda items neither discussed nor marked (`004` §4.4 is the agenda).
//!
//! It also notices two contradictions, by simple rules: notes under the adult's-views item
//! (an item whose key says `views` or `wishes`) while the participation section has no
//! views; and notes under a plan item, or a decision that says "plan", while no protection
//! plan is recorded.

use chrono::NaiveDate;

use super::{ItemKind, ItemStatus, Record};

/// One thing the procedure requires that the record does not have yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// What is missing, and where to fix it.
    pub kind: GapKind,
    /// The gap in words, e.g. "finding 2 has no rationale".
    pub message: String,
}

/// Where a gap is fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GapKind {
    /// The chair, the minute taker, the venue or the mode (`004` section 6.1).
    MeetingDetails,
    /// The adult's attendance, the reason they did not attend (`004` section 4.2), or
    /// their views noted but not in the participation section.
    AdultParticipation,
    /// A finding without rationale or finding (index into `findings`).
    Finding(usize),
    /// Actions without owner or due date, or carried and not reviewed (the first one's
    /// index into `actions`).
    Action(usize),
    /// No review date and no further-conference decision (`004` section 4.4).
    Review,
    /// The protection plan, its coordinator or a contingency (`004` sections 4.4, 5.1).
    Plan,
    /// Feedback arrangements missing (`004` sections 4.2, 6.1, 6.2).
    Feedback,
    /// Agenda items neither discussed nor marked (indexes into `agenda`).
    AgendaItems(Vec<usize>),
}

impl Record {
    /// Whether agenda item `index` was discussed: it has notes, or a finding, decision or
    /// action was recorded under it.
    #[must_use]
    pub fn was_discussed(&self, index: usize) -> bool {
        let Some(item) = self.agenda.get(index) else {
            return false;
        };
        let key = item.key.as_str();
        !item.notes.is_empty()
            || self.findings.iter().any(|f| f.agenda_key == key)
            || self.decisions.iter().any(|d| d.agenda_key == key)
            || self.actions.iter().any(|a| a.agenda_key == key)
    }

    /// The agenda items neither discussed ([`Record::was_discussed`]) nor closed, leaving
    /// out the attendance items (attendance is recorded in the list of people).
    #[must_use]
    pub fn untouched_items(&self) -> Vec<usize> {
        self.agenda
            .iter()
            .enumerate()
            .filter(|(i, item)| {
                matches!(item.status, ItemStatus::Pending | ItemStatus::Current)
                    && item.kind != ItemKind::Attendance
                    && !self.was_discussed(*i)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Everything still missing, in the order a chair would go through it.
#[must_use]
pub fn closing_gaps(record: &Record, _today: NaiveDate) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut gap = |kind: GapKind, message: String| gaps.push(Gap { kind, message });
    if let Some(message) = meeting_details_gap(record) {
        gap(GapKind::MeetingDetails, message);
    }
    if let Some(message) = participation_gap(record) {
        gap(GapKind::AdultParticipation, message);
    }
    for (i, finding) in record.findings.iter().enumerate() {
        let missing = finding.gaps();
        if !missing.is_empty() {
            gap(
                GapKind::Finding(i),
                format!(
                    "finding {} ({}): {}",
                    i + 1,
                    short(&finding.allegation),
                    missing.join(", ")
                ),
            );
        }
    }
    for (first, message) in action_gaps(record) {
        gap(GapKind::Action(first), message);
    }
    if record.review.review_date.is_none() && record.review.further_conference.is_none() {
        gap(
            GapKind::Review,
            "no review date and no decision on a further conference".to_owned(),
        );
    }
    if let Some(message) = plan_gap(record) {
        gap(GapKind::Plan, message);
    }
    if let Some(message) = feedback_gap(record) {
        gap(GapKind::Feedback, message);
    }
    let untouched = record.untouched_items();
    if !untouched.is_empty() {
        let message = format!(
            "{} agenda item{} neither discussed nor marked: {}",
            untouched.len(),
            if untouched.len() == 1 { "" } else { "s" },
            number_ranges(&untouched)
        );
        gap(GapKind::AgendaItems(untouched), message);
    }
    gaps
}

/// The chair and minute taker (`004` §6.1: the chair approves the minutes); for a case
/// conference, the venue and mode too.
fn meeting_details_gap(record: &Record) -> Option<String> {
    let meeting = &record.meeting;
    let mut missing = Vec::new();
    if meeting.chair.trim().is_empty() {
        missing.push("no chair");
    }
    if meeting.minute_taker.trim().is_empty() {
        missing.push("no minute taker");
    }
    if meeting.meeting_type == "case-conference" {
        if meeting.location.trim().is_empty() {
            missing.push("no venue");
        }
        if meeting.mode.is_none() {
            missing.push("no mode (in person, video, phone or mixed)");
        }
    }
    (!missing.is_empty()).then(|| format!("meeting details: {}", missing.join(", ")))
}

/// The adult's attendance and the reason they did not attend (`004` §4.2), and their views
/// noted under the views item but missing from the participation section.
fn participation_gap(record: &Record) -> Option<String> {
    let adult = &record.adult_participation;
    let mut missing = Vec::new();
    match adult.attended {
        None => missing.push("the adult's attendance is not recorded".to_owned()),
        Some(false) if adult.reason_not_attended.trim().is_empty() => {
            missing.push("the adult did not attend and the reason is not recorded".to_owned());
        }
        _ => {}
    }
    if adult.views.trim().is_empty()
        && let Some(i) = record.agenda.iter().position(|item| {
            let key = item.key.to_lowercase();
            (key.contains("views") || key.contains("wishes")) && !item.notes.is_empty()
        })
    {
        missing.push(format!(
            "the adult's views are noted under item {} but the participation section has none",
            i + 1
        ));
    }
    (!missing.is_empty()).then(|| missing.join("; "))
}

/// Open actions without owner or due date, and actions carried from the last meeting and
/// not reviewed: at most one line each, with the first action's position.
fn action_gaps(record: &Record) -> Vec<(usize, String)> {
    let mut incomplete: Vec<(usize, String)> = Vec::new();
    let mut unreviewed: Vec<(usize, String)> = Vec::new();
    for (i, action) in record.actions.iter().enumerate() {
        if !action.is_open() {
            continue;
        }
        let mut missing = Vec::new();
        if action.owner.trim().is_empty() {
            missing.push("no owner");
        }
        if action.due.is_none() {
            missing.push("no due date");
        }
        if !missing.is_empty() {
            let text = format!(
                "#{} ({}) {}",
                action.id,
                short(&action.text),
                missing.join(", ")
            );
            incomplete.push((i, text));
        }
        if action
            .carried_from
            .as_ref()
            .is_some_and(|c| c.review.is_none())
        {
            unreviewed.push((i, format!("#{} ({})", action.id, short(&action.text))));
        }
    }
    let line = |entries: Vec<(usize, String)>, head: &str, separator: &str| {
        let first = entries.first()?.0;
        let texts: Vec<String> = entries.into_iter().map(|(_, text)| text).collect();
        Some((first, format!("{head}: {}", texts.join(separator))))
    };
    line(incomplete, "actions without an owner or a due date", "; ")
        .into_iter()
        .chain(line(
            unreviewed,
            "actions carried from the last meeting and not reviewed (done, circumstances \
             changed, or the agency did not act)",
            ", ",
        ))
        .collect()
}

/// The protection plan, its coordinator and a contingency when the agenda has the plan and
/// did not pass it over (`004` §4.4, §5.1); and a plan noted or decided but not recorded.
fn plan_gap(record: &Record) -> Option<String> {
    let plan = &record.plan;
    let no_plan = plan.summary.trim().is_empty();
    let plan_items: Vec<usize> = record
        .agenda
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind == ItemKind::Plan)
        .map(|(i, _)| i)
        .collect();
    let passed_over = plan_items.iter().all(|i| {
        matches!(
            record.agenda[*i].status,
            ItemStatus::Skipped | ItemStatus::NotApplicable
        )
    });
    let mut missing = Vec::new();
    if !plan_items.is_empty() && !passed_over {
        if no_plan {
            missing.push("no protection plan recorded".to_owned());
        }
        if plan.coordinator.trim().is_empty() {
            missing.push("no coordinator".to_owned());
        }
        if plan.contingencies.iter().all(|c| c.trim().is_empty()) {
            missing.push("no contingency if the plan does not work".to_owned());
        }
    }
    if no_plan {
        let noted = plan_items
            .iter()
            .find(|i| !record.agenda[**i].notes.is_empty());
        let decided = record.decisions.iter().position(|d| {
            d.text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "plan")
        });
        if let Some(i) = noted {
            missing.push(format!(
                "the plan is noted under item {} but not recorded in the plan section",
                i + 1
            ));
        } else if let Some(d) = decided {
            missing.push(format!(
                "decision {} mentions the plan but no plan is recorded",
                d + 1
            ));
        }
    }
    (!missing.is_empty()).then(|| format!("protection plan: {}", missing.join("; ")))
}

/// Who feeds back to an absent adult and whom they contact if they disagree (`004` §4.2,
/// §6.1); who feeds back to each person alleged to have caused harm and their employer
/// (`004` §6.2).
fn feedback_gap(record: &Record) -> Option<String> {
    let feedback = &record.feedback;
    let mut missing = Vec::new();
    if record.adult_participation.attended != Some(true) && feedback.to_adult.is_unassigned() {
        missing.push("nobody is named to feed back to the adult".to_owned());
    }
    if feedback.adult_disagreement_contact.trim().is_empty() {
        missing.push("nobody is named for the adult to contact if they disagree".to_owned());
    }
    for (i, person) in feedback.people_causing_harm.iter().enumerate() {
        let who = person.name_or(i + 1);
        if person.who.trim().is_empty() {
            missing.push(format!("who {who} alleged to have caused harm is"));
        }
        if person.feedback.is_unassigned() {
            missing.push(format!("nobody is named to feed back to {}", short(&who)));
        }
        if person.has_employer() && person.employer_feedback.is_unassigned() {
            missing.push(format!(
                "nobody is named to feed back to the employer of {}",
                short(&who)
            ));
        }
    }
    (!missing.is_empty()).then(|| format!("feedback: {}", missing.join("; ")))
}

/// Item numbers (from 1) of the positions `indexes` (ascending), runs shortened:
/// "3, 7, 9-11".
fn number_ranges(indexes: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for &i in indexes {
        run = match run {
            Some((start, end)) if i == end + 1 => Some((start, i)),
            Some(done) => {
                parts.push(range_text(done));
                Some((i, i))
            }
            None => Some((i, i)),
        };
    }
    parts.extend(run.map(range_text));
    parts.join(", ")
}

fn range_text((start, end): (usize, usize)) -> String {
    if start == end {
        (start + 1).to_string()
    } else {
        format!("{}-{}", start + 1, end + 1)
    }
}

/// The first few words of a long text, for messages.
fn short(text: &str) -> String {
    const MAX: usize = 40;
    let text = text.trim();
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}...", cut.trim_end())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, Decision, Finding, NewMeeting, Note, PersonCausingHarm};
    use crate::templates::builtin;

    fn action(at: crate::model::Timestamp) -> ActionItem {
        ActionItem {
            id: 1,
            text: "Chase GP".into(),
            owner: String::new(),
            agency: String::new(),
            due: None,
            status: Default::default(),
            status_at: None,
            status_note: String::new(),
            agenda_key: String::new(),
            created_at: at,
            visibility: Default::default(),
            carried_from: None,
            extra: Default::default(),
        }
    }

    fn record() -> Record {
        let template = builtin().into_iter().find(|t| t.key == "case-conference");
        let template = template.unwrap_or_else(|| unreachable!("built-in exists"));
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00")
            .unwrap_or_else(|_| unreachable!());
        Record::new(
            &template,
            NewMeeting {
                title: "t".into(),
                subject_ref: "s".into(),
                date: now.date_naive(),
            },
            "0123456789abcdef0123456789abcdef".into(),
            now,
        )
    }

    fn kinds(record: &Record) -> Vec<GapKind> {
        closing_gaps(record, record.meeting.date)
            .into_iter()
            .map(|g| g.kind)
            .collect()
    }

    fn messages(record: &Record) -> Vec<String> {
        closing_gaps(record, record.meeting.date)
            .into_iter()
            .map(|g| g.message)
            .collect()
    }

    #[test]
    fn a_new_record_lists_what_is_required_in_a_few_lines() {
        let record = record();
        let said = messages(&record);
        assert!(said.len() <= 7, "{said:#?}");
        assert_eq!(
            said[0],
            "meeting details: no chair, no minute taker, no venue, no mode (in person, video, \
             phone or mixed)"
        );
        assert!(said.contains(&"the adult's attendance is not recorded".to_owned()));
        assert!(
            said.contains(
                &"feedback: nobody is named to feed back to the adult; nobody is named for the \
              adult to contact if they disagree"
                    .to_owned()
            )
        );
        let items = said.last().unwrap();
        assert!(
            items.starts_with("24 agenda items neither discussed nor marked: 2, 5-27"),
            "{items}"
        );
    }

    #[test]
    fn items_with_notes_or_entries_count_as_discussed_and_the_rest_are_marked_at_once() {
        let mut record = record();
        let at = record.created_at;
        record.agenda[4]
            .notes
            .push(Note::new(at, "Purpose read out"));
        record.actions.push(ActionItem {
            agenda_key: record.agenda[6].key.clone(),
            ..action(at)
        });
        let Some(GapKind::AgendaItems(untouched)) = kinds(&record).pop() else {
            panic!("{:?}", messages(&record));
        };
        assert!(!untouched.contains(&4) && !untouched.contains(&6));
        assert_eq!(untouched.len(), 22);
        assert_eq!(
            record.mark_untouched_not_discussed(at),
            crate::model::Changed::Yes
        );
        assert!(
            !kinds(&record)
                .iter()
                .any(|k| matches!(k, GapKind::AgendaItems(_)))
        );
        assert_eq!(record.agenda[4].status, ItemStatus::Pending, "discussed");
        assert_eq!(record.agenda[5].status, ItemStatus::Skipped);
        assert_eq!(record.agenda[5].status.label(), "Not discussed");
        assert_eq!(record.agenda[5].closed_at, None, "no time invented");
        assert_eq!(
            record.agenda[0].status,
            ItemStatus::Pending,
            "attendance item"
        );
        assert_eq!(
            record.mark_untouched_not_discussed(at),
            crate::model::Changed::No
        );
    }

    #[test]
    fn the_plan_and_the_adults_views_typed_elsewhere_are_noticed() {
        let mut record = record();
        let at = record.created_at;
        let views = record
            .agenda
            .iter()
            .position(|i| i.key == "adult-views-outcomes")
            .unwrap();
        record.agenda[views]
            .notes
            .push(Note::new(at, "She wants to stay at home"));
        let said = messages(&record).join("\n");
        assert!(
            said.contains(&format!(
                "the adult's views are noted under item {} but the participation section has none",
                views + 1
            )),
            "{said}"
        );
        record.decisions.push(Decision {
            text: "The safety plan is agreed".to_owned(),
            rationale: String::new(),
            dissent: None,
            agenda_key: String::new(),
            at,
            visibility: Default::default(),
            extra: Default::default(),
        });
        let said = messages(&record).join("\n");
        assert!(
            said.contains(
                "protection plan: no protection plan recorded; no coordinator; no \
                 contingency if the plan does not work; decision 1 mentions the plan"
            ),
            "{said}"
        );
        record.adult_participation.views = "Stay at home".to_owned();
        record.plan.summary = "Daily visits".to_owned();
        record.plan.coordinator = "AO".to_owned();
        record.plan.contingencies.push("Respite".to_owned());
        let said = messages(&record).join("\n");
        assert!(
            !said.contains("views are noted") && !said.contains("protection plan"),
            "{said}"
        );
    }

    #[test]
    fn each_person_alleged_to_have_caused_harm_needs_feedback_by_someone() {
        let mut record = record();
        record.adult_participation.attended = Some(true);
        record.feedback.adult_disagreement_contact = "PN".to_owned();
        record.feedback.people_causing_harm = vec![
            PersonCausingHarm {
                who: "Her son".to_owned(),
                ..PersonCausingHarm::default()
            },
            PersonCausingHarm {
                who: "A care worker".to_owned(),
                employer: "Oakfield".to_owned(),
                feedback: crate::model::FeedbackArrangement {
                    by: "JS".to_owned(),
                    what: String::new(),
                },
                ..PersonCausingHarm::default()
            },
        ];
        let said = messages(&record);
        assert!(
            said.contains(
                &"feedback: nobody is named to feed back to Her son; nobody is named to feed \
                  back to the employer of A care worker"
                    .to_owned()
            ),
            "{said:#?}"
        );
    }

    #[test]
    fn item_numbers_are_shortened_to_runs() {
        assert_eq!(number_ranges(&[2, 6, 8, 9, 10]), "3, 7, 9-11");
        assert_eq!(number_ranges(&[0]), "1");
        assert_eq!(number_ranges(&[]), "");
    }

    #[test]
    fn absent_adult_needs_a_reason_and_findings_need_rationale() {
        let mut record = record();
        record.adult_participation.attended = Some(false);
        let at = record.created_at;
        record.findings.push(Finding {
            allegation: "Missed medication calls".into(),
            abuse_type: None,
            location: None,
            source: None,
            finding: None,
            result: None,
            risk_outcome: None,
            rationale: String::new(),
            agenda_key: String::new(),
            at,
            visibility: Default::default(),
            extra: Default::default(),
        });
        record.actions.push(action(at));
        let messages: Vec<String> = closing_gaps(&record, record.meeting.date)
            .into_iter()
            .map(|g| g.message)
            .collect();
        assert!(
            messages
                .contains(&"the adult did not attend and the reason is not recorded".to_owned())
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("finding 1 (Missed medication calls): no rationale"))
        );
        assert!(
            messages.contains(
                &"actions without an owner or a due date: #1 (Chase GP) no owner, no due date"
                    .to_owned()
            )
        );
    }
}
