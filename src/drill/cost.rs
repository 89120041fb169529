//! Cost drills: the learner estimates what a mesh design's data plane costs for a cluster's
//! traffic (or how much more one design costs than another: the sidecar tax), and the answer is
//! graded within a tolerance against `meshlab sim cost`'s model, on the same published figures.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Answer, Exercise};
use super::grade::{Detail, GradeError, PASS_MARK, Report};
use super::pack::Pack;
use crate::content::cost_figures::CostFigures;
use crate::i18n::{Lang, Msg};
use crate::sim::load::Source;
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::Scenario;
use crate::sim::scenario::cost::{self, DesignCost};

/// The tolerance when an exercise gives none: ±10% of the model's figure.
const DEFAULT_TOLERANCE: f64 = 0.10;

/// What a cost drill asks.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// A scenario file of the pack (`scenarios/lab-istio-sidecar.toml`): its manifests, faults
    /// and traffic are costed.
    pub scenario: String,
    /// Requests per second for every stream of the scenario, instead of its own rates.
    #[serde(default)]
    pub rps: Option<u32>,
    /// The design asked about: a mesh profile (`linkerd`, `cilium`, `istio-sidecar`,
    /// `istio-ambient`, `none`).
    pub design: String,
    /// A design whose cost is taken away: the answer is `design` minus `minus` (the tax of one
    /// design over another).
    #[serde(default)]
    pub minus: Option<String>,
    pub quantity: Quantity,
    /// How far an answer may be from the model's figure, as a share of it (default 0.10); at
    /// least 1 unit either way.
    #[serde(default)]
    pub tolerance: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Quantity {
    /// CPU in millicores (1000 m = 1 vCPU), as Kubernetes requests write it.
    Millicores,
    /// Memory in MB.
    MemoryMb,
}

/// The grader's arithmetic, shown with the result.
#[derive(Clone, Debug, Serialize)]
pub struct CostDetail {
    pub quantity: Quantity,
    /// The model's figure, rounded to a whole unit.
    pub expected: i64,
    /// The range of answers accepted.
    pub low: i64,
    pub high: i64,
    pub answered: Option<u64>,
    /// The command that shows the same model in full, with every figure's source.
    pub command: String,
    /// The designs the figure is made of: `design` then `minus`.
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub design: String,
    pub value: f64,
    /// The components that make it up (`envoy-sidecar × 9: 540.0`).
    pub breakdown: Vec<String>,
}

pub fn grade(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let spec = ex
        .cost
        .as_ref()
        .ok_or_else(|| GradeError(format!("exercise `{}` has no [cost]", ex.id)))?;
    let number = answer
        .number
        .ok_or_else(|| GradeError("the answer names no `number`".into()))?;
    let detail = expected(pack, spec, Some(number))?;
    let grade = if (detail.low..=detail.high).contains(&i64::try_from(number).unwrap_or(i64::MAX)) {
        100
    } else {
        0
    };
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: Vec::new(),
        probes: Vec::new(),
        expected_number: None,
        timeline: None,
        detail: Some(Detail::Cost(detail)),
    })
}

/// The model's answer to `spec`, and the range accepted around it.
pub fn expected(pack: &Pack, spec: &Spec, answered: Option<u64>) -> Result<CostDetail, GradeError> {
    let figures = CostFigures::builtin().map_err(|e| GradeError(e.to_string()))?;
    let (scenario, sources) = scenario(pack, &spec.scenario)?;
    let mut traffic = scenario.traffic.clone();
    if let Some(rps) = spec.rps {
        traffic.iter_mut().for_each(|t| t.rps = rps);
    }
    let designs = cost::designs(&sources, &scenario.faults, &traffic, &figures.figures)
        .map_err(GradeError)?;
    let part = |name: &str| -> Result<Part, GradeError> {
        let profile =
            Profile::parse(name).ok_or_else(|| GradeError(format!("unknown design `{name}`")))?;
        let d = designs
            .iter()
            .find(|d| d.mesh.as_deref() == Some(&profile.to_string()))
            .ok_or_else(|| GradeError(format!("design `{name}` is not costed")))?;
        Ok(Part {
            design: name.to_owned(),
            value: value(d, spec.quantity),
            breakdown: breakdown(d, spec.quantity),
        })
    };
    let mut parts = vec![part(&spec.design)?];
    if let Some(minus) = &spec.minus {
        parts.push(part(minus)?);
    }
    let exact = parts[0].value - parts.get(1).map_or(0.0, |p| p.value);
    let slack = (exact.abs() * spec.tolerance.unwrap_or(DEFAULT_TOLERANCE)).max(1.0);
    let stem = spec
        .scenario
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".toml");
    let command = match spec.rps {
        Some(rps) => format!("meshlab sim cost {stem} --rps {rps}"),
        None => format!("meshlab sim cost {stem}"),
    };
    Ok(CostDetail {
        command,
        quantity: spec.quantity,
        expected: exact.round() as i64,
        low: (exact - slack).ceil() as i64,
        high: (exact + slack).floor() as i64,
        answered,
        parts,
    })
}

fn value(d: &DesignCost, q: Quantity) -> f64 {
    match q {
        Quantity::Millicores => d.vcpu * 1000.0,
        Quantity::MemoryMb => d.memory_mb,
    }
}

/// Each component's share of a design's figure: how many instances, and what they add up to.
fn breakdown(d: &DesignCost, q: Quantity) -> Vec<String> {
    let mut by: std::collections::BTreeMap<&str, (usize, f64)> = Default::default();
    for i in &d.instances {
        let e = by.entry(i.component.figure_id()).or_default();
        e.0 += 1;
        e.1 += match q {
            Quantity::Millicores => i.vcpu * 1000.0,
            Quantity::MemoryMb => i.memory_mb,
        };
    }
    by.into_iter()
        .map(|(id, (n, v))| format!("{id} × {n}: {v:.1}"))
        .collect()
}

/// A scenario file of the pack and its manifests (relative to the scenario file).
fn scenario(pack: &Pack, path: &str) -> Result<(Scenario, Vec<Source>), GradeError> {
    let bytes = pack
        .file(path)
        .ok_or_else(|| GradeError(format!("`{path}`: no such file in the pack")))?;
    let text =
        crate::diag::SourceError::decode(path, bytes).map_err(|e| GradeError(e.to_string()))?;
    let scenario = Scenario::parse(path, text).map_err(|e| GradeError(e.to_string()))?;
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let sources = scenario
        .manifests
        .iter()
        .map(|m| {
            let p = if dir.is_empty() {
                m.clone()
            } else {
                format!("{dir}/{m}")
            };
            pack.file(&p)
                .map(|b| Source {
                    name: p.clone(),
                    bytes: b.to_vec(),
                })
                .ok_or_else(|| GradeError(format!("{path}: manifest `{m}` is not in the pack")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((scenario, sources))
}

/// The arithmetic in words: the model's figure and the range accepted, then each design's
/// components.
pub fn lines(d: &CostDetail, lang: Lang) -> Vec<String> {
    let unit = match d.quantity {
        Quantity::Millicores => "m",
        Quantity::MemoryMb => "MB",
    };
    let mut out = vec![Msg::CostExpected.fill(
        lang,
        &[
            &format!("{} {unit}", d.expected),
            &format!("{}–{} {unit}", d.low, d.high),
        ],
    )];
    for p in &d.parts {
        out.push(format!("{}: {:.1} {unit}", p.design, p.value));
        for b in &p.breakdown {
            out.push(format!("  {b}"));
        }
    }
    out.push(Msg::CostSeeModel.fill(lang, &[&d.command]));
    out
}
