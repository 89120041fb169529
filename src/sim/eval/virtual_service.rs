//! Istio VirtualService routing as the client's sidecar (or the Service's waypoint) applies it:
//! the first `http` route whose match holds, fault injection, weighted destinations, subsets
//! of a DestinationRule, and the route's timeout and retries once the application answers
//! (istio/api networking/v1alpha3/virtual_service.proto; Envoy router filter docs).

use std::borrow::Cow;

use crate::sim::eval::hop_label::HopLabel;
use crate::sim::eval::http_route::HttpRequest;
use crate::sim::eval::netpol::Endpoint;
use crate::sim::eval::outcome::Outcome;
use crate::sim::eval::path;
use crate::sim::eval::probe::{Answer, Delivery, Session, hop, text};
use crate::sim::eval::refs::Client;
use crate::sim::model::istio::ROOT_NAMESPACE;
use crate::sim::model::istio_traffic::*;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, PodId, SvcId, TargetPort};

/// Does `host`, written in namespace `written_ns`, name Service `svc`? Short names are
/// relative to the object's namespace; `*` and `*.SUFFIX` wildcards match the FQDN.
pub fn names_service(cluster: &Cluster, host: &str, written_ns: usize, svc: SvcId) -> bool {
    let Some(s) = cluster.services.get(svc) else {
        return false;
    };
    let ns = cluster.ns_name(s.ns);
    if host == s.name {
        return written_ns == s.ns;
    }
    match host.strip_prefix('*') {
        // Rare: build the FQDN only for a wildcard.
        Some(suffix) => text!("{}.{ns}.svc.cluster.local", s.name).ends_with(suffix),
        // `NAME.NS`, `NAME.NS.svc`, `NAME.NS.svc.cluster.local`, compared in place (this runs
        // for every request a sidecar routes).
        None => host
            .strip_prefix(s.name.as_str())
            .and_then(|r| r.strip_prefix('.'))
            .and_then(|r| r.strip_prefix(ns))
            .is_some_and(|r| matches!(r, "" | ".svc" | ".svc.cluster.local")),
    }
}

/// Objects in the client's namespace first, then the Service's, then the root namespace, then
/// the rest (Istio's lookup order for VirtualServices and DestinationRules of a host).
fn closeness(cluster: &Cluster, ns: usize, client_ns: Option<usize>, svc_ns: usize) -> u8 {
    if Some(ns) == client_ns {
        0
    } else if ns == svc_ns {
        1
    } else if cluster.ns_name(ns) == ROOT_NAMESPACE {
        2
    } else {
        3
    }
}

/// The mesh VirtualService for Service `svc`, if any.
pub fn for_service(cluster: &Cluster, client_ns: Option<usize>, svc: SvcId) -> Option<usize> {
    let svc_ns = cluster.services.get(svc)?.ns;
    cluster
        .mesh
        .virtual_services
        .iter()
        .enumerate()
        .filter(|(_, vs)| {
            vs.for_mesh()
                && vs
                    .hosts
                    .iter()
                    .any(|h| names_service(cluster, h, vs.ns, svc))
        })
        .min_by_key(|(_, vs)| closeness(cluster, vs.ns, client_ns, svc_ns))
        .map(|(i, _)| i)
}

/// The DestinationRule for Service `svc`, if any.
pub fn destination_rule(
    cluster: &Cluster,
    client_ns: Option<usize>,
    svc: SvcId,
) -> Option<&DestinationRule> {
    let svc_ns = cluster.services.get(svc)?.ns;
    cluster
        .mesh
        .destination_rules
        .iter()
        .filter(|dr| names_service(cluster, &dr.host, dr.ns, svc))
        .min_by_key(|dr| closeness(cluster, dr.ns, client_ns, svc_ns))
}

/// The Service a destination host names, seen from namespace `ns`.
fn service_of(cluster: &Cluster, host: &str, ns: usize) -> Option<SvcId> {
    (0..cluster.services.len()).find(|&s| names_service(cluster, host, ns, s))
}

