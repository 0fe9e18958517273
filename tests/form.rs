#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The pop-up form, driven the way the live screen drives it: key events turned into
//! `Action`s, values read back by key, and the drawn pop-up checked as snapshots.

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use minutes::model::{AdultOutcome, Attendance};
use minutes::tui::action::Action;
use minutes::tui::form::{Form, FormKeys, FormOutcome};
use minutes::tui::keymap::{Context, Keymap};
use minutes::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::Block;

/// Monday 23 November 2026, as in the other tests.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveTime {
    NaiveTime::from_hms_opt(10, 0, 42).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A key press as the built-in key map hands it to a focused form (Enter, Tab and Esc become
/// the form's actions, other keys are for the field).
fn key(code: KeyCode) -> Action {
    through_the_key_map(&Keymap::defaults(), KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Action {
    through_the_key_map(
        &Keymap::defaults(),
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
    )
}

fn through_the_key_map(keymap: &Keymap, event: KeyEvent) -> Action {
    keymap
        .map(&[Context::Form, Context::Global], true, &Event::Key(event))
        .unwrap()
}

/// The footer's key names with the built-in keys.
fn form_keys() -> FormKeys {
    Keymap::defaults().form_keys()
}

fn send(form: &mut Form, action: &Action) -> FormOutcome {
    form.handle(action, today(), now())
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        assert_eq!(send(form, &key(KeyCode::Char(c))), FormOutcome::Continue);
    }
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|value| label(*value).to_owned()).collect()
}

fn roles() -> Vec<String> {
    [
        "Chair",
        "Minute-taker",
        "Police",
        "Probation",
        "Advocate",
        "Social worker",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn attendee_form() -> Form {
    Form::new("Add attendee")
        .text("name", "Name", "")
        .required()
        .hint("As they want it minuted")
        .text("agency", "Agency", "")
        .choice("role", "Role", roles(), None)
        .choice(
            "attendance",
            "Attendance",
            labels(Attendance::ALL, Attendance::label),
            Some(0),
        )
        .time("joined", "Joined", None)
        .hint("HH:MM, or now")
        .flag("adult", "Is the adult", false)
}

fn action_form() -> Form {
    Form::new("Add action")
        .long_text("what", "What", "")
        .required()
        .text("owner", "Owner", "")
        .required()
        .date("due", "Due", None)
        .hint("3/12, 2026-12-03, today or tomorrow")
        .multi(
            "outcomes",
            "Outcomes",
            labels(AdultOutcome::ALL, AdultOutcome::label),
            Vec::new(),
        )
}

/// Draws `form` as the live screen does: a bordered pop-up titled with the form's title,
/// the form inside, the terminal cursor where the form says.
fn draw(
    form: &Form,
    theme: &Theme,
    width: u16,
    height: u16,
) -> (Terminal<TestBackend>, Option<Position>) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut caret = None;
    terminal
        .draw(|frame| {
            let block = Block::bordered()
                .title(form.title())
                .border_style(theme.popup_border());
            let inner = block.inner(frame.area());
            frame.render_widget(block, frame.area());
            caret = form.render(inner, frame.buffer_mut(), theme, &form_keys());
            if let Some(caret) = caret {
                frame.set_cursor_position(caret);
            }
        })
        .unwrap();
    (terminal, caret)
}

fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let cells: Vec<&str> = buffer.content().iter().map(|cell| cell.symbol()).collect();
    cells
        .chunks(width)
        .map(|row| row.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The buffer with its styles, and the caret, for a snapshot.
fn snapshot(form: &Form, theme: &Theme, width: u16, height: u16) -> String {
    let (terminal, caret) = draw(form, theme, width, height);
    format!("caret: {caret:?}\n{:?}", terminal.backend().buffer())
}

fn filled_attendee_form() -> Form {
    let mut form = attendee_form();
    type_text(&mut form, "Zoë Ødegård");
    send(&mut form, &Action::NextField);
    type_text(&mut form, "Police");
    send(&mut form, &Action::NextField);
    type_text(&mut form, "p");
    send(&mut form, &Action::NextField);
    send(&mut form, &Action::NextField);
    type_text(&mut form, "now");
    form
}

fn filled_action_form() -> Form {
    let mut form = action_form();
    type_text(&mut form, "Ask the GP for the medication review notes");
    send(&mut form, &Action::NextField);
    type_text(&mut form, "山田 (GP)");
    send(&mut form, &Action::NextField);
    type_text(&mut form, "3/12");
    send(&mut form, &Action::NextField);
    for _ in 0..9 {
        send(&mut form, &key(KeyCode::Down));
    }
    send(&mut form, &key(KeyCode::Char(' ')));
    form
}

#[test]
fn typed_values_come_back_from_the_getters() {
    let mut form = filled_attendee_form();
    send(&mut form, &Action::NextField);
    send(&mut form, &key(KeyCode::Char('y')));
    send(&mut form, &Action::PrevField);
    send(&mut form, &Action::PrevField);
    send(&mut form, &key(KeyCode::Left));
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Submitted);
    assert_eq!(form.text_of("name"), "Zoë Ødegård");
    assert_eq!(form.text_of("agency"), "Police");
    assert_eq!(form.choice_of("role"), Some(2), "p jumps to Police");
    assert_eq!(form.text_of("role"), "Police");
    assert_eq!(
        form.choice_of("attendance"),
        Some(Attendance::ALL.len() - 1),
        "Left wraps"
    );
    assert_eq!(
        form.time_of("joined"),
        Some(hm(10, 0)),
        "now, to the minute"
    );
    assert!(form.flag_of("adult"));
}

#[test]
fn choices_step_with_left_right_space_and_letters() {
    let mut form = attendee_form();
    form.set_focus("role");
    assert!(!form.is_editing_text());
    assert_eq!(form.choice_of("role"), None);
    send(&mut form, &key(KeyCode::Right));
    assert_eq!(form.choice_of("role"), Some(0));
    send(&mut form, &key(KeyCode::Char(' ')));
    assert_eq!(form.choice_of("role"), Some(1));
    send(&mut form, &Action::CycleChoice(-1));
    send(&mut form, &key(KeyCode::Left));
    assert_eq!(form.choice_of("role"), None, "back to not recorded");
    send(&mut form, &key(KeyCode::Char('P')));
    send(&mut form, &key(KeyCode::Char('p')));
    assert_eq!(form.text_of("role"), "Probation");
    send(&mut form, &key(KeyCode::Backspace));
    assert_eq!(form.choice_of("role"), None);
}

#[test]
fn a_required_field_left_empty_refuses_to_submit_and_takes_focus() {
    let mut form = attendee_form();
    form.set_focus("adult");
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Continue);
    assert_eq!(form.focused_key(), Some("name"));
    let (terminal, _) = draw(&form, &Theme::mono(), 60, 14);
    assert!(screen_text(terminal.backend().buffer()).contains("Name is required."));
    type_text(&mut form, "  ");
    assert_eq!(
        send(&mut form, &Action::Submit),
        FormOutcome::Continue,
        "spaces are empty"
    );
    type_text(&mut form, "JS");
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Submitted);
    assert_eq!(form.text_of("name"), "JS");
}

