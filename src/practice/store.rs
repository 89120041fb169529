//! Atomic, versioned files in the data directory.
//!
//! A save writes a temporary file in the same directory, fsyncs it and renames it over the old
//! one, so a kill at any moment leaves either the old or the new version, never a torn file. A file
//! that cannot be read is moved aside, never silently overwritten.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Writes `bytes` to `path` atomically (temp file + fsync + rename + directory fsync).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; not every platform can open a directory, which is fine.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// What loading a state file found.
#[derive(Debug)]
pub enum Loaded<T> {
    /// No file yet: a first run.
    Fresh(T),
    Read(T),
    /// The file was unreadable and has been moved to `kept_as`; `value` is a fresh default.
    KeptAside {
        value: T,
        kept_as: PathBuf,
        reason: String,
    },
}

impl<T> Loaded<T> {
    pub fn into_value(self) -> T {
        match self {
            Loaded::Fresh(v) | Loaded::Read(v) | Loaded::KeptAside { value: v, .. } => v,
        }
    }
}

/// A file format that carries its own version number.
pub trait Versioned: Serialize + DeserializeOwned + Default {
    const VERSION: u32;
    fn version(&self) -> u32;
}

/// Loads a TOML state file. A missing file is a fresh start; a corrupt or newer-version file is
/// renamed to `NAME.unreadable-N` so no data is lost, and a default value is returned.
pub fn load<T: Versioned>(path: &Path) -> io::Result<Loaded<T>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Fresh(T::default())),
        Err(e) => return Err(e),
    };
    let problem = match std::str::from_utf8(&bytes) {
        Err(_) => "not UTF-8".to_string(),
        Ok(text) => match toml::from_str::<T>(text) {
            Ok(v) if v.version() <= T::VERSION => return Ok(Loaded::Read(v)),
            Ok(v) => format!(
                "written by a newer meshlab (format {}, this one reads {})",
                v.version(),
                T::VERSION
            ),
            Err(e) => {
                let (line, col) = crate::diag::line_col(text, e.span().map_or(0, |s| s.start));
                format!("line {line}, column {col}: {}", e.message().trim())
            }
        },
    };
    let kept_as = free_aside_name(path);
    fs::rename(path, &kept_as)?;
    Ok(Loaded::KeptAside {
        value: T::default(),
        kept_as,
        reason: problem,
    })
}

/// Saves a state file atomically.
pub fn save<T: Versioned>(path: &Path, value: &T) -> io::Result<()> {
    let text = toml::to_string_pretty(value).map_err(io::Error::other)?;
    write_atomic(path, text.as_bytes())
}

fn free_aside_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
    (1..)
        .map(|n| path.with_file_name(format!("{name}.unreadable-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{name}.unreadable")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct S {
        version: u32,
        n: u32,
    }
    impl Versioned for S {
        const VERSION: u32 = 1;
        fn version(&self) -> u32 {
            self.version
        }
    }

    #[test]
    fn round_trips_and_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        assert!(matches!(load::<S>(&p).unwrap(), Loaded::Fresh(_)));
        save(&p, &S { version: 1, n: 7 }).unwrap();
        match load::<S>(&p).unwrap() {
            Loaded::Read(s) => assert_eq!(s.n, 7),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn corrupt_and_future_files_are_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        fs::write(&p, "version = 1\nn = \"x").unwrap();
        let Loaded::KeptAside {
            kept_as, reason, ..
        } = load::<S>(&p).unwrap()
        else {
            panic!("expected kept aside")
        };
        assert!(reason.contains("line 2"), "{reason}");
        assert_eq!(
            fs::read_to_string(&kept_as).unwrap(),
            "version = 1\nn = \"x"
        );
        assert!(!p.exists());

        fs::write(&p, "version = 9\nn = 1\n").unwrap();
        let Loaded::KeptAside {
            kept_as: second,
            reason,
            ..
        } = load::<S>(&p).unwrap()
        else {
            panic!("expected kept aside")
        };
        assert!(reason.contains("newer"));
        assert_ne!(second, kept_as, "never overwrites an earlier kept file");
    }
}
