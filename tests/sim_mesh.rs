//! Mesh behaviours beyond the oracle sample (MESH-NOTES.md), through the same entry point as
//! `meshlab sim probe`: Cilium L4 rules shadowing L7 rules, audit mode, toFQDNs needing the DNS
//! proxy; Istio REGISTRY_ONLY, HTTP-only ALLOW rules on TCP, port-level mTLS, VirtualService
//! retries; Linkerd EgressNetwork and MeshTLSAuthentication; ambient routes only at waypoints.

use meshlab::sim::eval::outcome::{Outcome, ProbeResult, Verdict};
use meshlab::sim::eval::probe::Probe;
use meshlab::sim::load::{LoadOptions, Source};
use meshlab::sim::model::mesh::Profile;
use meshlab::sim::scenario::probes::evaluate;

fn run(yaml: &str, mesh: Option<Profile>, probes: &[Probe]) -> Vec<ProbeResult> {
    let source = Source {
        name: "m.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    let report = evaluate(&[source], &LoadOptions { mesh }, probes).expect("evaluates");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    report.results
}

fn http(from: &str, to: &str, method: &str) -> Probe {
    Probe {
        from: from.into(),
        to: to.into(),
        method: Some(method.into()),
        path: Some("/".into()),
        count: 1,
        ..Probe::default()
    }
}

fn tcp(from: &str, to: &str) -> Probe {
    Probe {
        from: from.into(),
        to: to.into(),
        count: 1,
        ..Probe::default()
    }
}

fn pod(ns: &str, name: &str, labels: &str, port: u16) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: {ns}, labels: {labels}}}\nspec: {{serviceAccountName: {name}, containers: [{{name: c, ports: [{{containerPort: {port}}}]}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{selector: {labels}, ports: [{{port: {port}}}]}}\n---\n"
    )
}

const L7: &str = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: l7, namespace: default}\nspec:\n  endpointSelector: {matchLabels: {app: server}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {app: client}}]\n    toPorts: [{ports: [{port: \"80\", protocol: TCP}], rules: {http: [{method: GET, path: \"/.*\"}]}}]\n";

#[test]
fn cilium_l4_allow_shadows_l7_rules() {
    let base = format!(
        "{}{}{L7}",
        pod("default", "client", "{app: client}", 80),
        pod("default", "server", "{app: server}", 80)
    );
    let only_l7 = run(
        &base,
        Some(Profile::Cilium),
        &[
            http("default/client", "server", "PUT"),
            http("default/client", "server", "GET"),
        ],
    );
    assert_eq!(only_l7[0].status, Some(403), "{:?}", only_l7[0].hops);
    assert_eq!(only_l7[1].status, Some(200));
    let shadow = format!(
        "{base}---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {{name: l4, namespace: default}}\nspec:\n  endpointSelector: {{matchLabels: {{app: server}}}}\n  ingress:\n  - fromEndpoints: [{{matchLabels: {{app: client}}}}]\n    toPorts: [{{ports: [{{port: \"80\", protocol: TCP}}]}}]\n"
    );
    let r = run(
        &shadow,
        Some(Profile::Cilium),
        &[http("default/client", "server", "PUT")],
    );
    assert_eq!(
        r[0].status,
        Some(200),
        "the L4-only rule makes the L7 rule ineffective"
    );
}

#[test]
fn cilium_audit_mode_reports_instead_of_dropping() {
    let deny = format!(
        "{}{}{L7}",
        pod("default", "client", "{app: other}", 80),
        pod("default", "server", "{app: server}", 80)
    );
    let enforced = run(
        &deny,
        Some(Profile::Cilium),
        &[tcp("default/client", "server")],
    );
    assert_eq!(enforced[0].outcome, Outcome::Timeout);
    let audit = format!(
        "{deny}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cilium-config, namespace: kube-system}}\ndata: {{policy-audit-mode: \"true\"}}\n"
    );
    let r = run(&audit, None, &[tcp("default/client", "server")]);
    assert_eq!(r[0].verdict, Verdict::Allowed);
    assert!(
        r[0].hops.iter().any(|h| h.reason.contains("AUDITED")),
        "{:?}",
        r[0].hops
    );
}

#[test]
fn cilium_to_fqdns_needs_the_dns_proxy() {
    let fqdn_only = format!(
        "{}apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {{name: fqdn, namespace: default}}\nspec:\n  endpointSelector: {{matchLabels: {{app: bot}}}}\n  egress:\n  - toFQDNs: [{{matchName: api.github.com}}]\n",
        pod("default", "bot", "{app: bot}", 80)
    );
    let without_dns = run(
        &fqdn_only,
        Some(Profile::Cilium),
        &[http("default/bot", "api.github.com:443", "GET")],
    );
    assert_eq!(
        without_dns[0].outcome,
        Outcome::Timeout,
        "no DNS rule: the name's IPs are never learned"
    );
    let with_dns = format!(
        "{fqdn_only}  - toEndpoints: [{{matchLabels: {{\"k8s:io.kubernetes.pod.namespace\": kube-system}}}}]\n    toPorts: [{{ports: [{{port: \"53\", protocol: ANY}}], rules: {{dns: [{{matchPattern: \"*\"}}]}}}}]\n"
    );
    let r = run(
        &with_dns,
        Some(Profile::Cilium),
        &[
            http("default/bot", "api.github.com:443", "GET"),
            http("default/bot", "support.github.com:443", "GET"),
        ],
    );
    assert_eq!(r[0].status, Some(200));
    assert_eq!(r[1].outcome, Outcome::Timeout);
}

const ISTIO_NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata: {name: foo, labels: {istio-injection: enabled}}\n---\n";

#[test]
fn istio_registry_only_blackholes_unknown_hosts() {
    let base = format!(
        "{ISTIO_NS}{}apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: istio, namespace: istio-system}}\ndata:\n  mesh: |\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY\n",
        pod("foo", "sleep", "{app: sleep}", 80)
    );
    let r = run(
        &base,
        None,
        &[
            http("foo/sleep", "www.example.com:80", "GET"),
            tcp("foo/sleep", "www.example.com:443"),
        ],
    );
    assert_eq!(r[0].status, Some(502));
    assert_eq!(r[1].outcome, Outcome::Reset);
    let with_entry = format!(
        "{base}---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {{name: ex, namespace: foo}}\nspec: {{hosts: [www.example.com], ports: [{{number: 80, name: http, protocol: HTTP}}], location: MESH_EXTERNAL}}\n"
    );
    let r = run(
        &with_entry,
        None,
        &[http("foo/sleep", "www.example.com:80", "GET")],
    );
    assert_eq!(r[0].status, Some(200));
}

#[test]
fn istio_http_only_allow_rule_on_tcp_denies() {
    let yaml = format!(
        "{ISTIO_NS}{}{}apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {{name: get-only, namespace: foo}}\nspec:\n  selector: {{matchLabels: {{app: tcp-echo}}}}\n  action: ALLOW\n  rules: [{{to: [{{operation: {{methods: [GET]}}}}]}}]\n",
        pod("foo", "sleep", "{app: sleep}", 80),
        pod("foo", "tcp-echo", "{app: tcp-echo}", 9000)
    );
    let r = run(
        &yaml,
        None,
        &[
            tcp("foo/sleep", "tcp-echo:9000"),
            http("foo/sleep", "tcp-echo:9000", "GET"),
        ],
    );
    assert_eq!(
        r[0].outcome,
        Outcome::Reset,
        "ALLOW rule with HTTP fields is ignored on TCP"
    );
    assert_eq!(r[1].status, Some(200));
    assert_eq!(
        r[1].client_identity.as_deref(),
        Some("spiffe://cluster.local/ns/foo/sa/sleep")
    );
}

#[test]
fn istio_port_level_mtls_and_virtual_service_retries() {
    let yaml = format!(
        "{ISTIO_NS}apiVersion: v1\nkind: Namespace\nmetadata: {{name: legacy}}\n---\n{}{}apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {{name: web, namespace: foo}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  mtls: {{mode: STRICT}}\n  portLevelMtls: {{\"8080\": {{mode: PERMISSIVE}}}}\n",
        pod("legacy", "curl", "{app: curl}", 80),
        pod("foo", "web", "{app: web}", 80)
    );
    let mut to_8080 = http("legacy/curl", "foo/web", "GET");
    to_8080.port = Some(8080);
    let r = run(
        &yaml,
        None,
        &[http("legacy/curl", "foo/web", "GET"), to_8080],
    );
    assert_eq!(r[0].outcome, Outcome::Reset, "STRICT on port 80");
    assert_eq!(r[1].status, Some(200), "PERMISSIVE on port 8080");
    let failing = format!(
        "{ISTIO_NS}{}apiVersion: v1\nkind: Pod\nmetadata: {{name: api, namespace: foo, labels: {{app: api}}, annotations: {{sim.meshlab.io/response-status: \"503\"}}}}\nspec: {{containers: [{{name: c}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: api, namespace: foo}}\nspec: {{selector: {{app: api}}, ports: [{{port: 80}}]}}\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {{name: api, namespace: foo}}\nspec:\n  hosts: [api]\n  http: [{{route: [{{destination: {{host: api}}}}], retries: {{attempts: 3, retryOn: 5xx}}}}]\n",
        pod("foo", "sleep", "{app: sleep}", 80)
    );
    let r = run(&failing, None, &[http("foo/sleep", "api", "GET")]);
    assert_eq!(
        (r[0].status, r[0].tries),
        (Some(503), 4),
        "3 retries = 4 tries"
    );
}

const LINKERD_NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata: {name: books, annotations: {linkerd.io/inject: enabled}}\n---\n";

#[test]
fn linkerd_egress_network_and_mesh_tls_authentication() {
    let egress = format!(
        "{LINKERD_NS}{}apiVersion: policy.linkerd.io/v1alpha1\nkind: EgressNetwork\nmetadata: {{name: all-egress, namespace: books}}\nspec: {{trafficPolicy: Deny}}\n",
        pod("books", "web", "{app: web}", 80)
    );
    let r = run(
        &egress,
        None,
        &[
            http("books/web", "api.example.com:80", "GET"),
            tcp("books/web", "203.0.113.5"),
        ],
    );
    assert_eq!(r[0].status, Some(403));
    // A denied TCP connection is accepted, then closed (linkerd.io managing-egress-traffic:
    // `tcp-egress-deny`, `tls-egress-deny`: "the proxy eagerly closing the connection").
    assert_eq!(r[1].outcome, Outcome::Reset);
    let authz = format!(
        "{LINKERD_NS}{}{}{}apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {{name: authors, namespace: books}}\nspec: {{podSelector: {{matchLabels: {{app: authors}}}}, port: 7001, proxyProtocol: HTTP/1}}\n---\napiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: {{name: web-only, namespace: books}}\nspec: {{identityRefs: [{{kind: ServiceAccount, name: web}}]}}\n---\napiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {{name: authors-web, namespace: books}}\nspec:\n  targetRef: {{group: policy.linkerd.io, kind: Server, name: authors}}\n  requiredAuthenticationRefs: [{{group: policy.linkerd.io, kind: MeshTLSAuthentication, name: web-only}}]\n",
        pod("books", "web", "{app: web}", 80),
        pod("books", "other", "{app: other}", 80),
        pod("books", "authors", "{app: authors}", 7001)
    );
    let r = run(
        &authz,
        None,
        &[
            http("books/web", "authors:7001", "GET"),
            http("books/other", "authors:7001", "GET"),
        ],
    );
    assert_eq!(r[0].status, Some(200));
    assert_eq!(
        r[0].decided_by,
        vec!["AuthorizationPolicy books/authors-web".to_owned()]
    );
    assert_eq!(r[1].status, Some(403));
    assert_eq!(
        r[1].client_identity.as_deref(),
        Some("other.books.serviceaccount.identity.linkerd.cluster.local")
    );
}

#[test]
fn ambient_routes_apply_only_at_a_waypoint() {
    let route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: only-v2, namespace: demo}\nspec:\n  parentRefs: [{group: \"\", kind: Service, name: web, port: 80}]\n  rules: [{matches: [{path: {type: PathPrefix, value: /v2}}], backendRefs: [{name: web, port: 80}]}]\n";
    let ns = |labels: &str| {
        format!(
            "apiVersion: v1\nkind: Namespace\nmetadata: {{name: demo, labels: {labels}}}\n---\n"
        )
    };
    let pods = format!(
        "{}{}",
        pod("demo", "sleep", "{app: sleep}", 80),
        pod("demo", "web", "{app: web}", 80)
    );
    let without = run(
        &format!("{}{pods}{route}", ns("{istio.io/dataplane-mode: ambient}")),
        None,
        &[http("demo/sleep", "web", "GET")],
    );
    assert_eq!(
        (without[0].status, without[0].route.clone()),
        (Some(200), None),
        "no waypoint: no L7 routing"
    );
    let waypoint = "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: waypoint, namespace: demo}\nspec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}\n";
    let with = run(
        &format!(
            "{}{pods}{route}{waypoint}",
            ns("{istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}")
        ),
        None,
        &[http("demo/sleep", "web", "GET")],
    );
    assert_eq!(
        with[0].status,
        Some(404),
        "the waypoint applies the route: / does not match"
    );
}

/// A meshed pod with an HTTP readiness probe on GET /ready, port 7001, behind a Service.
fn probed_pod(ns: &str, name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: {ns}, labels: {{app: {name}}}}}\nspec: {{serviceAccountName: {name}, nodeName: node-a, containers: [{{name: c, ports: [{{name: service, containerPort: 7001}}], readinessProbe: {{httpGet: {{path: /ready, port: 7001}}}}}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{selector: {{app: {name}}}, ports: [{{port: 7001}}]}}\n---\n"
    )
}

const NODE: &str = "apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n---\n";

/// linkerd.io features/server-policy.md "Default authorizations": probes are authorized when no
/// Server exists for the port, or a Server has no HTTPRoute; not once an HTTPRoute exists
/// (linkerd2 policy-controller inbound/index.rs `default_inbound_http_routes`).
#[test]
fn linkerd_kubelet_probes_are_authorized_until_the_server_has_routes() {
    let deny_ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: books, annotations: {linkerd.io/inject: enabled, config.linkerd.io/default-inbound-policy: deny}}\n---\n";
    let base = format!("{deny_ns}{NODE}{}", probed_pod("books", "authors"));
    let kubelet = |path: &str| {
        let mut p = http("node:node-a", "books/authors", "GET").with_path(path);
        p.port = Some(7001);
        p
    };
    let r = run(&base, None, &[kubelet("/ready"), kubelet("/authors.json")]);
    assert_eq!(r[0].status, Some(200), "probe under default deny: {r:?}");
    assert_eq!(r[0].decided_by, vec!["default/probe".to_owned()]);
    assert_eq!((r[1].verdict, r[1].status), (Verdict::Denied, Some(403)));
    // A Server without routes keeps the probe route.
    let server = "apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: authors, namespace: books}\nspec: {podSelector: {matchLabels: {app: authors}}, port: service}\n---\n";
    let r = run(&format!("{base}{server}"), None, &[kubelet("/ready")]);
    assert_eq!(r[0].status, Some(200), "{r:?}");
    // An HTTPRoute on the Server replaces the default routes: the probe is no longer
    // authorized (403), or matches no route at all (404).
    let route = "apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: all, namespace: books}\nspec:\n  parentRefs: [{name: authors, kind: Server, group: policy.linkerd.io}]\n  rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]\n---\n";
    let r = run(
        &format!("{base}{server}{route}"),
        None,
        &[kubelet("/ready")],
    );
    assert_eq!((r[0].verdict, r[0].status), (Verdict::Denied, Some(403)));
    let get_only = "apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: get, namespace: books}\nspec:\n  parentRefs: [{name: authors, kind: Server, group: policy.linkerd.io}]\n  rules: [{matches: [{path: {value: /authors.json}}]}]\n---\n";
    let r = run(
        &format!("{base}{server}{get_only}"),
        None,
        &[kubelet("/ready")],
    );
    assert_eq!(r[0].status, Some(404));
    // An opaque Server gets no HTTP routes, so no probe route: refused at TCP level (LKD-09).
    let opaque = server.replace("port: service}", "port: service, proxyProtocol: opaque}");
    let r = run(&format!("{base}{opaque}"), None, &[kubelet("/ready")]);
    assert_eq!(
        (r[0].verdict, r[0].outcome),
        (Verdict::Denied, Outcome::Refused)
    );
}

/// authorization-policy.md "Default policies": the install value `proxy.defaultInboundPolicy`
/// (kept in linkerd/linkerd-config), overridden by the namespace's or pod's annotation.
#[test]
fn linkerd_default_inbound_policy_levels() {
    let config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: linkerd-config, namespace: linkerd}\ndata:\n  values: |\n    proxy:\n      defaultInboundPolicy: all-authenticated\n---\n";
    let legacy = "apiVersion: v1\nkind: Namespace\nmetadata: {name: legacy}\n---\n";
    let base = format!(
        "{LINKERD_NS}{legacy}{}{}",
        pod("books", "authors", "{app: authors}", 7001),
        pod("legacy", "curl", "{app: curl}", 80)
    );
    let probes = [http("legacy/curl", "authors.books:7001", "GET")];
    let r = run(&base, None, &probes);
    assert_eq!(r[0].status, Some(200), "all-unauthenticated by default");
    let r = run(&format!("{config}{base}"), None, &probes);
    assert_eq!((r[0].verdict, r[0].status), (Verdict::Denied, Some(403)));
    assert_eq!(
        r[0].decided_by,
        vec!["default policy all-authenticated".to_owned()]
    );
    // The pod's annotation beats the cluster's value.
    let annotated = base.replace(
        "metadata: {name: authors, namespace: books, labels: {app: authors}}",
        "metadata: {name: authors, namespace: books, labels: {app: authors}, annotations: {config.linkerd.io/default-inbound-policy: all-unauthenticated}}",
    );
    assert_ne!(annotated, base);
    let r = run(&format!("{config}{annotated}"), None, &probes);
    assert_eq!(r[0].status, Some(200));
    // An opaque port is not HTTP to the proxy: the denial is at TCP level, not 403.
    let opaque = base.replace(
        "metadata: {name: authors, namespace: books, labels: {app: authors}}",
        "metadata: {name: authors, namespace: books, labels: {app: authors}, annotations: {config.linkerd.io/opaque-ports: \"7001\"}}",
    );
    let r = run(&format!("{config}{opaque}"), None, &probes);
    assert_eq!(
        (r[0].verdict, r[0].outcome, r[0].status),
        (Verdict::Denied, Outcome::Refused, None)
    );
}

/// linkerd.io tasks/managing-egress-traffic.md: an HTTPRoute on the EgressNetwork lets `/get`
/// out, other HTTP gets 403 (`http-egress-deny`), HTTPS is closed after the ClientHello.
#[test]
fn linkerd_egress_routes_and_denial_shapes() {
    let egress = format!(
        "{LINKERD_NS}{}apiVersion: policy.linkerd.io/v1alpha1\nkind: EgressNetwork\nmetadata: {{name: all-egress, namespace: books}}\nspec: {{trafficPolicy: Deny}}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: httpbin-get, namespace: books}}\nspec:\n  parentRefs: [{{name: all-egress, kind: EgressNetwork, group: policy.linkerd.io, namespace: books, port: 80}}]\n  rules: [{{matches: [{{path: {{value: /get}}}}]}}]\n",
        pod("books", "web", "{app: web}", 80)
    );
    let r = run(
        &egress,
        None,
        &[
            http("books/web", "httpbin.org:80", "GET").with_path("/get"),
            http("books/web", "httpbin.org:80", "GET").with_path("/post"),
            tcp("books/web", "httpbin.org:443"),
            tcp("books/web", "httpbin.org:22"),
        ],
    );
    assert_eq!((r[0].verdict, r[0].status), (Verdict::Allowed, Some(200)));
    assert_eq!(
        r[0].decided_by,
        vec!["HTTPRoute books/httpbin-get".to_owned()]
    );
    assert_eq!((r[1].verdict, r[1].status), (Verdict::Denied, Some(403)));
    assert_eq!(
        r[1].decided_by,
        vec!["EgressNetwork books/all-egress".to_owned()]
    );
    assert_eq!(
        (r[2].verdict, r[2].outcome),
        (Verdict::Denied, Outcome::Reset)
    );
    assert!(
        r[2].hops
            .iter()
            .any(|h| h.reason.contains("tls-egress-deny") && h.reason.contains("curl: (35)")),
        "{:?}",
        r[2].hops
    );
    assert!(
        r[3].hops
            .iter()
            .any(|h| h.reason.contains("tcp-egress-deny"))
    );
}

/// reference/authorization-policy.md#serverauthorization; networks default to the cluster
/// networks (linkerd2 policy-controller/grpc/src/inbound.rs).
#[test]
fn linkerd_server_authorization() {
    let objects = format!(
        "{LINKERD_NS}{}{}apiVersion: policy.linkerd.io/v1beta1\nkind: Server\nmetadata: {{name: authors, namespace: books, labels: {{tier: api}}}}\nspec: {{podSelector: {{matchLabels: {{app: authors}}}}, port: 7001, proxyProtocol: HTTP/1}}\n---\napiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {{name: web, namespace: books}}\nspec:\n  server: {{selector: {{matchLabels: {{tier: api}}}}}}\n  client: {{meshTLS: {{serviceAccounts: [{{name: web}}]}}}}\n---\napiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {{name: plain, namespace: books}}\nspec:\n  server: {{name: authors}}\n  client: {{unauthenticated: true}}\n",
        pod("books", "web", "{app: web}", 80),
        pod("books", "authors", "{app: authors}", 7001)
    );
    let r = run(
        &objects,
        None,
        &[
            http("books/web", "authors:7001", "GET"),
            Probe {
                port: Some(7001),
                ..http("external", "books/authors", "GET")
            },
        ],
    );
    assert_eq!(
        r[0].decided_by,
        vec!["ServerAuthorization books/web".to_owned()]
    );
    assert!(r[0].encrypted);
    assert_eq!(
        (r[1].verdict, r[1].status),
        (Verdict::Denied, Some(403)),
        "outside the cluster networks"
    );
    // The admission webhook refuses an authorization that names no client.
    let bad = "apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {name: nobody, namespace: books}\nspec: {server: {name: authors}, client: {meshTLS: {}}}\n";
    let report = evaluate(
        &[Source {
            name: "m.yaml".into(),
            bytes: format!("{LINKERD_NS}{bad}").into_bytes(),
        }],
        &LoadOptions { mesh: None },
        &[],
    )
    .expect("evaluates");
    assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
}

trait WithPath {
    fn with_path(self, path: &str) -> Self;
}

impl WithPath for Probe {
    fn with_path(mut self, path: &str) -> Self {
        self.path = Some(path.into());
        self
    }
}

/// A pod answering `status` to every request, behind Service `name` on port 7001.
fn answering(ns: &str, name: &str, status: u16) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: {ns}, labels: {{app: {name}}}, annotations: {{sim.meshlab.io/response-status: \"{status}\"}}}}\nspec: {{serviceAccountName: {name}, containers: [{{name: c, ports: [{{containerPort: 7001}}]}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{selector: {{app: {name}}}, ports: [{{port: 7001}}]}}\n---\n"
    )
}

const AUTHORS_PROFILE: &str = "apiVersion: linkerd.io/v1alpha2\nkind: ServiceProfile\nmetadata: {name: authors.books.svc.cluster.local, namespace: books}\nspec:\n  routes:\n  - {name: 'HEAD /authors/{id}.json', condition: {method: HEAD, pathRegex: '/authors/\\d+\\.json'}, isRetryable: true}\n  - {name: 'GET /authors.json', condition: {all: [{method: GET}, {pathRegex: /authors\\.json}]}, timeout: 25ms}\n  - name: POST /authors.json\n    condition: {method: POST, pathRegex: /authors\\.json}\n    isRetryable: true\n    responseClasses: [{condition: {status: {min: 500, max: 599}}, isFailure: false}]\n";

/// reference/service-profiles.md; tasks/configuring-retries.md "By default, retries may add at
/// most an additional 20% to the request load (plus an additional 10 "free" retries per
/// second)"; the proxy retries a retryable route's failures while the budget lasts, with no
/// count per request (linkerd2-proxy outbound/src/http/retry.rs over tower's TpsBudget, whose
/// reserve is minRetriesPerSecond × ttl).
#[test]
fn linkerd_service_profile_routes_retries_and_budget() {
    let base = format!(
        "{LINKERD_NS}{}{}{AUTHORS_PROFILE}",
        pod("books", "books", "{app: books}", 80),
        answering("books", "authors", 503)
    );
    let head = |path: &str, count: u32| Probe {
        count,
        ..http("books/books", "authors:7001", "HEAD").with_path(path)
    };
    let r = run(
        &base,
        None,
        &[head("/authors/1.json", 1), head("/authors/1.json", 3)],
    );
    assert_eq!(r[0].tries, 101, "the whole reserve: 10/s × 10 s");
    assert!(r[0].hops.iter().any(|h| {
        h.reason
            .contains("route HEAD /authors/{id}.json: retryable")
    }));
    assert_eq!(
        r[1].retries, 100,
        "three requests share one budget: {:?}",
        r[1]
    );
    // The path regex is anchored; another path matches no route: no retries.
    let r = run(&base, None, &[head("/authors/1.json/x", 1)]);
    assert_eq!(r[0].tries, 1);
    assert!(
        r[0].hops
            .iter()
            .any(|h| h.reason.contains("no route matches"))
    );
    // A smaller budget; a route whose response class says a 5xx is no failure.
    let small = base.replace(
        "spec:\n  routes:",
        "spec:\n  retryBudget: {retryRatio: 0.2, minRetriesPerSecond: 2, ttl: 5s}\n  routes:",
    );
    let post = http("books/books", "authors:7001", "POST").with_path("/authors.json");
    let r = run(&small, None, &[head("/authors/7.json", 1), post]);
    assert_eq!(r[0].tries, 11);
    assert_eq!((r[1].tries, r[1].status), (1, Some(503)));
    // The route timeout: the proxy answers 504.
    let slow = Probe {
        delay_ms: 100,
        ..http("books/books", "authors:7001", "GET").with_path("/authors.json")
    };
    let r = run(&base, None, &[slow]);
    assert_eq!((r[0].verdict, r[0].status), (Verdict::Failed, Some(504)));
    // A healthy backend: no retries.
    let ok = base.replace("response-status: \"503\"", "response-status: \"200\"");
    let r = run(&ok, None, &[head("/authors/1.json", 5)]);
    assert_eq!((r[0].tries, r[0].retries), (1, 0));
}

/// reference/httproute.md: "a ServiceProfile will take precedence over HTTPRoutes which
/// configure the same Service"; reference/retries.md: retry annotations are then ignored.
#[test]
fn linkerd_service_profile_takes_precedence_over_routes() {
    let route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: authors, namespace: books, annotations: {retry.linkerd.io/http: 5xx, retry.linkerd.io/limit: \"3\"}}\nspec:\n  parentRefs: [{name: authors, kind: Service, group: core, port: 7001}]\n  rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]\n---\n";
    let base = format!(
        "{LINKERD_NS}{}{}{route}",
        pod("books", "books", "{app: books}", 80),
        answering("books", "authors", 503)
    );
    let get = http("books/books", "authors:7001", "GET").with_path("/authors.json");
    let r = run(&base, None, std::slice::from_ref(&get));
    assert_eq!(r[0].tries, 4, "the route's annotation: 3 retries");
    let r = run(&format!("{base}---\n{AUTHORS_PROFILE}"), None, &[get]);
    assert_eq!(r[0].tries, 1, "the profile's route is not retryable");
}

/// linkerd.io tasks/configuring-rate-limiting.md: with `identity.requestsPerSecond: 4`, ten
/// concurrent requests give "200 200 200 429 429 429 429 200 429 429" (4 allowed); an override
/// of 6 for the client's ServiceAccount lets 6 through. Under a steady load the limit is a
/// rate (features/rate-limiting.md: GCRA, tolerance one second).
#[test]
fn linkerd_local_rate_limits() {
    use meshlab::sim::load;
    use meshlab::sim::scenario::faulty::Faulty;
    let server = "apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: web-http, namespace: books}\nspec: {podSelector: {matchLabels: {app: web}}, port: 80, accessPolicy: all-unauthenticated}\n---\n";
    let limit = "apiVersion: policy.linkerd.io/v1alpha1\nkind: HTTPLocalRateLimitPolicy\nmetadata: {name: web-http, namespace: books}\nspec:\n  targetRef: {group: policy.linkerd.io, kind: Server, name: web-http}\n  identity: {requestsPerSecond: 4}\n";
    let base = format!(
        "{LINKERD_NS}{}{}{server}{limit}",
        pod("books", "web", "{app: web}", 80),
        pod("books", "client", "{app: client}", 80)
    );
    let burst = Probe {
        count: 10,
        ..http("books/client", "web:80", "GET")
    };
    let r = run(&base, None, std::slice::from_ref(&burst));
    assert_eq!(r[0].counts.get("status:429"), Some(&6), "{:?}", r[0].counts);
    assert_eq!(r[0].status, Some(200), "the first request passes");
    let over = format!(
        "{base}  overrides:\n  - requestsPerSecond: 6\n    clientRefs: [{{kind: ServiceAccount, name: client}}]\n"
    );
    let r = run(&over, None, std::slice::from_ref(&burst));
    assert_eq!(r[0].counts.get("status:429"), Some(&4), "{:?}", r[0].counts);
    // 100 requests at 10 a second: 4 of every 10 pass.
    let sources = [Source {
        name: "m.yaml".into(),
        bytes: base.into_bytes(),
    }];
    let cluster = load::load(&sources, &LoadOptions { mesh: None }).unwrap();
    let steady = Probe {
        count: 100,
        ..http("books/client", "web:80", "GET")
    };
    let r = Faulty::new(cluster, vec![])
        .probe_paced(&steady, 10.0)
        .unwrap();
    let limited = r.counts.get("status:429").copied().unwrap_or(0);
    assert!((55..=60).contains(&limited), "{:?}", r.counts);
    let denied = r.hops.iter().any(|h| h.reason.contains("rate limit"));
    assert!(!denied, "the first request passes: {:?}", r.hops);
}

/// A ServiceProfile's budget refills over time under a steady load: about minRetriesPerSecond
/// retries a second against an always-failing backend (MESH-NOTES.md §1, LKD-12).
#[test]
fn linkerd_retry_budget_under_load() {
    use meshlab::sim::load;
    use meshlab::sim::scenario::faulty::Faulty;
    let yaml = format!(
        "{LINKERD_NS}{}{}{AUTHORS_PROFILE}",
        pod("books", "books", "{app: books}", 80),
        answering("books", "authors", 503)
    );
    let sources = [Source {
        name: "m.yaml".into(),
        bytes: yaml.into_bytes(),
    }];
    let cluster = load::load(&sources, &LoadOptions { mesh: None }).unwrap();
    let probe = Probe {
        count: 300,
        ..http("books/books", "authors:7001", "HEAD").with_path("/authors/1.json")
    };
    // 300 requests at 10 a second: 30 s, the 10 s reserve (100) then 10 retries a second.
    let r = Faulty::new(cluster, vec![])
        .probe_paced(&probe, 10.0)
        .unwrap();
    assert!((290..=310).contains(&r.retries), "{}", r.retries);
}

/// linkerd.io reference/timeouts.md: `timeout.linkerd.io/request` on an HTTPRoute whose
/// parent is a Service; the client's proxy fails the request once it is exceeded.
#[test]
fn linkerd_route_timeout_annotation() {
    let route = "kind: HTTPRoute\napiVersion: gateway.networking.k8s.io/v1beta1\nmetadata:\n  name: schlep-default\n  namespace: books\n  annotations:\n    timeout.linkerd.io/request: 2s\n    timeout.linkerd.io/response: 1s\nspec:\n  parentRefs: [{name: schlep, kind: Service, group: core, port: 7001}]\n  rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]\n";
    let yaml = format!(
        "{LINKERD_NS}{}{}{route}",
        pod("books", "client", "{app: client}", 80),
        answering("books", "schlep", 200)
    );
    let slow = |ms| Probe {
        delay_ms: ms,
        ..http("books/client", "schlep:7001", "GET")
    };
    let r = run(&yaml, None, &[slow(1500), slow(500)]);
    assert_eq!(
        (r[0].verdict, r[0].status),
        (Verdict::Failed, Some(504)),
        "the 1 s response timeout"
    );
    assert_eq!(r[1].status, Some(200));
}

/// linkerd.io reference/retries.md: "Retries are configured by a set of annotations which can
/// be set on a Kubernetes Service resource or on a HTTPRoute ... If any retry configuration
/// annotations are present on a route resource, they override all retry configuration
/// annotations on the parent Service."
#[test]
fn linkerd_service_annotations_retry_unless_a_route_has_its_own() {
    let annotated = answering("books", "schlep", 503).replace(
        "kind: Service\nmetadata: {name: schlep, namespace: books}",
        "kind: Service\nmetadata: {name: schlep, namespace: books, annotations: {retry.linkerd.io/http: 5xx, retry.linkerd.io/limit: \"2\", timeout.linkerd.io/request: 1s}}",
    );
    let yaml = format!(
        "{LINKERD_NS}{}{annotated}",
        pod("books", "client", "{app: client}", 80)
    );
    let get = |delay_ms| Probe {
        delay_ms,
        ..http("books/client", "schlep:7001", "GET")
    };
    let r = run(&yaml, None, &[get(0), get(1500)]);
    assert_eq!(r[0].tries, 3, "{:?}", r[0].hops);
    assert_eq!(r[1].status, Some(504));
    let route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: schlep, namespace: books, annotations: {retry.linkerd.io/http: 5xx}}\nspec:\n  parentRefs: [{name: schlep, kind: Service, group: core, port: 7001}]\n";
    let r = run(&format!("{yaml}---\n{route}"), None, &[get(0)]);
    assert_eq!(r[0].tries, 2, "the route's default limit of 1");
    // Only a Linkerd client's proxy reads them.
    let plain = yaml.replace("linkerd.io/inject: enabled", "linkerd.io/inject: disabled");
    let r = run(&plain, None, &[get(0)]);
    assert_eq!(r[0].tries, 1);
}

/// linkerd.io tasks/managing-egress-traffic.md: "we can use the other Gateway API route types
/// such as GRPCRoute and TCPRoute to shape traffic that is captured by an EgressNetwork". On a
/// port, GRPCRoutes win over HTTPRoutes, then TLSRoutes (by SNI), then TCPRoutes, which forward
/// any connection opaquely (linkerd2 policy-controller/grpc/src/outbound.rs); what none lets
/// out keeps the trafficPolicy denial; what is not applied is warned.
#[test]
fn linkerd_egress_stream_and_grpc_routes() {
    let parent = |port: u16| {
        format!(
            "  parentRefs: [{{name: all-egress, kind: EgressNetwork, group: policy.linkerd.io, namespace: books, port: {port}}}]\n"
        )
    };
    let out = "  rules: [{backendRefs: [{kind: EgressNetwork, group: policy.linkerd.io, name: all-egress}]}]\n";
    let objects = format!(
        "{LINKERD_NS}{}apiVersion: policy.linkerd.io/v1alpha1\nkind: EgressNetwork\nmetadata: {{name: all-egress, namespace: books}}\nspec: {{trafficPolicy: Deny}}\n---\n\
apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {{name: db-out, namespace: books}}\nspec:\n{}{out}---\n\
apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata: {{name: api-tls, namespace: books}}\nspec:\n  hostnames: [api.example.com]\n{}{out}---\n\
apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {{name: greeter, namespace: books}}\nspec:\n{}  rules: [{{matches: [{{method: {{service: helloworld.Greeter, method: SayHello}}}}]}}]\n---\n\
apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: shadowed, namespace: books}}\nspec:\n{}---\n\
apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: UDPRoute\nmetadata: {{name: dns-out, namespace: books}}\nspec:\n{}{out}",
        pod("books", "web", "{app: web}", 80),
        parent(5432),
        parent(8443),
        parent(50051),
        parent(50051),
        parent(53),
    );
    let grpc = |path: &str| {
        let mut p = http("books/web", "greeter.example.com:50051", "POST").with_path(path);
        p.headers
            .push(("content-type".into(), "application/grpc".into()));
        p
    };
    let source = Source {
        name: "m.yaml".into(),
        bytes: objects.into_bytes(),
    };
    let report = evaluate(
        &[source],
        &LoadOptions { mesh: None },
        &[
            tcp("books/web", "httpbin.org:5432"),
            http("books/web", "httpbin.org:5432", "GET"),
            tcp("books/web", "api.example.com:8443"),
            tcp("books/web", "other.example.com:8443"),
            grpc("/helloworld.Greeter/SayHello"),
            grpc("/helloworld.Greeter/SayGoodbye"),
            tcp("books/web", "httpbin.org:22"),
        ],
    )
    .expect("evaluates");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let r = &report.results;
    let decided = |i: usize| (r[i].verdict, r[i].decided_by.clone());
    let by = |s: &str| vec![s.to_owned()];
    assert_eq!(decided(0), (Verdict::Allowed, by("TCPRoute books/db-out")));
    assert_eq!(decided(1), (Verdict::Allowed, by("TCPRoute books/db-out")));
    assert_eq!(decided(2), (Verdict::Allowed, by("TLSRoute books/api-tls")));
    assert_eq!(
        (r[3].verdict, r[3].outcome),
        (Verdict::Denied, Outcome::Reset)
    );
    assert!(
        r[3].hops
            .iter()
            .any(|h| h.reason.contains("tls-egress-deny")),
        "{:?}",
        r[3].hops
    );
    assert_eq!(
        decided(4),
        (Verdict::Allowed, by("GRPCRoute books/greeter"))
    );
    assert_eq!(
        decided(5),
        (Verdict::Denied, by("EgressNetwork books/all-egress"))
    );
    assert_eq!(
        (r[6].verdict, r[6].outcome),
        (Verdict::Denied, Outcome::Reset)
    );
    let warned = |object: &str, says: &str| {
        report
            .warnings
            .iter()
            .any(|w| w.object == object && w.message.contains(says))
    };
    assert!(
        warned("HTTPRoute books/shadowed", "GRPCRoute routes take the port"),
        "{:?}",
        report.warnings
    );
    assert!(
        warned("UDPRoute books/dns-out", "Linkerd has no UDPRoute"),
        "{:?}",
        report.warnings
    );
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.object == "GRPCRoute books/greeter" || w.object == "TCPRoute books/db-out"),
        "{:?}",
        report.warnings
    );
}
