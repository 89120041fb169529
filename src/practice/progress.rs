//! The practice record: every graded attempt, plus the review schedule derived from them.
//!
//! Attempts are the only truth. The review schedule, the skill map, the meter and the streak are
//! all computed from them, so merging two copies of the file (two meshlab windows, an import) is
//! a union of attempts by their unique id and nothing can disagree afterwards. Removed attempts
//! leave their id in `forgotten`, so a second window that still holds them in memory cannot
//! bring them back on its next save.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::clock::Clock;
use super::schedule::Schedule;
use super::skills::Skill;
use super::store::{Rejection, Versioned};
use crate::i18n::Msg;

pub use crate::limits::{MAX_ANSWER_BYTES, MAX_HINT_RUNGS, MAX_ID_BYTES, MAX_TASK_SECONDS};

/// The progress file, `progress.toml` in the data directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// Oldest first (by finish time, then id).
    #[serde(default, rename = "attempt")]
    attempts: Vec<Attempt>,
    /// Ids of removed attempts; see the module docs.
    #[serde(default)]
    forgotten: BTreeSet<Id>,
    /// Written for people and tools that read the file; never read back, because it is
    /// recomputed from the attempts.
    #[serde(rename = "review", skip_deserializing)]
    schedule: Schedule,
}

/// A drill, pack or attempt id: 1 to [`MAX_ID_BYTES`] of `A-Z a-z 0-9 . _ - : /`. Read from
/// files as any string and then checked by [`Progress::check`](Versioned::check), so a bad id
/// is reported with its place in the learner's language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// `None` unless `s` is a valid id.
    pub fn new(s: impl Into<String>) -> Option<Id> {
        let id = Id(s.into());
        id.is_valid().then_some(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn is_valid(&self) -> bool {
        let ok_char = |c: char| c.is_ascii_alphanumeric() || "._-:/".contains(c);
        !self.0.is_empty() && self.0.len() <= MAX_ID_BYTES && self.0.chars().all(ok_char)
    }
}

// Sound for maps: `Id` orders and hashes exactly like its string.
impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One graded try at a drill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Unique across machines and windows; the key of every merge.
    pub id: Id,
    pub drill: Id,
    pub pack: Id,
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub finished: OffsetDateTime,
    /// 0..=100.
    pub score: u8,
    pub passed: bool,
    /// The hint rungs opened (1 = the first hint), in the order opened; the count is the length.
    #[serde(default)]
    pub hints: Vec<u8>,
    /// Time on task, capped at [`MAX_TASK_SECONDS`].
    pub seconds: u32,
    #[serde(default)]
    pub skills: Vec<Skill>,
    /// At most [`MAX_ANSWER_BYTES`].
    #[serde(default)]
    pub answer: String,
    /// Set when the drill was passed over rather than answered (a practice session's skip or
    /// bury): not graded, so it counts toward no score, skill, meter or streak; its review
    /// waits until `until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<Skip>,
    /// The variant of the drill that was answered (`drill::variant`); absent: as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<u64>,
}

/// A drill passed over in a practice session, and until when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skip {
    pub kind: SkipKind,
    #[serde(with = "time::serde::rfc3339")]
    pub until: OffsetDateTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipKind {
    /// `n` before answering: back in an hour, not again in this session.
    Skipped,
    /// Buried for the rest of the learner's day.
    Buried,
}

impl Attempt {
    /// Whether the attempt was answered and graded (not skipped or buried).
    pub fn graded(&self) -> bool {
        self.skip.is_none()
    }

    pub fn hints_used(&self) -> usize {
        self.hints.len()
    }

    /// The drill this attempt was at, with its pack.
    pub fn key(&self) -> DrillKey {
        DrillKey {
            pack: self.pack.clone(),
            drill: self.drill.clone(),
        }
    }
}

/// A drill as the schedule and the session picker know it. Drill ids are unique only within
/// their pack (two packs may both have an `ep-1`), so reviews are kept per pack and drill;
/// every attempt in the file has carried its pack since format 1, so no file changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DrillKey {
    pub pack: Id,
    pub drill: Id,
}

