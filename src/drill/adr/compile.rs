//! A decision compiled to the real manifests of the chosen mesh, loaded on top of the
//! scenario (a same-named object replaces the scenario's). Each generated object cites the
//! upstream rule it relies on.

use std::collections::{BTreeMap, BTreeSet};

use super::decision::{Allow, Decision, Encryption, Mesh, Mtls};
use crate::i18n::Bilingual;
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, TargetPort};

/// The decision as manifests, the load option the mesh needs, and what the learner should
/// know about how it was compiled.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub yaml: String,
    /// Cilium is the CNI of the whole cluster: every pod gets its datapath.
    pub mesh: Option<Profile>,
    pub notes: Vec<Bilingual>,
}

fn note(id: &str, en: &str) -> Bilingual {
    Bilingual {
        id: id.to_string(),
        en: en.to_string(),
    }
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn map(indent: usize, entries: &BTreeMap<String, String>) -> String {
    if entries.is_empty() {
        return " {}\n".to_string();
    }
    let pad = " ".repeat(indent);
    let mut out = String::from("\n");
    for (k, v) in entries {
        out.push_str(&format!("{pad}{}: {}\n", q(k), q(v)));
    }
    out
}

/// What a Service selects: the labels all its endpoints share, less `version` (so the stable
/// Service of a canary keeps its own pods), and its ports with their target on the pod.
struct Svc {
    ns: String,
    name: String,
    selector: BTreeMap<String, String>,
    /// (service port, target port as the pod names it, numeric target, appProtocol is HTTP).
    ports: Vec<(u16, String, u16, bool)>,
}

fn svc(cluster: &Cluster, reference: &str) -> Option<Svc> {
    let (ns, name) = reference.split_once('/')?;
    let s = cluster.services.get(cluster.service(ns, name)?)?;
    let mut selector: Option<BTreeMap<String, String>> = None;
    for pod in s.endpoints.iter().filter_map(|p| cluster.pods.get(*p)) {
        let labels: BTreeMap<String, String> = pod
            .labels
            .iter()
            .filter(|(k, _)| k.as_str() != "version")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        selector = Some(match selector {
            None => labels,
            Some(prev) => prev
                .into_iter()
                .filter(|(k, v)| labels.get(k) == Some(v))
                .collect(),
        });
    }
    let first = s.endpoints.first().and_then(|p| cluster.pods.get(*p));
    let ports = s
        .ports
        .iter()
        .map(|p| {
            let (named, number) = match &p.target {
                TargetPort::Number(n) => (n.to_string(), *n),
                TargetPort::Name(n) => (
                    n.clone(),
                    first
                        .and_then(|pod| pod.named_port(n, p.protocol))
                        .unwrap_or(p.port),
                ),
            };
            let http = p
                .app_protocol
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case("http"));
            (p.port, named, number, http)
        })
        .collect();
    Some(Svc {
        ns: ns.to_string(),
        name: name.to_string(),
        selector: selector.unwrap_or_default(),
        ports,
    })
}

/// The allows into each Service named in some `to`, by Service reference. A canary's Service
/// inherits the allows of the Service it splits, so the canary pods are guarded alike.
fn grants(d: &Decision) -> BTreeMap<String, Vec<Allow>> {
    let mut lists: BTreeMap<String, Vec<Allow>> = BTreeMap::new();
    for a in &d.allow {
        let list = lists.entry(a.to.clone()).or_default();
        if !list.contains(a) {
            list.push(a.clone());
        }
    }
    if let Some(c) = &d.canary
        && let Some((ns, _)) = c.service.split_once('/')
    {
        let inherited = lists.get(&c.service).cloned().unwrap_or_default();
        for backend in [&c.stable, &c.canary] {
            let key = format!("{ns}/{backend}");
            if !inherited.is_empty() && key != c.service {
                let list = lists.entry(key.clone()).or_default();
                for a in &inherited {
                    let a = Allow {
                        to: key.clone(),
                        ..a.clone()
                    };
                    if !list.contains(&a) {
                        list.push(a);
                    }
                }
            }
        }
    }
    lists
}

/// The callers of `grants` allowed on every route.
fn open_callers(grants: &[Allow]) -> BTreeSet<&str> {
    grants
        .iter()
        .filter(|a| !a.route_level())
        .map(|a| a.from.as_str())
        .collect()
}

