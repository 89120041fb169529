//! Issue 15 item 2: for every built-in diagnose and audit drill, a command's output differs
//! between the broken cluster and the fixed one (the reference fix applied; for an audit, the
//! cluster without the drill's own policy) in a way that points at the cause; and every
//! command a drill's text tells the learner to run works in its console.
//!
//! `MESHLAB_SHOW_EVIDENCE=1 cargo test --test console_evidence -- --nocapture` prints both
//! outputs of every case.

use meshlab::drill::exercise::{Exercise, Kind};
use meshlab::drill::grade;
use meshlab::drill::pack::Pack;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::faulty::Faulty;
use meshlab::sim::tools::{self, Lab, Note, Reply};

/// The evidence for one drill: the command a learner would run, and text that shows in its
/// output on the broken cluster only, naming the cause (or, where the cause is something
/// missing, text that shows once fixed only).
struct Evidence {
    drill: &'static str,
    command: &'static str,
    shows: &'static str,
}

/// `shows` of a case whose evidence is an absence: the text shows on the fixed cluster only.
const MISSING: &str = "missing:";

const EVIDENCE: &[Evidence] = &[
    Evidence {
        drill: "dx-time-istiod-outage-hours",
        command: "istioctl proxy-config secret checkout-0 -n shop",
        shows: "Cert Chain     ACTIVE     false",
    },
    Evidence {
        drill: "dx-annotated-yet-plaintext",
        command: "kubectl get pods -n legacy",
        shows: "batch-job-0   1/1",
    },
    Evidence {
        drill: "dx-time-agent-restart-rollout",
        command: "kubectl get pods -n istio-system -o wide",
        shows: "0/1     CrashLoopBackOff",
    },
    Evidence {
        drill: "review-pre-production-checklist",
        command: "kubectl get peerauthentication -A",
        shows: "No resources found",
    },
    Evidence {
        drill: "dx-503s-and-an-empty-app-log",
        command: "istioctl proxy-config secret payment-0 -n shop",
        shows: "Cert Chain     ACTIVE     false",
    },
    Evidence {
        drill: "dx-card-data-in-the-clear",
        command: "kubectl get pods -n shop",
        shows: "payment-0        1/1",
    },
    Evidence {
        drill: "dx-one-caller-slips-past-the-route",
        command: "kubectl get pods -n shop",
        shows: "payment-0        1/1",
    },
    Evidence {
        drill: "dx-shop-no-endpoints-after-rollout",
        command: "kubectl get events -n shop",
        shows: "failed calling webhook \"namespace.sidecar-injector.istio.io\"",
    },
    Evidence {
        drill: "dx-shop-quietly-left",
        command: "linkerd viz stat deploy -n shop",
        shows: "checkout          0/1",
    },
    Evidence {
        drill: "dx-whole-mesh-fails-one-morning",
        command: "linkerd check",
        shows: "container identity is not ready",
    },
    Evidence {
        drill: "dx-new-pod-never-ready",
        command: "kubectl get pods -n shop",
        shows: "fraud-0          1/2",
    },
    Evidence {
        drill: "dx-ledger-cut-off-after-ca-migration",
        command: "kubectl logs ds/ztunnel -n istio-system",
        shows: "invalid peer certificate: UnknownIssuer",
    },
    Evidence {
        drill: "dx-three-teams-one-cause",
        command: "kubectl get pods -n istio-system -o wide",
        shows: "CrashLoopBackOff",
    },
    Evidence {
        drill: "dx-one-call-reset-on-a-troubled-node",
        command: "cilium status",
        shows: "Errors:",
    },
    Evidence {
        drill: "dx-troubled-node-one-workload-down",
        command: "istioctl proxy-status",
        shows: "unable to find any Istiod instances",
    },
    Evidence {
        drill: "dx-ledger-delete-still-gets-through",
        command: "istioctl analyze -n ledger",
        shows: "reason=AncestorNotBound, message=Service ledger/ledger is not bound to a waypoint",
    },
    Evidence {
        drill: "dx-copied-policy-ledger-stays-open",
        command: "istioctl x describe pod ledger-0 -n ledger",
        shows: "missing:RBAC policies: ns[ledger]-policy[",
    },
    Evidence {
        drill: "dx-ledger-http-rules-stopped-working",
        command: "hubble observe -n ledger -t l7",
        shows: "missing:http-request",
    },
    Evidence {
        drill: "dx-timeout-and-an-empty-server-log",
        command: "cilium endpoint list",
        shows: "waiting-for-identity",
    },
    Evidence {
        drill: "dx-payments-stuck-after-lockdown",
        command: "hubble observe -n shop --verdict DROPPED",
        shows: "-> ledger/ledger-0:8080",
    },
    Evidence {
        drill: "dx-staging-passes-production-404",
        command: "kubectl describe httproute -A",
        shows: "Reason:                UnsupportedValue",
    },
    Evidence {
        drill: "dx-gateway-request-timeout",
        command: "kubectl describe httproute -A",
        shows: "Reason:                UnsupportedValue",
    },
    Evidence {
        drill: "audit-ledger-hubble",
        command: "hubble observe --from-pod web/frontend --verdict DROPPED",
        shows: "Policy denied DROPPED",
    },
    Evidence {
        drill: "audit-payment-approve",
        command: "kubectl logs payment-0 -n shop -c istio-proxy",
        shows: "rbac_access_denied_matched_policy",
    },
];

