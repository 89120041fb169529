//! Scripted keys through the investigation console, the progress screen and a timed session,
//! on a fixed clock, with the loop's recording step played by an in-memory recorder.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::clock::Clock;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::{App, Screen};
use meshlab::tui::attempts::{Attempts, InMemory};
use meshlab::tui::console::Console;
use meshlab::tui::update::update;
use time::OffsetDateTime;

mod support;
use support::{key_code, screen};

fn pack() -> Pack {
    Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini"))
        .expect("fixture pack loads")
}

/// 2026-03-02 09:00 UTC.
fn t0() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_772_442_000).unwrap()
}

/// The recorder's clock follows the app's, as the system clock does in the real loop.
struct AppTime(Rc<Cell<OffsetDateTime>>);

impl Clock for AppTime {
    fn now(&self) -> OffsetDateTime {
        self.0.get()
    }
}

/// The app and the event loop around it: keys go through the real key map, and a recorded
/// attempt comes back as `Action::Recorded`, as `tui::run` does.
struct Lab {
    app: App,
    recorder: InMemory,
    now: Rc<Cell<OffsetDateTime>>,
}

impl Lab {
    fn new(lang: Lang, w: u16, h: u16) -> Lab {
        let pack = pack();
        let now = Rc::new(Cell::new(t0()));
        let recorder = InMemory::with_clock(Box::new(AppTime(now.clone())));
        let mut app = App::new(Catalog::builtin().unwrap(), lang, false, Reading::default())
            .with_pack(pack)
            .with_start(t0(), time::UtcOffset::UTC);
        update(&mut app, Action::Resize(w, h));
        Lab { app, recorder, now }
    }

    /// Moves the app's clock (and so the wall clock) to `secs` after the start.
    fn at(&mut self, secs: u64) {
        self.app.clock = Duration::from_secs(secs);
        self.now.set(self.app.now());
    }

    fn key(&mut self, code: KeyCode) {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let Some(first) = action::from_event(&self.app, &ev) else {
            return;
        };
        let mut actions = vec![first];
        while let Some(a) = actions.pop() {
            for effect in update(&mut self.app, a) {
                if let Effect::RecordAttempt(graded) = effect {
                    let recorded = self
                        .recorder
                        .record(&graded)
                        .unwrap()
                        .expect("fixture ids are valid");
                    actions.push(Action::Recorded(Box::new(recorded)));
                }
            }
        }
    }

    /// Types `text`: `\n` Enter, `\x1b` Esc, `\t` Tab, `\x08` Backspace, `↑` `↓` arrows.
    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(key_code(c));
        }
    }

    fn screen(&self) -> String {
        screen(&self.app)
    }

    fn console(&self) -> &Console {
        self.app
            .drill
            .as_ref()
            .and_then(|d| d.console.as_ref())
            .expect("a diagnose drill is open")
    }

    /// The drill now open, by id.
    fn drill_id(&self) -> &str {
        &self.app.exercise().expect("a drill is open").id
    }
}

/// The diagnose drill of the fixture pack, from the home screen.
fn open_diagnose(lab: &mut Lab) {
    lab.keys("2gj\n");
    assert_eq!(lab.drill_id(), "checkout-blocked");
}

