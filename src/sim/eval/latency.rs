//! The latency cost model: what each hop of a request adds, so a trace and a run can say how
//! long a request took. A model, not a measurement: fixed costs by kind of hop, documented here,
//! chosen to keep the orders of magnitude right (a kernel decision ≪ a per-pod proxy < a full
//! L7 proxy ≪ the application).

use crate::sim::eval::outcome::{Hop, Outcome};

/// How long a client waits before it gives up on a silent drop.
pub const CLIENT_TIMEOUT_MS: f64 = 10_000.0;

/// Milliseconds a hop adds, by what the hop is (its component, ignoring ASCII case).
pub fn hop_cost_ms(component: &str) -> f64 {
    let c = component.as_bytes();
    if starts_with_ignore_ascii_case(c, b"cni") {
        return 0.02; // an eBPF or iptables decision in the kernel
    }
    let words = Words::of(c);
    if words.l7_proxy {
        0.35 // a full L7 proxy: HTTP parsing, routing, filters
    } else if words.ztunnel {
        0.1 // L4 only, HBONE tunnel
    } else if words.proxy {
        0.25 // a per-pod proxy on the path
    } else if starts_with_ignore_ascii_case(c, b"app") || starts_with_ignore_ascii_case(c, b"pod") {
        0.15 // network between pods, and the app's own request handling
    } else {
        0.01
    }
}

/// The words anywhere in a component that give its cost class.
#[derive(Default)]
struct Words {
    /// `waypoint`, `gateway` or `envoy`.
    l7_proxy: bool,
    ztunnel: bool,
    /// `proxy` or `sidecar`.
    proxy: bool,
}

impl Words {
    /// One pass over the component, in place: this runs for every hop of every traced request,
    /// so it neither lowercases a copy nor searches once per word. The words are ASCII, so an
    /// ASCII-case-insensitive byte match finds exactly what `contains` finds in the lowercased
    /// string.
    ///
    /// A position is tried only when its first two bytes could start a word: `| 0x20`
    /// lowercases ASCII letters (and maps no other byte onto one), and the full match below
    /// confirms. Two bytes rarely match (a single first letter such as `e` or `s` often did),
    /// so the loop seldom branches off; every word is at least five bytes long, so the last
    /// four positions cannot start one.
    fn of(component: &[u8]) -> Self {
        let mut words = Words::default();
        for i in 0..component.len().saturating_sub(4) {
            let rest = &component[i..];
            let at = |word: &[u8]| starts_with_ignore_ascii_case(rest, word);
            match [rest[0] | 0x20, rest[1] | 0x20] {
                [b'w', b'a'] => words.l7_proxy |= at(b"waypoint"),
                [b'g', b'a'] => words.l7_proxy |= at(b"gateway"),
                [b'e', b'n'] => words.l7_proxy |= at(b"envoy"),
                [b'z', b't'] => words.ztunnel |= at(b"ztunnel"),
                [b'p', b'r'] => words.proxy |= at(b"proxy"),
                [b's', b'i'] => words.proxy |= at(b"sidecar"),
                _ => {}
            }
        }
        words
    }
}

fn starts_with_ignore_ascii_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
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
            ("pod a/envoy-b", 0.35),
            ("pod a/zTunnel", 0.1),
            ("app a/side", 0.15),
            ("xproxYwaypoinT", 0.35),
            ("zzztunne", 0.01),
        ] {
            assert_eq!(hop_cost_ms(component), ms, "{component}");
        }
    }

    /// The classification as first written: lowercase a copy, then search it word by word.
    fn lowercased(component: &str) -> f64 {
        let c = component.to_ascii_lowercase();
        if c.starts_with("cni") {
            0.02
        } else if c.contains("waypoint") || c.contains("gateway") || c.contains("envoy") {
            0.35
        } else if c.contains("ztunnel") {
            0.1
        } else if c.contains("proxy") || c.contains("sidecar") {
            0.25
        } else if c.starts_with("app") || c.starts_with("pod") {
            0.15
        } else {
            0.01
        }
    }

    #[test]
    fn in_place_matches_the_lowercased_copy() {
        let parts = [
            "", "CNI", "cni", "App", "POD", "pod ", "Way", "point", "waypoin", "GateWay", "eNvoY",
            "zTunnel", "ztunne", "PROXY", "prox", "SideCar", "é", "/", " ", "x",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let component = format!("{a}{b}{c}");
                    assert_eq!(
                        hop_cost_ms(&component),
                        lowercased(&component),
                        "{component}"
                    );
                }
            }
        }
    }
}