/// Who is asking: what `sourceLabels`, `sourceNamespace` and `gateways` match on.
pub(crate) struct Asker<'a> {
    /// The sending pod (None for a gateway proxy the input does not hold).
    pub pod: Option<PodId>,
    /// The Gateway (namespace, name) the request arrived at; None = the `mesh` gateway.
    pub gateway: Option<(&'a str, &'a str)>,
    pub request: HttpRequest<'a>,
    pub host: &'a str,
    pub port: u16,
}

/// Does a `gateways` list (of a VirtualService or of one match) take a request that arrived at
/// `at` (None = the `mesh` gateway: sidecars and waypoints)? Names are `NAME` (in `written_ns`)
/// or `NS/NAME`; an empty list means `mesh` only for a match's own list, and is checked by the
/// caller for a VirtualService's.
pub(crate) fn gateways_allow(
    gateways: &[String],
    written_ns: &str,
    at: Option<(&str, &str)>,
) -> bool {
    if gateways.is_empty() {
        return true;
    }
    gateways.iter().any(|g| match at {
        None => g == "mesh",
        Some((ns, name)) => match g.split_once('/') {
            Some((gns, gname)) => gns == ns && gname == name,
            None => g == name && written_ns == ns,
        },
    })
}

fn source_holds(
    cluster: &Cluster,
    pod: Option<PodId>,
    labels: &crate::sim::model::labels::Labels,
    ns: &Option<String>,
) -> bool {
    if labels.is_empty() && ns.is_none() {
        return true;
    }
    let Some(p) = pod.and_then(|p| cluster.pods.get(p)) else {
        return false;
    };
    labels.iter().all(|(k, v)| p.labels.get(k) == Some(v))
        && ns.as_deref().is_none_or(|n| n == cluster.ns_name(p.ns))
}

fn match_holds(cluster: &Cluster, vs: &VirtualService, m: &HttpMatch, a: &Asker<'_>) -> bool {
    let r = &a.request;
    let header = |name: &str| {
        r.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let uri_ok = m.uri.as_ref().is_none_or(|u| {
        if m.ignore_uri_case {
            match u {
                StringMatch::Exact(v) => r.path.eq_ignore_ascii_case(v),
                StringMatch::Prefix(p) => r
                    .path
                    .get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p)),
                StringMatch::Regex(_) => u.matches(r.path),
            }
        } else {
            u.matches(r.path)
        }
    });
    uri_ok
        && m.method.as_ref().is_none_or(|x| x.matches(r.method))
        && m.authority.as_ref().is_none_or(|x| x.matches(a.host))
        && m.headers
            .iter()
            .all(|(n, x)| header(n).is_some_and(|v| x.matches(v)))
        && m.without_headers
            .iter()
            .all(|(n, x)| !header(n).is_some_and(|v| x.matches(v)))
        && m.query.iter().all(|(n, x)| {
            r.query
                .iter()
                .find(|(k, _)| k == n)
                .is_some_and(|(_, v)| x.matches(v))
        })
        && m.port.is_none_or(|p| p == a.port)
        && source_holds(cluster, a.pod, &m.source_labels, &m.source_namespace)
        && gateways_allow(&m.gateways, cluster.ns_name(vs.ns), a.gateway)
}

/// The first route whose match holds (routes are tried in order; a route without `match`
/// takes every request).
pub(crate) fn select(cluster: &Cluster, vs: &VirtualService, a: &Asker<'_>) -> Option<usize> {
    vs.http.iter().position(|route| {
        route.matches.is_empty() || route.matches.iter().any(|m| match_holds(cluster, vs, m, a))
    })
}

/// Does the `n`th request (from 0) fall in a share of `share` per million? Spread evenly and
/// deterministically: exactly `share × n / 10⁶` (rounded down) of the first `n` requests.
fn in_share(share: PerMillion, n: u64) -> bool {
    let s = u64::from(share);
    (n + 1) * s / 1_000_000 > n * s / 1_000_000
}

