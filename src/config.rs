//! Where records, user templates, themes and settings live, and reading the settings file.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::calendar::Holidays;
use crate::error::Error;

/// Environment variable naming the records folder.
pub const DIR_ENV: &str = "MINUTES_DIR";
/// Environment variable naming the config folder (user templates, themes, settings).
pub const CONFIG_ENV: &str = "MINUTES_CONFIG_DIR";

/// The records folder: `--dir`, else `$MINUTES_DIR`, else `records_dir` in `config.toml`
/// (a team folder on a shared server, say), else the platform data folder
/// (`$XDG_DATA_HOME/minutes/records`, usually `~/.local/share/minutes/records`, on Linux).
#[must_use]
pub fn records_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| non_empty_env(DIR_ENV))
        .or_else(|| load_settings().0.records_dir())
        .or_else(|| dirs::data_dir().map(|d| d.join("minutes").join("records")))
}

/// The config folder: `$MINUTES_CONFIG_DIR`, else the platform config folder
/// (`$XDG_CONFIG_HOME/minutes`, usually `~/.config/minutes`, on Linux).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    non_empty_env(CONFIG_ENV).or_else(|| dirs::config_dir().map(|d| d.join("minutes")))
}

/// Where the records and the user's own files are, found once from `--dir` and the
/// environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The records folder ([`records_dir`]); `None` when no home or data folder is known.
    pub records: Option<PathBuf>,
    /// The config folder ([`config_dir`]); `None` when none is known: the built-in templates
    /// and bank holidays alone.
    pub config: Option<PathBuf>,
}

impl Places {
    /// The records folder from `--dir` (or the environment) and the config folder.
    #[must_use]
    pub fn find(records_flag: Option<PathBuf>) -> Self {
        Self {
            records: records_dir(records_flag),
            config: config_dir(),
        }
    }
}

/// The user's login name: the account's, from the passwd database, else `$USER`.
#[must_use]
pub fn login_name() -> Option<String> {
    Account::current().login
}

/// The account running `minutes`, as the system knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    /// The login name.
    pub login: Option<String>,
    /// The full name: the first comma-separated part of the passwd entry's GECOS field.
    pub full_name: Option<String>,
}

impl Account {
    /// The account of this process's real user id, from the passwd database (NSS, so LDAP
    /// accounts too); the login from `$USER` when the database has no entry.
    #[must_use]
    pub fn current() -> Self {
        let entry = nix::unistd::User::from_uid(nix::unistd::getuid())
            .ok()
            .flatten();
        let login = entry
            .as_ref()
            .map(|user| user.name.clone())
            .or_else(|| std::env::var("USER").ok());
        let full_name = entry.and_then(|user| {
            let gecos = user.gecos.to_string_lossy().into_owned();
            gecos.split(',').next().map(str::to_owned)
        });
        Self {
            login: login.and_then(|l| one_line(Some(&l))),
            full_name: full_name.and_then(|f| one_line(Some(&f))),
        }
    }
}

/// Who someone is, as minutes writes it: `configured` (`name` in `config.toml`), else the
/// account's full name, else its login; blanks are skipped. The one rule for every "by" and
/// for the minute taker of a new record.
#[must_use]
pub fn person_name(configured: Option<&str>, account: &Account) -> Option<String> {
    one_line(configured)
        .or_else(|| one_line(account.full_name.as_deref()))
        .or_else(|| one_line(account.login.as_deref()))
}

/// A file of the user's in a config subfolder (a template, a theme), read.
#[derive(Debug)]
pub struct UserFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its text, or why it could not be read (the error names the file).
    pub text: Result<String, Error>,
}

impl UserFile {
    /// The file name without its extension: the name a theme is chosen by.
    #[must_use]
    pub fn stem(&self) -> Option<&str> {
        self.path.file_stem()?.to_str()
    }
}

/// The files of one kind in a config subfolder, read, for the code that parses them.
#[derive(Debug, Default)]
pub struct UserFiles {
    /// Every regular file `*.<extension>` (extension in any case), in file-name order.
    pub files: Vec<UserFile>,
    /// Why the folder, or an entry of it, could not be listed.
    pub problems: Vec<Error>,
}

/// Reads every `*.<extension>` regular file in `dir` (in any case: `x.JSON` too), sorted by
/// name. A missing folder has no files and no problem.
#[must_use]
pub fn read_user_files(dir: &Path, extension: &str) -> UserFiles {
    let mut found = UserFiles::default();
    let entries = match fs_err::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return found,
        Err(error) => {
            found.problems.push(Error::Io(error));
            return found;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let wanted = path
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case(extension));
                // A folder, a FIFO or a device named like one is not read.
                if wanted && path.is_file() {
                    paths.push(path);
                }
            }
            Err(error) => found.problems.push(Error::Io(error)),
        }
    }
    // read_dir's order is unspecified; sorted, what is built from the files is stable.
    paths.sort();
    found.files = paths
        .into_iter()
        .map(|path| UserFile {
            text: fs_err::read_to_string(&path).map_err(Error::Io),
            path,
        })
        .collect();
    found
}

