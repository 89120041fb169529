//! `meshlab progress [--json] | export FILE | import FILE | reset (--drill ID | --pack P | --all)`.
//!
//! Exit codes: 0 done; 1 the data directory could not be read or written (the message says
//! why); 2 bad input (an invalid import file, bad flags).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use time::{OffsetDateTime, UtcOffset};
use unicode_width::UnicodeWidthStr;

use super::{EXIT_BAD_INPUT, print};
use crate::drill::pack::Pack;
use crate::i18n::{Lang, Msg, duration_text};
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress::{DrillKey, Progress, Scope};
use crate::practice::progress_file::{MAX_PROGRESS_BYTES, ProgressFile, Report};
use crate::practice::session::{GOAL_HOURS, Meter};
use crate::practice::skills::SkillMap;
use crate::practice::standing::{self, span};
use crate::practice::store;
use crate::practice::streak::{Streak, streak};
use crate::settings;
use crate::tui::next::span_text;
use crate::tui::packs::Packs;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProgressArgs {
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<ProgressCommand>,
}

#[derive(Subcommand, Debug)]
pub enum ProgressCommand {
    Export { file: PathBuf },
    Import { file: PathBuf },
    Reset(ResetArgs),
}

#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct ResetArgs {
    #[arg(long, value_name = "ID")]
    drill: Option<String>,
    #[arg(long, value_name = "P")]
    pack: Option<String>,
    #[arg(long)]
    all: bool,
}

pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliProgress))
        .mut_arg("json", |a| a.help(t(Msg::CliJson)))
        .mut_subcommand("export", |c| {
            c.about(t(Msg::CliProgressExport))
                .mut_arg("file", |a| a.help(t(Msg::CliFile)))
        })
        .mut_subcommand("import", |c| {
            c.about(t(Msg::CliProgressImport))
                .mut_arg("file", |a| a.help(t(Msg::CliFile)))
        })
        .mut_subcommand("reset", |c| {
            c.about(t(Msg::CliProgressReset))
                .mut_arg("drill", |a| a.help(t(Msg::CliResetDrill)))
                .mut_arg("pack", |a| a.help(t(Msg::CliResetPack)))
                .mut_arg("all", |a| a.help(t(Msg::CliResetAll)))
        })
}

pub fn run(args: ProgressArgs, lang: Lang) -> ExitCode {
    let Some(dir) = settings::data_dir() else {
        return fail(Msg::ProgressNoDataDir.text(lang));
    };
    let file = ProgressFile::in_dir(&dir);
    match args.command {
        None => show(&file, args.json, lang),
        Some(ProgressCommand::Export { file: out }) => export(&file, &out, lang),
        Some(ProgressCommand::Import { file: src }) => import(&file, &src, lang),
        Some(ProgressCommand::Reset(r)) => {
            let scope = match (r.drill, r.pack) {
                (Some(d), _) => Scope::Drill(d),
                (_, Some(p)) => Scope::Pack(p),
                // clap's group guarantees exactly one flag, so this is `--all`.
                _ => Scope::All,
            };
            reset(&file, &scope, lang)
        }
    }
}

fn show(file: &ProgressFile, json: bool, lang: Lang) -> ExitCode {
    let progress = match file.load() {
        Ok((p, report)) => {
            warn(&report, lang);
            p
        }
        Err(e) => return fail(&e.text(lang)),
    };
    let now = SystemClock.now();
    // Streak days are the learner's calendar days; without a known offset, UTC days.
    let offset = UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC);
    // Titles for the reviews listed: the built-in pack and the installed ones.
    let packs = Pack::builtin()
        .map(|b| Packs::installed(b, settings::data_dir().as_deref()))
        .unwrap_or_default();
    let title = |k: &DrillKey| {
        packs
            .position(k.pack.as_str(), k.drill.as_str())
            .and_then(|i| packs.drill(i))
            .map(|(_, ex)| ex.title.get(lang).to_string())
    };
    let review = |(k, at): (DrillKey, OffsetDateTime)| Review {
        title: title(&k),
        key: k,
        at,
    };
    let view = View {
        skills: SkillMap::from_attempts(progress.attempts()),
        meter: Meter::of(&progress),
        streak: streak(&progress, now, offset),
        due: standing::due(&progress, now)
            .into_iter()
            .map(review)
            .collect(),
        upcoming: standing::upcoming(&progress, now)
            .into_iter()
            .map(review)
            .collect(),
        attempts: progress.attempts().len(),
        now,
    };
    print(&if json { view.json() } else { view.text(lang) })
}

