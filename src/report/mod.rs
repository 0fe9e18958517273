//! Statutory returns counted from the records; pure functions, no I/O.
//!
//! - [`sac`]: the Safeguarding Adults Collection counts (SG2a-SG4a) for enquiries concluded
//!   in a period, with the counting rules in its documentation;
//! - [`sac_format`]: the same as aligned tables or CSV.

pub mod sac;
pub mod sac_format;
