//! The end of a timed session: drills graded and passed, mean score, time on task against the
//! session's length, the skills practised, and where the 20-hour meter stands now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::progress::{meter_text, skill_table};
use super::{draw_page, page_areas, status_line, title_bar, wrapped};
use crate::i18n::{Msg, duration_text};
use crate::practice::clock::Clock;
use crate::practice::standing::span;
use crate::tui::app::App;
use crate::tui::next::span_text;
use crate::tui::session::Ended;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body, footer] = page_areas(area);
    title_bar(app, Msg::SummaryTitle.text(app.lang), frame, header, theme);
    draw_page(app, frame, body, theme);
    frame.render_widget(
        status_line(app, Msg::HintsSummary.text(app.lang), theme),
        footer,
    );
}

pub fn lines(app: &App, ended: &Ended, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let width = usize::from(width);
    let s = &ended.summary;
    let mut out = vec![Line::raw("")];
    let text = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        wrapped(out, Span::raw(""), Span::raw(""), text, style, width);
    };
    let style = if s.attempts > 0 && s.passed == s.attempts {
        theme.held
    } else {
        theme.title
    };
    text(
        &mut out,
        &Msg::SummaryDrills.fill(lang, &[&s.attempts.to_string(), &s.passed.to_string()]),
        style,
    );
    if s.skipped > 0 {
        text(
            &mut out,
            &Msg::SummarySkipped.fill(lang, &[&s.skipped.to_string()]),
            Style::new(),
        );
    }
    if let Some(mean) = s.mean_score {
        text(
            &mut out,
            &Msg::SummaryMean.fill(lang, &[&mean.to_string()]),
            Style::new(),
        );
    }
    text(
        &mut out,
        &Msg::SummaryTime.fill(
            lang,
            &[
                &duration_text(s.seconds, lang),
                &duration_text(ended.length.whole_seconds().max(0) as u64, lang),
            ],
        ),
        Style::new(),
    );
    out.push(Line::raw(""));
    if s.skills.is_empty() {
        text(&mut out, Msg::SummaryNothing.text(lang), theme.dim);
    } else {
        text(&mut out, Msg::SummarySkills.text(lang), theme.title);
        out.extend(skill_table(lang, s.skills.iter().copied(), theme));
    }
    out.push(Line::raw(""));
    text(&mut out, &meter_text(lang, &s.meter), Style::new());
    text(
        &mut out,
        &Msg::ProgressDue.fill(lang, &[&s.due_left.to_string()]),
        Style::new(),
    );
    let next = match s.next_due {
        Some(at) => Msg::SummaryNextDue.fill(
            lang,
            &[
                &span_text(span(app.now(), at), lang),
                &s.due_within_week.to_string(),
            ],
        ),
        None => Msg::SummaryNoneScheduled.text(lang).to_string(),
    };
    text(&mut out, &next, theme.notice);
    out
}
