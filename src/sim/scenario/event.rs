//! Events on a scenario's timeline (`[[events]]`): what happens to the cluster, and when. The
//! state at a moment is the fold of the events up to it over the cluster the manifests
//! describe ([`super::timeline`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::time::Time;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub struct Event {
    /// When it happens.
    pub at: Time,
    #[serde(flatten)]
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Change {
    /// The workload's (`NS/NAME`) pods are created now: before, they do not exist.
    PodCreated {
        workload: String,
    },
    /// The workload's pods are deleted and created again (`kubectl delete pod`): a pod that
    /// cannot be created now stays gone.
    PodRestarted {
        workload: String,
    },
    /// A rolling update (`kubectl rollout restart`): new pods replace the old ones; when the new
    /// ones cannot be created, the old ones keep running.
    RolledOut {
        workload: String,
    },
    /// A label is set (`value`) or removed (no `value`) on a namespace, a workload's pod
    /// template (which rolls the workload out) or one running pod (`NS/NAME`).
    LabelChanged {
        #[serde(default)]
        namespace: Option<String>,
        #[serde(default)]
        workload: Option<String>,
        #[serde(default)]
        pod: Option<String>,
        key: String,
        #[serde(default)]
        value: Option<String>,
    },
    /// The same for an annotation.
    AnnotationChanged {
        #[serde(default)]
        namespace: Option<String>,
        #[serde(default)]
        workload: Option<String>,
        #[serde(default)]
        pod: Option<String>,
        key: String,
        #[serde(default)]
        value: Option<String>,
    },
    /// A manifest file (relative to the scenario, or the pack root) is applied.
    ManifestApplied {
        file: String,
    },
    /// The objects of a manifest applied before are deleted.
    ManifestRemoved {
        file: String,
    },
    /// The mesh's control plane (istiod; Linkerd's destination, identity and proxy-injector)
    /// stops: no configuration pushes, no certificates, no injection.
    ControlPlaneDown {},
    ControlPlaneUp {},
    /// The injection webhook alone stops answering.
    InjectorDown {},
    InjectorUp {},
    /// An Istio control plane of `revision` is installed beside the others (`istioctl install
    /// --revision`): from now on its injector answers for namespaces and pods labelled
    /// `istio.io/rev: REVISION`. The revisions the manifests' labels name, and `default`, are
    /// installed from the start.
    RevisionInstalled {
        revision: String,
    },
    /// The control plane of `revision` is uninstalled (`istioctl uninstall --revision`): the
    /// sidecars it injected get no certificates from it any more, and pods that ask for it
    /// start without a sidecar.
    RevisionRemoved {
        revision: String,
    },
    /// A node agent stops on `node`.
    NodeAgentDown {
        node: String,
        agent: Agent,
    },
    NodeAgentUp {
        node: String,
        agent: Agent,
    },
    /// The workload's proxies get a fresh certificate now (a forced renewal or a restart of
    /// the agent holding it), when the issuer can sign one.
    CertIssued {
        workload: String,
    },
    /// The workload's certificate stops being valid now and its rotation is stuck: it stays
    /// invalid until a new one is issued or the pods restart.
    CertExpired {
        workload: String,
    },
    /// The issuer (Linkerd's identity issuer, istiod's CA) gets a new certificate signed by
    /// `anchor`, valid for `valid_for`. Certificates issued from now on chain to `anchor`.
    IssuerRotated {
        anchor: String,
        #[serde(default = "issuer_validity")]
        valid_for: Time,
    },
    /// The trust bundle the mesh distributes now holds `anchors`. Linkerd proxies read it when
    /// they are injected (so a pod sees it from its next start); istiod pushes it to running
    /// proxies while it is up.
    TrustBundleRotated {
        anchors: Vec<String>,
    },
}

/// A year: the issuer certificate of Linkerd's guide (`step certificate create … --profile
/// intermediate-ca --not-after 8760h`, linkerd/website
/// linkerd.io/content/2-edge/tasks/generate-certificates.md).
fn issuer_validity() -> Time {
    Time::hours(8760)
}

