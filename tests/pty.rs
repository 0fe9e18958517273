//! The real `minutes` binary on the live screen, in a pseudo-terminal: it draws, saves what
//! is typed, restores the terminal when it leaves, and survives the terminal going away.
//!
//! The pty is made with rustix's safe wrappers. The child is started through util-linux's
//! `setsid --ctty` when it is there, so the pty is its controlling terminal and closing the
//! master delivers SIGHUP as a dropped SSH link does; without `setsid` the program still
//! notices the dead terminal by itself.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // tests stop loudly

use std::io::ErrorKind;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process};
use rustix::pty::{OpenptFlags, grantpt, ioctl_tiocgptpeer, openpt, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
/// How long a wait may last before the test gives up. Generous, since a busy machine is slow
/// and a wait ends as soon as what it waits for happens; speed is measured by benchmarks.
const PATIENCE: Duration = Duration::from_secs(10);
/// Leaving after a signal or a dropped terminal must not hang: a bound on behaviour, not a
/// figure (the README gives the measured exit time, about 85 ms).
const PROMPT_EXIT: Duration = Duration::from_secs(5);
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
/// One word: the lean backend skips the cells of spaces on a blank screen.
const TITLE: &str = "Pty-case-conference";

/// A records folder with one new record in it.
struct Folder {
    tmp: tempfile::TempDir,
    record: PathBuf,
}

impl Folder {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let output = Command::new(env!("CARGO_BIN_EXE_minutes"))
            .args(["new", "--type", "case-conference", "--title", TITLE])
            .args(["--date", "2026-11-23", "--no-open"])
            .envs(env(tmp.path()))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        let record = PathBuf::from(String::from_utf8(output.stdout).expect("utf-8").trim());
        Self { tmp, record }
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.record).expect("record readable")
    }

    /// Hidden recovery files left in the folder.
    fn recovery_files(&self) -> Vec<String> {
        std::fs::read_dir(self.record.parent().expect("folder"))
            .expect("folder readable")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(".recovery-"))
            .collect()
    }
}

fn env(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("MINUTES_DIR", dir.join("records")),
        ("MINUTES_CONFIG_DIR", dir.join("config")),
        ("TERM", PathBuf::from("xterm-256color")),
    ]
}

/// `minutes` running in a pseudo-terminal, and everything it has written so far.
struct Session {
    child: Child,
    master: Option<OwnedFd>,
    output: Vec<u8>,
}

impl Session {
    fn start(folder: &Folder, args: &[&str]) -> Self {
        let master =
            openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let size = Winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&master, size).expect("window size");
        let slave = ioctl_tiocgptpeer(&master, OpenptFlags::RDWR | OpenptFlags::NOCTTY)
            .expect("open the pty's terminal side");
        rustix::io::ioctl_fionbio(&master, true).expect("non-blocking master");

