//! Linkerd objects: Server, AuthorizationPolicy, ServerAuthorization, MeshTLSAuthentication,
//! NetworkAuthentication, EgressNetwork.

use super::mesh_types as t;
use super::meta::{IntOrString, LabelSelector, namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::reject;
use super::{Doc, Objects};
use crate::sim::model::Cluster;
use crate::sim::model::linkerd;
use crate::sim::model::linkerd::{
    Authn, AuthorizationPolicy, AuthzTarget, ClientAuthn, DefaultPolicy, EgressNetwork,
    MeshTlsAuthentication, NetworkAuthentication, ProxyProtocol, Server, ServerAuthorization,
    ServerPort, ServerSelection,
};
use crate::sim::model::net::Cidr;

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
}

pub(super) fn linkerd_objects(cluster: &mut Cluster, objects: &Objects) {
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
}
