//! Gateway API objects into the model: Gateways with listeners, HTTPRoutes with defaulted
//! matches and resolved backends (ReferenceGrant checked), CRD validation as rejections.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr};

use super::gateway_api_types::{self as gw, HttpRouteFilter};
use super::meta::{namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::{reject, warn};
use super::{Doc, Objects};
use crate::sim::model::labels::Labels;
use crate::sim::model::{
    AllowedFrom, Backend, BackendFilters, BackendTarget, Cluster, Cors, Gateway, HeaderEdits,
    HttpRoute, Listener, Mirror, ParentKind, ParentRef, PathKind, PathMatch, PathModifier, Pattern,
    Redirect, RetryPolicy, Rewrite, RouteKind, RouteMatch, RouteRule, ValueMatch, Warn,
};

const GROUP: &str = "gateway.networking.k8s.io";

pub(super) const KINDS: &[Kind] = &[
    modeled!(GROUP, "Gateway", gw::Gateway, |o| o.gateway.gateways),
    modeled!(GROUP, "HTTPRoute", gw::HttpRoute, |o| o.gateway.routes),
    modeled!(GROUP, "ReferenceGrant", gw::ReferenceGrant, |o| o
        .gateway
        .grants),
    modeled!(GROUP, "GRPCRoute", gw::GrpcRoute, |o| o.gateway.grpc_routes),
    modeled!(GROUP, "TCPRoute", gw::StreamRoute, |o| o
        .gateway
        .stream_routes),
    modeled!(GROUP, "TLSRoute", gw::StreamRoute, |o| o
        .gateway
        .stream_routes),
    modeled!(GROUP, "UDPRoute", gw::StreamRoute, |o| o
        .gateway
        .stream_routes),
    modeled!(GROUP, "BackendTLSPolicy", gw::BackendTlsPolicy, |o| o
        .gateway
        .backend_tls),
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
    pub grpc_routes: Vec<Doc<gw::GrpcRoute>>,
    pub stream_routes: Vec<Doc<gw::StreamRoute>>,
    pub backend_tls: Vec<Doc<gw::BackendTlsPolicy>>,
}

const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

pub(super) fn gateways_and_routes(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.gateway.gateways {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        match listeners(objects, &doc.obj.spec, cluster.ns_name(ns)) {
            Ok(listeners) => {
                for l in &listeners {
                    if let Some(why) = &l.unprogrammed {
                        let object = format!("Gateway {}/{name}", cluster.ns_name(ns));
                        let why = format!(
                            "listener {:?} is not programmed (status.listeners: Programmed=False): {why}",
                            l.name
                        );
                        warn(cluster, &doc.origin, object, Warn::NoEffect { why });
                    }
                }
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
    // GRPCRoutes are read as the HTTPRoutes they are on the wire (gateway_api_grpc.rs).
    let http = objects.gateway.routes.iter().map(|doc| {
        let r: Result<Cow<'_, gw::HttpRoute>, String> = Ok(Cow::Borrowed(&doc.obj));
        (RouteKind::Http, r, (&doc.obj.metadata, &doc.origin))
    });
    let grpc = objects.gateway.grpc_routes.iter().map(|doc| {
        let r = super::gateway_api_grpc::as_http(&doc.obj).map(Cow::Owned);
        (RouteKind::Grpc, r, (&doc.obj.metadata, &doc.origin))
    });
    for (kind, converted, (metadata, origin)) in http.chain(grpc) {
        let ns = namespace_of(cluster, metadata, origin);
        let name = object_name(metadata);
        let mut unmodeled = Vec::new();
        match converted.and_then(|r| route(cluster, objects, &r, ns, &mut unmodeled)) {
            Ok(mut r) => {
                let object = format!("{} {}/{name}", kind.as_str(), cluster.ns_name(ns));
                for field in unmodeled {
                    warn(cluster, origin, object.clone(), Warn::Unmodeled { field });
                }
                r.kind = kind;
                r.name = name;
                r.origin = origin.clone();
                cluster.routes.push(r);
            }
            Err(reason) => reject(cluster, origin, kind.as_str(), ns, &name, reason),
        }
    }
    super::gateway_api_stream::stream_routes(cluster, objects);
    super::gateway_api_stream::backend_tls(cluster, objects);
    super::gateway_attachment::warn_unattached(cluster);
    super::gateway_attachment::warn_ungranted_mesh_backends(cluster);
}

fn listeners(
    objects: &Objects,
    spec: &gw::GatewaySpec,
    gw_ns: &str,
) -> Result<Vec<Listener>, String> {
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
        let kinds = route_kinds(l, &path)?;
        let protocol = l.protocol.as_str();
        if l.hostname.is_some() && matches!(protocol, "TCP" | "UDP") {
            return Err(format!(
                "{path}: Invalid value: hostname must not be specified for protocols ['TCP', 'UDP']"
            ));
        }
        let (passthrough, unprogrammed) = match (&l.tls, protocol) {
            (None, "HTTPS" | "TLS") => {
                return Err(format!(
                    "{path}: Invalid value: tls must be specified for protocols ['HTTPS', 'TLS']"
                ));
            }
            (Some(_), "HTTP" | "TCP" | "UDP") => {
                return Err(format!(
                    "{path}: Invalid value: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"
                ));
            }
            (None, _) => (false, None),
            (Some(tls), _) => listener_tls(objects, tls, gw_ns, &path, protocol)?,
        };
        if out.iter().any(|o: &Listener| o.name == l.name) {
            return Err(format!(
                "spec.listeners: Invalid value: Listener name must be unique within the Gateway ({})",
                l.name
            ));
        }
        if out
            .iter()
            .any(|o| o.port == port && o.protocol == l.protocol && o.hostname == l.hostname)
        {
            return Err(
                "spec.listeners: Invalid value: Combination of port, protocol and hostname must be unique for each listener"
                    .to_owned(),
            );
        }
        out.push(Listener {
            name: l.name.clone(),
            kinds,
            hostname: l.hostname.clone(),
            port,
            protocol: l.protocol.clone(),
            allowed,
            passthrough,
            unprogrammed,
        });
    }
    Ok(out)
}

/// The route kinds each protocol carries (Gateway API "Listener.AllowedRoutes.Kinds": the
/// defaults are the kinds that fit the protocol).
fn protocol_kinds(protocol: &str, passthrough: bool) -> &'static [&'static str] {
    match protocol {
        "HTTP" | "HTTPS" => &["HTTPRoute", "GRPCRoute"],
        "TLS" if passthrough => &["TLSRoute"],
        "TLS" => &["TLSRoute", "TCPRoute"],
        "TCP" => &["TCPRoute"],
        "UDP" => &["UDPRoute"],
        _ => &[],
    }
}

/// `allowedRoutes.kinds` that fit the listener's protocol (a kind that does not is left out:
/// `ResolvedRefs=False`, reason InvalidRouteKinds), or the protocol's own kinds.
fn route_kinds(l: &gw::Listener, path: &str) -> Result<Vec<String>, String> {
    let passthrough = l
        .tls
        .as_ref()
        .and_then(|t| t.mode.as_deref())
        .is_some_and(|m| m == "Passthrough");
    let fits = protocol_kinds(&l.protocol, passthrough);
    let listed = l.allowed_routes.as_ref().and_then(|a| a.kinds.as_ref());
    Ok(match listed {
        Some(kinds) if !kinds.is_empty() => {
            if kinds.len() > 8 {
                return Err(format!(
                    "{path}.allowedRoutes.kinds: Too many: {}: must have at most 8 items",
                    kinds.len()
                ));
            }
            kinds
                .iter()
                .filter(|k| k.group.as_deref().is_none_or(|g| g == GROUP))
                .filter(|k| fits.contains(&k.kind.as_str()))
                .map(|k| k.kind.clone())
                .collect()
        }
        _ => fits.iter().map(|k| (*k).to_owned()).collect(),
    })
}

/// A listener's TLS: passthrough or not, and why it is not programmed (a certificate Secret
/// missing, or in another namespace without a ReferenceGrant), if it is not.
fn listener_tls(
    objects: &Objects,
    tls: &gw::ListenerTls,
    gw_ns: &str,
    path: &str,
    protocol: &str,
) -> Result<(bool, Option<String>), String> {
    let passthrough = match tls.mode.as_deref().unwrap_or("Terminate") {
        "Terminate" => false,
        "Passthrough" if protocol == "HTTPS" => {
            return Err(format!(
                "spec.listeners: Invalid value: tls mode must be Terminate for protocol HTTPS ({path})"
            ));
        }
        "Passthrough" => true,
        other => {
            return Err(format!(
                "{path}.tls.mode: Unsupported value: \"{other}\": supported values: \"Terminate\", \"Passthrough\""
            ));
        }
    };
    if passthrough {
        return Ok((true, None));
    }
    if tls.certificate_refs.is_empty() && tls._options.is_none() {
        return Err(format!(
            "{path}.tls: Invalid value: certificateRefs or options must be specified when mode is Terminate"
        ));
    }
    for (i, c) in tls.certificate_refs.iter().enumerate() {
        let ns = c.namespace.as_deref().unwrap_or(gw_ns);
        let kind = c.kind.as_deref().unwrap_or("Secret");
        let group = c.group.as_deref().unwrap_or("");
        let at = format!("{path}.tls.certificateRefs[{i}]");
        if !group.is_empty() || kind != "Secret" {
            return Ok((
                false,
                Some(format!(
                    "{at}: InvalidCertificateRef: {kind} (group {group:?}) is not a supported certificate reference"
                )),
            ));
        }
        if !objects
            .inert
            .contains(&("Secret".to_owned(), format!("{ns}/{}", c.name)))
        {
            return Ok((
                false,
                Some(format!(
                    "{at}: InvalidCertificateRef: Secret {ns}/{} does not exist",
                    c.name
                )),
            ));
        }
        let granted =
            ns == gw_ns
                || objects.gateway.grants.iter().any(|g| {
                    g.obj.metadata.namespace.as_deref().unwrap_or("default") == ns
                        && g.obj.spec.from.iter().any(|f| {
                            f.group == GROUP && f.kind == "Gateway" && f.namespace == gw_ns
                        })
                        && g.obj.spec.to.iter().any(|t| {
                            t.group.is_empty()
                                && t.kind == "Secret"
                                && t.name.as_ref().is_none_or(|n| *n == c.name)
                        })
                });
        if !granted {
            return Ok((
                false,
                Some(format!(
                    "{at}: RefNotPermitted: Secret {ns}/{} is in another namespace and no ReferenceGrant allows it",
                    c.name
                )),
            ));
        }
    }
    Ok((false, None))
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

/// What a rule's filters do, as the model holds it.
#[derive(Default)]
struct Filters {
    request: HeaderEdits,
    response: HeaderEdits,
    redirect: Option<Redirect>,
    rewrite: Option<Rewrite>,
    mirrors: Vec<Mirror>,
    cors: Option<Cors>,
}

/// The filter types of HTTPRouteFilter.Type; `ExternalAuth` is experimental.
const FILTER_TYPES: [&str; 8] = [
    "RequestHeaderModifier",
    "ResponseHeaderModifier",
    "RequestMirror",
    "RequestRedirect",
    "URLRewrite",
    "ExtensionRef",
    "CORS",
    "ExternalAuth",
];

/// A rule's filters, or the reason the API server refuses them (the CRD's CEL rules on
/// HTTPRouteFilter and HTTPRouteRule.filters).
fn rule_filters(
    ctx: &RouteCtx<'_>,
    filters: Option<&[HttpRouteFilter]>,
    path: &str,
    unmodeled: &mut Vec<String>,
) -> Result<Filters, String> {
    let mut out = Filters::default();
    let filters = filters.unwrap_or_default();
    for once in [
        "CORS",
        "RequestHeaderModifier",
        "ResponseHeaderModifier",
        "RequestRedirect",
        "URLRewrite",
    ] {
        if filters.iter().filter(|f| f.kind == once).count() > 1 {
            return Err(format!(
                "{path}.filters: Invalid value: {once} filter cannot be repeated"
            ));
        }
    }
    let has = |kind: &str| filters.iter().any(|f| f.kind == kind);
    if has("RequestRedirect") && has("URLRewrite") {
        return Err(format!(
            "{path}.filters: Invalid value: May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"
        ));
    }
    for (i, f) in filters.iter().enumerate() {
        let at = format!("{path}.filters[{i}]");
        if !FILTER_TYPES.contains(&f.kind.as_str()) {
            return Err(format!(
                "{at}.type: Unsupported value: \"{}\": supported values: {}",
                f.kind,
                FILTER_TYPES.map(|t| format!("\"{t}\"")).join(", ")
            ));
        }
        // filter.X must be specified for its type, and nil for any other.
        let set = [
            (
                "requestHeaderModifier",
                "RequestHeaderModifier",
                f.request_header_modifier.is_some(),
            ),
            (
                "responseHeaderModifier",
                "ResponseHeaderModifier",
                f.response_header_modifier.is_some(),
            ),
            ("requestMirror", "RequestMirror", f.request_mirror.is_some()),
            (
                "requestRedirect",
                "RequestRedirect",
                f.request_redirect.is_some(),
            ),
            ("urlRewrite", "URLRewrite", f.url_rewrite.is_some()),
            ("cors", "CORS", f.cors.is_some()),
        ];
        for (field, kind, present) in set {
            if present && f.kind != kind {
                return Err(format!(
                    "{at}: Invalid value: filter.{field} must be nil if the filter.type is not {kind}"
                ));
            }
            if !present && f.kind == kind {
                return Err(format!(
                    "{at}: Invalid value: filter.{field} must be specified for {kind} filter.type"
                ));
            }
        }
        let edits = |m: &gw::HeaderModifier, target: &mut HeaderEdits| {
            let pair = |h: &gw::HeaderValue| (h.name.clone(), h.value.clone());
            target.set.extend(m.set.iter().map(pair));
            target.add.extend(m.add.iter().map(pair));
            target.remove.extend(m.remove.iter().cloned());
        };
        match f.kind.as_str() {
            "RequestHeaderModifier" => {
                if let Some(m) = &f.request_header_modifier {
                    edits(m, &mut out.request);
                }
            }
            "ResponseHeaderModifier" => {
                if let Some(m) = &f.response_header_modifier {
                    edits(m, &mut out.response);
                }
            }
            "RequestRedirect" => {
                if let Some(r) = &f.request_redirect {
                    out.redirect = Some(redirect(r, &format!("{at}.requestRedirect"))?);
                }
            }
            "URLRewrite" => {
                if let Some(r) = &f.url_rewrite {
                    out.rewrite = Some(Rewrite {
                        hostname: r.hostname.clone(),
                        path: r
                            .path
                            .as_ref()
                            .map(|p| path_modifier(p, &format!("{at}.urlRewrite.path")))
                            .transpose()?,
                    });
                }
            }
            "RequestMirror" => {
                if let Some(m) = &f.request_mirror {
                    out.mirrors
                        .push(mirror(ctx, m, &format!("{at}.requestMirror"))?);
                }
            }
            "CORS" => {
                if let Some(c) = &f.cors {
                    out.cors = Some(cors(c, &format!("{at}.cors"))?);
                }
            }
            // ExtensionRef and ExternalAuth: the typed configuration raised its own warning;
            // what the extension or the external authorizer decides is not modeled.
            _ => unmodeled.push(format!("{at}.type")),
        }
    }
    Ok(out)
}

fn path_modifier(p: &gw::PathModifier, at: &str) -> Result<PathModifier, String> {
    let need = |v: &Option<String>, field: &str| {
        v.clone().ok_or_else(|| {
            format!(
                "{at}: Invalid value: {field} must be specified when type is set to '{}'",
                p.kind
            )
        })
    };
    match p.kind.as_str() {
        "ReplaceFullPath" if p.replace_prefix_match.is_none() => Ok(PathModifier::Full(need(
            &p.replace_full_path,
            "replaceFullPath",
        )?)),
        "ReplacePrefixMatch" if p.replace_full_path.is_none() => Ok(PathModifier::Prefix(need(
            &p.replace_prefix_match,
            "replacePrefixMatch",
        )?)),
        "ReplaceFullPath" => Err(format!(
            "{at}: Invalid value: type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"
        )),
        "ReplacePrefixMatch" => Err(format!(
            "{at}: Invalid value: type must be 'ReplaceFullPath' when replaceFullPath is set"
        )),
        other => Err(format!(
            "{at}.type: Unsupported value: \"{other}\": supported values: \"ReplaceFullPath\", \"ReplacePrefixMatch\""
        )),
    }
}

fn redirect(r: &gw::RequestRedirect, at: &str) -> Result<Redirect, String> {
    if let Some(s) = r.scheme.as_deref()
        && s != "http"
        && s != "https"
    {
        return Err(format!(
            "{at}.scheme: Unsupported value: \"{s}\": supported values: \"http\", \"https\""
        ));
    }
    let port = r
        .port
        .map(|p| {
            u16::try_from(p).ok().filter(|p| *p > 0).ok_or_else(|| {
                format!("{at}.port: Invalid value: {p}: must be between 1 and 65535")
            })
        })
        .transpose()?;
    // statusCode defaults to 302.
    let status = match r.status_code.unwrap_or(302) {
        code @ (301 | 302 | 303 | 307 | 308) => code as u16,
        code => {
            return Err(format!(
                "{at}.statusCode: Unsupported value: {code}: supported values: \"301\", \"302\", \"303\", \"307\", \"308\""
            ));
        }
    };
    Ok(Redirect {
        scheme: r.scheme.clone(),
        hostname: r.hostname.clone(),
        path: r
            .path
            .as_ref()
            .map(|p| path_modifier(p, &format!("{at}.path")))
            .transpose()?,
        port,
        status,
    })
}

fn mirror(ctx: &RouteCtx<'_>, m: &gw::RequestMirror, at: &str) -> Result<Mirror, String> {
    let (numerator, denominator) = match (m.percent, &m.fraction) {
        (Some(_), Some(_)) => {
            return Err(format!(
                "{at}: Invalid value: Only one of percent or fraction may be specified in HTTPRequestMirrorFilter"
            ));
        }
        (Some(p), None) if !(0..=100).contains(&p) => {
            return Err(format!(
                "{at}.percent: Invalid value: {p}: must be between 0 and 100"
            ));
        }
        (Some(p), None) => (p, 100),
        (None, Some(f)) => {
            let d = f.denominator.unwrap_or(100);
            if f.numerator < 0 || d < 1 || f.numerator > d {
                return Err(format!(
                    "{at}.fraction: Invalid value: numerator must be between 0 and the denominator, the denominator at least 1"
                ));
            }
            (f.numerator, d)
        }
        // Neither: every request is mirrored.
        (None, None) => (1, 1),
    };
    let b = &m.backend_ref;
    Ok(Mirror {
        backend: backend(
            ctx,
            b.group.as_deref(),
            b.kind.as_deref(),
            &b.name,
            b.namespace.as_deref(),
            b.port,
            1,
        ),
        numerator: u32::try_from(numerator).unwrap_or(0),
        denominator: u32::try_from(denominator).unwrap_or(1),
    })
}

fn cors(c: &gw::Cors, at: &str) -> Result<Cors, String> {
    for (field, list) in [
        ("allowOrigins", &c.allow_origins),
        ("allowMethods", &c.allow_methods),
        ("allowHeaders", &c.allow_headers),
    ] {
        if list.len() > 1 && list.iter().any(|v| v == "*") {
            return Err(format!(
                "{at}.{field}: Invalid value: '*' cannot be listed alongside other values"
            ));
        }
    }
    let max_age = match c.max_age {
        Some(n) if n < 1 => {
            return Err(format!(
                "{at}.maxAge: Invalid value: {n}: must be greater than or equal to 1"
            ));
        }
        Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
        None => 5,
    };
    Ok(Cors {
        allow_origins: c.allow_origins.clone(),
        allow_credentials: c.allow_credentials.unwrap_or(false),
        allow_methods: c.allow_methods.clone(),
        allow_headers: c.allow_headers.clone(),
        expose_headers: c.expose_headers.clone(),
        max_age,
    })
}

/// A route's kind and namespace, and what resolving its backends reads.
pub(super) struct RouteCtx<'a> {
    pub cluster: &'a Cluster,
    pub objects: &'a Objects,
    /// The route's kind, as a ReferenceGrant's `from` names it.
    pub kind: &'a str,
    pub ns: &'a str,
}

fn route_match(m: &gw::HttpRouteMatch, path: &str) -> Result<RouteMatch, String> {
    // HTTPRouteMatch.Path defaults to PathPrefix "/".
    let (kind, value) = match &m.path {
        None => (PathKind::Prefix, "/".to_owned()),
        Some(p) => {
            let kind = match p.kind.as_deref().unwrap_or("PathPrefix") {
                "PathPrefix" => PathKind::Prefix,
                "Exact" => PathKind::Exact,
                "RegularExpression" => {
                    let expr = p.value.as_deref().unwrap_or("/");
                    PathKind::Regex(Pattern::new(expr).map_err(|e| {
                        format!("{path}.path.value: Invalid value: \"{expr}\": {e}")
                    })?)
                }
                other => {
                    return Err(format!(
                        "{path}.path.type: Unsupported value: \"{other}\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\""
                    ));
                }
            };
            let value = p.value.clone().unwrap_or_else(|| "/".to_owned());
            if !matches!(kind, PathKind::Regex(_)) && !value.starts_with('/') {
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
    let values = |list: &Option<Vec<gw::HttpValueMatch>>, field: &str, fold: bool| {
        let mut out: Vec<(String, ValueMatch)> = Vec::new();
        for (i, h) in list.iter().flatten().enumerate() {
            let value = match h.kind.as_deref().unwrap_or("Exact") {
                "Exact" => ValueMatch::Exact(h.value.clone()),
                // Implementation-specific; matched as Envoy's safe_regex does (whole value).
                "RegularExpression" => ValueMatch::Regex(Pattern::new(&h.value).map_err(|e| {
                    format!(
                        "{path}.{field}[{i}].value: Invalid value: \"{}\": {e}",
                        h.value
                    )
                })?),
                kind => {
                    return Err(format!(
                        "{path}.{field}[{i}].type: Unsupported value: \"{kind}\": supported values: \"Exact\", \"RegularExpression\""
                    ));
                }
            };
            let name = if fold {
                h.name.to_ascii_lowercase()
            } else {
                h.name.clone()
            };
            // Only the first entry with an equivalent name counts (HTTPHeaderMatch.Name,
            // HTTPQueryParamMatch.Name).
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, value));
            }
        }
        Ok(out)
    };
    let headers = values(&m.headers, "headers", true)?;
    let query = values(&m.query_params, "queryParams", false)?;
    Ok(RouteMatch {
        path: PathMatch { kind, value },
        method,
        headers,
        query,
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

/// A route's parentRefs with their defaults (group gateway.networking.k8s.io, kind Gateway,
/// the route's namespace).
pub(super) fn parent_refs(refs: &[gw::ParentRef], route_ns: &str) -> Vec<ParentRef> {
    refs.iter()
        .map(|p| {
            let group = p.group.as_deref().unwrap_or(GROUP);
            let kind = match (group, p.kind.as_deref().unwrap_or("Gateway")) {
                (GROUP, "Gateway") => ParentKind::Gateway,
                ("" | "core", "Service") => ParentKind::Service,
                ("policy.linkerd.io", "Server") => ParentKind::Server,
                ("policy.linkerd.io", "EgressNetwork") => ParentKind::EgressNetwork,
                (g, k) => ParentKind::Other(format!("{k}.{g}")),
            };
            ParentRef {
                kind,
                ns: p.namespace.clone().unwrap_or_else(|| route_ns.to_owned()),
                name: p.name.clone(),
                section: p.section_name.clone(),
                port: p.port.and_then(|p| u16::try_from(p).ok()),
            }
        })
        .collect()
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
    let parents = parent_refs(&r.spec.parent_refs, &ns_name);
    let ctx = RouteCtx {
        cluster,
        objects,
        kind: if r._kind == "GRPCRoute" {
            "GRPCRoute"
        } else {
            "HTTPRoute"
        },
        ns: &ns_name,
    };
    let retries = linkerd_retries(&r.metadata.annotations);
    let (linkerd_request, linkerd_response) = linkerd_timeouts(&r.metadata.annotations);
    let default_rule = [gw::HttpRouteRule::default()];
    let rules_in = r.spec.rules.as_deref().unwrap_or(&default_rule);
    let mut rules = Vec::new();
    for (i, rule) in rules_in.iter().enumerate() {
        let path = format!("spec.rules[{i}]");
        // HTTPRouteRule.Matches defaults to one PathPrefix "/" match.
        let matches = match rule.matches.as_deref() {
            None | Some([]) => vec![route_match(&gw::HttpRouteMatch::default(), &path)?],
            Some(list) => list
                .iter()
                .enumerate()
                .map(|(j, m)| route_match(m, &format!("{path}.matches[{j}]")))
                .collect::<Result<_, _>>()?,
        };
        let filters = rule_filters(&ctx, rule.filters.as_deref(), &path, unmodeled)?;
        let has_backends = rule.backend_refs.as_ref().is_some_and(|b| !b.is_empty());
        if filters.redirect.is_some() && has_backends {
            return Err(format!(
                "{path}: Invalid value: RequestRedirect filter must not be used together with backendRefs"
            ));
        }
        // ReplacePrefixMatch needs exactly one PathPrefix match to replace.
        let prefix_modifier = [
            (
                filters.redirect.as_ref().and_then(|r| r.path.as_ref()),
                "RequestRedirect",
            ),
            (
                filters.rewrite.as_ref().and_then(|r| r.path.as_ref()),
                "URLRewrite",
            ),
        ];
        for (modifier, filter) in prefix_modifier {
            if matches!(modifier, Some(PathModifier::Prefix(_)))
                && !(matches.len() == 1 && matches[0].path.kind == PathKind::Prefix)
            {
                return Err(format!(
                    "{path}: Invalid value: When using {filter} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"
                ));
            }
        }
        let mut backends = Vec::new();
        for (j, b) in rule.backend_refs.iter().flatten().enumerate() {
            let weight = b.weight.unwrap_or(1);
            if !(0..=1_000_000).contains(&weight) {
                return Err(format!(
                    "{path}.backendRefs[{j}].weight: Invalid value: {weight}: must be between 0 and 1000000"
                ));
            }
            let mut resolved = backend(
                &ctx,
                b.group.as_deref(),
                b.kind.as_deref(),
                &b.name,
                b.namespace.as_deref(),
                b.port,
                u32::try_from(weight).unwrap_or(0),
            );
            // A backendRef's header modifiers apply to the requests sent to it; its other
            // filters (implementation-specific there) are not modeled.
            let at = format!("{path}.backendRefs[{j}]");
            let own = rule_filters(&ctx, b.filters.as_deref(), &at, unmodeled)?;
            if own.redirect.is_some()
                || own.rewrite.is_some()
                || !own.mirrors.is_empty()
                || own.cors.is_some()
            {
                unmodeled.push(format!("{at}.filters"));
            }
            resolved.filters = BackendFilters {
                request: own.request,
                response: own.response,
            };
            backends.push(resolved);
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
            request_headers: filters.request,
            response_headers: filters.response,
            redirect: filters.redirect,
            rewrite: filters.rewrite,
            mirrors: filters.mirrors,
            cors: filters.cors,
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
        kind: RouteKind::Http,
        name: String::new(),
        ns,
        creation: r.metadata.creation_timestamp.clone(),
        parents,
        hostnames: r.spec.hostnames.clone(),
        rules,
        origin: Default::default(),
    })
}

pub(super) fn backend(
    ctx: &RouteCtx<'_>,
    group: Option<&str>,
    kind: Option<&str>,
    name: &str,
    namespace: Option<&str>,
    port: Option<i64>,
    weight: u32,
) -> Backend {
    let (cluster, objects, route_ns) = (ctx.cluster, ctx.objects, ctx.ns);
    let ns = namespace.unwrap_or(route_ns).to_owned();
    let display = format!("{ns}/{name}");
    let group = group.unwrap_or("");
    let kind = kind.unwrap_or("Service");
    let invalid = |reason: String| Backend {
        target: BackendTarget::Invalid { reason },
        weight,
        display: display.clone(),
        filters: BackendFilters::default(),
    };
    if !(group.is_empty() || group == "core") || kind != "Service" {
        return invalid(format!(
            "InvalidKind: backend kind {kind} (group {group:?}) is not supported"
        ));
    }
    let Some(svc) = cluster.service(&ns, name) else {
        return invalid(format!("BackendNotFound: Service {display} not found"));
    };
    let Some(port) = port.and_then(|p| u16::try_from(p).ok()) else {
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
                && g.obj
                    .spec
                    .from
                    .iter()
                    .any(|f| f.group == GROUP && f.kind == ctx.kind && f.namespace == route_ns)
                && g.obj.spec.to.iter().any(|t| {
                    (t.group.is_empty() || t.group == "core")
                        && t.kind == "Service"
                        && t.name.as_ref().is_none_or(|n| n == name)
                })
        });
    Backend {
        target: BackendTarget::Service { svc, port, granted },
        weight,
        display,
        filters: BackendFilters::default(),
    }
}