pub fn compile(d: &Decision, cluster: &Cluster) -> Compiled {
    let mut out = Compiled {
        yaml: String::new(),
        mesh: (d.mesh == Mesh::Cilium).then_some(Profile::Cilium),
        notes: Vec::new(),
    };
    let mut docs: Vec<String> = Vec::new();
    namespaces(d, cluster, &mut docs);
    match d.mesh {
        Mesh::Linkerd => linkerd(d, cluster, &mut docs, &mut out.notes),
        Mesh::IstioSidecar | Mesh::IstioAmbient => istio(d, cluster, &mut docs, &mut out.notes),
        Mesh::Cilium => cilium(d, cluster, &mut docs, &mut out.notes),
    }
    canary_and_retries(d, cluster, &mut docs, &mut out.notes);
    egress(d, cluster, &mut docs, &mut out.notes);
    out.yaml = docs.join("---\n");
    out
}

/// Enrollment by the real namespace labels and annotations (the scenario's own are kept).
fn namespaces(d: &Decision, cluster: &Cluster, docs: &mut Vec<String>) {
    let mut names: BTreeSet<&String> = d.scope.iter().collect();
    if d.mesh == Mesh::IstioAmbient {
        names.extend(&d.waypoints);
    }
    for ns in names {
        let Some(n) = cluster
            .namespace(ns)
            .and_then(|i| cluster.namespaces.get(i))
        else {
            continue;
        };
        let mut labels: BTreeMap<String, String> = n
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut annotations: BTreeMap<String, String> = n
            .annotations
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let in_scope = d.scope.contains(ns);
        let comment = match d.mesh {
            // linkerd.io proxy-injection: the `linkerd.io/inject: enabled` annotation on a
            // namespace injects the proxy into its pods; `config.linkerd.io/default-inbound-policy`
            // sets the policy for ports without a Server (reference/authorization-policy).
            Mesh::Linkerd if in_scope => {
                annotations.insert("linkerd.io/inject".into(), "enabled".into());
                if d.mtls == Some(Mtls::Strict) {
                    annotations.insert(
                        "config.linkerd.io/default-inbound-policy".into(),
                        "all-authenticated".into(),
                    );
                }
                "# Linkerd: inject proxies; all-authenticated refuses plaintext clients.\n"
            }
            // istio.io sidecar-injection: `istio-injection=enabled` on the namespace.
            Mesh::IstioSidecar if in_scope => {
                labels.insert("istio-injection".into(), "enabled".into());
                "# Istio sidecar injection (istio-injection=enabled).\n"
            }
            // istio.io ambient/usage/add-workloads: `istio.io/dataplane-mode=ambient`;
            // ambient/usage/waypoint: `istio.io/use-waypoint` sends the namespace's Service
            // traffic through the named waypoint.
            Mesh::IstioAmbient => {
                if in_scope {
                    labels.insert("istio.io/dataplane-mode".into(), "ambient".into());
                }
                if d.waypoints.contains(ns) {
                    labels.insert("istio.io/use-waypoint".into(), "waypoint".into());
                }
                "# Istio ambient enrollment (istio.io/dataplane-mode=ambient), waypoint use.\n"
            }
            _ => continue,
        };
        docs.push(format!(
            "{comment}apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {}\n  labels:{}  annotations:{}",
            q(ns),
            map(4, &labels),
            map(4, &annotations)
        ));
    }
}

fn linkerd_identity(from: &str) -> String {
    let (ns, sa) = from.split_once('/').unwrap_or(("", from));
    format!("{sa}.{ns}.serviceaccount.identity.linkerd.cluster.local")
}

fn istio_principal(from: &str) -> String {
    let (ns, sa) = from.split_once('/').unwrap_or(("", from));
    format!("cluster.local/ns/{ns}/sa/{sa}")
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = items.into_iter().map(|s| q(&s)).collect();
    format!("[{}]", v.join(", "))
}

