//! meshlab's own words around the simulated tools, in the learner's language: what `help`
//! lists, why a line was not run, and what meshlab supports where a tool refused a flag. The
//! tools' own output stays English, as the real tools print it.

use super::{Lang, Msg};
use crate::sim::tools::{self, Note};

/// The text of a note.
pub fn note(lang: Lang, note: &Note) -> String {
    match note {
        Note::Help => help(lang),
        Note::UnknownTool(name) => Msg::UnknownCommand.fill(lang, &[name]),
        Note::Unclosed => Msg::ConsoleUnclosed.text(lang).to_owned(),
        Note::NotModelled(what) => Msg::ConsoleNotModelled.fill(lang, &[what]),
        Note::ReadOnly(what) => Msg::ConsoleReadOnly.fill(lang, &[what]),
    }
}

/// `help`: the header, then one command per line.
pub fn help(lang: Lang) -> String {
    let mut out = Msg::ConsoleHelp.text(lang).to_owned();
    for c in tools::COMMANDS {
        out.push_str("\n  ");
        out.push_str(c);
    }
    out
}

/// After a refused flag or subcommand: what meshlab supports there (`None` when nothing is
/// listed).
pub fn supported(lang: Lang, supported: &[String]) -> Option<String> {
    (!supported.is_empty()).then(|| Msg::ConsoleSupported.fill(lang, &[&supported.join(", ")]))
}