/// Route one HTTP request through VirtualService `vs_i`'s route `route_i`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn route<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    client: Client,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    vs_i: usize,
    route_i: usize,
    proxy: HopLabel,
    svc_port: u16,
    via_gateway: bool,
) {
    let cluster = ctx.cluster;
    let Some(vs) = cluster.mesh.virtual_services.get(vs_i) else {
        return;
    };
    let Some(route) = vs.http.get(route_i) else {
        return;
    };
    let vs_name = answer
        .trace
        .label(|| text!("VirtualService {}/{}", cluster.ns_name(vs.ns), vs.name));
    if answer.trace.recording() {
        answer.trace.hop(
            proxy.clone(),
            "route",
            false,
            text!("{vs_name} http[{route_i}]"),
        );
        answer.route = Some(text!("{vs_name} http[{route_i}]"));
        for (k, v) in &route.response_headers {
            answer.response_headers.insert(k.clone(), v.clone());
        }
    }
    // Fault injection runs before the router: a delay adds to the wait, an abort answers.
    let n = {
        let seq = session.fault_seq.entry((vs_i, route_i)).or_default();
        *seq += 1;
        *seq - 1
    };
    if let Some(d) = route.delay
        && in_share(d.share, n)
    {
        answer.waited_ms = Some(answer.waited_ms.unwrap_or(0) + d.ms);
        hop!(
            answer.trace,
            proxy.clone(),
            "delay",
            false,
            text!("fault injection: delay {} ms", d.ms),
        );
    }
    if let Some(a) = route.abort
        && in_share(a.share, n)
    {
        match a.status {
            AbortStatus::Http(status) => {
                return answer.proxy_status(proxy, status, || {
                    text!("fault injection: abort with HTTP {status} (fault filter abort)")
                });
            }
            AbortStatus::Grpc(code) => {
                answer.proxy_status(proxy, 200, || {
                    text!("fault injection: abort with grpc-status {code}")
                });
                answer.grpc_status = Some(code);
                return;
            }
        }
    }
    let destinations = match &route.action {
        Action::Route(list) => list,
        Action::DirectResponse(status) => {
            let status = *status;
            answer.status = Some(status);
            if status >= 400 {
                answer.failed(Outcome::HttpError, Some(status));
            }
            hop!(
                answer.trace,
                proxy,
                "answer",
                false,
                text!("directResponse {status}"),
            );
            return;
        }
        Action::Redirect {
            code,
            scheme,
            authority,
            port,
            uri,
        } => {
            let path = uri
                .as_deref()
                .or(ctx.http.map(|(r, _, _)| r.path))
                .unwrap_or("/");
            let host = authority
                .as_deref()
                .or(ctx.http.and_then(|(_, h, _)| h))
                .unwrap_or("");
            let port = port.map_or_else(String::new, |p| text!(":{p}"));
            let location = text!(
                "{}://{host}{port}{path}",
                scheme.as_deref().unwrap_or("http")
            );
            answer.status = Some(*code);
            if answer.trace.recording() {
                answer
                    .response_headers
                    .insert("location".to_owned(), location.clone());
            }
            hop!(
                answer.trace,
                proxy,
                "answer",
                false,
                text!("redirect {code} to {location}"),
            );
            return;
        }
    };
    let weights: Vec<u32> = destinations.iter().map(|d| d.weight).collect();
    let Some(dest) = session
        .vs_wrr
        .entry((vs_i, route_i))
        .or_default()
        .next(&weights)
        .and_then(|i| destinations.get(i))
    else {
        return answer.proxy_status(proxy, 503, || {
            "every destination has weight 0: no healthy upstream".to_owned()
        });
    };
    if answer.trace.recording() {
        for (k, v) in &dest.response_headers {
            answer.response_headers.insert(k.clone(), v.clone());
        }
    }
    let client_ns = source.pod.and_then(|p| cluster.pods.get(p)).map(|p| p.ns);
    let Some(svc) = service_of(cluster, &dest.host, vs.ns) else {
        // A host outside the cluster's Services: a ServiceEntry host or an external name.
        let port = dest.port.unwrap_or(svc_port);
        // Only a Linkerd EgressNetwork route sends a connection back into the cluster; a
        // VirtualService's client is an Istio proxy, whose egress never does.
        let _ = path::leave(
            ctx,
            answer,
            client,
            None,
            Some(&dest.host),
            port,
            Protocol::Tcp,
        );
        // The external host answered (meshlab assumes 200): the route's timeout and retries
        // still apply to it (the egress timeout task).
        if answer.verdict == crate::sim::eval::outcome::Verdict::Allowed
            && let Some(status) = answer.status
        {
            external_answer(ctx, answer, vs, route, status);
        }
        return;
    };
    let port = dest.port.unwrap_or(svc_port);
    answer.count_by_pod = dest.subset.is_some();
    let Some(pick) = pick(
        ctx,
        session,
        answer,
        &proxy,
        (client_ns, source.ip),
        svc,
        port,
        dest,
    ) else {
        return;
    };
    path::deliver(
        ctx,
        answer,
        Delivery {
            source,
            source_name,
            pod: pick.0,
            port: pick.1,
            protocol: Protocol::Tcp,
            service: Some(svc),
            rule: None,
            via_gateway,
            istio_route: Some((vs, route)),
            client_tls: pick.2,
        },
    )
}

