//! Manifest loading: bytes → YAML documents → typed objects per API group → the resolved
//! [`Cluster`], under the loader's contract (`docs/simulator.md`): malformed input stops the
//! load with `file:line:column` (exit code 2); an object the API server would refuse is listed
//! as rejected with its reason and position; a field or kind that could change an answer but
//! is not modeled is accepted with a warning naming it; nothing is dropped without a word.
//!
//! One file per API group holds its serde types, its `KINDS` rows (`registry.rs`) and its
//! resolution into the model; `resolve.rs` runs the groups in order.

mod cilium;
mod cilium_types;
mod core_v1;
pub mod fields;
mod gateway_api;
mod gateway_api_grpc;
mod gateway_api_stream;
mod gateway_api_types;
mod gateway_attachment;
mod istio;
mod istio_traffic;
mod istio_types;
mod linkerd;
mod linkerd_egress_routes;
mod mesh;
mod mesh_types;
pub(crate) mod meta;
mod networking_k8s_io;
mod registry;
mod report;
mod resolve;
mod workloads;
pub mod yaml;

pub use self::mesh::profile_of;
pub use self::mesh::{injecting_revision, revisions_named};
use self::registry::{Read, Reader};
pub use self::report::LoadError;
use self::yaml::{DeError, Node};
use super::model::mesh::Profile;
use super::model::{Cluster, Origin, Rejected, Warn, Warning};

/// Kinds whose objects belong to no namespace (named `NAME`, not `NS/NAME`).
const CLUSTER_SCOPED: &[&str] = &[
    "Namespace",
    "Node",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleBinding",
    "ClusterIssuer",
    "GatewayClass",
    "CiliumClusterwideNetworkPolicy",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// One input: a file name (or `-` for stdin) and its raw bytes.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--mesh PROFILE`: enrolls every namespace whose own labels say nothing else.
    pub mesh: Option<Profile>,
}

/// A typed document with its origin.
struct Doc<T> {
    pub obj: T,
    pub origin: Origin,
}

/// Every modeled object, in input order, per API group; and what reading them raised.
#[derive(Default)]
struct Objects {
    pub core: core_v1::Store,
    pub workloads: workloads::Store,
    pub netpol: networking_k8s_io::Store,
    pub gateway: gateway_api::Store,
    pub istio: istio::Store,
    pub linkerd: linkerd::Store,
    pub cilium: cilium::Store,
    /// `(kind, NS/NAME)` of the inert objects, for references to them (a Gateway listener's
    /// certificate Secret).
    pub inert: std::collections::BTreeSet<(String, String)>,
    pub diag: Diag,
}

/// What reading the documents raised, before resolution adds its own.
#[derive(Default)]
struct Diag {
    pub warnings: Vec<Warning>,
    pub rejected: Vec<Rejected>,
}

/// Load and resolve all sources.
pub fn load(sources: &[Source], options: &LoadOptions) -> Result<Cluster, LoadError> {
    let mut objects = Objects::default();
    let mut docs: Vec<(&str, Node)> = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for source in sources {
        let text = std::str::from_utf8(&source.bytes).map_err(|e| {
            let before = source.bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + before.iter().filter(|b| **b == b'\n').count() as u64;
            let column = 1 + before.iter().rev().take_while(|b| **b != b'\n').count() as u64;
            LoadError {
                file: source.name.clone(),
                line,
                column,
                message: "invalid UTF-8 in input".to_owned(),
            }
        })?;
        for doc in yaml::parse_documents(text).map_err(|e| located(&source.name, &e))? {
            match identity(&doc) {
                // A later object with the same kind, namespace and name replaces the earlier
                // one where it stood, as `kubectl apply` of a second file would.
                Some(key) => match seen.get(&key) {
                    Some(&i) => docs[i] = (source.name.as_str(), doc),
                    None => {
                        seen.insert(key, docs.len());
                        docs.push((source.name.as_str(), doc));
                    }
                },
                None => docs.push((source.name.as_str(), doc)),
            }
        }
    }
    for (file, doc) in docs {
        add_document(&mut objects, file, doc)?;
    }
    Ok(resolve::resolve(objects, options))
}

/// `apiVersion group, kind, namespace, name` of a named object; `None` for anything else
/// (lists, documents without a name), which is never replaced.
fn identity(node: &Node) -> Option<(String, String, String, String)> {
    let text = |n: Option<&Node>| n.and_then(Node::as_str).map(str::to_owned);
    let group = text(node.get("apiVersion"))?
        .rsplit_once('/')
        .map_or(String::new(), |(g, _)| g.to_owned());
    let kind = text(node.get("kind"))?;
    let meta = node.get("metadata")?;
    let name = text(meta.get("name"))?;
    let namespace = text(meta.get("namespace")).unwrap_or_default();
    Some((group, kind, namespace, name))
}

pub(crate) fn located(file: &str, e: &DeError) -> LoadError {
    let message = if e.path.is_empty() {
        e.message.clone()
    } else if e.unknown_field {
        format!("unsupported field `{}`: {}", e.path, e.message)
    } else {
        // The deserializer's words (`invalid type: …`, `missing field …`) inside meshlab's.
        format!("{}: {}", e.path, yaml::yaml_problem(&e.message))
    };
    LoadError {
        file: file.to_owned(),
        line: e.line,
        column: e.column,
        message,
    }
}

fn header<'a>(node: &'a Node, key: &str, file: &str) -> Result<&'a str, LoadError> {
    node.get(key)
        .and_then(Node::as_str)
        .ok_or_else(|| LoadError {
            file: file.to_owned(),
            line: node.line,
            column: node.column,
            message: format!("object has no `{key}` string: not a Kubernetes manifest"),
        })
}

fn add_document(objects: &mut Objects, file: &str, node: Node) -> Result<(), LoadError> {
    if !matches!(node.value, yaml::Value::Map(_)) {
        return Err(LoadError {
            file: file.to_owned(),
            line: node.line,
            column: node.column,
            message: "a manifest document must be a mapping".to_owned(),
        });
    }
    let kind = header(&node, "kind", file)?.to_owned();
    let api_version = header(&node, "apiVersion", file)?.to_owned();
    let group = api_version
        .rsplit_once('/')
        .map_or("", |(group, _)| group)
        .to_owned();
    if kind == "List" && group.is_empty() {
        if let Some(yaml::Value::Seq(items)) = node.get("items").map(|n| &n.value) {
            for item in items.clone() {
                add_document(objects, file, item)?;
            }
        }
        return Ok(());
    }
    let origin = Origin {
        file: file.to_owned(),
        line: node.line,
        column: node.column,
    };
    let name = |key: &str| {
        node.get("metadata")
            .and_then(|m| m.get(key))
            .and_then(Node::as_str)
    };
    let object = match (name("namespace"), name("name")) {
        _ if CLUSTER_SCOPED.contains(&kind.as_str()) => name("name").unwrap_or_default().to_owned(),
        (ns, Some(n)) => format!("{}/{n}", ns.unwrap_or("default")),
        _ => String::new(),
    };
    match registry::find(&group, &kind) {
        Some(Read::Modeled { read, .. }) => {
            let reader = Reader {
                node: &node,
                origin: &origin,
                kind: &kind,
                object,
            };
            read(&reader, objects);
        }
        Some(Read::Inert) => {
            objects.inert.insert((kind, object));
        }
        None => objects.diag.warnings.push(Warning {
            object: format!("{kind} {object}"),
            at: origin,
            warn: Warn::KindNotModeled { api_version },
        }),
    }
    Ok(())
}

#[cfg(test)]
mod tests;
