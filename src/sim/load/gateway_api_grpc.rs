//! GRPCRoute read as the HTTPRoute it is on the wire: a gRPC call is an HTTP/2 POST to
//! `/SERVICE/METHOD`, so a method match is a path match (gateway-api apis/v1/grpcroute_types.go
//! GRPCMethodMatch) and the rest (headers, filters, backends) is HTTPRoute's.

use super::gateway_api_types::{self as gw};
use crate::sim::load::yaml::Unmodeled;

/// The filter types of GRPCRouteFilter.Type.
const GRPC_FILTERS: [&str; 4] = [
    "RequestHeaderModifier",
    "ResponseHeaderModifier",
    "RequestMirror",
    "ExtensionRef",
];

/// The GRPCRoute as an HTTPRoute, or the reason the API server refuses it.
pub(super) fn as_http(g: &gw::GrpcRoute) -> Result<gw::HttpRoute, String> {
    let mut rules = Vec::new();
    for (i, rule) in g.spec.rules.iter().flatten().enumerate() {
        let path = format!("spec.rules[{i}]");
        let matches = rule
            .matches
            .iter()
            .flatten()
            .enumerate()
            .map(|(j, m)| method_match(m, &format!("{path}.matches[{j}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let backend_refs = rule
            .backend_refs
            .iter()
            .flatten()
            .enumerate()
            .map(|(j, b)| {
                Ok(gw::HttpBackendRef {
                    group: b.group.clone(),
                    kind: b.kind.clone(),
                    name: b.name.clone(),
                    namespace: b.namespace.clone(),
                    port: b.port,
                    weight: b.weight,
                    filters: b
                        .filters
                        .as_deref()
                        .map(|f| filters(f, &format!("{path}.backendRefs[{j}]")))
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        rules.push(gw::HttpRouteRule {
            _name: rule._name,
            matches: (!matches.is_empty()).then_some(matches),
            filters: rule
                .filters
                .as_deref()
                .map(|f| filters(f, &path))
                .transpose()?,
            backend_refs: Some(backend_refs),
            timeouts: None,
            retry: None,
            _session_persistence: rule._session_persistence,
        });
    }
    Ok(gw::HttpRoute {
        _api_version: g._api_version.clone(),
        _kind: "GRPCRoute".to_owned(),
        metadata: g.metadata.clone(),
        spec: gw::HttpRouteSpec {
            parent_refs: g.spec.parent_refs.clone(),
            hostnames: g.spec.hostnames.clone(),
            // A GRPCRoute without rules has none (HTTPRoute's default rule is HTTP's).
            rules: Some(rules),
        },
        _status: g._status,
    })
}

/// `GRPCMethodMatch` as a path match: Exact service and method → Exact `/S/M`; a service only
/// → PathPrefix `/S`; a method only, or RegularExpression → a regex over both parts.
fn method_match(m: &gw::GrpcRouteMatch, at: &str) -> Result<gw::HttpRouteMatch, String> {
    let path = match &m.method {
        None => None,
        Some(mm) => {
            let (service, method) = (mm.service.as_deref(), mm.method.as_deref());
            if service.is_none() && method.is_none() {
                return Err(format!(
                    "{at}.method: Invalid value: One or both of 'service' or 'method' must be specified"
                ));
            }
            let (kind, value) = match (mm.kind.as_deref().unwrap_or("Exact"), service, method) {
                ("Exact", Some(s), Some(m)) => ("Exact", format!("/{s}/{m}")),
                ("Exact", Some(s), None) => ("PathPrefix", format!("/{s}")),
                ("Exact", None, m) => (
                    "RegularExpression",
                    format!("/[^/]+/{}", regex::escape(m.unwrap_or_default())),
                ),
                ("RegularExpression", s, m) => (
                    "RegularExpression",
                    format!("/{}/{}", s.unwrap_or("[^/]+"), m.unwrap_or("[^/]+")),
                ),
                (other, _, _) => {
                    return Err(format!(
                        "{at}.method.type: Unsupported value: \"{other}\": supported values: \"Exact\", \"RegularExpression\""
                    ));
                }
            };
            Some(gw::HttpPathMatch {
                kind: Some(kind.to_owned()),
                value: Some(value),
            })
        }
    };
    Ok(gw::HttpRouteMatch {
        path,
        headers: m.headers.clone(),
        query_params: None,
        method: None,
    })
}

fn filters(list: &[gw::GrpcRouteFilter], at: &str) -> Result<Vec<gw::HttpRouteFilter>, String> {
    list.iter()
        .enumerate()
        .map(|(i, f)| {
            if !GRPC_FILTERS.contains(&f.kind.as_str()) {
                return Err(format!(
                    "{at}.filters[{i}].type: Unsupported value: \"{}\": supported values: {}",
                    f.kind,
                    GRPC_FILTERS.map(|t| format!("\"{t}\"")).join(", ")
                ));
            }
            Ok(gw::HttpRouteFilter {
                kind: f.kind.clone(),
                request_header_modifier: f.request_header_modifier.clone(),
                response_header_modifier: f.response_header_modifier.clone(),
                request_redirect: None,
                url_rewrite: None,
                request_mirror: f.request_mirror.clone(),
                cors: None,
                _extension_ref: f._extension_ref.map(|_| Unmodeled),
                _external_auth: None,
            })
        })
        .collect()
}
