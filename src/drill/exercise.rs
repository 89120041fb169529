//! The exercise file format (TOML, one exercise per file; documented in `exercises/README.md`).
//!
//! Every field the grader needs is data: the scenario's manifests, what each choice places in the
//! cluster, and the probes whose expectations are the invariants the simulator checks.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
pub use crate::practice::skills::Skill;
use crate::sim::scenario::event::Event;
use crate::sim::scenario::fault::Fault;
use crate::sim::scenario::intent::{Intent, Point};
use crate::sim::scenario::invariant::Invariant;
use crate::sim::scenario::time::Time;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Unique within its pack: lowercase letters, digits and `-`.
    pub id: String,
    pub kind: Kind,
    /// The capabilities of the lesson's section 2 that this exercise trains.
    pub skills: Vec<Skill>,
    /// 1 (warm-up) to 5 (hard).
    pub difficulty: u8,
    /// The lesson file stem this exercise practises, e.g. `09-enforcement-points`.
    pub lesson: String,
    pub title: Bilingual,
    /// Markdown.
    pub prompt: Bilingual,
    /// The hint ladder, in order: a nudge, the concept, a near-answer.
    #[serde(default)]
    pub hints: Vec<Bilingual>,
    /// The mesh profile for namespaces whose labels enrol them in nothing
    /// (`none`, `linkerd`, `cilium`, `istio-sidecar`, `istio-ambient`).
    #[serde(default)]
    pub mesh: Option<String>,
    /// Kubernetes manifests (paths relative to the pack root) that make up the cluster.
    #[serde(default)]
    pub scenario: Vec<String>,
    /// What is broken in the scenario (diagnose drills), as in scenario files.
    #[serde(default)]
    pub faults: Vec<Fault>,
    /// What happens over time (`[[events]]`, as in scenario files): the drill is graded on
    /// the timeline they make.
    #[serde(default)]
    pub events: Vec<Event>,
    /// The moment on the timeline the learner finds the cluster at (the console answers as
    /// of it) and probes without their own `at` are checked at (default 0).
    #[serde(default)]
    pub moment: Option<Time>,
    /// Enforcement-point drills: the policy the learner places; the simulator applies it at the
    /// chosen point, or reports why that point cannot enforce it.
    #[serde(default)]
    pub policy: Option<Intent>,
    /// The answers offered (enforcement points, causes and so on).
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Diagnose drills: the fixes offered, each applied to the scenario when chosen.
    #[serde(default)]
    pub fixes: Vec<Fix>,
    /// The requests grading sends, and what must happen to each.
    #[serde(default)]
    pub probes: Vec<ProbeSpec>,
    /// Numeric drills (retry arithmetic): the layers whose tries multiply.
    #[serde(default)]
    pub layers: Vec<RetryLayer>,
    /// Mesh-selection drills: the weighted requirements, each as simulator checks.
    #[serde(default)]
    pub selection: Option<super::selection::Spec>,
    /// Adoption-ordering drills: the phases the learner puts in order.
    #[serde(default)]
    pub adoption: Option<super::adoption::Spec>,
    /// Audit drills: the request in question and the answers offered.
    #[serde(default)]
    pub audit: Option<super::audit::Spec>,
    /// Debugging drills: the questions the learner answers with a console command and the fact
    /// it shows.
    #[serde(default)]
    pub questions: Vec<super::debugging::Question>,
    /// Cost drills: which design's cost (or which tax of one design over another) the learner
    /// estimates, on which scenario's traffic.
    #[serde(default)]
    pub cost: Option<super::cost::Spec>,
    /// Diagnose and audit drills: what the investigation console adds where the simulator has
    /// no state (a note, an application's log lines, a canned answer).
    #[serde(default)]
    pub investigation: Option<Investigation>,
    /// ADR drills: the mesh the ADR must choose (`linkerd`, `cilium`, `istio-sidecar`,
    /// `istio-ambient`), or a kind of mesh (`sidecarless`: Cilium or Istio ambient; `sidecar`:
    /// Linkerd or Istio sidecar); absent = any mesh.
    #[serde(default)]
    pub design: Option<String>,
    /// ADR drills: what the decision must make true, checked by the simulator.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    /// ADR drills: the transparent prose rubric.
    #[serde(default)]
    pub rubric: Vec<RubricItem>,
    /// Manifest drills: the skeleton the learner starts from (a YAML file in the pack), as
    /// `meshlab exercise start` writes it and the TUI editor opens it.
    #[serde(default)]
    pub starter: Option<String>,
    /// Points this exercise is worth in a class report (default 100): earned = grade × points
    /// / 100.
    #[serde(default)]
    pub points: Option<u32>,
    /// The grade that passes this exercise (else the pack's `pass_mark`, else 60).
    #[serde(default)]
    pub pass_mark: Option<u8>,
    /// Grade points taken off per hint the learner opened, in class reports (else the pack's
    /// `hint_penalty`, else none). Hints used are reported either way.
    #[serde(default)]
    pub hint_penalty: Option<u8>,
    /// Feedback for particular wrong answers: a number, an audit part, an adoption outage.
    #[serde(default)]
    pub feedback: Vec<AnswerFeedback>,
    /// For the instructor only (Markdown): kept in `pack build --instructor`, removed from the
    /// learners' archive.
    #[serde(default)]
    pub notes: Option<String>,
    /// The grade of the best possible answer when the drill's own design cannot meet every
    /// requirement (Cilium has no mTLS); the validator then wants a reference with this grade
    /// instead of 100.
    #[serde(default)]
    pub best_grade: Option<u8>,
    /// The validator wants a known answer that fails, unless this is `true`.
    #[serde(default)]
    pub wrong_answer_optional: bool,
    /// Known answers and the grade each must get; `meshlab pack validate` checks them all.
    /// The learners' archive leaves them out.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// What the drill's `{name}` placeholders say as written: any text or string field may
    /// use them (`from = "deploy:{ns}/{target}"`), so a variant can change them all at once.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, super::variant::Fill>,
    /// The other questions a review may ask (`drill::variant`): each changes some placeholder
    /// values and replaces what it names; the grader grades the variant like any drill.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<super::variant::Variant>,
    /// The exercise as its file writes it, placeholders unfilled, when it has `values`: what
    /// variants are made from (`variant::written` fills the loaded copy).
    #[serde(skip)]
    #[schemars(skip)]
    pub template: Option<Box<Exercise>>,
}

