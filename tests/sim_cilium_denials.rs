//! The Cilium denial shapes of issue 14, as a user sees them everywhere meshlab shows a
//! request: `sim probe` text (English and Indonesian) and JSON, `sim trace`, and `hubble
//! observe` in the investigation console (`tests/fixtures/cilium-denials/`; the outcomes are
//! cited in `tests/oracle/cilium-denials.yaml`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cilium-denials")
}

/// stdout of `meshlab ARGS`, fed `stdin`.
fn meshlab(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("meshlab runs");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.as_bytes()).expect("stdin");
    }
    let out = child.wait_with_output().expect("meshlab exits");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `sim probe` over the fixture's manifests, in `format` and `lang`.
fn probe(from: &str, to: &str, extra: &[&str], format: &str, lang: &str) -> String {
    let dir = fixture().display().to_string();
    let mut args = vec![
        "sim", "probe", &dir, "--mesh", "cilium", "--from", from, "--to", to, "--format", format,
        "--lang", lang,
    ];
    args.extend_from_slice(extra);
    meshlab(&args, "")
}

fn json(from: &str, to: &str, extra: &[&str]) -> Value {
    let out = probe(from, to, extra, "json", "en");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v["results"][0].clone()
}

fn trace(from: &str, to: &str, extra: &[&str]) -> String {
    let scenario = fixture().join("scenario.toml").display().to_string();
    let mut args = vec![
        "sim", "trace", &scenario, "--from", from, "--to", to, "--lang", "en",
    ];
    args.extend_from_slice(extra);
    meshlab(&args, "")
}

/// What `hubble observe ARGS` prints in the console over the fixture's scenario traffic.
fn hubble(args: &str) -> String {
    let scenario = fixture().display().to_string() + "/scenario.toml";
    meshlab(
        &["sim", "shell", &scenario, "--lang", "en"],
        &format!("hubble observe {args}\nexit\n"),
    )
}

fn decisions(r: &Value) -> Vec<String> {
    r["hops"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| h["decision"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_dns_lookup_the_proxy_refuses_is_a_policy_decision_with_a_dns_failure() {
    let r = json("default/mediabot", "www.example.com:443", &[]);
    assert_eq!(r["verdict"], "denied", "{r}");
    assert_eq!(r["outcome"], "dns-failure", "{r}");
    assert!(decisions(&r).contains(&"refuse".to_owned()), "{r}");
    assert!(
        r["decided_by"][0]
            .as_str()
            .is_some_and(|d| d.contains("default/fqdn")),
        "{r}"
    );
    let text = probe("default/mediabot", "www.example.com:443", &[], "text", "en");
    assert!(text.starts_with("DENIED"), "{text}");
    assert!(text.contains("Could not resolve host"), "{text}");
    assert!(text.contains("cilium DNS proxy (node-1)"), "{text}");
    assert!(text.contains("REFUSED"), "{text}");
    let id = probe("default/mediabot", "www.example.com:443", &[], "text", "id");
    assert!(
        id.contains("REFUSED, tidak ada pola rules.dns milik"),
        "{id}"
    );
    let t = trace("default/mediabot", "www.example.com:443", &[]);
    assert!(t.contains("refuse") && t.contains("REFUSED"), "{t}");
    let flows = hubble("--protocol dns");
    assert!(
        flows.contains("dns-request proxy DROPPED (DNS Query www.example.com. A)"),
        "{flows}"
    );
    assert!(flows.contains("DNS Answer RCode: Refused"), "{flows}");
    // The name the proxy admits resolves, and toFQDNs lets the connection out.
    let ok = json("default/mediabot", "api.github.com:443", &[]);
    assert_eq!(ok["verdict"], "allowed", "{ok}");
}

#[test]
fn policy_deny_response_icmp_refuses_a_denied_egress_connection_at_once() {
    let r = json("default/client", "default/server", &["--port", "80"]);
    assert_eq!(r["verdict"], "denied", "{r}");
    assert_eq!(r["outcome"], "refused", "{r}");
    assert!(decisions(&r).contains(&"reject".to_owned()), "{r}");
    let text = probe(
        "default/client",
        "default/server",
        &["--port", "80"],
        "text",
        "en",
    );
    assert!(text.contains("connection refused"), "{text}");
    assert!(
        text.contains("ICMP Destination Unreachable sent back to the client"),
        "{text}"
    );
    let t = trace("default/client", "default/server", &["--port", "80"]);
    assert!(
        t.contains("reject") && t.contains("ICMP Destination Unreachable"),
        "{t}"
    );
    let flows = hubble("--from-pod default/client --to-pod default/server");
    assert!(
        flows.contains("-> default/server:80 (ID:") && flows.contains("Policy denied DROPPED"),
        "{flows}"
    );
    // A denial at the server's ingress is still a silent drop: the setting is for egress.
    let ingress = json("default/echo", "default/server", &["--port", "80"]);
    assert_eq!(ingress["outcome"], "timeout", "{ingress}");
}

#[test]
fn a_ping_goes_through_the_policies_as_icmp() {
    let r = json("default/echo", "default/server", &["--protocol", "ICMP"]);
    assert_eq!(r["verdict"], "denied", "{r}");
    assert_eq!(r["outcome"], "timeout", "{r}");
    assert!(
        decisions(&r).contains(&"drop (deny rule)".to_owned()),
        "{r}"
    );
    let text = probe(
        "default/echo",
        "default/server",
        &["--protocol", "ICMP"],
        "text",
        "en",
    );
    assert!(
        text.contains("ICMP echo request from pod default/echo"),
        "{text}"
    );
    let flows = hubble("--protocol icmp");
    assert!(
        flows.contains("default/echo (ID:")
            && flows.contains("Policy denied by denylist DROPPED (ICMPv4 EchoRequest)"),
        "{flows}"
    );
    // Nothing selects the client for ingress: the ping is answered.
    let ok = json("default/echo", "default/client", &["--protocol", "ICMP"]);
    assert_eq!(ok["verdict"], "allowed", "{ok}");
    assert_eq!(ok["outcome"], "ok", "{ok}");
}

#[test]
fn mutual_authentication_without_spire_drops_what_the_policy_allows() {
    let r = json("default/client", "default/echo", &["--port", "3000"]);
    assert_eq!(r["verdict"], "denied", "{r}");
    assert_eq!(r["outcome"], "timeout", "{r}");
    assert!(decisions(&r).contains(&"drop".to_owned()), "{r}");
    let text = probe(
        "default/client",
        "default/echo",
        &["--port", "3000"],
        "text",
        "en",
    );
    assert!(text.contains("Authentication required"), "{text}");
    let flows = hubble("--to-pod default/echo");
    assert!(
        flows.contains("policy-verdict:L3-L4 INGRESS ALLOWED")
            && flows.contains("Authentication required DROPPED"),
        "{flows}"
    );
    assert!(!flows.contains("to-endpoint"), "{flows}");
}
