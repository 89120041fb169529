//! Mesh proxies deciding on a request: Linkerd's inbound policy, Istio's sidecar / ztunnel /
//! waypoint authorization, and mesh egress control; each denial in the shape the client sees.

use std::net::IpAddr;

use crate::sim::eval::hop_label::{self, HopLabel};
use crate::sim::eval::http_route;
use crate::sim::eval::istio::{self, Enforcer};
use crate::sim::eval::linkerd;
use crate::sim::eval::linkerd_egress;
use crate::sim::eval::outcome::{Leg, Outcome};
use crate::sim::eval::pace::Limiter;
use crate::sim::eval::path::{Ctx, Redirect, profile};
use crate::sim::eval::probe::{Answer, hop, text};
use crate::sim::model::istio::MtlsMode;
use crate::sim::model::istio::{Attachment, AuthorizationPolicy, ROOT_NAMESPACE};
use crate::sim::model::linkerd::{
    AuthzTarget, DefaultPolicy, MeshTlsAuthentication, NetworkAuthentication, ProxyProtocol,
    Server, ServerPort,
};
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, HttpRoute, ParentKind, Pod, PodId, ProbeAction, SvcId};

/// A denial by a proxy, in the shape the client sees.
pub(crate) fn proxy_deny(
    answer: &mut Answer,
    component: impl Into<HopLabel>,
    shape: Outcome,
    status: Option<u16>,
    decided_by: Vec<String>,
    reason: String,
) {
    let decision = match shape {
        Outcome::Reset => "reset",
        Outcome::Refused => "refuse",
        _ => "deny",
    };
    answer.trace.hop(component, decision, false, reason);
    answer.trace.decided(decided_by);
    answer.denied(shape, status);
}

/// An HTTP-level denial: 403, or gRPC PERMISSION_DENIED (HTTP 200, grpc-status 7).
pub(crate) fn http_deny(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    component: impl Into<HopLabel>,
    decided_by: Vec<String>,
    reason: String,
) {
    let grpc = ctx.http.is_some_and(|(_, _, g)| g);
    proxy_deny(
        answer,
        component,
        Outcome::HttpError,
        Some(if grpc { 200 } else { 403 }),
        decided_by,
        reason,
    );
    if grpc {
        answer.grpc_status = Some(7);
    }
}

/// An Istio proxy (sidecar, waypoint or ztunnel) refusing a request: an L7 proxy that parsed
/// HTTP answers 403 "RBAC: access denied"; at L4 the connection is closed (curl exit 56).
pub(crate) fn istio_deny(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    component: impl Into<HopLabel>,
    decision: istio::AuthzDecision,
    as_http: bool,
) {
    if as_http {
        http_deny(
            ctx,
            answer,
            component,
            decision.decided_by,
            text!("RBAC: access denied ({})", decision.reason),
        )
    } else {
        proxy_deny(
            answer,
            component,
            Outcome::Reset,
            None,
            decision.decided_by,
            decision.reason,
        )
    }
}

fn istio_policies_for_pod<'a>(
    cluster: &'a Cluster,
    pod: PodId,
) -> impl Iterator<Item = (&'a AuthorizationPolicy, String)> + 'a {
    let p = cluster.pods.get(pod);
    let root = cluster.namespace(ROOT_NAMESPACE);
    cluster
        .mesh
        .authorization_policies
        .iter()
        .filter_map(move |ap| {
            let p = p?;
            let applies = match &ap.attachment {
                Attachment::Workloads(sel) => {
                    (ap.ns == p.ns || Some(ap.ns) == root)
                        && sel.as_ref().is_none_or(|s| s.matches(&p.labels))
                }
                Attachment::Targets(_) => false,
            };
            applies.then(|| (ap, text!("{}/{}", cluster.ns_name(ap.ns), ap.name)))
        })
}

pub(crate) fn istio_policies_for_waypoint<'a>(
    cluster: &'a Cluster,
    svc: SvcId,
    waypoint: usize,
) -> impl Iterator<Item = (&'a AuthorizationPolicy, String)> + 'a {
    let s = cluster.services.get(svc);
    let wp = cluster.gateways.get(waypoint);
    cluster
        .mesh
        .authorization_policies
        .iter()
        .filter_map(move |ap| {
            let (s, wp) = (s?, wp?);
            let applies = match &ap.attachment {
                Attachment::Targets(targets) => targets.iter().any(|(kind, name)| {
                    (kind == "Service" && *name == s.name && ap.ns == s.ns)
                        || (kind == "Gateway" && *name == wp.name && ap.ns == wp.ns)
                }),
                Attachment::Workloads(_) => false,
            };
            applies.then(|| (ap, text!("{}/{}", cluster.ns_name(ap.ns), ap.name)))
        })
}

pub(crate) fn request_view<'a>(
    ctx: &Ctx<'a>,
    principal: Option<&'a str>,
    ip: IpAddr,
    port: u16,
    host: &'a str,
) -> istio::Request<'a> {
    istio::Request {
        principal,
        source_ip: ip,
        port,
        http: ctx.http.map(|(r, _, _)| (r.method, r.path, host)),
        headers: ctx.http.map_or(&[], |(r, _, _)| r.headers),
        jwt: None,
    }
}

