//! `meshlab sim cost SCENARIO|MANIFESTS [--rps N]`: what a mesh design's data plane costs in
//! CPU and memory for a cluster's traffic, this design and the lab's designs side by side, from
//! published figures shown with their sources (`sim::scenario::cost`).

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::sim::{Format, read_sources};
use crate::content::cost_figures::{CostFigures, Published};
use crate::i18n::{Lang, Msg};
use crate::sim::load::{self, LoadOptions, Source};
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::cost::{self, Change, DesignCost, WhatIf};
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::{Scenario, Traffic};

/// Requests per second each Service receives when bare manifests send no traffic of their own.
const DEFAULT_RPS: u32 = 1000;

#[derive(Debug, clap::Args)]
pub struct CostArgs {
    /// A scenario (TOML, or a built-in scenario's name), or manifest files and directories.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Requests per second for every stream, instead of the scenario's rates.
    #[arg(long)]
    pub rps: Option<u32>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Where the streams' rates come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rates {
    /// The scenario's own `[[traffic]]` rates.
    Scenario,
    /// Every scenario stream at `--rps`.
    Fixed,
    /// Bare manifests (or a scenario without traffic): every Service receives the rate from
    /// outside the cluster.
    Inbound,
}

#[derive(Debug, Serialize)]
pub struct CostReport {
    pub target: String,
    pub rates: Rates,
    /// This cluster as written (its own mesh profile).
    pub design: DesignCost,
    /// The same cluster under each design (`cost::DESIGNS`).
    pub designs: Vec<DesignCost>,
    pub what_if: Vec<WhatIf>,
    pub figures: Vec<Published>,
}

/// The cost report for a scenario or manifests, as `sim cost` prints it; cost drills grade
/// against the same numbers.
pub fn report(paths: &[String], rps: Option<u32>) -> Result<CostReport, String> {
    let figures = CostFigures::builtin().map_err(ToString::to_string)?;
    let (scenario, sources, target) = target(paths)?;
    let mesh = scenario.as_ref().and_then(|s| s.mesh);
    let faults = scenario
        .as_ref()
        .map(|s| s.faults.clone())
        .unwrap_or_default();
    let cluster = load::load(&sources, &LoadOptions { mesh }).map_err(|e| e.to_string())?;
    let (streams, rates) = streams(scenario.as_ref(), &cluster, rps);
    let sim = Faulty::new(cluster, faults.clone());
    let mut design = cost::design(&sim, &streams, &figures.figures).map_err(|e| e.to_string())?;
    design.mesh = mesh.map(|m| m.to_string());
    let designs = cost::designs(&sources, &faults, &streams, &figures.figures)?;
    let of = |p: Profile| {
        designs
            .iter()
            .find(|d| d.mesh.as_deref() == Some(&p.to_string()))
    };
    let mut what_if = Vec::new();
    if let Some(ambient) = of(Profile::IstioAmbient) {
        what_if.push(cost::what_if(
            ambient,
            Change::WaypointPerNamespace,
            &figures.figures,
        ));
    }
    if let Some(cilium) = of(Profile::Cilium) {
        what_if.push(cost::what_if(
            cilium,
            Change::CiliumL7Everywhere,
            &figures.figures,
        ));
    }
    Ok(CostReport {
        target,
        rates,
        design,
        designs,
        what_if,
        figures: figures.published.clone(),
    })
}

/// A scenario (a `.toml` file or a built-in scenario's name) or bare manifests (files,
/// directories, a built-in manifest's name such as `lab`). A name that is neither is taken for
/// a scenario, so the error lists the built-in ones.
fn target(paths: &[String]) -> Result<(Option<Scenario>, Vec<Source>, String), String> {
    if let [one] = paths {
        let path = Path::new(one);
        let manifest_ext = path
            .extension()
            .is_some_and(|e| ["yaml", "yml", "json"].iter().any(|m| e == *m));
        let is_scenario = path.extension().is_some_and(|e| e == "toml")
            || !path.exists()
                && !manifest_ext
                && one != "-"
                && super::sim::builtin_manifest(one).is_none();
        if is_scenario {
            let (scenario, sources) = super::sim_run::scenario_sources(path)?;
            return Ok((Some(scenario), sources, one.clone()));
        }
    }
    Ok((None, read_sources(paths)?, paths.join(" ")))
}

fn streams(
    scenario: Option<&Scenario>,
    cluster: &crate::sim::model::Cluster,
    rps: Option<u32>,
) -> (Vec<Traffic>, Rates) {
    match scenario
        .map(|s| s.traffic.clone())
        .filter(|t| !t.is_empty())
    {
        Some(mut traffic) => match rps {
            Some(n) => {
                traffic.iter_mut().for_each(|t| t.rps = n);
                (traffic, Rates::Fixed)
            }
            None => (traffic, Rates::Scenario),
        },
        None => (
            cost::inbound_streams(cluster, rps.unwrap_or(DEFAULT_RPS)),
            Rates::Inbound,
        ),
    }
}

