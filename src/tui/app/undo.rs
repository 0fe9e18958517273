//! The record-level undo: a change with consequences (the meeting part, restricted, a
//! removal, an item's, an attendee's or an action's status, the end of the meeting) is
//! remembered as the part of the record it touched, and Ctrl-Z puts it back while nothing
//! else has changed that part since (typing goes on safely in between).

use super::{LiveScreen, Overlay, Pane, Tone};
use crate::model::{Scope, Snapshot, UndoStep};
use crate::tui::action::Action;

/// Changes remembered for undo, at most.
const UNDO_DEPTH: usize = 50;

impl LiveScreen {
    /// The parts of the record `action` may change with consequences, now.
    pub(super) fn undo_scopes(&self, action: &Action) -> Vec<Scope> {
        let notes = |screen: &Self| {
            let mut items = vec![Scope::Notes(screen.current)];
            if let Some((item, _)) = screen.draft {
                items.push(Scope::Notes(item));
            }
            items
        };
        match (action, &self.overlay) {
            (Action::Yes, Some(Overlay::Confirm { .. })) => {
                let mut scopes = vec![
                    Scope::Attendees,
                    Scope::Findings,
                    Scope::Decisions,
                    Scope::Actions,
                ];
                scopes.extend(notes(self));
                scopes
            }
            (Action::EndMeeting | Action::Submit, Some(Overlay::Closing { .. })) => {
                vec![Scope::Agenda]
            }
            (_, Some(_)) => Vec::new(),
            (Action::CyclePart, None) => vec![Scope::Part],
            (
                Action::MarkDone
                | Action::MarkSkipped
                | Action::MarkNotApplicable
                | Action::MarkUntouched
                | Action::StartMeeting,
                None,
            ) => vec![Scope::Agenda],
            (Action::Reopen, None) if self.focus == Pane::Agenda => vec![Scope::Agenda],
            (Action::Reopen | Action::CompleteAction | Action::CancelAction, None) => {
                vec![Scope::Actions]
            }
            (
                Action::SetAttendance(_)
                | Action::StampJoined
                | Action::StampLeft
                | Action::ToggleAdult,
                None,
            ) => vec![Scope::Attendees],
            (Action::ToggleRestricted, None) => {
                let mut scopes = vec![Scope::Findings, Scope::Decisions, Scope::Actions];
                scopes.extend(notes(self));
                scopes
            }
            _ => Vec::new(),
        }
    }

    /// Remembers the first of `before` that the last action changed, with what the status
    /// line said about it.
    pub(super) fn remember(&mut self, before: Vec<Snapshot>) {
        let what = self
            .message
            .as_ref()
            .map_or_else(|| "the last change".to_owned(), |(text, _)| text.clone());
        let what = what.trim_end_matches('.').to_owned();
        let Some(step) = before
            .into_iter()
            .find_map(|snapshot| UndoStep::since(snapshot, &self.record, &what))
        else {
            return;
        };
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
        if self.message.is_none() {
            self.say(&format!("{what}."), Tone::Info);
        }
        if let Some((text, _)) = &mut self.message {
            let key = self.keys.label(
                crate::tui::keymap::Context::Global,
                crate::tui::keymap::Command::UndoChange,
            );
            if !key.is_empty() {
                text.push_str(&format!(" ({key} undoes)"));
            }
        }
    }

    /// Undoes the last remembered change, if that part of the record is as it left it.
    pub(super) fn undo_change(&mut self) {
        if !self.writable() {
            return;
        }
        let Some(step) = self.undo.pop() else {
            self.say(
                "Nothing to undo. (Ctrl-U undoes typing in a note.)",
                Tone::Info,
            );
            return;
        };
        match self.record.undo(&step, self.now) {
            Ok(_) => {
                // Back to the item the record says is current, before the change is noted
                // (noting it tells the record which item the screen is on).
                let current = self
                    .record
                    .agenda
                    .iter()
                    .position(|item| item.status == crate::model::ItemStatus::Current);
                if let Some(current) = current.filter(|c| *c != self.current) {
                    self.finish_draft();
                    self.current = current;
                    self.agenda_selected = current;
                }
                self.changed();
                self.clamp_selections();
                self.say(&format!("Undone: {}.", step.what), Tone::Info);
            }
            Err(refusal) => self.say(&refusal.to_string(), Tone::Warning),
        }
    }
}
