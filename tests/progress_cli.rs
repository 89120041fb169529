//! `meshlab progress …` through the real binary, with the data directory in a temp dir.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/progress/one-attempt.toml";

fn meshlab(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .env("MESHLAB_DATA_DIR", data)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent/meshlab-test-config")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(data: &Path) -> Value {
    let o = meshlab(data, &["progress", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn skill<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == id)
        .unwrap()
}

#[test]
fn empty_progress_shows_all_ten_skills_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let en = meshlab(dir.path(), &["progress"]);
    assert_eq!(en.status.code(), Some(0));
    let text = stdout(&en);
    assert!(text.contains("Practice: 0.0 of 20 hours (0%)"), "{text}");
    assert!(text.contains("Due for review: 0"));
    assert!(text.contains("Traffic interception"));
    assert!(text.contains("Portability"));
    let id = stdout(&meshlab(dir.path(), &["--lang", "id", "progress"]));
    assert!(id.contains("Jam latihan: 0.0 dari 20 jam"), "{id}");
    assert!(id.contains("Intersepsi lalu lintas"));

    let v = json(dir.path());
    assert_eq!(v["attempts"], 0);
    assert_eq!(v["skills"].as_array().unwrap().len(), 10);
    assert_eq!(v["practice"]["goal_seconds"], 72000);
    assert!(
        !dir.path().join("progress.toml").exists(),
        "showing writes nothing"
    );
}

