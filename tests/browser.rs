#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! The browser driven by key events through the key map, checking its state, its requests
//! to the store and the drawn screen.

mod common;

use minutes::model::{ActionStatus, Record, RecordSummary};
use minutes::store::ListEntry;
use minutes::templates::Catalogue;
use minutes::tui::browser::{Browser, Hit, Mode, Request, Response, TrackedRow, render};
use minutes::tui::keymap::Keymap;
use minutes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn templates() -> Vec<(String, String)> {
    Catalogue::load(None)
        .templates()
        .iter()
        .map(|t| (t.key.clone(), t.title.clone()))
        .collect()
}

fn entry(record: &Record, name: &str) -> ListEntry {
    ListEntry {
        path: format!("/records/{name}.json").into(),
        summary: RecordSummary::of(record),
    }
}

fn records() -> Vec<(String, Record)> {
    vec![
        ("typical".to_owned(), common::typical_record()),
        ("two-part".to_owned(), common::two_part_record()),
        ("unicode".to_owned(), common::unicode_record()),
    ]
}

struct Screen {
    browser: Browser,
    terminal: Terminal<TestBackend>,
    theme: Theme,
}

impl Screen {
    fn new(width: u16, height: u16) -> Self {
        Self::with_keys(width, height, "")
    }

    /// A browser whose keys are the built-in ones patched by `keys_toml`.
    fn with_keys(width: u16, height: u16, keys_toml: &str) -> Self {
        let (keys, problems) = Keymap::patched(std::path::Path::new("keys.toml"), keys_toml);
        assert!(problems.is_empty(), "{problems:?}");
        let entries = records().iter().map(|(n, r)| entry(r, n)).collect();
        let browser = Browser::new(entries, templates(), Vec::new(), common::date("2026-11-23"))
            .with_keys(std::sync::Arc::new(keys));
        let mut screen = Self {
            browser,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            theme: Theme::builtin("default").unwrap(),
        };
        screen.draw();
        screen
    }

    fn draw(&mut self) {
        let (browser, theme) = (&self.browser, &self.theme);
        self.terminal.draw(|f| render(browser, theme, f)).unwrap();
    }

    fn event(&mut self, event: Event) {
        if let Some(action) = self.browser.map_event(&event) {
            self.browser.update(&action);
        }
        self.draw();
    }

    fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn respond(&mut self, response: Response) {
        self.browser.respond(response);
        self.draw();
    }

    fn text(&self) -> String {
        common::screen_text(self.terminal.backend().buffer())
    }
}

