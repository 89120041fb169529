//! Gateway API objects into the model: Gateways with listeners, HTTPRoutes with defaulted
//! matches and resolved backends (ReferenceGrant checked), CRD validation as rejections.

use std::net::{IpAddr, Ipv4Addr};

use super::gateway_api_types::{self as gw, HttpRouteFilter};
use super::meta::{namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::{reject, warn};
use super::{Doc, Objects};
use crate::sim::model::labels::Labels;
use crate::sim::model::{
    AllowedFrom, Backend, BackendTarget, Cluster, Gateway, HeaderEdits, HttpRoute, Listener,
    ParentKind, ParentRef, PathKind, PathMatch, RetryPolicy, RouteMatch, RouteRule, Warn,
};

const GROUP: &str = "gateway.networking.k8s.io";

pub(super) const KINDS: &[Kind] = &[
    modeled!(GROUP, "Gateway", gw::Gateway, |o| o.gateway.gateways),
    modeled!(GROUP, "HTTPRoute", gw::HttpRoute, |o| o.gateway.routes),
    modeled!(GROUP, "ReferenceGrant", gw::ReferenceGrant, |o| o
        .gateway
        .grants),
    // Which controller runs a Gateway; the class's parameters are the controller's business.
    Kind::inert(GROUP, "GatewayClass"),
];

/// Gateway API objects in input order (also Linkerd's policy.linkerd.io HTTPRoute, which has
/// the same schema).
#[derive(Default)]
pub(super) struct Store {
    pub gateways: Vec<Doc<gw::Gateway>>,
    pub routes: Vec<Doc<gw::HttpRoute>>,
    pub grants: Vec<Doc<gw::ReferenceGrant>>,
}

const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

pub(super) fn gateways_and_routes(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.gateway.gateways {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        match listeners(&doc.obj.spec) {
            Ok(listeners) => {
                let mut proxy_labels = Labels::new();
                proxy_labels.insert(
                    "gateway.networking.k8s.io/gateway-name".to_owned(),
                    name.clone(),
                );
                let index = u32::try_from(cluster.gateways.len()).unwrap_or(0);
                cluster.gateways.push(Gateway {
                    name,
                    ns,
                    class: doc.obj.spec.gateway_class_name.clone(),
                    listeners,
                    proxy_labels,
                    // 10.244.0.200 + i: the gateway proxies' pod addresses.
                    proxy_ip: IpAddr::V4(Ipv4Addr::from(0x0af4_00c8 + index)),
                    origin: doc.origin.clone(),
                });
            }
            Err(reason) => reject(cluster, &doc.origin, "Gateway", ns, &name, reason),
        }
    }
    for doc in &objects.gateway.routes {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let mut unmodeled = Vec::new();
        match route(cluster, objects, &doc.obj, ns, &mut unmodeled) {
            Ok(mut r) => {
                let object = format!("HTTPRoute {}/{name}", cluster.ns_name(ns));
                for field in unmodeled {
                    warn(
                        cluster,
                        &doc.origin,
                        object.clone(),
                        Warn::Unmodeled { field },
                    );
                }
                r.name = name;
                r.origin = doc.origin.clone();
                cluster.routes.push(r);
            }
            Err(reason) => reject(cluster, &doc.origin, "HTTPRoute", ns, &name, reason),
        }
    }
}

fn listeners(spec: &gw::GatewaySpec) -> Result<Vec<Listener>, String> {
    let mut out = Vec::new();
    for (i, l) in spec.listeners.iter().enumerate() {
        let path = format!("spec.listeners[{i}]");
        let port = u16::try_from(l.port)
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| {
                format!(
                    "{path}.port: Invalid value: {}: must be between 1 and 65535",
                    l.port
                )
            })?;
        let ns = l
            .allowed_routes
            .as_ref()
            .and_then(|a| a.namespaces.clone())
            .unwrap_or_default();
        // AllowedRoutes.namespaces.from defaults to Same.
        let allowed = match ns.from.as_deref().unwrap_or("Same") {
            "Same" => AllowedFrom::Same,
            "All" => AllowedFrom::All,
            "Selector" => {
                let sel = ns.selector.as_ref().ok_or_else(|| {
                    format!("{path}.allowedRoutes.namespaces.selector: Required value: when from is Selector")
                })?;
                AllowedFrom::Selector(selector(
                    sel,
                    &format!("{path}.allowedRoutes.namespaces.selector"),
                )?)
            }
            other => {
                return Err(format!(
                    "{path}.allowedRoutes.namespaces.from: Unsupported value: \"{other}\": supported values: \"All\", \"Selector\", \"Same\""
                ));
            }
        };
        // allowedRoutes.kinds: an explicit list without HTTPRoute refuses HTTPRoutes.
        let http_routes = l
            .allowed_routes
            .as_ref()
            .and_then(|a| a.kinds.as_ref())
            .is_none_or(|kinds| {
                kinds.is_empty()
                    || kinds.iter().any(|k| {
                        k.kind == "HTTPRoute"
                            && k.group
                                .as_deref()
                                .is_none_or(|g| g == "gateway.networking.k8s.io")
                    })
            });
        out.push(Listener {
            name: l.name.clone(),
            http_routes,
            hostname: l.hostname.clone(),
            port,
            protocol: l.protocol.clone(),
            allowed,
        });
    }
    Ok(out)
}