#[test]
fn dates_and_times_that_do_not_parse_refuse_to_submit() {
    let mut form = action_form();
    type_text(&mut form, "Call");
    form.set_focus("owner");
    type_text(&mut form, "JS");
    form.set_focus("due");
    type_text(&mut form, "31/02");
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Continue);
    assert_eq!(form.focused_key(), Some("due"));
    let (terminal, _) = draw(&form, &Theme::mono(), 60, 14);
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("not a date"), "{text}");
    assert!(text.contains("Due: not a date. Try 3/12"), "{text}");
    for _ in 0..5 {
        send(&mut form, &key(KeyCode::Backspace));
    }
    type_text(&mut form, "tomorrow");
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Submitted);
    assert_eq!(form.date_of("due"), NaiveDate::from_ymd_opt(2026, 11, 24));

    let mut form = attendee_form();
    type_text(&mut form, "JS");
    form.set_focus("joined");
    type_text(&mut form, "25:00");
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Continue);
    assert_eq!(form.focused_key(), Some("joined"));
    for _ in 0..5 {
        send(&mut form, &key(KeyCode::Backspace));
    }
    type_text(&mut form, "9.05");
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Submitted);
    assert_eq!(form.time_of("joined"), Some(hm(9, 5)));
}

#[test]
fn esc_cancels_at_once_unless_something_changed() {
    let mut form = attendee_form();
    send(&mut form, &Action::NextField);
    assert_eq!(send(&mut form, &Action::Back), FormOutcome::Cancelled);

    let mut form = attendee_form();
    type_text(&mut form, "J");
    assert_eq!(send(&mut form, &Action::Back), FormOutcome::Continue);
    let (terminal, _) = draw(&form, &Theme::mono(), 60, 14);
    assert!(screen_text(terminal.backend().buffer()).contains("Esc again to discard changes"));
    send(&mut form, &key(KeyCode::Char('S')));
    assert_eq!(
        send(&mut form, &Action::Back),
        FormOutcome::Continue,
        "a key in between re-arms"
    );
    assert_eq!(
        send(&mut form, &Action::Tick(minutes_now())),
        FormOutcome::Continue
    );
    assert_eq!(
        send(&mut form, &key(KeyCode::Esc)),
        FormOutcome::Cancelled,
        "ticks do not count"
    );
    assert_eq!(form.text_of("name"), "JS");
}

