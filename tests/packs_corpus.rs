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
    assert!(count + 2 >= 30, "the corpus has {} cases", count + 2);
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
