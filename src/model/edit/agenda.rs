//! Commands on the agenda: where the meeting is, closing and reopening items, ending the
//! meeting.

use super::{Changed, Entry, Refusal, replace};
use crate::model::{ItemKind, ItemStatus, Record, Timestamp};

/// How an agenda item is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Covered.
    Done,
    /// Not discussed this time (the status is `skipped`).
    Skipped,
    /// Does not apply to this meeting.
    NotApplicable,
}

impl Closing {
    /// The status a closed item gets.
    #[must_use]
    pub const fn status(self) -> ItemStatus {
        match self {
            Self::Done => ItemStatus::Done,
            Self::Skipped => ItemStatus::Skipped,
            Self::NotApplicable => ItemStatus::NotApplicable,
        }
    }
}

impl Record {
    /// The meeting is at item `index`: it becomes the one current item (see
    /// [`Record::make_current`]), stamped as opened now if it never was and this is the
    /// meeting's day (a time on another day is no time in the meeting).
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn set_current_item(&mut self, index: usize, now: Timestamp) -> Result<Changed, Refusal> {
        if index >= self.agenda.len() {
            return Err(Refusal::Missing(Entry::AgendaItem(index)));
        }
        let mut changed = self.make_current(index);
        let clock = self.meeting_clock(now);
        let item = &mut self.agenda[index];
        if item.opened_at.is_none() {
            changed |= replace(&mut item.opened_at, clock);
        }
        Ok(self.changed_at(changed, now))
    }

    /// The meeting starts now, if it has not and this is its day. Returns whether it did.
    pub fn start_meeting(&mut self, now: Timestamp) -> Changed {
        let changed = self.meeting.started_at.is_none()
            && self.is_meeting_day(&now)
            && replace(&mut self.meeting.started_at, Some(now));
        self.changed_at(changed, now)
    }

    /// `now` when it is on the meeting's day; `None` on another day, which stamps no time.
    pub(super) fn meeting_clock(&self, now: Timestamp) -> Option<Timestamp> {
        self.is_meeting_day(&now).then_some(now)
    }

