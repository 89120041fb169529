//! `progress.toml` on disk, shared safely by every meshlab process of the learner.
//!
//! Two safeguards, both always on:
//! - **Lock**: every load and save holds an exclusive advisory lock (`flock`, std's
//!   `File::lock`) on `progress.toml.lock` beside the file. A separate lock file is needed
//!   because the atomic rename replaces the data file's inode on every save.
//! - **Merge**: a save re-reads the file under the lock, merges it into the caller's copy by
//!   attempt id (see `progress`), and writes the union atomically. Two windows practising at
//!   once therefore lose no attempt, whichever saves last.
//!
//! A file that cannot be read (corrupt, from a newer meshlab) is renamed aside and reported,
//! never overwritten. A save that fails (read-only directory, full disk) leaves the caller's
//! copy untouched, so the attempts stay in memory and go out with the next successful save.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::progress::{Merged, Progress};
use super::store::{self, Loaded, Problem};
use crate::i18n::{Lang, Msg};

pub use crate::limits::MAX_PROGRESS_BYTES;
/// Longest wait for another meshlab's save before giving up with an error.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

#[derive(Clone, Debug)]
pub struct ProgressFile {
    path: PathBuf,
    lock_wait: Duration,
}

/// A progress file that could not be read and was renamed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptAside {
    pub path: PathBuf,
    pub kept_as: PathBuf,
    pub problem: Problem,
}

impl KeptAside {
    pub fn text(&self, lang: Lang) -> String {
        Msg::ProgressKeptAside.fill(
            lang,
            &[
                &self.path.display().to_string(),
                &self.problem.text(lang),
                &self.kept_as.display().to_string(),
            ],
        )
    }
}

/// Loading or saving failed; nothing on disk or in memory was lost.
#[derive(Debug)]
pub struct ProgressError {
    pub op: Op,
    pub path: PathBuf,
    pub cause: Cause,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Load,
    Save,
}

#[derive(Debug)]
pub enum Cause {
    /// The system's own words (no space left, read-only file system, permission denied …).
    Io(io::Error),
    /// Another meshlab held the lock for longer than the wait allows.
    Locked { waited: Duration },
    /// The file is above [`MAX_PROGRESS_BYTES`].
    TooLarge,
}

impl From<io::Error> for Cause {
    fn from(e: io::Error) -> Cause {
        Cause::Io(e)
    }
}

impl ProgressError {
    pub fn text(&self, lang: Lang) -> String {
        let msg = match self.op {
            Op::Load => Msg::ProgressReadFailed,
            Op::Save => Msg::ProgressSaveFailed,
        };
        let cause = match &self.cause {
            Cause::Io(e) => e.to_string(),
            Cause::Locked { waited } => Msg::ProgressLocked.fill(
                lang,
                &[
                    &lock_path(&self.path).display().to_string(),
                    &waited.as_secs_f32().to_string(),
                ],
            ),
            Cause::TooLarge => {
                Msg::ProgressTooLarge.fill(lang, &[&(MAX_PROGRESS_BYTES >> 20).to_string()])
            }
        };
        msg.fill(lang, &[&self.path.display().to_string(), &cause])
    }

    /// For a running session (the TUI): the failure and the reassurance that nothing is lost.
    pub fn session_text(&self, lang: Lang) -> String {
        format!(
            "{} {}",
            self.text(lang),
            Msg::ProgressKeptInMemory.text(lang)
        )
    }
}

/// What a load or save found besides the progress itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub kept_aside: Option<KeptAside>,
    /// Temporary files of killed writers that were removed.
    pub swept: usize,
    /// What merging the file on disk into the caller's copy did.
    pub merged: Merged,
}

impl ProgressFile {
    pub fn in_dir(dir: &Path) -> ProgressFile {
        ProgressFile {
            path: dir.join(Progress::FILE),
            lock_wait: LOCK_WAIT,
        }
    }

    /// How long to wait for another meshlab's lock (default [`LOCK_WAIT`]).
    pub fn with_lock_wait(self, lock_wait: Duration) -> ProgressFile {
        ProgressFile { lock_wait, ..self }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the progress. A missing file is an empty record.
    ///
    /// Reading is safe without the lock (saves are atomic renames), so a read-only data
    /// directory can still be shown; the lock is taken when possible because keeping a bad
    /// file aside renames it.
    pub fn load(&self) -> Result<(Progress, Report), ProgressError> {
        let lock = self.lock().ok();
        self.read(lock.is_some())
            .map_err(|cause| self.error(Op::Load, cause))
    }

    /// Merges the file on disk into `progress` and writes the union. On error `progress` is
    /// unchanged.
    pub fn save(&self, progress: &mut Progress) -> Result<Report, ProgressError> {
        let (merged, report) = self.update(|on_disk| {
            let mut merged = progress.clone();
            let stats = merged.merge(on_disk.clone());
            *on_disk = merged.clone();
            (merged, stats)
        })?;
        *progress = merged.0;
        Ok(Report {
            merged: merged.1,
            ..report
        })
    }

    /// Runs `change` on the file's current content under the lock and writes the result if it
    /// changed anything.
    pub fn update<R>(
        &self,
        change: impl FnOnce(&mut Progress) -> R,
    ) -> Result<(R, Report), ProgressError> {
        let err = |cause| self.error(Op::Save, cause);
        let _lock = self.lock().map_err(err)?;
        let (mut progress, report) = self.read(true).map_err(err)?;
        let before = progress.clone();
        let result = change(&mut progress);
        if progress != before {
            store::save(&self.path, &progress).map_err(|e| err(e.into()))?;
        }
        Ok((result, report))
    }

    fn read(&self, locked: bool) -> Result<(Progress, Report), Cause> {
        let mut report = Report::default();
        if locked {
            report.swept = store::sweep_temp_files(&self.path);
        }
        if fs::metadata(&self.path).is_ok_and(|m| m.len() > MAX_PROGRESS_BYTES) {
            return Err(Cause::TooLarge);
        }
        let progress = match store::load::<Progress>(&self.path)? {
            Loaded::Fresh(p) | Loaded::Read(p) => p.normalized(),
            Loaded::KeptAside {
                value,
                kept_as,
                problem,
            } => {
                report.kept_aside = Some(KeptAside {
                    path: self.path.clone(),
                    kept_as,
                    problem,
                });
                value
            }
        };
        Ok((progress, report))
    }

    fn error(&self, op: Op, cause: Cause) -> ProgressError {
        ProgressError {
            op,
            path: self.path.clone(),
            cause,
        }
    }

    /// Takes the exclusive lock, waiting up to `lock_wait` for another meshlab that holds it
    /// (a save takes milliseconds; a holder stopped with Ctrl-Z must not freeze this one).
    /// Released on drop, and by the kernel if the holder dies.
    fn lock(&self) -> Result<File, Cause> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path(&self.path))?;
        let deadline = Instant::now() + self.lock_wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::Error(e)) => return Err(e.into()),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Cause::Locked {
                        waited: self.lock_wait,
                    });
                }
            }
        }
    }
}