fn minutes_now() -> minutes::model::Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").unwrap()
}

#[test]
fn undoing_a_change_means_no_change() {
    let mut form = attendee_form();
    type_text(&mut form, "J");
    send(&mut form, &key(KeyCode::Backspace));
    assert!(!form.has_changes());
    assert_eq!(send(&mut form, &Action::Back), FormOutcome::Cancelled);
}

#[test]
fn paste_goes_into_the_focused_text_field_and_never_submits() {
    let mut form = attendee_form();
    let outcome = send(&mut form, &Action::Paste("Jo\r\nSmith\n".to_owned()));
    assert_eq!(outcome, FormOutcome::Continue);
    assert_eq!(form.text_of("name"), "Jo Smith", "newlines become spaces");
    form.set_focus("adult");
    send(&mut form, &Action::Paste("yes".to_owned()));
    assert!(!form.flag_of("adult"), "paste does not answer a flag");

    let mut form = action_form();
    send(
        &mut form,
        &Action::Paste("First line\r\nsecond line".to_owned()),
    );
    assert_eq!(form.text_of("what"), "First line\nsecond line");
}

#[test]
fn long_text_takes_ctrl_j_and_enter_submits() {
    let mut form = action_form();
    type_text(&mut form, "Call");
    send(&mut form, &ctrl('j'));
    type_text(&mut form, "then write");
    assert_eq!(form.text_of("what"), "Call\nthen write");
    form.set_focus("owner");
    send(&mut form, &ctrl('j'));
    type_text(&mut form, "JS");
    assert_eq!(form.text_of("owner"), "JS", "one-line fields refuse Ctrl-J");
    assert_eq!(
        send(&mut form, &key(KeyCode::Enter)),
        FormOutcome::Submitted
    );
}

#[test]
fn up_and_down_leave_a_long_text_only_at_its_edges() {
    let mut form = action_form();
    type_text(&mut form, "one");
    send(&mut form, &ctrl('j'));
    type_text(&mut form, "two");
    send(&mut form, &key(KeyCode::Up));
    assert_eq!(form.focused_key(), Some("what"), "moved up a line");
    send(&mut form, &key(KeyCode::Down));
    assert_eq!(form.focused_key(), Some("what"), "moved down a line");
    send(&mut form, &key(KeyCode::Down));
    assert_eq!(form.focused_key(), Some("owner"));
    send(&mut form, &key(KeyCode::Up));
    assert_eq!(form.focused_key(), Some("what"));
}

