//! The seam between graded drills and the progress store.
//!
//! `update` returns `Effect::RecordAttempt`; the event loop hands it to an [`Attempts`] and
//! gives what was recorded back to `update` as `Action::Recorded`, so the update stays free of
//! I/O, the progress screen and the session see every attempt, and tests can run drills
//! without a data directory.

use time::Duration;

use crate::drill::grade::PASS_MARK;
use crate::i18n::Lang;
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress::{Attempt, Draft, DrillKey, Id, Progress, Skip};
use crate::practice::progress_file::ProgressFile;
use crate::practice::skills::Skill;

/// A drill just graded in the TUI, as `update` hands it to the loop: everything the progress
/// store needs, so the store does not have to know the packs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    /// The drill's pack: drill ids are unique only within a pack.
    pub pack: String,
    pub exercise: String,
    pub skills: Vec<Skill>,
    pub grade: u8,
    pub hints_used: usize,
    pub seconds: u64,
    /// Set when the drill was passed over in a session (skipped or buried), not answered.
    pub skip: Option<Skip>,
    /// The variant answered, when not the drill as written.
    pub variant: Option<u64>,
}

/// Somewhere to keep finished attempts.
pub trait Attempts {
    /// Keeps one graded attempt and returns it with the whole progress as it now stands
    /// (`None` for a drill or pack whose id the progress file cannot hold); an error is shown
    /// to the learner as a notice.
    fn record(&mut self, graded: &Graded) -> Result<Option<Recorded>, String>;
}

/// One attempt just kept, and the progress including it.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub attempt: Attempt,
    pub progress: Progress,
}

/// One attempt on its way to the progress file: answered and graded, or passed over.
#[derive(Clone, Debug)]
enum Entry {
    Graded(Draft),
    Skipped {
        key: DrillKey,
        skills: Vec<crate::practice::skills::Skill>,
        started: time::OffsetDateTime,
        skip: Skip,
    },
}

impl Entry {
    fn record(self, progress: &mut Progress, clock: &dyn Clock) -> Attempt {
        match self {
            Entry::Graded(draft) => progress.record(draft, clock),
            Entry::Skipped {
                key,
                skills,
                started,
                skip,
            } => progress.record_skip(key, skills, started, skip, clock),
        }
    }
}

impl Graded {
    /// `None` when the drill or pack id cannot be kept (the file would reject it).
    fn entry(&self, clock: &dyn Clock) -> Option<Entry> {
        let seconds = i64::try_from(self.seconds).unwrap_or(i64::MAX);
        let started = clock.now() - Duration::seconds(seconds);
        let drill = Id::new(self.exercise.as_str())?;
        let pack = Id::new(self.pack.as_str())?;
        if let Some(skip) = &self.skip {
            return Some(Entry::Skipped {
                key: DrillKey { pack, drill },
                skills: self.skills.clone(),
                started,
                skip: skip.clone(),
            });
        }
        Some(Entry::Graded(Draft {
            drill,
            pack,
            skills: self.skills.clone(),
            started,
            score: self.grade,
            passed: self.grade >= PASS_MARK,
            hints: (1..=self.hints_used.min(u8::MAX.into()) as u8).collect(),
            answer: String::new(),
            variant: self.variant,
        }))
    }
}

/// Keeps attempts in memory only: for a session without a data directory. The progress screen
/// and timed sessions still work; nothing outlives the process.
pub struct InMemory {
    progress: Progress,
    clock: Box<dyn Clock>,
}

impl InMemory {
    pub fn new() -> InMemory {
        InMemory::with_clock(Box::new(SystemClock))
    }

    /// With a clock of the caller's (tests use a fixed one).
    pub fn with_clock(clock: Box<dyn Clock>) -> InMemory {
        InMemory {
            progress: Progress::default(),
            clock,
        }
    }
}

impl InMemory {
    /// Starting from `progress` (what an earlier session left), as the progress file would.
    pub fn starting_from(mut self, progress: Progress) -> InMemory {
        self.progress = progress;
        self
    }
}

impl Default for InMemory {
    fn default() -> Self {
        InMemory::new()
    }
}

impl Attempts for InMemory {
    fn record(&mut self, graded: &Graded) -> Result<Option<Recorded>, String> {
        let clock = self.clock.as_ref();
        let Some(entry) = graded.entry(clock) else {
            return Ok(None);
        };
        let attempt = entry.record(&mut self.progress, clock);
        Ok(Some(Recorded {
            attempt,
            progress: self.progress.clone(),
        }))
    }
}

/// Writes attempts to the progress file. An attempt that cannot be written (a full disk, a
/// read-only directory, a lock held too long) stays in memory and goes with the next save, so
/// nothing practised in this session is lost while meshlab runs.
pub struct Kept {
    file: ProgressFile,
    lang: Lang,
    pending: Vec<Entry>,
}

impl Kept {
    pub fn new(file: ProgressFile, lang: Lang) -> Kept {
        Kept {
            file,
            lang,
            pending: Vec::new(),
        }
    }
}

impl Attempts for Kept {
    fn record(&mut self, graded: &Graded) -> Result<Option<Recorded>, String> {
        let clock = SystemClock;
        let Some(entry) = graded.entry(&clock) else {
            return Ok(None);
        };
        let pending = std::mem::take(&mut self.pending);
        let kept = pending.clone();
        let new = entry.clone();
        match self.file.update(|p| {
            for older in pending {
                older.record(p, &clock);
            }
            let attempt = new.record(p, &clock);
            (attempt, p.clone())
        }) {
            Ok(((attempt, progress), _)) => Ok(Some(Recorded { attempt, progress })),
            Err(e) => {
                self.pending = kept;
                self.pending.push(entry);
                Err(e.session_text(self.lang))
            }
        }
    }
}
