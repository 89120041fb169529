//! The simulated command-line tools: `kubectl`, `istioctl`, `linkerd`, `cilium` and `hubble`,
//! answering from a (faulty) simulated cluster and the traffic it has carried, the way the
//! real tools answer a real cluster.
//!
//! Each tool is a clap tree (one module per binary) parsed from the words of the line
//! ([`words`]), so an unknown flag or subcommand is refused in the tool's own words plus what
//! meshlab supports there ([`cobra`]), and `--help` works. Output follows the real tools'
//! layouts, each module citing the source it follows; it is English, as the real tools are.
//! What is meshlab's own voice (help, a command that is not a tool, a kind meshlab does not
//! model) comes back as a [`Note`] for the caller to write in the learner's language.

pub mod certs;
pub mod cilium;
pub mod clock;
mod cobra;
pub mod hubble;
pub mod istioctl;
pub mod kubectl;
pub mod linkerd;
pub mod pods;
pub mod table;
pub mod traffic;
pub mod words;
mod yaml;

use std::cell::OnceCell;
use std::collections::BTreeMap;

use crate::sim::eval::probe::Probe;
use crate::sim::scenario::faulty::Faulty;

/// What a tool printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The exit status (0 = success).
    pub code: u8,
    /// After a refused flag or subcommand: what meshlab supports at that point, as typed on a
    /// command line (`-n/--namespace`, `secret`).
    pub supported: Vec<String>,
}

impl Output {
    pub fn stdout(text: impl Into<String>) -> Output {
        Output {
            stdout: text.into(),
            ..Output::default()
        }
    }

    /// What a terminal shows. The tools write their warnings and notices (`Defaulted
    /// container …`, `Warning: v1 Endpoints is deprecated`) before their output, and an error
    /// instead of it, so errors come first.
    pub fn text(&self) -> String {
        let mut s = self.stderr.clone();
        s.push_str(&self.stdout);
        s
    }
}

/// meshlab's own answers, which the caller words in the learner's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// `help`: the caller lists [`COMMANDS`].
    Help,
    /// The line names no tool meshlab simulates.
    UnknownTool(String),
    /// A quote was left open.
    Unclosed,
    /// The real tool has this, meshlab's model does not (`what` in the tool's words).
    NotModelled(String),
    /// A command that would change the cluster: the console only looks.
    ReadOnly(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Ran(Output),
    Meshlab(Note),
}

/// What an exercise adds where the simulator has no state: lines an application writes to its
/// log, and canned answers to whole command lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// Per workload (`NS/NAME` of a Deployment or pod): lines its application logs.
    pub app_logs: BTreeMap<String, Vec<String>>,
    /// A command's words and what it prints instead of the simulated answer.
    pub canned: Vec<(Vec<String>, String)>,
}

/// The cluster the tools look at: the scenario with its faults, the traffic it carried, and
/// an exercise's extras. What is derived from them is computed once, on first use.
#[derive(Debug)]
pub struct Lab {
    pub sim: Faulty,
    /// Requests and how many a second their client sends.
    traffic: Vec<(Probe, f64)>,
    pub extras: Extras,
    seen: OnceCell<Vec<traffic::Seen>>,
    pods: OnceCell<Vec<pods::PodView>>,
}

impl Lab {
    /// A lab whose traffic is one request a second per probe (a drill's probes).
    pub fn new(sim: Faulty, traffic: Vec<Probe>, extras: Extras) -> Lab {
        Lab::with_rates(sim, traffic.into_iter().map(|p| (p, 1.0)).collect(), extras)
    }

    /// A lab whose traffic has its own rates (a scenario's `rps`).
    pub fn with_rates(sim: Faulty, traffic: Vec<(Probe, f64)>, extras: Extras) -> Lab {
        Lab {
            sim,
            traffic,
            extras,
            seen: OnceCell::new(),
            pods: OnceCell::new(),
        }
    }

    /// A scenario's cluster (its faults applied) with the scenario's traffic, at its rates.
    pub fn of_scenario(sim: Faulty, scenario: &crate::sim::scenario::Scenario) -> Lab {
        let traffic = scenario
            .traffic
            .iter()
            .map(|t| (crate::sim::scenario::run::probe_of(t, 1), f64::from(t.rps)))
            .collect();
        Lab::with_rates(sim, traffic, Extras::default())
    }

    /// The requests the cluster has carried, oldest first.
    pub fn seen(&self) -> &[traffic::Seen] {
        self.seen
            .get_or_init(|| traffic::observe(&self.sim, &self.traffic))
    }

    /// Every pod the API server would list.
    pub fn pods(&self) -> &[pods::PodView] {
        self.pods.get_or_init(|| pods::all(&self.sim))
    }

    /// One more request the cluster carries (`probe` in `meshlab sim shell`): the
    /// observability tools show it from now on.
    pub fn send(&mut self, probe: Probe) {
        self.traffic.push((probe, 1.0));
        self.seen = OnceCell::new();
    }
}

