//! A probe: one request (or `count` identical ones) from a client to a destination, evaluated
//! over the resolved model into the outcome the client sees and the trace of hops.

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::model::{BackendTarget, Cluster, PodId, RouteRule, SvcId, TargetPort};
use super::net::Protocol;
use super::netpol::Endpoint;
use super::outcome::{BackendRef, Hop, Outcome, ProbeResult, Verdict};
use super::route::{self, HttpRequest};
use super::wrr::Wrr;
use super::{mesh, path};

/// One probe as given on the command line or in a `--probes` file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Probe {
    pub from: String,
    pub to: String,
    pub port: Option<u16>,
    pub protocol: Option<Protocol>,
    pub method: Option<String>,
    pub path: Option<String>,
    pub host: Option<String>,
    pub headers: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    /// How long the destination application takes to answer.
    pub delay_ms: u64,
    pub count: u32,
}

/// A probe that cannot be evaluated: a reference that names nothing (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeError(pub String);

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProbeError {}

/// Who sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Pod(PodId),
    /// A node's own address (host network).
    Node(usize),
    /// Outside the cluster.
    External(IpAddr),
}

/// Where the request is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A pod's IP (no Service, no mesh route).
    Pod(PodId),
    Service(SvcId),
    Gateway(usize),
    Node(usize),
    /// An address or name outside the cluster.
    External(String),
}

const EXTERNAL_CLIENT: &str = "203.0.113.10";

fn split_ns_name(s: &str) -> Option<(&str, &str)> {
    let (ns, name) = s.split_once('/')?;
    (!ns.is_empty() && !name.is_empty() && !name.contains('/')).then_some((ns, name))
}

fn first_pod_of_deployment(cluster: &Cluster, ns: &str, name: &str) -> Option<PodId> {
    let ns = cluster.namespace(ns)?;
    cluster
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| p.ns == ns && p.owner.as_deref() == Some(name))
        .min_by(|a, b| a.1.name.cmp(&b.1.name))
        .map(|(i, _)| i)
}

/// Resolve the `--from` reference.
pub fn resolve_client(cluster: &Cluster, r: &str) -> Result<Client, ProbeError> {
    let err = |what: &str| ProbeError(format!("--from {r}: {what}"));
    if let Some(rest) = r.strip_prefix("deploy:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected deploy:NS/NAME"))?;
        return first_pod_of_deployment(cluster, ns, name)
            .map(Client::Pod)
            .ok_or_else(|| err("no such Deployment (or it has no pods)"));
    }
    if let Some(name) = r.strip_prefix("node:") {
        return cluster
            .node(name)
            .map(Client::Node)
            .ok_or_else(|| err("no such node"));
    }
    if r.starts_with("svc:") || r.starts_with("gw:") {
        return Err(err(
            "a Service or Gateway cannot send requests; use a pod, node or IP",
        ));
    }
    if let Ok(ip) = r.parse::<IpAddr>() {
        return Ok(match (cluster.pod_by_ip(ip), cluster.node_by_ip(ip)) {
            (Some(p), _) => Client::Pod(p),
            (None, Some(n)) => Client::Node(n),
            _ => Client::External(ip),
        });
    }
    if r == "external" || r == "outside" {
        return Ok(Client::External(
            EXTERNAL_CLIENT.parse().map_err(|_| err("bad address"))?,
        ));
    }
    let (ns, name) = split_ns_name(r)
        .ok_or_else(|| err("expected NS/POD, deploy:NS/NAME, node:NAME or an IP"))?;
    cluster
        .pod(ns, name)
        .map(Client::Pod)
        .ok_or_else(|| err("no such pod"))
}