#[test]
fn console_completes_runs_remembers_and_goes_back_to_the_answer() {
    let mut lab = Lab::new(Lang::En, 100, 40);
    open_diagnose(&mut lab);
    assert!(lab.screen().contains("i console"), "{}", lab.screen());
    lab.keys("i");
    assert!(lab.console().open);
    let s = lab.screen();
    assert!(s.contains("Investigation console"), "{s}");
    assert!(s.contains("Tab completes commands, flags and names"), "{s}");

    // Tab completes a tool, then a subcommand, each with a space after it.
    lab.keys("ku\t");
    assert_eq!(lab.console().input, "kubectl ");
    lab.keys("g\t");
    assert_eq!(lab.console().input, "kubectl get ");
    // Several kinds start with "po": their common part stays, and they are listed.
    lab.keys("po\t");
    assert_eq!(lab.console().input, "kubectl get po");
    assert_eq!(lab.console().candidates, ["po", "pods"]);
    assert!(lab.screen().contains("Tab: po · pods"), "{}", lab.screen());
    lab.keys("ds -A\n");
    let s = lab.screen();
    for expected in [
        "$ kubectl get pods -A",
        "NAMESPACE   NAME         READY   STATUS    RESTARTS   AGE",
        "shop        payments-0   1/1     Running   0          3d",
    ] {
        assert!(s.contains(expected), "missing {expected:?}:\n{s}");
    }
    // Flags and resource names complete too.
    lab.keys("kubectl logs --ta\t");
    assert_eq!(lab.console().input, "kubectl logs --tail ");
    lab.keys(&"\x08".repeat("--tail ".len()));
    lab.keys("-n sh\t");
    assert_eq!(lab.console().input, "kubectl logs -n shop ");
    lab.keys("pay\t");
    assert_eq!(lab.console().input, "kubectl logs -n shop payments-0 ");
    lab.keys(&"\x08".repeat("kubectl logs -n shop payments-0 ".len()));
    assert_eq!(lab.console().input, "", "Backspace deletes");

    // Keys of the drill type into the console instead: q, ?, L, h, s, Esc-less letters.
    lab.keys("q?Lhs\n");
    assert!(!lab.app.quit && !lab.app.help, "q and ? were typed");
    assert_eq!(lab.app.lang, Lang::En);
    assert_eq!(lab.app.drill.as_ref().unwrap().hints_used, 0);
    let s = lab.screen();
    assert!(
        s.contains("“q?Lhs” is not a tool meshlab simulates."),
        "{s}"
    );

    // History: ↑ walks back, ↓ forward and then to the line being typed.
    lab.keys("cil");
    lab.keys("↑");
    assert_eq!(lab.console().input, "q?Lhs");
    lab.keys("↑↑");
    assert_eq!(lab.console().input, "kubectl get pods -A");
    lab.keys("↓");
    assert_eq!(lab.console().input, "q?Lhs");
    lab.keys("↓");
    assert_eq!(lab.console().input, "cil");
    lab.keys("\tst\t");
    assert_eq!(lab.console().input, "cilium status ");
    lab.keys("\n");
    assert!(
        lab.screen().contains("Error: Unable to determine status"),
        "{}",
        lab.screen()
    );
    assert_eq!(
        lab.console().history,
        ["kubectl get pods -A", "q?Lhs", "cilium status"]
    );

    // Esc: back to choosing cause and fix; the drill's keys work again.
    lab.keys("\x1b");
    assert!(!lab.console().open);
    assert_eq!(lab.app.screen, Screen::Drill);
    assert!(lab.screen().contains("Root cause"), "{}", lab.screen());
    // L now toggles the language, and meshlab's own words are redrawn in it.
    lab.keys("L:");
    assert!(lab.console().open, "`:` opens the console too");
    let s = lab.screen();
    assert!(s.contains("Konsol investigasi"), "{s}");
    assert!(
        s.contains("“q?Lhs” bukan alat yang disimulasikan meshlab."),
        "{s}"
    );
    assert!(
        s.contains("$ kubectl get pods -A"),
        "the transcript is kept"
    );
    lab.keys("\x1bL");

    // Cause, then fix: graded like any diagnose drill.
    lab.keys("\n\n");
    let report = lab.app.drill.as_ref().unwrap().report.as_ref().unwrap();
    assert_eq!(report.grade, 100);
    assert!(lab.screen().contains("✓ PASS · grade 100/100"));
    // The console is for investigating before answering.
    lab.keys("i");
    assert!(!lab.console().open);
    // A retry keeps what was found out.
    lab.keys("r");
    assert_eq!(lab.console().history.len(), 3);
    lab.keys("i↑");
    assert_eq!(lab.console().input, "cilium status");
}

#[test]
fn the_transcript_scrolls_back_and_follows_new_output() {
    let mut lab = Lab::new(Lang::En, 80, 24);
    open_diagnose(&mut lab);
    lab.keys("i");
    for _ in 0..8 {
        lab.keys("kubectl get pods -A\n");
    }
    lab.keys("hubble observe\n");
    assert_eq!(lab.console().back, 0);
    let s = lab.screen();
    assert!(s.contains("$ hubble observe"), "{s}");
    lab.keys("⇞");
    assert!(lab.console().back > 0);
    assert!(
        !lab.screen().contains("$ hubble observe"),
        "{}",
        lab.screen()
    );
    for _ in 0..20 {
        lab.keys("⇞");
    }
    let top = lab.screen();
    assert!(
        top.lines()
            .nth(2)
            .unwrap()
            .starts_with("$ kubectl get pods"),
        "the first command is at the top:\n{top}"
    );
    lab.keys("⇟");
    assert!(lab.console().back > 0);
    // Running a command follows the new output again.
    lab.keys("linkerd check\n");
    assert_eq!(lab.console().back, 0);
    assert!(
        lab.screen()
            .contains("Error: could not find the Linkerd control plane"),
        "{}",
        lab.screen()
    );
}

