//! A Linkerd client's proxy and the EgressNetwork that covers the destination (in the client's
//! namespace, or the global `linkerd-egress` one). The routes attached to it for the port pick
//! the protocol, as the policy controller does (linkerd2
//! policy-controller/grpc/src/outbound.rs, no appProtocol): GRPCRoutes, else HTTPRoutes, else
//! TLSRoutes, else TCPRoutes, else HTTP detection with no route. What no route matches follows
//! `trafficPolicy`. A denial is 403 (gRPC PermissionDenied) for HTTP; a TLS or TCP connection
//! is closed after accept (linkerd.io managing-egress-traffic: `http-egress-deny`,
//! `tls-egress-deny`, curl (35)).

use std::net::IpAddr;

use crate::sim::eval::hop_label;
use crate::sim::eval::http_route;
use crate::sim::eval::inbound::{Egress, http_deny, proxy_deny};
use crate::sim::eval::outcome::{Leg, Outcome};
use crate::sim::eval::path::{Ctx, Redirect};
use crate::sim::eval::probe::{Answer, hop, text};
use crate::sim::model::linkerd::EgressNetwork;
use crate::sim::model::{
    Backend, BackendTarget, Cluster, ParentRef, PodId, RouteKind, StreamKind, hostname_matches,
    hostname_rank,
};

/// The routes of one kind attached to the EgressNetwork for the port, by precedence.
enum Attached {
    Grpc(Vec<usize>),
    Http(Vec<usize>),
    Tls(Vec<usize>),
    Tcp(Vec<usize>),
    None,
}

pub(crate) fn decide(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    src: PodId,
    ip: Option<IpAddr>,
    name: Option<&str>,
    port: u16,
) -> Egress {
    let cluster = ctx.cluster;
    let src_ns = cluster.pods.get(src).map(|p| p.ns);
    let global = cluster.namespace("linkerd-egress");
    let Some(e) = cluster
        .mesh
        .egress_networks
        .iter()
        .find(|e| (Some(e.ns) == src_ns || Some(e.ns) == global) && e.covers(ip))
    else {
        return Egress::Out;
    };
    let e_ns = cluster.ns_name(e.ns);
    let parent = text!("EgressNetwork {e_ns}/{}", e.name);
    let component = answer
        .trace
        .label(|| hop_label::linkerd_proxy(cluster, src, Leg::Outbound));
    let on_port = attached(cluster, e, port);
    // The proxy reads the TLS ClientHello's SNI on the HTTPS port, and on any port whose
    // protocol the TLSRoutes make TLS.
    let tls = ctx.http.is_none() && (port == 443 || matches!(on_port, Attached::Tls(_)));
    let routed = match on_port {
        Attached::Grpc(routes) | Attached::Http(routes) => ctx.http.and_then(|(req, _, _)| {
            let sel = http_route::select(cluster, &routes, &req)?;
            let r = cluster.routes.get(sel.route)?;
            let backends = r.rules.get(sel.rule).map_or(&[][..], |rule| &rule.backends);
            Some((r.kind.as_str(), r.ns, r.name.as_str(), backends))
        }),
        // A TLSRoute is chosen by the SNI (managing-egress-traffic: "the proxy parses the SNI
        // extension header from the ClientHello"); a route without hostnames takes any.
        Attached::Tls(routes) if tls => routes
            .iter()
            .filter_map(|&i| cluster.stream_routes.get(i))
            .filter_map(|r| {
                let rank = if r.hostnames.is_empty() {
                    Some((false, 0))
                } else {
                    let sni = name?;
                    r.hostnames
                        .iter()
                        .filter(|h| hostname_matches(h, sni))
                        .map(|h| hostname_rank(h))
                        .max()
                };
                rank.map(|rank| (rank, r))
            })
            .max_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| rb.name.cmp(&ra.name)))
            .map(|(_, r)| {
                (
                    StreamKind::Tls.as_str(),
                    r.ns,
                    r.name.as_str(),
                    &r.backends[..],
                )
            }),
        Attached::Tls(_) => None,
        // An opaque route forwards any connection on the port, HTTP included.
        Attached::Tcp(routes) => routes
            .iter()
            .filter_map(|&i| cluster.stream_routes.get(i))
            .min_by(|a, b| a.name.cmp(&b.name))
            .map(|r| {
                (
                    StreamKind::Tcp.as_str(),
                    r.ns,
                    r.name.as_str(),
                    &r.backends[..],
                )
            }),
        Attached::None => None,
    };
    if let Some((kind, ns, route_name, backends)) = routed {
        // A Service among the backendRefs takes the connection back into the cluster
        // (managing-egress-traffic.md "Redirecting egress traffic back to the cluster"); the
        // EgressNetwork itself as backend lets it out to its original destination.
        let redirect = redirect_of(backends);
        if answer.trace.recording() {
            let route = text!("{kind} {}/{route_name}", cluster.ns_name(ns));
            let reason = match &redirect {
                Some(to) => text!(
                    "{parent}: {route} sends it to Service {}",
                    cluster.svc_display(to.svc)
                ),
                None => text!("{parent}: {route} matches"),
            };
            answer.trace.hop(component, "route", false, reason);
            answer.trace.decided([route]);
        }
        return redirect.map_or(Egress::Out, Egress::Redirect);
    }
    let (kind, closed) = match ctx.http {
        Some((_, _, true)) => ("grpc", None),
        Some(_) => ("http", None),
        None if tls => (
            "tls",
            Some("closed after the TLS ClientHello (curl: (35) TLS connect error)"),
        ),
        None => ("tcp", Some("closed after accept")),
    };
    if !e.deny {
        hop!(
            answer.trace,
            component,
            "allow",
            false,
            text!("{parent}: trafficPolicy Allow (route {kind}-egress-allow)"),
        );
        return Egress::Out;
    }
    let reason = text!("{parent}: trafficPolicy Deny (route {kind}-egress-deny)");
    match closed {
        None => http_deny(ctx, answer, component, vec![parent], reason),
        Some(how) => proxy_deny(
            answer,
            component,
            Outcome::Reset,
            None,
            vec![parent],
            text!("{reason}: connection {how}"),
        ),
    }
    Egress::Stop
}

