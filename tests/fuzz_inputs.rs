//! Hostile input for every parser: the real files under `lessons/` and `exercises/`, mutated byte
//! by byte, plus generated text. The invariant for each input: no panic, no hang (each input is
//! bounded in time), and a rejection is an error that names a line and a column.
//!
//! CI runs a short fixed-seed pass. For a long run (the figures in docs/RELIABILITY.md):
//!
//! ```sh
//! MESHLAB_FUZZ_CASES=1000000 MESHLAB_FUZZ_SEED=7 cargo test --release --test fuzz_inputs
//! ```

use std::path::Path;
use std::time::{Duration, Instant};

use meshlab::content::Catalog;
use meshlab::content::render::{self, Document, RenderOptions};
use meshlab::drill::exercise::{Answer, Exercise};
use meshlab::drill::grade;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::settings::Config;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::faulty::Faulty;

/// Inputs per parser: a quick pass by default, many more when asked.
fn cases() -> usize {
    std::env::var("MESHLAB_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Any single input taking this long is a hang, not slowness.
const HANG: Duration = Duration::from_secs(5);

/// SplitMix64: the same seed gives the same inputs on every machine.
struct Rng(u64);

impl Rng {
    fn seeded(salt: u64) -> Rng {
        let seed = std::env::var("MESHLAB_FUZZ_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        Rng(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that break parsers in interesting ways.
const SPLICES: [&[u8]; 14] = [
    b"\n",
    b"\"",
    b"[",
    b"]]",
    b"{",
    b"}",
    b"+++\n",
    b"```",
    b"|",
    b"\xff\xfe",
    b"\t",
    b"\x1b[2J",
    b"- ",
    b"&a *a ",
];

/// One random edit: flip, delete, duplicate a range, splice a token, or truncate.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 if at < out.len() => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            2 if at < out.len() => {
                let end = (at + rng.below(256)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
            3 => {
                let token = SPLICES[rng.below(SPLICES.len())];
                out.splice(at..at, token.iter().copied());
            }
            _ => out.truncate(at),
        }
    }
    out
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < HANG, "{what}: took {:?}", start.elapsed());
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn lessons_with_front_matter() {
    let lessons = root().join("lessons");
    let originals = files_under(&lessons, "md");
    let mut rng = Rng::seeded(1);
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part-023");
    std::fs::create_dir_all(part.join("id")).unwrap();
    std::fs::create_dir_all(part.join("en")).unwrap();
    std::fs::copy(lessons.join("part-023/part.toml"), part.join("part.toml")).unwrap();
    for i in 0..cases() {
        let src = &originals[rng.below(originals.len())];
        let bytes = mutate(&mut rng, &std::fs::read(src).unwrap());
        // One lesson per language, the mutated one in English.
        let _ = std::fs::remove_dir_all(part.join("en"));
        let _ = std::fs::remove_dir_all(part.join("id"));
        std::fs::create_dir_all(part.join("id")).unwrap();
        std::fs::create_dir_all(part.join("en")).unwrap();
        std::fs::write(part.join("en/01-x.md"), &bytes).unwrap();
        std::fs::copy(src, part.join("id/01-x.md")).unwrap();
        let what = format!("lesson case {i} from {}", src.display());
        match timed(&what, || Catalog::from_dir(dir.path())) {
            Err(e) => assert!(e.line >= 1 && e.column >= 1, "{what}: {e}"),
            Ok(cat) => {
                for lesson in cat.lessons() {
                    let width = 1 + rng.below(200) as u16;
                    let laid = timed(&what, || {
                        render::layout(
                            &lesson.text(meshlab::i18n::Lang::En).doc,
                            RenderOptions::new(width, true, Lang::En),
                        )
                    });
                    for line in &laid.lines {
                        assert!(line.width() <= usize::from(width), "{what}: width {width}");
                    }
                }
            }
        }
    }
}

#[test]
fn markdown_of_any_bytes() {
    let mut rng = Rng::seeded(2);
    for _ in 0..cases() {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let pick = rng.below(20);
                if pick < 14 {
                    SPLICES[pick].first().copied().unwrap_or(b' ')
                } else {
                    b"ab #>*`|-1.\n "[rng.below(13)]
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let width = 1 + rng.below(120) as u16;
        let doc = timed("markdown", || Document::parse(&text));
        let laid = timed("layout", || {
            render::layout(&doc, RenderOptions::new(width, false, Lang::En))
        });
        assert!(laid.lines.iter().all(|l| l.width() <= usize::from(width)));
    }
}

#[test]
fn exercise_files_and_packs() {
    let pack_root = root().join("exercises/part-023");
    let originals = files_under(&pack_root.join("exercises"), "toml");
    let mut rng = Rng::seeded(3);
    for i in 0..cases() {
        let src = &originals[rng.below(originals.len())];
        let bytes = mutate(&mut rng, &std::fs::read(src).unwrap());
        let what = format!("exercise case {i} from {}", src.display());
        // The file alone: parsed, or a located error.
        match std::str::from_utf8(&bytes) {
            Err(_) => {}
            Ok(text) => {
                if let Err(e) = toml::from_str::<Exercise>(text) {
                    assert!(e.span().is_some() || text.is_empty(), "{what}: {e}");
                }
            }
        }
        // Inside a pack: the loader reports located errors and never panics.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("exercises")).unwrap();
        std::fs::create_dir_all(dir.path().join("scenarios")).unwrap();
        std::fs::copy(pack_root.join("pack.toml"), dir.path().join("pack.toml")).unwrap();
        for s in files_under(&pack_root.join("scenarios"), "yaml") {
            std::fs::copy(
                &s,
                dir.path().join("scenarios").join(s.file_name().unwrap()),
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("exercises/x.toml"), &bytes).unwrap();
        match timed(&what, || Pack::from_dir(dir.path())) {
            Err(errors) => {
                for e in errors {
                    let placed = e.at.is_some_and(|(line, column)| line >= 1 && column >= 1);
                    assert!(placed, "{what}: {}", e.text(meshlab::i18n::Lang::En));
                }
            }
            Ok(pack) => {
                for ex in &pack.exercises {
                    for check in &ex.checks {
                        let _ = timed(&what, || grade::grade(&pack, ex, &check.answer));
                    }
                }
            }
        }
    }
}

#[test]
fn learner_answers() {
    let pack = Pack::builtin().unwrap();
    let mut rng = Rng::seeded(4);
    let seeds = [
        "choice = \"application\"\n",
        "choice = \"injection-drift\"\nfix = \"rollout-restart\"\n",
        "number = 48\n",
    ];
    for i in 0..cases() {
        let seed = seeds[rng.below(seeds.len())];
        let bytes = mutate(&mut rng, seed.as_bytes());
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let ex = &pack.exercises[rng.below(pack.exercises.len())];
        match toml::from_str::<Answer>(text) {
            Err(e) => assert!(e.span().is_some(), "answer case {i}: {e}"),
            Ok(answer) => {
                let _ = timed("grade", || grade::grade(&pack, ex, &answer));
            }
        }
    }
}

#[test]
fn scenario_files_and_manifests() {
    let scenarios = root().join("exercises/part-023/scenarios");
    let tomls = files_under(&scenarios, "toml");
    let yamls = files_under(&scenarios, "yaml");
    let mut rng = Rng::seeded(5);
    for i in 0..cases() {
        let src = &tomls[rng.below(tomls.len())];
        let bytes = mutate(&mut rng, &std::fs::read(src).unwrap());
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Err(e) = timed("scenario", || Scenario::parse("s.toml", text))
        {
            assert!(e.line >= 1 && e.column >= 1, "scenario case {i}: {e}");
        }
        let src = &yamls[rng.below(yamls.len())];
        let bytes = mutate(&mut rng, &std::fs::read(src).unwrap());
        let source = Source {
            name: "m.yaml".into(),
            bytes,
        };
        let what = format!("manifest case {i} from {}", src.display());
        match timed(&what, || load::load(&[source], &LoadOptions::default())) {
            Err(e) => assert!(e.line >= 1 && e.column >= 1, "{what}: {e}"),
            Ok(cluster) => {
                // Whatever loaded can be probed and inspected without panicking.
                let lab = meshlab::sim::tools::Lab::new(
                    Faulty::new(cluster, vec![]),
                    vec![],
                    Default::default(),
                );
                for cmd in meshlab::sim::tools::EXAMPLES {
                    let _ = timed(&what, || meshlab::sim::tools::run(&lab, cmd));
                }
            }
        }
    }
}

#[test]
fn config_files() {
    let mut rng = Rng::seeded(6);
    for i in 0..cases() {
        let bytes = mutate(&mut rng, b"lang = \"id\"\n");
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Err(e) = toml::from_str::<Config>(text)
        {
            assert!(e.span().is_some(), "config case {i}: {e}");
        }
    }
}

#[test]
fn adr_markdown() {
    let pack = Pack::builtin().unwrap();
    let answers = files_under(&root().join("exercises/part-023/answers"), "md");
    let adr_drills: Vec<_> = pack
        .exercises
        .iter()
        .filter(|e| e.kind == meshlab::drill::exercise::Kind::Adr)
        .collect();
    assert!(!adr_drills.is_empty() && !answers.is_empty());
    let mut rng = Rng::seeded(7);
    for i in 0..cases() {
        let src = &answers[rng.below(answers.len())];
        let bytes = mutate(&mut rng, &std::fs::read(src).unwrap());
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let ex = adr_drills[rng.below(adr_drills.len())];
        let what = format!("adr case {i} from {}", src.display());
        if let Err(e) = timed(&what, || {
            meshlab::drill::adr::grade(&pack, ex, "adr.md", text)
        }) {
            // A rejected ADR names where: `adr.md:LINE:COLUMN: …` (or the whole file).
            assert!(e.to_string().starts_with("adr.md"), "{what}: {e}");
        }
    }
}
