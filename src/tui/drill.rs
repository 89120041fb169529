//! One drill in progress: the answer being built, the hints revealed, and the graded report.
//! Plain data and small pure steps; `update` decides when they happen.

use std::time::Duration;

use super::adr_editor::{AdrEditor, Draft};
use super::console::Console;
use super::packs::Packs;
use crate::drill::debugging::Finding;
use crate::drill::exercise::{Answer, Exercise, Expect, Kind};
use crate::drill::grade::Report;
use crate::drill::manifest;
use crate::drill::variant;
use crate::i18n::Lang;

/// Digits accepted in the number field; more would only overflow, no drill asks for that many.
const MAX_DIGITS: usize = 9;

#[derive(Clone, Debug)]
pub struct DrillState {
    /// Index into every pack's drills ([`Packs::drill`]).
    pub exercise: usize,
    /// Highlighted row of the answer list: the choices, then (diagnose) the fixes.
    pub cursor: usize,
    pub choice: Option<usize>,
    pub fix: Option<usize>,
    /// Retry-budget drills: the digits typed so far.
    pub number: String,
    /// Adoption-order drills: phase indices in the learner's current order (empty until the
    /// first move: the phases as the exercise lists them).
    pub order: Vec<usize>,
    /// Audit drills: the row picked in each group (verdict, identity, evidence).
    pub audit: [Option<usize>; 3],
    /// How many rungs of the hint ladder are revealed (recorded with the attempt).
    pub hints_used: usize,
    /// First visible line of the scrolling pane (the prompt, or the probe details).
    pub scroll: usize,
    /// Set once the answer is graded; the screen then shows the result.
    pub report: Option<Report>,
    /// The probe whose path is drawn in the result.
    pub probe: usize,
    /// `App::clock` when this attempt began.
    pub started: Duration,
    /// Diagnose and audit drills: the investigation console (open or not).
    pub console: Option<Console>,
    /// ADR drills: the record being written (its editor open or not).
    pub adr: Option<AdrEditor>,
    /// The variant asked (0: the drill as written), and the drill as this variant asks it,
    /// for drills that have variants ([`crate::drill::variant`]).
    pub variant: u64,
    pub resolved: Option<Box<Exercise>>,
}

/// The part of an answer still to be given before it can be graded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Choice,
    Fix,
    Number,
    /// Audit drills: a verdict, an identity or an evidence source.
    AuditPart,
    /// Debugging drills: no answer recorded with `found` yet.
    Finding,
}

impl DrillState {
    pub fn new(exercise: usize, now: Duration) -> DrillState {
        DrillState {
            exercise,
            cursor: 0,
            choice: None,
            fix: None,
            number: String::new(),
            order: Vec::new(),
            audit: [None; 3],
            hints_used: 0,
            scroll: 0,
            report: None,
            probe: 0,
            started: now,
            console: None,
            adr: None,
            variant: 0,
            resolved: None,
        }
    }

    /// Drill `exercise` of `packs`, started at `now`; a diagnose or audit drill comes with its
    /// console, an ADR drill with the template in `lang` and a manifest drill with its starter
    /// skeleton (until its saved draft is loaded).
    pub fn open(
        packs: &Packs,
        exercise: usize,
        now: Duration,
        lang: Lang,
        variant: u64,
    ) -> DrillState {
        let drill = packs.drill(exercise);
        let resolved = drill
            .filter(|(_, ex)| variant::varies(ex))
            .map(|(_, ex)| Box::new(variant::resolve(ex, variant)));
        let console = drill
            // The drills whose prompts send the learner to investigate the cluster: the
            // cluster of the variant asked.
            .filter(|(_, ex)| matches!(ex.kind, Kind::Diagnose | Kind::Audit | Kind::Debugging))
            .map(|(s, ex)| Console::for_drill(&s.pack, resolved.as_deref().unwrap_or(ex)));
        DrillState {
            console,
            adr: drill.and_then(|(s, ex)| match ex.kind {
                Kind::Adr => Some(AdrEditor::new(lang)),
                Kind::Manifest => Some(AdrEditor::for_draft(
                    Draft::Manifest {
                        starter: [Lang::Id, Lang::En].map(|l| manifest::starter(&s.pack, ex, l)),
                    },
                    lang,
                )),
                _ => None,
            }),
            variant: if resolved.is_some() { variant } else { 0 },
            resolved,
            ..DrillState::new(exercise, now)
        }
    }

