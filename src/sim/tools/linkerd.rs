//! `linkerd` (edge-25.4.4) against the simulated cluster: `check`, `viz stat|top|edges|tap|
//! authz`, `diagnostics policy`, `identity` and `version`.
//!
//! `check` prints linkerd/linkerd2 `pkg/healthcheck` categories and check descriptions with
//! its `√`/`×` marks, error lines and hint URLs (`healthcheck_output.go`), stopping at the
//! first fatal failure as the real command does. `viz stat` and `viz edges` are right-aligned
//! tabwriter tables with the left padding stripped (`viz/cmd/stat.go` `renderStats`,
//! `edges.go`); `identity` prints the proxy's certificate as text (`cli/cmd/identity.go` via
//! `certinfo`). Snapshot b24cd40.

use clap::{Args, CommandFactory, Parser, Subcommand};
use serde_json::json;

use super::certs;
use super::clock;
use super::cobra::{self, Voice};
use super::kubectl::kinds;
use super::pods::{self, Component, Mesh, PodView};
use super::traffic::{Point, ProxyMesh, Seen, Side};
use super::{Lab, Output, Reply, Slot};
use crate::sim::model::linkerd::{self as model, DefaultPolicy};
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::fault::Fault;

const VOICE: Voice = Voice { lowercase: false };

#[derive(Parser, Debug)]
#[command(
    name = "linkerd",
    about = "linkerd manages the Linkerd service mesh (meshlab's simulated subset).",
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Linkerd {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Check the Linkerd installation for potential problems
    Check {
        /// Only run data-plane checks, to determine if the data plane is healthy
        #[arg(long)]
        proxy: bool,
        /// Namespace to use for --proxy checks (default: all namespaces)
        #[arg(short = 'n', long)]
        namespace: Option<String>,
        /// Output format. One of: table, json, short
        #[arg(short = 'o', long, value_parser = ["table", "short"])]
        output: Option<String>,
    },
    /// Linkerd Viz extension
    #[command(subcommand)]
    Viz(Viz),
    /// Commands used to diagnose Linkerd components
    #[command(subcommand, visible_alias = "diagnostic")]
    Diagnostics(Diagnostics),
    /// Display the certificate(s) of one or more selected pod(s)
    Identity {
        pod: Vec<String>,
        /// Namespace of the pod
        #[arg(short = 'n', long)]
        namespace: Option<String>,
    },
    /// Print the client and server version information
    Version,
}

