//! One entry point for `sim probe` and the test harnesses: load sources, run probes, return
//! the report that `--format json` prints.

use serde::Serialize;

use super::manifest::{self, LoadError, LoadOptions, Source};
use super::model::{Cluster, Rejected};
use super::outcome::ProbeResult;
use super::probe::{self, Probe, ProbeError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedObject {
    pub kind: String,
    pub object: String,
    pub reason: String,
}

impl From<&Rejected> for RejectedObject {
    fn from(r: &Rejected) -> Self {
        RejectedObject {
            kind: r.kind.clone(),
            object: r.object.clone(),
            reason: r.reason.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub results: Vec<ProbeResult>,
    pub rejected: Vec<RejectedObject>,
    pub warnings: Vec<String>,
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
        warnings: cluster.warnings.clone(),
    })
}

/// Load `sources` and run `probes`: exactly what `meshlab sim probe` does.
pub fn evaluate(
    sources: &[Source],
    options: &LoadOptions,
    probes: &[Probe],
) -> Result<Report, SimError> {
    let cluster = manifest::load(sources, options).map_err(SimError::Load)?;
    run_probes(&cluster, probes)
}
