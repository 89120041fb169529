//! The two builds of a pack. The learners' archive carries what grading needs (the exercises,
//! their scenarios, probes, requirements and rubrics) and leaves out the answer key: every
//! exercise's `[[checks]]` and `notes`, the files the checks name (reference ADRs), everything
//! under `answers/` and `instructor/`, and the authors' comments (exercise files and
//! `pack.toml` are written back from their parsed tables). `pack.toml` says
//! `edition = "learners"`. The instructor's build (`pack build --instructor`) is the folder as
//! it is.
//!
//! Stripping is deterministic and idempotent, so the learners' files, and their checksum, are
//! the same whether computed from the folder, the instructor's archive or the learners' own.

use std::borrow::Cow;

use super::pack::{MANIFEST, Pack};
use super::refusal::Refusal;
use crate::i18n::Msg;
use crate::tree::Files;

/// Folders that never reach learners.
pub const PRIVATE_DIRS: [&str; 2] = ["answers/", "instructor/"];
/// Exercise keys that never reach learners.
const PRIVATE_KEYS: [&str; 2] = ["checks", "notes"];

/// The learners' files of `pack`.
pub fn learners(pack: &Pack) -> Result<Files, Refusal> {
    let checked: Vec<&str> = pack
        .exercises
        .iter()
        .flat_map(|e| &e.checks)
        .flat_map(|c| {
            c.answer
                .adr
                .as_deref()
                .into_iter()
                .chain(c.answer.manifest.as_deref())
        })
        .collect();
    let used: Vec<&str> = pack
        .exercises
        .iter()
        .flat_map(|ex| {
            ex.scenario
                .iter()
                .chain(&ex.starter)
                .chain(ex.choices.iter().flat_map(|c| &c.apply))
                .chain(ex.fixes.iter().flat_map(|f| &f.apply))
                .chain(
                    ex.selection
                        .iter()
                        .flat_map(|s| &s.requirements)
                        .flat_map(|r| &r.apply),
                )
                .chain(
                    ex.adoption
                        .iter()
                        .flat_map(|a| &a.phases)
                        .flat_map(|p| &p.apply),
                )
        })
        .map(String::as_str)
        .collect();
    let mut out = Files::new();
    for (path, bytes) in pack.all_files() {
        let private = PRIVATE_DIRS.iter().any(|d| path.starts_with(d))
            || checked.contains(&path.as_str()) && !used.contains(&path.as_str());
        if private {
            continue;
        }
        let kept = if path == MANIFEST {
            rewrite(path, bytes, |t| {
                t.insert("edition".into(), toml::Value::String("learners".into()));
            })?
        } else if pack.exercise_files.contains(path) {
            rewrite(path, bytes, |t| {
                for key in PRIVATE_KEYS {
                    t.remove(key);
                }
            })?
        } else {
            bytes.clone()
        };
        out.insert(path.clone(), kept);
    }
    Ok(out)
}

/// A TOML file written back from its table after `edit` (comments and layout dropped).
fn rewrite(
    path: &str,
    bytes: &[u8],
    edit: impl FnOnce(&mut toml::Table),
) -> Result<Cow<'static, [u8]>, Refusal> {
    let fail = |e: &dyn std::fmt::Display| Refusal::new(path, Msg::Verbatim, &[e]);
    let text = std::str::from_utf8(bytes).map_err(|e| fail(&e))?;
    let mut table: toml::Table = toml::from_str(text).map_err(|e| fail(&e))?;
    edit(&mut table);
    let text = toml::to_string(&table).map_err(|e| fail(&e))?;
    Ok(Cow::Owned(text.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::pack::Edition;

    fn packs() -> Vec<Pack> {
        let example =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/example-pack");
        vec![Pack::builtin().unwrap(), Pack::from_dir(&example).unwrap()]
    }

    /// The learners' build loads, keeps every exercise but its answer key, drops the reference
    /// records, and building it again changes nothing.
    #[test]
    fn the_learners_build_is_the_pack_without_its_answer_key() {
        for pack in packs() {
            let files = learners(&pack).unwrap();
            assert!(
                !files.keys().any(|p| p.starts_with("answers/")),
                "{}",
                pack.manifest.id
            );
            let built = Pack::from_files(files.clone()).unwrap();
            assert_eq!(built.manifest.edition, Some(Edition::Learners));
            assert_eq!(built.exercises.len(), pack.exercises.len());
            for (a, b) in pack.exercises.iter().zip(&built.exercises) {
                assert!(b.checks.is_empty() && b.notes.is_none());
                let mut a = a.clone();
                a.checks.clear();
                a.notes = None;
                assert_eq!(
                    serde_json::to_value(&a).unwrap(),
                    serde_json::to_value(b).unwrap(),
                    "{}",
                    a.id
                );
            }
            assert_eq!(learners(&built).unwrap(), files, "idempotent");
            assert!(crate::drill::validate::self_test(&built).is_empty());
        }
    }
}
