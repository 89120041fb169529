//! A probe: one request (or `count` identical ones) from a client to a destination, evaluated
//! over the resolved model into the outcome the client sees and the trace of hops.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::net::IpAddr;

use crate::sim::eval::cilium;
use crate::sim::eval::hop_label::{self, HopLabel};
use crate::sim::eval::http_route::HttpRequest;
use crate::sim::eval::latency;
use crate::sim::eval::netpol::Endpoint;
use crate::sim::eval::outcome::{BackendRef, Hop, Leg, Outcome, ProbeResult, Verdict};
use crate::sim::eval::pace::Pace;
use crate::sim::eval::path;
use crate::sim::eval::refs::{Client, Target, resolve_client, resolve_target};
use crate::sim::eval::service::{to_gateway, to_service};
use crate::sim::eval::virtual_service;
use crate::sim::eval::wrr::Wrr;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, PodId, RouteRule, SvcId};

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
pub(crate) struct Session {
    pub wrr: BTreeMap<(usize, usize), Wrr>,
    pub endpoint_rr: BTreeMap<SvcId, usize>,
    /// Requests seen by each (route, rule, mirror filter), for mirror fractions.
    pub mirror_seq: BTreeMap<(usize, usize, usize), u64>,
    /// Weighted backend choice per TCP/TLS/UDP route.
    pub stream_wrr: BTreeMap<usize, Wrr>,
    /// Per VirtualService http route: its destinations' round robin, and how many requests
    /// it has taken (fault percentages are spread over that count).
    pub vs_wrr: BTreeMap<(usize, usize), Wrr>,
    pub fault_seq: BTreeMap<(usize, usize), u64>,
}

/// One request's answer.
///
/// The steps of a path (`path`, `routing`, `inbound`, `cni`) take it as `&mut Answer` rather
/// than moving it in and out by value: it is ~200 bytes, and moving it through every step was
/// a visible share (memcpy) of a traced request's time.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub verdict: Verdict,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub grpc_status: Option<u16>,
    pub backend: Option<(Option<SvcId>, PodId)>,
    pub tries: u32,
    /// Services a RequestMirror filter sent a copy to (answers ignored).
    pub mirrored: Vec<SvcId>,
    pub route: Option<String>,
    pub response_headers: BTreeMap<String, String>,
    pub client_identity: Option<String>,
    /// The payload crossed the network encrypted (mTLS, or WireGuard between nodes).
    pub encrypted: bool,
    /// Time proxies held the request (fault delays, timeouts, tries cut short), when a proxy
    /// timed it; None = the path's cost plus the application's time per try.
    pub waited_ms: Option<u64>,
    /// A route chose a subset of the Service's pods: counts name the pod, so a split between
    /// subsets shows.
    pub count_by_pod: bool,
    pub trace: Trace,
}

/// Hops and deciding rules, accumulated along the path.
///
/// Only the first request of a probe keeps its trace: requests 2..N only add to the probe's
/// counts (see [`run`]). Their trace is not `recording`: it stays empty, and the call sites skip
/// formatting what it would hold (see [`hop!`] and [`Trace::label`]), as well as the answer's
/// other reported-only fields (route, response headers, client identity). Nothing decides by
/// reading a trace or those fields.
#[derive(Debug, Clone)]
pub(crate) struct Trace {
    pub hops: Vec<Hop>,
    pub decided_by: Vec<String>,
    recording: bool,
}

impl Trace {
    pub fn new(recording: bool) -> Self {
        Trace {
            hops: Vec::new(),
            decided_by: Vec::new(),
            recording,
        }
    }

    /// Whether this request's steps are written down (the first request of a probe).
    pub fn recording(&self) -> bool {
        self.recording
    }

