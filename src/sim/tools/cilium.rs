//! `cilium` against the simulated cluster: the cilium-cli's `status`, `version` and
//! `encrypt status`, and the agent's `policy get` and `endpoint list` (the `cilium-dbg`
//! commands an operator runs in a cilium pod, which meshlab answers for the whole cluster).
//!
//! `status` follows cilium-cli's summary (the logo with per-component states, then
//! `DaemonSet`/`Deployment`/`Containers:`/`Cluster Pods:` lines and `Errors:` when a pod is
//! down); `endpoint list` the agent's `ENDPOINT POLICY (ingress) … IDENTITY LABELS … STATUS`
//! table, one label per line. Security identities are numbers derived from the label set, as
//! Cilium allocates one per distinct set.

use clap::{CommandFactory, Parser, Subcommand};

use super::cobra::{self, Voice};
use super::kubectl::kinds;
use super::pods::{self, Component, Mesh, PodView};
use super::table::Table;
use super::{Lab, Output, Reply};
use crate::sim::model::labels::Labels;
use crate::sim::scenario::fault::Fault;

const VOICE: Voice = Voice { lowercase: false };

#[derive(Parser, Debug)]
#[command(
    name = "cilium",
    about = "Cilium CLI (meshlab's simulated subset).",
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cilium {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Display status
    Status {
        /// Wait for status to report success (no errors)
        #[arg(long)]
        wait: bool,
    },
    /// Display detailed version information
    Version,
    /// Manage transparent encryption
    #[command(subcommand)]
    Encrypt(Encrypt),
    /// Manage security policies
    #[command(subcommand)]
    Policy(Policy),
    /// Manage endpoints
    #[command(subcommand)]
    Endpoint(Endpoint),
}

#[derive(Subcommand, Debug)]
enum Encrypt {
    /// Display encryption status
    Status,
}

#[derive(Subcommand, Debug)]
enum Policy {
    /// Display policy node information
    Get,
}

#[derive(Subcommand, Debug)]
enum Endpoint {
    /// List all endpoints
    #[command(visible_alias = "ls")]
    List,
}

pub fn command() -> clap::Command {
    Cilium::command()
}

pub fn run(lab: &Lab, words: &[String]) -> Reply {
    let cli: Cilium = match cobra::parse(command(), VOICE, words) {
        Ok(c) => c,
        Err(out) => return Reply::Ran(out),
    };
    if !pods::installed(&lab.sim, Mesh::Cilium) && !matches!(cli.cmd, Cmd::Version) {
        return Reply::Ran(cobra::error(
            VOICE,
            "Unable to determine status:  unable to find pods with label k8s-app=cilium in namespace kube-system",
        ));
    }
    Reply::Ran(match cli.cmd {
        Cmd::Status { .. } => status(lab),
        Cmd::Version => Output::stdout(format!(
            "cilium-cli: v0.18.3 compiled with go1.24.2 on linux/amd64\ncilium image (default): v{v}\ncilium image (stable): v{v}\ncilium image (running): {}\n",
            if pods::installed(&lab.sim, Mesh::Cilium) {
                pods::CILIUM_VERSION.to_string()
            } else {
                "unknown. Unable to obtain cilium version. Reason: release: not found".to_owned()
            },
            v = pods::CILIUM_VERSION
        )),
        Cmd::Encrypt(Encrypt::Status) => encrypt(lab),
        Cmd::Policy(Policy::Get) => policy_get(lab),
        Cmd::Endpoint(Endpoint::List) => endpoints(lab),
    })
}

