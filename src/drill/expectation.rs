//! What a probe (or an ADR requirement's request) must do, each expectation read off the
//! simulator's result, never off the answer's text: allowed or denied; exactly how it was
//! answered (outcome, HTTP and gRPC status, the identity the server authenticated, encryption,
//! what decided, response headers); which backend answered and with what share; how many
//! backend tries it caused; whether the chosen point left a record.
//!
//! Expectations name outcomes as the simulator's JSON does (`reset`, `dns-failure`), so an
//! outcome the simulator learns to report is one an author can expect without a change here.

use std::collections::BTreeMap;

use serde::Serialize;

use super::exercise::{Expect, ProbeSpec, Requirement};
use crate::i18n::{Lang, Msg};
use crate::sim::eval::outcome::ProbeResult;
use crate::sim::eval::probe::outcome_name;
use crate::sim::scenario::faulty::served;

/// Identical requests a `share` expectation sends (the `split` invariant's default).
pub const SHARE_REQUESTS: u32 = 100;
/// How far the observed share may be from the expected one (the `split` invariant's default).
pub const SHARE_TOLERANCE: f64 = 0.05;
/// The outcome names the simulator reports (`sim probe --format json`, `outcome`).
pub const OUTCOMES: &[&str] = &[
    "ok",
    "http-error",
    "reset",
    "refused",
    "timeout",
    "dns-failure",
];
/// The shape of a gRPC refusal: grpc-status 7 (PERMISSION_DENIED) on an HTTP 200 answer.
pub const GRPC_PERMISSION_DENIED: &str = "grpc-permission-denied";
/// The `identity` an author writes for a client the server authenticated as nobody.
pub const NO_IDENTITY: &str = "none";

/// The exact expectations of a probe or a requirement, borrowed from its fields.
#[derive(Clone, Copy, Debug, Default)]
pub struct Exact<'a> {
    pub outcome: Option<&'a str>,
    pub status: Option<u16>,
    pub grpc_status: Option<u16>,
    pub identity: Option<&'a str>,
    pub encrypted: Option<bool>,
    pub decided_by: Option<&'a str>,
    pub response_headers: Option<&'a BTreeMap<String, String>>,
}

impl Exact<'_> {
    /// The author said which answer the client gets, so "allowed" no longer implies 2xx/3xx.
    fn names_the_answer(&self) -> bool {
        self.outcome.is_some() || self.status.is_some() || self.grpc_status.is_some()
    }
}

impl ProbeSpec {
    pub fn exact(&self) -> Exact<'_> {
        Exact {
            outcome: self.outcome.as_deref(),
            status: self.status,
            grpc_status: self.grpc_status,
            identity: self.identity.as_deref(),
            encrypted: self.encrypted,
            decided_by: self.decided_by.as_deref(),
            response_headers: Some(&self.response_headers),
        }
    }
}

impl Requirement {
    pub fn exact(&self) -> Exact<'_> {
        Exact {
            outcome: self.outcome.as_deref(),
            status: self.status,
            grpc_status: self.grpc_status,
            identity: self.identity.as_deref(),
            encrypted: self.encrypted,
            decided_by: self.decided_by.as_deref(),
            response_headers: Some(&self.response_headers),
        }
    }
}

/// What an `outcome` an author writes requires: an outcome name, an HTTP status, or a gRPC
/// status (the table in `exercises/README.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape<'a> {
    pub outcome: Option<&'a str>,
    pub status: Option<u16>,
    pub grpc_status: Option<u16>,
}

pub fn shape(name: &str) -> Shape<'_> {
    let none = Shape {
        outcome: None,
        status: None,
        grpc_status: None,
    };
    if name == GRPC_PERMISSION_DENIED {
        return Shape {
            grpc_status: Some(7),
            ..none
        };
    }
    match http_status(name) {
        Some(status) => Shape {
            status: Some(status),
            ..none
        },
        None => Shape {
            outcome: Some(name),
            ..none
        },
    }
}

/// `"403"`: three digits, 100 to 599.
fn http_status(name: &str) -> Option<u16> {
    (name.len() == 3)
        .then(|| name.parse::<u16>().ok())
        .flatten()
        .filter(|s| (100..=599).contains(s))
}

