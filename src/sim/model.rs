//! The resolved cluster model: every reference checked, every object with its source position.
//! Built once by [`crate::sim::manifest`]; evaluation only reads it.

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::labels::{Labels, Selector};
use super::mesh::MeshModel;
use super::net::{Cidr, Protocol};

/// Where an object came from: `file:line:column` of its document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: String,
    pub line: u64,
    pub column: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

pub type NsId = usize;
pub type PodId = usize;
pub type NodeId = usize;
pub type SvcId = usize;

#[derive(Debug, Clone)]
pub struct Namespace {
    pub name: String,
    /// User labels plus the implicit `kubernetes.io/metadata.name`.
    pub labels: Labels,
    pub annotations: Labels,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub name: String,
    pub ip: IpAddr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub port: u16,
    pub protocol: Protocol,
}

#[derive(Debug, Clone)]
pub struct Pod {
    pub name: String,
    pub ns: NsId,
    pub labels: Labels,
    pub annotations: Labels,
    pub node: NodeId,
    pub ip: IpAddr,
    pub service_account: String,
    pub ports: Vec<ContainerPort>,
    /// The Deployment that generated this pod, if any.
    pub owner: Option<String>,
    pub origin: Origin,
}

impl Pod {
    /// Resolve a named port on this pod (a containerPort with that name and protocol).
    pub fn named_port(&self, name: &str, protocol: Protocol) -> Option<u16> {
        self.ports
            .iter()
            .find(|p| p.protocol == protocol && p.name.as_deref() == Some(name))
            .map(|p| p.port)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetPort {
    Number(u16),
    Name(String),
}

#[derive(Debug, Clone)]
pub struct ServicePort {
    pub name: Option<String>,
    pub port: u16,
    pub protocol: Protocol,
    pub target: TargetPort,
    pub app_protocol: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub ns: NsId,
    pub labels: Labels,
    pub cluster_ip: Option<IpAddr>,
    pub ports: Vec<ServicePort>,
    /// Pods selected by the Service's selector, sorted by name (its endpoints).
    pub endpoints: Vec<PodId>,
    pub origin: Origin,
}

// ------------------------------------------------------------------ NetworkPolicy

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortSpec {
    Any,
    Number(u16),
    Range(u16, u16),
    Named(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortMatch {
    pub protocol: Protocol,
    pub port: PortSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// podSelector and/or namespaceSelector in one element (AND). `namespaces: None` = the
    /// policy's own namespace; `pods: None` = every pod of the selected namespaces.
    Pods {
        namespaces: Option<Selector>,
        pods: Option<Selector>,
    },
    IpBlock {
        cidr: Cidr,
        except: Vec<Cidr>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRule {
    /// None = every peer (omitted or empty `from`/`to`).
    pub peers: Option<Vec<Peer>>,
    /// None = every port and protocol (omitted or empty `ports`).
    pub ports: Option<Vec<PortMatch>>,
}

#[derive(Debug, Clone)]
pub struct NetworkPolicy {
    pub name: String,
    pub ns: NsId,
    pub pod_selector: Selector,
    /// Some iff Ingress is among the (defaulted) policyTypes.
    pub ingress: Option<Vec<PolicyRule>>,
    /// Some iff Egress is among the (defaulted) policyTypes.
    pub egress: Option<Vec<PolicyRule>>,
    pub origin: Origin,
}

// ------------------------------------------------------------------ Gateway API

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedFrom {
    Same,
    All,
    Selector(Selector),
}

#[derive(Debug, Clone)]
pub struct Listener {
    pub name: String,
    /// allowedRoutes.kinds admits HTTPRoute.
    pub http_routes: bool,
    pub hostname: Option<String>,
    pub port: u16,
    pub protocol: String,
    pub allowed: AllowedFrom,
}

#[derive(Debug, Clone)]
pub struct Gateway {
    pub name: String,
    pub ns: NsId,
    pub class: String,
    pub listeners: Vec<Listener>,
    /// The gateway's proxy as NetworkPolicy sees it: a workload in the Gateway's namespace
    /// labelled `gateway.networking.k8s.io/gateway-name: NAME` (as Istio and Envoy Gateway
    /// label their deployments), with a deterministic address.
    pub proxy_labels: Labels,
    pub proxy_ip: IpAddr,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathKind {
    Exact,
    Prefix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatch {
    pub kind: PathKind,
    /// As written; a PathPrefix trailing `/` is ignored when matching.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch {
    pub path: PathMatch,
    pub method: Option<String>,
    /// Lower-cased names; only the first entry of each name is kept (HTTPHeaderMatch.Name).
    pub headers: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendTarget {
    /// `granted`: same namespace or allowed by a ReferenceGrant (needed in Gateway mode only;
    /// GAMMA mesh routes need none).
    Service {
        svc: SvcId,
        port: u16,
        granted: bool,
    },
    /// Kept with its weight; its share is answered 500 (HTTPRouteRule.BackendRefs).
    Invalid { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub target: BackendTarget,
    pub weight: u32,
    /// `NS/NAME` as written, for traces.
    pub display: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderEdits {
    pub set: Vec<(String, String)>,
    pub add: Vec<(String, String)>,
    pub remove: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RouteRule {
    pub matches: Vec<RouteMatch>,
    /// None/empty = no backendRefs: a matched request is answered 500.
    pub backends: Vec<Backend>,
    pub request_headers: HeaderEdits,
    pub response_headers: HeaderEdits,
    /// timeouts.request in ms; None or 0s = no timeout.
    pub request_timeout_ms: Option<u64>,
    /// timeouts.backendRequest in ms (one try to a backend); None or 0s = none.
    pub backend_timeout_ms: Option<u64>,
    /// Linkerd `retry.linkerd.io/limit` etc., as retries (extra tries).
    pub retries: Option<RetryPolicy>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra tries after the first one.
    pub retries: u32,
    /// Retry on 5xx answers (Linkerd `retry.linkerd.io/http: 5xx`, Istio `retryOn: 5xx`).
    pub on_5xx: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParentKind {
    Gateway,
    Service,
    /// Linkerd `Server` (policy.linkerd.io).
    Server,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentRef {
    pub kind: ParentKind,
    pub ns: String,
    pub name: String,
    pub section: Option<String>,
    pub port: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct HttpRoute {
    pub name: String,
    pub ns: NsId,
    pub creation: Option<String>,
    pub parents: Vec<ParentRef>,
    pub hostnames: Vec<String>,
    pub rules: Vec<RouteRule>,
    pub origin: Origin,
}

/// An object the API server would refuse: listed, never enforced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub kind: String,
    pub object: String,
    pub reason: String,
}

/// `NS/NAME` of an object, written as it is formatted; nothing for an unknown object.
#[derive(Debug, Clone, Copy)]
pub struct NsName<'a>(Option<(&'a str, &'a str)>);

impl std::fmt::Display for NsName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some((ns, name)) => {
                f.write_str(ns)?;
                f.write_str("/")?;
                f.write_str(name)
            }
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub namespaces: Vec<Namespace>,
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
    pub services: Vec<Service>,
    pub network_policies: Vec<NetworkPolicy>,
    pub gateways: Vec<Gateway>,
    pub routes: Vec<HttpRoute>,
    pub mesh: MeshModel,
    pub rejected: Vec<Rejected>,
    pub warnings: Vec<String>,
    pub(crate) pod_by_ip: BTreeMap<IpAddr, PodId>,
}

impl Cluster {
    pub fn namespace(&self, name: &str) -> Option<NsId> {
        self.namespaces.iter().position(|n| n.name == name)
    }

    pub fn pod(&self, ns: &str, name: &str) -> Option<PodId> {
        let ns = self.namespace(ns)?;
        self.pods.iter().position(|p| p.ns == ns && p.name == name)
    }

    pub fn service(&self, ns: &str, name: &str) -> Option<SvcId> {
        let ns = self.namespace(ns)?;
        self.services
            .iter()
            .position(|s| s.ns == ns && s.name == name)
    }

    pub fn gateway(&self, ns: &str, name: &str) -> Option<usize> {
        let ns = self.namespace(ns)?;
        self.gateways
            .iter()
            .position(|g| g.ns == ns && g.name == name)
    }

    pub fn node(&self, name: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.name == name)
    }

    pub fn pod_by_ip(&self, ip: IpAddr) -> Option<PodId> {
        self.pod_by_ip.get(&ip).copied()
    }

    pub fn service_by_ip(&self, ip: IpAddr) -> Option<SvcId> {
        self.services.iter().position(|s| s.cluster_ip == Some(ip))
    }

    pub fn node_by_ip(&self, ip: IpAddr) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.ip == ip)
    }

    /// `NS/NAME` of a pod, to write into a format string without building a String for it
    /// first (the trace formats many of these per request).
    pub fn pod_display(&self, pod: PodId) -> NsName<'_> {
        NsName(
            self.pods
                .get(pod)
                .map(|p| (self.ns_name(p.ns), p.name.as_str())),
        )
    }

    /// `NS/NAME` of a Service, like [`Cluster::pod_display`].
    pub fn svc_display(&self, svc: SvcId) -> NsName<'_> {
        NsName(
            self.services
                .get(svc)
                .map(|s| (self.ns_name(s.ns), s.name.as_str())),
        )
    }

    /// `NS/NAME` of a pod.
    pub fn pod_ref(&self, pod: PodId) -> String {
        self.pods.get(pod).map_or_else(String::new, |p| {
            format!("{}/{}", self.ns_name(p.ns), p.name)
        })
    }

    pub fn svc_ref(&self, svc: SvcId) -> String {
        self.services.get(svc).map_or_else(String::new, |s| {
            format!("{}/{}", self.ns_name(s.ns), s.name)
        })
    }

    pub fn ns_name(&self, ns: NsId) -> &str {
        self.namespaces.get(ns).map_or("", |n| n.name.as_str())
    }
}