/// Gateway API Duration (GEP-2257): `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, in milliseconds.
pub(crate) fn parse_duration_ms(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut rest = s;
    let mut parts = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 5 {
            return None;
        }
        let n: u64 = rest.get(..digits)?.parse().ok()?;
        rest = rest.get(digits..)?;
        let (unit, len) = if rest.starts_with("ms") {
            (1, 2)
        } else if rest.starts_with('h') {
            (3_600_000, 1)
        } else if rest.starts_with('m') {
            (60_000, 1)
        } else if rest.starts_with('s') {
            (1_000, 1)
        } else {
            return None;
        };
        rest = rest.get(len..)?;
        total += n * unit;
        parts += 1;
    }
    (parts > 0 && parts <= 4).then_some(total)
}

fn edits(
    filters: Option<&[HttpRouteFilter]>,
    path: &str,
    unmodeled: &mut Vec<String>,
) -> Result<(HeaderEdits, HeaderEdits), String> {
    let mut request = HeaderEdits::default();
    let mut response = HeaderEdits::default();
    for (i, f) in filters.into_iter().flatten().enumerate() {
        let (target, modifier) = match f.kind.as_str() {
            "RequestHeaderModifier" => (&mut request, f.request_header_modifier.as_ref()),
            "ResponseHeaderModifier" => (&mut response, f.response_header_modifier.as_ref()),
            // RequestRedirect, URLRewrite, RequestMirror, CORS, ExtensionRef, …: the typed
            // configuration raised its own warning when set; the type alone says it too.
            _ => {
                unmodeled.push(format!("{path}.filters[{i}]"));
                continue;
            }
        };
        let m = modifier.ok_or_else(|| {
            format!(
                "{path}.filters[{i}]: Required value: the filter's configuration for type {}",
                f.kind
            )
        })?;
        target
            .set
            .extend(m.set.iter().map(|h| (h.name.clone(), h.value.clone())));
        target
            .add
            .extend(m.add.iter().map(|h| (h.name.clone(), h.value.clone())));
        target.remove.extend(m.remove.iter().cloned());
    }
    Ok((request, response))
}

fn route_match(
    m: &gw::HttpRouteMatch,
    path: &str,
    unmodeled: &mut Vec<String>,
) -> Result<RouteMatch, String> {
    let mut regex = false;
    // HTTPRouteMatch.Path defaults to PathPrefix "/".
    let (kind, value) = match &m.path {
        None => (PathKind::Prefix, "/".to_owned()),
        Some(p) => {
            let kind = match p.kind.as_deref().unwrap_or("PathPrefix") {
                "PathPrefix" => PathKind::Prefix,
                "Exact" => PathKind::Exact,
                // Implementation-specific (HTTPPathMatch): not modeled, this match never holds.
                "RegularExpression" => {
                    unmodeled.push(format!("{path}.path.type"));
                    regex = true;
                    PathKind::Exact
                }
                other => {
                    return Err(format!(
                        "{path}.path.type: Unsupported value: \"{other}\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\""
                    ));
                }
            };
            let value = p.value.clone().unwrap_or_else(|| "/".to_owned());
            if !value.starts_with('/') {
                return Err(format!(
                    "{path}.path.value: Invalid value: \"{value}\": must be an absolute path"
                ));
            }
            (kind, value)
        }
    };
    let method = match &m.method {
        Some(method) if !METHODS.contains(&method.as_str()) => {
            return Err(format!(
                "{path}.method: Unsupported value: \"{method}\": supported values: {}",
                METHODS.join(", ")
            ));
        }
        other => other.clone(),
    };
    let mut notes = Vec::new();
    let mut values = |list: &Option<Vec<gw::HttpValueMatch>>, field: &str, fold: bool| {
        let mut out: Vec<(String, String)> = Vec::new();
        for (i, h) in list.iter().flatten().enumerate() {
            match h.kind.as_deref().unwrap_or("Exact") {
                "Exact" => {}
                // Implementation-specific: not modeled, this match never holds.
                "RegularExpression" => {
                    notes.push(format!("{path}.{field}[{i}].type"));
                    continue;
                }
                kind => {
                    return Err(format!(
                        "{path}.{field}[{i}].type: Unsupported value: \"{kind}\": supported values: \"Exact\", \"RegularExpression\""
                    ));
                }
            }
            let name = if fold {
                h.name.to_ascii_lowercase()
            } else {
                h.name.clone()
            };
            // Only the first entry with an equivalent name counts (HTTPHeaderMatch.Name,
            // HTTPQueryParamMatch.Name).
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, h.value.clone()));
            }
        }
        Ok(out)
    };
    let headers = values(&m.headers, "headers", true)?;
    let query = values(&m.query_params, "queryParams", false)?;
    let regex = regex || !notes.is_empty();
    unmodeled.append(&mut notes);
    Ok(RouteMatch {
        path: PathMatch { kind, value },
        method,
        headers,
        query,
        unmodeled: regex,
    })
}

