//! Screens as a learner sees them, at 80x24 and 120x40, in both languages (insta snapshots).

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::clock::FixedClock;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::{Action, Effect};
use meshlab::tui::app::{App, Tab};
use meshlab::tui::attempts::{Attempts, InMemory};
use meshlab::tui::packs::Packs;
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn app(lang: Lang, (w, h): (u16, u16)) -> App {
    let pack =
        Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini"))
            .unwrap();
    let mut app =
        App::new(Catalog::builtin().unwrap(), lang, false, Reading::default()).with_pack(pack);
    update(&mut app, Action::Resize(w, h));
    app
}

fn actions(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

#[test]
fn home_screen() {
    for lang in Lang::ALL {
        for size in SIZES {
            let a = app(lang, size);
            let name = format!("home_{}_{}x{}", lang.code(), size.0, size.1);
            insta::assert_snapshot!(name, draw(&a));
        }
    }
}

#[test]
fn reader_screen() {
    for lang in Lang::ALL {
        for size in SIZES {
            let mut a = app(lang, size);
            // Section 7: a wide table.
            for _ in 0..6 {
                update(&mut a, Action::Down);
            }
            update(&mut a, Action::Open);
            let name = format!("reader_{}_{}x{}", lang.code(), size.0, size.1);
            insta::assert_snapshot!(name, draw(&a));

            update(&mut a, Action::ToggleToc);
            let name = format!("reader_toc_{}_{}x{}", lang.code(), size.0, size.1);
            insta::assert_snapshot!(name, draw(&a));

            update(&mut a, Action::ToggleHelp);
            let name = format!("reader_help_{}_{}x{}", lang.code(), size.0, size.1);
            insta::assert_snapshot!(name, draw(&a));
        }
    }
}

#[test]
fn drill_screens() {
    use Action::*;
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            let mut a = app(lang, size);
            actions(&mut a, &[ShowTab(Tab::Drills)]);
            insta::assert_snapshot!(format!("drill_list_{tag}"), draw(&a));

            // The diagnose drill with a hint revealed and a cause picked.
            actions(&mut a, &[Down, Open, Hint, Open]);
            insta::assert_snapshot!(format!("drill_diagnose_{tag}"), draw(&a));

            // The enforcement-point drill answered wrong: the probe that slipped through.
            actions(&mut a, &[Back, Top, Open, Down, Open]);
            insta::assert_snapshot!(format!("drill_result_{tag}"), draw(&a));

            // The retry drill, typed in and graded.
            actions(&mut a, &[Back, Bottom, Open, Digit('1'), Digit('8')]);
            insta::assert_snapshot!(format!("drill_retry_{tag}"), draw(&a));
            actions(&mut a, &[Open]);
            insta::assert_snapshot!(format!("drill_retry_result_{tag}"), draw(&a));
        }
    }
}

/// The drill list with several packs: the built-in one, an installed one (the mini fixture),
/// and one that no longer loads (the broken fixture); at the top, then at the last drill, where
/// the installed pack's header and the broken pack's line have scrolled into view.
#[test]
fn drill_list_with_installed_packs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let broken = Pack::from_dir(&root.join("tests/fixtures/packs/broken")).unwrap_err();
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            let mut packs = Packs::new([
                Pack::builtin().unwrap(),
                Pack::from_dir(&root.join("tests/fixtures/packs/mini")).unwrap(),
            ]);
            packs.push_broken("broken".into(), broken.len());
            let mut a = App::new(Catalog::builtin().unwrap(), lang, false, Reading::default())
                .with_packs(packs);
            update(&mut a, Action::Resize(size.0, size.1));
            actions(&mut a, &[Action::ShowTab(Tab::Drills)]);
            insta::assert_snapshot!(format!("drill_list_packs_top_{tag}"), draw(&a));
            // The last drill is the installed pack's last; the broken pack has none.
            actions(&mut a, &[Action::Bottom]);
            let (shelved, ex) = a.packs.drill(a.drill_selected).unwrap();
            assert_eq!(
                (shelved.pack.manifest.id.as_str(), ex.id.as_str()),
                ("mini", "retry-layers")
            );
            insta::assert_snapshot!(format!("drill_list_packs_bottom_{tag}"), draw(&a));
        }
    }
}

/// Plays the loop's part for an `Effect::RecordAttempt`: keeps it on a fixed clock and hands
/// the result back to the app.
fn record(app: &mut App, recorder: &mut InMemory, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::RecordAttempt(graded) = e {
            let r = recorder.record(&graded).unwrap().unwrap();
            update(app, Action::Recorded(Box::new(r)));
        }
    }
}

fn t0() -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(1_772_442_000).unwrap()
}

