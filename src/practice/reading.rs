//! The reader's memory: which lessons were read to the end and where the learner stopped.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::store::Versioned;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub version: u32,
    /// Lesson slugs read to the end.
    #[serde(default)]
    pub read: BTreeSet<String>,
    #[serde(default)]
    pub last: Option<Place>,
}

/// A place in a lesson that survives a change of width or language: the heading it falls under
/// and how far into that heading's section, as a fraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub lesson: String,
    pub heading: usize,
    pub fraction: f64,
}

impl Versioned for Reading {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            version: Self::VERSION,
            read: BTreeSet::new(),
            last: None,
        }
    }
}

impl Reading {
    pub const FILE: &str = "reading.toml";
}
