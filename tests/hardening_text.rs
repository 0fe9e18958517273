//! Record text is hostile: control sequences and bidirectional overrides in a record never
//! reach the terminal from the command line, and `--json` keeps the text exactly.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::num::NonZeroU16;
use std::path::{Path, PathBuf};

use common::minutes_command as minutes;
use minutes::model::{MinutesStatus, NewMeeting, Record, StatusChange};
use minutes::store::Store;
use minutes::templates::Catalogue;
use minutes::tui::action::Action;
use minutes::tui::app::{LiveScreen, Pane};
use minutes::tui::backend::LeanBackend;
use minutes::tui::browser::Browser;
use minutes::tui::keymap::map_event;
use minutes::tui::request::Response;
use minutes::tui::theme::Theme;
use minutes::tui::ui::render;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

/// Sets the terminal's title.
const SET_TITLE: &str = "\u{1b}]0;pwned\u{7}";
/// Clears the screen.
const CLEAR: &str = "\u{1b}[2J";
/// Writes "pwned" to the clipboard (OSC 52).
const CLIPBOARD: &str = "\u{1b}]52;c;cHduZWQ=\u{7}";
/// An 8-bit CSI (C1) turning text red.
const C1_CSI: &str = "\u{9b}31m";
/// Right-to-left override: `exe.txt` would read `txt.exe`.
const RLO: &str = "\u{202e}";

/// `label` followed by every hostile sequence.
fn hostile(label: &str) -> String {
    format!("{label} {SET_TITLE}{CLEAR}{CLIPBOARD}{C1_CSI}{RLO}txt.exe")
}

/// Characters that must never reach a terminal raw: C0 controls other than newline and tab,
/// DEL, C1 controls and the bidirectional embeddings, overrides and isolates.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Fails if `bytes` (what `what` printed) hold anything a terminal would act on.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|e| panic!("{what}: not UTF-8 ({e}): {bytes:?}"));
    let bad: Vec<char> = text.chars().filter(|c| forbidden(*c)).collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

/// Runs `minutes args` and checks both streams are inert; returns (stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let output = minutes(dir).args(args).output().expect("runs");
    let what = format!("minutes {}", args.join(" "));
    assert_inert(&format!("{what} (stdout)"), &output.stdout);
    assert_inert(&format!("{what} (stderr)"), &output.stderr);
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The typical record with hostile text in its title, subject, a note, an attendee's name,
/// an action's text and owner, and agreed (not yet circulated) by a hostile chair.
fn hostile_record() -> Record {
    let mut record = common::typical_record();
    record.meeting.title = hostile("Title");
    record.meeting.subject_ref = hostile("Subject");
    record.agenda[0].notes[0].text = hostile("Note");
    record.attendees[0].name = hostile("Attendee");
    record.actions[0].text = hostile("Action");
    record.actions[0].owner = hostile("Owner");
    record.meeting.status = MinutesStatus::Agreed;
    record.meeting.status_history = vec![StatusChange {
        status: MinutesStatus::Agreed,
        at: common::ts("2026-11-26T16:10:00+00:00"),
        by: hostile("Chair"),
        note: String::new(),
        recipients: Vec::new(),
    }];
    record.review.minutes_due = Some(common::date("2026-12-07"));
    record
}

/// A temp folder whose records folder holds the hostile record; its path.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::open(tmp.path().join("records")).unwrap();
    let path = store.create(&hostile_record()).unwrap();
    (tmp, path)
}

#[test]
fn listings_tables_and_minutes_print_record_text_inert() {
    let (tmp, _) = folder();
    let dir = tmp.path();
    let visible = "Title ␛]0;pwned␇␛[2J␛]52;c;cHduZWQ=␇<U+009B>31m<U+202E>txt.exe";
    for args in [
        &["list"][..],
        &["search", "pwned"],
        &["actions"],
        &["due"],
        &[
            "report",
            "sac",
            "--from",
            "2026-04-01",
            "--to",
            "2027-03-31",
        ],
        &["show", "5e1c0a7d"],
        &["show", "5e1c0a7d", "--format", "md"],
        &["export", "5e1c0a7d", "--format", "txt"],
        &["export", "5e1c0a7d", "--format", "html"],
        &["export", "5e1c0a7d", "--format", "md"],
        &[],
    ] {
        let (out, _) = run(dir, args);
        assert!(
            out.contains("pwned"),
            "minutes {args:?} shows the text:\n{out}"
        );
    }
    let (out, _) = run(dir, &["list"]);
    assert!(out.contains(visible), "stand-ins are visible:\n{out}");
}

