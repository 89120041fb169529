//! Per-pod mesh facts and mesh-wide settings: which data plane each pod has (from the real
//! labels and annotations, an injected proxy container, or `--mesh`), what its simulated
//! application answers, and the settings meshes keep in ConfigMaps.

use std::collections::BTreeSet;

use super::report::assumed;
use super::yaml::{self, Node};
use super::{LoadOptions, Objects};
use crate::sim::model::cilium::{DenyResponse, EnforcementMode};
use crate::sim::model::diag::Origin;
use crate::sim::model::labels::Labels;
use crate::sim::model::linkerd::DefaultPolicy;
use crate::sim::model::mesh::{APP_STATUS_ANNOTATION, APP_TRIES_ANNOTATION, Profile};
use crate::sim::model::{Cluster, Container};

pub(super) fn resolve(cluster: &mut Cluster, objects: &Objects, options: &LoadOptions) {
    config(cluster, objects, options);
    cluster.mesh.pod_profile = cluster
        .pods
        .iter()
        .map(|p| {
            let ns = cluster.namespaces.get(p.ns);
            let empty = Default::default();
            injected(&p.containers).unwrap_or_else(|| {
                enrollment(
                    &p.labels,
                    &p.annotations,
                    ns.map_or(&empty, |n| &n.labels),
                    ns.map_or(&empty, |n| &n.annotations),
                    options.mesh,
                )
            })
        })
        .collect();
    let mut warnings = Vec::new();
    let mut app_status = Vec::new();
    for p in &cluster.pods {
        let status = match p.annotations.get(APP_STATUS_ANNOTATION) {
            None => 200,
            Some(v) => match v.parse::<u16>().ok().filter(|s| (100..=599).contains(s)) {
                Some(s) => s,
                None => {
                    warnings.push((
                        p.origin.clone(),
                        format!(
                            "{APP_STATUS_ANNOTATION}: {v:?} is not an HTTP status; 200 assumed"
                        ),
                    ));
                    200
                }
            },
        };
        app_status.push(status);
    }
    cluster.mesh.app_status = app_status;
    let mut app_tries = Vec::new();
    for p in &cluster.pods {
        let tries = match p.annotations.get(APP_TRIES_ANNOTATION) {
            None => 1,
            Some(v) => match v.parse::<u32>().ok().filter(|t| (1..=100).contains(t)) {
                Some(t) => t,
                None => {
                    warnings.push((
                        p.origin.clone(),
                        format!("{APP_TRIES_ANNOTATION}: {v:?} is not a number of tries (1-100); 1 assumed"),
                    ));
                    1
                }
            },
        };
        app_tries.push(tries);
    }
    cluster.mesh.app_tries = app_tries;
    for (at, what) in warnings {
        assumed(cluster, &at, what);
    }
}

/// The data plane a pod created now would get, from its labels and annotations and its
/// namespace's as the cluster holds them now (the timeline asks this at every pod creation).
pub fn profile_of(cluster: &Cluster, pod: usize, default: Option<Profile>) -> Profile {
    let Some(p) = cluster.pods.get(pod) else {
        return Profile::None;
    };
    let ns = cluster.namespaces.get(p.ns);
    let empty = Default::default();
    injected(&p.containers).unwrap_or_else(|| {
        enrollment(
            &p.labels,
            &p.annotations,
            ns.map_or(&empty, |n| &n.labels),
            ns.map_or(&empty, |n| &n.annotations),
            default,
        )
    })
}

/// The Istio revision whose injector a pod asks for (istio.io `docs/setup/upgrade/canary`:
/// "This is controlled during sidecar injection based on the namespace label `istio.io/rev`";
/// `istio-injection` "takes precedence over the `istio.io/rev` label"): the pod's own
/// `istio.io/rev`, else `default` for `istio-injection: enabled`, else the namespace's
/// `istio.io/rev`, else `default`. `None` for a pod written with its proxy already in it: no
/// injector is asked.
pub fn injecting_revision(cluster: &Cluster, pod: usize) -> Option<String> {
    let p = cluster.pods.get(pod)?;
    if injected(&p.containers).is_some() {
        return None;
    }
    let ns = cluster.namespaces.get(p.ns);
    let ns_label = |k: &str| ns.and_then(|n| n.labels.get(k)).map(String::as_str);
    let revision = match (p.labels.get(REVISION), ns_label("istio-injection")) {
        (Some(r), _) => r.as_str(),
        (None, Some("enabled")) => DEFAULT_REVISION,
        (None, _) => ns_label(REVISION).unwrap_or(DEFAULT_REVISION),
    };
    Some(revision.to_string())
}

