//! Golden output of every simulated tool on the section-16 lab under the five mesh profiles
//! (`exercises/part-023/scenarios/lab-*.toml`: the scenario's traffic already sent), and the
//! refusals of flags, subcommands and kinds meshlab does not support, with meshlab's own notes
//! in both languages.
//!
//! Review a change with `cargo insta review` (or `INSTA_UPDATE=always` and `git diff`).

use meshlab::drill::pack::Pack;
use meshlab::i18n::{Lang, console};
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::faulty::Faulty;
use meshlab::sim::tools::{self, Lab, Reply};

/// The built-in scenario `lab-PROFILE` as a lab, its traffic sent.
fn lab(profile: &str) -> Lab {
    let pack = Pack::builtin().expect("the built-in pack loads");
    let path = format!("scenarios/lab-{profile}.toml");
    let text = std::str::from_utf8(pack.file(&path).expect("the scenario")).expect("UTF-8");
    let scenario = Scenario::parse(&path, text).expect("the scenario parses");
    let sources: Vec<Source> = scenario
        .manifests
        .iter()
        .map(|m| {
            let p = format!("scenarios/{m}");
            Source {
                bytes: pack.file(&p).expect("a manifest").to_vec(),
                name: p,
            }
        })
        .collect();
    let cluster = load::load(
        &sources,
        &LoadOptions {
            mesh: scenario.mesh,
        },
    )
    .expect("the lab loads");
    Lab::of_scenario(Faulty::new(cluster, scenario.faults.clone()), &scenario)
}

/// What a terminal shows for `line`, then its exit status; meshlab's notes in `lang`.
fn session(lab: &Lab, lines: &[String], lang: Lang) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&format!("$ {line}\n"));
        match tools::run(lab, line) {
            Reply::Ran(o) => {
                out.push_str(&o.text());
                if let Some(s) = console::supported(lang, &o.supported) {
                    out.push_str(&s);
                    out.push('\n');
                }
                out.push_str(&format!("[exit {}]\n", o.code));
            }
            Reply::Meshlab(note) => {
                out.push_str(&console::note(lang, &note));
                out.push_str("\n[meshlab]\n");
            }
        }
    }
    out
}

/// The tour of every tool, then the commands that name the lab's pods.
fn commands(profile: &str) -> Vec<String> {
    let mut lines: Vec<String> = tools::EXAMPLES.iter().map(|s| (*s).to_owned()).collect();
    let proxy = match profile {
        "istio-sidecar" => Some("istio-proxy"),
        "linkerd" => Some("linkerd-proxy"),
        _ => None,
    };
    lines.extend(
        [
            "kubectl get pods -n shop --show-labels",
            "kubectl get pod payment-0 -n shop -o yaml",
            "kubectl describe pod payment-0 -n shop",
            "kubectl describe svc payment -n shop",
            "kubectl describe deploy payment -n shop",
            "kubectl logs payment-0 -n shop",
            "kubectl logs deploy/checkout -n shop --tail 3",
            "kubectl logs ds/ztunnel -n istio-system",
            "istioctl proxy-config cluster payment-0.shop",
            "istioctl proxy-config listener payment-0.shop",
            "istioctl proxy-config route payment-0.shop",
            "istioctl proxy-config endpoint payment-0.shop",
            "istioctl proxy-config secret payment-0 -n shop",
            "istioctl x describe pod payment-0 -n shop",
            "istioctl waypoint status -A",
            "linkerd identity payment-0 -n shop",
            "linkerd viz stat deploy/payment -n shop --from deploy/checkout",
            "linkerd viz top deploy -n shop",
            "linkerd viz tap deploy/payment -n shop",
            "linkerd viz authz deploy/ledger -n ledger",
            "linkerd diagnostics policy po/ledger-0 8080 -n ledger",
            "hubble observe --pod shop/payment --last 4",
            "hubble observe --from-pod web/frontend --to-pod ledger/ledger -o dict",
        ]
        .map(str::to_owned),
    );
    if let Some(c) = proxy {
        lines.push(format!("kubectl logs payment-0 -n shop -c {c}"));
    }
    lines
}

#[test]
fn every_command_on_the_lab_under_every_profile() {
    for profile in [
        "none",
        "linkerd",
        "cilium",
        "istio-sidecar",
        "istio-ambient",
    ] {
        let lab = lab(profile);
        insta::assert_snapshot!(
            format!("lab_{profile}"),
            session(&lab, &commands(profile), Lang::En)
        );
    }
}

#[test]
fn unknown_flags_subcommands_and_kinds_are_refused() {
    let lines: Vec<String> = [
        "kubectl get pods --bogus",
        "kubectl get pods -x",
        "kubectl get pods -o jsonpath={.items}",
        "kubectl frobnicate",
        "kubectl get frobs",
        "kubectl get",
        "kubectl get referencegrants -A",
        "kubectl get pod nope -n shop",
        "kubectl logs nope -n shop",
        "kubectl logs payment-0 -n shop -c nope",
        "kubectl delete pod payment-0 -n shop",
        "kubectl rollout restart deploy/payment -n shop",
        "istioctl proxy-config bogus payment-0.shop",
        "istioctl proxy-status --bogus",
        "istioctl upgrade",
        "linkerd viz stat deploy --bogus",
        "linkerd frob",
        "linkerd check -o yaml",
        "cilium status --bogus",
        "cilium hubble enable",
        "hubble observe --bogus",
        "hubble observe --verdict",
        "hubble observe -o yaml",
        "kubectl get pods 'unclosed",
        "kubeclt get pods",
        "help",
    ]
    .map(str::to_owned)
    .to_vec();
    let lab = lab("istio-sidecar");
    for lang in Lang::ALL {
        insta::assert_snapshot!(
            format!("refusals_{}", lang.code()),
            session(&lab, &lines, lang)
        );
    }
}

#[test]
fn help_works_for_every_tool_and_subcommand() {
    let lab = lab("cilium");
    for line in [
        "kubectl --help",
        "kubectl get --help",
        "kubectl logs -h",
        "istioctl proxy-config secret --help",
        "linkerd viz stat --help",
        "cilium --help",
        "hubble observe --help",
    ] {
        match tools::run(&lab, line) {
            Reply::Ran(o) => {
                assert_eq!(o.code, 0, "{line}");
                assert!(o.stdout.contains("Usage:"), "{line}:\n{}", o.stdout);
                assert!(o.stderr.is_empty(), "{line}: {}", o.stderr);
            }
            other => panic!("{line}: {other:?}"),
        }
    }
}