#[derive(Args, Debug)]
struct StatArgs {
    /// (TYPE [NAME] | TYPE/NAME)
    resources: Vec<String>,
    /// Namespace of the specified resource
    #[arg(short = 'n', long)]
    namespace: Option<String>,
    /// If present, returns stats across all namespaces
    #[arg(short = 'A', long = "all-namespaces")]
    all: bool,
    /// If present, restricts outbound stats from the specified resource name
    #[arg(long)]
    from: Option<String>,
    /// If present, restricts outbound stats to the specified resource name
    #[arg(long)]
    to: Option<String>,
    /// Output format; one of: "table" or "wide"
    #[arg(short = 'o', long, value_parser = ["table", "wide"])]
    output: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Viz {
    /// Display traffic stats about one or many resources
    Stat(StatArgs),
    /// Display sorted information about live traffic
    Top(StatArgs),
    /// Display connections between resources, and Linkerd proxy identities
    Edges(StatArgs),
    /// Listen to a traffic stream
    Tap(StatArgs),
    /// Display stats for authorizations for a resource
    Authz(StatArgs),
}

#[derive(Subcommand, Debug)]
enum Diagnostics {
    /// Introspect Linkerd's policy state
    Policy {
        /// po/NAME
        resource: String,
        /// The port the policy applies to
        port: u16,
        /// Namespace of resource
        #[arg(short = 'n', long)]
        namespace: Option<String>,
    },
}

pub fn command() -> clap::Command {
    Linkerd::command()
}

pub fn run(lab: &Lab, words: &[String]) -> Reply {
    let cli: Linkerd = match cobra::parse(command(), VOICE, words) {
        Ok(c) => c,
        Err(out) => return Reply::Ran(out),
    };
    if !pods::installed(&lab.sim, Mesh::Linkerd) && !matches!(cli.cmd, Cmd::Version) {
        return Reply::Ran(cobra::error(
            VOICE,
            "could not find the Linkerd control plane: namespaces \"linkerd\" not found",
        ));
    }
    Reply::Ran(match cli.cmd {
        Cmd::Check {
            proxy,
            namespace,
            output,
        } => check(
            lab,
            proxy,
            namespace.as_deref(),
            output.as_deref() == Some("short"),
        ),
        Cmd::Viz(v) => viz(lab, v),
        Cmd::Diagnostics(Diagnostics::Policy {
            resource,
            port,
            namespace,
        }) => policy(
            lab,
            namespace.as_deref().unwrap_or("default"),
            &resource,
            port,
        ),
        Cmd::Identity { pod, namespace } => {
            identity(lab, namespace.as_deref().unwrap_or("default"), &pod)
        }
        Cmd::Version => Output::stdout(format!(
            "Client version: {v}\nServer version: {}\n",
            if pods::installed(&lab.sim, Mesh::Linkerd) {
                pods::LINKERD_VERSION
            } else {
                "unavailable"
            },
            v = pods::LINKERD_VERSION
        )),
    })
}

/// A check's outcome: `Ok`, or the error lines and hint anchor; fatal failures end the run.
enum Verdict {
    Ok,
    Fail {
        error: String,
        anchor: &'static str,
        fatal: bool,
    },
}

fn control_plane(lab: &Lab) -> Vec<&PodView> {
    lab.pods()
        .iter()
        .filter(|p| {
            matches!(
                p.component,
                Some(
                    Component::LinkerdDestination
                        | Component::LinkerdIdentity
                        | Component::LinkerdInjector
                )
            )
        })
        .collect()
}

fn check(lab: &Lab, proxy: bool, ns: Option<&str>, short: bool) -> Output {
    let cp = control_plane(lab);
    let not_ready = cp.iter().find_map(|p| {
        p.running()
            .find(|c| !c.ready)
            .map(|c| format!("pod/{} container {} is not ready", p.name, c.name))
    });
    let issuer_expired = lab.sim.faults.iter().find_map(|f| match f {
        Fault::IssuerCertExpired { hours, .. } => Some(certs::issuer_expiry(*hours)),
        _ => None,
    });
    let ok = || Verdict::Ok;
    let mut categories: Vec<(&str, Vec<(&str, Verdict)>)> = vec![
        (
            "kubernetes-api",
            vec![
                ("can initialize the client", ok()),
                ("can query the Kubernetes API", ok()),
            ],
        ),
        (
            "kubernetes-version",
            vec![("is running the minimum Kubernetes API version", ok())],
        ),
        (
            "linkerd-existence",
            vec![
                ("'linkerd-config' config map exists", ok()),
                ("heartbeat ServiceAccount exist", ok()),
                ("control plane replica sets are ready", ok()),
                ("no unschedulable pods", ok()),
                (
                    "control plane pods are ready",
                    match &not_ready {
                        Some(e) => Verdict::Fail {
                            error: e.clone(),
                            anchor: "l5d-api-control-ready",
                            fatal: true,
                        },
                        None => ok(),
                    },
                ),
                ("cluster networks contains all node podCIDRs", ok()),
                ("cluster networks contains all pods", ok()),
                ("cluster networks contains all services", ok()),
            ],
        ),
        (
            "linkerd-config",
            vec![
                ("control plane Namespace exists", ok()),
                ("control plane ClusterRoles exist", ok()),
                ("control plane ClusterRoleBindings exist", ok()),
                ("control plane ServiceAccounts exist", ok()),
                ("control plane CustomResourceDefinitions exist", ok()),
                ("control plane MutatingWebhookConfigurations exist", ok()),
                ("control plane ValidatingWebhookConfigurations exist", ok()),
                (
                    "proxy-init container runs as root user if docker container runtime is used",
                    ok(),
                ),
            ],
        ),
        (
            "linkerd-identity",
            vec![
                ("certificate config is valid", ok()),
                ("trust anchors are using supported crypto algorithm", ok()),
                ("trust anchors are within their validity period", ok()),
                ("trust anchors are valid for at least 60 days", ok()),
                ("issuer cert is using supported crypto algorithm", ok()),
                (
                    "issuer cert is within its validity period",
                    match issuer_expired {
                        // pkg/healthcheck/healthcheck.go and pkg/issuercerts: fatal.
                        Some(at) => Verdict::Fail {
                            error: format!(
                                "issuer certificate is not valid anymore. Expired on {}",
                                clock::rfc3339(at)
                            ),
                            anchor: "l5d-identity-issuer-cert-is-time-valid",
                            fatal: true,
                        },
                        None => ok(),
                    },
                ),
                ("issuer cert is valid for at least 60 days", ok()),
                ("issuer cert is issued by the trust anchor", ok()),
            ],
        ),
        (
            "linkerd-webhooks-and-apisvc-tls",
            vec![
                ("proxy-injector webhook has valid cert", ok()),
                ("proxy-injector cert is valid for at least 60 days", ok()),
                ("sp-validator webhook has valid cert", ok()),
                ("sp-validator cert is valid for at least 60 days", ok()),
                ("policy-validator webhook has valid cert", ok()),
                ("policy-validator cert is valid for at least 60 days", ok()),
            ],
        ),
    ];
    let meshed: Vec<&PodView> = lab
        .pods()
        .iter()
        .filter(|p| p.model.is_some() && p.profile == Profile::Linkerd)
        .filter(|p| ns.is_none_or(|n| n == p.ns))
        .collect();
    if proxy {
        let other_root: Vec<String> = meshed
            .iter()
            .filter(|p| {
                lab.sim.faults.iter().any(
                    |f| matches!(f, Fault::TrustBundleMismatch { namespace } if *namespace == p.ns),
                )
            })
            .map(|p| format!("* {}/{}", p.ns, p.name))
            .collect();
        categories.push((
            "linkerd-identity-data-plane",
            vec![(
                "data plane proxies certificate match CA",
                if other_root.is_empty() {
                    ok()
                } else {
                    Verdict::Fail {
                        error: format!("Some pods do not have the current trust bundle and must be restarted:\n\t{}", other_root.join("\n\t")),
                        anchor: "l5d-identity-data-plane-proxies-certs-match-ca",
                        fatal: false,
                    }
                },
            )],
        ));
    }
    categories.push((
        "linkerd-version",
        vec![
            ("can determine the latest version", ok()),
            ("cli is up-to-date", ok()),
        ],
    ));
    categories.push((
        "control-plane-version",
        vec![
            ("can retrieve the control plane version", ok()),
            ("control plane is up-to-date", ok()),
            ("control plane and cli versions match", ok()),
        ],
    ));
    categories.push((
        "linkerd-control-plane-proxy",
        vec![
            ("control plane proxies are healthy", ok()),
            ("control plane proxies are up-to-date", ok()),
            ("control plane proxies and cli versions match", ok()),
        ],
    ));
    if proxy {
        let unready = meshed.iter().find(|p| p.proxy().is_some_and(|c| !c.ready));
        categories.push((
            "linkerd-data-plane",
            vec![
                ("data plane namespace exists", ok()),
                (
                    "data plane proxies are ready",
                    match unready {
                        Some(p) => Verdict::Fail {
                            error: format!(
                                "container \"linkerd-proxy\" in pod \"{}\" is not ready",
                                p.name
                            ),
                            anchor: "l5d-data-plane-ready",
                            fatal: true,
                        },
                        None => ok(),
                    },
                ),
                ("data plane is up-to-date", ok()),
                ("data plane and cli versions match", ok()),
                ("data plane pod labels are configured correctly", ok()),
                ("data plane service labels are configured correctly", ok()),
                (
                    "data plane service annotations are configured correctly",
                    ok(),
                ),
                ("opaque ports are properly annotated", ok()),
            ],
        ));
    }
    categories.push((
        "linkerd-viz",
        vec![
            ("linkerd-viz Namespace exists", ok()),
            ("can initialize the client", ok()),
            ("linkerd-viz ClusterRoles exist", ok()),
            ("linkerd-viz ClusterRoleBindings exist", ok()),
            ("tap API server has valid cert", ok()),
            ("tap API server cert is valid for at least 60 days", ok()),
            ("tap API service is running", ok()),
            ("linkerd-viz pods are injected", ok()),
            ("viz extension pods are running", ok()),
            ("viz extension proxies are healthy", ok()),
            ("prometheus is installed and configured correctly", ok()),
            ("viz extension self-check", ok()),
        ],
    ));
    let mut out = String::new();
    let mut success = true;
    'run: for (name, checks) in &categories {
        let mut printed_header = false;
        for (desc, v) in checks {
            let failed = matches!(v, Verdict::Fail { .. });
            if short && !failed {
                continue;
            }
            if !printed_header {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("{name}\n{}\n", "-".repeat(name.len())));
                printed_header = true;
            }
            match v {
                Verdict::Ok => out.push_str(&format!("\u{221a} {desc}\n")),
                Verdict::Fail {
                    error,
                    anchor,
                    fatal,
                } => {
                    success = false;
                    out.push_str(&format!("\u{00d7} {desc}\n"));
                    for line in error.lines() {
                        out.push_str(&format!("    {line}\n"));
                    }
                    out.push_str(&format!(
                        "    see https://linkerd.io/2/checks/#{anchor} for hints\n"
                    ));
                    if *fatal {
                        break 'run;
                    }
                }
            }
        }
    }
    // A blank line ends the checks, unless `-o short` printed none.
    if !short || !success {
        out.push('\n');
    }
    out.push_str(if success {
        "Status check results are \u{221a}\n"
    } else {
        "Status check results are \u{00d7}\n"
    });
    Output {
        stdout: out,
        code: if success { 0 } else { 1 },
        ..Output::default()
    }
}

