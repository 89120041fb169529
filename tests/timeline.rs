//! The timeline: each event kind shows its effect at its moment and not before, and the effect
//! goes when it should; the same scenario and seed give the same report at every step.

use std::collections::BTreeSet;

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::Cluster;
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::faulty::{Faulty, served};
use meshlab::sim::scenario::steps;
use meshlab::sim::scenario::time::Time;
use meshlab::sim::scenario::timeline::Timeline;

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
---
apiVersion: v1
kind: Pod
metadata: {name: fraud, namespace: shop, labels: {app: fraud}}
spec:
  nodeName: node-b
  serviceAccountName: fraud
  containers: [{name: app, image: x, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: fraud, namespace: shop}
spec:
  selector: {app: fraud}
  ports: [{name: http, port: 8080, targetPort: http}]
"#;

const DENY_PAYMENT: &str = r#"
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  selector: {matchLabels: {app: payment}}
  action: DENY
  rules: [{}]
"#;

fn sources(extra: &[String]) -> Vec<Source> {
    let mut all = vec![Source {
        name: "cluster.yaml".into(),
        bytes: CLUSTER.as_bytes().to_vec(),
    }];
    for f in extra {
        let text = match f.as_str() {
            "deny.yaml" => DENY_PAYMENT,
            other => panic!("no manifest {other}"),
        };
        all.push(Source {
            name: f.clone(),
            bytes: text.as_bytes().to_vec(),
        });
    }
    all
}

fn load_with(mesh: Option<Profile>, extra: &[String]) -> Result<Cluster, String> {
    load::load(&sources(extra), &LoadOptions { mesh }).map_err(|e| e.to_string())
}

/// A timeline over the cluster, with the events of a scenario file; `payment` is warm traffic.
fn timeline(mesh: Option<Profile>, events: &str) -> Timeline {
    let scenario = Scenario::parse("t.toml", &format!("manifests = []\n{events}")).unwrap();
    let warm: BTreeSet<(String, String)> =
        [("shop/checkout".to_string(), "svc:shop/payment".to_string())].into();
    Timeline::new(
        load_with(mesh, &[]).unwrap(),
        Vec::new(),
        scenario.events,
        mesh,
        warm,
        |extra: &[String]| load_with(mesh, extra),
    )
    .unwrap()
}

fn to(service: &str) -> Probe {
    Probe {
        from: "shop/checkout".into(),
        to: format!("svc:shop/{service}"),
        port: Some(8080),
        method: Some("GET".into()),
        path: Some("/".into()),
        count: 1,
        ..Probe::default()
    }
}

fn at(tl: &Timeline, hours: i64, service: &str) -> ProbeResult {
    tl.at(Time::hours(hours)).probe(&to(service)).unwrap()
}

fn ok(r: &ProbeResult) -> bool {
    served(r) && r.verdict == Verdict::Allowed && r.outcome == Outcome::Ok
}

fn mentions(r: &ProbeResult, text: &str) -> bool {
    r.hops.iter().any(|h| h.reason.contains(text))
}

#[test]
fn without_events_the_timeline_is_todays_cluster() {
    for mesh in [
        Profile::Linkerd,
        Profile::IstioSidecar,
        Profile::IstioAmbient,
    ] {
        let tl = timeline(Some(mesh), "");
        let today = Faulty::new(load_with(Some(mesh), &[]).unwrap(), Vec::new());
        for t in [0, 25, 1000] {
            for svc in ["payment", "fraud"] {
                let now = tl.at(Time::hours(t)).probe(&to(svc)).unwrap();
                assert_eq!(now, today.probe(&to(svc)).unwrap(), "{mesh} at {t}h");
            }
        }
    }
}

#[test]
fn istio_certificates_expire_one_by_one_12_to_24_hours_after_istiod_is_lost() {
    let tl = timeline(
        Some(Profile::IstioSidecar),
        "[[events]]\nat = \"0\"\ntype = \"control-plane-down\"\n\n[[events]]\nat = \"30h\"\ntype = \"control-plane-up\"\n",
    );
    // Cached configuration and certificates carry the data plane for 12 hours at least.
    for h in [0, 6, 12] {
        assert!(ok(&at(&tl, h, "payment")), "{h}h");
    }
    // Then each certificate runs out on its own schedule; by 24h every one has.
    let broke: Vec<i64> = (0..=30).filter(|h| !ok(&at(&tl, *h, "payment"))).collect();
    let first = *broke.first().expect("certificates expire");
    assert!((13..=24).contains(&first), "first failure at {first}h");
    let r = at(&tl, 25, "payment");
    assert_eq!(r.verdict, Verdict::Failed);
    assert_eq!(r.status, Some(503), "the client's sidecar answers 503");
    assert!(mentions(&r, "certificate expired"), "{:?}", r.hops);
    // istiod is back at 30h: the proxies renew and traffic flows again.
    assert!(ok(&at(&tl, 30, "payment")));
}

#[test]
fn linkerd_cached_discovery_keeps_warm_destinations_while_cold_ones_hang() {
    let tl = timeline(
        Some(Profile::Linkerd),
        "[[events]]\nat = \"1h\"\ntype = \"control-plane-down\"\n\n[[events]]\nat = \"3h\"\ntype = \"control-plane-up\"\n",
    );
    assert!(ok(&at(&tl, 0, "fraud")));
    // At 2h: payment was in the cache (the scenario's traffic), fraud was never called.
    assert!(ok(&at(&tl, 2, "payment")));
    let cold = at(&tl, 2, "fraud");
    assert_eq!(
        (cold.verdict, cold.outcome),
        (Verdict::Failed, Outcome::Timeout)
    );
    assert!(mentions(&cold, "not in the proxy's cache"));
    assert!(ok(&at(&tl, 3, "fraud")), "the control plane is back");
}

#[test]
fn a_pod_created_while_the_injector_is_down_is_unmeshed_with_linkerd_and_absent_with_istio() {
    let events = "[[events]]\nat = \"1h\"\ntype = \"injector-down\"\n\n[[events]]\nat = \"2h\"\ntype = \"pod-restarted\"\nworkload = \"shop/payment\"\n\n[[events]]\nat = \"3h\"\ntype = \"injector-up\"\n\n[[events]]\nat = \"4h\"\ntype = \"pod-restarted\"\nworkload = \"shop/payment\"\n";
    let tl = timeline(Some(Profile::Linkerd), events);
    let payment = |h: i64| {
        let sim = tl.at(Time::hours(h));
        let p = sim.cluster.pod("shop", "payment").unwrap();
        sim.cluster.mesh.pod_profile[p]
    };
    // The webhook being down changes nothing for running pods.
    assert_eq!(payment(1), Profile::Linkerd);
    assert!(at(&tl, 1, "payment").encrypted);
    // Re-created while it was down: no proxy, plaintext (failurePolicy: Ignore).
    assert_eq!(payment(2), Profile::None);
    let r = at(&tl, 2, "payment");
    assert!(ok(&r) && !r.encrypted);
    // The webhook is back, but the pod keeps what it got until it is created again.
    assert_eq!(payment(3), Profile::None);
    assert_eq!(payment(4), Profile::Linkerd);
    assert!(at(&tl, 4, "payment").encrypted);

    let tl = timeline(Some(Profile::IstioSidecar), events);
    assert!(ok(&at(&tl, 1, "payment")));
    // failurePolicy: Fail: the pod is not created; the ReplicaSet creates it once the webhook
    // answers again.
    let sim = tl.at(Time::hours(2));
    assert!(
        sim.absent
            .contains(&sim.cluster.pod("shop", "payment").unwrap())
    );
    assert!(!ok(&at(&tl, 2, "payment")));
    assert!(ok(&at(&tl, 3, "payment")));
}

#[test]
fn a_rollout_the_webhook_refuses_leaves_the_old_pods_running() {
    let tl = timeline(
        Some(Profile::IstioSidecar),
        "[[events]]\nat = \"1h\"\ntype = \"injector-down\"\n\n[[events]]\nat = \"2h\"\ntype = \"rolled-out\"\nworkload = \"shop/payment\"\n",
    );
    let r = at(&tl, 2, "payment");
    assert!(ok(&r) && r.encrypted);
    assert!(
        tl.at(Time::hours(2))
            .notes
            .iter()
            .any(|n| n.contains("rollout at 2h stuck"))
    );
}

#[test]
fn a_namespace_label_takes_effect_at_the_next_restart_except_for_ambient() {
    let enroll = |key: &str, value: &str| {
        format!(
            "[[events]]\nat = \"1h\"\ntype = \"label-changed\"\nnamespace = \"shop\"\nkey = \"{key}\"\nvalue = \"{value}\"\n\n[[events]]\nat = \"3h\"\ntype = \"rolled-out\"\nworkload = \"shop/payment\"\n"
        )
    };
    let profile = |tl: &Timeline, h: i64| {
        let sim = tl.at(Time::hours(h));
        let p = sim.cluster.pod("shop", "payment").unwrap();
        sim.cluster.mesh.pod_profile[p]
    };
    let tl = timeline(None, &enroll("istio-injection", "enabled"));
    assert_eq!(profile(&tl, 0), Profile::None);
    assert_eq!(profile(&tl, 2), Profile::None, "labelled, not restarted");
    assert_eq!(profile(&tl, 3), Profile::IstioSidecar, "restarted");
    // istio-cni enrolls running pods of an ambient namespace without a restart.
    let tl = timeline(None, &enroll("istio.io/dataplane-mode", "ambient"));
    assert_eq!(profile(&tl, 0), Profile::None);
    assert_eq!(profile(&tl, 1), Profile::IstioAmbient);
}

#[test]
fn a_manifest_applied_then_removed_changes_the_answer_from_its_moment_but_not_while_istiod_is_down()
{
    let tl = timeline(
        Some(Profile::IstioSidecar),
        "[[events]]\nat = \"2h\"\ntype = \"manifest-applied\"\nfile = \"deny.yaml\"\n\n[[events]]\nat = \"4h\"\ntype = \"manifest-removed\"\nfile = \"deny.yaml\"\n",
    );
    assert!(ok(&at(&tl, 1, "payment")));
    assert_eq!(at(&tl, 2, "payment").verdict, Verdict::Denied);
    assert!(ok(&at(&tl, 4, "payment")));
    // The removal reaches no proxy while istiod is down: Envoy keeps its last configuration.
    let tl = timeline(
        Some(Profile::IstioSidecar),
        "[[events]]\nat = \"2h\"\ntype = \"manifest-applied\"\nfile = \"deny.yaml\"\n\n[[events]]\nat = \"3h\"\ntype = \"control-plane-down\"\n\n[[events]]\nat = \"4h\"\ntype = \"manifest-removed\"\nfile = \"deny.yaml\"\n\n[[events]]\nat = \"5h\"\ntype = \"control-plane-up\"\n",
    );
    assert_eq!(at(&tl, 4, "payment").verdict, Verdict::Denied);
    assert!(ok(&at(&tl, 5, "payment")));
}

#[test]
fn a_ztunnel_restart_breaks_its_node_for_the_gap_and_needs_istiod_to_get_certificates_back() {
    let tl = timeline(
        Some(Profile::IstioAmbient),
        "[[events]]\nat = \"1h\"\ntype = \"node-agent-down\"\nnode = \"node-b\"\nagent = \"ztunnel\"\n\n[[events]]\nat = \"1h5m\"\ntype = \"node-agent-up\"\nnode = \"node-b\"\nagent = \"ztunnel\"\n",
    );
    assert!(ok(&at(&tl, 0, "payment")));
    let r = tl.at(Time(3600)).probe(&to("payment")).unwrap();
    assert!(!ok(&r) && mentions(&r, "ztunnel on node-b"));
    assert!(ok(&tl.at(Time(3900)).probe(&to("payment")).unwrap()));
    // The same restart while istiod is down: the new ztunnel has no certificates to offer.
    let tl = timeline(
        Some(Profile::IstioAmbient),
        "[[events]]\nat = \"30m\"\ntype = \"control-plane-down\"\n\n[[events]]\nat = \"1h\"\ntype = \"node-agent-down\"\nnode = \"node-b\"\nagent = \"ztunnel\"\n\n[[events]]\nat = \"1h5m\"\ntype = \"node-agent-up\"\nnode = \"node-b\"\nagent = \"ztunnel\"\n\n[[events]]\nat = \"2h\"\ntype = \"control-plane-up\"\n",
    );
    let r = tl.at(Time(3900)).probe(&to("payment")).unwrap();
    assert!(mentions(&r, "has no certificate"), "{:?}", r.hops);
    assert!(ok(&at(&tl, 2, "payment")));
}

#[test]
fn a_pod_created_while_its_cni_agent_is_not_ready_starts_only_when_the_agent_is_back() {
    for (mesh, agent) in [
        (Profile::IstioSidecar, "istio-cni"),
        (Profile::IstioAmbient, "istio-cni"),
        (Profile::Linkerd, "linkerd-cni"),
    ] {
        let tl = timeline(
            Some(mesh),
            &format!(
                "[[events]]\nat = \"1h\"\ntype = \"node-agent-down\"\nnode = \"node-b\"\nagent = \"{agent}\"\n\n[[events]]\nat = \"2h\"\ntype = \"pod-restarted\"\nworkload = \"shop/payment\"\n\n[[events]]\nat = \"3h\"\ntype = \"node-agent-up\"\nnode = \"node-b\"\nagent = \"{agent}\"\n"
            ),
        );
        // Running pods keep their redirection: the agent being down changes nothing for them.
        assert!(ok(&at(&tl, 1, "payment")), "{mesh}");
        let sim = tl.at(Time::hours(2));
        assert!(
            sim.not_ready
                .contains(&sim.cluster.pod("shop", "payment").unwrap()),
            "{mesh}"
        );
        assert!(!ok(&at(&tl, 2, "payment")), "{mesh}");
        assert!(ok(&at(&tl, 3, "payment")), "{mesh}");
    }
}

#[test]
fn an_expired_certificate_fails_from_its_moment_until_a_new_one_is_issued() {
    let tl = timeline(
        Some(Profile::Linkerd),
        "[[events]]\nat = \"2h\"\ntype = \"cert-expired\"\nworkload = \"shop/payment\"\n\n[[events]]\nat = \"5h\"\ntype = \"cert-issued\"\nworkload = \"shop/payment\"\n",
    );
    assert!(ok(&at(&tl, 1, "payment")));
    let r = at(&tl, 2, "payment");
    assert!(
        mentions(&r, "shop/payment's certificate expired at 2h"),
        "{:?}",
        r.hops
    );
    // Stuck: the renewal schedule does not repair it.
    assert!(!ok(&at(&tl, 4, "payment")));
    assert!(ok(&at(&tl, 5, "payment")));
    // Other workloads never noticed.
    assert!(ok(&at(&tl, 2, "fraud")));
}

#[test]
fn workload_certificates_never_outlive_the_issuer() {
    let tl = timeline(
        Some(Profile::Linkerd),
        "[[events]]\nat = \"1h\"\ntype = \"issuer-rotated\"\nanchor = \"root-1\"\nvalid_for = \"10h\"\n",
    );
    assert!(ok(&at(&tl, 10, "payment")));
    // The issuer expired at 11h: every certificate it signed is clamped to it, and it can
    // sign no new one.
    let r = at(&tl, 11, "payment");
    assert!(mentions(&r, "expired at 11h"), "{:?}", r.hops);
}

#[test]
fn rotating_a_trust_anchor_works_only_in_the_documented_order() {
    let restart_all = |at: &str| {
        ["checkout", "payment", "fraud"]
            .iter()
            .map(|w| {
                format!(
                    "[[events]]\nat = \"{at}\"\ntype = \"rolled-out\"\nworkload = \"shop/{w}\"\n\n"
                )
            })
            .collect::<String>()
    };
    // The issuer first: new certificates chain to root-2, which proxies do not trust yet.
    let wrong = timeline(
        Some(Profile::Linkerd),
        &format!(
            "[[events]]\nat = \"1h\"\ntype = \"issuer-rotated\"\nanchor = \"root-2\"\n\n{}",
            restart_all("2h")
        ),
    );
    assert!(
        ok(&at(&wrong, 1, "payment")),
        "old certificates still valid"
    );
    let r = at(&wrong, 2, "payment");
    assert!(
        mentions(&r, "root-2, which the peer does not trust"),
        "{:?}",
        r.hops
    );
    // Bundle both anchors, restart so proxies read it, then rotate the issuer, restart, and
    // drop the old anchor: no request ever fails.
    let right = timeline(
        Some(Profile::Linkerd),
        &format!(
            "[[events]]\nat = \"1h\"\ntype = \"trust-bundle-rotated\"\nanchors = [\"root-1\", \"root-2\"]\n\n{}[[events]]\nat = \"3h\"\ntype = \"issuer-rotated\"\nanchor = \"root-2\"\n\n{}[[events]]\nat = \"5h\"\ntype = \"trust-bundle-rotated\"\nanchors = [\"root-2\"]\n\n{}",
            restart_all("2h"),
            restart_all("4h"),
            restart_all("6h")
        ),
    );
    for h in 0..=30 {
        assert!(ok(&at(&right, h, "payment")), "{h}h");
    }
}

#[test]
fn a_pod_created_later_does_not_exist_before() {
    let tl = timeline(
        Some(Profile::Linkerd),
        "[[events]]\nat = \"2h\"\ntype = \"pod-created\"\nworkload = \"shop/fraud\"\n",
    );
    assert!(!ok(&at(&tl, 1, "fraud")));
    assert!(ok(&at(&tl, 2, "fraud")));
}

#[test]
fn events_naming_nothing_are_refused() {
    let scenario = Scenario::parse(
        "t.toml",
        "manifests = []\n[[events]]\nat = \"1h\"\ntype = \"pod-restarted\"\nworkload = \"shop/paymnet\"\n",
    )
    .unwrap();
    let e = Timeline::new(
        load_with(None, &[]).unwrap(),
        Vec::new(),
        scenario.events,
        None,
        BTreeSet::new(),
        |extra: &[String]| load_with(None, extra),
    )
    .unwrap_err();
    assert!(
        e.contains("no pod belongs to workload `shop/paymnet`"),
        "{e}"
    );
}

#[test]
fn the_same_scenario_and_seed_give_the_same_report_at_every_step() {
    let text = format!(
        "mesh = \"istio-sidecar\"\nmanifests = []\n[[traffic]]\nfrom = \"shop/checkout\"\nto = \"svc:shop/payment\"\nport = 8080\n\n[[invariants]]\ntype = \"allowed\"\nfrom = \"shop/checkout\"\nto = \"svc:shop/payment\"\nport = 8080\n\n{}",
        "[[events]]\nat = \"0\"\ntype = \"control-plane-down\"\n"
    );
    let scenario = Scenario::parse("t.toml", &text).unwrap();
    let run = || {
        let tl = Timeline::new(
            load_with(scenario.mesh, &[]).unwrap(),
            Vec::new(),
            scenario.events.clone(),
            scenario.mesh,
            BTreeSet::new(),
            |extra: &[String]| load_with(scenario.mesh, extra),
        )
        .unwrap();
        let all = steps::steps(&tl, &scenario, 50, 7, Time::hours(30), Time::hours(1)).unwrap();
        serde_json::to_string(&all).unwrap()
    };
    let first = run();
    assert_eq!(first, run());
    let all: serde_json::Value = serde_json::from_str(&first).unwrap();
    let held: Vec<bool> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["invariants"][0]["held"].as_bool().unwrap())
        .collect();
    assert_eq!(held.len(), 31);
    assert!(held[0] && !held[30], "holds at 0, broken at 30h");
}

