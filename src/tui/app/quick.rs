//! Quick capture of an action from anywhere: one line such as `JS to chase GP records by
//! fri`, parsed as it is typed into text, owner, agency and due date; Enter saves it, Tab
//! opens the full form to adjust a field.

use ratatui::style::Style;
use ratatui_textarea::{Input, Key, TextArea};

use super::forms::{ActionForm, FormFields};
use super::{LiveScreen, Overlay, Tone};
use crate::model::{ActionInput, ActionItem};
use crate::quick_action::{ParsedAction, parse_action};
use crate::tui::action::Action;
use crate::tui::keymap::{Command, Context};

/// The quick-action prompt: what is typed and what it means.
#[derive(Debug)]
pub struct QuickAction {
    /// The one-line editor.
    pub input: TextArea<'static>,
    /// The line parsed against the attendees and today.
    pub parsed: ParsedAction,
}

impl LiveScreen {
    /// Open the quick-action prompt.
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
                self.add_quick_action(&parsed);
                return;
            }
            Action::NextField | Action::FocusNext => {
                let parsed = quick.parsed.clone();
                let draft = self
                    .record
                    .draft_action(input_of(&parsed), self.current, self.now);
                let (form, fields) = ActionForm::open(None, &draft, &self.record.attendees);
                self.show_form(form, FormFields::Action(fields));
                return;
            }
            _ => return,
        }
        let line = quick.input.lines().first().cloned().unwrap_or_default();
        quick.parsed = parse_action(&line, &self.record.attendees, today);
    }

    /// Adds the action the line says, under the item being minuted, and closes the prompt;
    /// an empty line keeps it open.
    fn add_quick_action(&mut self, parsed: &ParsedAction) {
        match self
            .record
            .add_action(input_of(parsed), self.current, self.now)
        {
            Ok(index) => {
                self.overlay = None;
                self.selected.actions = index;
                self.changed();
                let edit = self.keys.label(Context::Actions, Command::Edit);
                let text = action_summary(&self.record.actions[index], &edit);
                self.say(&text, Tone::Info);
            }
            Err(_) => self.say(
                "Type the action first, e.g. 'JS to chase GP records by fri'.",
                Tone::Info,
            ),
        }
    }
}

/// What a parsed line says to add: an open action.
fn input_of(parsed: &ParsedAction) -> ActionInput {
    ActionInput::open(&parsed.text, &parsed.owner, &parsed.agency, parsed.due)
}

/// "Action #4 saved: Chase GP records (JS, Police) due Fri 27 Nov", with what is missing
/// and the `edit` key that fills it in.
fn action_summary(item: &ActionItem, edit: &str) -> String {
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
        text.push_str(&format!(
            " ({}: {edit} edits it in Actions)",
            missing.join(", ")
        ));
    }
    text
}

fn is_newline(input: &Input) -> bool {
    matches!(input.key, Key::Enter) || (input.ctrl && matches!(input.key, Key::Char('j' | 'm')))
}
