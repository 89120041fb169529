//! `istioctl` 1.26 against the simulated cluster: `proxy-status`, `proxy-config`, `analyze`,
//! `x describe pod`, `ztunnel-config`, `waypoint list|status` and `version`.
//!
//! Layouts follow istio/istio (snapshot 86c9f01, with `proxy-status` as it was before the 1.27
//! rewrite, `git show 21e92b4^`): `istioctl/pkg/writer/pilot/status.go` (`NAME CLUSTER CDS
//! LDS EDS RDS ECDS ISTIOD VERSION`), `writer/envoy/configdump/{cluster,listener,route,
//! endpoint}.go`, `writer/compare/sds/writer.go` (`RESOURCE NAME TYPE STATUS VALID CERT
//! SERIAL NUMBER NOT AFTER NOT BEFORE`), `writer/ztunnel/configdump/{workload,services,
//! certificates}.go`, `pkg/waypoint/waypoint.go`, `pkg/describe/describe.go`; analyzer
//! messages are `pkg/config/analysis/msg/messages.yaml`, printed as `diag.Message.String()`
//! writes them (`Warning [IST0127] (AuthorizationPolicy ns/name) …`).

use clap::{Args, CommandFactory, Parser, Subcommand};

use super::certs::{self, Certificate};
use super::clock;
use super::cobra::{self, Voice};
use super::kubectl::kinds;
use super::pods::{self, Component, Mesh, PodView};
use super::table::Table;
use super::{Lab, Output, Reply, Slot};
use crate::sim::model::istio::{Attachment, ROOT_NAMESPACE};
use crate::sim::model::labels::Selector;
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::fault::Fault;

const VOICE: Voice = Voice { lowercase: false };

#[derive(Parser, Debug)]
#[command(
    name = "istioctl",
    about = "Istio configuration command line utility (meshlab's simulated subset).",
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Istioctl {
    /// Kubernetes namespace
    #[arg(short = 'n', long, global = true)]
    namespace: Option<String>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Retrieves the synchronization status of each Envoy in the mesh
    #[command(name = "proxy-status", visible_alias = "ps")]
    ProxyStatus {
        /// [<type>/]<name>[.<namespace>]
        pod: Option<String>,
    },
    /// Retrieve information about proxy configuration from Envoy [kube only]
    #[command(name = "proxy-config", visible_alias = "pc", subcommand)]
    ProxyConfig(Pc),
    /// Analyze Istio configuration and print validation messages
    Analyze {
        /// Analyze all namespaces
        #[arg(short = 'A', long = "all-namespaces")]
        all: bool,
    },
    /// Experimental commands that may be modified or deprecated
    #[command(visible_alias = "x", subcommand)]
    Experimental(Experimental),
    /// Update or retrieve current Ztunnel configuration.
    #[command(name = "ztunnel-config", visible_alias = "zc", subcommand)]
    ZtunnelConfig(Zc),
    /// Manage waypoint configuration
    #[command(subcommand)]
    Waypoint(Waypoint),
    /// Prints out build version information
    Version,
}

