use super::*;
use crate::sim::model::TargetPort;

fn load_str(text: &str) -> Result<Cluster, LoadError> {
    load(
        &[Source {
            name: "m.yaml".to_owned(),
            bytes: text.as_bytes().to_vec(),
        }],
        &LoadOptions::default(),
    )
}

const BASE: &str = "\
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: a}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web-sa
      containers:
      - name: web
        image: nginx
        ports: [{name: http, containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
";

#[test]
fn namespaces_get_the_implicit_name_label() {
    let c = load_str(BASE).expect("loads");
    let ns = &c.namespaces[c.namespace("shop").expect("shop")];
    assert_eq!(
        ns.labels
            .get("kubernetes.io/metadata.name")
            .map(String::as_str),
        Some("shop")
    );
    assert_eq!(ns.labels.get("team").map(String::as_str), Some("a"));
}

#[test]
fn deployments_expand_deterministically() {
    let a = load_str(BASE).expect("loads");
    let b = load_str(BASE).expect("loads");
    let names: Vec<_> = a
        .pods
        .iter()
        .map(|p| (p.name.clone(), p.ip, p.node))
        .collect();
    let again: Vec<_> = b
        .pods
        .iter()
        .map(|p| (p.name.clone(), p.ip, p.node))
        .collect();
    assert_eq!(names, again);
    assert_eq!(a.pods.len(), 3);
    assert_eq!(a.pods[0].name, "web-0");
    assert_eq!(a.pods[0].service_account, "web-sa");
    let ips: std::collections::BTreeSet<_> = a.pods.iter().map(|p| p.ip).collect();
    assert_eq!(ips.len(), 3, "distinct IPs");
    let svc = &a.services[0];
    assert_eq!(svc.endpoints.len(), 3);
    assert_eq!(svc.ports[0].target, TargetPort::Name("http".to_owned()));
    assert_eq!(
        a.pods[0].named_port("http", crate::sim::model::net::Protocol::Tcp),
        Some(8080)
    );
}

#[test]
fn unknown_kinds_are_skipped_with_a_warning() {
    let c =
        load_str("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n").expect("loads");
    assert_eq!(c.warnings.len(), 1);
    assert!(
        c.warnings[0].to_string().contains("Widget"),
        "{:?}",
        c.warnings
    );
}

#[test]
fn an_unknown_field_rejects_the_object_with_its_position_and_path() {
    // The API server's strict field validation refuses the object; the rest still loads.
    let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - from: []\n    bogus: 1\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n";
    let c = load_str(text).expect("loads");
    assert!(c.network_policies.is_empty());
    assert_eq!(c.rejected.len(), 1, "{:?}", c.rejected);
    let r = &c.rejected[0];
    assert_eq!((r.at.line, r.at.column), (8, 5));
    assert!(r.reason.contains("spec.ingress[0].bogus"), "{}", r.reason);
    assert!(r.reason.contains("unknown field `bogus`"), "{}", r.reason);
    assert!(
        r.to_string()
            .starts_with("m.yaml:8:5: rejected NetworkPolicy default/p"),
        "{r}"
    );
    assert!(c.namespace("x").is_some());
}

#[test]
fn an_unmodeled_field_is_a_warning_at_its_position() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec:\n  selector: {app: a}\n  sessionAffinity: ClientIP\n  ports: [{port: 80}]\n";
    let c = load_str(text).expect("loads");
    assert_eq!(c.services.len(), 1);
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    let w = c.warnings[0].to_string();
    assert!(
        w.starts_with(
            "m.yaml:6:20: warning: Service default/s: field `spec.sessionAffinity` is not modeled"
        ),
        "{w}"
    );
    assert!(
        w.ends_with("answers that depend on it may differ from a real cluster"),
        "{w}"
    );
}

#[test]
fn inert_fields_and_kinds_are_accepted_silently() {
    let text = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec:\n  ipFamilyPolicy: SingleStack\n  ports: [{port: 80, nodePort: 30080}]\nstatus: {loadBalancer: {}}\n";
    let c = load_str(text).expect("loads");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(c.rejected.is_empty(), "{:?}", c.rejected);
}

#[test]
fn invalid_objects_are_rejected_not_enforced() {
    let text = "\
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: mixed, namespace: x}
spec:
  podSelector: {}
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/8}
      podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: outside, namespace: x}
