//! Commands on actions: adding them with a new number, editing them, their status, removing
//! them.

use chrono::NaiveDate;

use super::{Changed, Entry, Refusal, replace, required, take};
use crate::model::{
    ActionItem, ActionLookupError, ActionStatus, ActionUpdate, Extra, Record, Timestamp,
};

/// An action as a front end gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    /// What is to be done (required).
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// The owner's agency.
    pub agency: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Open, done or cancelled.
    pub status: ActionStatus,
    /// A new status note; `None` leaves the note to the status rule (see
    /// [`Record::set_action_status`]).
    pub status_note: Option<String>,
    /// Restricted; otherwise see [`Record::edit_finding`].
    pub restricted: bool,
}

impl ActionInput {
    /// An open action with no note, visible as entries made in the running part.
    #[must_use]
    pub fn open(text: &str, owner: &str, agency: &str, due: Option<NaiveDate>) -> Self {
        Self {
            text: text.to_owned(),
            owner: owner.to_owned(),
            agency: agency.to_owned(),
            due,
            status: ActionStatus::Open,
            status_note: None,
            restricted: false,
        }
    }
}

impl Record {
    /// The action [`Record::add_action`] would add, without adding it: numbered after the
    /// highest ([`Record::next_action_id`]), made now under agenda item `under`, visible as
    /// entries made in the running part unless restricted.
    #[must_use]
    pub fn draft_action(&self, input: ActionInput, under: usize, now: Timestamp) -> ActionItem {
        let mut action = ActionItem {
            id: self.next_action_id(),
            text: String::new(),
            owner: String::new(),
            agency: String::new(),
            due: None,
            status: ActionStatus::Open,
            status_at: None,
            status_note: String::new(),
            agenda_key: self.agenda_key_at(under),
            created_at: now,
            visibility: self.visibility_for(input.restricted, None),
            carried_from: None,
            extra: Extra::new(),
        };
        fill(&mut action, input, now);
        action
    }

    /// Adds an action (see [`Record::draft_action`]); returns where.
    ///
    /// # Errors
    /// [`Refusal::Blank`] without its text.
    pub fn add_action(
        &mut self,
        input: ActionInput,
        under: usize,
        now: Timestamp,
    ) -> Result<usize, Refusal> {
        required(&input.text, "The action")?;
        let action = self.draft_action(input, under, now);
        self.actions.push(action);
        self.written(now);
        Ok(self.actions.len() - 1)
    }

    /// Replaces action `index`'s content: its number, when and under which item it was made,
    /// where it was carried from and fields of a newer version stay; its status changes by
    /// the status rule ([`Record::set_action_status`]); its visibility as a finding's does
    /// ([`Record::edit_finding`]).
    ///
    /// # Errors
    /// [`Refusal::Missing`], [`Refusal::Blank`] without its text.
    pub fn edit_action(
        &mut self,
        index: usize,
        input: ActionInput,
        now: Timestamp,
    ) -> Result<Changed, Refusal> {
        let before = self
            .actions
            .get(index)
            .ok_or(Refusal::Missing(Entry::Action(index)))?;
        required(&input.text, "The action")?;
        let mut action = before.clone();
        action.visibility = self.visibility_for(input.restricted, Some(before.visibility));
        fill(&mut action, input, now);
        let changed = replace(&mut self.actions[index], action);
        Ok(self.changed_at(changed, now))
    }

    /// Removes action `index` (its number is not reused); returns it.
    ///
    /// # Errors
    /// [`Refusal::Missing`].
    pub fn remove_action(&mut self, index: usize, now: Timestamp) -> Result<ActionItem, Refusal> {
        let removed = take(&mut self.actions, index, Entry::Action(index))?;
        self.touch(now);
        Ok(removed)
    }

