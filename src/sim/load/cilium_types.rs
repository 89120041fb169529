//! Serde types for cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, in
//! the shape of Cilium's CRD (`pkg/policy/api`): each direction has its own rule type, so a
//! `to*` field on an ingress rule, or L7 `rules` on a deny rule, is refused as the API server's
//! schema refuses it.

use schemars::JsonSchema;
use serde::Deserialize;

use super::meta::{IntOrString, LabelSelector, ObjectMeta};
use super::yaml::{Inert, Unmodeled};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CiliumNetworkPolicy {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    /// A top-level description, as Cilium's own examples write it: the API server prunes it.
    #[serde(rename = "description")]
    pub _description: Option<Inert>,
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
    /// Selects nodes (a host policy, for the host firewall) instead of pods: not modeled, so
    /// such a policy selects nothing here.
    pub node_selector: Option<Unmodeled>,
    pub ingress: Option<Vec<IngressRule>>,
    pub egress: Option<Vec<EgressRule>>,
    pub ingress_deny: Option<Vec<IngressDenyRule>>,
    pub egress_deny: Option<Vec<EgressDenyRule>>,
    pub enable_default_deny: Option<DefaultDeny>,
    /// Labels that name the rule (for `cilium policy get`), not the endpoints it selects.
    #[serde(rename = "labels")]
    pub _labels: Option<Inert>,
    /// Policy verdict log tag (Hubble's `policy_log`): bookkeeping.
    #[serde(rename = "log")]
    pub _log: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DefaultDeny {
    pub ingress: Option<bool>,
    pub egress: Option<bool>,
}

/// What every ingress rule may select its peers by (`IngressCommonRule`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressRule {
    pub from_endpoints: Option<Vec<LabelSelector>>,
    #[serde(rename = "fromCIDR")]
    pub from_cidr: Option<Vec<String>>,
    #[serde(rename = "fromCIDRSet")]
    pub from_cidr_set: Option<Vec<CidrRule>>,
    pub from_entities: Option<Vec<String>>,
    #[serde(rename = "fromRequires")]
    pub _from_requires: Option<Unmodeled>,
    #[serde(rename = "fromGroups")]
    pub _from_groups: Option<Unmodeled>,
    #[serde(rename = "fromNodes")]
    pub _from_nodes: Option<Unmodeled>,
    pub to_ports: Option<Vec<PortRule>>,
    pub icmps: Option<Vec<IcmpRule>>,
    pub authentication: Option<Authentication>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressDenyRule {
    pub from_endpoints: Option<Vec<LabelSelector>>,
    #[serde(rename = "fromCIDR")]
    pub from_cidr: Option<Vec<String>>,
    #[serde(rename = "fromCIDRSet")]
    pub from_cidr_set: Option<Vec<CidrRule>>,
    pub from_entities: Option<Vec<String>>,
    #[serde(rename = "fromRequires")]
    pub _from_requires: Option<Unmodeled>,
    #[serde(rename = "fromGroups")]
    pub _from_groups: Option<Unmodeled>,
    #[serde(rename = "fromNodes")]
    pub _from_nodes: Option<Unmodeled>,
    pub to_ports: Option<Vec<PortDenyRule>>,
    pub icmps: Option<Vec<IcmpRule>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EgressRule {
    pub to_endpoints: Option<Vec<LabelSelector>>,
    #[serde(rename = "toCIDR")]
    pub to_cidr: Option<Vec<String>>,
    #[serde(rename = "toCIDRSet")]
    pub to_cidr_set: Option<Vec<CidrRule>>,
    pub to_entities: Option<Vec<String>>,
    pub to_services: Option<Vec<ServiceRef>>,
    #[serde(rename = "toFQDNs")]
    pub to_fqdns: Option<Vec<FqdnSelector>>,
    #[serde(rename = "toRequires")]
    pub _to_requires: Option<Unmodeled>,
    #[serde(rename = "toGroups")]
    pub _to_groups: Option<Unmodeled>,
    #[serde(rename = "toNodes")]
    pub _to_nodes: Option<Unmodeled>,
    pub to_ports: Option<Vec<PortRule>>,
    pub icmps: Option<Vec<IcmpRule>>,
    pub authentication: Option<Authentication>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EgressDenyRule {
    pub to_endpoints: Option<Vec<LabelSelector>>,
    #[serde(rename = "toCIDR")]
    pub to_cidr: Option<Vec<String>>,
    #[serde(rename = "toCIDRSet")]
    pub to_cidr_set: Option<Vec<CidrRule>>,
    pub to_entities: Option<Vec<String>>,
    pub to_services: Option<Vec<ServiceRef>>,
    #[serde(rename = "toRequires")]
    pub _to_requires: Option<Unmodeled>,
    #[serde(rename = "toGroups")]
    pub _to_groups: Option<Unmodeled>,
    #[serde(rename = "toNodes")]
    pub _to_nodes: Option<Unmodeled>,
    pub to_ports: Option<Vec<PortDenyRule>>,
    pub icmps: Option<Vec<IcmpRule>>,
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

/// `toServices`: a Kubernetes Service by name, or Services by label.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceRef {
    pub k8s_service: Option<ServiceName>,
    pub k8s_service_selector: Option<ServiceSelector>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceName {
    pub service_name: Option<String>,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSelector {
    pub selector: LabelSelector,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IcmpRule {
    pub fields: Vec<IcmpField>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IcmpField {
    pub family: Option<String>,
    #[serde(rename = "type")]
    pub icmp_type: IntOrString,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Authentication {
    pub mode: String,
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

/// A deny rule's ports: L4 only (deny policies cannot express L7, deny.rst).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortDenyRule {
    #[serde(default)]
    pub ports: Vec<PortProtocol>,
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
    pub header_matches: Option<Vec<HeaderMatch>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderMatch {
    pub name: String,
    pub value: Option<String>,
    /// What Envoy does on a mismatch (LOG, ADD, DELETE, REPLACE) instead of denying.
    pub mismatch: Option<String>,
    /// The value comes from a Secret: its content is not in the manifests.
    #[serde(rename = "secret")]
    pub _secret: Option<Unmodeled>,
}
