#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! The live-meeting screen driven through its real key map and `update`, drawn on a
//! `TestBackend`: state and rendered buffer are both checked.

mod common;

use minutes::model::{
    ActionStatus, Attendance, BalanceFinding, Finding, ItemKind, ItemStatus, MeetingPart,
    NewMeeting, Record, Visibility,
};
use minutes::templates::Catalogue;
use minutes::tui::action::{Action, Effect};
use minutes::tui::app::{LiveScreen, Overlay, Pane, RunState};
use minutes::tui::keymap::{Keymap, map_event};
use minutes::tui::theme::Theme;
use minutes::tui::ui::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A live screen on a terminal of the given size.
struct Screen {
    app: LiveScreen,
    terminal: Terminal<TestBackend>,
    theme: Theme,
    effects: Vec<Effect>,
    /// Keys pressed beyond the text typed (moves, chords, Enter, a command's words), by kind.
    extra_keys: std::collections::BTreeMap<&'static str, usize>,
}

impl Screen {
    fn new(record: Record, width: u16, height: u16) -> Self {
        Self::with_theme(record, width, height, "default")
    }

    fn with_theme(record: Record, width: u16, height: u16, theme: &str) -> Self {
        Self::with(record, width, height, theme, Keymap::shared_default())
    }

    /// A live screen whose keys are the built-in ones patched by `keys_toml`.
    fn with_keys(record: Record, width: u16, height: u16, keys_toml: &str) -> Self {
        let (keys, problems) = Keymap::patched(std::path::Path::new("keys.toml"), keys_toml);
        assert!(problems.is_empty(), "{problems:?}");
        Self::with(record, width, height, "default", std::sync::Arc::new(keys))
    }

    fn with(
        record: Record,
        width: u16,
        height: u16,
        theme: &str,
        keys: std::sync::Arc<Keymap>,
    ) -> Self {
        let app = LiveScreen::new(record, None, common::at("10:05")).with_keys(keys);
        let terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let theme = Theme::builtin(theme).unwrap();
        let mut screen = Self {
            app,
            terminal,
            theme,
            effects: Vec::new(),
            extra_keys: std::collections::BTreeMap::new(),
        };
        screen.draw();
        screen
    }

    fn draw(&mut self) {
        let (app, theme) = (&self.app, &self.theme);
        self.terminal
            .draw(|frame| render(app, theme, frame))
            .unwrap();
    }

    fn event(&mut self, event: Event) {
        if let Some(action) = map_event(&self.app, &event) {
            self.act(action);
        }
    }

    fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.effects.extend(effects);
        self.draw();
    }

    fn count(&mut self, kind: &'static str, keys: usize) {
        *self.extra_keys.entry(kind).or_default() += keys;
    }

    fn key(&mut self, code: KeyCode) {
        let kind = match code {
            KeyCode::Tab | KeyCode::BackTab => "Tab (next field or pane)",
            KeyCode::Enter => "Enter (save a form, next note)",
            KeyCode::Left | KeyCode::Right => "Left/Right (a choice)",
            KeyCode::Up | KeyCode::Down => "Up/Down (a list)",
            _ => "other keys",
        };
        self.count(kind, 1);
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn ctrl(&mut self, c: char) {
        self.count("Ctrl chords", 1);
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    fn alt(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::ALT,
        )));
    }

    /// The records the app asked the shell to save, oldest first.
    fn saves(&self) -> Vec<&Record> {
        self.effects
            .iter()
            .filter_map(|effect| match effect {
                Effect::Save(record) => Some(&**record),
                _ => None,
            })
            .collect()
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.event(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        }
    }

    /// Runs a command through the palette, as a minute taker would: Ctrl-P, words, Enter.
    fn command(&mut self, words: &str) {
        self.ctrl('p');
        self.keys(words);
        self.count("a command's words in the palette", words.chars().count());
        assert!(
            matches!(self.app.overlay, Some(minutes::tui::app::Overlay::Palette(ref p)) if !p.matches().is_empty()),
            "no command matches {words:?}: {}",
            self.text()
        );
        self.key(KeyCode::Enter);
    }

    fn text(&self) -> String {
        common::screen_text(self.terminal.backend().buffer())
    }

    fn shows(&self, needle: &str) -> bool {
        self.text().contains(needle)
    }
}

/// A new case conference from the built-in template, with the typical record's attendees.
fn live_record() -> Record {
    let catalogue = Catalogue::load(None);
    let template = catalogue.get("case-conference").unwrap();
    let details = NewMeeting {
        title: "Case conference: Mrs W".to_owned(),
        subject_ref: "SA-2026-0142".to_owned(),
        date: common::date("2026-11-23"),
    };
    let mut record = Record::new(template, details, "c0ffee00".repeat(4), common::at("10:00"));
    record.attendees = common::typical_record().attendees;
    record
}

fn index_of(record: &Record, kind: ItemKind) -> usize {
    record.agenda.iter().position(|i| i.kind == kind).unwrap()
}

#[test]
fn opens_on_the_first_item_typing_and_stamps_the_start_with_the_first_note() {
    let record = live_record();
    let mut screen = Screen::new(record.clone(), 140, 45);
    assert_eq!(screen.app.focus, Pane::Notes);
    assert_eq!(screen.app.current, 0);
    assert_eq!(screen.app.record, record, "opening changes nothing");
    let item = &screen.app.record.agenda[0];
    assert!(
        screen.shows(&format!("*> 1 {}", &item.title[..10])),
        "shown as the current item: {}",
        screen.text()
    );
    assert!(
        screen.shows(&format!("1. {}", item.title)),
        "{}",
        screen.text()
    );
    assert!(
        screen.shows(&item.prompt[..20]),
        "the prompt is visible while typing"
    );
    screen.act(Action::Tick(common::at("10:06")));
    screen.keys("Everyone is here");
    let item = &screen.app.record.agenda[0];
    assert_eq!(item.status, ItemStatus::Current);
    assert_eq!(item.opened_at, Some(common::at("10:06")));
    assert_eq!(
        screen.app.record.meeting.started_at,
        Some(common::at("10:06"))
    );
}

#[test]
fn a_look_is_not_an_edit() {
    let record = live_record();
    let mut screen = Screen::new(record.clone(), 80, 24);
    screen.ctrl('n');
    screen.ctrl('n');
    screen.command("previous agenda item");
    screen.key(KeyCode::Esc);
    screen.key(KeyCode::Down);
    screen.key(KeyCode::Enter);
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Tab);
    screen.act(Action::Tick(common::at("10:09")));
    screen.ctrl('s');
    screen.ctrl('q');
    assert_eq!(screen.app.record, record, "nothing changed");
    assert!(screen.saves().is_empty(), "{:?}", screen.effects);
    assert!(matches!(screen.effects.as_slice(), [Effect::Exit]));
}

#[test]
fn the_start_is_not_stamped_by_a_change_on_another_day() {
    let mut record = live_record();
    record.meeting.date = common::date("2026-11-20");
    let mut screen = Screen::new(record, 80, 24);
    screen.keys("typed up afterwards");
    assert_eq!(screen.app.record.meeting.started_at, None);
}

#[test]
fn typing_on_the_next_item_leaves_one_current_item_and_reopens_there() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("first");
    screen.ctrl('n');
    screen.keys("second");
    screen.ctrl('q');
    let saved = screen.saves().last().copied().cloned().expect("saved");
    assert_eq!(saved.problems(), Vec::<String>::new());
    let current: Vec<usize> = (0..saved.agenda.len())
        .filter(|&i| saved.agenda[i].status == ItemStatus::Current)
        .collect();
    assert_eq!(current, [1]);
    assert_eq!(saved.agenda[0].status, ItemStatus::Pending);

    // Reopened: on the item where typing stopped, and a look writes nothing.
    let mut screen = Screen::new(saved.clone(), 80, 24);
    assert_eq!(screen.app.current, 1);
    screen.ctrl('q');
    assert!(screen.saves().is_empty(), "{:?}", screen.effects);
    assert_eq!(screen.app.record, saved);

    // Moving on without typing: the record still says where typing stopped.
    let mut screen = Screen::new(saved.clone(), 80, 24);
    screen.ctrl('n');
    screen.ctrl('q');
    assert!(screen.saves().is_empty(), "{:?}", screen.effects);
    assert_eq!(Screen::new(saved, 80, 24).app.current, 1);
}