#[test]
fn only_diagnose_drills_have_a_console() {
    let mut lab = Lab::new(Lang::En, 80, 24);
    lab.keys("2g\n");
    assert_eq!(lab.drill_id(), "business-permission");
    lab.keys("i");
    assert!(lab.app.drill.as_ref().unwrap().console.is_none());
    assert!(!lab.screen().contains("Investigation console"));
}

#[test]
fn a_timed_session_picks_drills_until_time_is_up_then_sums_up() {
    let mut lab = Lab::new(Lang::En, 100, 40);
    lab.keys("p");
    assert_eq!(lab.app.screen, Screen::Progress);
    let s = lab.screen();
    assert!(s.contains("Practice: 0.0 of 20 hours (0%)"), "{s}");
    assert!(s.contains("Press s to start."), "{s}");
    assert!(!lab.app.ticking(), "no timer without a session");

    // Nothing practised: the weakest skills tie, so the easier drill, then the id, decides.
    lab.keys("s");
    assert!(lab.app.ticking());
    assert_eq!(lab.app.screen, Screen::Drill);
    assert_eq!(lab.drill_id(), "business-permission");
    assert!(
        lab.screen().contains("session: 25:00 left"),
        "{}",
        lab.screen()
    );
    lab.at(90);
    assert!(lab.screen().contains("session: 23:30 left"));
    lab.keys("jjj\n");
    assert!(lab.screen().contains("✓ PASS"));
    assert!(
        lab.screen().contains("n next drill"),
        "the result offers the next drill:\n{}",
        lab.screen()
    );

    // Esc goes back to the progress screen, which now shows the attempt and the timer.
    lab.keys("\x1b");
    assert_eq!(lab.app.screen, Screen::Progress);
    let s = lab.screen();
    assert!(s.contains("Attempts recorded: 1"), "{s}");
    assert!(s.contains("Authorization         ██████████ 100%"), "{s}");
    assert!(s.contains("A session is running, 23:30 left"), "{s}");

    // n: authorization is now stronger than failure isolation, so the retry drill is next.
    lab.keys("n");
    assert_eq!(lab.drill_id(), "retry-layers");
    lab.at(200);
    lab.keys("18\n");
    assert!(lab.screen().contains("✗ FAIL"));
    lab.keys("n");
    assert_eq!(lab.drill_id(), "checkout-blocked");

    // Time runs out mid-drill: the drill can still be finished, then n sums up.
    lab.at(26 * 60);
    assert!(!lab.app.ticking(), "the timer stops once time is up");
    assert!(lab.screen().contains("session: time is up"));
    lab.keys("\n\n");
    assert!(
        lab.screen().contains("time is up: n summary"),
        "{}",
        lab.screen()
    );
    lab.keys("n");
    assert_eq!(lab.app.screen, Screen::Summary);
    assert!(lab.app.session.is_none());
    let s = lab.screen();
    for expected in [
        "Session summary",
        "Drills graded: 3 · passed 2",
        "Mean score: 66/100",
        "session length: 26 min",
        "Skills practiced",
        "Authorization         ██████████ 100%         2",
        "Failure isolation     █████░░░░░  50%         2",
        "Practice: 0.",
    ] {
        assert!(s.contains(expected), "missing {expected:?}:\n{s}");
    }
    assert!(!s.contains("Traffic routing"), "only skills practised: {s}");

    // Esc: the progress screen, with all three attempts and no session.
    lab.keys("\x1b");
    assert_eq!(lab.app.screen, Screen::Progress);
    assert!(lab.screen().contains("Attempts recorded: 3"));
    assert!(lab.screen().contains("Press s to start."));
}

