//! Istio authorization and mTLS as a sidecar, ztunnel (L4 only) or waypoint (L7) evaluates them
//! (istio/api security/v1beta1/authorization_policy.proto; MESH-NOTES.md §3-4).

use std::net::IpAddr;

use crate::sim::eval::jwt::Jwt;
use crate::sim::model::NsId;
use crate::sim::model::istio::*;
use crate::sim::model::labels::Labels;
use crate::sim::model::net::Cidr;

/// Who enforces, which decides what a rule can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcer {
    /// Envoy sidecar: HTTP attributes on HTTP traffic; on TCP an ALLOW rule with HTTP fields is
    /// ignored and a DENY rule's HTTP fields count as matching (fail closed).
    Sidecar,
    /// ztunnel: HTTP fields are dropped; ALLOW rules with them are omitted, a DENY clause that
    /// held only HTTP fields makes the rule a no-op.
    Ztunnel,
    /// Waypoint Envoy: full HTTP.
    Waypoint,
}

/// The request as the enforcing proxy sees it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `cluster.local/ns/NS/sa/SA` when mTLS authenticated the peer.
    pub principal: Option<&'a str>,
    pub source_ip: IpAddr,
    pub port: u16,
    /// (method, path, host) for HTTP traffic.
    pub http: Option<(&'a str, &'a str, &'a str)>,
    /// The request's headers (empty for TCP).
    pub headers: &'a [(String, String)],
    /// The JWT a RequestAuthentication validated.
    pub jwt: Option<&'a Jwt>,
}

fn wildcard(pattern: &str, value: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if let Some(suffix) = pattern.strip_prefix('*') {
        return value.ends_with(suffix);
    }
    if let Some(prefix) = pattern.strip_suffix('*') {
        return value.starts_with(prefix);
    }
    pattern == value
}

/// `values` matches if absent or if any entry matches; `not_values` fails if any matches.
/// A missing attribute (`None`) never matches a positive list and never matches a negative one.
fn field(values: &Values, not_values: &Values, attr: Option<&str>) -> bool {
    let pos = values
        .as_ref()
        .is_none_or(|vs| attr.is_some_and(|a| vs.iter().any(|p| wildcard(p, a))));
    let neg = not_values
        .as_ref()
        .is_none_or(|vs| attr.is_none_or(|a| !vs.iter().any(|p| wildcard(p, a))));
    pos && neg
}

fn principal_ns(principal: &str) -> Option<&str> {
    principal.split("/ns/").nth(1)?.split('/').next()
}

impl Source {
    fn has_http(&self) -> bool {
        self.request_principals.is_some() || self.not_request_principals.is_some()
    }

    fn has_l4(&self) -> bool {
        self.principals.is_some()
            || self.not_principals.is_some()
            || self.namespaces.is_some()
            || self.not_namespaces.is_some()
            || self.ip_blocks.is_some()
            || self.not_ip_blocks.is_some()
            || self.remote_ip_blocks.is_some()
            || self.not_remote_ip_blocks.is_some()
    }

    fn matches_l4(&self, req: &Request<'_>) -> bool {
        let ns = req.principal.and_then(principal_ns);
        let blocks = |pos: &Option<Vec<Cidr>>, neg: &Option<Vec<Cidr>>| {
            pos.as_ref()
                .is_none_or(|b| b.iter().any(|c| c.contains(req.source_ip)))
                && neg
                    .as_ref()
                    .is_none_or(|b| !b.iter().any(|c| c.contains(req.source_ip)))
        };
        let ip_ok = blocks(&self.ip_blocks, &self.not_ip_blocks)
            && blocks(&self.remote_ip_blocks, &self.not_remote_ip_blocks);
        field(&self.principals, &self.not_principals, req.principal)
            && field(&self.namespaces, &self.not_namespaces, ns)
            && ip_ok
    }
}

impl Operation {
    fn has_http(&self) -> bool {
        self.hosts.is_some()
            || self.not_hosts.is_some()
            || self.methods.is_some()
            || self.not_methods.is_some()
            || self.paths.is_some()
            || self.not_paths.is_some()
    }