    /// Sets the status of the action numbered `id`: `status_at` becomes `now`, the note
    /// becomes `note` (trimmed; with no note, a change of status clears the old one, which
    /// explained the old status), and the record is touched. Setting the status it already
    /// has changes only the note, if a different one is given, and leaves `status_at`
    /// alone; with the same note too, nothing changes.
    ///
    /// # Errors
    /// [`ActionLookupError`] if the record has no action `id`, or several; the record is then
    /// unchanged.
    pub fn set_action_status(
        &mut self,
        id: u32,
        status: ActionStatus,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<ActionUpdate, ActionLookupError> {
        let index = self.action_index(id)?;
        let update = set_status(&mut self.actions[index], status, note, now);
        if update != ActionUpdate::Unchanged {
            self.touch(now);
        }
        Ok(update)
    }
}

/// Puts `input` into `action`, its status by the status rule.
fn fill(action: &mut ActionItem, input: ActionInput, now: Timestamp) {
    action.text = input.text;
    action.owner = input.owner;
    action.agency = input.agency;
    action.due = input.due;
    set_status(action, input.status, input.status_note.as_deref(), now);
}

/// The status rule; see [`Record::set_action_status`].
fn set_status(
    action: &mut ActionItem,
    status: ActionStatus,
    note: Option<&str>,
    now: Timestamp,
) -> ActionUpdate {
    let note = note.map(str::trim);
    let from = action.status;
    if from == status {
        match note {
            Some(note) if note != action.status_note => note.clone_into(&mut action.status_note),
            _ => return ActionUpdate::Unchanged,
        }
    } else {
        action.status = status;
        action.status_at = Some(now);
        action.status_note = note.unwrap_or_default().to_owned();
    }
    ActionUpdate::Changed { from }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_record::{at, record};
    use super::*;
    use crate::model::{MeetingPart, Visibility};

    fn record_with_actions() -> Record {
        let mut record = record();
        for id in [1, 2] {
            let input = ActionInput::open(&format!("action {id}"), "JS", "Police", None);
            record.add_action(input, 2, at("10:00")).unwrap();
        }
        record
    }

    #[test]
    fn a_new_action_takes_the_next_number_the_item_and_the_parts_visibility() {
        let mut record = record_with_actions();
        let _ = record.set_part(MeetingPart::ProfessionalsOnly, at("10:01"));
        let due = NaiveDate::from_ymd_opt(2026, 11, 27);
        let input = ActionInput::open("Chase GP", "JS", "Police", due);
        let draft = record.draft_action(input.clone(), 1, at("10:02"));
        assert_eq!(record.updated_at, at("10:01"), "a draft changes nothing");
        assert_eq!(record.add_action(input, 1, at("10:02")), Ok(2));
        let added = &record.actions[2];
        assert_eq!(added, &draft);
        assert_eq!((added.id, added.agenda_key.as_str()), (3, "findings"));
        assert_eq!(added.visibility, Visibility::ProfessionalsOnly);
        assert_eq!((added.status, added.status_at), (ActionStatus::Open, None));
        assert_eq!(record.updated_at, at("10:02"));
        let nothing = ActionInput::open(" ", "", "", None);
        assert_eq!(
            record.add_action(nothing, 1, at("10:03")),
            Err(Refusal::Blank("The action"))
        );
        record.remove_action(0, at("10:04")).unwrap();
        let again = ActionInput::open("Another", "", "", None);
        record.add_action(again, 1, at("10:05")).unwrap();
        assert_eq!(
            record.actions.last().map(|a| a.id),
            Some(4),
            "numbers are not reused"
        );
    }

    #[test]
    fn an_action_added_done_is_stamped_done_now() {
        let mut record = record();
        let input = ActionInput {
            status: ActionStatus::Done,
            status_note: Some("Done in the meeting".to_owned()),
            ..ActionInput::open("Call the GP", "", "", None)
        };
        record.add_action(input, 0, at("10:00")).unwrap();
        let action = &record.actions[0];
        assert_eq!(action.status_at, Some(at("10:00")));
        assert_eq!(action.status_note, "Done in the meeting");
    }

    #[test]
    fn an_edit_applies_the_status_rule() {
        let mut record = record_with_actions();
        let cancelled = ActionInput {
            status: ActionStatus::Cancelled,
            status_note: Some("Duplicate".to_owned()),
            ..ActionInput::open("action 1", "JS", "Police", None)
        };
        assert_eq!(
            record.edit_action(0, cancelled.clone(), at("10:10")),
            Ok(Changed::Yes)
        );
        assert_eq!(record.actions[0].status_note, "Duplicate");
        let unchanged = ActionInput {
            status_note: None,
            ..cancelled
        };
        assert_eq!(
            record.edit_action(0, unchanged, at("10:11")),
            Ok(Changed::No)
        );
        let reopened = ActionInput::open("action 1", "JS", "Police", None);
        assert_eq!(
            record.edit_action(0, reopened, at("10:12")),
            Ok(Changed::Yes)
        );
        let action = &record.actions[0];
        assert_eq!(action.status, ActionStatus::Open);
        assert_eq!(
            action.status_note, "",
            "the note explained the cancellation"
        );
        assert_eq!(action.status_at, Some(at("10:12")));
        assert_eq!(action.created_at, at("10:00"));
        assert_eq!(
            record.edit_action(9, ActionInput::open("x", "", "", None), at("10:13")),
            Err(Refusal::Missing(Entry::Action(9)))
        );
    }

    #[test]
    fn done_sets_time_and_note_and_touches_only_that_action() {
        let mut record = record_with_actions();
        let before = record.clone();
        let update = record
            .set_action_status(2, ActionStatus::Done, Some("  letter sent "), at("11:00"))
            .unwrap();
        assert_eq!(
            update,
            ActionUpdate::Changed {
                from: ActionStatus::Open
            }
        );
        assert_eq!(record.actions[1].status, ActionStatus::Done);
        assert_eq!(record.actions[1].status_at, Some(at("11:00")));
        assert_eq!(record.actions[1].status_note, "letter sent");
        assert_eq!(record.actions[0], before.actions[0]);
        assert_eq!(record.updated_at, at("11:00"));
    }

    #[test]
    fn same_status_changes_nothing_unless_the_note_differs() {
        let mut record = record_with_actions();
        let (now, later) = (at("11:00"), at("12:00"));
        record
            .set_action_status(1, ActionStatus::Cancelled, Some("not needed"), now)
            .unwrap();
        let after_cancel = record.clone();
        let again = record
            .set_action_status(1, ActionStatus::Cancelled, None, later)
            .unwrap();
        assert_eq!(again, ActionUpdate::Unchanged);
        assert_eq!(record, after_cancel);
        record
            .set_action_status(1, ActionStatus::Cancelled, Some("duplicate of 2"), later)
            .unwrap();
        assert_eq!(record.actions[0].status_note, "duplicate of 2");
        assert_eq!(
            record.actions[0].status_at,
            Some(now),
            "status did not change"
        );
        // Reopening without a note clears the note about the cancellation.
        record
            .set_action_status(1, ActionStatus::Open, None, later)
            .unwrap();
        assert_eq!(record.actions[0].status_note, "");
        assert_eq!(record.actions[0].status_at, Some(later));
    }

    #[test]
    fn unknown_action_names_the_ones_there_are() {
        let mut record = record_with_actions();
        let err = record
            .set_action_status(7, ActionStatus::Done, None, at("11:00"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the record has no action 7 (its actions are 1, 2)"
        );
        record.actions.clear();
        let err = record
            .set_action_status(1, ActionStatus::Done, None, at("11:00"))
            .unwrap_err();
        assert!(err.to_string().ends_with("(it has no actions)"));
    }

    #[test]
    fn a_number_several_actions_share_changes_none_and_names_them() {
        let mut record = record_with_actions();
        record.actions[1].id = 1;
        let before = record.clone();
        let err = record
            .set_action_status(1, ActionStatus::Done, None, at("11:00"))
            .unwrap_err();
        assert_eq!(
            err,
            ActionLookupError::Shared {
                id: 1,
                texts: vec!["action 1".into(), "action 2".into()]
            }
        );
        assert!(
            err.to_string()
                .starts_with("the record has 2 actions numbered 1 ('action 1', 'action 2')"),
            "{err}"
        );
        assert_eq!(record, before);
    }
}
