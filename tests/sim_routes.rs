//! Gateway API semantics beyond the oracle sample, through the same entry point as
//! `meshlab sim probe`: ReferenceGrant, invalid-backend shares, zero weights, allowedRoutes,
//! route tie-breaks, GAMMA consumer/producer routes and pod-IP traffic.

use meshlab::sim::eval::outcome::ProbeResult;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::probes::evaluate;

const INFRA: &str = "
apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: v1
kind: Namespace
metadata: {name: web, labels: {expose: \"yes\"}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: meshlab
  listeners:
  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
  - name: picky
    port: 8080
    protocol: HTTP
    allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {expose: \"yes\"}}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: v1, namespace: infra}
spec:
  replicas: 2
  selector: {matchLabels: {app: v1}}
  template: {metadata: {labels: {app: v1}}, spec: {containers: [{name: c}]}}
---
apiVersion: v1
kind: Service
metadata: {name: v1, namespace: infra}
spec: {selector: {app: v1}, ports: [{port: 8080, targetPort: 3000}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: web}
spec:
  selector: {matchLabels: {app: shop}}
  template: {metadata: {labels: {app: shop}}, spec: {containers: [{name: c}]}}
---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: web}
spec: {selector: {app: shop}, ports: [{port: 80, targetPort: 8080}]}
";

fn run(extra: &str, probes: &[Probe], mesh: Option<Profile>) -> Vec<ProbeResult> {
    let text = format!("{INFRA}\n---\n{extra}");
    let source = Source {
        name: "t.yaml".to_owned(),
        bytes: text.into_bytes(),
    };
    evaluate(&[source], &LoadOptions { mesh }, probes)
        .expect("evaluates")
        .results
}

fn gw(path: &str, count: u32) -> Probe {
    Probe {
        from: "203.0.113.10".to_owned(),
        to: "gw:infra/gw".to_owned(),
        path: Some(path.to_owned()),
        count,
        ..Probe::default()
    }
}

fn count(r: &ProbeResult, key: &str) -> u64 {
    r.counts.get(key).copied().unwrap_or(0)
}

const CROSS_NS_ROUTE: &str = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: shop, namespace: web, port: 80}]
";

#[test]
fn cross_namespace_backend_needs_a_reference_grant() {
    let without = run(CROSS_NS_ROUTE, &[gw("/", 1)], None);
    assert_eq!(without[0].status, Some(500));
    assert!(without[0].backend.is_none());
    let grant = "
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: web}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]
  to: [{group: \"\", kind: Service}]
";
    let with = run(
        &format!("{CROSS_NS_ROUTE}\n---\n{grant}"),
        &[gw("/", 1)],
        None,
    );
    assert_eq!(with[0].status, Some(200));
    assert_eq!(
        with[0].backend.as_ref().and_then(|b| b.service.as_deref()),
        Some("web/shop")
    );
}

#[test]
fn invalid_backend_keeps_its_share_as_500() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: v1, port: 8080}, {name: missing, port: 8080}, {name: v1, port: 8080, weight: 0}]
";
    let r = &run(route, &[gw("/", 100)], None)[0];
    assert_eq!(count(r, "infra/v1"), 50);
    assert_eq!(count(r, "status:500"), 50);
}

#[test]
fn all_zero_weights_never_forward() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: v1, port: 8080, weight: 0}]
";
    let r = &run(route, &[gw("/", 10)], None)[0];
    assert_eq!(count(r, "status:500"), 10);
    assert!(r.backend.is_none());
}

#[test]
fn allowed_routes_selector_and_same() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: web}
spec:
  parentRefs: [{name: gw, namespace: infra, sectionName: picky}]
  rules:
  - backendRefs: [{name: shop, port: 80}]
";
    let mut p = gw("/", 1);
    p.port = Some(8080);
    let ok = run(route, std::slice::from_ref(&p), None);
    assert_eq!(ok[0].status, Some(200), "{:?}", ok[0].hops);
    // Unlabelled namespace: the listener's selector refuses the route.
    let refused = run(
        &route.replace("namespace: web", "namespace: other"),
        &[p],
        None,
    );
    assert_eq!(refused[0].status, Some(404));
}

#[test]
fn equal_routes_tie_break_on_namespace_then_name() {
    let routes = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: a-route, namespace: web}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules: [{backendRefs: [{name: shop, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: z-route, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: v1, port: 8080}]}]
";
    let r = &run(routes, &[gw("/x", 1)], None)[0];
    assert_eq!(r.route.as_deref(), Some("HTTPRoute infra/z-route rule 0"));
}

#[test]
fn header_match_beats_query_matches() {
    let route = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{queryParams: [{name: a, value: \"1\"}, {name: b, value: \"2\"}, {name: c, value: \"3\"}]}]
    backendRefs: [{name: v1, port: 8080}]
  - matches: [{headers: [{name: x, value: y}]}]
    backendRefs: [{name: v1, port: 8080}]
";
    let mut p = gw("/", 1);
    p.headers = vec![("X".to_owned(), "y".to_owned())];
    p.query = vec![
        ("a".into(), "1".into()),
        ("b".into(), "2".into()),
        ("c".into(), "3".into()),
    ];
    let r = &run(route, &[p], None)[0];
    assert_eq!(r.route.as_deref(), Some("HTTPRoute infra/r rule 1"));
}

const MESH_ROUTES: &str = "
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: producer, namespace: infra}
spec:
  parentRefs: [{group: \"\", kind: Service, name: v1, port: 8080}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /only}}]
    backendRefs: [{name: v1, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: consumer, namespace: web}
spec:
  parentRefs: [{group: \"\", kind: Service, name: v1, namespace: infra, port: 8080}]
  rules:
  - backendRefs: [{name: shop, port: 80}]
";

fn mesh_probe(from: &str, to: &str, path: &str) -> Probe {
    Probe {
        from: from.to_owned(),
        to: to.to_owned(),
        path: Some(path.to_owned()),
        count: 1,
        ..Probe::default()
    }
}

#[test]
fn gamma_producer_and_consumer_routes() {
    let probes = [
        // Producer route applies to a client in the Service's namespace; unmatched = 404.
        mesh_probe("deploy:infra/v1", "v1:8080", "/only/x"),
        mesh_probe("deploy:infra/v1", "v1:8080", "/elsewhere"),
        // A consumer route in the client's namespace takes over for that client only.
        mesh_probe("deploy:web/shop", "v1.infra:8080", "/elsewhere"),
        // Pod IPs are not Services: no route applies.
        mesh_probe("deploy:web/shop", "deploy:infra/v1", "/elsewhere"),
    ];
    let r = run(MESH_ROUTES, &probes, Some(Profile::Linkerd));
    assert_eq!(
        r[0].route.as_deref(),
        Some("HTTPRoute infra/producer rule 0")
    );
    assert_eq!(r[0].status, Some(200));
    assert_eq!(r[1].status, Some(404));
    assert_eq!(r[2].route.as_deref(), Some("HTTPRoute web/consumer rule 0"));
    assert_eq!(
        r[2].backend.as_ref().and_then(|b| b.service.as_deref()),
        Some("web/shop")
    );
    assert_eq!(r[3].route, None);
    assert_eq!(r[3].status, Some(200));
    // Without a mesh, nothing applies GAMMA routes.
    let plain = run(MESH_ROUTES, &probes[1..2], Some(Profile::None));
    assert_eq!(plain[0].status, Some(200));
    assert_eq!(plain[0].route, None);
}