#[test]
fn several_of_a_list_toggles_and_leaves_at_either_end() {
    let mut form = action_form();
    form.set_focus("due");
    send(&mut form, &key(KeyCode::Down));
    assert_eq!(form.focused_key(), Some("outcomes"));
    send(&mut form, &key(KeyCode::Char(' ')));
    send(&mut form, &key(KeyCode::Down));
    send(&mut form, &key(KeyCode::Char('x')));
    send(&mut form, &key(KeyCode::Char('x')));
    send(&mut form, &Action::SelectNext);
    send(&mut form, &key(KeyCode::Char('x')));
    let mut expected = vec![false; AdultOutcome::ALL.len()];
    expected[0] = true;
    expected[2] = true;
    assert_eq!(form.multi_of("outcomes"), expected);
    send(&mut form, &key(KeyCode::Char('n')));
    send(&mut form, &key(KeyCode::Char(' ')));
    let no_further = AdultOutcome::ALL
        .iter()
        .position(|o| *o == AdultOutcome::NoFurtherAction)
        .unwrap();
    assert!(
        form.multi_of("outcomes")[no_further],
        "n jumps to No further action"
    );
    send(&mut form, &key(KeyCode::End));
    send(&mut form, &key(KeyCode::Down));
    assert_eq!(
        form.focused_key(),
        Some("what"),
        "Down past the last option leaves (wraps)"
    );
    send(&mut form, &Action::PrevField);
    assert_eq!(form.focused_key(), Some("outcomes"));
    send(&mut form, &key(KeyCode::Home));
    send(&mut form, &key(KeyCode::Up));
    assert_eq!(
        form.focused_key(),
        Some("due"),
        "Up past the first option leaves"
    );
}

#[test]
fn flags_take_space_arrows_and_y_n() {
    let mut form = attendee_form();
    form.set_focus("adult");
    for (code, expected) in [
        (KeyCode::Char(' '), true),
        (KeyCode::Right, false),
        (KeyCode::Char('y'), true),
        (KeyCode::Char('y'), true),
        (KeyCode::Char('n'), false),
        (KeyCode::Left, true),
    ] {
        send(&mut form, &key(code));
        assert_eq!(form.flag_of("adult"), expected, "{code:?}");
    }
}

#[test]
fn the_key_map_moves_saves_and_leaves() {
    let mut form = attendee_form();
    send(&mut form, &key(KeyCode::Tab));
    assert_eq!(form.focused_key(), Some("agency"));
    send(
        &mut form,
        &through_the_key_map(
            &Keymap::defaults(),
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        ),
    );
    assert_eq!(form.focused_key(), Some("name"));
    send(&mut form, &Action::PrevField);
    assert_eq!(form.focused_key(), Some("adult"), "Shift-Tab wraps");
    let mut release = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    send(&mut form, &Action::Edit(release.into()));
    assert!(!form.flag_of("adult"), "key releases are ignored");
    assert_eq!(send(&mut form, &key(KeyCode::Esc)), FormOutcome::Cancelled);
}

