//! From typed objects to the resolved [`Cluster`]: namespaces (with the implicit
//! `kubernetes.io/metadata.name` label), nodes, pods (Deployments expanded with deterministic
//! names, nodes and IPs), Services and their endpoints, then policies and routes.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr};

use super::core_types::{self, IntOrString, ObjectMeta};
use super::report::{assumed, reject};
use super::{LoadOptions, Objects};
use crate::sim::model::labels::{Labels, Selector};
use crate::sim::model::net::Protocol;
use crate::sim::model::{
    Cluster, Container, ContainerPort, Namespace, Node, Origin, Pod, Service, ServicePort,
    TargetPort,
};

/// The label the control plane sets on every namespace (NOTES.md NetworkPolicy 5).
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

pub(crate) fn object_ns(meta: &ObjectMeta) -> String {
    meta.namespace
        .clone()
        .unwrap_or_else(|| "default".to_owned())
}

pub(crate) fn object_name(meta: &ObjectMeta) -> String {
    meta.name.clone().unwrap_or_default()
}

pub(super) fn resolve(objects: Objects, options: &LoadOptions) -> Cluster {
    let mut cluster = Cluster {
        warnings: objects.warnings.clone(),
        ..Cluster::default()
    };
    namespaces(&mut cluster, &objects);
    nodes(&mut cluster, &objects);
    pods(&mut cluster, &objects);
    services(&mut cluster, &objects);
    super::networking_k8s_io::network_policies(&mut cluster, &objects);
    super::gateway_api::gateways_and_routes(&mut cluster, &objects);
    super::mesh::resolve(&mut cluster, &objects, options);
    cluster
}

fn ensure_namespace(cluster: &mut Cluster, name: &str, origin: &Origin) -> usize {
    if let Some(id) = cluster.namespace(name) {
        return id;
    }
    if name != "default" && name != "kube-system" {
        assumed(
            cluster,
            origin,
            format!("namespace {name} is not declared; assumed to exist with no labels"),
        );
    }
    let mut labels = Labels::new();
    labels.insert(NAMESPACE_NAME_LABEL.to_owned(), name.to_owned());
    cluster.namespaces.push(Namespace {
        name: name.to_owned(),
        labels,
        annotations: Labels::new(),
    });
    cluster.namespaces.len() - 1
}

pub(crate) fn namespace_of(cluster: &mut Cluster, meta: &ObjectMeta, origin: &Origin) -> usize {
    ensure_namespace(cluster, &object_ns(meta), origin)
}

