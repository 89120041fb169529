//! Inputs past the limits are refused with a message naming the limit; inputs within them are
//! handled. The limits are documented in docs/RELIABILITY.md.

use std::process::{Command, Output};

use meshlab::content::catalog::MAX_LESSON_BYTES;
use meshlab::sim::load::{self, LoadOptions, Source};

fn meshlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .output()
        .unwrap()
}

fn content_dir_with(lesson: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part-001");
    for lang in ["id", "en"] {
        std::fs::create_dir_all(part.join(lang)).unwrap();
    }
    std::fs::write(
        part.join("part.toml"),
        "part = 1\n[title]\nid = \"a\"\nen = \"a\"\n",
    )
    .unwrap();
    std::fs::write(
        part.join("id/01-a.md"),
        "+++\nsection = 1\ntitle = \"A\"\n+++\n# 1. A\n",
    )
    .unwrap();
    std::fs::write(part.join("en/01-a.md"), lesson).unwrap();
    dir
}

#[test]
fn a_50_mb_lesson_is_refused_naming_the_limit() {
    let mut big = b"+++\nsection = 1\ntitle = \"A\"\n+++\n# 1. A\n\n".to_vec();
    big.resize(50 * 1024 * 1024, b'x');
    let dir = content_dir_with(&big);
    let o = meshlab(&[
        "--content-dir",
        dir.path().to_str().unwrap(),
        "lesson",
        "list",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("over the limit of {MAX_LESSON_BYTES}")),
        "{err}"
    );
}

#[test]
fn a_lesson_just_under_the_limit_renders() {
    let mut text = String::from("+++\nsection = 1\ntitle = \"A\"\n+++\n# 1. A\n\n");
    let para = "Linkerd, Cilium and Istio intercept traffic in different places. ";
    while text.len() + para.len() * 20 < MAX_LESSON_BYTES - 1024 {
        text.push_str(&para.repeat(20));
        text.push_str("\n\n");
    }
    let dir = content_dir_with(text.as_bytes());
    let o = meshlab(&[
        "--content-dir",
        dir.path().to_str().unwrap(),
        "lesson",
        "show",
        "1",
        "--lang",
        "en",
        "--width",
        "100",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.len() > MAX_LESSON_BYTES / 2);
}

#[test]
fn deep_nesting_is_refused_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("a.toml");
    std::fs::write(
        &answer,
        format!("choice = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    let o = meshlab(&[
        "grade",
        "ep-sanction-approval",
        "--answer",
        answer.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a.toml:1:"));

    let yaml = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = load::load(
        &[Source {
            name: "deep.yaml".into(),
            bytes: yaml.into_bytes(),
        }],
        &LoadOptions::default(),
    )
    .unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("deep.yaml", 5));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let err = load::load(
        &[Source {
            name: "bomb.yaml".into(),
            bytes: yaml.into_bytes(),
        }],
        &LoadOptions::default(),
    );
    assert!(err.is_err(), "an alias bomb must not expand");
}

#[test]
fn ten_thousand_workloads_load_and_answer() {
    let mut yaml = String::new();
    for n in 0..100 {
        yaml.push_str(&format!(
            "apiVersion: v1\nkind: Namespace\nmetadata: {{name: ns{n}}}\n---\n"
        ));
        for w in 0..100 {
            yaml.push_str(&format!(
                "apiVersion: v1\nkind: Pod\nmetadata: {{name: w{w}, namespace: ns{n}, labels: {{app: w{w}}}}}\n\
                 spec: {{containers: [{{name: app, image: x, ports: [{{containerPort: 8080}}]}}]}}\n---\n"
            ));
        }
    }
    let cluster = load::load(
        &[Source {
            name: "big.yaml".into(),
            bytes: yaml.into_bytes(),
        }],
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(cluster.pods.len(), 10_000);
    let probe = meshlab::sim::eval::probe::Probe {
        from: "ns0/w0".into(),
        to: "ns99/w99".into(),
        port: Some(8080),
        count: 1,
        ..Default::default()
    };
    let r = meshlab::sim::eval::probe::run(&cluster, &probe).unwrap();
    assert!(meshlab::sim::scenario::faulty::served(&r));
}

/// `count` Services spread over namespaces of 100, as one multi-document file.
fn services(count: usize) -> Source {
    let mut yaml = String::with_capacity(count * 160);
    for i in 0..count {
        if i % 100 == 0 {
            yaml.push_str(&format!(
                "apiVersion: v1\nkind: Namespace\nmetadata: {{name: ns{}}}\n---\n",
                i / 100
            ));
        }
        yaml.push_str(&format!(
            "apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}, namespace: ns{}}}\n\
             spec: {{selector: {{app: s{i}}}, ports: [{{port: 80}}]}}\n---\n",
            i / 100
        ));
    }
    Source {
        name: "huge.yaml".into(),
        bytes: yaml.into_bytes(),
    }
}

#[test]
fn a_manifest_of_100_000_objects_is_refused_naming_the_limit() {
    let err = load::load(&[services(100_000)], &LoadOptions::default()).unwrap_err();
    assert!(err.message.contains("MAX_YAML_NODES"), "{err}");
    assert_eq!(err.file, "huge.yaml");
}

#[test]
fn a_manifest_of_30_000_objects_loads() {
    let cluster = load::load(&[services(30_000)], &LoadOptions::default()).unwrap();
    assert_eq!(cluster.services.len(), 30_000);
}