#[derive(Args, Debug)]
struct PodArg {
    /// [<type>/]<name>[.<namespace>]
    pod: String,
    /// Output format: short
    #[arg(short = 'o', long, value_parser = ["short"])]
    output: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Pc {
    /// Retrieves cluster configuration for the Envoy in the specified pod
    #[command(visible_aliases = ["clusters", "c"])]
    Cluster(PodArg),
    /// Retrieves listener configuration for the Envoy in the specified pod
    #[command(visible_aliases = ["listeners", "l"])]
    Listener(PodArg),
    /// Retrieves route configuration for the Envoy in the specified pod
    #[command(visible_aliases = ["routes", "r"])]
    Route(PodArg),
    /// Retrieves endpoint configuration for the Envoy in the specified pod
    #[command(visible_aliases = ["endpoints", "ep"])]
    Endpoint(PodArg),
    /// Retrieves secret configuration for the Envoy in the specified pod
    #[command(visible_aliases = ["secrets", "s"])]
    Secret(PodArg),
}

#[derive(Subcommand, Debug)]
enum Experimental {
    /// Describe resource and related Istio configuration
    #[command(subcommand)]
    Describe(Describe),
}

#[derive(Subcommand, Debug)]
enum Describe {
    /// Describe pods and their Istio configuration [kube-only]
    #[command(visible_alias = "po")]
    Pod {
        /// <pod>[.<namespace>]
        pod: String,
    },
}

#[derive(Args, Debug)]
struct ZcArgs {
    /// Filter by the ztunnel on this node
    #[arg(long)]
    node: Option<String>,
    /// Filter workloads by namespace
    #[arg(long = "workload-namespace")]
    workload_namespace: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Zc {
    /// Retrieves workload configuration for the specified Ztunnel pod.
    #[command(name = "workload", visible_aliases = ["workloads", "w"])]
    Workloads(ZcArgs),
    /// Retrieves services configuration for the specified Ztunnel pod.
    #[command(name = "service", visible_aliases = ["services", "s", "svc"])]
    Services(ZcArgs),
    /// Retrieves certificate for the specified Ztunnel pod.
    #[command(name = "certificate", visible_aliases = ["certificates", "certs", "cert"])]
    Certificates(ZcArgs),
}

#[derive(Args, Debug)]
struct WaypointArgs {
    /// All namespaces
    #[arg(short = 'A', long = "all-namespaces")]
    all: bool,
    /// name of the waypoint
    #[arg(long)]
    name: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Waypoint {
    /// List managed waypoint configurations in the cluster
    List(WaypointArgs),
    /// Show the status of waypoints for a namespace
    Status(WaypointArgs),
}

pub fn command() -> clap::Command {
    Istioctl::command()
}

pub fn run(lab: &Lab, words: &[String]) -> Reply {
    let cli: Istioctl = match cobra::parse(command(), VOICE, words) {
        Ok(c) => c,
        Err(out) => return Reply::Ran(out),
    };
    let ns = cli.namespace.clone().unwrap_or_else(|| "default".into());
    if !pods::installed(&lab.sim, Mesh::Istio)
        && !matches!(cli.cmd, Cmd::Version | Cmd::Analyze { .. })
    {
        return Reply::Ran(cobra::error(VOICE, "unable to find any Istiod instances"));
    }
    let out = match cli.cmd {
        Cmd::ProxyStatus { pod } => proxy_status(lab, cli.namespace.as_deref(), pod.as_deref()),
        Cmd::ProxyConfig(pc) => proxy_config(lab, &ns, pc),
        Cmd::Analyze { all } => analyze(lab, &ns, all),
        Cmd::Experimental(Experimental::Describe(Describe::Pod { pod })) => {
            describe_pod(lab, &ns, &pod)
        }
        Cmd::ZtunnelConfig(zc) => ztunnel_config(lab, zc),
        Cmd::Waypoint(w) => waypoint(lab, &ns, w),
        Cmd::Version => version(lab),
    };
    Reply::Ran(out)
}

fn istiod(lab: &Lab) -> Option<&PodView> {
    lab.pods()
        .iter()
        .find(|p| p.component == Some(Component::Istiod))
}

fn istiod_down(lab: &Lab) -> bool {
    istiod(lab).is_none_or(|p| !p.is_ready())
}

/// The workloads a version-skew fault left on an older proxy.
fn skewed(lab: &Lab, p: &PodView) -> bool {
    lab.sim.faults.iter().any(|f| match f {
        Fault::VersionSkew { workload } => p
            .model
            .is_some_and(|i| pods::belongs(&lab.sim.cluster, i, workload)),
        _ => false,
    })
}

fn proxy_status(lab: &Lab, ns: Option<&str>, pod: Option<&str>) -> Output {
    if istiod_down(lab) {
        return cobra::error(VOICE, "unable to find any Istiod instances");
    }
    let istiod = istiod(lab).map_or_else(String::new, |p| p.name.clone());
    let mut t = Table::new(0, 5);
    t.row(&[
        "NAME", "CLUSTER", "CDS", "LDS", "EDS", "RDS", "ECDS", "ISTIOD", "VERSION",
    ]);
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for p in lab.pods() {
        let proxy = p.profile == Profile::IstioSidecar
            || matches!(
                p.component,
                Some(Component::Ztunnel | Component::Waypoint(_))
            );
        if !proxy || ns.is_some_and(|n| n != p.ns) {
            continue;
        }
        let name = format!("{}.{}", p.name, p.ns);
        if pod.is_some_and(|want| !name.starts_with(want) && p.name != want) {
            continue;
        }
        if p.component == Some(Component::Ztunnel) && !p.is_ready() {
            continue;
        }
        let old = skewed(lab, p);
        let s = if old { "STALE" } else { "SYNCED" };
        let xds: Vec<String> = if p.component == Some(Component::Ztunnel) {
            vec!["IGNORED".into(); 5]
        } else {
            vec![s.into(), s.into(), s.into(), s.into(), "NOT SENT".into()]
        };
        let mut row = vec![name.clone(), "Kubernetes".into()];
        row.extend(xds);
        row.push(istiod.clone());
        row.push(if old {
            "1.24.6".into()
        } else {
            pods::ISTIO_VERSION.into()
        });
        rows.push((name, row));
    }
    rows.sort();
    for (_, r) in rows {
        t.push(r);
    }
    Output::stdout(t.render())
}

/// `POD[.NS]` or `pod/POD[.NS]` in `ns`.
fn find<'a>(lab: &'a Lab, ns: &str, arg: &str) -> Result<&'a PodView, Output> {
    let arg = arg.strip_prefix("pod/").unwrap_or(arg);
    let (name, ns) = match arg.split_once('.') {
        Some((n, s)) => (n, s),
        None => (arg, ns),
    };
    lab.pods()
        .iter()
        .find(|p| p.ns == ns && p.name == name)
        .ok_or_else(|| cobra::error(VOICE, &format!("pods \"{name}\" not found")))
}

fn sidecar<'a>(lab: &'a Lab, ns: &str, arg: &str) -> Result<&'a PodView, Output> {
    let p = find(lab, ns, arg)?;
    let has = p.container("istio-proxy").is_some();
    if !has {
        return Err(cobra::error(
            VOICE,
            &format!(
                "failed to retrieve proxy config: pod {}.{} does not have an istio-proxy container",
                p.name, p.ns
            ),
        ));
    }
    Ok(p)
}

