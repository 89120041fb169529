//! `hubble observe`: the flows Cilium's datapath recorded for the cluster's traffic, with
//! Hubble's filters and printers.
//!
//! Each request leaves the events Cilium would emit: a `policy-verdict` where a policy
//! selected the endpoint, `to-endpoint FORWARDED` or `Policy denied DROPPED` at the datapath,
//! and `http-request`/`http-response` when an L7 policy sent the request through the node's
//! Envoy. Lines follow cilium/cilium `hubble/pkg/printer/printer.go` (as vendored in
//! cilium/hubble 75d3a68): compact `TIME: SRC (ID:n) -> DST (ID:n) TYPE VERDICT (SUMMARY)`,
//! `table` and `dict`, `json`; a node whose agent is down is reported as `N nodes are
//! unavailable` and its flows are missing. Filters are the ones of `hubble observe --help`:
//! different filters must all match, repeated values of one filter any.

use clap::{CommandFactory, Parser};
use serde_json::json;

use super::clock;
use super::cobra::{self, Voice};
use super::pods::{self, Component, Mesh, PodView};
use super::table::Table;
use super::traffic::{Failure, Point, Seen, Side};
use super::{Lab, Output, Reply, Slot};
use crate::sim::eval::outcome::Hop;
use crate::sim::model::net::Protocol;

const VOICE: Voice = Voice { lowercase: false };

#[derive(Parser, Debug)]
#[command(
    name = "hubble",
    about = "Hubble is a utility to observe and inspect recent Cilium routed traffic in a cluster (meshlab's simulated subset).",
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Hubble {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Observe flows and events of a Hubble server
    Observe(Observe),
}

#[derive(clap::Args, Debug, Default)]
struct Observe {
    /// Show all flows related to the given Kubernetes namespace.
    #[arg(short = 'n', long)]
    namespace: Vec<String>,
    /// Show all flows in any Kubernetes namespace.
    #[arg(short = 'A', long = "all-namespaces")]
    all_namespaces: bool,
    /// Show all flows related to the given pod name prefix ([namespace/]<pod-name>).
    #[arg(long)]
    pod: Vec<String>,
    /// Show all flows originating in the given pod name prefix ([namespace/]<pod-name>).
    #[arg(long = "from-pod")]
    from_pod: Vec<String>,
    /// Show all flows terminating in the given pod name prefix ([namespace/]<pod-name>).
    #[arg(long = "to-pod")]
    to_pod: Vec<String>,
    /// Show all flows originating in the given Kubernetes namespace.
    #[arg(long = "from-namespace")]
    from_namespace: Vec<String>,
    /// Show all flows terminating in the given Kubernetes namespace.
    #[arg(long = "to-namespace")]
    to_namespace: Vec<String>,
    /// Show only flows with this verdict [FORWARDED, DROPPED, AUDIT, REDIRECTED, ERROR, TRACED, TRANSLATED]
    #[arg(long)]
    verdict: Vec<String>,
    /// Show only flows which match the given L4/L7 flow protocol (e.g. "udp", "http")
    #[arg(long)]
    protocol: Vec<String>,
    /// Show only flows which match this HTTP status code prefix (e.g. "404", "5+")
    #[arg(long = "http-status")]
    http_status: Vec<String>,
    /// Show only flows which match this HTTP method (e.g. "get", "post")
    #[arg(long = "http-method")]
    http_method: Vec<String>,
    /// Show only flows which match this HTTP path regular expressions
    #[arg(long = "http-path")]
    http_path: Vec<String>,
    /// Filter by event types TYPE[:SUBTYPE] (l7, drop, trace, policy-verdict)
    #[arg(short = 't', long = "type")]
    kind: Vec<String>,
    /// Show only flows with given port in either source or destination (e.g. 8080)
    #[arg(long)]
    port: Vec<u16>,
    /// Show only flows with the given destination port (e.g. 8080)
    #[arg(long = "to-port")]
    to_port: Vec<u16>,
    /// Get last N flows stored in Hubble's buffer (default 20)
    #[arg(long)]
    last: Option<usize>,
    /// Get first N flows stored in Hubble's buffer
    #[arg(long)]
    first: Option<usize>,
    /// Get all flows stored in Hubble's buffer
    #[arg(long)]
    all: bool,
    /// Follow flows output (the simulated buffer holds what the traffic left; it ends there)
    #[arg(short = 'f', long)]
    follow: bool,
    /// Specify the output format, one of: compact, dict, json, jsonpb, table
    #[arg(short = 'o', long, value_parser = ["compact", "dict", "json", "jsonpb", "table"])]
    output: Option<String>,
    /// Print node name in output
    #[arg(long = "print-node-name")]
    print_node_name: bool,
    /// Print policy names in output
    #[arg(long = "print-policy-names")]
    print_policy_names: bool,
}