/// The annotation that sets a default inbound policy on a pod or its namespace.
const DEFAULT_POLICY_ANNOTATION: &str = "config.linkerd.io/default-inbound-policy";
/// The annotation that marks ports opaque on a pod or its namespace.
const OPAQUE_PORTS_ANNOTATION: &str = "config.linkerd.io/opaque-ports";

/// A pod annotation, else its namespace's (Linkerd reads both when the proxy starts).
fn pod_or_namespace<'a>(cluster: &'a Cluster, p: &'a Pod, key: &str) -> Option<&'a String> {
    p.annotations.get(key).or_else(|| {
        cluster
            .namespaces
            .get(p.ns)
            .and_then(|n| n.annotations.get(key))
    })
}

/// The pod's default inbound policy: its own annotation, else its namespace's, else the
/// cluster's install value, else `all-unauthenticated` (authorization-policy.md "Default
/// policies").
pub(crate) fn default_policy(cluster: &Cluster, p: &Pod) -> DefaultPolicy {
    pod_or_namespace(cluster, p, DEFAULT_POLICY_ANNOTATION)
        .and_then(|v| DefaultPolicy::parse(v))
        .or(cluster.mesh.linkerd_default_policy)
        .unwrap_or(DefaultPolicy::AllUnauthenticated)
}

/// The ports Linkerd treats as opaque unless annotated otherwise (values.yaml
/// `proxy.opaquePorts`: SMTP, MySQL, Galera, PostgreSQL, Redis, Elasticsearch, Memcached).
const DEFAULT_OPAQUE_PORTS: &str = "25,587,3306,4444,5432,6379,9300,11211";

/// Is the port opaque for this pod: listed in its (or its namespace's)
/// `config.linkerd.io/opaque-ports` (numbers and `LOW-HIGH` ranges), else in the defaults?
fn opaque_port(cluster: &Cluster, p: &Pod, port: u16) -> bool {
    let list = pod_or_namespace(cluster, p, OPAQUE_PORTS_ANNOTATION)
        .map_or(DEFAULT_OPAQUE_PORTS, String::as_str);
    list.split(',')
        .map(str::trim)
        .any(|item| match item.split_once('-') {
            Some((lo, hi)) => lo
                .parse::<u16>()
                .ok()
                .zip(hi.parse::<u16>().ok())
                .is_some_and(|(lo, hi)| (lo..=hi).contains(&port)),
            None => item.parse::<u16>() == Ok(port),
        })
}

/// Is this request one of the kubelet's HTTP probes of the pod on this port (GET on a probe's
/// exact path)? The policy controller gives those paths a `probe` route authorized from the
/// probe networks, everything by default (linkerd2 policy-controller inbound/index.rs
/// `default_inbound_http_routes`, workload.rs `pod_http_probes`; values.yaml `probeNetworks`).
fn is_probe(p: &Pod, port: u16, method: &str, path: &str) -> bool {
    method == "GET" && p.probes.iter().any(|probe| {
        matches!(&probe.action, ProbeAction::Http { path: probe_path, .. } if probe_path == path)
            && p.probe_port(&probe.action) == Some(port)
    })
}

