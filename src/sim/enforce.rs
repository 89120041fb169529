//! Running a probe with a policy intent placed at one enforcement point.
//!
//! The probe first runs through the scenario as it is (its own NetworkPolicies, mesh policies,
//! routes); with a delegation rule at a point that can hold one, it runs with the routes that
//! rule admits. If the request still gets through, the intent is evaluated at the chosen point
//! with only what that point can see there, and a denial is shaped the way that point really
//! refuses. A point that enforces the intent then splits, retries and records the requests it
//! governs (`traffic`, `evidence`).

use std::collections::BTreeMap;

use super::evidence;
use super::exec::{Faulty, served_by};
use super::intent::{Intent, Placement, Point, RequestView};
use super::labels::Labels;
use super::mesh::Profile;
use super::model::{Cluster, PodId};
use super::outcome::{Hop, Outcome, ProbeResult, Verdict};
use super::probe::{Probe, ProbeError};
use super::refs::{self, Client, Target};
use super::traffic;

/// Request facts the scenario cannot know: the application's domain state and the client's rate.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub facts: BTreeMap<String, bool>,
    pub rate: Option<u32>,
}

/// The probe's result with the intent applied, and what the point did.
#[derive(Clone, Debug)]
pub struct Enforced {
    pub result: ProbeResult,
    pub placement: Placement,
    /// The record the point left of the request, when the intent asks for one and the request
    /// reached the point.
    pub evidence: Option<String>,
}

pub fn run(
    sim: &Faulty,
    probe: &Probe,
    intent: &Intent,
    point: Point,
    ctx: &Context,
) -> Result<Enforced, ProbeError> {
    let cluster = &sim.cluster;
    let mut result = sim.probe(probe)?;
    let client = refs::resolve_client(cluster, &probe.from)?;
    let target = refs::resolve_target(cluster, client, &probe.to)?.target;
    let dest_pod = served_by(cluster, &result);
    let http = probe.method.is_some() || probe.path.is_some() || !probe.headers.is_empty();
    let on_path = passes(cluster, client, &target, dest_pod, http, point);

    let source = match client {
        Client::Pod(p) => cluster.pods.get(p),
        _ => None,
    };
    let headers: BTreeMap<String, String> = probe.headers.iter().cloned().collect();
    let external_host = match &target {
        Target::External(host) => Some(host.as_str()),
        _ => None,
    };
    // The view outlives the result it was taken from: delegation sends the request again.
    let identity = result.client_identity.clone();
    let view = RequestView {
        destinations: destinations(cluster, probe, &result, dest_pod),
        source_namespace: source.map(|p| cluster.ns_name(p.ns)),
        source_labels: source.map(|p| &p.labels),
        identity: identity.as_deref(),
        port: probe.port,
        method: probe.method.as_deref(),
        path: probe.path.as_deref(),
        headers: Some(&headers),
        external_host,
        rate: ctx.rate,
        facts: Some(&ctx.facts),
    };
    let placement = intent.place(point, on_path, &view);
    let enforced = matches!(placement, Placement::Enforced { .. }) && intent.governs(&view);
    let at = point_name(point);
    if enforced && !intent.delegate_to.is_empty() {
        result = traffic::delegate(sim, probe, &intent.delegate_to, at)?;
    }
    if result.verdict == Verdict::Allowed
        && let Placement::Enforced {
            denied_by: Some(rule),
        } = &placement
    {
        deny(&mut result, point, rule, http);
    }
    if enforced && let Some(split) = &intent.split {
        traffic::split(sim, probe, split, &mut result, at)?;
    }
    if enforced && let Some(retry) = &intent.retry {
        traffic::retry(retry, probe.method.as_deref(), &mut result, at);
    }
    let evidence = (enforced && !intent.record.is_empty())
        .then(|| evidence::record(point, &intent.record, &view, &result))
        .flatten();
    Ok(Enforced {
        result,
        placement,
        evidence,
    })
}