fn fqdn(lab: &Lab, svc: usize) -> String {
    let c = &lab.sim.cluster;
    c.services.get(svc).map_or_else(String::new, |s| {
        format!("{}.{}.svc.cluster.local", s.name, c.ns_name(s.ns))
    })
}

fn proxy_config(lab: &Lab, ns: &str, pc: Pc) -> Output {
    let c = &lab.sim.cluster;
    match pc {
        Pc::Cluster(a) => {
            let p = match sidecar(lab, ns, &a.pod) {
                Ok(p) => p,
                Err(e) => return e,
            };
            let mut rows: Vec<Vec<String>> = Vec::new();
            for port in p.app_containers().flat_map(|ct| ct.ports.iter()) {
                rows.push(vec![
                    String::new(),
                    port.port.to_string(),
                    "-".into(),
                    "inbound".into(),
                    "ORIGINAL_DST".into(),
                    String::new(),
                ]);
            }
            for name in [
                "BlackHoleCluster",
                "InboundPassthroughCluster",
                "PassthroughCluster",
                "agent",
            ] {
                let kind = if name.ends_with("Passthrough") || name.contains("Passthrough") {
                    "ORIGINAL_DST"
                } else {
                    "STATIC"
                };
                rows.push(vec![
                    name.into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    kind.into(),
                    String::new(),
                ]);
            }
            let mut services: Vec<Vec<String>> = Vec::new();
            for (i, s) in c.services.iter().enumerate() {
                for sp in &s.ports {
                    services.push(vec![
                        fqdn(lab, i),
                        sp.port.to_string(),
                        "-".into(),
                        "outbound".into(),
                        "EDS".into(),
                        String::new(),
                    ]);
                }
            }
            services.sort();
            rows.extend(services);
            for name in ["prometheus_stats", "sds-grpc", "xds-grpc"] {
                rows.push(vec![
                    name.into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "STATIC".into(),
                    String::new(),
                ]);
            }
            let mut t = Table::new(0, 5);
            t.row(&[
                "SERVICE FQDN",
                "PORT",
                "SUBSET",
                "DIRECTION",
                "TYPE",
                "DESTINATION RULE",
            ]);
            for r in rows {
                t.push(r);
            }
            Output::stdout(t.render())
        }
        Pc::Listener(a) => {
            let p = match sidecar(lab, ns, &a.pod) {
                Ok(p) => p,
                Err(e) => return e,
            };
            let mut t = Table::new(0, 1);
            t.row(&["ADDRESSES", "PORT", "MATCH", "DESTINATION"]);
            let mut outbound: Vec<(u16, String, String)> = Vec::new();
            for (i, s) in c.services.iter().enumerate() {
                for sp in &s.ports {
                    let http = sp
                        .app_protocol
                        .as_deref()
                        .is_some_and(|a| a.starts_with("http"))
                        || sp.name.as_deref().is_some_and(|n| n.starts_with("http"));
                    if http {
                        outbound.push((sp.port, "0.0.0.0".into(), format!("Route: {}", sp.port)));
                    } else {
                        outbound.push((
                            sp.port,
                            s.cluster_ip
                                .map_or_else(|| "0.0.0.0".into(), |ip| ip.to_string()),
                            format!("Cluster: outbound|{}||{}", sp.port, fqdn(lab, i)),
                        ));
                    }
                }
            }
            outbound.sort();
            outbound.dedup();
            for (port, addr, dest) in outbound {
                let m = if dest.starts_with("Route") {
                    "Trans: raw_buffer; App: http/1.1,h2c"
                } else {
                    "ALL"
                };
                t.row(&[addr, port.to_string(), m.into(), dest]);
            }
            t.row(&["0.0.0.0", "15001", "ALL", "PassthroughCluster"]);
            t.row(&["0.0.0.0", "15001", "Addr: *:15001", "Non-HTTP/Non-TCP"]);
            for port in p.app_containers().flat_map(|ct| ct.ports.iter()) {
                t.row(&[
                    "0.0.0.0".into(),
                    "15006".into(),
                    format!("Addr: *:{}", port.port),
                    format!("Cluster: inbound|{}||", port.port),
                ]);
            }
            t.row(&[
                "0.0.0.0",
                "15006",
                "Trans: tls; App: istio-http/1.0,istio-http/1.1,istio-h2",
                "InboundPassthroughCluster",
            ]);
            t.row(&["0.0.0.0", "15021", "ALL", "Inline Route: /healthz/ready*"]);
            t.row(&[
                "0.0.0.0",
                "15090",
                "ALL",
                "Inline Route: /stats/prometheus*",
            ]);
            Output::stdout(t.render())
        }
        Pc::Route(a) => {
            if let Err(e) = sidecar(lab, ns, &a.pod) {
                return e;
            }
            let mut t = Table::new(0, 1);
            t.row(&["NAME", "VHOST NAME", "DOMAINS", "MATCH", "VIRTUAL SERVICE"]);
            let mut rows: Vec<Vec<String>> = Vec::new();
            for (i, s) in c.services.iter().enumerate() {
                for sp in &s.ports {
                    let vs = c
                        .mesh
                        .virtual_services
                        .iter()
                        .find(|v| {
                            v.for_mesh()
                                && v.hosts.iter().any(|h| {
                                    h == &s.name
                                        || *h == fqdn(lab, i)
                                        || h.starts_with(&format!("{}.{}", s.name, c.ns_name(s.ns)))
                                })
                        })
                        .map_or_else(String::new, |v| format!("{}.{}", v.name, c.ns_name(v.ns)));
                    rows.push(vec![
                        sp.port.to_string(),
                        format!("{}:{}", fqdn(lab, i), sp.port),
                        format!("{}.{}", s.name, c.ns_name(s.ns)),
                        "/*".into(),
                        vs,
                    ]);
                }
            }
            rows.sort();
            for r in rows {
                t.push(r);
            }
            t.row(&["", "inbound|http|8080", "*", "/*", ""]);
            t.row(&["", "backend", "*", "/healthz/ready*", ""]);
            t.row(&["", "backend", "*", "/stats/prometheus*", ""]);
            Output::stdout(t.render())
        }
        Pc::Endpoint(a) => {
            if let Err(e) = sidecar(lab, ns, &a.pod) {
                return e;
            }
            let mut t = Table::new(0, 5);
            t.row(&["NAME", "STATUS", "LOCALITY", "CLUSTER"]);
            t.row(&["127.0.0.1:15000", "HEALTHY", "", "prometheus_stats"]);
            t.row(&["127.0.0.1:15020", "HEALTHY", "", "agent"]);
            let mut rows: Vec<Vec<String>> = Vec::new();
            for (i, s) in c.services.iter().enumerate() {
                for sp in &s.ports {
                    for (p, ready) in kinds::service_endpoints(lab, i) {
                        if !ready {
                            continue;
                        }
                        let port = match &sp.target {
                            crate::sim::model::TargetPort::Number(n) => *n,
                            crate::sim::model::TargetPort::Name(n) => p
                                .model
                                .and_then(|m| c.pods.get(m))
                                .and_then(|pod| pod.named_port(n, sp.protocol))
                                .unwrap_or(sp.port),
                        };
                        rows.push(vec![
                            format!("{}:{port}", p.ip),
                            "HEALTHY".into(),
                            String::new(),
                            format!("outbound|{}||{}", sp.port, fqdn(lab, i)),
                        ]);
                    }
                }
            }
            rows.sort_by(|a, b| a[3].cmp(&b[3]));
            for r in rows {
                t.push(r);
            }
            t.row(&["unix://./etc/istio/proxy/XDS", "HEALTHY", "", "xds-grpc"]);
            t.row(&[
                "unix://./var/run/secrets/workload-spiffe-uds/socket",
                "HEALTHY",
                "",
                "sds-grpc",
            ]);
            Output::stdout(t.render())
        }
        Pc::Secret(a) => {
            let p = match sidecar(lab, ns, &a.pod) {
                Ok(p) => p,
                Err(e) => return e,
            };
            match certs::workload(&lab.sim, p) {
                None => Output::stdout("No secret items to show.\n"),
                Some(cert) => Output::stdout(secret_table(&cert)),
            }
        }
    }
}

