//! Mesh selection from weighted requirements (lesson 11.1). Each requirement is written as
//! simulator checks (invariants, and "no sidecar" from the pod inventory); the engine runs every
//! check under every candidate mesh profile, adds up the weights of the requirements that held,
//! and grades the learner's pick against the best score.
//!
//! The rule: the pick with the top score gets 100; a pick within a fifth of the top score
//! (`score × 5 ≥ top × 4`) gets [`NEAR_CREDIT`], because the requirements barely tell it apart
//! from the best; anything else gets 0.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Answer, Exercise, ProbeSpec};
use super::grade::{self, Detail, GradeError, PASS_MARK, Report};
use super::pack::{KindProblem, Pack};
use crate::i18n::{Bilingual, Lang, Msg, trace};
use crate::sim::eval::probe::outcome_name;
use crate::sim::model::Cluster;
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::fault::Fault;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::invariant::Invariant;
use crate::sim::scenario::run;
use unicode_width::UnicodeWidthStr;

/// The grade for a pick whose score is near the top but not at it (below the pass mark: the
/// learner earns credit for a defensible pick, not a pass).
pub const NEAR_CREDIT: u8 = 50;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub requirements: Vec<Requirement>,
}

/// One row of the lesson's 11.1 table, as something the simulator can check.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub label: Bilingual,
    /// 1 to 5 (the lesson's Medium ≈ 2, High ≈ 3).
    pub weight: u8,
    /// Manifests (relative to the pack root) added to the scenario for this requirement's checks.
    #[serde(default)]
    pub apply: Vec<String>,
    /// Faults this requirement's checks run under (e.g. a node agent crash).
    #[serde(default)]
    pub faults: Vec<Fault>,
    /// What must hold, in the simulator's invariants.
    #[serde(default)]
    pub invariants: Vec<Invariant>,
    /// Requests that must be served (`expect = "allowed"`) or refused, as in drill probes. The
    /// `allowed` invariant reads only the policy verdict; a probe also fails on a reset.
    #[serde(default)]
    pub probes: Vec<ProbeSpec>,
    /// Namespaces where no pod may carry a sidecar container (READY 1/1 in the inventory).
    #[serde(default)]
    pub sidecarless: Vec<String>,
}

/// The score table: requirement × mesh, what held under each profile.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Candidate meshes (the choice ids), in the exercise's order.
    pub meshes: Vec<String>,
    pub rows: Vec<Row>,
    /// Weighted score per mesh, same order as `meshes`.
    pub scores: Vec<u32>,
    pub top: u32,
    pub chosen: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub label: Bilingual,
    pub weight: u8,
    /// One per mesh, same order as `Table::meshes`.
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub held: bool,
    /// What each check observed, e.g. `encrypted(… → …): allowed (HTTP 200), plaintext`.
    pub observed: Vec<String>,
}

pub fn grade(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let choice = grade::chosen(ex, answer)?;
    let table = score_table(pack, ex, &choice.id)?;
    let pick = table
        .meshes
        .iter()
        .position(|m| *m == choice.id)
        .map_or(0, |i| table.scores[i]);
    let grade = credit(pick, table.top);
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: vec![choice.feedback.clone()],
        probes: Vec::new(),
        expected_number: None,
        timeline: None,
        detail: Some(Detail::Selection(table)),
    })
}

/// The score table and what broke under each mesh, as report lines.
pub fn lines(t: &Table, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    // Columns as wide as their widest cell, two spaces apart.
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    let first = std::iter::once(Msg::Requirement.text(lang).into())
        .chain(t.rows.iter().map(|r| r.label.get(lang)))
        .map(|s| s.width())
        .max()
        .unwrap_or(0);
    let weight = Msg::Weight.text(lang).width();
    let row = |label: &str, weight_cell: &str, cells: Vec<String>| {
        let mut line = format!("{}  {}", pad(label, first), pad(weight_cell, weight));
        for (m, c) in t.meshes.iter().zip(cells) {
            line.push_str(&format!("  {}", pad(&c, m.width())));
        }
        line.trim_end().to_string()
    };
    out.push(row(
        Msg::Requirement.text(lang),
        Msg::Weight.text(lang),
        t.meshes.clone(),
    ));
    for r in &t.rows {
        let marks = r
            .cells
            .iter()
            .map(|c| if c.held { "✓" } else { "✗" }.to_string())
            .collect();
        out.push(row(&r.label.get(lang), &r.weight.to_string(), marks));
    }
    out.push(row(
        Msg::Score.text(lang),
        "",
        t.scores.iter().map(u32::to_string).collect(),
    ));
    let pick = t.meshes.iter().position(|m| *m == t.chosen);
    let best: Vec<&str> = t
        .meshes
        .iter()
        .zip(&t.scores)
        .filter(|(_, s)| **s == t.top)
        .map(|(m, _)| m.as_str())
        .collect();
    out.push(Msg::SelectionPick.fill(
        lang,
        &[
            &t.chosen,
            &pick.map_or(0, |i| t.scores[i]).to_string(),
            &t.top.to_string(),
            &best.join(", "),
        ],
    ));
    for row in &t.rows {
        for (m, c) in t.meshes.iter().zip(&row.cells) {
            if !c.held {
                let observed: Vec<_> = c
                    .observed
                    .iter()
                    .map(|o| trace::localize_labeled(o, lang))
                    .collect();
                out.push(format!("  ✗ {} · {m}: {}", row.id, observed.join("; ")));
            }
        }
    }
    out
}

