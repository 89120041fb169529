//! Which command answers which debugging question (lesson 8.3): sidecar debugging asks "did
//! this Pod get the right proxy config?", eBPF debugging "which identity was assigned?", and
//! each question has the tools that can answer it. The learner names, for every question, the
//! command they ran in the investigation console and the fact it showed. Grading runs each named
//! command in the same console, on the drill's cluster, and credits a question only when the
//! fact is one that answers it and that command's output really shows it: a fact copied from
//! another command's output, or a command that cannot show it, earns nothing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Answer, Exercise};
use super::grade::{self, Detail, GradeError, PASS_MARK, Report};
use super::pack::{KindProblem, Pack};
use crate::i18n::{Bilingual, Lang, Msg};
use crate::sim::tools::{self, Lab, Reply};

/// A fact is one line of a tool's output (or a piece of one), no longer than this.
pub const MAX_FACT: usize = 200;

/// One debugging question of the drill.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: Bilingual,
    /// What answers it, as the console prints it: a finding must contain one of these
    /// (compared without case, runs of spaces as one).
    pub facts: Vec<String>,
    /// What the fact means and which commands show it: said when the question is missed.
    pub why: Bilingual,
}

/// The learner's answer to one question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The question's id.
    pub question: String,
    /// The command line, as typed in the console.
    pub command: String,
    /// What its output showed: one line of it, or a piece of one.
    pub fact: String,
}

/// Question by question: what the learner said and what the console showed.
#[derive(Clone, Debug, Serialize)]
pub struct Findings {
    pub questions: Vec<Checked>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    pub question: String,
    pub text: Bilingual,
    pub finding: Option<Finding>,
    pub verdict: Verdict,
    pub why: Bilingual,
}

/// What became of one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The fact answers the question and the command shows it.
    Shown,
    /// No finding for this question.
    Unanswered,
    /// The fact is not one that answers this question.
    WrongFact,
    /// The command did not run in the console (not a tool, a refused flag, an error).
    DidNotRun,
    /// The command ran, but its output does not show the fact: it cannot answer this.
    NotInOutput,
}

pub fn grade(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    for f in &answer.findings {
        if !ex.questions.iter().any(|q| q.id == f.question) {
            let ids: Vec<&str> = ex.questions.iter().map(|q| q.id.as_str()).collect();
            return Err(GradeError(format!(
                "no question `{}` in exercise `{}` (questions: {})",
                f.question,
                ex.id,
                ids.join(", ")
            )));
        }
        if f.fact.contains('\n') || f.fact.chars().count() > MAX_FACT {
            return Err(GradeError(format!(
                "the fact for `{}` must be one line of output, at most {MAX_FACT} characters",
                f.question
            )));
        }
    }
    let (sim, traffic) = grade::investigate(pack, ex)?;
    let lab = Lab::new(sim, traffic, ex.extras());
    let questions: Vec<Checked> = ex
        .questions
        .iter()
        .map(|q| {
            // The last finding for a question is the one that counts (a learner corrects); one
            // left as the template wrote it is no answer.
            let finding = answer
                .findings
                .iter()
                .rev()
                .find(|f| f.question == q.id)
                .filter(|f| !f.command.trim().is_empty() || !f.fact.trim().is_empty())
                .cloned();
            let verdict = finding
                .as_ref()
                .map_or(Verdict::Unanswered, |f| check(&lab, q, f));
            Checked {
                question: q.id.clone(),
                text: q.text.clone(),
                finding,
                verdict,
                why: q.why.clone(),
            }
        })
        .collect();
    let shown = questions
        .iter()
        .filter(|c| c.verdict == Verdict::Shown)
        .count();
    let grade = (shown * 100)
        .checked_div(questions.len())
        .unwrap_or(0)
        .min(100) as u8;
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: Vec::new(),
        probes: Vec::new(),
        expected_number: None,
        detail: Some(Detail::Debugging(Findings { questions })),
        timeline: None,
    })
}

/// The fact must answer the question, and the command must show it when run in the console.
fn check(lab: &Lab, q: &Question, f: &Finding) -> Verdict {
    let fact = normal(&f.fact);
    if fact.is_empty() || !q.facts.iter().any(|a| fact.contains(&normal(a))) {
        return Verdict::WrongFact;
    }
    match tools::run(lab, &f.command) {
        Reply::Ran(out) if out.code == 0 => {
            if out.stdout.lines().any(|line| normal(line).contains(&fact)) {
                Verdict::Shown
            } else {
                Verdict::NotInOutput
            }
        }
        _ => Verdict::DidNotRun,
    }
}

/// Lower case, runs of white space as one space, trimmed: how a column-aligned table line and
/// the same words typed by hand compare.
fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Question by question, as report lines.
pub fn lines(f: &Findings, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for c in &f.questions {
        let mark = if c.verdict == Verdict::Shown {
            "✓"
        } else {
            "✗"
        };
        out.push(format!("{mark} {}", c.text.get(lang)));
        if let Some(finding) = &c.finding {
            out.push(format!(
                "    {}",
                Msg::DebuggingFinding.fill(lang, &[&finding.command, &finding.fact])
            ));
        }
        let verdict = match c.verdict {
            Verdict::Shown => continue,
            Verdict::Unanswered => Msg::DebuggingUnanswered,
            Verdict::WrongFact => Msg::DebuggingWrongFact,
            Verdict::DidNotRun => Msg::DebuggingDidNotRun,
            Verdict::NotInOutput => Msg::DebuggingNotInOutput,
        };
        out.push(format!("    {}", verdict.text(lang)));
        out.push(format!("    {}", c.why.get(lang)));
    }
    out
}

