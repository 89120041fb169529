//! Each fault shows the symptom an operator would see, and the symptom goes when the fault does.

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::event::Agent;
use meshlab::sim::scenario::fault::{Fault, GatewayFeature};
use meshlab::sim::scenario::faulty::{Faulty, served};
use meshlab::sim::scenario::run;

const CLUSTER: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
---
apiVersion: v1
kind: Pod
metadata: {name: checkout, namespace: shop, labels: {app: checkout}}
spec:
  nodeName: node-a
  serviceAccountName: checkout
  containers: [{name: app, image: x, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: payment, namespace: shop, labels: {app: payment}}
spec:
  nodeName: node-b
  serviceAccountName: payment
  containers: [{name: app, image: x, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: payment, namespace: shop}
spec:
  selector: {app: payment}
  ports: [{name: http, port: 8080, targetPort: http}]
"#;

fn cluster(mesh: Profile, extra: &str) -> meshlab::sim::model::Cluster {
    let sources = vec![Source {
        name: "cluster.yaml".into(),
        bytes: format!("{CLUSTER}{extra}").into_bytes(),
    }];
    load::load(&sources, &LoadOptions { mesh: Some(mesh) }).expect("cluster loads")
}

fn to_payment() -> Probe {
    Probe {
        from: "shop/checkout".into(),
        to: "svc:shop/payment".into(),
        port: Some(8080),
        method: Some("GET".into()),
        path: Some("/".into()),
        count: 1,
        ..Probe::default()
    }
}

fn send(mesh: Profile, faults: Vec<Fault>, extra: &str, probe: &Probe) -> ProbeResult {
    Faulty::new(cluster(mesh, extra), faults)
        .probe(probe)
        .unwrap()
}

#[test]
fn node_agent_down_breaks_ambient_traffic_on_that_node_only() {
    let down_b = vec![Fault::NodeAgentDown {
        node: "node-b".into(),
        agent: None,
    }];
    let r = send(Profile::IstioAmbient, down_b.clone(), "", &to_payment());
    assert_eq!(r.outcome, Outcome::Reset);
    assert!(!served(&r));
    assert!(
        r.hops
            .iter()
            .any(|h| h.reason.contains("ztunnel on node-b"))
    );
    // Fixed: the agent is back.
    let r = send(Profile::IstioAmbient, vec![], "", &to_payment());
    assert_eq!(r.verdict, Verdict::Allowed);
    // Another node's agent does not matter, and a sidecar mesh has no node agent at all.
    let down_c = vec![Fault::NodeAgentDown {
        node: "node-c".into(),
        agent: None,
    }];
    assert_eq!(
        send(Profile::IstioAmbient, down_c, "", &to_payment()).verdict,
        Verdict::Allowed
    );
    assert_eq!(
        send(Profile::IstioSidecar, down_b, "", &to_payment()).verdict,
        Verdict::Allowed
    );
}

#[test]
fn injection_drift_leaves_pods_without_a_sidecar() {
    let drift = vec![Fault::InjectionDrift {
        workload: "shop/payment".into(),
    }];
    let sim = Faulty::new(cluster(Profile::Linkerd, ""), drift);
    let payment = sim.cluster.pod("shop", "payment").unwrap();
    let checkout = sim.cluster.pod("shop", "checkout").unwrap();
    assert_eq!(sim.cluster.mesh.pod_profile[payment], Profile::None);
    assert_eq!(sim.cluster.mesh.pod_profile[checkout], Profile::Linkerd);
    let fixed = Faulty::new(cluster(Profile::Linkerd, ""), vec![]);
    assert_eq!(fixed.cluster.mesh.pod_profile[payment], Profile::Linkerd);
}

#[test]
fn webhook_down_unmeshes_linkerd_pods_and_keeps_istio_pods_from_serving() {
    let down = || {
        vec![Fault::WebhookDown {
            namespace: "shop".into(),
        }]
    };
    let linkerd = Faulty::new(cluster(Profile::Linkerd, ""), down());
    assert!(
        linkerd
            .cluster
            .mesh
            .pod_profile
            .iter()
            .all(|p| *p == Profile::None)
    );

    // Istio's webhook fails closed: the pods never come up, the Service has no endpoints.
    let istio = Faulty::new(cluster(Profile::IstioSidecar, ""), down());
    let svc = istio.cluster.service("shop", "payment").unwrap();
    assert!(istio.cluster.services[svc].endpoints.is_empty());
    let r = istio.probe(&to_payment()).unwrap();
    // Nothing serves it and no policy decided: kube-proxy refuses, or the client's own
    // sidecar answers 503 "no healthy upstream".
    assert_eq!(r.verdict, Verdict::Failed, "{r:?}");
    assert!(
        matches!(
            (r.outcome, r.status),
            (Outcome::Refused, None) | (Outcome::HttpError, Some(503))
        ),
        "{r:?}"
    );
    assert!(!served(&r));
    let fixed = Faulty::new(cluster(Profile::IstioSidecar, ""), vec![]);
    assert_eq!(
        fixed.probe(&to_payment()).unwrap().verdict,
        Verdict::Allowed
    );
}

const ISOLATE_PAYMENT: &str = r#"
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payment-from-checkout, namespace: shop}
spec:
  podSelector: {matchLabels: {app: payment}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: checkout}}}]
