//! ADR drills: the learner's architecture decision record is graded twice. Its decision block
//! is compiled to the chosen mesh's real manifests, loaded on top of the scenario, and every
//! requirement (a simulator invariant) is checked; its prose is scored by the exercise's
//! rubric. Grade = 70 × weight of the requirements held / all their weight + 30 × rubric
//! points met / rubric points, rounded; an ADR that picks another mesh than the drill's design
//! scores 0, and one that breaks a hard requirement stays below the pass mark.

pub mod compile;
pub mod decision;
pub mod markdown;
pub mod rubric;
pub mod template;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use self::decision::Mesh;
use self::markdown::Document;
use self::rubric::RubricResult;
use super::exercise::{Exercise, Expect, Requirement};
use super::expectation::{self, Miss};
use super::grade::{Detail, GradeError, Report};
use super::pack::Pack;
use crate::diag::SourceError;
use crate::i18n::Bilingual;
use crate::sim::eval::outcome::Hop;
use crate::sim::load::{self, LoadOptions, Source};
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::invariant::Invariant;

/// Share of the grade for the requirements; the rubric has the rest.
pub const REQUIREMENTS_WEIGHT: u32 = 70;
pub const RUBRIC_WEIGHT: u32 = 100 - REQUIREMENTS_WEIGHT;

#[derive(Clone, Debug, Serialize)]
pub struct AdrReport {
    pub mesh: Mesh,
    /// The drill's design (`design = "linkerd"`), when it has one.
    pub design: Option<String>,
    pub design_met: bool,
    pub requirements: Vec<RequirementResult>,
    pub rubric: Vec<RubricResult>,
    /// Points from the requirements (of 70, by weight) and from the rubric (of 30).
    pub requirement_points: u8,
    pub rubric_points: u8,
    /// Hard requirements that broke: the record fails whatever its points.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hard_broken: Vec<String>,
    /// How the decision was compiled: what the chosen mesh cannot do, what is not modeled.
    pub notes: Vec<Bilingual>,
    /// The manifests the decision compiled to.
    pub manifests: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RequirementResult {
    pub name: String,
    pub label: Bilingual,
    /// The invariant as the simulator states it.
    pub invariant: String,
    pub held: bool,
    pub observed: String,
    /// The exact expectations the deciding request did not meet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
    pub weight: u8,
    pub hard: bool,
    /// The hop where the deciding request ended (the probe that broke it).
    pub stopped_at: Option<String>,
    /// That hop itself, so a report in Indonesian can translate its reason (JSON keeps
    /// `stopped_at`).
    #[serde(skip)]
    pub stopped_hop: Option<Hop>,
    pub why: Bilingual,
}

/// What the simulator made of one decision (and the manifests its record attaches): the same
/// for every record that states it, whatever the prose around it.
#[derive(Debug)]
pub struct Simulated {
    requirements: Vec<RequirementResult>,
    notes: Vec<Bilingual>,
    manifests: String,
}

/// Decisions already simulated, by exercise and decision: a class whose records share a
/// decision (the usual case: the prose is each learner's, the decision often the same)
/// simulates it once. Grading is deterministic, so a cached result is the one a fresh
/// simulation would give.
#[derive(Debug, Default)]
pub struct Simulations(Mutex<HashMap<(String, String), Arc<Simulated>>>);

/// Grades the ADR Markdown `text` (from `file`): bad input is a located error.
pub fn grade(pack: &Pack, ex: &Exercise, file: &str, text: &str) -> Result<Report, GradeError> {
    grade_with(pack, ex, file, text, &Simulations::default())
}

/// [`grade`], reusing the simulations of decisions already graded.
pub fn grade_with(
    pack: &Pack,
    ex: &Exercise,
    file: &str,
    text: &str,
    simulations: &Simulations,
) -> Result<Report, GradeError> {
    let located = |e: SourceError| GradeError(e.to_string());
    let doc = Document::parse(text);
    let decision = decision::parse(file, text, &doc).map_err(located)?;
    let attached = decision::attached(&doc);
    // Attached manifests keep their line in the key: the loader's messages name it.
    let mut key = decision.block.clone();
    for (offset, yaml) in &attached {
        key.push_str(&format!("\n--- line {}\n{yaml}", line_of(text, *offset)));
    }
    let key = (ex.id.clone(), key);
    let known = simulations.0.lock().ok().and_then(|m| m.get(&key).cloned());
    let simulated = match known {
        Some(s) => s,
        None => {
            let s = Arc::new(simulate(pack, ex, file, text, &decision, &attached)?);
            if let Ok(mut m) = simulations.0.lock() {
                m.insert(key, Arc::clone(&s));
            }
            s
        }
    };
    Ok(score(pack, ex, &doc, &decision.decision, &simulated))
}

/// Lines before byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count()
}

