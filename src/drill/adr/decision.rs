//! The machine-readable decision of an ADR: the fenced ```toml block under `## Decision`
//! (or `## Keputusan`), documented in `exercises/README.md`. Every error points at
//! `file:line:column` inside the ADR.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::markdown::Document;
use crate::diag::SourceError;
use crate::sim::model::Cluster;
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::invariant::Rollback;

/// Headings that hold the decision block.
pub const DECISION_HEADINGS: [&str; 2] = ["Decision", "Keputusan"];

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub mesh: Mesh,
    /// Namespaces enrolled in the mesh (Cilium: the namespaces the decision's policies cover).
    pub scope: Vec<String>,
    /// `strict`: in-scope workloads refuse plaintext; `permissive`: they accept it too.
    /// Cilium has no mTLS: use `encryption`.
    #[serde(default)]
    pub mtls: Option<Mtls>,
    /// Cilium only: transparent encryption between nodes.
    #[serde(default)]
    pub encryption: Option<Encryption>,
    /// Istio ambient only: namespaces that get a waypoint (the L7 hop routes and L7 policies
    /// need).
    #[serde(default)]
    pub waypoints: Vec<String>,
    /// Identity-based allows; a Service named in some `to` refuses every caller not listed.
    #[serde(default)]
    pub allow: Vec<Allow>,
    #[serde(default)]
    pub canary: Option<Canary>,
    #[serde(default)]
    pub egress: Option<Egress>,
    #[serde(default)]
    pub retries: Option<Retries>,
    /// What undoes the rollout: `unenroll-namespace` or `remove-policy`.
    #[serde(default)]
    pub rollback: Option<Rollback>,
    /// The decision states whether the application pods run without a proxy beside them;
    /// checked against `mesh` (Cilium and Istio ambient are sidecarless).
    #[serde(default)]
    pub sidecarless: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mesh {
    Linkerd,
    Cilium,
    IstioSidecar,
    IstioAmbient,
}

impl Mesh {
    /// No proxy runs in the application's pod: Cilium's node datapath, Istio ambient's node
    /// ztunnel (and waypoints beside the workloads).
    pub fn sidecarless(self) -> bool {
        matches!(self, Mesh::Cilium | Mesh::IstioAmbient)
    }

    pub fn profile(self) -> Profile {
        match self {
            Mesh::Linkerd => Profile::Linkerd,
            Mesh::Cilium => Profile::Cilium,
            Mesh::IstioSidecar => Profile::IstioSidecar,
            Mesh::IstioAmbient => Profile::IstioAmbient,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mtls {
    Strict,
    Permissive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Encryption {
    Wireguard,
}

/// `from` = `NS/SERVICEACCOUNT` (the caller's identity), `to` = `NS/SERVICE`; with `methods`
/// and/or `paths`, the caller is allowed only those routes (route-level authorization, enforced
/// by an L7 proxy).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    pub from: String,
    pub to: String,
    /// HTTP methods allowed (`GET`, `POST`); empty = any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    /// Path prefixes allowed (`/api/records`); empty = any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

impl Allow {
    /// The allow names routes, not only a caller.
    pub fn route_level(&self) -> bool {
        !self.methods.is_empty() || !self.paths.is_empty()
    }
}

/// `service` (`NS/SERVICE`) splits between the `stable` and `canary` Services of its namespace;
/// `weight` percent goes to the canary.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Canary {
    pub service: String,
    pub stable: String,
    pub canary: String,
    pub weight: u32,
}

/// Only the `via` workload (`NS/DEPLOYMENT`) reaches `hosts`; every other in-scope pod's
/// egress stays inside the cluster.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Egress {
    pub via: String,
    pub hosts: Vec<String>,
}

/// The mesh's retry budget for `service` (`NS/SERVICE`): tries per request, the first
/// included.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retries {
    pub service: String,
    pub per_request_tries: u32,
}

/// The decision block found in an ADR, with where it sits for later errors.
#[derive(Clone, Debug)]
pub struct Located {
    pub decision: Decision,
    /// The block's text and its byte offset in the ADR.
    pub block: String,
    pub offset: usize,
}

impl Located {
    /// An error at the first occurrence of `needle` (a quoted value) in the block.
    pub fn error_at(&self, file: &str, adr: &str, needle: &str, message: String) -> SourceError {
        let at = self
            .block
            .find(&format!("\"{needle}\""))
            .or_else(|| self.block.find(needle))
            .unwrap_or(0);
        SourceError::at_offset(file, adr, self.offset + at, message)
    }
}

/// Finds and parses the decision block. A missing section or block and bad TOML are errors.
pub fn parse(file: &str, adr: &str, doc: &Document) -> Result<Located, SourceError> {
    let names: Vec<String> = DECISION_HEADINGS.iter().map(|s| s.to_string()).collect();
    let Some(i) = doc.section(&names) else {
        return Err(SourceError::at_offset(
            file,
            adr,
            0,
            "no `## Decision` (or `## Keputusan`) section",
        ));
    };
    let Some(fence) = doc.fences[i].iter().find(|f| f.info == "toml") else {
        return Err(SourceError::at_offset(
            file,
            adr,
            doc.sections[i].offset,
            "the Decision section has no ```toml decision block",
        ));
    };
    let decision: Decision = toml::from_str(&fence.text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        SourceError::at_offset(file, adr, fence.offset + at, crate::diag::toml_problem(&e))
    })?;
    Ok(Located {
        decision,
        block: fence.text.clone(),
        offset: fence.offset,
    })
}

