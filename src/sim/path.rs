//! The network path of one connection once its destination pod is known: the client's data
//! plane (sidecar, ztunnel, waypoint), the CNI at both ends (NetworkPolicy, and
//! CiliumNetworkPolicy when Cilium is the CNI), the server's data plane (Linkerd / Istio
//! inbound policy), the application, then retries and timeouts. Each denial takes the shape the
//! client really sees (MESH-NOTES.md §0).

use std::net::IpAddr;

use super::mesh::cilium::{self, EnforcementMode, Remote};
use super::mesh::istio::{self, Enforcer, MtlsMode};
use super::mesh::{Profile, linkerd};
use super::model::{Cluster, HttpRoute, ParentKind, PodId, RetryPolicy, SvcId};
use super::net::Protocol;
use super::netpol::{self, Direction, Endpoint};
use super::outcome::Outcome;
use super::probe::{Answer, Client, Delivery};
use super::route::{self, HttpRequest};

/// What every step of a request may read.
pub(crate) struct Ctx<'a> {
    pub cluster: &'a Cluster,
    /// The HTTP request, its Host and whether it is gRPC; None for a plain connection.
    pub http: Option<(HttpRequest<'a>, Option<&'a str>, bool)>,
    /// How long the destination application takes to answer.
    pub delay_ms: u64,
}

fn profile(cluster: &Cluster, pod: Option<PodId>) -> Profile {
    pod.and_then(|p| cluster.mesh.pod_profile.get(p).copied())
        .unwrap_or(Profile::None)
}

fn node_name(cluster: &Cluster, pod: PodId) -> String {
    cluster
        .pods
        .get(pod)
        .and_then(|p| cluster.nodes.get(p.node))
        .map_or_else(String::new, |n| n.name.clone())
}

/// `cluster.local/ns/NS/sa/SA`, the principal Istio policies match.
fn istio_principal(cluster: &Cluster, pod: PodId) -> Option<String> {
    let p = cluster.pods.get(pod)?;
    Some(format!(
        "cluster.local/ns/{}/sa/{}",
        cluster.ns_name(p.ns),
        p.service_account
    ))
}

fn linkerd_identity(cluster: &Cluster, pod: PodId) -> Option<String> {
    let p = cluster.pods.get(pod)?;
    Some(linkerd::identity(&p.service_account, cluster.ns_name(p.ns)))
}

/// The CNI's decision in one direction: Kubernetes NetworkPolicy, unioned with
/// CiliumNetworkPolicy when Cilium is the CNI (both are allow-lists of one datapath; deny
/// rules win). `l7` = HTTP rules the node's Envoy must check.
struct CniDecision {
    allowed: bool,
    /// Dropped by a Cilium deny rule (Hubble: POLICY_DENY) rather than by default deny.
    by_deny_rule: bool,
    l7: Option<Vec<cilium::HttpRuleRef>>,
    decided_by: Vec<String>,
    reason: String,
}

fn cni_decide(
    cluster: &Cluster,
    pod: PodId,
    direction: Direction,
    peer: &Endpoint<'_>,
    remote: &Remote<'_>,
    port: u16,
    protocol: Protocol,
) -> CniDecision {
    let np = netpol::decide(cluster, pod, direction, peer, port, protocol);
    let m = &cluster.mesh;
    if !m.cilium_cni {
        return CniDecision {
            allowed: np.allowed,
            by_deny_rule: false,
            l7: None,
            decided_by: np.decided_by,
            reason: np.reason,
        };
    }
    let mode = m.cilium_mode.unwrap_or(EnforcementMode::Default);
    if mode == EnforcementMode::Never {
        return CniDecision {
            allowed: true,
            by_deny_rule: false,
            l7: None,
            decided_by: Vec::new(),
            reason: "policyEnforcementMode=never: no policy is enforced".to_owned(),
        };
    }
    // The pod's own node (and the pod itself) are always reachable.
    if np.allowed && !np.isolated && !np.decided_by.is_empty() {
        return CniDecision {
            allowed: true,
            by_deny_rule: false,
            l7: None,
            decided_by: np.decided_by,
            reason: np.reason,
        };
    }
    let verdict = cilium_verdict(cluster, pod, direction, &np, remote, port, protocol, mode);
    if m.cilium_audit && !verdict.allowed {
        return CniDecision {
            allowed: true,
            by_deny_rule: false,
            l7: None,
            decided_by: Vec::new(),
            reason: format!(
                "AUDITED (policy-audit-mode): would drop: {}",
                verdict.reason
            ),
        };
    }
    verdict
}