/// The SDS secrets an Envoy holds: its certificate chain and the root it trusts.
fn secret_table(cert: &Certificate) -> String {
    let mut t = Table::new(0, 5);
    t.row(&[
        "RESOURCE NAME",
        "TYPE",
        "STATUS",
        "VALID CERT",
        "SERIAL NUMBER",
        "NOT AFTER",
        "NOT BEFORE",
    ]);
    t.push(vec![
        "default".into(),
        "Cert Chain".into(),
        "ACTIVE".into(),
        cert.valid().to_string(),
        cert.serial.clone(),
        clock::rfc3339(cert.not_after),
        clock::rfc3339(cert.not_before),
    ]);
    t.push(vec![
        "ROOTCA".into(),
        "CA".into(),
        "ACTIVE".into(),
        (cert.root.not_before <= clock::NOW && clock::NOW < cert.root.not_after).to_string(),
        cert.root.serial.clone(),
        clock::rfc3339(cert.root.not_after),
        clock::rfc3339(cert.root.not_before),
    ]);
    t.render()
}

struct Message {
    level: &'static str,
    code: &'static str,
    resource: String,
    text: String,
}

/// The analyzers meshlab can run on its model (IST codes and templates from
/// `pkg/config/analysis/msg/messages.yaml`).
fn analyze(lab: &Lab, ns: &str, all: bool) -> Output {
    let c = &lab.sim.cluster;
    let in_scope = |n: &str| all || n == ns;
    let system = |n: &str| {
        matches!(
            n,
            "kube-system" | "kube-public" | "kube-node-lease" | "local-path-storage"
        ) || n == ROOT_NAMESPACE
            || n.starts_with("linkerd")
    };
    let mut msgs: Vec<Message> = Vec::new();
    let pods_now = lab.pods();
    // Injection (analyzers/injection/injection.go).
    let mut namespaces: Vec<String> = super::namespaces(lab);
    namespaces.retain(|n| !system(n));
    for n in &namespaces {
        if !in_scope(n) {
            continue;
        }
        let nsobj = c.namespace(n).and_then(|i| c.namespaces.get(i));
        let label = nsobj.and_then(|x| {
            x.labels
                .get("istio-injection")
                .or_else(|| x.labels.get("istio.io/rev"))
        });
        let ambient = nsobj.is_some_and(|x| {
            x.labels
                .get("istio.io/dataplane-mode")
                .is_some_and(|v| v == "ambient")
        });
        let in_ns: Vec<&PodView> = pods_now
            .iter()
            .filter(|p| &p.ns == n && p.model.is_some())
            .collect();
        let meshed = in_ns
            .iter()
            .any(|p| matches!(p.profile, Profile::IstioSidecar | Profile::IstioAmbient));
        let enabled = label.is_some_and(|v| v == "enabled" || !v.is_empty() && v != "disabled")
            || in_ns.iter().any(|p| p.profile == Profile::IstioSidecar);
        if label.is_none() && !meshed && !ambient {
            msgs.push(Message {
                level: "Info",
                code: "IST0102",
                resource: format!("Namespace {n}"),
                text: format!("The namespace is not enabled for Istio injection. Run 'kubectl label namespace {n} istio-injection=enabled' to enable it, or 'kubectl label namespace {n} istio-injection=disabled' to explicitly mark it as not needing injection."),
            });
        }
        if enabled && label.is_none_or(|v| v != "disabled") {
            for p in &in_ns {
                let opted_out = p
                    .annotations
                    .get("sidecar.istio.io/inject")
                    .is_some_and(|v| v == "false")
                    || p.labels
                        .get("sidecar.istio.io/inject")
                        .is_some_and(|v| v == "false");
                if p.profile != Profile::IstioSidecar
                    && p.profile != Profile::IstioAmbient
                    && !opted_out
                    && !p.host_network
                {
                    msgs.push(Message {
                        level: "Warning",
                        code: "IST0103",
                        resource: format!("Pod {}/{}", p.ns, p.name),
                        text: format!("The pod {}/{} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.", p.ns, p.name),
                    });
                }
            }
        }
    }
    // AuthorizationPolicies (analyzers/authz/authorizationpolicies.go) and their status
    // conditions (analyzers/conditions/conditions.go).
    let ambient = pods::installed(&lab.sim, Mesh::Ambient);
    for p in c
        .mesh
        .authorization_policies
        .iter()
        .chain(&lab.sim.not_enforced)
    {
        let pns = c.ns_name(p.ns);
        if !in_scope(pns) {
            continue;
        }
        let resource = format!("AuthorizationPolicy {pns}/{}", p.name);
        let labels_of = |pod: &&PodView| pod.model.and_then(|i| c.pods.get(i)).map(|x| &x.labels);
        match &p.attachment {
            Attachment::Workloads(Some(sel)) => {
                let matches = pods_now
                    .iter()
                    .filter(|x| x.model.is_some() && (pns == ROOT_NAMESPACE || x.ns == pns))
                    .filter_map(|x| labels_of(&x))
                    .any(|l| sel.matches(l));
                if !matches {
                    msgs.push(Message {
                        level: "Warning",
                        code: "IST0127",
                        resource: resource.clone(),
                        text: format!(
                            "No matching workloads for this resource with the following labels: {}",
                            kinds::format_selector(sel)
                        ),
                    });
                }
            }
            Attachment::Workloads(None) => {
                if pns != ROOT_NAMESPACE && !pods_now.iter().any(|x| x.ns == pns) {
                    msgs.push(Message {
                        level: "Warning",
                        code: "IST0127",
                        resource: resource.clone(),
                        text: "No matching workloads for this resource with the following labels: "
                            .into(),
                    });
                }
            }
            Attachment::Targets(targets) if ambient => {
                for (kind, name) in targets {
                    if kind != "Service" {
                        continue;
                    }
                    let key = format!("{pns}/{name}");
                    let (reason, message) = match c.service(pns, name) {
                        None => ("TargetNotFound", format!("Service {key} was not found")),
                        Some(svc) if crate::sim::eval::mesh::waypoint_of(c, svc).is_none() => (
                            "AncestorNotBound",
                            format!("Service {key} is not bound to a waypoint"),
                        ),
                        Some(_) => continue,
                    };
                    msgs.push(Message {
                        level: "Warning",
                        code: "IST0171",
                        resource: resource.clone(),
                        text: format!("A condition with a negative status is present: type=WaypointAccepted, reason={reason}, message={message}."),
                    });
                }
            }
            Attachment::Targets(_) => {}
        }
        for rule in &p.rules {
            for from in &rule.from {
                for n in from
                    .namespaces
                    .iter()
                    .flatten()
                    .chain(from.not_namespaces.iter().flatten())
                {
                    if !n.contains('*') && c.namespace(n).is_none() && !namespaces.contains(n) {
                        msgs.push(Message {
                            level: "Error",
                            code: "IST0101",
                            resource: resource.clone(),
                            text: format!("Referenced namespace not found: {n:?}"),
                        });
                    }
                }
            }
        }
    }
    for r in c.routes.iter().chain(&lab.sim.refused_routes) {
        let rns = c.ns_name(r.ns);
        if !in_scope(rns) {
            continue;
        }
        for (kind, (ok, reason, message)) in ["Accepted", "ResolvedRefs"]
            .iter()
            .zip(kinds::route_status(lab, rns, &r.name))
        {
            if !ok {
                msgs.push(Message {
                    level: "Warning",
                    code: "IST0171",
                    resource: format!("HTTPRoute {rns}/{}", r.name),
                    text: format!("A condition with a negative status is present: type={kind}, reason={reason}, message={message}."),
                });
            }
        }
    }
    let target = if all {
        "all namespaces".to_owned()
    } else {
        format!("namespace: {ns}")
    };
    if msgs.is_empty() {
        return Output {
            stdout: "\n".into(),
            stderr: format!("\u{2714} No validation issues found when analyzing {target}.\n"),
            ..Output::default()
        };
    }
    // Sorted as `diag.Messages.Sort`: level (errors first), code, resource.
    let rank = |l: &str| match l {
        "Error" => 0,
        "Warning" => 1,
        _ => 2,
    };
    msgs.sort_by(|a, b| {
        (rank(a.level), a.code, &a.resource).cmp(&(rank(b.level), b.code, &b.resource))
    });
    let mut out = Output::default();
    for m in &msgs {
        out.stdout.push_str(&format!(
            "{} [{}] ({}) {}\n",
            m.level, m.code, m.resource, m.text
        ));
    }
    if msgs.iter().any(|m| m.level == "Error") {
        out.stderr = format!(
            "Error: Analyzers found issues when analyzing {target}.\nSee https://istio.io/v1.26/docs/reference/config/analysis for more information about causes and resolutions.\n"
        );
        out.code = 79;
    }
    out
}