/// Route a TCP connection through VirtualService `vs_i`'s first `tcp` route whose match holds
/// (port, source labels and namespace). None = no tcp route matches: plain Service routing.
#[allow(clippy::too_many_arguments)]
pub(crate) fn route_tcp<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    source: Endpoint<'a>,
    source_name: Cow<'a, str>,
    vs_i: usize,
    proxy: HopLabel,
    svc_port: u16,
) -> Option<()> {
    let cluster = ctx.cluster;
    let vs = cluster.mesh.virtual_services.get(vs_i)?;
    let client = source.pod?;
    let (route_i, route) = vs.tcp.iter().enumerate().find(|(_, r)| {
        r.matches.is_empty()
            || r.matches.iter().any(|m| {
                m.port.is_none_or(|p| p == svc_port)
                    && source_holds(cluster, Some(client), &m.source_labels, &m.source_namespace)
                    && gateways_allow(&m.gateways, cluster.ns_name(vs.ns), None)
            })
    })?;
    hop!(
        answer.trace,
        proxy.clone(),
        "route",
        false,
        text!(
            "VirtualService {}/{} tcp[{route_i}]",
            cluster.ns_name(vs.ns),
            vs.name
        ),
    );
    let weights: Vec<u32> = route.route.iter().map(|d| d.weight).collect();
    // Keys after the http routes' own: one round robin per route.
    let key = (vs_i, vs.http.len() + route_i);
    let Some(dest) = session
        .vs_wrr
        .entry(key)
        .or_default()
        .next(&weights)
        .and_then(|i| route.route.get(i))
    else {
        hop!(
            answer.trace,
            proxy,
            "reset",
            false,
            "every destination has weight 0".to_owned()
        );
        answer.failed(Outcome::Reset, None);
        return Some(());
    };
    let client_ns = cluster.pods.get(client).map(|p| p.ns);
    let port = dest.port.unwrap_or(svc_port);
    let Some(svc) = service_of(cluster, &dest.host, vs.ns) else {
        // An Istio proxy's egress never sends the connection back into the cluster.
        let _ = path::leave(
            ctx,
            answer,
            Client::Pod(client),
            None,
            Some(&dest.host),
            port,
            Protocol::Tcp,
        );
        return Some(());
    };
    answer.count_by_pod = dest.subset.is_some();
    if let Some((pod, target, client_tls)) = pick(
        ctx,
        session,
        answer,
        &proxy,
        (client_ns, source.ip),
        svc,
        port,
        dest,
    ) {
        path::deliver(
            ctx,
            answer,
            Delivery {
                source,
                source_name,
                pod,
                port: target,
                protocol: Protocol::Tcp,
                service: Some(svc),
                rule: None,
                via_gateway: false,
                istio_route: None,
                client_tls,
            },
        );
    } else if answer.status.is_some() {
        // No HTTP on a TCP connection: the proxy closes it instead of answering.
        answer.failed(Outcome::Reset, None);
    }
    Some(())
}

