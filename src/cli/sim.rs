//! `meshlab sim ...`: load real manifests, run probes, print the verdicts and traces.
//! Exit codes: 0 = probes evaluated (whatever their verdict), 2 = bad input.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

use crate::i18n::{Lang, Msg, trace};
use crate::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use crate::sim::eval::probe::Probe;
use crate::sim::load::Source;
use crate::sim::load::yaml::{self, DeError};
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;
use crate::sim::scenario::probes::{RejectedObject, Report, WarningObject};

#[derive(Debug, clap::Subcommand)]
pub enum SimCommand {
    /// Ask the simulator whether a request gets through, and how the client sees the answer.
    Probe(ProbeArgs),
    /// Run a scenario's traffic: golden metrics, flows, logs, invariants.
    Run(super::sim_run::RunArgs),
    /// Trace one request of a scenario hop by hop.
    Trace(super::sim_run::TraceArgs),
    /// List every field of every kind the simulator reads, and what it does with it.
    Fields(FieldsArgs),
    /// An investigation console over a scenario or your own manifests.
    Shell(super::sim_shell::ShellArgs),
    /// What each mesh design's data plane costs in CPU and memory, from published figures.
    Cost(super::sim_cost::CostArgs),
}

#[derive(Debug, clap::Args)]
pub struct FieldsArgs {
    /// Only this kind (`Service`, `VirtualService`, `core/Pod`, …).
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ProbeArgs {
    /// Manifest files or directories of multi-document Kubernetes YAML (`-` = stdin), or one
    /// scenario.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Client: NS/POD, deploy:NS/NAME, node:NAME or an IP address.
    #[arg(long)]
    pub from: Option<String>,
    /// Destination: NS/POD, deploy:NS/NAME, svc:NS/NAME, gw:NS/NAME, node:NAME, an IP or a DNS name.
    #[arg(long)]
    pub to: Option<String>,
    /// Destination port (a Service port for Services, the container port for pods).
    #[arg(long)]
    pub port: Option<u16>,
    /// TCP, UDP, SCTP or ICMP (ping).
    #[arg(long, value_parser = parse_protocol)]
    pub protocol: Option<Protocol>,
    /// HTTP method (the probe becomes an HTTP request; default GET).
    #[arg(long)]
    pub method: Option<String>,
    /// HTTP path, optionally with `?query`.
    #[arg(long)]
    pub path: Option<String>,
    /// HTTP Host header, and the SNI of a TLS connection (Gateway listener and route
    /// hostnames).
    #[arg(long)]
    pub host: Option<String>,
    /// Request header, `Name: value` (repeatable).
    #[arg(short = 'H', long = "header", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// Query parameter, `k=v` (repeatable).
    #[arg(long = "query", value_parser = parse_query)]
    pub query: Vec<(String, String)>,
    /// How long the destination application takes to answer, in ms.
    #[arg(long, default_value_t = 0)]
    pub delay_ms: u64,
    /// Send N identical requests (weighted splits).
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// Mesh profile for namespaces whose labels say nothing else: none, linkerd, cilium,
    /// istio-sidecar, istio-ambient.
    #[arg(long, value_parser = parse_profile)]
    pub mesh: Option<Profile>,
    /// YAML list of probes (keys: from, to, port, protocol, method, path, host, headers,
    /// query, delay_ms, count) instead of --from/--to.
    #[arg(long)]
    pub probes: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The moment to probe at: on a scenario's timeline, or on the clocks of bare manifests.
    #[arg(long, value_parser = crate::sim::scenario::time::Time::parse)]
    pub at: Option<crate::sim::scenario::time::Time>,
}

pub(super) fn parse_protocol(s: &str) -> Result<Protocol, String> {
    Protocol::parse_probe(&s.to_ascii_uppercase())
        .ok_or_else(|| format!("unknown protocol {s:?} (TCP, UDP, SCTP or ICMP)"))
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    Profile::parse(s).ok_or_else(|| {
        format!(
            "unknown mesh profile {s:?} (one of {})",
            Profile::ALL.join(", ")
        )
    })
}

pub(super) fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| format!("header {s:?} is not `Name: value`"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("header {s:?} has no name"));
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

fn parse_query(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("query {s:?} is not `k=v`"))?;
    Ok((k.to_owned(), v.to_owned()))
}

