#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! `keys.toml`: a patch over the built-in key table, each mistake reported with the file, line
//! and column while the built-in keys stay; and the effective table as `minutes keys` lists it.

mod common;

use std::path::Path;

use minutes::error::Error;
use minutes::tui::keymap::{BINDINGS, Command, Context, Key, Keymap};
use ratatui::crossterm::event::KeyCode;

fn patched(text: &str) -> (Keymap, Vec<Error>) {
    Keymap::patched(Path::new("/config/keys.toml"), text)
}

/// Each problem as (line, column, message).
fn problems(errors: &[Error]) -> Vec<(usize, usize, String)> {
    errors
        .iter()
        .map(|error| match error {
            Error::Parse {
                path,
                line,
                column,
                message,
            } => {
                assert_eq!(path, Path::new("/config/keys.toml"));
                (*line, *column, message.clone())
            }
            other => panic!("not a located problem: {other:?}"),
        })
        .collect()
}

fn keys(keymap: &Keymap, context: Context, command: Command) -> Vec<String> {
    keymap
        .keys(context, command)
        .iter()
        .map(Key::spelling)
        .collect()
}

#[test]
fn a_patch_replaces_the_keys_of_the_actions_it_names_and_nothing_else() {
    let (keymap, errors) = patched(
        "# my keys\n[global]\nsave-now = [\"ctrl-y\", \"f5\"]\n\n[quitting]\nretry-save = \"ctrl-r\"\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        keys(&keymap, Context::Global, Command::SaveNow),
        ["ctrl-y", "f5"]
    );
    assert_eq!(
        keys(&keymap, Context::Quitting, Command::RetrySave),
        ["ctrl-r"]
    );
    let defaults = Keymap::defaults();
    let changed: Vec<(Context, Command)> = BINDINGS
        .iter()
        .filter(|b| keymap.keys(b.context, b.command) != defaults.keys(b.context, b.command))
        .map(|b| (b.context, b.command))
        .collect();
    assert_eq!(
        changed,
        [
            (Context::Global, Command::SaveNow),
            (Context::Quitting, Command::RetrySave)
        ]
    );
    assert_eq!(patched("").0, defaults);
    assert_eq!(patched("[global]\n").0, defaults);
}

#[test]
fn swapping_two_keys_in_one_context_works() {
    let (keymap, errors) =
        patched("[global]\nnext-item = [\"ctrl-g\"]\ngoto-item = [\"ctrl-n\"]\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        keys(&keymap, Context::Global, Command::NextItem),
        ["ctrl-g"]
    );
    assert_eq!(
        keys(&keymap, Context::Global, Command::GotoItem),
        ["ctrl-n"]
    );
}

