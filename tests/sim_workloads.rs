//! Every workload kind becomes the pods a cluster runs, and every kind of Service leads where
//! a real one does (issue 13 item 2). Expectations cite the Kubernetes docs they rest on.

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::model::{Cluster, WorkloadKind};
use meshlab::sim::scenario::probes::run_probes;

fn cluster(yaml: &str, mesh: Option<Profile>) -> Cluster {
    load::load(
        &[Source {
            name: "w.yaml".into(),
            bytes: yaml.as_bytes().to_vec(),
        }],
        &LoadOptions { mesh },
    )
    .expect("loads")
}

fn probe(c: &Cluster, from: &str, to: &str, port: Option<u16>) -> ProbeResult {
    let p = Probe {
        from: from.into(),
        to: to.into(),
        port,
        count: 1,
        ..Probe::default()
    };
    run_probes(c, &[p]).expect("evaluates").results.remove(0)
}

fn pods_of(c: &Cluster, ns: &str) -> Vec<String> {
    let ns = c.namespace(ns).expect("namespace");
    c.pods
        .iter()
        .filter(|p| p.ns == ns)
        .map(|p| p.name.clone())
        .collect()
}

const APPS: &str = r#"
apiVersion: v1
kind: Node
metadata: {name: n1}
---
apiVersion: v1
kind: Node
metadata: {name: n2}
---
apiVersion: v1
kind: Namespace
metadata: {name: data}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      serviceAccountName: db
      containers: [{name: db, ports: [{containerPort: 5432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: data}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: data}
spec:
  parallelism: 2
  template: {spec: {containers: [{name: m}], restartPolicy: Never}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: data}
spec:
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: n}], restartPolicy: OnFailure}}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: paused, namespace: data}
spec:
  suspend: true
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: n}]}}}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web, namespace: data}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, ports: [{containerPort: 80}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: none, namespace: data}
spec:
  replicas: 0
  selector: {matchLabels: {app: none}}
  template:
    metadata: {labels: {app: none}}
    spec: {containers: [{name: n}]}
"#;

#[test]
fn controllers_make_the_pods_a_cluster_runs() {
    let c = cluster(APPS, None);
    assert!(c.rejected.is_empty(), "{:?}", c.rejected);
    let pods = pods_of(&c, "data");
    // StatefulSet pods keep their real names, NAME-0..N-1 (kubernetes.io StatefulSets:
    // "Pod Identity"); a DaemonSet runs one pod per node; a Job runs `parallelism` pods; a
    // suspended CronJob starts none; replicas: 0 makes none.
    for name in [
        "db-0",
        "db-1",
        "db-2",
        "agent-n1",
        "agent-n2",
        "migrate-0",
        "migrate-1",
        "nightly-0",
        "web-0",
        "web-1",
    ] {
        assert!(pods.contains(&name.to_owned()), "{name} in {pods:?}");
    }
    assert!(
        !pods
            .iter()
            .any(|p| p.starts_with("paused") || p.starts_with("none")),
        "{pods:?}"
    );
    let ds: Vec<_> = c
        .pods
        .iter()
        .filter(|p| p.name.starts_with("agent-"))
        .collect();
    assert_ne!(ds[0].node, ds[1].node, "one DaemonSet pod on each node");
    let db0 = c.pods.iter().find(|p| p.name == "db-0").unwrap();
    assert_eq!(db0.service_account, "db");
    assert_eq!(
        db0.owner.as_ref().map(|o| o.kind),
        Some(WorkloadKind::StatefulSet)
    );
    assert_eq!(db0.hostname.as_deref(), Some("db-0"));
    assert_eq!(db0.subdomain.as_deref(), Some("db"));
}

#[test]
fn a_headless_service_resolves_to_pods_and_a_stateful_pod_has_its_own_name() {
    let c = cluster(APPS, None);
    // A headless Service's name resolves to the pods themselves: no ClusterIP, no DNAT.
    let r = probe(&c, "data/web-0", "db.data.svc.cluster.local", Some(5432));
    assert_eq!(r.verdict, Verdict::Allowed, "{r:#?}");
    let pod = &r.backend.as_ref().expect("a pod answered").pod;
    assert!(pod.starts_with("data/db-"), "{pod}");
    // HOSTNAME.SUBDOMAIN.NS.svc.cluster.local names one pod (kubernetes.io DNS for Services
    // and Pods: "A/AAAA records" of pods with hostname and subdomain).
    let r = probe(
        &c,
        "data/web-0",
        "db-2.db.data.svc.cluster.local",
        Some(5432),
    );
    assert_eq!(
        r.backend.as_ref().map(|b| b.pod.as_str()),
        Some("data/db-2")
    );
    // From the same namespace the short form works through the search path.
    let r = probe(&c, "data/web-0", "db-1.db", Some(5432));
    assert_eq!(
        r.backend.as_ref().map(|b| b.pod.as_str()),
        Some("data/db-1")
    );
}

