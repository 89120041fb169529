//! Variants of enforcement-point, diagnose and adoption drills (issue #18 item 5): a variant
//! is a new question, the same seed asks the same one, and it is graded from the variant, so
//! the written drill's answer fails where the variant's answer differs. On the shell, the
//! answer names its variant and the attempt records it.

use std::path::Path;
use std::process::{Command, Output};

use meshlab::drill::exercise::{Answer, Exercise, Kind};
use meshlab::drill::grade::grade;
use meshlab::drill::pack::Pack;
use meshlab::drill::variant::{picked, resolve, seed_for, varies};

fn answer(toml_text: &str) -> Answer {
    toml::from_str(toml_text).unwrap()
}

/// The first variant of `id`, and the seed that asks it.
fn first_variant(pack: &Pack, id: &str) -> (Exercise, u64) {
    let ex = pack.exercise(id).unwrap();
    assert!(varies(ex), "{id} varies");
    let seed = seed_for(ex, 0).unwrap();
    (resolve(ex, seed), seed)
}

fn same_question(a: &Exercise, b: &Exercise) -> bool {
    a.prompt == b.prompt
        && serde_json::to_value(&a.probes).unwrap() == serde_json::to_value(&b.probes).unwrap()
        && serde_json::to_value(&a.adoption).unwrap() == serde_json::to_value(&b.adoption).unwrap()
}

#[test]
fn seed_zero_is_the_drill_as_written_and_each_seed_always_asks_the_same_variant() {
    let pack = Pack::builtin().unwrap();
    let varying: Vec<&Exercise> = pack
        .exercises
        .iter()
        .filter(|e| e.kind != Kind::RetryBudget && varies(e))
        .collect();
    for kind in [Kind::EnforcementPoint, Kind::Diagnose, Kind::AdoptionOrder] {
        let n = varying.iter().filter(|e| e.kind == kind).count();
        assert!(n >= 1, "{kind:?} drills vary");
    }
    for ex in varying {
        let written = resolve(ex, 0);
        assert_eq!(written.prompt, ex.prompt, "{}: seed 0 as written", ex.id);
        assert!(!written.prompt.en.contains('{') || written.prompt.en.contains("{id}"));
        for seed in 1..=12 {
            let v = resolve(ex, seed);
            assert!(!same_question(&v, &written), "{} seed {seed}", ex.id);
            let again = resolve(ex, seed);
            assert_eq!(v.prompt, again.prompt);
            assert_eq!(picked(ex, seed), picked(ex, seed));
            // Every placeholder of the drill is filled, in both languages.
            let text = serde_json::to_string(&v).unwrap();
            for name in ex.values.keys() {
                assert!(!text.contains(&format!("{{{name}}}")), "{} {name}", ex.id);
            }
        }
    }
}

#[test]
fn a_diagnose_variant_is_graded_against_its_own_fault() {
    let pack = Pack::builtin().unwrap();
    let written = pack.exercise("dx-503s-and-an-empty-app-log").unwrap();
    let (v, _) = first_variant(&pack, "dx-503s-and-an-empty-app-log");
    // The certificate that expired is another workload's, and the symptoms follow it.
    assert_ne!(
        serde_json::to_value(&v.faults).unwrap(),
        serde_json::to_value(&written.faults).unwrap()
    );
    assert!(v.title.en.contains("checkout"), "{}", v.title.en);
    let reference = answer("choice = \"cert-expired\"\nfix = \"restart-checkout\"");
    assert_eq!(grade(&pack, &v, &reference).unwrap().grade, 100);
    // The written drill's answer restarts `payment`: not a fix this variant offers.
    let remembered = answer("choice = \"cert-expired\"\nfix = \"restart-payment\"");
    assert_eq!(grade(&pack, written, &remembered).unwrap().grade, 100);
    assert!(grade(&pack, &v, &remembered).is_err());
    // Turning mTLS off for the variant's workload is graded by the simulator, not by a table.
    let plaintext = answer("choice = \"cert-expired\"\nfix = \"disable-mtls-checkout\"");
    let r = grade(&pack, &v, &plaintext).unwrap();
    assert_eq!(r.grade, 50);
    assert!(
        r.probes
            .iter()
            .any(|p| !p.held && p.name.contains("checkout"))
    );
}