/// The manifests a record attaches to its decision: the ```yaml (or ```yml) blocks of the
/// Decision section, each with the byte offset of its text in the record.
pub fn attached(doc: &Document) -> Vec<(usize, &str)> {
    let names: Vec<String> = DECISION_HEADINGS.iter().map(|s| s.to_string()).collect();
    doc.section(&names)
        .map(|i| {
            doc.fences[i]
                .iter()
                .filter(|f| f.info == "yaml" || f.info == "yml")
                .map(|f| (f.offset, f.text.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

/// `NS/NAME` split, or an error located at the value.
fn split<'a>(
    loc: &Located,
    file: &str,
    adr: &str,
    value: &'a str,
) -> Result<(&'a str, &'a str), SourceError> {
    value
        .split_once('/')
        .filter(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains('/'))
        .ok_or_else(|| loc.error_at(file, adr, value, format!("`{value}`: write NS/NAME")))
}

/// Every name the decision uses must exist in the scenario: namespaces, ServiceAccounts (of
/// some pod), Services, Deployments.
pub fn check_references(
    loc: &Located,
    file: &str,
    adr: &str,
    cluster: &Cluster,
) -> Result<(), SourceError> {
    let d = &loc.decision;
    let err = |needle: &str, message: String| loc.error_at(file, adr, needle, message);
    let namespace = |ns: &str| -> Result<(), SourceError> {
        cluster
            .namespace(ns)
            .map(|_| ())
            .ok_or_else(|| err(ns, format!("no namespace `{ns}` in the scenario")))
    };
    let service = |value: &str| -> Result<(), SourceError> {
        let (ns, name) = split(loc, file, adr, value)?;
        cluster
            .service(ns, name)
            .map(|_| ())
            .ok_or_else(|| err(value, format!("no Service `{value}` in the scenario")))
    };
    if d.scope.is_empty() {
        return Err(err("scope", "`scope` names no namespace".into()));
    }
    if !d.waypoints.is_empty() && d.mesh != Mesh::IstioAmbient {
        return Err(err(
            "waypoints",
            "`waypoints` is for `mesh = \"istio-ambient\"` only".into(),
        ));
    }
    if d.encryption.is_some() && d.mesh != Mesh::Cilium {
        return Err(err(
            "encryption",
            "`encryption` is for `mesh = \"cilium\"` only (the other meshes encrypt with mTLS)"
                .into(),
        ));
    }
    for ns in d.scope.iter().chain(&d.waypoints) {
        namespace(ns)?;
    }
    if let Some(said) = d.sidecarless
        && said != d.mesh.sidecarless()
    {
        let what = if said {
            "the decision says `sidecarless = true`, but this mesh runs a proxy in every pod of its scope"
        } else {
            "the decision says `sidecarless = false`, but this mesh runs no proxy in the application's pods"
        };
        return Err(err("sidecarless", what.into()));
    }
    for a in &d.allow {
        let (ns, sa) = split(loc, file, adr, &a.from)?;
        let known = cluster
            .pods
            .iter()
            .any(|p| cluster.ns_name(p.ns) == ns && p.service_account == sa);
        if !known {
            return Err(err(
                &a.from,
                format!("no pod runs as ServiceAccount `{}`", a.from),
            ));
        }
        service(&a.to)?;
        for p in &a.paths {
            if !p.starts_with('/') {
                return Err(err(p, format!("`{p}`: a path starts with `/`")));
            }
        }
        for m in &a.methods {
            if m.is_empty() || !m.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(err(
                    m,
                    format!("`{m}`: write an HTTP method in capitals (`GET`)"),
                ));
            }
        }
    }
    if let Some(c) = &d.canary {
        service(&c.service)?;
        let (ns, _) = split(loc, file, adr, &c.service)?;
        for name in [&c.stable, &c.canary] {
            service(&format!("{ns}/{name}"))
                .map_err(|_| err(name, format!("no Service `{ns}/{name}` in the scenario")))?;
        }
        if c.weight > 100 {
            return Err(err(
                "weight",
                "canary `weight` is a percentage: 0 to 100".into(),
            ));
        }
    }
    if let Some(e) = &d.egress {
        let (ns, name) = split(loc, file, adr, &e.via)?;
        let known = cluster
            .pods
            .iter()
            .any(|p| cluster.ns_name(p.ns) == ns && p.owner_name() == Some(name));
        if !known {
            return Err(err(&e.via, format!("no Deployment `{}`", e.via)));
        }
    }
    if let Some(r) = &d.retries {
        service(&r.service)?;
        if r.per_request_tries == 0 {
            return Err(err(
                "per_request_tries",
                "`per_request_tries` counts the first try: at least 1".into(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(adr: &str) -> Result<Located, SourceError> {
        parse("adr.md", adr, &Document::parse(adr))
    }

    #[test]
    fn the_block_parses_with_every_field() {
        let adr = "## Decision\n\n```toml\nmesh = \"linkerd\"\nscope = [\"shop\"]\nmtls = \"strict\"\nrollback = \"unenroll-namespace\"\n\n[[allow]]\nfrom = \"shop/checkout\"\nto = \"shop/payment\"\n\n[canary]\nservice = \"shop/payment\"\nstable = \"payment\"\ncanary = \"payment-v2\"\nweight = 10\n\n[egress]\nvia = \"shop/bank-adapter\"\nhosts = [\"api.bank.example\"]\n\n[retries]\nservice = \"shop/payment\"\nper_request_tries = 2\n```\n";
        let d = located(adr).unwrap().decision;
        assert_eq!(d.mesh, Mesh::Linkerd);
        assert_eq!(d.mtls, Some(Mtls::Strict));
        assert_eq!(d.rollback, Some(Rollback::UnenrollNamespace));
        assert_eq!(d.allow.len(), 1);
        assert_eq!(d.canary.unwrap().weight, 10);
        assert_eq!(d.retries.unwrap().per_request_tries, 2);
    }

    #[test]
    fn errors_point_into_the_adr() {
        // Line 5 is `mtls = "maybe"`; the value starts at column 8.
        let adr = "# ADR\n\n## Keputusan\n```toml\nmtls = \"maybe\"\n```\n";
        let e = located(adr).unwrap_err();
        assert_eq!((e.line, e.column), (5, 8), "{e}");
        let unknown = "## Decision\n```toml\nmesh = \"linkerd\"\nscope = []\nmesh_mode = 1\n```\n";
        let e = located(unknown).unwrap_err();
        assert_eq!(e.line, 5, "{e}");
        assert!(e.message.contains("mesh_mode"), "{e}");
        let e = located("## Decision\nWe choose Linkerd.\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("toml"), "{e}");
        let e = located("# ADR\n## Context\n").unwrap_err();
        assert!(e.message.contains("Decision"), "{e}");
    }

    #[test]
    fn mesh_specific_fields_belong_to_their_mesh() {
        let pack = crate::drill::pack::Pack::builtin().unwrap();
        let sources: Vec<_> = ["scenarios/lab.yaml"]
            .iter()
            .map(|p| crate::sim::load::Source {
                name: p.to_string(),
                bytes: pack.file(p).unwrap().to_vec(),
            })
            .collect();
        let cluster =
            crate::sim::load::load(&sources, &crate::sim::load::LoadOptions::default()).unwrap();
        let adr = "## Decision\n```toml\nmesh = \"linkerd\"\nscope = [\"shop\"]\nwaypoints = [\"shop\"]\n```\n";
        let loc = located(adr).unwrap();
        let e = check_references(&loc, "adr.md", adr, &cluster).unwrap_err();
        assert_eq!(e.line, 5, "{e}");
        assert!(e.message.contains("istio-ambient"), "{e}");
        let adr = "## Decision\n```toml\nmesh = \"cilium\"\nscope = [\"nowhere\"]\n```\n";
        let loc = located(adr).unwrap();
        let e = check_references(&loc, "adr.md", adr, &cluster).unwrap_err();
        assert_eq!((e.line, e.column), (4, 10), "{e}");
    }
}
