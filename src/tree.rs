//! A tree of content files, embedded in the binary or read from disk, as one map from relative
//! path (always with `/`) to bytes, so lessons and packs load the same way from either place.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use include_dir::Dir;

use crate::diag::SourceError;

pub type Files = BTreeMap<String, Cow<'static, [u8]>>;

/// Every file under an embedded directory, with paths relative to `root`.
pub fn embedded(root: &'static Dir<'static>) -> Files {
    let mut files = Files::new();
    collect_embedded(root, root.path(), &mut files);
    files
}

fn collect_embedded(dir: &'static Dir<'static>, root: &Path, files: &mut Files) {
    for file in dir.files() {
        let rel = file.path().strip_prefix(root).unwrap_or(file.path());
        files.insert(slash_path(rel), Cow::Borrowed(file.contents()));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, root, files);
    }
}

/// Every regular file under `root` whose name `keep` accepts. Links and special files are
/// skipped: content is data, and a link could point anywhere.
pub fn from_disk(root: &Path, keep: impl Fn(&str) -> bool) -> Result<Files, SourceError> {
    let mut files = Files::new();
    collect_disk(root, root, &keep, &mut files)?;
    Ok(files)
}

fn collect_disk(
    root: &Path,
    dir: &Path,
    keep: &impl Fn(&str) -> bool,
    files: &mut Files,
) -> Result<(), SourceError> {
    let mut entries = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| io_error(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_error(&path, e))?;
        let rel = slash_path(path.strip_prefix(root).unwrap_or(&path));
        if kind.is_dir() {
            collect_disk(root, &path, keep, files)?;
        } else if kind.is_file() && keep(&rel) {
            let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
            files.insert(rel, Cow::Owned(bytes));
        }
    }
    Ok(())
}

fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

pub fn io_error(path: &Path, err: std::io::Error) -> SourceError {
    SourceError::whole_file(&path.display().to_string(), err.to_string())
}
