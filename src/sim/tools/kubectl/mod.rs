//! `kubectl`: `get`, `describe`, `logs`, `api-resources` and `version` against the simulated
//! cluster. Commands that would change the cluster (`apply`, `delete`, `rollout`, …) are
//! meshlab's read-only note: in a drill the fix is the answer, not a command.
//!
//! Tables are kubectl's (`kinds`), `-o yaml|json|name` its printers (cli-runtime
//! `pkg/printers/{yaml,json,name}.go`), messages its own (`No resources found in shop
//! namespace.`, `Error from server (NotFound): pods "x" not found`, `error: the server doesn't
//! have a resource type "x"`).

mod describe;
pub mod events;
pub mod kinds;
mod logs;

use clap::{Args, CommandFactory, Parser, Subcommand};
use serde_json::{Value, json};

use super::cobra::{self, KUBECTL};
use super::table::Table;
use super::{Lab, Note, Output, Reply, Slot};
use crate::sim::model::labels::Labels;
use kinds::{KINDS, Kind, Object};

/// Verbs that change the cluster.
const WRITES: [&str; 20] = [
    "apply",
    "create",
    "delete",
    "edit",
    "patch",
    "replace",
    "rollout",
    "scale",
    "label",
    "annotate",
    "set",
    "exec",
    "cp",
    "port-forward",
    "run",
    "expose",
    "drain",
    "cordon",
    "uncordon",
    "debug",
];

#[derive(Parser, Debug)]
#[command(
    name = "kubectl",
    about = "kubectl controls the Kubernetes cluster manager (meshlab's simulated subset).",
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Kubectl {
    /// If present, the namespace scope for this CLI request
    #[arg(short = 'n', long, global = true, value_name = "NAMESPACE")]
    namespace: Option<String>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Display one or many resources
    Get(GetArgs),
    /// Show details of a specific resource or group of resources
    Describe(DescribeArgs),
    /// Print the logs for a container in a pod
    Logs(LogsArgs),
    /// Print the supported API resources on the server
    #[command(name = "api-resources")]
    ApiResources,
    /// Print the client and server version information
    Version,
}

#[derive(Args, Debug)]
struct GetArgs {
    /// TYPE[.VERSION][.GROUP] [NAME ...] | TYPE[.VERSION][.GROUP]/NAME ...
    #[arg(value_name = "TYPE")]
    resources: Vec<String>,
    /// List the requested object(s) across all namespaces
    #[arg(short = 'A', long = "all-namespaces")]
    all: bool,
    /// Selector (label query) to filter on (e.g. -l key1=value1,key2=value2)
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Output format: wide, yaml, json or name
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// When printing, show all labels as the last column
    #[arg(long = "show-labels")]
    show_labels: bool,
    /// When using the default or custom-column output format, don't print headers
    #[arg(long = "no-headers")]
    no_headers: bool,
}

#[derive(Args, Debug)]
struct DescribeArgs {
    #[arg(value_name = "TYPE")]
    resources: Vec<String>,
    /// List the requested object(s) across all namespaces
    #[arg(short = 'A', long = "all-namespaces")]
    all: bool,
    /// Selector (label query) to filter on
    #[arg(short = 'l', long)]
    selector: Option<String>,
}

#[derive(Args, Debug)]
struct LogsArgs {
    /// POD | TYPE/NAME
    #[arg(value_name = "POD")]
    target: String,
    /// Print the logs of this container
    #[arg(short = 'c', long)]
    container: Option<String>,
    /// Get all containers' logs in the pod(s)
    #[arg(long = "all-containers")]
    all_containers: bool,
    /// Lines of recent log file to display
    #[arg(long)]
    tail: Option<i64>,
    /// Prefix each log line with the log source (pod name and container name)
    #[arg(long)]
    prefix: bool,
}

pub fn command() -> clap::Command {
    Kubectl::command()
}