/// Resolve the `--to` reference; also returns a port written as `name:port`.
pub fn resolve_target(
    cluster: &Cluster,
    client: Client,
    r: &str,
) -> Result<(Target, Option<u16>), ProbeError> {
    let err = |what: &str| ProbeError(format!("--to {r}: {what}"));
    if let Some(rest) = r.strip_prefix("deploy:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected deploy:NS/NAME"))?;
        return first_pod_of_deployment(cluster, ns, name)
            .map(|p| (Target::Pod(p), None))
            .ok_or_else(|| err("no such Deployment (or it has no pods)"));
    }
    if let Some(rest) = r.strip_prefix("svc:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected svc:NS/NAME"))?;
        return cluster
            .service(ns, name)
            .map(|s| (Target::Service(s), None))
            .ok_or_else(|| err("no such Service"));
    }
    if let Some(rest) = r.strip_prefix("gw:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected gw:NS/NAME"))?;
        return cluster
            .gateway(ns, name)
            .map(|g| (Target::Gateway(g), None))
            .ok_or_else(|| err("no such Gateway (or it was rejected)"));
    }
    if let Some(name) = r.strip_prefix("node:") {
        return cluster
            .node(name)
            .map(|n| (Target::Node(n), None))
            .ok_or_else(|| err("no such node"));
    }
    if let Ok(ip) = r.parse::<IpAddr>() {
        let t = if let Some(p) = cluster.pod_by_ip(ip) {
            Target::Pod(p)
        } else if let Some(s) = cluster.service_by_ip(ip) {
            Target::Service(s)
        } else if let Some(n) = cluster.node_by_ip(ip) {
            Target::Node(n)
        } else {
            Target::External(ip.to_string())
        };
        return Ok((t, None));
    }
    if let Some((ns, name)) = split_ns_name(r) {
        return cluster
            .pod(ns, name)
            .map(|p| (Target::Pod(p), None))
            .ok_or_else(|| err("no such pod"));
    }
    // A DNS name, optionally with `:port`.
    let (host, port) = match r.rsplit_once(':') {
        Some((h, p)) => (
            h,
            Some(p.parse::<u16>().map_err(|_| err("bad port after ':'"))?),
        ),
        None => (r, None),
    };
    let client_ns = match client {
        Client::Pod(p) => cluster.pods.get(p).map(|p| cluster.ns_name(p.ns)),
        _ => None,
    }
    .unwrap_or("default");
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let svc = match labels.as_slice() {
        [name] => cluster.service(client_ns, name),
        [name, ns] | [name, ns, "svc"] | [name, ns, "svc", "cluster", "local"] => {
            cluster.service(ns, name)
        }
        _ => None,
    };
    match svc {
        Some(s) => Ok((Target::Service(s), port)),
        None if labels.len() == 1 => Err(err("no Service of that name in the client's namespace")),
        // `name.ns` where `ns` is a namespace of this cluster names a Service, not a host.
        None if labels.len() == 2
            && labels
                .get(1)
                .is_some_and(|ns| cluster.namespace(ns).is_some()) =>
        {
            Err(err("no such Service"))
        }
        None if host.ends_with(".svc.cluster.local") || host.ends_with(".svc") => {
            Err(err("no such Service"))
        }
        None => Ok((Target::External(host.to_owned()), port)),
    }
}

/// The HTTP view of a probe, when it is an HTTP request.
#[derive(Debug, Clone)]
struct Http {
    method: String,
    path: String,
    host: Option<String>,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    grpc: bool,
}

impl Http {
    fn request(&self) -> HttpRequest<'_> {
        HttpRequest {
            method: &self.method,
            path: &self.path,
            headers: &self.headers,
            query: &self.query,
        }
    }
}

/// Mutable state across the `count` requests of one probe: round-robin positions.
#[derive(Default)]
struct Session {
    wrr: BTreeMap<(usize, usize), Wrr>,
    endpoint_rr: BTreeMap<SvcId, usize>,
}

/// One request's answer.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub verdict: Verdict,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub grpc_status: Option<u16>,
    pub backend: Option<(Option<SvcId>, PodId)>,
    pub tries: u32,
    pub route: Option<String>,
    pub response_headers: BTreeMap<String, String>,
    pub client_identity: Option<String>,
    /// The payload crossed the network encrypted (mTLS, or WireGuard between nodes).
    pub encrypted: bool,
    pub trace: Trace,
}

/// Hops and deciding rules, accumulated along the path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trace {
    pub hops: Vec<Hop>,
    pub decided_by: Vec<String>,
}

