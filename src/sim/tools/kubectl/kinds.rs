//! The kinds `kubectl get` knows, one row each: names, columns and how to list the kind from
//! the model. Adding a kind the model learns is adding a row to [`KINDS`].
//!
//! Columns follow the real printers: built-in kinds from kubernetes
//! `pkg/printers/internalversion/printers.go` (read in clusternet's copy of it, which tracks
//! upstream), custom resources from their CRDs' `additionalPrinterColumns` (istio/istio
//! `manifests/charts/base/files/crd-all.gen.yaml`, linkerd/linkerd2
//! `charts/linkerd-crds/templates/policy/*.yaml`, the Gateway API CRDs), and `NAME AGE` for
//! CRDs that declare none. Objects become manifests (`-o yaml`) with what the model holds:
//! apiVersion, kind, metadata and spec, and status only where meshlab decides it (a route's
//! acceptance, a pod's phase and addresses).

use serde_json::{Map, Value, json};

use super::super::Lab;
use super::super::clock;
use super::super::pods::{self, Mesh, PodView};
use crate::sim::model::cilium;
use crate::sim::model::gateway_api::{
    AllowedFrom, BackendTarget, ParentKind, PathKind, ValueMatch,
};
use crate::sim::model::istio;
use crate::sim::model::labels::{Labels, Op, Selector};
use crate::sim::model::linkerd;
use crate::sim::model::netpol::{Peer, PortSpec};
use crate::sim::model::{TargetPort, netpol};

/// One object as `kubectl get` lists it.
#[derive(Debug, Clone)]
pub struct Object {
    pub ns: Option<String>,
    pub name: String,
    pub labels: Labels,
    /// One cell per column of its kind (wide columns included).
    pub cells: Vec<String>,
    pub manifest: Value,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    /// Shown only with `-o wide`.
    pub wide: bool,
}

const fn col(name: &'static str) -> Column {
    Column { name, wide: false }
}

const fn wide(name: &'static str) -> Column {
    Column { name, wide: true }
}

pub struct Kind {
    pub kind: &'static str,
    /// The resource name (`pods`).
    pub plural: &'static str,
    pub short: &'static [&'static str],
    pub group: &'static str,
    pub version: &'static str,
    pub namespaced: bool,
    /// The API server serves it: built-in kinds always, a CRD when its mesh is installed.
    pub served: fn(&Lab) -> bool,
    pub columns: &'static [Column],
    pub list: fn(&Lab) -> Vec<Object>,
}

impl Kind {
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_owned()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `pod`, `deployment.apps`, `httproute.gateway.networking.k8s.io`: how `-o name` and
    /// multi-kind tables name an object's kind.
    pub fn qualified(&self) -> String {
        let kind = self.kind.to_ascii_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{kind}.{}", self.group)
        }
    }

    /// Does `word` name this kind (plural, singular, short name, kind, or any of them with
    /// the group: `authorizationpolicies.security.istio.io`)?
    pub fn is(&self, word: &str) -> bool {
        let word = word.to_ascii_lowercase();
        let (name, group) = match word.split_once('.') {
            Some((n, g)) => (n.to_owned(), Some(g.to_owned())),
            None => (word.clone(), None),
        };
        if group
            .as_deref()
            .is_some_and(|g| g != self.group && !(self.group.is_empty() && g == self.version))
        {
            return false;
        }
        name == self.plural
            || name == self.kind.to_ascii_lowercase()
            || self.short.contains(&name.as_str())
    }
}

fn always(_: &Lab) -> bool {
    true
}

fn istio(lab: &Lab) -> bool {
    let m = &lab.sim.cluster.mesh;
    pods::installed(&lab.sim, Mesh::Istio)
        || !m.authorization_policies.is_empty()
        || !m.peer_authentications.is_empty()
        || !m.virtual_services.is_empty()
}

fn linkerd_crds(lab: &Lab) -> bool {
    let m = &lab.sim.cluster.mesh;
    pods::installed(&lab.sim, Mesh::Linkerd)
        || !m.servers.is_empty()
        || !m.linkerd_authz.is_empty()
        || !m.meshtls.is_empty()
}

fn cilium_crds(lab: &Lab) -> bool {
    pods::installed(&lab.sim, Mesh::Cilium) || !lab.sim.cluster.mesh.cilium_policies.is_empty()
}

fn gateway_api(lab: &Lab) -> bool {
    let c = &lab.sim.cluster;
    !c.gateways.is_empty()
        || !c.routes.is_empty()
        || pods::installed(&lab.sim, Mesh::Istio)
        || pods::installed(&lab.sim, Mesh::Linkerd)
        || pods::installed(&lab.sim, Mesh::Cilium)
}

pub const KINDS: &[Kind] = &[
    Kind {
        kind: "Namespace",
        plural: "namespaces",
        short: &["ns"],
        group: "",
        version: "v1",
        namespaced: false,
        served: always,
        columns: &[col("STATUS"), col("AGE")],
        list: namespaces,
    },
    Kind {
        kind: "Node",
        plural: "nodes",
        short: &["no"],
        group: "",
        version: "v1",
        namespaced: false,
        served: always,
        columns: &[
            col("STATUS"),
            col("ROLES"),
            col("AGE"),
            col("VERSION"),
            wide("INTERNAL-IP"),
            wide("EXTERNAL-IP"),
            wide("OS-IMAGE"),
            wide("KERNEL-VERSION"),
            wide("CONTAINER-RUNTIME"),
        ],
        list: nodes,
    },
    Kind {
        kind: "Pod",
        plural: "pods",
        short: &["po"],
        group: "",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[
            col("READY"),
            col("STATUS"),
            col("RESTARTS"),
            col("AGE"),
            wide("IP"),
            wide("NODE"),
            wide("NOMINATED NODE"),
            wide("READINESS GATES"),
        ],
        list: pod_objects,
    },
    Kind {
        kind: "Service",
        plural: "services",
        short: &["svc"],
        group: "",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[
            col("TYPE"),
            col("CLUSTER-IP"),
            col("EXTERNAL-IP"),
            col("PORT(S)"),
            col("AGE"),
            wide("SELECTOR"),
        ],
        list: services,
    },
    Kind {
        kind: "Endpoints",
        plural: "endpoints",
        short: &["ep"],
        group: "",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[col("ENDPOINTS"), col("AGE")],
        list: endpoints,
    },
    Kind {
        kind: "EndpointSlice",
        plural: "endpointslices",
        short: &[],
        group: "discovery.k8s.io",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[
            col("ADDRESSTYPE"),
            col("PORTS"),
            col("ENDPOINTS"),
            col("AGE"),
        ],
        list: endpoint_slices,
    },
    Kind {
        kind: "Deployment",
        plural: "deployments",
        short: &["deploy"],
        group: "apps",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[
            col("READY"),
            col("UP-TO-DATE"),
            col("AVAILABLE"),
            col("AGE"),
            wide("CONTAINERS"),
            wide("IMAGES"),
            wide("SELECTOR"),
        ],
        list: deployments,
    },
    Kind {
        kind: "DaemonSet",
        plural: "daemonsets",
        short: &["ds"],
        group: "apps",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[
            col("DESIRED"),
            col("CURRENT"),
            col("READY"),
            col("UP-TO-DATE"),
            col("AVAILABLE"),
            col("NODE SELECTOR"),
            col("AGE"),
            wide("CONTAINERS"),
            wide("IMAGES"),
            wide("SELECTOR"),
        ],
        list: daemon_sets,
    },
    Kind {
        kind: "NetworkPolicy",
        plural: "networkpolicies",
        short: &["netpol"],
        group: "networking.k8s.io",
        version: "v1",
        namespaced: true,
        served: always,
        columns: &[col("POD-SELECTOR"), col("AGE")],
        list: network_policies,
    },
    Kind {
        kind: "Gateway",
        plural: "gateways",
        short: &["gtw"],
        group: "gateway.networking.k8s.io",
        version: "v1",
        namespaced: true,
        served: gateway_api,
        columns: &[col("CLASS"), col("ADDRESS"), col("PROGRAMMED"), col("AGE")],
        list: gateways,
    },
    Kind {
        kind: "HTTPRoute",
        plural: "httproutes",
        short: &[],
        group: "gateway.networking.k8s.io",
        version: "v1",
        namespaced: true,
        served: gateway_api,
        columns: &[col("HOSTNAMES"), col("AGE")],
        list: http_routes,
    },
    Kind {
        kind: "AuthorizationPolicy",
        plural: "authorizationpolicies",
        short: &["ap"],
        group: "security.istio.io",
        version: "v1",
        namespaced: true,
        served: istio,
        columns: &[col("ACTION"), col("AGE")],
        list: istio_authz,
    },
    Kind {
        kind: "PeerAuthentication",
        plural: "peerauthentications",
        short: &["pa"],
        group: "security.istio.io",
        version: "v1",
        namespaced: true,
        served: istio,
        columns: &[col("MODE"), col("AGE")],
        list: peer_authentications,
    },
    Kind {
        kind: "VirtualService",
        plural: "virtualservices",
        short: &["vs"],
        group: "networking.istio.io",
        version: "v1",
        namespaced: true,
        served: istio,
        columns: &[col("GATEWAYS"), col("HOSTS"), col("AGE")],
        list: virtual_services,
    },
    Kind {
        kind: "Server",
        plural: "servers",
        short: &["srv"],
        group: "policy.linkerd.io",
        version: "v1beta3",
        namespaced: true,
        served: linkerd_crds,
        columns: &[col("PORT"), col("PROTOCOL"), col("ACCESS POLICY")],
        list: servers,
    },
    Kind {
        kind: "AuthorizationPolicy",
        plural: "authorizationpolicies",
        short: &[],
        group: "policy.linkerd.io",
        version: "v1alpha1",
        namespaced: true,
        served: linkerd_crds,
        columns: &[col("AGE")],
        list: linkerd_authz,
    },
    Kind {
        kind: "MeshTLSAuthentication",
        plural: "meshtlsauthentications",
        short: &[],
        group: "policy.linkerd.io",
        version: "v1alpha1",
        namespaced: true,
        served: linkerd_crds,
        columns: &[col("AGE")],
        list: meshtls,
    },
    Kind {
        kind: "NetworkAuthentication",
        plural: "networkauthentications",
        short: &[],
        group: "policy.linkerd.io",
        version: "v1alpha1",
        namespaced: true,
        served: linkerd_crds,
        columns: &[col("AGE")],
        list: network_authns,
    },
    Kind {
        kind: "EgressNetwork",
        plural: "egressnetworks",
        short: &[],
        group: "policy.linkerd.io",
        version: "v1alpha1",
        namespaced: true,
        served: linkerd_crds,
        columns: &[col("AGE")],
        list: egress_networks,
    },
    Kind {
        kind: "CiliumNetworkPolicy",
        plural: "ciliumnetworkpolicies",
        short: &["cnp", "ciliumnp"],
        group: "cilium.io",
        version: "v2",
        namespaced: true,
        served: cilium_crds,
        columns: &[col("AGE"), col("VALID")],
        list: cilium_policies,
    },
    Kind {
        kind: "CiliumClusterwideNetworkPolicy",
        plural: "ciliumclusterwidenetworkpolicies",
        short: &["ccnp"],
        group: "cilium.io",
        version: "v2",
        namespaced: false,
        served: cilium_crds,
        columns: &[col("AGE"), col("VALID")],
        list: cilium_clusterwide_policies,
    },
];

