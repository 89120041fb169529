//! `kubectl describe`: kubectl's own describers for pods, Services and Deployments
//! (kubernetes `staging/src/k8s.io/kubectl/pkg/describe/describe.go`: `describePod`,
//! `describeService`, `describeDeployment`), and its generic describer for everything else
//! (`GenericDescriberFor`/`printUnstructuredContent`: the object's fields as `Title Case:`
//! lines, nested by two spaces), which is what kubectl prints for custom resources such as
//! HTTPRoutes, where the status conditions say whether a route was accepted.

use serde_json::Value;

use super::super::Lab;
use super::super::clock;
use super::super::pods::{PodView, State};
use super::events::{self, Event};
use super::kinds::{self, Kind, Object};

pub fn describe(lab: &Lab, kind: &Kind, o: &Object) -> String {
    match kind.kind {
        "Pod" => lab
            .pods()
            .iter()
            .find(|p| Some(&p.ns) == o.ns.as_ref() && p.name == o.name)
            .map_or_else(|| generic(kind, o), |p| pod(lab, p)),
        "Service" => service(lab, o),
        "Deployment" => deployment(lab, o),
        _ => generic(kind, o),
    }
}

/// Aligned `Label:  value` lines, the way describe's tabwriter lays out one block.
struct Block {
    lines: Vec<(usize, String, String)>,
}

impl Block {
    fn new() -> Block {
        Block { lines: Vec::new() }
    }

    fn field(&mut self, indent: usize, label: &str, value: impl Into<String>) {
        self.lines.push((indent, format!("{label}:"), value.into()));
    }

    /// A line of its own (a section title, a table row).
    fn line(&mut self, indent: usize, text: impl Into<String>) {
        self.lines.push((indent, text.into(), String::new()));
    }

    /// Labels or annotations: `<none>`, or one `k=v` per line under the first.
    fn map(&mut self, indent: usize, label: &str, m: &crate::sim::model::labels::Labels) {
        if m.is_empty() {
            self.field(indent, label, "<none>");
            return;
        }
        let mut first = true;
        for (k, v) in m {
            let sep = if label == "Annotations" { ": " } else { "=" };
            if first {
                self.field(indent, label, format!("{k}{sep}{v}"));
                first = false;
            } else {
                self.lines
                    .push((indent, String::new(), format!("{k}{sep}{v}")));
            }
        }
    }

    /// describe writes through a tabwriter (padding 2): consecutive lines with a value form
    /// one block, and their values start in one column after the widest `indent + label`.
    fn render(&self) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.lines.len() {
            let (indent, label, value) = &self.lines[i];
            if value.is_empty() {
                out.extend(std::iter::repeat_n(' ', *indent));
                out.push_str(label);
                out.push('\n');
                i += 1;
                continue;
            }
            let end = self.lines[i..]
                .iter()
                .position(|(_, _, v)| v.is_empty())
                .map_or(self.lines.len(), |n| i + n);
            let width = self.lines[i..end]
                .iter()
                .map(|(ind, l, _)| ind + l.chars().count())
                .max()
                .unwrap_or(0);
            for (ind, l, v) in &self.lines[i..end] {
                out.extend(std::iter::repeat_n(' ', *ind));
                out.push_str(l);
                out.extend(std::iter::repeat_n(
                    ' ',
                    width + 2 - ind - l.chars().count(),
                ));
                out.push_str(v);
                out.push('\n');
            }
            i = end;
        }
        out
    }
}

fn events(b: &mut Block, events: &[Event]) {
    if events.is_empty() {
        b.field(0, "Events", "<none>");
        return;
    }
    b.line(0, "Events:");
    let mut t = super::super::table::Table::new(0, 2);
    t.row(&["Type", "Reason", "Age", "From", "Message"]);
    t.row(&["----", "------", "----", "----", "-------"]);
    for e in events {
        t.row(&[e.kind, e.reason, &e.age(), e.source, &e.message]);
    }
    for line in t.render().lines() {
        b.line(2, line.to_owned());
    }
}

