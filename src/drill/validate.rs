//! The pack validator beyond the schema: every known answer grades as declared, every exercise
//! has a reference answer and a wrong one, no exercise is passed by doing nothing, every
//! manifest an answer can add loads, every lesson link leads somewhere (errors); and what is
//! worth a look without being wrong: empty translations, what the loader does not model,
//! policies that select nothing, principals no pod runs as, unknown outcome names (warnings,
//! errors under `pack validate --strict`). Every problem carries `file:line:column`.

use std::collections::BTreeSet;

use super::exercise::{Answer, Exercise, Kind};
use super::grade::{self, GradeError};
use super::pack::{Edition, Pack};
use super::variant;
use crate::content::Catalog;
use crate::diag::line_col;
use crate::i18n::{Lang, Msg};
use crate::sim::scenario::intent::Intent;

/// One problem found in a pack, at `file:line:column`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The exercise it concerns, when it concerns one.
    pub exercise: Option<String>,
    pub msg: Msg,
    pub args: Vec<String>,
}

impl Problem {
    /// `file:line:column: exercise: message`, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let message = self.msg.fill(lang, &args);
        match &self.exercise {
            Some(ex) => format!(
                "{}:{}:{}: {ex}: {message}",
                self.file, self.line, self.column
            ),
            None => format!("{}:{}:{}: {message}", self.file, self.line, self.column),
        }
    }

    /// The problem as a warning: `warning: file:line:column: …`.
    pub fn warning_text(&self, lang: Lang) -> String {
        Msg::ValidateWarning.fill(lang, &[&self.text(lang)])
    }
}

/// Where to point inside one exercise's file.
struct At<'a> {
    file: &'a str,
    text: &'a str,
    exercise: &'a str,
}

impl At<'_> {
    /// A problem at the first `needle` (else the file's start).
    fn problem(&self, needle: &str, msg: Msg, args: Vec<String>) -> Problem {
        let offset = self.text.find(needle).unwrap_or(0);
        self.problem_at(offset, msg, args)
    }

    fn problem_at(&self, offset: usize, msg: Msg, args: Vec<String>) -> Problem {
        let (line, column) = line_col(self.text, offset);
        Problem {
            file: self.file.to_string(),
            line,
            column,
            exercise: Some(self.exercise.to_string()),
            msg,
            args,
        }
    }

    /// The `n`-th `[[checks]]` table (else the first `checks`).
    fn check(&self, n: usize, msg: Msg, args: Vec<String>) -> Problem {
        // Table headers start their line (a comment may mention `[[checks]]` too).
        let offset = self
            .text
            .match_indices("[[checks]]")
            .filter(|(i, _)| self.text[..*i].ends_with('\n') || *i == 0)
            .nth(n)
            .map(|(i, _)| i);
        match offset {
            Some(o) => self.problem_at(o, msg, args),
            None => self.problem("checks", msg, args),
        }
    }

    /// A message already located by the simulator (`file:line:column: …`) keeps its place;
    /// anything else points at `needle` in the exercise.
    fn located(&self, message: &str, needle: &str, msg: Msg, args: Vec<String>) -> Problem {
        match split_location(message) {
            Some((file, line, column)) => Problem {
                file: file.to_string(),
                line,
                column,
                exercise: Some(self.exercise.to_string()),
                msg,
                args,
            },
            None => self.problem(needle, msg, args),
        }
    }
}

/// `file:line:column: message` → (file, line, column).
fn split_location(message: &str) -> Option<(&str, usize, usize)> {
    let (place, _) = message.split_once(": ")?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next()?;
    Some((file, line, column))
}