/// A Deployment (or pod) and the pods it stands for, as viz names resources.
struct Resource {
    ns: String,
    name: String,
    pods: Vec<usize>,
    meshed: usize,
    total: usize,
}

fn resources(lab: &Lab, kind: &str, ns: Option<&str>) -> Result<Vec<Resource>, Output> {
    let c = &lab.sim.cluster;
    let kind = kind.split('/').next().unwrap_or(kind);
    let mut out: Vec<Resource> = Vec::new();
    match kind {
        "deploy" | "deployment" | "deployments" => {
            for w in kinds::workloads(lab)
                .into_iter()
                .filter(|w| w.kind == "Deployment")
            {
                if ns.is_some_and(|n| n != w.ns) {
                    continue;
                }
                let pods: Vec<usize> = w.pods.iter().filter_map(|p| p.model).collect();
                out.push(Resource {
                    meshed: w
                        .pods
                        .iter()
                        .filter(|p| {
                            p.profile == Profile::Linkerd || p.container("linkerd-proxy").is_some()
                        })
                        .count(),
                    total: w.desired,
                    ns: w.ns,
                    name: w.name,
                    pods,
                });
            }
        }
        "po" | "pod" | "pods" => {
            for p in lab.pods().iter().filter(|p| p.model.is_some()) {
                if ns.is_some_and(|n| n != p.ns) {
                    continue;
                }
                out.push(Resource {
                    ns: p.ns.clone(),
                    name: p.name.clone(),
                    pods: p.model.into_iter().collect(),
                    meshed: usize::from(p.profile == Profile::Linkerd),
                    total: 1,
                });
            }
        }
        "ns" | "namespace" | "namespaces" => {
            for n in &c.namespaces {
                let pods: Vec<usize> = lab
                    .pods()
                    .iter()
                    .filter(|p| p.ns == n.name)
                    .filter_map(|p| p.model)
                    .collect();
                let meshed = pods
                    .iter()
                    .filter(|&&i| c.mesh.pod_profile.get(i) == Some(&Profile::Linkerd))
                    .count();
                out.push(Resource {
                    ns: String::new(),
                    name: n.name.clone(),
                    total: pods.len(),
                    pods,
                    meshed,
                });
            }
        }
        other => {
            return Err(cobra::error(
                VOICE,
                &format!("cannot find Kubernetes canonical name from friendly name [{other}]"),
            ));
        }
    }
    out.sort_by(|a, b| (&a.ns, &a.name).cmp(&(&b.ns, &b.name)));
    Ok(out)
}

