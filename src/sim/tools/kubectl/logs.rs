//! `kubectl logs`: what each container wrote about the requests the cluster carried, in that
//! container's own format.
//!
//! - The application: one line per request it served and per call it made (meshlab's
//!   simulated applications log `METHOD PATH -> STATUS`), plus the lines an exercise gives it.
//! - `istio-proxy` (sidecars and waypoints): Envoy's access log in Istio's default text format
//!   (istio/istio `pilot/pkg/model/telemetry_logging.go` `EnvoyTextLogFormat`, snapshot
//!   86c9f01), as written once access logging is on (`meshConfig.accessLogFile: /dev/stdout`
//!   or the Telemetry API's `envoy` provider; the `default` profile leaves it off).
//! - `linkerd-proxy`: the proxy's own log at its default level (`warn,linkerd=info`): its
//!   start-up lines, failed connections and refused requests (linkerd2-proxy logs through
//!   `tracing`; it writes no per-request access log unless
//!   `config.alpha.linkerd.io/access-log` is set).
//! - ztunnel: its `access` log, one `connection complete` record per connection with the
//!   fields of istio/ztunnel `src/proxy/metrics.rs` (snapshot 62d8265). ztunnel is L4: no
//!   method, path or status.
//! - A crash-looping mesh component: the error it exits with.

use super::super::clock::{self, NOW};
use super::super::cobra::{self, KUBECTL};
use super::super::pods::{Component, ContainerView, PodView, State};
use super::super::traffic::{Failure, Point, ProxyMesh, Seen, Side};
use super::super::{Lab, Output};
use crate::sim::eval::outcome::Outcome;
use crate::sim::model::mesh::Profile;

pub struct Request {
    pub target: String,
    pub container: Option<String>,
    pub all_containers: bool,
    pub tail: Option<i64>,
    pub prefix: bool,
}

pub fn logs(lab: &Lab, ns: &str, req: &Request) -> Output {
    let mut out = Output::default();
    let pod = match find_pod(lab, ns, &req.target) {
        Ok((pod, note)) => {
            out.stderr.push_str(&note);
            pod
        }
        Err(e) => return e,
    };
    let containers: Vec<&ContainerView> = if req.all_containers {
        pod.init.iter().chain(&pod.containers).collect()
    } else {
        match &req.container {
            Some(name) => match pod
                .init
                .iter()
                .chain(&pod.containers)
                .find(|c| &c.name == name)
            {
                Some(c) => vec![c],
                None => {
                    return cobra::error(
                        KUBECTL,
                        &format!("container {name} is not valid for pod {}", pod.name),
                    );
                }
            },
            None => {
                let Some(default) = default_container(pod) else {
                    return Output::default();
                };
                if pod.init.len() + pod.containers.len() > 1 {
                    let mut names: Vec<String> =
                        pod.containers.iter().map(|c| c.name.clone()).collect();
                    names.extend(pod.init.iter().map(|c| format!("{} (init)", c.name)));
                    out.stderr.push_str(&format!(
                        "Defaulted container \"{}\" out of: {}\n",
                        default.name,
                        names.join(", ")
                    ));
                }
                vec![default]
            }
        }
    };
    for c in containers {
        let mut lines = container_log(lab, pod, c);
        if let Some(n) = req.tail.filter(|n| *n >= 0) {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            lines.drain(..lines.len().saturating_sub(n));
        }
        for l in lines {
            if req.prefix || req.all_containers {
                out.stdout
                    .push_str(&format!("[pod/{}/{}] ", pod.name, c.name));
            }
            out.stdout.push_str(&l);
            out.stdout.push('\n');
        }
    }
    out
}