/// Everything that makes the pack untrustworthy: known answers that do not grade as declared,
/// a missing reference or wrong answer, exercises that test nothing, manifests that do not
/// load, lesson links that lead nowhere. A learners' archive has no answers to check.
pub fn self_test(pack: &Pack) -> Vec<Problem> {
    let lessons = lesson_slugs(pack);
    let learners = pack.manifest.edition == Some(Edition::Learners);
    let mut problems = Vec::new();
    for (ex, file) in pack.exercises.iter().zip(&pack.exercise_files) {
        let text = pack
            .file(file)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default();
        let at = At {
            file,
            text,
            exercise: &ex.id,
        };
        if !lessons.contains(ex.lesson.as_str()) {
            problems.push(at.problem(
                "lesson",
                Msg::ValidateUnknownLesson,
                vec![ex.lesson.clone()],
            ));
        }
        let loads = loads(ex);
        for (what, extra) in &loads {
            if let Err(GradeError(e)) = grade::load(pack, ex, extra, &[]) {
                let needle = extra.last().map_or("scenario", String::as_str);
                problems.push(at.located(
                    &e,
                    needle,
                    Msg::ValidateDoesNotLoad,
                    vec![what.clone(), e.clone()],
                ));
            }
        }
        for (i, check) in ex.checks.iter().enumerate() {
            let answer = describe(&check.answer);
            match grade::grade(pack, ex, &check.answer) {
                Ok(report) if report.grade == check.grade => {}
                Ok(report) => {
                    let g = vec![answer, check.grade.to_string(), report.grade.to_string()];
                    problems.push(match broken_probes(&report) {
                        None => at.check(i, Msg::SelfTestWrongGrade, g),
                        Some(broken) => {
                            at.check(i, Msg::SelfTestProbesBroke, [g, vec![broken]].concat())
                        }
                    });
                }
                Err(GradeError(e)) => {
                    problems.push(at.check(i, Msg::SelfTestCannotGrade, vec![answer, e]))
                }
            }
        }
        if !learners {
            let best = ex.best_grade.unwrap_or(100);
            let mark = grade::pass_mark(pack, ex);
            if !ex.checks.iter().any(|c| c.grade == best) {
                problems.push(at.check(0, Msg::ValidateNoReference, vec![best.to_string()]));
            }
            if !ex.wrong_answer_optional && !ex.checks.iter().any(|c| c.grade < mark) {
                problems.push(at.check(0, Msg::ValidateNoWrongAnswer, vec![mark.to_string()]));
            }
        }
        if !learners {
            problems.extend(variant_problems(pack, ex, &at));
        }
        match passes_by_doing_nothing(pack, ex) {
            Ok(true) => problems.push(at.problem("kind", Msg::SelfTestTestsNothing, Vec::new())),
            Ok(false) => {}
            // A scenario that does not load is reported above.
            Err(GradeError(e)) => {
                if grade::load(pack, ex, &[], &[]).is_ok() {
                    problems.push(at.located(&e, "kind", Msg::Verbatim, vec![e.clone()]));
                }
            }
        }
    }
    problems
}

/// Retry drills' seeds the self-test grades (their variants are drawn, not listed).
const RETRY_SEEDS: std::ops::RangeInclusive<u64> = 1..=8;

/// Every variant of `ex` (each listed one; a handful of seeds of a retry drill) asks a new
/// question that the simulator answers: some answer earns the drill's best grade, some other
/// less, and doing nothing does not pass. The variant's answers are found, not declared: every
/// choice (and fix), the written drill's orders kept to the variant's phases, the worst case.
fn variant_problems(pack: &Pack, ex: &Exercise, at: &At<'_>) -> Vec<Problem> {
    if !variant::varies(ex) {
        return Vec::new();
    }
    let (needle, seeds): (&str, Vec<u64>) = if ex.kind == Kind::RetryBudget {
        ("vary", RETRY_SEEDS.collect())
    } else {
        let seeds = (0..ex.variants.len())
            .filter_map(|i| variant::seed_for(ex, i))
            .collect();
        ("[[variants]]", seeds)
    };
    let written = variant::resolve(ex, 0);
    let best = ex.best_grade.unwrap_or(100);
    let mut out = Vec::new();
    for seed in seeds {
        let asked = variant::resolve(ex, seed);
        let named = match variant::picked(ex, seed) {
            Some(i) => (i + 1).to_string(),
            None => seed.to_string(),
        };
        let mut problem = |msg: Msg, more: Vec<String>| {
            let args = [vec![named.clone(), seed.to_string()], more].concat();
            out.push(at.problem(needle, msg, args));
        };
        if same_question(&asked, &written) {
            problem(Msg::VariantSameQuestion, Vec::new());
            continue;
        }
        let grades: Result<Vec<u8>, GradeError> = variant_answers(&asked, &written)
            .iter()
            .map(|a| grade::grade(pack, &asked, a).map(|r| r.grade))
            .collect();
        match grades {
            Err(GradeError(e)) => problem(Msg::VariantCannotGrade, vec![e]),
            Ok(grades) => {
                if !grades.contains(&best) {
                    problem(Msg::VariantNoReference, vec![best.to_string()]);
                }
                if !grades.iter().any(|g| *g < best) {
                    problem(Msg::VariantNoWrongAnswer, vec![best.to_string()]);
                }
            }
        }
        if let Ok(true) = passes_by_doing_nothing(pack, &asked) {
            problem(Msg::VariantTestsNothing, Vec::new());
        }
    }
    out
}

