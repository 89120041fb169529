//! `meshlab next`: what to do next, said and opened (like rustlings): reviews that have fallen
//! due (the first one shown, ready to answer), else the next section not read yet (shown), else
//! a drill for the weakest skill. The same choice as the TUI's `n` (`practice::next`).

use std::process::ExitCode;

use super::{lesson, print};
use crate::content::Catalog;
use crate::drill::variant;
use crate::i18n::{Lang, Msg};
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::next::{Next, SectionInfo, next};
use crate::practice::progress::Progress;
use crate::practice::progress_file::ProgressFile;
use crate::practice::reading::Reading;
use crate::practice::review_variant;
use crate::practice::standing::span;
use crate::practice::store;
use crate::settings;
use crate::tui::next::span_text;
use crate::tui::packs::Packs;

pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    cmd.about(Msg::CliNext.text(lang))
}

pub fn run(catalog: &Catalog, packs: &Packs, lang: Lang) -> ExitCode {
    let dir = settings::data_dir();
    let reading = dir
        .as_ref()
        .and_then(|d| store::load::<Reading>(&d.join(Reading::FILE)).ok())
        .map(|l| l.into_value())
        .unwrap_or_default();
    let progress = match &dir {
        Some(d) => match ProgressFile::in_dir(d).load() {
            Ok((p, report)) => {
                if let Some(k) = report.kept_aside {
                    eprintln!("{}", k.text(lang));
                }
                p
            }
            Err(e) => {
                eprintln!("{}", e.text(lang));
                return ExitCode::FAILURE;
            }
        },
        None => Progress::default(),
    };
    let sections: Vec<SectionInfo> = catalog
        .lessons()
        .map(|l| SectionInfo {
            slug: l.slug.clone(),
            read: reading.read.contains(&l.slug),
        })
        .collect();
    let now = SystemClock.now();
    let resume = reading.last.as_ref().map(|p| p.lesson.as_str());
    let drills = packs.drill_infos();
    // A drill and the variant its review asks: the one `exercise start` and the TUI ask too.
    let asked = |pack: &str, id: &str| {
        let (_, ex) = packs.position(pack, id).and_then(|i| packs.drill(i))?;
        Some((ex, review_variant::seed(&progress, pack, ex, now)))
    };
    match next(&progress, &sections, resume, &drills, now) {
        Next::Reviews {
            count,
            first,
            since,
        } => {
            let Some((ex, seed)) = asked(first.pack.as_str(), first.drill.as_str()) else {
                return ExitCode::FAILURE;
            };
            let head = Msg::CliNextReviews.fill(
                lang,
                &[
                    &count.to_string(),
                    &span_text(span(now, since), lang),
                    &variant::resolve(ex, seed).title.get(lang),
                ],
            );
            print(&format!(
                "{head}\n\n{}",
                super::exercise::show(ex, seed, lang)
            ))
        }
        Next::Read { section, fresh } => {
            let Some(lesson) = catalog.lessons().nth(section) else {
                return ExitCode::FAILURE;
            };
            let title = format!("{}. {}", lesson.section, lesson.text(lang).title);
            let msg = if fresh {
                Msg::CliNextStart
            } else {
                Msg::CliNextRead
            };
            let printed = print(&format!("{}\n\n", msg.fill(lang, &[&title])));
            if printed != ExitCode::SUCCESS {
                return printed;
            }
            let show = lesson::LessonCommand::Show {
                section: lesson.slug.clone(),
                width: None,
                plain: false,
            };
            lesson::run(show, catalog, lang)
        }
        Next::Practise { drill, skill } => {
            let Some((ex, seed)) = asked(&drill.pack, &drill.id) else {
                return ExitCode::FAILURE;
            };
            let skill = skill.map_or("", |s| s.name(lang));
            let asked = variant::resolve(ex, seed);
            let head = Msg::CliNextPractise.fill(lang, &[skill, &asked.title.get(lang)]);
            print(&format!(
                "{head}\n\n{}",
                super::exercise::show(ex, seed, lang)
            ))
        }
        Next::Done => print(&format!("{}\n", Msg::NextDone.text(lang))),
    }
}