#[test]
fn console_screen() {
    use Action::*;
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            let mut a = app(lang, size);
            actions(&mut a, &[ShowTab(Tab::Drills), Down, Open, ConsoleOpen]);
            insta::assert_snapshot!(format!("console_empty_{tag}"), draw(&a));
            let mut typed: Vec<Action> = "kubectl get pods -A".chars().map(ConsoleInput).collect();
            typed.push(ConsoleRun);
            typed.extend("nope".chars().map(ConsoleInput));
            typed.push(ConsoleRun);
            typed.extend("li".chars().map(ConsoleInput));
            typed.push(ConsoleComplete);
            actions(&mut a, &typed);
            insta::assert_snapshot!(format!("console_{tag}"), draw(&a));
        }
    }
}

#[test]
fn progress_and_summary_screens() {
    use Action::*;
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            let mut a = app(lang, size).with_start(t0(), time::UtcOffset::UTC);
            let clock = t0() + time::Duration::minutes(4);
            let mut recorder = InMemory::with_clock(Box::new(FixedClock::new(clock)));
            actions(&mut a, &[ShowProgress]);
            insta::assert_snapshot!(format!("progress_empty_{tag}"), draw(&a));

            // A session: the enforcement-point drill right after 3 minutes, the retry drill
            // wrong after 4 more.
            actions(&mut a, &[StartSession, Down, Down, Down]);
            a.clock = std::time::Duration::from_secs(180);
            let e = update(&mut a, Open);
            record(&mut a, &mut recorder, e);
            actions(&mut a, &[NextDrill, Digit('1'), Digit('8')]);
            a.clock = std::time::Duration::from_secs(420);
            let e = update(&mut a, Open);
            record(&mut a, &mut recorder, e);
            actions(&mut a, &[Back]);
            insta::assert_snapshot!(format!("progress_session_{tag}"), draw(&a));

            a.clock = std::time::Duration::from_secs(600);
            actions(&mut a, &[EndSession]);
            insta::assert_snapshot!(format!("summary_{tag}"), draw(&a));
        }
    }
}

/// The built-in pack at `size`, with drill `id` open.
fn builtin_drill(lang: Lang, size: (u16, u16), id: &str) -> App {
    let pack = Pack::builtin().unwrap();
    let index = pack.exercises.iter().position(|e| e.id == id).unwrap();
    let mut a =
        App::new(Catalog::builtin().unwrap(), lang, false, Reading::default()).with_pack(pack);
    update(&mut a, Action::Resize(size.0, size.1));
    update(&mut a, Action::ShowTab(Tab::Drills));
    update(&mut a, Action::Top);
    // The list's own order (by lesson), not the pack's.
    let row = meshlab::tui::drill_list::shown(&a)
        .iter()
        .position(|d| d.index == index)
        .unwrap();
    for _ in 0..row {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::Open);
    a
}

/// Each cell's style as a letter, the letters named below the rows: `.` is the terminal's own
/// style. Shows what the syntax highlighting painted and what it left alone.
fn styles(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut seen: Vec<ratatui::style::Style> = Vec::new();
    let mut rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| {
                    let cell = &buf[(x, y)];
                    let reset = ratatui::style::Color::Reset;
                    if (cell.fg, cell.bg) == (reset, reset) && cell.modifier.is_empty() {
                        return '.';
                    }
                    let style = cell.style();
                    let i = seen.iter().position(|s| *s == style).unwrap_or_else(|| {
                        seen.push(style);
                        seen.len() - 1
                    });
                    char::from(b'a' + i as u8)
                })
                .collect();
            row.trim_end_matches('.').to_string()
        })
        .collect();
    for (i, style) in seen.iter().enumerate() {
        rows.push(format!("{}: {style:?}", char::from(b'a' + i as u8)));
    }
    rows.join("\n")
}

/// A manifest drill's editor at 80x24, colour on: the text with its line numbers, a comment
/// wrapped over two rows and the cursor on `kind`, then the styles the highlighting gave it.
#[test]
fn manifest_editor_highlighted() {
    use Action::*;
    let reference =
        include_str!("../exercises/part-023/answers/mf-netpol-namespace-isolation.yaml");
    let draft = format!(
        "# Only the shop and the ledger itself may call the ledger: everything else is refused.\n{reference}"
    );
    for lang in Lang::ALL {
        let mut a = builtin_drill(lang, (80, 24), "mf-netpol-namespace-isolation");
        a.color = true;
        let loaded = AdrLoaded {
            text: Some(draft.clone()),
            notice: None,
            path: None,
        };
        actions(&mut a, &[loaded, Open]);
        let down = AdrKey(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        actions(&mut a, &[down.clone(), down]);
        let tag = format!("{}_80x24", lang.code());
        insta::assert_snapshot!(format!("manifest_editor_{tag}"), draw(&a));
        insta::assert_snapshot!(format!("manifest_editor_styles_{tag}"), styles(&a));
    }
}

/// The kinds beyond choose-one and numbers: each drill's prompt, then its graded result.
#[test]
fn kind_screens() {
    use Action::*;
    let answers: [(&str, &[Action]); 3] = [
        ("sel-platform-sidecarless", &[Down, Open]),
        ("adopt-progressive-istio", &[Reorder { down: true }, Open]),
        ("audit-payment-approve", &[Down, Open, Open, Open]),
    ];
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            for (id, keys) in answers {
                let mut a = builtin_drill(lang, size, id);
                insta::assert_snapshot!(format!("kind_{id}_{tag}"), draw(&a));
                actions(&mut a, keys);
                insta::assert_snapshot!(format!("kind_{id}_result_{tag}"), draw(&a));
            }
        }
    }
}

