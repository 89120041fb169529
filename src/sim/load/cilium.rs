//! CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy objects (spec and specs) with
//! Cilium's selector, entity and regex conventions.

use std::cell::RefCell;

use super::cilium_types as t;
use super::meta::{IntOrString, LabelSelector, ensure_namespace, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::warn;
use super::{Doc, Objects};

use crate::sim::model::cilium::{self, CiliumPolicy, EndpointSelector, Entity, ServicePeer};
use crate::sim::model::cilium::{HttpRule, Peer, PortRule, Rule};
use crate::sim::model::net::{Cidr, Protocol};
use crate::sim::model::{Cluster, Origin, Rejected, Warn};

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

/// A `matchName`/`matchPattern` as a regex over a name without its trailing dot, the way
/// Cilium's `pkg/fqdn/matchpattern` builds it: case-insensitive, `*` alone matches every
/// name, a leading `**.` any number (one or more) of subdomain labels, and otherwise `*`
/// stands for characters of one DNS label (so `*.github.com` matches `api.github.com` but
/// neither `github.com` nor `a.b.github.com`, dns.rst).
fn fqdn_regex(f: &t::FqdnSelector, path: &str) -> Result<regex::Regex, String> {
    let label = |p: &str| regex::escape(p).replace("\\*", "[-a-zA-Z0-9_]*");
    let re = match (&f.match_name, &f.match_pattern) {
        (Some(name), _) => regex::escape(name.trim_end_matches('.')),
        (None, Some(pattern)) if pattern.trim_end_matches('.') == "*" => ".*".to_owned(),
        (None, Some(pattern)) => match pattern.trim_end_matches('.').strip_prefix("**.") {
            Some(rest) => format!("(?:[-a-zA-Z0-9_]+\\.)+{}", label(rest)),
            None => label(pattern.trim_end_matches('.')),
        },
        (None, None) => return Err(format!("{path}: matchName or matchPattern required")),
    };
    anchored(&format!("(?i){re}"), path)
}

/// The parts every rule type shares; each direction's serde type fills its own.
#[derive(Default)]
struct Parts<'a> {
    endpoints: Option<&'a Vec<LabelSelector>>,
    cidr: Option<&'a Vec<String>>,
    cidr_set: Option<&'a Vec<t::CidrRule>>,
    entities: Option<&'a Vec<String>>,
    services: Option<&'a Vec<t::ServiceRef>>,
    fqdns: Option<&'a Vec<t::FqdnSelector>>,
    /// (ports, L7 rules) per `toPorts` entry; deny rules have no L7 rules.
    ports: Vec<(&'a [t::PortProtocol], Option<&'a t::L7Rules>)>,
    icmps: Option<&'a Vec<t::IcmpRule>>,
    authentication: Option<&'a t::Authentication>,
}

impl<'a> From<&'a t::IngressRule> for Parts<'a> {
    fn from(r: &'a t::IngressRule) -> Self {
        Parts {
            endpoints: r.from_endpoints.as_ref(),
            cidr: r.from_cidr.as_ref(),
            cidr_set: r.from_cidr_set.as_ref(),
            entities: r.from_entities.as_ref(),
            ports: port_parts(r.to_ports.as_ref()),
            icmps: r.icmps.as_ref(),
            authentication: r.authentication.as_ref(),
            ..Parts::default()
        }
    }
}

impl<'a> From<&'a t::EgressRule> for Parts<'a> {
    fn from(r: &'a t::EgressRule) -> Self {
        Parts {
            endpoints: r.to_endpoints.as_ref(),
            cidr: r.to_cidr.as_ref(),
            cidr_set: r.to_cidr_set.as_ref(),
            entities: r.to_entities.as_ref(),
            services: r.to_services.as_ref(),
            fqdns: r.to_fqdns.as_ref(),
            ports: port_parts(r.to_ports.as_ref()),
            icmps: r.icmps.as_ref(),
            authentication: r.authentication.as_ref(),
        }
    }
}