/// Union of NetworkPolicy and CiliumNetworkPolicy allows for one direction; deny rules win.
#[allow(clippy::too_many_arguments)]
fn cilium_verdict(
    cluster: &Cluster,
    pod: PodId,
    direction: Direction,
    np: &netpol::Decision,
    remote: &Remote<'_>,
    port: u16,
    protocol: Protocol,
    mode: EnforcementMode,
) -> CniDecision {
    let m = &cluster.mesh;
    let ingress = direction == Direction::Ingress;
    let cv = cilium::decide(
        cluster,
        &m.cilium_policies,
        pod,
        ingress,
        remote,
        port,
        protocol,
    );
    let np_rule = np.isolated && np.allowed;
    let mut decided_by = np.decided_by.clone();
    match cv {
        cilium::Verdict::DeniedByDenyRule { by } => CniDecision {
            allowed: false,
            by_deny_rule: true,
            l7: None,
            reason: format!("Policy denied by denylist ({by})"),
            decided_by: vec![by],
        },
        cilium::Verdict::Allowed { by, l7 } => {
            decided_by.push(by.clone());
            CniDecision {
                allowed: true,
                by_deny_rule: false,
                // A NetworkPolicy allow on the same traffic is L4-only: no Envoy redirect.
                l7: if np_rule { None } else { l7 },
                decided_by,
                reason: format!("allowed by {by}"),
            }
        }
        cilium::Verdict::Denied { by } if !np_rule => {
            decided_by.push(by.clone());
            CniDecision {
                allowed: false,
                by_deny_rule: false,
                l7: None,
                decided_by,
                reason: format!("Policy denied (default deny once selected by {by})"),
            }
        }
        cilium::Verdict::NotSelected if mode == EnforcementMode::Always && !np_rule => {
            CniDecision {
                allowed: false,
                by_deny_rule: false,
                l7: None,
                decided_by: vec!["cilium-config enable-policy=always".to_owned()],
                reason: "policyEnforcementMode=always: no policy allows this".to_owned(),
            }
        }
        _ => CniDecision {
            allowed: np.allowed,
            by_deny_rule: false,
            l7: None,
            decided_by,
            reason: np.reason.clone(),
        },
    }
}

fn remote_of<'a>(
    cluster: &Cluster,
    local: PodId,
    peer: &Endpoint<'_>,
    name: Option<&'a str>,
) -> Remote<'a> {
    if let Some(p) = peer.pod {
        return Remote::Pod(p);
    }
    let local_node = cluster
        .pods
        .get(local)
        .and_then(|p| cluster.nodes.get(p.node));
    if local_node.is_some_and(|n| n.ip == peer.ip) {
        Remote::Host
    } else if cluster.node_by_ip(peer.ip).is_some() {
        Remote::RemoteNode
    } else {
        Remote::World {
            ip: Some(peer.ip),
            name,
        }
    }
}

/// CNI drop: the datapath silently discards the SYN, so the client times out.
fn drop_at(mut answer: Answer, component: String, d: CniDecision) -> Answer {
    let verdict = if d.by_deny_rule {
        "drop (deny rule)"
    } else {
        "drop"
    };
    answer.trace.hop(component, verdict, false, d.reason);
    answer.trace.decided_by.extend(d.decided_by);
    answer.denied(Outcome::Timeout, None)
}

fn cni_component(cluster: &Cluster, pod: PodId, direction: Direction) -> String {
    let cni = if cluster.mesh.cilium_cni {
        "cilium eBPF"
    } else {
        "CNI"
    };
    let dir = match direction {
        Direction::Ingress => "ingress",
        Direction::Egress => "egress",
    };
    format!(
        "{cni} {dir} {} ({})",
        cluster.pod_ref(pod),
        node_name(cluster, pod)
    )
}

