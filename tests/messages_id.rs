//! Every message of meshlab's own in Indonesian: the error paths and reports run with `--lang id`
//! on the real binary — clap's errors and every `--help`, TOML and YAML parse errors, grading
//! errors, pack checks, `sim probe` and `sim run` text, `lesson show` errors, the glossary, a
//! pack drill without its Indonesian text — and no line of their output may be an English
//! sentence of meshlab's. What stays English is what is not meshlab's sentence: a parser's own
//! words (inside `(parser TOML: …)`), quoted input, identifiers, and simulated tools' output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn meshlab(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .current_dir(dir)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", dir.join("data"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .expect("meshlab runs")
}

/// Words that mark an English sentence; none of them is Indonesian, and none is a term the
/// glossary keeps in English.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "was",
    "were",
    "be",
    "not",
    "no",
    "of",
    "to",
    "for",
    "with",
    "must",
    "cannot",
    "found",
    "expected",
    "unknown",
    "such",
    "try",
    "value",
    "values",
    "argument",
    "arguments",
    "required",
    "provided",
    "unexpected",
    "invalid",
    "possible",
    "usage",
    "error",
    "options",
    "information",
    "exists",
    "similar",
    "has",
    "have",
    "only",
    "which",
    "this",
    "that",
    "from",
    "by",
    "or",
    "and",
    "in",
    "on",
    "at",
    "an",
    "more",
    "did",
    "mean",
    "print",
    "help",
    "default",
    "denied",
    "allowed",
    "tries",
    "connected",
    "encrypted",
    "file",
    "files",
    "section",
    "unsupported",
    "supported",
    "missing",
    "answer",
    "names",
    "problem",
    "problems",
    "lessons",
    "terms",
    "term",
    "matches",
    "while",
    "read",
    "reading",
];

/// The English words of meshlab's own in `line`: after the parser's words, quoted input,
/// placeholders and identifiers are set aside.
fn english(line: &str) -> Vec<String> {
    let mut text = line.to_string();
    for marker in ["(parser TOML:", "(parser YAML:"] {
        if let Some(at) = text.find(marker) {
            text.truncate(at);
        }
    }
    for (open, close) in [
        ('`', '`'),
        ('\'', '\''),
        ('"', '"'),
        ('“', '”'),
        ('<', '>'),
        ('[', ']'),
    ] {
        let mut out = String::new();
        let mut inside = false;
        for c in text.chars() {
            if !inside && c == open {
                inside = true;
            } else if inside && c == close {
                inside = false;
                out.push(' ');
            } else if !inside {
                out.push(c);
            }
        }
        text = out;
    }
    text.split_whitespace()
        // Identifiers, paths, flags, numbers: `deploy:x/y`, `--width`, `lab-linkerd`, `1:10:`.
        .filter(|w| {
            !w.contains(|c: char| "/-_.=:@".contains(c) || c.is_ascii_digit())
                || w.trim_end_matches([':', ',', '.', ';', '?'])
                    .chars()
                    .all(char::is_alphabetic)
        })
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// Fails with every English line of the outputs, named by the command that printed it.
fn assert_indonesian(found: &[(String, String)]) {
    let english: Vec<String> = found
        .iter()
        .flat_map(|(cmd, text)| {
            text.lines().filter_map(move |l| {
                let words = english(l);
                (!words.is_empty()).then(|| format!("meshlab {cmd}\n    {l}\n    {words:?}"))
            })
        })
        .collect();
    assert!(
        english.is_empty(),
        "English sentences of meshlab's own with --lang id:\n{}",
        english.join("\n")
    );
}

fn run(args: &[&str], dir: &Path) -> (String, String, Option<i32>) {
    let mut all = vec!["--lang", "id"];
    all.extend_from_slice(args);
    let o = meshlab(&all, dir);
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code(),
    )
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("bad.toml", "choice = \n");
    write("unknown-choice.toml", "choice = \"nope\"\n");
    write("empty.toml", "");
    write("cause-only.toml", "choice = \"cert-expired\"\n");
    write(
        "bad.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  bad: [\n",
    );
    write(
        "unsupported.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  weird: 1\n",
    );
    write(
        "unmodeled.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  sessionAffinity: ClientIP\n",
    );
    write(
        "wrong-type.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: http\n",
    );
    std::fs::create_dir(dir.path().join("no-lessons")).unwrap();
    dir
}

