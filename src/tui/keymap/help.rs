//! The help screen's state and rows, the same on the live screen and in the browser: every
//! binding in force, the sections of the screen and pane it was opened from first.

use super::{Context, Key, Keymap};
use crate::tui::action::Action;

/// The help screen: where it was opened, and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// The contexts in force where help was opened, most specific first: their sections
    /// come first.
    pub here: &'static [Context],
    /// Rows scrolled.
    pub scroll: usize,
}

/// One row of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A context's heading.
    Heading(&'static str),
    /// Keys and what they do.
    Binding(String, &'static str),
}

impl Help {
    /// Help opened where `here` applies.
    #[must_use]
    pub const fn new(here: &'static [Context]) -> Self {
        Self { here, scroll: 0 }
    }

    /// Applies one action; `false` once it closes help.
    pub fn update(&mut self, action: &Action) -> bool {
        match action {
            Action::SelectNext => self.scroll = self.scroll.saturating_add(1),
            Action::SelectPrev => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::Back | Action::Help | Action::Submit => return false,
            _ => {}
        }
        true
    }

    /// The sections in the order shown: those of where help was opened (the pane's own, then
    /// the wider ones, "Anywhere" last), then the rest of that screen, then the other screen.
    #[must_use]
    pub fn sections(&self) -> Vec<Context> {
        let mut sections: Vec<Context> = self
            .here
            .iter()
            .copied()
            .filter(|c| *c != Context::Global)
            .collect();
        if self.here.contains(&Context::Global) {
            sections.push(Context::Global);
        }
        let browser = self.here.first().is_some_and(|c| c.browser_only());
        let (mut near, far): (Vec<Context>, Vec<Context>) = Context::ALL
            .into_iter()
            .filter(|c| !sections.contains(c))
            .partition(|c| {
                if browser {
                    !c.live_only()
                } else {
                    !c.browser_only()
                }
            });
        if browser {
            // The browser's own sections before the forms and help it shares.
            near.sort_by_key(|c| !c.browser_only());
        }
        sections.extend(near);
        sections.extend(far);
        sections
    }

    /// The rows: a heading per section, then its keys and words.
    #[must_use]
    pub fn rows(&self, keymap: &Keymap) -> Vec<HelpRow> {
        let mut rows = Vec::new();
        for context in self.sections() {
            rows.push(HelpRow::Heading(context.title()));
            for row in keymap.rows(context) {
                let keys: Vec<String> = row.keys.iter().map(Key::label).collect();
                // A command without a key of its own is reached through the palette.
                let keys = if keys.is_empty() {
                    "palette".to_owned()
                } else {
                    keys.join(" ")
                };
                rows.push(HelpRow::Binding(keys, row.binding.description));
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_on_the_pane_then_the_wider_contexts_then_the_rest_of_the_screen() {
        let help = Help::new(&[Context::People, Context::Lists, Context::Global]);
        let sections = help.sections();
        assert_eq!(
            sections[..4],
            [
                Context::People,
                Context::Lists,
                Context::Global,
                Context::Notes
            ]
        );
        assert_eq!(sections.len(), Context::ALL.len());
        assert_eq!(sections.last(), Some(&Context::Tracker));
        let notes = Help::new(&[Context::Global, Context::Notes]).sections();
        assert_eq!(notes[..2], [Context::Notes, Context::Global]);
        let browser = Help::new(&[Context::Browser]).sections();
        assert_eq!(
            browser[..7],
            [
                Context::Browser,
                Context::Query,
                Context::Results,
                Context::Reader,
                Context::Tracker,
                Context::Form,
                Context::Help
            ]
        );
        assert_eq!(browser[7], Context::Global);
    }
}