        let binary = env!("CARGO_BIN_EXE_minutes");
        let spawn = |program: &str, prefix: &[&str]| {
            Command::new(program)
                .args(prefix)
                .args(args)
                .envs(env(folder.tmp.path()))
                .env_remove("NO_COLOR")
                .env_remove("MINUTES_THEME")
                .stdin(Stdio::from(slave.try_clone().expect("dup")))
                .stdout(Stdio::from(slave.try_clone().expect("dup")))
                .stderr(Stdio::from(slave.try_clone().expect("dup")))
                .spawn()
        };
        let child = match spawn("setsid", &["--ctty", binary]) {
            Err(e) if e.kind() == ErrorKind::NotFound => spawn(binary, &[]),
            other => other,
        }
        .expect("spawn minutes");
        drop(slave); // only the child holds the terminal side now
        Self {
            child,
            master: Some(master),
            output: Vec::new(),
        }
    }

    /// Reads whatever the program has written.
    fn pump(&mut self) {
        let Some(master) = &self.master else { return };
        let mut buf = [0_u8; 4096];
        loop {
            match rustix::io::read(master, &mut buf) {
                Ok(0) | Err(_) => return, // nothing more now (EAGAIN), or the child is gone (EIO)
                Ok(n) => self.output.extend_from_slice(&buf[..n]),
            }
        }
    }

    fn shown(&self, what: &[u8]) -> bool {
        self.output.windows(what.len()).any(|w| w == what)
    }

    /// Waits until the screen is up: the alternate screen entered and the title drawn.
    fn wait_for_screen(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            self.pump();
            if self.shown(ENTER_ALT) && self.shown(TITLE.as_bytes()) {
                return;
            }
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                panic!("exited early with {status}: {}", self.text());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("no screen after {PATIENCE:?}: {}", self.text());
    }

    fn send(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let master = self.master.as_ref().expect("pty open");
            match rustix::io::write(master, rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e == rustix::io::Errno::AGAIN => {
                    self.pump();
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => panic!("write to the pty: {e}"),
            }
        }
    }

    /// Types `text` one key at a time, as a person would (not as one paste).
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut buf = [0_u8; 4];
            self.send(c.encode_utf8(&mut buf).as_bytes());
            std::thread::sleep(Duration::from_millis(2));
            self.pump();
        }
    }

    /// Waits until the screen has echoed `text`: the program has read every key of it. (A
    /// key still in the terminal's input queue when the line drops is lost by the kernel,
    /// before any program can read it.)
    fn wait_for_echo(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            self.pump();
            if self.shown(text.as_bytes()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("'{text}' not echoed after {PATIENCE:?}: {}", self.text());
    }

    /// What the full screen has drawn, once it has drawn `text` (the test fails if it never
    /// does).
    fn screen_once_it_shows(&mut self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            self.pump();
            let screen = String::from_utf8_lossy(self.after_screen()).into_owned();
            if screen.contains(text) {
                return screen;
            }
            assert!(Instant::now() < deadline, "'{text}' not shown: {screen}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn signal(&self, signal: Signal) {
        kill_process(Pid::from_child(&self.child), signal).expect("kill");
    }

    /// Closes the pty, as a dropped SSH connection or a killed tmux pane does.
    fn hang_up(&mut self) {
        self.pump();
        self.master = None;
    }

    /// Waits for the program to exit, reading its output meanwhile.
    fn wait_exit(&mut self, within: Duration) -> (ExitStatus, Duration) {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                self.pump();
                return (status, start.elapsed());
            }
            assert!(
                start.elapsed() < within,
                "still running after {within:?}: {}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// What came after the last time the program entered the full screen.
    fn after_screen(&self) -> &[u8] {
        let start = self
            .output
            .windows(ENTER_ALT.len())
            .rposition(|w| w == ENTER_ALT)
            .expect("entered the full screen");
        &self.output[start..]
    }

    /// The terminal was put back: bracketed paste off, cursor shown, the alternate screen
    /// left, and nothing drawn after that but the closing line.
    fn assert_restored(&self) {
        let tail = self.after_screen();
        let find = |what: &[u8]| tail.windows(what.len()).rposition(|w| w == what);
        let left = find(LEAVE_ALT).unwrap_or_else(|| panic!("never left: {}", self.text()));
        assert!(
            find(b"\x1b[?2004l").is_some_and(|at| at < left),
            "paste mode left on"
        );
        assert!(
            find(b"\x1b[?25h").is_some_and(|at| at < left),
            "cursor left hidden"
        );
        let after = String::from_utf8_lossy(&tail[left + LEAVE_ALT.len()..]).into_owned();
        assert!(!after.contains('\x1b'), "drawing after leaving: {after:?}");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn ctrl_q_quits_and_restores_the_terminal_and_a_look_writes_nothing() {
    use std::os::unix::fs::MetadataExt;
    let folder = Folder::new();
    let written = |path: &Path| {
        let meta = std::fs::metadata(path).expect("record there");
        (meta.ino(), meta.mtime(), meta.mtime_nsec())
    };
    let before = (written(&folder.record), folder.text());
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    std::thread::sleep(Duration::from_millis(1300)); // past the autosave delay
    session.send(b"\x0e"); // Ctrl-N: the next item, a look too
    std::thread::sleep(Duration::from_millis(1300));
    session.send(b"\x11"); // Ctrl-Q
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    session.assert_restored();
    assert!(session.text().contains(&format!(
        "No changes; {} is as it was",
        folder.record.display()
    )));
    assert_eq!((written(&folder.record), folder.text()), before);
    let bak = PathBuf::from(format!("{}.bak", folder.record.display()));
    assert!(!bak.exists(), "no backup made by a look");
}

#[test]
fn sigterm_saves_what_was_typed_and_restores_the_terminal() {
    let folder = Folder::new();
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    sigterm_saves_what_is_typed(&folder, session);
}

/// Types on the live screen up in `session`, sends SIGTERM: the program leaves promptly,
/// the terminal restored, the text saved in the record's own file.
fn sigterm_saves_what_is_typed(folder: &Folder, mut session: Session) {
    session.type_text("before the signal");
    session.wait_for_echo("signal");
    session.signal(Signal::TERM);
    let (status, took) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    assert!(took < PROMPT_EXIT, "took {took:?}");
    session.assert_restored();
    assert!(session.text().contains("Saved to"), "{}", session.text());
    assert!(folder.text().contains("before the signal"));
    assert!(folder.recovery_files().is_empty());
}

#[test]
fn closing_the_terminal_exits_promptly_with_the_text_saved() {
    let folder = Folder::new();
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    session.type_text("typed just before the link dropped");
    session.wait_for_echo("dropped");
    session.hang_up();
    let (_, took) = session.wait_exit(PATIENCE);
    eprintln!("exited {took:?} after the pty was closed");
    assert!(took < PROMPT_EXIT, "took {took:?}");
    let record = minutes::store::load_file(&folder.record).expect("the record is intact");
    let text = serde_json::to_string(&record).expect("json");
    assert!(
        text.contains("typed just before the link dropped"),
        "{text}\n{}",
        session.text()
    );
    assert!(folder.recovery_files().is_empty());
}

#[test]
fn sighup_with_the_terminal_still_there_saves_and_restores() {
    let folder = Folder::new();
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    session.type_text("hup");
    session.wait_for_echo("hup");
    session.signal(Signal::HUP);
    let (_, took) = session.wait_exit(PATIENCE);
    assert!(took < PROMPT_EXIT, "took {took:?}");
    session.assert_restored();
    assert!(folder.text().contains("hup"));
}

#[test]
fn typed_text_reaches_the_file_by_autosave() {
    let folder = Folder::new();
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    session.type_text("hello world");
    let deadline = Instant::now() + PATIENCE;
    while !folder.text().contains("hello world") {
        assert!(
            Instant::now() < deadline,
            "not saved within {PATIENCE:?}: {}",
            session.text()
        );
        session.pump();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        matches!(session.child.try_wait(), Ok(None)),
        "still running: autosave, not exit, saved it"
    );
}

#[test]
fn a_second_session_opens_read_only_and_says_why() {
    let folder = Folder::new();
    let path = folder.record.display().to_string();
    let mut first = Session::start(&folder, &["open", &path]);
    first.wait_for_screen();
    let mut second = Session::start(&folder, &["open", &path]);
    second.wait_for_screen();
    second.type_text("not mine");
    second.signal(Signal::TERM);
    let (status, _) = second.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", second.text());
    let said = second.text();
    assert!(said.contains("in use by"), "{said}");
    assert!(said.contains("Read-only"), "{said}");
    first.signal(Signal::TERM);
    first.wait_exit(PATIENCE);
    assert!(!folder.text().contains("not mine"));
}

#[test]
fn sigkill_after_the_autosave_delay_loses_nothing_typed() {
    let folder = Folder::new();
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    session.type_text("autosaved before the crash");
    session.wait_for_echo("crash");
    // Autosave writes at most about a second after the last key: wait that long (and more
    // for the fsyncs on a busy machine), without looking, then kill with no chance to save.
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        session.pump();
        std::thread::sleep(Duration::from_millis(20));
    }
    session.signal(Signal::KILL);
    let _ = session.wait_exit(PATIENCE);
    let record = minutes::store::load_file(&folder.record).expect("the record is intact");
    let text = serde_json::to_string(&record).expect("json");
    assert!(text.contains("autosaved before the crash"), "{text}");
}

#[test]
fn agreed_minutes_open_read_only_until_reopened() {
    let folder = Folder::new();
    let path = folder.record.display().to_string();
    let cli = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_minutes"))
            .args(args)
            .envs(env(folder.tmp.path()))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{args:?}: {output:?}");
    };
    cli(&["agree", &path, "--by", "Priya Nair"]);
    let agreed = folder.text();

    let mut session = Session::start(&folder, &["open", &path]);
    session.wait_for_screen();
    session.type_text("too late");
    session.signal(Signal::TERM);
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    let said = session.text();
    assert!(
        said.contains("the minutes were agreed by Priya Nair"),
        "{said}"
    );
    assert!(said.contains("minutes reopen"), "{said}");
    assert!(said.contains("Read-only"), "{said}");
    assert_eq!(folder.text(), agreed, "agreed minutes are not written");

    cli(&[
        "reopen",
        &path,
        "--by",
        "Priya Nair",
        "--reason",
        "a late apology",
    ]);
    let mut session = Session::start(&folder, &["open", &path]);
    session.wait_for_screen();
    session.type_text("Apologies from the GP");
    session.wait_for_echo("GP");
    session.signal(Signal::TERM);
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    assert!(folder.text().contains("Apologies from the GP"));
}

#[test]
fn warnings_printed_before_the_screen_are_shown_on_it_too() {
    let folder = Folder::new();
    let mut session = Session::start(
        &folder,
        &[
            "open",
            folder.record.to_str().unwrap(),
            "--theme",
            "no-such-theme",
        ],
    );
    session.wait_for_screen();
    let screen = session.screen_once_it_shows("Warning:");
    assert!(screen.contains("no-such-theme"), "{screen}");
    session.send(b"\x11"); // Ctrl-Q
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success());
}

#[test]
fn keys_toml_rebinds_the_real_program_and_its_mistakes_are_shown_on_the_screen() {
    let folder = Folder::new();
    let config = folder.tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keys.toml"),
        "[global]\nquit = [\"ctrl-y\"]\nsave-now = [\"ctrl-h\"]\n",
    )
    .unwrap();
    let mut session = Session::start(&folder, &["open", folder.record.to_str().unwrap()]);
    session.wait_for_screen();
    let screen = session.screen_once_it_shows("Ctrl-H");
    assert!(screen.contains("Warning:"), "{screen}");
    assert!(screen.contains("keys.toml:"), "{screen}");
    session.send(b"\x11"); // Ctrl-Q: no longer quits
    session.type_text("stillhere");
    // Saved, so read after Ctrl-Q, which has been handled by then.
    let deadline = Instant::now() + PATIENCE;
    while !folder.text().contains("stillhere") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        session.pump();
    }
    assert!(folder.text().contains("stillhere"), "{}", session.text());
    assert!(
        session.child.try_wait().unwrap().is_none(),
        "Ctrl-Q quit: {}",
        session.text()
    );
    session.send(b"\x19"); // Ctrl-Y
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{}", session.text());
    assert!(
        session.text().contains("keys.toml: line 3, column 13"),
        "printed before the screen too"
    );
}

