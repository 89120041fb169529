//! Property tests over generated clusters, through the same entry points as `sim probe`:
//! adding a NetworkPolicy allow rule never removes connectivity; the route chosen is the spec's
//! winner (or 404 when nothing matches); weighted splits are exact over every full round; the
//! same input gives the same output; no input makes the loader or the prober panic.

use meshlab::sim::eval::http_route::{HttpRequest, match_holds};
use meshlab::sim::eval::outcome::Verdict;
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{self, LoadOptions, Source};
use meshlab::sim::model::{Cluster, HttpRoute, PathKind};
use meshlab::sim::scenario::probes::{Report, evaluate, run_probes};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::cmp::Reverse;

fn source(docs: &[Value]) -> Source {
    let text = docs
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n---\n");
    Source {
        name: "gen.yaml".to_owned(),
        bytes: text.into_bytes(),
    }
}

// ------------------------------------------------------------------ NetworkPolicy

const APPS: [&str; 3] = ["p", "q", "r"];
const TEAMS: [&str; 2] = ["x", "y"];

fn peer() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0..3usize).prop_map(|a| json!({"podSelector": {"matchLabels": {"app": APPS[a]}}})),
        (0..2usize).prop_map(|t| json!({"namespaceSelector": {"matchLabels": {"team": TEAMS[t]}}})),
        (0..3usize, 0..2usize).prop_map(|(a, t)| json!({
            "podSelector": {"matchLabels": {"app": APPS[a]}},
            "namespaceSelector": {"matchLabels": {"team": TEAMS[t]}}})),
        Just(json!({"namespaceSelector": {}})),
        Just(json!({"ipBlock": {"cidr": "10.244.0.0/16", "except": ["10.244.1.0/24"]}})),
    ]
}

fn rule() -> impl Strategy<Value = Value> {
    let ports = prop_oneof![
        Just(None),
        Just(Some(json!([{"port": 80}]))),
        Just(Some(json!([{"port": "http"}]))),
        Just(Some(json!([{"port": 80, "endPort": 81}]))),
    ];
    (
        proptest::option::of(proptest::collection::vec(peer(), 0..3)),
        ports,
    )
        .prop_map(|(from, ports)| {
            let mut r = json!({});
            if let Some(f) = from {
                r["from"] = json!(f);
            }
            if let Some(p) = ports {
                r["ports"] = p;
            }
            r
        })
}

#[derive(Debug, Clone)]
struct NetCluster {
    pods: Vec<(usize, usize, u16)>,
    policies: Vec<(Option<usize>, Vec<Value>, bool)>,
}

fn net_cluster() -> impl Strategy<Value = NetCluster> {
    let pods = proptest::collection::vec(
        (
            0..2usize,
            0..3usize,
            prop_oneof![Just(80u16), Just(8080u16)],
        ),
        2..5,
    );
    let policy = (
        proptest::option::of(0..3usize),
        proptest::collection::vec(rule(), 0..3),
        any::<bool>(),
    );
    (pods, proptest::collection::vec(policy, 1..4))
        .prop_map(|(pods, policies)| NetCluster { pods, policies })
}

