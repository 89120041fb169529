//! The ADR a learner starts from: lesson 17's template, with the decision block's keys written
//! out as comments so the machine-readable part is as easy to find as the prose.

use crate::i18n::Lang;

const EN: &str = include_str!("../../../assets/adr/template.en.md");
const ID: &str = include_str!("../../../assets/adr/template.id.md");

pub fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Id => ID,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::adr::markdown::Document;
    use crate::drill::exercise::Kind;
    use crate::drill::pack::Pack;

    /// Every rubric section of the built-in ADR drills has its heading in both templates, so a
    /// learner filling the template in either language can earn every point.
    #[test]
    fn both_templates_carry_every_rubric_section() {
        let pack = Pack::builtin().unwrap();
        for lang in [Lang::En, Lang::Id] {
            let doc = Document::parse(template(lang));
            for ex in pack.exercises.iter().filter(|e| e.kind == Kind::Adr) {
                for item in &ex.rubric {
                    assert!(
                        doc.section(&item.section).is_some(),
                        "{lang:?} template lacks a section for {} of {}",
                        item.id,
                        ex.id
                    );
                }
            }
        }
    }

    /// The decision block is there but commented out: grading the bare template fails with a
    /// located error instead of silently simulating a decision nobody made.
    #[test]
    fn the_bare_template_is_not_a_decision() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("adr-linkerd").unwrap();
        for lang in [Lang::En, Lang::Id] {
            let err = crate::drill::adr::grade(&pack, ex, "adr.md", template(lang)).unwrap_err();
            assert!(err.to_string().contains("adr.md:"), "{err}");
        }
    }
}
