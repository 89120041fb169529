//! Mesh kinds into the model, and mesh enrollment. Invalid objects are rejected the way the
//! mesh's admission webhook or CRD schema would refuse them.

use super::k8s::{IntOrString, LabelSelector};
use super::mesh_types as t;
use super::netpol::selector;
use super::resolve::{namespace_of, object_name};
use super::yaml::{self, Node};
use super::{Doc, LoadError, LoadOptions, Objects, located};
use crate::sim::labels::Selector;
use crate::sim::mesh::cilium::{self, CiliumPolicy, EndpointSelector};
use crate::sim::mesh::istio::{self, MtlsMode};
use crate::sim::mesh::linkerd;
use crate::sim::mesh::{APP_STATUS_ANNOTATION, Profile, VirtualService, enrollment};
use crate::sim::model::{Cluster, Origin, Rejected, RetryPolicy};
use crate::sim::net::{Cidr, Protocol};

type Istio<S> = Doc<t::Object<S>>;

/// Mesh objects in input order.
#[derive(Default)]
pub(crate) struct MeshObjects {
    config_maps: Vec<Doc<t::ConfigMap>>,
    peer_authentications: Vec<Istio<t::PeerAuthenticationSpec>>,
    authorization_policies: Vec<Istio<t::AuthorizationPolicySpec>>,
    virtual_services: Vec<Istio<t::VirtualServiceSpec>>,
    servers: Vec<Istio<t::ServerSpec>>,
    linkerd_authz: Vec<Istio<t::LinkerdAuthorizationPolicySpec>>,
    meshtls: Vec<Istio<t::MeshTlsAuthenticationSpec>>,
    network_authns: Vec<Istio<t::NetworkAuthenticationSpec>>,
    cilium: Vec<Doc<t::CiliumNetworkPolicy>>,
    service_entries: Vec<Istio<t::ServiceEntrySpec>>,
    egress_networks: Vec<Istio<t::EgressNetworkSpec>>,
}

fn typed<T: serde::de::DeserializeOwned>(node: &Node, file: &str) -> Result<T, LoadError> {
    yaml::from_node(node).map_err(|e| located(file, &e))
}

