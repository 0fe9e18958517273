//! The [`Service`] itself: what it draws on, each part read when a use case first needs it,
//! and the warnings said so far.

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::warning::Warning;
use crate::calendar::Holidays;
use crate::clock::{Clock, Zone};
use crate::config::{self, Places, Settings};
use crate::document::Letterhead;
use crate::error::{Error, Result};
use crate::model::Timestamp;
use crate::store::Store;
use crate::templates::Catalogue;

/// The use cases over one records folder, the template catalogue, the bank holidays and a
/// clock. Each part is read the first time a use case needs it (so `minutes check` or
/// `minutes templates` never make a records folder); what is wrong with a part is a
/// [`Warning`], said once, when it is read.
///
/// Nothing here prints: each use case returns its data, and [`take_warnings`](Self::take_warnings)
/// gives what was found on the way.
pub struct Service<'c> {
    places: Places,
    clock: &'c dyn Clock,
    store: OnceCell<Store>,
    catalogue: OnceCell<Catalogue>,
    holidays: OnceCell<Holidays>,
    /// `config.toml` and the zone it names.
    settings: OnceCell<(Settings, Zone)>,
    warnings: RefCell<Vec<Warning>>,
    /// Who is using `minutes`, for the audit log and every "by".
    who: OnceCell<super::who::Who>,
}

impl std::fmt::Debug for Service<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("places", &self.places)
            .finish_non_exhaustive()
    }
}

impl<'c> Service<'c> {
    /// The use cases over the records and config folders of `places`, at the time `clock`
    /// tells. Nothing is read yet.
    #[must_use]
    pub fn new(places: Places, clock: &'c dyn Clock) -> Self {
        Self {
            places,
            clock,
            store: OnceCell::new(),
            catalogue: OnceCell::new(),
            holidays: OnceCell::new(),
            settings: OnceCell::new(),
            warnings: RefCell::new(Vec::new()),
            who: OnceCell::new(),
        }
    }

    /// Today on the council's clock.
    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Now, by the service's clock, on the council's clock ([`zone`](Self::zone)): what a
    /// record is stamped with.
    pub(super) fn now(&self) -> Timestamp {
        self.zone().local(&self.clock.now())
    }

    /// The settings (`config.toml` in the config folder), read the first time; a file that
    /// cannot be read or parsed, or a `timezone` no zone has, is a warning.
    pub fn settings(&self) -> &Settings {
        &self.settings_and_zone().0
    }

    /// The council's time zone (`timezone` in `config.toml`, default Europe/London): every
    /// time shown is on its clock.
    pub fn zone(&self) -> Zone {
        self.settings_and_zone().1
    }

    /// The marking, organisation and zone for the documents, from the settings.
    pub fn letterhead(&self) -> Letterhead {
        let settings = self.settings();
        Letterhead {
            marking: settings.marking(),
            organisation: settings.organisation(),
            zone: self.zone(),
        }
    }

    fn settings_and_zone(&self) -> &(Settings, Zone) {
        self.settings.get_or_init(|| {
            let Some(config) = self.places.config.as_deref() else {
                return (Settings::default(), Zone::default());
            };
            let (settings, warnings) = config::settings_in(config);
            for warning in warnings {
                self.warn(Warning::Caution(warning));
            }
            let file = config.join("config.toml");
            let (zone, warning) = Zone::configured(settings.timezone.as_deref(), &file);
            if let Some(warning) = warning {
                self.warn(Warning::Caution(warning));
            }
            (settings, zone)
        })
    }

    /// The warnings found since the last call, oldest first.
    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *self.warnings.borrow_mut())
    }

    /// Where who is using `minutes` is kept once found.
    pub(super) const fn who_cell(&self) -> &OnceCell<super::who::Who> {
        &self.who
    }

    /// Keeps a warning for [`take_warnings`](Self::take_warnings).
    pub(super) fn warn(&self, warning: Warning) {
        self.warnings.borrow_mut().push(warning);
    }

    /// The records folder, opened (and made, 0700, if missing) the first time; what is
    /// wrong with it (open to other users) is a warning.
    ///
    /// # Errors
    /// No records folder is known, or it cannot be used.
    pub(super) fn store(&self) -> Result<&Store> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        let dir = self.places.records.clone().ok_or_else(|| Error::Folder {
            path: PathBuf::from("~"),
            message: "no home or data folder is known; pass --dir or set MINUTES_DIR".to_owned(),
        })?;
        let store = Store::open(dir)?.with_zone(self.zone());
        for warning in store.warnings() {
            self.warn(Warning::Caution(warning.clone()));
        }
        Ok(self.store.get_or_init(|| store))
    }

    /// The records folder.
    ///
    /// # Errors
    /// As opening it.
    pub fn records_dir(&self) -> Result<&Path> {
        Ok(self.store()?.dir())
    }

    /// The meeting types: the built-in templates and the user's, read the first time; each
    /// template file left out is a warning.
    pub fn catalogue(&self) -> &Catalogue {
        self.catalogue.get_or_init(|| {
            let user_files = self.places.config.as_deref().map(config::user_templates_in);
            let catalogue = Catalogue::load(user_files);
            for problem in catalogue.problems() {
                self.warn(Warning::TemplateSkipped(problem.to_string()));
            }
            catalogue
        })
    }

    /// The working days: the built-in bank holidays and the user's own, read the first time;
    /// each bad line of the user's file is a warning.
    pub fn holidays(&self) -> &Holidays {
        self.holidays.get_or_init(|| {
            let Some(config) = self.places.config.as_deref() else {
                return Holidays::builtin();
            };
            let (holidays, warnings) = config::holidays_in(config);
            for warning in warnings {
                self.warn(Warning::Caution(warning));
            }
            holidays
        })
    }

    /// Reads now what the use cases draw on (the records folder, the templates, the
    /// holidays), so that what is wrong with them is said before a full screen opens.
    ///
    /// # Errors
    /// As opening the records folder.
    pub fn read_everything_now(&self) -> Result<()> {
        self.store()?;
        self.catalogue();
        self.holidays();
        self.settings();
        Ok(())
    }
}
