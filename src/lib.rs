//! meshlab: a terminal learning lab for service-mesh architecture.
//!
//! Dependencies point one way: `cli` → `tui` → `content`/`practice` → `diag`/`i18n`; `sim`
//! depends on no other module.

pub mod cli;
pub mod content;
pub mod diag;
pub mod drill;
pub mod i18n;
pub mod limits;
pub mod practice;
pub mod settings;
pub mod sim;
pub mod tree;
pub mod tui;
