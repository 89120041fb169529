//! The pods as the API server would list them: the scenario's pods with what the mesh's
//! admission webhook injected into them (containers, labels, annotations), as the faults left
//! them, plus the control-plane and node-agent pods of the meshes the cluster runs (istiod,
//! ztunnel, linkerd-identity, cilium, …), whose state is where most faults first show.
//!
//! What injection adds follows the meshes' injectors at the versions meshlab simulates
//! ([`ISTIO_VERSION`], [`LINKERD_VERSION`]): Istio 1.26 adds the `istio-init` init container
//! and an `istio-proxy` container (a native sidecar, an init container with `restartPolicy:
//! Always`, when the pod asks with `sidecar.istio.io/nativeSidecar: "true"`; the default from
//! Istio 1.27); Linkerd adds `linkerd-init` and `linkerd-proxy` as the first container (native
//! with `config.alpha.linkerd.io/proxy-enable-native-sidecar: "true"`).

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use super::clock;
use crate::sim::model::labels::Labels;
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, ContainerPort, PodId, ProbeKind};
use crate::sim::scenario::event::Agent;
use crate::sim::scenario::fault::Fault;
use crate::sim::scenario::faulty::Faulty;

pub const KUBERNETES_VERSION: &str = "v1.33.1";
pub const ISTIO_VERSION: &str = "1.26.2";
pub const LINKERD_VERSION: &str = "edge-25.4.4";
pub const CILIUM_VERSION: &str = "1.17.4";

const ISTIO_PROXY_IMAGE: &str = "docker.io/istio/proxyv2:1.26.2";
const LINKERD_PROXY_IMAGE: &str = "cr.l5d.io/linkerd/proxy:edge-25.4.4";
const LINKERD_INIT_IMAGE: &str = "cr.l5d.io/linkerd/proxy-init:v2.4.2";

/// The namespaces the meshes' own components run in.
pub const ISTIO_NS: &str = "istio-system";
pub const LINKERD_NS: &str = "linkerd";
pub const LINKERD_VIZ_NS: &str = "linkerd-viz";
pub const CILIUM_NS: &str = "kube-system";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Running,
    /// The container keeps crashing (`CrashLoopBackOff`).
    CrashLoop,
    /// An init container that ran to completion.
    Completed,
}

#[derive(Debug, Clone)]
pub struct ContainerView {
    pub name: String,
    pub image: String,
    pub ports: Vec<ContainerPort>,
    pub ready: bool,
    pub state: State,
    pub restarts: u32,
    /// An init container with `restartPolicy: Always`.
    pub native_sidecar: bool,
}

/// What a platform pod is, for the tools that talk to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    Istiod,
    Ztunnel,
    IstioCni,
    LinkerdDestination,
    LinkerdIdentity,
    LinkerdInjector,
    LinkerdViz(&'static str),
    CiliumAgent,
    CiliumEnvoy,
    CiliumOperator,
    HubbleRelay,
    /// The Envoy Istio runs for a Gateway (an ambient waypoint, or a gateway of class
    /// `istio`): the Gateway's index in the model.
    Waypoint(usize),
}

#[derive(Debug, Clone)]
pub struct PodView {
    pub ns: String,
    pub name: String,
    pub labels: Labels,
    pub annotations: Labels,
    pub node: String,
    pub ip: IpAddr,
    pub host_network: bool,
    pub service_account: String,
    /// Init containers that run to completion, then native sidecars.
    pub init: Vec<ContainerView>,
    pub containers: Vec<ContainerView>,
    /// Seconds since it was created.
    pub age: i64,
    /// `(kind, name)` of the workload that owns it (`Deployment`, `DaemonSet`).
    pub workload: Option<(&'static str, String)>,
    /// The scenario's pod, or the mesh component it is.
    pub model: Option<PodId>,
    pub component: Option<Component>,
    /// The data plane that intercepts its traffic now.
    pub profile: Profile,
}

impl PodView {
    /// The containers that run (native sidecars first, as the kubelet starts them).
    pub fn running(&self) -> impl Iterator<Item = &ContainerView> {
        self.init
            .iter()
            .filter(|c| c.native_sidecar)
            .chain(&self.containers)
    }

    /// `READY` as kubectl counts it: app containers and native sidecars (kubernetes
    /// `pkg/printers/internalversion/printers.go` printPod: restartable init containers count).
    pub fn ready(&self) -> (usize, usize) {
        let all: Vec<&ContainerView> = self.running().collect();
        (all.iter().filter(|c| c.ready).count(), all.len())
    }

