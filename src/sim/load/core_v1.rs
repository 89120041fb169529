//! Core kinds (v1) that are no workload: Namespace, Node, Service, ConfigMap, Endpoints, and
//! discovery.k8s.io EndpointSlice. Field lists follow the Kubernetes API reference (v1.34);
//! every field is read, declared inert, or unmodeled (`docs/simulator.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr};

use schemars::JsonSchema;
use serde::Deserialize;

use super::meta::{IntOrString, NAMESPACE_NAME_LABEL, ObjectMeta, namespace_of, object_name};
use super::registry::{Kind, modeled};
use super::report::{assumed, reject};
use super::yaml::{Inert, Unmodeled};
use super::{Doc, Objects};
use crate::sim::model::labels::Selector;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, Namespace, Node, Service, ServiceKind, ServicePort, TargetPort};

/// The core kinds read here, and the core kinds that cannot change a request's outcome.
pub(super) const KINDS: &[Kind] = &[
    modeled!("", "Namespace", NamespaceObj, |o| o.core.namespaces),
    modeled!("", "Node", NodeObj, |o| o.core.nodes),
    modeled!("", "Service", ServiceObj, |o| o.core.services),
    modeled!("", "ConfigMap", ConfigMap, |o| o.core.config_maps),
    modeled!("", "Endpoints", EndpointsObj, |o| o.core.endpoints),
    modeled!("discovery.k8s.io", "EndpointSlice", EndpointSlice, |o| o
        .core
        .endpoint_slices),
    // Identity is the ServiceAccount *name* a pod runs as; the object adds nothing to it.
    Kind::inert("", "ServiceAccount"),
    Kind::inert("", "Secret"),
    Kind::inert("", "PersistentVolumeClaim"),
    Kind::inert("", "PersistentVolume"),
    Kind::inert("", "ResourceQuota"),
    Kind::inert("", "LimitRange"),
];

/// Core objects in input order.
#[derive(Default)]
pub(super) struct Store {
    pub namespaces: Vec<Doc<NamespaceObj>>,
    pub nodes: Vec<Doc<NodeObj>>,
    pub services: Vec<Doc<ServiceObj>>,
    pub config_maps: Vec<Doc<ConfigMap>>,
    pub endpoints: Vec<Doc<EndpointsObj>>,
    pub endpoint_slices: Vec<Doc<EndpointSlice>>,
}

// ------------------------------------------------------------------------------ Namespace

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamespaceObj {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    /// Finalizers only.
    #[serde(rename = "spec")]
    pub _spec: Option<Inert>,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

// ----------------------------------------------------------------------------------- Node

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeObj {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default, rename = "spec")]
    pub _spec: NodeSpec,
    pub status: Option<NodeStatus>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSpec {
    // meshlab schedules pods round robin over the nodes: taints and cordons would move them.
    #[serde(rename = "taints")]
    pub _taints: Option<Unmodeled>,
    #[serde(rename = "unschedulable")]
    pub _unschedulable: Option<Unmodeled>,
    #[serde(rename = "podCIDR")]
    pub _pod_cidr: Option<Inert>,
    #[serde(rename = "podCIDRs")]
    pub _pod_cidrs: Option<Inert>,
    #[serde(rename = "providerID")]
    pub _provider_id: Option<Inert>,
    #[serde(rename = "configSource")]
    pub _config_source: Option<Inert>,
    #[serde(rename = "externalID")]
    pub _external_id: Option<Inert>,
}

/// Only the addresses are read; the rest of a node's status (capacity, conditions, images,
/// versions) cannot change how a request is answered.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    #[serde(default)]
    pub addresses: Vec<NodeAddress>,
    #[serde(flatten)]
    pub _rest: BTreeMap<String, Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAddress {
    #[serde(rename = "type")]
    pub kind: String,
    pub address: String,
}