impl Trace {
    pub fn hop(&mut self, component: String, decision: &str, encrypted: bool, reason: String) {
        self.hops.push(Hop {
            component,
            decision: decision.to_owned(),
            encrypted,
            identity: None,
            reason,
        });
    }
}

impl Answer {
    fn new(trace: Trace) -> Self {
        Answer {
            verdict: Verdict::Allowed,
            outcome: Outcome::Ok,
            status: None,
            grpc_status: None,
            backend: None,
            tries: 1,
            route: None,
            response_headers: BTreeMap::new(),
            client_identity: None,
            encrypted: false,
            trace,
        }
    }

    /// The proxy (gateway or mesh) answers itself.
    pub(crate) fn proxy_status(mut self, component: String, status: u16, reason: String) -> Self {
        self.outcome = Outcome::HttpError;
        self.status = Some(status);
        self.trace.hop(component, "answer", false, reason);
        self
    }

    pub(crate) fn denied(mut self, outcome: Outcome, status: Option<u16>) -> Self {
        self.verdict = Verdict::Denied;
        self.outcome = outcome;
        self.status = status;
        self
    }
}

/// The connection as it reaches a destination pod.
pub(crate) struct Delivery<'a> {
    /// The in-cluster workload that really sends (the gateway proxy for `gw:` targets).
    pub source: Endpoint<'a>,
    pub source_name: String,
    pub pod: PodId,
    pub port: u16,
    pub protocol: Protocol,
    pub service: Option<SvcId>,
    pub rule: Option<&'a RouteRule>,
    /// The route was applied by the client's own proxy (GAMMA), not by a gateway.
    pub via_gateway: bool,
}

/// Evaluate one probe.
pub fn run(cluster: &Cluster, probe: &Probe) -> Result<ProbeResult, ProbeError> {
    let client = resolve_client(cluster, &probe.from)?;
    let (target, dns_port) = resolve_target(cluster, client, &probe.to)?;
    let protocol = probe.protocol.unwrap_or(Protocol::Tcp);
    let port = probe.port.or(dns_port);
    let http = http_of(cluster, probe, &target, port, protocol);
    let mut session = Session::default();
    let count = probe.count.max(1);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut first: Option<Answer> = None;
    for _ in 0..count {
        let answer = one(
            cluster,
            &mut session,
            client,
            &target,
            port,
            protocol,
            http.as_ref(),
            probe.delay_ms,
        )?;
        let key = match (answer.backend, answer.status) {
            (Some((Some(svc), _)), _) => cluster.svc_ref(svc),
            (Some((None, pod)), _) => cluster.pod_ref(pod),
            (None, Some(status)) => format!("status:{status}"),
            (None, None) => format!("outcome:{}", outcome_name(answer.outcome)),
        };
        *counts.entry(key).or_default() += 1;
        if first.is_none() {
            first = Some(answer);
        }
    }
    let a = first.ok_or_else(|| ProbeError("no request evaluated".to_owned()))?;
    Ok(ProbeResult {
        from: probe.from.clone(),
        to: probe.to.clone(),
        verdict: a.verdict,
        outcome: a.outcome,
        status: a.status,
        grpc_status: a.grpc_status,
        backend: a.backend.map(|(svc, pod)| BackendRef {
            service: svc.map(|s| cluster.svc_ref(s)),
            pod: cluster.pod_ref(pod),
        }),
        counts,
        encrypted: a.encrypted,
        client_identity: a.client_identity,
        tries: a.tries,
        decided_by: a.trace.decided_by,
        route: a.route,
        response_headers: a.response_headers,
        hops: a.trace.hops,
    })
}

pub(crate) fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Ok => "ok",
        Outcome::HttpError => "http-error",
        Outcome::Reset => "reset",
        Outcome::Refused => "refused",
        Outcome::Timeout => "timeout",
    }
}

fn is_http_port_name(name: &str) -> bool {
    name == "http" || name.starts_with("http-") || name == "grpc" || name.starts_with("grpc-")
}

