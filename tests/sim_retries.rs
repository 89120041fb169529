//! Retries at the application, mesh and gateway layers multiply, each layer counted as its real
//! configuration counts (MESH-NOTES.md §0: N retries = N+1 tries).

use meshlab::sim::eval::probe::{self, Probe};
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;

const CLUSTER: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata:
  name: frontend
  namespace: shop
  labels: {app: frontend}
  annotations: {sim.meshlab.io/client-tries: "3"}
spec:
  containers: [{name: app, image: x}]
---
apiVersion: v1
kind: Pod
metadata:
  name: backend
  namespace: shop
  labels: {app: backend}
  annotations: {sim.meshlab.io/response-status: "503"}
spec:
  containers: [{name: app, image: x, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: backend, namespace: shop}
spec:
  selector: {app: backend}
  ports: [{name: http, port: 8080, targetPort: http}]
"#;

const SIDECAR_RETRIES: &str = r#"
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: backend, namespace: shop}
spec:
  hosts: ["backend.shop.svc.cluster.local"]
  http:
  - route:
    - destination: {host: backend.shop.svc.cluster.local}
    retries: {attempts: 3, retryOn: 5xx}
"#;

const GATEWAY_RETRIES: &str = r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: shop}
spec:
  gatewayClassName: meshlab
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: backend, namespace: shop}
spec:
  parentRefs: [{name: edge}]
  rules:
  - backendRefs: [{name: backend, port: 8080}]
    retry: {attempts: 2, codes: [503], backoff: 100ms}
"#;

/// Backend tries of one GET that the backend answers 503, in `CLUSTER` plus `extra`.
fn tries(mesh: Profile, extra: &str, from: &str, to: &str) -> u32 {
    let cluster = load::load(
        &[Source {
            name: "c.yaml".into(),
            bytes: format!("{CLUSTER}{extra}").into_bytes(),
        }],
        &LoadOptions { mesh: Some(mesh) },
    )
    .unwrap();
    let probe = Probe {
        from: from.into(),
        to: to.into(),
        port: Some(if to.starts_with("gw:") { 80 } else { 8080 }),
        method: Some("GET".into()),
        path: Some("/".into()),
        count: 1,
        ..Probe::default()
    };
    let r = probe::run(&cluster, &probe).unwrap();
    assert_eq!(r.status, Some(503), "{r:?}");
    r.tries
}

#[test]
fn the_app_loop_multiplies_the_sidecar_retries() {
    // Istio `attempts: 3` = 3 retries = 4 tries per call; the app calls 3 times: 12.
    let n = tries(
        Profile::IstioSidecar,
        SIDECAR_RETRIES,
        "shop/frontend",
        "svc:shop/backend",
    );
    assert_eq!(n, 3 * 4);
    // Without the VirtualService only the app repeats (Istio's default retries skip a 503).
    assert_eq!(
        tries(
            Profile::IstioSidecar,
            "",
            "shop/frontend",
            "svc:shop/backend"
        ),
        3
    );
}

#[test]
fn gateway_api_retry_attempts_count_retries() {
    // `retry.attempts: 2` on 503 = 3 tries from the gateway to the backend.
    let n = tries(
        Profile::None,
        GATEWAY_RETRIES,
        "203.0.113.9",
        "gw:shop/edge",
    );
    assert_eq!(n, 3);
}

#[test]
fn linkerd_limit_defaults_to_one_retry() {
    let route = "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n\
         metadata:\n  name: backend\n  namespace: shop\n  annotations: {retry.linkerd.io/http: 5xx}\n\
         spec:\n  parentRefs: [{group: \"\", kind: Service, name: backend, port: 8080}]\n\
         \x20 rules: [{backendRefs: [{name: backend, port: 8080}]}]\n";
    // Linkerd's limit defaults to 1 retry (2 tries), and the app calls 3 times.
    let n = tries(Profile::Linkerd, route, "shop/frontend", "svc:shop/backend");
    assert_eq!(n, 3 * 2);
}
