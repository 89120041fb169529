//! The events the cluster's controllers and kubelets would have recorded for what the faults
//! did: a ReplicaSet whose pods the injection webhook refused (`FailedCreate`), a proxy that
//! never turned ready (`Unhealthy`), a crash-looping mesh component (`BackOff`). Nothing else
//! happened in the simulated cluster, so nothing else is recorded.
//!
//! Columns and wording follow kubernetes `printers.go` (`LAST SEEN TYPE REASON OBJECT
//! MESSAGE`; wide adds `SUBOBJECT SOURCE … FIRST SEEN COUNT NAME`) and the messages the
//! kube-controller-manager and kubelet write.

use super::super::Lab;
use super::super::clock;
use super::super::pods::{self, State};
use super::super::table::Table;
use super::kinds;

#[derive(Debug, Clone)]
pub struct Event {
    pub ns: String,
    pub kind: &'static str,
    pub reason: &'static str,
    /// `pod/NAME`, `replicaset/NAME`.
    pub object: String,
    pub subobject: String,
    pub source: &'static str,
    pub message: String,
    pub count: u32,
    /// Seconds before now it was first and last seen.
    pub first: i64,
    pub last: i64,
}

impl Event {
    /// `2m (x17 over 12m)`, as describe's Age column writes a repeated event.
    pub fn age(&self) -> String {
        if self.count > 1 {
            format!(
                "{} (x{} over {})",
                clock::human(self.last),
                self.count,
                clock::human(self.first)
            )
        } else {
            clock::human(self.last)
        }
    }
}

/// Every event, in the order the faults caused them.
pub fn all(lab: &Lab) -> Vec<Event> {
    let mut out = Vec::new();
    let c = &lab.sim.cluster;
    // Pods the webhook refused: their ReplicaSet keeps trying.
    let mut refused: Vec<(String, String)> = Vec::new();
    for &i in &lab.sim.absent {
        if let Some(p) = c.pods.get(i) {
            let owner = p.owner_name().unwrap_or(&p.name).to_owned();
            let key = (c.ns_name(p.ns).to_owned(), owner);
            if !refused.contains(&key) {
                refused.push(key);
            }
        }
    }
    for (ns, owner) in refused {
        out.push(Event {
            ns,
            kind: "Warning",
            reason: "FailedCreate",
            object: format!("replicaset/{}", kinds::replica_set(&owner)),
            subobject: String::new(),
            source: "replicaset-controller",
            message: "Error creating: Internal error occurred: failed calling webhook \"namespace.sidecar-injector.istio.io\": failed to call webhook: Post \"https://istiod.istio-system.svc:443/inject?timeout=10s\": context deadline exceeded".to_owned(),
            count: 17,
            first: clock::NEW_POD_AGE,
            last: 95,
        });
    }
    for p in lab.pods() {
        for ct in p.running() {
            if ct.state == State::CrashLoop {
                out.push(Event {
                    ns: p.ns.clone(),
                    kind: "Warning",
                    reason: "BackOff",
                    object: format!("pod/{}", p.name),
                    subobject: format!("spec.containers{{{}}}", ct.name),
                    source: "kubelet",
                    message: format!(
                        "Back-off restarting failed container {} in pod {}_{}",
                        ct.name, p.name, p.ns
                    ),
                    count: ct.restarts.max(1),
                    first: 3600 * 3,
                    last: 40,
                });
            } else if !ct.ready {
                // A proxy that never turned ready fails its own probe; an app container, the
                // readiness probe the simulator sent through the mesh.
                let message = if pods::is_proxy(&ct.name) {
                    let (port, path) = if ct.name == "istio-proxy" {
                        (15021, "/healthz/ready")
                    } else {
                        (4191, "/ready")
                    };
                    Some(format!(
                        "Readiness probe failed: HTTP probe failed with statuscode: 503 (GET http://{}:{port}{path})",
                        p.ip
                    ))
                } else {
                    p.model
                        .and_then(|i| lab.sim.cluster.unready.get(&i))
                        .map(|u| u.kubelet.clone())
                };
                if let Some(message) = message {
                    out.push(Event {
                        ns: p.ns.clone(),
                        kind: "Warning",
                        reason: "Unhealthy",
                        object: format!("pod/{}", p.name),
                        subobject: format!("spec.containers{{{}}}", ct.name),
                        source: "kubelet",
                        message,
                        count: 72,
                        first: p.age.min(3600 * 3),
                        last: 12,
                    });
                }
            }
        }
    }
    out
}

/// `kubectl get events` (all namespaces when `ns` is `None`): the table, and whether it is
/// empty.
pub fn table(lab: &Lab, ns: &Option<String>, wide: bool) -> (String, bool) {
    let events: Vec<Event> = all(lab)
        .into_iter()
        .filter(|e| ns.as_ref().is_none_or(|n| *n == e.ns))
        .collect();
    let mut header: Vec<&str> = Vec::new();
    if ns.is_none() {
        header.push("NAMESPACE");
    }
    header.extend(["LAST SEEN", "TYPE", "REASON", "OBJECT"]);
    if wide {
        header.extend(["SUBOBJECT", "SOURCE"]);
    }
    header.push("MESSAGE");
    if wide {
        header.extend(["FIRST SEEN", "COUNT", "NAME"]);
    }
    let mut t = Table::kubectl(&header);
    for e in &events {
        let mut row = Vec::new();
        if ns.is_none() {
            row.push(e.ns.clone());
        }
        row.extend([
            clock::human(e.last),
            e.kind.to_owned(),
            e.reason.to_owned(),
            e.object.clone(),
        ]);
        if wide {
            row.extend([e.subobject.clone(), e.source.to_owned()]);
        }
        row.push(e.message.clone());
        if wide {
            let name = e.object.split('/').nth(1).unwrap_or_default();
            row.extend([
                clock::human(e.first),
                e.count.to_string(),
                format!("{name}.{}", &super::super::certs::serial(&e.message)[..16]),
            ]);
        }
        t.push(row);
    }
    (t.render(), events.is_empty())
}

/// The events about one object (`pod/NAME`), for `kubectl describe`.
pub fn of(lab: &Lab, ns: &str, object: &str) -> Vec<Event> {
    all(lab)
        .into_iter()
        .filter(|e| e.ns == ns && e.object == object)
        .collect()
}
