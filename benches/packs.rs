//! Class grading: 200 submissions of the built-in pack, each answering every exercise with
//! one of its known answers (reference or wrong, varying by learner), graded by the engine.

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::drill::class;
use meshlab::drill::pack::Pack;
use meshlab::drill::submission::Submission;
use meshlab::i18n::Lang;
use meshlab::practice::progress::Progress;

fn class(pack: &Pack, learners: usize) -> Vec<(String, Submission)> {
    (0..learners)
        .map(|i| {
            let mut sub = Submission::new(
                pack,
                &Progress::default(),
                &format!("learner-{i}"),
                time::OffsetDateTime::UNIX_EPOCH,
            );
            for ex in &pack.exercises {
                let check = &ex.checks[i % ex.checks.len()];
                let answer = toml::to_string(&check.answer).expect("answers serialize");
                sub.answers.insert(ex.id.clone(), answer);
            }
            (format!("learner-{i}.json"), sub)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pack = Pack::builtin().expect("the built-in pack loads");
    let subs = class(&pack, 200);
    let mut group = c.benchmark_group("packs");
    group.sample_size(10);
    group.bench_function("grade_class_200_builtin", |b| {
        b.iter(|| class::grade_class(&pack, &subs, Lang::En))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
