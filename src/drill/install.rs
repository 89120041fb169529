//! Installed packs: `packs/ID/` in the data directory, one folder per pack.
//!
//! Installing is atomic: the files are written into a temporary folder beside the target,
//! loaded back and self-tested from there, and only then renamed into place, so a failed
//! install leaves nothing behind and a reinstall never leaves a half-old, half-new pack.

use std::fs;
use std::path::{Path, PathBuf};

use super::archive;
use super::pack::{MANIFEST, Pack, valid_id};
use super::refusal::Refusal;
use super::validate;
use crate::i18n::{Lang, Msg};
use crate::limits::{MAX_FILES, MAX_PACK_BYTES};
use crate::tree::{self, Files};

/// The folder of installed packs inside the data directory.
pub fn packs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("packs")
}

/// Why a pack could not be loaded or installed.
#[derive(Debug)]
pub enum PackError {
    Refused(Refusal),
    /// Schema and structure errors, each with its file:line:column.
    Invalid(Vec<Refusal>),
    /// Known answers that do not grade as declared.
    SelfTest(Vec<validate::Problem>),
}

impl PackError {
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            PackError::Refused(r) => vec![r.text(lang)],
            PackError::Invalid(errors) => errors.iter().map(|e| e.text(lang)).collect(),
            PackError::SelfTest(problems) => problems.iter().map(|p| p.text(lang)).collect(),
        }
    }
}

impl From<Refusal> for PackError {
    fn from(r: Refusal) -> PackError {
        PackError::Refused(r)
    }
}

/// The files of a pack folder or a pack archive, checked against the limits.
pub fn read_source(source: &Path) -> Result<Files, Refusal> {
    if source.is_dir() {
        // Sizes first, from metadata, so a huge folder is refused before it is read.
        let origin = source.display().to_string();
        let (mut count, mut total) = (0usize, 0u64);
        measure(source, &mut count, &mut total).map_err(|e| Refusal::io(source, &e))?;
        if count > MAX_FILES {
            return Err(Refusal::new(
                origin,
                Msg::ArchiveTooManyFiles,
                &[&MAX_FILES],
            ));
        }
        if total > MAX_PACK_BYTES {
            return Err(Refusal::new(
                origin,
                Msg::ArchivePackTooLarge,
                &[&MAX_PACK_BYTES],
            ));
        }
        let files = tree::from_disk(source, |_| true)
            .map_err(|e| Refusal::new(e.file.clone(), Msg::IoFailed, &[&e.message]))?;
        archive::check_limits(&source.display().to_string(), &files)?;
        Ok(files)
    } else {
        archive::read(source)
    }
}

/// Counts the regular files under `dir` and their bytes (links are skipped, as when reading),
/// stopping early once past the limits.
fn measure(dir: &Path, count: &mut usize, total: &mut u64) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            measure(&entry.path(), count, total)?;
        } else if kind.is_file() {
            *count += 1;
            *total += entry.metadata()?.len();
        }
        if *count > MAX_FILES || *total > MAX_PACK_BYTES {
            return Ok(());
        }
    }
    Ok(())
}

/// A loadable pack from files: the schema, then the meshlab version it needs.
pub fn load_files(origin: &str, files: Files) -> Result<Pack, PackError> {
    let pack = Pack::from_files(files).map_err(PackError::Invalid)?;
    if let Some(wanted) = pack.needs_newer_meshlab() {
        let file = format!("{origin}/{MANIFEST}");
        return Err(Refusal::new(
            file,
            Msg::PackNeedsNewer,
            &[&wanted, &env!("CARGO_PKG_VERSION")],
        )
        .into());
    }
    Ok(pack)
}

