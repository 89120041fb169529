//! Kaufman-style practice: the 20-hour meter, timed sessions and the choice of the next drill.
//!
//! Josh Kaufman's "first 20 hours": short, focused sessions (25 minutes by default) on the
//! sub-skills that are weakest, with fast feedback. The picker therefore takes drills due for
//! review first (forgetting is the cheapest thing to fix), then drills for the weakest skill.

use std::collections::BTreeSet;

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::clock::Clock;
use super::progress::{Attempt, Id, Progress};
use super::skills::{Skill, SkillMap, SkillStats};

/// Kaufman's target for getting reasonably good at a new skill.
pub const GOAL_HOURS: u64 = 20;
pub const DEFAULT_SESSION_MINUTES: i64 = 25;

/// Practice time toward [`GOAL_HOURS`]: every attempt's time on task.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Meter {
    pub seconds: u64,
}

impl Meter {
    pub fn of(progress: &Progress) -> Meter {
        Meter {
            seconds: progress
                .attempts()
                .iter()
                .filter(|a| a.graded())
                .map(|a| u64::from(a.seconds))
                .sum(),
        }
    }

    pub fn goal_seconds() -> u64 {
        GOAL_HOURS * 3600
    }

    /// Whole percent of the goal, at most 100.
    pub fn percent(&self) -> u64 {
        (self.seconds * 100 / Self::goal_seconds()).min(100)
    }

    /// Hours with one decimal, as text (no float formatting surprises in either language).
    pub fn hours_text(&self) -> String {
        let tenths = self.seconds / 360;
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// A drill the picker may choose, as the drill catalog describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillInfo {
    /// The pack's id: drill ids are unique only within a pack.
    pub pack: String,
    pub id: String,
    pub skills: Vec<Skill>,
    pub difficulty: u8,
}

/// The next drill to practise at `now`, skipping `exclude` (pack and drill ids):
/// 1. drills due for review, most overdue first (then by pack and id);
/// 2. else the drill whose weakest skill is weakest (lowest [`SkillStats::strength`], then the
///    least practice time), never-tried drills before early reviews, easier before harder,
///    then by id and pack. Drills that name no skill come last.
pub fn pick_next<'a>(
    available: &'a [DrillInfo],
    progress: &Progress,
    exclude: &BTreeSet<(&str, &str)>,
    now: OffsetDateTime,
) -> Option<&'a DrillInfo> {
    pick(available, progress, exclude, now).map(|(d, _)| d)
}

/// Why a drill was picked, as a session says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Its review fell due at this time.
    Due(OffsetDateTime),
    /// It trains this skill, the weakest of the learner's.
    Weakest(Skill),
    /// Nothing else to go by (a drill that names no skill).
    Next,
}

/// [`pick_next`], with the reason. Drills passed over (skipped, buried) and still held back
/// are not offered.
pub fn pick<'a>(
    available: &'a [DrillInfo],
    progress: &Progress,
    exclude: &BTreeSet<(&str, &str)>,
    now: OffsetDateTime,
) -> Option<(&'a DrillInfo, Why)> {
    let open = |d: &&DrillInfo| {
        !exclude.contains(&(d.pack.as_str(), d.id.as_str()))
            && !progress.schedule().held(&d.pack, &d.id, now)
    };
    let due = super::standing::due(progress, now);
    if let Some(found) = due.iter().find_map(|(k, since)| {
        available
            .iter()
            .filter(open)
            .find(|d| d.pack == k.pack.as_str() && d.id == k.drill.as_str())
            .map(|d| (d, Why::Due(*since)))
    }) {
        return Some(found);
    }
    let skills = SkillMap::from_attempts(progress.attempts());
    let weakest = |d: &DrillInfo| {
        d.skills
            .iter()
            .map(|&s| {
                let st = skills.get(s);
                ((st.strength(), st.seconds), s)
            })
            .min()
    };
    let d = available.iter().filter(open).min_by(|a, b| {
        let key = |d: &'a DrillInfo| {
            let w = weakest(d).map(|(w, _)| w);
            (
                w.is_none(),
                w,
                progress.schedule().state(&d.pack, &d.id).is_some(),
                d.difficulty,
                &d.id,
                &d.pack,
            )
        };
        key(a).cmp(&key(b))
    })?;
    Some((d, weakest(d).map_or(Why::Next, |(_, s)| Why::Weakest(s))))
}