#[test]
fn an_older_file_with_two_current_items_is_put_right_with_the_first_change() {
    let mut record = live_record();
    record.agenda[0].status = ItemStatus::Current;
    record.agenda[2].status = ItemStatus::Current;
    record.agenda[2].notes.push(minutes::model::Note::new(
        common::at("10:01"),
        "typed last here",
    ));
    let mut screen = Screen::new(record.clone(), 80, 24);
    assert_eq!(screen.app.current, 2, "where typing stopped");
    screen.act(Action::Tick(common::at("10:09")));
    assert_eq!(screen.app.record, record, "not changed on open");
    assert!(screen.saves().is_empty());
    screen.keys("more");
    screen.act(Action::Tick(common::at("10:11")));
    let saved = screen.saves().last().copied().cloned().expect("saved");
    assert_eq!(saved.problems(), Vec::<String>::new());
    assert_eq!(saved.agenda[0].status, ItemStatus::Pending);
    assert_eq!(saved.agenda[2].status, ItemStatus::Current);
    assert_eq!(saved.agenda[2].notes[1].text, "more");
}

#[test]
fn typing_goes_into_the_record_at_once_and_enter_starts_the_next_note() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("Police have CCTV");
    let notes = &screen.app.record.agenda[0].notes;
    assert_eq!(notes.len(), 1, "the note is in the record before Enter");
    assert_eq!(notes[0].text, "Police have CCTV");
    assert_eq!(notes[0].at, common::at("10:05"));
    screen.key(KeyCode::Enter);
    screen.keys("Second point");
    let notes = &screen.app.record.agenda[0].notes;
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].text, "Second point");
    assert!(screen.shows("10:05 Police have CCTV"), "{}", screen.text());
    assert!(screen.shows("Second point"));
    assert!(screen.app.is_dirty());
}

#[test]
fn plain_letters_type_text_in_the_notes_and_never_run_commands() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("d s x ? q E P ] [ g t");
    assert_eq!(screen.app.focus, Pane::Notes);
    assert!(screen.app.overlay.is_none());
    assert_eq!(screen.app.current, 0);
    assert_eq!(
        screen.app.record.agenda[0].notes[0].text,
        "d s x ? q E P ] [ g t"
    );
    assert_eq!(screen.app.record.meeting.part, MeetingPart::Whole);
}

#[test]
fn key_releases_and_repeats_do_not_double_keys() {
    let mut screen = Screen::new(live_record(), 80, 24);
    for kind in [
        KeyEventKind::Press,
        KeyEventKind::Release,
        KeyEventKind::Repeat,
    ] {
        let mut event = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        event.kind = kind;
        screen.event(Event::Key(event));
    }
    assert_eq!(screen.app.record.agenda[0].notes[0].text, "a");
}

#[test]
fn a_pasted_block_is_text_in_one_note_not_commands() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.event(Event::Paste("Line one\r\nd\nq\n\u{3}Line four".to_owned()));
    let notes = &screen.app.record.agenda[0].notes;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.starts_with("Line one\nd\nq\n"));
    assert!(screen.app.overlay.is_none());
    assert_eq!(screen.app.current, 0);
}

#[test]
fn speaker_attribution_completes_from_the_attendee_list() {
    let mut screen = Screen::new(live_record(), 80, 24);
    let police = screen
        .app
        .record
        .attendees
        .iter()
        .find(|a| a.agency == "Police")
        .unwrap()
        .clone();
    screen.keys("@");
    screen.keys(&police.initials[..1]);
    assert!(screen.app.completion.is_some());
    assert!(screen.shows(&police.name), "{}", screen.text());
    screen.keys(&police.initials[1..]);
    screen.key(KeyCode::Enter);
    screen.keys("confirmed the CCTV request");
    let note = &screen.app.record.agenda[0].notes[0];
    assert_eq!(note.speaker.as_deref(), Some(police.initials.as_str()));
    assert_eq!(note.text, "confirmed the CCTV request");
    screen.key(KeyCode::Enter);
    assert!(
        screen.shows(&format!("{}: confirmed", police.attribution())),
        "{}",
        screen.text()
    );
}

#[test]
fn agenda_commands_mark_done_and_move_on() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("Everyone introduced");
    screen.key(KeyCode::Esc);
    assert_eq!(screen.app.focus, Pane::Agenda);
    screen.ctrl('d');
    let agenda = &screen.app.record.agenda;
    assert_eq!(agenda[0].status, ItemStatus::Done);
    assert_eq!(agenda[0].closed_at, Some(common::at("10:05")));
    assert_eq!(agenda[0].notes[0].text, "Everyone introduced");
    assert_eq!(screen.app.current, 1);
    assert_eq!(agenda[1].status, ItemStatus::Current);
    screen.command("mark skipped");
    assert_eq!(screen.app.record.agenda[1].status, ItemStatus::Skipped);
    assert_eq!(screen.app.current, 2);
    assert!(screen.shows("(Ctrl-Z undoes)"), "{}", screen.text());
    screen.ctrl('g');
    screen.keys("12");
    screen.key(KeyCode::Enter);
    assert_eq!(screen.app.current, 11);
    assert_eq!(screen.app.focus, Pane::Notes);
    assert_eq!(
        screen.app.item_status(2),
        Some(ItemStatus::Pending),
        "left, not closed"
    );
    assert_eq!(screen.app.item_status(11), Some(ItemStatus::Current));
    assert_eq!(
        screen.app.record.agenda[2].status,
        ItemStatus::Current,
        "the record learns of the move with the next change"
    );
    screen.keys("x");
    assert_eq!(screen.app.record.agenda[2].status, ItemStatus::Pending);
    assert_eq!(screen.app.record.agenda[11].status, ItemStatus::Current);
}

#[test]
fn the_findings_item_is_not_done_while_a_finding_has_no_rationale() {
    let mut record = live_record();
    let findings = index_of(&record, ItemKind::Findings);
    let mut finding = Finding {
        allegation: "Missed care calls".to_owned(),
        abuse_type: None,
        location: None,
        source: None,
        finding: Some(BalanceFinding::Substantiated),
        result: None,
        risk_outcome: None,
        rationale: String::new(),
        agenda_key: record.agenda[findings].key.clone(),
        at: common::at("10:00"),
        visibility: Visibility::All,
        extra: Default::default(),
    };
    record.findings.push(finding.clone());
    let mut screen = Screen::new(record, 80, 24);
    screen.ctrl('g');
    screen.keys(&(findings + 1).to_string());
    screen.key(KeyCode::Enter);
    assert_eq!(screen.app.current, findings);
    screen.ctrl('d');
    assert_eq!(screen.app.item_status(findings), Some(ItemStatus::Current));
    assert_eq!(
        screen.app.record.agenda[findings].status,
        ItemStatus::Pending,
        "refused: nothing changed"
    );
    assert!(
        screen.shows("finding 1 has no rationale"),
        "{}",
        screen.text()
    );
    finding.rationale = "Call logs agree".to_owned();
    screen.app.record.findings[0] = finding;
    screen.ctrl('d');
    assert_eq!(screen.app.record.agenda[findings].status, ItemStatus::Done);
}

#[test]
fn part_one_entries_are_professionals_only_and_restricted_is_marked_everywhere() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.key(KeyCode::Esc);
    screen.command("meeting part");
    assert_eq!(
        screen.app.record.meeting.part,
        MeetingPart::ProfessionalsOnly
    );
    screen.keys("Police update on Worker A");
    assert!(
        screen.shows("New note · Part 1"),
        "the editor says the part: {}",
        screen.text()
    );
    screen.key(KeyCode::Enter);
    screen.keys("Name of the informant");
    screen.ctrl('o');
    let notes = &screen.app.record.agenda[0].notes;
    assert_eq!(notes[0].visibility, Visibility::ProfessionalsOnly);
    assert_eq!(notes[1].visibility, Visibility::Restricted);
    screen.key(KeyCode::Enter);
    assert!(screen.shows("[P1] Police update"), "{}", screen.text());
    assert!(
        screen.shows("[R] Name of the informant"),
        "{}",
        screen.text()
    );
    assert!(
        screen.shows("Part 1"),
        "the header shows the part: {}",
        screen.text()
    );
}

#[test]
fn attendance_is_set_with_one_key_and_removal_asks_first() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.key(KeyCode::Tab);
    assert_eq!(screen.app.focus, Pane::People);
    let name = screen.app.record.attendees[1].name.clone();
    screen.key(KeyCode::Down);
    screen.command("apologies");
    assert_eq!(
        screen.app.record.attendees[1].attendance,
        Attendance::Apologies
    );
    screen.command("joined now");
    assert_eq!(
        screen.app.record.attendees[1].attendance,
        Attendance::Present
    );
    assert_eq!(
        screen.app.record.attendees[1]
            .joined_at
            .map(|t| t.to_string()),
        Some("10:05:00".to_owned())
    );
    screen.key(KeyCode::Delete);
    assert!(
        screen.shows(&format!("Remove {name}?")),
        "{}",
        screen.text()
    );
    screen.key(KeyCode::Esc);
    assert_eq!(screen.app.record.attendees[1].name, name);
    screen.key(KeyCode::Delete);
    screen.key(KeyCode::Enter);
    assert!(screen.app.record.attendees.iter().all(|a| a.name != name));
}

