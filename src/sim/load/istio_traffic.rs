//! Istio's traffic API into the model: VirtualService routes, DestinationRule subsets and
//! client policies. Objects Istio's validation webhook refuses (a bad regex, duration or
//! status, a route with no action) are rejected with its reason.

use super::istio_types as t;
use super::meta::{namespace_of, object_name};
use super::report::reject;
use super::{Doc, Objects};
use crate::sim::model::Cluster;
use crate::sim::model::istio_traffic::*;

pub(super) fn traffic_objects(cluster: &mut Cluster, objects: &Objects) {
    let m = &objects.istio;
    for doc in &m.virtual_services {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        match virtual_service(&doc.obj.spec) {
            Ok((http, tcp)) => cluster.mesh.virtual_services.push(VirtualService {
                ns,
                name,
                hosts: doc.obj.spec.hosts.clone(),
                gateways: doc.obj.spec.gateways.clone().unwrap_or_default(),
                http,
                tcp,
            }),
            Err(reason) => reject(cluster, &doc.origin, "VirtualService", ns, &name, reason),
        }
    }
    for doc in &m.destination_rules {
        destination_rule(cluster, doc);
    }
    for doc in &m.sidecars {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let mode = spec
            .outbound_traffic_policy
            .as_ref()
            .and_then(|p| p.mode.as_deref());
        let registry_only = match mode {
            None => None,
            Some("REGISTRY_ONLY") => Some(true),
            Some("ALLOW_ANY") => Some(false),
            Some(other) => {
                let reason =
                    format!("spec.outboundTrafficPolicy.mode: Unsupported value: {other:?}");
                reject(cluster, &doc.origin, "Sidecar", ns, &name, reason);
                continue;
            }
        };
        cluster.mesh.sidecars.push(Sidecar {
            ns,
            name,
            selector: spec.workload_selector.as_ref().map(|s| s.labels.clone()),
            registry_only,
        });
    }
    for (i, doc) in m.gateways.iter().enumerate() {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let servers: Result<Vec<GatewayServer>, String> = spec
            .servers
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let port = port(
                    Some(s.port.number),
                    &format!("spec.servers[{j}].port.number"),
                )?
                .unwrap_or(80);
                if s.hosts.is_empty() {
                    return Err(format!("spec.servers[{j}].hosts: Required value"));
                }
                Ok(GatewayServer {
                    port,
                    hosts: s.hosts.clone(),
                })
            })
            .collect();
        match servers {
            Ok(servers) => cluster.mesh.istio_gateways.push(IstioGateway {
                ns,
                name,
                selector: spec.selector.clone(),
                servers,
                // 10.244.1.200 onwards: beside the Gateway API proxies' 10.244.0.200.
                proxy_ip: std::net::IpAddr::V4(std::net::Ipv4Addr::from(
                    0x0af4_01c8 + u32::try_from(i).unwrap_or(0),
                )),
            }),
            Err(reason) => reject(cluster, &doc.origin, "Gateway", ns, &name, reason),
        }
    }
}

/// Istio durations: `1s`, `500ms`, `1m`, `1.5s`, `1h`.
pub(super) fn duration_ms(s: &str) -> Option<u64> {
    let (num, unit) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000.0)
    } else if let Some(n) = s.strip_suffix('h') {
        (n, 3_600_000.0)
    } else {
        return None;
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0 && v.is_finite()).then_some((v * unit) as u64)
}

fn duration(s: &Option<String>, path: &str) -> Result<Option<u64>, String> {
    s.as_deref()
        .map(|d| duration_ms(d).ok_or_else(|| format!("{path}: invalid duration {d:?}")))
        .transpose()
}

fn string_match(m: &t::StringMatch, path: &str) -> Result<StringMatch, String> {
    match (&m.exact, &m.prefix, &m.regex) {
        (Some(e), None, None) => Ok(StringMatch::Exact(e.clone())),
        (None, Some(p), None) => Ok(StringMatch::Prefix(p.clone())),
        (None, None, Some(r)) => regex::Regex::new(&format!("^(?:{r})$"))
            .map(StringMatch::Regex)
            .map_err(|e| format!("{path}.regex: invalid regex: {e}")),
        _ => Err(format!("{path}: exactly one of exact, prefix, regex")),
    }
}

