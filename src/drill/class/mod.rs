//! Class grading: every learner's answers graded by [`grade::grade_text`] (the engine of the
//! learner's own `meshlab grade`), then summed up per learner (points, hints, lateness), per
//! exercise, per skill, with the wrong answers most often given and the exercises the class
//! found hardest. The formats are in [`formats`], the per-learner feedback files in
//! [`feedback`].
//!
//! Grading is deterministic, so each distinct answer to an exercise is graded once, whoever gave
//! it, and the distinct answers are graded on every core.

pub mod feedback;
pub mod formats;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use time::OffsetDateTime;

use super::exercise::{Answer, Exercise, Kind};
use super::grade;
use super::pack::{Pack, parse_due};
use super::submission::{Stamp, Submission};
use crate::i18n::{Lang, Msg};
use crate::practice::skills::Skill;

/// How many of the most-missed answers the report lists.
pub const MOST_MISSED: usize = 10;
/// How many of the hardest exercises the report lists.
pub const HARDEST: usize = 5;
/// Points an exercise is worth when it does not say.
pub const DEFAULT_POINTS: u32 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// The answer could not be graded (it does not parse, or names nothing in the exercise).
    Error,
}

/// One answer graded: what every learner who gave it gets, before hints are counted.
#[derive(Clone, Debug, Serialize)]
pub struct Graded {
    pub status: Status,
    pub grade: u8,
    /// The graded answer in one line (`choice = "cni"`; an ADR's decision mesh), if it parsed.
    pub answer: Option<String>,
    /// The grade and the feedback, in one line.
    pub message: String,
    /// What held and what broke, as `meshlab grade` prints it (shared by every learner who
    /// gave the answer).
    #[serde(skip)]
    pub lines: Arc<[String]>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExerciseResult {
    pub exercise: String,
    pub status: Status,
    /// The grade after the hint penalty.
    pub grade: u8,
    /// Points earned: grade × the exercise's points / 100.
    pub points: u32,
    /// Hints the learner opened for this drill (the most in any attempt).
    pub hints: usize,
    /// The attempt that gave the graded answer finished after the pack's `due`.
    pub late: bool,
    pub answer: Option<String>,
    pub message: String,
    #[serde(skip)]
    pub lines: Arc<[String]>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LearnerResult {
    pub learner: String,
    pub file: String,
    /// When the submission was written, as the learner's machine says.
    #[serde(with = "time::serde::rfc3339")]
    pub submitted: OffsetDateTime,
    /// Submitted after the pack's `due`.
    pub late: bool,
    /// Mean grade over every exercise of the pack (missing answers count 0).
    pub score: u8,
    pub points: u32,
    pub max_points: u32,
    pub passed: usize,
    pub hints: usize,
    pub results: Vec<ExerciseResult>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tally {
    pub name: String,
    pub graded: usize,
    pub passed: usize,
    pub mean_grade: u8,
    /// Hints opened, all learners together.
    pub hints: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Missed {
    pub exercise: String,
    pub answer: String,
    pub learners: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClassReport {
    pub pack: Stamp,
    /// The pack's `due`, when it has one.
    pub due: Option<String>,
    pub learners: Vec<LearnerResult>,
    pub exercises: Vec<Tally>,
    pub skills: Vec<Tally>,
    pub most_missed: Vec<Missed>,
    /// The exercises the class found hardest: fewest passes, then lowest mean grade.
    pub hardest: Vec<Tally>,
}

/// A learner's answer to one exercise, read once: the text, the key it is graded under, and
/// its one-line form (an ADR's is read when it is graded, on the grading threads).
struct Given<'a> {
    text: &'a str,
    key: String,
    shown: Option<String>,
}

/// Grades each `(file, submission)` against `pack`; messages are in `lang`.
pub fn grade_class(pack: &Pack, submissions: &[(String, Submission)], lang: Lang) -> ClassReport {
    // 1. Read every answer into the key it is graded under.
    let mut unreadable: HashMap<(usize, usize), Graded> = HashMap::new();
    let mut given: HashMap<(usize, usize), Given<'_>> = HashMap::new();
    for (l, (_, sub)) in submissions.iter().enumerate() {
        for (e, ex) in pack.exercises.iter().enumerate() {
            let Some(text) = sub.answers.get(&ex.id) else {
                continue;
            };
            match read(ex, text) {
                Ok((key, shown)) => {
                    given.insert((l, e), Given { text, key, shown });
                }
                Err(message) => {
                    unreadable.insert(
                        (l, e),
                        Graded {
                            status: Status::Error,
                            grade: 0,
                            answer: None,
                            message: Msg::ResultBadAnswer.fill(lang, &[&message]),
                            lines: Arc::new([]),
                        },
                    );
                }
            }
        }
    }
    // 2. Grade each distinct answer once, on every core.
    let mut distinct: BTreeMap<(usize, &str), &Given<'_>> = BTreeMap::new();
    for ((_, e), g) in &given {
        distinct.entry((*e, g.key.as_str())).or_insert(g);
    }
    let work: Vec<((usize, &str), &Given<'_>)> = distinct.into_iter().collect();
    let simulations = super::adr::Simulations::default();
    let graded = in_parallel(&work, |((e, _), g)| {
        grade_answer(pack, &pack.exercises[*e], g, &simulations, lang)
    });
    let graded: HashMap<(usize, &str), Graded> = work.iter().map(|(k, _)| *k).zip(graded).collect();
    // 3. Every learner's results, with their hints and lateness.
    let due = pack.manifest.due.as_deref().and_then(parse_due);
    let learners: Vec<LearnerResult> = submissions
        .iter()
        .enumerate()
        .map(|(l, (file, sub))| {
            let results = pack
                .exercises
                .iter()
                .enumerate()
                .map(|(e, ex)| {
                    let answer = given
                        .get(&(l, e))
                        .and_then(|g| graded.get(&(e, g.key.as_str())))
                        .or_else(|| unreadable.get(&(l, e)));
                    result(pack, ex, sub, answer, due, lang)
                })
                .collect();
            learner(file, sub, results, due)
        })
        .collect();
    summarize(pack, learners)
}

/// The key an answer is graded under and its one-line form, or why it cannot be read. An ADR
/// record is graded as a whole; other answers by their canonical TOML, so `number=36` and
/// `number = 36` grade once.
fn read(ex: &Exercise, text: &str) -> Result<(String, Option<String>), String> {
    match ex.kind {
        Kind::Adr => return Ok((text.to_string(), None)),
        Kind::Manifest => {
            return Ok((text.to_string(), Some(super::manifest::summary(text))));
        }
        _ => {}
    }
    let answer: Answer = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    let shown = describe(&answer);
    Ok((shown.clone(), Some(shown)))
}

fn grade_answer(
    pack: &Pack,
    ex: &Exercise,
    g: &Given<'_>,
    simulations: &super::adr::Simulations,
    lang: Lang,
) -> Graded {
    let file = format!("{}.{}", ex.id, answer_extension(ex.kind));
    let shown = g
        .shown
        .clone()
        .unwrap_or_else(|| super::adr::summary(g.text));
    match grade::grade_text_with(pack, ex, &file, g.text, simulations) {
        Ok(report) => {
            let status = if report.passed {
                Status::Pass
            } else {
                Status::Fail
            };
            let mut message = Msg::GradeScore.fill(lang, &[&report.grade.to_string()]);
            for f in &report.feedback {
                message.push_str(" — ");
                message.push_str(&f.get(lang));
            }
            Graded {
                status,
                grade: report.grade,
                answer: Some(shown),
                message,
                lines: super::explain::report_lines(&report, lang).into(),
            }
        }
        Err(e) => Graded {
            status: Status::Error,
            grade: 0,
            answer: Some(shown),
            message: e.0,
            lines: Arc::new([]),
        },
    }
}

/// The extension of an answer file of `kind`: an ADR's Markdown, a manifest drill's YAML, the
/// TOML answer of every other kind.
pub fn answer_extension(kind: Kind) -> &'static str {
    match kind {
        Kind::Adr => "md",
        Kind::Manifest => "yaml",
        _ => "toml",
    }
}

/// `f` over every item, on as many threads as the machine has cores; results in order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// One learner's result for one exercise: the graded answer (if any), less the hint penalty,
/// with the hints and lateness of the learner's attempts.
fn result(
    pack: &Pack,
    ex: &Exercise,
    sub: &Submission,
    graded: Option<&Graded>,
    due: Option<OffsetDateTime>,
    lang: Lang,
) -> ExerciseResult {
    let attempts: Vec<_> = sub
        .attempts
        .iter()
        .filter(|a| a.drill.as_str() == ex.id)
        .collect();
    let hints = attempts.iter().map(|a| a.hints_used()).max().unwrap_or(0);
    let answered_at = attempts
        .iter()
        .filter(|a| !a.answer.trim().is_empty())
        .map(|a| a.finished)
        .max();
    let late = due.is_some_and(|d| answered_at.is_some_and(|t| t > d));
    let Some(g) = graded else {
        // Attempts without an answer text come from the TUI: report them, but do not trust a
        // score the learner's own machine wrote.
        let best = attempts.iter().map(|a| a.score).max();
        let message = match best {
            Some(score) => Msg::ResultTuiOnly.fill(lang, &[&score.to_string()]),
            None => Msg::ResultNoAnswer.text(lang).to_string(),
        };
        return ExerciseResult {
            exercise: ex.id.clone(),
            status: Status::Fail,
            grade: 0,
            points: 0,
            hints,
            late: false,
            answer: None,
            message,
            lines: Arc::new([]),
        };
    };
    let penalty = grade::hint_penalty(pack, ex);
    let grade = grade::with_hints(g.grade, hints, penalty);
    let mut message = g.message.clone();
    let status = match g.status {
        Status::Error => Status::Error,
        _ if grade >= grade::pass_mark(pack, ex) => Status::Pass,
        _ => Status::Fail,
    };
    if hints > 0 && penalty > 0 && g.status != Status::Error {
        message.push_str(" — ");
        message.push_str(&Msg::ResultHintPenalty.fill(
            lang,
            &[&hints.to_string(), &g.grade.to_string(), &grade.to_string()],
        ));
    }
    ExerciseResult {
        exercise: ex.id.clone(),
        status,
        grade,
        points: earned(ex, grade),
        hints,
        late,
        answer: g.answer.clone(),
        message,
        lines: Arc::clone(&g.lines),
    }
}

/// Points an exercise is worth.
pub fn points(ex: &Exercise) -> u32 {
    ex.points.unwrap_or(DEFAULT_POINTS)
}

/// `grade`% of the exercise's points, rounded.
fn earned(ex: &Exercise, grade: u8) -> u32 {
    (points(ex) * u32::from(grade) + 50) / 100
}

fn learner(
    file: &str,
    sub: &Submission,
    results: Vec<ExerciseResult>,
    due: Option<OffsetDateTime>,
) -> LearnerResult {
    let sum: usize = results.iter().map(|r| usize::from(r.grade)).sum();
    LearnerResult {
        learner: sub.learner.clone(),
        file: file.to_string(),
        submitted: sub.created,
        late: due.is_some_and(|d| sub.created > d),
        score: mean(sum, results.len()),
        points: results.iter().map(|r| r.points).sum(),
        max_points: 0,
        passed: results.iter().filter(|r| r.status == Status::Pass).count(),
        hints: results.iter().map(|r| r.hints).sum(),
        results,
    }
}

/// Tallies per exercise and skill, the most-missed answers and the hardest exercises.
fn summarize(pack: &Pack, mut learners: Vec<LearnerResult>) -> ClassReport {
    let max_points: u32 = pack.exercises.iter().map(points).sum();
    for l in &mut learners {
        l.max_points = max_points;
    }
    let mut by_exercise: BTreeMap<&str, Vec<&ExerciseResult>> = BTreeMap::new();
    let mut by_skill: BTreeMap<Skill, Vec<&ExerciseResult>> = BTreeMap::new();
    let mut missed: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for learner in &learners {
        for (r, ex) in learner.results.iter().zip(&pack.exercises) {
            by_exercise.entry(&ex.id).or_default().push(r);
            for skill in &ex.skills {
                by_skill.entry(*skill).or_default().push(r);
            }
            if let (Status::Fail, Some(answer)) = (r.status, &r.answer) {
                *missed.entry((&ex.id, answer)).or_default() += 1;
            }
        }
    }
    let exercises: Vec<Tally> = pack
        .exercises
        .iter()
        .map(|ex| {
            tally(
                &ex.id,
                by_exercise.get(ex.id.as_str()).map_or(&[][..], |v| v),
            )
        })
        .collect();
    let skills = by_skill
        .iter()
        .map(|(skill, rs)| tally(skill.id(), rs))
        .collect();
    let mut most_missed: Vec<Missed> = missed
        .into_iter()
        .map(|((exercise, answer), learners)| Missed {
            exercise: exercise.to_string(),
            answer: answer.to_string(),
            learners,
        })
        .collect();
    most_missed.sort_by_key(|m| std::cmp::Reverse(m.learners));
    most_missed.truncate(MOST_MISSED);
    let mut hardest: Vec<Tally> = exercises
        .iter()
        .filter(|t| t.graded > 0 && t.passed < t.graded)
        .cloned()
        .collect();
    // Fewest passes first (as a share), then the lowest mean, then the most hints.
    hardest.sort_by_key(|t| {
        (
            t.passed * 1000 / t.graded.max(1),
            t.mean_grade,
            std::cmp::Reverse(t.hints),
        )
    });
    hardest.truncate(HARDEST);
    ClassReport {
        pack: Stamp::of(pack),
        due: pack.manifest.due.clone(),
        learners,
        exercises,
        skills,
        most_missed,
        hardest,
    }
}

fn tally(name: &str, results: &[&ExerciseResult]) -> Tally {
    let sum: usize = results.iter().map(|r| usize::from(r.grade)).sum();
    Tally {
        name: name.to_string(),
        graded: results.len(),
        passed: results.iter().filter(|r| r.status == Status::Pass).count(),
        mean_grade: mean(sum, results.len()),
        hints: results.iter().map(|r| r.hints).sum(),
    }
}

fn mean(sum: usize, n: usize) -> u8 {
    u8::try_from(sum.checked_div(n).unwrap_or(0)).unwrap_or(100)
}

/// An answer in its file's own words, one line: `choice = "cni", fix = "restart"`.
fn describe(answer: &Answer) -> String {
    toml::to_string(answer)
        .map(|s| s.trim().replace('\n', ", "))
        .unwrap_or_default()
}

impl ClassReport {
    pub(crate) fn status(&self) -> Status {
        let all = self.learners.iter().flat_map(|l| &l.results);
        if all.clone().any(|r| r.status == Status::Error) {
            Status::Error
        } else if all.clone().all(|r| r.status == Status::Pass) {
            Status::Pass
        } else {
            Status::Fail
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::FixedClock;
    use crate::practice::progress::{Draft, Id, Progress};
    use time::OffsetDateTime;

    fn example() -> Pack {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/example-pack");
        Pack::from_dir(&dir).unwrap()
    }

    fn submission(pack: &Pack, progress: &Progress, answers: &[(&str, &str)]) -> Submission {
        let mut sub = Submission::new(pack, progress, "ana", OffsetDateTime::UNIX_EPOCH);
        for (ex, a) in answers {
            sub.answers.insert(ex.to_string(), a.to_string());
        }
        sub
    }

    fn attempt(
        progress: &mut Progress,
        drill: &str,
        hints: usize,
        answer: &str,
        at: OffsetDateTime,
    ) {
        progress.record(
            Draft {
                drill: Id::new(drill).unwrap(),
                pack: Id::new("example-pack").unwrap(),
                skills: Vec::new(),
                started: at,
                score: 100,
                passed: true,
                hints: (1..=hints as u8).collect(),
                answer: answer.to_string(),
                variant: None,
            },
            &FixedClock::new(at),
        );
    }

    fn find<'a>(class: &'a ClassReport, learner: usize, exercise: &str) -> &'a ExerciseResult {
        class.learners[learner]
            .results
            .iter()
            .find(|r| r.exercise == exercise)
            .unwrap()
    }

    #[test]
    fn tui_attempts_are_reported_but_not_trusted() {
        let pack = example();
        let mut progress = Progress::default();
        attempt(
            &mut progress,
            "retry-layers",
            0,
            "",
            OffsetDateTime::UNIX_EPOCH,
        );
        let sub = submission(&pack, &progress, &[]);
        assert!(sub.answers.is_empty() && sub.attempts.len() == 1);
        let class = grade_class(&pack, &[("a.json".into(), sub)], Lang::En);
        let retry = find(&class, 0, "retry-layers");
        assert_eq!((retry.status, retry.grade), (Status::Fail, 0));
        assert!(
            retry.message.contains("best recorded score 100"),
            "{}",
            retry.message
        );
    }

    #[test]
    fn equal_answers_grade_equally_however_they_are_spelled() {
        let pack = example();
        let sub = |a: &str| submission(&pack, &Progress::default(), &[("retry-layers", a)]);
        let subs = [
            ("a".into(), sub("number = 36")),
            ("b".into(), sub("number=36\n\n")),
            ("c".into(), sub("number = ")),
        ];
        let class = grade_class(&pack, &subs, Lang::Id);
        assert_eq!(find(&class, 0, "retry-layers").status, Status::Pass);
        assert_eq!(find(&class, 1, "retry-layers").status, Status::Pass);
        assert_eq!(find(&class, 2, "retry-layers").status, Status::Error);
        assert_eq!(class.status(), Status::Error);
        let retry_tally = class
            .exercises
            .iter()
            .find(|t| t.name == "retry-layers")
            .unwrap();
        assert_eq!((retry_tally.graded, retry_tally.passed), (3, 2));
    }

    /// Hints are always counted; the pack's penalty takes them off the grade; an answer given
    /// after `due` is late; points follow each exercise's worth.
    #[test]
    fn hints_penalties_lateness_and_points() {
        let mut pack = example();
        let day = OffsetDateTime::UNIX_EPOCH + time::Duration::days(10);
        pack.manifest.due = Some("1970-01-05".into());
        let mut early = Progress::default();
        attempt(
            &mut early,
            "retry-layers",
            2,
            "number = 36",
            OffsetDateTime::UNIX_EPOCH,
        );
        let mut late = Progress::default();
        attempt(&mut late, "retry-layers", 0, "number = 36", day);
        let subs = [
            (
                "a".into(),
                Submission::new(&pack, &early, "ana", OffsetDateTime::UNIX_EPOCH),
            ),
            ("b".into(), Submission::new(&pack, &late, "budi", day)),
        ];
        let class = grade_class(&pack, &subs, Lang::En);
        let ana = find(&class, 0, "retry-layers");
        assert_eq!((ana.grade, ana.hints, ana.late), (100, 2, false));
        let budi = find(&class, 1, "retry-layers");
        assert_eq!((budi.grade, budi.late), (100, true));
        assert!(class.learners[1].late && !class.learners[0].late);
        pack.manifest.hint_penalty = Some(10);
        let class = grade_class(&pack, &subs, Lang::En);
        let ana = find(&class, 0, "retry-layers");
        assert_eq!((ana.grade, ana.points, ana.status), (80, 80, Status::Pass));
        assert!(ana.message.contains("2 hints"), "{}", ana.message);
        assert_eq!(class.learners[0].max_points, 300);
        let hardest: Vec<&str> = class.hardest.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            hardest,
            ["business-permission", "checkout-blocked"],
            "no one answered them"
        );
    }

    /// A manifest drill's answer is its YAML: graded by the same engine, reported by the
    /// objects it holds, and a YAML error is the learner's error, not a grade.
    #[test]
    fn manifest_answers_are_graded_as_yaml() {
        let pack = Pack::builtin().unwrap();
        let id = "mf-netpol-namespace-isolation";
        let file = |name: &str| {
            String::from_utf8(pack.file(&format!("answers/{name}.yaml")).unwrap().to_vec()).unwrap()
        };
        let sub = |a: String| {
            let mut s = Submission::new(
                &pack,
                &Progress::default(),
                "ana",
                OffsetDateTime::UNIX_EPOCH,
            );
            s.answers.insert(id.to_string(), a);
            s
        };
        let subs = [
            ("a".into(), sub(file(id))),
            ("b".into(), sub(file(&format!("{id}-shop-only")))),
            ("c".into(), sub("kind: [x\n".into())),
        ];
        let class = grade_class(&pack, &subs, Lang::En);
        let a = find(&class, 0, id);
        assert_eq!((a.status, a.grade), (Status::Pass, 100));
        assert_eq!(
            a.answer.as_deref(),
            Some("manifest: NetworkPolicy ledger/ledger-isolation")
        );
        let b = find(&class, 1, id);
        assert_eq!((b.status, b.grade), (Status::Fail, 50));
        assert!(
            b.lines.iter().any(|l| l.contains("ledger-to-db")),
            "{:?}",
            b.lines
        );
        let c = find(&class, 2, id);
        assert_eq!(c.status, Status::Error);
        assert!(
            c.message.contains(&format!("{id}.yaml:1:")),
            "{}",
            c.message
        );
    }

    #[test]
    fn work_is_shared_between_cores_and_kept_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            in_parallel(&items, |i| i * 2),
            items.iter().map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(in_parallel(&[] as &[u32], |i| *i).is_empty());
    }
}
