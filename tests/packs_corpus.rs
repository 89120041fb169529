//! A corpus of hostile and broken packs and submissions. Each is refused by the real binary
//! with exit code 2 and a message that says what is wrong, and nothing panics. Install must
//! also leave nothing behind.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use meshlab::drill::archive::{CHECKSUMS, checksum_manifest};
use meshlab::drill::pack::Pack;
use meshlab::drill::submission::Submission;
use meshlab::practice::progress::Progress;
use meshlab::tree::{self, Files};
use tar::EntryType;

fn example() -> Files {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/example-pack");
    tree::from_disk(&dir, |_| true).unwrap()
}

/// One raw tar entry; the path is written as bytes, unchecked, as an attacker would.
struct Entry {
    path: Vec<u8>,
    kind: EntryType,
    data: Vec<u8>,
    /// The size the header claims, when it lies.
    claimed: Option<u64>,
    link: Option<&'static str>,
}

fn file(path: &str, data: &[u8]) -> Entry {
    Entry {
        path: path.as_bytes().to_vec(),
        kind: EntryType::Regular,
        data: data.to_vec(),
        claimed: None,
        link: None,
    }
}

fn special(path: &str, kind: EntryType, link: Option<&'static str>) -> Entry {
    Entry {
        kind,
        link,
        ..file(path, b"")
    }
}

/// The checksum manifest of `files`, then the files: an archive `pack build` could write.
fn entries(files: &Files) -> Vec<Entry> {
    let mut out = vec![file(CHECKSUMS, checksum_manifest(files).as_bytes())];
    out.extend(files.iter().map(|(p, b)| file(p, b)));
    out
}

fn tar_gz(entries: &[Entry]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    for e in entries {
        let mut h = tar::Header::new_gnu();
        let name = &mut h.as_old_mut().name;
        let n = e.path.len().min(name.len());
        name[..n].copy_from_slice(&e.path[..n]);
        h.set_entry_type(e.kind);
        h.set_mode(0o644);
        h.set_size(e.claimed.unwrap_or(e.data.len() as u64));
        if let Some(target) = e.link {
            h.set_link_name(target).unwrap();
        }
        h.set_cksum();
        if n < e.path.len() {
            // Too long for the header: the builder writes a GNU long-name entry first.
            let path = String::from_utf8(e.path.clone()).unwrap();
            tar.append_data(&mut h, path, &e.data[..]).unwrap();
        } else {
            tar.append(&h, &e.data[..]).unwrap();
        }
    }
    tar.into_inner().unwrap().finish().unwrap()
}

fn with(files: &Files, path: &str, data: &str) -> Files {
    let mut f = files.clone();
    f.insert(path.to_string(), Cow::Owned(data.as_bytes().to_vec()));
    f
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

fn refused(o: &Output, name: &str, needle: &str) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(
        stderr.contains(needle),
        "{name}: expected `{needle}` in: {stderr}"
    );
}