fn named_matches(
    list: &std::collections::BTreeMap<String, t::StringMatch>,
    path: &str,
    lower: bool,
) -> Result<Vec<(String, StringMatch)>, String> {
    list.iter()
        .map(|(k, v)| {
            let name = if lower {
                k.to_ascii_lowercase()
            } else {
                k.clone()
            };
            Ok((name, string_match(v, &format!("{path}[{k}]"))?))
        })
        .collect()
}

fn port(p: Option<u32>, path: &str) -> Result<Option<u16>, String> {
    p.map(|n| {
        u16::try_from(n)
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{path}: invalid port {n}"))
    })
    .transpose()
}

/// A `percentage.value` (or the deprecated integer `percent`) as a share per million;
/// absent = every request (virtual_service.proto HTTPFaultInjection).
fn share(pct: &Option<t::Percent>, int: Option<u32>, path: &str) -> Result<PerMillion, String> {
    let v = match (pct, int) {
        (Some(p), _) => p.value,
        (None, Some(i)) => f64::from(i),
        (None, None) => 100.0,
    };
    if !(0.0..=100.0).contains(&v) {
        return Err(format!("{path}: percentage must be in [0, 100]"));
    }
    Ok((v * 10_000.0).round() as PerMillion)
}

fn destination(d: &t::Destination, weight: Option<i64>, path: &str) -> Result<Destination, String> {
    if d.host.is_empty() {
        return Err(format!("{path}.destination.host: Required value"));
    }
    let weight = match weight {
        None => 0,
        Some(w) if (0..=i64::from(u32::MAX)).contains(&w) => w as u32,
        Some(w) => return Err(format!("{path}.weight: invalid weight {w}")),
    };
    Ok(Destination {
        host: d.host.clone(),
        subset: d.subset.clone(),
        port: port(
            d.port.as_ref().and_then(|p| p.number),
            &format!("{path}.destination.port"),
        )?,
        weight,
        response_headers: Vec::new(),
    })
}

/// Destinations with their weights: with one destination the weight may be omitted (100);
/// with several, an omitted weight is 0 (Istio validation).
fn weighted(mut list: Vec<Destination>, weights_given: bool) -> Vec<Destination> {
    if list.len() == 1 && !weights_given {
        list[0].weight = 100;
    }
    list
}

