//! Themes: the built-ins are complete, work in 16 colours and without colour, and user
//! files patch them, or fall back with a warning naming the file and line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use minutes::config::{UserFiles, read_user_files};
use minutes::model::{ItemStatus, Visibility};
use minutes::tui::theme::{Role, Theme, available_themes, load_theme};
use ratatui::style::{Color, Modifier, Style};

const FILES: [(&str, &str); 4] = [
    ("default", include_str!("../themes/default.toml")),
    ("light", include_str!("../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../themes/mono.toml")),
];

fn builtins() -> Vec<Theme> {
    Theme::builtin_names()
        .iter()
        .map(|name| Theme::builtin(name).unwrap_or_else(|| panic!("built-in {name} loads")))
        .collect()
}

/// The theme files in `dir`, read as the app reads the user's theme folder.
fn themes(dir: &Path) -> UserFiles {
    read_user_files(dir, "toml")
}

fn write(dir: &Path, name: &str, text: &str) {
    fs_err::write(dir.join(format!("{name}.toml")), text).unwrap();
}

/// Pairs of (plain, stand-out) styles a screen shows side by side.
const PAIRS: [(Role, Role); 7] = [
    (Role::Border, Role::BorderFocused),
    (Role::PaneTitle, Role::PaneTitleFocused),
    (Role::SelectedUnfocused, Role::Selected),
    (Role::Tab, Role::TabActive),
    (Role::Input, Role::InputFocused),
    (Role::ItemPending, Role::ItemCurrent),
    (Role::Base, Role::Warning),
];

#[test]
fn builtin_names_and_files_agree() {
    let names: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
    assert_eq!(Theme::builtin_names(), names.as_slice());
    for theme in builtins() {
        assert!(Theme::builtin_names().contains(&theme.name()));
    }
    assert_eq!(
        Theme::builtin("Light").map(|t| t.name().to_owned()),
        Some("light".into())
    );
    assert!(Theme::builtin("nope").is_none());
    assert_eq!(Theme::default(), Theme::builtin("default").unwrap());
    assert_eq!(Theme::mono(), Theme::builtin("mono").unwrap());
}

#[test]
fn every_builtin_file_defines_every_style() {
    for (name, text) in FILES {
        let table: toml::Table = toml::from_str(text).unwrap();
        let styles = table["styles"].as_table().unwrap();
        for role in Role::ALL {
            assert!(
                styles.contains_key(role.key()),
                "{name}.toml has no {}",
                role.key()
            );
        }
        assert_eq!(
            styles.len(),
            Role::ALL.len(),
            "{name}.toml has extra styles"
        );
    }
}

#[test]
fn default_documents_every_style() {
    let docs = FILES[0].1;
    for role in Role::ALL {
        assert!(
            docs.lines()
                .filter(|line| line.starts_with('#'))
                .any(|line| line.contains(role.key())),
            "default.toml's header does not describe {}",
            role.key()
        );
    }
}

#[test]
fn mono_uses_no_colour() {
    let mono = Theme::mono();
    for role in Role::ALL {
        let style = mono.style(role);
        for colour in [style.fg, style.bg, style.underline_color] {
            assert!(
                matches!(colour, None | Some(Color::Reset)),
                "{role:?}: {style:?}"
            );
        }
    }
}

#[test]
fn states_differ_by_modifier_in_every_theme() {
    // Under NO_COLOR crossterm drops colours and keeps modifiers, so these must still show.
    for theme in builtins() {
        let base = theme.base().add_modifier;
        for role in Role::MUST_STAND_OUT {
            assert_ne!(
                theme.style(role).add_modifier,
                base,
                "{}: {role:?} looks like base text without colour",
                theme.name()
            );
        }
        for (plain, marked) in PAIRS {
            assert_ne!(
                theme.style(plain).add_modifier,
                theme.style(marked).add_modifier,
                "{}: {plain:?} and {marked:?} look alike without colour",
                theme.name()
            );
        }
        // Restricted and professionals-only markers can sit side by side.
        assert_ne!(
            theme.restricted().add_modifier,
            theme.professionals_only().add_modifier,
            "{}",
            theme.name()
        );
    }
}

#[test]
fn mono_states_use_bold_reverse_or_underline() {
    // Dim and italic are not shown by every terminal; the states that matter use the others.
    let strong = Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED;
    let mono = Theme::mono();
    for role in Role::MUST_STAND_OUT {
        assert!(mono.style(role).add_modifier.intersects(strong), "{role:?}");
    }
}

#[test]
fn colour_themes_use_only_the_16_named_colours() {
    for theme in builtins() {
        for role in Role::ALL {
            let style = theme.style(role);
            for colour in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                    "{}: {role:?} uses {colour:?}, which 16-colour terminals lack",
                    theme.name()
                );
            }
        }
    }
}

