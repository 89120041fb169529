//! One entry point for `sim probe` and the test harnesses: load sources, run probes, return
//! the report that `--format json` prints.

use serde::Serialize;

use crate::sim::eval::outcome::ProbeResult;
use crate::sim::eval::probe::{self, Probe, ProbeError};
use crate::sim::load::{self, LoadError, LoadOptions, Source};
use crate::sim::model::{Cluster, Rejected, Warn, Warning};

/// An object the API server would refuse, as `--format json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedObject {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub kind: String,
    pub object: String,
    pub reason: String,
}

impl From<&Rejected> for RejectedObject {
    fn from(r: &Rejected) -> Self {
        RejectedObject {
            file: r.at.file.clone(),
            line: r.at.line,
            column: r.at.column,
            kind: r.kind.clone(),
            object: r.object.clone(),
            reason: r.reason.clone(),
        }
    }
}

/// A load warning, as `--format json` lists it: where, about what, which kind of warning
/// (`unmodeled-field`, `kind-not-modeled`, `no-effect`, `assumed`), and the sentence (without
/// its position).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WarningObject {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub object: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl From<&Warning> for WarningObject {
    fn from(w: &Warning) -> Self {
        let (kind, field) = match &w.warn {
            Warn::Unmodeled { field } => ("unmodeled-field", Some(field.clone())),
            Warn::KindNotModeled { .. } => ("kind-not-modeled", None),
            Warn::NoEffect { .. } => ("no-effect", None),
            Warn::Assumed { .. } => ("assumed", None),
        };
        WarningObject {
            file: w.at.file.clone(),
            line: w.at.line,
            column: w.at.column,
            object: w.object.clone(),
            kind,
            field,
            message: w.message(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub results: Vec<ProbeResult>,
    pub rejected: Vec<RejectedObject>,
    pub warnings: Vec<WarningObject>,
}

/// Bad input of either kind (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimError {
    Load(LoadError),
    Probe(ProbeError),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::Load(e) => e.fmt(f),
            SimError::Probe(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SimError {}

/// Run probes over an already loaded cluster.
pub fn run_probes(cluster: &Cluster, probes: &[Probe]) -> Result<Report, SimError> {
    let results = probes
        .iter()
        .map(|p| probe::run(cluster, p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(SimError::Probe)?;
    Ok(Report {
        results,
        rejected: cluster.rejected.iter().map(RejectedObject::from).collect(),
        warnings: cluster.warnings.iter().map(WarningObject::from).collect(),
    })
}

/// Load `sources` and run `probes`: exactly what `meshlab sim probe` does.
pub fn evaluate(
    sources: &[Source],
    options: &LoadOptions,
    probes: &[Probe],
) -> Result<Report, SimError> {
    let cluster = load::load(sources, options).map_err(SimError::Load)?;
    run_probes(&cluster, probes)
}
