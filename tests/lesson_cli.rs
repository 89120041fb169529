//! `meshlab lesson list|show`, `--help`, `--version` and `--content-dir` on the real binary.

use std::process::{Command, Output};

fn meshlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("meshlab runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The lines of the fenced code blocks of a lesson's Markdown.
fn code_lines(markdown: &str) -> Vec<&str> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        // Code inside a note is quoted.
        let line = line.strip_prefix("> ").unwrap_or(line);
        if line.starts_with("```") {
            inside = !inside;
        } else if inside {
            out.push(line);
        }
    }
    out
}

#[test]
fn list_shows_every_section_in_the_chosen_language() {
    let en = out(&meshlab(&["lesson", "list", "--lang", "en"]));
    let id = out(&meshlab(&["lesson", "list", "--lang", "id"]));
    assert_eq!(en.lines().count(), 20);
    assert!(en.contains("Linkerd: A Deliberately Simple Mesh"), "{en}");
    assert!(id.contains("Linkerd: Mesh yang Sengaja Sederhana"), "{id}");
    assert!(id.contains("Referensi") && en.contains("References"));
}

#[test]
fn show_prints_plain_text_within_the_width_when_piped() {
    let o = meshlab(&["lesson", "show", "7", "--width", "60", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(
        !text.contains('\x1b'),
        "no escape codes when not a terminal"
    );
    assert!(text.contains("7.1 Comparison Matrix"));
    // Prose and tables fit; a code line wider than the width is kept whole (no `›` clipping),
    // so it can be copied from the pipe.
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/lessons/part-023/en/07-comparison.md"
    ))
    .unwrap();
    let code = code_lines(&source);
    assert!(
        code.iter().any(|c| c.len() > 58),
        "the test needs a code line wider than 60"
    );
    // A code block inside a note carries the note's bar.
    let body = |line: &str| line.strip_prefix("▌ ").unwrap_or(line).to_owned();
    for line in text.lines() {
        let is_code = code
            .iter()
            .any(|c| body(line) == format!("  {c}").trim_end());
        assert!(
            is_code || unicode_width::UnicodeWidthStr::width(line) <= 60,
            "{line}"
        );
    }
    for c in code.iter().filter(|c| !c.trim().is_empty()) {
        assert!(
            text.lines().any(|l| body(l) == format!("  {c}").trim_end()),
            "{c:?} whole"
        );
    }
    // The same section by slug and by file stem.
    assert_eq!(
        text,
        out(&meshlab(&[
            "lesson",
            "show",
            "comparison",
            "--width",
            "60",
            "--lang",
            "en"
        ]))
    );
    assert_eq!(
        text,
        out(&meshlab(&[
            "lesson",
            "show",
            "07-comparison",
            "--width",
            "60",
            "--lang",
            "en"
        ]))
    );
}

#[test]
fn lang_comes_from_the_environment_when_no_flag_is_given() {
    let o = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(["lesson", "show", "1", "--width", "80"])
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("LANG", "id_ID.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out(&o).contains("Tujuan Part Ini"));
    // Without LANG or a flag: English.
    assert!(out(&meshlab(&["lesson", "show", "1"])).contains("Goals of This Part"));
}

#[test]
fn unknown_section_is_exit_2_and_lists_the_valid_ones() {
    let o = meshlab(&["lesson", "show", "99", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("Unknown section: “99”"), "{e}");
    assert!(
        e.contains("05-linkerd") && e.contains("20-references"),
        "{e}"
    );
}

#[test]
fn help_and_version_in_both_languages() {
    let o = meshlab(&["--help", "--lang", "id"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("Pemakaian:") && out(&o).contains("Perintah:"));
    let o = meshlab(&["--help", "--lang", "en"]);
    assert!(out(&o).contains("Usage:") && out(&o).contains("Print help"));
    let o = meshlab(&["--version"]);
    assert_eq!(
        out(&o).trim(),
        format!("meshlab {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        meshlab(&["--lang", "fr", "lesson", "list"]).status.code(),
        Some(2)
    );
}

#[test]
fn content_dir_errors_point_at_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part-001");
    std::fs::create_dir_all(part.join("id")).unwrap();
    std::fs::create_dir_all(part.join("en")).unwrap();
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
    std::fs::write(
        part.join("en/01-a.md"),
        "+++\nsection = 1\ntitle = \"A\n+++\n# 1. A\n",
    )
    .unwrap();
    let o = meshlab(&[
        "--content-dir",
        dir.path().to_str().unwrap(),
        "lesson",
        "list",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("part-001/en/01-a.md:3:"), "{}", err(&o));

    std::fs::write(
        part.join("en/01-a.md"),
        "+++\nsection = 1\ntitle = \"A\"\n+++\n# 1. A\n\nfrom disk\n",
    )
    .unwrap();
    let o = meshlab(&[
        "--content-dir",
        dir.path().to_str().unwrap(),
        "lesson",
        "show",
        "1",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("from disk"));
}

#[test]
fn the_reader_refuses_to_start_without_a_terminal() {
    let o = meshlab(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("terminal"));
}