impl MeshObjects {
    /// Take a document of a mesh kind. Ok(false) = not a kind meshlab models.
    pub fn add(
        &mut self,
        group: &str,
        kind: &str,
        node: &Node,
        origin: &Origin,
        file: &str,
    ) -> Result<bool, LoadError> {
        macro_rules! push {
            ($list:expr) => {{
                $list.push(Doc {
                    obj: typed(node, file)?,
                    origin: origin.clone(),
                });
            }};
        }
        match (group, kind) {
            ("", "ConfigMap") => push!(self.config_maps),
            ("security.istio.io", "PeerAuthentication") => push!(self.peer_authentications),
            ("security.istio.io", "AuthorizationPolicy") => push!(self.authorization_policies),
            ("networking.istio.io", "VirtualService") => push!(self.virtual_services),
            ("policy.linkerd.io", "Server") => push!(self.servers),
            ("policy.linkerd.io", "AuthorizationPolicy") => push!(self.linkerd_authz),
            ("policy.linkerd.io", "MeshTLSAuthentication") => push!(self.meshtls),
            ("policy.linkerd.io", "NetworkAuthentication") => push!(self.network_authns),
            ("cilium.io", "CiliumNetworkPolicy") => push!(self.cilium),
            ("networking.istio.io", "ServiceEntry") => push!(self.service_entries),
            ("policy.linkerd.io", "EgressNetwork") => push!(self.egress_networks),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

fn reject(cluster: &mut Cluster, kind: &str, ns: usize, name: &str, reason: String) {
    let object = format!("{}/{name}", cluster.ns_name(ns));
    cluster.rejected.push(Rejected {
        kind: kind.to_owned(),
        object,
        reason,
    });
}

pub(super) fn resolve(cluster: &mut Cluster, objects: &Objects, options: &LoadOptions) {
    let m = &objects.mesh;
    config(cluster, m, options);
    cluster.mesh.pod_profile = cluster
        .pods
        .iter()
        .map(|p| {
            let ns = cluster.namespaces.get(p.ns);
            let empty = Default::default();
            enrollment(
                &p.labels,
                &p.annotations,
                ns.map_or(&empty, |n| &n.labels),
                ns.map_or(&empty, |n| &n.annotations),
                options.mesh,
            )
        })
        .collect();
    let mut app_status = Vec::new();
    for p in &cluster.pods {
        let status = match p.annotations.get(APP_STATUS_ANNOTATION) {
            None => 200,
            Some(v) => match v.parse::<u16>().ok().filter(|s| (100..=599).contains(s)) {
                Some(s) => s,
                None => {
                    cluster.warnings.push(format!(
                        "{}: {APP_STATUS_ANNOTATION}: {v:?} is not an HTTP status; 200 assumed",
                        p.origin
                    ));
                    200
                }
            },
        };
        app_status.push(status);
    }
    cluster.mesh.app_status = app_status;
    istio_objects(cluster, m);
    linkerd_objects(cluster, m);
    cilium_objects(cluster, m);
}

fn config(cluster: &mut Cluster, m: &MeshObjects, options: &LoadOptions) {
    cluster.mesh.cilium_cni = options.mesh == Some(Profile::Cilium);
    for doc in &m.config_maps {
        let md = &doc.obj.metadata;
        // Istio mesh config: the `mesh` key of istio-system/istio holds MeshConfig YAML.
        if md.namespace.as_deref() == Some("istio-system")
            && md.name.as_deref() == Some("istio")
            && let Some(mesh) = doc.obj.data.get("mesh")
        {
            let mode = yaml::parse_documents(mesh).ok().and_then(|docs| {
                docs.first()
                    .and_then(|d| d.get("outboundTrafficPolicy"))
                    .and_then(|o| o.get("mode"))
                    .and_then(Node::as_str)
                    .map(str::to_owned)
            });
            cluster.mesh.istio_registry_only = mode.as_deref() == Some("REGISTRY_ONLY");
        }
        if md.namespace.as_deref() == Some("kube-system")
            && md.name.as_deref() == Some("cilium-config")
        {
            cluster.mesh.cilium_cni = true;
            let data = &doc.obj.data;
            cluster.mesh.cilium_mode = match data.get("enable-policy").map(String::as_str) {
                Some("always") => Some(cilium::EnforcementMode::Always),
                Some("never") => Some(cilium::EnforcementMode::Never),
                _ => Some(cilium::EnforcementMode::Default),
            };
            cluster.mesh.wireguard = data.get("enable-wireguard").is_some_and(|v| v == "true");
            cluster.mesh.cilium_audit = data.get("policy-audit-mode").is_some_and(|v| v == "true");
        }
    }
}

fn workload_selector(s: &Option<t::WorkloadSelector>) -> Option<Selector> {
    s.as_ref().map(|s| Selector::from_labels(&s.match_labels))
}

fn istio_objects(cluster: &mut Cluster, m: &MeshObjects) {
    for doc in &m.peer_authentications {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let mode = MtlsMode::parse(spec.mtls.as_ref().and_then(|x| x.mode.as_deref()));
        let mut ports = Vec::new();
        let mut bad = mode
            .is_none()
            .then(|| "spec.mtls.mode: Unsupported value".to_owned());
        for (port, setting) in &spec.port_level_mtls {
            match (
                port.parse::<u16>(),
                MtlsMode::parse(setting.mode.as_deref()),
            ) {
                (Ok(p), Some(mode)) => ports.push((p, mode)),
                _ => bad = Some(format!("spec.portLevelMtls[{port}]: invalid port or mode")),
            }
        }
        if !ports.is_empty() && spec.selector.is_none() {
            bad = Some("portLevelMtls requires a workload selector".to_owned());
        }
        match (bad, mode) {
            (None, Some(mode)) => {
                cluster
                    .mesh
                    .peer_authentications
                    .push(istio::PeerAuthentication {
                        ns,
                        name,
                        selector: workload_selector(&spec.selector),
                        mode,
                        ports,
                    })
            }
            (reason, _) => reject(
                cluster,
                "PeerAuthentication",
                ns,
                &name,
                reason.unwrap_or_default(),
            ),
        }
    }
    for doc in &m.authorization_policies {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        match authorization_policy(&doc.obj.spec) {
            Ok((attachment, action, rules)) => {
                cluster
                    .mesh
                    .authorization_policies
                    .push(istio::AuthorizationPolicy {
                        ns,
                        name,
                        attachment,
                        action,
                        rules,
                    })
            }
            Err(reason) => reject(cluster, "AuthorizationPolicy", ns, &name, reason),
        }
    }
    for doc in &m.service_entries {
        let spec = &doc.obj.spec;
        let known = spec.hosts.iter().chain(&spec.addresses).cloned();
        cluster.mesh.service_entry_hosts.extend(known);
    }
    for doc in &m.virtual_services {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let first = spec.http.first();
        let retries = first.and_then(|h| h.retries.as_ref()).map(|r| RetryPolicy {
            retries: u32::try_from(r.attempts.unwrap_or(0)).unwrap_or(0),
            on_5xx: r.retry_on.as_deref().is_some_and(|on| {
                on.split(',')
                    .any(|c| matches!(c.trim(), "5xx" | "gateway-error" | "retriable-status-codes"))
            }),
        });
        let timeout_ms = first
            .and_then(|h| h.timeout.as_deref())
            .and_then(parse_istio_duration);
        cluster.mesh.virtual_services.push(VirtualService {
            ns,
            name,
            hosts: spec.hosts.clone(),
            gateways_only: spec
                .gateways
                .as_ref()
                .is_some_and(|g| !g.is_empty() && !g.iter().any(|g| g == "mesh")),
            retries,
            timeout_ms,
        });
    }
}

/// Istio durations: `1s`, `500ms`, `1m`, `1.5s`.
fn parse_istio_duration(s: &str) -> Option<u64> {
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
    (v >= 0.0).then_some((v * unit) as u64)
}

type Converted = (istio::Attachment, istio::Action, Vec<istio::Rule>);

fn cidrs(list: &Option<Vec<String>>, path: &str) -> Result<Option<Vec<Cidr>>, String> {
    list.as_ref()
        .map(|l| {
            l.iter()
                .map(|c| {
                    // A bare address is a /32 (or /128).
                    let text = if c.contains('/') {
                        c.clone()
                    } else if c.contains(':') {
                        format!("{c}/128")
                    } else {
                        format!("{c}/32")
                    };
                    Cidr::parse(&text).ok_or_else(|| format!("{path}: invalid IP block {c:?}"))
                })
                .collect()
        })
        .transpose()
}

fn ports(list: &Option<Vec<String>>, path: &str) -> Result<Option<Vec<u16>>, String> {
    list.as_ref()
        .map(|l| {
            l.iter()
                .map(|p| {
                    p.parse::<u16>()
                        .map_err(|_| format!("{path}: invalid port {p:?}"))
                })
                .collect()
        })
        .transpose()
}

fn authorization_policy(spec: &t::AuthorizationPolicySpec) -> Result<Converted, String> {
    let action = match spec.action.as_deref().unwrap_or("ALLOW") {
        "ALLOW" => istio::Action::Allow,
        "DENY" => istio::Action::Deny,
        "CUSTOM" => istio::Action::Custom,
        "AUDIT" => istio::Action::Audit,
        other => return Err(format!("spec.action: Unsupported value: {other:?}")),
    };
    let mut targets: Vec<(String, String)> = spec
        .target_refs
        .iter()
        .flatten()
        .chain(spec.target_ref.iter())
        .map(|r| (r.kind.clone(), r.name.clone()))
        .collect();
    targets.dedup();
    let attachment = if targets.is_empty() {
        istio::Attachment::Workloads(workload_selector(&spec.selector))
    } else if spec.selector.is_some() {
        return Err("spec: selector and targetRef(s) are mutually exclusive".to_owned());
    } else {
        istio::Attachment::Targets(targets)
    };
    let mut rules = Vec::new();
    for (i, r) in spec.rules.iter().flatten().enumerate() {
        let here = format!("spec.rules[{i}]");
        let mut from = Vec::new();
        for (j, f) in r.from.iter().flatten().enumerate() {
            let s = &f.source;
            let path = format!("{here}.from[{j}].source");
            if s.remote_ip_blocks.is_some() || s.not_remote_ip_blocks.is_some() {
                return Err(format!("{path}.remoteIpBlocks: not supported by meshlab"));
            }
            from.push(istio::Source {
                principals: s.principals.clone(),
                not_principals: s.not_principals.clone(),
                namespaces: s.namespaces.clone(),
                not_namespaces: s.not_namespaces.clone(),
                ip_blocks: cidrs(&s.ip_blocks, &path)?,
                not_ip_blocks: cidrs(&s.not_ip_blocks, &path)?,
                request_principals: s.request_principals.is_some()
                    || s.not_request_principals.is_some(),
            });
        }
        let mut to = Vec::new();
        for (j, o) in r.to.iter().flatten().enumerate() {
            let op = &o.operation;
            let path = format!("{here}.to[{j}].operation");
            to.push(istio::Operation {
                hosts: op.hosts.clone(),
                not_hosts: op.not_hosts.clone(),
                ports: ports(&op.ports, &path)?,
                not_ports: ports(&op.not_ports, &path)?,
                methods: op.methods.clone(),
                not_methods: op.not_methods.clone(),
                paths: op.paths.clone(),
                not_paths: op.not_paths.clone(),
            });
        }
        let when = r
            .when
            .iter()
            .flatten()
            .map(|c| istio::Condition {
                key: c.key.clone(),
                values: c.values.clone(),
                not_values: c.not_values.clone(),
            })
            .collect();
        rules.push(istio::Rule { from, to, when });
    }
    Ok((attachment, action, rules))
}

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

fn linkerd_objects(cluster: &mut Cluster, m: &MeshObjects) {
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
                IntOrString::Int(n) => linkerd::ServerPort::Number(
                    u16::try_from(*n).map_err(|_| format!("spec.port: invalid port {n}"))?,
                ),
                IntOrString::Str(s) => linkerd::ServerPort::Name(s.clone()),
            };
            let protocol = match spec.proxy_protocol.as_deref().unwrap_or("unknown") {
                "unknown" => linkerd::ProxyProtocol::Unknown,
                "HTTP/1" | "HTTP/2" => linkerd::ProxyProtocol::Http,
                "gRPC" => linkerd::ProxyProtocol::Grpc,
                "opaque" | "TLS" => linkerd::ProxyProtocol::Opaque,
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
            Ok(linkerd::Server {
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
            Err(reason) => reject(cluster, "Server", ns, &name, reason),
        }
    }
    for doc in &m.linkerd_authz {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        let target = match spec.target_ref.kind.as_str() {
            "Server" => linkerd::AuthzTarget::Server(spec.target_ref.name.clone()),
            "HTTPRoute" | "GRPCRoute" => linkerd::AuthzTarget::Route(spec.target_ref.name.clone()),
            "Namespace" => linkerd::AuthzTarget::Namespace,
            other => {
                reject(
                    cluster,
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
                "MeshTLSAuthentication" => linkerd::Authn::MeshTls(r.name.clone()),
                "NetworkAuthentication" => linkerd::Authn::Network(r.name.clone()),
                _ => linkerd::Authn::ServiceAccount {
                    ns: r.namespace.clone().unwrap_or_else(|| ns_name.clone()),
                    name: r.name.clone(),
                },
            })
            .collect();
        cluster
            .mesh
            .linkerd_authz
            .push(linkerd::AuthorizationPolicy {
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
        cluster.mesh.meshtls.push(linkerd::MeshTlsAuthentication {
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
                reject(cluster, "EgressNetwork", ns, &name, reason);
                continue;
            }
        };
        // Omitted networks: everything outside the cluster networks.
        let nets = match spec.networks.as_deref().map(networks) {
            Some(None) => {
                let reason = "spec.networks: invalid CIDR".to_owned();
                reject(cluster, "EgressNetwork", ns, &name, reason);
                continue;
            }
            Some(Some(nets)) => Some(nets),
            None => None,
        };
        cluster.mesh.egress_networks.push(linkerd::EgressNetwork {
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
            Some(networks) => cluster
                .mesh
                .network_authns
                .push(linkerd::NetworkAuthentication { ns, name, networks }),
            None => reject(
                cluster,
                "NetworkAuthentication",
                ns,
                &name,
                "spec.networks: invalid CIDR".to_owned(),
            ),
        }
    }
}

/// A Cilium selector: label keys lose their `k8s:`/`any:` source prefix.
fn endpoint_selector(sel: &LabelSelector, path: &str) -> Result<EndpointSelector, String> {
    let mut stripped = sel.clone();
    stripped.match_labels = sel.match_labels.as_ref().map(|m| {
        m.iter()
            .map(|(k, v)| (cilium::strip_source(k).to_owned(), v.clone()))
            .collect()
    });
    if let Some(exprs) = stripped.match_expressions.as_mut() {
        for e in exprs {
            e.key = cilium::strip_source(&e.key).to_owned();
        }
    }
    let names_namespace = stripped
        .match_labels
        .iter()
        .flatten()
        .any(|(k, _)| k == "io.kubernetes.pod.namespace")
        || stripped
            .match_expressions
            .iter()
            .flatten()
            .any(|e| e.key == "io.kubernetes.pod.namespace");
    Ok(EndpointSelector {
        selector: selector(&stripped, path)?,
        names_namespace,
    })
}

/// Cilium regexes are anchored (a full match).
fn anchored(re: &str, path: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(&format!("^(?:{re})$")).map_err(|e| format!("{path}: invalid regex: {e}"))
}

fn fqdn_regex(f: &t::FqdnSelector, path: &str) -> Result<regex::Regex, String> {
    match (&f.match_name, &f.match_pattern) {
        (Some(name), _) => anchored(&regex::escape(name.trim_end_matches('.')), path),
        (None, Some(pattern)) => {
            let re = regex::escape(pattern.trim_end_matches('.')).replace("\\*", "[-a-zA-Z0-9_.]*");
            anchored(&re, path)
        }
        (None, None) => Err(format!("{path}: matchName or matchPattern required")),
    }
}

fn cilium_rule(r: &t::CiliumRule, ingress: bool, path: &str) -> Result<cilium::Rule, String> {
    let wrong = if ingress {
        r.to_endpoints.is_some()
            || r.to_cidr.is_some()
            || r.to_cidr_set.is_some()
            || r.to_entities.is_some()
            || r.to_fqdns.is_some()
    } else {
        r.from_endpoints.is_some()
            || r.from_cidr.is_some()
            || r.from_cidr_set.is_some()
            || r.from_entities.is_some()
    };
    if wrong {
        return Err(format!(
            "{path}: {} rule uses a field of the other direction",
            if ingress { "an ingress" } else { "an egress" }
        ));
    }
    let mut peers = Vec::new();
    for (i, s) in r
        .from_endpoints
        .iter()
        .chain(r.to_endpoints.iter())
        .flatten()
        .enumerate()
    {
        peers.push(cilium::Peer::Endpoints(endpoint_selector(
            s,
            &format!("{path}.endpoints[{i}]"),
        )?));
    }
    for c in r.from_cidr.iter().chain(r.to_cidr.iter()).flatten() {
        peers.push(cilium::Peer::Cidr(
            Cidr::parse(c).ok_or_else(|| format!("{path}: invalid CIDR {c:?}"))?,
            Vec::new(),
        ));
    }
    for c in r.from_cidr_set.iter().chain(r.to_cidr_set.iter()).flatten() {
        let cidr =
            Cidr::parse(&c.cidr).ok_or_else(|| format!("{path}: invalid CIDR {:?}", c.cidr))?;
        let except = c
            .except
            .iter()
            .flatten()
            .map(|e| Cidr::parse(e).ok_or_else(|| format!("{path}: invalid CIDR {e:?}")))
            .collect::<Result<_, _>>()?;
        peers.push(cilium::Peer::Cidr(cidr, except));
    }
    for e in r.from_entities.iter().chain(r.to_entities.iter()).flatten() {
        peers.push(cilium::Peer::Entity(e.clone()));
    }
    for (i, f) in r.to_fqdns.iter().flatten().enumerate() {
        peers.push(cilium::Peer::Fqdn(fqdn_regex(
            f,
            &format!("{path}.toFQDNs[{i}]"),
        )?));
    }
    let mut ports = Vec::new();
    for (i, pr) in r.to_ports.iter().flatten().enumerate() {
        let here = format!("{path}.toPorts[{i}]");
        let mut list = Vec::new();
        for p in &pr.ports {
            let start = match &p.port {
                IntOrString::Int(n) => u16::try_from(*n).ok(),
                IntOrString::Str(s) => s.parse::<u16>().ok(),
            }
            .ok_or_else(|| {
                format!(
                    "{here}.ports: named or invalid port {:?} not supported by meshlab",
                    p.port
                )
            })?;
            let end = p
                .end_port
                .and_then(|e| u16::try_from(e).ok())
                .unwrap_or(start);
            let protocol = match p.protocol.as_deref().unwrap_or("ANY") {
                "ANY" => None,
                other => Some(Protocol::parse(other).ok_or_else(|| {
                    format!("{here}.ports.protocol: Unsupported value {other:?}")
                })?),
            };
            list.push((start, end, protocol));
        }
        let mut http = None;
        let mut dns = Vec::new();
        if let Some(rules) = &pr.rules {
            if let Some(h) = &rules.http {
                let mut out = Vec::new();
                for (j, rule) in h.iter().enumerate() {
                    if rule.host.is_some() || rule.headers.is_some() {
                        return Err(format!(
                            "{here}.rules.http[{j}]: host/headers not supported by meshlab"
                        ));
                    }
                    out.push(cilium::HttpRule {
                        method: rule
                            .method
                            .as_deref()
                            .map(|m| anchored(m, &here))
                            .transpose()?,
                        path: rule
                            .path
                            .as_deref()
                            .map(|p| anchored(p, &here))
                            .transpose()?,
                    });
                }
                http = Some(out);
            }
            for (j, d) in rules.dns.iter().flatten().enumerate() {
                dns.push(fqdn_regex(d, &format!("{here}.rules.dns[{j}]"))?);
            }
        }
        ports.push(cilium::PortRule {
            ports: list,
            http,
            dns,
        });
    }
    Ok(cilium::Rule { peers, ports })
}

fn cilium_objects(cluster: &mut Cluster, m: &MeshObjects) {
    for doc in &m.cilium {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let specs: Vec<&t::CiliumSpec> = doc
            .obj
            .spec
            .iter()
            .chain(doc.obj.specs.iter().flatten())
            .collect();
        for (si, spec) in specs.into_iter().enumerate() {
            let converted = (|| {
                let sel = endpoint_selector(
                    spec.endpoint_selector
                        .as_ref()
                        .ok_or("spec.endpointSelector: Required value")?,
                    "spec.endpointSelector",
                )?;
                let rules = |list: &Option<Vec<t::CiliumRule>>, ingress: bool, field: &str| {
                    list.as_ref()
                        .map(|l| {
                            l.iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    cilium_rule(r, ingress, &format!("spec.{field}[{i}]"))
                                })
                                .collect::<Result<Vec<_>, _>>()
                        })
                        .transpose()
                };
                let deny_l7 = |list: &Option<Vec<cilium::Rule>>| {
                    list.iter().flatten().any(|r| {
                        r.ports
                            .iter()
                            .any(|p| p.http.is_some() || !p.dns.is_empty())
                    })
                };
                let ingress_deny = rules(&spec.ingress_deny, true, "ingressDeny")?;
                let egress_deny = rules(&spec.egress_deny, false, "egressDeny")?;
                // Deny policies cannot express L7 (deny.rst).
                if deny_l7(&ingress_deny) || deny_l7(&egress_deny) {
                    return Err("deny rules cannot have L7 rules".to_owned());
                }
                Ok(CiliumPolicy {
                    ns,
                    name: if si == 0 {
                        name.clone()
                    } else {
                        format!("{name}#{si}")
                    },
                    selector: sel,
                    ingress: rules(&spec.ingress, true, "ingress")?,
                    egress: rules(&spec.egress, false, "egress")?,
                    ingress_deny,
                    egress_deny,
                })
            })();
            match converted {
                Ok(p) => cluster.mesh.cilium_policies.push(p),
                Err(reason) => reject(
                    cluster,
                    "CiliumNetworkPolicy",
                    ns,
                    &name,
                    reason.to_string(),
                ),
            }
        }
    }
}
