//! Authoring mistakes the simulator runs without complaint: a policy whose selector picks no pod
//! changes nothing, and a principal no pod runs as admits nobody. Either can be deliberate (a
//! broken scenario to diagnose), so they are warnings, located at the object's `name:` line.

use crate::i18n::Msg;
use crate::sim::model::{Cluster, NsId};
use crate::sim::model::{istio, linkerd};

/// A finding: where (`file`, line, column), the message and its arguments.
pub type Finding = (String, usize, usize, Msg, Vec<String>);

/// The manifests a cluster was loaded from: (path in the pack, text).
pub type Sources<'a> = [(&'a str, &'a str)];

/// Policies that select no pod and principals no pod runs as, in `cluster`.
pub fn lint(cluster: &Cluster, sources: &Sources<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let pods_in = |ns: NsId| {
        cluster
            .pods
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.ns == ns)
    };
    let mut nothing = |kind: &str, ns: NsId, name: &str| {
        let (file, line, column) = locate(sources, kind, name);
        out.push((
            file,
            line,
            column,
            Msg::LintSelectsNothing,
            vec![kind.to_string(), format!("{}/{name}", cluster.ns_name(ns))],
        ));
    };
    for np in &cluster.network_policies {
        if !pods_in(np.ns).any(|(_, p)| np.pod_selector.matches(&p.labels)) {
            nothing("NetworkPolicy", np.ns, &np.name);
        }
    }
    let m = &cluster.mesh;
    for c in &m.cilium_policies {
        let picks = |(i, _): (usize, _)| {
            c.selector
                .selector
                .matches(&crate::sim::eval::cilium::endpoint_labels(cluster, i))
        };
        // A clusterwide policy may select pods of any namespace.
        let Some(ns) = c.ns else {
            continue;
        };
        if !pods_in(ns).any(picks) {
            nothing("CiliumNetworkPolicy", ns, &c.name);
        }
    }
    for a in &m.authorization_policies {
        // A selector-less policy covers its namespace (or, in the root namespace, the mesh).
        if let istio::Attachment::Workloads(Some(sel)) = &a.attachment
            && cluster.ns_name(a.ns) != "istio-system"
            && !pods_in(a.ns).any(|(_, p)| sel.matches(&p.labels))
        {
            nothing("AuthorizationPolicy", a.ns, &a.name);
        }
    }
    for s in &m.servers {
        if !pods_in(s.ns).any(|(_, p)| s.selector.matches(&p.labels)) {
            nothing("Server", s.ns, &s.name);
        }
    }
    let runs_as = |ns: &str, sa: &str| {
        cluster
            .pods
            .iter()
            .any(|p| cluster.ns_name(p.ns) == ns && p.service_account == sa)
    };
    let mut nobody = |kind: &str, ns: NsId, name: &str, principal: &str| {
        let (file, line, column) = locate(sources, kind, name);
        out.push((
            file,
            line,
            column,
            Msg::LintUnknownPrincipal,
            vec![
                kind.to_string(),
                format!("{}/{name}", cluster.ns_name(ns)),
                principal.to_string(),
            ],
        ));
    };
    for a in &m.authorization_policies {
        let principals = a
            .rules
            .iter()
            .flat_map(|r| &r.from)
            .filter_map(|s| s.principals.as_ref())
            .flatten();
        for p in principals {
            if let Some((ns, sa)) = istio_principal(p)
                && !runs_as(ns, sa)
            {
                nobody("AuthorizationPolicy", a.ns, &a.name, p);
            }
        }
    }
    for a in &m.meshtls {
        for id in &a.identities {
            if let Some((ns, sa)) = linkerd_identity(id)
                && !runs_as(ns, sa)
            {
                nobody("MeshTLSAuthentication", a.ns, &a.name, id);
            }
        }
    }
    for a in &m.linkerd_authz {
        for r in &a.required {
            if let linkerd::Authn::ServiceAccount { ns, name } = r
                && !runs_as(ns, name)
            {
                nobody(
                    "AuthorizationPolicy",
                    a.ns,
                    &a.name,
                    &format!("{ns}/{name}"),
                );
            }
        }
    }
    out.sort_by(|a, b| (&a.0, a.1, a.2, &a.4).cmp(&(&b.0, b.1, b.2, &b.4)));
    out.dedup();
    out
}

