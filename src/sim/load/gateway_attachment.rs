//! Routes that attach to nothing: a warning for each parent that would not accept the route,
//! in the words its `status.parents` entry would use (gateway-api apis/v1/shared_types.go,
//! RouteConditionReason: NotAllowedByListeners, NoMatchingListenerHostname, NoMatchingParent).
//! The evaluation ignores such a parent by itself (eval/gateway.rs); this says why, once, at
//! load time.

use super::report::warn;
use crate::sim::model::diag::MAY_DIFFER;
use crate::sim::model::{
    AllowedFrom, BackendTarget, Cluster, Gateway, HttpRoute, Listener, Origin, ParentKind,
    ParentRef, Warn, intersect,
};

/// A parent's verdict on one route.
struct Refusal {
    reason: &'static str,
    detail: String,
}

/// A route as attachment sees it: kind, namespace, hostnames, parents.
struct Attaching<'a> {
    kind: &'static str,
    name: &'a str,
    ns: usize,
    hostnames: &'a [String],
    parents: &'a [ParentRef],
    origin: &'a Origin,
}

/// Warn about every route parentRef that no listener accepts, and routes with no parentRefs.
pub(super) fn warn_unattached(cluster: &mut Cluster) {
    let http = cluster.routes.iter().map(|r| Attaching {
        kind: r.kind.as_str(),
        name: &r.name,
        ns: r.ns,
        hostnames: &r.hostnames,
        parents: &r.parents,
        origin: &r.origin,
    });
    let stream = cluster.stream_routes.iter().map(|r| Attaching {
        kind: r.kind.as_str(),
        name: &r.name,
        ns: r.ns,
        hostnames: &r.hostnames,
        parents: &r.parents,
        origin: &r.origin,
    });
    let mut found = Vec::new();
    for route in http.chain(stream) {
        let object = format!(
            "{} {}/{}",
            route.kind,
            cluster.ns_name(route.ns),
            route.name
        );
        if route.parents.is_empty() {
            found.push((
                route.origin.clone(),
                object,
                "spec.parentRefs is empty: the route is attached to no Gateway and no Service (status.parents stays empty)".to_owned(),
            ));
            continue;
        }
        for (i, parent) in route.parents.iter().enumerate() {
            let refusal =
                match parent.kind {
                    ParentKind::Gateway => gateway_refusal(cluster, &route, parent),
                    ParentKind::Service => cluster
                        .service(&parent.ns, &parent.name)
                        .is_none()
                        .then(|| Refusal {
                            reason: "BackendNotFound",
                            detail: format!("Service {}/{} does not exist", parent.ns, parent.name),
                        }),
                    ParentKind::Server | ParentKind::EgressNetwork | ParentKind::Other(_) => None,
                };
            if let Some(r) = refusal {
                let what = match &parent.kind {
                    ParentKind::Gateway => "Gateway",
                    _ => "Service",
                };
                found.push((
                    route.origin.clone(),
                    object.clone(),
                    format!(
                        "not attached to spec.parentRefs[{i}] ({what} {}/{}): status.parents would say Accepted=False, reason {}: {}",
                        parent.ns, parent.name, r.reason, r.detail
                    ),
                ));
            }
        }
    }
    found.extend(kind_conflicts(cluster));
    for (origin, object, why) in found {
        warn(cluster, &origin, object, Warn::NoEffect { why });
    }
}

