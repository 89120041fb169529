//! Grading: the answer is applied to the scenario and the simulator runs the exercise's probes.
//! One engine for the TUI, `meshlab grade` and pack self-tests, so they always agree.

use serde::Serialize;

use super::exercise::{Answer, Exercise, Expect, Kind, ProbeSpec, RetryCount, RetryLayer};
use super::expectation::{self, Miss, SHARE_REQUESTS};
use super::pack::Pack;
use crate::diag::SourceError;
use crate::i18n::Bilingual;
use crate::sim::eval::outcome::{Hop, Outcome, ProbeResult, Verdict};
use crate::sim::eval::probe::Probe;
use crate::sim::load::{self, LoadOptions, Source};
use crate::sim::model::mesh::Profile;
use crate::sim::model::net::Protocol;
use crate::sim::scenario::enforce::{self, Context};
use crate::sim::scenario::event::Event;
use crate::sim::scenario::faulty::{Faulty, served};
use crate::sim::scenario::intent::{Placement, Point};
use crate::sim::scenario::time::Time;
use crate::sim::scenario::timeline::Timeline;

/// A grade at or above this passes.
pub const PASS_MARK: u8 = 60;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub exercise: String,
    pub kind: Kind,
    pub grade: u8,
    pub passed: bool,
    /// Feedback on the chosen answer (choice, then fix), in both languages.
    pub feedback: Vec<Bilingual>,
    pub probes: Vec<ProbeReport>,
    /// Retry drills: the worst case the layers really produce.
    pub expected_number: Option<u64>,
    /// What the newer kinds report beyond probes (score table, adoption steps, audit parts, ADR).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// Time-based drills: the events and when each probe broke and held again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<super::strip::Strip>,
}

impl Report {
    /// The ADR part of an ADR drill's report.
    pub fn adr(&self) -> Option<&super::adr::AdrReport> {
        match &self.detail {
            Some(Detail::Adr(a)) => Some(a),
            _ => None,
        }
    }

