//! Istio security: PeerAuthentication modes and AuthorizationPolicy (istio/api
//! security/v1beta1/authorization_policy.proto; MESH-NOTES.md §3-4). Evaluated by a sidecar,
//! by ztunnel (L4 only) or by a waypoint (L7).

use crate::sim::model::NsId;
use crate::sim::model::labels::Selector;
use crate::sim::model::net::Cidr;

/// The mesh root namespace: its policies without a selector apply mesh-wide.
pub const ROOT_NAMESPACE: &str = "istio-system";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MtlsMode {
    Unset,
    Disable,
    Permissive,
    Strict,
}

impl MtlsMode {
    pub fn parse(s: Option<&str>) -> Option<Self> {
        match s.unwrap_or("UNSET") {
            "UNSET" => Some(MtlsMode::Unset),
            "DISABLE" => Some(MtlsMode::Disable),
            "PERMISSIVE" => Some(MtlsMode::Permissive),
            "STRICT" => Some(MtlsMode::Strict),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PeerAuthentication {
    pub ns: NsId,
    pub name: String,
    pub selector: Option<Selector>,
    pub mode: MtlsMode,
    /// portLevelMtls, keyed by container port.
    pub ports: Vec<(u16, MtlsMode)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Allow,
    Deny,
    Custom,
    Audit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attachment {
    /// `selector` (or none: every workload of the namespace, mesh-wide in the root namespace).
    Workloads(Option<Selector>),
    /// `targetRef(s)`: (kind, name) of Services or Gateways; enforced by waypoints/gateways.
    Targets(Vec<(String, String)>),
}

/// One value list with Istio's wildcard matching (`*`, `prefix*`, `*suffix`).
pub type Values = Option<Vec<String>>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub principals: Values,
    pub not_principals: Values,
    pub namespaces: Values,
    pub not_namespaces: Values,
    pub ip_blocks: Option<Vec<Cidr>>,
    pub not_ip_blocks: Option<Vec<Cidr>>,
    /// The original client's address (X-Forwarded-For or PROXY protocol). No proxy in meshlab
    /// rewrites it, so it is the connection's source address.
    pub remote_ip_blocks: Option<Vec<Cidr>>,
    pub not_remote_ip_blocks: Option<Vec<Cidr>>,
    /// requestPrincipals (`ISS/SUB` of a JWT that RequestAuthentication validated):
    /// HTTP-only.
    pub request_principals: Values,
    pub not_request_principals: Values,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Operation {
    pub hosts: Values,
    pub not_hosts: Values,
    pub ports: Option<Vec<u16>>,
    pub not_ports: Option<Vec<u16>>,
    pub methods: Values,
    pub not_methods: Values,
    pub paths: Values,
    pub not_paths: Values,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub key: String,
    pub values: Values,
    pub not_values: Values,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rule {
    pub from: Vec<Source>,
    pub to: Vec<Operation>,
    pub when: Vec<Condition>,
}

#[derive(Debug, Clone)]
pub struct AuthorizationPolicy {
    pub ns: NsId,
    pub name: String,
    pub attachment: Attachment,
    pub action: Action,
    /// Empty = matches nothing (`spec: {}` is allow-nothing); `[{}]` matches everything.
    pub rules: Vec<Rule>,
}

/// One `jwtRules` entry of a RequestAuthentication: the issuer it accepts tokens from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtRule {
    pub issuer: String,
    /// Empty = any audience.
    pub audiences: Vec<String>,
}

/// RequestAuthentication (security/v1/request_authentication.proto): which JWTs a workload
/// accepts. A token that fails them is refused (401); a request without a token passes.
#[derive(Debug, Clone)]
pub struct RequestAuthentication {
    pub ns: NsId,
    pub name: String,
    pub selector: Option<Selector>,
    pub rules: Vec<JwtRule>,
}
