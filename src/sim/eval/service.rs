//! Where a request goes once its destination is resolved: Service DNAT to an endpoint, GAMMA
//! mesh routes applied by the client's proxy, Gateway listeners and routes; weighted backends
//! by smooth weighted round robin, invalid backends answered 500.

use std::borrow::Cow;

use crate::sim::eval::hop_label::HopLabel;
use crate::sim::eval::http_route::HttpRequest;
use crate::sim::eval::netpol::Endpoint;
use crate::sim::eval::outcome::Outcome;
use crate::sim::eval::probe::{Answer, Delivery, Session, hop, service_port, text};
use crate::sim::eval::refs::Client;
use crate::sim::eval::route_filters::{self, Entry};
use crate::sim::eval::{gateway_stream, http_route, mesh, path, virtual_service};
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;
use crate::sim::model::{
    BackendTarget, Cluster, HeaderEdits, PodId, RouteRule, ServiceKind, SvcId, TargetPort,
};

/// Pick a ready endpoint of `svc` that serves `port` (round robin across requests) and the
/// target port on it (named targetPorts resolve per pod).
pub(crate) fn pick_endpoint(
    cluster: &Cluster,
    session: &mut Session,
    svc: SvcId,
    port: u16,
    protocol: Protocol,
) -> Option<(PodId, u16)> {
    let s = cluster.services.get(svc)?;
    let sp = s
        .ports
        .iter()
        .find(|p| p.port == port && p.protocol == protocol)?;
    // Counted, then walked to the chosen one: no list of candidates built for every request.
    let candidates = || {
        s.endpoints.iter().filter_map(|&pod| {
            let target = match &sp.target {
                TargetPort::Number(n) => Some(*n),
                TargetPort::Name(name) => cluster.pods.get(pod)?.named_port(name, protocol),
            };
            target.map(|t| (pod, t))
        })
    };
    let count = candidates().count();
    if count == 0 {
        return None;
    }
    let rr = session.endpoint_rr.entry(svc).or_default();
    let chosen = candidates().nth(*rr % count);
    *rr += 1;
    chosen
}

/// Nothing serves the connection (no such port, no ready endpoint): kube-proxy refuses it. A
/// client's own mesh proxy accepts the connection first, so an HTTP client behind a sidecar
/// gets that proxy's 503 (Envoy "no healthy upstream", linkerd-proxy "Service Unavailable")
/// and any other client of a proxy or of ztunnel a reset. No policy decided: it failed.
fn unserved(
    ctx: &path::Ctx<'_>,
    answer: &mut Answer,
    client: Client,
    component: String,
    reason: String,
) {
    let cluster = ctx.cluster;
    let profile = match client {
        Client::Pod(p) => path::profile(cluster, Some(p)),
        _ => Profile::None,
    };
    let sidecar = matches!(profile, Profile::Linkerd | Profile::IstioSidecar);
    let (outcome, status, decision) = match profile {
        _ if sidecar && ctx.http.is_some() => (Outcome::HttpError, Some(503), "answer"),
        Profile::Linkerd | Profile::IstioSidecar | Profile::IstioAmbient => {
            (Outcome::Reset, None, "reset")
        }
        Profile::Cilium | Profile::None => (Outcome::Refused, None, "refuse"),
    };
    hop!(answer.trace, component, decision, false, reason);
    answer.failed(outcome, status);
}