spec:
  podSelector: {}
  ingress:
  - from:
    - ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: named-range, namespace: x}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: http, endPort: 90}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: fine, namespace: x}
spec: {podSelector: {}}
";
    let c = load_str(text).expect("loads");
    let reasons: Vec<_> = c
        .rejected
        .iter()
        .map(|r| (r.object.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        reasons[0]
            .1
            .contains("may not specify both ipBlock and another peer")
    );
    assert!(reasons[1].1.contains("must be a strict subset of `cidr`"));
    assert!(reasons[2].1.contains("endPort"));
    assert_eq!(c.network_policies.len(), 1);
    assert_eq!(c.network_policies[0].name, "fine");
}

#[test]
fn malformed_yaml_and_bytes_give_positions() {
    let e = load_str("a: [1,\n").expect_err("syntax");
    assert!(e.line >= 1);
    let bad = load(
        &[Source {
            name: "b".to_owned(),
            bytes: vec![b'a', b':', b' ', 0xff],
        }],
        &LoadOptions::default(),
    )
    .expect_err("utf8");
    assert_eq!((bad.line, bad.column), (1, 4));
    let e = load_str("- just\n- a list\n").expect_err("not a manifest");
    assert!(e.message.contains("mapping"));
    let e = load_str("kind: Pod\n").expect_err("no apiVersion");
    assert!(e.message.contains("apiVersion"));
}

#[test]
fn a_linkerd_authorization_policy_on_nothing_is_said_to_take_no_effect() {
    let text = format!(
        "{BASE}
---
apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: {{name: web-http, namespace: shop}}
spec:
  podSelector: {{matchLabels: {{app: web}}}}
  port: http
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: {{name: misspelt, namespace: shop}}
spec:
  targetRef: {{group: policy.linkerd.io, kind: Server, name: web-htp}}
  requiredAuthenticationRefs:
  - {{group: policy.linkerd.io, kind: MeshTLSAuthentication, name: web-clients}}
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: {{name: fine, namespace: shop}}
spec:
  targetRef: {{group: policy.linkerd.io, kind: Server, name: web-http}}
  requiredAuthenticationRefs:
  - {{group: policy.linkerd.io, kind: NetworkAuthentication, name: everyone}}
---
apiVersion: policy.linkerd.io/v1alpha1
kind: NetworkAuthentication
metadata: {{name: everyone, namespace: shop}}
spec:
  networks: [{{cidr: 0.0.0.0/0}}]
"
    );
    let c = load_str(&text).unwrap();
    let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said.iter()
            .all(|w| w.contains("AuthorizationPolicy shop/misspelt: takes no effect")),
        "{said:?}"
    );
    assert!(
        said[0].contains("Server web-htp does not exist"),
        "{said:?}"
    );
    assert!(
        said[1].contains("MeshTLSAuthentication web-clients does not exist"),
        "{said:?}"
    );
}

#[test]
fn a_mesh_route_to_another_namespace_without_a_grant_is_warned() {
    let route = |grant: &str| {
        format!(
            "{BASE}
---
apiVersion: v1
kind: Namespace
metadata: {{name: canary}}
---
apiVersion: v1
kind: Service
metadata: {{name: web, namespace: canary}}
spec:
  selector: {{app: web}}
  ports: [{{port: 80, targetPort: 8080}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {{name: split, namespace: shop}}
spec:
  parentRefs: [{{group: \"\", kind: Service, name: web, port: 80}}]
  rules:
  - backendRefs: [{{name: web, port: 80}}, {{name: web, namespace: canary, port: 80}}]
{grant}"
        )
    };
    let c = load_str(&route("")).unwrap();
    let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert!(
        said.iter().any(|w| w.contains(
            "HTTPRoute shop/split: spec.rules[0].backendRefs[1] (canary/web) crosses namespaces without a ReferenceGrant"
        )),
        "{said:?}"
    );
    let granted = route(
        "---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-shop, namespace: canary}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: \"\", kind: Service}]
",
    );
    let c = load_str(&granted).unwrap();
    assert!(
        !c.warnings
            .iter()
            .any(|w| w.to_string().contains("ReferenceGrant")),
        "{:?}",
        c.warnings
    );
}