/// A timed practice session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub started: OffsetDateTime,
    pub length: Duration,
    /// The attempts made in this session, in order.
    attempts: Vec<Id>,
    /// The drills attempted (or passed over), by pack and drill id.
    drills: BTreeSet<(String, String)>,
    /// Drills passed over (skipped or buried) in this session.
    skipped: usize,
    /// Reviews due when the session started, among the drills offered ("review 2 of 6").
    pub reviews: usize,
    /// The drill open now: why it was picked, and its place ("review 2", "drill 7").
    pub current: Option<Picked>,
    /// Drills opened so far, and how many of them were reviews.
    opened: usize,
    opened_reviews: usize,
}

/// The drill a session opened and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Picked {
    pub why: Why,
    /// 1-based: the n-th review of the session, or the n-th drill.
    pub number: usize,
}

/// What a session achieved, for the closing screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionSummary {
    pub attempts: usize,
    pub passed: usize,
    /// Mean score of the session's attempts, rounded down.
    pub mean_score: Option<u8>,
    pub seconds: u64,
    /// The skills practised in the session, with the session's stats.
    pub skills: Vec<(Skill, SkillStats)>,
    /// All practice so far, this session included.
    pub meter: Meter,
    /// Reviews still due at the end.
    pub due_left: usize,
    /// Drills passed over (skipped or buried).
    pub skipped: usize,
    /// When the next review falls due after the session, and how many fall due within a week.
    pub next_due: Option<OffsetDateTime>,
    pub due_within_week: usize,
}

impl Session {
    /// A session from now; `reviews` are due among the drills it may offer.
    pub fn start(clock: &dyn Clock, length: Duration) -> Session {
        Session {
            started: clock.now(),
            length,
            attempts: Vec::new(),
            drills: BTreeSet::new(),
            skipped: 0,
            reviews: 0,
            current: None,
            opened: 0,
            opened_reviews: 0,
        }
    }

    pub fn remaining(&self, now: OffsetDateTime) -> Duration {
        self.started
            .checked_add(self.length)
            .map_or(Duration::ZERO, |end| (end - now).max(Duration::ZERO))
    }

    pub fn is_over(&self, now: OffsetDateTime) -> bool {
        self.remaining(now).is_zero()
    }

