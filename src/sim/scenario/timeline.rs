//! The timeline: the cluster at a moment is the fold of the events up to that moment over the
//! cluster the manifests describe, then the same steady-state evaluation as without time.
//! [`Timeline::at`] is a pure function of the moment: no state is carried from one call to the
//! next, so asking for 26h gives the same answer whether or not 25h was asked first.
//!
//! What is decided when (MESH-NOTES.md §6 items 7 and 8):
//! - At a pod's creation: whether it is injected (from the labels and annotations of that
//!   moment; a webhook that is down leaves Linkerd's pods unmeshed, `failurePolicy: Ignore`,
//!   and Istio's uncreated, `Fail`), and its traffic redirection (a CNI node agent that is not
//!   ready blocks it). A label changed later changes nothing until the pod is created again;
//!   only ambient enrollment follows the namespace's labels live (the istio-cni agent "will
//!   additionally watch enabled namespaces, and enroll already-started-but-newly-enrolled pods",
//!   istio/istio cni/README.md).
//! - Over time: certificates ([`super::clocks`]), the control plane's configuration (while it
//!   is down, proxies keep the last configuration they received: Envoy's last xDS, Linkerd's
//!   discovery cache), node agents.

use std::collections::{BTreeMap, BTreeSet};

use super::clocks::{self, LIFETIME};
use super::event::{Agent, Change, Event, Target};
use super::fault::{self, Fault};
use super::faulty::Faulty;
use super::moment::{Cert, Holder, Moment};
use super::time::{HOUR, Time};
use crate::sim::load as mesh;
use crate::sim::model::mesh::Profile;
use crate::sim::model::{Cluster, PodId};

/// The trust anchor the mesh was installed with.
pub const INITIAL_ANCHOR: &str = "root-1";

/// When the pods of the manifests were created: three days before the scenario starts (as
/// the tools' clock has it).
pub const CLUSTER_START: Time = Time(-72 * HOUR);

/// The issuer certificate of the installation outlives any timeline a scenario writes.
const FIRST_ISSUER_EXPIRY: Time = Time(8760 * HOUR);

#[derive(Clone, Debug)]
pub struct Timeline {
    /// In time order; events at the same moment in the order written.
    events: Vec<Event>,
    /// The objects the API server holds from each moment on (the first from the start).
    versions: Vec<(Time, Cluster)>,
    faults: Vec<Fault>,
    /// The profile for namespaces whose labels say nothing (`--mesh`).
    default_mesh: Option<Profile>,
    /// `(from, to)` of the traffic the scenario keeps sending: destinations a Linkerd proxy
    /// has in its discovery cache when the control plane goes away.
    warm: BTreeSet<(String, String)>,
    /// The Istio control plane revisions installed at the start: `default` and every one the
    /// manifests' labels ask for (a scenario without revision events behaves as it reads).
    revisions: BTreeSet<String>,
}

/// A pod of the cluster at the moment asked, and the same cluster with its labels as written.
#[derive(Clone, Copy)]
struct Pod<'a> {
    now: &'a Cluster,
    written: &'a Cluster,
    id: PodId,
}

/// Per moment of creation, each pod's data plane and the Istio revision it asks for: one
/// relabelled copy of the cluster per moment, not per pod.
type Enrolments = BTreeMap<Time, Vec<(Profile, Option<String>)>>;

/// A pod's life up to the moment asked.
#[derive(Clone, Debug)]
struct Life {
    created: Time,
    profile: Profile,
    /// Not created (yet, or a webhook refused it).
    absent: bool,
    /// Created while its node's CNI agent was not ready: not running until it is.
    blocked: Option<Agent>,
    /// The Istio control plane revision that injected its sidecar.
    revision: Option<String>,
}