/// A probe is an HTTP request when it says so (method, path, host, headers, query), when it
/// goes to a Gateway, or when the Service port declares an HTTP appProtocol or `http` name.
fn http_of(
    cluster: &Cluster,
    probe: &Probe,
    target: &Target,
    port: Option<u16>,
    protocol: Protocol,
) -> Option<Http> {
    if protocol != Protocol::Tcp {
        return None;
    }
    let explicit = probe.method.is_some()
        || probe.path.is_some()
        || probe.host.is_some()
        || !probe.headers.is_empty()
        || !probe.query.is_empty();
    let declared = match target {
        Target::Gateway(_) => true,
        Target::Service(s) => cluster.services.get(*s).is_some_and(|svc| {
            service_port(svc, port).is_some_and(|p| {
                p.app_protocol.as_deref().is_some_and(|a| {
                    a == "http" || a == "kubernetes.io/h2c" || a == "grpc" || a == "http2"
                }) || p.name.as_deref().is_some_and(is_http_port_name)
            })
        }),
        _ => false,
    };
    if !explicit && !declared {
        return None;
    }
    let raw_path = probe.path.clone().unwrap_or_else(|| "/".to_owned());
    let (path, mut query) = match raw_path.split_once('?') {
        Some((p, q)) => (
            p.to_owned(),
            q.split('&')
                .filter(|kv| !kv.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (k.to_owned(), v.to_owned())
                })
                .collect(),
        ),
        None => (raw_path, Vec::new()),
    };
    query.extend(probe.query.iter().cloned());
    let grpc = probe
        .headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("content-type") && v.starts_with("application/grpc"));
    Some(Http {
        method: probe.method.clone().unwrap_or_else(|| {
            if grpc {
                "POST".to_owned()
            } else {
                "GET".to_owned()
            }
        }),
        path,
        host: probe.host.clone(),
        headers: probe.headers.clone(),
        query,
        grpc,
    })
}

fn service_port(
    svc: &super::model::Service,
    port: Option<u16>,
) -> Option<&super::model::ServicePort> {
    match port {
        Some(p) => svc.ports.iter().find(|sp| sp.port == p),
        None => svc
            .ports
            .first()
            .filter(|_| svc.ports.len() == 1)
            .or_else(|| svc.ports.iter().find(|sp| sp.port == 80))
            .or_else(|| svc.ports.first()),
    }
}

#[allow(clippy::too_many_arguments)]
fn one(
    cluster: &Cluster,
    session: &mut Session,
    client: Client,
    target: &Target,
    port: Option<u16>,
    protocol: Protocol,
    http: Option<&Http>,
    delay_ms: u64,
) -> Result<Answer, ProbeError> {
    let mut trace = Trace::default();
    let (client_name, source) = match client {
        Client::Pod(p) => (
            format!("pod {}", cluster.pod_ref(p)),
            Endpoint::pod(cluster, p).ok_or_else(|| ProbeError("unknown client pod".to_owned()))?,
        ),
        Client::Node(n) => {
            let node = cluster
                .nodes
                .get(n)
                .ok_or_else(|| ProbeError("unknown node".to_owned()))?;
            (format!("node {}", node.name), Endpoint::address(node.ip))
        }
        Client::External(ip) => (
            format!("client {ip} (outside the cluster)"),
            Endpoint::address(ip),
        ),
    };
    trace.hop(
        client_name.clone(),
        "send",
        false,
        match http {
            Some(h) => format!("{} {} ({protocol})", h.method, h.path),
            None => format!("new {protocol} connection"),
        },
    );
    let answer = Answer::new(trace);
    let ctx = path::Ctx {
        cluster,
        http: http.map(|h| (h.request(), h.host.as_deref(), h.grpc)),
        delay_ms,
    };
    match target {
        Target::Pod(p) => {
            let pod = cluster
                .pods
                .get(*p)
                .ok_or_else(|| ProbeError("unknown pod".to_owned()))?;
            let port = port
                .or_else(|| pod.ports.first().map(|c| c.port))
                .unwrap_or(80);
            Ok(path::deliver(
                &ctx,
                answer,
                Delivery {
                    source,
                    source_name: client_name,
                    pod: *p,
                    port,
                    protocol,
                    service: None,
                    rule: None,
                    via_gateway: false,
                },
            ))
        }
        Target::Service(s) => Ok(to_service(
            &ctx,
            session,
            answer,
            client,
            source,
            client_name,
            *s,
            port,
            protocol,
        )),
        Target::Gateway(g) => Ok(to_gateway(
            &ctx, session, answer, client, *g, port, protocol,
        )),
        Target::Node(n) => {
            let ip = cluster
                .nodes
                .get(*n)
                .map(|n| n.ip)
                .ok_or_else(|| ProbeError("unknown node".to_owned()))?;
            Ok(path::leave(
                &ctx,
                answer,
                client,
                Some(ip),
                None,
                port.unwrap_or(80),
                protocol,
            ))
        }
        Target::External(name) => {
            let ip = name.parse::<IpAddr>().ok();
            let fqdn = ip.is_none().then_some(name.as_str());
            Ok(path::leave(
                &ctx,
                answer,
                client,
                ip,
                fqdn,
                port.unwrap_or(80),
                protocol,
            ))
        }
    }
}