/// Linkerd: a Server makes its port deny-by-default ("all traffic to the port on its pods will
/// be denied unless explicitly authorized", reference/authorization-policy); an
/// AuthorizationPolicy on the Server requiring a MeshTLSAuthentication admits the listed
/// identities only. Route-level allows attach HTTPRoutes to the Server and authorize each route
/// (reference/authorization-policy, "HTTPRoute"): once a Server has routes, a request no route
/// matches is refused with 404, so callers allowed everywhere get a catch-all route.
fn linkerd(d: &Decision, cluster: &Cluster, docs: &mut Vec<String>, notes: &mut Vec<Bilingual>) {
    for (to, grants) in grants(d) {
        let Some(s) = svc(cluster, &to) else { continue };
        let open = open_callers(&grants);
        let routed: Vec<&Allow> = grants.iter().filter(|a| a.route_level()).collect();
        for (_, target, _, http) in &s.ports {
            let server = format!("{}-{target}", s.name);
            let protocol = if *http { "HTTP/1" } else { "opaque" };
            docs.push(format!(
                "apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  podSelector:\n    matchLabels:{}  port: {}\n  proxyProtocol: {}\n",
                q(&server),
                q(&s.ns),
                map(6, &s.selector),
                q(target),
                q(protocol),
            ));
            if routed.is_empty() || !*http {
                if !routed.is_empty() {
                    notes.push(note(
                        &format!("Izin per-route ke {to} butuh port HTTP: port {target} opaque, jadi pemanggilnya diizinkan di semua route."),
                        &format!("Route-level allows into {to} need an HTTP port: port {target} is opaque, so those callers are allowed on every route."),
                    ));
                }
                let callers: BTreeSet<&str> = grants.iter().map(|a| a.from.as_str()).collect();
                linkerd_authorize(docs, &s.ns, &server, "Server", &callers);
                continue;
            }
            for (i, a) in routed.iter().enumerate() {
                let route = format!("{server}-route-{i}");
                docs.push(linkerd_route(&s.ns, &route, &server, &a.methods, &a.paths));
                let mut callers = open.clone();
                callers.insert(a.from.as_str());
                linkerd_authorize(docs, &s.ns, &route, "HTTPRoute", &callers);
            }
            if !open.is_empty() {
                let route = format!("{server}-route-any");
                docs.push(linkerd_route(&s.ns, &route, &server, &[], &[]));
                linkerd_authorize(docs, &s.ns, &route, "HTTPRoute", &open);
            }
        }
    }
}

/// A policy.linkerd.io HTTPRoute on a Server: one match per method × path prefix.
fn linkerd_route(
    ns: &str,
    name: &str,
    server: &str,
    methods: &[String],
    paths: &[String],
) -> String {
    let any = [String::new()];
    let methods = if methods.is_empty() {
        &any[..]
    } else {
        methods
    };
    let paths = if paths.is_empty() { &any[..] } else { paths };
    let mut matches = String::new();
    for m in methods {
        for p in paths {
            let path = if p.is_empty() { "/" } else { p.as_str() };
            matches.push_str(&format!(
                "        - path:\n            type: PathPrefix\n            value: {}\n",
                q(path)
            ));
            if !m.is_empty() {
                matches.push_str(&format!("          method: {}\n", q(m)));
            }
        }
    }
    format!(
        "apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      name: {}\n  rules:\n    - matches:\n{matches}",
        q(name),
        q(ns),
        q(server)
    )
}

/// An AuthorizationPolicy on `target` (a Server or an HTTPRoute of that name) requiring one of
/// `callers`' identities (a MeshTLSAuthentication).
fn linkerd_authorize(
    docs: &mut Vec<String>,
    ns: &str,
    target: &str,
    kind: &str,
    callers: &BTreeSet<&str>,
) {
    let ids = list(callers.iter().map(|c| linkerd_identity(c)));
    docs.push(format!(
        "# Callers of {kind} {target} (policy.linkerd.io MeshTLSAuthentication).\napiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  identities: {ids}\n---\napiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: {kind}\n    name: {}\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      name: {}\n",
        q(&format!("{target}-clients")),
        q(ns),
        q(&format!("{target}-allow")),
        q(ns),
        q(target),
        q(&format!("{target}-clients")),
    ));
}

