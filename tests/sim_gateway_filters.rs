//! Gateway API filters and route kinds beyond the guides (tests/realism/gateway-api-*):
//! backendRef header modifiers, mirror fractions, regular-expression matches, redirect ports,
//! the HTTPRoute/GRPCRoute hostname conflict and BackendTLSPolicy, through the entry point of
//! `meshlab sim probe` (gateway-api apis/v1/httproute_types.go, grpcroute_types.go,
//! backendtlspolicy_types.go).

use meshlab::sim::eval::outcome::ProbeResult;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::scenario::probes::{Report, evaluate};

const BASE: &str = "
apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: meshlab
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: alt, port: 8080, protocol: HTTP}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: v1, namespace: infra}
spec:
  selector: {matchLabels: {app: v1}}
  template: {metadata: {labels: {app: v1}}, spec: {containers: [{name: c}]}}
---
apiVersion: v1
kind: Service
metadata: {name: v1, namespace: infra}
spec: {selector: {app: v1}, ports: [{name: https, port: 8443, targetPort: 3000}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: v2, namespace: infra}
spec:
  selector: {matchLabels: {app: v2}}
  template: {metadata: {labels: {app: v2}}, spec: {containers: [{name: c}]}}
---
apiVersion: v1
kind: Service
metadata: {name: v2, namespace: infra}
spec: {selector: {app: v2}, ports: [{port: 8443, targetPort: 3000}]}
";

fn report(extra: &str, probes: &[Probe]) -> Report {
    let source = Source {
        name: "t.yaml".to_owned(),
        bytes: format!("{BASE}\n---\n{extra}").into_bytes(),
    };
    evaluate(&[source], &LoadOptions { mesh: None }, probes).expect("evaluates")
}

fn run(extra: &str, probes: &[Probe]) -> Vec<ProbeResult> {
    report(extra, probes).results
}

fn request(port: u16, host: &str, path: &str, count: u32) -> Probe {
    Probe {
        from: "203.0.113.10".to_owned(),
        to: "gw:infra/gw".to_owned(),
        port: Some(port),
        host: Some(host.to_owned()),
        path: Some(path.to_owned()),
        count,
        ..Probe::default()
    }
}

fn grpc(host: &str, path: &str) -> Probe {
    Probe {
        headers: vec![("content-type".to_owned(), "application/grpc".to_owned())],
        ..request(80, host, path, 1)
    }
}

fn reasons(r: &ProbeResult) -> String {
    let all: Vec<&str> = r.hops.iter().map(|h| h.reason.as_str()).collect();
    all.join("\n")
}

#[test]
fn a_backend_refs_header_modifiers_apply_to_its_requests_only() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs:
    - name: v1
      port: 8443
      filters:
      - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-backend, value: one}]}}
      - {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: x-served-by, value: one}]}}
    - name: v2
      port: 8443
      filters:
      - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-backend, value: two}]}}
";
    let probes: Vec<Probe> = (0..2).map(|_| request(80, "a.example", "/", 1)).collect();
    // Each probe has its own session: both go to the first backend of the smooth WRR.
    let r = &run(route, &probes)[0];
    assert_eq!(
        r.backend.as_ref().map(|b| b.pod.as_str()),
        Some("infra/v1-0")
    );
    assert!(reasons(r).contains("x-backend: one"), "{}", reasons(r));
    assert_eq!(
        r.response_headers.get("x-served-by").map(String::as_str),
        Some("one")
    );
    let split = &run(route, &[request(80, "a.example", "/", 2)])[0];
    assert_eq!(split.counts.get("infra/v1"), Some(&1));
    assert_eq!(split.counts.get("infra/v2"), Some(&1));
}

#[test]
fn a_mirror_fraction_sends_exactly_that_share() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: v1, port: 8443}]
    filters:
    - type: RequestMirror
      requestMirror: {backendRef: {name: v2, port: 8443}, fraction: {numerator: 1, denominator: 4}}
";
    let r = &run(route, &[request(80, "a.example", "/", 20)])[0];
    assert_eq!(r.counts.get("infra/v1"), Some(&20));
    assert_eq!(r.counts.get("mirror:infra/v2"), Some(&5));
}

