//! The end of a timed session: drills graded and passed, mean score, time on task against the
//! session's length, the skills practised, and where the 20-hour meter stands now.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::progress::{meter_text, skill_table, time_text};
use super::{status_line, title_bar};
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::session::{Ended, clock_text};
use crate::tui::theme::Theme;

pub fn draw(app: &App, ended: &Ended, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(app, Msg::SummaryTitle.text(app.lang), frame, header, theme);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    frame.render_widget(
        Paragraph::new(lines(app, ended, theme)).wrap(ratatui::widgets::Wrap { trim: false }),
        body,
    );
    frame.render_widget(
        status_line(app, Msg::HintsSummary.text(app.lang), theme),
        footer,
    );
}

fn lines(app: &App, ended: &Ended, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let s = &ended.summary;
    let mut out = vec![Line::raw("")];
    let style = if s.attempts > 0 && s.passed == s.attempts {
        theme.held
    } else {
        theme.title
    };
    out.push(Line::styled(
        Msg::SummaryDrills.fill(lang, &[&s.attempts.to_string(), &s.passed.to_string()]),
        style,
    ));
    if let Some(mean) = s.mean_score {
        out.push(Line::raw(Msg::SummaryMean.fill(lang, &[&mean.to_string()])));
    }
    out.push(Line::raw(
        Msg::SummaryTime.fill(lang, &[&time_text(s.seconds), &clock_text(ended.length)]),
    ));
    out.push(Line::raw(""));
    if s.skills.is_empty() {
        out.push(Line::styled(Msg::SummaryNothing.text(lang), theme.dim));
    } else {
        out.push(Line::styled(Msg::SummarySkills.text(lang), theme.title));
        out.extend(skill_table(lang, s.skills.iter().copied(), theme));
    }
    out.push(Line::raw(""));
    out.push(Line::from(vec![Span::styled(
        meter_text(lang, &s.meter),
        Style::new(),
    )]));
    out.push(Line::raw(
        Msg::ProgressDue.fill(lang, &[&s.due_left.to_string()]),
    ));
    out
}