/// What a label or annotation change is made on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Namespace(String),
    Workload(String),
    Pod(String),
}

impl Target {
    /// Exactly one of `namespace`, `workload` and `pod`.
    pub fn of(
        namespace: &Option<String>,
        workload: &Option<String>,
        pod: &Option<String>,
    ) -> Result<Target, String> {
        match (namespace, workload, pod) {
            (Some(n), None, None) => Ok(Target::Namespace(n.clone())),
            (None, Some(w), None) => Ok(Target::Workload(w.clone())),
            (None, None, Some(p)) => Ok(Target::Pod(p.clone())),
            _ => Err("name exactly one of `namespace`, `workload` and `pod`".into()),
        }
    }
}

/// The node agents a timeline can stop.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Agent {
    Ztunnel,
    IstioCni,
    CiliumAgent,
    LinkerdCni,
}

impl Agent {
    pub fn name(self) -> &'static str {
        match self {
            Agent::Ztunnel => "ztunnel",
            Agent::IstioCni => "istio-cni",
            Agent::CiliumAgent => "cilium-agent",
            Agent::LinkerdCni => "linkerd-cni",
        }
    }
}

impl Change {
    /// The event's `type` as written in files.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::PodCreated { .. } => "pod-created",
            Change::PodRestarted { .. } => "pod-restarted",
            Change::RolledOut { .. } => "rolled-out",
            Change::LabelChanged { .. } => "label-changed",
            Change::AnnotationChanged { .. } => "annotation-changed",
            Change::ManifestApplied { .. } => "manifest-applied",
            Change::ManifestRemoved { .. } => "manifest-removed",
            Change::ControlPlaneDown {} => "control-plane-down",
            Change::ControlPlaneUp {} => "control-plane-up",
            Change::InjectorDown {} => "injector-down",
            Change::InjectorUp {} => "injector-up",
            Change::RevisionInstalled { .. } => "revision-installed",
            Change::RevisionRemoved { .. } => "revision-removed",
            Change::NodeAgentDown { .. } => "node-agent-down",
            Change::NodeAgentUp { .. } => "node-agent-up",
            Change::CertIssued { .. } => "cert-issued",
            Change::CertExpired { .. } => "cert-expired",
            Change::IssuerRotated { .. } => "issuer-rotated",
            Change::TrustBundleRotated { .. } => "trust-bundle-rotated",
        }
    }

    /// A change of what the API server holds (so the cluster is loaded again).
    pub fn changes_objects(&self) -> bool {
        matches!(
            self,
            Change::ManifestApplied { .. } | Change::ManifestRemoved { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        events: Vec<Event>,
    }

    #[test]
    fn reads_every_shape() {
        let f: File = toml::from_str(
            r#"
[[events]]
at = "2h30m"
type = "control-plane-down"

[[events]]
at = "3h"
type = "label-changed"
namespace = "shop"
key = "linkerd.io/inject"
value = "enabled"

[[events]]
at = "4h"
type = "node-agent-down"
node = "node-1"
agent = "istio-cni"

[[events]]
at = "5h"
type = "issuer-rotated"
anchor = "root-2"
"#,
        )
        .unwrap();
        assert_eq!(f.events[0].at, Time(9000));
        assert_eq!(f.events[0].change, Change::ControlPlaneDown {});
        let Change::LabelChanged {
            namespace,
            workload,
            pod,
            value,
            ..
        } = &f.events[1].change
        else {
            panic!("{:?}", f.events[1]);
        };
        assert_eq!(
            Target::of(namespace, workload, pod),
            Ok(Target::Namespace("shop".into()))
        );
        assert_eq!(value.as_deref(), Some("enabled"));
        let typo = toml::from_str::<File>(
            "[[events]]\nat = \"1h\"\ntype = \"injector-down\"\nnode = \"n\"\n",
        );
        assert!(typo.is_err(), "an unknown field is refused");
        assert_eq!(
            f.events[3].change,
            Change::IssuerRotated {
                anchor: "root-2".into(),
                valid_for: Time::hours(8760)
            }
        );
    }
}
