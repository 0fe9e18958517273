//! `minutes team init DIR --group GROUP`: a records folder shared by a team on one server.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::print::Console;
use crate::error::Result;
use crate::service::{TeamSetup, team_init};

/// `minutes team init`: makes or adopts the team folder, then says what it did and what the
/// members do next.
pub(super) fn init(dir: &Path, group: &str, console: &mut Console<'_>) -> Result<ExitCode> {
    let setup = team_init(dir, group)?;
    write!(console.out, "{}", setup_text(&setup))?;
    Ok(if setup.left.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What `team init` did, then the next steps, in words.
fn setup_text(setup: &TeamSetup) -> String {
    let dir = setup.dir.display();
    let group = &setup.group;
    let mut text = String::new();
    let verb = if setup.created { "Made" } else { "Adopted" };
    let _ = writeln!(
        text,
        "{verb} the team folder {dir}: group {group}, mode 2770 (setgid: every file made in \
         it belongs to {group}); records in it are 0660, never readable by others."
    );
    if setup.changes.is_empty() {
        let _ = writeln!(text, "Nothing needed changing.");
    } else {
        let _ = writeln!(text, "Changed:");
        for change in &setup.changes {
            let _ = writeln!(text, "  {change}");
        }
    }
    if !setup.left.is_empty() {
        let _ = writeln!(text, "Left alone:");
        for left in &setup.left {
            let _ = writeln!(text, "  {left}");
        }
    }
    let _ = write!(
        text,
        "\nNext:\n\
         1. Add each minute taker to the group (as an administrator): usermod -aG {group} LOGIN\n   \
         (they log in again for it to count). Nobody outside {group} can read the records.\n\
         2. Each member points minutes at the folder: records_dir = \"{dir}\" in \
         ~/.config/minutes/config.toml, or export MINUTES_DIR='{dir}'.\n\
         3. Any umask works: minutes sets 0660 on what it writes. Other programs (cp, an \
         editor) follow the umask: use umask 007 in the members' shell profile, and never copy \
         records in with a mode open to others.\n\
         4. Every folder above {dir} must let the group pass (x), e.g. chmod 750 on a parent \
         owned by group {group}.\n"
    );
    text
}