/// An endpoint of `svc` in the destination's subset (DestinationRule labels), on `port`:
/// by consistent hash when the rule asks for one, else round robin; with the subset's own TLS
/// mode, if it sets one. None = the proxy answered (unknown subset, no endpoint).
#[allow(clippy::too_many_arguments)]
fn pick(
    ctx: &path::Ctx<'_>,
    session: &mut Session,
    answer: &mut Answer,
    proxy: &HopLabel,
    (client_ns, source_ip): (Option<usize>, std::net::IpAddr),
    svc: SvcId,
    port: u16,
    dest: &Destination,
) -> Option<(PodId, u16, Option<TlsMode>)> {
    let cluster = ctx.cluster;
    let s = cluster.services.get(svc)?;
    let dr = destination_rule(cluster, client_ns, svc);
    let subset = match &dest.subset {
        None => None,
        Some(name) => match dr.and_then(|dr| dr.subsets.iter().find(|x| &x.name == name)) {
            Some(sub) => Some(sub),
            None => {
                // No Envoy cluster for the subset: 503 NC (no cluster found).
                answer.proxy_status(proxy.clone(), 503, || {
                    text!(
                        "subset {name} of {} is defined by no DestinationRule: no cluster",
                        dest.host
                    )
                });
                return None;
            }
        },
    };
    let Some(sp) = s.ports.iter().find(|p| p.port == port) else {
        answer.proxy_status(proxy.clone(), 503, || {
            text!("{} has no port {port}: no healthy upstream", dest.host)
        });
        return None;
    };
    let candidates: Vec<(PodId, u16)> = s
        .endpoints
        .iter()
        .filter_map(|&pod| {
            let p = cluster.pods.get(pod)?;
            if let Some(sub) = subset
                && !sub.labels.iter().all(|(k, v)| p.labels.get(k) == Some(v))
            {
                return None;
            }
            let target = match &sp.target {
                TargetPort::Number(n) => Some(*n),
                TargetPort::Name(name) => p.named_port(name, Protocol::Tcp),
            };
            target.map(|t| (pod, t))
        })
        .collect();
    if candidates.is_empty() {
        answer.proxy_status(proxy.clone(), 503, || {
            let which = subset.map_or_else(
                || dest.host.clone(),
                |s| text!("{} subset {}", dest.host, s.name),
            );
            cluster.with_unready_note(
                svc,
                text!("{which} has no ready endpoint: no healthy upstream"),
            )
        });
        return None;
    }
    let hash = subset
        .and_then(|s| s.policy.hash.clone())
        .or_else(|| dr.and_then(|dr| dr.policy.hash.clone()));
    let key = hash.and_then(|h| match h {
        HashOn::Header(name) => ctx.http.and_then(|(r, _, _)| {
            r.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                .map(|(_, v)| v.clone())
        }),
        HashOn::Query(name) => ctx.http.and_then(|(r, _, _)| {
            r.query
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        }),
        HashOn::SourceIp => Some(source_ip.to_string()),
    });
    let index = match key {
        Some(k) => fnv(k.as_bytes()) as usize % candidates.len(),
        None => {
            let rr = session.endpoint_rr.entry(svc).or_default();
            *rr += 1;
            (*rr - 1) % candidates.len()
        }
    };
    let (pod, port) = candidates.get(index).copied()?;
    Some((pod, port, subset.and_then(|s| s.policy.tls)))
}

