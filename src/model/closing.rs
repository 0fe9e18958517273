//! The closing check: what the procedures require before a meeting ends and is still missing.

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
    /// The adult's attendance, or the reason they did not attend (`004` section 4.2).
    AdultParticipation,
    /// A finding without rationale or finding (index into `findings`).
    Finding(usize),
    /// An action without owner or due date (index into `actions`).
    Action(usize),
    /// No review date and no further-conference decision (`004` section 4.4).
    Review,
    /// Feedback arrangements missing (`004` sections 4.2, 6.1, 6.2).
    Feedback,
    /// An agenda item never covered (index into `agenda`).
    AgendaItem(usize),
}

/// Everything still missing, in the order a chair would go through it.
#[must_use]
pub fn closing_gaps(record: &Record, _today: NaiveDate) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut gap = |kind: GapKind, message: String| gaps.push(Gap { kind, message });
    let adult = &record.adult_participation;
    match adult.attended {
        None => gap(
            GapKind::AdultParticipation,
            "the adult's attendance is not recorded".to_owned(),
        ),
        Some(false) if adult.reason_not_attended.trim().is_empty() => gap(
            GapKind::AdultParticipation,
            "the adult did not attend and the reason is not recorded".to_owned(),
        ),
        _ => {}
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
        if action
            .carried_from
            .as_ref()
            .is_some_and(|c| c.review.is_none())
        {
            missing.push(
                "carried from the last meeting and not reviewed (done, circumstances changed, \
                 or the agency did not act)",
            );
        }
        if !missing.is_empty() {
            gap(
                GapKind::Action(i),
                format!(
                    "action {} ({}): {}",
                    action.id,
                    short(&action.text),
                    missing.join(", ")
                ),
            );
        }
    }
    if record.review.review_date.is_none() && record.review.further_conference.is_none() {
        gap(
            GapKind::Review,
            "no review date and no decision on a further conference".to_owned(),
        );
    }
    let feedback = &record.feedback;
    if adult.attended != Some(true) && feedback.to_adult.is_unassigned() {
        gap(
            GapKind::Feedback,
            "nobody is named to feed back to the adult".to_owned(),
        );
    }
    if feedback.adult_disagreement_contact.trim().is_empty() {
        gap(
            GapKind::Feedback,
            "nobody is named for the adult to contact if they disagree".to_owned(),
        );
    }
    for (i, item) in record.agenda.iter().enumerate() {
        let covered = matches!(
            item.status,
            ItemStatus::Done | ItemStatus::Skipped | ItemStatus::NotApplicable
        );
        if !covered && item.kind != ItemKind::Attendance {
            gap(
                GapKind::AgendaItem(i),
                format!(
                    "item {} '{}' is {}",
                    i + 1,
                    item.title,
                    item.status.label().to_lowercase()
                ),
            );
        }
    }
    gaps
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
mod tests {
    use super::*;
    use crate::model::{ActionItem, Finding, NewMeeting};
    use crate::templates::builtin;

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

    #[test]
    fn a_new_record_lists_every_requirement() {
        let record = record();
        let gaps = closing_gaps(&record, record.meeting.date);
        assert!(gaps.iter().any(|g| g.kind == GapKind::AdultParticipation));
        assert!(gaps.iter().any(|g| g.kind == GapKind::Review));
        assert_eq!(
            gaps.iter().filter(|g| g.kind == GapKind::Feedback).count(),
            2
        );
        assert!(
            gaps.iter()
                .any(|g| matches!(g.kind, GapKind::AgendaItem(_)))
        );
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
        record.actions.push(ActionItem {
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
        });
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
        assert!(messages.contains(&"action 1 (Chase GP): no owner, no due date".to_owned()));
    }
}