/// The Istio revisions a cluster's labels ask for, and `default`: what a scenario has
/// installed when it says nothing else.
pub fn revisions_named(cluster: &Cluster) -> BTreeSet<String> {
    let labels = cluster.namespaces.iter().map(|n| &n.labels);
    labels
        .chain(cluster.pods.iter().map(|p| &p.labels))
        .filter_map(|l| l.get(REVISION).cloned())
        .chain([DEFAULT_REVISION.to_string()])
        .collect()
}

const REVISION: &str = "istio.io/rev";
const DEFAULT_REVISION: &str = "default";

/// A pod written after injection (`kubectl get pod -o yaml`) already carries its proxy, as an
/// app container or as a native sidecar: it is meshed whatever the labels say now.
fn injected(containers: &[Container]) -> Option<Profile> {
    containers.iter().find_map(|c| match c.name.as_str() {
        "istio-proxy" => Some(Profile::IstioSidecar),
        "linkerd-proxy" => Some(Profile::Linkerd),
        _ => None,
    })
}

/// Mesh-wide settings from the ConfigMaps where the meshes keep them.
fn config(cluster: &mut Cluster, objects: &Objects, options: &LoadOptions) {
    cluster.mesh.cilium_cni = options.mesh == Some(Profile::Cilium);
    for doc in &objects.core.config_maps {
        let md = &doc.obj.metadata;
        let data = &doc.obj.data;
        // Istio mesh config: the `mesh` key of istio-system/istio holds MeshConfig YAML.
        if md.namespace.as_deref() == Some("istio-system")
            && md.name.as_deref() == Some("istio")
            && let Some(mesh) = data.get("mesh")
        {
            match yaml::parse_documents(mesh) {
                Ok(docs) => {
                    let mode = docs
                        .first()
                        .and_then(|d| d.get("outboundTrafficPolicy"))
                        .and_then(|o| o.get("mode"))
                        .and_then(Node::as_str);
                    cluster.mesh.istio_registry_only = mode == Some("REGISTRY_ONLY");
                }
                Err(e) => assumed(
                    cluster,
                    &doc.origin,
                    format!(
                        "ConfigMap istio-system/istio: `mesh` is not MeshConfig YAML ({}:{}: {}); Istio's defaults assumed",
                        e.line, e.column, e.message
                    ),
                ),
            }
        }
        // Linkerd keeps its install values as YAML under `values` of linkerd/linkerd-config.
        if md.namespace.as_deref() == Some("linkerd")
            && md.name.as_deref() == Some("linkerd-config")
            && let Some(values) = data.get("values")
        {
            linkerd_values(cluster, &doc.origin, values);
        }
        if md.namespace.as_deref() == Some("kube-system")
            && md.name.as_deref() == Some("cilium-config")
        {
            cluster.mesh.cilium_cni = true;
            cluster.mesh.cilium_mode = match data.get("enable-policy").map(String::as_str) {
                Some("always") => Some(EnforcementMode::Always),
                Some("never") => Some(EnforcementMode::Never),
                None | Some("default") => Some(EnforcementMode::Default),
                Some(other) => {
                    let what = format!(
                        "ConfigMap kube-system/cilium-config: enable-policy {other:?} is not one of default, always, never; default assumed"
                    );
                    assumed(cluster, &doc.origin, what);
                    Some(EnforcementMode::Default)
                }
            };
            let on = |key: &str| data.get(key).is_some_and(|v| v == "true");
            cluster.mesh.wireguard = on("enable-wireguard");
            cluster.mesh.ipsec = on("enable-ipsec");
            cluster.mesh.cilium_audit = on("policy-audit-mode");
            // Helm's authentication.mutual.spire.enabled writes this key (mutual-authentication.rst).
            cluster.mesh.cilium_mutual_auth = on("mesh-auth-mutual-enabled");
            cluster.mesh.cilium_deny_response = match data
                .get("policy-deny-response")
                .map(String::as_str)
            {
                None | Some("none") => DenyResponse::None,
                Some("icmp") => DenyResponse::Icmp,
                Some(other) => {
                    let what = format!(
                        "ConfigMap kube-system/cilium-config: policy-deny-response {other:?} is not one of none, icmp; none assumed"
                    );
                    assumed(cluster, &doc.origin, what);
                    DenyResponse::None
                }
            };
        }
    }
}

