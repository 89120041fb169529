//! Every case of tests/oracle/mesh-behaviour.yaml (Linkerd, Cilium, Istio sidecar and ambient
//! documentation and source, pinned in the file's `meta.snapshots`; see each case's `source`)
//! through the same code path as `meshlab sim probe`. A case's `setup` becomes real manifests:
//! namespaces with their labels/annotations, one Pod per workload (mesh enrollment from the
//! real injection labels/annotations), a Service per workload with a port, and the case's
//! `config` YAML as is. Cilium cases run with Cilium as the CNI (`--mesh cilium`), cluster
//! settings as the real `kube-system/cilium-config` ConfigMap.
//!
//! Cases the model cannot express are listed in `UNEXPRESSIBLE` with the reason; they are
//! reported, never faked. `mesh-behaviour-meshlab.yaml` holds the project's own cases in the
//! same shape (a copied upstream file is never appended to); its `action.delay_ms` is how long
//! the destination application takes to answer.

#[path = "oracle/common.rs"]
mod common;

use common::{Tally, Untranslated, load_cases, namespace, source, str_of};
use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::probes::evaluate;
use serde_json::{Map, Value, json};

/// (case id, why `sim probe` cannot express it).
const UNEXPRESSIBLE: &[(&str, &str)] = &[
    (
        "LKD-13",
        "control plane outage over time (cached discovery, 5 s eviction): probes evaluate one steady state, no event timeline",
    ),
    (
        "LKD-15",
        "proxy-injector outage at pod creation: an event, not a request",
    ),
    (
        "CIL-13",
        "cilium-agent down (DNS proxy unavailable): node-agent faults are not modeled yet",
    ),
    (
        "ISC-08",
        "its setup says 'same workloads as ISC-07', a case that is not in this file",
    ),
    (
        "ISC-12",
        "the frontend application's own retry loop (3 calls in code) has no manifest field",
    ),
    (
        "ISC-16",
        "certificate expiry 12-24 h after istiod is lost: no clock in the model",
    ),
    (
        "ISA-09",
        "ztunnel restart on a node: node-agent faults are not modeled yet",
    ),
    (
        "ISA-11",
        "istiod down with cached vs new identities: an event timeline",
    ),
];

fn profile(mesh: &str) -> Profile {
    Profile::parse(mesh).unwrap_or(Profile::None)
}

