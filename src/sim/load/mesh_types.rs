//! Serde types for the modelled mesh kinds: Istio (security.istio.io PeerAuthentication,
//! AuthorizationPolicy; networking.istio.io VirtualService retries/timeouts), Linkerd
//! (policy.linkerd.io Server, AuthorizationPolicy, MeshTLSAuthentication,
//! NetworkAuthentication), Cilium (cilium.io CiliumNetworkPolicy), and the ConfigMaps that
//! hold mesh-wide settings (kube-system/cilium-config).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::core_types::{IntOrString, LabelSelector, ObjectMeta};

/// `apiVersion`, `kind`, `metadata`, `spec`: the shape of every mesh object.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Object<S> {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: S,
    #[serde(rename = "status")]
    pub _status: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMap {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub data: BTreeMap<String, String>,
    #[serde(rename = "binaryData")]
    pub _binary_data: Option<IgnoredAny>,
    #[serde(rename = "immutable")]
    pub _immutable: Option<IgnoredAny>,
}

// ------------------------------------------------------------------------- Istio

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadSelector {
    #[serde(default)]
    pub match_labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PeerAuthenticationSpec {
    pub selector: Option<WorkloadSelector>,
    pub mtls: Option<MtlsSetting>,
    #[serde(default)]
    pub port_level_mtls: BTreeMap<String, MtlsSetting>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MtlsSetting {
    pub mode: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetRef {
    #[serde(rename = "group")]
    pub _group: Option<String>,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthorizationPolicySpec {
    pub selector: Option<WorkloadSelector>,
    pub target_ref: Option<TargetRef>,
    pub target_refs: Option<Vec<TargetRef>>,
    pub action: Option<String>,
    #[serde(rename = "provider")]
    pub _provider: Option<IgnoredAny>,
    pub rules: Option<Vec<IstioRule>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioRule {
    pub from: Option<Vec<IstioFrom>>,
    pub to: Option<Vec<IstioTo>>,
    pub when: Option<Vec<IstioCondition>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioFrom {
    pub source: IstioSource,
}

#[derive(Debug, Clone, Default, Deserialize)]
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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioTo {
    pub operation: IstioOperation,
}

#[derive(Debug, Clone, Default, Deserialize)]
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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IstioCondition {
    pub key: String,
    pub values: Option<Vec<String>>,
    pub not_values: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VirtualServiceSpec {
    #[serde(default)]
    pub hosts: Vec<String>,
    pub gateways: Option<Vec<String>>,
    #[serde(default)]
    pub http: Vec<VsHttpRoute>,
    #[serde(rename = "exportTo")]
    pub _export_to: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VsHttpRoute {
    #[serde(rename = "name")]
    pub _name: Option<String>,
    /// Destinations are accepted; meshlab reads only retries and timeout of a VirtualService.
    #[serde(rename = "route", default)]
    pub _route: Vec<VsDestinationWeight>,
    pub retries: Option<VsRetries>,
    pub timeout: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VsDestinationWeight {
    #[serde(rename = "destination")]
    pub _destination: VsDestination,
    #[serde(rename = "weight")]
    pub _weight: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VsDestination {
    #[serde(rename = "host")]
    pub _host: String,
    #[serde(rename = "subset")]
    pub _subset: Option<String>,
    #[serde(rename = "port")]
    pub _port: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VsRetries {
    pub attempts: Option<i64>,
    #[serde(rename = "perTryTimeout")]
    pub _per_try_timeout: Option<String>,
    pub retry_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceEntrySpec {
    #[serde(default)]
    pub hosts: Vec<String>,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(rename = "ports")]
    pub _ports: Option<IgnoredAny>,
    #[serde(rename = "location")]
    pub _location: Option<IgnoredAny>,
    #[serde(rename = "resolution")]
    pub _resolution: Option<IgnoredAny>,
    #[serde(rename = "endpoints")]
    pub _endpoints: Option<IgnoredAny>,
    #[serde(rename = "exportTo")]
    pub _export_to: Option<IgnoredAny>,
}

// ------------------------------------------------------------------------- Linkerd

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EgressNetworkSpec {
    pub traffic_policy: String,
    pub networks: Option<Vec<LinkerdNetwork>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerSpec {
    pub pod_selector: Option<LabelSelector>,
    pub port: IntOrString,
    pub proxy_protocol: Option<String>,
    pub access_policy: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkerdAuthorizationPolicySpec {
    pub target_ref: TargetRef,
    #[serde(default)]
    pub required_authentication_refs: Vec<TargetRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeshTlsAuthenticationSpec {
    pub identities: Option<Vec<String>>,
    pub identity_refs: Option<Vec<TargetRef>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkAuthenticationSpec {
    pub networks: Vec<LinkerdNetwork>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkerdNetwork {
    pub cidr: String,
    pub except: Option<Vec<String>>,
}

// ------------------------------------------------------------------------- Cilium

#[derive(Debug, Clone, Deserialize)]
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
    pub _status: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CiliumSpec {
    #[serde(rename = "description")]
    pub _description: Option<String>,
    pub endpoint_selector: Option<LabelSelector>,
    pub ingress: Option<Vec<CiliumRule>>,
    pub egress: Option<Vec<CiliumRule>>,
    pub ingress_deny: Option<Vec<CiliumRule>>,
    pub egress_deny: Option<Vec<CiliumRule>>,
    #[serde(rename = "labels")]
    pub _labels: Option<IgnoredAny>,
}

/// An ingress or egress rule (from* fields on ingress, to* fields on egress; checked on load).
#[derive(Debug, Clone, Default, Deserialize)]
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
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CidrRule {
    pub cidr: String,
    pub except: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FqdnSelector {
    pub match_name: Option<String>,
    pub match_pattern: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortRule {
    #[serde(default)]
    pub ports: Vec<PortProtocol>,
    pub rules: Option<L7Rules>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortProtocol {
    pub port: IntOrString,
    pub end_port: Option<i64>,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct L7Rules {
    pub http: Option<Vec<HttpRule>>,
    pub dns: Option<Vec<FqdnSelector>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpRule {
    pub method: Option<String>,
    pub path: Option<String>,
    pub host: Option<String>,
    pub headers: Option<Vec<String>>,
}