#[test]
fn import_merges_once_and_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let o = meshlab(dir.path(), &["progress", "import", FIXTURE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 new attempts, 0 already present"));
    let o = meshlab(dir.path(), &["progress", "import", FIXTURE]);
    assert!(stdout(&o).contains("0 new attempts, 1 already present"));

    let v = json(dir.path());
    assert_eq!(v["attempts"], 1);
    assert_eq!(skill(&v, "routing")["attempts"], 1);
    assert_eq!(skill(&v, "routing")["accuracy_percent"], 100);
    assert_eq!(skill(&v, "routing")["seconds"], 300);
    assert_eq!(skill(&v, "portability")["attempts"], 0);
    assert_eq!(v["practice"]["seconds"], 300);
    // The fixture's attempt is from 2026-11-20; its first review is long due by now.
    assert_eq!(v["due"], serde_json::json!(["ep-1"]));

    let out = dir.path().join("export.toml");
    let o = meshlab(dir.path(), &["progress", "export", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Exported 1 attempt to"));
    let other = tempfile::tempdir().unwrap();
    let o = meshlab(other.path(), &["progress", "import", out.to_str().unwrap()]);
    assert!(stdout(&o).contains("1 new attempts"), "{}", stderr(&o));
    assert_eq!(json(other.path())["skills"], v["skills"]);
}

#[test]
fn bad_import_files_are_located_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    meshlab(dir.path(), &["progress", "import", FIXTURE]);
    let before = fs::read(dir.path().join("progress.toml")).unwrap();
    let good = fs::read_to_string(FIXTURE).unwrap();
    let cases: [(&str, String, &str); 6] = [
        (
            "score.toml",
            good.replace("score = 90", "score = 101"),
            ":9:9: ",
        ),
        (
            "seconds.toml",
            good.replace("seconds = 300", "seconds = 9999999"),
            ":12:11: seconds 9999999 is above the limit of 7200",
        ),
        (
            "skill.toml",
            good.replace("\"identity\"]", "\"juggling\"]"),
            ":13:22: ",
        ),
        (
            "time.toml",
            good.replace("10:05:00Z", "25:05:00Z"),
            ":8:12: ",
        ),
        (
            "future.toml",
            good.replace("version = 1", "version = 99"),
            ":1:1: ",
        ),
        (
            "syntax.toml",
            good.replace("passed = true", "passed = "),
            ":10:10: ",
        ),
    ];
    for (name, text, at) in cases {
        let path = dir.path().join(name);
        fs::write(&path, &text).unwrap();
        let o = meshlab(dir.path(), &["progress", "import", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("{}{at}", path.display())),
            "{name}: {err}"
        );
    }
    // meshlab's own rules speak the learner's language.
    let path = dir.path().join("score.toml");
    let o = meshlab(
        dir.path(),
        &["--lang", "id", "progress", "import", path.to_str().unwrap()],
    );
    assert!(
        stderr(&o).ends_with(":9:9: skor 101 melebihi 100\n"),
        "{}",
        stderr(&o)
    );
    let bin = dir.path().join("bin.toml");
    fs::write(&bin, b"version = 1\n\xff").unwrap();
    let o = meshlab(dir.path(), &["progress", "import", bin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bin.toml:2:1: invalid UTF-8"),
        "{}",
        stderr(&o)
    );
    let o = meshlab(dir.path(), &["progress", "import", "/no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(dir.path().join("progress.toml")).unwrap(), before);
}

#[test]
fn reset_removes_by_drill_pack_or_all_and_says_what() {
    let dir = tempfile::tempdir().unwrap();
    let good = fs::read_to_string(FIXTURE).unwrap();
    let second = good
        .replace("id = \"x1\"", "id = \"x2\"")
        .replace("drill = \"ep-1\"", "drill = \"ep-2\"");
    let third = good
        .replace("id = \"x1\"", "id = \"x3\"")
        .replace("drill = \"ep-1\"", "drill = \"extra-1\"")
        .replace("pack = \"part-023\"", "pack = \"extra\"");
    for (i, text) in [&good, &second, &third].into_iter().enumerate() {
        let p = dir.path().join(format!("{i}.toml"));
        fs::write(&p, text).unwrap();
        meshlab(dir.path(), &["progress", "import", p.to_str().unwrap()]);
    }
    assert_eq!(json(dir.path())["attempts"], 3);

    let o = meshlab(dir.path(), &["progress", "reset", "--drill", "ep-2"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "Removed 1 attempt of 1 drill:\n  ep-2  1\n");
    let o = meshlab(
        dir.path(),
        &["--lang", "id", "progress", "reset", "--pack", "extra"],
    );
    assert_eq!(
        stdout(&o),
        "Dihapus 1 percobaan dari 1 latihan:\n  extra-1  1\n"
    );
    let o = meshlab(dir.path(), &["progress", "reset", "--pack", "extra"]);
    assert_eq!(stdout(&o), "No matching attempts; nothing removed.\n");
    assert_eq!(json(dir.path())["attempts"], 1);

    // A backup restores what a reset removed, once.
    let backup = dir.path().join("1.toml");
    let o = meshlab(
        dir.path(),
        &["progress", "import", backup.to_str().unwrap()],
    );
    assert!(stdout(&o).contains("1 new attempts"), "{}", stdout(&o));
    let o = meshlab(
        dir.path(),
        &["progress", "import", backup.to_str().unwrap()],
    );
    assert!(stdout(&o).contains("0 new attempts"), "{}", stdout(&o));
    let o = meshlab(dir.path(), &["progress", "reset", "--drill", "ep-2"]);
    assert_eq!(stdout(&o), "Removed 1 attempt of 1 drill:\n  ep-2  1\n");

    let o = meshlab(dir.path(), &["progress", "reset", "--all"]);
    assert_eq!(stdout(&o), "Removed 1 attempt of 1 drill:\n  ep-1  1\n");
    assert_eq!(json(dir.path())["attempts"], 0);

    for bad in [
        &["progress", "reset"][..],
        &["progress", "reset", "--all", "--drill", "x"],
    ] {
        assert_eq!(meshlab(dir.path(), bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn corrupt_progress_is_kept_aside_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("progress.toml");
    fs::write(&file, "version = 1\n[[attempt]\n").unwrap();
    let o = meshlab(dir.path(), &["progress"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("could not be read (line 2"), "{err}");
    assert!(err.contains("progress.toml.unreadable-1"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("progress.toml.unreadable-1")).unwrap(),
        "version = 1\n[[attempt]\n"
    );
    let o = meshlab(dir.path(), &["--lang", "id", "progress"]);
    assert!(stderr(&o).is_empty(), "reported once: the file is gone now");
}

#[test]
fn unwritable_data_dir_is_a_clear_failure() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("data");
    fs::write(&blocked, "not a directory").unwrap();
    let o = meshlab(&blocked, &["progress", "import", FIXTURE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Progress not saved to"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&blocked).unwrap(), "not a directory");
}

/// Runs `script` with `sh` in a private mount namespace, so the tmpfs it mounts disappears with
/// it. Needs root and util-linux `unshare`; `None` (test skipped, said on stderr) elsewhere.
fn in_private_mount(script: &str, dir: &Path, big: &Path) -> Option<String> {
    let o = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", script])
        .env("D", dir)
        .env("BIN", env!("CARGO_BIN_EXE_meshlab"))
        .env("FIX", FIXTURE)
        .env("BIG", big)
        .env("MESHLAB_DATA_DIR", dir)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent/meshlab-test-config")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .ok()?;
    let text = format!("{}{}", stdout(&o), stderr(&o));
    if text.contains("SKIP") || !o.status.success() {
        eprintln!("skipped: no private tmpfs mount here ({text})");
        return None;
    }
    Some(text)
}

/// A file of `n` attempts with 1 KiB answers, made from the fixture.
fn many_attempts(dir: &Path, n: usize) -> std::path::PathBuf {
    let good = fs::read_to_string(FIXTURE).unwrap();
    let one = &good[good.find("[[attempt]]").unwrap()..];
    let mut text = String::from("version = 1\n\n");
    for i in 0..n {
        text += &one
            .replace("id = \"x1\"", &format!("id = \"big{i}\""))
            .replace("\"waypoint\"", &format!("\"{}\"", "w".repeat(1024)));
    }
    let path = dir.join("big.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn full_disk_fails_clearly_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let big = many_attempts(dir.path(), 200);
    let script = r#"mount -t tmpfs -o size=64k tmpfs "$D" || { echo SKIP; exit 0; }
        "$BIN" progress import "$FIX"; echo "rc1=$?"
        head -c 40000 /dev/zero > "$D/filler"
        "$BIN" progress import "$BIG"; echo "rc2=$?"
        "$BIN" progress --json | grep '^  "attempts"'
        echo "tmp=$(ls -a "$D" | grep -c '\.tmp$')"; true"#;
    let Some(out) = in_private_mount(script, &data, &big) else {
        return;
    };
    assert!(out.contains("rc1=0"), "{out}");
    assert!(out.contains("rc2=1"), "{out}");
    assert!(
        out.contains("Progress not saved to") && out.contains("No space left"),
        "{out}"
    );
    assert!(
        out.contains("\"attempts\": 1,"),
        "the old file is intact: {out}"
    );
    assert!(out.contains("tmp=0"), "no temp file left: {out}");
}

#[test]
fn read_only_data_dir_fails_clearly_and_still_shows_progress() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let script = r#"mount -t tmpfs -o size=1m tmpfs "$D" || { echo SKIP; exit 0; }
        "$BIN" progress import "$FIX"; echo "rc1=$?"
        mount -o remount,ro "$D" || { echo SKIP; exit 0; }
        "$BIN" progress reset --all; echo "rc2=$?"
        "$BIN" progress --json | grep '^  "attempts"'; true"#;
    let Some(out) = in_private_mount(script, &data, Path::new("-")) else {
        return;
    };
    assert!(out.contains("rc1=0"), "{out}");
    assert!(out.contains("rc2=1"), "{out}");
    assert!(out.contains("Read-only file system"), "{out}");
    assert!(out.contains("\"attempts\": 1,"), "{out}");
}
