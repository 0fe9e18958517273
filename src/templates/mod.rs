//! Agenda templates: the built-in ones, drawn from the procedures in `shared/seeds/`, and the
//! user's own JSON files in the config folder's `templates/`.
//!
//! Built-in templates are JSON files beside this module, in exactly the format users write, so a
//! user can copy one (`case-conference.json`, ...) into their template folder and edit it. A
//! user file whose `key` matches a built-in replaces it; any other key adds a meeting type.
//!
//! Each item's `source` names the procedure it comes from: a seed file name and section
//! (`004_d3a6605e44783652.txt §4.4`), or `domain.md` for the comparable templates described
//! there; several sources are separated by `; `.
//!
//! Minutes deadlines: the case conference follows `000` section 4 (10 working days); the
//! serious concerns meetings follow `003` (14 and 7 calendar days); MARAC uses Derbyshire's
//! 3 working days (`domain.md` part c). The procedures set no deadline for the other meeting
//! types, so they default to 10 working days, the case conference's rule, and say so in their
//! description.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::calendar::DeadlineRule;
use crate::config::{UserFile, UserFiles};
use crate::error::Error;
use crate::model::{AgendaItem, Extra, ItemKind, ItemStatus, MeetingType};

/// An agenda template for one meeting type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Meeting type key, e.g. `case-conference`.
    pub key: String,
    /// Human name, e.g. "Section 42 case conference".
    pub title: String,
    /// What the meeting is for, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// The procedures it follows (seed file names and sections).
    #[serde(default)]
    pub sources: Vec<String>,
    /// When the minutes must be circulated.
    pub deadline: DeadlineRule,
    /// The agenda, in order.
    pub items: Vec<TemplateItem>,
}

/// One agenda item of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateItem {
    /// Stable key, unique within the template.
    pub key: String,
    /// Title as printed in the minutes.
    pub title: String,
    /// The checklist question the chair must cover.
    pub prompt: String,
    /// What the item mostly captures.
    pub kind: ItemKind,
    /// Seed file name and section it comes from.
    pub source: String,
}

impl Template {
    /// Breaches of the template rules, in words; empty when the template is usable.
    ///
    /// The key must be lowercase kebab-case (`case-conference`), the title non-empty, and there
    /// must be at least one item; item keys must be kebab-case and unique, and each item needs a
    /// title, a prompt and a source; the deadline must be at least one day.
    #[must_use]
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !is_kebab_case(&self.key) {
            problems.push(format!(
                "key '{}' is not lowercase kebab-case (e.g. 'case-conference')",
                self.key
            ));
        }
        if self.title.trim().is_empty() {
            problems.push("title is empty".to_owned());
        }
        if self.deadline.days() == 0 {
            problems.push("deadline must be at least 1 day".to_owned());
        }
        if self.items.is_empty() {
            problems.push("items is empty; a template needs at least one item".to_owned());
        }
        let mut keys = HashSet::new();
        for (i, item) in self.items.iter().enumerate() {
            let n = i + 1;
            if !is_kebab_case(&item.key) {
                problems.push(format!(
                    "item {n}: key '{}' is not lowercase kebab-case",
                    item.key
                ));
            } else if !keys.insert(item.key.as_str()) {
                problems.push(format!("item {n}: key '{}' appears twice", item.key));
            }
            for (field, value) in [
                ("title", &item.title),
                ("prompt", &item.prompt),
                ("source", &item.source),
            ] {
                if value.trim().is_empty() {
                    problems.push(format!("item {n} ('{}'): {field} is empty", item.key));
                }
            }
        }
        problems
    }

    /// The item with this key.
    #[must_use]
    pub fn item(&self, key: &str) -> Option<&TemplateItem> {
        self.items.iter().find(|item| item.key == key)
    }

    /// Parses and validates a template from JSON text; `path` names it in errors.
    ///
    /// # Errors
    /// [`Error::Parse`] (with line and column) when the text is not JSON of the template shape;
    /// [`Error::Invalid`] when it breaks a rule of [`Template::validate`].
    pub fn from_json(path: &Path, text: &str) -> Result<Self, Error> {
        let template: Self =
            serde_json::from_str(text).map_err(|error| Error::parse(path, &error))?;
        let problems = template.validate();
        if problems.is_empty() {
            Ok(template)
        } else {
            Err(Error::Invalid {
                path: path.to_owned(),
                message: problems.join("; "),
            })
        }
    }
}