"#;

#[test]
fn a_stale_identity_is_dropped_where_a_label_allow_should_have_matched() {
    let stale = vec![Fault::StaleIdentity {
        workload: "shop/checkout".into(),
    }];
    let r = send(Profile::Cilium, stale, ISOLATE_PAYMENT, &to_payment());
    assert_eq!((r.verdict, r.outcome), (Verdict::Denied, Outcome::Timeout));
    // Once the identity is current, the allow matches again.
    let r = send(Profile::Cilium, vec![], ISOLATE_PAYMENT, &to_payment());
    assert_eq!(r.verdict, Verdict::Allowed);
    // Without a policy selecting the peer there is nothing for the identity to match.
    let stale = vec![Fault::StaleIdentity {
        workload: "shop/checkout".into(),
    }];
    assert_eq!(
        send(Profile::Cilium, stale, "", &to_payment()).verdict,
        Verdict::Allowed
    );
}

const GATEWAY: &str = r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  gatewayClassName: meshlab
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: pay, namespace: shop}
spec:
  parentRefs: [{name: public}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /pay}, method: POST}]
    backendRefs: [{name: payment, port: 8080}]
"#;

#[test]
fn a_controller_without_method_matching_does_not_route() {
    let probe = Probe {
        from: "203.0.113.9".into(),
        to: "gw:shop/public".into(),
        method: Some("POST".into()),
        path: Some("/pay".into()),
        count: 1,
        ..Probe::default()
    };
    let lacking = vec![Fault::GatewayFeatureUnsupported {
        feature: GatewayFeature::MethodMatching,
    }];
    let r = send(Profile::None, lacking, GATEWAY, &probe);
    assert_eq!(r.status, Some(404), "{r:?}");
    let r = send(Profile::None, vec![], GATEWAY, &probe);
    assert_eq!(r.status, Some(200), "{r:?}");
    // A feature the route does not use changes nothing.
    let other = vec![Fault::GatewayFeatureUnsupported {
        feature: GatewayFeature::RequestTimeout,
    }];
    assert_eq!(
        send(Profile::None, other, GATEWAY, &probe).status,
        Some(200)
    );
}

#[test]
fn runs_are_deterministic_for_a_seed() {
    let scenario = Scenario::parse(
        "s.toml",
        r#"
manifests = ["cluster.yaml"]
[[traffic]]
from = "shop/checkout"
to = "svc:shop/payment"
port = 8080
method = "GET"
path = "/"
delay_ms = 12
"#,
    )
    .unwrap();
    let sim = Faulty::new(cluster(Profile::Linkerd, ""), vec![]);
    let json =
        |seed| serde_json::to_string(&run::run(&sim, &scenario, 200, seed).unwrap()).unwrap();
    assert_eq!(json(7), json(7));
    assert_ne!(json(7), json(8));
    let report = run::run(&sim, &scenario, 200, 7).unwrap();
    let edge = &report.edges[0];
    assert!(edge.p50_ms >= 12.0 * 0.9 && edge.p50_ms <= edge.p95_ms && edge.p95_ms <= edge.p99_ms);
    assert_eq!(edge.success_rate, 1.0);
}

