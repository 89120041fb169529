//! Serde types for the modeled mesh kinds: Istio (security.istio.io PeerAuthentication,
//! AuthorizationPolicy; networking.istio.io ServiceEntry; the traffic API is in `istio_types.rs`), Linkerd
//! (policy.linkerd.io Server, AuthorizationPolicy, MeshTLSAuthentication,
//! NetworkAuthentication), Cilium (cilium.io CiliumNetworkPolicy), and the ConfigMaps that
//! hold mesh-wide settings (kube-system/cilium-config).

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

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkerdNetwork {
    pub cidr: String,
    pub except: Option<Vec<String>>,
}

// ------------------------------------------------------------------------- Cilium

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CiliumNetworkPolicy {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: Option<CiliumSpec>,
    pub specs: Option<Vec<CiliumSpec>>,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CiliumSpec {
    #[serde(rename = "description")]
    pub _description: Option<Inert>,
    pub endpoint_selector: Option<LabelSelector>,
    pub ingress: Option<Vec<CiliumRule>>,
    pub egress: Option<Vec<CiliumRule>>,
    pub ingress_deny: Option<Vec<CiliumRule>>,
    pub egress_deny: Option<Vec<CiliumRule>>,
    /// Labels that name the rule (for `cilium policy get`), not the endpoints it selects.
    #[serde(rename = "labels")]
    pub _labels: Option<Inert>,
    #[serde(rename = "nodeSelector")]
    pub _node_selector: Option<Unmodeled>,
    #[serde(rename = "enableDefaultDeny")]
    pub _enable_default_deny: Option<Unmodeled>,
}

/// An ingress or egress rule (from* fields on ingress, to* fields on egress; checked on load).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CiliumRule {
    pub from_endpoints: Option<Vec<LabelSelector>>,
    pub to_endpoints: Option<Vec<LabelSelector>>,
    #[serde(rename = "fromCIDR")]
    pub from_cidr: Option<Vec<String>>,
    #[serde(rename = "toCIDR")]
    pub to_cidr: Option<Vec<String>>,
    #[serde(rename = "fromCIDRSet")]
    pub from_cidr_set: Option<Vec<CidrRule>>,
    #[serde(rename = "toCIDRSet")]
    pub to_cidr_set: Option<Vec<CidrRule>>,
    pub from_entities: Option<Vec<String>>,
    pub to_entities: Option<Vec<String>>,
    #[serde(rename = "toFQDNs")]
    pub to_fqdns: Option<Vec<FqdnSelector>>,
    pub to_ports: Option<Vec<PortRule>>,
    #[serde(rename = "fromRequires")]
    pub _from_requires: Option<Unmodeled>,
    #[serde(rename = "toRequires")]
    pub _to_requires: Option<Unmodeled>,
    #[serde(rename = "fromGroups")]
    pub _from_groups: Option<Unmodeled>,
    #[serde(rename = "toGroups")]
    pub _to_groups: Option<Unmodeled>,
    #[serde(rename = "fromNodes")]
    pub _from_nodes: Option<Unmodeled>,
    #[serde(rename = "toNodes")]
    pub _to_nodes: Option<Unmodeled>,
    #[serde(rename = "toServices")]
    pub _to_services: Option<Unmodeled>,
    #[serde(rename = "icmps")]
    pub _icmps: Option<Unmodeled>,
    #[serde(rename = "authentication")]
    pub _authentication: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CidrRule {
    pub cidr: String,
    pub except: Option<Vec<String>>,
    #[serde(rename = "cidrGroupRef")]
    pub _cidr_group_ref: Option<Unmodeled>,
    #[serde(rename = "cidrGroupSelector")]
    pub _cidr_group_selector: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FqdnSelector {
    pub match_name: Option<String>,
    pub match_pattern: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortRule {
    #[serde(default)]
    pub ports: Vec<PortProtocol>,
    pub rules: Option<L7Rules>,
    #[serde(rename = "terminatingTLS")]
    pub _terminating_tls: Option<Unmodeled>,
    #[serde(rename = "originatingTLS")]
    pub _originating_tls: Option<Unmodeled>,
    #[serde(rename = "serverNames")]
    pub _server_names: Option<Unmodeled>,
    #[serde(rename = "listener")]
    pub _listener: Option<Unmodeled>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortProtocol {
    pub port: IntOrString,
    pub end_port: Option<i64>,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct L7Rules {
    pub http: Option<Vec<HttpRule>>,
    pub dns: Option<Vec<FqdnSelector>>,
    #[serde(rename = "kafka")]
    pub _kafka: Option<Unmodeled>,
    #[serde(rename = "l7proto")]
    pub _l7proto: Option<Unmodeled>,
    #[serde(rename = "l7")]
    pub _l7: Option<Unmodeled>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRule {
    pub method: Option<String>,
    pub path: Option<String>,
    pub host: Option<String>,
    pub headers: Option<Vec<String>>,
    #[serde(rename = "headerMatches")]
    pub _header_matches: Option<Unmodeled>,
}
