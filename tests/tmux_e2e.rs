//! The real binary in a real terminal (tmux): open a lesson, switch language, search, quit, and
//! check that the terminal came back (main screen, echo, cursor, no mouse reporting).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// `None` when tmux is not installed; CI installs it, so there a missing tmux is a failure.
    /// `name` keeps the tmux servers of tests running in parallel apart.
    fn start(name: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is required in CI (.ci/run installs it)"
            );
            eprintln!("tmux not installed: skipping the end-to-end test");
            return None;
        }
        let socket = format!("meshlab-e2e-{}-{name}", std::process::id());
        let t = Tmux { socket };
        t.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "env -i PATH=/usr/bin:/bin TERM=xterm-256color PS1='READY$ ' bash --norc --noprofile",
        ]);
        t.wait_for("READY$");
        Some(t)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "0", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    fn flags(&self) -> String {
        self.run(&[
            "display-message",
            "-p",
            "-t",
            "0",
            "alt=#{alternate_on} mouse=#{mouse_any_flag} cursor=#{cursor_flag}",
        ])
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn launch(t: &Tmux, data: &Path) {
    launch_with(t, data, "");
}

fn launch_with(t: &Tmux, data: &Path, env: &str) {
    launch_args(t, data, env, "");
}

fn launch_args(t: &Tmux, data: &Path, env: &str, args: &str) {
    let cmd = format!(
        "clear; {env} MESHLAB_DATA_DIR={} {} --lang en {args}; echo EXIT=$?",
        data.display(),
        env!("CARGO_BIN_EXE_meshlab")
    );
    t.keys(&[&cmd, "Enter"]);
}

/// Resizes the real window through `sizes`: below 40×10 the screen says it is too small,
/// otherwise `content` is still on it.
fn resize_through(t: &Tmux, sizes: &[(u16, u16)], content: &str) {
    for &(w, h) in sizes {
        t.run(&[
            "resize-window",
            "-t",
            "0",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        let small = w < 40 || h < 10;
        t.wait_for(if small { "Terminal too" } else { content });
    }
}

/// meshlab on the `mini` fixture pack, showing its drill list.
fn launch_with_mini_pack(t: &Tmux, data: &Path) {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini");
    launch_args(t, data, "", &format!("--pack-dir {}", pack.display()));
    t.wait_for("Lessons");
    t.keys(&["Tab"]);
}

/// The meshlab process running under the pane's shell.
fn meshlab_pid(t: &Tmux) -> String {
    let shell = t.run(&["display-message", "-p", "-t", "0", "#{pane_pid}"]);
    let out = Command::new("pgrep")
        .args(["-P", shell.trim()])
        .output()
        .expect("pgrep runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn assert_terminal_restored(t: &Tmux) {
    assert_restored_with(t, "EXIT=0");
}

fn assert_restored_with(t: &Tmux, exit: &str) {
    t.wait_for(exit);
    assert_eq!(t.flags().trim(), "alt=0 mouse=0 cursor=1");
    t.keys(&[
        "stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ,",
        "Enter",
    ]);
    t.wait_for("icanon,echo,");
}

#[test]
fn read_toggle_search_quit_and_resume() {
    let Some(t) = Tmux::start("read", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();

    launch(&t, data.path());
    t.wait_for("Lessons");
    assert_eq!(t.flags().trim(), "alt=1 mouse=1 cursor=0");
    t.keys(&["j", "Enter"]); // section 2
    t.wait_for("2. Kaufman");
    t.keys(&["L"]);
    t.wait_for("Bahasa Indonesia");
    t.keys(&["/", "m", "e", "s", "h", "Enter"]);
    let s = t.wait_for("“mesh”: 1 dari");
    assert!(
        s.contains("Kaufman"),
        "still in section 2 after the toggle:\n{s}"
    );
    t.keys(&["q"]);
    assert_terminal_restored(&t);

    // The next launch resumes in the same lesson.
    launch(&t, data.path());
    t.wait_for("2. Kaufman");
    t.keys(&["C-c"]);
    assert_terminal_restored(&t);
}

#[test]
fn terminal_comes_back_after_signals_and_panics() {
    let Some(t) = Tmux::start("signals", 80, 24) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    for (signal, exit) in [("TERM", "EXIT=143"), ("HUP", "EXIT=129")] {
        launch(&t, data.path());
        t.wait_for("Lessons");
        let pid = meshlab_pid(&t);
        assert!(!pid.is_empty(), "meshlab is running");
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
        assert_restored_with(&t, exit);
    }

    // A panic (a debug-build-only key) restores first, then prints the message.
    launch_with(&t, data.path(), "MESHLAB_DEBUG_PANIC=1");
    t.wait_for("Lessons");
    t.keys(&["!"]);
    let s = t.wait_for("EXIT=101");
    assert!(
        s.contains("deliberate panic"),
        "the panic message is shown:\n{s}"
    );
    assert_restored_with(&t, "EXIT=101");
}

#[test]
fn a_drill_from_pack_dir_end_to_end() {
    let Some(t) = Tmux::start("drill", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    launch_with_mini_pack(&t, data.path());
    t.wait_for("Business permission");
    t.keys(&["Enter", "h"]);
    t.wait_for("Hint 1/1");
    t.keys(&["s"]); // CNI: the packet filter cannot see the assignment
    let s = t.wait_for("FAIL · grade 0/100");
    assert!(
        s.contains("not enforceable at cni") && s.contains("┌ pod cases/case-service-0"),
        "{s}"
    );
    // Back to the lesson and to the drill, then the right answer.
    t.keys(&["o"]);
    t.wait_for("Enforcement Point Model");
    t.keys(&["Escape"]);
    t.wait_for("FAIL · grade 0/100");
    t.keys(&["r", "j", "j", "j", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    // The hop diagram runs past the screen: scroll to where the application refused.
    t.keys(&["PageDown"]);
    t.wait_for("✗ denied here");
    t.keys(&["q"]);
    assert_terminal_restored(&t);

    // Both attempts were kept in the progress file, the failed one and the passing one.
    let out = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(["progress", "--json"])
        .env("MESHLAB_DATA_DIR", data.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(v["attempts"].as_u64(), Some(2), "{text}");
}

#[test]
fn an_installed_pack_is_listed_beside_the_builtin_one() {
    let Some(t) = Tmux::start("installed", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini");
    let out = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(["pack", "install"])
        .arg(&pack)
        .env("MESHLAB_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    launch(&t, data.path());
    t.wait_for("Lessons");
    t.keys(&["Tab"]);
    t.wait_for("part-023 0.1.0 · ");
    t.keys(&["]"]);
    t.wait_for("Test pack  mini 0.1.0 · 3 drills");
    t.keys(&["Enter"]);
    t.wait_for("Only the assigned officer may approve.");
    t.keys(&["q"]);
    assert_terminal_restored(&t);
}

#[test]
fn investigation_console_and_progress_end_to_end() {
    let Some(t) = Tmux::start("console", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    launch_with_mini_pack(&t, data.path());
    t.wait_for("Checkout cannot reach payments");
    t.keys(&["j", "Enter"]);
    t.wait_for("i console");
    t.keys(&["i"]);
    t.wait_for("Investigation console");
    // Tab completes a tool and a subcommand, lists the kinds that share a prefix, and
    // completes once unambiguous.
    t.keys(&["kub", "Tab"]);
    t.wait_for("$ kubectl █");
    t.keys(&["g", "Tab"]);
    t.wait_for("$ kubectl get █");
    t.keys(&["po", "Tab"]);
    t.wait_for("Tab: po · pods");
    t.keys(&["ds -A"]);
    t.wait_for("$ kubectl get pods -A█");
    t.keys(&["Enter"]);
    let s = t.wait_for("payments-0");
    assert!(
        s.contains("NAMESPACE   NAME") && s.contains("shop        checkout-0"),
        "{s}"
    );
    // q is typed, not a quit.
    t.keys(&["q", "Enter"]);
    t.wait_for("“q” is not a tool meshlab simulates");
    // Back to the answer: the right cause and fix.
    t.keys(&["Escape"]);
    t.wait_for("Root cause");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    // The progress screen shows the attempt just kept.
    t.keys(&["Escape"]);
    t.wait_for("Business permission");
    t.keys(&["p"]);
    let s = t.wait_for("Attempts recorded: 1");
    assert!(s.contains("Authorization         ██████████ 100%"), "{s}");
    // A timed session: its timer runs down on its own (the loop's one-second tick).
    t.keys(&["s"]);
    t.wait_for("session: 25:00 left");
    t.wait_for("session: 24:58 left");
    t.keys(&["Escape"]);
    t.wait_for("A session is running");
    t.keys(&["e"]);
    t.wait_for("No drill was graded in this session.");
    t.keys(&["q"]);
    assert_terminal_restored(&t);
}

/// Issue 15: a learner investigates `dx-503s-and-an-empty-app-log` with the real commands (pods, the
/// client's proxy log, the server's certificate), answers from what they found, and finds the
/// same commands in the history after a relaunch.
#[test]
fn investigating_a_diagnose_drill_like_a_learner_then_answering() {
    let Some(t) = Tmux::start("investigate", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    launch(&t, data.path());
    t.wait_for("Lessons");
    open_builtin(&t, "dx-503s-and-an-empty-app-log");
    t.wait_for("i console");
    t.keys(&["i"]);
    t.wait_for("Investigation console");
    // Every pod runs and is ready: nothing to see here.
    t.keys(&["kubectl get pods -A", "Enter"]);
    let s = t.wait_for("payment-0");
    assert!(s.contains("2/2     Running"), "{s}");
    // The client's sidecar says why: a TLS handshake with an expired certificate.
    t.keys(&["kubectl logs checkout-0 -n shop -c istio-proxy", "Enter"]);
    let s = t.wait_for("\"POST /payments HTTP/1.1\" 503 UF");
    assert!(
        s.contains("$ kubectl logs checkout-0 -n shop -c istio-proxy"),
        "{s}"
    );
    // payment's own certificate: no longer valid.
    t.keys(&["istioctl proxy-config secret payment-0 -n shop", "Enter"]);
    let s = t.wait_for("Cert Chain     ACTIVE     false");
    assert!(
        s.contains("ROOTCA            CA             ACTIVE     true"),
        "{s}"
    );
    // The answer: the expired certificate, and the restart that renews it.
    t.keys(&["Escape"]);
    t.wait_for("Root cause");
    t.keys(&["j", "j", "j", "Enter", "j", "j", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    t.keys(&["q"]);
    assert_terminal_restored(&t);
    let history = std::fs::read_to_string(
        data.path()
            .join("console/part-023/dx-503s-and-an-empty-app-log.history"),
    )
    .unwrap();
    assert_eq!(
        history.lines().collect::<Vec<_>>(),
        [
            "kubectl get pods -A",
            "kubectl logs checkout-0 -n shop -c istio-proxy",
            "istioctl proxy-config secret payment-0 -n shop",
        ]
    );
    // Relaunched: ↑ in the console brings the last command back.
    launch(&t, data.path());
    t.wait_for("Lessons");
    open_builtin(&t, "dx-503s-and-an-empty-app-log");
    t.wait_for("i console");
    t.keys(&["i", "Up"]);
    t.wait_for("$ istioctl proxy-config secret payment-0 -n shop█");
    t.keys(&["Escape", "q"]);
    assert_terminal_restored(&t);
}

#[test]
fn resizing_the_window_while_a_lesson_and_a_drill_are_open() {
    let Some(t) = Tmux::start("resize", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    launch(&t, data.path());
    t.wait_for("Lessons");
    t.keys(&["j", "j", "j", "j", "j", "j", "Enter"]); // section 7: a wide table
    t.wait_for("7. Linkerd vs Cilium");
    resize_through(
        &t,
        &[(30, 8), (200, 60), (41, 10), (12, 4), (100, 30)],
        "7. Linkerd",
    );
    // Back home, into a drill, and the same again.
    t.keys(&["Escape"]);
    t.wait_for("Lessons");
    t.keys(&["Tab"]);
    t.keys(&["Enter"]);
    // The drill header carries the difficulty stars, whatever the first drill is.
    t.wait_for("★");
    resize_through(&t, &[(20, 5), (160, 50), (80, 24)], "★");
    t.keys(&["q"]);
    assert_terminal_restored(&t);
}

/// Opens built-in drill `id` from the drill list (its row found from the pack, so adding drills
/// does not move the test).
fn open_builtin(t: &Tmux, id: &str) {
    let row = list_row(id);
    t.keys(&["2", "g"]);
    for _ in 0..row {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
}

/// The row of built-in drill `id` in the drill list as meshlab orders it (by lesson).
fn list_row(id: &str) -> usize {
    let pack = meshlab::drill::pack::Pack::builtin().unwrap();
    let index = pack.exercises.iter().position(|e| e.id == id).unwrap();
    let app = meshlab::tui::app::App::new(
        meshlab::content::Catalog::builtin().unwrap(),
        meshlab::i18n::Lang::En,
        false,
        meshlab::practice::reading::Reading::default(),
    )
    .with_pack(pack);
    meshlab::tui::drill_list::shown(&app)
        .iter()
        .position(|d| d.index == index)
        .unwrap()
}

#[test]
fn one_drill_of_every_kind_then_the_progress_survives_a_relaunch() {
    let Some(t) = Tmux::start("kinds", 120, 40) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    // An empty draft for the ADR drill: the editor loads it instead of the template.
    let drafts = data.path().join("adr/part-023");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("adr-linkerd.md"), "").unwrap();
    launch(&t, data.path());
    t.wait_for("Lessons");

    // enforcement-point: cni, mesh-identity, l7-proxy, application.
    open_builtin(&t, "ep-refunds-at-payment");
    t.wait_for("Refunds at `payment`");
    t.keys(&["j", "j", "j", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    t.keys(&["Escape"]);

    // diagnose: the second cause, then the third fix.
    open_builtin(&t, "dx-one-caller-slips-past-the-route");
    t.wait_for("Root cause");
    t.keys(&["j", "Enter", "j", "j", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    t.keys(&["Escape"]);

    // retry-budget: typed.
    open_builtin(&t, "retry-config-fields");
    t.wait_for("Retry");
    t.keys(&["4", "8", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    t.keys(&["Escape"]);

    // mesh-selection: linkerd, cilium, istio-sidecar.
    open_builtin(&t, "sel-regulated-l7");
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    t.keys(&["Escape"]);

    // adoption-order: the phases as listed, which is an outage somewhere: graded, not passed.
    open_builtin(&t, "adopt-progressive-istio");
    t.keys(&["Enter"]);
    t.wait_for("FAIL · grade");
    t.keys(&["Escape"]);

    // audit: denied, checkout's SPIFFE identity, Envoy's RBAC log.
    open_builtin(&t, "audit-payment-approve");
    t.keys(&["j", "Enter", "Enter", "j", "Enter"]);
    t.wait_for("PASS · grade 100/100");
    t.keys(&["Escape"]);

    // adr: the editor opens on the (empty) saved draft; the reference arrives as one bracketed
    // paste (tmux `paste-buffer -p`), and Ctrl+G saves and grades it.
    open_builtin(&t, "adr-linkerd");
    t.wait_for("Enter write");
    t.keys(&["Enter"]);
    t.wait_for("Ctrl+G grade");
    let reference =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/part-023/answers/adr-linkerd.md");
    t.run(&["load-buffer", &reference.display().to_string()]);
    t.run(&["paste-buffer", "-p", "-t", "0"]);
    t.wait_for("unsaved");
    t.keys(&["C-g"]);
    t.wait_for("PASS · grade 100/100");
    let draft = std::fs::read_to_string(drafts.join("adr-linkerd.md")).unwrap();
    assert_eq!(
        draft.trim_end(),
        std::fs::read_to_string(&reference).unwrap().trim_end(),
        "the pasted record was saved as it was pasted"
    );
    t.keys(&["q"]);
    assert_terminal_restored(&t);

    // Relaunched: all seven attempts are on the progress screen.
    launch(&t, data.path());
    t.wait_for("Lessons");
    t.keys(&["p"]);
    t.wait_for("Attempts recorded: 7");
    t.keys(&["q"]);
    assert_terminal_restored(&t);
}

#[test]
fn e_runs_the_learners_editor_and_grades_what_it_wrote() {
    let Some(t) = Tmux::start("editor", 100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let reference =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/part-023/answers/adr-linkerd.md");
    // The "editor" writes the reference record over the draft it is given, as a learner would.
    launch_with(
        &t,
        data.path(),
        &format!("EDITOR='cp {}'", reference.display()),
    );
    t.wait_for("Lessons");
    open_builtin(&t, "adr-linkerd");
    t.wait_for("Enter write");
    t.keys(&["e"]);
    t.wait_for("PASS · grade 100/100");
    // The terminal came back to meshlab whole: the alternate screen, mouse reporting on.
    assert_eq!(t.flags().trim(), "alt=1 mouse=1 cursor=0");
    let draft = data.path().join("adr/part-023/adr-linkerd.md");
    assert_eq!(
        std::fs::read_to_string(draft).unwrap(),
        std::fs::read_to_string(&reference).unwrap()
    );
    t.keys(&["q"]);
    assert_terminal_restored(&t);
}

/// A first use at 80x24, as a new learner goes: the first launch says where to start, `n`
/// opens it, `]` walks on to section 9, its end offers its drills, `d` lists them, a wrong
/// answer is read to its end, and `meshlab next` in the shell says what comes next.
#[test]
fn a_first_use_start_here_a_lesson_its_drills_a_wrong_answer_and_next() {
    let Some(t) = Tmux::start("first-use", 80, 24) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    launch(&t, data.path());
    t.wait_for("▶ Start here: 1. Goals of This Part — press n");
    t.keys(&["n"]);
    t.wait_for("1. Goals of This Part");
    // On through the sections to the enforcement point model, read to its end.
    for _ in 0..8 {
        t.keys(&["]"]);
    }
    t.wait_for("9. The Enforcement Point Model");
    t.keys(&["G"]);
    let s = t.wait_for("d practise this section:");
    assert!(s.contains("] next: 10."), "{s}");
    t.keys(&["d"]);
    let s = t.wait_for("section 9 only");
    let none_passed = format!(
        "0 of {} passed",
        meshlab::drill::pack::Pack::builtin()
            .unwrap()
            .exercises
            .len()
    );
    assert!(s.contains(&none_passed), "{s}");
    // The easiest drill of the section is first; Enter answers with the first point (CNI),
    // which cannot see who is assigned: wrong.
    t.keys(&["Enter"]);
    t.wait_for("Approving a sanction");
    t.keys(&["Enter"]);
    let mut seen = t.wait_for("FAIL");
    for _ in 0..10 {
        if seen.contains("100%") {
            break;
        }
        t.keys(&["PageDown"]);
        seen.push_str(&t.screen());
    }
    assert!(
        seen.contains("100%"),
        "the result's page reaches its end:\n{seen}"
    );
    assert!(seen.contains("Why it matters"), "{seen}");
    assert!(
        seen.contains("The client sees"),
        "the path is drawn to its end:\n{seen}"
    );
    t.keys(&["q"]);
    assert_terminal_restored(&t);

    // The shell: the next unread section after the one the learner stopped in.
    let cmd = format!(
        "clear; MESHLAB_DATA_DIR={} {} next --lang en | head -3",
        data.path().display(),
        env!("CARGO_BIN_EXE_meshlab")
    );
    t.keys(&[&cmd, "Enter"]);
    t.wait_for("Next, read: 10. Gateway API as the Mesh Abstraction Layer");
    // The relaunch resumes in section 9; home's drill list remembers the failed drill.
    launch(&t, data.path());
    t.wait_for("9. The Enforcement Point Model");
    t.keys(&["Escape", "Tab"]);
    t.wait_for(&none_passed);
    // The list is longer than a screen: find the drill by a word of its title.
    let mut filter = vec!["/"];
    filter.extend("sanction".split("").filter(|c| !c.is_empty()));
    filter.push("Enter");
    t.keys(&filter);
    let s = t.wait_for("Approving a sanction");
    let row = s
        .lines()
        .find(|l| l.contains("Approving a sanction"))
        .unwrap_or_default();
    assert!(row.starts_with(" ✗"), "{s}");
    t.keys(&["q"]);
    assert_terminal_restored(&t);
}

/// Launches meshlab in `lang` with `env` before it.
fn launch_lang(t: &Tmux, data: &Path, env: &str, lang: &str) {
    let cmd = format!(
        "clear; {env} MESHLAB_DATA_DIR={} {} --lang {lang}; echo EXIT=$?",
        data.display(),
        env!("CARGO_BIN_EXE_meshlab")
    );
    t.keys(&[&cmd, "Enter"]);
}

/// A manifest drill at 80x24, in English then in Indonesian: the editor opens on the saved
/// draft (an answer with collateral damage), F2 shows the "probes now" panel, Ctrl+S runs the
/// probes, Ctrl+G grades it (a partial grade), a YAML error stays in the editor with its
/// line:column, and `e` hands the draft to `$EDITOR`, whose reference answer passes.
#[test]
fn a_manifest_drill_written_saved_probed_and_graded() {
    let answers = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/part-023/answers");
    let reference = answers.join("mf-netpol-namespace-isolation.yaml");
    let shop_only = answers.join("mf-netpol-namespace-isolation-shop-only.yaml");
    for (lang, probes_now, fail, pass, cannot) in [
        (
            "en",
            "Probes now",
            "FAIL · grade 50/100",
            "PASS · grade 100/100",
            "Cannot grade",
        ),
        (
            "id",
            "Probe sekarang",
            "GAGAL · nilai 50/100",
            "LULUS · nilai 100/100",
            "Tidak bisa dinilai",
        ),
    ] {
        let Some(t) = Tmux::start(&format!("manifest-{lang}"), 80, 24) else {
            return;
        };
        let data = tempfile::tempdir().unwrap();
        let drafts = data.path().join("adr/part-023");
        std::fs::create_dir_all(&drafts).unwrap();
        let draft = drafts.join("mf-netpol-namespace-isolation.yaml");
        std::fs::copy(&shop_only, &draft).unwrap();
        launch_lang(
            &t,
            data.path(),
            &format!("EDITOR='cp {}'", reference.display()),
            lang,
        );
        t.wait_for("meshlab");
        open_builtin(&t, "mf-netpol-namespace-isolation");
        t.wait_for("YAML");
        t.keys(&["Enter"]);
        t.wait_for("namespaceSelector");
        t.keys(&["F2"]);
        t.wait_for(probes_now);
        t.keys(&["C-s"]);
        t.wait_for("! ledger-to-db");
        t.keys(&["C-g"]);
        t.wait_for(fail);
        // A YAML error: the editor keeps the draft open with the problem at its place.
        t.keys(&["Escape", "Enter"]);
        std::fs::write(&draft, "kind: [x\n").unwrap();
        t.keys(&["Escape", "q"]);
        t.wait_for("EXIT=0");
        launch_lang(
            &t,
            data.path(),
            &format!("EDITOR='cp {}'", reference.display()),
            lang,
        );
        t.wait_for("meshlab");
        open_builtin(&t, "mf-netpol-namespace-isolation");
        t.wait_for("YAML");
        t.keys(&["Enter"]);
        t.wait_for("kind: [x");
        t.keys(&["C-g"]);
        let s = t.wait_for("mf-netpol-namespace-isolation.yaml:1:7:");
        assert!(s.contains(cannot) && s.contains("unclosed bracket"), "{s}");
        // $EDITOR writes the reference over the draft; back in meshlab it is graded.
        t.keys(&["Escape", "e"]);
        t.wait_for(pass);
        assert_eq!(
            std::fs::read_to_string(&draft).unwrap(),
            std::fs::read_to_string(&reference).unwrap()
        );
        t.keys(&["q"]);
        assert_terminal_restored(&t);
    }
}