/// A headless Service (`clusterIP: None`): DNS answers with the endpoints' own addresses, so
/// the client connects straight to a pod, at the port it asked for (no DNAT). With no
/// endpoint the name has no address at all.
#[allow(clippy::too_many_arguments)]
fn headless<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    svc: SvcId,
    port: Option<u16>,
    protocol: Protocol,
) {
    let cluster = ctx.cluster;
    let Some(s) = cluster.services.get(svc) else {
        return;
    };
    if s.endpoints.is_empty() {
        hop!(
            answer.trace,
            "kube-dns".to_owned(),
            "nxdomain",
            false,
            text!(
                "headless Service {} has no ready endpoint: no address",
                cluster.svc_display(svc)
            ),
        );
        return answer.failed(Outcome::DnsFailure, None);
    }
    let rr = session.endpoint_rr.entry(svc).or_default();
    let pod = s.endpoints.get(*rr % s.endpoints.len()).copied();
    *rr += 1;
    let Some(pod) = pod else {
        return;
    };
    hop!(
        answer.trace,
        text!("Service {} (headless)", cluster.svc_display(svc)),
        "resolve",
        false,
        text!(
            "DNS answers with pod {}'s address",
            cluster.pod_display(pod)
        ),
    );
    let port = port
        .or_else(|| s.ports.first().map(|p| p.port))
        .unwrap_or(80);
    path::deliver(
        ctx,
        answer,
        Delivery {
            source,
            source_name,
            pod,
            port,
            protocol,
            service: Some(svc),
            rule: None,
            via_gateway: false,
            istio_route: None,
            client_tls: None,
        },
    )
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn to_service<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    client: Client,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    svc: SvcId,
    port: Option<u16>,
    protocol: Protocol,
) {
    let cluster = ctx.cluster;
    let Some(s) = cluster.services.get(svc) else {
        return;
    };
    // An ExternalName Service is a DNS alias: the client connects to the name it holds.
    if let ServiceKind::ExternalName(name) = &s.kind {
        hop!(
            answer.trace,
            text!("Service {}", cluster.svc_display(svc)),
            "cname",
            false,
            text!("ExternalName: DNS answers with the alias {name}"),
        );
        let port = port
            .or_else(|| s.ports.first().map(|p| p.port))
            .unwrap_or(80);
        if let Some(to) = path::leave(ctx, answer, client, None, Some(name), port, protocol) {
            to_service(
                ctx,
                session,
                answer,
                client,
                source,
                source_name,
                to.svc,
                Some(to.port),
                protocol,
            );
        }
        return;
    }
    let Some(sp) = service_port(s, port) else {
        let component = answer
            .trace
            .label(|| text!("Service {}", cluster.svc_display(svc)));
        let reason = answer.trace.label(|| {
            text!(
                "the Service has no port {}",
                port.map_or("(none)".to_owned(), |p| p.to_string())
            )
        });
        return unserved(ctx, answer, client, component, reason);
    };
    if s.headless() {
        return headless(
            ctx,
            session,
            answer,
            source,
            source_name,
            svc,
            port,
            protocol,
        );
    }
    let svc_port = sp.port;
    // GAMMA: a meshed client's proxy applies routes attached to the Service (GEP-1294).
    if let (Some((req, _, _)), Client::Pod(client_pod)) = (ctx.http, client)
        && let Some(routes) = mesh::mesh_routes(cluster, client_pod, svc, svc_port)
    {
        let proxy = answer
            .trace
            .label(|| mesh::route_owner(cluster, client_pod, svc));
        let Some(sel) = http_route::select(cluster, &routes, &req) else {
            return answer.proxy_status(proxy, 404, || {
                "no HTTPRoute rule matches (routes are attached to this Service)".to_owned()
            });
        };
        let parent = (cluster.mesh.pod_profile.get(client_pod) == Some(&Profile::Linkerd))
            .then_some((svc, svc_port));
        return routed(
            ctx,
            session,
            answer,
            source,
            source_name,
            sel,
            proxy,
            false,
            parent,
            Entry {
                https: false,
                port: svc_port,
            },
        );
    }
    // Istio: the client's sidecar (or the Service's waypoint) applies a VirtualService.
    if let (None, Protocol::Tcp, Client::Pod(client_pod)) = (ctx.http, protocol, client)
        && let Some(vs_i) = istio_virtual_service(cluster, client_pod, svc)
    {
        let proxy = answer
            .trace
            .label(|| mesh::route_owner(cluster, client_pod, svc));
        let (src, name) = (source, source_name.clone());
        if virtual_service::route_tcp(ctx, session, answer, src, name, vs_i, proxy, svc_port)
            .is_some()
        {
            return;
        }
    }
    if let (Some((req, host, _)), Client::Pod(client_pod)) = (ctx.http, client)
        && let Some(vs_i) = istio_virtual_service(cluster, client_pod, svc)
        && let Some(vs) = cluster.mesh.virtual_services.get(vs_i)
        && !vs.http.is_empty()
    {
        let proxy = answer
            .trace
            .label(|| mesh::route_owner(cluster, client_pod, svc));
        let asker = virtual_service::Asker {
            pod: Some(client_pod),
            gateway: None,
            request: req,
            host: host.unwrap_or(&s.name),
            port: svc_port,
        };
        let Some(route_i) = virtual_service::select(cluster, vs, &asker) else {
            return answer.proxy_status(proxy, 404, || {
                text!(
                    "no http route of VirtualService {}/{} matches (route not found)",
                    cluster.ns_name(vs.ns),
                    vs.name
                )
            });
        };
        return virtual_service::route(
            ctx,
            session,
            answer,
            client,
            source,
            source_name,
            vs_i,
            route_i,
            proxy,
            svc_port,
            false,
        );
    }
    hop!(
        answer.trace,
        text!("Service {} port {svc_port}", cluster.svc_display(svc)),
        "dnat",
        false,
        "kube-proxy picks a ready endpoint".to_owned(),
    );
    let Some((pod, target_port)) = pick_endpoint(cluster, session, svc, svc_port, protocol) else {
        // Hand-written endpoints outside the cluster: the connection leaves for one of them.
        if !s.external_endpoints.is_empty() {
            let rr = session.endpoint_rr.entry(svc).or_default();
            let ip = s
                .external_endpoints
                .get(*rr % s.external_endpoints.len())
                .copied();
            *rr += 1;
            let port = match &sp.target {
                TargetPort::Number(n) => *n,
                TargetPort::Name(_) => svc_port,
            };
            if let Some(to) = path::leave(ctx, answer, client, ip, None, port, protocol) {
                to_service(
                    ctx,
                    session,
                    answer,
                    client,
                    source,
                    source_name,
                    to.svc,
                    Some(to.port),
                    protocol,
                );
            }
            return;
        }
        let reason = cluster.with_unready_note(
            svc,
            "the Service has no ready endpoint for this port".to_owned(),
        );
        return unserved(ctx, answer, client, "kube-proxy".to_owned(), reason);
    };
    path::deliver(
        ctx,
        answer,
        Delivery {
            source,
            source_name,
            pod,
            port: target_port,
            protocol,
            service: Some(svc),
            rule: None,
            via_gateway: false,
            istio_route: None,
            client_tls: None,
        },
    )
}

