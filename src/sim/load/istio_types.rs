//! Serde types for Istio's traffic API (networking.istio.io VirtualService and
//! DestinationRule; istio/api networking/v1alpha3/virtual_service.proto and
//! destination_rule.proto).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::yaml::{Inert, Unmodeled};

// ------------------------------------------------------------------------- VirtualService

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VirtualServiceSpec {
    #[serde(default)]
    pub hosts: Vec<String>,
    pub gateways: Option<Vec<String>>,
    #[serde(default)]
    pub http: Vec<HttpRoute>,
    #[serde(default)]
    pub tcp: Vec<TcpRoute>,
    /// TLS routes pick a destination by SNI, which meshlab's probes do not carry.
    #[serde(rename = "tls")]
    pub _tls: Option<Unmodeled>,
    #[serde(rename = "exportTo")]
    pub _export_to: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRoute {
    /// Names the route in access logs only.
    #[serde(rename = "name")]
    pub _name: Option<Inert>,
    #[serde(rename = "match")]
    pub matches: Option<Vec<HttpMatch>>,
    pub route: Option<Vec<HttpDestination>>,
    pub redirect: Option<Redirect>,
    pub direct_response: Option<DirectResponse>,
    #[serde(rename = "delegate")]
    pub _delegate: Option<Unmodeled>,
    /// Rewrites what the server receives: the server's own AuthorizationPolicy matches the
    /// rewritten path, so it can change an answer, and meshlab does not model it (warned).
    #[serde(rename = "rewrite")]
    pub _rewrite: Option<Unmodeled>,
    pub timeout: Option<String>,
    pub retries: Option<Retries>,
    pub fault: Option<Fault>,
    /// Mirrored requests are fire-and-forget: Envoy discards their answers, so they cannot
    /// change what the client sees.
    #[serde(rename = "mirror")]
    pub _mirror: Option<Inert>,
    #[serde(rename = "mirrors")]
    pub _mirrors: Option<Inert>,
    #[serde(rename = "mirrorPercentage")]
    pub _mirror_percentage: Option<Inert>,
    #[serde(rename = "mirrorPercent")]
    pub _mirror_percent: Option<Inert>,
    #[serde(rename = "corsPolicy")]
    pub _cors_policy: Option<Unmodeled>,
    pub headers: Option<Headers>,
}

/// istio StringMatch: exactly one of exact, prefix, regex (RE2, whole string).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StringMatch {
    pub exact: Option<String>,
    pub prefix: Option<String>,
    pub regex: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpMatch {
    #[serde(rename = "name")]
    pub _name: Option<Inert>,
    pub uri: Option<StringMatch>,
    #[serde(rename = "scheme")]
    pub _scheme: Option<Unmodeled>,
    pub method: Option<StringMatch>,
    pub authority: Option<StringMatch>,
    #[serde(default)]
    pub headers: BTreeMap<String, StringMatch>,
    pub port: Option<u32>,
    #[serde(default)]
    pub source_labels: BTreeMap<String, String>,
    #[serde(default)]
    pub gateways: Vec<String>,
    #[serde(default)]
    pub query_params: BTreeMap<String, StringMatch>,
    #[serde(default)]
    pub ignore_uri_case: bool,
    #[serde(default)]
    pub without_headers: BTreeMap<String, StringMatch>,
    pub source_namespace: Option<String>,
    #[serde(rename = "statPrefix")]
    pub _stat_prefix: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortSelector {
    pub number: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Destination {
    pub host: String,
    pub subset: Option<String>,
    pub port: Option<PortSelector>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpDestination {
    pub destination: Destination,
    pub weight: Option<i64>,
    pub headers: Option<Headers>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Headers {
    /// Request header edits reach the server, whose AuthorizationPolicy `when` conditions
    /// read headers: they can change an answer, and meshlab does not model them (warned).
    #[serde(rename = "request")]
    pub _request: Option<Unmodeled>,
    pub response: Option<HeaderOperations>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderOperations {
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    #[serde(default)]
    pub add: BTreeMap<String, String>,
    /// meshlab's simulated application sends no headers of its own to remove.
    #[serde(rename = "remove")]
    pub _remove: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Redirect {
    pub uri: Option<String>,
    pub authority: Option<String>,
    pub port: Option<u32>,
    #[serde(rename = "derivePort")]
    pub _derive_port: Option<Inert>,
    pub scheme: Option<String>,
    pub redirect_code: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DirectResponse {
    pub status: u32,
    /// The body is the application's business; the status is what the client sees.
    #[serde(rename = "body")]
    pub _body: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Retries {
    pub attempts: Option<i64>,
    pub per_try_timeout: Option<String>,
    pub retry_on: Option<String>,
    #[serde(rename = "retryRemoteLocalities")]
    pub _retry_remote_localities: Option<Unmodeled>,
    /// Which host a retry goes to; meshlab's retries all reach the same answer.
    #[serde(rename = "retryIgnorePreviousHosts")]
    pub _retry_ignore_previous_hosts: Option<Inert>,
    /// The wait between tries (default 25 ms) is not added to a request's time.
    #[serde(rename = "backoff")]
    pub _backoff: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Percent {
    pub value: f64,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    pub delay: Option<Delay>,
    pub abort: Option<Abort>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Delay {
    pub fixed_delay: Option<String>,
    #[serde(rename = "exponentialDelay")]
    pub _exponential_delay: Option<Unmodeled>,
    pub percentage: Option<Percent>,
    /// Deprecated integer percentage.
    pub percent: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Abort {
    pub http_status: Option<u32>,
    pub grpc_status: Option<String>,
    #[serde(rename = "http2Error")]
    pub _http2_error: Option<Unmodeled>,
    pub percentage: Option<Percent>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct L4Match {
    #[serde(rename = "destinationSubnets")]
    pub _destination_subnets: Option<Unmodeled>,
    pub port: Option<u32>,
    #[serde(default)]
    pub source_labels: BTreeMap<String, String>,
    #[serde(default)]
    pub gateways: Vec<String>,
    pub source_namespace: Option<String>,
    #[serde(rename = "sourceSubnet")]
    pub _source_subnet: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct L4Destination {
    pub destination: Destination,
    pub weight: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TcpRoute {
    #[serde(rename = "match", default)]
    pub matches: Vec<L4Match>,
    #[serde(default)]
    pub route: Vec<L4Destination>,
}

// ------------------------------------------------------------------------- DestinationRule

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DestinationRuleSpec {
    pub host: String,
    pub traffic_policy: Option<TrafficPolicy>,
    #[serde(default)]
    pub subsets: Vec<Subset>,
    #[serde(rename = "exportTo")]
    pub _export_to: Option<Unmodeled>,
    #[serde(rename = "workloadSelector")]
    pub _workload_selector: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subset {
    pub name: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    pub traffic_policy: Option<TrafficPolicy>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrafficPolicy {
    pub load_balancer: Option<LoadBalancer>,
    #[serde(rename = "connectionPool")]
    pub _connection_pool: Option<Unmodeled>,
    #[serde(rename = "outlierDetection")]
    pub _outlier_detection: Option<Unmodeled>,
    pub tls: Option<ClientTls>,
    #[serde(rename = "portLevelSettings")]
    pub _port_level_settings: Option<Unmodeled>,
    #[serde(rename = "tunnel")]
    pub _tunnel: Option<Unmodeled>,
    #[serde(rename = "proxyProtocol")]
    pub _proxy_protocol: Option<Unmodeled>,
    #[serde(rename = "retryBudget")]
    pub _retry_budget: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancer {
    /// ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH: which healthy endpoint answers, never
    /// whether one does; meshlab spreads requests round robin for all of them.
    #[serde(rename = "simple")]
    pub _simple: Option<Inert>,
    pub consistent_hash: Option<ConsistentHash>,
    #[serde(rename = "localityLbSetting")]
    pub _locality_lb_setting: Option<Unmodeled>,
    #[serde(rename = "warmupDurationSecs")]
    pub _warmup_duration_secs: Option<Inert>,
    #[serde(rename = "warmup")]
    pub _warmup: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsistentHash {
    pub http_header_name: Option<String>,
    #[serde(rename = "httpCookie")]
    pub _http_cookie: Option<Unmodeled>,
    #[serde(rename = "useSourceIp")]
    pub use_source_ip: Option<bool>,
    #[serde(rename = "httpQueryParameterName")]
    pub http_query_parameter_name: Option<String>,
    /// Ring sizes change which endpoint a key lands on, not that it sticks.
    #[serde(rename = "ringHash")]
    pub _ring_hash: Option<Inert>,
    #[serde(rename = "maglev")]
    pub _maglev: Option<Inert>,
    #[serde(rename = "minimumRingSize")]
    pub _minimum_ring_size: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientTls {
    pub mode: Option<String>,
    /// Certificates and names: meshlab's TLS always verifies.
    #[serde(rename = "clientCertificate")]
    pub _client_certificate: Option<Inert>,
    #[serde(rename = "privateKey")]
    pub _private_key: Option<Inert>,
    #[serde(rename = "caCertificates")]
    pub _ca_certificates: Option<Inert>,
    #[serde(rename = "credentialName")]
    pub _credential_name: Option<Inert>,
    #[serde(rename = "subjectAltNames")]
    pub _subject_alt_names: Option<Inert>,
    #[serde(rename = "sni")]
    pub _sni: Option<Inert>,
    #[serde(rename = "insecureSkipVerify")]
    pub _insecure_skip_verify: Option<Inert>,
    #[serde(rename = "caCrl")]
    pub _ca_crl: Option<Inert>,
}

// ------------------------------------------------------------------------- Gateway

/// networking.istio.io Gateway: the ports and hosts a gateway proxy (picked by `selector`)
/// listens for; VirtualServices naming it in `gateways` route what arrives.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GatewaySpec {
    #[serde(default)]
    pub selector: BTreeMap<String, String>,
    #[serde(default)]
    pub servers: Vec<Server>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Server {
    pub port: ServerPort,
    #[serde(default)]
    pub hosts: Vec<String>,
    /// TLS termination and certificates: a probe reaches the routes as if TLS were done.
    #[serde(rename = "tls")]
    pub _tls: Option<Unmodeled>,
    #[serde(rename = "bind")]
    pub _bind: Option<Unmodeled>,
    #[serde(rename = "defaultEndpoint")]
    pub _default_endpoint: Option<Unmodeled>,
    #[serde(rename = "name")]
    pub _name: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerPort {
    pub number: u32,
    /// HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP, TLS: meshlab takes HTTP or TCP from the probe.
    #[serde(rename = "protocol")]
    pub _protocol: Option<Inert>,
    #[serde(rename = "name")]
    pub _name: Option<Inert>,
    #[serde(rename = "targetPort")]
    pub _target_port: Option<Unmodeled>,
}

// ------------------------------------------------------------------------- Sidecar

/// networking.istio.io Sidecar: what a workload's sidecar may reach.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SidecarSpec {
    pub workload_selector: Option<SidecarSelector>,
    /// Which hosts the sidecar knows: a host outside them falls to the outbound traffic
    /// policy's passthrough or blackhole.
    #[serde(rename = "egress")]
    pub _egress: Option<Unmodeled>,
    #[serde(rename = "ingress")]
    pub _ingress: Option<Unmodeled>,
    pub outbound_traffic_policy: Option<OutboundTrafficPolicy>,
    #[serde(rename = "inboundConnectionPool")]
    pub _inbound_connection_pool: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SidecarSelector {
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutboundTrafficPolicy {
    pub mode: Option<String>,
    #[serde(rename = "egressProxy")]
    pub _egress_proxy: Option<Unmodeled>,
}
