//! Class grading (issue 17): 500 learners × every built-in drill (47), each learner answering
//! with one of the drill's known answers, varied by learner: every ADR record is distinct (the
//! learner's own sentence under its title, and for a fifth of the class its own canary weight),
//! and retry numbers vary too, so the engine cannot grade a handful of answers once and reuse
//! them. `grade_class` grades the distinct answers on every core; ADR records that state the
//! same decision share its simulation, their prose is scored one by one.

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::drill::class;
use meshlab::drill::exercise::Kind;
use meshlab::drill::pack::Pack;
use meshlab::drill::submission::Submission;
use meshlab::i18n::Lang;
use meshlab::practice::progress::Progress;

const LEARNERS: usize = 500;

/// The canary weight learner `i` decides on: the model's 10 for most, 5 to 25 for a fifth.
fn weight(i: usize) -> usize {
    if i % 5 == 4 { 5 + (i / 5) % 5 * 5 } else { 10 }
}

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
                let answer = match (ex.kind, &check.answer.adr) {
                    (Kind::Adr, Some(path)) => {
                        let record = String::from_utf8_lossy(pack.file(path).expect("the record"))
                            .into_owned();
                        // The learner's own words under the title make every record distinct;
                        // a fifth of the class also picks its own canary weight.
                        let (title, rest) = record.split_once('\n').unwrap_or((&record, ""));
                        let rest = rest.replace("weight = 10", &format!("weight = {}", weight(i)));
                        format!("{title}\n\nReviewed by learner {i} with the team.\n{rest}")
                    }
                    (Kind::RetryBudget, _) if i % 3 == 0 => format!("number = {}", i % 60),
                    _ => toml::to_string(&check.answer).expect("answers serialize"),
                };
                sub.answers.insert(ex.id.clone(), answer);
            }
            (format!("learner-{i}.json"), sub)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pack = Pack::builtin().expect("the built-in pack loads");
    let subs = class(&pack, LEARNERS);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("packs");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(20));
    group.bench_function(
        format!(
            "grade_class_{LEARNERS}x{}_builtin_{cores}_cores",
            pack.exercises.len()
        ),
        |b| b.iter(|| class::grade_class(&pack, &subs, Lang::En)),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
