//! What the timeline knows about one moment beyond the cluster's objects: who holds which
//! certificate, which anchors each proxy trusts, whether the control plane is gone. A request
//! crossing a broken part of it fails the way its client sees it.

use std::collections::BTreeSet;

use super::event::Agent;
use super::fault::{self, Ends};
use super::time::Time;
use crate::sim::eval::outcome::{Hop, Outcome, ProbeResult, Verdict};
use crate::sim::eval::probe::Probe;
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, PodId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cert {
    pub issued: Time,
    pub expires: Time,
    /// The trust anchor it chains to.
    pub anchor: String,
}

/// The proxy (a sidecar, or a node's ztunnel for one identity) that holds a pod's certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// `NS/POD`, or `ztunnel NODE/NS/SERVICEACCOUNT`.
    pub name: String,
    /// `None`: it never got one (the issuer could not sign when it asked).
    pub cert: Option<Cert>,
}

#[derive(Clone, Debug)]
pub struct Moment {
    pub at: Time,
    /// Per pod: when it was (last) created.
    pub created: Vec<Time>,
    /// Per pod: the holder of its certificate, for pods with a mesh identity.
    pub holders: Vec<Option<Holder>>,
    /// Per pod: the trust anchors its proxy accepts.
    pub bundles: Vec<Vec<String>>,
    pub control_plane_down_since: Option<Time>,
    /// `(node, agent)` of the node agents down at this moment.
    pub agents_down: BTreeSet<(String, Agent)>,
    /// `(from, to)` the scenario's traffic keeps warm in Linkerd's discovery cache.
    pub warm: BTreeSet<(String, String)>,
}

impl Moment {
    /// Valid at this moment.
    pub fn valid(&self, cert: &Cert) -> bool {
        cert.issued <= self.at && self.at < cert.expires
    }

    /// Why the pod's side of an mTLS handshake fails now, if it does.
    fn broken(&self, pod: PodId) -> Option<String> {
        let holder = self.holders.get(pod)?.as_ref()?;
        match &holder.cert {
            None => Some(format!("{} has no certificate", holder.name)),
            Some(c) if !self.valid(c) => Some(format!(
                "{}'s certificate expired at {}",
                holder.name, c.expires
            )),
            Some(_) => None,
        }
    }

    /// The anchor `pod`'s certificate chains to is one `peer` trusts.
    fn trusted(&self, pod: PodId, peer: PodId) -> Option<String> {
        let cert = self.holders.get(pod)?.as_ref()?.cert.as_ref()?;
        let bundle = self.bundles.get(peer)?;
        (!bundle.contains(&cert.anchor)).then(|| {
            format!(
                "{} chains to {}, which the peer does not trust (trusts {})",
                self.holders[pod].as_ref().map_or("", |h| h.name.as_str()),
                cert.anchor,
                bundle.join(", ")
            )
        })
    }

    /// Turns a request that meets an expired or untrusted certificate, or a Linkerd proxy with
    /// no discovery for its destination, into what its client sees.
    pub fn apply_to_result(
        &self,
        cluster: &Cluster,
        probe: &Probe,
        ends: Ends,
        result: &mut ProbeResult,
    ) {
        if result.verdict != Verdict::Allowed {
            return;
        }
        let profile = |p: Option<PodId>| {
            p.and_then(|p| cluster.mesh.pod_profile.get(p).copied())
                .unwrap_or(Profile::None)
        };
        let client_sidecar = fault::sidecar(profile(ends.client)) && result.status.is_some();
        // Linkerd asks the destination controller for every new destination and never times
        // the lookup out ("We do not enforce any timeouts on discovery", linkerd2-proxy
        // linkerd/app/core/src/disco_cache.rs); a cached one keeps working (oracle LKD-13).
        if profile(ends.client) == Profile::Linkerd
            && let Some(since) = self.control_plane_down_since
            && !self.warm.contains(&(probe.from.clone(), probe.to.clone()))
        {
            hang(
                result,
                format!(
                    "no discovery for {}: the Linkerd control plane is down since {since} and the destination is not in the proxy's cache",
                    probe.to
                ),
            );
            return;
        }
        if result.client_identity.is_none() {
            return;
        }
        let (Some(client), Some(server)) = (ends.client, ends.server) else {
            return;
        };
        let reason = self
            .broken(client)
            .or_else(|| self.broken(server))
            .or_else(|| self.trusted(client, server))
            .or_else(|| self.trusted(server, client));
        if let Some(reason) = reason {
            fault::fail(
                result,
                format!("mTLS handshake failed: {reason}"),
                false,
                client_sidecar,
            );
        }
    }
}

/// The request waits for an answer that never comes, until the client gives up.
fn hang(result: &mut ProbeResult, reason: String) {
    result.verdict = Verdict::Failed;
    result.outcome = Outcome::Timeout;
    result.status = None;
    result.backend = None;
    result.encrypted = false;
    result.latency_us = (crate::sim::eval::latency::CLIENT_TIMEOUT_MS * 1000.0) as u64;
    let total = result.counts.values().sum();
    result.counts = [("outcome:timeout".to_string(), total)].into();
    result.failed_requests = total;
    result.decided_by.push(format!("timeline: {reason}"));
    result.hops.push(Hop {
        component: "linkerd-proxy (client)".into(),
        decision: "timeout".into(),
        encrypted: false,
        identity: None,
        reason,
        proxy: None,
    });
}