/// `deploy/NAME` → the resource it names among `all`.
fn named<'a>(all: &'a [Resource], r: &str) -> Option<&'a Resource> {
    let name = r.split_once('/').map_or(r, |(_, n)| n);
    all.iter().find(|x| x.name == name)
}

/// Requests the proxies of `to` received (inbound), or that `from`'s proxies sent (outbound).
fn traffic<'a>(lab: &'a Lab, to: &Resource, from: Option<&Resource>) -> Vec<&'a Seen> {
    lab.seen()
        .iter()
        .filter(|s| s.server.is_some_and(|p| to.pods.contains(&p)))
        .filter(|s| match from {
            // Outbound, as the client's proxy measured it: failed handshakes count.
            Some(f) => {
                s.client.is_some_and(|p| f.pods.contains(&p))
                    && s.path.iter().any(|(p, _)| {
                        matches!(
                            p,
                            Point::Proxy {
                                mesh: ProxyMesh::Linkerd,
                                side: Side::Out,
                                ..
                            }
                        )
                    })
            }
            // Inbound, as the server's proxy measured it: only what reached it.
            None => s.path.iter().any(|(p, _)| {
                matches!(
                    p,
                    Point::Proxy {
                        mesh: ProxyMesh::Linkerd,
                        side: Side::In,
                        ..
                    }
                ) && s.saw(p)
            }),
        })
        .collect()
}

fn success(s: &Seen) -> bool {
    s.failure.is_none()
        && s.result.status.is_none_or(|st| st < 500)
        && !matches!(
            s.result.outcome,
            crate::sim::eval::outcome::Outcome::Reset
                | crate::sim::eval::outcome::Outcome::Refused
                | crate::sim::eval::outcome::Outcome::Timeout
        )
}

/// Right-aligned tabwriter columns (padding 3) with the first column's left padding cut, as
/// `viz/cmd/stat.go` prints; the first cells come pre-padded to the left.
fn right_aligned(rows: &[Vec<String>]) -> String {
    const PAD: usize = 3;
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count() + PAD);
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count()));
            line.push_str(c);
        }
        out.push_str(line.get(PAD..).unwrap_or(""));
        out.push('\n');
    }
    out
}

fn viz(lab: &Lab, v: Viz) -> Output {
    match v {
        Viz::Stat(a) => stat(lab, &a),
        Viz::Top(a) => top(lab, &a),
        Viz::Edges(a) => edges(lab, &a),
        Viz::Tap(a) => tap(lab, &a),
        Viz::Authz(a) => authz(lab, &a),
    }
}

fn scope(a: &StatArgs) -> Option<String> {
    (!a.all).then(|| a.namespace.clone().unwrap_or_else(|| "default".into()))
}

