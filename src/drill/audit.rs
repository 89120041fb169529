//! The compliance audit question (lesson 15): "was service A allowed to call service B on
//! route /internal/approve, under which identity, and where is the evidence?". The request is
//! sent through the simulator; the verdict and the client identity come from its result, and the
//! evidence from the hop that decided. Each of the three parts is a third of the grade.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Answer, Exercise, Expect};
use super::explain::expect_word;
use super::grade::{self, Detail, GradeError, PASS_MARK, Report};
use super::pack::{KindProblem, Pack};
use crate::i18n::{Bilingual, Lang, Msg};
use crate::sim::eval::outcome::ProbeResult;
use crate::sim::scenario::faulty::{Faulty, served};
use crate::sim::scenario::invariant::{Invariant, Request};

/// The identity answer for a client the server did not authenticate (plaintext).
pub const NO_IDENTITY: &str = "none";

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The request in question.
    pub request: Request,
    /// Why the question matters, shown with the request's result.
    pub why: Bilingual,
    /// Identities offered (`none` = the server authenticated nobody).
    pub identities: Vec<String>,
    /// Evidence sources offered.
    pub evidence: Vec<Evidence>,
    /// Each part's weight in the grade (default 1 each: a third each).
    #[serde(default)]
    pub weights: PartWeights,
    /// Only an answer right in every part earns anything: one wrong part scores 0.
    #[serde(default)]
    pub all_parts: bool,
}

/// The three parts of an audit answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartName {
    Verdict,
    Identity,
    Evidence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartWeights {
    #[serde(default = "one")]
    pub verdict: u8,
    #[serde(default = "one")]
    pub identity: u8,
    #[serde(default = "one")]
    pub evidence: u8,
}

fn one() -> u8 {
    1
}

impl Default for PartWeights {
    fn default() -> Self {
        PartWeights {
            verdict: 1,
            identity: 1,
            evidence: 1,
        }
    }
}

/// Where a decision leaves its record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// Cilium's Hubble flow log (L3/L4 verdicts, and L7 where Envoy was on the path).
    HubbleFlow,
    /// An Envoy access log line whose RBAC filter names the matched policy (Istio sidecar or
    /// waypoint).
    EnvoyRbacLog,
    /// ztunnel's connection log (Istio ambient, L4).
    ZtunnelLog,
    /// Linkerd's inbound authorization metrics and proxy log.
    LinkerdAuthzMetrics,
    /// Nothing recorded it (e.g. a plain NetworkPolicy drop).
    None,
}

impl Evidence {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Evidence::HubbleFlow => Msg::EvidenceHubble.text(lang),
            Evidence::EnvoyRbacLog => Msg::EvidenceEnvoy.text(lang),
            Evidence::ZtunnelLog => Msg::EvidenceZtunnel.text(lang),
            Evidence::LinkerdAuthzMetrics => Msg::EvidenceLinkerd.text(lang),
            Evidence::None => Msg::EvidenceNone.text(lang),
        }
    }
}

/// Each part of the answer against what the simulator found.
#[derive(Clone, Debug, Serialize)]
pub struct Parts {
    pub verdict: Part<Expect>,
    pub identity: Part<String>,
    pub evidence: Part<Evidence>,
    /// The hop whose decision is the evidence, as the trace names it.
    pub decided_at: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Part<T> {
    pub expected: T,
    pub answered: Option<T>,
    pub correct: bool,
}

impl<T: PartialEq> Part<T> {
    fn new(expected: T, answered: Option<T>) -> Part<T> {
        let correct = answered.as_ref() == Some(&expected);
        Part {
            expected,
            answered,
            correct,
        }
    }
}

pub fn grade(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let spec = ex
        .audit
        .as_ref()
        .ok_or_else(|| GradeError(format!("exercise `{}` has no [audit]", ex.id)))?;
    let sim = grade::load(pack, ex, &[], &[])?;
    let result = sim
        .probe(&spec.request.probe(1))
        .map_err(|e| GradeError(format!("audit request: {e}")))?;
    let (evidence, decided_at) = evidence(&sim, &spec.request, &result)?;
    let parts = Parts {
        verdict: Part::new(
            if served(&result) {
                Expect::Allowed
            } else {
                Expect::Denied
            },
            answer.verdict,
        ),
        identity: Part::new(
            result
                .client_identity
                .clone()
                .unwrap_or_else(|| NO_IDENTITY.to_string()),
            answer.identity.clone(),
        ),
        evidence: Part::new(evidence, answer.evidence),
        decided_at,
    };
    let grade = credit(spec, &parts);
    // The request as a probe whose expectation is what the learner answered: it "holds" when
    // the learner read the verdict right, and its hops show where the decision was made.
    let question = super::exercise::ProbeSpec {
        name: "audit-question".into(),
        from: spec.request.from.clone(),
        to: spec.request.to.clone(),
        port: spec.request.port,
        method: spec.request.method.clone(),
        path: spec.request.path.clone(),
        headers: spec.request.headers.clone(),
        expect: answer.verdict.unwrap_or(parts.verdict.expected),
        why: spec.why.clone(),
        ..Default::default()
    };
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: Vec::new(),
        probes: vec![grade::report_probe(&question, result, None, None)],
        expected_number: None,
        timeline: None,
        detail: Some(Detail::Audit(parts)),
    })
}