    pub fn is_ready(&self) -> bool {
        let (r, t) = self.ready();
        r == t
    }

    /// `STATUS` as kubectl prints it: a waiting container's reason wins over `Running`.
    pub fn status(&self) -> &'static str {
        if self.running().any(|c| c.state == State::CrashLoop) {
            "CrashLoopBackOff"
        } else {
            "Running"
        }
    }

    pub fn restarts(&self) -> u32 {
        self.running().map(|c| c.restarts).sum()
    }

    pub fn container(&self, name: &str) -> Option<&ContainerView> {
        self.running().find(|c| c.name == name)
    }

    /// The application's containers (not a proxy a mesh injected).
    pub fn app_containers(&self) -> impl Iterator<Item = &ContainerView> {
        self.running().filter(|c| !is_proxy(&c.name))
    }

    pub fn proxy(&self) -> Option<&ContainerView> {
        self.running().find(|c| is_proxy(&c.name))
    }

    /// `NS/NAME`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.ns, self.name)
    }
}

pub fn is_proxy(container: &str) -> bool {
    matches!(container, "istio-proxy" | "linkerd-proxy")
}

/// Every pod the cluster would list, scenario pods first (in the model's order), then the
/// meshes' own components.
pub fn all(sim: &Faulty) -> Vec<PodView> {
    let mut out: Vec<PodView> = (0..sim.cluster.pods.len())
        .filter(|i| !sim.absent.contains(i))
        .map(|i| scenario_pod(sim, i))
        .collect();
    out.extend(platform(sim));
    out
}

/// A pod a fault says was created during an outage (a rollout the broken control plane met).
fn is_new(sim: &Faulty, pod: PodId) -> bool {
    sim.faults.iter().any(|f| match f {
        Fault::IdentityIssuerDown { new_workloads, .. }
        | Fault::IssuerCertExpired { new_workloads, .. }
        | Fault::ControlPlaneDown { new_workloads, .. } => {
            new_workloads.iter().any(|w| belongs(&sim.cluster, pod, w))
        }
        Fault::WebhookDown { namespace } => sim
            .cluster
            .pods
            .get(pod)
            .is_some_and(|p| sim.cluster.ns_name(p.ns) == namespace),
        _ => false,
    })
}

/// `NS/NAME` of a Deployment (or a pod): does this pod belong to it?
pub fn belongs(cluster: &Cluster, pod: PodId, workload: &str) -> bool {
    let Some(p) = cluster.pods.get(pod) else {
        return false;
    };
    let (ns, name) = workload.split_once('/').unwrap_or(("", workload));
    cluster.ns_name(p.ns) == ns && (p.owner_name() == Some(name) || p.name == name)
}

