//! Where a form's labels and values go at a given width: labels in a column beside their
//! values, or above them when the form is narrow.

use unicode_width::UnicodeWidthStr;

use super::field::Field;

/// Below this width labels go above their values.
const MIN_SIDE_BY_SIDE: u16 = 28;
/// The focus marker before a label: "› ".
pub(super) const MARK_WIDTH: u16 = 2;

/// Where labels and values go at a given width.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    /// Columns of the label, focus marker included.
    pub label_width: u16,
    /// Where values start.
    pub value_x: u16,
    /// Columns of the values.
    pub value_width: u16,
    /// Whether labels sit above their values (narrow forms).
    pub stacked: bool,
}

/// Where the labels and values go at `width`.
pub(super) fn columns(fields: &[Field], width: u16) -> Columns {
    if width < MIN_SIDE_BY_SIDE {
        return Columns {
            label_width: width,
            value_x: MARK_WIDTH.min(width),
            value_width: width.saturating_sub(MARK_WIDTH),
            stacked: true,
        };
    }
    let widest = fields.iter().map(|field| label_text(field).width()).max();
    let widest = u16::try_from(widest.unwrap_or(0)).unwrap_or(u16::MAX);
    let label_width = MARK_WIDTH.saturating_add(widest).min(width * 2 / 5);
    Columns {
        label_width,
        value_x: label_width + 1,
        value_width: width - label_width - 1,
        stacked: false,
    }
}

/// The label as shown: required fields end in " *".
pub(super) fn label_text(field: &Field) -> String {
    if field.required {
        format!("{} *", field.label)
    } else {
        field.label.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::form::field::{FlagValue, Value};

    #[test]
    fn labels_take_at_most_two_fifths() {
        let field = Field::new(
            "k",
            "A very long label indeed",
            Value::Flag(FlagValue::new(false)),
        );
        let columns = columns(std::slice::from_ref(&field), 40);
        assert_eq!((columns.label_width, columns.value_x), (16, 17));
        assert!(!columns.stacked);
        let narrow = super::columns(&[field], 20);
        assert!(narrow.stacked);
    }
}