pub fn command() -> clap::Command {
    Hubble::command()
}

pub fn run(lab: &Lab, words: &[String]) -> Reply {
    let cli: Hubble = match cobra::parse(command(), VOICE, words) {
        Ok(c) => c,
        Err(out) => return Reply::Ran(out),
    };
    let Cmd::Observe(o) = cli.cmd;
    if !pods::installed(&lab.sim, Mesh::Cilium) {
        return Reply::Ran(cobra::error(
            VOICE,
            "failed to connect to 'localhost:4245': connection error: desc = \"transport: error while dialing: dial tcp 127.0.0.1:4245: connect: connection refused\"",
        ));
    }
    Reply::Ran(observe(lab, &o))
}

/// One Hubble event.
#[derive(Debug, Clone)]
struct Flow {
    at: (i64, u32),
    node: String,
    src: Endpoint,
    dst: Endpoint,
    /// `to-endpoint`, `policy-verdict:none INGRESS`, `http-request`, `Policy denied`, …
    kind: String,
    verdict: &'static str,
    summary: String,
    /// `l7`, `drop`, `trace`, `policy-verdict`.
    event: &'static str,
    protocol: &'static str,
    http_status: Option<u16>,
    method: Option<String>,
    path: Option<String>,
    drop_reason: Option<&'static str>,
    policy: Option<String>,
    direction: &'static str,
    /// The DNS query name and whether the proxy refused it (a `dns-*` flow).
    dns: Option<(String, bool)>,
}

impl Flow {
    /// The answer half of an exchange, printed from the server's side.
    fn is_reply(&self) -> bool {
        self.kind == "http-response" || self.kind == "dns-response proxy"
    }
}

#[derive(Debug, Clone)]
struct Endpoint {
    ns: String,
    pod: String,
    /// `ns/pod:port`, or `name:port` outside the cluster.
    host: String,
    identity: String,
    ip: String,
    port: u16,
    labels: Vec<String>,
    id: u32,
}

fn endpoint(lab: &Lab, pod: Option<&PodView>, port: u16, external: &str) -> Endpoint {
    match pod {
        Some(p) => {
            let id = super::cilium::identity(lab, p);
            Endpoint {
                ns: p.ns.clone(),
                pod: p.name.clone(),
                host: format!("{}/{}:{port}", p.ns, p.name),
                identity: if id == 5 {
                    "(init)".into()
                } else {
                    format!("(ID:{id})")
                },
                ip: p.ip.to_string(),
                port,
                labels: super::cilium::endpoint_labels(lab, p)
                    .into_iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect(),
                id,
            }
        }
        None => Endpoint {
            ns: String::new(),
            pod: String::new(),
            host: format!("{external}:{port}"),
            identity: "(world)".into(),
            ip: external.to_owned(),
            port,
            labels: vec!["reserved:world".into()],
            id: 2,
        },
    }
}

