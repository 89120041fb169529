//! The investigation commands of diagnose drills: what `kubectl`, `hubble`, `linkerd`,
//! `istioctl` and `cilium` would print for the simulated cluster and its traffic. Output follows
//! the real tools' columns closely enough to read the same symptoms, without their noise.

use crate::sim::eval::outcome::{Outcome, ProbeResult};
use crate::sim::eval::probe::Probe;
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::fault::{CERT_LIFETIME_HOURS, Fault};
use crate::sim::scenario::faulty::{Faulty, served};
use crate::sim::scenario::run;

/// The commands meshlab understands (for help and tab completion).
pub const COMMANDS: [&str; 8] = [
    "kubectl get pods",
    "kubectl get httproute",
    "hubble observe",
    "linkerd viz stat deploy",
    "linkerd check",
    "istioctl proxy-status",
    "istioctl ztunnel-config workloads",
    "cilium status",
];

/// Runs one investigation command; `None` when meshlab does not know the command. `traffic` is
/// what the cluster has been sending (the drill's probes), so the observability tools have
/// something to show.
pub fn command(sim: &Faulty, traffic: &[Probe], line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let namespace = words
        .windows(2)
        .find(|w| w[0] == "-n" || w[0] == "--namespace")
        .map(|w| w[1]);
    let out = match words.as_slice() {
        ["kubectl", "get", "pods" | "pod" | "po", ..] => pods(sim, namespace),
        ["kubectl", "get", "httproute" | "httproutes", ..] => routes(sim, namespace),
        ["hubble", "observe", ..] => hubble(sim, traffic, namespace),
        ["linkerd", "viz", "stat", ..] => linkerd_stat(sim, traffic, namespace),
        ["linkerd", "check", ..] => linkerd_check(sim),
        ["istioctl", "proxy-status", ..] | ["istioctl", "ps", ..] => proxy_status(sim),
        ["istioctl", "ztunnel-config", "workloads", ..] => ztunnel_workloads(sim),
        ["cilium", "status", ..] => cilium_status(sim),
        _ => return None,
    };
    Some(out)
}

fn results(sim: &Faulty, traffic: &[Probe]) -> Vec<(Probe, ProbeResult)> {
    traffic
        .iter()
        .filter_map(|p| sim.probe(p).ok().map(|r| (p.clone(), r)))
        .collect()
}

/// The mesh is installed in the cluster (whatever the faults did to its pods).
fn uses(sim: &Faulty, profile: Profile) -> bool {
    sim.installed.contains(&profile)
}

/// Route status as `kubectl get httproute` shows it, with the controller's verdict.
fn routes(sim: &Faulty, namespace: Option<&str>) -> String {
    let mut rows: Vec<(String, String, String)> = sim
        .cluster
        .routes
        .iter()
        .map(|r| {
            (
                format!("{}/{}", sim.cluster.ns_name(r.ns), r.name),
                "True".into(),
                "Accepted".into(),
            )
        })
        .chain(
            sim.unaccepted
                .iter()
                .map(|(r, why)| (r.clone(), "False".into(), why.clone())),
        )
        .filter(|(r, _, _)| namespace.is_none_or(|n| r.starts_with(&format!("{n}/"))))
        .collect();
    rows.sort();
    let mut out = format!("{:<36} {:<9} {}\n", "NAMESPACE/NAME", "ACCEPTED", "REASON");
    for (r, accepted, why) in rows {
        out.push_str(&format!("{r:<36} {accepted:<9} {why}\n"));
    }
    out
}

fn pods(sim: &Faulty, namespace: Option<&str>) -> String {
    let mut out = format!(
        "{:<12} {:<28} {:<6} {:<8} {}\n",
        "NAMESPACE", "NAME", "READY", "STATUS", "NODE"
    );
    for row in run::inventory(sim)
        .iter()
        .filter(|r| namespace.is_none_or(|n| n == r.namespace))
    {
        out.push_str(&format!(
            "{:<12} {:<28} {:<6} {:<8} {}\n",
            row.namespace, row.name, row.ready, row.status, row.node
        ));
    }
    out
}

fn hubble(sim: &Faulty, traffic: &[Probe], namespace: Option<&str>) -> String {
    if !uses(sim, Profile::Cilium) {
        return "hubble: Hubble Relay is not reachable: this cluster does not run Cilium\n".into();
    }
    let mut out = String::new();
    for (probe, r) in results(sim, traffic) {
        if namespace.is_some_and(|n| {
            !probe.from.contains(&format!("{n}/")) && !probe.to.contains(&format!("{n}/"))
        }) {
            continue;
        }
        let verdict = if served(&r) { "FORWARDED" } else { "DROPPED" };
        let detail = match (r.outcome, r.status) {
            (Outcome::Timeout, _) => "Policy denied DROPPED (TCP Flags: SYN)".to_string(),
            (_, Some(s)) => format!(
                "http-request {verdict} ({} {} => {s})",
                probe.method.as_deref().unwrap_or("GET"),
                probe.path.as_deref().unwrap_or("/")
            ),
            _ => format!("to-endpoint {verdict} (TCP Flags: SYN)"),
        };
        out.push_str(&format!(
            "{} -> {} {verdict} {detail}\n",
            probe.from, probe.to
        ));
    }
    if out.is_empty() {
        out.push_str("(no flows)\n");
    }
    out
}

