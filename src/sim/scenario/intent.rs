//! Policy intents placed at an enforcement point (the lesson's sections 3 and 9).
//!
//! An intent says what should be allowed or denied in terms of request attributes, and what
//! else the point must do with the requests it governs: split them to a canary, retry them,
//! record them, or accept routes only from delegated namespaces. Each of the six enforcement
//! points sees a fixed set of attributes: an intent that needs an attribute its point cannot see
//! is reported as not enforceable there and is not applied, so the request it should have
//! stopped (split, retried, recorded) is not. A point the request never passes (an edge gateway
//! for east-west traffic, an L7 proxy that is not on the path) never sees the request at all.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a policy can be enforced (lesson section 9; DESIGN.md §5).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Point {
    /// CNI / NetworkPolicy: packets, before any proxy.
    Cni,
    /// Mesh identity-aware proxy at L4 (Linkerd Server authz, Istio L4 authz, ztunnel).
    MeshIdentity,
    /// An L7 proxy on the request path (sidecar Envoy, waypoint, Cilium node Envoy).
    L7Proxy,
    /// The application's own code, with its domain state.
    Application,
    /// The egress gateway every outbound call to an external host is routed through.
    EgressGateway,
    /// The edge / API gateway at the platform boundary (north-south traffic only).
    EdgeGateway,
}

/// A request attribute a policy can test or a record can show.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Attribute {
    SourceIp,
    Port,
    SourceNamespace,
    SourceLabels,
    /// The authenticated workload identity (needs mTLS).
    Identity,
    Method,
    Path,
    Headers,
    ExternalHost,
    ClientRate,
    /// Facts only the application knows (who is assigned to which case).
    DomainState,
    /// The response status: what a retry decides on and a request record shows.
    Status,
    /// The backend each request goes to: only a point that routes every request on its own can
    /// choose it (route-level traffic control). A packet filter or an L4 proxy balances whole
    /// connections over a Service's endpoints, never requests over two Services.
    Backend,
    /// The namespace whose route a request matched: a Gateway API listener knows it, because
    /// routes attach to it from their own namespaces (`allowedRoutes`).
    RouteOwner,
}

impl Attribute {
    /// The name policies and reports spell it with (`source-namespace`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

impl Point {
    pub const ALL: [Point; 6] = [
        Point::Cni,
        Point::MeshIdentity,
        Point::L7Proxy,
        Point::Application,
        Point::EgressGateway,
        Point::EdgeGateway,
    ];

    /// The attributes this point can see (DESIGN.md §5, lesson section 9's "Reason" column).
    pub fn sees(self, attribute: Attribute) -> bool {
        use Attribute::*;
        match self {
            // Packet headers and the labels the CNI maps to its identities; FQDN egress rules
            // are a Cilium extension (toFQDNs), so the CNI point sees external hosts too.
            Point::Cni => matches!(
                attribute,
                SourceIp | Port | SourceNamespace | SourceLabels | ExternalHost
            ),
            Point::MeshIdentity => {
                matches!(attribute, SourceIp | Port | SourceNamespace | Identity)
            }
            Point::L7Proxy => matches!(
                attribute,
                SourceIp
                    | Port
                    | SourceNamespace
                    | Identity
                    | Method
                    | Path
                    | Headers
                    | Status
                    | Backend
            ),
            // The application sees the request and its own state (and, as a client, the status
            // it gets back), but not who its caller is cryptographically unless the mesh tells
            // it, and not packets it never accepts. It answers the requests that reach it; it
            // does not route them to another Service.
            Point::Application => {
                matches!(attribute, Method | Path | Headers | DomainState | Status)
            }
            Point::EgressGateway => {
                matches!(attribute, SourceNamespace | Identity | ExternalHost | Port)
            }
            Point::EdgeGateway => matches!(
                attribute,
                SourceIp | Method | Path | Headers | ClientRate | Status | Backend | RouteOwner
            ),
        }
    }
}

/// What a drill asks the learner to enforce.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    /// Requests matching any of these rules are denied.
    #[serde(default)]
    pub deny: Vec<Rule>,
    /// When not empty, requests to `applies_to` must match one of these rules or be denied.
    #[serde(default)]
    pub allow: Vec<Rule>,
    /// Destinations the intent governs, as probe references (`svc:NS/NAME`, `NS/POD`, an FQDN);
    /// empty means every request.
    #[serde(default)]
    pub applies_to: Vec<String>,
    /// Route-level traffic control: a share of the governed requests goes to a canary.
    #[serde(default)]
    pub split: Option<Split>,
    /// Governed requests that fail with a 5xx are retried, idempotent methods only.
    #[serde(default)]
    pub retry: Option<Retry>,
    /// What the point records of every governed request that reaches it (evidence: a flow, an
    /// access-log line), e.g. `["method", "path", "status"]`.
    #[serde(default)]
    pub record: Vec<Attribute>,
    /// Route delegation: only HTTPRoutes from these namespaces may attach to the entry point
    /// (Gateway API `allowedRoutes.namespaces`); empty = no delegation rule.
    #[serde(default)]
    pub delegate_to: Vec<String>,
}

