//! What is due: minutes still to circulate, and reviews coming up, from listing summaries
//! alone (no record is parsed), so `minutes due` stays fast on thousands of records.

use chrono::NaiveDate;

use crate::model::{MinutesStatus, RecordSummary};

/// How far ahead `minutes due` looks for reviews, in days.
pub const REVIEW_WINDOW_DAYS: u32 = 14;

/// Minutes not circulated yet, with their deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinutesDue {
    /// Index of the record in the summaries given.
    pub index: usize,
    /// When the minutes must be circulated.
    pub due: NaiveDate,
    /// Calendar days past the deadline: positive when overdue, 0 when due today, negative
    /// for the days left.
    pub days_late: i64,
}

impl MinutesDue {
    /// Past the deadline.
    #[must_use]
    pub const fn is_overdue(&self) -> bool {
        self.days_late > 0
    }

    /// "3 days late", "1 day late", "due today", "in 1 day", "in 5 days".
    #[must_use]
    pub fn words(&self) -> String {
        match self.days_late {
            0 => "due today".to_owned(),
            1 => "OVERDUE 1 day".to_owned(),
            late if late > 1 => format!("OVERDUE {late} days"),
            -1 => "in 1 day".to_owned(),
            left => format!("in {} days", -left),
        }
    }
}

/// A review date coming up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewDue {
    /// Index of the record whose review it is.
    pub index: usize,
    /// The review date.
    pub review_date: NaiveDate,
    /// Days from today (0 = today).
    pub days_until: i64,
    /// Index of the earliest later record for the same subject, if one exists: the review
    /// meeting may already be booked.
    pub later_record: Option<usize>,
}

/// Every record whose minutes are not circulated and have a deadline, most urgent first
/// (deadline, then meeting date, then id).
#[must_use]
pub fn minutes_due(summaries: &[&RecordSummary], today: NaiveDate) -> Vec<MinutesDue> {
    let mut due: Vec<MinutesDue> = summaries
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status != MinutesStatus::Circulated)
        .filter_map(|(index, s)| {
            s.minutes_due.map(|due| MinutesDue {
                index,
                due,
                days_late: (today - due).num_days(),
            })
        })
        .collect();
    due.sort_by(|a, b| {
        let (sa, sb) = (summaries[a.index], summaries[b.index]);
        (a.due, sa.date, &sa.id).cmp(&(b.due, sb.date, &sb.id))
    });
    due
}

/// Records whose review date falls from `today` to `within_days` days later, soonest first.
#[must_use]
pub fn reviews_due(
    summaries: &[&RecordSummary],
    today: NaiveDate,
    within_days: u32,
) -> Vec<ReviewDue> {
    let last = today
        .checked_add_days(chrono::Days::new(u64::from(within_days)))
        .unwrap_or(NaiveDate::MAX);
    let mut due: Vec<ReviewDue> = summaries
        .iter()
        .enumerate()
        .filter_map(|(index, s)| {
            let review_date = s.review_date.filter(|d| (today..=last).contains(d))?;
            Some(ReviewDue {
                index,
                review_date,
                days_until: (review_date - today).num_days(),
                later_record: later_record(summaries, s),
            })
        })
        .collect();
    due.sort_by(|a, b| {
        let (sa, sb) = (summaries[a.index], summaries[b.index]);
        (a.review_date, sa.date, &sa.id).cmp(&(b.review_date, sb.date, &sb.id))
    });
    due
}

/// The earliest record for the same (non-blank) subject held after `of`.
fn later_record(summaries: &[&RecordSummary], of: &RecordSummary) -> Option<usize> {
    if of.subject_ref.trim().is_empty() {
        return None;
    }
    summaries
        .iter()
        .enumerate()
        .filter(|(_, s)| s.subject_ref == of.subject_ref && s.date > of.date && s.id != of.id)
        .min_by_key(|(_, s)| (s.date, s.id.clone()))
        .map(|(i, _)| i)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    fn summary(id: &str, date: &str, status: MinutesStatus, due: Option<&str>) -> RecordSummary {
        RecordSummary {
            id: id.to_owned(),
            date: d(date),
            meeting_type: "case-conference".to_owned(),
            title: "T".to_owned(),
            subject_ref: "AB-1".to_owned(),
            status,
            minutes_due: due.map(d),
            review_date: None,
            open_actions: 0,
            open_action_due: Vec::new(),
            people: Vec::new(),
            actions: Vec::new(),
            newer_schema: false,
        }
    }

    #[test]
    fn outstanding_minutes_most_urgent_first() {
        let today = d("2026-11-23");
        let all = [
            summary("a", "2026-11-16", MinutesStatus::Draft, Some("2026-11-30")),
            summary("b", "2026-11-02", MinutesStatus::Agreed, Some("2026-11-16")),
            summary(
                "c",
                "2026-11-01",
                MinutesStatus::Circulated,
                Some("2026-11-13"),
            ),
            summary("d", "2026-11-09", MinutesStatus::Draft, Some("2026-11-23")),
            summary("e", "2026-11-09", MinutesStatus::Draft, None),
            summary("f", "2026-11-20", MinutesStatus::Draft, Some("2026-11-24")),
            summary("g", "2026-11-05", MinutesStatus::Draft, Some("2026-11-22")),
        ];
        let refs: Vec<&RecordSummary> = all.iter().collect();
        let due = minutes_due(&refs, today);
        let got: Vec<(&str, i64, String)> = due
            .iter()
            .map(|m| (refs[m.index].id.as_str(), m.days_late, m.words()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("b", 7, "OVERDUE 7 days".to_owned()),
                ("g", 1, "OVERDUE 1 day".to_owned()),
                ("d", 0, "due today".to_owned()),
                ("f", -1, "in 1 day".to_owned()),
                ("a", -7, "in 7 days".to_owned()),
            ]
        );
        assert!(due[0].is_overdue() && !due[2].is_overdue());
    }

    #[test]
    fn reviews_in_the_window_note_a_later_meeting() {
        let today = d("2026-11-23");
        let mut soon = summary("a", "2026-10-01", MinutesStatus::Circulated, None);
        soon.review_date = Some(d("2026-12-07"));
        let mut today_review = summary("b", "2026-09-01", MinutesStatus::Circulated, None);
        today_review.review_date = Some(today);
        today_review.subject_ref = "CD-2".to_owned();
        let mut too_late = summary("c", "2026-10-02", MinutesStatus::Circulated, None);
        too_late.review_date = Some(d("2026-12-08"));
        too_late.subject_ref = "EF-3".to_owned();
        let mut past = summary("d", "2026-10-03", MinutesStatus::Circulated, None);
        past.review_date = Some(d("2026-11-22"));
        let booked = summary("e", "2026-12-07", MinutesStatus::Draft, None);
        let all = [soon, today_review, too_late, past, booked];
        let refs: Vec<&RecordSummary> = all.iter().collect();
        let due = reviews_due(&refs, today, REVIEW_WINDOW_DAYS);
        assert_eq!(
            due,
            vec![
                ReviewDue {
                    index: 1,
                    review_date: today,
                    days_until: 0,
                    later_record: None,
                },
                ReviewDue {
                    index: 0,
                    review_date: d("2026-12-07"),
                    days_until: 14,
                    // "d" (3 Oct) is also later than "a" (1 Oct) for AB-1, and earlier than "e".
                    later_record: Some(3),
                },
            ]
        );
    }
}
