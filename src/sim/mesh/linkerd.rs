//! Linkerd inbound policy (linkerd.io server-policy.md, authorization-policy.md;
//! MESH-NOTES.md §1): default policies, Server, AuthorizationPolicy, MeshTLSAuthentication,
//! NetworkAuthentication, per-route authorization.

use std::net::IpAddr;

use crate::sim::labels::Selector;
use crate::sim::model::NsId;
use crate::sim::net::Cidr;

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
    pub selector: Selector,
    pub port: ServerPort,
    pub protocol: ProxyProtocol,
    /// accessPolicy: audit allows what would be denied.
    pub audit: bool,
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

/// The identity a meshed pod's certificate carries.
pub fn identity(sa: &str, ns: &str) -> String {
    format!("{sa}.{ns}.serviceaccount.identity.linkerd.cluster.local")
}

fn identity_matches(pattern: &str, id: &str) -> bool {
    pattern == "*"
        || pattern == id
        || pattern
            .strip_prefix('*')
            .is_some_and(|suffix| suffix.starts_with('.') && id.ends_with(suffix))
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

/// What the client presents to the server's proxy.
#[derive(Debug, Clone, Copy)]
pub struct Client<'a> {
    /// mTLS identity; None for plaintext (unmeshed) clients.
    pub identity: Option<&'a str>,
    pub ip: IpAddr,
}

/// Is one authentication reference satisfied?
pub fn authn_satisfied(
    a: &Authn,
    ns_name: &str,
    meshtls: &[(&str, &MeshTlsAuthentication)],
    networks: &[(&str, &NetworkAuthentication)],
    client: &Client<'_>,
) -> bool {
    match a {
        Authn::MeshTls(name) => meshtls.iter().any(|(ns, m)| {
            *ns == ns_name
                && m.name == *name
                && client
                    .identity
                    .is_some_and(|id| m.identities.iter().any(|p| identity_matches(p, id)))
        }),
        Authn::Network(name) => networks.iter().any(|(ns, n)| {
            *ns == ns_name
                && n.name == *name
                && n.networks.iter().any(|(c, except)| {
                    c.contains(client.ip) && !except.iter().any(|e| e.contains(client.ip))
                })
        }),
        Authn::ServiceAccount { ns, name } => client.identity == Some(identity(name, ns).as_str()),
    }
}

/// A default policy's verdict for a client.
pub fn default_allows(policy: DefaultPolicy, client: &Client<'_>) -> bool {
    match policy {
        DefaultPolicy::AllUnauthenticated | DefaultPolicy::Audit => true,
        DefaultPolicy::AllAuthenticated => client.identity.is_some(),
        DefaultPolicy::ClusterUnauthenticated => in_cluster_networks(client.ip),
        DefaultPolicy::ClusterAuthenticated => {
            client.identity.is_some() && in_cluster_networks(client.ip)
        }
        DefaultPolicy::Deny => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_and_defaults() {
        let id = identity("webapp", "booksapp");
        assert_eq!(
            id,
            "webapp.booksapp.serviceaccount.identity.linkerd.cluster.local"
        );
        assert!(identity_matches(
            "*.booksapp.serviceaccount.identity.linkerd.cluster.local",
            &id
        ));
        assert!(!identity_matches(
            "*.other.serviceaccount.identity.linkerd.cluster.local",
            &id
        ));
        let plain = Client {
            identity: None,
            ip: IpAddr::from([10, 1, 2, 3]),
        };
        assert!(default_allows(DefaultPolicy::AllUnauthenticated, &plain));
        assert!(!default_allows(DefaultPolicy::AllAuthenticated, &plain));
        assert!(default_allows(
            DefaultPolicy::ClusterUnauthenticated,
            &plain
        ));
        let outside = Client {
            identity: None,
            ip: IpAddr::from([203, 0, 113, 1]),
        };
        assert!(!default_allows(
            DefaultPolicy::ClusterUnauthenticated,
            &outside
        ));
    }
}
