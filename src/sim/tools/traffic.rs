//! What the cluster's traffic left behind: each request the scenario (or the drill) sends,
//! its answer, and the points it crossed, typed, so that Hubble can print flows, the proxies
//! access logs and `linkerd viz` golden metrics from the same requests.
//!
//! The evaluator reports a request's path as hops whose `component` is text
//! (`istio-proxy inbound shop/payment-0`, `cilium eBPF ingress ledger/ledger-0 (node-1)`).
//! [`point`] is the one place that reads that text back into a [`Point`]; when the evaluator
//! reports typed hops, only this function changes.

use crate::sim::eval::outcome::{Hop, ProbeResult};
use crate::sim::eval::probe::Probe;
use crate::sim::eval::refs::{self, Client};
use crate::sim::model::{Cluster, PodId, SvcId};
use crate::sim::scenario::event::Agent;
use crate::sim::scenario::faulty::Faulty;

use super::clock::NOW;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Out,
    In,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyMesh {
    Istio,
    Linkerd,
}

/// A point on a request's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    /// The client application sent it.
    Client(Option<PodId>),
    /// A Service's address was translated to an endpoint.
    Dnat(Option<SvcId>),
    /// A sidecar proxy.
    Proxy {
        mesh: ProxyMesh,
        side: Side,
        pod: Option<PodId>,
    },
    /// The node's ztunnel, for `pod`.
    Ztunnel {
        side: Side,
        node: String,
        pod: Option<PodId>,
    },
    /// An ambient waypoint (`NS/NAME` of its Gateway).
    Waypoint(String),
    /// The CNI datapath (Cilium's eBPF programs, or a plain CNI enforcing NetworkPolicy).
    Datapath {
        cilium: bool,
        side: Side,
        pod: Option<PodId>,
        node: String,
    },
    /// Cilium's per-node Envoy, for L7 policy.
    NodeEnvoy(String),
    /// The Cilium agent's DNS proxy on `node`, answering the client's lookup; `dns` is the DNS
    /// server pod the query was for.
    DnsProxy {
        node: String,
        dns: Option<PodId>,
    },
    /// The destination application answered.
    App(Option<PodId>),
    /// Outside the cluster (`name:port`).
    External(String),
    /// A fault broke the request here.
    Fault,
    Other,
}

/// A pod named `NS/NAME` somewhere in `text`.
fn pod_in(cluster: &Cluster, text: &str) -> Option<PodId> {
    text.split([' ', '(', ')'])
        .filter_map(|w| w.split_once('/'))
        .find_map(|(ns, name)| cluster.pod(ns, name))
}

fn node_in(text: &str) -> String {
    text.rsplit_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map_or_else(String::new, |(n, _)| n.to_owned())
}

/// What a hop is, read from its component text (see the module comment).
pub fn point(cluster: &Cluster, hop: &Hop) -> Point {
    let c = hop.component.as_str();
    let side = |s: &str| {
        if s.contains("inbound") || s.contains("ingress") {
            Side::In
        } else {
            Side::Out
        }
    };
    if let Some(rest) = c.strip_prefix("pod ").or_else(|| c.strip_prefix("client ")) {
        return Point::Client(pod_in(cluster, rest));
    }
    if let Some(rest) = c.strip_prefix("Service ") {
        let name = rest.split(' ').next().unwrap_or_default();
        let svc = name
            .split_once('/')
            .and_then(|(ns, n)| cluster.service(ns, n));
        return Point::Dnat(svc);
    }
    if let Some(rest) = c.strip_prefix("istio-proxy ") {
        return Point::Proxy {
            mesh: ProxyMesh::Istio,
            side: side(rest),
            pod: pod_in(cluster, rest),
        };
    }
    if let Some(rest) = c.strip_prefix("linkerd-proxy ") {
        return Point::Proxy {
            mesh: ProxyMesh::Linkerd,
            side: side(rest),
            pod: pod_in(cluster, rest),
        };
    }
    if let Some(rest) = c.strip_prefix("ztunnel ") {
        return Point::Ztunnel {
            side: side(rest),
            node: node_in(rest),
            pod: pod_in(cluster, rest),
        };
    }
    if let Some(rest) = c.strip_prefix("waypoint") {
        return Point::Waypoint(rest.trim().to_owned());
    }
    if let Some(rest) = c.strip_prefix("cilium node Envoy") {
        return Point::NodeEnvoy(node_in(rest));
    }
    if let Some(rest) = c.strip_prefix("cilium DNS proxy") {
        return Point::DnsProxy {
            node: node_in(rest),
            dns: hop
                .reason
                .split(": ")
                .next()
                .and_then(|q| q.rsplit_once(" to "))
                .and_then(|(_, p)| pod_in(cluster, p)),
        };
    }
    for (prefix, cilium) in [("CNI ", false), ("cilium eBPF ", true)] {
        if let Some(rest) = c.strip_prefix(prefix) {
            return Point::Datapath {
                cilium,
                side: side(rest),
                pod: pod_in(cluster, rest),
                node: node_in(rest),
            };
        }
    }
    if let Some(rest) = c.strip_prefix("app ") {
        return Point::App(pod_in(cluster, rest));
    }
    if let Some(rest) = c.strip_prefix("external ") {
        let target = rest.rsplit(' ').next().unwrap_or_default();
        return Point::External(target.to_owned());
    }
    if c == "fault" {
        return Point::Fault;
    }
    Point::Other
}