impl<'a> From<&'a t::IngressDenyRule> for Parts<'a> {
    fn from(r: &'a t::IngressDenyRule) -> Self {
        Parts {
            endpoints: r.from_endpoints.as_ref(),
            cidr: r.from_cidr.as_ref(),
            cidr_set: r.from_cidr_set.as_ref(),
            entities: r.from_entities.as_ref(),
            ports: deny_port_parts(r.to_ports.as_ref()),
            icmps: r.icmps.as_ref(),
            ..Parts::default()
        }
    }
}

impl<'a> From<&'a t::EgressDenyRule> for Parts<'a> {
    fn from(r: &'a t::EgressDenyRule) -> Self {
        Parts {
            endpoints: r.to_endpoints.as_ref(),
            cidr: r.to_cidr.as_ref(),
            cidr_set: r.to_cidr_set.as_ref(),
            entities: r.to_entities.as_ref(),
            services: r.to_services.as_ref(),
            ports: deny_port_parts(r.to_ports.as_ref()),
            icmps: r.icmps.as_ref(),
            ..Parts::default()
        }
    }
}

fn port_parts(list: Option<&Vec<t::PortRule>>) -> Vec<(&[t::PortProtocol], Option<&t::L7Rules>)> {
    list.into_iter()
        .flatten()
        .map(|p| (p.ports.as_slice(), p.rules.as_ref()))
        .collect()
}

fn deny_port_parts(
    list: Option<&Vec<t::PortDenyRule>>,
) -> Vec<(&[t::PortProtocol], Option<&t::L7Rules>)> {
    list.into_iter()
        .flatten()
        .map(|p| (p.ports.as_slice(), None))
        .collect()
}

/// Where a rule's converter reports what it could not model.
struct Notes<'a> {
    unmodeled: &'a RefCell<Vec<String>>,
    /// Deprecations and other facts worth a warning.
    assumed: &'a RefCell<Vec<String>>,
}

