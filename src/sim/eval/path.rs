//! The network path of one connection once its destination pod is known: the client's data
//! plane (sidecar, ztunnel, waypoint), the CNI at both ends (NetworkPolicy, and
//! CiliumNetworkPolicy when Cilium is the CNI), the server's data plane (Linkerd / Istio
//! inbound policy), the application, then retries and timeouts. Each denial takes the shape the
//! client really sees (MESH-NOTES.md §0).

use std::borrow::Cow;
use std::net::IpAddr;

use crate::sim::eval::cilium;
use crate::sim::eval::cni::{
    cni_component, cni_decide, drop_at, egress, egress_named, mutual_auth, remote_of,
};
use crate::sim::eval::hop_label::{self, HopLabel};
use crate::sim::eval::http_route::HttpRequest;
use crate::sim::eval::inbound::{
    Egress, istio_deny, istio_inbound, istio_policies_for_waypoint, linkerd_inbound, mesh_egress,
    proxy_deny, request_view,
};
use crate::sim::eval::istio::{self, Enforcer};
use crate::sim::eval::linkerd;
use crate::sim::eval::netpol::{Direction, Endpoint};
use crate::sim::eval::outcome::{Leg, Outcome, Verdict};
use crate::sim::eval::probe::{Answer, Delivery, hop, text};
use crate::sim::eval::refs::Client;
use crate::sim::eval::virtual_service;
use crate::sim::model::istio::{MtlsMode, ROOT_NAMESPACE};
use crate::sim::model::istio_traffic::{INGRESS_GATEWAY_PRINCIPAL, TlsMode};
use crate::sim::model::linkerd::{ProfileRoute, ServiceProfile};
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, PodId, RetryPolicy};

/// What every step of a request may read.
pub(crate) struct Ctx<'a> {
    pub cluster: &'a Cluster,
    /// The HTTP request, its Host and whether it is gRPC; None for a plain connection.
    pub http: Option<(HttpRequest<'a>, Option<&'a str>, bool)>,
    /// How long the destination application takes to answer.
    pub delay_ms: u64,
    /// Retry budgets and rate limits the requests of a probe share.
    pub pace: &'a std::cell::RefCell<crate::sim::eval::pace::Pace>,
    /// When this request arrives, in seconds from the probe's first.
    pub now_s: f64,
}

pub(crate) fn profile(cluster: &Cluster, pod: Option<PodId>) -> Profile {
    pod.and_then(|p| cluster.mesh.pod_profile.get(p).copied())
        .unwrap_or(Profile::None)
}

pub(crate) fn node_name(cluster: &Cluster, pod: PodId) -> &str {
    cluster
        .pods
        .get(pod)
        .and_then(|p| cluster.nodes.get(p.node))
        .map_or("", |n| n.name.as_str())
}

/// `cluster.local/ns/NS/sa/SA`, the principal Istio policies match.
fn istio_principal(cluster: &Cluster, pod: PodId) -> Option<String> {
    let p = cluster.pods.get(pod)?;
    Some(text!(
        "cluster.local/ns/{}/sa/{}",
        cluster.ns_name(p.ns),
        p.service_account
    ))
}

fn linkerd_identity(cluster: &Cluster, pod: PodId) -> Option<String> {
    let p = cluster.pods.get(pod)?;
    Some(crate::sim::model::linkerd::identity(
        &p.service_account,
        cluster.ns_name(p.ns),
    ))
}

/// Who sets the client-side retry and timeout policy, as the trace names it.
enum PolicyOwner<'a> {
    /// The matched route rule, applied by a gateway or by the client's mesh proxy.
    Route {
        via_gateway: bool,
    },
    /// Retry and timeout annotations on the Service, applied by a Linkerd client's proxy.
    LinkerdService(crate::sim::model::SvcId),
    /// A Linkerd ServiceProfile (and the route of it the request matched, if any).
    ServiceProfile(&'a ServiceProfile, Option<&'a ProfileRoute>),
    IstioDefault,
    Nobody,
}