/// Whether variant `asked` poses the written drill's question again (its known answers
/// aside, which only the written drill has).
fn same_question(asked: &Exercise, written: &Exercise) -> bool {
    let bare = |ex: &Exercise| {
        let mut ex = ex.clone();
        ex.checks.clear();
        ex.variants.clear();
        ex.values.clear();
        ex.template = None;
        serde_json::to_value(ex).ok()
    };
    bare(asked) == bare(written)
}

/// The answers worth grading on variant `asked` of `written`.
fn variant_answers(asked: &Exercise, written: &Exercise) -> Vec<Answer> {
    let choice = |c: &str| Answer {
        choice: Some(c.to_string()),
        ..Answer::default()
    };
    match asked.kind {
        Kind::RetryBudget => {
            let worst = grade::worst_case_requests(&asked.layers);
            [worst, worst + 1]
                .map(|n| Answer {
                    number: Some(n),
                    ..Answer::default()
                })
                .to_vec()
        }
        Kind::Diagnose => asked
            .choices
            .iter()
            .flat_map(|c| {
                asked.fixes.iter().map(|f| Answer {
                    fix: Some(f.id.clone()),
                    ..choice(&c.id)
                })
            })
            .collect(),
        Kind::AdoptionOrder => {
            let phases: Vec<&str> = asked
                .adoption
                .iter()
                .flat_map(|a| &a.phases)
                .map(|p| p.id.as_str())
                .collect();
            let mut orders: Vec<Vec<String>> = vec![phases.iter().map(|p| p.to_string()).collect()];
            for check in &written.checks {
                let kept: Vec<String> = check
                    .answer
                    .order
                    .iter()
                    .filter(|id| phases.contains(&id.as_str()))
                    .cloned()
                    .collect();
                if !orders.contains(&kept) {
                    orders.push(kept);
                }
            }
            orders
                .into_iter()
                .map(|order| Answer {
                    order,
                    ..Answer::default()
                })
                .collect()
        }
        _ if !asked.choices.is_empty() => asked.choices.iter().map(|c| choice(&c.id)).collect(),
        _ => written.checks.iter().map(|c| c.answer.clone()).collect(),
    }
}

/// What is worth a look but may be meant: empty translations, fields and kinds the simulator
/// does not model (the loader's warnings, as `meshlab sim probe` prints them), policies that
/// select no pod, principals no pod runs as, outcome names meshlab does not know.
pub fn warnings(pack: &Pack) -> Vec<Problem> {
    let mut out: Vec<Problem> = missing_translations(pack)
        .into_iter()
        .map(|m| Problem {
            file: m.file,
            line: m.line,
            column: m.column,
            exercise: None,
            msg: Msg::PackMissingTranslation,
            args: vec![m.lang.to_string(), m.field],
        })
        .collect();
    for (ex, file) in pack.exercises.iter().zip(&pack.exercise_files) {
        let text = pack
            .file(file)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default();
        let at = At {
            file,
            text,
            exercise: &ex.id,
        };
        let mut seen = BTreeSet::new();
        for (_, extra) in loads(ex) {
            let Ok(sim) = grade::load(pack, ex, &extra, &[]) else {
                continue; // an error, reported by the self-test
            };
            for w in &sim.cluster.warnings {
                let line = w.to_string();
                if seen.insert(line.clone()) {
                    // The loader's own words, at the loader's place.
                    out.push(at.located(&line, "scenario", Msg::Verbatim, vec![w.message()]));
                }
            }
            let sources: Vec<(&str, &str)> = ex
                .scenario
                .iter()
                .chain(&extra)
                .filter_map(|p| {
                    let text = pack.file(p).and_then(|b| std::str::from_utf8(b).ok())?;
                    Some((p.as_str(), text))
                })
                .collect();
            for (file, line, column, msg, args) in super::lint::lint(&sim.cluster, &sources) {
                if seen.insert(format!("{file}:{line}:{column}:{msg:?}:{args:?}")) {
                    out.push(Problem {
                        file,
                        line,
                        column,
                        exercise: Some(ex.id.clone()),
                        msg,
                        args,
                    });
                }
            }
        }
        for name in probe_specs(ex)
            .filter_map(|p| p.outcome.as_deref())
            .chain(ex.requirements.iter().filter_map(|r| r.outcome.as_deref()))
        {
            if !super::expectation::known_shape(name) {
                out.push(at.problem(
                    &format!("\"{name}\""),
                    Msg::ValidateUnknownOutcome,
                    vec![name.to_string()],
                ));
            }
        }
    }
    out
}

