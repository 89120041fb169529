//! Honest outcomes (issue 13 item 3): `allowed` only when an application answered, `denied`
//! only when a policy decided, `failed` for everything else; success rates that count an
//! application's 5xx as failures; a waypoint answering 503 when ztunnel refuses its upstream.

use std::process::Command;

use meshlab::sim::eval::outcome::{Outcome, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::probes::evaluate;

fn source(yaml: &str) -> Vec<Source> {
    vec![Source {
        name: "o.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    }]
}

/// Istio's ambient L4 policy docs: with a waypoint in the path, the destination's ztunnel
/// sees the waypoint's identity; an L4 policy that admits only the original client refuses
/// the waypoint's HBONE connection, and the client gets the waypoint's 503 ("upstream connect
/// error or disconnect/reset before headers. reset reason: connection termination",
/// istio.io/latest/docs/ambient/usage/l4-policy/ "Considerations of waypoint"), where without
/// a waypoint the connection would simply be reset.
const AMBIENT: &str = r#"
apiVersion: v1
kind: Namespace
metadata:
  name: app
  labels: {istio.io/dataplane-mode: ambient}
---
apiVersion: v1
kind: Pod
metadata: {name: sleep, namespace: app, labels: {app: sleep}}
spec: {serviceAccountName: sleep, containers: [{name: sleep}]}
---
apiVersion: v1
kind: Pod
metadata: {name: httpbin, namespace: app, labels: {app: httpbin}}
spec: {serviceAccountName: httpbin, containers: [{name: httpbin, ports: [{containerPort: 8000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: app}
spec:
  selector: {app: httpbin}
  ports: [{name: http, port: 8000}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: only-sleep, namespace: app}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: ALLOW
  rules:
  - from: [{source: {principals: ["cluster.local/ns/app/sa/sleep"]}}]
"#;

const WAYPOINT: &str = r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: app, labels: {istio.io/waypoint-for: service}}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: app, labels: {istio.io/use-waypoint: waypoint}}
spec:
  selector: {app: httpbin}
  ports: [{name: http, port: 8000}]
"#;

fn get(yaml: &str) -> meshlab::sim::eval::outcome::ProbeResult {
    let p = Probe {
        from: "app/sleep".into(),
        to: "svc:app/httpbin".into(),
        port: Some(8000),
        method: Some("GET".into()),
        path: Some("/get".into()),
        count: 1,
        ..Probe::default()
    };
    evaluate(&source(yaml), &LoadOptions::default(), &[p])
        .expect("evaluates")
        .results
        .remove(0)
}

#[test]
fn a_waypoint_refused_upstream_answers_503_and_without_it_the_connection_resets() {
    let direct = get(AMBIENT);
    assert_eq!(
        direct.verdict,
        Verdict::Allowed,
        "sleep is admitted: {direct:#?}"
    );
    let through = get(&format!("{AMBIENT}{WAYPOINT}"));
    assert_eq!(
        (through.verdict, through.outcome, through.status),
        (Verdict::Denied, Outcome::HttpError, Some(503)),
        "{through:#?}"
    );
    assert!(
        through
            .hops
            .iter()
            .any(|h| h.reason.contains("upstream connect error")),
        "{:#?}",
        through.hops
    );
}

#[test]
fn verdicts_say_who_decided() {
    // No application answers a probe to a port nothing listens on: failed, not denied.
    let p = Probe {
        from: "app/sleep".into(),
        to: "svc:app/httpbin".into(),
        port: Some(9999),
        count: 1,
        ..Probe::default()
    };
    let r = evaluate(
        &source(AMBIENT),
        &LoadOptions {
            mesh: Some(Profile::None),
        },
        &[p],
    )
    .unwrap()
    .results
    .remove(0);
    assert_eq!(r.verdict, Verdict::Failed, "{r:#?}");
    assert_eq!(r.failed_requests, 1);
}

#[test]
fn an_application_answering_500_is_not_a_success_in_sim_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        r#"
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: broken
  namespace: default
  labels: {app: broken}
  annotations: {sim.meshlab.io/response-status: "500"}
spec: {containers: [{name: b, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: broken, namespace: default}
spec:
  selector: {app: broken}
  ports: [{name: http, port: 80}]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        "mesh = \"linkerd\"\nmanifests = [\"m.yaml\"]\n\n[[traffic]]\nfrom = \"default/client\"\nto = \"svc:default/broken\"\nport = 80\nmethod = \"GET\"\npath = \"/\"\nrps = 10\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(["sim", "run", "--format", "json", "--lang", "en"])
        .arg(dir.path().join("s.toml"))
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    // linkerd viz stat: "the percentage of requests that did not return a 5xx" (Linkerd
    // docs, "Golden metrics"); an application that answers 500 to everything is at 0%.
    assert_eq!(v["edges"][0]["success_rate"], 0.0, "{v:#}");
}
