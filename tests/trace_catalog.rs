//! The trace catalog (`assets/i18n/trace.toml`) covers what the simulator says: every hop
//! reason, requirement observation and fault note that the built-in drills (reference and
//! known-wrong answers, the console's traffic) and the scenarios (each under its own and every
//! mesh profile) produce has an Indonesian entry. An unmatched sentence is printed so it can be
//! added. The oracle harnesses (`tests/oracle_*.rs`) check their cases' hop reasons the same
//! way (`common::Untranslated`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use meshlab::drill::grade::{self, Detail, Report};
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::i18n::trace::{self, Catalog};
use meshlab::sim::eval::outcome::ProbeResult;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::faulty::Faulty;
use meshlab::sim::scenario::run;

/// Every sentence seen, with one place it came from.
#[derive(Default)]
struct Corpus {
    /// Whole sentences (hop reasons, observations, notes).
    plain: BTreeMap<String, String>,
    /// `label: sentence` lines (flow summaries, selection cells).
    labeled: BTreeMap<String, String>,
}

impl Corpus {
    fn add(&mut self, text: &str, from: &str) {
        if !text.is_empty() {
            self.plain
                .entry(text.to_owned())
                .or_insert_with(|| from.to_owned());
        }
    }

    fn labeled(&mut self, text: &str, from: &str) {
        self.labeled
            .entry(text.to_owned())
            .or_insert_with(|| from.to_owned());
    }

    fn result(&mut self, r: &ProbeResult, from: &str) {
        for h in &r.hops {
            self.add(&h.reason, from);
        }
    }