/// How the evaluator names the hop of Cilium's mutual authentication (`sim/eval/cni.rs`).
const MUTUAL_AUTH: &str = " mutual auth";

/// The pod a hop's text names (`NS/NAME`), as the console lists it.
fn pod_in_text<'a>(lab: &'a Lab, text: &str) -> Option<&'a PodView> {
    let id = text
        .split([' ', '(', ')'])
        .filter_map(|w| w.split_once('/'))
        .find_map(|(ns, name)| lab.sim.cluster.pod(ns, name));
    pod_view(lab, id)
}

fn pod_view(lab: &Lab, id: Option<usize>) -> Option<&PodView> {
    let id = id?;
    lab.pods().iter().find(|p| p.model == Some(id))
}

/// The events one request left.
fn flows(lab: &Lab, s: &Seen) -> Vec<Flow> {
    let c = &lab.sim.cluster;
    let client = pod_view(lab, s.client);
    let server = pod_view(lab, s.server);
    let port = s.port(c);
    let external = s
        .path
        .iter()
        .find_map(|(p, _)| match p {
            Point::External(t) => Some(t.rsplit_once(':').map_or(t.clone(), |(h, _)| h.to_owned())),
            _ => None,
        })
        .unwrap_or_else(|| s.probe.to.clone());
    let mut src = endpoint(lab, client, s.source_port, "");
    let mut dst = endpoint(lab, server, port, &external);
    // ICMP has no ports: Hubble prints the endpoints bare.
    if s.probe.protocol == Some(Protocol::Icmp) {
        for e in [&mut src, &mut dst] {
            if let Some((host, _)) = e.host.rsplit_once(':') {
                e.host = host.to_owned();
            }
        }
    }
    // What the datapath's events say about the packet (flows.proto's L4 summary).
    let (protocol, l4_summary) = match s.probe.protocol {
        Some(Protocol::Udp) => ("udp", "UDP"),
        Some(Protocol::Icmp) => ("icmp", "ICMPv4 EchoRequest"),
        Some(Protocol::Sctp) => ("sctp", "SCTP"),
        _ => ("tcp", "TCP Flags: SYN"),
    };
    let node_of = |p: Option<&PodView>| p.map_or_else(String::new, |p| p.node.clone());
    let url = {
        let svc = s.service.and_then(|i| c.services.get(i));
        svc.map_or_else(
            || format!("http://{}{}", s.probe.to, s.path_text()),
            |x| {
                format!(
                    "http://{}.{}.svc.cluster.local:{}{}",
                    x.name,
                    c.ns_name(x.ns),
                    s.probe.port.unwrap_or(port),
                    s.path_text()
                )
            },
        )
    };
    let mut out = Vec::new();
    let base = |kind: String,
                verdict: &'static str,
                summary: String,
                event: &'static str,
                node: String| Flow {
        at: s.at,
        node,
        src: src.clone(),
        dst: dst.clone(),
        kind,
        verdict,
        summary,
        event,
        protocol,
        http_status: None,
        method: None,
        path: None,
        drop_reason: None,
        policy: None,
        direction: "INGRESS",
        dns: None,
    };
    let mut ms = 0u32;
    let mut step = |f: Flow| {
        let mut f = f;
        ms += 1;
        let total = f.at.1 + ms;
        f.at = (f.at.0 + i64::from(total / 1000), total % 1000);
        out.push(f);
    };
    for (i, (point, hop)) in s.path.iter().enumerate() {
        if !s.saw(point) && !matches!(s.failure, Some(Failure::StaleIdentity)) {
            continue;
        }
        match point {
            // Mutual authentication that succeeded leaves no event of its own.
            Point::Datapath { cilium: true, .. }
                if hop.decision == "allow" && hop.component.ends_with(MUTUAL_AUTH) => {}
            Point::Datapath {
                cilium: true, side, ..
            } => {
                // The client's DNS lookup: its own flow, to the DNS server on 53/UDP.
                let lookup = hop.reason.starts_with("DNS lookup of");
                let (dst_here, protocol, summary) = if lookup {
                    let dns = pod_in_text(lab, &hop.reason);
                    (endpoint(lab, dns, 53, ""), "udp", "UDP")
                } else {
                    (dst.clone(), protocol, l4_summary)
                };
                let base =
                    |kind: String, verdict: &'static str, event: &'static str, node: String| {
                        let mut f = base(kind, verdict, summary.to_owned(), event, node);
                        f.dst = dst_here.clone();
                        f.protocol = protocol;
                        f
                    };
                let auth_drop = |h: &Hop| {
                    h.decision == "drop" && h.reason.starts_with("Authentication required")
                };
                let node = if *side == Side::In {
                    node_of(server)
                } else {
                    node_of(client)
                };
                let dir = if *side == Side::In {
                    "INGRESS"
                } else {
                    "EGRESS"
                };
                let dropped = hop.decision.starts_with("drop")
                    || hop.decision.starts_with("reject")
                    || (*side == Side::In && matches!(s.failure, Some(Failure::StaleIdentity)));
                // The policy allowed it, the agents could not authenticate the peers.
                if auth_drop(hop) {
                    let mut f = base("Authentication required".into(), "DROPPED", "drop", node);
                    f.drop_reason = Some("AUTH_REQUIRED");
                    f.direction = dir;
                    step(f);
                    break;
                }
                let policy = hop.reason.split("allowed by ").nth(1).map(|r| {
                    r.split(" ingress rule")
                        .next()
                        .unwrap_or(r)
                        .split(" egress rule")
                        .next()
                        .unwrap_or(r)
                        .to_owned()
                });
                if dropped {
                    let mut f = base(
                        format!("policy-verdict:none {dir}"),
                        "DENIED",
                        "policy-verdict",
                        node.clone(),
                    );
                    f.direction = dir;
                    step(f);
                    // A deny rule's drop is POLICY_DENY (181), "Policy denied by denylist";
                    // default deny's is POLICY_DENIED (133), flow.proto.
                    let (kind, reason) = if hop.decision == "drop (deny rule)" {
                        ("Policy denied by denylist", "POLICY_DENY")
                    } else {
                        ("Policy denied", "POLICY_DENIED")
                    };
                    let mut f = base(kind.into(), "DROPPED", "drop", node);
                    f.drop_reason = Some(reason);
                    f.direction = dir;
                    step(f);
                    break;
                }
                if let Some(policy) = policy {
                    let mut f = base(
                        format!("policy-verdict:L3-L4 {dir}"),
                        "ALLOWED",
                        "policy-verdict",
                        node.clone(),
                    );
                    f.direction = dir;
                    f.policy = Some(policy);
                    step(f);
                }
                let authenticating = s.path.get(i + 1).is_some_and(|(_, h)| auth_drop(h));
                if lookup || authenticating {
                    continue;
                }
                if *side == Side::In {
                    step(base("to-endpoint".into(), "FORWARDED", "trace", node));
                } else if server.is_none() {
                    let mut f = base("to-stack".into(), "FORWARDED", "trace", node);
                    f.direction = "EGRESS";
                    step(f);
                }
            }
            Point::DnsProxy { node, dns } => {
                let refused = hop.decision == "refuse";
                let query = hop
                    .reason
                    .strip_prefix("DNS query ")
                    .and_then(|r| r.split(' ').next())
                    .unwrap_or_default()
                    .to_owned();
                let mut f = base(
                    "dns-request proxy".into(),
                    if refused { "DROPPED" } else { "FORWARDED" },
                    format!("DNS Query {query}. A"),
                    "l7",
                    node.clone(),
                );
                f.dst = endpoint(lab, pod_view(lab, *dns), 53, "");
                f.protocol = "dns";
                f.direction = "EGRESS";
                f.dns = Some((query.clone(), refused));
                if refused {
                    f.drop_reason = Some("POLICY_DENIED");
                }
                step(f.clone());
                let mut r = f;
                r.kind = "dns-response proxy".into();
                r.verdict = "FORWARDED";
                r.drop_reason = None;
                r.summary = if refused {
                    format!("DNS Answer RCode: Refused (Proxy {query}. A)")
                } else {
                    format!("DNS Answer (Proxy {query}. A)")
                };
                std::mem::swap(&mut r.src, &mut r.dst);
                step(r);
                if refused {
                    break;
                }
            }
            Point::NodeEnvoy(node) => {
                let denied = hop.decision == "deny";
                let mut f = base(
                    "http-request".into(),
                    if denied { "DROPPED" } else { "FORWARDED" },
                    format!("HTTP/1.1 {} {url}", s.method()),
                    "l7",
                    node.clone(),
                );
                f.protocol = "http";
                f.method = Some(s.method().to_owned());
                f.path = Some(s.path_text().to_owned());
                if denied {
                    f.drop_reason = Some("POLICY_DENIED");
                }
                step(f.clone());
                let status = if denied {
                    403
                } else {
                    s.result.status.unwrap_or(200)
                };
                let mut r = f;
                r.kind = "http-response".into();
                r.verdict = "FORWARDED";
                r.drop_reason = None;
                r.summary = format!(
                    "HTTP/1.1 {status} {}ms ({} {url})",
                    (s.result.latency_us / 1000).max(if denied { 0 } else { 1 }),
                    s.method()
                );
                r.http_status = Some(status);
                std::mem::swap(&mut r.src, &mut r.dst);
                step(r);
                if denied {
                    break;
                }
            }
            _ => {}
        }
    }
    out
}