/// Istio (sidecar and ambient): PeerAuthentication per namespace; an ALLOW AuthorizationPolicy
/// per allow-listed Service ("If there are any ALLOW policies for the workload, deny the request
/// if none of the ALLOW policies match", istio/api authorization_policy.proto). In ambient,
/// `selector` policies are enforced by ztunnel at L4; a namespace with a waypoint gets a
/// `targetRefs` policy the waypoint enforces, and ztunnel then admits the waypoint's identity
/// (the destination sees the waypoint, not the caller: istio.io ambient/usage/l4-policy).
fn istio(d: &Decision, cluster: &Cluster, docs: &mut Vec<String>, notes: &mut Vec<Bilingual>) {
    if let Some(mode) = d.mtls {
        let mode = match mode {
            Mtls::Strict => "STRICT",
            Mtls::Permissive => "PERMISSIVE",
        };
        for ns in &d.scope {
            docs.push(format!(
                "# security.istio.io PeerAuthentication: the namespace-wide mTLS mode.\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: {}\nspec:\n  mtls:\n    mode: {mode}\n",
                q(ns)
            ));
        }
    }
    let ambient = d.mesh == Mesh::IstioAmbient;
    if ambient {
        for ns in &d.waypoints {
            docs.push(format!(
                "# istio.io ambient/usage/waypoint: a waypoint for the namespace's Services.\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: waypoint\n  namespace: {}\n  labels:\n    istio.io/waypoint-for: service\nspec:\n  gatewayClassName: istio-waypoint\n  listeners:\n    - name: mesh\n      port: 15008\n      protocol: HBONE\n",
                q(ns)
            ));
        }
        if d.waypoints.is_empty() {
            notes.push(note(
                "Tanpa waypoint, ambient hanya L4 (ztunnel): HTTPRoute dan kebijakan L7 tidak diterapkan.",
                "Without a waypoint, ambient is L4 only (ztunnel): HTTPRoutes and L7 policies are not applied.",
            ));
        }
    }
    for (to, grants) in grants(d) {
        let Some(s) = svc(cluster, &to) else { continue };
        let rules = istio_rules(&grants);
        let waypoint = ambient && d.waypoints.contains(&s.ns);
        if waypoint {
            docs.push(format!(
                "# Enforced by the waypoint (targetRefs to the Service).\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  targetRefs:\n    - kind: Service\n      group: \"\"\n      name: {}\n  action: ALLOW\n  rules:\n{rules}",
                q(&format!("{}-allow-l7", s.name)),
                q(&s.ns),
                q(&s.name)
            ));
        } else if ambient && grants.iter().any(Allow::route_level) {
            notes.push(note(
                &format!("Izin per-route ke {to} butuh waypoint: ztunnel (L4) mengabaikan aturan ALLOW dengan method/path, jadi pemanggil itu ditolak."),
                &format!("Route-level allows into {to} need a waypoint: ztunnel (L4) drops ALLOW rules with methods/paths, so those callers are refused."),
            ));
        }
        let l4 = if waypoint {
            format!(
                "    - from:\n        - source:\n            principals: {}\n",
                list([istio_principal(&format!("{}/waypoint", s.ns))])
            )
        } else {
            rules
        };
        docs.push(format!(
            "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  selector:\n    matchLabels:{}  action: ALLOW\n  rules:\n{l4}",
            q(&format!("{}-allow", s.name)),
            q(&s.ns),
            map(6, &s.selector),
        ));
    }
}

/// ALLOW rules: the callers allowed everywhere in one rule, then one rule per route-level
/// allow (`to.operation` methods and path prefixes, Istio's `prefix*` form).
fn istio_rules(grants: &[Allow]) -> String {
    let mut out = String::new();
    let open = open_callers(grants);
    if !open.is_empty() {
        out.push_str(&format!(
            "    - from:\n        - source:\n            principals: {}\n",
            list(open.iter().map(|c| istio_principal(c)))
        ));
    }
    for a in grants.iter().filter(|a| a.route_level()) {
        out.push_str(&format!(
            "    - from:\n        - source:\n            principals: {}\n      to:\n        - operation:\n",
            list([istio_principal(&a.from)])
        ));
        if !a.methods.is_empty() {
            out.push_str(&format!(
                "            methods: {}\n",
                list(a.methods.iter().cloned())
            ));
        }
        if !a.paths.is_empty() {
            out.push_str(&format!(
                "            paths: {}\n",
                list(a.paths.iter().map(|p| format!("{p}*")))
            ));
        }
    }
    out
}

