//! What a probe produces: the client-visible outcome and the trace of hops. Serialized as the
//! `sim probe --format json` result objects.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

/// Who decided the request's fate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// An application answered (whatever its status), or a route answered as configured.
    Allowed,
    /// A policy decided against it (NetworkPolicy, CiliumNetworkPolicy, a mesh's
    /// authorization, a fault that stands for one).
    Denied,
    /// Nothing served it and no policy decided: a refused connection (no such port, no
    /// endpoint), a name that does not resolve, no route, a backend that cannot be used, a
    /// timeout, a broken handshake.
    Failed,
}

/// How the client sees the answer (MESH-NOTES.md §0: denial has a shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    HttpError,
    Reset,
    Refused,
    Timeout,
    /// The name did not resolve (curl: "Could not resolve host"; busybox: "bad address").
    DnsFailure,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackendRef {
    /// `NS/NAME` of the Service the request went through, if any.
    pub service: Option<String>,
    /// `NS/NAME` of the pod that answered.
    pub pod: String,
}

/// One step of the trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// e.g. `client app x/a`, `CNI egress x/a (node-1)`, `linkerd-proxy outbound`.
    pub component: String,
    /// `pass`, `allow`, `deny`, `route`, `answer`, `drop`, `reset`: a fixed word, so the
    /// simulator borrows it rather than allocating one per hop.
    pub decision: Cow<'static, str>,
    /// The link leaving this hop is encrypted.
    pub encrypted: bool,
    /// Peer identity this hop authenticated, if any.
    pub identity: Option<String>,
    pub reason: String,
    /// The mesh proxy this hop is, when it is one that names its instance: what reads a trace
    /// by proxy (the cost model) reads this, never `component`, whose words change and are
    /// translated for display. Absent from the JSON when the hop is no such proxy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxyHop>,
}

/// One mesh proxy instance handling a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProxyHop {
    pub kind: ProxyKind,
    /// Which one: a sidecar's pod `NS/POD`, the node of a ztunnel or of Cilium's node Envoy,
    /// a waypoint's `NS/NAME`.
    pub instance: String,
    /// The leg of the request it handles, for a proxy that can handle both: a ztunnel whose
    /// node runs both ends handles the request twice, as two sidecars would.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leg: Option<Leg>,
}

impl ProxyHop {
    pub fn new(kind: ProxyKind, instance: impl Into<String>, leg: Option<Leg>) -> ProxyHop {
        ProxyHop {
            kind,
            instance: instance.into(),
            leg,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProxyKind {
    /// Istio's Envoy sidecar (`istio-proxy`).
    IstioSidecar,
    /// Linkerd's `linkerd2-proxy` sidecar.
    LinkerdProxy,
    /// Istio ambient's per-node L4 proxy.
    Ztunnel,
    /// Istio ambient's L7 proxy for a namespace or Service.
    Waypoint,
    /// The Envoy Cilium runs on each node for L7 policy.
    CiliumEnvoy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Leg {
    Outbound,
    Inbound,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProbeResult {
    pub from: String,
    pub to: String,
    pub verdict: Verdict,
    pub outcome: Outcome,
    pub status: Option<u16>,
    /// gRPC status when the request was gRPC and the answer carries one (7 = PERMISSION_DENIED).
    pub grpc_status: Option<u16>,
    pub backend: Option<BackendRef>,
    /// Requests per `NS/SERVICE` (or `NS/POD` without a Service), plus `status:NNN` for answers
    /// that reached no backend, and `mirror:NS/SERVICE` for the copies a RequestMirror filter
    /// sent (their answers ignored).
    pub counts: BTreeMap<String, u64>,
    /// Requests of the probe that did not succeed: no application answered, or it answered a
    /// server error (5xx) — what `linkerd viz stat` and Istio's success rate count as failed.
    pub failed_requests: u64,
    /// Retries the client side sent beyond each request's first try, over all `count`
    /// requests (a ServiceProfile's budget caps them across requests).
    #[serde(skip_serializing_if = "is_zero")]
    pub retries: u64,
    /// Every hop of the first request's path carried the payload encrypted.
    pub encrypted: bool,
    /// Identity the server side authenticated for the client (mTLS), if any.
    pub client_identity: Option<String>,
    /// Backend tries for the first request (the first try included).
    pub tries: u32,
    /// The first request's latency in microseconds, from the cost model in `sim::latency`.
    pub latency_us: u64,
    /// Objects and rules that decided, as `Kind NS/NAME rule N`.
    pub decided_by: Vec<String>,
    /// The HTTPRoute rule applied, as `HTTPRoute NS/NAME rule N`, if any.
    pub route: Option<String>,
    /// Response headers set by route filters.
    pub response_headers: BTreeMap<String, String>,
    pub hops: Vec<Hop>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}
