//! Linkerd inbound policy decisions (linkerd.io server-policy.md, authorization-policy.md;
//! MESH-NOTES.md §1): identities, default policies, authentication refs.

use std::net::IpAddr;

use crate::sim::model::linkerd::*;

fn identity_matches(pattern: &str, id: &str) -> bool {
    pattern == "*"
        || pattern == id
        || pattern
            .strip_prefix('*')
            .is_some_and(|suffix| suffix.starts_with('.') && id.ends_with(suffix))
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

/// Does a ServerAuthorization admit this client? Its networks default to the cluster networks.
pub fn server_authz_allows(saz: &ServerAuthorization, client: &Client<'_>) -> bool {
    let from_network = match &saz.networks {
        None => in_cluster_networks(client.ip),
        Some(nets) => nets.iter().any(|(c, except)| {
            c.contains(client.ip) && !except.iter().any(|e| e.contains(client.ip))
        }),
    };
    from_network
        && match &saz.authn {
            ClientAuthn::Unauthenticated => true,
            ClientAuthn::TlsUnauthenticated => client.identity.is_some(),
            ClientAuthn::Identities(patterns) => client
                .identity
                .is_some_and(|id| patterns.iter().any(|p| identity_matches(p, id))),
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
        // A ServerAuthorization without networks admits the cluster networks only.
        let saz = |authn| ServerAuthorization {
            ns: 0,
            name: "s".into(),
            server: ServerSelection::Name("srv".into()),
            authn,
            networks: None,
        };
        assert!(server_authz_allows(
            &saz(ClientAuthn::Unauthenticated),
            &plain
        ));
        assert!(!server_authz_allows(
            &saz(ClientAuthn::Unauthenticated),
            &outside
        ));
        assert!(!server_authz_allows(
            &saz(ClientAuthn::TlsUnauthenticated),
            &plain
        ));
        let web = Client {
            identity: Some(&id),
            ip: IpAddr::from([10, 1, 2, 4]),
        };
        assert!(server_authz_allows(
            &saz(ClientAuthn::Identities(vec![identity(
                "webapp", "booksapp"
            )])),
            &web
        ));
        assert!(!server_authz_allows(
            &saz(ClientAuthn::Identities(vec![identity("web", "emojivoto")])),
            &web
        ));
    }
}
