//! A trace's proxy hops carry which proxy instance they are, as data (`Hop::proxy`): each mesh's
//! proxies (Linkerd and Istio sidecars on both legs, ztunnel on both legs, a waypoint, Cilium's
//! node Envoy), through the same entry point as `meshlab sim probe`. The cost model charges by
//! this data, so the words of a hop can change (or be translated) without moving a figure.

use meshlab::sim::eval::outcome::{Hop, Leg, ProbeResult, ProxyHop, ProxyKind, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::probes::evaluate;

fn run(yaml: &str, mesh: Option<Profile>) -> ProbeResult {
    let source = Source {
        name: "m.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    let probe = Probe {
        from: "demo/sleep".into(),
        to: "web".into(),
        method: Some("GET".into()),
        path: Some("/".into()),
        count: 1,
        ..Probe::default()
    };
    let report = evaluate(&[source], &LoadOptions { mesh }, &[probe]).expect("evaluates");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let result = report.results.into_iter().next().expect("one result");
    assert_eq!(result.verdict, Verdict::Allowed, "{:#?}", result.hops);
    result
}

fn pod(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: demo, labels: {{app: {name}}}}}\nspec: {{serviceAccountName: {name}, containers: [{{name: c, ports: [{{containerPort: 80}}]}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: demo}}\nspec: {{selector: {{app: {name}}}, ports: [{{port: 80}}]}}\n---\n"
    )
}

fn namespace(labels: &str) -> String {
    format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: demo, labels: {labels}}}\n---\n")
}

fn cluster(labels: &str, extra: &str) -> String {
    format!("{}{}{}{extra}", namespace(labels), pod("sleep"), pod("web"))
}

/// The proxies the trace names, in order.
fn proxies(result: &ProbeResult) -> Vec<ProxyHop> {
    result.hops.iter().filter_map(|h| h.proxy.clone()).collect()
}

fn proxy(kind: ProxyKind, instance: &str, leg: Option<Leg>) -> ProxyHop {
    ProxyHop::new(kind, instance, leg)
}

/// The words of a proxy hop still name the instance its data gives (for people reading the
/// trace), and every hop whose words name a proxy instance carries the data.
fn words_agree(hops: &[Hop]) {
    for h in hops {
        match &h.proxy {
            Some(p) => assert!(h.component.contains(&p.instance), "{h:?}"),
            None => {
                let names_a_proxy = ["istio-proxy ", "linkerd-proxy ", "ztunnel ", "waypoint "]
                    .iter()
                    .any(|w| h.component.starts_with(w))
                    || h.component.starts_with("cilium node Envoy (");
                assert!(!names_a_proxy, "a proxy hop without its data: {h:?}");
            }
        }
    }
}

#[test]
fn sidecars_are_named_on_both_legs() {
    for (mesh, kind) in [
        (Profile::Linkerd, ProxyKind::LinkerdProxy),
        (Profile::IstioSidecar, ProxyKind::IstioSidecar),
    ] {
        let result = run(&cluster("{}", ""), Some(mesh));
        assert_eq!(
            proxies(&result),
            [
                proxy(kind, "demo/sleep", Some(Leg::Outbound)),
                proxy(kind, "demo/web", Some(Leg::Inbound)),
            ],
            "{mesh:?}: {:#?}",
            result.hops
        );
        words_agree(&result.hops);
    }
}

#[test]
fn ztunnel_is_named_by_node_on_both_legs_and_a_waypoint_by_name() {
    let ambient = "{istio.io/dataplane-mode: ambient}";
    let result = run(&cluster(ambient, ""), None);
    let node = "node-1";
    assert_eq!(
        proxies(&result),
        [
            proxy(ProxyKind::Ztunnel, node, Some(Leg::Outbound)),
            proxy(ProxyKind::Ztunnel, node, Some(Leg::Inbound)),
        ],
        "{:#?}",
        result.hops
    );
    words_agree(&result.hops);

    let waypoint = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: waypoint, namespace: demo}\nspec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}\n";
    let with = "{istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}";
    let result = run(&cluster(with, waypoint), None);
    assert_eq!(
        proxies(&result),
        [
            proxy(ProxyKind::Ztunnel, node, Some(Leg::Outbound)),
            proxy(ProxyKind::Waypoint, "demo/waypoint", None),
            proxy(ProxyKind::Ztunnel, node, Some(Leg::Inbound)),
        ],
        "{:#?}",
        result.hops
    );
    words_agree(&result.hops);
}

#[test]
fn cilium_node_envoy_is_named_by_node() {
    let l7 = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: l7, namespace: demo}\nspec:\n  endpointSelector: {matchLabels: {app: web}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {app: sleep}}]\n    toPorts: [{ports: [{port: \"80\", protocol: TCP}], rules: {http: [{method: GET, path: \"/.*\"}]}}]\n";
    let result = run(&cluster("{}", l7), Some(Profile::Cilium));
    assert_eq!(
        proxies(&result),
        [proxy(ProxyKind::CiliumEnvoy, "node-1", None)],
        "{:#?}",
        result.hops
    );
    words_agree(&result.hops);
}

/// `sim probe --format json` keeps every field it had; a proxy hop gains `proxy`, and other
/// hops have no such key.
#[test]
fn the_json_of_a_hop_gains_its_proxy_and_nothing_else_changes() {
    let result = run(&cluster("{}", ""), Some(Profile::Linkerd));
    let json = serde_json::to_value(&result).unwrap();
    let hops = json["hops"].as_array().unwrap();
    let keys =
        |h: &serde_json::Value| -> Vec<String> { h.as_object().unwrap().keys().cloned().collect() };
    let old = ["component", "decision", "encrypted", "identity", "reason"];
    let inbound = hops
        .iter()
        .find(|h| h["proxy"]["leg"] == "inbound")
        .expect("the server's proxy");
    assert_eq!(
        inbound["proxy"],
        serde_json::json!({"kind": "linkerd-proxy", "instance": "demo/web", "leg": "inbound"})
    );
    for h in hops {
        let mut want: Vec<String> = old.iter().map(|k| k.to_string()).collect();
        if h.get("proxy").is_some() {
            want.push("proxy".into());
        }
        let mut got = keys(h);
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }
    assert!(hops.iter().any(|h| h.get("proxy").is_none()));
}
