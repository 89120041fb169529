//! The timeline strip of a time-based drill's result: the events on a time axis (the drill's
//! and those of the answer's fix), and for each probe the moments it broke and held again under
//! the answer. A probe is graded at one moment; the strip shows the whole story around it, so
//! the learner sees *when* an outage began to bite and whether the fix ended it.
//!
//! Computed once, when the answer is graded: the probes are sent at every whole hour from 0 to
//! the last moment the drill names, at every event and the second before it, and at each
//! probe's own moment; where two neighbouring samples differ, the change is narrowed down to the
//! minute. The timeline is a
//! pure function of the moment, so the strip is the same for the same answer, always.

use serde::Serialize;

use super::exercise::{Exercise, ProbeSpec};
use super::grade::{self, GradeError};
use crate::sim::scenario::time::{HOUR, Time};
use crate::sim::scenario::timeline::Timeline;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Strip {
    /// The axis runs from 0 to here: the last event or probe moment.
    pub end: Time,
    /// In time order; events at the same moment in the order written.
    pub events: Vec<Mark>,
    /// One per probe, in the drill's order.
    pub lanes: Vec<Lane>,
}

/// An event on the axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub at: Time,
    /// Its `type` as written in files (`control-plane-down`).
    pub kind: String,
}

/// One probe along the axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lane {
    pub probe: String,
    /// The moment it is graded at.
    pub at: Time,
    /// Whether it holds at 0.
    pub held_at_start: bool,
    /// Each moment it broke (`held: false`) or held again (`held: true`), in time order.
    pub changes: Vec<Turn>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Turn {
    pub at: Time,
    pub held: bool,
}

impl Lane {
    /// Whether the probe holds at `t`.
    pub fn held_at(&self, t: Time) -> bool {
        self.changes
            .iter()
            .rev()
            .find(|c| c.at <= t)
            .map_or(self.held_at_start, |c| c.held)
    }
}

/// The strip of `ex`'s probes on `timeline` (the drill's events and the answer's); `moment` is
/// where a probe without its own `at` is sent.
pub fn strip(timeline: &Timeline, ex: &Exercise, moment: Time) -> Result<Strip, GradeError> {
    let at = |spec: &ProbeSpec| spec.at.unwrap_or(moment);
    let end = ex
        .probes
        .iter()
        .map(at)
        .chain([timeline.end(), moment])
        .max()
        .unwrap_or_default();
    let mut samples: Vec<Time> = (0..=end.0 / HOUR).map(Time::hours).collect();
    // Just before each event too: between events only the clocks move, so a probe that breaks
    // on its own and is mended by an event (a fix) is seen broken there.
    for e in timeline.events() {
        samples.extend([Time(e.at.0 - 1), e.at]);
    }
    samples.extend(ex.probes.iter().map(at));
    samples.push(end);
    samples.retain(|t| (Time(0)..=end).contains(t));
    samples.sort();
    samples.dedup();
    // Every probe at every sample: one cluster per moment.
    let mut states: Vec<Vec<bool>> = vec![Vec::with_capacity(samples.len()); ex.probes.len()];
    for t in &samples {
        let sim = timeline.at(*t);
        for (spec, lane) in ex.probes.iter().zip(&mut states) {
            lane.push(holds(&sim, spec)?);
        }
    }
    let mut lanes = Vec::new();
    for (spec, held) in ex.probes.iter().zip(&states) {
        let mut changes = Vec::new();
        for (i, pair) in held.windows(2).enumerate() {
            if pair[0] != pair[1] {
                let at = narrow(timeline, spec, samples[i], samples[i + 1], pair[0])?;
                changes.push(Turn { at, held: pair[1] });
            }
        }
        lanes.push(Lane {
            probe: spec.name.clone(),
            at: at(spec),
            held_at_start: held.first().copied().unwrap_or(true),
            changes,
        });
    }
    let events = timeline
        .events()
        .iter()
        .filter(|e| e.at <= end)
        .map(|e| Mark {
            at: e.at,
            kind: e.change.kind().to_string(),
        })
        .collect();
    Ok(Strip { end, events, lanes })
}

fn holds(sim: &crate::sim::scenario::faulty::Faulty, spec: &ProbeSpec) -> Result<bool, GradeError> {
    let result = sim
        .probe(&grade::to_probe(spec))
        .map_err(|e| GradeError(format!("probe `{}`: {e}", spec.name)))?;
    Ok(grade::report_probe(spec, result, None, None).held)
}

/// The first moment after `from` (where the probe's state was `was`) and up to `to` (where it
/// had changed) at which it changed, to the minute.
fn narrow(
    timeline: &Timeline,
    spec: &ProbeSpec,
    from: Time,
    to: Time,
    was: bool,
) -> Result<Time, GradeError> {
    let (mut lo, mut hi) = (from.0, to.0);
    while hi - lo > 60 {
        let mid = lo + ((hi - lo) / 120).max(1) * 60;
        if holds(&timeline.at(Time(mid)), spec)? == was {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(Time(hi))
}
