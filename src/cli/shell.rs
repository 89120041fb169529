//! `meshlab completions bash|zsh|fish|…` and `meshlab man`: generated from the same clap
//! definition (in the chosen language) that parses the command line, so they never drift.

use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;

use super::print;
use crate::i18n::{Lang, Msg};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn localize_completions(cmd: clap::Command, lang: Lang) -> clap::Command {
    cmd.about(Msg::CliCompletions.text(lang))
        .mut_arg("shell", |a| a.help(Msg::CliShell.text(lang)))
}

pub fn localize_man(cmd: clap::Command, lang: Lang) -> clap::Command {
    cmd.about(Msg::CliMan.text(lang))
}

/// The completion script for `shell`, on stdout (`meshlab completions bash > …`).
pub fn completions(args: &CompletionsArgs, mut cmd: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "meshlab", &mut out);
    print(&String::from_utf8_lossy(&out))
}

/// The manual page (roff) on stdout (`meshlab man > meshlab.1`).
pub fn man(cmd: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    match clap_mangen::Man::new(cmd).render(&mut out) {
        Ok(()) => print(&String::from_utf8_lossy(&out)),
        Err(e) => {
            eprintln!("meshlab: {e}");
            ExitCode::FAILURE
        }
    }
}
