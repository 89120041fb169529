//! The command-line defects a first-time learner hit (issue 18, item 6), each through the real
//! binary with its data and config directories in temp dirs.

use std::path::Path;
use std::process::{Command, Output};

struct Env {
    data: tempfile::TempDir,
    config: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            data: tempfile::tempdir().unwrap(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
    }

    fn run_in(&self, dir: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_meshlab"))
            .args(args)
            .current_dir(dir)
            .env("MESHLAB_DATA_DIR", self.data.path())
            .env("MESHLAB_CONFIG_DIR", self.config.path())
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap()
    }

    fn config(&self, text: &str) {
        std::fs::write(self.config.path().join("config.toml"), text).unwrap();
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn an_unquoted_lang_is_said_in_words_and_stops_nothing() {
    let env = Env::new();
    env.config("lang = id\n");
    let o = env.run(&["--lang", "en", "lesson", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Goals of This Part"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("config.toml:1:8: lang must be quoted: lang = \"id\""),
        "{err}"
    );
    assert!(!err.contains("invalid float"), "{err}");
    // Without --lang too: the command runs, the problem is said in the environment's language.
    let o = env.run(&["exercise", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("lang must be quoted"), "{}", stderr(&o));
    let o = env.run(&["--lang", "id", "progress"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("lang harus diberi tanda kutip: lang = \"id\""));
    // A language meshlab does not speak is named.
    env.config("lang = \"fr\"  # French\n");
    let o = env.run(&["lesson", "list"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("config.toml:1:8: lang must be \"id\" or \"en\", not \"fr\""),
        "{}",
        stderr(&o)
    );
    // A good config still works, and says nothing.
    env.config("lang = \"id\"\n");
    let o = env.run(&["lesson", "list"]);
    assert!(stdout(&o).contains("Tujuan"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn practice_time_has_units_and_counts_agree_with_their_nouns() {
    let env = Env::new();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress/one-attempt.toml");
    let fixture = fixture.to_str().unwrap();
    let o = env.run(&["progress", "import", fixture]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = env.run(&["progress"]);
    let out = stdout(&o);
    let attempt = std::fs::read_to_string(fixture).unwrap();
    let seconds: u64 = attempt
        .lines()
        .find_map(|l| l.strip_prefix("seconds = "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap();
    let spent = meshlab::i18n::duration_text(seconds, meshlab::i18n::Lang::En);
    assert!(spent.contains(" s") || spent.contains(" min"), "{spent}");
    assert!(
        out.contains(&spent),
        "the skill table writes {spent}: {out}"
    );
    assert!(!out.contains("0:0"), "no bare clock times: {out}");
    assert!(
        out.contains("Streak: 1 day") || out.contains("Streak: 0 days"),
        "{out}"
    );
    assert!(!out.contains("1 days"), "{out}");
}

#[test]
fn a_missing_file_has_no_line_and_column() {
    let env = Env::new();
    for args in [
        &["grade", "ep-sanction-approval", "--answer", "nope.toml"][..],
        &["--content-dir", "nope-dir", "lesson", "list"][..],
    ] {
        let o = env.run_in(env.data.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("nope"), "{err}");
        assert!(!err.contains(":1:1:"), "{args:?}: {err}");
    }
}

#[test]
fn authoring_flags_are_listed_only_where_they_matter() {
    let env = Env::new();
    let top = stdout(&env.run(&["--help", "--lang", "en"]));
    assert!(
        top.contains("--content-dir") && top.contains("--pack-dir"),
        "{top}"
    );
    for cmd in [
        &["sim", "--help"][..],
        &["sim", "probe", "--help"][..],
        &["progress", "--help"][..],
        &["pack", "build", "--help"][..],
        &["exercise", "list", "--help"][..],
        &["grade", "--help"][..],
        &["lesson", "show", "--help"][..],
    ] {
        let o = env.run(cmd);
        assert_eq!(o.status.code(), Some(0), "{cmd:?}");
        let help = stdout(&o);
        assert!(
            !help.contains("--content-dir") && !help.contains("--pack-dir"),
            "{cmd:?}:\n{help}"
        );
        assert!(help.contains("--lang"), "--lang stays everywhere: {cmd:?}");
    }
    // Before the command they still choose the content and the pack.
    let mini = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini");
    let o = env.run(&["--pack-dir", mini.to_str().unwrap(), "exercise", "list"]);
    assert!(stdout(&o).contains("business-permission"), "{}", stdout(&o));
}

#[test]
fn completions_and_a_man_page_come_from_the_command_definitions() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "complete -F _meshlab"),
        ("zsh", "#compdef meshlab"),
        ("fish", "complete -c meshlab"),
    ] {
        let o = env.run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["exercise", "progress", "sim", "lang", "completions"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let o = env.run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2), "an unknown shell is bad input");

    let o = env.run(&["man", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(
        page.starts_with(".ie") || page.contains(".TH meshlab 1"),
        "{page}"
    );
    assert!(page.contains(".TH meshlab 1"), "{page}");
    assert!(page.contains("terminal learning lab"), "{page}");
    assert!(
        page.contains("progress") && page.contains("completions"),
        "{page}"
    );
    let page = stdout(&env.run(&["man", "--lang", "id"]));
    assert!(
        page.contains("Lab belajar"),
        "the page speaks Indonesian too: {page}"
    );
}
