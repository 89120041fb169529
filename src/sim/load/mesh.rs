//! Mesh kinds into the model, and mesh enrollment. Invalid objects are rejected the way the
//! mesh's admission webhook or CRD schema would refuse them.

use super::mesh_types as t;
use super::report::assumed;
use super::yaml::{self, Node};
use super::{Doc, LoadError, LoadOptions, Objects, located};
use crate::sim::model::cilium::EnforcementMode;
use crate::sim::model::labels::Labels;
use crate::sim::model::mesh::{APP_STATUS_ANNOTATION, APP_TRIES_ANNOTATION, Profile};
use crate::sim::model::{Cluster, Origin};

/// A mesh object with a typed `spec`.
type Istio<S> = Doc<t::Object<S>>;

/// Mesh objects in input order.
#[derive(Default)]
pub(crate) struct MeshObjects {
    pub(super) config_maps: Vec<Doc<t::ConfigMap>>,
    pub(super) peer_authentications: Vec<Istio<t::PeerAuthenticationSpec>>,
    pub(super) authorization_policies: Vec<Istio<t::AuthorizationPolicySpec>>,
    pub(super) virtual_services: Vec<Istio<t::VirtualServiceSpec>>,
    pub(super) servers: Vec<Istio<t::ServerSpec>>,
    pub(super) linkerd_authz: Vec<Istio<t::LinkerdAuthorizationPolicySpec>>,
    pub(super) meshtls: Vec<Istio<t::MeshTlsAuthenticationSpec>>,
    pub(super) network_authns: Vec<Istio<t::NetworkAuthenticationSpec>>,
    pub(super) cilium: Vec<Doc<t::CiliumNetworkPolicy>>,
    pub(super) service_entries: Vec<Istio<t::ServiceEntrySpec>>,
    pub(super) egress_networks: Vec<Istio<t::EgressNetworkSpec>>,
}

fn typed<T: serde::de::DeserializeOwned>(node: &Node, file: &str) -> Result<T, LoadError> {
    yaml::from_node(node).map_err(|e| located(file, &e))
}

impl MeshObjects {
    /// Take a document of a mesh kind. Ok(false) = not a kind meshlab models.
    pub fn add(
        &mut self,
        group: &str,
        kind: &str,
        node: &Node,
        origin: &Origin,
        file: &str,
    ) -> Result<bool, LoadError> {
        macro_rules! push {
            ($list:expr) => {{
                $list.push(Doc {
                    obj: typed(node, file)?,
                    origin: origin.clone(),
                });
            }};
        }
        match (group, kind) {
            ("", "ConfigMap") => push!(self.config_maps),
            ("security.istio.io", "PeerAuthentication") => push!(self.peer_authentications),
            ("security.istio.io", "AuthorizationPolicy") => push!(self.authorization_policies),
            ("networking.istio.io", "VirtualService") => push!(self.virtual_services),
            ("policy.linkerd.io", "Server") => push!(self.servers),
            ("policy.linkerd.io", "AuthorizationPolicy") => push!(self.linkerd_authz),
            ("policy.linkerd.io", "MeshTLSAuthentication") => push!(self.meshtls),
            ("policy.linkerd.io", "NetworkAuthentication") => push!(self.network_authns),
            ("cilium.io", "CiliumNetworkPolicy") => push!(self.cilium),
            ("networking.istio.io", "ServiceEntry") => push!(self.service_entries),
            ("policy.linkerd.io", "EgressNetwork") => push!(self.egress_networks),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

pub(super) fn resolve(cluster: &mut Cluster, objects: &Objects, options: &LoadOptions) {
    let m = &objects.mesh;
    config(cluster, m, options);
    cluster.mesh.pod_profile = cluster
        .pods
        .iter()
        .map(|p| {
            let ns = cluster.namespaces.get(p.ns);
            let empty = Default::default();
            enrollment(
                &p.labels,
                &p.annotations,
                ns.map_or(&empty, |n| &n.labels),
                ns.map_or(&empty, |n| &n.annotations),
                options.mesh,
            )
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
    super::istio::istio_objects(cluster, m);
    super::linkerd::linkerd_objects(cluster, m);
    super::cilium::cilium_objects(cluster, m);
}

fn config(cluster: &mut Cluster, m: &MeshObjects, options: &LoadOptions) {
    cluster.mesh.cilium_cni = options.mesh == Some(Profile::Cilium);
    for doc in &m.config_maps {
        let md = &doc.obj.metadata;
        // Istio mesh config: the `mesh` key of istio-system/istio holds MeshConfig YAML.
        if md.namespace.as_deref() == Some("istio-system")
            && md.name.as_deref() == Some("istio")
            && let Some(mesh) = doc.obj.data.get("mesh")
        {
            let mode = yaml::parse_documents(mesh).ok().and_then(|docs| {
                docs.first()
                    .and_then(|d| d.get("outboundTrafficPolicy"))
                    .and_then(|o| o.get("mode"))
                    .and_then(Node::as_str)
                    .map(str::to_owned)
            });
            cluster.mesh.istio_registry_only = mode.as_deref() == Some("REGISTRY_ONLY");
        }
        if md.namespace.as_deref() == Some("kube-system")
            && md.name.as_deref() == Some("cilium-config")
        {
            cluster.mesh.cilium_cni = true;
            let data = &doc.obj.data;
            cluster.mesh.cilium_mode = match data.get("enable-policy").map(String::as_str) {
                Some("always") => Some(EnforcementMode::Always),
                Some("never") => Some(EnforcementMode::Never),
                _ => Some(EnforcementMode::Default),
            };
            cluster.mesh.wireguard = data.get("enable-wireguard").is_some_and(|v| v == "true");
            cluster.mesh.cilium_audit = data.get("policy-audit-mode").is_some_and(|v| v == "true");
        }
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
    // Namespace level.
    match get(ns_labels, "istio-injection") {
        Some("enabled") => return Profile::IstioSidecar,
        Some("disabled") => return Profile::None,
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
