//! `meshlab sim cost`: the CPU and memory a mesh design's data plane uses for a cluster's
//! traffic, from published figures (the data file `assets/cost/figures.toml`; its sources are
//! the caller's to show).
//!
//! Two parts, as the published figures are stated:
//! - **CPU follows the load.** Each stream of traffic is sent once through the simulator, and
//!   every data-plane component on its path (the trace's hops: sidecar proxies, ztunnels, a
//!   waypoint, Cilium's node Envoy when an L7 rule sends the request there) is charged its
//!   figure's vCPU per 1,000 requests per second, for the stream's rate. A proxy that appears
//!   twice on one path (its hop and its route decision) is charged once. A node agent adds its
//!   fixed vCPU whatever the load.
//! - **Memory follows the instances.** "The memory consumption of the proxy depends on the total
//!   configuration state the proxy holds" (istio.io, performance-and-scalability), not on the
//!   request rate: every proxy a meshed pod carries, every node agent and every waypoint counts
//!   its figure once, whether traffic crosses it or not.
//!
//! A model, not a measurement: the figures were measured on other clusters and loads, and the
//! first request of a stream stands for all of its requests (a stream spread over replicas on
//! several nodes is charged to the first one's nodes; the totals do not change).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::sim::eval::outcome::{Hop, Leg, ProxyKind};
use crate::sim::eval::probe::{Probe, ProbeError};
use crate::sim::load::{self, LoadOptions, Source};
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, ServiceKind};
use crate::sim::scenario::fault::Fault;
use crate::sim::scenario::faulty::{Faulty, served, served_by};
use crate::sim::scenario::{Traffic, run};

/// How many instances of a component a cluster runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// One per meshed pod (a sidecar).
    Proxy,
    /// One per node (a DaemonSet).
    Node,
    /// One per waypoint Gateway.
    Waypoint,
}

/// A published figure, as the cost model uses it (its source and note live beside it in the
/// data file).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub id: String,
    pub per: Per,
    /// vCPU for each 1,000 requests per second the component handles.
    pub vcpu_per_1000_rps: f64,
    /// vCPU the component uses whatever the load.
    pub vcpu_fixed: f64,
    /// Memory of one instance, in MB.
    pub memory_mb: f64,
}

/// The data-plane components the model charges, each by the figure of the same id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    EnvoySidecar,
    Linkerd2Proxy,
    Ztunnel,
    Waypoint,
    CiliumAgent,
    CiliumEnvoy,
}

impl Component {
    pub const ALL: [Component; 6] = [
        Component::EnvoySidecar,
        Component::Linkerd2Proxy,
        Component::Ztunnel,
        Component::Waypoint,
        Component::CiliumAgent,
        Component::CiliumEnvoy,
    ];

    /// The id of the figure this component is charged by.
    pub fn figure_id(self) -> &'static str {
        match self {
            Component::EnvoySidecar => "envoy-sidecar",
            Component::Linkerd2Proxy => "linkerd2-proxy",
            Component::Ztunnel => "ztunnel",
            Component::Waypoint => "waypoint",
            Component::CiliumAgent => "cilium-agent",
            Component::CiliumEnvoy => "cilium-envoy",
        }
    }

    /// The component a trace hop is, the instance it is (the proxy's pod `NS/POD`, the node
    /// of a node proxy, the waypoint `NS/NAME`) and the leg it handles (`outbound`, `inbound`,
    /// or none): a ztunnel handles a request twice when both ends are on its node, once per
    /// leg, as two sidecars would. Read from the hop's proxy data, never from its words; hops
    /// that only name a kind of proxy (a route decision's owner, "waypoint") carry none and are
    /// not charged: the same proxy's own hop is.
    fn of_hop(hop: &Hop) -> Option<(Component, String, &'static str)> {
        let proxy = hop.proxy.as_ref()?;
        let component = match proxy.kind {
            ProxyKind::IstioSidecar => Component::EnvoySidecar,
            ProxyKind::LinkerdProxy => Component::Linkerd2Proxy,
            ProxyKind::Ztunnel => Component::Ztunnel,
            ProxyKind::Waypoint => Component::Waypoint,
            ProxyKind::CiliumEnvoy => Component::CiliumEnvoy,
        };
        let leg = match proxy.leg {
            Some(Leg::Outbound) => "outbound",
            Some(Leg::Inbound) => "inbound",
            None => "",
        };
        Some((component, proxy.instance.clone(), leg))
    }
}

