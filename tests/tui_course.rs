//! The way through the course (issue 18, items 1–3): where the learner stands on the drill
//! list and the home screen, what to do next, the end-of-lesson offer, a result's next drill,
//! and practice sessions that explain themselves — driven through the real key map, with the
//! loop's recording step played by an in-memory recorder on the app's clock.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration as StdDuration;

use crossterm::event::{Event, KeyEvent, KeyModifiers};
use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::clock::{Clock, FixedClock};
use meshlab::practice::progress::{Draft, Id, Progress, SkipKind};
use meshlab::practice::reading::Reading;
use meshlab::practice::skills::Skill;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::{App, Screen, Tab};
use meshlab::tui::attempts::{Attempts, InMemory};
use meshlab::tui::update::update;
use time::{Duration, OffsetDateTime};

mod support;
use support::{key_code, screen};

/// 2026-03-02 09:00 UTC.
fn t0() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_772_442_000).unwrap()
}

fn mini() -> Pack {
    Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini"))
        .unwrap()
}

/// One attempt at `drill` of the mini pack, finished `ago` before `t0()`.
fn attempt(p: &mut Progress, drill: &str, skills: &[Skill], score: u8, ago: Duration) {
    let at = t0() - ago;
    p.record(
        Draft {
            drill: Id::new(drill).unwrap(),
            pack: Id::new("mini").unwrap(),
            skills: skills.to_vec(),
            started: at - Duration::minutes(4),
            score,
            passed: score >= 70,
            hints: vec![],
            answer: String::new(),
            variant: None,
        },
        &FixedClock::new(at),
    );
}

/// Business permission passed this morning; checkout failed three days ago (due since);
/// retry layers never tried.
pub fn some_progress() -> Progress {
    let mut p = Progress::default();
    attempt(
        &mut p,
        "business-permission",
        &[Skill::Authorization],
        90,
        Duration::hours(1),
    );
    attempt(
        &mut p,
        "checkout-blocked",
        &[Skill::FailureIsolation],
        20,
        Duration::days(3),
    );
    p
}

struct AppTime(Rc<Cell<OffsetDateTime>>);

impl Clock for AppTime {
    fn now(&self) -> OffsetDateTime {
        self.0.get()
    }
}

struct Lab {
    app: App,
    recorder: InMemory,
    now: Rc<Cell<OffsetDateTime>>,
}

impl Lab {
    fn new(lang: Lang, progress: Progress) -> Lab {
        let now = Rc::new(Cell::new(t0()));
        let recorder =
            InMemory::with_clock(Box::new(AppTime(now.clone()))).starting_from(progress.clone());
        let mut app = App::new(Catalog::builtin().unwrap(), lang, false, Reading::default())
            .with_pack(mini())
            .with_progress(progress)
            .with_start(t0(), time::UtcOffset::UTC);
        update(&mut app, Action::Resize(100, 30));
        Lab { app, recorder, now }
    }

    fn at(&mut self, secs: u64) {
        self.app.clock = StdDuration::from_secs(secs);
        self.now.set(self.app.now());
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            let ev = Event::Key(KeyEvent::new(key_code(c), KeyModifiers::NONE));
            let Some(first) = action::from_event(&self.app, &ev) else {
                continue;
            };
            let mut actions = vec![first];
            while let Some(a) = actions.pop() {
                for effect in update(&mut self.app, a) {
                    if let Effect::RecordAttempt(graded) = effect {
                        let r = self.recorder.record(&graded).unwrap().unwrap();
                        actions.push(Action::Recorded(Box::new(r)));
                    }
                }
            }
        }
    }

    fn screen(&self) -> String {
        screen(&self.app)
    }

    fn drill_id(&self) -> String {
        self.app
            .exercise()
            .map(|e| e.id.clone())
            .unwrap_or_default()
    }

    /// The drills the list shows, by id, top to bottom.
    fn listed(&self) -> Vec<String> {
        meshlab::tui::drill_list::shown(&self.app)
            .iter()
            .filter_map(|d| self.app.packs.drill(d.index))
            .map(|(_, ex)| ex.id.clone())
            .collect()
    }
}

