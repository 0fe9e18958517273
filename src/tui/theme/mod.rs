//! Semantic styles for the screens, loaded from `themes/*.toml`.
//!
//! Widgets ask the [`Theme`] for a style by what it means ([`Theme::selected`],
//! [`Theme::border`], [`Theme::item`]...), never for a colour. The built-in themes are TOML
//! files embedded in the binary (`default`, `light`, `high-contrast`, `mono`); the format is
//! described at the top of `themes/default.toml`. Users put partial themes in the config
//! folder's `themes/` subfolder; [`load_theme`] applies them, and falls back to a built-in
//! with a warning when a file is broken.
//!
//! Colours follow the terminal: the built-ins other than `high-contrast` use the terminal's
//! own text and background (`Color::Reset`) and only the 16 named ANSI colours. Every state
//! that matters (focus, selection, the current agenda item, warnings, overdue actions,
//! restricted entries) also differs by a modifier, because crossterm drops colours when
//! `NO_COLOR` is set but keeps bold, reversed and underlined.

mod file;
mod load;

use ratatui::style::{Modifier, Style};

use crate::model::{ItemStatus, Visibility};
use file::{StyleSpec, ThemeFile};

pub(crate) use file::edit_distance;
pub use load::{available_themes, load_theme, no_color_requested};

/// The built-in themes: name and TOML text, embedded so an installed binary needs no files.
const BUILTINS: [(&str, &str); 4] = [
    ("default", include_str!("../../../themes/default.toml")),
    ("light", include_str!("../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../../themes/mono.toml")),
];

/// The names of [`BUILTINS`], for [`Theme::builtin_names`].
const BUILTIN_NAMES: [&str; 4] = ["default", "light", "high-contrast", "mono"];

/// The theme used when none is named and `NO_COLOR` is not set.
pub const DEFAULT_THEME: &str = "default";
/// The theme used when none is named and `NO_COLOR` is set.
pub const MONO_THEME: &str = "mono";

/// A named semantic style: one key of a theme file's `[styles]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Ordinary text.
    Base,
    /// Hints, timestamps, secondary text.
    Muted,
    /// Screen and popup titles.
    Title,
    /// A pane's border.
    Border,
    /// The focused pane's border.
    BorderFocused,
    /// A pane's title.
    PaneTitle,
    /// The focused pane's title.
    PaneTitleFocused,
    /// The selected row of the focused list.
    Selected,
    /// The selected row of a list without focus.
    SelectedUnfocused,
    /// A tab.
    Tab,
    /// The open tab.
    TabActive,
    /// The header bar (meeting, case reference, clock).
    Header,
    /// The status bar at the bottom.
    StatusBar,
    /// The keys in the status bar.
    KeyHint,
    /// An agenda item not yet reached.
    ItemPending,
    /// The agenda item being discussed.
    ItemCurrent,
    /// A finished agenda item.
    ItemDone,
    /// A skipped or not applicable agenda item.
    ItemSkipped,
    /// Save failures ("NOT SAVED").
    Warning,
    /// Errors.
    Error,
    /// Good news ("saved 14:03").
    Success,
    /// Overdue actions.
    Overdue,
    /// The marker on restricted entries.
    Restricted,
    /// The marker on professionals-only entries.
    ProfessionalsOnly,
    /// Who said it, before a note.
    Speaker,
    /// The checklist question of the current agenda item.
    Prompt,
    /// The text of an input field.
    Input,
    /// The text of the input field being typed in.
    InputFocused,
    /// The border of popups and confirmations.
    PopupBorder,
    /// The key column of the help screen.
    HelpKey,
}

impl Role {
    /// How many roles there are.
    pub const COUNT: usize = 30;

    /// Every role, in the order of the theme files.
    pub const ALL: [Self; Self::COUNT] = [
        Self::Base,
        Self::Muted,
        Self::Title,
        Self::Border,
        Self::BorderFocused,
        Self::PaneTitle,
        Self::PaneTitleFocused,
        Self::Selected,
        Self::SelectedUnfocused,
        Self::Tab,
        Self::TabActive,
        Self::Header,
        Self::StatusBar,
        Self::KeyHint,
        Self::ItemPending,
        Self::ItemCurrent,
        Self::ItemDone,
        Self::ItemSkipped,
        Self::Warning,
        Self::Error,
        Self::Success,
        Self::Overdue,
        Self::Restricted,
        Self::ProfessionalsOnly,
        Self::Speaker,
        Self::Prompt,
        Self::Input,
        Self::InputFocused,
        Self::PopupBorder,
        Self::HelpKey,
    ];

    /// The states that must show without colour: each differs from [`Role::Base`] by a
    /// modifier in every built-in theme.
    pub const MUST_STAND_OUT: [Self; 11] = [
        Self::BorderFocused,
        Self::PaneTitleFocused,
        Self::Selected,
        Self::SelectedUnfocused,
        Self::TabActive,
        Self::ItemCurrent,
        Self::Warning,
        Self::Overdue,
        Self::Restricted,
        Self::ProfessionalsOnly,
        Self::InputFocused,
    ];

