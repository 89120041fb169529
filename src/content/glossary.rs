//! The course glossary (`assets/glossary.toml`, embedded): every technical term, how the
//! Indonesian text renders it (or that it stays English), and a one-line definition in both
//! languages. The TUI's glossary screen and `meshlab glossary` read it; `tests/glossary.rs`
//! checks that the Indonesian lessons follow it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diag::SourceError;
use crate::i18n::{Bilingual, Lang};

/// The embedded glossary file.
pub const SOURCE: &str = include_str!("../../assets/glossary.toml");
const FILE: &str = "assets/glossary.toml";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// As the English lessons write it.
    pub en: String,
    /// As the Indonesian lessons write it; equal to `en` when the term stays English.
    pub id: String,
    /// Other forms Indonesian text may use (an inflection, an accepted synonym).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Competing renderings the Indonesian lessons must not use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    pub definition: Bilingual,
}

impl Term {
    /// The term as the text in `lang` writes it.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    /// Whether Indonesian text keeps the English word.
    pub fn kept_in_english(&self) -> bool {
        self.id == self.en
    }

    /// How well the term matches `query` (already lower-cased): by a name, else by a definition.
    fn relevance(&self, query: &str) -> Option<Relevance> {
        let has = |text: &str| text.to_lowercase().contains(query);
        if [&self.en, &self.id]
            .into_iter()
            .chain(&self.also)
            .any(|n| has(n))
        {
            Some(Relevance::Name)
        } else if has(&self.definition.id) || has(&self.definition.en) {
            Some(Relevance::Definition)
        } else {
            None
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Relevance {
    Name,
    Definition,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    term: Vec<Term>,
}

#[derive(Clone, Debug)]
pub struct Glossary {
    /// In file order: sorted by the English term.
    pub terms: Vec<Term>,
}

impl Glossary {
    pub fn parse(file: &str, text: &str) -> Result<Glossary, SourceError> {
        let parsed: File =
            toml::from_str(text).map_err(|e| SourceError::from_toml(file, text, 0, &e))?;
        Ok(Glossary { terms: parsed.term })
    }

    /// The embedded glossary, parsed once. A malformed file cannot pass the tests, so the
    /// error only reaches a build that skipped them; it is shown, never a panic.
    pub fn builtin() -> Result<&'static Glossary, &'static SourceError> {
        static BUILTIN: OnceLock<Result<Glossary, SourceError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Glossary::parse(FILE, SOURCE))
            .as_ref()
    }

    /// The terms matching `query` (case-insensitive, any language; every term when empty):
    /// those whose name matches first, then those whose definition does, each group in the
    /// order of their names in `lang`.
    pub fn search(&self, query: &str, lang: Lang) -> Vec<&Term> {
        let query = query.trim().to_lowercase();
        let mut hits: Vec<(Relevance, String, &Term)> = self
            .terms
            .iter()
            .filter_map(|t| {
                let relevance = if query.is_empty() {
                    Relevance::Name
                } else {
                    t.relevance(&query)?
                };
                Some((relevance, t.name(lang).to_lowercase(), t))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        hits.into_iter().map(|(_, _, t)| t).collect()
    }

    /// The term named `name` in either language or one of its other forms (case-insensitive).
    pub fn find(&self, name: &str) -> Option<&Term> {
        let name = name.trim();
        self.terms.iter().find(|t| {
            [&t.en, &t.id]
                .into_iter()
                .chain(&t.also)
                .any(|n| n.eq_ignore_ascii_case(name))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_glossary_parses() {
        let g = Glossary::builtin().expect("assets/glossary.toml parses");
        assert!(g.terms.len() > 100, "{} terms", g.terms.len());
    }

    #[test]
    fn search_ranks_names_before_definitions_and_speaks_both_languages() {
        let g = Glossary::builtin().unwrap();
        let hits = g.search("kerangka", Lang::Id);
        assert_eq!(hits[0].en, "decision framework");
        // "mTLS" names one term and appears in the definitions of several more.
        let hits = g.search("MTLS", Lang::En);
        assert_eq!(hits[0].en, "mTLS");
        assert!(hits.len() > 3, "{}", hits.len());
        assert!(
            hits[1..]
                .iter()
                .all(|t| !t.en.to_lowercase().contains("mtls"))
        );
        assert!(g.search("no such word anywhere", Lang::En).is_empty());
        assert_eq!(g.search("", Lang::En).len(), g.terms.len());
        // Sorted by the name in the reader's language.
        let id: Vec<&str> = g
            .search("", Lang::Id)
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        let mut sorted = id.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(id, sorted);
    }

    #[test]
    fn find_takes_either_language_and_other_forms() {
        let g = Glossary::builtin().unwrap();
        assert_eq!(
            g.find("Kerangka Keputusan").map(|t| t.en.as_str()),
            Some("decision framework")
        );
        assert_eq!(g.find("identitas").map(|t| t.en.as_str()), Some("identity"));
        assert!(g.find("kerangka").is_none());
    }

    #[test]
    fn a_malformed_glossary_is_located() {
        let e = Glossary::parse("g.toml", "[[term]]\nen = \"x\"\nid = 3\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("g.toml", 3));
    }
}
