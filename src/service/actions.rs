//! Adding an action to a record after the meeting (`minutes action add`): the sentence read
//! by the same parser as the live screen's quick action, the action made by the model's
//! record command, saved through the store under the record's lock.

use std::path::Path;

use super::audit::AuditAction;
use super::state::Service;
use crate::error::{Error, Result};
use crate::model::{self, ActionInput, ActionItem, ItemKind, Record};
use crate::quick_action::{ActionContext, ParsedAction, parse_action_in};

/// An action read from one sentence, as it is (or would be) stored.
#[derive(Debug, Clone)]
pub struct ActionAdded {
    /// The action.
    pub action: ActionItem,
    /// How the sentence was read: what matched nobody, what was left unread, `asap`.
    pub parsed: ParsedAction,
    /// Whether it was saved (not with `dry_run`).
    pub saved: bool,
}

impl Service<'_> {
    /// Reads `sentence` as an action of the record at `path` (owner from its attendees, due
    /// date from today and its review date) and, unless `dry_run`, adds it and saves.
    ///
    /// # Errors
    /// The record cannot be read or written (in use, agreed or circulated minutes, another
    /// user's file...), or the sentence leaves no action text; nothing is written then.
    pub fn add_action(&self, path: &Path, sentence: &str, dry_run: bool) -> Result<ActionAdded> {
        let refuse = |message: String| Error::Invalid {
            path: path.to_owned(),
            message,
        };
        if dry_run {
            let record = self.read(path)?;
            let (input, parsed) = self.read_sentence(&record, sentence);
            let action = record.draft_action(input, action_item(&record), self.now());
            return Ok(ActionAdded {
                action,
                parsed,
                saved: false,
            });
        }
        let store = self.store()?;
        let (mut record, mut file) = store.open_to_change(path, "no action added")?;
        self.note_lock(&file);
        if let Some(reason) = model::read_only_reason(&record) {
            return Err(refuse(format!("{reason}; no action added")));
        }
        let (input, parsed) = self.read_sentence(&record, sentence);
        let under = action_item(&record);
        let index = record
            .add_action(input, under, self.now())
            .map_err(|refusal| refuse(format!("{refusal}; no action added")))?;
        file.save(&record)?;
        let mut details = serde_json::Map::new();
        details.insert("action".to_owned(), record.actions[index].id.into());
        details.insert("added".to_owned(), true.into());
        self.audit(AuditAction::Action, &record, path, details);
        Ok(ActionAdded {
            action: record.actions[index].clone(),
            parsed,
            saved: true,
        })
    }

    /// The sentence read against the record's people, chair and review date.
    fn read_sentence(&self, record: &Record, sentence: &str) -> (ActionInput, ParsedAction) {
        let context = ActionContext {
            attendees: &record.attendees,
            today: self.today(),
            chair: &record.meeting.chair,
            review: record.review.review_date,
        };
        let parsed = parse_action_in(sentence, &context);
        let input = ActionInput::open(&parsed.text, &parsed.owner, &parsed.agency, parsed.due);
        (input, parsed)
    }
}

/// The agenda item an action added after the meeting belongs to: the action plan's item.
fn action_item(record: &Record) -> usize {
    record
        .agenda
        .iter()
        .position(|item| item.kind == ItemKind::Actions)
        .unwrap_or(usize::MAX)
}