    /// The manifest part of a manifest drill's report.
    pub fn manifest(&self) -> Option<&super::manifest::ManifestReport> {
        match &self.detail {
            Some(Detail::Manifest(m)) => Some(m),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detail {
    Selection(super::selection::Table),
    Adoption(super::adoption::Steps),
    Audit(super::audit::Parts),
    /// ADR drills: requirement by requirement, the rubric, the compiled manifests.
    Adr(super::adr::AdrReport),
    /// Manifest drills: what held before the answer, the collateral damage, the loader's words.
    Manifest(super::manifest::ManifestReport),
    /// Cost drills: the model's figure, the range accepted, what it is made of.
    Cost(super::cost::CostDetail),
    /// Debugging drills: question by question, the finding and what the console showed.
    Debugging(super::debugging::Findings),
}

#[derive(Clone, Debug, Serialize)]
pub struct ProbeReport {
    pub name: String,
    pub from: String,
    pub to: String,
    pub expected: Expect,
    pub verdict: Verdict,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub grpc_status: Option<u16>,
    /// The identity the server side authenticated for the client, if any.
    pub identity: Option<String>,
    pub encrypted: bool,
    /// An application answered (see `sim::exec::served`).
    pub served: bool,
    /// How the client was answered, in a word (`HTTP 403`, `reset`).
    pub answer: String,
    /// Allowed or denied as the exercise expects (see [`expectation::verdict_holds`]).
    pub verdict_held: bool,
    /// The probe did everything the exercise expects.
    pub held: bool,
    /// Why the probe matters (shown when it breaks).
    pub why: Bilingual,
    /// What the chosen enforcement point did with the policy, when there was one.
    pub placement: Option<PlacementReport>,
    /// The record the chosen point left of the request, when the policy asks for one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The expectations beyond allowed/denied and encrypted that the result did not meet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
    pub hops: Vec<Hop>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum PlacementReport {
    Enforced { denied_by: Option<String> },
    NotOnPath { point: Point },
    NotEnforceable { point: Point, missing: Vec<String> },
}

/// An answer or exercise that cannot be graded (exit code 2), as opposed to a wrong answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeError(pub String);

impl std::fmt::Display for GradeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GradeError {}

/// Grades an answer as the learner wrote it: the file `meshlab grade --answer` reads, or the
/// text a submission carries. An ADR drill's answer is the record's Markdown; every other
/// kind's is TOML ([`Answer`]). `file` names the text in errors (`file:line:column`).
pub fn grade_text(
    pack: &Pack,
    ex: &Exercise,
    file: &str,
    text: &str,
) -> Result<Report, GradeError> {
    grade_text_with(pack, ex, file, text, &super::adr::Simulations::default())
}

/// [`grade_text`], reusing the simulations of ADR decisions already graded (class grading).
pub fn grade_text_with(
    pack: &Pack,
    ex: &Exercise,
    file: &str,
    text: &str,
    simulations: &super::adr::Simulations,
) -> Result<Report, GradeError> {
    match ex.kind {
        Kind::Adr => return super::adr::grade_with(pack, ex, file, text, simulations),
        Kind::Manifest => return super::manifest::grade(pack, ex, file, text),
        _ => {}
    }
    let answer: Answer = toml::from_str(text)
        .map_err(|e| GradeError(SourceError::from_toml(file, text, 0, &e).to_string()))?;
    grade(pack, ex, &answer).map_err(|e| GradeError(format!("{file}: {e}")))
}

pub fn grade(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    // An answer to a variant is graded against the variant (resolving one is idempotent, so
    // the TUI may pass the variant it asked).
    let asked;
    let ex = match answer.variant {
        Some(seed) if super::variant::varies(ex) => {
            asked = super::variant::resolve(ex, seed);
            &asked
        }
        _ => ex,
    };
    let mut report = match ex.kind {
        Kind::EnforcementPoint => enforcement_point(pack, ex, answer),
        Kind::Diagnose => diagnose(pack, ex, answer),
        Kind::RetryBudget => Ok(retry_budget(ex, answer)),
        Kind::MeshSelection => super::selection::grade(pack, ex, answer),
        Kind::AdoptionOrder => super::adoption::grade(pack, ex, answer),
        Kind::Audit => super::audit::grade(pack, ex, answer),
        Kind::Cost => super::cost::grade(pack, ex, answer),
        Kind::Debugging => super::debugging::grade(pack, ex, answer),
        // An ADR's pass mark and hard requirements are applied by `adr::grade` itself, which
        // the ADR editor calls directly.
        Kind::Adr => return adr(pack, ex, answer),
        // Pass mark and feedback are applied by `manifest::grade`, which the editor calls.
        Kind::Manifest => return manifest(pack, ex, answer),
    }?;
    report.passed = report.grade >= pass_mark(pack, ex);
    if report.grade < 100 {
        let extra: Vec<Bilingual> = feedback_for(ex, answer, &report).cloned().collect();
        report.feedback.extend(extra);
    }
    Ok(report)
}

/// The grade that passes `ex`: its own `pass_mark`, else the pack's, else [`PASS_MARK`].
pub fn pass_mark(pack: &Pack, ex: &Exercise) -> u8 {
    ex.pass_mark
        .or(pack.manifest.pass_mark)
        .unwrap_or(PASS_MARK)
        .min(100)
}

/// Grade points taken off per hint opened (class reports): the exercise's, else the pack's.
pub fn hint_penalty(pack: &Pack, ex: &Exercise) -> u8 {
    ex.hint_penalty.or(pack.manifest.hint_penalty).unwrap_or(0)
}

/// `grade` less `penalty` per hint opened, never below 0.
pub fn with_hints(grade: u8, hints: usize, penalty: u8) -> u8 {
    let off = u64::from(penalty) * hints as u64;
    u64::from(grade).saturating_sub(off) as u8
}

/// The author's feedback entries this wrong answer matches (every field an entry gives).
pub(crate) fn feedback_for<'a>(
    ex: &'a Exercise,
    answer: &'a Answer,
    report: &'a Report,
) -> impl Iterator<Item = &'a Bilingual> {
    let wrong_parts = match &report.detail {
        Some(Detail::Audit(p)) => p.wrong(),
        _ => Vec::new(),
    };
    let outage = match &report.detail {
        Some(Detail::Adoption(s)) => s.steps.iter().find(|s| !s.held).map(|s| s.phase.as_str()),
        _ => None,
    };
    ex.feedback
        .iter()
        .filter(move |f| {
            let given = |want: Option<bool>| want.unwrap_or(true);
            given(f.number.map(|n| answer.number == Some(n)))
                && given(f.part.map(|p| wrong_parts.contains(&p)))
                && given(f.verdict.map(|v| answer.verdict == Some(v)))
                && given(
                    f.identity
                        .as_ref()
                        .map(|i| answer.identity.as_ref() == Some(i)),
                )
                && given(f.evidence.map(|e| answer.evidence == Some(e)))
                && given(f.outage.as_ref().map(|o| outage == Some(o.as_str())))
                && given(
                    f.probe
                        .as_ref()
                        .map(|p| report.probes.iter().any(|r| !r.held && r.name == *p)),
                )
        })
        .map(|f| &f.text)
}

fn enforcement_point(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let choice = chosen(ex, answer)?;
    let point = choice
        .point
        .ok_or_else(|| GradeError(format!("choice `{}` names no point", choice.id)))?;
    let intent = ex.policy.clone().unwrap_or_default();
    let sim = load(pack, ex, &choice.apply, &[])?;
    let mut probes = Vec::new();
    for spec in &ex.probes {
        let ctx = Context {
            facts: spec.facts.clone(),
            rate: spec.rate,
        };
        let run = enforce::run(&sim, &to_probe(spec), &intent, point, &ctx)
            .map_err(|e| GradeError(format!("probe `{}`: {e}", spec.name)))?;
        let placement = match run.placement {
            Placement::Enforced { denied_by } => PlacementReport::Enforced { denied_by },
            Placement::NotOnPath => PlacementReport::NotOnPath { point },
            Placement::NotEnforceable { missing } => PlacementReport::NotEnforceable {
                point,
                missing: missing.iter().map(|a| a.name()).collect(),
            },
        };
        probes.push(report_probe(
            spec,
            run.result,
            Some(placement),
            run.evidence,
        ));
    }
    let all_held = probes.iter().all(|p| p.held);
    let grade = if all_held { choice.credit.min(100) } else { 0 };
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: vec![choice.feedback.clone()],
        probes,
        expected_number: None,
        timeline: None,
        detail: None,
    })
}

