//! The latency cost model: what each hop of a request adds, so a trace and a run can say how
//! long a request took. A model, not a measurement: fixed costs by kind of hop, documented here,
//! chosen to keep the orders of magnitude right (a kernel decision ≪ a per-pod proxy < a full
//! L7 proxy ≪ the application).

use super::outcome::{Hop, Outcome};

/// How long a client waits before it gives up on a silent drop.
pub const CLIENT_TIMEOUT_MS: f64 = 10_000.0;

/// Milliseconds a hop adds, by what the hop is (matched without regard to ASCII case).
pub fn hop_cost_ms(component: &str) -> f64 {
    // Called for every hop of every traced request: classify in place rather than lowercase a
    // copy. The needles are ASCII, so an ASCII-case-insensitive byte match finds exactly what
    // `contains` finds in the lowercased string.
    let c = component.as_bytes();
    let has = |needle: &str| contains_ignore_ascii_case(c, needle.as_bytes());
    if starts_with_ignore_ascii_case(c, b"cni") {
        0.02 // an eBPF or iptables decision in the kernel
    } else if has("waypoint") || has("gateway") || has("envoy") {
        0.35 // a full L7 proxy: HTTP parsing, routing, filters
    } else if has("ztunnel") {
        0.1 // L4 only, HBONE tunnel
    } else if has("proxy") || has("sidecar") {
        0.25 // a per-pod proxy on the path
    } else if starts_with_ignore_ascii_case(c, b"app") || starts_with_ignore_ascii_case(c, b"pod") {
        0.15 // network between pods, and the app's own request handling
    } else {
        0.01
    }
}

fn starts_with_ignore_ascii_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// `needle` (lowercase ASCII) occurs in `hay`, ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
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

#[cfg(test)]
mod tests {
    use super::hop_cost_ms;

    /// The in-place match classifies as lowercasing a copy would.
    #[test]
    fn hop_classes_ignore_case() {
        for (component, ms) in [
            ("CNI egress shop/checkout (node-1)", 0.02),
            ("cilium eBPF ingress shop/payment (node-2)", 0.01),
            ("waypoint shop/waypoint", 0.35),
            ("Gateway edge/public", 0.35),
            ("cilium node Envoy (node-1)", 0.35),
            ("ztunnel inbound (node-1) for shop/payment", 0.1),
            ("linkerd-proxy outbound web/frontend", 0.25),
            ("istio-proxy inbound shop/payment", 0.25),
            ("Sidecar", 0.25),
            ("app shop/payment", 0.15),
            ("pod web/frontend-0", 0.15),
            ("APP x/y", 0.15),
            ("Service shop/payment port 8080", 0.01),
            ("", 0.01),
            ("é proxy", 0.25),
        ] {
            assert_eq!(hop_cost_ms(component), ms, "{component}");
        }
    }
}
