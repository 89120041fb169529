//! A probe's expectations beyond allowed/denied and encrypted: which backend answers and with
//! what share, how many backend tries the request causes, and whether the chosen point left a
//! record of it. Each is read off the simulator's result, never off the answer's text.

use serde::Serialize;

use super::exercise::ProbeSpec;
use crate::i18n::{Lang, Msg};
use crate::sim::eval::outcome::ProbeResult;

/// Identical requests a `share` expectation sends (the `split` invariant's default).
pub const SHARE_REQUESTS: u32 = 100;
/// How far the observed share may be from the expected one (the `split` invariant's default).
pub const SHARE_TOLERANCE: f64 = 0.05;

/// One expectation the result did not meet.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "expected", rename_all = "kebab-case")]
pub enum Miss {
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

/// What the result failed to meet; empty when every expectation held.
pub fn misses(spec: &ProbeSpec, result: &ProbeResult, evidence: Option<&str>) -> Vec<Miss> {
    let mut out = Vec::new();
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

/// The miss in words.
pub fn line(miss: &Miss, lang: Lang) -> String {
    match miss {
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
