//! The path one probe took, drawn as a vertical diagram: each hop with its decision and
//! reason, each link marked encrypted or plain, and the hop that stopped the request called out.
//!
//! ```text
//! ┌ pod shop/frontend-0 · send
//! │   POST /pay (TCP)
//! │ ─ plain
//! ✗ CNI ingress shop/payments-0 … · drop   ✗ dropped here
//!     ingress-isolated and no rule allows this peer and port
//! ⇒ The client sees: timeout (silently dropped)
//! ```

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::wrapped;
use crate::drill::explain;
use crate::drill::grade::ProbeReport;
use crate::i18n::{Lang, Msg, trace};
use crate::sim::eval::outcome::{Hop, Outcome};
use crate::tui::theme::Theme;

pub fn diagram(p: &ProbeReport, lang: Lang, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let last = p.hops.len().saturating_sub(1);
    for (i, hop) in p.hops.iter().enumerate() {
        let stop = stopped_here(hop, lang);
        let glyph = match (stop.is_some(), i) {
            (true, _) => "✗",
            (false, 0) => "┌",
            (false, i) if i == last => "└",
            _ => "├",
        };
        let style = if stop.is_some() {
            theme.broke
        } else {
            theme.title
        };
        let mut head = format!(
            "{} · {}",
            trace::localize(&hop.component, lang),
            trace::decision(&hop.decision, lang)
        );
        if let Some(stop) = stop {
            head = format!("{head} — {stop}");
        }
        wrapped(
            &mut out,
            Span::styled(format!("{glyph} "), style),
            Span::raw("│ "),
            &head,
            style,
            width,
        );
        let rail = if i == last { "  " } else { "│ " };
        wrapped(
            &mut out,
            Span::raw(format!("{rail}  ")),
            Span::raw(format!("{rail}  ")),
            &trace::localize(&hop.reason, lang),
            Style::new(),
            width,
        );
        if let Some(id) = &hop.identity {
            wrapped(
                &mut out,
                Span::raw(format!("{rail}  ")),
                Span::raw(format!("{rail}  ")),
                &Msg::IdentitySeen.fill(lang, &[id]),
                theme.dim,
                width,
            );
        }
        if i < last {
            let (link, style) = if hop.encrypted {
                (format!("═ {}", Msg::LinkEncrypted.text(lang)), theme.held)
            } else {
                (format!("─ {}", Msg::LinkPlain.text(lang)), theme.dim)
            };
            out.push(Line::from(vec![Span::raw("│ "), Span::styled(link, style)]));
        }
    }
    let sees = Msg::ClientSees.fill(lang, &[&outcome_text(p, lang)]);
    wrapped(
        &mut out,
        Span::styled("⇒ ", theme.title),
        Span::raw("  "),
        &sees,
        theme.title,
        width,
    );
    out
}

/// The call-out for a hop that ended the request, if it did.
fn stopped_here(hop: &Hop, lang: Lang) -> Option<&'static str> {
    let msg = match hop.decision.as_ref() {
        "deny" => Msg::DeniedHere,
        "drop" | "reject" => Msg::DroppedHere,
        "reset" => Msg::ResetHere,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// What the client sees, in the shape it really gets (MESH-NOTES.md §0).
fn outcome_text(p: &ProbeReport, lang: Lang) -> String {
    match p.outcome {
        Outcome::Ok | Outcome::HttpError => match p.status {
            Some(s) => Msg::OutcomeHttp.fill(lang, &[&s.to_string()]),
            None => explain::verdict_word(p.verdict, lang).to_string(),
        },
        Outcome::Reset => Msg::OutcomeReset.text(lang).to_string(),
        Outcome::Refused => Msg::OutcomeRefused.text(lang).to_string(),
        Outcome::Timeout => Msg::OutcomeTimeout.text(lang).to_string(),
        Outcome::DnsFailure => Msg::OutcomeDnsFailure.text(lang).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::exercise::Expect;
    use crate::i18n::Bilingual;
    use crate::sim::eval::outcome::Verdict;

    fn hop(
        component: &str,
        decision: &'static str,
        encrypted: bool,
        identity: Option<&str>,
    ) -> Hop {
        Hop {
            component: component.into(),
            decision: decision.into(),
            encrypted,
            identity: identity.map(str::to_string),
            reason: "because".into(),
            proxy: None,
        }
    }

    /// The fixtures' meshes send in the clear; this path is encrypted, authenticated and reset.
    #[test]
    fn encrypted_links_identities_and_a_reset_are_drawn() {
        let p = ProbeReport {
            name: "p".into(),
            from: "a".into(),
            to: "b".into(),
            expected: Expect::Denied,
            verdict: Verdict::Denied,
            outcome: Outcome::Reset,
            status: None,
            grpc_status: None,
            identity: None,
            encrypted: true,
            served: false,
            answer: "reset".into(),
            verdict_held: true,
            held: true,
            why: Bilingual::default(),
            placement: None,
            evidence: None,
            misses: Vec::new(),
            hops: vec![
                hop("linkerd-proxy outbound", "pass", true, None),
                hop(
                    "linkerd-proxy inbound",
                    "reset",
                    false,
                    Some("spiffe://cluster.local/ns/x/sa/a"),
                ),
            ],
        };
        let text: Vec<String> = diagram(&p, Lang::En, 60, &Theme::new(false))
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(
            text,
            [
                "┌ linkerd-proxy outbound · pass",
                "│   because",
                "│ ═ encrypted",
                "✗ linkerd-proxy inbound · reset — ✗ reset here",
                "    because",
                "    identity spiffe://cluster.local/ns/x/sa/a",
                "⇒ The client sees: connection reset",
            ]
        );
    }

    /// The labels of an enforcement-point hop read in Indonesian.
    #[test]
    fn a_policy_hop_reads_in_indonesian() {
        let mut h = hop("policy at application", "deny", false, None);
        h.reason = "deny rule 1".into();
        let p = ProbeReport {
            name: "p".into(),
            from: "a".into(),
            to: "b".into(),
            expected: Expect::Denied,
            verdict: Verdict::Denied,
            outcome: Outcome::HttpError,
            status: Some(403),
            grpc_status: None,
            identity: None,
            encrypted: false,
            served: false,
            answer: "403".into(),
            verdict_held: true,
            held: true,
            why: Bilingual::default(),
            placement: None,
            evidence: None,
            misses: Vec::new(),
            hops: vec![h],
        };
        let text: Vec<String> = diagram(&p, Lang::Id, 60, &Theme::new(false))
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(
            text,
            [
                "✗ policy di application · tolak — ✗ ditolak di sini",
                "    rule deny ke-1",
                "⇒ Klien melihat: HTTP 403",
            ]
        );
    }
}
