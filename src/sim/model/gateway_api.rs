//! Gateway API objects as resolved at load time: Gateways and their listeners, HTTPRoutes
//! with defaulted matches and resolved backends.

use super::labels::{Labels, Selector};
use super::{NsId, Origin, SvcId};
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedFrom {
    Same,
    All,
    Selector(Selector),
}

#[derive(Debug, Clone)]
pub struct Listener {
    pub name: String,
    /// allowedRoutes.kinds admits HTTPRoute.
    pub http_routes: bool,
    pub hostname: Option<String>,
    pub port: u16,
    pub protocol: String,
    pub allowed: AllowedFrom,
}

#[derive(Debug, Clone)]
pub struct Gateway {
    pub name: String,
    pub ns: NsId,
    pub class: String,
    pub listeners: Vec<Listener>,
    /// The gateway's proxy as NetworkPolicy sees it: a workload in the Gateway's namespace
    /// labelled `gateway.networking.k8s.io/gateway-name: NAME` (as Istio and Envoy Gateway
    /// label their deployments), with a deterministic address.
    pub proxy_labels: Labels,
    pub proxy_ip: IpAddr,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathKind {
    Exact,
    Prefix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatch {
    pub kind: PathKind,
    /// As written; a PathPrefix trailing `/` is ignored when matching.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch {
    pub path: PathMatch,
    pub method: Option<String>,
    /// Lower-cased names; only the first entry of each name is kept (HTTPHeaderMatch.Name).
    pub headers: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    /// The match holds a condition meshlab does not model (a RegularExpression path, header
    /// or query match; the load warned): it never holds.
    pub unmodeled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendTarget {
    /// `granted`: same namespace or allowed by a ReferenceGrant (needed in Gateway mode only;
    /// GAMMA mesh routes need none).
    Service {
        svc: SvcId,
        port: u16,
        granted: bool,
    },
    /// Kept with its weight; its share is answered 500 (HTTPRouteRule.BackendRefs).
    Invalid { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub target: BackendTarget,
    pub weight: u32,
    /// `NS/NAME` as written, for traces.
    pub display: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderEdits {
    pub set: Vec<(String, String)>,
    pub add: Vec<(String, String)>,
    pub remove: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RouteRule {
    pub matches: Vec<RouteMatch>,
    /// None/empty = no backendRefs: a matched request is answered 500.
    pub backends: Vec<Backend>,
    pub request_headers: HeaderEdits,
    pub response_headers: HeaderEdits,
    /// timeouts.request in ms; None or 0s = no timeout.
    pub request_timeout_ms: Option<u64>,
    /// timeouts.backendRequest in ms (one try to a backend); None or 0s = none.
    pub backend_timeout_ms: Option<u64>,
    /// Linkerd `retry.linkerd.io/limit` etc., as retries (extra tries).
    pub retries: Option<RetryPolicy>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra tries after the first one.
    pub retries: u32,
    /// Retry on 5xx answers (Linkerd `retry.linkerd.io/http: 5xx`, Istio `retryOn: 5xx`).
    pub on_5xx: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParentKind {
    Gateway,
    Service,
    /// Linkerd `Server` (policy.linkerd.io).
    Server,
    /// Linkerd `EgressNetwork` (policy.linkerd.io): routes for traffic leaving the cluster.
    EgressNetwork,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentRef {
    pub kind: ParentKind,
    pub ns: String,
    pub name: String,
    pub section: Option<String>,
    pub port: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct HttpRoute {
    pub name: String,
    pub ns: NsId,
    pub creation: Option<String>,
    pub parents: Vec<ParentRef>,
    pub hostnames: Vec<String>,
    pub rules: Vec<RouteRule>,
    pub origin: Origin,
}