/// `sim` help in the chosen language (the doc comments above are for readers of the code).
pub fn localize(cmd: clap::Command, lang: crate::i18n::Lang) -> clap::Command {
    use crate::i18n::Msg;
    let t = |m: Msg| m.text(lang);
    let format = |c: clap::Command| c.mut_arg("format", |a| a.help(t(Msg::CliFormat)));
    cmd.about(t(Msg::CliSim))
        .mut_subcommand("probe", |c| {
            format(c)
                .about(t(Msg::CliSimProbe))
                .mut_arg("paths", |a| a.help(t(Msg::SimArgPaths)))
                .mut_arg("from", |a| a.help(t(Msg::SimArgFrom)))
                .mut_arg("to", |a| a.help(t(Msg::SimArgTo)))
                .mut_arg("port", |a| a.help(t(Msg::SimArgPort)))
                .mut_arg("protocol", |a| a.help(t(Msg::SimArgProtocol)))
                .mut_arg("method", |a| a.help(t(Msg::SimArgMethod)))
                .mut_arg("path", |a| a.help(t(Msg::SimArgPath)))
                .mut_arg("host", |a| a.help(t(Msg::SimArgHost)))
                .mut_arg("headers", |a| a.help(t(Msg::SimArgHeader)))
                .mut_arg("query", |a| a.help(t(Msg::SimArgQuery)))
                .mut_arg("delay_ms", |a| a.help(t(Msg::SimArgDelay)))
                .mut_arg("count", |a| a.help(t(Msg::SimArgCount)))
                .mut_arg("mesh", |a| a.help(t(Msg::SimArgMesh)))
                .mut_arg("probes", |a| a.help(t(Msg::SimArgProbes)))
                .mut_arg("at", |a| a.help(t(Msg::SimArgProbeAt)))
        })
        .mut_subcommand("run", |c| {
            format(c)
                .about(t(Msg::CliSimRun))
                .mut_arg("scenario", |a| a.help(t(Msg::SimArgScenario)))
                .mut_arg("requests", |a| a.help(t(Msg::SimArgRequests)))
                .mut_arg("seed", |a| a.help(t(Msg::SimArgSeed)))
                .mut_arg("at", |a| a.help(t(Msg::SimArgAt)))
                .mut_arg("until", |a| a.help(t(Msg::SimArgUntil)))
                .mut_arg("step", |a| a.help(t(Msg::SimArgStep)))
        })
        .mut_subcommand("shell", |c| {
            c.about(t(Msg::CliSimShell))
                .mut_arg("sources", |a| a.help(t(Msg::SimArgShellSources)))
                .mut_arg("mesh", |a| a.help(t(Msg::SimArgMesh)))
        })
        .mut_subcommand("trace", |c| {
            format(c)
                .about(t(Msg::CliSimTrace))
                .mut_arg("scenario", |a| a.help(t(Msg::SimArgScenario)))
                .mut_arg("from", |a| a.help(t(Msg::SimArgFrom)))
                .mut_arg("to", |a| a.help(t(Msg::SimArgTo)))
                .mut_arg("port", |a| a.help(t(Msg::SimArgPort)))
                .mut_arg("method", |a| a.help(t(Msg::SimArgMethod)))
                .mut_arg("path", |a| a.help(t(Msg::SimArgPath)))
                .mut_arg("protocol", |a| a.help(t(Msg::SimArgProtocol)))
                .mut_arg("host", |a| a.help(t(Msg::SimArgHost)))
                .mut_arg("headers", |a| a.help(t(Msg::SimArgHeader)))
                .mut_arg("at", |a| a.help(t(Msg::SimArgAt)))
        })
        .mut_subcommand("fields", |c| {
            c.about(t(Msg::CliSimFields))
                .mut_arg("kind", |a| a.help(t(Msg::SimArgKind)))
        })
        .mut_subcommand("cost", |c| {
            format(c)
                .about(t(Msg::CliSimCost))
                .mut_arg("paths", |a| a.help(t(Msg::SimArgCostPaths)))
                .mut_arg("rps", |a| a.help(t(Msg::SimArgRps)))
        })
}

