//! HTTPRoute matching and precedence (gateway-api apis/v1/httproute_types.go; oracle NOTES.md
//! "HTTPRoute semantics verified" 1-7, 11).

use std::cmp::Ordering;

pub use crate::sim::model::gateway_api::{hostname_matches, hostname_rank, intersect};
use crate::sim::model::{Cluster, HttpRoute, PathKind, RouteMatch};

/// The request as a route sees it. Header names are compared case-insensitively.
#[derive(Debug, Clone, Copy)]
pub struct HttpRequest<'a> {
    pub method: &'a str,
    /// Path without the query string.
    pub path: &'a str,
    pub headers: &'a [(String, String)],
    pub query: &'a [(String, String)],
}

impl HttpRequest<'_> {
    fn header(&self, lower_name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(lower_name))
            .map(|(_, v)| v.as_str())
    }

    fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The winning (route, rule, match) indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    pub route: usize,
    pub rule: usize,
    pub matched: usize,
}

/// PathPrefix is element-wise and case-sensitive; a trailing `/` in the value is ignored.
/// Exact is byte-exact, trailing slash significant.
pub fn path_matches(kind: &PathKind, value: &str, path: &str) -> bool {
    match kind {
        PathKind::Exact => path == value,
        PathKind::Regex(pattern) => pattern.holds(path),
        PathKind::Prefix => {
            let v = value.trim_end_matches('/');
            v.is_empty()
                || path == v
                || (path.starts_with(v) && path.as_bytes().get(v.len()) == Some(&b'/'))
        }
    }
}

/// All conditions of one match hold (they are ANDed).
pub fn match_holds(m: &RouteMatch, req: &HttpRequest<'_>) -> bool {
    path_matches(&m.path.kind, &m.path.value, req.path)
        && m.method
            .as_deref()
            .is_none_or(|method| method == req.method)
        && m.headers
            .iter()
            .all(|(name, value)| req.header(name).is_some_and(|v| value.holds(v)))
        && m.query
            .iter()
            .all(|(name, value)| req.query_param(name).is_some_and(|v| value.holds(v)))
}

/// Precedence between two matching candidates: Less = `a` wins. Exact path, longest prefix,
/// method, most headers, most query params, oldest route, `namespace/name`, rule order.
fn precedence(cluster: &Cluster, a: (&HttpRoute, Selected), b: (&HttpRoute, Selected)) -> Ordering {
    let ma = match_of(a.0, a.1);
    let mb = match_of(b.0, b.1);
    let (Some(ma), Some(mb)) = (ma, mb) else {
        return Ordering::Equal;
    };
    let exact = |m: &RouteMatch| m.path.kind == PathKind::Exact;
    exact(mb)
        .cmp(&exact(ma))
        .then(
            mb.path
                .value
                .chars()
                .count()
                .cmp(&ma.path.value.chars().count()),
        )
        .then(mb.method.is_some().cmp(&ma.method.is_some()))
        .then(mb.headers.len().cmp(&ma.headers.len()))
        .then(mb.query.len().cmp(&ma.query.len()))
        .then_with(|| match (&a.0.creation, &b.0.creation) {
            // RFC 3339 UTC timestamps sort as text; a route without one counts as newest.
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| {
            let key = |r: &HttpRoute| (cluster.ns_name(r.ns).to_owned(), r.name.clone());
            key(a.0).cmp(&key(b.0))
        })
        .then(a.1.rule.cmp(&b.1.rule))
        .then(a.1.matched.cmp(&b.1.matched))
}

fn match_of(route: &HttpRoute, s: Selected) -> Option<&RouteMatch> {
    route.rules.get(s.rule)?.matches.get(s.matched)
}

/// Choose the winning match across every rule of every route in `candidates` (indices into
/// `cluster.routes`). None = no match (404).
pub fn select(cluster: &Cluster, candidates: &[usize], req: &HttpRequest<'_>) -> Option<Selected> {
    let mut best: Option<Selected> = None;
    for &ri in candidates {
        let Some(route) = cluster.routes.get(ri) else {
            continue;
        };
        for (rule_i, rule) in route.rules.iter().enumerate() {
            for (mi, m) in rule.matches.iter().enumerate() {
                if !match_holds(m, req) {
                    continue;
                }
                let cand = Selected {
                    route: ri,
                    rule: rule_i,
                    matched: mi,
                };
                let better = match best {
                    None => true,
                    Some(b) => cluster.routes.get(b.route).is_none_or(|br| {
                        precedence(cluster, (route, cand), (br, b)) == Ordering::Less
                    }),
                };
                if better {
                    best = Some(cand);
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_element_wise() {
        let p = |v: &str, path: &str| path_matches(&PathKind::Prefix, v, path);
        assert!(p("/v2", "/v2"));
        assert!(p("/v2", "/v2/"));
        assert!(p("/v2", "/v2/x"));
        assert!(!p("/v2", "/v2example"));
        assert!(!p("/v2", "/foo/v2/x"));
        assert!(p("/foo/", "/foo"));
        assert!(p("/", "/anything"));
        assert!(!p("/V2", "/v2"));
    }

    #[test]
    fn regex_matches_the_whole_path() {
        let r = PathKind::Regex(crate::sim::model::Pattern::new("/v[0-9]+/.*").unwrap());
        assert!(path_matches(&r, "", "/v2/users"));
        assert!(!path_matches(&r, "", "/api/v2/users"));
        assert!(!path_matches(&r, "", "/vx/users"));
    }

    #[test]
    fn exact_is_exact() {
        assert!(path_matches(&PathKind::Exact, "/two", "/two"));
        assert!(!path_matches(&PathKind::Exact, "/two", "/two/"));
        assert!(!path_matches(&PathKind::Exact, "/two", "/Two"));
    }

    #[test]
    fn hostnames() {
        assert!(hostname_matches("*.example.com", "foo.example.com"));
        assert!(hostname_matches("*.example.com", "deep.sub.example.com"));
        assert!(!hostname_matches("*.example.com", "example.com"));
        assert!(hostname_matches("Foo.com", "foo.com"));
        assert_eq!(
            intersect(Some("*.bar.com"), "foo.bar.com").as_deref(),
            Some("foo.bar.com")
        );
        assert_eq!(
            intersect(Some("foo.bar.com"), "*.bar.com").as_deref(),
            Some("foo.bar.com")
        );
        assert_eq!(intersect(Some("bar.com"), "*.bar.com"), None);
        assert_eq!(intersect(None, "x.com").as_deref(), Some("x.com"));
        assert_eq!(
            intersect(Some("*.com"), "*.bar.com").as_deref(),
            Some("*.bar.com")
        );
    }
}
