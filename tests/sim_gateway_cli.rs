//! Gateway API answer shapes as a user sees them through the real binary: a redirect, a
//! mirrored request, a gRPC call no rule matches, a TLS passthrough connection and a route
//! attached to nothing, in text (both languages), JSON and `sim trace`'s hop diagram
//! (fixture: tests/fixtures/gateway-api/).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> String {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gateway-api");
    dir.join(name).display().to_string()
}

/// `meshlab sim probe gateway.yaml --from 203.0.113.10 --to gw:shop/edge ARGS…`: stdout.
fn probe(args: &[&str]) -> String {
    let manifest = fixture("gateway.yaml");
    let mut all = vec![
        "sim",
        "probe",
        manifest.as_str(),
        "--from",
        "203.0.113.10",
        "--to",
        "gw:shop/edge",
    ];
    all.extend_from_slice(args);
    run(&all)
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .output()
        .expect("meshlab runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&probe(&all)).expect("json")
}

#[test]
fn a_redirect_is_the_gateways_answer_with_its_location() {
    let redirect = ["--port", "80", "--host", "shop.example", "--path", "/cart"];
    let text = probe(&redirect);
    assert!(
        text.starts_with("ALLOWED 203.0.113.10 -> gw:shop/edge: HTTP 301, no backend"),
        "{text}"
    );
    assert!(
        text.contains("response headers: location: https://shop.example/cart"),
        "{text}"
    );
    assert!(
        text.contains("redirect RequestRedirect: 301 Location: https://shop.example/cart"),
        "{text}"
    );
    let indonesian = probe(&[&redirect[..], &["--lang", "id"]].concat());
    assert!(
        indonesian.contains("header jawaban: location: https://shop.example/cart"),
        "{indonesian}"
    );
    assert!(indonesian.contains("alihkan"), "{indonesian}");
    let v = json(&redirect);
    let r = &v["results"][0];
    assert_eq!(r["verdict"], "allowed");
    assert_eq!(r["outcome"], "ok");
    assert_eq!(r["status"], 301);
    assert_eq!(r["backend"], serde_json::Value::Null);
    assert_eq!(
        r["response_headers"]["location"],
        "https://shop.example/cart"
    );
}

#[test]
fn a_mirrored_copy_is_counted_beside_the_answer() {
    let v = json(&["--port", "443", "--host", "shop.example", "--count", "4"]);
    let r = &v["results"][0];
    assert_eq!(r["backend"]["service"], "shop/web-v1");
    assert_eq!(r["counts"]["shop/web-v1"], 4);
    assert_eq!(r["counts"]["mirror:shop/web-v2"], 4);
    assert_eq!(r["failed_requests"], 0);
    let text = probe(&["--port", "443", "--host", "shop.example"]);
    assert!(
        text.contains("mirror  RequestMirror: a copy goes to shop/web-v2; its answer is ignored"),
        "{text}"
    );
}

#[test]
fn an_unmatched_grpc_call_is_unimplemented() {
    let call = [
        "--port",
        "443",
        "--host",
        "grpc.shop.example",
        "--path",
        "/shop.Cart/Remove",
        "-H",
        "content-type: application/grpc",
    ];
    let r = &json(&call)["results"][0];
    assert_eq!(r["verdict"], "failed");
    assert_eq!(r["grpc_status"], 12);
    let text = probe(&call);
    assert!(
        text.contains("HTTP 200 grpc-status 12, no backend"),
        "{text}"
    );
    let matched = ["--path", "/shop.Cart/Add"];
    let r = &json(&[&call[..4], &call[6..], &matched[..]].concat())["results"][0];
    assert_eq!(r["verdict"], "allowed");
    assert_eq!(r["grpc_status"], 0);
    assert_eq!(r["route"], "GRPCRoute shop/cart rule 0");
}

#[test]
fn sim_trace_shows_a_tls_passthrough_hop_by_hop() {
    let scenario = fixture("gateway.toml");
    let trace = |host: &str| {
        run(&[
            "sim",
            "trace",
            &scenario,
            "--from",
            "203.0.113.10",
            "--to",
            "gw:shop/edge",
            "--port",
            "8443",
            "--host",
            host,
        ])
    };
    let through = trace("secure.shop.example");
    assert!(
        through.contains("route   TLSRoute shop/secure: TLS passed through by SNI, not terminated"),
        "{through}"
    );
    assert!(through.contains("backend shop/web-v2"), "{through}");
    let other = trace("other.shop.example");
    assert!(other.starts_with("FAILED"), "{other}");
    assert!(
        other.contains("no TLSRoute attached to listener passthrough serves this connection (SNI other.shop.example)"),
        "{other}"
    );
}

#[test]
fn a_route_attached_to_nothing_is_warned_in_both_languages() {
    let en = probe(&["--port", "443", "--host", "shop.example"]);
    assert!(
        en.contains("gateway.yaml:87:1: warning: HTTPRoute shop/forgotten: takes no effect: spec.parentRefs is empty"),
        "{en}"
    );
    let id = probe(&["--port", "443", "--host", "shop.example", "--lang", "id"]);
    assert!(
        id.contains("HTTPRoute shop/forgotten: tidak berpengaruh: spec.parentRefs kosong"),
        "{id}"
    );
    let v = json(&["--port", "443", "--host", "shop.example"]);
    let warnings = v["warnings"].as_array().cloned().unwrap_or_default();
    assert!(
        warnings
            .iter()
            .any(|w| w["kind"] == "no-effect" && w["object"] == "HTTPRoute shop/forgotten"),
        "{warnings:?}"
    );
}
