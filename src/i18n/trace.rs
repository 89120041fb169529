//! The simulator's trace text in the learner's language, translated when it is shown.
//!
//! The simulator (`sim`) explains every hop, denial and requirement in English: `Hop.reason`,
//! the ADR requirements' `observed`, fault notes. That text is an API (`--format json`, the
//! oracle tests, the graders read it), so the simulator stays English and does no translation
//! work on its hot path. Where a person reads it — the TUI hop diagram and result detail,
//! `meshlab grade` and `meshlab sim probe|trace|run` text output — it goes through
//! [`localize`].
//!
//! The catalog is data, gettext-style: `assets/i18n/trace.toml` pairs each English sentence
//! shape the simulator produces (the key, with `{}` for the values it fills in) with its
//! Indonesian form (`{}` in the same order, or `{0}`, `{1}` … when the word order differs).
//! Each template compiles to an anchored regex; one [`RegexSet`] pass finds the entry, the
//! first in file order if several match. Values that are themselves sentences of the catalog
//! (a NetworkPolicy reason inside a proxy's reason) are translated in turn. Text no entry
//! matches is shown as it is, in English.
//!
//! `tests/trace_catalog.rs` runs the built-in drills (reference and wrong answers) and the
//! scenarios under every mesh profile through the simulator, and the oracle harnesses do the
//! same with their cases: any sentence the catalog does not cover fails them, printed, so a new
//! `format!` in `sim` cannot ship untranslated. A malformed catalog fails the unit tests here;
//! at run time it only means English trace text, never a panic.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use super::{Lang, Msg};

/// The embedded catalog.
pub const SOURCE: &str = include_str!("../../assets/i18n/trace.toml");

/// How deep values are translated inside values.
const DEPTH: usize = 4;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entries: Vec<Raw>,
    /// Regexes of text with nothing to translate (for the coverage test).
    #[serde(default)]
    verbatim: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    en: String,
    id: String,
}

enum Piece {
    Text(String),
    Value(usize),
}

struct Entry {
    en: String,
    regex: Regex,
    id: Vec<Piece>,
}

/// A compiled catalog: templates in file order and one set to find them.
pub struct Catalog {
    entries: Vec<Entry>,
    set: RegexSet,
    verbatim: RegexSet,
}

/// Splits a template into text and placeholders: `{}` (numbered in order) or `{N}`. Any other
/// brace is an error, as is mixing the two styles.
fn pieces(template: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut next = 0;
    let (mut bare, mut numbered) = (false, false);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = tail
            .find('}')
            .filter(|_| tail.starts_with('{'))
            .ok_or_else(|| format!("`{template}`: unmatched brace"))?;
        let inner = &tail[1..close];
        let n = if inner.is_empty() {
            bare = true;
            next += 1;
            next - 1
        } else {
            numbered = true;
            inner
                .parse::<usize>()
                .map_err(|_| format!("`{template}`: `{{{inner}}}` is not a placeholder"))?
        };
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut text)));
        }
        out.push(Piece::Value(n));
        rest = &tail[close + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    if bare && numbered {
        return Err(format!("`{template}`: mixes `{{}}` and `{{N}}`"));
    }
    Ok(out)
}

fn values(pieces: &[Piece]) -> Vec<usize> {
    let mut v: Vec<usize> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Value(n) => Some(*n),
            Piece::Text(_) => None,
        })
        .collect();
    v.sort_unstable();
    v
}

impl Catalog {
    /// Reads and checks a catalog: every `en` is a template of text and `{}` (never two
    /// placeholders side by side, never only placeholders), every `id` uses each of its
    /// values exactly once, no `en` appears twice.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entries = Vec::with_capacity(file.entries.len());
        let mut seen = std::collections::HashSet::new();
        for raw in file.entries {
            if !seen.insert(raw.en.clone()) {
                return Err(format!("`{}` appears twice", raw.en));
            }
            let en = pieces(&raw.en)?;
            let id = pieces(&raw.id)?;
            let mut pattern = String::from("(?s)^");
            let mut after_value = false;
            for p in &en {
                match p {
                    Piece::Text(t) => {
                        pattern.push_str(&regex::escape(t));
                        after_value = false;
                    }
                    Piece::Value(_) if !after_value => {
                        pattern.push_str("(.+?)");
                        after_value = true;
                    }
                    Piece::Value(_) => {
                        return Err(format!("`{}`: two placeholders side by side", raw.en));
                    }
                }
            }
            pattern.push('$');
            let count = values(&en).len();
            if en.iter().all(|p| matches!(p, Piece::Value(_))) {
                return Err(format!("`{}`: a template needs words", raw.en));
            }
            if raw.en.matches('{').count() != raw.en.matches("{}").count() {
                return Err(format!("`{}`: use `{{}}` in `en`", raw.en));
            }
            if values(&id) != (0..count).collect::<Vec<_>>() {
                return Err(format!(
                    "`{}`: `id` must use each of its {count} values once: `{}`",
                    raw.en, raw.id
                ));
            }
            if raw.id.trim().is_empty() {
                return Err(format!("`{}`: empty `id`", raw.en));
            }
            let regex = Regex::new(&pattern).map_err(|e| format!("`{}`: {e}", raw.en))?;
            entries.push(Entry {
                en: raw.en,
                regex,
                id,
            });
        }
        let set =
            RegexSet::new(entries.iter().map(|e| e.regex.as_str())).map_err(|e| e.to_string())?;
        let verbatim = RegexSet::new(&file.verbatim).map_err(|e| format!("verbatim: {e}"))?;
        Ok(Catalog {
            entries,
            set,
            verbatim,
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every `en` template, in file order.
    pub fn templates(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.en.as_str())
    }

    /// The `en` templates that match `text` exactly, in file order.
    pub fn matching(&self, text: &str) -> Vec<&str> {
        self.set
            .matches(text)
            .into_iter()
            .map(|i| self.entries[i].en.as_str())
            .collect()
    }

    /// How many literal characters a template has: the more, the more specific.
    pub fn literal_len(en: &str) -> usize {
        en.replace("{}", "").chars().count()
    }

    /// The text reads the same in both languages (a `verbatim` pattern matches it).
    pub fn is_verbatim(&self, text: &str) -> bool {
        self.verbatim.is_match(text)
    }

    /// `text` in Indonesian, if an entry matches it.
    pub fn indonesian<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.translate(text, DEPTH)
    }