/// How a fault broke a request (see `scenario::fault::apply_to_result`, whose order this
/// follows): the failure each point on the path would report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server's certificate has expired: the client's side of the handshake rejects it.
    ServerCertExpired,
    /// The client's own certificate has expired: the server rejects it.
    ClientCertExpired,
    /// One side's certificate chains to a root the other does not trust.
    UnknownIssuer,
    /// The node's ztunnel is down (ambient), or its cilium-agent (Cilium L7).
    NodeAgent { ztunnel: bool, node: String },
    /// The client still carries an old Cilium identity: the allow does not match it.
    StaleIdentity,
}

/// One request the cluster saw, and where it went.
#[derive(Debug, Clone)]
pub struct Seen {
    pub probe: Probe,
    pub result: ProbeResult,
    /// The points it crossed, with the hop each was read from.
    pub path: Vec<(Point, Hop)>,
    pub client: Option<PodId>,
    /// The pod it was for (the one that answered, else the last one the path names).
    pub server: Option<PodId>,
    pub service: Option<SvcId>,
    /// When it was sent (unix seconds, milliseconds).
    pub at: (i64, u32),
    /// The client's ephemeral source port.
    pub source_port: u16,
    /// A fault broke it: the points after the failure never saw it.
    pub failure: Option<Failure>,
    /// How many such requests a second the client sends (for rates in golden metrics).
    pub rps: f64,
}

impl Seen {
    /// The destination port the server side saw.
    pub fn port(&self, cluster: &Cluster) -> u16 {
        let svc_port = self.probe.port;
        match (self.service.and_then(|s| cluster.services.get(s)), svc_port) {
            (Some(svc), p) => {
                let sp = p.map_or(svc.ports.first(), |p| {
                    svc.ports.iter().find(|x| x.port == p)
                });
                match sp.map(|sp| &sp.target) {
                    Some(crate::sim::model::TargetPort::Number(n)) => *n,
                    Some(crate::sim::model::TargetPort::Name(name)) => self
                        .server
                        .and_then(|p| cluster.pods.get(p))
                        .and_then(|pod| pod.named_port(name, crate::sim::model::net::Protocol::Tcp))
                        .or(p)
                        .unwrap_or(80),
                    None => p.unwrap_or(80),
                }
            }
            // `name:port` in the destination, as the probe was written.
            (None, p) => p
                .or_else(|| {
                    self.probe
                        .to
                        .rsplit_once(':')
                        .and_then(|(_, port)| port.parse().ok())
                })
                .unwrap_or(80),
        }
    }

    /// It was an HTTP request (a method or path was given).
    pub fn http(&self) -> bool {
        self.probe.method.is_some() || self.probe.path.is_some()
    }

    pub fn method(&self) -> &str {
        self.probe.method.as_deref().unwrap_or("GET")
    }

    pub fn path_text(&self) -> &str {
        self.probe.path.as_deref().unwrap_or("/")
    }

    /// The point that stopped it, if one did.
    pub fn stopped_at(&self) -> Option<&(Point, Hop)> {
        self.path
            .iter()
            .rev()
            .find(|(_, h)| matches!(h.decision.as_ref(), "drop" | "deny" | "reset" | "reject"))
    }

    /// The destination application saw it.
    pub fn reached_app(&self) -> bool {
        self.failure.is_none() && self.path.iter().any(|(p, _)| matches!(p, Point::App(_)))
    }

    /// The proxies and datapath points that saw it: all of them, unless a fault broke it at
    /// the handshake (then nothing past the client's side did).
    pub fn saw(&self, p: &Point) -> bool {
        match &self.failure {
            None => true,
            Some(Failure::StaleIdentity) => {
                !matches!(p, Point::App(_) | Point::Proxy { side: Side::In, .. })
            }
            Some(_) => matches!(
                p,
                Point::Client(_)
                    | Point::Dnat(_)
                    | Point::Proxy {
                        side: Side::Out,
                        ..
                    }
                    | Point::Ztunnel {
                        side: Side::Out,
                        ..
                    }
                    | Point::Datapath { .. }
            ),
        }
    }
}

