//! A connection to a Gateway's TCP, TLS or UDP listener: the TCPRoute, TLSRoute (by SNI) or
//! UDPRoute attached to it forwards the connection to a weighted backend, unterminated
//! (gateway-api apis/v1/{tcp,tls,udp}route_types.go; GEP-2643 for TLS passthrough).

use std::borrow::Cow;

use crate::sim::eval::gateway::{attached, rank};
use crate::sim::eval::http_route::intersect;
use crate::sim::eval::netpol::Endpoint;
use crate::sim::eval::outcome::Outcome;
use crate::sim::eval::probe::{Answer, Delivery, Session, hop, text};
use crate::sim::eval::refs::Client;
use crate::sim::eval::service::pick_endpoint;
use crate::sim::eval::{cni, path};
use crate::sim::model::net::Protocol;
use crate::sim::model::{BackendTarget, Listener, StreamKind};

/// The stream protocols a listener can carry, as the route kind they take.
pub(crate) fn stream_kind(listener: &Listener) -> Option<StreamKind> {
    match listener.protocol.as_str() {
        "TCP" => Some(StreamKind::Tcp),
        "TLS" => Some(StreamKind::Tls),
        "UDP" => Some(StreamKind::Udp),
        _ => None,
    }
}

/// Forward a connection that reached a stream listener on `port` of Gateway `gw`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn to_stream_listener(
    ctx: &path::Ctx<'_>,
    session: &mut Session,
    answer: &mut Answer,
    client: Client,
    gw: usize,
    port: u16,
    protocol: Protocol,
    proxy: String,
) {
    let cluster = ctx.cluster;
    let Some(gateway) = cluster.gateways.get(gw) else {
        return;
    };
    // The TLS client's SNI is the name it connects to (curl: the URL's host).
    let sni = ctx
        .http
        .and_then(|(_, h, _)| h)
        .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name));
    let wanted = if protocol == Protocol::Udp {
        StreamKind::Udp
    } else {
        StreamKind::Tcp
    };
    // TLS and TCP listeners take TCP connections; a UDP listener takes datagrams.
    let listeners: Vec<&Listener> = gateway
        .listeners
        .iter()
        .filter(|l| l.port == port && l.unprogrammed.is_none())
        .filter(|l| {
            stream_kind(l).is_some_and(|k| (k == StreamKind::Udp) == (wanted == StreamKind::Udp))
        })
        .collect();
    let listener = listeners
        .iter()
        .filter_map(|l| match (&l.hostname, sni) {
            (None, _) => Some(((0, 0), *l)),
            (Some(h), Some(sni)) => rank(h, Some(sni)).map(|r| (r, *l)),
            (Some(_), None) => None,
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, l)| l);
    let Some(listener) = listener else {
        hop!(
            answer.trace,
            proxy,
            "reject",
            false,
            if listeners.is_empty() {
                text!("no {protocol} listener on port {port}")
            } else {
                text!(
                    "the SNI {} matches no listener on port {port}",
                    sni.unwrap_or("(none)")
                )
            },
        );
        return if listeners.is_empty() {
            answer.failed(Outcome::Refused, None)
        } else {
            answer.failed(Outcome::Reset, None)
        };
    };
    // An in-cluster client needs egress to the gateway's proxy.
    let source = Endpoint {
        ip: gateway.proxy_ip,
        pod: None,
        workload: Some((gateway.ns, &gateway.proxy_labels)),
    };
    if let Client::Pod(p) = client
        && !cni::egress(cluster, answer, p, &source, port, protocol)
    {
        return;
    }
    let kind = stream_kind(listener).unwrap_or(StreamKind::Tcp);
    // The oldest attached route wins a conflict; a TLSRoute must serve the SNI, the most
    // specific hostname first.
    let chosen = cluster
        .stream_routes
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.kind == kind && attached(cluster, gw, listener, kind.as_str(), r.ns, &r.parents)
        })
        .filter_map(|(i, r)| {
            if kind != StreamKind::Tls || r.hostnames.is_empty() {
                return Some(((0, 0), i));
            }
            r.hostnames
                .iter()
                .filter_map(|h| intersect(listener.hostname.as_deref(), h))
                .filter_map(|h| rank(&h, sni))
                .max()
                .map(|r| (r, i))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, i)| i);
    let Some(ri) = chosen else {
        hop!(
            answer.trace,
            proxy,
            "reject",
            false,
            text!(
                "no {} attached to listener {} serves this connection{}",
                kind.as_str(),
                listener.name,
                sni.map_or_else(String::new, |s| text!(" (SNI {s})"))
            ),
        );
        return answer.failed(Outcome::Reset, None);
    };
    let Some(route) = cluster.stream_routes.get(ri) else {
        return;
    };
    if answer.trace.recording() {
        let name = text!(
            "{} {}/{}",
            kind.as_str(),
            cluster.ns_name(route.ns),
            route.name
        );
        let how = match kind {
            StreamKind::Tls if listener.passthrough => {
                "TLS passed through by SNI, not terminated".to_owned()
            }
            StreamKind::Tls => "TLS terminated, the stream forwarded".to_owned(),
            _ => text!("{protocol} forwarded"),
        };
        answer
            .trace
            .hop(proxy.clone(), "route", false, text!("{name}: {how}"));
        answer.route = Some(name);
    }
    let weights: Vec<u32> = route.backends.iter().map(|b| b.weight).collect();
    let backend = session
        .stream_wrr
        .entry(ri)
        .or_default()
        .next(&weights)
        .and_then(|i| route.backends.get(i));
    // Invalid backends keep their share as rejected connections (TCPRouteRule.BackendRefs).
    let target = match backend.map(|b| (&b.target, b)) {
        Some((
            BackendTarget::Service {
                svc,
                port,
                granted: true,
            },
            _,
        )) => Some((*svc, *port)),
        _ => None,
    };
    let found = target.and_then(|(svc, port)| {
        pick_endpoint(cluster, session, svc, port, protocol).map(|e| (svc, e))
    });
    let Some((svc, (pod, target_port))) = found else {
        hop!(
            answer.trace,
            proxy,
            "reset",
            false,
            match backend {
                None => "every backendRef has weight 0: the connection is rejected".to_owned(),
                Some(b) => text!(
                    "the connection is rejected: backend {} is not usable (missing, not granted or no ready endpoint)",
                    b.display
                ),
            },
        );
        return answer.failed(Outcome::Reset, None);
    };
    let source_name = answer.trace.label(|| text!("{proxy} proxy"));
    path::deliver(
        ctx,
        answer,
        Delivery {
            source,
            source_name: Cow::Owned(source_name),
            pod,
            port: target_port,
            protocol,
            service: Some(svc),
            rule: None,
            via_gateway: true,
            istio_route: None,
            client_tls: None,
        },
    );
}