/// `progress.toml.lock`: a separate file, because each save replaces the data file's inode.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::FixedClock;
    use crate::practice::progress::tests::{draft, t0};
    use crate::practice::store::What;

    #[test]
    fn save_merges_what_another_window_saved() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        let clock = FixedClock::new(t0());
        let (mut one, r) = file.load().unwrap();
        assert_eq!(r, Report::default());
        let (mut two, _) = file.load().unwrap();
        one.record(draft("a", t0(), 90, &[]), &clock);
        two.record(draft("b", t0(), 90, &[]), &clock);
        file.save(&mut one).unwrap();
        let r = file.save(&mut two).unwrap();
        assert_eq!(r.merged.added, 1);
        assert_eq!(two.attempts().len(), 2, "the second window sees both");
        assert_eq!(file.load().unwrap().0, two);
    }

    #[test]
    fn corrupt_file_is_kept_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        fs::write(file.path(), "version = 1\n[[attempt]]\nid = 3\n").unwrap();
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("a", t0(), 90, &[]), &clock);
        let r = file.save(&mut p).unwrap();
        let kept = r.kept_aside.expect("kept aside");
        assert_eq!(
            fs::read_to_string(&kept.kept_as).unwrap(),
            "version = 1\n[[attempt]]\nid = 3\n"
        );
        assert!(
            kept.text(Lang::En).contains("line 3"),
            "{}",
            kept.text(Lang::En)
        );
        assert!(kept.text(Lang::Id).contains("baris 3"));
        assert_eq!(file.load().unwrap().0.attempts().len(), 1);
    }

    #[test]
    fn future_version_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        fs::write(file.path(), "version = 7\n").unwrap();
        let (_, r) = file.load().unwrap();
        let kept = r.kept_aside.unwrap();
        assert!(matches!(kept.problem.what, What::Newer { found: 7, .. }));
        assert_eq!(fs::read_to_string(kept.kept_as).unwrap(), "version = 7\n");
    }

    #[test]
    fn unwritable_dir_fails_clearly_and_keeps_memory() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the directory should be: fails for root too, unlike permissions.
        let blocked = dir.path().join("data");
        fs::write(&blocked, "").unwrap();
        let file = ProgressFile::in_dir(&blocked);
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("a", t0(), 90, &[]), &clock);
        let before = p.clone();
        let e = file.save(&mut p).unwrap_err();
        assert_eq!(e.op, Op::Save);
        assert_eq!(p, before, "the attempt stays in memory");
        assert!(e.text(Lang::En).starts_with("Progress not saved to"));
        assert!(e.session_text(Lang::En).contains("stays in memory"));
        assert!(e.session_text(Lang::Id).contains("tetap di memori"));
    }

    #[cfg(unix)]
    #[test]
    fn read_only_dir_fails_clearly_and_keeps_memory() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        fs::create_dir(&ro).unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
        if fs::write(ro.join("probe"), "").is_ok() {
            return; // Running as root: permissions are not enforced, nothing to test here.
        }
        let file = ProgressFile::in_dir(&ro);
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("a", t0(), 90, &[]), &clock);
        let before = p.clone();
        let e = file.save(&mut p).unwrap_err();
        assert_eq!(p, before);
        assert!(e.session_text(Lang::En).contains("stays in memory"));
        // Still readable.
        assert!(file.load().unwrap().0.attempts().is_empty());
    }

    #[test]
    fn a_stuck_lock_holder_gives_an_error_not_a_freeze() {
        let dir = tempfile::tempdir().unwrap();
        let wait = Duration::from_millis(200);
        let file = ProgressFile::in_dir(dir.path()).with_lock_wait(wait);
        let held = file.lock().unwrap();
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("a", t0(), 90, &[]), &clock);
        let started = Instant::now();
        let e = file.save(&mut p).unwrap_err();
        assert!(started.elapsed() >= wait);
        assert!(matches!(e.cause, Cause::Locked { .. }), "{e:?}");
        assert!(
            e.text(Lang::En)
                .contains("another meshlab has held the lock")
        );
        drop(held);
        file.save(&mut p).unwrap();
        assert_eq!(file.load().unwrap().0.attempts().len(), 1);
    }
}