/// A mesh route (a Service parent) whose backend is in another namespace without a
/// ReferenceGrant: the spec calls the reference invalid (BackendRef: "a ReferenceGrant object
/// is required in the referent namespace"), but mesh implementations differ in whether their
/// data plane refuses it, so meshlab sends the traffic there and says the answer may differ.
pub(super) fn warn_ungranted_mesh_backends(cluster: &mut Cluster) {
    let mut found = Vec::new();
    for r in &cluster.routes {
        if !r.parents.iter().any(|p| p.kind == ParentKind::Service) {
            continue;
        }
        for (i, rule) in r.rules.iter().enumerate() {
            for (j, b) in rule.backends.iter().enumerate() {
                if let BackendTarget::Service { granted: false, .. } = b.target {
                    found.push((
                        r.origin.clone(),
                        format!("{} {}/{}", r.kind.as_str(), cluster.ns_name(r.ns), r.name),
                        format!(
                            "spec.rules[{i}].backendRefs[{j}] ({}) crosses namespaces without a ReferenceGrant: Gateway API calls it RefNotPermitted; on a mesh route meshlab still sends the traffic, and {MAY_DIFFER}",
                            b.display
                        ),
                    ));
                }
            }
        }
    }
    for (origin, object, what) in found {
        warn(cluster, &origin, object, Warn::Assumed { what });
    }
}