/// Kinds a real cluster serves that meshlab's model does not hold, so listing them would be a
/// guess: asking for one gets meshlab's note instead of an empty list.
pub const NOT_MODELLED: &[&str] = &[
    "referencegrants",
    "referencegrant",
    "refgrant",
    "grpcroutes",
    "grpcroute",
    "tcproutes",
    "tlsroutes",
    "serviceentries",
    "serviceentry",
    "se",
    "destinationrules",
    "destinationrule",
    "dr",
    "sidecars",
    "requestauthentications",
    "serverauthorizations",
    "serviceprofiles",
    "sp",
    "httproutes.policy.linkerd.io",
    "configmaps",
    "cm",
    "secrets",
    "serviceaccounts",
    "sa",
    "replicasets",
    "rs",
    "statefulsets",
    "sts",
    "jobs",
    "cronjobs",
    "ingresses",
    "ing",
    "gatewayclasses",
    "gc",
];

pub fn find(word: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.is(word))
}

fn age() -> String {
    clock::human(clock::CLUSTER_AGE)
}

fn created() -> String {
    clock::rfc3339(clock::NOW - clock::CLUSTER_AGE)
}

fn meta(name: &str, ns: Option<&str>, labels: &Labels) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(name));
    if let Some(ns) = ns {
        m.insert("namespace".into(), json!(ns));
    }
    m.insert("creationTimestamp".into(), json!(created()));
    if !labels.is_empty() {
        m.insert("labels".into(), json!(labels));
    }
    Value::Object(m)
}

fn manifest(api_version: &str, kind: &str, metadata: Value, spec: Value) -> Value {
    json!({"apiVersion": api_version, "kind": kind, "metadata": metadata, "spec": spec})
}

fn with_annotations(mut metadata: Value, annotations: &Labels) -> Value {
    if !annotations.is_empty()
        && let Value::Object(m) = &mut metadata
    {
        m.insert("annotations".into(), json!(annotations));
    }
    metadata
}

/// `app=payment,version=v1` (`labels.FormatLabels`; `<none>` when empty).
pub fn format_labels(labels: &Labels) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A selector as `metav1.FormatLabelSelector` writes it (`<none>` when it selects everything).
pub fn format_selector(sel: &Selector) -> String {
    if sel.is_empty() {
        return "<none>".into();
    }
    let mut parts: Vec<String> = sel
        .match_labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for (k, op) in &sel.expressions {
        parts.push(match op {
            Op::In(v) => format!("{k} in ({})", v.join(",")),
            Op::NotIn(v) => format!("{k} notin ({})", v.join(",")),
            Op::Exists => k.clone(),
            Op::DoesNotExist => format!("!{k}"),
        });
    }
    parts.join(",")
}

pub fn selector_json(sel: &Selector) -> Value {
    let mut m = Map::new();
    if !sel.match_labels.is_empty() {
        let labels: Map<String, Value> = sel
            .match_labels
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        m.insert("matchLabels".into(), Value::Object(labels));
    }
    if !sel.expressions.is_empty() {
        let exprs: Vec<Value> = sel
            .expressions
            .iter()
            .map(|(k, op)| match op {
                Op::In(v) => json!({"key": k, "operator": "In", "values": v}),
                Op::NotIn(v) => json!({"key": k, "operator": "NotIn", "values": v}),
                Op::Exists => json!({"key": k, "operator": "Exists"}),
                Op::DoesNotExist => json!({"key": k, "operator": "DoesNotExist"}),
            })
            .collect();
        m.insert("matchExpressions".into(), Value::Array(exprs));
    }
    Value::Object(m)
}