#[test]
fn refusals_and_problems_print_record_text_inert() {
    let (tmp, path) = folder();
    let dir = tmp.path();
    let (_, err) = run(dir, &["agree", "5e1c0a7d", "--by", "Priya Nair"]);
    assert!(err.contains("already agreed by Chair"), "{err}");
    assert!(err.contains("pwned"), "{err}");

    // A problem quoting record text, and a parse error quoting it.
    let mut record = hostile_record();
    record.actions[0].agenda_key = hostile("key");
    let problem = dir.join("problem.json");
    std::fs::write(&problem, serde_json::to_string(&record).unwrap()).unwrap();
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["meeting"]["status"] = Value::from(hostile("draft"));
    let unparsable = dir.join("unparsable.json");
    std::fs::write(&unparsable, json.to_string()).unwrap();
    let (_, err) = run(dir, &["check", problem.to_str().unwrap()]);
    assert!(err.contains("refers to agenda item 'key"), "{err}");
    let (_, err) = run(dir, &["check", unparsable.to_str().unwrap()]);
    assert!(err.contains("draft ␛]0;pwned␇"), "{err}");
    let (_, err) = run(dir, &["show", unparsable.to_str().unwrap()]);
    assert!(err.contains("pwned"), "{err}");
}

#[test]
fn json_output_is_inert_and_keeps_the_text_exactly() {
    let (tmp, _) = folder();
    let dir = tmp.path();
    let title = hostile("Title");
    let parse = |out: &str| -> Value { serde_json::from_str(out).expect("valid JSON") };

    let (out, _) = run(dir, &["list", "--json"]);
    assert_eq!(parse(&out)[0]["title"], title.as_str());
    let (out, _) = run(dir, &["due", "--json"]);
    assert_eq!(parse(&out)["minutes"][0]["title"], title.as_str());
    let (out, _) = run(dir, &["actions", "--json"]);
    let rows = parse(&out);
    let texts: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row["text"].as_str())
        .collect();
    assert!(texts.contains(&hostile("Action").as_str()), "{out}");
    let (out, _) = run(dir, &["search", "pwned", "--json"]);
    assert!(parse(&out).as_array().is_some_and(|hits| !hits.is_empty()));
    for args in [
        &["show", "5e1c0a7d", "--format", "json"][..],
        &["export", "5e1c0a7d", "--format", "json"],
    ] {
        let (out, _) = run(dir, args);
        let record: Record = serde_json::from_str(&out).expect("a record");
        assert_eq!(record.meeting.title, title, "{args:?}");
        assert_eq!(record.agenda[0].notes[0].text, hostile("Note"), "{args:?}");
    }
}

#[test]
fn exports_to_standard_output_are_the_bytes_written_to_a_file() {
    let (tmp, _) = folder();
    let dir = tmp.path();
    for format in ["md", "txt", "html", "json"] {
        let file = dir.join(format!("out.{format}"));
        let file_arg = file.to_str().unwrap();
        let (out, _) = run(dir, &["export", "5e1c0a7d", "--format", format]);
        run(
            dir,
            &["export", "5e1c0a7d", "--format", format, "-o", file_arg],
        );
        let written = std::fs::read(&file).unwrap();
        assert_inert(&format!("{format} export file"), &written);
        assert_eq!(out.as_bytes(), written, "{format}");
    }
}

/// Every line the command line prints goes through the inert writers: a new `eprintln!`
/// in `src/cli` would bypass them.
#[test]
fn the_command_line_prints_only_through_the_inert_writers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("cli"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.push(root.join("tui/session.rs"));
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for (number, line) in source.lines().enumerate() {
            let raw_macro = ["println!(", "print!(", "eprint!("]
                .iter()
                .any(|m| line.contains(m));
            let raw_stream = (line.contains("io::stdout()") || line.contains("io::stderr()"))
                && !line.contains("TerminalWriter::new(")
                && !line.contains("is_terminal()")
                && !line.contains(".flush()");
            assert!(
                !raw_macro && !raw_stream,
                "{}:{}: prints around the inert writers: {line}",
                file.display(),
                number + 1
            );
        }
    }
}