#[test]
fn actions_are_completed_cancelled_and_reopened() {
    let mut record = live_record();
    record.actions = common::typical_record().actions;
    for action in &mut record.actions {
        action.status = ActionStatus::Open;
        action.status_at = None;
    }
    let mut screen = Screen::new(record, 80, 24);
    for _ in 0..3 {
        screen.key(KeyCode::Tab);
    }
    assert_eq!(screen.app.focus, Pane::Actions);
    screen.command("action done");
    assert_eq!(screen.app.record.actions[0].status, ActionStatus::Done);
    assert_eq!(
        screen.app.record.actions[0].status_at,
        Some(common::at("10:05"))
    );
    screen.key(KeyCode::Down);
    screen.command("action cancelled");
    assert_eq!(screen.app.record.actions[1].status, ActionStatus::Cancelled);
    screen.command("action open again");
    assert_eq!(screen.app.record.actions[1].status, ActionStatus::Open);
}

#[test]
fn a_change_of_status_clears_the_note_that_explained_the_old_one() {
    let mut record = live_record();
    record.actions = common::typical_record().actions;
    record.actions[1].status = ActionStatus::Cancelled;
    record.actions[1].status_note = "Duplicate of action 3".to_owned();
    let mut screen = Screen::new(record, 80, 24);
    for _ in 0..3 {
        screen.key(KeyCode::Tab);
    }
    screen.key(KeyCode::Down);
    screen.command("open again");
    let action = &screen.app.record.actions[1];
    assert_eq!(action.status, ActionStatus::Open);
    assert_eq!(
        action.status_note, "",
        "the note said why it was cancelled; reopened, it no longer applies"
    );
    assert_eq!(action.status_at, Some(common::at("10:05")));

    // In the form too: a new status keeps a note typed with it, and clears one that was not.
    screen.key(KeyCode::Down);
    screen.key(KeyCode::Enter);
    for _ in 0..4 {
        screen.key(KeyCode::Tab);
    }
    screen.key(KeyCode::Right);
    screen.key(KeyCode::Tab);
    screen.keys("Sent by email");
    screen.key(KeyCode::Enter);
    let action = &screen.app.record.actions[2];
    assert_eq!(action.status, ActionStatus::Done);
    assert_eq!(action.status_note, "Sent by email");
    screen.key(KeyCode::Enter);
    for _ in 0..4 {
        screen.key(KeyCode::Tab);
    }
    screen.key(KeyCode::Left);
    screen.key(KeyCode::Enter);
    let action = &screen.app.record.actions[2];
    assert_eq!(action.status, ActionStatus::Open);
    assert_eq!(action.status_note, "", "{}", screen.text());
}

/// The typical record with every field a form shows filled in, and values a form could
/// only write back differently if it rewrote what it did not change: seconds in a time,
/// spaces around text, lists out of their usual order, a representative of no stated kind,
/// fields of a newer version, part 1 running while entries are visible to all.
fn full_record() -> Record {
    let mut record = common::typical_record();
    let extra = |value: &str| {
        let mut extra = minutes::model::Extra::new();
        extra.insert("from_a_newer_version".to_owned(), value.into());
        extra
    };
    record.meeting.part = MeetingPart::ProfessionalsOnly;
    let police = record
        .attendees
        .iter_mut()
        .find(|a| a.agency == "Police")
        .unwrap();
    police.joined_at = chrono::NaiveTime::from_hms_opt(10, 20, 30);
    police.extra = extra("attendee");
    let helen = record
        .attendees
        .iter_mut()
        .find(|a| a.name == "Helen Price")
        .unwrap();
    helen.is_representative = true;
    helen.role = " Contracts Officer ".to_owned();
    record.findings[0].rationale.push_str("  ");
    record.findings[1].extra = extra("finding");
    record.decisions[1].visibility = Visibility::Restricted;
    record.decisions[2].extra = extra("decision");
    record.actions[0].status_note = "Logs sent by secure email".to_owned();
    record.actions[2].due = None;
    record.actions[3].extra = extra("action");
    record.outcomes.for_adult.reverse();
    record.outcomes.referrals.reverse();
    let adult = &mut record.adult_participation;
    adult.capacity_supported = Some(true);
    adult.parts_attended = vec![MeetingPart::WithAdult];
    adult.best_interests_name = "Not needed".to_owned();
    adult.views_given.reverse();
    adult.extra = extra("participation");
    record.plan.extra = extra("plan");
    record.feedback.to_absent.what = "A copy of the plan".to_owned();
    record.review.further_conference_reason.push('\n');
    record
}

/// The first line where `after` differs from `before`, both ways.
fn first_difference(before: &str, after: &str) -> String {
    let mut after_lines = after.lines();
    for (n, line) in before.lines().enumerate() {
        let other = after_lines.next().unwrap_or("(end)");
        if line != other {
            return format!("line {}: {line:?} became {other:?}", n + 1);
        }
    }
    "longer than before".to_owned()
}

#[test]
fn every_form_saved_unchanged_leaves_the_record_byte_for_byte_as_it_was() {
    let record = full_record();
    let before = serde_json::to_string_pretty(&record).unwrap();
    let mut screen = Screen::new(record.clone(), 100, 30);
    let mut opened = Vec::new();
    for pane in [Pane::People, Pane::Findings, Pane::Actions, Pane::Plan] {
        while screen.app.focus != pane {
            screen.key(KeyCode::Tab);
        }
        let rows = match pane {
            Pane::People => record.attendees.len(),
            Pane::Findings => record.findings.len() + record.decisions.len(),
            Pane::Actions => record.actions.len(),
            _ => minutes::tui::app::PLAN_SECTIONS.len(),
        };
        for row in 0..rows {
            match pane {
                Pane::People => screen.app.selected.people = row,
                Pane::Findings => screen.app.selected.findings = row,
                Pane::Actions => screen.app.selected.actions = row,
                _ => screen.app.selected.plan = row,
            }
            screen.key(KeyCode::Enter);
            let Some(Overlay::Form { form, .. }) = &screen.app.overlay else {
                panic!("no form for {pane:?} row {row}: {}", screen.text());
            };
            opened.push(form.title().to_owned());
            screen.key(KeyCode::Enter);
            // A chooser (which person alleged to have caused harm) opens the chosen form.
            if let Some(Overlay::Form { form, .. }) = &screen.app.overlay {
                opened.push(form.title().to_owned());
                screen.key(KeyCode::Enter);
            }
            assert!(
                screen.app.overlay.is_none(),
                "{pane:?} row {row} refused: {}",
                screen.text()
            );
            let after = serde_json::to_string_pretty(&screen.app.record).unwrap();
            assert!(
                after == before,
                "{pane:?} row {row} ({}) changed the record: {}",
                opened.last().unwrap(),
                first_difference(&before, &after)
            );
        }
    }
    for title in [
        "Edit attendee",
        "Edit finding",
        "Edit decision",
        "Action #5",
    ] {
        assert!(opened.iter().any(|t| t == title), "{title}: {opened:?}");
    }
    // Seven plan sections, and the person the harm chooser opens.
    assert_eq!(opened.len(), 11 + 2 + 3 + 5 + 7 + 1);
    assert!(!screen.app.is_dirty(), "no change registered");
    screen.act(Action::Tick(common::at("10:07")));
    screen.ctrl('q');
    assert!(screen.saves().is_empty(), "{:?}", screen.effects);
}

#[test]
fn help_lists_every_binding_from_the_key_map() {
    let mut screen = Screen::new(live_record(), 100, 40);
    screen.key(KeyCode::F(1));
    assert!(screen.shows("Ctrl-Q Ctrl-C"), "{}", screen.text());
    assert!(screen.shows("save and quit"));
    screen.key(KeyCode::Esc);
    assert!(screen.app.overlay.is_none());
    screen.key(KeyCode::Esc);
    screen.command("help");
    assert!(screen.shows("Keys"));
}

#[test]
fn help_opens_on_the_keys_of_the_pane_it_is_asked_from() {
    let mut screen = Screen::new(live_record(), 100, 40);
    let first_sections = |screen: &mut Screen, open: fn(&mut Screen)| {
        open(screen);
        let headings = common::help_headings(&screen.text());
        screen.key(KeyCode::Esc);
        assert!(screen.app.overlay.is_none());
        headings.into_iter().take(3).collect::<Vec<String>>()
    };
    assert_eq!(
        first_sections(&mut screen, |s| s.key(KeyCode::F(1))),
        ["Typing notes", "Anywhere", "Choosing a speaker after @"]
    );
    screen.key(KeyCode::Esc);
    assert_eq!(screen.app.focus, Pane::Agenda);
    assert_eq!(
        first_sections(&mut screen, |s| s.command("help")),
        ["Agenda", "In any list pane", "Anywhere"]
    );
    for (pane, title) in [
        (Pane::People, "People"),
        (Pane::Findings, "Findings & decisions"),
        (Pane::Actions, "Actions"),
        (Pane::Plan, "Plan & review"),
    ] {
        while screen.app.focus != pane {
            screen.key(KeyCode::Tab);
        }
        assert_eq!(
            first_sections(&mut screen, |s| s.key(KeyCode::F(1))),
            [title, "In any list pane", "Anywhere"]
        );
    }
}

