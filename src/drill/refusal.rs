//! Why meshlab refused a pack, an archive or a submission: a message in both languages, tied to
//! the file (and the place in it, when there is one) so the instructor knows where to look.

use crate::diag::SourceError;
use crate::i18n::{Lang, Msg};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub file: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    pub msg: Msg,
    pub args: Vec<String>,
}

impl Refusal {
    pub fn new(file: impl Into<String>, msg: Msg, args: &[&dyn std::fmt::Display]) -> Refusal {
        Refusal {
            file: file.into(),
            at: None,
            msg,
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Refusal {
        self.at = Some((line, column));
        self
    }

    /// `file:line:column: message`, the form editors jump to.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let message = self.msg.fill(lang, &args);
        match self.at {
            Some((line, column)) => format!("{}:{line}:{column}: {message}", self.file),
            None => format!("{}: {message}", self.file),
        }
    }

    /// An I/O failure on `path`, in the system's own words.
    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Refusal {
        Refusal::new(path.display().to_string(), Msg::IoFailed, &[err])
    }
}

/// A located error in a tool's own words (the TOML parser's, a lesson's front matter), kept as
/// it is, place included.
impl From<SourceError> for Refusal {
    fn from(e: SourceError) -> Refusal {
        Refusal::new(e.file, Msg::Verbatim, &[&e.message]).at(e.line, e.column)
    }
}