/// Send `percent` of the governed requests to `backend`, the rest where they were going.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The canary, as a probe target (`svc:NS/NAME`).
    pub backend: String,
    /// 0 to 100.
    pub percent: u32,
}

/// Retry a governed request answered with a 5xx, when its method is one of `methods`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    /// The idempotent methods that may be sent again (`GET`); any other is tried once.
    pub methods: Vec<String>,
    /// Extra tries after the first (retries, as Envoy, Istio and Linkerd count them).
    pub retries: u32,
}

impl Retry {
    pub fn covers(&self, method: Option<&str>) -> bool {
        method.is_some_and(|m| self.methods.iter().any(|x| x.eq_ignore_ascii_case(m)))
    }
}

/// Conditions that must all hold (AND); an absent condition matches anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rule {
    #[serde(default)]
    pub source_namespaces: Vec<String>,
    #[serde(default)]
    pub source_labels: BTreeMap<String, String>,
    /// Workload identities, e.g. `cluster.local/ns/shop/sa/checkout`.
    #[serde(default)]
    pub identities: Vec<String>,
    #[serde(default)]
    pub ports: Vec<u16>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// Path prefixes.
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub external_hosts: Vec<String>,
    /// Matches when the client sends more than this many requests per second.
    #[serde(default)]
    pub rate_above: Option<u32>,
    /// Domain facts that must have these values, e.g. `officer-assigned = false`.
    #[serde(default)]
    pub facts: BTreeMap<String, bool>,
}

impl Rule {
    /// The attributes this rule needs to see.
    pub fn attributes(&self) -> Vec<Attribute> {
        let mut out = Vec::new();
        let mut need = |present: bool, a: Attribute| {
            if present {
                out.push(a);
            }
        };
        need(
            !self.source_namespaces.is_empty(),
            Attribute::SourceNamespace,
        );
        need(!self.source_labels.is_empty(), Attribute::SourceLabels);
        need(!self.identities.is_empty(), Attribute::Identity);
        need(!self.ports.is_empty(), Attribute::Port);
        need(!self.methods.is_empty(), Attribute::Method);
        need(!self.paths.is_empty(), Attribute::Path);
        need(!self.headers.is_empty(), Attribute::Headers);
        need(!self.external_hosts.is_empty(), Attribute::ExternalHost);
        need(self.rate_above.is_some(), Attribute::ClientRate);
        need(!self.facts.is_empty(), Attribute::DomainState);
        out
    }
}

/// What one point knows about one request.
#[derive(Clone, Debug, Default)]
pub struct RequestView<'a> {
    /// The destination as the intent's `applies_to` names it (every form that fits).
    pub destinations: Vec<String>,
    pub source_namespace: Option<&'a str>,
    pub source_labels: Option<&'a BTreeMap<String, String>>,
    /// Present only when the request carried an authenticated (mTLS) identity.
    pub identity: Option<&'a str>,
    pub port: Option<u16>,
    pub method: Option<&'a str>,
    pub path: Option<&'a str>,
    pub headers: Option<&'a BTreeMap<String, String>>,
    pub external_host: Option<&'a str>,
    pub rate: Option<u32>,
    pub facts: Option<&'a BTreeMap<String, bool>>,
}

/// What placing an intent at a point did to one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The point evaluated the intent; `denied_by` names the rule that decided a denial.
    Enforced { denied_by: Option<String> },
    /// The request does not pass this point, so the policy never sees it.
    NotOnPath,
    /// The point cannot see these attributes, so the policy is not applied there.
    NotEnforceable { missing: Vec<Attribute> },
}

