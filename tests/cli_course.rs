//! The way through the course from a shell (issue 18, items 2 and 4): `meshlab next`,
//! `meshlab progress` listing what is due and when, `exercise show` ending with the answer
//! keys, `exercise start` writing the template, `meshlab hint` counted by the next grade.

use std::path::Path;
use std::process::{Command, Output};

struct Env {
    data: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            data: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_meshlab"))
            .args(args)
            .current_dir(self.work.path())
            .env("MESHLAB_DATA_DIR", self.data.path())
            .env("MESHLAB_CONFIG_DIR", "/nonexistent/meshlab-test-config")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.work.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    /// A progress file with one failed attempt at `drill`, `days` ago: its review is due.
    fn failed_days_ago(&self, drill: &str, days: i64) {
        let at = time::OffsetDateTime::now_utc() - time::Duration::days(days);
        let fmt = |t: time::OffsetDateTime| {
            t.format(&time::format_description::well_known::Rfc3339)
                .unwrap()
        };
        let file = format!(
            "version = 1\n\n[[attempt]]\nid = \"old-1\"\ndrill = \"{drill}\"\npack = \"part-023\"\n\
             started = \"{}\"\nfinished = \"{}\"\nscore = 10\npassed = false\nseconds = 300\n\
             skills = [\"authorization\"]\n",
            fmt(at - time::Duration::minutes(5)),
            fmt(at)
        );
        let path = self.write("old.toml", &file);
        self.ok(&["progress", "import", &path]);
    }
}

#[test]
fn next_starts_here_then_goes_on_then_brings_reviews_first() {
    let env = Env::new();
    let out = env.ok(&["next", "--lang", "en"]);
    assert!(
        out.starts_with("Start here: 1. Goals of This Part"),
        "{out}"
    );
    assert!(
        out.contains("Goals of This Part\n═"),
        "and the section itself: {out}"
    );
    // Section 1 read: the next one.
    std::fs::write(
        env.data.path().join("reading.toml"),
        "version = 1\nread = [\"01-goals\"]\n[last]\nlesson = \"01-goals\"\nheading = 0\nfraction = 0.0\n",
    )
    .unwrap();
    let out = env.ok(&["next"]);
    assert!(out.starts_with("Next, read: 2. Kaufman"), "{out}");
    // A review due comes first, shown ready to answer.
    env.failed_days_ago("ep-sanction-approval", 3);
    let out = env.ok(&["next"]);
    assert!(
        out.starts_with(
            "Next: 1 review due (the oldest since 2 days). The first: Approving a sanction"
        ),
        "{out}"
    );
    assert!(
        out.contains("choice = \"\""),
        "ends with the keys to write: {out}"
    );
    let out = env.ok(&["next", "--lang", "id"]);
    assert!(
        out.starts_with("Berikutnya: 1 ulangan jatuh tempo"),
        "{out}"
    );
}