fn stat(lab: &Lab, a: &StatArgs) -> Output {
    let Some(kind) = a.resources.first() else {
        return cobra::refusal(
            VOICE,
            "linkerd viz stat",
            "please specify a resource type",
            vec!["deploy".into(), "po".into(), "ns".into()],
        );
    };
    let ns = scope(a);
    let all = match resources(lab, kind, ns.as_deref()) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let wanted: Vec<&Resource> = match (kind.split_once('/'), a.resources.get(1)) {
        (Some(_), _) => named(&all, kind).into_iter().collect(),
        (None, Some(name)) => named(&all, name).into_iter().collect(),
        (None, None) => all.iter().collect(),
    };
    if wanted.is_empty() {
        return Output {
            stderr: "No traffic found.\n".into(),
            ..Output::default()
        };
    }
    let every = resources(lab, "deploy", None).unwrap_or_default();
    let from = a.from.as_deref().and_then(|f| named(&every, f));
    let to = a.to.as_deref().and_then(|t| named(&every, t));
    let name_w = wanted
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(0)
        .max(4);
    let ns_w = wanted.iter().map(|r| r.ns.len()).max().unwrap_or(0).max(9);
    let mut rows = Vec::new();
    let mut header = Vec::new();
    if a.all {
        header.push(format!("{:<ns_w$}", "NAMESPACE"));
    }
    header.extend([
        format!("{:<name_w$}", "NAME"),
        "MESHED".into(),
        "SUCCESS".into(),
        "RPS".into(),
        "LATENCY_P50".into(),
        "LATENCY_P95".into(),
        "LATENCY_P99".into(),
        "TCP_CONN".into(),
    ]);
    rows.push(header);
    for r in wanted {
        let seen: Vec<&Seen> = match (from, to) {
            (Some(f), _) => traffic(lab, r, Some(f)),
            (None, Some(t)) => traffic(lab, t, Some(r)),
            (None, None) => traffic(lab, r, None),
        };
        let mut row = Vec::new();
        if a.all {
            row.push(format!("{:<ns_w$}", r.ns));
        }
        row.push(format!("{:<name_w$}", r.name));
        row.push(format!("{}/{}", r.meshed, r.total));
        if seen.is_empty() || r.meshed == 0 {
            row.extend(["-", "-", "-", "-", "-", "-"].map(String::from));
        } else {
            let ok = seen.iter().filter(|s| success(s)).count();
            let rps: f64 = seen.iter().map(|s| s.rps).sum();
            let mut lat: Vec<u64> = seen
                .iter()
                .map(|s| (s.result.latency_us / 1000).max(1))
                .collect();
            lat.sort_unstable();
            let p = |q: f64| lat[((q * lat.len() as f64).ceil() as usize).clamp(1, lat.len()) - 1];
            let conns = seen
                .iter()
                .filter_map(|s| s.client)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            row.push(format!("{:.2}%", ok as f64 * 100.0 / seen.len() as f64));
            row.push(format!("{rps:.1}rps"));
            row.push(format!("{}ms", p(0.5)));
            row.push(format!("{}ms", p(0.95)));
            row.push(format!("{}ms", p(0.99)));
            row.push(conns.to_string());
        }
        rows.push(row);
    }
    Output::stdout(right_aligned(&rows))
}

fn workload_of(lab: &Lab, pod: Option<usize>) -> (String, String) {
    let c = &lab.sim.cluster;
    pod.and_then(|i| c.pods.get(i)).map_or_else(
        || ("-".into(), "-".into()),
        |p| {
            (
                p.owner_name().unwrap_or(&p.name).to_owned(),
                c.ns_name(p.ns).to_owned(),
            )
        },
    )
}

fn edges(lab: &Lab, a: &StatArgs) -> Output {
    let ns = scope(a);
    let c = &lab.sim.cluster;
    let mut rows: Vec<(String, String, String, String, String)> = Vec::new();
    for s in lab.seen() {
        let (src, src_ns) = workload_of(lab, s.client);
        let (dst, dst_ns) = workload_of(lab, s.server);
        if ns.as_ref().is_some_and(|n| *n != src_ns && *n != dst_ns) || dst == "-" {
            continue;
        }
        let client_meshed =
            s.client.and_then(|i| c.mesh.pod_profile.get(i)) == Some(&Profile::Linkerd);
        let server_meshed =
            s.server.and_then(|i| c.mesh.pod_profile.get(i)) == Some(&Profile::Linkerd);
        if !server_meshed {
            continue;
        }
        let msg = if !client_meshed {
            "not_provided_by_remote".to_owned()
        } else if s.failure.is_some() {
            "\u{00d7} tls_handshake_failed".to_owned()
        } else {
            "\u{221a}".to_owned()
        };
        let row = (src_ns, dst_ns, src, dst, msg);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return Output {
            stderr: "No edges found.\n".into(),
            ..Output::default()
        };
    }
    rows.sort();
    let w = |f: fn(&(String, String, String, String, String)) -> &String, min: usize| {
        rows.iter().map(|r| f(r).len()).max().unwrap_or(0).max(min)
    };
    let (ws, wd, wsn, wdn, wm) = (
        w(|r| &r.2, 3),
        w(|r| &r.3, 3),
        w(|r| &r.0, 6),
        w(|r| &r.1, 6),
        w(|r| &r.4, 7),
    );
    let mut table = vec![vec![
        format!("{:<ws$}", "SRC"),
        format!("{:<wd$}", "DST"),
        format!("{:<wsn$}", "SRC_NS"),
        format!("{:<wdn$}", "DST_NS"),
        format!("{:<wm$}", "SECURED"),
    ]];
    for (sn, dn, s, d, m) in &rows {
        table.push(vec![
            format!("{s:<ws$}"),
            format!("{d:<wd$}"),
            format!("{sn:<wsn$}"),
            format!("{dn:<wdn$}"),
            format!("{m:<wm$}"),
        ]);
    }
    Output::stdout(right_aligned(&table))
}