/// The pod a `kubectl logs` target names: `POD`, `pod/POD`, `deploy/NAME`, `ds/NAME`.
fn find_pod<'a>(lab: &'a Lab, ns: &str, target: &str) -> Result<(&'a PodView, String), Output> {
    let in_ns = |p: &&PodView| p.ns == ns;
    let (kind, name) = target.split_once('/').unwrap_or(("pod", target));
    let not_found = |what: &str| Output {
        stderr: format!("Error from server (NotFound): {what} \"{name}\" not found\n"),
        code: 1,
        ..Output::default()
    };
    match kind {
        "pod" | "pods" | "po" => lab
            .pods()
            .iter()
            .filter(in_ns)
            .find(|p| p.name == name)
            .map(|p| (p, String::new()))
            .ok_or_else(|| not_found("pods")),
        "deploy" | "deployment" | "deployments" | "deployment.apps" | "ds" | "daemonset"
        | "daemonsets" => {
            let owned: Vec<&PodView> = lab
                .pods()
                .iter()
                .filter(in_ns)
                .filter(|p| p.workload.as_ref().is_some_and(|(_, w)| w == name))
                .collect();
            let exists = super::kinds::workloads(lab)
                .iter()
                .any(|w| w.ns == ns && w.name == name);
            match owned.first() {
                Some(p) => {
                    let note = if owned.len() > 1 {
                        format!("Found {} pods, using pod/{}\n", owned.len(), p.name)
                    } else {
                        String::new()
                    };
                    Ok((p, note))
                }
                None if exists => Err(cobra::error(KUBECTL, "timed out waiting for the condition")),
                None => Err(not_found(
                    if kind.starts_with('d')
                        && kind.contains('s')
                        && kind.len() <= 10
                        && kind != "deploy"
                        && kind != "deployment"
                        && kind != "deployments"
                        && kind != "deployment.apps"
                    {
                        "daemonsets.apps"
                    } else {
                        "deployments.apps"
                    },
                )),
            }
        }
        other => Err(cobra::error(
            KUBECTL,
            &format!("the server doesn't have a resource type \"{other}\""),
        )),
    }
}

/// The container `kubectl logs` picks without `-c`: the one named by the
/// `kubectl.kubernetes.io/default-container` annotation the injectors set (the app), else the
/// first.
fn default_container(pod: &PodView) -> Option<&ContainerView> {
    pod.app_containers()
        .next()
        .or_else(|| pod.containers.first())
}

fn container_log(lab: &Lab, pod: &PodView, c: &ContainerView) -> Vec<String> {
    if c.state == State::Completed {
        return init_log(c);
    }
    if c.state == State::CrashLoop {
        return crash_log(pod, c);
    }
    match (pod.component, c.name.as_str()) {
        (Some(Component::Ztunnel), _) => ztunnel_log(lab, pod),
        (None, "istio-proxy") => envoy_log(lab, pod),
        (Some(Component::Waypoint(_)), _) => envoy_log(lab, pod),
        (_, "linkerd-proxy") => linkerd_log(lab, pod),
        (Some(_), _) => Vec::new(),
        (None, _) => app_log(lab, pod),
    }
}

fn init_log(c: &ContainerView) -> Vec<String> {
    match c.name.as_str() {
        "istio-init" => vec![
            "2026-06-28T09:59:58.101212Z\tinfo\tIstio iptables environment:".into(),
            "2026-06-28T09:59:58.102018Z\tinfo\tRunning iptables restore with: iptables-restore and the following input:".into(),
        ],
        "linkerd-init" => vec![
            "time=\"2026-06-28T09:59:58Z\" level=info msg=\"/sbin/iptables-legacy-save -t nat\"".into(),
            "time=\"2026-06-28T09:59:58Z\" level=info msg=\"/sbin/iptables-legacy-restore\"".into(),
        ],
        _ => Vec::new(),
    }
}

