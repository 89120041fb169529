//! ADR drills on the real binary: `meshlab grade adr-… --answer ADR.md` exits 0 for the
//! reference ADR, 1 for a known-wrong one, 2 with `file:line:column` for a malformed one.

use std::path::Path;
use std::process::{Command, Output};

fn meshlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .output()
        .expect("meshlab runs")
}

fn answer(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("exercises/part-023/answers")
        .join(name)
        .display()
        .to_string()
}

fn grade(id: &str, file: &str, lang: &str) -> Output {
    meshlab(&["grade", id, "--answer", file, "--lang", lang])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_reference_adr_passes_and_reports_every_requirement() {
    let o = grade("adr-linkerd", &answer("adr-linkerd.md"), "en");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let s = stdout(&o);
    assert!(s.contains("PASS, grade 100/100"), "{s}");
    assert!(s.contains("Requirements (simulated, 12/12 held)"), "{s}");
    assert!(s.contains("✓ frontend-ledger-denied"), "{s}");
    assert!(
        s.contains("grade = 70 (requirements, of 70) + 30 (rubric, of 30)"),
        "{s}"
    );
}

#[test]
fn a_wrong_adr_fails_with_exit_1_naming_what_broke() {
    let o = grade("adr-linkerd", &answer("adr-linkerd-permissive.md"), "id");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let s = stdout(&o);
    assert!(s.contains("GAGAL, nilai 45/100"), "{s}");
    assert!(s.contains("✗ frontend-ledger-denied"), "{s}");
    assert!(s.contains("✗ plaintext-refused"), "{s}");
    assert!(s.contains("bagian tidak ada"), "{s}");
}

#[test]
fn cilium_reference_passes_with_its_documented_misses() {
    let o = grade("adr-cilium", &answer("adr-cilium.md"), "en");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let s = stdout(&o);
    assert!(s.contains("grade 88/100"), "{s}");
    assert!(s.contains("✗ encrypted-checkout-fraud"), "{s}");
    assert!(s.contains("WireGuard encrypts between nodes only"), "{s}");
}

#[test]
fn json_and_junit_carry_the_requirements() {
    let o = meshlab(&[
        "grade",
        "adr-istio-ambient",
        "--answer",
        &answer("adr-istio-ambient-l4-only.md"),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reqs = v["detail"]["adr"]["requirements"].as_array().unwrap();
    let canary = reqs
        .iter()
        .find(|r| r["name"] == "canary-payment-v2-10")
        .unwrap();
    assert_eq!(canary["held"], false);
    assert!(
        v["detail"]["adr"]["manifests"]
            .as_str()
            .unwrap()
            .contains("HTTPRoute")
    );
    let o = meshlab(&[
        "grade",
        "adr-istio-ambient",
        "--answer",
        &answer("adr-istio-ambient.md"),
        "--format",
        "junit",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("tests=\"12\" failures=\"0\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_malformed_adr_is_a_located_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("adr.md");
    std::fs::write(
        &bad,
        "# ADR\n\n## Decision\n\n```toml\nmesh = \"linkerd\"\nscope = [\"shop\"]\nmtls = \"sometimes\"\n```\n",
    )
    .unwrap();
    let o = grade("adr-linkerd", bad.to_str().unwrap(), "en");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("adr.md:8:8:"), "{err}");
    // A name the scenario does not have points at its value.
    std::fs::write(
        &bad,
        "## Decision\n```toml\nmesh = \"linkerd\"\nscope = [\"shop\"]\n\n[[allow]]\nfrom = \"shop/checkout\"\nto = \"shop/paymnet\"\n```\n",
    )
    .unwrap();
    let o = grade("adr-linkerd", bad.to_str().unwrap(), "en");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("adr.md:8:6: no Service `shop/paymnet`"),
        "{err}"
    );
    // No decision block at all.
    std::fs::write(&bad, "# ADR\n## Context\nSomething.\n").unwrap();
    let o = grade("adr-linkerd", bad.to_str().unwrap(), "en");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("adr.md:1:1:"));
}

#[test]
fn show_lists_the_requirements_and_the_rubric_before_writing() {
    let o = meshlab(&["exercise", "show", "adr-istio-ambient", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("Requirements (checked by the simulator)"), "{s}");
    assert!(s.contains("Canary payment v2 at 10%"), "{s}");
    assert!(
        s.contains("Alternatives mention all four meshes (4 points)"),
        "{s}"
    );
}