/// Each part of the answer against what the simulator found, as report lines.
pub fn lines(p: &Parts, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let none = Msg::NotAnswered.text(lang);
    let part = |mark: bool, name: Msg, answered: Option<&str>, expected: &str| {
        format!(
            "{} {}",
            if mark { "✓" } else { "✗" },
            Msg::AuditPart.fill(lang, &[name.text(lang), answered.unwrap_or(none), expected])
        )
    };
    out.push(part(
        p.verdict.correct,
        Msg::AuditVerdict,
        p.verdict.answered.map(|e| expect_word(e, lang)),
        expect_word(p.verdict.expected, lang),
    ));
    out.push(part(
        p.identity.correct,
        Msg::AuditIdentity,
        p.identity.answered.as_deref(),
        &p.identity.expected,
    ));
    out.push(part(
        p.evidence.correct,
        Msg::AuditEvidence,
        p.evidence.answered.map(|e| e.label(lang)),
        p.evidence.expected.label(lang),
    ));
    if let Some(at) = &p.decided_at {
        out.push(format!("  {}", Msg::AuditDecidedAt.fill(lang, &[at])));
    }
    out
}

/// The weights of the parts answered right, as a share of all weights, rounded to the nearest
/// point (equal weights: 0, 33, 67, 100); with `all_parts`, 100 or 0.
pub fn credit(spec: &Spec, parts: &Parts) -> u8 {
    let w = spec.weights;
    let scored = [
        (parts.verdict.correct, w.verdict),
        (parts.identity.correct, w.identity),
        (parts.evidence.correct, w.evidence),
    ];
    if spec.all_parts && scored.iter().any(|(right, _)| !right) {
        return 0;
    }
    let total: u32 = scored.iter().map(|(_, w)| u32::from(*w)).sum();
    let right: u32 = scored
        .iter()
        .filter(|(right, _)| *right)
        .map(|(_, w)| u32::from(*w))
        .sum();
    if total == 0 {
        return 0;
    }
    ((right * 200 + total) / (total * 2)).min(100) as u8
}

impl Parts {
    /// The parts answered wrong.
    pub fn wrong(&self) -> Vec<PartName> {
        [
            (PartName::Verdict, self.verdict.correct),
            (PartName::Identity, self.identity.correct),
            (PartName::Evidence, self.evidence.correct),
        ]
        .into_iter()
        .filter(|(_, right)| !right)
        .map(|(name, _)| name)
        .collect()
    }
}

/// Which record holds the decision, and the hop that made it. A refusal is evidence only where
/// the simulator's `observable` invariant says it left a record (a plain NetworkPolicy drop
/// leaves none); the tool is the one that runs at the deciding hop. An allowed request is
/// recorded by the server-side mesh component that let it in.
fn evidence(
    sim: &Faulty,
    request: &Request,
    r: &ProbeResult,
) -> Result<(Evidence, Option<String>), GradeError> {
    let err = |e: crate::sim::eval::probe::ProbeError| GradeError(format!("audit request: {e}"));
    let hop = if served(r) {
        r.hops.iter().rev().find(|h| tool(&h.component).is_some())
    } else {
        let recorded = Invariant::Observable {
            request: request.clone(),
        }
        .check(sim)
        .map_err(err)?
        .held;
        let stop = r.hops.iter().rev().find(|h| {
            matches!(
                h.decision.as_ref(),
                "drop" | "deny" | "reset" | "reject" | "answer"
            )
        });
        let at = stop.map(|h| h.component.clone());
        if !recorded {
            return Ok((Evidence::None, at));
        }
        // Recorded, at a hop no mesh proxy runs: the invariant counts a CNI drop as recorded
        // only where Cilium runs, so the record is a Hubble flow.
        let found = stop.and_then(|h| tool(&h.component));
        return Ok((found.unwrap_or(Evidence::HubbleFlow), at));
    };
    Ok(match hop {
        Some(h) => (
            tool(&h.component).unwrap_or(Evidence::None),
            Some(h.component.clone()),
        ),
        None => (Evidence::None, None),
    })
}

/// The record kept by the component a hop names (trace names from `sim::probe` and the mesh
/// profiles); `None` for components that keep none (a plain CNI, the application).
fn tool(component: &str) -> Option<Evidence> {
    let c = component.to_ascii_lowercase();
    if c.contains("cilium") || c.contains("ebpf") {
        Some(Evidence::HubbleFlow)
    } else if c.contains("linkerd-proxy") {
        Some(Evidence::LinkerdAuthzMetrics)
    } else if c.contains("ztunnel") {
        Some(Evidence::ZtunnelLog)
    } else if c.contains("istio-proxy") || c.contains("waypoint") || c.contains("envoy") {
        Some(Evidence::EnvoyRbacLog)
    } else {
        None
    }
}