/// Every candidate has the top score: the requirements do not tell the meshes apart, so any
/// pick gets 100.
pub fn every_pick_passes(pack: &Pack, ex: &Exercise) -> Result<bool, GradeError> {
    let Some(first) = ex.choices.first() else {
        return Ok(false);
    };
    let t = score_table(pack, ex, &first.id)?;
    Ok(t.scores.iter().all(|s| *s == t.top))
}

/// 100 for the top score, [`NEAR_CREDIT`] within a fifth of it, else 0.
pub fn credit(score: u32, top: u32) -> u8 {
    if score >= top {
        100
    } else if score * 5 >= top * 4 {
        NEAR_CREDIT
    } else {
        0
    }
}

/// Runs every requirement's checks under every candidate mesh (each choice id is a profile).
pub fn score_table(pack: &Pack, ex: &Exercise, chosen: &str) -> Result<Table, GradeError> {
    let spec = ex
        .selection
        .as_ref()
        .ok_or_else(|| GradeError(format!("exercise `{}` has no [selection]", ex.id)))?;
    let meshes: Vec<String> = ex.choices.iter().map(|c| c.id.clone()).collect();
    let mut rows = Vec::new();
    let mut clusters = Clusters::default();
    for req in &spec.requirements {
        let cells = meshes
            .iter()
            .map(|mesh| check(pack, ex, req, mesh, &mut clusters))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(Row {
            id: req.id.clone(),
            label: req.label.clone(),
            weight: req.weight,
            cells,
        });
    }
    let scores: Vec<u32> = (0..meshes.len())
        .map(|i| {
            rows.iter()
                .filter(|r| r.cells[i].held)
                .map(|r| u32::from(r.weight))
                .sum()
        })
        .collect();
    let top = scores.iter().copied().max().unwrap_or(0);
    Ok(Table {
        meshes,
        rows,
        scores,
        top,
        chosen: chosen.to_string(),
    })
}

/// Clusters already loaded, by mesh and added manifests: requirements often share them, and
/// loading (parsing and resolving every manifest) is most of a check's cost.
#[derive(Default)]
struct Clusters(Vec<((String, Vec<String>), Cluster)>);

impl Clusters {
    fn get(
        &mut self,
        pack: &Pack,
        ex: &Exercise,
        mesh: &str,
        apply: &[String],
    ) -> Result<Cluster, GradeError> {
        let key = (mesh.to_string(), apply.to_vec());
        if let Some((_, c)) = self.0.iter().find(|(k, _)| *k == key) {
            return Ok(c.clone());
        }
        let mut under = ex.clone();
        under.mesh = Some(mesh.to_string());
        under.faults = Vec::new();
        let cluster = grade::load(pack, &under, apply, &[])?.cluster;
        self.0.push((key, cluster.clone()));
        Ok(cluster)
    }
}

/// One requirement under one mesh: the scenario plus the requirement's manifests and faults,
/// with `mesh` enrolling every namespace whose labels say nothing else.
fn check(
    pack: &Pack,
    ex: &Exercise,
    req: &Requirement,
    mesh: &str,
    clusters: &mut Clusters,
) -> Result<Cell, GradeError> {
    let profile = Profile::parse(mesh)
        .ok_or_else(|| GradeError(format!("choice `{mesh}` is not a mesh profile")))?;
    let cluster = clusters.get(pack, ex, &profile.to_string(), &req.apply)?;
    let sim = Faulty::new(cluster, req.faults.clone());
    let mut held = true;
    let mut observed = Vec::new();
    for inv in &req.invariants {
        let out = inv
            .check(&sim)
            .map_err(|e| GradeError(format!("requirement `{}`: {e}", req.id)))?;
        held &= out.held;
        observed.push(format!("{}: {}", out.invariant, out.observed));
    }
    for spec in &req.probes {
        let result = sim.probe(&grade::to_probe(spec)).map_err(|e| {
            GradeError(format!(
                "requirement `{}`: probe `{}`: {e}",
                req.id, spec.name
            ))
        })?;
        let p = grade::report_probe(spec, result, None, None);
        held &= p.held;
        let answer = p.status.map_or_else(
            || outcome_name(p.outcome).to_string(),
            |s| format!("HTTP {s}"),
        );
        let served = if p.served { "served" } else { "refused" };
        observed.push(format!("{}: {served} ({answer})", p.name));
    }
    let pods = run::inventory(&sim);
    for ns in &req.sidecarless {
        let with_sidecar: Vec<String> = pods
            .iter()
            .filter(|p| &p.namespace == ns && !p.ready.ends_with("/1"))
            .map(|p| format!("{}/{} {}", p.namespace, p.name, p.ready))
            .collect();
        held &= with_sidecar.is_empty();
        observed.push(if with_sidecar.is_empty() {
            format!("no sidecar in {ns}")
        } else {
            format!("sidecars: {}", with_sidecar.join(", "))
        });
    }
    Ok(Cell { held, observed })
}

