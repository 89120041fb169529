//! Authoring a pack as an instructor would (issue 17): `tests/fixtures/packs/clinic` is a small
//! pack of every kind on a hospital topology the built-in pack does not use. Its known answers
//! fail in every shape the simulator reports (a timeout, a reset, a 403 from the wrong decider,
//! a plaintext answer under no identity, a gRPC status, an outage, wrong audit parts, a broken
//! hard ADR requirement, another kind of mesh), the validator passes it strictly, the two builds
//! split the answer key from what learners get, and a class of three is graded into the CSV,
//! JSON and feedback files an LMS and the learners read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use meshlab::drill::exercise::{Answer, Exercise};
use meshlab::drill::expectation::Miss;
use meshlab::drill::grade::{self, Detail, Report};
use meshlab::drill::pack::{Edition, Pack};
use meshlab::drill::submission::Submission;
use meshlab::drill::{archive, edition, validate};
use meshlab::practice::clock::FixedClock;
use meshlab::practice::progress::{Draft, Id, Progress};
use time::OffsetDateTime;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/clinic")
}

fn pack() -> Pack {
    Pack::from_dir(&dir()).expect("the clinic pack loads")
}

fn exercise<'a>(pack: &'a Pack, id: &str) -> &'a Exercise {
    pack.exercise(id).expect("the drill exists")
}

fn graded(pack: &Pack, id: &str, answer: &str) -> Report {
    let ex = exercise(pack, id);
    let text = match answer.strip_prefix("adr:") {
        Some(path) => String::from_utf8(pack.file(path).unwrap().to_vec()).unwrap(),
        None => answer.to_string(),
    };
    grade::grade_text(pack, ex, "answer", &text).expect("the answer grades")
}

fn misses(r: &Report, probe: &str) -> Vec<Miss> {
    r.probes
        .iter()
        .find(|p| p.name == probe)
        .map(|p| p.misses.clone())
        .unwrap_or_default()
}

#[test]
fn every_known_answer_grades_as_declared_and_strict_validation_passes() {
    let pack = pack();
    assert_eq!(pack.exercises.len(), 7);
    assert!(
        validate::self_test(&pack).is_empty(),
        "{:#?}",
        validate::self_test(&pack)
    );
    assert!(
        validate::warnings(&pack).is_empty(),
        "{:#?}",
        validate::warnings(&pack)
    );
    let mut kinds: Vec<String> = pack
        .exercises
        .iter()
        .map(|e| format!("{:?}", e.kind))
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 7, "{kinds:?}");
}

