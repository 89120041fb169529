//! Istio's traffic API as resolved at load time: VirtualService routes and DestinationRule
//! subsets and client policies (istio/api networking/v1alpha3/virtual_service.proto,
//! destination_rule.proto).

use std::net::IpAddr;

use super::NsId;
use super::labels::Labels;

/// A string condition of a route match. Regexes are RE2 and match the whole value.
#[derive(Debug, Clone)]
pub enum StringMatch {
    Exact(String),
    Prefix(String),
    Regex(regex::Regex),
}

impl StringMatch {
    pub fn matches(&self, value: &str) -> bool {
        match self {
            StringMatch::Exact(v) => value == v,
            StringMatch::Prefix(p) => value.starts_with(p.as_str()),
            StringMatch::Regex(r) => r.is_match(value),
        }
    }
}

/// One `match` entry: every condition present must hold.
#[derive(Debug, Clone, Default)]
pub struct HttpMatch {
    pub uri: Option<StringMatch>,
    pub ignore_uri_case: bool,
    pub method: Option<StringMatch>,
    pub authority: Option<StringMatch>,
    /// Lower-cased names.
    pub headers: Vec<(String, StringMatch)>,
    pub without_headers: Vec<(String, StringMatch)>,
    pub query: Vec<(String, StringMatch)>,
    pub port: Option<u16>,
    pub source_labels: Labels,
    pub source_namespace: Option<String>,
    /// Gateways this match is limited to (overrides the VirtualService's).
    pub gateways: Vec<String>,
}

/// A route destination: a host (Service short name or FQDN, ServiceEntry host), a
/// DestinationRule subset, a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub host: String,
    pub subset: Option<String>,
    pub port: Option<u16>,
    pub weight: u32,
    /// Response headers set or added for requests sent here.
    pub response_headers: Vec<(String, String)>,
}