/// `meshlab sim fields [KIND]`: the loader's contract, field by field (the Markdown of
/// `docs/simulator-fields.md`, or one kind's rows as `PATH CLASS`).
fn fields(args: &FieldsArgs) -> ExitCode {
    use crate::sim::load::fields;
    let Some(kind) = &args.kind else {
        out!("{}", fields::markdown());
        return ExitCode::SUCCESS;
    };
    let (all, _) = fields::fields();
    let rows: Vec<_> = all
        .iter()
        .filter(|f| f.kind == *kind || f.kind.rsplit('/').next() == Some(kind.as_str()))
        .collect();
    if rows.is_empty() {
        let mut kinds: Vec<&str> = all.iter().map(|f| f.kind.as_str()).collect();
        kinds.dedup();
        eprintln!(
            "{kind}: not a kind meshlab reads (kinds: {})",
            kinds.join(", ")
        );
        return ExitCode::from(2);
    }
    let width = rows.iter().map(|f| f.path.len()).max().unwrap_or(0);
    for f in rows {
        outln!("{:<width$}  {}  {}", f.path, f.class.as_str(), f.kind);
    }
    ExitCode::SUCCESS
}

/// Run a `sim` subcommand.
pub fn run(cmd: SimCommand, lang: crate::i18n::Lang) -> ExitCode {
    match cmd {
        SimCommand::Run(args) => super::sim_run::run(args, lang),
        SimCommand::Trace(args) => super::sim_run::trace(args, lang),
        SimCommand::Fields(args) => fields(&args),
        SimCommand::Shell(args) => super::sim_shell::run(args, lang),
        SimCommand::Probe(args) => super::sim_probe::run(&args, lang),
        SimCommand::Cost(args) => super::sim_cost::run(&args, lang),
    }
}

pub(crate) fn read_sources(paths: &[String]) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for p in paths {
        if p == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("-: cannot read stdin: {e}"))?;
            sources.push(Source {
                name: "-".to_owned(),
                bytes,
            });
        } else if !Path::new(p).exists()
            && let Some(source) = builtin_manifest(p)
        {
            sources.push(source);
        } else {
            collect(Path::new(p), &mut sources)?;
        }
    }
    Ok(sources)
}

/// A manifest of the built-in pack by name (`lab` is `scenarios/lab.yaml`), so the lessons'
/// examples run from any directory with nothing but the binary.
pub(super) fn builtin_manifest(name: &str) -> Option<Source> {
    let pack = crate::drill::pack::Pack::builtin().ok()?;
    let stem = name.trim_end_matches(".yaml");
    let path = format!("scenarios/{stem}.yaml");
    pack.file(&path).map(|bytes| Source {
        name: path.clone(),
        bytes: bytes.to_vec(),
    })
}

/// A file, or every `.yaml`/`.yml`/`.json` file under a directory, in name order.
fn collect(path: &Path, out: &mut Vec<Source>) -> Result<(), String> {
    let shown = path.display().to_string();
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{shown}: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            let is_manifest = entry
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| matches!(x, "yaml" | "yml" | "json"));
            if entry.is_dir() || is_manifest {
                collect(&entry, out)?;
            }
        }
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    out.push(Source { name: shown, bytes });
    Ok(())
}

/// One probe of a `--probes` file (a YAML list entry, or a JSON Lines line).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProbeSpec {
    pub(super) from: String,
    pub(super) to: String,
    pub(super) port: Option<u16>,
    pub(super) protocol: Option<String>,
    pub(super) method: Option<String>,
    pub(super) path: Option<String>,
    pub(super) host: Option<String>,
    #[serde(default)]
    pub(super) headers: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) query: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) delay_ms: u64,
    pub(super) count: Option<u32>,
}

/// A YAML list of probes (the whole file: the YAML node limit bounds it).
pub(super) fn yaml_probes(name: &str, bytes: &[u8]) -> Result<Vec<Probe>, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| format!("{name}:1:1: invalid UTF-8 in input"))?;
    let located = |e: DeError| {
        let what = if e.path.is_empty() {
            e.message
        } else {
            format!("{}: {}", e.path, e.message)
        };
        format!("{name}:{}:{}: {what}", e.line, e.column)
    };
    let docs = yaml::parse_documents(text).map_err(located)?;
    let mut probes = Vec::new();
    for doc in &docs {
        let specs: Vec<ProbeSpec> = yaml::from_node(doc).map_err(located)?.value;
        for s in specs {
            probes.push(s.into_probe().map_err(|e| format!("{name}: {e}"))?);
        }
    }
    Ok(probes)
}

fn outcome_text(r: &ProbeResult, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang).to_owned();
    match (r.outcome, r.status) {
        (Outcome::Ok | Outcome::HttpError, Some(s)) => format!("HTTP {s}"),
        (Outcome::Ok, None) => t(Msg::SimConnected),
        (Outcome::HttpError, None) => t(Msg::SimHttpError),
        (Outcome::Reset, _) => t(Msg::OutcomeReset),
        (Outcome::Refused, _) => t(Msg::OutcomeRefused),
        (Outcome::Timeout, _) => t(Msg::SimTimedOut),
        (Outcome::DnsFailure, _) => t(Msg::OutcomeDnsFailure),
    }
}

