//! Variants of a drill from a seed, so a review of a drill already passed asks a new question
//! rather than the remembered one. Seed 0 is always the drill as written (its known answers,
//! `checks`, are checked on it); any other seed picks a variant, which the grader grades like
//! any drill, through the same simulator.
//!
//! Two ways to vary, both data in the drill's file (documented in `exercises/README.md`):
//! - retry-budget drills vary the values of the layers that say `vary = [min, max]`; their
//!   texts write each value as `{L1}` …, each layer's tries as `{T1}` … and the worst case as
//!   `{W}`, so the prompt, the hints and the table always agree;
//! - any other drill lists `[[variants]]`: each changes some of the drill's `[values]` (the
//!   `{name}` placeholders its texts and fields use: a workload, a namespace, a requirement's
//!   words) and replaces what it names (the policy, the probes, the faults, the adoption
//!   phases asked, a choice's credit or feedback). What the right answer is, the simulator
//!   finds out for the variant: `pack validate` grades every variant's answers.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Exercise, Kind, ProbeSpec};
use super::grade::layer_tries;
use crate::i18n::Bilingual;
use crate::sim::scenario::fault::Fault;
use crate::sim::scenario::intent::Intent;

/// What a `{name}` placeholder says: the same words in both languages (a workload, a
/// namespace, a file name), or a text per language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Fill {
    Same(String),
    Both(Bilingual),
}

/// One other question a drill can ask. Everything it does not name stays as written.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Placeholder values this variant changes (the others keep the drill's `[values]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, Fill>,
    /// The mesh profile instead of the drill's (a different topology).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mesh: Option<String>,
    /// The scenario's manifests instead of the drill's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Vec<String>>,
    /// Enforcement-point drills: the policy to place instead of the drill's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Intent>,
    /// The probes instead of the drill's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probes: Option<Vec<ProbeSpec>>,
    /// Diagnose drills: what is broken instead of the drill's faults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faults: Option<Vec<Fault>>,
    /// Adoption drills: the ids of the phases this variant asks to order (listed in the
    /// drill's order); empty: all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<String>,
    /// Enforcement-point drills: a choice's credit in this variant, by choice id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub credit: BTreeMap<String, u8>,
    /// A choice's or a fix's feedback in this variant, by its id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub feedback: BTreeMap<String, Bilingual>,
}

/// Whether drill `ex` has variants.
pub fn varies(ex: &Exercise) -> bool {
    match ex.kind {
        Kind::RetryBudget => ex.layers.iter().any(|l| l.vary.is_some()),
        _ => !source(ex).variants.is_empty(),
    }
}

/// The exercise a file describes, its placeholders filled with its own `[values]`: the drill
/// as written, keeping what it was made from so that variants can be made from it too.
pub fn written(ex: Exercise) -> Result<Exercise, String> {
    if ex.values.is_empty() {
        return Ok(ex);
    }
    let mut filled = fill(&ex, &ex.values)?;
    filled.variants = ex.variants.clone();
    filled.values = ex.values.clone();
    filled.template = Some(Box::new(ex));
    Ok(filled)
}

/// Which of `ex`'s listed variants seed `seed` asks (`None`: seed 0, or no variants).
pub fn picked(ex: &Exercise, seed: u64) -> Option<usize> {
    let n = source(ex).variants.len() as u64;
    (seed != 0 && n > 0).then(|| (mix(seed, 0) % n) as usize)
}

/// A seed that asks `ex`'s listed variant `index` (what `pack validate` grades it with).
pub fn seed_for(ex: &Exercise, index: usize) -> Option<u64> {
    (1..=u64::from(u16::MAX)).find(|s| picked(ex, *s) == Some(index))
}