fn namespaces(lab: &Lab) -> Vec<Object> {
    let mut names: Vec<(String, Labels)> = lab
        .sim
        .cluster
        .namespaces
        .iter()
        .map(|n| (n.name.clone(), n.labels.clone()))
        .collect();
    // Every cluster has these; the meshes add their own.
    let mut extra: Vec<&str> = vec!["default", "kube-node-lease", "kube-public", "kube-system"];
    if pods::installed(&lab.sim, Mesh::Istio) {
        extra.push(pods::ISTIO_NS);
    }
    if pods::installed(&lab.sim, Mesh::Linkerd) {
        extra.extend([pods::LINKERD_NS, pods::LINKERD_VIZ_NS]);
    }
    for name in extra {
        if !names.iter().any(|(n, _)| n == name) {
            let labels: Labels =
                [("kubernetes.io/metadata.name".to_owned(), name.to_owned())].into();
            names.push((name.to_owned(), labels));
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|(name, labels)| {
            let annotations = lab
                .sim
                .cluster
                .namespace(&name)
                .and_then(|i| lab.sim.cluster.namespaces.get(i))
                .map(|n| n.annotations.clone())
                .unwrap_or_default();
            let metadata = with_annotations(meta(&name, None, &labels), &annotations);
            Object {
                cells: vec!["Active".into(), age()],
                manifest: json!({"apiVersion": "v1", "kind": "Namespace", "metadata": metadata,
                    "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}),
                ns: None,
                name,
                labels,
            }
        })
        .collect()
}

fn nodes(lab: &Lab) -> Vec<Object> {
    lab.sim
        .cluster
        .nodes
        .iter()
        .map(|n| {
            let labels: Labels = [
                ("kubernetes.io/hostname".to_owned(), n.name.clone()),
                ("kubernetes.io/os".to_owned(), "linux".to_owned()),
            ]
            .into();
            Object {
                ns: None,
                name: n.name.clone(),
                cells: vec![
                    "Ready".into(),
                    "<none>".into(),
                    age(),
                    pods::KUBERNETES_VERSION.into(),
                    n.ip.to_string(),
                    "<none>".into(),
                    "<unknown>".into(),
                    "<unknown>".into(),
                    "<unknown>".into(),
                ],
                manifest: json!({"apiVersion": "v1", "kind": "Node",
                    "metadata": meta(&n.name, None, &labels), "spec": {},
                    "status": {"addresses": [{"type": "InternalIP", "address": n.ip.to_string()}]}}),
                labels,
            }
        })
        .collect()
}

fn restarts(p: &PodView) -> String {
    match p.restarts() {
        0 => "0".into(),
        n => format!("{n} ({} ago)", clock::human(4 * 60 + 12)),
    }
}

fn container_json(c: &pods::ContainerView) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(c.name));
    m.insert("image".into(), json!(c.image));
    if !c.ports.is_empty() {
        let ports: Vec<Value> = c
            .ports
            .iter()
            .map(|p| {
                let mut pm = Map::new();
                pm.insert("containerPort".into(), json!(p.port));
                if let Some(n) = &p.name {
                    pm.insert("name".into(), json!(n));
                }
                pm.insert("protocol".into(), json!(p.protocol.to_string()));
                Value::Object(pm)
            })
            .collect();
        m.insert("ports".into(), Value::Array(ports));
    }
    if c.native_sidecar {
        m.insert("restartPolicy".into(), json!("Always"));
    }
    Value::Object(m)
}

pub fn pod_manifest(p: &PodView) -> Value {
    let mut spec = Map::new();
    spec.insert(
        "containers".into(),
        Value::Array(p.containers.iter().map(container_json).collect()),
    );
    if !p.init.is_empty() {
        spec.insert(
            "initContainers".into(),
            Value::Array(p.init.iter().map(container_json).collect()),
        );
    }
    spec.insert("nodeName".into(), json!(p.node));
    spec.insert("serviceAccountName".into(), json!(p.service_account));
    if p.host_network {
        spec.insert("hostNetwork".into(), json!(true));
    }
    let mut metadata = with_annotations(meta(&p.name, Some(&p.ns), &p.labels), &p.annotations);
    if let (Some((kind, name)), Value::Object(m)) = (&p.workload, &mut metadata) {
        // Pods belong to a ReplicaSet (of a Deployment) or directly to a DaemonSet.
        let (owner_kind, owner) = match *kind {
            "Deployment" => ("ReplicaSet", replica_set(name)),
            other => (other, name.clone()),
        };
        m.insert(
            "ownerReferences".into(),
            json!([{"apiVersion": "apps/v1", "kind": owner_kind, "name": owner, "controller": true}]),
        );
    }
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec,
        "status": {"phase": "Running", "podIP": p.ip.to_string()}})
}

/// The name of a Deployment's ReplicaSet (`NAME-HASH`).
pub fn replica_set(deployment: &str) -> String {
    format!("{deployment}-{}", pods::suffix(deployment, 10))
}

fn pod_objects(lab: &Lab) -> Vec<Object> {
    lab.pods()
        .iter()
        .map(|p| {
            let (ready, total) = p.ready();
            Object {
                ns: Some(p.ns.clone()),
                name: p.name.clone(),
                labels: p.labels.clone(),
                cells: vec![
                    format!("{ready}/{total}"),
                    p.status().into(),
                    restarts(p),
                    clock::human(p.age),
                    p.ip.to_string(),
                    p.node.clone(),
                    "<none>".into(),
                    "<none>".into(),
                ],
                manifest: pod_manifest(p),
            }
        })
        .collect()
}

fn target_port(t: &TargetPort) -> Value {
    match t {
        TargetPort::Number(n) => json!(n),
        TargetPort::Name(s) => json!(s),
    }
}

fn services(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.services
        .iter()
        .map(|s| {
            let ports: Vec<String> = s
                .ports
                .iter()
                .map(|p| format!("{}/{}", p.port, p.protocol))
                .collect();
            let mut spec = Map::new();
            spec.insert("type".into(), json!(s.kind.as_str()));
            spec.insert(
                "clusterIP".into(),
                json!(s.cluster_ip.map_or("None".to_owned(), |ip| ip.to_string())),
            );
            if let Some(sel) = &s.selector {
                spec.insert("selector".into(), json!(sel));
            }
            let port_json: Vec<Value> = s
                .ports
                .iter()
                .map(|p| {
                    let mut m = Map::new();
                    if let Some(n) = &p.name {
                        m.insert("name".into(), json!(n));
                    }
                    m.insert("port".into(), json!(p.port));
                    m.insert("protocol".into(), json!(p.protocol.to_string()));
                    m.insert("targetPort".into(), target_port(&p.target));
                    if let Some(a) = &p.app_protocol {
                        m.insert("appProtocol".into(), json!(a));
                    }
                    Value::Object(m)
                })
                .collect();
            spec.insert("ports".into(), Value::Array(port_json));
            Object {
                ns: Some(c.ns_name(s.ns).to_owned()),
                name: s.name.clone(),
                labels: s.labels.clone(),
                cells: vec![
                    s.kind.as_str().to_owned(),
                    s.cluster_ip.map_or("None".into(), |ip| ip.to_string()),
                    "<none>".into(),
                    if ports.is_empty() {
                        "<none>".into()
                    } else {
                        ports.join(",")
                    },
                    age(),
                    s.selector.as_ref().map_or("<none>".into(), format_labels),
                ],
                manifest: manifest(
                    "v1",
                    "Service",
                    meta(&s.name, Some(c.ns_name(s.ns)), &s.labels),
                    Value::Object(spec),
                ),
            }
        })
        .collect()
}

/// A Service's ready and not-ready endpoints: `(pod view, ready)` for the pods its selector
/// picks that exist.
pub fn service_endpoints(lab: &Lab, svc: usize) -> Vec<(&PodView, bool)> {
    let c = &lab.sim.cluster;
    let Some(s) = c.services.get(svc) else {
        return Vec::new();
    };
    let Some(sel) = s.selector.as_ref().filter(|sel| !sel.is_empty()) else {
        return Vec::new();
    };
    let selector = Selector::from_labels(sel);
    lab.pods()
        .iter()
        .filter(|p| p.model.is_some())
        .filter(|p| p.ns == c.ns_name(s.ns))
        .filter(|p| {
            // Match on the pod's own labels (injection adds labels a selector never names).
            p.model
                .and_then(|i| c.pods.get(i))
                .is_some_and(|pod| selector.matches(&pod.labels))
        })
        .map(|p| (p, p.model.is_some_and(|i| s.endpoints.contains(&i))))
        .collect()
}

/// `formatEndpoints`: at most three `IP:PORT`, then `+ N more...`.
fn endpoint_list(addresses: &[String]) -> String {
    if addresses.is_empty() {
        return "<none>".into();
    }
    let shown: Vec<&str> = addresses.iter().take(3).map(String::as_str).collect();
    if addresses.len() > 3 {
        format!("{} + {} more...", shown.join(","), addresses.len() - 3)
    } else {
        shown.join(",")
    }
}

fn port_number(lab: &Lab, pod: &PodView, t: &TargetPort) -> Option<u16> {
    match t {
        TargetPort::Number(n) => Some(*n),
        TargetPort::Name(name) => pod
            .model
            .and_then(|i| lab.sim.cluster.pods.get(i))
            .and_then(|p| p.named_port(name, crate::sim::model::net::Protocol::Tcp)),
    }
}