/// The tools and their commands, for `help` (language-neutral: tool syntax only).
pub const COMMANDS: &[&str] = &[
    "kubectl get KIND [NAME...] [-n NS | -A] [-l SELECTOR] [-o wide|yaml|json|name] [--show-labels]",
    "kubectl describe KIND [NAME] [-n NS]",
    "kubectl logs POD [-c CONTAINER] [-n NS] [--tail N] [--all-containers]",
    "kubectl get events [-n NS | -A]",
    "kubectl api-resources | version",
    "istioctl proxy-status [-n NS]",
    "istioctl proxy-config cluster|listener|route|endpoint|secret POD[.NS]",
    "istioctl analyze [-n NS | -A]",
    "istioctl x describe pod POD[.NS]",
    "istioctl ztunnel-config workloads|services|certificates",
    "istioctl waypoint list|status [-n NS | -A]",
    "istioctl version",
    "linkerd check [--proxy] [-n NS]",
    "linkerd viz stat|top|edges|tap|authz deploy[/NAME] [-n NS] [--from R] [--to R]",
    "linkerd diagnostics policy po/POD PORT [-n NS]",
    "linkerd identity POD [-n NS]",
    "linkerd version",
    "cilium status | version",
    "cilium policy get",
    "cilium endpoint list",
    "cilium encrypt status",
    "hubble observe [-n NS] [--pod P] [--from-pod P] [--to-pod P] [--verdict V] [--protocol P] [--http-status S] [-t l7] [--last N] [-o compact|json|table]",
];

/// Command lines that need nothing but a cluster (no pod names): a tour of every tool, for
/// tests and benchmarks.
pub const EXAMPLES: &[&str] = &[
    "kubectl get pods -A -o wide",
    "kubectl get all -A",
    "kubectl get svc,ep -A",
    "kubectl get endpointslices -A",
    "kubectl get ns --show-labels",
    "kubectl get nodes -o wide",
    "kubectl get netpol,gateways,httproutes -A",
    "kubectl get authorizationpolicies,peerauthentications,virtualservices -A",
    "kubectl get servers,meshtlsauthentications,ciliumnetworkpolicies -A",
    "kubectl get pods -A -o yaml",
    "kubectl get deploy -A -o json",
    "kubectl get pods -A -o name",
    "kubectl get events -A",
    "kubectl describe httproutes -A",
    "kubectl api-resources",
    "istioctl proxy-status",
    "istioctl analyze -A",
    "istioctl ztunnel-config workloads",
    "istioctl ztunnel-config services",
    "istioctl ztunnel-config certificates",
    "istioctl waypoint list -A",
    "istioctl version",
    "linkerd check --proxy",
    "linkerd viz stat deploy -A",
    "linkerd viz edges deploy -A",
    "linkerd version",
    "cilium status",
    "cilium endpoint list",
    "cilium policy get",
    "cilium encrypt status",
    "hubble observe --all",
    "hubble observe --verdict DROPPED -o json",
    "hubble observe -t l7 -o table",
];

/// The tools' names.
pub const TOOLS: [&str; 5] = ["kubectl", "istioctl", "linkerd", "cilium", "hubble"];

/// Runs one command line against the lab.
pub fn run(lab: &Lab, line: &str) -> Reply {
    match words::split(line) {
        Ok(w) => run_words(lab, &w),
        Err(_) => Reply::Meshlab(Note::Unclosed),
    }
}

/// Runs a command already split into words (as a shell passes them to
/// `meshlab exercise inspect`).
pub fn run_words(lab: &Lab, words: &[String]) -> Reply {
    let Some(tool) = words.first() else {
        return Reply::Ran(Output::default());
    };
    if let Some((_, text)) = lab.extras.canned.iter().find(|(w, _)| w == words) {
        return Reply::Ran(Output::stdout(text.clone()));
    }
    match tool.as_str() {
        "help" | "?" => Reply::Meshlab(Note::Help),
        "kubectl" | "k" => kubectl::run(lab, words),
        "istioctl" => istioctl::run(lab, words),
        "linkerd" => linkerd::run(lab, words),
        "cilium" => cilium::run(lab, words),
        "hubble" => hubble::run(lab, words),
        other => Reply::Meshlab(Note::UnknownTool(other.to_owned())),
    }
}

/// What Tab can complete: the word being typed starts at byte `start`; `candidates` are the
/// whole words it could become.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub start: usize,
    pub candidates: Vec<String>,
}