fn describe_pod(lab: &Lab, ns: &str, arg: &str) -> Output {
    let c = &lab.sim.cluster;
    let p = match find(lab, ns, arg) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut s = String::new();
    s.push_str(&format!("Pod: {}.{}\n", p.name, p.ns));
    s.push_str("   Pod Revision: default\n");
    let mut ports: Vec<String> = p
        .app_containers()
        .flat_map(|ct| {
            ct.ports
                .iter()
                .map(move |port| format!("{} ({})", port.port, ct.name))
        })
        .collect();
    if p.container("istio-proxy").is_some() {
        ports.push("15090 (istio-proxy)".into());
    }
    if ports.is_empty() {
        s.push_str("   Pod does not expose ports\n");
    } else {
        s.push_str(&format!("   Pod Ports: {}\n", ports.join(", ")));
    }
    for ct in p.running() {
        if !ct.ready {
            s.push_str(&format!(
                "WARNING: Pod {}.{} Container {} NOT READY\n",
                p.name, p.ns, ct.name
            ));
        }
    }
    if p.profile != Profile::IstioSidecar {
        s.push_str(&format!(
            "WARNING: {}.{} is not part of mesh; no Istio sidecar\n",
            p.name, p.ns
        ));
        return Output::stdout(s);
    }
    let Some(model) = p.model.and_then(|i| c.pods.get(i)) else {
        return Output::stdout(s);
    };
    let services: Vec<usize> = c
        .services
        .iter()
        .enumerate()
        .filter(|(_, svc)| {
            svc.ns == model.ns
                && svc.selector.as_ref().is_some_and(|sel| {
                    !sel.is_empty() && Selector::from_labels(sel).matches(&model.labels)
                })
        })
        .map(|(i, _)| i)
        .collect();
    if services.is_empty() {
        s.push_str(&format!("Warning: No Kubernetes Services select pod {}.{} (see https://istio.io/docs/setup/kubernetes/additional-setup/requirements/ )\n", p.name, p.ns));
    }
    // The sidecar enforces policies that select it; targetRefs policies are for waypoints and
    // gateways only.
    let applied: Vec<String> = c
        .mesh
        .authorization_policies
        .iter()
        .filter(|ap| {
            (ap.ns == model.ns || c.ns_name(ap.ns) == ROOT_NAMESPACE)
                && match &ap.attachment {
                    Attachment::Workloads(None) => true,
                    Attachment::Workloads(Some(sel)) => sel.matches(&model.labels),
                    Attachment::Targets(_) => false,
                }
        })
        .flat_map(|ap| {
            let n = c.ns_name(ap.ns).to_owned();
            let name = ap.name.clone();
            (0..ap.rules.len().max(1)).map(move |i| format!("ns[{n}]-policy[{name}]-rule[{i}]"))
        })
        .collect();
    s.push_str("--------------------\n");
    for (row, i) in services.iter().enumerate() {
        if row > 0 {
            s.push_str("--------------------\n");
        }
        let svc = &c.services[*i];
        s.push_str(&format!("Service: {}.{}\n", svc.name, c.ns_name(svc.ns)));
        for sp in &svc.ports {
            let target = match &sp.target {
                crate::sim::model::TargetPort::Number(n) => *n,
                crate::sim::model::TargetPort::Name(n) => {
                    model.named_port(n, sp.protocol).unwrap_or(sp.port)
                }
            };
            let proto = sp
                .app_protocol
                .as_deref()
                .map_or("TCP".to_owned(), |a| a.to_ascii_uppercase());
            s.push_str(&format!(
                "   Port: {} {}/{proto} targets pod port {target}\n",
                sp.name.as_deref().unwrap_or(""),
                sp.port
            ));
        }
        if !applied.is_empty() {
            s.push_str(&format!("RBAC policies: {}\n", applied.join(", ")));
        }
    }
    s.push_str("--------------------\n");
    let root = c.namespace(ROOT_NAMESPACE);
    let port = model.ports.first().map_or(0, |x| x.port);
    let (mode, by) = crate::sim::eval::istio::mtls_mode(
        &c.mesh.peer_authentications,
        model.ns,
        root,
        &model.labels,
        port,
    );
    s.push_str("Effective PeerAuthentication:\n");
    s.push_str(&format!(
        "   Workload mTLS mode: {}\n",
        kinds::mode_name(mode)
    ));
    if let Some(by) = by {
        let pa = c.mesh.peer_authentications.iter().find(|x| x.name == by);
        let where_ = pa.map_or_else(String::new, |x| c.ns_name(x.ns).to_owned());
        s.push_str(&format!("Applied PeerAuthentication:\n   {by}.{where_}\n"));
    }
    s.push_str("Skipping Gateway information (no ingress gateway pods)\n");
    Output::stdout(s)
}

