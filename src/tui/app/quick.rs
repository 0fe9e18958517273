//! Quick capture of an action from anywhere: one line such as `JS to chase GP records by
//! fri`, parsed as it is typed into text, owner, agency and due date; Enter saves it, Tab
//! opens the full form to adjust a field.

use ratatui::style::Style;
use ratatui_textarea::{Input, Key, TextArea};

use super::{App, Overlay, Tone};
use crate::model::{ActionItem, ActionStatus, Extra};
use crate::quick_action::{ParsedAction, parse_action};
use crate::tui::action::Action;
use crate::tui::app::forms::FormPurpose;

/// The quick-action prompt: what is typed and what it means.
#[derive(Debug)]
pub struct QuickAction {
    /// The one-line editor.
    pub input: TextArea<'static>,
    /// The line parsed against the attendees and today.
    pub parsed: ParsedAction,
}

impl App {
    /// Ctrl-T / t: open the quick-action prompt.
    pub(super) fn open_quick_action(&mut self) {
        if !self.writable() {
            return;
        }
        let mut input = TextArea::default();
        input.set_cursor_line_style(Style::default());
        input.set_placeholder_text("e.g. JS to chase GP records by fri");
        self.overlay = Some(Overlay::QuickAction(Box::new(QuickAction {
            input,
            parsed: ParsedAction::default(),
        })));
    }

    pub(super) fn update_quick_action(&mut self, action: Action) {
        let today = self.today();
        let Some(Overlay::QuickAction(quick)) = self.overlay.as_mut() else {
            return;
        };
        match action {
            Action::Edit(input) => {
                if is_newline(&input) {
                    return;
                }
                quick.input.input(input);
            }
            Action::Paste(text) => {
                quick
                    .input
                    .insert_str(text.split(['\r', '\n']).collect::<Vec<_>>().join(" "));
            }
            Action::Back => {
                self.overlay = None;
                return;
            }
            Action::Submit => {
                let parsed = quick.parsed.clone();
                if parsed.text.trim().is_empty() {
                    self.say(
                        "Type the action first, e.g. 'JS to chase GP records by fri'.",
                        Tone::Info,
                    );
                    return;
                }
                self.overlay = None;
                let item = self.new_action(&parsed);
                let text = action_summary(&item);
                self.record.actions.push(item);
                self.selected.actions = self.record.actions.len() - 1;
                self.changed();
                self.say(&text, Tone::Info);
                return;
            }
            Action::NextField | Action::FocusNext => {
                let parsed = quick.parsed.clone();
                let item = self.new_action(&parsed);
                self.open_new_action_form(&item);
                return;
            }
            _ => return,
        }
        let line = quick.input.lines().first().cloned().unwrap_or_default();
        quick.parsed = parse_action(&line, &self.record.attendees, today);
    }

    /// An action from a parsed line, numbered after the last one, under the current item.
    fn new_action(&self, parsed: &ParsedAction) -> ActionItem {
        ActionItem {
            id: self.record.next_action_id(),
            text: parsed.text.clone(),
            owner: parsed.owner.clone(),
            agency: parsed.agency.clone(),
            due: parsed.due,
            status: ActionStatus::Open,
            status_at: None,
            status_note: String::new(),
            agenda_key: self
                .record
                .agenda
                .get(self.current)
                .map(|i| i.key.clone())
                .unwrap_or_default(),
            created_at: self.now,
            visibility: self.record.meeting.part.default_visibility(),
            carried_from: None,
            extra: Extra::default(),
        }
    }

    fn open_new_action_form(&mut self, item: &ActionItem) {
        let form = super::forms::action_form(item);
        self.overlay = Some(Overlay::Form {
            form: Box::new(form),
            purpose: FormPurpose::Action(None),
        });
    }
}

/// "Action #4 saved: Chase GP records (JS, Police) due Fri 27 Nov", with what is missing.
fn action_summary(item: &ActionItem) -> String {
    let mut text = format!("Action #{} saved: {}", item.id, item.text);
    let mut missing = Vec::new();
    if item.owner.is_empty() {
        missing.push("no owner");
    }
    match item.due {
        Some(due) => text.push_str(&format!(", due {}", due.format("%a %-d %b"))),
        None => missing.push("no due date"),
    }
    if !missing.is_empty() {
        text.push_str(&format!(" ({}: e edits it in Actions)", missing.join(", ")));
    }
    text
}

fn is_newline(input: &Input) -> bool {
    matches!(input.key, Key::Enter) || (input.ctrl && matches!(input.key, Key::Char('j' | 'm')))
}
