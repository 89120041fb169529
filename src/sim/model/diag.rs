//! What the load tells the reader besides the model: where each object came from, objects the
//! API server would refuse, and warnings where meshlab's answer may differ from a real cluster
//! (the loader's contract in `docs/simulator.md`). Positions are data; text is written only
//! when printed.

use std::fmt;

/// Where an object or a field came from: `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Origin {
    pub file: String,
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// An object the API server (or the mesh's admission webhook / CRD schema) would refuse:
/// listed, never enforced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub at: Origin,
    pub kind: String,
    /// `NS/NAME` (or `NAME` for a cluster-scoped object).
    pub object: String,
    pub reason: String,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: rejected {} {}: {}",
            self.at, self.kind, self.object, self.reason
        )
    }
}

/// Input the simulator accepted, but whose effect it does not model (or had to assume).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub at: Origin,
    /// `Kind NS/NAME` of the object the warning is about.
    pub object: String,
    pub warn: Warn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warn {
    /// A field of the real API that could change a request's outcome, which meshlab does not
    /// model (contract (e)).
    Unmodeled { field: String },
    /// A kind meshlab does not model and that could change a request's outcome.
    KindNotModeled { api_version: String },
    /// The object takes no effect, and its `status` would say why (a route attached to no
    /// parent, a policy that selects nothing).
    NoEffect { why: String },
    /// An assumption the simulator made to go on (an undeclared namespace, a default value).
    Assumed { what: String },
}

/// The sentence every unmodeled field and kind ends with.
pub const MAY_DIFFER: &str = "answers that depend on it may differ from a real cluster";

impl Warning {
    /// The warning without its position: `OBJECT: field … is not modeled …`.
    pub fn message(&self) -> String {
        struct Message<'a>(&'a Warning);
        impl fmt::Display for Message<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_message(f)
            }
        }
        Message(self).to_string()
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.warn {
            Warn::Unmodeled { field } => write!(
                f,
                "{}: field `{field}` is not modeled by meshlab; {MAY_DIFFER}",
                self.object
            ),
            Warn::KindNotModeled { api_version } => write!(
                f,
                "{} ({api_version}): kind not modeled by meshlab, skipped; {MAY_DIFFER}",
                self.object
            ),
            Warn::NoEffect { why } => write!(f, "{}: takes no effect: {why}", self.object),
            Warn::Assumed { what } => {
                if self.object.is_empty() {
                    f.write_str(what)
                } else {
                    write!(f, "{}: {what}", self.object)
                }
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: ", self.at)?;
        self.write_message(f)
    }
}