/// Half the grade for naming the root cause, half for a fix that makes every probe hold.
fn diagnose(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let choice = chosen(ex, answer)?;
    let fix_id = answer
        .fix
        .as_deref()
        .ok_or_else(|| GradeError("the answer names no `fix`".into()))?;
    let fix = ex
        .fixes
        .iter()
        .find(|f| f.id == fix_id)
        .ok_or_else(|| GradeError(format!("no fix `{fix_id}` in exercise `{}`", ex.id)))?;
    let clusters = match timeline(pack, ex, &fix.apply, &fix.clears, &fix.events)? {
        Some(t) => Clusters::Timed(t),
        None => Clusters::Steady(Box::new(load(pack, ex, &fix.apply, &fix.clears)?)),
    };
    let mut probes = Vec::new();
    for spec in &ex.probes {
        let sim = clusters.at(spec.at.unwrap_or(moment(ex)));
        let result = sim
            .probe(&to_probe(spec))
            .map_err(|e| GradeError(format!("probe `{}`: {e}", spec.name)))?;
        probes.push(report_probe(spec, result, None, None));
    }
    let cause_points = if choice.cause { 50 } else { 0 };
    let fix_points = if probes.iter().all(|p| p.held) { 50 } else { 0 };
    let grade = cause_points + fix_points;
    let timeline = match &clusters {
        Clusters::Timed(t) => Some(super::strip::strip(t, ex, moment(ex))?),
        Clusters::Steady(_) => None,
    };
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: vec![choice.feedback.clone(), fix.feedback.clone()],
        probes,
        expected_number: None,
        detail: None,
        timeline,
    })
}

/// The cluster a drill's probes are sent to: one steady state, or the moment of a timeline.
enum Clusters {
    Steady(Box<Faulty>),
    Timed(Timeline),
}

impl Clusters {
    fn at(&self, t: Time) -> std::borrow::Cow<'_, Faulty> {
        match self {
            Clusters::Steady(sim) => std::borrow::Cow::Borrowed(sim),
            Clusters::Timed(timeline) => std::borrow::Cow::Owned(timeline.at(t)),
        }
    }
}

/// An ADR from the pack (`answer = { adr = "answers/….md" }`).
fn adr(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let path = answer
        .adr
        .as_deref()
        .ok_or_else(|| GradeError("the answer names no `adr` file".into()))?;
    let bytes = pack
        .file(path)
        .ok_or_else(|| GradeError(format!("`{path}`: no such file in the pack")))?;
    let text =
        crate::diag::SourceError::decode(path, bytes).map_err(|e| GradeError(e.to_string()))?;
    super::adr::grade(pack, ex, path, text)
}

/// Manifests from the pack (`answer = { manifest = "answers/….yaml" }`).
fn manifest(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let path = answer
        .manifest
        .as_deref()
        .ok_or_else(|| GradeError("the answer names no `manifest` file".into()))?;
    let bytes = pack
        .file(path)
        .ok_or_else(|| GradeError(format!("`{path}`: no such file in the pack")))?;
    let text =
        crate::diag::SourceError::decode(path, bytes).map_err(|e| GradeError(e.to_string()))?;
    super::manifest::grade(pack, ex, path, text)
}