impl DrillKey {
    /// `None` unless both are valid ids.
    pub fn new(pack: &str, drill: &str) -> Option<DrillKey> {
        Some(DrillKey {
            pack: Id::new(pack)?,
            drill: Id::new(drill)?,
        })
    }
}

/// What the drill screen knows when the grader has spoken; [`Progress::record`] adds the id,
/// the finish time and the time on task.
#[derive(Clone, Debug)]
pub struct Draft {
    pub drill: Id,
    pub pack: Id,
    pub skills: Vec<Skill>,
    pub started: OffsetDateTime,
    /// Clamped to 100.
    pub score: u8,
    pub passed: bool,
    pub hints: Vec<u8>,
    /// Cut to [`MAX_ANSWER_BYTES`].
    pub answer: String,
    /// The variant answered, when not the drill as written.
    pub variant: Option<u64>,
}

/// Which attempts `reset` removes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Drill(String),
    Pack(String),
    All,
}

/// What a merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub already: usize,
}

impl Versioned for Progress {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }

    fn check(&self, text: &str) -> Result<(), Rejection> {
        if let Some(bad) = self.forgotten.iter().find(|id| !id.is_valid()) {
            return Err(bad_id(bad, text.find("forgotten").unwrap_or(0)));
        }
        for (i, a) in self.attempts.iter().enumerate() {
            let at = |key| locate(text, i, key);
            let fail = |key, msg, args: &[&dyn ToString]| {
                Err(Rejection {
                    offset: at(key),
                    msg,
                    args: args.iter().map(|a| a.to_string()).collect(),
                })
            };
            for (key, id) in [("id", &a.id), ("drill", &a.drill), ("pack", &a.pack)] {
                if !id.is_valid() {
                    return Err(bad_id(id, at(key)));
                }
            }
            if a.score > 100 {
                return fail("score", Msg::ProgressBadScore, &[&a.score]);
            }
            if a.finished < a.started {
                return fail("finished", Msg::ProgressBadFinish, &[&a.id]);
            }
            if a.seconds > MAX_TASK_SECONDS {
                return fail(
                    "seconds",
                    Msg::ProgressBadSeconds,
                    &[&a.seconds, &MAX_TASK_SECONDS],
                );
            }
            if a.hints.len() > usize::from(MAX_HINT_RUNGS)
                || a.hints.iter().any(|&h| h == 0 || h > MAX_HINT_RUNGS)
            {
                return fail("hints", Msg::ProgressBadHints, &[&MAX_HINT_RUNGS]);
            }
            if a.answer.len() > MAX_ANSWER_BYTES {
                return fail("answer", Msg::ProgressBadAnswer, &[&MAX_ANSWER_BYTES]);
            }
        }
        Ok(())
    }
}

fn bad_id(id: &Id, offset: usize) -> Rejection {
    Rejection {
        offset,
        msg: Msg::ProgressBadId,
        args: vec![id.0.chars().take(40).collect(), MAX_ID_BYTES.to_string()],
    }
}

/// Byte offset of `key`'s value in the `nth` `[[attempt]]` table of `text`; else of the table;
/// else 0. Only for pointing at a value that breaks a rule, so a best effort is enough.
fn locate(text: &str, nth: usize, key: &str) -> usize {
    const HEADER: &str = "[[attempt]]";
    let Some(start) = text
        .match_indices(HEADER)
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || text[..i].ends_with('\n'))
        .nth(nth)
    else {
        return 0;
    };
    let body = start + HEADER.len();
    let end = text[body..].find("\n[").map_or(text.len(), |e| body + e);
    let mut offset = body;
    for line in text[body..end].split_inclusive('\n') {
        let value = line
            .trim_start()
            .strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix('='));
        if let Some(value) = value {
            return offset + line.len() - value.trim_start().len();
        }
        offset += line.len();
    }
    start
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: Self::VERSION,
            attempts: Vec::new(),
            forgotten: BTreeSet::new(),
            schedule: Schedule::default(),
        }
    }
}

impl Progress {
    pub const FILE: &str = "progress.toml";

    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// Drills whose review is due at `now`, most overdue first.
    pub fn due(&self, now: OffsetDateTime) -> Vec<DrillKey> {
        self.schedule.due(now)
    }