#[test]
fn autosave_asks_for_a_save_a_second_after_a_change_and_the_header_says_so() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.act(Action::Tick(
        common::at("10:05") + chrono::TimeDelta::seconds(2),
    ));
    assert!(screen.saves().is_empty(), "opening is not a change to save");
    screen.keys("w");
    screen.act(Action::Tick(
        common::at("10:05") + chrono::TimeDelta::seconds(3),
    ));
    assert_eq!(screen.saves().len(), 1, "{:?}", screen.effects);
    screen.act(Action::Saved(Ok(
        common::at("10:05") + chrono::TimeDelta::seconds(3)
    )));
    assert!(!screen.app.is_dirty());
    assert!(screen.shows("saved 10:05"), "{}", screen.text());
    screen.keys("x");
    assert!(
        screen.shows("saved 10:05") && !screen.shows("saving"),
        "while saves succeed the header changes at most once a minute: {}",
        screen.text()
    );
    screen.effects.clear();
    screen.act(Action::Tick(
        common::at("10:05") + chrono::TimeDelta::seconds(5),
    ));
    let Some(Effect::Save(saved)) = screen.effects.first() else {
        panic!("no save: {:?}", screen.effects);
    };
    assert_eq!(saved.agenda[0].notes[0].text, "wx");
}

#[test]
fn a_failing_save_is_shown_retried_and_quitting_offers_another_path() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("text that must not be lost");
    screen.act(Action::Tick(
        common::at("10:05") + chrono::TimeDelta::seconds(2),
    ));
    screen.act(Action::Saved(Err("disk full".to_owned())));
    assert!(
        screen.shows("NOT SAVED: disk full, retrying"),
        "{}",
        screen.text()
    );
    screen.ctrl('q');
    assert!(
        screen.shows("Quit: the record is NOT saved"),
        "{}",
        screen.text()
    );
    assert_eq!(screen.app.run_state(), RunState::Running);
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    for words in [
        "Enter retry",
        "Ctrl-W write a copy",
        "Ctrl-D discard",
        "cancel",
    ] {
        assert!(hints.contains(words), "the question's own keys: {hints}");
    }
    assert!(!hints.contains("yes"), "{hints}");
    screen.ctrl('w');
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    assert!(
        hints.contains("Enter write") && !hints.contains("retry"),
        "{hints}"
    );
    screen.keys("/tmp/copy.json");
    screen.key(KeyCode::Enter);
    let Some(Effect::SaveAs(record, path)) = screen.effects.last() else {
        panic!("{:?}", screen.effects);
    };
    assert_eq!(path.to_str(), Some("/tmp/copy.json"));
    assert_eq!(record.agenda[0].notes[0].text, "text that must not be lost");
    assert_eq!(
        screen.app.run_state(),
        RunState::Running,
        "not before the copy is written"
    );
    screen.act(Action::Copied(Err(
        "/tmp/copy.json: permission denied".to_owned()
    )));
    assert!(
        screen.shows("The copy was NOT written"),
        "{}",
        screen.text()
    );
    assert!(screen.shows("Quit: the record is NOT saved"), "asked again");
    screen.ctrl('w');
    screen.keys("/tmp/other.json");
    screen.key(KeyCode::Enter);
    screen.act(Action::Copied(Ok("/tmp/other.json".into())));
    assert_eq!(screen.app.run_state(), RunState::Quit);
    assert!(matches!(screen.effects.last(), Some(Effect::Exit)));
    assert!(
        screen.app.is_dirty(),
        "the record's own file still lacks the text"
    );
    assert!(
        !screen.app.has_changes_only_in_memory(),
        "but the copy holds it, so leaving names the copy rather than a loss"
    );
}

#[test]
fn a_rebound_key_acts_and_is_named_by_the_quit_question_and_its_hints() {
    let mut screen = Screen::with_keys(
        live_record(),
        80,
        24,
        "[quitting]\nretry-save = [\"ctrl-r\"]\ncancel = [\"esc\"]\n",
    );
    screen.keys("text that must not be lost");
    screen.act(Action::Tick(
        common::at("10:05") + chrono::TimeDelta::seconds(2),
    ));
    screen.act(Action::Saved(Err("disk full".to_owned())));
    screen.ctrl('q');
    assert!(
        screen.shows("Ctrl-R retry the save and quit"),
        "{}",
        screen.text()
    );
    assert!(
        screen.shows("Esc go back to the meeting"),
        "{}",
        screen.text()
    );
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    assert!(hints.contains("Ctrl-R retry"), "{hints}");
    assert!(hints.contains("Esc cancel"), "{hints}");
    screen.effects.clear();
    screen.key(KeyCode::Enter);
    assert!(
        screen.shows("Quit: the record is NOT saved"),
        "Enter no longer answers"
    );
    assert!(screen.effects.is_empty(), "{:?}", screen.effects);
    screen.ctrl('r');
    assert_eq!(screen.app.run_state(), RunState::Quit);
    assert!(
        matches!(screen.effects.as_slice(), [Effect::Save(_), Effect::Exit]),
        "{:?}",
        screen.effects
    );
}

#[test]
fn rebound_keys_drive_the_notes_the_speaker_choice_and_the_panes() {
    let mut screen = Screen::with_keys(
        live_record(),
        80,
        24,
        "[completion]\naccept = [\"ctrl-y\"]\n[notes]\nnext-note = [\"alt-enter\"]\n\
         [global]\nquit = [\"ctrl-x\"]\nhelp = [\"ctrl-y\"]\n",
    );
    assert!(screen.shows("Ctrl-X quit"), "{}", screen.text());
    screen.keys("Said by @");
    let initials = screen.app.record.attendees[0].initials.clone();
    screen.keys(&initials);
    screen.ctrl('y');
    assert!(
        screen.app.completion.is_none(),
        "Ctrl-Y accepted the speaker"
    );
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.app.record.agenda[0].notes.len(),
        1,
        "Enter is a new line now"
    );
    screen.event(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    screen.keys("next");
    assert_eq!(
        screen.app.record.agenda[0].notes.len(),
        2,
        "Alt-Enter starts the next note"
    );
    screen.ctrl('q');
    assert_eq!(
        screen.app.run_state(),
        RunState::Running,
        "Ctrl-Q no longer quits"
    );
    screen.key(KeyCode::Esc);
    screen.key(KeyCode::F(1));
    assert!(screen.app.overlay.is_none(), "F1 no longer opens help");
    screen.ctrl('y');
    assert!(matches!(screen.app.overlay, Some(Overlay::Help(_))));
    assert!(screen.shows("Ctrl-X"), "help lists the keys in force");
    screen.key(KeyCode::Esc);
    screen.ctrl('x');
    assert_eq!(screen.app.run_state(), RunState::Quit);
}

#[test]
fn quitting_saves_first_and_hang_up_saves_and_exits() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("last words");
    screen.ctrl('q');
    assert!(
        matches!(
            screen.effects.as_slice(),
            [.., Effect::Save(_), Effect::Exit]
        ),
        "{:?}",
        screen.effects
    );
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("typed as the line dropped");
    screen.act(Action::HangUp);
    assert_eq!(screen.app.run_state(), RunState::Quit);
    let Some(Effect::Save(record)) = screen.effects.first() else {
        panic!("{:?}", screen.effects);
    };
    assert_eq!(record.agenda[0].notes[0].text, "typed as the line dropped");
}

#[test]
fn go_to_an_item_by_part_of_its_title() {
    let mut screen = Screen::new(live_record(), 80, 24);
    let target = index_of(&screen.app.record, ItemKind::Plan);
    let title = screen.app.record.agenda[target].title.clone();
    screen.ctrl('g');
    screen.keys(&title[..title.len().min(12)]);
    assert!(screen.shows(&title[..title.len().min(12)]));
    screen.key(KeyCode::Enter);
    assert_eq!(screen.app.current, target);
    assert_eq!(screen.app.focus, Pane::Notes);
}