/// The decision compiled to the chosen mesh's manifests, loaded on top of the scenario with the
/// manifests the record attaches, and every requirement checked.
fn simulate(
    pack: &Pack,
    ex: &Exercise,
    file: &str,
    text: &str,
    decision: &decision::Located,
    attached: &[(usize, &str)],
) -> Result<Simulated, GradeError> {
    let located = |e: SourceError| GradeError(e.to_string());
    let (mut sources, scenario_mesh) = scenario(pack, ex)?;
    let before = load(&sources, scenario_mesh)?;
    decision::check_references(decision, file, text, &before).map_err(located)?;
    let d = &decision.decision;
    let compiled = compile::compile(d, &before);
    sources.push(Source {
        name: format!("{file}#decision"),
        bytes: compiled.yaml.clone().into_bytes(),
    });
    // Manifests the record attaches (```yaml blocks under the decision), after the compiled
    // ones so they can replace them; padded to their place so the loader's line:column points
    // into the record.
    for (offset, yaml) in attached {
        sources.push(Source {
            name: file.to_string(),
            bytes: format!("{}{yaml}", "\n".repeat(line_of(text, *offset))).into_bytes(),
        });
    }
    let after = load(&sources, compiled.mesh.or(scenario_mesh))?;
    let mut notes = compiled.notes.clone();
    for r in &after.rejected {
        notes.push(Bilingual {
            id: format!("{} {} ditolak: {}", r.kind, r.object, r.reason),
            en: format!("{} {} rejected: {}", r.kind, r.object, r.reason),
        });
    }
    let sim = Faulty::new(after, ex.faults.clone());
    let requirements = ex
        .requirements
        .iter()
        .map(|r| check(&sim, r, d))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Simulated {
        requirements,
        notes,
        manifests: compiled.yaml,
    })
}

/// The grade: the requirements' weight held, the rubric on the record's own prose, the design,
/// the hard requirements and the pass mark.
fn score(
    pack: &Pack,
    ex: &Exercise,
    doc: &Document,
    d: &decision::Decision,
    simulated: &Simulated,
) -> Report {
    let requirements = simulated.requirements.clone();
    let broken: Vec<&str> = requirements
        .iter()
        .filter(|r| !r.held)
        .map(|r| r.name.as_str())
        .collect();
    let rubric = rubric::score(&ex.rubric, doc, &broken);
    let design_met = ex
        .design
        .as_deref()
        .is_none_or(|want| design_fits(want, d.mesh));
    let weight = |rs: &mut dyn Iterator<Item = &RequirementResult>| -> u32 {
        rs.map(|r| u32::from(r.weight)).sum()
    };
    let held = weight(&mut requirements.iter().filter(|r| r.held));
    let requirement_points = share(REQUIREMENTS_WEIGHT, held, weight(&mut requirements.iter()));
    let met: u32 = rubric
        .iter()
        .filter(|r| r.met)
        .map(|r| u32::from(r.points))
        .sum();
    let total: u32 = rubric.iter().map(|r| u32::from(r.points)).sum();
    let rubric_points = share(RUBRIC_WEIGHT, met, total);
    let pass_mark = super::grade::pass_mark(pack, ex);
    let hard_broken: Vec<String> = requirements
        .iter()
        .filter(|r| r.hard && !r.held)
        .map(|r| r.name.clone())
        .collect();
    let mut grade = if design_met {
        requirement_points + rubric_points
    } else {
        0
    };
    // A broken hard requirement fails the record whatever its other points.
    if !hard_broken.is_empty() {
        grade = grade.min(pass_mark.saturating_sub(1));
    }
    let mut feedback = Vec::new();
    if !design_met {
        let want = ex.design.clone().unwrap_or_default();
        feedback.push(Bilingual {
            id: format!("Latihan ini meminta desain `{want}`; ADR ini memilih mesh lain."),
            en: format!("This drill asks for the `{want}` design; this ADR chooses another mesh."),
        });
    }
    Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= pass_mark,
        feedback,
        probes: Vec::new(),
        expected_number: None,
        timeline: None,
        detail: Some(Detail::Adr(AdrReport {
            mesh: d.mesh,
            design: ex.design.clone(),
            design_met,
            requirements,
            rubric,
            requirement_points,
            rubric_points,
            hard_broken,
            notes: simulated.notes.clone(),
            manifests: simulated.manifests.clone(),
        })),
    }
}

