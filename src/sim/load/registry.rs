//! The one table from (API group, kind) to how meshlab reads an object: modeled (typed, kept
//! for resolution), or inert (it cannot change a request's outcome: accepted silently). A kind
//! in neither list is skipped with a warning (contract (e)). Each API group's file adds its
//! rows (`KINDS`); adding a kind touches that file only.

use schemars::{Schema, SchemaGenerator};
use serde::de::DeserializeOwned;

use super::yaml::{self, Node};
use super::{
    Diag, Doc, Objects, cilium, core_v1, gateway_api, istio, linkerd, networking_k8s_io, workloads,
};
use crate::sim::model::{Origin, Rejected, Warn, Warning};

/// How a kind is read.
#[derive(Clone, Copy)]
pub(super) enum Read {
    /// Deserialize and keep it ([`modeled!`] writes the function); the schema of its serde
    /// type is what `docs/simulator-fields.md` lists.
    Modeled {
        read: fn(&Reader<'_>, &mut Objects),
        schema: fn(&mut SchemaGenerator) -> Schema,
    },
    /// It cannot change how a request is answered (RBAC, storage, autoscaling, certificates).
    Inert,
}

#[derive(Clone, Copy)]
pub(super) struct Kind {
    pub group: &'static str,
    pub kind: &'static str,
    pub read: Read,
}

impl Kind {
    pub const fn inert(group: &'static str, kind: &'static str) -> Self {
        Kind {
            group,
            kind,
            read: Read::Inert,
        }
    }
}

/// `modeled!(GROUP, "Kind", SerdeType, |o| o.group.list)`: a row that reads the document as
/// `SerdeType` (warnings for its unmodeled fields, a rejection if it does not fit) and keeps
/// it in `o.group.list`. The type written once gives both the reading and the schema.
macro_rules! modeled {
    ($group:expr, $kind:expr, $ty:ty, |$o:ident| $list:expr) => {
        $crate::sim::load::registry::Kind {
            group: $group,
            kind: $kind,
            read: $crate::sim::load::registry::Read::Modeled {
                read: |r, $o| {
                    let doc: Option<$crate::sim::load::Doc<$ty>> = r.typed(&mut $o.diag);
                    $list.extend(doc);
                },
                schema: |g| g.subschema_for::<$ty>(),
            },
        }
    };
}
pub(super) use modeled;

/// Kinds of groups that have no file of their own and cannot change a request's outcome.
const OTHER_INERT: &[Kind] = &[
    Kind::inert("rbac.authorization.k8s.io", "Role"),
    Kind::inert("rbac.authorization.k8s.io", "ClusterRole"),
    Kind::inert("rbac.authorization.k8s.io", "RoleBinding"),
    Kind::inert("rbac.authorization.k8s.io", "ClusterRoleBinding"),
    Kind::inert("storage.k8s.io", "StorageClass"),
    Kind::inert("scheduling.k8s.io", "PriorityClass"),
    Kind::inert("apiextensions.k8s.io", "CustomResourceDefinition"),
    Kind::inert("cert-manager.io", "Certificate"),
    Kind::inert("cert-manager.io", "Issuer"),
    Kind::inert("cert-manager.io", "ClusterIssuer"),
];

/// Every group's rows.
fn tables() -> [&'static [Kind]; 8] {
    [
        core_v1::KINDS,
        workloads::KINDS,
        networking_k8s_io::KINDS,
        gateway_api::KINDS,
        istio::KINDS,
        linkerd::KINDS,
        cilium::KINDS,
        OTHER_INERT,
    ]
}

/// How meshlab reads `group`/`kind`, if it knows the kind at all.
pub(super) fn find(group: &str, kind: &str) -> Option<Read> {
    all()
        .find(|k| k.group == group && k.kind == kind)
        .map(|k| k.read)
}

/// Every kind meshlab knows, group by group.
pub(super) fn all() -> impl Iterator<Item = &'static Kind> {
    tables().into_iter().flatten()
}

/// One document being read: what a `Read::Modeled` function needs to type it.
pub(super) struct Reader<'a> {
    pub node: &'a Node,
    pub origin: &'a Origin,
    pub kind: &'a str,
    /// `NS/NAME` (or `NAME`) as the metadata says, for messages.
    pub object: String,
}

impl Reader<'_> {
    /// The document as `T`, with a warning for every unmodeled field it sets; `None` when it
    /// does not fit the kind's schema, which the API server refuses (listed as rejected, with
    /// the field and its position).
    pub fn typed<T: DeserializeOwned>(&self, diag: &mut Diag) -> Option<Doc<T>> {
        match yaml::from_node::<T>(self.node) {
            Ok(typed) => {
                for field in typed.unmodeled {
                    diag.warnings.push(Warning {
                        at: Origin {
                            file: self.origin.file.clone(),
                            line: field.line,
                            column: field.column,
                        },
                        object: format!("{} {}", self.kind, self.object),
                        warn: Warn::Unmodeled { field: field.path },
                    });
                }
                Some(Doc {
                    obj: typed.value,
                    origin: self.origin.clone(),
                })
            }
            Err(e) => {
                let reason = if e.path.is_empty() {
                    e.message.clone()
                } else {
                    format!("{}: {}", e.path, e.message)
                };
                diag.rejected.push(Rejected {
                    at: Origin {
                        file: self.origin.file.clone(),
                        line: e.line,
                        column: e.column,
                    },
                    kind: self.kind.to_owned(),
                    object: self.object.clone(),
                    reason,
                });
                None
            }
        }
    }
}