/// Cilium: label-based identities (the ServiceAccount is the label
/// `io.cilium.k8s.policy.serviceaccount`, policy/kubernetes.rst); an ingress rule selecting an
/// endpoint makes it default-deny for ingress (policy/intro.rst). WireGuard is switched on in
/// the agent's ConfigMap (`enable-wireguard`, security/network/encryption-wireguard.rst).
fn cilium(d: &Decision, cluster: &Cluster, docs: &mut Vec<String>, notes: &mut Vec<Bilingual>) {
    if d.encryption == Some(Encryption::Wireguard) {
        docs.push(
            "# Cilium WireGuard transparent encryption: node to node, not same-node traffic.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n  namespace: kube-system\ndata:\n  enable-wireguard: \"true\"\n".to_string(),
        );
        notes.push(note(
            "WireGuard Cilium mengenkripsi antar-node saja: paket ke pod di node yang sama tidak dienkripsi.",
            "Cilium WireGuard encrypts between nodes only: packets to a pod on the same node are not encrypted.",
        ));
    } else {
        notes.push(note(
            "Cilium tidak punya mTLS bawaan: tanpa `encryption = \"wireguard\"` lalu lintas antar-pod tidak dienkripsi.",
            "Cilium has no mTLS by default: without `encryption = \"wireguard\"` pod-to-pod traffic is not encrypted.",
        ));
    }
    if d.mtls.is_some() {
        notes.push(note(
            "`mtls` tidak berlaku untuk Cilium: autentikasi mutual tidak dimodelkan meshlab dan tidak mengenkripsi payload.",
            "`mtls` does not apply to Cilium: mutual authentication is not modeled by meshlab and does not encrypt the payload.",
        ));
    }
    for (to, grants) in grants(d) {
        let Some(s) = svc(cluster, &to) else { continue };
        let endpoints = |callers: &mut dyn Iterator<Item = &str>| {
            let mut from = String::new();
            for c in callers {
                let (ns, sa) = c.split_once('/').unwrap_or(("", c));
                from.push_str(&format!(
                    "        - matchLabels:\n            k8s:io.kubernetes.pod.namespace: {}\n            k8s:io.cilium.k8s.policy.serviceaccount: {}\n",
                    q(ns),
                    q(sa)
                ));
            }
            from
        };
        let ports: String = s
            .ports
            .iter()
            .map(|(_, _, n, _)| {
                format!("            - port: \"{n}\"\n              protocol: TCP\n")
            })
            .collect();
        let mut rules = String::new();
        let open = open_callers(&grants);
        if !open.is_empty() {
            rules.push_str(&format!(
                "    - fromEndpoints:\n{}      toPorts:\n        - ports:\n{ports}",
                endpoints(&mut open.iter().copied())
            ));
        }
        // Route-level allows: HTTP rules send the port's traffic through the node's Envoy
        // (policy/language.rst, "Layer 7 Examples"); paths are regular expressions.
        for a in grants.iter().filter(|a| a.route_level()) {
            let any = [String::new()];
            let methods = if a.methods.is_empty() {
                &any[..]
            } else {
                &a.methods[..]
            };
            let paths = if a.paths.is_empty() {
                &any[..]
            } else {
                &a.paths[..]
            };
            let mut http = String::new();
            for m in methods {
                for p in paths {
                    let mut rule = Vec::new();
                    if !m.is_empty() {
                        rule.push(format!("method: {}", q(m)));
                    }
                    if !p.is_empty() {
                        rule.push(format!("path: {}", q(&format!("{}.*", regex::escape(p)))));
                    }
                    http.push_str(&format!("              - {{{}}}\n", rule.join(", ")));
                }
            }
            rules.push_str(&format!(
                "    - fromEndpoints:\n{}      toPorts:\n        - ports:\n{ports}          rules:\n            http:\n{http}",
                endpoints(&mut std::iter::once(a.from.as_str()))
            ));
        }
        docs.push(format!(
            "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  endpointSelector:\n    matchLabels:{}  ingress:\n{rules}",
            q(&format!("{}-allow", s.name)),
            q(&s.ns),
            map(6, &s.selector),
        ));
    }
}

