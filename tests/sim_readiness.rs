//! A pod is an endpoint only while the kubelet's readiness probe succeeds, and the kubelet's
//! probe travels through the mesh like any request: Linkerd's per-route policy without a probe
//! route makes the pod unready (linkerd.io "Configuring Per-Route Authorization Policy": the
//! probe route with a NetworkAuthentication for 0.0.0.0/0); Istio rewrites probes to
//! pilot-agent so STRICT mTLS and AuthorizationPolicy do not see them unless the pod opts out
//! (istio.io "Health Checking of Istio Services"); in ambient, istio-cni SNATs the node's
//! traffic past ztunnel (istio.io "Ambient and Kubernetes NetworkPolicy").

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::{self, Probe};
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::Cluster;
use meshlab::sim::model::mesh::Profile;

fn cluster(yaml: &str, mesh: Profile) -> Cluster {
    load::load(
        &[Source {
            name: "r.yaml".into(),
            bytes: yaml.as_bytes().to_vec(),
        }],
        &LoadOptions { mesh: Some(mesh) },
    )
    .expect("loads")
}

fn get(c: &Cluster, from: &str, to: &str, port: Option<u16>, path: &str) -> ProbeResult {
    probe::run(
        c,
        &Probe {
            from: from.into(),
            to: to.into(),
            port,
            method: Some("GET".into()),
            path: Some(path.into()),
            count: 1,
            ..Probe::default()
        },
    )
    .expect("evaluates")
}

/// `web` (readiness probe GET /ready on 8080, annotations as given) behind Service `web`, a
/// `client` in the same namespace, and `extra` manifests.
fn app(web_annotations: &str, probe: &str, extra: &str) -> String {
    format!(
        r#"
apiVersion: v1
kind: Namespace
metadata: {{name: shop}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: web, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}, annotations: {{{web_annotations}}}}}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{{containerPort: 8080, name: http}}]
        readinessProbe: {probe}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: client, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: client}}}}
  template:
    metadata: {{labels: {{app: client}}}}
    spec:
      containers: [{{name: c, image: curl}}]
---
apiVersion: v1
kind: Service
metadata: {{name: web, namespace: shop}}
spec:
  selector: {{app: web}}
  ports: [{{port: 80, targetPort: 8080}}]
{extra}"#
    )
}

const HTTP_PROBE: &str = "{httpGet: {path: /ready, port: 8080}}";

const LINKERD_API_ROUTE: &str = r#"
---
apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: {name: web-http, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  port: http
---
apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata: {name: web-api, namespace: shop}
spec:
  parentRefs: [{name: web-http, kind: Server, group: policy.linkerd.io}]
  rules: [{matches: [{path: {type: PathPrefix, value: /api}}]}]
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: {name: web-api, namespace: shop}
spec:
  targetRef: {group: policy.linkerd.io, kind: HTTPRoute, name: web-api}
  requiredAuthenticationRefs: [{name: shop, kind: MeshTLSAuthentication, group: policy.linkerd.io}]
---
apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata: {name: shop, namespace: shop}
spec:
  identities: ["*.shop.serviceaccount.identity.linkerd.cluster.local"]
"#;

const LINKERD_PROBE_ROUTE: &str = r#"
---
apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata: {name: web-probe, namespace: shop}
spec:
  parentRefs: [{name: web-http, kind: Server, group: policy.linkerd.io}]
  rules: [{matches: [{path: {type: Exact, value: /ready}, method: GET}]}]
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: {name: web-probe, namespace: shop}
spec:
  targetRef: {group: policy.linkerd.io, kind: HTTPRoute, name: web-probe}
  requiredAuthenticationRefs: [{name: probes, kind: NetworkAuthentication, group: policy.linkerd.io}]
---
apiVersion: policy.linkerd.io/v1alpha1
kind: NetworkAuthentication
metadata: {name: probes, namespace: shop}
spec:
  networks: [{cidr: 0.0.0.0/0}, {cidr: "::/0"}]
"#;

#[test]
fn linkerd_routes_without_a_probe_route_make_the_pod_unready() {
    let c = cluster(&app("", HTTP_PROBE, LINKERD_API_ROUTE), Profile::Linkerd);
    let web = c.pod("shop", "web-0").expect("pod");
    let why = &c.unready.get(&web).expect("web is unready").why;
    assert!(why.contains("GET /ready on port 8080"), "{why}");
    assert!(why.contains("HTTP 404"), "{why}");
    // The client is authorized for /api, but the Service has no endpoint left.
    let r = get(&c, "deploy:shop/client", "svc:shop/web", None, "/api/books");
    assert_eq!(r.verdict, Verdict::Failed, "{r:?}");
    assert_eq!(r.status, Some(503));
    let last = &r.hops.last().expect("hops").reason;
    assert!(last.contains("pod shop/web-0 is not ready"), "{last}");

    // The docs' fix: a probe route authorized from every network.
    let fixed = format!("{LINKERD_API_ROUTE}{LINKERD_PROBE_ROUTE}");
    let c = cluster(&app("", HTTP_PROBE, &fixed), Profile::Linkerd);
    assert!(c.unready.is_empty(), "{:?}", c.unready);
    let r = get(&c, "deploy:shop/client", "svc:shop/web", None, "/api/books");
    assert_eq!(r.verdict, Verdict::Allowed, "{r:?}");
}

#[test]
fn a_tcp_probe_of_a_sidecar_pod_always_connects() {
    let tcp = "{tcpSocket: {port: 8080}}";
    let deny_all = r#"
---
apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: {name: web-http, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  port: http
  proxyProtocol: opaque
"#;
    let c = cluster(&app("", tcp, deny_all), Profile::Linkerd);
    assert!(c.unready.is_empty(), "{:?}", c.unready);
}

const ISTIO_LOCKDOWN: &str = r#"
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: strict, namespace: shop}
spec:
  mtls: {mode: STRICT}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: shop}