/// Installs a pack folder or archive as `packs/ID/`, replacing an older install of the same id.
pub fn install(source: &Path, data_dir: &Path) -> Result<Pack, PackError> {
    let origin = source.display().to_string();
    let files = read_source(source)?;
    let pack = load_files(&origin, files)?;
    let problems = validate::self_test(&pack);
    if !problems.is_empty() {
        return Err(PackError::SelfTest(problems));
    }
    let root = packs_dir(data_dir);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e: std::io::Error| PackError::Refused(Refusal::io(&path, &e))
    };
    fs::create_dir_all(&root).map_err(io(&root))?;
    // Dropped (and so deleted) on every early return below.
    let staging = tempfile::Builder::new()
        .prefix(".install-")
        .tempdir_in(&root)
        .map_err(io(&root))?;
    for (path, bytes) in pack.all_files() {
        let target = staging.path().join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&target, bytes).map_err(io(&target))?;
    }
    // What is on disk is what gets used: load it back and check it is the same pack.
    let installed = Pack::from_dir(staging.path()).map_err(PackError::Invalid)?;
    if installed.checksum() != pack.checksum() {
        return Err(Refusal::new(origin, Msg::InstallChanged, &[]).into());
    }
    let target = root.join(&pack.manifest.id);
    let old = root.join(format!(".old-{}", pack.manifest.id));
    if target.exists() {
        let _ = fs::remove_dir_all(&old);
        fs::rename(&target, &old).map_err(io(&target))?;
    }
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, &target) {
        let _ = fs::remove_dir_all(&staged);
        if old.exists() {
            let _ = fs::rename(&old, &target);
        }
        return Err(PackError::Refused(Refusal::io(&target, &e)));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(installed)
}

/// An installed pack as `pack list` shows it.
pub struct Installed {
    pub id: String,
    pub path: PathBuf,
    pub pack: Result<Pack, PackError>,
}

/// Every installed pack, by id; one that no longer loads is listed with its error.
pub fn list(data_dir: &Path) -> Vec<Installed> {
    let Ok(entries) = fs::read_dir(packs_dir(data_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<Installed> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let id = e.file_name().to_str()?.to_string();
            // Staging and replaced folders start with a dot.
            valid_id(&id).then(|| {
                let path = e.path();
                let pack = Pack::from_dir(&path).map_err(PackError::Invalid);
                Installed { id, path, pack }
            })
        })
        .collect();
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found
}

/// The folder of installed pack `id`, if there is one.
pub fn installed_dir(data_dir: &Path, id: &str) -> Option<PathBuf> {
    let dir = packs_dir(data_dir).join(id);
    (valid_id(id) && dir.is_dir()).then_some(dir)
}

/// Removes installed pack `id`: renamed aside first, so it disappears in one step.
pub fn remove(data_dir: &Path, id: &str) -> Result<PathBuf, Refusal> {
    let dir = installed_dir(data_dir, id).ok_or_else(|| {
        Refusal::new(
            packs_dir(data_dir).display().to_string(),
            Msg::PackNotInstalled,
            &[&id],
        )
    })?;
    let aside = packs_dir(data_dir).join(format!(".old-{id}"));
    let _ = fs::remove_dir_all(&aside);
    fs::rename(&dir, &aside).map_err(|e| Refusal::io(&dir, &e))?;
    fs::remove_dir_all(&aside).map_err(|e| Refusal::io(&aside, &e))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/example-pack")
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn reinstall_replaces_in_one_step_and_leaves_no_staging() {
        let data = tempfile::tempdir().unwrap();
        let first = install(&example(), data.path()).unwrap();
        let stray = packs_dir(data.path()).join("example-pack/stray.txt");
        fs::write(&stray, "from an older version").unwrap();
        let second = install(&example(), data.path()).unwrap();
        assert_eq!(first.checksum(), second.checksum());
        assert!(!stray.exists(), "the old copy is replaced, not merged");
        assert_eq!(names(&packs_dir(data.path())), ["example-pack"]);
        let listed = list(data.path());
        assert_eq!(listed.len(), 1);
        assert!(listed[0].pack.is_ok());
        remove(data.path(), "example-pack").unwrap();
        assert!(names(&packs_dir(data.path())).is_empty());
        assert!(remove(data.path(), "example-pack").is_err());
        assert!(remove(data.path(), "../x").is_err());
    }
}
