//! Evidence: the record a point leaves of a request it saw (a flow at the CNI, an access-log
//! line at a proxy or gateway, a log line or trace span in the application). A point records only
//! what reaches it: a packet the datapath drops never reaches the proxy or the application
//! behind it, and a request a proxy refuses never reaches the application.

use crate::sim::eval::outcome::ProbeResult;
use crate::sim::eval::probe::outcome_name;
use crate::sim::scenario::intent::{Attribute, Point, RequestView};

/// The record `point` writes of this request with the `fields` asked for. The caller has
/// already checked that the request reached the point (`enforce::passes` reads that off where
/// the request stopped) and that the point can see every field.
pub fn record(
    point: Point,
    fields: &[Attribute],
    req: &RequestView,
    result: &ProbeResult,
) -> String {
    let kind = match point {
        Point::Cni => "flow",
        Point::Application => "application log",
        _ => "access log",
    };
    let shown: Vec<String> = fields.iter().map(|f| field(*f, req, result)).collect();
    // A flow carries the datapath's verdict (Hubble's FORWARDED / DROPPED); a request record
    // carries the answer.
    let dropped = result.hops.iter().any(|h| h.decision.starts_with("drop"));
    let outcome = match (point, result.status) {
        (Point::Cni, _) if dropped => "DROPPED".to_owned(),
        (Point::Cni, _) => "FORWARDED".to_owned(),
        (_, Some(s)) => format!("HTTP {s}"),
        (_, None) => outcome_name(result.outcome).to_owned(),
    };
    if fields.contains(&Attribute::Status) {
        return format!("{kind}: {}", shown.join(" "));
    }
    format!("{kind}: {} → {outcome}", shown.join(" "))
}

fn field(attribute: Attribute, req: &RequestView, result: &ProbeResult) -> String {
    let value = match attribute {
        Attribute::SourceIp => Some(result.from.clone()),
        Attribute::Port => req.port.map(|p| p.to_string()),
        Attribute::SourceNamespace => req.source_namespace.map(str::to_owned),
        Attribute::SourceLabels => req.source_labels.map(|labels| {
            let pairs: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
            pairs.join(",")
        }),
        Attribute::Identity => req.identity.map(str::to_owned),
        Attribute::Method => req.method.map(str::to_owned),
        Attribute::Path => req.path.map(str::to_owned),
        Attribute::Headers => req.headers.map(|h| {
            let names: Vec<&str> = h.keys().map(String::as_str).collect();
            names.join(",")
        }),
        Attribute::ExternalHost => req.external_host.map(str::to_owned),
        Attribute::ClientRate => req.rate.map(|r| format!("{r}/s")),
        Attribute::DomainState => req.facts.map(|f| {
            let pairs: Vec<String> = f.iter().map(|(k, v)| format!("{k}={v}")).collect();
            pairs.join(",")
        }),
        Attribute::Status => result.status.map(|s| s.to_string()),
        Attribute::Backend => result.backend.as_ref().map(|b| b.pod.clone()),
        Attribute::RouteOwner => result.route.clone(),
    };
    format!(
        "{}={}",
        attribute.name(),
        value.unwrap_or_else(|| "-".to_owned())
    )
}