    /// A fresh attempt at the same drill. The hints already read stay revealed: the learner
    /// has seen them, so the next attempt honestly counts them too. The console keeps its
    /// transcript and history: what was found out is still known. The ADR keeps its text: a
    /// second attempt improves the record, it does not start over. A variant stays the same
    /// question.
    pub fn retry(&self, now: Duration) -> DrillState {
        DrillState {
            hints_used: self.hints_used,
            console: self.console.clone(),
            adr: self.adr.clone(),
            // A retry asks the same question again.
            variant: self.variant,
            resolved: self.resolved.clone(),
            ..DrillState::new(self.exercise, now)
        }
    }

    /// Rows of the answer list (none for a number drill).
    pub fn rows(ex: &Exercise) -> usize {
        match ex.kind {
            Kind::AdoptionOrder => ex.adoption.as_ref().map_or(0, |a| a.phases.len()),
            Kind::Audit => audit_groups(ex).iter().sum(),
            _ => ex.choices.len() + ex.fixes.len(),
        }
    }

    /// Adoption drills: the phases in the learner's current order.
    pub fn phase_order(&self, ex: &Exercise) -> Vec<usize> {
        if self.order.is_empty() {
            (0..Self::rows(ex)).collect()
        } else {
            self.order.clone()
        }
    }

    /// Adoption drills: moves the highlighted phase one place up or down, with the cursor.
    pub fn move_phase(&mut self, ex: &Exercise, down: bool) {
        let mut order = self.phase_order(ex);
        let to = if down {
            self.cursor + 1
        } else {
            self.cursor.wrapping_sub(1)
        };
        if self.cursor < order.len() && to < order.len() {
            order.swap(self.cursor, to);
            self.cursor = to;
        }
        self.order = order;
    }