/// `[namespace/]pod-name` prefix (namespace `default` when none is given).
fn pod_matches(filter: &str, e: &Endpoint) -> bool {
    let (ns, prefix) = filter.split_once('/').unwrap_or(("default", filter));
    !e.pod.is_empty() && e.ns == ns && e.pod.starts_with(prefix)
}

fn any_or_empty<T>(filters: &[T], f: impl Fn(&T) -> bool) -> bool {
    filters.is_empty() || filters.iter().any(f)
}

fn keep(o: &Observe, f: &Flow) -> bool {
    any_or_empty(&o.namespace, |n| f.src.ns == *n || f.dst.ns == *n)
        && any_or_empty(&o.from_namespace, |n| f.src.ns == *n)
        && any_or_empty(&o.to_namespace, |n| f.dst.ns == *n)
        && any_or_empty(&o.pod, |p| pod_matches(p, &f.src) || pod_matches(p, &f.dst))
        && any_or_empty(&o.from_pod, |p| pod_matches(p, &f.src))
        && any_or_empty(&o.to_pod, |p| pod_matches(p, &f.dst))
        && any_or_empty(&o.verdict, |v| {
            let v = v.to_ascii_uppercase();
            // A policy verdict's ALLOWED/DENIED are Hubble's FORWARDED/DROPPED.
            let flow = match f.verdict {
                "ALLOWED" => "FORWARDED",
                "DENIED" => "DROPPED",
                other => other,
            };
            flow == v
        })
        && any_or_empty(&o.protocol, |p| {
            // An L7 flow also matches its transport: HTTP rides TCP, DNS rides UDP.
            p.eq_ignore_ascii_case(f.protocol)
                || (p.eq_ignore_ascii_case("tcp") && f.protocol == "http")
                || (p.eq_ignore_ascii_case("udp") && f.protocol == "dns")
        })
        && any_or_empty(&o.http_status, |want| {
            f.http_status.is_some_and(|s| {
                let s = s.to_string();
                match want.strip_suffix('+') {
                    Some(prefix) => s.starts_with(prefix),
                    None => s == *want,
                }
            })
        })
        && any_or_empty(&o.http_method, |m| {
            f.method
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(m))
        })
        && any_or_empty(&o.http_path, |p| {
            f.path
                .as_deref()
                .is_some_and(|x| regex::Regex::new(p).is_ok_and(|re| re.is_match(x)))
        })
        && any_or_empty(&o.kind, |t| {
            let (t, sub) = t.split_once(':').unwrap_or((t, ""));
            t.eq_ignore_ascii_case(f.event) && (sub.is_empty() || f.kind == sub)
        })
        && any_or_empty(&o.port, |p| f.src.port == *p || f.dst.port == *p)
        && any_or_empty(&o.to_port, |p| f.dst.port == *p)
}

