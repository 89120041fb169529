//! Pack archives: one `.tar.gz` holding the pack's files and `checksums.sha256`, a manifest of
//! every file's SHA-256 in the format `sha256sum -c` reads.
//!
//! Reading never touches the disk: entries are checked one by one against [`limits`] while the
//! archive streams (type, path, declared size, bytes actually read), so a hostile archive is
//! refused at the first bad entry, before it can fill memory or reach outside the pack.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use sha2::{Digest, Sha256};
use tar::EntryType;

use super::pack::safe_relative;
use super::refusal::Refusal;
use crate::i18n::Msg;
use crate::limits::{
    MAX_ARCHIVE_BYTES, MAX_FILE_BYTES, MAX_FILES, MAX_PACK_BYTES, MAX_PATH_BYTES, MAX_STREAM_BYTES,
};
use crate::tree::Files;

/// The checksum manifest at the archive's root.
pub const CHECKSUMS: &str = "checksums.sha256";

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// `<sha256>  <path>` for every file, sorted by path (`Files` is ordered), manifest excluded.
pub fn checksum_manifest(files: &Files) -> String {
    let mut out = String::new();
    for (path, bytes) in files.iter().filter(|(p, _)| *p != CHECKSUMS) {
        let _ = writeln!(out, "{}  {path}", sha256_hex(bytes));
    }
    out
}

/// The pack's checksum: the SHA-256 of its checksum manifest. It depends only on the files'
/// paths and contents, so a folder, its archive and its installed copy all have the same one.
pub fn pack_checksum(files: &Files) -> String {
    sha256_hex(checksum_manifest(files).as_bytes())
}

/// Refuses a set of files that breaks a limit (a folder about to be built or installed).
pub fn check_limits(origin: &str, files: &Files) -> Result<(), Refusal> {
    if files.len() > MAX_FILES {
        return Err(Refusal::new(
            origin,
            Msg::ArchiveTooManyFiles,
            &[&MAX_FILES],
        ));
    }
    let mut total = 0u64;
    for (path, bytes) in files {
        let len = bytes.len() as u64;
        if path.len() > MAX_PATH_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchivePathTooLong,
                &[path, &MAX_PATH_BYTES],
            ));
        }
        if len > MAX_FILE_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchiveFileTooLarge,
                &[path, &MAX_FILE_BYTES],
            ));
        }
        total += len;
        if total > MAX_PACK_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchivePackTooLarge,
                &[&MAX_PACK_BYTES],
            ));
        }
    }
    Ok(())
}

/// The archive's bytes: the manifest first, then every file, with fixed metadata (mode 0644,
/// time 0) so the same pack always builds the same archive.
pub fn build(files: &Files) -> io::Result<Vec<u8>> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let manifest = checksum_manifest(files);
    let rest = files
        .iter()
        .filter(|(p, _)| *p != CHECKSUMS)
        .map(|(p, b)| (p.as_str(), &b[..]));
    for (path, bytes) in std::iter::once((CHECKSUMS, manifest.as_bytes())).chain(rest) {
        let mut header = tar::Header::new_ustar();
        header.set_entry_type(EntryType::Regular);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_size(bytes.len() as u64);
        tar.append_data(&mut header, path, bytes)?;
    }
    tar.into_inner()?.finish()
}

/// Reads and checks a pack archive: every entry a regular file with a safe path, within the
/// limits, and matching the checksum manifest. Returns the pack's files without the manifest.
pub fn read(path: &Path) -> Result<Files, Refusal> {
    let origin = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Refusal::io(path, &e))?;
    let len = file.metadata().map_err(|e| Refusal::io(path, &e))?.len();
    if len > MAX_ARCHIVE_BYTES {
        return Err(Refusal::new(
            &origin,
            Msg::ArchiveTooLarge,
            &[&(MAX_ARCHIVE_BYTES >> 20)],
        ));
    }
    let mut files = unpack(&origin, file.take(MAX_ARCHIVE_BYTES))?;
    let manifest = files
        .remove(CHECKSUMS)
        .ok_or_else(|| Refusal::new(&origin, Msg::ArchiveNoChecksums, &[&CHECKSUMS]))?;
    verify(&origin, &manifest, &files)?;
    Ok(files)
}

/// A reader that fails once `left` bytes have been read, and says so in `hit`.
struct Budget<R> {
    inner: R,
    left: u64,
    hit: Rc<Cell<bool>>,
}

impl<R: Read> Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            self.hit.set(true);
            return Err(io::Error::other("decompressed stream over its limit"));
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

