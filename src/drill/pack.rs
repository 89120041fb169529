//! Exercise packs: a directory with `pack.toml`, `exercises/*.toml` and the manifests they use.
//! The built-in Part 023 pack is one of them, embedded in the binary.

use std::path::Path;

use include_dir::{Dir, include_dir};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Exercise, Kind};
use crate::diag::SourceError;
use crate::i18n::Bilingual;
use crate::tree::{self, Files};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/exercises/part-023");

/// The pack format this meshlab reads.
pub const FORMAT: u32 = 1;
pub const MANIFEST: &str = "pack.toml";
/// A pack file larger than this is refused (exercises and manifests are a few KiB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackManifest {
    pub id: String,
    pub title: Bilingual,
    pub description: Bilingual,
    pub version: String,
    /// The pack format version (this meshlab reads format 1).
    pub format: u32,
    pub author: String,
    /// The oldest meshlab that can use this pack.
    pub min_meshlab: String,
}

#[derive(Debug)]
pub struct Pack {
    pub manifest: PackManifest,
    pub exercises: Vec<Exercise>,
    /// Path of each exercise's file, same order as `exercises`.
    pub exercise_files: Vec<String>,
    files: Files,
}

impl Pack {
    pub fn builtin() -> Result<Pack, Vec<SourceError>> {
        Pack::from_files(tree::embedded(&BUILTIN))
    }

    pub fn from_dir(dir: &Path) -> Result<Pack, Vec<SourceError>> {
        let files = tree::from_disk(dir, |_| true).map_err(|e| vec![e])?;
        Pack::from_files(files)
    }

    /// A pack without exercises: the TUI's drill list until a pack is given to it.
    pub fn empty() -> Pack {
        Pack {
            manifest: empty_manifest(),
            exercises: Vec::new(),
            exercise_files: Vec::new(),
            files: Files::new(),
        }
    }

