//! Workloads: Pods and everything that makes them (apps/v1 Deployment, ReplicaSet,
//! StatefulSet, DaemonSet; batch/v1 Job, CronJob), expanded into the pods a cluster would run,
//! with deterministic names, nodes and addresses.
//!
//! Names: a Deployment, ReplicaSet or Job `NAME` gets pods `NAME-0..N-1` (a real cluster adds
//! random suffixes); a StatefulSet gets its real names `NAME-0..N-1` (from `ordinals.start`);
//! a DaemonSet one pod per node, `NAME-NODE`; a CronJob is shown as one running job,
//! `NAME-0`. Field lists follow the Kubernetes API reference (v1.34).

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr};

use schemars::JsonSchema;
use serde::Deserialize;

use super::meta::{IntOrString, LabelSelector, ObjectMeta, namespace_of, object_name, selector};
use super::registry::{Kind, modeled};
use super::report::{assumed, reject};
use super::yaml::{Inert, Unmodeled};
use super::{Doc, Objects};
use crate::sim::model::net::Protocol;
use crate::sim::model::{
    Cluster, Container, ContainerPort, Origin, Owner, Pod, PodProbe, ProbeAction, ProbeKind,
    TargetPort, WorkloadKind,
};

pub(super) const KINDS: &[Kind] = &[
    modeled!("", "Pod", PodObj, |o| o.workloads.pods),
    modeled!("apps", "Deployment", Workload<DeploymentSpec>, |o| o
        .workloads
        .deployments),
    modeled!("apps", "ReplicaSet", Workload<ReplicaSetSpec>, |o| o
        .workloads
        .replica_sets),
    modeled!("apps", "StatefulSet", Workload<StatefulSetSpec>, |o| o
        .workloads
        .stateful_sets),
    modeled!("apps", "DaemonSet", Workload<DaemonSetSpec>, |o| o
        .workloads
        .daemon_sets),
    modeled!("batch", "Job", Workload<JobSpec>, |o| o.workloads.jobs),
    modeled!("batch", "CronJob", Workload<CronJobSpec>, |o| o
        .workloads
        .cron_jobs),
    // How many replicas run changes which pod answers, never whether one does.
    Kind::inert("autoscaling", "HorizontalPodAutoscaler"),
    Kind::inert("policy", "PodDisruptionBudget"),
];

/// Workload objects in input order.
#[derive(Default)]
pub(super) struct Store {
    pub pods: Vec<Doc<PodObj>>,
    pub deployments: Vec<Doc<Workload<DeploymentSpec>>>,
    pub replica_sets: Vec<Doc<Workload<ReplicaSetSpec>>>,
    pub stateful_sets: Vec<Doc<Workload<StatefulSetSpec>>>,
    pub daemon_sets: Vec<Doc<Workload<DaemonSetSpec>>>,
    pub jobs: Vec<Doc<Workload<JobSpec>>>,
    pub cron_jobs: Vec<Doc<Workload<CronJobSpec>>>,
}

impl Store {
    /// Any object here makes at least the chance of a pod.
    pub fn any(&self) -> bool {
        !(self.pods.is_empty()
            && self.deployments.is_empty()
            && self.replica_sets.is_empty()
            && self.stateful_sets.is_empty()
            && self.daemon_sets.is_empty()
            && self.jobs.is_empty()
            && self.cron_jobs.is_empty())
    }
}

// ------------------------------------------------------------------------------------ Pod

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodObj {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: Option<PodStatus>,
}