fn scenario_pod(sim: &Faulty, i: PodId) -> PodView {
    let c = &sim.cluster;
    let pod = &c.pods[i];
    let profile = c.mesh.pod_profile.get(i).copied().unwrap_or(Profile::None);
    let ready = !sim.not_ready.contains(&i);
    // A container whose readiness probe fails is running but not ready.
    let probe_fails = |ct: &crate::sim::model::Container| {
        c.unready.contains_key(&i)
            && pod
                .probes
                .iter()
                .any(|p| p.kind == ProbeKind::Readiness && p.container == ct.name)
    };
    let mut labels = pod.labels.clone();
    let mut annotations = pod.annotations.clone();
    let app = |ct: &crate::sim::model::Container| ContainerView {
        name: ct.name.clone(),
        image: ct.image.clone(),
        // The model keeps the pod's ports together; they are shown on its first container.
        ports: Vec::new(),
        // Without a sidecar, a pod that never turned ready has an app container that is not.
        ready: (ready || matches!(profile, Profile::Linkerd | Profile::IstioSidecar))
            && !probe_fails(ct),
        state: State::Running,
        restarts: 0,
        native_sidecar: ct.native_sidecar,
    };
    let mut containers: Vec<ContainerView> = pod
        .containers
        .iter()
        .filter(|ct| !ct.native_sidecar)
        .map(app)
        .collect();
    let mut init: Vec<ContainerView> = pod
        .containers
        .iter()
        .filter(|ct| ct.native_sidecar)
        .map(app)
        .collect();
    if let Some(first) = containers.first_mut() {
        first.ports = pod.ports.clone();
    }
    let proxy = |name: &str, image: &str, native: bool| ContainerView {
        name: name.to_owned(),
        image: image.to_owned(),
        ports: Vec::new(),
        ready,
        state: State::Running,
        restarts: 0,
        native_sidecar: native,
    };
    let completed = |name: &str, image: &str| ContainerView {
        name: name.to_owned(),
        image: image.to_owned(),
        ports: Vec::new(),
        ready: false,
        state: State::Completed,
        restarts: 0,
        native_sidecar: false,
    };
    let workload_name = pod.owner_name().unwrap_or(&pod.name).to_owned();
    match profile {
        Profile::IstioSidecar => {
            let native = pod
                .annotations
                .get("sidecar.istio.io/nativeSidecar")
                .is_some_and(|v| v == "true");
            init.insert(0, completed("istio-init", ISTIO_PROXY_IMAGE));
            if native {
                init.push(proxy("istio-proxy", ISTIO_PROXY_IMAGE, true));
            } else {
                containers.push(proxy("istio-proxy", ISTIO_PROXY_IMAGE, false));
            }
            labels.insert("security.istio.io/tlsMode".into(), "istio".into());
            let canonical = pod.labels.get("app").cloned().unwrap_or(workload_name);
            labels.insert("service.istio.io/canonical-name".into(), canonical);
            annotations.insert(
                "sidecar.istio.io/status".into(),
                format!(
                    "{{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],\"revision\":\"default\",\"version\":\"{ISTIO_VERSION}\"}}"
                ),
            );
        }
        Profile::Linkerd => {
            let native = pod
                .annotations
                .get("config.alpha.linkerd.io/proxy-enable-native-sidecar")
                .is_some_and(|v| v == "true");
            init.insert(0, completed("linkerd-init", LINKERD_INIT_IMAGE));
            if native {
                init.push(proxy("linkerd-proxy", LINKERD_PROXY_IMAGE, true));
            } else {
                containers.insert(0, proxy("linkerd-proxy", LINKERD_PROXY_IMAGE, false));
            }
            labels.insert("linkerd.io/control-plane-ns".into(), LINKERD_NS.into());
            labels.insert("linkerd.io/proxy-deployment".into(), workload_name);
            labels.insert(
                "linkerd.io/workload-ns".into(),
                c.ns_name(pod.ns).to_owned(),
            );
            annotations.insert("linkerd.io/proxy-version".into(), LINKERD_VERSION.into());
            annotations.insert("linkerd.io/identity-mode".into(), "default".into());
        }
        Profile::IstioAmbient => {
            annotations.insert("ambient.istio.io/redirection".into(), "enabled".into());
        }
        Profile::Cilium | Profile::None => {}
    }
    let node = c.nodes.get(pod.node);
    PodView {
        ns: c.ns_name(pod.ns).to_owned(),
        name: pod.name.clone(),
        labels,
        annotations,
        node: node.map_or_else(String::new, |n| n.name.clone()),
        host_network: node.is_some_and(|n| n.ip == pod.ip),
        ip: pod.ip,
        service_account: pod.service_account.clone(),
        init,
        containers,
        age: match &sim.moment {
            // On a timeline: since its (last) creation, as of the drill's moment.
            Some(m) => m
                .created
                .get(i)
                .map_or(clock::CLUSTER_AGE, |c| m.at.0 - c.0),
            None if is_new(sim, i) => clock::NEW_POD_AGE,
            None => clock::CLUSTER_AGE,
        },
        workload: pod
            .owner
            .as_ref()
            .map(|o| (o.kind.as_str(), o.name.clone())),
        model: Some(i),
        component: None,
        profile,
    }
}