// ------------------------------------------------------------------ the browser (`minutes`)

/// The browser on `folder`, its listing drawn.
fn browser(folder: &Folder) -> Session {
    let mut session = Session::start(folder, &[]);
    session.wait_for_screen();
    session
}

#[test]
fn sigterm_in_the_browser_restores_the_terminal() {
    let folder = Folder::new();
    let mut session = browser(&folder);
    session.signal(Signal::TERM);
    let (status, took) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    assert!(took < PROMPT_EXIT, "took {took:?}");
    session.assert_restored();
}

#[test]
fn sighup_in_the_browser_with_the_terminal_still_there_restores_it() {
    let folder = Folder::new();
    let mut session = browser(&folder);
    session.signal(Signal::HUP);
    let (_, took) = session.wait_exit(PATIENCE);
    assert!(took < PROMPT_EXIT, "took {took:?}");
    session.assert_restored();
}

#[test]
fn closing_the_terminal_ends_the_browser_promptly() {
    let folder = Folder::new();
    let mut session = browser(&folder);
    session.hang_up();
    let (_, took) = session.wait_exit(PATIENCE);
    assert!(took < PROMPT_EXIT, "took {took:?}");
}

#[test]
fn a_meeting_opened_from_the_browser_comes_back_to_it_and_quitting_says_where_it_went() {
    let folder = Folder::new();
    let mut session = browser(&folder);
    session.send(b"\x05"); // Ctrl-E: open the selected meeting to edit
    session.wait_for_echo("Notes");
    session.type_text("typed from the browser");
    session.wait_for_echo("browser");
    session.send(b"\x11"); // Ctrl-Q: leave the meeting, back to the browser
    session.wait_for_echo("Saved to"); // the browser's notice: it is back
    assert!(folder.text().contains("typed from the browser"));
    session.send(b"\x11"); // Ctrl-Q: leave the browser
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    session.assert_restored();
    let after = String::from_utf8_lossy(session.after_screen()).into_owned();
    let line = after
        .rsplit(std::str::from_utf8(LEAVE_ALT).unwrap())
        .next()
        .unwrap();
    assert!(line.contains("Saved to"), "{line:?}");
}