/// Every probe of an exercise: its own, its adoption gates, its selection requirements'.
pub(crate) fn probe_specs(ex: &Exercise) -> impl Iterator<Item = &super::exercise::ProbeSpec> {
    ex.probes
        .iter()
        .chain(
            ex.adoption
                .iter()
                .flat_map(|a| &a.phases)
                .flat_map(|p| &p.before),
        )
        .chain(
            ex.selection
                .iter()
                .flat_map(|s| &s.requirements)
                .flat_map(|r| &r.probes),
        )
}

/// Every set of manifests an answer can add to the scenario, named for messages: the scenario
/// alone, each choice's and each fix's `apply`, each selection requirement's, and the adoption
/// phases cumulatively in their listed order.
fn loads(ex: &Exercise) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = vec![("scenario".into(), Vec::new())];
    let mut add = |what: String, extra: Vec<String>| {
        if !out.iter().any(|(_, e)| *e == extra) {
            out.push((what, extra));
        }
    };
    for c in &ex.choices {
        add(format!("choice `{}`", c.id), c.apply.clone());
    }
    for f in &ex.fixes {
        add(format!("fix `{}`", f.id), f.apply.clone());
    }
    for r in ex.selection.iter().flat_map(|s| &s.requirements) {
        add(format!("requirement `{}`", r.id), r.apply.clone());
    }
    let mut applied = Vec::new();
    for p in ex.adoption.iter().flat_map(|a| &a.phases) {
        applied.extend(p.apply.iter().cloned());
        add(format!("phase `{}`", p.id), applied.clone());
    }
    out
}

/// The lessons a drill may link to: the built-in course's and the pack's own.
fn lesson_slugs(pack: &Pack) -> BTreeSet<String> {
    let course = Catalog::builtin().ok();
    let own = pack.lessons().and_then(Result::ok);
    course
        .iter()
        .chain(own.iter())
        .flat_map(|c| c.lessons().map(|l| l.slug.clone()))
        .collect()
}

/// Runs the probes with an empty policy and no manifests added (enforcement points) or on the
/// unfixed scenario (diagnose), the requirements on the scenario without a decision (ADR),
/// grades the phases in their listed order (adoption), or scores every mesh (selection); retry
/// drills have no such state.
fn passes_by_doing_nothing(pack: &Pack, ex: &Exercise) -> Result<bool, GradeError> {
    match ex.kind {
        Kind::Adr => return super::adr::holds_without_decision(pack, ex),
        Kind::Manifest => return super::manifest::holds_without_answer(pack, ex),
        _ => {}
    }
    let Some(first) = ex.choices.first() else {
        return Ok(false);
    };
    match ex.kind {
        Kind::EnforcementPoint => {
            // Doing nothing: no policy placed, and no manifests a choice brings.
            let mut empty = ex.clone();
            empty.policy = Some(Intent::default());
            for c in &mut empty.choices {
                c.apply.clear();
            }
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
                fix.events.clear();
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
        // An audit has no empty answer to try, and no question of a debugging drill is
        // answered without a finding; ADR drills are checked above.
        Kind::RetryBudget
        | Kind::Cost
        | Kind::Audit
        | Kind::Debugging
        | Kind::Adr
        | Kind::Manifest => Ok(false),
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
            let (line, column) = line_col(text, offset);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_off_located_messages() {
        assert_eq!(
            split_location("scenarios/x.yaml:12:3: bad"),
            Some(("scenarios/x.yaml", 12, 3))
        );
        assert_eq!(split_location("no place: here"), None);
    }
}
