//! The key map: one table of (context, command, keys, action, description). The same table
//! turns key presses into actions, lists every binding on the help screen and in
//! `minutes keys`, and gives the status bar and the pop-ups their key names, so they never
//! drift apart. The built-in table ([`BINDINGS`]) is patched by `keys.toml` in the config
//! folder ([`Keymap::patched`]) into the effective [`Keymap`] the screens hold.
//!
//! Every function has a plain or Ctrl binding that works over SSH and inside tmux; F1 and Alt
//! keys are extras. Ctrl-H, Ctrl-I, Ctrl-M and Ctrl-[ arrive as Backspace, Tab, Enter and Esc
//! in most terminals, and Ctrl-B and Ctrl-A are tmux's and GNU screen's prefixes, so none of
//! them is ever bound ([`Key::refusal`]).

mod help;
mod key;
mod listing;
mod patch;
mod table;

use std::sync::{Arc, LazyLock};

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};

pub use help::{Help, HelpRow};
pub use key::Key;
pub use listing::{Listed, listing};
pub use table::{BINDINGS, Binding, Command, Context};

use crate::text::for_record;
use crate::tui::action::Action;
use crate::tui::app::{LiveScreen, Overlay, Pane};
use crate::tui::form::FormKeys;

/// A status-bar hint: a binding's first key and its short words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key as the screen names it: `Ctrl-Q`.
    pub key: String,
    /// What it does, in a word or two.
    pub words: &'static str,
    /// Its command: help, quit and back are kept when the bar is short of room.
    pub command: Command,
}

impl Hint {
    /// Whether the bar keeps this hint before any other when short of room: help, quit,
    /// and the way back out of where you are.
    #[must_use]
    pub fn essential(&self) -> bool {
        matches!(
            self.command,
            Command::Help
                | Command::Quit
                | Command::Back
                | Command::Cancel
                | Command::Close
                | Command::No
        )
    }
}

/// One binding as in force: the built-in row and its keys now.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The built-in row: context, command, action and words.
    pub binding: &'static Binding,
    /// Its keys, the first one shown in hints and pop-ups.
    pub keys: Vec<Key>,
}

/// The effective key table: the built-in bindings with the keys `keys.toml` changed. Built
/// once at start-up; the screens share it.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    /// The rows of each context, by [`Context::index`], in table order.
    rows: Vec<Vec<Row>>,
}

static DEFAULT: LazyLock<Arc<Keymap>> = LazyLock::new(|| Arc::new(Keymap::defaults()));

impl Keymap {
    /// The built-in bindings.
    #[must_use]
    pub fn defaults() -> Self {
        let mut rows = vec![Vec::new(); Context::ALL.len()];
        for binding in BINDINGS {
            if let Some(context) = rows.get_mut(binding.context.index()) {
                context.push(Row {
                    binding,
                    keys: binding.keys.to_vec(),
                });
            }
        }
        Self { rows }
    }

    /// The built-in bindings, shared.
    #[must_use]
    pub fn shared_default() -> Arc<Self> {
        Arc::clone(&DEFAULT)
    }

    /// The bindings of `context`, in table order.
    #[must_use]
    pub fn rows(&self, context: Context) -> &[Row] {
        self.rows.get(context.index()).map_or(&[], Vec::as_slice)
    }

    /// The binding of `command` in `context`, if it has one there.
    #[must_use]
    pub fn row(&self, context: Context, command: Command) -> Option<&Row> {
        self.rows(context)
            .iter()
            .find(|row| row.binding.command == command)
    }

    /// The keys of `command` in `context` now.
    #[must_use]
    pub fn keys(&self, context: Context, command: Command) -> &[Key] {
        self.row(context, command)
            .map_or(&[], |row| row.keys.as_slice())
    }

    /// How the screen names the first key of `command` in `context`: `Ctrl-Q`.
    #[must_use]
    pub fn label(&self, context: Context, command: Command) -> String {
        self.keys(context, command)
            .first()
            .map(Key::label)
            .unwrap_or_default()
    }

    /// Every key of `command` in `context`, as the screen names them: `n / Esc`.
    #[must_use]
    pub fn labels(&self, context: Context, command: Command) -> String {
        let labels: Vec<String> = self.keys(context, command).iter().map(Key::label).collect();
        labels.join(" / ")
    }