const PAYMENT_ALLOWS_NOBODY: &str = r#"
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: payment-allow-nobody, namespace: shop}
spec:
  selector: {matchLabels: {app: payment}}
  action: ALLOW
  rules:
  - from: [{source: {principals: ["cluster.local/ns/shop/sa/nobody"]}}]
"#;

#[test]
fn version_skew_leaves_the_newest_policy_unenforced_on_stale_proxies() {
    let r = send(
        Profile::IstioSidecar,
        vec![],
        PAYMENT_ALLOWS_NOBODY,
        &to_payment(),
    );
    assert!(!served(&r), "the policy refuses checkout: {r:?}");
    let skew = vec![Fault::VersionSkew {
        workload: "shop/payment".into(),
    }];
    let r = send(
        Profile::IstioSidecar,
        skew,
        PAYMENT_ALLOWS_NOBODY,
        &to_payment(),
    );
    assert!(served(&r), "stale proxies run without it: {r:?}");
    // Skew elsewhere does not disable payment's policy.
    let skew = vec![Fault::VersionSkew {
        workload: "shop/checkout".into(),
    }];
    let r = send(
        Profile::IstioSidecar,
        skew,
        PAYMENT_ALLOWS_NOBODY,
        &to_payment(),
    );
    assert!(!served(&r));
}

#[test]
fn certificate_faults_break_mtls_and_only_mtls() {
    let cases = [
        Fault::CertExpired {
            workload: "shop/payment".into(),
        },
        Fault::IdentityIssuerDown {
            hours: 30,
            new_workloads: vec![],
        },
        Fault::ControlPlaneDown {
            hours: 25,
            new_workloads: vec![],
        },
    ];
    for fault in cases {
        // Meshed on both ends: the handshake fails; the client's sidecar answers 503.
        let r = send(
            Profile::IstioSidecar,
            vec![fault.clone()],
            "",
            &to_payment(),
        );
        assert!(!served(&r), "{fault:?}: {r:?}");
        assert_eq!(r.status, Some(503), "{fault:?}");
        assert!(r.hops.iter().any(|h| h.component == "fault"));
        // Fixed: served again, encrypted.
        let r = send(Profile::IstioSidecar, vec![], "", &to_payment());
        assert!(served(&r) && r.encrypted);
        // Without mTLS there is no handshake to fail.
        let r = send(Profile::None, vec![fault.clone()], "", &to_payment());
        assert!(served(&r), "{fault:?} without a mesh");
    }
    // Before the certificates expire, a control plane outage changes nothing for traffic.
    let early = vec![Fault::ControlPlaneDown {
        hours: 6,
        new_workloads: vec![],
    }];
    assert!(served(&send(
        Profile::IstioSidecar,
        early,
        "",
        &to_payment()
    )));
}

#[test]
fn a_trust_bundle_mismatch_breaks_mtls_across_the_boundary() {
    let other_ns = r#"
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: tool, namespace: ops, labels: {app: tool}}
spec:
  nodeName: node-a
  containers: [{name: app, image: x}]
"#;
    let mismatch = vec![Fault::TrustBundleMismatch {
        namespace: "ops".into(),
    }];
    let from_ops = Probe {
        from: "ops/tool".into(),
        ..to_payment()
    };
    let r = send(Profile::Linkerd, mismatch.clone(), other_ns, &from_ops);
    assert!(!served(&r), "{r:?}");
    // Inside one trust domain nothing changes.
    assert!(served(&send(
        Profile::Linkerd,
        mismatch,
        other_ns,
        &to_payment()
    )));
    assert!(served(&send(Profile::Linkerd, vec![], other_ns, &from_ops)));
}