fn pod(lab: &Lab, p: &PodView) -> String {
    let mut b = Block::new();
    b.field(0, "Name", &p.name);
    b.field(0, "Namespace", &p.ns);
    b.field(0, "Priority", "0");
    b.field(0, "Service Account", &p.service_account);
    let node_ip = lab
        .sim
        .cluster
        .node(&p.node)
        .and_then(|n| lab.sim.cluster.nodes.get(n))
        .map_or_else(String::new, |n| n.ip.to_string());
    b.field(0, "Node", format!("{}/{node_ip}", p.node));
    b.field(0, "Start Time", clock::rfc1123z(clock::NOW - p.age));
    b.map(0, "Labels", &p.labels);
    b.map(0, "Annotations", &p.annotations);
    b.field(0, "Status", "Running");
    b.field(0, "IP", p.ip.to_string());
    b.line(0, "IPs:");
    b.field(2, "IP", p.ip.to_string());
    if let Some((kind, name)) = &p.workload {
        let by = if *kind == "Deployment" {
            format!("ReplicaSet/{}", kinds::replica_set(name))
        } else {
            format!("{kind}/{name}")
        };
        b.field(0, "Controlled By", by);
    }
    let container = |b: &mut Block, c: &super::super::pods::ContainerView| {
        b.line(2, format!("{}:", c.name));
        b.field(4, "Image", &c.image);
        match c.ports.first() {
            Some(port) => b.field(4, "Port", format!("{}/{}", port.port, port.protocol)),
            None => b.field(4, "Port", "<none>"),
        }
        match c.state {
            State::Running => {
                b.field(4, "State", "Running");
                b.field(6, "Started", clock::rfc1123z(clock::NOW - p.age + 5));
            }
            State::Completed => {
                b.field(4, "State", "Terminated");
                b.field(6, "Reason", "Completed");
                b.field(6, "Exit Code", "0");
            }
            State::CrashLoop => {
                b.field(4, "State", "Waiting");
                b.field(6, "Reason", "CrashLoopBackOff");
                b.field(4, "Last State", "Terminated");
                b.field(6, "Reason", "Error");
                b.field(6, "Exit Code", "1");
            }
        }
        if c.native_sidecar {
            b.field(4, "Restart Policy", "Always");
        }
        b.field(
            4,
            "Ready",
            if c.ready || c.state == State::Completed {
                "True"
            } else {
                "False"
            },
        );
        b.field(4, "Restart Count", c.restarts.to_string());
    };
    if !p.init.is_empty() {
        b.line(0, "Init Containers:");
        for c in &p.init {
            container(&mut b, c);
        }
    }
    b.line(0, "Containers:");
    for c in &p.containers {
        container(&mut b, c);
    }
    b.line(0, "Conditions:");
    let ready = if p.is_ready() { "True" } else { "False" };
    let mut t = super::super::table::Table::new(0, 2);
    t.row(&["Type", "Status"]);
    for (k, v) in [
        ("PodReadyToStartContainers", "True"),
        ("Initialized", "True"),
        ("Ready", ready),
        ("ContainersReady", ready),
        ("PodScheduled", "True"),
    ] {
        t.row(&[k, v]);
    }
    for line in t.render().lines() {
        b.line(2, line.to_owned());
    }
    b.field(0, "QoS Class", "BestEffort");
    b.field(0, "Node-Selectors", "<none>");
    b.field(
        0,
        "Tolerations",
        "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
    );
    events(&mut b, &events::of(lab, &p.ns, &format!("pod/{}", p.name)));
    b.render()
}

fn service(lab: &Lab, o: &Object) -> String {
    let c = &lab.sim.cluster;
    let Some(i) = o.ns.as_deref().and_then(|ns| c.service(ns, &o.name)) else {
        return String::new();
    };
    let s = &c.services[i];
    let mut b = Block::new();
    b.field(0, "Name", &s.name);
    b.field(0, "Namespace", c.ns_name(s.ns));
    b.map(0, "Labels", &s.labels);
    b.field(0, "Annotations", "<none>");
    b.field(
        0,
        "Selector",
        s.selector
            .as_ref()
            .map_or("<none>".into(), kinds::format_labels),
    );
    b.field(0, "Type", s.kind.as_str());
    b.field(0, "IP Family Policy", "SingleStack");
    b.field(0, "IP Families", "IPv4");
    let ip = s.cluster_ip.map_or("None".into(), |ip| ip.to_string());
    b.field(0, "IP", &ip);
    b.field(0, "IPs", &ip);
    let eps = kinds::service_endpoints(lab, i);
    for sp in &s.ports {
        b.field(
            0,
            "Port",
            format!(
                "{}  {}/{}",
                sp.name.as_deref().unwrap_or("<unset>"),
                sp.port,
                sp.protocol
            ),
        );
        let target = match &sp.target {
            crate::sim::model::TargetPort::Number(n) => n.to_string(),
            crate::sim::model::TargetPort::Name(n) => n.clone(),
        };
        b.field(0, "TargetPort", format!("{target}/{}", sp.protocol));
        let ready: Vec<String> = eps
            .iter()
            .filter(|(_, r)| *r)
            .map(|(p, _)| {
                let port = match &sp.target {
                    crate::sim::model::TargetPort::Number(n) => *n,
                    crate::sim::model::TargetPort::Name(name) => p
                        .model
                        .and_then(|m| c.pods.get(m))
                        .and_then(|pod| pod.named_port(name, sp.protocol))
                        .unwrap_or(sp.port),
                };
                format!("{}:{port}", p.ip)
            })
            .collect();
        b.field(0, "Endpoints", ready.join(","));
    }
    b.field(0, "Session Affinity", "None");
    b.field(0, "Internal Traffic Policy", "Cluster");
    events(&mut b, &[]);
    b.render()
}

