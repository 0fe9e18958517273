//! The command palette: every command of the live screen, searchable by its words, with
//! its key when it has one. It is built from the key table, so it lists what help lists.

use super::{LiveScreen, Overlay, Pane, step_index};
use crate::people::loosely_contains;
use crate::tui::action::{Action, edit_line};
use crate::tui::keymap::{Command, Context, Keymap};

/// One command in the palette.
#[derive(Debug, Clone, PartialEq)]
pub struct PaletteEntry {
    /// What it does, as help says it, after the pane it acts in ("People: add an attendee").
    pub words: String,
    /// Its first key, or empty when it is reached only here.
    pub key: String,
    /// The pane it acts in (focused before it runs), if it acts on a pane's selection.
    pub pane: Option<Pane>,
    /// What it does.
    pub action: Action,
}

/// The open palette: what was typed and the highlighted match.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// The words typed to search.
    pub query: String,
    /// The highlighted row among [`Palette::matches`].
    pub selected: usize,
    entries: Vec<PaletteEntry>,
}

/// Commands the palette leaves out: moving around, and the palette itself.
const NOT_LISTED: [Command; 13] = [
    Command::MoveDown,
    Command::MoveUp,
    Command::PageDown,
    Command::PageUp,
    Command::NextPane,
    Command::PreviousPane,
    Command::Palette,
    Command::Accept,
    Command::Choose,
    Command::Close,
    Command::Back,
    Command::NextNote,
    Command::LeaveNotes,
];

/// The panes whose commands the palette offers from anywhere, with their contexts.
const PANES: [(Context, Pane, &str); 5] = [
    (Context::Agenda, Pane::Agenda, "Agenda"),
    (Context::People, Pane::People, "People"),
    (Context::Findings, Pane::Findings, "Findings"),
    (Context::Actions, Pane::Actions, "Actions"),
    (Context::Plan, Pane::Plan, "Plan"),
];

impl Palette {
    /// The palette over `keys`, the commands of `here` (the contexts in force) first, then
    /// the meeting's, then each pane's.
    #[must_use]
    pub fn open(keys: &Keymap, here: &[Context]) -> Self {
        let mut entries: Vec<PaletteEntry> = Vec::new();
        let mut add = |context: Context, pane: Option<Pane>, prefix: &str| {
            for row in keys.rows(context) {
                let binding = row.binding;
                if binding.fixed || NOT_LISTED.contains(&binding.command) {
                    continue;
                }
                if entries
                    .iter()
                    .any(|e| e.action == binding.action && e.pane == pane)
                {
                    continue;
                }
                entries.push(PaletteEntry {
                    words: format!("{prefix}{}", binding.description),
                    key: row.keys.first().map(|k| k.label()).unwrap_or_default(),
                    pane,
                    action: binding.action.clone(),
                });
            }
        };
        for context in here {
            let pane = PANES
                .iter()
                .find(|(c, ..)| c == context)
                .map(|(_, p, _)| *p);
            if *context != Context::Global && *context != Context::Lists {
                add(*context, pane, "");
            }
        }
        add(Context::Global, None, "");
        for (context, pane, name) in PANES {
            add(context, Some(pane), &format!("{name}: "));
        }
        Self {
            query: String::new(),
            selected: 0,
            entries,
        }
    }

    /// The commands whose words (or key) hold every word typed, accents and case aside.
    #[must_use]
    pub fn matches(&self) -> Vec<&PaletteEntry> {
        self.entries
            .iter()
            .filter(|entry| {
                self.query.split_whitespace().all(|word| {
                    loosely_contains(&entry.words, word) || loosely_contains(&entry.key, word)
                })
            })
            .collect()
    }
}

impl LiveScreen {
    /// How to reach `command` from anywhere: its key, else the palette and words to type
    /// (`Ctrl-P "end meeting"`).
    #[must_use]
    pub fn palette_hint(&self, command: Command) -> String {
        let key = self.keys.label(Context::Global, command);
        if key.is_empty() {
            format!(
                "{} \"{}\"",
                self.keys.label(Context::Global, Command::Palette),
                command.name().replace('-', " ")
            )
        } else {
            key
        }
    }

    /// Opens the palette on the commands of where the minute taker is.
    pub(super) fn open_palette(&mut self) {
        let here = crate::tui::keymap::contexts(self);
        self.overlay = Some(Overlay::Palette(Palette::open(&self.keys, here)));
    }

    /// Keys while the palette is open: typing searches, Enter runs the highlighted command.
    pub(super) fn update_palette(&mut self, action: Action) -> Vec<crate::tui::action::Effect> {
        let Some(Overlay::Palette(palette)) = self.overlay.as_mut() else {
            return Vec::new();
        };
        let count = palette.matches().len();
        match action {
            Action::Edit(input) if edit_line(&mut palette.query, &input) => palette.selected = 0,
            Action::Paste(text) => {
                palette.query.push_str(text.lines().next().unwrap_or(""));
                palette.selected = 0;
            }
            Action::SelectNext => palette.selected = step_index(palette.selected, 1, count),
            Action::SelectPrev => palette.selected = step_index(palette.selected, -1, count),
            Action::Submit => {
                let chosen = palette
                    .matches()
                    .get(palette.selected)
                    .map(|e| (*e).clone());
                self.overlay = None;
                let Some(entry) = chosen else {
                    self.say("No command matches.", super::Tone::Warning);
                    return Vec::new();
                };
                if let Some(pane) = entry.pane {
                    self.focus_pane(pane);
                }
                return self.update(entry.action);
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
        Vec::new()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_meeting_command_is_in_the_palette_with_its_key() {
        let keys = Keymap::defaults();
        let palette = Palette::open(&keys, &[Context::Global, Context::Notes]);
        let find = |words: &str| {
            let mut palette = palette.clone();
            palette.query = words.to_owned();
            palette.matches().first().map(|e| (*e).clone())
        };
        let part = find("meeting part").unwrap();
        assert_eq!(part.action, Action::CyclePart);
        assert_eq!(part.key, "");
        let undo = find("undo the last").unwrap();
        assert_eq!(undo.key, "Ctrl-Z");
        let add = find("people add attendee").unwrap();
        assert_eq!((add.action, add.pane), (Action::Add, Some(Pane::People)));
        assert!(find("help").is_some());
        assert!(find("move down").is_none(), "moving is not a command");
    }
}