fn pack() -> Pack {
    Pack::builtin().expect("the built-in pack loads")
}

fn broken(pack: &Pack, ex: &Exercise) -> Lab {
    let (sim, traffic) = grade::investigate(pack, ex).expect("the drill's cluster loads");
    Lab::new(sim, traffic, ex.extras())
}

/// The fixed cluster: a diagnose drill with its reference fix applied (its manifests added,
/// the faults it clears gone); an audit drill without its own manifests (the scenario's
/// first, the lab, only).
fn fixed(pack: &Pack, ex: &Exercise) -> Lab {
    let (_, traffic) = grade::investigate(pack, ex).expect("the drill's cluster loads");
    let (files, clears): (Vec<String>, Vec<String>) = match ex.kind {
        Kind::Diagnose => {
            let reference = ex
                .checks
                .iter()
                .find(|c| c.grade == 100)
                .and_then(|c| c.answer.fix.clone())
                .expect("a reference fix");
            let fix = ex
                .fixes
                .iter()
                .find(|f| f.id == reference)
                .expect("the reference fix exists");
            // On a timeline: the drill's moment with the fix's events.
            if let Some(timeline) = grade::timeline(pack, ex, &fix.apply, &fix.clears, &fix.events)
                .expect("the fixed timeline loads")
            {
                return Lab::new(timeline.at(grade::moment(ex)), traffic, ex.extras());
            }
            let mut files = ex.scenario.clone();
            files.extend(fix.apply.clone());
            (files, fix.clears.clone())
        }
        _ => (ex.scenario[..1].to_vec(), Vec::new()),
    };
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source {
            name: f.clone(),
            bytes: pack.file(f).expect("a pack file").to_vec(),
        })
        .collect();
    let mesh = ex.mesh.as_deref().and_then(Profile::parse);
    let cluster = load::load(&sources, &LoadOptions { mesh }).expect("the fixed cluster loads");
    let faults = ex
        .faults
        .iter()
        .filter(|f| !clears.iter().any(|c| f.cleared_by(c)))
        .cloned()
        .collect();
    Lab::new(Faulty::new(cluster, faults), traffic, ex.extras())
}

fn text(lab: &Lab, line: &str) -> String {
    match tools::run(lab, line) {
        Reply::Ran(out) => out.text(),
        Reply::Meshlab(note) => panic!("`{line}` is not run: {note:?}"),
    }
}