/// Linkerd route retries (retry.linkerd.io/http, /limit): limit counts retries, default 1.
pub(super) fn linkerd_retries(
    annotations: &crate::sim::model::labels::Labels,
) -> Option<RetryPolicy> {
    let on = annotations
        .get("retry.linkerd.io/http")
        .or_else(|| annotations.get("retry.linkerd.io/grpc"))?;
    let retries = annotations
        .get("retry.linkerd.io/limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(1);
    Some(RetryPolicy {
        retries,
        on_5xx: on.split(',').any(|c| c.trim() == "5xx"),
    })
}

/// Linkerd route timeouts (`timeout.linkerd.io/request`, `/response`): they take priority
/// over the rules' `timeouts` (linkerd.io reference/timeouts.md). A value the policy
/// controller cannot parse is ignored, as it ignores it.
pub(super) fn linkerd_timeouts(
    annotations: &crate::sim::model::labels::Labels,
) -> (Option<u64>, Option<u64>) {
    let get = |key: &str| annotations.get(key).and_then(|v| parse_duration_ms(v));
    (
        get("timeout.linkerd.io/request"),
        get("timeout.linkerd.io/response"),
    )
}

/// Gateway API `retry`: attempts count retries; with no `codes`, implementations retry on 5xx.
fn gateway_retries(r: &gw::HttpRouteRetry) -> RetryPolicy {
    RetryPolicy {
        retries: r.attempts.unwrap_or(0),
        on_5xx: r
            .codes
            .as_ref()
            .is_none_or(|codes| codes.iter().any(|c| (500..600).contains(c))),
    }
}

/// An HTTPRoute, or the reason the API server refuses it; `unmodeled` collects the paths
/// of what it sets that meshlab does not model.
fn route(
    cluster: &Cluster,
    objects: &Objects,
    r: &gw::HttpRoute,
    ns: usize,
    unmodeled: &mut Vec<String>,
) -> Result<HttpRoute, String> {
    let ns_name = cluster.ns_name(ns).to_owned();
    let mut parents = Vec::new();
    for p in &r.spec.parent_refs {
        let group = p
            .group
            .clone()
            .unwrap_or_else(|| "gateway.networking.k8s.io".to_owned());
        let kind = match (group.as_str(), p.kind.as_deref().unwrap_or("Gateway")) {
            ("gateway.networking.k8s.io", "Gateway") => ParentKind::Gateway,
            ("" | "core", "Service") => ParentKind::Service,
            ("policy.linkerd.io", "Server") => ParentKind::Server,
            ("policy.linkerd.io", "EgressNetwork") => ParentKind::EgressNetwork,
            (g, k) => ParentKind::Other(format!("{k}.{g}")),
        };
        parents.push(ParentRef {
            kind,
            ns: p.namespace.clone().unwrap_or_else(|| ns_name.clone()),
            name: p.name.clone(),
            section: p.section_name.clone(),
            port: p.port.and_then(|p| u16::try_from(p).ok()),
        });
    }
    let retries = linkerd_retries(&r.metadata.annotations);
    let (linkerd_request, linkerd_response) = linkerd_timeouts(&r.metadata.annotations);
    let default_rule = [gw::HttpRouteRule::default()];
    let rules_in = r.spec.rules.as_deref().unwrap_or(&default_rule);
    let mut rules = Vec::new();
    for (i, rule) in rules_in.iter().enumerate() {
        let path = format!("spec.rules[{i}]");
        // HTTPRouteRule.Matches defaults to one PathPrefix "/" match.
        let matches = match rule.matches.as_deref() {
            None | Some([]) => vec![route_match(
                &gw::HttpRouteMatch::default(),
                &path,
                unmodeled,
            )?],
            Some(list) => list
                .iter()
                .enumerate()
                .map(|(j, m)| route_match(m, &format!("{path}.matches[{j}]"), unmodeled))
                .collect::<Result<_, _>>()?,
        };
        let (request_headers, response_headers) = edits(rule.filters.as_deref(), &path, unmodeled)?;
        let mut backends = Vec::new();
        for (j, b) in rule.backend_refs.iter().flatten().enumerate() {
            let weight = b.weight.unwrap_or(1);
            if !(0..=1_000_000).contains(&weight) {
                return Err(format!(
                    "{path}.backendRefs[{j}].weight: Invalid value: {weight}: must be between 0 and 1000000"
                ));
            }
            if b.filters.as_ref().is_some_and(|f| !f.is_empty()) {
                unmodeled.push(format!("{path}.backendRefs[{j}].filters"));
            }
            backends.push(backend(
                cluster,
                objects,
                b,
                &ns_name,
                u32::try_from(weight).unwrap_or(0),
            ));
        }
        let timeout = |value: &Option<String>, field: &str| {
            value
                .as_deref()
                .map(|v| {
                    parse_duration_ms(v).ok_or_else(|| {
                        format!("{path}.timeouts.{field}: Invalid value: \"{v}\": must be a Gateway API duration such as 500ms or 1h2m")
                    })
                })
                .transpose()
        };
        let (request, backend_request) = rule
            .timeouts
            .as_ref()
            .map(|t| {
                Ok::<_, String>((
                    timeout(&t.request, "request")?,
                    timeout(&t.backend_request, "backendRequest")?,
                ))
            })
            .transpose()?
            .unwrap_or((None, None));
        if let (Some(req), Some(be)) = (request, backend_request)
            && req != 0
            && be > req
        {
            return Err(format!(
                "{path}.timeouts: Invalid value: backendRequest timeout cannot be longer than request timeout"
            ));
        }
        rules.push(RouteRule {
            matches,
            backends,
            request_headers,
            response_headers,
            // "0s" disables the timeout (HTTPRouteTimeouts.Request).
            request_timeout_ms: linkerd_request.or(request).filter(|ms| *ms > 0),
            backend_timeout_ms: linkerd_response.or(backend_request).filter(|ms| *ms > 0),
            // The rule's own Gateway API retry wins over route-wide Linkerd annotations.
            retries: rule
                .retry
                .as_ref()
                .map(gateway_retries)
                .or_else(|| retries.clone()),
        });
    }
    Ok(HttpRoute {
        name: String::new(),
        ns,
        creation: r.metadata.creation_timestamp.clone(),
        parents,
        hostnames: r.spec.hostnames.clone(),
        rules,
        origin: Default::default(),
    })
}

fn backend(
    cluster: &Cluster,
    objects: &Objects,
    b: &gw::HttpBackendRef,
    route_ns: &str,
    weight: u32,
) -> Backend {
    let ns = b.namespace.clone().unwrap_or_else(|| route_ns.to_owned());
    let display = format!("{ns}/{}", b.name);
    let group = b.group.as_deref().unwrap_or("");
    let kind = b.kind.as_deref().unwrap_or("Service");
    let invalid = |reason: String| Backend {
        target: BackendTarget::Invalid { reason },
        weight,
        display: display.clone(),
    };
    if !(group.is_empty() || group == "core") || kind != "Service" {
        return invalid(format!(
            "InvalidKind: backend kind {kind} (group {group:?}) is not supported"
        ));
    }
    let Some(svc) = cluster.service(&ns, &b.name) else {
        return invalid(format!("BackendNotFound: Service {display} not found"));
    };
    let Some(port) = b.port.and_then(|p| u16::try_from(p).ok()) else {
        return invalid("port is required for a Service backendRef".to_owned());
    };
    if !cluster
        .services
        .get(svc)
        .is_some_and(|s| s.ports.iter().any(|p| p.port == port))
    {
        return invalid(format!("Service {display} has no port {port}"));
    }
    // Cross-namespace references need a ReferenceGrant in the target namespace (Gateway mode).
    let granted = ns == route_ns
        || objects.gateway.grants.iter().any(|g| {
            g.obj.metadata.namespace.as_deref().unwrap_or("default") == ns
                && g.obj.spec.from.iter().any(|f| {
                    f.group == "gateway.networking.k8s.io"
                        && f.kind == "HTTPRoute"
                        && f.namespace == route_ns
                })
                && g.obj.spec.to.iter().any(|t| {
                    (t.group.is_empty() || t.group == "core")
                        && t.kind == "Service"
                        && t.name.as_ref().is_none_or(|n| *n == b.name)
                })
        });
    Backend {
        target: BackendTarget::Service { svc, port, granted },
        weight,
        display,
    }
}
