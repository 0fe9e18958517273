//! The `minutes` command line.

use std::process::ExitCode;

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
