//! Running a probe with a policy intent placed at one enforcement point.
//!
//! The probe first runs through the scenario as it is (its own NetworkPolicies, mesh policies,
//! routes); with a delegation rule at a point that can hold one, it runs with the routes that
//! rule admits. If the request still gets through, the intent is evaluated at the chosen point
//! with only what that point can see there, and a denial is shaped the way that point really
//! refuses. A point that enforces the intent then splits, retries and records the requests it
//! governs (`traffic`, `evidence`).

use std::collections::BTreeMap;

use crate::sim::eval::outcome::{Hop, Outcome, ProbeResult, Verdict};
use crate::sim::eval::probe::{Probe, ProbeError};
use crate::sim::eval::refs::{self, Client, Target};
use crate::sim::model::labels::Labels;
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, PodId};
use crate::sim::scenario::evidence;
use crate::sim::scenario::faulty::{Faulty, served_by};
use crate::sim::scenario::intent::{Intent, Placement, Point, RequestView};
use crate::sim::scenario::shaping;

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
    if enforced && !intent.delegate_to.is_empty() {
        result = shaping::delegate(sim, probe, &intent.delegate_to, point)?;
    }
    if result.verdict == Verdict::Allowed
        && let Placement::Enforced {
            denied_by: Some(rule),
        } = &placement
    {
        deny(&mut result, point, rule, http);
    }
    if enforced && let Some(split) = &intent.split {
        shaping::split(sim, probe, split, &mut result, point)?;
    }
    if enforced && let Some(retry) = &intent.retry {
        shaping::retry(retry, probe.method.as_deref(), &mut result, point);
    }
    let evidence = (enforced && !intent.record.is_empty())
        .then(|| evidence::record(point, &intent.record, &view, &result));
    if let Some(record) = &evidence {
        result
            .hops
            .push(policy_hop(point, "record", record.clone()));
    }
    Ok(Enforced {
        result,
        placement,
        evidence,
    })
}

/// Whether a request passes `point` at all on its way. Read off where it stopped: a request
/// the datapath dropped, or a proxy refused, has no destination pod, so it never reaches the
/// proxies and the application in front of one.
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
            matches!(target, Target::Gateway(_) | Target::IstioGateway(_))
                && matches!(client, Client::External(_))
        }
    }
}

/// An L7 proxy sits in front of the pod: a sidecar (Linkerd, Istio), a waypoint the pod or its
/// namespace opted into (ambient), or the node's Envoy that an L7 rule redirects to (Cilium).
/// Ambient without a waypoint is L4 only (MESH-NOTES.md §4). Service-level `use-waypoint`
/// labels are not modeled yet (the model keeps no Service labels).
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
        && let Some(owner) = p.owner_name()
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
    // The policy answers instead of the application (at the application itself, or before
    // the request reaches it): the application's own answer is no step of this path.
    if let Some(i) = result
        .hops
        .iter()
        .rposition(|h| h.component.starts_with("app ") && h.decision == "answer")
    {
        result.hops.truncate(i);
    }
    result
        .decided_by
        .push(format!("policy at {} ({rule})", point_name(point)));
    result.hops.push(Hop {
        component: format!("policy at {}", point_name(point)),
        decision: "deny".into(),
        encrypted: false,
        identity: result.client_identity.clone(),
        reason: format!("{rule}: {how}"),
        proxy: None,
    });
}

/// A step the policy at `point` took, for the trace.
pub(super) fn policy_hop(point: Point, decision: &'static str, reason: String) -> Hop {
    Hop {
        component: format!("policy at {}", point_name(point)),
        decision: decision.into(),
        encrypted: false,
        identity: None,
        reason,
        proxy: None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::load::{self, LoadOptions, Source};
    use crate::sim::scenario::faulty::served;
    use crate::sim::scenario::intent::{Attribute, Retry, Split};

    /// `checkout` calls `payment` (v1) with `payment-v2` beside it and a `flaky` service that
    /// answers 503; the edge Gateway routes `/` to `frontend` and `/shop` to `checkout`, and a
    /// route from `legacy` hijacks `/shop/cart`; only `payment` may reach `ledger` (a
    /// NetworkPolicy).
    const CLUSTER: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: web}
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: v1
kind: Namespace
metadata: {name: edge}
---
apiVersion: v1
kind: Namespace
metadata: {name: ledger}
"#;

    fn app(ns: &str, name: &str, annotations: &str) -> String {
        format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n  \
             labels: {{app: {name}}}\n  annotations: {{{annotations}}}\nspec:\n  \
             containers: [{{name: app, image: x, ports: [{{name: http, containerPort: 8080}}]}}]\n\
             ---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\n\
             spec:\n  selector: {{app: {name}}}\n  \
             ports: [{{name: http, port: 8080, targetPort: http, appProtocol: http}}]\n"
        )
    }

    const EDGE: &str = r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: edge
  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: frontend, namespace: web}
