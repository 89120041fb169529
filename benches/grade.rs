//! Grading the whole built-in pack: every reference and known-wrong answer of every exercise,
//! through the simulator (DESIGN.md §9 target: ≤ 200 ms).

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

criterion_group!(benches, grade_builtin_pack);
criterion_main!(benches);