#[test]
fn the_closing_check_lists_gaps_records_acknowledgements_and_ends_the_meeting() {
    let mut screen = Screen::new(live_record(), 100, 30);
    screen.command("end the meeting");
    assert!(
        screen.shows("Closing check: still missing"),
        "{}",
        screen.text()
    );
    assert!(screen.shows("the adult's attendance is not recorded"));
    // The meeting's details come first; the adult's attendance is the second gap.
    screen.key(KeyCode::Down);
    screen.ctrl('n');
    let acknowledged = screen.app.record.agenda[0].notes.iter().any(|n| {
        n.text
            .contains("Closing check: noted as not recorded: the adult's attendance")
    });
    assert!(acknowledged, "the acknowledgement is in the minutes");
    assert!(!screen.shows("the adult's attendance is not recorded"));
    screen.ctrl('e');
    assert_eq!(
        screen.app.record.meeting.ended_at,
        Some(common::at("10:05"))
    );
    assert!(screen.shows("Meeting ended at 10:05"));
}

#[test]
fn a_small_terminal_says_so_and_keeps_the_data() {
    let mut screen = Screen::new(live_record(), 50, 12);
    screen.keys("still typing");
    assert!(screen.shows("Terminal too small"), "{}", screen.text());
    assert_eq!(screen.app.record.agenda[0].notes[0].text, "still typing");
}

#[test]
fn every_pane_is_reachable_at_80x24() {
    let mut screen = Screen::new(live_record(), 80, 24);
    for pane in [
        "Findings & decisions",
        "Actions",
        "Plan & review",
        "Agenda",
        "1. ",
    ] {
        screen.key(KeyCode::Tab);
        screen.key(KeyCode::Tab);
        let _ = pane;
    }
    let mut seen = Vec::new();
    for _ in 0..6 {
        screen.key(KeyCode::Tab);
        seen.push(screen.app.focus);
        let title = screen.app.focus.title();
        if screen.app.focus != Pane::Notes {
            assert!(screen.shows(title), "{title} not drawn: {}", screen.text());
        }
    }
    assert_eq!(seen.len(), 6);
}

#[test]
fn the_cursor_sits_on_the_caret_while_typing() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("abc");
    let position = screen.terminal.get_cursor_position().unwrap();
    let buffer = screen.terminal.backend().buffer();
    let before = buffer[(position.x - 1, position.y)].symbol().to_owned();
    assert_eq!(before, "c", "cursor right after the typed text");
}

fn snapshot_name(width: u16, height: u16, theme: &str, what: &str) -> String {
    format!("{what}_{width}x{height}_{theme}")
}

#[test]
fn snapshots_at_80x24_and_140x45_in_default_and_mono() {
    for (width, height) in [(80, 24), (140, 45)] {
        for theme in ["default", "mono"] {
            let mut record = live_record();
            record.findings = common::typical_record().findings;
            record.decisions = common::typical_record().decisions;
            record.actions = common::typical_record().actions;
            let mut screen = Screen::with_theme(record, width, height, theme);
            screen.keys("@");
            screen.keys(&screen.app.record.attendees[0].initials.clone());
            screen.key(KeyCode::Enter);
            screen.keys("opened the meeting and explained confidentiality");
            // The buffer's own dump: the text, then every run of style, so the mono snapshots
            // show what carries meaning without colour (reverse, bold, underline).
            let styled = |screen: &Screen| format!("{:?}", screen.terminal.backend().buffer());
            insta::assert_snapshot!(
                snapshot_name(width, height, theme, "typing"),
                styled(&screen)
            );
            screen.key(KeyCode::Tab);
            screen.key(KeyCode::Tab);
            insta::assert_snapshot!(
                snapshot_name(width, height, theme, "findings"),
                styled(&screen)
            );
        }
    }
}

#[test]
fn quick_action_from_anywhere_fills_owner_agency_and_due_date() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("Typing a note");
    screen.ctrl('t');
    screen.keys("JS to chase GP records by fri");
    assert!(screen.shows("Jane Smith (Police)"), "{}", screen.text());
    assert!(screen.shows("Fri 27 Nov 2026"), "{}", screen.text());
    screen.key(KeyCode::Enter);
    let action = screen.app.record.actions.last().unwrap();
    assert_eq!(action.id, 1);
    assert_eq!(action.text, "Chase GP records");
    assert_eq!(action.owner, "Jane Smith");
    assert_eq!(action.agency, "Police");
    assert_eq!(action.due, Some(common::date("2026-11-27")));
    assert_eq!(action.agenda_key, screen.app.record.agenda[0].key);
    assert_eq!(
        screen.app.focus,
        Pane::Notes,
        "back to typing where we were"
    );
    assert_eq!(screen.app.record.agenda[0].notes[0].text, "Typing a note");
}

#[test]
fn quick_action_tab_adjusts_the_fields_in_a_form() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.ctrl('t');
    screen.keys("Police to request CCTV");
    screen.key(KeyCode::Tab);
    assert!(
        matches!(screen.app.overlay, Some(Overlay::Form { .. })),
        "{}",
        screen.text()
    );
    for _ in 0..3 {
        screen.key(KeyCode::Tab);
    }
    screen.keys("in 10 working days");
    screen.key(KeyCode::Enter);
    let action = screen.app.record.actions.last().unwrap();
    assert_eq!(action.text, "Request CCTV");
    assert_eq!(action.due, Some(common::date("2026-12-07")));
}

#[test]
fn attendees_are_added_with_initials_derived_and_from_the_usual_roles() {
    let mut record = live_record();
    record.attendees.clear();
    let mut screen = Screen::new(record, 80, 24);
    screen.key(KeyCode::Tab);
    screen.command("add an attendee");
    screen.keys("Zoë de la Cruz");
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Tab);
    screen.keys("Advocate");
    screen.key(KeyCode::Enter);
    let person = &screen.app.record.attendees[0];
    assert_eq!(person.name, "Zoë de la Cruz");
    assert_eq!(person.initials, "ZDLC");
    assert_eq!(person.role, "Advocate");
    screen.command("usual roles");
    assert!(screen.shows("Police officer (Police)"), "{}", screen.text());
    for _ in 0..5 {
        screen.key(KeyCode::Down);
    }
    screen.key(KeyCode::Enter);
    screen.keys("Jane Smith");
    screen.key(KeyCode::Enter);
    let police = &screen.app.record.attendees[1];
    assert_eq!(
        (police.name.as_str(), police.agency.as_str()),
        ("Jane Smith", "Police")
    );
    assert_eq!(police.role, "Police officer");
}

#[test]
fn findings_and_decisions_are_added_and_edited_in_forms() {
    let mut screen = Screen::new(live_record(), 100, 30);
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Tab);
    assert_eq!(screen.app.focus, Pane::Findings);
    screen.command("add a finding");
    screen.keys("Missed care calls");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.app.record.findings[0].allegation,
        "Missed care calls"
    );
    assert!(screen.shows("no rationale"), "{}", screen.text());
    screen.key(KeyCode::Enter);
    for _ in 0..7 {
        screen.key(KeyCode::Tab);
    }
    screen.keys("Call logs show a third of calls missed");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.app.record.findings[0].rationale,
        "Call logs show a third of calls missed"
    );
    screen.command("add a decision");
    screen.keys("Suspend new placements");
    screen.key(KeyCode::Tab);
    screen.keys("Risk to other residents");
    screen.key(KeyCode::Tab);
    screen.keys("Mark Bennett");
    screen.key(KeyCode::Enter);
    let decision = &screen.app.record.decisions[0];
    assert_eq!(decision.text, "Suspend new placements");
    assert_eq!(decision.rationale, "Risk to other residents");
    assert_eq!(
        decision.dissent.as_ref().map(|d| d.who.as_str()),
        Some("Mark Bennett")
    );
    assert_eq!(decision.at, common::at("10:05"));
    assert!(screen.shows("Findings 1 Decisions 1"), "{}", screen.text());
    assert!(
        screen.shows("D1 Suspend new placements"),
        "{}",
        screen.text()
    );
}

#[test]
fn the_review_date_is_typed_in_words() {
    let mut screen = Screen::new(live_record(), 80, 24);
    for _ in 0..4 {
        screen.key(KeyCode::Tab);
    }
    assert_eq!(screen.app.focus, Pane::Plan);
    for _ in 0..4 {
        screen.key(KeyCode::Down);
    }
    screen.key(KeyCode::Enter);
    assert!(screen.shows("Review date"), "{}", screen.text());
    screen.keys("+6w");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.app.record.review.review_date,
        Some(common::date("2027-01-04"))
    );
}

#[test]
fn the_adult_not_attending_without_a_reason_is_flagged() {
    let mut screen = Screen::new(live_record(), 80, 24);
    for _ in 0..4 {
        screen.key(KeyCode::Tab);
    }
    screen.key(KeyCode::Enter);
    screen.key(KeyCode::Right);
    screen.key(KeyCode::Right);
    screen.key(KeyCode::Enter);
    assert_eq!(screen.app.record.adult_participation.attended, Some(false));
    assert!(
        screen.shows("reason the adult did not attend must be recorded"),
        "{}",
        screen.text()
    );
}

