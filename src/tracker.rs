//! The action tracker: every action of every record, most urgent first, from the summaries
//! of a listing (the summary cache holds each record's actions, so no record is parsed).
//!
//! Order: overdue actions first, most overdue first; then the other open actions by due
//! date (those with none last); then done and cancelled ones, most recently changed first.
//! Ties go by meeting date, then file, then action id, so the order is always the same.
//! "Today" is an argument, so what is overdue is decided by the caller's clock.

use std::cmp::Ordering;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ActionStatus, ActionSummary, RecordSummary, Visibility};
use crate::search::{contains_folded, fold};
use crate::store::ListEntry;

/// Where an action stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionState {
    /// Open and past its due date by this many days (at least 1).
    Overdue {
        /// Days since the due date.
        days: i64,
    },
    /// Open, not overdue.
    Open,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
}

impl ActionState {
    /// The state of `action` on `today`.
    #[must_use]
    pub fn of(action: &ActionSummary, today: NaiveDate) -> Self {
        match action.status {
            ActionStatus::Done => Self::Done,
            ActionStatus::Cancelled => Self::Cancelled,
            ActionStatus::Open => match action.due {
                Some(due) if due < today => Self::Overdue {
                    days: (today - due).num_days(),
                },
                _ => Self::Open,
            },
        }
    }

    /// `OVERDUE 12d`, `Open`, `Done`, `Cancelled`.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Self::Overdue { days } => format!("OVERDUE {days}d"),
            Self::Open => ActionStatus::Open.label().to_owned(),
            Self::Done => ActionStatus::Done.label().to_owned(),
            Self::Cancelled => ActionStatus::Cancelled.label().to_owned(),
        }
    }

    /// Still to be done (overdue or not).
    #[must_use]
    pub const fn is_open(self) -> bool {
        matches!(self, Self::Overdue { .. } | Self::Open)
    }
}

/// One action with the record it belongs to, borrowed from a listing.
#[derive(Debug, Clone, Copy)]
pub struct TrackedAction<'a> {
    /// The record: its path and summary (id, date, title, subject...).
    pub entry: &'a ListEntry,
    /// The action.
    pub action: &'a ActionSummary,
    /// Where it stands on the day asked.
    pub state: ActionState,
}

impl<'a> TrackedAction<'a> {
    /// The record file.
    #[must_use]
    pub fn path(&self) -> &'a Path {
        &self.entry.path
    }

    /// The record's summary.
    #[must_use]
    pub fn record(&self) -> &'a RecordSummary {
        &self.entry.summary
    }

    /// `<short id>/<action id>`, e.g. `5e1c0a7d/3`: what `minutes action` takes.
    #[must_use]
    pub fn reference(&self) -> String {
        format!("{}/{}", self.record().short_id(), self.action.id)
    }

    /// The order of the tracker (see the module docs).
    fn urgency(&self, other: &Self) -> Ordering {
        let group = |t: &Self| match t.state {
            ActionState::Overdue { .. } => 0,
            ActionState::Open => 1,
            ActionState::Done | ActionState::Cancelled => 2,
        };
        let by_group = group(self).cmp(&group(other));
        let within = match group(self) {
            // Earliest due first (so most overdue first); none last.
            0 | 1 => due_first(self.action.due, other.action.due),
            _ => latest_first(self.action.status_at, other.action.status_at),
        };
        by_group
            .then(within)
            .then(self.record().date.cmp(&other.record().date))
            .then_with(|| self.path().cmp(other.path()))
            .then(self.action.id.cmp(&other.action.id))
    }
}

/// Earlier first, `None` after every date.
fn due_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Later first, `None` after every time.
fn latest_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Which actions by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Which {
    /// Every action.
    #[default]
    All,
    /// Open ones, overdue included.
    Open,
    /// Only overdue ones.
    Overdue,
}

/// Which actions to show. Text filters ignore case ([`fold()`]) and match anywhere in the
/// field: `--owner smith` finds "Jane Smith", `--agency nhs` "Community Health NHS Trust".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// By state.
    pub which: Which,
    /// Part of the owner's name, if filtering by owner.
    pub owner: Option<String>,
    /// Part of the agency's name, if filtering by agency.
    pub agency: Option<String>,
}

impl ActionFilter {
    /// Whether an action in `state` passes.
    #[must_use]
    pub fn matches(&self, action: &ActionSummary, state: ActionState) -> bool {
        let by_state = match self.which {
            Which::All => true,
            Which::Open => state.is_open(),
            Which::Overdue => matches!(state, ActionState::Overdue { .. }),
        };
        by_state
            && text_matches(&action.owner, self.owner.as_deref())
            && text_matches(&action.agency, self.agency.as_deref())
    }
}

fn text_matches(field: &str, wanted: Option<&str>) -> bool {
    wanted.is_none_or(|wanted| contains_folded(field, &fold(wanted.trim())))
}

/// Every action in `entries` that passes `filter`, in the tracker's order (see the module
/// docs), with overdue worked out for `today`.
#[must_use]
pub fn tracked_actions<'a>(
    entries: &'a [ListEntry],
    today: NaiveDate,
    filter: &ActionFilter,
) -> Vec<TrackedAction<'a>> {
    // Fold the filter's text once, not once per action.
    let folded = ActionFilter {
        which: filter.which,
        owner: filter.owner.as_deref().map(|o| fold(o.trim()).into_owned()),
        agency: filter
            .agency
            .as_deref()
            .map(|a| fold(a.trim()).into_owned()),
    };
    let mut tracked: Vec<TrackedAction<'a>> = entries
        .iter()
        .flat_map(|entry| {
            entry
                .summary
                .actions
                .iter()
                .map(move |action| TrackedAction {
                    entry,
                    action,
                    state: ActionState::of(action, today),
                })
        })
        .filter(|t| folded.matches(t.action, t.state))
        .collect();
    tracked.sort_by(TrackedAction::urgency);
    tracked
}