#[test]
fn a_diagnose_variant_moves_the_stale_identity_one_hop_earlier() {
    let pack = Pack::builtin().unwrap();
    let (v, _) = first_variant(&pack, "dx-timeout-and-an-empty-server-log");
    let good = answer("choice = \"stale-identity\"\nfix = \"regenerate-endpoint\"");
    let r = grade(&pack, &v, &good).unwrap();
    assert_eq!(r.grade, 100);
    assert!(r.probes.iter().any(|p| p.name == "checkout-calls-payment"));
    // Restarting the server the written drill names does not exist here; restarting the
    // variant's server leaves the drop in place.
    let server = answer("choice = \"stale-identity\"\nfix = \"restart-payment\"");
    let r = grade(&pack, &v, &server).unwrap();
    assert_eq!(r.grade, 50);
    assert!(!r.probes[0].held);
}

#[test]
fn an_enforcement_point_variant_changes_the_topology_and_so_the_point() {
    let pack = Pack::builtin().unwrap();
    let written = pack.exercise("ep-payment-admin-and-delete").unwrap();
    let (v, _) = first_variant(&pack, "ep-payment-admin-and-delete");
    assert_eq!(v.mesh.as_deref(), Some("none"));
    let l7 = answer("choice = \"l7-proxy\"");
    let app = answer("choice = \"application\"");
    assert_eq!(grade(&pack, written, &l7).unwrap().grade, 100);
    assert_eq!(grade(&pack, written, &app).unwrap().grade, 80);
    // Without a mesh the written answer finds no proxy on the path: `/admin` slips through.
    let r = grade(&pack, &v, &l7).unwrap();
    assert_eq!(r.grade, 0);
    assert!(
        r.probes
            .iter()
            .any(|p| p.name == "admin-refund-all" && !p.held)
    );
    assert_eq!(grade(&pack, &v, &app).unwrap().grade, 100);
}

#[test]
fn an_adoption_variant_asks_fewer_phases_on_the_same_engine() {
    let pack = Pack::builtin().unwrap();
    let written = pack.exercise("adopt-progressive-istio").unwrap();
    let (v, _) = first_variant(&pack, "adopt-progressive-istio");
    let ids: Vec<&str> = v
        .adoption
        .iter()
        .flat_map(|a| &a.phases)
        .map(|p| p.id.as_str())
        .collect();
    assert!(ids.len() < written.adoption.as_ref().unwrap().phases.len());
    assert!(
        v.prompt.en.contains(&format!("/ {}", ids.len())),
        "{}",
        v.prompt.en
    );
    // The written drill's order names phases the variant does not ask: it cannot be graded.
    let lesson = answer(
        "order = [\"observe\", \"permissive\", \"inventory\", \"strict\", \"authz\", \"l7\", \"multi-cluster\"]",
    );
    assert_eq!(grade(&pack, written, &lesson).unwrap().grade, 100);
    assert!(grade(&pack, &v, &lesson).is_err());
    // The lesson's order kept to the variant's phases survives; strict first does not.
    let kept: Vec<String> = [
        "observe",
        "permissive",
        "inventory",
        "strict",
        "authz",
        "l7",
        "multi-cluster",
    ]
    .iter()
    .filter(|p| ids.contains(p))
    .map(|p| format!("\"{p}\""))
    .collect();
    let safe = answer(&format!("order = [{}]", kept.join(", ")));
    assert_eq!(grade(&pack, &v, &safe).unwrap().grade, 100);
    let listed: Vec<String> = ids.iter().map(|p| format!("\"{p}\"")).collect();
    let as_listed = answer(&format!("order = [{}]", listed.join(", ")));
    assert!(grade(&pack, &v, &as_listed).unwrap().grade < 100);
}