/// What makes a debugging drill unusable whatever the answer, as (text to point at, message).
pub fn problems(ex: &Exercise) -> Vec<KindProblem> {
    let mut out = Vec::new();
    if ex.questions.is_empty() {
        out.push(("kind", Msg::DebuggingNeedsQuestions, vec![]));
    }
    for (i, q) in ex.questions.iter().enumerate() {
        if ex.questions[..i].iter().any(|p| p.id == q.id) {
            out.push(("questions", Msg::DebuggingQuestionTwice, vec![q.id.clone()]));
        }
        if q.facts.iter().all(|f| normal(f).is_empty()) {
            out.push(("facts", Msg::DebuggingNeedsFacts, vec![q.id.clone()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(question: &str, command: &str, fact: &str) -> Finding {
        Finding {
            question: question.into(),
            command: command.into(),
            fact: fact.into(),
        }
    }

    fn answer(findings: Vec<Finding>) -> Answer {
        Answer {
            findings,
            ..Answer::default()
        }
    }

    fn verdicts(r: &Report) -> Vec<Verdict> {
        let Some(Detail::Debugging(f)) = &r.detail else {
            panic!("no debugging detail")
        };
        f.questions.iter().map(|c| c.verdict).collect()
    }

    #[test]
    fn a_table_line_and_the_same_words_typed_by_hand_compare_equal() {
        assert_eq!(
            normal("frontend-0   1/1     Running"),
            normal(" Frontend-0 1/1 running ")
        );
    }

    #[test]
    fn a_question_counts_only_when_its_command_shows_a_fact_that_answers_it() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("debug-sidecar-questions").unwrap();
        let redirect = "iptables";
        let right = finding(
            redirect,
            "kubectl describe pod checkout-0 -n shop",
            "istio-init",
        );
        let r = grade(&pack, ex, &answer(vec![right.clone()])).unwrap();
        assert_eq!(r.grade, 25, "one question of four");
        assert_eq!(verdicts(&r)[1], Verdict::Shown);
        // The right fact, from a command that cannot show it.
        let elsewhere = finding(redirect, "istioctl proxy-status", "istio-init");
        let r = grade(&pack, ex, &answer(vec![elsewhere])).unwrap();
        assert_eq!(verdicts(&r)[1], Verdict::NotInOutput);
        assert_eq!(r.grade, 0);
        // A fact the command shows, but not one that answers the question.
        let off = finding(
            redirect,
            "kubectl describe pod checkout-0 -n shop",
            "Running",
        );
        let r = grade(&pack, ex, &answer(vec![off])).unwrap();
        assert_eq!(verdicts(&r)[1], Verdict::WrongFact);
        // Not a command the console runs.
        let typo = finding(
            redirect,
            "kubectl descibe pod checkout-0 -n shop",
            "istio-init",
        );
        let r = grade(&pack, ex, &answer(vec![typo])).unwrap();
        assert_eq!(verdicts(&r)[1], Verdict::DidNotRun);
        // The last finding for a question is the one graded.
        let r = grade(&pack, ex, &answer(vec![finding(redirect, "x", "y"), right])).unwrap();
        assert_eq!(verdicts(&r)[1], Verdict::Shown);
        // A finding left empty, as `exercise start` writes it, is no answer.
        let blank = finding(redirect, " ", "");
        let r = grade(&pack, ex, &answer(vec![blank])).unwrap();
        assert_eq!(verdicts(&r)[1], Verdict::Unanswered);
    }

    #[test]
    fn findings_must_name_a_question_of_the_drill_and_be_one_line() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("debug-sidecar-questions").unwrap();
        let stray = finding("nope", "istioctl proxy-status", "SYNCED");
        assert!(grade(&pack, ex, &answer(vec![stray])).is_err());
        let pasted = finding("iptables", "kubectl get pods -A", "istio-init\nistio-proxy");
        assert!(grade(&pack, ex, &answer(vec![pasted])).is_err());
    }

    #[test]
    fn the_report_says_why_a_question_was_missed() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("debug-sidecar-questions").unwrap();
        let elsewhere = finding("iptables", "istioctl proxy-status", "istio-init");
        let r = grade(&pack, ex, &answer(vec![elsewhere])).unwrap();
        let Some(Detail::Debugging(f)) = &r.detail else {
            panic!("no debugging detail")
        };
        let text = lines(f, Lang::En).join("\n");
        assert!(
            text.contains("`istioctl proxy-status` → istio-init"),
            "{text}"
        );
        assert!(
            text.contains(Msg::DebuggingNotInOutput.text(Lang::En)),
            "{text}"
        );
        assert!(
            text.contains(Msg::DebuggingUnanswered.text(Lang::En)),
            "{text}"
        );
    }
}