#[test]
fn regular_expression_matches_hold_on_the_whole_value() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches:
    - path: {type: RegularExpression, value: \"/api/v[0-9]+/.*\"}
      headers: [{type: RegularExpression, name: x-tenant, value: \"team-[a-z]+\"}]
    backendRefs: [{name: v2, port: 8443}]
  - backendRefs: [{name: v1, port: 8443}]
";
    let with = |path: &str, tenant: &str| Probe {
        headers: vec![("x-tenant".to_owned(), tenant.to_owned())],
        ..request(80, "a.example", path, 1)
    };
    let results = run(
        route,
        &[
            with("/api/v2/users", "team-blue"),
            with("/api/v2/users", "team-42"),
            with("/x/api/v2/users", "team-blue"),
        ],
    );
    let service = |r: &ProbeResult| r.backend.as_ref().and_then(|b| b.service.clone());
    assert_eq!(service(&results[0]).as_deref(), Some("infra/v2"));
    assert_eq!(service(&results[1]).as_deref(), Some("infra/v1"));
    assert_eq!(service(&results[2]).as_deref(), Some("infra/v1"));
}

#[test]
fn a_redirect_keeps_a_listener_port_that_is_not_well_known() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /old}}]
    filters:
    - type: RequestRedirect
      requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
";
    let results = run(
        route,
        &[
            request(8080, "a.example", "/old/x", 1),
            request(80, "a.example", "/old", 1),
        ],
    );
    assert_eq!(results[0].status, Some(302));
    assert_eq!(
        results[0]
            .response_headers
            .get("location")
            .map(String::as_str),
        Some("http://a.example:8080/new/x")
    );
    assert_eq!(
        results[1]
            .response_headers
            .get("location")
            .map(String::as_str),
        Some("http://a.example/new")
    );
}

#[test]
fn the_older_of_an_httproute_and_a_grpcroute_on_one_hostname_is_accepted() {
    let routes = |http_created: &str, grpc_created: &str| {
        format!(
            "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {{name: web, namespace: infra, creationTimestamp: \"{http_created}\"}}
spec:
  parentRefs: [{{name: gw, sectionName: http}}]
  hostnames: [api.example]
  rules:
  - backendRefs: [{{name: v1, port: 8443}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {{name: rpc, namespace: infra, creationTimestamp: \"{grpc_created}\"}}
spec:
  parentRefs: [{{name: gw, sectionName: http}}]
  hostnames: [api.example]
  rules:
  - backendRefs: [{{name: v2, port: 8443}}]
"
        )
    };
    let call = grpc("api.example", "/shop.Cart/Add");
    let http_older = report(
        &routes("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
        std::slice::from_ref(&call),
    );
    let r = &http_older.results[0];
    assert_eq!(
        r.backend.as_ref().and_then(|b| b.service.as_deref()),
        Some("infra/v1"),
        "the GRPCRoute is not accepted: the call is routed by the HTTPRoute"
    );
    assert!(
        http_older
            .warnings
            .iter()
            .any(|w| w.object == "GRPCRoute infra/rpc"
                && w.message
                    .contains("HTTPRoute infra/web has intersecting hostnames and is older")),
        "{:?}",
        http_older.warnings
    );
    let grpc_older = run(
        &routes("2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
        &[call, request(80, "api.example", "/", 1)],
    );
    assert_eq!(grpc_older[0].grpc_status, Some(0));
    assert_eq!(
        grpc_older[0]
            .backend
            .as_ref()
            .and_then(|b| b.service.as_deref()),
        Some("infra/v2")
    );
    assert_eq!(
        grpc_older[1]
            .backend
            .as_ref()
            .and_then(|b| b.service.as_deref()),
        Some("infra/v2"),
        "the HTTPRoute is not accepted: only the GRPCRoute serves api.example"
    );
}

#[test]
fn backend_tls_policy_needs_a_ca_certificate_that_resolves() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: v1, port: 8443}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata: {name: tls, namespace: infra}
spec:
  targetRefs: [{group: \"\", kind: Service, name: v1, sectionName: https}]
  validation:
    caCertificateRefs: [{group: \"\", kind: ConfigMap, name: v1-ca}]
    hostname: v1.infra.example
";
    let missing = report(route, &[request(80, "a.example", "/", 1)]);
    assert_eq!(missing.results[0].status, Some(503));
    assert!(missing.results[0].backend.is_none());
    assert!(
        missing
            .warnings
            .iter()
            .any(|w| w.message.contains("InvalidCACertificateRef")),
        "{:?}",
        missing.warnings
    );
    let ca = "
apiVersion: v1
kind: ConfigMap
metadata: {name: v1-ca, namespace: infra}
data: {ca.crt: x}
";
    let ok = &run(
        &format!("{route}\n---\n{ca}"),
        &[request(80, "a.example", "/", 1)],
    )[0];
    assert_eq!(ok.status, Some(200));
    assert!(
        reasons(ok).contains("TLS to the backend, SNI v1.infra.example"),
        "{}",
        reasons(ok)
    );
}