fn peers(p: &Parts<'_>, path: &str) -> Result<Vec<Peer>, String> {
    let mut peers = Vec::new();
    for (i, s) in p.endpoints.into_iter().flatten().enumerate() {
        peers.push(Peer::Endpoints(endpoint_selector(
            s,
            &format!("{path}.endpoints[{i}]"),
        )?));
    }
    for c in p.cidr.into_iter().flatten() {
        peers.push(Peer::Cidr(
            Cidr::parse(c).ok_or_else(|| format!("{path}: invalid CIDR {c:?}"))?,
            Vec::new(),
        ));
    }
    for c in p.cidr_set.into_iter().flatten() {
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
    for e in p.entities.into_iter().flatten() {
        // The CRD's enum refuses any other name.
        peers.push(Peer::Entity(Entity::parse(e).ok_or_else(|| {
            format!("{path}: Unsupported value {e:?}: an entity is one of all, world, cluster, host, remote-node, kube-apiserver, init, health, unmanaged, ingress, none")
        })?));
    }
    for (i, s) in p.services.into_iter().flatten().enumerate() {
        let here = format!("{path}.toServices[{i}]");
        let peer = match (&s.k8s_service, &s.k8s_service_selector) {
            (Some(n), _) => ServicePeer {
                name: Some(
                    n.service_name
                        .clone()
                        .ok_or_else(|| format!("{here}.k8sService.serviceName: Required value"))?,
                ),
                namespace: n.namespace.clone(),
                selector: None,
            },
            (None, Some(sel)) => ServicePeer {
                name: None,
                namespace: sel.namespace.clone(),
                selector: Some(selector(&sel.selector, &here)?),
            },
            (None, None) => {
                return Err(format!("{here}: k8sService or k8sServiceSelector required"));
            }
        };
        peers.push(Peer::Service(peer));
    }
    for (i, f) in p.fqdns.into_iter().flatten().enumerate() {
        peers.push(Peer::Fqdn(fqdn_regex(f, &format!("{path}.toFQDNs[{i}]"))?));
    }
    Ok(peers)
}

fn http_rule(rule: &t::HttpRule, here: &str) -> Result<HttpRule, String> {
    // Cilium hands `headers` entries to Envoy as `Name value` (a trailing colon on the name
    // dropped) or a bare `Name` that must be present (pkg/envoy getHTTPRule).
    let headers = rule
        .headers
        .iter()
        .flatten()
        .map(|h| match h.trim().split_once(' ') {
            Some((name, value)) => (
                name.trim_end_matches(':').to_owned(),
                Some(value.trim().to_owned()),
            ),
            None => (h.trim().trim_end_matches(':').to_owned(), None),
        })
        .collect();
    let header_matches = rule
        .header_matches
        .iter()
        .flatten()
        .filter(|m| m.mismatch.is_none())
        .map(|m| (m.name.clone(), m.value.clone().unwrap_or_default()))
        .collect();
    let re = |r: &Option<String>| r.as_deref().map(|x| anchored(x, here)).transpose();
    Ok(HttpRule {
        method: re(&rule.method)?,
        path: re(&rule.path)?,
        host: re(&rule.host)?,
        headers,
        header_matches,
    })
}

fn port_rule(
    ports: &[t::PortProtocol],
    l7: Option<&t::L7Rules>,
    here: &str,
    notes: &Notes<'_>,
) -> Result<PortRule, String> {
    let mut list = Vec::new();
    for p in ports {
        let start = match &p.port {
            IntOrString::Int(n) => u16::try_from(*n).ok(),
            IntOrString::Str(s) => match s.parse::<u16>() {
                Ok(n) => Some(n),
                // A named port resolves on each selected endpoint: not modeled, and port
                // 0 below never matches a connection.
                Err(_) if !s.is_empty() => {
                    notes
                        .unmodeled
                        .borrow_mut()
                        .push(format!("{here}.ports.port"));
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
            "ICMP" => Some(Protocol::Icmp),
            other => Some(
                Protocol::parse(other)
                    .ok_or_else(|| format!("{here}.ports.protocol: Unsupported value {other:?}"))?,
            ),
        };
        list.push((start, end, protocol));
    }
    let mut http = None;
    let mut dns = Vec::new();
    if let Some(rules) = l7 {
        if let Some(h) = &rules.http {
            http = Some(
                h.iter()
                    .enumerate()
                    .map(|(j, r)| http_rule(r, &format!("{here}.rules.http[{j}]")))
                    .collect::<Result<_, _>>()?,
            );
        }
        for (j, d) in rules.dns.iter().flatten().enumerate() {
            dns.push(fqdn_regex(d, &format!("{here}.rules.dns[{j}]"))?);
        }
    }
    Ok(PortRule {
        ports: list,
        http,
        dns,
    })
}

/// The ICMP types (IPv4) of `icmps`; IPv6 types admit nothing a meshlab probe sends.
fn icmp_types(list: Option<&Vec<t::IcmpRule>>, path: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for (i, rule) in list.into_iter().flatten().enumerate() {
        for f in &rule.fields {
            let here = format!("{path}.icmps[{i}].fields.type");
            let family = f.family.as_deref().unwrap_or("IPv4");
            let ty = match &f.icmp_type {
                IntOrString::Int(n) => u8::try_from(*n).ok(),
                IntOrString::Str(s) => s.parse::<u8>().ok().or_else(|| cilium::icmp_type(s)),
            };
            match (family, ty) {
                ("IPv4", Some(ty)) => out.push(ty),
                ("IPv6", _) => {}
                (_, None) => return Err(format!("{here}: Invalid value: {:?}", f.icmp_type)),
                (other, _) => {
                    return Err(format!(
                        "{path}.icmps[{i}].fields.family: Unsupported value {other:?}"
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// One rule, or the reason the CRD schema refuses it.
fn rule(p: &Parts<'_>, path: &str, notes: &Notes<'_>) -> Result<Rule, String> {
    let ports = p
        .ports
        .iter()
        .enumerate()
        .map(|(i, (ports, l7))| port_rule(ports, *l7, &format!("{path}.toPorts[{i}]"), notes))
        .collect::<Result<Vec<_>, _>>()?;
    let auth_required = match p.authentication.map(|a| a.mode.as_str()) {
        None | Some("disabled") => false,
        Some("required") => {
            notes.assumed.borrow_mut().push(format!(
                "{path}.authentication: mutual authentication is deprecated since Cilium 1.20; it checks both ends' identities but does not encrypt (WireGuard or IPsec does)"
            ));
            true
        }
        // A CI-only mode whose handshake always fails (mutual-authentication.rst).
        Some("test-always-fail") => {
            notes
                .unmodeled
                .borrow_mut()
                .push(format!("{path}.authentication.mode"));
            false
        }
        Some(other) => {
            return Err(format!(
                "{path}.authentication.mode: Unsupported value {other:?}: supported values: \"disabled\", \"required\", \"test-always-fail\""
            ));
        }
    };
    Ok(Rule {
        peers: peers(p, path)?,
        ports,
        icmps: icmp_types(p.icmps, path)?,
        auth_required,
    })
}

pub(super) const KINDS: &[Kind] = &[
    modeled!(
        "cilium.io",
        "CiliumNetworkPolicy",
        t::CiliumNetworkPolicy,
        |o| o.cilium.policies
    ),
    modeled!(
        "cilium.io",
        "CiliumClusterwideNetworkPolicy",
        t::CiliumNetworkPolicy,
        |o| o.cilium.clusterwide
    ),
];

/// Cilium objects in input order.
#[derive(Default)]
pub(super) struct Store {
    pub policies: Vec<Doc<t::CiliumNetworkPolicy>>,
    pub clusterwide: Vec<Doc<t::CiliumNetworkPolicy>>,
}

pub(super) fn cilium_objects(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.cilium.policies {
        let ns = ensure_namespace(
            cluster,
            &super::meta::object_ns(&doc.obj.metadata),
            &doc.origin,
        );
        convert(cluster, doc, Some(ns));
    }
    for doc in &objects.cilium.clusterwide {
        convert(cluster, doc, None);
    }
}

fn convert(cluster: &mut Cluster, doc: &Doc<t::CiliumNetworkPolicy>, ns: Option<usize>) {
    let name = object_name(&doc.obj.metadata);
    let kind = if ns.is_some() {
        "CiliumNetworkPolicy"
    } else {
        "CiliumClusterwideNetworkPolicy"
    };
    let object = match ns {
        Some(ns) => format!("{}/{name}", cluster.ns_name(ns)),
        None => name.clone(),
    };
    let specs: Vec<&t::CiliumSpec> = doc
        .obj
        .spec
        .iter()
        .chain(doc.obj.specs.iter().flatten())
        .collect();
    // The API server takes or refuses the object whole: one invalid spec refuses them all.
    let unmodeled = RefCell::new(Vec::new());
    let assumed = RefCell::new(Vec::new());
    let notes = Notes {
        unmodeled: &unmodeled,
        assumed: &assumed,
    };
    let mut policies = Vec::new();
    for (si, spec) in specs.into_iter().enumerate() {
        let at = match (si, doc.obj.spec.is_some()) {
            (0, true) => "spec".to_owned(),
            (_, true) => format!("specs[{}]", si - 1),
            (_, false) => format!("specs[{si}]"),
        };
        match convert_spec(spec, &at, ns, &notes) {
            Ok(Some(p)) => policies.push(CiliumPolicy {
                name: if si == 0 {
                    name.clone()
                } else {
                    format!("{name}#{si}")
                },
                ..p
            }),
            // A host policy: its nodeSelector was warned about as it was read.
            Ok(None) => {}
            Err(reason) => return reject_policy(cluster, &doc.origin, kind, &object, reason),
        }
    }
    for field in unmodeled.into_inner() {
        warn(
            cluster,
            &doc.origin,
            format!("{kind} {object}"),
            Warn::Unmodeled { field },
        );
    }
    for what in assumed.into_inner() {
        warn(
            cluster,
            &doc.origin,
            format!("{kind} {object}"),
            Warn::Assumed { what },
        );
    }
    cluster.mesh.cilium_policies.extend(policies);
}

fn reject_policy(cluster: &mut Cluster, at: &Origin, kind: &str, object: &str, reason: String) {
    cluster.rejected.push(Rejected {
        at: at.clone(),
        kind: kind.to_owned(),
        object: object.to_owned(),
        reason,
    });
}

/// One spec as a policy (its name set by the caller); None for a host policy.
fn convert_spec(
    spec: &t::CiliumSpec,
    at: &str,
    ns: Option<usize>,
    notes: &Notes<'_>,
) -> Result<Option<CiliumPolicy>, String> {
    // A host policy (nodeSelector, warned about as it was read) selects no pod here.
    let sel = match (&spec.endpoint_selector, &spec.node_selector) {
        (_, Some(_)) => return Ok(None),
        (Some(s), None) => endpoint_selector(s, &format!("{at}.endpointSelector"))?,
        (None, None) => {
            return Err(format!(
                "{at}: one of endpointSelector or nodeSelector is required"
            ));
        }
    };
    fn rules<'a, R: 'a>(
        list: Option<&'a Vec<R>>,
        field: &str,
        at: &str,
        notes: &Notes<'_>,
    ) -> Result<Option<Vec<Rule>>, String>
    where
        Parts<'a>: From<&'a R>,
    {
        list.map(|l| {
            l.iter()
                .enumerate()
                .map(|(i, r)| rule(&Parts::from(r), &format!("{at}.{field}[{i}]"), notes))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
    }
    let default_deny = spec.enable_default_deny.as_ref();
    Ok(Some(CiliumPolicy {
        ns,
        name: String::new(),
        selector: sel,
        ingress: rules(spec.ingress.as_ref(), "ingress", at, notes)?,
        egress: rules(spec.egress.as_ref(), "egress", at, notes)?,
        ingress_deny: rules(spec.ingress_deny.as_ref(), "ingressDeny", at, notes)?,
        egress_deny: rules(spec.egress_deny.as_ref(), "egressDeny", at, notes)?,
        default_deny_ingress: default_deny.and_then(|d| d.ingress).unwrap_or(true),
        default_deny_egress: default_deny.and_then(|d| d.egress).unwrap_or(true),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> regex::Regex {
        let f = t::FqdnSelector {
            match_pattern: Some(p.to_owned()),
            ..Default::default()
        };
        fqdn_regex(&f, "p").expect("a valid pattern")
    }

    #[test]
    fn fqdn_patterns_follow_cilium() {
        // dns.rst: `*.github.com` needs exactly one label before github.com.
        let one = pattern("*.github.com");
        assert!(one.is_match("api.github.com") && one.is_match("API.GitHub.com"));
        assert!(!one.is_match("github.com") && !one.is_match("a.b.github.com"));
        // `*` alone matches every name; `**.` any number of labels (fqdn-short.yaml).
        assert!(pattern("*").is_match("a.b.example.org"));
        let many = pattern("**.cilium.io");
        assert!(many.is_match("docs.cilium.io") && many.is_match("a.b.cilium.io"));
        assert!(!many.is_match("cilium.io"));
        assert!(
            pattern("special*service.api.cilium.io").is_match("special-1-service.api.cilium.io")
        );
    }
}