/// Each wrong answer fails for the reason its shape gives, read off the simulator's result.
#[test]
fn wrong_answers_fail_in_every_shape() {
    let pack = pack();
    // A CNI drop is a timeout and a mesh-identity refusal a reset, where a 403 from the L7
    // proxy is expected.
    for (choice, shape) in [("cni", "timeout"), ("mesh-identity", "reset")] {
        let r = graded(&pack, "ep-fax-refused", &format!("choice = \"{choice}\""));
        let probe = r
            .probes
            .iter()
            .find(|p| p.name == "fax-bridge-refused")
            .unwrap();
        assert_eq!((probe.verdict_held, probe.answer.as_str()), (true, shape));
        let m = misses(&r, "fax-bridge-refused");
        assert!(
            m.contains(&Miss::Status {
                want: 403,
                got: None
            }),
            "{m:?}"
        );
        assert!(
            m.iter().any(|m| matches!(m, Miss::DecidedBy { .. })),
            "{m:?}"
        );
        assert_eq!(r.grade, 0);
    }
    let r = graded(&pack, "ep-fax-refused", "choice = \"l7-proxy\"");
    assert_eq!(r.probes[0].answer, "HTTP 403");
    assert_eq!(r.grade, 100);

    // Accepting plaintext lets billing in, but as nobody and in the clear.
    let r = graded(
        &pack,
        "dx-billing-plaintext",
        "choice = \"injection-drift\"\nfix = \"accept-plaintext\"",
    );
    let m = misses(&r, "billing-reads-as-billing");
    assert!(m.contains(&Miss::Encrypted { want: true }), "{m:?}");
    assert!(
        m.iter()
            .any(|m| matches!(m, Miss::Identity { got, .. } if got == "none")),
        "{m:?}"
    );
    assert_eq!(r.grade, 50);

    // Only the Istio sidecar answers a gRPC refusal with PERMISSION_DENIED.
    let r = graded(&pack, "sel-clinic", "choice = \"istio-sidecar\"");
    let Some(Detail::Selection(t)) = &r.detail else {
        panic!("no score table")
    };
    let grpc = t.rows.iter().find(|row| row.id == "grpc-refusal").unwrap();
    assert_eq!(
        grpc.cells.iter().map(|c| c.held).collect::<Vec<_>>(),
        [false, false, true]
    );

    // STRICT before the fax bridge is enrolled resets it: an outage with the author's words.
    let r = graded(
        &pack,
        "adopt-strict-records",
        "order = [\"observe\", \"strict\", \"enroll-fax\"]",
    );
    assert_eq!(r.grade, 33);
    assert!(r.feedback.iter().any(|f| f.en.contains("STRICT before")));

    // All audit parts must be right; each wrong one has its feedback.
    let r = graded(
        &pack,
        "audit-portal-delete",
        "verdict = \"denied\"\nidentity = \"spiffe://cluster.local/ns/billing/sa/billing\"\nevidence = \"hubble-flow\"",
    );
    assert_eq!((r.grade, r.passed), (0, false));
    assert_eq!(r.feedback.len(), 2);

    // A number that counts retries as tries gets the author's feedback.
    let r = graded(&pack, "retry-portal", "number = 4");
    assert!(
        r.feedback
            .iter()
            .any(|f| f.en.contains("counted retries as tries"))
    );

    // An ADR without its waypoint: the delete is reset, not a 403, and that requirement is
    // hard; the decision's prose about the waypoint earns nothing.
    let r = graded(&pack, "adr-clinic", "adr:answers/adr-clinic-no-waypoint.md");
    let adr = r.adr().unwrap();
    assert_eq!(adr.hard_broken, ["portal-delete-403"]);
    let delete = adr
        .requirements
        .iter()
        .find(|q| q.name == "portal-delete-403")
        .unwrap();
    assert_eq!(
        delete.misses,
        [Miss::Status {
            want: 403,
            got: None
        }]
    );
    assert!(!r.passed);
    // The model prose under a sidecar mesh scores nothing where the design is sidecarless.
    let r = graded(&pack, "adr-clinic", "adr:answers/adr-clinic-linkerd.md");
    assert_eq!(r.grade, 0);
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

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The answer text of a check, as a learner hands it in.
fn text(pack: &Pack, answer: &Answer) -> String {
    match &answer.adr {
        Some(path) => String::from_utf8(pack.file(path).unwrap().to_vec()).unwrap(),
        None => toml::to_string(answer).unwrap(),
    }
}

/// An attempt in the learner's progress: the answer text (empty for a TUI attempt), hints.
fn attempt(p: &mut Progress, drill: &str, answer: &str, hints: u8, at: OffsetDateTime) {
    p.record(
        Draft {
            drill: Id::new(drill).unwrap(),
            pack: Id::new("clinic").unwrap(),
            skills: Vec::new(),
            started: at,
            score: 90,
            passed: true,
            hints: (1..=hints).collect(),
            answer: answer.to_string(),
            variant: None,
        },
        &FixedClock::new(at),
    );
}

#[test]
fn two_builds_and_a_class_of_three() {
    let pack = pack();
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let src = dir();
    let src = src.to_str().unwrap();
    // The learners' archive: no answer key, no reference records, no instructor notes.
    let learners_tgz = w.join("clinic.tar.gz");
    let key_tgz = w.join("clinic-key.tar.gz");
    ok(&meshlab(
        w,
        &["pack", "build", src, "-o", learners_tgz.to_str().unwrap()],
    ));
    ok(&meshlab(
        w,
        &[
            "pack",
            "build",
            src,
            "--instructor",
            "-o",
            key_tgz.to_str().unwrap(),
        ],
    ));
    let files = archive::read(&learners_tgz).unwrap();
    assert!(
        !files
            .keys()
            .any(|p| p.starts_with("answers/") || p.starts_with("instructor/"))
    );
    let handed_out = Pack::from_files(files.clone()).unwrap();
    assert_eq!(handed_out.manifest.edition, Some(Edition::Learners));
    assert!(
        handed_out
            .exercises
            .iter()
            .all(|e| e.checks.is_empty() && e.notes.is_none())
    );
    assert_eq!(files, edition::learners(&pack).unwrap());
    let key = Pack::from_files(archive::read(&key_tgz).unwrap()).unwrap();
    assert!(key.file("instructor/notes.md").is_some());
    assert_eq!(key.learners_checksum(), handed_out.checksum());

    // A learner installs the learners' archive and grades a drill exactly as before.
    let ana_data = w.join("ana-data");
    ok(&meshlab(
        &ana_data,
        &["pack", "install", learners_tgz.to_str().unwrap()],
    ));
    let answer = w.join("ep.toml");
    std::fs::write(&answer, "choice = \"l7-proxy\"\n").unwrap();
    let o = meshlab(
        &ana_data,
        &[
            "grade",
            "ep-fax-refused",
            "--pack",
            "clinic",
            "--answer",
            answer.to_str().unwrap(),
        ],
    );
    assert!(ok(&o).contains("PASS"));
    let sub_file = w.join("ana-cli.json");
    ok(&meshlab(
        &ana_data,
        &[
            "submit",
            "--pack",
            "clinic",
            "-o",
            sub_file.to_str().unwrap(),
            "--learner",
            "ana",
        ],
    ));
    let from_cli = Submission::load(&sub_file, &key).expect("the instructor's build accepts it");
    assert_eq!(from_cli.answers.len(), 1);

    // Three learners: ana gives every reference answer; budi a wrong answer of each drill;
    // citra mixes, opens hints, does the ADR in the TUI only, and submits after `due`.
    let before = OffsetDateTime::UNIX_EPOCH + time::Duration::days(365 * 50);
    let after = OffsetDateTime::UNIX_EPOCH + time::Duration::days(365 * 70);
    let subs = w.join("subs");
    std::fs::create_dir_all(&subs).unwrap();
    let write = |name: &str, progress: &Progress, at: OffsetDateTime| {
        let sub = Submission::new(&handed_out, progress, name, at);
        std::fs::write(
            subs.join(format!("{name}.json")),
            serde_json::to_vec(&sub).unwrap(),
        )
        .unwrap();
    };
    let mut ana = Progress::default();
    let mut budi = Progress::default();
    for ex in &pack.exercises {
        let right = &ex.checks[0].answer;
        let wrong = &ex.checks[1].answer;
        attempt(&mut ana, &ex.id, &text(&pack, right), 0, before);
        attempt(&mut budi, &ex.id, &text(&pack, wrong), 0, before);
    }
    write("ana", &ana, before);
    write("budi", &budi, before);
    let mut citra = Progress::default();
    attempt(
        &mut citra,
        "ep-fax-refused",
        "choice = \"application\"",
        1,
        before,
    );
    attempt(&mut citra, "retry-portal", "number = 12", 3, after);
    attempt(&mut citra, "adr-clinic", "", 2, before);
    write("citra", &citra, after);

    // The learners' archive has no answer key to grade with.
    let subs_arg = subs.to_str().unwrap();
    let o = meshlab(
        w,
        &[
            "grade",
            "--pack",
            learners_tgz.to_str().unwrap(),
            "--submissions",
            subs_arg,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let key_arg = key_tgz.to_str().unwrap();
    let csv = ok(&meshlab(
        w,
        &[
            "grade",
            "--pack",
            key_arg,
            "--submissions",
            subs_arg,
            "--format",
            "csv",
            "--feedback",
            w.join("feedback").to_str().unwrap(),
        ],
    ));
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let header = &rows[0];
    assert_eq!(
        header[..7],
        [
            "learner",
            "file",
            "submitted",
            "late",
            "hints",
            "points",
            "max_points"
        ]
    );
    let column = |id: &str| header.iter().position(|h| *h == id).unwrap();
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap();
    // 20 (ep) + 10 (retry) + 40 (adr) + 100 for each of the four that keep the default.
    assert_eq!(row("ana")[6], "470");
    assert_eq!(row("ana")[5], "470", "ana earns every point");
    assert_eq!(row("budi")[column("ep-fax-refused")], "0");
    assert_eq!(row("budi")[column("dx-billing-plaintext")], "50");
    assert_eq!(row("budi")[column("adr-clinic")], "21", "52% of 40");
    assert_eq!(row("citra")[3], "yes", "citra is late");
    assert_eq!(row("ana")[3], "no");
    // Three hints at 5 points each: 100 → 85, of 10 points.
    assert_eq!(row("citra")[column("retry-portal")], "9");
    assert_eq!(row("citra")[4], "6", "1 + 3 + 2 hints");
    assert_eq!(
        row("citra")[column("adr-clinic")],
        "0",
        "a TUI attempt is not regraded"
    );

    let json: serde_json::Value = serde_json::from_str(&ok(&meshlab(
        w,
        &[
            "grade",
            "--pack",
            key_arg,
            "--submissions",
            subs_arg,
            "--format",
            "json",
        ],
    )))
    .unwrap();
    let hardest: Vec<&str> = json["hardest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert!(
        !hardest.is_empty() && !hardest.contains(&"retry-portal"),
        "{hardest:?}"
    );
    let citra_tests = json["learners"][2]["tests"].as_array().unwrap();
    let retry = citra_tests
        .iter()
        .find(|t| t["exercise"] == "retry-portal")
        .unwrap();
    assert_eq!(
        (retry["late"].as_bool(), retry["hints"].as_u64()),
        (Some(true), Some(3))
    );

    let budi_md = std::fs::read_to_string(w.join("feedback/budi.md")).unwrap();
    for needle in [
        "✗ fax-bridge-refused: expected HTTP status 403, got -",
        "hard requirement broken (portal-delete-403)",
        "meshlab lesson show 17-adr-template",
        "You counted retries as tries",
    ] {
        assert!(budi_md.contains(needle), "{needle:?} not in:\n{budi_md}");
    }
    let citra_md = std::fs::read_to_string(w.join("feedback/citra.md")).unwrap();
    assert!(citra_md.contains("after the due date"), "{citra_md}");
}

/// Issue 17: a first choice that brings manifests used to be run with them when the validator
/// asked "does doing nothing pass?", so a choice whose manifests do the job made the drill look
/// like it tested nothing. Doing nothing adds no manifests.
#[test]
fn a_choice_that_brings_manifests_is_not_doing_nothing() {
    let mut files = meshlab::tree::from_disk(&dir(), |_| true).unwrap();
    let ep = "exercises/ep-fax-refused.toml";
    let text = String::from_utf8(files[ep].to_vec()).unwrap();
    let edited = text
        .replacen(
            "id = \"cni\"\npoint = \"cni\"",
            "id = \"cni\"\npoint = \"cni\"\napply = [\"scenarios/records-closed.yaml\"]",
            1,
        )
        .replacen(
            "outcome = \"403\"\ndecided_by = \"policy at l7-proxy\"\n",
            "",
            1,
        );
    assert_ne!(edited, text);
    files.insert(ep.into(), edited.into_bytes().into());
    let closed = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: records-closed\n  namespace: records\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: billing\n";
    files.insert(
        "scenarios/records-closed.yaml".into(),
        closed.as_bytes().to_vec().into(),
    );
    let pack = Pack::from_files(files).unwrap();
    let problems: Vec<String> = validate::self_test(&pack)
        .iter()
        .map(|p| p.text(meshlab::i18n::Lang::En))
        .collect();
    assert!(
        !problems.iter().any(|p| p.contains("tests nothing")),
        "{problems:#?}"
    );
    // The CNI choice with its NetworkPolicy does refuse the fax bridge (as a timeout).
    let r = graded(&pack, "ep-fax-refused", "choice = \"cni\"");
    assert_eq!(r.probes[0].answer, "timeout");
}