#[test]
fn a_session_ends_early_with_e_and_runs_out_of_drills() {
    let mut lab = Lab::new(Lang::Id, 80, 24);
    lab.keys("ps\x1b");
    assert_eq!(lab.app.screen, Screen::Progress);
    assert!(
        lab.screen().contains("Sesi berjalan, sisa 25:00"),
        "{}",
        lab.screen()
    );
    lab.keys("e");
    assert_eq!(lab.app.screen, Screen::Summary);
    assert!(
        lab.screen()
            .contains("Tidak ada latihan yang dinilai di sesi ini."),
        "{}",
        lab.screen()
    );
    // s on the summary starts a new session; each drill comes once, then the summary.
    lab.keys("s");
    for _ in 0..3 {
        assert_eq!(lab.app.screen, Screen::Drill);
        lab.keys("36\n\n\n"); // The retry drill's answer; Enter picks the others'.
        assert!(lab.app.drill.as_ref().unwrap().report.is_some());
        lab.keys("n");
    }
    assert_eq!(lab.app.screen, Screen::Summary);
    assert!(
        lab.screen().contains("Latihan dinilai: 3"),
        "{}",
        lab.screen()
    );
}

#[test]
fn help_lists_the_new_keys_in_both_languages() {
    let mut lab = Lab::new(Lang::En, 100, 40);
    lab.keys("?");
    assert!(lab.screen().contains("progress and practice sessions"));
    lab.keys("?p?");
    let s = lab.screen();
    assert!(s.contains("start a 25-minute session"), "{s}");
    assert!(s.contains("end the session and see its summary"), "{s}");
    lab.keys("?L?");
    assert!(lab.screen().contains("mulai sesi 25 menit"));
    lab.keys("?\x1b2j\n?");
    assert!(
        lab.screen()
            .contains("konsol investigasi (diagnosis, audit)")
    );
}

#[test]
fn the_new_screens_survive_every_size() {
    let mut sizes = vec![(1, 1), (2, 40), (39, 24), (40, 10), (80, 9), (200, 60)];
    for w in (1..=200).step_by(29) {
        for h in (1..=60).step_by(9) {
            sizes.push((w, h));
        }
    }
    for (w, h) in sizes {
        for lang in Lang::ALL {
            // Keys act only above the minimum size, so each step is taken at 120x40, then
            // drawn (and scrolled) at w x h.
            let mut lab = Lab::new(lang, 120, 40);
            let mut screens = vec![];
            let mut step = |lab: &mut Lab, keys: &str| {
                lab.keys(keys);
                update(&mut lab.app, Action::Resize(w, h));
                screens.push(lab.screen());
                update(&mut lab.app, Action::PageDown);
                screens.push(lab.screen());
                update(&mut lab.app, Action::Resize(120, 40));
            };
            open_diagnose(&mut lab);
            step(&mut lab, "i");
            step(&mut lab, "kubectl get pods\nli\t\t");
            step(&mut lab, "⇞⇞⇟x\x1b\x1bp");
            step(&mut lab, "s");
            step(&mut lab, "\n\n36\n");
            step(&mut lab, "\x1be?");
            step(&mut lab, "?e");
            let small = w < 40 || h < 10;
            for s in screens {
                if small && w >= 12 && h >= 3 {
                    assert!(s.contains("small") || s.contains("kecil"), "{w}x{h}: {s}");
                }
            }
        }
    }
}

#[test]
fn short_terminals_scroll_the_progress_and_summary_screens() {
    let mut lab = Lab::new(Lang::En, 80, 12);
    lab.keys("p");
    assert!(!lab.screen().contains("Portability"), "{}", lab.screen());
    lab.keys("G");
    let s = lab.screen();
    assert!(
        s.contains("Portability") && s.contains("Press s to start."),
        "{s}"
    );
    lab.keys("g");
    assert!(lab.screen().contains("Practice: 0.0 of 20 hours"));
    lab.keys("jj");
    assert_eq!(lab.app.page_top, 2);
    // The summary starts at its top, and fits here: nothing to scroll.
    lab.keys("s\x1be");
    assert_eq!(lab.app.screen, Screen::Summary);
    assert_eq!(lab.app.page_top, 0);
    lab.keys("G");
    assert_eq!(lab.app.page_top, 0);
    assert!(lab.screen().contains("Drills graded: 0 · passed 0"));
}

#[test]
fn ctrl_l_switches_language_while_the_console_has_the_keyboard() {
    let mut lab = Lab::new(Lang::En, 100, 40);
    open_diagnose(&mut lab);
    lab.keys("ikub");
    let ev = Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    let action = action::from_event(&lab.app, &ev).expect("a key the console maps");
    update(&mut lab.app, action);
    assert_eq!(lab.app.lang, Lang::Id);
    assert!(lab.console().open);
    assert_eq!(lab.console().input, "kub", "nothing typed by the chord");
    assert!(
        lab.screen().contains("Konsol investigasi"),
        "{}",
        lab.screen()
    );
}