#[test]
fn a_rollout_during_a_cni_agent_restart_waits_with_the_old_pod_serving() {
    let tl = timeline(
        Some(Profile::IstioAmbient),
        "[[events]]\nat = \"1h\"\ntype = \"node-agent-down\"\nnode = \"node-b\"\nagent = \"istio-cni\"\n\n[[events]]\nat = \"1h1m\"\ntype = \"rolled-out\"\nworkload = \"shop/payment\"\n\n[[events]]\nat = \"1h10m\"\ntype = \"node-agent-up\"\nnode = \"node-b\"\nagent = \"istio-cni\"\n",
    );
    let sim = tl.at(Time(3660));
    assert!(ok(&sim.probe(&to("payment")).unwrap()));
    assert!(
        sim.notes
            .iter()
            .any(|n| n.contains("rollout at 1h1m waits"))
    );
    let sim = tl.at(Time(4200));
    let p = sim.cluster.pod("shop", "payment").unwrap();
    assert_eq!(sim.moment.as_ref().unwrap().created[p], Time(4200));
}

#[test]
fn an_answer_that_is_not_an_http_status_is_refused() {
    let scenario = Scenario::parse(
        "t.toml",
        "manifests = []\n[[events]]\nat = \"1h\"\ntype = \"annotation-changed\"\nworkload = \"shop/payment\"\nkey = \"sim.meshlab.io/response-status\"\nvalue = \"oops\"\n",
    )
    .unwrap();
    let e = Timeline::new(
        load_with(None, &[]).unwrap(),
        Vec::new(),
        scenario.events,
        None,
        BTreeSet::new(),
        |extra: &[String]| load_with(None, extra),
    )
    .unwrap_err();
    assert!(e.contains("is not an HTTP status"), "{e}");
}