    /// Records a graded attempt finished now and returns it.
    pub fn record(&mut self, draft: Draft, clock: &dyn Clock) -> Attempt {
        let finished = clock.now().max(draft.started);
        let seconds = (finished - draft.started)
            .whole_seconds()
            .clamp(0, i64::from(MAX_TASK_SECONDS));
        let mut hints = draft.hints;
        hints.retain(|&h| (1..=MAX_HINT_RUNGS).contains(&h));
        hints.truncate(usize::from(MAX_HINT_RUNGS));
        let attempt = Attempt {
            id: new_attempt_id(finished),
            drill: draft.drill,
            pack: draft.pack,
            started: draft.started,
            finished,
            score: draft.score.min(100),
            passed: draft.passed,
            hints,
            seconds: u32::try_from(seconds).unwrap_or(MAX_TASK_SECONDS),
            skills: dedup(draft.skills),
            answer: cut(draft.answer, MAX_ANSWER_BYTES),
            skip: None,
            variant: draft.variant,
        };
        self.attempts.push(attempt.clone());
        self.normalize();
        attempt
    }

    /// Records that drill `drill` of pack `pack` was passed over now (skipped or buried),
    /// started at `started`, its review waiting until `skip.until`; returns the attempt.
    pub fn record_skip(
        &mut self,
        key: DrillKey,
        skills: Vec<Skill>,
        started: OffsetDateTime,
        skip: Skip,
        clock: &dyn Clock,
    ) -> Attempt {
        let finished = clock.now().max(started);
        let seconds = (finished - started)
            .whole_seconds()
            .clamp(0, i64::from(MAX_TASK_SECONDS));
        let attempt = Attempt {
            id: new_attempt_id(finished),
            drill: key.drill,
            pack: key.pack,
            started,
            finished,
            score: 0,
            passed: false,
            hints: Vec::new(),
            seconds: u32::try_from(seconds).unwrap_or(MAX_TASK_SECONDS),
            skills: dedup(skills),
            answer: String::new(),
            skip: Some(skip),
            variant: None,
        };
        self.attempts.push(attempt.clone());
        self.normalize();
        attempt
    }

    /// Adds `other`'s attempts that this copy lacks and drops every forgotten one.
    pub fn merge(&mut self, other: Progress) -> Merged {
        self.forgotten.extend(other.forgotten);
        let mut seen: HashSet<Id> = self.attempts.iter().map(|a| a.id.clone()).collect();
        let mut merged = Merged::default();
        for a in other.attempts {
            if self.forgotten.contains(&a.id) || !seen.insert(a.id.clone()) {
                merged.already += 1;
            } else {
                merged.added += 1;
                self.attempts.push(a);
            }
        }
        self.normalize();
        merged
    }

    /// Brings in an exported file's attempts (`meshlab progress import`). Unlike [`merge`], this
    /// is the learner asking for exactly these attempts, so a backup restores what a reset
    /// removed: a forgotten attempt comes back under a derived id (`ID.r1`, `ID.r2` …, the
    /// first not itself forgotten), which windows still holding the old removal cannot match.
    /// The file's own removals are not applied: an import only adds.
    ///
    /// [`merge`]: Progress::merge
    pub fn import(&mut self, other: Progress) -> Merged {
        let mut seen: HashSet<Id> = self.attempts.iter().map(|a| a.id.clone()).collect();
        let mut merged = Merged::default();
        for mut a in other.attempts {
            if self.forgotten.contains(&a.id) {
                let restored = (1..)
                    .map_while(|n| Id::new(format!("{}.r{n}", a.id)))
                    .find(|id| !self.forgotten.contains(id));
                match restored {
                    Some(id) => a.id = id,
                    None => {
                        merged.already += 1;
                        continue;
                    }
                }
            }
            if seen.insert(a.id.clone()) {
                merged.added += 1;
                self.attempts.push(a);
            } else {
                merged.already += 1;
            }
        }
        self.normalize();
        merged
    }

