//! Who is using `minutes`: for the audit log and every "by".

/// Who is using `minutes`: the same on every line this process writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    /// Their name ([`crate::config::person_name`]).
    pub name: String,
    /// Their login.
    pub login: String,
    /// The machine.
    pub host: String,
    /// This process.
    pub pid: u32,
}