    fn report(&mut self, r: &Report, from: &str) {
        for p in &r.probes {
            for h in &p.hops {
                self.add(&h.reason, from);
            }
        }
        match &r.detail {
            Some(Detail::Adr(a)) => {
                for req in &a.requirements {
                    self.add(&req.observed, from);
                    if let Some(h) = &req.stopped_hop {
                        self.add(&h.reason, from);
                    }
                }
            }
            Some(Detail::Selection(t)) => {
                for row in &t.rows {
                    for c in &row.cells {
                        for o in &c.observed {
                            self.labeled(o, from);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn builtin_drills(corpus: &mut Corpus) -> usize {
    let pack = Pack::builtin().expect("built-in pack");
    let mut graded = 0;
    for ex in &pack.exercises {
        for (i, check) in ex.checks.iter().enumerate() {
            let r = grade::grade(&pack, ex, &check.answer)
                .unwrap_or_else(|e| panic!("{} check {i}: {e:?}", ex.id));
            corpus.report(&r, &format!("drill {} check {i}", ex.id));
            graded += 1;
        }
        if let Ok((sim, probes)) = grade::investigate(&pack, ex) {
            for n in &sim.notes {
                corpus.add(n, &format!("drill {} notes", ex.id));
            }
            for p in &probes {
                if let Ok(r) = sim.probe(p) {
                    corpus.result(&r, &format!("drill {} console", ex.id));
                }
            }
        }
    }
    graded
}

fn lab_scenarios(corpus: &mut Corpus) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/part-023/scenarios");
    let mut runs = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    for path in names {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario = Scenario::parse(&file, &text).unwrap();
        let sources: Vec<Source> = scenario
            .manifests
            .iter()
            .map(|m| Source {
                name: m.clone(),
                bytes: std::fs::read(dir.join(m)).unwrap(),
            })
            .collect();
        let meshes =
            std::iter::once(scenario.mesh).chain(Profile::ALL.iter().map(|m| Profile::parse(m)));
        for mesh in meshes {
            let Ok(cluster) = load::load(&sources, &LoadOptions { mesh }) else {
                continue;
            };
            let sim = Faulty::new(cluster, scenario.faults.clone());
            let from = format!("{file} mesh {mesh:?}");
            for n in &sim.notes {
                corpus.add(n, &from);
            }
            let report = run::run(&sim, &scenario, 20, scenario.seed).unwrap();
            runs += 1;
            for f in &report.flows {
                corpus.labeled(&f.summary, &from);
            }
            for i in &report.invariants {
                corpus.add(&i.observed, &from);
            }
            for t in &scenario.traffic {
                let probe = Probe {
                    from: t.from.clone(),
                    to: t.to.clone(),
                    port: t.port,
                    method: t.method.clone(),
                    path: t.path.clone(),
                    headers: t.headers.clone().into_iter().collect(),
                    delay_ms: t.delay_ms,
                    count: 1,
                    ..Probe::default()
                };
                if let Ok(r) = sim.probe(&probe) {
                    corpus.result(&r, &from);
                }
            }
        }
    }
    runs
}

#[test]
fn the_catalog_covers_everything_the_simulator_says() {
    let catalog = trace::builtin().expect("assets/i18n/trace.toml loads");
    let mut corpus = Corpus::default();
    let graded = builtin_drills(&mut corpus);
    let runs = lab_scenarios(&mut corpus);
    if std::env::var_os("MESHLAB_TRACE_DUMP").is_some() {
        for (s, from) in corpus.plain.iter().chain(&corpus.labeled) {
            println!("{s}\t{from}");
            println!("  → {}", trace::localize_labeled(s, Lang::Id));
        }
    }
    let mut unmatched = BTreeSet::new();
    let mut ambiguous = Vec::new();
    for (text, from) in &corpus.plain {
        check(catalog, text, from, &mut unmatched, &mut ambiguous);
    }
    // As `localize_labeled` reads them: the sentence after the label, else the whole line.
    for (text, from) in &corpus.labeled {
        match text.split_once(": ") {
            Some((_, rest)) if !catalog.matching(rest).is_empty() || catalog.is_verbatim(rest) => {
                check(catalog, rest, from, &mut unmatched, &mut ambiguous);
            }
            _ => check(catalog, text, from, &mut unmatched, &mut ambiguous),
        }
    }
    // Entries written from reading `src/sim/` that this corpus does not reach (the oracle
    // cases and other manifests may): listed, not a failure.
    let reached: BTreeSet<&str> = corpus
        .plain
        .keys()
        .chain(corpus.labeled.keys())
        .flat_map(|t| {
            let rest = t.split_once(": ").map_or("", |(_, r)| r);
            let mut m = catalog.matching(t);
            m.extend(catalog.matching(rest));
            m
        })
        .collect();
    let unreached: Vec<&str> = catalog
        .templates()
        .filter(|t| !reached.contains(t))
        .collect();
    println!("not reached by this corpus: {unreached:#?}");
    println!(
        "corpus: {graded} graded answers, {runs} scenario runs; {} sentences, {} labeled lines; \
         {} catalog entries",
        corpus.plain.len(),
        corpus.labeled.len(),
        catalog.len()
    );
    assert!(
        unmatched.is_empty(),
        "{} sentences have no entry in assets/i18n/trace.toml:\n{}",
        unmatched.len(),
        unmatched.into_iter().collect::<Vec<_>>().join("\n")
    );
    assert!(ambiguous.is_empty(), "ambiguous:\n{}", ambiguous.join("\n"));
}

fn check(
    catalog: &Catalog,
    text: &str,
    from: &str,
    unmatched: &mut BTreeSet<String>,
    ambiguous: &mut Vec<String>,
) {
    let m = catalog.matching(text);
    match m.as_slice() {
        [] if catalog.is_verbatim(text) => {}
        [] => {
            unmatched.insert(format!("{text}\t({from})"));
        }
        [_] => {}
        // Several fit: the first in file order wins, and it must be the most specific.
        [first, rest @ ..] => {
            if rest
                .iter()
                .any(|o| Catalog::literal_len(o) >= Catalog::literal_len(first))
            {
                ambiguous.push(format!("{text}: {m:?}"));
            }
        }
    }
}

#[test]
fn known_reasons_come_out_in_indonesian_with_their_values() {
    let id = |s: &str| trace::localize(s, Lang::Id).into_owned();
    assert_eq!(id("answers after 250 ms"), "menjawab setelah 250 ms");
    assert_eq!(
        id("kube-proxy picks a ready endpoint"),
        "kube-proxy memilih endpoint yang ready"
    );
    assert_eq!(
        id("Server ledger/ledger-api: allowed by AuthorizationPolicy ledger/writers"),
        "Server ledger/ledger-api: diizinkan oleh AuthorizationPolicy ledger/writers"
    );
    // A NetworkPolicy reason inside a CNI hop's reason is translated too.
    assert_eq!(
        id(
            "8080/TCP from pod web/frontend-0: ingress-isolated and no rule allows this peer and port"
        ),
        "8080/TCP dari pod web/frontend-0: pod terisolasi untuk ingress dan tidak ada rule yang \
         mengizinkan peer dan port ini"
    );
    // Values in a different order in Indonesian, and nested observations.
    assert_eq!(
        id("direct: denied (timeout); via deploy:shop/egress: allowed (HTTP 200)"),
        "langsung: ditolak (timeout); lewat deploy:shop/egress: diizinkan (HTTP 200)"
    );
    assert_eq!(
        id("allowed (HTTP 200), encrypted"),
        "diizinkan (HTTP 200), terenkripsi"
    );
    assert_eq!(
        id("no allow rule matched: packet dropped; the client times out"),
        "tidak ada rule allow yang cocok: paket dibuang; klien kena timeout"
    );
}

#[test]
fn english_is_untouched_and_unknown_text_passes_through() {
    let s = "answers after 250 ms";
    assert!(matches!(trace::localize(s, Lang::En), std::borrow::Cow::Borrowed(t) if t == s));
    let unknown = "a sentence the simulator never says";
    assert_eq!(trace::localize(unknown, Lang::Id), unknown);
    assert_eq!(trace::localize("", Lang::Id), "");
    // `label: sentence`: only the sentence is translated.
    assert_eq!(
        trace::localize_labeled("app shop/payment-0: HTTP 200", Lang::Id),
        "app shop/payment-0: HTTP 200"
    );
    assert_eq!(
        trace::localize_labeled(
            "kube-proxy: the Service has no ready endpoint for this port",
            Lang::Id
        ),
        "kube-proxy: Service ini tidak punya endpoint ready untuk port ini"
    );
}