#[test]
fn each_mistake_is_reported_at_its_line_and_column_and_its_action_keeps_its_keys() {
    let text = "\
[global]
save-now = [\"ctrl-y\"]
quit = [\"ctrl-h\"]
help = [\"ctrl-yy\"]
savenow = [\"ctrl-k\"]
retry-save = [\"ctrl-r\"]
redraw = [\"r\"]
next-pane = [3]
goto-item = 4
[globl]
x = [\"a\"]
[notes]
new-line = [\"ctrl-n\"]
[lists]
move-down = [\"ctrl-y\", \"down\", \"ctrl-y\"]
";
    let (keymap, errors) = patched(text);
    let found = problems(&errors);
    let expected: [(usize, usize, &str); 10] = [
        (3, 9, "Ctrl-H arrives as Backspace"),
        (4, 9, "`ctrl-yy` is not a key"),
        (5, 1, "did you mean save-now?"),
        (
            6,
            1,
            "retry-save is not an action of [global]; it is in [quitting]",
        ),
        (7, 11, "`r` is a printable key: a letter there types"),
        (8, 14, "a key is written as a string"),
        (9, 13, "as a list of strings"),
        (10, 2, "unknown context [globl]; did you mean [global]?"),
        (13, 1, "new-line in [notes] is fixed"),
        (15, 32, "`ctrl-y` is listed twice"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((line, column, message), (want_line, want_column, says)) in found.iter().zip(expected) {
        assert_eq!((*line, *column), (want_line, want_column), "{message}");
        assert!(message.contains(says), "{message} should say {says}");
    }
    assert!(
        found[0]
            .2
            .ends_with("quit keeps its built-in keys (ctrl-q ctrl-c)"),
        "{}",
        found[0].2
    );
    assert!(
        errors[0]
            .to_string()
            .starts_with("/config/keys.toml: line 3, column 9: "),
        "{}",
        errors[0]
    );
    let (expected_map, none) = patched("[global]\nsave-now = [\"ctrl-y\"]\n");
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(keymap, expected_map, "only the good entry applies");
}

#[test]
fn keys_terminals_send_as_others_and_multiplexer_prefixes_are_refused() {
    for (key, says) in [
        ("ctrl-h", "Backspace"),
        ("ctrl-i", "Tab"),
        ("ctrl-m", "Enter"),
        ("ctrl-[", "Esc"),
        ("ctrl-b", "tmux"),
        ("ctrl-a", "screen"),
        ("Ctrl-B", "tmux"),
    ] {
        let (keymap, errors) = patched(&format!("[browser]\nsearch = [\"f2\", \"{key}\"]\n"));
        let found = problems(&errors);
        assert_eq!(found.len(), 1, "{key}: {found:?}");
        assert_eq!((found[0].0, found[0].1), (2, 17), "{key}");
        assert!(found[0].2.contains(says), "{key}: {}", found[0].2);
        assert_eq!(keymap, Keymap::defaults(), "{key}");
    }
}

#[test]
fn a_key_bound_twice_in_a_context_undoes_the_entry_that_took_it() {
    let (keymap, errors) = patched("[global]\nmark-done = [\"ctrl-g\"]\n");
    let found = problems(&errors);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (2, 14));
    assert!(
        found[0]
            .2
            .contains("`ctrl-g` is bound in [global] to both mark-done and goto-item"),
        "{}",
        found[0].2
    );
    assert!(
        found[0]
            .2
            .ends_with("mark-done keeps its built-in keys (ctrl-d)"),
        "{}",
        found[0].2
    );
    assert_eq!(keymap, Keymap::defaults());

    let (keymap, errors) =
        patched("[global]\ncycle-part = [\"ctrl-y\"]\nend-meeting = [\"ctrl-e\", \"ctrl-y\"]\n");
    let found = problems(&errors);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (3, 26), "the later entry");
    assert_eq!(
        keys(&keymap, Context::Global, Command::CyclePart),
        ["ctrl-y"]
    );
    assert!(
        keys(&keymap, Context::Global, Command::EndMeeting).is_empty(),
        "back to the palette only"
    );

    let (keymap, errors) = patched("[notes]\nleave-notes = [\"ctrl-u\"]\n");
    assert!(
        problems(&errors)[0].2.contains("both leave-notes and undo"),
        "{errors:?}"
    );
    assert_eq!(
        keymap,
        Keymap::defaults(),
        "the editor's own keys stay its own"
    );
}

#[test]
fn a_file_toml_cannot_read_changes_nothing_and_says_where() {
    let (keymap, errors) = patched("[global]\nsave-now = [\"ctrl-y\"\n");
    let found = problems(&errors);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (2, 21), "{found:?}");
    assert!(found[0].2.contains("unclosed array"), "{}", found[0].2);
    assert!(
        found[0].2.ends_with("using the built-in keys"),
        "{}",
        found[0].2
    );
    assert_eq!(keymap, Keymap::defaults());

    let (keymap, errors) = patched("quit = [\"ctrl-y\"]\n[[global]]\n");
    let found = problems(&errors);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (1, 1));
    assert!(
        found[0].2.contains("not under a [context] heading"),
        "{}",
        found[0].2
    );
    assert_eq!(found[1].0, 2);
    assert!(found[1].2.contains("must be a table"), "{}", found[1].2);
    assert_eq!(keymap, Keymap::defaults());
}

#[test]
fn the_built_in_keys_written_as_a_patch_read_back_as_the_built_in_table() {
    let mut text = String::new();
    for context in Context::ALL {
        text.push_str(&format!("[{}]\n", context.name()));
        for binding in BINDINGS.iter().filter(|b| b.context == context && !b.fixed) {
            let spelled: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("{:?}", k.spelling()))
                .collect();
            text.push_str(&format!(
                "{} = [{}]\n",
                binding.command.name(),
                spelled.join(", ")
            ));
        }
    }
    let (keymap, errors) = patched(&text);
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    assert_eq!(keymap, Keymap::defaults());
    assert!(
        text.contains("[global]\nquit = [\"ctrl-q\", \"ctrl-c\"]\n"),
        "{text}"
    );
    assert!(text.contains("previous-pane = [\"backtab\"]"), "{text}");
    assert!(
        text.contains("page-down = [\"pagedown\", \"space\"]"),
        "{text}"
    );
    assert!(text.contains("next-item = [\"ctrl-n\"]"), "{text}");
    assert!(text.contains("help = [\"f1\", \"ctrl-k\"]"), "{text}");
    assert!(text.contains("cycle-part = []"), "{text}");
    assert_eq!(Key::parse("ctrl-y").map(|k| k.code), Ok(KeyCode::Char('y')));
}

#[test]
fn minutes_keys_lists_every_binding_in_force_as_rows_and_json() {
    let (keymap, errors) = patched("[quitting]\nretry-save = [\"ctrl-r\", \"enter\"]\n");
    assert!(errors.is_empty(), "{errors:?}");
    let rows = keymap.listed();
    assert_eq!(rows.len(), BINDINGS.len());
    let row = |context: &str, action: &str| {
        rows.iter()
            .find(|r| r.context == context && r.action == action)
            .unwrap_or_else(|| panic!("no {context} {action}"))
    };
    assert_eq!(row("global", "quit").keys, ["ctrl-q", "ctrl-c"]);
    assert_eq!(row("global", "quit").description, "save and quit");
    assert_eq!(row("global", "next-item").keys, ["ctrl-n"]);
    assert!(row("global", "cycle-part").keys.is_empty(), "the palette's");
    assert_eq!(row("global", "help").keys, ["f1"]);
    assert_eq!(row("agenda", "open-item").keys, ["enter"]);
    assert!(row("people", "add-from-roles").keys.is_empty());
    assert_eq!(row("quitting", "retry-save").keys, ["ctrl-r", "enter"]);
    assert!(row("notes", "new-line").fixed);
    assert!(!row("notes", "next-note").fixed);
    assert_eq!(rows[0].context, "global", "in the help screen's order");
    assert_eq!(rows.last().map(|r| r.context), Some("tracker"));

    let text = minutes::tui::keymap::listing(&keymap, false).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        ["CONTEXT", "ACTION", "KEYS", "DESCRIPTION"],
        "{header}"
    );
    let quit = lines.next().unwrap();
    let words: Vec<&str> = quit.split_whitespace().collect();
    assert_eq!(words[..4], ["global", "quit", "ctrl-q", "ctrl-c"], "{quit}");
    assert!(quit.ends_with("save and quit"), "{quit}");
    assert!(text.contains("(fixed)"), "{text}");
    assert_eq!(text.lines().count(), BINDINGS.len() + 1);

    let json = minutes::tui::keymap::listing(&keymap, true).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let array = value.as_array().unwrap();
    assert_eq!(array.len(), BINDINGS.len());
    assert_eq!(
        array[0],
        serde_json::json!({
            "context": "global",
            "action": "quit",
            "keys": ["ctrl-q", "ctrl-c"],
            "description": "save and quit",
            "fixed": false
        })
    );
    let retry = array.iter().find(|r| r["action"] == "retry-save").unwrap();
    assert_eq!(retry["keys"], serde_json::json!(["ctrl-r", "enter"]));
}

#[test]
fn minutes_keys_prints_the_table_in_force_and_names_each_mistake() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keys.toml"),
        "[global]\nsave-now = [\"ctrl-y\"]\nquit = [\"ctrl-b\"]\n",
    )
    .unwrap();
    let output = common::minutes_command(tmp.path())
        .args(["keys", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "a mistake is an exit 1");
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("keys.toml: line 3, column 9"), "{err}");
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let row = |action: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["context"] == "global" && r["action"] == action)
            .unwrap()
            .clone()
    };
    assert_eq!(row("save-now")["keys"], serde_json::json!(["ctrl-y"]));
    assert_eq!(row("quit")["keys"], serde_json::json!(["ctrl-q", "ctrl-c"]));
    let table = common::minutes_command(tmp.path())
        .arg("keys")
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.starts_with("CONTEXT"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("save-now") && l.contains("ctrl-y"))
    );
}