/// A shape meshlab knows: an outcome name, an HTTP status, or `grpc-permission-denied`.
pub fn known_shape(name: &str) -> bool {
    OUTCOMES.contains(&name) || name == GRPC_PERMISSION_DENIED || http_status(name).is_some()
}

/// The answer was a success or a redirect (or carried no HTTP status: a TCP connection).
fn success(status: Option<u16>) -> bool {
    status.is_none_or(|s| (200..400).contains(&s))
}

/// `allowed`: an application answered, 2xx/3xx unless the author said which answer (so a 404
/// from "no route matched" is not allowed, and neither is a 503 nobody asked for); `denied`:
/// no application answered (a policy refused it, or it broke on the way).
pub fn verdict_holds(expect: Expect, exact: &Exact<'_>, result: &ProbeResult) -> bool {
    match expect {
        Expect::Allowed => served(result) && (exact.names_the_answer() || success(result.status)),
        Expect::Denied => !served(result),
    }
}

/// One expectation the result did not meet.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "expected", rename_all = "kebab-case")]
pub enum Miss {
    /// The answer had another shape (outcome name).
    Outcome {
        want: String,
        got: String,
    },
    Status {
        want: u16,
        got: Option<u16>,
    },
    GrpcStatus {
        want: u16,
        got: Option<u16>,
    },
    /// The server authenticated another identity (or none).
    Identity {
        want: String,
        got: String,
    },
    /// Encrypted when it should not be, or the other way round.
    Encrypted {
        want: bool,
    },
    /// Nothing of that name decided.
    DecidedBy {
        want: String,
        got: Vec<String>,
    },
    ResponseHeader {
        name: String,
        want: String,
        got: Option<String>,
    },
    /// Another backend (or none) answered.
    Backend {
        want: String,
        got: Option<String>,
    },
    /// `backend` answered `got` of the requests instead of `want`.
    Share {
        backend: String,
        want: f64,
        got: f64,
    },
    Tries {
        want: u32,
        got: u32,
    },
    /// The chosen point left no record of the request.
    NotRecorded,
}

/// The exact expectations the result did not meet.
pub fn exact_misses(exact: &Exact<'_>, result: &ProbeResult) -> Vec<Miss> {
    let mut out = Vec::new();
    let got_outcome = outcome_name(result.outcome);
    let mut want_status = exact.status;
    let mut want_grpc = exact.grpc_status;
    if let Some(name) = exact.outcome {
        let s = shape(name);
        if let Some(want) = s.outcome
            && want != got_outcome
        {
            out.push(Miss::Outcome {
                want: want.to_string(),
                got: got_outcome.to_string(),
            });
        }
        want_status = want_status.or(s.status);
        want_grpc = want_grpc.or(s.grpc_status);
    }
    if let Some(want) = want_status
        && result.status != Some(want)
    {
        out.push(Miss::Status {
            want,
            got: result.status,
        });
    }
    if let Some(want) = want_grpc
        && result.grpc_status != Some(want)
    {
        out.push(Miss::GrpcStatus {
            want,
            got: result.grpc_status,
        });
    }
    if let Some(want) = exact.identity {
        let got = result.client_identity.as_deref().unwrap_or(NO_IDENTITY);
        if got != want {
            out.push(Miss::Identity {
                want: want.to_string(),
                got: got.to_string(),
            });
        }
    }
    if let Some(want) = exact.encrypted
        && result.encrypted != want
    {
        out.push(Miss::Encrypted { want });
    }
    if let Some(want) = exact.decided_by {
        let deciders: Vec<String> = result
            .decided_by
            .iter()
            .chain(&result.route)
            .cloned()
            .collect();
        // `Kind NS/NAME` names the object, whichever of its rules decided.
        let named =
            |d: &String| d == want || d.strip_prefix(want).is_some_and(|r| r.starts_with(' '));
        if !deciders.iter().any(named) {
            out.push(Miss::DecidedBy {
                want: want.to_string(),
                got: deciders,
            });
        }
    }
    for (name, want) in exact.response_headers.into_iter().flatten() {
        let got = result
            .response_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone());
        if got.as_ref() != Some(want) {
            out.push(Miss::ResponseHeader {
                name: name.clone(),
                want: want.clone(),
                got,
            });
        }
    }
    out
}