impl PolicyOwner<'_> {
    fn name(&self, cluster: &Cluster) -> String {
        match self {
            PolicyOwner::Route { via_gateway: true } => "gateway".to_owned(),
            PolicyOwner::Route { via_gateway: false } => "mesh proxy".to_owned(),
            PolicyOwner::LinkerdService(svc) => {
                text!(
                    "linkerd-proxy (Service {} annotations)",
                    cluster.svc_display(*svc)
                )
            }
            PolicyOwner::ServiceProfile(sp, route) => match route {
                Some(r) => text!(
                    "ServiceProfile {}/{} route {}",
                    cluster.ns_name(sp.ns),
                    sp.name,
                    r.name
                ),
                None => text!("ServiceProfile {}/{}", cluster.ns_name(sp.ns), sp.name),
            },
            PolicyOwner::IstioDefault => "Istio default retry policy".to_owned(),
            PolicyOwner::Nobody => String::new(),
        }
    }
}

/// The ServiceProfile a Linkerd client's proxy uses for the Service: one in the client's
/// namespace (a client-side override) before the Service's own. It takes precedence over
/// HTTPRoutes for the same Service (linkerd.io reference/httproute.md).
pub(crate) fn service_profile(
    cluster: &Cluster,
    client: PodId,
    svc: crate::sim::model::SvcId,
) -> Option<(usize, &ServiceProfile)> {
    let s = cluster.services.get(svc)?;
    let fqdn = text!("{}.{}.svc.cluster.local", s.name, cluster.ns_name(s.ns));
    let client_ns = cluster.pods.get(client)?.ns;
    let in_ns = |ns| {
        cluster
            .mesh
            .service_profiles
            .iter()
            .enumerate()
            .find(|(_, sp)| sp.ns == ns && sp.name == fqdn)
    };
    in_ns(client_ns).or_else(|| in_ns(s.ns))
}

/// The client-side retry and timeout policy for this request.
fn client_policy<'a>(
    cluster: &'a Cluster,
    d: &Delivery<'_>,
    src: Profile,
    via_waypoint: bool,
) -> (Option<RetryPolicy>, Option<u64>, PolicyOwner<'a>) {
    // A Linkerd client's proxy also reads the Service's annotations; a route's own win.
    let annotated = (src == Profile::Linkerd)
        .then(|| {
            cluster
                .mesh
                .linkerd_service_policies
                .iter()
                .find(|p| Some(p.svc) == d.service)
        })
        .flatten();
    let both = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(rule) = d.rule {
        // The app's answer time counts against both the whole request and one backend try.
        let timeout = both(rule.request_timeout_ms, rule.backend_timeout_ms)
            .or_else(|| annotated.and_then(|p| both(p.request_timeout_ms, p.response_timeout_ms)));
        let owner = PolicyOwner::Route {
            via_gateway: d.via_gateway,
        };
        let retries = rule
            .retries
            .clone()
            .or_else(|| annotated.and_then(|p| p.retries.clone()));
        return (retries, timeout, owner);
    }
    if let (Some(p), Some(svc)) = (annotated, d.service) {
        return (
            p.retries.clone(),
            both(p.request_timeout_ms, p.response_timeout_ms),
            PolicyOwner::LinkerdService(svc),
        );
    }
    let istio_client = src == Profile::IstioSidecar || via_waypoint;
    if istio_client && d.service.is_some() {
        // Istio's default route retries: 2 retries on connect-failure, refused-stream,
        // unavailable, cancelled - never on an application 5xx.
        return (
            Some(RetryPolicy {
                retries: 2,
                on_5xx: false,
            }),
            None,
            PolicyOwner::IstioDefault,
        );
    }
    (None, None, PolicyOwner::Nobody)
}

