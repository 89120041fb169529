//! What a load reports: the error that stops it (malformed input, exit code 2), and the
//! objects it rejects and warnings it raises while it goes on (`model::diag`).

use std::fmt;

use crate::sim::model::{Cluster, NsId, Origin, Rejected, Warn, Warning};

/// Bad input: the load stops here (exit code 2 in the CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for LoadError {}

/// List an object the API server (or the mesh's webhook / CRD schema) would refuse.
pub(super) fn reject(
    cluster: &mut Cluster,
    at: &Origin,
    kind: &str,
    ns: NsId,
    name: &str,
    reason: impl Into<String>,
) {
    let object = format!("{}/{name}", cluster.ns_name(ns));
    cluster.rejected.push(Rejected {
        at: at.clone(),
        kind: kind.to_owned(),
        object,
        reason: reason.into(),
    });
}

/// Raise a warning about `object` (`Kind NS/NAME`, or empty).
pub(super) fn warn(cluster: &mut Cluster, at: &Origin, object: impl Into<String>, warn: Warn) {
    cluster.warnings.push(Warning {
        at: at.clone(),
        object: object.into(),
        warn,
    });
}

/// Say what the simulator assumed to go on.
pub(super) fn assumed(cluster: &mut Cluster, at: &Origin, what: impl Into<String>) {
    warn(
        cluster,
        at,
        String::new(),
        Warn::Assumed { what: what.into() },
    );
}
