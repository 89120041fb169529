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
    /// The route kinds it admits: `allowedRoutes.kinds` that fit its protocol, else the
    /// protocol's own (HTTP/HTTPS: HTTPRoute, GRPCRoute; TLS: TLSRoute; TCP: TCPRoute; UDP:
    /// UDPRoute).
    pub kinds: Vec<String>,
    pub hostname: Option<String>,
    pub port: u16,
    pub protocol: String,
    pub allowed: AllowedFrom,
    /// TLS `Passthrough` (a TLS listener that forwards the stream by SNI, unterminated).
    pub passthrough: bool,
    /// Why the listener is not programmed (`Programmed=False`): a certificate Secret that does
    /// not exist or may not be referenced. It serves nothing.
    pub unprogrammed: Option<String>,
}

impl Listener {
    pub fn admits(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }
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
    /// `RegularExpression` (implementation-specific): the whole path must match, as Envoy's
    /// `safe_regex` does; ranked like a prefix of the same length.
    Regex(Pattern),
}

/// A compiled regular expression, anchored at both ends; equal when written the same.
#[derive(Debug, Clone)]
pub struct Pattern(regex::Regex);

impl Pattern {
    /// Compile `expr` to match a whole value; the error says why it is not a valid one.
    pub fn new(expr: &str) -> Result<Self, String> {
        regex::Regex::new(&format!("^(?:{expr})$"))
            .map(Pattern)
            .map_err(|e| e.to_string())
    }

    pub fn holds(&self, value: &str) -> bool {
        self.0.is_match(value)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for Pattern {}

/// A header or query-parameter value condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueMatch {
    Exact(String),
    Regex(Pattern),
}

impl ValueMatch {
    pub fn holds(&self, value: &str) -> bool {
        match self {
            ValueMatch::Exact(v) => v == value,
            ValueMatch::Regex(p) => p.holds(value),
        }
    }

    /// The value as written (the pattern of a regex).
    pub fn written(&self) -> &str {
        match self {
            ValueMatch::Exact(v) => v,
            ValueMatch::Regex(p) => {
                p.0.as_str()
                    .trim_start_matches("^(?:")
                    .trim_end_matches(")$")
            }
        }
    }
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
    pub headers: Vec<(String, ValueMatch)>,
    pub query: Vec<(String, ValueMatch)>,
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
    /// Header modifiers of this backendRef, applied only to requests sent to it.
    pub filters: BackendFilters,
}

/// `HTTPBackendRef.filters` meshlab models: the header modifiers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackendFilters {
    pub request: HeaderEdits,
    pub response: HeaderEdits,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderEdits {
    pub set: Vec<(String, String)>,
    pub add: Vec<(String, String)>,
    pub remove: Vec<String>,
}

/// `HTTPPathModifier`, for a redirect's `Location` or a rewrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathModifier {
    /// `ReplaceFullPath`: the whole path becomes this.
    Full(String),
    /// `ReplacePrefixMatch`: the matched PathPrefix is replaced by this.
    Prefix(String),
}

/// `RequestRedirect`: the gateway answers `status` with a `Location` header; no backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// `http` or `https`; None keeps the request's scheme.
    pub scheme: Option<String>,
    pub hostname: Option<String>,
    pub path: Option<PathModifier>,
    pub port: Option<u16>,
    /// 301, 302 (the default), 303, 307 or 308.
    pub status: u16,
}

/// `URLRewrite`: what the backend sees instead of the request's Host and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub hostname: Option<String>,
    pub path: Option<PathModifier>,
}

/// `RequestMirror`: a copy of `numerator/denominator` of the requests goes to `backend`; its
/// answer is ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    pub backend: Backend,
    pub numerator: u32,
    pub denominator: u32,
}

/// `CORS`: the gateway answers preflight requests itself and adds the CORS response headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cors {
    pub allow_origins: Vec<String>,
    pub allow_credentials: bool,
    pub allow_methods: Vec<String>,
    pub allow_headers: Vec<String>,
    pub expose_headers: Vec<String>,
    /// Seconds; 5 by default.
    pub max_age: u32,
}