/// Linkerd's cluster-wide default inbound policy, `proxy.defaultInboundPolicy` (linkerd2
/// charts/linkerd-control-plane/values.yaml).
fn linkerd_values(cluster: &mut Cluster, origin: &Origin, values: &str) {
    let policy = match yaml::parse_documents(values) {
        Ok(docs) => docs
            .first()
            .and_then(|d| d.get("proxy"))
            .and_then(|p| p.get("defaultInboundPolicy"))
            .and_then(Node::as_str)
            .map(str::to_owned),
        Err(e) => {
            let what = format!(
                "ConfigMap linkerd/linkerd-config: `values` is not YAML ({}:{}: {}); Linkerd's defaults assumed",
                e.line, e.column, e.message
            );
            assumed(cluster, origin, what);
            return;
        }
    };
    let Some(policy) = policy else { return };
    match DefaultPolicy::parse(&policy) {
        Some(p) => cluster.mesh.linkerd_default_policy = Some(p),
        None => assumed(
            cluster,
            origin,
            format!(
                "ConfigMap linkerd/linkerd-config: proxy.defaultInboundPolicy {policy:?} is not a default policy; all-unauthenticated assumed"
            ),
        ),
    }
}

/// A pod's data plane from its own and its namespace's labels/annotations, else `default`.
/// Pod-level opt-outs beat namespace enrollment; `istio-injection` beats `istio.io/rev`.
pub fn enrollment(
    pod_labels: &Labels,
    pod_annotations: &Labels,
    ns_labels: &Labels,
    ns_annotations: &Labels,
    default: Option<Profile>,
) -> Profile {
    fn get<'a>(m: &'a Labels, k: &str) -> Option<&'a str> {
        m.get(k).map(String::as_str)
    }
    // Pod level.
    match get(pod_labels, "istio.io/dataplane-mode") {
        Some("ambient") => return Profile::IstioAmbient,
        Some("none") => return Profile::None,
        _ => {}
    }
    let pod_sidecar = get(pod_labels, "sidecar.istio.io/inject")
        .or_else(|| get(pod_annotations, "sidecar.istio.io/inject"));
    if pod_sidecar == Some("false") {
        return Profile::None;
    }
    match get(pod_annotations, "linkerd.io/inject") {
        Some("enabled" | "ingress") => return Profile::Linkerd,
        Some("disabled") => return Profile::None,
        _ => {}
    }
    // Namespace level. `istio-injection: disabled` turns Istio's sidecar injector away, not
    // the other meshes: a namespace enrolled explicitly in ambient or Linkerd stays enrolled.
    // Without such a label it also opts out of `--mesh`, as the lab's legacy namespace does.
    match get(ns_labels, "istio-injection") {
        Some("enabled") => return Profile::IstioSidecar,
        Some("disabled") => {
            return match (
                get(ns_labels, "istio.io/dataplane-mode"),
                get(ns_annotations, "linkerd.io/inject"),
            ) {
                (Some("ambient"), _) => Profile::IstioAmbient,
                (_, Some("enabled" | "ingress")) => Profile::Linkerd,
                _ => Profile::None,
            };
        }
        _ => {}
    }
    if get(ns_labels, "istio.io/rev").is_some() || pod_sidecar == Some("true") {
        return Profile::IstioSidecar;
    }
    if get(ns_labels, "istio.io/dataplane-mode") == Some("ambient") {
        return Profile::IstioAmbient;
    }
    match get(ns_annotations, "linkerd.io/inject") {
        Some("enabled" | "ingress") => return Profile::Linkerd,
        Some("disabled") => return Profile::None,
        _ => {}
    }
    default.unwrap_or(Profile::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn istio_injection_disabled_turns_away_istio_only() {
        let none = Labels::new();
        let disabled = labels(&[("istio-injection", "disabled")]);
        let linkerd = labels(&[("linkerd.io/inject", "enabled")]);
        let enroll = |ns_labels: &Labels, ns_annotations: &Labels, default| {
            enrollment(&none, &none, ns_labels, ns_annotations, default)
        };
        // An explicit Linkerd annotation on the namespace still injects linkerd-proxy.
        assert_eq!(enroll(&disabled, &linkerd, None), Profile::Linkerd);
        let ambient = labels(&[
            ("istio-injection", "disabled"),
            ("istio.io/dataplane-mode", "ambient"),
        ]);
        assert_eq!(enroll(&ambient, &none, None), Profile::IstioAmbient);
        // Alone it opts the namespace out of Istio's sidecar and of the studied mesh.
        assert_eq!(
            enroll(&disabled, &none, Some(Profile::IstioSidecar)),
            Profile::None
        );
        assert_eq!(
            enroll(&disabled, &none, Some(Profile::Linkerd)),
            Profile::None
        );
        // A pod's own opt-in to Istio's sidecar does not beat the namespace's `disabled`.
        let pod_opt_in = labels(&[("sidecar.istio.io/inject", "true")]);
        assert_eq!(
            enrollment(&pod_opt_in, &none, &disabled, &none, None),
            Profile::None
        );
    }
}
