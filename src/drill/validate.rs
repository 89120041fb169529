//! The pack self-test: every known answer grades as declared, and no exercise is passed by
//! doing nothing.

use super::exercise::{Answer, Exercise, Kind};
use super::grade::{self, GradeError};
use super::pack::Pack;
use crate::i18n::{Lang, Msg};
use crate::sim::scenario::intent::Intent;

/// One problem found by the self-test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The exercise's file in the pack.
    pub file: String,
    pub exercise: String,
    pub msg: Msg,
    pub args: Vec<String>,
}

impl Problem {
    /// `file: exercise: message`, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let message = self.msg.fill(lang, &args);
        format!("{}: {}: {message}", self.file, self.exercise)
    }
}

/// Grades every check of every exercise; returns what did not grade as declared.
pub fn self_test(pack: &Pack) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (ex, file) in pack.exercises.iter().zip(&pack.exercise_files) {
        let mut problem = |msg: Msg, args: Vec<String>| {
            problems.push(Problem {
                file: file.clone(),
                exercise: ex.id.clone(),
                msg,
                args,
            })
        };
        for check in &ex.checks {
            let answer = describe(&check.answer);
            match grade::grade(pack, ex, &check.answer) {
                Ok(report) if report.grade == check.grade => {}
                Ok(report) => {
                    let grades = vec![answer, check.grade.to_string(), report.grade.to_string()];
                    match broken_probes(&report) {
                        None => problem(Msg::SelfTestWrongGrade, grades),
                        Some(broken) => {
                            problem(Msg::SelfTestProbesBroke, [grades, vec![broken]].concat())
                        }
                    }
                }
                Err(GradeError(e)) => problem(Msg::SelfTestCannotGrade, vec![answer, e]),
            }
        }
        match passes_by_doing_nothing(pack, ex) {
            Ok(true) => problem(Msg::SelfTestTestsNothing, Vec::new()),
            Ok(false) => {}
            // The grading engine's own words.
            Err(GradeError(e)) => problem(Msg::Verbatim, vec![e]),
        }
    }
    problems
}

/// Runs the probes with an empty policy (enforcement points) or on the unfixed scenario
/// (diagnose), the requirements on the scenario without a decision (ADR), grades the phases in
/// their listed order (adoption), or scores every mesh (selection); retry drills have no such
/// state.
fn passes_by_doing_nothing(pack: &Pack, ex: &Exercise) -> Result<bool, GradeError> {
    if ex.kind == Kind::Adr {
        return super::adr::holds_without_decision(pack, ex);
    }
    let Some(first) = ex.choices.first() else {
        return Ok(false);
    };
    match ex.kind {
        Kind::EnforcementPoint => {
            let mut empty = ex.clone();
            empty.policy = Some(Intent::default());
            let answer = Answer {
                choice: Some(first.id.clone()),
                ..Answer::default()
            };
            let report = grade::grade(pack, &empty, &answer)?;
            Ok(report.probes.iter().all(|p| p.held))
        }
        Kind::Diagnose => {
            let mut unfixed = ex.clone();
            for fix in &mut unfixed.fixes {
                fix.apply.clear();
                fix.clears.clear();
            }
            let answer = Answer {
                choice: Some(first.id.clone()),
                fix: unfixed.fixes.first().map(|f| f.id.clone()),
                ..Answer::default()
            };
            let report = grade::grade(pack, &unfixed, &answer)?;
            Ok(report.probes.iter().all(|p| p.held))
        }
        // The phases as listed are the order a learner submits without moving anything.
        Kind::AdoptionOrder => super::adoption::listed_order_passes(pack, ex),
        // Every mesh scoring the same means any pick passes.
        Kind::MeshSelection => super::selection::every_pick_passes(pack, ex),
        // An audit has no empty answer to try.
        // ADR drills are checked above.
        Kind::RetryBudget | Kind::Audit | Kind::Adr => Ok(false),
    }
}

fn describe(answer: &Answer) -> String {
    toml::to_string(answer)
        .map(|s| format!("{{ {} }}", s.trim().replace('\n', ", ")))
        .unwrap_or_default()
}

/// The names of the probes that broke, if any did.
fn broken_probes(report: &grade::Report) -> Option<String> {
    let broken: Vec<&str> = report
        .probes
        .iter()
        .filter(|p| !p.held)
        .map(|p| p.name.as_str())
        .collect();
    (!broken.is_empty()).then(|| broken.join(", "))
}

/// A text with one language left empty: a warning, since the drill still works in the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingTranslation {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Where in the exercise, e.g. `choices[1].label`.
    pub field: String,
    /// The empty language's code (`id` or `en`).
    pub lang: &'static str,
}

/// Every `{ id, en }` text of the pack manifest and the exercises with an empty side.
pub fn missing_translations(pack: &Pack) -> Vec<MissingTranslation> {
    let mut found = Vec::new();
    let mut scan = |file: &str, value: serde_json::Value| {
        let text = pack
            .file(file)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default();
        let mut empties = Vec::new();
        walk(&value, String::new(), &mut empties);
        for (field, lang, other) in empties {
            // The filled side's text is the best place to point at; TOML keeps no positions.
            let offset = (!other.is_empty())
                .then(|| text.find(other.lines().next().unwrap_or(&other)))
                .flatten()
                .unwrap_or(0);
            let (line, column) = crate::diag::line_col(text, offset);
            found.push(MissingTranslation {
                file: file.to_string(),
                line,
                column,
                field,
                lang,
            });
        }
    };
    if let Ok(v) = serde_json::to_value(&pack.manifest) {
        scan(super::pack::MANIFEST, v);
    }
    for (ex, file) in pack.exercises.iter().zip(&pack.exercise_files) {
        if let Ok(v) = serde_json::to_value(ex) {
            scan(file, v);
        }
    }
    found
}

/// Collects `(field, empty language, the other language's text)` for every bilingual text: an
/// object whose only keys are `id` and `en`.
fn walk(value: &serde_json::Value, at: String, out: &mut Vec<(String, &'static str, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.len() == 2
                && let (Some(id), Some(en)) = (map.get("id"), map.get("en"))
                && let (Some(id), Some(en)) = (id.as_str(), en.as_str())
            {
                if id.trim().is_empty() {
                    out.push((at.clone(), "id", en.to_string()));
                }
                if en.trim().is_empty() {
                    out.push((at, "en", id.to_string()));
                }
                return;
            }
            for (k, v) in map {
                let field = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                walk(v, field, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}