pub fn run(lab: &Lab, words: &[String]) -> Reply {
    if let Some(verb) = words.get(1).filter(|w| WRITES.contains(&w.as_str())) {
        return Reply::Meshlab(Note::ReadOnly(format!("kubectl {verb}")));
    }
    let mut words = words.to_vec();
    words[0] = "kubectl".into();
    let cli: Kubectl = match cobra::parse(command(), KUBECTL, &words) {
        Ok(c) => c,
        Err(out) => return Reply::Ran(out),
    };
    let ns = cli.namespace.unwrap_or_else(|| "default".into());
    match cli.cmd {
        Cmd::Get(a) => get(lab, &ns, &a),
        Cmd::Describe(a) => describe_cmd(lab, &ns, &a),
        Cmd::Logs(a) => Reply::Ran(logs::logs(
            lab,
            &ns,
            &logs::Request {
                target: a.target,
                container: a.container,
                all_containers: a.all_containers,
                tail: a.tail,
                prefix: a.prefix,
            },
        )),
        Cmd::ApiResources => Reply::Ran(api_resources(lab)),
        Cmd::Version => Reply::Ran(Output::stdout(format!(
            "Client Version: {v}\nKustomize Version: v5.6.0\nServer Version: {v}\n",
            v = super::pods::KUBERNETES_VERSION
        ))),
    }
}

/// A label selector (`-l`): equality (`k=v`, `k==v`, `k!=v`), sets (`k in (a,b)`,
/// `k notin (a)`) and existence (`k`, `!k`), all of which must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelQuery(Vec<Requirement>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Requirement {
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    Absent(String),
}

