//! The mesh simulator: pure, deterministic, no dependency on the terminal or the lessons.
//!
//! Load and validate once ([`manifest::load`] → [`model::Cluster`], Cedar-style), then evaluate
//! requests with pure functions over the model ([`probe::run`]).

mod cni;
pub mod enforce;
pub mod evidence;
pub mod exec;
pub mod fault;
pub mod gateway;
mod inbound;
pub mod inspect;
pub mod intent;
pub mod invariant;
pub mod labels;
pub mod latency;
pub mod manifest;
pub mod mesh;
pub mod model;
pub mod net;
pub mod netpol;
pub mod outcome;
mod path;
pub mod probe;
pub mod refs;
pub mod report;
pub mod route;
mod routing;
pub mod run;
pub mod scenario;
pub mod traffic;
pub mod wrr;
