//! The ADR editor, driven through the real key map and `update`: it opens on lesson 17's
//! template (or the saved draft), takes typing, pastes and section jumps, saves when left, and
//! grades the record with the same engine as `meshlab grade`, here and after `$EDITOR`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::drill::adr::template::template;
use meshlab::i18n::Lang;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::App;
use meshlab::tui::update::update;

mod support;
use support::{keys, open_builtin, screen};

const REFERENCE: &str = include_str!("../exercises/part-023/answers/adr-linkerd.md");

/// Sends one event through the key map and `update`, as the loop does.
fn send(app: &mut App, event: Event) -> Vec<Effect> {
    action::from_event(app, &event)
        .map(|a| update(app, a))
        .unwrap_or_default()
}

fn chord(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    send(app, Event::Key(KeyEvent::new(code, modifiers)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    chord(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The loop's answer to `LoadAdr`: the draft file held `text` (or there was none).
fn loaded(app: &mut App, text: Option<&str>) {
    update(
        app,
        Action::AdrLoaded {
            text: text.map(str::to_string),
            notice: None,
            path: Some("/data/adr/part-023/adr-linkerd.md".into()),
        },
    );
}

fn grade(effects: &[Effect]) -> Option<u8> {
    effects.iter().find_map(|e| match e {
        Effect::RecordAttempt(g) => Some(g.grade),
        _ => None,
    })
}

fn saved_text(effects: &[Effect]) -> Option<&str> {
    effects.iter().find_map(|e| match e {
        Effect::SaveAdr { text, .. } => Some(text.as_str()),
        _ => None,
    })
}

#[test]
fn opening_an_adr_drill_asks_for_its_draft_once_and_starts_from_the_template() {
    let (mut app, effects) = open_builtin("adr-linkerd", Lang::En);
    assert!(
        effects.contains(&Effect::LoadAdr {
            pack: "part-023".into(),
            exercise: "adr-linkerd".into()
        }),
        "{effects:?}"
    );
    loaded(&mut app, None);
    assert!(
        keys(&mut app, "j").is_empty(),
        "asked once, not on every key"
    );
    keys(&mut app, "\n");
    let s = screen(&app);
    assert!(s.contains("# ADR: Service Mesh Selection"), "{s}");
    assert!(
        s.contains("Preview"),
        "wide enough for the preview beside: {s}"
    );
    assert!(s.contains("Ctrl+G grade"), "{s}");
}

#[test]
fn a_saved_draft_replaces_the_template() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, Some("# My ADR\n\n## Context\n\nmine\n"));
    keys(&mut app, "\n");
    let s = screen(&app);
    assert!(s.contains("# My ADR"), "{s}");
    assert!(!s.contains("Service Mesh Selection"), "{s}");
    // Loaded, not changed: leaving saves nothing.
    assert_eq!(saved_text(&keys(&mut app, "\x1b")), None);
}

#[test]
fn the_editor_owns_the_keyboard_and_leaving_it_saves_the_changes() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, Some(""));
    keys(&mut app, "\n");
    // `q`, `L`, `?`, `h`: text while the editor is open.
    assert!(
        keys(&mut app, "qLh?")
            .iter()
            .all(|e| !matches!(e, Effect::SaveAdr { .. }))
    );
    assert!(!app.quit);
    assert!(screen(&app).contains("unsaved"), "{}", screen(&app));
    let effects = keys(&mut app, "\x1b");
    assert_eq!(saved_text(&effects), Some("qLh?\n"));
    assert!(effects.iter().all(|e| matches!(e, Effect::SaveAdr { .. })));
    // The loop saved it: no longer dirty, and the notice says where.
    update(
        &mut app,
        Action::AdrSaved(Ok(("qLh?\n".into(), "/data/adr/x.md".into()))),
    );
    assert!(screen(&app).contains("ADR saved: /data/adr/x.md"));
    assert!(!screen(&app).contains("unsaved"));
}

#[test]
fn ctrl_s_saves_and_quitting_saves_what_is_left() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, Some(""));
    keys(&mut app, "\nab");
    assert_eq!(saved_text(&ctrl(&mut app, 's')), Some("ab\n"));
    keys(&mut app, "c");
    // Ctrl+C quits from anywhere; the draft goes to disk on the way out.
    let effects = ctrl(&mut app, 'c');
    assert!(app.quit);
    assert_eq!(saved_text(&effects), Some("abc\n"));
}

#[test]
fn a_pasted_reference_adr_grades_100_and_shows_each_requirement() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, Some(""));
    keys(&mut app, "\n");
    // Terminals send pasted line ends as `\r`.
    send(&mut app, Event::Paste(REFERENCE.replace('\n', "\r")));
    let effects = ctrl(&mut app, 'g');
    assert_eq!(grade(&effects), Some(100));
    assert!(saved_text(&effects).is_some(), "graded means saved");
    let s = screen(&app);
    assert!(s.contains("✓ PASS"), "{s}");
    assert!(s.contains("✓ frontend-ledger-denied"), "{s}");
}

