//! Manifest drills in the shell, on the real binary and the built-in pack: `meshlab exercise
//! start` writes the starter skeleton, `meshlab grade ID --answer FILE.yaml` loads the learner's
//! manifests on top of the drill's scenario and reports what holds, what broke, the collateral
//! damage and the loader's words at `line:column` of the learner's file; in both languages.

use std::path::Path;
use std::process::{Command, Output};

const DRILL: &str = "mf-netpol-namespace-isolation";

fn meshlab(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .current_dir(dir)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", dir.join("data"))
        .output()
        .expect("meshlab runs")
}

fn reference(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("exercises/part-023/answers")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Grades `text` written to `answer.yaml` in a fresh folder, in `lang`.
fn grade(id: &str, text: &str, lang: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answer.yaml"), text).unwrap();
    let o = meshlab(
        dir.path(),
        &["--lang", lang, "grade", id, "--answer", "answer.yaml"],
    );
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn start_writes_the_starter_skeleton_and_grading_it_unchanged_fails() {
    let dir = tempfile::tempdir().unwrap();
    let o = meshlab(dir.path(), &["--lang", "en", "exercise", "start", DRILL]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let file = dir.path().join(format!("{DRILL}.yaml"));
    let skeleton = std::fs::read_to_string(&file).unwrap();
    assert!(
        skeleton.starts_with("# Write the NetworkPolicy"),
        "{skeleton}"
    );
    assert!(
        skeleton.contains(&format!("meshlab grade {DRILL} --answer {DRILL}.yaml")),
        "{skeleton}"
    );
    assert!(skeleton.contains("kind: NetworkPolicy"), "{skeleton}");
    // Never over a file that is there.
    let again = meshlab(dir.path(), &["exercise", "start", DRILL]);
    assert_eq!(again.status.code(), Some(2));
    // The skeleton is a deny-all of `ledger`: it meets the goals by breaking the guards.
    let graded = meshlab(
        dir.path(),
        &[
            "--lang",
            "en",
            "grade",
            DRILL,
            "--answer",
            &format!("{DRILL}.yaml"),
        ],
    );
    let out = String::from_utf8_lossy(&graded.stdout);
    assert_eq!(graded.status.code(), Some(1), "{out}");
    assert!(out.contains("grade 0/100"), "{out}");
    let id = meshlab(
        dir.path(),
        &["--lang", "id", "exercise", "start", "mf-cilium-fqdn"],
    );
    assert_eq!(id.status.code(), Some(0));
    let skeleton = std::fs::read_to_string(dir.path().join("mf-cilium-fqdn.yaml")).unwrap();
    assert!(skeleton.starts_with("# Tulis `toFQDNs`"), "{skeleton}");
}

#[test]
fn the_right_answer_passes_in_both_languages() {
    let text = reference(&format!("{DRILL}.yaml"));
    let (code, out, err) = grade(DRILL, &text, "en");
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("PASS, grade 100/100"), "{out}");
    assert!(out.contains("Requirement: 2 of 2 checks"), "{out}");
    assert!(out.contains("No collateral damage"), "{out}");
    let (code, out, _) = grade(DRILL, &text, "id");
    assert_eq!(code, Some(0));
    assert!(out.contains("LULUS, nilai 100/100"), "{out}");
    assert!(out.contains("Tidak ada kerusakan ikutan"), "{out}");
}

/// A wrong answer: the goals still fail, nothing else broke, partial credit per goal met.
#[test]
fn a_wrong_answer_gets_partial_credit_per_probe() {
    let text = reference("mf-istio-authz-l7-who-only.yaml");
    let (code, out, _) = grade("mf-istio-authz-l7", &text, "en");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("FAIL, grade 50/100"), "{out}");
    assert!(out.contains("Requirement: 1 of 2 checks"), "{out}");
    assert!(
        out.contains("✗ payment-deletes-entry: expected denied, got allowed"),
        "{out}"
    );
    assert!(out.contains("Feedback: A `DELETE` from `payment`"), "{out}");
    let (_, out, _) = grade("mf-istio-authz-l7", &text, "id");
    assert!(out.contains("GAGAL, nilai 50/100"), "{out}");
    assert!(
        out.contains("Umpan balik: `DELETE` dari `payment`"),
        "{out}"
    );
}

/// Collateral damage: the goals hold, but probes that held before the answer broke; each
/// broken guard costs a goal, and the report names them and what they get now.
#[test]
fn collateral_damage_is_named_and_costs_credit() {
    let deny_all = reference(&format!("{DRILL}-deny-all.yaml"));
    let (code, out, _) = grade(DRILL, &deny_all, "en");
    assert_eq!(code, Some(1));
    assert!(out.contains("grade 0/100"), "{out}");
    assert!(
        out.contains(
            "Collateral damage (held before, broken now): payment-to-ledger, ledger-to-db"
        ),
        "{out}"
    );
    let shop_only = reference(&format!("{DRILL}-shop-only.yaml"));
    let (_, out, _) = grade(DRILL, &shop_only, "en");
    assert!(out.contains("grade 50/100"), "{out}");
    assert!(
        out.contains("collateral damage: held before this answer; now"),
        "{out}"
    );
    let (_, out, _) = grade(
        "mf-netpol-egress-dns",
        &reference("mf-netpol-egress-dns-no-dns.yaml"),
        "id",
    );
    assert!(
        out.contains("kerusakan ikutan: terpenuhi sebelum jawaban ini; sekarang dns-failure"),
        "{out}"
    );
}

/// A file the loader cannot read is not a grade: exit 2 and `answer.yaml:LINE:COLUMN`.
#[test]
fn a_yaml_error_points_into_the_learners_file() {
    let bad = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: [ledger\n";
    let (code, out, err) = grade(DRILL, bad, "en");
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("answer.yaml:5:"), "{err}");
    assert!(err.contains("cannot read the YAML"), "{err}");
    let (code, _, err) = grade(DRILL, bad, "id");
    assert_eq!(code, Some(2));
    assert!(err.contains("answer.yaml:5:"), "{err}");
    assert!(err.contains("YAML tidak bisa dibaca"), "{err}");
}

/// An object the API server would refuse is graded (it takes no effect), and the report says
/// why at its place in the learner's file.
#[test]
fn a_rejected_object_is_named_with_its_place() {
    let typo = reference(&format!("{DRILL}.yaml")).replace("  podSelector: {}", "  podSelectr: {}");
    let (code, out, _) = grade(DRILL, &typo, "en");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("answer.yaml:7:3: rejected: NetworkPolicy ledger/ledger-isolation"),
        "{out}"
    );
    assert!(out.contains("Requirement: 0 of 2 checks"), "{out}");
    let (_, out, _) = grade(DRILL, &typo, "id");
    assert!(out.contains("answer.yaml:7:3: ditolak:"), "{out}");
}