/// Linkerd's denial of a request or connection: 403 (gRPC PermissionDenied) when the proxy
/// knows it is HTTP, else the connection is refused (server-policy.md "Policy rejections").
fn linkerd_deny(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    http: bool,
    component: HopLabel,
    decided_by: Vec<String>,
    reason: String,
) {
    if http {
        http_deny(ctx, answer, component, decided_by, reason)
    } else {
        proxy_deny(
            answer,
            component,
            Outcome::Refused,
            None,
            decided_by,
            reason,
        )
    }
}

/// The Server that describes this port of the pod, if any.
fn server_of<'a>(cluster: &'a Cluster, p: &Pod, port: u16) -> Option<&'a Server> {
    cluster.mesh.servers.iter().find(|s| {
        s.ns == p.ns
            && s.selector.matches(&p.labels)
            && match &s.port {
                ServerPort::Number(n) => *n == port,
                ServerPort::Name(name) => p.named_port(name, Protocol::Tcp) == Some(port),
            }
    })
}

/// Linkerd's inbound proxy: Server, routes and authorizations, or the default policy, then
/// the Server's rate limit. `false` = denied (the answer says how; stop there).
pub(crate) fn linkerd_inbound(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    pod: PodId,
    port: u16,
    client: linkerd::Client<'_>,
) -> bool {
    linkerd_authorize(ctx, answer, pod, port, client)
        && linkerd_rate_limit(ctx, answer, pod, port, client)
}

/// An HTTPLocalRateLimitPolicy on the request's Server, checked after authorization: the
/// total rate, then the client's override or its identity's rate (linkerd2-proxy
/// proxy/server-policy/src/local_rate_limit.rs); over it, 429 (gRPC ResourceExhausted).
fn linkerd_rate_limit(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    pod: PodId,
    port: u16,
    client: linkerd::Client<'_>,
) -> bool {
    let cluster = ctx.cluster;
    let (Some(p), Some(_)) = (cluster.pods.get(pod), ctx.http) else {
        return true;
    };
    let Some(server) = server_of(cluster, p, port).filter(|s| s.protocol != ProxyProtocol::Opaque)
    else {
        return true;
    };
    let Some((i, policy)) = cluster
        .mesh
        .rate_limits
        .iter()
        .enumerate()
        .find(|(_, r)| r.ns == server.ns && r.server == server.name)
    else {
        return true;
    };
    let mut pace = ctx.pace.borrow_mut();
    let now = ctx.now_s;
    let exceeded = if let Some(total) = policy.total
        && !pace.admit(i, Limiter::Total, total, now)
    {
        Some(text!("total rate limit exceeded: {total}rps"))
    } else if let Some((rps, _)) = client.identity.and_then(|id| {
        policy
            .overrides
            .iter()
            .find(|(_, ids)| ids.iter().any(|x| x == id))
    }) {
        let id = client.identity.unwrap_or_default().to_owned();
        (!pace.admit(i, Limiter::Override(id), *rps, now))
            .then(|| text!("override rate limit exceeded: {rps}rps"))
    } else if let Some(rps) = policy.identity {
        let id = client.identity.map(str::to_owned);
        (!pace.admit(i, Limiter::Identity(id), rps, now))
            .then(|| text!("per-identity rate limit exceeded: {rps}rps"))
    } else {
        None
    };
    let Some(why) = exceeded else {
        return true;
    };
    let by = text!(
        "HTTPLocalRateLimitPolicy {}/{}",
        cluster.ns_name(policy.ns),
        policy.name
    );
    let component = answer
        .trace
        .label(|| hop_label::linkerd_proxy(cluster, pod, Leg::Inbound));
    let grpc = ctx.http.is_some_and(|(_, _, g)| g);
    proxy_deny(
        answer,
        component,
        Outcome::HttpError,
        Some(if grpc { 200 } else { 429 }),
        vec![by.clone()],
        text!("{by}: {why}"),
    );
    if grpc {
        answer.grpc_status = Some(8);
    }
    false
}

