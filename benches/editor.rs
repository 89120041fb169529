//! The drill editor's syntax highlighting on a 300-line manifest: reading it whole (the first
//! frame, or a jump to the bottom), re-reading after a keystroke (the screen from the edited
//! line down), and a keystroke with the whole 80x24 frame drawn.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::Action;
use meshlab::tui::app::{App, Tab};
use meshlab::tui::editor_syntax::{Grammar, Highlights};
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const LINES: usize = 300;
/// Rows of text an 80x24 editor shows.
const SCREEN: usize = 19;

/// The built-in answers, one YAML document after another, cut at 300 lines.
fn manifest() -> Vec<String> {
    let answers = [
        include_str!("../exercises/part-023/answers/mf-netpol-namespace-isolation.yaml"),
        include_str!("../exercises/part-023/answers/mf-istio-authz-l7.yaml"),
        include_str!("../exercises/part-023/answers/mf-cilium-l3-l7.yaml"),
        include_str!("../exercises/part-023/answers/mf-gateway-canary.yaml"),
    ];
    let mut lines = Vec::new();
    for answer in answers.iter().cycle() {
        lines.push("---".to_owned());
        lines.push("# the next document".to_owned());
        lines.extend(answer.lines().map(str::to_owned));
        if lines.len() >= LINES {
            break;
        }
    }
    lines.truncate(LINES);
    lines
}

fn highlights(c: &mut Criterion) {
    let lines = manifest();
    let mut g = c.benchmark_group("editor_syntax");
    g.bench_function("read 300 lines", |b| {
        b.iter(|| {
            let mut h = Highlights::new(Grammar::Yaml);
            h.update(&lines, LINES);
            h
        })
    });
    for (name, row) in [
        ("keystroke at the top", 0),
        ("keystroke at the bottom", LINES - SCREEN),
    ] {
        let mut edited = lines.clone();
        let mut h = Highlights::new(Grammar::Yaml);
        h.update(&lines, LINES);
        let mut typed = false;
        g.bench_function(name, |b| {
            b.iter(|| {
                // Type a character, then take it back: the state does not drift.
                typed = !typed;
                if typed {
                    edited[row].push('x');
                } else {
                    edited[row].pop();
                }
                h.update(&edited, row + SCREEN);
            })
        });
    }
    g.finish();
}

/// A manifest drill with the 300 lines in the editor, the cursor at the bottom: one key
/// typed (or taken back) and the frame drawn, colour on.
fn frame(c: &mut Criterion) {
    let pack = Pack::builtin().expect("the built-in pack loads");
    let drill = pack
        .exercises
        .iter()
        .position(|e| e.id == "mf-netpol-namespace-isolation")
        .expect("the drill exists");
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        Lang::En,
        true,
        Reading::default(),
    )
    .with_pack(pack);
    update(&mut app, Action::Resize(80, 24));
    update(&mut app, Action::ShowTab(Tab::Drills));
    let index = meshlab::tui::drill_list::shown(&app)
        .iter()
        .position(|d| d.index == drill)
        .expect("the drill is listed");
    for _ in 0..index {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Open);
    let text = manifest().join("\n");
    update(
        &mut app,
        Action::AdrLoaded {
            text: Some(text),
            notice: None,
            path: None,
        },
    );
    update(&mut app, Action::Open);
    let key = |code| Action::AdrKey(KeyEvent::new(code, KeyModifiers::NONE));
    let bottom = KeyEvent::new(KeyCode::Char('>'), KeyModifiers::ALT);
    update(&mut app, Action::AdrKey(bottom));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let screen = t.draw(|f| view(&app, f)).unwrap();
    let drawn: String = screen.buffer.content.iter().map(|c| c.symbol()).collect();
    assert!(
        drawn.contains("300 "),
        "the editor shows the text's last line"
    );
    let mut typed = false;
    c.bench_function("editor_syntax/keystroke and 80x24 frame", |b| {
        b.iter(|| {
            typed = !typed;
            let code = if typed {
                KeyCode::Char('x')
            } else {
                KeyCode::Backspace
            };
            update(&mut app, key(code));
            t.draw(|f| view(&app, f)).unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = highlights, frame
}
criterion_main!(benches);