/// Pick a ready endpoint of `svc` that serves `port` (round robin across requests) and the
/// target port on it (named targetPorts resolve per pod).
fn pick_endpoint(
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
    let candidates: Vec<(PodId, u16)> = s
        .endpoints
        .iter()
        .filter_map(|&pod| {
            let target = match &sp.target {
                TargetPort::Number(n) => Some(*n),
                TargetPort::Name(name) => cluster.pods.get(pod)?.named_port(name, protocol),
            };
            target.map(|t| (pod, t))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let rr = session.endpoint_rr.entry(svc).or_default();
    let chosen = candidates.get(*rr % candidates.len()).copied();
    *rr += 1;
    chosen
}

#[allow(clippy::too_many_arguments)]
fn to_service<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    mut answer: Answer,
    client: Client,
    source: Endpoint<'a>,
    source_name: String,
    svc: SvcId,
    port: Option<u16>,
    protocol: Protocol,
) -> Answer {
    let cluster = ctx.cluster;
    let Some(s) = cluster.services.get(svc) else {
        return answer;
    };
    let Some(sp) = service_port(s, port) else {
        answer.trace.hop(
            format!("Service {}", cluster.svc_ref(svc)),
            "reject",
            false,
            format!(
                "the Service has no port {}",
                port.map_or("(none)".to_owned(), |p| p.to_string())
            ),
        );
        answer.outcome = Outcome::Refused;
        return answer;
    };
    let svc_port = sp.port;
    // GAMMA: a meshed client's proxy applies routes attached to the Service (GEP-1294).
    if let (Some((req, _, _)), Client::Pod(client_pod)) = (ctx.http, client)
        && let Some(routes) = mesh::mesh_routes(cluster, client_pod, svc, svc_port)
    {
        let proxy = mesh::route_owner(cluster, client_pod, svc);
        let Some(sel) = route::select(cluster, &routes, &req) else {
            return answer.proxy_status(
                proxy,
                404,
                "no HTTPRoute rule matches (routes are attached to this Service)".to_owned(),
            );
        };
        let parent = (cluster.mesh.pod_profile.get(client_pod) == Some(&mesh::Profile::Linkerd))
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
        );
    }
    answer.trace.hop(
        format!("Service {} port {svc_port}", cluster.svc_ref(svc)),
        "dnat",
        false,
        "kube-proxy picks a ready endpoint".to_owned(),
    );
    let Some((pod, target_port)) = pick_endpoint(cluster, session, svc, svc_port, protocol) else {
        answer.trace.hop(
            "kube-proxy".to_owned(),
            "reject",
            false,
            "the Service has no ready endpoint for this port".to_owned(),
        );
        answer.outcome = Outcome::Refused;
        return answer;
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
        },
    )
}

