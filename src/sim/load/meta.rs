//! What every object shares: `metadata`, label selectors, int-or-string values, and the
//! namespace and name an object lands in.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::report::assumed;
use super::yaml::Inert;
use crate::sim::model::labels::{Labels, Selector};
use crate::sim::model::{Cluster, Namespace, Origin};

/// The label the control plane sets on every namespace (NOTES.md NetworkPolicy 5).
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// `metadata` of any object (meta/v1 ObjectMeta).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMeta {
    pub name: Option<String>,
    pub namespace: Option<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// Normally server-assigned; HTTPRoute precedence honours it (oldest first).
    pub creation_timestamp: Option<String>,
    // Server-side bookkeeping: none of it changes how a request is answered.
    #[serde(rename = "generateName")]
    pub _generate_name: Option<Inert>,
    #[serde(rename = "uid")]
    pub _uid: Option<Inert>,
    #[serde(rename = "resourceVersion")]
    pub _resource_version: Option<Inert>,
    #[serde(rename = "generation")]
    pub _generation: Option<Inert>,
    #[serde(rename = "managedFields")]
    pub _managed_fields: Option<Inert>,
    #[serde(rename = "ownerReferences")]
    pub _owner_references: Option<Inert>,
    #[serde(rename = "finalizers")]
    pub _finalizers: Option<Inert>,
    #[serde(rename = "selfLink")]
    pub _self_link: Option<Inert>,
    #[serde(rename = "deletionTimestamp")]
    pub _deletion_timestamp: Option<Inert>,
    #[serde(rename = "deletionGracePeriodSeconds")]
    pub _deletion_grace_period_seconds: Option<Inert>,
}

/// An `int-or-string` field (ports, targetPort).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IntOrString {
    Int(i64),
    Str(String),
}

/// meta/v1 LabelSelector: matchLabels AND matchExpressions.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelector {
    pub match_labels: Option<BTreeMap<String, String>>,
    pub match_expressions: Option<Vec<LabelSelectorRequirement>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Option<Vec<String>>,
}

/// A LabelSelector as the model matches it; `path` names it in a validation error.
pub(crate) fn selector(sel: &LabelSelector, path: &str) -> Result<Selector, String> {
    let exprs: Vec<_> = sel
        .match_expressions
        .iter()
        .flatten()
        .map(|r| (r.key.clone(), r.operator.clone(), r.values.clone()))
        .collect();
    Selector::build(sel.match_labels.as_ref(), &exprs, path)
}

pub(crate) fn object_ns(meta: &ObjectMeta) -> String {
    meta.namespace
        .clone()
        .unwrap_or_else(|| "default".to_owned())
}

pub(crate) fn object_name(meta: &ObjectMeta) -> String {
    meta.name.clone().unwrap_or_default()
}

/// The namespace `name`, created (with a warning, unless it is one every cluster has) when no
/// Namespace object declares it.
pub(crate) fn ensure_namespace(cluster: &mut Cluster, name: &str, origin: &Origin) -> usize {
    if let Some(id) = cluster.namespace(name) {
        return id;
    }
    if name != "default" && name != "kube-system" {
        assumed(
            cluster,
            origin,
            format!("namespace {name} is not declared; assumed to exist with no labels"),
        );
    }
    let mut labels = Labels::new();
    labels.insert(NAMESPACE_NAME_LABEL.to_owned(), name.to_owned());
    cluster.namespaces.push(Namespace {
        name: name.to_owned(),
        labels,
        annotations: Labels::new(),
    });
    cluster.namespaces.len() - 1
}

/// The namespace an object lives in.
pub(crate) fn namespace_of(cluster: &mut Cluster, meta: &ObjectMeta, origin: &Origin) -> usize {
    ensure_namespace(cluster, &object_ns(meta), origin)
}
