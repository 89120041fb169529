//! Which pods are ready. The kubelet on each pod's node sends the pod's readiness probes, and
//! they travel the same path as any probe: a mesh proxy or a policy that turns them away makes
//! the pod unready, and an unready pod is no endpoint of its Services (Kubernetes "Configure
//! Liveness, Readiness and Startup Probes": HTTP 200–399, a TCP connection or gRPC SERVING is
//! success; EndpointSlice `ready`). Liveness and startup probes restart containers over time,
//! which the steady state does not show; readiness alone decides where requests go.

use crate::sim::eval::outcome::{Outcome, Verdict};
use crate::sim::eval::probe::{self, Probe, text};
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;
use crate::sim::model::{Cluster, PodId, ProbeAction, ProbeKind, Unready};

/// Runs every readiness probe, then takes each pod that failed one out of the endpoints of
/// the Services that do not publish unready addresses, and records why in
/// [`Cluster::unready`].
pub fn settle(cluster: &mut Cluster) {
    let unready: Vec<(PodId, Unready)> = (0..cluster.pods.len())
        .filter_map(|pod| failed_probe(cluster, pod).map(|why| (pod, why)))
        .collect();
    for (pod, _) in &unready {
        for svc in cluster.services.iter_mut().filter(|s| !s.publish_not_ready) {
            svc.endpoints.retain(|e| e != pod);
        }
    }
    cluster.unready = unready.into_iter().collect();
}

/// Why the first readiness probe of `pod` that fails does, if one does.
fn failed_probe(cluster: &Cluster, pod: PodId) -> Option<Unready> {
    let p = cluster.pods.get(pod)?;
    let node = cluster.nodes.get(p.node)?;
    p.probes
        .iter()
        .filter(|probe| probe.kind == ProbeKind::Readiness)
        .find_map(|probe| {
            let port = p.probe_port(&probe.action)?;
            // A TCP probe only connects: a sidecar proxy accepts every redirected connection
            // before any policy looks at it, so "all TCP ports appear open" (istio.io "Health
            // Checking of Istio Services"; linkerd-proxy likewise accepts, then closes).
            let sidecar = matches!(
                cluster.mesh.pod_profile.get(pod),
                Some(Profile::Linkerd | Profile::IstioSidecar)
            );
            if sidecar && matches!(probe.action, ProbeAction::Tcp { .. }) {
                return None;
            }
            let (request, what) = match &probe.action {
                ProbeAction::Http { path, .. } => (
                    Probe {
                        method: Some("GET".to_owned()),
                        path: Some(path.clone()),
                        ..Probe::default()
                    },
                    text!("GET {path} on port {port}"),
                ),
                ProbeAction::Tcp { .. } => (Probe::default(), text!("TCP connect to port {port}")),
                ProbeAction::Grpc { .. } => (
                    Probe {
                        method: Some("POST".to_owned()),
                        path: Some("/grpc.health.v1.Health/Check".to_owned()),
                        headers: vec![("content-type".to_owned(), "application/grpc".to_owned())],
                        ..Probe::default()
                    },
                    text!("gRPC health check on port {port}"),
                ),
            };
            let request = Probe {
                from: text!("node:{}", node.name),
                to: cluster.pod_ref(pod),
                port: Some(port),
                protocol: Some(Protocol::Tcp),
                count: 1,
                ..request
            };
            let r = probe::run(cluster, &request).ok()?;
            let succeeded =
                r.verdict == Verdict::Allowed && r.status.is_none_or(|s| (200..400).contains(&s));
            (!succeeded).then(|| {
                let seen = match r.status {
                    Some(s) => text!("HTTP {s}"),
                    None => probe::outcome_name(r.outcome).to_owned(),
                };
                let why = match r.decided_by.first() {
                    Some(by) => text!("readiness probe {what} from the kubelet: {seen} ({by})"),
                    None => text!("readiness probe {what} from the kubelet: {seen}"),
                };
                // The kubelet's own words (kubernetes pkg/probe/http, pkg/probe/tcp).
                let address = text!("{}:{port}", p.ip);
                let failure = match (r.status, r.outcome) {
                    (Some(s), _) => text!("HTTP probe failed with statuscode: {s}"),
                    (None, Outcome::Refused) => {
                        text!("dial tcp {address}: connect: connection refused")
                    }
                    (None, Outcome::Timeout) => {
                        text!("dial tcp {address}: i/o timeout")
                    }
                    (None, _) => text!("read tcp {address}: read: connection reset by peer"),
                };
                Unready {
                    why,
                    kubelet: text!("Readiness probe failed: {failure}"),
                }
            })
        })
}