impl Intent {
    /// Every attribute the intent needs: its rules', then what splitting (the backend),
    /// retrying (the method, for idempotency, and the status), recording and delegating need.
    pub fn attributes(&self) -> Vec<Attribute> {
        let mut out: Vec<Attribute> = self
            .deny
            .iter()
            .chain(&self.allow)
            .flat_map(Rule::attributes)
            .collect();
        if self.split.is_some() {
            out.push(Attribute::Backend);
        }
        if self.retry.is_some() {
            out.extend([Attribute::Method, Attribute::Status]);
        }
        out.extend(&self.record);
        if !self.delegate_to.is_empty() {
            out.push(Attribute::RouteOwner);
        }
        out
    }

    /// Every attribute the intent needs that `point` cannot see.
    pub fn missing_at(&self, point: Point) -> Vec<Attribute> {
        let mut missing: Vec<Attribute> = self
            .attributes()
            .into_iter()
            .filter(|a| !point.sees(*a))
            .collect();
        missing.sort();
        missing.dedup();
        missing
    }

    /// Places the intent at `point` for one request. `on_path` says whether the request passes
    /// that point at all (the caller knows the mesh data path).
    pub fn place(&self, point: Point, on_path: bool, req: &RequestView) -> Placement {
        if !on_path {
            return Placement::NotOnPath;
        }
        let missing = self.missing_at(point);
        if !missing.is_empty() {
            return Placement::NotEnforceable { missing };
        }
        if !self.governs(req) {
            return Placement::Enforced { denied_by: None };
        }
        if let Some(i) = self.deny.iter().position(|r| r.matches(req)) {
            return Placement::Enforced {
                denied_by: Some(format!("deny rule {}", i + 1)),
            };
        }
        if !self.allow.is_empty() && !self.allow.iter().any(|r| r.matches(req)) {
            return Placement::Enforced {
                denied_by: Some("no allow rule matched".to_string()),
            };
        }
        Placement::Enforced { denied_by: None }
    }

    /// The request goes to a destination the intent applies to.
    pub fn governs(&self, req: &RequestView) -> bool {
        self.applies_to.is_empty() || self.applies_to.iter().any(|d| req.destinations.contains(d))
    }
}

impl Rule {
    /// Every condition holds for the request. A condition on something the request lacks (no
    /// authenticated identity, no header) does not hold.
    pub fn matches(&self, req: &RequestView) -> bool {
        let any = |values: &[String], got: Option<&str>| {
            values.is_empty() || got.is_some_and(|g| values.iter().any(|v| v == g))
        };
        let identity_ok = self.identities.is_empty()
            || req.identity.is_some_and(|id| {
                let id = canonical_identity(id);
                self.identities
                    .iter()
                    .any(|v| v == "*" || canonical_identity(v) == id)
            });
        let labels_ok = self.source_labels.iter().all(|(k, v)| {
            req.source_labels
                .and_then(|l| l.get(k))
                .is_some_and(|got| got == v)
        });
        let headers_ok = self.headers.iter().all(|(k, v)| {
            req.headers
                .and_then(|h| h.iter().find(|(name, _)| name.eq_ignore_ascii_case(k)))
                .is_some_and(|(_, got)| v == "*" || got == v)
        });
        let path_ok = self.paths.is_empty()
            || req.path.is_some_and(|p| {
                self.paths
                    .iter()
                    .any(|prefix| p.starts_with(prefix.as_str()))
            });
        let port_ok = self.ports.is_empty() || req.port.is_some_and(|p| self.ports.contains(&p));
        let rate_ok = self
            .rate_above
            .is_none_or(|limit| req.rate.is_some_and(|r| r > limit));
        let facts_ok = self
            .facts
            .iter()
            .all(|(k, v)| req.facts.and_then(|f| f.get(k)).is_some_and(|got| got == v));
        any(&self.source_namespaces, req.source_namespace)
            && labels_ok
            && identity_ok
            && port_ok
            && any(&self.methods, req.method)
            && path_ok
            && headers_ok
            && any(&self.external_hosts, req.external_host)
            && rate_ok
            && facts_ok
    }
}

