//! Serde types for the modeled mesh kinds: Istio (security.istio.io PeerAuthentication,
//! AuthorizationPolicy; networking.istio.io ServiceEntry; the traffic API is in `istio_types.rs`), Linkerd
//! (policy.linkerd.io Server, AuthorizationPolicy, MeshTLSAuthentication,
//! NetworkAuthentication) and the ConfigMaps that hold mesh-wide settings
//! (kube-system/cilium-config); Cilium's policies are in `cilium_types.rs`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::meta::{IntOrString, LabelSelector, ObjectMeta};
use super::yaml::{Inert, Unmodeled};

/// `apiVersion`, `kind`, `metadata`, `spec`: the shape of every mesh object.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "Object_{S}")]
pub struct Object<S> {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: S,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

// ------------------------------------------------------------------------- Istio

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadSelector {
    #[serde(default)]
    pub match_labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PeerAuthenticationSpec {
    pub selector: Option<WorkloadSelector>,
    pub mtls: Option<MtlsSetting>,
    #[serde(default)]
    pub port_level_mtls: BTreeMap<String, MtlsSetting>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MtlsSetting {
    pub mode: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetRef {
    /// The kind names the target among the kinds meshlab knows.
    #[serde(rename = "group")]
    pub _group: Option<Inert>,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthorizationPolicySpec {
    pub selector: Option<WorkloadSelector>,
    pub target_ref: Option<TargetRef>,
    pub target_refs: Option<Vec<TargetRef>>,
    pub action: Option<String>,
    /// The external authorizer of a CUSTOM policy.
    #[serde(rename = "provider")]
    pub _provider: Option<Unmodeled>,
    pub rules: Option<Vec<IstioRule>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioRule {
    pub from: Option<Vec<IstioFrom>>,
    pub to: Option<Vec<IstioTo>>,
    pub when: Option<Vec<IstioCondition>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioFrom {
    pub source: IstioSource,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioSource {
    pub principals: Option<Vec<String>>,
    pub not_principals: Option<Vec<String>>,
    pub request_principals: Option<Vec<String>>,
    pub not_request_principals: Option<Vec<String>>,
    pub namespaces: Option<Vec<String>>,
    pub not_namespaces: Option<Vec<String>>,
    pub ip_blocks: Option<Vec<String>>,
    pub not_ip_blocks: Option<Vec<String>>,
    pub remote_ip_blocks: Option<Vec<String>>,
    pub not_remote_ip_blocks: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioTo {
    pub operation: IstioOperation,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioOperation {
    pub hosts: Option<Vec<String>>,
    pub not_hosts: Option<Vec<String>>,
    pub ports: Option<Vec<String>>,
    pub not_ports: Option<Vec<String>>,
    pub methods: Option<Vec<String>>,
    pub not_methods: Option<Vec<String>>,
    pub paths: Option<Vec<String>>,
    pub not_paths: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioCondition {
    pub key: String,
    pub values: Option<Vec<String>>,
    pub not_values: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestAuthenticationSpec {
    pub selector: Option<WorkloadSelector>,
    /// Attached to a waypoint or gateway: meshlab validates JWTs at sidecars only.
    #[serde(rename = "targetRef")]
    pub _target_ref: Option<Unmodeled>,
    #[serde(rename = "targetRefs")]
    pub _target_refs: Option<Unmodeled>,
    #[serde(default)]
    pub jwt_rules: Vec<JwtRule>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JwtRule {
    pub issuer: String,
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Where the keys come from: meshlab reads a test token's claims without checking its
    /// signature (the probe stands for a client holding a valid token).
    #[serde(rename = "jwksUri")]
    pub _jwks_uri: Option<Inert>,
    #[serde(rename = "jwks")]
    pub _jwks: Option<Inert>,
    #[serde(rename = "fromHeaders")]
    pub _from_headers: Option<Unmodeled>,
    #[serde(rename = "fromParams")]
    pub _from_params: Option<Unmodeled>,
    #[serde(rename = "fromCookies")]
    pub _from_cookies: Option<Unmodeled>,
    #[serde(rename = "outputPayloadToHeader")]
    pub _output_payload_to_header: Option<Inert>,
    #[serde(rename = "outputClaimToHeaders")]
    pub _output_claim_to_headers: Option<Inert>,
    #[serde(rename = "forwardOriginalToken")]
    pub _forward_original_token: Option<Inert>,
    #[serde(rename = "timeout")]
    pub _timeout: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceEntrySpec {
    #[serde(default)]
    pub hosts: Vec<String>,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default)]
    pub ports: Vec<ServiceEntryPort>,
    #[serde(rename = "location")]
    pub _location: Option<Unmodeled>,
    /// How the proxy finds the host's addresses (NONE, STATIC, DNS, DNS_ROUND_ROBIN):
    /// meshlab's external hosts always answer at whatever address they have.
    #[serde(rename = "resolution")]
    pub _resolution: Option<Inert>,
    #[serde(rename = "endpoints")]
    pub _endpoints: Option<Unmodeled>,
    #[serde(rename = "workloadSelector")]
    pub _workload_selector: Option<Unmodeled>,
    #[serde(rename = "exportTo")]
    pub _export_to: Option<Unmodeled>,
    #[serde(rename = "subjectAltNames")]
    pub _subject_alt_names: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceEntryPort {
    pub number: u32,
    /// meshlab takes HTTP or TCP from the probe itself.
    #[serde(rename = "protocol")]
    pub _protocol: Option<Inert>,
    #[serde(rename = "name")]
    pub _name: Option<Inert>,
    #[serde(rename = "targetPort")]
    pub _target_port: Option<Unmodeled>,
}

// ------------------------------------------------------------------------- Linkerd

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EgressNetworkSpec {
    pub traffic_policy: String,
    pub networks: Option<Vec<LinkerdNetwork>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerSpec {
    pub pod_selector: Option<LabelSelector>,
    pub port: IntOrString,
    pub proxy_protocol: Option<String>,
    pub access_policy: Option<String>,
    #[serde(rename = "externalWorkloadSelector")]
    pub _external_workload_selector: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkerdAuthorizationPolicySpec {
    pub target_ref: TargetRef,
    #[serde(default)]
    pub required_authentication_refs: Vec<TargetRef>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeshTlsAuthenticationSpec {
    pub identities: Option<Vec<String>>,
    pub identity_refs: Option<Vec<TargetRef>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkAuthenticationSpec {
    pub networks: Vec<LinkerdNetwork>,
}

/// policy.linkerd.io/v1beta1 ServerAuthorization: the earlier form of an authorization, for
/// Servers only (linkerd.io reference/authorization-policy.md#serverauthorization).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerAuthorizationSpec {
    pub server: ServerAuthorizationServer,
    pub client: ServerAuthorizationClient,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerAuthorizationServer {
    pub name: Option<String>,
    pub selector: Option<LabelSelector>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerAuthorizationClient {
    pub networks: Option<Vec<LinkerdNetwork>>,
    pub unauthenticated: Option<bool>,
    #[serde(rename = "meshTLS")]
    pub mesh_tls: Option<ServerAuthorizationMeshTls>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerAuthorizationMeshTls {
    #[serde(rename = "unauthenticatedTLS")]
    pub unauthenticated_tls: Option<bool>,
    pub identities: Option<Vec<String>>,
    pub service_accounts: Option<Vec<ServiceAccountRef>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceAccountRef {
    pub name: String,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkerdNetwork {
    pub cidr: String,
    pub except: Option<Vec<String>>,
}

/// policy.linkerd.io/v1alpha1 HTTPLocalRateLimitPolicy (linkerd.io reference/rate-limiting.md).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpLocalRateLimitPolicySpec {
    pub target_ref: TargetRef,
    pub total: Option<RequestsPerSecond>,
    pub identity: Option<RequestsPerSecond>,
    pub overrides: Option<Vec<RateLimitOverride>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestsPerSecond {
    pub requests_per_second: u32,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateLimitOverride {
    pub requests_per_second: u32,
    pub client_refs: Vec<TargetRef>,
}

/// linkerd.io/v1alpha2 ServiceProfile (linkerd.io reference/service-profiles.md).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceProfileSpec {
    #[serde(default)]
    pub routes: Vec<ProfileRoute>,
    pub retry_budget: Option<ProfileRetryBudget>,
    /// Traffic split to other Services (the SMI-era canary mechanism).
    #[serde(rename = "dstOverrides")]
    pub _dst_overrides: Option<Unmodeled>,
    #[serde(rename = "opaquePorts")]
    pub _opaque_ports: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileRoute {
    pub name: String,
    pub condition: ProfileRequestMatch,
    pub response_classes: Option<Vec<ProfileResponseClass>>,
    pub is_retryable: Option<bool>,
    pub timeout: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileRequestMatch {
    pub path_regex: Option<String>,
    pub method: Option<String>,
    pub all: Option<Vec<ProfileRequestMatch>>,
    pub any: Option<Vec<ProfileRequestMatch>>,
    pub not: Option<Box<ProfileRequestMatch>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileResponseClass {
    pub condition: ProfileResponseMatch,
    pub is_failure: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileResponseMatch {
    pub status: Option<ProfileStatusRange>,
    pub all: Option<Vec<ProfileResponseMatch>>,
    pub any: Option<Vec<ProfileResponseMatch>>,
    pub not: Option<Box<ProfileResponseMatch>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileStatusRange {
    pub min: Option<u16>,
    pub max: Option<u16>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileRetryBudget {
    pub retry_ratio: f64,
    pub min_retries_per_second: u32,
    pub ttl: String,
}
