//! A team on one server, with real accounts: a group, two members and one outsider, each
//! running the real binary as themselves (setpriv), on a team folder made by
//! `minutes team init`.
//!
//! Making accounts needs root. Run as anyone else, every test is reported as ignored, saying
//! so; none passes without running. The accounts and group have names unique to the run and
//! are removed afterwards (a guard, also on failure).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// One test: it is given the team.
type Test = fn(&Team) -> Result<(), Failed>;

fn main() {
    let args = Arguments::from_args();
    let tests: [(&str, Test); 5] = [
        (
            "team_init_makes_a_setgid_group_folder",
            team_init_makes_a_setgid_group_folder,
        ),
        (
            "files_made_under_any_umask_are_the_groups",
            files_made_under_any_umask_are_the_groups,
        ),
        (
            "a_member_changes_anothers_record_and_an_outsider_is_refused",
            a_member_changes_anothers_record_and_an_outsider_is_refused,
        ),
        (
            "a_stale_lock_of_another_account_is_taken_over",
            a_stale_lock_of_another_account_is_taken_over,
        ),
        (
            "a_live_lock_of_another_account_refuses",
            a_live_lock_of_another_account_refuses,
        ),
    ];
    let root = rustix::process::geteuid().is_root();
    // One copy of the binary that every account may run, made before any test starts (a copy
    // made while another test forks would fail with "text file busy").
    let shared = tempfile::tempdir().expect("tempdir");
    let binary = shared.path().join("minutes");
    if root {
        std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        std::fs::copy(env!("CARGO_BIN_EXE_minutes"), &binary).expect("copy the binary");
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let trials = tests
        .into_iter()
        .map(|(name, test)| {
            if root {
                let binary = binary.clone();
                Trial::test(name, move || test(&Team::new(binary)?))
            } else {
                Trial::test(name, || Ok(()))
                    .with_kind("needs root, to make a group and accounts (useradd)")
                    .with_ignored_flag(true)
            }
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    drop(shared);
    conclusion.exit();
}

/// A unique name for an account or group of this run.
fn unique(kind: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "mt{kind}{}x{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn run_root(program: &str, args: &[&str]) -> Result<(), Failed> {
    let out = Command::new(program).args(args).output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into())
    }
}

/// The group, the accounts and their homes; removed when dropped.
struct Team {
    tmp: tempfile::TempDir,
    group: String,
    alice: String,
    bob: String,
    carol: String,
    binary: PathBuf,
    dir: PathBuf,
}

impl Team {
    /// A group with members alice and bob, an outsider carol, the binary where all may run
    /// it, and a team folder made by `minutes team init` as root.
    fn new(binary: PathBuf) -> Result<Self, Failed> {
        let tmp = tempfile::tempdir()?;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))?;
        let group = unique("g");
        run_root("groupadd", &[&group])?;
        let mut team = Self {
            binary,
            dir: tmp.path().join("shared").join("records"),
            tmp,
            group,
            alice: String::new(),
            bob: String::new(),
            carol: String::new(),
        };
        for (slot, member) in [(0, true), (1, true), (2, false)] {
            let name = unique(["a", "b", "c"][slot]);
            let mut args = vec!["-M", "-N", "-s", "/bin/sh"];
            if member {
                args.extend(["-G", &team.group]);
            }
            args.push(&name);
            // Ahead of useradd, so the guard removes it even if useradd half-fails.
            match slot {
                0 => team.alice.clone_from(&name),
                1 => team.bob.clone_from(&name),
                _ => team.carol.clone_from(&name),
            }
            run_root("useradd", &args)?;
            let home = team.home(&name);
            std::fs::create_dir_all(home.join(".config/minutes"))?;
            run_root(
                "chown",
                &["-R", &format!("{name}:"), &home.to_string_lossy()],
            )?;
        }
        std::fs::create_dir(team.tmp.path().join("shared"))?;
        std::fs::set_permissions(
            team.tmp.path().join("shared"),
            std::fs::Permissions::from_mode(0o755),
        )?;
        let out = Command::new(&team.binary)
            .args(["team", "init"])
            .arg(&team.dir)
            .args(["--group", &team.group])
            .output()?;
        if !out.status.success() {
            return Err(format!("team init: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(team)
    }

    fn home(&self, user: &str) -> PathBuf {
        self.tmp.path().join(format!("home-{user}"))
    }

    /// `minutes ARGS` as `user` under `umask`, with the team folder as MINUTES_DIR.
    fn command(&self, user: &str, umask: &str, args: &[&str]) -> Command {
        let home = self.home(user);
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("umask {umask}; exec \"$@\""))
            .arg("sh")
            .arg("setpriv")
            .args(as_user(user))
            .arg(&self.binary)
            .args(args)
            .env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .env("HOME", &home)
            .env("USER", user)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("MINUTES_DIR", &self.dir)
            .stdin(Stdio::null());
        command
    }

    fn minutes(&self, user: &str, args: &[&str]) -> Result<Output, Failed> {
        Ok(self.command(user, "077", args).output()?)
    }

    /// A new record made by `user` under `umask`; its path.
    fn new_record(&self, user: &str, umask: &str) -> Result<PathBuf, Failed> {
        let out = self
            .command(
                user,
                umask,
                &["new", "--type", "strategy", "--title", "Strategy"],
            )
            .output()?;
        ok(&out)?;
        Ok(PathBuf::from(String::from_utf8(out.stdout)?.trim()))
    }

    fn gid(&self) -> u32 {
        std::fs::metadata(&self.dir).unwrap().gid()
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        for user in [&self.alice, &self.bob, &self.carol] {
            if !user.is_empty() {
                // -f: even if a process of the account outlived its test.
                let _ = Command::new("userdel").args(["-f", user]).output();
            }
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

/// setpriv's arguments that run what follows them as `user`, with their own and
/// supplementary groups.
fn as_user(user: &str) -> [String; 5] {
    [
        "--reuid".to_owned(),
        user.to_owned(),
        "--regid".to_owned(),
        primary_gid(user),
        "--init-groups".to_owned(),
    ]
}

/// The account's own group (for setpriv, which wants a group, not an account).
fn primary_gid(user: &str) -> String {
    Command::new("id")
        .args(["-g", user])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn ok(out: &Output) -> Result<(), Failed> {
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into())
    }
}

fn check(condition: bool, what: impl FnOnce() -> String) -> Result<(), Failed> {
    if condition {
        Ok(())
    } else {
        Err(what().into())
    }
}

fn lock_of(record: &Path) -> PathBuf {
    let name = record.file_name().unwrap().to_string_lossy();
    record.with_file_name(format!(".{name}.lock"))
}

fn short_id(record: &Path) -> String {
    let stem = record.file_stem().unwrap().to_string_lossy().into_owned();
    stem.rsplit_once('-').unwrap().1.to_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

fn team_init_makes_a_setgid_group_folder(team: &Team) -> Result<(), Failed> {
    check(mode(&team.dir) == 0o2770, || {
        format!("folder mode {:o}", mode(&team.dir))
    })?;
    let group_gid = nix_free_gid(&team.group)?;
    check(team.gid() == group_gid, || "folder group".to_owned())?;
    // Adopting it again changes nothing, and says so.
    let out = Command::new(&team.binary)
        .args(["team", "init"])
        .arg(&team.dir)
        .args(["--group", &team.group])
        .output()?;
    ok(&out)?;
    let text = String::from_utf8(out.stdout)?;
    check(text.contains("Nothing needed changing"), || text.clone())?;
    check(
        text.contains(&format!("usermod -aG {}", team.group)),
        || text.clone(),
    )?;
    check(
        text.contains("MINUTES_DIR") && text.contains("records_dir"),
        || text.clone(),
    )?;
    Ok(())
}

/// The gid of a group, from `getent` (an independent lookup from the one minutes uses).
fn nix_free_gid(group: &str) -> Result<u32, Failed> {
    let out = Command::new("getent").args(["group", group]).output()?;
    let line = String::from_utf8(out.stdout)?;
    Ok(line.split(':').nth(2).ok_or("no gid")?.trim().parse()?)
}

fn files_made_under_any_umask_are_the_groups(team: &Team) -> Result<(), Failed> {
    for umask in ["077", "022"] {
        let record = team.new_record(&team.alice, umask)?;
        let id = short_id(&record);
        // A second change makes a .bak; listing writes the cache.
        let out = team
            .command(
                &team.alice,
                umask,
                &["action", "add", &id, "Police to call by Friday"],
            )
            .output()?;
        ok(&out)?;
        ok(&team.command(&team.alice, umask, &["list"]).output()?)?;
        let backup = PathBuf::from(format!("{}.bak", record.display()));
        let index = team.dir.join(".index.json");
        for file in [&record, &backup, &lock_of(&record), &index] {
            let meta = std::fs::symlink_metadata(file)?;
            check(meta.mode() & 0o7777 == 0o660, || {
                format!(
                    "{} is {:o} under umask {umask}",
                    file.display(),
                    meta.mode()
                )
            })?;
            check(meta.gid() == team.gid(), || {
                format!(
                    "{} has group {} under umask {umask}",
                    file.display(),
                    meta.gid()
                )
            })?;
        }
        // No warning about the group bits the team folder calls for.
        let out = team.command(&team.alice, umask, &["list"]).output()?;
        let stderr = String::from_utf8(out.stderr)?;
        check(!stderr.contains("warning"), || stderr.clone())?;
    }
    Ok(())
}

fn a_member_changes_anothers_record_and_an_outsider_is_refused(team: &Team) -> Result<(), Failed> {
    let record = team.new_record(&team.alice, "077")?;
    let id = short_id(&record);
    let shown = team.minutes(&team.bob, &["show", &id])?;
    ok(&shown)?;
    check(
        String::from_utf8(shown.stdout)?.contains("Strategy"),
        || "bob reads alice's minutes".to_owned(),
    )?;
    ok(&team.minutes(&team.bob, &["action", "add", &id, "Bob to visit on Monday"])?)?;
    let text = std::fs::read_to_string(&record)?;
    check(
        text.contains("\"Visit\"") && text.contains("\"Bob\""),
        || text.clone(),
    )?;
    let meta = std::fs::metadata(&record)?;
    check(
        meta.mode() & 0o7777 == 0o660 && meta.gid() == team.gid(),
        || format!("after bob's save: {:o} gid {}", meta.mode(), meta.gid()),
    )?;
    // Alice can still change it after bob saved it.
    ok(&team.minutes(&team.alice, &["action", "add", &id, "Alice to write up"])?)?;
    // The folder's audit log, group read-write, names both members, and either may read it.
    let log = team.dir.join(".audit.jsonl");
    let meta = std::fs::metadata(&log)?;
    check(
        meta.mode() & 0o7777 == 0o660 && meta.gid() == team.gid(),
        || format!("audit log {:o} gid {}", meta.mode(), meta.gid()),
    )?;
    let audit = team.minutes(&team.alice, &["audit", &id, "--json"])?;
    ok(&audit)?;
    let lines = String::from_utf8(audit.stdout)?;
    for (who, action) in [
        (&team.bob, "\"read\""),
        (&team.bob, "\"action\""),
        (&team.alice, "\"action\""),
    ] {
        let login = format!("\"login\":\"{who}\"");
        check(
            lines
                .lines()
                .any(|l| l.contains(&login) && l.contains(action)),
            || format!("no {action} by {who} in:\n{lines}"),
        )?;
    }
    check(!lines.contains("Bob to visit"), || {
        "record text in the log".to_owned()
    })?;
    for args in [vec!["list"], vec!["show", id.as_str()]] {
        let out = team.minutes(&team.carol, &args)?;
        let stderr = String::from_utf8(out.stderr)?;
        let expected = format!("permission denied: you are not in group {}", team.group);
        check(!out.status.success() && stderr.contains(&expected), || {
            format!("carol {args:?}: {stderr}")
        })?;
        check(stderr.contains(&team.dir.display().to_string()), || {
            format!("names the folder: {stderr}")
        })?;
    }
    Ok(())
}

fn a_stale_lock_of_another_account_is_taken_over(team: &Team) -> Result<(), Failed> {
    let record = team.new_record(&team.alice, "077")?;
    let id = short_id(&record);
    // Alice's session "crashed": its details are left in the lock file, and its process is
    // gone (so the kernel holds no flock on the file).
    let gone = team.command(&team.alice, "077", &["--version"]).spawn()?;
    let pid = gone.id();
    wait(gone)?;
    let details = format!(
        r#"{{"user":"{}","host":"elsewhere","pid":{pid},"since":"2026-11-23T14:03:41+00:00"}}"#,
        team.alice
    );
    let lock = lock_of(&record);
    let write = Command::new("setpriv")
        .args(as_user(&team.alice))
        .args(["sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", &details])
        .arg(&lock)
        .output()?;
    ok(&write)?;
    check(
        std::fs::metadata(&lock)?.uid() != std::fs::metadata(&team.dir)?.uid(),
        || "lock file is alice's".to_owned(),
    )?;
    let out = team.minutes(&team.bob, &["action", "add", &id, "Bob takes over"])?;
    ok(&out)?;
    let stderr = String::from_utf8(out.stderr)?;
    check(
        stderr.contains("took over the lock left by")
            && stderr.contains(&team.alice)
            && stderr.contains(&format!("pid {pid}")),
        || stderr.clone(),
    )?;
    check(std::fs::read(&lock)?.is_empty(), || {
        "released after".to_owned()
    })?;
    check(
        std::fs::read_to_string(&record)?.contains("Bob takes over"),
        || "saved".to_owned(),
    )?;
    Ok(())
}

fn wait(mut child: Child) -> Result<(), Failed> {
    child.wait()?;
    Ok(())
}

fn a_live_lock_of_another_account_refuses(team: &Team) -> Result<(), Failed> {
    let record = team.new_record(&team.alice, "077")?;
    let id = short_id(&record);
    let lock = lock_of(&record);
    let before = std::fs::read(&record)?;
    // Alice's session holds the lock (flock, as minutes takes it) and has said who she is.
    let script = "printf '{\"name\":\"Alice Example\",\"user\":\"%s\",\"host\":\"office\",\
                  \"pid\":%s,\"since\":\"2026-11-23T14:03:41+00:00\"}' \"$USER\" $$ > \"$1\"; \
                  echo held; exec sleep 30";
    let mut child = Command::new("setpriv")
        .args(as_user(&team.alice))
        .env("USER", &team.alice)
        .args(["flock", "--no-fork"])
        .arg(&lock)
        .args(["sh", "-c", script, "sh"])
        .arg(&lock)
        .stdout(Stdio::piped())
        .spawn()?;
    let result = (|| {
        let mut first = [0_u8; 4];
        std::io::Read::read_exact(child.stdout.as_mut().ok_or("stdout")?, &mut first)?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::read(&lock)?.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = team.minutes(&team.bob, &["action", "add", &id, "Bob wants in"])?;
        let stderr = String::from_utf8(out.stderr)?;
        check(!out.status.success(), || format!("bob saved: {stderr}"))?;
        check(
            stderr.contains("in use by Alice Example")
                && stderr.contains(&format!("({})", team.alice))
                && stderr.contains("on office (pid ")
                && stderr.contains("since 2026-11-23 14:03"),
            || stderr.clone(),
        )?;
        check(std::fs::read(&record)? == before, || {
            "record unchanged".to_owned()
        })?;
        Ok::<(), Failed>(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    result
}
