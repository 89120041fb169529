//! CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium docs policy/language.rst,
//! layer7.rst, deny.rst, intro.rst; MESH-NOTES.md §2): endpoint selection with Cilium's label
//! namespaces, L3/L4 allow rules as a union (together with Kubernetes NetworkPolicy), deny
//! rules that win, L7 HTTP rules enforced by the node's Envoy, toFQDNs for external names
//! learned through the DNS proxy, ICMP rules, mutual authentication, and the agent settings
//! that change how a denial looks.

use regex::Regex;

use crate::sim::model::NsId;
use crate::sim::model::labels::Selector;
use crate::sim::model::net::{Cidr, Protocol};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnforcementMode {
    Default,
    Always,
    Never,
}

/// Selector over Cilium's label view of an endpoint (see [`endpoint_labels`]).
#[derive(Debug, Clone)]
pub struct EndpointSelector {
    pub selector: Selector,
    /// The selector names a namespace itself (`io.kubernetes.pod.namespace`).
    pub names_namespace: bool,
}

#[derive(Debug, Clone)]
pub enum Peer {
    Endpoints(EndpointSelector),
    Cidr(Cidr, Vec<Cidr>),
    Entity(Entity),
    Fqdn(Regex),
    /// `toServices`: a Service with a selector stands for its selector (an endpoint
    /// selector in its namespace); one without, for its hand-written endpoint addresses
    /// (CIDRs, which never select pods).
    Service(ServicePeer),
}

/// Cilium's reserved identities a rule can name (`toEntities`/`fromEntities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    All,
    World,
    Cluster,
    Host,
    RemoteNode,
    KubeApiserver,
    /// Endpoints whose identity is not yet resolved, cilium-health endpoints, pods Cilium
    /// does not manage, Cilium's ingress: nothing a meshlab probe comes from or goes to.
    Init,
    Health,
    Unmanaged,
    Ingress,
    None,
}

impl Entity {
    /// The CRD's enum (`pkg/policy/api/entity.go`), `world-ipv4`/`world-ipv6` as `world`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "all" => Entity::All,
            "world" | "world-ipv4" | "world-ipv6" => Entity::World,
            "cluster" => Entity::Cluster,
            "host" => Entity::Host,
            "remote-node" => Entity::RemoteNode,
            "kube-apiserver" => Entity::KubeApiserver,
            "init" => Entity::Init,
            "health" => Entity::Health,
            "unmanaged" => Entity::Unmanaged,
            "ingress" => Entity::Ingress,
            "none" => Entity::None,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Entity::All => "all",
            Entity::World => "world",
            Entity::Cluster => "cluster",
            Entity::Host => "host",
            Entity::RemoteNode => "remote-node",
            Entity::KubeApiserver => "kube-apiserver",
            Entity::Init => "init",
            Entity::Health => "health",
            Entity::Unmanaged => "unmanaged",
            Entity::Ingress => "ingress",
            Entity::None => "none",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServicePeer {
    /// `k8sService.serviceName`; None with a label selector.
    pub name: Option<String>,
    /// The Service's namespace; None = the policy's own (any, for a clusterwide policy).
    pub namespace: Option<String>,
    /// `k8sServiceSelector.selector` over the Service's own labels.
    pub selector: Option<Selector>,
}

#[derive(Debug, Clone)]
pub struct HttpRule {
    pub method: Option<Regex>,
    pub path: Option<Regex>,
    /// Matched against the request's Host (authority).
    pub host: Option<Regex>,
    /// `headers`: `Name` (present) or `Name: value` (equal), all required.
    pub headers: Vec<(String, Option<String>)>,
    /// `headerMatches` without a `mismatch` action: the header must have this value. With a
    /// mismatch action, Envoy logs or rewrites the header instead of denying: no constraint.
    pub header_matches: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct PortRule {
    /// (first, last, protocol); protocol None = ANY.
    pub ports: Vec<(u16, u16, Option<Protocol>)>,
    /// Some = traffic is redirected to the node Envoy and must match one rule.
    pub http: Option<Vec<HttpRule>>,
    /// L7 DNS rules: names the agent's DNS proxy lets the endpoint resolve (and learn for
    /// toFQDNs).
    pub dns: Vec<Regex>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// Empty = no L3 restriction.
    pub peers: Vec<Peer>,
    /// Empty (and no `icmps`) = every port and protocol.
    pub ports: Vec<PortRule>,
    /// ICMP types (IPv4) the rule admits; with `ports` empty, the rule admits ICMP only.
    pub icmps: Vec<u8>,
    /// `authentication.mode: required`: the agents check both ends' SPIFFE identities first.
    pub auth_required: bool,
}

#[derive(Debug, Clone)]
pub struct CiliumPolicy {
    /// None for a CiliumClusterwideNetworkPolicy.
    pub ns: Option<NsId>,
    pub name: String,
    pub selector: EndpointSelector,
    pub ingress: Option<Vec<Rule>>,
    pub egress: Option<Vec<Rule>>,
    pub ingress_deny: Option<Vec<Rule>>,
    pub egress_deny: Option<Vec<Rule>>,
    /// `enableDefaultDeny` per direction (true unless the policy says false).
    pub default_deny_ingress: bool,
    pub default_deny_egress: bool,
}

impl CiliumPolicy {
    /// `CiliumNetworkPolicy NS/NAME` or `CiliumClusterwideNetworkPolicy NAME`.
    pub fn kind(&self) -> &'static str {
        match self.ns {
            Some(_) => "CiliumNetworkPolicy",
            None => "CiliumClusterwideNetworkPolicy",
        }
    }
}

/// How the datapath answers a connection policy denies (`policy-deny-response` in
/// cilium-config, Cilium 1.19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DenyResponse {
    /// The packet is dropped silently: the client times out.
    #[default]
    None,
    /// An IPv4 connection denied at the client's egress gets an ICMP Destination
    /// Unreachable back at once: the client's connect fails immediately.
    Icmp,
}

/// ICMP type names Cilium accepts in `icmps[].fields[].type` (IPv4).
pub fn icmp_type(name: &str) -> Option<u8> {
    Some(match name {
        "EchoReply" => 0,
        "DestinationUnreachable" => 3,
        "Redirect" => 5,
        "Echo" | "EchoRequest" => 8,
        "RouterAdvertisement" => 9,
        "RouterSelection" => 10,
        "TimeExceeded" => 11,
        "ParameterProblem" => 12,
        "Timestamp" => 13,
        "TimestampReply" => 14,
        "Photuris" => 40,
        "ExtendedEchoRequest" => 42,
        "ExtendedEchoReply" => 43,
        _ => return None,
    })
}

/// Strip Cilium's label source prefixes (`k8s:`, `any:`).
pub fn strip_source(key: &str) -> &str {
    key.strip_prefix("k8s:")
        .or_else(|| key.strip_prefix("any:"))
        .unwrap_or(key)
}