/// The figures by id; every component needs one.
#[derive(Clone, Debug)]
pub struct Figures(BTreeMap<String, Figure>);

impl Figures {
    /// The figures, checked: each component's figure is there, with the instance count its
    /// component has, and no figure is negative.
    pub fn new(figures: Vec<Figure>) -> Result<Figures, String> {
        let map: BTreeMap<String, Figure> =
            figures.into_iter().map(|f| (f.id.clone(), f)).collect();
        for c in Component::ALL {
            let f = map
                .get(c.figure_id())
                .ok_or_else(|| format!("no figure `{}`", c.figure_id()))?;
            let per = match c {
                Component::EnvoySidecar | Component::Linkerd2Proxy => Per::Proxy,
                Component::Ztunnel | Component::CiliumAgent | Component::CiliumEnvoy => Per::Node,
                Component::Waypoint => Per::Waypoint,
            };
            if f.per != per {
                return Err(format!("figure `{}`: one {:?} is one per {per:?}", f.id, c));
            }
            if [f.vcpu_per_1000_rps, f.vcpu_fixed, f.memory_mb]
                .iter()
                .any(|v| !v.is_finite() || *v < 0.0)
            {
                return Err(format!(
                    "figure `{}`: a negative or non-finite number",
                    f.id
                ));
            }
        }
        Ok(Figures(map))
    }

    pub fn get(&self, c: Component) -> &Figure {
        // `new` checked that every component has its figure.
        &self.0[c.figure_id()]
    }
}

/// One running instance of a component and what it costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instance {
    pub component: Component,
    /// `NS/POD` of a sidecar, the node of a node agent, `NS/NAME` of a waypoint.
    pub name: String,
    /// `NS/NAME` of the workload a sidecar serves (its Deployment, or the pod itself).
    pub workload: Option<String>,
    /// The node it runs on (a waypoint's node is not modeled).
    pub node: Option<String>,
    /// Requests per second it handles.
    pub rps: f64,
    pub vcpu: f64,
    pub memory_mb: f64,
}

/// What one stream of traffic crossed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StreamCost {
    pub from: String,
    pub to: String,
    pub rps: f64,
    /// An application answered (a stream a policy stops still costs what it crossed).
    pub answered: bool,
    /// The namespace and mesh profile of the pod that answered.
    pub destination_namespace: Option<String>,
    pub destination_mesh: Option<String>,
    /// The instances charged for it, as `component NAME`.
    pub charged: Vec<String>,
}

/// A total per workload or per node.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Total {
    pub name: String,
    pub vcpu: f64,
    pub memory_mb: f64,
}

/// One mesh design's cost for the traffic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DesignCost {
    /// The profile for namespaces whose labels enroll them in nothing; none = as written.
    pub mesh: Option<String>,
    pub rps: f64,
    pub streams: Vec<StreamCost>,
    pub instances: Vec<Instance>,
    /// Sidecars (and waypoints) summed per workload they serve.
    pub per_workload: Vec<Total>,
    /// Everything placed on a node, summed per node.
    pub per_node: Vec<Total>,
    pub vcpu: f64,
    pub memory_mb: f64,
}