fn crash_log(pod: &PodView, c: &ContainerView) -> Vec<String> {
    let at = clock::rfc3339_millis(NOW - 40, 512);
    let line = match pod.component {
        Some(Component::LinkerdIdentity) => format!(
            "time=\"{}\" level=fatal msg=\"Failed to initialize identity service: failed to load issuer credentials: tls: failed to find any PEM data in certificate input\"",
            clock::rfc3339(NOW - 40)
        ),
        Some(Component::LinkerdDestination | Component::LinkerdInjector) => format!(
            "time=\"{}\" level=fatal msg=\"failed to initialize Kubernetes API: context deadline exceeded\"",
            clock::rfc3339(NOW - 40)
        ),
        Some(Component::Istiod) => {
            format!(
                "{at}\terror\tfailed to start: failed to create CA: failed to load CA secret istio-system/istio-ca-secret"
            )
        }
        Some(Component::Ztunnel) => {
            format!(
                "{at}\terror\tztunnel\tfailed to start: failed to connect to the CNI node agent: Connection refused (os error 111)"
            )
        }
        Some(Component::CiliumAgent) => format!(
            "time=\"{}\" level=fatal msg=\"Error while creating daemon\" error=\"failed to start: context deadline exceeded\" subsys=daemon",
            clock::rfc3339(NOW - 40)
        ),
        _ => format!("{at}\terror\t{} exited with code 1", c.name),
    };
    vec![line]
}

/// The pods at either end of `s`, as views.
fn pod_of(lab: &Lab, id: Option<usize>) -> Option<&PodView> {
    let id = id?;
    lab.pods().iter().find(|p| p.model == Some(id))
}

fn stamp(s: &Seen, extra_ms: u32) -> String {
    let ms = s.at.1 + extra_ms;
    clock::rfc3339_millis(s.at.0 + i64::from(ms / 1000), ms % 1000)
}

fn duration_ms(s: &Seen) -> u64 {
    (s.result.latency_us / 1000).max(1)
}

/// What the client application was told.
fn answer(s: &Seen) -> String {
    if let Some(st) = s.result.status {
        return st.to_string();
    }
    match s.result.outcome {
        Outcome::Ok => "ok".into(),
        Outcome::HttpError => "error".into(),
        Outcome::Reset => "connection reset by peer".into(),
        Outcome::Refused => "connect: connection refused".into(),
        Outcome::Timeout => {
            "context deadline exceeded (Client.Timeout exceeded while awaiting headers)".into()
        }
        Outcome::DnsFailure => "dial tcp: lookup: no such host".into(),
    }
}

fn url(lab: &Lab, s: &Seen) -> String {
    let c = &lab.sim.cluster;
    match s.service.and_then(|i| c.services.get(i)) {
        Some(svc) => format!(
            "http://{}.{}.svc.cluster.local:{}{}",
            svc.name,
            c.ns_name(svc.ns),
            s.probe
                .port
                .or(svc.ports.first().map(|p| p.port))
                .unwrap_or(80),
            s.path_text()
        ),
        None => format!("http://{}{}", s.probe.to, s.path_text()),
    }
}