#[test]
fn default_and_light_keep_the_terminals_own_text_and_background() {
    for name in ["default", "light"] {
        let theme = Theme::builtin(name).unwrap();
        assert_eq!(
            theme.base(),
            Style::new().fg(Color::Reset).bg(Color::Reset),
            "{name}"
        );
        for role in Role::ALL {
            let style = theme.style(role);
            assert!(
                matches!(style.bg, None | Some(Color::Reset)),
                "{name}: {role:?} paints a background"
            );
            // White text vanishes on a light terminal, black on a dark one.
            assert!(
                !matches!(style.fg, Some(Color::White | Color::Black)),
                "{name}: {role:?}"
            );
        }
    }
    let light = Theme::builtin("light").unwrap();
    for role in Role::ALL {
        let fg = light.style(role).fg;
        assert!(
            !matches!(
                fg,
                Some(
                    Color::Yellow
                        | Color::Cyan
                        | Color::LightYellow
                        | Color::LightCyan
                        | Color::LightGreen
                        | Color::Gray
                )
            ),
            "light: {role:?} is pale on a pale background"
        );
    }
}

#[test]
fn high_contrast_pairs_every_colour_with_its_background() {
    let theme = Theme::builtin("high-contrast").unwrap();
    for role in Role::ALL {
        let style = theme.style(role);
        assert!(
            style.fg.is_some() && style.bg.is_some(),
            "{role:?}: {style:?}"
        );
        assert_ne!(style.fg, Some(Color::Reset), "{role:?}");
        assert_ne!(style.bg, Some(Color::Reset), "{role:?}");
    }
}

#[test]
fn semantic_methods_pick_their_roles() {
    let theme = Theme::default();
    assert_eq!(theme.selected(true), theme.style(Role::Selected));
    assert_eq!(theme.selected(false), theme.style(Role::SelectedUnfocused));
    assert_eq!(theme.border(true), theme.style(Role::BorderFocused));
    assert_eq!(theme.pane_title(false), theme.style(Role::PaneTitle));
    assert_eq!(theme.tab(true), theme.style(Role::TabActive));
    assert_eq!(theme.input(true), theme.style(Role::InputFocused));
    assert_eq!(
        theme.item(ItemStatus::Current),
        theme.style(Role::ItemCurrent)
    );
    assert_eq!(
        theme.item(ItemStatus::NotApplicable),
        theme.item(ItemStatus::Skipped)
    );
    assert_eq!(theme.visibility(Visibility::All), None);
    assert_eq!(
        theme.visibility(Visibility::Restricted),
        Some(theme.restricted())
    );
    assert_eq!(
        theme.visibility(Visibility::ProfessionalsOnly),
        Some(theme.professionals_only())
    );
}

#[test]
fn no_color_picks_mono_and_an_explicit_name_beats_it() {
    let (theme, warnings) = load_theme(None, None, true);
    assert_eq!((theme.name(), warnings.len()), ("mono", 0));
    assert_eq!(theme, Theme::mono());

    let (theme, warnings) = load_theme(Some("light"), None, true);
    assert_eq!((theme.name(), warnings.len()), ("light", 0));

    let (theme, warnings) = load_theme(None, None, false);
    assert_eq!((theme.name(), warnings.len()), ("default", 0));
    assert_eq!(theme, Theme::default());

    // An empty name is no name.
    let (theme, _) = load_theme(Some(" "), None, true);
    assert_eq!(theme.name(), "mono");
}

#[test]
fn unknown_name_warns_listing_the_themes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mine", "[styles]\n");
    let (theme, warnings) = load_theme(Some("solarized"), Some(&themes(dir.path())), false);
    assert_eq!(theme, Theme::default());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert!(warning.contains("solarized"), "{warning}");
    for name in ["default", "light", "high-contrast", "mono", "mine"] {
        assert!(warning.contains(name), "{warning} should list {name}");
    }
    // Under NO_COLOR the fallback has no colour either.
    let (theme, warnings) = load_theme(Some("solarized"), None, true);
    assert_eq!((theme.name(), warnings.len()), ("mono", 1));
}

#[test]
fn partial_override_changes_only_what_it_names() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "light",
        "[styles]\nselected = { fg = \"green\" }\nmuted = { italic = true }\n",
    );
    let (theme, warnings) = load_theme(Some("light"), Some(&themes(dir.path())), false);
    assert!(warnings.is_empty(), "{warnings:?}");
    let light = Theme::builtin("light").unwrap();
    for role in Role::ALL {
        match role {
            Role::Selected => assert_eq!(theme.style(role), light.style(role).fg(Color::Green)),
            Role::Muted => assert_eq!(
                theme.style(role),
                light.style(role).add_modifier(Modifier::ITALIC)
            ),
            _ => assert_eq!(theme.style(role), light.style(role), "{role:?}"),
        }
    }
    // The modifiers of `selected` survive: it is still reversed and bold.
    assert!(
        theme
            .selected(true)
            .add_modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
}

#[test]
fn user_default_applies_without_a_name_but_not_under_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "default",
        "[styles]\ntitle = { fg = \"magenta\" }\n",
    );
    let (theme, _) = load_theme(None, Some(&themes(dir.path())), false);
    assert_eq!(theme.title().fg, Some(Color::Magenta));
    let (theme, _) = load_theme(None, Some(&themes(dir.path())), true);
    assert_eq!(theme, Theme::mono());
}

