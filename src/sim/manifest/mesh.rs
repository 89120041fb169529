//! Mesh kinds (Istio, Linkerd, Cilium) and mesh enrollment.

use super::yaml::Node;
use super::{LoadError, LoadOptions, Objects};
use crate::sim::mesh::enrollment;
use crate::sim::model::{Cluster, Origin};

/// Mesh objects in input order.
#[derive(Default)]
pub(crate) struct MeshObjects {}

impl MeshObjects {
    /// Take a document of a mesh kind. Ok(false) = not a mesh kind meshlab models.
    pub fn add(
        &mut self,
        _group: &str,
        _kind: &str,
        _node: &Node,
        _origin: &Origin,
        _file: &str,
    ) -> Result<bool, LoadError> {
        Ok(false)
    }
}

pub(super) fn resolve(cluster: &mut Cluster, _objects: &Objects, options: &LoadOptions) {
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
}