#[test]
fn a_name_nobody_serves_is_a_dns_failure_not_a_denial() {
    let c = cluster(APPS, None);
    for name in [
        "nosuch",
        "nosuch.data",
        "nosuch.data.svc.cluster.local",
        "db-9.db.data.svc.cluster.local",
    ] {
        let r = probe(&c, "data/web-0", name, Some(80));
        assert_eq!(
            (r.verdict, r.outcome),
            (Verdict::Failed, Outcome::DnsFailure),
            "{name}: {r:#?}"
        );
        assert!(r.backend.is_none());
    }
}

const SERVICES: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Service
metadata: {name: payments-api, namespace: shop}
spec:
  type: ExternalName
  externalName: api.payments.example.com
---
apiVersion: v1
kind: Service
metadata: {name: legacy-db, namespace: shop}
spec:
  ports: [{port: 5432}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: legacy-db-1
  namespace: shop
  labels: {kubernetes.io/service-name: legacy-db}
addressType: IPv4
endpoints:
- addresses: [192.0.2.40]
ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: empty, namespace: shop}
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
"#;

#[test]
fn external_name_and_hand_written_endpoints_lead_out_of_the_cluster() {
    let c = cluster(SERVICES, None);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // An ExternalName Service is a CNAME (kubernetes.io Service "type ExternalName").
    let r = probe(&c, "shop/client", "payments-api", Some(443));
    assert_eq!(r.verdict, Verdict::Allowed, "{r:#?}");
    assert!(
        r.hops
            .iter()
            .any(|h| h.component.contains("api.payments.example.com")),
        "{:#?}",
        r.hops
    );
    // A Service without a selector reaches what its EndpointSlice names (kubernetes.io
    // Service "Services without selectors").
    let r = probe(&c, "shop/client", "legacy-db", Some(5432));
    assert_eq!(r.verdict, Verdict::Allowed, "{r:#?}");
    assert!(
        r.hops.iter().any(|h| h.component.contains("192.0.2.40")),
        "{:#?}",
        r.hops
    );
}

#[test]
fn a_service_without_endpoints_refuses_and_a_missing_port_too_and_neither_is_a_denial() {
    let c = cluster(SERVICES, None);
    let r = probe(&c, "shop/client", "empty", Some(80));
    assert_eq!(
        (r.verdict, r.outcome),
        (Verdict::Failed, Outcome::Refused),
        "{r:#?}"
    );
    let r = probe(&c, "shop/client", "empty", Some(8080));
    assert_eq!(
        (r.verdict, r.outcome),
        (Verdict::Failed, Outcome::Refused),
        "{r:#?}"
    );
    // Behind its own sidecar an HTTP client gets the proxy's 503 ("no healthy upstream").
    let meshed = cluster(SERVICES, Some(Profile::IstioSidecar));
    let p = Probe {
        from: "shop/client".into(),
        to: "empty".into(),
        port: Some(80),
        method: Some("GET".into()),
        count: 1,
        ..Probe::default()
    };
    let r = run_probes(&meshed, &[p]).unwrap().results.remove(0);
    assert_eq!(
        (r.verdict, r.outcome, r.status),
        (Verdict::Failed, Outcome::HttpError, Some(503))
    );
}

#[test]
fn a_pod_written_after_injection_carries_its_proxy() {
    // `kubectl get pod -o yaml` of an Istio 1.27+ pod: the proxy is a native sidecar.
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1-abc, namespace: default, labels: {app: reviews}}
spec:
  initContainers:
  - {name: istio-init}
  - {name: istio-proxy, restartPolicy: Always}
  containers: [{name: reviews, ports: [{containerPort: 9080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers: [{name: web}, {name: linkerd-proxy}]
"#;
    let c = cluster(yaml, None);
    let reviews = c.pod("default", "reviews-v1-abc").unwrap();
    let web = c.pod("default", "web").unwrap();
    assert_eq!(c.mesh.pod_profile[reviews], Profile::IstioSidecar);
    assert_eq!(c.mesh.pod_profile[web], Profile::Linkerd);
    let proxy = c.pods[reviews]
        .containers
        .iter()
        .find(|c| c.name == "istio-proxy")
        .unwrap();
    assert!(proxy.native_sidecar);
    // A plain init container is not a sidecar and is not listed.
    assert!(
        !c.pods[reviews]
            .containers
            .iter()
            .any(|c| c.name == "istio-init")
    );
}