/// Does a parentRef name this EgressNetwork, for this port (or every port)?
fn names(pr: &ParentRef, e: &EgressNetwork, e_ns: &str, port: u16) -> bool {
    pr.kind == crate::sim::model::ParentKind::EgressNetwork
        && pr.name == e.name
        && pr.ns == e_ns
        && pr.port.is_none_or(|p| p == port)
}

/// The routes on the port, of the kind that decides its protocol.
fn attached(cluster: &Cluster, e: &EgressNetwork, port: u16) -> Attached {
    let e_ns = cluster.ns_name(e.ns);
    let http = |kind: RouteKind| -> Vec<usize> {
        let on = cluster.routes.iter().enumerate();
        on.filter(|(_, r)| r.kind == kind && r.parents.iter().any(|p| names(p, e, e_ns, port)))
            .map(|(i, _)| i)
            .collect()
    };
    let stream = |kind: StreamKind| -> Vec<usize> {
        let on = cluster.stream_routes.iter().enumerate();
        on.filter(|(_, r)| r.kind == kind && r.parents.iter().any(|p| names(p, e, e_ns, port)))
            .map(|(i, _)| i)
            .collect()
    };
    [
        (
            http(RouteKind::Grpc),
            Attached::Grpc as fn(Vec<usize>) -> Attached,
        ),
        (http(RouteKind::Http), Attached::Http),
        (stream(StreamKind::Tls), Attached::Tls),
        (stream(StreamKind::Tcp), Attached::Tcp),
    ]
    .into_iter()
    .find(|(routes, _)| !routes.is_empty())
    .map_or(Attached::None, |(routes, make)| make(routes))
}

/// The first Service backend with a weight, if any.
fn redirect_of(backends: &[Backend]) -> Option<Redirect> {
    backends.iter().find_map(|b| match b.target {
        BackendTarget::Service { svc, port, .. } if b.weight > 0 => Some(Redirect { svc, port }),
        _ => None,
    })
}
