//! A review in the TUI asks a variant (issue #18 item 5): a drill passed before opens as the
//! variant its review asks (the one `meshlab next` shows), at 80×24 in Indonesian, its feedback
//! is the variant's, and the attempt records which variant was answered.

use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::clock::FixedClock;
use meshlab::practice::progress::Progress;
use meshlab::practice::reading::Reading;
use meshlab::practice::review_variant;
use meshlab::tui::action::{Action, Effect};
use meshlab::tui::app::{App, Screen};
use meshlab::tui::attempts::{Attempts, Graded, InMemory};
use meshlab::tui::update::update;
use time::OffsetDateTime;

mod support;
use support::{keys, screen};

/// 2026-03-02 09:00 UTC.
fn t0() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_772_442_000).unwrap()
}

const DRILL: &str = "ep-ledger-db-port";

/// The built-in pack at 80×24 in Indonesian, with `progress`, and drill [`DRILL`] opened from
/// the drill list by keys.
fn open(progress: Progress) -> App {
    let pack = Pack::builtin().unwrap();
    let index = pack.exercises.iter().position(|e| e.id == DRILL).unwrap();
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        Lang::Id,
        false,
        Reading::default(),
    )
    .with_pack(pack)
    .with_progress(progress)
    .with_start(t0(), time::UtcOffset::UTC);
    update(&mut app, Action::Resize(80, 24));
    keys(&mut app, "2g");
    let row = meshlab::tui::drill_list::shown(&app)
        .iter()
        .position(|d| d.index == index)
        .unwrap();
    keys(&mut app, &"j".repeat(row));
    keys(&mut app, "\n");
    assert_eq!(app.screen, Screen::Drill);
    app
}

fn graded(effects: &[Effect]) -> Graded {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::RecordAttempt(g) => Some(g.clone()),
            _ => None,
        })
        .expect("the answer was graded")
}

/// The whole drill screen, scrolled page by page (80×24 shows a part of it).
fn pages(app: &mut App) -> String {
    let mut all = screen(app);
    for _ in 0..8 {
        keys(app, "⇟");
        all.push_str(&screen(app));
    }
    all
}

#[test]
fn a_passed_drill_comes_back_as_its_variant_and_the_attempt_records_it() {
    // The first time: the drill as written (the database outside the mesh): the CNI holds.
    let mut first = open(Progress::default());
    assert!(screen(&first).contains("di-opt-out"), "{}", screen(&first));
    let written = graded(&keys(&mut first, "\n"));
    assert_eq!((written.grade, written.variant), (100, None));
    let mut recorder = InMemory::with_clock(Box::new(FixedClock::new(t0())));
    let mut progress = Progress::default();
    progress.merge(recorder.record(&written).unwrap().unwrap().progress);

    // The review: the database joined the mesh and the rule names one identity.
    let pack = Pack::builtin().unwrap();
    let seed = review_variant::seed(&progress, "part-023", pack.exercise(DRILL).unwrap(), t0());
    assert_ne!(seed, 0);
    let mut review = open(progress.clone());
    let s = screen(&review);
    assert!(s.contains("ter-inject"), "the variant is asked:\n{s}");
    assert!(!s.contains("di-opt-out"), "{s}");
    assert!(!s.contains('{'), "every placeholder filled:\n{s}");
    // The remembered answer (the CNI) is wrong here, and the feedback says why.
    let remembered = graded(&keys(&mut review, "\n"));
    assert_eq!((remembered.grade, remembered.variant), (0, Some(seed)));
    let result = pages(&mut review);
    assert!(result.contains("reports-to-db"), "{result}");
    assert!(
        result.contains("identitas mTLS"),
        "the variant's feedback:\n{result}"
    );

    // Another review (the same seed until an attempt is recorded): the mesh proxy holds.
    let mut again = open(progress);
    let right = graded(&keys(&mut again, "j\n"));
    assert_eq!((right.grade, right.variant), (100, Some(seed)));
    let kept = recorder.record(&right).unwrap().unwrap();
    assert_eq!(kept.attempt.variant, Some(seed));
}
