//! One drill in progress: the answer being built, the hints revealed, and the graded report.
//! Plain data and small pure steps; `update` decides when they happen.

use std::time::Duration;

use crate::drill::exercise::{Answer, Exercise, Kind};
use crate::drill::grade::Report;

/// Digits accepted in the number field; more would only overflow, no drill asks for that many.
const MAX_DIGITS: usize = 9;

#[derive(Clone, Debug)]
pub struct DrillState {
    /// Index into the pack's exercises.
    pub exercise: usize,
    /// Highlighted row of the answer list: the choices, then (diagnose) the fixes.
    pub cursor: usize,
    pub choice: Option<usize>,
    pub fix: Option<usize>,
    /// Retry-budget drills: the digits typed so far.
    pub number: String,
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
}

/// The part of an answer still to be given before it can be graded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Choice,
    Fix,
    Number,
}

impl DrillState {
    pub fn new(exercise: usize, now: Duration) -> DrillState {
        DrillState {
            exercise,
            cursor: 0,
            choice: None,
            fix: None,
            number: String::new(),
            hints_used: 0,
            scroll: 0,
            report: None,
            probe: 0,
            started: now,
        }
    }

    /// A fresh attempt at the same drill. The hints already read stay revealed: the learner
    /// has seen them, so the next attempt honestly counts them too.
    pub fn retry(&self, now: Duration) -> DrillState {
        DrillState {
            hints_used: self.hints_used,
            ..DrillState::new(self.exercise, now)
        }
    }

    /// Rows of the answer list (none for a number drill).
    pub fn rows(ex: &Exercise) -> usize {
        ex.choices.len() + ex.fixes.len()
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
        // Numbers are typed; an ADR is written in a file and graded by `meshlab grade`.
        if matches!(ex.kind, Kind::RetryBudget | Kind::Adr) {
            return;
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
            Kind::RetryBudget if self.number.is_empty() => Some(Missing::Number),
            Kind::RetryBudget => None,
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
            adr: None,
        })
    }

    /// Whole seconds from the start of this attempt to `now`.
    pub fn seconds(&self, now: Duration) -> u64 {
        now.saturating_sub(self.started).as_secs()
    }
}
