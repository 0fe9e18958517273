//! Statutory returns counted from the records; pure functions, no I/O.
//!
//! - [`sac`]: the Safeguarding Adults Collection counts (SG2a-SG4a) for enquiries concluded
//!   in a period, section 42 and other enquiries apart, with the counting rules and their
//!   sources in its documentation;
//! - [`sac_format`]: the same as aligned tables or CSV, in NHS England's published labels.

pub mod sac;
pub mod sac_format;
