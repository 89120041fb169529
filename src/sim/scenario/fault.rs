//! Faults: what goes wrong in a mesh, and the symptoms an operator really sees
//! (lesson section 12; MESH-NOTES.md §1-§4, §6 items 7 and 8).
//!
//! Some faults change the cluster before any request is sent (a pod that lost its sidecar, pods
//! a failed webhook never created, routes a controller refused). The others act on a request
//! that crosses the faulty component (an expired certificate, a crashed node agent): they turn
//! the request's result into the failure the client would see.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::sim::eval::outcome::{Hop, Outcome, ProbeResult, Verdict};
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, PodId};
use crate::sim::scenario::event::Agent;

/// Hours after which the workload certificates of Istio and Linkerd have expired once nothing
/// renews them (24h lifetime; Istio renews at 50%, Linkerd at 70%: MESH-NOTES.md §6 item 7).
pub const CERT_LIFETIME_HOURS: u32 = 24;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Fault {
    /// The workload's pods started before its namespace was enrolled, so they have no sidecar.
    InjectionDrift { workload: String },
    /// The injection webhook was down while the namespace's pods were (re)created. Linkerd's
    /// default `failurePolicy: Ignore` starts them unmeshed; Istio's `Fail` never creates them.
    WebhookDown { namespace: String },
    /// The workload's proxy presents an expired certificate: every mTLS handshake with it fails.
    CertExpired { workload: String },
    /// Workloads in this namespace were issued certificates from a root their peers do not
    /// trust: mTLS between the namespace and the rest fails.
    TrustBundleMismatch { namespace: String },
    /// The identity issuer (Linkerd identity, istiod's CA) has been down for `hours`. Existing
    /// certificates keep working until they expire; `new_workloads` never get one.
    IdentityIssuerDown {
        hours: u32,
        #[serde(default)]
        new_workloads: Vec<String>,
    },
    /// Linkerd's identity issuer certificate expired `hours` ago. Every leaf it issued was
    /// capped at its expiry (linkerd2 pkg/tls/ca.go), so every proxy certificate has expired
    /// with it: mTLS between meshed pods fails, and `new_workloads` never get a certificate.
    IssuerCertExpired {
        hours: u32,
        #[serde(default)]
        new_workloads: Vec<String>,
    },
    /// The control plane has been down for `hours`: data planes keep their last configuration
    /// (Envoy latches it, Linkerd caches it), certificates are not renewed, new pods of
    /// `new_workloads` are not injected or not admitted.
    ControlPlaneDown {
        hours: u32,
        #[serde(default)]
        new_workloads: Vec<String>,
    },
    /// The node's agent crashed: ztunnel (ambient: every ambient connection on the node fails
    /// closed) or cilium-agent (L3/L4 keeps working, L7-proxied connections reset, lookups
    /// through its DNS proxy go unanswered); without `agent`, whichever the node runs.
    NodeAgentDown {
        node: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        agent: Option<Agent>,
    },
    /// Cilium has not yet updated the workload's security identity, so label-based allows do
    /// not match it and its packets are dropped where a policy selects the peer.
    StaleIdentity { workload: String },
    /// The Gateway API controller does not implement this feature: routes that use it are not
    /// accepted (and so never route).
    GatewayFeatureUnsupported { feature: GatewayFeature },
    /// The workload's proxies are older than the control plane and rejected the newest
    /// configuration, so the Istio AuthorizationPolicies that select them are not in force
    /// (`istioctl proxy-status` shows them STALE). The simulator keeps one rule set per
    /// policy, so a policy that selects the workload is dropped as a whole.
    VersionSkew { workload: String },
}

