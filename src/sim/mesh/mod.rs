//! Mesh profiles: which data plane intercepts each pod's traffic (DESIGN.md §5,
//! oracle MESH-NOTES.md). Enrollment comes from the real labels and annotations, or from
//! `--mesh` for namespaces whose own labels say nothing else.

pub mod cilium;
pub mod istio;
pub mod linkerd;

use std::fmt;

use super::labels::Labels;
use super::model::RetryPolicy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Profile {
    None,
    Linkerd,
    Cilium,
    IstioSidecar,
    IstioAmbient,
}

impl Profile {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(Profile::None),
            "linkerd" => Some(Profile::Linkerd),
            "cilium" => Some(Profile::Cilium),
            "istio-sidecar" => Some(Profile::IstioSidecar),
            "istio-ambient" => Some(Profile::IstioAmbient),
            _ => None,
        }
    }

    pub const ALL: [&'static str; 5] = [
        "none",
        "linkerd",
        "cilium",
        "istio-sidecar",
        "istio-ambient",
    ];
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Profile::None => "none",
            Profile::Linkerd => "linkerd",
            Profile::Cilium => "cilium",
            Profile::IstioSidecar => "istio-sidecar",
            Profile::IstioAmbient => "istio-ambient",
        })
    }
}

/// Pod annotation for the simulated application's answer (meshlab's own knob: real
/// manifests cannot say how an application behaves). Default 200.
pub const APP_STATUS_ANNOTATION: &str = "sim.meshlab.io/response-status";

/// Pod annotation for how many calls the client application itself makes for one request when
/// the answer is a 5xx, counted as total tries like a gRPC client's `maxAttempts` or the lesson's
/// "retries 3x" (meshlab's own knob: an application's retry loop is in its code, not in any
/// manifest). Default 1.
pub const APP_TRIES_ANNOTATION: &str = "sim.meshlab.io/client-tries";

/// Istio VirtualService retries and timeout for a host (first HTTP route only).
#[derive(Debug, Clone)]
pub struct VirtualService {
    pub ns: usize,
    pub name: String,
    pub hosts: Vec<String>,
    /// Bound to gateways only (not the `mesh` gateway): sidecars ignore it.
    pub gateways_only: bool,
    pub retries: Option<RetryPolicy>,
    pub timeout_ms: Option<u64>,
}

/// Mesh state resolved at load time.
#[derive(Debug, Clone, Default)]
pub struct MeshModel {
    /// Per pod (same index as `Cluster::pods`).
    pub pod_profile: Vec<Profile>,
    /// Per pod: what the simulated application answers to HTTP.
    pub app_status: Vec<u16>,
    /// Per pod: the calls its application makes for one request when answers fail (1 = none
    /// repeated).
    pub app_tries: Vec<u32>,
    /// Cilium is the CNI (`--mesh cilium`, or a kube-system/cilium-config ConfigMap).
    pub cilium_cni: bool,
    pub cilium_mode: Option<cilium::EnforcementMode>,
    /// Cilium WireGuard transparent encryption (node to node).
    pub wireguard: bool,
    /// Cilium policy audit mode: L3/L4 denials are only reported (AUDITED), not enforced.
    pub cilium_audit: bool,
    pub cilium_policies: Vec<cilium::CiliumPolicy>,
    pub peer_authentications: Vec<istio::PeerAuthentication>,
    pub authorization_policies: Vec<istio::AuthorizationPolicy>,
    pub virtual_services: Vec<VirtualService>,
    pub servers: Vec<linkerd::Server>,
    pub linkerd_authz: Vec<linkerd::AuthorizationPolicy>,
    pub meshtls: Vec<linkerd::MeshTlsAuthentication>,
    pub network_authns: Vec<linkerd::NetworkAuthentication>,
    pub egress_networks: Vec<linkerd::EgressNetwork>,
    /// Istio MeshConfig outboundTrafficPolicy REGISTRY_ONLY (istio-system/istio ConfigMap).
    pub istio_registry_only: bool,
    /// Hosts and addresses known to Istio through ServiceEntries.
    pub service_entry_hosts: Vec<String>,
}