fn endpoints(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let eps = service_endpoints(lab, i);
            let mut shown = Vec::new();
            for sp in &s.ports {
                for (p, ready) in &eps {
                    if *ready && let Some(port) = port_number(lab, p, &sp.target) {
                        shown.push(format!("{}:{port}", p.ip));
                    }
                }
            }
            let address = |p: &PodView| json!({"ip": p.ip.to_string(), "nodeName": p.node,
                "targetRef": {"kind": "Pod", "name": p.name, "namespace": p.ns}});
            let ready: Vec<Value> = eps.iter().filter(|(_, r)| *r).map(|(p, _)| address(p)).collect();
            let not_ready: Vec<Value> =
                eps.iter().filter(|(_, r)| !*r).map(|(p, _)| address(p)).collect();
            let ports: Vec<Value> = s
                .ports
                .iter()
                .map(|sp| {
                    let port = eps
                        .first()
                        .and_then(|(p, _)| port_number(lab, p, &sp.target))
                        .unwrap_or(sp.port);
                    json!({"name": sp.name.clone().unwrap_or_default(), "port": port,
                        "protocol": sp.protocol.to_string()})
                })
                .collect();
            let mut subset = Map::new();
            if !ready.is_empty() {
                subset.insert("addresses".into(), Value::Array(ready));
            }
            if !not_ready.is_empty() {
                subset.insert("notReadyAddresses".into(), Value::Array(not_ready));
            }
            subset.insert("ports".into(), Value::Array(ports));
            let subsets = if eps.is_empty() {
                Value::Array(Vec::new())
            } else {
                json!([subset])
            };
            Object {
                ns: Some(c.ns_name(s.ns).to_owned()),
                name: s.name.clone(),
                labels: s.labels.clone(),
                cells: vec![endpoint_list(&shown), age()],
                manifest: json!({"apiVersion": "v1", "kind": "Endpoints",
                    "metadata": meta(&s.name, Some(c.ns_name(s.ns)), &s.labels), "subsets": subsets}),
            }
        })
        .collect()
}

fn endpoint_slices(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let eps = service_endpoints(lab, i);
            let name = format!("{}-{}", s.name, pods::suffix(&s.name, 5));
            let ports: Vec<String> = s
                .ports
                .iter()
                .map(|sp| {
                    eps.first()
                        .and_then(|(p, _)| port_number(lab, p, &sp.target))
                        .map_or("<unset>".into(), |n| n.to_string())
                })
                .collect();
            let addresses: Vec<String> = eps.iter().map(|(p, _)| p.ip.to_string()).collect();
            let mut labels = Labels::new();
            labels.insert("kubernetes.io/service-name".into(), s.name.clone());
            let endpoints: Vec<Value> = eps
                .iter()
                .map(|(p, ready)| {
                    json!({"addresses": [p.ip.to_string()],
                    "conditions": {"ready": ready, "serving": ready, "terminating": false},
                    "nodeName": p.node,
                    "targetRef": {"kind": "Pod", "name": p.name, "namespace": p.ns}})
                })
                .collect();
            Object {
                ns: Some(c.ns_name(s.ns).to_owned()),
                name: name.clone(),
                cells: vec![
                    "IPv4".into(),
                    if ports.is_empty() {
                        "<unset>".into()
                    } else {
                        ports.iter().take(3).cloned().collect::<Vec<_>>().join(",")
                    },
                    if addresses.is_empty() {
                        "<unset>".into()
                    } else {
                        endpoint_list(&addresses)
                    },
                    age(),
                ],
                manifest: json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                    "metadata": meta(&name, Some(c.ns_name(s.ns)), &labels), "addressType": "IPv4",
                    "endpoints": endpoints}),
                labels,
            }
        })
        .collect()
}

/// A workload (Deployment or DaemonSet) and its pods, including the ones never created.
pub struct Workload {
    pub ns: String,
    pub name: String,
    pub kind: &'static str,
    /// Pods the controller wants.
    pub desired: usize,
    pub pods: Vec<PodView>,
}

/// Deployments and DaemonSets, from their pods' owners: the scenario's Deployments (their
/// pods carry the owner's name; pods a webhook refused count as desired but not there), and
/// the meshes' own.
pub fn workloads(lab: &Lab) -> Vec<Workload> {
    let mut out: Vec<Workload> = Vec::new();
    let c = &lab.sim.cluster;
    let mut add = |ns: &str, name: &str, kind: &'static str, pod: Option<&PodView>| {
        let i = match out
            .iter()
            .position(|w| w.ns == ns && w.name == name && w.kind == kind)
        {
            Some(i) => i,
            None => {
                out.push(Workload {
                    ns: ns.to_owned(),
                    name: name.to_owned(),
                    kind,
                    desired: 0,
                    pods: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[i].desired += 1;
        if let Some(p) = pod {
            out[i].pods.push(p.clone());
        }
    };
    for (i, pod) in c.pods.iter().enumerate() {
        if let Some(owner) = &pod.owner {
            let view = lab.pods().iter().find(|p| p.model == Some(i));
            add(c.ns_name(pod.ns), &owner.name, owner.kind.as_str(), view);
        }
    }
    for p in lab.pods().iter().filter(|p| p.model.is_none()) {
        if let Some((kind, name)) = &p.workload {
            add(&p.ns, name, kind, Some(p));
        }
    }
    out
}

fn workload_manifest(w: &Workload, template: Option<&PodView>) -> Value {
    let labels = template.map(|p| p.labels.clone()).unwrap_or_default();
    let containers: Vec<Value> = template
        .map(|p| p.containers.iter().map(container_json).collect())
        .unwrap_or_default();
    let mut spec = Map::new();
    if w.kind == "Deployment" {
        spec.insert("replicas".into(), json!(w.desired));
    }
    spec.insert(
        "template".into(),
        json!({"metadata": {"labels": labels}, "spec": {"containers": containers}}),
    );
    let ready = w.pods.iter().filter(|p| p.is_ready()).count();
    json!({"apiVersion": "apps/v1", "kind": w.kind, "metadata": meta(&w.name, Some(&w.ns), &Labels::new()),
        "spec": spec, "status": {"replicas": w.pods.len(), "readyReplicas": ready}})
}

fn containers_and_images(template: Option<&PodView>) -> (String, String) {
    let Some(p) = template else {
        return ("<none>".into(), "<none>".into());
    };
    let names: Vec<&str> = p.containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = p.containers.iter().map(|c| c.image.as_str()).collect();
    (names.join(","), images.join(","))
}

/// A workload's template as written: the scenario's pod spec without what injection added.
fn template_of(lab: &Lab, w: &Workload) -> Option<PodView> {
    let c = &lab.sim.cluster;
    if let Some(p) = w.pods.first() {
        let mut t = p.clone();
        if let Some(pod) = p.model.and_then(|i| c.pods.get(i)) {
            t.containers.retain(|ct| !pods::is_proxy(&ct.name));
            t.labels = pod.labels.clone();
        }
        return Some(t);
    }
    // Every pod was refused: the model still has them.
    let i = c
        .pods
        .iter()
        .position(|p| c.ns_name(p.ns) == w.ns && p.owner_name() == Some(w.name.as_str()))?;
    let mut t = pods::all(&lab.sim)
        .into_iter()
        .find(|p| p.model == Some(i))
        .or_else(|| {
            let sim = crate::sim::scenario::faulty::Faulty {
                absent: Default::default(),
                ..lab.sim.clone()
            };
            pods::all(&sim).into_iter().find(|p| p.model == Some(i))
        })?;
    t.containers.retain(|ct| !pods::is_proxy(&ct.name));
    Some(t)
}

fn deployments(lab: &Lab) -> Vec<Object> {
    workloads(lab)
        .into_iter()
        .filter(|w| w.kind == "Deployment")
        .map(|w| {
            let template = template_of(lab, &w);
            let ready = w.pods.iter().filter(|p| p.is_ready()).count();
            let (containers, images) = containers_and_images(template.as_ref());
            let selector = template
                .as_ref()
                .and_then(|t| t.labels.get("app").map(|a| format!("app={a}")))
                .unwrap_or_else(|| "<none>".into());
            Object {
                ns: Some(w.ns.clone()),
                name: w.name.clone(),
                labels: Labels::new(),
                cells: vec![
                    format!("{ready}/{}", w.desired),
                    w.pods.len().to_string(),
                    ready.to_string(),
                    age(),
                    containers,
                    images,
                    selector,
                ],
                manifest: workload_manifest(&w, template.as_ref()),
            }
        })
        .collect()
}

fn daemon_sets(lab: &Lab) -> Vec<Object> {
    workloads(lab)
        .into_iter()
        .filter(|w| w.kind == "DaemonSet")
        .map(|w| {
            let ready = w.pods.iter().filter(|p| p.is_ready()).count();
            let template = w.pods.first().cloned();
            let (containers, images) = containers_and_images(template.as_ref());
            let selector = template
                .as_ref()
                .map_or("<none>".into(), |t| format_labels(&t.labels));
            let n = w.desired.to_string();
            Object {
                ns: Some(w.ns.clone()),
                name: w.name.clone(),
                labels: Labels::new(),
                cells: vec![
                    n.clone(),
                    n.clone(),
                    ready.to_string(),
                    n,
                    ready.to_string(),
                    "kubernetes.io/os=linux".into(),
                    age(),
                    containers,
                    images,
                    selector,
                ],
                manifest: workload_manifest(&w, template.as_ref()),
            }
        })
        .collect()
}

fn netpol_ports(ports: &Option<Vec<netpol::PortMatch>>) -> Option<Value> {
    ports.as_ref().map(|ps| {
        Value::Array(
            ps.iter()
                .map(|p| {
                    let mut m = Map::new();
                    m.insert("protocol".into(), json!(p.protocol.to_string()));
                    match &p.port {
                        PortSpec::Any => {}
                        PortSpec::Number(n) => {
                            m.insert("port".into(), json!(n));
                        }
                        PortSpec::Range(a, b) => {
                            m.insert("port".into(), json!(a));
                            m.insert("endPort".into(), json!(b));
                        }
                        PortSpec::Named(n) => {
                            m.insert("port".into(), json!(n));
                        }
                    }
                    Value::Object(m)
                })
                .collect(),
        )
    })
}

fn netpol_peers(peers: &Option<Vec<Peer>>) -> Option<Value> {
    peers.as_ref().map(|ps| {
        Value::Array(
            ps.iter()
                .map(|p| match p {
                    Peer::Pods { namespaces, pods } => {
                        let mut m = Map::new();
                        if let Some(n) = namespaces {
                            m.insert("namespaceSelector".into(), selector_json(n));
                        }
                        if let Some(p) = pods {
                            m.insert("podSelector".into(), selector_json(p));
                        }
                        Value::Object(m)
                    }
                    Peer::IpBlock { cidr, except } => {
                        let mut b = Map::new();
                        b.insert("cidr".into(), json!(cidr.to_string()));
                        if !except.is_empty() {
                            let e: Vec<String> = except.iter().map(ToString::to_string).collect();
                            b.insert("except".into(), json!(e));
                        }
                        json!({"ipBlock": b})
                    }
                })
                .collect(),
        )
    })
}

fn netpol_rules(rules: &[netpol::PolicyRule], peers_key: &str) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|r| {
                let mut m = Map::new();
                if let Some(p) = netpol_peers(&r.peers) {
                    m.insert(peers_key.into(), p);
                }
                if let Some(p) = netpol_ports(&r.ports) {
                    m.insert("ports".into(), p);
                }
                Value::Object(m)
            })
            .collect(),
    )
}

