//! Serde types for the supported subset of Gateway API (gateway.networking.k8s.io v1/v1beta1):
//! Gateway, HTTPRoute (also Linkerd's policy.linkerd.io HTTPRoute, same schema), ReferenceGrant.
//! Every field is read, inert, or unmodeled (the loader warns); anything else is unknown to
//! the API and the object is rejected.

use schemars::JsonSchema;
use serde::Deserialize;

use super::meta::{LabelSelector, ObjectMeta};
use super::yaml::{Inert, Unmodeled};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gateway {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: GatewaySpec,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GatewaySpec {
    pub gateway_class_name: String,
    pub listeners: Vec<Listener>,
    /// Requests reach a Gateway by name (`gw:NS/NAME`), never by a requested address.
    #[serde(rename = "addresses")]
    pub _addresses: Option<Inert>,
    /// Labels and annotations for the gateway's own resources.
    #[serde(rename = "infrastructure")]
    pub _infrastructure: Option<Inert>,
    #[serde(rename = "backendTLS")]
    pub _backend_tls: Option<Unmodeled>,
    #[serde(rename = "allowedListeners")]
    pub _allowed_listeners: Option<Unmodeled>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Listener {
    pub name: String,
    pub hostname: Option<String>,
    pub port: i64,
    pub protocol: String,
    pub allowed_routes: Option<AllowedRoutes>,
    #[serde(rename = "tls")]
    pub _tls: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AllowedRoutes {
    pub namespaces: Option<RouteNamespaces>,
    pub kinds: Option<Vec<GroupKind>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RouteNamespaces {
    pub from: Option<String>,
    pub selector: Option<LabelSelector>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupKind {
    pub group: Option<String>,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRoute {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: HttpRouteSpec,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRouteSpec {
    #[serde(default)]
    pub parent_refs: Vec<ParentRef>,
    #[serde(default)]
    pub hostnames: Vec<String>,
    pub rules: Option<Vec<HttpRouteRule>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParentRef {
    pub group: Option<String>,
    pub kind: Option<String>,
    pub namespace: Option<String>,
    pub name: String,
    pub section_name: Option<String>,
    pub port: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRouteRule {
    /// A rule's name labels it for policies and status only.
    #[serde(rename = "name")]
    pub _name: Option<Inert>,
    pub matches: Option<Vec<HttpRouteMatch>>,
    pub filters: Option<Vec<HttpRouteFilter>>,
    pub backend_refs: Option<Vec<HttpBackendRef>>,
    pub timeouts: Option<HttpRouteTimeouts>,
    pub retry: Option<HttpRouteRetry>,
    #[serde(rename = "sessionPersistence")]
    pub _session_persistence: Option<Unmodeled>,
}

/// `HTTPRouteRule.retry` (Gateway API GEP-1731, extended): `attempts` is "the maximum number
/// of times an individual request from the gateway to a backend should be retried", so retries
/// (extra tries); `codes` are the HTTP statuses that trigger one.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRouteRetry {
    pub codes: Option<Vec<u16>>,
    pub attempts: Option<u32>,
    /// The wait between tries, which counts against a request timeout.
    #[serde(rename = "backoff")]
    pub _backoff: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRouteMatch {
    pub path: Option<HttpPathMatch>,
    pub headers: Option<Vec<HttpValueMatch>>,
    pub query_params: Option<Vec<HttpValueMatch>>,
    pub method: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpPathMatch {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub value: Option<String>,
}

/// A header or query-parameter match.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpValueMatch {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRouteFilter {
    #[serde(rename = "type")]
    pub kind: String,
    pub request_header_modifier: Option<HeaderModifier>,
    pub response_header_modifier: Option<HeaderModifier>,
    #[serde(rename = "requestRedirect")]
    pub _request_redirect: Option<Unmodeled>,
    #[serde(rename = "urlRewrite")]
    pub _url_rewrite: Option<Unmodeled>,
    #[serde(rename = "requestMirror")]
    pub _request_mirror: Option<Unmodeled>,
    #[serde(rename = "cors")]
    pub _cors: Option<Unmodeled>,
    #[serde(rename = "extensionRef")]
    pub _extension_ref: Option<Unmodeled>,
    #[serde(rename = "externalAuth")]
    pub _external_auth: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderModifier {
    #[serde(default)]
    pub set: Vec<HeaderValue>,
    #[serde(default)]
    pub add: Vec<HeaderValue>,
    #[serde(default)]
    pub remove: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderValue {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpBackendRef {
    pub group: Option<String>,
    pub kind: Option<String>,
    pub name: String,
    pub namespace: Option<String>,
    pub port: Option<i64>,
    pub weight: Option<i64>,
    pub filters: Option<Vec<HttpRouteFilter>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRouteTimeouts {
    pub request: Option<String>,
    pub backend_request: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferenceGrant {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: ReferenceGrantSpec,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferenceGrantSpec {
    pub from: Vec<GrantFrom>,
    pub to: Vec<GrantTo>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrantFrom {
    pub group: String,
    pub kind: String,
    pub namespace: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrantTo {
    pub group: String,
    pub kind: String,
    pub name: Option<String>,
}