/// A writer the test reads while the backend owns it.
#[derive(Clone, Default)]
struct Tap(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Tap {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal drawing through the app's own backend into a [`Tap`].
fn tapped_terminal() -> (ratatui::Terminal<LeanBackend<Tap>>, Tap) {
    let tap = Tap::default();
    let backend = LeanBackend::new(ratatui::backend::CrosstermBackend::new(tap.clone()), true);
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 160, 50));
    let terminal =
        ratatui::Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
    (terminal, tap)
}

/// Fails if the bytes sent to the terminal hold a sequence from the record: the backend's
/// own cursor moves and colours are CSI sequences, so OSC, BEL, clearing and C1 are looked for.
fn assert_screen_inert(what: &str, bytes: &[u8], screen: &vt100::Screen) {
    let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    for (needle, name) in [
        (&b"\x07"[..], "BEL"),
        (b"\x1b]", "OSC"),
        (b"\x1b[2J", "clear screen"),
        (b"\xc2\x9b", "C1 CSI"),
        ("\u{202e}".as_bytes(), "RLO"),
        ("\u{2067}".as_bytes(), "RLI"),
    ] {
        assert!(!find(needle), "{what} sent {name} to the terminal");
    }
    assert!(screen.contents().contains("pwned"), "{what} shows the text");
}

#[test]
fn the_screens_send_no_sequence_from_the_record_to_the_terminal() {
    let (tmp, path) = folder();
    let mut record = hostile_record();
    record.agenda[0].notes[0]
        .text
        .push_str(" \u{2067}isolate\u{2069}");
    let (mut terminal, tap) = tapped_terminal();
    let theme = Theme::builtin("default").unwrap();
    let app = LiveScreen::new(record.clone(), None, common::at("10:05"));
    terminal.draw(|frame| render(&app, &theme, frame)).unwrap();
    let bytes = std::mem::take(&mut *tap.0.borrow_mut());
    let mut vt = vt100::Parser::new(
        NonZeroU16::new(50).unwrap(),
        NonZeroU16::new(160).unwrap(),
        0,
    );
    vt.process(&bytes);
    assert_screen_inert("the live screen", &bytes, vt.screen());

    let store = Store::open(tmp.path().join("records")).unwrap();
    let entries = store.list().unwrap().entries;
    let mut browser = Browser::new(entries, Vec::new(), Vec::new(), common::date("2026-12-01"));
    for step in 0..2 {
        let (mut terminal, tap) = tapped_terminal();
        terminal
            .draw(|frame| minutes::tui::browser::render(&browser, &theme, frame))
            .unwrap();
        let bytes = std::mem::take(&mut *tap.0.borrow_mut());
        let mut vt = vt100::Parser::new(
            NonZeroU16::new(50).unwrap(),
            NonZeroU16::new(160).unwrap(),
            0,
        );
        vt.process(&bytes);
        assert_screen_inert(&format!("the browser, step {step}"), &bytes, vt.screen());
        browser.update(Action::Responded(Response::Record(
            path.clone(),
            Box::new(record.clone()),
        )));
    }
}

/// The live screen on a new draft record, driven through its real key map and `update`.
struct Live {
    app: LiveScreen,
}

impl Live {
    fn new(record: Record) -> Self {
        Self {
            app: LiveScreen::new(record, None, common::at("10:05")),
        }
    }

    fn event(&mut self, event: Event) {
        if let Some(action) = map_event(&self.app, &event) {
            self.app.update(action);
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn keys(&mut self, text: &str) {
        text.chars().for_each(|c| self.key(KeyCode::Char(c)));
    }

    /// Runs a command through the palette: Ctrl-P, its words, Enter.
    fn command(&mut self, words: &str) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char('p'),
            KeyModifiers::CONTROL,
        )));
        self.keys(words);
        self.key(KeyCode::Enter);
    }
}

