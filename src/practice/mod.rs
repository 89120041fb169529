//! What the learner has done, kept in the user's data directory.

pub mod reading;
pub mod store;