/// The VirtualService the client's data plane applies to Service `svc`: a sidecar's own, or
/// the waypoint's when an ambient client reaches a Service that uses one (MESH-NOTES.md §4).
fn istio_virtual_service(cluster: &Cluster, client: PodId, svc: SvcId) -> Option<usize> {
    let applies = match path::profile(cluster, Some(client)) {
        Profile::IstioSidecar => true,
        Profile::IstioAmbient => mesh::waypoint_of(cluster, svc).is_some(),
        _ => false,
    };
    let client_ns = cluster.pods.get(client).map(|p| p.ns);
    applies
        .then(|| virtual_service::for_service(cluster, client_ns, svc))
        .flatten()
}

/// Apply a matched route rule: the filters that answer for the gateway (CORS preflight,
/// redirect), the mirrors, the edits the backend sees (header modifier, URL rewrite); then the
/// backend.
#[allow(clippy::too_many_arguments)]
fn routed<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    sel: http_route::Selected,
    proxy: HopLabel,
    via_gateway: bool,
    parent_default: Option<(SvcId, u16)>,
    entry: Entry,
) {
    let cluster = ctx.cluster;
    let Some(route) = cluster.routes.get(sel.route) else {
        return;
    };
    let Some(rule) = route.rules.get(sel.rule) else {
        return;
    };
    let (Some((req, host, grpc)), Some(matched)) = (ctx.http, rule.matches.get(sel.matched)) else {
        return;
    };
    // The rule applied and the headers it sets are part of the traced answer only.
    if answer.trace.recording() {
        let route_name = text!(
            "{} {}/{} rule {}",
            route.kind.as_str(),
            cluster.ns_name(route.ns),
            route.name,
            sel.rule
        );
        for (name, value) in rule
            .response_headers
            .set
            .iter()
            .chain(&rule.response_headers.add)
        {
            answer.response_headers.insert(name.clone(), value.clone());
        }
        answer.trace.hop(
            proxy.clone(),
            "route",
            false,
            text!("{route_name} (match {})", sel.matched),
        );
        answer.route = Some(route_name);
    }
    if let Some(cors) = &rule.cors {
        let headers = route_filters::cors_headers(cors, &req);
        let allowed = !headers.is_empty();
        if answer.trace.recording() {
            answer.response_headers.extend(headers);
        }
        // A preflight is answered by the gateway, whatever the Origin (HTTPCORSFilter: 200
        // without the CORS headers when the Origin is not allowed; the browser then refuses).
        if route_filters::is_preflight(&req) {
            answer.status = Some(200);
            return hop!(
                answer.trace,
                proxy,
                "answer",
                false,
                text!(
                    "CORS preflight answered 200 by the route's CORS filter{}",
                    if allowed {
                        ""
                    } else {
                        ", without CORS headers: the Origin is not allowed"
                    }
                ),
            );
        }
    }
    if let Some(redirect) = &rule.redirect {
        let location = route_filters::location(redirect, &req, host, entry, &matched.path);
        answer.status = Some(redirect.status);
        hop!(
            answer.trace,
            proxy.clone(),
            "redirect",
            false,
            text!("RequestRedirect: {} Location: {location}", redirect.status),
        );
        if answer.trace.recording() {
            answer
                .response_headers
                .insert("location".to_owned(), location);
        }
        return;
    }
    for (k, mirror) in rule.mirrors.iter().enumerate() {
        let n = session
            .mirror_seq
            .entry((sel.route, sel.rule, k))
            .or_default();
        let sent = route_filters::mirrored(mirror, *n);
        *n += 1;
        if !sent {
            continue;
        }
        let why = match &mirror.backend.target {
            BackendTarget::Service { svc, granted, .. } if *granted || !via_gateway => {
                if cluster
                    .services
                    .get(*svc)
                    .is_some_and(|s| !s.endpoints.is_empty())
                {
                    answer.mirrored.push(*svc);
                    None
                } else {
                    Some("it has no ready endpoints")
                }
            }
            BackendTarget::Service { .. } => {
                Some("cross-namespace reference without a ReferenceGrant (RefNotPermitted)")
            }
            BackendTarget::Invalid { .. } => Some("the backendRef is invalid"),
        };
        hop!(
            answer.trace,
            proxy.clone(),
            "mirror",
            false,
            match why {
                None => text!(
                    "RequestMirror: a copy goes to {}; its answer is ignored",
                    mirror.backend.display
                ),
                Some(why) => text!(
                    "RequestMirror: no copy sent to {}: {why}",
                    mirror.backend.display
                ),
            },
        );
    }
    if rule.request_headers == HeaderEdits::default() && rule.rewrite.is_none() {
        return to_backend(
            ctx,
            session,
            answer,
            source,
            source_name,
            sel,
            rule,
            proxy,
            via_gateway,
            parent_default,
        );
    }
    // The backend receives the edited request: policies on the way read it too.
    let mut headers = req.headers.to_vec();
    route_filters::apply_edits(&mut headers, &rule.request_headers);
    let rewrite = rule.rewrite.as_ref();
    let new_path = route_filters::modified_path(
        req.path,
        rewrite.and_then(|r| r.path.as_ref()),
        &matched.path,
    );
    let new_host = rewrite
        .and_then(|r| r.hostname.as_deref())
        .or(host)
        .map(str::to_owned);
    hop!(
        answer.trace,
        proxy.clone(),
        "rewrite",
        false,
        text!(
            "the backend receives {} {}{}{}",
            req.method,
            new_path,
            new_host
                .as_deref()
                .map_or_else(String::new, |h| text!(", Host: {h}")),
            headers
                .iter()
                .map(|(n, v)| text!(", {n}: {v}"))
                .collect::<String>()
        ),
    );
    let edited = path::Ctx {
        cluster,
        http: Some((
            HttpRequest {
                method: req.method,
                path: &new_path,
                headers: &headers,
                query: req.query,
            },
            new_host.as_deref(),
            grpc,
        )),
        delay_ms: ctx.delay_ms,
        pace: ctx.pace,
        now_s: ctx.now_s,
    };
    to_backend(
        &edited,
        session,
        answer,
        source,
        source_name,
        sel,
        rule,
        proxy,
        via_gateway,
        parent_default,
    )
}