    /// Removes the attempts in `scope`; returns how many per drill.
    pub fn remove(&mut self, scope: &Scope) -> BTreeMap<Id, usize> {
        let hit = |a: &Attempt| match scope {
            Scope::Drill(d) => a.drill.as_str() == d,
            Scope::Pack(p) => a.pack.as_str() == p,
            Scope::All => true,
        };
        let mut removed = BTreeMap::new();
        let forgotten = &mut self.forgotten;
        self.attempts.retain(|a| {
            if hit(a) {
                *removed.entry(a.drill.clone()).or_insert(0) += 1;
                forgotten.insert(a.id.clone());
                false
            } else {
                true
            }
        });
        self.normalize();
        removed
    }

    /// Restores the invariants after any change: sorted, unique, nothing forgotten, schedule
    /// up to date.
    fn normalize(&mut self) {
        for a in &mut self.attempts {
            let now_called = super::renamed::current(a.pack.as_str(), a.drill.as_str());
            if now_called != a.drill.as_str() {
                a.drill = Id(now_called.to_string());
            }
        }
        let forgotten = &self.forgotten;
        self.attempts.retain(|a| !forgotten.contains(&a.id));
        self.attempts
            .sort_by(|a, b| (a.finished, &a.id).cmp(&(b.finished, &b.id)));
        self.attempts.dedup_by(|a, b| a.id == b.id);
        self.schedule = Schedule::replay(&self.attempts);
    }

    /// A file freshly read from disk: sorted and scheduled like every in-memory copy.
    pub(super) fn normalized(mut self) -> Self {
        self.normalize();
        self
    }
}

/// Unique with overwhelming probability across processes and machines: the finish second, then
/// 64 bits from the process's randomly keyed hasher over the pid, a counter and the clock.
fn new_attempt_id(finished: OffsetDateTime) -> Id {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let noise = RandomState::new().hash_one((std::process::id(), seq, nanos));
    Id(format!("{}-{noise:016x}", finished.unix_timestamp()))
}

fn dedup(mut skills: Vec<Skill>) -> Vec<Skill> {
    skills.sort();
    skills.dedup();
    skills
}

