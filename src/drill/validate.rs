//! The pack self-test: every known answer grades as declared, and no exercise is passed by
//! doing nothing.

use super::exercise::{Answer, Exercise, Kind};
use super::grade::{self, GradeError};
use super::pack::Pack;
use crate::sim::intent::Intent;

/// One problem found by the self-test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The exercise's file in the pack.
    pub file: String,
    pub exercise: String,
    pub message: String,
}

/// Grades every check of every exercise; returns what did not grade as declared.
pub fn self_test(pack: &Pack) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (ex, file) in pack.exercises.iter().zip(&pack.exercise_files) {
        let mut problem = |message: String| {
            problems.push(Problem {
                file: file.clone(),
                exercise: ex.id.clone(),
                message,
            })
        };
        for check in &ex.checks {
            match grade::grade(pack, ex, &check.answer) {
                Ok(report) if report.grade == check.grade => {}
                Ok(report) => problem(format!(
                    "answer {} should grade {} but grades {}{}",
                    describe(&check.answer),
                    check.grade,
                    report.grade,
                    broken_probes(&report)
                )),
                Err(GradeError(e)) => problem(format!("answer {}: {e}", describe(&check.answer))),
            }
        }
        match passes_by_doing_nothing(pack, ex) {
            Ok(true) => problem(
                "every probe already holds with no answer applied: the exercise tests nothing"
                    .into(),
            ),
            Ok(false) => {}
            Err(GradeError(e)) => problem(e),
        }
    }
    problems
}

/// Runs the probes with an empty policy (enforcement points) or on the unfixed scenario
/// (diagnose), the requirements on the scenario without a decision (ADR); retry drills have no
/// such state.
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
        // ADR drills are checked above.
        Kind::RetryBudget | Kind::Adr => Ok(false),
    }
}

fn describe(answer: &Answer) -> String {
    toml::to_string(answer)
        .map(|s| format!("{{ {} }}", s.trim().replace('\n', ", ")))
        .unwrap_or_default()
}

fn broken_probes(report: &grade::Report) -> String {
    let broken: Vec<&str> = report
        .probes
        .iter()
        .filter(|p| !p.held)
        .map(|p| p.name.as_str())
        .collect();
    if broken.is_empty() {
        String::new()
    } else {
        format!(" (probes that broke: {})", broken.join(", "))
    }
}
