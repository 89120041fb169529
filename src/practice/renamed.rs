//! Drills renamed since attempts at them were first recorded: an id that gave the answer away
//! (`retry-seed-18`, `dx-mtls-cert-expired`) now names the situation, not the answer. Attempts recorded under an old id are read under
//! the new one wherever a progress file is loaded, merged or imported, so the schedule, the
//! drill list and `meshlab submit` see one drill; the attempts keep their own ids, so copies of
//! the file written before and after the rename still merge into one.

/// (pack, old drill id, new drill id).
pub const RENAMED: &[(&str, &str, &str)] = &[
    ("part-023", "retry-seed-18", "retry-lesson-tries"),
    ("part-023", "retry-config-36", "retry-config-envoy"),
    ("part-023", "retry-config-48", "retry-config-fields"),
    (
        "part-023",
        "mf-linkerd-probe-route",
        "mf-linkerd-statements-routes",
    ),
    // Ids that named the root cause, the fix or the lesson row that gives the point away.
    (
        "part-023",
        "dx-mtls-cert-expired",
        "dx-503s-and-an-empty-app-log",
    ),
    (
        "part-023",
        "dx-webhook-istio-no-endpoints",
        "dx-shop-no-endpoints-after-rollout",
    ),
    (
        "part-023",
        "dx-webhook-linkerd-unmeshed",
        "dx-shop-quietly-left",
    ),
    (
        "part-023",
        "dx-node-ztunnel-down",
        "dx-three-teams-one-cause",
    ),
    (
        "part-023",
        "dx-node-cilium-agent-down",
        "dx-one-call-reset-on-a-troubled-node",
    ),
    (
        "part-023",
        "dx-ebpf-stale-identity",
        "dx-timeout-and-an-empty-server-log",
    ),
    (
        "part-023",
        "dx-l7-ambient-no-waypoint",
        "dx-ledger-delete-still-gets-through",
    ),
    (
        "part-023",
        "dx-l7-cilium-l4-shadow",
        "dx-ledger-http-rules-stopped-working",
    ),
    (
        "part-023",
        "dx-ebpf-egress-forgot-ledger",
        "dx-payments-stuck-after-lockdown",
    ),
    (
        "part-023",
        "dx-mtls-drift-plaintext",
        "dx-card-data-in-the-clear",
    ),
    (
        "part-023",
        "dx-mtls-issuer-expired",
        "dx-whole-mesh-fails-one-morning",
    ),
    (
        "part-023",
        "dx-mtls-trust-bundle",
        "dx-ledger-cut-off-after-ca-migration",
    ),
    (
        "part-023",
        "dx-drift-route-bypass",
        "dx-one-caller-slips-past-the-route",
    ),
    (
        "part-023",
        "dx-l7-sidecar-targetrefs",
        "dx-copied-policy-ledger-stays-open",
    ),
    (
        "part-023",
        "dx-time-enrolled-no-restart",
        "dx-annotated-yet-plaintext",
    ),
    (
        "part-023",
        "dx-gateway-method-matching",
        "dx-staging-passes-production-404",
    ),
    (
        "part-023",
        "dx-mtls-issuer-new-pods",
        "dx-new-pod-never-ready",
    ),
    (
        "part-023",
        "dx-node-sidecar-contrast",
        "dx-troubled-node-one-workload-down",
    ),
    (
        "part-023",
        "review-mtls-explicit",
        "review-pre-production-checklist",
    ),
    ("part-023", "ep-l4-isolation", "ep-ledger-db-port"),
    (
        "part-023",
        "ep-http-path-authz",
        "ep-payment-admin-and-delete",
    ),
    (
        "part-023",
        "ep-egress-allowlist",
        "ep-shop-to-the-bank-only",
    ),
    (
        "part-023",
        "ep-public-api-authn",
        "ep-public-catalog-tokens",
    ),
    ("part-023", "ep-business-authz", "ep-refunds-at-payment"),
    ("part-023", "ep-business-permission", "ep-sanction-approval"),
    (
        "part-023",
        "ep-inter-service-mtls",
        "ep-batch-job-calls-shop",
    ),
    (
        "part-023",
        "ep-namespace-isolation",
        "ep-who-reaches-ledger",
    ),
    (
        "part-023",
        "ep-packet-flow-visibility",
        "ep-every-connection-to-ledger",
    ),
    ("part-023", "ep-public-rate-limit", "ep-scraper-500-rps"),
    (
        "part-023",
        "ep-request-semantics",
        "ep-payment-call-records",
    ),
    (
        "part-023",
        "ep-retry-idempotent",
        "ep-retrying-payment-calls",
    ),
    (
        "part-023",
        "ep-route-delegation",
        "ep-who-attaches-public-routes",
    ),
    (
        "part-023",
        "ep-service-identity",
        "ep-only-payment-calls-ledger",
    ),
    ("part-023", "ep-canary-split", "ep-payment-v2-ten-percent"),
    (
        "part-023",
        "ep-egress-vendor-allowlist",
        "ep-team-vendors-and-regulator",
    ),
    (
        "part-023",
        "cilium-l7-node-envoy",
        "ep-cilium-method-and-path",
    ),
    (
        "part-023",
        "linkerd-identity-authz",
        "ep-linkerd-ledger-writers",
    ),
];

/// The current id of drill `drill` of pack `pack`.
pub fn current<'a>(pack: &str, drill: &'a str) -> &'a str {
    RENAMED
        .iter()
        .find(|(p, old, _)| *p == pack && *old == drill)
        .map_or(drill, |(_, _, new)| new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_ids_map_to_new_ones_only_in_their_pack() {
        assert_eq!(current("part-023", "retry-seed-18"), "retry-lesson-tries");
        assert_eq!(current("my-course", "retry-seed-18"), "retry-seed-18");
        assert_eq!(current("part-023", "ep-1"), "ep-1");
        // A new id is never itself renamed again (no chains to follow).
        for (_, _, new) in RENAMED {
            assert!(RENAMED.iter().all(|(_, old, _)| old != new));
        }
    }
}
