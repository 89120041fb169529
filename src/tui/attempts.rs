//! The seam between graded drills and the progress store.
//!
//! `update` returns `Effect::RecordAttempt`; the event loop hands it to an [`Attempts`]. The
//! progress store (issue 5 item 5, `practice/progress`, built in parallel) will implement this
//! trait and be passed to `tui::run` instead of [`NotKept`]; nothing else in the TUI changes.

/// Somewhere to keep finished attempts.
pub trait Attempts {
    /// Keeps one graded attempt; an error is shown to the learner as a notice.
    fn record(
        &mut self,
        exercise: &str,
        grade: u8,
        hints_used: usize,
        seconds: u64,
    ) -> Result<(), String>;
}

/// Keeps nothing: the stand-in until the progress store exists.
pub struct NotKept;

impl Attempts for NotKept {
    fn record(&mut self, _: &str, _: u8, _: usize, _: u64) -> Result<(), String> {
        Ok(())
    }
}
