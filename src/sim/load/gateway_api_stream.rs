//! TCPRoute, TLSRoute and UDPRoute (gateway-api apis/v1/{tcp,tls,udp}route_types.go) and
//! BackendTLSPolicy (apis/v1/backendtlspolicy_types.go) into the model.

use super::Objects;
use super::gateway_api::{RouteCtx, backend, parent_refs};
use super::meta::{namespace_of, object_name};
use super::report::{reject, warn};
use crate::sim::model::{BackendTls, Cluster, StreamKind, StreamRoute, Warn};

pub(super) fn stream_routes(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.gateway.stream_routes {
        let r = &doc.obj;
        let ns = namespace_of(cluster, &r.metadata, &doc.origin);
        let name = object_name(&r.metadata);
        let kind = match r.kind.as_str() {
            "TLSRoute" => StreamKind::Tls,
            "UDPRoute" => StreamKind::Udp,
            _ => StreamKind::Tcp,
        };
        let ns_name = cluster.ns_name(ns).to_owned();
        let ctx = RouteCtx {
            cluster,
            objects,
            kind: kind.as_str(),
            ns: &ns_name,
        };
        let resolved = (|| {
            if kind != StreamKind::Tls && r.spec.hostnames.is_some() {
                return Err(
                    "spec.hostnames: unknown field (only TLSRoute has hostnames)".to_owned(),
                );
            }
            let Some(first) = r.spec.rules.first() else {
                return Err("spec.rules: Required value: at least one rule".to_owned());
            };
            if first.backend_refs.is_empty() {
                return Err(
                    "spec.rules[0].backendRefs: Required value: at least one backendRef".to_owned(),
                );
            }
            let mut backends = Vec::new();
            for (j, b) in first.backend_refs.iter().enumerate() {
                let weight = b.weight.unwrap_or(1);
                if !(0..=1_000_000).contains(&weight) {
                    return Err(format!(
                        "spec.rules[0].backendRefs[{j}].weight: Invalid value: {weight}: must be between 0 and 1000000"
                    ));
                }
                backends.push(backend(
                    &ctx,
                    b.group.as_deref(),
                    b.kind.as_deref(),
                    &b.name,
                    b.namespace.as_deref(),
                    b.port,
                    u32::try_from(weight).unwrap_or(0),
                ));
            }
            Ok(StreamRoute {
                kind,
                name: name.clone(),
                ns,
                parents: parent_refs(&r.spec.parent_refs, &ns_name),
                hostnames: r.spec.hostnames.clone().unwrap_or_default(),
                backends,
                origin: doc.origin.clone(),
            })
        })();
        match resolved {
            Ok(route) => {
                // Implementations forward to one rule's backends; more rules are not modeled.
                for i in 1..r.spec.rules.len() {
                    warn(
                        cluster,
                        &doc.origin,
                        format!("{} {ns_name}/{name}", kind.as_str()),
                        Warn::Unmodeled {
                            field: format!("spec.rules[{i}]"),
                        },
                    );
                }
                cluster.stream_routes.push(route);
            }
            Err(reason) => reject(cluster, &doc.origin, kind.as_str(), ns, &name, reason),
        }
    }
}

/// Each BackendTLSPolicy target: which Service (port) the gateway reaches over TLS, and
/// whether it can validate the backend's certificate at all.
pub(super) fn backend_tls(cluster: &mut Cluster, objects: &Objects) {
    for doc in &objects.gateway.backend_tls {
        let p = &doc.obj;
        let ns = namespace_of(cluster, &p.metadata, &doc.origin);
        let name = object_name(&p.metadata);
        let ns_name = cluster.ns_name(ns).to_owned();
        let v = &p.spec.validation;
        let both = !v.ca_certificate_refs.is_empty() && v.well_known_ca_certificates.is_some();
        let neither = v.ca_certificate_refs.is_empty() && v.well_known_ca_certificates.is_none();
        if both || neither {
            let why = if both {
                "must not contain both CACertificateRefs and WellKnownCACertificates"
            } else {
                "must specify either CACertificateRefs or WellKnownCACertificates"
            };
            reject(
                cluster,
                &doc.origin,
                "BackendTLSPolicy",
                ns,
                &name,
                format!("spec.validation: Invalid value: {why}"),
            );
            continue;
        }
        // CACertificateRefs: a ConfigMap (Core) or Secret in the policy's namespace; anything
        // that does not resolve makes every connection fail with a 5xx.
        let invalid = v
            .ca_certificate_refs
            .iter()
            .enumerate()
            .find_map(|(i, r)| {
                let at = format!("spec.validation.caCertificateRefs[{i}]");
                let exists = match (r.group.as_str(), r.kind.as_str()) {
                    ("", "ConfigMap") => objects.core.config_maps.iter().any(|c| {
                        c.obj.metadata.name.as_deref() == Some(r.name.as_str())
                            && c.obj.metadata.namespace.as_deref().unwrap_or("default") == ns_name
                    }),
                    ("", "Secret") => objects
                        .inert
                        .contains(&("Secret".to_owned(), format!("{ns_name}/{}", r.name))),
                    (g, k) => {
                        return Some(format!("{at}: InvalidKind: {k} (group {g:?}) is not supported"));
                    }
                };
                (!exists).then(|| {
                    format!(
                        "{at}: InvalidCACertificateRef: {} {ns_name}/{} does not exist",
                        r.kind, r.name
                    )
                })
            })
            .or_else(|| {
                v.well_known_ca_certificates
                    .as_deref()
                    .filter(|w| *w != "System")
                    .map(|w| format!("spec.validation.wellKnownCACertificates: Invalid: {w:?} is not a set meshlab knows (System)"))
            });
        let object = format!("BackendTLSPolicy {ns_name}/{name}");
        if let Some(why) = &invalid {
            let why = format!("{why}: connections to its targets fail with a 5xx");
            warn(cluster, &doc.origin, object.clone(), Warn::NoEffect { why });
        }
        for (i, t) in p.spec.target_refs.iter().enumerate() {
            let svc = (t.group.is_empty() && t.kind == "Service")
                .then(|| cluster.service(&ns_name, &t.name))
                .flatten();
            let Some(svc) = svc else {
                let why = format!(
                    "spec.targetRefs[{i}]: no Service {ns_name}/{} (status.ancestors: TargetNotFound)",
                    t.name
                );
                warn(cluster, &doc.origin, object.clone(), Warn::NoEffect { why });
                continue;
            };
            cluster.backend_tls.push(BackendTls {
                name: name.clone(),
                ns,
                svc,
                port_name: t.section_name.clone(),
                hostname: v.hostname.clone(),
                invalid: invalid.clone(),
            });
        }
    }
}