/// What a change to the design would add.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Istio ambient: a waypoint for every namespace that receives ambient traffic without one,
    /// so every such request also crosses a waypoint (L7 policy and routing).
    WaypointPerNamespace,
    /// Cilium: an L7 rule on every destination, so every request also crosses the node's
    /// Envoy.
    CiliumL7Everywhere,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIf {
    pub change: Change,
    /// The namespaces that would get a waypoint, for [`Change::WaypointPerNamespace`].
    pub added: Vec<String>,
    /// Requests per second that would newly cross the L7 proxy.
    pub rps: f64,
    pub vcpu: f64,
    pub memory_mb: f64,
}

/// The streams of a cluster given as bare manifests: every Service with a port and endpoints
/// receives `rps` from a client outside the cluster (TEST-NET-3, RFC 5737), so only the
/// serving side's data plane is charged.
pub fn inbound_streams(cluster: &Cluster, rps: u32) -> Vec<Traffic> {
    cluster
        .services
        .iter()
        .filter(|s| !matches!(s.kind, ServiceKind::ExternalName(_)) && !s.endpoints.is_empty())
        .filter_map(|s| {
            let port = s.ports.first()?;
            Some(Traffic {
                from: "203.0.113.10".to_owned(),
                to: format!("svc:{}/{}", cluster.ns_name(s.ns), s.name),
                port: Some(port.port),
                method: Some("GET".to_owned()),
                path: Some("/".to_owned()),
                headers: BTreeMap::new(),
                rps,
                delay_ms: 0,
                protocol: None,
            })
        })
        .collect()
}

/// The design's cost: every instance its cluster runs, charged for the streams that cross it.
pub fn design(
    sim: &Faulty,
    streams: &[Traffic],
    figures: &Figures,
) -> Result<DesignCost, ProbeError> {
    let cluster = &sim.cluster;
    let mut instances = running(cluster, figures);
    let mut stream_costs = Vec::new();
    for t in streams {
        let probe: Probe = run::probe_of(t, 1);
        let result = sim.probe(&probe)?;
        let rps = f64::from(t.rps);
        let crossed: BTreeSet<(Component, String, &str)> =
            result.hops.iter().filter_map(Component::of_hop).collect();
        let mut charged = Vec::new();
        for (component, name, leg) in crossed {
            let Some(i) = instances
                .iter()
                .position(|i| i.component == component && i.name == name)
            else {
                // A proxy the trace names but the cluster does not run (a fault's stale one):
                // nothing to charge.
                continue;
            };
            let instance = &mut instances[i];
            instance.rps += rps;
            instance.vcpu += rps / 1000.0 * figures.get(component).vcpu_per_1000_rps;
            charged.push(match leg {
                "" => format!("{} {name}", component.figure_id()),
                leg => format!("{} {name} {leg}", component.figure_id()),
            });
        }
        let server = served_by(cluster, &result);
        stream_costs.push(StreamCost {
            from: t.from.clone(),
            to: t.to.clone(),
            rps,
            answered: served(&result),
            destination_namespace: server
                .and_then(|p| cluster.pods.get(p))
                .map(|p| cluster.ns_name(p.ns).to_owned()),
            destination_mesh: server
                .and_then(|p| cluster.mesh.pod_profile.get(p))
                .map(ToString::to_string),
            charged,
        });
    }
    let per_workload = totals(instances.iter().filter_map(|i| {
        let key = match i.component {
            Component::Waypoint => Some(i.name.clone()),
            _ => i.workload.clone(),
        }?;
        Some((key, i))
    }));
    let per_node = totals(instances.iter().filter_map(|i| Some((i.node.clone()?, i))));
    Ok(DesignCost {
        mesh: None,
        rps: sum(stream_costs.iter().map(|s| s.rps)),
        streams: stream_costs,
        vcpu: sum(instances.iter().map(|i| i.vcpu)),
        memory_mb: sum(instances.iter().map(|i| i.memory_mb)),
        instances,
        per_workload,
        per_node,
    })
}