#[test]
fn sigterm_in_a_meeting_opened_from_the_browser_saves_it_and_ends_everything() {
    let folder = Folder::new();
    let mut session = browser(&folder);
    session.send(b"\x05"); // Ctrl-E: open the selected meeting to edit
    session.wait_for_echo("Notes");
    sigterm_saves_what_is_typed(&folder, session);
}

/// The audit log's lines (parsed) for the folder.
fn audit_lines(folder: &Folder) -> Vec<serde_json::Value> {
    let log = folder.tmp.path().join("records").join(".audit.jsonl");
    std::fs::read_to_string(log)
        .expect("audit log there")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn an_editing_session_is_one_open_and_one_close_in_the_audit_log_however_many_saves() {
    let folder = Folder::new();
    let before = audit_lines(&folder).len();
    let mut session = Session::start(&folder, &["open", &folder.record.display().to_string()]);
    session.wait_for_screen();
    for word in ["AUDITMARK-first", " AUDITMARK-second", " AUDITMARK-third"] {
        session.type_text(word);
        let deadline = Instant::now() + PATIENCE;
        while !folder.text().contains(word.trim()) {
            assert!(Instant::now() < deadline, "not saved: {}", session.text());
            session.pump();
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    session.send(b"\x11"); // Ctrl-Q
    let (status, _) = session.wait_exit(PATIENCE);
    assert!(status.success(), "{status}: {}", session.text());
    let lines = audit_lines(&folder);
    let new: Vec<&serde_json::Value> = lines[before..].iter().collect();
    let actions: Vec<&str> = new.iter().map(|l| l["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["open", "close"], "{new:?}");
    assert_eq!(new[0]["session"], new[1]["session"]);
    // The close line carries the whole span: when the session started, to the second.
    let opened = new[0]["time"].as_str().unwrap();
    let started = new[1]["details"]["started"].as_str().unwrap();
    assert_eq!(started[..19], opened[..19], "{new:?}");
    assert!(new[0]["session"].as_str().is_some_and(|s| !s.is_empty()));
    let log = std::fs::read_to_string(folder.tmp.path().join("records/.audit.jsonl")).unwrap();
    assert!(!log.contains("AUDITMARK"), "{log}");
    assert!(!log.contains(TITLE), "{log}");
}