/// The user's template files in the config folder `config`: `templates/*.json`, read.
#[must_use]
pub fn user_templates_in(config: &Path) -> UserFiles {
    read_user_files(&config.join("templates"), "json")
}

/// The user's theme files in the config folder `config`: `themes/*.toml`, read.
#[must_use]
pub fn user_themes_in(config: &Path) -> UserFiles {
    read_user_files(&config.join("themes"), "toml")
}

/// The user's theme files in the config folder, read; `None` when no config folder is known.
#[must_use]
pub fn user_themes() -> Option<UserFiles> {
    config_dir().map(|config| user_themes_in(&config))
}

/// The name of the user's extra holidays file in the config folder.
pub const HOLIDAYS_FILE: &str = "bank-holidays.txt";

/// The working-day calendar: the built-in bank holidays of England and Wales plus the days in
/// `bank-holidays.txt` in the config folder `config` (missing file: the built-ins alone). Each
/// bad line comes back as a warning naming the file and line, and is skipped; an unreadable
/// file is a warning too, and the built-ins are used.
#[must_use]
pub fn holidays_in(config: &Path) -> (Holidays, Vec<String>) {
    load_holidays_from(&config.join(HOLIDAYS_FILE))
}

/// [`holidays_in`] from a given file.
#[must_use]
pub fn load_holidays_from(path: &Path) -> (Holidays, Vec<String>) {
    match fs_err::read_to_string(path) {
        Ok(text) => {
            let (holidays, problems) = Holidays::parse(&text);
            let warnings = problems
                .iter()
                .map(|problem| format!("{}: {problem}", path.display()))
                .collect();
            (holidays, warnings)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (Holidays::builtin(), Vec::new())
        }
        Err(error) => (
            Holidays::builtin(),
            vec![format!("{error}; using the built-in bank holidays only")],
        ),
    }
}

fn non_empty_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `config.toml` in the config folder. Every setting is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The theme to use unless `--theme` or `MINUTES_THEME` says otherwise.
    pub theme: Option<String>,
    /// Your name as minutes should write it: the minute taker of a record you create, and
    /// who corrected a note.
    pub name: Option<String>,
    /// The protective marking at the top of every document and in every page header, under
    /// the Government Security Classifications; default [`DEFAULT_MARKING`]
    /// (`OFFICIAL-SENSITIVE`). Some councils add a descriptor:
    /// `"OFFICIAL-SENSITIVE: PERSONAL"`.
    pub marking: Option<String>,
    /// The organisation whose minutes these are (`"London Borough of Lewisham"`): it heads
    /// every document. None by default.
    pub organisation: Option<String>,
    /// The council's time zone, an IANA name; default `Europe/London`. Every time shown (in
    /// the documents, on the screens, on the command line) is on this clock, whatever the
    /// server's zone; an unknown name is a warning and London is used.
    pub timezone: Option<String>,
    /// How many years after the meeting a record is kept (`minutes retention`); none by
    /// default, so `minutes retention` must then be given `--older-than`.
    pub retention_years: Option<u32>,
    /// The records folder, unless `--dir` or `MINUTES_DIR` says otherwise: on a shared
    /// server, the team folder (`minutes team init`), e.g. `"/srv/minutes/safeguarding"`.
    /// A leading `~/` is the home folder.
    pub records_dir: Option<PathBuf>,
}

/// The protective marking when `config.toml` gives none (Government Security
/// Classifications, 2014: personal data about an adult at risk is OFFICIAL-SENSITIVE).
pub const DEFAULT_MARKING: &str = "OFFICIAL-SENSITIVE";

impl Settings {
    /// The protective marking: `marking` on one line without control characters, or
    /// [`DEFAULT_MARKING`] when it is not given or blank.
    #[must_use]
    pub fn marking(&self) -> String {
        one_line(self.marking.as_deref()).unwrap_or_else(|| DEFAULT_MARKING.to_owned())
    }

    /// The records folder the settings name, if not blank; `~/` at its start is the home
    /// folder.
    #[must_use]
    pub fn records_dir(&self) -> Option<PathBuf> {
        let dir = self
            .records_dir
            .as_ref()
            .filter(|d| !d.as_os_str().is_empty())?;
        match dir.strip_prefix("~") {
            Ok(rest) => dirs::home_dir().map(|home| home.join(rest)),
            Err(_) => Some(dir.clone()),
        }
    }

    /// The organisation's name on one line, if given and not blank.
    #[must_use]
    pub fn organisation(&self) -> Option<String> {
        one_line(self.organisation.as_deref())
    }
}

