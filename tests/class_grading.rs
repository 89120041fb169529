//! Class grading grades what `meshlab grade` grades (issue 17, item 1): every known answer of
//! every built-in drill, handed in the way a learner hands it in (the answer file's text: TOML,
//! an ADR's Markdown or a manifest drill's YAML), gets the same grade from `grade --submissions` as from
//! `meshlab grade DRILL --answer FILE`, and that grade is the one the drill declares.

use std::path::Path;
use std::process::{Command, Output};

use meshlab::drill::class::{self, Status};
use meshlab::drill::exercise::{Check, Exercise, Kind};
use meshlab::drill::grade;
use meshlab::drill::pack::Pack;
use meshlab::drill::submission::Submission;
use meshlab::i18n::Lang;
use meshlab::practice::progress::Progress;

/// The answer file a learner would write for `check`: an ADR drill's answer is the record, a
/// manifest drill's the manifests.
fn answer_text(pack: &Pack, ex: &Exercise, check: &Check) -> String {
    let file = match ex.kind {
        Kind::Adr => check.answer.adr.as_ref(),
        Kind::Manifest => check.answer.manifest.as_ref(),
        _ => None,
    };
    match file {
        Some(path) => {
            String::from_utf8(pack.file(path).expect("the answer is in the pack").to_vec())
                .expect("UTF-8")
        }
        None => toml::to_string(&check.answer).expect("answers serialize"),
    }
}

/// As many learners as the drill with the most known answers has answers: learner `i` gives
/// answer `i` of every drill (the last one when a drill has fewer).
fn class(pack: &Pack) -> Vec<(String, Submission)> {
    let most = pack.exercises.iter().map(|e| e.checks.len()).max().unwrap();
    (0..most)
        .map(|i| {
            let mut sub = Submission::new(
                pack,
                &Progress::default(),
                &format!("learner-{i}"),
                time::OffsetDateTime::UNIX_EPOCH,
            );
            for ex in &pack.exercises {
                let check = &ex.checks[i.min(ex.checks.len() - 1)];
                sub.answers
                    .insert(ex.id.clone(), answer_text(pack, ex, check));
            }
            (format!("learner-{i}.json"), sub)
        })
        .collect()
}

#[test]
fn every_known_answer_grades_the_same_alone_and_in_a_class() {
    let pack = Pack::builtin().unwrap();
    let subs = class(&pack);
    let report = class::grade_class(&pack, &subs, Lang::En);
    let mut compared = 0;
    for (i, learner) in report.learners.iter().enumerate() {
        for (ex, result) in pack.exercises.iter().zip(&learner.results) {
            let check = &ex.checks[i.min(ex.checks.len() - 1)];
            let alone = grade::grade(&pack, ex, &check.answer).expect("a known answer grades");
            let text = answer_text(&pack, ex, check);
            let from_text = grade::grade_text(&pack, ex, "answer", &text).unwrap();
            assert_ne!(
                result.status,
                Status::Error,
                "{}: {}",
                ex.id,
                result.message
            );
            assert_eq!(
                (result.grade, from_text.grade, check.grade),
                (alone.grade, alone.grade, alone.grade),
                "{} answer {i}: class, file text, declared vs alone",
                ex.id
            );
            assert_eq!(result.status == Status::Pass, alone.passed, "{}", ex.id);
            compared += 1;
        }
    }
    assert!(compared >= 47 * 2, "{compared}");
    // ADR records were graded as records, not parsed as TOML.
    let adr = pack
        .exercises
        .iter()
        .filter(|e| e.kind == Kind::Adr)
        .count();
    assert!(adr >= 4);
}

fn meshlab(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .args(["--lang", "en"])
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", data)
        .output()
        .expect("meshlab runs")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// The binary both ways: `grade DRILL --answer FILE` per drill (every ADR record, one answer of
/// every other kind) and `grade --submissions DIR` for the class, through the CSV an LMS reads.
#[test]
fn the_binary_agrees_both_ways_for_adr_records_and_every_kind() {
    let pack = Pack::builtin().unwrap();
    let work = tempfile::tempdir().unwrap();
    let subs_dir = work.path().join("subs");
    std::fs::create_dir_all(&subs_dir).unwrap();
    let subs = class(&pack);
    for (file, sub) in &subs {
        std::fs::write(subs_dir.join(file), serde_json::to_vec(sub).unwrap()).unwrap();
    }
    let data = work.path().join("data");
    let class = meshlab(
        &data,
        &[
            "grade",
            "--pack",
            "part-023",
            "--submissions",
            subs_dir.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(class.status.code(), Some(0), "{class:?}");
    let class = json(&class);
    let mut seen_kinds = Vec::new();
    for (i, (_, sub)) in subs.iter().enumerate() {
        for ex in &pack.exercises {
            if ex.kind != Kind::Adr && seen_kinds.contains(&ex.kind) || i > 1 {
                continue;
            }
            seen_kinds.push(ex.kind);
            let file = work.path().join(format!("{}-{i}.answer", ex.id));
            std::fs::write(&file, &sub.answers[&ex.id]).unwrap();
            let alone = meshlab(
                &data,
                &[
                    "grade",
                    &ex.id,
                    "--answer",
                    file.to_str().unwrap(),
                    "--format",
                    "json",
                ],
            );
            assert_ne!(alone.status.code(), Some(2), "{}: {alone:?}", ex.id);
            let alone = json(&alone)["grade"].as_u64().unwrap();
            let learner = &class["learners"][i];
            let test = learner["tests"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["exercise"] == ex.id.as_str())
                .unwrap();
            assert_eq!(test["score"].as_u64(), Some(alone), "{} learner {i}", ex.id);
            assert_ne!(test["status"], "error", "{}: {}", ex.id, test["message"]);
        }
    }
    seen_kinds.dedup();
    let mut kinds = seen_kinds.clone();
    kinds.sort_by_key(|k| format!("{k:?}"));
    kinds.dedup();
    assert_eq!(kinds.len(), 10, "{kinds:?}");
}
