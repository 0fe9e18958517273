//! The browser (`minutes` with no arguments): every record, newest first, filtered as you
//! type; `/` searches the full text of every record; the minutes read as a scrollable
//! document with a jump-to-section list; the action tracker across meetings; new meetings and
//! follow-ups. Pure state and key handling: what needs the disk is an [`Effect::Ask`] that
//! the shell performs and answers with an [`Action::Responded`].

mod reader;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::crossterm::event::Event;

use crate::document::ExportFormat;
use crate::model::{ActionStatus, Audience, NewMeeting};
use crate::people::{keys_contain, phrase_key};
use crate::store::ListEntry;
use crate::tui::action::{Action, Effect, edit_line};
use crate::tui::form::{Form, FormOutcome};
use crate::tui::keymap::{Command, Context, Help, Keymap};
use crate::tui::request::{Hit, Request, Response, TrackedRow};

pub use reader::Reader;
pub use view::render;

/// The width assumed until the shell says how wide the screen is.
const DEFAULT_WIDTH: u16 = 80;

/// What the browser shows.
#[derive(Debug)]
pub enum Mode {
    /// The list of records.
    List,
    /// Full-text search: the query being typed, then its hits.
    Search {
        /// The query.
        query: String,
        /// Hits for the query last run (`None` while typing).
        hits: Option<Vec<Hit>>,
        /// The highlighted hit.
        selected: usize,
    },
    /// A record's minutes.
    Reader(Box<Reader>),
    /// The action tracker.
    Tracker {
        /// The actions.
        rows: Vec<TrackedRow>,
        /// The highlighted row.
        selected: usize,
        /// Show only open actions.
        open_only: bool,
    },
}

/// The browser's state.
#[derive(Debug)]
pub struct Browser {
    /// Every record, newest first.
    pub entries: Vec<ListEntry>,
    /// The text each record is filtered on (title, subject, type, id, people, agencies), as
    /// word keys (folded once, not on every keystroke) and in lower case.
    haystacks: Vec<(Vec<String>, String)>,
    /// What is typed in the filter.
    pub filter: String,
    /// Indices into `entries` that match the filter.
    pub visible: Vec<usize>,
    /// The highlighted row of `visible`.
    pub selected: usize,
    /// What is shown.
    pub mode: Mode,
    /// Meeting types: (key, title).
    pub templates: Vec<(String, String)>,
    /// The open form: a new meeting, or an export of this record.
    pub form: Option<Form>,
    /// The record the open form exports, if it is the export form.
    pub exporting: Option<PathBuf>,
    /// Messages: problems with records, results of actions.
    pub notices: Vec<String>,
    /// The help screen, when open.
    pub help: Option<Help>,
    /// A question asked before something is created: its words and what a yes asks for.
    pub question: Option<(String, Request)>,
    /// The screen's width, for laying out the minutes in the reader.
    pub width: u16,
    /// The key table in force: what keys do, and what the screen calls them.
    pub keys: Arc<Keymap>,
    /// Today, for overdue dates.
    pub today: NaiveDate,
    /// The marking, organisation and zone the reader lays the minutes out under.
    pub letterhead: crate::document::Letterhead,
    /// Something visible changed since the last draw.
    redraw: bool,
}

impl Browser {
    /// A browser over `entries` (newest first), with the built-in keys.
    #[must_use]
    pub fn new(
        entries: Vec<ListEntry>,
        templates: Vec<(String, String)>,
        notices: Vec<String>,
        today: NaiveDate,
    ) -> Self {
        let mut browser = Self {
            entries: Vec::new(),
            haystacks: Vec::new(),
            filter: String::new(),
            visible: Vec::new(),
            selected: 0,
            mode: Mode::List,
            templates,
            form: None,
            exporting: None,
            notices,
            help: None,
            question: None,
            width: DEFAULT_WIDTH,
            keys: Keymap::shared_default(),
            today,
            letterhead: crate::document::Letterhead::default(),
            redraw: true,
        };
        browser.set_entries(entries);
        if browser.entries.is_empty() {
            browser.open_form();
        }
        browser
    }

    /// The same browser with the key table in force (the built-in one patched by `keys.toml`).
    #[must_use]
    pub fn with_keys(mut self, keys: Arc<Keymap>) -> Self {
        self.keys = keys;
        self
    }

    /// The same browser on a screen `width` columns wide (later sizes come as
    /// [`Action::Resize`]).
    #[must_use]
    pub const fn with_width(mut self, width: u16) -> Self {
        self.width = width;
        self
    }