    fn has_l4(&self) -> bool {
        self.ports.is_some() || self.not_ports.is_some()
    }

    fn matches_l4(&self, req: &Request<'_>) -> bool {
        self.ports.as_ref().is_none_or(|p| p.contains(&req.port))
            && self
                .not_ports
                .as_ref()
                .is_none_or(|p| !p.contains(&req.port))
    }

    fn matches_http(&self, method: &str, path: &str, host: &str) -> bool {
        field(&self.methods, &self.not_methods, Some(method))
            && field(&self.paths, &self.not_paths, Some(path))
            && field(&self.hosts, &self.not_hosts, Some(host))
    }
}

fn condition_is_http(c: &Condition) -> bool {
    c.key.starts_with("request.") || c.key.starts_with("experimental.")
}

fn condition_l4(c: &Condition, req: &Request<'_>) -> bool {
    let ip = req.source_ip.to_string();
    let port = req.port.to_string();
    let attr = match c.key.as_str() {
        "source.ip" | "remote.ip" => Some(ip.as_str()),
        "source.principal" => req.principal,
        "source.namespace" => req.principal.and_then(principal_ns),
        "destination.port" => Some(port.as_str()),
        _ => None,
    };
    field(&c.values, &c.not_values, attr)
}

/// Like [`field`] for an attribute with several values (a header given twice, a list claim):
/// a positive list matches if any value does; a negative list fails if any value matches.
fn field_any(values: &Values, not_values: &Values, attrs: &[&str]) -> bool {
    let any = |vs: &Vec<String>| attrs.iter().any(|a| vs.iter().any(|p| wildcard(p, a)));
    values.as_ref().is_none_or(&any) && not_values.as_ref().is_none_or(|vs| !any(vs))
}

/// `request.*` conditions (authorization-policy conditions reference): headers, and the
/// validated JWT's principal, audiences, presenter and claims (`[a][b]` for nested claims).
fn condition_http(c: &Condition, req: &Request<'_>) -> bool {
    let key = c.key.as_str();
    let inside = |prefix: &str| key.strip_prefix(prefix).and_then(|k| k.strip_suffix(']'));
    let attrs: Vec<&str> = if let Some(name) = inside("request.headers[") {
        req.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    } else if let Some(path) = inside("request.auth.claims[") {
        req.jwt
            .map(|j| j.claim(&path.split("][").collect::<Vec<_>>()))
            .unwrap_or_default()
    } else {
        match (key, req.jwt) {
            ("request.auth.principal", Some(j)) => vec![j.principal.as_str()],
            ("request.auth.audiences", Some(j)) => j.claim(&["aud"]),
            ("request.auth.presenter", Some(j)) => j.claim(&["azp"]),
            _ => Vec::new(),
        }
    };
    field_any(&c.values, &c.not_values, &attrs)
}

