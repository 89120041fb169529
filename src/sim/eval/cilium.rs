//! CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy decisions (cilium docs
//! policy/language.rst, layer7.rst, deny.rst; MESH-NOTES.md §2): endpoint labels, peers
//! (endpoints, CIDRs, entities, Services, FQDNs), ports and ICMP types, deny-wins,
//! `enableDefaultDeny`, L7 HTTP rules and the DNS proxy's rules.

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
    // The cluster's name (`cluster-name` in cilium-config), `default` unless Cluster Mesh
    // names it (demo.rst's `cilium-dbg endpoint list`).
    out.insert(
        "io.cilium.k8s.policy.cluster".to_owned(),
        "default".to_owned(),
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
    /// This endpoint's own node (its address).
    Host(IpAddr),
    /// Another node (its address).
    OtherNode(IpAddr),
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

/// The API server's addresses: the endpoints of Service `default/kubernetes`.
fn is_kube_apiserver(cluster: &Cluster, ip: IpAddr) -> bool {
    cluster.services.iter().any(|s| {
        s.name == "kubernetes"
            && cluster.ns_name(s.ns) == "default"
            && (s.external_endpoints.contains(&ip) || s.cluster_ip == Some(ip))
    })
}

fn entity_matches(cluster: &Cluster, e: Entity, remote: &Remote<'_>) -> bool {
    match (e, remote) {
        (Entity::All, _) => true,
        (Entity::World, Remote::World { .. }) => true,
        (Entity::Cluster, Remote::Pod(_) | Remote::Host(_) | Remote::OtherNode(_)) => true,
        (Entity::Host, Remote::Host(_)) => true,
        (Entity::RemoteNode, Remote::OtherNode(_)) => true,
        // The API server may run on a node (its address is then also host or remote-node) or
        // outside the cluster (language.rst: "both deployments of the kube-apiserver").
        (
            Entity::KubeApiserver,
            Remote::World { ip: Some(ip), .. } | Remote::Host(ip) | Remote::OtherNode(ip),
        ) => is_kube_apiserver(cluster, *ip),
        _ => false,
    }
}

/// `toServices`: a Service with a selector stands for its endpoints (its selector as an
/// endpoint selector); one without, for the addresses of its hand-written endpoints.
fn service_matches(
    cluster: &Cluster,
    policy_ns: Option<NsId>,
    peer: &ServicePeer,
    remote: &Remote<'_>,
) -> bool {
    cluster.services.iter().any(|s| {
        let ns_ok = match (&peer.namespace, policy_ns) {
            (Some(ns), _) => cluster.ns_name(s.ns) == ns,
            (None, Some(ns)) => s.ns == ns,
            (None, None) => true,
        };
        let named = match (&peer.name, &peer.selector) {
            (Some(n), _) => s.name == *n,
            (None, Some(sel)) => sel.matches(&s.labels),
            (None, None) => false,
        };
        ns_ok
            && named
            && match remote {
                Remote::Pod(p) => s.selector.is_some() && s.endpoints.contains(p),
                Remote::World { ip: Some(ip), .. } => {
                    s.selector.is_none() && s.external_endpoints.contains(ip)
                }
                _ => false,
            }
    })
}

fn peer_matches(
    cluster: &Cluster,
    policy_ns: Option<NsId>,
    peer: &Peer,
    remote: &Remote<'_>,
    dns_ok: bool,
) -> bool {
    match (peer, remote) {
        (Peer::Endpoints(sel), Remote::Pod(p)) => {
            // A namespaced policy's selectors stay in its namespace unless they name one; a
            // clusterwide policy's select in every namespace.
            let ns_ok = sel.names_namespace
                || policy_ns.is_none_or(|ns| cluster.pods.get(*p).is_some_and(|pod| pod.ns == ns));
            ns_ok && sel.selector.matches(&endpoint_labels(cluster, *p))
        }
        (Peer::Cidr(c, except), Remote::World { ip: Some(ip), .. }) => {
            c.contains(*ip) && !except.iter().any(|e| e.contains(*ip))
        }
        (Peer::Entity(e), r) => entity_matches(cluster, *e, r),
        (Peer::Service(s), r) => service_matches(cluster, policy_ns, s, r),
        (Peer::Fqdn(re), Remote::World { name: Some(n), .. }) => dns_ok && re.is_match(n),
        _ => false,
    }
}

fn port_matches(rule: &PortRule, port: u16, protocol: Protocol) -> bool {
    rule.ports.is_empty()
        || rule.ports.iter().any(|(a, b, p)| match (protocol, p) {
            // An ICMP probe has no port: only a port entry for protocol ICMP covers it.
            (Protocol::Icmp, p) => *p == Some(Protocol::Icmp),
            (_, p) => (*a == 0 || (*a..=*b).contains(&port)) && p.is_none_or(|p| p == protocol),
        })
}

/// The echo request a probe with protocol ICMP sends.
const ICMP_ECHO_REQUEST: u8 = 8;

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
    /// Allowed at L3/L4; `l7` = HTTP rules the node Envoy must then check; `auth` = an
    /// allowing rule requires mutual authentication first.
    Allowed {
        by: String,
        l7: Option<Vec<HttpRuleRef>>,
        auth: bool,
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
    if rule.peers.is_empty() && rule.ports.is_empty() && rule.icmps.is_empty() {
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
    // `icmps` and `toPorts` are alternatives within a rule; a rule with neither admits
    // every protocol.
    if protocol == Protocol::Icmp && rule.icmps.contains(&ICMP_ECHO_REQUEST) {
        return Some(None);
    }
    if rule.ports.is_empty() {
        return rule.icmps.is_empty().then_some(None);
    }
    rule.ports
        .iter()
        .position(|pr| port_matches(pr, port, protocol))
        .map(Some)
}

/// The policies that select `pod` (namespaced ones of its namespace, and clusterwide ones).
fn selecting<'a>(
    cluster: &Cluster,
    policies: &'a [CiliumPolicy],
    pod: PodId,
) -> Vec<(usize, &'a CiliumPolicy)> {
    let Some(p) = cluster.pods.get(pod) else {
        return Vec::new();
    };
    // Without a policy that could select it, skip building the endpoint's label view (this
    // runs twice for every request under Cilium).
    if !policies.iter().any(|c| c.ns.is_none_or(|ns| ns == p.ns)) {
        return Vec::new();
    }
    let labels = endpoint_labels(cluster, pod);
    policies
        .iter()
        .enumerate()
        .filter(|(_, c)| c.ns.is_none_or(|ns| ns == p.ns) && c.selector.selector.matches(&labels))
        .collect()
}

fn policy_name(cluster: &Cluster, c: &CiliumPolicy) -> String {
    match c.ns {
        Some(ns) => format!("{} {}/{}", c.kind(), cluster.ns_name(ns), c.name),
        None => format!("{} {}", c.kind(), c.name),
    }
}

/// What the agent's DNS proxy says to a lookup of `names` (the name as written, then the
/// names the resolver's search domains make of it) sent by `pod` to the DNS server `dns` on
/// port 53: None when no L7 `dns` rule covers that traffic (the lookup is not proxied);
/// otherwise whether some rule's pattern admits one of the names, and the rule that decided.
pub fn dns_proxy(
    cluster: &Cluster,
    policies: &[CiliumPolicy],
    pod: PodId,
    dns: PodId,
    names: &[String],
) -> Option<(bool, String)> {
    let remote = Remote::Pod(dns);
    let (mut admitted, mut refused) = (None, None);
    for (_, c) in selecting(cluster, policies, pod) {
        for (ri, rule) in c.egress.iter().flatten().enumerate() {
            let pr = match rule_hits(cluster, c, rule, &remote, 53, Protocol::Udp, false) {
                None => continue,
                // A rule without ports admits the lookup unproxied.
                Some(None) => return None,
                Some(Some(i)) => &rule.ports[i],
            };
            // An L4-only allow on the same peer and port makes the DNS rules ineffective.
            if pr.dns.is_empty() && pr.http.is_none() {
                return None;
            }
            let by = format!("{} egress rule {ri}", policy_name(cluster, c));
            let ok = names.iter().any(|n| {
                let n = n.trim_end_matches('.');
                pr.dns.iter().any(|re| re.is_match(n))
            });
            if ok {
                admitted.get_or_insert(by);
            } else {
                refused.get_or_insert(by);
            }
        }
    }
    admitted
        .map(|by| (true, by))
        .or_else(|| refused.map(|by| (false, by)))
}

/// `pod`'s lookups go through the agent's DNS proxy: an egress rule that lets its queries out
/// carries L7 `dns` rules. With the cluster DNS modeled (`dns`), exactly as [`dns_proxy`]
/// decides it; without, any `dns` rule of a policy selecting the pod (the rule a toFQDNs policy
/// needs, language.rst "DNS based").
pub fn dns_proxied(
    cluster: &Cluster,
    policies: &[CiliumPolicy],
    pod: PodId,
    dns: Option<PodId>,
) -> bool {
    match dns {
        Some(dns) => dns_proxy(cluster, policies, pod, dns, &[]).is_some(),
        None => selecting(cluster, policies, pod).iter().any(|(_, c)| {
            c.egress
                .iter()
                .flatten()
                .any(|r| r.ports.iter().any(|p| !p.dns.is_empty()))
        }),
    }
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
    let selecting = selecting(cluster, policies, pod);
    if selecting.is_empty() {
        return Verdict::NotSelected;
    }
    let name = |c: &CiliumPolicy| policy_name(cluster, c);
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
    let mut auth = false;
    for (pi, c) in &selecting {
        let (allow, deny, default_deny) = if ingress {
            (&c.ingress, &c.ingress_deny, c.default_deny_ingress)
        } else {
            (&c.egress, &c.egress_deny, c.default_deny_egress)
        };
        if allow.is_none() && deny.is_none() {
            continue;
        }
        // `enableDefaultDeny: false` for this direction: the policy only adds allows.
        if default_deny {
            enforced.push(name(c));
        }
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
            auth |= rule.auth_required;
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
    // Policies with `enableDefaultDeny: false` only: what matches their rules is allowed (and
    // still goes through the L7 proxy: default deny does not apply to L7, intro.rst), the rest
    // is not decided here.
    if enforced.is_empty() && l4_allow.is_none() && l7_by.is_none() {
        return Verdict::NotSelected;
    }
    // A broader L4-only allow on the same peer and port makes L7 rules ineffective (layer7.rst).
    if let Some(by) = l4_allow {
        return Verdict::Allowed { by, l7: None, auth };
    }
    if let Some(by) = l7_by {
        return Verdict::Allowed {
            by,
            l7: Some(l7),
            auth,
        };
    }
    Verdict::Denied {
        by: enforced.join(", "),
    }
}

/// An HTTP request as the node Envoy matches it.
pub struct HttpView<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub host: &'a str,
    pub headers: &'a [(String, String)],
}

impl HttpView<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn matches(&self, h: &HttpRule) -> bool {
        h.method.as_ref().is_none_or(|re| re.is_match(self.method))
            && h.path.as_ref().is_none_or(|re| re.is_match(self.path))
            && h.host.as_ref().is_none_or(|re| re.is_match(self.host))
            && h.headers.iter().all(|(n, v)| match (self.header(n), v) {
                (Some(got), Some(want)) => got == want,
                (Some(_), None) => true,
                (None, _) => false,
            })
            && h.header_matches
                .iter()
                .all(|(n, v)| self.header(n).is_some_and(|got| v.is_empty() || got == v))
    }
}

/// The node Envoy's check of an HTTP request against the allowing L7 rules.
pub fn http_allowed(
    policies: &[CiliumPolicy],
    refs: &[HttpRuleRef],
    ingress: bool,
    request: &HttpView<'_>,
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
            .is_some_and(|http| http.iter().any(|h| request.matches(h)))
    })
}