/// The canary as a GAMMA HTTPRoute (a Service parentRef, GEP-1426) with weighted backendRefs;
/// retries as the mesh's real retry fields: Linkerd `retry.linkerd.io/limit` counts retries,
/// Istio `retries.attempts` too ("1 + attempts" requests), so both get tries − 1.
fn canary_and_retries(
    d: &Decision,
    cluster: &Cluster,
    docs: &mut Vec<String>,
    notes: &mut Vec<Bilingual>,
) {
    let retries = d.retries.as_ref();
    let mut routed = BTreeSet::new();
    if let Some(c) = &d.canary
        && let Some(s) = svc(cluster, &c.service)
    {
        let port = s.ports.first().map_or(80, |p| p.0);
        let annotations = match retries.filter(|r| r.service == c.service) {
            Some(r) if d.mesh == Mesh::Linkerd => {
                routed.insert(c.service.clone());
                linkerd_retry_annotations(r.per_request_tries)
            }
            _ => " {}\n".to_string(),
        };
        docs.push(format!(
            "# Canary: {}% of {} to {}.\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: {}\n  namespace: {}\n  annotations:{annotations}spec:\n  parentRefs:\n    - group: \"\"\n      kind: Service\n      name: {}\n      port: {port}\n  rules:\n    - backendRefs:\n        - name: {}\n          port: {port}\n          weight: {}\n        - name: {}\n          port: {port}\n          weight: {}\n",
            c.weight,
            c.service,
            c.canary,
            q(&format!("{}-canary", s.name)),
            q(&s.ns),
            q(&s.name),
            q(&c.stable),
            100 - c.weight.min(100),
            q(&c.canary),
            c.weight.min(100),
        ));
    }
    let Some(r) = retries else { return };
    if routed.contains(&r.service) {
        return;
    }
    let Some(s) = svc(cluster, &r.service) else {
        return;
    };
    let retries_n = r.per_request_tries.saturating_sub(1);
    match d.mesh {
        Mesh::Linkerd => {
            let port = s.ports.first().map_or(80, |p| p.0);
            docs.push(format!(
                "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: {}\n  namespace: {}\n  annotations:{}spec:\n  parentRefs:\n    - group: \"\"\n      kind: Service\n      name: {}\n      port: {port}\n  rules:\n    - backendRefs:\n        - name: {}\n          port: {port}\n",
                q(&format!("{}-retries", s.name)),
                q(&s.ns),
                linkerd_retry_annotations(r.per_request_tries),
                q(&s.name),
                q(&s.name),
            ));
        }
        Mesh::IstioSidecar | Mesh::IstioAmbient => {
            let host = format!("{}.{}.svc.cluster.local", s.name, s.ns);
            docs.push(format!(
                "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {}\n  namespace: {}\nspec:\n  hosts: [{}]\n  http:\n    - route:\n        - destination:\n            host: {}\n      retries:\n        attempts: {retries_n}\n        retryOn: 5xx\n",
                q(&format!("{}-retries", s.name)),
                q(&s.ns),
                q(&host),
                q(&host),
            ));
        }
        Mesh::Cilium => notes.push(note(
            "Cilium tidak punya konfigurasi retry per permintaan di meshlab: `[retries]` tidak dikompilasi.",
            "Cilium has no per-request retry configuration in meshlab: `[retries]` is not compiled.",
        )),
    }
}

fn linkerd_retry_annotations(tries: u32) -> String {
    format!(
        "\n    retry.linkerd.io/http: \"5xx\"\n    retry.linkerd.io/limit: \"{}\"\n",
        tries.saturating_sub(1)
    )
}

/// Egress only via the gateway workload: a NetworkPolicy per in-scope namespace isolates every
/// other pod for egress and admits in-cluster peers only (a selected pod "is isolated for
/// egress", and `namespaceSelector: {}` matches pods, never external addresses: Kubernetes
/// NetworkPolicy docs). NetworkPolicy cannot name hosts, so the gateway's own egress stays open.
fn egress(d: &Decision, cluster: &Cluster, docs: &mut Vec<String>, notes: &mut Vec<Bilingual>) {
    let Some(e) = &d.egress else { return };
    let Some((via_ns, via)) = e.via.split_once('/') else {
        return;
    };
    let via_app = cluster
        .pods
        .iter()
        .find(|p| cluster.ns_name(p.ns) == via_ns && p.owner_name() == Some(via))
        .and_then(|p| p.labels.get("app").cloned())
        .unwrap_or_else(|| via.to_string());
    for ns in &d.scope {
        let selector = if ns == via_ns {
            format!(
                "\n    matchExpressions:\n      - key: app\n        operator: NotIn\n        values: [{}]\n",
                q(&via_app)
            )
        } else {
            " {}\n".to_string()
        };
        docs.push(format!(
            "# Egress stays in the cluster; only {} leaves it (for {}).\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: egress-in-cluster-only\n  namespace: {}\nspec:\n  podSelector:{selector}  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector: {{}}\n",
            e.via,
            e.hosts.join(", "),
            q(ns)
        ));
    }
    notes.push(note(
        "NetworkPolicy tidak bisa menyebut nama host: egress workload gateway tetap terbuka (Cilium toFQDNs atau egress gateway mesh bisa mempersempitnya).",
        "NetworkPolicy cannot name hosts: the gateway workload's egress stays open (Cilium toFQDNs or a mesh egress gateway could narrow it).",
    ));
}

#[cfg(test)]
mod tests {
    use super::super::decision::{Canary, Egress};
    use super::*;
    use crate::drill::pack::Pack;
    use crate::sim::load::{self, LoadOptions, Source};
    use crate::sim::scenario::faulty::{Faulty, served};
    use crate::sim::scenario::invariant::Request;

    const SCENARIO: [&str; 2] = ["scenarios/lab.yaml", "scenarios/lab-canary.yaml"];

