#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! The browser driven by key events through the key map, checking its state, the effects it
//! asks of the shell (its requests to the records) and the drawn screen.

mod common;

use minutes::model::{ActionStatus, Record, RecordSummary};
use minutes::store::ListEntry;
use minutes::templates::Catalogue;
use minutes::tui::action::{Action, Effect};
use minutes::tui::browser::{Browser, Mode, render};
use minutes::tui::keymap::Keymap;
use minutes::tui::request::{Hit, Request, Response, TrackedRow};
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
    /// What the last event asked of the shell.
    effects: Vec<Effect>,
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
            effects: Vec::new(),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            theme: Theme::builtin("default").unwrap(),
        };
        // As the shell does: the screen's size before anything is laid out.
        screen.event(Event::Resize(width, height));
        screen
    }

    fn draw(&mut self) {
        let (browser, theme) = (&self.browser, &self.theme);
        self.terminal.draw(|f| render(browser, theme, f)).unwrap();
    }

    fn event(&mut self, event: Event) {
        self.effects = self
            .browser
            .map_event(&event)
            .map(|action| self.browser.update(action))
            .unwrap_or_default();
        self.draw();
    }

    /// What the last event asked of the records, if anything.
    fn asked(&self) -> Option<Request> {
        match self.effects.as_slice() {
            [Effect::Ask(request)] => Some(request.clone()),
            [] => None,
            other => panic!("{other:?}"),
        }
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
        self.effects = self.browser.update(Action::Responded(response));
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
    assert!(screen.effects.is_empty());
    assert!(screen.browser.filter.is_empty());
}

#[test]
fn the_filter_ignores_accents_and_case() {
    let unicode_title = record_named("unicode").meeting.title;
    for typed in [
        "zoe",
        "ZOE",
        "Zoë",
        "lukasz",
        "ŁUKASZ",
        "reunion",
        "zoe's",
        "soren",
        "briain lukasz",
    ] {
        let mut screen = Screen::new(100, 24);
        screen.keys(typed);
        let titles: Vec<&str> = screen
            .browser
            .visible
            .iter()
            .map(|i| screen.browser.entries[*i].summary.title.as_str())
            .collect();
        assert_eq!(titles, [unicode_title.as_str()], "{typed:?}");
    }
    let mut screen = Screen::new(100, 24);
    screen.keys("zoex");
    assert!(screen.browser.visible.is_empty(), "a miss is a miss");
    screen.key(KeyCode::Esc);
    // The middle of a case reference is still found, as before.
    screen.keys("0142");
    assert!(!screen.browser.visible.is_empty());
    for i in &screen.browser.visible {
        assert!(
            screen.browser.entries[*i]
                .summary
                .subject_ref
                .contains("0142")
        );
    }
}

#[test]
fn help_opens_on_the_browsers_keys_with_the_live_screens_below() {
    let mut screen = Screen::new(100, 40);
    screen.key(KeyCode::F(1));
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
    assert!(screen.browser.filter.is_empty());
    screen.ctrl('k');
    assert!(screen.browser.help.is_some(), "Ctrl-K is help too");
}

#[test]
fn rebound_keys_search_and_help_and_free_their_old_keys_for_the_filter() {
    let mut screen = Screen::with_keys(
        160,
        30,
        "[browser]\nsearch = [\"ctrl-g\"]\nhelp = [\"f2\"]\n[tracker]\ntoggle-filter = [\"ctrl-y\"]\n",
    );
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    assert!(
        hints.contains("Ctrl-G search") && hints.contains("F2 help"),
        "{hints}"
    );
    screen.keys("/?");
    assert_eq!(screen.browser.filter, "/?", "typed into the filter");
    screen.ctrl('s');
    screen.key(KeyCode::F(1));
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
    screen.ctrl('g');
    assert!(
        matches!(screen.browser.mode, Mode::Search { .. }),
        "{}",
        screen.text()
    );
    screen.key(KeyCode::Esc);
    screen.ctrl('t');
    assert_eq!(screen.asked(), Some(Request::Actions));
    screen.respond(Response::Actions(Vec::new()));
    assert!(screen.text().contains("· Ctrl-Y: all"), "{}", screen.text());
    screen.keys("A");
    assert!(
        screen.text().contains("· Ctrl-Y: all"),
        "a letter does nothing in the tracker"
    );
    screen.ctrl('y');
    assert!(
        screen.text().contains("· Ctrl-Y: open only"),
        "{}",
        screen.text()
    );
}

