//! Every limit meshlab puts on its input, in one place (the table in docs/RELIABILITY.md).
//!
//! Lessons, packs, submissions, manifests and progress files can come from other people or be
//! damaged; these bound what meshlab reads from them. Past a limit the input is refused with a
//! message that names it, never half-read. The simulator's YAML budgets live in `sim` (which
//! depends on nothing else in the crate) and are re-exported here so the list stays whole.

pub use crate::sim::load::yaml::{MAX_YAML_DEPTH, MAX_YAML_NODES};

// Lessons.

/// A lesson file larger than this is refused rather than parsed (a lesson section is a few KiB).
pub const MAX_LESSON_BYTES: usize = 4 * 1024 * 1024;
/// Markdown nested deeper than this (quotes in lists in quotes…) is flattened, so a hostile
/// lesson cannot exhaust the stack.
pub const MAX_MARKDOWN_DEPTH: usize = 16;

// Packs, archives and submissions (checked while unpacking, so a zip bomb stops at the limit).

/// Largest single file in a pack (exercises and manifests are a few KiB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Most files in one pack.
pub const MAX_FILES: usize = 1000;
/// Most bytes all of a pack's files may hold together, unpacked.
pub const MAX_PACK_BYTES: u64 = 16 * 1024 * 1024;
/// Most bytes of the decompressed archive stream (the files plus every header, long name and
/// padding). Checked on the stream itself, because the tar reader buffers long names and pax
/// headers whole before meshlab sees an entry.
pub const MAX_STREAM_BYTES: u64 = MAX_PACK_BYTES + 4 * 1024 * 1024;
/// Largest pack archive read from disk (compressed).
pub const MAX_ARCHIVE_BYTES: u64 = 16 * 1024 * 1024;
/// Longest path inside a pack, in bytes.
pub const MAX_PATH_BYTES: usize = 200;
/// Largest submission file.
pub const MAX_SUBMISSION_BYTES: u64 = 4 * 1024 * 1024;
/// Most submission files graded in one run.
pub const MAX_SUBMISSIONS: usize = 5000;

// Progress.

/// Largest progress file meshlab will read, in bytes; a bigger file is refused, not kept aside
/// (it may well be valid, just too big for this version to load safely).
pub const MAX_PROGRESS_BYTES: u64 = 64 * 1024 * 1024;
/// Longest answer kept per attempt, in bytes. Longer answers (an ADR pasted twice) are cut at a
/// character boundary when recorded and refused when imported.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024;
/// Longest drill, pack or attempt id, in bytes.
pub const MAX_ID_BYTES: usize = 128;
/// Most hint rungs a drill can have.
pub const MAX_HINT_RUNGS: u8 = 16;
/// Time on task is capped per attempt: a learner who walks away from an open drill has not
/// practised for the hours it stayed open, and the 20-hour meter should not say so.
pub const MAX_TASK_SECONDS: u32 = 2 * 60 * 60;
