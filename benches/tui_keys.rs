//! Per-key cost of the practice screens: one key through the key map, `update` and a full draw
//! on a 120x40 TestBackend (DESIGN.md §9: any key → next frame ≤ 5 ms of meshlab's own work).
//! Each benchmark is one key; keys come in pairs that undo each other where the state would
//! otherwise drift, and the figure is per key.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::clock::FixedClock;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::{App, Tab};
use meshlab::tui::attempts::{Attempts, InMemory};
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZE: (u16, u16) = (120, 40);

fn app() -> App {
    let pack =
        Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini"))
            .expect("fixture pack loads");
    let start = time::OffsetDateTime::from_unix_timestamp(1_772_442_000).unwrap();
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        Lang::En,
        true,
        Reading::default(),
    )
    .with_pack(pack)
    .with_start(start, time::UtcOffset::UTC);
    update(&mut app, Action::Resize(SIZE.0, SIZE.1));
    app
}

/// The two keys in turn, starting with the first: pairs that undo each other keep the state
/// from drifting over a benchmark's iterations.
fn alternating(keys: [KeyCode; 2]) -> impl FnMut() -> KeyCode {
    let mut i = 0;
    move || {
        i += 1;
        keys[(i + 1) % 2]
    }
}

/// One key as the event loop handles it: key map, update, recorded attempts, draw.
fn press(app: &mut App, recorder: &mut InMemory, term: &mut Terminal<TestBackend>, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = action::from_event(app, &ev) {
        for e in update(app, a) {
            if let Effect::RecordAttempt(graded) = e
                && let Ok(Some(r)) = recorder.record(&graded)
            {
                update(app, Action::Recorded(Box::new(r)));
            }
        }
    }
    term.draw(|f| view(app, f)).unwrap();
}

fn keys(c: &mut Criterion) {
    let mut app = app();
    let start = app.started_at;
    let mut rec = InMemory::with_clock(Box::new(FixedClock::new(start)));
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    let mut group = c.benchmark_group("key → update + draw, 120x40");
    group.measurement_time(Duration::from_secs(3));

    // The diagnose drill with its console open and a command's output on screen.
    update(&mut app, Action::ShowTab(Tab::Drills));
    update(&mut app, Action::Down);
    update(&mut app, Action::Open);
    press(&mut app, &mut rec, &mut term, KeyCode::Char('i'));
    for ch in "kubectl get pods".chars() {
        press(&mut app, &mut rec, &mut term, KeyCode::Char(ch));
    }
    press(&mut app, &mut rec, &mut term, KeyCode::Enter);

    group.bench_function("console: type a character (then delete it)", |b| {
        let mut next = alternating([KeyCode::Char('x'), KeyCode::Backspace]);
        b.iter(|| press(&mut app, &mut rec, &mut term, next()))
    });
    group.bench_function("console: Tab completion", |b| {
        b.iter(|| {
            if let Some(c) = app.drill.as_mut().and_then(|d| d.console.as_mut()) {
                c.input = "li".into();
            }
            press(&mut app, &mut rec, &mut term, KeyCode::Tab);
        })
    });
    group.bench_function("console: Enter runs hubble observe", |b| {
        b.iter(|| {
            if let Some(c) = app.drill.as_mut().and_then(|d| d.console.as_mut()) {
                c.input = "hubble observe".into();
            }
            press(&mut app, &mut rec, &mut term, KeyCode::Enter);
        })
    });
    group.bench_function("console: ↑ history", |b| {
        b.iter(|| press(&mut app, &mut rec, &mut term, KeyCode::Up))
    });

    // Back to the answer, graded: the result with its hop diagram.
    press(&mut app, &mut rec, &mut term, KeyCode::Esc);
    press(&mut app, &mut rec, &mut term, KeyCode::Enter);
    press(&mut app, &mut rec, &mut term, KeyCode::Enter);
    group.bench_function("result: j/k between probes", |b| {
        let mut next = alternating([KeyCode::Char('j'), KeyCode::Char('k')]);
        b.iter(|| press(&mut app, &mut rec, &mut term, next()))
    });
    // The same in Indonesian: every hop reason goes through the trace catalog.
    press(&mut app, &mut rec, &mut term, KeyCode::Char('L'));
    assert_eq!(app.lang, Lang::Id);
    group.bench_function("result: j/k between probes, Indonesian", |b| {
        let mut next = alternating([KeyCode::Char('j'), KeyCode::Char('k')]);
        b.iter(|| press(&mut app, &mut rec, &mut term, next()))
    });
    press(&mut app, &mut rec, &mut term, KeyCode::Char('L'));

    // The progress screen with the attempt, and the session.
    press(&mut app, &mut rec, &mut term, KeyCode::Esc);
    press(&mut app, &mut rec, &mut term, KeyCode::Char('p'));
    group.bench_function("progress: L toggles the language", |b| {
        b.iter(|| press(&mut app, &mut rec, &mut term, KeyCode::Char('L')))
    });
    group.bench_function(
        "session: s opens the picked drill, Esc back to progress",
        |b| {
            let mut next = alternating([KeyCode::Char('s'), KeyCode::Esc]);
            b.iter(|| press(&mut app, &mut rec, &mut term, next()))
        },
    );
    group.finish();
}

/// The ADR editor on the reference record (about 4 KiB), preview beside it: every key
/// re-renders the preview's Markdown, the decision block highlighted included.
fn adr_keys(c: &mut Criterion) {
    let pack = Pack::builtin().expect("built-in pack loads");
    let index = pack
        .exercises
        .iter()
        .position(|e| e.id == "adr-linkerd")
        .expect("the ADR drill exists");
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        Lang::En,
        true,
        Reading::default(),
    )
    .with_pack(pack);
    update(&mut app, Action::Resize(SIZE.0, SIZE.1));
    update(&mut app, Action::ShowTab(Tab::Drills));
    update(&mut app, Action::Top);
    // The list's own order (by lesson), not the pack's.
    let row = meshlab::tui::drill_list::shown(&app)
        .iter()
        .position(|d| d.index == index)
        .expect("the ADR drill is listed");
    for _ in 0..row {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Open);
    let reference = include_str!("../exercises/part-023/answers/adr-linkerd.md");
    update(
        &mut app,
        Action::AdrLoaded {
            text: Some(reference.to_string()),
            notice: None,
            path: None,
        },
    );
    update(&mut app, Action::Open);
    let mut rec = InMemory::new();
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    let mut group = c.benchmark_group("key → update + draw, 120x40");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("ADR editor: type a character (then delete it)", |b| {
        let mut next = alternating([KeyCode::Char('x'), KeyCode::Backspace]);
        b.iter(|| press(&mut app, &mut rec, &mut term, next()))
    });
    group.bench_function("ADR editor: Alt+↓ / Alt+↑ section jump", |b| {
        let mut next = alternating([KeyCode::Down, KeyCode::Up]);
        b.iter(|| {
            let ev = Event::Key(KeyEvent::new(next(), KeyModifiers::ALT));
            if let Some(a) = action::from_event(&app, &ev) {
                update(&mut app, a);
            }
            term.draw(|f| view(&app, f)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, keys, adr_keys);
criterion_main!(benches);
