//! The mesh simulator: pure, deterministic, no dependency on the terminal or the lessons.
//!
//! Load and validate once ([`manifest::load`] → [`model::Cluster`], Cedar-style), then evaluate
//! requests with pure functions over the model ([`probe::run`]).

pub mod enforce;
pub mod gateway;
pub mod intent;
pub mod labels;
pub mod manifest;
pub mod mesh;
pub mod model;
pub mod net;
pub mod netpol;
pub mod outcome;
mod path;
pub mod probe;
pub mod report;
pub mod route;
pub mod wrr;
