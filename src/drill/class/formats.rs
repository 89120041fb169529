//! The class report's formats: an autograder `results.json`, JUnit XML, a CSV an LMS imports
//! (one row per learner, one column per exercise), and Markdown to read.

use std::fmt::Write as _;

use super::{ClassReport, ExerciseResult, LearnerResult, Status};
use crate::i18n::{Lang, Msg};

impl ClassReport {
    /// An autograder `results.json` (Exercism v3 / GitHub Classroom shape: `version`,
    /// `status`, `tests[]` with `name`, `status`, `message`), one test per learner and
    /// exercise; the per-learner results, tallies, most-missed answers and hardest exercises
    /// ride alongside.
    pub fn json(&self) -> String {
        let test = |l: &LearnerResult, r: &ExerciseResult, name: String| {
            serde_json::json!({
                "name": name,
                "status": r.status,
                "message": r.message,
                "score": r.grade,
                "points": r.points,
                "hints": r.hints,
                "late": r.late,
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
                    "points": l.points,
                    "max_points": l.max_points,
                    "hints": l.hints,
                    "late": l.late,
                    "submitted": l.submitted.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                    "tests": l.results.iter().map(|r| test(l, r, r.exercise.clone())).collect::<Vec<_>>(),
                })
            })
            .collect();
        let value = serde_json::json!({
            "version": 3,
            "status": self.status(),
            "tests": tests,
            "pack": self.pack,
            "due": self.due,
            "learners": learners,
            "exercises": self.exercises,
            "skills": self.skills,
            "most_missed": self.most_missed,
            "hardest": self.hardest,
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

    /// One row per learner, one column per exercise holding the points earned, for an LMS
    /// grade book; `late` is `yes` for a submission after `due`, `hints` counts the hints
    /// opened. The header names are stable keys, not translated.
    pub fn csv(&self) -> String {
        let mut out = String::from("learner,file,submitted,late,hints,points,max_points");
        for t in &self.exercises {
            out.push(',');
            out.push_str(&csv(&t.name));
        }
        out.push('\n');
        for l in &self.learners {
            let submitted = l
                .submitted
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
            let late = if l.late { "yes" } else { "no" };
            let _ = write!(
                out,
                "{},{},{submitted},{late},{},{},{}",
                csv(&l.learner),
                csv(&l.file),
                l.hints,
                l.points,
                l.max_points
            );
            for r in &l.results {
                let _ = write!(out, ",{}", r.points);
            }
            out.push('\n');
        }
        out
    }

    /// A report to read: learners, the hardest exercises, exercises, skills, and the
    /// most-missed answers.
    pub fn markdown(&self, lang: Lang) -> String {
        let t = |m: Msg| m.text(lang);
        let mut out = format!(
            "# {}\n\n",
            Msg::ReportTitle.fill(lang, &[&self.pack.id, &self.pack.version])
        );
        if let Some(due) = &self.due {
            let late = self.learners.iter().filter(|l| l.late).count();
            let _ = writeln!(
                out,
                "{}\n",
                Msg::ReportDue.fill(lang, &[due, &late.to_string()])
            );
        }
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---|",
            t(Msg::ReportLearners),
            t(Msg::ReportColLearner),
            t(Msg::ReportColScore),
            t(Msg::ReportColPoints),
            t(Msg::ReportColPassed),
            t(Msg::ReportColHints),
            t(Msg::ReportColLate)
        );
        for l in &self.learners {
            let late = if l.late { t(Msg::ReportLateYes) } else { "" };
            let _ = writeln!(
                out,
                "| {} | {} | {}/{} | {}/{} | {} | {late} |",
                md(&l.learner),
                l.score,
                l.points,
                l.max_points,
                l.passed,
                l.results.len(),
                l.hints
            );
        }
        let _ = writeln!(out, "\n## {}\n", t(Msg::ReportHardest));
        if self.hardest.is_empty() {
            let _ = writeln!(out, "{}", t(Msg::ReportNoneHard));
        } else {
            for (i, h) in self.hardest.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. {}",
                    i + 1,
                    Msg::ReportHardRow.fill(
                        lang,
                        &[
                            &md(&h.name),
                            &h.passed.to_string(),
                            &h.graded.to_string(),
                            &h.mean_grade.to_string(),
                            &h.hints.to_string()
                        ]
                    )
                );
            }
        }
        for (heading, rows) in [
            (Msg::ReportExercises, &self.exercises),
            (Msg::ReportSkills, &self.skills),
        ] {
            let _ = writeln!(
                out,
                "\n## {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
                t(heading),
                t(Msg::ReportColName),
                t(Msg::ReportColPassed),
                t(Msg::ReportColMean),
                t(Msg::ReportColHints)
            );
            for row in rows {
                let _ = writeln!(
                    out,
                    "| {} | {}/{} | {} | {} |",
                    md(&row.name),
                    row.passed,
                    row.graded,
                    row.mean_grade,
                    row.hints
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

pub(super) fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 4180 quoting, and a leading `=+-@` neutralised so a spreadsheet never runs a formula
/// from a learner-written name.
pub(super) fn csv(s: &str) -> String {
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

/// A table cell: no pipes or line breaks from a learner's text.
pub(super) fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