/// A draft case conference from the built-in template.
fn draft() -> Record {
    let template = Catalogue::load(None)
        .get("case-conference")
        .unwrap()
        .clone();
    let details = NewMeeting {
        title: "Case conference: Mrs W".to_owned(),
        subject_ref: "SA-1".to_owned(),
        date: common::date("2026-11-23"),
    };
    Record::new(
        &template,
        details,
        "c0ffee00".repeat(4),
        common::at("10:00"),
    )
}

const PASTED: &str = "Line one \u{1b}]0;pwned\u{7}\u{1b}[2J\r\nLine two \u{9b}31m\u{202e}end";
const KEPT: &str = "Line one ]0;pwned[2J\nLine two 31m\u{202e}end";

#[test]
fn pasted_and_typed_controls_never_enter_the_record() {
    let mut live = Live::new(draft());
    assert_eq!(live.app.focus, Pane::Notes);
    live.event(Event::Paste(PASTED.to_owned()));
    live.keys("\u{1b}\u{7}\u{9b}!");
    let note = &live.app.record.agenda[live.app.current].notes[0];
    assert_eq!(
        note.text,
        format!("{KEPT}!"),
        "newlines kept, controls gone"
    );
    live.key(KeyCode::Enter);

    // A form: a finding's allegation typed and pasted.
    live.key(KeyCode::Tab);
    live.key(KeyCode::Tab);
    assert_eq!(live.app.focus, Pane::Findings);
    live.command("add a finding");
    live.keys("Neglect\u{1b}");
    live.event(Event::Paste(" \u{7}\u{9b}by the agency".to_owned()));
    live.key(KeyCode::Enter);
    assert_eq!(
        live.app.record.findings[0].allegation,
        "Neglect by the agency"
    );
}

#[test]
fn editing_loaded_text_in_a_form_stores_it_without_controls() {
    let mut record = draft();
    record.findings.push(minutes::model::Finding {
        allegation: "Neglect \u{1b}]0;pwned\u{7}".to_owned(),
        ..common::typical_record().findings[0].clone()
    });
    let mut live = Live::new(record);
    live.key(KeyCode::Tab);
    live.key(KeyCode::Tab);
    live.key(KeyCode::Enter);
    live.keys("!");
    live.key(KeyCode::Enter);
    assert_eq!(live.app.record.findings[0].allegation, "Neglect ]0;pwned!");
}

#[test]
fn the_browser_filter_takes_no_controls() {
    let (tmp, _) = folder();
    let store = Store::open(tmp.path().join("records")).unwrap();
    let entries = store.list().unwrap().entries;
    let mut browser = Browser::new(entries, Vec::new(), Vec::new(), common::date("2026-12-01"));
    for event in [
        Event::Paste("pw\u{1b}".to_owned()),
        Event::Key(KeyEvent::new(KeyCode::Char('\u{9b}'), KeyModifiers::NONE)),
        Event::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)),
    ] {
        if let Some(action) = browser.map_event(&event) {
            browser.update(action);
        }
    }
    assert_eq!(browser.filter, "pwn");
}

#[test]
fn text_given_on_the_command_line_enters_the_record_without_controls() {
    let tmp = tempfile::tempdir().unwrap();
    let title = hostile("Case conference");
    let (out, _) = run(
        tmp.path(),
        &[
            "new",
            "--type",
            "case-conference",
            "--title",
            &title,
            "--subject",
            &hostile("SA-1"),
            "--date",
            "2026-11-23",
            "--no-open",
        ],
    );
    let path = PathBuf::from(out.trim());
    run(
        tmp.path(),
        &["agree", path.to_str().unwrap(), "--by", &hostile("Chair")],
    );
    let record = minutes::store::load_file(&path).unwrap();
    let by = &record.meeting.status_history[0].by;
    for text in [&record.meeting.title, &record.meeting.subject_ref, by] {
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }
    assert!(
        record.meeting.title.starts_with("Case conference ]0;"),
        "{}",
        record.meeting.title
    );
    assert!(
        record.meeting.title.contains(RLO),
        "bidi kept, shown on output"
    );
}