    /// The key in a theme file, e.g. `border_focused`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Base => "base",
            Self::Muted => "muted",
            Self::Title => "title",
            Self::Border => "border",
            Self::BorderFocused => "border_focused",
            Self::PaneTitle => "pane_title",
            Self::PaneTitleFocused => "pane_title_focused",
            Self::Selected => "selected",
            Self::SelectedUnfocused => "selected_unfocused",
            Self::Tab => "tab",
            Self::TabActive => "tab_active",
            Self::Header => "header",
            Self::StatusBar => "status_bar",
            Self::KeyHint => "key_hint",
            Self::ItemPending => "item_pending",
            Self::ItemCurrent => "item_current",
            Self::ItemDone => "item_done",
            Self::ItemSkipped => "item_skipped",
            Self::Warning => "warning",
            Self::Error => "error",
            Self::Success => "success",
            Self::Overdue => "overdue",
            Self::Restricted => "restricted",
            Self::ProfessionalsOnly => "professionals_only",
            Self::Speaker => "speaker",
            Self::Prompt => "prompt",
            Self::Input => "input",
            Self::InputFocused => "input_focused",
            Self::PopupBorder => "popup_border",
            Self::HelpKey => "help_key",
        }
    }

    /// The role with this key, ignoring case and taking `-` for `_` (`Border-Focused`).
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        let key = key.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|role| role.key() == key)
    }
}

/// Every style of a theme as written, by role.
type Specs = [StyleSpec; Role::COUNT];

/// A complete theme: a style for every [`Role`], with semantic accessors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: String,
    styles: [Style; Role::COUNT],
}

impl Default for Theme {
    /// The built-in `default` theme.
    fn default() -> Self {
        Self::builtin_or_bare(DEFAULT_THEME)
    }
}

impl Theme {
    /// A built-in theme by name (see [`Theme::builtin_names`]), ignoring case.
    #[must_use]
    pub fn builtin(name: &str) -> Option<Self> {
        let (name, specs) = builtin_specs(name)?.ok()?;
        Some(Self::from_specs(name, &specs))
    }

    /// The names of the built-in themes: `default`, `light`, `high-contrast`, `mono`.
    #[must_use]
    pub const fn builtin_names() -> &'static [&'static str] {
        &BUILTIN_NAMES
    }

    /// The built-in `mono` theme: no colour, states shown by bold, reversed, underlined,
    /// dim and italic text. Used when `NO_COLOR` is set and no theme is named.
    #[must_use]
    pub fn mono() -> Self {
        Self::builtin_or_bare(MONO_THEME)
    }

    /// The theme's name: the built-in's or the user file's.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The style for a role.
    #[must_use]
    pub const fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    /// Ordinary text. Paint the whole frame with it first.
    #[must_use]
    pub const fn base(&self) -> Style {
        self.style(Role::Base)
    }

    /// Hints, timestamps and other secondary text.
    #[must_use]
    pub const fn muted(&self) -> Style {
        self.style(Role::Muted)
    }

    /// Screen and popup titles.
    #[must_use]
    pub const fn title(&self) -> Style {
        self.style(Role::Title)
    }

    /// A pane's border, depending on whether the pane has focus.
    #[must_use]
    pub const fn border(&self, focused: bool) -> Style {
        self.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        })
    }

    /// A pane's title, depending on whether the pane has focus.
    #[must_use]
    pub const fn pane_title(&self, focused: bool) -> Style {
        self.style(if focused {
            Role::PaneTitleFocused
        } else {
            Role::PaneTitle
        })
    }

    /// The selected row of a list (the highlight style), depending on whether the list has focus.
    #[must_use]
    pub const fn selected(&self, focused: bool) -> Style {
        self.style(if focused {
            Role::Selected
        } else {
            Role::SelectedUnfocused
        })
    }

    /// A tab's label, depending on whether it is the open tab.
    #[must_use]
    pub const fn tab(&self, active: bool) -> Style {
        self.style(if active { Role::TabActive } else { Role::Tab })
    }

    /// The header bar (meeting, case reference, clock).
    #[must_use]
    pub const fn header(&self) -> Style {
        self.style(Role::Header)
    }

    /// The status bar at the bottom.
    #[must_use]
    pub const fn status_bar(&self) -> Style {
        self.style(Role::StatusBar)
    }

    /// The key letters in the status bar ("q" in "q quit"); patch it over [`Theme::status_bar`].
    #[must_use]
    pub const fn key_hint(&self) -> Style {
        self.style(Role::KeyHint)
    }

    /// An agenda item by status; skipped and not applicable items look alike.
    #[must_use]
    pub const fn item(&self, status: ItemStatus) -> Style {
        self.style(match status {
            ItemStatus::Pending => Role::ItemPending,
            ItemStatus::Current => Role::ItemCurrent,
            ItemStatus::Done => Role::ItemDone,
            ItemStatus::Skipped | ItemStatus::NotApplicable => Role::ItemSkipped,
        })
    }

    /// Save failures ("NOT SAVED") and other things the minute-taker must act on.
    #[must_use]
    pub const fn warning(&self) -> Style {
        self.style(Role::Warning)
    }

    /// Errors.
    #[must_use]
    pub const fn error(&self) -> Style {
        self.style(Role::Error)
    }

    /// Good news ("saved 14:03").
    #[must_use]
    pub const fn success(&self) -> Style {
        self.style(Role::Success)
    }

    /// Overdue actions.
    #[must_use]
    pub const fn overdue(&self) -> Style {
        self.style(Role::Overdue)
    }

    /// The marker on restricted entries.
    #[must_use]
    pub const fn restricted(&self) -> Style {
        self.style(Role::Restricted)
    }

    /// The marker on professionals-only entries.
    #[must_use]
    pub const fn professionals_only(&self) -> Style {
        self.style(Role::ProfessionalsOnly)
    }

    /// The marker for an entry's visibility: `None` for entries everyone may see.
    #[must_use]
    pub const fn visibility(&self, visibility: Visibility) -> Option<Style> {
        match visibility {
            Visibility::All => None,
            Visibility::ProfessionalsOnly => Some(self.professionals_only()),
            Visibility::Restricted => Some(self.restricted()),
        }
    }

    /// Who said it, before a note.
    #[must_use]
    pub const fn speaker(&self) -> Style {
        self.style(Role::Speaker)
    }

    /// The checklist question of the current agenda item.
    #[must_use]
    pub const fn prompt(&self) -> Style {
        self.style(Role::Prompt)
    }

    /// The text of an input field, depending on whether it is being typed in. Its border
    /// takes [`Theme::border`].
    #[must_use]
    pub const fn input(&self, focused: bool) -> Style {
        self.style(if focused {
            Role::InputFocused
        } else {
            Role::Input
        })
    }

    /// The border of popups and confirmations.
    #[must_use]
    pub const fn popup_border(&self) -> Style {
        self.style(Role::PopupBorder)
    }

    /// The key column of the help screen.
    #[must_use]
    pub const fn help_key(&self) -> Style {
        self.style(Role::HelpKey)
    }

    fn from_specs(name: impl Into<String>, specs: &Specs) -> Self {
        Self {
            name: name.into(),
            styles: specs.map(StyleSpec::to_style),
        }
    }

    /// A built-in theme, or if its file is broken (the tests rule that out) plain text with
    /// reversed states, so the app still runs and still shows focus and warnings.
    fn builtin_or_bare(name: &str) -> Self {
        Self::builtin(name).unwrap_or_else(|| Self::bare(name))
    }

    fn bare(name: &str) -> Self {
        let mut styles = [Style::new(); Role::COUNT];
        for role in Role::MUST_STAND_OUT {
            styles[role as usize] = Style::new().add_modifier(Modifier::REVERSED);
        }
        Self {
            name: name.to_owned(),
            styles,
        }
    }
}

