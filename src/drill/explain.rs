//! A graded report in words, shared by `meshlab grade` and the TUI so both explain a probe the
//! same way.

use super::exercise::{Expect, Kind};
use super::grade::{Detail, PlacementReport, ProbeReport, Report};
use crate::i18n::{Lang, Msg};
use crate::sim::enforce::point_name;
use crate::sim::outcome::Verdict;
use unicode_width::UnicodeWidthStr;

pub fn verdict_word(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Allowed => Msg::Allowed.text(lang),
        Verdict::Denied => Msg::Denied.text(lang),
    }
}

pub fn expect_word(e: Expect, lang: Lang) -> &'static str {
    match e {
        Expect::Allowed => Msg::Allowed.text(lang),
        Expect::Denied => Msg::Denied.text(lang),
    }
}

/// The learner-facing name of a drill kind.
pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::EnforcementPoint => Msg::KindEnforcementPoint.text(lang),
        Kind::Diagnose => Msg::KindDiagnose.text(lang),
        Kind::RetryBudget => Msg::KindRetryBudget.text(lang),
        Kind::MeshSelection => Msg::KindMeshSelection.text(lang),
        Kind::AdoptionOrder => Msg::KindAdoptionOrder.text(lang),
        Kind::Audit => Msg::KindAudit.text(lang),
    }
}

/// What happened against what was expected: "denied as expected", "expected denied, got
/// allowed", or, for a request that got through but in the clear, "not encrypted end to end".
pub fn probe_outcome(p: &ProbeReport, lang: Lang) -> String {
    let got = if p.served {
        Msg::Allowed.text(lang)
    } else {
        Msg::Denied.text(lang)
    };
    if p.held {
        return Msg::ProbeHeld.fill(lang, &[got]);
    }
    if p.served && p.expected == Expect::Allowed {
        return Msg::NotEncrypted.text(lang).to_string();
    }
    Msg::ProbeBroke.fill(lang, &[expect_word(p.expected, lang), got])
}

/// What the chosen enforcement point did with the policy for this probe, when worth saying:
/// which attributes it cannot see, that the request never passes it, or the rule that denied.
pub fn placement_line(p: &ProbeReport, lang: Lang) -> Option<String> {
    match p.placement.as_ref()? {
        PlacementReport::NotEnforceable { point, missing } => {
            Some(Msg::NotEnforceable.fill(lang, &[point_name(*point), &missing.join(", ")]))
        }
        PlacementReport::NotOnPath { point } => {
            Some(Msg::NotOnPath.fill(lang, &[point_name(*point)]))
        }
        PlacementReport::Enforced {
            denied_by: Some(rule),
        } => p.hops.last().map(|h| {
            Msg::DeniedAt.fill(lang, &[h.component.trim_start_matches("policy at "), rule])
        }),
        PlacementReport::Enforced { denied_by: None } => None,
    }
}

/// Lines of [`detail_lines`] that form a table: the score table's header, rows and scores.
/// They keep their columns; the other lines can wrap.
pub fn table_lines(r: &Report) -> usize {
    match &r.detail {
        Some(Detail::Selection(t)) => t.rows.len() + 2,
        _ => 0,
    }
}

/// What the newer kinds report beyond probes, as plain lines (the score table, the adoption
/// steps, the audit parts); `meshlab grade` prints them and the TUI shows them.
pub fn detail_lines(r: &Report, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    match &r.detail {
        None => {}
        Some(Detail::Selection(t)) => {
            // Columns as wide as their widest cell, two spaces apart.
            let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
            let first = std::iter::once(Msg::Requirement.text(lang))
                .chain(t.rows.iter().map(|r| r.label.get(lang)))
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            let weight = Msg::Weight.text(lang).width();
            let row = |label: &str, weight_cell: &str, cells: Vec<String>| {
                let mut line = format!("{}  {}", pad(label, first), pad(weight_cell, weight));
                for (m, c) in t.meshes.iter().zip(cells) {
                    line.push_str(&format!("  {}", pad(&c, m.width())));
                }
                line.trim_end().to_string()
            };
            out.push(row(
                Msg::Requirement.text(lang),
                Msg::Weight.text(lang),
                t.meshes.clone(),
            ));
            for r in &t.rows {
                let marks = r
                    .cells
                    .iter()
                    .map(|c| if c.held { "✓" } else { "✗" }.to_string())
                    .collect();
                out.push(row(r.label.get(lang), &r.weight.to_string(), marks));
            }
            out.push(row(
                Msg::Score.text(lang),
                "",
                t.scores.iter().map(u32::to_string).collect(),
            ));
            let pick = t.meshes.iter().position(|m| *m == t.chosen);
            let best: Vec<&str> = t
                .meshes
                .iter()
                .zip(&t.scores)
                .filter(|(_, s)| **s == t.top)
                .map(|(m, _)| m.as_str())
                .collect();
            out.push(Msg::SelectionPick.fill(
                lang,
                &[
                    &t.chosen,
                    &pick.map_or(0, |i| t.scores[i]).to_string(),
                    &t.top.to_string(),
                    &best.join(", "),
                ],
            ));
            for row in &t.rows {
                for (m, c) in t.meshes.iter().zip(&row.cells) {
                    if !c.held {
                        out.push(format!("  ✗ {} · {m}: {}", row.id, c.observed.join("; ")));
                    }
                }
            }
        }
        Some(Detail::Adoption(s)) => {
            for (i, step) in s.steps.iter().enumerate() {
                let mark = if step.held { "✓" } else { "✗" };
                let n = (i + 1).to_string();
                out.push(format!(
                    "{mark} {}",
                    Msg::AdoptionStep.fill(lang, &[&n, step.label.get(lang)])
                ));
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
            out.push(
                Msg::AdoptionSurvived.fill(lang, &[&s.survived.to_string(), &s.total.to_string()]),
            );
        }
        Some(Detail::Audit(p)) => {
            let none = Msg::NotAnswered.text(lang);
            let part = |mark: bool, name: Msg, answered: Option<&str>, expected: &str| {
                format!(
                    "{} {}",
                    if mark { "✓" } else { "✗" },
                    Msg::AuditPart
                        .fill(lang, &[name.text(lang), answered.unwrap_or(none), expected])
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
        }
    }
    out
}
