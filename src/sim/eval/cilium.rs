//! CiliumNetworkPolicy decisions (cilium docs policy/language.rst, layer7.rst, deny.rst;
//! MESH-NOTES.md §2): endpoint labels, peers, ports, deny-wins, L7 HTTP rules.

use std::net::IpAddr;

use crate::sim::model::cilium::*;
use crate::sim::model::labels::Labels;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, NsId, PodId};

/// Cilium's view of a pod's labels: its own labels plus the namespace name and labels.
pub fn endpoint_labels(cluster: &Cluster, pod: PodId) -> Labels {
    let mut out = Labels::new();
    let Some(p) = cluster.pods.get(pod) else {
        return out;
    };
    out.extend(p.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
    out.insert(
        "io.kubernetes.pod.namespace".to_owned(),
        cluster.ns_name(p.ns).to_owned(),
    );
    out.insert(
        "io.cilium.k8s.policy.serviceaccount".to_owned(),
        p.service_account.clone(),
    );
    if let Some(ns) = cluster.namespaces.get(p.ns) {
        for (k, v) in &ns.labels {
            out.insert(format!("io.cilium.k8s.namespace.labels.{k}"), v.clone());
        }
    }
    out
}

/// The remote end as a policy sees it.
#[derive(Debug, Clone)]
pub enum Remote<'a> {
    Pod(PodId),
    /// This endpoint's own node.
    Host,
    /// Another node.
    OtherNode,
    /// Outside the cluster: an address or a DNS name.
    World {
        ip: Option<IpAddr>,
        name: Option<&'a str>,
    },
}

/// toFQDNs only learns a name's addresses through the DNS proxy: some egress policy of the
/// endpoint needs a `dns` rule covering the name (language.rst "DNS based").
fn resolvable(policies: &[&CiliumPolicy], name: &str) -> bool {
    policies.iter().any(|c| {
        c.egress.iter().flatten().any(|r| {
            r.ports
                .iter()
                .any(|p| p.dns.iter().any(|re| re.is_match(name)))
        })
    })
}

fn peer_matches(
    cluster: &Cluster,
    policy_ns: NsId,
    peer: &Peer,
    remote: &Remote<'_>,
    dns_ok: bool,
) -> bool {
    match (peer, remote) {
        (Peer::Endpoints(sel), Remote::Pod(p)) => {
            let same_ns = cluster.pods.get(*p).is_some_and(|pod| pod.ns == policy_ns);
            (sel.names_namespace || same_ns) && sel.selector.matches(&endpoint_labels(cluster, *p))
        }
        (Peer::Cidr(c, except), Remote::World { ip: Some(ip), .. }) => {
            c.contains(*ip) && !except.iter().any(|e| e.contains(*ip))
        }
        (Peer::Entity(e), r) => matches!(
            (e.as_str(), r),
            ("all", _)
                | ("world", Remote::World { .. })
                | ("cluster", Remote::Pod(_) | Remote::Host | Remote::OtherNode)
                | ("host", Remote::Host)
                | ("remote-node", Remote::OtherNode)
        ),
        (Peer::Fqdn(re), Remote::World { name: Some(n), .. }) => dns_ok && re.is_match(n),
        _ => false,
    }
}

fn port_matches(rule: &PortRule, port: u16, protocol: Protocol) -> bool {
    rule.ports.is_empty()
        || rule.ports.iter().any(|(a, b, p)| {
            (*a == 0 || (*a..=*b).contains(&port)) && p.is_none_or(|p| p == protocol)
        })
}