/// Egress at a client pod towards `dst`; `false` = dropped (return the answer).
pub(crate) fn egress(
    cluster: &Cluster,
    answer: Answer,
    src_pod: PodId,
    dst: &Endpoint<'_>,
    port: u16,
    protocol: Protocol,
) -> (Answer, bool) {
    egress_named(cluster, answer, src_pod, dst, None, port, protocol)
}

fn egress_named(
    cluster: &Cluster,
    mut answer: Answer,
    src_pod: PodId,
    dst: &Endpoint<'_>,
    name: Option<&str>,
    port: u16,
    protocol: Protocol,
) -> (Answer, bool) {
    let remote = remote_of(cluster, src_pod, dst, name);
    let d = cni_decide(
        cluster,
        src_pod,
        Direction::Egress,
        dst,
        &remote,
        port,
        protocol,
    );
    let component = cni_component(cluster, src_pod, Direction::Egress);
    if !d.allowed {
        return (drop_at(answer, component, d), false);
    }
    answer.trace.hop(component, "allow", false, d.reason);
    answer.trace.decided_by.extend(d.decided_by);
    (answer, true)
}

/// A denial by a proxy, in the shape the client sees.
fn proxy_deny(
    mut answer: Answer,
    component: String,
    shape: Outcome,
    status: Option<u16>,
    decided_by: Vec<String>,
    reason: String,
) -> Answer {
    let decision = match shape {
        Outcome::Reset => "reset",
        Outcome::Refused => "refuse",
        _ => "deny",
    };
    answer.trace.hop(component, decision, false, reason);
    answer.trace.decided_by.extend(decided_by);
    answer.denied(shape, status)
}

/// An HTTP-level denial: 403, or gRPC PERMISSION_DENIED (HTTP 200, grpc-status 7).
fn http_deny(
    ctx: &Ctx<'_>,
    answer: Answer,
    component: String,
    decided_by: Vec<String>,
    reason: String,
) -> Answer {
    let grpc = ctx.http.is_some_and(|(_, _, g)| g);
    let mut a = proxy_deny(
        answer,
        component,
        Outcome::HttpError,
        Some(if grpc { 200 } else { 403 }),
        decided_by,
        reason,
    );
    if grpc {
        a.grpc_status = Some(7);
    }
    a
}

fn istio_policies_for_pod<'a>(
    cluster: &'a Cluster,
    pod: PodId,
) -> impl Iterator<Item = (&'a istio::AuthorizationPolicy, String)> + 'a {
    let p = cluster.pods.get(pod);
    let root = cluster.namespace(istio::ROOT_NAMESPACE);
    cluster
        .mesh
        .authorization_policies
        .iter()
        .filter_map(move |ap| {
            let p = p?;
            let applies = match &ap.attachment {
                istio::Attachment::Workloads(sel) => {
                    (ap.ns == p.ns || Some(ap.ns) == root)
                        && sel.as_ref().is_none_or(|s| s.matches(&p.labels))
                }
                istio::Attachment::Targets(_) => false,
            };
            applies.then(|| (ap, format!("{}/{}", cluster.ns_name(ap.ns), ap.name)))
        })
}

fn istio_policies_for_waypoint<'a>(
    cluster: &'a Cluster,
    svc: SvcId,
    waypoint: usize,
) -> impl Iterator<Item = (&'a istio::AuthorizationPolicy, String)> + 'a {
    let s = cluster.services.get(svc);
    let wp = cluster.gateways.get(waypoint);
    cluster
        .mesh
        .authorization_policies
        .iter()
        .filter_map(move |ap| {
            let (s, wp) = (s?, wp?);
            let applies = match &ap.attachment {
                istio::Attachment::Targets(targets) => targets.iter().any(|(kind, name)| {
                    (kind == "Service" && *name == s.name && ap.ns == s.ns)
                        || (kind == "Gateway" && *name == wp.name && ap.ns == wp.ns)
                }),
                istio::Attachment::Workloads(_) => false,
            };
            applies.then(|| (ap, format!("{}/{}", cluster.ns_name(ap.ns), ap.name)))
        })
}

fn request_view<'a>(
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
    }
}