spec:
  parentRefs: [{name: public, namespace: edge}]
  rules: [{backendRefs: [{name: frontend, port: 8080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: edge}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /shop}}]
    backendRefs: [{name: checkout, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: cart-experiment, namespace: legacy}
spec:
  parentRefs: [{name: public, namespace: edge}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /shop/cart}}]
    backendRefs: [{name: cart, port: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ledger-from-payment, namespace: ledger}
spec:
  podSelector: {matchLabels: {app: ledger}}
  policyTypes: [Ingress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}]
"#;

    fn sim(mesh: Profile) -> Faulty {
        let mut yaml = CLUSTER.to_owned();
        for (ns, name, annotations) in [
            ("web", "frontend", ""),
            ("web", "frontend-v2", ""),
            ("shop", "checkout", ""),
            ("shop", "payment", ""),
            ("shop", "payment-v2", ""),
            ("shop", "flaky", "sim.meshlab.io/response-status: \"503\""),
            ("legacy", "cart", ""),
            ("ledger", "ledger", ""),
        ] {
            yaml.push_str(&app(ns, name, annotations));
        }
        yaml.push_str(EDGE);
        let cluster = load::load(
            &[Source {
                name: "c.yaml".into(),
                bytes: yaml.into_bytes(),
            }],
            &LoadOptions { mesh: Some(mesh) },
        )
        .unwrap();
        Faulty::new(cluster, Vec::new())
    }

    fn request(from: &str, to: &str, method: &str, path: &str, count: u32) -> Probe {
        Probe {
            from: from.into(),
            to: to.into(),
            port: Some(if to.starts_with("gw:") { 80 } else { 8080 }),
            method: Some(method.into()),
            path: Some(path.into()),
            count,
            ..Probe::default()
        }
    }

    fn place(sim: &Faulty, probe: &Probe, intent: &Intent, point: Point) -> Enforced {
        run(sim, probe, intent, point, &Context::default()).unwrap()
    }

    fn split_to(backend: &str, applies_to: &str) -> Intent {
        Intent {
            split: Some(Split {
                backend: backend.into(),
                percent: 10,
            }),
            applies_to: vec![applies_to.into()],
            ..Intent::default()
        }
    }

    fn share(r: &ProbeResult, backend: &str) -> f64 {
        let total: u64 = r.counts.values().sum();
        r.counts.get(backend).copied().unwrap_or(0) as f64 / total as f64
    }

    #[test]
    fn a_split_holds_where_requests_are_routed_and_nowhere_else() {
        let sim = sim(Profile::IstioSidecar);
        let intent = split_to("svc:shop/payment-v2", "svc:shop/payment");
        let east_west = request("shop/checkout", "svc:shop/payment", "GET", "/", 100);
        let at = |point| place(&sim, &east_west, &intent, point);

        let l7 = at(Point::L7Proxy);
        assert_eq!(l7.placement, Placement::Enforced { denied_by: None });
        assert_eq!(share(&l7.result, "shop/payment-v2"), 0.1);
        assert_eq!(share(&l7.result, "shop/payment"), 0.9);
        // Same input, same output: the split is smooth weighted round robin, not chance.
        assert_eq!(at(Point::L7Proxy).result, l7.result);

        // Packets and L4 connections cannot be split per request: everything stays on v1.
        for point in [Point::Cni, Point::MeshIdentity, Point::Application] {
            let r = at(point);
            assert_eq!(
                r.placement,
                Placement::NotEnforceable {
                    missing: vec![Attribute::Backend]
                },
                "{point:?}"
            );
            assert_eq!(share(&r.result, "shop/payment"), 1.0, "{point:?}");
        }
        // East-west traffic never crosses the edge.
        let edge = at(Point::EdgeGateway);
        assert_eq!(edge.placement, Placement::NotOnPath);
        assert_eq!(share(&edge.result, "shop/payment-v2"), 0.0);

        // North-south traffic does: the edge gateway splits it.
        let public = split_to("svc:web/frontend-v2", "gw:edge/public");
        let north_south = request("203.0.113.10", "gw:edge/public", "GET", "/", 100);
        let r = place(&sim, &north_south, &public, Point::EdgeGateway);
        assert_eq!(r.placement, Placement::Enforced { denied_by: None });
        assert_eq!(
            share(&r.result, "web/frontend-v2"),
            0.1,
            "{:?}",
            r.result.counts
        );
    }

    #[test]
    fn retries_take_an_l7_hop_and_skip_what_is_not_idempotent() {
        let sim = sim(Profile::IstioSidecar);
        let intent = Intent {
            retry: Some(Retry {
                methods: vec!["GET".into()],
                retries: 2,
            }),
            ..Intent::default()
        };
        let tries = |method: &str, point| {
            let probe = request("shop/checkout", "svc:shop/flaky", method, "/items", 1);
            let r = place(&sim, &probe, &intent, point);
            (r.placement, r.result.tries)
        };
        let enforced = Placement::Enforced { denied_by: None };
        assert_eq!(tries("GET", Point::L7Proxy), (enforced.clone(), 3));
        assert_eq!(tries("POST", Point::L7Proxy), (enforced.clone(), 1));
        assert_eq!(tries("GET", Point::Application), (enforced, 3));
        let (placement, n) = tries("GET", Point::Cni);
        assert!(matches!(placement, Placement::NotEnforceable { .. }));
        assert_eq!(n, 1);
        assert_eq!(tries("GET", Point::EdgeGateway).0, Placement::NotOnPath);
    }

    #[test]
    fn only_the_datapath_records_what_it_dropped() {
        let sim = sim(Profile::Cilium);
        let flows = Intent {
            record: vec![Attribute::SourceNamespace, Attribute::Port],
            ..Intent::default()
        };
        let dropped = request("web/frontend", "svc:ledger/ledger", "GET", "/entries", 1);
        let cni = place(&sim, &dropped, &flows, Point::Cni);
        assert!(!served(&cni.result));
        let record = cni.evidence.expect("the CNI saw the packet it dropped");
        assert_eq!(record, "flow: source-namespace=web port=8080 → DROPPED");
        // The node's Envoy would be on the path, but the packet never got to it.
        let l7 = place(&sim, &dropped, &flows, Point::L7Proxy);
        assert_eq!(l7.placement, Placement::NotOnPath);
        assert_eq!(l7.evidence, None);

        // Request semantics: only a point that parses HTTP can write method, path and status.
        let requests = Intent {
            record: vec![Attribute::Method, Attribute::Path, Attribute::Status],
            ..Intent::default()
        };
        let ok = request("shop/payment", "svc:ledger/ledger", "POST", "/entries", 1);
        let l7 = place(&sim, &ok, &requests, Point::L7Proxy);
        assert_eq!(
            l7.evidence.as_deref(),
            Some("access log: method=POST path=/entries status=200")
        );
        let cni = place(&sim, &ok, &requests, Point::Cni);
        assert!(matches!(cni.placement, Placement::NotEnforceable { .. }));
        assert_eq!(cni.evidence, None);
    }

    /// Issue 18: an application-level deny showed the application answering 200 before the
    /// policy's 403. The policy's answer stands in for the application's.
    #[test]
    fn a_deny_replaces_the_applications_answer() {
        let sim = sim(Profile::IstioSidecar);
        let intent = Intent {
            deny: vec![crate::sim::scenario::intent::Rule {
                methods: vec!["POST".into()],
                ..Default::default()
            }],
            applies_to: vec!["svc:ledger/ledger".into()],
            ..Intent::default()
        };
        let probe = request("shop/payment", "svc:ledger/ledger", "POST", "/entries", 1);
        for point in [Point::Application, Point::L7Proxy] {
            let r = place(&sim, &probe, &intent, point).result;
            assert_eq!(r.status, Some(403), "{point:?}");
            let last = r.hops.last().expect("hops");
            assert_eq!(last.decision, "deny", "{point:?}");
            assert!(
                !r.hops
                    .iter()
                    .any(|h| h.component.starts_with("app ") && h.decision == "answer"),
                "{point:?}: {:?}",
                r.hops
            );
        }
    }

    #[test]
    fn only_the_gateway_can_delegate_routes_to_namespaces() {
        let sim = sim(Profile::IstioSidecar);
        let intent = Intent {
            delegate_to: vec!["web".into(), "shop".into()],
            ..Intent::default()
        };
        let cart = request("203.0.113.10", "gw:edge/public", "GET", "/shop/cart", 1);
        let answered_by = |r: &Enforced| r.result.backend.clone().and_then(|b| b.service);

        let edge = place(&sim, &cart, &intent, Point::EdgeGateway);
        assert_eq!(edge.placement, Placement::Enforced { denied_by: None });
        assert_eq!(answered_by(&edge).as_deref(), Some("shop/checkout"));
        // Without the Gateway's allowedRoutes the more specific route from `legacy` wins.
        let l7 = place(&sim, &cart, &intent, Point::L7Proxy);
        assert_eq!(
            l7.placement,
            Placement::NotEnforceable {
                missing: vec![Attribute::RouteOwner]
            }
        );
        assert_eq!(answered_by(&l7).as_deref(), Some("legacy/cart"));
    }
}
