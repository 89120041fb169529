//! The realism suite (issues 13 and 14): upstream demo applications' own YAML, verbatim, and
//! what the upstream docs say happens at each step, each expectation cited.
//!
//! One folder per demo under `tests/realism/` (e.g. `istio-bookinfo/`), holding the upstream
//! files as fetched (their repository, path and commit in `case.toml`) and `case.toml`:
//!
//! ```toml
//! title = "Istio bookinfo: request routing"
//! source = "istio/istio samples/bookinfo @ <commit>; istio.io/latest/docs/tasks/traffic-management/request-routing/"
//! mesh = "istio-sidecar"            # --mesh for namespaces whose labels say nothing
//! kubectl_n = { "bookinfo.yaml" = "bookinfo" }  # files the docs apply with `kubectl -n NS`
//!
//! [[steps]]                         # cumulative: each step applies its files on top
//! apply = ["bookinfo.yaml", "destination-rule-all.yaml", "virtual-service-all-v1.yaml"]
//! remove = []                       # files of earlier steps taken away (kubectl delete)
//!                                   # `FILE@NS` = `kubectl apply -n NS -f FILE`: objects that
//!                                   # name no namespace land in NS
//!
//! [[steps.probes]]
//! from = "deploy:default/productpage-v1"
//! to = "reviews:9080"
//! method = "GET"
//! path = "/reviews/0"
//! headers = { end-user = "jason" }
//! count = 10
//! expect = { verdict = "allowed", status = 200, backend = "reviews-v2" }
//! cite = "request-routing: 'jason' sees black stars (reviews-v2)"
//! ```
//!
//! `expect` keys (all optional): `verdict`, `outcome`, `status`, `grpc_status`, `backend` (a
//! substring of every request's backend pod, i.e. of each key of `counts`), `shares` (backend
//! substring → fraction of the requests, ±0.05), `tries`, `encrypted`, `identity` (substring),
//! `decided_by` (substring of one entry), `warning` (substring of one load warning),
//! `rejected` (substring of one rejection), `header` (`{ name = value }` response headers),
//! `hop` (substring of one hop's reason: what a rewrite sends the backend, the ServiceProfile
//! route a request matched), `counts`
//! (`{ key substring = requests }`, e.g. `"mirror:default/foo-v2" = 4`).
//! The harness prints, per demo, probes passed / total, and fails on any miss with its cite.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use meshlab::sim::eval::outcome::ProbeResult;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::Cluster;
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::model::net::Protocol;
use meshlab::sim::scenario::probes::run_probes;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    title: String,
    source: String,
    mesh: Option<String>,
    /// File → namespace its objects without one are applied to (`kubectl -n NS apply -f`).
    #[serde(default)]
    kubectl_n: BTreeMap<String, String>,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    #[serde(default)]
    apply: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    probes: Vec<ProbeCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProbeCase {
    from: String,
    to: String,
    port: Option<u16>,
    protocol: Option<String>,
    method: Option<String>,
    path: Option<String>,
    host: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    delay_ms: u64,
    count: Option<u32>,
    expect: Expect,
    cite: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    verdict: Option<String>,
    outcome: Option<String>,
    status: Option<u16>,
    grpc_status: Option<u16>,
    backend: Option<String>,
    #[serde(default)]
    shares: BTreeMap<String, f64>,
    tries: Option<u32>,
    encrypted: Option<bool>,
    identity: Option<String>,
    decided_by: Option<String>,
    warning: Option<String>,
    rejected: Option<String>,
    #[serde(default)]
    header: BTreeMap<String, String>,
    hop: Option<String>,
    #[serde(default)]
    counts: BTreeMap<String, u64>,
}

fn demos() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realism");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.join("case.toml").exists());
    dirs.sort();
    dirs
}