/// Everything `meshlab progress` shows, computed once for either format.
struct View {
    skills: SkillMap,
    meter: Meter,
    streak: Streak,
    /// Reviews due, most overdue first, and those to come, soonest first.
    due: Vec<Review>,
    upcoming: Vec<Review>,
    attempts: usize,
    now: OffsetDateTime,
}

/// A drill's review and when it falls (or fell) due.
struct Review {
    key: DrillKey,
    title: Option<String>,
    at: OffsetDateTime,
}

/// Reviews to come listed in the text (all of them are in `--json`).
const UPCOMING_SHOWN: usize = 5;

impl Review {
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "pack": self.key.pack.as_str(),
            "drill": self.key.drill.as_str(),
            "due": self.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        })
    }

    /// `  PACK/DRILL  Title — due since 2 days`.
    fn line(&self, msg: Msg, now: OffsetDateTime, lang: Lang) -> String {
        let when = msg.fill(lang, &[&span_text(span(now, self.at), lang)]);
        let title = self
            .title
            .as_deref()
            .map(|t| format!("  {t}"))
            .unwrap_or_default();
        format!("  {}/{}{title} — {when}", self.key.pack, self.key.drill)
    }
}

impl View {
    fn json(&self) -> String {
        let skills: Vec<serde_json::Value> = self
            .skills
            .iter()
            .map(|(skill, s)| {
                serde_json::json!({
                    "skill": skill.id(),
                    "attempts": s.attempts,
                    "passed": s.passed,
                    "accuracy_percent": s.accuracy_percent(),
                    "seconds": s.seconds,
                })
            })
            .collect();
        let value = serde_json::json!({
            "attempts": self.attempts,
            "practice": {
                "seconds": self.meter.seconds,
                "goal_seconds": Meter::goal_seconds(),
                "percent": self.meter.percent(),
            },
            "streak": self.streak,
            "due_count": self.due.len(),
            "due": self.due.iter().map(|r| r.key.drill.as_str()).collect::<Vec<_>>(),
            "reviews_due": self.due.iter().map(Review::json).collect::<Vec<_>>(),
            "reviews_upcoming": self.upcoming.iter().map(Review::json).collect::<Vec<_>>(),
            "skills": skills,
        });
        format!("{value:#}\n")
    }

    fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let line = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line(
            &mut out,
            Msg::ProgressHours.fill(
                lang,
                &[
                    &self.meter.hours_text(),
                    &GOAL_HOURS.to_string(),
                    &self.meter.percent().to_string(),
                ],
            ),
        );
        let (cur, longest) = (self.streak.current, self.streak.longest);
        line(
            &mut out,
            Msg::ProgressStreak.fill(lang, &[&cur.to_string(), &longest.to_string()]),
        );
        line(
            &mut out,
            Msg::ProgressDue.fill(lang, &[&self.due.len().to_string()]),
        );
        for r in &self.due {
            line(&mut out, r.line(Msg::ProgressDueSince, self.now, lang));
        }
        if let Some(first) = self.upcoming.first() {
            line(
                &mut out,
                Msg::ProgressUpcoming.fill(
                    lang,
                    &[
                        &span_text(span(self.now, first.at), lang),
                        &self.upcoming.len().to_string(),
                    ],
                ),
            );
            for r in self.upcoming.iter().take(UPCOMING_SHOWN) {
                line(&mut out, r.line(Msg::ProgressDueIn, self.now, lang));
            }
        }
        line(
            &mut out,
            Msg::ProgressAttempts.fill(lang, &[&self.attempts.to_string()]),
        );
        out.push('\n');
        let rows: Vec<[String; 4]> = std::iter::once([
            Msg::ProgressColSkill.text(lang).to_string(),
            Msg::ProgressColAttempts.text(lang).to_string(),
            Msg::ProgressColAccuracy.text(lang).to_string(),
            Msg::ProgressColTime.text(lang).to_string(),
        ])
        .chain(self.skills.iter().map(|(skill, s)| {
            [
                skill.name(lang).to_string(),
                s.attempts.to_string(),
                s.accuracy_percent().map_or("-".into(), |p| format!("{p}%")),
                duration_text(s.seconds, lang),
            ]
        }))
        .collect();
        let widths: Vec<usize> = (0..4)
            .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
            .collect();
        for r in &rows {
            let mut cells = vec![format!("{}{}", r[0], " ".repeat(widths[0] - r[0].width()))];
            for c in 1..4 {
                cells.push(format!("{}{}", " ".repeat(widths[c] - r[c].width()), r[c]));
            }
            line(&mut out, cells.join("  ").trim_end().to_string());
        }
        out
    }
}