#[test]
fn an_answer_naming_its_variant_is_graded_against_that_variant() {
    let pack = Pack::builtin().unwrap();
    let ex = pack.exercise("dx-timeout-and-an-empty-server-log").unwrap();
    let seed = seed_for(ex, 0).unwrap();
    let good = answer(&format!(
        "variant = {seed}\nchoice = \"stale-identity\"\nfix = \"regenerate-endpoint\""
    ));
    let r = grade(&pack, ex, &good).unwrap();
    assert_eq!(r.grade, 100);
    assert!(r.probes.iter().any(|p| p.name == "checkout-calls-payment"));
    // The same keys without the variant answer the written drill.
    let written = answer("choice = \"stale-identity\"\nfix = \"regenerate-endpoint\"");
    let r = grade(&pack, ex, &written).unwrap();
    assert!(r.probes.iter().any(|p| p.name == "payment-calls-ledger"));
}

#[test]
fn pack_validate_grades_every_variant_and_catches_one_without_a_wrong_answer() {
    let pack = Pack::builtin().unwrap();
    assert!(meshlab::drill::validate::self_test(&pack).is_empty());
    // A variant where every order survives (a single phase) tests nothing.
    let mut files: meshlab::tree::Files = pack
        .files()
        .map(|f| {
            (
                f.to_string(),
                std::borrow::Cow::Owned(pack.file(f).unwrap().to_vec()),
            )
        })
        .collect();
    let path = "exercises/adopt-ledger-lockdown.toml";
    let text = String::from_utf8(files.get(path).unwrap().to_vec()).unwrap();
    let broken = text.replace(
        "phases = [\"deny-all\", \"allow-callers\"]",
        "phases = [\"observe\", \"allow-callers\"]",
    );
    assert_ne!(broken, text);
    files.insert(
        path.to_string(),
        std::borrow::Cow::Owned(broken.into_bytes()),
    );
    let pack = Pack::from_files(files).unwrap();
    let problems = meshlab::drill::validate::self_test(&pack);
    let texts: Vec<String> = problems
        .iter()
        .map(|p| p.text(meshlab::i18n::Lang::En))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("variant 1") && t.contains("no wrong answer")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .all(|t| t.contains("adopt-ledger-lockdown.toml:"))
    );
}

fn meshlab(args: &[&str], data: &Path, cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .current_dir(cwd)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .env("MESHLAB_DATA_DIR", data)
        .output()
        .expect("meshlab runs")
}

#[test]
fn the_shell_writes_the_variant_into_the_answer_and_records_the_variant_answered() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let pack = Pack::builtin().unwrap();
    let seed = seed_for(
        pack.exercise("dx-timeout-and-an-empty-server-log").unwrap(),
        0,
    )
    .unwrap();
    let seed_text = seed.to_string();
    let id = "dx-timeout-and-an-empty-server-log";
    let out = meshlab(
        &[
            "exercise",
            "start",
            id,
            "--variant",
            &seed_text,
            "--lang",
            "en",
        ],
        data.path(),
        cwd.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = cwd.path().join(format!("{id}.toml"));
    let template = std::fs::read_to_string(&file).unwrap();
    assert!(
        template.contains(&format!("variant = {seed}")),
        "{template}"
    );
    assert!(
        template.contains("\"payment-slow\""),
        "the variant's choices: {template}"
    );
    let filled = template
        .replace("choice = \"\"", "choice = \"stale-identity\"")
        .replace("fix = \"\"", "fix = \"regenerate-endpoint\"");
    std::fs::write(&file, filled).unwrap();
    let out = meshlab(
        &[
            "grade",
            id,
            "--answer",
            file.to_str().unwrap(),
            "--lang",
            "en",
        ],
        data.path(),
        cwd.path(),
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("checkout-calls-payment"), "{said}");
    let progress = std::fs::read_to_string(data.path().join("progress.toml")).unwrap();
    assert!(
        progress.contains(&format!("variant = {seed}")),
        "{progress}"
    );
    // The shell's investigation looks at the variant's cluster too.
    let out = meshlab(
        &[
            "exercise",
            "show",
            id,
            "--variant",
            &seed_text,
            "--lang",
            "en",
        ],
        data.path(),
        cwd.path(),
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains(&format!("inspect {id} --variant {seed}")),
        "{shown}"
    );
}

