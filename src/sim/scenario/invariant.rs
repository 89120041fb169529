//! Invariants: what must hold over a run. The grader and `meshlab sim run` speak in these, and a
//! broken one names the probe that broke it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::sim::eval::outcome::{ProbeResult, Verdict};
use crate::sim::eval::probe::{Probe, ProbeError};
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::fault::Fault;
use crate::sim::scenario::faulty::{Faulty, served, served_by};
use crate::sim::scenario::time::{Time, Window};

/// A request an invariant sends (the fields of `meshlab sim probe`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// On a timeline: the moment it is checked (default: the moment the run is at).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Time>,
    /// On a timeline: it must hold at every moment of the window (each hour and each event
    /// in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub during: Option<Window>,
}

impl Request {
    pub fn probe(&self, count: u32) -> Probe {
        Probe {
            from: self.from.clone(),
            to: self.to.clone(),
            port: self.port,
            method: self.method.clone(),
            path: self.path.clone(),
            headers: self
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            count,
            ..Probe::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Invariant {
    /// The request gets through.
    Allowed {
        #[serde(flatten)]
        request: Request,
    },
    /// The request is refused.
    Denied {
        #[serde(flatten)]
        request: Request,
    },
    /// The request gets through and travels encrypted on every hop.
    Encrypted {
        #[serde(flatten)]
        request: Request,
    },
    /// Of `requests` identical requests, `backend` (`NS/SERVICE`) serves `share` ± `tolerance`.
    Split {
        #[serde(flatten)]
        request: Request,
        backend: String,
        share: f64,
        #[serde(default = "default_tolerance")]
        tolerance: f64,
        #[serde(default = "default_requests")]
        requests: u32,
    },
    /// The external host is reachable from `gateway` but not directly from `from`.
    EgressOnlyVia {
        #[serde(flatten)]
        request: Request,
        gateway: String,
    },
    /// The request is refused and the refusal leaves a record (a flow, a log line, a metric).
    Observable {
        #[serde(flatten)]
        request: Request,
    },
    /// One user request causes at most `tries` backend requests.
    MaxTries {
        #[serde(flatten)]
        request: Request,
        tries: u32,
    },
    /// Undoing `action` takes effect within `minutes`.
    RollbackWithin {
        action: Rollback,
        namespace: String,
        minutes: u32,
    },
}

fn default_tolerance() -> f64 {
    0.05
}

fn default_requests() -> u32 {
    100
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rollback {
    /// Delete a policy: the control plane pushes the change to the data plane.
    RemovePolicy,
    /// Revert a route (e.g. a canary's weights).
    RevertRoute,
    /// Take a namespace out of the mesh.
    UnenrollNamespace,
}

/// Seconds for the control plane to push a configuration change to every proxy.
pub const CONFIG_PUSH_SECONDS: u32 = 5;
/// Seconds to restart one pod in a rolling restart (sidecars come and go only with the pod).
pub const POD_RESTART_SECONDS: u32 = 30;

#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub invariant: String,
    pub held: bool,
    /// What was observed, e.g. `allowed (HTTP 200)`, `share 0.12`, `4 tries`.
    pub observed: String,
    /// The request that decided, when one did.
    pub probe: Option<ProbeResult>,
}

impl Invariant {
    /// The request it sends, if it sends one.
    pub fn request(&self) -> Option<&Request> {
        match self {
            Invariant::Allowed { request }
            | Invariant::Denied { request }
            | Invariant::Encrypted { request }
            | Invariant::Split { request, .. }
            | Invariant::EgressOnlyVia { request, .. }
            | Invariant::Observable { request }
            | Invariant::MaxTries { request, .. } => Some(request),
            Invariant::RollbackWithin { .. } => None,
        }
    }

    pub fn describe(&self) -> String {
        let req = |r: &Request| {
            let mut s = format!("{} → {}", r.from, r.to);
            if let Some(p) = &r.path {
                s.push_str(&format!(
                    " {}{p}",
                    r.method
                        .as_deref()
                        .map_or(String::new(), |m| format!("{m} "))
                ));
            }
            s
        };
        match self {
            Invariant::Allowed { request } => format!("allowed({})", req(request)),
            Invariant::Denied { request } => format!("denied({})", req(request)),
            Invariant::Encrypted { request } => format!("encrypted({})", req(request)),
            Invariant::Split {
                request,
                backend,
                share,
                tolerance,
                ..
            } => format!("split({}, {backend} = {share} ± {tolerance})", req(request)),
            Invariant::EgressOnlyVia { request, gateway } => {
                format!("egress-only-via({}, {gateway})", req(request))
            }
            Invariant::Observable { request } => format!("observable({})", req(request)),
            Invariant::MaxTries { request, tries } => {
                format!("max-tries({}) ≤ {tries}", req(request))
            }
            Invariant::RollbackWithin {
                action,
                namespace,
                minutes,
            } => format!("rollback-within({action:?} {namespace}) ≤ {minutes} min"),
        }
    }

    pub fn check(&self, sim: &Faulty) -> Result<Outcome, ProbeError> {
        let done = |held: bool, observed: String, probe: Option<ProbeResult>| {
            Ok(Outcome {
                invariant: self.describe(),
                held,
                observed,
                probe,
            })
        };
        match self {
            Invariant::Allowed { request } | Invariant::Denied { request } => {
                let r = sim.probe(&request.probe(1))?;
                let want = matches!(self, Invariant::Allowed { .. });
                done(
                    (r.verdict == Verdict::Allowed) == want,
                    observed(&r),
                    Some(r),
                )
            }
            Invariant::Encrypted { request } => {
                let r = sim.probe(&request.probe(1))?;
                let held = served(&r) && r.encrypted;
                let what = if r.encrypted {
                    "encrypted"
                } else {
                    "plaintext"
                };
                done(held, format!("{}, {what}", observed(&r)), Some(r))
            }
            Invariant::Split {
                request,
                backend,
                share,
                tolerance,
                requests,
            } => {
                let r = sim.probe(&request.probe((*requests).max(1)))?;
                let total: u64 = r.counts.values().sum();
                let got = r.counts.get(backend).copied().unwrap_or(0) as f64 / total.max(1) as f64;
                let held = (got - share).abs() <= *tolerance;
                done(held, format!("{backend} served {got:.3}"), Some(r))
            }
            Invariant::EgressOnlyVia { request, gateway } => {
                let direct = sim.probe(&request.probe(1))?;
                let via = Request {
                    from: gateway.clone(),
                    ..request.clone()
                };
                let through = sim.probe(&via.probe(1))?;
                let held = direct.verdict == Verdict::Denied && through.verdict == Verdict::Allowed;
                let observed = format!(
                    "direct: {}; via {gateway}: {}",
                    observed(&direct),
                    observed(&through)
                );
                let decisive = if served(&direct) { direct } else { through };
                done(held, observed, Some(decisive))
            }
            Invariant::Observable { request } => {
                let r = sim.probe(&request.probe(1))?;
                let refused = !served(&r);
                let recorded = refused && leaves_record(sim, request, &r)?;
                let observed = match (refused, recorded) {
                    (false, _) => "not denied".to_string(),
                    (true, true) => format!("{}; recorded", observed(&r)),
                    (true, false) => format!("{}; nothing records the drop", observed(&r)),
                };
                done(recorded, observed, Some(r))
            }
            Invariant::MaxTries { request, tries } => {
                let r = sim.probe(&request.probe(1))?;
                done(r.tries <= *tries, format!("{} tries", r.tries), Some(r))
            }
            Invariant::RollbackWithin {
                action,
                namespace,
                minutes,
            } => {
                let seconds = rollback_seconds(sim, *action, namespace);
                let held = seconds.is_some_and(|s| s <= minutes * 60);
                let observed = seconds.map_or_else(
                    || "never: the control plane cannot push the change".to_string(),
                    |s| format!("{s} s"),
                );
                done(held, observed, None)
            }
        }
    }
}

fn observed(r: &ProbeResult) -> String {
    let verdict = match r.verdict {
        Verdict::Allowed => "allowed",
        Verdict::Denied => "denied",
        Verdict::Failed => "failed",
    };
    match r.status {
        Some(s) => format!("{verdict} (HTTP {s})"),
        None => format!(
            "{verdict} ({})",
            crate::sim::eval::probe::outcome_name(r.outcome)
        ),
    }
}

/// Who records a refusal: proxies log and count denials (access logs, authz metrics); a CNI drop
/// is recorded only by Cilium's Hubble. Plain NetworkPolicy drops leave no trace by default.
fn leaves_record(sim: &Faulty, request: &Request, r: &ProbeResult) -> Result<bool, ProbeError> {
    let Some(stop) = r.hops.iter().rev().find(|h| {
        matches!(
            h.decision.as_ref(),
            "drop" | "deny" | "reset" | "reject" | "answer"
        )
    }) else {
        return Ok(false);
    };
    if !stop.component.starts_with("CNI") {
        return Ok(true);
    }
    let ends = sim.ends(&request.probe(1), r)?;
    let cilium = |p: Option<usize>| {
        p.and_then(|p| sim.cluster.mesh.pod_profile.get(p).copied()) == Some(Profile::Cilium)
    };
    let dst = served_by(&sim.cluster, r).or(ends.server);
    Ok(cilium(ends.client) || cilium(dst) || cilium(destination_pod(sim, request)))
}

/// The pod a request is addressed to (for a drop, nothing answered).
fn destination_pod(sim: &Faulty, request: &Request) -> Option<usize> {
    let rest = request.to.strip_prefix("deploy:").unwrap_or(&request.to);
    let rest = rest.strip_prefix("svc:").unwrap_or(rest);
    let (ns, name) = rest.split_once('/')?;
    sim.cluster
        .pod(ns, name)
        .or_else(|| {
            let svc = sim.cluster.service(ns, name)?;
            sim.cluster.services.get(svc)?.endpoints.first().copied()
        })
        .or_else(|| {
            sim.cluster
                .pods
                .iter()
                .position(|p| sim.cluster.ns_name(p.ns) == ns && p.owner_name() == Some(name))
        })
}

/// How long undoing `action` in `namespace` takes, or `None` when it cannot happen.
fn rollback_seconds(sim: &Faulty, action: Rollback, namespace: &str) -> Option<u32> {
    let control_plane_down = sim
        .faults
        .iter()
        .any(|f| matches!(f, Fault::ControlPlaneDown { .. }));
    let pods: Vec<usize> = (0..sim.cluster.pods.len())
        .filter(|p| sim.cluster.ns_name(sim.cluster.pods[*p].ns) == namespace)
        .collect();
    match action {
        Rollback::RemovePolicy | Rollback::RevertRoute => {
            (!control_plane_down).then_some(CONFIG_PUSH_SECONDS)
        }
        Rollback::UnenrollNamespace => {
            // Sidecars leave only with their pod: a rolling restart. Ambient and Cilium change
            // a label (or nothing) and the node picks it up without restarting anything.
            let restarts = pods
                .iter()
                .filter(|p| {
                    matches!(
                        sim.cluster.mesh.pod_profile.get(**p),
                        Some(Profile::Linkerd | Profile::IstioSidecar)
                    )
                })
                .count() as u32;
            Some(CONFIG_PUSH_SECONDS + restarts * POD_RESTART_SECONDS)
        }
    }
}
