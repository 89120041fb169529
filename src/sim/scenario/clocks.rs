//! The certificate clocks the meshes keep, each figure with its source.
//!
//! - Linkerd: the identity service signs workload certificates for `issuanceLifetime: 24h0m0s`
//!   (linkerd/linkerd2 charts/linkerd-control-plane/values.yaml, commit b24cd40), never past
//!   the expiry of its own issuer certificate ("if our trust chain contains a certificate that
//!   expires sooner than the one we intend to issue, we clamp the NotAfter time", linkerd2
//!   pkg/tls/ca.go); the proxy asks for a new one after 70% of the lifetime (linkerd2-proxy
//!   linkerd/proxy/identity-client/src/certify.rs; MESH-NOTES.md §6 item 7: leaves expire
//!   "about 7.2-24h" after the control plane is lost).
//! - Istio: the agent requests `SECRET_TTL` = 24h and rotates at `SECRET_GRACE_PERIOD_RATIO` =
//!   0.5 of it (istio/istio pilot/cmd/pilot-agent/options/options.go), so with istiod gone each
//!   certificate "expires 12-24h after the outage began" (oracle case ISC-16). In ambient,
//!   ztunnel holds the certificates of its node's workloads and keeps a valid one when renewal
//!   fails ("retaining existing valid certificate", istio/ztunnel src/identity/manager.rs).
//!
//! A pod renews on its own schedule: the phase of each pod's renewals is derived from its name
//! (the moment it happened to start), so the same scenario always gives the same clocks, and
//! a mesh's certificates run out one by one over the window above, not all at once.

use super::time::{HOUR, Time};
use crate::sim::model::mesh::Profile;

/// Lifetime of a workload certificate, both meshes.
pub const LIFETIME: i64 = 24 * HOUR;

/// When a holder asks for a new certificate, as a share of its lifetime.
pub fn renew_ratio(profile: Profile) -> f64 {
    match profile {
        Profile::Linkerd => 0.7,
        _ => 0.5,
    }
}

/// Seconds from issuance to the renewal attempt.
pub fn renew_after(profile: Profile) -> i64 {
    (LIFETIME as f64 * renew_ratio(profile)).round() as i64
}

/// The moment before time 0 at which `holder` last renewed: within one renewal period, spread
/// by a hash of its name.
pub fn last_renewal_before_start(profile: Profile, holder: &str) -> Time {
    let period = renew_after(profile);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in holder.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Whole minutes, so the clocks print as a person would read them.
    let minutes = (period / 60).max(1) as u64;
    Time(-((h % minutes) as i64) * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewals_spread_over_one_period() {
        for name in [
            "shop/payment",
            "shop/checkout",
            "web/frontend",
            "ledger/ledger",
        ] {
            let t = last_renewal_before_start(Profile::Linkerd, name).0;
            assert!(
                (-renew_after(Profile::Linkerd)..=0).contains(&t),
                "{name}: {t}"
            );
            let t = last_renewal_before_start(Profile::IstioSidecar, name).0;
            assert!((-12 * HOUR..=0).contains(&t), "{name}: {t}");
        }
        assert_eq!(renew_after(Profile::Linkerd), 16 * HOUR + 48 * 60);
    }
}
