//! The `--from` / `--to` reference forms of `sim probe` (issue 8 item 2): `NS/POD`,
//! `deploy:NS/NAME`, `svc:NS/NAME`, `gw:NS/NAME`, `node:NAME`, an IP address, or a DNS name
//! resolved from the client's namespace.

use std::net::IpAddr;

use crate::sim::eval::probe::ProbeError;
use crate::sim::model::{Cluster, PodId, SvcId};

/// Who sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Pod(PodId),
    /// A node's own address (host network).
    Node(usize),
    /// Outside the cluster.
    External(IpAddr),
}

/// Where the request is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A pod's IP (no Service, no mesh route).
    Pod(PodId),
    Service(SvcId),
    Gateway(usize),
    /// A networking.istio.io Gateway (index into `cluster.mesh.istio_gateways`).
    IstioGateway(usize),
    Node(usize),
    /// An address or name outside the cluster.
    External(String),
    /// A name DNS does not know (NXDOMAIN): the client never sends.
    Unresolved(String),
}

const EXTERNAL_CLIENT: &str = "203.0.113.10";

fn split_ns_name(s: &str) -> Option<(&str, &str)> {
    let (ns, name) = s.split_once('/')?;
    (!ns.is_empty() && !name.is_empty() && !name.contains('/')).then_some((ns, name))
}

fn first_pod_of_deployment(cluster: &Cluster, ns: &str, name: &str) -> Option<PodId> {
    let ns = cluster.namespace(ns)?;
    cluster
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| p.ns == ns && p.owner_name() == Some(name))
        .min_by(|a, b| a.1.name.cmp(&b.1.name))
        .map(|(i, _)| i)
}

/// Resolve the `--from` reference.
pub fn resolve_client(cluster: &Cluster, r: &str) -> Result<Client, ProbeError> {
    let err = |what: &str| ProbeError(format!("--from {r}: {what}"));
    if let Some(rest) = r.strip_prefix("deploy:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected deploy:NS/NAME"))?;
        return first_pod_of_deployment(cluster, ns, name)
            .map(Client::Pod)
            .ok_or_else(|| err("no such Deployment (or it has no pods)"));
    }
    if let Some(name) = r.strip_prefix("node:") {
        return cluster
            .node(name)
            .map(Client::Node)
            .ok_or_else(|| err("no such node"));
    }
    if r.starts_with("svc:") || r.starts_with("gw:") {
        return Err(err(
            "a Service or Gateway cannot send requests; use a pod, node or IP",
        ));
    }
    if let Ok(ip) = r.parse::<IpAddr>() {
        return Ok(match (cluster.pod_by_ip(ip), cluster.node_by_ip(ip)) {
            (Some(p), _) => Client::Pod(p),
            (None, Some(n)) => Client::Node(n),
            _ => Client::External(ip),
        });
    }
    if r == "external" || r == "outside" {
        return Ok(Client::External(
            EXTERNAL_CLIENT.parse().map_err(|_| err("bad address"))?,
        ));
    }
    let (ns, name) = split_ns_name(r)
        .ok_or_else(|| err("expected NS/POD, deploy:NS/NAME, node:NAME or an IP"))?;
    cluster
        .pod(ns, name)
        .map(Client::Pod)
        .ok_or_else(|| err("no such pod"))
}

/// A resolved `--to`: the target, a port written as `name:port`, and whether the client had
/// to look the name up in DNS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub target: Target,
    pub port: Option<u16>,
    pub dns_name: Option<String>,
}

/// Resolve the `--to` reference.
pub fn resolve_target(cluster: &Cluster, client: Client, r: &str) -> Result<Resolved, ProbeError> {
    let (target, port) = resolve(cluster, client, r)?;
    let by_ref = ["deploy:", "svc:", "gw:", "node:"]
        .iter()
        .any(|p| r.starts_with(p))
        || r.parse::<IpAddr>().is_ok()
        || split_ns_name(r).is_some();
    let dns_name = (!by_ref).then(|| r.rsplit_once(':').map_or(r, |(h, _)| h).to_owned());
    Ok(Resolved {
        target,
        port,
        dns_name,
    })
}