fn record_named(name: &str) -> Record {
    records().into_iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn lists_every_meeting_and_filters_as_you_type() {
    let mut screen = Screen::new(100, 24);
    assert_eq!(screen.browser.visible.len(), 3);
    let unicode_title = record_named("unicode").meeting.title;
    assert!(
        screen.text().contains(&unicode_title[..10]),
        "{}",
        screen.text()
    );
    screen.keys("zoë");
    assert_eq!(screen.browser.visible.len(), 1, "{}", screen.text());
    assert_eq!(
        screen.browser.selected_entry().unwrap().summary.title,
        unicode_title
    );
    screen.key(KeyCode::Esc);
    assert_eq!(screen.browser.visible.len(), 3, "Esc clears the filter");
    screen.keys("police");
    assert!(
        !screen.browser.visible.is_empty(),
        "agencies are filtered on too"
    );
    for i in &screen.browser.visible {
        let people = &screen.browser.entries[*i].summary.people;
        assert!(people.iter().any(|p| p.contains("Police")));
    }
    screen.key(KeyCode::Esc);
    screen.key(KeyCode::Esc);
    assert_eq!(screen.browser.request, Some(Request::Quit));
}

#[test]
fn help_opens_on_the_browsers_keys_with_the_live_screens_below() {
    let mut screen = Screen::new(100, 40);
    screen.keys("?");
    let headings = common::help_headings(&screen.text());
    assert!(
        headings[0].starts_with("Browser: the meetings"),
        "{headings:?}\n{}",
        screen.text()
    );
    assert!(
        headings.iter().take(5).all(|h| h.starts_with("Browser")),
        "{headings:?}"
    );
    screen.key(KeyCode::Esc);
    assert!(screen.browser.help.is_none());
    assert!(
        screen.browser.filter.is_empty(),
        "? is not typed into the filter"
    );
}

#[test]
fn rebound_keys_search_and_help_and_free_their_old_keys_for_the_filter() {
    let mut screen = Screen::with_keys(
        160,
        30,
        "[browser]\nsearch = [\"ctrl-s\"]\nhelp = [\"f2\"]\n[tracker]\ntoggle-filter = [\"ctrl-o\", \"A\"]\n",
    );
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    assert!(
        hints.contains("Ctrl-S search") && hints.contains("F2 help"),
        "{hints}"
    );
    screen.keys("/?");
    assert_eq!(screen.browser.filter, "/?", "now typed into the filter");
    assert!(screen.browser.help.is_none());
    assert!(matches!(screen.browser.mode, Mode::List));
    screen.key(KeyCode::F(2));
    assert!(screen.browser.help.is_some());
    assert_eq!(
        common::help_headings(&screen.text())[0].get(..8),
        Some("Browser:")
    );
    screen.key(KeyCode::Esc);
    screen.key(KeyCode::Esc);
    screen.ctrl('s');
    assert!(
        matches!(screen.browser.mode, Mode::Search { .. }),
        "{}",
        screen.text()
    );
    screen.key(KeyCode::Esc);
    screen.ctrl('t');
    assert_eq!(screen.browser.request.take(), Some(Request::Actions));
    screen.respond(Response::Actions(Vec::new()));
    assert!(screen.text().contains("· Ctrl-O: all"), "{}", screen.text());
    screen.keys("A");
    assert!(
        screen.text().contains("· Ctrl-O: open only"),
        "{}",
        screen.text()
    );
}

#[test]
fn enter_reads_the_minutes_with_sections_to_jump_to() {
    let mut screen = Screen::new(100, 30);
    screen.key(KeyCode::Enter);
    let Some(Request::Read(path)) = screen.browser.request.take() else {
        panic!("{:?}", screen.browser.request);
    };
    let record = common::typical_record();
    screen.respond(Response::Record(path, Box::new(record.clone())));
    assert!(matches!(screen.browser.mode, Mode::Reader(_)));
    assert!(
        screen.text().contains(&record.meeting.title),
        "{}",
        screen.text()
    );
    screen.keys("g");
    assert!(screen.text().contains("Go to section"), "{}", screen.text());
    for _ in 0..3 {
        screen.keys("j");
    }
    screen.key(KeyCode::Enter);
    let Mode::Reader(reader) = &screen.browser.mode else {
        panic!()
    };
    assert_eq!(reader.scroll, reader.sections[3].0);
    screen.keys("]");
    let Mode::Reader(reader) = &screen.browser.mode else {
        panic!()
    };
    assert_eq!(reader.scroll, reader.sections[4].0);
    screen.keys("e");
    assert!(matches!(screen.browser.request, Some(Request::Edit(_))));
    screen.browser.request = None;
    screen.key(KeyCode::Esc);
    assert!(matches!(screen.browser.mode, Mode::List));
}

#[test]
fn new_meeting_and_follow_up_are_requested() {
    let mut screen = Screen::new(80, 24);
    screen.ctrl('n');
    assert!(screen.text().contains("New meeting"), "{}", screen.text());
    screen.key(KeyCode::Tab);
    screen.keys("Strategy: Mr K");
    screen.key(KeyCode::Enter);
    let Some(Request::New { template, details }) = screen.browser.request.take() else {
        panic!("{:?}", screen.browser.request);
    };
    assert_eq!(template, templates()[0].0);
    assert_eq!(details.title, "Strategy: Mr K");
    screen.key(KeyCode::Down);
    screen.ctrl('f');
    assert_eq!(
        screen.browser.request,
        Some(Request::FollowUp("/records/two-part.json".into()))
    );
}

#[test]
fn slash_searches_every_record_and_opens_a_hit() {
    let mut screen = Screen::new(80, 24);
    screen.keys("/");
    screen.keys("cctv");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.browser.request.take(),
        Some(Request::Search("cctv".to_owned()))
    );
    screen.respond(Response::Hits(vec![Hit {
        path: "/records/typical.json".into(),
        record: "Mon 23 Nov 2026  Case conference".to_owned(),
        place: "item 3 Police update".to_owned(),
        snippet: "police requested the CCTV from Oakfield".to_owned(),
    }]));
    assert!(
        screen.text().contains("requested the CCTV"),
        "{}",
        screen.text()
    );
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.browser.request,
        Some(Request::Read("/records/typical.json".into()))
    );
}