#[test]
fn enter_reads_the_minutes_with_sections_to_jump_to() {
    let mut screen = Screen::new(100, 30);
    screen.key(KeyCode::Enter);
    let Some(Request::Read(path)) = screen.asked() else {
        panic!("{:?}", screen.effects);
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
    screen.keys("ep");
    assert_eq!(screen.asked(), None, "a letter opens nothing for editing");
    assert!(screen.browser.form.is_none(), "nor the export form");
    screen.ctrl('e');
    assert!(matches!(screen.asked(), Some(Request::Edit(_))));
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
    let Some(Request::New { template, details }) = screen.asked() else {
        panic!("{:?}", screen.effects);
    };
    assert_eq!(template, templates()[0].0);
    assert_eq!(details.title, "Strategy: Mr K");
    screen.key(KeyCode::Down);
    screen.ctrl('f');
    assert_eq!(screen.asked(), None, "asks first");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.asked(),
        Some(Request::FollowUp {
            path: "/records/two-part.json".into(),
            date: common::date("2026-11-23"),
        })
    );
}

#[test]
fn ctrl_s_searches_every_record_and_opens_a_hit() {
    let mut screen = Screen::new(80, 24);
    screen.ctrl('s');
    screen.keys("cctv");
    screen.key(KeyCode::Enter);
    assert_eq!(screen.asked(), Some(Request::Search("cctv".to_owned())));
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
        screen.asked(),
        Some(Request::Read("/records/typical.json".into()))
    );
}

#[test]
fn the_tracker_marks_actions_done_in_their_record() {
    let mut screen = Screen::new(100, 24);
    screen.ctrl('t');
    assert_eq!(screen.asked(), Some(Request::Actions));
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
    screen.ctrl('f');
    assert!(screen.text().contains("Action 3"), "Ctrl-F shows all");
    screen.key(KeyCode::Down);
    for c in "cxoajkq".chars() {
        screen.key(KeyCode::Char(c));
        assert_eq!(screen.asked(), None, "{c:?} changes nothing");
        assert!(matches!(screen.browser.mode, Mode::Tracker { .. }), "{c:?}");
    }
    let set = |status| {
        Some(Request::SetAction {
            path: "/records/typical.json".into(),
            id: 2,
            status,
        })
    };
    screen.ctrl('d');
    assert_eq!(screen.asked(), set(ActionStatus::Done));
    screen.ctrl('x');
    assert_eq!(screen.asked(), set(ActionStatus::Cancelled));
    screen.ctrl('o');
    assert_eq!(screen.asked(), set(ActionStatus::Open));
    let hints = status_line(&screen);
    assert!(
        hints.contains("Ctrl-D done") && hints.contains("Ctrl-X cancelled"),
        "{hints}"
    );
}

/// The tracker on three actions (two open, one done) of the typical record.
fn tracking() -> Screen {
    let mut screen = Screen::new(100, 24);
    screen.ctrl('t');
    let row = |id, status| TrackedRow {
        path: "/records/typical.json".into(),
        record: "23 Nov  Case conference".to_owned(),
        id,
        text: format!("Action {id}"),
        owner: "Jane Smith (Police)".to_owned(),
        due: Some(common::date("2026-11-20")),
        status,
        overdue: false,
    };
    screen.respond(Response::Actions(vec![
        row(1, ActionStatus::Open),
        row(2, ActionStatus::Open),
        row(3, ActionStatus::Done),
    ]));
    screen
}

