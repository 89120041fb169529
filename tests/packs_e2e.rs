//! Authoring end to end on the real binary: pack new → edit → validate → build → install →
//! two learners answer in the CLI → submit → the instructor grades the class.

use std::path::Path;
use std::process::{Command, Output};

fn meshlab(data: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .args(["--lang", "en"])
        .current_dir(cwd)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", data)
        .output()
        .expect("meshlab runs")
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn author_build_install_answer_submit_grade() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let teacher = w.join("teacher");

    let schema: serde_json::Value =
        serde_json::from_str(&ok(&meshlab(&teacher, w, &["pack", "schema"]))).unwrap();
    assert_eq!(schema["title"], "PackManifest");

    // A fresh scaffold validates as it is, and takes the folder's name as its id.
    ok(&meshlab(&teacher, w, &["pack", "new", "course"]));
    assert!(ok(&meshlab(&teacher, w, &["pack", "validate", "course"])).contains("3 exercises"));
    let manifest = std::fs::read_to_string(w.join("course/pack.toml")).unwrap();
    assert!(manifest.contains("id = \"course\"") && manifest.contains("# "));
    // `pack new` refuses to write over a folder with files in it.
    assert_eq!(
        meshlab(&teacher, w, &["pack", "new", "course"])
            .status
            .code(),
        Some(2)
    );

    // Edit: a third gateway retry makes 3 × 4 × 4 = 48; the old check no longer holds …
    let retry = w.join("course/exercises/retry-layers.toml");
    edit(
        &retry,
        "counts = \"retries\"\nvalue = 2",
        "counts = \"retries\"\nvalue = 3",
    );
    let o = meshlab(&teacher, w, &["pack", "validate", "course"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("retry-layers"), "{}", err(&o));
    // … until the instructor updates it. An empty translation is a warning only.
    edit(
        &retry,
        "answer = { number = 36 }",
        "answer = { number = 48 }",
    );
    edit(&retry, "id = \"Retry berlapis\"", "id = \"\"");
    let o = meshlab(&teacher, w, &["pack", "validate", "course"]);
    ok(&o);
    assert!(
        err(&o).contains("warning: exercises/retry-layers.toml:")
            && err(&o).contains("missing `id` translation: title"),
        "{}",
        err(&o)
    );

    // Two builds: the learners' archive has no answer key, the instructor's keeps it.
    let built = ok(&meshlab(
        &teacher,
        w,
        &["pack", "build", "course", "-o", "course.tar.gz"],
    ));
    assert!(
        built.contains("for learners") && built.contains("checksum"),
        "{built}"
    );
    let key = ok(&meshlab(
        &teacher,
        w,
        &[
            "pack",
            "build",
            "course",
            "--instructor",
            "-o",
            "course-key.tar.gz",
        ],
    ));
    assert!(key.contains("answer key included"), "{key}");
    let learners = meshlab::drill::archive::read(&w.join("course.tar.gz")).unwrap();
    let instructor = meshlab::drill::archive::read(&w.join("course-key.tar.gz")).unwrap();
    for (path, bytes) in &learners {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("[[checks]]") && !text.contains("checks ="),
            "{path}"
        );
    }
    assert!(
        instructor
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("[[checks]]"))
    );
    for archive in ["course.tar.gz", "course-key.tar.gz"] {
        ok(&meshlab(&teacher, w, &["pack", "validate", archive]));
    }

    let mut subs = Vec::new();
    for (learner, choice, number) in [("ana", "application", 48), ("budi", "cni", 36)] {
        let data = w.join(learner);
        ok(&meshlab(&data, w, &["pack", "install", "course.tar.gz"]));
        assert!(data.join("packs/course/pack.toml").is_file());
        let listed = ok(&meshlab(&data, w, &["pack", "list"]));
        assert!(
            listed.contains("course") && listed.contains("part-023"),
            "{listed}"
        );
        // The installed id works wherever a pack is named, `--pack-dir` (the TUI's) included.
        let drills = ok(&meshlab(
            &data,
            w,
            &["--pack-dir", "course", "exercise", "list"],
        ));
        assert!(drills.contains("retry-layers"), "{drills}");
        // The pack's own lessons are read beside the built-in course.
        let lessons = ok(&meshlab(
            &data,
            w,
            &["--pack-dir", "course", "lesson", "list"],
        ));
        assert!(
            lessons.contains("01-retry-budget") && lessons.contains("20-references"),
            "{lessons}"
        );

        let a1 = w.join(format!("{learner}-1.toml"));
        std::fs::write(&a1, format!("choice = \"{choice}\"\n")).unwrap();
        let a2 = w.join(format!("{learner}-2.toml"));
        std::fs::write(&a2, format!("number = {number}\n")).unwrap();
        for (id, file) in [("business-permission", &a1), ("retry-layers", &a2)] {
            let args = [
                "grade",
                id,
                "--pack",
                "course",
                "--answer",
                file.to_str().unwrap(),
            ];
            let o = meshlab(&data, w, &args);
            assert!(matches!(o.status.code(), Some(0 | 1)), "{}", err(&o));
        }
        let out = format!("subs/{learner}.json");
        let o = meshlab(
            &data,
            w,
            &[
                "submit",
                "--pack",
                "course",
                "-o",
                &out,
                "--learner",
                learner,
            ],
        );
        assert!(ok(&o).contains("2 answers"));
        subs.push(out);
    }

    // The learners' archive cannot grade a class; the instructor's (same pack, same
    // submissions) can.
    let mut args = [
        "grade",
        "--pack",
        "course.tar.gz",
        "--submissions",
        "subs",
        "--format",
        "json",
    ];
    let o = meshlab(&teacher, w, &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("learners' archive"), "{}", err(&o));
    args[2] = "course-key.tar.gz";
    let v: serde_json::Value = serde_json::from_str(&ok(&meshlab(&teacher, w, &args))).unwrap();
    assert_eq!(v["version"], 3);
    assert_eq!(v["status"], "fail");
    let tests = v["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 6, "2 learners × 3 exercises");
    let status = |name: &str| {
        tests
            .iter()
            .find(|t| t["name"] == name)
            .map(|t| t["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("ana / business-permission").as_deref(), Some("pass"));
    assert_eq!(status("ana / retry-layers").as_deref(), Some("pass"));
    assert_eq!(
        status("budi / business-permission").as_deref(),
        Some("fail")
    );
    assert_eq!(status("budi / checkout-blocked").as_deref(), Some("fail"));
    assert_eq!(v["most_missed"][0]["exercise"], "business-permission");
    assert_eq!(v["most_missed"][0]["answer"], "choice = \"cni\"");
    let skills = v["skills"].as_array().unwrap();
    assert!(skills.iter().any(|s| s["name"] == "authorization"));

    for (format, needle) in [
        (
            "junit",
            "<testsuite name=\"ana\" tests=\"3\" failures=\"1\">",
        ),
        (
            "csv",
            "learner,file,submitted,late,hints,points,max_points,business-permission,checkout-blocked,retry-layers\n",
        ),
        ("csv", ",no,0,0,300,0,0,0\n"),
        ("markdown", "| ana | 66 | 200/300 | 2/3 | 0 |  |"),
    ] {
        let out = format!("report.{format}");
        let args = [
            "grade",
            "--pack",
            "course",
            "--submissions",
            "subs",
            "--format",
            format,
            "-o",
            &out,
            "--feedback",
            "feedback",
        ];
        ok(&meshlab(&teacher, w, &args));
        let text = std::fs::read_to_string(w.join(&out)).unwrap();
        assert!(text.contains(needle), "{format}: {text}");
    }
    // A feedback file per learner: what broke and which lesson to read.
    let budi = std::fs::read_to_string(w.join("feedback/budi.md")).unwrap();
    assert!(
        budi.contains("Points: 0/300") && budi.contains("meshlab lesson show"),
        "{budi}"
    );

    // Removing the pack from a learner's machine.
    let ana = w.join("ana");
    ok(&meshlab(&ana, w, &["pack", "remove", "course"]));
    assert!(!ana.join("packs/course").exists());
    assert_eq!(
        meshlab(&ana, w, &["pack", "remove", "course"])
            .status
            .code(),
        Some(2)
    );
}
