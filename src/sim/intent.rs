//! Policy intents placed at an enforcement point (the lesson's section 9).
//!
//! An intent says what should be allowed or denied in terms of request attributes. Each of the
//! six enforcement points sees a fixed set of attributes: an intent that needs an attribute its
//! point cannot see is reported as not enforceable there and is not applied, so the request it
//! should have stopped slips through. A point the request never passes (an edge gateway for
//! east-west traffic, an L7 proxy that is not on the path) never sees the request at all.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a policy can be enforced (lesson section 9; DESIGN.md §5).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Point {
    /// CNI / NetworkPolicy: packets, before any proxy.
    Cni,
    /// Mesh identity-aware proxy at L4 (Linkerd Server authz, Istio L4 authz, ztunnel).
    MeshIdentity,
    /// An L7 proxy on the request path (sidecar Envoy, waypoint, Cilium node Envoy).
    L7Proxy,
    /// The application's own code, with its domain state.
    Application,
    /// The egress gateway every outbound call to an external host is routed through.
    EgressGateway,
    /// The edge / API gateway at the platform boundary (north-south traffic only).
    EdgeGateway,
}

/// A request attribute a policy can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribute {
    SourceIp,
    Port,
    SourceNamespace,
    SourceLabels,
    /// The authenticated workload identity (needs mTLS).
    Identity,
    Method,
    Path,
    Headers,
    ExternalHost,
    ClientRate,
    /// Facts only the application knows (who is assigned to which case).
    DomainState,
}

impl Point {
    pub const ALL: [Point; 6] = [
        Point::Cni,
        Point::MeshIdentity,
        Point::L7Proxy,
        Point::Application,
        Point::EgressGateway,
        Point::EdgeGateway,
    ];

    /// The attributes this point can see (DESIGN.md §5, lesson section 9's "Reason" column).
    pub fn sees(self, attribute: Attribute) -> bool {
        use Attribute::*;
        match self {
            // Packet headers and the labels the CNI maps to its identities; FQDN egress rules
            // are a Cilium extension (toFQDNs), so the CNI point sees external hosts too.
            Point::Cni => matches!(
                attribute,
                SourceIp | Port | SourceNamespace | SourceLabels | ExternalHost
            ),
            Point::MeshIdentity => {
                matches!(attribute, SourceIp | Port | SourceNamespace | Identity)
            }
            Point::L7Proxy => matches!(
                attribute,
                SourceIp | Port | SourceNamespace | Identity | Method | Path | Headers
            ),
            // The application sees the request and its own state, but not who its caller is
            // cryptographically unless the mesh tells it, and not packets it never accepts.
            Point::Application => matches!(attribute, Method | Path | Headers | DomainState),
            Point::EgressGateway => {
                matches!(attribute, SourceNamespace | Identity | ExternalHost | Port)
            }
            Point::EdgeGateway => {
                matches!(attribute, SourceIp | Method | Path | Headers | ClientRate)
            }
        }
    }
}

/// What a drill asks the learner to enforce.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    /// Requests matching any of these rules are denied.
    #[serde(default)]
    pub deny: Vec<Rule>,
    /// When not empty, requests to `applies_to` must match one of these rules or be denied.
    #[serde(default)]
    pub allow: Vec<Rule>,
    /// Destinations the intent governs, as probe references (`svc:NS/NAME`, `NS/POD`, an FQDN);
    /// empty means every request.
    #[serde(default)]
    pub applies_to: Vec<String>,
}

/// Conditions that must all hold (AND); an absent condition matches anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rule {
    #[serde(default)]
    pub source_namespaces: Vec<String>,
    #[serde(default)]
    pub source_labels: BTreeMap<String, String>,
    /// Workload identities, e.g. `cluster.local/ns/shop/sa/checkout`.
    #[serde(default)]
    pub identities: Vec<String>,
    #[serde(default)]
    pub ports: Vec<u16>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// Path prefixes.
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub external_hosts: Vec<String>,
    /// Matches when the client sends more than this many requests per second.
    #[serde(default)]
    pub rate_above: Option<u32>,
    /// Domain facts that must have these values, e.g. `officer-assigned = false`.
    #[serde(default)]
    pub facts: BTreeMap<String, bool>,
}

impl Rule {
    /// The attributes this rule needs to see.
    pub fn attributes(&self) -> Vec<Attribute> {
        let mut out = Vec::new();
        let mut need = |present: bool, a: Attribute| {
            if present {
                out.push(a);
            }
        };
        need(
            !self.source_namespaces.is_empty(),
            Attribute::SourceNamespace,
        );
        need(!self.source_labels.is_empty(), Attribute::SourceLabels);
        need(!self.identities.is_empty(), Attribute::Identity);
        need(!self.ports.is_empty(), Attribute::Port);
        need(!self.methods.is_empty(), Attribute::Method);
        need(!self.paths.is_empty(), Attribute::Path);
        need(!self.headers.is_empty(), Attribute::Headers);
        need(!self.external_hosts.is_empty(), Attribute::ExternalHost);
        need(self.rate_above.is_some(), Attribute::ClientRate);
        need(!self.facts.is_empty(), Attribute::DomainState);
        out
    }
}
