//! Which routes a request arriving at a Gateway can match: listener by port and most specific
//! hostname (no fallback to a less specific listener), routes attached to that listener and
//! allowed by it, then only the routes of the most specific matching hostname (NOTES.md
//! HTTPRoute 6; hostname-intersection.go, listener-hostname-matching.go).

use crate::sim::eval::http_route::{hostname_matches, hostname_rank, intersect};
use crate::sim::model::{
    AllowedFrom, Cluster, HttpRoute, Listener, NsId, ParentKind, ParentRef, RouteKind,
};

/// Rank of a served hostname for a request host: exact > longer wildcard > catch-all.
pub(crate) fn rank(served: &str, host: Option<&str>) -> Option<(u8, usize)> {
    if served == "*" {
        return Some((0, 0));
    }
    let host = host?;
    hostname_matches(served, host).then(|| {
        let (exact, len) = hostname_rank(served);
        (if exact { 2 } else { 1 }, len)
    })
}

/// A route of `kind` in namespace `route_ns` with `parents` is attached to `listener` of
/// Gateway `gw`: a parentRef names the Gateway (and the listener's name or port, if it says),
/// and the listener admits the kind and the namespace.
pub(crate) fn attached(
    cluster: &Cluster,
    gw: usize,
    listener: &Listener,
    kind: &str,
    route_ns: NsId,
    parents: &[ParentRef],
) -> bool {
    let Some(gateway) = cluster.gateways.get(gw) else {
        return false;
    };
    let gw_ns = cluster.ns_name(gateway.ns);
    let parent_ok = parents.iter().any(|p| {
        p.kind == ParentKind::Gateway
            && p.ns == gw_ns
            && p.name == gateway.name
            && p.section.as_deref().is_none_or(|s| s == listener.name)
            && p.port.is_none_or(|port| port == listener.port)
    });
    let ns_ok = match &listener.allowed {
        AllowedFrom::Same => route_ns == gateway.ns,
        AllowedFrom::All => true,
        AllowedFrom::Selector(sel) => cluster
            .namespaces
            .get(route_ns)
            .is_some_and(|n| sel.matches(&n.labels)),
    };
    listener.admits(kind) && parent_ok && ns_ok
}

/// The hostnames a route serves on a listener (`*` = any host).
fn served(listener: &Listener, route: &HttpRoute) -> Vec<String> {
    if route.hostnames.is_empty() {
        return vec![listener.hostname.clone().unwrap_or_else(|| "*".to_owned())];
    }
    route
        .hostnames
        .iter()
        .filter_map(|h| intersect(listener.hostname.as_deref(), h))
        .collect()
}

/// The listener a request on a port with a Host reaches, and the routes (indices into
/// `cluster.routes`) that compete for it.
#[derive(Debug, Default)]
pub struct Candidates<'a> {
    /// None: no listener on that port serves this host.
    pub listener: Option<&'a Listener>,
    /// Empty: nothing serves this host (404).
    pub routes: Vec<usize>,
}

/// Route indices that compete for a request on `port` with Host `host`. None = no listener on
/// that port (connection refused).
pub fn candidates<'a>(
    cluster: &'a Cluster,
    gw: usize,
    port: u16,
    host: Option<&str>,
) -> Option<Candidates<'a>> {
    let gateway = cluster.gateways.get(gw)?;
    let on_port: Vec<&Listener> = gateway
        .listeners
        .iter()
        .filter(|l| {
            l.port == port
                && (l.protocol == "HTTP" || l.protocol == "HTTPS")
                && l.unprogrammed.is_none()
        })
        .collect();
    if on_port.is_empty() {
        return None;
    }
    let listener = on_port
        .iter()
        .filter_map(|l| {
            let r = match (&l.hostname, host) {
                (None, _) => Some((0, 0)),
                (Some(h), Some(host)) => rank(h, Some(host)),
                (Some(_), None) => None,
            };
            r.map(|r| (r, *l))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, l)| l);
    let Some(listener) = listener else {
        return Some(Candidates::default());
    };
    let mut offers: Vec<(usize, Vec<String>)> = cluster
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| attached(cluster, gw, listener, r.kind.as_str(), r.ns, &r.parents))
        .map(|(i, r)| (i, served(listener, r)))
        .collect();
    // An HTTPRoute and a GRPCRoute whose hostnames intersect on one listener: only one of
    // them is accepted, the older, then the first by namespace/name (GRPCRouteSpec.Hostnames).
    let kind_of = |i: usize| cluster.routes.get(i).map(|r| r.kind);
    if offers
        .iter()
        .any(|(i, _)| kind_of(*i) == Some(RouteKind::Grpc))
        && offers
            .iter()
            .any(|(i, _)| kind_of(*i) == Some(RouteKind::Http))
    {
        let all = offers.clone();
        offers.retain(|(i, hosts)| {
            !all.iter().any(|(j, other)| {
                kind_of(*j) != kind_of(*i)
                    && overlap(hosts, other)
                    && accepted_first(cluster, *j, *i)
            })
        });
    }
    let mut best: Option<((u8, usize), String)> = None;
    for h in offers.iter().flat_map(|(_, hosts)| hosts) {
        if let Some(r) = rank(h, host)
            && best.as_ref().is_none_or(|(b, _)| r > *b)
        {
            best = Some((r, h.clone()));
        }
    }
    let Some((_, domain)) = best else {
        return Some(Candidates {
            listener: Some(listener),
            routes: Vec::new(),
        });
    };
    Some(Candidates {
        listener: Some(listener),
        routes: offers
            .into_iter()
            .filter(|(_, hosts)| hosts.contains(&domain))
            .map(|(i, _)| i)
            .collect(),
    })
}

/// Two lists of served hostnames (`*` = any) share a name.
fn overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| {
        b.iter()
            .any(|y| x == "*" || y == "*" || intersect(Some(x), y).is_some())
    })
}

/// Route `a` wins a conflict against route `b`: older creation timestamp (a route without one
/// counts as newest), then `namespace/name` in alphabetical order.
fn accepted_first(cluster: &Cluster, a: usize, b: usize) -> bool {
    let (Some(ra), Some(rb)) = (cluster.routes.get(a), cluster.routes.get(b)) else {
        return false;
    };
    let by_age = match (&ra.creation, &rb.creation) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    fn key<'r>(cluster: &'r Cluster, r: &'r HttpRoute) -> (&'r str, &'r str) {
        (cluster.ns_name(r.ns), r.name.as_str())
    }
    by_age.then_with(|| key(cluster, ra).cmp(&key(cluster, rb))) == std::cmp::Ordering::Less
}
