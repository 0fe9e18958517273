//! The theme file format: TOML with an optional `extends` and a `[styles]` table of
//! partial styles. Described for users at the top of `themes/default.toml`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::Role;
use crate::error::Error;

/// A theme file as written: every part optional, so a user file can name only what it changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeFile {
    /// The built-in theme this one starts from.
    pub extends: Option<String>,
    /// The styles it sets, by name.
    #[serde(default)]
    pub styles: BTreeMap<Role, StyleSpec>,
}

impl ThemeFile {
    /// Parses a theme file; errors name the file, and the line and column where TOML gives one.
    pub fn parse(path: &Path, text: &str) -> Result<Self, Error> {
        crate::config::parse_toml(path, text)
    }
}

/// One style as written. A key left out keeps the value of the theme underneath.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StyleSpec {
    fg: Option<Colour>,
    bg: Option<Colour>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underlined: Option<bool>,
    reversed: Option<bool>,
}

impl StyleSpec {
    /// `self` with every key that `over` sets replaced by `over`'s value.
    pub fn patched(self, over: Self) -> Self {
        Self {
            fg: over.fg.or(self.fg),
            bg: over.bg.or(self.bg),
            bold: over.bold.or(self.bold),
            dim: over.dim.or(self.dim),
            italic: over.italic.or(self.italic),
            underlined: over.underlined.or(self.underlined),
            reversed: over.reversed.or(self.reversed),
        }
    }

    /// The ratatui style. An unset colour stays `None` so the style keeps the colour beneath it.
    pub fn to_style(self) -> Style {
        let mut style = Style::new();
        if let Some(Colour(fg)) = self.fg {
            style = style.fg(fg);
        }
        if let Some(Colour(bg)) = self.bg {
            style = style.bg(bg);
        }
        for (set, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if set == Some(true) {
                style = style.add_modifier(modifier);
            }
        }
        style
    }
}

/// A colour as written: an ANSI name, `reset`, `#rrggbb`, or a palette index 0-255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Colour(Color);

/// The names a theme file may use, in the order the docs list them.
const NAMES: [(&str, Color); 17] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

/// Parses a colour name or `#rrggbb`. Names ignore case, `-`, `_` and spaces, and take
/// "grey" for "gray", so `Dark-Grey` is `darkgray`.
fn parse_colour(text: &str) -> Option<Color> {
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|s| u8::from_str_radix(s, 16).ok())
        };
        return Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    let name: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .replace("grey", "gray");
    NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, colour)| *colour)
}

fn colour_help() -> String {
    let names: Vec<&str> = NAMES.iter().map(|(name, _)| *name).collect();
    format!(
        "use a colour name ({}), \"#rrggbb\" or a number 0-255",
        names.join(", ")
    )
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ColourVisitor;

        impl Visitor<'_> for ColourVisitor {
            type Value = Colour;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a colour name, \"#rrggbb\" or a number 0-255")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Colour, E> {
                parse_colour(text).map(Colour).ok_or_else(|| {
                    E::custom(format!("unknown colour \"{text}\": {}", colour_help()))
                })
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Colour, E> {
                u8::try_from(n)
                    .map(|i| Colour(Color::Indexed(i)))
                    .map_err(|_| E::custom(format!("colour number {n} is not 0-255")))
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Colour, E> {
                u8::try_from(n)
                    .map(|i| Colour(Color::Indexed(i)))
                    .map_err(|_| E::custom(format!("colour number {n} is not 0-255")))
            }
        }

        deserializer.deserialize_any(ColourVisitor)
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RoleVisitor;

        impl Visitor<'_> for RoleVisitor {
            type Value = Role;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a style name such as `selected`")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Role, E> {
                Role::from_key(key).ok_or_else(|| E::custom(unknown_style(key)))
            }
        }

        deserializer.deserialize_str(RoleVisitor)
    }
}

/// Says a style name is unknown: with the likely one for a typo, else with the whole list.
fn unknown_style(key: &str) -> String {
    let key_lower = key.to_ascii_lowercase().replace('-', "_");
    let nearest = Role::ALL
        .into_iter()
        .map(|role| (edit_distance(&key_lower, role.key()), role.key()))
        .min();
    match nearest {
        Some((distance, name)) if distance <= 2 => {
            format!("unknown style `{key}`; did you mean `{name}`?")
        }
        _ => {
            let names: Vec<&str> = Role::ALL.into_iter().map(Role::key).collect();
            format!("unknown style `{key}`; the styles are {}", names.join(", "))
        }
    }
}

/// Levenshtein distance, in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_names_hex_and_numbers() {
        assert_eq!(parse_colour("cyan"), Some(Color::Cyan));
        assert_eq!(parse_colour("Dark-Grey"), Some(Color::DarkGray));
        assert_eq!(parse_colour("light_blue"), Some(Color::LightBlue));
        assert_eq!(parse_colour("reset"), Some(Color::Reset));
        assert_eq!(parse_colour("#0a0B0c"), Some(Color::Rgb(10, 11, 12)));
        assert_eq!(parse_colour("#0a0b0"), None);
        assert_eq!(parse_colour("#gg0000"), None);
        assert_eq!(parse_colour("pruple"), None);
        let file = ThemeFile::parse(Path::new("t.toml"), "[styles]\nbase = { fg = 208 }\n");
        let base = file.ok().and_then(|f| f.styles.get(&Role::Base).copied());
        assert_eq!(
            base.map(StyleSpec::to_style),
            Some(Style::new().fg(Color::Indexed(208)))
        );
    }

    #[test]
    fn errors_give_line_and_column() {
        let text = "[styles]\nbase = { fg = \"cyan\" }\nmuted = { fg = 300 }\n";
        let error = ThemeFile::parse(Path::new("t.toml"), text).err();
        assert!(
            matches!(&error, Some(Error::Parse { line: 3, column: 16, message, .. })
                if message.contains("300")),
            "{error:?}"
        );
    }

    #[test]
    fn unknown_styles_suggest_the_nearest() {
        assert_eq!(edit_distance("slected", "selected"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert!(unknown_style("slected").ends_with("did you mean `selected`?"));
        assert!(unknown_style("colours").contains("help_key"));
        let file = ThemeFile::parse(Path::new("t"), "[styles]\nBorder-Focused = {}\n");
        assert!(file.is_ok_and(|f| f.styles.contains_key(&Role::BorderFocused)));
    }

    #[test]
    fn patch_changes_only_what_it_sets() {
        let base: StyleSpec = toml::from_str("fg = \"cyan\"\nbold = true").unwrap_or_default();
        let over: StyleSpec = toml::from_str("fg = \"red\"").unwrap_or_default();
        assert_eq!(
            base.patched(over).to_style(),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        );
    }
}