/// The seed of a review of drill `drill` of pack `pack` after `answered` graded attempts at
/// it: never 0 (the drill as written), the same until another attempt is recorded (so whatever
/// shows the review asks what the answer will be graded on), another one after it.
pub fn review_seed(pack: &str, drill: &str, answered: usize) -> u64 {
    // FNV-1a: the same on every machine and in every process, unlike std's keyed hasher.
    let name = format!("{pack}/{drill}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    mix(name, answered as u64) | 1
}

/// Drill `ex` as variant `seed` (0: as written), its placeholders filled. A variant that cannot
/// be made is refused when the pack loads (`Pack::load` tries them all), so here it falls back
/// to the drill as written.
pub fn resolve(ex: &Exercise, seed: u64) -> Exercise {
    try_resolve(ex, seed).unwrap_or_else(|_| ex.clone())
}

/// [`resolve`], saying why a listed variant cannot be made (a placeholder with no value, a
/// phase that does not exist, a text value in a field that is not a text).
pub fn try_resolve(ex: &Exercise, seed: u64) -> Result<Exercise, String> {
    if ex.kind == Kind::RetryBudget {
        return Ok(retry_layers(ex, seed));
    }
    let Some(index) = picked(ex, seed) else {
        return Ok(ex.clone());
    };
    let template = source(ex);
    let v = &template.variants[index];
    let mut out = template.clone();
    if let Some(m) = &v.mesh {
        out.mesh = Some(m.clone());
    }
    if let Some(s) = &v.scenario {
        out.scenario = s.clone();
    }
    if let Some(p) = &v.policy {
        out.policy = Some(p.clone());
    }
    if let Some(p) = &v.probes {
        out.probes = p.clone();
    }
    if let Some(f) = &v.faults {
        out.faults = f.clone();
    }
    for c in &mut out.choices {
        if let Some(credit) = v.credit.get(&c.id) {
            c.credit = *credit;
        }
        if let Some(text) = v.feedback.get(&c.id) {
            c.feedback = text.clone();
        }
    }
    for f in &mut out.fixes {
        if let Some(text) = v.feedback.get(&f.id) {
            f.feedback = text.clone();
        }
    }
    if !v.phases.is_empty() {
        let spec = out
            .adoption
            .as_mut()
            .ok_or_else(|| format!("variant {}: `phases` without [adoption]", index + 1))?;
        if let Some(unknown) = v
            .phases
            .iter()
            .find(|id| !spec.phases.iter().any(|p| &p.id == *id))
        {
            return Err(format!("variant {}: no phase `{unknown}`", index + 1));
        }
        spec.phases.retain(|p| v.phases.contains(&p.id));
    }
    if let Some(name) = v.values.keys().find(|n| !template.values.contains_key(*n)) {
        return Err(format!(
            "variant {}: `{name}` is not one of the drill's [values]",
            index + 1
        ));
    }
    let mut values = template.values.clone();
    values.extend(v.values.clone());
    let mut out = fill(&out, &values).map_err(|e| format!("variant {}: {e}", index + 1))?;
    // The known answers are the written drill's; a variant's are found by the simulator.
    out.checks.clear();
    Ok(out)
}

/// What variants of `ex` are made from: the file's text, placeholders unfilled.
fn source(ex: &Exercise) -> &Exercise {
    ex.template.as_deref().unwrap_or(ex)
}

/// `ex` with every `{name}` of `values` filled, in every text and string field (the values
/// and variants themselves excepted). A bilingual value fills a text per language.
fn fill(ex: &Exercise, values: &BTreeMap<String, Fill>) -> Result<Exercise, String> {
    let mut bare = ex.clone();
    bare.values.clear();
    bare.variants.clear();
    bare.template = None;
    if values.is_empty() {
        return Ok(bare);
    }
    let mut json = serde_json::to_value(&bare).map_err(|e| e.to_string())?;
    fill_json(&mut json, values, None)?;
    let out: Exercise = serde_json::from_value(json).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Fills the strings of `value`; `lang` is the side of a bilingual text being filled.
fn fill_json(
    value: &mut serde_json::Value,
    values: &BTreeMap<String, Fill>,
    lang: Option<bool>,
) -> Result<(), String> {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            for (name, fill) in values {
                let key = format!("{{{name}}}");
                if !s.contains(&key) {
                    continue;
                }
                let with = match (fill, lang) {
                    (Fill::Same(w), _) => w,
                    (Fill::Both(b), Some(true)) => &b.id,
                    (Fill::Both(b), Some(false)) => &b.en,
                    (Fill::Both(_), None) => {
                        return Err(format!("`{{{name}}}` is a text per language, in `{s}`"));
                    }
                };
                *s = s.replace(&key, with);
            }
        }
        Value::Object(map) => {
            // A bilingual text: an object whose only keys are `id` and `en`.
            let bilingual = map.len() == 2
                && map.get("id").is_some_and(Value::is_string)
                && map.get("en").is_some_and(Value::is_string);
            for (k, v) in map.iter_mut() {
                let side = if bilingual { Some(k == "id") } else { lang };
                fill_json(v, values, side)?;
            }
        }
        Value::Array(items) => {
            for v in items {
                fill_json(v, values, lang)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Retry-budget drill `ex` with its varying layers drawn from `seed` (0: as written).
fn retry_layers(ex: &Exercise, seed: u64) -> Exercise {
    let mut out = ex.clone();
    if seed != 0 && varies(ex) {
        let mut changed = false;
        for (i, l) in out.layers.iter_mut().enumerate() {
            if let Some([lo, hi]) = l.vary.filter(|[lo, hi]| lo <= hi) {
                let span = u64::from(hi - lo) + 1;
                let pick = lo + u32::try_from(mix(seed, i as u64) % span).unwrap_or(0);
                changed |= pick != l.value;
                l.value = pick;
            }
        }
        // A variant is a new question: when the draw repeats the written values, the first
        // varying layer moves to its next value.
        if !changed && let Some(l) = out.layers.iter_mut().find(|l| l.vary.is_some()) {
            let [lo, hi] = l.vary.unwrap_or([l.value, l.value]);
            l.value = if l.value < hi { l.value + 1 } else { lo };
        }
        // The variant is one fixed question: resolving it again (the grader does, for an
        // answer that names its variant) must not draw from its values as if they were the
        // drill's own.
        for l in &mut out.layers {
            l.vary = None;
        }
    }
    let (prompt, hints, names) = {
        let fill = fill_with(&out);
        (
            fill(&out.prompt),
            out.hints.iter().map(&fill).collect(),
            out.layers.iter().map(|l| fill(&l.name)).collect::<Vec<_>>(),
        )
    };
    out.prompt = prompt;
    out.hints = hints;
    for (l, name) in out.layers.iter_mut().zip(names) {
        l.name = name;
    }
    out
}

/// Fills `{Ln}`, `{Tn}` and `{W}` with `ex`'s layers.
fn fill_with(ex: &Exercise) -> impl Fn(&Bilingual) -> Bilingual + '_ {
    move |text: &Bilingual| {
        let one = |s: &str| {
            let mut s = s.to_string();
            for (i, l) in ex.layers.iter().enumerate() {
                s = s
                    .replace(&format!("{{L{}}}", i + 1), &l.value.to_string())
                    .replace(&format!("{{T{}}}", i + 1), &layer_tries(l).to_string());
            }
            let worst: u64 = ex.layers.iter().map(layer_tries).product();
            s.replace("{W}", &worst.to_string())
        };
        Bilingual {
            id: one(&text.id),
            en: one(&text.en),
        }
    }
}

/// A well-mixed 64-bit value from a seed and a position (splitmix64).
fn mix(seed: u64, at: u64) -> u64 {
    let mut z = seed
        .wrapping_add(at.wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::exercise::Answer;
    use crate::drill::grade::grade;
    use crate::drill::pack::Pack;

    fn graded(pack: &Pack, ex: &Exercise, number: u64) -> u8 {
        let answer: Answer = toml::from_str(&format!("number = {number}")).unwrap();
        grade(pack, ex, &answer).unwrap().grade
    }

    #[test]
    fn a_variant_is_a_new_question_graded_from_its_own_layers() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("retry-lesson-tries").unwrap();
        assert!(varies(ex));
        let written = resolve(ex, 0);
        assert!(!written.prompt.en.contains("{L"), "{}", written.prompt.en);
        assert!(written.prompt.en.contains("\"retries 3x\""));
        let mut seen = std::collections::BTreeSet::new();
        for seed in 1..=40 {
            let v = resolve(ex, seed);
            let values: Vec<u32> = v.layers.iter().map(|l| l.value).collect();
            assert_ne!(
                values,
                ex.layers.iter().map(|l| l.value).collect::<Vec<_>>(),
                "seed {seed} asks a new question"
            );
            for (l, w) in v.layers.iter().zip(&ex.layers) {
                let [lo, hi] = w.vary.unwrap();
                assert!((lo..=hi).contains(&l.value));
            }
            // The same seed, the same question.
            assert_eq!(resolve(ex, seed).prompt.en, v.prompt.en);
            let worst: u64 = v.layers.iter().map(layer_tries).product();
            assert!(
                v.hints
                    .iter()
                    .any(|h| h.en.contains(&worst.to_string()) || h.en.contains('×'))
            );
            assert_eq!(graded(&pack, &v, worst), 100, "graded from its layers");
            assert_eq!(graded(&pack, &v, worst + 1), 0);
            seen.insert(values);
        }
        assert!(seen.len() > 5, "the seeds spread: {seen:?}");
    }

    #[test]
    fn a_variant_resolved_again_is_the_same_question() {
        // The TUI grades the variant it asked with an answer that names the seed: the grader
        // resolves it a second time and must grade the question on the screen.
        let pack = Pack::builtin().unwrap();
        for ex in pack.exercises.iter().filter(|e| varies(e)) {
            for seed in 1..=20 {
                let once = resolve(ex, seed);
                let twice = resolve(&once, seed);
                assert_eq!(
                    serde_json::to_value(&twice).unwrap(),
                    serde_json::to_value(&once).unwrap(),
                    "{} seed {seed}",
                    ex.id
                );
            }
        }
    }

    #[test]
    fn every_variant_of_every_built_in_drill_fills_every_placeholder() {
        let pack = Pack::builtin().unwrap();
        let varying: Vec<&Exercise> = pack.exercises.iter().filter(|e| varies(e)).collect();
        assert!(varying.len() >= 3, "the retry drills vary");
        for ex in varying {
            for seed in 0..30 {
                let v = resolve(ex, seed);
                let texts = std::iter::once(&v.prompt)
                    .chain(&v.hints)
                    .chain(v.layers.iter().map(|l| &l.name));
                for t in texts {
                    for text in [&t.id, &t.en] {
                        assert!(
                            !["{L", "{T", "{W}"].iter().any(|p| text.contains(p)),
                            "{} seed {seed}: {text}",
                            ex.id
                        );
                    }
                }
            }
        }
    }
}
