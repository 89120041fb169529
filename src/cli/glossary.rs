//! `meshlab glossary [TERM]`: the course's terms, or one term in both languages.

use std::process::ExitCode;

use clap::Args;

use super::{EXIT_BAD_INPUT, print};
use crate::content::glossary::{Glossary, Term};
use crate::i18n::{Lang, Msg};

#[derive(Args, Debug)]
pub struct GlossaryArgs {
    /// A term in either language, or a word to look for in the definitions.
    pub term: Option<String>,
}

pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    cmd.about(Msg::CliGlossary.text(lang))
        .mut_arg("term", |a| a.help(Msg::CliGlossaryTerm.text(lang)))
}

pub fn run(args: GlossaryArgs, lang: Lang) -> ExitCode {
    let glossary = match Glossary::builtin() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{}", Msg::GlossaryUnreadable.fill(lang, &[&e.to_string()]));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let Some(query) = args.term else {
        return print(&list(&glossary.search("", lang), lang));
    };
    // The term itself, else every term the word finds.
    if let Some(term) = glossary.find(&query) {
        return print(&detail(term, lang));
    }
    match glossary.search(&query, lang).as_slice() {
        [] => {
            eprintln!("{}", Msg::GlossaryNoMatch.fill(lang, &[&query]));
            ExitCode::from(EXIT_BAD_INPUT)
        }
        [one] => print(&detail(one, lang)),
        many => print(&list(many, lang)),
    }
}

/// One line per term: its name in `lang`, then the other language's name.
fn list(terms: &[&Term], lang: Lang) -> String {
    let width = terms
        .iter()
        .map(|t| t.name(lang).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for t in terms {
        let other = if t.kept_in_english() {
            Msg::GlossaryKeptShort.text(lang)
        } else {
            t.name(lang.other())
        };
        out.push_str(&format!("{:<width$}  {other}\n", t.name(lang)));
    }
    out
}

fn detail(t: &Term, lang: Lang) -> String {
    let other = if t.kept_in_english() {
        Msg::GlossaryKept.text(lang).to_string()
    } else {
        Msg::GlossaryOtherName.fill(lang, &[t.name(lang.other())])
    };
    let mut out = format!(
        "{}\n{other}\n\n{}\n{} · {}\n",
        t.name(lang),
        t.definition.get(lang),
        lang.other().code().to_uppercase(),
        t.definition.get(lang.other())
    );
    if !t.also.is_empty() {
        out += &format!("{}\n", Msg::GlossaryAlso.fill(lang, &[&t.also.join(", ")]));
    }
    if !t.avoid.is_empty() {
        out += &format!(
            "{}\n",
            Msg::GlossaryAvoid.fill(lang, &[&t.avoid.join(", ")])
        );
    }
    out
}