/// core/v1 PodSpec.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSpec {
    #[serde(default)]
    pub containers: Vec<ContainerSpec>,
    /// Read for native sidecars (`restartPolicy: Always`): a mesh proxy that runs beside the app.
    #[serde(default)]
    pub init_containers: Vec<ContainerSpec>,
    pub node_name: Option<String>,
    pub service_account_name: Option<String>,
    /// Deprecated alias of serviceAccountName.
    pub service_account: Option<String>,
    pub host_network: Option<bool>,
    /// With `subdomain`, the pod's own DNS name `HOSTNAME.SUBDOMAIN.NS.svc.cluster.local`.
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    // Placement: meshlab schedules round robin, and the node decides which ztunnel or which
    // WireGuard peer a pod has.
    #[serde(rename = "nodeSelector")]
    pub _node_selector: Option<Unmodeled>,
    #[serde(rename = "affinity")]
    pub _affinity: Option<Unmodeled>,
    #[serde(rename = "topologySpreadConstraints")]
    pub _topology_spread_constraints: Option<Unmodeled>,
    #[serde(rename = "schedulingGates")]
    pub _scheduling_gates: Option<Unmodeled>,
    // Name resolution.
    #[serde(rename = "dnsPolicy")]
    pub _dns_policy: Option<Unmodeled>,
    #[serde(rename = "dnsConfig")]
    pub _dns_config: Option<Unmodeled>,
    #[serde(rename = "hostAliases")]
    pub _host_aliases: Option<Unmodeled>,
    /// Custom readiness conditions: a pod not ready is no endpoint.
    #[serde(rename = "readinessGates")]
    pub _readiness_gates: Option<Unmodeled>,
    // Nothing below changes how a request is answered: tolerations only permit (meshlab has
    // no taints), the rest is storage, security, lifecycle and bookkeeping.
    #[serde(rename = "tolerations")]
    pub _tolerations: Option<Inert>,
    #[serde(rename = "volumes")]
    pub _volumes: Option<Inert>,
    #[serde(rename = "securityContext")]
    pub _security_context: Option<Inert>,
    #[serde(rename = "restartPolicy")]
    pub _restart_policy: Option<Inert>,
    #[serde(rename = "terminationGracePeriodSeconds")]
    pub _termination_grace_period_seconds: Option<Inert>,
    #[serde(rename = "activeDeadlineSeconds")]
    pub _active_deadline_seconds: Option<Inert>,
    #[serde(rename = "automountServiceAccountToken")]
    pub _automount_service_account_token: Option<Inert>,
    #[serde(rename = "imagePullSecrets")]
    pub _image_pull_secrets: Option<Inert>,
    #[serde(rename = "priority")]
    pub _priority: Option<Inert>,
    #[serde(rename = "priorityClassName")]
    pub _priority_class_name: Option<Inert>,
    #[serde(rename = "preemptionPolicy")]
    pub _preemption_policy: Option<Inert>,
    #[serde(rename = "schedulerName")]
    pub _scheduler_name: Option<Inert>,
    #[serde(rename = "runtimeClassName")]
    pub _runtime_class_name: Option<Inert>,
    #[serde(rename = "overhead")]
    pub _overhead: Option<Inert>,
    #[serde(rename = "resources")]
    pub _resources: Option<Inert>,
    #[serde(rename = "resourceClaims")]
    pub _resource_claims: Option<Inert>,
    #[serde(rename = "os")]
    pub _os: Option<Inert>,
    #[serde(rename = "hostIPC")]
    pub _host_ipc: Option<Inert>,
    #[serde(rename = "hostPID")]
    pub _host_pid: Option<Inert>,
    #[serde(rename = "hostUsers")]
    pub _host_users: Option<Inert>,
    #[serde(rename = "shareProcessNamespace")]
    pub _share_process_namespace: Option<Inert>,
    #[serde(rename = "enableServiceLinks")]
    pub _enable_service_links: Option<Inert>,
    #[serde(rename = "setHostnameAsFQDN")]
    pub _set_hostname_as_fqdn: Option<Inert>,
    #[serde(rename = "ephemeralContainers")]
    pub _ephemeral_containers: Option<Inert>,
}