fn linkerd_stat(sim: &Faulty, traffic: &[Probe], namespace: Option<&str>) -> String {
    if !uses(sim, Profile::Linkerd) {
        return "linkerd: no Linkerd control plane found\n".into();
    }
    let mut out = format!(
        "{:<32} {:<8} {:>8} {:>6}\n",
        "NAME", "MESHED", "SUCCESS", "TLS"
    );
    for (probe, r) in results(sim, traffic) {
        if namespace.is_some_and(|n| !probe.to.contains(&format!("{n}/"))) {
            continue;
        }
        let meshed = r.client_identity.is_some();
        let success = if served(&r) && r.status.is_none_or(|s| s < 500) {
            "100.00%"
        } else {
            "0.00%"
        };
        out.push_str(&format!(
            "{:<56} {:<8} {:>8} {:>6}\n",
            format!("{} -> {}", probe.from, probe.to),
            if meshed { "1/1" } else { "0/1" },
            success,
            if r.encrypted { "100%" } else { "0%" }
        ));
    }
    out
}

fn linkerd_check(sim: &Faulty) -> String {
    if !uses(sim, Profile::Linkerd)
        && !sim
            .faults
            .iter()
            .any(|f| matches!(f, Fault::WebhookDown { .. }))
    {
        return "linkerd: no Linkerd control plane found\n".into();
    }
    let mut out = String::from("linkerd-control-plane\n---------------------\n");
    let cp_down = sim.faults.iter().find_map(|f| match f {
        Fault::ControlPlaneDown { hours, .. } => Some(("control plane pods are running", *hours)),
        Fault::IdentityIssuerDown { hours, .. } => Some(("identity issuer is running", *hours)),
        _ => None,
    });
    match cp_down {
        Some((what, hours)) => out.push_str(&format!("× {what}\n    down for {hours}h\n")),
        None => out.push_str("√ control plane pods are running\n"),
    }
    let expired = cp_down.is_some_and(|(_, h)| h >= CERT_LIFETIME_HOURS)
        || sim
            .faults
            .iter()
            .any(|f| matches!(f, Fault::CertExpired { .. }));
    out.push_str(if expired {
        "× certificates are within their validity period\n"
    } else {
        "√ certificates are within their validity period\n"
    });
    if sim
        .faults
        .iter()
        .any(|f| matches!(f, Fault::WebhookDown { .. }))
    {
        out.push_str("× proxy-injector webhook is responding\n");
    }
    out
}

fn proxy_status(sim: &Faulty) -> String {
    if sim
        .faults
        .iter()
        .any(|f| matches!(f, Fault::ControlPlaneDown { .. }))
    {
        return "Error: no running Istio pods in \"istio-system\"\n".into();
    }
    let mut out = format!("{:<36} {:<10} {}\n", "NAME", "CDS", "VERSION");
    for (i, pod) in sim.cluster.pods.iter().enumerate() {
        let profile = sim.cluster.mesh.pod_profile.get(i).copied();
        if profile != Some(Profile::IstioSidecar)
            || sim.absent.contains(&i)
            || sim.not_ready.contains(&i)
        {
            continue;
        }
        let skewed = sim.faults.iter().any(|f| match f {
            Fault::VersionSkew { workload } => {
                let (ns, name) = workload.split_once('/').unwrap_or(("", workload));
                sim.cluster.ns_name(pod.ns) == ns && pod.owner_name() == Some(name)
            }
            _ => false,
        });
        out.push_str(&format!(
            "{:<36} {:<10} {}\n",
            format!("{}.{}", pod.name, sim.cluster.ns_name(pod.ns)),
            if skewed { "STALE" } else { "SYNCED" },
            if skewed { "1.22.0" } else { "1.24.0" }
        ));
    }
    out
}

fn ztunnel_workloads(sim: &Faulty) -> String {
    if !uses(sim, Profile::IstioAmbient) {
        return "Error: no ztunnel pods found: this cluster does not run Istio ambient\n".into();
    }
    let mut out = format!(
        "{:<12} {:<28} {:<8} {}\n",
        "NAMESPACE", "POD NAME", "NODE", "PROTOCOL"
    );
    for (i, pod) in sim.cluster.pods.iter().enumerate() {
        let ambient = sim.cluster.mesh.pod_profile.get(i) == Some(&Profile::IstioAmbient);
        out.push_str(&format!(
            "{:<12} {:<28} {:<8} {}\n",
            sim.cluster.ns_name(pod.ns),
            pod.name,
            sim.cluster
                .nodes
                .get(pod.node)
                .map_or("", |n| n.name.as_str()),
            if ambient { "HBONE" } else { "TCP" }
        ));
    }
    out
}

fn cilium_status(sim: &Faulty) -> String {
    if !uses(sim, Profile::Cilium) {
        return "Error: cilium is not installed in this cluster\n".into();
    }
    let mut out = String::new();
    for node in &sim.cluster.nodes {
        let down = sim
            .faults
            .iter()
            .any(|f| matches!(f, Fault::NodeAgentDown { node: n } if *n == node.name));
        out.push_str(&format!(
            "{:<10} cilium-agent: {}\n",
            node.name,
            if down { "CrashLoopBackOff (L7 proxy and DNS proxy unavailable; L3/L4 datapath keeps last policy)" } else { "OK" }
        ));
    }
    out
}