#[test]
fn no_printable_key_in_the_tracker_changes_an_action() {
    let mut screen = tracking();
    let statuses = |screen: &Screen| match &screen.browser.mode {
        Mode::Tracker { rows, .. } => rows.iter().map(|r| r.status).collect::<Vec<_>>(),
        other => panic!("left the tracker: {other:?}"),
    };
    let before = statuses(&screen);
    for c in ' '..='~' {
        for mods in [KeyModifiers::NONE, KeyModifiers::SHIFT, KeyModifiers::ALT] {
            screen.event(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
            assert!(
                screen.effects.is_empty(),
                "{c:?} with {mods:?} asked {:?}",
                screen.effects
            );
            assert_eq!(statuses(&screen), before, "{c:?}");
            assert!(
                screen.browser.help.is_none() && screen.browser.form.is_none(),
                "{c:?}"
            );
        }
        screen.key(KeyCode::Down);
    }
    // The chords still work after all that typing.
    screen.ctrl('d');
    assert!(
        matches!(
            screen.asked(),
            Some(Request::SetAction {
                status: ActionStatus::Done,
                ..
            })
        ),
        "{:?}",
        screen.effects
    );
}

#[test]
fn no_printable_key_in_the_reader_opens_the_minutes_for_editing_or_export() {
    let mut screen = Screen::new(100, 30);
    let record = common::typical_record();
    for c in ' '..='~' {
        if !matches!(screen.browser.mode, Mode::Reader(_)) {
            // `q` goes back to the list, as Esc does: read again.
            screen.key(KeyCode::Enter);
            let Some(Request::Read(path)) = screen.asked() else {
                panic!("{:?}", screen.effects);
            };
            screen.respond(Response::Record(path, Box::new(record.clone())));
        }
        screen.key(KeyCode::Char(c));
        assert!(
            screen.effects.is_empty(),
            "{c:?} asked {:?}",
            screen.effects
        );
        assert!(screen.browser.form.is_none(), "{c:?} opened a form");
    }
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
    let mut effects = Vec::new();
    for event in events {
        if let Some(action) = browser.map_event(&event) {
            effects = browser.update(action);
        }
    }
    let [Effect::Ask(Request::New { details, .. })] = effects.as_slice() else {
        panic!("{effects:?}");
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
        screen.asked(),
        Some(Request::Export {
            path: "/records/typical.json".into(),
            format: minutes::document::ExportFormat::ALL[1],
            audience: minutes::model::Audience::Adult,
            output: Some("/tmp/adult.html".into()),
            replace: false,
        })
    );
}

#[test]
fn time_passing_asks_for_no_redraw_and_a_key_does() {
    let mut screen = Screen::new(80, 24);
    screen.browser.drawn();
    let effects = screen.browser.update(Action::Tick(common::fixed_now()));
    assert!(effects.is_empty());
    assert!(
        !screen.browser.needs_redraw(),
        "a tick changes nothing shown"
    );
    screen.key(KeyCode::Down);
    assert!(screen.browser.needs_redraw());
}

#[test]
fn the_end_of_a_meeting_opened_from_the_reader_brings_back_the_list_saying_where_it_went() {
    let mut screen = Screen::new(100, 30);
    screen.key(KeyCode::Enter);
    let Some(Request::Read(path)) = screen.asked() else {
        panic!("{:?}", screen.effects);
    };
    screen.respond(Response::Record(path, Box::new(common::typical_record())));
    screen.ctrl('e');
    assert!(matches!(screen.asked(), Some(Request::Edit(_))));
    screen.respond(Response::MeetingEnded(
        "Saved to /records/typical.json".to_owned(),
    ));
    assert!(matches!(screen.browser.mode, Mode::List));
    assert!(screen.effects.is_empty());
    assert!(
        screen.text().contains("Saved to /records/typical.json"),
        "{}",
        screen.text()
    );
}

// --- The browser at 80x24 -----------------------------------------------------------------

/// The status bar: the screen's last line.
fn status_line(screen: &Screen) -> String {
    screen.text().lines().last().unwrap_or_default().to_owned()
}

/// A browser whose first meeting has a title far too long for its column.
fn with_a_long_title() -> Screen {
    let mut screen = Screen::new(80, 24);
    let mut record = common::typical_record();
    record.meeting.title = "Review: Case conference: Mrs Winifred Wainwright-Whitaker".to_owned();
    let mut entries: Vec<ListEntry> = records().iter().map(|(n, r)| entry(r, n)).collect();
    entries[0] = entry(&record, "long");
    screen.respond(Response::Listing(entries, Vec::new()));
    screen
}

#[test]
fn a_title_too_long_for_its_column_ends_in_an_ellipsis_at_80x24() {
    let screen = with_a_long_title();
    let text = screen.text();
    let row = text
        .lines()
        .find(|l| l.contains("Review: Case"))
        .unwrap_or_default();
    assert!(row.contains("Review: Case conference: M…"), "{text}");
    assert!(!row.contains("Mrs Winifred"), "cut, and marked so: {row}");
    insta::assert_snapshot!("long_title_80x24", text);
}

#[test]
fn the_status_bar_always_names_help_and_quit_and_cuts_no_hint() {
    for width in [60, 80, 100, 140] {
        let screen = Screen::new(width, 24);
        let status = status_line(&screen);
        assert!(
            status.contains("F1 help") && status.contains("Ctrl-Q quit"),
            "{width}: {status}"
        );
        assert!(!status.contains('…'), "{width}: {status}");
        // Each hint shown whole: every word after a key is one of the table's hint words.
        let whole = [
            "Enter read",
            "Ctrl-E edit",
            "Ctrl-S search",
            "Ctrl-T actions",
            "Ctrl-N new",
            "Ctrl-F follow-up",
            "Ctrl-P export",
            "F1 help",
            "Ctrl-Q quit",
        ];
        let mut rest = status.trim_end().to_owned();
        for hint in whole {
            rest = rest.replacen(hint, "", 1);
        }
        assert!(
            rest.trim().is_empty(),
            "{width}: left over {rest:?} in {status}"
        );
    }
    let screen = Screen::new(140, 24);
    assert!(status_line(&screen).contains("Ctrl-F follow-up"));
}

#[test]
fn every_printable_key_types_into_the_filter_and_runs_nothing() {
    let mut screen = Screen::new(80, 24);
    let typed: String = (' '..='~').collect();
    for c in typed.chars() {
        screen.key(KeyCode::Char(c));
        assert!(
            screen.effects.is_empty(),
            "{c:?} asked {:?}",
            screen.effects
        );
        assert!(matches!(screen.browser.mode, Mode::List), "{c:?}");
        assert!(
            screen.browser.help.is_none() && screen.browser.form.is_none(),
            "{c:?}"
        );
    }
    assert_eq!(screen.browser.filter, typed);
    screen.keys("é陈");
    assert!(screen.browser.filter.ends_with("é陈"));
}

#[test]
fn esc_clears_the_filter_and_with_nothing_to_clear_does_not_quit() {
    let mut screen = Screen::new(80, 24);
    screen.keys("zoë");
    screen.key(KeyCode::Esc);
    assert!(screen.browser.filter.is_empty());
    for _ in 0..3 {
        screen.key(KeyCode::Esc);
        assert!(screen.effects.is_empty(), "{:?}", screen.effects);
    }
    assert!(matches!(screen.browser.mode, Mode::List));
    screen.ctrl('q');
    assert_eq!(screen.effects, [Effect::Exit], "quitting is the quit key's");
}

#[test]
fn ctrl_w_deletes_the_last_word_of_the_filter() {
    let mut screen = Screen::new(80, 24);
    screen.keys("police zo");
    assert!(screen.browser.visible.is_empty() || screen.browser.visible.len() < 3);
    screen.ctrl('w');
    assert_eq!(screen.browser.filter, "police ");
    assert!(
        screen.text().contains("Filter: police"),
        "{}",
        screen.text()
    );
    screen.ctrl('w');
    assert_eq!(screen.browser.filter, "");
    assert_eq!(
        screen.browser.visible.len(),
        3,
        "the list is filtered again"
    );
    screen.keys("two part");
    screen.ctrl('u');
    assert_eq!(screen.browser.filter, "");
}

#[test]
fn ctrl_f_asks_before_creating_a_follow_up_and_esc_creates_nothing() {
    let mut screen = Screen::new(80, 24);
    screen.ctrl('f');
    assert!(screen.effects.is_empty(), "nothing created yet");
    let text = screen.text();
    let question: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        question.contains("Create a follow-up (review) meeting of"),
        "{text}"
    );
    assert!(question.contains("dated 23 Nov 2026?"), "{text}");
    assert!(question.contains("Enter: yes, Esc: no"), "{text}");
    insta::assert_snapshot!("follow_up_question_80x24", text);
    assert_eq!(
        status_line(&screen).trim_end(),
        "Enter yes  Esc no",
        "the question's keys only"
    );
    screen.keys("x");
    assert!(screen.effects.is_empty() && screen.browser.filter.is_empty());
    screen.key(KeyCode::Esc);
    assert!(screen.effects.is_empty(), "{:?}", screen.effects);
    assert!(screen.browser.question.is_none());
    assert!(!screen.text().contains("Create a follow-up"));
    screen.ctrl('f');
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.asked(),
        Some(Request::FollowUp {
            path: "/records/typical.json".into(),
            date: common::date("2026-11-23"),
        })
    );
}