#[test]
fn the_tracker_marks_actions_done_in_their_record() {
    let mut screen = Screen::new(100, 24);
    screen.ctrl('t');
    assert_eq!(screen.browser.request.take(), Some(Request::Actions));
    let row = |id, status, overdue| TrackedRow {
        path: "/records/typical.json".into(),
        record: "23 Nov  Case conference".to_owned(),
        id,
        text: format!("Action {id}"),
        owner: "Jane Smith (Police)".to_owned(),
        due: Some(common::date("2026-11-20")),
        status,
        overdue,
    };
    screen.respond(Response::Actions(vec![
        row(1, ActionStatus::Open, true),
        row(2, ActionStatus::Open, false),
        row(3, ActionStatus::Done, false),
    ]));
    assert!(screen.text().contains("OVERDUE"), "{}", screen.text());
    assert!(!screen.text().contains("Action 3"), "open only at first");
    screen.keys("a");
    assert!(screen.text().contains("Action 3"), "a shows all");
    screen.keys("jc");
    assert_eq!(
        screen.browser.request,
        Some(Request::SetAction {
            path: "/records/typical.json".into(),
            id: 2,
            status: ActionStatus::Done
        })
    );
}

#[test]
fn with_no_records_it_opens_on_the_new_meeting_form() {
    let mut browser = Browser::new(
        Vec::new(),
        templates(),
        Vec::new(),
        common::date("2026-11-23"),
    );
    assert!(browser.form.is_some());
    let mut events = vec![Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE))];
    events.extend(
        "First meeting"
            .chars()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
    );
    events.push(Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    for event in events {
        if let Some(action) = browser.map_event(&event) {
            browser.update(&action);
        }
    }
    let Some(Request::New { details, .. }) = &browser.request else {
        panic!("{:?}", browser.request);
    };
    assert_eq!(details.title, "First meeting");
    assert_eq!(details.date, common::date("2026-11-23"));
}

#[test]
fn snapshots_of_the_list_at_80x24_and_140x45() {
    for (width, height) in [(80, 24), (140, 45)] {
        let screen = Screen::new(width, height);
        insta::assert_snapshot!(format!("list_{width}x{height}"), screen.text());
    }
}

#[test]
fn ctrl_p_exports_the_minutes_for_the_adult() {
    let mut screen = Screen::new(100, 30);
    screen.ctrl('p');
    assert!(
        screen.text().contains("Export minutes"),
        "{}",
        screen.text()
    );
    screen.key(KeyCode::Right);
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Right);
    screen.key(KeyCode::Tab);
    screen.keys("/tmp/adult.html");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.browser.request,
        Some(Request::Export {
            path: "/records/typical.json".into(),
            format: minutes::document::ExportFormat::ALL[1],
            audience: minutes::model::Audience::Adult,
            output: Some("/tmp/adult.html".into()),
            replace: false,
        })
    );
}