/// FNV-1a: a fixed hash, so a key sticks to one endpoint across runs.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the client's proxy returns after the application's answer, under a route's timeout
/// and retries: the route timeout covers every try; `perTryTimeout` cuts each try, and a cut
/// try is retried when `retryOn` covers it (Envoy router: x-envoy-upstream-rq-timeout-ms,
/// x-envoy-upstream-rq-per-try-timeout-ms, x-envoy-retry-on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Played {
    /// Tries made.
    pub tries: u32,
    /// The client's wait in ms.
    pub waited_ms: u64,
    /// Some(limit) when a timeout answered 504: which one.
    pub timeout: Option<Cut>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    Route(u64),
    PerTry(u64),
}

/// Play out the tries of one request whose application takes `delay_ms` and answers `status`.
pub fn tries(route: &HttpRoute, status: u16, delay_ms: u64) -> Played {
    let (attempts, per_try, on) = match &route.retries {
        Some(r) => (r.attempts, r.per_try_timeout_ms, Some(&r.on)),
        // Istio's default policy retries connection failures only, never an answer.
        None => (2, None, None),
    };
    let mut elapsed = 0u64;
    let mut tries = 0u32;
    loop {
        tries += 1;
        let cut = per_try.filter(|p| delay_ms > *p);
        let this_try = cut.unwrap_or(delay_ms);
        if let Some(limit) = route.timeout_ms
            && elapsed + this_try > limit
        {
            return Played {
                tries,
                waited_ms: limit,
                timeout: Some(Cut::Route(limit)),
            };
        }
        elapsed += this_try;
        let retriable = match (cut, on) {
            (Some(_), Some(on)) => on.per_try_timeout(),
            (None, Some(on)) => on.status(status),
            (_, None) => false,
        };
        if !(retriable && tries <= attempts) {
            return Played {
                tries,
                waited_ms: elapsed,
                timeout: cut.map(Cut::PerTry),
            };
        }
    }
}

/// An external host answered `status` after the probe's delay: the route's timeout and
/// retries decide what the client gets.
fn external_answer(
    ctx: &path::Ctx<'_>,
    answer: &mut Answer,
    vs: &VirtualService,
    route: &HttpRoute,
    status: u16,
) {
    let cluster = ctx.cluster;
    let played = tries(route, status, ctx.delay_ms);
    answer.tries = played.tries;
    answer.waited_ms = Some(answer.waited_ms.unwrap_or(0) + played.waited_ms);
    if let Some(cut) = played.timeout {
        let owner = answer
            .trace
            .label(|| text!("VirtualService {}/{}", cluster.ns_name(vs.ns), vs.name));
        answer.proxy_status(owner, 504, || match cut {
            Cut::Route(ms) => text!("upstream request timeout: the route timeout {ms} ms"),
            Cut::PerTry(ms) => text!("upstream request timeout: perTryTimeout {ms} ms"),
        });
    }
}

/// The VirtualService a sidecar client applies to an external name (a ServiceEntry host).
pub fn for_external(cluster: &Cluster, name: &str) -> Option<usize> {
    cluster.mesh.virtual_services.iter().position(|vs| {
        vs.for_mesh()
            && vs.hosts.iter().any(|h| match h.strip_prefix('*') {
                Some(suffix) => name.ends_with(suffix),
                None => h == name,
            })
    })
}

