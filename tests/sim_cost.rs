//! `meshlab sim cost` as a user runs it: the published figures with their sources and dates in
//! both languages, the lab's designs side by side, what a waypoint or an L7 rule adds, JSON, and
//! bad input. Expected numbers are worked out here from the figures (Istio 1.24: 0.20 vCPU and
//! 60 MB per sidecar, 0.06 vCPU and 12 MB per ztunnel, 0.25 vCPU and 60 MB per waypoint, per
//! 1,000 rps), not read back from the output.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn meshlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .output()
        .expect("meshlab runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = meshlab(&all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn design<'a>(r: &'a Value, mesh: &str) -> &'a Value {
    r["designs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["mesh"] == mesh)
        .unwrap_or_else(|| panic!("no design {mesh}"))
}

fn instance<'a>(d: &'a Value, component: &str, name: &str) -> &'a Value {
    d["instances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["component"] == component && i["name"] == name)
        .unwrap_or_else(|| panic!("no {component} {name} in {d:#}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn the_figures_are_shown_with_source_and_date_in_both_languages() {
    for (lang, heading, read) in [
        (
            "en",
            "Resource cost: lab-istio-sidecar",
            "(read 2026-12-07)",
        ),
        (
            "id",
            "Biaya sumber daya: lab-istio-sidecar",
            "(dibaca 2026-12-07)",
        ),
    ] {
        let out = meshlab(&["--lang", lang, "sim", "cost", "lab-istio-sidecar"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let s = text(&out.stdout);
        assert!(s.starts_with(heading), "{s}");
        for url in [
            "https://istio.io/latest/docs/ops/deployment/performance-and-scalability/",
            "https://linkerd.io/2021/11/29/linkerd-vs-istio-benchmarks-2021/",
            "https://docs.cilium.io/en/stable/operations/performance/scalability/report/",
        ] {
            assert!(s.contains(url), "{lang}: {url}\n{s}");
        }
        assert!(s.contains(read), "{lang}\n{s}");
        // Every figure: its id, its published number, the version it was measured on.
        for figure in [
            "envoy-sidecar",
            "ztunnel",
            "waypoint",
            "linkerd2-proxy",
            "cilium-agent",
            "cilium-envoy",
        ] {
            assert!(
                s.contains(&format!("  {figure} (")),
                "{lang}: {figure}\n{s}"
            );
        }
        assert!(s.contains("Istio 1.24"), "{s}");
    }
    let id = text(&meshlab(&["--lang", "id", "sim", "cost", "lab-istio-sidecar"]).stdout);
    for words in [
        "Desain A: Linkerd",
        "Desain B: Cilium",
        "Desain C: Istio ambient",
        "Apa yang berubah",
        "aturan L7 tidak menambah proxy",
        "Per workload:",
        "memori MB",
    ] {
        assert!(id.contains(words), "{words}\n{id}");
    }
}

/// At 1,000 rps per stream, the lab's five in-cluster streams cross two proxies each (the
/// client's and the server's; one node, so ztunnel handles both legs): sidecars 5 × 2 × 0.20,
/// Linkerd 5 × 2 × 0.107, ambient 5 × 2 × 0.06; Cilium without L7 rules only its agent's fixed
/// 0.003. Memory is per instance: six meshed pods (legacy opts out), one node.
#[test]
fn the_lab_designs_side_by_side() {
    let r = json(&["sim", "cost", "lab-istio-sidecar", "--rps", "1000"]);
    assert_eq!(r["rates"], "fixed");
    assert_eq!(r["design"]["streams"].as_array().unwrap().len(), 6);
    for (mesh, vcpu, memory) in [
        ("none", 0.0, 0.0),
        ("linkerd", 5.0 * 2.0 * 0.107, 6.0 * 26.3),
        ("cilium", 0.003, 459.3 + 60.0),
        ("istio-ambient", 5.0 * 2.0 * 0.06, 12.0),
        ("istio-sidecar", 5.0 * 2.0 * 0.20, 6.0 * 60.0),
    ] {
        let d = design(&r, mesh);
        assert!(close(f(&d["vcpu"]), vcpu), "{mesh}: {}", d["vcpu"]);
        assert!(
            close(f(&d["memory_mb"]), memory),
            "{mesh}: {}",
            d["memory_mb"]
        );
    }
    // This design is the scenario's own (sidecars), per workload and per node.
    let d = &r["design"];
    assert_eq!(d["mesh"], "istio-sidecar");
    // checkout receives one stream and sends two: three legs through its sidecar.
    let checkout = instance(d, "envoy-sidecar", "shop/checkout-0");
    assert!(close(f(&checkout["rps"]), 3000.0), "{checkout}");
    assert!(close(f(&checkout["vcpu"]), 0.6), "{checkout}");
    let node = &d["per_node"][0];
    assert_eq!(node["name"], "node-1");
    assert!(close(f(&node["memory_mb"]), 360.0));
}

#[test]
fn what_a_waypoint_or_an_l7_rule_adds() {
    // The scenario's own rates: 241 rps reach ambient pods in shop and ledger.
    let r = json(&["sim", "cost", "lab-istio-ambient"]);
    let waypoint = &r["what_if"][0];
    assert_eq!(waypoint["change"], "waypoint-per-namespace");
    assert_eq!(waypoint["added"], serde_json::json!(["ledger", "shop"]));
    assert!(close(f(&waypoint["rps"]), 241.0));
    assert!(close(f(&waypoint["vcpu"]), 0.241 * 0.25));
    assert!(close(f(&waypoint["memory_mb"]), 2.0 * 60.0));
    let l7 = &r["what_if"][1];
    assert_eq!(l7["change"], "cilium-l7-everywhere");
    assert!(close(f(&l7["vcpu"]), 0.241 * 0.25));
    assert!(close(f(&l7["memory_mb"]), 0.0));
}

/// A scenario of one's own: the lab with ledger's waypoint (ambient), and the lab with an L7
/// CiliumNetworkPolicy on ledger; payment → ledger at 1,000 rps.
#[test]
fn a_waypoint_and_the_node_envoy_are_charged_when_the_path_crosses_them() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/part-023/scenarios");
    let scenario = |name: &str, mesh: &str, extra: &str| {
        let path = dir.path().join(name);
        let body = format!(
            "mesh = \"{mesh}\"\nmanifests = [{:?}, {:?}]\n\n[[traffic]]\nfrom = \"deploy:shop/payment\"\nto = \"svc:ledger/ledger\"\nport = 8080\nmethod = \"POST\"\npath = \"/entries\"\nrps = 1000\n",
            scenarios.join("lab.yaml").display().to_string(),
            scenarios.join(extra).display().to_string(),
        );
        std::fs::write(&path, body).unwrap();
        path.display().to_string()
    };
    let ambient = json(&[
        "sim",
        "cost",
        &scenario("wp.toml", "istio-ambient", "dx-fix-ledger-waypoint.yaml"),
    ]);
    let d = &ambient["design"];
    let wp = instance(d, "waypoint", "ledger/waypoint");
    assert!(close(f(&wp["rps"]), 1000.0), "{wp}");
    assert!(close(f(&wp["vcpu"]), 0.25));
    assert!(close(f(&wp["memory_mb"]), 60.0));
    // Both legs on node-1's ztunnel, plus the waypoint.
    assert!(close(f(&d["vcpu"]), 2.0 * 0.06 + 0.25), "{}", d["vcpu"]);
    assert!(close(f(&d["memory_mb"]), 12.0 + 60.0));
    // Already through a waypoint: adding one per namespace adds nothing.
    assert!(close(f(&ambient["what_if"][0]["rps"]), 0.0));

    let cilium = json(&[
        "sim",
        "cost",
        &scenario("l7.toml", "cilium", "dx-ledger-cnp-l7.yaml"),
    ]);
    let d = &cilium["design"];
    let envoy = instance(d, "cilium-envoy", "node-1");
    assert!(close(f(&envoy["rps"]), 1000.0), "{envoy}");
    assert!(close(f(&d["vcpu"]), 0.003 + 0.25), "{}", d["vcpu"]);
}

/// Bare manifests send no traffic: every Service receives the rate from outside the cluster,
/// so each serving sidecar handles it once.
#[test]
fn bare_manifests_charge_the_serving_side() {
    let r = json(&["sim", "cost", "lab", "--rps", "500"]);
    assert_eq!(r["rates"], "inbound");
    assert_eq!(r["design"]["mesh"], Value::Null);
    let sidecar = design(&r, "istio-sidecar");
    let payment = instance(sidecar, "envoy-sidecar", "shop/payment-0");
    assert!(close(f(&payment["rps"]), 500.0), "{payment}");
    assert!(close(f(&payment["vcpu"]), 0.1));
    for i in sidecar["instances"].as_array().unwrap() {
        assert!(close(f(&i["vcpu"]), f(&i["rps"]) / 1000.0 * 0.20), "{i}");
        assert!(close(f(&i["memory_mb"]), 60.0), "{i}");
    }
}

#[test]
fn a_missing_scenario_is_bad_input() {
    let out = meshlab(&["sim", "cost", "no-such-scenario.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no-such-scenario"),
        "{}",
        text(&out.stderr)
    );
}