const CILIUM_L7: &str = r#"
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: payment-l7, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: payment}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: checkout}}]
    toPorts:
    - ports: [{port: "8080", protocol: TCP}]
      rules:
        http: [{method: GET, path: "/.*"}]
"#;

#[test]
fn a_cilium_agent_crash_resets_l7_proxied_traffic_but_not_plain_l4() {
    let down = vec![Fault::NodeAgentDown {
        node: "node-b".into(),
        agent: None,
    }];
    // The L7 rule sends payment's traffic through the node's Envoy: that breaks.
    let r = send(Profile::Cilium, down.clone(), CILIUM_L7, &to_payment());
    assert_eq!(r.outcome, Outcome::Reset, "{r:?}");
    assert!(
        r.hops
            .iter()
            .any(|h| h.reason.contains("cilium-agent on node-b"))
    );
    assert!(served(&send(
        Profile::Cilium,
        vec![],
        CILIUM_L7,
        &to_payment()
    )));
    // Without an L7 rule the eBPF datapath keeps forwarding with the last policy.
    assert!(served(&send(Profile::Cilium, down, "", &to_payment())));
}

/// CoreDNS, and an egress policy for checkout (node-a) whose DNS allow carries `rules.dns`
/// (`{RULES}`) or not: the lookups go through the agent's DNS proxy only with them.
const CHECKOUT_DNS: &str = r#"
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  nodeName: node-b
  containers: [{name: coredns, image: x}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: checkout-egress, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: checkout}}
  egress:
  - toEndpoints: [{matchLabels: {app: payment}}]
  - toEndpoints:
    - matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}
    toPorts:
    - ports: [{port: "53", protocol: ANY}]
      {RULES}
"#;

#[test]
fn a_cilium_agent_crash_leaves_proxied_dns_lookups_unanswered() {
    let with_dns_rules = CHECKOUT_DNS.replace("{RULES}", "rules: {dns: [{matchPattern: \"*\"}]}");
    let l4_only = CHECKOUT_DNS.replace("{RULES}", "");
    let by_name = Probe {
        to: "payment.shop".into(),
        ..to_payment()
    };
    let down = |node: &str| {
        vec![Fault::NodeAgentDown {
            node: node.into(),
            agent: None,
        }]
    };
    assert!(served(&send(
        Profile::Cilium,
        vec![],
        &with_dns_rules,
        &by_name
    )));
    // The client's node: its DNS proxy is gone with the agent, the query is never answered.
    let r = send(Profile::Cilium, down("node-a"), &with_dns_rules, &by_name);
    assert_eq!(
        (r.verdict, r.outcome),
        (Verdict::Failed, Outcome::DnsFailure),
        "{r:?}"
    );
    assert!(
        r.hops
            .iter()
            .any(|h| h.component == "cilium DNS proxy (node-a)" && h.decision == "timeout")
    );
    assert!(
        !r.hops.iter().any(|h| h.component.contains("payment")),
        "the connection is never attempted: {:?}",
        r.hops
    );
    // The address is already known (a reference, no lookup): the eBPF datapath carries it.
    assert!(served(&send(
        Profile::Cilium,
        down("node-a"),
        &with_dns_rules,
        &to_payment()
    )));
    // Without DNS rules the lookup is not proxied; another node's agent is not in the way.
    assert!(served(&send(
        Profile::Cilium,
        down("node-a"),
        &l4_only,
        &by_name
    )));
    assert!(served(&send(
        Profile::Cilium,
        down("node-b"),
        &with_dns_rules,
        &by_name
    )));
    // A ztunnel restart on the client's node is not the cilium-agent's: its DNS proxy answers.
    let ztunnel = vec![Fault::NodeAgentDown {
        node: "node-a".into(),
        agent: Some(Agent::Ztunnel),
    }];
    assert!(served(&send(
        Profile::Cilium,
        ztunnel,
        &with_dns_rules,
        &by_name
    )));
    let cilium_agent = vec![Fault::NodeAgentDown {
        node: "node-a".into(),
        agent: Some(Agent::CiliumAgent),
    }];
    let r = send(Profile::Cilium, cilium_agent, &with_dns_rules, &by_name);
    assert_eq!(r.outcome, Outcome::DnsFailure, "{r:?}");
}