/// Feedback shown when a wrong answer matches: every field given must match (at least one).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerFeedback {
    /// Retry and cost drills: the learner answered this number.
    #[serde(default)]
    pub number: Option<u64>,
    /// Audit drills: this part was answered wrong (`verdict`, `identity`, `evidence`).
    #[serde(default)]
    pub part: Option<super::audit::PartName>,
    /// Audit drills: the learner answered this verdict.
    #[serde(default)]
    pub verdict: Option<Expect>,
    /// Audit drills: the learner answered this identity.
    #[serde(default)]
    pub identity: Option<String>,
    /// Audit drills: the learner answered this evidence.
    #[serde(default)]
    pub evidence: Option<super::audit::Evidence>,
    /// Adoption drills: the outage happened when this phase was applied.
    #[serde(default)]
    pub outage: Option<String>,
    /// Manifest drills: this probe broke with the learner's manifests applied.
    #[serde(default)]
    pub probe: Option<String>,
    pub text: Bilingual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Choose where a policy is enforced; the policy is placed there and the probes run.
    EnforcementPoint,
    /// Find the root cause of a faulty scenario and pick the fix that makes the symptom go.
    Diagnose,
    /// How many backend requests one user request can cause across retrying layers.
    RetryBudget,
    /// Pick the mesh whose simulated behaviour best meets weighted requirements (lesson 11).
    MeshSelection,
    /// Put the adoption phases in an order that causes no outage (lesson 13.4).
    AdoptionOrder,
    /// Answer the compliance question: allowed or denied, which identity, what evidence (15).
    Audit,
    /// An architecture decision record: its decision block is compiled to the chosen mesh's
    /// manifests and simulated against the requirements; its prose is scored by a rubric.
    Adr,
    /// Write the manifests that make a requirement hold: they are loaded on top of the
    /// scenario and the probes run before and after (`drill::manifest`).
    Manifest,
    /// Estimate what a design's data plane costs in CPU or memory (or one design's tax over
    /// another), graded within a tolerance against `meshlab sim cost` (lessons 8.1 and 14.1).
    Cost,
    /// Answer debugging questions with the console command that shows the answer and the fact
    /// it shows; each command is run in the console to check (`drill::debugging`, lesson 8.3).
    Debugging,
}

/// One requirement of an ADR drill: an invariant the simulator checks on the scenario with the
/// decision's manifests applied.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub name: String,
    pub label: Bilingual,
    /// For `rollback-within`, the `action` is the one the decision names in `rollback`. An
    /// `allowed` check holds when an application answered 2xx/3xx (unless `outcome` or
    /// `status` below says which answer), a `denied` one when no application answered: the
    /// meaning of a probe's `expect`.
    pub check: Invariant,
    /// Shown when the requirement breaks.
    pub why: Bilingual,
    /// Share of the requirements' points (default 1): held weight / all weights.
    #[serde(default = "one")]
    pub weight: u8,
    /// A broken hard requirement fails the ADR whatever else it earns (the grade is held
    /// below the pass mark).
    #[serde(default)]
    pub hard: bool,
    /// The exact expectations of a probe (`outcome`, `status`, `grpc_status`, `identity`,
    /// `encrypted`, `decided_by`, `response_headers`), on the check's request.
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub grpc_status: Option<u16>,
    #[serde(default)]
    pub identity: Option<String>,
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default)]
    pub response_headers: BTreeMap<String, String>,
}