impl MeetingType for Template {
    fn key(&self) -> &str {
        &self.key
    }

    fn agenda(&self) -> Vec<AgendaItem> {
        self.items.iter().map(TemplateItem::agenda_item).collect()
    }

    fn deadline(&self) -> DeadlineRule {
        self.deadline
    }
}

impl TemplateItem {
    /// The agenda item of a new record: this item, pending, with no notes.
    #[must_use]
    pub fn agenda_item(&self) -> AgendaItem {
        AgendaItem {
            key: self.key.clone(),
            title: self.title.clone(),
            prompt: self.prompt.clone(),
            kind: self.kind,
            source: self.source.clone(),
            status: ItemStatus::Pending,
            opened_at: None,
            closed_at: None,
            notes: Vec::new(),
            deleted_notes: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// Lowercase ASCII letters and digits in words joined by single hyphens.
fn is_kebab_case(key: &str) -> bool {
    !key.is_empty()
        && key.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The JSON Schema of the template format, for people writing their own templates.
#[must_use]
pub fn template_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Template)).unwrap_or_default()
}

/// The built-in templates' JSON, in catalogue order: file name and text.
const BUILTIN_SOURCES: &[(&str, &str)] = &[
    ("case-conference.json", include_str!("case-conference.json")),
    ("strategy.json", include_str!("strategy.json")),
    (
        "serious-concerns-initial.json",
        include_str!("serious-concerns-initial.json"),
    ),
    (
        "serious-concerns-review.json",
        include_str!("serious-concerns-review.json"),
    ),
    ("self-neglect.json", include_str!("self-neglect.json")),
    ("professionals.json", include_str!("professionals.json")),
    ("marac.json", include_str!("marac.json")),
    ("best-interests.json", include_str!("best-interests.json")),
];

/// The folder name given to built-in templates in error messages.
const BUILTIN_DIR: &str = "<built-in>";

/// Parses every built-in; a broken one becomes an error instead of a panic. The tests make
/// sure there are none.
fn parse_builtins() -> (Vec<Template>, Vec<Error>) {
    let mut templates = Vec::with_capacity(BUILTIN_SOURCES.len());
    let mut problems = Vec::new();
    for (name, text) in BUILTIN_SOURCES {
        match Template::from_json(&Path::new(BUILTIN_DIR).join(name), text) {
            Ok(template) => templates.push(template),
            Err(error) => problems.push(error),
        }
    }
    (templates, problems)
}

/// The built-in templates, case conference first. A built-in that fails to parse or validate is
/// left out (the tests make sure none does); [`Catalogue::problems`] reports it.
#[must_use]
pub fn builtin() -> Vec<Template> {
    parse_builtins().0
}

/// Where a template in the catalogue came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with `minutes`.
    BuiltIn,
    /// Read from this file in the user's template folder.
    File(PathBuf),
}

/// The templates available: the built-ins, overridden or extended by the user's files.
#[derive(Debug, Default)]
pub struct Catalogue {
    templates: Vec<Template>,
    origins: Vec<Origin>,
    problems: Vec<Error>,
}

impl Catalogue {
    /// The built-ins plus the user's template files (see [`crate::config::user_templates_in`]).
    ///
    /// A user template whose key matches a built-in replaces it in place; other user templates
    /// follow the built-ins in file-name order. A file that could not be read, is not JSON of
    /// the template shape, fails [`Template::validate`] or repeats a key another user file
    /// already defined is skipped and reported in [`Catalogue::problems`], as is a folder that
    /// could not be listed; loading never fails.
    #[must_use]
    pub fn load(user_files: Option<UserFiles>) -> Self {
        let (templates, problems) = parse_builtins();
        let origins = vec![Origin::BuiltIn; templates.len()];
        let mut catalogue = Self {
            templates,
            origins,
            problems,
        };
        if let Some(user_files) = user_files {
            catalogue.problems.extend(user_files.problems);
            for UserFile { path, text } in user_files.files {
                match text.and_then(|text| Template::from_json(&path, &text)) {
                    Ok(template) => catalogue.add_user(template, path),
                    Err(error) => catalogue.problems.push(error),
                }
            }
        }
        catalogue
    }

