//! Scenario files (TOML): a cluster from Kubernetes manifests, a mesh profile, faults, the traffic
//! `meshlab sim run` sends, and the invariants it checks. The caller reads the files; this module
//! only parses and validates, so the simulator never touches the file system.
//!
//! Beside the file format live what is built on single requests: faults and the faulty cluster
//! every caller sends through ([`fault`], [`faulty`]), traffic runs ([`run`]), invariants,
//! policy intents at enforcement points ([`intent`], [`enforce`], [`shaping`], [`evidence`]),
//! and batches of probes over loaded manifests ([`probes`]).

pub mod clocks;
pub mod cost;
pub mod enforce;
pub mod event;
pub mod evidence;
pub mod fault;
pub mod faulty;
pub mod intent;
pub mod invariant;
pub mod moment;
pub mod probes;
pub mod run;
pub mod shaping;
pub mod steps;
pub mod time;
pub mod timeline;

use serde::Deserialize;

use self::fault::Fault;
use self::invariant::Invariant;
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Profile for namespaces whose own labels say nothing (`none`, `linkerd`, `cilium`,
    /// `istio-sidecar`, `istio-ambient`).
    #[serde(default, deserialize_with = "profile")]
    pub mesh: Option<Profile>,
    /// Kubernetes manifest files, relative to the scenario file.
    pub manifests: Vec<String>,
    /// The default seed of `meshlab sim run`.
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub faults: Vec<Fault>,
    #[serde(default)]
    pub traffic: Vec<Traffic>,
    #[serde(default)]
    pub invariants: Vec<Invariant>,
    /// What happens over time (`[[events]]`); none: the cluster stays as the manifests say.
    #[serde(default)]
    pub events: Vec<event::Event>,
}

/// A stream of identical requests along one edge.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub port: Option<u16>,
    /// TCP (the default), UDP, SCTP or ICMP (a ping).
    #[serde(default, deserialize_with = "protocol")]
    pub protocol: Option<Protocol>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// Requests per second (for the RPS column of the metrics).
    #[serde(default = "default_rps")]
    pub rps: u32,
    /// How long the destination application takes to answer, in milliseconds.
    #[serde(default)]
    pub delay_ms: u64,
}

fn default_rps() -> u32 {
    10
}

fn protocol<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Protocol>, D::Error> {
    let s = String::deserialize(d)?;
    Protocol::parse_probe(&s.to_ascii_uppercase())
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!("unknown protocol {s:?} (TCP, UDP, SCTP or ICMP)"))
        })
}

fn profile<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Profile>, D::Error> {
    let s = String::deserialize(d)?;
    Profile::parse(&s).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown mesh profile `{s}`; expected one of {}",
            Profile::ALL.join(", ")
        ))
    })
}

/// A scenario that cannot be used: `file:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    pub fn parse(file: &str, text: &str) -> Result<Scenario, ScenarioError> {
        toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start).min(text.len());
            let before = text.get(..offset).unwrap_or_default();
            ScenarioError {
                file: file.to_string(),
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                // As `diag::toml_problem` words it (`sim` depends on no other module).
                message: format!("cannot read the TOML (TOML parser: {})", e.message().trim()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_scenario() {
        let s = Scenario::parse(
            "s.toml",
            r#"
mesh = "istio-ambient"
manifests = ["lab.yaml"]
seed = 7

[[faults]]
type = "node-agent-down"
node = "node-1"

[[traffic]]
from = "deploy:web/frontend"
to = "svc:shop/checkout"
rps = 50

[[invariants]]
type = "denied"
from = "deploy:web/frontend"
to = "svc:shop/ledger"
"#,
        )
        .unwrap();
        assert_eq!(s.mesh, Some(Profile::IstioAmbient));
        assert_eq!(s.faults.len(), 1);
        assert_eq!(s.traffic[0].rps, 50);
        assert_eq!(s.invariants.len(), 1);
    }

    #[test]
    fn errors_point_at_the_line() {
        let e = Scenario::parse("s.toml", "manifests = []\nmesh = \"kuma\"\n").unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (2, "s.toml"));
        assert!(e.message.contains("unknown mesh profile `kuma`"), "{e}");
        let e = Scenario::parse(
            "s.toml",
            "manifests = []\n[[faults]]\ntype = \"gremlins\"\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (3, 8), "{e}");
        assert!(e.message.contains("unknown variant `gremlins`"));
    }
}