    /// Append a hop; prefer [`hop!`], which does not build the strings of an unrecorded hop.
    pub fn hop(
        &mut self,
        component: impl Into<HopLabel>,
        decision: &'static str,
        encrypted: bool,
        reason: String,
    ) {
        if !self.recording {
            return;
        }
        let HopLabel { text, proxy } = component.into();
        self.hops.push(Hop {
            component: text,
            decision: Cow::Borrowed(decision),
            encrypted,
            identity: None,
            reason,
            proxy,
        });
    }

    /// A label only the trace reads (a hop's component, a sender's name): built when the
    /// trace is recording, empty otherwise.
    pub fn label<T: Default>(&self, make: impl FnOnce() -> T) -> T {
        if self.recording { make() } else { T::default() }
    }

    /// The objects and rules that decided this step.
    pub fn decided(&mut self, by: impl IntoIterator<Item = String>) {
        if self.recording {
            self.decided_by.extend(by);
        }
    }
}

/// `hop!(answer.trace, component, decision, encrypted, reason)`: append a hop to a trace. The
/// component and reason expressions (usually `format!`s) are evaluated only when the trace is
/// recording.
macro_rules! hop {
    ($trace:expr, $component:expr, $decision:expr, $encrypted:expr, $reason:expr $(,)?) => {
        if $trace.recording() {
            $trace.hop($component, $decision, $encrypted, $reason);
        }
    };
}
pub(crate) use hop;

/// `format!` into a String that starts with room for a typical trace line (a hop's component or
/// reason, a rule's name): `format!` sizes its buffer from the literal text only, so a line with
/// names in it would otherwise grow (reallocate) two or three times while it is written.
macro_rules! text {
    ($($arg:tt)*) => {{
        use std::fmt::Write as _;
        let mut line = String::with_capacity(64);
        let _ = write!(line, $($arg)*);
        line
    }};
}
pub(crate) use text;

impl Answer {
    fn new(trace: Trace) -> Self {
        Answer {
            verdict: Verdict::Allowed,
            outcome: Outcome::Ok,
            status: None,
            grpc_status: None,
            backend: None,
            tries: 1,
            mirrored: Vec::new(),
            route: None,
            response_headers: BTreeMap::new(),
            client_identity: None,
            encrypted: false,
            waited_ms: None,
            count_by_pod: false,
            trace,
        }
    }

    /// The proxy (gateway or mesh) answers itself because nothing could serve the request (no
    /// route, no usable backend, a timeout): the request failed. `reason` is only called when
    /// the trace is recording.
    pub(crate) fn proxy_status(
        &mut self,
        component: impl Into<HopLabel>,
        status: u16,
        reason: impl FnOnce() -> String,
    ) {
        self.failed(Outcome::HttpError, Some(status));
        hop!(self.trace, component, "answer", false, reason());
    }

    /// A policy decided against the request.
    pub(crate) fn denied(&mut self, outcome: Outcome, status: Option<u16>) {
        self.verdict = Verdict::Denied;
        self.outcome = outcome;
        self.status = status;
    }

    /// The request failed without a policy deciding it.
    pub(crate) fn failed(&mut self, outcome: Outcome, status: Option<u16>) {
        self.verdict = Verdict::Failed;
        self.outcome = outcome;
        self.status = status;
    }
}

/// The connection as it reaches a destination pod.
pub(crate) struct Delivery<'a> {
    /// The in-cluster workload that really sends (the gateway proxy for `gw:` targets).
    pub source: Endpoint<'a>,
    /// The sender as the trace names it (may be empty when the trace is not recording).
    pub source_name: Cow<'a, str>,
    pub pod: PodId,
    pub port: u16,
    pub protocol: Protocol,
    pub service: Option<SvcId>,
    pub rule: Option<&'a RouteRule>,
    /// The route was applied by the client's own proxy (GAMMA), not by a gateway.
    pub via_gateway: bool,
    /// The Istio VirtualService route that sent it: its timeout and retries apply.
    /// The TLS mode of the DestinationRule subset a route chose, when it sets one (else the
    /// rule's own mode applies).
    pub client_tls: Option<crate::sim::model::istio_traffic::TlsMode>,
    pub istio_route: Option<(
        &'a crate::sim::model::istio_traffic::VirtualService,
        &'a crate::sim::model::istio_traffic::HttpRoute,
    )>,
}

