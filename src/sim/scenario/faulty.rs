//! One request through a faulty cluster: the probe, then the faults it runs into. Every caller
//! that sends requests (runs, traces, invariants, drills) goes through here, so faults apply the
//! same way everywhere.

use std::collections::BTreeSet;

use crate::sim::eval::outcome::ProbeResult;
use crate::sim::eval::probe::{self, Probe, ProbeError};
use crate::sim::eval::refs::{self, Client};
use crate::sim::model::istio::AuthorizationPolicy;
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, PodId};
use crate::sim::scenario::fault::{self, Ends, Fault};
use crate::sim::scenario::moment::Moment;

/// A cluster with its faults already applied to the model.
#[derive(Clone, Debug)]
pub struct Faulty {
    pub cluster: Cluster,
    pub faults: Vec<Fault>,
    /// What the faults changed before any request, for traces and reports.
    pub notes: Vec<String>,
    /// Pods the faults left running but not ready.
    pub not_ready: BTreeSet<PodId>,
    /// Pods the faults kept from being created.
    pub absent: BTreeSet<PodId>,
    /// Routes the controller refused: `NS/NAME` and the reason.
    pub unaccepted: Vec<(String, String)>,
    /// The meshes installed, as the scenario enrolled its pods before anything broke.
    pub installed: BTreeSet<Profile>,
    /// AuthorizationPolicies left out of the model because stale proxies do not enforce them
    /// (they are still objects in the API server).
    pub not_enforced: Vec<AuthorizationPolicy>,
    /// Routes the controller refused, as written (still objects in the API server).
    pub refused_routes: Vec<crate::sim::model::HttpRoute>,
    /// On a timeline: the moment this cluster is, with its certificates and control plane.
    pub moment: Option<Moment>,
}

impl Faulty {
    pub fn new(mut cluster: Cluster, faults: Vec<Fault>) -> Faulty {
        let installed = cluster.mesh.pod_profile.iter().copied().collect();
        let applied = fault::apply_to_cluster(&mut cluster, &faults);
        Faulty {
            cluster,
            faults,
            notes: applied.notes,
            not_ready: applied.not_ready,
            absent: applied.absent,
            unaccepted: applied.unaccepted,
            installed,
            not_enforced: applied.not_enforced,
            refused_routes: applied.refused_routes,
            moment: None,
        }
    }

    pub fn probe(&self, probe: &Probe) -> Result<ProbeResult, ProbeError> {
        self.probe_paced(probe, 0.0)
    }

    /// A probe whose requests arrive `rps` a second (0: together), with the faults applied.
    pub fn probe_paced(&self, probe: &Probe, rps: f64) -> Result<ProbeResult, ProbeError> {
        let mut result = probe::run_paced(&self.cluster, probe, rps)?;
        if !self.faults.is_empty() || self.moment.is_some() {
            let ends = self.ends(probe, &result)?;
            fault::apply_to_result(&self.cluster, &self.faults, ends, &mut result);
            if let Some(moment) = &self.moment {
                moment.apply_to_result(&self.cluster, probe, ends, &mut result);
            }
        }
        Ok(result)
    }

    /// The pods at either end of a probe's request.
    pub fn ends(&self, probe: &Probe, result: &ProbeResult) -> Result<Ends, ProbeError> {
        let from = refs::resolve_client(&self.cluster, &probe.from)?;
        let client = match from {
            Client::Pod(p) => Some(p),
            _ => None,
        };
        // A name, not a reference or an address: the client asked DNS first.
        let lookup = client.is_some()
            && refs::resolve_target(&self.cluster, from, &probe.to)
                .is_ok_and(|r| r.dns_name.is_some());
        Ok(Ends {
            client,
            server: served_by(&self.cluster, result),
            lookup,
        })
    }
}

/// The pod that answered, if any.
pub fn served_by(cluster: &Cluster, result: &ProbeResult) -> Option<PodId> {
    let (ns, name) = result.backend.as_ref()?.pod.split_once('/')?;
    cluster.pod(ns, name)
}

/// The request got an answer from the destination (or the external host): no policy refused
/// it and nothing on the way broke it. `verdict` alone says only what policy decided; a request
/// that policy allowed can still fail (no endpoint, a failed handshake, a crashed node agent).
pub fn served(result: &ProbeResult) -> bool {
    use crate::sim::eval::outcome::{Outcome, Verdict};
    result.verdict == Verdict::Allowed
        && matches!(result.outcome, Outcome::Ok | Outcome::HttpError)
        && (result.backend.is_some() || result.outcome == Outcome::Ok)
}
