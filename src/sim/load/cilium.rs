//! CiliumNetworkPolicy objects (spec and specs) with Cilium's selector and regex conventions.

use super::mesh_types as t;
use super::meta::{IntOrString, LabelSelector, namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::{reject, warn};
use super::{Doc, Objects};
use std::cell::RefCell;

use crate::sim::model::cilium::{self, CiliumPolicy, EndpointSelector};
use crate::sim::model::cilium::{HttpRule, Peer, PortRule, Rule};
use crate::sim::model::net::{Cidr, Protocol};
use crate::sim::model::{Cluster, Warn};

/// A Cilium selector: label keys lose their `k8s:`/`any:` source prefix.
fn endpoint_selector(sel: &LabelSelector, path: &str) -> Result<EndpointSelector, String> {
    let mut stripped = sel.clone();
    stripped.match_labels = sel.match_labels.as_ref().map(|m| {
        m.iter()
            .map(|(k, v)| (cilium::strip_source(k).to_owned(), v.clone()))
            .collect()
    });
    if let Some(exprs) = stripped.match_expressions.as_mut() {
        for e in exprs {
            e.key = cilium::strip_source(&e.key).to_owned();
        }
    }
    let names_namespace = stripped
        .match_labels
        .iter()
        .flatten()
        .any(|(k, _)| k == "io.kubernetes.pod.namespace")
        || stripped
            .match_expressions
            .iter()
            .flatten()
            .any(|e| e.key == "io.kubernetes.pod.namespace");
    Ok(EndpointSelector {
        selector: selector(&stripped, path)?,
        names_namespace,
    })
}

/// Cilium regexes are anchored (a full match).
fn anchored(re: &str, path: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(&format!("^(?:{re})$")).map_err(|e| format!("{path}: invalid regex: {e}"))
}

fn fqdn_regex(f: &t::FqdnSelector, path: &str) -> Result<regex::Regex, String> {
    match (&f.match_name, &f.match_pattern) {
        (Some(name), _) => anchored(&regex::escape(name.trim_end_matches('.')), path),
        (None, Some(pattern)) => {
            let re = regex::escape(pattern.trim_end_matches('.')).replace("\\*", "[-a-zA-Z0-9_.]*");
            anchored(&re, path)
        }
        (None, None) => Err(format!("{path}: matchName or matchPattern required")),
    }
}

/// One rule, or the reason the CRD schema refuses it; `unmodeled` collects the paths of what
/// it sets that meshlab does not model.
fn cilium_rule(
    r: &t::CiliumRule,
    ingress: bool,
    path: &str,
    unmodeled: &RefCell<Vec<String>>,
) -> Result<Rule, String> {
    let wrong = if ingress {
        r.to_endpoints.is_some()
            || r.to_cidr.is_some()
            || r.to_cidr_set.is_some()
            || r.to_entities.is_some()
            || r.to_fqdns.is_some()
    } else {
        r.from_endpoints.is_some()
            || r.from_cidr.is_some()
            || r.from_cidr_set.is_some()
            || r.from_entities.is_some()
    };
    if wrong {
        return Err(format!(
            "{path}: {} rule uses a field of the other direction",
            if ingress { "an ingress" } else { "an egress" }
        ));
    }
    let mut peers = Vec::new();
    for (i, s) in r
        .from_endpoints
        .iter()
        .chain(r.to_endpoints.iter())
        .flatten()
        .enumerate()
    {
        peers.push(Peer::Endpoints(endpoint_selector(
            s,
            &format!("{path}.endpoints[{i}]"),
        )?));
    }
    for c in r.from_cidr.iter().chain(r.to_cidr.iter()).flatten() {
        peers.push(Peer::Cidr(
            Cidr::parse(c).ok_or_else(|| format!("{path}: invalid CIDR {c:?}"))?,
            Vec::new(),
        ));
    }
    for c in r.from_cidr_set.iter().chain(r.to_cidr_set.iter()).flatten() {
        let cidr =
            Cidr::parse(&c.cidr).ok_or_else(|| format!("{path}: invalid CIDR {:?}", c.cidr))?;
        let except = c
            .except
            .iter()
            .flatten()
            .map(|e| Cidr::parse(e).ok_or_else(|| format!("{path}: invalid CIDR {e:?}")))
            .collect::<Result<_, _>>()?;
        peers.push(Peer::Cidr(cidr, except));
    }
    for e in r.from_entities.iter().chain(r.to_entities.iter()).flatten() {
        peers.push(Peer::Entity(e.clone()));
    }
    for (i, f) in r.to_fqdns.iter().flatten().enumerate() {
        peers.push(Peer::Fqdn(fqdn_regex(f, &format!("{path}.toFQDNs[{i}]"))?));
    }
    let mut ports = Vec::new();
    for (i, pr) in r.to_ports.iter().flatten().enumerate() {
        let here = format!("{path}.toPorts[{i}]");
        let mut list = Vec::new();
        for p in &pr.ports {
            let start = match &p.port {
                IntOrString::Int(n) => u16::try_from(*n).ok(),
                IntOrString::Str(s) => match s.parse::<u16>() {
                    Ok(n) => Some(n),
                    // A named port resolves on each selected endpoint: not modeled, and port
                    // 0 below never matches a connection.
                    Err(_) if !s.is_empty() => {
                        unmodeled.borrow_mut().push(format!("{here}.ports.port"));
                        Some(0)
                    }
                    Err(_) => None,
                },
            }
            .ok_or_else(|| format!("{here}.ports.port: Invalid value: {:?}", p.port))?;
            let end = p
                .end_port
                .and_then(|e| u16::try_from(e).ok())
                .unwrap_or(start);
            let protocol = match p.protocol.as_deref().unwrap_or("ANY") {
                "ANY" => None,
                other => Some(Protocol::parse(other).ok_or_else(|| {
                    format!("{here}.ports.protocol: Unsupported value {other:?}")
                })?),
            };
            list.push((start, end, protocol));
        }
        let mut http = None;
        let mut dns = Vec::new();
        if let Some(rules) = &pr.rules {
            if let Some(h) = &rules.http {
                let mut out = Vec::new();
                for (j, rule) in h.iter().enumerate() {
                    // Not modeled: the rule is applied as if it did not constrain them.
                    if rule.host.is_some() {
                        unmodeled
                            .borrow_mut()
                            .push(format!("{here}.rules.http[{j}].host"));
                    }
                    if rule.headers.is_some() {
                        unmodeled
                            .borrow_mut()
                            .push(format!("{here}.rules.http[{j}].headers"));
                    }
                    out.push(HttpRule {
                        method: rule
                            .method
                            .as_deref()
                            .map(|m| anchored(m, &here))
                            .transpose()?,
                        path: rule
                            .path
                            .as_deref()
                            .map(|p| anchored(p, &here))
                            .transpose()?,
                    });
                }
                http = Some(out);
            }
            for (j, d) in rules.dns.iter().flatten().enumerate() {
                dns.push(fqdn_regex(d, &format!("{here}.rules.dns[{j}]"))?);
            }
        }
        ports.push(PortRule {
            ports: list,
            http,
            dns,
        });
    }
    Ok(Rule { peers, ports })
}

pub(super) const KINDS: &[Kind] = &[modeled!(
    "cilium.io",
    "CiliumNetworkPolicy",
    t::CiliumNetworkPolicy,
    |o| o.cilium.policies
)];

/// Cilium objects in input order.
#[derive(Default)]
pub(super) struct Store {
    pub policies: Vec<Doc<t::CiliumNetworkPolicy>>,
}

pub(super) fn cilium_objects(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.cilium.policies {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let specs: Vec<&t::CiliumSpec> = doc
            .obj
            .spec
            .iter()
            .chain(doc.obj.specs.iter().flatten())
            .collect();
        for (si, spec) in specs.into_iter().enumerate() {
            let unmodeled = RefCell::new(Vec::new());
            let converted = (|| {
                let sel = endpoint_selector(
                    spec.endpoint_selector
                        .as_ref()
                        .ok_or("spec.endpointSelector: Required value")?,
                    "spec.endpointSelector",
                )?;
                let rules = |list: &Option<Vec<t::CiliumRule>>, ingress: bool, field: &str| {
                    list.as_ref()
                        .map(|l| {
                            l.iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    cilium_rule(
                                        r,
                                        ingress,
                                        &format!("spec.{field}[{i}]"),
                                        &unmodeled,
                                    )
                                })
                                .collect::<Result<Vec<_>, _>>()
                        })
                        .transpose()
                };
                let deny_l7 = |list: &Option<Vec<Rule>>| {
                    list.iter().flatten().any(|r| {
                        r.ports
                            .iter()
                            .any(|p| p.http.is_some() || !p.dns.is_empty())
                    })
                };
                let ingress_deny = rules(&spec.ingress_deny, true, "ingressDeny")?;
                let egress_deny = rules(&spec.egress_deny, false, "egressDeny")?;
                // Deny policies cannot express L7 (deny.rst).
                if deny_l7(&ingress_deny) || deny_l7(&egress_deny) {
                    return Err("deny rules cannot have L7 rules".to_owned());
                }
                Ok(CiliumPolicy {
                    ns,
                    name: if si == 0 {
                        name.clone()
                    } else {
                        format!("{name}#{si}")
                    },
                    selector: sel,
                    ingress: rules(&spec.ingress, true, "ingress")?,
                    egress: rules(&spec.egress, false, "egress")?,
                    ingress_deny,
                    egress_deny,
                })
            })();
            match converted {
                Ok(p) => {
                    let object = format!("CiliumNetworkPolicy {}/{name}", cluster.ns_name(ns));
                    for field in unmodeled.into_inner() {
                        warn(
                            cluster,
                            &doc.origin,
                            object.clone(),
                            Warn::Unmodeled { field },
                        );
                    }
                    cluster.mesh.cilium_policies.push(p);
                }
                Err(reason) => reject(
                    cluster,
                    &doc.origin,
                    "CiliumNetworkPolicy",
                    ns,
                    &name,
                    reason.to_string(),
                ),
            }
        }
    }
}