/// The ztunnel a `ztunnel-config` command talks to: the one on `--node`, else the first that
/// runs.
fn ztunnel<'a>(lab: &'a Lab, node: Option<&str>) -> Result<&'a PodView, Output> {
    let mut all = lab
        .pods()
        .iter()
        .filter(|p| p.component == Some(Component::Ztunnel));
    let picked = match node {
        Some(n) => all.find(|p| p.node == n),
        None => all.find(|p| p.is_ready()),
    };
    match picked {
        Some(p) if p.is_ready() => Ok(p),
        Some(p) => Err(cobra::error(
            VOICE,
            &format!(
                "failed to retrieve ztunnel config dump from {}.{}: dial tcp {}:15000: connect: connection refused",
                p.name, p.ns, p.ip
            ),
        )),
        None => Err(cobra::error(
            VOICE,
            "no ztunnel pods found: is ambient mode installed?",
        )),
    }
}

fn workload_waypoint(lab: &Lab, p: &PodView) -> String {
    let c = &lab.sim.cluster;
    let Some(i) = p.model else {
        return "None".into();
    };
    let pod = &c.pods[i];
    let ns = c.namespaces.get(pod.ns);
    pod.labels
        .get("istio.io/use-waypoint")
        .or_else(|| ns.and_then(|n| n.labels.get("istio.io/use-waypoint")))
        .filter(|w| *w != "none")
        .cloned()
        .unwrap_or_else(|| "None".into())
}

