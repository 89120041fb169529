//! Exercise packs: a directory with `pack.toml`, `exercises/*.toml` and the manifests they use.
//! The built-in Part 023 pack is one of them, embedded in the binary.

use std::path::Path;

use include_dir::{Dir, include_dir};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::archive;
use super::exercise::{Exercise, Kind};
use super::refusal::Refusal;
use crate::content::Catalog;
use crate::diag::{SourceError, line_col};
use crate::i18n::{Bilingual, Msg};
use crate::limits::MAX_FILE_BYTES;
use crate::sim::model::Cluster;
use crate::sim::model::mesh::Profile;
use crate::tree::{self, Files};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/exercises/part-023");

/// A kind-specific problem of an exercise: the TOML key to point at, the message and its
/// arguments.
pub type KindProblem = (&'static str, Msg, Vec<String>);

/// Says a problem: the text to point at in the exercise's file, the message, its arguments.
type Complain<'a> = dyn FnMut(&str, Msg, &[&dyn std::fmt::Display]) + 'a;

/// The pack format this meshlab reads.
pub const FORMAT: u32 = 1;
pub const MANIFEST: &str = "pack.toml";
/// The folder of a pack's optional lessons.
pub const LESSONS: &str = "lessons/";

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
    /// The grade that passes an exercise, unless the exercise says otherwise (default 60).
    #[serde(default)]
    pub pass_mark: Option<u8>,
    /// Grade points taken off per hint opened, in class reports (default 0: hints are reported,
    /// not penalised).
    #[serde(default)]
    pub hint_penalty: Option<u8>,
    /// When submissions are due (RFC 3339: `2025-06-30T23:59:00+07:00`, or a date
    /// `2025-06-30`, meaning the end of that day in UTC); later ones are flagged as late.
    #[serde(default)]
    pub due: Option<String>,
    /// `learners`: this is the learners' archive `pack build` writes (no `[[checks]]`, no
    /// reference answers, no instructor notes). Absent in a source folder.
    #[serde(default)]
    pub edition: Option<Edition>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Edition {
    Learners,
}

#[derive(Debug)]
pub struct Pack {
    pub manifest: PackManifest,
    pub exercises: Vec<Exercise>,
    /// Path of each exercise's file, same order as `exercises`.
    pub exercise_files: Vec<String>,
    files: Files,
    /// The checksum of the learners' build, computed once (see [`Pack::learners_checksum`]).
    learners_checksum: std::sync::OnceLock<String>,
    /// Scenario clusters already loaded (see [`Pack::scenario_cluster`]).
    clusters: std::sync::Mutex<std::collections::BTreeMap<ClusterKey, Cluster>>,
}

/// A scenario as grading loads it: the mesh given, the pack files in order.
type ClusterKey = (Option<Profile>, Vec<String>);

impl Pack {
    pub fn builtin() -> Result<Pack, Vec<Refusal>> {
        Pack::from_files(tree::embedded(&BUILTIN))
    }

    pub fn from_dir(dir: &Path) -> Result<Pack, Vec<Refusal>> {
        let files = tree::from_disk(dir, |_| true).map_err(|e| vec![e.into()])?;
        Pack::from_files(files)
    }

    /// The cluster `files` of this pack load into under `mesh`, loaded once: grading loads the
    /// same scenario for every answer of a drill, and a load is a pure function of the pack's
    /// files, which never change once the pack is read.
    pub(crate) fn scenario_cluster<E>(
        &self,
        mesh: Option<Profile>,
        files: &[String],
        load: impl FnOnce() -> Result<Cluster, E>,
    ) -> Result<Cluster, E> {
        let key = (mesh, files.to_vec());
        let cached = self.clusters.lock().ok().and_then(|c| c.get(&key).cloned());
        if let Some(cluster) = cached {
            return Ok(cluster);
        }
        let cluster = load()?;
        if let Ok(mut c) = self.clusters.lock() {
            c.insert(key, cluster.clone());
        }
        Ok(cluster)
    }

    /// The raw bytes of a file of the pack (a scenario or policy manifest).
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &b[..])
    }

    /// Every file path in the pack.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// See [`archive::pack_checksum`]: the same for a folder, its archive and its install.
    pub fn checksum(&self) -> String {
        archive::pack_checksum(&self.files)
    }

    /// The checksum of this pack's learners' build ([`super::edition::learners`]): the same
    /// from the folder, the instructor's archive and the learners' archive, so it is what a
    /// submission is stamped with. Falls back to the files' own checksum if the build fails.
    pub fn learners_checksum(&self) -> &str {
        self.learners_checksum.get_or_init(|| {
            super::edition::learners(self)
                .map(|files| archive::pack_checksum(&files))
                .unwrap_or_else(|_| self.checksum())
        })
    }

    /// The pack's own lessons (optional `lessons/PART/part.toml` and `lessons/PART/{id,en}/*.md`,
    /// the layout of meshlab's `lessons/`), read by the reader beside the built-in course.
    pub fn lessons(&self) -> Option<Result<Catalog, SourceError>> {
        let files: Files = self
            .files
            .range(LESSONS.to_string()..)
            .take_while(|(p, _)| p.starts_with(LESSONS))
            .filter(|(p, _)| p.ends_with(".md") || p.ends_with("/part.toml"))
            .map(|(p, b)| (p[LESSONS.len()..].to_string(), b.clone()))
            .collect();
        if files.is_empty() {
            return None;
        }
        Some(Catalog::from_files(&files).map_err(|mut e| {
            e.file = format!("{LESSONS}{}", e.file);
            e
        }))
    }

    /// `catalog` with the pack's own lessons added. A pack only loads when its lessons parse,
    /// so there is no error left to report here.
    pub fn add_lessons_to(&self, catalog: Catalog) -> Catalog {
        match self.lessons() {
            Some(Ok(extra)) => catalog.merge(extra),
            _ => catalog,
        }
    }

    /// Every file of the pack, for building an archive or installing it.
    pub fn all_files(&self) -> &Files {
        &self.files
    }

    /// The meshlab version the pack asks for, when this meshlab is older than that; checked by
    /// everything that loads a pack, so a pack written for a newer meshlab is refused plainly
    /// instead of failing in odd ways.
    pub fn needs_newer_meshlab(&self) -> Option<&str> {
        let wanted = parse_version(&self.manifest.min_meshlab)?;
        let this = parse_version(env!("CARGO_PKG_VERSION"))?;
        (wanted > this).then_some(self.manifest.min_meshlab.as_str())
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// A pack from its files (a folder read from disk, an unpacked archive). Every problem
    /// found is returned, each with its file:line:column, in words of either language.
    pub fn from_files(files: Files) -> Result<Pack, Vec<Refusal>> {
        let mut errors = Vec::new();
        for (path, bytes) in &files {
            if bytes.len() as u64 > MAX_FILE_BYTES {
                errors.push(
                    Refusal::new(
                        path,
                        Msg::PackFileTooLarge,
                        &[&bytes.len(), &MAX_FILE_BYTES],
                    )
                    .at(1, 1),
                );
            }
        }
        let manifest = match files.get(MANIFEST) {
            None => {
                errors.push(Refusal::new(MANIFEST, Msg::PackManifestMissing, &[]).at(1, 1));
                None
            }
            Some(bytes) => parse_toml::<PackManifest>(MANIFEST, bytes)
                .map_err(|e| errors.push(e.into()))
                .ok(),
        };
        if let Some(m) = &manifest {
            errors.extend(manifest_errors(m, files.get(MANIFEST).map(|b| &b[..])));
        }
        if let Some(m) = &manifest
            && m.format != FORMAT
        {
            let bytes = files.get(MANIFEST).map(|b| &b[..]).unwrap_or_default();
            errors.push(at_key(
                MANIFEST,
                bytes,
                "format",
                Msg::PackFormatUnsupported,
                &[&m.format, &FORMAT],
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
            match parse_toml::<Exercise>(path, bytes).map(super::variant::written) {
                Ok(Ok(ex)) => {
                    exercises.push(ex);
                    exercise_files.push(path.clone());
                }
                Ok(Err(why)) => errors.push(at_needle(
                    path,
                    std::str::from_utf8(bytes).unwrap_or_default(),
                    "[values]",
                    Msg::ExerciseBadVariant,
                    &[&why],
                )),
                Err(e) => errors.push(e.into()),
            }
        }
        let pack = Pack {
            manifest: manifest.unwrap_or_else(empty_manifest),
            exercises,
            exercise_files,
            files,
            learners_checksum: std::sync::OnceLock::new(),
            clusters: std::sync::Mutex::default(),
        };
        errors.extend(pack.structural_errors());
        if let Some(Err(e)) = pack.lessons() {
            errors.push(e.into());
        }
        if errors.is_empty() {
            Ok(pack)
        } else {
            Err(errors)
        }
    }

    /// What makes an exercise unusable whatever the answer: duplicate ids, missing files,
    /// kind-specific fields absent, checks naming choices that do not exist.
    fn structural_errors(&self) -> Vec<Refusal> {
        let mut errors = Vec::new();
        for (i, (ex, file)) in self.exercises.iter().zip(&self.exercise_files).enumerate() {
            let text = self
                .file(file)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default();
            let mut err = |needle: &str, msg: Msg, args: &[&dyn std::fmt::Display]| {
                errors.push(at_needle(file, text, needle, msg, args));
            };
            if !valid_id(&ex.id) {
                err("id", Msg::ExerciseBadId, &[&ex.id]);
            }
            if self.exercises[..i].iter().any(|e| e.id == ex.id) {
                err("id", Msg::ExerciseDuplicateId, &[&ex.id]);
            }
            if !(1..=5).contains(&ex.difficulty) {
                err("difficulty", Msg::ExerciseDifficulty, &[]);
            }
            if ex.skills.is_empty() {
                err("skills", Msg::ExerciseNoSkills, &[]);
            }
            if ex.hints.len() > 3 {
                err("hints", Msg::ExerciseTooManyHints, &[]);
            }
            // Every listed variant can be made (placeholders, phases), so a seed never fails.
            for index in 0..ex.variants.len() {
                let made = super::variant::seed_for(ex, index)
                    .map(|seed| super::variant::try_resolve(ex, seed));
                if let Some(Err(why)) = made {
                    err("[[variants]]", Msg::ExerciseBadVariant, &[&why]);
                }
            }
            let referenced = ex
                .scenario
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
                );
            for path in referenced {
                if !safe_relative(path) {
                    err(path, Msg::ExerciseUnsafePath, &[path]);
                } else if self.file(path).is_none() {
                    err(path, Msg::ExerciseMissingFile, &[path]);
                }
            }
            // The checks of selection, adoption and audit drills live with their grading.
            let mut kind = |(at, msg, args): KindProblem| {
                let args: Vec<&dyn std::fmt::Display> =
                    args.iter().map(|a| a as &dyn std::fmt::Display).collect();
                err(at, msg, &args)
            };
            match ex.kind {
                Kind::EnforcementPoint => {
                    if ex.choices.is_empty() || ex.probes.is_empty() {
                        err("kind", Msg::ExerciseNeedsChoicesProbes, &[]);
                    }
                }
                Kind::Diagnose => {
                    if ex.choices.iter().filter(|c| c.cause).count() != 1 {
                        err("choices", Msg::ExerciseOneCause, &[]);
                    }
                    if ex.fixes.is_empty() || ex.probes.is_empty() {
                        err("kind", Msg::ExerciseNeedsFixesProbes, &[]);
                    }
                }
                Kind::RetryBudget => {
                    if ex.layers.is_empty() {
                        err("kind", Msg::ExerciseNeedsLayers, &[]);
                    }
                }
                Kind::Cost => {
                    if ex.cost.is_none() {
                        err("kind", Msg::ExerciseNeedsCost, &[]);
                    }
                }
                Kind::MeshSelection => super::selection::problems(ex)
                    .into_iter()
                    .for_each(&mut kind),
                Kind::AdoptionOrder => super::adoption::problems(ex)
                    .into_iter()
                    .for_each(&mut kind),
                Kind::Audit => super::audit::problems(ex).into_iter().for_each(&mut kind),
                Kind::Debugging => super::debugging::problems(ex)
                    .into_iter()
                    .for_each(&mut kind),
                Kind::Adr => {
                    if ex.requirements.is_empty() || ex.rubric.is_empty() {
                        err("kind", Msg::ExerciseNeedsRubric, &[]);
                    }
                }
                Kind::Manifest => {
                    if ex.probes.is_empty() && ex.requirements.is_empty() {
                        err("kind", Msg::ExerciseNeedsManifestChecks, &[]);
                    }
                }
            }
            for probe in &ex.probes {
                if let Some(share) = probe.share
                    && (probe.backend.is_none() || !(0.0..=1.0).contains(&share))
                {
                    err("share", Msg::ExerciseProbeShare, &[&probe.name]);
                }
            }
            if let Some(split) = ex.policy.as_ref().and_then(|p| p.split.as_ref())
                && split.percent > 100
            {
                err("percent", Msg::ExerciseSplitPercent, &[]);
            }
            for fix in &ex.fixes {
                for clear in &fix.clears {
                    // A variant may move the fault to another workload: the type must exist.
                    let kind = clear.split_once('@').map_or(clear.as_str(), |(k, _)| k);
                    if !ex.faults.iter().any(|f| f.kind() == kind) {
                        err(clear, Msg::ExerciseFixClearsUnknown, &[&fix.id, clear]);
                    }
                }
            }
            // The learners' archive carries no answers; a source folder must.
            if ex.checks.is_empty() && self.manifest.edition != Some(Edition::Learners) {
                err("checks", Msg::ExerciseNoChecks, &[]);
            }
            authoring_problems(ex, &mut err);
            for check in &ex.checks {
                if let Some(c) = &check.answer.choice
                    && !ex.choices.iter().any(|x| &x.id == c)
                {
                    err(c, Msg::CheckUnknownChoice, &[c]);
                }
                if let Some(a) = &check.answer.adr
                    && (!safe_relative(a) || self.file(a).is_none())
                {
                    err(a, Msg::CheckUnknownAdr, &[a]);
                }
                if let Some(m) = &check.answer.manifest
                    && (!safe_relative(m) || self.file(m).is_none())
                {
                    err(m, Msg::CheckUnknownManifest, &[m]);
                }
                if let Some(f) = &check.answer.fix
                    && !ex.fixes.iter().any(|x| &x.id == f)
                {
                    err(f, Msg::CheckUnknownFix, &[f]);
                }
            }
        }
        errors
    }
}

/// What makes the newer fields of an exercise unusable, said through `err` (a needle to point
/// at, the message, its arguments): a probe protocol that is none, a pass mark over 100, a
/// design that is no mesh, rubric items tied to requirements that do not exist, exact
/// expectations on a requirement that sends no request, feedback entries that match nothing or
/// belong to another kind.
fn authoring_problems(ex: &Exercise, err: &mut Complain<'_>) {
    for probe in super::validate::probe_specs(ex) {
        if let Some(p) = &probe.protocol
            && crate::sim::model::net::Protocol::parse_probe(&p.to_ascii_uppercase()).is_none()
        {
            err(p, Msg::ExerciseBadProtocol, &[&probe.name, p]);
        }
    }
    if ex.pass_mark.is_some_and(|m| m > 100) {
        err("pass_mark", Msg::ExercisePassMark, &[]);
    }
    if let Some(design) = &ex.design
        && !super::adr::DESIGNS.contains(&design.as_str())
    {
        err(
            "design",
            Msg::ExerciseBadDesign,
            &[design, &super::adr::DESIGNS.join(", ")],
        );
    }
    for item in &ex.rubric {
        for r in &item.requires {
            if !ex.requirements.iter().any(|q| &q.name == r) {
                err(r, Msg::ExerciseRubricRequires, &[&item.id, r]);
            }
        }
    }
    for r in &ex.requirements {
        let exact = r.outcome.is_some()
            || r.status.is_some()
            || r.grpc_status.is_some()
            || r.identity.is_some()
            || r.encrypted.is_some()
            || r.decided_by.is_some()
            || !r.response_headers.is_empty();
        if exact
            && matches!(
                r.check,
                crate::sim::scenario::invariant::Invariant::RollbackWithin { .. }
            )
        {
            err(&r.name, Msg::ExerciseExactNoRequest, &[&r.name]);
        }
    }
    for f in &ex.feedback {
        let kinds = [
            (
                "number",
                f.number.is_some(),
                matches!(ex.kind, Kind::RetryBudget | Kind::Cost),
            ),
            ("part", f.part.is_some(), ex.kind == Kind::Audit),
            ("verdict", f.verdict.is_some(), ex.kind == Kind::Audit),
            ("identity", f.identity.is_some(), ex.kind == Kind::Audit),
            ("evidence", f.evidence.is_some(), ex.kind == Kind::Audit),
            ("outage", f.outage.is_some(), ex.kind == Kind::AdoptionOrder),
            ("probe", f.probe.is_some(), ex.kind == Kind::Manifest),
        ];
        if !kinds.iter().any(|(_, given, _)| *given) {
            err("[[feedback]]", Msg::ExerciseFeedbackEmpty, &[]);
        }
        for (name, given, fits) in kinds {
            if given && !fits {
                err(name, Msg::ExerciseFeedbackKind, &[&name]);
            }
        }
        if let Some(phase) = &f.outage
            && !ex
                .adoption
                .iter()
                .flat_map(|a| &a.phases)
                .any(|p| &p.id == phase)
        {
            err(phase, Msg::ExerciseFeedbackPhase, &[phase]);
        }
        if let Some(probe) = &f.probe
            && !ex.probes.iter().any(|p| &p.name == probe)
            && !ex.requirements.iter().any(|r| &r.name == probe)
        {
            err(probe, Msg::ExerciseFeedbackProbe, &[probe]);
        }
    }
}

/// A problem at the first occurrence of `needle` in `text` (else at its start).
fn at_needle(
    file: &str,
    text: &str,
    needle: &str,
    msg: Msg,
    args: &[&dyn std::fmt::Display],
) -> Refusal {
    let (line, column) = line_col(text, text.find(needle).unwrap_or(0));
    Refusal::new(file, msg, args).at(line, column)
}

/// A problem at `key = …` of a TOML file (else at its start).
fn at_key(
    file: &str,
    bytes: &[u8],
    key: &str,
    msg: Msg,
    args: &[&dyn std::fmt::Display],
) -> Refusal {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    at_needle(file, text, &format!("{key} "), msg, args)
}

/// Pack-level checks beyond the schema: an id usable as a folder name, a version, a
/// `min_meshlab` that is a version.
fn manifest_errors(m: &PackManifest, bytes: Option<&[u8]>) -> Vec<Refusal> {
    let bytes = bytes.unwrap_or_default();
    let mut errors = Vec::new();
    if !valid_id(&m.id) || m.id.len() > 64 {
        errors.push(at_key(MANIFEST, bytes, "id", Msg::PackBadId, &[&m.id]));
    }
    if m.version.trim().is_empty() {
        errors.push(at_key(MANIFEST, bytes, "version", Msg::PackNoVersion, &[]));
    }
    if m.pass_mark.is_some_and(|p| p > 100) {
        errors.push(at_key(MANIFEST, bytes, "pass_mark", Msg::PackPassMark, &[]));
    }
    if let Some(due) = &m.due
        && parse_due(due).is_none()
    {
        errors.push(at_key(MANIFEST, bytes, "due", Msg::PackBadDue, &[due]));
    }
    if parse_version(&m.min_meshlab).is_none() {
        errors.push(at_key(
            MANIFEST,
            bytes,
            "min_meshlab",
            Msg::PackBadMinMeshlab,
            &[&m.min_meshlab],
        ));
    }
    errors
}

/// When submissions are due: an RFC 3339 time, or a date meaning the end of that day (UTC).
pub fn parse_due(due: &str) -> Option<time::OffsetDateTime> {
    use time::format_description::well_known::Rfc3339;
    let due = due.trim();
    if let Ok(t) = time::OffsetDateTime::parse(due, &Rfc3339) {
        return Some(t);
    }
    let format = time::format_description::parse_borrowed::<2>("[year]-[month]-[day]").ok()?;
    let day = time::Date::parse(due, &format).ok()?;
    Some(day.with_hms(23, 59, 59).ok()?.assume_utc())
}

/// `MAJOR.MINOR.PATCH` (a pre-release suffix is ignored) as a comparable triple.
fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let core = v.trim().split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Relative, no `..`, no absolute or drive paths, no control characters: a pack never reaches
/// outside itself, and its paths are safe to print.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && !path.chars().any(char::is_control)
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != ".")
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, SourceError> {
    let text = SourceError::decode(path, bytes)?;
    toml::from_str(text).map_err(|e| SourceError::from_toml(path, text, 0, &e))
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
        pass_mark: None,
        hint_penalty: None,
        due: None,
        edition: None,
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
            "a\u{1b}[2J",
        ] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(parse_version("0.10.0") > parse_version("0.9.9"));
        assert_eq!(parse_version("1.2.3-beta"), Some((1, 2, 3)));
        for bad in ["", "1.2", "1.2.3.4", "x.y.z"] {
            assert_eq!(parse_version(bad), None, "{bad}");
        }
    }

    #[test]
    fn problems_are_located_and_read_in_either_language() {
        let mut files = tree::embedded(&BUILTIN);
        let sel = "exercises/sel-regulated-l7.toml";
        let text = String::from_utf8(files[sel].to_vec()).unwrap();
        let edited = text.replacen("id = \"linkerd\"", "id = \"nginx\"", 1);
        files.insert(sel.into(), edited.into_bytes().into());
        let manifest = String::from_utf8(files[MANIFEST].to_vec()).unwrap();
        let edited = manifest.replace("format = 1", "format = 7");
        files.insert(MANIFEST.into(), edited.into_bytes().into());
        let errors = Pack::from_files(files).unwrap_err();
        let texts = |lang| errors.iter().map(|e| e.text(lang)).collect::<Vec<_>>();
        assert_eq!(
            texts(crate::i18n::Lang::Id),
            [
                "pack.toml:4:1: format paket 7 tidak didukung (meshlab ini membaca format 1)",
                "exercises/sel-regulated-l7.toml:55:3: choice `nginx` bukan profil mesh \
                 (none, linkerd, cilium, istio-sidecar, istio-ambient)",
                "exercises/sel-regulated-l7.toml:143:22: check menyebut choice `linkerd`, \
                 yang tidak ada",
            ]
        );
        assert!(texts(crate::i18n::Lang::En)[1].contains("is not a mesh profile"));
    }

    #[test]
    fn ids_are_lowercase_words() {
        assert!(valid_id("ep-ns-isolation-2"));
        assert!(!valid_id("EP"));
        assert!(!valid_id("a b"));
        assert!(!valid_id(""));
    }
}
