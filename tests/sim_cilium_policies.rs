//! CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy fields the upstream demos of
//! `tests/realism/cilium-*` do not reach, each against the rule of Cilium's docs it follows
//! (Documentation/security/policy/language.rst, intro.rst, layer7.rst).

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::Cluster;
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::model::net::Protocol;
use meshlab::sim::scenario::probes::run_probes;

/// Two namespaces, a client in each, a server with an HTTP port, and `policies`.
fn cluster(policies: &str) -> Cluster {
    let base = r#"
apiVersion: v1
kind: Namespace
metadata: {name: other, labels: {team: other}}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default, labels: {app: client}}
spec: {nodeName: node-1, containers: [{name: c, image: alpine}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: other, labels: {app: client}}
spec: {nodeName: node-1, containers: [{name: c, image: alpine}]}
---
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: default, labels: {app: server}}
spec: {nodeName: node-2, containers: [{name: s, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: server, namespace: default, labels: {tier: web}}
spec: {selector: {app: server}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: default}
spec: {ports: [{port: 5432}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: legacy, namespace: default}
subsets: [{addresses: [{ip: 192.0.2.10}], ports: [{port: 5432}]}]
"#;
    let sources = [
        Source {
            name: "base.yaml".into(),
            bytes: base.as_bytes().to_vec(),
        },
        Source {
            name: "policies.yaml".into(),
            bytes: policies.as_bytes().to_vec(),
        },
    ];
    let c = load::load(
        &sources,
        &LoadOptions {
            mesh: Some(Profile::Cilium),
        },
    )
    .expect("the manifests load");
    assert!(c.rejected.is_empty(), "{:?}", c.rejected);
    c
}

fn probe(c: &Cluster, p: Probe) -> ProbeResult {
    run_probes(c, &[Probe { count: 1, ..p }])
        .expect("the probe runs")
        .results
        .remove(0)
}

fn http(from: &str, to: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Probe {
    Probe {
        from: from.into(),
        to: to.into(),
        method: Some(method.into()),
        path: Some(path.into()),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        ..Probe::default()
    }
}

fn tcp(from: &str, to: &str, port: u16) -> Probe {
    Probe {
        from: from.into(),
        to: to.into(),
        port: Some(port),
        ..Probe::default()
    }
}

#[test]
fn a_clusterwide_policy_selects_and_admits_in_every_namespace() {
    let c = cluster(
        r#"
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: only-default-clients}
spec:
  endpointSelector: {matchLabels: {app: server}}
  ingress:
  - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": default}}]
"#,
    );
    let ok = probe(
        &c,
        http("default/client", "server.default", "GET", "/", &[]),
    );
    assert_eq!(ok.verdict, Verdict::Allowed, "{ok:?}");
    let no = probe(&c, http("other/client", "server.default", "GET", "/", &[]));
    assert_eq!(
        (no.verdict, no.outcome),
        (Verdict::Denied, Outcome::Timeout)
    );
    assert!(
        no.decided_by
            .iter()
            .any(|d| d == "CiliumClusterwideNetworkPolicy only-default-clients"),
        "{:?}",
        no.decided_by
    );
}

#[test]
fn a_namespaced_selector_stays_in_its_namespace_unless_it_names_one() {
    // language.rst: endpoints of the policy's own namespace, unless the selector names
    // `io.kubernetes.pod.namespace` (or namespace labels).
    let c = cluster(
        r#"
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: clients, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: server}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: client}}]
  - fromEndpoints: [{matchExpressions: [{key: "k8s:io.cilium.k8s.namespace.labels.team", operator: In, values: [nobody]}]}]
"#,
    );
    let same = probe(&c, http("default/client", "server", "GET", "/", &[]));
    assert_eq!(same.verdict, Verdict::Allowed);
    let other = probe(&c, http("other/client", "server.default", "GET", "/", &[]));
    assert_eq!(other.verdict, Verdict::Denied);
}

#[test]
fn http_rules_match_host_and_headers() {
    let c = cluster(
        r#"
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: l7, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: server}}
  ingress:
  - toPorts:
    - ports: [{port: "80", protocol: TCP}]
      rules:
        http:
        - method: GET
          path: "/api/.*"
          host: "server(\\.default)?"
          headers: ["X-My-Header: true"]
        - method: POST
          headerMatches: [{name: X-Token, value: s3cret}, {name: X-Trace, value: "1", mismatch: ADD}]
"#,
    );
    let ok = probe(
        &c,
        http(
            "default/client",
            "server",
            "GET",
            "/api/v1",
            &[("x-my-header", "true")],
        ),
    );
    assert_eq!((ok.verdict, ok.status), (Verdict::Allowed, Some(200)));
    for (method, path, headers) in [
        ("GET", "/api/v1", vec![]),
        ("GET", "/api/v1", vec![("X-My-Header", "false")]),
        ("GET", "/other", vec![("X-My-Header", "true")]),
        ("POST", "/", vec![("X-Token", "guess")]),
    ] {
        let r = probe(&c, http("default/client", "server", method, path, &headers));
        assert_eq!(
            (r.verdict, r.status),
            (Verdict::Denied, Some(403)),
            "{method} {path} {headers:?}"
        );
    }
    // A header match with a mismatch action logs or rewrites: it does not deny.
    let post = probe(
        &c,
        http(
            "default/client",
            "server",
            "POST",
            "/",
            &[("X-Token", "s3cret")],
        ),
    );
    assert_eq!(post.verdict, Verdict::Allowed);
    // The Host the client sends is what `host` matches.
    let wrong_host = probe(
        &c,
        Probe {
            host: Some("elsewhere".into()),
            ..http(
                "default/client",
                "server",
                "GET",
                "/api/v1",
                &[("X-My-Header", "true")],
            )
        },
    );
    assert_eq!(wrong_host.status, Some(403));
}