/// Deliver a connection to a pod.
pub(crate) fn deliver(ctx: &Ctx<'_>, answer: &mut Answer, d: Delivery<'_>) {
    let cluster = ctx.cluster;
    let Some(dst) = Endpoint::pod(cluster, d.pod) else {
        return;
    };
    let src_pod = d.source.pod;
    // A Gateway of class `istio` runs Istio's own Envoy, deployed as `NAME-istio` with that
    // ServiceAccount: it speaks mesh mTLS (HBONE to ambient pods) with that identity (Istio
    // Gateway API docs, automated deployment; ambient getting-started L4 policy). A classic
    // networking.istio.io Gateway's proxy is the installation's ingress gateway.
    let gateway_principal = (d.via_gateway && src_pod.is_none())
        .then(|| {
            let api = cluster
                .gateways
                .iter()
                .find(|g| g.proxy_ip == d.source.ip && g.class == "istio")
                .map(|g| {
                    text!(
                        "cluster.local/ns/{}/sa/{}-istio",
                        cluster.ns_name(g.ns),
                        g.name
                    )
                });
            api.or_else(|| {
                cluster
                    .mesh
                    .istio_gateways
                    .iter()
                    .any(|g| g.proxy_ip == d.source.ip)
                    .then(|| INGRESS_GATEWAY_PRINCIPAL.to_owned())
            })
        })
        .flatten();
    let src = match gateway_principal {
        Some(_) => Profile::IstioSidecar,
        None => profile(cluster, src_pod),
    };
    let dst_profile = profile(cluster, Some(d.pod));
    let host: Cow<'_, str> = ctx
        .http
        .and_then(|(_, h, _)| h)
        .or_else(|| {
            d.service
                .and_then(|s| cluster.services.get(s))
                .map(|s| s.name.as_str())
        })
        .map_or_else(|| Cow::Owned(cluster.pod_ref(d.pod)), Cow::Borrowed);
    // mTLS is automatic only when both ends are in the mesh (Linkerd automatic-mtls.md; Istio
    // auto mTLS, HBONE between ambient pods).
    let dst_pa_disabled = cluster.pods.get(d.pod).is_some_and(|p| {
        let root = cluster.namespace(ROOT_NAMESPACE);
        istio::mtls_mode(
            &cluster.mesh.peer_authentications,
            p.ns,
            root,
            &p.labels,
            d.port,
        )
        .0 == MtlsMode::Disable
    });
    // A DestinationRule's tls.mode overrides Istio's automatic choice for a sidecar client.
    let client_tls = (src == Profile::IstioSidecar)
        .then(|| {
            d.client_tls.or_else(|| {
                let client_ns = src_pod.and_then(|p| cluster.pods.get(p)).map(|p| p.ns);
                d.service
                    .and_then(|s| virtual_service::destination_rule(cluster, client_ns, s))
                    .and_then(|dr| dr.policy.tls)
            })
        })
        .flatten();
    // ISTIO_MUTUAL to a server that does not terminate Istio mTLS: the handshake fails.
    if client_tls == Some(TlsMode::IstioMutual)
        && (dst_profile != Profile::IstioSidecar && dst_profile != Profile::IstioAmbient
            || dst_profile == Profile::IstioSidecar && dst_pa_disabled)
    {
        return tls_handshake_failed(ctx, answer, src_pod);
    }
    let mtls = match (src, dst_profile) {
        (Profile::Linkerd, Profile::Linkerd) => true,
        (Profile::IstioSidecar, Profile::IstioSidecar) => match client_tls {
            Some(mode) => mode == TlsMode::IstioMutual,
            None => !dst_pa_disabled,
        },
        (Profile::IstioSidecar | Profile::IstioAmbient, Profile::IstioAmbient)
        | (Profile::IstioAmbient, Profile::IstioSidecar) => true,
        _ => false,
    };
    let identity = match (mtls, src) {
        (true, Profile::Linkerd) => src_pod.and_then(|p| linkerd_identity(cluster, p)),
        (true, _) => gateway_principal
            .clone()
            .or_else(|| src_pod.and_then(|p| istio_principal(cluster, p))),
        _ => None,
    };
    let waypoint = (src == Profile::IstioAmbient && dst_profile == Profile::IstioAmbient)
        .then(|| {
            d.service
                .and_then(|s| crate::sim::eval::mesh::waypoint_of(cluster, s))
        })
        .flatten();
    // 1. The client's data plane.
    if let Some(sp) = src_pod
        && answer.trace.recording()
    {
        let component = match src {
            Profile::Linkerd => Some(hop_label::linkerd_proxy(cluster, sp, Leg::Outbound)),
            Profile::IstioSidecar => Some(hop_label::istio_sidecar(cluster, sp, Leg::Outbound)),
            Profile::IstioAmbient => Some(hop_label::ztunnel(cluster, sp, Leg::Outbound)),
            Profile::Cilium | Profile::None => None,
        };
        if let Some(c) = component {
            let how = if mtls {
                "mTLS to the destination's proxy"
            } else {
                "plaintext: the destination has no mesh proxy"
            };
            answer.trace.hop(c, "forward", mtls, how.to_owned());
        }
    }
    answer.encrypted = mtls
        || ((cluster.mesh.wireguard || cluster.mesh.ipsec)
            && cluster.mesh.cilium_cni
            && src_pod.is_some_and(|s| {
                cluster.pods.get(s).map(|p| p.node) != cluster.pods.get(d.pod).map(|p| p.node)
            }));
    // Like the trace, the identity is reported for the probe's first request only.
    if answer.trace.recording() {
        answer.client_identity = match (mtls, src) {
            (false, _) => None,
            (true, Profile::Linkerd) => identity.clone(),
            (true, _) => identity.as_ref().map(|p| text!("spiffe://{p}")),
        };
    }
    // Ambient with a waypoint: L7 policy (targetRefs) at the waypoint; the destination
    // ztunnel then sees the waypoint's identity.
    let mut l4_principal = identity.clone();
    if let (Some(wp), Some(svc)) = (waypoint, d.service) {
        let gw = cluster.gateways.get(wp);
        let component = answer.trace.label(|| hop_label::waypoint(cluster, wp));
        let req = request_view(ctx, identity.as_deref(), d.source.ip, d.port, &host);
        let decision = istio::authorize(
            istio_policies_for_waypoint(cluster, svc, wp),
            Enforcer::Waypoint,
            &req,
        );
        if !decision.allowed {
            let as_http = ctx.http.is_some();
            return istio_deny(ctx, answer, component, decision, as_http);
        }
        answer.trace.hop(component, "allow", true, decision.reason);
        answer.trace.decided(decision.decided_by);
        l4_principal =
            gw.map(|g| text!("cluster.local/ns/{}/sa/{}", cluster.ns_name(g.ns), g.name));
        // The destination ztunnel now sees the waypoint's identity.
        if answer.trace.recording() {
            answer.client_identity = l4_principal.as_ref().map(|p| text!("spiffe://{p}"));
        }
    }
    // 2. Egress at the client pod, 3. ingress at the destination pod (after Service DNAT).
    if let Some(sp) = src_pod
        && !egress(cluster, answer, sp, &dst, d.port, d.protocol)
    {
        return;
    }
    let remote = remote_of(cluster, d.pod, &d.source, None);
    let mut ingress = cni_decide(
        cluster,
        d.pod,
        Direction::Ingress,
        &d.source,
        &remote,
        d.port,
        d.protocol,
    );
    if answer.trace.recording() {
        ingress.reason = if d.protocol == Protocol::Icmp {
            text!(
                "ICMP echo request from {}: {}",
                d.source_name,
                ingress.reason
            )
        } else {
            text!(
                "{}/{} from {}: {}",
                d.port,
                d.protocol,
                d.source_name,
                ingress.reason
            )
        };
    }
    let component = answer
        .trace
        .label(|| cni_component(cluster, d.pod, Direction::Ingress));
    if !ingress.allowed {
        return drop_at(cluster, answer, component, None, ingress);
    }
    answer.trace.hop(component, "allow", mtls, ingress.reason);
    answer.trace.decided(ingress.decided_by);
    if ingress.auth && !mutual_auth(cluster, answer, d.pod, &d.source, Direction::Ingress) {
        return;
    }
    // Cilium L7 rules: the node's Envoy answers 403 "Access denied" (layer7.rst).
    if let Some(refs) = ingress.l7 {
        let component = answer
            .trace
            .label(|| hop_label::cilium_envoy(cluster, d.pod));
        let allowed = ctx.http.is_some_and(|(r, _, _)| {
            let request = cilium::HttpView {
                method: r.method,
                path: r.path,
                host: &host,
                headers: r.headers,
            };
            cilium::http_allowed(&cluster.mesh.cilium_policies, &refs, true, &request)
        });
        if !allowed {
            return match ctx.http {
                Some(_) => proxy_deny(
                    answer,
                    component,
                    Outcome::HttpError,
                    Some(403),
                    Vec::new(),
                    "Access denied: no L7 rule matches".to_owned(),
                ),
                None => proxy_deny(
                    answer,
                    component,
                    Outcome::Reset,
                    None,
                    Vec::new(),
                    "not HTTP on an L7-redirected port".to_owned(),
                ),
            };
        }
        hop!(
            answer.trace,
            component,
            "allow",
            false,
            "an L7 HTTP rule matches".to_owned(),
        );
    }
    // 4. The destination's data plane, unless Istio keeps the kubelet's probe out of it.
    let bypass = src_pod
        .is_none()
        .then(|| kubelet_bypass(ctx, d.pod, d.source.ip, d.port, d.protocol, dst_profile))
        .flatten();
    let passed = match dst_profile {
        _ if bypass.is_some() => {
            if let Some((component, reason)) = bypass {
                answer.trace.hop(component, "pass", false, reason);
            }
            true
        }
        Profile::Linkerd => linkerd_inbound(
            ctx,
            answer,
            d.pod,
            d.port,
            linkerd::Client {
                identity: identity.as_deref().filter(|_| mtls),
                ip: d.source.ip,
            },
        ),
        Profile::IstioSidecar => istio_inbound(
            ctx,
            answer,
            d.pod,
            d.port,
            identity.as_deref().filter(|_| mtls),
            d.source.ip,
            Enforcer::Sidecar,
            &host,
        ),
        Profile::IstioAmbient => istio_inbound(
            ctx,
            answer,
            d.pod,
            d.port,
            l4_principal.as_deref().filter(|_| mtls),
            d.source.ip,
            Enforcer::Ztunnel,
            &host,
        ),
        Profile::Cilium | Profile::None => true,
    };
    if !passed {
        // A sidecar client sent plaintext (DestinationRule tls DISABLE) to a STRICT server:
        // the server resets, and the client's Envoy answers 503 "upstream connect error or
        // disconnect/reset before headers" (Istio mTLS migration and troubleshooting docs).
        if client_tls.is_some_and(|m| m != TlsMode::IstioMutual)
            && ctx.http.is_some()
            && answer.outcome == Outcome::Reset
        {
            hop!(
                answer.trace,
                src_pod.map_or_else(HopLabel::default, |p| hop_label::istio_sidecar(cluster, p, Leg::Outbound)),
                "answer",
                false,
                "503 upstream connect error or disconnect/reset before headers. reset reason: connection termination".to_owned(),
            );
            answer.outcome = Outcome::HttpError;
            answer.status = Some(503);
        }
        // Behind a waypoint the client talks HTTP to the waypoint, not to the destination:
        // the waypoint's upstream (HBONE) connection is reset, and it answers the client 503
        // "upstream connect error or disconnect/reset before headers" (Istio ambient L4
        // policy docs).
        if let (Some(wp), Some(_)) = (waypoint, ctx.http)
            && answer.verdict == Verdict::Denied
            && answer.outcome == Outcome::Reset
        {
            hop!(
                answer.trace,
                hop_label::waypoint(cluster, wp),
                "answer",
                false,
                "503 upstream connect error or disconnect/reset before headers. reset reason: connection termination".to_owned(),
            );
            answer.outcome = Outcome::HttpError;
            answer.status = Some(503);
        }
        return;
    }
    answer.backend = Some((d.service, d.pod));
    // 5. The application, then retries and timeouts at the client side.
    let Some(_) = ctx.http else {
        hop!(
            answer.trace,
            text!("app {}", cluster.pod_display(d.pod)),
            "answer",
            false,
            if d.protocol == Protocol::Icmp {
                "the pod's kernel answers the ICMP echo request".to_owned()
            } else {
                text!("accepts the {} connection on port {}", d.protocol, d.port)
            },
        );
        return;
    };
    let status = cluster.mesh.app_status.get(d.pod).copied().unwrap_or(200);
    if let Some((vs, route)) = d.istio_route {
        return crate::sim::eval::virtual_service::answer(ctx, answer, &d, vs, route, status);
    }
    let profile = match (src, src_pod, d.service, ctx.http) {
        (Profile::Linkerd, Some(client), Some(svc), Some((req, _, _))) => {
            service_profile(cluster, client, svc).map(|(i, sp)| {
                let route = sp
                    .routes
                    .iter()
                    .find(|r| r.condition.matches(req.method, req.path));
                (i, sp, route)
            })
        }
        _ => None,
    };
    let (retries, timeout_ms, owner) = match profile {
        Some((_, sp, route)) => {
            if answer.trace.recording()
                && let Some(client_pod) = src_pod
            {
                let owner = PolicyOwner::ServiceProfile(sp, route).name(cluster);
                let reason = match route {
                    Some(r) => text!(
                        "{owner}: {}retryable{}",
                        if r.retryable { "" } else { "not " },
                        r.timeout_ms
                            .map(|t| text!(", timeout {t} ms"))
                            .unwrap_or_default()
                    ),
                    None => {
                        text!("{owner}: no route matches (default route: no retries, no timeout)")
                    }
                };
                answer.trace.hop(
                    hop_label::linkerd_proxy(cluster, client_pod, Leg::Outbound),
                    "route",
                    false,
                    reason,
                );
            }
            (
                None,
                route.and_then(|r| r.timeout_ms),
                PolicyOwner::ServiceProfile(sp, route),
            )
        }
        None => client_policy(cluster, &d, src, waypoint.is_some()),
    };
    if let Some(limit) = timeout_ms
        && ctx.delay_ms > limit
    {
        hop!(
            answer.trace,
            text!("app {}", cluster.pod_display(d.pod)),
            "slow",
            false,
            text!("answers after {} ms", ctx.delay_ms),
        );
        let owner = answer.trace.label(|| owner.name(cluster));
        return answer.proxy_status(owner, 504, || text!("request timeout {limit} ms exceeded"));
    }
    // N retries = N+1 tries (Envoy num_retries, Istio attempts, Linkerd limit, Gateway API
    // retry attempts).
    if status >= 500
        && let Some(r) = retries.filter(|r| r.on_5xx)
    {
        answer.tries = 1 + r.retries;
        hop!(
            answer.trace,
            owner.name(cluster),
            "retry",
            false,
            text!("{} retries after HTTP {status}", r.retries),
        );
    }
    // A ServiceProfile retries a retryable route's failures while its budget lasts: no count
    // per request (linkerd2-proxy outbound/src/http/retry.rs; tower's TpsBudget).
    if let Some((i, sp, Some(route))) = profile
        && route.retryable
    {
        let mut pace = ctx.pace.borrow_mut();
        if route.is_failure(status) {
            // Every retry of an always-failing backend fails too: it retries until the
            // budget is spent.
            let retries = pace.withdraw(i, &sp.budget, ctx.now_s, u32::MAX);
            answer.tries = 1 + retries;
            hop!(
                answer.trace,
                owner.name(cluster),
                "retry",
                false,
                text!(
                    "{retries} retries after HTTP {status} (retry budget: {} retries/s + {} of requests over {} s)",
                    sp.budget.min_per_second,
                    sp.budget.retry_ratio,
                    sp.budget.ttl_secs
                ),
            );
        } else {
            pace.deposit(i, &sp.budget, ctx.now_s);
        }
    }
    app_retries(cluster, answer, &d, status);
    answer.status = Some(status);
    if status >= 400 {
        answer.outcome = Outcome::HttpError;
    }
    hop!(
        answer.trace,
        text!("app {}", cluster.pod_display(d.pod)),
        "answer",
        false,
        text!("HTTP {status}"),
    );
}

