//! A graded drill: the verdict, the answer with its feedback, each probe held (✓) or broke (✗),
//! and the selected probe in detail — expected against got, why the chosen point could not
//! enforce the policy, why the probe matters, and its path as a hop diagram.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::drill::{header, layers_table};
use super::{hops, status_line, wrapped};
use crate::content::render::{self, Document, RenderOptions};
use crate::drill::exercise::{Exercise, Kind};
use crate::drill::explain;
use crate::drill::grade::{ProbeReport, Report};
use crate::i18n::{Lang, Msg};
use crate::practice::clock::Clock;
use crate::tui::app::App;
use crate::tui::drill::DrillState;
use crate::tui::theme::Theme;

pub fn draw(app: &App, report: &Report, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (Some(ex), Some(d)) = (app.exercise(), app.drill.as_ref()) else {
        return;
    };
    let a = areas(app, ex, d, report, area);
    header(app, ex, frame, a.header, theme);
    frame.render_widget(verdict(app.lang, ex, d, report, theme), a.verdict);
    frame.render_widget(
        Paragraph::new(summary(app, ex, d, report, a.summary.width)),
        a.summary,
    );

    if ex.kind == Kind::RetryBudget {
        let [table, product] = Layout::vertical([
            Constraint::Length(ex.layers.len() as u16 + 1),
            Constraint::Min(1),
        ])
        .areas(a.detail);
        frame.render_widget(layers_table(app.lang, &ex.layers, true, theme), table);
        frame.render_widget(Paragraph::new(product_line(ex, report, theme)), product);
    } else {
        draw_probes(app.lang, d, report, frame, a.probes, theme);
        let lines = detail(app.lang, report, d.probe, a.detail.width, theme);
        let top = d
            .scroll
            .min(lines.len().saturating_sub(a.detail.height.into()));
        let visible: Vec<Line> = lines
            .into_iter()
            .skip(top)
            .take(a.detail.height.into())
            .collect();
        frame.render_widget(Paragraph::new(visible), a.detail);
    }
    let hints = match (&app.session, ex.kind) {
        (Some(s), _) if s.is_over(app.now()) => Msg::HintsResultSessionOver,
        (Some(_), _) => Msg::HintsResultSession,
        (None, Kind::RetryBudget) => Msg::HintsResultNumber,
        (
            None,
            Kind::EnforcementPoint
            | Kind::Diagnose
            | Kind::MeshSelection
            | Kind::AdoptionOrder
            | Kind::Audit
            | Kind::Adr,
        ) => Msg::HintsResult,
    };
    frame.render_widget(status_line(app, hints.text(app.lang), theme), a.footer);
}

struct Areas {
    header: Rect,
    verdict: Rect,
    summary: Rect,
    probes: Rect,
    detail: Rect,
    footer: Rect,
}

/// Summary and probe list take what they need, each capped at a quarter of the body, so the
/// detail pane with the diagram always keeps at least half.
fn areas(app: &App, ex: &Exercise, d: &DrillState, report: &Report, area: Rect) -> Areas {
    let [header, verdict, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let quarter = (body.height / 4).max(1);
    let summary_lines = summary(app, ex, d, report, inset(body).width).len() as u16;
    let probe_lines = if report.probes.is_empty() {
        0
    } else {
        report.probes.len() as u16 + 1
    };
    let [summary, probes, detail] = Layout::vertical([
        Constraint::Length(summary_lines.min(quarter)),
        Constraint::Length(probe_lines.min(quarter + 1)),
        Constraint::Min(1),
    ])
    .areas(body);
    Areas {
        header,
        verdict,
        summary: inset(summary),
        probes,
        detail: inset(detail),
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

/// (total lines, visible lines) of the probe detail pane; `None` for a retry drill.
pub fn detail_pane(
    app: &App,
    report: &Report,
    area: Rect,
    theme: &Theme,
) -> Option<(usize, usize)> {
    let (ex, d) = (app.exercise()?, app.drill.as_ref()?);
    if ex.kind == Kind::RetryBudget {
        return None;
    }
    let pane = areas(app, ex, d, report, area).detail;
    let total = detail(app.lang, report, d.probe, pane.width, theme).len();
    Some((total, pane.height.into()))
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

fn draw_probes(
    lang: Lang,
    d: &DrillState,
    r: &Report,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Line::styled(
            format!(" {} ", Msg::Probes.text(lang)),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Keep the selected probe on screen when there are more probes than rows.
    let skip = (d.probe + 1).saturating_sub(inner.height.into());
    let lines: Vec<Line> = r
        .probes
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(i, p)| {
            let (mark, mark_style) = mark(p, theme);
            let pointer = if i == d.probe { "▸" } else { " " };
            let row = Line::from(vec![
                Span::raw(format!(" {pointer} ")),
                Span::styled(mark, mark_style),
                Span::raw(format!(" {} — {}", p.name, explain::probe_outcome(p, lang))),
            ]);
            if i == d.probe {
                row.style(theme.selected)
            } else {
                row
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
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