fn network_policies(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.network_policies
        .iter()
        .map(|p| {
            let mut spec = Map::new();
            spec.insert("podSelector".into(), selector_json(&p.pod_selector));
            let mut types = Vec::new();
            if let Some(r) = &p.ingress {
                types.push("Ingress");
                spec.insert("ingress".into(), netpol_rules(r, "from"));
            }
            if let Some(r) = &p.egress {
                types.push("Egress");
                spec.insert("egress".into(), netpol_rules(r, "to"));
            }
            spec.insert("policyTypes".into(), json!(types));
            Object {
                ns: Some(c.ns_name(p.ns).to_owned()),
                name: p.name.clone(),
                labels: Labels::new(),
                cells: vec![format_selector(&p.pod_selector), age()],
                manifest: manifest(
                    "networking.k8s.io/v1",
                    "NetworkPolicy",
                    meta(&p.name, Some(c.ns_name(p.ns)), &Labels::new()),
                    Value::Object(spec),
                ),
            }
        })
        .collect()
}

/// A Gateway is programmed when a controller for its class runs in the cluster.
pub fn gateway_programmed(lab: &Lab, class: &str) -> bool {
    match class {
        "istio" | "istio-waypoint" | "istio-remote" => pods::installed(&lab.sim, Mesh::Istio),
        "cilium" => pods::installed(&lab.sim, Mesh::Cilium),
        // Other controllers (Envoy Gateway, NGINX, …) are assumed to run.
        _ => true,
    }
}

fn condition(kind: &str, ok: bool, reason: &str, message: &str) -> Value {
    json!({"type": kind, "status": if ok { "True" } else { "False" }, "reason": reason,
        "message": message, "lastTransitionTime": created()})
}

fn gateways(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.gateways
        .iter()
        .map(|g| {
            let programmed = gateway_programmed(lab, &g.class);
            let listeners: Vec<Value> = g
                .listeners
                .iter()
                .map(|l| {
                    let mut m = Map::new();
                    m.insert("name".into(), json!(l.name));
                    m.insert("port".into(), json!(l.port));
                    m.insert("protocol".into(), json!(l.protocol));
                    if let Some(h) = &l.hostname {
                        m.insert("hostname".into(), json!(h));
                    }
                    let from = match &l.allowed {
                        AllowedFrom::Same => json!({"from": "Same"}),
                        AllowedFrom::All => json!({"from": "All"}),
                        AllowedFrom::Selector(s) => {
                            json!({"from": "Selector", "selector": selector_json(s)})
                        }
                    };
                    m.insert("allowedRoutes".into(), json!({"namespaces": from}));
                    Value::Object(m)
                })
                .collect();
            let mut manifest = manifest(
                "gateway.networking.k8s.io/v1",
                "Gateway",
                meta(&g.name, Some(c.ns_name(g.ns)), &Labels::new()),
                json!({"gatewayClassName": g.class, "listeners": listeners}),
            );
            manifest["status"] = json!({
                "addresses": if programmed { json!([{"type": "IPAddress", "value": g.proxy_ip.to_string()}]) } else { json!([]) },
                "conditions": [
                    condition("Accepted", true, "Accepted", "Resource accepted"),
                    if programmed {
                        condition("Programmed", true, "Programmed", "Resource programmed")
                    } else {
                        condition("Programmed", false, "Pending", "no controller for this GatewayClass runs in the cluster")
                    },
                ],
            });
            Object {
                ns: Some(c.ns_name(g.ns).to_owned()),
                name: g.name.clone(),
                labels: Labels::new(),
                cells: vec![
                    g.class.clone(),
                    if programmed {
                        g.proxy_ip.to_string()
                    } else {
                        String::new()
                    },
                    if programmed { "True" } else { "False" }.into(),
                    age(),
                ],
                manifest,
            }
        })
        .collect()
}

/// A route's status as its controller writes it: `(Accepted, ResolvedRefs)` conditions as
/// `(ok, reason, message)`.
pub fn route_status(lab: &Lab, ns: &str, name: &str) -> [(bool, String, String); 2] {
    let key = format!("{ns}/{name}");
    let refused = lab.sim.unaccepted.iter().find(|(r, _)| *r == key);
    let accepted = match refused {
        Some((_, why)) => {
            let (reason, message) = why
                .split_once(": ")
                .unwrap_or(("NotAccepted", why.as_str()));
            (false, reason.to_owned(), message.to_owned())
        }
        None => (true, "Accepted".to_owned(), "Route was valid".to_owned()),
    };
    let c = &lab.sim.cluster;
    let route = c
        .namespace(ns)
        .and_then(|n| c.routes.iter().find(|r| r.ns == n && r.name == name));
    let bad = route.and_then(|r| {
        r.rules
            .iter()
            .flat_map(|rule| &rule.backends)
            .find_map(|b| match &b.target {
                BackendTarget::Invalid { reason } => Some(reason.clone()),
                BackendTarget::Service { granted: false, .. } => Some(format!(
                    "backend {} is in another namespace and no ReferenceGrant allows it",
                    b.display
                )),
                _ => None,
            })
    });
    let resolved = match bad {
        Some(why) => {
            let reason = if why.contains("ReferenceGrant") || why.contains("RefNotPermitted") {
                "RefNotPermitted"
            } else {
                "BackendNotFound"
            };
            (false, reason.to_owned(), why)
        }
        None => (
            true,
            "ResolvedRefs".to_owned(),
            "All references resolved".to_owned(),
        ),
    };
    [accepted, resolved]
}