/// The application answered `status` after the probe's delay: the route's timeout and retries
/// decide what the client gets.
pub(crate) fn answer(
    ctx: &path::Ctx<'_>,
    answer: &mut Answer,
    d: &Delivery<'_>,
    vs: &VirtualService,
    route: &HttpRoute,
    status: u16,
) {
    let cluster = ctx.cluster;
    let played = tries(route, status, ctx.delay_ms);
    let owner = answer
        .trace
        .label(|| text!("VirtualService {}/{}", cluster.ns_name(vs.ns), vs.name));
    answer.tries = played.tries;
    answer.waited_ms = Some(answer.waited_ms.unwrap_or(0) + played.waited_ms);
    if played.tries > 1 {
        hop!(
            answer.trace,
            owner.clone(),
            "retry",
            false,
            text!(
                "{} retries ({} tries in all)",
                played.tries - 1,
                played.tries
            ),
        );
    }
    let app = answer
        .trace
        .label(|| text!("app {}", cluster.pod_display(d.pod)));
    match played.timeout {
        Some(cut) => {
            hop!(
                answer.trace,
                app,
                "slow",
                false,
                text!("answers after {} ms", ctx.delay_ms),
            );
            answer.proxy_status(owner, 504, || match cut {
                Cut::Route(ms) => {
                    text!("upstream request timeout: the route timeout {ms} ms covers every try")
                }
                Cut::PerTry(ms) => {
                    text!("upstream request timeout: perTryTimeout {ms} ms cut the last try")
                }
            });
        }
        None => {
            path::app_retries(cluster, answer, d, status);
            answer.status = Some(status);
            if status >= 400 {
                answer.outcome = Outcome::HttpError;
            }
            hop!(answer.trace, app, "answer", false, text!("HTTP {status}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(timeout: Option<u64>, retries: Option<Retries>) -> HttpRoute {
        HttpRoute {
            matches: Vec::new(),
            action: Action::DirectResponse(200),
            delay: None,
            abort: None,
            timeout_ms: timeout,
            retries,
            response_headers: Vec::new(),
        }
    }

    fn retry(attempts: u32, per_try: Option<u64>, on: &str) -> Option<Retries> {
        let mut r = RetryOn::default();
        for c in on.split(',') {
            match c {
                "5xx" => r.any_5xx = true,
                "gateway-error" => r.gateway_error = true,
                "connect-failure" => r.connect_failure = true,
                _ => {}
            }
        }
        Some(Retries {
            attempts,
            per_try_timeout_ms: per_try,
            on: r,
        })
    }

    #[test]
    fn default_policy_never_retries_an_answer() {
        let t = tries(&route(None, None), 503, 10);
        assert_eq!((t.tries, t.timeout), (1, None));
    }

    #[test]
    fn route_timeout_includes_every_retry() {
        // 3 retries of 2 s tries on 5xx under a 5 s route timeout: the third try is cut at 5 s.
        let t = tries(&route(Some(5000), retry(3, None, "5xx")), 503, 2000);
        assert_eq!(t.tries, 3);
        assert_eq!(t.waited_ms, 5000);
        assert_eq!(t.timeout, Some(Cut::Route(5000)));
    }

    #[test]
    fn per_try_timeout_is_retried_when_retry_on_covers_it() {
        // App takes 3 s, each try cut at 1 s, 2 retries on gateway-error: 3 tries, 3 s, 504.
        let t = tries(
            &route(None, retry(2, Some(1000), "gateway-error")),
            200,
            3000,
        );
        assert_eq!(
            (t.tries, t.waited_ms, t.timeout),
            (3, 3000, Some(Cut::PerTry(1000)))
        );
        // connect-failure does not cover a timed-out try: one try, 504 after 1 s.
        let t = tries(
            &route(None, retry(2, Some(1000), "connect-failure")),
            200,
            3000,
        );
        assert_eq!((t.tries, t.waited_ms), (1, 1000));
        // A fast answer is not cut.
        let t = tries(&route(None, retry(2, Some(1000), "5xx")), 200, 100);
        assert_eq!((t.tries, t.timeout), (1, None));
    }

    #[test]
    fn shares_are_spread_exactly() {
        let hits = (0..1000).filter(|n| in_share(100_000, *n)).count();
        assert_eq!(hits, 100);
        assert!((0..10).all(|n| in_share(1_000_000, n)));
        assert!(!(0..10).any(|n| in_share(0, n)));
    }
}