fn one() -> u8 {
    1
}

/// One rubric item: a section of the ADR that must be present and non-empty, and may have to
/// mention some things.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricItem {
    pub id: String,
    pub label: Bilingual,
    pub points: u8,
    /// Accepted headings of the section (either language), matched case-insensitively against
    /// the start of a `##` heading: `["Alternatives", "Alternatif"]`.
    pub section: Vec<String>,
    /// Each group must be mentioned in the section: one of its words (either language),
    /// case-insensitive. Empty = present and non-empty is enough.
    #[serde(default)]
    pub mentions: Vec<Vec<String>>,
    /// Requirements (by `name`) that must hold for this item to count: prose cannot earn what
    /// the simulator showed the decision does not do.
    #[serde(default)]
    pub requires: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Bilingual,
    /// Enforcement-point drills: where this choice places the policy.
    #[serde(default)]
    pub point: Option<Point>,
    /// Manifests (relative to the pack root) added to the scenario when this choice is made.
    #[serde(default)]
    pub apply: Vec<String>,
    /// Shown after grading, whatever the probes did: why this choice is (or is not) defensible.
    pub feedback: Bilingual,
    /// The grade when every probe holds; less than 100 for a point that works but is less
    /// defensible. A choice whose probes break scores 0.
    #[serde(default = "full_credit")]
    pub credit: u8,
    /// Diagnose drills: this is the root cause.
    #[serde(default)]
    pub cause: bool,
}

fn full_credit() -> u8 {
    100
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    pub id: String,
    pub label: Bilingual,
    /// Manifests added to the scenario; an object with the same kind, namespace and name
    /// replaces the scenario's.
    #[serde(default)]
    pub apply: Vec<String>,
    /// Faults this fix removes: a type removes every fault of it (`cert-expired` for "restart
    /// to get a fresh cert"), `TYPE@NS/NAME` only the one on that workload
    /// (`injection-drift@shop/payment` for "restart deploy/payment").
    #[serde(default)]
    pub clears: Vec<String>,
    /// What the fix does on the timeline (a restart, the control plane brought back).
    #[serde(default)]
    pub events: Vec<Event>,
    pub feedback: Bilingual,
}

/// One request, in the fields of `meshlab sim probe --probes`, and what must happen to it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProbeSpec {
    pub name: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub port: Option<u16>,
    /// `TCP`, `UDP` or `SCTP`.
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    /// The HTTP Host header (Gateway listener and HTTPRoute hostnames match it).
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Query parameters (HTTPRoute `queryParams` matches read them).
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// How long the destination application takes to answer, in ms (timeouts).
    #[serde(default)]
    pub delay_ms: u64,
    /// Identical requests sent (default 1, or 100 with `share`); what is checked is the first
    /// request's answer, and `share` counts them all.
    #[serde(default)]
    pub count: Option<u32>,
    /// Facts of the application's domain state for this request (`officer-assigned = false`).
    #[serde(default)]
    pub facts: BTreeMap<String, bool>,
    /// Requests per second the client sends (for rate limits).
    #[serde(default)]
    pub rate: Option<u32>,
    /// The moment on the drill's timeline the request is sent (default: the drill's
    /// `moment`).
    #[serde(default)]
    pub at: Option<Time>,
    /// `allowed`: an application answered, with a 2xx/3xx status unless `outcome` or
    /// `status` says which answer; `denied`: no application answered.
    pub expect: Expect,
    /// The answer's shape: an outcome name (`ok`, `http-error`, `reset`, `refused`, `timeout`,
    /// `dns-failure`, …), an HTTP status (`"403"`, `"429"`), or `grpc-permission-denied`
    /// (gRPC status 7); the table is in `exercises/README.md`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// The HTTP status the client gets.
    #[serde(default)]
    pub status: Option<u16>,
    /// The gRPC status the client gets (7 = PERMISSION_DENIED).
    #[serde(default)]
    pub grpc_status: Option<u16>,
    /// The identity the server side authenticated for the client (`spiffe://…`, a Linkerd
    /// identity, or `none` for a plaintext client).
    #[serde(default)]
    pub identity: Option<String>,
    /// `true`: the request travelled encrypted end to end; `false`: it did not.
    #[serde(default)]
    pub encrypted: Option<bool>,
    /// An object or rule that decided (`AuthorizationPolicy shop/payment-authz`, or with its
    /// rule, `… rule 0`), or the HTTPRoute rule that routed the request.
    #[serde(default)]
    pub decided_by: Option<String>,
    /// Response headers the answer must carry, with these values (names case-insensitive).
    #[serde(default)]
    pub response_headers: BTreeMap<String, String>,
    /// The Service (`NS/NAME`) that must answer the request.
    #[serde(default)]
    pub backend: Option<String>,
    /// With `backend`: of 100 identical requests, the share `backend` must answer (± 0.05).
    #[serde(default)]
    pub share: Option<f64>,
    /// Backend tries the request must cause, the first one included (a backend that fails, a
    /// retry layer that may or may not send it again).
    #[serde(default)]
    pub tries: Option<u32>,
    /// Enforcement-point drills: the chosen point must leave a record of this request.
    #[serde(default)]
    pub recorded: bool,
    /// Why this probe matters, shown when it breaks.
    pub why: Bilingual,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    #[default]
    Allowed,
    Denied,
}

