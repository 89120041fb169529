//! What an HTTPRoute rule's filters do to a request that matched it (gateway-api
//! apis/v1/httproute_types.go, HTTPRouteFilter): a redirect or a CORS preflight is answered by
//! the gateway itself; header modifiers and URL rewrites change what the backend receives; a
//! mirror sends a copy whose answer nobody reads.

use crate::sim::eval::http_route::HttpRequest;
use crate::sim::model::{Cors, HeaderEdits, Mirror, PathMatch, PathModifier, Redirect};

/// How the request reached the route: the scheme and port of the listener (or of the
/// Service, for a mesh route), which a redirect keeps unless it says otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub https: bool,
    pub port: u16,
}

/// `ReplacePrefixMatch`: the matched prefix (whole path elements, a trailing `/` ignored) is
/// replaced, the rest of the path kept (the table in HTTPPathModifier.ReplacePrefixMatch).
pub fn replace_prefix(path: &str, matched: &str, replacement: &str) -> String {
    let prefix = matched.trim_end_matches('/');
    let rest = path.get(prefix.len()..).unwrap_or("");
    let out = format!("{}{rest}", replacement.trim_end_matches('/'));
    if out.is_empty() { "/".to_owned() } else { out }
}

/// The path after a modifier, for the rule's match `matched`.
pub fn modified_path(path: &str, modifier: Option<&PathModifier>, matched: &PathMatch) -> String {
    match modifier {
        None => path.to_owned(),
        Some(PathModifier::Full(p)) => p.clone(),
        Some(PathModifier::Prefix(r)) => replace_prefix(path, &matched.value, r),
    }
}

/// The `Location` of a redirect (HTTPRequestRedirectFilter): scheme, hostname, port and path
/// default to the request's; a new scheme without a port takes the scheme's well-known port;
/// port 80 for http and 443 for https is left out.
pub fn location(
    r: &Redirect,
    req: &HttpRequest<'_>,
    host: Option<&str>,
    entry: Entry,
    matched: &PathMatch,
) -> String {
    let scheme = r
        .scheme
        .as_deref()
        .unwrap_or(if entry.https { "https" } else { "http" });
    let port = r.port.unwrap_or(match r.scheme.as_deref() {
        Some("https") => 443,
        Some(_) => 80,
        None => entry.port,
    });
    let host = r.hostname.as_deref().or(host).unwrap_or("");
    let path = modified_path(req.path, r.path.as_ref(), matched);
    let well_known = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
    let mut out = if well_known {
        format!("{scheme}://{host}{path}")
    } else {
        format!("{scheme}://{host}:{port}{path}")
    };
    if !req.query.is_empty() {
        let query: Vec<String> = req.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}

/// Apply a header modifier: `set` replaces, `add` appends (a second value of an existing
/// header is joined with a comma, as on the wire), `remove` drops. Names are case-insensitive.
pub fn apply_edits(headers: &mut Vec<(String, String)>, edits: &HeaderEdits) {
    for (name, value) in &edits.set {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.to_ascii_lowercase(), value.clone()));
    }
    for (name, value) in &edits.add {
        match headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some((_, v)) => {
                v.push(',');
                v.push_str(value);
            }
            None => headers.push((name.to_ascii_lowercase(), value.clone())),
        }
    }
    for name in &edits.remove {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }
}

/// Whether the `n`-th request (from 0) of a probe is mirrored: exactly
/// `numerator/denominator` of any run of requests, spread evenly (deterministic).
pub fn mirrored(m: &Mirror, n: u64) -> bool {
    let (num, den) = (u64::from(m.numerator), u64::from(m.denominator.max(1)));
    (n + 1) * num / den > n * num / den
}

