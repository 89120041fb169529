//! Spaced review with FSRS (the `fsrs` crate's scheduler; its optimizer is never used).
//!
//! Each graded attempt is one review of its drill. The grade becomes an FSRS rating:
//!
//! | attempt                                                              | rating |
//! |----------------------------------------------------------------------|--------|
//! | failed                                                               | Again  |
//! | passed after opening at least one hint                               | Hard   |
//! | passed, no hints, score 100, within [`FAST_SECONDS`]                 | Easy   |
//! | any other pass                                                       | Good   |
//!
//! The schedule is replayed from the attempts (oldest first) whenever they change, so it is never
//! stored as a second truth and merging files cannot make it inconsistent.

use std::collections::BTreeMap;

use fsrs::{FSRS, MemoryState, NextStates};
use serde::{Serialize, Serializer};
use time::{Duration, OffsetDateTime};

use super::progress::{Attempt, DrillKey, Id};

/// Retention FSRS aims for when it spaces reviews: nine in ten drills still passed when due.
pub const DESIRED_RETENTION: f32 = 0.9;
/// A clean pass this quick counts as Easy.
pub const FAST_SECONDS: u32 = 120;
/// Review intervals are kept between a quarter hour and ten years, whatever the model says.
const MIN_INTERVAL_DAYS: f64 = 1.0 / 96.0;
const MAX_INTERVAL_DAYS: f64 = 3650.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub fn of(a: &Attempt) -> Rating {
        if !a.passed {
            Rating::Again
        } else if a.hints_used() > 0 {
            Rating::Hard
        } else if a.score == 100 && a.seconds <= FAST_SECONDS {
            Rating::Easy
        } else {
            Rating::Good
        }
    }
}

/// A drill's review state right after one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Step {
    #[serde(with = "time::serde::rfc3339")]
    pub reviewed: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub due: OffsetDateTime,
    pub stability: f32,
    pub difficulty: f32,
    pub reviews: u32,
    pub lapses: u32,
}

/// Every reviewed drill's history of steps, oldest first, by pack and then drill; and the
/// drills passed over (skipped or buried) since their last graded attempt, with until when.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule(
    BTreeMap<Id, BTreeMap<Id, Vec<Step>>>,
    BTreeMap<DrillKey, OffsetDateTime>,
);

impl Schedule {
    /// Runs FSRS over `attempts`, which must be sorted oldest first. A skipped or buried
    /// attempt is no review: it leaves the memory model alone and only holds the drill back
    /// until its `until`.
    pub fn replay(attempts: &[Attempt]) -> Schedule {
        let fsrs = FSRS::default();
        let mut steps: BTreeMap<Id, BTreeMap<Id, Vec<Step>>> = BTreeMap::new();
        let mut held: BTreeMap<DrillKey, OffsetDateTime> = BTreeMap::new();
        for a in attempts {
            if let Some(skip) = &a.skip {
                held.insert(a.key(), skip.until);
                continue;
            }
            held.remove(&a.key());
            let history = steps
                .entry(a.pack.clone())
                .or_default()
                .entry(a.drill.clone())
                .or_default();
            let next = step(&fsrs, history.last(), a);
            history.push(next);
        }
        Schedule(steps, held)
    }

    /// Whether drill `drill` of pack `pack` was passed over and is still held back at `now`.
    pub fn held(&self, pack: &str, drill: &str, now: OffsetDateTime) -> bool {
        self.1
            .iter()
            .any(|(k, until)| k.pack.as_str() == pack && k.drill.as_str() == drill && *until > now)
    }

