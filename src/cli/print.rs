//! Printing for every command: standard output, errors and warnings on standard error (each
//! caution once per run), JSON and exit codes. Everything printed passes through
//! [`TerminalWriter`], which makes record text inert for the terminal.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::error::{Error, Result};
use crate::service::{Service, Warning};
use crate::text::TerminalWriter;
use crate::tui::ScreenOptions;

/// `eprintln!` for the command line: the line is made inert for the terminal first, since
/// warnings and errors quote record text.
macro_rules! eprintln_inert {
    ($($arg:tt)*) => {
        $crate::cli::print::print_error(format_args!($($arg)*))
    };
}

/// Prints `line` and a newline on standard error, made inert for the terminal (write errors
/// ignored: there is nowhere else to say them).
pub(crate) fn print_error(line: fmt::Arguments<'_>) {
    let _ = writeln!(TerminalWriter::new(io::stderr().lock()), "{line}");
}

/// Where a command prints: its output, and the warnings said so far on standard error.
pub(super) struct Console<'o> {
    /// Standard output (inert), or a buffer in tests.
    pub out: &'o mut dyn Write,
    /// The cautions said so far: each is said once per run, and the full screen shows them
    /// again (it hides what was printed before it).
    said: Vec<String>,
}

impl<'o> Console<'o> {
    pub(super) fn new(out: &'o mut dyn Write) -> Self {
        Self {
            out,
            said: Vec::new(),
        }
    }

    /// Prints the warnings the service found since last asked, on standard error:
    /// `minutes: warning: ...` once per run however many steps come across it, the others
    /// each time.
    pub(super) fn warnings(&mut self, service: &Service<'_>) {
        for warning in service.take_warnings() {
            if let Warning::Caution(text) = &warning {
                if self.said.contains(text) {
                    continue;
                }
                self.said.push(text.clone());
            }
            eprintln_inert!("minutes: {warning}");
        }
    }

    /// The live screen's options: `theme`, and the cautions said so far to show again.
    pub(super) fn screen_options(
        &self,
        theme: Option<String>,
        zone: crate::clock::Zone,
    ) -> ScreenOptions {
        ScreenOptions {
            theme,
            warnings: self.said.clone(),
            zone,
        }
    }
}

/// `value` as pretty JSON, control and bidirectional characters escaped.
pub(super) fn to_pretty_json(value: &impl serde::Serialize) -> Result<String> {
    crate::text::pretty_json(value).map_err(|e| Error::Io(io::Error::other(e)))
}

/// Success when `ok`, else failure (1).
pub(super) fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
