//! `meshlab sim run`: the scenario's traffic through the (faulty) cluster, summarised the way an
//! operator reads a mesh: golden metrics per edge, flows, proxy access logs, a pod inventory, and
//! whether each invariant held.
//!
//! Latency comes from the cost model of [`crate::sim::eval::latency`] (each request's `latency_us`); a
//! seeded generator spreads the requests around it (±10%, with 2% of requests three times
//! slower), so the same scenario and seed always give the same percentiles.

use crate::sim::scenario::probes::{RejectedObject, WarningObject};
use serde::Serialize;

use crate::sim::eval::outcome::{ProbeResult, Verdict};
use crate::sim::eval::probe::{Probe, ProbeError};
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::invariant;
use crate::sim::scenario::steps;
use crate::sim::scenario::timeline::Timeline;
use crate::sim::scenario::{Scenario, Traffic};

#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    pub seed: u64,
    pub requests_per_edge: u32,
    /// Objects of the scenario's manifests the API server would refuse.
    pub rejected: Vec<RejectedObject>,
    /// What the load could not model (the same warnings `sim probe` prints).
    pub warnings: Vec<WarningObject>,
    /// What the faults changed before any request.
    pub notes: Vec<String>,
    pub edges: Vec<EdgeMetrics>,
    pub flows: Vec<Flow>,
    pub access_log: Vec<String>,
    pub inventory: Vec<PodRow>,
    pub invariants: Vec<invariant::Outcome>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EdgeMetrics {
    pub from: String,
    pub to: String,
    pub requests: u32,
    /// Fraction of requests answered without an error.
    pub success_rate: f64,
    pub rps: u32,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    /// Retries sent beyond the requests' first tries (a ServiceProfile's budget caps them).
    #[serde(skip_serializing_if = "is_zero")]
    pub retries: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A Hubble-like flow record for the first request of an edge.
#[derive(Clone, Debug, Serialize)]
pub struct Flow {
    pub source: String,
    pub destination: String,
    /// `FORWARDED` or `DROPPED`.
    pub verdict: &'static str,
    pub drop_reason: Option<String>,
    pub source_identity: Option<String>,
    /// `L7` when an HTTP request was seen, else `L4`.
    pub layer: &'static str,
    pub summary: String,
}

/// A line of `kubectl get pods -A`.
#[derive(Clone, Debug, Serialize)]
pub struct PodRow {
    pub namespace: String,
    pub name: String,
    /// Ready containers / containers: the app plus a sidecar where one is injected.
    pub ready: String,
    pub status: &'static str,
    pub node: String,
    pub data_plane: String,
}

pub fn run(
    sim: &Faulty,
    scenario: &Scenario,
    requests: u32,
    seed: u64,
) -> Result<RunReport, ProbeError> {
    run_on(None, sim, scenario, requests, seed)
}

/// [`run`] on a timeline: `sim` is the cluster at the run's moment, and invariants with their
/// own `at` or `during` are checked at those moments.
pub fn run_on(
    timeline: Option<&Timeline>,
    sim: &Faulty,
    scenario: &Scenario,
    requests: u32,
    seed: u64,
) -> Result<RunReport, ProbeError> {
    let requests = requests.max(1);
    let mut rng = SplitMix(seed);
    let mut edges = Vec::new();
    let mut flows = Vec::new();
    let mut access_log = Vec::new();
    for traffic in &scenario.traffic {
        let result = sim.probe_paced(&probe_of(traffic, requests), f64::from(traffic.rps))?;
        edges.push(metrics(traffic, &result, requests, &mut rng));
        flows.push(flow(traffic, &result));
        access_log.extend(access_lines(traffic, &result));
    }
    let invariants = scenario
        .invariants
        .iter()
        .map(|i| steps::check(timeline, sim, i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RunReport {
        seed,
        requests_per_edge: requests,
        rejected: sim.cluster.rejected.iter().map(Into::into).collect(),
        warnings: sim.cluster.warnings.iter().map(Into::into).collect(),
        notes: sim.notes.clone(),
        edges,
        flows,
        access_log,
        inventory: inventory(sim),
        invariants,
    })
}

/// The golden metrics of the scenario's traffic through `sim`.
pub fn edges(
    sim: &Faulty,
    scenario: &Scenario,
    requests: u32,
    seed: u64,
) -> Result<Vec<EdgeMetrics>, ProbeError> {
    let requests = requests.max(1);
    let mut rng = SplitMix(seed);
    scenario
        .traffic
        .iter()
        .map(|traffic| {
            let result = sim.probe(&probe_of(traffic, requests))?;
            Ok(metrics(traffic, &result, requests, &mut rng))
        })
        .collect()
}

pub fn probe_of(t: &Traffic, count: u32) -> Probe {
    Probe {
        from: t.from.clone(),
        to: t.to.clone(),
        port: t.port,
        protocol: t.protocol,
        method: t.method.clone(),
        path: t.path.clone(),
        headers: t
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        delay_ms: t.delay_ms,
        count,
        ..Probe::default()
    }
}

fn metrics(t: &Traffic, r: &ProbeResult, requests: u32, rng: &mut SplitMix) -> EdgeMetrics {
    // Success as the meshes' own metrics count it: an application answered, and not with a
    // server error (an app answering 500 to everything is 0% successful).
    let answered = u64::from(requests).saturating_sub(r.failed_requests);
    let base = r.latency_us as f64 / 1000.0;
    let mut samples: Vec<f64> = (0..requests)
        .map(|_| {
            let jitter = 1.0 + 0.2 * (rng.unit() - 0.5);
            let tail = if rng.unit() < 0.02 { 3.0 } else { 1.0 };
            base * jitter * tail
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        let i = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1;
        (samples[i] * 100.0).round() / 100.0
    };
    EdgeMetrics {
        from: t.from.clone(),
        to: t.to.clone(),
        requests,
        success_rate: answered as f64 / f64::from(requests),
        rps: t.rps,
        p50_ms: pct(0.50),
        p95_ms: pct(0.95),
        p99_ms: pct(0.99),
        retries: r.retries,
    }
}

fn flow(t: &Traffic, r: &ProbeResult) -> Flow {
    let stop = r
        .hops
        .iter()
        .rev()
        .find(|h| matches!(h.decision.as_ref(), "drop" | "deny" | "reset" | "reject"));
    let drop_reason = match (r.verdict, stop) {
        (Verdict::Allowed, _) => None,
        (_, Some(h)) if h.component.starts_with("CNI") => Some("POLICY_DENIED".to_string()),
        (_, Some(h)) if h.component == "fault" => Some("FAULT".to_string()),
        (_, Some(_)) => Some("POLICY_DENIED (L7)".to_string()),
        (_, None) => Some(format!("{:?}", r.outcome).to_uppercase()),
    };
    Flow {
        source: t.from.clone(),
        destination: t.to.clone(),
        verdict: if r.verdict == Verdict::Allowed {
            "FORWARDED"
        } else {
            "DROPPED"
        },
        drop_reason,
        source_identity: r.client_identity.clone(),
        // A flow is L7 only where an HTTP-aware proxy read the request: ztunnel and the CNI
        // see connections, never methods or paths.
        layer: if (t.method.is_some() || t.path.is_some())
            && r.hops.iter().any(|h| reads_http(&h.component))
        {
            "L7"
        } else {
            "L4"
        },
        summary: stop
            .or(r.hops.last())
            .map(|h| format!("{}: {}", h.component, h.reason))
            .unwrap_or_default(),
    }
}

/// The proxies that parse HTTP: sidecars, waypoints, gateways and Cilium's node Envoy.
fn reads_http(component: &str) -> bool {
    [
        "istio-proxy",
        "linkerd-proxy",
        "waypoint",
        "cilium node Envoy",
        "gateway",
        "envoy",
    ]
    .iter()
    .any(|p| component.starts_with(p))
}

/// One line per proxy that handled the request, in the spirit of each proxy's access log:
/// Envoy and linkerd-proxy log the HTTP request and its status; ztunnel is an L4 proxy and
/// logs the connection with its peer identities, never a method or a path (its
/// `connection complete` lines, istio.io ambient "ztunnel traffic redirection" and
/// troubleshooting docs).
fn access_lines(t: &Traffic, r: &ProbeResult) -> Vec<String> {
    let request = format!(
        "\"{} {}\"",
        t.method.as_deref().unwrap_or("GET"),
        t.path.as_deref().unwrap_or("/")
    );
    let status = r.status.map_or_else(|| "-".to_string(), |s| s.to_string());
    r.hops
        .iter()
        .filter(|h| h.component.starts_with("ztunnel") || reads_http(&h.component))
        .map(|h| {
            // An inbound proxy's peer is the client; it knows the client's identity when the
            // connection was mutual TLS, even where the hop did not record it itself.
            let inbound = h.component.contains("inbound");
            let peer = h
                .identity
                .as_deref()
                .or(r.client_identity.as_deref().filter(|_| inbound))
                .unwrap_or("-");
            if h.component.starts_with("ztunnel") {
                let direction = if inbound { "inbound" } else { "outbound" };
                let end = match h.decision.as_ref() {
                    "deny" | "drop" | "reset" => {
                        " error=\"connection closed due to policy rejection\""
                    }
                    _ => "",
                };
                format!(
                    "[{}] connection complete src.identity={} direction={direction}{end}",
                    h.component,
                    r.client_identity.as_deref().unwrap_or("-"),
                )
            } else {
                format!(
                    "[{}] {request} {status} {} peer={peer}",
                    h.component, h.decision
                )
            }
        })
        .collect()
}

pub fn inventory(sim: &Faulty) -> Vec<PodRow> {
    let cluster = &sim.cluster;
    cluster
        .pods
        .iter()
        .enumerate()
        .filter(|(i, _)| !sim.absent.contains(i))
        .map(|(i, pod)| {
            let profile = cluster
                .mesh
                .pod_profile
                .get(i)
                .copied()
                .unwrap_or(Profile::None);
            let containers =
                1 + usize::from(matches!(profile, Profile::Linkerd | Profile::IstioSidecar));
            let ready = if sim.not_ready.contains(&i) || cluster.unready.contains_key(&i) {
                containers - 1
            } else {
                containers
            };
            PodRow {
                namespace: cluster.ns_name(pod.ns).to_string(),
                name: pod.name.clone(),
                ready: format!("{ready}/{containers}"),
                status: "Running",
                node: cluster
                    .nodes
                    .get(pod.node)
                    .map_or_else(String::new, |n| n.name.clone()),
                data_plane: profile.to_string(),
            }
        })
        .collect()
}

/// A small deterministic generator (SplitMix64): the same seed, the same numbers, everywhere.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}