#[test]
fn progress_lists_what_is_due_and_when() {
    let env = Env::new();
    env.failed_days_ago("ep-sanction-approval", 3);
    let out = env.ok(&["progress"]);
    assert!(out.contains("Due for review: 1\n"), "{out}");
    assert!(
        out.contains("  part-023/ep-sanction-approval  Approving a sanction: only the officer assigned to the case — due since 2 days"),
        "{out}"
    );
    // Graded again (a pass): no longer due, and its next review is listed with its time.
    env.write("a.toml", "choice = \"application\"\n");
    env.ok(&["grade", "ep-sanction-approval", "--answer", "a.toml"]);
    let out = env.ok(&["progress"]);
    assert!(out.contains("Due for review: 0\n"), "{out}");
    assert!(out.contains("Next review in "), "{out}");
    assert!(out.contains("— due in "), "{out}");
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["progress", "--json"])).unwrap();
    assert_eq!(json["reviews_upcoming"][0]["drill"], "ep-sanction-approval");
    assert!(
        json["reviews_upcoming"][0]["due"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
}

#[test]
fn show_ends_with_the_keys_and_start_writes_the_template() {
    let env = Env::new();
    let out = env.ok(&[
        "exercise",
        "show",
        "dx-one-caller-slips-past-the-route",
        "--lang",
        "en",
    ]);
    let tail = &out[out.find("Answering").expect("an answer section")..];
    assert!(tail.contains("choice = \"\""), "{tail}");
    assert!(tail.contains("fix = \"\""), "{tail}");
    assert!(
        tail.contains("meshlab exercise start dx-one-caller-slips-past-the-route"),
        "{tail}"
    );
    let out = env.ok(&["exercise", "show", "adopt-progressive-istio"]);
    assert!(out.contains("order = [\""), "{out}");
    let out = env.ok(&["exercise", "show", "retry-lesson-tries"]);
    assert!(out.contains("number = 0"), "{out}");

    let out = env.ok(&["exercise", "start", "dx-one-caller-slips-past-the-route"]);
    assert!(
        out.contains("Wrote dx-one-caller-slips-past-the-route.toml"),
        "{out}"
    );
    let template = std::fs::read_to_string(
        env.work
            .path()
            .join("dx-one-caller-slips-past-the-route.toml"),
    )
    .unwrap();
    assert!(
        template.contains("choice = \"\"  # \"ledger-app-bug\""),
        "{template}"
    );
    // A second start never overwrites the learner's file.
    std::fs::write(
        env.work
            .path()
            .join("dx-one-caller-slips-past-the-route.toml"),
        "mine",
    )
    .unwrap();
    let o = env.run(&["exercise", "start", "dx-one-caller-slips-past-the-route"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(
            env.work
                .path()
                .join("dx-one-caller-slips-past-the-route.toml")
        )
        .unwrap(),
        "mine"
    );
    // The filled template grades.
    std::fs::write(
        env.work
            .path()
            .join("dx-one-caller-slips-past-the-route.toml"),
        "choice = \"injection-drift\"\nfix = \"rollout-restart\"\n",
    )
    .unwrap();
    let out = env.ok(&[
        "grade",
        "dx-one-caller-slips-past-the-route",
        "--answer",
        "dx-one-caller-slips-past-the-route.toml",
    ]);
    assert!(out.contains("PASS"), "{out}");
    // An ADR drill's template is the ADR, in the learner's language.
    env.ok(&["exercise", "start", "adr-linkerd", "--lang", "id"]);
    let adr = std::fs::read_to_string(env.work.path().join("adr-linkerd.md")).unwrap();
    assert!(adr.starts_with("# ADR: Pemilihan Service Mesh"), "{adr}");
    assert!(Path::new(&env.work.path().join("adr-linkerd.md")).exists());
}

#[test]
fn hints_read_in_the_shell_count_in_the_next_grade() {
    let env = Env::new();
    let out = env.ok(&["hint", "dx-one-caller-slips-past-the-route"]);
    assert!(out.starts_with("Hint 1/3: "), "{out}");
    assert!(out.contains("1 hint read"), "{out}");
    let out = env.ok(&[
        "hint",
        "dx-one-caller-slips-past-the-route",
        "2",
        "--lang",
        "id",
    ]);
    assert!(
        out.contains("Petunjuk 1/3") && out.contains("Petunjuk 2/3"),
        "{out}"
    );
    let o = env.run(&["hint", "dx-one-caller-slips-past-the-route", "4"]);
    assert_eq!(o.status.code(), Some(2));
    env.write(
        "a.toml",
        "choice = \"injection-drift\"\nfix = \"rollout-restart\"\n",
    );
    env.ok(&[
        "grade",
        "dx-one-caller-slips-past-the-route",
        "--answer",
        "a.toml",
    ]);
    env.ok(&[
        "grade",
        "dx-one-caller-slips-past-the-route",
        "--answer",
        "a.toml",
    ]);
    let file = std::fs::read_to_string(env.data.path().join("progress.toml")).unwrap();
    let progress: toml::Value = toml::from_str(&file).unwrap();
    let mut hints: Vec<String> = progress["attempt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["hints"].to_string())
        .collect();
    hints.sort();
    assert_eq!(
        hints,
        ["[1, 2]", "[]"],
        "counted once, by the next grade: {file}"
    );
}