fn tap(lab: &Lab, a: &StatArgs) -> Output {
    let ns = scope(a);
    let Some(target) = a.resources.first() else {
        return cobra::refusal(
            VOICE,
            "linkerd viz tap",
            "please specify a resource to tap",
            vec!["deploy/NAME".into(), "po/NAME".into()],
        );
    };
    let all = match resources(lab, target, ns.as_deref()) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let picked: Vec<&Resource> = match target.split_once('/') {
        Some(_) => named(&all, target).into_iter().collect(),
        None => all.iter().collect(),
    };
    let c = &lab.sim.cluster;
    let mut out = String::new();
    let mut id = 0;
    for s in lab.seen() {
        let Some(r) = picked.iter().find(|r| {
            s.server.is_some_and(|p| r.pods.contains(&p))
                || s.client.is_some_and(|p| r.pods.contains(&p))
        }) else {
            continue;
        };
        if !s.http() {
            continue;
        }
        let inbound = s.server.is_some_and(|p| r.pods.contains(&p));
        let point = Point::Proxy {
            mesh: ProxyMesh::Linkerd,
            side: if inbound { Side::In } else { Side::Out },
            pod: if inbound { s.server } else { s.client },
        };
        if !s.path.iter().any(|(p, _)| *p == point) || !s.saw(&point) {
            continue;
        }
        let ip = |p: Option<usize>| {
            p.and_then(|i| c.pods.get(i))
                .map_or_else(|| "-".into(), |p| p.ip.to_string())
        };
        let src = format!("{}:{}", ip(s.client), s.source_port);
        let dst = format!("{}:{}", ip(s.server), s.port(c));
        let tls = s.result.client_identity.is_some() && s.failure.is_none();
        let dir = if inbound { "in " } else { "out" };
        let authority = s.service.and_then(|i| c.services.get(i)).map_or_else(
            || s.probe.to.clone(),
            |x| {
                format!(
                    "{}.{}.svc.cluster.local:{}",
                    x.name,
                    c.ns_name(x.ns),
                    s.probe.port.unwrap_or(80)
                )
            },
        );
        out.push_str(&format!("req id=0:{id} proxy={dir} src={src} dst={dst} tls={tls} :method={} :authority={authority} :path={}\n", s.method(), s.path_text()));
        match s.result.status {
            Some(st) if s.failure.is_none() || !inbound => out.push_str(&format!(
                "rsp id=0:{id} proxy={dir} src={src} dst={dst} tls={tls} :status={st} latency={}µs\nend id=0:{id} proxy={dir} src={src} dst={dst} tls={tls} duration=104µs response-length=2B\n",
                s.result.latency_us.max(1)
            )),
            _ => out.push_str(&format!("end id=0:{id} proxy={dir} src={src} dst={dst} tls={tls} reset-error=503\n")),
        }
        id += 1;
    }
    Output::stdout(out)
}

fn top(lab: &Lab, a: &StatArgs) -> Output {
    let ns = scope(a);
    let Some(target) = a.resources.first() else {
        return cobra::refusal(
            VOICE,
            "linkerd viz top",
            "please specify a resource",
            vec!["deploy/NAME".into()],
        );
    };
    let all = match resources(lab, target, ns.as_deref()) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let picked: Vec<&Resource> = match target.split_once('/') {
        Some(_) => named(&all, target).into_iter().collect(),
        None => all.iter().collect(),
    };
    let c = &lab.sim.cluster;
    let mut t = super::table::Table::new(0, 2);
    t.row(&[
        "Source",
        "Destination",
        "Method",
        "Path",
        "Count",
        "Best",
        "Worst",
        "Last",
        "Success Rate",
    ]);
    for s in lab.seen() {
        if !s.http()
            || !picked
                .iter()
                .any(|r| s.server.is_some_and(|p| r.pods.contains(&p)))
        {
            continue;
        }
        let name = |p: Option<usize>| {
            p.and_then(|i| c.pods.get(i))
                .map_or_else(|| "-".into(), |p| p.name.clone())
        };
        let ms = format!("{}ms", (s.result.latency_us / 1000).max(1));
        t.push(vec![
            name(s.client),
            name(s.server),
            s.method().into(),
            s.path_text().into(),
            "1".into(),
            ms.clone(),
            ms.clone(),
            ms,
            if success(s) {
                "100.00%".into()
            } else {
                "0.00%".into()
            },
        ]);
    }
    Output::stdout(t.render())
}