#[test]
fn hints_offer_only_the_keys_of_what_is_open() {
    use minutes::tui::app::{LiveScreen, Overlay};
    let mut app = LiveScreen::new(common::typical_record(), None, common::fixed_now());
    app.overlay = Some(Overlay::Roles { selected: 0 });
    let hints = minutes::tui::keymap::hints(&app);
    let commands: Vec<Command> = hints.iter().map(|h| h.command).collect();
    assert!(commands.contains(&Command::Choose), "{hints:?}");
    assert!(
        !commands.contains(&Command::AcknowledgeGap) && !commands.contains(&Command::EndMeeting),
        "the roles list neither acknowledges gaps nor ends the meeting: {hints:?}"
    );
    // Every browser context names help and quit in its bar.
    let keymap = Keymap::defaults();
    for context in [
        Context::Browser,
        Context::Query,
        Context::Results,
        Context::Reader,
        Context::Tracker,
    ] {
        let hinted: Vec<Command> = keymap.hints(&[context]).iter().map(|h| h.command).collect();
        assert!(
            hinted.contains(&Command::Help) && hinted.contains(&Command::Quit),
            "{context:?}: {hinted:?}"
        );
    }
}

#[test]
fn no_single_letter_in_the_browser_changes_a_record_or_opens_one_for_editing() {
    use minutes::tui::action::Action;
    let changes = |action: &Action| {
        matches!(
            action,
            Action::CompleteAction
                | Action::CancelAction
                | Action::Reopen
                | Action::EditSelected
                | Action::Export
                | Action::Add
                | Action::FollowUp
        )
    };
    let mut checked = 0;
    for binding in BINDINGS
        .iter()
        .filter(|b| b.context.browser_only() && changes(&b.action))
    {
        checked += 1;
        assert!(!binding.keys.is_empty(), "{}", binding.command.name());
        for key in binding.keys {
            assert!(
                !key.is_printable(),
                "{} is bound to {} in {}",
                binding.command.name(),
                key.label(),
                binding.context.name()
            );
        }
    }
    assert!(checked >= 7, "only {checked} bindings checked");
    let keymap = Keymap::defaults();
    let tracker = |command| keys(&keymap, Context::Tracker, command);
    assert_eq!(tracker(Command::MarkDone), ["ctrl-d"]);
    assert_eq!(tracker(Command::MarkCancelled), ["ctrl-x"]);
    assert_eq!(tracker(Command::Reopen), ["ctrl-o"]);
    assert_eq!(tracker(Command::ToggleFilter), ["ctrl-f"]);
    assert_eq!(tracker(Command::Back), ["esc"]);
    for row in keymap.rows(Context::Tracker) {
        for key in &row.keys {
            assert!(key.refusal().is_none(), "{}", key.label());
            assert!(!key.is_printable(), "{} in the tracker", key.label());
        }
    }
}
