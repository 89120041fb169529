//! Manifest drills in the TUI, driven through the real key map and `update`: the editor opens
//! on the drill's starter skeleton, every save runs the probes for the "probes now" panel, and
//! Ctrl+G grades with the same engine as `meshlab grade`: a right answer, a wrong one, one with
//! collateral damage and one with a YAML error, in both languages.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::i18n::Lang;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::App;
use meshlab::tui::update::update;
use meshlab::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

mod support;
use support::{keys, open_builtin, screen};

const DRILL: &str = "mf-netpol-namespace-isolation";
const REFERENCE: &str =
    include_str!("../exercises/part-023/answers/mf-netpol-namespace-isolation.yaml");
const SHOP_ONLY: &str =
    include_str!("../exercises/part-023/answers/mf-netpol-namespace-isolation-shop-only.yaml");
const WHO_ONLY: &str =
    include_str!("../exercises/part-023/answers/mf-istio-authz-l7-who-only.yaml");
const PATH: &str = "/data/adr/part-023/answer.yaml";

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    action::from_event(app, &ev)
        .map(|a| update(app, a))
        .unwrap_or_default()
}

/// The drill opened, its draft file held `text` (or there was none), the editor open.
fn editing(id: &str, lang: Lang, text: Option<&str>) -> App {
    let (mut app, effects) = open_builtin(id, lang);
    assert!(
        effects.contains(&Effect::LoadAdr {
            pack: "part-023".into(),
            exercise: id.into()
        }),
        "{effects:?}"
    );
    update(
        &mut app,
        Action::AdrLoaded {
            text: text.map(str::to_string),
            notice: None,
            path: Some(PATH.into()),
        },
    );
    keys(&mut app, "\n");
    app
}