fn observe(lab: &Lab, o: &Observe) -> Output {
    // Nodes whose agent (and so its Hubble server) is down: their flows are not available.
    let down: Vec<String> = lab
        .pods()
        .iter()
        .filter(|p| p.component == Some(Component::CiliumAgent) && !p.is_ready())
        .map(|p| p.node.clone())
        .collect();
    let mut all: Vec<Flow> = lab
        .seen()
        .iter()
        .flat_map(|s| flows(lab, s))
        .filter(|f| !down.contains(&f.node))
        .filter(|f| keep(o, f))
        .collect();
    all.sort_by_key(|f| f.at);
    if !o.all {
        if let Some(n) = o.first {
            all.truncate(n);
        } else {
            let n = o.last.unwrap_or(20);
            all.drain(..all.len().saturating_sub(n));
        }
    }
    let mut out = Output::default();
    if !down.is_empty() {
        out.stderr = format!(
            "{} [{}]: {} nodes are unavailable: {}\n",
            clock::stamp_milli(clock::NOW - 60, 0),
            "hubble-relay",
            down.len(),
            down.join(", ")
        );
    }
    match o.output.as_deref().unwrap_or("compact") {
        "json" | "jsonpb" => {
            for f in &all {
                out.stdout.push_str(&json_line(f));
                out.stdout.push('\n');
            }
        }
        "table" => {
            let mut t = Table::new(2, 3);
            let mut h = vec!["TIMESTAMP"];
            if o.print_node_name {
                h.push("NODE");
            }
            h.extend(["SOURCE", "DESTINATION", "TYPE", "VERDICT", "SUMMARY"]);
            t.row(&h);
            for f in &all {
                let mut r = vec![clock::stamp_milli(f.at.0, f.at.1)];
                if o.print_node_name {
                    r.push(f.node.clone());
                }
                r.extend([
                    f.src.host.clone(),
                    f.dst.host.clone(),
                    f.kind.clone(),
                    verdict(o, f),
                    f.summary.clone(),
                ]);
                t.push(r);
            }
            out.stdout.push_str(&t.render());
        }
        "dict" => {
            for (i, f) in all.iter().enumerate() {
                if i > 0 {
                    out.stdout.push_str("------------\n");
                }
                out.stdout.push_str(&format!(
                    "  TIMESTAMP: {}\n     SOURCE: {}\nDESTINATION: {}\n       TYPE: {}\n    VERDICT: {}\n    SUMMARY: {}\n",
                    clock::stamp_milli(f.at.0, f.at.1),
                    f.src.host,
                    f.dst.host,
                    f.kind,
                    verdict(o, f),
                    f.summary
                ));
            }
        }
        _ => {
            for f in &all {
                let node = if o.print_node_name {
                    format!(" [{}]", f.node)
                } else {
                    String::new()
                };
                let (arrow, a, b) = if f.is_reply() {
                    ("<-", &f.dst, &f.src)
                } else {
                    ("->", &f.src, &f.dst)
                };
                out.stdout.push_str(&format!(
                    "{}{node}: {} {} {arrow} {} {} {} {} ({})\n",
                    clock::stamp_milli(f.at.0, f.at.1),
                    a.host,
                    a.identity,
                    b.host,
                    b.identity,
                    f.kind,
                    verdict(o, f),
                    f.summary
                ));
            }
        }
    }
    out
}