#[test]
fn errors_and_reports_speak_indonesian() {
    let dir = scratch();
    let d = dir.path();
    let broken = root().join("tests/fixtures/packs/broken");
    let broken = broken.to_str().unwrap();
    let scripts: &[&[&str]] = &[
        // clap's own texts.
        &["lesson", "shw"],
        &["lesson", "show", "5", "--width", "abc"],
        &["lesson", "show", "5", "--width", "0"],
        &["--lang", "en", "lesson", "list"],
        &[
            "sim", "probe", "lab", "--mesh", "foo", "--from", "a", "--to", "b",
        ],
        &["lesson", "show"],
        &["progress", "--bogus"],
        &["grade", "x", "--format", "yaml"],
        &["lesson"],
        &["glossary", "a", "b"],
        &["lesson", "list", "--width", "3"],
        // Files that cannot be read, grading that cannot start.
        &["grade", "ep-sanction-approval", "--answer", "bad.toml"],
        &["grade", "ep-sanction-approval", "--answer", "empty.toml"],
        &[
            "grade",
            "ep-sanction-approval",
            "--answer",
            "unknown-choice.toml",
        ],
        &[
            "grade",
            "dx-503s-and-an-empty-app-log",
            "--answer",
            "cause-only.toml",
        ],
        &[
            "sim", "probe", "bad.yaml", "--from", "1.2.3.4", "--to", "5.6.7.8",
        ],
        &[
            "sim",
            "probe",
            "lab",
            "--mesh",
            "linkerd",
            "--from",
            "deploy:x/y",
            "--to",
            "svc:shop/payment",
        ],
        &[
            "sim",
            "probe",
            "lab",
            "--mesh",
            "linkerd",
            "--from",
            "deploy:shop/checkout",
            "--to",
            "svc:x",
        ],
        &["sim", "run", "no-such-scenario"],
        &["pack", "validate", broken],
        &["lesson", "show", "99"],
        &["--content-dir", "no-lessons", "lesson", "list"],
        &["glossary", "zzz"],
    ];
    let mut found = Vec::new();
    for args in scripts {
        let (out, err, code) = run(args, d);
        assert_ne!(code, Some(0), "{args:?} is an error path:\n{out}{err}");
        assert!(!err.trim().is_empty(), "{args:?} says why on stderr");
        found.push((args.join(" "), format!("{out}{err}")));
    }
    // Reports: the verdict line of a probe, the headings of a run (its tables imitate kubectl
    // and Hubble, which stay English as the real tools are).
    let (out, _, _) = run(
        &[
            "sim",
            "probe",
            "lab",
            "--mesh",
            "linkerd",
            "--from",
            "deploy:legacy/batch-job",
            "--to",
            "svc:shop/payment",
            "--port",
            "8080",
        ],
        d,
    );
    found.push((
        "sim probe lab".into(),
        out.lines().next().unwrap_or_default().to_string(),
    ));
    // Objects the API server would refuse, and fields meshlab does not model: the probe runs,
    // and the lines that say so are meshlab's (the API's own reason stays as written).
    for file in ["unsupported.yaml", "wrong-type.yaml", "unmodeled.yaml"] {
        let (out, _, code) = run(
            &["sim", "probe", file, "--from", "1.2.3.4", "--to", "5.6.7.8"],
            d,
        );
        assert_eq!(code, Some(0), "{file}: {out}");
        let said: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with(file))
            .map(|l| l.split(": spec.").next().unwrap_or(l))
            .collect();
        assert!(!said.is_empty(), "{file}: {out}");
        found.push((format!("sim probe {file}"), said.join("\n")));
    }
    let (out, _, _) = run(&["sim", "run", "lab-istio-ambient", "--requests", "5"], d);
    let headings: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("  ") || l.contains("SUKSES"))
        .collect();
    assert!(headings.len() >= 6, "{out}");
    found.push(("sim run lab-istio-ambient".into(), headings.join("\n")));
    assert_indonesian(&found);
}

/// Every command's `--help`, found by walking the tree from `meshlab --help`.
#[test]
fn every_help_page_speaks_indonesian() {
    let dir = scratch();
    let mut queue: Vec<Vec<String>> = vec![vec![]];
    let mut found = Vec::new();
    while let Some(cmd) = queue.pop() {
        let mut args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        args.push("--help");
        let (out, err, code) = run(&args, dir.path());
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(
            out.contains("Pemakaian:") && out.contains("Opsi:"),
            "{args:?}:\n{out}"
        );
        // Subcommands are listed under "Perintah:" until the next blank line.
        for name in out
            .lines()
            .skip_while(|l| *l != "Perintah:")
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next())
        {
            let mut sub = cmd.clone();
            sub.push(name.to_string());
            queue.push(sub);
        }
        found.push((args.join(" "), out));
    }
    assert!(found.len() > 20, "the command tree: {} pages", found.len());
    assert_indonesian(&found);
}