/// core/v1 Container (also an init container).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerSpec {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub ports: Vec<ContainerPortSpec>,
    /// `Always` on an init container makes it a native sidecar (KEP-753).
    pub restart_policy: Option<String>,
    /// Probes are kept on the pod: a mesh that intercepts the kubelet's probes decides whether
    /// they pass (Linkerd's default probe authorization).
    pub readiness_probe: Option<ProbeSpec>,
    pub liveness_probe: Option<ProbeSpec>,
    pub startup_probe: Option<ProbeSpec>,
    /// Changes no answer; read for the simulated `kubectl`.
    pub image: Option<String>,
    // The application's own business: meshlab answers for it with the annotations in
    // `model::mesh` (`sim.meshlab.io/response-status`, `sim.meshlab.io/client-tries`).
    #[serde(rename = "imagePullPolicy")]
    pub _image_pull_policy: Option<Inert>,
    #[serde(rename = "command")]
    pub _command: Option<Inert>,
    #[serde(rename = "args")]
    pub _args: Option<Inert>,
    #[serde(rename = "workingDir")]
    pub _working_dir: Option<Inert>,
    #[serde(rename = "env")]
    pub _env: Option<Inert>,
    #[serde(rename = "envFrom")]
    pub _env_from: Option<Inert>,
    #[serde(rename = "resources")]
    pub _resources: Option<Inert>,
    #[serde(rename = "resizePolicy")]
    pub _resize_policy: Option<Inert>,
    #[serde(rename = "restartPolicyRules")]
    pub _restart_policy_rules: Option<Inert>,
    #[serde(rename = "volumeMounts")]
    pub _volume_mounts: Option<Inert>,
    #[serde(rename = "volumeDevices")]
    pub _volume_devices: Option<Inert>,
    #[serde(rename = "lifecycle")]
    pub _lifecycle: Option<Inert>,
    #[serde(rename = "securityContext")]
    pub _security_context: Option<Inert>,
    #[serde(rename = "terminationMessagePath")]
    pub _termination_message_path: Option<Inert>,
    #[serde(rename = "terminationMessagePolicy")]
    pub _termination_message_policy: Option<Inert>,
    #[serde(rename = "stdin")]
    pub _stdin: Option<Inert>,
    #[serde(rename = "stdinOnce")]
    pub _stdin_once: Option<Inert>,
    #[serde(rename = "tty")]
    pub _tty: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerPortSpec {
    pub name: Option<String>,
    pub container_port: i64,
    pub protocol: Option<String>,
    /// Requests in meshlab reach pods on their own addresses, never a host port.
    #[serde(rename = "hostPort")]
    pub _host_port: Option<Inert>,
    #[serde(rename = "hostIP")]
    pub _host_ip: Option<Inert>,
}

