//! Class grading: every learner's answers graded by [`grade::grade`] (the same engine as the
//! learner's own check), then summed up per learner, per exercise, per skill, with the wrong
//! answers most often given.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::exercise::{Answer, Exercise};
use super::grade;
use super::pack::Pack;
use super::submission::{Stamp, Submission};
use crate::i18n::{Lang, Msg};
use crate::practice::skills::Skill;

/// How many of the most-missed answers the report lists.
pub const MOST_MISSED: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// The answer could not be graded (it does not parse, or names nothing in the exercise).
    Error,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExerciseResult {
    pub exercise: String,
    pub status: Status,
    pub grade: u8,
    /// The graded answer, in the answer file's words (`choice = "cni"`), when there was one.
    pub answer: Option<String>,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct LearnerResult {
    pub learner: String,
    pub file: String,
    /// Mean grade over every exercise of the pack (missing answers count 0).
    pub score: u8,
    pub passed: usize,
    pub results: Vec<ExerciseResult>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tally {
    pub name: String,
    pub graded: usize,
    pub passed: usize,
    pub mean_grade: u8,
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
    pub learners: Vec<LearnerResult>,
    pub exercises: Vec<Tally>,
    pub skills: Vec<Tally>,
    pub most_missed: Vec<Missed>,
}

/// Results already graded in this run, by exercise and answer (in its canonical words).
/// Grading is deterministic, so a class that gives the same answer many times (the usual
/// case) runs the simulator once per distinct answer, not once per learner.
type Graded = HashMap<(String, String), ExerciseResult>;

/// Grades each `(file, submission)` against `pack`; messages are in `lang`.
pub fn grade_class(pack: &Pack, submissions: &[(String, Submission)], lang: Lang) -> ClassReport {
    let mut graded = Graded::new();
    let learners: Vec<LearnerResult> = submissions
        .iter()
        .map(|(file, sub)| grade_learner(pack, file, sub, lang, &mut graded))
        .collect();
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
    let exercises = pack
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
    ClassReport {
        pack: Stamp::of(pack),
        learners,
        exercises,
        skills,
        most_missed,
    }
}

fn tally(name: &str, results: &[&ExerciseResult]) -> Tally {
    let sum: usize = results.iter().map(|r| usize::from(r.grade)).sum();
    Tally {
        name: name.to_string(),
        graded: results.len(),
        passed: results.iter().filter(|r| r.status == Status::Pass).count(),
        mean_grade: mean(sum, results.len()),
    }
}

fn mean(sum: usize, n: usize) -> u8 {
    u8::try_from(sum.checked_div(n).unwrap_or(0)).unwrap_or(100)
}

fn grade_learner(
    pack: &Pack,
    file: &str,
    sub: &Submission,
    lang: Lang,
    graded: &mut Graded,
) -> LearnerResult {
    let results: Vec<ExerciseResult> = pack
        .exercises
        .iter()
        .map(|ex| grade_one(pack, ex, sub, lang, graded))
        .collect();
    let sum: usize = results.iter().map(|r| usize::from(r.grade)).sum();
    LearnerResult {
        learner: sub.learner.clone(),
        file: file.to_string(),
        score: mean(sum, results.len()),
        passed: results.iter().filter(|r| r.status == Status::Pass).count(),
        results,
    }
}

fn grade_one(
    pack: &Pack,
    ex: &Exercise,
    sub: &Submission,
    lang: Lang,
    graded: &mut Graded,
) -> ExerciseResult {
    let result = |status, grade, answer, message| ExerciseResult {
        exercise: ex.id.clone(),
        status,
        grade,
        answer,
        message,
    };
    let Some(text) = sub.answers.get(&ex.id) else {
        // Attempts without an answer text come from the TUI: report them, but do not trust a
        // score the learner's own machine wrote.
        let best = sub
            .attempts
            .iter()
            .filter(|a| a.drill.as_str() == ex.id)
            .map(|a| a.score)
            .max();
        let message = match best {
            Some(score) => Msg::ResultTuiOnly.fill(lang, &[&score.to_string()]),
            None => Msg::ResultNoAnswer.text(lang).to_string(),
        };
        return result(Status::Fail, 0, None, message);
    };
    let answer: Answer = match toml::from_str(text) {
        Ok(a) => a,
        Err(e) => {
            let message = Msg::ResultBadAnswer.fill(lang, &[e.message().trim()]);
            return result(Status::Error, 0, None, message);
        }
    };
    let shown = describe(&answer);
    let key = (ex.id.clone(), shown.clone());
    if let Some(done) = graded.get(&key) {
        return done.clone();
    }
    let fresh = match grade::grade(pack, ex, &answer) {
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
            result(status, report.grade, Some(shown), message)
        }
        Err(e) => result(Status::Error, 0, Some(shown), e.0),
    };
    graded.insert(key, fresh.clone());
    fresh
}

/// An answer in its file's own words, one line: `choice = "cni", fix = "restart"`.
fn describe(answer: &Answer) -> String {
    toml::to_string(answer)
        .map(|s| s.trim().replace('\n', ", "))
        .unwrap_or_default()
}

impl ClassReport {
    fn status(&self) -> Status {
        let all = self.learners.iter().flat_map(|l| &l.results);
        if all.clone().any(|r| r.status == Status::Error) {
            Status::Error
        } else if all.clone().all(|r| r.status == Status::Pass) {
            Status::Pass
        } else {
            Status::Fail
        }
    }

    /// An autograder `results.json` (Exercism v3 / GitHub Classroom shape: `version`,
    /// `status`, `tests[]` with `name`, `status`, `message`), one test per learner and
    /// exercise; the per-learner results, tallies and most-missed answers ride alongside.
    pub fn json(&self) -> String {
        let test = |l: &LearnerResult, r: &ExerciseResult, name: String| {
            serde_json::json!({
                "name": name,
                "status": r.status,
                "message": r.message,
                "score": r.grade,
                "learner": l.learner,
                "exercise": r.exercise,
            })
        };
        let tests: Vec<_> = self
            .learners
            .iter()
            .flat_map(|l| {
                l.results
                    .iter()
                    .map(move |r| test(l, r, format!("{} / {}", l.learner, r.exercise)))
            })
            .collect();
        let learners: Vec<_> = self
            .learners
            .iter()
            .map(|l| {
                let status = if l.passed == l.results.len() {
                    Status::Pass
                } else {
                    Status::Fail
                };
                serde_json::json!({
                    "version": 3,
                    "learner": l.learner,
                    "file": l.file,
                    "status": status,
                    "score": l.score,
                    "tests": l.results.iter().map(|r| test(l, r, r.exercise.clone())).collect::<Vec<_>>(),
                })
            })
            .collect();
        let value = serde_json::json!({
            "version": 3,
            "status": self.status(),
            "tests": tests,
            "pack": self.pack,
            "learners": learners,
            "exercises": self.exercises,
            "skills": self.skills,
            "most_missed": self.most_missed,
        });
        serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
    }

    /// JUnit XML: a test suite per learner, a test case per exercise.
    pub fn junit(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let failures = |l: &LearnerResult| l.results.len() - l.passed;
        let _ = writeln!(
            out,
            "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\">",
            xml(&self.pack.id),
            self.learners.iter().map(|l| l.results.len()).sum::<usize>(),
            self.learners.iter().map(failures).sum::<usize>()
        );
        for l in &self.learners {
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
                xml(&l.learner),
                l.results.len(),
                failures(l)
            );
            for r in &l.results {
                let _ = write!(
                    out,
                    "    <testcase classname=\"{}\" name=\"{}\">",
                    xml(&l.learner),
                    xml(&r.exercise)
                );
                match r.status {
                    Status::Pass => {}
                    Status::Fail => {
                        let _ = write!(out, "<failure message=\"{}\"/>", xml(&r.message));
                    }
                    Status::Error => {
                        let _ = write!(out, "<error message=\"{}\"/>", xml(&r.message));
                    }
                }
                out.push_str("</testcase>\n");
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }

    /// One row per learner and exercise; the header names are stable keys, not translated.
    pub fn csv(&self) -> String {
        let mut out = String::from("learner,file,exercise,status,grade,answer,message\n");
        for l in &self.learners {
            for r in &l.results {
                let status = match r.status {
                    Status::Pass => "pass",
                    Status::Fail => "fail",
                    Status::Error => "error",
                };
                let _ = writeln!(
                    out,
                    "{},{},{},{status},{},{},{}",
                    csv(&l.learner),
                    csv(&l.file),
                    csv(&r.exercise),
                    r.grade,
                    csv(r.answer.as_deref().unwrap_or_default()),
                    csv(&r.message)
                );
            }
        }
        out
    }

    /// A report to read: learners, exercises, skills, and the most-missed answers.
    pub fn markdown(&self, lang: Lang) -> String {
        let t = |m: Msg| m.text(lang);
        let mut out = format!(
            "# {}\n\n",
            Msg::ReportTitle.fill(lang, &[&self.pack.id, &self.pack.version])
        );
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} |\n|---|---:|---:|",
            t(Msg::ReportLearners),
            t(Msg::ReportColLearner),
            t(Msg::ReportColScore),
            t(Msg::ReportColPassed)
        );
        for l in &self.learners {
            let _ = writeln!(
                out,
                "| {} | {} | {}/{} |",
                md(&l.learner),
                l.score,
                l.passed,
                l.results.len()
            );
        }
        for (heading, rows) in [
            (Msg::ReportExercises, &self.exercises),
            (Msg::ReportSkills, &self.skills),
        ] {
            let _ = writeln!(
                out,
                "\n## {}\n\n| {} | {} | {} |\n|---|---:|---:|",
                t(heading),
                t(Msg::ReportColName),
                t(Msg::ReportColPassed),
                t(Msg::ReportColMean)
            );
            for row in rows {
                let _ = writeln!(
                    out,
                    "| {} | {}/{} | {} |",
                    md(&row.name),
                    row.passed,
                    row.graded,
                    row.mean_grade
                );
            }
        }
        let _ = writeln!(out, "\n## {}\n", t(Msg::ReportMissed));
        if self.most_missed.is_empty() {
            let _ = writeln!(out, "{}", t(Msg::ReportNoneMissed));
        } else {
            let _ = writeln!(
                out,
                "| {} | {} | {} |\n|---|---|---:|",
                t(Msg::ReportColName),
                t(Msg::ReportColAnswer),
                t(Msg::ReportColLearners)
            );
            for m in &self.most_missed {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} |",
                    md(&m.exercise),
                    m.answer.replace('`', "'"),
                    m.learners
                );
            }
        }
        out
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 4180 quoting, and a leading `=+-@` neutralised so a spreadsheet never runs a formula
/// from a learner-written name.
fn csv(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
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

    #[test]
    fn tui_attempts_are_reported_but_not_trusted() {
        let pack = example();
        let mut progress = Progress::default();
        let clock = FixedClock::new(OffsetDateTime::UNIX_EPOCH);
        progress.record(
            Draft {
                drill: Id::new("retry-layers").unwrap(),
                pack: Id::new("example-pack").unwrap(),
                skills: Vec::new(),
                started: OffsetDateTime::UNIX_EPOCH,
                score: 100,
                passed: true,
                hints: Vec::new(),
                answer: String::new(),
            },
            &clock,
        );
        let sub = submission(&pack, &progress, &[]);
        assert!(sub.answers.is_empty() && sub.attempts.len() == 1);
        let class = grade_class(&pack, &[("a.json".into(), sub)], Lang::En);
        let retry = class.learners[0]
            .results
            .iter()
            .find(|r| r.exercise == "retry-layers")
            .unwrap();
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
        let a = submission(
            &pack,
            &Progress::default(),
            &[("retry-layers", "number = 36")],
        );
        let b = submission(
            &pack,
            &Progress::default(),
            &[("retry-layers", "number=36\n\n")],
        );
        let c = submission(
            &pack,
            &Progress::default(),
            &[("retry-layers", "number = ")],
        );
        let subs = [("a".into(), a), ("b".into(), b), ("c".into(), c)];
        let class = grade_class(&pack, &subs, Lang::Id);
        let retry = |i: usize| {
            class.learners[i]
                .results
                .iter()
                .find(|r| r.exercise == "retry-layers")
                .unwrap()
                .clone()
        };
        assert_eq!(retry(0).status, Status::Pass);
        assert_eq!(retry(1).status, Status::Pass);
        assert_eq!(retry(2).status, Status::Error);
        assert_eq!(class.status(), Status::Error);
        let retry_tally = class
            .exercises
            .iter()
            .find(|t| t.name == "retry-layers")
            .unwrap();
        assert_eq!((retry_tally.graded, retry_tally.passed), (3, 2));
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