/// Linkerd's inbound authorization: Server, routes and authorizations, or the default policy.
fn linkerd_authorize(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    pod: PodId,
    port: u16,
    client: linkerd::Client<'_>,
) -> bool {
    let cluster = ctx.cluster;
    let Some(p) = cluster.pods.get(pod) else {
        return true;
    };
    let component = answer
        .trace
        .label(|| hop_label::linkerd_proxy(cluster, pod, Leg::Inbound));
    let m = &cluster.mesh;
    let server = server_of(cluster, p, port);
    // Opaque ports get no HTTP routes: only Server-level authorizations, per connection.
    let opaque = match server {
        Some(s) => s.protocol == ProxyProtocol::Opaque,
        None => opaque_port(cluster, p, port),
    };
    let http = ctx.http.filter(|_| !opaque);
    let ns_name = cluster.ns_name(p.ns);
    let routes: Vec<usize> = match server {
        Some(server) if http.is_some() => cluster
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r): &(usize, &HttpRoute)| {
                r.parents.iter().any(|pr| {
                    pr.kind == ParentKind::Server && pr.name == server.name && pr.ns == ns_name
                })
            })
            .map(|(i, _)| i)
            .collect(),
        _ => Vec::new(),
    };
    // Without routes on the port, the kubelet's probes are authorized by default.
    if routes.is_empty()
        && let Some((req, _, _)) = http
        && is_probe(p, port, req.method, req.path)
    {
        if answer.trace.recording() {
            let on = server.map_or_else(
                || text!("default:{}", default_policy(cluster, p).name()),
                |s| text!("Server {}/{}", ns_name, s.name),
            );
            answer.trace.hop(
                component,
                "allow",
                false,
                text!("{on}: probe route {} authorized by default/probe", req.path),
            );
            answer.trace.decided(["default/probe".to_owned()]);
        }
        return true;
    }
    let Some(server) = server else {
        let policy = default_policy(cluster, p);
        let rule = text!("default policy {}", policy.name());
        if linkerd::default_allows(policy, &client) {
            hop!(
                answer.trace,
                component,
                "allow",
                false,
                text!("no Server: {rule} allows"),
            );
            return true;
        }
        let reason = text!("no Server: {rule} denies this client");
        linkerd_deny(ctx, answer, http.is_some(), component, vec![rule], reason);
        return false;
    };
    let server_ref = text!("Server {}/{}", ns_name, server.name);
    let mut targets = vec![
        AuthzTarget::Server(server.name.clone()),
        AuthzTarget::Namespace,
    ];
    let mut route_ref = None;
    if let Some((req, _, _)) = http
        && !routes.is_empty()
    {
        let Some(sel) = http_route::select(cluster, &routes, &req) else {
            // A Server with routes answers 404 to a request no route matches.
            proxy_deny(
                answer,
                component,
                Outcome::HttpError,
                Some(404),
                vec![server_ref],
                "no HTTPRoute of the Server matches".to_owned(),
            );
            return false;
        };
        if let Some(r) = cluster.routes.get(sel.route) {
            targets.push(AuthzTarget::Route(r.name.clone()));
            route_ref = Some(text!("HTTPRoute {}/{}", cluster.ns_name(r.ns), r.name));
        }
    }
    let meshtls: Vec<(&str, &MeshTlsAuthentication)> = m
        .meshtls
        .iter()
        .map(|a| (cluster.ns_name(a.ns), a))
        .collect();
    let networks: Vec<(&str, &NetworkAuthentication)> = m
        .network_authns
        .iter()
        .map(|a| (cluster.ns_name(a.ns), a))
        .collect();
    let by_policy = m
        .linkerd_authz
        .iter()
        .find(|a| {
            a.ns == server.ns
                && targets.contains(&a.target)
                && a.required
                    .iter()
                    .all(|r| linkerd::authn_satisfied(r, ns_name, &meshtls, &networks, &client))
        })
        .map(|a| ("AuthorizationPolicy", a.ns, &a.name));
    let allowing = by_policy.or_else(|| {
        m.server_authorizations
            .iter()
            .find(|a| a.selects(server) && linkerd::server_authz_allows(a, &client))
            .map(|a| ("ServerAuthorization", a.ns, &a.name))
    });
    if let Some((kind, ns, name)) = allowing {
        if answer.trace.recording() {
            let by = text!("{kind} {}/{name}", cluster.ns_name(ns));
            answer.trace.hop(
                component,
                "allow",
                false,
                text!("{server_ref}: allowed by {by}"),
            );
            answer.trace.decided([by]);
        }
        return true;
    }
    if server.access == DefaultPolicy::Audit {
        hop!(
            answer.trace,
            component,
            "allow",
            false,
            text!("{server_ref}: accessPolicy audit (would deny)"),
        );
        return true;
    }
    if server.access != DefaultPolicy::Deny && linkerd::default_allows(server.access, &client) {
        hop!(
            answer.trace,
            component,
            "allow",
            false,
            text!(
                "{server_ref}: allowed by accessPolicy {}",
                server.access.name()
            ),
        );
        return true;
    }
    let mut decided_by = vec![server_ref.clone()];
    decided_by.extend(route_ref);
    let reason = text!("{server_ref}: no authorization matches this client");
    linkerd_deny(ctx, answer, http.is_some(), component, decided_by, reason);
    false
}

