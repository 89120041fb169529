//! The glossary screen's state: what is searched for and which term is selected.

use crate::content::glossary::{Glossary, Term};
use crate::i18n::Lang;

#[derive(Clone, Debug, Default)]
pub struct GlossaryState {
    /// Filters the terms as it is typed (names and definitions, both languages).
    pub query: String,
    /// Whether keys type into the query (after `/`, until Enter or Esc).
    pub editing: bool,
    /// Selected row of the filtered list.
    pub selected: usize,
}

impl GlossaryState {
    /// The terms shown: the embedded glossary filtered by the query, in `lang`'s order.
    pub fn terms(&self, lang: Lang) -> Vec<&'static Term> {
        Glossary::builtin().map_or_else(|_| Vec::new(), |g| g.search(&self.query, lang))
    }

    /// The selected term, if any term matches.
    pub fn current(&self, lang: Lang) -> Option<&'static Term> {
        let terms = self.terms(lang);
        terms
            .get(self.selected.min(terms.len().saturating_sub(1)))
            .copied()
    }
}