    /// Closes item `index` as done, skipped or not applicable, now (and stamps it opened now
    /// if it never was); on another day than the meeting's it is closed with no times. The
    /// findings item is done only once every finding has its rationale.
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::FindingWithoutRationale`] (the first one).
    pub fn close_item(
        &mut self,
        index: usize,
        how: Closing,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let item = self
            .agenda
            .get(index)
            .ok_or(Refusal::Missing(Entry::AgendaItem(index)))?;
        if how == Closing::Done
            && item.kind == ItemKind::Findings
            && let Some(n) = self
                .findings
                .iter()
                .position(|f| f.rationale.trim().is_empty())
        {
            return Err(Refusal::FindingWithoutRationale(n + 1));
        }
        let clock = self.meeting_clock(now);
        let item = &mut self.agenda[index];
        let mut changed = replace(&mut item.status, how.status());
        if clock.is_some() {
            changed |= replace(&mut item.closed_at, clock);
        }
        if item.opened_at.is_none() {
            changed |= replace(&mut item.opened_at, clock);
        }
        Ok(self.changed_at(changed, now))
    }

    /// Marks every agenda item neither discussed nor closed ([`Record::untouched_items`])
    /// as not discussed, with no times: the closing check's fix for them.
    pub fn mark_untouched_not_discussed(&mut self, now: Timestamp) -> Changed {
        let untouched = self.untouched_items();
        for i in &untouched {
            self.agenda[*i].status = Closing::Skipped.status();
        }
        self.changed_at(!untouched.is_empty(), now)
    }

    /// Opens closed item `index` again: pending, not closed. An item not closed stays as
    /// it is.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn reopen_item(&mut self, index: usize, now: Timestamp) -> Result<Changed, Refusal> {
        let item = self
            .agenda
            .get_mut(index)
            .ok_or(Refusal::Missing(Entry::AgendaItem(index)))?;
        let closed = !matches!(item.status, ItemStatus::Pending | ItemStatus::Current);
        let mut changed = false;
        if closed {
            changed |= replace(&mut item.status, ItemStatus::Pending);
            changed |= replace(&mut item.closed_at, None);
        }
        Ok(self.changed_at(changed, now))
    }

    /// Ends the meeting now: item `at_item`, where the meeting is, is done unless it was
    /// closed already, and the meeting's end is stamped, on the meeting's day (typed up on
    /// another day, the end is left to be given).
    pub fn end_meeting(&mut self, at_item: usize, now: Timestamp) -> Changed {
        let mut changed = false;
        let clock = self.meeting_clock(now);
        if let Some(item) = self.agenda.get_mut(at_item)
            && matches!(item.status, ItemStatus::Pending | ItemStatus::Current)
        {
            changed |= replace(&mut item.status, ItemStatus::Done);
            if clock.is_some() {
                changed |= replace(&mut item.closed_at, clock);
            }
        }
        if clock.is_some() {
            changed |= replace(&mut self.meeting.ended_at, clock);
        }
        self.changed_at(changed, now)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::{FindingInput, ItemStatus::*};

    fn statuses(record: &Record) -> Vec<ItemStatus> {
        record.agenda.iter().map(|i| i.status).collect()
    }

    #[test]
    fn the_current_item_is_stamped_opened_once_and_the_meeting_not_started() {
        let mut record = record();
        assert_eq!(record.set_current_item(1, at("09:30")), Ok(Changed::Yes));
        assert_eq!(statuses(&record), [Pending, Current, Pending]);
        assert_eq!(record.agenda[1].opened_at, Some(at("09:30")));
        assert_eq!(
            record.meeting.started_at, None,
            "getting ready before the meeting is no start"
        );
        assert_eq!(record.set_current_item(1, at("10:05")), Ok(Changed::No));
        assert_eq!(record.updated_at, at("09:30"));
        assert_eq!(record.set_current_item(2, at("10:10")), Ok(Changed::Yes));
        assert_eq!(statuses(&record), [Pending, Pending, Current]);
        assert!(record.set_current_item(3, at("10:11")).is_err());
    }

    #[test]
    fn the_meeting_starts_once_and_only_on_its_day() {
        let mut record = record();
        let next_day = at("10:00") + chrono::TimeDelta::days(1);
        assert_eq!(record.start_meeting(next_day), Changed::No);
        assert_eq!(record.meeting.started_at, None);
        assert_eq!(record.start_meeting(at("10:00")), Changed::Yes);
        assert_eq!(record.start_meeting(at("10:30")), Changed::No);
        assert_eq!(record.meeting.started_at, Some(at("10:00")));
    }

    #[test]
    fn typing_up_on_another_day_stamps_no_clock_time() {
        let mut record = record();
        let next_day = |hh_mm: &str| at(hh_mm) + chrono::TimeDelta::days(1);
        assert_eq!(
            record.set_current_item(0, next_day("14:00")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.agenda[0].status, Current);
        assert_eq!(
            record.close_item(0, Closing::Done, next_day("14:05")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.agenda[0].status, Done);
        assert_eq!(
            record.set_current_item(2, next_day("14:06")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.end_meeting(2, next_day("14:30")), Changed::Yes);
        assert_eq!(statuses(&record), [Done, Pending, Done]);
        for item in &record.agenda {
            assert_eq!(
                (item.opened_at, item.closed_at),
                (None, None),
                "{}",
                item.key
            );
        }
        assert_eq!(
            (record.meeting.started_at, record.meeting.ended_at),
            (None, None)
        );
        assert_eq!(record.updated_at, next_day("14:30"));
    }

    #[test]
    fn the_findings_item_is_done_only_with_every_rationale() {
        let mut record = record();
        let finding = FindingInput {
            rationale: " ".to_owned(),
            ..FindingInput::new("Missed calls")
        };
        record.add_finding(finding, 1, at("10:00")).unwrap();
        let before = record.clone();
        let refused = record.close_item(1, Closing::Done, at("10:10"));
        assert_eq!(refused, Err(Refusal::FindingWithoutRationale(1)));
        assert_eq!(
            refused.unwrap_err().to_string(),
            "Not done: finding 1 has no rationale. Add the evidence and reasoning first."
        );
        assert_eq!(record, before);
        assert_eq!(
            record.close_item(1, Closing::Skipped, at("10:10")),
            Ok(Changed::Yes)
        );
        assert_eq!(
            record.close_item(0, Closing::Done, at("10:11")),
            Ok(Changed::Yes)
        );
        record.findings[0].rationale = "Call logs".to_owned();
        assert_eq!(
            record.close_item(1, Closing::Done, at("10:12")),
            Ok(Changed::Yes)
        );
        assert_eq!(statuses(&record), [Done, Done, Pending]);
        let item = &record.agenda[1];
        assert_eq!(
            (item.opened_at, item.closed_at),
            (Some(at("10:10")), Some(at("10:12")))
        );
    }

    #[test]
    fn reopening_opens_only_a_closed_item() {
        let mut record = record();
        assert_eq!(
            record.close_item(0, Closing::NotApplicable, at("10:00")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.set_current_item(1, at("10:01")), Ok(Changed::Yes));
        assert_eq!(record.reopen_item(1, at("10:02")), Ok(Changed::No));
        assert_eq!(record.reopen_item(0, at("10:03")), Ok(Changed::Yes));
        assert_eq!(statuses(&record), [Pending, Current, Pending]);
        assert_eq!(record.agenda[0].closed_at, None);
        assert_eq!(record.agenda[0].opened_at, Some(at("10:00")), "opened once");
    }

    #[test]
    fn ending_closes_the_item_the_meeting_is_at() {
        let mut record = record();
        assert_eq!(record.set_current_item(2, at("11:00")), Ok(Changed::Yes));
        assert_eq!(record.end_meeting(2, at("11:30")), Changed::Yes);
        assert_eq!(statuses(&record), [Pending, Pending, Done]);
        assert_eq!(record.meeting.ended_at, Some(at("11:30")));
        assert_eq!(
            record.close_item(0, Closing::Skipped, at("11:31")),
            Ok(Changed::Yes)
        );
        let _ = record.end_meeting(0, at("11:32"));
        assert_eq!(
            statuses(&record),
            [Skipped, Pending, Done],
            "closed already"
        );
    }
}