#[test]
fn a_later_object_with_the_same_name_replaces_the_earlier_one() {
    let deny_all = r#"
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payment-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: payment}}
"#;
    let allow_checkout = ISOLATE_PAYMENT.replace("payment-from-checkout", "payment-in");
    let load = |docs: &[&str]| {
        let mut sources = vec![Source {
            name: "cluster.yaml".into(),
            bytes: CLUSTER.as_bytes().to_vec(),
        }];
        for (i, d) in docs.iter().enumerate() {
            sources.push(Source {
                name: format!("fix-{i}.yaml"),
                bytes: d.as_bytes().to_vec(),
            });
        }
        let cluster = load::load(&sources, &LoadOptions { mesh: None }).unwrap();
        Faulty::new(cluster, vec![]).probe(&to_payment()).unwrap()
    };
    assert!(!served(&load(&[deny_all])));
    // The fix re-applies the policy under the same name: the deny-all is gone.
    assert!(served(&load(&[deny_all, &allow_checkout])));
    // Applied the other way round, the deny-all wins again.
    assert!(!served(&load(&[&allow_checkout, deny_all])));
}

/// An expired Linkerd issuer: every leaf was capped at its expiry (linkerd2 pkg/tls/ca.go),
/// so every meshed handshake fails at once, new workloads get no certificate, plaintext still
/// works, and `linkerd check` fails on "issuer cert is within its validity period"
/// (pkg/healthcheck/healthcheck.go, a fatal check).
#[test]
fn an_expired_linkerd_issuer_breaks_every_meshed_handshake() {
    use meshlab::sim::tools::{self, Extras, Lab, Reply};
    let fault = vec![Fault::IssuerCertExpired {
        hours: 2,
        new_workloads: vec!["shop/payment".into()],
    }];
    let old = vec![Fault::IssuerCertExpired {
        hours: 2,
        new_workloads: vec![],
    }];
    let r = send(Profile::Linkerd, old.clone(), "", &to_payment());
    assert!(!served(&r), "{r:?}");
    assert_eq!(r.status, Some(503), "the client's proxy answers");
    assert!(
        r.hops
            .iter()
            .any(|h| h.reason.contains("issuer certificate expired"))
    );
    // Plaintext has no certificate to check; Istio's CA is another issuer.
    assert!(served(&send(Profile::None, old.clone(), "", &to_payment())));
    assert!(served(&send(
        Profile::IstioSidecar,
        old.clone(),
        "",
        &to_payment()
    )));
    // A workload created since never gets a certificate: never ready, no endpoint.
    let sim = Faulty::new(cluster(Profile::Linkerd, ""), fault);
    let r = sim.probe(&to_payment()).unwrap();
    assert!(!served(&r));
    let lab = Lab::new(sim, vec![to_payment()], Extras::default());
    let Reply::Ran(out) = tools::run(&lab, "linkerd check") else {
        panic!("linkerd check runs")
    };
    let text = out.text();
    assert!(
        text.contains("× issuer cert is within its validity period\n    issuer certificate is not valid anymore. Expired on "),
        "{text}"
    );
    assert!(
        !text.contains("linkerd-webhooks-and-apisvc-tls"),
        "a fatal check ends the run: {text}"
    );
    let healthy = Lab::new(
        Faulty::new(cluster(Profile::Linkerd, ""), vec![]),
        vec![],
        Extras::default(),
    );
    let Reply::Ran(out) = tools::run(&healthy, "linkerd check") else {
        panic!("linkerd check runs")
    };
    assert!(
        out.text()
            .contains("√ issuer cert is within its validity period")
    );
}