    fn sources() -> Vec<Source> {
        let pack = Pack::builtin().unwrap();
        SCENARIO
            .iter()
            .map(|p| Source {
                name: p.to_string(),
                bytes: pack.file(p).unwrap().to_vec(),
            })
            .collect()
    }

    fn decision(mesh: Mesh) -> Decision {
        let allow = |from: &str, to: &str| Allow {
            from: from.into(),
            to: to.into(),
            ..Allow::default()
        };
        Decision {
            mesh,
            scope: vec!["web".into(), "shop".into(), "ledger".into()],
            mtls: (mesh != Mesh::Cilium).then_some(Mtls::Strict),
            encryption: (mesh == Mesh::Cilium).then_some(Encryption::Wireguard),
            waypoints: if mesh == Mesh::IstioAmbient {
                vec!["shop".into()]
            } else {
                Vec::new()
            },
            allow: vec![
                allow("shop/checkout", "shop/payment"),
                allow("shop/payment", "ledger/ledger"),
            ],
            canary: Some(Canary {
                service: "shop/payment".into(),
                stable: "payment".into(),
                canary: "payment-v2".into(),
                weight: 10,
            }),
            egress: Some(Egress {
                via: "shop/bank-adapter".into(),
                hosts: vec!["api.bank.example".into()],
            }),
            retries: None,
            rollback: None,
            sidecarless: None,
        }
    }

    /// The scenario with the decision's manifests on top, and what the compiler said.
    fn simulate(d: &Decision) -> (Faulty, Compiled) {
        let mut src = sources();
        let before = load::load(&src, &LoadOptions::default()).unwrap();
        let compiled = compile(d, &before);
        src.push(Source {
            name: "decision".into(),
            bytes: compiled.yaml.clone().into_bytes(),
        });
        let after = load::load(
            &src,
            &LoadOptions {
                mesh: compiled.mesh,
            },
        )
        .unwrap();
        assert!(
            after.rejected.is_empty(),
            "{:?}\n{}",
            after.rejected,
            compiled.yaml
        );
        (Faulty::new(after, Vec::new()), compiled)
    }

    fn probe(sim: &Faulty, from: &str, to: &str, port: u16) -> (bool, bool) {
        let r = sim
            .probe(
                &Request {
                    from: from.into(),
                    to: to.into(),
                    port: Some(port),
                    ..Request::default()
                }
                .probe(1),
            )
            .unwrap();
        (served(&r), r.encrypted)
    }

    #[test]
    fn every_mesh_admits_the_allowed_identity_and_refuses_the_rest() {
        for mesh in [
            Mesh::Linkerd,
            Mesh::IstioSidecar,
            Mesh::IstioAmbient,
            Mesh::Cilium,
        ] {
            let (sim, _) = simulate(&decision(mesh));
            let checkout = probe(&sim, "deploy:shop/checkout", "svc:shop/payment", 8080);
            assert!(checkout.0, "{mesh:?}: checkout → payment");
            let ledger = probe(&sim, "deploy:shop/payment", "svc:ledger/ledger", 8080);
            assert!(ledger.0, "{mesh:?}: payment → ledger");
            let frontend = probe(&sim, "deploy:web/frontend", "svc:ledger/ledger", 8080);
            assert!(!frontend.0, "{mesh:?}: frontend → ledger must be refused");
            let fraud = probe(&sim, "deploy:web/frontend", "svc:shop/payment", 8080);
            assert!(!fraud.0, "{mesh:?}: frontend → payment must be refused");
            // Egress: payment cannot leave, bank-adapter can.
            assert!(!probe(&sim, "deploy:shop/payment", "api.bank.example", 443).0);
            assert!(probe(&sim, "deploy:shop/bank-adapter", "api.bank.example", 443).0);
            // Encryption: mTLS everywhere; Cilium WireGuard only between nodes (checkout on
            // node-b, payment on node-a; checkout and fraud both on node-b).
            assert!(checkout.1, "{mesh:?}: checkout → payment encrypted");
            let same_node = probe(&sim, "deploy:shop/checkout", "svc:shop/fraud", 8080);
            assert_eq!(same_node.1, mesh != Mesh::Cilium, "{mesh:?}: same node");
        }
    }