fn response_edits(h: &Option<t::Headers>) -> Vec<(String, String)> {
    h.as_ref()
        .and_then(|h| h.response.as_ref())
        .map(|r| {
            r.set
                .iter()
                .chain(&r.add)
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn retry_on(text: &str) -> RetryOn {
    let mut on = RetryOn::default();
    for c in text.split(',').map(str::trim) {
        match c {
            "5xx" => on.any_5xx = true,
            "gateway-error" => on.gateway_error = true,
            "connect-failure" | "refused-stream" => on.connect_failure = true,
            "reset" | "reset-before-request" => on.reset = true,
            "retriable-4xx" => on.retriable_4xx = true,
            code => {
                if let Ok(n) = code.parse::<u16>() {
                    on.status_codes.push(n);
                }
            }
        }
    }
    on
}

fn retries(r: &t::Retries, path: &str) -> Result<Option<Retries>, String> {
    let attempts = r.attempts.unwrap_or(0);
    if attempts < 0 {
        return Err(format!("{path}.attempts: must be >= 0"));
    }
    let per_try = duration(&r.per_try_timeout, &format!("{path}.perTryTimeout"))?;
    // attempts 0 disables retries (pilot route/retry ConvertPolicy).
    if attempts == 0 {
        return Ok(Some(Retries {
            attempts: 0,
            per_try_timeout_ms: None,
            on: RetryOn::default(),
        }));
    }
    Ok(Some(Retries {
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        per_try_timeout_ms: per_try.filter(|ms| *ms > 0),
        on: r
            .retry_on
            .as_deref()
            .filter(|s| !s.is_empty())
            .map_or_else(RetryOn::istio_default, retry_on),
    }))
}

fn http_match(m: &t::HttpMatch, path: &str) -> Result<HttpMatch, String> {
    Ok(HttpMatch {
        uri: m
            .uri
            .as_ref()
            .map(|u| string_match(u, &format!("{path}.uri")))
            .transpose()?,
        ignore_uri_case: m.ignore_uri_case,
        method: m
            .method
            .as_ref()
            .map(|u| string_match(u, &format!("{path}.method")))
            .transpose()?,
        authority: m
            .authority
            .as_ref()
            .map(|u| string_match(u, &format!("{path}.authority")))
            .transpose()?,
        headers: named_matches(&m.headers, &format!("{path}.headers"), true)?,
        without_headers: named_matches(
            &m.without_headers,
            &format!("{path}.withoutHeaders"),
            true,
        )?,
        query: named_matches(&m.query_params, &format!("{path}.queryParams"), false)?,
        port: port(m.port, &format!("{path}.port"))?,
        source_labels: m.source_labels.clone(),
        source_namespace: m.source_namespace.clone(),
        gateways: m.gateways.clone(),
    })
}

fn http_route(h: &t::HttpRoute, path: &str) -> Result<HttpRoute, String> {
    let matches = h
        .matches
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, m)| http_match(m, &format!("{path}.match[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let routes = h.route.as_deref().unwrap_or_default();
    let action = match (&h.redirect, &h.direct_response, routes.is_empty()) {
        (Some(r), None, true) => Action::Redirect {
            code: u16::try_from(r.redirect_code.unwrap_or(301))
                .ok()
                .filter(|c| (300..400).contains(c))
                .ok_or_else(|| format!("{path}.redirect.redirectCode: not a 3xx status"))?,
            scheme: r.scheme.clone(),
            authority: r.authority.clone(),
            port: port(r.port, &format!("{path}.redirect.port"))?,
            uri: r.uri.clone(),
        },
        (None, Some(d), true) => Action::DirectResponse(
            u16::try_from(d.status)
                .ok()
                .filter(|s| (200..600).contains(s))
                .ok_or_else(|| format!("{path}.directResponse.status: invalid status"))?,
        ),
        (None, None, false) => {
            let mut list = Vec::new();
            for (i, r) in routes.iter().enumerate() {
                let mut d = destination(&r.destination, r.weight, &format!("{path}.route[{i}]"))?;
                d.response_headers = response_edits(&r.headers);
                list.push(d);
            }
            Action::Route(weighted(list, routes.iter().any(|r| r.weight.is_some())))
        }
        (None, None, true) => {
            return Err(format!(
                "{path}: HTTP route or redirect or directResponse is required"
            ));
        }
        _ => {
            return Err(format!(
                "{path}: route, redirect and directResponse are mutually exclusive"
            ));
        }
    };
    let fault = h.fault.as_ref();
    let delay = fault
        .and_then(|f| f.delay.as_ref())
        .map(|d| -> Result<Option<FaultDelay>, String> {
            let here = format!("{path}.fault.delay");
            let Some(ms) = duration(&d.fixed_delay, &format!("{here}.fixedDelay"))? else {
                // Only exponentialDelay (warned as unmodeled): no fixed delay to add.
                return Ok(None);
            };
            Ok(Some(FaultDelay {
                ms,
                share: share(&d.percentage, d.percent, &here)?,
            }))
        })
        .transpose()?
        .flatten();
    let abort = fault
        .and_then(|f| f.abort.as_ref())
        .map(|a| -> Result<Option<FaultAbort>, String> {
            let here = format!("{path}.fault.abort");
            let status = match (a.http_status, a.grpc_status.as_deref()) {
                (Some(s), None) => AbortStatus::Http(
                    u16::try_from(s)
                        .ok()
                        .filter(|s| (200..600).contains(s))
                        .ok_or_else(|| format!("{here}.httpStatus: invalid status"))?,
                ),
                (None, Some(g)) => AbortStatus::Grpc(
                    grpc_code(g).ok_or_else(|| format!("{here}.grpcStatus: unknown code {g:?}"))?,
                ),
                // http2Error only (warned as unmodeled).
                (None, None) => return Ok(None),
                _ => return Err(format!("{here}: one of httpStatus, grpcStatus")),
            };
            Ok(Some(FaultAbort {
                status,
                share: share(&a.percentage, None, &here)?,
            }))
        })
        .transpose()?
        .flatten();
    Ok(HttpRoute {
        matches,
        action,
        delay,
        abort,
        timeout_ms: duration(&h.timeout, &format!("{path}.timeout"))?.filter(|ms| *ms > 0),
        retries: h
            .retries
            .as_ref()
            .map(|r| retries(r, &format!("{path}.retries")))
            .transpose()?
            .flatten(),
        response_headers: response_edits(&h.headers),
    })
}

/// gRPC status names (grpc/grpc doc/statuscodes.md); Istio also accepts the number.
fn grpc_code(s: &str) -> Option<u16> {
    const NAMES: [&str; 17] = [
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    ];
    s.parse::<u16>()
        .ok()
        .filter(|n| *n < 17)
        .or_else(|| NAMES.iter().position(|n| *n == s).map(|i| i as u16))
}

fn l4_route(
    matches: &[t::L4Match],
    route: &[t::L4Destination],
    path: &str,
) -> Result<L4Route, String> {
    let matches = matches
        .iter()
        .enumerate()
        .map(|(i, m)| {
            Ok(L4Match {
                port: port(m.port, &format!("{path}.match[{i}].port"))?,
                source_labels: m.source_labels.clone(),
                source_namespace: m.source_namespace.clone(),
                gateways: m.gateways.clone(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let list = route
        .iter()
        .enumerate()
        .map(|(i, r)| destination(&r.destination, r.weight, &format!("{path}.route[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(L4Route {
        matches,
        route: weighted(list, route.iter().any(|r| r.weight.is_some())),
    })
}

type Routes = (Vec<HttpRoute>, Vec<L4Route>);

fn virtual_service(spec: &t::VirtualServiceSpec) -> Result<Routes, String> {
    if spec.hosts.is_empty() {
        return Err("spec.hosts: Required value: at least one host is required".to_owned());
    }
    let http = spec
        .http
        .iter()
        .enumerate()
        .map(|(i, h)| http_route(h, &format!("spec.http[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let tcp = spec
        .tcp
        .iter()
        .enumerate()
        .map(|(i, r)| l4_route(&r.matches, &r.route, &format!("spec.tcp[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((http, tcp))
}

fn client_policy(p: &Option<t::TrafficPolicy>, path: &str) -> Result<ClientPolicy, String> {
    let Some(p) = p else {
        return Ok(ClientPolicy::default());
    };
    let tls = p
        .tls
        .as_ref()
        .and_then(|t| t.mode.as_deref())
        .map(|m| match m {
            "DISABLE" => Ok(TlsMode::Disable),
            "SIMPLE" => Ok(TlsMode::Simple),
            "MUTUAL" => Ok(TlsMode::Mutual),
            "ISTIO_MUTUAL" => Ok(TlsMode::IstioMutual),
            other => Err(format!("{path}.tls.mode: Unsupported value: {other:?}")),
        })
        .transpose()?;
    let hash = p
        .load_balancer
        .as_ref()
        .and_then(|lb| lb.consistent_hash.as_ref())
        .and_then(|h| {
            h.http_header_name
                .as_ref()
                .map(|n| HashOn::Header(n.to_ascii_lowercase()))
                .or_else(|| h.http_query_parameter_name.clone().map(HashOn::Query))
                .or_else(|| (h.use_source_ip == Some(true)).then_some(HashOn::SourceIp))
        });
    Ok(ClientPolicy { tls, hash })
}

fn destination_rule(
    cluster: &mut Cluster,
    doc: &Doc<super::mesh_types::Object<t::DestinationRuleSpec>>,
) {
    let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
    let name = object_name(&doc.obj.metadata);
    let spec = &doc.obj.spec;
    let converted = (|| -> Result<DestinationRule, String> {
        if spec.host.is_empty() {
            return Err("spec.host: Required value".to_owned());
        }
        let policy = client_policy(&spec.traffic_policy, "spec.trafficPolicy")?;
        let mut subsets = Vec::new();
        for (i, s) in spec.subsets.iter().enumerate() {
            if s.name.is_empty() {
                return Err(format!("spec.subsets[{i}].name: Required value"));
            }
            subsets.push(Subset {
                name: s.name.clone(),
                labels: s.labels.clone(),
                policy: client_policy(
                    &s.traffic_policy,
                    &format!("spec.subsets[{i}].trafficPolicy"),
                )?,
            });
        }
        Ok(DestinationRule {
            ns,
            name: name.clone(),
            host: spec.host.clone(),
            policy,
            subsets,
        })
    })();
    match converted {
        Ok(dr) => cluster.mesh.destination_rules.push(dr),
        Err(reason) => reject(cluster, &doc.origin, "DestinationRule", ns, &name, reason),
    }
}
