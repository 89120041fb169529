//! Progressive adoption ordering (lesson 13.4). Each phase is data: the manifests it applies,
//! and the probes that must already hold before it may start ("multi-cluster only after
//! single-cluster invariants are proven"). The engine applies the learner's order cumulatively
//! and, after every step, sends the exercise's probes: the traffic that must keep working. The
//! first step that breaks a probe (or starts before its prerequisites hold) is the outage; the
//! grade is the share of steps survived before it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercise::{Answer, Exercise, ProbeSpec};
use super::grade::{self, Detail, GradeError, PASS_MARK, ProbeReport, Report};
use super::pack::{KindProblem, Pack};
use crate::i18n::{Bilingual, Lang, Msg};
use crate::sim::eval::probe::outcome_name;
use std::collections::BTreeSet;

use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, PodId};
use crate::sim::scenario::event::{Agent, Change, Event};
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::time::{HOUR, Time};
use crate::sim::scenario::timeline::Timeline;

/// How far apart the phases of a drill with events start on its timeline: a day, so every
/// workload certificate renews at least once within a phase (24 h lifetimes, renewed at 50% or
/// 70%).
pub const PHASE: Time = Time(24 * HOUR);

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The phases, in the order the learner first sees them (not the answer's order).
    pub phases: Vec<Phase>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub label: Bilingual,
    /// Manifests (relative to the pack root) this phase adds; an object with the same kind,
    /// namespace and name replaces the earlier one.
    #[serde(default)]
    pub apply: Vec<String>,
    /// What the phase does on the drill's timeline, `at` counted from the phase's start;
    /// phases start one [`PHASE`] apart, in the learner's order.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Probes that must hold on the cluster as it is before this phase starts.
    #[serde(default)]
    pub before: Vec<ProbeSpec>,
}

/// The learner's order, step by step, up to the first outage.
#[derive(Clone, Debug, Serialize)]
pub struct Steps {
    pub steps: Vec<Step>,
    /// Steps applied before the first outage.
    pub survived: usize,
    pub total: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub phase: String,
    pub label: Bilingual,
    pub held: bool,
    /// The step started before its prerequisites held (the `before` probes broke).
    pub premature: bool,
    /// The probes that broke at this step, each with what its client saw.
    pub broken: Vec<String>,
    /// What the step touched, on a timeline (without one, manifests only change objects).
    pub blast: Option<Blast>,
}

/// A step's blast radius, read off the simulated cluster: the workloads (`NS/NAME`) whose
/// pods it re-created, and those whose traffic it cut by stopping a shared node proxy.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Blast {
    pub restarted: Vec<String>,
    pub interrupted: Vec<String>,
}

pub fn grade(pack: &Pack, ex: &Exercise, answer: &Answer) -> Result<Report, GradeError> {
    let spec = ex
        .adoption
        .as_ref()
        .ok_or_else(|| GradeError(format!("exercise `{}` has no [adoption]", ex.id)))?;
    let phases = ordered(ex, spec, &answer.order)?;
    let total = phases.len();
    let mut applied: Vec<String> = Vec::new();
    let mut steps = Vec::new();
    let mut probes = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // The cluster as the previous step left it: what a phase's prerequisites are probed on.
    let mut sim = grade::load(pack, ex, &applied, &[])?;
    for (k, phase) in phases.into_iter().enumerate() {
        let gate = run_probes(&sim, &phase.before)?;
        let premature = gate.iter().any(|p| !p.held);
        applied.extend(phase.apply.iter().cloned());
        let start = Time(k as i64 * PHASE.0);
        events.extend(phase.events.iter().map(|e| Event {
            at: Time(start.0 + e.at.0),
            change: e.change.clone(),
        }));
        let mut blast = None;
        probes = if premature {
            gate
        } else {
            match grade::timeline(pack, ex, &applied, &[], &events)? {
                // On a timeline the traffic must keep working over the whole phase, hour by
                // hour: certificates renew in between.
                Some(timeline) => {
                    blast = Some(blast_radius(&timeline, phase, start));
                    let mut last = Vec::new();
                    for hour in 0..PHASE.0 / HOUR {
                        sim = timeline.at(Time(start.0 + hour * HOUR));
                        last = run_probes(&sim, &ex.probes)?;
                        if last.iter().any(|p| !p.held) {
                            break;
                        }
                    }
                    last
                }
                None => {
                    sim = grade::load(pack, ex, &applied, &[])?;
                    run_probes(&sim, &ex.probes)?
                }
            }
        };
        let broken: Vec<String> = probes
            .iter()
            .filter(|p| !p.held)
            .map(|p| {
                let answer = p.status.map_or_else(
                    || outcome_name(p.outcome).to_string(),
                    |s| format!("HTTP {s}"),
                );
                format!("{} ({answer})", p.name)
            })
            .collect();
        let held = broken.is_empty();
        steps.push(Step {
            phase: phase.id.clone(),
            label: phase.label.clone(),
            held,
            premature,
            broken,
            blast,
        });
        if !held {
            break;
        }
    }
    let survived = steps.iter().filter(|s| s.held).count();
    let grade = credit(survived, total);
    Ok(Report {
        exercise: ex.id.clone(),
        kind: ex.kind,
        grade,
        passed: grade >= PASS_MARK,
        feedback: Vec::new(),
        probes,
        expected_number: None,
        timeline: None,
        detail: Some(Detail::Adoption(Steps {
            steps,
            survived,
            total,
        })),
    })
}

