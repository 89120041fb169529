//! Routes parented to a Linkerd EgressNetwork that the proxy never applies, each warned. On a
//! port one route kind decides the protocol (linkerd2 policy-controller/grpc/src/outbound.rs,
//! no appProtocol): GRPCRoutes, else HTTPRoutes, else TLSRoutes, else TCPRoutes; routes of a
//! later kind on the same port are not sent to the proxy. Linkerd has no UDPRoute.

use super::report::warn;
use crate::sim::model::{Cluster, Origin, ParentKind, ParentRef, StreamKind, Warn};

/// A route's EgressNetwork parentRef: where it is, how it is named, its kind's rank.
struct OnEgress {
    origin: Origin,
    object: String,
    rank: usize,
    parent: ParentRef,
}

const PRECEDENCE: [&str; 4] = ["GRPCRoute", "HTTPRoute", "TLSRoute", "TCPRoute"];

pub(super) fn unapplied_egress_routes(cluster: &mut Cluster) {
    let mut on_egress = Vec::new();
    let http = cluster
        .routes
        .iter()
        .map(|r| (r.kind.as_str(), r.ns, &r.name, &r.parents, &r.origin));
    let stream = cluster
        .stream_routes
        .iter()
        .map(|r| (r.kind.as_str(), r.ns, &r.name, &r.parents, &r.origin));
    for (kind, ns, name, parents, origin) in http.chain(stream) {
        for p in parents
            .iter()
            .filter(|p| p.kind == ParentKind::EgressNetwork)
        {
            on_egress.push(OnEgress {
                origin: origin.clone(),
                object: format!("{kind} {}/{name}", cluster.ns_name(ns)),
                rank: PRECEDENCE
                    .iter()
                    .position(|k| *k == kind)
                    .unwrap_or(PRECEDENCE.len()),
                parent: p.clone(),
            });
        }
    }
    let mut warnings = Vec::new();
    for r in &on_egress {
        let p = &r.parent;
        let port = p
            .port
            .map_or("every port".to_owned(), |n| format!("port {n}"));
        let on = format!("EgressNetwork {}/{} {port}", p.ns, p.name);
        if r.rank == PRECEDENCE.len() {
            let why = format!(
                "{on}: Linkerd has no {} (its outbound policy has gRPC, HTTP, TLS and TCP routes only)",
                StreamKind::Udp.as_str()
            );
            warnings.push((r.origin.clone(), r.object.clone(), why));
            continue;
        }
        let overlaps = |o: &ParentRef| {
            o.ns == p.ns
                && o.name == p.name
                && (o.port.is_none() || p.port.is_none() || o.port == p.port)
        };
        if let Some(first) = on_egress
            .iter()
            .filter(|o| o.rank < r.rank && overlaps(&o.parent))
            .min_by_key(|o| o.rank)
        {
            let why = format!(
                "{on}: {} routes take the port ({}: {} before {}), so this route is not applied",
                PRECEDENCE[first.rank], first.object, PRECEDENCE[first.rank], PRECEDENCE[r.rank]
            );
            warnings.push((r.origin.clone(), r.object.clone(), why));
        }
    }
    for (origin, object, why) in warnings {
        warn(cluster, &origin, object, Warn::NoEffect { why });
    }
}
