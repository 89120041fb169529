//! Istio's traffic API beyond the upstream demos (docs/simulator.md §10): DestinationRule TLS
//! modes, consistent hashing, redirects and direct responses, match conditions, tcp routes,
//! and what the loader refuses as Istio's validation does.

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::{self, Probe};
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::Cluster;
use meshlab::sim::model::mesh::Profile;

/// A sidecar-injected namespace: client `curl`, two versions of `web` behind Service `web`
/// (HTTP 8080, TCP 9000), and `plain`, a pod without a sidecar.
const BASE: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Pod
metadata: {name: curl, namespace: shop, labels: {app: curl}}
spec: {serviceAccountName: curl, containers: [{name: app, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-v1, namespace: shop, labels: {app: web, version: v1}}
spec: {containers: [{name: app, image: x, ports: [{containerPort: 8080}, {containerPort: 9000}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-v2, namespace: shop, labels: {app: web, version: v2}}
spec: {containers: [{name: app, image: x, ports: [{containerPort: 8080}, {containerPort: 9000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8080}, {name: tcp, port: 9000}]
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
  namespace: shop
  labels: {app: plain, sidecar.istio.io/inject: "false"}
spec: {containers: [{name: app, image: x, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: plain, namespace: shop}
spec:
  selector: {app: plain}
  ports: [{name: http, port: 8080}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
"#;

fn cluster(extra: &str) -> Cluster {
    let text = format!("{BASE}---\n{extra}");
    load::load(
        &[Source {
            name: "test.yaml".into(),
            bytes: text.into_bytes(),
        }],
        &LoadOptions {
            mesh: Some(Profile::IstioSidecar),
        },
    )
    .expect("loads")
}

fn http(to: &str, path: &str, headers: &[(&str, &str)], count: u32) -> Probe {
    Probe {
        from: "shop/curl".into(),
        to: to.into(),
        path: Some(path.into()),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        count,
        ..Probe::default()
    }
}

fn run(c: &Cluster, p: &Probe) -> ProbeResult {
    probe::run(c, p).expect("probe runs")
}

#[test]
fn tls_disable_to_a_strict_server_is_the_client_sidecars_503() {
    let c = cluster(
        r#"
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  trafficPolicy: {tls: {mode: DISABLE}}
"#,
    );
    let r = run(&c, &http("web:8080", "/", &[], 1));
    assert_eq!((r.status, r.encrypted), (Some(503), false), "{r:?}");
    assert_eq!(r.outcome, Outcome::HttpError);
    // TCP: the server's reset reaches the client as it is.
    let tcp = Probe {
        from: "shop/curl".into(),
        to: "web:9000".into(),
        ..Probe::default()
    };
    let r = run(&c, &tcp);
    assert_eq!((r.outcome, r.status), (Outcome::Reset, None), "{r:?}");
}

#[test]
fn istio_mutual_to_a_pod_without_a_sidecar_fails_the_handshake() {
    let c = cluster(
        r#"
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: plain, namespace: shop}
spec:
  host: plain.shop.svc.cluster.local
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
"#,
    );
    let r = run(&c, &http("plain:8080", "/", &[], 1));
    assert_eq!(r.verdict, Verdict::Failed, "{r:?}");
    assert_eq!(r.status, Some(503));
    // Without the rule, auto mTLS sends plaintext to it and it answers.
    let r = run(&cluster(""), &http("plain:8080", "/", &[], 1));
    assert_eq!((r.verdict, r.status), (Verdict::Allowed, Some(200)));
}

#[test]
fn consistent_hash_by_header_sticks_a_client_to_one_endpoint() {
    let c = cluster(
        r#"
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user}}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http: [{route: [{destination: {host: web}}]}]
"#,
    );
    let mut pods = std::collections::BTreeSet::new();
    for user in [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
    ] {
        let first = run(&c, &http("web:8080", "/", &[("x-user", user)], 1));
        let pod = first.backend.map(|b| b.pod).unwrap_or_default();
        // Later requests with the same header go to the same pod.
        for _ in 0..3 {
            let again = run(&c, &http("web:8080", "/", &[("x-user", user)], 1));
            assert_eq!(again.backend.map(|b| b.pod), Some(pod.clone()), "{user}");
        }
        pods.insert(pod);
    }
    // Different users spread over both pods.
    assert_eq!(pods.len(), 2, "{pods:?}");
}

#[test]
fn matches_redirects_direct_responses_and_subsets() {
    let c = cluster(
        r#"
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web.shop.svc.cluster.local]
  http:
  - match: [{uri: {regex: "/v2/[0-9]+"}}]
    route: [{destination: {host: web, subset: v2}}]
  - match: [{uri: {exact: /old}}]
    redirect: {uri: /new, authority: web.example.com}
  - match: [{queryParams: {beta: {exact: "1"}}, withoutHeaders: {x-legacy: {exact: "1"}}}]
    route: [{destination: {host: web, subset: v2}}]
  - match: [{uri: {prefix: /gone}}]
    directResponse: {status: 410}
  - match: [{sourceLabels: {app: curl}, method: {exact: DELETE}}]
    route: [{destination: {host: web, subset: nope}}]
  - route: [{destination: {host: web, subset: v1}}]
"#,
    );
    let backend = |r: &ProbeResult| r.backend.clone().map(|b| b.pod).unwrap_or_default();
    assert_eq!(
        backend(&run(&c, &http("web:8080", "/v2/17", &[], 1))),
        "shop/web-v2"
    );
    // A regex matches the whole path.
    assert_eq!(
        backend(&run(&c, &http("web:8080", "/v2/17/x", &[], 1))),
        "shop/web-v1"
    );
    let r = run(&c, &http("web:8080", "/old", &[], 1));
    assert_eq!(r.status, Some(301));
    assert_eq!(
        r.response_headers.get("location").map(String::as_str),
        Some("http://web.example.com/new")
    );
    assert_eq!(
        backend(&run(&c, &http("web:8080", "/?beta=1", &[], 1))),
        "shop/web-v2"
    );
    assert_eq!(
        backend(&run(
            &c,
            &http("web:8080", "/?beta=1", &[("x-legacy", "1")], 1)
        )),
        "shop/web-v1"
    );
    let r = run(&c, &http("web:8080", "/gone/x", &[], 1));
    assert_eq!((r.verdict, r.status), (Verdict::Failed, Some(410)));
    // A subset no DestinationRule defines: 503, no cluster.
    let mut del = http("web:8080", "/", &[], 1);
    del.method = Some("DELETE".into());
    let r = run(&c, &del);
    assert_eq!((r.verdict, r.status), (Verdict::Failed, Some(503)));
}

#[test]
fn tcp_routes_split_by_weight() {
    let c = cluster(
        r#"
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  tcp:
  - match: [{port: 9000}]
    route:
    - {destination: {host: web, subset: v1}, weight: 80}
    - {destination: {host: web, subset: v2}, weight: 20}
"#,
    );
    let p = Probe {
        from: "shop/curl".into(),
        to: "web:9000".into(),
        count: 10,
        ..Probe::default()
    };
    let r = run(&c, &p);
    assert_eq!(r.counts.get("shop/web-v1"), Some(&8), "{:?}", r.counts);
    assert_eq!(r.counts.get("shop/web-v2"), Some(&2));
}

#[test]
fn invalid_objects_are_rejected_as_istio_validation_does() {
    for (yaml, why) in [
        (
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: shop}\nspec: {hosts: [web], http: [{match: [{uri: {regex: \"(\"}}], route: [{destination: {host: web}}]}]}",
            "invalid regex",
        ),
        (
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: b, namespace: shop}\nspec: {hosts: [web], http: [{timeout: soon, route: [{destination: {host: web}}]}]}",
            "invalid duration",
        ),
        (
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: c, namespace: shop}\nspec: {http: [{route: [{destination: {host: web}}]}]}",
            "at least one host",
        ),
        (
            "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d, namespace: shop}\nspec: {host: web, trafficPolicy: {tls: {mode: SOMETIMES}}}",
            "Unsupported value",
        ),
    ] {
        let c = cluster(yaml);
        assert!(
            c.rejected.iter().any(|r| r.reason.contains(why)),
            "{why}: {:?}",
            c.rejected
        );
    }
}