// -------------------------------------------------------------------------------- Service

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceObj {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ServiceSpec,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    pub selector: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub ports: Vec<ServicePortSpec>,
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub external_name: Option<String>,
    /// `clusterIP` says the same, and meshlab is single-stack.
    #[serde(rename = "clusterIPs")]
    pub _cluster_ips: Option<Inert>,
    #[serde(rename = "ipFamilies")]
    pub _ip_families: Option<Inert>,
    #[serde(rename = "ipFamilyPolicy")]
    pub _ip_family_policy: Option<Inert>,
    pub publish_not_ready_addresses: Option<bool>,
    #[serde(rename = "healthCheckNodePort")]
    pub _health_check_node_port: Option<Inert>,
    #[serde(rename = "allocateLoadBalancerNodePorts")]
    pub _allocate_load_balancer_node_ports: Option<Inert>,
    #[serde(rename = "loadBalancerClass")]
    pub _load_balancer_class: Option<Inert>,
    #[serde(rename = "loadBalancerIP")]
    pub _load_balancer_ip: Option<Inert>,
    // Which endpoint answers, or whether a client may connect at all.
    #[serde(rename = "sessionAffinity")]
    pub _session_affinity: Option<Unmodeled>,
    #[serde(rename = "sessionAffinityConfig")]
    pub _session_affinity_config: Option<Unmodeled>,
    #[serde(rename = "internalTrafficPolicy")]
    pub _internal_traffic_policy: Option<Unmodeled>,
    #[serde(rename = "externalTrafficPolicy")]
    pub _external_traffic_policy: Option<Unmodeled>,
    #[serde(rename = "trafficDistribution")]
    pub _traffic_distribution: Option<Unmodeled>,
    #[serde(rename = "loadBalancerSourceRanges")]
    pub _load_balancer_source_ranges: Option<Unmodeled>,
    #[serde(rename = "externalIPs")]
    pub _external_ips: Option<Unmodeled>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePortSpec {
    pub name: Option<String>,
    pub protocol: Option<String>,
    pub port: i64,
    pub target_port: Option<IntOrString>,
    pub app_protocol: Option<String>,
    /// Requests in meshlab reach a Service by its name or ClusterIP, never a node port.
    #[serde(rename = "nodePort")]
    pub _node_port: Option<Inert>,
}

// ------------------------------------------------------------------------------ ConfigMap

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMap {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    /// Read where a mesh keeps its settings (istio-system/istio, kube-system/cilium-config,
    /// linkerd/linkerd-config); any other ConfigMap is application data.
    #[serde(default)]
    pub data: BTreeMap<String, String>,
    #[serde(rename = "binaryData")]
    pub _binary_data: Option<Inert>,
    #[serde(rename = "immutable")]
    pub _immutable: Option<Inert>,
}

// ------------------------------------------------------------------ Endpoints, EndpointSlice

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointsObj {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub subsets: Vec<EndpointSubset>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointSubset {
    #[serde(default)]
    pub addresses: Vec<EndpointAddress>,
    /// Not ready: never chosen.
    #[serde(rename = "notReadyAddresses")]
    pub _not_ready_addresses: Option<Inert>,
    #[serde(rename = "ports")]
    pub _ports: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointAddress {
    pub ip: String,
    #[serde(rename = "hostname")]
    pub _hostname: Option<Inert>,
    #[serde(rename = "nodeName")]
    pub _node_name: Option<Inert>,
    #[serde(rename = "targetRef")]
    pub _target_ref: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointSlice {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub address_type: String,
    #[serde(default)]
    pub endpoints: Vec<SliceEndpoint>,
    /// The Service's own ports apply; a slice's port list only narrows what controllers publish.
    #[serde(rename = "ports")]
    pub _ports: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SliceEndpoint {
    pub addresses: Vec<String>,
    pub conditions: Option<SliceConditions>,
    #[serde(rename = "hostname")]
    pub _hostname: Option<Inert>,
    #[serde(rename = "nodeName")]
    pub _node_name: Option<Inert>,
    #[serde(rename = "targetRef")]
    pub _target_ref: Option<Inert>,
    #[serde(rename = "zone")]
    pub _zone: Option<Inert>,
    /// Topology-aware routing hints.
    #[serde(rename = "hints")]
    pub _hints: Option<Unmodeled>,
    #[serde(rename = "deprecatedTopology")]
    pub _deprecated_topology: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SliceConditions {
    /// Nil means ready (EndpointConditions.ready).
    pub ready: Option<bool>,
    #[serde(rename = "serving")]
    pub _serving: Option<Inert>,
    #[serde(rename = "terminating")]
    pub _terminating: Option<Inert>,
}

/// The label that ties an EndpointSlice to its Service.
const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";

// ------------------------------------------------------------------------------ resolution

pub(super) fn namespaces(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.core.namespaces {
        let name = object_name(&doc.obj.metadata);
        let mut labels = doc.obj.metadata.labels.clone();
        // Immutable, set by the control plane whatever the manifest says.
        labels.insert(NAMESPACE_NAME_LABEL.to_owned(), name.clone());
        let ns = Namespace {
            name: name.clone(),
            labels,
            annotations: doc.obj.metadata.annotations.clone(),
        };
        match cluster.namespace(&name) {
            Some(id) => {
                assumed(
                    cluster,
                    &doc.origin,
                    format!("Namespace {name} defined again; the later one wins"),
                );
                if let Some(slot) = cluster.namespaces.get_mut(id) {
                    *slot = ns;
                }
            }
            None => cluster.namespaces.push(ns),
        }
    }
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse().ok()
}

/// Declared nodes, then nodes that pods name but nobody declared, then one node if there are
/// pods and no node at all; addresses are the declared InternalIP or a deterministic one.
pub(super) fn nodes(cluster: &mut Cluster, objects: &Objects, named_by_pods: &[String]) {
    let mut pending = Vec::new();
    for doc in &objects.core.nodes {
        let name = object_name(&doc.obj.metadata);
        let ip = doc.obj.status.as_ref().and_then(|s| {
            s.addresses
                .iter()
                .find(|a| a.kind == "InternalIP")
                .and_then(|a| parse_ip(&a.address))
        });
        if cluster.node(&name).is_some() {
            continue;
        }
        cluster.nodes.push(Node {
            name,
            ip: ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        });
        if ip.is_none() {
            pending.push(cluster.nodes.len() - 1);
        }
    }
    for node in named_by_pods {
        if cluster.node(node).is_none() {
            cluster.nodes.push(Node {
                name: node.clone(),
                ip: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            });
            pending.push(cluster.nodes.len() - 1);
        }
    }
    if cluster.nodes.is_empty() && objects.workloads.any() {
        cluster.nodes.push(Node {
            name: "node-1".to_owned(),
            ip: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        });
        pending.push(0);
    }
    // Deterministic node IPs in the kind docker network: 172.18.0.2, .3, …
    let used: BTreeSet<IpAddr> = cluster.nodes.iter().map(|n| n.ip).collect();
    let mut next = 2u32;
    for id in pending {
        let ip = loop {
            let ip = IpAddr::V4(Ipv4Addr::from(0xac12_0000 + next));
            next += 1;
            if !used.contains(&ip) {
                break ip;
            }
        };
        if let Some(node) = cluster.nodes.get_mut(id) {
            node.ip = ip;
        }
    }
}

/// A Service's ports, or the API server's reason to refuse it.
fn service_ports(spec: &ServiceSpec) -> Result<Vec<ServicePort>, String> {
    let mut ports = Vec::new();
    for (i, p) in spec.ports.iter().enumerate() {
        let Some(protocol) = p
            .protocol
            .as_deref()
            .map_or(Some(Protocol::Tcp), Protocol::parse)
        else {
            return Err(format!(
                "spec.ports[{i}].protocol: Unsupported value: \"{}\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                p.protocol.as_deref().unwrap_or_default()
            ));
        };
        let Some(port) = u16::try_from(p.port).ok().filter(|p| *p > 0) else {
            return Err(format!(
                "spec.ports[{i}].port: Invalid value: {}: must be between 1 and 65535, inclusive",
                p.port
            ));
        };
        let target = match &p.target_port {
            None => TargetPort::Number(port),
            Some(IntOrString::Int(n)) => match u16::try_from(*n).ok().filter(|n| *n > 0) {
                Some(n) => TargetPort::Number(n),
                None => {
                    return Err(format!(
                        "spec.ports[{i}].targetPort: Invalid value: {n}: must be between 1 and 65535, inclusive"
                    ));
                }
            },
            Some(IntOrString::Str(s)) => TargetPort::Name(s.clone()),
        };
        ports.push(ServicePort {
            name: p.name.clone(),
            port,
            protocol,
            target,
            app_protocol: p.app_protocol.clone(),
        });
    }
    Ok(ports)
}

/// The Service's type, or the API server's reason to refuse it.
fn service_kind(spec: &ServiceSpec) -> Result<ServiceKind, String> {
    match spec.kind.as_deref().unwrap_or("ClusterIP") {
        "ClusterIP" => Ok(ServiceKind::ClusterIp),
        "NodePort" => Ok(ServiceKind::NodePort),
        "LoadBalancer" => Ok(ServiceKind::LoadBalancer),
        "ExternalName" => match spec.external_name.as_deref().filter(|n| !n.is_empty()) {
            Some(name) => Ok(ServiceKind::ExternalName(
                name.trim_end_matches('.').to_owned(),
            )),
            None => Err("spec.externalName: Required value".to_owned()),
        },
        other => Err(format!(
            "spec.type: Unsupported value: \"{other}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
        )),
    }
}

pub(super) fn services(cluster: &mut Cluster, objects: &Objects) {
    let mut used: BTreeSet<IpAddr> = objects
        .core
        .services
        .iter()
        .filter_map(|d| d.obj.spec.cluster_ip.as_deref().and_then(parse_ip))
        .collect();
    let mut next = 10u32;
    let mut pods_by_ns: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in cluster.pods.iter().enumerate() {
        pods_by_ns.entry(p.ns).or_default().push(i);
    }
    for doc in &objects.core.services {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let object = format!("{}/{name}", cluster.ns_name(ns));
        if cluster.service(cluster.ns_name(ns), &name).is_some() {
            let what = format!("Service {object} defined twice; the first one is kept");
            assumed(cluster, &doc.origin, what);
            continue;
        }
        let spec = &doc.obj.spec;
        let (kind, ports) = match service_kind(spec).and_then(|k| Ok((k, service_ports(spec)?))) {
            Ok(ok) => ok,
            Err(reason) => {
                reject(cluster, &doc.origin, "Service", ns, &name, reason);
                continue;
            }
        };
        // An ExternalName Service has no ClusterIP: its name is a CNAME.
        let external = matches!(kind, ServiceKind::ExternalName(_));
        let cluster_ip = match spec.cluster_ip.as_deref() {
            _ if external => None,
            Some("None") => None,
            Some(s) => match parse_ip(s) {
                Some(ip) => Some(ip),
                None => {
                    let reason = format!(
                        "spec.clusterIPs[0]: Invalid value: \"{s}\": must be a valid IP address"
                    );
                    reject(cluster, &doc.origin, "Service", ns, &name, reason);
                    continue;
                }
            },
            None => {
                // Deterministic ClusterIPs from the default service CIDR 10.96.0.0/12.
                let mut ip;
                loop {
                    ip = IpAddr::V4(Ipv4Addr::new(
                        10,
                        96,
                        (next / 250) as u8,
                        (next % 250) as u8 + 1,
                    ));
                    next += 1;
                    if !used.contains(&ip) {
                        break;
                    }
                }
                used.insert(ip);
                Some(ip)
            }
        };
        // A Service without a selector has no automatic endpoints (hand-written Endpoints or
        // EndpointSlices give them below).
        let endpoints = match &spec.selector {
            Some(sel) if !sel.is_empty() && !external => {
                let selector = Selector::from_labels(sel);
                let mut eps: Vec<usize> = pods_by_ns
                    .get(&ns)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&p| {
                        cluster
                            .pods
                            .get(p)
                            .is_some_and(|pod| selector.matches(&pod.labels))
                    })
                    .collect();
                let name = |p: &usize| cluster.pods.get(*p).map(|pod| pod.name.as_str());
                eps.sort_by(|a, b| name(a).cmp(&name(b)));
                eps
            }
            _ => Vec::new(),
        };
        let selectorless = spec.selector.as_ref().is_none_or(|s| s.is_empty());
        cluster.services.push(Service {
            name,
            ns,
            labels: doc.obj.metadata.labels.clone(),
            kind,
            selector: spec.selector.clone(),
            cluster_ip,
            ports,
            endpoints,
            external_endpoints: Vec::new(),
            publish_not_ready: spec.publish_not_ready_addresses == Some(true),
            origin: doc.origin.clone(),
        });
        if selectorless && !external {
            manual_endpoints(cluster, objects, cluster.services.len() - 1);
        }
    }
}

/// A selector-less Service's endpoints from hand-written Endpoints (same name) and
/// EndpointSlices (`kubernetes.io/service-name`): addresses of pods are pod endpoints, any
/// other address is a backend outside the cluster.
fn manual_endpoints(cluster: &mut Cluster, objects: &Objects, svc: usize) {
    let Some(s) = cluster.services.get(svc) else {
        return;
    };
    let (ns, name) = (cluster.ns_name(s.ns).to_owned(), s.name.clone());
    let in_ns = |meta: &ObjectMeta| meta.namespace.as_deref().unwrap_or("default") == ns;
    let mut addresses: Vec<String> = Vec::new();
    for doc in &objects.core.endpoints {
        let meta = &doc.obj.metadata;
        if in_ns(meta) && meta.name.as_deref() == Some(name.as_str()) {
            for subset in &doc.obj.subsets {
                addresses.extend(subset.addresses.iter().map(|a| a.ip.clone()));
            }
        }
    }
    for doc in &objects.core.endpoint_slices {
        let meta = &doc.obj.metadata;
        if in_ns(meta)
            && meta.labels.get(SERVICE_NAME_LABEL) == Some(&name)
            && doc.obj.address_type != "FQDN"
        {
            for ep in &doc.obj.endpoints {
                if ep.conditions.as_ref().and_then(|c| c.ready) != Some(false) {
                    addresses.extend(ep.addresses.iter().cloned());
                }
            }
        }
    }
    let mut pods = Vec::new();
    let mut external = Vec::new();
    for ip in addresses.iter().filter_map(|a| parse_ip(a)) {
        match cluster.pod_by_ip(ip) {
            Some(pod) if !pods.contains(&pod) => pods.push(pod),
            Some(_) => {}
            None if !external.contains(&ip) => external.push(ip),
            None => {}
        }
    }
    if let Some(s) = cluster.services.get_mut(svc) {
        s.endpoints = pods;
        s.external_endpoints = external;
    }
}