fn status(lab: &Lab) -> Output {
    let workloads = kinds::workloads(lab);
    let cilium_ws: Vec<&kinds::Workload> = workloads
        .iter()
        .filter(|w| {
            w.ns == pods::CILIUM_NS
                && ["cilium", "cilium-envoy", "cilium-operator", "hubble-relay"]
                    .contains(&w.name.as_str())
        })
        .collect();
    let state = |name: &str| {
        cilium_ws
            .iter()
            .find(|w| w.name == name)
            .map_or("disabled", |w| {
                if w.pods.iter().all(PodView::is_ready) {
                    "OK"
                } else {
                    "1 errors"
                }
            })
    };
    let mut out = String::new();
    out.push_str("    /¯¯\\\n");
    out.push_str(&format!(
        " /¯¯\\__/¯¯\\    Cilium:             {}\n",
        state("cilium")
    ));
    out.push_str(&format!(
        " \\__/¯¯\\__/    Operator:           {}\n",
        state("cilium-operator")
    ));
    out.push_str(&format!(
        " /¯¯\\__/¯¯\\    Envoy DaemonSet:    {}\n",
        state("cilium-envoy")
    ));
    out.push_str(&format!(
        " \\__/¯¯\\__/    Hubble Relay:       {}\n",
        state("hubble-relay")
    ));
    out.push_str("    \\__/       ClusterMesh:        disabled\n\n");
    let mut t = Table::new(0, 4);
    for w in &cilium_ws {
        let ready = w.pods.iter().filter(|p| p.is_ready()).count();
        let mut line = format!(
            "Desired: {}, Ready: {ready}/{}, Available: {ready}/{}",
            w.desired, w.desired, w.desired
        );
        if ready < w.desired {
            line.push_str(&format!(
                ", Unavailable: {}/{}",
                w.desired - ready,
                w.desired
            ));
        }
        t.push(vec![w.kind.to_owned(), w.name.clone(), line]);
    }
    let mut first = true;
    for w in &cilium_ws {
        let running = w.pods.iter().filter(|p| p.is_ready()).count();
        let failing = w.pods.len() - running;
        let mut cell = format!("Running: {running}");
        if failing > 0 {
            cell.push_str(&format!(", CrashLoopBackOff: {failing}"));
        }
        t.push(vec![
            if first {
                "Containers:".into()
            } else {
                String::new()
            },
            w.name.clone(),
            cell,
        ]);
        first = false;
    }
    let app_pods: Vec<&PodView> = lab.pods().iter().filter(|p| !p.host_network).collect();
    let managed = app_pods.len();
    t.push(vec![
        "Cluster Pods:".into(),
        format!("{managed}/{managed} managed by Cilium"),
    ]);
    t.push(vec![
        "Helm chart version:".into(),
        pods::CILIUM_VERSION.into(),
    ]);
    let mut first = true;
    for w in &cilium_ws {
        if let Some(p) = w.pods.first()
            && let Some(c) = p.containers.first()
        {
            t.push(vec![
                if first {
                    "Image versions".into()
                } else {
                    String::new()
                },
                w.name.clone(),
                format!("{}: {}", c.image, w.pods.len()),
            ]);
            first = false;
        }
    }
    let crashed: Vec<&PodView> = lab
        .pods()
        .iter()
        .filter(|p| p.component == Some(Component::CiliumAgent) && !p.is_ready())
        .collect();
    let mut first = true;
    for p in &crashed {
        t.push(vec![
            if first { "Errors:".into() } else { String::new() },
            "cilium".into(),
            format!("{}    unable to retrieve cilium status: container cilium-agent is in CrashLoopBackOff, exited with code 1", p.name),
        ]);
        first = false;
    }
    out.push_str(&t.render());
    Output {
        stdout: out,
        code: if crashed.is_empty() { 0 } else { 1 },
        ..Output::default()
    }
}

fn encrypt(lab: &Lab) -> Output {
    let nodes = lab.sim.cluster.nodes.len();
    if lab.sim.cluster.mesh.wireguard {
        Output::stdout(format!("Encryption: Wireguard ({nodes}/{nodes} nodes)\n"))
    } else if lab.sim.cluster.mesh.ipsec {
        Output::stdout("Encryption: IPsec\n")
    } else {
        Output::stdout("Encryption: Disabled\n")
    }
}

/// Cilium's labels for a pod's endpoint, with their `k8s:` source.
pub fn endpoint_labels(lab: &Lab, p: &PodView) -> Labels {
    let Some(i) = p.model else {
        return Labels::new();
    };
    crate::sim::eval::cilium::endpoint_labels(&lab.sim.cluster, i)
        .into_iter()
        .map(|(k, v)| (format!("k8s:{k}"), v))
        .collect()
}

/// The pod still carries an old identity (a `stale-identity` fault).
pub fn stale(lab: &Lab, p: &PodView) -> bool {
    lab.sim.faults.iter().any(|f| match f {
        Fault::StaleIdentity { workload } => p
            .model
            .is_some_and(|i| pods::belongs(&lab.sim.cluster, i, workload)),
        _ => false,
    })
}

