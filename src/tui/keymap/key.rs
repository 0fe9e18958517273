//! One key with its modifiers: read from a terminal event, written in `keys.toml` and by
//! `minutes keys` as `ctrl-y`, and shown on the screen as `Ctrl-Y`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers. Shift is carried by the character itself (`A`), and by
/// [`KeyCode::BackTab`] for Shift-Tab; terminals do not tell it apart elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt.
    pub mods: KeyModifiers,
}

/// Keys with a name, as `keys.toml` spells them (the first spelling is the one written back).
const NAMED: [(&str, KeyCode); 19] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    // The screen's labels, so a key copied from the help screen reads back.
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("del", KeyCode::Delete),
];

impl Key {
    /// A key without modifiers.
    #[must_use]
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character typed alone (an upper-case letter is Shift and the letter).
    #[must_use]
    pub const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// Ctrl and a (lower-case) letter.
    #[must_use]
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Alt and a character.
    #[must_use]
    pub const fn alt(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::ALT,
        }
    }

    /// A pressed key as the table spells it: Shift dropped from characters and Shift-Tab,
    /// letters under Ctrl in lower case.
    #[must_use]
    pub fn of(event: &KeyEvent) -> Self {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        if code == KeyCode::BackTab {
            mods = KeyModifiers::NONE;
        }
        Self { code, mods }
    }

    /// Reads a key as `keys.toml` writes it: `ctrl-y`, `alt-n`, `ctrl-alt-x`, `f1`, `enter`,
    /// `esc`, `tab`, `backtab` (or `shift-tab`), `space`, `pagedown`, `up`, a character such as
    /// `a`, `?` or `]`, and `A` for Shift-A. Modifier and key names ignore case (so the
    /// screen's `Ctrl-Q` and `PgDn` read back); a single character does not, except under
    /// Ctrl, where terminals send the same for both.
    ///
    /// # Errors
    /// What is wrong with the text, in words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, modifier) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else {
                break;
            };
            // `ctrl--` is Ctrl and the minus key: a lone `-` after a prefix is the key.
            if rest.len() == prefix.len() {
                break;
            }
            if mods.contains(modifier) {
                return Err(format!(
                    "`{text}` names {} twice",
                    prefix.trim_end_matches('-')
                ));
            }
            mods |= modifier;
            rest = &rest[prefix.len()..];
        }
        let code = code_of(rest).ok_or_else(|| unknown_key(text, rest))?;
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        if code == KeyCode::BackTab && !mods.is_empty() {
            return Err(format!(
                "`{text}`: Shift-Tab cannot be held with Ctrl or Alt"
            ));
        }
        Ok(Self { code, mods })
    }

    /// How `keys.toml` and `minutes keys` write the key: `ctrl-y`, `alt-n`, `f1`, `enter`,
    /// `space`, `A`. [`Key::parse`] reads it back.
    #[must_use]
    pub fn spelling(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            code => NAMED.iter().find(|(_, named)| *named == code).map_or_else(
                || format!("{code:?}").to_lowercase(),
                |(name, _)| (*name).to_owned(),
            ),
        };
        format!("{}{name}", self.mods_spelled("ctrl-", "alt-"))
    }

    /// How the screen writes the key: `Ctrl-Q`, `Alt-n`, `Tab`, `Shift-Tab`, `PgDn`, `]`.
    #[must_use]
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            code => format!("{code:?}"),
        };
        format!("{}{name}", self.mods_spelled("Ctrl-", "Alt-"))
    }

    fn mods_spelled(&self, ctrl: &str, alt: &str) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str(ctrl);
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str(alt);
        }
        out
    }

    /// Whether the key types a character (alone, with Shift, or with Alt: inside tmux, Esc
    /// then a letter arrives as Alt and the letter). On the live screen such keys always type.
    #[must_use]
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && (self.mods - KeyModifiers::SHIFT - KeyModifiers::ALT).is_empty()
    }

    /// Why no binding may use this key, if none may: the keys terminals send as other keys
    /// (Ctrl-H is Backspace, Ctrl-I Tab, Ctrl-M Enter, Ctrl-[ Esc) and the prefixes of tmux
    /// (Ctrl-B) and GNU screen (Ctrl-A, also the start of the line while typing), which never
    /// reach a program running inside them.
    #[must_use]
    pub fn refusal(&self) -> Option<&'static str> {
        if self.mods != KeyModifiers::CONTROL {
            return None;
        }
        match self.code {
            KeyCode::Char('h') => Some("Ctrl-H arrives as Backspace in most terminals"),
            KeyCode::Char('i') => Some("Ctrl-I arrives as Tab in most terminals"),
            KeyCode::Char('m') => Some("Ctrl-M arrives as Enter in most terminals"),
            KeyCode::Char('[') => Some("Ctrl-[ arrives as Esc in most terminals"),
            KeyCode::Char('b') => {
                Some("Ctrl-B is tmux's prefix key and never reaches minutes there")
            }
            KeyCode::Char('a') => {
                Some("Ctrl-A is GNU screen's prefix key (and the start of the line while typing)")
            }
            _ => None,
        }
    }
}