/// Linkerd's inbound proxy: Server, routes and authorizations, or the default policy.
/// Ok(reason) = allowed; Err(answer) = denied.
fn linkerd_inbound(
    ctx: &Ctx<'_>,
    mut answer: Answer,
    pod: PodId,
    port: u16,
    client: linkerd::Client<'_>,
) -> (Answer, bool) {
    let cluster = ctx.cluster;
    let Some(p) = cluster.pods.get(pod) else {
        return (answer, true);
    };
    let component = format!("linkerd-proxy inbound {}", cluster.pod_ref(pod));
    let m = &cluster.mesh;
    let server = m.servers.iter().find(|s| {
        s.ns == p.ns
            && s.selector.matches(&p.labels)
            && match &s.port {
                linkerd::ServerPort::Number(n) => *n == port,
                linkerd::ServerPort::Name(name) => p.named_port(name, Protocol::Tcp) == Some(port),
            }
    });
    let Some(server) = server else {
        let annotation = "config.linkerd.io/default-inbound-policy";
        let policy = p
            .annotations
            .get(annotation)
            .or_else(|| {
                cluster
                    .namespaces
                    .get(p.ns)
                    .and_then(|n| n.annotations.get(annotation))
            })
            .and_then(|v| linkerd::DefaultPolicy::parse(v))
            .unwrap_or(linkerd::DefaultPolicy::AllUnauthenticated);
        let rule = format!("default policy {}", policy.name());
        if linkerd::default_allows(policy, &client) {
            answer.trace.hop(
                component,
                "allow",
                false,
                format!("no Server: {rule} allows"),
            );
            return (answer, true);
        }
        let reason = format!("no Server: {rule} denies this client");
        let denied = if ctx.http.is_some() {
            http_deny(ctx, answer, component, vec![rule], reason)
        } else {
            proxy_deny(
                answer,
                component,
                Outcome::Refused,
                None,
                vec![rule],
                reason,
            )
        };
        return (denied, false);
    };
    let server_ref = format!("Server {}/{}", cluster.ns_name(server.ns), server.name);
    // Opaque ports get no HTTP routes: only Server-level authorizations, per connection.
    let http = ctx
        .http
        .filter(|_| server.protocol != linkerd::ProxyProtocol::Opaque);
    let ns_name = cluster.ns_name(server.ns);
    let mut targets = vec![
        linkerd::AuthzTarget::Server(server.name.clone()),
        linkerd::AuthzTarget::Namespace,
    ];
    let mut route_ref = None;
    if let Some((req, _, _)) = http {
        let routes: Vec<usize> = cluster
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r): &(usize, &HttpRoute)| {
                r.parents.iter().any(|pr| {
                    pr.kind == ParentKind::Server && pr.name == server.name && pr.ns == ns_name
                })
            })
            .map(|(i, _)| i)
            .collect();
        if !routes.is_empty() {
            let Some(sel) = route::select(cluster, &routes, &req) else {
                // A Server with routes answers 404 to a request no route matches.
                let denied = proxy_deny(
                    answer,
                    component,
                    Outcome::HttpError,
                    Some(404),
                    vec![server_ref],
                    "no HTTPRoute of the Server matches".to_owned(),
                );
                return (denied, false);
            };
            if let Some(r) = cluster.routes.get(sel.route) {
                targets.push(linkerd::AuthzTarget::Route(r.name.clone()));
                route_ref = Some(format!("HTTPRoute {}/{}", cluster.ns_name(r.ns), r.name));
            }
        }
    }
    let meshtls: Vec<(String, &linkerd::MeshTlsAuthentication)> = m
        .meshtls
        .iter()
        .map(|a| (cluster.ns_name(a.ns).to_owned(), a))
        .collect();
    let networks: Vec<(String, &linkerd::NetworkAuthentication)> = m
        .network_authns
        .iter()
        .map(|a| (cluster.ns_name(a.ns).to_owned(), a))
        .collect();
    let allowing = m.linkerd_authz.iter().find(|a| {
        a.ns == server.ns
            && targets.contains(&a.target)
            && a.required
                .iter()
                .all(|r| linkerd::authn_satisfied(r, ns_name, &meshtls, &networks, &client))
    });
    if let Some(a) = allowing {
        let by = format!("AuthorizationPolicy {}/{}", cluster.ns_name(a.ns), a.name);
        answer.trace.hop(
            component,
            "allow",
            false,
            format!("{server_ref}: allowed by {by}"),
        );
        answer.trace.decided_by.push(by);
        return (answer, true);
    }
    if server.audit {
        answer.trace.hop(
            component,
            "allow",
            false,
            format!("{server_ref}: accessPolicy audit (would deny)"),
        );
        return (answer, true);
    }
    let mut decided_by = vec![server_ref.clone()];
    decided_by.extend(route_ref);
    let reason = format!("{server_ref}: no authorization matches this client");
    let denied = if http.is_some() {
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
    };
    (denied, false)
}

