//! Serde types for the supported subset of core Kubernetes kinds (v1, apps/v1,
//! networking.k8s.io/v1). Field names follow the upstream JSON schema. Kinds whose extra fields
//! cannot change a network answer (Pod, Deployment, Node) ignore them; NetworkPolicy and
//! Service reject fields meshlab does not model.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::IgnoredAny;

pub type Labels = BTreeMap<String, String>;

/// `metadata` of any object.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMeta {
    pub name: Option<String>,
    pub namespace: Option<String>,
    #[serde(default)]
    pub labels: Labels,
    #[serde(default)]
    pub annotations: Labels,
    /// Normally server-assigned; HTTPRoute precedence honours it (oldest first).
    pub creation_timestamp: Option<String>,
    #[serde(rename = "generateName")]
    pub _generate_name: Option<IgnoredAny>,
    #[serde(rename = "uid")]
    pub _uid: Option<IgnoredAny>,
    #[serde(rename = "resourceVersion")]
    pub _resource_version: Option<IgnoredAny>,
    #[serde(rename = "generation")]
    pub _generation: Option<IgnoredAny>,
    #[serde(rename = "managedFields")]
    pub _managed_fields: Option<IgnoredAny>,
    #[serde(rename = "ownerReferences")]
    pub _owner_references: Option<IgnoredAny>,
    #[serde(rename = "finalizers")]
    pub _finalizers: Option<IgnoredAny>,
    #[serde(rename = "selfLink")]
    pub _self_link: Option<IgnoredAny>,
    #[serde(rename = "deletionTimestamp")]
    pub _deletion_timestamp: Option<IgnoredAny>,
    #[serde(rename = "deletionGracePeriodSeconds")]
    pub _deletion_grace_period_seconds: Option<IgnoredAny>,
}

/// An `int-or-string` field (ports, targetPort).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum IntOrString {
    Int(i64),
    Str(String),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelector {
    pub match_labels: Option<Labels>,
    pub match_expressions: Option<Vec<LabelSelectorRequirement>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Option<Vec<String>>,
}

// ---------------------------------------------------------------- Namespace, Node

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Namespace {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(rename = "spec")]
    pub _spec: Option<IgnoredAny>,
    #[serde(rename = "status")]
    pub _status: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Node {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(rename = "spec")]
    pub _spec: Option<IgnoredAny>,
    pub status: Option<NodeStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    #[serde(default)]
    pub addresses: Vec<NodeAddress>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAddress {
    #[serde(rename = "type")]
    pub kind: String,
    pub address: String,
}

// ---------------------------------------------------------------- Pod, Deployment

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pod {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: Option<PodStatus>,
}

/// Pod spec: only what changes a network answer is read; scheduling, volumes and the like are
/// accepted and ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    pub node_name: Option<String>,
    pub service_account_name: Option<String>,
    /// Deprecated alias of serviceAccountName.
    pub service_account: Option<String>,
    #[serde(default)]
    pub containers: Vec<Container>,
    /// Read for native sidecars (`restartPolicy: Always`), which run beside the app.
    #[serde(default)]
    pub init_containers: Vec<Container>,
    pub host_network: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    /// Names and images change no answer; they are kept for the simulated `kubectl`.
    pub name: Option<String>,
    pub image: Option<String>,
    pub restart_policy: Option<String>,
    #[serde(default)]
    pub ports: Vec<ContainerPort>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub container_port: i64,
    pub protocol: Option<String>,
    #[serde(rename = "hostPort")]
    pub _host_port: Option<IgnoredAny>,
    #[serde(rename = "hostIP")]
    pub _host_ip: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    #[serde(rename = "podIP")]
    pub pod_ip: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deployment {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: DeploymentSpec,
    #[serde(rename = "status")]
    pub _status: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSpec {
    pub replicas: Option<i64>,
    pub selector: Option<LabelSelector>,
    pub template: PodTemplate,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodTemplate {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

// ---------------------------------------------------------------- Service

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ServiceSpec,
    #[serde(rename = "status")]
    pub _status: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    pub selector: Option<Labels>,
    #[serde(default)]
    pub ports: Vec<ServicePort>,
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    #[serde(rename = "clusterIPs")]
    pub _cluster_ips: Option<IgnoredAny>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(rename = "sessionAffinity")]
    pub _session_affinity: Option<IgnoredAny>,
    #[serde(rename = "ipFamilies")]
    pub _ip_families: Option<IgnoredAny>,
    #[serde(rename = "ipFamilyPolicy")]
    pub _ip_family_policy: Option<IgnoredAny>,
    #[serde(rename = "internalTrafficPolicy")]
    pub _internal_traffic_policy: Option<IgnoredAny>,
    #[serde(rename = "externalTrafficPolicy")]
    pub _external_traffic_policy: Option<IgnoredAny>,
    #[serde(rename = "publishNotReadyAddresses")]
    pub _publish_not_ready_addresses: Option<IgnoredAny>,
    #[serde(rename = "loadBalancerIP")]
    pub _load_balancer_ip: Option<IgnoredAny>,
    #[serde(rename = "externalIPs")]
    pub _external_ips: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePort {
    pub name: Option<String>,
    pub protocol: Option<String>,
    pub port: i64,
    pub target_port: Option<IntOrString>,
    pub app_protocol: Option<String>,
    #[serde(rename = "nodePort")]
    pub _node_port: Option<IgnoredAny>,
}

// ---------------------------------------------------------------- NetworkPolicy

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicy {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NetworkPolicySpec,
    #[serde(rename = "status")]
    pub _status: Option<IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicySpec {
    #[serde(default)]
    pub pod_selector: LabelSelector,
    pub ingress: Option<Vec<NetworkPolicyIngressRule>>,
    pub egress: Option<Vec<NetworkPolicyEgressRule>>,
    pub policy_types: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyIngressRule {
    pub from: Option<Vec<NetworkPolicyPeer>>,
    pub ports: Option<Vec<NetworkPolicyPort>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyEgressRule {
    pub to: Option<Vec<NetworkPolicyPeer>>,
    pub ports: Option<Vec<NetworkPolicyPort>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyPeer {
    pub pod_selector: Option<LabelSelector>,
    pub namespace_selector: Option<LabelSelector>,
    pub ip_block: Option<IpBlock>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IpBlock {
    pub cidr: String,
    pub except: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyPort {
    pub protocol: Option<String>,
    pub port: Option<IntOrString>,
    pub end_port: Option<i64>,
}
