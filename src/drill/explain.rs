//! A graded report in words, shared by `meshlab grade` and the TUI so both explain a probe the
//! same way.

use super::adr::AdrReport;
use super::exercise::{Expect, Kind};
use super::expectation;
use super::grade::{Detail, PlacementReport, ProbeReport, Report};
use super::manifest::ManifestReport;
use crate::i18n::{Lang, Msg, trace};
use crate::sim::eval::outcome::Verdict;
use crate::sim::scenario::enforce::point_name;

pub fn verdict_word(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Allowed => Msg::Allowed.text(lang),
        Verdict::Denied => Msg::Denied.text(lang),
        Verdict::Failed => Msg::Failed.text(lang),
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
        Kind::Adr => Msg::KindAdr.text(lang),
        Kind::Manifest => Msg::KindManifest.text(lang),
        Kind::Cost => Msg::KindCost.text(lang),
        Kind::Debugging => Msg::KindDebugging.text(lang),
    }
}

/// What happened against what was expected: "denied as expected", "expected denied, got
/// allowed", "expected allowed, got HTTP 404" (an answer that is not a success), or what else it
/// missed (the outcome, a status, the identity, encryption, another backend, a share, a count of
/// tries, no record).
pub fn probe_outcome(p: &ProbeReport, lang: Lang) -> String {
    let got = if p.served {
        Msg::Allowed.text(lang)
    } else {
        Msg::Denied.text(lang)
    };
    if p.held {
        return Msg::ProbeHeld.fill(lang, &[got]);
    }
    if p.verdict_held {
        let lines: Vec<String> = p
            .misses
            .iter()
            .map(|m| expectation::line(m, lang))
            .collect();
        return lines.join("; ");
    }
    // Answered, but not with a success the exercise can call allowed.
    let got = if p.served && p.expected == Expect::Allowed {
        p.answer.as_str()
    } else {
        got
    };
    Msg::ProbeBroke.fill(lang, &[expect_word(p.expected, lang), got])
}

/// What the chosen enforcement point did with the policy for this probe, when worth saying:
/// which attributes it cannot see, that the request never passes it, the rule that denied, or
/// the record it left.
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
            Msg::DeniedAt.fill(
                lang,
                &[
                    h.component.trim_start_matches("policy at "),
                    &trace::localize(rule, lang),
                ],
            )
        }),
        PlacementReport::Enforced { denied_by: None } => p.evidence.as_ref().map(|e| {
            let at = p
                .hops
                .iter()
                .rev()
                .find_map(|h| h.component.strip_prefix("policy at "));
            Msg::RecordedAt.fill(lang, &[at.unwrap_or("-"), &trace::localize(e, lang)])
        }),
    }
}

/// A graded report in lines, below its verdict: the worst case of a retry drill, what the newer
/// kinds report, each probe held or broken (with what the chosen point did, and why a broken
/// one matters), then the feedback. `meshlab grade` prints them; class feedback files quote
/// them.
pub fn report_lines(r: &Report, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = r.expected_number {
        out.push(format!(
            "  {}",
            Msg::RetryWorstCase.fill(lang, &[&n.to_string()])
        ));
    }
    for line in detail_lines(r, lang) {
        out.push(format!("  {line}"));
    }
    let manifest = r.manifest();
    for (i, p) in r.probes.iter().enumerate() {
        let mark = if p.held { "✓" } else { "✗" };
        out.push(format!("  {mark} {}: {}", p.name, probe_outcome(p, lang)));
        if let Some(line) = placement_line(p, lang) {
            out.push(format!("      {line}"));
        }
        if manifest.is_some_and(|m| m.is_collateral(i, p.held)) {
            let now = trace::localize(&p.answer, lang);
            out.push(format!(
                "      {}",
                Msg::ManifestCollateral.fill(lang, &[&now])
            ));
        }
        if !p.held {
            out.push(format!(
                "      {}: {}",
                Msg::Why.text(lang),
                p.why.get(lang)
            ));
        }
    }
    for f in &r.feedback {
        out.push(format!("{}: {}", Msg::Feedback.text(lang), f.get(lang)));
    }
    out
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
        Some(Detail::Cost(c)) => super::cost::lines(c, lang),
        Some(Detail::Adr(a)) => adr_lines(a, lang)
            .lines()
            .map(|l| l.strip_prefix("  ").unwrap_or(l).to_string())
            .collect(),
        Some(Detail::Manifest(m)) => manifest_lines(m, lang),
        Some(Detail::Debugging(f)) => super::debugging::lines(f, lang),
    }
}