/// What makes a selection drill unusable whatever the answer, as (text to point at, message).
pub fn problems(ex: &Exercise) -> Vec<KindProblem> {
    let mut out = Vec::new();
    match &ex.selection {
        None => out.push(("kind", Msg::SelectionMissing, vec![])),
        Some(spec) => {
            if spec.requirements.is_empty() {
                out.push(("selection", Msg::SelectionNoRequirement, vec![]));
            }
            for r in &spec.requirements {
                if !(1..=5).contains(&r.weight) {
                    out.push(("weight", Msg::SelectionWeight, vec![r.id.clone()]));
                }
                if r.invariants.is_empty() && r.probes.is_empty() && r.sidecarless.is_empty() {
                    out.push((
                        "requirements",
                        Msg::SelectionChecksNothing,
                        vec![r.id.clone()],
                    ));
                }
            }
        }
    }
    if ex.choices.len() < 2 {
        out.push(("choices", Msg::SelectionTwoMeshes, vec![]));
    }
    for c in &ex.choices {
        if Profile::parse(&c.id).is_none() {
            let meshes = Profile::ALL.join(", ");
            out.push((
                "choices",
                Msg::SelectionNotAMesh,
                vec![c.id.clone(), meshes],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_means_within_a_fifth_of_the_top() {
        assert_eq!(credit(10, 10), 100);
        assert_eq!(credit(8, 10), NEAR_CREDIT);
        assert_eq!(credit(7, 10), 0);
        assert_eq!(credit(0, 0), 100);
    }

    fn builtin(id: &str) -> (Pack, Exercise) {
        let pack = Pack::builtin().expect("the built-in pack loads");
        let ex = pack.exercise(id).expect("the drill exists").clone();
        (pack, ex)
    }

    #[test]
    fn the_score_table_comes_from_running_each_mesh() {
        let (pack, ex) = builtin("sel-platform-sidecarless");
        let t = score_table(&pack, &ex, "cilium").unwrap();
        assert_eq!(
            t.meshes,
            ["linkerd", "cilium", "istio-sidecar", "istio-ambient"]
        );
        assert_eq!(t.scores, [3, 10, 3, 8]);
        assert_eq!(t.top, 10);
        let row = |id: &str| t.rows.iter().find(|r| r.id == id).unwrap();
        // Only Hubble records a NetworkPolicy drop; the sidecars show in the inventory.
        let flows = row("flow-observability");
        assert!(flows.cells[1].held && !flows.cells[3].held);
        assert!(flows.cells[3].observed[0].contains("nothing records the drop"));
        assert!(row("sidecarless").cells[0].observed[0].contains("2/2"));
        // Cilium sends checkout → payment in the clear.
        assert!(row("automatic-mtls").cells[1].observed[0].contains("plaintext"));
    }

    #[test]
    fn other_weights_pick_another_mesh_and_grade_by_the_rule() {
        let (pack, ex) = builtin("sel-regulated-l7");
        let t = score_table(&pack, &ex, "istio-sidecar").unwrap();
        assert_eq!(t.scores, [5, 4, 8, 4]);
        let answer = |m: &str| Answer {
            choice: Some(m.into()),
            ..Answer::default()
        };
        assert_eq!(
            grade(&pack, &ex, &answer("istio-sidecar")).unwrap().grade,
            100
        );
        assert_eq!(grade(&pack, &ex, &answer("linkerd")).unwrap().grade, 0);
        let (pack, ex) = builtin("sel-platform-sidecarless");
        assert_eq!(
            grade(&pack, &ex, &answer("istio-ambient")).unwrap().grade,
            NEAR_CREDIT
        );
        assert!(grade(&pack, &ex, &answer("kuma")).is_err());
    }

    #[test]
    fn requirements_that_every_mesh_meets_test_nothing() {
        let (pack, mut ex) = builtin("sel-platform-sidecarless");
        assert!(!every_pick_passes(&pack, &ex).unwrap());
        // NetworkPolicy enforcement alone holds under every profile.
        if let Some(spec) = ex.selection.as_mut() {
            spec.requirements.retain(|r| r.id == "networkpolicy");
        }
        assert!(every_pick_passes(&pack, &ex).unwrap());
    }
}
