//! Property: under STRICT mTLS, nothing reaches an enrolled workload in the clear. For any mix of
//! Istio sidecar, ambient and unmeshed namespaces, a request served by a workload whose
//! namespace is STRICT travelled encrypted, and a client without a mesh identity is never served.

use meshlab::sim::eval::probe::{self, Probe};
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::scenario::faulty::served;
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Enrol {
    Sidecar,
    Ambient,
    Unmeshed,
}

fn namespace(i: usize, enrol: Enrol, strict: bool) -> String {
    let label = match enrol {
        Enrol::Sidecar => "istio-injection: enabled",
        Enrol::Ambient => "istio.io/dataplane-mode: ambient",
        Enrol::Unmeshed => "istio-injection: disabled",
    };
    let mut out = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns{i}\n  labels:\n    {label}\n---\n\
         apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: ns{i}\n  labels: {{app: app}}\n\
         spec:\n  serviceAccountName: sa{i}\n  containers:\n  - name: app\n    image: x\n    ports:\n    - {{name: http, containerPort: 8080}}\n---\n\
         apiVersion: v1\nkind: Service\nmetadata:\n  name: app\n  namespace: ns{i}\nspec:\n  selector: {{app: app}}\n  ports:\n  - {{name: http, port: 8080, targetPort: http}}\n---\n"
    );
    if strict {
        out.push_str(&format!(
            "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ns{i}\nspec:\n  mtls:\n    mode: STRICT\n---\n"
        ));
    }
    out
}

fn enrol() -> impl Strategy<Value = Enrol> {
    prop_oneof![
        Just(Enrol::Sidecar),
        Just(Enrol::Ambient),
        Just(Enrol::Unmeshed)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(23), ..ProptestConfig::default() })]

    #[test]
    fn strict_means_no_plaintext_into_enrolled_workloads(
        spaces in prop::collection::vec((enrol(), any::<bool>()), 2..5),
        pairs in prop::collection::vec((0usize..5, 0usize..5), 1..8),
    ) {
        let yaml: String = spaces.iter().enumerate().map(|(i, (e, s))| namespace(i, *e, *s)).collect();
        let cluster = load::load(
            &[Source { name: "gen.yaml".into(), bytes: yaml.into_bytes() }],
            &LoadOptions { mesh: None },
        ).unwrap();
        for (a, b) in pairs {
            let (a, b) = (a % spaces.len(), b % spaces.len());
            let probe = Probe {
                from: format!("ns{a}/app"),
                to: format!("svc:ns{b}/app"),
                port: Some(8080),
                method: Some("GET".into()),
                path: Some("/".into()),
                count: 1,
                ..Probe::default()
            };
            let r = probe::run(&cluster, &probe).unwrap();
            let (dst_enrol, dst_strict) = spaces[b];
            if dst_strict && !matches!(dst_enrol, Enrol::Unmeshed) {
                if served(&r) {
                    prop_assert!(r.encrypted, "ns{a} -> ns{b} served in the clear: {r:?}");
                }
                if matches!(spaces[a].0, Enrol::Unmeshed) {
                    prop_assert!(!served(&r), "unmeshed ns{a} served by STRICT ns{b}: {r:?}");
                }
            }
        }
    }
}