    /// The next drill, or `None` once time is up or every available drill was done this
    /// session (a drill is not repeated within one session: a failed one comes back through
    /// its review).
    pub fn next<'a>(
        &self,
        available: &'a [DrillInfo],
        progress: &Progress,
        now: OffsetDateTime,
    ) -> Option<&'a DrillInfo> {
        self.pick(available, progress, now).map(|(d, _)| d)
    }

    /// [`Session::next`] with the reason it was picked.
    pub fn pick<'a>(
        &self,
        available: &'a [DrillInfo],
        progress: &Progress,
        now: OffsetDateTime,
    ) -> Option<(&'a DrillInfo, Why)> {
        if self.is_over(now) {
            return None;
        }
        let done: BTreeSet<(&str, &str)> = self
            .drills
            .iter()
            .map(|(p, d)| (p.as_str(), d.as_str()))
            .collect();
        pick(available, progress, &done, now)
    }

    /// Notes that the session opened a drill picked for `why`.
    pub fn opened(&mut self, why: Why) {
        self.opened += 1;
        if matches!(why, Why::Due(_)) {
            self.opened_reviews += 1;
        }
        let number = match why {
            Why::Due(_) => self.opened_reviews,
            _ => self.opened,
        };
        self.current = Some(Picked { why, number });
    }

    /// Notes that drill `drill` of pack `pack` was passed over: not offered again this session.
    pub fn pass_over(&mut self, pack: &str, drill: &str) {
        self.drills.insert((pack.to_string(), drill.to_string()));
    }

    /// Notes an attempt recorded during this session (answered, or passed over).
    pub fn add(&mut self, attempt: &Attempt) {
        if attempt.graded() {
            self.attempts.push(attempt.id.clone());
        } else {
            self.skipped += 1;
        }
        self.drills
            .insert((attempt.pack.to_string(), attempt.drill.to_string()));
    }

    pub fn summary(&self, progress: &Progress, now: OffsetDateTime) -> SessionSummary {
        let ids: BTreeSet<&Id> = self.attempts.iter().collect();
        let mine: Vec<&Attempt> = progress
            .attempts()
            .iter()
            .filter(|a| ids.contains(&a.id))
            .collect();
        let map = SkillMap::from_attempts(mine.iter().copied());
        let total: u64 = mine.iter().map(|a| u64::from(a.score)).sum();
        let upcoming = super::standing::upcoming(progress, now);
        SessionSummary {
            attempts: mine.len(),
            passed: mine.iter().filter(|a| a.passed).count(),
            mean_score: u64::try_from(mine.len())
                .ok()
                .filter(|&n| n > 0)
                .and_then(|n| u8::try_from(total / n).ok()),
            seconds: mine.iter().map(|a| u64::from(a.seconds)).sum(),
            skills: map.iter().filter(|(_, s)| s.attempts > 0).collect(),
            meter: Meter::of(progress),
            due_left: progress.due(now).len(),
            skipped: self.skipped,
            next_due: upcoming.first().map(|(_, at)| *at),
            due_within_week: upcoming
                .iter()
                .filter(|(_, at)| *at <= now + Duration::days(7))
                .count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::FixedClock;
    use crate::practice::progress::tests::{draft, t0};

    fn drill(id: &str, skills: &[Skill], difficulty: u8) -> DrillInfo {
        DrillInfo {
            pack: "part-023".into(),
            id: id.into(),
            skills: skills.to_vec(),
            difficulty,
        }
    }

    fn record(
        p: &mut Progress,
        clock: &FixedClock,
        id: &str,
        skills: &[Skill],
        score: u8,
    ) -> Attempt {
        let mut d = draft(id, clock.now() - Duration::minutes(4), score, &[]);
        d.skills = skills.to_vec();
        p.record(d, clock)
    }

    #[test]
    fn meter_counts_time_on_task_toward_twenty_hours() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        assert_eq!(Meter::of(&p).hours_text(), "0.0");
        for _ in 0..45 {
            record(&mut p, &clock, "a", &[], 80); // 4 minutes each: 3 hours.
        }
        let m = Meter::of(&p);
        assert_eq!(m.seconds, 3 * 3600);
        assert_eq!(m.hours_text(), "3.0");
        assert_eq!(m.percent(), 15);
        assert_eq!(Meter { seconds: 99 * 3600 }.percent(), 100);
    }

    #[test]
    fn due_reviews_come_first_most_overdue_first() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        record(&mut p, &clock, "late", &[Skill::Routing], 10);
        clock.advance(Duration::hours(1));
        record(&mut p, &clock, "later", &[Skill::Routing], 10);
        let drills = [
            drill("new-weak", &[Skill::Identity], 1),
            drill("later", &[Skill::Routing], 3),
            drill("late", &[Skill::Routing], 3),
        ];
        let now = t0() + Duration::days(1);
        let none = BTreeSet::new();
        assert_eq!(pick_next(&drills, &p, &none, now).unwrap().id, "late");
        let skip = BTreeSet::from([("part-023", "late")]);
        assert_eq!(pick_next(&drills, &p, &skip, now).unwrap().id, "later");
        let skip = BTreeSet::from([("part-023", "late"), ("part-023", "later")]);
        assert_eq!(pick_next(&drills, &p, &skip, now).unwrap().id, "new-weak");
        // Before anything is due, the weakest skill wins: routing failed twice (1/4) is weaker
        // than untried identity (1/2).
        let now = t0() + Duration::hours(1);
        assert!(p.due(now).is_empty());
        let drills = [
            drill("new-weak", &[Skill::Identity], 1),
            drill("r2", &[Skill::Routing], 9),
        ];
        assert_eq!(pick_next(&drills, &p, &none, now).unwrap().id, "r2");
    }

    #[test]
    fn ties_break_on_new_then_difficulty_then_id() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        record(&mut p, &clock, "seen", &[Skill::Routing], 80);
        // Strengths now: routing 2/3, every other skill 1/2 (so routing is stronger).
        let none = BTreeSet::new();
        let now = t0() + Duration::minutes(1);
        let drills = [
            drill("b-hard", &[Skill::Identity], 5),
            drill("a-hard", &[Skill::Identity], 5),
            drill("easy", &[Skill::Encryption], 2),
            drill("seen", &[Skill::Routing], 1),
            drill("no-skill", &[], 0),
        ];
        let order: Vec<&str> = {
            let mut skip = BTreeSet::new();
            let mut out = Vec::new();
            while let Some(d) = pick_next(&drills, &p, &skip, now) {
                out.push(d.id.as_str());
                skip.insert((d.pack.as_str(), d.id.as_str()));
            }
            out
        };
        assert_eq!(order, ["easy", "a-hard", "b-hard", "seen", "no-skill"]);
        // A drill whose skills include a weak one counts as weak.
        let mixed = [
            drill("mixed", &[Skill::Routing, Skill::Portability], 9),
            drill("r", &[Skill::Routing], 0),
        ];
        assert_eq!(pick_next(&mixed, &p, &none, now).unwrap().id, "mixed");
    }

    #[test]
    fn the_same_drill_id_in_two_packs_is_two_drills() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        record(&mut p, &clock, "x", &[Skill::Routing], 10);
        let mine = drill("x", &[Skill::Routing], 1);
        let theirs = DrillInfo {
            pack: "mini".into(),
            ..mine.clone()
        };
        assert!(p.schedule().state("mini", "x").is_none());
        // Only the pack whose drill failed has a review due.
        let now = t0() + Duration::days(1);
        let due: Vec<_> = p.due(now).into_iter().map(|k| k.pack).collect();
        assert_eq!(due, [Id::new("part-023").unwrap()]);
        let drills = [theirs.clone(), mine.clone()];
        let none = BTreeSet::new();
        assert_eq!(pick_next(&drills, &p, &none, now), Some(&mine));
        // A session that did one still offers the other.
        let mut s = Session::start(&clock, Duration::minutes(DEFAULT_SESSION_MINUTES));
        let a = record(&mut p, &clock, "x", &[Skill::Routing], 90);
        s.add(&a);
        assert_eq!(s.next(&drills, &p, clock.now()), Some(&theirs));
    }

    #[test]
    fn a_session_is_timed_does_not_repeat_and_sums_up() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        let mut s = Session::start(&clock, Duration::minutes(DEFAULT_SESSION_MINUTES));
        let drills = [
            drill("a", &[Skill::Routing], 1),
            drill("b", &[Skill::Identity], 2),
        ];
        let first = s.next(&drills, &p, clock.now()).unwrap().id.clone();
        assert_eq!(first, "a");
        clock.advance(Duration::minutes(4));
        let a = record(&mut p, &clock, "a", &[Skill::Routing], 100);
        s.add(&a);
        assert_eq!(s.next(&drills, &p, clock.now()).unwrap().id, "b");
        clock.advance(Duration::minutes(4));
        let b = record(&mut p, &clock, "b", &[Skill::Identity], 40);
        s.add(&b);
        assert_eq!(
            s.next(&drills, &p, clock.now()),
            None,
            "all done this session"
        );
        assert_eq!(s.remaining(clock.now()), Duration::minutes(17));

        let sum = s.summary(&p, clock.now());
        assert_eq!((sum.attempts, sum.passed, sum.mean_score), (2, 1, Some(70)));
        assert_eq!(sum.seconds, 8 * 60);
        assert_eq!(
            sum.skills.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [Skill::Identity, Skill::Routing]
        );
        assert_eq!(sum.meter.seconds, 8 * 60);

        clock.advance(Duration::minutes(17));
        assert!(s.is_over(clock.now()));
        let fresh = [drill("c", &[], 1)];
        assert_eq!(s.next(&fresh, &p, clock.now()), None, "time is up");
    }
}
