//! The prose rubric: each item names a section (in either language) that must say something
//! of the learner's own, and the things it must mention. Only what the learner wrote scores:
//! the template's labels (`- Lock-in:`) and its placeholder sentences ("We need workload-to-
//! workload encryption…") are not content, and an item tied to requirements scores nothing when
//! the simulator showed one of them broken.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Serialize;

use super::markdown::Document;
use super::template;
use crate::drill::exercise::RubricItem;
use crate::i18n::{Bilingual, Lang};

#[derive(Clone, Debug, Serialize)]
pub struct RubricResult {
    pub id: String,
    pub label: Bilingual,
    pub points: u8,
    pub met: bool,
    /// The section was not found, or holds only the template's labels and sentences.
    pub section_missing: bool,
    /// The first word of each group the section does not mention.
    pub missing: Vec<String>,
    /// Requirements this item needs that broke: the prose claims what the decision does not do.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub broken_requirements: Vec<String>,
}

/// `broken` names the requirements the simulator found broken.
pub fn score(items: &[RubricItem], doc: &Document, broken: &[&str]) -> Vec<RubricResult> {
    items
        .iter()
        .map(|item| {
            let own = doc
                .section(&item.section)
                .map(|i| learners_text(&doc.sections[i].body))
                .filter(|t| !t.is_empty());
            let missing: Vec<String> = match &own {
                None => Vec::new(),
                Some(text) => item
                    .mentions
                    .iter()
                    .filter(|group| !group.iter().any(|w| text.contains(&w.to_lowercase())))
                    .filter_map(|group| group.first().cloned())
                    .collect(),
            };
            let broken_requirements: Vec<String> = item
                .requires
                .iter()
                .filter(|r| broken.contains(&r.as_str()))
                .cloned()
                .collect();
            RubricResult {
                id: item.id.clone(),
                label: item.label.clone(),
                points: item.points,
                met: own.is_some() && missing.is_empty() && broken_requirements.is_empty(),
                section_missing: own.is_none(),
                missing,
                broken_requirements,
            }
        })
        .collect()
}