/// What the loader accepts but does not model is said at its place in the learner's file,
/// while the scenario's own warnings stay the drill's business.
#[test]
fn loader_warnings_name_the_learners_line() {
    // A CORS policy on the route: Istio reads it, meshlab does not model it.
    let text = reference("mf-vs-retry-post.yaml").replace(
        "      retries:",
        "      corsPolicy:\n        allowOrigins:\n          - exact: https://shop.example\n      retries:",
    );
    let (code, out, _) = grade("mf-vs-retry-post", &text, "en");
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("answer.yaml:16:9: warning: VirtualService shop/payment-retries"),
        "{out}"
    );
    assert!(!out.contains("mf-payment-retry-all.yaml"), "{out}");
    let (_, out, _) = grade("mf-vs-retry-post", &text, "id");
    assert!(out.contains("answer.yaml:16:9: peringatan:"), "{out}");
}

#[test]
fn json_reports_say_what_held_before() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        reference(&format!("{DRILL}-shop-only.yaml")),
    )
    .unwrap();
    let o = meshlab(
        dir.path(),
        &["grade", DRILL, "--answer", "a.yaml", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = &v["detail"]["manifest"];
    assert_eq!(m["goals"], 2);
    assert_eq!(m["goals_met"], 2);
    assert_eq!(m["collateral"], serde_json::json!(["ledger-to-db"]));
    assert_eq!(
        m["held_before"],
        serde_json::json!([false, false, true, true, true])
    );
    assert_eq!(
        m["objects"],
        serde_json::json!(["NetworkPolicy ledger/ledger-isolation"])
    );
}
