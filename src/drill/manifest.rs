//! Manifest drills: the learner writes the real manifests (multi-document YAML, any kind the
//! simulator models) that make a requirement hold on the drill's cluster. The grader loads them
//! on top of the scenario with the scenario's own loader, so the loader's warnings and
//! rejections name the learner's file at `line:column`, and runs every probe and requirement
//! twice: on the scenario as it is and with the answer applied.
//!
//! A check that failed before is a goal; one that held before is a guard ("nothing else
//! changes"). The grade is partial credit per check: 100 × (goals now held − guards now broken)
//! / goals, never below 0. Doing nothing scores 0, and so does a deny-all that meets the goals
//! by breaking as many guards.

use serde::Serialize;

use super::adr::RequirementResult;
use super::exercise::Exercise;
use super::grade::{self, Detail, GradeError, Report};
use super::pack::Pack;
use crate::i18n::{Bilingual, Lang, Msg};
use crate::sim::load::Source;
use crate::sim::load::yaml::{self, Node};
use crate::sim::scenario::faulty::Faulty;

#[derive(Clone, Debug, Serialize)]
pub struct ManifestReport {
    /// The objects the answer holds, `Kind NS/NAME`, in the order written.
    pub objects: Vec<String>,
    /// What the loader said about the answer's own objects, at their place in its file.
    pub diagnostics: Vec<Diagnostic>,
    /// For each probe of the report, in order: it held on the scenario before the answer.
    pub held_before: Vec<bool>,
    /// The exercise's requirements (simulator invariants) with the answer applied.
    pub requirements: Vec<RequirementResult>,
    /// For each requirement, in order: it held before the answer.
    pub requirements_before: Vec<bool>,
    /// Checks that failed before the answer.
    pub goals: usize,
    /// Of those, the ones that hold now.
    pub goals_met: usize,
    /// Checks that held before the answer and fail with it: collateral damage.
    pub collateral: Vec<String>,
}

/// One warning or rejection of the loader about the learner's file.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    /// `file:line:column`.
    pub at: String,
    pub rejected: bool,
    /// The loader's words, without the position.
    pub message: String,
}

impl ManifestReport {
    /// The probe at `index` held before and breaks now.
    pub fn is_collateral(&self, index: usize, held_now: bool) -> bool {
        !held_now && self.held_before.get(index).copied().unwrap_or(false)
    }
}

/// Grades the manifests `text` (from `file`, the name the loader's positions use). A file the
/// loader cannot read (bad YAML, not a manifest) is a located error, not a grade.
pub fn grade(pack: &Pack, ex: &Exercise, file: &str, text: &str) -> Result<Report, GradeError> {
    let before = grade::load(pack, ex, &[], &[])?;
    let answer = Source {
        name: file.to_string(),
        bytes: text.as_bytes().to_vec(),
    };
    let after = grade::load_with(pack, ex, &[], &[], Some(answer))?;
    let probes_before = probes_held(ex, &before)?;
    let mut probes = Vec::new();
    for spec in &ex.probes {
        let result = after
            .probe(&grade::to_probe(spec))
            .map_err(|e| GradeError(format!("probe `{}`: {e}", spec.name)))?;
        probes.push(grade::report_probe(spec, result, None, None));
    }
    let requirements_before = requirements(ex, &before)?
        .iter()
        .map(|r| r.held)
        .collect::<Vec<_>>();
    let requirements = requirements(ex, &after)?;
    let checks = probes
        .iter()
        .map(|p| (p.name.as_str(), p.held))
        .chain(requirements.iter().map(|r| (r.name.as_str(), r.held)));
    let was = probes_before.iter().chain(&requirements_before);
    let (mut goals, mut goals_met, mut collateral) = (0, 0, Vec::new());
    for ((name, now), &before) in checks.zip(was) {
        match (before, now) {
            (false, held) => {
                goals += 1;
                goals_met += usize::from(held);
            }
            (true, false) => collateral.push(name.to_string()),
            (true, true) => {}
        }
    }
    let grade = score(goals, goals_met, collateral.len());
    let detail = ManifestReport {
        objects: objects(text),
        diagnostics: diagnostics(&after, file),
        held_before: probes_before,
        requirements,
        requirements_before,
        goals,
        goals_met,
        collateral,
    };
    let mut report = Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= grade::pass_mark(pack, ex),
        feedback: Vec::new(),
        probes,
        expected_number: None,
        timeline: None,
        detail: Some(Detail::Manifest(detail)),
    };
    if grade < 100 {
        let broken = broken_requirements(&report);
        let extra: Vec<Bilingual> = grade::feedback_for(ex, &Default::default(), &report)
            .chain(
                ex.feedback
                    .iter()
                    .filter(|f| f.probe.as_ref().is_some_and(|p| broken.contains(p)))
                    .map(|f| &f.text),
            )
            .cloned()
            .collect();
        report.feedback.extend(extra);
    }
    Ok(report)
}

/// 100 × (goals met − guards broken) / goals, rounded, never below 0; with no goal, 100 unless
/// something broke.
pub fn score(goals: usize, met: usize, broken: usize) -> u8 {
    if goals == 0 {
        return if broken == 0 { 100 } else { 0 };
    }
    let earned = met.saturating_sub(broken);
    ((earned * 200 + goals) / (goals * 2)).min(100) as u8
}

/// Which of the exercise's probes hold on `sim`.
fn probes_held(ex: &Exercise, sim: &Faulty) -> Result<Vec<bool>, GradeError> {
    ex.probes
        .iter()
        .map(|spec| {
            let result = sim
                .probe(&grade::to_probe(spec))
                .map_err(|e| GradeError(format!("probe `{}`: {e}", spec.name)))?;
            Ok(grade::report_probe(spec, result, None, None).held)
        })
        .collect()
}