    /// Every graded drill with the time its review falls due (held back by a skip or a bury
    /// until that ends, if later).
    pub fn latest(&self) -> impl Iterator<Item = (DrillKey, OffsetDateTime)> + '_ {
        self.histories().filter_map(|(pack, drill, h)| {
            let key = DrillKey {
                pack: pack.clone(),
                drill: drill.clone(),
            };
            let due = h.last()?.due;
            let due = self.1.get(&key).map_or(due, |until| due.max(*until));
            Some((key, due))
        })
    }

    /// The latest state of drill `drill` of pack `pack`, if it has been attempted.
    pub fn state(&self, pack: &str, drill: &str) -> Option<&Step> {
        self.0.get(pack)?.get(drill)?.last()
    }

    fn histories(&self) -> impl Iterator<Item = (&Id, &Id, &Vec<Step>)> {
        self.0
            .iter()
            .flat_map(|(pack, drills)| drills.iter().map(move |(drill, h)| (pack, drill, h)))
    }

    /// Drills due at `now`, most overdue first (ties by pack, then drill).
    pub fn due(&self, now: OffsetDateTime) -> Vec<DrillKey> {
        let mut due: Vec<(OffsetDateTime, DrillKey)> = self
            .latest()
            .filter(|(_, due)| *due <= now)
            .map(|(k, due)| (due, k))
            .collect();
        due.sort();
        due.into_iter().map(|(_, k)| k).collect()
    }

    /// Whether, with what was known at `from`, some review fell due before `until`.
    pub fn anything_due(&self, from: OffsetDateTime, until: OffsetDateTime) -> bool {
        self.histories().any(|(_, _, h)| {
            let known = h.partition_point(|s| s.reviewed < from);
            known > 0 && h[known - 1].due < until
        })
    }
}

fn step(fsrs: &FSRS, last: Option<&Step>, a: &Attempt) -> Step {
    let rating = Rating::of(a);
    let memory = last.map(|s| MemoryState {
        stability: s.stability,
        difficulty: s.difficulty,
    });
    let days = last.map_or(0, |s| {
        u32::try_from((a.finished - s.reviewed).whole_days()).unwrap_or(0)
    });
    let (stability, difficulty, interval) = match fsrs.next_states(memory, DESIRED_RETENTION, days)
    {
        Ok(next) => {
            let s = pick(&next, rating);
            (
                s.memory.stability,
                s.memory.difficulty,
                f64::from(s.interval),
            )
        }
        // The model refuses a state only if it was fed nonsense; keep the old state and look
        // again tomorrow rather than lose the drill.
        Err(_) => (
            last.map_or(1.0, |s| s.stability),
            last.map_or(5.0, |s| s.difficulty),
            1.0,
        ),
    };
    let interval = if interval.is_finite() {
        interval.clamp(MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS)
    } else {
        1.0
    };
    Step {
        reviewed: a.finished,
        // Whole seconds, like every other instant in the file. An attempt dated at the end of
        // the calendar (a hand-edited file) is due at once rather than overflow.
        due: a
            .finished
            .checked_add(Duration::seconds((interval * 86_400.0).round() as i64))
            .unwrap_or(a.finished),
        stability,
        difficulty,
        reviews: last.map_or(0, |s| s.reviews) + 1,
        lapses: last.map_or(0, |s| s.lapses) + u32::from(rating == Rating::Again),
    }
}

fn pick(next: &NextStates, rating: Rating) -> &fsrs::ItemState {
    match rating {
        Rating::Again => &next.again,
        Rating::Hard => &next.hard,
        Rating::Good => &next.good,
        Rating::Easy => &next.easy,
    }
}

