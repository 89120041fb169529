//! `meshlab grade`, `exercise` and `pack validate` on the real binary: exit codes 0 / 1 / 2,
//! reports, and errors that point at file:line:column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/packs")
        .join(name)
}

fn meshlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        // `grade` keeps attempts in the data directory: never the tester's own.
        .env("MESHLAB_DATA_DIR", data_dir())
        .output()
        .expect("meshlab runs")
}

fn data_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

fn answer(text: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), text).unwrap();
    f
}

fn grade(answer_text: &str, extra: &[&str]) -> Output {
    let a = answer(answer_text);
    let pack = fixture("mini");
    let mut args = vec![
        "grade",
        "business-permission",
        "--pack",
        pack.to_str().unwrap(),
        "--answer",
        a.path().to_str().unwrap(),
        "--lang",
        "en",
    ];
    args.extend_from_slice(extra);
    meshlab(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_reference_answer_passes_with_exit_0() {
    let o = grade("choice = \"application\"\n", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("PASS, grade 100/100"), "{s}");
    assert!(s.contains("denied by the policy at application"), "{s}");
}

#[test]
fn a_wrong_point_fails_with_exit_1_and_names_the_probe_that_slipped_through() {
    let o = grade("choice = \"mesh-identity\"\n", &[]);
    assert_eq!(o.status.code(), Some(1));
    let s = stdout(&o);
    assert!(
        s.contains("✗ unassigned-officer-approves: expected denied, got allowed"),
        "{s}"
    );
    assert!(
        s.contains("not enforceable at mesh-identity: it cannot see method, path, domain-state"),
        "{s}"
    );
}

#[test]
fn json_and_junit_reports() {
    let o = grade("choice = \"cni\"\n", &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["grade"], 0);
    assert_eq!(v["passed"], false);
    assert_eq!(v["probes"][0]["placement"]["result"], "not-enforceable");

    let o = grade("choice = \"application\"\n", &["--format", "junit"]);
    let s = stdout(&o);
    assert!(
        s.contains("<testsuite name=\"business-permission\" tests=\"2\" failures=\"0\">"),
        "{s}"
    );
}

#[test]
fn bad_answers_are_input_errors_with_exit_2() {
    let o = grade("choice = \n", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(":1:"), "{}", stderr(&o));

    let o = grade("choice = \"firewall\"\n", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no choice `firewall`"),
        "{}",
        stderr(&o)
    );

    let o = grade("pick = \"cni\"\n", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown field `pick`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_exercise_lists_the_valid_ones() {
    let a = answer("choice = \"cni\"\n");
    let pack = fixture("mini");
    let o = meshlab(&[
        "grade",
        "nope",
        "--pack",
        pack.to_str().unwrap(),
        "--answer",
        a.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("business-permission"));
}

#[test]
fn pack_validate_self_tests_a_good_pack() {
    let pack = fixture("mini");
    let o = meshlab(&["pack", "validate", pack.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("every known answer grades as declared"));
}

#[test]
fn pack_validate_reports_every_problem_with_its_location() {
    let pack = fixture("broken");
    let o = meshlab(&["pack", "validate", pack.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    for expected in [
        "exercises/bad-toml.toml:4:1:",
        "exercises/unknown-field.toml:6:1: cannot read the TOML (TOML parser: unknown field `colour`",
        "exercises/bad-refs.toml:4:1: difficulty must be 1 to 5",
        "`../../etc/passwd`: paths must be relative",
        "`scenarios/missing.yaml`: no such file",
        "check names choice `nope`",
        "probe `share-of-nothing`: `share` is a fraction from 0 to 1 of what `backend` answers",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in:\n{e}");
    }
}

/// `pack validate` with the locale cleared, so only `--lang` (or nothing) picks the language.
fn validate_in(lang: Option<&str>, pack: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meshlab"));
    cmd.args(["pack", "validate"]).arg(pack);
    if let Some(l) = lang {
        cmd.args(["--lang", l]);
    }
    cmd.env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", data_dir())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("meshlab runs")
}

#[test]
fn pack_validate_speaks_indonesian_with_lang_id_and_english_by_default() {
    // The broken fixture, and a copy of the mini pack with every pack-level field wrong.
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("mini");
    for sub in ["", "exercises", "scenarios"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for file in ["scenarios/cases.yaml", "exercises/retry-layers.toml"] {
        std::fs::copy(src.join(file), dir.path().join(file)).unwrap();
    }
    std::fs::write(
        dir.path().join("pack.toml"),
        "id = \"Bad_Id\"\nversion = \" \"\nformat = 2\nauthor = \"t\"\nmin_meshlab = \"soon\"\n\
         [title]\nid = \"x\"\nen = \"x\"\n[description]\nid = \"x\"\nen = \"x\"\n",
    )
    .unwrap();
    let cases = [
        (
            Some("id"),
            [
                "pack.toml:1:1: id paket `Bad_Id`: pakai 1 sampai 64 huruf kecil",
                "pack.toml:2:1: beri paket sebuah versi",
                "pack.toml:3:1: format paket 2 tidak didukung (meshlab ini membaca format 1)",
                "pack.toml:5:1: min_meshlab `soon` bukan versi seperti 0.1.0",
            ],
            [
                "exercises/bad-refs.toml:4:1: difficulty harus 1 sampai 5",
                "exercises/bad-refs.toml:6:14: `../../etc/passwd`: path harus relatif",
                "exercises/bad-refs.toml:6:34: `scenarios/missing.yaml`: berkas ini tidak ada",
                "exercises/bad-refs.toml:11:22: check menyebut choice `nope`, yang tidak ada",
                ": 9 masalah",
            ],
        ),
        (
            None,
            [
                "pack.toml:1:1: pack id `Bad_Id`: use 1 to 64 lowercase letters",
                "pack.toml:2:1: give the pack a version",
                "pack.toml:3:1: pack format 2 is not supported (this meshlab reads format 1)",
                "pack.toml:5:1: min_meshlab `soon` is not a version like 0.1.0",
            ],
            [
                "exercises/bad-refs.toml:4:1: difficulty must be 1 to 5",
                "exercises/bad-refs.toml:6:14: `../../etc/passwd`: paths must be relative",
                "exercises/bad-refs.toml:6:34: `scenarios/missing.yaml`: no such file",
                "exercises/bad-refs.toml:11:22: check names choice `nope`, which does not exist",
                ": 9 problems",
            ],
        ),
    ];
    for (lang, manifest, broken) in cases {
        let o = validate_in(lang, dir.path());
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        for expected in manifest {
            assert!(
                e.contains(expected),
                "{lang:?}: missing {expected:?} in:\n{e}"
            );
        }
        let o = validate_in(lang, &fixture("broken"));
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        for expected in broken {
            assert!(
                e.contains(expected),
                "{lang:?}: missing {expected:?} in:\n{e}"
            );
        }
    }
}

#[test]
fn a_wrong_declared_grade_fails_the_self_test() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("mini");
    for sub in ["", "exercises", "scenarios"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for file in ["pack.toml", "scenarios/cases.yaml"] {
        std::fs::copy(src.join(file), dir.path().join(file)).unwrap();
    }
    let ex = std::fs::read_to_string(src.join("exercises/business-permission.toml")).unwrap();
    // Claim that the CNI answer passes: the simulator says otherwise.
    let lie = ex.replacen(
        "answer = { choice = \"cni\" }\ngrade = 0",
        "answer = { choice = \"cni\" }\ngrade = 100",
        1,
    );
    assert_ne!(lie, ex);
    std::fs::write(dir.path().join("exercises/business-permission.toml"), lie).unwrap();
    let o = meshlab(&["pack", "validate", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("should grade 100 but grades 0"),
        "{}",
        stderr(&o)
    );
    let o = validate_in(Some("id"), dir.path());
    assert!(
        stderr(&o).contains("seharusnya bernilai 100 tetapi bernilai 0"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn pack_install_refuses_in_the_chosen_language() {
    let broken = fixture("broken");
    let o = meshlab(&["pack", "install", broken.to_str().unwrap(), "--lang", "id"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("exercises/bad-refs.toml:4:1: difficulty harus 1 sampai 5"),
        "{e}"
    );
    assert!(!data_dir().join("packs/broken").exists());
}

#[test]
fn exercise_schema_is_json_schema() {
    let o = meshlab(&["exercise", "schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "Exercise");
    assert!(v["properties"]["kind"].is_object());
}

#[test]
fn global_pack_dir_is_documented_and_is_the_default_pack() {
    let pack = fixture("mini");
    let a = answer("choice = \"application\"\n");
    let o = meshlab(&[
        "--pack-dir",
        pack.to_str().unwrap(),
        "grade",
        "business-permission",
        "--answer",
        a.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = meshlab(&["--help", "--lang", "en"]);
    assert!(
        stdout(&o).contains("--pack-dir <DIR>")
            && stdout(&o).contains("Take drills from this pack folder"),
        "{}",
        stdout(&o)
    );
    let o = meshlab(&["--help", "--lang", "id"]);
    assert!(
        stdout(&o).contains("Ambil latihan dari folder paket ini"),
        "{}",
        stdout(&o)
    );
}

/// Editors validate exercise files against the committed schema: it must be what
/// `meshlab exercise schema` generates from the types today.
#[test]
fn the_committed_json_schema_is_current() {
    let o = meshlab(&["exercise", "schema"]);
    assert!(o.status.success());
    let committed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/schema/exercise.schema.json"),
    )
    .unwrap();
    assert!(
        o.stdout == committed,
        "exercises/schema/exercise.schema.json is stale: regenerate it with \
         `cargo run -q -- exercise schema > exercises/schema/exercise.schema.json`"
    );
}