/// The key code a name or a single character stands for.
fn code_of(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let printable = !c.is_control() && !crate::text::is_bidi_control(c) && c != ' ';
        return printable.then_some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if lower == "shift-tab" {
        return Some(KeyCode::BackTab);
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    NAMED
        .iter()
        .find(|(named, _)| *named == lower)
        .map(|(_, code)| *code)
}

fn unknown_key(text: &str, rest: &str) -> String {
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("shift-") {
        return format!(
            "`{text}`: Shift is written as the capital letter (`A`) or `shift-tab`; terminals \
             do not tell it apart on other keys"
        );
    }
    if lower.starts_with('f') && lower[1..].parse::<u32>().is_ok() {
        return format!("`{text}`: function keys are f1 to f12");
    }
    format!(
        "`{text}` is not a key; write keys like ctrl-y, alt-n, f1, enter, esc, tab, backtab, \
         space, up, pagedown, a or A"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_labels_read_back() {
        for text in [
            "ctrl-y",
            "alt-n",
            "alt-N",
            "ctrl-alt-x",
            "f1",
            "f12",
            "enter",
            "A",
            "?",
            "-",
            "ctrl--",
            "space",
            "backtab",
        ] {
            let key = Key::parse(text);
            assert_eq!(
                key.as_ref().map(Key::spelling).as_deref(),
                Ok(text),
                "{text}"
            );
        }
        assert_eq!(Key::parse("Ctrl-Q"), Ok(Key::ctrl('q')));
        assert_eq!(Key::parse("CTRL-q"), Ok(Key::ctrl('q')));
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("Shift-Tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("a"), Ok(Key::ch('a')));
        assert_ne!(Key::parse("A"), Key::parse("a"));
    }

    #[test]
    fn nonsense_is_refused_in_words() {
        for (text, says) in [
            ("ctrl-", "not a key"),
            ("", "not a key"),
            ("ctrl-yy", "not a key"),
            ("shift-a", "capital letter"),
            ("f13", "f1 to f12"),
            ("ctrl-ctrl-y", "twice"),
            ("ctrl-backtab", "Shift-Tab"),
            (" ", "not a key"),
            ("\u{1b}", "not a key"),
            ("\u{202e}", "not a key"),
        ] {
            let error = Key::parse(text).err().unwrap_or_default();
            assert!(error.contains(says), "{text:?}: {error}");
        }
    }

    #[test]
    fn keys_that_are_other_keys_or_multiplexer_prefixes_are_refused() {
        for text in [
            "ctrl-h", "ctrl-i", "ctrl-m", "ctrl-[", "ctrl-b", "ctrl-a", "Ctrl-B",
        ] {
            let key = Key::parse(text);
            assert!(key.is_ok_and(|k| k.refusal().is_some()), "{text}");
        }
        for text in ["ctrl-y", "h", "alt-b", "ctrl-alt-b"] {
            let key = Key::parse(text);
            assert!(key.is_ok_and(|k| k.refusal().is_none()), "{text}");
        }
    }
}
