//! The published resource figures of mesh components (`assets/cost/figures.toml`, embedded):
//! what `meshlab sim cost` and cost drills charge, each with the page it was published on, the
//! version it was measured on and the day meshlab read it, shown wherever a figure is used.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diag::SourceError;
use crate::i18n::Bilingual;
use crate::sim::scenario::cost::{Figure, Figures, Per};

/// The embedded figures file.
pub const SOURCE: &str = include_str!("../../assets/cost/figures.toml");
const FILE: &str = "assets/cost/figures.toml";

/// One figure as the data file writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Published {
    pub id: String,
    pub component: String,
    pub per: Per,
    #[serde(default)]
    pub vcpu_per_1000_rps: f64,
    #[serde(default)]
    pub vcpu_fixed: f64,
    pub memory_mb: f64,
    /// The version and load it was measured at.
    pub measured: String,
    /// The page it was published on.
    pub source: String,
    /// The day meshlab read it (YYYY-MM-DD).
    pub retrieved: String,
    /// How the figure was read or derived.
    pub note: Bilingual,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    figure: Vec<Published>,
}

/// The figures with their sources, and the numbers the cost model charges.
#[derive(Clone, Debug)]
pub struct CostFigures {
    pub published: Vec<Published>,
    pub figures: Figures,
}

impl CostFigures {
    pub fn parse(file: &str, text: &str) -> Result<CostFigures, SourceError> {
        let parsed: File =
            toml::from_str(text).map_err(|e| SourceError::from_toml(file, text, 0, &e))?;
        let figures = Figures::new(
            parsed
                .figure
                .iter()
                .map(|p| Figure {
                    id: p.id.clone(),
                    per: p.per,
                    vcpu_per_1000_rps: p.vcpu_per_1000_rps,
                    vcpu_fixed: p.vcpu_fixed,
                    memory_mb: p.memory_mb,
                })
                .collect(),
        )
        .map_err(|problem| SourceError::at_offset(file, text, 0, problem))?;
        Ok(CostFigures {
            published: parsed.figure,
            figures,
        })
    }

    /// The embedded figures, parsed once. A malformed file cannot pass the tests, so the error
    /// only reaches a build that skipped them; it is shown, never a panic.
    pub fn builtin() -> Result<&'static CostFigures, &'static SourceError> {
        static BUILTIN: OnceLock<Result<CostFigures, SourceError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| CostFigures::parse(FILE, SOURCE))
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every figure says where it was published and when it was read, in both languages.
    #[test]
    fn every_figure_is_sourced_and_dated() {
        let f = CostFigures::builtin().expect("assets/cost/figures.toml");
        assert_eq!(f.published.len(), 6);
        for p in &f.published {
            assert!(p.source.starts_with("https://"), "{}", p.id);
            let date: Vec<&str> = p.retrieved.split('-').collect();
            assert!(
                date.iter().map(|d| d.len()).eq([4, 2, 2])
                    && date.iter().all(|d| d.bytes().all(|b| b.is_ascii_digit())),
                "{}: {}",
                p.id,
                p.retrieved
            );
            assert!(!p.note.en.is_empty() && !p.note.id.is_empty(), "{}", p.id);
            assert!(!p.measured.is_empty(), "{}", p.id);
        }
    }

    #[test]
    fn a_missing_figure_is_an_error_not_a_zero() {
        let text = SOURCE.replace("id = \"ztunnel\"", "id = \"zt\"");
        let err = CostFigures::parse("f.toml", &text).unwrap_err();
        assert!(err.to_string().contains("no figure `ztunnel`"), "{err}");
    }
}