/// On disk: `[review.PACK.DRILL]` with the latest step only.
impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        // The held-back drills are not written: they are read back from the attempts.
        ser.collect_map(self.0.iter().map(|(pack, drills)| {
            let latest: BTreeMap<&str, &Step> = drills
                .iter()
                .filter_map(|(drill, h)| h.last().map(|s| (drill.as_str(), s)))
                .collect();
            (pack.as_str(), latest)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::{Clock, FixedClock};
    use crate::practice::progress::Progress;
    use crate::practice::progress::tests::{draft, t0};

    fn attempt(p: &mut Progress, clock: &FixedClock, drill: &str, score: u8, hints: &[u8]) {
        let started = clock.now() - Duration::minutes(5);
        p.record(draft(drill, started, score, hints), clock);
    }

    #[test]
    fn grades_map_to_ratings() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        let fail = p.record(draft("a", t0(), 10, &[]), &clock);
        let hinted = p.record(draft("a", t0(), 90, &[1]), &clock);
        let fast = p.record(draft("a", t0() - Duration::seconds(60), 100, &[]), &clock);
        let slow = p.record(draft("a", t0() - Duration::minutes(10), 100, &[]), &clock);
        let ok = p.record(draft("a", t0(), 80, &[]), &clock);
        assert_eq!(Rating::of(&fail), Rating::Again);
        assert_eq!(Rating::of(&hinted), Rating::Hard);
        assert_eq!(Rating::of(&fast), Rating::Easy);
        assert_eq!(Rating::of(&slow), Rating::Good);
        assert_eq!(Rating::of(&ok), Rating::Good);
    }

    #[test]
    fn better_grades_wait_longer_and_failures_come_back_soon() {
        let mut due = Vec::new();
        for (score, hints) in [(10, vec![]), (90, vec![1]), (80, vec![]), (100, vec![])] {
            let clock = FixedClock::new(t0());
            let mut p = Progress::default();
            // Fast clean pass for the last one: 60 s on task.
            let started = if score == 100 {
                t0() - Duration::seconds(60)
            } else {
                t0() - Duration::minutes(5)
            };
            p.record(draft("a", started, score, &hints), &clock);
            due.push(p.schedule().state("part-023", "a").unwrap().due);
        }
        assert!(due.windows(2).all(|w| w[0] < w[1]), "{due:?}");
        assert!(
            due[0] - t0() < Duration::days(1),
            "Again is due the same day"
        );
    }

    #[test]
    fn due_lists_overdue_drills_first_and_successes_stretch_intervals() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        attempt(&mut p, &clock, "b", 80, &[]);
        attempt(&mut p, &clock, "a", 10, &[]);
        assert!(p.due(t0()).is_empty());
        let ids = |v: Vec<DrillKey>| {
            v.into_iter()
                .map(|k| k.drill.as_str().to_string())
                .collect::<Vec<_>>()
        };
        // "a" failed: due within the day; "b" passed: not yet.
        assert_eq!(ids(p.due(t0() + Duration::hours(23))), ["a"]);
        let far = t0() + Duration::days(400);
        assert_eq!(ids(p.due(far)), ["a", "b"]);

        // Passing again after the interval stretches it.
        let first = p.schedule().state("part-023", "b").unwrap().due - t0();
        clock.advance(first);
        attempt(&mut p, &clock, "b", 80, &[]);
        let s = p.schedule().state("part-023", "b").unwrap();
        assert!(s.due - s.reviewed > first, "{s:?} vs {first}");
        assert_eq!((s.reviews, s.lapses), (2, 0));
        attempt(&mut p, &clock, "b", 0, &[]);
        assert_eq!(p.schedule().state("part-023", "b").unwrap().lapses, 1);
    }

    #[test]
    fn anything_due_uses_only_what_was_known_then() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        attempt(&mut p, &clock, "a", 10, &[]);
        let s = *p.schedule().state("part-023", "a").unwrap();
        // Before the attempt nothing was known, so nothing was due.
        assert!(
            !p.schedule()
                .anything_due(t0() - Duration::days(1), t0() + Duration::days(9))
        );
        assert!(p.schedule().anything_due(
            s.reviewed + Duration::seconds(1),
            s.due + Duration::seconds(1)
        ));
        assert!(
            !p.schedule()
                .anything_due(s.reviewed + Duration::seconds(1), s.due)
        );
    }

    #[test]
    fn attempts_at_the_end_of_the_calendar_do_not_overflow() {
        let text = std::fs::read_to_string("tests/fixtures/progress/one-attempt.toml")
            .unwrap()
            .replace("2026-11-20T10:0", "9999-12-31T23:5");
        let p: Progress = crate::practice::store::parse("f", text.as_bytes()).unwrap();
        let p = p.normalized();
        let s = p.schedule().state("part-023", "ep-1").unwrap();
        assert_eq!(s.due, s.reviewed);
        assert!(p.due(t0()).is_empty());
    }
}