fn unpack(origin: &str, reader: impl Read) -> Result<Files, Refusal> {
    let hit = Rc::new(Cell::new(false));
    let corrupt = |e: &dyn std::fmt::Display| {
        if hit.get() {
            Refusal::new(origin, Msg::ArchivePackTooLarge, &[&MAX_PACK_BYTES])
        } else {
            Refusal::new(origin, Msg::ArchiveCorrupt, &[e])
        }
    };
    let stream = Budget {
        inner: flate2::read::GzDecoder::new(reader),
        left: MAX_STREAM_BYTES,
        hit: Rc::clone(&hit),
    };
    let mut archive = tar::Archive::new(stream);
    let mut files = Files::new();
    let mut total = 0u64;
    let mut count = 0usize;
    for entry in archive.entries().map_err(|e| corrupt(&e))? {
        let mut entry = entry.map_err(|e| corrupt(&e))?;
        count += 1;
        if count > MAX_FILES + 1 {
            // One more than the pack limit: the checksum manifest is an entry too.
            return Err(Refusal::new(
                origin,
                Msg::ArchiveTooManyFiles,
                &[&MAX_FILES],
            ));
        }
        let raw = entry.path_bytes().into_owned();
        // Shown in messages: control characters escaped, so a name cannot drive the terminal.
        let name: String = String::from_utf8_lossy(&raw)
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        let kind = entry.header().entry_type();
        if kind.is_symlink() || kind.is_hard_link() {
            return Err(Refusal::new(origin, Msg::ArchiveLink, &[&name]));
        }
        // The effective size (a pax header can override the one in the tar header).
        let size = entry.size();
        if kind.is_dir() {
            if size != 0 || !safe_relative(name.trim_end_matches('/')) {
                return Err(Refusal::new(origin, Msg::ArchiveUnsafePath, &[&name]));
            }
            continue;
        }
        if !(kind.is_file() || kind == EntryType::Continuous) {
            return Err(Refusal::new(origin, Msg::ArchiveSpecial, &[&name]));
        }
        if std::str::from_utf8(&raw).is_err() || !safe_relative(&name) {
            return Err(Refusal::new(origin, Msg::ArchiveUnsafePath, &[&name]));
        }
        if name.len() > MAX_PATH_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchivePathTooLong,
                &[&name, &MAX_PATH_BYTES],
            ));
        }
        // The header's size is only a claim: refuse a big claim at once, and read at most one
        // byte past the limit so a lying header cannot make us read more.
        if size > MAX_FILE_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchiveFileTooLarge,
                &[&name, &MAX_FILE_BYTES],
            ));
        }
        let mut bytes = Vec::new();
        (&mut entry)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| corrupt(&e))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchiveFileTooLarge,
                &[&name, &MAX_FILE_BYTES],
            ));
        }
        total += bytes.len() as u64;
        if total > MAX_PACK_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchivePackTooLarge,
                &[&MAX_PACK_BYTES],
            ));
        }
        if files.insert(name.clone(), Cow::Owned(bytes)).is_some() {
            return Err(Refusal::new(origin, Msg::ArchiveDuplicate, &[&name]));
        }
    }
    Ok(files)
}

/// Every file listed with its checksum, every listed file present, nothing unlisted.
fn verify(origin: &str, manifest: &[u8], files: &Files) -> Result<(), Refusal> {
    let at = |line: usize| format!("{origin}:{CHECKSUMS}:{line}");
    let text = std::str::from_utf8(manifest)
        .map_err(|_| Refusal::new(at(1), Msg::ArchiveChecksumLine, &[]))?;
    let mut listed = std::collections::BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let Some((sum, path)) = line.split_once("  ") else {
            return Err(Refusal::new(at(i + 1), Msg::ArchiveChecksumLine, &[]));
        };
        let Some(bytes) = files.get(path) else {
            return Err(Refusal::new(at(i + 1), Msg::ArchiveMissingFile, &[&path]));
        };
        if sha256_hex(bytes) != sum {
            return Err(Refusal::new(
                at(i + 1),
                Msg::ArchiveChecksumMismatch,
                &[&path],
            ));
        }
        listed.insert(path);
    }
    match files.keys().find(|p| !listed.contains(p.as_str())) {
        Some(p) => Err(Refusal::new(origin, Msg::ArchiveUnlisted, &[p, &CHECKSUMS])),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> Files {
        entries
            .iter()
            .map(|(p, b)| (p.to_string(), Cow::Owned(b.as_bytes().to_vec())))
            .collect()
    }

    #[test]
    fn build_then_read_round_trips_and_keeps_the_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let fs = files(&[("pack.toml", "id = 1"), ("exercises/a.toml", "x")]);
        let path = dir.path().join("p.tar.gz");
        std::fs::write(&path, build(&fs).unwrap()).unwrap();
        let back = read(&path).unwrap();
        assert_eq!(back, fs);
        assert_eq!(pack_checksum(&back), pack_checksum(&fs));
        // Same files, same archive: builds are reproducible.
        assert_eq!(build(&fs).unwrap(), build(&back).unwrap());
    }

    #[test]
    fn manifest_lines_are_sha256sum_format() {
        let m = checksum_manifest(&files(&[("a", "")]));
        assert_eq!(
            m,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n"
        );
    }
}
