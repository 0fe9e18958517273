//! Choosing a theme: the name asked for, `NO_COLOR`, and the user's theme files (read by
//! [`crate::config::user_themes`]; this module only parses their text).

use super::file::{StyleSpec, ThemeFile};
use super::{DEFAULT_THEME, MONO_THEME, Role, Specs, Theme, apply, builtin_specs};
use crate::config::{UserFile, UserFiles};

/// Whether the `NO_COLOR` environment variable asks for no colour: set and not empty
/// (<https://no-color.org>).
#[must_use]
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// The themes that can be named: the built-ins, then the user's theme files, sorted, each
/// name once.
#[must_use]
pub fn available_themes(user_files: Option<&UserFiles>) -> Vec<String> {
    let mut names: Vec<String> = Theme::builtin_names()
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    let mut user: Vec<String> = user_files
        .map(|user| user.files.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(UserFile::stem)
        .filter(|name| is_plain_name(name) && !names.iter().any(|n| n == name))
        .map(str::to_owned)
        .collect();
    user.sort();
    user.dedup();
    names.append(&mut user);
    names
}

/// Picks and loads the theme, returning it with any warnings to show the user.
///
/// - `name`: the theme the user named (flag or settings). It wins over `NO_COLOR`, as
///   no-color.org asks. Without it, `NO_COLOR` (`no_color`, see [`no_color_requested`])
///   means `mono`, else `default`.
/// - `user_files`: the user's theme files (see [`crate::config::user_themes`]). The file
///   `<name>.toml` changes the built-in theme of that name, or the theme it `extends`, or
///   `default`.
///
/// Never fails: a file that cannot be read or has a mistake gives a warning naming the file,
/// line and column, and the built-in of that name is used instead; an unknown name gives a
/// warning listing the themes there are, and `default` is used (`mono` under `NO_COLOR`).
#[must_use]
pub fn load_theme(
    name: Option<&str>,
    user_files: Option<&UserFiles>,
    no_color: bool,
) -> (Theme, Vec<String>) {
    let fallback = if no_color { MONO_THEME } else { DEFAULT_THEME };
    let wanted = name.map(str::trim).filter(|name| !name.is_empty());
    let mut warnings = Vec::new();
    let theme = resolve(
        wanted.unwrap_or(fallback),
        user_files,
        fallback,
        &mut warnings,
    );
    (theme, warnings)
}

fn resolve(
    name: &str,
    user_files: Option<&UserFiles>,
    fallback: &str,
    warnings: &mut Vec<String>,
) -> Theme {
    if !is_plain_name(name) {
        warnings.push(format!(
            "theme name '{name}' is not a file name; using the '{fallback}' theme"
        ));
        return builtin(fallback, warnings);
    }
    let user_file = user_files.and_then(|user| user.files.iter().find(|f| f.stem() == Some(name)));
    let Some(UserFile { path, text }) = user_file else {
        if let Some(theme) = Theme::builtin(name) {
            return theme;
        }
        warnings.push(format!(
            "no theme named '{name}'; themes: {}; using the '{fallback}' theme",
            available_themes(user_files).join(", ")
        ));
        return builtin(fallback, warnings);
    };
    // A broken file falls back to the built-in it was changing.
    let instead = if builtin_specs(name).is_some() {
        name
    } else {
        fallback
    };
    let file = match text {
        Ok(text) => ThemeFile::parse(path, text).map_err(|error| error.to_string()),
        Err(error) => Err(error.to_string()),
    };
    let file = match file {
        Ok(file) => file,
        Err(error) => {
            warnings.push(format!(
                "theme not loaded: {error}; using the built-in '{instead}' theme"
            ));
            return builtin(instead, warnings);
        }
    };
    let base_name = match file.extends.as_deref() {
        Some(extends) if builtin_specs(extends).is_some() => extends,
        Some(extends) => {
            let base = if builtin_specs(name).is_some() {
                name
            } else {
                DEFAULT_THEME
            };
            warnings.push(format!(
                "{}: extends '{extends}', which is not a built-in theme ({}); extending '{base}'",
                path.display(),
                Theme::builtin_names().join(", ")
            ));
            base
        }
        None if builtin_specs(name).is_some() => name,
        None => DEFAULT_THEME,
    };
    let base = builtin_or_bare_specs(base_name, warnings);
    Theme::from_specs(name, &apply(&base, &file))
}

/// A built-in theme; if its embedded file is broken, says so and uses [`Theme::bare`].
fn builtin(name: &str, warnings: &mut Vec<String>) -> Theme {
    match builtin_specs(name) {
        Some(Ok((name, specs))) => Theme::from_specs(name, &specs),
        Some(Err(error)) => {
            warnings.push(format!("built-in theme broken: {error}"));
            Theme::bare(name)
        }
        None => {
            warnings.push(format!("no built-in theme named '{name}'"));
            Theme::bare(name)
        }
    }
}

/// The styles of a built-in theme, or none at all (plain text) if it is broken.
fn builtin_or_bare_specs(name: &str, warnings: &mut Vec<String>) -> Specs {
    match builtin_specs(name) {
        Some(Ok((_, specs))) => specs,
        Some(Err(error)) => {
            warnings.push(format!("built-in theme broken: {error}"));
            [StyleSpec::default(); Role::COUNT]
        }
        None => [StyleSpec::default(); Role::COUNT],
    }
}

/// A theme name must be a plain file name, so `<user_dir>/<name>.toml` stays in the folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names() {
        assert!(is_plain_name("my-theme"));
        assert!(is_plain_name("Théme 2"));
        assert!(!is_plain_name("../x"));
        assert!(!is_plain_name("a/b"));
        assert!(!is_plain_name(".hidden"));
        assert!(!is_plain_name(""));
    }

    #[test]
    fn bad_name_warns_and_falls_back() {
        let (theme, warnings) = load_theme(Some("../etc/x"), None, true);
        assert_eq!(theme.name(), MONO_THEME);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