/// What the result failed to meet beyond allowed/denied; empty when every expectation held.
pub fn misses(spec: &ProbeSpec, result: &ProbeResult, evidence: Option<&str>) -> Vec<Miss> {
    let mut out = exact_misses(&spec.exact(), result);
    if let Some(backend) = &spec.backend {
        match spec.share {
            Some(want) => {
                let total: u64 = result.counts.values().sum();
                let n = result.counts.get(backend).copied().unwrap_or(0);
                let got = n as f64 / total.max(1) as f64;
                if (got - want).abs() > SHARE_TOLERANCE {
                    out.push(Miss::Share {
                        backend: backend.clone(),
                        want,
                        got,
                    });
                }
            }
            None => {
                let got = result
                    .backend
                    .as_ref()
                    .map(|b| b.service.clone().unwrap_or_else(|| b.pod.clone()));
                if got.as_ref() != Some(backend) {
                    out.push(Miss::Backend {
                        want: backend.clone(),
                        got,
                    });
                }
            }
        }
    }
    if let Some(want) = spec.tries
        && result.tries != want
    {
        out.push(Miss::Tries {
            want,
            got: result.tries,
        });
    }
    if spec.recorded && evidence.is_none() {
        out.push(Miss::NotRecorded);
    }
    out
}

/// How the client was answered, in a word: `HTTP 403`, `reset`, `gRPC 7`, `connected`.
pub fn answer_text(result: &ProbeResult) -> String {
    match (result.grpc_status, result.status) {
        (Some(g), _) => format!("gRPC {g}"),
        (None, Some(s)) => format!("HTTP {s}"),
        (None, None) => outcome_name(result.outcome).to_string(),
    }
}

/// The miss in words.
pub fn line(miss: &Miss, lang: Lang) -> String {
    let or_none = |v: Option<u16>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
    match miss {
        Miss::Outcome { want, got } => Msg::WrongOutcome.fill(lang, &[want, got]),
        Miss::Status { want, got } => {
            Msg::WrongStatus.fill(lang, &[&want.to_string(), &or_none(*got)])
        }
        Miss::GrpcStatus { want, got } => {
            Msg::WrongGrpcStatus.fill(lang, &[&want.to_string(), &or_none(*got)])
        }
        Miss::Identity { want, got } => Msg::WrongIdentity.fill(lang, &[want, got]),
        Miss::Encrypted { want: true } => Msg::NotEncrypted.text(lang).to_owned(),
        Miss::Encrypted { want: false } => Msg::NotPlaintext.text(lang).to_owned(),
        Miss::DecidedBy { want, got } => {
            let got = if got.is_empty() {
                "-".to_string()
            } else {
                got.join(", ")
            };
            Msg::WrongDecidedBy.fill(lang, &[want, &got])
        }
        Miss::ResponseHeader { name, want, got } => {
            Msg::WrongResponseHeader.fill(lang, &[name, want, got.as_deref().unwrap_or("-")])
        }
        Miss::Backend { want, got } => {
            let got = got.as_deref().unwrap_or("-");
            Msg::WrongBackend.fill(lang, &[want, got])
        }
        Miss::Share { backend, want, got } => Msg::WrongShare.fill(
            lang,
            &[
                backend,
                &format!("{got:.2}"),
                &format!("{want:.2}"),
                &format!("{SHARE_TOLERANCE:.2}"),
            ],
        ),
        Miss::Tries { want, got } => {
            Msg::WrongTries.fill(lang, &[&want.to_string(), &got.to_string()])
        }
        Miss::NotRecorded => Msg::NotRecorded.text(lang).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_map_onto_outcome_status_and_grpc_status() {
        assert_eq!(shape("reset").outcome, Some("reset"));
        assert_eq!(shape("dns-failure").outcome, Some("dns-failure"));
        assert_eq!(shape("403").status, Some(403));
        assert_eq!(shape("429").status, Some(429));
        assert_eq!(shape("403").outcome, None);
        assert_eq!(shape(GRPC_PERMISSION_DENIED).grpc_status, Some(7));
        assert!(
            known_shape("429") && known_shape("timeout") && known_shape(GRPC_PERMISSION_DENIED)
        );
        assert!(!known_shape("refsued") && !known_shape("4033") && !known_shape("099"));
    }
}
