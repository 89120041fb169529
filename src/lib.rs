//! meshlab: a terminal learning lab for service-mesh architecture.
//!
//! Dependencies point one way: `cli`/`tui` → `content` → nothing; `sim` depends on no other module.

pub mod cli;
pub mod content;
pub mod sim;
