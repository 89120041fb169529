//! The mesh simulator: pure, deterministic, no dependency on the terminal or the lessons.
