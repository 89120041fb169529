//! Mesh facts a request needs on its way: the waypoint a Service uses, the GAMMA routes the
//! client's data plane applies, and which proxy applies them.

use crate::sim::eval::hop_label::HopLabel;
use crate::sim::eval::outcome::{Leg, ProxyHop, ProxyKind};
use crate::sim::model::mesh::Profile;

/// The waypoint a Service uses (`istio.io/use-waypoint` on the Service or its namespace).
pub fn waypoint_of(
    cluster: &crate::sim::model::Cluster,
    svc: crate::sim::model::SvcId,
) -> Option<usize> {
    let s = cluster.services.get(svc)?;
    let ns = cluster.namespaces.get(s.ns)?;
    let name = s
        .labels
        .get("istio.io/use-waypoint")
        .or_else(|| ns.labels.get("istio.io/use-waypoint"))?;
    if name == "none" {
        return None;
    }
    let wp_ns = s
        .labels
        .get("istio.io/use-waypoint-namespace")
        .map_or(ns.name.as_str(), String::as_str);
    cluster.gateway(wp_ns, name)
}

/// Routes attached to Service `svc` on `port` that the client's data plane applies (GAMMA,
/// GEP-1294): consumer routes in the client's namespace take over from producer routes in the
/// Service's namespace. None = no route applies (plain Service routing).
pub fn mesh_routes(
    cluster: &crate::sim::model::Cluster,
    client: crate::sim::model::PodId,
    svc: crate::sim::model::SvcId,
    port: u16,
) -> Option<Vec<usize>> {
    let profile = cluster.mesh.pod_profile.get(client).copied()?;
    // Ambient applies routes only at a waypoint (MESH-NOTES.md §4, ISA-08).
    if profile == Profile::None
        || profile == Profile::IstioAmbient && waypoint_of(cluster, svc).is_none()
    {
        return None;
    }
    // A ServiceProfile for the Service takes precedence over its HTTPRoutes in Linkerd
    // (reference/httproute.md).
    if profile == Profile::Linkerd
        && crate::sim::eval::path::service_profile(cluster, client, svc).is_some()
    {
        return None;
    }
    let s = cluster.services.get(svc)?;
    let client_ns = cluster.pods.get(client)?.ns;
    let svc_ns = cluster.ns_name(s.ns);
    let attached = |route: &crate::sim::model::HttpRoute| {
        route.parents.iter().any(|p| {
            p.kind == crate::sim::model::ParentKind::Service
                && p.name == s.name
                && p.ns == svc_ns
                && p.port.is_none_or(|pp| pp == port)
        })
    };
    let pick = |ns: usize| -> Vec<usize> {
        cluster
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r)| r.ns == ns && attached(r))
            .map(|(i, _)| i)
            .collect()
    };
    let consumer = if client_ns == s.ns {
        Vec::new()
    } else {
        pick(client_ns)
    };
    let routes = if consumer.is_empty() {
        pick(s.ns)
    } else {
        consumer
    };
    (!routes.is_empty()).then_some(routes)
}

/// The proxy that applies mesh routes for this client. A client's own sidecar is that
/// instance on the outbound leg; "waypoint" and "cilium node Envoy" name only a kind of proxy.
pub(crate) fn route_owner(
    cluster: &crate::sim::model::Cluster,
    client: crate::sim::model::PodId,
    _svc: crate::sim::model::SvcId,
) -> HopLabel {
    let who = cluster.pod_display(client);
    let sidecar = |name: &str, kind| HopLabel {
        text: format!("{name} outbound ({who})"),
        proxy: Some(ProxyHop::new(kind, who.to_string(), Some(Leg::Outbound))),
    };
    match cluster.mesh.pod_profile.get(client) {
        Some(Profile::Linkerd) => sidecar("linkerd-proxy", ProxyKind::LinkerdProxy),
        Some(Profile::IstioSidecar) => sidecar("istio-proxy sidecar", ProxyKind::IstioSidecar),
        Some(Profile::IstioAmbient) => "waypoint".to_owned().into(),
        Some(Profile::Cilium) => "cilium node Envoy".to_owned().into(),
        _ => format!("client {who}").into(),
    }
}
