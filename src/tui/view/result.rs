//! A graded drill: the verdict, the answer with its feedback, on a time-based drill the
//! timeline strip, each probe held (✓) or broke (✗), and the selected probe in detail —
//! expected against got, why the chosen point could not enforce the policy, why the probe
//! matters, and its path as a hop diagram.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::drill::{header, layers_lines};
use super::{hops, status_line, wrapped};
use crate::content::render::{self, Document, RenderOptions};
use crate::drill::exercise::{Exercise, Kind};
use crate::drill::explain;
use crate::drill::grade::{ProbeReport, Report};
use crate::i18n::{Lang, Msg};
use crate::practice::clock::Clock;
use crate::sim::scenario::time::Time;
use crate::tui::app::App;
use crate::tui::drill::DrillState;
use crate::tui::drill_list::{self, Along};
use crate::tui::theme::Theme;

pub fn draw(app: &App, report: &Report, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (Some(ex), Some(d)) = (app.exercise(), app.drill.as_ref()) else {
        return;
    };
    let a = areas(area);
    header(app, ex, frame, a.header, theme);
    let page = page(app, ex, d, report, a.body.width, theme);
    let height = usize::from(a.body.height);
    let top = d.scroll.min(page.lines.len().saturating_sub(height));
    // Where the page stands, as the reader shows it, once it is longer than the screen.
    let position = (page.lines.len() > height).then(|| {
        format!(
            "{:>3}% ",
            (top + height).min(page.lines.len()) * 100 / page.lines.len()
        )
    });
    let [verdict_area, position_area] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(position.as_ref().map_or(0, |p| p.len() as u16)),
    ])
    .areas(a.verdict);
    frame.render_widget(verdict(app.lang, ex, d, report, theme), verdict_area);
    if let Some(position) = position {
        frame.render_widget(Line::styled(position, theme.dim), position_area);
    }
    let visible: Vec<Line> = page.lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), a.body);
    let hints = match (&app.session, report.probes.is_empty()) {
        (Some(s), _) if s.is_over(app.now()) => Msg::HintsResultSessionOver,
        (Some(_), false) => Msg::HintsResultSession,
        (Some(_), true) => Msg::HintsResultSessionNoProbes,
        (None, false) => Msg::HintsResult,
        (None, true) => Msg::HintsResultNoProbes,
    };
    frame.render_widget(status_line(app, hints.text(app.lang), theme), a.footer);
}

struct Areas {
    header: Rect,
    verdict: Rect,
    body: Rect,
    footer: Rect,
}

/// The header and the verdict stay; everything else is one page that scrolls, so no part of
/// the feedback is ever cut off on a small terminal.
fn areas(area: Rect) -> Areas {
    let [header, verdict, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        verdict,
        body: inset(body),
        footer,
    }
}

/// One column of margin on each side.
fn inset(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}

/// The result's page and where its probe list starts (the line `↑` `↓` bring into view).
pub struct Page {
    pub lines: Vec<Line<'static>>,
    pub probes_at: Option<usize>,
}

/// The page below the verdict: the answer with its feedback, the retry arithmetic, what the
/// newer kinds report, the probes, and the selected probe in detail.
pub fn page(
    app: &App,
    ex: &Exercise,
    d: &DrillState,
    report: &Report,
    width: u16,
    theme: &Theme,
) -> Page {
    let mut lines = Vec::new();
    // Outside a session, what to try next (a session picks its own).
    if app.session.is_none()
        && let Some((index, along)) = drill_list::after(app, d.exercise)
        && let Some((_, next)) = app.packs.drill(index)
    {
        let title = next.title.get(app.lang);
        let text = match along {
            Along::SameLesson => Msg::NextSameLesson.fill(app.lang, &[&title]),
            Along::SameSkill(skill) => {
                Msg::NextSameSkill.fill(app.lang, &[skill.name(app.lang), &title])
            }
        };
        super::wrapped(
            &mut lines,
            Span::raw(""),
            Span::raw("  "),
            &text,
            theme.notice,
            usize::from(width),
        );
    }
    lines.extend(summary(app, ex, d, report, width));
    if ex.kind == Kind::RetryBudget {
        gap(&mut lines);
        lines.extend(layers_lines(app.lang, &ex.layers, true, theme));
        lines.push(Line::raw(""));
        lines.push(product_line(ex, report, theme));
    }
    // A strip whose every moment is 0 says nothing about time.
    if let Some(strip) = report.timeline.as_ref().filter(|s| s.end > Time(0)) {
        gap(&mut lines);
        lines.extend(super::timeline::lines(strip, app.lang, width, theme));
        lines.push(Line::raw(""));
    }
    let mut probes_at = None;
    if !report.probes.is_empty() {
        probes_at = Some(lines.len());
        lines.extend(probe_list(app.lang, d, report, width, theme));
    }
    let detail = detail(app.lang, report, d.probe, width, theme);
    if !detail.is_empty() {
        gap(&mut lines);
        lines.extend(detail);
    }
    Page { lines, probes_at }
}

