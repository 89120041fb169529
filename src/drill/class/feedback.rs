//! A feedback file per learner (Markdown, in the report's language): their score and points,
//! then every exercise: passed or not, what held and what broke as the grader saw it, the
//! hints they opened, whether it came late, and for a drill not yet passed, the lesson section
//! to read and the command that opens it.

use std::fmt::Write as _;

use super::formats::md;
use super::{ClassReport, LearnerResult, Status};
use crate::content::Catalog;
use crate::drill::pack::Pack;
use crate::i18n::{Lang, Msg};

/// The feedback file's name: the submission file's stem (letters, digits, `-`, `_`, `.`
/// kept; anything else becomes `_`), `.md`.
pub fn file_name(l: &LearnerResult) -> String {
    let stem = std::path::Path::new(&l.file)
        .file_stem()
        .map_or_else(|| l.learner.clone(), |s| s.to_string_lossy().into_owned());
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    format!("{}.md", if safe.is_empty() { "learner" } else { safe })
}

/// `catalog` gives lesson titles (the course with the pack's own lessons); without it the
/// lesson's file stem is shown.
pub fn markdown(
    report: &ClassReport,
    l: &LearnerResult,
    pack: &Pack,
    catalog: Option<&Catalog>,
    lang: Lang,
) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = format!(
        "# {}\n\n",
        Msg::FeedbackTitle.fill(lang, &[&l.learner, &report.pack.id, &report.pack.version])
    );
    let _ = writeln!(
        out,
        "{}\n",
        Msg::FeedbackSummary.fill(
            lang,
            &[
                &l.points.to_string(),
                &l.max_points.to_string(),
                &l.passed.to_string(),
                &l.results.len().to_string(),
                &l.hints.to_string()
            ]
        )
    );
    if l.late {
        let _ = writeln!(
            out,
            "{}\n",
            Msg::FeedbackLate.fill(lang, &[report.due.as_deref().unwrap_or("-")])
        );
    }
    for (r, ex) in l.results.iter().zip(&pack.exercises) {
        let mark = match r.status {
            Status::Pass => "✓",
            Status::Fail => "✗",
            Status::Error => "⚠",
        };
        let _ = writeln!(out, "## {mark} {} — {}\n", md(&ex.title.get(lang)), ex.id);
        let _ = writeln!(
            out,
            "{}\n",
            Msg::FeedbackExercise.fill(
                lang,
                &[
                    &r.grade.to_string(),
                    &r.points.to_string(),
                    &super::points(ex).to_string(),
                    &r.hints.to_string()
                ]
            )
        );
        if r.late {
            let _ = writeln!(out, "{}\n", t(Msg::FeedbackAnsweredLate));
        }
        if r.lines.is_empty() {
            let _ = writeln!(out, "{}\n", r.message);
        } else {
            out.push_str("```text\n");
            for line in r.lines.iter() {
                let _ = writeln!(out, "{}", line.replace("```", "'''"));
            }
            out.push_str("```\n\n");
        }
        if r.status != Status::Pass {
            let title = catalog
                .and_then(|c| c.lessons().find(|s| s.slug == ex.lesson))
                .map(|s| s.text(lang).title.clone())
                .unwrap_or_else(|| ex.lesson.clone());
            let _ = writeln!(
                out,
                "{}\n",
                Msg::FeedbackRead.fill(lang, &[&md(&title), &ex.lesson])
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::class::grade_class;
    use crate::drill::submission::Submission;
    use crate::practice::progress::Progress;

    #[test]
    fn a_learner_reads_what_broke_and_where_to_read_next() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/example-pack");
        let pack = Pack::from_dir(&dir).unwrap();
        let mut sub = Submission::new(
            &pack,
            &Progress::default(),
            "ana",
            time::OffsetDateTime::UNIX_EPOCH,
        );
        sub.answers
            .insert("business-permission".into(), "choice = \"cni\"".into());
        sub.answers
            .insert("retry-layers".into(), "number = 36".into());
        let class = grade_class(&pack, &[("subs/../ana b.json".into(), sub)], Lang::En);
        let l = &class.learners[0];
        assert_eq!(file_name(l), "ana_b.md");
        let catalog = pack.add_lessons_to(Catalog::builtin().unwrap());
        let text = markdown(&class, l, &pack, Some(&catalog), Lang::En);
        assert!(text.contains("## ✗ "), "{text}");
        assert!(text.contains("✗ unassigned-officer-approves"), "{text}");
        assert!(
            text.contains("meshlab lesson show 09-enforcement-points"),
            "{text}"
        );
        assert!(text.contains("## ✓ "), "{text}");
        let id = markdown(&class, l, &pack, Some(&catalog), Lang::Id);
        assert!(id.contains("Baca"), "{id}");
    }
}
