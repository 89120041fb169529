//! Every case of tests/oracle/networkpolicy.yaml (Kubernetes e2e netpol tests, API docs,
//! validation code, cyclonus, recipes: see each case's `source`) through the same code path as
//! `meshlab sim probe`: the case becomes real manifests, each probe a `Probe`.
//!
//! Ambiguous cases follow meshlab's documented choices: ipBlock matches pod IPs (as the e2e
//! tests expect), a pod's traffic with itself is never blocked (docs), a named port towards a
//! non-pod destination matches nothing.

#[path = "oracle/common.rs"]
mod common;

use common::{Tally, Untranslated, load_cases, netpol_manifests, source, str_of};
use meshlab::sim::eval::outcome::Verdict;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::LoadOptions;
use meshlab::sim::model::net::Protocol;
use meshlab::sim::scenario::probes::evaluate;
use serde_json::Value;

fn probe(p: &Value) -> Probe {
    Probe {
        from: str_of(p, "from").to_owned(),
        to: str_of(p, "to").to_owned(),
        port: p["port"].as_u64().and_then(|n| u16::try_from(n).ok()),
        protocol: Protocol::parse(str_of(p, "protocol")),
        count: 1,
        ..Probe::default()
    }
}

#[test]
fn networkpolicy_oracle() {
    let file = load_cases("networkpolicy.yaml");
    let cases = file["cases"].as_array().expect("cases");
    let mut tally = Tally::default();
    let mut untranslated = Untranslated::default();
    let mut ambiguous = Tally::default();
    for case in cases {
        let id = str_of(case, "id");
        let confidence = str_of(case, "confidence");
        let is_ambiguous = case["ambiguous"].as_bool() == Some(true);
        let probes: Vec<Probe> = case["probes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(probe)
            .collect();
        let report = evaluate(
            &[source(id, &netpol_manifests(case))],
            &LoadOptions::default(),
            &probes,
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        untranslated.record(id, &report);
        for rejection in case["expected_policy_rejections"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let ok = report.rejected.iter().any(|r| {
                r.kind == "NetworkPolicy"
                    && r.object == str_of(rejection, "policy")
                    && r.reason == str_of(rejection, "reason")
            });
            tally.record(confidence, ok, || {
                format!("{id}: rejection {rejection} not in {:?}", report.rejected)
            });
        }
        for (p, result) in case["probes"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(&report.results)
        {
            let conf = p["confidence"].as_str().unwrap_or(confidence);
            let want = p["expected_allowed"].as_bool().expect("expected_allowed");
            let got = result.verdict == Verdict::Allowed;
            let target = if is_ambiguous {
                &mut ambiguous
            } else {
                &mut tally
            };
            target.record(conf, got == want, || {
                format!(
                    "{id}: {} -> {} {}/{}: want allowed={want}, got {:?} ({:?})",
                    str_of(p, "from"),
                    str_of(p, "to"),
                    p["port"],
                    str_of(p, "protocol"),
                    result.verdict,
                    result.decided_by
                )
            });
        }
    }
    tally.print("networkpolicy.yaml");
    untranslated.assert_none("networkpolicy.yaml");
    ambiguous.print("networkpolicy.yaml (ambiguous, documented choice)");
    assert!(
        tally.failures.is_empty(),
        "{} non-ambiguous probes failed",
        tally.failures.len()
    );
    assert!(
        ambiguous.failures.is_empty(),
        "ambiguous cases no longer follow the documented choice"
    );
    let (pass, total) = tally.passed("spec");
    assert!(total > 0 && pass == total, "spec: {pass}/{total}");
}
