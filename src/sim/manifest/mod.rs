//! Manifest loading: bytes → YAML documents → typed objects per kind → the resolved
//! [`Cluster`]. Syntax errors, wrong types and unsupported fields stop the load with
//! `file:line:column`; objects the API server would refuse are listed as rejected and skipped.

mod gateway;
mod k8s;
mod mesh;
mod mesh_types;
mod netpol;
mod resolve;
mod routes;
pub mod yaml;

pub(crate) use self::resolve::NAMESPACE_NAME_LABEL;

use std::fmt;

use self::yaml::{DeError, Node};
use super::mesh::Profile;
use super::model::{Cluster, Origin};

/// One input: a file name (or `-` for stdin) and its raw bytes.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Bad input: the load stops here (exit code 2 in the CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for LoadError {}

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--mesh PROFILE`: enrolls every namespace whose own labels say nothing else.
    pub mesh: Option<Profile>,
}

/// A typed document with its origin.
pub(crate) struct Doc<T> {
    pub obj: T,
    pub origin: Origin,
}

/// Every supported object, in input order, per kind.
#[derive(Default)]
pub(crate) struct Objects {
    pub namespaces: Vec<Doc<k8s::Namespace>>,
    pub nodes: Vec<Doc<k8s::Node>>,
    pub pods: Vec<Doc<k8s::Pod>>,
    pub deployments: Vec<Doc<k8s::Deployment>>,
    pub services: Vec<Doc<k8s::Service>>,
    pub network_policies: Vec<Doc<k8s::NetworkPolicy>>,
    pub gateways: Vec<Doc<gateway::Gateway>>,
    pub routes: Vec<Doc<gateway::HttpRoute>>,
    pub grants: Vec<Doc<gateway::ReferenceGrant>>,
    pub mesh: mesh::MeshObjects,
    pub warnings: Vec<String>,
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
    } else if e.unsupported_field {
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
    macro_rules! push {
        ($list:expr) => {{
            let obj = yaml::from_node(&node).map_err(|e| located(file, &e))?;
            $list.push(Doc { obj, origin });
        }};
    }
    match (group.as_str(), kind.as_str()) {
        ("", "Namespace") => push!(objects.namespaces),
        ("", "Node") => push!(objects.nodes),
        ("", "Pod") => push!(objects.pods),
        ("", "Service") => push!(objects.services),
        ("", "ServiceAccount") | ("gateway.networking.k8s.io", "GatewayClass") => {}
        ("apps", "Deployment") => push!(objects.deployments),
        ("networking.k8s.io", "NetworkPolicy") => push!(objects.network_policies),
        ("gateway.networking.k8s.io", "Gateway") => push!(objects.gateways),
        ("gateway.networking.k8s.io" | "policy.linkerd.io", "HTTPRoute") => {
            push!(objects.routes)
        }
        ("gateway.networking.k8s.io", "ReferenceGrant") => push!(objects.grants),
        _ => {
            if !objects.mesh.add(&group, &kind, &node, &origin, file)? {
                objects.warnings.push(format!(
                    "{origin}: skipped {kind} ({api_version}): kind not modeled by meshlab"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