fn requirements(ex: &Exercise, sim: &Faulty) -> Result<Vec<RequirementResult>, GradeError> {
    ex.requirements
        .iter()
        .map(|r| super::adr::judge(sim, r, &r.check))
        .collect()
}

/// The names of the requirements that broke with the answer (probes are matched by the
/// shared feedback rule).
fn broken_requirements(report: &Report) -> Vec<String> {
    match &report.detail {
        Some(Detail::Manifest(m)) => m
            .requirements
            .iter()
            .filter(|r| !r.held)
            .map(|r| r.name.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// The pack self-test's "passed by doing nothing": every check already holds on the scenario.
pub fn holds_without_answer(pack: &Pack, ex: &Exercise) -> Result<bool, GradeError> {
    let sim = grade::load(pack, ex, &[], &[])?;
    Ok(probes_held(ex, &sim)?.iter().all(|h| *h) && requirements(ex, &sim)?.iter().all(|r| r.held))
}

/// The loader's warnings and rejections about objects of `file` (the scenario's own are the
/// drill's business, not the learner's).
fn diagnostics(sim: &Faulty, file: &str) -> Vec<Diagnostic> {
    let warnings = sim
        .cluster
        .warnings
        .iter()
        .filter(|w| w.at.file == file)
        .map(|w| Diagnostic {
            at: w.at.to_string(),
            rejected: false,
            message: w.message(),
        });
    let rejected = sim
        .cluster
        .rejected
        .iter()
        .filter(|r| r.at.file == file)
        .map(|r| Diagnostic {
            at: r.at.to_string(),
            rejected: true,
            message: format!("{} {}: {}", r.kind, r.object, r.reason),
        });
    rejected.chain(warnings).collect()
}

/// The skeleton a learner starts from: the drill's title and how to grade as YAML comments,
/// then the pack's starter file (itself mostly comments and the objects' outline).
pub fn starter(pack: &Pack, ex: &Exercise, lang: Lang) -> String {
    let grade = format!("meshlab grade {0} --answer {0}.yaml", ex.id);
    let mut text = format!(
        "# {}\n# {}\n",
        ex.title.get(lang),
        Msg::ManifestStarterNote.fill(lang, &[&grade])
    );
    let skeleton = ex
        .starter
        .as_deref()
        .and_then(|p| pack.file(p))
        .and_then(|b| std::str::from_utf8(b).ok());
    if let Some(skeleton) = skeleton {
        text.push_str(skeleton);
    }
    text
}

/// `Kind NS/NAME` of every object in `text` (nothing when it does not parse: the loader has
/// already said where).
pub fn objects(text: &str) -> Vec<String> {
    let Ok(docs) = yaml::parse_documents(text) else {
        return Vec::new();
    };
    docs.iter().filter_map(object).collect()
}

fn object(doc: &Node) -> Option<String> {
    let kind = doc.get("kind")?.as_str()?;
    let meta = doc.get("metadata");
    let field = |k: &str| meta.and_then(|m| m.get(k)).and_then(Node::as_str);
    let name = field("name").unwrap_or("?");
    Some(match field("namespace") {
        Some(ns) => format!("{kind} {ns}/{name}"),
        None => format!("{kind} {name}"),
    })
}

/// An answer in one line for class reports: its objects.
pub fn summary(text: &str) -> String {
    let objects = objects(text);
    if objects.is_empty() {
        "manifest: (none)".to_string()
    } else {
        format!("manifest: {}", objects.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collateral_damage_costs_a_goal_and_nothing_scores_nothing() {
        assert_eq!(score(2, 2, 0), 100);
        assert_eq!(score(2, 1, 0), 50);
        assert_eq!(score(3, 2, 0), 67);
        assert_eq!(score(2, 2, 1), 50);
        assert_eq!(
            score(2, 2, 3),
            0,
            "a deny-all meets the goals by breaking more"
        );
        assert_eq!(score(2, 0, 0), 0, "doing nothing");
        assert_eq!(score(0, 0, 0), 100);
        assert_eq!(score(0, 0, 1), 0);
    }

    /// Doing nothing passes no built-in drill; a drill left with only its guards would.
    #[test]
    fn a_drill_whose_checks_all_hold_already_tests_nothing() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("mf-linkerd-server-authz").unwrap().clone();
        assert!(!holds_without_answer(&pack, &ex).unwrap());
        let mut guards_only = ex.clone();
        guards_only
            .probes
            .retain(|p| p.expect == super::super::exercise::Expect::Allowed);
        assert!(holds_without_answer(&pack, &guards_only).unwrap());
        // The requirement counts as a check: before the answer it holds (a guard).
        let reference =
            std::str::from_utf8(pack.file("answers/mf-linkerd-server-authz.yaml").unwrap())
                .unwrap();
        let r = grade(&pack, &ex, "a.yaml", reference).unwrap();
        let m = r.manifest().unwrap();
        assert_eq!(m.requirements_before, [true]);
        assert!(m.requirements.iter().all(|q| q.held));
        assert_eq!((m.goals, m.goals_met, r.grade), (2, 2, 100));
    }

    #[test]
    fn objects_are_named_as_kubectl_names_them() {
        let text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n\
                    apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\n";
        assert_eq!(objects(text), ["Namespace shop", "NetworkPolicy shop/deny"]);
        assert_eq!(summary("# only comments\n"), "manifest: (none)");
    }
}
