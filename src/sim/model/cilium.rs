//! CiliumNetworkPolicy (cilium docs policy/language.rst, layer7.rst, deny.rst, intro.rst;
//! MESH-NOTES.md §2): endpoint selection with Cilium's label namespaces, L3/L4 allow rules as a
//! union (together with Kubernetes NetworkPolicy), deny rules that win, L7 HTTP rules enforced
//! by the node's Envoy, toFQDNs for external names.

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
    Entity(String),
    Fqdn(Regex),
}

#[derive(Debug, Clone)]
pub struct HttpRule {
    pub method: Option<Regex>,
    pub path: Option<Regex>,
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
    /// Empty = every port.
    pub ports: Vec<PortRule>,
}

#[derive(Debug, Clone)]
pub struct CiliumPolicy {
    pub ns: NsId,
    pub name: String,
    pub selector: EndpointSelector,
    pub ingress: Option<Vec<Rule>>,
    pub egress: Option<Vec<Rule>>,
    pub ingress_deny: Option<Vec<Rule>>,
    pub egress_deny: Option<Vec<Rule>>,
}

/// Strip Cilium's label source prefixes (`k8s:`, `any:`).
pub fn strip_source(key: &str) -> &str {
    key.strip_prefix("k8s:")
        .or_else(|| key.strip_prefix("any:"))
        .unwrap_or(key)
}
