//! Variants of a drill from a seed, so a review of a drill already passed asks a new question
//! rather than the remembered one. Retry-budget drills vary the values of the layers that say
//! `vary = [min, max]`; their texts write each value as `{L1}` …, each layer's tries as `{T1}`
//! … and the worst case as `{W}`, so the prompt, the hints and the table always agree. Seed 0
//! is the drill as written (the reference answer and the known-wrong ones are checked on it);
//! the grader grades a variant like any drill, from its layers.

use super::exercise::{Exercise, Kind};
use super::grade::layer_tries;
use crate::i18n::Bilingual;

/// Whether drill `ex` has variants.
pub fn varies(ex: &Exercise) -> bool {
    ex.kind == Kind::RetryBudget && ex.layers.iter().any(|l| l.vary.is_some())
}

/// Drill `ex` as variant `seed` (0: as written), its placeholders filled.
pub fn resolve(ex: &Exercise, seed: u64) -> Exercise {
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
