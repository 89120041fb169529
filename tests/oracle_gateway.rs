//! Every case of tests/oracle/gateway-api.yaml (Gateway API conformance suite and API docs at
//! kubernetes-sigs/gateway-api@4564255a: see each case's `source`) through the same code path as
//! `meshlab sim probe`. Gateway-mode requests enter `gw:gateway-conformance-infra/<gateway>`
//! from outside the cluster; mesh-mode requests are sent by the case's client pod to the Service
//! DNS name, with every namespace enrolled in Linkerd (`--mesh linkerd`).
//!
//! Ambiguous choices: all-zero weights answer 500; GAMMA routes ignore `hostnames`.

#[path = "oracle/common.rs"]
mod common;

use common::{Tally, Untranslated, load_cases, source, str_of};
use meshlab::sim::eval::outcome::ProbeResult;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::LoadOptions;
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::probes::evaluate;
use serde_json::Value;

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            )
        })
        .collect()
}

fn probe(case: &Value, req: &Value) -> Probe {
    let count = req["samples"]
        .as_u64()
        .map_or(1, |n| u32::try_from(n).unwrap_or(1));
    let mut p = Probe {
        method: req["method"].as_str().map(str::to_owned),
        path: req["path"].as_str().map(str::to_owned),
        headers: pairs(&req["headers"]),
        query: pairs(&req["query"]),
        delay_ms: req["backend_delay_ms"].as_u64().unwrap_or(0),
        count,
        ..Probe::default()
    };
    if str_of(case, "mode") == "mesh" {
        let client = &req["client"];
        let ns = client["namespace"]
            .as_str()
            .unwrap_or("gateway-conformance-mesh");
        let app = client["app"].as_str().unwrap_or("echo-v1");
        p.from = format!("deploy:{ns}/{app}");
        p.to = req["host"].as_str().unwrap_or("echo").to_owned();
    } else {
        let gw = req["gateway"]
            .as_str()
            .or(case["gateway"].as_str())
            .unwrap_or("same-namespace");
        p.from = "203.0.113.10".to_owned();
        p.to = format!("gw:gateway-conformance-infra/{gw}");
        p.host = req["host"].as_str().map(str::to_owned);
    }
    p
}

fn service_name(r: &ProbeResult) -> Option<&str> {
    r.backend
        .as_ref()
        .and_then(|b| b.service.as_deref())
        .and_then(|s| s.split_once('/').map(|(_, n)| n))
}

/// Compare one request's result with its expectation; Err = what differs.
fn check(expected: &Value, r: &ProbeResult, samples: u64) -> Result<(), String> {
    let mut statuses = vec![expected["status"].as_u64().unwrap_or(200)];
    statuses.extend(
        expected["acceptable"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64),
    );
    if let Some(shares) = expected["shares"].as_object() {
        let tolerance = expected["tolerance"].as_f64().unwrap_or(0.05);
        for (backend, want) in shares {
            let got = r
                .counts
                .iter()
                .filter(|(k, _)| {
                    *k == backend || k.rsplit_once('/').is_some_and(|(_, n)| n == backend)
                })
                .map(|(_, n)| *n)
                .sum::<u64>() as f64
                / samples as f64;
            let want = want.as_f64().unwrap_or(-1.0);
            let ok = if want == 0.0 {
                got == 0.0
            } else {
                (got - want).abs() <= tolerance
            };
            if !ok {
                return Err(format!(
                    "share of {backend}: want {want}, got {got} ({:?})",
                    r.counts
                ));
            }
        }
        return Ok(());
    }
    let status = r.status.map(u64::from);
    if !statuses.iter().any(|s| Some(*s) == status) {
        return Err(format!(
            "status: want {statuses:?}, got {status:?} (route {:?}, hops {:?})",
            r.route,
            r.hops.last()
        ));
    }
    if let Some(backend) = expected["backend"].as_str()
        && service_name(r) != Some(backend)
    {
        return Err(format!("backend: want {backend}, got {:?}", r.backend));
    }
    if let Some(applied) = expected.get("route_applied") {
        let got = r.route.as_deref();
        let ok = match applied.as_str() {
            Some(name) => got.is_some_and(|g| g.contains(&format!("/{name} rule"))),
            None => got.is_none(),
        };
        if !ok {
            return Err(format!("route_applied: want {applied}, got {got:?}"));
        }
    }
    for (name, value) in pairs(&expected["response_headers"]) {
        if r.response_headers.get(&name) != Some(&value) {
            return Err(format!(
                "response header {name}: want {value}, got {:?}",
                r.response_headers
            ));
        }
    }
    for name in expected["absent_response_headers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if r.response_headers.contains_key(name) {
            return Err(format!("response header {name} must be absent"));
        }
    }
    Ok(())
}

#[test]
fn gateway_api_oracle() {
    let file = load_cases("gateway-api.yaml");
    let mut tally = Tally::default();
    let mut untranslated = Untranslated::default();
    let mut ambiguous = Tally::default();
    for case in file["cases"].as_array().expect("cases") {
        let id = str_of(case, "id");
        let confidence = str_of(case, "confidence");
        let mut manifests: Vec<Value> = file["bases"][str_of(case, "base")]["manifests"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        manifests.extend(case["manifests"].as_array().into_iter().flatten().cloned());
        let requests: Vec<&Value> = case["requests"].as_array().into_iter().flatten().collect();
        let probes: Vec<Probe> = requests.iter().map(|r| probe(case, r)).collect();
        let options = LoadOptions {
            mesh: Some(Profile::Linkerd),
        };
        let report = evaluate(&[source(id, &manifests)], &options, &probes)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        untranslated.record(id, &report);
        for (i, (req, result)) in requests.iter().zip(&report.results).enumerate() {
            let conf = req["confidence"].as_str().unwrap_or(confidence);
            let samples = req["samples"].as_u64().unwrap_or(1);
            let outcome = check(&req["expected"], result, samples);
            let target = if case["ambiguous"].as_bool() == Some(true) {
                &mut ambiguous
            } else {
                &mut tally
            };
            target.record(conf, outcome.is_ok(), || {
                format!(
                    "{id} request {i} ({} {}): {}",
                    str_of(req, "method"),
                    str_of(req, "path"),
                    outcome.err().unwrap_or_default()
                )
            });
        }
    }
    tally.print("gateway-api.yaml");
    untranslated.assert_none("gateway-api.yaml");
    ambiguous.print("gateway-api.yaml (ambiguous, documented choice)");
    assert!(
        tally.failures.is_empty(),
        "{} requests failed",
        tally.failures.len()
    );
    assert!(
        ambiguous.failures.is_empty(),
        "ambiguous cases no longer follow the documented choice"
    );
    let (pass, total) = tally.passed("spec");
    assert!(total > 0 && pass == total, "spec: {pass}/{total}");
}