impl Timeline {
    /// `load` gives the cluster with extra manifest files applied over the scenario's (the
    /// caller reads files; the simulator does not).
    pub fn new<E: std::fmt::Display>(
        base: Cluster,
        faults: Vec<Fault>,
        events: Vec<Event>,
        default_mesh: Option<Profile>,
        warm: BTreeSet<(String, String)>,
        mut load: impl FnMut(&[String]) -> Result<Cluster, E>,
    ) -> Result<Timeline, String> {
        let mut events = events;
        events.sort_by_key(|e| e.at);
        let mut versions = vec![(Time(i64::MIN), base)];
        let mut applied: Vec<String> = Vec::new();
        for e in &events {
            match &e.change {
                Change::ManifestApplied { file } => applied.push(file.clone()),
                Change::ManifestRemoved { file } => {
                    let before = applied.len();
                    applied.retain(|f| f != file);
                    if applied.len() == before {
                        return Err(problem(e, &format!("`{file}` was not applied before")));
                    }
                }
                _ => continue,
            }
            let cluster = load(&applied).map_err(|err| problem(e, &err.to_string()))?;
            versions.push((e.at, cluster));
        }
        let revisions = mesh::revisions_named(&versions[0].1);
        let timeline = Timeline {
            events,
            versions,
            faults,
            default_mesh,
            warm,
            revisions,
        };
        timeline.check()?;
        Ok(timeline)
    }

    /// A timeline without events: the cluster the manifests describe, on which only the clocks
    /// move (certificates renew on schedule, pods age).
    pub fn still(base: Cluster, faults: Vec<Fault>, default_mesh: Option<Profile>) -> Timeline {
        let revisions = mesh::revisions_named(&base);
        Timeline {
            events: Vec::new(),
            versions: vec![(Time(i64::MIN), base)],
            faults,
            default_mesh,
            warm: BTreeSet::new(),
            revisions,
        }
    }