fn net_manifests(c: &NetCluster) -> Vec<Value> {
    let mut out = vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "labels": {"team": "x"}}}),
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b", "labels": {"team": "y"}}}),
    ];
    for (i, (ns, app, port)) in c.pods.iter().enumerate() {
        out.push(json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("pod{i}"), "namespace": (["a", "b"][*ns]), "labels": {"app": APPS[*app]}},
            "spec": {"nodeName": format!("node-{}", i % 2), "containers": [{"name": "c", "ports": [{"name": "http", "containerPort": port}]}]}}));
    }
    for (i, (selector, rules, egress_too)) in c.policies.iter().enumerate() {
        let pod_selector = selector.map_or(json!({}), |a| json!({"matchLabels": {"app": APPS[a]}}));
        let mut spec = json!({"podSelector": pod_selector, "ingress": rules});
        if *egress_too {
            let egress: Vec<Value> = rules
                .iter()
                .map(|r| {
                    let mut e = r.clone();
                    if let Some(from) = e.as_object_mut().and_then(|o| o.remove("from")) {
                        e["to"] = from;
                    }
                    e
                })
                .collect();
            spec["egress"] = json!(egress);
            spec["policyTypes"] = json!(["Ingress", "Egress"]);
        }
        out.push(
            json!({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": format!("np{i}"), "namespace": "a"}, "spec": spec}),
        );
    }
    out
}

fn all_pairs(c: &NetCluster) -> Vec<Probe> {
    let name = |i: usize| format!("{}/pod{i}", ["a", "b"][c.pods[i].0]);
    let mut probes = Vec::new();
    for i in 0..c.pods.len() {
        for j in 0..c.pods.len() {
            for port in [80, 8080] {
                probes.push(Probe {
                    from: name(i),
                    to: name(j),
                    port: Some(port),
                    count: 1,
                    ..Probe::default()
                });
            }
        }
        probes.push(Probe {
            from: "192.0.2.7".into(),
            to: name(i),
            port: Some(80),
            count: 1,
            ..Probe::default()
        });
    }
    probes
}

fn verdicts(report: &Report) -> Vec<bool> {
    report
        .results
        .iter()
        .map(|r| r.verdict == Verdict::Allowed)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn adding_an_allow_rule_never_removes_connectivity(c in net_cluster(), extra in rule(), which in 0..4usize) {
        let probes = all_pairs(&c);
        let before = evaluate(&[source(&net_manifests(&c))], &LoadOptions::default(), &probes).expect("loads");
        let mut more = c.clone();
        let idx = which % more.policies.len();
        more.policies[idx].1.push(extra);
        let after = evaluate(&[source(&net_manifests(&more))], &LoadOptions::default(), &probes).expect("loads");
        // Only compare when neither version was rejected (a rejected policy is not enforced).
        prop_assume!(before.rejected.is_empty() && after.rejected.is_empty());
        for (i, (b, a)) in verdicts(&before).iter().zip(verdicts(&after)).enumerate() {
            prop_assert!(!b || a, "probe {:?} lost connectivity", probes[i]);
        }
    }

    #[test]
    fn same_input_same_output(c in net_cluster()) {
        let probes = all_pairs(&c);
        let one = evaluate(&[source(&net_manifests(&c))], &LoadOptions::default(), &probes).expect("loads");
        let two = evaluate(&[source(&net_manifests(&c))], &LoadOptions::default(), &probes).expect("loads");
        prop_assert_eq!(one, two);
    }
}

// ------------------------------------------------------------------ routes

fn gateway_base() -> Vec<Value> {
    let mut out = vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "gw"}}),
        json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "g", "namespace": "gw"},
            "spec": {"gatewayClassName": "c", "listeners": [{"name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": {"namespaces": {"from": "All"}}}]}}),
    ];
    out.push(json!({"apiVersion": "gateway.networking.k8s.io/v1beta1", "kind": "ReferenceGrant", "metadata": {"name": "from-other", "namespace": "gw"},
        "spec": {"from": [{"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "namespace": "other"}], "to": [{"group": "", "kind": "Service"}]}}));
    for b in ["b0", "b1", "b2", "b3"] {
        out.push(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": b, "namespace": "gw"},
            "spec": {"selector": {"matchLabels": {"app": b}}, "template": {"metadata": {"labels": {"app": b}}, "spec": {"containers": [{"name": "c"}]}}}}));
        out.push(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": b, "namespace": "gw"},
            "spec": {"selector": {"app": b}, "ports": [{"port": 80}]}}));
    }
    out
}

const PATHS: [&str; 5] = ["/", "/a", "/a/b", "/a/", "/b"];

fn route_match() -> impl Strategy<Value = Value> {
    (
        proptest::option::of((any::<bool>(), 0..5usize)),
        proptest::option::of(prop_oneof![Just("GET"), Just("POST")]),
        proptest::collection::vec(0..2usize, 0..3),
        proptest::collection::vec(0..2usize, 0..2),
    )
        .prop_map(|(path, method, headers, query)| {
            let mut m = json!({});
            if let Some((exact, i)) = path {
                m["path"] =
                    json!({"type": if exact { "Exact" } else { "PathPrefix" }, "value": PATHS[i]});
            }
            if let Some(method) = method {
                m["method"] = json!(method);
            }
            if !headers.is_empty() {
                m["headers"] = json!(
                    headers
                        .iter()
                        .map(|h| json!({"name": format!("h{h}"), "value": "1"}))
                        .collect::<Vec<_>>()
                );
            }
            if !query.is_empty() {
                m["queryParams"] = json!(
                    query
                        .iter()
                        .map(|q| json!({"name": format!("q{q}"), "value": "1"}))
                        .collect::<Vec<_>>()
                );
            }
            m
        })
}

fn routes() -> impl Strategy<Value = Vec<Value>> {
    let rule = (proptest::collection::vec(route_match(), 0..3), 0..4usize)
        .prop_map(|(matches, b)| json!({"matches": matches, "backendRefs": [{"name": format!("b{b}"), "namespace": "gw", "port": 80}]}));
    let route = (
        proptest::collection::vec(rule, 1..3),
        0..3usize,
        0..2usize,
        0..3usize,
    );
    proptest::collection::vec(route, 1..4).prop_map(|rs| {
        rs.into_iter()
            .enumerate()
            .map(|(i, (rules, age, ns, name))| {
                json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                    "metadata": {"name": format!("r{name}-{i}"), "namespace": (["gw", "other"][ns]),
                        "creationTimestamp": format!("2024-0{}-01T00:00:00Z", age + 1)},
                    "spec": {"parentRefs": [{"name": "g", "namespace": "gw"}], "rules": rules}})
            })
            .collect()
    })
}

/// The spec's order (httproute_types.go HTTPRouteRule.Matches), written independently of
/// meshlab's comparator: smaller key wins.
type SpecKey = (
    bool,
    Reverse<usize>,
    bool,
    Reverse<usize>,
    Reverse<usize>,
    String,
    String,
    usize,
    usize,
);