    /// Replaces the listing (after a change), keeping the filter.
    pub fn set_entries(&mut self, entries: Vec<ListEntry>) {
        self.haystacks = entries
            .iter()
            .map(|e| {
                let s = &e.summary;
                let mut text = format!("{} {} {} {}", s.title, s.subject_ref, s.meeting_type, s.id);
                for person in &s.people {
                    text.push(' ');
                    text.push_str(person);
                }
                let lower = text.to_lowercase();
                (phrase_key(&text), lower)
            })
            .collect();
        self.entries = entries;
        self.refilter();
    }

    /// Keeps the records that have every word of the filter, in any order, each found the
    /// way people and text are found everywhere ([`crate::people::loosely_contains`]: the start of a word,
    /// whatever its case and accents, so `zoe` finds `Zoë` and `lukasz` `Łukasz`), or else
    /// anywhere in the text ignoring case, so the middle of a case reference or an id is
    /// still found (`0042` in `SA-2026-0042`).
    fn refilter(&mut self) {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let needles: Vec<(&String, Vec<String>)> =
            words.iter().map(|w| (w, phrase_key(w))).collect();
        self.visible = self
            .haystacks
            .iter()
            .enumerate()
            .filter(|(_, (keys, lower))| {
                needles
                    .iter()
                    .all(|(w, key)| keys_contain(keys, key) || lower.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// The highlighted record, if any.
    #[must_use]
    pub fn selected_entry(&self) -> Option<&ListEntry> {
        self.visible
            .get(self.selected)
            .and_then(|i| self.entries.get(*i))
    }

    /// Asks before creating the follow-up of the highlighted meeting, naming it and the date
    /// the new one gets (today, or the meeting's own date if that is later).
    fn ask_follow_up(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        let date = self.today.max(entry.summary.date);
        let title = crate::text::for_terminal(&entry.summary.title).into_owned();
        let yes = self.keys.labels(Context::Question, Command::Yes);
        let no = self.keys.labels(Context::Question, Command::No);
        let text = format!(
            "Create a follow-up (review) meeting of \u{201c}{title}\u{201d} dated {}? {yes}: yes, {no}: no",
            date.format("%-d %b %Y")
        );
        let request = Request::FollowUp {
            path: entry.path.clone(),
            date,
        };
        self.question = Some((text, request));
    }

    /// The screen is now `width` columns wide: the reader lays the minutes out again.
    fn resize(&mut self, width: u16) {
        self.width = width;
        if let Mode::Reader(reader) = &mut self.mode {
            reader.lay_out(reader_width(width));
        }
    }

    fn open_export(&mut self, path: PathBuf) {
        let formats = ExportFormat::ALL
            .iter()
            .map(|f| f.name().to_owned())
            .collect();
        // In the order of `Audience::ALL`, which the answer is read back by.
        let audiences = vec![
            "Professionals (everything, restricted entries marked)".to_owned(),
            "The adult or their representative (professionals-only and restricted entries left out)"
                .to_owned(),
            "Those who attended part 2 only (part 1 and restricted entries left out)".to_owned(),
        ];
        self.form = Some(
            Form::new("Export minutes")
                .choice("format", "Format", formats, Some(0))
                .choice("audience", "Copy for", audiences, Some(0))
                .text("output", "File", "")
                .hint(
                    "empty: the record's name (with -adult or -part2 for those copies), in the \
                     current folder",
                )
                .flag("replace", "Replace a file already there", false),
        );
        self.exporting = Some(path);
    }

    fn open_form(&mut self) {
        let options: Vec<String> = self
            .templates
            .iter()
            .map(|(key, title)| format!("{title} ({key})"))
            .collect();
        self.form = Some(
            Form::new("New meeting")
                .choice("type", "Meeting type", options, Some(0))
                .hint("Left/Right or a letter to change")
                .text("title", "Title", "")
                .required()
                .hint("e.g. Case conference: missed care calls")
                .text("subject", "Subject ref", "")
                .hint("the adult's case reference, not their name")
                .date("date", "Date", Some(self.today)),
        );
    }

    /// The key-map contexts that apply now, most specific first.
    #[must_use]
    pub fn contexts(&self) -> &'static [Context] {
        if self.help.is_some() {
            return &[Context::Help];
        }
        if self.question.is_some() {
            return &[Context::Question];
        }
        if self.form.is_some() {
            return &[Context::Form];
        }
        match &self.mode {
            Mode::List => &[Context::Browser],
            Mode::Search { hits: None, .. } => &[Context::Query],
            Mode::Search { .. } => &[Context::Results],
            Mode::Reader(_) => &[Context::Reader],
            Mode::Tracker { .. } => &[Context::Tracker],
        }
    }

    /// Whether typed characters are text even where the table binds them (the list's
    /// filter, a query, a form field): typing always types, and commands are chords, Enter,
    /// Esc, arrows and function keys.
    fn typing(&self) -> bool {
        if self.help.is_some() || self.question.is_some() {
            return false;
        }
        match (&self.form, &self.mode) {
            (Some(form), _) => form.is_editing_text(),
            (None, Mode::List | Mode::Search { hits: None, .. }) => true,
            _ => false,
        }
    }

    /// Maps a terminal event to an action, through the key table.
    #[must_use]
    pub fn map_event(&self, event: &Event) -> Option<Action> {
        self.keys.map(self.contexts(), self.typing(), event)
    }

    /// Applies one action; returns what the shell is to do. Time passing changes nothing
    /// the browser shows, so a tick asks for no redraw.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if matches!(action, Action::Tick(_)) {
            return Vec::new();
        }
        self.redraw = true;
        if let Action::Resize(width, _) = action {
            self.resize(width);
            return Vec::new();
        }
        let effect = match action {
            Action::Responded(response) => {
                self.respond(response);
                None
            }
            action => self.act(&action),
        };
        effect.into_iter().collect()
    }

    /// Whether something visible changed since the last draw; the shell clears it after drawing.
    #[must_use]
    pub const fn needs_redraw(&self) -> bool {
        self.redraw
    }

    /// Called by the shell after drawing.
    pub const fn drawn(&mut self) {
        self.redraw = false;
    }

    fn act(&mut self, action: &Action) -> Option<Effect> {
        if matches!(action, Action::Quit | Action::HangUp) {
            return Some(Effect::Exit);
        }
        if let Some(help) = self.help.as_mut() {
            if !help.update(action) {
                self.help = None;
            }
            return None;
        }
        if let Some((_, request)) = &self.question {
            return match action {
                Action::Yes => {
                    let request = request.clone();
                    self.question = None;
                    Some(Effect::Ask(request))
                }
                Action::Back => {
                    self.question = None;
                    None
                }
                _ => None,
            };
        }
        if self.form.is_some() {
            return self.update_form(action).map(Effect::Ask);
        }
        if matches!(action, Action::Help) {
            self.help = Some(Help::new(self.contexts()));
            return None;
        }
        match &mut self.mode {
            Mode::List => self.update_list(action),
            Mode::Search { .. } => self.update_search(action).map(Effect::Ask),
            Mode::Reader(reader) => {
                if reader.update(action) {
                    self.mode = Mode::List;
                } else if matches!(action, Action::EditSelected) {
                    return Some(Effect::Ask(Request::Edit(reader.path.clone())));
                } else if matches!(action, Action::Export) {
                    let path = reader.path.clone();
                    self.open_export(path);
                }
                None
            }
            Mode::Tracker { .. } => self.update_tracker(action).map(Effect::Ask),
        }
    }

    fn update_form(&mut self, action: &Action) -> Option<Request> {
        let form = self.form.as_mut()?;
        match form.handle(action, self.today, chrono::NaiveTime::MIN) {
            FormOutcome::Continue => None,
            FormOutcome::Cancelled => {
                self.form = None;
                self.exporting = None;
                None
            }
            FormOutcome::Submitted if self.exporting.is_some() => {
                let output = form.text_of("output");
                let request = self.exporting.take().map(|path| Request::Export {
                    path,
                    format: form
                        .choice_of("format")
                        .and_then(|i| ExportFormat::ALL.get(i).copied())
                        .unwrap_or(ExportFormat::Markdown),
                    audience: form
                        .choice_of("audience")
                        .and_then(|i| Audience::ALL.get(i).copied())
                        .unwrap_or(Audience::Professionals),
                    output: (!output.is_empty()).then(|| PathBuf::from(output)),
                    replace: form.flag_of("replace"),
                });
                self.form = None;
                request
            }
            FormOutcome::Submitted => {
                let template = form
                    .choice_of("type")
                    .and_then(|i| self.templates.get(i))
                    .map(|(key, _)| key.clone())
                    .unwrap_or_default();
                let request = Request::New {
                    template,
                    details: NewMeeting {
                        title: form.text_of("title"),
                        subject_ref: form.text_of("subject"),
                        date: form.date_of("date").unwrap_or(self.today),
                    },
                };
                self.form = None;
                Some(request)
            }
        }
    }

    fn update_list(&mut self, action: &Action) -> Option<Effect> {
        let len = self.visible.len();
        let path = self.selected_entry().map(|e| e.path.clone());
        let mut ask = None;
        match action {
            Action::Edit(input) if edit_line(&mut self.filter, input) => {
                self.selected = 0;
                self.refilter();
            }
            Action::Paste(text) => {
                self.filter.push_str(text.lines().next().unwrap_or(""));
                self.refilter();
            }
            Action::Back => {
                self.filter.clear();
                self.refilter();
            }
            Action::SelectNext => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Action::SelectPrev => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + 10).min(len.saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::Activate => ask = path.map(Request::Read),
            Action::EditSelected => ask = path.map(Request::Edit),
            Action::FollowUp => self.ask_follow_up(),
            Action::Add => self.open_form(),
            Action::Search => {
                self.mode = Mode::Search {
                    query: String::new(),
                    hits: None,
                    selected: 0,
                }
            }
            Action::Tracker => ask = Some(Request::Actions),
            Action::Export => {
                if let Some(path) = path {
                    self.open_export(path);
                }
            }
            _ => {}
        }
        ask.map(Effect::Ask)
    }

    fn update_search(&mut self, action: &Action) -> Option<Request> {
        let Mode::Search {
            query,
            hits,
            selected,
        } = &mut self.mode
        else {
            return None;
        };
        match (hits.as_ref(), action) {
            (None, Action::Edit(input)) => {
                edit_line(query, input);
            }
            (None, Action::Paste(text)) => query.push_str(text.lines().next().unwrap_or("")),
            (None, Action::Submit) if !query.trim().is_empty() => {
                return Some(Request::Search(query.trim().to_owned()));
            }
            (_, Action::Back) => self.mode = Mode::List,
            (Some(list), Action::SelectNext) => {
                *selected = (*selected + 1).min(list.len().saturating_sub(1));
            }
            (Some(_), Action::SelectPrev) => *selected = selected.saturating_sub(1),
            (Some(list), Action::Activate) => {
                return list
                    .get(*selected)
                    .map(|hit| Request::Read(hit.path.clone()));
            }
            (Some(_), Action::Search) => *hits = None,
            _ => {}
        }
        None
    }

    fn update_tracker(&mut self, action: &Action) -> Option<Request> {
        let Mode::Tracker {
            rows,
            selected,
            open_only,
        } = &mut self.mode
        else {
            return None;
        };
        let shown: Vec<usize> = tracker_rows(rows, *open_only);
        let current = shown.get(*selected).and_then(|i| rows.get(*i));
        let set = |status| {
            current.map(|row| Request::SetAction {
                path: row.path.clone(),
                id: row.id,
                status,
            })
        };
        match action {
            Action::SelectNext => *selected = (*selected + 1).min(shown.len().saturating_sub(1)),
            Action::SelectPrev => *selected = selected.saturating_sub(1),
            Action::PageDown => *selected = (*selected + 10).min(shown.len().saturating_sub(1)),
            Action::PageUp => *selected = selected.saturating_sub(10),
            Action::CompleteAction => return set(ActionStatus::Done),
            Action::CancelAction => return set(ActionStatus::Cancelled),
            Action::Reopen => return set(ActionStatus::Open),
            Action::Activate => return current.map(|row| Request::Read(row.path.clone())),
            Action::ToggleFilter => {
                *open_only = !*open_only;
                *selected = 0;
            }
            Action::Back => {
                // Counts in the list may have changed: read the listing again.
                self.mode = Mode::List;
                return Some(Request::Refresh);
            }
            _ => {}
        }
        None
    }

    /// The shell's answer to the last request, or its news.
    fn respond(&mut self, response: Response) {
        match response {
            Response::Record(path, record) => {
                let width = reader_width(self.width);
                self.mode = Mode::Reader(Box::new(Reader::new(
                    path,
                    *record,
                    width,
                    self.letterhead.clone(),
                )));
            }
            Response::Hits(found) => {
                if let Mode::Search { hits, selected, .. } = &mut self.mode {
                    *hits = Some(found);
                    *selected = 0;
                }
            }
            Response::ActionChanged(rows, said) => {
                self.respond(Response::Actions(rows));
                self.respond(Response::Done(said));
            }
            Response::Actions(rows) => {
                let selected = match &self.mode {
                    Mode::Tracker { selected, .. } => *selected,
                    _ => 0,
                };
                let open_only = match &self.mode {
                    Mode::Tracker { open_only, .. } => *open_only,
                    _ => true,
                };
                self.mode = Mode::Tracker {
                    rows,
                    selected,
                    open_only,
                };
            }
            Response::Listing(entries, notices) => {
                self.set_entries(entries);
                self.notices = notices;
            }
            Response::MeetingEnded(line) => {
                self.mode = Mode::List;
                self.respond(Response::Done(line));
            }
            Response::Failed(message) | Response::Done(message) => {
                self.notices.insert(0, message);
                self.notices.truncate(3);
            }
            Response::Noted(answer, warnings) => {
                self.respond(*answer);
                for warning in warnings.into_iter().rev() {
                    self.respond(Response::Done(warning));
                }
            }
        }
    }
}

/// The columns inside the reader's border on a screen `width` wide.
const fn reader_width(width: u16) -> usize {
    width.saturating_sub(2) as usize
}

/// The rows of the tracker shown: all, or only open ones.
#[must_use]
pub fn tracker_rows(rows: &[TrackedRow], open_only: bool) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| !open_only || r.status == ActionStatus::Open)
        .map(|(i, _)| i)
        .collect()
}