fn retry_budget(ex: &Exercise, answer: &Answer) -> Report {
    let expected = worst_case_requests(&ex.layers);
    let grade = if answer.number == Some(expected) {
        100
    } else {
        0
    };
    Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: Vec::new(),
        probes: Vec::new(),
        expected_number: Some(expected),
        detail: None,
        timeline: None,
    }
}

/// Backend requests one user request can cause when every layer exhausts its retries: the
/// product of each layer's tries. A retry is an extra try: Envoy `num_retries`, Istio
/// `retries.attempts` ("The maximum possible number of requests made will be 1 + attempts",
/// istio/api networking/v1alpha3/virtual_service.proto) and Linkerd `retry.linkerd.io/limit`
/// all add the first try, so N retries = N + 1 requests.
pub fn worst_case_requests(layers: &[RetryLayer]) -> u64 {
    layers
        .iter()
        .map(layer_tries)
        .fold(1u64, u64::saturating_mul)
}

/// Requests one layer makes for each request it receives, when every try fails.
pub fn layer_tries(layer: &RetryLayer) -> u64 {
    match layer.counts {
        RetryCount::Tries => u64::from(layer.value.max(1)),
        RetryCount::Retries => u64::from(layer.value) + 1,
    }
}

pub(crate) fn chosen<'a>(
    ex: &'a Exercise,
    answer: &Answer,
) -> Result<&'a super::exercise::Choice, GradeError> {
    let id = answer
        .choice
        .as_deref()
        .ok_or_else(|| GradeError("the answer names no `choice`".into()))?;
    ex.choices.iter().find(|c| c.id == id).ok_or_else(|| {
        let valid: Vec<&str> = ex.choices.iter().map(|c| c.id.as_str()).collect();
        GradeError(format!(
            "no choice `{id}` in exercise `{}` (choices: {})",
            ex.id,
            valid.join(", ")
        ))
    })
}

/// The drill's cluster as the learner finds it (no answer applied), and its probes as traffic,
/// for the investigation commands.
pub fn investigate(pack: &Pack, ex: &Exercise) -> Result<(Faulty, Vec<Probe>), GradeError> {
    let sim = load(pack, ex, &[], &[])?;
    // An audit's request is traffic too: its record is what the learner goes looking for.
    let audited = ex.audit.iter().map(|a| a.request.probe(1));
    Ok((sim, ex.probes.iter().map(to_probe).chain(audited).collect()))
}

/// The scenario's manifests, then the answer's, loaded into one cluster with the exercise's
/// faults, less those the answer `clears`; on a timeline, the cluster at the drill's moment.
pub(crate) fn load(
    pack: &Pack,
    ex: &Exercise,
    extra: &[String],
    clears: &[String],
) -> Result<Faulty, GradeError> {
    load_with(pack, ex, extra, clears, None)
}

/// [`load`], with one more source after the pack's files: a manifest drill's answer as the
/// learner wrote it (the loader's positions then name the learner's file).
pub(crate) fn load_with(
    pack: &Pack,
    ex: &Exercise,
    extra: &[String],
    clears: &[String],
    answer: Option<Source>,
) -> Result<Faulty, GradeError> {
    match timeline_with(pack, ex, extra, clears, &[], answer.as_ref())? {
        Some(timeline) => Ok(timeline.at(moment(ex))),
        None => Ok(Faulty::new(
            cluster(pack, ex, extra, answer.as_ref())?,
            faults(ex, clears),
        )),
    }
}

/// The moment the learner finds the drill at.
pub fn moment(ex: &Exercise) -> Time {
    ex.moment.unwrap_or_default()
}

/// The drill's timeline (its events, then `more`), with the answer's manifests, when there
/// are events at all.
pub fn timeline(
    pack: &Pack,
    ex: &Exercise,
    extra: &[String],
    clears: &[String],
    more: &[Event],
) -> Result<Option<Timeline>, GradeError> {
    timeline_with(pack, ex, extra, clears, more, None)
}

fn timeline_with(
    pack: &Pack,
    ex: &Exercise,
    extra: &[String],
    clears: &[String],
    more: &[Event],
    answer: Option<&Source>,
) -> Result<Option<Timeline>, GradeError> {
    if ex.events.is_empty() && more.is_empty() {
        return Ok(None);
    }
    let base = cluster(pack, ex, extra, answer)?;
    let events = ex.events.iter().chain(more).cloned().collect();
    let warm = ex
        .probes
        .iter()
        .map(|p| (p.from.clone(), p.to.clone()))
        .collect();
    let applied = |files: &[String]| {
        let all: Vec<String> = extra.iter().chain(files).cloned().collect();
        cluster(pack, ex, &all, answer)
    };
    Timeline::new(base, faults(ex, clears), events, mesh(ex)?, warm, applied)
        .map(Some)
        .map_err(|e| GradeError(format!("exercise `{}`: {e}", ex.id)))
}