/// Which fault broke a request between `client` and `server`, in the order
/// `scenario::fault::apply_to_result` tries them.
fn failure(sim: &Faulty, client: Option<PodId>, server: Option<PodId>) -> Option<Failure> {
    use crate::sim::scenario::fault::{CERT_LIFETIME_HOURS, Fault};
    let c = &sim.cluster;
    let is = |p: Option<PodId>, w: &str| p.is_some_and(|p| super::pods::belongs(c, p, w));
    let node_of = |p: Option<PodId>| {
        p.and_then(|p| c.pods.get(p))
            .and_then(|p| c.nodes.get(p.node))
            .map(|n| n.name.clone())
    };
    sim.faults.iter().find_map(|f| match f {
        Fault::CertExpired { workload } if is(server, workload) => Some(Failure::ServerCertExpired),
        Fault::CertExpired { workload } if is(client, workload) => Some(Failure::ClientCertExpired),
        Fault::TrustBundleMismatch { namespace } => {
            let inside = |p: Option<PodId>| {
                p.and_then(|p| c.pods.get(p))
                    .is_some_and(|p| c.ns_name(p.ns) == namespace)
            };
            (inside(client) != inside(server)).then_some(Failure::UnknownIssuer)
        }
        Fault::IdentityIssuerDown { hours, .. } | Fault::ControlPlaneDown { hours, .. }
            if *hours >= CERT_LIFETIME_HOURS =>
        {
            Some(Failure::ServerCertExpired)
        }
        // Every Linkerd leaf expired with the issuer that capped it.
        Fault::IssuerCertExpired { .. } => Some(Failure::ServerCertExpired),
        Fault::NodeAgentDown { node, agent } => {
            let on = |p: Option<PodId>| node_of(p).as_deref() == Some(node.as_str());
            (on(client) || on(server)).then(|| Failure::NodeAgent {
                ztunnel: sim
                    .installed
                    .contains(&crate::sim::model::mesh::Profile::IstioAmbient)
                    && agent.is_none_or(|a| a == Agent::Ztunnel),
                node: node.clone(),
            })
        }
        Fault::StaleIdentity { workload } if is(client, workload) => Some(Failure::StaleIdentity),
        _ => None,
    })
}

/// Sends every probe of `traffic` through the faulty cluster, two seconds apart, the last
/// one just before [`NOW`]. A probe that names nothing in the cluster is left out.
pub fn observe(sim: &Faulty, traffic: &[(Probe, f64)]) -> Vec<Seen> {
    let n = traffic.len() as i64;
    traffic
        .iter()
        .enumerate()
        .filter_map(|(i, (probe, rps))| {
            let result = sim.probe(probe).ok()?;
            let cluster = &sim.cluster;
            let path: Vec<(Point, Hop)> = result
                .hops
                .iter()
                .map(|h| (point(cluster, h), h.clone()))
                .collect();
            let client = match refs::resolve_client(cluster, &probe.from) {
                Ok(Client::Pod(p)) => Some(p),
                _ => None,
            };
            let named = path.iter().rev().find_map(|(p, _)| match p {
                Point::App(pod) => *pod,
                Point::Proxy {
                    side: Side::In,
                    pod,
                    ..
                }
                | Point::Ztunnel {
                    side: Side::In,
                    pod,
                    ..
                }
                | Point::Datapath {
                    side: Side::In,
                    pod,
                    ..
                } => *pod,
                _ => None,
            });
            let service = path.iter().find_map(|(p, _)| match p {
                Point::Dnat(s) => *s,
                _ => None,
            });
            // Stopped before any pod: the endpoint the Service address was translated to
            // (the first ready one, as the evaluator's first request picks).
            let endpoint = service
                .and_then(|s| cluster.services.get(s))
                .and_then(|s| s.endpoints.first().copied());
            // Or the pod the probe names itself (`NS/POD`), dropped on the client's side.
            let addressed = probe
                .to
                .split_once('/')
                .and_then(|(ns, name)| cluster.pod(ns, name));
            let server = crate::sim::scenario::faulty::served_by(cluster, &result)
                .or(named)
                .or(endpoint)
                .or(addressed);
            let millis = ((i as u32).wrapping_mul(137) + 41) % 1000;
            let failure = path
                .iter()
                .any(|(p, _)| *p == Point::Fault)
                .then(|| failure(sim, client, server))
                .flatten();
            Some(Seen {
                rps: *rps,
                failure,
                at: (NOW - 2 * (n - i as i64), millis),
                source_port: 40000 + ((i as u32 * 7919 + 311) % 20000) as u16,
                probe: probe.clone(),
                result,
                path,
                client,
                server,
                service,
            })
        })
        .collect()
}
