//! Linkerd inbound policy (linkerd.io server-policy.md, authorization-policy.md;
//! MESH-NOTES.md §1): default policies, Server, AuthorizationPolicy, ServerAuthorization,
//! MeshTLSAuthentication, NetworkAuthentication, per-route authorization.

use std::net::IpAddr;

use crate::sim::model::NsId;
use crate::sim::model::labels::{Labels, Selector};
use crate::sim::model::net::Cidr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultPolicy {
    AllUnauthenticated,
    AllAuthenticated,
    ClusterUnauthenticated,
    ClusterAuthenticated,
    Deny,
    Audit,
}

impl DefaultPolicy {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "all-unauthenticated" => Some(Self::AllUnauthenticated),
            "all-authenticated" => Some(Self::AllAuthenticated),
            "cluster-unauthenticated" => Some(Self::ClusterUnauthenticated),
            "cluster-authenticated" => Some(Self::ClusterAuthenticated),
            "deny" => Some(Self::Deny),
            "audit" => Some(Self::Audit),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::AllUnauthenticated => "all-unauthenticated",
            Self::AllAuthenticated => "all-authenticated",
            Self::ClusterUnauthenticated => "cluster-unauthenticated",
            Self::ClusterAuthenticated => "cluster-authenticated",
            Self::Deny => "deny",
            Self::Audit => "audit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyProtocol {
    Unknown,
    Http,
    Grpc,
    Opaque,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerPort {
    Number(u16),
    Name(String),
}

#[derive(Debug, Clone)]
pub struct Server {
    pub ns: NsId,
    pub name: String,
    /// The Server's own labels: a ServerAuthorization may select Servers by them.
    pub labels: Labels,
    pub selector: Selector,
    pub port: ServerPort,
    pub protocol: ProxyProtocol,
    /// `accessPolicy`: what applies to traffic no authorization matches (default `deny`;
    /// `audit` allows what would be denied).
    pub access: DefaultPolicy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthzTarget {
    Server(String),
    Route(String),
    Namespace,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authn {
    MeshTls(String),
    Network(String),
    ServiceAccount { ns: String, name: String },
}

#[derive(Debug, Clone)]
pub struct AuthorizationPolicy {
    pub ns: NsId,
    pub name: String,
    pub target: AuthzTarget,
    pub required: Vec<Authn>,
}

/// Which Servers a ServerAuthorization applies to (`spec.server`: exactly one of the two).
#[derive(Debug, Clone)]
pub enum ServerSelection {
    Name(String),
    Selector(Selector),
}

/// Who a ServerAuthorization lets in (`spec.client`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAuthn {
    /// `unauthenticated: true`: any client, meshed or not.
    Unauthenticated,
    /// `meshTLS.unauthenticatedTLS: true`: any client that speaks TLS to the proxy.
    TlsUnauthenticated,
    /// `meshTLS.identities` and `serviceAccounts`, as identity patterns.
    Identities(Vec<String>),
}

/// policy.linkerd.io/v1beta1 ServerAuthorization (the form before AuthorizationPolicy).
#[derive(Debug, Clone)]
pub struct ServerAuthorization {
    pub ns: NsId,
    pub name: String,
    pub server: ServerSelection,
    pub authn: ClientAuthn,
    /// `client.networks`; None = the cluster networks (the policy controller's default,
    /// linkerd2 policy-controller/grpc/src/inbound.rs).
    pub networks: Option<Vec<(Cidr, Vec<Cidr>)>>,
}

impl ServerAuthorization {
    /// Does this authorization apply to the Server?
    pub fn selects(&self, server: &Server) -> bool {
        self.ns == server.ns
            && match &self.server {
                ServerSelection::Name(n) => *n == server.name,
                ServerSelection::Selector(sel) => sel.matches(&server.labels),
            }
    }
}

#[derive(Debug, Clone)]
pub struct MeshTlsAuthentication {
    pub ns: NsId,
    pub name: String,
    /// Identity patterns (`*` alone, or a leading `*.` wildcard).
    pub identities: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NetworkAuthentication {
    pub ns: NsId,
    pub name: String,
    pub networks: Vec<(Cidr, Vec<Cidr>)>,
}

/// Egress traffic policy for destinations outside the cluster (EgressNetwork).
#[derive(Debug, Clone)]
pub struct EgressNetwork {
    pub ns: NsId,
    pub name: String,
    pub deny: bool,
    /// None = every address outside the cluster networks.
    pub networks: Option<Vec<(Cidr, Vec<Cidr>)>>,
}

impl EgressNetwork {
    pub fn covers(&self, ip: Option<IpAddr>) -> bool {
        match (&self.networks, ip) {
            (None, Some(ip)) => !in_cluster_networks(ip),
            // An external name resolves outside the cluster.
            (None, None) => true,
            (Some(nets), Some(ip)) => nets
                .iter()
                .any(|(c, except)| c.contains(ip) && !except.iter().any(|e| e.contains(ip))),
            (Some(_), None) => false,
        }
    }
}

/// Linkerd's default clusterNetworks.
pub fn in_cluster_networks(ip: IpAddr) -> bool {
    [
        "10.0.0.0/8",
        "100.64.0.0/10",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fd00::/8",
    ]
    .iter()
    .filter_map(|c| Cidr::parse(c))
    .any(|c| c.contains(ip))
}

/// The identity a meshed pod's certificate carries.
pub fn identity(sa: &str, ns: &str) -> String {
    format!("{sa}.{ns}.serviceaccount.identity.linkerd.cluster.local")
}