impl LabelQuery {
    pub fn parse(s: &str) -> Result<LabelQuery, String> {
        let mut parts = Vec::new();
        let mut depth = 0;
        let mut cur = String::new();
        for c in s.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut cur));
                    continue;
                }
                _ => {}
            }
            cur.push(c);
        }
        parts.push(cur);
        let bad = || format!("unable to parse requirement: found '{s}', expected: identifier");
        let list = |v: &str| -> Vec<String> {
            v.trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .split(',')
                .map(|x| x.trim().to_owned())
                .collect()
        };
        let mut reqs = Vec::new();
        for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let req = if let Some((k, v)) = p.split_once("!=") {
                Requirement::Ne(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = p.split_once("==") {
                Requirement::Eq(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = p.split_once('=') {
                Requirement::Eq(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = p.split_once(" notin ") {
                Requirement::NotIn(k.trim().into(), list(v))
            } else if let Some((k, v)) = p.split_once(" in ") {
                Requirement::In(k.trim().into(), list(v))
            } else if let Some(k) = p.strip_prefix('!') {
                Requirement::Absent(k.trim().into())
            } else if p.contains([' ', '(', ')']) {
                return Err(bad());
            } else {
                Requirement::Exists(p.into())
            };
            reqs.push(req);
        }
        Ok(LabelQuery(reqs))
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        self.0.iter().all(|r| match r {
            Requirement::Eq(k, v) => labels.get(k) == Some(v),
            Requirement::Ne(k, v) => labels.get(k) != Some(v),
            Requirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::Absent(k) => !labels.contains_key(k),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Wide,
    Yaml,
    Json,
    Name,
}

const FORMATS: [&str; 4] = ["wide", "yaml", "json", "name"];

fn format(output: Option<&str>) -> Result<Format, Output> {
    match output {
        None => Ok(Format::Table),
        Some("wide") => Ok(Format::Wide),
        Some("yaml") => Ok(Format::Yaml),
        Some("json") => Ok(Format::Json),
        Some("name") => Ok(Format::Name),
        Some(other) => Err(Output {
            stderr: format!(
                "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n"
            ),
            code: 1,
            supported: FORMATS.iter().map(|f| format!("-o {f}")).collect(),
            ..Output::default()
        }),
    }
}

/// A `TYPE` argument: a kind meshlab lists, one it does not model, or one the server does not
/// serve (unknown, or a CRD whose mesh is not installed).
enum Resolved {
    Kind(&'static Kind),
    Events,
    NotModelled(String),
    Unknown(String),
}

fn resolve(lab: &Lab, word: &str) -> Resolved {
    let w = word.to_ascii_lowercase();
    if matches!(w.as_str(), "events" | "event" | "ev") {
        return Resolved::Events;
    }
    if kinds::NOT_MODELLED.contains(&w.as_str())
        || kinds::NOT_MODELLED.contains(&w.split('.').next().unwrap_or_default())
            && !KINDS.iter().any(|k| k.is(&w))
    {
        return Resolved::NotModelled(word.to_owned());
    }
    match KINDS.iter().filter(|k| (k.served)(lab)).find(|k| k.is(&w)) {
        Some(k) => Resolved::Kind(k),
        None => Resolved::Unknown(word.to_owned()),
    }
}

/// The `(kind word, names)` groups of `kubectl get TYPE NAME…`, `TYPE/NAME …` or
/// `TYPE1,TYPE2`.
fn groups(resources: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    if resources.iter().any(|r| r.contains('/')) {
        for r in resources {
            let (k, n) = r.split_once('/').unwrap_or((r, ""));
            match out.iter_mut().find(|(kk, _)| kk == k) {
                Some((_, names)) if !n.is_empty() => names.push(n.to_owned()),
                Some(_) => {}
                None => out.push((
                    k.to_owned(),
                    vec![n.to_owned()]
                        .into_iter()
                        .filter(|n| !n.is_empty())
                        .collect(),
                )),
            }
        }
        return out;
    }
    let Some((first, names)) = resources.split_first() else {
        return out;
    };
    let kinds: Vec<&str> = first.split(',').filter(|k| !k.is_empty()).collect();
    for k in &kinds {
        let expanded: Vec<&str> = if *k == "all" {
            vec!["pods", "services", "daemonsets", "deployments"]
        } else {
            vec![k]
        };
        for e in expanded {
            out.push((e.to_owned(), names.to_vec()));
        }
    }
    out
}

struct Scope<'a> {
    ns: &'a str,
    all: bool,
    selector: Option<&'a LabelQuery>,
}

fn select(
    lab: &Lab,
    kind: &Kind,
    scope: &Scope<'_>,
    names: &[String],
) -> (Vec<Object>, Vec<String>) {
    let mut objects: Vec<Object> = (kind.list)(lab)
        .into_iter()
        .filter(|o| {
            !kind.namespaced || scope.all && names.is_empty() || o.ns.as_deref() == Some(scope.ns)
        })
        .filter(|o| scope.selector.is_none_or(|q| q.matches(&o.labels)))
        .collect();
    objects.sort_by(|a, b| (&a.ns, &a.name).cmp(&(&b.ns, &b.name)));
    let mut missing = Vec::new();
    if !names.is_empty() {
        let mut picked = Vec::new();
        for n in names {
            match objects.iter().find(|o| &o.name == n) {
                Some(o) => picked.push(o.clone()),
                None => missing.push(n.clone()),
            }
        }
        objects = picked;
    }
    (objects, missing)
}

/// The resource names of the kinds the server serves (for a refusal's `supported`).
fn served(lab: &Lab) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in KINDS.iter().filter(|k| (k.served)(lab)) {
        if !out.iter().any(|o| o == k.plural) {
            out.push(k.plural.to_owned());
        }
    }
    out.push("events".to_owned());
    out
}

fn not_found(kind: &Kind, name: &str) -> String {
    let resource = if kind.group.is_empty() {
        kind.plural.to_owned()
    } else {
        format!("{}.{}", kind.plural, kind.group)
    };
    format!("Error from server (NotFound): {resource} \"{name}\" not found\n")
}

fn no_resources(ns: &str, all: bool, namespaced: bool) -> String {
    if all || !namespaced {
        "No resources found\n".to_owned()
    } else {
        format!("No resources found in {ns} namespace.\n")
    }
}

fn get(lab: &Lab, ns: &str, a: &GetArgs) -> Reply {
    if a.resources.is_empty() {
        let mut out = cobra::error(
            KUBECTL,
            "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
        );
        out.supported = served(lab);
        return Reply::Ran(out);
    }
    let fmt = match format(a.output.as_deref()) {
        Ok(f) => f,
        Err(out) => return Reply::Ran(out),
    };
    let query = match a.selector.as_deref().map(LabelQuery::parse) {
        Some(Err(e)) => return Reply::Ran(cobra::error(KUBECTL, &e)),
        Some(Ok(q)) => Some(q),
        None => None,
    };
    let scope = Scope {
        ns,
        all: a.all,
        selector: query.as_ref(),
    };
    let groups = groups(&a.resources);
    let mut resolved = Vec::new();
    for (word, names) in &groups {
        match resolve(lab, word) {
            Resolved::Kind(k) => resolved.push((Some(k), names.clone())),
            Resolved::Events => resolved.push((None, names.clone())),
            Resolved::NotModelled(w) => {
                return Reply::Meshlab(Note::NotModelled(format!("kubectl get {w}")));
            }
            Resolved::Unknown(w) => {
                let mut out = cobra::error(
                    KUBECTL,
                    &format!("the server doesn't have a resource type \"{w}\""),
                );
                out.supported = served(lab);
                return Reply::Ran(out);
            }
        }
    }
    let several = resolved.len() > 1;
    let mut out = Output::default();
    let mut items: Vec<Value> = Vec::new();
    let mut tables = Vec::new();
    for (kind, names) in &resolved {
        let Some(kind) = kind else {
            let (text, empty) = events::table(lab, &scope_ns(&scope), fmt == Format::Wide);
            if empty {
                out.stderr.push_str(&no_resources(ns, a.all, true));
            } else {
                tables.push(text);
            }
            continue;
        };
        let (objects, missing) = select(lab, kind, &scope, names);
        for m in &missing {
            out.stderr.push_str(&not_found(kind, m));
            out.code = 1;
        }
        if objects.is_empty() {
            if missing.is_empty() && !several {
                out.stderr
                    .push_str(&no_resources(ns, a.all, kind.namespaced));
            }
            continue;
        }
        if kind.kind == "Endpoints" {
            out.stderr.push_str(
                "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n",
            );
        }
        match fmt {
            Format::Name => {
                for o in &objects {
                    out.stdout
                        .push_str(&format!("{}/{}\n", kind.qualified(), o.name));
                }
            }
            Format::Yaml | Format::Json => items.extend(objects.iter().map(|o| o.manifest.clone())),
            Format::Table | Format::Wide => {
                tables.push(table(kind, &objects, a, fmt == Format::Wide, several));
            }
        }
    }
    if several && out.stdout.is_empty() && tables.is_empty() && items.is_empty() && out.code == 0 {
        out.stderr.push_str(&no_resources(ns, a.all, true));
    }
    out.stdout.push_str(&tables.join("\n"));
    match fmt {
        Format::Yaml | Format::Json if !items.is_empty() => {
            let single = items.len() == 1 && groups.len() == 1 && !groups[0].1.is_empty();
            let doc = if single {
                items.remove(0)
            } else {
                json!({"apiVersion": "v1", "items": items, "kind": "List",
                    "metadata": {"resourceVersion": ""}})
            };
            out.stdout.push_str(&if fmt == Format::Yaml {
                super::yaml::to_yaml(&doc)
            } else {
                super::yaml::to_json(&doc)
            });
        }
        _ => {}
    }
    Reply::Ran(out)
}

fn scope_ns(scope: &Scope<'_>) -> Option<String> {
    (!scope.all).then(|| scope.ns.to_owned())
}

fn table(kind: &Kind, objects: &[Object], a: &GetArgs, wide: bool, several: bool) -> String {
    let any_ns = a.all && kind.namespaced;
    let mut header: Vec<&str> = Vec::new();
    if any_ns {
        header.push("NAMESPACE");
    }
    header.push("NAME");
    header.extend(
        kind.columns
            .iter()
            .filter(|c| wide || !c.wide)
            .map(|c| c.name),
    );
    if a.show_labels {
        header.push("LABELS");
    }
    let mut t = if a.no_headers {
        Table::new(6, 3)
    } else {
        Table::kubectl(&header)
    };
    for o in objects {
        let mut row = Vec::new();
        if any_ns {
            row.push(o.ns.clone().unwrap_or_default());
        }
        row.push(if several {
            format!("{}/{}", kind.qualified(), o.name)
        } else {
            o.name.clone()
        });
        row.extend(
            kind.columns
                .iter()
                .zip(&o.cells)
                .filter(|(c, _)| wide || !c.wide)
                .map(|(_, v)| v.clone()),
        );
        if a.show_labels {
            row.push(kinds::format_labels(&o.labels));
        }
        t.push(row);
    }
    t.render()
}

fn describe_cmd(lab: &Lab, ns: &str, a: &DescribeArgs) -> Reply {
    if a.resources.is_empty() {
        let mut out = cobra::error(
            KUBECTL,
            "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.",
        );
        out.supported = served(lab);
        return Reply::Ran(out);
    }
    let query = match a.selector.as_deref().map(LabelQuery::parse) {
        Some(Err(e)) => return Reply::Ran(cobra::error(KUBECTL, &e)),
        Some(Ok(q)) => Some(q),
        None => None,
    };
    let scope = Scope {
        ns,
        all: a.all,
        selector: query.as_ref(),
    };
    let mut out = Output::default();
    let mut texts = Vec::new();
    for (word, names) in groups(&a.resources) {
        let kind = match resolve(lab, &word) {
            Resolved::Kind(k) => k,
            Resolved::Events => {
                return Reply::Meshlab(Note::NotModelled("kubectl describe events".into()));
            }
            Resolved::NotModelled(w) => {
                return Reply::Meshlab(Note::NotModelled(format!("kubectl describe {w}")));
            }
            Resolved::Unknown(w) => {
                let mut out = cobra::error(
                    KUBECTL,
                    &format!("the server doesn't have a resource type \"{w}\""),
                );
                out.supported = served(lab);
                return Reply::Ran(out);
            }
        };
        let (objects, missing) = select(lab, kind, &scope, &names);
        for m in &missing {
            out.stderr.push_str(&not_found(kind, m));
            out.code = 1;
        }
        if objects.is_empty() && missing.is_empty() {
            out.stderr
                .push_str(&no_resources(ns, a.all, kind.namespaced));
        }
        for o in &objects {
            texts.push(describe::describe(lab, kind, o));
        }
    }
    out.stdout = texts.join("\n\n");
    if !out.stdout.is_empty() && !out.stdout.ends_with('\n') {
        out.stdout.push('\n');
    }
    Reply::Ran(out)
}

/// `kubectl api-resources` for the kinds the server serves (sigs.k8s.io columns NAME,
/// SHORTNAMES, APIVERSION, NAMESPACED, KIND).
fn api_resources(lab: &Lab) -> Output {
    let mut t = Table::kubectl(&["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]);
    let mut rows: Vec<&Kind> = KINDS.iter().filter(|k| (k.served)(lab)).collect();
    rows.sort_by_key(|k| (k.group, k.plural));
    let mut ev = false;
    for k in rows {
        if !ev && !k.group.is_empty() {
            t.row(&["events", "ev", "v1", "true", "Event"]);
            ev = true;
        }
        t.row(&[
            k.plural.to_owned(),
            k.short.join(","),
            k.api_version(),
            k.namespaced.to_string(),
            k.kind.to_owned(),
        ]);
    }
    Output::stdout(t.render())
}

/// Completion values: kinds, object names, namespaces, containers.
pub fn values(lab: &Lab, path: &[String], slot: Slot<'_>) -> Vec<String> {
    match slot {
        Slot::Flag("namespace") => super::namespaces(lab),
        Slot::Flag("container") => lab
            .pods()
            .iter()
            .flat_map(|p| p.running().map(|c| c.name.clone()).collect::<Vec<_>>())
            .collect(),
        Slot::Flag(_) => Vec::new(),
        Slot::Positional(n) => {
            let sub = path.get(1).map(String::as_str);
            match (sub, n) {
                (Some("get" | "describe"), 0) => KINDS
                    .iter()
                    .filter(|k| (k.served)(lab))
                    .flat_map(|k| std::iter::once(k.plural).chain(k.short.iter().copied()))
                    .map(str::to_owned)
                    .chain(["events".to_owned(), "all".to_owned()])
                    .collect(),
                (Some("get" | "describe"), _) => KINDS
                    .iter()
                    .filter(|k| (k.served)(lab))
                    .flat_map(|k| (k.list)(lab))
                    .map(|o| o.name)
                    .collect(),
                (Some("logs"), 0) => lab.pods().iter().map(|p| p.name.clone()).collect(),
                _ => Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_queries() {
        let l: Labels = [
            ("app".to_owned(), "payment".to_owned()),
            ("v".to_owned(), "1".to_owned()),
        ]
        .into();
        for (q, want) in [
            ("app=payment", true),
            ("app==payment,v=1", true),
            ("app!=payment", false),
            ("app in (a,payment)", true),
            ("app notin (payment)", false),
            ("v", true),
            ("!v", false),
            ("missing", false),
        ] {
            assert_eq!(LabelQuery::parse(q).expect(q).matches(&l), want, "{q}");
        }
        assert!(LabelQuery::parse("a b").is_err());
    }

    #[test]
    fn groups_of_resource_arguments() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            groups(&w("pods a b")),
            vec![("pods".into(), vec!["a".into(), "b".into()])]
        );
        assert_eq!(
            groups(&w("pods/a svc/b")),
            vec![
                ("pods".into(), vec!["a".into()]),
                ("svc".into(), vec!["b".into()])
            ]
        );
        assert_eq!(groups(&w("pods,svc")).len(), 2);
    }
}