/// An `Origin` matches an allowed origin: `*` alone matches all; a `*` in the host matches
/// any labels to its left (HTTPCORSFilter.AllowOrigins).
fn origin_allowed(allowed: &str, origin: &str) -> bool {
    if allowed == "*" {
        return true;
    }
    match allowed.split_once('*') {
        Some((scheme, suffix)) => {
            origin.starts_with(scheme)
                && origin.len() > allowed.len() - 1
                && origin.ends_with(suffix)
        }
        None => allowed.eq_ignore_ascii_case(origin),
    }
}

fn header<'r>(req: &'r HttpRequest<'_>, name: &str) -> Option<&'r str> {
    req.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
pub fn is_preflight(req: &HttpRequest<'_>) -> bool {
    req.method == "OPTIONS"
        && header(req, "origin").is_some()
        && header(req, "access-control-request-method").is_some()
}

/// The CORS response headers for this request (empty when its `Origin` is not allowed or it
/// has none: the browser then refuses the cross-origin answer). A preflight also gets the
/// allowed methods and headers and how long to cache them.
pub fn cors_headers(c: &Cors, req: &HttpRequest<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(origin) = header(req, "origin") else {
        return out;
    };
    if !c.allow_origins.iter().any(|a| origin_allowed(a, origin)) {
        return out;
    }
    // With credentials a wildcard is never returned: the request's own value is.
    let echo = |list: &[String], asked: Option<&str>| -> Option<String> {
        match (list, asked) {
            ([], _) | (_, None) => None,
            ([only], Some(asked)) if only == "*" => Some(if c.allow_credentials {
                asked.to_owned()
            } else {
                "*".to_owned()
            }),
            (list, Some(_)) => Some(list.join(", ")),
        }
    };
    out.push(("access-control-allow-origin".to_owned(), origin.to_owned()));
    if c.allow_credentials {
        out.push((
            "access-control-allow-credentials".to_owned(),
            "true".to_owned(),
        ));
    }
    if is_preflight(req) {
        if let Some(m) = echo(
            &c.allow_methods,
            header(req, "access-control-request-method"),
        ) {
            out.push(("access-control-allow-methods".to_owned(), m));
        }
        if let Some(h) = echo(
            &c.allow_headers,
            header(req, "access-control-request-headers"),
        ) {
            out.push(("access-control-allow-headers".to_owned(), h));
        }
        out.push(("access-control-max-age".to_owned(), c.max_age.to_string()));
    }
    if !c.expose_headers.is_empty() {
        out.push((
            "access-control-expose-headers".to_owned(),
            c.expose_headers.join(", "),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::model::PathKind;

    #[test]
    fn replace_prefix_follows_the_api_table() {
        // HTTPPathModifier.ReplacePrefixMatch, every row of its table.
        let rows = [
            ("/foo/bar", "/foo", "/xyz", "/xyz/bar"),
            ("/foo/bar", "/foo", "/xyz/", "/xyz/bar"),
            ("/foo/bar", "/foo/", "/xyz", "/xyz/bar"),
            ("/foo/bar", "/foo/", "/xyz/", "/xyz/bar"),
            ("/foo", "/foo", "/xyz", "/xyz"),
            ("/foo/", "/foo", "/xyz", "/xyz/"),
            ("/foo/bar", "/foo", "", "/bar"),
            ("/foo/", "/foo", "", "/"),
            ("/foo", "/foo", "", "/"),
            ("/foo/", "/foo", "/", "/"),
            ("/foo", "/foo", "/", "/"),
        ];
        for (path, prefix, replacement, want) in rows {
            assert_eq!(
                replace_prefix(path, prefix, replacement),
                want,
                "{path} {prefix} {replacement}"
            );
        }
    }

    fn req<'a>(path: &'a str, headers: &'a [(String, String)]) -> HttpRequest<'a> {
        HttpRequest {
            method: "GET",
            path,
            headers,
            query: &[],
        }
    }

    #[test]
    fn location_keeps_what_the_redirect_does_not_change() {
        let prefix = PathMatch {
            kind: PathKind::Prefix,
            value: "/".to_owned(),
        };
        let entry = Entry {
            https: false,
            port: 80,
        };
        let to_https = Redirect {
            scheme: Some("https".to_owned()),
            hostname: None,
            path: None,
            port: None,
            status: 301,
        };
        assert_eq!(
            location(
                &to_https,
                &req("/a", &[]),
                Some("redirect.example"),
                entry,
                &prefix
            ),
            "https://redirect.example/a"
        );
        let on_8080 = Redirect {
            scheme: None,
            port: None,
            ..to_https.clone()
        };
        let entry_8080 = Entry {
            https: false,
            port: 8080,
        };
        assert_eq!(
            location(
                &on_8080,
                &req("/a", &[]),
                Some("x.example"),
                entry_8080,
                &prefix
            ),
            "http://x.example:8080/a"
        );
    }

    #[test]
    fn header_edits_set_add_remove() {
        let mut h = vec![
            ("my-header1".to_owned(), "a".to_owned()),
            ("My-Header2".to_owned(), "b".to_owned()),
            ("x-drop".to_owned(), "c".to_owned()),
        ];
        let edits = HeaderEdits {
            set: vec![("My-Header1".to_owned(), "foo".to_owned())],
            add: vec![("my-header2".to_owned(), "bar".to_owned())],
            remove: vec!["X-Drop".to_owned()],
        };
        apply_edits(&mut h, &edits);
        assert_eq!(
            h,
            vec![
                ("My-Header2".to_owned(), "b,bar".to_owned()),
                ("my-header1".to_owned(), "foo".to_owned()),
            ]
        );
    }

    #[test]
    fn mirror_fraction_is_exact_over_a_run() {
        let m = |numerator, denominator| Mirror {
            backend: crate::sim::model::Backend {
                target: crate::sim::model::BackendTarget::Invalid {
                    reason: String::new(),
                },
                weight: 1,
                display: String::new(),
                filters: Default::default(),
            },
            numerator,
            denominator,
        };
        let count = |mirror: &Mirror| (0..1000).filter(|n| mirrored(mirror, *n)).count();
        assert_eq!(count(&m(1, 1)), 1000);
        assert_eq!(count(&m(0, 100)), 0);
        assert_eq!(count(&m(42, 100)), 420);
        assert_eq!(count(&m(5, 1000)), 5);
    }

    #[test]
    fn cors_preflight_and_origins() {
        let c = Cors {
            allow_origins: vec!["https://*.example.com".to_owned()],
            allow_credentials: false,
            allow_methods: vec!["GET".to_owned(), "OPTIONS".to_owned()],
            allow_headers: vec!["*".to_owned()],
            expose_headers: vec![],
            max_age: 5,
        };
        let h = |origin: &str| {
            vec![
                ("Origin".to_owned(), origin.to_owned()),
                ("Access-Control-Request-Method".to_owned(), "GET".to_owned()),
                (
                    "Access-Control-Request-Headers".to_owned(),
                    "x-a".to_owned(),
                ),
            ]
        };
        let ok = h("https://www.example.com");
        let mut pre = req("/", &ok);
        pre.method = "OPTIONS";
        assert!(is_preflight(&pre));
        let got = cors_headers(&c, &pre);
        assert!(got.contains(&(
            "access-control-allow-origin".to_owned(),
            "https://www.example.com".to_owned()
        )));
        assert!(got.contains(&(
            "access-control-allow-methods".to_owned(),
            "GET, OPTIONS".to_owned()
        )));
        assert!(got.contains(&("access-control-allow-headers".to_owned(), "*".to_owned())));
        assert!(got.contains(&("access-control-max-age".to_owned(), "5".to_owned())));
        let bad = h("https://example.com");
        let mut pre = req("/", &bad);
        pre.method = "OPTIONS";
        assert!(cors_headers(&c, &pre).is_empty());
    }
}
