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

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    pub scenario: PathBuf,
    #[arg(long, default_value_t = 100)]
    pub requests: u32,
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The scenario file and the cluster it describes, with its faults applied. A path that does
/// not exist names a scenario of the built-in pack (`lab-linkerd` is
/// `exercises/part-023/scenarios/lab-linkerd.toml`, embedded in the binary).
pub(crate) fn load(path: &Path) -> Result<(Scenario, Faulty), String> {
    let (scenario, sources) = scenario_sources(path)?;
    let cluster = load::load(
        &sources,
        &LoadOptions {
            mesh: scenario.mesh,
        },
    )
    .map_err(|e| e.to_string())?;
    let faulty = Faulty::new(cluster, scenario.faults.clone());
    Ok((scenario, faulty))
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

pub fn run(args: RunArgs, lang: Lang) -> ExitCode {
    let (scenario, sim) = match load(&args.scenario) {
        Ok(x) => x,
        Err(e) => return bad_input(&e, lang),
    };
    let seed = args.seed.unwrap_or(scenario.seed);
    let report = match run::run(&sim, &scenario, args.requests, seed) {
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
    let (_, sim) = match load(&args.scenario) {
        Ok(x) => x,
        Err(e) => return bad_input(&e, lang),
    };
    let probe = Probe {
        from: args.from,
        to: args.to,
        port: args.port,
        method: args.method,
        path: args.path,
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