#[test]
fn every_diagnose_and_audit_drill_has_evidence_that_the_fix_removes() {
    let pack = pack();
    let show = std::env::var_os("MESHLAB_SHOW_EVIDENCE").is_some();
    let drills: Vec<&Exercise> = pack
        .exercises
        .iter()
        .filter(|e| matches!(e.kind, Kind::Diagnose | Kind::Audit))
        .collect();
    assert!(drills.len() >= 20, "{} drills", drills.len());
    for ex in drills {
        let case = EVIDENCE
            .iter()
            .find(|c| c.drill == ex.id)
            .unwrap_or_else(|| panic!("{}: no evidence case", ex.id));
        let before = text(&broken(&pack, ex), case.command);
        let after = text(&fixed(&pack, ex), case.command);
        if show {
            println!(
                "===== {} `{}`\n--- broken\n{before}--- fixed\n{after}",
                ex.id, case.command
            );
        }
        assert_ne!(
            before, after,
            "{}: `{}` prints the same before and after the fix",
            ex.id, case.command
        );
        let (broken_text, fixed_text, needle) = match case.shows.strip_prefix(MISSING) {
            Some(needle) => (&after, &before, needle),
            None => (&before, &after, case.shows),
        };
        assert!(
            broken_text.contains(needle),
            "{}: `{}` does not show {needle:?} where it should:\n{broken_text}",
            ex.id,
            case.command,
        );
        assert!(
            !fixed_text.contains(needle),
            "{}: `{}` shows {needle:?} where it should not:\n{fixed_text}",
            ex.id,
            case.command,
        );
    }
}

/// Commands a drill's text names: the `meshlab exercise inspect ID …` lines of its prompt,
/// and every backquoted span (a debugging drill's questions and their explanations too) that starts with a tool's name, in both languages.
fn commands(ex: &Exercise) -> Vec<String> {
    let mut texts: Vec<&str> = Vec::new();
    for b in std::iter::once(&ex.prompt)
        .chain(&ex.hints)
        .chain(ex.choices.iter().flat_map(|c| [&c.label, &c.feedback]))
        .chain(ex.fixes.iter().flat_map(|f| [&f.label, &f.feedback]))
        .chain(ex.questions.iter().flat_map(|q| [&q.text, &q.why]))
    {
        texts.push(&b.id);
        texts.push(&b.en);
    }
    let mut out = Vec::new();
    let inspect = format!("meshlab exercise inspect {} ", ex.id);
    for t in texts {
        for line in t.lines() {
            if let Some(rest) = line.trim().strip_prefix(&inspect) {
                out.push(rest.trim_start_matches("-- ").trim().to_owned());
            }
        }
        for (i, span) in t.split('`').enumerate() {
            let tool = span.split(' ').next().unwrap_or_default();
            // A span with a placeholder (`POD`, `NS`) is a template for the learner to fill.
            let template = span
                .split(' ')
                .any(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()));
            if i % 2 == 1 && span.contains(' ') && tools::TOOLS.contains(&tool) && !template {
                out.push(span.to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_command_a_drill_tells_the_learner_to_run_works() {
    let pack = pack();
    let mut checked = 0;
    for ex in pack
        .exercises
        .iter()
        .filter(|e| matches!(e.kind, Kind::Diagnose | Kind::Audit | Kind::Debugging))
    {
        let lab = broken(&pack, ex);
        for line in commands(ex) {
            checked += 1;
            match tools::run(&lab, &line) {
                // It ran: no refused flag or command, nothing it names is missing. A failing
                // exit status is the tool's answer (`linkerd check` failing is the evidence).
                Reply::Ran(out) => assert!(
                    out.supported.is_empty()
                        && !["unknown", "not found", "doesn't have a resource type"]
                            .iter()
                            .any(|w| out.stderr.contains(w)),
                    "{}: `{line}` was refused:\n{}",
                    ex.id,
                    out.text()
                ),
                // A fix's own command (`kubectl rollout restart …`) changes the cluster: the
                // console says so in meshlab's words.
                Reply::Meshlab(Note::ReadOnly(_)) => {}
                Reply::Meshlab(note) => panic!("{}: `{line}` is not run: {note:?}", ex.id),
            }
        }
    }
    assert!(
        checked >= 40,
        "only {checked} commands found in the drills' texts"
    );
}
