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
use meshlab::sim::model::net::Protocol;
use meshlab::sim::scenario::Scenario;
use meshlab::sim::scenario::probes::evaluate;
use meshlab::sim::scenario::time::Time;
use meshlab::sim::scenario::timeline::Timeline;
use serde_json::{Map, Value, json};

/// Cases that are events over time: they run through the timeline in
/// [`time_cases_run_through_the_timeline`].
const TIMED: &[&str] = &["LKD-13", "LKD-15", "ISC-16", "ISA-09", "ISA-11", "CIL-13"];

/// (case id, why `sim probe` cannot express it).
const UNEXPRESSIBLE: &[(&str, &str)] = &[
    (
        "ISC-08",
        "its setup says 'same workloads as ISC-07', a case that is not in this file",
    ),
    (
        "ISC-12",
        "the frontend application's own retry loop (3 calls in code) has no manifest field",
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
    if cluster.contains("policy-deny-response=icmp") {
        cilium_config.insert("policy-deny-response".into(), json!("icmp"));
    }
    if cluster.contains("encryption.type=ipsec") {
        cilium_config.insert("enable-ipsec".into(), json!("true"));
    }
    // Helm's authentication.mutual.spire.enabled=true (SPIRE-backed mutual authentication)
    // sets this agent key; "no mutual auth" and the like leave it off.
    let lower = cluster.to_ascii_lowercase();
    let negated = [
        "no mutual",
        "without mutual",
        "spire.enabled=false",
        "mutual auth disabled",
        "mutual authentication disabled",
        "mutual authentication not installed",
    ]
    .iter()
    .any(|n| lower.contains(n));
    if (lower.contains("spire") || lower.contains("mutual auth")) && !negated {
        cilium_config.insert("mesh-auth-mutual-enabled".into(), json!("true"));
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
    match str_of(action, "protocol") {
        "tcp" | "tls" => {}
        "icmp" => p.protocol = Some(Protocol::Icmp),
        _ => {
            p.method = action["method"].as_str().map(str::to_owned);
            p.path = action["path"].as_str().map(str::to_owned);
        }
    }
    // A pod has no port in its name: the case gives it apart.
    p.port = action["port"].as_u64().and_then(|n| u16::try_from(n).ok());
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
        "tls-closed-after-accept" => {
            r.outcome == Outcome::Reset && r.hops.iter().any(|h| h.reason.contains("curl: (35)"))
        }
        "silent-drop-timeout" => r.outcome == Outcome::Timeout,
        "dns-refused" => r.verdict == Verdict::Denied && r.outcome == Outcome::DnsFailure,
        "icmp-unreachable" => r.verdict == Verdict::Denied && r.outcome == Outcome::Refused,
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

/// Run every case of `name` (a file in tests/oracle/ in mesh-behaviour.yaml's format).
fn run_cases(name: &str) {
    let file = load_cases(name);
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
        if TIMED.contains(&id) {
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
    tally.print(name);
    untranslated.assert_none(name);
    for s in &skipped {
        println!("UNEXPRESSIBLE {s}");
    }
    assert!(
        tally.failures.is_empty(),
        "{} cases of {name} failed",
        tally.failures.len()
    );
}

#[test]
fn mesh_behaviour_oracle() {
    run_cases("mesh-behaviour.yaml");
}

/// Linkerd's policy and egress shapes of issue 14, cited case by case in the file.
#[test]
fn linkerd_policy_oracle() {
    run_cases("mesh-linkerd-policy.yaml");
}

/// The Cilium denial shapes of issue 14 (DNS REFUSED, ICMP, policy-deny-response, mutual
/// authentication), cited case by case in the file.
#[test]
fn cilium_denial_shapes() {
    run_cases("cilium-denials.yaml");
}

/// A timed case's cluster on a timeline: the case's workloads (each given port 8080 when the
/// case names none, so each has a Service), its `config`, `extra` manifests, and `events`
/// (scenario TOML).
fn case_timeline(
    id: &str,
    extra: &[Value],
    events: &str,
    warm: &[(&str, &str)],
) -> (Timeline, Profile) {
    let file = load_cases("mesh-behaviour.yaml");
    let mut case = file["cases"]
        .as_array()
        .and_then(|c| c.iter().find(|c| str_of(c, "id") == id))
        .unwrap_or_else(|| panic!("{id} is in the oracle"))
        .clone();
    // ISA-11's workloads name no namespace; its one namespace is theirs.
    let only_ns = match case["setup"]["namespaces"].as_array().map(Vec::as_slice) {
        Some([one]) => one["name"].as_str().map(str::to_owned),
        _ => None,
    };
    for w in case["setup"]["workloads"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        if w.get("port").is_none() && w.get("ports").is_none() {
            w["port"] = json!(8080);
        }
        if let (None, Some(ns)) = (w.get("namespace"), &only_ns) {
            w["namespace"] = json!(ns);
        }
    }
    let mesh = profile(str_of(&case, "mesh"));
    let mut docs = manifests(&case);
    docs.extend(extra.iter().cloned());
    let mut sources = vec![source(id, &docs)];
    if let Some(config) = case["setup"]["config"].as_str() {
        sources.push(Source {
            name: format!("{id}/config"),
            bytes: config.as_bytes().to_vec(),
        });
    }
    let cluster = meshlab::sim::load::load(&sources, &LoadOptions { mesh: Some(mesh) })
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    let scenario = Scenario::parse(id, &format!("manifests = []\n{events}"))
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    let warm = warm
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    let timeline = Timeline::new(
        cluster,
        Vec::new(),
        scenario.events,
        Some(mesh),
        warm,
        |_: &[String]| Err::<meshlab::sim::model::Cluster, _>("no manifests to apply"),
    )
    .unwrap_or_else(|e| panic!("{id}: {e}"));
    (timeline, mesh)
}

fn call(timeline: &Timeline, at: Time, from: &str, to: &str) -> ProbeResult {
    timeline
        .at(at)
        .probe(&Probe {
            from: from.into(),
            to: to.into(),
            port: Some(8080),
            method: Some("GET".into()),
            path: Some("/".into()),
            count: 1,
            ..Probe::default()
        })
        .unwrap_or_else(|e| panic!("{from} -> {to}: {e}"))
}

fn answered(r: &ProbeResult) -> bool {
    r.verdict == Verdict::Allowed && r.outcome == Outcome::Ok
}

#[test]
fn time_cases_run_through_the_timeline() {
    // LKD-13: "webapp -> authors keeps succeeding (cached discovery …)"; books "cannot be
    // resolved … the request hangs until the client's own timeout".
    let (tl, _) = case_timeline(
        "LKD-13",
        &[],
        "[[events]]\nat = \"1h\"\ntype = \"control-plane-down\"\n",
        &[("booksapp/webapp", "svc:booksapp/authors")],
    );
    let h = Time::hours;
    assert!(answered(&call(
        &tl,
        h(2),
        "booksapp/webapp",
        "svc:booksapp/authors"
    )));
    let cold = call(&tl, h(2), "booksapp/webapp", "svc:booksapp/books");
    assert_eq!(
        (cold.verdict, cold.outcome),
        (Verdict::Failed, Outcome::Timeout)
    );
    assert!(
        !cold.encrypted && cold.backend.is_none(),
        "never sent elsewhere"
    );
    assert!(answered(&call(
        &tl,
        h(0),
        "booksapp/webapp",
        "svc:booksapp/books"
    )));

    // LKD-15: default install (failurePolicy: Ignore): authors re-created while the injector
    // is down "starts with 1/1 containers (no linkerd-proxy); it accepts plaintext from anyone".
    let client = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "curl", "namespace": "default",
                     "annotations": {"linkerd.io/inject": "disabled"}},
        "spec": {"containers": [{"name": "curl"}]}});
    let (tl, _) = case_timeline(
        "LKD-15",
        &[client],
        "[[events]]\nat = \"1h\"\ntype = \"injector-down\"\n\n[[events]]\nat = \"2h\"\ntype = \"pod-restarted\"\nworkload = \"booksapp/authors\"\n",
        &[],
    );
    // Before: meshed, all-authenticated refuses the plaintext client.
    assert!(!answered(&call(
        &tl,
        h(1),
        "default/curl",
        "svc:booksapp/authors"
    )));
    let sim = tl.at(h(2));
    let authors = sim.cluster.pod("booksapp", "authors").expect("authors");
    assert_eq!(sim.cluster.mesh.pod_profile[authors], Profile::None);
    let r = call(&tl, h(2), "default/curl", "svc:booksapp/authors");
    assert!(answered(&r) && !r.encrypted, "plaintext from anyone");

    // ISC-16: "each workload keeps its current cert, which expires 12-24h after the outage
    // began; from then on TLS handshakes between those sidecars fail (clients see 503)".
    let (tl, _) = case_timeline(
        "ISC-16",
        &[],
        "[[events]]\nat = \"0\"\ntype = \"control-plane-down\"\n",
        &[],
    );
    let pp = ("default/productpage", "svc:default/reviews");
    assert!(answered(&call(&tl, h(12), pp.0, pp.1)));
    let broke = (0..=30)
        .find(|t| !answered(&call(&tl, h(*t), pp.0, pp.1)))
        .expect("the certificates expire");
    assert!((13..=24).contains(&broke), "broke at {broke}h");
    assert_eq!(call(&tl, h(24), pp.0, pp.1).status, Some(503));

    // ISA-09: a ztunnel restart on node-a breaks connections from node-a for the gap; "a
    // sidecar mesh has no node-wide proxy".
    let restart = "[[events]]\nat = \"1h\"\ntype = \"node-agent-down\"\nnode = \"node-a\"\nagent = \"ztunnel\"\n\n[[events]]\nat = \"1h1m\"\ntype = \"node-agent-up\"\nnode = \"node-a\"\nagent = \"ztunnel\"\n";
    let (tl, _) = case_timeline("ISA-09", &[], restart, &[]);
    let cs = ("ambient-demo/client", "svc:ambient-demo/server");
    assert!(answered(&call(&tl, h(0), cs.0, cs.1)));
    let gap = call(&tl, h(1), cs.0, cs.1);
    assert_eq!(
        gap.outcome,
        Outcome::Reset,
        "fail closed, no plaintext bypass"
    );
    assert!(answered(&call(&tl, Time(3660), cs.0, cs.1)));

    // ISA-11: istiod down; "sleep -> httpbin keeps working until the cached leaf cert
    // expires"; "reports has no certificate on node-a's ztunnel -> its outbound HBONE
    // connections fail".
    let (tl, _) = case_timeline(
        "ISA-11",
        &[],
        "[[events]]\nat = \"1h\"\ntype = \"control-plane-down\"\n\n[[events]]\nat = \"2h\"\ntype = \"pod-created\"\nworkload = \"ambient-demo/reports\"\n",
        &[],
    );
    assert!(answered(&call(
        &tl,
        h(3),
        "ambient-demo/sleep",
        "svc:ambient-demo/httpbin"
    )));
    let new = call(
        &tl,
        h(3),
        "ambient-demo/reports",
        "svc:ambient-demo/httpbin",
    );
    assert!(!answered(&new));
    assert!(
        new.hops
            .iter()
            .any(|hop| hop.reason.contains("has no certificate"))
    );
}

/// CIL-13: while the cilium-agent of mediabot's node is down, "mediabot resolves api.github.com
/// and connects" is denied by a "DNS query not answered (times out) -> connection never
/// attempted"; "already-established connections to previously learned IPs keep working (L3/L4
/// datapath, CIL-12)", and so does a pod whose lookups the DNS proxy does not handle.
#[test]
fn cilium_agent_down_leaves_fqdn_lookups_unanswered() {
    let bystander = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "bystander", "namespace": "default", "labels": {"app": "bystander"}},
        "spec": {"containers": [{"name": "app"}]}});
    let restart = "[[events]]\nat = \"1h\"\ntype = \"node-agent-down\"\nnode = \"node-1\"\nagent = \"cilium-agent\"\n\n[[events]]\nat = \"2h\"\ntype = \"node-agent-up\"\nnode = \"node-1\"\nagent = \"cilium-agent\"\n";
    let (tl, mesh) = case_timeline("CIL-13", &[bystander], restart, &[]);
    assert_eq!(mesh, Profile::Cilium);
    let github = |at: Time, from: &str| {
        tl.at(at)
            .probe(&Probe {
                from: from.into(),
                to: "api.github.com:443".into(),
                count: 1,
                ..Probe::default()
            })
            .unwrap_or_else(|e| panic!("{from}: {e}"))
    };
    let h = Time::hours;
    assert!(
        answered(&github(h(0), "default/mediabot")),
        "before: toFQDNs allows it"
    );
    let down = github(h(1), "default/mediabot");
    assert_eq!(
        (down.verdict, down.outcome, down.backend.is_none()),
        (Verdict::Failed, Outcome::DnsFailure, true),
        "{down:?}"
    );
    let last = down.hops.last().expect("hops");
    assert_eq!(last.decision, "timeout", "the query times out");
    assert!(last.reason.contains("DNS query not answered"), "{last:?}");
    assert!(
        !down.hops.iter().any(|hop| hop.component.contains("eBPF")),
        "the connection is never attempted: {:?}",
        down.hops
    );
    assert_eq!(
        down.latency_us, 10_000_000,
        "the client waits for its timeout"
    );
    // No DNS rules, no proxy in the way: its lookups and connections go on.
    assert!(answered(&github(h(1), "default/bystander")));
    // An address already known needs no lookup: the eBPF datapath carries it (CIL-12).
    assert!(answered(&call(
        &tl,
        h(1),
        "default/bystander",
        "svc:default/mediabot"
    )));
    assert!(
        answered(&github(h(2), "default/mediabot")),
        "the agent is back"
    );
}

/// meshlab's own cases (perTryTimeout, the route timeout over retries, the waypoint 503), cited.
#[test]
fn project_mesh_cases() {
    run_cases("mesh-behaviour-meshlab.yaml");
}
