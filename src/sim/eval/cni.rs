//! The CNI's view of a connection: Kubernetes NetworkPolicy everywhere, unioned with
//! CiliumNetworkPolicy when Cilium is the CNI; L3/L4 denials are silent drops (the client
//! times out), except at a Cilium client's egress with `policy-deny-response: icmp` (the
//! client's connect fails at once); Cilium's mutual authentication is checked once a rule
//! that requires it allows the connection.

use crate::sim::eval::cilium::{self, Remote};
use crate::sim::eval::netpol::{self, Direction, Endpoint};
use crate::sim::eval::outcome::Outcome;
use crate::sim::eval::path::node_name;
use crate::sim::eval::probe::{Answer, text};
use crate::sim::model::cilium::{DenyResponse, EnforcementMode};
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, PodId};

/// The CNI's decision in one direction: Kubernetes NetworkPolicy, unioned with
/// CiliumNetworkPolicy when Cilium is the CNI (both are allow-lists of one datapath; deny
/// rules win). `l7` = HTTP rules the node's Envoy must check.
pub(crate) struct CniDecision {
    pub allowed: bool,
    /// Dropped by a Cilium deny rule (Hubble: POLICY_DENY) rather than by default deny.
    pub by_deny_rule: bool,
    pub l7: Option<Vec<cilium::HttpRuleRef>>,
    /// The allowing Cilium rule requires mutual authentication (`authentication.mode:
    /// required`).
    pub auth: bool,
    pub decided_by: Vec<String>,
    pub reason: String,
}

pub(crate) fn cni_decide(
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
            auth: false,
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
            auth: false,
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
            auth: false,
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
            auth: false,
            decided_by: Vec::new(),
            reason: text!(
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
            auth: false,
            reason: text!("Policy denied by denylist ({by})"),
            decided_by: vec![by],
        },
        cilium::Verdict::Allowed { by, l7, auth } => {
            decided_by.push(by.clone());
            CniDecision {
                allowed: true,
                by_deny_rule: false,
                // A NetworkPolicy allow on the same traffic is L4-only: no Envoy redirect.
                l7: if np_rule { None } else { l7 },
                auth,
                decided_by,
                reason: text!("allowed by {by}"),
            }
        }
        cilium::Verdict::Denied { by } if !np_rule => {
            decided_by.push(by.clone());
            CniDecision {
                allowed: false,
                by_deny_rule: false,
                l7: None,
                auth: false,
                decided_by,
                reason: text!("Policy denied (default deny once selected by {by})"),
            }
        }
        cilium::Verdict::NotSelected if mode == EnforcementMode::Always && !np_rule => {
            CniDecision {
                allowed: false,
                by_deny_rule: false,
                l7: None,
                auth: false,
                decided_by: vec!["cilium-config enable-policy=always".to_owned()],
                reason: "policyEnforcementMode=always: no policy allows this".to_owned(),
            }
        }
        _ => CniDecision {
            allowed: np.allowed,
            by_deny_rule: false,
            l7: None,
            auth: false,
            decided_by,
            reason: np.reason.clone(),
        },
    }
}

pub(crate) fn remote_of<'a>(
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
        Remote::Host(peer.ip)
    } else if cluster.node_by_ip(peer.ip).is_some() {
        Remote::OtherNode(peer.ip)
    } else {
        Remote::World {
            ip: Some(peer.ip),
            name,
        }
    }
}

/// CNI drop: the datapath silently discards the SYN, so the client times out. With Cilium's
/// `policy-deny-response: icmp`, a connection denied at the client's own egress (IPv4) gets
/// an ICMP Destination Unreachable back instead: the connect fails at once (curl exit 7).
///
/// `icmp_back`: for an egress denial, whether the client pod's own ingress policy lets that
/// ICMP in; if not, "applications will not receive the rejection notifications and will still
/// experience connection timeouts" (intro.rst, "Policy Deny Response Handling").
pub(crate) fn drop_at(
    cluster: &Cluster,
    answer: &mut Answer,
    component: String,
    icmp_back: Option<bool>,
    d: CniDecision,
) {
    let icmp = cluster.mesh.cilium_cni
        && cluster.mesh.cilium_deny_response == DenyResponse::Icmp
        && icmp_back == Some(true);
    let blocked = cluster.mesh.cilium_cni
        && cluster.mesh.cilium_deny_response == DenyResponse::Icmp
        && icmp_back == Some(false);
    let verdict = match (d.by_deny_rule, icmp) {
        (_, true) => "reject",
        (true, false) => "drop (deny rule)",
        (false, false) => "drop",
    };
    let reason = if icmp && answer.trace.recording() {
        text!(
            "{}; ICMP Destination Unreachable sent back to the client (policy-deny-response=icmp)",
            d.reason
        )
    } else if blocked && answer.trace.recording() {
        text!(
            "{}; the ICMP Destination Unreachable sent back is dropped by the client's own ingress policy (policy-deny-response=icmp)",
            d.reason
        )
    } else {
        d.reason
    };
    answer.trace.hop(component, verdict, false, reason);
    answer.trace.decided(d.decided_by);
    answer.denied(
        if icmp {
            Outcome::Refused
        } else {
            Outcome::Timeout
        },
        None,
    );
}