fn spec_key(cluster: &Cluster, route: &HttpRoute, rule: usize, m: usize) -> SpecKey {
    let mt = &route.rules[rule].matches[m];
    (
        mt.path.kind != PathKind::Exact,
        Reverse(mt.path.value.len()),
        mt.method.is_none(),
        Reverse(mt.headers.len()),
        Reverse(mt.query.len()),
        route.creation.clone().unwrap_or_default(),
        format!("{}/{}", cluster.ns_name(route.ns), route.name),
        rule,
        m,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn chosen_rule_is_the_spec_winner(rs in routes(), path in 0..5usize, post in any::<bool>(), h in proptest::collection::vec(0..2usize, 0..2), q in proptest::collection::vec(0..2usize, 0..2)) {
        let mut docs = gateway_base();
        docs.extend(rs);
        let src = source(&docs);
        let cluster = load::load(std::slice::from_ref(&src), &LoadOptions::default()).expect("loads");
        let method = if post { "POST" } else { "GET" };
        let headers: Vec<(String, String)> = h.iter().map(|i| (format!("H{i}"), "1".to_owned())).collect();
        let query: Vec<(String, String)> = q.iter().map(|i| (format!("q{i}"), "1".to_owned())).collect();
        let probe = Probe { from: "192.0.2.1".into(), to: "gw:gw/g".into(), method: Some(method.into()),
            path: Some(PATHS[path].into()), headers: headers.clone(), query: query.clone(), count: 1, ..Probe::default() };
        let result = run_probes(&cluster, &[probe]).expect("runs").results.remove(0);
        let req = HttpRequest { method, path: PATHS[path], headers: &headers, query: &query };
        let mut candidates = Vec::new();
        for r in &cluster.routes {
            for (ri, rule) in r.rules.iter().enumerate() {
                for (mi, m) in rule.matches.iter().enumerate() {
                    if match_holds(m, &req) {
                        candidates.push((r, ri, mi));
                    }
                }
            }
        }
        let winner = candidates.into_iter().min_by_key(|(r, ri, mi)| spec_key(&cluster, r, *ri, *mi));
        match winner {
            None => {
                prop_assert_eq!(result.status, Some(404));
                prop_assert!(result.route.is_none());
            }
            Some((r, ri, _)) => {
                let want = format!("HTTPRoute {}/{} rule {ri}", cluster.ns_name(r.ns), r.name);
                prop_assert_eq!(result.route.as_deref(), Some(want.as_str()));
                prop_assert_eq!(result.status, Some(200));
            }
        }
    }

    #[test]
    fn weighted_splits_are_exact_per_round(weights in proptest::collection::vec(0..6u32, 2..5), rounds in 1..4u32) {
        let total: u32 = weights.iter().sum();
        prop_assume!(total > 0);
        let backends: Vec<Value> = weights.iter().enumerate().map(|(i, w)| json!({"name": format!("b{i}"), "port": 80, "weight": w})).collect();
        let mut docs = gateway_base();
        docs.push(json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "split", "namespace": "gw"},
            "spec": {"parentRefs": [{"name": "g"}], "rules": [{"backendRefs": backends}]}}));
        let probe = Probe { from: "192.0.2.1".into(), to: "gw:gw/g".into(), path: Some("/".into()), count: total * rounds, ..Probe::default() };
        let result = evaluate(&[source(&docs)], &LoadOptions::default(), &[probe]).expect("runs").results.remove(0);
        for (i, w) in weights.iter().enumerate() {
            let got = result.counts.get(&format!("gw/b{i}")).copied().unwrap_or(0);
            prop_assert_eq!(got, u64::from(w * rounds));
        }
    }
}

// ------------------------------------------------------------------ robustness

const VALID: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector: {matchLabels: {app: a}}\n  ingress:\n  - from: [{podSelector: {}}, {ipBlock: {cidr: 10.0.0.0/8}}]\n    ports: [{port: 80, endPort: 90}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, labels: {app: a}}\nspec: {containers: [{name: c, ports: [{containerPort: 80}]}]}\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn loader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = load::load(&[Source { name: "fuzz".into(), bytes }], &LoadOptions::default());
    }

    #[test]
    fn loader_and_prober_never_panic_on_mutations(cut in 0..VALID.len(), len in 0..20usize, insert in "[ -~\n]{0,12}", from in "[a-z/:.0-9-]{0,12}", to in "[a-z/:.0-9-]{0,16}") {
        let mut text = VALID.as_bytes().to_vec();
        let end = (cut + len).min(text.len());
        text.splice(cut..end, insert.bytes());
        if let Ok(cluster) = load::load(&[Source { name: "fuzz".into(), bytes: text }], &LoadOptions::default()) {
            let probe = Probe { from, to, count: 2, ..Probe::default() };
            let _ = run_probes(&cluster, &[probe]);
        }
    }
}
