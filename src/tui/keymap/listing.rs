//! `minutes keys [--json]`: the effective bindings as rows of context, action name, keys and
//! description, as an aligned table or as JSON.

use serde::Serialize;

use super::{Context, Key, Keymap};
use crate::error::{Error, Result};
use crate::table::TextTable;

/// One binding as `minutes keys` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The context's name: the `[table]` of `keys.toml` it is rebound in.
    pub context: &'static str,
    /// The action's name: the key of `keys.toml` it is rebound with.
    pub action: &'static str,
    /// Its keys now, as `keys.toml` writes them: `ctrl-y`, `alt-n`, `f1`, `enter`, `a`.
    pub keys: Vec<String>,
    /// What it does.
    pub description: &'static str,
    /// A key of the text editor or a form's field, listed for reference: not rebindable.
    pub fixed: bool,
}

impl Keymap {
    /// Every binding in force, context by context in the help screen's order.
    #[must_use]
    pub fn listed(&self) -> Vec<Listed> {
        Context::ALL
            .into_iter()
            .flat_map(|context| self.rows(context))
            .map(|row| Listed {
                context: row.binding.context.name(),
                action: row.binding.command.name(),
                keys: row.keys.iter().map(Key::spelling).collect(),
                description: row.binding.description,
                fixed: row.binding.fixed,
            })
            .collect()
    }
}

/// What `minutes keys` prints: an aligned table of context, action, keys (space-separated)
/// and description (fixed keys marked so), or with `json` an array of [`Listed`] objects.
///
/// # Errors
/// The JSON cannot be written (not expected for this data).
pub fn listing(keymap: &Keymap, json: bool) -> Result<String> {
    let rows = keymap.listed();
    if json {
        let mut text =
            crate::text::pretty_json(&rows).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        text.push('\n');
        return Ok(text);
    }
    let mut table = TextTable::with_header(&["CONTEXT", "ACTION", "KEYS", "DESCRIPTION"]);
    for row in rows {
        let description = if row.fixed {
            format!("{} (fixed)", row.description)
        } else {
            row.description.to_owned()
        };
        table.push(vec![
            row.context.to_owned(),
            row.action.to_owned(),
            row.keys.join(" "),
            description,
        ]);
    }
    Ok(table.render())
}
