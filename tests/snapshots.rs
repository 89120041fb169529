//! Screens as a learner sees them, at 80x24 and 120x40, in both languages (insta snapshots).

use meshlab::content::Catalog;
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::Action;
use meshlab::tui::app::App;
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
    let mut app = App::new(Catalog::builtin().unwrap(), lang, false, Reading::default());
    update(&mut app, Action::Resize(w, h));
    app
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
