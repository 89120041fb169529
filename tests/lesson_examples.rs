//! Every `meshlab` command the lessons show runs with the binary alone (built-in content), and
//! the simulator's answers are the ones the notes describe.

use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// `meshlab …` commands in the bash blocks of every lesson file, continuations joined.
fn lesson_commands() -> Vec<(String, Vec<String>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/part-023/en");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut in_bash = false;
        let mut block = String::new();
        for ev in Parser::new_ext(&text, Options::all()) {
            match ev {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                    in_bash = &*lang == "bash";
                    block.clear();
                }
                Event::Text(t) if in_bash => block.push_str(&t),
                Event::End(TagEnd::CodeBlock) if in_bash => {
                    in_bash = false;
                    for line in block.replace("\\\n", " ").lines() {
                        if let Some(args) = line.trim().strip_prefix("meshlab ") {
                            let name = path.file_name().unwrap().to_string_lossy().into_owned();
                            out.push((name, args.split_whitespace().map(String::from).collect()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn first_line(args: &[String]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .args(["--lang", "en"])
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "meshlab {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_example_runs_from_any_directory() {
    let commands = lesson_commands();
    assert!(commands.len() >= 10, "found {} examples", commands.len());
    for (file, args) in &commands {
        let line = first_line(args);
        assert!(
            !line.is_empty(),
            "{file}: meshlab {} printed nothing",
            args.join(" ")
        );
    }
}

#[test]
fn the_notes_describe_what_the_simulator_answers() {
    let answers: Vec<(String, String)> = lesson_commands()
        .into_iter()
        .filter(|(_, a)| a.first().is_some_and(|c| c == "sim"))
        .map(|(file, args)| (file, first_line(&args)))
        .collect();
    let find = |file: &str, nth: usize| {
        answers
            .iter()
            .filter(|(f, _)| f.starts_with(file))
            .nth(nth)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    // Section 5: Linkerd accepts plaintext from the unmeshed client, mTLS between meshed pods.
    assert!(find("05", 0).starts_with("ALLOWED") && find("05", 0).ends_with("plaintext"));
    assert!(find("05", 1).ends_with("encrypted"));
    // Section 6: Cilium does not encrypt by default; a CNI drop times out.
    assert!(find("06", 0).ends_with("plaintext"));
    assert!(find("06", 1).contains("timed out"));
    // Section 7: PERMISSIVE lets plaintext in, STRICT resets it; ambient without a waypoint
    // turns an L7 ALLOW into deny-all, the sidecar enforces it as written.
    assert!(find("07", 0).starts_with("ALLOWED"));
    assert!(find("07", 1).contains("connection reset"));
    assert!(find("07", 2).contains("connection reset"));
    assert!(find("07", 3).contains("HTTP 200"));
    // Section 9: one refusal, three shapes.
    assert!(find("09", 0).contains("timed out"));
    assert!(find("09", 1).contains("HTTP 403"));
    assert!(find("09", 2).contains("connection reset"));
}