/// A matched rule's backend: weighted choice (smooth WRR, invalid backends keep their share as
/// 500), then delivery.
#[allow(clippy::too_many_arguments)]
fn to_backend<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    sel: http_route::Selected,
    rule: &'a RouteRule,
    proxy: HopLabel,
    via_gateway: bool,
    parent_default: Option<(SvcId, u16)>,
) {
    // No backendRefs: the matched rule answers 500 (httproute-omitted-backendrefs.go), except
    // that Linkerd sends a mesh route without backendRefs to its parent Service.
    if rule.backends.is_empty() {
        return match parent_default {
            Some((svc, port)) => forward(
                ctx,
                session,
                answer,
                source,
                source_name,
                rule,
                proxy,
                svc,
                port,
                via_gateway,
            ),
            None => answer.proxy_status(proxy, 500, || {
                "the matched rule has no backendRefs".to_owned()
            }),
        };
    }
    let weights: Vec<u32> = rule.backends.iter().map(|b| b.weight).collect();
    let Some(i) = session
        .wrr
        .entry((sel.route, sel.rule))
        .or_default()
        .next(&weights)
    else {
        // Every weight is 0: never forwarded; meshlab answers 500 like Envoy Gateway (ambiguous).
        return answer.proxy_status(proxy, 500, || "every backendRef has weight 0".to_owned());
    };
    let Some(backend) = rule.backends.get(i) else {
        return;
    };
    let (svc, port) = match &backend.target {
        BackendTarget::Service { svc, port, granted } if *granted || !via_gateway => (*svc, *port),
        BackendTarget::Service { .. } => {
            return answer.proxy_status(proxy, 500, || {
                text!("backend {}: cross-namespace reference without a ReferenceGrant (RefNotPermitted)", backend.display)
            });
        }
        BackendTarget::Invalid { reason } => {
            return answer.proxy_status(proxy, 500, || {
                text!("backend {}: {reason}", backend.display)
            });
        }
    };
    let own = &backend.filters;
    if answer.trace.recording() {
        for (name, value) in own.response.set.iter().chain(&own.response.add) {
            answer.response_headers.insert(name.clone(), value.clone());
        }
    }
    let Some((req, host, grpc)) = ctx.http.filter(|_| own.request != HeaderEdits::default()) else {
        return forward(
            ctx,
            session,
            answer,
            source,
            source_name,
            rule,
            proxy,
            svc,
            port,
            via_gateway,
        );
    };
    // This backend's own header modifier, after the rule's.
    let mut headers = req.headers.to_vec();
    route_filters::apply_edits(&mut headers, &own.request);
    hop!(
        answer.trace,
        proxy.clone(),
        "rewrite",
        false,
        text!(
            "the backend receives {} {}{}",
            req.method,
            req.path,
            headers
                .iter()
                .map(|(n, v)| text!(", {n}: {v}"))
                .collect::<String>()
        ),
    );
    let edited = path::Ctx {
        cluster: ctx.cluster,
        http: Some((
            HttpRequest {
                headers: &headers,
                ..req
            },
            host,
            grpc,
        )),
        delay_ms: ctx.delay_ms,
        pace: ctx.pace,
        now_s: ctx.now_s,
    };
    forward(
        &edited,
        session,
        answer,
        source,
        source_name,
        rule,
        proxy,
        svc,
        port,
        via_gateway,
    )
}