/// Istio inbound at a sidecar or the destination ztunnel: PeerAuthentication, then
/// AuthorizationPolicy.
#[allow(clippy::too_many_arguments)]
pub(crate) fn istio_inbound(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    pod: PodId,
    port: u16,
    principal: Option<&str>,
    source_ip: IpAddr,
    enforcer: Enforcer,
    host: &str,
) -> bool {
    let cluster = ctx.cluster;
    let Some(p) = cluster.pods.get(pod) else {
        return true;
    };
    let component = answer.trace.label(|| match enforcer {
        Enforcer::Ztunnel => hop_label::ztunnel(cluster, pod, Leg::Inbound),
        _ => hop_label::istio_sidecar(cluster, pod, Leg::Inbound),
    });
    let root = cluster.namespace(ROOT_NAMESPACE);
    let (mode, pa) = istio::mtls_mode(
        &cluster.mesh.peer_authentications,
        p.ns,
        root,
        &p.labels,
        port,
    );
    // STRICT refuses plaintext: the client sees a reset, no HTTP status. Ambient ignores DISABLE.
    if mode == MtlsMode::Strict && principal.is_none() {
        let by = pa
            .map(|n| text!("PeerAuthentication {n}"))
            .into_iter()
            .collect();
        proxy_deny(
            answer,
            component,
            Outcome::Reset,
            None,
            by,
            "STRICT mTLS: plaintext connection rejected".to_owned(),
        );
        return false;
    }
    let jwt = match request_jwt(ctx, answer, &component, pod, enforcer) {
        Ok(jwt) => jwt,
        Err(()) => return false,
    };
    let mut req = request_view(ctx, principal, source_ip, port, host);
    req.jwt = jwt.as_ref();
    let decision = istio::authorize(istio_policies_for_pod(cluster, pod), enforcer, &req);
    if decision.allowed {
        answer.trace.hop(component, "allow", false, decision.reason);
        answer.trace.decided(decision.decided_by);
        return true;
    }
    let as_http = enforcer == Enforcer::Sidecar && ctx.http.is_some();
    istio_deny(ctx, answer, component, decision, as_http);
    false
}

/// What a client's mesh proxy does with a connection leaving the cluster.
pub(crate) enum Egress {
    Out,
    /// Denied: the answer says how.
    Stop,
    /// A route sends it to a Service in the cluster instead.
    Redirect(Redirect),
}

/// The JWT of an HTTP request, validated by the RequestAuthentications that select the pod
/// (its namespace's and the root namespace's). A token none of them accepts is answered 401
/// (Envoy jwt_authn); a request without a token passes with no request principal.
fn request_jwt(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    component: &HopLabel,
    pod: PodId,
    enforcer: Enforcer,
) -> Result<Option<crate::sim::eval::jwt::Jwt>, ()> {
    let cluster = ctx.cluster;
    let (Some((req, _, _)), Some(p), Enforcer::Sidecar) =
        (ctx.http, cluster.pods.get(pod), enforcer)
    else {
        return Ok(None);
    };
    let root = cluster.namespace(ROOT_NAMESPACE);
    let applying: Vec<_> = cluster
        .mesh
        .request_authentications
        .iter()
        .filter(|ra| {
            (ra.ns == p.ns || Some(ra.ns) == root)
                && ra.selector.as_ref().is_none_or(|s| s.matches(&p.labels))
        })
        .collect();
    let Some(token) = crate::sim::eval::jwt::bearer(req.headers) else {
        return Ok(None);
    };
    if applying.is_empty() {
        return Ok(None);
    }
    let rules: Vec<_> = applying.iter().flat_map(|ra| &ra.rules).collect();
    match crate::sim::eval::jwt::validate(token, &rules) {
        Ok(jwt) => Ok(Some(jwt)),
        Err(why) => {
            let by = applying
                .iter()
                .map(|ra| {
                    text!(
                        "RequestAuthentication {}/{}",
                        cluster.ns_name(ra.ns),
                        ra.name
                    )
                })
                .collect();
            proxy_deny(
                answer,
                component.clone(),
                Outcome::HttpError,
                Some(401),
                by,
                text!("{why}"),
            );
            Err(())
        }
    }
}