#[test]
fn a_hang_up_or_quit_with_a_form_open_keeps_what_was_typed_in_it() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Tab);
    screen.command("add a finding");
    screen.keys("Financial abuse by Worker A");
    screen.act(Action::HangUp);
    assert_eq!(
        screen.app.record.findings[0].allegation,
        "Financial abuse by Worker A"
    );
    let Some(Effect::Save(saved)) = screen.effects.first() else {
        panic!("{:?}", screen.effects);
    };
    assert_eq!(saved.findings.len(), 1, "the save holds the form's finding");

    let mut screen = Screen::new(live_record(), 80, 24);
    screen.ctrl('t');
    screen.keys("GP to send records by tomorrow");
    screen.ctrl('q');
    assert_eq!(screen.app.record.actions[0].text, "Send records");
    assert_eq!(screen.app.run_state(), RunState::Quit);
}

/// A whole case conference driven through the keys, then saved through the store and read
/// back: attendance, the adult's absence with its reason, notes on every item, two findings,
/// three decisions, five quick actions, the plan, feedback and review, and the closing check.
mod full_meeting {
    use super::*;
    use minutes::model::{MentalCapacity, RepresentativeKind};
    use minutes::store::{Store, load_file};

    fn empty_case_conference() -> Record {
        let mut record = live_record();
        record.attendees.clear();
        record
    }

    /// Adds an attendee on one line of the people prompt (open): `attendance` is the index
    /// of present, apologies, absent, written contribution.
    fn add_person(screen: &mut Screen, name: &str, role: &str, agency: &str, attendance: usize) {
        let attendance = ["present", "apologies", "absent", "written contribution"][attendance];
        screen.keys(&format!("{name}, {role}, {agency}, {attendance}"));
        screen.key(KeyCode::Enter);
    }

    fn quick_action(screen: &mut Screen, line: &str) -> minutes::model::ActionItem {
        screen.ctrl('t');
        screen.keys(line);
        screen.key(KeyCode::Enter);
        screen.app.record.actions.last().unwrap().clone()
    }

    /// Opens the plan pane's section `n` form from anywhere.
    fn plan_section(screen: &mut Screen, n: usize) {
        focus(screen, Pane::Plan);
        while screen.app.selected.plan > n {
            screen.key(KeyCode::Up);
        }
        while screen.app.selected.plan < n {
            screen.key(KeyCode::Down);
        }
        screen.key(KeyCode::Enter);
    }

    fn focus(screen: &mut Screen, pane: Pane) {
        while screen.app.focus != pane {
            screen.key(KeyCode::Tab);
        }
    }

    #[test]
    fn a_scripted_case_conference_is_all_in_the_saved_file() {
        let mut screen = Screen::new(empty_case_conference(), 100, 30);
        screen.command("add people");
        add_person(&mut screen, "Priya Nair", "Chair", "Adult Social Care", 0);
        add_person(
            &mut screen,
            "Tom Walsh",
            "Minute taker",
            "Adult Social Care",
            0,
        );
        add_person(
            &mut screen,
            "Jane Smith",
            "Detective Constable",
            "Police",
            0,
        );
        add_person(
            &mut screen,
            "Rhys Evans",
            "GP",
            "Riverside Medical Practice",
            0,
        );
        add_person(
            &mut screen,
            "Claire Dubois",
            "District Nurse",
            "Community Health NHS Trust",
            1,
        );
        add_person(
            &mut screen,
            "Gareth Lloyd",
            "Inspector",
            "Care Quality Commission",
            3,
        );
        add_person(
            &mut screen,
            "Sam Taylor",
            "Care Act advocate",
            "Voice Advocacy",
            0,
        );
        add_person(&mut screen, "Edith Warren", "", "", 2);
        screen.key(KeyCode::Esc);
        assert_eq!(screen.app.record.attendees.len(), 8, "{}", screen.text());
        // Sam Taylor represents the adult as advocate; Edith Warren is the adult.
        screen.app.selected.people = 6;
        screen.key(KeyCode::Enter);
        for _ in 0..8 {
            screen.key(KeyCode::Tab);
        }
        screen.key(KeyCode::Right);
        screen.key(KeyCode::Enter);
        screen.key(KeyCode::Down);
        screen.command("adult");
        assert!(screen.app.record.attendees[7].is_adult);

        // The adult's participation: did not attend, why, views through the advocate.
        plan_section(&mut screen, 0);
        screen.key(KeyCode::Right);
        screen.key(KeyCode::Right);
        screen.key(KeyCode::Tab);
        screen.keys("Mrs Warren chose not to attend; she met the advocate beforehand");
        screen.key(KeyCode::Tab);
        screen.keys("x");
        screen.key(KeyCode::Tab);
        screen.keys("She wants to stay at home with the same carers");
        screen.key(KeyCode::Tab);
        screen.key(KeyCode::Right);
        screen.key(KeyCode::Enter);
        assert_eq!(screen.app.record.adult_participation.attended, Some(false));

        // The meeting's details: chair, minute taker, venue and mode.
        plan_section(&mut screen, 6);
        screen.keys("Priya Nair");
        screen.key(KeyCode::Tab);
        screen.keys("Tom Walsh");
        screen.key(KeyCode::Tab);
        screen.keys("Room 4, Civic Centre");
        screen.key(KeyCode::Tab);
        screen.key(KeyCode::Right);
        screen.key(KeyCode::Enter);
        assert_eq!(screen.app.record.meeting.chair, "Priya Nair");

        // Every item: a note, the entries it calls for, then done.
        focus(&mut screen, Pane::Agenda);
        let mut decisions = 0;
        let mut actions = Vec::new();
        let lines = [
            (
                "JS to request CCTV from Oakfield by fri",
                "Jane Smith",
                "Police",
                "2026-11-27",
            ),
            (
                "RE to review medication within 10 working days",
                "Rhys Evans",
                "Riverside Medical Practice",
                "2026-12-07",
            ),
            (
                "PN to write to Oakfield tomorrow",
                "Priya Nair",
                "Adult Social Care",
                "2026-11-24",
            ),
            (
                "Sam Taylor to visit Mrs Warren by 3 Dec",
                "Sam Taylor",
                "Voice Advocacy",
                "2026-12-03",
            ),
            (
                "Gareth Lloyd to share the inspection report +2w",
                "Gareth Lloyd",
                "Care Quality Commission",
                "2026-12-07",
            ),
        ];
        while screen.app.record.meeting.ended_at.is_none() {
            let index = screen.app.current;
            let kind = screen.app.record.agenda[index].kind;
            // Typing goes into the notes from wherever the last form left the focus.
            screen.keys(&format!("Discussed item {}", index + 1));
            screen.key(KeyCode::Enter);
            match kind {
                ItemKind::Findings => {
                    focus(&mut screen, Pane::Findings);
                    for (allegation, rationale) in [
                        (
                            "Neglect: missed care calls",
                            "Call logs show a third of calls missed",
                        ),
                        (
                            "Financial: money taken from her purse",
                            "Her account is consistent but uncorroborated",
                        ),
                    ] {
                        screen.command("finding");
                        screen.keys(allegation);
                        screen.key(KeyCode::Tab);
                        screen.key(KeyCode::Right);
                        for _ in 0..3 {
                            screen.key(KeyCode::Tab);
                        }
                        screen.key(KeyCode::Right);
                        for _ in 0..3 {
                            screen.key(KeyCode::Tab);
                        }
                        screen.keys(rationale);
                        screen.key(KeyCode::Enter);
                    }
                }
                ItemKind::Decisions if decisions < 3 => {
                    focus(&mut screen, Pane::Findings);
                    decisions += 1;
                    screen.command("decision");
                    screen.keys(&format!("Decision {decisions}"));
                    screen.key(KeyCode::Tab);
                    screen.keys(&format!("Reason {decisions}"));
                    screen.key(KeyCode::Enter);
                }
                ItemKind::Actions if actions.len() < lines.len() => {
                    for (line, ..) in &lines[actions.len()..] {
                        actions.push(quick_action(&mut screen, line));
                    }
                }
                ItemKind::Plan if screen.app.record.plan.coordinator.is_empty() => {
                    plan_section(&mut screen, 2);
                    screen.keys("Daily calls by a new provider; weekly nurse visits");
                    screen.key(KeyCode::Tab);
                    screen.keys("Amara Okafor");
                    screen.key(KeyCode::Tab);
                    screen.keys("District nurses");
                    screen.key(KeyCode::Tab);
                    screen.keys("Emergency respite if calls are missed again");
                    screen.event(Event::Key(KeyEvent::new(
                        KeyCode::Char('j'),
                        KeyModifiers::CONTROL,
                    )));
                    screen.keys("Police informed of any contact by Worker A");
                    screen.key(KeyCode::Tab);
                    screen.keys("Copy to Mrs Warren through her advocate");
                    screen.key(KeyCode::Enter);
                }
                ItemKind::Feedback => {
                    plan_section(&mut screen, 3);
                    screen.keys("Sam Taylor");
                    screen.key(KeyCode::Tab);
                    screen.keys("Decisions and plan, within 2 days");
                    for _ in 0..5 {
                        screen.key(KeyCode::Tab);
                    }
                    screen.keys("Priya Nair");
                    screen.key(KeyCode::Enter);
                }
                ItemKind::Review if screen.app.record.review.review_date.is_none() => {
                    plan_section(&mut screen, 4);
                    screen.keys("+6w");
                    screen.key(KeyCode::Enter);
                }
                _ => {}
            }
            // Ctrl-D marks the current item done from any pane and opens the next.
            if screen
                .app
                .record
                .agenda
                .iter()
                .all(|i| i.status != ItemStatus::Pending)
            {
                screen.ctrl('d');
                screen.command("end meeting");
                assert!(
                    screen.shows("Closing check: nothing missing"),
                    "{}",
                    screen.text()
                );
                screen.key(KeyCode::Enter);
            } else {
                screen.ctrl('d');
                assert_ne!(
                    screen.app.current,
                    index,
                    "moved on from item {}: {}",
                    index + 1,
                    screen.text()
                );
            }
        }

        // Quick capture parsed who, which agency and when.
        for (action, (_, owner, agency, due)) in actions.iter().zip(lines) {
            assert_eq!(
                (action.owner.as_str(), action.agency.as_str()),
                (owner, agency),
                "{action:?}"
            );
            assert_eq!(action.due, Some(common::date(due)), "{action:?}");
        }

        // The figure in the README: keys beyond the text to minute the whole conference.
        let total: usize = screen.extra_keys.values().sum();
        eprintln!("keys beyond the text: {total} {:?}", screen.extra_keys);
        assert!(
            total <= 400,
            "{total} keys beyond the text: {:?}",
            screen.extra_keys
        );

        // Save as the shell does, then read the file back.
        screen.ctrl('q');
        let Some(Effect::Save(record)) = screen
            .effects
            .iter()
            .rev()
            .find(|e| matches!(e, Effect::Save(_)))
        else {
            panic!("no save on quit");
        };
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path().join("records")).unwrap();
        let path = store.create(record).unwrap();
        let saved = load_file(&path).unwrap();