#[test]
fn the_drill_list_marks_counts_orders_and_filters() {
    let mut lab = Lab::new(Lang::En, some_progress());
    lab.keys("2");
    let s = lab.screen();
    assert!(s.contains("1 of 3 passed · 1 due"), "{s}");
    let row = |s: &str, title: &str| s.lines().find(|l| l.contains(title)).unwrap().to_string();
    assert!(row(&s, "Business permission").starts_with(" ✓"), "{s}");
    assert!(
        row(&s, "Business permission").trim_end().ends_with("90"),
        "{s}"
    );
    assert!(row(&s, "Checkout cannot reach").starts_with(" ↻"), "{s}");
    assert!(
        row(&s, "Checkout cannot reach").trim_end().ends_with("20"),
        "{s}"
    );
    assert!(row(&s, "Layered retries").starts_with(" ○"), "{s}");
    // The course's order: lessons 9, 12, 14.
    assert_eq!(
        lab.listed(),
        ["business-permission", "checkout-blocked", "retry-layers"]
    );
    // o: by difficulty (2, 3, 2 stars), then by kind, by standing (due, failed, new, passed).
    lab.keys("o");
    assert!(lab.screen().contains("order: difficulty"));
    assert_eq!(
        lab.listed(),
        ["business-permission", "retry-layers", "checkout-blocked"]
    );
    lab.keys("oo");
    assert!(lab.screen().contains("order: status"));
    assert_eq!(
        lab.listed(),
        ["checkout-blocked", "retry-layers", "business-permission"]
    );
    // f: only the due ones; then failed (none), new, passed.
    lab.keys("f");
    assert_eq!(lab.listed(), ["checkout-blocked"]);
    assert!(lab.screen().contains("status: due"));
    lab.keys("f");
    assert!(lab.listed().is_empty());
    assert!(
        lab.screen().contains("No drill matches"),
        "{}",
        lab.screen()
    );
    lab.keys("ff");
    assert_eq!(lab.listed(), ["business-permission"]);
    // Esc takes the filters away (it does not quit yet).
    lab.keys("\x1b");
    assert!(!lab.app.quit);
    assert_eq!(lab.listed().len(), 3);
    // Words: a skill, a kind, a difficulty.
    lab.keys("/failure\n");
    assert_eq!(lab.listed(), ["checkout-blocked", "retry-layers"]);
    lab.keys("\x1b/cannot reach\n");
    assert_eq!(lab.listed(), ["checkout-blocked"]);
    lab.keys("\x1b/retry budget\n");
    assert_eq!(lab.listed(), ["retry-layers"]);
    lab.keys("\x1b/★3\n");
    assert_eq!(lab.listed(), ["checkout-blocked"]);
    // Enter opens the drill under the cursor, whatever the order.
    lab.keys("\n");
    assert_eq!(lab.drill_id(), "checkout-blocked");
}

#[test]
fn home_says_where_to_start_and_what_is_due() {
    let mut lab = Lab::new(Lang::En, Progress::default());
    assert!(
        lab.screen()
            .contains("▶ Start here: 1. Goals of This Part — press n"),
        "{}",
        lab.screen()
    );
    lab.keys("n");
    assert_eq!(lab.app.screen, Screen::Reader);
    assert_eq!(lab.app.reader.lesson, 0);

    let mut lab = Lab::new(Lang::Id, some_progress());
    let s = lab.screen();
    assert!(
        s.contains("▶ 1 ulangan jatuh tempo (terlama sejak 2 hari lalu) — n memulainya"),
        "{s}"
    );
    // n starts a session, which takes the review first and says why.
    lab.keys("n");
    assert_eq!(lab.drill_id(), "checkout-blocked");
    let s = lab.screen();
    assert!(
        s.contains("Ulangan 1 dari 1 · jatuh tempo sejak 2 hari lalu · n lewati · x kubur"),
        "{s}"
    );
}

#[test]
fn a_session_skips_buries_and_says_when_reviews_fall_due() {
    let mut lab = Lab::new(Lang::En, some_progress());
    lab.keys("ps");
    assert_eq!(lab.drill_id(), "checkout-blocked");
    assert!(
        lab.screen().contains("Review 1 of 1 · due since 2 days"),
        "{}",
        lab.screen()
    );
    // n before answering: skipped, recorded, the next drill opens and says why.
    lab.at(30);
    lab.keys("n");
    let last = lab.app.progress.attempts().last().unwrap().clone();
    assert_eq!(last.drill.as_str(), "checkout-blocked");
    assert_eq!(last.skip.as_ref().map(|s| s.kind), Some(SkipKind::Skipped));
    assert_eq!(
        last.skip.as_ref().unwrap().until,
        t0() + Duration::seconds(30) + Duration::hours(1),
        "a skipped drill comes back in an hour"
    );
    assert_ne!(lab.drill_id(), "checkout-blocked", "{}", lab.screen());
    let s = lab.screen();
    assert!(s.contains("Drill 2 of the session · weakest skill:"), "{s}");
    // x buries it until tomorrow (the learner's day: UTC here).
    let buried = lab.drill_id();
    lab.at(60);
    lab.keys("x");
    let last = lab.app.progress.attempts().last().unwrap().clone();
    assert_eq!(last.drill.as_str(), buried);
    assert_eq!(last.skip.as_ref().map(|s| s.kind), Some(SkipKind::Buried));
    assert_eq!(
        last.skip.as_ref().unwrap().until,
        OffsetDateTime::from_unix_timestamp(1_772_496_000).unwrap(),
        "2026-03-03 00:00 UTC"
    );
    // Neither counts as practice; both are held back from what is due.
    assert!(lab.app.progress.due(t0() + Duration::minutes(5)).is_empty());
    // The summary says what was passed over and when reviews fall due.
    lab.keys("\x1be");
    assert_eq!(lab.app.screen, Screen::Summary);
    let s = lab.screen();
    assert!(s.contains("Skipped or buried: 2"), "{s}");
    assert!(s.contains("Drills graded: 0"), "{s}");
    assert!(s.contains("The next review falls due in "), "{s}");
}