/// HTTPRoutes and GRPCRoutes with intersecting hostnames on one listener: only the older
/// (then the first by namespace/name) is accepted (GRPCRouteSpec.Hostnames). The other's
/// warning, once per listener.
fn kind_conflicts(cluster: &Cluster) -> Vec<(Origin, String, String)> {
    let mut out = Vec::new();
    for gateway in &cluster.gateways {
        let gw_ns = cluster.ns_name(gateway.ns);
        for listener in &gateway.listeners {
            let on: Vec<(&HttpRoute, Vec<String>)> = cluster
                .routes
                .iter()
                .filter(|r| {
                    r.parents.iter().any(|p| {
                        p.kind == ParentKind::Gateway
                            && p.ns == gw_ns
                            && p.name == gateway.name
                            && p.section.as_deref().is_none_or(|s| s == listener.name)
                            && p.port.is_none_or(|port| port == listener.port)
                    }) && refusal(
                        cluster,
                        gateway,
                        &ParentRef {
                            kind: ParentKind::Gateway,
                            ns: gw_ns.to_owned(),
                            name: gateway.name.clone(),
                            section: Some(listener.name.clone()),
                            port: None,
                        },
                        r.kind.as_str(),
                        r.ns,
                        &r.hostnames,
                    )
                    .is_none()
                })
                .map(|r| {
                    let hosts = if r.hostnames.is_empty() {
                        vec![listener.hostname.clone().unwrap_or_else(|| "*".to_owned())]
                    } else {
                        r.hostnames
                            .iter()
                            .filter_map(|h| intersect(listener.hostname.as_deref(), h))
                            .collect()
                    };
                    (r, hosts)
                })
                .collect();
            for (r, hosts) in &on {
                let winner = on.iter().find(|(o, other)| {
                    o.kind != r.kind && overlap(hosts, other) && older(cluster, o, r)
                });
                if let Some((o, _)) = winner {
                    out.push((
                        r.origin.clone(),
                        format!("{} {}/{}", r.kind.as_str(), cluster.ns_name(r.ns), r.name),
                        format!(
                            "not accepted on listener {:?} of Gateway {gw_ns}/{}: {} {}/{} has intersecting hostnames and is older (status.parents would say Accepted=False)",
                            listener.name,
                            gateway.name,
                            o.kind.as_str(),
                            cluster.ns_name(o.ns),
                            o.name
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| {
        b.iter()
            .any(|y| x == "*" || y == "*" || intersect(Some(x), y).is_some())
    })
}

/// `a` was created before `b` (a route without a timestamp counts as newest), or, equally
/// old, comes first by namespace/name.
fn older(cluster: &Cluster, a: &HttpRoute, b: &HttpRoute) -> bool {
    let by_age = match (&a.creation, &b.creation) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    fn key<'r>(cluster: &'r Cluster, r: &'r HttpRoute) -> (&'r str, &'r str) {
        (cluster.ns_name(r.ns), r.name.as_str())
    }
    by_age.then_with(|| key(cluster, a).cmp(&key(cluster, b))) == std::cmp::Ordering::Less
}

fn gateway_refusal(
    cluster: &Cluster,
    route: &Attaching<'_>,
    parent: &ParentRef,
) -> Option<Refusal> {
    let Some(gateway) = cluster
        .gateways
        .iter()
        .find(|g| cluster.ns_name(g.ns) == parent.ns && g.name == parent.name)
    else {
        return Some(Refusal {
            reason: "NoMatchingParent",
            detail: format!("no Gateway {}/{} exists", parent.ns, parent.name),
        });
    };
    refusal(
        cluster,
        gateway,
        parent,
        route.kind,
        route.ns,
        route.hostnames,
    )
}

/// Why `gateway` does not accept a route of `kind` from namespace `route_ns` with
/// `hostnames` through `parent` (None: some listener accepts it).
fn refusal(
    cluster: &Cluster,
    gateway: &Gateway,
    parent: &ParentRef,
    kind: &str,
    route_ns: usize,
    hostnames: &[String],
) -> Option<Refusal> {
    let named: Vec<&Listener> = gateway
        .listeners
        .iter()
        .filter(|l| parent.section.as_deref().is_none_or(|s| s == l.name))
        .filter(|l| parent.port.is_none_or(|p| p == l.port))
        .collect();
    if named.is_empty() {
        let which = match (&parent.section, parent.port) {
            (Some(s), Some(p)) => format!("no listener named {s:?} on port {p}"),
            (Some(s), None) => format!("no listener named {s:?}"),
            (None, Some(p)) => format!("no listener on port {p}"),
            (None, None) => "the Gateway has no listeners".to_owned(),
        };
        return Some(Refusal {
            reason: "NoMatchingParent",
            detail: which,
        });
    }
    let kinds: Vec<&&Listener> = named.iter().filter(|l| l.admits(kind)).collect();
    if kinds.is_empty() {
        let offered: Vec<String> = named
            .iter()
            .map(|l| format!("{:?} ({}) admits {}", l.name, l.protocol, list(&l.kinds)))
            .collect();
        return Some(Refusal {
            reason: "NotAllowedByListeners",
            detail: format!("{kind} is not an allowed kind: {}", offered.join("; ")),
        });
    }
    let gw_ns = cluster.ns_name(gateway.ns);
    let route_ns_name = cluster.ns_name(route_ns);
    let allowed: Vec<&&&Listener> = kinds
        .iter()
        .filter(|l| match &l.allowed {
            AllowedFrom::Same => route_ns == gateway.ns,
            AllowedFrom::All => true,
            AllowedFrom::Selector(sel) => cluster
                .namespaces
                .get(route_ns)
                .is_some_and(|n| sel.matches(&n.labels)),
        })
        .collect();
    if allowed.is_empty() {
        let offered: Vec<String> = kinds
            .iter()
            .map(|l| {
                let from = match &l.allowed {
                    AllowedFrom::Same => format!("only from its own namespace {gw_ns}"),
                    AllowedFrom::All => "from all namespaces".to_owned(),
                    AllowedFrom::Selector(_) => "from namespaces its selector matches".to_owned(),
                };
                format!("{:?} admits routes {from}", l.name)
            })
            .collect();
        return Some(Refusal {
            reason: "NotAllowedByListeners",
            detail: format!(
                "namespace {route_ns_name} is not allowed: {}",
                offered.join("; ")
            ),
        });
    }
    let serves_host = hostnames.is_empty()
        || allowed.iter().any(|l| {
            hostnames
                .iter()
                .any(|h| intersect(l.hostname.as_deref(), h).is_some())
        });
    if !serves_host {
        let offered: Vec<String> = allowed
            .iter()
            .map(|l| {
                format!(
                    "{:?} serves {}",
                    l.name,
                    l.hostname.as_deref().unwrap_or("*")
                )
            })
            .collect();
        return Some(Refusal {
            reason: "NoMatchingListenerHostname",
            detail: format!(
                "none of the route's hostnames {} intersects a listener's: {}",
                list(hostnames),
                offered.join("; ")
            ),
        });
    }
    None
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_owned()
    } else {
        items.join(", ")
    }
}
