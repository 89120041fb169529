//! The prose rubric: each item names a section (in either language) that must be present and
//! say something beyond the template's labels, and the things it must mention.

use serde::Serialize;

use super::markdown::{Document, has_content};
use crate::drill::exercise::RubricItem;
use crate::i18n::Bilingual;

#[derive(Clone, Debug, Serialize)]
pub struct RubricResult {
    pub id: String,
    pub label: Bilingual,
    pub points: u8,
    pub met: bool,
    /// The section was not found, or holds only the template's labels.
    pub section_missing: bool,
    /// The first word of each group the section does not mention.
    pub missing: Vec<String>,
}

pub fn score(items: &[RubricItem], doc: &Document) -> Vec<RubricResult> {
    items
        .iter()
        .map(|item| {
            let body = doc
                .section(&item.section)
                .map(|i| doc.sections[i].body.as_str())
                .filter(|b| has_content(b));
            let text = body.map(str::to_lowercase).unwrap_or_default();
            let missing: Vec<String> = match body {
                None => Vec::new(),
                Some(_) => item
                    .mentions
                    .iter()
                    .filter(|group| !group.iter().any(|w| text.contains(&w.to_lowercase())))
                    .filter_map(|group| group.first().cloned())
                    .collect(),
            };
            RubricResult {
                id: item.id.clone(),
                label: item.label.clone(),
                points: item.points,
                met: body.is_some() && missing.is_empty(),
                section_missing: body.is_none(),
                missing,
            }
        })
        .collect()
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
        }
    }

    #[test]
    fn sections_match_either_language_and_need_content() {
        let doc = Document::parse(
            "## Konteks\nKami butuh mTLS.\n## Alternatives Considered\n- Linkerd: simple\n- Cilium: eBPF\n## Consequences\n- Operational cost:\n- Lock-in:\n",
        );
        let r = score(&[item(&["Context", "Konteks"], &[])], &doc);
        assert!(r[0].met);
        let r = score(
            &[item(
                &["Alternatives", "Alternatif"],
                &[&["linkerd"], &["cilium"], &["ambient", "ambien"]],
            )],
            &doc,
        );
        assert!(!r[0].met);
        assert_eq!(r[0].missing, ["ambient"]);
        // The bare template labels are not content.
        let r = score(&[item(&["Consequences", "Konsekuensi"], &[])], &doc);
        assert!(!r[0].met && r[0].section_missing);
        let r = score(&[item(&["Rollback", "Rencana Rollback"], &[])], &doc);
        assert!(r[0].section_missing);
    }
}