/// Whether a request passes `point` at all on its way.
fn passes(
    cluster: &Cluster,
    client: Client,
    target: &Target,
    dest_pod: Option<PodId>,
    http: bool,
    point: Point,
) -> bool {
    let dest_profile = dest_pod.and_then(|p| cluster.mesh.pod_profile.get(p).copied());
    match point {
        // Every packet to or from a pod crosses the node's datapath.
        Point::Cni => dest_pod.is_some() || matches!(client, Client::Pod(_)),
        Point::MeshIdentity => matches!(
            dest_profile,
            Some(Profile::Linkerd | Profile::IstioSidecar | Profile::IstioAmbient)
        ),
        Point::L7Proxy => http && dest_pod.is_some_and(|p| has_l7_hop(cluster, p)),
        Point::Application => dest_pod.is_some(),
        Point::EgressGateway => matches!(target, Target::External(_)),
        Point::EdgeGateway => {
            matches!(target, Target::Gateway(_)) && matches!(client, Client::External(_))
        }
    }
}

/// An L7 proxy sits in front of the pod: a sidecar (Linkerd, Istio), a waypoint the pod or its
/// namespace opted into (ambient), or the node's Envoy that an L7 rule redirects to (Cilium).
/// Ambient without a waypoint is L4 only (MESH-NOTES.md §4). Service-level `use-waypoint`
/// labels are not modelled yet (the model keeps no Service labels).
fn has_l7_hop(cluster: &Cluster, pod: PodId) -> bool {
    let Some(p) = cluster.pods.get(pod) else {
        return false;
    };
    match cluster.mesh.pod_profile.get(pod).copied() {
        Some(Profile::Linkerd | Profile::IstioSidecar | Profile::Cilium) => true,
        Some(Profile::IstioAmbient) => {
            let uses = |l: &Labels| l.contains_key("istio.io/use-waypoint");
            let ns_uses = cluster
                .namespaces
                .get(p.ns)
                .is_some_and(|n| uses(&n.labels));
            uses(&p.labels) || ns_uses
        }
        _ => false,
    }
}

/// The names an intent's `applies_to` may use for this request's destination.
fn destinations(
    cluster: &Cluster,
    probe: &Probe,
    result: &ProbeResult,
    dest_pod: Option<PodId>,
) -> Vec<String> {
    let mut out = vec![probe.to.clone()];
    if let Some(b) = &result.backend {
        if let Some(svc) = &b.service {
            out.push(format!("svc:{svc}"));
        }
        out.push(b.pod.clone());
    }
    if let Some(p) = dest_pod.and_then(|p| cluster.pods.get(p))
        && let Some(owner) = &p.owner
    {
        out.push(format!("deploy:{}/{owner}", cluster.ns_name(p.ns)));
    }
    out
}

/// Shapes the denial as the point really answers (MESH-NOTES.md §0).
fn deny(result: &mut ProbeResult, point: Point, rule: &str, http: bool) {
    let (outcome, status, how) = match point {
        Point::Cni => (
            Outcome::Timeout,
            None,
            "packet dropped; the client times out",
        ),
        Point::MeshIdentity => (Outcome::Reset, None, "connection reset by the proxy"),
        Point::L7Proxy | Point::Application | Point::EgressGateway if http => {
            (Outcome::HttpError, Some(403), "answered HTTP 403")
        }
        Point::EdgeGateway if http => (Outcome::HttpError, Some(403), "answered HTTP 403"),
        _ => (Outcome::Refused, None, "connection refused"),
    };
    result.verdict = Verdict::Denied;
    result.outcome = outcome;
    result.status = status;
    result.backend = None;
    result
        .decided_by
        .push(format!("policy at {} ({rule})", point_name(point)));
    result.hops.push(Hop {
        component: format!("policy at {}", point_name(point)),
        decision: "deny".into(),
        encrypted: false,
        identity: result.client_identity.clone(),
        reason: format!("{rule}: {how}"),
    });
}

pub fn point_name(point: Point) -> &'static str {
    match point {
        Point::Cni => "cni",
        Point::MeshIdentity => "mesh-identity",
        Point::L7Proxy => "l7-proxy",
        Point::Application => "application",
        Point::EgressGateway => "egress-gateway",
        Point::EdgeGateway => "edge-gateway",
    }
}