fn authz(lab: &Lab, a: &StatArgs) -> Output {
    let ns = a.namespace.clone().unwrap_or_else(|| "default".into());
    let c = &lab.sim.cluster;
    let Some(target) = a.resources.first() else {
        return cobra::refusal(
            VOICE,
            "linkerd viz authz",
            "please specify a resource",
            vec!["deploy/NAME".into()],
        );
    };
    let all = match resources(lab, target, Some(&ns)) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let Some(r) = named(&all, target)
        .or_else(|| a.resources.get(1).and_then(|n| named(&all, n)))
        .or(all.first())
    else {
        return Output {
            stderr: "No traffic found.\n".into(),
            ..Output::default()
        };
    };
    let mut rows = vec![vec![
        "ROUTE".into(),
        "SERVER".into(),
        "AUTHORIZATION".into(),
        "UNAUTHORIZED".into(),
        "SUCCESS".into(),
        "RPS".into(),
        "LATENCY_P50".into(),
        "LATENCY_P95".into(),
        "LATENCY_P99".into(),
    ]];
    let seen = traffic(lab, r, None);
    let denied: Vec<&&Seen> = seen
        .iter()
        .filter(|s| {
            s.path.iter().any(|(p, h)| {
                matches!(p, Point::Proxy { side: Side::In, .. }) && h.decision == "deny"
            })
        })
        .collect();
    let allowed: Vec<&&Seen> = seen
        .iter()
        .filter(|s| !denied.iter().any(|d| std::ptr::eq(**d, **s)))
        .collect();
    let servers: Vec<&model::Server> = c
        .mesh
        .servers
        .iter()
        .filter(|s| {
            c.ns_name(s.ns) == ns
                && r.pods
                    .iter()
                    .filter_map(|&i| c.pods.get(i))
                    .any(|p| s.selector.matches(&p.labels))
        })
        .collect();
    // An empty f64 sum is -0.0: start from +0.0.
    let rate = |list: &[&&Seen]| list.iter().map(|s| s.rps).fold(0.0, |a, b| a + b);
    let stats = |list: &[&&Seen]| -> Vec<String> {
        if list.is_empty() {
            return ["-", "-", "-", "-", "-"].map(String::from).to_vec();
        }
        let ok = list.iter().filter(|s| success(s)).count();
        let lat = list
            .iter()
            .map(|s| (s.result.latency_us / 1000).max(1))
            .max()
            .unwrap_or(1);
        vec![
            format!("{:.2}%", ok as f64 * 100.0 / list.len() as f64),
            format!("{:.1}rps", rate(list)),
            format!("{lat}ms"),
            format!("{lat}ms"),
            format!("{lat}ms"),
        ]
    };
    let unauthorized = format!("{:.1}rps", rate(&denied));
    if servers.is_empty() {
        let default = r
            .pods
            .iter()
            .filter_map(|&i| c.pods.get(i))
            .map(|p| crate::sim::eval::inbound::default_policy(c, p))
            .next()
            .unwrap_or(DefaultPolicy::AllUnauthenticated);
        let mut row = vec![
            "default".into(),
            format!("default:{}", default.name()),
            format!("default/{}", default.name()),
            unauthorized,
        ];
        row.extend(stats(&allowed));
        rows.push(row);
    } else {
        for s in servers {
            let policies: Vec<String> = c
                .mesh
                .linkerd_authz
                .iter()
                .filter(|ap| {
                    ap.ns == s.ns
                        && (matches!(&ap.target, model::AuthzTarget::Server(n) if *n == s.name)
                            || matches!(ap.target, model::AuthzTarget::Namespace))
                })
                .map(|ap| format!("authorizationpolicy/{}", ap.name))
                .chain(
                    c.mesh
                        .server_authorizations
                        .iter()
                        .filter(|saz| saz.selects(s))
                        .map(|saz| format!("serverauthorization/{}", saz.name)),
                )
                .collect();
            let authz = if policies.is_empty() {
                String::new()
            } else {
                policies.join(",")
            };
            let mut row = vec![
                "default".into(),
                s.name.clone(),
                authz,
                unauthorized.clone(),
            ];
            row.extend(stats(&allowed));
            rows.push(row);
        }
    }
    let w0 = rows.iter().map(|r| r[0].len()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r[1].len()).max().unwrap_or(0);
    let w2 = rows.iter().map(|r| r[2].len()).max().unwrap_or(0);
    for r in &mut rows {
        r[0] = format!("{:<w0$}", r[0]);
        r[1] = format!("{:<w1$}", r[1]);
        r[2] = format!("{:<w2$}", r[2]);
    }
    Output::stdout(right_aligned(&rows))
}

/// `linkerd diagnostics policy po/NAME PORT`: the inbound policy the policy controller serves
/// for that pod and port, as YAML.
fn policy(lab: &Lab, ns: &str, resource: &str, port: u16) -> Output {
    let c = &lab.sim.cluster;
    let name = resource.split_once('/').map_or(resource, |(_, n)| n);
    let Some(p) = lab
        .pods()
        .iter()
        .find(|p| p.ns == ns && p.name == name && p.model.is_some())
    else {
        return cobra::error(VOICE, &format!("pods \"{name}\" not found"));
    };
    let pod = &c.pods[p.model.unwrap_or_default()];
    let server = c.mesh.servers.iter().find(|s| {
        s.ns == pod.ns
            && s.selector.matches(&pod.labels)
            && match &s.port {
                model::ServerPort::Number(n) => *n == port,
                model::ServerPort::Name(n) => {
                    pod.named_port(n, crate::sim::model::net::Protocol::Tcp) == Some(port)
                }
            }
    });
    let value = match server {
        Some(s) => {
            let authorizations: Vec<serde_json::Value> = c
                .mesh
                .linkerd_authz
                .iter()
                .filter(|ap| ap.ns == s.ns && (matches!(&ap.target, model::AuthzTarget::Server(n) if *n == s.name) || ap.target == model::AuthzTarget::Namespace))
                .map(|ap| {
                    let ids: Vec<String> = ap
                        .required
                        .iter()
                        .flat_map(|r| match r {
                            model::Authn::MeshTls(n) => c.mesh.meshtls.iter().filter(|m| m.name == *n && m.ns == ap.ns).flat_map(|m| m.identities.clone()).collect::<Vec<_>>(),
                            model::Authn::ServiceAccount { ns, name } => vec![model::identity(name, ns)],
                            model::Authn::Network(_) => Vec::new(),
                        })
                        .collect();
                    let authentication = if ids.is_empty() {
                        json!({"Permit": {"Unauthenticated": {}}})
                    } else {
                        json!({"Permit": {"MeshTLS": {"clients": {"Identities": ids.iter().map(|i| json!({"name": i})).collect::<Vec<_>>()}}}})
                    };
                    json!({"metadata": {"Kind": {"Resource": {"group": "policy.linkerd.io", "kind": "authorizationpolicy", "name": ap.name}}},
                        "authentication": authentication,
                        "networks": [{"net": {"ip": {"Ipv4": 0}, "prefix_len": 0}}]})
                })
                .chain(c.mesh.server_authorizations.iter().filter(|saz| saz.selects(s)).map(|saz| {
                    let authentication = match &saz.authn {
                        model::ClientAuthn::Unauthenticated => json!({"Permit": {"Unauthenticated": {}}}),
                        model::ClientAuthn::TlsUnauthenticated => json!({"Permit": {"MeshTLS": {"clients": {"Unauthenticated": {}}}}}),
                        model::ClientAuthn::Identities(ids) => json!({"Permit": {"MeshTLS": {"clients": {"Identities": ids.iter().map(|i| json!({"name": i})).collect::<Vec<_>>()}}}}),
                    };
                    json!({"metadata": {"Kind": {"Resource": {"group": "policy.linkerd.io", "kind": "serverauthorization", "name": saz.name}}},
                        "authentication": authentication,
                        "networks": [{"net": {"ip": {"Ipv4": 0}, "prefix_len": 0}}]})
                }))
                .collect();
            json!({"labels": {"group": "policy.linkerd.io", "kind": "server", "name": s.name},
                "protocol": {"Kind": {"Detect": {"timeout": {"seconds": 10}}}},
                "authorizations": authorizations})
        }
        None => {
            let default = crate::sim::eval::inbound::default_policy(c, pod);
            json!({"labels": {"group": "", "kind": "default", "name": default.name()},
                "protocol": {"Kind": {"Detect": {"timeout": {"seconds": 10}}}},
                "authorizations": [{"metadata": {"Kind": {"Default": {"name": default.name()}}},
                    "authentication": {"Permit": {"Unauthenticated": {}}},
                    "networks": [{"net": {"ip": {"Ipv4": 0}, "prefix_len": 0}}]}]})
        }
    };
    Output::stdout(super::yaml::to_yaml(&value))
}