fn cut(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::practice::clock::FixedClock;
    use time::Duration;

    pub fn t0() -> OffsetDateTime {
        // 2026-01-05 00:00:00 UTC, a Monday.
        OffsetDateTime::from_unix_timestamp(1_767_571_200).unwrap()
    }

    pub fn draft(drill: &str, started: OffsetDateTime, score: u8, hints: &[u8]) -> Draft {
        Draft {
            drill: Id::new(drill).unwrap(),
            pack: Id::new("part-023").unwrap(),
            skills: vec![Skill::Authorization],
            started,
            score,
            passed: score >= 70,
            hints: hints.to_vec(),
            answer: "cilium".into(),
            variant: None,
        }
    }

    #[test]
    fn record_fills_in_id_time_and_bounds() {
        let clock = FixedClock::new(t0() + Duration::minutes(3));
        let mut p = Progress::default();
        let mut d = draft("ep-1", t0(), 250, &[1, 0, 2, 40]);
        d.answer = "é".repeat(MAX_ANSWER_BYTES); // 2 bytes each: must be cut on a boundary.
        d.skills = vec![Skill::Routing, Skill::Identity, Skill::Routing];
        let a = p.record(d, &clock);
        assert_eq!(a.score, 100);
        assert_eq!(a.seconds, 180);
        assert_eq!(a.hints, vec![1, 2]);
        assert_eq!(a.hints_used(), 2);
        assert_eq!(a.skills, vec![Skill::Identity, Skill::Routing]);
        assert_eq!(a.answer.len(), MAX_ANSWER_BYTES);
        assert_eq!(a.finished, clock.now());
        let b = p.record(draft("ep-1", t0() - Duration::days(1), 80, &[]), &clock);
        assert_ne!(a.id, b.id);
        assert_eq!(b.seconds, MAX_TASK_SECONDS, "idle time is capped");
        assert_eq!(p.attempts().len(), 2);
    }

    #[test]
    fn merge_is_a_union_by_id_and_respects_removals() {
        let clock = FixedClock::new(t0());
        let mut a = Progress::default();
        a.record(draft("ep-1", t0(), 90, &[]), &clock);
        let mut b = a.clone();
        clock.advance(Duration::minutes(1));
        b.record(draft("ep-2", t0(), 40, &[]), &clock);
        a.record(draft("ep-3", t0(), 40, &[]), &clock);

        let mut ab = a.clone();
        assert_eq!(
            ab.merge(b.clone()),
            Merged {
                added: 1,
                already: 1
            }
        );
        let mut ba = b.clone();
        ba.merge(a.clone());
        assert_eq!(ab, ba, "merge order does not matter");
        assert_eq!(ab.attempts().len(), 3);

        // b resets ep-1; a still has it in memory and must not bring it back.
        let removed = b.remove(&Scope::Drill("ep-1".into()));
        assert_eq!(removed.values().sum::<usize>(), 1);
        let mut merged = b.clone();
        merged.merge(a.clone());
        assert!(merged.attempts().iter().all(|x| x.drill.as_str() != "ep-1"));
        let mut merged2 = a;
        merged2.merge(b);
        assert_eq!(merged, merged2);
    }

    #[test]
    fn import_restores_reset_attempts_once_and_only_adds() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("ep-1", t0(), 90, &[]), &clock);
        p.record(draft("ep-2", t0(), 90, &[]), &clock);
        let backup = p.clone();
        let stale_window = {
            let mut w = p.clone();
            w.remove(&Scope::Drill("ep-1".into()));
            w
        };
        p.remove(&Scope::All);
        assert_eq!(
            p.import(backup.clone()),
            Merged {
                added: 2,
                already: 0
            }
        );
        assert_eq!(
            p.import(backup.clone()).added,
            0,
            "importing twice adds nothing"
        );
        // A window that still holds the old reset of ep-1 cannot remove the restored attempt.
        p.merge(stale_window);
        assert_eq!(p.attempts().len(), 2);
        assert!(p.attempts().iter().all(|a| a.id.as_str().ends_with(".r1")));
        // Reset again, import again: restored once more under the next id.
        p.remove(&Scope::All);
        assert_eq!(p.import(backup).added, 2);
        assert!(p.attempts().iter().all(|a| a.id.as_str().ends_with(".r2")));
        // An import does not apply the file's removals.
        let mut other = Progress::default();
        other.record(draft("ep-9", t0(), 90, &[]), &clock);
        let mut gone = p.clone();
        gone.remove(&Scope::All);
        gone.import(other);
        assert_eq!(gone.attempts().len(), 1);
    }

    #[test]
    fn remove_by_pack_and_all() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("ep-1", t0(), 90, &[]), &clock);
        let mut other = draft("x-1", t0(), 90, &[]);
        other.pack = Id::new("extra").unwrap();
        p.record(other, &clock);
        assert!(p.remove(&Scope::Pack("none".into())).is_empty());
        let removed = p.remove(&Scope::Pack("extra".into()));
        assert_eq!(removed.keys().map(Id::as_str).collect::<Vec<_>>(), ["x-1"]);
        assert_eq!(p.remove(&Scope::All).len(), 1);
        assert!(p.attempts().is_empty());
    }

    #[test]
    fn file_round_trips_and_bad_values_are_located() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        p.record(draft("ep-1", t0(), 90, &[1]), &clock);
        let text = toml::to_string_pretty(&p).unwrap();
        assert!(text.contains("[review.part-023.ep-1]"), "{text}");
        let back: Progress = crate::practice::store::parse("p", text.as_bytes()).unwrap();
        assert_eq!(back.normalized(), p);

        let parse = |t: &str| crate::practice::store::parse::<Progress>("p", t.as_bytes());
        // The rejected value as the error locates it, and the message in both languages.
        let rule = |t: String| {
            let e = parse(&t).unwrap_err();
            let line = t.lines().nth(e.line - 1).unwrap();
            let at: String = line.chars().skip(e.column - 1).collect();
            (at, e.message(Lang::En), e.message(Lang::Id))
        };
        let (at, en, id) = rule(text.replace("score = 90", "score = 101"));
        assert_eq!(at, "101");
        assert_eq!(en, "score 101 is above 100");
        assert_eq!(id, "skor 101 melebihi 100");
        let (at, en, _) = rule(text.replace("drill = \"ep-1\"", "drill = \"ep 1\""));
        assert_eq!(at, "\"ep 1\"");
        assert!(en.contains("`ep 1` is not an id"), "{en}");
        let (at, en, _) = rule(text.replace("hints = [1]", "hints = [0]"));
        assert_eq!(at, "[0]");
        assert!(en.starts_with("hints"), "{en}");

        let e = parse(&text.replace("skills = [\"authorization\"]", "skills = [\"juggling\"]"))
            .unwrap_err();
        assert!(e.message(Lang::En).contains("juggling"), "{e:?}");
    }

    #[test]
    fn attempts_at_a_renamed_drill_load_under_its_new_id() {
        let text = std::fs::read_to_string("tests/fixtures/progress/one-attempt.toml")
            .unwrap()
            .replace("drill = \"ep-1\"", "drill = \"retry-seed-18\"");
        let p: Progress = crate::practice::store::parse("f", text.as_bytes()).unwrap();
        let p = p.normalized();
        assert_eq!(p.attempts()[0].drill.as_str(), "retry-lesson-tries");
        assert!(
            p.schedule()
                .state("part-023", "retry-lesson-tries")
                .is_some()
        );
        assert!(p.schedule().state("part-023", "retry-seed-18").is_none());
        // Merged with a copy written before the rename: still one attempt.
        let mut old: Progress = crate::practice::store::parse("f", text.as_bytes()).unwrap();
        old.merge(p.clone());
        assert_eq!(old.attempts().len(), 1);
        assert_eq!(old.attempts()[0].drill.as_str(), "retry-lesson-tries");
    }

    #[test]
    fn ids_are_checked() {
        assert!(Id::new("ep-1").is_some());
        assert!(Id::new("").is_none());
        assert!(Id::new("a b").is_none());
        assert!(Id::new("x".repeat(MAX_ID_BYTES + 1)).is_none());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// A pool of attempts and two overlapping subsets of it, as two windows would hold.
        fn two_copies() -> impl Strategy<Value = (Progress, Progress)> {
            let attempt = (0..4usize, 0..20_000i64, 0..=100u8, 0..3usize);
            (
                proptest::collection::vec(attempt, 0..24),
                any::<u32>(),
                any::<u32>(),
            )
                .prop_map(|(specs, in_a, in_b)| {
                    let mut pool = Progress::default();
                    for (d, minute, score, hints) in specs {
                        let at = t0() + Duration::minutes(minute);
                        let hints: Vec<u8> = (1..=hints as u8).collect();
                        pool.record(
                            draft(&format!("d{d}"), at, score, &hints),
                            &FixedClock::new(at),
                        );
                    }
                    let pick = |mask: u32| {
                        Progress {
                            attempts: pool
                                .attempts
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| mask >> (i % 32) & 1 == 1)
                                .map(|(_, a)| a.clone())
                                .collect(),
                            ..Progress::default()
                        }
                        .normalized()
                    };
                    (pick(in_a), pick(in_b))
                })
        }

        proptest! {
            #[test]
            fn merge_is_a_commutative_idempotent_union((a, b) in two_copies()) {
                let mut ab = a.clone();
                ab.merge(b.clone());
                let mut ba = b.clone();
                ba.merge(a.clone());
                prop_assert_eq!(&ab, &ba);
                let mut again = ab.clone();
                prop_assert_eq!(again.merge(ab.clone()).added, 0);
                prop_assert_eq!(&again, &ab);
                let ids = |p: &Progress| p.attempts.iter().map(|x| x.id.clone()).collect::<BTreeSet<_>>();
                let union: BTreeSet<Id> = ids(&a).union(&ids(&b)).cloned().collect();
                prop_assert_eq!(ids(&ab), union);
                prop_assert_eq!(ab.schedule(), &Schedule::replay(ab.attempts()));
            }

            #[test]
            fn any_bytes_parse_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
                let _ = crate::practice::store::parse::<Progress>("p", &bytes);
            }

            #[test]
            fn mutated_files_parse_or_fail_with_a_place((a, _) in two_copies(), at in any::<usize>(), byte in any::<u8>()) {
                let mut text = toml::to_string_pretty(&a).unwrap().into_bytes();
                if !text.is_empty() {
                    let i = at % text.len();
                    text[i] = byte;
                }
                if let Err(e) = crate::practice::store::parse::<Progress>("p", &text) {
                    prop_assert!(e.line >= 1 && e.column >= 1);
                    prop_assert!(!e.message(Lang::Id).is_empty());
                }
            }
        }
    }
}