    #[test]
    fn strict_refuses_plaintext_and_permissive_accepts_it() {
        for mesh in [Mesh::Linkerd, Mesh::IstioSidecar, Mesh::IstioAmbient] {
            let mut d = decision(mesh);
            let (sim, _) = simulate(&d);
            assert!(!probe(&sim, "deploy:legacy/batch-job", "svc:web/frontend", 8080).0);
            d.mtls = Some(Mtls::Permissive);
            let (sim, _) = simulate(&d);
            assert!(probe(&sim, "deploy:legacy/batch-job", "svc:web/frontend", 8080).0);
        }
    }

    #[test]
    fn cilium_without_wireguard_is_plaintext_and_says_so() {
        let mut d = decision(Mesh::Cilium);
        d.encryption = None;
        let (sim, compiled) = simulate(&d);
        assert!(!probe(&sim, "deploy:shop/checkout", "svc:shop/payment", 8080).1);
        assert!(compiled.notes.iter().any(|n| n.en.contains("no mTLS")));
        assert_eq!(compiled.mesh, Some(Profile::Cilium));
    }

    #[test]
    fn ambient_routes_need_a_waypoint() {
        let split = |d: &Decision| {
            let (sim, _) = simulate(d);
            let r = sim
                .probe(
                    &Request {
                        from: "deploy:shop/checkout".into(),
                        to: "svc:shop/payment".into(),
                        port: Some(8080),
                        method: Some("POST".into()),
                        path: Some("/payments".into()),
                        ..Request::default()
                    }
                    .probe(100),
                )
                .unwrap();
            r.counts.get("shop/payment-v2").copied().unwrap_or(0)
        };
        let mut d = decision(Mesh::IstioAmbient);
        assert_eq!(split(&d), 10);
        d.waypoints.clear();
        assert_eq!(split(&d), 0);
        assert_eq!(split(&decision(Mesh::Linkerd)), 10);
    }

    /// `checkout` may `POST /payments` and nothing else on `payment`; `fraud` may call it
    /// anywhere. Every mesh with an L7 hop enforces the route; ambient needs its waypoint.
    #[test]
    fn route_level_allows_admit_the_route_and_refuse_the_rest() {
        let http = |sim: &Faulty, from: &str, method: &str, path: &str| {
            let r = sim
                .probe(
                    &Request {
                        from: format!("deploy:shop/{from}"),
                        to: "svc:shop/payment".into(),
                        port: Some(8080),
                        method: Some(method.into()),
                        path: Some(path.into()),
                        ..Request::default()
                    }
                    .probe(1),
                )
                .unwrap();
            (served(&r), r.status)
        };
        for mesh in [
            Mesh::Linkerd,
            Mesh::IstioSidecar,
            Mesh::IstioAmbient,
            Mesh::Cilium,
        ] {
            let mut d = decision(mesh);
            d.canary = None;
            d.allow = vec![
                Allow {
                    from: "shop/checkout".into(),
                    to: "shop/payment".into(),
                    methods: vec!["POST".into()],
                    paths: vec!["/payments".into()],
                },
                Allow {
                    from: "shop/fraud".into(),
                    to: "shop/payment".into(),
                    ..Allow::default()
                },
            ];
            let (sim, compiled) = simulate(&d);
            let pay = http(&sim, "checkout", "POST", "/payments/7");
            assert!(
                pay.0,
                "{mesh:?}: checkout POST /payments {pay:?}\n{}",
                compiled.yaml
            );
            let admin = http(&sim, "checkout", "GET", "/admin");
            assert!(!admin.0, "{mesh:?}: checkout GET /admin {admin:?}");
            assert!(
                http(&sim, "fraud", "GET", "/admin").0,
                "{mesh:?}: fraud anywhere"
            );
            if mesh == Mesh::IstioAmbient {
                d.waypoints.clear();
                let (sim, compiled) = simulate(&d);
                assert!(!http(&sim, "checkout", "POST", "/payments").0);
                assert!(
                    compiled
                        .notes
                        .iter()
                        .any(|n| n.en.contains("need a waypoint"))
                );
            }
        }
    }

    #[test]
    fn retries_become_the_real_retry_fields() {
        let mut d = decision(Mesh::IstioSidecar);
        d.retries = Some(super::super::decision::Retries {
            service: "shop/payment".into(),
            per_request_tries: 3,
        });
        let (_, compiled) = simulate(&d);
        assert!(compiled.yaml.contains("attempts: 2"), "{}", compiled.yaml);
        d.mesh = Mesh::Linkerd;
        let (_, compiled) = simulate(&d);
        assert!(
            compiled.yaml.contains("retry.linkerd.io/limit: \"2\""),
            "{}",
            compiled.yaml
        );
    }
}