fn export(file: &ProgressFile, out: &Path, lang: Lang) -> ExitCode {
    let progress = match file.load() {
        Ok((p, report)) => {
            warn(&report, lang);
            p
        }
        Err(e) => return fail(&e.text(lang)),
    };
    if let Err(e) = store::save(out, &progress) {
        return fail(
            &Msg::ProgressSaveFailed.fill(lang, &[&out.display().to_string(), &e.to_string()]),
        );
    }
    print(&format!(
        "{}\n",
        Msg::ProgressExported.fill(
            lang,
            &[
                &progress.attempts().len().to_string(),
                &out.display().to_string()
            ]
        )
    ))
}

fn import(file: &ProgressFile, src: &Path, lang: Lang) -> ExitCode {
    let name = src.display().to_string();
    let bad = |msg: String| {
        eprintln!("{msg}");
        ExitCode::from(EXIT_BAD_INPUT)
    };
    if std::fs::metadata(src).is_ok_and(|m| m.len() > MAX_PROGRESS_BYTES) {
        let mib = (MAX_PROGRESS_BYTES >> 20).to_string();
        return bad(Msg::ProgressImportTooLarge.fill(lang, &[&name, &mib]));
    }
    let bytes = match std::fs::read(src) {
        Ok(b) => b,
        Err(e) => return bad(Msg::ProgressReadFailed.fill(lang, &[&name, &e.to_string()])),
    };
    let incoming = match store::parse::<Progress>(&name, &bytes) {
        Ok(p) => p,
        Err(problem) => return bad(problem.located(lang)),
    };
    match file.update(|p| p.import(incoming)) {
        Ok((merged, report)) => {
            warn(&report, lang);
            print(&format!(
                "{}\n",
                Msg::ProgressImported.fill(
                    lang,
                    &[
                        &name,
                        &merged.added.to_string(),
                        &merged.already.to_string()
                    ]
                )
            ))
        }
        Err(e) => fail(&e.text(lang)),
    }
}

fn reset(file: &ProgressFile, scope: &Scope, lang: Lang) -> ExitCode {
    match file.update(|p| p.remove(scope)) {
        Ok((removed, report)) => {
            warn(&report, lang);
            if removed.is_empty() {
                return print(&format!("{}\n", Msg::ProgressRemovedNothing.text(lang)));
            }
            let total: usize = removed.values().sum();
            let mut out =
                Msg::ProgressRemoved.fill(lang, &[&total.to_string(), &removed.len().to_string()]);
            out.push('\n');
            for (drill, n) in &removed {
                out.push_str(&format!("  {drill}  {n}\n"));
            }
            print(&out)
        }
        Err(e) => fail(&e.text(lang)),
    }
}

/// A file kept aside is news the learner must see, whatever else the command prints.
fn warn(report: &Report, lang: Lang) {
    if let Some(k) = &report.kept_aside {
        eprintln!("{}", k.text(lang));
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}
