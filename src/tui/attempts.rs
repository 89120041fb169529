//! The seam between graded drills and the progress store.
//!
//! `update` returns `Effect::RecordAttempt`; the event loop hands it to an [`Attempts`], so the
//! update stays free of I/O and tests can run drills without a data directory.

use std::collections::BTreeMap;

use time::Duration;

use crate::drill::grade::PASS_MARK;
use crate::drill::pack::Pack;
use crate::i18n::Lang;
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress::{Draft, Id};
use crate::practice::progress_file::ProgressFile;
use crate::practice::skills::Skill;

/// Somewhere to keep finished attempts.
pub trait Attempts {
    /// Keeps one graded attempt; an error is shown to the learner as a notice.
    fn record(
        &mut self,
        exercise: &str,
        grade: u8,
        hints_used: usize,
        seconds: u64,
    ) -> Result<(), String>;
}

/// Keeps nothing: for a session without a data directory.
pub struct NotKept;

impl Attempts for NotKept {
    fn record(&mut self, _: &str, _: u8, _: usize, _: u64) -> Result<(), String> {
        Ok(())
    }
}

/// Writes attempts to the progress file. An attempt that cannot be written (a full disk, a
/// read-only directory, a lock held too long) stays in memory and goes with the next save, so
/// nothing practised in this session is lost while meshlab runs.
pub struct Kept {
    file: ProgressFile,
    pack: Option<Id>,
    skills: BTreeMap<String, Vec<Skill>>,
    lang: Lang,
    pending: Vec<Draft>,
}

impl Kept {
    pub fn new(file: ProgressFile, pack: &Pack, lang: Lang) -> Kept {
        Kept {
            file,
            pack: Id::new(pack.manifest.id.clone()),
            skills: pack
                .exercises
                .iter()
                .map(|e| (e.id.clone(), e.skills.clone()))
                .collect(),
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
    ) -> Result<(), String> {
        let (Some(drill), Some(pack)) = (Id::new(exercise), self.pack.clone()) else {
            return Ok(());
        };
        let clock = SystemClock;
        let seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
        self.pending.push(Draft {
            drill,
            pack,
            skills: self.skills.get(exercise).cloned().unwrap_or_default(),
            started: clock.now() - Duration::seconds(seconds),
            score: grade,
            passed: grade >= PASS_MARK,
            hints: (1..=hints_used.min(u8::MAX.into()) as u8).collect(),
            answer: String::new(),
        });
        let pending = std::mem::take(&mut self.pending);
        let kept = pending.clone();
        match self.file.update(|p| {
            for draft in pending {
                p.record(draft, &clock);
            }
        }) {
            Ok(_) => Ok(()),
            Err(e) => {
                self.pending = kept;
                Err(e.session_text(self.lang))
            }
        }
    }
}