/// Installing `archive` is refused with `needle` and leaves `packs/` without a trace.
fn install_refused(work: &Path, name: &str, archive: &[u8], needle: &str) {
    let path = work.join(format!("{name}.tar.gz"));
    std::fs::write(&path, archive).unwrap();
    let data = work.join(format!("data-{name}"));
    refused(
        &meshlab(&data, &["pack", "install", path.to_str().unwrap()]),
        name,
        needle,
    );
    let left: Vec<PathBuf> = std::fs::read_dir(data.join("packs"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{name}: install left {left:?}");
    // The same archive is refused by `grade` and `validate`, the other readers of archives.
    refused(
        &meshlab(&data, &["pack", "validate", path.to_str().unwrap()]),
        name,
        needle,
    );
}

#[test]
fn bad_archives_are_refused_with_exit_2_and_leave_nothing() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let good = example();
    let mut cases: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    let mut hostile = |name, extra: Entry, needle| {
        let mut e = entries(&good);
        e.push(extra);
        cases.push((name, tar_gz(&e), needle));
    };
    hostile(
        "traversal",
        file("../x", b"x"),
        "entry `../x`: paths must be relative",
    );
    hostile(
        "deep-traversal",
        file("exercises/../../x", b"x"),
        "paths must be relative",
    );
    hostile(
        "absolute",
        file("/etc/x", b"x"),
        "entry `/etc/x`: paths must be relative",
    );
    hostile(
        "backslash",
        file("a\\..\\x", b"x"),
        "paths must be relative",
    );
    hostile("dot", file("./pack.toml", b"x"), "paths must be relative");
    hostile(
        "symlink",
        special("exercises/l", EntryType::Symlink, Some("/etc/passwd")),
        "is a link",
    );
    hostile(
        "hardlink",
        special("exercises/h", EntryType::Link, Some("pack.toml")),
        "is a link",
    );
    hostile(
        "char-device",
        special("dev/null", EntryType::Char, None),
        "device, FIFO",
    );
    hostile(
        "block-device",
        special("dev/sda", EntryType::Block, None),
        "device, FIFO",
    );
    hostile(
        "fifo",
        special("pipe", EntryType::Fifo, None),
        "device, FIFO",
    );
    hostile(
        "claims-2-gib",
        Entry {
            claimed: Some(2 << 30),
            ..file("big.yaml", b"tiny")
        },
        "entry `big.yaml` is over the per-file limit of 1048576 bytes",
    );
    hostile(
        "file-over-limit",
        file("big.yaml", &vec![b'a'; (1 << 20) + 1]),
        "over the per-file limit",
    );
    hostile(
        "non-utf8-path",
        Entry {
            path: b"exercises/\xff.toml".to_vec(),
            ..file("", b"x")
        },
        "paths must be relative",
    );
    hostile(
        "long-path",
        file(&format!("{}x", "a/".repeat(120)), b"x"),
        "is longer than 200 bytes",
    );
    hostile(
        "long-name",
        file(&format!("{}.yaml", "a".repeat(300)), b"x"),
        "is longer than 200 bytes",
    );
    // A name with terminal escape codes is refused, and shown escaped.
    hostile(
        "escape-codes",
        file("a\u{1b}[2J.yaml", b"x"),
        "entry `a\\u{1b}[2J.yaml`: paths must be relative",
    );
    hostile(
        "unlisted",
        file("scenarios/extra.yaml", b"x"),
        "`scenarios/extra.yaml` is not listed",
    );
    hostile(
        "duplicate",
        file("pack.toml", b"x"),
        "entry `pack.toml` appears twice",
    );

    let many: Vec<Entry> = (0..10_000).map(|i| file(&format!("f/{i}"), b"x")).collect();
    cases.push((
        "ten-thousand-files",
        tar_gz(&many),
        "more than 1000 files in the pack",
    ));
    let bomb: Vec<Entry> = (0..17)
        .map(|i| file(&format!("z/{i}"), &vec![0; 1 << 20]))
        .collect();
    cases.push((
        "zip-bomb",
        tar_gz(&bomb),
        "more than 16777216 bytes unpacked",
    ));
    cases.push((
        "not-gzip",
        b"hello, not an archive".to_vec(),
        "not a readable pack archive",
    ));
    cases.push(("empty-file", Vec::new(), "not a readable pack archive"));
    let mut truncated = tar_gz(&entries(&good));
    truncated.truncate(truncated.len() / 2);
    cases.push(("truncated", truncated, "not a readable pack archive"));
    let gz_garbage = {
        use std::io::Write;
        let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        g.write_all(&[7u8; 4096]).unwrap();
        g.finish().unwrap()
    };
    cases.push(("gzip-not-tar", gz_garbage, "not a readable pack archive"));
    let no_manifest: Vec<Entry> = good.iter().map(|(p, b)| file(p, b)).collect();
    cases.push((
        "no-checksums",
        tar_gz(&no_manifest),
        "no checksums.sha256 manifest",
    ));
    let mut tampered = entries(&good);
    let last = tampered.len() - 1;
    tampered[last]
        .data
        .extend_from_slice(b"\n# edited after the build\n");
    cases.push((
        "checksum-mismatch",
        tar_gz(&tampered),
        "does not match its checksum",
    ));
    let mut missing = entries(&good);
    missing.pop();
    cases.push((
        "listed-but-missing",
        tar_gz(&missing),
        "listed in the checksum manifest but missing",
    ));
    let mut bad_line = entries(&good);
    bad_line[0].data = b"not a checksum line\n".to_vec();
    cases.push((
        "bad-checksum-line",
        tar_gz(&bad_line),
        "checksums.sha256:1: a checksum line",
    ));

    // Well-formed archives of packs that are wrong inside.
    let mut broken =
        |name, files: Files, needle| cases.push((name, tar_gz(&entries(&files)), needle));
    let mut no_toml = good.clone();
    no_toml.remove("pack.toml");
    broken(
        "missing-pack-toml",
        no_toml,
        "pack.toml:1:1: missing: a pack needs a pack.toml",
    );
    broken(
        "bad-toml",
        with(&good, "pack.toml", "id = \"x\"\nversion = \n"),
        "pack.toml:2:",
    );
    let manifest = String::from_utf8(good["pack.toml"].to_vec()).unwrap();
    let tweak = |from: &str, to: &str| with(&good, "pack.toml", &manifest.replace(from, to));
    broken(
        "format-2",
        tweak("format = 1", "format = 2"),
        "pack format 2 is not supported",
    );
    broken(
        "newer-meshlab",
        tweak("min_meshlab = \"0.1.0\"", "min_meshlab = \"99.0.0\""),
        "this pack needs meshlab 99.0.0 or newer; this is meshlab 0.1.0",
    );
    broken(
        "bad-min-meshlab",
        tweak("min_meshlab = \"0.1.0\"", "min_meshlab = \"soon\""),
        "is not a version like 0.1.0",
    );
    broken(
        "bad-pack-id",
        tweak("id = \"example-pack\"", "id = \"Example Pack\""),
        "pack id `Example Pack`",
    );
    broken(
        "unknown-key",
        tweak("author = ", "homepage = \"x\"\nauthor = "),
        "unknown field `homepage`",
    );
    let mut bin = good.clone();
    bin.insert("pack.toml".into(), Cow::Owned(b"id = \"\xff\"".to_vec()));
    broken("invalid-utf8", bin, "pack.toml:1:7: invalid UTF-8");
    let retry = String::from_utf8(good["exercises/retry-layers.toml"].to_vec()).unwrap();
    let ex = |from: &str, to: &str| {
        with(
            &good,
            "exercises/retry-layers.toml",
            &retry.replace(from, to),
        )
    };
    broken(
        "exercise-bad-toml",
        ex("difficulty = 2", "difficulty = "),
        "exercises/retry-layers.toml:",
    );
    broken(
        "exercise-wrong-check",
        ex("answer = { number = 36 }", "answer = { number = 35 }"),
        "should grade 100",
    );
    broken(
        "missing-scenario",
        with(
            &good,
            "exercises/checkout-blocked.toml",
            &String::from_utf8(good["exercises/checkout-blocked.toml"].to_vec())
                .unwrap()
                .replace("scenarios/shop.yaml", "scenarios/gone.yaml"),
        ),
        "`scenarios/gone.yaml`: no such file in the pack",
    );

    // The validator's authoring rules (issue 17): each refuses the pack at its place.
    let business = String::from_utf8(good["exercises/business-permission.toml"].to_vec()).unwrap();
    let bp = |from: &str, to: &str| {
        assert!(business.contains(from), "{from}");
        with(
            &good,
            "exercises/business-permission.toml",
            &business.replacen(from, to, 1),
        )
    };
    broken(
        "lesson-nowhere",
        bp("lesson = \"09-enforcement-points\"", "lesson = \"99-nope\""),
        "exercises/business-permission.toml:7:1: business-permission: lesson `99-nope` is neither in the course nor in this pack's lessons/",
    );
    // A choice no check names still has to load: it is what a learner may pick.
    let mut unloadable = bp(
        "[[probes]]",
        "[[choices]]\nid = \"edge\"\npoint = \"edge-gateway\"\napply = [\"scenarios/broken.yaml\"]\nlabel = { id = \"Edge\", en = \"Edge\" }\nfeedback = { id = \"-\", en = \"-\" }\n\n[[probes]]",
    );
    unloadable.insert(
        "scenarios/broken.yaml".into(),
        Cow::Owned(b"apiVersion: v1\nkind: [Service\n".to_vec()),
    );
    broken(
        "unchecked-choice-does-not-load",
        unloadable,
        "business-permission: choice `edge`: the manifests do not load: scenarios/broken.yaml:2:",
    );
    broken(
        "no-reference",
        bp(
            "[[checks]]\nanswer = { choice = \"application\" }\ngrade = 100\n",
            "",
        ),
        "business-permission: no reference answer grading 100 in [[checks]]",
    );
    broken(
        "no-wrong-answer",
        ex("[[checks]]\nanswer = { number = 18 }\ngrade = 0\n", ""),
        "exercises/retry-layers.toml:41:1: retry-layers: no known-wrong answer that fails (below 60)",
    );
    broken(
        "bad-protocol",
        bp(
            "port = 8080\nmethod = \"POST\"",
            "port = 8080\nprotocol = \"HTTP\"\nmethod = \"POST\"",
        ),
        "probe `unassigned-officer-approves`: protocol `HTTP` is not TCP, UDP, SCTP or ICMP",
    );
    broken(
        "feedback-of-another-kind",
        bp(
            "[[probes]]",
            "[[feedback]]\nnumber = 3\ntext = { id = \"x\", en = \"x\" }\n\n[[probes]]",
        ),
        "[[feedback]] `number` does not apply to this kind of exercise",
    );
    broken(
        "feedback-matching-nothing",
        ex(
            "[[checks]]\nanswer = { number = 36 }",
            "[[feedback]]\ntext = { id = \"x\", en = \"x\" }\n\n[[checks]]\nanswer = { number = 36 }",
        ),
        "each [[feedback]] needs `text` and at least one of",
    );
    broken(
        "bad-design",
        ex("difficulty = 2", "difficulty = 2\ndesign = \"consul\""),
        "design `consul` is not one of: linkerd, cilium, istio-sidecar, istio-ambient, sidecarless, sidecar",
    );
    broken(
        "pass-mark-over-100",
        tweak("author = ", "pass_mark = 150\nauthor = "),
        "pack.toml:11:1: pass_mark is a grade from 0 to 100",
    );
    broken(
        "bad-due",
        tweak("author = ", "due = \"soon\"\nauthor = "),
        "due `soon` is not an RFC 3339 time",
    );
    broken(
        "unknown-outcome",
        bp(
            "expect = \"denied\"",
            "expect = \"denied\"\noutcome = \"refsued\"",
        ),
        "should grade 100 but grades 0",
    );

    let lesson = "lessons/part-901/en/01-retry-budget.md";
    let text = String::from_utf8(good[lesson].to_vec()).unwrap();
    broken(
        "lesson-front-matter",
        with(&good, lesson, &text.replace("section = 1", "section = 2")),
        "lessons/part-901/en/01-retry-budget.md:2:1: front matter differs",
    );
    let mut one_language = good.clone();
    one_language.remove("lessons/part-901/id/01-retry-budget.md");
    broken(
        "lesson-one-language",
        one_language,
        "lessons/part-901/id/01-retry-budget.md:1:1: missing: every lesson must exist in both languages",
    );

    let count = cases.len();
    for (name, archive, needle) in cases {
        install_refused(w, name, &archive, needle);
    }
    // The archive-size limit is checked before anything is read.
    let huge = w.join("huge.tar.gz");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len((16 << 20) + 1).unwrap();
    refused(
        &meshlab(&w.join("d"), &["pack", "install", huge.to_str().unwrap()]),
        "huge",
        "larger than the 16 MiB limit",
    );
    // Folders are measured before they are read.
    let big = w.join("big-folder");
    std::fs::create_dir_all(big.join("scenarios")).unwrap();
    for i in 0..17 {
        let f = std::fs::File::create(big.join(format!("scenarios/{i}.yaml"))).unwrap();
        f.set_len(1 << 20).unwrap();
    }
    refused(
        &meshlab(&w.join("d"), &["pack", "install", big.to_str().unwrap()]),
        "big-folder",
        "more than 16777216 bytes unpacked",
    );
    assert!(
        !w.join("d/packs").exists()
            || std::fs::read_dir(w.join("d/packs"))
                .unwrap()
                .next()
                .is_none()
    );
    assert!(count + 2 >= 41, "the corpus has {} cases", count + 2);
}

#[test]
fn bad_submissions_are_refused_with_exit_2() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let pack = Pack::from_files(example()).unwrap();
    let good = serde_json::to_value(Submission::new(
        &pack,
        &Progress::default(),
        "ana",
        time::OffsetDateTime::UNIX_EPOCH,
    ))
    .unwrap();
    let pack_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/example-pack");
    let set = |key: &str, value: serde_json::Value| {
        let mut v = good.clone();
        let (obj, key) = match key.split_once('.') {
            Some((outer, inner)) => (&mut v[outer], inner),
            None => (&mut v, key),
        };
        obj[key] = value;
        serde_json::to_vec(&v).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "checksum",
            set("pack.checksum", "0".repeat(64).into()),
            "but this pack's checksum is",
        ),
        (
            "wrong-pack",
            set("pack.id", "other".into()),
            "is for pack `other`, not `example-pack`",
        ),
        (
            "format",
            set("format", 9.into()),
            "submission format 9 is not supported",
        ),
        (
            "unknown-field",
            set("grade", 100.into()),
            "unknown field `grade`",
        ),
        (
            "bad-json",
            b"{\n  \"format\": 1,\n  oops\n}".to_vec(),
            "ana.json:3:3: not a meshlab submission",
        ),
        (
            "invalid-utf8",
            b"{\"learner\": \"\xff\"}".to_vec(),
            "invalid UTF-8",
        ),
        (
            "too-large",
            vec![b' '; (4 << 20) + 1],
            "larger than the 4 MiB limit",
        ),
        (
            "bad-time",
            set("created", "yesterday".into()),
            "not a meshlab submission",
        ),
    ];
    for (name, bytes, needle) in cases {
        let dir = w.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ana.json"), bytes).unwrap();
        let args = [
            "grade",
            "--pack",
            pack_dir.to_str().unwrap(),
            "--submissions",
            dir.to_str().unwrap(),
        ];
        refused(&meshlab(&w.join("data"), &args), name, needle);
    }
    let empty = w.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let args = [
        "grade",
        "--pack",
        pack_dir.to_str().unwrap(),
        "--submissions",
        empty.to_str().unwrap(),
    ];
    refused(
        &meshlab(&w.join("data"), &args),
        "empty",
        "no submissions (*.json)",
    );
    let args = [
        "grade",
        "--pack",
        "no-such-pack",
        "--submissions",
        empty.to_str().unwrap(),
    ];
    refused(
        &meshlab(&w.join("data"), &args),
        "unknown-pack",
        "`no-such-pack` is neither",
    );
}

