//! The JSON Schema of the record format (`minutes schema`), generated from the model types,
//! saying as much of what `minutes check` ([`Record::problems`] and the loader) enforces as
//! a schema can: record ids and names by pattern (attributes on the fields), and every
//! date, time, timestamp and `u32` by the format schemars gives it (a transform here, so no
//! field can be missed). The rules between fields are in the record's description.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;

use super::Record;

/// A record id, as [`Record::problems`] requires of `id` and of links to other records: at
/// least 8 lowercase hex digits (new records get 32).
pub(crate) const RECORD_ID: &str = "^[0-9a-f]{8,}$";

/// A key that names something (the meeting type, agenda keys): not empty or only blank
/// space, and no `/` or control character (`char::is_control`, U+0000-U+001F and
/// U+007F-U+009F).
pub(crate) const IDENTIFIER: &str =
    "^[^/\\x00-\\x1f\\x7f-\\x9f]*[^/\\s\\x00-\\x1f\\x7f-\\x9f][^/\\x00-\\x1f\\x7f-\\x9f]*$";

/// A calendar date `YYYY-MM-DD`, each month's days and 29 February only in leap years.
const DATE: &str = "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)";

/// A time of day as a timestamp writes it: `HH:MM:SS`, a fraction allowed (`:60` is a leap
/// second, which chrono reads).
const TIME: &str = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?";

/// A UTC offset: `Z` or `+HH:MM` / `-HH:MM`.
const OFFSET: &str = "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])";

/// A time of day as the loader reads it (chrono's `NaiveTime`): `H:MM` or `HH:MM`, seconds
/// and a fraction optional, blank space around it tolerated; minutes writes `HH:MM:SS`.
const PARTIAL_TIME: &str =
    "^\\s*(?:[01]?[0-9]|2[0-3]):[0-5]?[0-9](?::(?:[0-5]?[0-9]|60)(?:\\.[0-9]+)?)?\\s*$";

/// The record format's JSON Schema.
#[must_use]
pub fn record_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(format_rules as fn(&mut Schema)))
        .into_generator();
    serde_json::to_value(generator.into_root_schema_for::<Record>()).unwrap_or_default()
}

/// Adds to each subschema what its `format` means, as a pattern or a maximum: validators
/// treat `format` as a note unless told otherwise, and chrono reads dates and times only
/// as these patterns allow.
fn format_rules(schema: &mut Schema) {
    let format = schema
        .get("format")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    match format.as_deref() {
        Some("date") => {
            schema.insert("pattern".to_owned(), format!("^{DATE}$").into());
        }
        Some("date-time") => {
            schema.insert(
                "pattern".to_owned(),
                format!("^{DATE}T{TIME}{OFFSET}$").into(),
            );
        }
        Some("partial-time") => {
            schema.insert("pattern".to_owned(), PARTIAL_TIME.into());
        }
        Some("uint32") => {
            schema.insert("maximum".to_owned(), u32::MAX.into());
        }
        _ => {}
    }
}