#[derive(Debug, Clone, Default)]
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
    pub redirect: Option<Redirect>,
    pub rewrite: Option<Rewrite>,
    pub mirrors: Vec<Mirror>,
    pub cors: Option<Cors>,
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

/// The route kinds that carry HTTP requests; both are matched the same way once a GRPCRoute's
/// service and method are read as the request path `/SERVICE/METHOD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RouteKind {
    #[default]
    Http,
    Grpc,
}

impl RouteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RouteKind::Http => "HTTPRoute",
            RouteKind::Grpc => "GRPCRoute",
        }
    }
}

#[derive(Debug, Clone)]
pub struct HttpRoute {
    pub kind: RouteKind,
    pub name: String,
    pub ns: NsId,
    pub creation: Option<String>,
    pub parents: Vec<ParentRef>,
    pub hostnames: Vec<String>,
    pub rules: Vec<RouteRule>,
    pub origin: Origin,
}

/// The kinds of route that forward a connection rather than an HTTP request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamKind {
    Tcp,
    /// Routed by the SNI hostname of the TLS handshake.
    Tls,
    Udp,
}

impl StreamKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StreamKind::Tcp => "TCPRoute",
            StreamKind::Tls => "TLSRoute",
            StreamKind::Udp => "UDPRoute",
        }
    }
}

/// A TCPRoute, TLSRoute or UDPRoute: its first rule's backends (implementations support one
/// rule; the load warns about others).
#[derive(Debug, Clone)]
pub struct StreamRoute {
    pub kind: StreamKind,
    pub name: String,
    pub ns: NsId,
    pub parents: Vec<ParentRef>,
    /// TLSRoute: the SNI hostnames served (empty = every hostname of the listener).
    pub hostnames: Vec<String>,
    pub backends: Vec<Backend>,
    pub origin: Origin,
}

/// A BackendTLSPolicy on one Service (port): the gateway connects to it over TLS, with
/// `hostname` as SNI.
#[derive(Debug, Clone)]
pub struct BackendTls {
    pub name: String,
    pub ns: NsId,
    pub svc: SvcId,
    /// `sectionName`: the Service port name it is limited to.
    pub port_name: Option<String>,
    pub hostname: String,
    /// Why the gateway cannot validate the backend (a CA certificate reference that does not
    /// resolve): its connections fail with a 5xx.
    pub invalid: Option<String>,
}

/// Does hostname `pattern` (exact or `*.suffix`) match `host`? A wildcard matches one or more
/// labels but not the apex.
pub fn hostname_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix('*') {
        Some(suffix) => {
            host.len() > suffix.len() && host.ends_with(suffix) && suffix.starts_with('.')
        }
        None => pattern.eq_ignore_ascii_case(host),
    }
}

/// Specificity of a hostname pattern: exact beats wildcard, then longer beats shorter.
pub fn hostname_rank(pattern: &str) -> (bool, usize) {
    (!pattern.starts_with('*'), pattern.len())
}

/// Intersection of a listener hostname and a route hostname, as the effective hostname the
/// route serves on that listener (None = no intersection).
pub fn intersect(listener: Option<&str>, route: &str) -> Option<String> {
    let Some(l) = listener else {
        return Some(route.to_owned());
    };
    if l.eq_ignore_ascii_case(route) {
        return Some(route.to_owned());
    }
    match (l.starts_with('*'), route.starts_with('*')) {
        (true, false) if hostname_matches(l, route) => Some(route.to_owned()),
        (false, true) if hostname_matches(route, l) => Some(l.to_owned()),
        (true, true) => {
            let (ls, rs) = (&l[1..], &route[1..]);
            if rs.ends_with(ls) {
                Some(route.to_owned())
            } else if ls.ends_with(rs) {
                Some(l.to_owned())
            } else {
                None
            }
        }
        _ => None,
    }
}