/// Is the pod's sidecar REGISTRY_ONLY? The Sidecar that selects the pod (by workloadSelector,
/// else its namespace's, else the root namespace's) decides when it sets a mode; otherwise the
/// mesh config (istio/api networking/v1alpha3/sidecar.proto OutboundTrafficPolicy).
/// Some(what decided) when it is.
fn registry_only(cluster: &Cluster, pod: PodId) -> Option<String> {
    let mesh_config = || {
        cluster
            .mesh
            .istio_registry_only
            .then(|| "MeshConfig outboundTrafficPolicy REGISTRY_ONLY".to_owned())
    };
    let Some(p) = cluster.pods.get(pod) else {
        return mesh_config();
    };
    let root = cluster.namespace(ROOT_NAMESPACE);
    let sidecars = &cluster.mesh.sidecars;
    let by_selector = sidecars.iter().find(|s| {
        s.ns == p.ns
            && s.selector
                .as_ref()
                .is_some_and(|l| l.iter().all(|(k, v)| p.labels.get(k) == Some(v)))
    });
    let by_namespace = || {
        sidecars
            .iter()
            .find(|s| s.ns == p.ns && s.selector.is_none())
    };
    let by_root = || {
        sidecars
            .iter()
            .find(|s| Some(s.ns) == root && s.selector.is_none())
    };
    match by_selector.or_else(by_namespace).or_else(by_root) {
        Some(s) if s.registry_only.is_some() => (s.registry_only == Some(true)).then(|| {
            text!(
                "Sidecar {}/{} outboundTrafficPolicy REGISTRY_ONLY",
                cluster.ns_name(s.ns),
                s.name
            )
        }),
        _ => mesh_config(),
    }
}

/// Mesh egress control for a meshed client leaving the cluster: Istio REGISTRY_ONLY (502 for
/// HTTP, connection closed otherwise) and Linkerd EgressNetworks (their routes, then the
/// traffic policy).
pub(crate) fn mesh_egress(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    src: PodId,
    ip: Option<IpAddr>,
    name: Option<&str>,
    port: u16,
) -> Egress {
    let cluster = ctx.cluster;
    let m = &cluster.mesh;
    match profile(cluster, Some(src)) {
        Profile::IstioSidecar if let Some(decider) = registry_only(cluster, src) => {
            let host = name
                .map(str::to_owned)
                .or_else(|| ip.map(|i| i.to_string()))
                .unwrap_or_default();
            let known = m.service_entry_hosts.iter().any(|(h, ports)| {
                (*h == host
                    || h.strip_prefix('*')
                        .is_some_and(|suffix| host.ends_with(suffix)))
                    && (ports.is_empty() || ports.contains(&port))
            });
            if known {
                return Egress::Out;
            }
            let by = vec![decider];
            let component = hop_label::istio_sidecar(cluster, src, Leg::Outbound);
            let reason = text!(
                "{host}:{port} is not in the registry (no ServiceEntry for it): BlackHoleCluster"
            );
            if ctx.http.is_some() {
                proxy_deny(answer, component, Outcome::HttpError, Some(502), by, reason)
            } else {
                proxy_deny(answer, component, Outcome::Reset, None, by, reason)
            };
            Egress::Stop
        }
        Profile::Linkerd => linkerd_egress::decide(ctx, answer, src, ip, name, port),
        _ => Egress::Out,
    }
}