fn verdict(o: &Observe, f: &Flow) -> String {
    match (&f.policy, o.print_policy_names) {
        (Some(p), true) => {
            let (kind, name) = p
                .split_once(' ')
                .unwrap_or(("CiliumNetworkPolicy", p.as_str()));
            let name = name.rsplit('/').next().unwrap_or(name);
            format!("{} BY {name} ({kind})", f.verdict)
        }
        _ => f.verdict.to_owned(),
    }
}

fn json_line(f: &Flow) -> String {
    let ep = |e: &Endpoint| {
        if e.pod.is_empty() {
            json!({"identity": e.id, "labels": e.labels})
        } else {
            json!({"ID": e.id, "identity": e.id, "namespace": e.ns, "labels": e.labels, "pod_name": e.pod})
        }
    };
    let verdict = match f.verdict {
        "ALLOWED" => "FORWARDED",
        "DENIED" => "DROPPED",
        v => v,
    };
    let mut flow = json!({
        "time": clock::rfc3339_millis(f.at.0, f.at.1),
        "verdict": verdict,
        "IP": {"source": f.src.ip, "destination": f.dst.ip, "ipVersion": "IPv4"},
        "l4": match f.protocol {
            "udp" | "dns" => json!({"UDP": {"source_port": f.src.port, "destination_port": f.dst.port}}),
            "icmp" => json!({"ICMPv4": {"type": 8}}),
            _ => json!({"TCP": {"source_port": f.src.port, "destination_port": f.dst.port, "flags": {"SYN": true}}}),
        },
        "source": ep(&f.src),
        "destination": ep(&f.dst),
        "Type": if f.event == "l7" { "L7" } else { "L3_L4" },
        "node_name": f.node,
        "traffic_direction": f.direction,
        "is_reply": f.is_reply(),
        "Summary": f.summary,
    });
    if let Some(r) = f.drop_reason {
        flow["drop_reason_desc"] = json!(r);
    }
    if let Some((query, refused)) = &f.dns {
        flow["l7"] = json!({"type": if f.is_reply() { "RESPONSE" } else { "REQUEST" },
            "dns": {"query": format!("{query}."), "qtypes": ["A"], "rcode": if *refused { 5 } else { 0 }}});
    } else if f.event == "l7" {
        flow["l7"] = json!({"type": if f.kind == "http-request" { "REQUEST" } else { "RESPONSE" },
            "http": {"code": f.http_status.unwrap_or(0), "method": f.method, "url": f.summary.split(' ').nth(2).unwrap_or_default(), "protocol": "HTTP/1.1"}});
    }
    json!({"flow": flow, "node_name": f.node, "time": clock::rfc3339_millis(f.at.0, f.at.1)})
        .to_string()
}

pub fn values(lab: &Lab, _path: &[String], slot: Slot<'_>) -> Vec<String> {
    match slot {
        Slot::Flag("namespace" | "from-namespace" | "to-namespace") => super::namespaces(lab),
        Slot::Flag("pod" | "from-pod" | "to-pod") => lab
            .pods()
            .iter()
            .filter(|p| p.model.is_some())
            .map(|p| format!("{}/{}", p.ns, p.name))
            .collect(),
        Slot::Flag("verdict") => [
            "FORWARDED",
            "DROPPED",
            "AUDIT",
            "REDIRECTED",
            "ERROR",
            "TRACED",
            "TRANSLATED",
        ]
        .map(String::from)
        .to_vec(),
        Slot::Flag("protocol") => ["tcp", "udp", "http", "dns"].map(String::from).to_vec(),
        Slot::Flag("type") => ["l7", "drop", "trace", "policy-verdict"]
            .map(String::from)
            .to_vec(),
        _ => Vec::new(),
    }
}
