//! Where records and user templates live.

use std::path::PathBuf;

/// Environment variable naming the records folder.
pub const DIR_ENV: &str = "MINUTES_DIR";
/// Environment variable naming the config folder (user templates, themes, settings).
pub const CONFIG_ENV: &str = "MINUTES_CONFIG_DIR";

/// The records folder: `--dir`, else `$MINUTES_DIR`, else the platform data folder
/// (`$XDG_DATA_HOME/minutes/records`, usually `~/.local/share/minutes/records`, on Linux).
#[must_use]
pub fn records_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| non_empty_env(DIR_ENV))
        .or_else(|| dirs::data_dir().map(|d| d.join("minutes").join("records")))
}

/// The config folder: `$MINUTES_CONFIG_DIR`, else the platform config folder
/// (`$XDG_CONFIG_HOME/minutes`, usually `~/.config/minutes`, on Linux).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    non_empty_env(CONFIG_ENV).or_else(|| dirs::config_dir().map(|d| d.join("minutes")))
}

/// The user's template folder inside the config folder.
#[must_use]
pub fn templates_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("templates"))
}

fn non_empty_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