fn obj(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// `name.ns:port` of the action's destination, to give a port-less workload its Service port.
fn action_port(case: &Value, workload: &str) -> Option<u64> {
    let to = str_of(&case["action"], "to");
    let (host, port) = to.rsplit_once(':')?;
    (host.split('.').next() == Some(workload))
        .then(|| port.parse().ok())
        .flatten()
}

fn manifests(case: &Value) -> Vec<Value> {
    let setup = &case["setup"];
    let mesh = profile(str_of(case, "mesh"));
    let mut out = Vec::new();
    for ns in setup["namespaces"].as_array().into_iter().flatten() {
        out.push(namespace(
            str_of(ns, "name"),
            &ns["labels"],
            &ns["annotations"],
        ));
    }
    let cluster = str_of(setup, "cluster");
    let mut cilium_config = Map::new();
    if cluster.contains("policyEnforcementMode=always") {
        cilium_config.insert("enable-policy".into(), json!("always"));
    }
    if cluster.contains("encryption.type=wireguard") {
        cilium_config.insert("enable-wireguard".into(), json!("true"));
    }
    if mesh == Profile::Cilium {
        out.push(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "cilium-config", "namespace": "kube-system"}, "data": cilium_config}));
    }
    for w in setup["workloads"].as_array().into_iter().flatten() {
        let name = str_of(w, "name");
        let ns = w["namespace"].as_str().unwrap_or("default");
        let mut labels = obj(&w["labels"]);
        if labels.is_empty() {
            labels.insert("app".into(), json!(name));
        }
        let mut annotations = Map::new();
        match (
            mesh,
            w["meshed"].as_bool(),
            w["sidecar"].as_bool(),
            w["enrolled"].as_bool(),
        ) {
            (Profile::Linkerd, Some(m), _, _) => {
                annotations.insert(
                    "linkerd.io/inject".into(),
                    json!(if m { "enabled" } else { "disabled" }),
                );
            }
            (Profile::IstioSidecar, _, Some(s), _) => {
                labels.insert(
                    "sidecar.istio.io/inject".into(),
                    json!(if s { "true" } else { "false" }),
                );
            }
            (Profile::IstioAmbient, _, _, Some(false)) => {
                labels.insert("istio.io/dataplane-mode".into(), json!("none"));
            }
            _ => {}
        }
        let behaviour = w["behaviour"].as_str().unwrap_or_default();
        if behaviour.contains("503") {
            annotations.insert("sim.meshlab.io/response-status".into(), json!("503"));
        }
        let mut ports: Vec<(Option<String>, u64)> = Vec::new();
        if let Some(p) = w["port"].as_u64() {
            ports.push((None, p));
        }
        for p in w["ports"].as_array().into_iter().flatten() {
            ports.push((
                p["name"].as_str().map(str::to_owned),
                p["port"].as_u64().unwrap_or(80),
            ));
        }
        if ports.is_empty()
            && let Some(p) = action_port(case, name)
        {
            ports.push((None, p));
        }
        let container_ports: Vec<Value> = ports
            .iter()
            .map(|(n, p)| match n {
                Some(n) => json!({"name": n, "containerPort": p}),
                None => json!({"containerPort": p}),
            })
            .collect();
        let mut spec = json!({"containers": [{"name": "app", "ports": container_ports}]});
        if let Some(sa) = w["serviceAccount"].as_str() {
            spec["serviceAccountName"] = json!(sa);
        }
        if let Some(node) = w["node"].as_str() {
            spec["nodeName"] = json!(node);
        }
        out.push(json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "labels": labels, "annotations": annotations}, "spec": spec}));
        if ports.is_empty() {
            continue;
        }
        let service_ports: Vec<Value> = ports
            .iter()
            .map(|(_, p)| json!({"port": p, "targetPort": p}))
            .collect();
        let mut names = vec![name.to_owned()];
        if let Some(app) = labels
            .get("app")
            .and_then(Value::as_str)
            .filter(|a| *a != name)
        {
            names.push(app.to_owned());
        }
        for svc in names {
            out.push(json!({"apiVersion": "v1", "kind": "Service",
                "metadata": {"name": svc, "namespace": ns}, "spec": {"selector": labels, "ports": service_ports}}));
        }
    }
    out
}

fn probe(action: &Value) -> Probe {
    let mut p = Probe {
        from: str_of(action, "from").to_owned(),
        to: str_of(action, "to").to_owned(),
        count: 1,
        ..Probe::default()
    };
    if str_of(action, "protocol") != "tcp" {
        p.method = action["method"].as_str().map(str::to_owned);
        p.path = action["path"].as_str().map(str::to_owned);
    }
    if let Some(ms) = action["delay_ms"].as_u64() {
        p.delay_ms = ms;
    }
    if str_of(action, "protocol") == "grpc" {
        p.headers
            .push(("content-type".into(), "application/grpc".into()));
    }
    p
}

fn leading_number(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        v.as_str()
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
    })
}

