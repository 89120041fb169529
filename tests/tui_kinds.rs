//! Scripted key presses through the built-in mesh-selection, adoption-order and audit drills:
//! the answer is built with the real key map and graded by the same engine as `meshlab grade`.

use meshlab::i18n::Lang;
use meshlab::tui::action::Effect;
use meshlab::tui::app::App;

mod support;
use support::{keys, open_builtin, screen};

/// The built-in pack, with drill `id` open.
fn open(id: &str, lang: Lang) -> App {
    open_builtin(id, lang).0
}

fn graded(effects: &[Effect]) -> u8 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::RecordAttempt(g) => Some(g.grade),
            _ => None,
        })
        .expect("the answer was graded")
}

#[test]
fn mesh_selection_is_a_choice_and_the_result_shows_the_score_table() {
    let mut a = open("sel-platform-sidecarless", Lang::En);
    // linkerd, cilium, istio-sidecar, istio-ambient.
    assert_eq!(graded(&keys(&mut a, "j\n")), 100);
    let s = screen(&a);
    assert!(s.contains("top score 10 (cilium)"), "{s}");
    assert!(s.contains("Flow observability (drops recorded)"), "{s}");

    let mut a = open("sel-platform-sidecarless", Lang::Id);
    assert_eq!(graded(&keys(&mut a, "jjj\n")), 50);
    assert!(
        screen(&a).contains("skor tertinggi 10 (cilium)"),
        "{}",
        screen(&a)
    );
}

#[test]
fn adoption_phases_move_with_shift_j_k_and_the_order_is_graded() {
    // Listed: multi-cluster, strict, l7, observe, authz, permissive, inventory. Enter at once
    // grades that order: multi-cluster first, before anything is proven.
    let mut a = open("adopt-progressive-istio", Lang::En);
    assert!(screen(&a).contains("K/J move"), "{}", screen(&a));
    assert_eq!(graded(&keys(&mut a, "\n")), 0);
    assert!(screen(&a).contains("started before its prerequisites were proven"));

    // Each phase of the lesson's order carried up to its place.
    let mut a = open("adopt-progressive-istio", Lang::En);
    keys(&mut a, "jjjKKK"); // observe → 1
    keys(&mut a, "jjjjjKKKK"); // permissive → 2
    keys(&mut a, "jjjjjKKKK"); // inventory → 3
    keys(&mut a, "jjK"); // strict → 4
    keys(&mut a, "jjjKK"); // authz → 5
    keys(&mut a, "jjK"); // l7 → 6, multi-cluster last
    let s = screen(&a);
    assert!(s.contains("1. Observe only"), "{s}");
    assert!(s.contains("7. Add multi-cluster"), "{s}");
    assert_eq!(graded(&keys(&mut a, "s")), 100);
    assert!(screen(&a).contains("7 of 7 steps without an outage"));
}

#[test]
fn audit_answers_three_groups_and_grades_each() {
    let mut a = open("audit-payment-approve", Lang::En);
    // Verdict: allowed, denied. Picking moves on to the identities, then the evidence.
    keys(&mut a, "j\n");
    let d = a.drill.as_ref().unwrap();
    assert_eq!((d.audit, d.cursor), ([Some(1), None, None], 2));
    // Enter takes the identity under the cursor (`spiffe://…/sa/checkout`); with the evidence
    // still missing it asks for it instead of grading.
    keys(&mut a, "\n");
    assert!(
        screen(&a).contains("Pick a verdict, an identity"),
        "{}",
        screen(&a)
    );
    // Evidence: hubble-flow, envoy-rbac-log, …
    let effects = keys(&mut a, "j\n");
    assert_eq!(graded(&effects), 100);
    let s = screen(&a);
    assert!(
        s.contains("decided at istio-proxy inbound shop/payment-0"),
        "{s}"
    );
    if std::env::var_os("SHOW").is_some() {
        println!("{s}");
    }
}

/// A cost drill is a typed number with its unit; a wrong one shows the author's feedback for
/// that number and the model's figure, in both languages.
#[test]
fn cost_is_a_typed_number_and_the_result_shows_the_model() {
    let mut a = open("cost-sidecar-tax-memory", Lang::En);
    let s = screen(&a);
    assert!(s.contains("Your estimate: █ MB"), "{s}");
    assert_eq!(graded(&keys(&mut a, "348\n")), 100);

    let mut a = open("cost-sidecar-tax-memory", Lang::En);
    assert_eq!(graded(&keys(&mut a, "360\n")), 0);
    let s = screen(&a);
    assert!(s.contains("Your answer: 360 MB"), "{s}");
    assert!(s.contains("That is the sidecars' memory alone"), "{s}");
    assert!(
        s.contains("The model's figure: 348 MB (accepted 342–354 MB)"),
        "{s}"
    );

    let mut a = open("cost-sidecar-tax-memory", Lang::Id);
    assert_eq!(graded(&keys(&mut a, "360\n")), 0);
    let s = screen(&a);
    assert!(s.contains("Itu memori sidecar saja"), "{s}");
    assert!(s.contains("Angka model: 348 MB"), "{s}");
}