/// Forward a request that matched a route rule: weighted backend choice (smooth WRR, invalid
/// backends keep their share as 500), then delivery.
#[allow(clippy::too_many_arguments)]
fn routed<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    mut answer: Answer,
    source: Endpoint<'a>,
    source_name: String,
    sel: route::Selected,
    proxy: String,
    via_gateway: bool,
    parent_default: Option<(SvcId, u16)>,
) -> Answer {
    let cluster = ctx.cluster;
    let Some(route) = cluster.routes.get(sel.route) else {
        return answer;
    };
    let Some(rule) = route.rules.get(sel.rule) else {
        return answer;
    };
    let route_name = format!(
        "HTTPRoute {}/{} rule {}",
        cluster.ns_name(route.ns),
        route.name,
        sel.rule
    );
    answer.route = Some(route_name.clone());
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
        format!("{route_name} (match {})", sel.matched),
    );
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
            None => {
                answer.proxy_status(proxy, 500, "the matched rule has no backendRefs".to_owned())
            }
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
        return answer.proxy_status(proxy, 500, "every backendRef has weight 0".to_owned());
    };
    let Some(backend) = rule.backends.get(i) else {
        return answer;
    };
    let (svc, port) = match &backend.target {
        BackendTarget::Service { svc, port, granted } if *granted || !via_gateway => (*svc, *port),
        BackendTarget::Service { .. } => {
            return answer.proxy_status(
                proxy,
                500,
                format!("backend {}: cross-namespace reference without a ReferenceGrant (RefNotPermitted)", backend.display),
            );
        }
        BackendTarget::Invalid { reason } => {
            return answer.proxy_status(
                proxy,
                500,
                format!("backend {}: {reason}", backend.display),
            );
        }
    };
    forward(
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
    )
}

/// Send a routed request to one endpoint of a backend Service.
#[allow(clippy::too_many_arguments)]
fn forward<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: Answer,
    source: Endpoint<'a>,
    source_name: String,
    rule: &'a RouteRule,
    proxy: String,
    svc: SvcId,
    port: u16,
    via_gateway: bool,
) -> Answer {
    let cluster = ctx.cluster;
    let display = cluster.svc_ref(svc);
    let Some((pod, target_port)) = pick_endpoint(cluster, session, svc, port, Protocol::Tcp) else {
        // Service with no ready endpoints: 503 SHOULD (HTTPRouteRule.BackendRefs).
        return answer.proxy_status(
            proxy,
            503,
            format!("backend {} has no ready endpoints", display),
        );
    };
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
        },
    )
}

fn to_gateway(
    ctx: &path::Ctx<'_>,
    session: &mut Session,
    mut answer: Answer,
    client: Client,
    gw: usize,
    port: Option<u16>,
    protocol: Protocol,
) -> Answer {
    let cluster = ctx.cluster;
    let Some(gateway) = cluster.gateways.get(gw) else {
        return answer;
    };
    let proxy = format!("Gateway {}/{}", cluster.ns_name(gateway.ns), gateway.name);
    let Some((req, host, _)) = ctx.http else {
        answer.outcome = Outcome::Refused;
        return answer;
    };
    let host = host.map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name));
    let port = port
        .or_else(|| gateway.listeners.first().map(|l| l.port))
        .unwrap_or(80);
    if protocol != Protocol::Tcp {
        answer.outcome = Outcome::Refused;
        return answer;
    }
    let Some(candidates) = super::gateway::candidates(cluster, gw, port, host) else {
        answer.trace.hop(
            proxy,
            "reject",
            false,
            format!("no listener on port {port}"),
        );
        answer.outcome = Outcome::Refused;
        return answer;
    };
    let source = Endpoint {
        ip: gateway.proxy_ip,
        pod: None,
        workload: Some((gateway.ns, &gateway.proxy_labels)),
    };
    // An in-cluster client needs egress to the gateway's proxy.
    if let Client::Pod(p) = client {
        let (next, passed) = path::egress(cluster, answer, p, &source, port, protocol);
        if !passed {
            return next;
        }
        answer = next;
    }
    let Some(sel) = route::select(cluster, &candidates, &req) else {
        return answer.proxy_status(proxy, 404, "no HTTPRoute rule matches".to_owned());
    };
    routed(
        ctx,
        session,
        answer,
        source,
        format!("{proxy} proxy"),
        sel,
        proxy,
        true,
        None,
    )
}
