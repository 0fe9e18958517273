//! The command line's names for the core's choices: the one export format enum
//! ([`ExportFormat`]), the one audience enum ([`Audience`]) and the meeting's modes
//! ([`MeetingMode`], by their record keys), spelt as the flags take them.
//! clap's [`ValueEnum`] is implemented here, on the core types, rather than derived on
//! copies of them: the core does not depend on clap, and no second enum can drift.

use clap::ValueEnum;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::document::ExportFormat;
use crate::model::{Audience, MeetingMode};

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::Markdown => "Markdown",
            Self::Html => "One self-contained HTML page that prints on A4",
            Self::Text => "Plain text",
            Self::Docx => {
                "A Word document (without -o: <record>[-adult|-part2].docx in the current folder)"
            }
            Self::Json => "The record as JSON (for the adult: without what the minutes leave out)",
            Self::Summary => {
                "A short plain-text case note to paste into the case record: date, attendance \
                 by agency, findings, decisions, actions, review"
            }
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

impl ValueEnum for Audience {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Self::Professionals => {
                PossibleValue::new("professionals").help("Everything, restricted entries marked")
            }
            Self::Adult => PossibleValue::new("adult")
                .help("The adult or their representative: only entries visible to all"),
            Self::Part2 => PossibleValue::new("part2")
                .help("Those who attended part 2 only: as the adult's, worded for them"),
        })
    }
}

impl ValueEnum for MeetingMode {
    fn value_variants<'a>() -> &'a [Self] {
        Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.key()).help(self.label()))
    }
}

/// `--format` of `minutes show`: the formats that read well in a terminal.
pub(super) fn show_format() -> impl TypedValueParser<Value = ExportFormat> {
    PossibleValuesParser::new([
        PossibleValue::new("md").help("Markdown"),
        PossibleValue::new("txt").help("Plain text"),
        PossibleValue::new("json").help("The record as JSON"),
    ])
    .try_map(|name: String| {
        ExportFormat::ALL
            .into_iter()
            .find(|format| format.name() == name)
            .ok_or_else(|| format!("no format '{name}'"))
    })
}