/// A manifest answer's summary: what the loader said about the learner's file, how many of
/// the checks that failed before now hold, the collateral damage, and each requirement.
pub fn manifest_lines(m: &ManifestReport, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if m.objects.is_empty() {
        out.push(Msg::ManifestEmpty.text(lang).to_string());
    }
    for d in &m.diagnostics {
        let what = if d.rejected {
            Msg::ManifestRejected
        } else {
            Msg::ManifestWarning
        };
        out.push(what.fill(lang, &[&d.at, &trace::localize(&d.message, lang)]));
    }
    out.push(Msg::ManifestGoals.fill(lang, &[&m.goals_met.to_string(), &m.goals.to_string()]));
    if m.collateral.is_empty() {
        out.push(Msg::ManifestNoCollateral.text(lang).to_string());
    } else {
        out.push(Msg::ManifestCollateralList.fill(lang, &[&m.collateral.join(", ")]));
    }
    for (r, before) in m.requirements.iter().zip(&m.requirements_before) {
        let mark = if r.held { "✓" } else { "✗" };
        out.push(format!(
            "{mark} {}: {} — {}",
            r.name,
            r.label.get(lang),
            trace::localize(&r.observed, lang)
        ));
        if !r.held {
            if *before {
                let now = trace::localize(&r.observed, lang);
                out.push(format!(
                    "    {}",
                    Msg::ManifestCollateral.fill(lang, &[&now])
                ));
            }
            out.push(format!("    {}: {}", Msg::Why.text(lang), r.why.get(lang)));
        }
    }
    out
}

/// An ADR report in words: each requirement held or broken (with where its request stopped
/// and why it matters), each rubric item met or missed, the compilation notes, the formula.
pub fn adr_lines(a: &AdrReport, lang: Lang) -> String {
    let mut out = String::new();
    let held = a.requirements.iter().filter(|r| r.held).count();
    out.push_str(&format!(
        "  {}\n",
        Msg::AdrRequirements.fill(
            lang,
            &[&held.to_string(), &a.requirements.len().to_string()]
        )
    ));
    for r in &a.requirements {
        let mark = if r.held { "✓" } else { "✗" };
        out.push_str(&format!(
            "  {mark} {}: {} — {}\n",
            r.name,
            r.label.get(lang),
            trace::localize(&r.observed, lang)
        ));
        if !r.held {
            out.push_str(&format!("      {}\n", r.invariant));
            for m in &r.misses {
                out.push_str(&format!("      {}\n", expectation::line(m, lang)));
            }
            let hop = match (&r.stopped_hop, &r.stopped_at) {
                (Some(h), _) => Some(format!(
                    "{}: {} ({})",
                    trace::localize(&h.component, lang),
                    trace::decision(&h.decision, lang),
                    trace::localize(&h.reason, lang)
                )),
                (None, at) => at.clone(),
            };
            if let Some(hop) = hop {
                out.push_str(&format!("      {}: {hop}\n", Msg::AdrStoppedAt.text(lang)));
            }
            out.push_str(&format!(
                "      {}: {}\n",
                Msg::Why.text(lang),
                r.why.get(lang)
            ));
        }
    }
    let met: u32 = a
        .rubric
        .iter()
        .filter(|r| r.met)
        .map(|r| u32::from(r.points))
        .sum();
    let total: u32 = a.rubric.iter().map(|r| u32::from(r.points)).sum();
    out.push_str(&format!(
        "  {}\n",
        Msg::AdrRubric.fill(lang, &[&met.to_string(), &total.to_string()])
    ));
    for r in &a.rubric {
        let mark = if r.met { "✓" } else { "✗" };
        out.push_str(&format!("  {mark} {} ({})\n", r.label.get(lang), r.points));
        if r.section_missing {
            out.push_str(&format!("      {}\n", Msg::AdrSectionMissing.text(lang)));
        } else if !r.broken_requirements.is_empty() {
            out.push_str(&format!(
                "      {}\n",
                Msg::AdrRubricVoided.fill(lang, &[&r.broken_requirements.join(", ")])
            ));
        } else if !r.missing.is_empty() {
            out.push_str(&format!(
                "      {}\n",
                Msg::AdrNotMentioned.fill(lang, &[&r.missing.join(", ")])
            ));
        }
    }
    if !a.notes.is_empty() {
        out.push_str(&format!("  {}:\n", Msg::AdrNotes.text(lang)));
        for n in &a.notes {
            out.push_str(&format!("    - {}\n", n.get(lang)));
        }
    }
    if !a.hard_broken.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            Msg::AdrHardBroken.fill(lang, &[&a.hard_broken.join(", ")])
        ));
    }
    // A design mismatch scores 0 whatever the parts; the feedback says why.
    if a.design_met {
        out.push_str(&format!(
            "  {}\n",
            Msg::AdrFormula.fill(
                lang,
                &[
                    &a.requirement_points.to_string(),
                    &a.rubric_points.to_string()
                ]
            )
        ));
    }
    out
}
