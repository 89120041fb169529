//! Where the learner stands on each drill, from the attempts: new, passed, failed or due for
//! review, with the best score; and the counts the drill list and the home screen show.

use std::collections::HashMap;

use time::{Duration, OffsetDateTime};

use super::progress::{Attempt, DrillKey, Progress};

/// A drill's mark in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A review has fallen due (whatever the last attempt was).
    Due,
    /// The last graded attempt failed and no review is due yet.
    Failed,
    /// Never graded.
    New,
    /// The last graded attempt passed.
    Passed,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Due, Mark::Failed, Mark::New, Mark::Passed];

    /// The one-column glyph the drill list shows.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::New => "○",
            Mark::Passed => "✓",
            Mark::Failed => "✗",
            Mark::Due => "↻",
        }
    }
}

/// One drill's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub mark: Mark,
    /// The best score of any graded attempt.
    pub best: Option<u8>,
    /// Whether any graded attempt passed.
    pub ever_passed: bool,
    /// When the drill's review falls (or fell) due, once graded.
    pub due: Option<OffsetDateTime>,
}

/// The standing of drill `drill` of pack `pack` at `now`.
pub fn standing(progress: &Progress, pack: &str, drill: &str, now: OffsetDateTime) -> Standing {
    let graded: Vec<&Attempt> = progress
        .attempts()
        .iter()
        .filter(|a| a.pack.as_str() == pack && a.drill.as_str() == drill && a.graded())
        .collect();
    of(progress, &graded, pack, drill, now)
}

/// Every attempted drill's standing at `now`, in one pass over the attempts (a drill not in
/// the map is new).
pub fn all(progress: &Progress, now: OffsetDateTime) -> HashMap<DrillKey, Standing> {
    let mut by_drill: HashMap<DrillKey, Vec<&Attempt>> = HashMap::new();
    for a in progress.attempts().iter().filter(|a| a.graded()) {
        by_drill.entry(a.key()).or_default().push(a);
    }
    by_drill
        .into_iter()
        .map(|(k, graded)| {
            let s = of(progress, &graded, k.pack.as_str(), k.drill.as_str(), now);
            (k, s)
        })
        .collect()
}

/// The standing of a drill new to the learner.
pub const NEW: Standing = Standing {
    mark: Mark::New,
    best: None,
    ever_passed: false,
    due: None,
};

fn of(
    progress: &Progress,
    graded: &[&Attempt],
    pack: &str,
    drill: &str,
    now: OffsetDateTime,
) -> Standing {
    let due = progress.schedule().state(pack, drill).map(|s| s.due);
    let held = progress.schedule().held(pack, drill, now);
    let mark = match graded.last() {
        None => Mark::New,
        Some(_) if !held && due.is_some_and(|d| d <= now) => Mark::Due,
        Some(a) if a.passed => Mark::Passed,
        Some(_) => Mark::Failed,
    };
    Standing {
        mark,
        best: graded.iter().map(|a| a.score).max(),
        ever_passed: graded.iter().any(|a| a.passed),
        due,
    }
}

/// Reviews to come after `now`, soonest first: each drill with the time its review falls due.
pub fn upcoming(progress: &Progress, now: OffsetDateTime) -> Vec<(DrillKey, OffsetDateTime)> {
    let mut out: Vec<(DrillKey, OffsetDateTime)> = progress
        .schedule()
        .latest()
        .filter(|(_, due)| *due > now)
        .collect();
    out.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    out
}

/// Reviews due at `now`, most overdue first, each with the time it fell due.
pub fn due(progress: &Progress, now: OffsetDateTime) -> Vec<(DrillKey, OffsetDateTime)> {
    let mut out: Vec<(DrillKey, OffsetDateTime)> = progress
        .schedule()
        .latest()
        .filter(|(_, due)| *due <= now)
        .collect();
    out.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    out
}

/// How far `then` is from `now`, in the largest whole unit (days, hours, minutes), never
/// negative: the "2 days" of "due since 2 days" and of "due in 2 days".
pub fn span(now: OffsetDateTime, then: OffsetDateTime) -> Span {
    let d = if then > now { then - now } else { now - then };
    if d >= Duration::days(1) {
        Span::Days(d.whole_days())
    } else if d >= Duration::hours(1) {
        Span::Hours(d.whole_hours())
    } else {
        Span::Minutes(d.whole_minutes().max(1))
    }
}

/// A span of time in its largest whole unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Days(i64),
    Hours(i64),
    Minutes(i64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::{Clock, FixedClock};
    use crate::practice::progress::tests::{draft, t0};

    #[test]
    fn marks_follow_the_attempts_and_the_schedule() {
        let clock = FixedClock::new(t0());
        let mut p = Progress::default();
        assert_eq!(standing(&p, "part-023", "a", t0()).mark, Mark::New);
        p.record(draft("a", t0(), 40, &[]), &clock);
        let s = standing(&p, "part-023", "a", t0());
        assert_eq!(
            (s.mark, s.best, s.ever_passed),
            (Mark::Failed, Some(40), false)
        );
        // A failed drill comes back within the day.
        let later = t0() + Duration::days(1);
        assert_eq!(standing(&p, "part-023", "a", later).mark, Mark::Due);
        assert_eq!(due(&p, later).len(), 1);
        assert!(upcoming(&p, t0()).len() == 1 && due(&p, t0()).is_empty());
        // A minute later (attempts are ordered by when they finished).
        clock.advance(Duration::minutes(1));
        p.record(draft("a", t0(), 90, &[]), &clock);
        let s = standing(&p, "part-023", "a", clock.now());
        assert_eq!(
            (s.mark, s.best, s.ever_passed),
            (Mark::Passed, Some(90), true)
        );
        // Another pack's drill of the same id is another drill.
        assert_eq!(standing(&p, "mini", "a", t0()).mark, Mark::New);
    }

    #[test]
    fn spans_use_the_largest_whole_unit() {
        let t = t0();
        assert_eq!(
            span(t, t + Duration::days(2) + Duration::hours(5)),
            Span::Days(2)
        );
        assert_eq!(span(t + Duration::hours(3), t), Span::Hours(3));
        assert_eq!(span(t, t + Duration::seconds(10)), Span::Minutes(1));
    }
}
