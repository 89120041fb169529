//! Drill ids that gave the answer away were renamed (issue #18 item 5); progress recorded under
//! an old id must land on the new one, and nothing may still name an old id.

use meshlab::drill::pack::Pack;
use meshlab::practice::progress_file::ProgressFile;
use meshlab::practice::renamed::RENAMED;

#[test]
fn every_rename_leads_to_a_built_in_drill_and_the_old_id_is_gone() {
    let pack = Pack::builtin().unwrap();
    for (p, old, new) in RENAMED {
        assert_eq!(*p, pack.manifest.id.as_str());
        assert!(pack.exercise(new).is_some(), "{new} is a drill");
        assert!(pack.exercise(old).is_none(), "{old} is no drill any more");
    }
}

#[test]
fn an_old_progress_file_lands_every_record_on_the_new_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("version = 1\n");
    for (i, (pack, old, _)) in RENAMED.iter().enumerate() {
        text.push_str(&format!(
            "\n[[attempt]]\nid = \"old-{i}\"\ndrill = \"{old}\"\npack = \"{pack}\"\n\
             started = \"2026-11-20T10:00:00Z\"\nfinished = \"2026-11-20T10:05:{:02}Z\"\n\
             score = 100\npassed = true\nseconds = 300\nskills = [\"identity\"]\n",
            i % 60
        ));
    }
    std::fs::write(dir.path().join("progress.toml"), &text).unwrap();
    let (progress, _) = ProgressFile::in_dir(dir.path()).load().unwrap();
    assert_eq!(progress.attempts().len(), RENAMED.len());
    for (i, (pack, old, new)) in RENAMED.iter().enumerate() {
        let a = progress
            .attempts()
            .iter()
            .find(|a| a.id.as_str() == format!("old-{i}"))
            .unwrap();
        assert_eq!(a.drill.as_str(), *new, "{old}");
        assert!(progress.schedule().state(pack, new).is_some(), "{new}");
        assert!(progress.schedule().state(pack, old).is_none(), "{old}");
    }
}

#[test]
fn the_ids_that_named_the_answer_are_renamed() {
    let pack = Pack::builtin().unwrap();
    for old in [
        "dx-mtls-cert-expired",
        "dx-webhook-istio-no-endpoints",
        "dx-webhook-linkerd-unmeshed",
        "dx-node-ztunnel-down",
        "dx-node-cilium-agent-down",
        "dx-ebpf-stale-identity",
        "dx-l7-ambient-no-waypoint",
        "dx-l7-cilium-l4-shadow",
        "dx-ebpf-egress-forgot-ledger",
        "cilium-l7-node-envoy",
        "ep-l4-isolation",
        "ep-http-path-authz",
        "ep-egress-allowlist",
        "ep-public-api-authn",
    ] {
        let new = meshlab::practice::renamed::current("part-023", old);
        assert_ne!(new, old);
        assert!(pack.exercise(new).is_some(), "{old} -> {new}");
    }
    assert_eq!(
        meshlab::practice::renamed::current("part-023", "dx-mtls-cert-expired"),
        "dx-503s-and-an-empty-app-log"
    );
}
