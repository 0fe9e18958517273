//! `keys.toml`: a patch over the built-in key table. Each `[context]` table names actions
//! and their new keys, `save-now = ["ctrl-y"]`, replacing that action's keys in that
//! context. A mistake is reported with the file, line and column and skipped, so its action
//! keeps its built-in keys; the good entries still apply.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Command, Context, Key, Keymap};
use crate::error::Error;
use crate::tui::theme::edit_distance;

/// One entry of the file that passed every check on its own.
#[derive(Debug)]
struct Entry {
    context: Context,
    command: Command,
    /// The keys with where each is written.
    keys: Vec<(Key, Range<usize>)>,
    /// Where the action's name is written.
    at: Range<usize>,
}

/// The problems found so far, each at a place in the file.
struct Report<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Error>,
}

impl Report<'_> {
    fn at(&mut self, span: &Range<usize>, message: String) {
        let (line, column) = crate::config::line_column(self.text, span.start);
        self.problems.push(Error::Parse {
            path: self.path.to_owned(),
            line,
            column,
            message,
        });
    }
}

impl Keymap {
    /// The built-in bindings patched by `text`, the contents of `path` (a `keys.toml`), and
    /// each mistake in it, naming the file, line and column. An entry in error is skipped
    /// whole, so its action keeps its built-in keys; a file TOML cannot read changes nothing.
    /// An entry whose keys, once every entry is applied, are also bound to another action in
    /// its context is reported and undone (of two entries that clash, the later one).
    #[must_use]
    pub fn patched(path: &Path, text: &str) -> (Self, Vec<Error>) {
        let mut keymap = Self::defaults();
        let mut report = Report {
            path,
            text,
            problems: Vec::new(),
        };
        let document = match DeTable::parse(text) {
            Ok(document) => document,
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let message = error.message().trim().replace('\n', " ");
                report.at(&span, format!("{message}; using the built-in keys"));
                return (keymap, report.problems);
            }
        };
        let entries = read_entries(document.get_ref(), &mut report);
        for entry in &entries {
            keymap.set(
                entry.context,
                entry.command,
                entry.keys.iter().map(|(k, _)| *k).collect(),
            );
        }
        keymap.undo_clashes(&entries, &mut report);
        (keymap, report.problems)
    }

    fn set(&mut self, context: Context, command: Command, keys: Vec<Key>) {
        if let Some(row) = self
            .rows
            .get_mut(context.index())
            .and_then(|rows| rows.iter_mut().find(|r| r.binding.command == command))
        {
            row.keys = keys;
        }
    }

    /// Undoes, one at a time, the entries that left a key bound twice in a context.
    fn undo_clashes(&mut self, entries: &[Entry], report: &mut Report<'_>) {
        let mut undone = vec![false; entries.len()];
        while let Some((context, key, pair)) = self.first_clash() {
            let culprit = entries
                .iter()
                .enumerate()
                .filter(|(i, e)| !undone[*i] && e.context == context && pair.contains(&e.command))
                .max_by_key(|(_, e)| e.at.start);
            let Some((index, entry)) = culprit else {
                return; // the built-in table has no clash (a test checks it)
            };
            undone[index] = true;
            let other = pair
                .iter()
                .find(|c| **c != entry.command)
                .copied()
                .unwrap_or(entry.command);
            let built_in: &'static [Key] = self
                .row(context, entry.command)
                .map_or(&[], |row| row.binding.keys);
            let span = entry
                .keys
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(&entry.at, |(_, span)| span);
            report.at(
                span,
                format!(
                    "`{}` is bound in [{}] to both {} and {}; {} keeps its built-in keys ({})",
                    key.spelling(),
                    context.name(),
                    entry.command.name(),
                    other.name(),
                    entry.command.name(),
                    spelled(built_in),
                ),
            );
            self.set(context, entry.command, built_in.to_vec());
        }
    }

    /// A key bound to two commands in one context, if there is one.
    fn first_clash(&self) -> Option<(Context, Key, [Command; 2])> {
        Context::ALL.into_iter().find_map(|context| {
            let rows = self.rows(context);
            rows.iter().enumerate().find_map(|(i, row)| {
                rows[..i].iter().find_map(|earlier| {
                    row.keys
                        .iter()
                        .find(|k| earlier.keys.contains(k))
                        .map(|k| (context, *k, [earlier.binding.command, row.binding.command]))
                })
            })
        })
    }
}

/// The entries of the file that pass their own checks, in file order; the others reported.
fn read_entries(document: &DeTable<'_>, report: &mut Report<'_>) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (name, value) in in_file_order(document) {
        let Some(context) = Context::named(name.get_ref()) else {
            let message = if value.get_ref().is_table() {
                unknown_context(name.get_ref())
            } else {
                format!(
                    "`{}` is not under a [context] heading such as [global]; it is ignored",
                    name.get_ref()
                )
            };
            report.at(&name.span(), message);
            continue;
        };
        let Some(table) = value.get_ref().as_table() else {
            report.at(
                &value.span(),
                format!(
                    "[{}] must be a table of action = [\"key\", ...]; it is ignored",
                    context.name()
                ),
            );
            continue;
        };
        for (action, keys) in in_file_order(table) {
            if let Some(entry) = read_entry(context, action, keys, report) {
                entries.push(entry);
            }
        }
    }
    entries
}