    /// The cluster as the manifests describe it, before any event.
    pub fn into_base(mut self) -> Cluster {
        self.versions.swap_remove(0).1
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The last event's moment (0 without events).
    pub fn end(&self) -> Time {
        self.events.last().map_or(Time(0), |e| e.at)
    }

    /// Every name an event gives exists in the cluster it acts on: a typo never passes as an
    /// event that changed nothing.
    fn check(&self) -> Result<(), String> {
        let mut installed = self.revisions.clone();
        for e in &self.events {
            let cluster = self.version_at(e.at);
            let workload = |w: &str| {
                (0..cluster.pods.len())
                    .any(|p| fault::belongs(cluster, p, w))
                    .then_some(())
                    .ok_or_else(|| problem(e, &format!("no pod belongs to workload `{w}`")))
            };
            match &e.change {
                Change::PodCreated { workload: w }
                | Change::PodRestarted { workload: w }
                | Change::RolledOut { workload: w }
                | Change::CertIssued { workload: w }
                | Change::CertExpired { workload: w } => workload(w)?,
                Change::AnnotationChanged {
                    key,
                    value: Some(v),
                    ..
                } if key == crate::sim::model::mesh::APP_STATUS_ANNOTATION
                    && !v.parse::<u16>().is_ok_and(|s| (100..=599).contains(&s)) =>
                {
                    return Err(problem(e, &format!("{key}: {v:?} is not an HTTP status")));
                }
                Change::LabelChanged {
                    namespace,
                    workload: w,
                    pod,
                    ..
                }
                | Change::AnnotationChanged {
                    namespace,
                    workload: w,
                    pod,
                    ..
                } => match Target::of(namespace, w, pod).map_err(|m| problem(e, &m))? {
                    Target::Namespace(n) => {
                        cluster
                            .namespace(&n)
                            .ok_or_else(|| problem(e, &format!("no namespace `{n}`")))?;
                    }
                    Target::Workload(w) => workload(&w)?,
                    Target::Pod(p) => {
                        let (ns, name) = p.split_once('/').unwrap_or(("", &p));
                        cluster
                            .pod(ns, name)
                            .ok_or_else(|| problem(e, &format!("no pod `{p}`")))?;
                    }
                },
                Change::NodeAgentDown { node, .. } | Change::NodeAgentUp { node, .. } => {
                    cluster
                        .node(node)
                        .ok_or_else(|| problem(e, &format!("no node `{node}`")))?;
                }
                Change::TrustBundleRotated { anchors } if anchors.is_empty() => {
                    return Err(problem(e, "a trust bundle needs at least one anchor"));
                }
                Change::RevisionInstalled { revision } if !installed.insert(revision.clone()) => {
                    return Err(problem(
                        e,
                        &format!("revision `{revision}` is installed already"),
                    ));
                }
                Change::RevisionRemoved { revision } if !installed.remove(revision) => {
                    return Err(problem(
                        e,
                        &format!("no revision `{revision}` is installed"),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn version_at(&self, t: Time) -> &Cluster {
        let i = self.versions.partition_point(|(at, _)| *at <= t);
        &self.versions[i.saturating_sub(1)].1
    }

    /// The events up to `t`, included.
    fn past(&self, t: Time) -> &[Event] {
        &self.events[..self.events.partition_point(|e| e.at <= t)]
    }

    /// The cluster at `t`, ready for requests.
    pub fn at(&self, t: Time) -> Faulty {
        let past = self.past(t);
        let mut cluster = self.version_at(t).clone();
        let world = self.world(past);
        // Configuration the proxies hold: while the control plane is down, the last pushed.
        let mut notes = Vec::new();
        if let Some(since) = world.control_plane_down_since(t) {
            freeze_config(&mut cluster, self.version_at(since));
            notes.push(format!(
                "control plane down since {since}: proxies keep the configuration of that moment"
            ));
        }
        // Labels as written, for the profile a pod got when it was created.
        let written = cluster.clone();
        let mut profiles_at = Enrolments::new();
        let lives: Vec<Life> = (0..cluster.pods.len())
            .map(|p| {
                let pod = Pod {
                    now: &written,
                    written: &written,
                    id: p,
                };
                self.life(pod, past, t, &world, &mut profiles_at, &mut notes)
            })
            .collect();
        // A pod carries its template as it was when the pod was created; namespaces and pods
        // themselves change live.
        relabel(&mut cluster, past, t, &|p| lives[p].created);
        refresh_app_answers(&mut cluster);
        for (p, life) in lives.iter().enumerate() {
            if let Some(slot) = cluster.mesh.pod_profile.get_mut(p) {
                *slot = life.profile;
            }
        }
        let mut faults = self.faults.clone();
        for agent in [Agent::Ztunnel, Agent::CiliumAgent] {
            for node in world.agents_down(t, &[agent]) {
                faults.push(Fault::NodeAgentDown {
                    node,
                    agent: Some(agent),
                });
            }
        }
        let holders = self.holders(&cluster, &lives, past, t, &world);
        let bundles = (0..cluster.pods.len())
            .map(|p| world.bundle(lives[p].profile, lives[p].created, t))
            .collect();
        let mut sim = Faulty::new(cluster, faults);
        for (p, life) in lives.iter().enumerate() {
            if life.absent {
                fault::make_not_ready(&mut sim.cluster, p);
                sim.absent.insert(p);
            } else if life.blocked.is_some() {
                fault::make_not_ready(&mut sim.cluster, p);
                sim.not_ready.insert(p);
            }
        }
        sim.notes.extend(notes);
        let down = world.control_plane_down_since(t);
        sim.moment = Some(Moment {
            at: t,
            created: lives.iter().map(|l| l.created).collect(),
            holders,
            bundles,
            control_plane_down_since: down,
            agents_down: world.all_agents_down(t),
            warm: self.warm.clone(),
        });
        sim
    }

    fn world<'a>(&'a self, past: &'a [Event]) -> World<'a> {
        World {
            past,
            revisions: &self.revisions,
        }
    }

    /// Creations and re-creations of pod `p` up to `t`.
    fn life(
        &self,
        Pod {
            now: cluster,
            written,
            id: p,
        }: Pod,
        past: &[Event],
        t: Time,
        world: &World,
        profiles_at: &mut Enrolments,
        notes: &mut Vec<String>,
    ) -> Life {
        let pod = &cluster.pods[p];
        let key = format!("{}/{}", cluster.ns_name(pod.ns), pod.name);
        let belongs = |w: &str| fault::belongs(cluster, p, w);
        // Pods of a manifest applied on the timeline were created when it was applied; pods a
        // `pod-created` event names, at that moment.
        let applied = past.iter().rev().find_map(|e| match &e.change {
            Change::ManifestApplied { file } if pod.origin.file.ends_with(file.as_str()) => {
                Some(e.at)
            }
            _ => None,
        });
        let created_later = self
            .events
            .iter()
            .find(|e| matches!(&e.change, Change::PodCreated { workload } if belongs(workload)));
        let first = match created_later {
            Some(e) if e.at > t => {
                return Life {
                    created: e.at,
                    profile: Profile::None,
                    absent: true,
                    blocked: None,
                    revision: None,
                };
            }
            Some(e) => e.at,
            None => applied.unwrap_or(CLUSTER_START),
        };
        let mut create = |at: Time| -> Option<Life> {
            let (profile, asked) = self.profile_at(written, p, past, at, profiles_at);
            let webhook_down = world.injector_down(at);
            let profile = match profile {
                Profile::Linkerd if webhook_down => {
                    notes.push(format!(
                        "{key}: created at {at} while the proxy injector was down: no proxy (failurePolicy: Ignore)"
                    ));
                    Profile::None
                }
                Profile::IstioSidecar if webhook_down => {
                    notes.push(format!(
                        "{key}: not created at {at}: the sidecar injector webhook is down (failurePolicy: Fail)"
                    ));
                    return None;
                }
                other => other,
            };
            // Istio's injectors each answer for their own revision: a pod that asks for one
            // no control plane runs is admitted by none of them, and starts without a sidecar.
            let revision = asked.filter(|_| profile == Profile::IstioSidecar);
            let profile = match &revision {
                Some(r) if !world.installed(r, at) => {
                    notes.push(format!(
                        "{key}: created at {at} asking for Istio revision `{r}`, which no control plane runs: no sidecar"
                    ));
                    Profile::None
                }
                _ => profile,
            };
            let revision = revision.filter(|_| profile == Profile::IstioSidecar);
            let node = cluster.nodes.get(pod.node).map_or("", |n| n.name.as_str());
            let blocked = world.cni_blocking(node, profile, cluster.mesh.cilium_cni, at);
            if let Some(agent) = blocked {
                notes.push(format!(
                    "{key}: created at {at} while {} on {node} was not ready: the pod does not start until it is",
                    agent.name()
                ));
            }
            Some(Life {
                created: at,
                profile,
                absent: false,
                blocked,
                revision,
            })
        };
        let refused = |at: Time| Life {
            created: at,
            profile: Profile::None,
            absent: true,
            blocked: None,
            revision: None,
        };
        let mut stuck = Vec::new();
        // A rollout waiting for its new pod: on the webhook (`Some(None)`) or a node agent.
        let mut waiting: Option<Option<Agent>> = None;
        let mut life = create(first).unwrap_or_else(|| refused(first));
        for e in past.iter().filter(|e| e.at > first) {
            let node = cluster.nodes.get(pod.node).map_or("", |n| n.name.as_str());
            match &e.change {
                Change::PodRestarted { workload } if belongs(workload) => {
                    life = create(e.at).unwrap_or_else(|| refused(e.at));
                }
                Change::RolledOut { workload: w }
                | Change::LabelChanged {
                    workload: Some(w), ..
                }
                | Change::AnnotationChanged {
                    workload: Some(w), ..
                } if belongs(w) => match create(e.at) {
                    // A Deployment keeps its old pods until the new ones are ready
                    // (maxUnavailable rounds down to 0 for few replicas): a new pod its node's
                    // CNI agent blocks, or one the webhook refuses, leaves the old one serving.
                    Some(new) if new.blocked.is_some() && !life.absent => {
                        stuck.push(format!(
                            "{key}: rollout at {} waits, the old pod keeps running",
                            e.at
                        ));
                        waiting = Some(new.blocked);
                    }
                    Some(new) => {
                        life = new;
                        waiting = None;
                    }
                    None if !life.absent => {
                        stuck.push(format!(
                            "{key}: rollout at {} stuck, the old pod keeps running",
                            e.at
                        ));
                        waiting = Some(None);
                    }
                    None => life = refused(e.at),
                },
                // The ReplicaSet keeps retrying: once the webhook answers, the pod is created.
                Change::InjectorUp {} | Change::ControlPlaneUp {}
                    if (life.absent || waiting == Some(None)) && !world.injector_down(e.at) =>
                {
                    if let Some(new) = create(e.at) {
                        life = new;
                        waiting = None;
                    }
                }
                // The kubelet retries the sandbox, Istio's and Linkerd's repair controllers
                // replace a pod that started uncaptured: it starts once the agent is back.
                Change::NodeAgentUp { node: n, agent }
                    if n == node
                        && (life.blocked == Some(*agent) || waiting == Some(Some(*agent))) =>
                {
                    life = create(e.at).unwrap_or_else(|| refused(e.at));
                    waiting = None;
                }
                _ => {}
            }
        }
        notes.extend(stuck);
        if let Some(r) = life.revision.as_ref().filter(|r| !world.installed(r, t)) {
            notes.push(format!(
                "{key}: its sidecar was injected by Istio revision `{r}`, uninstalled since: no certificates from it (the configuration it last received is not modeled; the proxy is shown with the current one)"
            ));
        }
        // Ambient enrollment follows the labels live; a sidecar stays what it was injected as.
        if !life.absent && matches!(life.profile, Profile::None | Profile::IstioAmbient) {
            let (now, _) = self.profile_at(written, p, past, t, profiles_at);
            if matches!(now, Profile::None | Profile::IstioAmbient) {
                life.profile = now;
            }
        }
        life
    }

    /// The data plane each pod created at `at` would get, and the Istio revision whose
    /// injector it would ask (`written`: labels as the manifests have them, changed by the
    /// events up to `at`).
    fn profile_at(
        &self,
        written: &Cluster,
        p: PodId,
        past: &[Event],
        at: Time,
        cache: &mut Enrolments,
    ) -> (Profile, Option<String>) {
        let enrolments = cache.entry(at).or_insert_with(|| {
            let mut then = written.clone();
            relabel(&mut then, past, at, &|_| at);
            (0..then.pods.len())
                .map(|p| {
                    (
                        crate::sim::load::profile_of(&then, p, self.default_mesh),
                        mesh::injecting_revision(&then, p),
                    )
                })
                .collect()
        });
        enrolments.get(p).cloned().unwrap_or((Profile::None, None))
    }

    /// Who holds which certificate at `t`: each sidecar its own, each node's ztunnel one per
    /// identity of the ambient pods it serves.
    fn holders(
        &self,
        cluster: &Cluster,
        lives: &[Life],
        past: &[Event],
        t: Time,
        world: &World,
    ) -> Vec<Option<Holder>> {
        let mut ztunnel_start: BTreeMap<String, Time> = BTreeMap::new();
        let key = |p: PodId| {
            let pod = &cluster.pods[p];
            let node = cluster.nodes.get(pod.node).map_or("", |n| n.name.as_str());
            (
                node.to_string(),
                format!("{node}/{}/{}", cluster.ns_name(pod.ns), pod.service_account),
            )
        };
        for (p, life) in lives.iter().enumerate() {
            if life.profile == Profile::IstioAmbient && !life.absent && life.blocked.is_none() {
                let start = ztunnel_start.entry(key(p).1).or_insert(life.created);
                *start = (*start).min(life.created);
            }
        }
        (0..lives.len())
            .map(|p| {
                let life = &lives[p];
                if life.absent || life.blocked.is_some() {
                    return None;
                }
                let pods_of = |w: &str| {
                    if life.profile == Profile::IstioAmbient {
                        let mine = key(p).1;
                        (0..lives.len()).any(|q| key(q).1 == mine && fault::belongs(cluster, q, w))
                    } else {
                        fault::belongs(cluster, p, w)
                    }
                };
                let (name, start, ztunnel_node) = match life.profile {
                    Profile::Linkerd | Profile::IstioSidecar => {
                        let pod = &cluster.pods[p];
                        (
                            format!("{}/{}", cluster.ns_name(pod.ns), pod.name),
                            life.created,
                            None,
                        )
                    }
                    Profile::IstioAmbient => {
                        let (node, name) = key(p);
                        let start = ztunnel_start.get(&name).copied().unwrap_or(life.created);
                        (format!("ztunnel {name}"), start, Some(node))
                    }
                    Profile::Cilium | Profile::None => return None,
                };
                let cert = certificate(
                    past,
                    t,
                    world,
                    life.profile,
                    &name,
                    start,
                    &pods_of,
                    ztunnel_node.as_deref(),
                    life.revision.as_deref(),
                );
                Some(Holder { name, cert })
            })
            .collect()
    }
}

fn problem(e: &Event, message: &str) -> String {
    format!("event `{}` at {}: {message}", e.change.kind(), e.at)
}

/// What each pod's application answers, from its annotations as they are now.
fn refresh_app_answers(cluster: &mut Cluster) {
    use crate::sim::model::mesh::APP_STATUS_ANNOTATION;
    for (p, pod) in cluster.pods.iter().enumerate() {
        let status = pod
            .annotations
            .get(APP_STATUS_ANNOTATION)
            .and_then(|v| v.parse::<u16>().ok())
            .filter(|s| (100..=599).contains(s))
            .unwrap_or(200);
        if let Some(slot) = cluster.mesh.app_status.get_mut(p) {
            *slot = status;
        }
    }
}

/// Labels and annotations as the events up to `t` left them: namespaces and running pods
/// live, a workload's pod template for pod `p` up to `template_of(p)` (its creation).
fn relabel(cluster: &mut Cluster, past: &[Event], t: Time, template_of: &dyn Fn(PodId) -> Time) {
    for e in past.iter().filter(|e| e.at <= t) {
        let (namespace, workload, pod, key, value, label) = match &e.change {
            Change::LabelChanged {
                namespace,
                workload,
                pod,
                key,
                value,
            } => (namespace, workload, pod, key, value, true),
            Change::AnnotationChanged {
                namespace,
                workload,
                pod,
                key,
                value,
            } => (namespace, workload, pod, key, value, false),
            _ => continue,
        };
        let set = |map: &mut crate::sim::model::labels::Labels| match value {
            Some(v) => {
                map.insert(key.clone(), v.clone());
            }
            None => {
                map.remove(key);
            }
        };
        match Target::of(namespace, workload, pod) {
            Ok(Target::Namespace(n)) => {
                if let Some(ns) = cluster.namespace(&n) {
                    let ns = &mut cluster.namespaces[ns];
                    set(if label {
                        &mut ns.labels
                    } else {
                        &mut ns.annotations
                    });
                }
            }
            Ok(Target::Workload(w)) => {
                for p in 0..cluster.pods.len() {
                    if fault::belongs(cluster, p, &w) && e.at <= template_of(p) {
                        let pod = &mut cluster.pods[p];
                        set(if label {
                            &mut pod.labels
                        } else {
                            &mut pod.annotations
                        });
                    }
                }
            }
            Ok(Target::Pod(name)) => {
                let (ns, name) = name.split_once('/').unwrap_or(("", &name));
                if let Some(p) = cluster.pod(ns, name) {
                    let pod = &mut cluster.pods[p];
                    set(if label {
                        &mut pod.labels
                    } else {
                        &mut pod.annotations
                    });
                }
            }
            Err(_) => {}
        }
    }
}

/// The mesh configuration of `then` in force over `now`'s pods: what the proxies last received.
fn freeze_config(now: &mut Cluster, then: &Cluster) {
    let (m, t) = (&mut now.mesh, &then.mesh);
    m.cilium_policies = t.cilium_policies.clone();
    m.peer_authentications = t.peer_authentications.clone();
    m.authorization_policies = t.authorization_policies.clone();
    m.virtual_services = t.virtual_services.clone();
    m.servers = t.servers.clone();
    m.linkerd_authz = t.linkerd_authz.clone();
    m.meshtls = t.meshtls.clone();
    m.network_authns = t.network_authns.clone();
    m.egress_networks = t.egress_networks.clone();
    now.routes = then.routes.clone();
}

/// The switches of the timeline (control plane, injector, node agents, issuer, trust bundle)
/// and their state at any moment.
struct World<'a> {
    past: &'a [Event],
    /// The Istio revisions installed at the start.
    revisions: &'a BTreeSet<String>,
}

impl<'a> World<'a> {
    /// An Istio control plane of `revision` runs at `at`.
    fn installed(&self, revision: &str, at: Time) -> bool {
        let mut on = self.revisions.contains(revision);
        for e in self.upto(at) {
            match &e.change {
                Change::RevisionInstalled { revision: r } if r == revision => on = true,
                Change::RevisionRemoved { revision: r } if r == revision => on = false,
                _ => {}
            }
        }
        on
    }

    fn upto(&self, at: Time) -> impl Iterator<Item = &'a Event> {
        self.past.iter().filter(move |e| e.at <= at)
    }

    fn control_plane_down_since(&self, at: Time) -> Option<Time> {
        let mut since = None;
        for e in self.upto(at) {
            match e.change {
                Change::ControlPlaneDown {} => since = since.or(Some(e.at)),
                Change::ControlPlaneUp {} => since = None,
                _ => {}
            }
        }
        since
    }

    /// The injection webhook does not answer (alone, or with the whole control plane).
    fn injector_down(&self, at: Time) -> bool {
        let mut down = false;
        for e in self.upto(at) {
            match e.change {
                Change::InjectorDown {} => down = true,
                Change::InjectorUp {} => down = false,
                _ => {}
            }
        }
        down || self.control_plane_down_since(at).is_some()
    }

    fn agent_down(&self, node: &str, agent: Agent, at: Time) -> bool {
        let mut down = false;
        for e in self.upto(at) {
            match &e.change {
                Change::NodeAgentDown { node: n, agent: a } if n == node && *a == agent => {
                    down = true
                }
                Change::NodeAgentUp { node: n, agent: a } if n == node && *a == agent => {
                    down = false
                }
                _ => {}
            }
        }
        down
    }

    /// `(node, agent)` of every node agent down at `at`.
    fn all_agents_down(&self, at: Time) -> BTreeSet<(String, Agent)> {
        let mut down = BTreeSet::new();
        for e in self.upto(at) {
            match &e.change {
                Change::NodeAgentDown { node, agent } => {
                    down.insert((node.clone(), *agent));
                }
                Change::NodeAgentUp { node, agent } => {
                    down.remove(&(node.clone(), *agent));
                }
                _ => {}
            }
        }
        down
    }

    /// Nodes where one of `agents` is down at `at`.
    fn agents_down(&self, at: Time, agents: &[Agent]) -> BTreeSet<String> {
        let mut down = BTreeSet::new();
        for e in self.upto(at) {
            match &e.change {
                Change::NodeAgentDown { node, agent } if agents.contains(agent) => {
                    down.insert(node.clone());
                }
                Change::NodeAgentUp { node, agent }
                    if agents.contains(agent)
                        && !agents
                            .iter()
                            .any(|a| a != agent && self.agent_down(node, *a, at)) =>
                {
                    down.remove(node);
                }
                _ => {}
            }
        }
        down
    }

    /// The node agent whose absence keeps a pod created at `at` from starting: the CNI
    /// plugin asks its agent (Cilium: the whole pod network; istio-cni and linkerd-cni: the
    /// mesh's redirection, checked by the `istio-validation` and `linkerd-network-validator`
    /// init containers).
    fn cni_blocking(&self, node: &str, profile: Profile, cilium: bool, at: Time) -> Option<Agent> {
        let agent = match profile {
            _ if cilium && self.agent_down(node, Agent::CiliumAgent, at) => {
                return Some(Agent::CiliumAgent);
            }
            Profile::IstioSidecar | Profile::IstioAmbient => Agent::IstioCni,
            Profile::Linkerd => Agent::LinkerdCni,
            _ => return None,
        };
        self.agent_down(node, agent, at).then_some(agent)
    }

    /// The trust anchors a proxy of `profile` created at `created` trusts at `at`. Linkerd
    /// writes them into the pod at injection (`LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS`); istiod
    /// pushes Istio's to running proxies while it is up.
    fn bundle(&self, profile: Profile, created: Time, at: Time) -> Vec<String> {
        let upto = match profile {
            Profile::Linkerd => created,
            _ => self.control_plane_down_since(at).unwrap_or(at),
        };
        self.upto(upto)
            .filter_map(|e| match &e.change {
                Change::TrustBundleRotated { anchors } => Some(anchors.clone()),
                _ => None,
            })
            .last()
            .unwrap_or_else(|| vec![INITIAL_ANCHOR.to_string()])
    }
}

/// The certificate a holder has at `t`: issued at its start (or, for the cluster's first pods,
/// renewed on its own schedule before time 0), renewed at its mesh's ratio of the lifetime
/// whenever the issuer can sign, never past the issuer's own expiry.
#[allow(clippy::too_many_arguments)]
fn certificate(
    past: &[Event],
    t: Time,
    world: &World,
    profile: Profile,
    name: &str,
    start: Time,
    pods_of: &dyn Fn(&str) -> bool,
    ztunnel_node: Option<&str>,
    revision: Option<&str>,
) -> Option<Cert> {
    struct Issuer {
        anchor: String,
        expiry: Time,
    }
    let mut issuer = Issuer {
        anchor: INITIAL_ANCHOR.to_string(),
        expiry: FIRST_ISSUER_EXPIRY,
    };
    let mut cert: Option<Cert> = None;
    let mut stuck = false;
    let mut cur = start;
    for e in past.iter().filter(|e| e.at <= start) {
        if let Change::IssuerRotated { anchor, valid_for } = &e.change {
            issuer = Issuer {
                anchor: anchor.clone(),
                expiry: Time(e.at.0 + valid_for.0),
            };
        }
    }
    let can_issue = |at: Time, issuer: &Issuer, stuck: bool| {
        !stuck
            && world.control_plane_down_since(at).is_none()
            && revision.is_none_or(|r| world.installed(r, at))
            && issuer.expiry > at
    };
    let issue = |at: Time, issuer: &Issuer| Cert {
        issued: at,
        expires: Time((at.0 + LIFETIME).min(issuer.expiry.0)),
        anchor: issuer.anchor.clone(),
    };
    if start == super::timeline::CLUSTER_START {
        let at = clocks::last_renewal_before_start(profile, name);
        cert = Some(issue(at, &issuer));
        cur = at;
    }
    let ratio = clocks::renew_ratio(profile);
    // Renewals from `cur` to `until`: nothing but the holder's own clock changes in between.
    let renew = |cert: &mut Option<Cert>, cur: Time, until: Time, issuer: &Issuer, stuck: bool| {
        loop {
            let due = match cert {
                None => cur,
                Some(c) => {
                    let life = (c.expires.0 - c.issued.0).max(2);
                    Time(c.issued.0 + ((life as f64 * ratio).round() as i64).max(1))
                }
            };
            let when = due.max(cur);
            if when > until || !can_issue(when, issuer, stuck) {
                return;
            }
            *cert = Some(issue(when, issuer));
        }
    };
    for e in past.iter().filter(|e| e.at > start) {
        renew(&mut cert, cur, e.at, &issuer, stuck);
        cur = e.at;
        match &e.change {
            Change::IssuerRotated { anchor, valid_for } => {
                issuer = Issuer {
                    anchor: anchor.clone(),
                    expiry: Time(e.at.0 + valid_for.0),
                };
            }
            Change::CertExpired { workload } if pods_of(workload) => {
                if let Some(c) = &mut cert {
                    c.expires = c.expires.min(e.at);
                }
                stuck = true;
            }
            Change::CertIssued { workload } if pods_of(workload) => {
                stuck = false;
                if can_issue(e.at, &issuer, stuck) {
                    cert = Some(issue(e.at, &issuer));
                }
            }
            // A restarted ztunnel kept its certificates in memory only: it asks again.
            Change::NodeAgentUp {
                node,
                agent: Agent::Ztunnel,
            } if Some(node.as_str()) == ztunnel_node => cert = None,
            _ => {}
        }
    }
    renew(&mut cert, cur, t, &issuer, stuck);
    cert
}