/// meshlab's simulated application: the requests it served and the calls it made.
fn app_log(lab: &Lab, pod: &PodView) -> Vec<String> {
    let mut lines = Vec::new();
    let me = pod.model;
    for s in lab.seen() {
        if me.is_some() && s.server == me && s.reached_app() {
            let status = lab
                .sim
                .cluster
                .mesh
                .app_status
                .get(me.unwrap_or_default())
                .copied()
                .unwrap_or(200);
            if s.http() {
                lines.push(format!(
                    "{} INFO  {} {} -> {status} ({}ms)",
                    stamp(s, 5),
                    s.method(),
                    s.path_text(),
                    s.probe.delay_ms.max(1)
                ));
            } else {
                lines.push(format!(
                    "{} INFO  accepted connection on :{}",
                    stamp(s, 5),
                    s.port(&lab.sim.cluster)
                ));
            }
        }
        if me.is_some() && s.client == me {
            let ok = s.result.verdict == crate::sim::eval::outcome::Verdict::Allowed
                && s.result.status.is_none_or(|st| st < 400)
                && matches!(s.result.outcome, Outcome::Ok);
            let level = if ok { "INFO " } else { "ERROR" };
            if s.http() {
                let mut line = format!(
                    "{} {level} call {} {} -> {}",
                    stamp(s, duration_ms(s) as u32),
                    s.method(),
                    url(lab, s),
                    answer(s)
                );
                if let Some(body) = local_reply(s) {
                    line.push_str(&format!(": {body}"));
                }
                lines.push(line);
            } else {
                lines.push(format!(
                    "{} {level} connect {}:{} -> {}",
                    stamp(s, duration_ms(s) as u32),
                    s.probe.to,
                    s.probe.port.unwrap_or(80),
                    answer(s)
                ));
            }
        }
    }
    let c = &lab.sim.cluster;
    if let Some(p) = me.and_then(|i| c.pods.get(i)) {
        let ns = c.ns_name(p.ns);
        for key in [
            format!("{ns}/{}", p.owner_name().unwrap_or(&p.name)),
            format!("{ns}/{}", p.name),
        ] {
            if let Some(extra) = lab.extras.app_logs.get(&key) {
                lines.extend(extra.iter().cloned());
                break;
            }
        }
    }
    lines
}

/// The body a client's sidecar answers with when it could not reach the upstream (Envoy's
/// local reply), or a proxy's denial body.
fn local_reply(s: &Seen) -> Option<String> {
    match (&s.failure, s.result.status) {
        (Some(f), Some(503)) => Some(format!(
            "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: {}",
            tls_reason(f)
        )),
        (None, Some(403)) if !s.reached_app() => Some("RBAC: access denied".into()),
        _ => None,
    }
}

/// BoringSSL's words for a failed handshake, as Envoy reports them.
fn tls_reason(f: &Failure) -> String {
    match f {
        Failure::ServerCertExpired => "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: X509_verify_cert: certificate verification error at depth 0: certificate has expired:TLS_error_end".into(),
        Failure::ClientCertExpired => "TLS_error:|268436501:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED:SSL alert number 45:TLS_error_end".into(),
        Failure::UnknownIssuer => "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: X509_verify_cert: certificate verification error at depth 1: unable to get local issuer certificate:TLS_error_end".into(),
        Failure::NodeAgent { .. } | Failure::StaleIdentity => "delayed connect error: Connection refused".into(),
    }
}