fn http_routes(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    let mut out: Vec<Object> = c
        .routes
        .iter()
        .chain(&lab.sim.refused_routes)
        .map(|r| {
            let ns = c.ns_name(r.ns);
            let parents: Vec<Value> = r
                .parents
                .iter()
                .map(|p| {
                    let mut m = Map::new();
                    let (group, kind) = match &p.kind {
                        ParentKind::Gateway => ("gateway.networking.k8s.io", "Gateway".to_owned()),
                        ParentKind::Service => ("", "Service".to_owned()),
                        ParentKind::Server => ("policy.linkerd.io", "Server".to_owned()),
                        ParentKind::EgressNetwork => {
                            ("policy.linkerd.io", "EgressNetwork".to_owned())
                        }
                        ParentKind::Other(k) => ("", k.clone()),
                    };
                    m.insert("group".into(), json!(group));
                    m.insert("kind".into(), json!(kind));
                    m.insert("name".into(), json!(p.name));
                    if p.ns != ns {
                        m.insert("namespace".into(), json!(p.ns));
                    }
                    if let Some(s) = &p.section {
                        m.insert("sectionName".into(), json!(s));
                    }
                    if let Some(port) = p.port {
                        m.insert("port".into(), json!(port));
                    }
                    Value::Object(m)
                })
                .collect();
            let rules: Vec<Value> = r
                .rules
                .iter()
                .map(|rule| {
                    let mut m = Map::new();
                    let matches: Vec<Value> = rule
                        .matches
                        .iter()
                        .map(|mt| {
                            let mut mm = Map::new();
                            mm.insert(
                                "path".into(),
                                json!({"type": match mt.path.kind {
                                        PathKind::Exact => "Exact",
                                        PathKind::Prefix => "PathPrefix",
                                        PathKind::Regex(_) => "RegularExpression",
                                    },
                                    "value": mt.path.value}),
                            );
                            if let Some(method) = &mt.method {
                                mm.insert("method".into(), json!(method));
                            }
                            if !mt.headers.is_empty() {
                                let h: Vec<Value> =
                                    mt.headers.iter().map(|(k, v)| value_match(k, v)).collect();
                                mm.insert("headers".into(), Value::Array(h));
                            }
                            if !mt.query.is_empty() {
                                let q: Vec<Value> =
                                    mt.query.iter().map(|(k, v)| value_match(k, v)).collect();
                                mm.insert("queryParams".into(), Value::Array(q));
                            }
                            Value::Object(mm)
                        })
                        .collect();
                    m.insert("matches".into(), Value::Array(matches));
                    let backends: Vec<Value> = rule
                        .backends
                        .iter()
                        .map(|b| {
                            let (bns, bname) =
                                b.display.split_once('/').unwrap_or((ns, &b.display));
                            let mut bm = Map::new();
                            bm.insert("name".into(), json!(bname));
                            if bns != ns {
                                bm.insert("namespace".into(), json!(bns));
                            }
                            if let BackendTarget::Service { port, .. } = &b.target {
                                bm.insert("port".into(), json!(port));
                            }
                            bm.insert("weight".into(), json!(b.weight));
                            Value::Object(bm)
                        })
                        .collect();
                    if !backends.is_empty() {
                        m.insert("backendRefs".into(), Value::Array(backends));
                    }
                    let ms = |ms: u64| format!("{}ms", ms);
                    let mut timeouts = Map::new();
                    if let Some(t) = rule.request_timeout_ms {
                        timeouts.insert("request".into(), json!(ms(t)));
                    }
                    if let Some(t) = rule.backend_timeout_ms {
                        timeouts.insert("backendRequest".into(), json!(ms(t)));
                    }
                    if !timeouts.is_empty() {
                        m.insert("timeouts".into(), Value::Object(timeouts));
                    }
                    Value::Object(m)
                })
                .collect();
            let mut spec = Map::new();
            spec.insert("parentRefs".into(), Value::Array(parents.clone()));
            if !r.hostnames.is_empty() {
                spec.insert("hostnames".into(), json!(r.hostnames));
            }
            spec.insert("rules".into(), Value::Array(rules));
            let mut manifest = manifest(
                "gateway.networking.k8s.io/v1",
                "HTTPRoute",
                meta(&r.name, Some(ns), &Labels::new()),
                Value::Object(spec),
            );
            manifest["status"] = route_status_json(lab, ns, &r.name, &parents);
            Object {
                ns: Some(ns.to_owned()),
                name: r.name.clone(),
                labels: Labels::new(),
                cells: vec![
                    if r.hostnames.is_empty() {
                        String::new()
                    } else {
                        format!("[\"{}\"]", r.hostnames.join("\",\""))
                    },
                    age(),
                ],
                manifest,
            }
        })
        .collect();
    // Routes a controller refused are still objects in the API server.
    for (key, _) in &lab.sim.unaccepted {
        let Some((ns, name)) = key.split_once('/') else {
            continue;
        };
        if out
            .iter()
            .any(|o| o.ns.as_deref() == Some(ns) && o.name == name)
        {
            continue;
        }
        let mut manifest = manifest(
            "gateway.networking.k8s.io/v1",
            "HTTPRoute",
            meta(name, Some(ns), &Labels::new()),
            json!({}),
        );
        manifest["status"] = route_status_json(lab, ns, name, &[]);
        out.push(Object {
            ns: Some(ns.to_owned()),
            name: name.to_owned(),
            labels: Labels::new(),
            cells: vec![String::new(), age()],
            manifest,
        });
    }
    out
}

fn route_status_json(lab: &Lab, ns: &str, name: &str, parents: &[Value]) -> Value {
    let [accepted, resolved] = route_status(lab, ns, name);
    let conditions = json!([
        condition("Accepted", accepted.0, &accepted.1, &accepted.2),
        condition("ResolvedRefs", resolved.0, &resolved.1, &resolved.2),
    ]);
    let parents: Vec<Value> = if parents.is_empty() {
        vec![json!({"conditions": conditions, "controllerName": "meshlab.io/simulated"})]
    } else {
        parents
            .iter()
            .map(|p| json!({"parentRef": p, "conditions": conditions, "controllerName": controller(lab)}))
            .collect()
    };
    json!({"parents": parents})
}

fn controller(lab: &Lab) -> &'static str {
    if pods::installed(&lab.sim, Mesh::Istio) {
        "istio.io/gateway-controller"
    } else if pods::installed(&lab.sim, Mesh::Linkerd) {
        "linkerd.io/gateway-controller"
    } else if pods::installed(&lab.sim, Mesh::Cilium) {
        "io.cilium/gateway-controller"
    } else {
        "meshlab.io/simulated"
    }
}

fn values(v: &istio::Values) -> Option<Value> {
    v.as_ref().map(|v| json!(v))
}

fn istio_rule(r: &istio::Rule) -> Value {
    let mut m = Map::new();
    if !r.from.is_empty() {
        let from: Vec<Value> = r
            .from
            .iter()
            .map(|s| {
                let mut sm = Map::new();
                for (k, v) in [
                    ("principals", values(&s.principals)),
                    ("notPrincipals", values(&s.not_principals)),
                    ("namespaces", values(&s.namespaces)),
                    ("notNamespaces", values(&s.not_namespaces)),
                ] {
                    if let Some(v) = v {
                        sm.insert(k.into(), v);
                    }
                }
                if let Some(b) = &s.ip_blocks {
                    let b: Vec<String> = b.iter().map(ToString::to_string).collect();
                    sm.insert("ipBlocks".into(), json!(b));
                }
                if let Some(b) = &s.not_ip_blocks {
                    let b: Vec<String> = b.iter().map(ToString::to_string).collect();
                    sm.insert("notIpBlocks".into(), json!(b));
                }
                json!({"source": sm})
            })
            .collect();
        m.insert("from".into(), Value::Array(from));
    }
    if !r.to.is_empty() {
        let to: Vec<Value> =
            r.to.iter()
                .map(|o| {
                    let mut om = Map::new();
                    for (k, v) in [
                        ("hosts", values(&o.hosts)),
                        ("notHosts", values(&o.not_hosts)),
                        ("methods", values(&o.methods)),
                        ("notMethods", values(&o.not_methods)),
                        ("paths", values(&o.paths)),
                        ("notPaths", values(&o.not_paths)),
                    ] {
                        if let Some(v) = v {
                            om.insert(k.into(), v);
                        }
                    }
                    if let Some(p) = &o.ports {
                        let p: Vec<String> = p.iter().map(ToString::to_string).collect();
                        om.insert("ports".into(), json!(p));
                    }
                    if let Some(p) = &o.not_ports {
                        let p: Vec<String> = p.iter().map(ToString::to_string).collect();
                        om.insert("notPorts".into(), json!(p));
                    }
                    json!({"operation": om})
                })
                .collect();
        m.insert("to".into(), Value::Array(to));
    }
    if !r.when.is_empty() {
        let when: Vec<Value> = r
            .when
            .iter()
            .map(|c| {
                let mut cm = Map::new();
                cm.insert("key".into(), json!(c.key));
                if let Some(v) = values(&c.values) {
                    cm.insert("values".into(), v);
                }
                if let Some(v) = values(&c.not_values) {
                    cm.insert("notValues".into(), v);
                }
                Value::Object(cm)
            })
            .collect();
        m.insert("when".into(), Value::Array(when));
    }
    Value::Object(m)
}