#[test]
fn keys_rebound_away_from_saving_moving_and_leaving_are_just_keys() {
    let (keymap, problems) = Keymap::patched(
        std::path::Path::new("keys.toml"),
        "[form]\nsave = [\"ctrl-s\"]\nnext-field = [\"ctrl-n\"]\ncancel = [\"ctrl-g\"]\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let press = |code| through_the_key_map(&keymap, KeyEvent::new(code, KeyModifiers::NONE));
    let mut form = action_form();
    type_text(&mut form, "Call");
    assert_eq!(
        send(&mut form, &press(KeyCode::Enter)),
        FormOutcome::Continue
    );
    type_text(&mut form, "back");
    assert_eq!(
        form.text_of("what"),
        "Call\nback",
        "Enter is a new line now"
    );
    assert_eq!(send(&mut form, &press(KeyCode::Esc)), FormOutcome::Continue);
    assert_eq!(send(&mut form, &press(KeyCode::Esc)), FormOutcome::Continue);
    assert_eq!(form.focused_key(), Some("what"), "Esc does not cancel");
    send(&mut form, &press(KeyCode::Tab));
    assert_eq!(form.focused_key(), Some("what"), "Tab does not move");
    let ctrl = |c| {
        through_the_key_map(
            &keymap,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        )
    };
    send(&mut form, &ctrl('n'));
    assert_eq!(form.focused_key(), Some("owner"));
    type_text(&mut form, "JS");
    assert_eq!(send(&mut form, &ctrl('s')), FormOutcome::Submitted);
    let mut form = attendee_form();
    type_text(&mut form, "Zoë");
    assert_eq!(
        send(&mut form, &ctrl('g')),
        FormOutcome::Continue,
        "asks first"
    );
    assert_eq!(send(&mut form, &ctrl('g')), FormOutcome::Cancelled);
    let mut terminal = Terminal::new(TestBackend::new(60, 14)).unwrap();
    let keys = keymap.form_keys();
    terminal
        .draw(|frame| {
            form.render(frame.area(), frame.buffer_mut(), &Theme::mono(), &keys);
        })
        .unwrap();
    let shown = screen_text(terminal.backend().buffer());
    assert!(
        shown.contains("Ctrl-S save")
            && shown.contains("Ctrl-N next field")
            && shown.contains("Ctrl-G cancel"),
        "{shown}"
    );
}

#[test]
fn caller_errors_show_until_the_next_key() {
    let mut form = filled_attendee_form();
    assert_eq!(send(&mut form, &Action::Submit), FormOutcome::Submitted);
    form.set_error("Initials ZØ are taken: add a middle initial.");
    form.set_focus("name");
    let (terminal, _) = draw(&form, &Theme::mono(), 60, 14);
    assert!(screen_text(terminal.backend().buffer()).contains("Initials ZØ are taken"));
    type_text(&mut form, " K");
    let (terminal, _) = draw(&form, &Theme::mono(), 60, 14);
    let text = screen_text(terminal.backend().buffer());
    assert!(!text.contains("taken"), "{text}");
    assert!(
        text.contains("As they want it minuted"),
        "the hint is back: {text}"
    );
}

#[test]
fn the_cursor_follows_the_caret_in_display_columns() {
    let mut form = attendee_form();
    type_text(&mut form, "山田 Zoë");
    let theme = Theme::mono();
    let (mut terminal, caret) = draw(&form, &theme, 60, 14);
    // Border 1 + label column "› Name *" widened to "› Is the adult" (14) + 1 space = 16;
    // then 山田 (4 columns), a space and Zoë (3).
    let expected = Position::new(16 + 8, 1);
    assert_eq!(caret, Some(expected));
    terminal.backend_mut().assert_cursor_position(expected);

    form.set_focus("attendance");
    let (_, caret) = draw(&form, &theme, 60, 14);
    assert_eq!(
        caret,
        Some(Position::new(16 + 2, 4)),
        "on the chosen option's text"
    );
}

#[test]
fn focus_and_selection_show_without_colour() {
    let mut form = attendee_form();
    let theme = Theme::mono();
    let (terminal, _) = draw(&form, &theme, 60, 14);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer[(20, 1)].modifier.contains(Modifier::UNDERLINED),
        "focused input"
    );
    assert!(
        !buffer[(20, 2)].modifier.contains(Modifier::UNDERLINED),
        "other input"
    );
    form.set_focus("role");
    let (terminal, _) = draw(&form, &theme, 60, 14);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer[(17, 3)].modifier.contains(Modifier::REVERSED),
        "focused choice"
    );
    assert_eq!(buffer[(1, 3)].symbol(), "›", "focus marker");
}

#[test]
fn preferred_height_fits_without_scrolling() {
    let form = attendee_form();
    assert_eq!(form.preferred_height(58), 6 + 2);
    let (terminal, _) = draw(&form, &Theme::mono(), 60, 8 + 2);
    let text = screen_text(terminal.backend().buffer());
    assert!(!text.contains("more"), "{text}");
    let form = action_form();
    assert_eq!(form.preferred_height(58), 4 + 1 + 1 + 8 + 2);
    assert_eq!(
        form.preferred_height(20),
        5 + 2 + 2 + 9 + 2,
        "labels above values"
    );
}

#[test]
fn a_small_pop_up_scrolls_to_the_focused_field() {
    let mut form = action_form();
    form.set_focus("outcomes");
    send(&mut form, &key(KeyCode::End));
    let (terminal, caret) = draw(&form, &Theme::mono(), 40, 10);
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("more above"), "{text}");
    assert!(text.contains("[ ] Other"), "{text}");
    let caret = caret.unwrap();
    let row: String = (0..40)
        .map(|x| {
            terminal.backend().buffer()[(x, caret.y)]
                .symbol()
                .to_owned()
        })
        .collect();
    assert!(
        row.contains("Other"),
        "the cursor is on the focused option: {row}"
    );
}

#[test]
fn snapshots_attendee() {
    let form = filled_attendee_form();
    insta::assert_snapshot!(
        "attendee_60x14_default",
        snapshot(&form, &Theme::builtin("default").unwrap(), 60, 14)
    );
    insta::assert_snapshot!(
        "attendee_60x14_mono",
        snapshot(&form, &Theme::mono(), 60, 14)
    );
    insta::assert_snapshot!(
        "attendee_40x10_default",
        snapshot(&form, &Theme::builtin("default").unwrap(), 40, 10)
    );
    insta::assert_snapshot!(
        "attendee_40x10_mono",
        snapshot(&form, &Theme::mono(), 40, 10)
    );
}