#[test]
fn a_decision_the_grader_cannot_read_keeps_the_editor_open_with_its_line() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, None);
    keys(&mut app, "\n");
    // The bare template: its decision block is all comments.
    let effects = ctrl(&mut app, 'g');
    assert_eq!(grade(&effects), None);
    let s = screen(&app);
    assert!(
        s.contains("Cannot grade: /data/adr/part-023/adr-linkerd.md:17:1"),
        "the error names the draft file the grade saved: {s}"
    );
    assert!(
        s.contains("Ctrl+G grade") || s.contains("# ADR"),
        "still editing: {s}"
    );
    assert!(app.drill.as_ref().unwrap().report.is_none());
}

#[test]
fn alt_arrows_jump_between_sections_and_the_preview_follows() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, None);
    keys(&mut app, "\n");
    let alt = KeyModifiers::ALT;
    chord(&mut app, KeyCode::Down, alt);
    assert!(screen(&app).contains(" ADR · Context "), "{}", screen(&app));
    for _ in 0..3 {
        chord(&mut app, KeyCode::Down, alt);
    }
    let s = screen(&app);
    assert!(s.contains(" ADR · Invariants "), "{s}");
    // The preview starts at the cursor's section (the title is scrolled away).
    let preview_first = s.lines().nth(2).unwrap();
    assert!(preview_first.contains("Invariants"), "{s}");
    chord(&mut app, KeyCode::Up, alt);
    assert!(screen(&app).contains(" ADR · Scope "));
    // F2 hides the preview on a wide terminal.
    chord(&mut app, KeyCode::F(2), KeyModifiers::NONE);
    assert!(!screen(&app).contains("Preview"));
}

#[test]
fn a_narrow_terminal_shows_the_text_and_f2_swaps_in_the_preview() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, None);
    update(&mut app, Action::Resize(80, 24));
    keys(&mut app, "\n");
    assert!(!screen(&app).contains("Preview"));
    chord(&mut app, KeyCode::F(2), KeyModifiers::NONE);
    let s = screen(&app);
    assert!(s.contains("Preview"), "{s}");
    assert!(!s.contains("┌ ADR · "), "{s}");
}

#[test]
fn ctrl_l_switches_language_and_an_untouched_template_follows() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, None);
    keys(&mut app, "\n");
    ctrl(&mut app, 'l');
    assert_eq!(app.lang, Lang::Id);
    let s = screen(&app);
    assert!(s.contains("# ADR: Pemilihan Service Mesh"), "{s}");
    assert!(s.contains("Ctrl+G nilai"), "{s}");
    // Typed into, it stays as written.
    keys(&mut app, "x");
    ctrl(&mut app, 'l');
    assert!(
        screen(&app).contains("x# ADR: Pemilihan"),
        "{}",
        screen(&app)
    );
}

#[test]
fn e_hands_the_draft_to_the_editor_and_grades_what_comes_back_each_time() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::Id);
    loaded(&mut app, None);
    let effects = keys(&mut app, "e");
    let [Effect::ExternalEditor { text, exercise, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(exercise, "adr-linkerd");
    assert_eq!(text, template(Lang::Id));
    let effects = update(&mut app, Action::AdrEdited(Ok(REFERENCE.to_string())));
    assert_eq!(grade(&effects), Some(100));
    assert!(screen(&app).contains("✓ LULUS"), "{}", screen(&app));
    // From the result, `e` again: the record comes back weaker and is graded as a new attempt.
    assert!(matches!(
        keys(&mut app, "e").as_slice(),
        [Effect::ExternalEditor { .. }]
    ));
    let weaker = REFERENCE.replace("mtls = \"strict\"", "mtls = \"permissive\"");
    let effects = update(&mut app, Action::AdrEdited(Ok(weaker)));
    let second = grade(&effects).expect("graded again");
    assert!(second < 100, "{second}");
    // A failed edit is a notice, and nothing is graded.
    keys(&mut app, "e");
    let effects = update(&mut app, Action::AdrEdited(Err("no editor".into())));
    assert_eq!(grade(&effects), None);
    assert!(screen(&app).contains("no editor"));
}

#[test]
fn help_inside_the_editor_lists_the_editor_keys() {
    let (mut app, _) = open_builtin("adr-linkerd", Lang::En);
    loaded(&mut app, None);
    keys(&mut app, "\n");
    chord(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let s = screen(&app);
    assert!(s.contains("grade the ADR (saved first)"), "{s}");
    assert!(s.contains("previous / next ## section"), "{s}");
}