#[test]
fn to_services_stands_for_the_selector_or_the_hand_written_endpoints() {
    // language.rst 'Services based': a Service's label selector is used as an endpoint
    // selector; a selector-less Service's EndpointSlice IPs become CIDR selectors.
    let c = cluster(
        r#"
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: to-services, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: client}}
  egress:
  - toServices: [{k8sServiceSelector: {selector: {matchLabels: {tier: web}}}}]
  - toServices: [{k8sService: {serviceName: legacy, namespace: default}}]
"#,
    );
    let web = probe(&c, http("default/client", "server", "GET", "/", &[]));
    assert_eq!(web.verdict, Verdict::Allowed, "{web:?}");
    let legacy = probe(&c, tcp("default/client", "legacy", 5432));
    assert_eq!(legacy.verdict, Verdict::Allowed, "{legacy:?}");
    let elsewhere = probe(&c, tcp("default/client", "203.0.113.9", 443));
    assert_eq!(elsewhere.verdict, Verdict::Denied);
}

#[test]
fn default_deny_off_only_adds_allows_but_l7_rules_still_apply() {
    // intro.rst: rules with EnableDefaultDeny disabled are ignored when determining the
    // default mode, and "EnableDefaultDeny does not apply to layer-7 policy".
    let c = cluster(
        r#"
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: l7-only, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: server}}
  enableDefaultDeny: {ingress: false}
  ingress:
  - fromEndpoints: [{matchLabels: {app: client}}]
    toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET}]}}]
"#,
    );
    let get = probe(&c, http("default/client", "server", "GET", "/", &[]));
    assert_eq!(get.verdict, Verdict::Allowed);
    let post = probe(&c, http("default/client", "server", "POST", "/", &[]));
    assert_eq!(post.status, Some(403), "{post:?}");
    // Traffic no rule matches is not put under default deny.
    let other = probe(&c, http("other/client", "server.default", "POST", "/", &[]));
    assert_eq!(other.verdict, Verdict::Allowed, "{other:?}");
}

#[test]
fn icmp_rules_and_port_protocols() {
    let c = cluster(
        r#"
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ping-only-from-default, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: server}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: client}}]
    icmps: [{fields: [{type: EchoRequest}]}]
  - fromEntities: [cluster]
    toPorts: [{ports: [{port: "0", protocol: ICMP}]}]
"#,
    );
    let ping = |from: &str| {
        probe(
            &c,
            Probe {
                from: from.into(),
                to: "default/server".into(),
                protocol: Some(Protocol::Icmp),
                ..Probe::default()
            },
        )
    };
    assert_eq!(ping("default/client").verdict, Verdict::Allowed);
    // A toPorts entry with protocol ICMP admits a ping from the whole cluster.
    assert_eq!(ping("other/client").verdict, Verdict::Allowed);
    // Neither rule admits TCP.
    let curl = probe(&c, http("default/client", "server", "GET", "/", &[]));
    assert_eq!(curl.verdict, Verdict::Denied);
}

#[test]
fn kube_apiserver_is_the_kubernetes_service_endpoints() {
    let c = cluster(
        r#"
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {ports: [{name: https, port: 443, targetPort: 6443}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: kubernetes, namespace: default}
subsets: [{addresses: [{ip: 172.18.0.2}], ports: [{name: https, port: 6443}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: dev-to-kube-apiserver, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: client}}
  egress:
  - toEntities: [kube-apiserver]
"#,
    );
    let api = probe(&c, tcp("default/client", "kubernetes", 443));
    assert_eq!(api.verdict, Verdict::Allowed, "{api:?}");
    let world = probe(&c, tcp("default/client", "198.51.100.7", 443));
    assert_eq!(world.verdict, Verdict::Denied);
}

#[test]
fn a_rule_of_the_wrong_direction_or_an_l7_deny_is_rejected() {
    for (policy, want) in [
        (
            "ingress: [{toEndpoints: [{}]}]",
            "unknown field `toEndpoints`",
        ),
        (
            "egressDeny: [{toPorts: [{ports: [{port: \"80\"}], rules: {http: [{}]}}]}]",
            "unknown field `rules`",
        ),
        ("ingress: [{fromEntities: [everywhere]}]", "everywhere"),
        (
            "ingress: [{fromEndpoints: [{}], authentication: {mode: maybe}}]",
            "maybe",
        ),
    ] {
        let text = format!(
            "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {{name: p}}\nspec:\n  endpointSelector: {{}}\n  {policy}\n"
        );
        let c = load::load(
            &[Source {
                name: "p.yaml".into(),
                bytes: text.into_bytes(),
            }],
            &LoadOptions::default(),
        )
        .expect("YAML");
        assert!(
            c.rejected.iter().any(|r| r.reason.contains(want)),
            "{policy}: {:?}",
            c.rejected
        );
    }
}

#[test]
fn one_invalid_spec_refuses_the_whole_object() {
    let text = r#"
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: two}
spec:
  endpointSelector: {matchLabels: {app: server}}
  ingress: [{fromEndpoints: [{matchLabels: {app: client}}]}]
specs:
- endpointSelector: {matchLabels: {app: client}}
  egress: [{toCIDR: [not-a-cidr]}]
"#;
    let c = load::load(
        &[Source {
            name: "two.yaml".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        &LoadOptions::default(),
    )
    .expect("YAML");
    assert_eq!(c.rejected.len(), 1, "{:?}", c.rejected);
    assert!(c.rejected[0].reason.contains("specs[0].egress[0]"));
    assert!(c.mesh.cilium_policies.is_empty());
}