/// Send a routed request to one endpoint of a backend Service.
#[allow(clippy::too_many_arguments)]
fn forward<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    rule: &'a RouteRule,
    proxy: HopLabel,
    svc: SvcId,
    port: u16,
    via_gateway: bool,
) {
    let cluster = ctx.cluster;
    let Some((pod, target_port)) = pick_endpoint(cluster, session, svc, port, Protocol::Tcp) else {
        // Service with no ready endpoints: 503 SHOULD (HTTPRouteRule.BackendRefs).
        return answer.proxy_status(proxy, 503, || {
            let reason = text!(
                "backend {} has no ready endpoints",
                cluster.svc_display(svc)
            );
            cluster.with_unready_note(svc, reason)
        });
    };
    if via_gateway && !backend_tls(cluster, answer, &proxy, svc, port) {
        return;
    }
    path::deliver(
        ctx,
        answer,
        Delivery {
            source,
            source_name,
            pod,
            port: target_port,
            protocol: Protocol::Tcp,
            service: Some(svc),
            rule: Some(rule),
            via_gateway,
            istio_route: None,
            client_tls: None,
        },
    )
}

/// A BackendTLSPolicy on the backend Service (port): the gateway connects over TLS with the
/// policy's hostname as SNI; a policy whose CA certificates do not resolve fails every
/// connection with a 5xx (BackendTLSPolicyValidation.CACertificateRefs). False: answered.
fn backend_tls(
    cluster: &Cluster,
    answer: &mut Answer,
    proxy: &HopLabel,
    svc: SvcId,
    port: u16,
) -> bool {
    let port_name = cluster
        .services
        .get(svc)
        .and_then(|s| s.ports.iter().find(|p| p.port == port))
        .and_then(|p| p.name.as_deref());
    let Some(policy) = cluster
        .backend_tls
        .iter()
        .find(|p| p.svc == svc && p.port_name.as_deref().is_none_or(|n| Some(n) == port_name))
    else {
        return true;
    };
    let name = answer.trace.label(|| {
        text!(
            "BackendTLSPolicy {}/{}",
            cluster.ns_name(policy.ns),
            policy.name
        )
    });
    if let Some(why) = &policy.invalid {
        answer.proxy_status(proxy.clone(), 503, || {
            text!("{name}: the backend's certificate cannot be validated: {why}")
        });
        return false;
    }
    hop!(
        answer.trace,
        proxy.clone(),
        "tls",
        false,
        text!("{name}: TLS to the backend, SNI {}", policy.hostname),
    );
    true
}