fn ztunnel_config(lab: &Lab, zc: Zc) -> Output {
    let c = &lab.sim.cluster;
    match zc {
        Zc::Workloads(a) => {
            if let Err(e) = ztunnel(lab, a.node.as_deref()) {
                return e;
            }
            let mut rows: Vec<Vec<String>> = lab
                .pods()
                .iter()
                .filter(|p| !p.host_network)
                .filter(|p| a.workload_namespace.as_ref().is_none_or(|n| *n == p.ns))
                .map(|p| {
                    vec![
                        p.ns.clone(),
                        p.name.clone(),
                        p.ip.to_string(),
                        p.node.clone(),
                        workload_waypoint(lab, p),
                        if p.profile == Profile::IstioAmbient {
                            "HBONE"
                        } else {
                            "TCP"
                        }
                        .into(),
                    ]
                })
                .collect();
            rows.sort_by(|x, y| {
                (format!("{}.{}", x[0], x[1]), &x[3]).cmp(&(format!("{}.{}", y[0], y[1]), &y[3]))
            });
            let mut t = Table::new(0, 1);
            t.row(&[
                "NAMESPACE",
                "POD NAME",
                "ADDRESS",
                "NODE",
                "WAYPOINT",
                "PROTOCOL",
            ]);
            for r in rows {
                t.push(r);
            }
            Output::stdout(t.render())
        }
        Zc::Services(a) => {
            if let Err(e) = ztunnel(lab, a.node.as_deref()) {
                return e;
            }
            let mut t = Table::new(0, 1);
            t.row(&[
                "NAMESPACE",
                "SERVICE NAME",
                "SERVICE VIP",
                "WAYPOINT",
                "ENDPOINTS",
            ]);
            let mut rows: Vec<Vec<String>> = c
                .services
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    a.workload_namespace
                        .as_ref()
                        .is_none_or(|n| n == c.ns_name(s.ns))
                })
                .map(|(i, s)| {
                    let eps = kinds::service_endpoints(lab, i);
                    let healthy = eps.iter().filter(|(_, r)| *r).count();
                    let waypoint = crate::sim::eval::mesh::waypoint_of(c, i)
                        .and_then(|g| c.gateways.get(g))
                        .map_or_else(|| "None".into(), |g| g.name.clone());
                    vec![
                        c.ns_name(s.ns).to_owned(),
                        s.name.clone(),
                        s.cluster_ip.map_or_else(String::new, |ip| ip.to_string()),
                        waypoint,
                        format!("{healthy}/{}", eps.len()),
                    ]
                })
                .collect();
            rows.sort();
            for r in rows {
                t.push(r);
            }
            Output::stdout(t.render())
        }
        Zc::Certificates(a) => {
            let z = match ztunnel(lab, a.node.as_deref()) {
                Ok(z) => z,
                Err(e) => return e,
            };
            let mut t = Table::new(0, 5);
            t.row(&[
                "CERTIFICATE NAME",
                "TYPE",
                "STATUS",
                "VALID CERT",
                "SERIAL NUMBER",
                "NOT AFTER",
                "NOT BEFORE",
            ]);
            let mut seen: Vec<String> = Vec::new();
            for p in lab
                .pods()
                .iter()
                .filter(|p| p.node == z.node && p.profile == Profile::IstioAmbient)
            {
                let id = format!(
                    "spiffe://cluster.local/ns/{}/sa/{}",
                    p.ns, p.service_account
                );
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id.clone());
                match certs::workload(&lab.sim, p) {
                    Some(cert) => {
                        t.push(vec![
                            id.clone(),
                            "Leaf".into(),
                            "Available".into(),
                            cert.valid().to_string(),
                            cert.serial.clone(),
                            clock::rfc3339(cert.not_after),
                            clock::rfc3339(cert.not_before),
                        ]);
                        t.push(vec![
                            id,
                            "Root".into(),
                            "Available".into(),
                            "true".into(),
                            cert.root.serial.clone(),
                            clock::rfc3339(cert.root.not_after),
                            clock::rfc3339(cert.root.not_before),
                        ]);
                    }
                    None => t.push(vec![
                        id,
                        "NA".into(),
                        "Unavailable".into(),
                        "false".into(),
                        "NA".into(),
                        "NA".into(),
                        "NA".into(),
                    ]),
                }
            }
            Output::stdout(t.render())
        }
    }
}

