//! `meshlab sim run SCENARIO` and `meshlab sim trace SCENARIO`: scenario files (TOML) with
//! faults, traffic and invariants, next to `sim probe` which reads bare manifests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::sim::{Format, read_sources, render_text};
use crate::drill::pack::Pack;
use crate::i18n::{Lang, Msg, trace};
use crate::sim::eval::probe::Probe;
use crate::sim::load::{self, LoadOptions, Source};
use crate::sim::scenario::Scenario;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::probes::Report;
use crate::sim::scenario::run::{self, RunReport};
use crate::sim::scenario::steps;
use crate::sim::scenario::time::Time;
use crate::sim::scenario::timeline::Timeline;

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    pub scenario: PathBuf,
    #[arg(long, default_value_t = 100)]
    pub requests: u32,
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[arg(long, value_parser = Time::parse)]
    pub at: Option<Time>,
    #[arg(long, value_parser = Time::parse)]
    pub until: Option<Time>,
    #[arg(long, value_parser = Time::parse)]
    pub step: Option<Time>,
}

#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    pub scenario: PathBuf,
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    #[arg(long)]
    pub port: Option<u16>,
    #[arg(long)]
    pub method: Option<String>,
    #[arg(long)]
    pub path: Option<String>,
    /// TCP, UDP or SCTP.
    #[arg(long, value_parser = super::sim::parse_protocol)]
    pub protocol: Option<crate::sim::model::net::Protocol>,
    /// HTTP Host header, and the SNI of a TLS connection (Gateway listener and route
    /// hostnames).
    #[arg(long)]
    pub host: Option<String>,
    /// Request header, `Name: value` (repeatable).
    #[arg(short = 'H', long = "header", value_parser = super::sim::parse_header)]
    pub headers: Vec<(String, String)>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[arg(long, value_parser = Time::parse)]
    pub at: Option<Time>,
}

/// The scenario file and the cluster it describes, with its faults applied. A path that does
/// not exist names a scenario of the built-in pack (`lab-linkerd` is
/// `exercises/part-023/scenarios/lab-linkerd.toml`, embedded in the binary).
pub(crate) fn load(path: &Path) -> Result<(Scenario, Faulty), String> {
    let (scenario, timeline, sim) = load_at(path, Time(0))?;
    drop(timeline);
    Ok((scenario, sim))
}

/// The scenario, its timeline when it has events, and the cluster at `at`.
pub(crate) fn load_at(
    path: &Path,
    at: Time,
) -> Result<(Scenario, Option<Timeline>, Faulty), String> {
    let (scenario, timeline) = load_timeline(path)?;
    if scenario.events.is_empty() {
        let faulty = Faulty::new(timeline.into_base(), scenario.faults.clone());
        return Ok((scenario, None, faulty));
    }
    let sim = timeline.at(at);
    Ok((scenario, Some(timeline), sim))
}

/// The scenario and the timeline of its cluster (with no events, one on which only the clocks
/// move).
pub(crate) fn load_timeline(path: &Path) -> Result<(Scenario, Timeline), String> {
    let file = path.display().to_string();
    let (scenario, sources) = scenario_sources(path)?;
    let options = LoadOptions {
        mesh: scenario.mesh,
    };
    let cluster = load::load(&sources, &options).map_err(|e| e.to_string())?;
    // Manifests the timeline applies are read as the scenario's own are.
    let extra = |files: &[String]| -> Result<crate::sim::model::Cluster, String> {
        let mut all = sources.clone();
        for f in files {
            all.push(if path.exists() {
                let dir = path.parent().unwrap_or(Path::new("."));
                read_sources(&[dir.join(f).display().to_string()])?
                    .pop()
                    .ok_or_else(|| format!("{f}: nothing to read"))?
            } else {
                builtin_file(&format!("scenarios/{f}"))?
            });
        }
        load::load(&all, &options).map_err(|e| e.to_string())
    };
    let warm = scenario
        .traffic
        .iter()
        .map(|t| (t.from.clone(), t.to.clone()))
        .collect();
    let timeline = Timeline::new(
        cluster,
        scenario.faults.clone(),
        scenario.events.clone(),
        scenario.mesh,
        warm,
        extra,
    )
    .map_err(|e| format!("{file}: {e}"))?;
    Ok((scenario, timeline))
}

/// The scenario file and its manifests, unloaded (`sim cost` loads them once per design).
pub(crate) fn scenario_sources(path: &Path) -> Result<(Scenario, Vec<Source>), String> {
    let file = path.display().to_string();
    if path.exists() {
        let bytes = std::fs::read(path).map_err(|e| format!("{file}: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{file}:1:1: invalid UTF-8"))?;
        let scenario = Scenario::parse(&file, &text).map_err(|e| e.to_string())?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let manifests: Vec<String> = scenario
            .manifests
            .iter()
            .map(|m| dir.join(m).display().to_string())
            .collect();
        let sources = read_sources(&manifests)?;
        Ok((scenario, sources))
    } else {
        builtin(&file)
    }
}

