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

use crate::diag::SourceError;
use crate::i18n::{Lang, Msg};

/// Writes `bytes` to `path` atomically (temp file + fsync + rename + directory fsync).
///
/// The temporary file is named `.NAME.XXXXXX.tmp` so that a writer killed mid-save leaves
/// debris that [`sweep_temp_files`] can recognise and remove.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; not every platform can open a directory, which is fine.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

const TEMP_SUFFIX: &str = ".tmp";

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
}

/// Removes temporary files that killed writers of `path` left behind; returns how many.
///
/// Only call this while holding the lock every writer of `path` takes: otherwise it could remove
/// another writer's file in flight (that writer's save would then fail, not corrupt anything).
pub fn sweep_temp_files(path: &Path) -> usize {
    let dir = path.parent().unwrap_or(Path::new("."));
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Why a state file could not be used, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub what: What,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// Not UTF-8, not TOML, or not this format's shape, in the parser's own words.
    Syntax(String),
    /// Well-formed, but a value breaks one of the format's rules.
    Rule(Rejection),
    /// Written by a newer meshlab whose format this one does not know.
    Newer { found: u32, supported: u32 },
}

/// A rule a value breaks, said in the learner's language when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Byte offset in the file of the value (or its key).
    pub offset: usize,
    pub msg: Msg,
    pub args: Vec<String>,
}

impl Problem {
    fn at(file: &str, text: &str, offset: usize, what: What) -> Problem {
        let (line, column) = crate::diag::line_col(text, offset);
        Problem {
            file: file.to_string(),
            line,
            column,
            what,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match &self.what {
            What::Syntax(m) => m.clone(),
            What::Rule(r) => {
                let args: Vec<&str> = r.args.iter().map(String::as_str).collect();
                r.msg.fill(lang, &args)
            }
            What::Newer { found, supported } => {
                Msg::StateNewer.fill(lang, &[&found.to_string(), &supported.to_string()])
            }
        }
    }

    /// `line L, column C: message`, for a notice that already names the file.
    pub fn text(&self, lang: Lang) -> String {
        Msg::StateInvalidAt.fill(
            lang,
            &[
                &self.line.to_string(),
                &self.column.to_string(),
                &self.message(lang),
            ],
        )
    }

    /// `file:line:column: message`, the form editors jump to.
    pub fn located(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            self.message(lang)
        )
    }
}

/// Parses a state file's bytes; `file` names it in error locations.
pub fn parse<T: Versioned>(file: &str, bytes: &[u8]) -> Result<T, Problem> {
    let text = SourceError::decode(file, bytes).map_err(|e| Problem {
        file: e.file,
        line: e.line,
        column: e.column,
        what: What::Syntax(e.message),
    })?;
    let value = toml::from_str::<T>(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Problem::at(
            file,
            text,
            offset,
            What::Syntax(e.message().trim().to_string()),
        )
    })?;
    if value.version() > T::VERSION {
        let at = text.find("version").unwrap_or(0);
        let what = What::Newer {
            found: value.version(),
            supported: T::VERSION,
        };
        return Err(Problem::at(file, text, at, what));
    }
    value
        .check(text)
        .map_err(|r| Problem::at(file, text, r.offset, What::Rule(r)))?;
    Ok(value)
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
        problem: Problem,
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

    /// The rules serde cannot express, checked on the parsed value; `text` is the source, to
    /// locate the value that breaks a rule.
    fn check(&self, _text: &str) -> Result<(), Rejection> {
        Ok(())
    }
}

/// Loads a TOML state file. A missing file is a fresh start; a corrupt or newer-version file is
/// renamed to `NAME.unreadable-N` so no data is lost, and a default value is returned.
pub fn load<T: Versioned>(path: &Path) -> io::Result<Loaded<T>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Fresh(T::default())),
        Err(e) => return Err(e),
    };
    match parse::<T>(&path.display().to_string(), &bytes) {
        Ok(v) => Ok(Loaded::Read(v)),
        Err(problem) => {
            let kept_as = free_aside_name(path);
            fs::rename(path, &kept_as)?;
            Ok(Loaded::KeptAside {
                value: T::default(),
                kept_as,
                problem,
            })
        }
    }
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
            kept_as, problem, ..
        } = load::<S>(&p).unwrap()
        else {
            panic!("expected kept aside")
        };
        assert!(matches!(problem.what, What::Syntax(_)), "{problem:?}");
        assert_eq!(problem.line, 2, "{problem:?}");
        assert_eq!(
            fs::read_to_string(&kept_as).unwrap(),
            "version = 1\nn = \"x"
        );
        assert!(!p.exists());

        fs::write(&p, "version = 9\nn = 1\n").unwrap();
        let Loaded::KeptAside {
            kept_as: second,
            problem,
            ..
        } = load::<S>(&p).unwrap()
        else {
            panic!("expected kept aside")
        };
        assert_eq!(
            problem.what,
            What::Newer {
                found: 9,
                supported: 1
            }
        );
        assert_eq!((problem.line, problem.column), (1, 1));
        assert!(problem.text(Lang::En).contains('9'));
        assert!(
            problem
                .located(Lang::Id)
                .contains("s.toml:1:1: ditulis oleh meshlab")
        );
        assert_ne!(second, kept_as, "never overwrites an earlier kept file");
    }

    #[test]
    fn sweep_removes_only_this_files_debris() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        save(&p, &S { version: 1, n: 1 }).unwrap();
        fs::write(dir.path().join(".s.toml.abc123.tmp"), "half").unwrap();
        fs::write(dir.path().join(".other.toml.abc123.tmp"), "x").unwrap();
        assert_eq!(sweep_temp_files(&p), 1);
        assert!(dir.path().join(".other.toml.abc123.tmp").exists());
        assert!(p.exists());
    }
}