fn resolve(
    cluster: &Cluster,
    client: Client,
    r: &str,
) -> Result<(Target, Option<u16>), ProbeError> {
    let err = |what: &str| ProbeError(format!("--to {r}: {what}"));
    if let Some(rest) = r.strip_prefix("deploy:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected deploy:NS/NAME"))?;
        return first_pod_of_deployment(cluster, ns, name)
            .map(|p| (Target::Pod(p), None))
            .ok_or_else(|| err("no such Deployment (or it has no pods)"));
    }
    if let Some(rest) = r.strip_prefix("svc:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected svc:NS/NAME"))?;
        return cluster
            .service(ns, name)
            .map(|s| (Target::Service(s), None))
            .ok_or_else(|| err("no such Service"));
    }
    if let Some(rest) = r.strip_prefix("gw:") {
        let (ns, name) = split_ns_name(rest).ok_or_else(|| err("expected gw:NS/NAME"))?;
        let istio = || {
            cluster
                .mesh
                .istio_gateways
                .iter()
                .position(|g| g.name == name && cluster.ns_name(g.ns) == ns)
        };
        return cluster
            .gateway(ns, name)
            .map(|g| (Target::Gateway(g), None))
            .or_else(|| istio().map(|g| (Target::IstioGateway(g), None)))
            .ok_or_else(|| err("no such Gateway (or it was rejected)"));
    }
    if let Some(name) = r.strip_prefix("node:") {
        return cluster
            .node(name)
            .map(|n| (Target::Node(n), None))
            .ok_or_else(|| err("no such node"));
    }
    if let Ok(ip) = r.parse::<IpAddr>() {
        let t = if let Some(p) = cluster.pod_by_ip(ip) {
            Target::Pod(p)
        } else if let Some(s) = cluster.service_by_ip(ip) {
            Target::Service(s)
        } else if let Some(n) = cluster.node_by_ip(ip) {
            Target::Node(n)
        } else {
            Target::External(ip.to_string())
        };
        return Ok((t, None));
    }
    if let Some((ns, name)) = split_ns_name(r) {
        return cluster
            .pod(ns, name)
            .map(|p| (Target::Pod(p), None))
            .ok_or_else(|| err("no such pod"));
    }
    // A DNS name, optionally with `:port`.
    let (host, port) = match r.rsplit_once(':') {
        Some((h, p)) => (
            h,
            Some(p.parse::<u16>().map_err(|_| err("bad port after ':'"))?),
        ),
        None => (r, None),
    };
    let client_ns = match client {
        Client::Pod(p) => cluster.pods.get(p).map(|p| cluster.ns_name(p.ns)),
        _ => None,
    }
    .unwrap_or("default");
    Ok((lookup(cluster, client_ns, host), port))
}

/// What cluster DNS answers for `host` asked from a pod of `client_ns`: a pod's resolver tries
/// the search domains `NS.svc.cluster.local`, `svc.cluster.local`, `cluster.local` first for a
/// name with fewer than five dots (`ndots:5`), then the name as written. Under
/// `svc.cluster.local` a name is `SERVICE.NS` or a pod's `HOSTNAME.SUBDOMAIN.NS` (a pod whose
/// `subdomain` names a headless Service of its namespace); anything else there is NXDOMAIN. A
/// name outside the cluster domain is assumed to resolve, except a bare single label.
fn lookup(cluster: &Cluster, client_ns: &str, host: &str) -> Target {
    let absolute = host.ends_with('.');
    let name = host.trim_end_matches('.');
    let mut candidates: Vec<String> = Vec::new();
    if !absolute && name.matches('.').count() < 5 {
        for domain in [
            format!("{client_ns}.svc.cluster.local"),
            "svc.cluster.local".to_owned(),
            "cluster.local".to_owned(),
        ] {
            candidates.push(format!("{name}.{domain}"));
        }
    }
    candidates.push(name.to_owned());
    for fqdn in &candidates {
        if let Some(rest) = fqdn.strip_suffix(".svc.cluster.local") {
            let labels: Vec<&str> = rest.split('.').collect();
            match labels.as_slice() {
                [svc, ns] => {
                    if let Some(s) = cluster.service(ns, svc) {
                        return Target::Service(s);
                    }
                }
                [host, subdomain, ns] => {
                    if let Some(p) = pod_by_hostname(cluster, ns, host, subdomain) {
                        return Target::Pod(p);
                    }
                }
                _ => {}
            }
            continue;
        }
        if fqdn.ends_with(".cluster.local") || fqdn == "cluster.local" {
            continue;
        }
        // The name as written, outside the cluster domain: it resolves when its top-level
        // domain is one the internet has.
        if fqdn == name && public_tld(name) {
            return Target::External(name.to_owned());
        }
    }
    Target::Unresolved(name.to_owned())
}

/// The last label of `name` is a top-level domain of the public DNS: a two-letter country
/// code, a generic TLD among those demos use, or `example` (RFC 2606 reserves it for
/// documentation, and labs name their outside hosts with it). `web-0.nginx`,
/// `reviews.default` and a bare `nosuch` are not names on the internet.
fn public_tld(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "com", "org", "net", "io", "dev", "app", "cloud", "ai", "info", "biz", "edu", "gov", "mil",
        "int", "xyz", "tech", "site", "online", "page", "run", "sh", "me", "example",
    ];
    let Some((_, tld)) = name.rsplit_once('.') else {
        return false;
    };
    let tld = tld.to_ascii_lowercase();
    (tld.len() == 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        || GENERIC.contains(&tld.as_str())
}

/// The pod that answers to `HOSTNAME.SUBDOMAIN.NS.svc.cluster.local`: its hostname and
/// subdomain are set, and a headless Service named SUBDOMAIN exists in its namespace.
fn pod_by_hostname(cluster: &Cluster, ns: &str, host: &str, subdomain: &str) -> Option<PodId> {
    let ns_id = cluster.namespace(ns)?;
    let svc = cluster.service(ns, subdomain)?;
    if !cluster.services.get(svc)?.headless() {
        return None;
    }
    cluster.pods.iter().position(|p| {
        p.ns == ns_id
            && p.hostname.as_deref() == Some(host)
            && p.subdomain.as_deref() == Some(subdomain)
    })
}
