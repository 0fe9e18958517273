//! `minutes templates` and `minutes templates show KEY`: the meeting types.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::print::{Console, exit_code, to_pretty_json};
use crate::error::Result;
use crate::service::Service;
use crate::table::TextTable;
use crate::templates::{DeadlineRule, Template};

/// `minutes templates`: one line per meeting type.
pub(super) fn list(service: &Service<'_>, console: &mut Console<'_>) -> Result<ExitCode> {
    let catalogue = service.catalogue();
    console.warnings(service);
    let mut table = TextTable::with_header(&["TYPE", "ITEMS", "MINUTES DUE", "TITLE", "SOURCES"]);
    for template in catalogue.templates() {
        table.push(vec![
            template.key.clone(),
            template.items.len().to_string(),
            deadline_words(template.deadline),
            template.title.clone(),
            source_files(template),
        ]);
    }
    write!(console.out, "{}", table.render())?;
    Ok(exit_code(catalogue.problems().is_empty()))
}

/// `minutes templates show KEY [--json]`: a template's agenda.
pub(super) fn show(
    service: &Service<'_>,
    key: &str,
    json: bool,
    console: &mut Console<'_>,
) -> Result<ExitCode> {
    let catalogue = service.catalogue();
    console.warnings(service);
    let template = catalogue.get(key)?;
    if json {
        writeln!(console.out, "{}", to_pretty_json(template)?)?;
    } else {
        write!(console.out, "{}", agenda_text(template))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The seed files a template cites, short: `004, 000, 001, domain.md`.
fn source_files(template: &Template) -> String {
    let mut files: Vec<&str> = Vec::new();
    for source in &template.sources {
        let word = source.split_whitespace().next().unwrap_or_default();
        let file = word.split_once('_').map_or(word, |(number, _)| number);
        if !files.contains(&file) {
            files.push(file);
        }
    }
    files.join(", ")
}

fn agenda_text(template: &Template) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "{} ({})", template.title, template.key);
    if !template.description.is_empty() {
        let _ = writeln!(text, "{}", template.description);
    }
    let _ = writeln!(
        text,
        "Minutes due: {} after the meeting",
        deadline_words(template.deadline)
    );
    if !template.sources.is_empty() {
        let _ = writeln!(text, "Sources: {}", template.sources.join("; "));
    }
    for (number, item) in template.items.iter().enumerate() {
        let _ = writeln!(text);
        let _ = writeln!(text, "{:>2}. {}  [{}]", number + 1, item.title, item.key);
        let _ = writeln!(text, "    {}", item.prompt);
        let _ = writeln!(text, "    {} | {}", item.kind.label(), item.source);
    }
    text
}

fn deadline_words(rule: DeadlineRule) -> String {
    match rule {
        DeadlineRule::WorkingDays(days) => format!("{days} working days"),
        DeadlineRule::CalendarDays(days) => format!("{days} days"),
    }
}