/// What makes an audit drill unusable whatever the answer, as (text to point at, message).
pub fn problems(ex: &Exercise) -> Vec<KindProblem> {
    let mut out = Vec::new();
    let Some(spec) = &ex.audit else {
        return vec![("kind", Msg::AuditMissing, vec![])];
    };
    if spec.identities.len() < 2 || spec.evidence.len() < 2 {
        out.push(("audit", Msg::AuditTwoEach, vec![]));
    }
    let w = spec.weights;
    if w.verdict == 0 && w.identity == 0 && w.evidence == 0 {
        out.push(("weights", Msg::AuditWeightsZero, vec![]));
    }
    for check in &ex.checks {
        let a = &check.answer;
        if a.identity
            .as_ref()
            .is_some_and(|i| !spec.identities.contains(i))
        {
            out.push(("identity", Msg::AuditUnknownIdentity, vec![]));
        }
        if a.evidence.is_some_and(|e| !spec.evidence.contains(&e)) {
            out.push(("evidence", Msg::AuditUnknownEvidence, vec![]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(verdict: bool, identity: bool, evidence: bool) -> Parts {
        Parts {
            verdict: Part::new(Expect::Denied, Some(Expect::Denied).filter(|_| verdict)),
            identity: Part::new("x".to_string(), identity.then(|| "x".to_string())),
            evidence: Part::new(Evidence::None, Some(Evidence::None).filter(|_| evidence)),
            decided_at: None,
        }
    }

    #[test]
    fn parts_weigh_as_the_author_says() {
        let builtin = Pack::builtin().unwrap();
        let mut spec = builtin
            .exercise("audit-payment-approve")
            .and_then(|e| e.audit.clone())
            .unwrap();
        let grades = |spec: &Spec| {
            [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 1, 1)]
                .map(|(v, i, e)| credit(spec, &answered(v == 1, i == 1, e == 1)))
        };
        assert_eq!(grades(&spec), [0, 33, 67, 100]);
        spec.weights = PartWeights {
            verdict: 2,
            identity: 1,
            evidence: 1,
        };
        assert_eq!(grades(&spec), [0, 50, 75, 100]);
        spec.all_parts = true;
        assert_eq!(grades(&spec), [0, 0, 0, 100]);
        assert_eq!(
            answered(true, false, false).wrong(),
            [PartName::Identity, PartName::Evidence]
        );
    }

    #[test]
    fn tools_follow_the_component() {
        assert_eq!(
            tool("istio-proxy inbound shop/payment-0"),
            Some(Evidence::EnvoyRbacLog)
        );
        assert_eq!(
            tool("cilium eBPF ingress ledger/ledger-0 (node-1)"),
            Some(Evidence::HubbleFlow)
        );
        assert_eq!(
            tool("ztunnel inbound (node-1) for ledger/ledger-0"),
            Some(Evidence::ZtunnelLog)
        );
        assert_eq!(
            tool("linkerd-proxy inbound shop/payment-0"),
            Some(Evidence::LinkerdAuthzMetrics)
        );
        assert_eq!(tool("CNI ingress ledger/ledger-0 (node-1)"), None);
    }

    fn answer(verdict: Expect, identity: &str, evidence: Evidence) -> Answer {
        Answer {
            verdict: Some(verdict),
            identity: Some(identity.into()),
            evidence: Some(evidence),
            ..Answer::default()
        }
    }

    fn parts(r: &Report) -> &Parts {
        match &r.detail {
            Some(Detail::Audit(p)) => p,
            _ => panic!("no audit detail"),
        }
    }

    #[test]
    fn the_sidecar_that_refused_is_the_evidence() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("audit-payment-approve").unwrap();
        let checkout = "spiffe://cluster.local/ns/shop/sa/checkout";
        let r = grade(
            &pack,
            ex,
            &answer(Expect::Denied, checkout, Evidence::EnvoyRbacLog),
        )
        .unwrap();
        assert_eq!(r.grade, 100);
        let p = parts(&r);
        assert_eq!(p.identity.expected, checkout);
        assert_eq!(
            p.decided_at.as_deref(),
            Some("istio-proxy inbound shop/payment-0")
        );
        assert_eq!(r.probes[0].status, Some(403));
        // One part right of three.
        let r = grade(
            &pack,
            ex,
            &answer(Expect::Allowed, "none", Evidence::EnvoyRbacLog),
        )
        .unwrap();
        assert_eq!(r.grade, 33);
        assert!(!parts(&r).verdict.correct && parts(&r).evidence.correct);
    }

    #[test]
    fn a_cilium_drop_is_a_hubble_flow_with_no_authenticated_identity() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("audit-ledger-hubble").unwrap();
        let r = grade(
            &pack,
            ex,
            &answer(Expect::Denied, NO_IDENTITY, Evidence::HubbleFlow),
        )
        .unwrap();
        assert_eq!(r.grade, 100);
        // The same drop without Cilium is recorded nowhere.
        let mut plain = ex.clone();
        plain.mesh = Some("none".into());
        let r = grade(
            &pack,
            &plain,
            &answer(Expect::Denied, NO_IDENTITY, Evidence::None),
        )
        .unwrap();
        assert_eq!(r.grade, 100, "{:?}", parts(&r));
    }
}