pub(crate) fn to_gateway(
    ctx: &path::Ctx<'_>,
    session: &mut Session,
    answer: &mut Answer,
    client: Client,
    gw: usize,
    port: Option<u16>,
    protocol: Protocol,
) {
    let cluster = ctx.cluster;
    let Some(gateway) = cluster.gateways.get(gw) else {
        return;
    };
    let proxy = answer
        .trace
        .label(|| text!("Gateway {}/{}", cluster.ns_name(gateway.ns), gateway.name));
    let port = port
        .or_else(|| gateway.listeners.first().map(|l| l.port))
        .unwrap_or(80);
    let streams = gateway.listeners.iter().any(|l| {
        l.port == port && l.unprogrammed.is_none() && gateway_stream::stream_kind(l).is_some()
    });
    if streams {
        return gateway_stream::to_stream_listener(
            ctx, session, answer, client, gw, port, protocol, proxy,
        );
    }
    let (Some((req, host, grpc)), Protocol::Tcp) = (ctx.http, protocol) else {
        hop!(
            answer.trace,
            proxy,
            "reject",
            false,
            text!("no {protocol} listener on port {port}"),
        );
        return answer.failed(Outcome::Refused, None);
    };
    let host = host.map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name));
    let Some(candidates) = crate::sim::eval::gateway::candidates(cluster, gw, port, host) else {
        hop!(
            answer.trace,
            proxy,
            "reject",
            false,
            match gateway
                .listeners
                .iter()
                .find(|l| l.port == port && l.unprogrammed.is_some())
            {
                Some(l) => text!(
                    "listener {} on port {port} is not programmed: {}",
                    l.name,
                    l.unprogrammed.as_deref().unwrap_or_default()
                ),
                None => text!("no listener on port {port}"),
            },
        );
        return answer.failed(Outcome::Refused, None);
    };
    let source = Endpoint {
        ip: gateway.proxy_ip,
        pod: None,
        workload: Some((gateway.ns, &gateway.proxy_labels)),
    };
    // An in-cluster client needs egress to the gateway's proxy.
    if let Client::Pod(p) = client
        && !crate::sim::eval::cni::egress(cluster, answer, p, &source, port, protocol)
    {
        return;
    }
    let Some(sel) = http_route::select(cluster, &candidates.routes, &req) else {
        answer.proxy_status(proxy, 404, || "no HTTPRoute rule matches".to_owned());
        return grpc_status(answer, grpc);
    };
    let entry = Entry {
        https: candidates.listener.is_some_and(|l| l.protocol == "HTTPS"),
        port,
    };
    let source_name = answer.trace.label(|| text!("{proxy} proxy"));
    routed(
        ctx,
        session,
        answer,
        source,
        Cow::Owned(source_name),
        sel,
        proxy.into(),
        true,
        None,
        entry,
    );
    grpc_status(answer, grpc);
}

/// A gRPC client reads the answer's `grpc-status`: an application's own, or the one the
/// gateway maps its HTTP answer to, sent as a trailers-only HTTP 200 (gRPC
/// doc/http-grpc-status-mapping.md: 400 INTERNAL, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED,
/// 404 UNIMPLEMENTED, 429/502/503/504 UNAVAILABLE, others UNKNOWN).
fn grpc_status(answer: &mut Answer, grpc: bool) {
    let Some(status) = answer
        .status
        .filter(|_| grpc && answer.grpc_status.is_none())
    else {
        return;
    };
    let code = match status {
        200..=299 => 0,
        400 => 13,
        401 => 16,
        403 => 7,
        404 => 12,
        429 | 502 | 503 | 504 => 14,
        _ => 2,
    };
    answer.grpc_status = Some(code);
    if code != 0 && answer.backend.is_none() {
        answer.status = Some(200);
    }
}
