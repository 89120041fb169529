//! Istio's classic ingress: a request to a networking.istio.io Gateway, routed by the
//! VirtualServices bound to it (istio/api networking/v1alpha3/gateway.proto,
//! virtual_service.proto `gateways`).

use std::borrow::Cow;

use crate::sim::eval::netpol::Endpoint;
use crate::sim::eval::outcome::Outcome;
use crate::sim::eval::path;
use crate::sim::eval::probe::{Answer, Session, hop, text};
use crate::sim::eval::refs::Client;
use crate::sim::eval::virtual_service::{Asker, gateways_allow, route, select};
use crate::sim::model::istio_traffic::GatewayServer;
use crate::sim::model::net::Protocol;

/// Does a Gateway server's host (`[namespace/]dnsName`, `*` wildcards) or a VirtualService
/// host take the request's `host`?
fn host_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.rsplit('/').next().unwrap_or(pattern);
    pattern == "*"
        || match pattern.strip_prefix('*') {
            Some(suffix) => host.ends_with(suffix),
            None => pattern.eq_ignore_ascii_case(host),
        }
}

/// A request to a networking.istio.io Gateway: the server on the port and Host, the
/// VirtualServices bound to the gateway for that host, their first matching route; the
/// gateway's proxy (a pod the selector picks, else the one Istio's install runs) forwards.
#[allow(clippy::too_many_arguments)]
pub(crate) fn to_istio_gateway<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    client: Client,
    gw_i: usize,
    port: Option<u16>,
    protocol: Protocol,
) {
    let cluster = ctx.cluster;
    let Some(gw) = cluster.mesh.istio_gateways.get(gw_i) else {
        return;
    };
    let gw_ns = cluster.ns_name(gw.ns);
    let proxy = answer
        .trace
        .label(|| text!("istio ingress gateway {gw_ns}/{}", gw.name));
    let port = port
        .or_else(|| gw.servers.first().map(|s| s.port))
        .unwrap_or(80);
    let (Some((req, host, _)), Protocol::Tcp) = (ctx.http, protocol) else {
        hop!(
            answer.trace,
            proxy,
            "refuse",
            false,
            "not an HTTP request".to_owned()
        );
        return answer.failed(Outcome::Refused, None);
    };
    // curl sends the address it dialed when no Host is given: only `*` takes it.
    let host = host
        .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name))
        .unwrap_or("");
    let servers: Vec<&GatewayServer> = gw.servers.iter().filter(|s| s.port == port).collect();
    if servers.is_empty() {
        hop!(
            answer.trace,
            proxy,
            "refuse",
            false,
            text!("no server on port {port}")
        );
        return answer.failed(Outcome::Refused, None);
    }
    if !servers
        .iter()
        .any(|s| s.hosts.iter().any(|h| host_matches(h, host)))
    {
        return answer.proxy_status(proxy, 404, || {
            text!("no server of the Gateway takes host {host:?}")
        });
    }
    // The gateway's pod, when the input holds one the selector picks.
    let gw_pod = (!gw.selector.is_empty())
        .then(|| {
            cluster
                .pods
                .iter()
                .position(|p| gw.selector.iter().all(|(k, v)| p.labels.get(k) == Some(v)))
        })
        .flatten();
    let source = match gw_pod.and_then(|p| Endpoint::pod(cluster, p)) {
        Some(e) => e,
        None => Endpoint {
            ip: gw.proxy_ip,
            pod: None,
            workload: Some((gw.ns, &gw.selector)),
        },
    };
    if let Client::Pod(p) = client
        && !crate::sim::eval::cni::egress(cluster, answer, p, &source, port, protocol)
    {
        return;
    }
    let asker = Asker {
        pod: gw_pod,
        gateway: Some((gw_ns, gw.name.as_str())),
        request: req,
        host,
        port,
    };
    let chosen = cluster
        .mesh
        .virtual_services
        .iter()
        .enumerate()
        .filter(|(_, vs)| {
            !vs.gateways.is_empty()
                && gateways_allow(&vs.gateways, cluster.ns_name(vs.ns), asker.gateway)
                && vs.hosts.iter().any(|h| host_matches(h, host))
        })
        .find_map(|(i, vs)| select(cluster, vs, &asker).map(|r| (i, r)));
    let Some((vs_i, route_i)) = chosen else {
        return answer.proxy_status(proxy, 404, || {
            text!("no VirtualService bound to the Gateway routes this request")
        });
    };
    let source_name = answer.trace.label(|| text!("{proxy} proxy"));
    let sender = gw_pod.map_or(Client::External(gw.proxy_ip), Client::Pod);
    route(
        ctx,
        session,
        answer,
        sender,
        source,
        Cow::Owned(source_name),
        vs_i,
        route_i,
        proxy.into(),
        port,
        true,
    );
}
