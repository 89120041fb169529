//! A graded report in words, shared by `meshlab grade` and the TUI so both explain a probe the
//! same way.

use super::exercise::{Expect, Kind};
use super::grade::{Detail, PlacementReport, ProbeReport, Report};
use crate::i18n::{Lang, Msg};
use crate::sim::enforce::point_name;
use crate::sim::outcome::Verdict;

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
    match &r.detail {
        None => Vec::new(),
        Some(Detail::Selection(t)) => super::selection::lines(t, lang),
        Some(Detail::Adoption(s)) => super::adoption::lines(s, lang),
        Some(Detail::Audit(p)) => super::audit::lines(p, lang),
    }
}
