//! From typed objects to the resolved [`Cluster`], group by group in the order references
//! need: namespaces, nodes, pods (workloads expanded), Services and their endpoints, then
//! policies and routes, then each mesh's objects (which select pods and name Services), and
//! last which pods pass their readiness probes.

use super::{LoadOptions, Objects};
use crate::sim::model::Cluster;

pub(super) fn resolve(objects: Objects, options: &LoadOptions) -> Cluster {
    let mut cluster = Cluster {
        warnings: objects.diag.warnings.clone(),
        rejected: objects.diag.rejected.clone(),
        ..Cluster::default()
    };
    super::core_v1::namespaces(&mut cluster, &objects);
    let named = super::workloads::named_nodes(&objects);
    super::core_v1::nodes(&mut cluster, &objects, &named);
    super::workloads::pods(&mut cluster, &objects);
    super::core_v1::services(&mut cluster, &objects);
    super::networking_k8s_io::network_policies(&mut cluster, &objects);
    super::gateway_api::gateways_and_routes(&mut cluster, &objects);
    super::mesh::resolve(&mut cluster, &objects, options);
    super::istio::istio_objects(&mut cluster, &objects);
    super::linkerd::linkerd_objects(&mut cluster, &objects);
    super::cilium::cilium_objects(&mut cluster, &objects);
    // Last, as the kubelet's probes travel the whole resolved model.
    crate::sim::eval::readiness::settle(&mut cluster);
    cluster
}