/// A share of requests, in millionths (Istio's `percentage.value` has 6 decimal digits of
/// meaning for Envoy's fractional percent).
pub type PerMillion = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultDelay {
    pub ms: u64,
    pub share: PerMillion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbortStatus {
    Http(u16),
    /// A gRPC status code: HTTP 200 with `grpc-status`.
    Grpc(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultAbort {
    pub status: AbortStatus,
    pub share: PerMillion,
}

/// Envoy `retry_on` conditions as Istio passes them (`retryOn`; integers become retriable
/// status codes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetryOn {
    /// `5xx`: any 5xx answer, and a try that timed out or was reset.
    pub any_5xx: bool,
    /// `gateway-error`: 502, 503, 504, and a try that timed out.
    pub gateway_error: bool,
    /// `connect-failure`, `reset`, `refused-stream`: the connection failed.
    pub connect_failure: bool,
    pub reset: bool,
    /// `retriable-4xx`: 409.
    pub retriable_4xx: bool,
    /// `retriable-status-codes` with the listed codes.
    pub status_codes: Vec<u16>,
}

impl RetryOn {
    /// Istio's default route policy: connect-failure, refused-stream, unavailable, cancelled,
    /// retriable-status-codes with no code listed (pilot/pkg/networking/core/route/retry).
    pub fn istio_default() -> Self {
        RetryOn {
            connect_failure: true,
            ..RetryOn::default()
        }
    }

    /// Is an application answer with `status` retried?
    pub fn status(&self, status: u16) -> bool {
        (self.any_5xx && status >= 500)
            || (self.gateway_error && matches!(status, 502..=504))
            || (self.retriable_4xx && status == 409)
            || self.status_codes.contains(&status)
    }

    /// Is a try cut by `perTryTimeout` retried? Envoy counts it under `5xx` and
    /// `gateway-error` (router filter docs, x-envoy-retry-on), and `reset` covers a read
    /// timeout.
    pub fn per_try_timeout(&self) -> bool {
        self.any_5xx || self.gateway_error || self.reset
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retries {
    /// Extra tries after the first (Istio `attempts`, Envoy `num_retries`).
    pub attempts: u32,
    pub per_try_timeout_ms: Option<u64>,
    pub on: RetryOn,
}

/// What a matched route does with the request.
#[derive(Debug, Clone)]
pub enum Action {
    Route(Vec<Destination>),
    /// 301 (or `redirectCode`); the Location keeps the request's parts not given.
    Redirect {
        code: u16,
        scheme: Option<String>,
        authority: Option<String>,
        port: Option<u16>,
        uri: Option<String>,
    },
    DirectResponse(u16),
}

#[derive(Debug, Clone)]
pub struct HttpRoute {
    /// Empty = matches every request.
    pub matches: Vec<HttpMatch>,
    pub action: Action,
    pub delay: Option<FaultDelay>,
    pub abort: Option<FaultAbort>,
    /// None or 0 = no route timeout (Istio's default for HTTP routes).
    pub timeout_ms: Option<u64>,
    /// None = Istio's default policy (2 retries on connection failures); `attempts: 0` = none.
    pub retries: Option<Retries>,
    pub response_headers: Vec<(String, String)>,
}

/// A `tcp` route's match.
#[derive(Debug, Clone)]
pub struct L4Match {
    pub port: Option<u16>,
    pub source_labels: Labels,
    pub source_namespace: Option<String>,
    pub gateways: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct L4Route {
    pub matches: Vec<L4Match>,
    pub route: Vec<Destination>,
}

#[derive(Debug, Clone)]
pub struct VirtualService {
    pub ns: NsId,
    pub name: String,
    pub hosts: Vec<String>,
    /// As written; empty = the `mesh` gateway only. Names may be `NS/NAME` or `NAME`.
    pub gateways: Vec<String>,
    pub http: Vec<HttpRoute>,
    pub tcp: Vec<L4Route>,
}

impl VirtualService {
    /// Applied by sidecars and waypoints (the reserved `mesh` gateway).
    pub fn for_mesh(&self) -> bool {
        self.gateways.is_empty() || self.gateways.iter().any(|g| g == "mesh")
    }
}

/// DestinationRule `trafficPolicy.tls.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    Disable,
    Simple,
    Mutual,
    IstioMutual,
}

/// How the client's proxy picks an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HashOn {
    Header(String),
    Query(String),
    SourceIp,
}

#[derive(Debug, Clone, Default)]
pub struct ClientPolicy {
    pub tls: Option<TlsMode>,
    pub hash: Option<HashOn>,
}

#[derive(Debug, Clone)]
pub struct Subset {
    pub name: String,
    pub labels: Labels,
    /// Overrides the rule's policy field by field.
    pub policy: ClientPolicy,
}

#[derive(Debug, Clone)]
pub struct DestinationRule {
    pub ns: NsId,
    pub name: String,
    pub host: String,
    pub policy: ClientPolicy,
    pub subsets: Vec<Subset>,
}

/// One `servers` entry of a networking.istio.io Gateway.
#[derive(Debug, Clone)]
pub struct GatewayServer {
    pub port: u16,
    /// `[namespace/]host` as written; `*` wildcards.
    pub hosts: Vec<String>,
}

/// A networking.istio.io Gateway: Istio's classic ingress (or egress) gateway proxy.
#[derive(Debug, Clone)]
pub struct IstioGateway {
    pub ns: NsId,
    pub name: String,
    /// The gateway pods' labels (`istio: ingressgateway`).
    pub selector: super::labels::Labels,
    pub servers: Vec<GatewayServer>,
    /// A deterministic address for the gateway proxy when no pod of the input carries the
    /// selector's labels (the proxy Istio's installation deployed).
    pub proxy_ip: IpAddr,
}

/// The identity of the ingress gateway an Istio installation deploys (istio-system,
/// `istio-ingressgateway-service-account`), when the input holds no pod of its own.
pub const INGRESS_GATEWAY_PRINCIPAL: &str =
    "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";

/// A networking.istio.io Sidecar's outbound traffic policy for the workloads it selects
/// (`registry_only`: hosts outside the registry go to the BlackHoleCluster).
#[derive(Debug, Clone)]
pub struct Sidecar {
    pub ns: NsId,
    pub name: String,
    /// None = every workload of the namespace (in the root namespace: of the mesh).
    pub selector: Option<super::labels::Labels>,
    /// None = the mesh config's mode.
    pub registry_only: Option<bool>,
}