        let attendance: Vec<Attendance> = saved.attendees.iter().map(|a| a.attendance).collect();
        assert_eq!(
            attendance
                .iter()
                .filter(|a| **a == Attendance::Present)
                .count(),
            5
        );
        assert_eq!(attendance[4], Attendance::Apologies);
        assert_eq!(attendance[5], Attendance::WrittenContribution);
        assert_eq!(attendance[7], Attendance::Absent);
        assert!(saved.attendees[7].is_adult);
        assert_eq!(
            saved.attendees[6].representative_kind,
            Some(RepresentativeKind::ALL[0])
        );
        let adult = &saved.adult_participation;
        assert_eq!(adult.attended, Some(false));
        assert!(
            adult
                .reason_not_attended
                .starts_with("Mrs Warren chose not to attend")
        );
        assert_eq!(
            adult.views,
            "She wants to stay at home with the same carers"
        );
        assert_eq!(adult.capacity, Some(MentalCapacity::ALL[0]));
        for (i, item) in saved.agenda.iter().enumerate() {
            assert_eq!(item.status, ItemStatus::Done, "item {}", i + 1);
            assert!(item.opened_at.is_some() && item.closed_at.is_some());
            assert!(
                item.notes
                    .iter()
                    .any(|n| n.text == format!("Discussed item {}", i + 1)),
                "item {}: {:?}",
                i + 1,
                item.notes
            );
        }
        assert_eq!(saved.findings.len(), 2);
        for finding in &saved.findings {
            assert!(
                finding.gaps().iter().all(|g| !g.contains("rationale")),
                "{finding:?}"
            );
            assert!(finding.abuse_type.is_some() && finding.finding.is_some());
        }
        assert_eq!(saved.decisions.len(), 3);
        assert_eq!(saved.decisions[2].rationale, "Reason 3");
        assert_eq!(saved.actions.len(), 5);
        assert_eq!(saved.plan.coordinator, "Amara Okafor");
        assert_eq!(saved.plan.contingencies.len(), 2);
        assert_eq!(saved.feedback.to_adult.by, "Sam Taylor");
        assert_eq!(saved.feedback.adult_disagreement_contact, "Priya Nair");
        assert_eq!(saved.review.review_date, Some(common::date("2027-01-04")));
        assert_eq!(saved.meeting.ended_at, Some(common::at("10:05")));
        assert!(minutes::model::closing_gaps(&saved, common::date("2026-11-23")).is_empty());
    }
}

#[test]
fn unicode_names_and_text_keep_their_widths_at_every_size() {
    for (width, height) in [(60, 16), (80, 24), (100, 30), (140, 45)] {
        let mut record = common::unicode_record();
        record.meeting.ended_at = None;
        let mut screen = Screen::new(record, width, height);
        screen.keys("Zoë: 陈伟 agreed 🙂 — Łukasz to follow up");
        screen.key(KeyCode::Enter);
        assert!(
            screen.shows("陈伟 agreed 🙂"),
            "{width}x{height}: {}",
            screen.text()
        );
        screen.key(KeyCode::Tab);
        assert!(
            screen.shows("Zoë Ó Briain"),
            "{width}x{height}: {}",
            screen.text()
        );
        screen.keys("@");
        screen.key(KeyCode::Esc);
    }
}

/// Typing always types: the sentences that once ran commands, typed in each state of the
/// screen, change the record only by a note holding them.
mod typing_always_types {
    use super::*;

    const SENTENCES: [&str; 3] = [
        "Police will check PNC",
        "discussed the report",
        "the risk is high? Yes: 1 2 3 [x] ] j k q E P X a c d e m",
    ];

    /// Types `sentence` and checks the record gained exactly a note with it under the
    /// current item, and nothing else changed.
    fn types_only(screen: &mut Screen, state: &str, sentence: &str) {
        let before = screen.app.record.clone();
        screen.keys(sentence);
        assert!(screen.app.overlay.is_none(), "{state}: {}", screen.text());
        assert_eq!(screen.app.focus, Pane::Notes, "{state}");
        let mut after = screen.app.record.clone();
        let current = screen.app.current;
        let note = after.agenda[current].notes.pop().expect("a note");
        assert_eq!(note.text, sentence, "{state}: nothing swallowed");
        after.updated_at = before.updated_at;
        assert!(
            after == before,
            "{state}: the record changed beyond the note: {}",
            first_difference(
                &serde_json::to_string_pretty(&before).unwrap(),
                &serde_json::to_string_pretty(&after).unwrap()
            )
        );
        screen.key(KeyCode::Enter);
    }

    fn started() -> Screen {
        let mut record = common::typical_record();
        record.meeting.status = minutes::model::MinutesStatus::Draft;
        record.meeting.part = MeetingPart::ProfessionalsOnly;
        record.meeting.ended_at = None;
        for item in &mut record.agenda {
            item.status = ItemStatus::Pending;
        }
        let mut screen = Screen::new(record, 80, 24);
        screen.keys("First note");
        screen.key(KeyCode::Enter);
        screen
    }

    #[test]
    fn in_every_pane_after_esc_and_with_every_pop_up_that_takes_no_text() {
        let mut screen = started();
        let mut states = 0;
        for sentence in SENTENCES {
            types_only(&mut screen, "notes", sentence);
            screen.key(KeyCode::Esc);
            types_only(&mut screen, "after Esc", sentence);
            for pane in [Pane::People, Pane::Findings, Pane::Actions, Pane::Plan] {
                while screen.app.focus != pane {
                    screen.key(KeyCode::Tab);
                }
                types_only(&mut screen, &format!("{pane:?} pane"), sentence);
                while screen.app.focus != pane {
                    screen.key(KeyCode::Tab);
                }
                screen.key(KeyCode::Enter);
                assert!(matches!(screen.app.overlay, Some(Overlay::Form { .. })));
                screen.key(KeyCode::Esc);
                types_only(&mut screen, &format!("after a {pane:?} form"), sentence);
                states += 3;
            }
            screen.key(KeyCode::F(1));
            types_only(&mut screen, "help", sentence);
            screen.command("end the meeting");
            assert!(matches!(screen.app.overlay, Some(Overlay::Closing { .. })));
            types_only(&mut screen, "closing check", sentence);
            while screen.app.focus != Pane::People {
                screen.key(KeyCode::Tab);
            }
            screen.key(KeyCode::Delete);
            assert!(matches!(screen.app.overlay, Some(Overlay::Confirm { .. })));
            types_only(&mut screen, "a question", sentence);
            screen.key(KeyCode::Tab);
            screen.command("usual roles");
            types_only(&mut screen, "roles", sentence);
            screen.command("save now");
            types_only(&mut screen, "after a command", sentence);
            // Inside tmux, Esc then a letter arrives as Alt and the letter: it types.
            screen.key(KeyCode::Esc);
            let before = screen.app.record.agenda[screen.app.current].notes.len();
            screen.alt('P');
            screen.keys("olice");
            let notes = &screen.app.record.agenda[screen.app.current].notes;
            assert_eq!(notes.len(), before + 1);
            assert_eq!(notes[before].text, "Police");
            assert_eq!(
                screen.app.record.meeting.part,
                MeetingPart::ProfessionalsOnly
            );
            screen.key(KeyCode::Enter);
            states += 8;
        }
        assert_eq!(states, 60);
    }