/// What every request of a probe shares, resolved once per probe.
struct Shared<'a> {
    client: Client,
    /// The client as the trace names it.
    client_name: String,
    source: Endpoint<'a>,
    target: Target,
    port: Option<u16>,
    protocol: Protocol,
    http: Option<Http>,
    delay_ms: u64,
    /// The name the client looks up in DNS, if it addressed the destination by name.
    dns_name: Option<String>,
    /// Retry budgets and rate limits the `count` requests share.
    pace: std::cell::RefCell<Pace>,
    /// Seconds between two requests (0: they arrive together).
    interval_s: f64,
}

/// Where a request ended, as the probe's `counts` tally it; named once per probe, not per
/// request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CountKey {
    Service(SvcId),
    /// A copy sent by a RequestMirror filter.
    Mirror(SvcId),
    Pod(PodId),
    Status(u16),
    Outcome(&'static str),
}

impl CountKey {
    fn of(answer: &Answer) -> Self {
        match (answer.backend, answer.status) {
            (Some((Some(_), pod)), _) if answer.count_by_pod => CountKey::Pod(pod),
            (Some((Some(svc), _)), _) => CountKey::Service(svc),
            (Some((None, pod)), _) => CountKey::Pod(pod),
            (None, Some(status)) => CountKey::Status(status),
            (None, None) => CountKey::Outcome(outcome_name(answer.outcome)),
        }
    }

    fn name(self, cluster: &Cluster) -> String {
        match self {
            CountKey::Service(svc) => cluster.svc_ref(svc),
            CountKey::Mirror(svc) => format!("mirror:{}", cluster.svc_ref(svc)),
            CountKey::Pod(pod) => cluster.pod_ref(pod),
            CountKey::Status(status) => format!("status:{status}"),
            CountKey::Outcome(outcome) => format!("outcome:{outcome}"),
        }
    }
}

/// Evaluate one probe: `count` requests, of which the first is traced and all are counted;
/// they arrive together.
pub fn run(cluster: &Cluster, probe: &Probe) -> Result<ProbeResult, ProbeError> {
    run_paced(cluster, probe, 0.0)
}