fn request_id(s: &Seen) -> String {
    let h = super::super::certs::serial(&format!("{}{}{}", s.probe.from, s.probe.to, s.at.0));
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Envoy access log lines (sidecar or waypoint) for the requests that crossed `pod`'s proxy.
fn envoy_log(lab: &Lab, pod: &PodView) -> Vec<String> {
    let c = &lab.sim.cluster;
    let mut lines = Vec::new();
    let waypoint = match pod.component {
        Some(Component::Waypoint(g)) => c
            .gateways
            .get(g)
            .map(|gw| format!("{}/{}", c.ns_name(gw.ns), gw.name)),
        _ => None,
    };
    for s in lab.seen() {
        for (point, hop) in &s.path {
            let side = match (point, &waypoint) {
                (Point::Waypoint(g), Some(w)) if g == w => Side::In,
                (
                    Point::Proxy {
                        mesh: ProxyMesh::Istio,
                        side,
                        pod: Some(p),
                    },
                    None,
                ) if Some(*p) == pod.model => *side,
                _ => continue,
            };
            if !s.saw(point) {
                continue;
            }
            lines.push(envoy_line(
                lab,
                s,
                side,
                hop.decision.as_ref(),
                waypoint.is_some(),
            ));
        }
    }
    lines
}

fn envoy_line(lab: &Lab, s: &Seen, side: Side, decision: &str, waypoint: bool) -> String {
    let c = &lab.sim.cluster;
    let client = pod_of(lab, s.client);
    let server = pod_of(lab, s.server);
    let port = s.port(c);
    let svc = s.service.and_then(|i| c.services.get(i));
    let host = svc.map_or_else(
        || s.probe.to.clone(),
        |svc| format!("{}.{}.svc.cluster.local", svc.name, c.ns_name(svc.ns)),
    );
    let svc_port = s
        .probe
        .port
        .or(svc.and_then(|x| x.ports.first()).map(|p| p.port))
        .unwrap_or(80);
    let authority = format!("{host}:{svc_port}");
    let denied_here = matches!(decision, "deny" | "reject");
    let (code, flags, details, transport) = match (&s.failure, side) {
        (Some(f), Side::Out) => (
            "503".to_owned(),
            "UF",
            format!(
                "upstream_reset_before_response_started{{remote_connection_failure|{}}}",
                tls_reason(f).replace(' ', "_")
            ),
            tls_reason(f),
        ),
        _ if denied_here => (
            "403".to_owned(),
            "-",
            if waypoint || side == Side::In {
                "rbac_access_denied_matched_policy[none]".to_owned()
            } else {
                "via_upstream".to_owned()
            },
            "-".to_owned(),
        ),
        _ => match s.result.status {
            Some(st) => (
                "".to_owned() + &st.to_string(),
                "-",
                "via_upstream".to_owned(),
                "-".to_owned(),
            ),
            None => match s.result.outcome {
                Outcome::Timeout => ("504".into(), "UT", "response_timeout".into(), "-".into()),
                Outcome::Reset => (
                    "0".into(),
                    "UC",
                    "upstream_reset_before_response_started{connection_termination}".into(),
                    "-".into(),
                ),
                _ => ("200".into(), "-", "via_upstream".into(), "-".into()),
            },
        },
    };
    let request = if s.http() {
        format!("\"{} {} HTTP/1.1\"", s.method(), s.path_text())
    } else {
        "\"- - -\"".to_owned()
    };
    let client_ip = client.map_or_else(|| "-".to_owned(), |p| p.ip.to_string());
    let server_ip = server.map_or_else(|| "-".to_owned(), |p| p.ip.to_string());
    let svc_ip = svc
        .and_then(|x| x.cluster_ip)
        .map_or_else(|| server_ip.clone(), |ip| ip.to_string());
    let received = if s.method() == "GET" { 0 } else { 64 };
    let sent = match code.as_str() {
        "403" => 19,
        "503" => 190,
        _ => 2,
    };
    let dur = duration_ms(s);
    let upstream_time = if flags == "-" && !denied_here {
        (dur.saturating_sub(1)).to_string()
    } else {
        "-".into()
    };
    let (upstream_host, cluster, upstream_local, downstream_local, downstream_remote, sni) =
        match side {
            Side::Out => (
                format!("\"{server_ip}:{port}\""),
                format!("outbound|{svc_port}||{host}"),
                format!("{client_ip}:{}", s.source_port.wrapping_add(1)),
                format!("{svc_ip}:{svc_port}"),
                format!("{client_ip}:{}", s.source_port),
                "-".to_owned(),
            ),
            Side::In => (
                if denied_here {
                    "\"-\"".into()
                } else {
                    format!("\"{server_ip}:{port}\"")
                },
                if waypoint {
                    format!("inbound-vip|{svc_port}|http|{host}")
                } else {
                    format!("inbound|{port}||")
                },
                if denied_here {
                    "-".into()
                } else {
                    format!("127.0.0.6:{}", s.source_port.wrapping_add(7))
                },
                format!("{server_ip}:{port}"),
                format!("{client_ip}:{}", s.source_port),
                format!("outbound_.{svc_port}_._.{host}"),
            ),
        };
    format!(
        "[{}] {request} {code} {flags} {details} - \"{transport}\" {received} {sent} {dur} {upstream_time} \"-\" \"Go-http-client/1.1\" \"{}\" \"{authority}\" {upstream_host} {cluster} {upstream_local} {downstream_local} {downstream_remote} {sni} default",
        stamp(s, 1),
        request_id(s),
    )
}

/// linkerd2-proxy's `[ uptime]  LEVEL ThreadId(NN) scope: target: message` lines.
fn linkerd_line(pod: &PodView, at: i64, micros: u32, level: &str, rest: &str) -> String {
    let up = (at - (NOW - pod.age)).max(0);
    format!("[{up:>6}.{micros:06}s] {level:>5} ThreadId(01) {rest}")
}

fn linkerd_log(lab: &Lab, pod: &PodView) -> Vec<String> {
    let c = &lab.sim.cluster;
    let start = NOW - pod.age;
    let identity = super::super::certs::workload(&lab.sim, pod);
    let local = match pod.model.and_then(|i| c.pods.get(i)) {
        Some(p) => crate::sim::model::linkerd::identity(&p.service_account, c.ns_name(p.ns)),
        None => crate::sim::model::linkerd::identity(&pod.service_account, &pod.ns),
    };
    let mut lines = vec![
        linkerd_line(
            pod,
            start,
            2316,
            "INFO",
            "linkerd2_proxy: release 2.288.0 (edge-25.4.4) by linkerd",
        ),
        linkerd_line(
            pod,
            start,
            3112,
            "INFO",
            "linkerd2_proxy: Admin interface on 0.0.0.0:4191",
        ),
        linkerd_line(
            pod,
            start,
            3150,
            "INFO",
            "linkerd2_proxy: Inbound interface on 0.0.0.0:4143",
        ),
        linkerd_line(
            pod,
            start,
            3153,
            "INFO",
            "linkerd2_proxy: Outbound interface on 127.0.0.1:4140",
        ),
        linkerd_line(
            pod,
            start,
            3156,
            "INFO",
            &format!("linkerd2_proxy: Local identity is {local}"),
        ),
        linkerd_line(
            pod,
            start,
            3159,
            "INFO",
            "linkerd2_proxy: Identity verified via linkerd-identity-headless.linkerd.svc.cluster.local:8080 (linkerd-identity.linkerd.serviceaccount.identity.linkerd.cluster.local)",
        ),
        linkerd_line(
            pod,
            start,
            3161,
            "INFO",
            "linkerd2_proxy: Destinations resolved via linkerd-dst-headless.linkerd.svc.cluster.local:8086 (linkerd-destination.linkerd.serviceaccount.identity.linkerd.cluster.local)",
        ),
    ];
    let issuer_down = lab.sim.faults.iter().any(|f| {
        matches!(
            f,
            crate::sim::scenario::fault::Fault::IdentityIssuerDown { .. }
                | crate::sim::scenario::fault::Fault::ControlPlaneDown { .. }
        )
    });
    match &identity {
        Some(cert) => {
            lines.push(linkerd_line(
                pod,
                start,
                14218,
                "INFO",
                &format!("daemon:identity: linkerd_app: Certified identity id={local}"),
            ));
            if issuer_down && pod.component.is_none() {
                let renew = cert.not_before + (cert.not_after - cert.not_before) * 7 / 10;
                if renew < NOW {
                    lines.push(linkerd_line(
                        pod,
                        renew,
                        512_000,
                        "WARN",
                        "identity:identity{server.addr=linkerd-identity-headless.linkerd.svc.cluster.local:8080}:controller{addr=linkerd-identity-headless.linkerd.svc.cluster.local:8080}: linkerd_reconnect: Failed to connect error=Connection refused (os error 111)",
                    ));
                }
            }
        }
        None if pod.component.is_none() => {
            lines.push(linkerd_line(
                pod,
                start + 15,
                3_022,
                "WARN",
                "linkerd_app: Waiting for identity to be initialized...",
            ));
            lines.push(linkerd_line(
                pod,
                start + 15,
                3_050,
                "WARN",
                "identity:identity{server.addr=linkerd-identity-headless.linkerd.svc.cluster.local:8080}:controller{addr=linkerd-identity-headless.linkerd.svc.cluster.local:8080}: linkerd_reconnect: Failed to connect error=Connection refused (os error 111)",
            ));
        }
        None => {}
    }
    for s in lab.seen() {
        for (point, hop) in &s.path {
            let Point::Proxy {
                mesh: ProxyMesh::Linkerd,
                side,
                pod: Some(p),
            } = point
            else {
                continue;
            };
            if Some(*p) != pod.model || !s.saw(point) {
                continue;
            }
            let server = pod_of(lab, s.server);
            let client = pod_of(lab, s.client);
            let port = s.port(c);
            let server_addr = server.map_or_else(|| "-".to_owned(), |p| format!("{}:{port}", p.ip));
            let client_addr =
                client.map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.ip, s.source_port));
            let at = s.at.0;
            let micros = s.at.1 * 1000;
            match (side, &s.failure) {
                (Side::Out, Some(f)) => {
                    let svc = s.service.and_then(|i| c.services.get(i));
                    let (svc_addr, svc_name) = svc.map_or_else(
                        || (server_addr.clone(), "-".to_owned()),
                        |x| {
                            (
                                format!(
                                    "{}:{}",
                                    x.cluster_ip.map_or_else(String::new, |ip| ip.to_string()),
                                    s.probe.port.unwrap_or(80)
                                ),
                                format!(
                                    "ns={} name={} port={}",
                                    c.ns_name(x.ns),
                                    x.name,
                                    s.probe.port.unwrap_or(80)
                                ),
                            )
                        },
                    );
                    let why = match f {
                        Failure::ServerCertExpired => "invalid peer certificate: Expired",
                        Failure::ClientCertExpired => "received fatal alert: CertificateExpired",
                        Failure::UnknownIssuer => "invalid peer certificate: UnknownIssuer",
                        _ => "Connection refused (os error 111)",
                    };
                    lines.push(linkerd_line(pod, at, micros, "WARN", &format!(
                        "outbound:proxy{{addr={svc_addr}}}:service{{{svc_name}}}:endpoint{{addr={server_addr}}}: linkerd_reconnect: Failed to connect error=endpoint {server_addr}: {why}"
                    )));
                    if s.http() {
                        lines.push(linkerd_line(pod, at, micros + 40, "INFO", &format!(
                            "outbound:proxy{{addr={svc_addr}}}:rescue{{client.addr={client_addr}}}: linkerd_app_core::errors::respond: HTTP/1.1 request failed error=logical service {}: service unavailable error.sources=[service unavailable]",
                            svc.map_or_else(|| s.probe.to.clone(), |x| format!("{}.{}.svc.cluster.local:{}", x.name, c.ns_name(x.ns), s.probe.port.unwrap_or(80)))
                        )));
                    }
                }
                (Side::In, None) if hop.decision == "deny" => {
                    let what = if s.http() {
                        format!(
                            "inbound:server{{port={port}}}:rescue{{client.addr={client_addr}}}: linkerd_app_core::errors::respond: HTTP/1.1 request failed error=client {client_addr}: server: {server_addr}: unauthorized request on route"
                        )
                    } else {
                        format!(
                            "inbound:server{{port={port}}}: linkerd_app_inbound::policy::tcp: Connection denied server.group=policy.linkerd.io server.kind=server client.tls=None(NoClientHello) client.ip={}",
                            client.map_or_else(|| "-".to_owned(), |p| p.ip.to_string())
                        )
                    };
                    lines.push(linkerd_line(pod, at, micros + 300, "INFO", &what));
                }
                _ => {}
            }
        }
    }
    lines
}