impl Blast {
    /// What was restarted and what was cut, in words; each part only when it touched anything.
    pub fn describe(&self, lang: Lang) -> String {
        let parts: Vec<String> = [
            (Msg::BlastRestarted, &self.restarted),
            (Msg::BlastCut, &self.interrupted),
        ]
        .into_iter()
        .filter(|(_, w)| !w.is_empty())
        .map(|(msg, w)| msg.fill(lang, &[&w.len().to_string(), &w.join(", ")]))
        .collect();
        if parts.is_empty() {
            Msg::BlastNone.text(lang).to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// The workloads a phase re-creates (pods created within it, as the phase's last hour sees
/// them) and those whose ambient traffic it cuts (every ambient pod on a node whose ztunnel
/// the phase stops, at that moment: a node-level proxy serves every pod of its node).
fn blast_radius(timeline: &Timeline, phase: &Phase, start: Time) -> Blast {
    let end = timeline.at(Time(start.0 + PHASE.0 - 1));
    let restarted = end.moment.as_ref().map_or_else(BTreeSet::new, |m| {
        (0..end.cluster.pods.len())
            .filter(|p| !end.absent.contains(p))
            .filter(|p| m.created.get(*p).is_some_and(|c| *c >= start))
            .map(|p| workload_of(&end.cluster, p))
            .collect()
    });
    let mut interrupted = BTreeSet::new();
    for e in &phase.events {
        let Change::NodeAgentDown {
            node,
            agent: Agent::Ztunnel,
        } = &e.change
        else {
            continue;
        };
        let then = timeline.at(Time(start.0 + e.at.0));
        let c = &then.cluster;
        interrupted.extend(
            (0..c.pods.len())
                .filter(|p| !then.absent.contains(p))
                .filter(|p| c.mesh.pod_profile.get(*p) == Some(&Profile::IstioAmbient))
                .filter(|p| {
                    c.nodes
                        .get(c.pods[*p].node)
                        .is_some_and(|n| &n.name == node)
                })
                .map(|p| workload_of(c, p)),
        );
    }
    Blast {
        restarted: restarted.into_iter().collect(),
        interrupted: interrupted.into_iter().collect(),
    }
}

/// `NS/NAME` of the workload that owns a pod (the pod itself when nothing does).
fn workload_of(cluster: &Cluster, p: PodId) -> String {
    let pod = &cluster.pods[p];
    let name = pod
        .owner
        .as_ref()
        .map_or(pod.name.as_str(), |o| o.name.as_str());
    format!("{}/{name}", cluster.ns_name(pod.ns))
}

/// Each step applied, and the outage that ended the credit, as report lines.
pub fn lines(s: &Steps, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (i, step) in s.steps.iter().enumerate() {
        let mark = if step.held { "✓" } else { "✗" };
        let n = (i + 1).to_string();
        out.push(format!(
            "{mark} {}",
            Msg::AdoptionStep.fill(lang, &[&n, &step.label.get(lang)])
        ));
        if let Some(b) = &step.blast {
            out.push(format!(
                "    {}",
                Msg::AdoptionBlast.fill(lang, &[&b.describe(lang)])
            ));
        }
        if !step.held {
            let broken = step.broken.join(", ");
            let msg = if step.premature {
                Msg::AdoptionPremature
            } else {
                Msg::AdoptionOutage
            };
            out.push(format!("    {}", msg.fill(lang, &[&broken])));
        }
    }
    out.push(Msg::AdoptionSurvived.fill(lang, &[&s.survived.to_string(), &s.total.to_string()]));
    out
}

/// The phases in the order the exercise lists them (what the TUI shows first) survive every
/// step: a learner would pass without ordering anything.
pub fn listed_order_passes(pack: &Pack, ex: &Exercise) -> Result<bool, GradeError> {
    let Some(spec) = &ex.adoption else {
        return Ok(false);
    };
    let listed = Answer {
        order: spec.phases.iter().map(|p| p.id.clone()).collect(),
        ..Answer::default()
    };
    Ok(grade(pack, ex, &listed)?.grade == 100)
}

/// Steps survived as a share of all steps, rounded down: only an order without an outage gets
/// 100.
pub fn credit(survived: usize, total: usize) -> u8 {
    (survived * 100).checked_div(total).unwrap_or(100) as u8
}

/// The phases in the answer's order; the order must name every phase exactly once.
fn ordered<'a>(
    ex: &Exercise,
    spec: &'a Spec,
    order: &[String],
) -> Result<Vec<&'a Phase>, GradeError> {
    let ids: Vec<&str> = spec.phases.iter().map(|p| p.id.as_str()).collect();
    let bad = || {
        GradeError(format!(
            "the answer's `order` must name every phase of `{}` exactly once: {}",
            ex.id,
            ids.join(", ")
        ))
    };
    if order.len() != ids.len() {
        return Err(bad());
    }
    let mut out = Vec::new();
    for id in order {
        let phase = spec.phases.iter().find(|p| &p.id == id).ok_or_else(bad)?;
        if out.iter().any(|p: &&Phase| p.id == *id) {
            return Err(bad());
        }
        out.push(phase);
    }
    Ok(out)
}

fn run_probes(sim: &Faulty, specs: &[ProbeSpec]) -> Result<Vec<ProbeReport>, GradeError> {
    specs
        .iter()
        .map(|spec| {
            let result = sim
                .probe(&grade::to_probe(spec))
                .map_err(|e| GradeError(format!("probe `{}`: {e}", spec.name)))?;
            Ok(grade::report_probe(spec, result, None, None))
        })
        .collect()
}

/// What makes an adoption drill unusable whatever the answer, as (text to point at, message).
pub fn problems(ex: &Exercise) -> Vec<KindProblem> {
    let mut out = Vec::new();
    match &ex.adoption {
        None => out.push(("kind", Msg::AdoptionMissing, vec![])),
        Some(spec) => {
            if spec.phases.len() < 2 {
                out.push(("adoption", Msg::AdoptionTwoPhases, vec![]));
            }
            for (i, p) in spec.phases.iter().enumerate() {
                if spec.phases[..i].iter().any(|q| q.id == p.id) {
                    out.push(("phases", Msg::AdoptionPhaseTwice, vec![p.id.clone()]));
                }
            }
            for check in &ex.checks {
                if ordered(ex, spec, &check.answer.order).is_err() {
                    out.push(("order", Msg::AdoptionCheckOrder, vec![]));
                }
            }
        }
    }
    if ex.probes.is_empty() {
        out.push(("kind", Msg::AdoptionNeedsProbes, vec![]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_is_the_share_survived_rounded_down() {
        assert_eq!(credit(7, 7), 100);
        assert_eq!(credit(6, 7), 85);
        assert_eq!(credit(1, 7), 14);
        assert_eq!(credit(0, 7), 0);
    }

    fn order(ids: &[&str]) -> Answer {
        Answer {
            order: ids.iter().map(|s| s.to_string()).collect(),
            ..Answer::default()
        }
    }

    #[test]
    fn strict_before_the_inventory_resets_the_legacy_client() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("adopt-progressive-istio").unwrap();
        let day_one = [
            "observe",
            "strict",
            "authz",
            "l7",
            "multi-cluster",
            "permissive",
            "inventory",
        ];
        let r = grade(&pack, ex, &order(&day_one)).unwrap();
        assert_eq!(r.grade, 14);
        let Some(Detail::Adoption(s)) = &r.detail else {
            panic!("no adoption detail")
        };
        assert_eq!((s.survived, s.total, s.steps.len()), (1, 7, 2));
        assert_eq!(s.steps[1].phase, "strict");
        assert_eq!(s.steps[1].broken, ["legacy-batch-pays (reset)"]);
        // The report's probes are the breaking step's, with the hop that reset it.
        let legacy = r.probes.iter().find(|p| !p.held).unwrap();
        assert!(legacy.hops.iter().any(|h| h.reason.contains("STRICT")));
    }

    #[test]
    fn the_lessons_order_survives_and_prerequisites_are_probed() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("adopt-progressive-istio").unwrap();
        let lesson = [
            "observe",
            "permissive",
            "inventory",
            "strict",
            "authz",
            "l7",
            "multi-cluster",
        ];
        assert_eq!(grade(&pack, ex, &order(&lesson)).unwrap().grade, 100);
        let early = [
            "observe",
            "permissive",
            "inventory",
            "strict",
            "multi-cluster",
            "authz",
            "l7",
        ];
        let r = grade(&pack, ex, &order(&early)).unwrap();
        let Some(Detail::Adoption(s)) = &r.detail else {
            panic!("no adoption detail")
        };
        assert!(s.steps[4].premature);
        assert_eq!(
            s.steps[4].broken,
            ["frontend-cannot-write-ledger (HTTP 200)"]
        );
        // Every phase exactly once, or the answer cannot be graded.
        assert!(grade(&pack, ex, &order(&lesson[..6])).is_err());
        let twice = ["observe"; 7];
        assert!(grade(&pack, ex, &order(&twice)).is_err());
    }

    fn steps(r: &Report) -> &Steps {
        let Some(Detail::Adoption(s)) = &r.detail else {
            panic!("no adoption detail")
        };
        s
    }

    #[test]
    fn a_ztunnel_replaced_on_an_undrained_node_cuts_that_nodes_workloads_only() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("upgrade-ztunnel-three-nodes").unwrap();
        let in_place = ["ztunnel-a", "ztunnel-b", "drain-a", "drain-b"];
        let r = grade(&pack, ex, &order(&in_place)).unwrap();
        assert_eq!(r.grade, 0);
        let first = &steps(&r).steps[0];
        let blast = first.blast.as_ref().unwrap();
        assert!(blast.restarted.is_empty(), "a ztunnel restarts no workload");
        assert_eq!(blast.interrupted, ["shop/payment", "web/frontend"]);
        // node-b's pair keeps serving: the blast radius is one node.
        assert_eq!(first.broken, ["cart (reset)", "checkout-pays (reset)"]);
        let rolled = ["drain-a", "ztunnel-a", "drain-b", "ztunnel-b"];
        let r = grade(&pack, ex, &order(&rolled)).unwrap();
        assert_eq!(r.grade, 100);
        let s = steps(&r);
        let drained = s.steps[0].blast.as_ref().unwrap();
        assert_eq!(drained.restarted, ["shop/payment", "web/frontend"]);
        assert!(s.steps[1].blast.as_ref().unwrap().interrupted.is_empty());
        let lines = lines(s, Lang::En).join("\n");
        assert!(
            lines.contains("2 workloads restarted (shop/payment, web/frontend)"),
            "{lines}"
        );
        assert!(lines.contains("no workload restarted or cut"), "{lines}");
    }

    #[test]
    fn an_istio_canary_upgrade_needs_its_revision_before_the_restart_and_the_restart_before_the_uninstall()
     {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("upgrade-istio-revision").unwrap();
        let documented = ["install", "relabel", "restart", "uninstall"];
        assert_eq!(grade(&pack, ex, &order(&documented)).unwrap().grade, 100);
        // Re-created asking for `1-27` before it runs: no sidecar, plaintext.
        let early = ["relabel", "restart", "install", "uninstall"];
        let r = grade(&pack, ex, &order(&early)).unwrap();
        let s = steps(&r);
        assert_eq!(s.steps[1].phase, "restart");
        assert!(!s.steps[1].held);
        assert!(r.probes.iter().all(|p| !p.held), "{:?}", r.probes);
        assert_eq!(s.steps[1].blast.as_ref().unwrap().restarted.len(), 6);
        // Restarted on the old revision, then its control plane removed: certificates run out.
        let stale = ["install", "restart", "relabel", "uninstall"];
        let r = grade(&pack, ex, &order(&stale)).unwrap();
        assert_eq!(r.grade, 75);
        assert_eq!(steps(&r).steps[3].phase, "uninstall");
        assert!(
            r.probes
                .iter()
                .any(|p| p.hops.iter().any(|h| h.reason.contains("certificate")))
        );
    }

    #[test]
    fn a_drill_that_lists_its_phases_in_a_safe_order_tests_nothing() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("adopt-progressive-istio").unwrap();
        assert!(!listed_order_passes(&pack, ex).unwrap());
        let mut sorted = ex.clone();
        let lesson = [
            "observe",
            "permissive",
            "inventory",
            "strict",
            "authz",
            "l7",
        ];
        if let Some(spec) = sorted.adoption.as_mut() {
            spec.phases
                .sort_by_key(|p| lesson.iter().position(|id| *id == p.id).unwrap_or(7));
        }
        assert!(listed_order_passes(&pack, &sorted).unwrap());
    }
}