    pub fn move_cursor(&mut self, ex: &Exercise, down: bool) {
        let last = Self::rows(ex).saturating_sub(1);
        self.cursor = if down {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    /// Reveals the next hint; `false` when the ladder is exhausted.
    pub fn reveal_hint(&mut self, ex: &Exercise) -> bool {
        if self.hints_used < ex.hints.len() {
            self.hints_used += 1;
            true
        } else {
            false
        }
    }

    pub fn push_digit(&mut self, digit: char) {
        if digit.is_ascii_digit() && self.number.len() < MAX_DIGITS {
            self.number.push(digit);
        }
    }

    /// Takes the highlighted row as the answer to its group (cause or fix) and moves the
    /// cursor to the group still unanswered, if any.
    pub fn pick(&mut self, ex: &Exercise) {
        match ex.kind {
            // The answer is the whole list as it stands.
            // Numbers are typed; an ADR is written in its editor.
            // Answers are recorded in the console (`found`).
            Kind::RetryBudget
            | Kind::Cost
            | Kind::AdoptionOrder
            | Kind::Adr
            | Kind::Manifest
            | Kind::Debugging => {
                return;
            }
            Kind::Audit => {
                let mut start = 0;
                for (group, len) in audit_groups(ex).into_iter().enumerate() {
                    if (start..start + len).contains(&self.cursor) {
                        self.audit[group] = Some(self.cursor - start);
                    }
                    start += len;
                }
                // On to the first group still unanswered.
                if let Some(group) = self.audit.iter().position(Option::is_none) {
                    self.cursor = audit_groups(ex)[..group].iter().sum();
                }
                return;
            }
            _ => {}
        }
        if self.cursor < ex.choices.len() {
            self.choice = Some(self.cursor);
        } else {
            self.fix = Some(self.cursor - ex.choices.len());
        }
        match self.missing(ex) {
            Some(Missing::Choice) => self.cursor = 0,
            Some(Missing::Fix) => self.cursor = ex.choices.len(),
            _ => {}
        }
    }

    /// What is still needed before grading.
    pub fn missing(&self, ex: &Exercise) -> Option<Missing> {
        match ex.kind {
            Kind::RetryBudget | Kind::Cost if self.number.is_empty() => Some(Missing::Number),
            Kind::RetryBudget | Kind::Cost | Kind::AdoptionOrder => None,
            Kind::Audit if self.audit.contains(&None) => Some(Missing::AuditPart),
            Kind::Audit => None,
            Kind::Debugging if self.findings(ex).is_empty() => Some(Missing::Finding),
            Kind::Debugging => None,
            _ if self.choice.is_none() => Some(Missing::Choice),
            Kind::Diagnose if self.fix.is_none() => Some(Missing::Fix),
            _ => None,
        }
    }

    /// The answer in the grader's terms, once complete.
    pub fn answer(&self, ex: &Exercise) -> Option<Answer> {
        if self.missing(ex).is_some() {
            return None;
        }
        Some(Answer {
            choice: self.choice.map(|i| ex.choices[i].id.clone()),
            fix: self.fix.map(|i| ex.fixes[i].id.clone()),
            number: self.number.parse().ok(),
            order: match (ex.kind, &ex.adoption) {
                (Kind::AdoptionOrder, Some(a)) => self
                    .phase_order(ex)
                    .into_iter()
                    .map(|i| a.phases[i].id.clone())
                    .collect(),
                _ => Vec::new(),
            },
            verdict: self.audit[0].map(|i| AUDIT_VERDICTS[i]),
            identity: ex
                .audit
                .as_ref()
                .and_then(|a| a.identities.get(self.audit[1]?).cloned()),
            evidence: ex
                .audit
                .as_ref()
                .and_then(|a| a.evidence.get(self.audit[2]?).copied()),
            adr: None,
            manifest: None,
            variant: (self.variant != 0).then_some(self.variant),
            findings: self.findings(ex),
        })
    }

    /// Debugging drills: the answers recorded in the console, by question id.
    pub fn findings(&self, ex: &Exercise) -> Vec<Finding> {
        let found = self.console.as_ref().map_or(&[][..], |c| &c.found[..]);
        found
            .iter()
            .filter_map(|f| {
                let q = ex.questions.get(f.question.checked_sub(1)?)?;
                Some(Finding {
                    question: q.id.clone(),
                    command: f.command.clone(),
                    fact: f.fact.clone(),
                })
            })
            .collect()
    }

    /// The ADR editor, when it is open.
    pub fn open_adr(&mut self) -> Option<&mut AdrEditor> {
        self.adr.as_mut().filter(|a| a.open)
    }

    /// The console, when it is open.
    pub fn open_console(&mut self) -> Option<&mut Console> {
        self.console.as_mut().filter(|c| c.open)
    }

    /// Whole seconds from the start of this attempt to `now`.
    pub fn seconds(&self, now: Duration) -> u64 {
        now.saturating_sub(self.started).as_secs()
    }
}

/// Audit drills: the verdict rows, in the order the answer list shows them.
pub const AUDIT_VERDICTS: [Expect; 2] = [Expect::Allowed, Expect::Denied];

/// Audit drills: rows per group of the answer list (verdicts, identities, evidence sources).
pub fn audit_groups(ex: &Exercise) -> [usize; 3] {
    let (ids, evidence) = ex
        .audit
        .as_ref()
        .map_or((0, 0), |a| (a.identities.len(), a.evidence.len()));
    [AUDIT_VERDICTS.len(), ids, evidence]
}