/// Cilium's mutual authentication, asked for by the rule that allowed the connection: the
/// agents of both ends check each other's SPIFFE identity out of band before the datapath
/// lets packets through. Without SPIRE-backed mutual authentication in the agent, the
/// handshake cannot happen and packets are dropped ("Authentication required"). The payload
/// itself is not encrypted: only WireGuard or IPsec does that (mutual-authentication.rst).
/// `false` = dropped (the answer says how; stop there).
pub(crate) fn mutual_auth(
    cluster: &Cluster,
    answer: &mut Answer,
    local: PodId,
    peer: &Endpoint<'_>,
    direction: Direction,
) -> bool {
    // SPIRE holds one SPIFFE ID per Cilium security identity
    // (`spiffe://spiffe.cilium/identity/ID`), which the endpoint's labels determine.
    let spiffe = |p: PodId| {
        cluster
            .pods
            .get(p)
            .map(|_| text!("the security identity of {}", cluster.pod_display(p)))
    };
    let component = answer.trace.label(|| {
        text!(
            "cilium eBPF {} {} ({}) mutual auth",
            match direction {
                Direction::Ingress => "ingress",
                Direction::Egress => "egress",
            },
            cluster.pod_display(local),
            node_name(cluster, local)
        )
    });
    let remote = peer.pod.and_then(spiffe);
    let Some(remote) = remote.filter(|_| cluster.mesh.cilium_mutual_auth) else {
        // The rule that asked for it is named by the hop that allowed the packet.
        let why = if cluster.mesh.cilium_mutual_auth {
            "Authentication required: the peer is no Cilium endpoint with a SPIFFE identity"
        } else {
            "Authentication required: the rule requires mutual authentication, but the agent has no SPIRE-backed mutual authentication (cilium-config mesh-auth-mutual-enabled)"
        };
        answer.trace.hop(component, "drop", false, why.to_owned());
        answer.denied(Outcome::Timeout, None);
        return false;
    };
    if answer.trace.recording() {
        let local_id = spiffe(local).unwrap_or_default();
        let encrypted = if cluster.mesh.wireguard || cluster.mesh.ipsec {
            "the payload is encrypted node to node by WireGuard/IPsec, not by this handshake"
        } else {
            "the payload is NOT encrypted (neither WireGuard nor IPsec is on)"
        };
        answer.trace.hop(
            component,
            "allow",
            false,
            text!(
                "SPIFFE handshake between the agents (spiffe://spiffe.cilium/identity/…): {local_id} and {remote} checked; {encrypted}"
            ),
        );
    }
    true
}

pub(crate) fn cni_component(cluster: &Cluster, pod: PodId, direction: Direction) -> String {
    let cni = if cluster.mesh.cilium_cni {
        "cilium eBPF"
    } else {
        "CNI"
    };
    let dir = match direction {
        Direction::Ingress => "ingress",
        Direction::Egress => "egress",
    };
    text!(
        "{cni} {dir} {} ({})",
        cluster.pod_display(pod),
        node_name(cluster, pod)
    )
}

/// Egress at a client pod towards `dst`; `false` = dropped (the answer says how; stop there).
pub(crate) fn egress(
    cluster: &Cluster,
    answer: &mut Answer,
    src_pod: PodId,
    dst: &Endpoint<'_>,
    port: u16,
    protocol: Protocol,
) -> bool {
    egress_named(cluster, answer, src_pod, dst, None, port, protocol)
}

pub(crate) fn egress_named(
    cluster: &Cluster,
    answer: &mut Answer,
    src_pod: PodId,
    dst: &Endpoint<'_>,
    name: Option<&str>,
    port: u16,
    protocol: Protocol,
) -> bool {
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
    let component = answer
        .trace
        .label(|| cni_component(cluster, src_pod, Direction::Egress));
    if !d.allowed {
        // The ICMP error comes back from the destination's address, through the client's
        // ingress policy.
        let icmp_back = (cluster.mesh.cilium_deny_response == DenyResponse::Icmp).then(|| {
            let back = remote_of(cluster, src_pod, dst, None);
            let d = cni_decide(
                cluster,
                src_pod,
                Direction::Ingress,
                dst,
                &back,
                0,
                Protocol::Icmp,
            );
            d.allowed
        });
        drop_at(cluster, answer, component, icmp_back, d);
        return false;
    }
    // The CNI forwards what the client's side sent: a proxy's mTLS stream stays encrypted on
    // this link, plaintext stays plaintext.
    let carried = answer.trace.hops.last().is_some_and(|h| h.encrypted);
    answer.trace.hop(component, "allow", carried, d.reason);
    answer.trace.decided(d.decided_by);
    !d.auth || mutual_auth(cluster, answer, src_pod, dst, Direction::Egress)
}