/// Every instance the cluster runs, with its memory and fixed vCPU and no load yet.
fn running(cluster: &Cluster, figures: &Figures) -> Vec<Instance> {
    let instance =
        |component: Component, name: String, workload: Option<String>, node: Option<String>| {
            let f = figures.get(component);
            Instance {
                component,
                name,
                workload,
                node,
                rps: 0.0,
                vcpu: f.vcpu_fixed,
                memory_mb: f.memory_mb,
            }
        };
    let mut out = Vec::new();
    let profiles = &cluster.mesh.pod_profile;
    for (id, pod) in cluster.pods.iter().enumerate() {
        let component = match profiles.get(id) {
            Some(Profile::IstioSidecar) => Component::EnvoySidecar,
            Some(Profile::Linkerd) => Component::Linkerd2Proxy,
            _ => continue,
        };
        let ns = cluster.ns_name(pod.ns);
        let workload = format!("{ns}/{}", pod.owner_name().unwrap_or(&pod.name));
        let node = cluster.nodes.get(pod.node).map(|n| n.name.clone());
        out.push(instance(
            component,
            cluster.pod_ref(id),
            Some(workload),
            node,
        ));
    }
    let mut per_node = Vec::new();
    // ztunnel is a DaemonSet: once ambient is installed, every node runs one.
    if profiles.contains(&Profile::IstioAmbient) {
        per_node.push(Component::Ztunnel);
    }
    // cilium-agent and cilium-envoy are DaemonSets on every node of a Cilium cluster (the
    // standalone Envoy DaemonSet is the default since Cilium 1.16).
    if cluster.mesh.cilium_cni {
        per_node.extend([Component::CiliumAgent, Component::CiliumEnvoy]);
    }
    for node in &cluster.nodes {
        for &c in &per_node {
            out.push(instance(
                c,
                node.name.clone(),
                None,
                Some(node.name.clone()),
            ));
        }
    }
    // istiod deploys a waypoint for its Gateway; without Istio nothing runs it.
    let istio =
        profiles.contains(&Profile::IstioAmbient) || profiles.contains(&Profile::IstioSidecar);
    for g in cluster
        .gateways
        .iter()
        .filter(|g| istio && g.class == "istio-waypoint")
    {
        let name = format!("{}/{}", cluster.ns_name(g.ns), g.name);
        out.push(instance(Component::Waypoint, name, None, None));
    }
    out
}

/// A sum that is 0, not -0 (what `Iterator::sum` gives for no items), when there is nothing to
/// add: "-0.000 vCPU" reads as a refund.
fn sum(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |a, b| a + b)
}

fn totals<'a>(items: impl Iterator<Item = (String, &'a Instance)>) -> Vec<Total> {
    let mut by: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (key, i) in items {
        let t = by.entry(key).or_default();
        t.0 += i.vcpu;
        t.1 += i.memory_mb;
    }
    by.into_iter()
        .map(|(name, (vcpu, memory_mb))| Total {
            name,
            vcpu,
            memory_mb,
        })
        .collect()
}

/// What `change` would add to `cost`, a design where it applies (ambient for a waypoint,
/// Cilium for L7 rules); nothing when no stream is affected.
pub fn what_if(cost: &DesignCost, change: Change, figures: &Figures) -> WhatIf {
    let (mesh, component) = match change {
        Change::WaypointPerNamespace => ("istio-ambient", Component::Waypoint),
        Change::CiliumL7Everywhere => ("cilium", Component::CiliumEnvoy),
    };
    let prefix = format!("{} ", component.figure_id());
    let affected: Vec<&StreamCost> = cost
        .streams
        .iter()
        .filter(|s| s.destination_mesh.as_deref() == Some(mesh))
        .filter(|s| !s.charged.iter().any(|c| c.starts_with(&prefix)))
        .collect();
    let rps = sum(affected.iter().map(|s| s.rps));
    let f = figures.get(component);
    let added: Vec<String> = match change {
        Change::WaypointPerNamespace => {
            let with_one: BTreeSet<&str> = cost
                .instances
                .iter()
                .filter(|i| i.component == Component::Waypoint)
                .filter_map(|i| i.name.split_once('/').map(|(ns, _)| ns))
                .collect();
            affected
                .iter()
                .filter_map(|s| s.destination_namespace.as_deref())
                .filter(|ns| !with_one.contains(ns))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .map(str::to_owned)
                .collect()
        }
        // The node Envoy already runs (and is counted) on every node.
        Change::CiliumL7Everywhere => Vec::new(),
    };
    WhatIf {
        change,
        rps,
        vcpu: rps / 1000.0 * f.vcpu_per_1000_rps,
        memory_mb: added.len() as f64 * f.memory_mb,
        added,
    }
}

