//! NetworkPolicy evaluation (networking.k8s.io/v1; rules in the oracle's NOTES.md
//! "NetworkPolicy semantics verified"). Pure functions over the resolved model.

use std::net::IpAddr;

use crate::sim::eval::probe::text;
use crate::sim::model::labels::Labels;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, NetworkPolicy, NsId, Peer, PodId, PolicyRule, PortSpec};

/// The other end of a connection as a policy sees it (after Service DNAT).
#[derive(Debug, Clone, Copy)]
pub struct Endpoint<'a> {
    pub ip: IpAddr,
    /// The pod behind `ip`, when it is one.
    pub pod: Option<PodId>,
    /// Namespace and labels of an in-cluster workload (a pod, or a gateway proxy).
    pub workload: Option<(NsId, &'a Labels)>,
}

impl<'a> Endpoint<'a> {
    pub fn pod(cluster: &'a Cluster, pod: PodId) -> Option<Self> {
        let p = cluster.pods.get(pod)?;
        Some(Endpoint {
            ip: p.ip,
            pod: Some(pod),
            workload: Some((p.ns, &p.labels)),
        })
    }

    /// A node, or an address outside the cluster: no namespace, no labels.
    pub fn address(ip: IpAddr) -> Self {
        Endpoint {
            ip,
            pod: None,
            workload: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

/// One direction's decision for one pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// A selecting policy isolates the pod in this direction.
    pub isolated: bool,
    /// `NetworkPolicy NS/NAME ingress rule N` that allowed, or the isolating policies.
    pub decided_by: Vec<String>,
    pub reason: String,
}

fn policy_ref(cluster: &Cluster, p: &NetworkPolicy) -> String {
    text!("NetworkPolicy {}/{}", cluster.ns_name(p.ns), p.name)
}

/// Decide one direction at `pod` for a connection with `peer` on `port`/`protocol`.
/// For ingress, `port` is the destination pod's port; for egress, the remote port (named
/// ports resolve on the remote pod).
pub fn decide(
    cluster: &Cluster,
    pod: PodId,
    direction: Direction,
    peer: &Endpoint<'_>,
    port: u16,
    protocol: Protocol,
) -> Decision {
    let Some(this) = cluster.pods.get(pod) else {
        return Decision {
            allowed: false,
            isolated: false,
            decided_by: Vec::new(),
            reason: "unknown pod".to_owned(),
        };
    };
    // A pod cannot block traffic to itself, nor to and from its own node (types.go, docs
    // intro). Self traffic is `ambiguous` upstream; meshlab follows the docs: always allowed.
    if peer.pod == Some(pod) {
        return Decision {
            allowed: true,
            isolated: false,
            decided_by: Vec::new(),
            reason: "traffic of a pod with itself is never blocked".to_owned(),
        };
    }
    if cluster
        .nodes
        .get(this.node)
        .is_some_and(|n| n.ip == peer.ip)
    {
        return Decision {
            allowed: true,
            isolated: false,
            decided_by: Vec::new(),
            reason: "traffic with the pod's own node is always allowed".to_owned(),
        };
    }
    let dir_name = match direction {
        Direction::Ingress => "ingress",
        Direction::Egress => "egress",
    };
    let mut isolating = Vec::new();
    for policy in &cluster.network_policies {
        if policy.ns != this.ns || !policy.pod_selector.matches(&this.labels) {
            continue;
        }
        let rules = match direction {
            Direction::Ingress => &policy.ingress,
            Direction::Egress => &policy.egress,
        };
        // Isolated in this direction iff a selecting policy has this policyType.
        let Some(rules) = rules else { continue };
        isolating.push(policy_ref(cluster, policy));
        // Named ports resolve on the destination pod: this pod for ingress, the peer for egress.
        let port_owner = match direction {
            Direction::Ingress => Some(pod),
            Direction::Egress => peer.pod,
        };
        for (i, rule) in rules.iter().enumerate() {
            if rule_matches(cluster, policy, rule, peer, port, protocol, port_owner) {
                let rule = text!("{} {dir_name} rule {i}", policy_ref(cluster, policy));
                return Decision {
                    allowed: true,
                    isolated: true,
                    reason: text!("allowed by {rule}"),
                    decided_by: vec![rule],
                };
            }
        }
    }
    if isolating.is_empty() {
        Decision {
            allowed: true,
            isolated: false,
            decided_by: Vec::new(),
            reason: text!("no NetworkPolicy isolates this pod for {dir_name}"),
        }
    } else {
        Decision {
            allowed: false,
            isolated: true,
            decided_by: isolating,
            reason: text!("{dir_name}-isolated and no rule allows this peer and port"),
        }
    }
}

fn rule_matches(
    cluster: &Cluster,
    policy: &NetworkPolicy,
    rule: &PolicyRule,
    peer: &Endpoint<'_>,
    port: u16,
    protocol: Protocol,
    port_owner: Option<PodId>,
) -> bool {
    // A rule matches only if both its peers and its ports match (no cross product).
    let peer_ok = rule.peers.as_ref().is_none_or(|peers| {
        peers
            .iter()
            .any(|p| peer_matches(cluster, policy.ns, p, peer))
    });
    let port_ok = rule.ports.as_ref().is_none_or(|ports| {
        ports.iter().any(|m| {
            m.protocol == protocol
                && match &m.port {
                    PortSpec::Any => true,
                    PortSpec::Number(n) => *n == port,
                    PortSpec::Range(a, b) => (*a..=*b).contains(&port),
                    // A named port needs a pod to resolve on; to a non-pod peer it matches
                    // nothing (undefined upstream: np-named-port-egress-to-external-ip).
                    PortSpec::Named(name) => {
                        port_owner
                            .and_then(|p| cluster.pods.get(p))
                            .and_then(|p| p.named_port(name, protocol))
                            == Some(port)
                    }
                }
        })
    });
    peer_ok && port_ok
}

fn peer_matches(cluster: &Cluster, policy_ns: NsId, peer: &Peer, ep: &Endpoint<'_>) -> bool {
    match peer {
        Peer::Pods { namespaces, pods } => {
            // Selectors only ever match in-cluster workloads, never external IPs.
            let Some((ns, labels)) = ep.workload else {
                return false;
            };
            let ns_ok = match namespaces {
                None => ns == policy_ns,
                Some(sel) => cluster
                    .namespaces
                    .get(ns)
                    .is_some_and(|n| sel.matches(&n.labels)),
            };
            ns_ok && pods.as_ref().is_none_or(|sel| sel.matches(labels))
        }
        // ipBlock also matches pod IPs, as the e2e tests expect (ambiguous across CNIs).
        Peer::IpBlock { cidr, except } => {
            cidr.contains(ep.ip) && !except.iter().any(|e| e.contains(ep.ip))
        }
    }
}