/// The styles of a built-in theme as written: `None` for an unknown name, `Err` if its
/// embedded file does not parse (a bug the tests catch).
fn builtin_specs(name: &str) -> Option<Result<(&'static str, Specs), String>> {
    let (name, text) = BUILTINS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name.trim()))?;
    let path = format!("<built-in>/{name}.toml");
    Some(
        ThemeFile::parse(std::path::Path::new(&path), text)
            .map(|file| (*name, apply(&[StyleSpec::default(); Role::COUNT], &file)))
            .map_err(|error| error.to_string()),
    )
}

/// `base` with each style the file sets patched over it.
fn apply(base: &Specs, file: &ThemeFile) -> Specs {
    let mut specs = *base;
    for (role, spec) in &file.styles {
        specs[*role as usize] = specs[*role as usize].patched(*spec);
    }
    specs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_in_index_order_and_keys_round_trip() {
        for (i, role) in Role::ALL.iter().enumerate() {
            assert_eq!(*role as usize, i);
            assert_eq!(Role::from_key(role.key()), Some(*role));
        }
        assert_eq!(Role::from_key("Pane-Title"), Some(Role::PaneTitle));
        assert_eq!(Role::from_key("extends"), None);
    }

    #[test]
    fn every_builtin_parses_and_sets_every_style() {
        for (name, text) in BUILTINS {
            assert!(matches!(builtin_specs(name), Some(Ok(_))), "{name}");
            let file = ThemeFile::parse(std::path::Path::new(name), text);
            let file = file.ok().unwrap_or_default();
            for role in Role::ALL {
                assert!(
                    file.styles.contains_key(&role),
                    "{name} has no {}",
                    role.key()
                );
            }
            assert_eq!(file.extends, None, "built-ins stand alone: {name}");
        }
        assert_eq!(
            BUILTINS.map(|(name, _)| name),
            BUILTIN_NAMES,
            "BUILTIN_NAMES lists BUILTINS"
        );
    }

    #[test]
    fn bare_still_shows_states() {
        let bare = Theme::bare("x");
        assert_ne!(bare.selected(true), bare.base());
        assert_ne!(bare.warning(), bare.base());
    }
}