/// The choice that grades best on `ex` (the first of a tie), and its grade.
fn best_choice(pack: &Pack, ex: &Exercise) -> (String, u8) {
    ex.choices
        .iter()
        .map(|c| {
            let a = answer(&format!("choice = \"{}\"", c.id));
            (c.id.clone(), grade(pack, ex, &a).unwrap().grade)
        })
        .fold(
            (String::new(), 0),
            |best, (id, g)| {
                if g > best.1 { (id, g) } else { best }
            },
        )
}

#[test]
fn enforcement_point_variants_move_the_point_the_remembered_answer_fails() {
    let pack = Pack::builtin().unwrap();
    let mut moved = Vec::new();
    for ex in pack
        .exercises
        .iter()
        .filter(|e| e.kind == Kind::EnforcementPoint && varies(e))
    {
        let (remembered, written_grade) = best_choice(&pack, ex);
        assert_eq!(written_grade, 100, "{}", ex.id);
        let seed = seed_for(ex, 0).unwrap();
        let v = resolve(ex, seed);
        let (right, variant_grade) = best_choice(&pack, &v);
        assert_eq!(
            variant_grade, 100,
            "{}: the variant has a right point",
            ex.id
        );
        if right != remembered {
            let again = answer(&format!("choice = \"{remembered}\""));
            assert!(grade(&pack, &v, &again).unwrap().grade < 100, "{}", ex.id);
            moved.push(ex.id.clone());
        }
    }
    assert!(moved.len() >= 3, "variants that move the point: {moved:?}");
}

#[test]
fn a_meshed_database_and_a_rule_on_one_identity_move_the_point_from_the_cni() {
    let pack = Pack::builtin().unwrap();
    let written = pack.exercise("ep-ledger-db-port").unwrap();
    let (v, _) = first_variant(&pack, "ep-ledger-db-port");
    let cni = answer("choice = \"cni\"");
    let l4 = answer("choice = \"mesh-identity\"");
    assert_eq!(grade(&pack, written, &cni).unwrap().grade, 100);
    assert_eq!(grade(&pack, written, &l4).unwrap().grade, 0);
    // The CNI cannot see the identity the rule names: the neighbour in `ledger` gets through.
    let r = grade(&pack, &v, &cni).unwrap();
    assert_eq!(r.grade, 0);
    assert!(
        r.probes
            .iter()
            .any(|p| p.name == "reports-to-db" && !p.held)
    );
    assert_eq!(grade(&pack, &v, &l4).unwrap().grade, 100);
    assert!(v.prompt.en.contains("injected"), "{}", v.prompt.en);
    assert!(v.prompt.id.contains("ter-inject"), "{}", v.prompt.id);
}

#[test]
fn a_refund_rule_about_the_caller_moves_the_point_from_the_application() {
    let pack = Pack::builtin().unwrap();
    let written = pack.exercise("ep-refunds-at-payment").unwrap();
    let (v, _) = first_variant(&pack, "ep-refunds-at-payment");
    let app = answer("choice = \"application\"");
    let l7 = answer("choice = \"l7-proxy\"");
    assert_eq!(grade(&pack, written, &app).unwrap().grade, 100);
    assert_eq!(grade(&pack, written, &l7).unwrap().grade, 0);
    let r = grade(&pack, &v, &app).unwrap();
    assert_eq!(r.grade, 0);
    assert!(
        r.probes
            .iter()
            .any(|p| p.name == "fraud-issues-refund" && !p.held)
    );
    assert_eq!(grade(&pack, &v, &l7).unwrap().grade, 100);
}

