//! `meshlab grade` on the built-in mesh-selection, adoption-order and audit drills: exit codes
//! 0 / 1 / 2 and the reports that say what the simulator found.

use std::process::{Command, Output};

/// Grades in English unless `extra` names a language.
fn grade(id: &str, answer: &str, extra: &[&str]) -> Output {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), answer).unwrap();
    let mut args = vec!["grade", id, "--answer", f.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    if !extra.contains(&"--lang") {
        args.extend(["--lang", "en"]);
    }
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(&args)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .output()
        .expect("meshlab runs")
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn mesh_selection_prints_the_score_table() {
    let o = grade("sel-platform-sidecarless", "choice = \"cilium\"\n", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let s = out(&o);
    assert!(s.contains("PASS, grade 100/100"), "{s}");
    assert!(s.contains("top score 10 (cilium)"), "{s}");
    assert!(s.contains("nothing records the drop"), "{s}");

    let o = grade(
        "sel-platform-sidecarless",
        "choice = \"istio-ambient\"\n",
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("grade 50/100"), "{}", out(&o));

    let o = grade(
        "sel-regulated-l7",
        "choice = \"cilium\"\n",
        &["--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["detail"]["selection"]["top"], 8);
    assert_eq!(v["detail"]["selection"]["meshes"][2], "istio-sidecar");
}

#[test]
fn adoption_order_names_the_step_and_probe_of_the_outage() {
    let lesson = "order = [\"observe\", \"permissive\", \"inventory\", \"strict\", \"authz\", \"l7\", \"multi-cluster\"]\n";
    let o = grade("adopt-progressive-istio", lesson, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("7 of 7 steps without an outage"),
        "{}",
        out(&o)
    );

    let day_one = "order = [\"observe\", \"strict\", \"authz\", \"l7\", \"multi-cluster\", \"permissive\", \"inventory\"]\n";
    let o = grade("adopt-progressive-istio", day_one, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let s = out(&o);
    assert!(s.contains("✗ step 2: Strict mTLS"), "{s}");
    assert!(s.contains("outage: legacy-batch-pays (reset)"), "{s}");

    let o = grade("adopt-progressive-istio", "order = [\"observe\"]\n", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("exactly once"), "{}", out(&o));
}

#[test]
fn audit_grades_each_part_from_the_simulated_request() {
    let reference = "verdict = \"denied\"\nidentity = \"spiffe://cluster.local/ns/shop/sa/checkout\"\nevidence = \"envoy-rbac-log\"\n";
    let o = grade("audit-payment-approve", reference, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("decided at istio-proxy inbound shop/payment-0"),
        "{}",
        out(&o)
    );

    let wrong = "verdict = \"allowed\"\nidentity = \"none\"\nevidence = \"none\"\n";
    let o = grade("audit-payment-approve", wrong, &["--lang", "id"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("nilai 0/100"), "{}", out(&o));

    // An evidence source meshlab does not know is bad input, with its location.
    let o = grade("audit-payment-approve", "evidence = \"syslog\"\n", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains(":1:"), "{}", out(&o));
}

#[test]
fn the_audited_request_is_traffic_the_investigation_tools_show() {
    let o = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args([
            "exercise",
            "inspect",
            "audit-ledger-hubble",
            "hubble",
            "observe",
        ])
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let flows = out(&o);
    assert!(
        flows.lines().any(|l| l.contains("web/frontend-0:")
            && l.contains("-> ledger/ledger-0:8080")
            && l.contains("Policy denied DROPPED")),
        "{flows}"
    );
}

/// A cost drill passes within its tolerance around `sim cost`'s figure, fails outside it with
/// the model's arithmetic and the feedback for that number, in both languages; no number is
/// bad input.
#[test]
fn cost_is_graded_within_a_tolerance_against_the_model() {
    // Sidecars 5 streams × 2 × 200 m = 2000 m; ztunnel 5 × 2 legs × 60 m = 600 m.
    for (number, code) in [
        ("1400", 0),
        ("1300", 0),
        ("1540", 0),
        ("1541", 1),
        ("700", 1),
    ] {
        let o = grade("cost-sidecar-tax-cpu", &format!("number = {number}\n"), &[]);
        assert_eq!(o.status.code(), Some(code), "{number}: {}", out(&o));
    }
    let o = grade("cost-sidecar-tax-cpu", "number = 700\n", &[]);
    let s = out(&o);
    assert!(s.contains("FAIL, grade 0/100"), "{s}");
    assert!(
        s.contains("The model's figure: 1400 m (accepted 1260–1540 m)"),
        "{s}"
    );
    assert!(s.contains("envoy-sidecar × 6: 2000.0"), "{s}");
    assert!(s.contains("ztunnel × 1: 600.0"), "{s}");
    assert!(
        s.contains("meshlab sim cost lab-istio-sidecar --rps 1000"),
        "{s}"
    );
    assert!(s.contains("You counted one proxy per request"), "{s}");
    let o = grade("cost-sidecar-tax-cpu", "number = 700\n", &["--lang", "id"]);
    let s = out(&o);
    assert!(
        s.contains("Angka model: 1400 m (diterima 1260–1540 m)"),
        "{s}"
    );
    assert!(s.contains("Anda menghitung satu proxy per request"), "{s}");

    let o = grade("cost-sidecar-tax-cpu", "choice = \"x\"\n", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(
        out(&o).contains("the answer names no `number`"),
        "{}",
        out(&o)
    );
}