    /// Maps a terminal event using the bindings of `contexts` (most specific first). While
    /// `typing`, plain characters are text, never commands. Only key presses act.
    ///
    /// This is where all typed and pasted text enters: a control character typed is ignored
    /// and a paste keeps only what [`for_record`] keeps (line breaks, tabs, no controls), so
    /// no escape sequence reaches a record, a form or a filter.
    #[must_use]
    pub fn map(&self, contexts: &[Context], typing: bool, event: &Event) -> Option<Action> {
        match event {
            Event::Key(event) if matches!(event.code, KeyCode::Char(c) if c.is_control()) => None,
            Event::Key(event) if event.kind == KeyEventKind::Press => {
                let key = Key::of(event);
                let plain_char = matches!(key.code, KeyCode::Char(_)) && key.mods.is_empty();
                if !(typing && plain_char)
                    && let Some(action) = self.lookup(contexts, key)
                {
                    return Some(action);
                }
                let mut input: ratatui_textarea::Input = (*event).into();
                if key.is_printable() {
                    // Inside tmux, Esc then a letter arrives as Alt and the letter: it types.
                    input.alt = false;
                }
                Some(Action::Edit(input))
            }
            Event::Paste(text) => Some(Action::Paste(for_record(text).into_owned())),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        }
    }

    /// The action bound to `key` in the first of `contexts` that binds it.
    fn lookup(&self, contexts: &[Context], key: Key) -> Option<Action> {
        contexts.iter().find_map(|context| {
            self.rows(*context)
                .iter()
                .find(|row| row.keys.contains(&key))
                .map(|row| row.binding.action.clone())
        })
    }

    /// The status-bar hints for `contexts`, in table order.
    #[must_use]
    pub fn hints(&self, contexts: &[Context]) -> Vec<Hint> {
        contexts
            .iter()
            .flat_map(|context| self.rows(*context))
            .filter_map(|row| {
                Some(Hint {
                    key: row.keys.first()?.label(),
                    words: row.binding.hint?,
                    command: row.binding.command,
                })
            })
            .collect()
    }

    /// The key names a form's footer shows.
    #[must_use]
    pub fn form_keys(&self) -> FormKeys {
        FormKeys {
            save: self.label(Context::Form, Command::Save),
            next: self.label(Context::Form, Command::NextField),
            cancel: self.label(Context::Form, Command::Cancel),
        }
    }
}

/// The effective key table: the built-in one patched by `keys.toml` in the config folder,
/// with a warning for each mistake in it (whose bindings keep their built-in keys).
#[must_use]
pub fn load() -> (Keymap, Vec<String>) {
    match crate::config::read_keys_file() {
        Ok(None) => (Keymap::defaults(), Vec::new()),
        Ok(Some((path, text))) => {
            let (keymap, problems) = Keymap::patched(&path, &text);
            (keymap, problems.iter().map(ToString::to_string).collect())
        }
        Err(error) => (
            Keymap::defaults(),
            vec![format!("{error}; using the built-in keys")],
        ),
    }
}

/// The contexts that apply now on the live screen, most specific first.
#[must_use]
pub fn contexts(app: &LiveScreen) -> &'static [Context] {
    if let Some(overlay) = &app.overlay {
        return match overlay {
            Overlay::Help(_) => &[Context::Help, Context::Global],
            Overlay::Quit(question) if question.save_as.is_some() => &[Context::CopyPath],
            Overlay::Quit(_) => &[Context::Quitting],
            Overlay::Confirm { .. } => &[Context::Question],
            Overlay::Goto { .. } | Overlay::QuickAction(_) => &[Context::Prompt, Context::Global],
            Overlay::Palette(_) => &[Context::Palette, Context::Global],
            Overlay::PeopleLine(_) => &[Context::Prompt, Context::Global],
            Overlay::Form { .. } => &[Context::Form, Context::Global],
            Overlay::Closing { .. } | Overlay::Roles { .. } => &[Context::Picker, Context::Global],
        };
    }
    match app.focus {
        Pane::Notes if app.completion.is_some() => {
            &[Context::Completion, Context::Global, Context::Notes]
        }
        Pane::Notes if app.note_selected.is_some() => &[Context::NoteList, Context::Global],
        Pane::Notes => &[Context::Global, Context::Notes],
        Pane::Agenda => &[Context::Agenda, Context::Lists, Context::Global],
        Pane::People => &[Context::People, Context::Lists, Context::Global],
        Pane::Findings => &[Context::Findings, Context::Lists, Context::Global],
        Pane::Actions => &[Context::Actions, Context::Lists, Context::Global],
        Pane::Plan => &[Context::Plan, Context::Lists, Context::Global],
    }
}