/// One spelling per workload identity, so a rule may name it the way any mesh writes it:
/// `spiffe://cluster.local/ns/NS/sa/SA` (Istio, SPIFFE), `cluster.local/ns/NS/sa/SA` (Istio
/// `principals`) or `SA.NS.serviceaccount.identity.linkerd.cluster.local` (Linkerd).
pub fn canonical_identity(id: &str) -> String {
    let id = id.strip_prefix("spiffe://").unwrap_or(id);
    if let Some(rest) = id.strip_suffix(".serviceaccount.identity.linkerd.cluster.local")
        && let Some((sa, ns)) = rest.split_once('.')
    {
        return format!("cluster.local/ns/{ns}/sa/{sa}");
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deny_approve_unassigned() -> Intent {
        Intent {
            deny: vec![Rule {
                methods: vec!["POST".into()],
                paths: vec!["/internal/approve".into()],
                facts: [("officer-assigned".to_string(), false)].into(),
                ..Rule::default()
            }],
            ..Intent::default()
        }
    }

    #[test]
    fn only_the_application_can_enforce_domain_state() {
        let intent = deny_approve_unassigned();
        let facts = [("officer-assigned".to_string(), false)].into();
        let req = RequestView {
            method: Some("POST"),
            path: Some("/internal/approve/7"),
            facts: Some(&facts),
            ..RequestView::default()
        };
        assert_eq!(
            intent.place(Point::Application, true, &req),
            Placement::Enforced {
                denied_by: Some("deny rule 1".into())
            }
        );
        for point in [Point::Cni, Point::MeshIdentity, Point::L7Proxy] {
            match intent.place(point, true, &req) {
                Placement::NotEnforceable { missing } => {
                    assert!(missing.contains(&Attribute::DomainState), "{point:?}")
                }
                other => panic!("{point:?}: {other:?}"),
            }
        }
        assert_eq!(
            intent.place(Point::EdgeGateway, false, &req),
            Placement::NotOnPath
        );
    }

    #[test]
    fn allow_lists_deny_what_they_do_not_name_and_plaintext_has_no_identity() {
        let intent = Intent {
            allow: vec![Rule {
                identities: vec!["cluster.local/ns/shop/sa/checkout".into()],
                ..Rule::default()
            }],
            applies_to: vec!["svc:shop/payment".into()],
            ..Intent::default()
        };
        let to_payment = |identity| RequestView {
            destinations: vec!["svc:shop/payment".into()],
            identity,
            ..RequestView::default()
        };
        let ok = to_payment(Some("cluster.local/ns/shop/sa/checkout"));
        assert_eq!(
            intent.place(Point::MeshIdentity, true, &ok),
            Placement::Enforced { denied_by: None }
        );
        let plaintext = to_payment(None);
        assert!(matches!(
            intent.place(Point::MeshIdentity, true, &plaintext),
            Placement::Enforced { denied_by: Some(_) }
        ));
        // Requests to other destinations are not governed.
        let elsewhere = RequestView {
            destinations: vec!["svc:shop/ledger".into()],
            ..RequestView::default()
        };
        assert_eq!(
            intent.place(Point::MeshIdentity, true, &elsewhere),
            Placement::Enforced { denied_by: None }
        );
        assert!(matches!(
            intent.place(Point::Cni, true, &ok),
            Placement::NotEnforceable { .. }
        ));
    }

    #[test]
    fn identities_match_across_spellings() {
        let want = "cluster.local/ns/shop/sa/payment";
        for got in [
            "spiffe://cluster.local/ns/shop/sa/payment",
            "payment.shop.serviceaccount.identity.linkerd.cluster.local",
            want,
        ] {
            assert_eq!(canonical_identity(got), want);
        }
        assert_ne!(
            canonical_identity("spiffe://cluster.local/ns/shop/sa/checkout"),
            want
        );
    }

    #[test]
    fn header_names_are_case_insensitive_and_rates_compare_strictly() {
        let rule = Rule {
            headers: [("Authorization".to_string(), "*".to_string())].into(),
            ..Rule::default()
        };
        let headers = [("authorization".to_string(), "Bearer x".to_string())].into();
        let req = RequestView {
            headers: Some(&headers),
            ..RequestView::default()
        };
        assert!(rule.matches(&req));
        assert!(!rule.matches(&RequestView::default()));

        let limit = Rule {
            rate_above: Some(100),
            ..Rule::default()
        };
        let at = |rate| RequestView {
            rate: Some(rate),
            ..RequestView::default()
        };
        assert!(!limit.matches(&at(100)));
        assert!(limit.matches(&at(101)));
    }
}