    fn add_user(&mut self, template: Template, path: PathBuf) {
        match self.templates.iter().position(|t| t.key == template.key) {
            Some(i) => {
                if let Origin::File(earlier) = &self.origins[i] {
                    self.problems.push(Error::Invalid {
                        message: format!(
                            "key '{}' is already defined by {}; this file is ignored",
                            template.key,
                            earlier.display()
                        ),
                        path,
                    });
                } else {
                    self.templates[i] = template;
                    self.origins[i] = Origin::File(path);
                }
            }
            None => {
                self.templates.push(template);
                self.origins.push(Origin::File(path));
            }
        }
    }

    /// The template for a meeting type.
    ///
    /// # Errors
    /// [`Error::UnknownTemplate`], listing the known keys, when no template has this key.
    pub fn get(&self, key: &str) -> Result<&Template, Error> {
        self.templates
            .iter()
            .find(|t| t.key == key)
            .ok_or_else(|| Error::UnknownTemplate {
                key: key.to_owned(),
                known: self.keys().map(str::to_owned).collect(),
            })
    }

    /// Every template: the built-ins in their fixed order (case conference first, user
    /// overrides in their place), then the user's own in file-name order.
    #[must_use]
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The keys of [`Catalogue::templates`], in the same order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.templates.iter().map(|t| t.key.as_str())
    }

    /// Where the template with this key came from, if there is one.
    #[must_use]
    pub fn origin(&self, key: &str) -> Option<&Origin> {
        self.templates
            .iter()
            .position(|t| t.key == key)
            .and_then(|i| self.origins.get(i))
    }

    /// Files that were skipped, and why (each error names its file).
    #[must_use]
    pub fn problems(&self) -> &[Error] {
        &self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_and_validates() {
        for (name, text) in BUILTIN_SOURCES {
            let result = Template::from_json(Path::new(name), text);
            assert!(result.is_ok(), "{name}: {:?}", result.err());
        }
        let (templates, problems) = parse_builtins();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(templates.len(), BUILTIN_SOURCES.len());
    }

    #[test]
    fn builtin_file_names_match_their_keys() {
        for (template, (name, _)) in builtin().iter().zip(BUILTIN_SOURCES) {
            assert_eq!(format!("{}.json", template.key), *name);
        }
    }

    #[test]
    fn kebab_case_keys() {
        for good in ["a", "case-conference", "s42-strategy", "marac"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "Case", "a_b", "a b", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn validate_reports_each_rule() {
        let item = TemplateItem {
            key: "x".to_owned(),
            title: " ".to_owned(),
            prompt: String::new(),
            kind: ItemKind::Notes,
            source: String::new(),
        };
        let template = Template {
            key: "Bad Key".to_owned(),
            title: String::new(),
            description: String::new(),
            sources: Vec::new(),
            deadline: DeadlineRule::CalendarDays(0),
            items: vec![item.clone(), item],
        };
        let problems = template.validate();
        for expected in [
            "key 'Bad Key'",
            "title is empty",
            "deadline",
            "appears twice",
            "title is empty",
            "prompt is empty",
            "source is empty",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected}: {problems:?}"
            );
        }
        let empty = Template {
            items: Vec::new(),
            ..template
        };
        assert!(
            empty
                .validate()
                .iter()
                .any(|p| p.contains("items is empty"))
        );
    }

    #[test]
    fn the_schema_describes_the_deadline() {
        let schema = template_schema().to_string();
        assert!(schema.contains("working_days") && schema.contains("calendar_days"));
    }
}