fn mesh(ex: &Exercise) -> Result<Option<Profile>, GradeError> {
    match &ex.mesh {
        None => Ok(None),
        Some(m) => Profile::parse(m)
            .map(Some)
            .ok_or_else(|| GradeError(format!("exercise `{}`: unknown mesh profile `{m}`", ex.id))),
    }
}

fn faults(ex: &Exercise, clears: &[String]) -> Vec<crate::sim::scenario::fault::Fault> {
    ex.faults
        .iter()
        .filter(|f| !clears.iter().any(|c| f.cleared_by(c)))
        .cloned()
        .collect()
}

fn cluster(
    pack: &Pack,
    ex: &Exercise,
    extra: &[String],
    answer: Option<&Source>,
) -> Result<crate::sim::model::Cluster, GradeError> {
    let files: Vec<String> = ex.scenario.iter().chain(extra).cloned().collect();
    let mesh = mesh(ex)?;
    let read = || {
        let mut sources = files
            .iter()
            .map(|path| {
                pack.file(path)
                    .map(|bytes| Source {
                        name: path.clone(),
                        bytes: bytes.to_vec(),
                    })
                    .ok_or_else(|| GradeError(format!("`{path}`: no such file in the pack")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        sources.extend(answer.cloned());
        load::load(&sources, &LoadOptions { mesh }).map_err(|e| GradeError(e.to_string()))
    };
    // A learner's manifest makes every load its own; the pack's files alone load once.
    match answer {
        Some(_) => read(),
        None => pack.scenario_cluster(mesh, &files, read),
    }
}

/// The probe's request, as `sim probe --probes` reads it; an expected `share` needs many
/// identical requests.
pub(crate) fn to_probe(spec: &ProbeSpec) -> Probe {
    Probe {
        from: spec.from.clone(),
        to: spec.to.clone(),
        port: spec.port,
        protocol: spec
            .protocol
            .as_deref()
            .and_then(|p| Protocol::parse_probe(&p.to_ascii_uppercase())),
        method: spec.method.clone(),
        path: spec.path.clone(),
        host: spec.host.clone(),
        headers: spec
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        query: spec
            .query
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        delay_ms: spec.delay_ms,
        count: spec
            .count
            .unwrap_or(if spec.share.is_some() {
                SHARE_REQUESTS
            } else {
                1
            })
            .max(1),
    }
}

pub(crate) fn report_probe(
    spec: &ProbeSpec,
    result: ProbeResult,
    placement: Option<PlacementReport>,
    evidence: Option<String>,
) -> ProbeReport {
    let verdict_held = expectation::verdict_holds(spec.expect, &spec.exact(), &result);
    let misses = expectation::misses(spec, &result, evidence.as_deref());
    ProbeReport {
        name: spec.name.clone(),
        from: spec.from.clone(),
        to: spec.to.clone(),
        expected: spec.expect,
        verdict: result.verdict,
        outcome: result.outcome,
        status: result.status,
        grpc_status: result.grpc_status,
        identity: result.client_identity.clone(),
        encrypted: result.encrypted,
        served: served(&result),
        answer: expectation::answer_text(&result),
        verdict_held,
        held: verdict_held && misses.is_empty(),
        why: spec.why.clone(),
        placement,
        evidence,
        misses,
        hops: result.hops,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(counts: RetryCount, value: u32) -> RetryLayer {
        RetryLayer {
            name: Bilingual::default(),
            counts,
            value,
            vary: None,
        }
    }

    #[test]
    fn tries_multiply_and_retries_add_the_first_try() {
        use RetryCount::*;
        // The lesson's 14.2: every layer counted as total tries.
        let lesson = [layer(Tries, 3), layer(Tries, 3), layer(Tries, 2)];
        assert_eq!(worst_case_requests(&lesson), 18);
        // The same numbers as real retry fields.
        let config = [layer(Retries, 3), layer(Retries, 3), layer(Retries, 2)];
        assert_eq!(worst_case_requests(&config), 48);
        // Only the app's "3x" counts total calls.
        let mixed = [layer(Tries, 3), layer(Retries, 3), layer(Retries, 2)];
        assert_eq!(worst_case_requests(&mixed), 36);
        assert_eq!(worst_case_requests(&[]), 1);
    }
}