pub fn action_name(a: istio::Action) -> &'static str {
    match a {
        istio::Action::Allow => "ALLOW",
        istio::Action::Deny => "DENY",
        istio::Action::Custom => "CUSTOM",
        istio::Action::Audit => "AUDIT",
    }
}

fn istio_authz(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    // A version-skew fault dropped some policies from the faulty model, but they are still
    // objects in the API server: list what the scenario wrote.
    c.mesh
        .authorization_policies
        .iter()
        .chain(&lab.sim.not_enforced)
        .map(|p| {
            let mut spec = Map::new();
            match &p.attachment {
                istio::Attachment::Workloads(Some(sel)) => {
                    spec.insert("selector".into(), selector_json(sel));
                }
                istio::Attachment::Workloads(None) => {}
                istio::Attachment::Targets(t) => {
                    let refs: Vec<Value> = t
                        .iter()
                        .map(|(kind, name)| {
                            let group = if kind == "Gateway" {
                                "gateway.networking.k8s.io"
                            } else {
                                ""
                            };
                            json!({"group": group, "kind": kind, "name": name})
                        })
                        .collect();
                    spec.insert("targetRefs".into(), Value::Array(refs));
                }
            }
            spec.insert("action".into(), json!(action_name(p.action)));
            spec.insert(
                "rules".into(),
                Value::Array(p.rules.iter().map(istio_rule).collect()),
            );
            Object {
                ns: Some(c.ns_name(p.ns).to_owned()),
                name: p.name.clone(),
                labels: Labels::new(),
                cells: vec![action_name(p.action).into(), age()],
                manifest: manifest(
                    "security.istio.io/v1",
                    "AuthorizationPolicy",
                    meta(&p.name, Some(c.ns_name(p.ns)), &Labels::new()),
                    Value::Object(spec),
                ),
            }
        })
        .collect()
}

pub fn mode_name(m: istio::MtlsMode) -> &'static str {
    match m {
        istio::MtlsMode::Unset => "UNSET",
        istio::MtlsMode::Disable => "DISABLE",
        istio::MtlsMode::Permissive => "PERMISSIVE",
        istio::MtlsMode::Strict => "STRICT",
    }
}

fn peer_authentications(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .peer_authentications
        .iter()
        .map(|p| {
            let mut spec = Map::new();
            if let Some(s) = &p.selector {
                spec.insert("selector".into(), selector_json(s));
            }
            spec.insert("mtls".into(), json!({"mode": mode_name(p.mode)}));
            if !p.ports.is_empty() {
                let ports: Map<String, Value> = p
                    .ports
                    .iter()
                    .map(|(port, m)| (port.to_string(), json!({"mode": mode_name(*m)})))
                    .collect();
                spec.insert("portLevelMtls".into(), Value::Object(ports));
            }
            Object {
                ns: Some(c.ns_name(p.ns).to_owned()),
                name: p.name.clone(),
                labels: Labels::new(),
                cells: vec![mode_name(p.mode).into(), age()],
                manifest: manifest(
                    "security.istio.io/v1",
                    "PeerAuthentication",
                    meta(&p.name, Some(c.ns_name(p.ns)), &Labels::new()),
                    Value::Object(spec),
                ),
            }
        })
        .collect()
}

/// One VirtualService http route as `kubectl get -o yaml` shows it (the fields meshlab keeps).
fn http_route_json(r: &crate::sim::model::istio_traffic::HttpRoute) -> Value {
    use crate::sim::model::istio_traffic::Action;
    let mut route = Map::new();
    if let Action::Route(dests) = &r.action {
        let list: Vec<Value> = dests
            .iter()
            .map(|d| {
                let mut dest = Map::new();
                dest.insert("host".into(), json!(d.host));
                if let Some(s) = &d.subset {
                    dest.insert("subset".into(), json!(s));
                }
                json!({"destination": dest, "weight": d.weight})
            })
            .collect();
        route.insert("route".into(), json!(list));
    }
    if let Some(r) = &r.retries {
        let mut rm = Map::new();
        rm.insert("attempts".into(), json!(r.attempts));
        if let Some(p) = r.per_try_timeout_ms {
            rm.insert("perTryTimeout".into(), json!(format!("{p}ms")));
        }
        route.insert("retries".into(), Value::Object(rm));
    }
    if let Some(t) = r.timeout_ms {
        route.insert("timeout".into(), json!(format!("{t}ms")));
    }
    Value::Object(route)
}

fn virtual_services(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .virtual_services
        .iter()
        .map(|v| {
            let http: Vec<Value> = v.http.iter().map(http_route_json).collect();
            let gateways = if v.for_mesh() {
                String::new()
            } else {
                format!("[\"{}\"]", v.gateways.join("\",\""))
            };
            Object {
                ns: Some(c.ns_name(v.ns).to_owned()),
                name: v.name.clone(),
                labels: Labels::new(),
                cells: vec![
                    gateways.to_owned(),
                    format!("[\"{}\"]", v.hosts.join("\",\"")),
                    age(),
                ],
                manifest: manifest(
                    "networking.istio.io/v1",
                    "VirtualService",
                    meta(&v.name, Some(c.ns_name(v.ns)), &Labels::new()),
                    json!({"hosts": v.hosts, "http": http}),
                ),
            }
        })
        .collect()
}

pub fn protocol_name(p: linkerd::ProxyProtocol) -> &'static str {
    match p {
        linkerd::ProxyProtocol::Unknown => "unknown",
        linkerd::ProxyProtocol::Http => "HTTP/1",
        linkerd::ProxyProtocol::Grpc => "gRPC",
        linkerd::ProxyProtocol::Opaque => "opaque",
    }
}

fn servers(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .servers
        .iter()
        .map(|s| {
            let port = match &s.port {
                linkerd::ServerPort::Number(n) => json!(n),
                linkerd::ServerPort::Name(n) => json!(n),
            };
            let access = s.access.name();
            Object {
                ns: Some(c.ns_name(s.ns).to_owned()),
                name: s.name.clone(),
                labels: Labels::new(),
                cells: vec![
                    match &s.port {
                        linkerd::ServerPort::Number(n) => n.to_string(),
                        linkerd::ServerPort::Name(n) => n.clone(),
                    },
                    protocol_name(s.protocol).into(),
                    access.into(),
                ],
                manifest: manifest(
                    "policy.linkerd.io/v1beta3",
                    "Server",
                    meta(&s.name, Some(c.ns_name(s.ns)), &Labels::new()),
                    json!({"podSelector": selector_json(&s.selector), "port": port,
                        "proxyProtocol": protocol_name(s.protocol), "accessPolicy": access}),
                ),
            }
        })
        .collect()
}

fn linkerd_authz(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .linkerd_authz
        .iter()
        .map(|a| {
            let target = match &a.target {
                linkerd::AuthzTarget::Server(n) => {
                    json!({"group": "policy.linkerd.io", "kind": "Server", "name": n})
                }
                linkerd::AuthzTarget::Route(n) => {
                    json!({"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": n})
                }
                linkerd::AuthzTarget::Namespace => {
                    json!({"kind": "Namespace", "name": c.ns_name(a.ns)})
                }
            };
            let required: Vec<Value> = a
                .required
                .iter()
                .map(|r| match r {
                    linkerd::Authn::MeshTls(n) => json!({"group": "policy.linkerd.io",
                        "kind": "MeshTLSAuthentication", "name": n}),
                    linkerd::Authn::Network(n) => json!({"group": "policy.linkerd.io",
                        "kind": "NetworkAuthentication", "name": n}),
                    linkerd::Authn::ServiceAccount { ns, name } => {
                        json!({"kind": "ServiceAccount", "name": name, "namespace": ns})
                    }
                })
                .collect();
            Object {
                ns: Some(c.ns_name(a.ns).to_owned()),
                name: a.name.clone(),
                labels: Labels::new(),
                cells: vec![age()],
                manifest: manifest(
                    "policy.linkerd.io/v1alpha1",
                    "AuthorizationPolicy",
                    meta(&a.name, Some(c.ns_name(a.ns)), &Labels::new()),
                    json!({"targetRef": target, "requiredAuthenticationRefs": required}),
                ),
            }
        })
        .collect()
}

fn meshtls(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .meshtls
        .iter()
        .map(|m| Object {
            ns: Some(c.ns_name(m.ns).to_owned()),
            name: m.name.clone(),
            labels: Labels::new(),
            cells: vec![age()],
            manifest: manifest(
                "policy.linkerd.io/v1alpha1",
                "MeshTLSAuthentication",
                meta(&m.name, Some(c.ns_name(m.ns)), &Labels::new()),
                json!({"identities": m.identities}),
            ),
        })
        .collect()
}