/// The designs compared side by side: no mesh, then the lab's Design A (Linkerd), B (Cilium)
/// and C (Istio ambient), then Istio with sidecars.
pub const DESIGNS: [Profile; 5] = [
    Profile::None,
    Profile::Linkerd,
    Profile::Cilium,
    Profile::IstioAmbient,
    Profile::IstioSidecar,
];

/// The same manifests, faults and traffic under each of [`DESIGNS`]: each profile stands for
/// the namespaces whose labels enroll them in nothing (labeled ones keep their mesh, as in
/// `sim probe --mesh`).
pub fn designs(
    sources: &[Source],
    faults: &[Fault],
    streams: &[Traffic],
    figures: &Figures,
) -> Result<Vec<DesignCost>, String> {
    DESIGNS
        .iter()
        .map(|&mesh| {
            let cluster = load::load(sources, &LoadOptions { mesh: Some(mesh) })
                .map_err(|e| e.to_string())?;
            let sim = Faulty::new(cluster, faults.to_vec());
            let mut cost = design(&sim, streams, figures).map_err(|e| e.to_string())?;
            cost.mesh = Some(mesh.to_string());
            Ok(cost)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::eval::outcome::ProxyHop;

    fn hop(component: &str, proxy: Option<ProxyHop>) -> Hop {
        Hop {
            component: component.to_owned(),
            decision: "pass".into(),
            encrypted: false,
            identity: None,
            reason: String::new(),
            proxy,
        }
    }

    /// The instance comes from the hop's proxy data: the words may say anything (here what
    /// they said before, reworded, or nothing a parser would know).
    #[test]
    fn hops_are_charged_by_their_proxy_data_not_their_words() {
        use ProxyKind::*;
        for (kind, instance, leg, want) in [
            (
                IstioSidecar,
                "web/frontend-0",
                Some(Leg::Outbound),
                (Component::EnvoySidecar, "outbound"),
            ),
            (
                LinkerdProxy,
                "shop/payment-0",
                Some(Leg::Inbound),
                (Component::Linkerd2Proxy, "inbound"),
            ),
            (
                Ztunnel,
                "node-2",
                Some(Leg::Inbound),
                (Component::Ztunnel, "inbound"),
            ),
            (Waypoint, "shop/waypoint", None, (Component::Waypoint, "")),
            (CiliumEnvoy, "node-1", None, (Component::CiliumEnvoy, "")),
        ] {
            let proxy = ProxyHop::new(kind, instance, leg);
            for words in ["proksi keluar (terjemahan)", ""] {
                let got = Component::of_hop(&hop(words, Some(proxy.clone())));
                assert_eq!(got, Some((want.0, instance.to_owned(), want.1)), "{kind:?}");
            }
        }
        // Words that name a proxy instance are not a proxy hop without the data.
        for words in [
            "istio-proxy outbound web/frontend-0",
            "ztunnel inbound (node-2) for a/b",
        ] {
            assert_eq!(Component::of_hop(&hop(words, None)), None, "{words}");
        }
    }
}