/// core/v1 Probe: what the kubelet sends, and how often (timing cannot change an answer).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProbeSpec {
    pub http_get: Option<HttpGetAction>,
    pub tcp_socket: Option<PortAction>,
    pub grpc: Option<GrpcAction>,
    #[serde(rename = "exec")]
    pub _exec: Option<Inert>,
    #[serde(rename = "initialDelaySeconds")]
    pub _initial_delay_seconds: Option<Inert>,
    #[serde(rename = "periodSeconds")]
    pub _period_seconds: Option<Inert>,
    #[serde(rename = "timeoutSeconds")]
    pub _timeout_seconds: Option<Inert>,
    #[serde(rename = "successThreshold")]
    pub _success_threshold: Option<Inert>,
    #[serde(rename = "failureThreshold")]
    pub _failure_threshold: Option<Inert>,
    #[serde(rename = "terminationGracePeriodSeconds")]
    pub _termination_grace_period_seconds: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpGetAction {
    pub path: Option<String>,
    pub port: IntOrString,
    #[serde(rename = "host")]
    pub _host: Option<Inert>,
    #[serde(rename = "scheme")]
    pub _scheme: Option<Inert>,
    #[serde(rename = "httpHeaders")]
    pub _http_headers: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortAction {
    pub port: IntOrString,
    #[serde(rename = "host")]
    pub _host: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrpcAction {
    pub port: i64,
    #[serde(rename = "service")]
    pub _service: Option<Inert>,
}

/// Only the pod's address is read; the rest of its status cannot change an answer.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    #[serde(rename = "podIP")]
    pub pod_ip: Option<String>,
    #[serde(flatten)]
    pub _rest: BTreeMap<String, Inert>,
}

// ------------------------------------------------------------------------------ workloads

/// `apiVersion`, `kind`, `metadata`, `spec`, `status` of a workload controller.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "Workload_{S}")]
pub struct Workload<S> {
    #[serde(rename = "apiVersion")]
    pub _api_version: String,
    #[serde(rename = "kind")]
    pub _kind: String,
    pub metadata: ObjectMeta,
    pub spec: S,
    #[serde(rename = "status")]
    pub _status: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodTemplate {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentSpec {
    pub replicas: Option<i64>,
    pub selector: Option<LabelSelector>,
    pub template: PodTemplate,
    // Rollout pacing: the steady state has the same pods.
    #[serde(rename = "strategy")]
    pub _strategy: Option<Inert>,
    #[serde(rename = "minReadySeconds")]
    pub _min_ready_seconds: Option<Inert>,
    #[serde(rename = "revisionHistoryLimit")]
    pub _revision_history_limit: Option<Inert>,
    #[serde(rename = "progressDeadlineSeconds")]
    pub _progress_deadline_seconds: Option<Inert>,
    #[serde(rename = "paused")]
    pub _paused: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicaSetSpec {
    pub replicas: Option<i64>,
    pub selector: Option<LabelSelector>,
    pub template: PodTemplate,
    #[serde(rename = "minReadySeconds")]
    pub _min_ready_seconds: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetSpec {
    pub replicas: Option<i64>,
    pub selector: Option<LabelSelector>,
    pub template: PodTemplate,
    /// The headless Service that gives each pod its DNS name.
    pub service_name: Option<String>,
    pub ordinals: Option<Ordinals>,
    #[serde(rename = "podManagementPolicy")]
    pub _pod_management_policy: Option<Inert>,
    #[serde(rename = "updateStrategy")]
    pub _update_strategy: Option<Inert>,
    #[serde(rename = "volumeClaimTemplates")]
    pub _volume_claim_templates: Option<Inert>,
    #[serde(rename = "persistentVolumeClaimRetentionPolicy")]
    pub _persistent_volume_claim_retention_policy: Option<Inert>,
    #[serde(rename = "revisionHistoryLimit")]
    pub _revision_history_limit: Option<Inert>,
    #[serde(rename = "minReadySeconds")]
    pub _min_ready_seconds: Option<Inert>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ordinals {
    pub start: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetSpec {
    pub selector: Option<LabelSelector>,
    pub template: PodTemplate,
    #[serde(rename = "updateStrategy")]
    pub _update_strategy: Option<Inert>,
    #[serde(rename = "minReadySeconds")]
    pub _min_ready_seconds: Option<Inert>,
    #[serde(rename = "revisionHistoryLimit")]
    pub _revision_history_limit: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobSpec {
    pub template: PodTemplate,
    /// Pods running at once (default 1).
    pub parallelism: Option<i64>,
    /// A suspended Job runs no pods.
    pub suspend: Option<bool>,
    /// Generated to match the template unless `manualSelector` is set.
    #[serde(rename = "selector")]
    pub _selector: Option<Inert>,
    // How the job finishes, never how a request of a running pod is answered.
    #[serde(rename = "completions")]
    pub _completions: Option<Inert>,
    #[serde(rename = "completionMode")]
    pub _completion_mode: Option<Inert>,
    #[serde(rename = "backoffLimit")]
    pub _backoff_limit: Option<Inert>,
    #[serde(rename = "backoffLimitPerIndex")]
    pub _backoff_limit_per_index: Option<Inert>,
    #[serde(rename = "maxFailedIndexes")]
    pub _max_failed_indexes: Option<Inert>,
    #[serde(rename = "activeDeadlineSeconds")]
    pub _active_deadline_seconds: Option<Inert>,
    #[serde(rename = "ttlSecondsAfterFinished")]
    pub _ttl_seconds_after_finished: Option<Inert>,
    #[serde(rename = "podFailurePolicy")]
    pub _pod_failure_policy: Option<Inert>,
    #[serde(rename = "podReplacementPolicy")]
    pub _pod_replacement_policy: Option<Inert>,
    #[serde(rename = "successPolicy")]
    pub _success_policy: Option<Inert>,
    #[serde(rename = "manualSelector")]
    pub _manual_selector: Option<Inert>,
    #[serde(rename = "managedBy")]
    pub _managed_by: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CronJobSpec {
    pub job_template: JobTemplate,
    /// A suspended CronJob starts no job.
    pub suspend: Option<bool>,
    #[serde(rename = "schedule")]
    pub _schedule: Option<Inert>,
    #[serde(rename = "timeZone")]
    pub _time_zone: Option<Inert>,
    #[serde(rename = "concurrencyPolicy")]
    pub _concurrency_policy: Option<Inert>,
    #[serde(rename = "startingDeadlineSeconds")]
    pub _starting_deadline_seconds: Option<Inert>,
    #[serde(rename = "successfulJobsHistoryLimit")]
    pub _successful_jobs_history_limit: Option<Inert>,
    #[serde(rename = "failedJobsHistoryLimit")]
    pub _failed_jobs_history_limit: Option<Inert>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobTemplate {
    #[serde(default, rename = "metadata")]
    pub _metadata: Option<Inert>,
    pub spec: JobSpec,
}

// ------------------------------------------------------------------------------ expansion

/// A pod as it will be created: from a Pod object or a controller's template.
struct Draft {
    name: String,
    ns: usize,
    meta: ObjectMeta,
    spec: PodSpec,
    ip: Option<IpAddr>,
    /// A DaemonSet pod's node.
    node: Option<usize>,
    owner: Option<Owner>,
    origin: Origin,
}

/// Node names that pod specs ask for, so that the nodes exist before scheduling.
pub(super) fn named_nodes(objects: &Objects) -> Vec<String> {
    let w = &objects.workloads;
    let mut names: Vec<String> = Vec::new();
    let specs = w
        .pods
        .iter()
        .map(|d| &d.obj.spec)
        .chain(w.deployments.iter().map(|d| &d.obj.spec.template.spec))
        .chain(w.replica_sets.iter().map(|d| &d.obj.spec.template.spec))
        .chain(w.stateful_sets.iter().map(|d| &d.obj.spec.template.spec))
        .chain(w.jobs.iter().map(|d| &d.obj.spec.template.spec))
        .chain(
            w.cron_jobs
                .iter()
                .map(|d| &d.obj.spec.job_template.spec.template.spec),
        );
    for spec in specs {
        if let Some(n) = &spec.node_name
            && !names.contains(n)
        {
            names.push(n.clone());
        }
    }
    names
}

/// A controller's template must match its selector (apps/v1 validation:
/// "`selector` does not match template `labels`").
fn template_matches(sel: Option<&LabelSelector>, template: &PodTemplate) -> bool {
    sel.is_none_or(|sel| {
        selector(sel, "spec.selector").is_ok_and(|s| s.matches(&template.metadata.labels))
    })
}

const SELECTOR_MISMATCH: &str =
    "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`";

/// Every pod the workloads make, scheduled and addressed, into `cluster.pods`.
pub(super) fn pods(cluster: &mut Cluster, objects: &Objects) {
    let w = &objects.workloads;
    let mut drafts: Vec<Draft> = Vec::new();
    for doc in &w.pods {
        let ns = namespace_of(cluster, &doc.obj.metadata, &doc.origin);
        drafts.push(Draft {
            name: object_name(&doc.obj.metadata),
            ns,
            meta: doc.obj.metadata.clone(),
            spec: doc.obj.spec.clone(),
            ip: doc
                .obj
                .status
                .as_ref()
                .and_then(|s| s.pod_ip.as_deref())
                .and_then(|s| s.parse().ok()),
            node: None,
            owner: None,
            origin: doc.origin.clone(),
        });
    }
    // Replicated controllers: NAME-0..N-1.
    let replicated = w
        .deployments
        .iter()
        .map(|d| {
            (
                WorkloadKind::Deployment,
                &d.obj.metadata,
                d.obj.spec.selector.as_ref(),
                &d.obj.spec.template,
                d.obj.spec.replicas,
                &d.origin,
            )
        })
        .chain(w.replica_sets.iter().map(|d| {
            (
                WorkloadKind::ReplicaSet,
                &d.obj.metadata,
                d.obj.spec.selector.as_ref(),
                &d.obj.spec.template,
                d.obj.spec.replicas,
                &d.origin,
            )
        }));
    for (kind, meta, sel, template, replicas, origin) in replicated {
        let ns = namespace_of(cluster, meta, origin);
        let name = object_name(meta);
        if !template_matches(sel, template) {
            reject(cluster, origin, kind.as_str(), ns, &name, SELECTOR_MISMATCH);
            continue;
        }
        for i in 0..replicas.unwrap_or(1).clamp(0, 1000) {
            drafts.push(from_template(
                cluster,
                ns,
                format!("{name}-{i}"),
                template,
                kind,
                &name,
                origin,
            ));
        }
    }
    for doc in &w.stateful_sets {
        let (meta, spec) = (&doc.obj.metadata, &doc.obj.spec);
        let ns = namespace_of(cluster, meta, &doc.origin);
        let name = object_name(meta);
        if !template_matches(spec.selector.as_ref(), &spec.template) {
            reject(
                cluster,
                &doc.origin,
                "StatefulSet",
                ns,
                &name,
                SELECTOR_MISMATCH,
            );
            continue;
        }
        let start = spec
            .ordinals
            .as_ref()
            .and_then(|o| o.start)
            .unwrap_or(0)
            .max(0);
        for i in start..start + spec.replicas.unwrap_or(1).clamp(0, 1000) {
            let pod_name = format!("{name}-{i}");
            let mut draft = from_template(
                cluster,
                ns,
                pod_name.clone(),
                &spec.template,
                WorkloadKind::StatefulSet,
                &name,
                &doc.origin,
            );
            // The StatefulSet controller sets each pod's hostname and, through serviceName,
            // its subdomain: NAME-i.SERVICE.NS.svc.cluster.local.
            draft.spec.hostname = Some(pod_name);
            if spec.service_name.is_some() {
                draft.spec.subdomain.clone_from(&spec.service_name);
            }
            drafts.push(draft);
        }
    }
    for doc in &w.daemon_sets {
        let (meta, spec) = (&doc.obj.metadata, &doc.obj.spec);
        let ns = namespace_of(cluster, meta, &doc.origin);
        let name = object_name(meta);
        if !template_matches(spec.selector.as_ref(), &spec.template) {
            reject(
                cluster,
                &doc.origin,
                "DaemonSet",
                ns,
                &name,
                SELECTOR_MISMATCH,
            );
            continue;
        }
        let nodes: Vec<(usize, String)> = cluster
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (i, n.name.clone()))
            .collect();
        for (node, node_name) in nodes {
            let mut draft = from_template(
                cluster,
                ns,
                format!("{name}-{node_name}"),
                &spec.template,
                WorkloadKind::DaemonSet,
                &name,
                &doc.origin,
            );
            draft.node = Some(node);
            drafts.push(draft);
        }
    }
    let jobs = w
        .jobs
        .iter()
        .map(|d| (WorkloadKind::Job, &d.obj.metadata, &d.obj.spec, &d.origin))
        .chain(
            w.cron_jobs
                .iter()
                .filter(|d| d.obj.spec.suspend != Some(true))
                .map(|d| {
                    (
                        WorkloadKind::CronJob,
                        &d.obj.metadata,
                        &d.obj.spec.job_template.spec,
                        &d.origin,
                    )
                }),
        );
    for (kind, meta, spec, origin) in jobs {
        let ns = namespace_of(cluster, meta, origin);
        let name = object_name(meta);
        if spec.suspend == Some(true) {
            continue;
        }
        for i in 0..spec.parallelism.unwrap_or(1).clamp(0, 1000) {
            drafts.push(from_template(
                cluster,
                ns,
                format!("{name}-{i}"),
                &spec.template,
                kind,
                &name,
                origin,
            ));
        }
    }
    schedule(cluster, drafts);
}

fn from_template(
    cluster: &Cluster,
    ns: usize,
    name: String,
    template: &PodTemplate,
    kind: WorkloadKind,
    owner: &str,
    origin: &Origin,
) -> Draft {
    let mut meta = template.metadata.clone();
    meta.namespace = Some(cluster.ns_name(ns).to_owned());
    Draft {
        name,
        ns,
        meta,
        spec: template.spec.clone(),
        ip: None,
        node: None,
        owner: Some(Owner {
            kind,
            name: owner.to_owned(),
        }),
        origin: origin.clone(),
    }
}

/// Nodes (round robin in declaration order unless the pod names one), addresses (the pod CIDR
/// of its node, like kind), ports, containers, probes; then the pod joins the cluster.
fn schedule(cluster: &mut Cluster, drafts: Vec<Draft>) {
    let mut used: BTreeSet<IpAddr> = drafts.iter().filter_map(|d| d.ip).collect();
    let mut per_node_next: BTreeMap<usize, u32> = BTreeMap::new();
    let mut unscheduled = 0usize;
    let mut seen: BTreeSet<(usize, String)> = BTreeSet::new();
    for d in drafts {
        if !seen.insert((d.ns, d.name.clone())) {
            let what = format!(
                "pod {}/{} defined twice; the first one is kept",
                cluster.ns_name(d.ns),
                d.name
            );
            assumed(cluster, &d.origin, what);
            continue;
        }
        let (ports, containers, probes) = match containers(&d.spec) {
            Ok(parts) => parts,
            Err(reason) => {
                let kind = d.owner.as_ref().map_or("Pod", |o| o.kind.as_str());
                let name = d
                    .owner
                    .as_ref()
                    .map_or(d.name.as_str(), |o| o.name.as_str())
                    .to_owned();
                reject(cluster, &d.origin, kind, d.ns, &name, reason);
                continue;
            }
        };
        let node = match (d.node, &d.spec.node_name) {
            (Some(n), _) => n,
            (None, Some(n)) => cluster.node(n).unwrap_or(0),
            (None, None) => {
                let n = unscheduled % cluster.nodes.len().max(1);
                unscheduled += 1;
                n
            }
        };
        let host_network = d.spec.host_network == Some(true);
        let ip = match d.ip {
            Some(ip) => ip,
            // A hostNetwork pod uses its node's address.
            None if host_network => cluster
                .nodes
                .get(node)
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |n| n.ip),
            None => {
                // Pod CIDR per node, like kind: node k gets 10.244.(k+1).0/24.
                let next = per_node_next.entry(node).or_insert(100);
                let third = u8::try_from(node + 1).unwrap_or(255);
                let mut ip;
                loop {
                    ip = IpAddr::V4(Ipv4Addr::new(10, 244, third, (*next % 254) as u8 + 1));
                    *next += 1;
                    if !used.contains(&ip) || *next > 100_000 {
                        break;
                    }
                }
                used.insert(ip);
                ip
            }
        };
        let service_account = d
            .spec
            .service_account_name
            .clone()
            .or_else(|| d.spec.service_account.clone())
            .unwrap_or_else(|| "default".to_owned());
        let id = cluster.pods.len();
        if !host_network && cluster.pod_by_ip.insert(ip, id).is_some() {
            let what = format!("pod {}/{} reuses IP {ip}", cluster.ns_name(d.ns), d.name);
            assumed(cluster, &d.origin, what);
        }
        cluster.pods.push(Pod {
            name: d.name,
            ns: d.ns,
            labels: d.meta.labels,
            annotations: d.meta.annotations,
            node,
            ip,
            service_account,
            ports,
            containers,
            probes,
            hostname: d.spec.hostname,
            subdomain: d.spec.subdomain,
            owner: d.owner,
            origin: d.origin,
        });
    }
}

type PodParts = (Vec<ContainerPort>, Vec<Container>, Vec<PodProbe>);

/// A pod's ports, containers (native sidecars marked) and probes, or the API server's reason
/// to refuse it.
fn containers(spec: &PodSpec) -> Result<PodParts, String> {
    let mut ports = Vec::new();
    let mut containers = Vec::new();
    let mut probes = Vec::new();
    let sidecars = spec
        .init_containers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.restart_policy.as_deref() == Some("Always"))
        .map(|(i, c)| (format!("spec.initContainers[{i}]"), c, true));
    let apps = spec
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("spec.containers[{i}]"), c, false));
    for (path, c, native_sidecar) in sidecars.chain(apps) {
        for (j, p) in c.ports.iter().enumerate() {
            let Some(protocol) = p
                .protocol
                .as_deref()
                .map_or(Some(Protocol::Tcp), Protocol::parse)
            else {
                return Err(format!(
                    "{path}.ports[{j}].protocol: Unsupported value: \"{}\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                    p.protocol.as_deref().unwrap_or_default()
                ));
            };
            let Some(port) = u16::try_from(p.container_port).ok().filter(|p| *p > 0) else {
                return Err(format!(
                    "{path}.ports[{j}].containerPort: Invalid value: {}: must be between 1 and 65535, inclusive",
                    p.container_port
                ));
            };
            ports.push(ContainerPort {
                name: p.name.clone(),
                port,
                protocol,
            });
        }
        for (kind, probe) in [
            (ProbeKind::Readiness, &c.readiness_probe),
            (ProbeKind::Liveness, &c.liveness_probe),
            (ProbeKind::Startup, &c.startup_probe),
        ] {
            if let Some(action) = probe.as_ref().and_then(probe_action) {
                probes.push(PodProbe {
                    container: c.name.clone(),
                    kind,
                    action,
                });
            }
        }
        containers.push(Container {
            name: c.name.clone(),
            image: c.image.clone().unwrap_or_default(),
            native_sidecar,
        });
    }
    Ok((ports, containers, probes))
}

fn probe_action(p: &ProbeSpec) -> Option<ProbeAction> {
    let port = |p: &IntOrString| match p {
        IntOrString::Int(n) => u16::try_from(*n).ok().map(TargetPort::Number),
        IntOrString::Str(s) => Some(TargetPort::Name(s.clone())),
    };
    if let Some(h) = &p.http_get {
        return Some(ProbeAction::Http {
            port: port(&h.port)?,
            path: h.path.clone().unwrap_or_else(|| "/".to_owned()),
        });
    }
    if let Some(t) = &p.tcp_socket {
        return Some(ProbeAction::Tcp {
            port: port(&t.port)?,
        });
    }
    p.grpc.as_ref().and_then(|g| {
        u16::try_from(g.port)
            .ok()
            .map(|n| ProbeAction::Grpc { port: n })
    })
}