/// Does `rule` match, as `enforcer` sees the request? None = the rule is not enforced at all
/// (ztunnel no-op DENY, ALLOW rules with HTTP fields at ztunnel).
fn rule_matches(
    rule: &Rule,
    action: Action,
    enforcer: Enforcer,
    req: &Request<'_>,
) -> Option<bool> {
    let http = match enforcer {
        Enforcer::Waypoint | Enforcer::Sidecar => req.http,
        Enforcer::Ztunnel => None,
    };
    let rule_has_http = rule.from.iter().any(Source::has_http)
        || rule.to.iter().any(Operation::has_http)
        || rule.when.iter().any(condition_is_http);
    if http.is_none() && rule_has_http {
        match (enforcer, action) {
            // ztunnel drops ALLOW rules with HTTP attributes (more restrictive than asked).
            (Enforcer::Ztunnel, Action::Allow) => return None,
            // A DENY clause that held only HTTP fields never fires at ztunnel (istio#61126).
            (Enforcer::Ztunnel, _) => {
                let only_http_clause = rule.to.iter().any(|o| o.has_http() && !o.has_l4())
                    || rule.from.iter().any(|s| s.has_http() && !s.has_l4())
                    || rule.when.iter().any(condition_is_http);
                if only_http_clause {
                    return None;
                }
            }
            // Sidecar on TCP: ALLOW rule ignored; DENY's HTTP fields count as matching.
            (_, Action::Allow) => return Some(false),
            _ => {}
        }
    }
    let from_ok = rule.from.is_empty()
        || rule.from.iter().any(|s| {
            s.matches_l4(req)
                && (!s.has_http()
                    || match http {
                        Some(_) => field(
                            &s.request_principals,
                            &s.not_request_principals,
                            req.jwt.map(|j| j.principal.as_str()),
                        ),
                        None => action == Action::Deny,
                    })
        });
    let to_ok = rule.to.is_empty()
        || rule.to.iter().any(|o| {
            o.matches_l4(req)
                && match http {
                    Some((m, p, h)) => o.matches_http(m, p, h),
                    None => true,
                }
        });
    let when_ok = rule.when.iter().all(|c| {
        if condition_is_http(c) {
            // On TCP only a DENY rule gets here: its HTTP conditions count as matching.
            http.is_none() || condition_http(c, req)
        } else {
            condition_l4(c, req)
        }
    });
    Some(from_ok && to_ok && when_ok)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthzDecision {
    pub allowed: bool,
    pub decided_by: Vec<String>,
    pub reason: String,
}

/// CUSTOM → DENY → ALLOW over the policies that apply (MESH-NOTES.md §3): a matching DENY
/// denies; with any ALLOW policy present a request must match one of them.
pub fn authorize<'a>(
    policies: impl Iterator<Item = (&'a AuthorizationPolicy, String)>,
    enforcer: Enforcer,
    req: &Request<'_>,
) -> AuthzDecision {
    let mut allow_present = Vec::new();
    let mut allow_hit = None;
    for (policy, name) in policies {
        match policy.action {
            Action::Deny => {
                for (i, rule) in policy.rules.iter().enumerate() {
                    if rule_matches(rule, Action::Deny, enforcer, req) == Some(true) {
                        return AuthzDecision {
                            allowed: false,
                            decided_by: vec![format!("AuthorizationPolicy {name} rule {i}")],
                            reason: format!("DENY policy {name} matches"),
                        };
                    }
                }
            }
            Action::Allow => {
                allow_present.push(format!("AuthorizationPolicy {name}"));
                if allow_hit.is_none() {
                    allow_hit = policy
                        .rules
                        .iter()
                        .position(|r| rule_matches(r, Action::Allow, enforcer, req) == Some(true))
                        .map(|i| format!("AuthorizationPolicy {name} rule {i}"));
                }
            }
            // CUSTOM needs an external authorizer and AUDIT never decides.
            Action::Custom | Action::Audit => {}
        }
    }
    match (allow_present.is_empty(), allow_hit) {
        (true, _) => AuthzDecision {
            allowed: true,
            decided_by: Vec::new(),
            reason: "no ALLOW policy applies: allowed".to_owned(),
        },
        (false, Some(rule)) => AuthzDecision {
            allowed: true,
            reason: format!("allowed by {rule}"),
            decided_by: vec![rule],
        },
        (false, None) => AuthzDecision {
            allowed: false,
            reason: "ALLOW policies exist, but none allowed".to_owned(),
            decided_by: allow_present,
        },
    }
}

/// The PeerAuthentication mode for a workload's container port: workload policy (port level
/// first) > namespace policy > root-namespace policy > PERMISSIVE.
pub fn mtls_mode(
    pas: &[PeerAuthentication],
    pod_ns: NsId,
    root_ns: Option<NsId>,
    labels: &Labels,
    port: u16,
) -> (MtlsMode, Option<String>) {
    let mut chain: Vec<&PeerAuthentication> = Vec::new();
    chain.extend(
        pas.iter()
            .filter(|p| p.ns == pod_ns && p.selector.as_ref().is_some_and(|s| s.matches(labels))),
    );
    chain.extend(
        pas.iter()
            .filter(|p| p.ns == pod_ns && p.selector.is_none()),
    );
    chain.extend(
        pas.iter()
            .filter(|p| Some(p.ns) == root_ns && p.selector.is_none()),
    );
    for pa in chain {
        if pa.selector.is_some()
            && let Some((_, mode)) = pa.ports.iter().find(|(p, _)| *p == port)
            && *mode != MtlsMode::Unset
        {
            return (*mode, Some(pa.name.clone()));
        }
        if pa.mode != MtlsMode::Unset {
            return (pa.mode, Some(pa.name.clone()));
        }
    }
    (MtlsMode::Permissive, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(
        principal: Option<&'static str>,
        http: Option<(&'static str, &'static str, &'static str)>,
    ) -> Request<'static> {
        Request {
            principal,
            source_ip: IpAddr::from([10, 0, 0, 1]),
            port: 9000,
            http,
            headers: &[],
            jwt: None,
        }
    }

    fn policy(action: Action, rules: Vec<Rule>) -> AuthorizationPolicy {
        AuthorizationPolicy {
            ns: 0,
            name: "p".into(),
            attachment: Attachment::Workloads(None),
            action,
            rules,
        }
    }

    fn methods_rule(ports: Option<Vec<u16>>) -> Rule {
        Rule {
            to: vec![Operation {
                methods: Some(vec!["GET".into()]),
                ports,
                ..Operation::default()
            }],
            ..Rule::default()
        }
    }

    fn decide(p: &AuthorizationPolicy, e: Enforcer, r: &Request<'_>) -> bool {
        authorize(std::iter::once((p, "ns/p".to_owned())), e, r).allowed
    }

    #[test]
    fn allow_nothing_and_match_all() {
        let nothing = policy(Action::Allow, vec![]);
        assert!(!decide(
            &nothing,
            Enforcer::Sidecar,
            &req(None, Some(("GET", "/", "h")))
        ));
        let all = policy(Action::Allow, vec![Rule::default()]);
        assert!(decide(&all, Enforcer::Sidecar, &req(None, None)));
    }

    #[test]
    fn http_fields_on_tcp() {
        let deny = policy(Action::Deny, vec![methods_rule(None)]);
        // Sidecar, TCP: HTTP fields count as matching, so all TCP is denied (fail closed).
        assert!(!decide(&deny, Enforcer::Sidecar, &req(None, None)));
        // ztunnel: a DENY clause with only HTTP fields is a no-op.
        assert!(decide(&deny, Enforcer::Ztunnel, &req(None, None)));
        // ztunnel: with a port next to the method the rule is enforced without the HTTP part.
        let deny_port = policy(Action::Deny, vec![methods_rule(Some(vec![9000]))]);
        assert!(!decide(&deny_port, Enforcer::Ztunnel, &req(None, None)));
        // ALLOW with HTTP fields at ztunnel is dropped: nothing is allowed.
        let allow = policy(Action::Allow, vec![methods_rule(None)]);
        assert!(!decide(
            &allow,
            Enforcer::Ztunnel,
            &req(Some("cluster.local/ns/a/sa/b"), None)
        ));
        // The waypoint sees HTTP.
        assert!(decide(
            &allow,
            Enforcer::Waypoint,
            &req(None, Some(("GET", "/", "h")))
        ));
        assert!(!decide(
            &allow,
            Enforcer::Waypoint,
            &req(None, Some(("POST", "/", "h")))
        ));
    }

    #[test]
    fn principals_need_mtls() {
        let rule = Rule {
            from: vec![Source {
                principals: Some(vec!["cluster.local/ns/legacy/sa/sleep".into()]),
                ..Source::default()
            }],
            ..Rule::default()
        };
        let allow = policy(Action::Allow, vec![rule]);
        assert!(!decide(
            &allow,
            Enforcer::Sidecar,
            &req(None, Some(("GET", "/", "h")))
        ));
        assert!(decide(
            &allow,
            Enforcer::Sidecar,
            &req(
                Some("cluster.local/ns/legacy/sa/sleep"),
                Some(("GET", "/", "h"))
            )
        ));
        assert!(wildcard(
            "cluster.local/ns/legacy/*",
            "cluster.local/ns/legacy/sa/x"
        ));
        assert!(!field(&Some(vec!["a".into()]), &None, None));
    }
}
