//! Installed packs in the TUI: installed by the real binary into a temporary data directory,
//! loaded the way start-up loads them, listed beside the built-in pack, drilled, graded
//! against their own pack and recorded, by pack, in the real progress file.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyModifiers};
use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::clock::{Clock, SystemClock};
use meshlab::practice::progress_file::ProgressFile;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::{App, Screen};
use meshlab::tui::attempts::{Attempts, Kept};
use meshlab::tui::packs::Packs;
use meshlab::tui::update::update;
use tempfile::TempDir;

mod support;
use support::{key_code, screen};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `meshlab pack install SOURCE` into `data`, as a learner runs it.
fn install(data: &Path, source: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(["pack", "install"])
        .arg(source)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", data)
        .output()
        .expect("meshlab runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The app as `meshlab` builds it at start-up, and the loop's progress store around it.
struct Lab {
    app: App,
    attempts: Kept,
    data: TempDir,
}

impl Lab {
    /// Installed: the mini fixture and the example pack (the same three drill ids), and a
    /// folder that no longer loads (the broken fixture, as if edited by hand after install).
    fn new(lang: Lang) -> Lab {
        let data = tempfile::tempdir().unwrap();
        install(data.path(), &root().join("tests/fixtures/packs/mini"));
        install(data.path(), &root().join("exercises/example-pack"));
        copy_dir(
            &root().join("tests/fixtures/packs/broken"),
            &data.path().join("packs/broken"),
        );
        Lab::open(lang, data)
    }

    fn open(lang: Lang, data: TempDir) -> Lab {
        let packs = Packs::installed(Pack::builtin().unwrap(), Some(data.path()));
        let catalog = packs.with_lessons(Catalog::builtin().unwrap());
        // Attempts are stamped by the system clock, so the app's clock starts from it too.
        let mut app = App::new(catalog, lang, false, Reading::default())
            .with_packs(packs)
            .with_start(SystemClock.now(), time::UtcOffset::UTC);
        update(&mut app, Action::Resize(100, 40));
        let attempts = Kept::new(ProgressFile::in_dir(data.path()), lang);
        Lab {
            app,
            attempts,
            data,
        }
    }

    /// Keys through the real key map; a graded drill is kept in the progress file and handed
    /// back, as the event loop does.
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
                        let kept = self.attempts.record(&graded).unwrap().unwrap();
                        actions.push(Action::Recorded(Box::new(kept)));
                    }
                }
            }
        }
    }

    /// The open drill: its pack's id and its id.
    fn drill(&self) -> (&str, &str) {
        let pack = self.app.drill_pack().expect("a drill is open");
        let ex = self.app.exercise().expect("a drill is open");
        (pack.pack.manifest.id.as_str(), ex.id.as_str())
    }

    fn progress_file(&self) -> String {
        std::fs::read_to_string(self.data.path().join("progress.toml")).unwrap()
    }
}

#[test]
fn installed_packs_are_listed_beside_the_builtin_one_in_both_languages() {
    for (lang, expected) in [
        (
            Lang::En,
            [
                "Test pack  mini 0.1.0 · 3 drills",
                "example-pack 0.1.0 · 3 drills",
                "broken  does not load (",
                "check: meshlab pack validate broken",
            ],
        ),
        (
            Lang::Id,
            [
                "Paket uji  mini 0.1.0 · 3 latihan",
                "example-pack 0.1.0 · 3 latihan",
                "broken  tidak bisa dimuat (",
                "periksa: meshlab pack validate broken",
            ],
        ),
    ] {
        let mut lab = Lab::new(lang);
        lab.keys("2");
        let top = screen(&lab.app);
        assert!(top.contains("Part 023 — "), "{top}");
        assert!(top.contains("part-023 0.1.0 · "), "{top}");
        // The built-in pack comes first; the installed ones follow by id, below its drills.
        lab.keys("G");
        let bottom = screen(&lab.app);
        for e in expected {
            assert!(bottom.contains(e), "{e} in:\n{bottom}");
        }
        let at = |s: &str| bottom.find(s).unwrap();
        assert!(
            at("broken  ") < at("example-pack 0.1.0")
                && at("example-pack 0.1.0") < at("mini 0.1.0")
        );
        // Every drill of the loaded packs can be opened; the broken pack adds none.
        let builtin = Pack::builtin().unwrap().exercises.len();
        assert_eq!(lab.app.packs.drill_count(), builtin + 6);
        assert_eq!(lab.app.drill_selected, builtin + 5);
    }
}