/// A tracked action as one flat JSON object (`minutes actions --json`).
#[derive(Debug, Serialize)]
pub struct TrackedRow<'a> {
    /// `<short id>/<action id>`.
    pub reference: String,
    /// The record file.
    pub path: &'a Path,
    /// The record id.
    pub record_id: &'a str,
    /// The meeting date.
    pub meeting_date: NaiveDate,
    /// The meeting title.
    pub title: &'a str,
    /// The adult's case reference.
    pub subject_ref: &'a str,
    /// The meeting type.
    pub meeting_type: &'a str,
    /// The action's id in its record.
    pub action_id: u32,
    /// What is to be done.
    pub text: &'a str,
    /// Who does it.
    pub owner: &'a str,
    /// Their agency.
    pub agency: &'a str,
    /// By when.
    pub due: Option<NaiveDate>,
    /// `open`, `done` or `cancelled`.
    pub status: ActionStatus,
    /// When the status last changed.
    pub status_at: Option<crate::model::Timestamp>,
    /// Who may see it.
    pub visibility: Visibility,
    /// Open and past due on the day asked.
    pub overdue: bool,
    /// Days past due, when overdue.
    pub days_overdue: Option<i64>,
}

impl<'a> From<&TrackedAction<'a>> for TrackedRow<'a> {
    fn from(t: &TrackedAction<'a>) -> Self {
        let record = t.record();
        let days_overdue = match t.state {
            ActionState::Overdue { days } => Some(days),
            _ => None,
        };
        Self {
            reference: t.reference(),
            path: t.path(),
            record_id: &record.id,
            meeting_date: record.date,
            title: &record.title,
            subject_ref: &record.subject_ref,
            meeting_type: &record.meeting_type,
            action_id: t.action.id,
            text: &t.action.text,
            owner: &t.action.owner,
            agency: &t.action.agency,
            due: t.action.due,
            status: t.action.status,
            status_at: t.action.status_at,
            visibility: t.action.visibility,
            overdue: days_overdue.is_some(),
            days_overdue,
        }
    }
}

/// Splits an action reference: `5e1c0a7d/3` into the record (id prefix or path) and the
/// action id. `None` when the text does not end in `/<number>`.
#[must_use]
pub fn split_reference(text: &str) -> Option<(&str, u32)> {
    let (record, number) = text.rsplit_once('/')?;
    if record.is_empty() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((record, number.parse().ok()?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn action(id: u32, due: Option<&str>, status: ActionStatus) -> ActionSummary {
        ActionSummary {
            id,
            text: format!("action {id}"),
            owner: "Jane Smith".into(),
            agency: "Police".into(),
            due: due.map(day),
            status,
            status_at: None,
            visibility: Visibility::All,
        }
    }

    #[test]
    fn state_on_a_day() {
        let today = day("2026-11-23");
        let open = |due| ActionState::of(&action(1, due, ActionStatus::Open), today);
        assert_eq!(open(Some("2026-11-20")), ActionState::Overdue { days: 3 });
        assert_eq!(open(Some("2026-11-23")), ActionState::Open);
        assert_eq!(open(None), ActionState::Open);
        let done = action(1, Some("2020-01-01"), ActionStatus::Done);
        assert_eq!(ActionState::of(&done, today), ActionState::Done);
        assert_eq!(ActionState::Overdue { days: 12 }.label(), "OVERDUE 12d");
    }

    #[test]
    fn filters_ignore_case_anywhere_in_the_name() {
        let a = action(1, None, ActionStatus::Open);
        let filter = |owner: Option<&str>, agency: Option<&str>| ActionFilter {
            which: Which::All,
            owner: owner.map(|o| fold(o).into_owned()),
            agency: agency.map(|a| fold(a).into_owned()),
        };
        assert!(filter(Some("smith"), None).matches(&a, ActionState::Open));
        assert!(filter(Some("JANE"), Some("pol")).matches(&a, ActionState::Open));
        assert!(!filter(Some("bob"), None).matches(&a, ActionState::Open));
        let overdue = ActionFilter {
            which: Which::Overdue,
            ..ActionFilter::default()
        };
        assert!(!overdue.matches(&a, ActionState::Open));
        assert!(overdue.matches(&a, ActionState::Overdue { days: 1 }));
        let open = ActionFilter {
            which: Which::Open,
            ..ActionFilter::default()
        };
        assert!(open.matches(&a, ActionState::Overdue { days: 1 }));
        assert!(!open.matches(&a, ActionState::Done));
    }

    #[test]
    fn references_split_at_the_last_slash() {
        assert_eq!(split_reference("5e1c0a7d/3"), Some(("5e1c0a7d", 3)));
        assert_eq!(
            split_reference("/r/2026-x-5e1c0a7d.json/12"),
            Some(("/r/2026-x-5e1c0a7d.json", 12))
        );
        assert_eq!(split_reference("5e1c0a7d"), None);
        assert_eq!(split_reference("5e1c0a7d/"), None);
        assert_eq!(split_reference("/3"), None);
        assert_eq!(split_reference("a/b/x3"), None);
    }
}