/// What the learner wrote in a section body, lowercased: its sentences less the template's, and
/// less bare labels (`- Lock-in:`). A filled label (`- Linkerd: simple`) keeps its label, which
/// the learner chose to fill.
pub fn learners_text(body: &str) -> String {
    let template = template_sentences();
    sentences(body)
        .into_iter()
        .filter(|s| !template.contains(s))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sentences of both templates, normalised as [`sentences`] does.
fn template_sentences() -> &'static BTreeSet<String> {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        Lang::ALL
            .iter()
            .flat_map(|lang| {
                let doc = Document::parse(template::template(*lang));
                doc.sections
                    .iter()
                    .flat_map(|s| sentences(&s.body))
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// A body's sentences, lowercased with spaces collapsed and the final stop dropped: list items
/// and lines that end a sentence split it, so a template sentence wrapped over two lines is
/// still one. Bare labels and HTML comments are left out.
fn sentences(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_comment = false;
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let s = current
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let s = s.trim_end_matches(['.', '!', '?']).trim().to_string();
        if !s.is_empty() {
            out.push(s);
        }
        current.clear();
    };
    for line in body.lines() {
        let mut l = line.trim();
        // Comments are the template's notes to the learner, not prose.
        if in_comment {
            if let Some((_, after)) = l.split_once("-->") {
                in_comment = false;
                l = after.trim();
            } else {
                continue;
            }
        }
        if let Some((before, after)) = l.split_once("<!--") {
            match after.split_once("-->") {
                Some(_) => {}
                None => in_comment = true,
            }
            l = before.trim();
        }
        let item = l.starts_with(['-', '*', '+']);
        let l = l
            .trim_start_matches(['-', '*', '+'])
            .trim()
            .trim_start_matches("[ ]")
            .trim_start_matches("[x]")
            .trim();
        if l.is_empty() || item {
            flush(&mut current, &mut out);
        }
        // `Lock-in:` with nothing after it is a label waiting to be filled.
        if l.ends_with(':') && !l.contains(' ') || l.strip_suffix(':').is_some_and(is_label) {
            continue;
        }
        // A stop followed by a space or the line's end ends a sentence (`2.14` does not).
        let mut chars = l.chars().peekable();
        current.push(' ');
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
                flush(&mut current, &mut out);
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

/// A template label: a few words with no sentence stop (`Operational cost`, `mTLS metrics`).
fn is_label(text: &str) -> bool {
    !text.is_empty() && text.split_whitespace().count() <= 6 && !text.contains(['.', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(section: &[&str], mentions: &[&[&str]]) -> RubricItem {
        RubricItem {
            id: "x".into(),
            label: Bilingual::default(),
            points: 2,
            section: section.iter().map(|s| s.to_string()).collect(),
            mentions: mentions
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect(),
            requires: Vec::new(),
        }
    }

    #[test]
    fn sections_match_either_language_and_need_content() {
        let doc = Document::parse(
            "## Konteks\nKami butuh mTLS.\n## Alternatives Considered\n- Linkerd: simple\n- Cilium: eBPF\n## Consequences\n- Operational cost:\n- Lock-in:\n",
        );
        let r = score(&[item(&["Context", "Konteks"], &[])], &doc, &[]);
        assert!(r[0].met);
        let r = score(
            &[item(
                &["Alternatives", "Alternatif"],
                &[&["linkerd"], &["cilium"], &["ambient", "ambien"]],
            )],
            &doc,
            &[],
        );
        assert!(!r[0].met);
        assert_eq!(r[0].missing, ["ambient"]);
        // The bare template labels are not content.
        let r = score(&[item(&["Consequences", "Konsekuensi"], &[])], &doc, &[]);
        assert!(!r[0].met && r[0].section_missing);
        let r = score(&[item(&["Rollback", "Rencana Rollback"], &[])], &doc, &[]);
        assert!(r[0].section_missing);
    }

    /// An untouched template earns no rubric point in either language, whatever an item asks:
    /// its sentences and labels are the template's, not the learner's.
    #[test]
    fn the_template_scores_nothing() {
        let pack = crate::drill::pack::Pack::builtin().unwrap();
        for lang in Lang::ALL {
            let doc = Document::parse(template::template(lang));
            for ex in pack.exercises.iter().filter(|e| !e.rubric.is_empty()) {
                let lax: Vec<RubricItem> = ex
                    .rubric
                    .iter()
                    .map(|i| RubricItem {
                        mentions: Vec::new(),
                        ..i.clone()
                    })
                    .collect();
                for r in score(&ex.rubric, &doc, &[])
                    .iter()
                    .chain(&score(&lax, &doc, &[]))
                {
                    assert!(!r.met, "{lang:?} {}: {} met by the template", ex.id, r.id);
                }
            }
        }
    }

    #[test]
    fn the_learners_own_words_count_and_the_templates_do_not() {
        let body = "We need workload-to-workload encryption, service identity, policy\nenforcement, observability, and selected traffic shaping for\nKubernetes workloads.\nOur ledger must refuse the web tier.\n";
        assert_eq!(learners_text(body), "our ledger must refuse the web tier");
        let items = "- All in-scope service-to-service traffic must use mTLS.\n- Lock-in:\n- Linkerd: simple Rust proxy\n";
        assert_eq!(learners_text(items), "linkerd: simple rust proxy");
        // A wrapped template sentence is still the template's.
        let rewrapped = "We need workload-to-workload encryption,\nservice identity, policy enforcement, observability, and selected traffic shaping for Kubernetes workloads.";
        assert_eq!(learners_text(rewrapped), "");
    }

    #[test]
    fn an_item_tied_to_a_broken_requirement_scores_nothing() {
        let doc = Document::parse("## Context\nStrict mTLS everywhere.\n");
        let mut tied = item(&["Context"], &[&["mtls"]]);
        tied.requires = vec!["plaintext-refused".into()];
        assert!(score(std::slice::from_ref(&tied), &doc, &[])[0].met);
        let r = score(&[tied], &doc, &["plaintext-refused"]);
        assert!(!r[0].met && !r[0].section_missing);
        assert_eq!(r[0].broken_requirements, ["plaintext-refused"]);
    }
}