/// An ADR drill: its prompt, the editor on the template (text alone at 80 columns, the preview
/// beside it at 120), and the reference record graded.
#[test]
fn adr_screens() {
    use Action::*;
    let reference = include_str!("../exercises/part-023/answers/adr-linkerd.md");
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            let mut a = builtin_drill(lang, size, "adr-linkerd");
            let no_draft = AdrLoaded {
                text: None,
                notice: None,
                path: None,
            };
            actions(&mut a, &[no_draft]);
            insta::assert_snapshot!(format!("adr_prompt_{tag}"), draw(&a));
            actions(&mut a, &[Open, AdrSection { down: true }]);
            actions(&mut a, &[AdrSection { down: true }]);
            insta::assert_snapshot!(format!("adr_editor_{tag}"), draw(&a));
            actions(&mut a, &[AdrClose, AdrEdited(Ok(reference.to_string()))]);
            insta::assert_snapshot!(format!("adr_result_{tag}"), draw(&a));
        }
    }
}

/// Business permission passed an hour ago (90), checkout failed three days ago (due since),
/// the retry drill never tried: the mini pack as a returning learner has it.
fn returning_learner() -> meshlab::practice::progress::Progress {
    use meshlab::practice::progress::{Draft, Id, Progress};
    use meshlab::practice::skills::Skill;
    let mut p = Progress::default();
    for (drill, skill, score, ago) in [
        (
            "business-permission",
            Skill::Authorization,
            90,
            time::Duration::hours(1),
        ),
        (
            "checkout-blocked",
            Skill::FailureIsolation,
            20,
            time::Duration::days(3),
        ),
    ] {
        let at = t0() - ago;
        let draft = Draft {
            drill: Id::new(drill).unwrap(),
            pack: Id::new("mini").unwrap(),
            skills: vec![skill],
            started: at - time::Duration::minutes(4),
            score,
            passed: score >= 70,
            hints: vec![],
            answer: String::new(),
            variant: None,
        };
        p.record(draft, &FixedClock::new(at));
    }
    p
}

/// Where the learner stands and what comes next: the marked drill list, the home screen with
/// a review due, the end-of-lesson offer and a session's header.
#[test]
fn course_screens() {
    use Action::*;
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            let fresh = || {
                app(lang, size)
                    .with_progress(returning_learner())
                    .with_start(t0(), time::UtcOffset::UTC)
            };
            let mut a = fresh();
            insta::assert_snapshot!(format!("home_reviews_due_{tag}"), draw(&a));
            actions(&mut a, &[ShowTab(Tab::Drills)]);
            insta::assert_snapshot!(format!("drill_list_marked_{tag}"), draw(&a));

            // Section 9, read to its end: its drill and the next section are offered.
            let mut a = fresh();
            let mut to_nine = vec![ShowTab(Tab::Lessons), Top];
            to_nine.extend(std::iter::repeat_n(Down, 8));
            to_nine.extend([Open, Bottom]);
            actions(&mut a, &to_nine);
            insta::assert_snapshot!(format!("lesson_end_offer_{tag}"), draw(&a));

            // n on the home screen: a session, the review first, saying why.
            let mut a = fresh();
            actions(&mut a, &[Next]);
            insta::assert_snapshot!(format!("session_header_{tag}"), draw(&a));
        }
    }
}

/// A time-based drill graded: the timeline strip with the events (the drill's, and the fix's
/// `control-plane-up` at 20 h) and the moment each probe broke and held again — with the right
/// fix, and with the rollout that never starts a new pod.
#[test]
fn timeline_strip_screens() {
    use Action::*;
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}_{}x{}", lang.code(), size.0, size.1);
            for (answer, keys) in [
                ("restore", &[Open, Open][..]),
                ("restart", &[Open, Down, Open]),
            ] {
                let mut a = builtin_drill(lang, size, "dx-time-istiod-outage-hours");
                actions(&mut a, keys);
                insta::assert_snapshot!(format!("timeline_{answer}_{tag}"), draw(&a));
            }
        }
    }
}