fn load(
    dir: &Path,
    files: &[String],
    mesh: Option<Profile>,
    kubectl_n: &BTreeMap<String, String>,
) -> Result<Cluster, String> {
    let sources: Vec<Source> = files
        .iter()
        .map(|entry| {
            // `FILE@NS`, or a file listed in `kubectl_n`: applied as `kubectl apply -n NS`.
            let (f, ns) = entry.split_once('@').map_or(
                (entry.as_str(), kubectl_n.get(entry).map(String::as_str)),
                |(f, ns)| (f, Some(ns)),
            );
            std::fs::read_to_string(dir.join(f))
                .map(|text| Source {
                    name: f.to_owned(),
                    bytes: ns
                        .map_or(text.clone(), |ns| in_namespace(&text, ns))
                        .into_bytes(),
                })
                .map_err(|e| format!("{f}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    load::load(&sources, &LoadOptions { mesh }).map_err(|e| e.to_string())
}

/// `kubectl apply -n NS`: every top-level `metadata:` of a document that names no namespace
/// gets `namespace: NS`, indented like the line after it (the upstream samples write
/// block-style metadata at column 0).
fn in_namespace(text: &str, ns: &str) -> String {
    text.split("\n---")
        .map(|doc| {
            let lines: Vec<&str> = doc.lines().collect();
            let named = lines.iter().any(|l| {
                l.trim_start().starts_with("namespace:") && l.len() - l.trim_start().len() == 2
            });
            let mut out = Vec::with_capacity(lines.len() + 1);
            for (i, l) in lines.iter().enumerate() {
                out.push((*l).to_owned());
                if !named && l.trim_end() == "metadata:" {
                    let next = lines.get(i + 1).copied().unwrap_or("  ");
                    let indent = &next[..next.len() - next.trim_start().len()];
                    out.push(format!("{indent}namespace: {ns}"));
                }
            }
            out.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n---")
}

/// Every way `result` (and the load) misses `expect`.
fn misses(expect: &Expect, r: &ProbeResult, c: &Cluster) -> Vec<String> {
    let mut out = Vec::new();
    let json = serde_json::to_value(r).unwrap_or_default();
    let word = |key: &str| json[key].as_str().unwrap_or_default().to_owned();
    let mut check = |ok: bool, what: String| {
        if !ok {
            out.push(what);
        }
    };
    if let Some(v) = &expect.verdict {
        check(
            word("verdict") == *v,
            format!("verdict {} ≠ {v}", word("verdict")),
        );
    }
    if let Some(o) = &expect.outcome {
        check(
            word("outcome") == *o,
            format!("outcome {} ≠ {o}", word("outcome")),
        );
    }
    if let Some(s) = expect.status {
        check(r.status == Some(s), format!("status {:?} ≠ {s}", r.status));
    }
    if let Some(g) = expect.grpc_status {
        check(
            r.grpc_status == Some(g),
            format!("grpc_status {:?} ≠ {g}", r.grpc_status),
        );
    }
    if let Some(b) = &expect.backend {
        let all = !r.counts.is_empty()
            && r.counts
                .keys()
                .filter(|k| !k.starts_with("mirror:"))
                .all(|k| k.contains(b.as_str()));
        let pod = r
            .backend
            .as_ref()
            .is_some_and(|x| x.pod.contains(b.as_str()));
        check(
            all || (r.counts.len() <= 1 && pod),
            format!("backend {:?} ≠ {b}", r.counts),
        );
    }
    // Mirrored copies are not requests of the probe.
    let total: u64 = r
        .counts
        .iter()
        .filter(|(k, _)| !k.starts_with("mirror:"))
        .map(|(_, n)| n)
        .sum();
    for (b, want) in &expect.shares {
        let got: u64 = r
            .counts
            .iter()
            .filter(|(k, _)| k.contains(b.as_str()))
            .map(|(_, n)| n)
            .sum();
        let share = got as f64 / total.max(1) as f64;
        check(
            (share - want).abs() <= 0.05,
            format!("share of {b} {share:.2} ≠ {want} ({:?})", r.counts),
        );
    }
    if let Some(t) = expect.tries {
        check(r.tries == t, format!("tries {} ≠ {t}", r.tries));
    }
    if let Some(e) = expect.encrypted {
        check(r.encrypted == e, format!("encrypted {} ≠ {e}", r.encrypted));
    }
    if let Some(i) = &expect.identity {
        let got = r.client_identity.as_deref().unwrap_or("none");
        check(got.contains(i.as_str()), format!("identity {got} ≠ {i}"));
    }
    if let Some(d) = &expect.decided_by {
        check(
            r.decided_by.iter().any(|x| x.contains(d.as_str())),
            format!("decided_by {:?} ≠ {d}", r.decided_by),
        );
    }
    if let Some(w) = &expect.warning {
        check(
            c.warnings
                .iter()
                .any(|x| x.to_string().contains(w.as_str())),
            format!("no warning with {w:?}"),
        );
    }
    if let Some(x) = &expect.rejected {
        check(
            c.rejected
                .iter()
                .any(|r| r.to_string().contains(x.as_str())),
            format!("no rejection with {x:?}"),
        );
    }
    if let Some(h) = &expect.hop {
        check(
            r.hops.iter().any(|x| x.reason.contains(h.as_str())),
            format!("no hop with {h:?}"),
        );
    }
    for (key, want) in &expect.counts {
        let got: u64 = r
            .counts
            .iter()
            .filter(|(k, _)| k.contains(key.as_str()))
            .map(|(_, n)| n)
            .sum();
        check(
            got == *want,
            format!("{key}: {got} requests ≠ {want} ({:?})", r.counts),
        );
    }
    for (name, value) in &expect.header {
        // Header names are case-insensitive.
        let got = r
            .response_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v);
        check(
            got == Some(value),
            format!("header {name}: {got:?} ≠ {value}"),
        );
    }
    out
}

#[test]
fn upstream_demos_behave_as_their_docs_say() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let mut probes_total = 0;
    let demos = demos();
    assert!(!demos.is_empty(), "tests/realism holds the demos");
    for dir in demos {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(dir.join("case.toml")).unwrap();
        let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        assert!(!case.source.is_empty(), "{name}: cite the upstream source");
        let mesh = case
            .mesh
            .as_deref()
            .map(|m| Profile::parse(m).unwrap_or_else(|| panic!("{name}: unknown mesh {m}")));
        let mut applied: Vec<String> = Vec::new();
        let (mut passed, mut total) = (0, 0);
        for (s, step) in case.steps.iter().enumerate() {
            applied.retain(|f| !step.remove.contains(f));
            for f in &step.apply {
                applied.retain(|g| g != f);
                applied.push(f.clone());
            }
            let cluster = match load(&dir, &applied, mesh, &case.kubectl_n) {
                Ok(c) => c,
                Err(e) => {
                    failures.push(format!("{name} step {}: the load stops: {e}", s + 1));
                    total += step.probes.len();
                    continue;
                }
            };
            for p in &step.probes {
                total += 1;
                let probe = Probe {
                    from: p.from.clone(),
                    to: p.to.clone(),
                    port: p.port,
                    protocol: p.protocol.as_deref().map(|x| {
                        Protocol::parse_probe(x).unwrap_or_else(|| panic!("{name}: protocol {x}"))
                    }),
                    method: p.method.clone(),
                    path: p.path.clone(),
                    host: p.host.clone(),
                    headers: p.headers.clone().into_iter().collect(),
                    query: Vec::new(),
                    delay_ms: p.delay_ms,
                    count: p.count.unwrap_or(1).max(1),
                };
                match run_probes(&cluster, &[probe]) {
                    Ok(mut rep) => {
                        let r = rep.results.remove(0);
                        let m = misses(&p.expect, &r, &cluster);
                        if m.is_empty() {
                            passed += 1;
                        } else {
                            failures.push(format!(
                                "{name} step {}: {} → {}: {}\n    cite: {}",
                                s + 1,
                                p.from,
                                p.to,
                                m.join("; "),
                                p.cite
                            ));
                        }
                    }
                    Err(e) => failures.push(format!("{name} step {}: {e}", s + 1)),
                }
            }
        }
        probes_total += total;
        report.push(format!("{passed:>4}/{total:<4} {name} — {}", case.title));
    }
    println!(
        "realism suite, probes passed per demo:\n{}",
        report.join("\n")
    );
    println!("{probes_total} probes in all");
    assert!(
        failures.is_empty(),
        "{} probes differ from the upstream docs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