fn namespaces(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.namespaces {
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

fn nodes(cluster: &mut Cluster, objects: &Objects) {
    let mut pending = Vec::new();
    for doc in &objects.nodes {
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
    // Pods may name nodes that were not declared.
    for doc in &objects.pods {
        if let Some(node) = &doc.obj.spec.node_name
            && cluster.node(node).is_none()
        {
            cluster.nodes.push(Node {
                name: node.clone(),
                ip: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            });
            pending.push(cluster.nodes.len() - 1);
        }
    }
    if cluster.nodes.is_empty() && (!objects.pods.is_empty() || !objects.deployments.is_empty()) {
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

fn container_ports(spec: &core_types::PodSpec, warnings: &mut Vec<String>) -> Vec<ContainerPort> {
    let mut ports = Vec::new();
    for c in &spec.containers {
        for p in &c.ports {
            let protocol = p
                .protocol
                .as_deref()
                .map_or(Some(Protocol::Tcp), Protocol::parse);
            match (u16::try_from(p.container_port), protocol) {
                (Ok(port), Some(protocol)) if port > 0 => ports.push(ContainerPort {
                    name: p.name.clone(),
                    port,
                    protocol,
                }),
                _ => warnings.push(format!(
                    "container port {} ({}) ignored: invalid",
                    p.container_port,
                    p.protocol.as_deref().unwrap_or("TCP")
                )),
            }
        }
    }
    ports
}

/// The containers as written (names and images, for the simulated `kubectl`): the app
/// containers, then the init containers that run beside them (native sidecars).
fn containers(spec: &core_types::PodSpec) -> Vec<Container> {
    let named = |i: usize, c: &core_types::Container, native: bool| Container {
        name: c.name.clone().unwrap_or_else(|| format!("container-{i}")),
        image: c.image.clone().unwrap_or_default(),
        native_sidecar: native,
    };
    let app = spec
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| named(i, c, false));
    let sidecars = spec
        .init_containers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.restart_policy.as_deref() == Some("Always"))
        .map(|(i, c)| named(i, c, true));
    app.chain(sidecars).collect()
}

struct PodDraft {
    name: String,
    ns: usize,
    meta: ObjectMeta,
    spec: core_types::PodSpec,
    ip: Option<IpAddr>,
    owner: Option<String>,
    origin: Origin,
}

fn pods(cluster: &mut Cluster, objects: &Objects) {
    let mut drafts: Vec<PodDraft> = Vec::new();
    for doc in &objects.pods {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        drafts.push(PodDraft {
            name: object_name(&doc.obj.metadata),
            ns,
            meta: doc.obj.metadata.clone(),
            spec: doc.obj.spec.clone(),
            ip: doc
                .obj
                .status
                .as_ref()
                .and_then(|s| s.pod_ip.as_deref())
                .and_then(parse_ip),
            owner: None,
            origin: doc.origin.clone(),
        });
    }
    for doc in &objects.deployments {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let template = &doc.obj.spec.template;
        if let Some(sel) = &doc.obj.spec.selector {
            let exprs: Vec<_> = sel
                .match_expressions
                .iter()
                .flatten()
                .map(|r| (r.key.clone(), r.operator.clone(), r.values.clone()))
                .collect();
            let ok = Selector::build(sel.match_labels.as_ref(), &exprs, "spec.selector")
                .map(|s| s.matches(&template.metadata.labels));
            if ok != Ok(true) {
                reject(
                    cluster,
                    &doc.origin,
                    "Deployment",
                    ns,
                    &name,
                    "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`",
                );
                continue;
            }
        }
        let replicas = doc.obj.spec.replicas.unwrap_or(1).clamp(0, 1000);
        for i in 0..replicas {
            let mut meta = template.metadata.clone();
            meta.namespace = Some(cluster.ns_name(ns).to_owned());
            drafts.push(PodDraft {
                name: format!("{name}-{i}"),
                ns,
                meta,
                spec: template.spec.clone(),
                ip: None,
                owner: Some(name.clone()),
                origin: doc.origin.clone(),
            });
        }
    }
    let mut used: BTreeSet<IpAddr> = drafts.iter().filter_map(|d| d.ip).collect();
    let mut per_node_next: BTreeMap<usize, u32> = BTreeMap::new();
    let mut unscheduled = 0usize;
    let mut seen: BTreeSet<(usize, String)> = BTreeSet::new();
    for d in drafts {
        if !seen.insert((d.ns, d.name.clone())) {
            let what = format!(
                "pod {}/{} defined twice; the first one is kept",
                cluster.ns_name(d.ns),
                d.name
            );
            assumed(cluster, &d.origin, what);
            continue;
        }
        let node = match &d.spec.node_name {
            Some(n) => cluster.node(n).unwrap_or(0),
            None => {
                // Deterministic scheduling: round robin over nodes in declaration order.
                let n = unscheduled % cluster.nodes.len().max(1);
                unscheduled += 1;
                n
            }
        };
        let host_network = d.spec.host_network == Some(true);
        let ip = match d.ip {
            Some(ip) => ip,
            // A hostNetwork pod uses its node's address.
            None if host_network => cluster
                .nodes
                .get(node)
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |n| n.ip),
            None => {
                // Pod CIDR per node, like kind: node k gets 10.244.(k+1).0/24.
                let next = per_node_next.entry(node).or_insert(100);
                let third = u8::try_from(node + 1).unwrap_or(255);
                let mut ip;
                loop {
                    ip = IpAddr::V4(Ipv4Addr::new(10, 244, third, (*next % 254) as u8 + 1));
                    *next += 1;
                    if !used.contains(&ip) || *next > 100_000 {
                        break;
                    }
                }
                used.insert(ip);
                ip
            }
        };
        let service_account = d
            .spec
            .service_account_name
            .clone()
            .or_else(|| d.spec.service_account.clone())
            .unwrap_or_else(|| "default".to_owned());
        let mut invalid = Vec::new();
        let ports = container_ports(&d.spec, &mut invalid);
        for what in invalid {
            assumed(cluster, &d.origin, what);
        }
        let id = cluster.pods.len();
        if !host_network && cluster.pod_by_ip.insert(ip, id).is_some() {
            let what = format!("pod {}/{} reuses IP {ip}", cluster.ns_name(d.ns), d.name);
            assumed(cluster, &d.origin, what);
        }
        cluster.pods.push(Pod {
            name: d.name,
            ns: d.ns,
            labels: d.meta.labels,
            annotations: d.meta.annotations,
            node,
            ip,
            service_account,
            ports,
            containers: containers(&d.spec),
            owner: d.owner,
            origin: d.origin,
        });
    }
}

fn services(cluster: &mut Cluster, objects: &Objects) {
    let mut used: BTreeSet<IpAddr> = objects
        .services
        .iter()
        .filter_map(|d| d.obj.spec.cluster_ip.as_deref().and_then(parse_ip))
        .collect();
    let mut next = 10u32;
    let mut pods_by_ns: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in cluster.pods.iter().enumerate() {
        pods_by_ns.entry(p.ns).or_default().push(i);
    }
    for doc in &objects.services {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let object = format!("{}/{name}", cluster.ns_name(ns));
        if cluster.service(cluster.ns_name(ns), &name).is_some() {
            let what = format!("Service {object} defined twice; the first one is kept");
            assumed(cluster, &doc.origin, what);
            continue;
        }
        let spec = &doc.obj.spec;
        if spec.kind.as_deref() == Some("ExternalName") {
            let what =
                format!("Service {object} of type ExternalName skipped: not modelled by meshlab");
            assumed(cluster, &doc.origin, what);
            continue;
        }
        let mut ports = Vec::new();
        let mut reason = None;
        for (i, p) in spec.ports.iter().enumerate() {
            let Some(protocol) = p
                .protocol
                .as_deref()
                .map_or(Some(Protocol::Tcp), Protocol::parse)
            else {
                reason = Some(format!(
                    "spec.ports[{i}].protocol: Unsupported value: \"{}\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                    p.protocol.as_deref().unwrap_or_default()
                ));
                break;
            };
            let Some(port) = u16::try_from(p.port).ok().filter(|p| *p > 0) else {
                reason = Some(format!(
                    "spec.ports[{i}].port: Invalid value: {}: must be between 1 and 65535, inclusive",
                    p.port
                ));
                break;
            };
            let target = match &p.target_port {
                None => TargetPort::Number(port),
                Some(IntOrString::Int(n)) => match u16::try_from(*n).ok().filter(|n| *n > 0) {
                    Some(n) => TargetPort::Number(n),
                    None => {
                        reason = Some(format!(
                            "spec.ports[{i}].targetPort: Invalid value: {n}: must be between 1 and 65535, inclusive"
                        ));
                        break;
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
        if let Some(reason) = reason {
            reject(cluster, &doc.origin, "Service", ns, &name, reason);
            continue;
        }
        let cluster_ip = match spec.cluster_ip.as_deref() {
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
        // A Service without a selector has no automatic endpoints.
        let endpoints = match &spec.selector {
            Some(sel) if !sel.is_empty() => {
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
        cluster.services.push(Service {
            name,
            ns,
            labels: doc.obj.metadata.labels.clone(),
            kind: spec.kind.clone().unwrap_or_else(|| "ClusterIP".to_owned()),
            selector: spec.selector.clone(),
            cluster_ip,
            ports,
            endpoints,
            origin: doc.origin.clone(),
        });
    }
}
