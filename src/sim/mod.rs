//! The mesh simulator: pure, deterministic, no dependency on the terminal, the lessons or the
//! learner's language.
//!
//! Rooms by stage, and data flows one way through them:
//! - [`load`]: bytes → YAML → typed objects per API group → the resolved [`model::Cluster`],
//!   with what the API server would reject and warnings where meshlab's answer may differ
//!   from a real cluster (the loader's contract, `docs/simulator.md`);
//! - [`model`]: the resolved cluster, every reference checked, every object with its origin;
//! - [`eval`]: one request's path over the model (client, DNS, Service, routes, CNI, proxies,
//!   application), pure functions that only read the model;
//! - [`scenario`]: faults, traffic, invariants, intents and runs built on `eval`;
//! - [`tools`]: the simulated CLIs (`kubectl`, `istioctl`, `linkerd`, `cilium`, `hubble`).
//!
//! Imports follow the same order: `model` imports nothing else of `sim`; `load` and `eval`
//! import `model`; `scenario` and `tools` import the rooms before them. `tests/layering.rs`
//! checks it.

pub mod eval;
pub mod load;
pub mod model;
pub mod scenario;
pub mod tools;
