//! The progress screen: the meter toward 20 hours, the streak and reviews due, the skill map
//! over the ten capabilities (a bar of accuracy per skill, attempts, practice time), and the
//! timed session — how to start one, or the one running.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{draw_page, page_areas, status_line, title_bar, wrapped};
use crate::i18n::{Lang, Msg, duration_text};
use crate::practice::clock::Clock;
use crate::practice::session::{GOAL_HOURS, Meter};
use crate::practice::skills::{Skill, SkillMap, SkillStats};
use crate::practice::streak::streak;
use crate::tui::app::App;
use crate::tui::session::clock_text;
use crate::tui::theme::Theme;

/// Cells of a skill's accuracy bar.
const BAR: usize = 10;
/// Most cells of the 20-hour meter.
const METER: usize = 40;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body, footer] = page_areas(area);
    title_bar(app, Msg::ProgressTitle.text(app.lang), frame, header, theme);
    draw_page(app, frame, body, theme);
    let hints = if app.session.is_some() {
        Msg::HintsProgressSession
    } else {
        Msg::HintsProgress
    };
    frame.render_widget(status_line(app, hints.text(app.lang), theme), footer);
}

pub fn lines(app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let now = app.now();
    let meter = Meter::of(&app.progress);
    let streak = streak(&app.progress, now, app.offset);
    let width = usize::from(width);
    let mut out = vec![Line::raw("")];
    out.push(Line::styled(meter_text(lang, &meter), theme.title));
    out.push(meter_bar(&meter, width, theme));
    let facts = [
        Msg::ProgressStreak.fill(
            lang,
            &[&streak.current.to_string(), &streak.longest.to_string()],
        ),
        Msg::ProgressDue.fill(lang, &[&app.progress.due(now).len().to_string()]),
        Msg::ProgressAttempts.fill(lang, &[&app.progress.attempts().len().to_string()]),
    ];
    wrapped(
        &mut out,
        Span::raw(""),
        Span::raw(""),
        &facts.join(" · "),
        Style::new(),
        width,
    );
    out.push(Line::raw(""));
    let map = SkillMap::from_attempts(app.progress.attempts());
    out.extend(skill_table(lang, map.iter(), theme));
    out.push(Line::raw(""));
    let session = match &app.session {
        None => Msg::SessionIdle.text(lang).to_string(),
        Some(s) if s.is_over(now) => Msg::SessionOver.text(lang).to_string(),
        Some(s) => Msg::SessionRunning.fill(lang, &[&clock_text(s.remaining(now))]),
    };
    let style = if app.session.is_some() {
        theme.notice
    } else {
        theme.dim
    };
    wrapped(
        &mut out,
        Span::raw(""),
        Span::raw(""),
        &session,
        style,
        width,
    );
    out
}

/// "Practice: 3.2 of 20 hours (16%)".
pub fn meter_text(lang: Lang, meter: &Meter) -> String {
    Msg::ProgressHours.fill(
        lang,
        &[
            &meter.hours_text(),
            &GOAL_HOURS.to_string(),
            &meter.percent().to_string(),
        ],
    )
}

/// The meter as a bar, as wide as the screen allows up to [`METER`] cells.
fn meter_bar(meter: &Meter, width: usize, theme: &Theme) -> Line<'static> {
    let cells = width.saturating_sub(2).min(METER);
    let filled = (meter.seconds.min(Meter::goal_seconds()) as usize * cells)
        / Meter::goal_seconds() as usize;
    Line::from(vec![
        Span::styled("█".repeat(filled), theme.held),
        Span::styled("░".repeat(cells - filled), theme.dim),
    ])
}

/// The skill map as a table: name, accuracy bar and percentage, attempts, time.
pub fn skill_table(
    lang: Lang,
    skills: impl Iterator<Item = (Skill, SkillStats)>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let name_width = Skill::ALL
        .iter()
        .map(|s| s.name(lang).width())
        .chain([Msg::ProgressColSkill.text(lang).width()])
        .max()
        .unwrap_or(0);
    let skills: Vec<(Skill, SkillStats)> = skills.collect();
    let attempts = Msg::ProgressColAttempts.text(lang);
    let time = Msg::ProgressColTime.text(lang);
    let times: Vec<String> = skills
        .iter()
        .map(|(_, s)| duration_text(s.seconds, lang))
        .collect();
    let time_width = times
        .iter()
        .map(|t| t.width())
        .chain([time.width()])
        .max()
        .unwrap_or(0);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    let right = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(s.width())));
    let mut out = vec![Line::styled(
        format!(
            "{}  {}  {}  {}",
            pad(Msg::ProgressColSkill.text(lang), name_width),
            pad(Msg::ProgressColAccuracy.text(lang), BAR + 5),
            attempts,
            right(time, time_width),
        ),
        theme.title,
    )];
    for ((skill, s), spent) in skills.into_iter().zip(times) {
        let (bar, empty, percent) = match s.accuracy_percent() {
            Some(p) => {
                let filled = p as usize * BAR / 100;
                (
                    "█".repeat(filled),
                    "░".repeat(BAR - filled),
                    format!("{p}%"),
                )
            }
            None => (String::new(), "·".repeat(BAR), "-".to_string()),
        };
        out.push(Line::from(vec![
            Span::raw(format!("{}  ", pad(skill.name(lang), name_width))),
            Span::styled(bar, theme.held),
            Span::styled(empty, theme.dim),
            Span::raw(format!(
                " {}  {}  {}",
                right(&percent, 4),
                right(&s.attempts.to_string(), attempts.width()),
                right(&spent, time_width),
            )),
        ]));
    }
    out
}