#[test]
fn warnings_that_come_with_an_answer_are_shown_above_it() {
    let mut screen = Screen::new(80, 24);
    screen.respond(Response::Noted(
        Box::new(Response::Done("Minutes written to out.md".to_owned())),
        vec!["not written to the audit log (export of x.json): disk full".to_owned()],
    ));
    let text = screen.text();
    let lines: Vec<&str> = text.lines().collect();
    let warning = lines
        .iter()
        .position(|l| l.contains("not written to the audit log"));
    let done = lines
        .iter()
        .position(|l| l.contains("Minutes written to out.md"));
    assert!(
        matches!((warning, done), (Some(w), Some(d)) if w < d),
        "both shown, the warning first: {text}"
    );
}

#[test]
fn a_long_message_wraps_and_keeps_its_file_name_whole() {
    let mut screen = Screen::new(80, 24);
    let path = "/home/minute-taker/Documents/safeguarding/exports/2026/november/\
                case-conference-mrs-w-2026-11-23-f5ca7923.docx";
    screen.respond(Response::Done(format!("Minutes written to {path}")));
    let text = screen.text();
    let joined: String = text.lines().map(str::trim_end).collect();
    assert!(joined.contains("f5ca7923.docx"), "{text}");
    let status = status_line(&screen);
    assert!(status.contains("F1 help") && status.contains("Ctrl-Q quit"));
    screen.respond(Response::Failed("word ".repeat(60)));
    let text = screen.text();
    assert!(
        text.lines().any(|l| l.trim_end().ends_with('…')),
        "a message longer than two rows ends in …: {text}"
    );
}