/// The verdict line, then the hop diagram; hop reasons in `lang` (the JSON output stays
/// English).
pub fn render_text(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for r in &report.results {
        out.push_str(&render_result(r, lang));
    }
    for r in &report.rejected {
        out.push_str(&rejected_line(r, lang));
    }
    for w in &report.warnings {
        out.push_str(&warning_line(w, lang));
    }
    out
}

/// One probe's verdict line and hop diagram, in `lang`.
pub fn render_result(r: &ProbeResult, lang: Lang) -> String {
    let mut out = String::new();
    {
        let t = |m: Msg| m.text(lang);
        let verdict = match r.verdict {
            Verdict::Allowed => t(Msg::SimAllowed),
            Verdict::Denied => t(Msg::SimDenied),
            Verdict::Failed => t(Msg::SimFailed),
        };
        let backend = r.backend.as_ref().map_or_else(
            || t(Msg::SimNoBackend).to_owned(),
            |b| match &b.service {
                Some(s) => format!("backend {s} (pod {})", b.pod),
                None => format!("backend pod {}", b.pod),
            },
        );
        let grpc = r
            .grpc_status
            .map(|g| format!(" grpc-status {g}"))
            .unwrap_or_default();
        let security = if r.encrypted {
            t(Msg::SimEncrypted)
        } else {
            "plaintext"
        };
        out.push_str(&format!(
            "{verdict} {} -> {}: {}{grpc}, {backend}, {}, {:.2} ms, {security}\n",
            r.from,
            r.to,
            outcome_text(r, lang),
            Msg::SimTries.fill(lang, &[&r.tries.to_string()]),
            r.latency_us as f64 / 1000.0
        ));
        if let Some(id) = &r.client_identity {
            out.push_str(&format!("  {}\n", Msg::SimClientIdentity.fill(lang, &[id])));
        }
        if !r.decided_by.is_empty() {
            let by: Vec<String> = r
                .decided_by
                .iter()
                .map(|d| trace::localize(d, lang).into_owned())
                .collect();
            out.push_str(&format!(
                "  {}\n",
                Msg::SimDecidedBy.fill(lang, &[&by.join("; ")])
            ));
        }
        if r.counts.len() > 1 || r.counts.values().any(|n| *n > 1) {
            let counts: Vec<String> = r.counts.iter().map(|(k, n)| format!("{k}={n}")).collect();
            out.push_str(&format!(
                "  {}\n",
                Msg::SimCounts.fill(lang, &[&counts.join(" ")])
            ));
        }
        if !r.response_headers.is_empty() {
            let headers: Vec<String> = r
                .response_headers
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            out.push_str(&format!(
                "  {}
",
                Msg::SimResponseHeaders.fill(lang, &[&headers.join("; ")])
            ));
        }
        let components: Vec<String> = r
            .hops
            .iter()
            .map(|h| trace::localize(&h.component, lang).into_owned())
            .collect();
        let width = components
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0);
        for (i, hop) in r.hops.iter().enumerate() {
            let last = i + 1 == r.hops.len();
            let branch = if last { "└─" } else { "├─" };
            let lock = if hop.encrypted { " [mTLS]" } else { "" };
            let identity = hop
                .identity
                .as_ref()
                .map(|id| format!(" (peer {id})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {branch} {:<width$}  {:<7} {}{identity}{lock}\n",
                components[i],
                trace::decision(&hop.decision, lang),
                trace::localize(&hop.reason, lang)
            ));
        }
    }
    out
}

/// A load warning as the text reports print it: `file:line:column: warning: …`, in `lang`.
pub(super) fn warning_line(w: &WarningObject, lang: Lang) -> String {
    let said = crate::i18n::messages::localize(&w.message, lang);
    format!(
        "{}:{}:{}: {}\n",
        w.file,
        w.line,
        w.column,
        Msg::SimWarning.fill(lang, &[&said])
    )
}

/// An object the API server would refuse, as the text reports print it.
pub(super) fn rejected_line(r: &RejectedObject, lang: Lang) -> String {
    format!(
        "{}:{}:{}: {}\n",
        r.file,
        r.line,
        r.column,
        Msg::SimRejected.fill(lang, &[&r.kind, &r.object, &r.reason])
    )
}
