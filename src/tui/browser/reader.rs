//! A record's minutes as a scrollable document, with a jump-to-section list.

use std::path::PathBuf;

use crate::document::{self, Audience, Letterhead};
use crate::model::Record;
use crate::tui::action::Action;

/// The minutes of one record, laid out as text lines for the screen's width, and where the
/// reader is in them.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The record file.
    pub path: PathBuf,
    /// The record's title, for the pane.
    pub title: String,
    /// The record, to lay its minutes out again when the screen's width changes.
    record: Box<Record>,
    /// The width the lines are laid out for.
    width: usize,
    /// The marking, organisation and zone the minutes are laid out under.
    letterhead: Letterhead,
    /// The minutes as plain-text lines.
    pub lines: Vec<String>,
    /// Headings: (line index, title, level 1-3).
    pub sections: Vec<(usize, String, u8)>,
    /// The first line shown.
    pub scroll: usize,
    /// The jump-to-section list, open on this row.
    pub picking: Option<usize>,
}

impl Reader {
    /// The professionals' minutes of `record`, as plain text laid out `width` columns wide
    /// (the text format itself: paragraphs wrap, tables narrow their columns to fit).
    #[must_use]
    pub fn new(path: PathBuf, record: Record, width: usize, letterhead: Letterhead) -> Self {
        let mut reader = Self {
            path,
            letterhead,
            title: record.meeting.title.clone(),
            record: Box::new(record),
            width: 0,
            lines: Vec::new(),
            sections: Vec::new(),
            scroll: 0,
            picking: None,
        };
        reader.lay_out(width);
        reader
    }

    /// Lays the minutes out again for `width` columns, keeping the reader at the same
    /// heading (or the same part of the document).
    pub fn lay_out(&mut self, width: usize) {
        if width == self.width && !self.lines.is_empty() {
            return;
        }
        let at_heading = self
            .sections
            .iter()
            .position(|(line, ..)| *line == self.scroll);
        let (was_at, was_of) = (self.scroll, self.lines.len().max(1));
        let text = document::render_text(
            &self.record,
            Audience::Professionals,
            width,
            &self.letterhead,
        );
        self.lines = text.lines().map(str::to_owned).collect();
        self.sections = sections_of(&self.lines);
        self.width = width;
        let last = self.lines.len().saturating_sub(1);
        self.scroll = match at_heading.and_then(|i| self.sections.get(i)) {
            Some((line, ..)) => *line,
            None => (was_at * self.lines.len() / was_of).min(last),
        };
    }

    /// Applies one action; `true` when the reader is closed.
    pub fn update(&mut self, action: &Action) -> bool {
        if let Some(row) = self.picking.as_mut() {
            match action {
                Action::SelectNext => *row = (*row + 1).min(self.sections.len().saturating_sub(1)),
                Action::SelectPrev => *row = row.saturating_sub(1),
                Action::Activate | Action::Submit => {
                    if let Some((line, ..)) = self.sections.get(*row) {
                        self.scroll = *line;
                    }
                    self.picking = None;
                }
                Action::Back | Action::GotoItem => self.picking = None,
                _ => {}
            }
            return false;
        }
        let last = self.lines.len().saturating_sub(1);
        match action {
            Action::SelectNext => self.scroll = (self.scroll + 1).min(last),
            Action::SelectPrev => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll = (self.scroll + 20).min(last),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(20),
            Action::NextItem => {
                if let Some((line, ..)) = self.sections.iter().find(|(l, ..)| *l > self.scroll) {
                    self.scroll = *line;
                }
            }
            Action::PrevItem => {
                if let Some((line, ..)) =
                    self.sections.iter().rev().find(|(l, ..)| *l < self.scroll)
                {
                    self.scroll = *line;
                }
            }
            Action::GotoItem => {
                let here = self
                    .sections
                    .iter()
                    .rposition(|(l, ..)| *l <= self.scroll)
                    .unwrap_or(0);
                self.picking = Some(here);
            }
            Action::Back => return true,
            _ => {}
        }
        false
    }

    /// The section the reader is in.
    #[must_use]
    pub fn current_section(&self) -> Option<&str> {
        self.sections
            .iter()
            .rev()
            .find(|(l, ..)| *l <= self.scroll)
            .map(|(_, title, _)| title.as_str())
    }
}

/// Headings of the plain-text minutes: a line underlined with `=`, `-` or `~`.
fn sections_of(lines: &[String]) -> Vec<(usize, String, u8)> {
    lines
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let under = pair[1].trim_end();
            let level = match under.chars().next()? {
                '=' => 1,
                '-' => 2,
                '~' => 3,
                _ => return None,
            };
            let uniform = under
                .chars()
                .all(|c| c == under.chars().next().unwrap_or(' '));
            (uniform && under.len() >= 3 && !pair[0].trim().is_empty())
                .then(|| (i, pair[0].trim().to_owned(), level))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_found_at_three_levels() {
        let lines: Vec<String> = [
            "Title",
            "=====",
            "",
            "Attendance",
            "----------",
            "- a",
            "1. Item",
            "~~~~~~~",
            "x - y",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let sections = sections_of(&lines);
        assert_eq!(
            sections,
            vec![
                (0, "Title".to_owned(), 1),
                (3, "Attendance".to_owned(), 2),
                (6, "1. Item".to_owned(), 3)
            ]
        );
    }
}
