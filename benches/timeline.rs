//! A 30-hour timeline with hourly steps on the section-16 lab (`sim run --until 30h`): istiod
//! lost at 0h, a rollout at 2h, a ztunnel-free sidecar mesh whose certificates expire one by
//! one, istiod back at 28h. Each step folds the events over the lab, then sends the scenario's
//! traffic (100 requests per edge) and checks its invariants. Target: under a second.

use std::collections::BTreeSet;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::drill::pack::Pack;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::steps;
use meshlab::sim::scenario::time::Time;
use meshlab::sim::scenario::timeline::Timeline;

const EVENTS: &str = r#"
[[events]]
at = "0"
type = "control-plane-down"

[[events]]
at = "2h"
type = "rolled-out"
workload = "shop/payment"

[[events]]
at = "28h"
type = "control-plane-up"
"#;

fn thirty_hours(c: &mut Criterion) {
    let pack = Pack::builtin().expect("built-in pack");
    let text = String::from_utf8(
        pack.file("scenarios/lab-istio-sidecar.toml")
            .expect("scenario")
            .to_vec(),
    )
    .expect("utf-8");
    let scenario = Scenario::parse("lab-istio-sidecar.toml", &format!("{text}\n{EVENTS}"))
        .expect("scenario parses");
    let lab = Source {
        name: "lab.yaml".into(),
        bytes: pack.file("scenarios/lab.yaml").expect("lab").to_vec(),
    };
    let options = LoadOptions {
        mesh: scenario.mesh,
    };
    let load = |_: &[String]| load::load(std::slice::from_ref(&lab), &options);
    let warm: BTreeSet<(String, String)> = scenario
        .traffic
        .iter()
        .map(|t| (t.from.clone(), t.to.clone()))
        .collect();
    let cluster = load(&[]).expect("lab loads");
    let timeline = Timeline::new(
        cluster,
        Vec::new(),
        scenario.events.clone(),
        scenario.mesh,
        warm,
        load,
    )
    .expect("timeline");
    c.bench_function("timeline 30h hourly on the section-16 lab", |b| {
        b.iter(|| {
            black_box(
                steps::steps(
                    &timeline,
                    &scenario,
                    100,
                    scenario.seed,
                    Time::hours(30),
                    Time::hours(1),
                )
                .map(|s| s.len()),
            )
        })
    });
}

criterion_group!(benches, thirty_hours);
criterion_main!(benches);
