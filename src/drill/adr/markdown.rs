//! The ADR as a learner writes it: `##` sections (outside code fences) and the fenced ```toml
//! decision block under the Decision heading. Line based, so every part keeps its byte offset
//! for `file:line:column` errors.

/// A `##` section: its heading text, where it starts, and its prose up to the next `#`/`##`
/// (fenced code is kept apart, in [`Fence`]s: a decision block is not prose).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    /// Byte offset of the heading line.
    pub offset: usize,
    pub body: String,
}

/// A fenced code block: its info string (`toml`), its text, and the byte offset of that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fence {
    pub info: String,
    pub text: String,
    pub offset: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub sections: Vec<Section>,
    /// Fences per section, same order as `sections`.
    pub fences: Vec<Vec<Fence>>,
}

impl Document {
    pub fn parse(text: &str) -> Document {
        let mut doc = Document::default();
        let mut offset = 0;
        // (marker, info, text, text offset) of the fence being read.
        let mut fence: Option<(String, String, String, usize)> = None;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim_end_matches(['\n', '\r']);
            let lead = trimmed.trim_start();
            if let Some((marker, info, body, at)) = fence.as_mut() {
                if lead.starts_with(marker.as_str()) && lead.trim_matches(['`', '~']).is_empty() {
                    let f = Fence {
                        info: std::mem::take(info),
                        text: std::mem::take(body),
                        offset: *at,
                    };
                    if let Some(list) = doc.fences.last_mut() {
                        list.push(f);
                    }
                    fence = None;
                } else {
                    body.push_str(line);
                }
                continue;
            }
            if let Some(marker) = fence_marker(lead) {
                let info = lead[marker.len()..].trim().to_ascii_lowercase();
                fence = Some((marker, info, String::new(), offset));
                continue;
            }
            if let Some(h) = lead.strip_prefix("## ") {
                doc.sections.push(Section {
                    heading: h.trim().trim_end_matches('#').trim().to_string(),
                    offset: start,
                    body: String::new(),
                });
                doc.fences.push(Vec::new());
            } else if lead.starts_with("# ") {
                // A top-level title ends the section before it.
                doc.sections.push(Section {
                    heading: String::new(),
                    offset: start,
                    body: String::new(),
                });
                doc.fences.push(Vec::new());
            } else if let Some(s) = doc.sections.last_mut() {
                s.body.push_str(line);
            }
        }
        doc
    }

    /// The first section whose heading starts with one of `names` (case-insensitive).
    pub fn section(&self, names: &[String]) -> Option<usize> {
        self.sections.iter().position(|s| {
            let h = s.heading.to_lowercase();
            !h.is_empty() && names.iter().any(|n| h.starts_with(&n.to_lowercase()))
        })
    }
}

/// "```" or "~~~" (three or more) opening a fence.
fn fence_marker(lead: &str) -> Option<String> {
    for c in ['`', '~'] {
        let n = lead.chars().take_while(|x| *x == c).count();
        if n >= 3 {
            return Some(std::iter::repeat_n(c, n).collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::adr::rubric::learners_text;

    fn has_content(body: &str) -> bool {
        !learners_text(body).is_empty()
    }

    #[test]
    fn sections_and_fences_keep_their_offsets() {
        let text = "# ADR\n\n## Context\n\nWe need mTLS.\n\n## Decision\n\n```toml\nmesh = \"linkerd\"\n```\n\n## Scope\n- Included namespaces:\n";
        let doc = Document::parse(text);
        let names: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(names, ["", "Context", "Decision", "Scope"]);
        let d = doc
            .section(&["keputusan".into(), "decision".into()])
            .unwrap();
        let fence = &doc.fences[d][0];
        assert_eq!(fence.info, "toml");
        assert_eq!(fence.text, "mesh = \"linkerd\"\n");
        assert_eq!(&text[fence.offset..fence.offset + 4], "mesh");
        assert!(has_content(&doc.sections[1].body));
        assert!(!has_content(&doc.sections[3].body));
    }

    #[test]
    fn headings_inside_fences_are_not_sections() {
        let doc = Document::parse("## Decision\n```markdown\n## Not a section\n```\ntext\n");
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.sections[0].body, "text\n");
        assert_eq!(doc.fences[0][0].text, "## Not a section\n");
        // A section holding only its decision block has no prose.
        let doc = Document::parse("## Decision\n\n```toml\nmesh = \"linkerd\"\n```\n");
        assert!(!has_content(&doc.sections[0].body));
    }
}