/// Completes the last word of `line`: a tool, a subcommand, a flag, a flag's value (a
/// namespace, an output format) or a resource name (a kind, a pod).
pub fn complete(lab: &Lab, line: &str) -> Completion {
    let Ok(spans) = words::spans(line) else {
        return Completion::default();
    };
    let typing_new = line.is_empty() || line.ends_with(char::is_whitespace);
    let (done, current, start): (Vec<String>, String, usize) = if typing_new {
        (
            spans.iter().map(|w| w.text.clone()).collect(),
            String::new(),
            line.len(),
        )
    } else {
        let last = spans.last().cloned().unwrap_or(words::Word {
            text: String::new(),
            start: 0,
        });
        (
            spans[..spans.len().saturating_sub(1)]
                .iter()
                .map(|w| w.text.clone())
                .collect(),
            last.text,
            last.start,
        )
    };
    let options: Vec<String> = match done.first().map(String::as_str) {
        None => TOOLS
            .iter()
            .map(|t| (*t).to_owned())
            .chain(["help".to_owned()])
            .collect(),
        Some("kubectl" | "k") => grammar(lab, kubectl::command(), &done, &current, kubectl::values),
        Some("istioctl") => grammar(lab, istioctl::command(), &done, &current, istioctl::values),
        Some("linkerd") => grammar(lab, linkerd::command(), &done, &current, linkerd::values),
        Some("cilium") => grammar(lab, cilium::command(), &done, &current, |_, _, _| {
            Vec::new()
        }),
        Some("hubble") => grammar(lab, hubble::command(), &done, &current, hubble::values),
        Some(_) => Vec::new(),
    };
    let mut candidates: Vec<String> = options
        .into_iter()
        .filter(|o| o.starts_with(&current))
        .collect();
    candidates.sort();
    candidates.dedup();
    Completion { start, candidates }
}

/// Where a tool's own completion of a value is asked for.
pub enum Slot<'a> {
    /// The value of this flag (its long name).
    Flag(&'a str),
    /// The n-th positional argument of the subcommand path.
    Positional(usize),
}

/// Completion from a tool's clap tree: subcommands, flags, then values (which the tool's
/// `values` names: namespaces, pods, kinds).
fn grammar(
    lab: &Lab,
    cmd: clap::Command,
    done: &[String],
    current: &str,
    values: fn(&Lab, &[String], Slot<'_>) -> Vec<String>,
) -> Vec<String> {
    // Built, so global flags (`-n`) are part of every subcommand.
    let mut cmd = cmd;
    cmd.build();
    let path = cobra::path(&cmd, done);
    let mut at = &cmd;
    for name in path.iter().skip(1) {
        if let Some(sub) = at.find_subcommand(name) {
            at = sub;
        }
    }
    let flag_with_value = |w: &str| -> Option<String> {
        let arg = if let Some(long) = w.strip_prefix("--") {
            at.get_arguments().find(|a| a.get_long() == Some(long))
        } else if let Some(short) = w.strip_prefix('-').and_then(|s| s.chars().next()) {
            (w.len() == 2)
                .then(|| at.get_arguments().find(|a| a.get_short() == Some(short)))
                .flatten()
        } else {
            None
        }?;
        arg.get_action()
            .takes_values()
            .then(|| arg.get_long().unwrap_or_default().to_owned())
    };
    if let Some(flag) = done.last().and_then(|w| flag_with_value(w)) {
        let arg = at
            .get_arguments()
            .find(|a| a.get_long() == Some(flag.as_str()));
        let possible: Vec<String> = arg
            .map(|a| {
                a.get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !possible.is_empty() {
            return possible;
        }
        return values(lab, &path, Slot::Flag(&flag));
    }
    if current.starts_with('-') {
        return at
            .get_arguments()
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .chain(["--help".to_owned()])
            .collect();
    }
    if at.has_subcommands() {
        return at
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name().to_owned())
            .collect();
    }
    // Positional words already typed after the subcommand path, skipping flags and their values.
    let mut positional = 0;
    let mut skip = false;
    let mut seen_path = 1;
    for w in done.iter().skip(1) {
        if seen_path < path.len() && *w == path[seen_path] {
            seen_path += 1;
            continue;
        }
        if skip {
            skip = false;
            continue;
        }
        if w.starts_with('-') {
            skip = flag_with_value(w).is_some() && !w.contains('=');
            continue;
        }
        positional += 1;
    }
    values(lab, &path, Slot::Positional(positional))
}

/// The namespaces the cluster has (for `-n` completion).
pub fn namespaces(lab: &Lab) -> Vec<String> {
    let mut out: Vec<String> = lab
        .sim
        .cluster
        .namespaces
        .iter()
        .map(|n| n.name.clone())
        .chain(lab.pods().iter().map(|p| p.ns.clone()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The value of `-n`/`--namespace` among `words`, and whether `-A` was given.
pub fn namespace_flag(words: &[String]) -> Option<&str> {
    words
        .windows(2)
        .find_map(|w| (w[0] == "-n" || w[0] == "--namespace").then_some(w[1].as_str()))
}

#[cfg(test)]
mod tests {
    /// clap checks a tree's consistency (duplicate names, aliases, flags) when it first parses
    /// with it, in debug builds: every tool's tree passes.
    #[test]
    fn every_tool_grammar_is_consistent() {
        for cmd in [
            super::kubectl::command(),
            super::istioctl::command(),
            super::linkerd::command(),
            super::cilium::command(),
            super::hubble::command(),
        ] {
            cmd.debug_assert();
        }
    }
}
