//! The network path of one connection once its destination is known: the client's data plane,
//! NetworkPolicy at both ends (after Service DNAT), the server's data plane, the application.

use std::net::IpAddr;

use super::model::{Cluster, PodId};
use super::net::Protocol;
use super::netpol::{self, Direction, Endpoint};
use super::outcome::Outcome;
use super::probe::{Answer, Client, Delivery};
use super::route::HttpRequest;

/// What every step of a request may read.
pub(crate) struct Ctx<'a> {
    pub cluster: &'a Cluster,
    /// The HTTP request, its Host and whether it is gRPC; None for a plain connection.
    pub http: Option<(HttpRequest<'a>, Option<&'a str>, bool)>,
    /// How long the destination application takes to answer.
    pub delay_ms: u64,
}

/// NetworkPolicy drop: the CNI silently discards the SYN, so the client times out.
fn policy_drop(mut answer: Answer, component: String, decision: netpol::Decision) -> Answer {
    answer.trace.hop(component, "drop", false, decision.reason);
    answer.trace.decided_by.extend(decision.decided_by);
    answer.denied(Outcome::Timeout, None)
}

fn policy_pass(answer: &mut Answer, component: String, decision: netpol::Decision) {
    answer.trace.hop(component, "allow", false, decision.reason);
    answer.trace.decided_by.extend(decision.decided_by);
}

/// NetworkPolicy egress at a client pod towards `dst`; `false` = dropped (return the answer).
pub(crate) fn egress(
    cluster: &Cluster,
    mut answer: Answer,
    src_pod: PodId,
    dst: &Endpoint<'_>,
    port: u16,
    protocol: Protocol,
) -> (Answer, bool) {
    let decision = netpol::decide(cluster, src_pod, Direction::Egress, dst, port, protocol);
    let hop = format!("CNI egress {}", cluster.pod_ref(src_pod));
    if !decision.allowed {
        return (policy_drop(answer, hop, decision), false);
    }
    policy_pass(&mut answer, hop, decision);
    (answer, true)
}

/// Deliver a connection to a pod.
pub(crate) fn deliver(ctx: &Ctx<'_>, mut answer: Answer, d: Delivery<'_>) -> Answer {
    let cluster = ctx.cluster;
    let Some(dst) = Endpoint::pod(cluster, d.pod) else {
        return answer;
    };
    let dst_name = cluster.pod_ref(d.pod);
    // Both ends must allow: egress at the source, ingress at the destination (NOTES.md 8).
    if let Some(src_pod) = d.source.pod {
        let (next, passed) = egress(cluster, answer, src_pod, &dst, d.port, d.protocol);
        if !passed {
            return next;
        }
        answer = next;
    }
    let mut decision = netpol::decide(
        cluster,
        d.pod,
        Direction::Ingress,
        &d.source,
        d.port,
        d.protocol,
    );
    decision.reason = format!(
        "{}/{} from {}: {}",
        d.port, d.protocol, d.source_name, decision.reason
    );
    let hop = format!("CNI ingress {dst_name}");
    if !decision.allowed {
        return policy_drop(answer, hop, decision);
    }
    policy_pass(&mut answer, hop, decision);
    answer.backend = Some((d.service, d.pod));
    match ctx.http {
        None => {
            answer.trace.hop(
                format!("app {dst_name}"),
                "answer",
                false,
                format!("accepts the {} connection on port {}", d.protocol, d.port),
            );
        }
        Some(_) => {
            // timeouts.request: the proxy that applied the route gives up with 504.
            if let Some(limit) = d.rule.and_then(|r| r.request_timeout_ms)
                && ctx.delay_ms > limit
            {
                answer.trace.hop(
                    format!("app {dst_name}"),
                    "slow",
                    false,
                    format!("answers after {} ms", ctx.delay_ms),
                );
                let who = if d.via_gateway {
                    "gateway"
                } else {
                    "mesh proxy"
                };
                return answer.proxy_status(
                    who.to_owned(),
                    504,
                    format!("timeouts.request {limit} ms exceeded"),
                );
            }
            answer.status = Some(200);
            answer.trace.hop(
                format!("app {dst_name}"),
                "answer",
                false,
                "HTTP 200".to_owned(),
            );
        }
    }
    answer
}

/// A connection to an address that is not a pod: a node, or outside the cluster.
pub(crate) fn leave(
    ctx: &Ctx<'_>,
    mut answer: Answer,
    client: Client,
    ip: IpAddr,
    port: u16,
    protocol: Protocol,
    what: &str,
) -> Answer {
    let cluster = ctx.cluster;
    if let Client::Pod(src) = client {
        let (next, passed) = egress(cluster, answer, src, &Endpoint::address(ip), port, protocol);
        if !passed {
            return next;
        }
        answer = next;
    }
    answer.trace.hop(
        format!("{what} {ip}:{port}"),
        "answer",
        false,
        "outside the simulated workloads: assumed to answer".to_owned(),
    );
    if ctx.http.is_some() {
        answer.status = Some(200);
    }
    answer
}

/// A connection to an external name. Its address is unknown, so only egress rules that admit
/// every address (no peers, or an ipBlock covering 0.0.0.0) let it out.
pub(crate) fn leave_fqdn(
    ctx: &Ctx<'_>,
    answer: Answer,
    client: Client,
    name: &str,
    port: u16,
    protocol: Protocol,
) -> Answer {
    let mut answer = leave(
        ctx,
        answer,
        client,
        IpAddr::from([0, 0, 0, 0]),
        port,
        protocol,
        "external name",
    );
    if let Some(h) = answer.trace.hops.last_mut() {
        h.component = format!("external name {name}:{port}");
    }
    answer
}