#[test]
fn new_theme_starts_from_default_or_what_it_extends() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mine",
        "[styles]\nwarning = { fg = \"#ff8800\", underlined = true }\n",
    );
    write(
        dir.path(),
        "quiet",
        "extends = \"mono\"\n[styles.speaker]\nitalic = true\n",
    );
    write(
        dir.path(),
        "palette",
        "[styles]\nspeaker = { fg = 208, bg = \"Dark-Grey\" }\n",
    );

    let (mine, warnings) = load_theme(Some("mine"), Some(&themes(dir.path())), false);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(mine.name(), "mine");
    let default = Theme::default();
    assert_eq!(
        mine.warning(),
        default
            .warning()
            .fg(Color::Rgb(0xff, 0x88, 0))
            .add_modifier(Modifier::UNDERLINED)
    );
    assert_eq!(mine.base(), default.base());

    let (quiet, warnings) = load_theme(Some("quiet"), Some(&themes(dir.path())), false);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mono = Theme::mono();
    assert_eq!(
        quiet.speaker(),
        mono.speaker().add_modifier(Modifier::ITALIC)
    );
    assert_eq!(quiet.selected(true), mono.selected(true));

    let (palette, warnings) = load_theme(Some("palette"), Some(&themes(dir.path())), false);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(palette.speaker().fg, Some(Color::Indexed(208)));
    assert_eq!(palette.speaker().bg, Some(Color::DarkGray));

    let names = available_themes(Some(&themes(dir.path())));
    assert_eq!(
        names,
        [
            "default",
            "light",
            "high-contrast",
            "mono",
            "mine",
            "palette",
            "quiet"
        ]
    );
}

#[test]
fn extending_an_unknown_theme_warns() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mine",
        "extends = \"solarized\"\n[styles]\ntitle = { bold = false }\n",
    );
    let (theme, warnings) = load_theme(Some("mine"), Some(&themes(dir.path())), false);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("solarized") && warnings[0].contains("mine.toml"),
        "{warnings:?}"
    );
    assert_eq!(theme.base(), Theme::default().base());
}

/// Loads a broken `<name>.toml` and returns the warning, checking the fallback theme.
fn broken(name: &str, text: &str, falls_back_to: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), name, text);
    let (theme, warnings) = load_theme(Some(name), Some(&themes(dir.path())), false);
    assert_eq!(
        theme,
        Theme::builtin(falls_back_to).unwrap(),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warnings[0].clone();
    let file = dir.path().join(format!("{name}.toml"));
    assert!(
        warning.contains(&file.display().to_string()),
        "{warning} names the file"
    );
    assert!(!warning.contains('\n'), "{warning} fits one line");
    warning
}

#[test]
fn broken_files_fall_back_with_file_line_and_column() {
    let warning = broken("light", "[styles]\nbase = { fg = \"reset\" \n", "light");
    assert!(warning.contains("line 2, column"), "{warning}");

    let warning = broken(
        "light",
        "[styles]\nbase = {}\nslected = { bold = true }\n",
        "light",
    );
    assert!(
        warning.contains("line 3, column 1")
            && warning.contains("`slected`; did you mean `selected`?"),
        "{warning}"
    );

    let warning = broken("mono", "[styles]\nmuted = { fg = \"pruple\" }\n", "mono");
    assert!(
        warning.contains("line 2, column 16") && warning.contains("pruple"),
        "{warning}"
    );

    let warning = broken("mine", "[styles]\nmuted = { bolt = true }\n", "default");
    assert!(
        warning.contains("line 2") && warning.contains("bolt"),
        "{warning}"
    );

    let warning = broken("mine", "[styles]\nmuted = { bold = \"yes\" }\n", "default");
    assert!(warning.contains("line 2"), "{warning}");

    let warning = broken("mine", "selected = { bold = true }\n", "default");
    assert!(
        warning.contains("line 1") && warning.contains("selected"),
        "{warning}"
    );

    let warning = broken("mine", "[styles]\nmuted = { fg = -1 }\n", "default");
    assert!(warning.contains("0-255"), "{warning}");
}

#[test]
fn unreadable_theme_file_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    fs_err::write(dir.path().join("light.toml"), [0xff, 0xfe, 0x00]).unwrap();
    let (theme, warnings) = load_theme(Some("light"), Some(&themes(dir.path())), false);
    assert_eq!(theme, Theme::builtin("light").unwrap());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("light.toml"), "{warnings:?}");
}

#[test]
fn missing_user_folder_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("nope");
    let (theme, warnings) = load_theme(Some("light"), Some(&themes(&gone)), false);
    assert_eq!((theme.name(), warnings.len()), ("light", 0));
    assert_eq!(
        available_themes(Some(&themes(&gone))).len(),
        Theme::builtin_names().len()
    );
}
