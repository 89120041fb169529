//! Every limit on packs, archives and submissions, in one place (documented in docs/packs.md).
//!
//! Packs and submissions come from other people: these bound what meshlab reads from them, and
//! archives are checked against them while unpacking, so a zip bomb is stopped at the limit
//! instead of after it filled the disk or memory.

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