fn waypoint(lab: &Lab, ns: &str, w: Waypoint) -> Output {
    let c = &lab.sim.cluster;
    let (a, list) = match &w {
        Waypoint::List(a) => (a, true),
        Waypoint::Status(a) => (a, false),
    };
    let gws: Vec<&crate::sim::model::Gateway> = c
        .gateways
        .iter()
        .filter(|g| g.class == "istio-waypoint")
        .filter(|g| a.all || c.ns_name(g.ns) == ns)
        .filter(|g| a.name.as_ref().is_none_or(|n| *n == g.name))
        .collect();
    if gws.is_empty() {
        return Output::stdout("No waypoints found.\n");
    }
    let mut t = Table::new(0, 5);
    let programmed = |g: &crate::sim::model::Gateway| kinds::gateway_programmed(lab, &g.class);
    if list {
        let mut h = vec!["NAME", "REVISION", "TRAFFIC TYPE", "PROGRAMMED"];
        if a.all {
            h.insert(0, "NAMESPACE");
        }
        t.row(&h);
        for g in gws {
            let traffic = g
                .proxy_labels
                .get("istio.io/waypoint-for")
                .cloned()
                .unwrap_or_else(|| "service".into());
            let mut r = vec![
                g.name.clone(),
                "default".into(),
                traffic,
                if programmed(g) { "True" } else { "False" }.into(),
            ];
            if a.all {
                r.insert(0, c.ns_name(g.ns).to_owned());
            }
            t.push(r);
        }
    } else {
        let mut h = vec!["NAME", "STATUS", "TYPE", "REASON", "MESSAGE"];
        if a.all {
            h.insert(0, "NAMESPACE");
        }
        t.row(&h);
        for g in gws {
            let ok = programmed(g);
            let mut r = vec![
                g.name.clone(),
                if ok { "True" } else { "False" }.into(),
                "Programmed".into(),
                String::new(),
                String::new(),
            ];
            if a.all {
                r.insert(0, c.ns_name(g.ns).to_owned());
            }
            t.push(r);
        }
    }
    Output::stdout(t.render())
}

fn version(lab: &Lab) -> Output {
    if !pods::installed(&lab.sim, Mesh::Istio) || istiod_down(lab) {
        return Output::stdout(format!(
            "Istio is not present in the cluster: no running Istio pods in namespace \"istio-system\"\nclient version: {}\n",
            pods::ISTIO_VERSION
        ));
    }
    let proxies = lab
        .pods()
        .iter()
        .filter(|p| {
            p.profile == Profile::IstioSidecar
                || matches!(
                    p.component,
                    Some(Component::Ztunnel | Component::Waypoint(_))
                )
        })
        .count();
    Output::stdout(format!(
        "client version: {v}\ncontrol plane version: {v}\ndata plane version: {v} ({proxies} proxies)\n",
        v = pods::ISTIO_VERSION
    ))
}

pub fn values(lab: &Lab, path: &[String], slot: Slot<'_>) -> Vec<String> {
    match slot {
        Slot::Flag("namespace") => super::namespaces(lab),
        Slot::Flag("node") => lab
            .sim
            .cluster
            .nodes
            .iter()
            .map(|n| n.name.clone())
            .collect(),
        Slot::Flag(_) => Vec::new(),
        Slot::Positional(0)
            if path
                .iter()
                .any(|p| p == "proxy-config" || p == "pod" || p == "proxy-status") =>
        {
            lab.pods()
                .iter()
                .filter(|p| p.container("istio-proxy").is_some() || path.iter().any(|x| x == "pod"))
                .map(|p| format!("{}.{}", p.name, p.ns))
                .collect()
        }
        Slot::Positional(_) => Vec::new(),
    }
}
