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
