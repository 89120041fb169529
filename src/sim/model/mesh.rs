//! Mesh profiles: which data plane intercepts each pod's traffic (DESIGN.md §5,
//! oracle MESH-NOTES.md), and the mesh state resolved at load time.

use std::fmt;

use super::{cilium, istio, istio_traffic, linkerd};

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
    /// `policy-deny-response` in cilium-config: how a denied connection looks to the client.
    pub cilium_deny_response: cilium::DenyResponse,
    /// SPIRE-backed mutual authentication is on (`mesh-auth-mutual-enabled`): policies with
    /// `authentication.mode: required` can be satisfied.
    pub cilium_mutual_auth: bool,
    /// Cilium IPsec transparent encryption (node to node), like WireGuard.
    pub ipsec: bool,
    pub cilium_policies: Vec<cilium::CiliumPolicy>,
    pub peer_authentications: Vec<istio::PeerAuthentication>,
    pub authorization_policies: Vec<istio::AuthorizationPolicy>,
    pub request_authentications: Vec<istio::RequestAuthentication>,
    pub virtual_services: Vec<istio_traffic::VirtualService>,
    pub destination_rules: Vec<istio_traffic::DestinationRule>,
    pub istio_gateways: Vec<istio_traffic::IstioGateway>,
    pub sidecars: Vec<istio_traffic::Sidecar>,
    pub servers: Vec<linkerd::Server>,
    pub linkerd_authz: Vec<linkerd::AuthorizationPolicy>,
    pub meshtls: Vec<linkerd::MeshTlsAuthentication>,
    pub network_authns: Vec<linkerd::NetworkAuthentication>,
    pub egress_networks: Vec<linkerd::EgressNetwork>,
    pub server_authorizations: Vec<linkerd::ServerAuthorization>,
    pub service_profiles: Vec<linkerd::ServiceProfile>,
    pub rate_limits: Vec<linkerd::RateLimitPolicy>,
    pub linkerd_service_policies: Vec<linkerd::ServicePolicy>,
    /// Linkerd's cluster-wide default inbound policy (`proxy.defaultInboundPolicy` in the
    /// linkerd/linkerd-config ConfigMap's `values`); None = `all-unauthenticated`.
    pub linkerd_default_policy: Option<linkerd::DefaultPolicy>,
    /// Istio MeshConfig outboundTrafficPolicy REGISTRY_ONLY (istio-system/istio ConfigMap).
    pub istio_registry_only: bool,
    /// Hosts and addresses known to Istio through ServiceEntries, with their ports (empty =
    /// every port).
    pub service_entry_hosts: Vec<(String, Vec<u16>)>,
}