/// ztunnel's access log on its node: one record per connection it carried.
fn ztunnel_log(lab: &Lab, pod: &PodView) -> Vec<String> {
    let c = &lab.sim.cluster;
    let mut lines = vec![
        format!(
            "{}\tinfo\tztunnel\tversion: version.BuildInfo{{Version:\"1.26.2\", GitRevision:\"\", RustVersion:\"1.85.1\", BuildProfile:\"release\", BuildStatus:\"Clean\", GitTag:\"1.26.2\", IstioVersion:\"1.26.2\"}}",
            clock::rfc3339_millis(NOW - pod.age + 2, 101)
        ),
        format!(
            "{}\tinfo\tstate_manager\tadded workload {} pods to the proxy",
            clock::rfc3339_millis(NOW - pod.age + 3, 877),
            lab.pods()
                .iter()
                .filter(|p| p.node == pod.node && p.profile == Profile::IstioAmbient)
                .count()
        ),
    ];
    for s in lab.seen() {
        for (point, hop) in &s.path {
            let Point::Ztunnel { side, node, .. } = point else {
                continue;
            };
            if *node != pod.node || !s.saw(point) {
                continue;
            }
            let client = pod_of(lab, s.client);
            let server = pod_of(lab, s.server);
            let port = s.port(c);
            let ident = |p: Option<&PodView>| {
                p.map_or_else(String::new, |p| {
                    format!(
                        "spiffe://cluster.local/ns/{}/sa/{}",
                        p.ns, p.service_account
                    )
                })
            };
            let svc = s
                .service
                .and_then(|i| c.services.get(i))
                .map_or_else(String::new, |x| {
                    format!("{}.{}.svc.cluster.local", x.name, c.ns_name(x.ns))
                });
            let direction = if *side == Side::In {
                "inbound"
            } else {
                "outbound"
            };
            let src =
                client.map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.ip, s.source_port));
            let dst_ip = server.map_or_else(|| "-".to_owned(), |p| p.ip.to_string());
            let mut fields = format!(
                "src.addr={src} src.workload=\"{}\" src.namespace=\"{}\" src.identity=\"{}\" dst.addr={dst_ip}:15008 dst.hbone_addr={dst_ip}:{port} dst.service=\"{svc}\" dst.workload=\"{}\" dst.namespace=\"{}\" dst.identity=\"{}\" direction=\"{direction}\"",
                client.map_or("", |p| p.name.as_str()),
                client.map_or("", |p| p.ns.as_str()),
                ident(client),
                server.map_or("", |p| p.name.as_str()),
                server.map_or("", |p| p.ns.as_str()),
                ident(server),
            );
            let error = match (&s.failure, hop.decision.as_ref()) {
                (Some(Failure::UnknownIssuer), _) => {
                    Some("connection failed: tls handshake error: invalid peer certificate: UnknownIssuer".to_owned())
                }
                (Some(Failure::ServerCertExpired | Failure::ClientCertExpired), _) => {
                    Some("connection failed: tls handshake error: invalid peer certificate: Expired".to_owned())
                }
                (Some(Failure::NodeAgent { .. }), _) => Some("connection failed: Connection refused (os error 111)".to_owned()),
                (_, "deny") => Some(format!(
                    "connection closed due to policy rejection: {}",
                    if hop.reason.contains("DENY") {
                        "explicitly denied".to_owned()
                    } else {
                        "allow policies exist, but none allowed".to_owned()
                    }
                )),
                _ => None,
            };
            let (level, tail) = match &error {
                Some(e) => ("error", format!(" error=\"{e}\"")),
                None => (
                    "info",
                    format!(
                        " bytes_sent={} bytes_recv={} duration=\"{}ms\"",
                        110,
                        390,
                        duration_ms(s)
                    ),
                ),
            };
            if error.is_some() {
                fields.push_str(" bytes_sent=0 bytes_recv=0");
            }
            lines.push(format!(
                "{}\t{level}\taccess\tconnection complete\t{fields}{tail}",
                stamp(s, 2)
            ));
        }
    }
    lines
}
