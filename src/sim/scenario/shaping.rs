//! What an intent does to traffic beyond allow/deny, once its point enforces it: route
//! delegation, a canary split and retries. Each reuses the simulator's own machinery (the
//! Gateway's `allowedRoutes`, the requests to the canary, tries that multiply across layers), so
//! the policies, mTLS and faults on the way still decide what happens.

use std::collections::BTreeMap;

use crate::sim::eval::outcome::ProbeResult;
use crate::sim::eval::probe::{Probe, ProbeError};
use crate::sim::eval::wrr::Wrr;
use crate::sim::load::meta::NAMESPACE_NAME_LABEL;
use crate::sim::model::labels::{Op, Selector};
use crate::sim::model::{AllowedFrom, Backend, BackendTarget};
use crate::sim::scenario::enforce::policy_hop;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::intent::{Point, Retry, Split};

/// The probe again, with every Gateway listener admitting routes only from `namespaces`
/// (`allowedRoutes.namespaces.from: Selector` on `kubernetes.io/metadata.name`): a route from
/// any other namespace no longer attaches, so it captures nothing (gateway-api
/// apis/v1/gateway_types.go `RouteNamespaces`).
pub fn delegate(
    sim: &Faulty,
    probe: &Probe,
    namespaces: &[String],
    point: Point,
) -> Result<ProbeResult, ProbeError> {
    let mut delegated = sim.clone();
    let only = Selector {
        match_labels: Vec::new(),
        expressions: vec![(NAMESPACE_NAME_LABEL.to_owned(), Op::In(namespaces.to_vec()))],
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
        policy_hop(
            point,
            "route",
            format!("routes attach only from {}", namespaces.join(", ")),
        ),
    );
    Ok(result)
}

/// Spreads the probe's requests over where they were going and the canary by smooth weighted
/// round robin (exact shares, as for weighted backendRefs). The canary's requests go through the
/// simulator too, so a canary that policy refuses, or that a gateway may not reach, gets no
/// share.
pub fn split(
    sim: &Faulty,
    probe: &Probe,
    split: &Split,
    result: &mut ProbeResult,
    point: Point,
) -> Result<(), ProbeError> {
    let canary = to_canary(sim, probe, &split.backend, result)?;
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
    let percent = split.percent.min(100);
    let weights = [100 - percent, percent];
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
    result.hops.push(policy_hop(
        point,
        "route",
        format!("{percent}% of the requests to {}", split.backend),
    ));
    Ok(())
}

/// One request to the canary, sent the way the request was routed. A request an HTTPRoute rule
/// routed (at a Gateway, or GAMMA in the mesh) goes through that rule with the canary as its
/// backendRef, so a Gateway needs the canary in the route's namespace (a cross-namespace
/// backendRef needs a ReferenceGrant the intent cannot write: 500). Any other request goes
/// from the same client to the canary Service, as the client's proxy would send it.
fn to_canary(
    sim: &Faulty,
    probe: &Probe,
    canary: &str,
    result: &ProbeResult,
) -> Result<ProbeResult, ProbeError> {
    let once = Probe {
        count: 1,
        ..probe.clone()
    };
    let rule = result.route.as_deref().and_then(|r| rule_index(sim, r));
    let svc = canary
        .strip_prefix("svc:")
        .and_then(|r| r.split_once('/'))
        .and_then(|(ns, name)| Some((ns, sim.cluster.service(ns, name)?)));
    let (Some((route, rule)), Some((svc_ns, svc))) = (rule, svc) else {
        return sim.probe(&Probe {
            to: canary.to_owned(),
            ..once
        });
    };
    let mut rerouted = sim.clone();
    let route_ns = sim.cluster.ns_name(sim.cluster.routes[route].ns).to_owned();
    let Some(r) = rerouted.cluster.routes[route].rules.get_mut(rule) else {
        return sim.probe(&once);
    };
    let port = r
        .backends
        .iter()
        .find_map(|b| match b.target {
            BackendTarget::Service { port, .. } => Some(port),
            BackendTarget::Invalid { .. } => None,
        })
        .or(probe.port)
        .unwrap_or(80);
    r.backends = vec![Backend {
        target: BackendTarget::Service {
            svc,
            port,
            granted: svc_ns == route_ns,
        },
        weight: 1,
        display: canary.trim_start_matches("svc:").to_owned(),
        filters: Default::default(),
    }];
    rerouted.probe(&once)
}

/// The (route, rule) indices of `HTTPRoute NS/NAME rule N`, as a result names its rule.
fn rule_index(sim: &Faulty, named: &str) -> Option<(usize, usize)> {
    let rest = named.strip_prefix("HTTPRoute ")?;
    let (route, rule) = rest.split_once(" rule ")?;
    let (ns, name) = route.split_once('/')?;
    let index = sim
        .cluster
        .routes
        .iter()
        .position(|r| r.name == name && sim.cluster.ns_name(r.ns) == ns)?;
    Some((index, rule.parse().ok()?))
}

/// The point adds a retry layer: a request it governs, answered with a 5xx and sent with an
/// idempotent method, is tried `1 + retries` times for every try the layers behind it make
/// (the layers multiply, lesson 14.2). Any other method is tried once: a second `POST` may
/// charge twice.
pub fn retry(retry: &Retry, method: Option<&str>, result: &mut ProbeResult, point: Point) {
    let failed = result.backend.is_some() && result.status.is_some_and(|s| s >= 500);
    if !failed || !retry.covers(method) {
        return;
    }
    let behind = result.tries;
    result.tries = behind.saturating_mul(1 + retry.retries);
    result.hops.push(policy_hop(
        point,
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