type Item<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

/// The table's entries in the order they are written.
fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Item<'a, 'i>> {
    let mut items: Vec<Item<'a, 'i>> = table.iter().collect();
    items.sort_by_key(|(name, _)| name.span().start);
    items
}

/// One `action = [keys]` line of `[context]`, if every part of it is right.
fn read_entry(
    context: Context,
    action: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    report: &mut Report<'_>,
) -> Option<Entry> {
    let name = action.get_ref().as_ref();
    let found = Command::named(name).and_then(|command| {
        super::BINDINGS
            .iter()
            .find(|b| b.context == context && b.command == command)
    });
    let Some(row) = found else {
        report.at(&action.span(), unknown_action(context, name));
        return None;
    };
    let keep = format!("{name} keeps its built-in keys ({})", spelled(row.keys));
    if row.fixed {
        report.at(
            &action.span(),
            format!(
                "{name} in [{}] is fixed (a key of the text editor, a form's field or the \
                 agenda's numbers) and cannot be rebound",
                context.name()
            ),
        );
        return None;
    }
    let written: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        DeValue::String(_) => vec![value],
        _ => {
            report.at(
                &value.span(),
                format!(
                    "give the keys as a list of strings, such as {name} = [\"ctrl-y\"]; {keep}"
                ),
            );
            return None;
        }
    };
    if written.is_empty() && !context.live_only() {
        report.at(
            &value.span(),
            format!(
                "give at least one key (only the live screen's palette reaches an action \
                 without keys); {keep}"
            ),
        );
        return None;
    }
    let mut keys: Vec<(Key, Range<usize>)> = Vec::new();
    let mut wrong = false;
    for item in written {
        let problem = match item.get_ref().as_str().map(Key::parse) {
            None => Some(format!(
                "a key is written as a string, such as \"ctrl-y\"; {keep}"
            )),
            Some(Err(problem)) => Some(format!("{problem}; {keep}")),
            Some(Ok(key)) if keys.iter().any(|(k, _)| *k == key) => {
                Some(format!("`{}` is listed twice; {keep}", key.spelling()))
            }
            Some(Ok(key)) if types_there(context) && key.is_printable() => Some(format!(
                "`{}` is a printable key: a letter there types or would change a record \
                 unnoticed, so a command needs a Ctrl chord (or the live screen's palette); \
                 {keep}",
                key.spelling()
            )),
            Some(Ok(key)) => key.refusal().map_or_else(
                || {
                    keys.push((key, item.span()));
                    None
                },
                |why| Some(format!("{why}: it cannot be bound; {keep}")),
            ),
        };
        if let Some(problem) = problem {
            report.at(&item.span(), problem);
            wrong = true;
        }
    }
    (!wrong).then(|| Entry {
        context,
        command: row.command,
        keys,
        at: action.span(),
    })
}

/// Whether a printable key may not be bound in `context`: on the live screen typing always
/// types, and in the browser's list (which filters) and its tracker (whose commands change
/// records) a stray letter must do nothing unseen.
fn types_there(context: Context) -> bool {
    context.live_only() || matches!(context, Context::Browser | Context::Tracker)
}

/// Keys as `keys.toml` writes them, space-separated.
fn spelled(keys: &[Key]) -> String {
    let spelled: Vec<String> = keys.iter().map(Key::spelling).collect();
    spelled.join(" ")
}

/// The nearest of `names` to `name`, if it is likely a typo of it.
fn nearest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names
        .map(|known| (edit_distance(name, known), known))
        .min()
        .filter(|(distance, _)| *distance <= 2)
        .map(|(_, known)| known)
}

fn unknown_context(name: &str) -> String {
    let names = Context::ALL.into_iter().map(Context::name);
    match nearest(name, names) {
        Some(known) => format!("unknown context [{name}]; did you mean [{known}]? It is ignored"),
        None => {
            let all: Vec<&str> = Context::ALL.into_iter().map(Context::name).collect();
            format!(
                "unknown context [{name}]; the contexts are {}. It is ignored",
                all.join(", ")
            )
        }
    }
}

fn unknown_action(context: Context, name: &str) -> String {
    let here = || {
        super::BINDINGS
            .iter()
            .filter(move |b| b.context == context && !b.fixed)
            .map(|b| b.command.name())
    };
    if let Some(command) = Command::named(name) {
        let elsewhere: Vec<String> = super::BINDINGS
            .iter()
            .filter(|b| b.command == command)
            .map(|b| format!("[{}]", b.context.name()))
            .collect();
        return format!(
            "{name} is not an action of [{}]; it is in {}",
            context.name(),
            elsewhere.join(", ")
        );
    }
    match nearest(name, here()) {
        Some(known) => format!(
            "unknown action {name} in [{}]; did you mean {known}?",
            context.name()
        ),
        None => {
            let all: Vec<&str> = here().collect();
            format!(
                "unknown action {name} in [{}]; its actions are {}",
                context.name(),
                all.join(", ")
            )
        }
    }
}
