//! The seam between graded drills and the progress store.
//!
//! `update` returns `Effect::RecordAttempt`; the event loop hands it to an [`Attempts`] and
//! gives what was recorded back to `update` as `Action::Recorded`, so the update stays free of
//! I/O, the progress screen and the session see every attempt, and tests can run drills
//! without a data directory.

use std::collections::BTreeMap;

use time::Duration;

use crate::drill::grade::PASS_MARK;
use crate::drill::pack::Pack;
use crate::i18n::Lang;
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress::{Attempt, Draft, Id, Progress};
use crate::practice::progress_file::ProgressFile;
use crate::practice::skills::Skill;

/// Somewhere to keep finished attempts.
pub trait Attempts {
    /// Keeps one graded attempt and returns it with the whole progress as it now stands
    /// (`None` for a drill whose id the progress file cannot hold); an error is shown to the
    /// learner as a notice.
    fn record(
        &mut self,
        exercise: &str,
        grade: u8,
        hints_used: usize,
        seconds: u64,
    ) -> Result<Option<Recorded>, String>;
}

/// One attempt just kept, and the progress including it.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub attempt: Attempt,
    pub progress: Progress,
}

/// How a graded drill becomes a [`Draft`]: the pack's id and each drill's skills.
struct Drafts {
    pack: Option<Id>,
    skills: BTreeMap<String, Vec<Skill>>,
}

impl Drafts {
    fn new(pack: &Pack) -> Drafts {
        Drafts {
            pack: Id::new(pack.manifest.id.clone()),
            skills: pack
                .exercises
                .iter()
                .map(|e| (e.id.clone(), e.skills.clone()))
                .collect(),
        }
    }

    /// `None` when the drill or pack id cannot be kept (the file would reject it).
    fn draft(
        &self,
        exercise: &str,
        grade: u8,
        hints_used: usize,
        seconds: u64,
        clock: &dyn Clock,
    ) -> Option<Draft> {
        let seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
        Some(Draft {
            drill: Id::new(exercise)?,
            pack: self.pack.clone()?,
            skills: self.skills.get(exercise).cloned().unwrap_or_default(),
            started: clock.now() - Duration::seconds(seconds),
            score: grade,
            passed: grade >= PASS_MARK,
            hints: (1..=hints_used.min(u8::MAX.into()) as u8).collect(),
            answer: String::new(),
        })
    }
}

/// Keeps attempts in memory only: for a session without a data directory. The progress screen
/// and timed sessions still work; nothing outlives the process.
pub struct InMemory {
    drafts: Drafts,
    progress: Progress,
    clock: Box<dyn Clock>,
}

impl InMemory {
    pub fn new(pack: &Pack) -> InMemory {
        InMemory::with_clock(pack, Box::new(SystemClock))
    }

    /// With a clock of the caller's (tests use a fixed one).
    pub fn with_clock(pack: &Pack, clock: Box<dyn Clock>) -> InMemory {
        InMemory {
            drafts: Drafts::new(pack),
            progress: Progress::default(),
            clock,
        }
    }
}

impl Attempts for InMemory {
    fn record(
        &mut self,
        exercise: &str,
        grade: u8,
        hints_used: usize,
        seconds: u64,
    ) -> Result<Option<Recorded>, String> {
        let clock = self.clock.as_ref();
        let Some(draft) = self
            .drafts
            .draft(exercise, grade, hints_used, seconds, clock)
        else {
            return Ok(None);
        };
        let attempt = self.progress.record(draft, clock);
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
    drafts: Drafts,
    lang: Lang,
    pending: Vec<Draft>,
}

impl Kept {
    pub fn new(file: ProgressFile, pack: &Pack, lang: Lang) -> Kept {
        Kept {
            file,
            drafts: Drafts::new(pack),
            lang,
            pending: Vec::new(),
        }
    }
}

impl Attempts for Kept {
    fn record(
        &mut self,
        exercise: &str,
        grade: u8,
        hints_used: usize,
        seconds: u64,
    ) -> Result<Option<Recorded>, String> {
        let clock = SystemClock;
        let Some(draft) = self
            .drafts
            .draft(exercise, grade, hints_used, seconds, &clock)
        else {
            return Ok(None);
        };
        let pending = std::mem::take(&mut self.pending);
        let kept = pending.clone();
        let new = draft.clone();
        match self.file.update(|p| {
            for older in pending {
                p.record(older, &clock);
            }
            let attempt = p.record(new, &clock);
            (attempt, p.clone())
        }) {
            Ok(((attempt, progress), _)) => Ok(Some(Recorded { attempt, progress })),
            Err(e) => {
                self.pending = kept;
                self.pending.push(draft);
                Err(e.session_text(self.lang))
            }
        }
    }
}
