//! meshlab's own English sentences that reach a person as text from code that writes no
//! language — grading errors (`the answer names no `fix``), the simulator's refusals of a probe
//! or a scenario, the sentence around a TOML or YAML parser's words — in Indonesian where they
//! are shown (CLI errors, TUI notices).
//!
//! The catalog is data, in the shape of the trace catalog ([`super::trace`]):
//! `assets/i18n/messages.toml` pairs each English sentence shape with its Indonesian form. A
//! sentence behind a label (`file:12:3: …`, `--from deploy:x/y: …`, `probe `p`: …`) is
//! translated after the label, which stays. The parser's own words inside meshlab's sentence
//! (`TOML parser: …`) stay as the parser wrote them. `tests/messages_id.rs` runs the error paths
//! with `--lang id` and fails on an English sentence of meshlab's own.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::Lang;
use super::trace::Catalog;

/// The embedded catalog.
pub const SOURCE: &str = include_str!("../../assets/i18n/messages.toml");

/// How many labels deep a sentence is looked for (`requirement `r`: probe `p`: …`).
const LABELS: usize = 4;

/// The embedded catalog, or why it cannot be used.
pub fn builtin() -> Result<&'static Catalog, &'static str> {
    static CATALOG: OnceLock<Result<Catalog, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::parse(SOURCE))
        .as_ref()
        .map_err(String::as_str)
}

/// `text` for a person reading `lang`, line by line: English unchanged; Indonesian from the
/// catalog, else unchanged.
pub fn localize(text: &str, lang: Lang) -> Cow<'_, str> {
    let Ok(catalog) = builtin() else {
        return Cow::Borrowed(text);
    };
    if lang == Lang::En {
        return Cow::Borrowed(text);
    }
    if text.contains('\n') {
        let lines: Vec<Cow<'_, str>> = text.split('\n').map(|l| line(catalog, l, LABELS)).collect();
        if lines.iter().all(|l| matches!(l, Cow::Borrowed(_))) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(lines.join("\n"));
    }
    line(catalog, text, LABELS)
}

fn line<'a>(catalog: &Catalog, text: &'a str, labels: usize) -> Cow<'a, str> {
    if let Cow::Owned(whole) = catalog.indonesian(text) {
        return Cow::Owned(whole);
    }
    if labels > 0
        && let Some((label, rest)) = text.split_once(": ")
        && let Cow::Owned(rest) = line(catalog, rest, labels - 1)
    {
        return Cow::Owned(format!("{label}: {rest}"));
    }
    Cow::Borrowed(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalog_loads() {
        assert!(builtin().expect("assets/i18n/messages.toml").len() > 30);
    }

    #[test]
    fn labels_stay_and_sentences_behind_them_are_translated() {
        let id = |t: &str| localize(t, Lang::Id).into_owned();
        assert_eq!(
            id("a.toml:1:10: cannot read the TOML (TOML parser: expected `=`)"),
            "a.toml:1:10: TOML tidak bisa dibaca (parser TOML: expected `=`)"
        );
        assert_eq!(
            id(
                "requirement `r`: probe `p`: --from deploy:x/y: no such Deployment (or it has no pods)"
            ),
            "requirement `r`: probe `p`: --from deploy:x/y: Deployment ini tidak ada (atau tidak punya pod)"
        );
        assert_eq!(
            id("a.toml: the answer names no `fix`"),
            "a.toml: jawaban tidak menyebut `fix`"
        );
        // Unknown text and English readers: unchanged.
        assert_eq!(id("x: something else"), "x: something else");
        assert_eq!(
            localize("a.toml: the answer names no `fix`", Lang::En),
            "a.toml: the answer names no `fix`"
        );
    }
}
