//! Shared by the oracle harnesses: read a case file, turn case data into manifests, tally
//! pass counts per confidence.

#![allow(dead_code)] // each harness uses a different subset

use std::collections::BTreeMap;

use meshlab::sim::load::Source;
use serde_json::{Value, json};

pub fn load_cases(file: &str) -> Value {
    let path = format!("{}/tests/oracle/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("oracle file readable");
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<Value>(&text, options).expect("oracle file parses")
}

/// Manifests as one multi-document source (JSON documents are YAML flow documents).
pub fn source(name: &str, manifests: &[Value]) -> Source {
    let text = manifests
        .iter()
        .map(|m| serde_json::to_string(m).expect("json"))
        .collect::<Vec<_>>()
        .join("\n---\n");
    Source {
        name: name.to_owned(),
        bytes: text.into_bytes(),
    }
}

pub fn namespace(name: &str, labels: &Value, annotations: &Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Namespace",
           "metadata": {"name": name, "labels": labels, "annotations": annotations}})
}

/// A networkpolicy.yaml case as real manifests.
pub fn netpol_manifests(case: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for ns in case["namespaces"].as_array().into_iter().flatten() {
        // Only the user labels: meshlab must add kubernetes.io/metadata.name itself.
        out.push(namespace(str_of(ns, "name"), &ns["labels"], &json!({})));
    }
    for node in case["nodes"].as_array().into_iter().flatten() {
        out.push(
            json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": node["name"]},
            "status": {"addresses": [{"type": "InternalIP", "address": node["ip"]}]}}),
        );
    }
    for pod in case["pods"].as_array().into_iter().flatten() {
        out.push(json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": pod["name"], "namespace": pod["namespace"], "labels": pod["labels"]},
            "spec": {"nodeName": pod["node"], "containers": [{"name": "c", "ports": pod["ports"]}]},
            "status": {"podIP": pod["ip"]}}));
    }
    for key in ["services", "policies"] {
        out.extend(case[key].as_array().into_iter().flatten().cloned());
    }
    out
}

pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Pass/total per confidence label, printed as the report the issue note quotes.
#[derive(Default)]
pub struct Tally {
    pub by_confidence: BTreeMap<String, (usize, usize)>,
    pub failures: Vec<String>,
}

impl Tally {
    pub fn record(&mut self, confidence: &str, ok: bool, what: impl FnOnce() -> String) {
        let e = self.by_confidence.entry(confidence.to_owned()).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            self.failures.push(what());
        }
    }

    pub fn print(&self, file: &str) {
        for (conf, (pass, total)) in &self.by_confidence {
            println!("{file}: confidence {conf}: {pass}/{total} pass");
        }
        for f in &self.failures {
            println!("FAIL {f}");
        }
    }

    pub fn passed(&self, confidence: &str) -> (usize, usize) {
        self.by_confidence
            .get(confidence)
            .copied()
            .unwrap_or_default()
    }
}

/// Hop reasons of the oracle cases that `assets/i18n/trace.toml` has no Indonesian for
/// (`tests/trace_catalog.rs` covers the drills and scenarios; these manifests are built here).
#[derive(Default)]
pub struct Untranslated(pub std::collections::BTreeSet<String>, pub usize);

impl Untranslated {
    pub fn record(&mut self, id: &str, report: &meshlab::sim::scenario::probes::Report) {
        let catalog = meshlab::i18n::trace::builtin().expect("trace catalog loads");
        for hop in report.results.iter().flat_map(|r| &r.hops) {
            self.1 += 1;
            if catalog.matching(&hop.reason).is_empty() && !catalog.is_verbatim(&hop.reason) {
                self.0.insert(format!("{}\t({id})", hop.reason));
            }
        }
    }

    pub fn assert_none(&self, file: &str) {
        println!(
            "{file}: {} hop reasons checked against the trace catalog",
            self.1
        );
        assert!(
            self.0.is_empty(),
            "{file}: {} hop reasons have no entry in assets/i18n/trace.toml:\n{}",
            self.0.len(),
            self.0.iter().cloned().collect::<Vec<_>>().join("\n")
        );
    }
}
