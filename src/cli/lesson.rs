//! `meshlab lesson list|show`: the lessons without the full-screen reader.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Subcommand;

use super::{EXIT_BAD_INPUT, print};
use crate::content::Catalog;
use crate::content::render::{self, RenderOptions};
use crate::i18n::{Lang, Msg};
use crate::settings;

#[derive(Subcommand, Debug)]
pub enum LessonCommand {
    List,
    Show {
        section: String,
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: Option<u16>,
        #[arg(long)]
        plain: bool,
    },
}

pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliLesson))
        .mut_subcommand("list", |c| c.about(t(Msg::CliLessonList)))
        .mut_subcommand("show", |c| {
            c.about(t(Msg::CliLessonShow))
                .mut_arg("section", |a| a.help(t(Msg::CliSection)))
                .mut_arg("width", |a| a.help(t(Msg::CliWidth)))
                .mut_arg("plain", |a| a.help(t(Msg::CliPlain)))
        })
}

pub fn run(cmd: LessonCommand, catalog: &Catalog, lang: Lang) -> ExitCode {
    match cmd {
        LessonCommand::List => {
            let mut out = String::new();
            for l in catalog.lessons() {
                out.push_str(&format!(
                    "{:>2}  {:<28} {}\n",
                    l.section,
                    l.slug,
                    l.text(lang).title
                ));
            }
            print(&out)
        }
        LessonCommand::Show {
            section,
            width,
            plain,
        } => {
            let Some(lesson) = catalog.find(&section) else {
                let mut msg = Msg::UnknownSection.fill(lang, &[&section]);
                for l in catalog.lessons() {
                    msg.push_str(&format!("\n  {:>2}  {}", l.section, l.slug));
                }
                eprintln!("{msg}");
                return ExitCode::from(EXIT_BAD_INPUT);
            };
            let tty = std::io::stdout().is_terminal();
            let width = width
                .or_else(|| {
                    tty.then(|| crossterm::terminal::size().ok().map(|(w, _)| w))
                        .flatten()
                })
                .unwrap_or(80);
            let styled = tty && !plain;
            let mut opts = RenderOptions::new(width, styled && settings::color_enabled(), lang);
            // A terminal would fold a long code line over the prose; a pipe keeps it whole,
            // so the command can be copied and run.
            if !tty {
                opts = opts.whole_code();
            }
            let rendered = render::layout(&lesson.text(lang).doc, opts);
            let mut text = if styled {
                rendered.ansi_text()
            } else {
                rendered.plain_text()
            };
            text.push('\n');
            print(&text)
        }
    }
}