/// Evaluate one probe whose requests arrive `rps` a second (0: together), as `sim run` sends
/// them: retry budgets refill and rate limits admit over time.
pub fn run_paced(cluster: &Cluster, probe: &Probe, rps: f64) -> Result<ProbeResult, ProbeError> {
    let client = resolve_client(cluster, &probe.from)?;
    let resolved = resolve_target(cluster, client, &probe.to)?;
    let (target, dns_port) = (resolved.target, resolved.port);
    let protocol = probe.protocol.unwrap_or(Protocol::Tcp);
    let port = probe.port.or(dns_port);
    let http = http_of(cluster, probe, &target, port, protocol);
    let (client_name, source) = client_of(cluster, client)?;
    let shared = Shared {
        client,
        client_name,
        source,
        target,
        port,
        protocol,
        http,
        delay_ms: probe.delay_ms,
        dns_name: resolved.dns_name,
        pace: Default::default(),
        interval_s: if rps > 0.0 { 1.0 / rps } else { 0.0 },
    };
    let mut session = Session::default();
    let count = probe.count.max(1);
    let mut tally: BTreeMap<CountKey, u64> = BTreeMap::new();
    let mut failed_requests = 0u64;
    let mut retries = 0u64;
    let mut first: Option<Answer> = None;
    for k in 0..count {
        // Only the first request's trace is kept: the others are not traced at all.
        let now_s = f64::from(k) * shared.interval_s;
        let answer = one(
            cluster,
            &mut session,
            &shared,
            now_s,
            Trace::new(first.is_none()),
        )?;
        *tally.entry(CountKey::of(&answer)).or_default() += 1;
        for svc in &answer.mirrored {
            *tally.entry(CountKey::Mirror(*svc)).or_default() += 1;
        }
        retries += u64::from(answer.tries.saturating_sub(1));
        if answer.verdict != Verdict::Allowed || answer.status.is_some_and(|s| s >= 500) {
            failed_requests += 1;
        }
        if first.is_none() {
            first = Some(answer);
        }
    }
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (key, n) in tally {
        // A Service and a pod may share `NS/NAME`: their requests add up under that name.
        *counts.entry(key.name(cluster)).or_default() += n;
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
        failed_requests,
        retries,
        encrypted: a.encrypted,
        client_identity: a.client_identity,
        tries: a.tries,
        latency_us: match a.waited_ms {
            // A proxy timed the wait: the path's cost per try, plus that wait.
            Some(ms) => {
                latency::request_us(&a.trace.hops, a.tries, 0, a.outcome, false) + ms * 1000
            }
            None => latency::request_us(
                &a.trace.hops,
                a.tries,
                probe.delay_ms,
                a.outcome,
                a.backend.is_some(),
            ),
        },
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
        Outcome::DnsFailure => "dns-failure",
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
        // A Gateway's HTTP and HTTPS listeners; its TCP, TLS and UDP listeners forward bytes.
        Target::Gateway(g) => cluster.gateways.get(*g).is_some_and(|gw| {
            let port = port.or_else(|| gw.listeners.first().map(|l| l.port));
            gw.listeners
                .iter()
                .filter(|l| Some(l.port) == port)
                .any(|l| l.protocol == "HTTP" || l.protocol == "HTTPS")
        }),
        Target::IstioGateway(_) => true,
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

pub(crate) fn service_port(
    svc: &crate::sim::model::Service,
    port: Option<u16>,
) -> Option<&crate::sim::model::ServicePort> {
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

/// The cluster DNS: a kube-system pod labelled `k8s-app: kube-dns` (CoreDNS), if modeled.
pub(crate) fn kube_dns(cluster: &Cluster) -> Option<PodId> {
    let ns = cluster.namespace("kube-system")?;
    cluster
        .pods
        .iter()
        .position(|p| p.ns == ns && p.labels.get("k8s-app").is_some_and(|v| v == "kube-dns"))
}

/// Cilium's DNS proxy, when an L7 `dns` rule covers the client's lookups: a name no rule
/// admits is answered REFUSED (layer7.rst), so the client cannot resolve it; an admitted one
/// is learned for the endpoint's toFQDNs rules. `false` = refused (the answer says how).
fn dns_proxy(
    cluster: &Cluster,
    answer: &mut Answer,
    client: PodId,
    dns: PodId,
    name: &str,
    target: &Target,
) -> bool {
    // The names the resolver asks for: an in-cluster name through the search domains
    // (`ndots:5`), an external one as written.
    let mut names = vec![name.to_owned()];
    if !matches!(target, Target::External(_) | Target::Unresolved(_))
        && let Some(p) = cluster.pods.get(client)
    {
        let ns = cluster.ns_name(p.ns);
        for suffix in [
            format!("{ns}.svc.cluster.local"),
            "svc.cluster.local".to_owned(),
            "cluster.local".to_owned(),
        ] {
            names.push(format!("{name}.{suffix}"));
        }
    }
    let Some((admitted, by)) =
        cilium::dns_proxy(cluster, &cluster.mesh.cilium_policies, client, dns, &names)
    else {
        return true;
    };
    let component = answer
        .trace
        .label(|| format!("cilium DNS proxy ({})", path::node_name(cluster, client)));
    if admitted {
        hop!(
            answer.trace,
            component,
            "allow",
            false,
            text!(
                "DNS query {name} from {} to {}: a rules.dns pattern of {by} admits it",
                cluster.pod_display(client),
                cluster.pod_display(dns)
            ),
        );
        return true;
    }
    hop!(
        answer.trace,
        component,
        "refuse",
        false,
        text!(
            "DNS query {name} from {} to {}: REFUSED, no rules.dns pattern of {by} admits it",
            cluster.pod_display(client),
            cluster.pod_display(dns)
        ),
    );
    // The egress hop that let the query out already names the rule.
    if !answer.trace.decided_by.contains(&by) {
        answer.trace.decided(vec![by]);
    }
    answer.denied(Outcome::DnsFailure, None);
    false
}

/// The client as the trace names it, and as policies see it.
fn client_of(cluster: &Cluster, client: Client) -> Result<(String, Endpoint<'_>), ProbeError> {
    Ok(match client {
        Client::Pod(p) => (
            text!("pod {}", cluster.pod_display(p)),
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
    })
}

/// One request of a probe.
fn one<'a>(
    cluster: &'a Cluster,
    session: &mut Session,
    shared: &'a Shared<'a>,
    now_s: f64,
    mut trace: Trace,
) -> Result<Answer, ProbeError> {
    let Shared {
        client,
        ref client_name,
        source,
        ref target,
        port,
        protocol,
        ref http,
        delay_ms,
        ref dns_name,
        ref pace,
        interval_s: _,
    } = *shared;
    let (http, dns_name) = (http.as_ref(), dns_name.as_deref());
    hop!(
        trace,
        client_name.clone(),
        "send",
        false,
        match http {
            Some(h) => text!("{} {} ({protocol})", h.method, h.path),
            None => text!("new {protocol} connection"),
        },
    );
    let client_name = Cow::Borrowed(client_name.as_str());
    let mut answer = Answer::new(trace);
    // A name is looked up through kube-dns first: egress that blocks UDP 53 to kube-dns breaks
    // every name (NOTES.md NetworkPolicy 11, recipe 11).
    if let (Some(name), Client::Pod(p)) = (dns_name, client)
        && let Some(dns) = kube_dns(cluster)
        && let Some(dst) = Endpoint::pod(cluster, dns)
    {
        let passed =
            crate::sim::eval::cni::egress(cluster, &mut answer, p, &dst, 53, Protocol::Udp);
        if let Some(h) = answer.trace.hops.last_mut() {
            h.reason = format!(
                "DNS lookup of {name} (53/UDP to {}): {}",
                cluster.pod_display(dns),
                h.reason
            );
        }
        if !passed {
            // The query never came back: the client cannot resolve the name (curl: "Could not
            // resolve host"), whatever policy dropped the query.
            answer.failed(Outcome::DnsFailure, None);
            return Ok(answer);
        }
        if cluster.mesh.cilium_cni && !dns_proxy(cluster, &mut answer, p, dns, name, target) {
            return Ok(answer);
        }
    }
    let ctx = path::Ctx {
        cluster,
        http: http.map(|h| (h.request(), h.host.as_deref(), h.grpc)),
        delay_ms,
        pace,
        now_s,
    };
    match target {
        Target::Unresolved(name) => {
            hop!(
                answer.trace,
                "kube-dns".to_owned(),
                "nxdomain",
                false,
                text!("no such name: {name} (NXDOMAIN after the search domains)"),
            );
            answer.failed(Outcome::DnsFailure, None);
        }
        Target::Pod(p) => {
            let pod = cluster
                .pods
                .get(*p)
                .ok_or_else(|| ProbeError("unknown pod".to_owned()))?;
            let port = port
                .or_else(|| pod.ports.first().map(|c| c.port))
                .unwrap_or(80);
            path::deliver(
                &ctx,
                &mut answer,
                Delivery {
                    source,
                    source_name: client_name,
                    pod: *p,
                    port,
                    protocol,
                    service: None,
                    rule: None,
                    via_gateway: false,
                    istio_route: None,
                    client_tls: None,
                },
            );
        }
        // A Service's virtual IP translates its ports only: nothing answers a ping to it.
        Target::Service(s)
            if protocol == Protocol::Icmp
                && cluster.services.get(*s).is_some_and(|svc| !svc.headless()) =>
        {
            hop!(
                answer.trace,
                text!("Service {}", cluster.svc_ref(*s)),
                "drop",
                false,
                "a Service's virtual IP answers no ICMP echo request (only its ports are translated)"
                    .to_owned(),
            );
            answer.failed(Outcome::Timeout, None);
        }
        Target::Service(s) => to_service(
            &ctx,
            session,
            &mut answer,
            client,
            source,
            client_name,
            *s,
            port,
            protocol,
        ),
        Target::Gateway(g) => to_gateway(&ctx, session, &mut answer, client, *g, port, protocol),
        Target::IstioGateway(g) => crate::sim::eval::istio_gateway::to_istio_gateway(
            &ctx,
            session,
            &mut answer,
            client,
            *g,
            port,
            protocol,
        ),
        Target::Node(n) => {
            let ip = cluster
                .nodes
                .get(*n)
                .map(|n| n.ip)
                .ok_or_else(|| ProbeError("unknown node".to_owned()))?;
            let to = path::leave(
                &ctx,
                &mut answer,
                client,
                Some(ip),
                None,
                port.unwrap_or(80),
                protocol,
            );
            redirected(
                &ctx,
                session,
                &mut answer,
                client,
                source,
                client_name,
                to,
                protocol,
            );
        }
        Target::External(name) => {
            let ip = name.parse::<IpAddr>().ok();
            // A sidecar client applies a VirtualService on the external host (ServiceEntry).
            if let (Client::Pod(pod), Some((req, host, _)), None) = (client, ctx.http, ip)
                && path::profile(cluster, Some(pod))
                    == crate::sim::model::mesh::Profile::IstioSidecar
                && let Some(vs_i) = virtual_service::for_external(cluster, name)
                && let Some(vs) = cluster.mesh.virtual_services.get(vs_i)
            {
                let port = port.unwrap_or(80);
                let asker = virtual_service::Asker {
                    pod: Some(pod),
                    gateway: None,
                    request: req,
                    host: host.unwrap_or(name),
                    port,
                };
                let proxy = answer
                    .trace
                    .label(|| hop_label::istio_sidecar(cluster, pod, Leg::Outbound));
                match virtual_service::select(cluster, vs, &asker) {
                    Some(route_i) => virtual_service::route(
                        &ctx,
                        session,
                        &mut answer,
                        client,
                        source,
                        client_name,
                        vs_i,
                        route_i,
                        proxy,
                        port,
                        false,
                    ),
                    None => answer.proxy_status(proxy, 404, || {
                        text!(
                            "no http route of VirtualService {}/{} matches",
                            cluster.ns_name(vs.ns),
                            vs.name
                        )
                    }),
                }
                return Ok(answer);
            }
            let fqdn = ip.is_none().then_some(name.as_str());
            let to = path::leave(
                &ctx,
                &mut answer,
                client,
                ip,
                fqdn,
                port.unwrap_or(80),
                protocol,
            );
            redirected(
                &ctx,
                session,
                &mut answer,
                client,
                source,
                client_name,
                to,
                protocol,
            );
        }
    }
    Ok(answer)
}

/// A connection the client's mesh sent back into the cluster goes on to that Service.
#[allow(clippy::too_many_arguments)]
fn redirected<'a>(
    ctx: &path::Ctx<'a>,
    session: &mut Session,
    answer: &mut Answer,
    client: Client,
    source: Endpoint<'a>,
    client_name: Cow<'a, str>,
    to: Option<path::Redirect>,
    protocol: Protocol,
) {
    if let Some(to) = to {
        to_service(
            ctx,
            session,
            answer,
            client,
            source,
            client_name,
            to.svc,
            Some(to.port),
            protocol,
        );
    }
}
