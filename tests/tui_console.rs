//! The investigation console in the TUI beyond typing (issue 15 item 3): audit drills have one,
//! the history is asked for and saved through the loop's effects (and comes back across
//! launches), the transcript is saved with Ctrl+S, and wide tool output scrolls sideways
//! instead of being cut for good.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::i18n::Lang;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::console::Console;
use meshlab::tui::console_files;
use meshlab::tui::update::update;

mod support;
use support::{keys, open_builtin, screen};

fn console(app: &meshlab::tui::app::App) -> &Console {
    app.drill
        .as_ref()
        .and_then(|d| d.console.as_ref())
        .expect("the drill has a console")
}

fn chord(app: &mut meshlab::tui::app::App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(code, modifiers));
    action::from_event(app, &ev).map_or_else(Vec::new, |a| update(app, a))
}

#[test]
fn audit_drills_have_a_console_too() {
    let (mut app, _) = open_builtin("audit-ledger-hubble", Lang::En);
    assert!(screen(&app).contains("i console"), "{}", screen(&app));
    keys(&mut app, "i");
    assert!(console(&app).open);
    keys(&mut app, "hubble observe --verdict DROPPED\n");
    let s = screen(&app);
    assert!(s.contains("Policy denied DROPPED"), "{s}");
    assert!(
        !s.contains("FORWARDED"),
        "--verdict DROPPED shows no forwarded flow:\n{s}"
    );
}

#[test]
fn history_is_asked_for_once_saved_after_each_command_and_restored() {
    let (mut app, _) = open_builtin("dx-503s-and-an-empty-app-log", Lang::En);
    let effects = keys(&mut app, "i");
    assert_eq!(
        effects,
        [Effect::LoadConsoleHistory {
            pack: "part-023".into(),
            exercise: "dx-503s-and-an-empty-app-log".into(),
        }]
    );
    // What the loop read from the file goes before what was typed since.
    keys(&mut app, "kubectl get pods -n shop\n");
    update(
        &mut app,
        Action::ConsoleHistory {
            lines: vec!["istioctl proxy-status".into()],
            notice: None,
        },
    );
    assert_eq!(
        console(&app).history,
        ["istioctl proxy-status", "kubectl get pods -n shop"]
    );
    let effects = keys(&mut app, "kubectl get pods -A\n");
    assert_eq!(
        effects,
        [Effect::SaveConsoleHistory {
            pack: "part-023".into(),
            exercise: "dx-503s-and-an-empty-app-log".into(),
            lines: vec![
                "istioctl proxy-status".into(),
                "kubectl get pods -n shop".into(),
                "kubectl get pods -A".into(),
            ],
        }]
    );
    // Closing and opening again does not ask a second time.
    keys(&mut app, "\x1b");
    assert!(keys(&mut app, "i").is_empty());
    // ↑ reaches the commands of an earlier launch.
    keys(&mut app, "↑↑↑");
    assert_eq!(console(&app).input, "istioctl proxy-status");
}

#[test]
fn the_history_file_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = console_files::path(Some(dir.path()), "part-023", "dx-a", ".history");
    let lines = vec![
        "kubectl get pods -A".to_owned(),
        "hubble observe".to_owned(),
    ];
    assert_eq!(
        console_files::save_history(path.as_deref(), &lines, Lang::En),
        None
    );
    assert_eq!(
        console_files::load_history(path.as_deref(), Lang::En),
        Action::ConsoleHistory {
            lines,
            notice: None,
        }
    );
}

#[test]
fn ctrl_s_saves_the_transcript_and_says_where() {
    let (mut app, _) = open_builtin("dx-503s-and-an-empty-app-log", Lang::En);
    keys(&mut app, "i");
    keys(&mut app, "istioctl proxy-config secret payment-0 -n shop\n");
    let effects = chord(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::SaveTranscript { text, exercise, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(exercise, "dx-503s-and-an-empty-app-log");
    assert!(
        text.starts_with("$ istioctl proxy-config secret payment-0 -n shop\n"),
        "{text}"
    );
    assert!(text.contains("Cert Chain     ACTIVE     false"), "{text}");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("t.txt");
    let saved = console_files::save_transcript(Some(&file), text, Lang::En);
    assert_eq!(std::fs::read_to_string(&file).expect("written"), *text);
    update(&mut app, saved);
    assert!(
        screen(&app).contains("Transcript saved to"),
        "{}",
        screen(&app)
    );
    // Without a data directory, saving says so.
    update(
        &mut app,
        console_files::save_transcript(None, "x", Lang::Id),
    );
    assert!(
        screen(&app).contains("Tidak ada folder data"),
        "{}",
        screen(&app)
    );
}

#[test]
fn wide_output_scrolls_sideways_instead_of_being_cut() {
    let (mut app, _) = open_builtin("dx-503s-and-an-empty-app-log", Lang::En);
    update(&mut app, Action::Resize(80, 24));
    keys(&mut app, "i");
    keys(&mut app, "istioctl proxy-config secret payment-0 -n shop\n");
    let s = screen(&app);
    let row = s
        .lines()
        .find(|l| l.starts_with("default"))
        .expect("the row");
    assert!(row.ends_with('›'), "a cut line says so:\n{s}");
    assert!(
        !s.contains("2026-06-30T03:00:00Z"),
        "NOT BEFORE is off to the right:\n{s}"
    );
    for _ in 0..10 {
        chord(&mut app, KeyCode::Right, KeyModifiers::NONE);
    }
    assert!(console(&app).hscroll > 0);
    let s = screen(&app);
    assert!(s.contains("‹"), "{s}");
    assert!(
        s.contains("2026-06-30T03:00:00Z"),
        "scrolled to the last column:\n{s}"
    );
    assert!(
        s.contains("$ istioctl proxy-config secret payment-0 -n shop"),
        "the command stays in view:\n{s}"
    );
    chord(&mut app, KeyCode::Left, KeyModifiers::NONE);
    let back = console(&app).hscroll;
    for _ in 0..20 {
        chord(&mut app, KeyCode::Left, KeyModifiers::NONE);
    }
    assert!(console(&app).hscroll < back);
    assert_eq!(console(&app).hscroll, 0);
}

#[test]
fn the_drill_note_of_an_exercise_opens_the_console() {
    let pack = meshlab::drill::pack::Pack::builtin().expect("built-in pack");
    let mut ex = pack
        .exercise("dx-503s-and-an-empty-app-log")
        .expect("the drill")
        .clone();
    ex.investigation = toml::from_str(
        "note = { id = \"Tiket #42: pembayaran gagal sejak 03.10\", en = \"Ticket #42: payments fail since 03:10\" }\n\
         logs = [{ workload = \"shop/payment\", lines = [\"WARN cert rotation stalled\"] }]\n",
    )
    .ok();
    let lab = meshlab::sim::tools::Lab::new(
        meshlab::drill::grade::investigate(&pack, &ex)
            .expect("loads")
            .0,
        Vec::new(),
        ex.extras(),
    );
    match meshlab::sim::tools::run(&lab, "kubectl logs payment-0 -n shop") {
        meshlab::sim::tools::Reply::Ran(o) => {
            assert!(
                o.stdout.contains("WARN cert rotation stalled"),
                "{}",
                o.stdout
            )
        }
        other => panic!("{other:?}"),
    }
}
