//! NetworkPolicy as resolved at load time (defaulted policyTypes, peers, ports).

use super::NsId;
use super::Origin;
use super::labels::Selector;
use super::net::{Cidr, Protocol};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortSpec {
    Any,
    Number(u16),
    Range(u16, u16),
    Named(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortMatch {
    pub protocol: Protocol,
    pub port: PortSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// podSelector and/or namespaceSelector in one element (AND). `namespaces: None` = the
    /// policy's own namespace; `pods: None` = every pod of the selected namespaces.
    Pods {
        namespaces: Option<Selector>,
        pods: Option<Selector>,
    },
    IpBlock {
        cidr: Cidr,
        except: Vec<Cidr>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRule {
    /// None = every peer (omitted or empty `from`/`to`).
    pub peers: Option<Vec<Peer>>,
    /// None = every port and protocol (omitted or empty `ports`).
    pub ports: Option<Vec<PortMatch>>,
}

#[derive(Debug, Clone)]
pub struct NetworkPolicy {
    pub name: String,
    pub ns: NsId,
    pub pod_selector: Selector,
    /// Some iff Ingress is among the (defaulted) policyTypes.
    pub ingress: Option<Vec<PolicyRule>>,
    /// Some iff Egress is among the (defaulted) policyTypes.
    pub egress: Option<Vec<PolicyRule>>,
    pub origin: Origin,
}