spec: {}
"#;

#[test]
fn istio_rewrites_the_kubelets_probes_past_mtls_and_policy() {
    let c = cluster(&app("", HTTP_PROBE, ISTIO_LOCKDOWN), Profile::IstioSidecar);
    assert!(c.unready.is_empty(), "{:?}", c.unready);
    let r = get(&c, "node:node-1", "deploy:shop/web", Some(8080), "/ready");
    assert_eq!(r.verdict, Verdict::Allowed, "{r:?}");
    assert!(
        r.hops
            .iter()
            .any(|h| h.component.starts_with("pilot-agent"))
    );
    // Any other request from the node is plaintext to a STRICT proxy.
    let r = get(&c, "node:node-1", "deploy:shop/web", Some(8080), "/admin");
    assert_eq!(r.verdict, Verdict::Denied, "{r:?}");

    // Opting out of the rewrite: the kubelet has no Istio certificate.
    let opted_out = r#""sidecar.istio.io/rewriteAppHTTPProbers": "false""#;
    let c = cluster(
        &app(opted_out, HTTP_PROBE, ISTIO_LOCKDOWN),
        Profile::IstioSidecar,
    );
    let web = c.pod("shop", "web-0").expect("pod");
    let u = c.unready.get(&web).expect("web is unready");
    assert!(u.why.contains("reset"), "{}", u.why);
    assert!(
        u.kubelet.starts_with("Readiness probe failed:"),
        "{}",
        u.kubelet
    );
}

#[test]
fn ambient_lets_the_nodes_own_traffic_past_ztunnel() {
    let c = cluster(&app("", HTTP_PROBE, ISTIO_LOCKDOWN), Profile::IstioAmbient);
    assert!(c.unready.is_empty(), "{:?}", c.unready);
    let r = get(
        &c,
        "node:node-1",
        "deploy:shop/web",
        Some(8080),
        "/anything",
    );
    assert_eq!(r.verdict, Verdict::Allowed, "{r:?}");
    assert!(r.hops.iter().any(|h| h.component.starts_with("istio-cni")));
}

#[test]
fn an_app_failing_its_probe_leaves_the_service_unless_it_publishes_unready_addresses() {
    // The application answers 503 to everything, its readiness path included.
    let sick = r#""sim.meshlab.io/response-status": "503""#;
    let c = cluster(&app(sick, HTTP_PROBE, ""), Profile::None);
    let web = c.pod("shop", "web-0").expect("pod");
    let u = c.unready.get(&web).expect("web is unready");
    assert_eq!(
        u.kubelet,
        "Readiness probe failed: HTTP probe failed with statuscode: 503"
    );
    let svc = c.service("shop", "web").expect("svc");
    assert!(c.services[svc].endpoints.is_empty());
    let r = get(&c, "deploy:shop/client", "svc:shop/web", None, "/");
    assert_eq!(r.outcome, Outcome::Refused, "{r:?}");

    let published = app(sick, HTTP_PROBE, "").replace(
        "  selector: {app: web}\n  ports: [{port: 80",
        "  publishNotReadyAddresses: true\n  selector: {app: web}\n  ports: [{port: 80",
    );
    let c = cluster(&published, Profile::None);
    let svc = c.service("shop", "web").expect("svc");
    assert_eq!(c.services[svc].endpoints, vec![web]);
}

#[test]
fn the_console_shows_the_unready_container_and_the_kubelets_event() {
    use meshlab::sim::scenario::faulty::Faulty;
    use meshlab::sim::tools::{self, Extras, Lab, Reply};
    let c = cluster(&app("", HTTP_PROBE, LINKERD_API_ROUTE), Profile::Linkerd);
    let lab = Lab::new(Faulty::new(c, Vec::new()), Vec::new(), Extras::default());
    let text = |line: &str| match tools::run(&lab, line) {
        Reply::Ran(out) => out.text(),
        Reply::Meshlab(note) => panic!("{line}: {note:?}"),
    };
    let pods = text("kubectl get pods -n shop");
    let web = pods
        .lines()
        .find(|l| l.starts_with("web-0"))
        .expect("web row");
    assert!(web.contains("1/2"), "{pods}");
    let events = text("kubectl get events -n shop");
    assert!(
        events.contains("Readiness probe failed: HTTP probe failed with statuscode: 404"),
        "{events}"
    );
}