/// What the validator only warns about: the pack validates, and `--strict` (for CI) refuses it,
/// each warning at its `file:line:column`, in both languages.
#[test]
fn warnings_pass_and_strict_refuses_them() {
    let work = tempfile::tempdir().unwrap();
    let good = example();
    let business = String::from_utf8(good["exercises/business-permission.toml"].to_vec()).unwrap();
    let scenario = |extra: &str, yaml: &str| {
        let mut f = with(
            &good,
            "exercises/business-permission.toml",
            &business.replacen(
                "scenario = [\"scenarios/cases.yaml\"]",
                &format!("scenario = [\"scenarios/cases.yaml\", \"scenarios/{extra}\"]"),
                1,
            ),
        );
        f.insert(
            format!("scenarios/{extra}"),
            Cow::Owned(yaml.as_bytes().to_vec()),
        );
        f
    };
    let retry = String::from_utf8(good["exercises/retry-layers.toml"].to_vec()).unwrap();
    let cases: Vec<(&str, Files, &str, &str)> = vec![
        (
            "selects-nothing",
            scenario(
                "typo.yaml",
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: typo\n  namespace: cases\nspec:\n  podSelector:\n    matchLabels: {app: sanction-servcie}\n  policyTypes: [Ingress]\n",
            ),
            "warning: scenarios/typo.yaml:4:3: business-permission: NetworkPolicy cases/typo selects no pod: it changes nothing",
            "tidak memilih pod apa pun",
        ),
        (
            "principal-of-nobody",
            scenario(
                "ghost.yaml",
                "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: no-ghosts\n  namespace: cases\nspec:\n  action: DENY\n  rules:\n    - from:\n        - source:\n            principals: [\"cluster.local/ns/cases/sa/ghost\"]\n",
            ),
            "warning: scenarios/ghost.yaml:4:3: business-permission: AuthorizationPolicy cases/no-ghosts names cluster.local/ns/cases/sa/ghost, which no pod runs as",
            "yang tidak dipakai pod mana pun",
        ),
        (
            "not-modeled",
            scenario(
                "dr.yaml",
                "apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: dr\n  namespace: cases\nspec:\n  configPatches: []\n",
            ),
            "warning: scenarios/dr.yaml:1:1: business-permission: EnvoyFilter cases/dr (networking.istio.io/v1alpha3): kind not modeled by meshlab, skipped",
            "peringatan: scenarios/dr.yaml:1:1",
        ),
        (
            "missing-translation",
            with(
                &good,
                "exercises/retry-layers.toml",
                &retry.replacen("id = \"Retry berlapis\"", "id = \"\"", 1),
            ),
            "warning: exercises/retry-layers.toml:",
            "terjemahan `id` kosong: title",
        ),
    ];
    for (name, files, en, id) in cases {
        let dir = work.path().join(name);
        for (path, bytes) in &files {
            let target = dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
        let path = dir.to_str().unwrap();
        let data = work.path().join("data");
        let o = meshlab(&data, &["pack", "validate", path]);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{name}: {stderr}");
        assert!(stderr.contains(en), "{name}: expected `{en}` in: {stderr}");
        refused(
            &meshlab(&data, &["pack", "validate", path, "--strict"]),
            name,
            "warnings count as errors (--strict)",
        );
        let o = Command::new(env!("CARGO_BIN_EXE_meshlab"))
            .args(["pack", "validate", path, "--lang", "id"])
            .env("MESHLAB_CONFIG_DIR", "/nonexistent")
            .env("MESHLAB_DATA_DIR", &data)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(id), "{name}: expected `{id}` in: {stderr}");
    }
    // Opting out of a wrong answer is the author's call.
    let optional = with(
        &good,
        "exercises/retry-layers.toml",
        &retry
            .replacen("[[checks]]\nanswer = { number = 18 }\ngrade = 0\n", "", 1)
            .replacen(
                "difficulty = 2",
                "difficulty = 2\nwrong_answer_optional = true",
                1,
            ),
    );
    let dir = work.path().join("optional");
    for (path, bytes) in &optional {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let o = meshlab(
        &work.path().join("data"),
        &["pack", "validate", dir.to_str().unwrap(), "--strict"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