/// `text` on one line without control characters, trimmed; `None` when that leaves nothing.
fn one_line(text: Option<&str>) -> Option<String> {
    let text = crate::text::for_record(text?).replace(['\n', '\t'], " ");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The user's name ([`person_name`]): the configured `name`, else the account's full name,
/// else the login (a settings file that cannot be read gives no configured name; its warning
/// is shown where the settings are loaded).
#[must_use]
pub fn user_name() -> Option<String> {
    person_name(load_settings().0.name.as_deref(), &Account::current())
}

/// The settings file's path.
#[must_use]
pub fn settings_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// Reads `config.toml`; a missing file is the defaults. A file that cannot be read or parsed
/// gives the defaults and a warning naming the file, line and column.
#[must_use]
pub fn load_settings() -> (Settings, Vec<String>) {
    match settings_path() {
        Some(path) => load_settings_from(&path),
        None => (Settings::default(), Vec::new()),
    }
}

/// `config.toml` in the config folder `config`, read as [`load_settings`] does.
#[must_use]
pub fn settings_in(config: &Path) -> (Settings, Vec<String>) {
    load_settings_from(&config.join("config.toml"))
}

/// [`load_settings`] from a given file.
#[must_use]
pub fn load_settings_from(path: &Path) -> (Settings, Vec<String>) {
    let path = path.to_owned();
    match fs_err::read_to_string(&path) {
        Ok(text) => match parse_toml(&path, &text) {
            Ok(settings) => (settings, Vec::new()),
            Err(error) => (
                Settings::default(),
                vec![format!("{error}; using the defaults")],
            ),
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (Settings::default(), Vec::new())
        }
        Err(error) => (
            Settings::default(),
            vec![format!("{error}; using the defaults")],
        ),
    }
}

/// The theme to use: `--theme`, else `$MINUTES_THEME`, else the settings file's `theme`.
#[must_use]
pub fn theme_name(flag: Option<String>, settings: &Settings) -> Option<String> {
    flag.or_else(|| std::env::var(THEME_ENV).ok())
        .filter(|name| !name.trim().is_empty())
        .or_else(|| settings.theme.clone())
}

/// Environment variable naming the theme.
pub const THEME_ENV: &str = "MINUTES_THEME";

/// Parses a TOML file's text; errors name the file, and the line and column where TOML
/// gives one, on one line.
///
/// # Errors
/// [`Error::Parse`] or [`Error::Invalid`] naming `path`.
pub fn parse_toml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|error| {
        let message = error.message().trim().replace('\n', " ");
        match error.span() {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                Error::Parse {
                    path: path.to_owned(),
                    line,
                    column,
                    message,
                }
            }
            None => Error::Invalid {
                path: path.to_owned(),
                message,
            },
        }
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// `keys.toml` in the config folder: its path and text, or `None` when there is none.
///
/// # Errors
/// [`Error::Io`] naming the file when it is there but cannot be read.
pub fn read_keys_file() -> Result<Option<(PathBuf, String)>, Error> {
    let Some(path) = config_dir().map(|d| d.join("keys.toml")) else {
        return Ok(None);
    };
    match fs_err::read_to_string(&path) {
        Ok(text) => Ok(Some((path, text))),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Error::Io(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_the_configured_one_else_the_full_name_else_the_login() {
        let account = Account {
            login: Some("jbloggs".to_owned()),
            full_name: Some("Jo Bloggs".to_owned()),
        };
        assert_eq!(
            person_name(Some(" Zoë Ørsted "), &account).as_deref(),
            Some("Zoë Ørsted")
        );
        assert_eq!(
            person_name(Some("  "), &account).as_deref(),
            Some("Jo Bloggs")
        );
        assert_eq!(person_name(None, &account).as_deref(), Some("Jo Bloggs"));
        let no_full_name = Account {
            full_name: Some(String::new()),
            ..account.clone()
        };
        assert_eq!(person_name(None, &no_full_name).as_deref(), Some("jbloggs"));
        assert_eq!(person_name(None, &Account::default()), None);
        let hostile = Account {
            login: None,
            full_name: Some("Jo\u{1b}[31m Bloggs".to_owned()),
        };
        assert!(
            !person_name(None, &hostile)
                .unwrap_or_default()
                .contains('\u{1b}')
        );
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncdé\nf", 0), (1, 1));
        assert_eq!(line_column("ab\ncdé\nf", 3), (2, 1));
        assert_eq!(line_column("ab\ncdé\nf", 8), (3, 1));
        assert_eq!(line_column("é=x", 2), (1, 2));
    }

    #[test]
    fn a_bad_holiday_line_names_the_file_and_line() {
        let dir = tempfile::tempdir().expect("temp folder");
        let path = dir.path().join(HOLIDAYS_FILE);
        let missing = load_holidays_from(&path);
        assert_eq!(missing, (Holidays::builtin(), Vec::new()));
        fs_err::write(&path, "2026-12-24\nChristmas Eve\n").expect("written");
        let (holidays, warnings) = load_holidays_from(&path);
        assert_eq!(holidays.extra().count(), 1);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with(&format!("{}: line 2: 'Christmas Eve'", path.display())),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_mistake_in_the_settings_names_the_file_line_and_column() {
        let error = parse_toml::<Settings>(Path::new("/c/config.toml"), "theme = 3\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("/c/config.toml"), "{error}");
        assert!(error.contains('1'), "{error}");
        let settings: Settings =
            parse_toml(Path::new("c.toml"), "theme = \"light\"").unwrap_or_default();
        assert_eq!(settings.theme.as_deref(), Some("light"));
    }
}