/// The client application's own loop repeats the whole request, proxy retries included:
/// the layers multiply (lesson 14.2; MESH-NOTES.md §5 item 1).
pub(crate) fn app_retries(cluster: &Cluster, answer: &mut Answer, d: &Delivery<'_>, status: u16) {
    let app_tries = d
        .source
        .pod
        .and_then(|p| cluster.mesh.app_tries.get(p).copied())
        .unwrap_or(1);
    if status >= 500 && app_tries > 1 {
        let per_call = answer.tries;
        answer.tries = per_call.saturating_mul(app_tries);
        hop!(
            answer.trace,
            text!("client {}", d.source_name),
            "retry",
            false,
            text!(
                "the client calls {app_tries} times in all: {app_tries} × {per_call} = {} tries",
                answer.tries
            ),
        );
    }
}

/// The client's sidecar originated Istio mTLS to a server that does not speak it: an HTTP
/// client gets its Envoy's 503, a TCP client a reset. No policy decided: it failed.
fn tls_handshake_failed(ctx: &Ctx<'_>, answer: &mut Answer, src_pod: Option<PodId>) {
    let component = answer.trace.label(|| {
        src_pod.map_or_else(HopLabel::default, |p| {
            hop_label::istio_sidecar(ctx.cluster, p, Leg::Outbound)
        })
    });
    let reason = "DestinationRule tls ISTIO_MUTUAL: the server does not terminate Istio mTLS (TLS handshake fails)";
    if ctx.http.is_some() {
        answer.proxy_status(component, 503, || {
            text!("503 upstream connect error or disconnect/reset before headers: {reason}")
        });
    } else {
        hop!(answer.trace, component, "reset", false, reason.to_owned());
        answer.failed(Outcome::Reset, None);
    }
}