    /// The raw bytes of a file of the pack (a scenario or policy manifest).
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &b[..])
    }

    /// Every file path in the pack.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    fn from_files(files: Files) -> Result<Pack, Vec<SourceError>> {
        let mut errors = Vec::new();
        for (path, bytes) in &files {
            if bytes.len() > MAX_FILE_BYTES {
                errors.push(error_at(
                    path,
                    &format!(
                        "file is {} bytes, over the limit of {MAX_FILE_BYTES}",
                        bytes.len()
                    ),
                ));
            }
        }
        let manifest = match files.get(MANIFEST) {
            None => {
                errors.push(error_at(MANIFEST, "missing: a pack needs a pack.toml"));
                None
            }
            Some(bytes) => parse_toml::<PackManifest>(MANIFEST, bytes)
                .map_err(|e| errors.push(e))
                .ok(),
        };
        if let Some(m) = &manifest
            && m.format != FORMAT
        {
            errors.push(error_at(
                MANIFEST,
                &format!(
                    "pack format {} is not supported (this meshlab reads format {FORMAT})",
                    m.format
                ),
            ));
        }
        let mut exercises = Vec::new();
        let mut exercise_files = Vec::new();
        for (path, bytes) in files.range("exercises/".to_string()..) {
            if !path.starts_with("exercises/") {
                break;
            }
            if !path.ends_with(".toml") {
                continue;
            }
            match parse_toml::<Exercise>(path, bytes) {
                Ok(ex) => {
                    exercises.push(ex);
                    exercise_files.push(path.clone());
                }
                Err(e) => errors.push(e),
            }
        }
        let pack = Pack {
            manifest: manifest.unwrap_or_else(empty_manifest),
            exercises,
            exercise_files,
            files,
        };
        errors.extend(pack.structural_errors());
        if errors.is_empty() {
            Ok(pack)
        } else {
            Err(errors)
        }
    }

    /// What makes an exercise unusable whatever the answer: duplicate ids, missing files,
    /// kind-specific fields absent, checks naming choices that do not exist.
    fn structural_errors(&self) -> Vec<SourceError> {
        let mut errors = Vec::new();
        for (i, (ex, file)) in self.exercises.iter().zip(&self.exercise_files).enumerate() {
            let text = self
                .file(file)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default();
            let mut err = |needle: &str, message: String| {
                let offset = text.find(needle).unwrap_or(0);
                errors.push(SourceError::at_offset(file, text, offset, message));
            };
            if !valid_id(&ex.id) {
                err(
                    "id",
                    format!("id `{}`: use lowercase letters, digits and `-`", ex.id),
                );
            }
            if self.exercises[..i].iter().any(|e| e.id == ex.id) {
                err("id", format!("id `{}` is used by another exercise", ex.id));
            }
            if !(1..=5).contains(&ex.difficulty) {
                err("difficulty", "difficulty must be 1 to 5".into());
            }
            if ex.skills.is_empty() {
                err("skills", "name at least one skill".into());
            }
            if ex.hints.len() > 3 {
                err(
                    "hints",
                    "at most three hints: nudge, concept, near-answer".into(),
                );
            }
            let referenced = ex
                .scenario
                .iter()
                .chain(ex.choices.iter().flat_map(|c| &c.apply))
                .chain(ex.fixes.iter().flat_map(|f| &f.apply));
            for path in referenced {
                if !safe_relative(path) {
                    err(
                        path,
                        format!("`{path}`: paths must be relative and stay inside the pack"),
                    );
                } else if self.file(path).is_none() {
                    err(path, format!("`{path}`: no such file in the pack"));
                }
            }
            match ex.kind {
                Kind::EnforcementPoint => {
                    if ex.choices.is_empty() || ex.probes.is_empty() {
                        err(
                            "kind",
                            "an enforcement-point drill needs choices and probes".into(),
                        );
                    }
                }
                Kind::Diagnose => {
                    if ex.choices.iter().filter(|c| c.cause).count() != 1 {
                        err(
                            "choices",
                            "a diagnose drill marks exactly one choice `cause = true`".into(),
                        );
                    }
                    if ex.fixes.is_empty() || ex.probes.is_empty() {
                        err("kind", "a diagnose drill needs fixes and probes".into());
                    }
                }
                Kind::RetryBudget => {
                    if ex.layers.is_empty() {
                        err("kind", "a retry-budget drill needs layers".into());
                    }
                }
                Kind::Adr => {
                    if ex.requirements.is_empty() || ex.rubric.is_empty() {
                        err(
                            "kind",
                            "an adr drill needs requirements and a rubric".into(),
                        );
                    }
                }
            }
            for fix in &ex.fixes {
                for kind in &fix.clears {
                    if !ex.faults.iter().any(|f| f.kind() == kind) {
                        err(
                            kind,
                            format!(
                                "fix `{}` clears `{kind}`, a fault this exercise does not have",
                                fix.id
                            ),
                        );
                    }
                }
            }
            if ex.checks.is_empty() {
                err(
                    "checks",
                    "give at least a reference answer and a known-wrong answer".into(),
                );
            }
            for check in &ex.checks {
                if let Some(c) = &check.answer.choice
                    && !ex.choices.iter().any(|x| &x.id == c)
                {
                    err(c, format!("check names choice `{c}`, which does not exist"));
                }
                if let Some(a) = &check.answer.adr
                    && (!safe_relative(a) || self.file(a).is_none())
                {
                    err(
                        a,
                        format!("check names ADR `{a}`, which is not a file of the pack"),
                    );
                }
                if let Some(f) = &check.answer.fix
                    && !ex.fixes.iter().any(|x| &x.id == f)
                {
                    err(f, format!("check names fix `{f}`, which does not exist"));
                }
            }
        }
        errors
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Relative, no `..`, no absolute or drive paths: a pack never reaches outside itself.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != ".")
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, SourceError> {
    let text = SourceError::decode(path, bytes)?;
    toml::from_str(text).map_err(|e| SourceError::from_toml(path, text, 0, &e))
}

fn error_at(file: &str, message: &str) -> SourceError {
    SourceError {
        file: file.to_string(),
        line: 1,
        column: 1,
        message: message.to_string(),
    }
}

fn empty_manifest() -> PackManifest {
    PackManifest {
        id: String::new(),
        title: Bilingual::default(),
        description: Bilingual::default(),
        version: String::new(),
        format: FORMAT,
        author: String::new(),
        min_meshlab: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_paths_stay_inside() {
        assert!(safe_relative("scenarios/lab.yaml"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "C:/x",
            "a\\b",
            "./a",
        ] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn ids_are_lowercase_words() {
        assert!(valid_id("ep-ns-isolation-2"));
        assert!(!valid_id("EP"));
        assert!(!valid_id("a b"));
        assert!(!valid_id(""));
    }
}
