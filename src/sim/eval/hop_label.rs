//! What a hop is called, and which mesh proxy instance it is. The words are for people (they
//! change, and are translated for display); the proxy is for what reads a trace by proxy, the
//! cost model, so it never has to read the words.

use crate::sim::eval::outcome::{Leg, ProxyHop, ProxyKind};
use crate::sim::eval::path::node_name;
use crate::sim::eval::probe::text;
use crate::sim::model::{Cluster, PodId};

/// A hop's `component` and, when the hop is a mesh proxy instance, which one. Plain words (a
/// `String`) are a hop that is no proxy.
#[derive(Debug, Clone, Default)]
pub(crate) struct HopLabel {
    pub text: String,
    pub proxy: Option<ProxyHop>,
}

impl From<String> for HopLabel {
    fn from(text: String) -> HopLabel {
        HopLabel { text, proxy: None }
    }
}

impl Leg {
    fn word(self) -> &'static str {
        match self {
            Leg::Outbound => "outbound",
            Leg::Inbound => "inbound",
        }
    }
}

/// Istio's sidecar of `pod` on one leg: `istio-proxy outbound NS/POD`.
pub(crate) fn istio_sidecar(cluster: &Cluster, pod: PodId, leg: Leg) -> HopLabel {
    sidecar(cluster, pod, leg, ProxyKind::IstioSidecar, "istio-proxy")
}

/// Linkerd's proxy of `pod` on one leg: `linkerd-proxy inbound NS/POD`.
pub(crate) fn linkerd_proxy(cluster: &Cluster, pod: PodId, leg: Leg) -> HopLabel {
    sidecar(cluster, pod, leg, ProxyKind::LinkerdProxy, "linkerd-proxy")
}

fn sidecar(cluster: &Cluster, pod: PodId, leg: Leg, kind: ProxyKind, name: &str) -> HopLabel {
    let pod = cluster.pod_ref(pod);
    HopLabel {
        text: text!("{name} {} {pod}", leg.word()),
        proxy: Some(ProxyHop::new(kind, pod, Some(leg))),
    }
}

/// The ztunnel of `pod`'s node, on `pod`'s leg: `ztunnel outbound (NODE) for NS/POD`.
pub(crate) fn ztunnel(cluster: &Cluster, pod: PodId, leg: Leg) -> HopLabel {
    let node = node_name(cluster, pod);
    HopLabel {
        text: text!(
            "ztunnel {} ({node}) for {}",
            leg.word(),
            cluster.pod_display(pod)
        ),
        proxy: Some(ProxyHop::new(ProxyKind::Ztunnel, node, Some(leg))),
    }
}

/// A waypoint: `waypoint NS/NAME` (empty for a gateway the cluster does not hold).
pub(crate) fn waypoint(cluster: &Cluster, waypoint: usize) -> HopLabel {
    let Some(g) = cluster.gateways.get(waypoint) else {
        return HopLabel::from(String::from("waypoint "));
    };
    let name = text!("{}/{}", cluster.ns_name(g.ns), g.name);
    HopLabel {
        text: text!("waypoint {name}"),
        proxy: Some(ProxyHop::new(ProxyKind::Waypoint, name, None)),
    }
}

/// The Envoy Cilium runs on `pod`'s node: `cilium node Envoy (NODE)`.
pub(crate) fn cilium_envoy(cluster: &Cluster, pod: PodId) -> HopLabel {
    let node = node_name(cluster, pod);
    HopLabel {
        text: text!("cilium node Envoy ({node})"),
        proxy: Some(ProxyHop::new(ProxyKind::CiliumEnvoy, node, None)),
    }
}