fn deployment(lab: &Lab, o: &Object) -> String {
    let Some(w) = kinds::workloads(lab)
        .into_iter()
        .find(|w| w.kind == "Deployment" && Some(&w.ns) == o.ns.as_ref() && w.name == o.name)
    else {
        return String::new();
    };
    let ready = w.pods.iter().filter(|p| p.is_ready()).count();
    let mut b = Block::new();
    b.field(0, "Name", &w.name);
    b.field(0, "Namespace", &w.ns);
    b.field(
        0,
        "CreationTimestamp",
        clock::rfc1123z(clock::NOW - clock::CLUSTER_AGE),
    );
    b.field(0, "Labels", "<none>");
    b.field(0, "Annotations", "deployment.kubernetes.io/revision: 1");
    b.field(
        0,
        "Replicas",
        format!(
            "{} desired | {} updated | {} total | {ready} available | {} unavailable",
            w.desired,
            w.pods.len(),
            w.pods.len(),
            w.desired - ready
        ),
    );
    b.field(0, "StrategyType", "RollingUpdate");
    let rs = kinds::replica_set(&w.name);
    b.line(0, "Conditions:");
    let mut t = super::super::table::Table::new(0, 2);
    t.row(&["Type", "Status", "Reason"]);
    t.row(&["----", "------", "------"]);
    if ready == w.desired {
        t.row(&["Available", "True", "MinimumReplicasAvailable"]);
    } else {
        t.row(&["Available", "False", "MinimumReplicasUnavailable"]);
    }
    if w.pods.len() < w.desired {
        t.row(&["ReplicaFailure", "True", "FailedCreate"]);
        t.row(&["Progressing", "False", "ProgressDeadlineExceeded"]);
    } else {
        t.row(&["Progressing", "True", "NewReplicaSetAvailable"]);
    }
    for line in t.render().lines() {
        b.line(2, line.to_owned());
    }
    b.field(0, "OldReplicaSets", "<none>");
    b.field(
        0,
        "NewReplicaSet",
        format!("{rs} ({}/{} replicas created)", w.pods.len(), w.desired),
    );
    events(&mut b, &[]);
    b.render()
}

/// describe's `smartLabelFor`: `creationTimestamp` → `Creation Timestamp`, with the
/// acronyms kubectl keeps upper-case.
fn smart_label(key: &str) -> String {
    const ACRONYMS: [&str; 10] = [
        "api", "ip", "ips", "uid", "url", "http", "dns", "tls", "id", "cidr",
    ];
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in key.chars() {
        if c.is_uppercase()
            && !cur.is_empty()
            && !cur.chars().last().is_some_and(char::is_uppercase)
        {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    words.push(cur);
    words
        .iter()
        .map(|w| {
            if ACRONYMS.contains(&w.to_ascii_lowercase().as_str()) {
                w.to_ascii_uppercase()
            } else {
                let mut cs = w.chars();
                cs.next()
                    .map(|f| f.to_uppercase().collect::<String>() + cs.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn content(b: &mut Block, indent: usize, v: &Value) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let label = smart_label(k);
                match v {
                    Value::Object(_) | Value::Array(_) => {
                        if v.as_array().is_some_and(Vec::is_empty)
                            || v.as_object().is_some_and(|m| m.is_empty())
                        {
                            b.field(indent, &label, "");
                            continue;
                        }
                        b.line(indent, format!("{label}:"));
                        content(b, indent + 2, v);
                    }
                    scalar => b.field(indent, &label, scalar_text(scalar)),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) | Value::Array(_) => content(b, indent, item),
                    scalar => b.line(indent, scalar_text(scalar)),
                }
            }
        }
        scalar => b.line(indent, scalar_text(scalar)),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn generic(kind: &Kind, o: &Object) -> String {
    let mut b = Block::new();
    b.field(0, "Name", &o.name);
    if let Some(ns) = &o.ns {
        b.field(0, "Namespace", ns);
    }
    b.map(0, "Labels", &o.labels);
    b.field(0, "Annotations", "<none>");
    b.field(0, "API Version", kind.api_version());
    b.field(0, "Kind", kind.kind);
    if let Some(Value::Object(m)) = o.manifest.get("metadata") {
        let rest: serde_json::Map<String, Value> = m
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "name" | "namespace" | "labels" | "annotations"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !rest.is_empty() {
            b.line(0, "Metadata:");
            content(&mut b, 2, &Value::Object(rest));
        }
    }
    if let Value::Object(m) = &o.manifest {
        for (k, v) in m {
            if matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                continue;
            }
            b.line(0, format!("{}:", smart_label(k)));
            content(&mut b, 2, v);
        }
    }
    events(&mut b, &[]);
    b.render()
}

#[cfg(test)]
mod tests {
    use super::smart_label;

    #[test]
    fn labels_like_kubectl() {
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("targetRefs"), "Target Refs");
        assert_eq!(smart_label("podIP"), "Pod IP");
    }
}
