//! What the learner has done, kept in the user's data directory.
//!
//! Data flows one way: attempts (`progress`) → derived views (`schedule`, `skills`, `streak`,
//! `session`) → callers. Only `progress_file` touches the disk for practice data.

pub mod clock;
pub mod hints_seen;
pub mod next;
pub mod progress;
pub mod progress_file;
pub mod reading;
pub mod renamed;
pub mod review_variant;
pub mod schedule;
pub mod session;
pub mod skills;
pub mod standing;
pub mod store;
pub mod streak;
