//! NetworkPolicy: defaulting and API-server validation (pkg/apis/networking/v1/defaults.go,
//! pkg/apis/networking/validation/validation.go), then the resolved model.

use schemars::JsonSchema;
use serde::Deserialize;

use super::meta::{IntOrString, LabelSelector, ObjectMeta, namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::reject;
use super::yaml::Inert;
use super::{Doc, Objects};
use crate::sim::model::labels::Selector;
use crate::sim::model::net::{Cidr, Protocol};
use crate::sim::model::{Cluster, NetworkPolicy, Peer, PolicyRule, PortMatch, PortSpec};

pub(super) const KINDS: &[Kind] = &[modeled!(
    "networking.k8s.io",
    "NetworkPolicy",
    NetworkPolicyObj,
    |o| o.netpol.network_policies
)];

#[derive(Default)]
pub(super) struct Store {
    pub network_policies: Vec<Doc<NetworkPolicyObj>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyObj {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NetworkPolicySpec,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicySpec {
    #[serde(default)]
    pub pod_selector: LabelSelector,
    pub ingress: Option<Vec<NetworkPolicyIngressRule>>,
    pub egress: Option<Vec<NetworkPolicyEgressRule>>,
    pub policy_types: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyIngressRule {
    pub from: Option<Vec<NetworkPolicyPeer>>,
    pub ports: Option<Vec<NetworkPolicyPort>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyEgressRule {
    pub to: Option<Vec<NetworkPolicyPeer>>,
    pub ports: Option<Vec<NetworkPolicyPort>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyPeer {
    pub pod_selector: Option<LabelSelector>,
    pub namespace_selector: Option<LabelSelector>,
    pub ip_block: Option<IpBlock>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IpBlock {
    pub cidr: String,
    pub except: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkPolicyPort {
    pub protocol: Option<String>,
    pub port: Option<IntOrString>,
    pub end_port: Option<i64>,
}

pub(super) fn network_policies(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.netpol.network_policies {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        let name = object_name(&doc.obj.metadata);
        match convert(&doc.obj.spec) {
            Ok((pod_selector, ingress, egress)) => {
                cluster.network_policies.push(NetworkPolicy {
                    name,
                    ns,
                    pod_selector,
                    ingress,
                    egress,
                    origin: doc.origin.clone(),
                });
            }
            Err(reason) => reject(cluster, &doc.origin, "NetworkPolicy", ns, &name, reason),
        }
    }
}

type Converted = (Selector, Option<Vec<PolicyRule>>, Option<Vec<PolicyRule>>);

fn convert(spec: &NetworkPolicySpec) -> Result<Converted, String> {
    let pod_selector = selector(&spec.pod_selector, "spec.podSelector")?;
    // SetDefaults_NetworkPolicy: Ingress always, Egress iff len(spec.egress) != 0.
    let (has_ingress, has_egress) = match &spec.policy_types {
        Some(types) => {
            if types.len() > 2 {
                return Err(
                    "spec.policyTypes: Invalid value: may not specify more than two policyTypes"
                        .to_owned(),
                );
            }
            for (i, t) in types.iter().enumerate() {
                if t != "Ingress" && t != "Egress" {
                    return Err(format!(
                        "spec.policyTypes[{i}]: Unsupported value: \"{t}\": supported values: \"Egress\", \"Ingress\""
                    ));
                }
            }
            (
                types.iter().any(|t| t == "Ingress"),
                types.iter().any(|t| t == "Egress"),
            )
        }
        None => (true, spec.egress.as_ref().is_some_and(|e| !e.is_empty())),
    };
    // Validation covers every rule written, even in a direction policyTypes leaves out.
    let mut ingress = Vec::new();
    for (i, rule) in spec.ingress.iter().flatten().enumerate() {
        ingress.push(rule_of(
            rule.from.as_deref(),
            rule.ports.as_deref(),
            &format!("spec.ingress[{i}]"),
            "from",
        )?);
    }
    let mut egress = Vec::new();
    for (i, rule) in spec.egress.iter().flatten().enumerate() {
        egress.push(rule_of(
            rule.to.as_deref(),
            rule.ports.as_deref(),
            &format!("spec.egress[{i}]"),
            "to",
        )?);
    }
    Ok((
        pod_selector,
        has_ingress.then_some(ingress),
        has_egress.then_some(egress),
    ))
}

fn rule_of(
    peers: Option<&[NetworkPolicyPeer]>,
    ports: Option<&[NetworkPolicyPort]>,
    path: &str,
    peer_field: &str,
) -> Result<PolicyRule, String> {
    // Omitted or empty `from`/`to`/`ports` = unrestricted (types.go NetworkPolicyIngressRule).
    let peers = match peers {
        None | Some([]) => None,
        Some(list) => Some(
            list.iter()
                .enumerate()
                .map(|(i, p)| peer_of(p, &format!("{path}.{peer_field}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let ports = match ports {
        None | Some([]) => None,
        Some(list) => Some(
            list.iter()
                .enumerate()
                .map(|(i, p)| port_of(p, &format!("{path}.ports[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    Ok(PolicyRule { peers, ports })
}

/// ValidateNetworkPolicyPeer + ValidateIPBlock.
fn peer_of(peer: &NetworkPolicyPeer, path: &str) -> Result<Peer, String> {
    let count = usize::from(peer.pod_selector.is_some())
        + usize::from(peer.namespace_selector.is_some())
        + usize::from(peer.ip_block.is_some());
    if count == 0 {
        return Err(format!("{path}: Required value: must specify a peer"));
    }
    if let Some(block) = &peer.ip_block {
        if count > 1 {
            return Err(format!(
                "{path}: Forbidden: may not specify both ipBlock and another peer"
            ));
        }
        let here = format!("{path}.ipBlock");
        if block.cidr.is_empty() {
            return Err(format!("{here}.cidr: Required value"));
        }
        let cidr = Cidr::parse(&block.cidr).ok_or_else(|| {
            format!(
                "{here}.cidr: Invalid value: \"{}\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                block.cidr
            )
        })?;
        let mut except = Vec::new();
        for (i, e) in block.except.iter().flatten().enumerate() {
            let parsed = Cidr::parse(e).ok_or_else(|| {
                format!(
                    "{here}.except[{i}]: Invalid value: \"{e}\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
                )
            })?;
            if !cidr.strictly_contains(&parsed) {
                return Err(format!(
                    "{here}.except[{i}]: Invalid value: \"{e}\": must be a strict subset of `cidr`"
                ));
            }
            except.push(parsed);
        }
        return Ok(Peer::IpBlock { cidr, except });
    }
    Ok(Peer::Pods {
        namespaces: peer
            .namespace_selector
            .as_ref()
            .map(|s| selector(s, &format!("{path}.namespaceSelector")))
            .transpose()?,
        pods: peer
            .pod_selector
            .as_ref()
            .map(|s| selector(s, &format!("{path}.podSelector")))
            .transpose()?,
    })
}

/// IANA_SVC_NAME (validation.IsValidPortName).
fn valid_port_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    !name.is_empty()
        && name.len() <= 15
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes.iter().any(u8::is_ascii_lowercase)
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// ValidateNetworkPolicyPort; protocol defaults to TCP.
fn port_of(port: &NetworkPolicyPort, path: &str) -> Result<PortMatch, String> {
    let protocol = match port.protocol.as_deref() {
        None => Protocol::Tcp,
        Some(p) => Protocol::parse(p).ok_or_else(|| {
            format!(
                "{path}.protocol: Unsupported value: \"{p}\": supported values: \"SCTP\", \"TCP\", \"UDP\""
            )
        })?,
    };
    let number = |n: i64, field: &str| {
        u16::try_from(n).ok().filter(|n| *n > 0).ok_or_else(|| {
            format!("{path}.{field}: Invalid value: {n}: must be between 1 and 65535, inclusive")
        })
    };
    let spec = match (&port.port, port.end_port) {
        (None, Some(_)) => {
            return Err(format!(
                "{path}.port: Required value: must be specified when endPort is specified"
            ));
        }
        (Some(IntOrString::Str(_)), Some(_)) => {
            return Err(format!(
                "{path}.endPort: Forbidden: may not be specified when `port` is non-numeric"
            ));
        }
        (None, None) => PortSpec::Any,
        (Some(IntOrString::Int(p)), None) => PortSpec::Number(number(*p, "port")?),
        (Some(IntOrString::Int(p)), Some(end)) => {
            let start = number(*p, "port")?;
            let end = number(end, "endPort")?;
            if end < start {
                return Err(format!(
                    "{path}.endPort: Invalid value: {end}: must be greater than or equal to `port`"
                ));
            }
            PortSpec::Range(start, end)
        }
        (Some(IntOrString::Str(name)), None) => {
            if !valid_port_name(name) {
                return Err(format!(
                    "{path}.port: Invalid value: \"{name}\": must be a valid IANA_SVC_NAME"
                ));
            }
            PortSpec::Named(name.clone())
        }
    };
    Ok(PortMatch {
        protocol,
        port: spec,
    })
}