/// The security identity of a pod's endpoint: a number per distinct label set, above the
/// reserved range; `5` (`reserved:init`) for an endpoint whose identity is not resolved yet.
pub fn identity(lab: &Lab, p: &PodView) -> u32 {
    if stale(lab, p) {
        return 5;
    }
    let labels = endpoint_labels(lab, p);
    let mut h: u32 = 0x811c_9dc5;
    for (k, v) in &labels {
        for b in k.bytes().chain([b'=']).chain(v.bytes()).chain([b';']) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    10_000 + h % 55_000
}

fn enforcement(lab: &Lab, p: &PodView, ingress: bool) -> &'static str {
    let c = &lab.sim.cluster;
    let Some(i) = p.model else { return "Disabled" };
    let pod = &c.pods[i];
    let labels = crate::sim::eval::cilium::endpoint_labels(c, i);
    let cnp = c.mesh.cilium_policies.iter().any(|cp| {
        cp.ns.is_none_or(|ns| ns == pod.ns)
            && cp.selector.selector.matches(&labels)
            // A policy with `enableDefaultDeny: false` for the direction does not switch the
            // endpoint to enforcement (intro.rst).
            && if ingress {
                cp.default_deny_ingress && (cp.ingress.is_some() || cp.ingress_deny.is_some())
            } else {
                cp.default_deny_egress && (cp.egress.is_some() || cp.egress_deny.is_some())
            }
    });
    let netpol = c.network_policies.iter().any(|np| {
        np.ns == pod.ns
            && np.pod_selector.matches(&pod.labels)
            && if ingress {
                np.ingress.is_some()
            } else {
                np.egress.is_some()
            }
    });
    if cnp || netpol { "Enabled" } else { "Disabled" }
}

fn endpoints(lab: &Lab) -> Output {
    let mut t = Table::new(0, 3);
    t.row(&[
        "ENDPOINT",
        "POLICY (ingress)",
        "POLICY (egress)",
        "IDENTITY",
        "LABELS (source:key[=value])",
        "IPv6",
        "IPv4",
        "STATUS",
    ]);
    t.row(&["", "ENFORCEMENT", "ENFORCEMENT", "", "", "", "", ""]);
    let mut eps: Vec<&PodView> = lab
        .pods()
        .iter()
        .filter(|p| p.model.is_some() && !p.host_network)
        .collect();
    eps.sort_by_key(|p| (p.ns.clone(), p.name.clone()));
    for p in eps {
        let id = identity(lab, p);
        let labels: Vec<String> = if stale(lab, p) {
            vec!["reserved:init".into()]
        } else {
            endpoint_labels(lab, p)
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect()
        };
        let ep_id = 100 + (id % 3900);
        let status = if stale(lab, p) {
            "waiting-for-identity"
        } else {
            "ready"
        };
        for (n, l) in labels.iter().enumerate() {
            if n == 0 {
                t.push(vec![
                    ep_id.to_string(),
                    enforcement(lab, p, true).into(),
                    enforcement(lab, p, false).into(),
                    id.to_string(),
                    l.clone(),
                    String::new(),
                    p.ip.to_string(),
                    status.into(),
                ]);
            } else {
                t.push(vec![
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    l.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    Output::stdout(t.render())
}

/// The policy repository as `cilium-dbg policy get` prints it: every rule as JSON, then the
/// revision.
fn policy_get(lab: &Lab) -> Output {
    let c = &lab.sim.cluster;
    let objects: Vec<kinds::Object> = kinds::KINDS
        .iter()
        .filter(|k| {
            matches!(
                k.kind,
                "CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy" | "NetworkPolicy"
            )
        })
        .flat_map(|k| (k.list)(lab))
        .collect();
    let rules: Vec<serde_json::Value> = objects
        .iter()
        .map(|o| {
            let spec = o.manifest.get("spec").cloned().unwrap_or_default();
            let kind = o.manifest.get("kind").and_then(|k| k.as_str()).unwrap_or_default();
            let derived = kind;
            let mut rule = match spec {
                serde_json::Value::Object(m) => m,
                _ => serde_json::Map::new(),
            };
            if let Some(sel) = rule.remove("podSelector") {
                rule.insert("endpointSelector".into(), sel);
            }
            rule.remove("policyTypes");
            rule.insert(
                "labels".into(),
                {
                    let mut labels = vec![
                        serde_json::json!({"key": "io.cilium.k8s.policy.derived-from", "value": derived, "source": "k8s"}),
                        serde_json::json!({"key": "io.cilium.k8s.policy.name", "value": o.name, "source": "k8s"}),
                    ];
                    // A clusterwide policy has no namespace label.
                    if let Some(ns) = &o.ns {
                        labels.push(serde_json::json!({"key": "io.cilium.k8s.policy.namespace", "value": ns, "source": "k8s"}));
                    }
                    serde_json::Value::Array(labels)
                },
            );
            serde_json::Value::Object(rule)
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&serde_json::Value::Array(rules)).unwrap_or_default();
    text.push_str(&format!(
        "\nRevision: {}\n",
        2 + c.mesh.cilium_policies.len() + c.network_policies.len()
    ));
    Output::stdout(text)
}