/// A pod's data plane from its own and its namespace's labels/annotations, else `default`.
/// Pod-level opt-outs beat namespace enrollment; `istio-injection` beats `istio.io/rev`.
pub fn enrollment(
    pod_labels: &Labels,
    pod_annotations: &Labels,
    ns_labels: &Labels,
    ns_annotations: &Labels,
    default: Option<Profile>,
) -> Profile {
    fn get<'a>(m: &'a Labels, k: &str) -> Option<&'a str> {
        m.get(k).map(String::as_str)
    }
    // Pod level.
    match get(pod_labels, "istio.io/dataplane-mode") {
        Some("ambient") => return Profile::IstioAmbient,
        Some("none") => return Profile::None,
        _ => {}
    }
    let pod_sidecar = get(pod_labels, "sidecar.istio.io/inject")
        .or_else(|| get(pod_annotations, "sidecar.istio.io/inject"));
    if pod_sidecar == Some("false") {
        return Profile::None;
    }
    match get(pod_annotations, "linkerd.io/inject") {
        Some("enabled" | "ingress") => return Profile::Linkerd,
        Some("disabled") => return Profile::None,
        _ => {}
    }
    // Namespace level.
    match get(ns_labels, "istio-injection") {
        Some("enabled") => return Profile::IstioSidecar,
        Some("disabled") => return Profile::None,
        _ => {}
    }
    if get(ns_labels, "istio.io/rev").is_some() || pod_sidecar == Some("true") {
        return Profile::IstioSidecar;
    }
    if get(ns_labels, "istio.io/dataplane-mode") == Some("ambient") {
        return Profile::IstioAmbient;
    }
    match get(ns_annotations, "linkerd.io/inject") {
        Some("enabled" | "ingress") => return Profile::Linkerd,
        Some("disabled") => return Profile::None,
        _ => {}
    }
    default.unwrap_or(Profile::None)
}

/// The waypoint a Service uses (`istio.io/use-waypoint` on the Service or its namespace).
pub fn waypoint_of(cluster: &super::model::Cluster, svc: super::model::SvcId) -> Option<usize> {
    let s = cluster.services.get(svc)?;
    let ns = cluster.namespaces.get(s.ns)?;
    let name = s
        .labels
        .get("istio.io/use-waypoint")
        .or_else(|| ns.labels.get("istio.io/use-waypoint"))?;
    if name == "none" {
        return None;
    }
    let wp_ns = s
        .labels
        .get("istio.io/use-waypoint-namespace")
        .map_or(ns.name.as_str(), String::as_str);
    cluster.gateway(wp_ns, name)
}

/// Routes attached to Service `svc` on `port` that the client's data plane applies (GAMMA,
/// GEP-1294): consumer routes in the client's namespace take over from producer routes in the
/// Service's namespace. None = no route applies (plain Service routing).
pub fn mesh_routes(
    cluster: &super::model::Cluster,
    client: super::model::PodId,
    svc: super::model::SvcId,
    port: u16,
) -> Option<Vec<usize>> {
    let profile = cluster.mesh.pod_profile.get(client).copied()?;
    // Ambient applies routes only at a waypoint (MESH-NOTES.md §4, ISA-08).
    if profile == Profile::None
        || profile == Profile::IstioAmbient && waypoint_of(cluster, svc).is_none()
    {
        return None;
    }
    let s = cluster.services.get(svc)?;
    let client_ns = cluster.pods.get(client)?.ns;
    let svc_ns = cluster.ns_name(s.ns);
    let attached = |route: &super::model::HttpRoute| {
        route.parents.iter().any(|p| {
            p.kind == super::model::ParentKind::Service
                && p.name == s.name
                && p.ns == svc_ns
                && p.port.is_none_or(|pp| pp == port)
        })
    };
    let pick = |ns: usize| -> Vec<usize> {
        cluster
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r)| r.ns == ns && attached(r))
            .map(|(i, _)| i)
            .collect()
    };
    let consumer = if client_ns == s.ns {
        Vec::new()
    } else {
        pick(client_ns)
    };
    let routes = if consumer.is_empty() {
        pick(s.ns)
    } else {
        consumer
    };
    (!routes.is_empty()).then_some(routes)
}

/// The proxy that applies mesh routes for this client.
pub fn route_owner(
    cluster: &super::model::Cluster,
    client: super::model::PodId,
    _svc: super::model::SvcId,
) -> String {
    let who = cluster.pod_display(client);
    match cluster.mesh.pod_profile.get(client) {
        Some(Profile::Linkerd) => format!("linkerd-proxy outbound ({who})"),
        Some(Profile::IstioSidecar) => format!("istio-proxy sidecar outbound ({who})"),
        Some(Profile::IstioAmbient) => "waypoint".to_owned(),
        Some(Profile::Cilium) => "cilium node Envoy".to_owned(),
        _ => format!("client {who}"),
    }
}