/// `cluster.local/ns/NS/sa/SA` (or with `spiffe://`), when it names one ServiceAccount.
fn istio_principal(p: &str) -> Option<(&str, &str)> {
    if p.contains('*') {
        return None;
    }
    let rest = p.strip_prefix("spiffe://").unwrap_or(p);
    let rest = rest.split_once("/ns/")?.1;
    let (ns, sa) = rest.split_once("/sa/")?;
    (!ns.is_empty() && !sa.is_empty() && !sa.contains('/')).then_some((ns, sa))
}

/// `SA.NS.serviceaccount.identity.linkerd.cluster.local`, when it names one ServiceAccount.
fn linkerd_identity(id: &str) -> Option<(&str, &str)> {
    if id.contains('*') {
        return None;
    }
    let (sa_ns, _) = id.split_once(".serviceaccount.identity.")?;
    let (sa, ns) = sa_ns.split_once('.')?;
    (!ns.contains('.')).then_some((ns, sa))
}

/// The `name:` line of the document of `kind` named `name`, in the first source that has it
/// (else the first source's start).
fn locate(sources: &Sources<'_>, kind: &str, name: &str) -> (String, usize, usize) {
    for (file, text) in sources {
        let mut offset = 0;
        for doc in text.split_inclusive("\n---") {
            let has_kind = doc.lines().any(|l| {
                l.trim()
                    .strip_prefix("kind:")
                    .is_some_and(|k| k.trim().trim_matches('"') == kind)
            });
            let at = doc.lines().scan(0, |pos, l| {
                let start = *pos;
                *pos += l.len() + 1;
                Some((start, l))
            });
            let name_line = at.into_iter().find(|(_, l)| {
                l.trim()
                    .strip_prefix("name:")
                    .is_some_and(|n| n.trim().trim_matches(['"', '\'']) == name)
            });
            if let (true, Some((start, l))) = (has_kind, name_line) {
                let column = l.len() - l.trim_start().len();
                let (line, col) = crate::diag::line_col(text, offset + start + column);
                return (file.to_string(), line, col);
            }
            offset += doc.len();
        }
    }
    let file = sources
        .first()
        .map_or_else(String::new, |(f, _)| f.to_string());
    (file, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::load::{self, LoadOptions, Source};

    const SHOP: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payment\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: payment}\n  template:\n    metadata:\n      labels: {app: payment}\n    spec:\n      serviceAccountName: payment\n      containers:\n        - name: app\n          ports: [{containerPort: 8080}]\n";

    #[test]
    fn policies_that_pick_nothing_and_principals_of_nobody_are_found() {
        let policies = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: typo\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: {app: paymnet}\n  policyTypes: [Ingress]\n---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: payment-authz\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: payment}\n  action: ALLOW\n  rules:\n    - from:\n        - source:\n            principals: [\"cluster.local/ns/shop/sa/checkout\", \"cluster.local/ns/shop/sa/payment\", \"cluster.local/ns/*\"]\n";
        let sources = [
            Source {
                name: "shop.yaml".into(),
                bytes: SHOP.as_bytes().to_vec(),
            },
            Source {
                name: "policies.yaml".into(),
                bytes: policies.as_bytes().to_vec(),
            },
        ];
        let cluster = load::load(&sources, &LoadOptions::default()).unwrap();
        let found = lint(
            &cluster,
            &[("shop.yaml", SHOP), ("policies.yaml", policies)],
        );
        let brief: Vec<(String, usize, usize, Msg, String)> = found
            .into_iter()
            .map(|(f, l, c, m, a)| (f, l, c, m, a.join(" ")))
            .collect();
        assert_eq!(
            brief,
            [
                (
                    "policies.yaml".to_string(),
                    4,
                    3,
                    Msg::LintSelectsNothing,
                    "NetworkPolicy shop/typo".to_string()
                ),
                (
                    "policies.yaml".to_string(),
                    14,
                    3,
                    Msg::LintUnknownPrincipal,
                    "AuthorizationPolicy shop/payment-authz cluster.local/ns/shop/sa/checkout"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn identities_name_service_accounts() {
        assert_eq!(
            istio_principal("spiffe://cluster.local/ns/shop/sa/checkout"),
            Some(("shop", "checkout"))
        );
        assert_eq!(istio_principal("cluster.local/ns/shop/sa/*"), None);
        assert_eq!(
            linkerd_identity("web.booksapp.serviceaccount.identity.linkerd.cluster.local"),
            Some(("booksapp", "web"))
        );
        assert_eq!(
            linkerd_identity("*.booksapp.serviceaccount.identity.linkerd.cluster.local"),
            None
        );
    }
}