fn check(expected: &Value, r: &ProbeResult) -> Result<(), String> {
    let fail = |what: &str| {
        Err(format!(
            "{what}: got verdict {:?}, outcome {:?}, status {:?}, grpc {:?}, tries {}, identity {:?}, encrypted {}, decided_by {:?}",
            r.verdict,
            r.outcome,
            r.status,
            r.grpc_status,
            r.tries,
            r.client_identity,
            r.encrypted,
            r.decided_by
        ))
    };
    match str_of(expected, "outcome") {
        "allowed" if r.verdict != Verdict::Allowed || r.outcome != Outcome::Ok => {
            return fail("want allowed");
        }
        "denied" if r.verdict == Verdict::Allowed && r.outcome == Outcome::Ok => {
            return fail("want denied");
        }
        _ => {}
    }
    if let Some(status) = expected.get("http_status")
        && status.as_u64().map(|s| s as u16) != r.status
        && !(status.is_null() && r.status.is_none())
    {
        return fail(&format!("http_status {status}"));
    }
    if let Some(g) = expected.get("grpc_status").and_then(leading_number)
        && r.grpc_status.map(u64::from) != Some(g)
    {
        return fail(&format!("grpc_status {g}"));
    }
    let mechanism_ok = match str_of(expected, "denial_mechanism") {
        "" => true,
        "none" => r.outcome == Outcome::Ok,
        "http-403" => r.status == Some(403),
        "http-404" => r.status == Some(404),
        "grpc-permission-denied" => r.grpc_status == Some(7),
        "tcp-reset" => r.outcome == Outcome::Reset,
        "tcp-refused-or-closed" => matches!(r.outcome, Outcome::Refused | Outcome::Reset),
        "silent-drop-timeout" => r.outcome == Outcome::Timeout,
        other => return fail(&format!("unknown denial_mechanism {other}")),
    };
    if !mechanism_ok {
        return fail(&format!(
            "denial_mechanism {}",
            str_of(expected, "denial_mechanism")
        ));
    }
    if let Some(m) = expected["hop_mtls"].as_bool()
        && m != r.client_identity.is_some()
    {
        return fail(&format!("hop_mtls {m}"));
    }
    if let Some(e) = expected["hop_encrypted"].as_bool()
        && e != r.encrypted
    {
        return fail(&format!("hop_encrypted {e}"));
    }
    if let Some(n) = expected["backend_attempts"].as_u64()
        && u64::from(r.tries) != n
    {
        return fail(&format!("backend_attempts {n}"));
    }
    Ok(())
}

/// Run every case of `file`; panics on a failure.
fn run_cases(file_name: &str) {
    let file = load_cases(file_name);
    let mut tally = Tally::default();
    let mut untranslated = Untranslated::default();
    let mut skipped = Vec::new();
    for case in file["cases"].as_array().expect("cases") {
        let id = str_of(case, "id");
        let confidence = str_of(case, "confidence");
        if let Some((_, why)) = UNEXPRESSIBLE.iter().find(|(u, _)| *u == id) {
            skipped.push(format!("{id}: {why}"));
            continue;
        }
        assert_eq!(
            str_of(&case["action"], "type"),
            "request",
            "{id} is an event but not listed as unexpressible"
        );
        let mut sources = vec![source(id, &manifests(case))];
        if let Some(config) = case["setup"]["config"].as_str() {
            sources.push(Source {
                name: format!("{id}/config"),
                bytes: config.as_bytes().to_vec(),
            });
        }
        let mesh = profile(str_of(case, "mesh"));
        let options = LoadOptions {
            mesh: (mesh == Profile::Cilium).then_some(mesh),
        };
        let report = evaluate(&sources, &options, &[probe(&case["action"])])
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        untranslated.record(id, &report);
        let Some(result) = report.results.first() else {
            panic!("{id}: no result");
        };
        let outcome = check(&case["expected"], result);
        tally.record(confidence, outcome.is_ok(), || {
            format!("{id}: {}", outcome.err().unwrap_or_default())
        });
    }
    tally.print(file_name);
    untranslated.assert_none(file_name);
    for s in &skipped {
        println!("UNEXPRESSIBLE {s}");
    }
    assert!(
        tally.failures.is_empty(),
        "{} cases of {file_name} failed",
        tally.failures.len()
    );
}

#[test]
fn mesh_behaviour_oracle() {
    run_cases("mesh-behaviour.yaml");
}

#[test]
fn project_mesh_cases() {
    run_cases("mesh-behaviour-meshlab.yaml");
}