/// Where a mesh's egress route sends a connection instead of out of the cluster.
pub(crate) struct Redirect {
    pub svc: crate::sim::model::SvcId,
    pub port: u16,
}

/// A connection to an address that is not a pod: a node, or outside the cluster (by IP or
/// by name). Some = the client's mesh sends it to a Service instead: the caller goes on there.
#[must_use]
pub(crate) fn leave(
    ctx: &Ctx<'_>,
    answer: &mut Answer,
    client: Client,
    ip: Option<IpAddr>,
    name: Option<&str>,
    port: u16,
    protocol: Protocol,
) -> Option<Redirect> {
    let cluster = ctx.cluster;
    // An external name's address is unknown: only rules admitting every address (no peers,
    // an ipBlock covering 0.0.0.0, toFQDNs) let it out.
    let addr = ip.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if let Client::Pod(src) = client
        && !egress_named(
            cluster,
            answer,
            src,
            &Endpoint::address(addr),
            name,
            port,
            protocol,
        )
    {
        return None;
    }
    if let Client::Pod(src) = client {
        match mesh_egress(ctx, answer, src, ip, name, port) {
            Egress::Out => {}
            Egress::Stop => return None,
            Egress::Redirect(to) => return Some(to),
        }
    }
    if answer.trace.recording() {
        let what = match (name, cluster.node_by_ip(addr)) {
            (Some(n), _) => text!("external name {n}:{port}"),
            (None, Some(node)) => text!(
                "node {}",
                cluster.nodes.get(node).map_or("", |n| n.name.as_str())
            ),
            (None, None) => text!("external address {addr}:{port}"),
        };
        answer.trace.hop(
            what,
            "answer",
            false,
            "outside the simulated workloads: assumed to answer".to_owned(),
        );
    }
    if ctx.http.is_some() {
        answer.status = Some(200);
    }
    None
}