#[test]
fn the_end_of_a_section_offers_its_drills_and_the_next_section() {
    let mut lab = Lab::new(Lang::En, Progress::default());
    // Section 9 has the mini pack's business-permission drill.
    lab.keys("1gjjjjjjjj\nG");
    assert_eq!(lab.app.screen, Screen::Reader);
    let s = lab.screen();
    let footer = s.lines().last().unwrap();
    assert!(
        footer.contains("d practise this section: 1 drill · ] next: 10. Gateway API"),
        "{s}"
    );
    lab.keys("d");
    assert_eq!((lab.app.screen, lab.app.tab), (Screen::Home, Tab::Drills));
    assert_eq!(lab.listed(), ["business-permission"]);
    assert!(lab.screen().contains("section 9 only"), "{}", lab.screen());
    // Back in the reader, ] goes to the next section and [ back.
    lab.keys("\x1b1gjjjjjjjj\n]");
    assert_eq!(lab.app.reader.lesson, 9);
    lab.keys("[");
    assert_eq!(lab.app.reader.lesson, 8);
}

#[test]
fn a_result_offers_the_next_drill_of_its_lesson_or_skill() {
    let mut lab = Lab::new(Lang::En, Progress::default());
    lab.keys("2g\n");
    assert_eq!(lab.drill_id(), "business-permission");
    lab.keys("j\n"); // a wrong point
    let s = lab.screen();
    assert!(s.contains("→ Next"), "{s}");
    assert!(s.contains("— press n"), "{s}");
    lab.keys("n");
    assert_ne!(lab.drill_id(), "business-permission");
    assert!(
        lab.app.drill.as_ref().unwrap().report.is_none(),
        "a fresh drill"
    );
}

#[test]
fn a_drill_already_passed_asks_a_new_variant_and_records_which() {
    let pack = Pack::builtin().unwrap();
    let index = pack
        .exercises
        .iter()
        .position(|e| e.id == "retry-lesson-tries")
        .unwrap();
    let open = |progress: Progress| {
        let mut app = App::new(
            Catalog::builtin().unwrap(),
            Lang::En,
            false,
            Reading::default(),
        )
        .with_pack(Pack::builtin().unwrap())
        .with_progress(progress)
        .with_start(t0(), time::UtcOffset::UTC);
        update(&mut app, Action::Resize(120, 40));
        let row = meshlab::tui::drill_list::shown(&app)
            .iter()
            .position(|d| d.index == index)
            .unwrap();
        support::keys(&mut app, "2g");
        support::keys(&mut app, &"j".repeat(row));
        support::keys(&mut app, "\n");
        app
    };
    // The first time: the lesson's own numbers (2 × 3 × 3 tries).
    let mut first = open(Progress::default());
    let s = screen(&first);
    assert!(s.contains("the gateway \"retries 2x\""), "{s}");
    let effects = support::keys(&mut first, "18\n");
    let graded = effects
        .iter()
        .find_map(|e| match e {
            Effect::RecordAttempt(g) => Some(g.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!((graded.grade, graded.variant), (100, None));

    // Passed before: a review asks other values, and is graded on them.
    let mut passed = Progress::default();
    let mut recorder = InMemory::with_clock(Box::new(FixedClock::new(t0())));
    let kept = recorder.record(&graded).unwrap().unwrap();
    passed.merge(kept.progress);
    let mut review = open(passed);
    let ex = review.exercise().unwrap().clone();
    let values: Vec<u32> = ex.layers.iter().map(|l| l.value).collect();
    assert_ne!(values, [2, 3, 3], "a new question");
    let worst = meshlab::drill::grade::worst_case_requests(&ex.layers);
    let s = screen(&review);
    assert!(
        s.contains(&format!("the gateway \"retries {}x\"", values[0])),
        "the prompt asks the variant's numbers: {s}"
    );
    assert!(!s.contains("{L"), "{s}");
    let effects = support::keys(&mut review, &format!("{worst}\n"));
    let graded = effects
        .iter()
        .find_map(|e| match e {
            Effect::RecordAttempt(g) => Some(g.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(graded.grade, 100, "graded on the variant's layers");
    let variant = graded.variant.expect("the variant is recorded");
    let kept = recorder.record(&graded).unwrap().unwrap();
    assert_eq!(kept.attempt.variant, Some(variant));
    // The same variant again is the same question (a retry asks it too).
    support::keys(&mut review, "r");
    assert_eq!(
        review
            .exercise()
            .unwrap()
            .layers
            .iter()
            .map(|l| l.value)
            .collect::<Vec<_>>(),
        values
    );
}