#[test]
fn help_at_80x24_wraps_its_descriptions() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::F(1));
    let text = screen.text();
    let joined: String = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    let words: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words
            .contains("export the minutes (md, html, txt, docx, json; professionals or the adult)"),
        "{text}"
    );
    insta::assert_snapshot!("help_80x24", text);
}

/// Opens the reader on the typical record at `width` x 24.
fn reading(width: u16) -> Screen {
    let mut screen = Screen::new(width, 24);
    screen.key(KeyCode::Enter);
    let Some(Request::Read(path)) = screen.asked() else {
        panic!("{:?}", screen.effects);
    };
    screen.respond(Response::Record(path, Box::new(common::typical_record())));
    screen
}

#[test]
fn the_reader_lays_the_minutes_out_for_the_window_and_keeps_table_rows_whole() {
    let mut screen = reading(80);
    let Mode::Reader(reader) = &screen.browser.mode else {
        panic!()
    };
    let widest = reader
        .lines
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(0);
    assert!(widest <= 78, "laid out inside the border: {widest}");
    assert!(
        reader.lines.iter().any(|l| l.starts_with('|')),
        "has tables"
    );
    let pages = reader.lines.len() / 20 + 1;
    for _ in 0..pages {
        for line in screen.text().lines().skip(2).take(20) {
            let inside = line
                .trim_start_matches('│')
                .trim_end_matches('│')
                .trim_end();
            if inside.starts_with('|') {
                assert!(inside.ends_with('|'), "a table row broken: {line}");
            }
        }
        screen.key(KeyCode::PageDown);
    }
    let reading_at = reading(80);
    insta::assert_snapshot!("reader_80x24", reading_at.text());
}

#[test]
fn the_reader_lays_the_minutes_out_again_when_the_window_changes() {
    let mut screen = reading(120);
    let wide = match &screen.browser.mode {
        Mode::Reader(reader) => reader.lines.len(),
        _ => panic!(),
    };
    screen.keys("]]");
    let section = match &screen.browser.mode {
        Mode::Reader(reader) => reader.current_section().map(str::to_owned),
        _ => panic!(),
    };
    screen.terminal.backend_mut().resize(70, 24);
    screen.event(Event::Resize(70, 24));
    let Mode::Reader(reader) = &screen.browser.mode else {
        panic!()
    };
    assert!(reader.lines.len() > wide, "narrower: more lines");
    assert_eq!(
        reader.current_section().map(str::to_owned),
        section,
        "still at the same heading"
    );
    let wider: Vec<&String> = reader
        .lines
        .iter()
        .filter(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) > 68)
        .collect();
    assert!(wider.is_empty(), "{wider:#?}");
}

#[test]
fn a_filter_longer_than_the_line_shows_its_end_after_an_ellipsis() {
    let mut screen = Screen::new(60, 24);
    let typed = "safeguarding adults review of the missed care calls at Oakfield";
    screen.keys(typed);
    assert_eq!(screen.browser.filter, typed);
    let line = screen.text().lines().nth(1).unwrap_or_default().to_owned();
    assert!(line.starts_with("Filter: …"), "{line}");
    assert!(line.trim_end().ends_with("at Oakfield"), "{line}");
    let cursor = screen.terminal.get_cursor_position().unwrap();
    assert_eq!(
        (cursor.x, cursor.y),
        (59, 1),
        "the caret after the last letter"
    );
}