pub fn run(args: &CostArgs, lang: Lang) -> ExitCode {
    let report = match report(&args.paths, args.rps) {
        Ok(r) => r,
        Err(e) => return super::refuse(&e, lang),
    };
    match args.format {
        Format::Json => {
            out!(
                "{}\n",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Format::Text => out!("{}", text(&report, args.rps, lang)),
    }
    ExitCode::SUCCESS
}

fn vcpu(v: f64) -> String {
    format!("{v:.3}")
}

fn mb(v: f64) -> String {
    format!("{v:.1}")
}

/// The name a design goes by in the lab (section 16): A, B and C, beside no mesh and sidecars.
fn design_name(mesh: Option<&str>, lang: Lang) -> String {
    let msg = match mesh {
        Some("none") => Msg::CostDesignNone,
        Some("linkerd") => Msg::CostDesignA,
        Some("cilium") => Msg::CostDesignB,
        Some("istio-ambient") => Msg::CostDesignC,
        Some("istio-sidecar") => Msg::CostDesignSidecar,
        _ => return Msg::CostAsWritten.text(lang).to_owned(),
    };
    msg.text(lang).to_owned()
}

fn text(r: &CostReport, rps: Option<u32>, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let d = &r.design;
    let mut out = Msg::CostHeader.fill(
        lang,
        &[
            &r.target,
            &d.streams.len().to_string(),
            &format!("{:.0}", d.rps),
        ],
    );
    out.push('\n');
    let rate = rps.unwrap_or(DEFAULT_RPS).to_string();
    out += &match r.rates {
        Rates::Scenario => t(Msg::CostRatesScenario).to_owned(),
        Rates::Fixed => Msg::CostRatesFixed.fill(lang, &[&rate]),
        Rates::Inbound => Msg::CostRatesInbound.fill(lang, &[&rate]),
    };
    out += "\n\n";
    out += &Msg::CostThisDesign.fill(lang, &[d.mesh.as_deref().unwrap_or("-")]);
    out.push('\n');
    if d.instances.is_empty() {
        out += &format!("  {}\n", t(Msg::CostNothingRuns));
    } else {
        let [c, i, q, v, m] = [
            Msg::CostColComponent,
            Msg::CostColInstance,
            Msg::CostColRps,
            Msg::CostColVcpu,
            Msg::CostColMemory,
        ]
        .map(t);
        out += &format!("  {c:<15} {i:<28} {q:>7} {v:>7} {m:>9}\n");
        for x in &d.instances {
            out += &format!(
                "  {:<15} {:<28} {:>7.0} {:>7} {:>9}\n",
                x.component.figure_id(),
                x.name,
                x.rps,
                vcpu(x.vcpu),
                mb(x.memory_mb)
            );
        }
        for (heading, rows) in [
            (Msg::CostPerWorkload, &d.per_workload),
            (Msg::CostPerNode, &d.per_node),
        ] {
            if rows.is_empty() {
                continue;
            }
            out += &format!("  {}\n", t(heading));
            for row in rows {
                out += &format!(
                    "    {:<30} {:>7} vCPU {:>9} MB\n",
                    row.name,
                    vcpu(row.vcpu),
                    mb(row.memory_mb)
                );
            }
        }
    }
    out += &format!(
        "  {}\n",
        Msg::CostTotal.fill(lang, &[&vcpu(d.vcpu), &mb(d.memory_mb)])
    );
    for s in d.streams.iter().filter(|s| !s.answered) {
        out += &format!("  {}\n", Msg::CostUnanswered.fill(lang, &[&s.from, &s.to]));
    }
    out += &format!("\n{}\n", t(Msg::CostSideBySide));
    let [n, v, m, k] = [
        Msg::CostColDesign,
        Msg::CostColVcpu,
        Msg::CostColMemory,
        Msg::CostColInstances,
    ]
    .map(t);
    out += &format!("  {n:<26} {v:>7} {m:>9} {k:>9}\n");
    for x in &r.designs {
        out += &format!(
            "  {:<26} {:>7} {:>9} {:>9}\n",
            design_name(x.mesh.as_deref(), lang),
            vcpu(x.vcpu),
            mb(x.memory_mb),
            x.instances.len()
        );
    }
    out += &format!("\n{}\n", t(Msg::CostWhatChanges));
    for w in &r.what_if {
        let line = match (w.change, w.rps > 0.0) {
            (Change::WaypointPerNamespace, true) => Msg::CostWhatIfWaypoint.fill(
                lang,
                &[
                    &w.added.join(", "),
                    &vcpu(w.vcpu),
                    &mb(w.memory_mb),
                    &format!("{:.0}", w.rps),
                ],
            ),
            (Change::CiliumL7Everywhere, true) => {
                Msg::CostWhatIfL7.fill(lang, &[&vcpu(w.vcpu), &format!("{:.0}", w.rps)])
            }
            (Change::WaypointPerNamespace, false) => t(Msg::CostWhatIfWaypointNone).to_owned(),
            (Change::CiliumL7Everywhere, false) => t(Msg::CostWhatIfL7None).to_owned(),
        };
        out += &format!("  {line}\n");
    }
    out += &format!("  {}\n", t(Msg::CostWhatIfSidecars));
    out += &format!("\n{}\n", t(Msg::CostFigures));
    for f in &r.figures {
        let per_load = if f.vcpu_per_1000_rps > 0.0 {
            Msg::CostFigurePerLoad.fill(lang, &[&format!("{}", f.vcpu_per_1000_rps)])
        } else {
            Msg::CostFigureFixed.fill(lang, &[&format!("{}", f.vcpu_fixed)])
        };
        out += &format!(
            "  {} ({}): {per_load}, {} MB\n    {}\n    {} ({})\n    {}\n",
            f.id,
            f.component,
            f.memory_mb,
            f.measured,
            f.source,
            Msg::CostRetrieved.fill(lang, &[&f.retrieved]),
            f.note.get(lang)
        );
    }
    out
}
