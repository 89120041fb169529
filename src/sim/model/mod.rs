//! The resolved cluster model: every reference checked, every object with its source position.
//! Built once by [`crate::sim::load`]; evaluation only reads it. Nothing here knows YAML or
//! requests: `model` imports nothing from the rest of `sim`.

pub mod cilium;
pub mod diag;
pub mod gateway_api;
pub mod istio;
pub mod istio_traffic;
pub mod labels;
pub mod linkerd;
pub mod mesh;
pub mod net;
pub mod netpol;

pub use self::diag::{Origin, Rejected, Warn, Warning};
pub use self::gateway_api::*;
pub use self::netpol::*;

use std::collections::BTreeMap;
use std::net::IpAddr;

use self::labels::Labels;
use self::mesh::MeshModel;
use self::net::Protocol;

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

/// A container of a pod, by name; a native sidecar is an init container that keeps running
/// beside the app (`restartPolicy: Always`, KEP-753), as Istio 1.27+ and Linkerd inject
/// their proxies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub name: String,
    /// Changes no answer; the simulated `kubectl` shows it.
    pub image: String,
    pub native_sidecar: bool,
}

/// The controller kind that made a pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WorkloadKind {
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
}

impl WorkloadKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::ReplicaSet => "ReplicaSet",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::Job => "Job",
            WorkloadKind::CronJob => "CronJob",
        }
    }
}

/// The workload that made a pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub kind: WorkloadKind,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeKind {
    Readiness,
    Liveness,
    Startup,
}

/// What the kubelet sends to check a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeAction {
    Http { port: TargetPort, path: String },
    Tcp { port: TargetPort },
    Grpc { port: u16 },
}

/// A pod whose readiness probe fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unready {
    /// What the probe met, in the simulator's words (which hop decided).
    pub why: String,
    /// What the kubelet reports (`Readiness probe failed: …` in the pod's events).
    pub kubelet: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodProbe {
    pub container: String,
    pub kind: ProbeKind,
    pub action: ProbeAction,
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
    /// Native sidecars first, then the app containers, as written (before any injection).
    pub containers: Vec<Container>,
    pub probes: Vec<PodProbe>,
    /// `HOSTNAME.SUBDOMAIN.NS.svc.cluster.local` resolves to this pod when both are set and a
    /// headless Service named SUBDOMAIN exists (StatefulSets set both).
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    /// The workload that generated this pod, if any.
    pub owner: Option<Owner>,
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

    /// The name of the workload that made this pod.
    pub fn owner_name(&self) -> Option<&str> {
        self.owner.as_ref().map(|o| o.name.as_str())
    }

    /// The port a kubelet probe of this pod connects to (named ports resolve on the pod).
    pub fn probe_port(&self, action: &ProbeAction) -> Option<u16> {
        let target = match action {
            ProbeAction::Http { port, .. } | ProbeAction::Tcp { port } => port,
            ProbeAction::Grpc { port } => return Some(*port),
        };
        match target {
            TargetPort::Number(n) => Some(*n),
            TargetPort::Name(name) => self.named_port(name, Protocol::Tcp),
        }
    }

    /// Is a request to `port` one of the kubelet's probes of this pod: a GET on an HTTP
    /// probe's exact path (`http` is the method and path), or a connection to a TCP or gRPC
    /// probe's port?
    pub fn is_kubelet_probe(&self, port: u16, http: Option<(&str, &str)>) -> bool {
        self.probes.iter().any(|probe| {
            self.probe_port(&probe.action) == Some(port)
                && match (&probe.action, http) {
                    (ProbeAction::Http { path, .. }, Some((method, p))) => {
                        method == "GET" && p == path
                    }
                    (ProbeAction::Tcp { .. }, None) => true,
                    (ProbeAction::Grpc { .. }, _) => true,
                    _ => false,
                }
        })
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

/// The Service's `type`; an ExternalName Service is a DNS alias of the name it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceKind {
    ClusterIp,
    NodePort,
    LoadBalancer,
    ExternalName(String),
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub ns: NsId,
    pub labels: Labels,
    pub kind: ServiceKind,
    /// `spec.selector` as written; the pods it picks are [`Service::endpoints`].
    pub selector: Option<Labels>,
    /// None for a headless Service (`clusterIP: None`) and an ExternalName Service.
    pub cluster_ip: Option<IpAddr>,
    pub ports: Vec<ServicePort>,
    /// Pods selected by the Service's selector, sorted by name, or named by hand-written
    /// Endpoints/EndpointSlices of a selector-less Service.
    pub endpoints: Vec<PodId>,
    /// Addresses of hand-written endpoints that are no pod: backends outside the cluster.
    pub external_endpoints: Vec<IpAddr>,
    /// `publishNotReadyAddresses`: unready pods stay endpoints (StatefulSet peer discovery).
    pub publish_not_ready: bool,
    pub origin: Origin,
}

impl ServiceKind {
    /// `spec.type` as written.
    pub fn as_str(&self) -> &'static str {
        match self {
            ServiceKind::ClusterIp => "ClusterIP",
            ServiceKind::NodePort => "NodePort",
            ServiceKind::LoadBalancer => "LoadBalancer",
            ServiceKind::ExternalName(_) => "ExternalName",
        }
    }
}

impl Service {
    /// `clusterIP: None`: the name resolves to the endpoints' own addresses.
    pub fn headless(&self) -> bool {
        self.cluster_ip.is_none() && !matches!(self.kind, ServiceKind::ExternalName(_))
    }
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
    /// Gateway API TCPRoutes, TLSRoutes and UDPRoutes.
    pub stream_routes: Vec<StreamRoute>,
    /// Gateway API BackendTLSPolicies.
    pub backend_tls: Vec<BackendTls>,
    pub mesh: MeshModel,
    pub rejected: Vec<Rejected>,
    pub warnings: Vec<Warning>,
    /// Pods whose readiness probe fails: they are no Service's endpoints.
    pub unready: BTreeMap<PodId, Unready>,
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
    /// `reason`, followed by why `svc` lost an endpoint to a failed readiness probe, if it did.
    pub fn with_unready_note(&self, svc: SvcId, reason: String) -> String {
        match self.unready_note(svc) {
            Some(note) => format!("{reason}: {note}"),
            None => reason,
        }
    }

    /// Why `svc` lost an endpoint to a failed readiness probe: the first unready pod its
    /// selector picks, as `pod NS/NAME is not ready: WHY`.
    fn unready_note(&self, svc: SvcId) -> Option<String> {
        let s = self.services.get(svc)?;
        let selector = labels::Selector::from_labels(s.selector.as_ref()?);
        self.unready.iter().find_map(|(&pod, u)| {
            let p = self.pods.get(pod)?;
            (p.ns == s.ns && selector.matches(&p.labels))
                .then(|| format!("pod {} is not ready: {}", self.pod_display(pod), u.why))
        })
    }

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
