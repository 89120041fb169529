//! Per-command latency of the simulated tools on the section-16 lab under the five mesh
//! profiles (`scenarios/lab-*.toml`, their traffic sent): every command of the tour
//! (`tools::EXAMPLES`) and the ones that name the lab's pods, as the console runs them on a lab
//! it keeps (its traffic evaluated on the first command, which `first_command` measures).
//! Target (issue 15): under 5 ms for any command.
//!
//! `cargo bench --bench tools` (a filter narrows it: `-- tools/istio-sidecar`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::drill::pack::Pack;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::faulty::Faulty;
use meshlab::sim::tools::{self, Lab};

const PROFILES: [&str; 5] = [
    "none",
    "linkerd",
    "cilium",
    "istio-sidecar",
    "istio-ambient",
];

const POD_COMMANDS: [&str; 12] = [
    "kubectl get pod payment-0 -n shop -o yaml",
    "kubectl describe pod payment-0 -n shop",
    "kubectl logs payment-0 -n shop --all-containers",
    "kubectl logs ds/ztunnel -n istio-system",
    "istioctl proxy-config cluster payment-0.shop",
    "istioctl proxy-config secret payment-0 -n shop",
    "istioctl x describe pod payment-0 -n shop",
    "linkerd identity payment-0 -n shop",
    "linkerd viz stat deploy -n shop --from deploy/checkout",
    "linkerd viz tap deploy/payment -n shop",
    "linkerd diagnostics policy po/ledger-0 8080 -n ledger",
    "hubble observe --pod shop/payment --verdict FORWARDED",
];

fn scenario(profile: &str) -> (Faulty, Scenario) {
    let pack = Pack::builtin().expect("built-in pack");
    let path = format!("scenarios/lab-{profile}.toml");
    let text = std::str::from_utf8(pack.file(&path).expect("scenario")).expect("UTF-8");
    let scenario = Scenario::parse(&path, text).expect("parses");
    let sources: Vec<Source> = scenario
        .manifests
        .iter()
        .map(|m| {
            let p = format!("scenarios/{m}");
            Source {
                bytes: pack.file(&p).expect("manifest").to_vec(),
                name: p,
            }
        })
        .collect();
    let cluster = load::load(
        &sources,
        &LoadOptions {
            mesh: scenario.mesh,
        },
    )
    .expect("loads");
    (Faulty::new(cluster, scenario.faults.clone()), scenario)
}

fn commands(c: &mut Criterion) {
    for profile in PROFILES {
        let (sim, scen) = scenario(profile);
        let lab = Lab::of_scenario(sim.clone(), &scen);
        let mut group = c.benchmark_group(format!("tools/{profile}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(50))
            .measurement_time(Duration::from_millis(150));
        for line in tools::EXAMPLES.iter().chain(POD_COMMANDS.iter()) {
            group.bench_function(*line, |b| b.iter(|| black_box(tools::run(&lab, line))));
        }
        // A fresh lab: the first command evaluates the traffic and lists the pods.
        group.bench_function(
            "first_command kubectl logs payment-0 --all-containers",
            |b| {
                b.iter_batched(
                    || Lab::of_scenario(sim.clone(), &scen),
                    |lab| {
                        black_box(tools::run(
                            &lab,
                            "kubectl logs payment-0 -n shop --all-containers",
                        ))
                    },
                    criterion::BatchSize::SmallInput,
                )
            },
        );
        group.finish();
    }
}

fn completion(c: &mut Criterion) {
    let (sim, scen) = scenario("istio-sidecar");
    let lab = Lab::of_scenario(sim, &scen);
    let mut group = c.benchmark_group("tools/complete");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(50))
        .measurement_time(Duration::from_millis(150));
    for line in [
        "kub",
        "kubectl get po",
        "kubectl logs -n shop pay",
        "hubble observe --ver",
    ] {
        group.bench_function(line, |b| b.iter(|| black_box(tools::complete(&lab, line))));
    }
    group.finish();
}

criterion_group!(benches, commands, completion);
criterion_main!(benches);