    fn translate<'a>(&self, text: &'a str, depth: usize) -> Cow<'a, str> {
        if depth == 0 {
            return Cow::Borrowed(text);
        }
        let Some(i) = self.set.matches(text).into_iter().next() else {
            return Cow::Borrowed(text);
        };
        let entry = &self.entries[i];
        let Some(caps) = entry.regex.captures(text) else {
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len() + 16);
        for p in &entry.id {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Value(n) => {
                    let value = caps.get(n + 1).map_or("", |m| m.as_str());
                    out.push_str(&self.translate(value, depth - 1));
                }
            }
        }
        Cow::Owned(out)
    }
}

/// The embedded catalog, or why it cannot be used.
pub fn builtin() -> Result<&'static Catalog, &'static str> {
    static CATALOG: OnceLock<Result<Catalog, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::parse(SOURCE))
        .as_ref()
        .map_err(String::as_str)
}

/// Simulator text for a person reading `lang`: English unchanged, Indonesian from the catalog
/// (unchanged when no entry matches or the catalog cannot be loaded).
pub fn localize(text: &str, lang: Lang) -> Cow<'_, str> {
    match (lang, builtin()) {
        (Lang::Id, Ok(catalog)) => catalog.indonesian(text),
        _ => Cow::Borrowed(text),
    }
}

/// A hop's decision word (`allow`, `deny`, `send` …) in `lang`; a word it does not know stays.
pub fn decision(word: &str, lang: Lang) -> &str {
    let msg = match word {
        "allow" => Msg::HopAllow,
        "answer" => Msg::HopAnswer,
        "deny" => Msg::HopDeny,
        "dnat" => Msg::HopDnat,
        "drop" => Msg::HopDrop,
        "forward" => Msg::HopForward,
        "ok" => Msg::HopOk,
        "pass" => Msg::HopPass,
        "refuse" | "refused" => Msg::HopRefuse,
        "reject" => Msg::HopReject,
        "reset" => Msg::HopReset,
        "retry" => Msg::HopRetry,
        "route" => Msg::HopRoute,
        "send" => Msg::HopSend,
        "slow" => Msg::HopSlow,
        "timeout" => Msg::HopTimeout,
        "redirect" => Msg::HopRedirect,
        "mirror" => Msg::HopMirror,
        "rewrite" => Msg::HopRewrite,
        "tls" => Msg::HopTls,
        _ => return word,
    };
    msg.text(lang)
}

/// Like [`localize`] for `label: sentence` lines (a hop's component before its reason, an
/// invariant before what was observed; labels hold no `": "`): the part after the first
/// `": "` if the catalog knows it, else the whole line.
pub fn localize_labeled(text: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(text);
    }
    if let Some((label, rest)) = text.split_once(": ")
        && let Cow::Owned(rest) = localize(rest, lang)
    {
        return Cow::Owned(format!("{label}: {rest}"));
    }
    localize(text, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(entries: &str) -> Result<Catalog, String> {
        Catalog::parse(&format!("entries = [\n{entries}\n]"))
    }

    #[test]
    fn the_embedded_catalog_loads() {
        let c = builtin().expect("assets/i18n/trace.toml");
        assert!(c.len() > 50);
    }

    #[test]
    fn placeholders_must_agree() {
        assert!(parse(r#"{ en = "a {} b {}", id = "b {1} a {0}" }"#).is_ok());
        assert!(parse(r#"{ en = "a {} b {}", id = "a {} b {}" }"#).is_ok());
        for bad in [
            r#"{ en = "a {} b {}", id = "a {}" }"#,
            r#"{ en = "a {}", id = "a {} {}" }"#,
            r#"{ en = "a {}", id = "a {1}" }"#,
            r#"{ en = "a {} b {}", id = "b {1} a {}" }"#,
            r#"{ en = "a {0}", id = "a {0}" }"#,
            r#"{ en = "a {x}", id = "a {}" }"#,
            r#"{ en = "a {}{}", id = "a {}{}" }"#,
            r#"{ en = "{}", id = "{}" }"#,
            r#"{ en = "a }", id = "a" }"#,
            r#"{ en = "a", id = "" }"#,
            r#"{ en = "a", id = "b" }, { en = "a", id = "c" }"#,
            r#"{ en = "a", id = "b", note = "x" }"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn first_match_in_file_order_wins_and_values_move() {
        let c = parse(
            r#"{ en = "{} retries after HTTP {}: {} tries", id = "{2} percobaan: {0} retry setelah HTTP {1}" },
               { en = "{} retries after HTTP {}", id = "{} retry setelah HTTP {}" },"#,
        )
        .unwrap();
        assert_eq!(
            c.indonesian("2 retries after HTTP 503: 3 tries"),
            "3 percobaan: 2 retry setelah HTTP 503"
        );
        assert_eq!(
            c.indonesian("2 retries after HTTP 503"),
            "2 retry setelah HTTP 503"
        );
        assert_eq!(c.indonesian("no match"), "no match");
    }
}