#[test]
fn sim_run_until_reports_every_step_and_fails_when_an_invariant_breaks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cluster.yaml"), CLUSTER).unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "mesh = \"istio-sidecar\"\nmanifests = [\"cluster.yaml\"]\n\n[[traffic]]\nfrom = \"shop/checkout\"\nto = \"svc:shop/payment\"\nport = 8080\n\n[[invariants]]\ntype = \"allowed\"\nfrom = \"shop/checkout\"\nto = \"svc:shop/payment\"\nport = 8080\nduring = [\"0\", \"6h\"]\n\n[[events]]\nat = \"0\"\ntype = \"control-plane-down\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_meshlab"))
            .args(["--lang", "en", "sim", "run"])
            .arg(&scenario)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--until", "30h", "--step", "6h"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for step in ["At 0\n", "At 6h\n", "At 30h\n"] {
        assert!(text.contains(step), "{text}");
    }
    assert!(!text.contains("At 36h"), "{text}");
    // The window invariant applies up to 6h only, and holds there.
    assert_eq!(text.matches("✓ allowed").count(), 2, "{text}");
    assert!(out.status.success(), "{text}");
    // At 30h the edge has failed, but no invariant applies at 30h.
    assert!(text.contains("0.0%"), "{text}");
    // `--at` checks the window invariant over its own window, whatever the moment.
    let out = run(&["--at", "25h"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let bad = run(&["--until", "1d"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The strip a time-based drill's result draws: when each probe broke and held again, under
/// the answer's fix, narrowed to the minute; the same for the same answer; none for a drill
/// without a timeline.
#[test]
fn a_graded_time_drill_carries_when_each_probe_broke() {
    use meshlab::drill::grade::grade_text;
    use meshlab::drill::pack::Pack;
    use meshlab::drill::strip::Turn;
    let pack = Pack::builtin().unwrap();
    let ex = pack.exercise("dx-time-istiod-outage-hours").unwrap();
    let grade = |fix: &str| {
        let answer = format!("choice = \"istiod-outage-clock\"\nfix = \"{fix}\"\n");
        grade_text(&pack, ex, "answer.toml", &answer).unwrap()
    };
    let restored = grade("restore-istiod");
    let strip = restored
        .timeline
        .clone()
        .expect("a timed drill has a strip");
    assert_eq!(strip.end, Time::hours(26));
    let events: Vec<(Time, &str)> = strip
        .events
        .iter()
        .map(|e| (e.at, e.kind.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            (Time(0), "control-plane-down"),
            (Time::hours(20), "control-plane-up")
        ]
    );
    let lane = |s: &meshlab::drill::strip::Strip, name: &str| {
        s.lanes.iter().find(|l| l.probe == name).unwrap().clone()
    };
    // frontend's or checkout's certificate runs out within the 20th hour; istiod back at 20 h
    // mends it at once.
    let cart = lane(&strip, "cart-at-20h");
    assert!(cart.held_at_start);
    let [broke, mended] = cart.changes.as_slice() else {
        panic!("{cart:?}");
    };
    assert!(!broke.held && (Time::hours(19)..Time::hours(20)).contains(&broke.at));
    assert_eq!(broke.at.0 % 60, 0, "to the minute");
    assert_eq!(
        *mended,
        Turn {
            at: Time::hours(20),
            held: true
        }
    );
    assert!(
        lane(&strip, "ledger-db-at-26h").changes.is_empty(),
        "plaintext needs no certificate"
    );
    // The rollout never starts a new pod: broken from then on.
    let restarted = grade("restart-workloads").timeline.unwrap();
    let cart = lane(&restarted, "cart-at-20h");
    assert_eq!(cart.changes.len(), 1, "{cart:?}");
    assert!(!cart.held_at(Time::hours(26)));
    assert_eq!(
        grade("restore-istiod").timeline,
        Some(strip),
        "deterministic"
    );
    // A diagnose drill without events has none.
    let steady = pack
        .exercise("dx-one-call-reset-on-a-troubled-node")
        .unwrap();
    let r = grade_text(
        &pack,
        steady,
        "answer.toml",
        "choice = \"cilium-agent-down\"\nfix = \"restore-agent\"\n",
    )
    .unwrap();
    assert!(r.timeline.is_none());
}

fn revision_events(events: &[(&str, &str)]) -> String {
    events
        .iter()
        .map(|(at, body)| format!("[[events]]\nat = \"{at}\"\n{body}\n\n"))
        .collect()
}

#[test]
fn a_pod_that_asks_for_a_revision_no_control_plane_runs_starts_without_a_sidecar() {
    let profile = |tl: &Timeline, h: i64| {
        let sim = tl.at(Time::hours(h));
        let p = sim.cluster.pod("shop", "payment").unwrap();
        (sim.cluster.mesh.pod_profile[p], sim.notes.join("\n"))
    };
    let tl = timeline(
        None,
        &revision_events(&[
            (
                "1h",
                "type = \"label-changed\"\nnamespace = \"shop\"\nkey = \"istio.io/rev\"\nvalue = \"canary\"",
            ),
            ("2h", "type = \"rolled-out\"\nworkload = \"shop/payment\""),
            ("3h", "type = \"revision-installed\"\nrevision = \"canary\""),
            ("4h", "type = \"rolled-out\"\nworkload = \"shop/payment\""),
        ]),
    );
    let (at2, notes) = profile(&tl, 2);
    assert_eq!(at2, Profile::None, "no injector answers for `canary` yet");
    assert!(
        notes.contains("revision `canary`, which no control plane runs"),
        "{notes}"
    );
    assert_eq!(
        profile(&tl, 3).0,
        Profile::None,
        "installing injects nothing running"
    );
    assert_eq!(
        profile(&tl, 4).0,
        Profile::IstioSidecar,
        "re-created once it runs"
    );
    // A revision the manifests already ask for is installed from the start.
    let tl = timeline(
        None,
        &revision_events(&[
            (
                "1h",
                "type = \"label-changed\"\nnamespace = \"shop\"\nkey = \"istio-injection\"\nvalue = \"enabled\"",
            ),
            ("2h", "type = \"rolled-out\"\nworkload = \"shop/payment\""),
        ]),
    );
    assert_eq!(profile(&tl, 2).0, Profile::IstioSidecar, "`default` runs");
}

#[test]
fn sidecars_of_an_uninstalled_revision_lose_their_certificates_within_a_day() {
    let removed = "type = \"revision-removed\"\nrevision = \"default\"";
    let tl = timeline(
        Some(Profile::IstioSidecar),
        &revision_events(&[("0", removed)]),
    );
    assert!(ok(&at(&tl, 0, "payment")));
    let broke: Vec<i64> = (0..=30).filter(|h| !ok(&at(&tl, *h, "payment"))).collect();
    let first = *broke.first().expect("certificates run out");
    assert!((1..=24).contains(&first), "first failure at {first}h");
    assert!(mentions(&at(&tl, 25, "payment"), "certificate expired"));
    assert!(
        tl.at(Time::hours(25))
            .notes
            .iter()
            .any(|n| n.contains("uninstalled since"))
    );
    // Moved to the new revision first, both ends keep renewing from it.
    let tl = timeline(
        Some(Profile::IstioSidecar),
        &revision_events(&[
            ("0", "type = \"revision-installed\"\nrevision = \"canary\""),
            (
                "0",
                "type = \"label-changed\"\nnamespace = \"shop\"\nkey = \"istio.io/rev\"\nvalue = \"canary\"",
            ),
            ("1h", "type = \"rolled-out\"\nworkload = \"shop/checkout\""),
            ("1h", "type = \"rolled-out\"\nworkload = \"shop/payment\""),
            ("2h", removed),
        ]),
    );
    assert!((0..=50).all(|h| ok(&at(&tl, h, "payment"))));
}

#[test]
fn revision_events_must_name_what_is_installed() {
    for (body, message) in [
        (
            "type = \"revision-removed\"\nrevision = \"canary\"",
            "no revision `canary` is installed",
        ),
        (
            "type = \"revision-installed\"\nrevision = \"default\"",
            "revision `default` is installed already",
        ),
    ] {
        let scenario = Scenario::parse(
            "t.toml",
            &format!("manifests = []\n{}", revision_events(&[("1h", body)])),
        )
        .unwrap();
        let e = Timeline::new(
            load_with(None, &[]).unwrap(),
            Vec::new(),
            scenario.events,
            None,
            BTreeSet::new(),
            |extra: &[String]| load_with(None, extra),
        )
        .unwrap_err();
        assert!(e.contains(message), "{e}");
    }
}
