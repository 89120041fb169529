//! The mesh simulator: pure, deterministic, no dependency on the terminal or the lessons.

pub mod intent;