impl Fault {
    /// The fault's `type` as written in files.
    pub fn kind(&self) -> &'static str {
        match self {
            Fault::InjectionDrift { .. } => "injection-drift",
            Fault::WebhookDown { .. } => "webhook-down",
            Fault::CertExpired { .. } => "cert-expired",
            Fault::TrustBundleMismatch { .. } => "trust-bundle-mismatch",
            Fault::IdentityIssuerDown { .. } => "identity-issuer-down",
            Fault::IssuerCertExpired { .. } => "issuer-cert-expired",
            Fault::ControlPlaneDown { .. } => "control-plane-down",
            Fault::NodeAgentDown { .. } => "node-agent-down",
            Fault::StaleIdentity { .. } => "stale-identity",
            Fault::GatewayFeatureUnsupported { .. } => "gateway-feature-unsupported",
            Fault::VersionSkew { .. } => "version-skew",
        }
    }

    /// The workload (`NS/NAME`) a fault of one workload is on.
    pub fn workload(&self) -> Option<&str> {
        match self {
            Fault::InjectionDrift { workload }
            | Fault::CertExpired { workload }
            | Fault::StaleIdentity { workload }
            | Fault::VersionSkew { workload } => Some(workload),
            _ => None,
        }
    }

    /// Whether a fix's `clears` entry removes this fault: `TYPE` removes every fault of that
    /// type, `TYPE@NS/NAME` only the one on that workload (restarting one Deployment renews
    /// its pods, not its neighbours').
    pub fn cleared_by(&self, clear: &str) -> bool {
        match clear.split_once('@') {
            Some((kind, on)) => kind == self.kind() && self.workload() == Some(on),
            None => clear == self.kind(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GatewayFeature {
    /// `timeouts.request` (Gateway API extended feature HTTPRouteRequestTimeout).
    RequestTimeout,
    /// Method matches (HTTPRouteMethodMatching).
    MethodMatching,
    /// Query parameter matches (HTTPRouteQueryParamMatching).
    QueryParamMatching,
    /// Request/response header modifiers.
    HeaderModifier,
    /// Routes attached to a Service (GAMMA mesh routing).
    MeshRouting,
}

/// `NS/NAME` of a Deployment: does this pod belong to it?
pub(crate) fn belongs(cluster: &Cluster, pod: PodId, workload: &str) -> bool {
    let Some(p) = cluster.pods.get(pod) else {
        return false;
    };
    let (ns, name) = workload.split_once('/').unwrap_or(("", workload));
    cluster.ns_name(p.ns) == ns && (p.owner_name() == Some(name) || p.name == name)
}

pub(crate) fn sidecar(profile: Profile) -> bool {
    matches!(profile, Profile::Linkerd | Profile::IstioSidecar)
}

/// What the faults did to the cluster before any request.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    pub notes: Vec<String>,
    /// Pods that run but never became ready (no Service sends them traffic).
    pub not_ready: BTreeSet<PodId>,
    /// Pods that were never created (a webhook with `failurePolicy: Fail` refused them).
    pub absent: BTreeSet<PodId>,
    /// Routes the controller did not accept: `NS/NAME` and why.
    pub unaccepted: Vec<(String, String)>,
    /// AuthorizationPolicies stale proxies do not enforce: still objects in the API server.
    pub not_enforced: Vec<crate::sim::model::istio::AuthorizationPolicy>,
    /// The routes the controller refused, as written (still objects in the API server).
    pub refused_routes: Vec<crate::sim::model::HttpRoute>,
}

/// Changes the cluster as the faults left it, before any request.
pub fn apply_to_cluster(cluster: &mut Cluster, faults: &[Fault]) -> Applied {
    let mut notes = Vec::new();
    let mut not_ready = BTreeSet::new();
    let mut absent = BTreeSet::new();
    let mut unaccepted = Vec::new();
    let mut not_enforced = Vec::new();
    let mut refused_routes = Vec::new();
    for fault in faults {
        match fault {
            Fault::InjectionDrift { workload } => {
                for pod in 0..cluster.pods.len() {
                    if belongs(cluster, pod, workload) {
                        unmesh(cluster, pod, sidecar);
                    }
                }
                notes.push(format!("{workload}: pods running without a sidecar"));
            }
            Fault::WebhookDown { namespace } => {
                for pod in 0..cluster.pods.len() {
                    if cluster.ns_name(cluster.pods[pod].ns) != namespace {
                        continue;
                    }
                    match cluster.mesh.pod_profile.get(pod) {
                        Some(Profile::Linkerd) => unmesh(cluster, pod, sidecar),
                        Some(Profile::IstioSidecar) => {
                            make_not_ready(cluster, pod);
                            absent.insert(pod);
                        }
                        _ => {}
                    }
                }
                notes.push(format!(
                    "{namespace}: pods created while the webhook was down"
                ));
            }
            Fault::IdentityIssuerDown { new_workloads, .. }
            | Fault::IssuerCertExpired { new_workloads, .. } => {
                // The pod starts, but its proxy never gets a certificate and never turns ready.
                for pod in 0..cluster.pods.len() {
                    if new_workloads.iter().any(|w| belongs(cluster, pod, w)) {
                        make_not_ready(cluster, pod);
                        not_ready.insert(pod);
                    }
                }
            }
            Fault::ControlPlaneDown { new_workloads, .. } => {
                // New pods meet the injector first: Istio's (`Fail`) refuses them, Linkerd's
                // (`Ignore`) lets them start unmeshed; ambient pods start but get no identity.
                for pod in 0..cluster.pods.len() {
                    if !new_workloads.iter().any(|w| belongs(cluster, pod, w)) {
                        continue;
                    }
                    match cluster.mesh.pod_profile.get(pod) {
                        Some(Profile::IstioSidecar) => {
                            make_not_ready(cluster, pod);
                            absent.insert(pod);
                        }
                        Some(Profile::Linkerd) => unmesh(cluster, pod, sidecar),
                        _ => {
                            make_not_ready(cluster, pod);
                            not_ready.insert(pod);
                        }
                    }
                }
            }
            Fault::VersionSkew { workload } => {
                let pods: Vec<PodId> = (0..cluster.pods.len())
                    .filter(|p| belongs(cluster, *p, workload))
                    .collect();
                let selects = |policy: &crate::sim::model::istio::AuthorizationPolicy| {
                    pods.iter().any(|p| {
                        let pod = &cluster.pods[*p];
                        pod.ns == policy.ns
                            && matches!(&policy.attachment,
                                crate::sim::model::istio::Attachment::Workloads(sel)
                                    if sel.as_ref().is_none_or(|s| s.matches(&pod.labels)))
                    })
                };
                let (stale, kept): (Vec<_>, Vec<_>) = cluster
                    .mesh
                    .authorization_policies
                    .iter()
                    .cloned()
                    .partition(|p| selects(p));
                cluster.mesh.authorization_policies = kept;
                if !stale.is_empty() {
                    let names: Vec<&str> = stale.iter().map(|p| p.name.as_str()).collect();
                    notes.push(format!(
                        "{workload}: stale proxies do not enforce AuthorizationPolicy {}",
                        names.join(", ")
                    ));
                }
                not_enforced.extend(stale);
            }
            Fault::GatewayFeatureUnsupported { feature } => {
                let refused: Vec<String> = cluster
                    .routes
                    .iter()
                    .filter(|r| uses(r, *feature))
                    .map(|r| format!("{}/{}", cluster.ns_name(r.ns), r.name))
                    .collect();
                let (refused_now, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut cluster.routes)
                    .into_iter()
                    .partition(|r| uses(r, *feature));
                cluster.routes = kept;
                refused_routes.extend(refused_now);
                let reason = format!("UnsupportedValue: the controller lacks {feature:?}");
                unaccepted.extend(refused.into_iter().map(|r| (r, reason.clone())));
            }
            _ => {}
        }
    }
    Applied {
        notes,
        not_ready,
        absent,
        unaccepted,
        not_enforced,
        refused_routes,
    }
}

/// The pod's sidecar is gone (it runs the app container only).
fn unmesh(cluster: &mut Cluster, pod: PodId, had: impl Fn(Profile) -> bool) {
    if let Some(p) = cluster.mesh.pod_profile.get_mut(pod)
        && had(*p)
    {
        *p = Profile::None;
    }
}

/// The pod never became ready (not created, or its proxy has no certificate): no Service sends
/// it traffic.
pub(crate) fn make_not_ready(cluster: &mut Cluster, pod: PodId) {
    for svc in &mut cluster.services {
        svc.endpoints.retain(|e| *e != pod);
    }
}

fn uses(route: &crate::sim::model::HttpRoute, feature: GatewayFeature) -> bool {
    use crate::sim::model::ParentKind;
    route.rules.iter().any(|rule| match feature {
        GatewayFeature::RequestTimeout => rule.request_timeout_ms.is_some_and(|t| t > 0),
        GatewayFeature::MethodMatching => rule.matches.iter().any(|m| m.method.is_some()),
        GatewayFeature::QueryParamMatching => rule.matches.iter().any(|m| !m.query.is_empty()),
        GatewayFeature::HeaderModifier => {
            rule.request_headers != Default::default()
                || rule.response_headers != Default::default()
        }
        GatewayFeature::MeshRouting => false,
    }) || (feature == GatewayFeature::MeshRouting
        && route.parents.iter().any(|p| p.kind == ParentKind::Service))
}

/// The pods a request touched: the client (if a pod) and the pod that answered, and whether
/// the client looked the destination's name up in DNS first.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ends {
    pub client: Option<PodId>,
    pub server: Option<PodId>,
    pub lookup: bool,
}

/// Turns a request that crossed a faulty component into the failure its client sees.
pub fn apply_to_result(cluster: &Cluster, faults: &[Fault], ends: Ends, result: &mut ProbeResult) {
    // A request refused (by a policy, or for want of a backend) never reached a handshake or a
    // label match, but it did cross the node's agent: only a crashed agent changes what it
    // looks like.
    let refused = result.verdict != Verdict::Allowed;
    let profile = |p: Option<PodId>| {
        p.and_then(|p| cluster.mesh.pod_profile.get(p).copied())
            .unwrap_or(Profile::None)
    };
    let touches = |w: &str| {
        ends.client.is_some_and(|p| belongs(cluster, p, w))
            || ends.server.is_some_and(|p| belongs(cluster, p, w))
    };
    let mtls = result.client_identity.is_some();
    let http = result.status.is_some();
    for fault in faults {
        if refused && !matches!(fault, Fault::NodeAgentDown { .. }) {
            continue;
        }
        let failure = match fault {
            Fault::CertExpired { workload } if mtls && touches(workload) => Some(format!(
                "mTLS handshake failed: {workload}'s certificate has expired"
            )),
            Fault::TrustBundleMismatch { namespace } if mtls => {
                let inside = |p: Option<PodId>| {
                    p.and_then(|p| cluster.pods.get(p))
                        .is_some_and(|p| cluster.ns_name(p.ns) == namespace)
                };
                (inside(ends.client) != inside(ends.server)).then(|| {
                    format!("mTLS handshake failed: {namespace} trusts a different root CA")
                })
            }
            Fault::IdentityIssuerDown { hours, .. } | Fault::ControlPlaneDown { hours, .. }
                if mtls && *hours >= CERT_LIFETIME_HOURS =>
            {
                Some(format!(
                    "mTLS handshake failed: certificates expired {} h after renewal stopped",
                    CERT_LIFETIME_HOURS
                ))
            }
            Fault::IssuerCertExpired { hours, .. }
                if mtls
                    && (profile(ends.client) == Profile::Linkerd
                        || profile(ends.server) == Profile::Linkerd) =>
            {
                Some(format!(
                    "mTLS handshake failed: the identity issuer certificate expired {hours} h ago, and every proxy certificate with it"
                ))
            }
            Fault::NodeAgentDown { node, agent } => {
                let hit = |which: Agent| agent.is_none_or(|a| a == which);
                let on_node = |p: Option<PodId>| {
                    p.and_then(|p| cluster.pods.get(p)).is_some_and(|pod| {
                        cluster.nodes.get(pod.node).is_some_and(|n| &n.name == node)
                    })
                };
                let ambient =
                    |p| hit(Agent::Ztunnel) && on_node(p) && profile(p) == Profile::IstioAmbient;
                let cilium_l7 = |p| {
                    hit(Agent::CiliumAgent)
                        && on_node(p)
                        && profile(p) == Profile::Cilium
                        && l7(result)
                };
                if ambient(ends.client) || ambient(ends.server) {
                    Some(format!(
                        "ztunnel on {node} is down: ambient traffic on the node fails closed"
                    ))
                } else if hit(Agent::CiliumAgent)
                    && ends.lookup
                    && on_node(ends.client)
                    && dns_proxied(cluster, ends)
                {
                    // The lookup comes before any connection: nothing after it happens.
                    unanswered(result, node);
                    return;
                } else {
                    (cilium_l7(ends.client) || cilium_l7(ends.server)).then(|| {
                        format!("cilium-agent on {node} is down: its Envoy resets L7-proxied connections")
                    })
                }
            }
            Fault::StaleIdentity { workload }
                if profile(ends.client) == Profile::Cilium
                    && ends.client.is_some_and(|p| belongs(cluster, p, workload))
                    && policy_allowed(result) =>
            {
                Some(format!(
                    "{workload} still carries its old security identity: the allow does not match"
                ))
            }
            _ => None,
        };
        if let Some(reason) = failure {
            let stale = matches!(fault, Fault::StaleIdentity { .. });
            fail(result, reason, stale, http && sidecar(profile(ends.client)));
            return;
        }
    }
}

/// The client's DNS lookups go through its node's Cilium DNS proxy (so they need the agent).
fn dns_proxied(cluster: &Cluster, ends: Ends) -> bool {
    let Some(client) = ends.client else {
        return false;
    };
    cluster.mesh.cilium_cni
        && crate::sim::eval::cilium::dns_proxied(
            cluster,
            &cluster.mesh.cilium_policies,
            client,
            crate::sim::eval::probe::kube_dns(cluster),
        )
}

/// The DNS proxy is in the agent ("DNS requests targeted by policies depend on the availability
/// of the Cilium agent pod", cilium Documentation/security/policy/language.rst; oracle CIL-13):
/// with the agent down, the redirected query is never answered, the client's resolver gives up
/// and the connection is never attempted. What the lookup crossed before the proxy stays in the
/// trace; the connection's hops never happened.
fn unanswered(result: &mut ProbeResult, node: &str) {
    let reason = format!(
        "DNS query not answered: cilium-agent on {node} is down, and with it the DNS proxy the lookup is redirected to"
    );
    let lookup = |h: &Hop| h.reason.starts_with("DNS lookup of");
    let mut kept: Vec<Hop> = result.hops.iter().take(1).cloned().collect();
    kept.extend(result.hops.iter().skip(1).filter(|h| lookup(h)).cloned());
    kept.push(Hop {
        component: format!("cilium DNS proxy ({node})"),
        decision: "timeout".into(),
        encrypted: false,
        identity: None,
        reason: reason.clone(),
        // The agent's DNS proxy, not a data-plane proxy the cost model charges.
        proxy: None,
    });
    result.hops = kept;
    result.verdict = Verdict::Failed;
    result.outcome = Outcome::DnsFailure;
    result.status = None;
    result.grpc_status = None;
    result.backend = None;
    result.client_identity = None;
    result.encrypted = false;
    result.tries = 0;
    result.retries = 0;
    result.latency_us = (crate::sim::eval::latency::CLIENT_TIMEOUT_MS * 1000.0) as u64;
    let total = result.counts.values().sum();
    result.counts = [("outcome:dns-failure".to_string(), total)].into();
    result.failed_requests = total;
    result.decided_by = vec![format!("fault: {reason}")];
}

/// An L7 proxy handled the request (a hop that routed or authorized HTTP).
fn l7(result: &ProbeResult) -> bool {
    result
        .hops
        .iter()
        .any(|h| h.component.contains("Envoy") || h.component.contains("envoy"))
}

/// A NetworkPolicy-style allow let the request in (so a stale identity would not match it).
fn policy_allowed(result: &ProbeResult) -> bool {
    result
        .decided_by
        .iter()
        .any(|d| d.contains("NetworkPolicy"))
}

/// Rewrites an allowed result as the failure: a dropped packet times out (a policy verdict: the
/// allow no longer matched); a failed handshake is a reset, or HTTP 503 when the client's own
/// sidecar answers for the broken upstream (no policy decided it: the request failed).
pub(crate) fn fail(result: &mut ProbeResult, reason: String, dropped: bool, client_sidecar: bool) {
    let (outcome, status, decision) = if dropped {
        (Outcome::Timeout, None, "drop")
    } else if client_sidecar {
        (Outcome::HttpError, Some(503), "reset")
    } else {
        (Outcome::Reset, None, "reset")
    };
    if dropped {
        result.verdict = Verdict::Denied;
        result.latency_us = (crate::sim::eval::latency::CLIENT_TIMEOUT_MS * 1000.0) as u64;
    } else {
        result.verdict = Verdict::Failed;
    }
    result.outcome = outcome;
    result.status = status;
    result.backend = None;
    result.encrypted = false;
    // Every request of the probe crosses the same broken component.
    let total = result.counts.values().sum();
    let key = status.map_or_else(
        || format!("outcome:{}", crate::sim::eval::probe::outcome_name(outcome)),
        |s| format!("status:{s}"),
    );
    result.counts = [(key, total)].into();
    result.failed_requests = total;
    result.retries = 0;
    result.decided_by.push(format!("fault: {reason}"));
    result.hops.push(Hop {
        component: "fault".into(),
        decision: decision.into(),
        encrypted: false,
        identity: None,
        reason,
        proxy: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_on_one_workload_leaves_the_same_fault_on_another() {
        let drift = |w: &str| Fault::InjectionDrift { workload: w.into() };
        assert!(drift("shop/payment").cleared_by("injection-drift"));
        assert!(drift("shop/payment").cleared_by("injection-drift@shop/payment"));
        assert!(!drift("shop/checkout").cleared_by("injection-drift@shop/payment"));
        assert!(!drift("shop/payment").cleared_by("cert-expired@shop/payment"));
        let node = Fault::NodeAgentDown {
            node: "n".into(),
            agent: None,
        };
        assert!(!node.cleared_by("node-agent-down@n"));
    }

    #[test]
    fn kind_is_the_serialized_tag() {
        let f = Fault::NodeAgentDown {
            node: "n".into(),
            agent: None,
        };
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["type"], f.kind());
        let f = Fault::GatewayFeatureUnsupported {
            feature: GatewayFeature::MeshRouting,
        };
        assert_eq!(serde_json::to_value(&f).unwrap()["type"], f.kind());
    }
}