fn networks_json(
    nets: &[(
        crate::sim::model::net::Cidr,
        Vec<crate::sim::model::net::Cidr>,
    )],
) -> Value {
    Value::Array(
        nets.iter()
            .map(|(c, except)| {
                let mut m = Map::new();
                m.insert("cidr".into(), json!(c.to_string()));
                if !except.is_empty() {
                    let e: Vec<String> = except.iter().map(ToString::to_string).collect();
                    m.insert("except".into(), json!(e));
                }
                Value::Object(m)
            })
            .collect(),
    )
}

fn network_authns(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .network_authns
        .iter()
        .map(|n| Object {
            ns: Some(c.ns_name(n.ns).to_owned()),
            name: n.name.clone(),
            labels: Labels::new(),
            cells: vec![age()],
            manifest: manifest(
                "policy.linkerd.io/v1alpha1",
                "NetworkAuthentication",
                meta(&n.name, Some(c.ns_name(n.ns)), &Labels::new()),
                json!({"networks": networks_json(&n.networks)}),
            ),
        })
        .collect()
}

fn egress_networks(lab: &Lab) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .egress_networks
        .iter()
        .map(|e| {
            let mut spec = Map::new();
            spec.insert(
                "trafficPolicy".into(),
                json!(if e.deny { "Deny" } else { "Allow" }),
            );
            if let Some(n) = &e.networks {
                spec.insert("networks".into(), networks_json(n));
            }
            Object {
                ns: Some(c.ns_name(e.ns).to_owned()),
                name: e.name.clone(),
                labels: Labels::new(),
                cells: vec![age()],
                manifest: manifest(
                    "policy.linkerd.io/v1alpha1",
                    "EgressNetwork",
                    meta(&e.name, Some(c.ns_name(e.ns)), &Labels::new()),
                    Value::Object(spec),
                ),
            }
        })
        .collect()
}

fn endpoint_selector_json(s: &cilium::EndpointSelector) -> Value {
    selector_json(&s.selector)
}

fn cilium_rules(rules: &[cilium::Rule], peers_key: &str) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|r| {
                let mut m = Map::new();
                let mut endpoints = Vec::new();
                let mut cidrs = Vec::new();
                let mut entities = Vec::new();
                let mut fqdns = Vec::new();
                let mut services = Vec::new();
                for p in &r.peers {
                    match p {
                        cilium::Peer::Endpoints(s) => endpoints.push(endpoint_selector_json(s)),
                        cilium::Peer::Cidr(c, except) => {
                            if except.is_empty() {
                                cidrs.push(json!(c.to_string()));
                            } else {
                                let e: Vec<String> =
                                    except.iter().map(ToString::to_string).collect();
                                cidrs.push(json!({"cidr": c.to_string(), "except": e}));
                            }
                        }
                        cilium::Peer::Entity(e) => entities.push(json!(e.as_str())),
                        cilium::Peer::Fqdn(re) => fqdns.push(json!({"matchPattern": re.as_str()})),
                        cilium::Peer::Service(s) => services.push(match &s.name {
                            Some(n) => {
                                json!({"k8sService": {"serviceName": n, "namespace": s.namespace}})
                            }
                            None => json!({"k8sServiceSelector": {
                                "selector": s.selector.as_ref().map(selector_json),
                                "namespace": s.namespace}}),
                        }),
                    }
                }
                let dir = if peers_key == "from" { "from" } else { "to" };
                if !endpoints.is_empty() {
                    m.insert(format!("{dir}Endpoints"), Value::Array(endpoints));
                }
                if !cidrs.is_empty() {
                    m.insert(format!("{dir}CIDRSet"), Value::Array(cidrs));
                }
                if !entities.is_empty() {
                    m.insert(format!("{dir}Entities"), Value::Array(entities));
                }
                if !fqdns.is_empty() {
                    m.insert("toFQDNs".into(), Value::Array(fqdns));
                }
                if !services.is_empty() {
                    m.insert("toServices".into(), Value::Array(services));
                }
                if !r.icmps.is_empty() {
                    let fields: Vec<Value> = r
                        .icmps
                        .iter()
                        .map(|t| json!({"type": t, "family": "IPv4"}))
                        .collect();
                    m.insert("icmps".into(), json!([{"fields": fields}]));
                }
                if r.auth_required {
                    m.insert("authentication".into(), json!({"mode": "required"}));
                }
                if !r.ports.is_empty() {
                    let ports: Vec<Value> = r
                        .ports
                        .iter()
                        .map(|pr| {
                            let ports: Vec<Value> = pr
                                .ports
                                .iter()
                                .map(|(a, b, proto)| {
                                    let mut pm = Map::new();
                                    pm.insert("port".into(), json!(a.to_string()));
                                    if b != a {
                                        pm.insert("endPort".into(), json!(b));
                                    }
                                    pm.insert(
                                        "protocol".into(),
                                        json!(proto.map_or("ANY".to_owned(), |p| p.to_string())),
                                    );
                                    Value::Object(pm)
                                })
                                .collect();
                            let mut prm = Map::new();
                            prm.insert("ports".into(), Value::Array(ports));
                            let mut rules = Map::new();
                            if let Some(http) = &pr.http {
                                let h: Vec<Value> = http
                                    .iter()
                                    .map(|h| {
                                        let mut hm = Map::new();
                                        if let Some(m) = &h.method {
                                            hm.insert("method".into(), json!(m.as_str()));
                                        }
                                        if let Some(p) = &h.path {
                                            hm.insert("path".into(), json!(p.as_str()));
                                        }
                                        Value::Object(hm)
                                    })
                                    .collect();
                                rules.insert("http".into(), Value::Array(h));
                            }
                            if !pr.dns.is_empty() {
                                let d: Vec<Value> = pr
                                    .dns
                                    .iter()
                                    .map(|re| json!({"matchPattern": re.as_str()}))
                                    .collect();
                                rules.insert("dns".into(), Value::Array(d));
                            }
                            if !rules.is_empty() {
                                prm.insert("rules".into(), Value::Object(rules));
                            }
                            Value::Object(prm)
                        })
                        .collect();
                    m.insert("toPorts".into(), Value::Array(ports));
                }
                Value::Object(m)
            })
            .collect(),
    )
}

fn cilium_policies(lab: &Lab) -> Vec<Object> {
    cilium_policy_objects(lab, false)
}

fn cilium_clusterwide_policies(lab: &Lab) -> Vec<Object> {
    cilium_policy_objects(lab, true)
}

/// The namespaced policies, or the clusterwide ones.
fn cilium_policy_objects(lab: &Lab, clusterwide: bool) -> Vec<Object> {
    let c = &lab.sim.cluster;
    c.mesh
        .cilium_policies
        .iter()
        .filter(|p| p.ns.is_none() == clusterwide)
        .map(|p| {
            let ns = p.ns.map(|ns| c.ns_name(ns));
            let mut spec = Map::new();
            spec.insert(
                "endpointSelector".into(),
                endpoint_selector_json(&p.selector),
            );
            for (key, rules, dir) in [
                ("ingress", &p.ingress, "from"),
                ("egress", &p.egress, "to"),
                ("ingressDeny", &p.ingress_deny, "from"),
                ("egressDeny", &p.egress_deny, "to"),
            ] {
                if let Some(r) = rules {
                    spec.insert(key.into(), cilium_rules(r, dir));
                }
            }
            let mut manifest = manifest(
                "cilium.io/v2",
                p.kind(),
                meta(&p.name, ns, &Labels::new()),
                Value::Object(spec),
            );
            manifest["status"] = json!({"conditions": [{"type": "Valid", "status": "True",
                "message": "Policy validation succeeded", "lastTransitionTime": created()}]});
            Object {
                ns: ns.map(str::to_owned),
                name: p.name.clone(),
                labels: Labels::new(),
                cells: vec![age(), "True".into()],
                manifest,
            }
        })
        .collect()
}

/// A header or query-parameter match as `kubectl get -o yaml` shows it.
fn value_match(name: &str, v: &ValueMatch) -> Value {
    match v {
        ValueMatch::Exact(value) => json!({"name": name, "value": value}),
        ValueMatch::Regex(_) => {
            json!({"name": name, "type": "RegularExpression", "value": v.written()})
        }
    }
}