/// The kubelet's traffic that an Istio data plane lets past its proxy, as the component and
/// the reason: the sidecar injector rewrites HTTP, TCP and gRPC probes to pilot-agent's port
/// 15020, which calls the application itself, so mTLS and AuthorizationPolicy never see them
/// unless the pod opts out with `sidecar.istio.io/rewriteAppHTTPProbers: "false"` (istio.io
/// "Health Checking of Istio Services"); in ambient, istio-cni SNATs TCP the node itself sends
/// to its ambient pods to 169.254.7.127 and the pod's redirection lets that source past
/// ztunnel (istio.io "Ambient and Kubernetes NetworkPolicy", health probes).
fn kubelet_bypass(
    ctx: &Ctx<'_>,
    pod: PodId,
    source: IpAddr,
    port: u16,
    protocol: Protocol,
    dst_profile: Profile,
) -> Option<(String, String)> {
    let cluster = ctx.cluster;
    let p = cluster.pods.get(pod)?;
    let own_node = cluster.nodes.get(p.node).is_some_and(|n| n.ip == source);
    if !own_node || protocol != Protocol::Tcp {
        return None;
    }
    match dst_profile {
        Profile::IstioSidecar => {
            let http = ctx.http.map(|(r, _, _)| (r.method, r.path));
            let rewritten = p
                .annotations
                .get("sidecar.istio.io/rewriteAppHTTPProbers")
                .is_none_or(|v| v != "false");
            (rewritten && p.is_kubelet_probe(port, http)).then(|| {
                (
                    text!("pilot-agent {}", cluster.pod_display(pod)),
                    text!(
                        "kubelet probe rewritten at injection to pilot-agent :15020, which checks the app on port {port} itself: no mTLS, no policy"
                    ),
                )
            })
        }
        Profile::IstioAmbient => Some((
            text!(
                "istio-cni ({}) for {}",
                node_name(cluster, pod),
                cluster.pod_display(pod)
            ),
            "the node's own traffic is SNATed to 169.254.7.127 and not redirected to ztunnel"
                .to_owned(),
        )),
        _ => None,
    }
}
