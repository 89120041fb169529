//! Istio objects: PeerAuthentication, AuthorizationPolicy, ServiceEntry here; VirtualService
//! and DestinationRule in `istio_traffic.rs`.

use super::istio_types as traffic;
use super::mesh_types as t;
use super::meta::{namespace_of, object_name};
use super::registry::{Kind, modeled};
use super::report::reject;
use super::{Doc, Objects};
use crate::sim::model::Cluster;
use crate::sim::model::istio::MtlsMode;
use crate::sim::model::istio::{
    Action, Attachment, AuthorizationPolicy, Condition, JwtRule, Operation, PeerAuthentication,
    RequestAuthentication, Rule, Source,
};
use crate::sim::model::labels::Selector;
use crate::sim::model::net::Cidr;

fn workload_selector(s: &Option<t::WorkloadSelector>) -> Option<Selector> {
    s.as_ref().map(|s| Selector::from_labels(&s.match_labels))
}

const SECURITY: &str = "security.istio.io";
const NETWORKING: &str = "networking.istio.io";

pub(super) const KINDS: &[Kind] = &[
    modeled!(
        SECURITY,
        "PeerAuthentication",
        t::Object<t::PeerAuthenticationSpec>,
        |o| o.istio.peer_authentications
    ),
    modeled!(
        SECURITY,
        "AuthorizationPolicy",
        t::Object<t::AuthorizationPolicySpec>,
        |o| o.istio.authorization_policies
    ),
    modeled!(
        SECURITY,
        "RequestAuthentication",
        t::Object<t::RequestAuthenticationSpec>,
        |o| o.istio.request_authentications
    ),
    modeled!(
        NETWORKING,
        "VirtualService",
        t::Object<traffic::VirtualServiceSpec>,
        |o| o.istio.virtual_services
    ),
    modeled!(
        NETWORKING,
        "Gateway",
        t::Object<traffic::GatewaySpec>,
        |o| o.istio.gateways
    ),
    modeled!(
        NETWORKING,
        "Sidecar",
        t::Object<traffic::SidecarSpec>,
        |o| o.istio.sidecars
    ),
    modeled!(
        NETWORKING,
        "DestinationRule",
        t::Object<traffic::DestinationRuleSpec>,
        |o| o.istio.destination_rules
    ),
    modeled!(
        NETWORKING,
        "ServiceEntry",
        t::Object<t::ServiceEntrySpec>,
        |o| o.istio.service_entries
    ),
];

/// Istio objects in input order.
#[derive(Default)]
pub(super) struct Store {
    pub peer_authentications: Vec<Doc<t::Object<t::PeerAuthenticationSpec>>>,
    pub authorization_policies: Vec<Doc<t::Object<t::AuthorizationPolicySpec>>>,
    pub request_authentications: Vec<Doc<t::Object<t::RequestAuthenticationSpec>>>,
    pub virtual_services: Vec<Doc<t::Object<traffic::VirtualServiceSpec>>>,
    pub destination_rules: Vec<Doc<t::Object<traffic::DestinationRuleSpec>>>,
    pub gateways: Vec<Doc<t::Object<traffic::GatewaySpec>>>,
    pub sidecars: Vec<Doc<t::Object<traffic::SidecarSpec>>>,
    pub service_entries: Vec<Doc<t::Object<t::ServiceEntrySpec>>>,
}

pub(super) fn istio_objects(cluster: &mut Cluster, objects: &Objects) {
    let m = &objects.istio;
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
            (None, Some(mode)) => cluster.mesh.peer_authentications.push(PeerAuthentication {
                ns,
                name,
                selector: workload_selector(&spec.selector),
                mode,
                ports,
            }),
            (reason, _) => reject(
                cluster,
                &doc.origin,
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
                    .push(AuthorizationPolicy {
                        ns,
                        name,
                        attachment,
                        action,
                        rules,
                    })
            }
            Err(reason) => reject(
                cluster,
                &doc.origin,
                "AuthorizationPolicy",
                ns,
                &name,
                reason,
            ),
        }
    }
    for doc in &m.request_authentications {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        let spec = &doc.obj.spec;
        if let Some(i) = spec.jwt_rules.iter().position(|r| r.issuer.is_empty()) {
            let reason = format!("spec.jwtRules[{i}].issuer: Required value");
            reject(
                cluster,
                &doc.origin,
                "RequestAuthentication",
                ns,
                &name,
                reason,
            );
            continue;
        }
        cluster
            .mesh
            .request_authentications
            .push(RequestAuthentication {
                ns,
                name,
                selector: workload_selector(&spec.selector),
                rules: spec
                    .jwt_rules
                    .iter()
                    .map(|r| JwtRule {
                        issuer: r.issuer.clone(),
                        audiences: r.audiences.clone(),
                    })
                    .collect(),
            });
    }
    for doc in &m.service_entries {
        let spec = &doc.obj.spec;
        let ports: Vec<u16> = spec
            .ports
            .iter()
            .filter_map(|p| u16::try_from(p.number).ok())
            .collect();
        let known = spec.hosts.iter().chain(&spec.addresses);
        cluster
            .mesh
            .service_entry_hosts
            .extend(known.map(|h| (h.clone(), ports.clone())));
    }
    super::istio_traffic::traffic_objects(cluster, objects);
}

type Converted = (Attachment, Action, Vec<Rule>);

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
        "ALLOW" => Action::Allow,
        "DENY" => Action::Deny,
        "CUSTOM" => Action::Custom,
        "AUDIT" => Action::Audit,
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
        Attachment::Workloads(workload_selector(&spec.selector))
    } else if spec.selector.is_some() {
        return Err("spec: selector and targetRef(s) are mutually exclusive".to_owned());
    } else {
        Attachment::Targets(targets)
    };
    let mut rules = Vec::new();
    for (i, r) in spec.rules.iter().flatten().enumerate() {
        let here = format!("spec.rules[{i}]");
        let mut from = Vec::new();
        for (j, f) in r.from.iter().flatten().enumerate() {
            let s = &f.source;
            let path = format!("{here}.from[{j}].source");
            from.push(Source {
                principals: s.principals.clone(),
                not_principals: s.not_principals.clone(),
                namespaces: s.namespaces.clone(),
                not_namespaces: s.not_namespaces.clone(),
                ip_blocks: cidrs(&s.ip_blocks, &path)?,
                not_ip_blocks: cidrs(&s.not_ip_blocks, &path)?,
                remote_ip_blocks: cidrs(&s.remote_ip_blocks, &path)?,
                not_remote_ip_blocks: cidrs(&s.not_remote_ip_blocks, &path)?,
                request_principals: s.request_principals.clone(),
                not_request_principals: s.not_request_principals.clone(),
            });
        }
        let mut to = Vec::new();
        for (j, o) in r.to.iter().flatten().enumerate() {
            let op = &o.operation;
            let path = format!("{here}.to[{j}].operation");
            to.push(Operation {
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
            .map(|c| Condition {
                key: c.key.clone(),
                values: c.values.clone(),
                not_values: c.not_values.clone(),
            })
            .collect();
        rules.push(Rule { from, to, when });
    }
    Ok((attachment, action, rules))
}
