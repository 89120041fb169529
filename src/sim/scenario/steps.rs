//! Time in a run: invariants checked at their moment or over their window, and `meshlab sim
//! run --until`: the golden metrics and invariants at every step of a timeline.

use serde::Serialize;

use super::Scenario;
use super::faulty::Faulty;
use super::invariant::{Invariant, Outcome};
use super::run::{self, EdgeMetrics};
use super::time::{HOUR, Time};
use super::timeline::Timeline;
use crate::sim::eval::probe::ProbeError;

/// The scenario at one step of `sim run --until`.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub at: Time,
    /// What the timeline changed by this moment (pods created unmeshed, control plane down…).
    pub notes: Vec<String>,
    pub edges: Vec<EdgeMetrics>,
    /// The invariants that apply at this moment (no time of their own, their `at`, or a
    /// `during` window that holds it).
    pub invariants: Vec<Outcome>,
}

/// Checks `invariant` on `sim` (the run's moment), or at its own `at`, or at every moment of
/// its `during` window; a broken window names the first moment it broke.
pub fn check(
    timeline: Option<&Timeline>,
    sim: &Faulty,
    invariant: &Invariant,
) -> Result<Outcome, ProbeError> {
    let request = invariant.request();
    let (Some(timeline), Some(request)) = (timeline, request) else {
        return invariant.check(sim);
    };
    if let Some(at) = request.at {
        let mut outcome = invariant.check(&timeline.at(at))?;
        outcome.invariant = format!("{} at {at}", outcome.invariant);
        return Ok(outcome);
    }
    let Some([from, to]) = request.during else {
        return invariant.check(sim);
    };
    let mut first = None;
    for at in moments(timeline, from, to) {
        let outcome = invariant.check(&timeline.at(at))?;
        if !outcome.held {
            return Ok(Outcome {
                invariant: format!("{} during {from}..{to}", outcome.invariant),
                observed: format!("broke at {at}: {}", outcome.observed),
                ..outcome
            });
        }
        first.get_or_insert(outcome);
    }
    let mut outcome = match first {
        Some(o) => o,
        None => invariant.check(sim)?,
    };
    outcome.invariant = format!("{} during {from}..{to}", outcome.invariant);
    Ok(outcome)
}

/// Every whole hour of the window and every event in it.
fn moments(timeline: &Timeline, from: Time, to: Time) -> Vec<Time> {
    let mut at: Vec<Time> = (from.0.div_euclid(HOUR)..=to.0.div_euclid(HOUR))
        .map(|h| Time(h * HOUR))
        .filter(|t| *t >= from && *t <= to)
        .chain([from, to])
        .chain(
            timeline
                .events()
                .iter()
                .map(|e| e.at)
                .filter(|t| *t >= from && *t <= to),
        )
        .collect();
    at.sort();
    at.dedup();
    at
}

/// `sim run --until UNTIL --step STEP`: the traffic and invariants at 0, STEP, 2×STEP… UNTIL.
pub fn steps(
    timeline: &Timeline,
    scenario: &Scenario,
    requests: u32,
    seed: u64,
    until: Time,
    step: Time,
) -> Result<Vec<Step>, ProbeError> {
    let step = step.0.max(1);
    let mut out = Vec::new();
    let mut at = 0;
    while at <= until.0 {
        let t = Time(at);
        let sim = timeline.at(t);
        let edges = run::edges(&sim, scenario, requests, seed)?;
        let invariants = scenario
            .invariants
            .iter()
            .filter(|i| applies(i, t))
            .map(|i| i.check(&sim))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Step {
            at: t,
            notes: sim.notes,
            edges,
            invariants,
        });
        at += step;
    }
    Ok(out)
}

fn applies(invariant: &Invariant, t: Time) -> bool {
    match invariant.request() {
        Some(r) => match (r.at, r.during) {
            (Some(at), _) => at == t,
            (None, Some([from, to])) => from <= t && t <= to,
            (None, None) => true,
        },
        None => true,
    }
}
