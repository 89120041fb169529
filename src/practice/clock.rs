//! Where "now" comes from. Everything that depends on the time takes a [`Clock`] (or an instant
//! read from one), so tests run on fixed, deterministic instants.

use std::cell::Cell;

use time::{Duration, OffsetDateTime};

pub trait Clock {
    /// The current instant in UTC, to whole seconds (the progress file keeps no sub-seconds).
    fn now(&self) -> OffsetDateTime;
}

/// The system's wall clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        whole_seconds(OffsetDateTime::now_utc())
    }
}

/// A clock that only moves when told to: for tests of the TUI, the scheduler and sessions.
#[derive(Clone, Debug)]
pub struct FixedClock(Cell<OffsetDateTime>);

impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        FixedClock(Cell::new(whole_seconds(at)))
    }

    pub fn advance(&self, by: Duration) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0.get()
    }
}

fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    let utc = t.checked_to_offset(time::UtcOffset::UTC).unwrap_or(t);
    utc.replace_nanosecond(0).unwrap_or(utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let c = FixedClock::new(OffsetDateTime::from_unix_timestamp(1_000).unwrap());
        assert_eq!(c.now().unix_timestamp(), 1_000);
        c.advance(Duration::minutes(25));
        assert_eq!(c.now().unix_timestamp(), 1_000 + 25 * 60);
        assert_eq!(SystemClock.now().nanosecond(), 0);
    }
}
