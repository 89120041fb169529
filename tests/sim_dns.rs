//! Names are looked up through kube-dns: an egress policy that forgets DNS breaks every name
//! while `svc:`/IP references still work (NOTES.md NetworkPolicy 11; network-policy-recipes 11).

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::scenario::probes::evaluate;

const CLUSTER: &str = "
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {containers: [{name: c, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: app, labels: {app: client}}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: app}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-egress, namespace: app}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 80}]
";

const ALLOW_DNS: &str = "
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: app}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
";

fn run(yaml: &str) -> Vec<ProbeResult> {
    let probes: Vec<Probe> = ["web", "svc:app/web"]
        .iter()
        .map(|to| Probe {
            from: "app/client".into(),
            to: (*to).into(),
            port: Some(80),
            count: 1,
            ..Probe::default()
        })
        .collect();
    let source = Source {
        name: "dns.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    evaluate(&[source], &LoadOptions::default(), &probes)
        .expect("evaluates")
        .results
}

#[test]
fn egress_without_dns_breaks_names_only() {
    let r = run(CLUSTER);
    // The query is dropped; the client gives up on the name (curl: "Could not resolve host"):
    // the request fails before it is sent, though a policy dropped the query.
    assert_eq!(
        r[0].outcome,
        Outcome::DnsFailure,
        "the DNS query is dropped"
    );
    assert_eq!(r[0].verdict, Verdict::Failed);
    assert!(
        r[0].hops
            .iter()
            .any(|h| h.reason.contains("DNS lookup of web")),
        "{:?}",
        r[0].hops
    );
    assert_eq!(
        r[0].decided_by,
        vec!["NetworkPolicy app/client-egress".to_owned()]
    );
    assert_eq!(
        r[1].outcome,
        Outcome::Ok,
        "the Service reference needs no lookup"
    );
    let fixed = run(&format!("{CLUSTER}{ALLOW_DNS}"));
    assert_eq!(fixed[0].outcome, Outcome::Ok);
}
