//! The latency cost model: what each hop of a request adds, so a trace and a run can say how
//! long a request took. A model, not a measurement: fixed costs by kind of hop, documented here,
//! chosen to keep the orders of magnitude right (a kernel decision ≪ a per-pod proxy < a full
//! L7 proxy ≪ the application).

use super::outcome::{Hop, Outcome};

/// How long a client waits before it gives up on a silent drop.
pub const CLIENT_TIMEOUT_MS: f64 = 10_000.0;

/// Milliseconds a hop adds, by what the hop is.
pub fn hop_cost_ms(component: &str) -> f64 {
    let c = component.to_ascii_lowercase();
    if c.starts_with("cni") {
        0.02 // an eBPF or iptables decision in the kernel
    } else if c.contains("waypoint") || c.contains("gateway") || c.contains("envoy") {
        0.35 // a full L7 proxy: HTTP parsing, routing, filters
    } else if c.contains("ztunnel") {
        0.1 // L4 only, HBONE tunnel
    } else if c.contains("proxy") || c.contains("sidecar") {
        0.25 // a per-pod proxy on the path
    } else if c.starts_with("app") || c.starts_with("pod") {
        0.15 // network between pods, and the app's own request handling
    } else {
        0.01
    }
}

/// One request's latency in microseconds: every hop once per try, plus the application's own
/// time when it answered; a silent drop costs the client its whole timeout.
pub fn request_us(
    hops: &[Hop],
    tries: u32,
    app_delay_ms: u64,
    outcome: Outcome,
    answered: bool,
) -> u64 {
    let ms = if outcome == Outcome::Timeout {
        CLIENT_TIMEOUT_MS
    } else {
        let path: f64 = hops.iter().map(|h| hop_cost_ms(&h.component)).sum();
        let app = if answered { app_delay_ms as f64 } else { 0.0 };
        (path + app) * f64::from(tries.max(1))
    };
    (ms * 1000.0).round() as u64
}
