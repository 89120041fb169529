//! Linkerd objects: Server, AuthorizationPolicy, ServerAuthorization, MeshTLSAuthentication,
//! NetworkAuthentication, EgressNetwork, HTTPLocalRateLimitPolicy, ServiceProfile.

use super::mesh_types as t;
use super::meta::{IntOrString, LabelSelector, namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::{reject, warn};
use super::{Doc, Objects};
use crate::sim::model::linkerd;
use crate::sim::model::linkerd::{
    Authn, AuthorizationPolicy, AuthzTarget, ClientAuthn, DefaultPolicy, EgressNetwork,
    MeshTlsAuthentication, NetworkAuthentication, ProfileRoute, ProxyProtocol, RateLimitPolicy,
    RequestMatch, ResponseMatch, RetryBudget, Server, ServerAuthorization, ServerPort,
    ServerSelection, ServiceProfile,
};
use crate::sim::model::net::Cidr;
use crate::sim::model::{Cluster, Warn};

fn networks(list: &[t::LinkerdNetwork]) -> Option<Vec<(Cidr, Vec<Cidr>)>> {
    list.iter()
        .map(|n| {
            Some((
                Cidr::parse(&n.cidr)?,
                n.except
                    .iter()
                    .flatten()
                    .map(|e| Cidr::parse(e))
                    .collect::<Option<Vec<_>>>()?,
            ))
        })
        .collect()
}

/// Retry and timeout annotations on Services, which Linkerd clients' proxies apply.
fn service_annotations(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.core.services {
        let md = &doc.obj.metadata;
        let retries = super::gateway_api::linkerd_retries(&md.annotations);
        let (request, response) = super::gateway_api::linkerd_timeouts(&md.annotations);
        if retries.is_none() && request.is_none() && response.is_none() {
            continue;
        }
        let ns = super::meta::object_ns(md);
        if let Some(svc) = cluster.service(&ns, &object_name(md)) {
            cluster
                .mesh
                .linkerd_service_policies
                .push(linkerd::ServicePolicy {
                    svc,
                    retries,
                    request_timeout_ms: request,
                    response_timeout_ms: response,
                });
        }
    }
}

/// What a ServerAuthorization selects and admits, or why Linkerd's admission webhook refuses
/// it (linkerd2 policy-controller/k8s/index/src/inbound/server_authorization.rs,
/// policy-test/tests/admit_server_authorization.rs).
#[allow(clippy::type_complexity)]
fn server_authorization(
    spec: &t::ServerAuthorizationSpec,
    ns_name: &str,
) -> Result<(ServerSelection, ClientAuthn, Option<Vec<(Cidr, Vec<Cidr>)>>), String> {
    let server = match (&spec.server.name, &spec.server.selector) {
        (Some(n), None) => ServerSelection::Name(n.clone()),
        (None, Some(sel)) => ServerSelection::Selector(selector(sel, "spec.server.selector")?),
        _ => return Err("spec.server: exactly one of name and selector must be set".to_owned()),
    };
    let client = &spec.client;
    let authn = match (client.unauthenticated.unwrap_or(false), &client.mesh_tls) {
        (true, None) => ClientAuthn::Unauthenticated,
        (false, Some(tls)) if tls.unauthenticated_tls.unwrap_or(false) => {
            ClientAuthn::TlsUnauthenticated
        }
        (false, Some(tls)) => {
            let mut ids = tls.identities.clone().unwrap_or_default();
            ids.extend(
                tls.service_accounts.iter().flatten().map(|sa| {
                    linkerd::identity(&sa.name, sa.namespace.as_deref().unwrap_or(ns_name))
                }),
            );
            if ids.is_empty() {
                return Err("spec.client.meshTLS: authorization authorizes no clients".to_owned());
            }
            ClientAuthn::Identities(ids)
        }
        (true, Some(_)) => {
            return Err(
                "spec.client: exactly one of meshTLS and unauthenticated must be set".to_owned(),
            );
        }
        (false, None) => return Err("spec.client: no client authentication configured".to_owned()),
    };
    let nets = match client.networks.as_deref().map(networks) {
        Some(None) => return Err("spec.client.networks: invalid CIDR".to_owned()),
        Some(Some(nets)) => Some(nets),
        None => None,
    };
    Ok((server, authn, nets))
}

/// An HTTPLocalRateLimitPolicy's Server and rates, or why the CRD's validation refuses it
/// (reference/rate-limiting.md: a Server target; no per-identity or override rate above the
/// total).
#[allow(clippy::type_complexity)]
fn rate_limit(
    spec: &t::HttpLocalRateLimitPolicySpec,
    ns_name: &str,
) -> Result<(String, Option<u32>, Option<u32>, Vec<(u32, Vec<String>)>), String> {
    if spec.target_ref.kind != "Server" {
        return Err(format!(
            "spec.targetRef.kind: Unsupported value: {:?}: supported values: \"Server\"",
            spec.target_ref.kind
        ));
    }
    let total = spec.total.as_ref().map(|r| r.requests_per_second);
    let identity = spec.identity.as_ref().map(|r| r.requests_per_second);
    let above_total = |rps: u32| total.is_some_and(|t| rps > t);
    if identity.is_some_and(above_total) {
        return Err(
            "spec.identity.requestsPerSecond: cannot be greater than spec.total.requestsPerSecond"
                .to_owned(),
        );
    }
    let mut overrides = Vec::new();
    for (i, o) in spec.overrides.iter().flatten().enumerate() {
        if above_total(o.requests_per_second) {
            return Err(format!(
                "spec.overrides[{i}].requestsPerSecond: cannot be greater than spec.total.requestsPerSecond"
            ));
        }
        let ids = o
            .client_refs
            .iter()
            .enumerate()
            .map(|(j, r)| match r.kind.as_str() {
                "ServiceAccount" => Ok(linkerd::identity(
                    &r.name,
                    r.namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or(ns_name),
                )),
                other => Err(format!(
                    "spec.overrides[{i}].clientRefs[{j}].kind: Unsupported value: {other:?}: supported values: \"ServiceAccount\""
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        overrides.push((o.requests_per_second, ids));
    }
    Ok((spec.target_ref.name.clone(), total, identity, overrides))
}

/// A ServiceProfile's routes and budget, or why its validating webhook (sp-validator)
/// refuses it.
fn service_profile(
    spec: &t::ServiceProfileSpec,
) -> Result<(Vec<ProfileRoute>, RetryBudget), String> {
    let duration = |v: &str, path: &str| {
        super::gateway_api::parse_duration_ms(v)
            .ok_or_else(|| format!("{path}: invalid duration {v:?}"))
    };
    let routes = spec
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let path = format!("spec.routes[{i}]");
            Ok(ProfileRoute {
                name: r.name.clone(),
                condition: request_match(&r.condition, &format!("{path}.condition"))?,
                response_classes: r
                    .response_classes
                    .iter()
                    .flatten()
                    .enumerate()
                    .map(|(j, c)| {
                        let at = format!("{path}.responseClasses[{j}].condition");
                        Ok((
                            response_match(&c.condition, &at)?,
                            c.is_failure.unwrap_or(false),
                        ))
                    })
                    .collect::<Result<_, String>>()?,
                retryable: r.is_retryable.unwrap_or(false),
                timeout_ms: r
                    .timeout
                    .as_deref()
                    .map(|v| duration(v, &format!("{path}.timeout")))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let budget = match &spec.retry_budget {
        None => RetryBudget::default(),
        Some(b) => {
            let ttl_ms = duration(&b.ttl, "spec.retryBudget.ttl")?;
            if !(0.0..=1000.0).contains(&b.retry_ratio) {
                return Err("spec.retryBudget.retryRatio: must be between 0 and 1000".to_owned());
            }
            RetryBudget {
                retry_ratio: b.retry_ratio,
                min_per_second: b.min_retries_per_second,
                // The proxy's budget keeps deposits between 1 and 60 seconds.
                ttl_secs: (ttl_ms / 1000).clamp(1, 60),
            }
        }
    };
    Ok((routes, budget))
}

fn request_match(m: &t::ProfileRequestMatch, path: &str) -> Result<RequestMatch, String> {
    let mut all = Vec::new();
    if let Some(re) = &m.path_regex {
        // Anchored unless already (linkerd2-proxy service-profiles/src/proto.rs).
        let re = re.trim();
        let head = if re.starts_with('^') { "" } else { "^" };
        let tail = if re.ends_with('$') { "" } else { "$" };
        let compiled = regex::Regex::new(&format!("{head}{re}{tail}"))
            .map_err(|e| format!("{path}.pathRegex: {e}"))?;
        all.push(RequestMatch::Path(compiled));
    }
    if let Some(method) = &m.method {
        all.push(RequestMatch::Method(method.clone()));
    }
    if let Some(list) = &m.all {
        all.push(RequestMatch::All(
            list.iter()
                .enumerate()
                .map(|(i, m)| request_match(m, &format!("{path}.all[{i}]")))
                .collect::<Result<_, _>>()?,
        ));
    }
    if let Some(list) = &m.any {
        all.push(RequestMatch::Any(
            list.iter()
                .enumerate()
                .map(|(i, m)| request_match(m, &format!("{path}.any[{i}]")))
                .collect::<Result<_, _>>()?,
        ));
    }
    if let Some(not) = &m.not {
        all.push(RequestMatch::Not(Box::new(request_match(
            not,
            &format!("{path}.not"),
        )?)));
    }
    match all.len() {
        0 => Err(format!(
            "{path}: a request match needs one of pathRegex, method, all, any, not"
        )),
        1 => Ok(all.remove(0)),
        _ => Ok(RequestMatch::All(all)),
    }
}

fn response_match(m: &t::ProfileResponseMatch, path: &str) -> Result<ResponseMatch, String> {
    let mut all = Vec::new();
    if let Some(range) = &m.status {
        let (min, max) = match (range.min, range.max) {
            (None, None) => return Err(format!("{path}.status: needs min or max")),
            (Some(one), None) | (None, Some(one)) => (one, one),
            (Some(min), Some(max)) => (min, max),
        };
        all.push(ResponseMatch::Status { min, max });
    }
    let nested = |list: &Option<Vec<t::ProfileResponseMatch>>, key: &str| {
        list.iter()
            .flatten()
            .enumerate()
            .map(|(i, m)| response_match(m, &format!("{path}.{key}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
    };
    if m.all.is_some() {
        all.push(ResponseMatch::All(nested(&m.all, "all")?));
    }
    if m.any.is_some() {
        all.push(ResponseMatch::Any(nested(&m.any, "any")?));
    }
    if let Some(not) = &m.not {
        all.push(ResponseMatch::Not(Box::new(response_match(
            not,
            &format!("{path}.not"),
        )?)));
    }
    match all.len() {
        0 => Err(format!(
            "{path}: a response match needs one of status, all, any, not"
        )),
        1 => Ok(all.remove(0)),
        _ => Ok(ResponseMatch::All(all)),
    }
}

const POLICY: &str = "policy.linkerd.io";

pub(super) const KINDS: &[Kind] = &[
    modeled!(POLICY, "Server", t::Object<t::ServerSpec>, |o| o
        .linkerd
        .servers),
    modeled!(
        POLICY,
        "AuthorizationPolicy",
        t::Object<t::LinkerdAuthorizationPolicySpec>,
        |o| o.linkerd.authorization_policies
    ),
    modeled!(
        POLICY,
        "ServerAuthorization",
        t::Object<t::ServerAuthorizationSpec>,
        |o| o.linkerd.server_authorizations
    ),
    modeled!(
        POLICY,
        "MeshTLSAuthentication",
        t::Object<t::MeshTlsAuthenticationSpec>,
        |o| o.linkerd.meshtls
    ),
    modeled!(
        POLICY,
        "NetworkAuthentication",
        t::Object<t::NetworkAuthenticationSpec>,
        |o| o.linkerd.network_authns
    ),
    modeled!(
        POLICY,
        "EgressNetwork",
        t::Object<t::EgressNetworkSpec>,
        |o| o.linkerd.egress_networks
    ),
    modeled!(
        POLICY,
        "HTTPLocalRateLimitPolicy",
        t::Object<t::HttpLocalRateLimitPolicySpec>,
        |o| o.linkerd.rate_limits
    ),
    modeled!(
        "linkerd.io",
        "ServiceProfile",
        t::Object<t::ServiceProfileSpec>,
        |o| o.linkerd.service_profiles
    ),
    // Linkerd's HTTPRoute has the Gateway API schema: it joins the Gateway API routes.
    modeled!(
        POLICY,
        "HTTPRoute",
        super::gateway_api_types::HttpRoute,
        |o| o.gateway.routes
    ),
];

/// Linkerd policy objects in input order.
#[derive(Default)]
pub(super) struct Store {
    pub servers: Vec<Doc<t::Object<t::ServerSpec>>>,
    pub authorization_policies: Vec<Doc<t::Object<t::LinkerdAuthorizationPolicySpec>>>,
    pub server_authorizations: Vec<Doc<t::Object<t::ServerAuthorizationSpec>>>,
    pub meshtls: Vec<Doc<t::Object<t::MeshTlsAuthenticationSpec>>>,
    pub network_authns: Vec<Doc<t::Object<t::NetworkAuthenticationSpec>>>,
    pub egress_networks: Vec<Doc<t::Object<t::EgressNetworkSpec>>>,
    pub service_profiles: Vec<Doc<t::Object<t::ServiceProfileSpec>>>,
    pub rate_limits: Vec<Doc<t::Object<t::HttpLocalRateLimitPolicySpec>>>,
}

pub(super) fn linkerd_objects(cluster: &mut Cluster, objects: &Objects) {
    service_annotations(cluster, objects);
    let m = &objects.linkerd;
    for doc in &m.servers {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let converted = (|| {
            let sel = selector(
                spec.pod_selector
                    .as_ref()
                    .unwrap_or(&LabelSelector::default()),
                "spec.podSelector",
            )?;
            let port = match &spec.port {
                IntOrString::Int(n) => ServerPort::Number(
                    u16::try_from(*n).map_err(|_| format!("spec.port: invalid port {n}"))?,
                ),
                IntOrString::Str(s) => ServerPort::Name(s.clone()),
            };
            let protocol = match spec.proxy_protocol.as_deref().unwrap_or("unknown") {
                "unknown" => ProxyProtocol::Unknown,
                "HTTP/1" | "HTTP/2" => ProxyProtocol::Http,
                "gRPC" => ProxyProtocol::Grpc,
                "opaque" | "TLS" => ProxyProtocol::Opaque,
                other => return Err(format!("spec.proxyProtocol: Unsupported value: {other:?}")),
            };
            let access = match spec.access_policy.as_deref() {
                None => DefaultPolicy::Deny,
                Some(p) => DefaultPolicy::parse(p).ok_or_else(|| {
                    format!(
                        "spec.accessPolicy: Unsupported value: {p:?}: supported values: \"all-authenticated\", \"all-unauthenticated\", \"cluster-authenticated\", \"cluster-unauthenticated\", \"deny\", \"audit\""
                    )
                })?,
            };
            Ok(Server {
                ns,
                name: name.clone(),
                labels: doc.obj.metadata.labels.clone(),
                selector: sel,
                port,
                protocol,
                access,
            })
        })();
        match converted {
            Ok(s) => cluster.mesh.servers.push(s),
            Err(reason) => reject(cluster, &doc.origin, "Server", ns, &name, reason),
        }
    }
    for doc in &m.authorization_policies {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let target = match spec.target_ref.kind.as_str() {
            "Server" => AuthzTarget::Server(spec.target_ref.name.clone()),
            "HTTPRoute" | "GRPCRoute" => AuthzTarget::Route(spec.target_ref.name.clone()),
            "Namespace" => AuthzTarget::Namespace,
            other => {
                reject(
                    cluster,
                    &doc.origin,
                    "AuthorizationPolicy",
                    ns,
                    &name,
                    format!("spec.targetRef.kind: Unsupported value: {other:?}"),
                );
                continue;
            }
        };
        let ns_name = cluster.ns_name(ns).to_owned();
        let required = spec
            .required_authentication_refs
            .iter()
            .map(|r| match r.kind.as_str() {
                "MeshTLSAuthentication" => Authn::MeshTls(r.name.clone()),
                "NetworkAuthentication" => Authn::Network(r.name.clone()),
                _ => Authn::ServiceAccount {
                    ns: r.namespace.clone().unwrap_or_else(|| ns_name.clone()),
                    name: r.name.clone(),
                },
            })
            .collect();
        cluster.mesh.linkerd_authz.push(AuthorizationPolicy {
            ns,
            name,
            target,
            required,
        });
    }
    for doc in &m.server_authorizations {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let ns_name = cluster.ns_name(ns).to_owned();
        match server_authorization(&doc.obj.spec, &ns_name) {
            Ok((server, authn, networks)) => {
                cluster
                    .mesh
                    .server_authorizations
                    .push(ServerAuthorization {
                        ns,
                        name,
                        server,
                        authn,
                        networks,
                    })
            }
            Err(reason) => reject(
                cluster,
                &doc.origin,
                "ServerAuthorization",
                ns,
                &name,
                reason,
            ),
        }
    }
    for doc in &m.meshtls {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let ns_name = cluster.ns_name(ns).to_owned();
        let mut identities = doc.obj.spec.identities.clone().unwrap_or_default();
        for r in doc.obj.spec.identity_refs.iter().flatten() {
            let rns = r.namespace.clone().unwrap_or_else(|| ns_name.clone());
            identities.push(match r.kind.as_str() {
                "ServiceAccount" if r.name == "*" => {
                    format!("*.{rns}.serviceaccount.identity.linkerd.cluster.local")
                }
                "ServiceAccount" => linkerd::identity(&r.name, &rns),
                _ => "*".to_owned(),
            });
        }
        cluster.mesh.meshtls.push(MeshTlsAuthentication {
            ns,
            name,
            identities,
        });
    }
    for doc in &m.egress_networks {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let deny = match spec.traffic_policy.as_str() {
            "Allow" => false,
            "Deny" => true,
            other => {
                let reason = format!("spec.trafficPolicy: Unsupported value: {other:?}");
                reject(cluster, &doc.origin, "EgressNetwork", ns, &name, reason);
                continue;
            }
        };
        // Omitted networks: everything outside the cluster networks.
        let nets = match spec.networks.as_deref().map(networks) {
            Some(None) => {
                let reason = "spec.networks: invalid CIDR".to_owned();
                reject(cluster, &doc.origin, "EgressNetwork", ns, &name, reason);
                continue;
            }
            Some(Some(nets)) => Some(nets),
            None => None,
        };
        cluster.mesh.egress_networks.push(EgressNetwork {
            ns,
            name,
            deny,
            networks: nets,
        });
    }
    super::linkerd_egress_routes::unapplied_egress_routes(cluster);
    for doc in &m.rate_limits {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let ns_name = cluster.ns_name(ns).to_owned();
        match rate_limit(&doc.obj.spec, &ns_name) {
            Ok((server, total, identity, overrides)) => {
                cluster.mesh.rate_limits.push(RateLimitPolicy {
                    ns,
                    name,
                    server,
                    total,
                    identity,
                    overrides,
                })
            }
            Err(reason) => reject(
                cluster,
                &doc.origin,
                "HTTPLocalRateLimitPolicy",
                ns,
                &name,
                reason,
            ),
        }
    }
    for doc in &m.service_profiles {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        match service_profile(&doc.obj.spec) {
            Ok((routes, budget)) => cluster.mesh.service_profiles.push(ServiceProfile {
                ns,
                name,
                routes,
                budget,
            }),
            Err(reason) => reject(cluster, &doc.origin, "ServiceProfile", ns, &name, reason),
        }
    }
    for doc in &m.network_authns {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let networks = networks(&doc.obj.spec.networks);
        match networks {
            Some(networks) => {
                cluster
                    .mesh
                    .network_authns
                    .push(NetworkAuthentication { ns, name, networks })
            }
            None => reject(
                cluster,
                &doc.origin,
                "NetworkAuthentication",
                ns,
                &name,
                "spec.networks: invalid CIDR".to_owned(),
            ),
        }
    }
    dangling_authorizations(cluster, objects);
}

/// An AuthorizationPolicy whose target or required authentication does not exist authorizes
/// nothing (the policy controller indexes it against nothing): said, so a learner who misspelt
/// a Server's name is not left wondering why requests are still denied.
fn dangling_authorizations(cluster: &mut Cluster, objects: &Objects) {
    let mut warnings = Vec::new();
    for doc in &objects.linkerd.authorization_policies {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let spec = &doc.obj.spec;
        let target = &spec.target_ref.name;
        let exists = match spec.target_ref.kind.as_str() {
            "Server" => cluster
                .mesh
                .servers
                .iter()
                .any(|s| s.ns == ns && &s.name == target),
            "HTTPRoute" | "GRPCRoute" => cluster
                .routes
                .iter()
                .any(|r| r.ns == ns && &r.name == target),
            _ => true,
        };
        let mut why = Vec::new();
        if !exists {
            why.push(format!(
                "its target {} {target} does not exist in namespace {}",
                spec.target_ref.kind,
                cluster.ns_name(ns)
            ));
        }
        for r in spec
            .required_authentication_refs
            .iter()
            .filter(|r| r.namespace.is_none())
        {
            let found = match r.kind.as_str() {
                "MeshTLSAuthentication" => cluster
                    .mesh
                    .meshtls
                    .iter()
                    .any(|a| a.ns == ns && a.name == r.name),
                "NetworkAuthentication" => cluster
                    .mesh
                    .network_authns
                    .iter()
                    .any(|a| a.ns == ns && a.name == r.name),
                _ => true,
            };
            if !found {
                why.push(format!(
                    "its required {} {} does not exist, so no client can meet it",
                    r.kind, r.name
                ));
            }
        }
        let object = format!(
            "AuthorizationPolicy {}/{}",
            cluster.ns_name(ns),
            object_name(&doc.obj.metadata)
        );
        for why in why {
            warnings.push((doc.origin.clone(), object.clone(), why));
        }
    }
    for (origin, object, why) in warnings {
        warn(cluster, &origin, object, Warn::NoEffect { why });
    }
}