/// A file of the built-in pack.
fn builtin_file(path: &str) -> Result<Source, String> {
    let pack = Pack::builtin().map_err(|e| format!("built-in pack: {e:?}"))?;
    pack.file(path)
        .map(|b| Source {
            name: path.to_string(),
            bytes: b.to_vec(),
        })
        .ok_or_else(|| format!("the built-in pack has no `{path}`"))
}

/// A scenario of the built-in pack and its manifests.
fn builtin(name: &str) -> Result<(Scenario, Vec<Source>), String> {
    let pack = Pack::builtin().map_err(|e| format!("built-in pack: {e:?}"))?;
    let stem = name.trim_end_matches(".toml");
    let path = format!("scenarios/{stem}.toml");
    let Some(bytes) = pack.file(&path) else {
        let names: Vec<String> = pack
            .files()
            .filter_map(|f| f.strip_prefix("scenarios/")?.strip_suffix(".toml"))
            .map(str::to_string)
            .collect();
        return Err(format!(
            "{name}: no such file, and no built-in scenario of that name (built-in: {})",
            names.join(", ")
        ));
    };
    let text =
        String::from_utf8(bytes.to_vec()).map_err(|_| format!("{path}:1:1: invalid UTF-8"))?;
    let scenario = Scenario::parse(&path, &text).map_err(|e| e.to_string())?;
    let sources = scenario
        .manifests
        .iter()
        .map(|m| {
            let p = format!("scenarios/{m}");
            pack.file(&p)
                .map(|b| Source {
                    name: p.clone(),
                    bytes: b.to_vec(),
                })
                .ok_or_else(|| format!("{path}: manifest `{m}` is not in the built-in pack"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((scenario, sources))
}

/// `--at` on a scenario without events changes nothing: said on stderr, so JSON output stays
/// JSON.
fn still(at: Option<Time>, timeline: Option<&Timeline>, lang: Lang) {
    if let (Some(at), None) = (at, timeline) {
        eprintln!("{}", Msg::SimProbeStill.fill(lang, &[&at.to_string()]));
    }
}

pub fn run(args: RunArgs, lang: Lang) -> ExitCode {
    let (scenario, timeline, sim) = match load_at(&args.scenario, args.at.unwrap_or_default()) {
        Ok(x) => x,
        Err(e) => return bad_input(&e, lang),
    };
    still(args.at, timeline.as_ref(), lang);
    let seed = args.seed.unwrap_or(scenario.seed);
    if let Some(until) = args.until {
        let Some(timeline) = &timeline else {
            return bad_input(
                &format!(
                    "{}: --until needs a scenario with [[events]]",
                    args.scenario.display()
                ),
                lang,
            );
        };
        let step = args.step.unwrap_or(Time::hours(1));
        return match steps::steps(timeline, &scenario, args.requests, seed, until, step) {
            Ok(all) => {
                match args.format {
                    Format::Json => {
                        outln!("{}", serde_json::to_string_pretty(&all).unwrap_or_default())
                    }
                    Format::Text => out!("{}", steps_text(&all, lang)),
                }
                if all.iter().all(|s| s.invariants.iter().all(|i| i.held)) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => bad_input(&format!("{}: {e}", args.scenario.display()), lang),
        };
    }
    let report = match run::run_on(timeline.as_ref(), &sim, &scenario, args.requests, seed) {
        Ok(r) => r,
        Err(e) => return bad_input(&format!("{}: {e}", args.scenario.display()), lang),
    };
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Text => run_text(&report, lang),
    };
    out!("{text}");
    if report.invariants.iter().all(|i| i.held) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub fn trace(args: TraceArgs, lang: Lang) -> ExitCode {
    let (_, timeline, sim) = match load_at(&args.scenario, args.at.unwrap_or_default()) {
        Ok(x) => x,
        Err(e) => return bad_input(&e, lang),
    };
    still(args.at, timeline.as_ref(), lang);
    let probe = Probe {
        from: args.from,
        to: args.to,
        port: args.port,
        method: args.method,
        path: args.path,
        protocol: args.protocol,
        host: args.host,
        headers: args.headers,
        count: 1,
        ..Probe::default()
    };
    let result = match sim.probe(&probe) {
        Ok(r) => r,
        Err(e) => return bad_input(&e.to_string(), lang),
    };
    let report = Report {
        results: vec![result],
        rejected: sim.cluster.rejected.iter().map(Into::into).collect(),
        warnings: sim.cluster.warnings.iter().map(Into::into).collect(),
    };
    match args.format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        Format::Text => {
            for note in &sim.notes {
                outln!("! {}", trace::localize(note, lang));
            }
            outln!("{}", render_text(&report, lang).trim_end());
        }
    }
    ExitCode::SUCCESS
}

fn bad_input(message: &str, lang: Lang) -> ExitCode {
    super::refuse(message, lang)
}

/// `--until`: a line per step (what the timeline changed), the golden metrics and the
/// invariants at each moment.
fn steps_text(steps: &[steps::Step], lang: Lang) -> String {
    let mut out = String::new();
    for s in steps {
        out.push_str(&format!(
            "{}\n",
            Msg::SimStepHeader.fill(lang, &[&s.at.to_string()])
        ));
        for n in &s.notes {
            out.push_str(&format!("  ! {}\n", trace::localize(n, lang)));
        }
        for e in &s.edges {
            out.push_str(&format!(
                "  {:<28} {:<28} {:>7.1}% {:>9.2} ms\n",
                e.from,
                e.to,
                e.success_rate * 100.0,
                e.p50_ms
            ));
        }
        for i in &s.invariants {
            let mark = if i.held { "✓" } else { "✗" };
            out.push_str(&format!(
                "  {mark} {} — {}\n",
                i.invariant,
                trace::localize(&i.observed, lang)
            ));
        }
    }
    out
}

/// The run as an operator reads it: faults, golden metrics, flows, logs, pods, invariants.
fn run_text(r: &RunReport, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = format!(
        "{}\n",
        Msg::SimRunHeader.fill(
            lang,
            &[&r.seed.to_string(), &r.requests_per_edge.to_string()]
        )
    );
    for x in &r.rejected {
        out.push_str(&super::sim::rejected_line(x, lang));
    }
    for w in &r.warnings {
        out.push_str(&super::sim::warning_line(w, lang));
    }
    if !r.notes.is_empty() {
        out.push_str(&format!("\n{}\n", t(Msg::SimFaults)));
        for n in &r.notes {
            out.push_str(&format!("  ! {}\n", trace::localize(n, lang)));
        }
    }
    out.push_str(&format!(
        "\n{}\n  {:<28} {:<28} {:>8} {:>5} {:>9} {:>9} {:>9}\n",
        t(Msg::SimMetrics),
        t(Msg::SimColFrom),
        t(Msg::SimColTo),
        t(Msg::SimColSuccess),
        "RPS",
        "P50 ms",
        "P95 ms",
        "P99 ms"
    ));
    for e in &r.edges {
        out.push_str(&format!(
            "  {:<28} {:<28} {:>7.1}% {:>5} {:>9.2} {:>9.2} {:>9.2}\n",
            e.from,
            e.to,
            e.success_rate * 100.0,
            e.rps,
            e.p50_ms,
            e.p95_ms,
            e.p99_ms
        ));
    }
    for e in r.edges.iter().filter(|e| e.retries > 0) {
        out.push_str(&format!(
            "  {} -> {}: {} {}\n",
            e.from,
            e.to,
            e.retries,
            t(Msg::SimRetriesBeyondFirst)
        ));
    }
    out.push_str(&format!("\n{}\n", t(Msg::SimFlows)));
    for f in &r.flows {
        out.push_str(&format!(
            "  {:<9} {} -> {} {} identity={}{}\n",
            f.verdict,
            f.source,
            f.destination,
            f.layer,
            f.source_identity.as_deref().unwrap_or("-"),
            f.drop_reason.as_deref().map_or(String::new(), |d| format!(
                " drop_reason={d} ({})",
                trace::localize_labeled(&f.summary, lang)
            ))
        ));
    }
    if !r.access_log.is_empty() {
        out.push_str(&format!("\n{}\n", t(Msg::SimAccessLog)));
        for l in &r.access_log {
            out.push_str(&format!("  {l}\n"));
        }
    }
    out.push_str(&format!(
        "\n{}\n  {:<12} {:<28} {:<6} {:<8} {:<8} {}\n",
        t(Msg::SimInventory),
        "NAMESPACE",
        "NAME",
        "READY",
        "STATUS",
        "NODE",
        "DATA PLANE"
    ));
    for p in &r.inventory {
        out.push_str(&format!(
            "  {:<12} {:<28} {:<6} {:<8} {:<8} {}\n",
            p.namespace, p.name, p.ready, p.status, p.node, p.data_plane
        ));
    }
    if !r.invariants.is_empty() {
        out.push_str(&format!("\n{}\n", t(Msg::SimInvariants)));
        for i in &r.invariants {
            let mark = if i.held { "✓" } else { "✗" };
            out.push_str(&format!(
                "  {mark} {} — {}\n",
                i.invariant,
                trace::localize(&i.observed, lang)
            ));
        }
        let held = r.invariants.iter().filter(|i| i.held).count();
        out.push_str(&format!(
            "{}\n",
            Msg::SimInvariantSummary
                .fill(lang, &[&held.to_string(), &r.invariants.len().to_string()])
        ));
    }
    out
}
