//! Streaks that forgive days with nothing to review.
//!
//! Days are calendar days at the learner's UTC offset. A past day is **kept** if the learner
//! finished at least one attempt that day, or if no review was due that day (judged with what
//! the schedule knew at the day's start: a review due that day or earlier and not redone
//! before the day began). A streak starts on a day with practice; kept days extend it, practice
//! days and forgiven days alike, so its length is the number of days it has lasted. A day that
//! is not kept ends it. Today is still open: practice today extends the streak, but a review
//! due today and not yet done does not break it until the day is over.

use std::collections::BTreeSet;

use time::{Date, OffsetDateTime, Time, UtcOffset};

use super::progress::Progress;

/// How far back a streak is looked for: ten years of days, so the walk stays bounded even if
/// the file holds an attempt dated long ago.
pub const MAX_STREAK_DAYS: u16 = 3660;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Streak {
    /// Days in the streak that is still alive today (0 if it has ended).
    pub current: u32,
    pub longest: u32,
}

pub fn streak(progress: &Progress, now: OffsetDateTime, offset: UtcOffset) -> Streak {
    let practised: BTreeSet<Date> = progress
        .attempts()
        .iter()
        .filter(|a| a.graded())
        // An attempt dated at the very end of the calendar has no local day; it cannot count.
        .filter_map(|a| a.finished.checked_to_offset(offset))
        .map(|t| t.date())
        .collect();
    let today = now.to_offset(offset).date();
    let Some(&first) = practised.first() else {
        return Streak::default();
    };
    let earliest = today
        .checked_sub(time::Duration::days(i64::from(MAX_STREAK_DAYS)))
        .unwrap_or(Date::MIN);
    let start_of = |d: Date| d.with_time(Time::MIDNIGHT).assume_offset(offset);

    let mut day = first.max(earliest);
    let (mut run, mut longest) = (0u32, 0u32);
    while day <= today {
        let next = day.next_day().unwrap_or(Date::MAX);
        if practised.contains(&day) {
            run += 1;
        } else if day == today {
            // The day is not over: nothing is lost yet.
        } else if run > 0
            && !progress
                .schedule()
                .anything_due(start_of(day), start_of(next))
        {
            run += 1;
        } else {
            run = 0;
        }
        longest = longest.max(run);
        if next == day {
            break;
        }
        day = next;
    }
    Streak {
        current: run,
        longest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::FixedClock;
    use crate::practice::progress::tests::{draft, t0};
    use time::Duration;

    /// `t0()` is Monday 00:00 UTC; `at(d, h)` is day `d` (0 = Monday) at hour `h`.
    fn at(day: i64, hour: i64) -> OffsetDateTime {
        t0() + Duration::days(day) + Duration::hours(hour)
    }

    /// Records one attempt per `(day, hour, drill, score)`; an attempt takes 5 minutes.
    fn progress(attempts: &[(i64, i64, &str, u8)]) -> Progress {
        let mut p = Progress::default();
        for &(d, h, drill, score) in attempts {
            let clock = FixedClock::new(at(d, h));
            p.record(
                draft(drill, at(d, h) - Duration::minutes(5), score, &[]),
                &clock,
            );
        }
        p
    }

    fn s(p: &Progress, now: OffsetDateTime) -> (u32, u32) {
        let st = streak(p, now, UtcOffset::UTC);
        (st.current, st.longest)
    }

    #[test]
    fn consecutive_practice_days_count() {
        let p = progress(&[(0, 10, "a", 80), (1, 10, "b", 80), (2, 10, "c", 80)]);
        assert_eq!(s(&p, at(2, 12)), (3, 3));
        assert_eq!(s(&Progress::default(), at(2, 12)), (0, 0));
    }

    #[test]
    fn a_day_with_nothing_due_is_forgiven_and_counts() {
        // A pass on Monday 10:00 is next due about 2.3 days later (Wednesday). Tuesday had
        // nothing due, so Monday–Tuesday is a two-day streak seen from Wednesday.
        let p = progress(&[(0, 10, "a", 80)]);
        let due = p.schedule().state("part-023", "a").unwrap().due;
        assert!(due > at(2, 0) && due < at(3, 0), "{due}");
        assert_eq!(s(&p, at(2, 1)), (2, 2));
        // Wednesday's review not done: Wednesday is not kept, and the streak ends on Thursday.
        assert_eq!(s(&p, at(2, 23)), (2, 2), "today is still open");
        assert_eq!(s(&p, at(3, 1)), (0, 2));
    }

    #[test]
    fn a_missed_review_breaks_the_streak() {
        // A failure on Monday 10:00 is due again the same day; Tuesday it is overdue and
        // nothing was practised, so Tuesday breaks the streak.
        let p = progress(&[(0, 10, "a", 10)]);
        assert_eq!(s(&p, at(1, 12)), (1, 1));
        assert_eq!(s(&p, at(2, 12)), (0, 1));
        // Practising on Wednesday starts a new streak.
        let p = progress(&[(0, 10, "a", 10), (2, 9, "a", 80)]);
        assert_eq!(s(&p, at(2, 12)), (1, 1));
    }

    #[test]
    fn practice_keeps_a_day_even_with_other_reviews_due() {
        let p = progress(&[
            (0, 10, "a", 10),
            (0, 11, "b", 10),
            (1, 10, "a", 80), // "b" stays overdue, but Tuesday had practice.
        ]);
        assert_eq!(s(&p, at(1, 20)), (2, 2));
        assert_eq!(s(&p, at(2, 20)), (2, 2), "Wednesday not over");
        assert_eq!(s(&p, at(3, 1)), (0, 2));
    }

    #[test]
    fn days_follow_the_learners_offset() {
        // 18:00 UTC Monday and 02:00 UTC Wednesday are Tuesday 01:00 and Wednesday 09:00 in
        // UTC+7: consecutive local days, not a gap.
        let p = progress(&[(0, 18, "a", 80), (2, 2, "b", 80)]);
        let wib = UtcOffset::from_hms(7, 0, 0).unwrap();
        let st = streak(&p, at(2, 3), wib);
        assert_eq!(st.current, 2);
        // In UTC the same attempts sit on Monday and Wednesday, with Tuesday forgiven.
        assert_eq!(s(&p, at(2, 3)), (3, 3));
    }

    #[test]
    fn dates_past_the_calendar_in_local_time_are_ignored_not_a_panic() {
        let text = std::fs::read_to_string("tests/fixtures/progress/one-attempt.toml")
            .unwrap()
            .replace("2026-11-20T10:0", "9999-12-31T23:5");
        let p: Progress = crate::practice::store::parse("f", text.as_bytes()).unwrap();
        let wib = UtcOffset::from_hms(7, 0, 0).unwrap();
        assert_eq!(streak(&p, at(0, 0), wib), Streak::default());
    }
}
