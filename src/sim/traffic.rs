//! What an intent does to traffic beyond allow/deny, once its point enforces it: route
//! delegation, a canary split and retries. Each reuses the simulator's own machinery (the
//! Gateway's `allowedRoutes`, the requests to the canary, tries that multiply across layers), so
//! the policies, mTLS and faults on the way still decide what happens.

use std::collections::BTreeMap;

use super::exec::Faulty;
use super::intent::{Retry, Split};
use super::labels::{Op, Selector};
use super::manifest::NAMESPACE_NAME_LABEL;
use super::model::AllowedFrom;
use super::outcome::{Hop, ProbeResult};
use super::probe::{Probe, ProbeError};
use super::wrr::Wrr;

/// The probe again, with every Gateway listener admitting routes only from `namespaces`
/// (`allowedRoutes.namespaces.from: Selector` on `kubernetes.io/metadata.name`): a route from
/// any other namespace no longer attaches, so it captures nothing (gateway-api
/// apis/v1/gateway_types.go `RouteNamespaces`).
pub fn delegate(
    sim: &Faulty,
    probe: &Probe,
    namespaces: &[String],
    at: &str,
) -> Result<ProbeResult, ProbeError> {
    let mut delegated = sim.clone();
    let only = Selector {
        match_labels: Vec::new(),
        expressions: vec![(
            NAMESPACE_NAME_LABEL.to_owned(),
            Op::In(namespaces.to_vec()),
        )],
    };
    for listener in delegated
        .cluster
        .gateways
        .iter_mut()
        .flat_map(|g| g.listeners.iter_mut())
    {
        listener.allowed = AllowedFrom::Selector(only.clone());
    }
    let mut result = delegated.probe(probe)?;
    result.hops.insert(
        0,
        note(
            at,
            "route",
            format!("routes attach only from {}", namespaces.join(", ")),
        ),
    );
    Ok(result)
}

/// Spreads the probe's requests over where they were going and the canary by smooth weighted
/// round robin (exact shares, as for weighted backendRefs). The canary's requests are sent to
/// it through the simulator, so a canary that policy refuses gets no share.
pub fn split(
    sim: &Faulty,
    probe: &Probe,
    split: &Split,
    result: &mut ProbeResult,
    at: &str,
) -> Result<(), ProbeError> {
    let canary = sim.probe(&Probe {
        to: split.backend.clone(),
        count: 1,
        ..probe.clone()
    })?;
    let canary_key = canary
        .counts
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| split.backend.clone());
    // The stable side keeps its own answers, in order, for the requests it still gets.
    let mut stable = result
        .counts
        .iter()
        .flat_map(|(key, n)| std::iter::repeat_n(key.clone(), *n as usize));
    let weights = [100 - split.percent.min(100), split.percent.min(100)];
    let mut wrr = Wrr::default();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let total: u64 = result.counts.values().sum();
    for _ in 0..total {
        let key = match wrr.next(&weights) {
            Some(1) => canary_key.clone(),
            _ => stable.next().unwrap_or_else(|| canary_key.clone()),
        };
        *counts.entry(key).or_default() += 1;
    }
    result.counts = counts;
    result.hops.push(note(
        at,
        "route",
        format!("{}% of the requests to {}", split.percent, split.backend),
    ));
    Ok(())
}

/// The point adds a retry layer: a request it governs, answered with a 5xx and sent with an
/// idempotent method, is tried `1 + retries` times for every try the layers behind it make
/// (the layers multiply, lesson 14.2). Any other method is tried once: a second `POST` may
/// charge twice.
pub fn retry(retry: &Retry, method: Option<&str>, result: &mut ProbeResult, at: &str) {
    let failed = result.backend.is_some() && result.status.is_some_and(|s| s >= 500);
    if !failed || !retry.covers(method) {
        return;
    }
    let behind = result.tries;
    result.tries = behind.saturating_mul(1 + retry.retries);
    result.hops.push(note(
        at,
        "retry",
        format!(
            "{} retries after HTTP {}: {} × {behind} = {} tries",
            retry.retries,
            result.status.unwrap_or_default(),
            1 + retry.retries,
            result.tries
        ),
    ));
}

fn note(at: &str, decision: &str, reason: String) -> Hop {
    Hop {
        component: format!("policy at {at}"),
        decision: decision.to_owned(),
        encrypted: false,
        identity: None,
        reason,
    }
}