fn identity(lab: &Lab, ns: &str, names: &[String]) -> Output {
    if names.is_empty() {
        return cobra::error(
            VOICE,
            "Provide the pod name argument or use the selector flag",
        );
    }
    let mut out = String::new();
    let total = names.len();
    for (i, n) in names.iter().enumerate() {
        let name = n.split_once('/').map_or(n.as_str(), |(_, x)| x);
        let Some(p) = lab.pods().iter().find(|p| p.ns == ns && p.name == name) else {
            return cobra::error(VOICE, &format!("pods \"{name}\" not found"));
        };
        out.push_str(&format!("\nPOD {} ({} of {total})\n\n", p.name, i + 1));
        if p.container("linkerd-proxy").is_none() {
            out.push_str(&format!(
                "\nno container linkerd-proxy found in pod {}; is it meshed?\n",
                p.name
            ));
            continue;
        }
        let Some(cert) = certs::workload(&lab.sim, p) else {
            out.push_str("\nfailed to get the proxy's certificate: the proxy has no identity yet (identity not initialized)\n");
            continue;
        };
        let serial_small = u64::from_str_radix(&cert.serial[..8], 16).unwrap_or(1);
        out.push_str(&format!(
            "Certificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number: {serial_small} ({serial_small:#x})\n    Signature Algorithm: ECDSA-SHA256\n        Issuer: {}\n        Validity\n            Not Before: {}\n            Not After : {}\n        Subject: CN={}\n        Subject Public Key Info:\n            Public Key Algorithm: ECDSA\n                Public-Key: (256 bit)\n        X509v3 extensions:\n            X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment\n            X509v3 Extended Key Usage:\n                TLS Web Server Authentication, TLS Web Client Authentication\n            X509v3 Subject Alternative Name:\n                DNS:{}\n",
            cert.issuer,
            clock::cert_time(cert.not_before),
            clock::cert_time(cert.not_after),
            cert.subject,
            cert.subject,
        ));
    }
    Output::stdout(out)
}

pub fn values(lab: &Lab, path: &[String], slot: Slot<'_>) -> Vec<String> {
    match slot {
        Slot::Flag("namespace") => super::namespaces(lab),
        Slot::Flag("from" | "to") => kinds::workloads(lab)
            .into_iter()
            .filter(|w| w.kind == "Deployment")
            .map(|w| format!("deploy/{}", w.name))
            .collect(),
        Slot::Flag(_) => Vec::new(),
        Slot::Positional(0) if path.iter().any(|p| p == "identity") => lab
            .pods()
            .iter()
            .filter(|p| p.container("linkerd-proxy").is_some())
            .map(|p| p.name.clone())
            .collect(),
        Slot::Positional(0) if path.iter().any(|p| p == "viz") => {
            let mut v = vec!["deploy".to_owned(), "po".into(), "ns".into()];
            v.extend(
                kinds::workloads(lab)
                    .into_iter()
                    .filter(|w| w.kind == "Deployment")
                    .map(|w| format!("deploy/{}", w.name)),
            );
            v
        }
        Slot::Positional(0) if path.iter().any(|p| p == "policy") => lab
            .pods()
            .iter()
            .filter(|p| p.model.is_some())
            .map(|p| format!("po/{}", p.name))
            .collect(),
        Slot::Positional(_) => Vec::new(),
    }
}
