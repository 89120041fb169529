//! Workload certificates: which one a pod's proxy (or, in ambient, its node's ztunnel) holds,
//! who issued it, and when it is valid. [`workload`] is the one place validity is decided; the
//! tools that show certificates (`istioctl proxy-config secret`, `istioctl ztunnel-config
//! certificates`, `linkerd identity`, `linkerd check`) all read it.
//!
//! The rules follow the faults' own (`scenario::fault`): certificates live 24 hours
//! ([`CERT_LIFETIME_HOURS`]); an issuer that has been down for `hours` issued the last ones
//! `hours` ago, so they expire once the outage reaches the lifetime, exactly when the fault
//! starts failing handshakes; a workload created during the outage never got one; a
//! `cert-expired` workload holds one that ran out before [`clock::NOW`]. Healthy workloads
//! renewed theirs a few hours ago (Istio renews at half the lifetime, Linkerd at 70%).

use super::clock::{self, NOW};
use super::pods::PodView;
use crate::sim::model::linkerd;
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::fault::{CERT_LIFETIME_HOURS, Fault};
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::time::Time;
use crate::sim::scenario::timeline::INITIAL_ANCHOR;

const HOUR: i64 = 3600;
const LIFETIME: i64 = CERT_LIFETIME_HOURS as i64 * HOUR;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The identity it proves (a SPIFFE URI for Istio, a DNS-like name for Linkerd).
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub not_before: i64,
    pub not_after: i64,
    /// The root it chains to, as its serial number: pods whose roots differ cannot verify
    /// each other.
    pub root: Root,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub subject: String,
    pub serial: String,
    pub not_before: i64,
    pub not_after: i64,
}

impl Certificate {
    /// Valid at [`clock::NOW`].
    pub fn valid(&self) -> bool {
        self.not_before <= NOW && NOW < self.not_after
    }
}

/// A 128-bit serial number as 32 hex digits, derived from `seed` so it never changes.
pub fn serial(seed: &str) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in seed.bytes() {
        h = (h ^ u128::from(b)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    format!("{h:032x}")
}

fn mesh_root(profile: Profile, other: bool) -> Root {
    let (subject, seed) = match profile {
        Profile::Linkerd => ("CN=root.linkerd.cluster.local", "linkerd-trust-anchor"),
        _ => ("O=cluster.local", "istio-ca-root"),
    };
    Root {
        subject: subject.to_owned(),
        serial: serial(if other { "a-second-root" } else { seed }),
        // Roots live ten years; this one was made when the mesh was installed.
        not_before: NOW - clock::CLUSTER_AGE - HOUR,
        not_after: NOW - clock::CLUSTER_AGE - HOUR + 10 * 365 * 24 * HOUR,
    }
}

/// When an issuer certificate that expired `hours` ago ran out.
pub fn issuer_expiry(hours: u32) -> i64 {
    NOW - i64::from(hours) * HOUR
}

/// The workload certificate `pod` holds now, or `None` when it has none (no mesh identity, or
/// it was created while the issuer was down).
pub fn workload(sim: &Faulty, pod: &PodView) -> Option<Certificate> {
    let i = pod.model?;
    let profile = pod.profile;
    let subject = match profile {
        Profile::IstioSidecar | Profile::IstioAmbient => {
            format!(
                "spiffe://cluster.local/ns/{}/sa/{}",
                pod.ns, pod.service_account
            )
        }
        Profile::Linkerd => linkerd::identity(&pod.service_account, &pod.ns),
        Profile::Cilium | Profile::None => return None,
    };
    let issuer = match profile {
        Profile::Linkerd => "CN=identity.linkerd.cluster.local".to_owned(),
        _ => "O=cluster.local".to_owned(),
    };
    // On a timeline the certificate is the one its holder has at the drill's moment, which
    // the tools' clock shows as NOW.
    if let Some(moment) = &sim.moment {
        let held = moment.holders.get(i)?.as_ref()?.cert.as_ref()?;
        let wall = |t: Time| NOW + (t.0 - moment.at.0);
        let not_before = wall(held.issued);
        return Some(Certificate {
            serial: serial(&format!("{subject}@{not_before}")),
            subject,
            issuer,
            not_before,
            not_after: wall(held.expires),
            root: mesh_root(profile, held.anchor != INITIAL_ANCHOR),
        });
    }
    let belongs = |w: &str| super::pods::belongs(&sim.cluster, i, w);
    // Healthy: renewed five hours ago.
    let mut not_before = NOW - 5 * HOUR;
    let mut not_after = not_before + LIFETIME;
    let mut other_root = false;
    for fault in &sim.faults {
        match fault {
            Fault::CertExpired { workload } if belongs(workload) => {
                // Rotation stalled: the last certificate ran out seven hours ago.
                not_before = NOW - LIFETIME - 7 * HOUR;
                not_after = NOW - 7 * HOUR;
            }
            Fault::IdentityIssuerDown {
                hours,
                new_workloads,
            }
            | Fault::ControlPlaneDown {
                hours,
                new_workloads,
            } => {
                if new_workloads.iter().any(|w| belongs(w)) {
                    return None;
                }
                // The last renewal happened as the issuer went down.
                let since = i64::from(*hours) * HOUR;
                not_before = not_before.min(NOW - since);
                not_after = not_before + LIFETIME;
            }
            Fault::IssuerCertExpired {
                hours,
                new_workloads,
            } if profile == Profile::Linkerd => {
                if new_workloads.iter().any(|w| belongs(w)) {
                    return None;
                }
                // pkg/tls/ca.go caps a leaf's NotAfter at the issuer's: the leaf expired
                // when the issuer did.
                let expiry = issuer_expiry(*hours);
                if not_after > expiry {
                    not_after = expiry;
                    // Its last renewal came before the issuer ran out.
                    not_before = not_before.min(expiry - 5 * HOUR);
                }
            }
            Fault::TrustBundleMismatch { namespace } if *namespace == pod.ns => other_root = true,
            _ => {}
        }
    }
    Some(Certificate {
        serial: serial(&format!("{subject}@{not_before}")),
        subject,
        issuer,
        not_before,
        not_after,
        root: mesh_root(profile, other_root),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_stable_hex() {
        assert_eq!(serial("a"), serial("a"));
        assert_ne!(serial("a"), serial("b"));
        assert_eq!(serial("a").len(), 32);
    }
}