    #[test]
    fn the_field_with_the_caret_takes_the_text_and_the_notes_take_what_follows() {
        let mut screen = started();
        screen.ctrl('g');
        screen.keys("risk");
        assert!(
            matches!(screen.app.overlay, Some(Overlay::Goto { .. })),
            "the prompt's text"
        );
        screen.key(KeyCode::Esc);
        types_only(
            &mut screen,
            "after the go-to prompt",
            "discussed the report",
        );
        screen.ctrl('p');
        screen.keys("part");
        screen.key(KeyCode::Esc);
        types_only(&mut screen, "after the palette", "Police will check PNC");
        screen.ctrl('t');
        screen.keys("JS to check PNC by fri");
        screen.key(KeyCode::Enter);
        types_only(&mut screen, "after a quick action", "the risk is high");
    }

    #[test]
    fn a_change_with_consequences_says_so_and_is_undone_while_typing_goes_on() {
        let mut screen = started();
        screen.command("meeting part");
        assert_eq!(screen.app.record.meeting.part, MeetingPart::WithAdult);
        assert!(screen.shows("Ctrl-Z undoes"), "{}", screen.text());
        screen.keys("typed after the change");
        screen.key(KeyCode::Enter);
        screen.ctrl('z');
        assert_eq!(
            screen.app.record.meeting.part,
            MeetingPart::ProfessionalsOnly,
            "{}",
            screen.text()
        );
        assert!(screen.shows("Undone"), "{}", screen.text());
        let notes = &screen.app.record.agenda[screen.app.current].notes;
        assert_eq!(notes.last().unwrap().text, "typed after the change", "kept");

        let status = screen.app.record.agenda[0].status;
        screen.ctrl('d');
        assert_eq!(screen.app.record.agenda[0].status, ItemStatus::Done);
        screen.ctrl('z');
        assert_eq!(screen.app.record.agenda[0].status, status);
        screen.ctrl('z');
        assert!(screen.shows("Nothing to undo"), "{}", screen.text());
    }
}

#[test]
fn a_note_is_corrected_after_enter_and_its_history_kept() {
    let mut screen = Screen::new(live_record(), 100, 30);
    screen.keys("Police will chekc PNC");
    screen.key(KeyCode::Enter);
    screen.keys("Second note");
    screen.key(KeyCode::Enter);
    screen.key(KeyCode::Up);
    assert_eq!(screen.app.note_selected, Some(1));
    screen.key(KeyCode::Up);
    assert_eq!(screen.app.note_selected, Some(0));
    assert!(screen.shows("Correcting a note"), "{}", screen.text());
    screen.key(KeyCode::Enter);
    let Some(Overlay::Form { form, .. }) = &screen.app.overlay else {
        panic!("no note form: {}", screen.text());
    };
    assert!(form.title().starts_with("Note 1"), "{}", form.title());
    for _ in "chekc PNC".chars() {
        screen.key(KeyCode::Backspace);
    }
    screen.keys("check PNC");
    screen.key(KeyCode::Enter);
    let note = &screen.app.record.agenda[0].notes[0];
    assert_eq!(note.text, "Police will check PNC", "{}", screen.text());
    assert_eq!(note.history.len(), 1);
    assert!(
        note.history[0].text_before.contains("chekc"),
        "what it said is kept"
    );

    screen.key(KeyCode::Up);
    screen.key(KeyCode::Delete);
    screen.key(KeyCode::Enter);
    let item = &screen.app.record.agenda[0];
    assert_eq!(item.notes.len(), 1);
    assert_eq!(item.deleted_notes[0].text, "Second note", "a tombstone");
    screen.keys("typing goes on");
    assert_eq!(screen.app.record.agenda[0].notes[1].text, "typing goes on");
}

#[test]
fn pop_ups_hint_only_their_own_keys() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.key(KeyCode::Tab);
    screen.command("usual roles");
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    assert!(hints.contains("Enter choose"), "{hints}");
    assert!(
        !hints.contains("acknowledge") && !hints.contains("end"),
        "{hints}"
    );
    assert!(!hints.contains("Ctrl-T"), "{hints}");
    screen.key(KeyCode::Esc);
    screen.key(KeyCode::Enter);
    let hints = screen.text().lines().last().unwrap_or_default().to_owned();
    assert!(
        !hints.contains("Ctrl-T action"),
        "a form's own keys: {hints}"
    );
}

#[test]
fn snapshots_at_80x24_of_help_the_palette_and_the_closing_check() {
    let mut screen = Screen::new(live_record(), 80, 24);
    screen.keys("Introductions done");
    screen.key(KeyCode::F(1));
    insta::assert_snapshot!("help_80x24", screen.text());
    screen.key(KeyCode::Esc);
    screen.ctrl('p');
    screen.keys("item");
    insta::assert_snapshot!("palette_80x24", screen.text());
    screen.key(KeyCode::Esc);
    screen.command("end the meeting");
    insta::assert_snapshot!("closing_check_80x24", screen.text());
}

#[test]
fn the_action_forms_owner_is_read_through_the_people_matcher_and_fills_the_agency() {
    let mut screen = Screen::new(live_record(), 100, 30);
    screen.ctrl('t');
    screen.keys("Request CCTV from Oakfield");
    screen.key(KeyCode::Tab);
    assert!(matches!(screen.app.overlay, Some(Overlay::Form { .. })));
    screen.key(KeyCode::Tab);
    assert!(
        screen.shows("PN Priya Nair"),
        "the owner's hint names the attendees: {}",
        screen.text()
    );
    screen.keys("jane");
    screen.key(KeyCode::Enter);
    let action = screen.app.record.actions.last().unwrap();
    assert_eq!(
        (action.owner.as_str(), action.agency.as_str()),
        ("Jane Smith", "Police")
    );

    screen.ctrl('t');
    screen.keys("Chase the report");
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Tab);
    screen.keys("Nobody Known");
    screen.key(KeyCode::Enter);
    assert_eq!(
        screen.app.record.actions.last().unwrap().owner,
        "Nobody Known"
    );
    assert!(screen.shows("matches no attendee"), "{}", screen.text());
}

#[test]
fn forms_show_and_take_times_on_the_councils_clock_for_a_record_stamped_in_utc() {
    // Written by a server on UTC in summer: 09:02 UTC is 10:02 in London.
    let mut record = live_record();
    record.meeting.date = common::date("2026-07-14");
    let utc = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap();
    record.meeting.started_at = Some(utc("2026-07-14T09:00:00+00:00"));
    record.agenda[0].notes.push(minutes::model::Note::new(
        utc("2026-07-14T09:02:30+00:00"),
        "Early note",
    ));
    let mut screen = Screen::new(record, 100, 30);
    screen.key(KeyCode::Up);
    screen.key(KeyCode::Enter);
    assert!(screen.shows("10:02"), "{}", screen.text());
    assert!(!screen.shows("09:02"), "{}", screen.text());
    screen.key(KeyCode::Enter);
    let note = &screen.app.record.agenda[0].notes[0];
    assert_eq!(note.at, utc("2026-07-14T09:02:30+00:00"), "saved unchanged");
    assert!(note.history.is_empty());

    screen.key(KeyCode::Up);
    screen.key(KeyCode::Enter);
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::Tab);
    screen.key(KeyCode::End);
    screen.ctrl('u');
    screen.keys("10:05");
    screen.key(KeyCode::Enter);
    let note = &screen.app.record.agenda[0].notes[0];
    assert_eq!(
        note.at.timestamp(),
        utc("2026-07-14T09:05:00+00:00").timestamp(),
        "10:05 typed in London is 09:05 UTC: {}",
        screen.text()
    );
}