/// A Cilium decision for one direction at one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No CiliumNetworkPolicy selects the endpoint in this direction.
    NotSelected,
    Denied {
        by: String,
    },
    /// Dropped by a deny rule (POLICY_DENY).
    DeniedByDenyRule {
        by: String,
    },
    /// Allowed at L3/L4; `l7` = HTTP rules the node Envoy must then check.
    Allowed {
        by: String,
        l7: Option<Vec<HttpRuleRef>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRuleRef {
    pub policy: usize,
    pub rule: usize,
    pub port_rule: usize,
}

fn rule_hits(
    cluster: &Cluster,
    policy: &CiliumPolicy,
    rule: &Rule,
    remote: &Remote<'_>,
    port: u16,
    protocol: Protocol,
    dns_ok: bool,
) -> Option<Option<usize>> {
    // `{}` selects nothing (a default-deny rule).
    if rule.peers.is_empty() && rule.ports.is_empty() {
        return None;
    }
    let l3 = rule.peers.is_empty()
        || rule
            .peers
            .iter()
            .any(|p| peer_matches(cluster, policy.ns, p, remote, dns_ok));
    if !l3 {
        return None;
    }
    if rule.ports.is_empty() {
        return Some(None);
    }
    rule.ports
        .iter()
        .position(|pr| port_matches(pr, port, protocol))
        .map(Some)
}

/// Evaluate CiliumNetworkPolicies at `pod` for one direction.
pub fn decide(
    cluster: &Cluster,
    policies: &[CiliumPolicy],
    pod: PodId,
    ingress: bool,
    remote: &Remote<'_>,
    port: u16,
    protocol: Protocol,
) -> Verdict {
    let Some(p) = cluster.pods.get(pod) else {
        return Verdict::NotSelected;
    };
    // Only a policy of the pod's own namespace can select it: without one, skip building the
    // endpoint's label view (this runs twice for every request under Cilium).
    if !policies.iter().any(|c| c.ns == p.ns) {
        return Verdict::NotSelected;
    }
    let labels = endpoint_labels(cluster, pod);
    let selecting: Vec<(usize, &CiliumPolicy)> = policies
        .iter()
        .enumerate()
        .filter(|(_, c)| c.ns == p.ns && c.selector.selector.matches(&labels))
        .collect();
    let name =
        |c: &CiliumPolicy| format!("CiliumNetworkPolicy {}/{}", cluster.ns_name(c.ns), c.name);
    let dns_ok = match remote {
        Remote::World { name: Some(n), .. } => {
            let refs: Vec<&CiliumPolicy> = selecting.iter().map(|(_, c)| *c).collect();
            resolvable(&refs, n)
        }
        _ => false,
    };
    // Deny rules win over any allow (deny.rst).
    for (_, c) in &selecting {
        let deny = if ingress {
            &c.ingress_deny
        } else {
            &c.egress_deny
        };
        for (i, rule) in deny.iter().flatten().enumerate() {
            if rule_hits(cluster, c, rule, remote, port, protocol, dns_ok).is_some() {
                return Verdict::DeniedByDenyRule {
                    by: format!(
                        "{} {}Deny rule {i}",
                        name(c),
                        if ingress { "ingress" } else { "egress" }
                    ),
                };
            }
        }
    }
    let mut enforced = Vec::new();
    let mut l4_allow = None;
    let mut l7 = Vec::new();
    let mut l7_by = None;
    for (pi, c) in &selecting {
        let (allow, deny) = if ingress {
            (&c.ingress, &c.ingress_deny)
        } else {
            (&c.egress, &c.egress_deny)
        };
        if allow.is_none() && deny.is_none() {
            continue;
        }
        enforced.push(name(c));
        for (ri, rule) in allow.iter().flatten().enumerate() {
            let Some(port_rule) = rule_hits(cluster, c, rule, remote, port, protocol, dns_ok)
            else {
                continue;
            };
            let by = format!(
                "{} {} rule {ri}",
                name(c),
                if ingress { "ingress" } else { "egress" }
            );
            match port_rule.and_then(|i| rule.ports.get(i).map(|pr| (i, pr))) {
                Some((i, pr)) if pr.http.is_some() => {
                    l7.push(HttpRuleRef {
                        policy: *pi,
                        rule: ri,
                        port_rule: i,
                    });
                    l7_by.get_or_insert(by);
                }
                _ => {
                    l4_allow.get_or_insert(by);
                }
            }
        }
    }
    if enforced.is_empty() {
        return Verdict::NotSelected;
    }
    // A broader L4-only allow on the same peer and port makes L7 rules ineffective (layer7.rst).
    if let Some(by) = l4_allow {
        return Verdict::Allowed { by, l7: None };
    }
    if let Some(by) = l7_by {
        return Verdict::Allowed { by, l7: Some(l7) };
    }
    Verdict::Denied {
        by: enforced.join(", "),
    }
}

/// The node Envoy's check of an HTTP request against the allowing L7 rules.
pub fn http_allowed(
    policies: &[CiliumPolicy],
    refs: &[HttpRuleRef],
    ingress: bool,
    method: &str,
    path: &str,
) -> bool {
    refs.iter().any(|r| {
        policies
            .get(r.policy)
            .and_then(|c| {
                if ingress {
                    c.ingress.as_ref()
                } else {
                    c.egress.as_ref()
                }
            })
            .and_then(|rules| rules.get(r.rule))
            .and_then(|rule| rule.ports.get(r.port_rule))
            .and_then(|pr| pr.http.as_ref())
            .is_some_and(|http| {
                http.iter().any(|h| {
                    h.method.as_ref().is_none_or(|re| re.is_match(method))
                        && h.path.as_ref().is_none_or(|re| re.is_match(path))
                })
            })
    })
}
