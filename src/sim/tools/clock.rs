//! The simulated wall clock the tools print times from. The simulator has no time of its own
//! yet, so the investigation happens at one fixed instant, [`NOW`]; objects were created when
//! the cluster came up ([`CLUSTER_AGE`] before), and the traffic the tools report on was sent in
//! the seconds before [`NOW`]. Fixed times keep every output the same from run to run.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// 2026-07-01T10:00:00Z: when the learner runs the commands.
pub const NOW: i64 = 1_782_900_000;

/// How long before [`NOW`] the cluster's objects were created (three days).
pub const CLUSTER_AGE: i64 = 3 * 24 * 3600;

/// How long before [`NOW`] pods were created that a fault says are new (a rollout during an
/// outage).
pub const NEW_POD_AGE: i64 = 12 * 60;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `2026-07-01T10:00:00Z` (RFC 3339, seconds).
pub fn rfc3339(unix: i64) -> String {
    at(unix).format(&Rfc3339).unwrap_or_default()
}

/// `2026-07-01T09:59:58.120Z`: Envoy's `%START_TIME%` and ztunnel's log timestamps, with
/// `millis` after the second.
pub fn rfc3339_millis(unix: i64, millis: u32) -> String {
    let t = at(unix);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Go's `time.StampMilli` (`Jan _2 15:04:05.000`), Hubble's default time format.
pub fn stamp_milli(unix: i64, millis: u32) -> String {
    let t = at(unix);
    format!(
        "{} {:>2} {:02}:{:02}:{:02}.{millis:03}",
        MONTHS[usize::from(u8::from(t.month())) - 1],
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `Jul  1 10:00:00 2026 UTC`: how openssl-style certificate text prints a time.
pub fn cert_time(unix: i64) -> String {
    let t = at(unix);
    format!(
        "{} {:>2} {:02}:{:02}:{:02} {} UTC",
        MONTHS[usize::from(u8::from(t.month())) - 1],
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.year()
    )
}

/// `Sun, 28 Jun 2026 10:00:00 +0000` (Go's `time.RFC1123Z`), as `kubectl describe` writes
/// times.
pub fn rfc1123z(unix: i64) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let t = at(unix);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
        DAYS[usize::from(t.weekday().number_days_from_monday())],
        t.day(),
        MONTHS[usize::from(u8::from(t.month())) - 1],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Kubernetes' `duration.HumanDuration` (apimachinery `pkg/util/duration`), used for AGE:
/// `45s`, `12m`, `5h`, `3d`, `2y100d`.
pub fn human(seconds: i64) -> String {
    let s = seconds.max(0);
    let (m, h, d) = (s / 60, s / 3600, s / 86400);
    if s < 60 * 2 {
        format!("{s}s")
    } else if m < 10 {
        let rest = s % 60;
        if rest == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{rest}s")
        }
    } else if m < 60 * 3 {
        format!("{m}m")
    } else if h < 8 {
        let rest = m % 60;
        if rest == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{rest}m")
        }
    } else if h < 48 {
        format!("{h}h")
    } else if h < 24 * 8 {
        let rest = h % 24;
        if rest == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{rest}h")
        }
    } else if h < 24 * 365 * 2 {
        format!("{d}d")
    } else {
        format!("{}y{}d", d / 365, d % 365)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(rfc3339(NOW), "2026-07-01T10:00:00Z");
        assert_eq!(rfc3339_millis(NOW - 2, 120), "2026-07-01T09:59:58.120Z");
        assert_eq!(stamp_milli(NOW, 5), "Jul  1 10:00:00.005");
        assert_eq!(cert_time(NOW), "Jul  1 10:00:00 2026 UTC");
        assert_eq!(rfc1123z(NOW), "Wed, 01 Jul 2026 10:00:00 +0000");
    }

    #[test]
    fn human_durations_follow_apimachinery() {
        assert_eq!(human(CLUSTER_AGE), "3d");
        assert_eq!(human(NEW_POD_AGE), "12m");
        assert_eq!(human(90), "90s");
        assert_eq!(human(5 * 3600), "5h");
        assert_eq!(human(26 * 3600), "26h");
    }
}