/// One layer of retries, as its real configuration field counts them.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetryLayer {
    pub name: Bilingual,
    /// `tries` counts the first try (a gRPC client's `maxAttempts`, the lesson's "3x");
    /// `retries` counts extra tries only (Envoy `num_retries`, Istio `retries.attempts`,
    /// Linkerd `retry.linkerd.io/limit`).
    pub counts: RetryCount,
    pub value: u32,
    /// The values a review may ask instead of `value` (inclusive), so a drill already passed
    /// is a new question (`drill::variant`). The texts write the value as `{L1}`, `{L2}` …
    /// (this layer's place), its tries as `{T1}` …, the worst case as `{W}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vary: Option<[u32; 2]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RetryCount {
    Tries,
    Retries,
}

/// What an exercise adds to its investigation console.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Investigation {
    /// Shown when the console opens: context the cluster cannot give (a ticket, a dashboard).
    #[serde(default)]
    pub note: Option<Bilingual>,
    /// Lines an application writes to its log (`kubectl logs`), after the ones the simulator
    /// writes for the requests it served.
    #[serde(default)]
    pub logs: Vec<AppLog>,
    /// Whole command lines and what they print instead of the simulated answer.
    #[serde(default)]
    pub canned: Vec<Canned>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppLog {
    /// `NS/NAME` of the Deployment (or pod) whose application writes them.
    pub workload: String,
    pub lines: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Canned {
    /// The command line, compared word by word (quotes as a shell reads them).
    pub command: String,
    /// What it prints (English, as the real tool would).
    pub output: String,
}

impl Exercise {
    /// The investigation console's extras for the simulated tools.
    pub fn extras(&self) -> crate::sim::tools::Extras {
        let Some(inv) = &self.investigation else {
            return crate::sim::tools::Extras::default();
        };
        crate::sim::tools::Extras {
            app_logs: inv
                .logs
                .iter()
                .map(|l| (l.workload.clone(), l.lines.clone()))
                .collect(),
            canned: inv
                .canned
                .iter()
                .map(|c| {
                    let words = crate::sim::tools::words::split(&c.command).unwrap_or_else(|_| {
                        c.command.split_whitespace().map(str::to_owned).collect()
                    });
                    let mut output = c.output.clone();
                    if !output.ends_with('\n') {
                        output.push('\n');
                    }
                    (words, output)
                })
                .collect(),
        }
    }
}

/// A known answer and the grade it must get.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub answer: Answer,
    pub grade: u8,
}

/// A learner's answer (also the format of `meshlab grade --answer FILE`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The chosen choice id (enforcement point, root cause).
    #[serde(default)]
    pub choice: Option<String>,
    /// Diagnose drills: the chosen fix id.
    #[serde(default)]
    pub fix: Option<String>,
    /// Numeric drills (retry budgets, costs).
    #[serde(default)]
    pub number: Option<u64>,
    /// Adoption-ordering drills: every phase id, in the order the phases are applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    /// Audit drills: was the request allowed or denied.
    #[serde(default)]
    pub verdict: Option<Expect>,
    /// Audit drills: the identity the server authenticated for the client (`none` if none).
    #[serde(default)]
    pub identity: Option<String>,
    /// Audit drills: where the decision left its record.
    #[serde(default)]
    pub evidence: Option<super::audit::Evidence>,
    /// ADR drills: the ADR's Markdown file (a path in the pack).
    #[serde(default)]
    pub adr: Option<String>,
    /// Manifest drills: the learner's manifests (a multi-document YAML file in the pack).
    #[serde(default)]
    pub manifest: Option<String>,
    /// The variant of the drill answered (`meshlab exercise start` writes it; absent: the
    /// drill as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<u64>,
    /// Debugging drills: for each question, the command run and the fact it showed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<super::debugging::Finding>,
}