/// Istio inbound at a sidecar or the destination ztunnel: PeerAuthentication, then
/// AuthorizationPolicy.
#[allow(clippy::too_many_arguments)]
fn istio_inbound(
    ctx: &Ctx<'_>,
    mut answer: Answer,
    pod: PodId,
    port: u16,
    principal: Option<&str>,
    source_ip: IpAddr,
    enforcer: Enforcer,
    host: &str,
) -> (Answer, bool) {
    let cluster = ctx.cluster;
    let Some(p) = cluster.pods.get(pod) else {
        return (answer, true);
    };
    let component = match enforcer {
        Enforcer::Ztunnel => format!(
            "ztunnel inbound ({}) for {}",
            node_name(cluster, pod),
            cluster.pod_ref(pod)
        ),
        _ => format!("istio-proxy inbound {}", cluster.pod_ref(pod)),
    };
    let root = cluster.namespace(istio::ROOT_NAMESPACE);
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
            .map(|n| format!("PeerAuthentication {n}"))
            .into_iter()
            .collect();
        let denied = proxy_deny(
            answer,
            component,
            Outcome::Reset,
            None,
            by,
            "STRICT mTLS: plaintext connection rejected".to_owned(),
        );
        return (denied, false);
    }
    let req = request_view(ctx, principal, source_ip, port, host);
    let decision = istio::authorize(istio_policies_for_pod(cluster, pod), enforcer, &req);
    if decision.allowed {
        answer.trace.hop(component, "allow", false, decision.reason);
        answer.trace.decided_by.extend(decision.decided_by);
        return (answer, true);
    }
    let denied = if enforcer == Enforcer::Sidecar && ctx.http.is_some() {
        http_deny(
            ctx,
            answer,
            component,
            decision.decided_by,
            format!("RBAC: access denied ({})", decision.reason),
        )
    } else {
        // L4 denial by Envoy or ztunnel: the connection is closed (curl exit 56).
        proxy_deny(
            answer,
            component,
            Outcome::Reset,
            None,
            decision.decided_by,
            decision.reason,
        )
    };
    (denied, false)
}

/// The client-side retry and timeout policy for this request.
fn client_policy(
    cluster: &Cluster,
    d: &Delivery<'_>,
    src: Profile,
    via_waypoint: bool,
) -> (Option<RetryPolicy>, Option<u64>, String) {
    if let Some(rule) = d.rule {
        let owner = if d.via_gateway {
            "gateway"
        } else {
            "mesh proxy"
        };
        // The app's answer time counts against both the whole request and one backend try.
        let timeout = match (rule.request_timeout_ms, rule.backend_timeout_ms) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        return (rule.retries.clone(), timeout, owner.to_owned());
    }
    let istio_client = src == Profile::IstioSidecar || via_waypoint;
    if let (true, Some(svc)) = (
        istio_client,
        d.service.and_then(|s| cluster.services.get(s)),
    ) {
        let ns = cluster.ns_name(svc.ns);
        let names = [
            svc.name.clone(),
            format!("{}.{ns}", svc.name),
            format!("{}.{ns}.svc.cluster.local", svc.name),
        ];
        let vs = cluster.mesh.virtual_services.iter().find(|vs| {
            !vs.gateways_only
                && vs
                    .hosts
                    .iter()
                    .any(|h| names.contains(h) && (h.contains('.') || vs.ns == svc.ns))
        });
        if let Some(vs) = vs {
            return (
                vs.retries.clone(),
                vs.timeout_ms,
                format!("VirtualService {}/{}", cluster.ns_name(vs.ns), vs.name),
            );
        }
        // Istio's default route retries: 2 retries on connect-failure, refused-stream,
        // unavailable, cancelled - never on an application 5xx.
        return (
            Some(RetryPolicy {
                retries: 2,
                on_5xx: false,
            }),
            None,
            "Istio default retry policy".to_owned(),
        );
    }
    (None, None, String::new())
}