/// A component's pod is down (crash-looping) because of a fault.
fn down(sim: &Faulty, component: Component, node: &str) -> Option<u32> {
    // Restarts of a crash-looping container: the kubelet's back-off caps at five minutes, so
    // about twelve an hour once it has settled.
    let restarts = |hours: u32| hours.saturating_mul(12).max(3);
    // On a timeline: the control plane stopped at a moment before the drill's.
    if let Some(m) = &sim.moment
        && let Some(since) = m.control_plane_down_since
        && matches!(
            component,
            Component::Istiod
                | Component::LinkerdDestination
                | Component::LinkerdIdentity
                | Component::LinkerdInjector
        )
    {
        let hours = ((m.at.0 - since.0) / 3600).max(0) as u32;
        return Some(restarts(hours));
    }
    if let Some(m) = &sim.moment
        && m.agents_down.iter().any(|(n, agent)| {
            n == node
                && matches!(
                    (agent, component),
                    (Agent::IstioCni, Component::IstioCni)
                        | (Agent::Ztunnel, Component::Ztunnel)
                        | (Agent::CiliumAgent, Component::CiliumAgent)
                )
        })
    {
        return Some(restarts(1));
    }
    sim.faults.iter().find_map(|f| match (f, component) {
        (Fault::ControlPlaneDown { hours, .. }, Component::Istiod)
            if installed(sim, Mesh::Istio) =>
        {
            Some(restarts(*hours))
        }
        (Fault::IdentityIssuerDown { hours, .. }, Component::Istiod)
            if installed(sim, Mesh::Istio) =>
        {
            Some(restarts(*hours))
        }
        (
            Fault::ControlPlaneDown { hours, .. },
            Component::LinkerdDestination | Component::LinkerdIdentity | Component::LinkerdInjector,
        ) => Some(restarts(*hours)),
        (Fault::IdentityIssuerDown { hours, .. }, Component::LinkerdIdentity) => {
            Some(restarts(*hours))
        }
        (Fault::NodeAgentDown { node: n, agent }, Component::Ztunnel | Component::CiliumAgent)
            if n == node
                && agent.is_none_or(|a| {
                    (a == Agent::Ztunnel) == matches!(component, Component::Ztunnel)
                }) =>
        {
            Some(restarts(1))
        }
        _ => None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mesh {
    Istio,
    Ambient,
    Linkerd,
    Cilium,
}

/// The mesh (or CNI) runs in the cluster: the scenario enrolled pods in it before anything
/// broke, or (Cilium) it is the CNI.
pub fn installed(sim: &Faulty, mesh: Mesh) -> bool {
    let has = |p: Profile| sim.installed.contains(&p);
    match mesh {
        Mesh::Istio => has(Profile::IstioSidecar) || has(Profile::IstioAmbient),
        Mesh::Ambient => has(Profile::IstioAmbient),
        Mesh::Linkerd => has(Profile::Linkerd),
        Mesh::Cilium => has(Profile::Cilium) || sim.cluster.mesh.cilium_cni,
    }
}

/// Kubernetes' random name suffix alphabet (apimachinery `util/rand`), fed by a hash so the
/// same node always gets the same DaemonSet pod name.
pub fn suffix(seed: &str, len: usize) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::with_capacity(len);
    for b in seed.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    for _ in 0..len {
        out.push(char::from(ALPHABET[(h % ALPHABET.len() as u64) as usize]));
        h = h.wrapping_mul(0x0100_0000_01b3).rotate_left(17) ^ 0x9e37;
    }
    out
}

struct Spec {
    ns: &'static str,
    workload: &'static str,
    kind: &'static str,
    component: Component,
    containers: &'static [(&'static str, &'static str)],
    /// Runs with the node's network (its address is the node's).
    host_network: bool,
    meshed: bool,
}

fn specs(sim: &Faulty) -> Vec<Spec> {
    let mut out = Vec::new();
    if installed(sim, Mesh::Istio) {
        out.push(Spec {
            ns: ISTIO_NS,
            workload: "istiod",
            kind: "Deployment",
            component: Component::Istiod,
            containers: &[("discovery", "docker.io/istio/pilot:1.26.2")],
            host_network: false,
            meshed: false,
        });
    }
    if installed(sim, Mesh::Ambient) {
        out.push(Spec {
            ns: ISTIO_NS,
            workload: "istio-cni-node",
            kind: "DaemonSet",
            component: Component::IstioCni,
            containers: &[("install-cni", "docker.io/istio/install-cni:1.26.2")],
            host_network: true,
            meshed: false,
        });
        out.push(Spec {
            ns: ISTIO_NS,
            workload: "ztunnel",
            kind: "DaemonSet",
            component: Component::Ztunnel,
            containers: &[("istio-proxy", "docker.io/istio/ztunnel:1.26.2")],
            host_network: false,
            meshed: false,
        });
    }
    if installed(sim, Mesh::Linkerd) {
        for (workload, component, containers) in [
            (
                "linkerd-destination",
                Component::LinkerdDestination,
                &[
                    ("destination", "cr.l5d.io/linkerd/controller:edge-25.4.4"),
                    ("sp-validator", "cr.l5d.io/linkerd/controller:edge-25.4.4"),
                    ("policy", "cr.l5d.io/linkerd/policy-controller:edge-25.4.4"),
                ][..],
            ),
            (
                "linkerd-identity",
                Component::LinkerdIdentity,
                &[("identity", "cr.l5d.io/linkerd/controller:edge-25.4.4")][..],
            ),
            (
                "linkerd-proxy-injector",
                Component::LinkerdInjector,
                &[("proxy-injector", "cr.l5d.io/linkerd/controller:edge-25.4.4")][..],
            ),
        ] {
            out.push(Spec {
                ns: LINKERD_NS,
                workload,
                kind: "Deployment",
                component,
                containers,
                host_network: false,
                meshed: true,
            });
        }
        const VIZ: [(&str, &[(&str, &str)]); 5] = [
            (
                "metrics-api",
                &[("metrics-api", "cr.l5d.io/linkerd/metrics-api:edge-25.4.4")],
            ),
            (
                "prometheus",
                &[("prometheus", "docker.io/prom/prometheus:v2.55.1")],
            ),
            ("tap", &[("tap", "cr.l5d.io/linkerd/tap:edge-25.4.4")]),
            (
                "tap-injector",
                &[("tap-injector", "cr.l5d.io/linkerd/tap:edge-25.4.4")],
            ),
            ("web", &[("web", "cr.l5d.io/linkerd/web:edge-25.4.4")]),
        ];
        for (workload, containers) in VIZ {
            out.push(Spec {
                ns: LINKERD_VIZ_NS,
                workload,
                kind: "Deployment",
                component: Component::LinkerdViz(workload),
                containers,
                host_network: false,
                meshed: true,
            });
        }
    }
    if installed(sim, Mesh::Cilium) {
        out.push(Spec {
            ns: CILIUM_NS,
            workload: "cilium",
            kind: "DaemonSet",
            component: Component::CiliumAgent,
            containers: &[("cilium-agent", "quay.io/cilium/cilium:v1.17.4")],
            host_network: true,
            meshed: false,
        });
        out.push(Spec {
            ns: CILIUM_NS,
            workload: "cilium-envoy",
            kind: "DaemonSet",
            component: Component::CiliumEnvoy,
            containers: &[("cilium-envoy", "quay.io/cilium/cilium-envoy:v1.32.6")],
            host_network: true,
            meshed: false,
        });
        out.push(Spec {
            ns: CILIUM_NS,
            workload: "cilium-operator",
            kind: "Deployment",
            component: Component::CiliumOperator,
            containers: &[("cilium-operator", "quay.io/cilium/operator-generic:v1.17.4")],
            host_network: true,
            meshed: false,
        });
        out.push(Spec {
            ns: CILIUM_NS,
            workload: "hubble-relay",
            kind: "Deployment",
            component: Component::HubbleRelay,
            containers: &[("hubble-relay", "quay.io/cilium/hubble-relay:v1.17.4")],
            host_network: false,
            meshed: false,
        });
    }
    out
}

/// The meshes' own pods: a Deployment's one replica on the first node, a DaemonSet's pod on
/// every node. Their addresses are taken from the bottom of each node's pod range, below the
/// addresses the loader gives the scenario's pods.
fn platform(sim: &Faulty) -> Vec<PodView> {
    let c = &sim.cluster;
    let mut next_ip: BTreeMap<usize, u8> = BTreeMap::new();
    let mut out = Vec::new();
    for spec in specs(sim) {
        let nodes: Vec<usize> = if spec.kind == "DaemonSet" {
            (0..c.nodes.len()).collect()
        } else {
            vec![0]
        };
        for node in nodes {
            let node_name = c.nodes.get(node).map_or("node-1", |n| n.name.as_str());
            let ip = if spec.host_network {
                c.nodes
                    .get(node)
                    .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |n| n.ip)
            } else {
                let host = next_ip.entry(node).or_insert(2);
                let third = u8::try_from(node + 1).unwrap_or(255);
                loop {
                    let ip = IpAddr::V4(Ipv4Addr::new(10, 244, third, *host));
                    *host = host.saturating_add(1);
                    if c.pod_by_ip(ip).is_none() || *host == u8::MAX {
                        break ip;
                    }
                }
            };
            let name = if spec.kind == "DaemonSet" {
                format!(
                    "{}-{}",
                    spec.workload,
                    suffix(&format!("{}/{node_name}", spec.workload), 5)
                )
            } else {
                format!(
                    "{}-{}-{}",
                    spec.workload,
                    suffix(spec.workload, 10),
                    suffix(&format!("{}/{node_name}", spec.workload), 5)
                )
            };
            let crash = down(sim, spec.component, node_name);
            let mut containers: Vec<ContainerView> = spec
                .containers
                .iter()
                .enumerate()
                .map(|(i, (n, image))| ContainerView {
                    name: (*n).to_owned(),
                    image: (*image).to_owned(),
                    ports: Vec::new(),
                    ready: crash.is_none(),
                    state: if crash.is_some() && i == 0 {
                        State::CrashLoop
                    } else {
                        State::Running
                    },
                    restarts: if i == 0 { crash.unwrap_or(0) } else { 0 },
                    native_sidecar: false,
                })
                .collect();
            let mut init = Vec::new();
            if spec.meshed {
                // Linkerd's control plane runs meshed, its proxy a native sidecar there.
                init.push(ContainerView {
                    name: "linkerd-proxy".into(),
                    image: LINKERD_PROXY_IMAGE.into(),
                    ports: Vec::new(),
                    ready: true,
                    state: State::Running,
                    restarts: 0,
                    native_sidecar: true,
                });
            }
            if crash.is_some() {
                for c in containers.iter_mut().skip(1) {
                    c.ready = true;
                }
            }
            let mut labels = Labels::new();
            let app_label = match spec.component {
                Component::Istiod => ("app", "istiod"),
                Component::Ztunnel => ("app", "ztunnel"),
                Component::IstioCni => ("k8s-app", "istio-cni-node"),
                Component::CiliumAgent => ("k8s-app", "cilium"),
                Component::CiliumEnvoy => ("k8s-app", "cilium-envoy"),
                Component::CiliumOperator => ("name", "cilium-operator"),
                Component::HubbleRelay => ("k8s-app", "hubble-relay"),
                Component::LinkerdViz(w) => ("component", w),
                _ => (
                    "linkerd.io/control-plane-component",
                    spec.workload.trim_start_matches("linkerd-"),
                ),
            };
            labels.insert(app_label.0.into(), app_label.1.into());
            out.push(PodView {
                ns: spec.ns.to_owned(),
                name,
                labels,
                annotations: Labels::new(),
                node: node_name.to_owned(),
                ip,
                host_network: spec.host_network,
                service_account: spec.workload.to_owned(),
                init,
                containers: std::mem::take(&mut containers),
                age: clock::CLUSTER_AGE + 3600,
                workload: Some((spec.kind, spec.workload.to_owned())),
                model: None,
                component: Some(spec.component),
                profile: Profile::None,
            });
        }
    }
    if installed(sim, Mesh::Istio) {
        out.extend(gateway_pods(sim));
    }
    out
}

/// The Deployments Istio creates for its Gateways: a waypoint is named after its Gateway,
/// any other `istio` Gateway gets `NAME-istio`; one replica each, running `istio-proxy`.
fn gateway_pods(sim: &Faulty) -> Vec<PodView> {
    let c = &sim.cluster;
    c.gateways
        .iter()
        .enumerate()
        .filter(|(_, g)| g.class == "istio-waypoint" || g.class == "istio")
        .map(|(i, g)| {
            let workload = if g.class == "istio-waypoint" {
                g.name.clone()
            } else {
                format!("{}-istio", g.name)
            };
            let mut labels = Labels::new();
            labels.insert(
                "gateway.networking.k8s.io/gateway-name".into(),
                g.name.clone(),
            );
            let ns = c.ns_name(g.ns).to_owned();
            PodView {
                name: format!(
                    "{workload}-{}-{}",
                    suffix(&format!("{ns}/{workload}"), 10),
                    suffix(&workload, 5)
                ),
                ns,
                labels,
                annotations: Labels::new(),
                node: c
                    .nodes
                    .first()
                    .map_or_else(|| "node-1".into(), |n| n.name.clone()),
                ip: g.proxy_ip,
                host_network: false,
                service_account: workload.clone(),
                init: Vec::new(),
                containers: vec![ContainerView {
                    name: "istio-proxy".into(),
                    image: ISTIO_PROXY_IMAGE.into(),
                    ports: Vec::new(),
                    ready: true,
                    state: State::Running,
                    restarts: 0,
                    native_sidecar: false,
                }],
                age: clock::CLUSTER_AGE,
                workload: Some(("Deployment", workload)),
                model: None,
                component: Some(Component::Waypoint(i)),
                profile: Profile::None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::suffix;

    #[test]
    fn suffixes_are_stable_and_use_kubernetes_letters() {
        assert_eq!(suffix("node-1", 5), suffix("node-1", 5));
        assert_ne!(suffix("node-1", 5), suffix("node-2", 5));
        assert!(
            suffix("x", 10)
                .chars()
                .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c))
        );
    }
}