/// One blank line between parts of the page (none at its top, never two).
fn gap(lines: &mut Vec<Line<'static>>) {
    while lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
}

/// (total lines, visible lines, first line of the probe list) of the result's page, as the
/// screen draws it, for `update` to bound its scrolling.
pub fn pane(
    app: &App,
    report: &Report,
    area: Rect,
    theme: &Theme,
) -> Option<(usize, usize, Option<usize>)> {
    let (ex, d) = (app.exercise()?, app.drill.as_ref()?);
    let body = areas(area).body;
    let page = page(app, ex, d, report, body.width, theme);
    Some((page.lines.len(), body.height.into(), page.probes_at))
}

fn verdict(lang: Lang, ex: &Exercise, d: &DrillState, r: &Report, theme: &Theme) -> Line<'static> {
    let (mark, word, style) = if r.passed {
        ("✓", Msg::GradePass, theme.held)
    } else {
        ("✗", Msg::GradeFail, theme.broke)
    };
    let mut text = format!(
        " {mark} {} · {}",
        word.text(lang),
        Msg::GradeScore.fill(lang, &[&r.grade.to_string()])
    );
    if !ex.hints.is_empty() {
        let used = Msg::HintsUsed.fill(
            lang,
            &[&d.hints_used.to_string(), &ex.hints.len().to_string()],
        );
        text = format!("{text} · {used}");
    }
    Line::styled(text, style)
}

/// The answer given and the feedback on it, laid out as Markdown (labels and feedback may
/// carry `code`).
fn summary(app: &App, ex: &Exercise, d: &DrillState, r: &Report, width: u16) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut md = String::new();
    let mut feedback = r.feedback.iter().map(|f| f.get(lang));
    if let Some(choice) = d.choice.and_then(|i| ex.choices.get(i)) {
        let title = match ex.kind {
            Kind::Diagnose => Msg::RootCause,
            _ => Msg::YourAnswer,
        };
        md.push_str(&format!(
            "**{}:** {} — {}\n\n",
            title.text(lang),
            choice.label.get(lang),
            feedback.next().unwrap_or_default()
        ));
    }
    if let Some(fix) = d.fix.and_then(|i| ex.fixes.get(i)) {
        md.push_str(&format!(
            "**{}:** {} — {}\n\n",
            Msg::FixLabel.text(lang),
            fix.label.get(lang),
            feedback.next().unwrap_or_default()
        ));
    }
    if let Some(expected) = r.expected_number {
        md.push_str(&format!(
            "**{}:** {} · {}\n",
            Msg::YourAnswer.text(lang),
            d.number,
            Msg::RetryWorstCase.fill(lang, &[&expected.to_string()])
        ));
    }
    if let Some(spec) = ex.cost.as_ref().filter(|_| ex.kind == Kind::Cost) {
        let unit = match spec.quantity {
            crate::drill::cost::Quantity::Millicores => "m",
            crate::drill::cost::Quantity::MemoryMb => "MB",
        };
        md.push_str(&format!(
            "**{}:** {} {unit}\n\n",
            Msg::YourAnswer.text(lang),
            d.number
        ));
    }
    // What the author says about this particular wrong answer (a number, an outage phase, an
    // audit part): said after the answer, never dropped.
    for rest in feedback {
        md.push_str(&format!("**{}:** {rest}\n\n", Msg::Feedback.text(lang)));
    }
    render::layout(
        &Document::parse(&md),
        RenderOptions::new(width, app.color, app.lang),
    )
    .lines
}

