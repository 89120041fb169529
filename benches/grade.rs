//! Grading the whole built-in pack: every reference and known-wrong answer of every exercise,
//! through the simulator (DESIGN.md §9 target: ≤ 200 ms); and one manifest answer on the
//! section-16 lab, as `meshlab grade ID --answer FILE.yaml` and every save in the TUI editor
//! run it (issue 20 target: < 50 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::drill::grade;
use meshlab::drill::pack::Pack;

fn grade_builtin_pack(c: &mut Criterion) {
    let pack = Pack::builtin().expect("built-in pack");
    let answers: usize = pack.exercises.iter().map(|e| e.checks.len()).sum();
    c.bench_function(
        &format!(
            "grade the built-in pack ({} exercises, {answers} answers)",
            pack.exercises.len()
        ),
        |b| {
            b.iter(|| {
                for ex in &pack.exercises {
                    for check in &ex.checks {
                        let _ = black_box(grade::grade(&pack, ex, &check.answer));
                    }
                }
            })
        },
    );
}

/// The scenario loaded twice (before and after the answer), five probes on each.
fn grade_manifest_on_the_lab(c: &mut Criterion) {
    let pack = Pack::builtin().expect("built-in pack");
    let ex = pack
        .exercise("mf-netpol-namespace-isolation")
        .expect("the drill");
    let answer = std::str::from_utf8(
        pack.file("answers/mf-netpol-namespace-isolation-shop-only.yaml")
            .expect("the answer"),
    )
    .unwrap()
    .to_string();
    c.bench_function("grade a manifest answer on the lab", |b| {
        b.iter(|| black_box(grade::grade_text(&pack, ex, "answer.yaml", &answer)))
    });
}

/// One cost answer: the lab loaded under five designs, its six streams sent through each, and
/// the figure compared (the TUI grades on Enter, so this is the learner's wait).
fn grade_one_cost_answer(c: &mut Criterion) {
    let pack = Pack::builtin().expect("built-in pack");
    let ex = pack
        .exercises
        .iter()
        .find(|e| e.id == "cost-sidecar-tax-cpu")
        .expect("the cost drill");
    let answer = meshlab::drill::exercise::Answer {
        number: Some(1400),
        ..Default::default()
    };
    c.bench_function("grade one cost answer (lab, 5 designs)", |b| {
        b.iter(|| black_box(grade::grade(&pack, ex, &answer)))
    });
}

criterion_group!(
    benches,
    grade_builtin_pack,
    grade_manifest_on_the_lab,
    grade_one_cost_answer
);
criterion_main!(benches);