/// Whether typed characters go to a text field rather than the table.
fn typing(app: &LiveScreen) -> bool {
    match &app.overlay {
        Some(Overlay::Quit(question)) => question.save_as.is_some(),
        Some(
            Overlay::Goto { .. }
            | Overlay::QuickAction(_)
            | Overlay::Palette(_)
            | Overlay::PeopleLine(_),
        ) => true,
        Some(Overlay::Form { form, .. }) => form.is_editing_text(),
        Some(_) => false,
        None => app.focus == Pane::Notes && app.note_selected.is_none(),
    }
}

/// Maps a terminal event to an action for `app` through its key table, or `None` to ignore it.
#[must_use]
pub fn map_event(app: &LiveScreen, event: &Event) -> Option<Action> {
    app.keys.map(contexts(app), typing(app), event)
}

/// The status-bar hints for what is focused now on the live screen. The pop-up lists share
/// one context: only the closing check acknowledges gaps and ends the meeting, so the roles
/// list does not offer those keys.
#[must_use]
pub fn hints(app: &LiveScreen) -> Vec<Hint> {
    let contexts = contexts(app);
    // A pop-up hints only its own keys: the screen's commands behind it do not apply there.
    let here = if app.overlay.is_some() {
        &contexts[..1]
    } else {
        contexts
    };
    let mut hints = app.keys.hints(here);
    if matches!(app.overlay, Some(Overlay::Roles { .. })) {
        hints.retain(|hint| !matches!(hint.command, Command::AcknowledgeGap | Command::EndMeeting));
    }
    hints
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    #[test]
    fn contexts_are_indexed_in_help_order() {
        for (i, context) in Context::ALL.into_iter().enumerate() {
            assert_eq!(context.index(), i);
            assert_eq!(Context::named(context.name()), Some(context));
        }
    }

    #[test]
    fn the_table_is_grouped_by_context_in_help_order() {
        let order: Vec<usize> = BINDINGS.iter().map(|b| b.context.index()).collect();
        assert!(order.is_sorted(), "{order:?}");
    }

    #[test]
    fn names_are_stable_kebab_case_and_each_is_used() {
        for command in Command::ALL {
            let name = command.name();
            assert!(
                !name.is_empty()
                    && name
                        .split('-')
                        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
                "{name}"
            );
            assert_eq!(Command::named(name), Some(command));
            assert!(
                BINDINGS.iter().any(|b| b.command == command),
                "{name} is bound nowhere"
            );
        }
        for context in Context::ALL {
            let name = context.name();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
        }
    }

    #[test]
    fn each_command_is_bound_once_per_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[..i] {
                assert!(
                    a.context != b.context || a.command != b.command,
                    "{} twice in {}",
                    a.command.name(),
                    a.context.name()
                );
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in Context::ALL {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| b.context == context)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, key) in keys.iter().enumerate() {
                assert!(
                    !keys[..i].contains(key),
                    "{} is bound twice in {context:?}",
                    key.label()
                );
            }
        }
    }

    #[test]
    fn never_binds_keys_that_terminals_send_as_others_or_multiplexer_prefixes() {
        for binding in BINDINGS {
            for key in binding.keys {
                assert!(key.refusal().is_none(), "{} must not be bound", key.label());
            }
        }
    }

    #[test]
    fn every_default_key_reads_back_from_its_spelling_and_its_label() {
        for binding in BINDINGS {
            for key in binding.keys {
                assert_eq!(Key::parse(&key.spelling()), Ok(*key), "{}", key.spelling());
                assert_eq!(Key::parse(&key.label()), Ok(*key), "{}", key.label());
            }
        }
    }

    #[test]
    fn every_function_has_a_key_without_function_keys_or_alt() {
        let plain =
            |k: &Key| !matches!(k.code, KeyCode::F(_)) && !k.mods.contains(KeyModifiers::ALT);
        for binding in BINDINGS {
            let elsewhere = BINDINGS
                .iter()
                .any(|other| other.action == binding.action && other.keys.iter().any(plain));
            let in_palette = binding.keys.is_empty() && binding.context.live_only();
            assert!(
                binding.keys.iter().any(plain) || elsewhere || in_palette,
                "{} has only F or Alt keys, or none outside the live screen's palette",
                binding.description
            );
        }
    }

    #[test]
    fn no_printable_key_runs_a_command_on_the_live_screen() {
        for binding in BINDINGS
            .iter()
            .filter(|b| b.context.live_only() && !b.fixed)
        {
            for key in binding.keys {
                assert!(
                    !key.is_printable(),
                    "{} is bound to {} in {}",
                    binding.command.name(),
                    key.label(),
                    binding.context.name()
                );
            }
        }
    }
}
