//! `minutes`: see the library crate for the module map.

fn main() -> std::process::ExitCode {
    minutes::cli::run()
}
