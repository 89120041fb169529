//! Reader speed: laying out Part 023, drawing one frame, and launch to first frame.
//! Targets (DESIGN.md §9): layout of both languages at width 100 ≤ 5 ms; frame ≤ 1 ms; first
//! frame ≤ 50 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::content::Catalog;
use meshlab::content::render::{RenderOptions, layout};
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::Action;
use meshlab::tui::app::App;
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn layout_part_023(c: &mut Criterion) {
    let catalog = Catalog::builtin().unwrap();
    meshlab::content::render::warm_highlighter();
    c.bench_function("layout Part 023, both languages, width 100", |b| {
        b.iter(|| {
            let mut lines = 0;
            for lesson in catalog.lessons() {
                for lang in Lang::ALL {
                    let opts = RenderOptions::new(100, true, lang);
                    lines += layout(&lesson.text(lang).doc, opts).lines.len();
                }
            }
            lines
        })
    });
}

fn reader_frame(c: &mut Criterion) {
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        Lang::En,
        true,
        Reading::default(),
    );
    update(&mut app, Action::Resize(200, 60));
    for _ in 0..6 {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("reader frame 200x60 (scroll + draw)", |b| {
        let mut down = true;
        b.iter(|| {
            // Alternate so every frame draws a different slice.
            update(&mut app, if down { Action::Down } else { Action::Up });
            down = !down;
            terminal.draw(|f| view(&app, f)).unwrap();
        })
    });
}

fn first_frame(c: &mut Criterion) {
    c.bench_function(
        "launch to first frame (parse catalog, lay out, draw 120x40)",
        |b| {
            b.iter(|| {
                let reading = Reading::default();
                let mut app = App::new(Catalog::builtin().unwrap(), Lang::Id, true, reading);
                update(&mut app, Action::Resize(120, 40));
                update(&mut app, Action::Open);
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                terminal.draw(|f| view(&app, f)).unwrap();
            })
        },
    );
}

criterion_group!(benches, layout_part_023, reader_frame, first_frame);
criterion_main!(benches);