#[test]
fn brackets_jump_between_packs() {
    let mut lab = Lab::new(Lang::En);
    let builtin = Pack::builtin().unwrap().exercises.len();
    // Each pack's first drill as the list shows it (in lesson order, not the pack's).
    let first_in = |app: &meshlab::tui::app::App, range: std::ops::Range<usize>| {
        meshlab::tui::drill_list::shown(app)
            .iter()
            .map(|d| d.index)
            .find(|i| range.contains(i))
            .unwrap()
    };
    let (first, example, mini) = (
        first_in(&lab.app, 0..builtin),
        first_in(&lab.app, builtin..builtin + 3),
        first_in(&lab.app, builtin + 3..builtin + 6),
    );
    lab.keys("2");
    assert!(screen(&lab.app).contains("[ ] pack"));
    // Forward: each pack's first drill (the broken pack has none); at the end it stays.
    lab.keys("]");
    assert_eq!(lab.app.drill_selected, example);
    lab.keys("]");
    assert_eq!(lab.app.drill_selected, mini);
    lab.keys("]");
    assert_eq!(lab.app.drill_selected, mini);
    let s = screen(&lab.app);
    assert!(
        s.contains("Test pack  mini 0.1.0"),
        "the header scrolls into view: {s}"
    );
    // Back: to this pack's first drill, then the previous pack's.
    lab.keys("j[");
    assert_eq!(lab.app.drill_selected, mini);
    lab.keys("[[");
    assert_eq!(lab.app.drill_selected, first);
    lab.keys("\n");
    assert_eq!(lab.drill().0, "part-023");
}

#[test]
fn a_drill_of_an_installed_pack_is_graded_against_it_and_kept_by_pack() {
    let mut lab = Lab::new(Lang::En);
    // The last drill: the mini pack's retry drill.
    lab.keys("2G\n");
    assert_eq!(lab.app.screen, Screen::Drill);
    assert_eq!(lab.drill(), ("mini", "retry-layers"));
    lab.keys("18\n");
    let s = screen(&lab.app);
    assert!(s.contains("grade 0/100"), "graded: {s}");
    let attempts = lab.app.progress.attempts();
    assert_eq!(attempts.len(), 1);
    assert_eq!(
        (attempts[0].pack.as_str(), attempts[0].drill.as_str()),
        ("mini", "retry-layers")
    );
    assert_eq!((attempts[0].score, attempts[0].passed), (0, false));
    let file = lab.progress_file();
    assert!(file.contains("pack = \"mini\""), "{file}");
    assert!(file.contains("[review.mini.retry-layers]"), "{file}");

    // The example pack's drill of the same id is another drill: passed, it gets its own
    // review, and the mini pack's failure is untouched.
    lab.keys("\x1bkkk\n");
    assert_eq!(lab.drill(), ("example-pack", "retry-layers"));
    lab.keys("36\n");
    let schedule = lab.app.progress.schedule();
    assert_eq!(schedule.state("mini", "retry-layers").unwrap().lapses, 1);
    assert_eq!(
        schedule
            .state("example-pack", "retry-layers")
            .unwrap()
            .lapses,
        0
    );
    let reloaded = ProgressFile::in_dir(lab.data.path()).load().unwrap().0;
    assert_eq!(reloaded.attempts().len(), 2);

    // The lesson link works from an installed pack's drill, and Esc comes back to it.
    lab.keys("o");
    assert_eq!(lab.app.screen, Screen::Reader);
    let lesson = screen(&lab.app);
    assert!(lesson.contains("Performance"), "{lesson}");
    lab.keys("\x1b");
    assert_eq!(lab.drill(), ("example-pack", "retry-layers"));

    // A timed session picks from every pack: a day later, the failed drill's review is due
    // first, and it is the mini pack's, not the example pack's of the same id (listed first).
    lab.keys("\x1b\x1bp");
    lab.app.clock = Duration::from_secs(24 * 3600);
    lab.keys("s");
    assert!(lab.app.session.is_some());
    assert_eq!(lab.drill(), ("mini", "retry-layers"));
}

#[test]
fn a_drill_s_lesson_link_prefers_its_own_pack_s_lessons() {
    // A pack whose lesson has the file stem of a built-in lesson its drill links to.
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("own-lessons");
    copy_dir(&root().join("tests/fixtures/packs/mini"), &src);
    let manifest = std::fs::read_to_string(src.join("pack.toml")).unwrap();
    std::fs::write(
        src.join("pack.toml"),
        manifest.replace("id = \"mini\"", "id = \"own-lessons\""),
    )
    .unwrap();
    let part = src.join("lessons/part-902");
    copy_dir(
        &root().join("exercises/example-pack/lessons/part-901"),
        &part,
    );
    let toml = std::fs::read_to_string(part.join("part.toml")).unwrap();
    std::fs::write(part.join("part.toml"), toml.replace("901", "902")).unwrap();
    for lang in ["id", "en"] {
        let from = part.join(lang).join("01-retry-budget.md");
        let text = std::fs::read_to_string(&from).unwrap();
        std::fs::remove_file(&from).unwrap();
        std::fs::write(
            part.join(lang).join("14-performance-cost.md"),
            text.replace("section = 1", "section = 14"),
        )
        .unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    install(data.path(), &src);

    let mut lab = Lab::open(Lang::En, data);
    lab.keys("2G\n");
    assert_eq!(lab.drill(), ("own-lessons", "retry-layers"));
    lab.keys("o");
    assert_eq!(lab.app.screen, Screen::Reader);
    let s = screen(&lab.app);
    assert!(s.contains("Layered Retry Budgets"), "{s}");
}
