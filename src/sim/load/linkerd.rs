//! Linkerd objects: Server, AuthorizationPolicy, MeshTLSAuthentication, NetworkAuthentication,
//! EgressNetwork.

use super::core_types::{IntOrString, LabelSelector};
use super::mesh::MeshObjects;
use super::mesh_types as t;
use super::networking_k8s_io::selector;
use super::report::reject;
use super::resolve::{namespace_of, object_name};
use crate::sim::model::Cluster;
use crate::sim::model::linkerd;
use crate::sim::model::linkerd::{
    Authn, AuthorizationPolicy, AuthzTarget, EgressNetwork, MeshTlsAuthentication,
    NetworkAuthentication, ProxyProtocol, Server, ServerPort,
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

pub(super) fn linkerd_objects(cluster: &mut Cluster, m: &MeshObjects) {
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
            let audit = match spec.access_policy.as_deref() {
                None | Some("deny") => false,
                Some("audit") => true,
                Some(other) => {
                    return Err(format!(
                        "spec.accessPolicy: not supported by meshlab: {other:?}"
                    ));
                }
            };
            Ok(Server {
                ns,
                name: name.clone(),
                selector: sel,
                port,
                protocol,
                audit,
            })
        })();
        match converted {
            Ok(s) => cluster.mesh.servers.push(s),
            Err(reason) => reject(cluster, &doc.origin, "Server", ns, &name, reason),
        }
    }
    for doc in &m.linkerd_authz {
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