/// The loop's answer to a save of whatever the editor asked to save.
fn saved(app: &mut App, effects: &[Effect]) {
    let text = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveAdr { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("a save was asked for");
    update(app, Action::AdrSaved(Ok((text, PATH.into()))));
}

fn grade(effects: &[Effect]) -> Option<u8> {
    effects.iter().find_map(|e| match e {
        Effect::RecordAttempt(g) => Some(g.grade),
        _ => None,
    })
}

#[test]
fn the_editor_opens_on_the_starter_and_a_save_runs_the_probes() {
    let mut app = editing(DRILL, Lang::En, None);
    let s = screen(&app);
    assert!(s.contains("YAML"), "{s}");
    assert!(s.contains("kind: NetworkPolicy"), "{s}");
    assert!(s.contains("Probes now"), "{s}");
    assert!(s.contains("Save (Ctrl+S) to run the probes"), "{s}");
    assert!(s.contains("Ctrl+S save+probes"), "{s}");
    let effects = ctrl(&mut app, 's');
    saved(&mut app, &effects);
    let s = screen(&app);
    // The starter is a deny-all of `ledger`: the goals hold, the guards broke.
    assert!(s.contains("✓ frontend-to-ledger"), "{s}");
    assert!(s.contains("! payment-to-ledger"), "{s}");
    assert!(
        s.contains("Manifest saved: /data/adr/part-023/answer.yaml"),
        "{s}"
    );
}

#[test]
fn a_saved_draft_is_loaded_and_its_probes_shown() {
    let app = editing(DRILL, Lang::Id, Some(REFERENCE));
    let s = screen(&app);
    assert!(s.contains("Probe sekarang"), "{s}");
    assert!(s.contains("✓ ledger-to-db"), "{s}");
    assert!(s.contains("Tidak ada kerusakan ikutan"), "{s}");
}

#[test]
fn ctrl_g_grades_a_right_answer_in_both_languages() {
    for lang in [Lang::En, Lang::Id] {
        let mut app = editing(DRILL, lang, Some(REFERENCE));
        let effects = ctrl(&mut app, 'g');
        assert_eq!(grade(&effects), Some(100), "{lang:?}");
        let s = screen(&app);
        let pass = match lang {
            Lang::En => "PASS · grade 100/100",
            Lang::Id => "LULUS · nilai 100/100",
        };
        assert!(s.contains(pass), "{s}");
    }
}

#[test]
fn ctrl_g_grades_a_wrong_answer_and_collateral_damage() {
    let mut app = editing("mf-istio-authz-l7", Lang::En, Some(WHO_ONLY));
    assert_eq!(grade(&ctrl(&mut app, 'g')), Some(50));
    let mut app = editing(DRILL, Lang::En, Some(SHOP_ONLY));
    assert_eq!(grade(&ctrl(&mut app, 'g')), Some(50));
    let s = screen(&app);
    assert!(s.contains("ledger-to-db"), "{s}");
    let mut app = editing(DRILL, Lang::Id, Some(SHOP_ONLY));
    assert_eq!(grade(&ctrl(&mut app, 'g')), Some(50));
}

/// A YAML error is not a grade: the editor stays open with the problem at `line:column` of the
/// draft file, and the cursor on that line.
#[test]
fn a_yaml_error_stays_in_the_editor_at_its_line() {
    for (lang, words) in [
        (Lang::En, "cannot read the YAML"),
        (Lang::Id, "YAML tidak bisa dibaca"),
    ] {
        let bad = "apiVersion: v1\nkind: NetworkPolicy\nmetadata:\n  name: [x\n";
        let mut app = editing(DRILL, lang, Some(bad));
        let effects = ctrl(&mut app, 'g');
        assert_eq!(grade(&effects), None);
        let s = screen(&app);
        assert!(s.contains(&format!("{PATH}:4:")), "{s}");
        let editor = app.drill.as_ref().unwrap().adr.as_ref().unwrap();
        let problem = editor.problem.as_deref().unwrap_or_default();
        assert!(problem.contains(words), "{problem}");
        assert!(editor.open);
        assert_eq!(editor.cursor().0, 3, "the cursor on line 4");
        // The probes panel says the same after a save.
        let effects = ctrl(&mut app, 's');
        saved(&mut app, &effects);
        let editor = app.drill.as_ref().unwrap().adr.as_ref().unwrap();
        match &editor.probes_now {
            Some(Err(why)) => assert!(why.contains(words) && why.contains(":4:"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_external_editor_round_trip_grades_what_comes_back() {
    let mut app = editing(DRILL, Lang::En, None);
    keys(&mut app, "\x1b");
    let effects = keys(&mut app, "e");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ExternalEditor { exercise, .. } if exercise == DRILL)),
        "{effects:?}"
    );
    let effects = update(&mut app, Action::AdrEdited(Ok(REFERENCE.to_string())));
    assert_eq!(grade(&effects), Some(100));
}

/// The screen as the terminal would get it, styles and all.
fn drawn(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// Where `text` is first drawn, as `(x, y)` of its first cell.
fn cell_of(buf: &Buffer, text: &str) -> (u16, u16) {
    let want: Vec<String> = text.chars().map(String::from).collect();
    for y in 0..buf.area.height {
        let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(x) = row.windows(want.len()).position(|w| w == want.as_slice()) {
            return (x as u16, y);
        }
    }
    panic!("{text:?} is not on the screen");
}

/// Without colour (NO_COLOR) the highlighting adds only modifiers: every character of the
/// starter is there in the terminal's own colours, keys bold and comments dim.
#[test]
fn without_colour_the_highlighted_manifest_is_all_there() {
    let app = editing(DRILL, Lang::En, None);
    assert!(!app.color);
    let s = screen(&app);
    let starter = include_str!("../exercises/part-023/starters/mf-netpol-namespace-isolation.yaml");
    for line in starter.lines() {
        assert!(s.contains(line), "{line:?} missing:\n{s}");
    }
    let buf = drawn(&app);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{x},{y}");
        }
    }
    let key = cell_of(&buf, "namespace:");
    assert!(buf[key].modifier.contains(Modifier::BOLD));
    let comment = cell_of(&buf, "#   - from:");
    assert!(buf[comment].modifier.contains(Modifier::DIM));
    let value = cell_of(&buf, "ledger-isolation");
    assert!(buf[value].modifier.is_empty());
}

/// Highlighting paints around the cursor, the selection and the line numbers, which look
/// exactly as they did without it.
#[test]
fn the_cursor_selection_and_line_numbers_keep_their_styles() {
    let mut app = editing(DRILL, Lang::En, Some(REFERENCE));
    app.color = true;
    let shift_right = KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT);
    for _ in 0..3 {
        update(&mut app, Action::AdrKey(shift_right));
    }
    let buf = drawn(&app);
    let (x, y) = cell_of(&buf, "apiVersion");
    // `api` selected, the cursor on `V`, then the key's own colour.
    for dx in 0..3 {
        let cell = &buf[(x + dx, y)];
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::LightBlue), "{dx}");
    }
    let cursor = &buf[(x + 3, y)];
    assert_eq!(cursor.fg, Color::Reset);
    assert_eq!(cursor.modifier, Modifier::REVERSED);
    let key = &buf[(x + 4, y)];
    assert_ne!(key.fg, Color::Reset, "the rest of the key is highlighted");
    assert_eq!(key.bg, Color::Reset);
    // The line number before it: dim, in the terminal's colour.
    let number = &buf[(x - 2, y)];
    assert_eq!(number.symbol(), "1");
    assert_eq!((number.fg, number.modifier), (Color::Reset, Modifier::DIM));
    let value = &buf[cell_of(&buf, "networking.k8s.io/v1")];
    assert_ne!(value.fg, key.fg, "a value is not a key");
}