#[test]
fn snapshots_action() {
    let form = filled_action_form();
    insta::assert_snapshot!(
        "action_60x14_default",
        snapshot(&form, &Theme::builtin("default").unwrap(), 60, 14)
    );
    insta::assert_snapshot!("action_60x14_mono", snapshot(&form, &Theme::mono(), 60, 14));
    insta::assert_snapshot!(
        "action_40x10_default",
        snapshot(&form, &Theme::builtin("default").unwrap(), 40, 10)
    );
    insta::assert_snapshot!("action_40x10_mono", snapshot(&form, &Theme::mono(), 40, 10));
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => any::<char>().prop_map(KeyCode::Char),
        2 => prop::sample::select(vec!['a', 'x', 'y', 'n', ' ', 'é', '山', 'j', 'p'])
            .prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Backspace,
            KeyCode::Enter,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Delete,
            KeyCode::Esc,
        ]),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        8 => (key_code(), modifiers).prop_map(|(code, mods)| Action::Edit(KeyEvent::new(code, mods).into())),
        1 => prop::sample::select(vec![
            Action::NextField,
            Action::PrevField,
            Action::Submit,
            Action::Back,
            Action::SelectNext,
            Action::SelectPrev,
            Action::CycleChoice(1),
            Action::CycleChoice(-1),
        ]),
        1 => "(?s).{0,40}".prop_map(Action::Paste),
    ]
}

fn every_kind_of_field() -> Form {
    Form::new("Everything")
        .text("name", "Name", "Zoë")
        .required()
        .long_text("notes", "Notes", "line one\nline two")
        .choice("role", "Role", roles(), None)
        .choice("empty", "Empty", Vec::new(), None)
        .multi(
            "outcomes",
            "Outcomes",
            labels(AdultOutcome::ALL, AdultOutcome::label),
            vec![true],
        )
        .multi("none", "No options", Vec::new(), Vec::new())
        .date("due", "Due", Some(today()))
        .time("at", "At", Some(hm(9, 30)))
        .flag("adult", "Adult", false)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_actions_and_sizes_never_panic(
        actions in prop::collection::vec(action(), 0..60),
        sizes in prop::collection::vec((1u16..90, 1u16..30), 1..4),
    ) {
        let mut form = every_kind_of_field();
        let themes = [Theme::mono(), Theme::builtin("default").unwrap()];
        for (i, action) in actions.iter().enumerate() {
            send(&mut form, action);
            prop_assert_eq!(form.multi_of("outcomes").len(), AdultOutcome::ALL.len());
            prop_assert!(!form.text_of("name").contains('\n'));
            if i % 7 == 0 {
                let (width, height) = sizes[i % sizes.len()];
                let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
                let caret = form.render(buffer.area, &mut buffer, &themes[i % 2], &form_keys());
                if let Some(caret) = caret {
                    prop_assert!(buffer.area.contains(caret), "{caret:?} in {:?}", buffer.area);
                }
                let _ = form.preferred_height(width);
            }
        }
        for (width, height) in sizes {
            let area = Rect::new(3, 2, width, height);
            let mut buffer = Buffer::empty(Rect::new(0, 0, 50, 20));
            let caret = form.render(area, &mut buffer, &themes[0], &form_keys());
            if let Some(caret) = caret {
                prop_assert!(area.intersection(buffer.area).contains(caret));
            }
        }
    }
}

#[test]
fn snapshots_long_text_and_narrow() {
    let mut form = filled_action_form();
    form.set_focus("what");
    send(&mut form, &ctrl('j'));
    type_text(
        &mut form,
        "Chair to write to the care home manager if no reply by Friday.",
    );
    insta::assert_snapshot!(
        "action_long_text_60x14_mono",
        snapshot(&form, &Theme::mono(), 60, 14)
    );
    let mut form = filled_attendee_form();
    send(&mut form, &Action::Back);
    insta::assert_snapshot!(
        "attendee_stacked_26x12_mono",
        snapshot(&form, &Theme::mono(), 26, 12)
    );
}