/// Deliver a connection to a pod.
pub(crate) fn deliver(ctx: &Ctx<'_>, mut answer: Answer, d: Delivery<'_>) -> Answer {
    let cluster = ctx.cluster;
    let Some(dst) = Endpoint::pod(cluster, d.pod) else {
        return answer;
    };
    let dst_name = cluster.pod_ref(d.pod);
    let src_pod = d.source.pod;
    let (src, dst_profile) = (profile(cluster, src_pod), profile(cluster, Some(d.pod)));
    let host = ctx
        .http
        .and_then(|(_, h, _)| h)
        .map(str::to_owned)
        .or_else(|| {
            d.service
                .and_then(|s| cluster.services.get(s))
                .map(|s| s.name.clone())
        })
        .unwrap_or_else(|| dst_name.clone());
    // mTLS is automatic only when both ends are in the mesh (Linkerd automatic-mtls.md; Istio
    // auto mTLS, HBONE between ambient pods).
    let dst_pa_disabled = cluster.pods.get(d.pod).is_some_and(|p| {
        let root = cluster.namespace(istio::ROOT_NAMESPACE);
        istio::mtls_mode(
            &cluster.mesh.peer_authentications,
            p.ns,
            root,
            &p.labels,
            d.port,
        )
        .0 == MtlsMode::Disable
    });
    let mtls = match (src, dst_profile) {
        (Profile::Linkerd, Profile::Linkerd) => true,
        (Profile::IstioSidecar, Profile::IstioSidecar) => !dst_pa_disabled,
        (Profile::IstioSidecar | Profile::IstioAmbient, Profile::IstioAmbient)
        | (Profile::IstioAmbient, Profile::IstioSidecar) => true,
        _ => false,
    };
    let identity = match (mtls, src) {
        (true, Profile::Linkerd) => src_pod.and_then(|p| linkerd_identity(cluster, p)),
        (true, _) => src_pod.and_then(|p| istio_principal(cluster, p)),
        _ => None,
    };
    let waypoint = (src == Profile::IstioAmbient && dst_profile == Profile::IstioAmbient)
        .then(|| d.service.and_then(|s| super::mesh::waypoint_of(cluster, s)))
        .flatten();
    // 1. The client's data plane.
    if let Some(sp) = src_pod {
        let component = match src {
            Profile::Linkerd => Some(format!("linkerd-proxy outbound {}", cluster.pod_ref(sp))),
            Profile::IstioSidecar => Some(format!("istio-proxy outbound {}", cluster.pod_ref(sp))),
            Profile::IstioAmbient => Some(format!(
                "ztunnel outbound ({}) for {}",
                node_name(cluster, sp),
                cluster.pod_ref(sp)
            )),
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
        || (cluster.mesh.wireguard
            && cluster.mesh.cilium_cni
            && src_pod.is_some_and(|s| {
                cluster.pods.get(s).map(|p| p.node) != cluster.pods.get(d.pod).map(|p| p.node)
            }));
    answer.client_identity = match (mtls, src) {
        (false, _) => None,
        (true, Profile::Linkerd) => identity.clone(),
        (true, _) => identity.as_ref().map(|p| format!("spiffe://{p}")),
    };
    // Ambient with a waypoint: L7 policy (targetRefs) at the waypoint; the destination
    // ztunnel then sees the waypoint's identity.
    let mut l4_principal = identity.clone();
    if let (Some(wp), Some(svc)) = (waypoint, d.service) {
        let gw = cluster.gateways.get(wp);
        let wp_name = gw.map_or_else(String::new, |g| {
            format!("{}/{}", cluster.ns_name(g.ns), g.name)
        });
        let component = format!("waypoint {wp_name}");
        let req = request_view(ctx, identity.as_deref(), d.source.ip, d.port, &host);
        let decision = istio::authorize(
            istio_policies_for_waypoint(cluster, svc, wp),
            Enforcer::Waypoint,
            &req,
        );
        if !decision.allowed {
            return if ctx.http.is_some() {
                http_deny(
                    ctx,
                    answer,
                    component,
                    decision.decided_by,
                    format!("RBAC: access denied ({})", decision.reason),
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
            };
        }
        answer.trace.hop(component, "allow", true, decision.reason);
        answer.trace.decided_by.extend(decision.decided_by);
        l4_principal =
            gw.map(|g| format!("cluster.local/ns/{}/sa/{}", cluster.ns_name(g.ns), g.name));
        // The destination ztunnel now sees the waypoint's identity.
        answer.client_identity = l4_principal.as_ref().map(|p| format!("spiffe://{p}"));
    }
    // 2. Egress at the client pod, 3. ingress at the destination pod (after Service DNAT).
    if let Some(sp) = src_pod {
        let (next, passed) = egress(cluster, answer, sp, &dst, d.port, d.protocol);
        if !passed {
            return next;
        }
        answer = next;
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
    ingress.reason = format!(
        "{}/{} from {}: {}",
        d.port, d.protocol, d.source_name, ingress.reason
    );
    let component = cni_component(cluster, d.pod, Direction::Ingress);
    if !ingress.allowed {
        return drop_at(answer, component, ingress);
    }
    answer.trace.hop(component, "allow", mtls, ingress.reason);
    answer.trace.decided_by.extend(ingress.decided_by);
    // Cilium L7 rules: the node's Envoy answers 403 "Access denied" (layer7.rst).
    if let Some(refs) = ingress.l7 {
        let component = format!("cilium node Envoy ({})", node_name(cluster, d.pod));
        let allowed = ctx.http.is_some_and(|(r, _, _)| {
            cilium::http_allowed(&cluster.mesh.cilium_policies, &refs, true, r.method, r.path)
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
        answer.trace.hop(
            component,
            "allow",
            false,
            "an L7 HTTP rule matches".to_owned(),
        );
    }
    // 4. The destination's data plane.
    let (next, passed) = match dst_profile {
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
        Profile::Cilium | Profile::None => (answer, true),
    };
    let mut answer = next;
    if !passed {
        return answer;
    }
    answer.backend = Some((d.service, d.pod));
    // 5. The application, then retries and timeouts at the client side.
    let Some(_) = ctx.http else {
        answer.trace.hop(
            format!("app {dst_name}"),
            "answer",
            false,
            format!("accepts the {} connection on port {}", d.protocol, d.port),
        );
        return answer;
    };
    let status = cluster.mesh.app_status.get(d.pod).copied().unwrap_or(200);
    let (retries, timeout_ms, owner) = client_policy(cluster, &d, src, waypoint.is_some());
    if let Some(limit) = timeout_ms
        && ctx.delay_ms > limit
    {
        answer.trace.hop(
            format!("app {dst_name}"),
            "slow",
            false,
            format!("answers after {} ms", ctx.delay_ms),
        );
        return answer.proxy_status(owner, 504, format!("request timeout {limit} ms exceeded"));
    }
    // N retries = N+1 tries (Envoy num_retries, Istio attempts, Linkerd limit).
    if status >= 500
        && let Some(r) = retries.filter(|r| r.on_5xx)
    {
        answer.tries = 1 + r.retries;
        answer.trace.hop(
            owner,
            "retry",
            false,
            format!("{} retries after HTTP {status}", r.retries),
        );
    }
    answer.status = Some(status);
    if status >= 400 {
        answer.outcome = Outcome::HttpError;
    }
    answer.trace.hop(
        format!("app {dst_name}"),
        "answer",
        false,
        format!("HTTP {status}"),
    );
    answer
}

/// Mesh egress control for a meshed client leaving the cluster: Istio REGISTRY_ONLY (502 for
/// HTTP, connection closed otherwise) and Linkerd EgressNetwork Deny (403 / refused).
fn mesh_egress(
    ctx: &Ctx<'_>,
    answer: Answer,
    src: PodId,
    ip: Option<IpAddr>,
    name: Option<&str>,
) -> (Answer, bool) {
    let cluster = ctx.cluster;
    let m = &cluster.mesh;
    let who = cluster.pod_ref(src);
    match profile(cluster, Some(src)) {
        Profile::IstioSidecar if m.istio_registry_only => {
            let host = name
                .map(str::to_owned)
                .or_else(|| ip.map(|i| i.to_string()))
                .unwrap_or_default();
            let known = m.service_entry_hosts.iter().any(|h| {
                *h == host
                    || h.strip_prefix('*')
                        .is_some_and(|suffix| host.ends_with(suffix))
            });
            if known {
                return (answer, true);
            }
            let by = vec!["MeshConfig outboundTrafficPolicy REGISTRY_ONLY".to_owned()];
            let component = format!("istio-proxy outbound {who}");
            let reason =
                format!("{host} is not in the registry (no ServiceEntry): BlackHoleCluster");
            let denied = if ctx.http.is_some() {
                proxy_deny(answer, component, Outcome::HttpError, Some(502), by, reason)
            } else {
                proxy_deny(answer, component, Outcome::Reset, None, by, reason)
            };
            (denied, false)
        }
        Profile::Linkerd => {
            let src_ns = cluster.pods.get(src).map(|p| p.ns);
            let global = cluster.namespace("linkerd-egress");
            let net = m
                .egress_networks
                .iter()
                .find(|e| (Some(e.ns) == src_ns || Some(e.ns) == global) && e.covers(ip));
            match net {
                Some(e) if e.deny => {
                    let by = vec![format!(
                        "EgressNetwork {}/{}",
                        cluster.ns_name(e.ns),
                        e.name
                    )];
                    let component = format!("linkerd-proxy outbound {who}");
                    let reason = "trafficPolicy Deny (route http-egress-deny)".to_owned();
                    let denied = if ctx.http.is_some() {
                        http_deny(ctx, answer, component, by, reason)
                    } else {
                        proxy_deny(answer, component, Outcome::Refused, None, by, reason)
                    };
                    (denied, false)
                }
                _ => (answer, true),
            }
        }
        _ => (answer, true),
    }
}

/// A connection to an address that is not a pod: a node, or outside the cluster (by IP or
/// by name).
pub(crate) fn leave(
    ctx: &Ctx<'_>,
    mut answer: Answer,
    client: Client,
    ip: Option<IpAddr>,
    name: Option<&str>,
    port: u16,
    protocol: Protocol,
) -> Answer {
    let cluster = ctx.cluster;
    // An external name's address is unknown: only rules admitting every address (no peers,
    // an ipBlock covering 0.0.0.0, toFQDNs) let it out.
    let addr = ip.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if let Client::Pod(src) = client {
        let (next, passed) = egress_named(
            cluster,
            answer,
            src,
            &Endpoint::address(addr),
            name,
            port,
            protocol,
        );
        if !passed {
            return next;
        }
        answer = next;
    }
    if let Client::Pod(src) = client {
        let (next, passed) = mesh_egress(ctx, answer, src, ip, name);
        if !passed {
            return next;
        }
        answer = next;
    }
    let what = match (name, cluster.node_by_ip(addr)) {
        (Some(n), _) => format!("external name {n}:{port}"),
        (None, Some(node)) => format!(
            "node {}",
            cluster.nodes.get(node).map_or("", |n| n.name.as_str())
        ),
        (None, None) => format!("external address {addr}:{port}"),
    };
    answer.trace.hop(
        what,
        "answer",
        false,
        "outside the simulated workloads: assumed to answer".to_owned(),
    );
    if ctx.http.is_some() {
        answer.status = Some(200);
    }
    answer
}