/// The worst case as the product of each layer's tries.
fn product_line(ex: &Exercise, r: &Report, theme: &Theme) -> Line<'static> {
    let factors: Vec<String> = ex
        .layers
        .iter()
        .map(|l| crate::drill::grade::layer_tries(l).to_string())
        .collect();
    let total = r.expected_number.unwrap_or_default();
    Line::styled(format!(" {} = {total}", factors.join(" × ")), theme.title)
}

/// The probes, each held (✓) or broke (✗), the selected one marked: a rule with the title,
/// then one row per probe.
fn probe_list(
    lang: Lang,
    d: &DrillState,
    r: &Report,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let title = format!("─ {} ", Msg::Probes.text(lang));
    let rule = "─".repeat(usize::from(width).saturating_sub(title.width()));
    let mut lines = vec![Line::from(vec![
        Span::styled(title, theme.title),
        Span::styled(rule, theme.border),
    ])];
    for (i, p) in r.probes.iter().enumerate() {
        let (mark, mark_style) = mark(p, theme);
        let pointer = if i == d.probe { "▸" } else { " " };
        let row = Line::from(vec![
            Span::raw(format!("{pointer} ")),
            Span::styled(mark, mark_style),
            Span::raw(format!(" {} — {}", p.name, explain::probe_outcome(p, lang))),
        ]);
        lines.push(if i == d.probe {
            row.style(theme.selected)
        } else {
            row
        });
    }
    lines
}

fn mark(p: &ProbeReport, theme: &Theme) -> (&'static str, Style) {
    if p.held {
        ("✓", theme.held)
    } else {
        ("✗", theme.broke)
    }
}

/// The selected probe: what happened against what was expected, the enforcement point's
/// reason, why the probe matters when it broke, then its path.
fn detail(lang: Lang, r: &Report, probe: usize, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    // The kinds with more than probes (score table, adoption steps, audit parts) say it first;
    // the score table keeps its columns, the other lines wrap.
    let width = usize::from(width);
    let table = explain::table_lines(r);
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, line) in explain::detail_lines(r, lang).into_iter().enumerate() {
        if i < table {
            out.push(Line::raw(line));
        } else {
            let text = line.trim_start();
            let lead = " ".repeat(line.len() - text.len());
            let indent = format!("{lead}  ");
            wrapped(
                &mut out,
                Span::raw(lead),
                Span::raw(indent),
                text,
                Style::new(),
                width,
            );
        }
    }
    let Some(p) = r.probes.get(probe) else {
        return out;
    };
    if !out.is_empty() {
        out.push(Line::raw(""));
    }
    let (mark, style) = mark(p, theme);
    wrapped(
        &mut out,
        Span::styled(format!("{mark} "), style),
        Span::raw("  "),
        &format!("{}: {}", p.name, explain::probe_outcome(p, lang)),
        style,
        width,
    );
    if let Some(line) = explain::placement_line(p, lang) {
        wrapped(
            &mut out,
            Span::raw("  "),
            Span::raw("  "),
            &line,
            Style::new(),
            width,
        );
    }
    if !p.held {
        let why = format!("{}: {}", Msg::Why.text(lang), p.why.get(lang));
        wrapped(
            &mut out,
            Span::raw("  "),
            Span::raw("  "),
            &why,
            theme.notice,
            width,
        );
    }
    out.push(Line::raw(""));
    let title = format!(
        "{}: {} → {}",
        Msg::PathOf.fill(lang, &[&p.name]),
        p.from,
        p.to
    );
    wrapped(
        &mut out,
        Span::raw(""),
        Span::raw(""),
        &title,
        theme.title,
        width,
    );
    out.extend(hops::diagram(p, lang, width, theme));
    out
}