/// A pack drill whose Indonesian text is missing shows the English text, marked.
#[test]
fn a_drill_without_indonesian_shows_english_marked() {
    let dir = scratch();
    let pack = dir.path().join("pack");
    copy(&root().join("tests/fixtures/packs/mini"), &pack);
    let file = pack.join("exercises/checkout-blocked.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace(
        "title = { id = \"Checkout tidak sampai ke payments\",",
        "title = { id = \"\",",
    );
    std::fs::write(&file, text).unwrap();
    let (out, err, code) = run(
        &[
            "exercise",
            "show",
            "checkout-blocked",
            "--pack",
            pack.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("(belum diterjemahkan) Checkout cannot reach payments"),
        "{out}"
    );
    // The pack check says so too.
    let (_, err, _) = run(&["pack", "validate", pack.to_str().unwrap()], dir.path());
    assert!(err.contains("checkout-blocked.toml"), "{err}");
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path: PathBuf = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The check finds English where there is some, and passes Indonesian with English terms,
/// identifiers and a parser's words.
#[test]
fn the_check_tells_english_from_indonesian() {
    assert_eq!(
        english("error: unexpected argument '--x' found"),
        ["error", "unexpected", "argument", "found"]
    );
    assert_eq!(
        english("a.toml: the answer names no `fix`"),
        ["the", "answer", "names", "no"]
    );
    assert!(english("galat: argumen '--x' tidak dikenal").is_empty());
    assert!(
        english("a.toml:1:10: TOML tidak bisa dibaca (parser TOML: string values must be quoted)")
            .is_empty()
    );
    assert!(english("Pemakaian: meshlab lesson show [OPSI] <BAGIAN>").is_empty());
    assert!(
        english("DIIZINKAN deploy:a/b -> svc:c/d: HTTP 200, backend c/d (pod c/d-0), 1 percobaan")
            .is_empty()
    );
}

/// The same paths in English are caught by the check: it is not blind to real output.
#[test]
fn the_english_outputs_would_fail_the_check() {
    let dir = scratch();
    for args in [
        &["lesson", "shw"][..],
        &[
            "grade",
            "ep-sanction-approval",
            "--answer",
            "unknown-choice.toml",
        ],
        &[
            "grade",
            "dx-503s-and-an-empty-app-log",
            "--answer",
            "cause-only.toml",
        ],
        &[
            "sim", "probe", "bad.yaml", "--from", "1.2.3.4", "--to", "5.6.7.8",
        ],
        &["lesson", "show", "--help"],
    ] {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        let o = meshlab(&all, dir.path());
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            text.lines().any(|l| !english(l).is_empty()),
            "{args:?} in English passes the check:\n{text}"
        );
    }
}

/// Every sentence the grader and the simulator's probe resolution write has an Indonesian
/// entry: the `GradeError` and `ProbeError` texts in the source, each filled with sample
/// values, come out translated. A new error without an entry fails here, named.
#[test]
fn every_grading_and_probe_error_has_an_indonesian_entry() {
    use meshlab::i18n::{Lang, messages};
    let mut sources = Vec::new();
    collect_rs(&root().join("src/drill"), &mut sources);
    sources.push(root().join("src/sim/eval/refs.rs"));
    let mut templates = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).unwrap();
        // In sim/refs.rs `err("…")` builds a ProbeError; elsewhere `err` names a field.
        let refs = path.ends_with("refs.rs");
        for opener in [
            "GradeError(format!(",
            "GradeError(\"",
            "err(\"",
            "ProbeError(\"",
        ] {
            if opener == "err(\"" && !refs {
                continue;
            }
            for (at, _) in text.match_indices(opener) {
                let rest = &text[at + opener.len()..];
                let Some(start) = rest.find('"') else {
                    continue;
                };
                // `GradeError("…"`: the literal starts right away; `format!(` may wrap a line.
                let rest = if opener.ends_with('"') {
                    rest
                } else {
                    &rest[start + 1..]
                };
                let Some(end) = rest.find('"') else { continue };
                templates.push((path.display().to_string(), rest[..end].to_string()));
            }
        }
    }
    assert!(templates.len() > 25, "{templates:?}");
    let mut missing = Vec::new();
    for (file, template) in templates {
        // `{}`, `{e}`, `{path}` … filled with a sample value.
        let mut sample = String::new();
        let mut inside = false;
        for c in template.chars() {
            match c {
                '{' => inside = true,
                '}' if inside => {
                    inside = false;
                    sample.push_str("x1");
                }
                _ if inside => {}
                c => sample.push(c),
            }
        }
        // `probe `x1`: x1` only labels a sentence of its own.
        if sample.ends_with(": x1") || sample == "x1" {
            continue;
        }
        if messages::localize(&sample, Lang::Id) == sample {
            missing.push(format!("{file}: {template}"));
        }
    }
    assert!(
        missing.is_empty(),
        "no entry in assets/i18n/messages.toml for:\n{}",
        missing.join("\n")
    );
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