#[test]
fn the_drift_variant_asks_to_restart_another_deployment_and_the_remembered_one_fails() {
    let pack = Pack::builtin().unwrap();
    let written = pack.exercise("dx-card-data-in-the-clear").unwrap();
    let (v, _) = first_variant(&pack, "dx-card-data-in-the-clear");
    let remembered = answer("choice = \"injection-drift\"\nfix = \"restart-payment\"");
    let other = answer("choice = \"injection-drift\"\nfix = \"restart-checkout\"");
    assert_eq!(grade(&pack, written, &remembered).unwrap().grade, 100);
    assert_eq!(grade(&pack, written, &other).unwrap().grade, 50);
    // The drift is on `checkout` now: recreating `payment` leaves its calls in plaintext.
    let r = grade(&pack, &v, &remembered).unwrap();
    assert_eq!(r.grade, 50);
    assert!(
        r.probes
            .iter()
            .any(|p| !p.held && p.name == "frontend-calls-checkout-encrypted"),
        "{:?}",
        r.probes.iter().map(|p| &p.name).collect::<Vec<_>>()
    );
    assert!(r.feedback.iter().any(|f| f.en.contains("already have")));
    assert_eq!(grade(&pack, &v, &other).unwrap().grade, 100);
}

/// A progress file in `data` where drill `id` was passed `days` ago (its review is due).
fn passed_days_ago(data: &Path, id: &str, days: i64) {
    let at = time::OffsetDateTime::now_utc() - time::Duration::days(days);
    let fmt = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let file = format!(
        "version = 1\n\n[[attempt]]\nid = \"old-1\"\ndrill = \"{id}\"\npack = \"part-023\"\n\
         started = \"{}\"\nfinished = \"{}\"\nscore = 100\npassed = true\nseconds = 300\n\
         skills = [\"identity\"]\n",
        fmt(at - time::Duration::minutes(5)),
        fmt(at)
    );
    std::fs::write(data.join("progress.toml"), file).unwrap();
}

#[test]
fn next_shows_the_variant_the_review_will_ask_and_exercise_start_asks_it() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let id = "dx-503s-and-an-empty-app-log";
    passed_days_ago(data.path(), id, 60);
    let out = meshlab(&["next", "--lang", "en"], data.path(), cwd.path());
    let next = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{next}");
    // The only variant moves the expired certificate to `checkout`: the title says so.
    assert!(
        next.starts_with("Next: 1 review due")
            && next.contains("The first: 503s around `checkout`"),
        "{next}"
    );
    let seed_line = next
        .lines()
        .find(|l| l.trim_start().starts_with("variant = "))
        .unwrap_or_else(|| panic!("next names the variant: {next}"))
        .trim()
        .to_string();
    assert!(
        next.contains("--variant"),
        "its commands look at the variant: {next}"
    );
    // The same every time until it is answered.
    let again = meshlab(&["next", "--lang", "en"], data.path(), cwd.path());
    assert_eq!(String::from_utf8_lossy(&again.stdout), next);
    let out = meshlab(
        &["exercise", "start", id, "--lang", "en"],
        data.path(),
        cwd.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let template = std::fs::read_to_string(cwd.path().join(format!("{id}.toml"))).unwrap();
    assert!(template.contains(&seed_line), "{seed_line} in {template}");
}

#[test]
fn each_graded_attempt_brings_another_review_seed() {
    use meshlab::drill::variant::review_seed;
    let seeds: std::collections::BTreeSet<u64> = (1..=10)
        .map(|n| review_seed("part-023", "ep-ledger-db-port", n))
        .collect();
    assert_eq!(seeds.len(), 10);
    assert!(!seeds.contains(&0), "never the drill as written");
    assert_ne!(
        review_seed("part-023", "ep-ledger-db-port", 1),
        review_seed("part-023", "dx-card-data-in-the-clear", 1)
    );
    assert_eq!(
        review_seed("part-023", "ep-ledger-db-port", 3),
        review_seed("part-023", "ep-ledger-db-port", 3)
    );
}