/// Designs an exercise can ask for: a mesh, or a kind of mesh.
pub const DESIGNS: &[&str] = &[
    "linkerd",
    "cilium",
    "istio-sidecar",
    "istio-ambient",
    "sidecarless",
    "sidecar",
];

/// `mesh` is the `design` an exercise asks for: that mesh, or one of its kind (`sidecarless`:
/// no proxy in the application's pod).
pub fn design_fits(design: &str, mesh: Mesh) -> bool {
    match design {
        "sidecarless" => mesh.sidecarless(),
        "sidecar" => !mesh.sidecarless(),
        name => serde_json::to_value(mesh)
            .ok()
            .is_some_and(|v| v.as_str() == Some(name)),
    }
}

/// A record in one line for class reports: its decision's mesh, when the block parses.
pub fn summary(text: &str) -> String {
    let doc = Document::parse(text);
    match decision::parse("adr.md", text, &doc) {
        Ok(d) => {
            let mesh = serde_json::to_value(d.decision.mesh)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("adr: mesh = \"{mesh}\"")
        }
        Err(_) => "adr".to_string(),
    }
}

/// The exercise's manifests and mesh profile.
fn scenario(pack: &Pack, ex: &Exercise) -> Result<(Vec<Source>, Option<Profile>), GradeError> {
    let mesh = match &ex.mesh {
        None => None,
        Some(m) => Some(Profile::parse(m).ok_or_else(|| {
            GradeError(format!("exercise `{}`: unknown mesh profile `{m}`", ex.id))
        })?),
    };
    let sources = ex
        .scenario
        .iter()
        .map(|path| {
            pack.file(path)
                .map(|bytes| Source {
                    name: path.clone(),
                    bytes: bytes.to_vec(),
                })
                .ok_or_else(|| GradeError(format!("`{path}`: no such file in the pack")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((sources, mesh))
}

fn load(
    sources: &[Source],
    mesh: Option<Profile>,
) -> Result<crate::sim::model::Cluster, GradeError> {
    load::load(sources, &LoadOptions { mesh }).map_err(|e| GradeError(e.to_string()))
}

/// The pack self-test's "passed by doing nothing": every requirement that does not depend on
/// the decision (all but `rollback-within`) already holds on the scenario as it is.
pub fn holds_without_decision(pack: &Pack, ex: &Exercise) -> Result<bool, GradeError> {
    let (sources, mesh) = scenario(pack, ex)?;
    let sim = Faulty::new(load(&sources, mesh)?, ex.faults.clone());
    for r in &ex.requirements {
        if matches!(r.check, Invariant::RollbackWithin { .. }) {
            continue;
        }
        let outcome = r
            .check
            .check(&sim)
            .map_err(|e| GradeError(format!("requirement `{}`: {e}", r.name)))?;
        if !outcome.held {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `weight × part / whole`, rounded; a whole of 0 gives the full weight.
fn share(weight: u32, part: u32, whole: u32) -> u8 {
    if whole == 0 {
        return weight as u8;
    }
    ((weight * part * 2 + whole) / (whole * 2)).min(weight) as u8
}

fn check(
    sim: &Faulty,
    r: &Requirement,
    d: &decision::Decision,
) -> Result<RequirementResult, GradeError> {
    let invariant = match (&r.check, d.rollback) {
        (Invariant::RollbackWithin { .. }, None) => {
            return Ok(RequirementResult {
                name: r.name.clone(),
                label: r.label.clone(),
                invariant: r.check.describe(),
                held: false,
                observed: "the decision names no `rollback`".to_string(),
                misses: Vec::new(),
                weight: r.weight,
                hard: r.hard,
                stopped_at: None,
                stopped_hop: None,
                why: r.why.clone(),
            });
        }
        (
            Invariant::RollbackWithin {
                namespace, minutes, ..
            },
            Some(action),
        ) => Invariant::RollbackWithin {
            action,
            namespace: namespace.clone(),
            minutes: *minutes,
        },
        (other, _) => other.clone(),
    };
    judge(sim, r, &invariant)
}

/// Checks one requirement's invariant (its `rollback-within` action already settled) with the
/// meaning a probe's `expect` has: shared by ADR and manifest drills.
pub(crate) fn judge(
    sim: &Faulty,
    r: &Requirement,
    invariant: &Invariant,
) -> Result<RequirementResult, GradeError> {
    let outcome = invariant
        .check(sim)
        .map_err(|e| GradeError(format!("requirement `{}`: {e}", r.name)))?;
    // `allowed` and `denied` mean what a probe's `expect` means, so a drill and an ADR judge the
    // same answer alike; the exact expectations read the request that decided.
    let exact = r.exact();
    let verdict = match &r.check {
        Invariant::Allowed { .. } => Some(Expect::Allowed),
        Invariant::Denied { .. } => Some(Expect::Denied),
        _ => None,
    };
    let (verdict_held, misses) = match &outcome.probe {
        Some(p) => (
            verdict.is_none_or(|v| expectation::verdict_holds(v, &exact, p)),
            expectation::exact_misses(&exact, p),
        ),
        None => (true, Vec::new()),
    };
    let held = match verdict {
        Some(_) => verdict_held,
        None => outcome.held,
    } && misses.is_empty();
    let stopped_hop = outcome
        .probe
        .as_ref()
        .filter(|_| !held)
        .and_then(|p| p.hops.last())
        .cloned();
    let stopped_at = stopped_hop
        .as_ref()
        .map(|h| format!("{}: {} ({})", h.component, h.decision, h.reason));
    Ok(RequirementResult {
        name: r.name.clone(),
        label: r.label.clone(),
        invariant: outcome.invariant,
        held,
        observed: outcome.observed,
        misses,
        weight: r.weight,
        hard: r.hard,
        stopped_at,
        stopped_hop,
        why: r.why.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linkerd() -> (Pack, Exercise, String) {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("adr-linkerd").unwrap().clone();
        let text =
            String::from_utf8(pack.file("answers/adr-linkerd.md").unwrap().to_vec()).unwrap();
        (pack, ex, text)
    }

    fn adr(r: &Report) -> &AdrReport {
        r.adr().expect("an ADR report")
    }

    /// The reference with STRICT turned PERMISSIVE: one requirement breaks (a plaintext client
    /// gets in), and the record still passes on its other points, until the author weighs that
    /// requirement more or makes it hard.
    #[test]
    fn weights_and_hard_requirements_are_the_authors() {
        let (pack, mut ex, text) = linkerd();
        let permissive = text.replace("mtls = \"strict\"", "mtls = \"permissive\"");
        let r = grade(&pack, &ex, "adr.md", &permissive).unwrap();
        let broken: Vec<&str> = adr(&r)
            .requirements
            .iter()
            .filter(|r| !r.held)
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(broken, ["plaintext-refused"]);
        assert!(r.passed && r.grade >= 90, "{}", r.grade);
        let req = ex
            .requirements
            .iter_mut()
            .find(|r| r.name == "plaintext-refused")
            .unwrap();
        req.weight = 12;
        let weighed = grade(&pack, &ex, "adr.md", &permissive).unwrap();
        assert_eq!(
            adr(&weighed).requirement_points,
            33,
            "70 × 11 of 23 weight held"
        );
        let req = ex
            .requirements
            .iter_mut()
            .find(|r| r.name == "plaintext-refused")
            .unwrap();
        req.weight = 1;
        req.hard = true;
        let hard = grade(&pack, &ex, "adr.md", &permissive).unwrap();
        assert_eq!((hard.grade, hard.passed), (59, false));
        assert_eq!(adr(&hard).hard_broken, ["plaintext-refused"]);
        assert_eq!(grade(&pack, &ex, "adr.md", &text).unwrap().grade, 100);
    }

    /// Records that share a decision share its simulation; their prose is scored each on its
    /// own.
    #[test]
    fn a_decision_is_simulated_once_per_class() {
        let (pack, ex, text) = linkerd();
        let sims = Simulations::default();
        let terse = text.replacen("## Context\n", "## Context\n\nShort.\n", 1);
        let first = grade_with(&pack, &ex, "a.md", &text, &sims).unwrap();
        let second = grade_with(&pack, &ex, "b.md", &terse, &sims).unwrap();
        assert_eq!(sims.0.lock().unwrap().len(), 1);
        let held = |r: &Report| {
            adr(r)
                .requirements
                .iter()
                .map(|q| q.held)
                .collect::<Vec<_>>()
        };
        assert_eq!(held(&first), held(&second));
        assert_eq!(first.grade, grade(&pack, &ex, "a.md", &text).unwrap().grade);
        let other = text.replace("weight = 10", "weight = 20");
        let third = grade_with(&pack, &ex, "c.md", &other, &sims).unwrap();
        assert_eq!(sims.0.lock().unwrap().len(), 2);
        assert!(
            third.grade < first.grade,
            "the canary share requirement breaks"
        );
    }

    #[test]
    fn a_design_can_be_a_kind_of_mesh() {
        let (pack, mut ex, text) = linkerd();
        ex.design = Some("sidecarless".into());
        let r = grade(&pack, &ex, "adr.md", &text).unwrap();
        assert_eq!(r.grade, 0);
        assert!(!adr(&r).design_met);
        ex.design = Some("sidecar".into());
        assert_eq!(grade(&pack, &ex, "adr.md", &text).unwrap().grade, 100);
        assert!(
            design_fits("sidecarless", Mesh::IstioAmbient) && design_fits("cilium", Mesh::Cilium)
        );
        assert!(!design_fits("sidecarless", Mesh::IstioSidecar));
    }

    #[test]
    fn the_decision_says_sidecarless_only_truthfully() {
        let (pack, ex, text) = linkerd();
        let claim = text.replace(
            "mesh = \"linkerd\"\n",
            "mesh = \"linkerd\"\nsidecarless = true\n",
        );
        let err = grade(&pack, &ex, "adr.md", &claim).unwrap_err();
        let line = claim
            .lines()
            .position(|l| l.starts_with("sidecarless"))
            .unwrap()
            + 1;
        assert!(err.0.starts_with(&format!("adr.md:{line}:")), "{err}");
        let honest = text.replace(
            "mesh = \"linkerd\"\n",
            "mesh = \"linkerd\"\nsidecarless = false\n",
        );
        assert_eq!(grade(&pack, &ex, "adr.md", &honest).unwrap().grade, 100);
    }

    /// A ```yaml block under the decision is loaded on top of the compiled manifests; the
    /// loader's errors point into the record.
    #[test]
    fn attached_manifests_are_simulated_and_located() {
        let (pack, ex, text) = linkerd();
        let deny = "```yaml\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ledger-closed\n  namespace: ledger\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n```\n\n## Scope";
        let closed = text.replacen("## Scope", deny, 1);
        let r = grade(&pack, &ex, "adr.md", &closed).unwrap();
        let broken: Vec<&str> = adr(&r)
            .requirements
            .iter()
            .filter(|r| !r.held)
            .map(|r| r.name.as_str())
            .collect();
        assert!(broken.contains(&"payment-writes-ledger"), "{broken:?}");
        let bad = text.replacen("## Scope", "```yaml\nkind: [unclosed\n```\n\n## Scope", 1);
        let err = grade(&pack, &ex, "adr.md", &bad).unwrap_err();
        let line = bad
            .lines()
            .position(|l| l.starts_with("kind: [unclosed"))
            .unwrap()
            + 1;
        assert!(
            err.0.contains(&format!("adr.md:{line}:"))
                || err.0.contains(&format!("adr.md:{}:", line + 1)),
            "{err}"
        );
    }

    #[test]
    fn shares_round_and_cap() {
        assert_eq!(share(70, 12, 12), 70);
        assert_eq!(share(70, 10, 12), 58);
        assert_eq!(share(30, 0, 20), 0);
        assert_eq!(share(30, 19, 20), 29);
        assert_eq!(share(30, 0, 0), 30);
    }
}
