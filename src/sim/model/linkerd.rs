//! Linkerd inbound policy (linkerd.io server-policy.md, authorization-policy.md;
//! MESH-NOTES.md §1): default policies, Server, AuthorizationPolicy, ServerAuthorization,
//! MeshTLSAuthentication, NetworkAuthentication, per-route authorization.

use std::net::IpAddr;

use crate::sim::model::NsId;
use crate::sim::model::labels::{Labels, Selector};
use crate::sim::model::net::Cidr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultPolicy {
    AllUnauthenticated,
    AllAuthenticated,
    ClusterUnauthenticated,
    ClusterAuthenticated,
    Deny,
    Audit,
}

impl DefaultPolicy {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "all-unauthenticated" => Some(Self::AllUnauthenticated),
            "all-authenticated" => Some(Self::AllAuthenticated),
            "cluster-unauthenticated" => Some(Self::ClusterUnauthenticated),
            "cluster-authenticated" => Some(Self::ClusterAuthenticated),
            "deny" => Some(Self::Deny),
            "audit" => Some(Self::Audit),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::AllUnauthenticated => "all-unauthenticated",
            Self::AllAuthenticated => "all-authenticated",
            Self::ClusterUnauthenticated => "cluster-unauthenticated",
            Self::ClusterAuthenticated => "cluster-authenticated",
            Self::Deny => "deny",
            Self::Audit => "audit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyProtocol {
    Unknown,
    Http,
    Grpc,
    Opaque,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerPort {
    Number(u16),
    Name(String),
}

#[derive(Debug, Clone)]
pub struct Server {
    pub ns: NsId,
    pub name: String,
    /// The Server's own labels: a ServerAuthorization may select Servers by them.
    pub labels: Labels,
    pub selector: Selector,
    pub port: ServerPort,
    pub protocol: ProxyProtocol,
    /// `accessPolicy`: what applies to traffic no authorization matches (default `deny`;
    /// `audit` allows what would be denied).
    pub access: DefaultPolicy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthzTarget {
    Server(String),
    Route(String),
    Namespace,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authn {
    MeshTls(String),
    Network(String),
    ServiceAccount { ns: String, name: String },
}

#[derive(Debug, Clone)]
pub struct AuthorizationPolicy {
    pub ns: NsId,
    pub name: String,
    pub target: AuthzTarget,
    pub required: Vec<Authn>,
}

/// Which Servers a ServerAuthorization applies to (`spec.server`: exactly one of the two).
#[derive(Debug, Clone)]
pub enum ServerSelection {
    Name(String),
    Selector(Selector),
}

/// Who a ServerAuthorization lets in (`spec.client`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAuthn {
    /// `unauthenticated: true`: any client, meshed or not.
    Unauthenticated,
    /// `meshTLS.unauthenticatedTLS: true`: any client that speaks TLS to the proxy.
    TlsUnauthenticated,
    /// `meshTLS.identities` and `serviceAccounts`, as identity patterns.
    Identities(Vec<String>),
}

/// policy.linkerd.io/v1beta1 ServerAuthorization (the form before AuthorizationPolicy).
#[derive(Debug, Clone)]
pub struct ServerAuthorization {
    pub ns: NsId,
    pub name: String,
    pub server: ServerSelection,
    pub authn: ClientAuthn,
    /// `client.networks`; None = the cluster networks (the policy controller's default,
    /// linkerd2 policy-controller/grpc/src/inbound.rs).
    pub networks: Option<Vec<(Cidr, Vec<Cidr>)>>,
}

impl ServerAuthorization {
    /// Does this authorization apply to the Server?
    pub fn selects(&self, server: &Server) -> bool {
        self.ns == server.ns
            && match &self.server {
                ServerSelection::Name(n) => *n == server.name,
                ServerSelection::Selector(sel) => sel.matches(&server.labels),
            }
    }
}

#[derive(Debug, Clone)]
pub struct MeshTlsAuthentication {
    pub ns: NsId,
    pub name: String,
    /// Identity patterns (`*` alone, or a leading `*.` wildcard).
    pub identities: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NetworkAuthentication {
    pub ns: NsId,
    pub name: String,
    pub networks: Vec<(Cidr, Vec<Cidr>)>,
}

/// Egress traffic policy for destinations outside the cluster (EgressNetwork).
#[derive(Debug, Clone)]
pub struct EgressNetwork {
    pub ns: NsId,
    pub name: String,
    pub deny: bool,
    /// None = every address outside the cluster networks.
    pub networks: Option<Vec<(Cidr, Vec<Cidr>)>>,
}

impl EgressNetwork {
    pub fn covers(&self, ip: Option<IpAddr>) -> bool {
        match (&self.networks, ip) {
            (None, Some(ip)) => !in_cluster_networks(ip),
            // An external name resolves outside the cluster.
            (None, None) => true,
            (Some(nets), Some(ip)) => nets
                .iter()
                .any(|(c, except)| c.contains(ip) && !except.iter().any(|e| e.contains(ip))),
            (Some(_), None) => false,
        }
    }
}

/// Linkerd's default clusterNetworks.
pub fn in_cluster_networks(ip: IpAddr) -> bool {
    [
        "10.0.0.0/8",
        "100.64.0.0/10",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fd00::/8",
    ]
    .iter()
    .filter_map(|c| Cidr::parse(c))
    .any(|c| c.contains(ip))
}

/// The identity a meshed pod's certificate carries.
pub fn identity(sa: &str, ns: &str) -> String {
    format!("{sa}.{ns}.serviceaccount.identity.linkerd.cluster.local")
}

/// A ServiceProfile route's request condition (reference/service-profiles.md "Request
/// Match"); several fields in one object are all required.
#[derive(Debug, Clone)]
pub enum RequestMatch {
    /// Anchored at both ends, as the proxy compiles it (linkerd2-proxy service-profiles
    /// proto.rs).
    Path(regex::Regex),
    Method(String),
    All(Vec<RequestMatch>),
    Any(Vec<RequestMatch>),
    Not(Box<RequestMatch>),
}

impl RequestMatch {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        match self {
            RequestMatch::Path(re) => re.is_match(path),
            RequestMatch::Method(m) => m.eq_ignore_ascii_case(method),
            RequestMatch::All(list) => list.iter().all(|m| m.matches(method, path)),
            RequestMatch::Any(list) => list.iter().any(|m| m.matches(method, path)),
            RequestMatch::Not(m) => !m.matches(method, path),
        }
    }
}

/// A response class's condition on the status code.
#[derive(Debug, Clone)]
pub enum ResponseMatch {
    Status { min: u16, max: u16 },
    All(Vec<ResponseMatch>),
    Any(Vec<ResponseMatch>),
    Not(Box<ResponseMatch>),
}

impl ResponseMatch {
    pub fn matches(&self, status: u16) -> bool {
        match self {
            ResponseMatch::Status { min, max } => (*min..=*max).contains(&status),
            ResponseMatch::All(list) => list.iter().all(|m| m.matches(status)),
            ResponseMatch::Any(list) => list.iter().any(|m| m.matches(status)),
            ResponseMatch::Not(m) => !m.matches(status),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ProfileRoute {
    pub name: String,
    pub condition: RequestMatch,
    /// `responseClasses`: the first that matches a status says whether it is a failure.
    pub response_classes: Vec<(ResponseMatch, bool)>,
    pub retryable: bool,
    pub timeout_ms: Option<u64>,
}

impl ProfileRoute {
    /// Is this answer a failure (to retry, and in the route's success rate)? Without a
    /// matching response class, a 5xx is (linkerd2-proxy app/core/src/classify.rs).
    pub fn is_failure(&self, status: u16) -> bool {
        self.response_classes
            .iter()
            .find(|(m, _)| m.matches(status))
            .map_or(status >= 500, |(_, failure)| *failure)
    }
}

/// `retryBudget`: retries may add `retry_ratio` of the requests that did not need one, plus
/// `min_per_second`, over a sliding window of `ttl_secs` (tower's TpsBudget, which the proxy
/// uses: its reserve is `min_per_second` × `ttl_secs` retries).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryBudget {
    pub retry_ratio: f64,
    pub min_per_second: u32,
    pub ttl_secs: u64,
}

impl Default for RetryBudget {
    /// reference/service-profiles.md and tasks/configuring-retries.md: "at most an additional
    /// 20% to the request load (plus an additional 10 "free" retries per second)", ttl 10s.
    fn default() -> Self {
        RetryBudget {
            retry_ratio: 0.2,
            min_per_second: 10,
            ttl_secs: 10,
        }
    }
}

impl RetryBudget {
    /// The retries a budget holds before any request deposited into it.
    pub fn reserve(&self) -> f64 {
        f64::from(self.min_per_second) * self.ttl_secs as f64
    }
}

/// linkerd.io/v1alpha2 ServiceProfile: per-route retries and timeouts on the client's proxy,
/// for the Service whose FQDN is its name.
#[derive(Debug, Clone)]
pub struct ServiceProfile {
    pub ns: NsId,
    /// `NAME.NS.svc.cluster.local` of the Service it describes.
    pub name: String,
    pub routes: Vec<ProfileRoute>,
    pub budget: RetryBudget,
}

/// Retry and timeout annotations on a Service (`retry.linkerd.io/*`, `timeout.linkerd.io/*`):
/// a route's own annotations override them (linkerd.io reference/retries.md, timeouts.md).
#[derive(Debug, Clone)]
pub struct ServicePolicy {
    pub svc: crate::sim::model::SvcId,
    pub retries: Option<crate::sim::model::RetryPolicy>,
    pub request_timeout_ms: Option<u64>,
    pub response_timeout_ms: Option<u64>,
}

/// policy.linkerd.io HTTPLocalRateLimitPolicy: the inbound proxy's request rates for a Server.
#[derive(Debug, Clone)]
pub struct RateLimitPolicy {
    pub ns: NsId,
    pub name: String,
    /// The Server it targets (in its namespace).
    pub server: String,
    pub total: Option<u32>,
    /// Per client identity; unmeshed clients share one.
    pub identity: Option<u32>,
    /// A rate for clients with one of these identities instead of `identity`.
    pub overrides: Vec<(u32, Vec<String>)>,
}
