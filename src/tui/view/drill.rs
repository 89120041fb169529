//! A drill being answered: the prompt (with the hints revealed so far) above the answer pane —
//! a list of choices (diagnose: causes, then fixes) or the retry layers and a number field.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::status_line;
use crate::content::render::{self, Document, RenderOptions, Rendered};
use crate::drill::exercise::{Exercise, Kind, RetryCount, RetryLayer};
use crate::drill::explain;
use crate::i18n::{Lang, Msg};
use crate::practice::clock::Clock;
use crate::practice::session::Why;
use crate::practice::standing::span;
use crate::tui::app::App;
use crate::tui::drill::{AUDIT_VERDICTS, DrillState, audit_groups};
use crate::tui::next::span_text;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (Some(ex), Some(d)) = (app.exercise(), app.drill.as_ref()) else {
        return;
    };
    let areas = areas(app, ex, d, area, theme);
    header(app, ex, frame, areas.header, theme);
    let session: Vec<Line> = session_rows(app, area.width)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.notice))
        .collect();
    frame.render_widget(Paragraph::new(session), areas.session);

    let prompt = prompt(app, ex, d, areas.prompt.width);
    let top = d.scroll.min(
        prompt
            .lines
            .len()
            .saturating_sub(areas.prompt.height.into()),
    );
    let visible: Vec<Line> = prompt
        .lines
        .into_iter()
        .skip(top)
        .take(areas.prompt.height.into())
        .collect();
    frame.render_widget(Paragraph::new(visible), areas.prompt);

    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border_focused);
    let inner = block.inner(areas.answer);
    frame.render_widget(block, areas.answer);
    match ex.kind {
        Kind::RetryBudget | Kind::Cost => draw_number(app, ex, d, frame, inner, theme),
        Kind::Adr | Kind::Manifest => {
            frame.render_widget(Paragraph::new(adr_lines(app, ex, d, inner.width)), inner)
        }
        Kind::Debugging => frame.render_widget(
            Paragraph::new(question_lines(app, ex, d, inner.width, theme)),
            inner,
        ),
        Kind::EnforcementPoint
        | Kind::Diagnose
        | Kind::MeshSelection
        | Kind::AdoptionOrder
        | Kind::Audit => {
            let (lines, cursor_end) = choice_lines(app, ex, d, inner.width, theme);
            // Keep the highlighted row on screen when the list is taller than its pane.
            let skip = (cursor_end + 1).saturating_sub(inner.height.into());
            frame.render_widget(
                Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
                inner,
            );
        }
    }
    let hints = match ex.kind {
        Kind::RetryBudget | Kind::Cost => Msg::HintsDrillNumber,
        Kind::Debugging if d.console.is_some() => Msg::HintsDrillDebugging,
        Kind::Diagnose | Kind::Audit if d.console.is_some() => Msg::HintsDrillConsole,
        Kind::AdoptionOrder => Msg::HintsDrillOrder,
        Kind::Adr | Kind::Manifest => Msg::HintsAdrDrill,
        Kind::EnforcementPoint
        | Kind::Diagnose
        | Kind::MeshSelection
        | Kind::Audit
        | Kind::Debugging => Msg::HintsDrill,
    };
    frame.render_widget(status_line(app, hints.text(app.lang), theme), areas.footer);
}

struct Areas {
    header: Rect,
    /// In a practice session: why this drill, and its place ("review 2 of 6").
    session: Rect,
    prompt: Rect,
    answer: Rect,
    footer: Rect,
}

/// The answer pane takes what it needs, up to three fifths of the body; the prompt the rest.
fn areas(app: &App, ex: &Exercise, d: &DrillState, area: Rect, theme: &Theme) -> Areas {
    let session_height = session_rows(app, area.width).len() as u16;
    let [header, session, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(session_height),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let needed = match ex.kind {
        // Header row, one row per layer, a blank line and the number field.
        Kind::RetryBudget => ex.layers.len() + 3,
        // The number field alone.
        Kind::Cost => 1,
        Kind::Adr | Kind::Manifest => adr_lines(app, ex, d, body.width.saturating_sub(2)).len(),
        Kind::Debugging => question_lines(app, ex, d, body.width, theme).len(),
        Kind::EnforcementPoint
        | Kind::Diagnose
        | Kind::MeshSelection
        | Kind::AdoptionOrder
        | Kind::Audit => choice_lines(app, ex, d, body.width, theme).0.len(),
    } + 1;
    let answer_height = (needed as u16).min(body.height * 3 / 5).max(2);
    let [prompt, answer] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(answer_height)]).areas(body);
    let prompt = Rect {
        x: prompt.x + 1,
        width: prompt.width.saturating_sub(2),
        ..prompt
    };
    Areas {
        header,
        session,
        prompt,
        answer,
        footer,
    }
}

/// The session line wrapped to the screen, at most two rows.
fn session_rows(app: &App, width: u16) -> Vec<String> {
    session_line(app).map_or_else(Vec::new, |line| {
        let mut rows = super::wrap(&line, usize::from(width.saturating_sub(2)));
        rows.truncate(2);
        rows
    })
}

/// "Review 2 of 6 · due since 2 days · n skips · x buries for today", or "Drill 3 of the
/// session · weakest skill: identity · …", while a session's drill waits for its answer.
pub fn session_line(app: &App) -> Option<String> {
    let picked = app.session.as_ref()?.current?;
    let lang = app.lang;
    let total = app.session.as_ref().map_or(0, |s| s.reviews);
    let n = picked.number.to_string();
    let why = match picked.why {
        Why::Due(since) => {
            let since = span_text(span(app.now(), since), lang);
            Msg::SessionPickReview.fill(lang, &[&n, &total.max(picked.number).to_string(), &since])
        }
        Why::Weakest(skill) => Msg::SessionPickWeakest.fill(lang, &[&n, skill.name(lang)]),
        Why::Next => Msg::SessionPickNext.fill(lang, &[&n]),
    };
    Some(format!("{why} · {}", Msg::SessionPickKeys.text(lang)))
}

/// A debugging drill's answer pane: each question, numbered as `found` takes it, with the
/// answer recorded for it in the console so far.
fn question_lines(
    app: &App,
    ex: &Exercise,
    d: &DrillState,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let width = usize::from(width);
    let findings = d.findings(ex);
    let indent = || Span::raw(" ".repeat(LABEL_INDENT));
    let mut lines = Vec::new();
    for (i, q) in ex.questions.iter().enumerate() {
        // Questions are Markdown like the prompt (`code` reads as code).
        let laid = render::layout(
            &Document::parse(&q.text.get(lang)),
            RenderOptions::new(width.saturating_sub(LABEL_INDENT) as u16, app.color, lang),
        );
        let mut rows = laid.lines.into_iter();
        let lead = Span::styled(format!(" {:>2}. ", i + 1), theme.title);
        lines.push(indented(
            lead,
            rows.next().unwrap_or_default(),
            Style::new(),
        ));
        lines.extend(rows.map(|row| indented(indent(), row, Style::new())));
        let (answer, style) = match findings.iter().rev().find(|f| f.question == q.id) {
            Some(f) => (
                Msg::DebuggingFinding.fill(lang, &[&f.command, &f.fact]),
                Style::new(),
            ),
            None => (Msg::DebuggingUnanswered.text(lang).to_string(), theme.dim),
        };
        for row in super::wrap(&answer, width.saturating_sub(LABEL_INDENT)) {
            lines.push(Line::from(vec![indent(), Span::styled(row, style)]));
        }
    }
    lines
}

/// An ADR or manifest drill's answer pane: how to write and grade the draft, and its state.
fn adr_lines(app: &App, ex: &Exercise, d: &DrillState, width: u16) -> Vec<Line<'static>> {
    let write = match ex.kind {
        Kind::Manifest => Msg::ManifestWriteFile,
        _ => Msg::AdrWriteFile,
    };
    let mut text = write.fill(app.lang, &[&ex.id]);
    if d.adr.as_ref().is_some_and(|e| e.dirty()) {
        text = format!("● {} · {text}", Msg::AdrUnsaved.text(app.lang));
    }
    super::wrap(&text, width.into())
        .into_iter()
        .map(Line::raw)
        .collect()
}

/// (total lines, visible lines) of the prompt pane.
pub fn prompt_pane(app: &App, area: Rect, theme: &Theme) -> (usize, usize) {
    let (Some(ex), Some(d)) = (app.exercise(), app.drill.as_ref()) else {
        return (0, 0);
    };
    let pane = areas(app, ex, d, area, theme).prompt;
    let total = prompt(app, ex, d, pane.width).lines.len();
    (total, pane.height.into())
}

/// The drill's title, with its kind, difficulty and the language on the right.
pub fn header(app: &App, ex: &Exercise, frame: &mut Frame, area: Rect, theme: &Theme) {
    let stars = stars(ex.difficulty);
    let badge = super::session_badge(app);
    let mut right = format!(
        " {} · {stars} · {} ",
        explain::kind_label(ex.kind, app.lang),
        Msg::LanguageName.text(app.lang)
    );
    if let Some(badge) = &badge {
        right = format!(" {badge} ·{right}");
    }
    // " meshlab  " and the title come first, then at least two columns of space so the
    // title never reads into the kind; on a narrow screen only the stars (and the session
    // timer) stay, and a title that still does not fit is cut with "…".
    let title = ex.title.get(app.lang);
    if 10 + title.width() + 1 + right.width() > usize::from(area.width) {
        right = match &badge {
            Some(badge) => format!(" {badge} · {stars} "),
            None => format!(" {stars} "),
        };
    }
    let room = usize::from(area.width).saturating_sub(10 + 1 + right.width());
    let title = super::cut(&title, room);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right.width() as u16)])
            .areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" meshlab ", theme.bar),
            Span::raw(" "),
            Span::styled(title, theme.title),
        ]),
        left_area,
    );
    frame.render_widget(Line::styled(right, theme.dim), right_area);
}

/// Difficulty 1–5 as filled and empty stars.
pub fn stars(difficulty: u8) -> String {
    let n = usize::from(difficulty.min(5));
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

/// The prompt and the revealed hints, laid out like a lesson. Prompts are a few lines, so
/// laying them out per frame costs less than keeping a cache.
fn prompt(app: &App, ex: &Exercise, d: &DrillState, width: u16) -> Rendered {
    let mut md = in_tui_words(&ex.prompt.get(app.lang), &ex.id);
    md.push_str(&format!("\n\n*{}*", how_to_answer(ex, d).text(app.lang)));
    for (i, hint) in ex.hints.iter().take(d.hints_used).enumerate() {
        let label = Msg::HintLabel.fill(
            app.lang,
            &[&(i + 1).to_string(), &ex.hints.len().to_string()],
        );
        md.push_str(&format!("\n\n> **{label}** {}", hint.get(app.lang)));
    }
    render::layout(
        &Document::parse(&md),
        RenderOptions::new(width, app.color, app.lang),
    )
}

/// A prompt as the TUI shows it: the investigation commands a prompt writes for the shell
/// (`meshlab exercise inspect ID kubectl get pods`) are the console's commands here
/// (`kubectl get pods`), which `i` opens.
fn in_tui_words(prompt: &str, id: &str) -> String {
    let shell = format!("meshlab exercise inspect {id} ");
    prompt
        .lines()
        .map(|l| l.strip_prefix(&shell).unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How to answer this drill with the TUI's keys.
fn how_to_answer(ex: &Exercise, d: &DrillState) -> Msg {
    match ex.kind {
        Kind::Diagnose if d.console.is_some() => Msg::HowTuiDiagnose,
        Kind::Audit if d.console.is_some() => Msg::HowTuiAudit,
        Kind::Diagnose => Msg::HowTuiChoose,
        Kind::Audit => Msg::HowTuiAuditPick,
        Kind::EnforcementPoint | Kind::MeshSelection => Msg::HowTuiChoose,
        Kind::RetryBudget | Kind::Cost => Msg::HowTuiNumber,
        Kind::AdoptionOrder => Msg::HowTuiOrder,
        Kind::Adr => Msg::HowTuiAdr,
        Kind::Manifest => Msg::HowTuiManifest,
        Kind::Debugging => Msg::HowTuiDebugging,
    }
}

/// Columns before a choice's label: pointer, mark and spaces (` ▸ ● `).
const LABEL_INDENT: usize = 5;

/// A label line after its lead, in the row's style (highlighted under the cursor).
fn indented(lead: Span<'static>, line: Line<'static>, style: Style) -> Line<'static> {
    let mut spans = vec![lead];
    spans.extend(line.spans);
    Line::from(spans).patch_style(style)
}

/// What a row's mark shows: its place in an ordering, or whether it is the picked row.
#[derive(Clone, Copy)]
enum Pick {
    Place,
    Row(Option<usize>),
}

/// The answer list's groups: title, row labels (Markdown), what marks show, first row index.
fn groups(lang: Lang, ex: &Exercise, d: &DrillState) -> Vec<(String, Vec<String>, Pick, usize)> {
    let text = |b: &crate::i18n::Bilingual| b.get(lang).to_string();
    match ex.kind {
        Kind::AdoptionOrder => {
            let phases = ex.adoption.as_ref().map_or(&[][..], |a| &a.phases[..]);
            let labels = d
                .phase_order(ex)
                .into_iter()
                .filter_map(|i| phases.get(i))
                .map(|p| format!("{} `{}`", p.label.get(lang), p.id))
                .collect();
            vec![(Msg::Phases.text(lang).to_string(), labels, Pick::Place, 0)]
        }
        Kind::Audit => {
            let Some(a) = &ex.audit else {
                return Vec::new();
            };
            let [verdicts, ids, _] = audit_groups(ex);
            vec![
                (
                    Msg::AuditVerdict.text(lang).to_string(),
                    AUDIT_VERDICTS
                        .iter()
                        .map(|v| explain::expect_word(*v, lang).to_string())
                        .collect(),
                    Pick::Row(d.audit[0]),
                    0,
                ),
                (
                    Msg::AuditIdentity.text(lang).to_string(),
                    a.identities.iter().map(|i| format!("`{i}`")).collect(),
                    Pick::Row(d.audit[1]),
                    verdicts,
                ),
                (
                    Msg::AuditEvidence.text(lang).to_string(),
                    a.evidence
                        .iter()
                        .map(|e| e.label(lang).to_string())
                        .collect(),
                    Pick::Row(d.audit[2]),
                    verdicts + ids,
                ),
            ]
        }
        _ => vec![
            (
                if ex.kind == Kind::Diagnose {
                    Msg::RootCause
                } else {
                    Msg::Choices
                }
                .text(lang)
                .to_string(),
                ex.choices.iter().map(|c| text(&c.label)).collect(),
                Pick::Row(d.choice),
                0,
            ),
            (
                Msg::Fixes.text(lang).to_string(),
                ex.fixes.iter().map(|f| text(&f.label)).collect(),
                Pick::Row(d.fix),
                ex.choices.len(),
            ),
        ],
    }
}

/// The answer list, and the index of the last line of the highlighted row.
fn choice_lines(
    app: &App,
    ex: &Exercise,
    d: &DrillState,
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let width = usize::from(width);
    let mut lines = Vec::new();
    let mut cursor_end = 0;
    for (title, labels, chosen, offset) in groups(app.lang, ex, d) {
        if labels.is_empty() {
            continue;
        }
        lines.push(Line::styled(format!(" {title}"), theme.title));
        for (i, label) in labels.iter().enumerate() {
            let here = d.cursor == offset + i;
            // An ordering shows each item's place; a choice shows whether it is picked.
            let mark = match chosen {
                Pick::Place => format!("{}.", i + 1),
                Pick::Row(c) if c == Some(i) => "●".to_string(),
                Pick::Row(_) => "○".to_string(),
            };
            let pointer = if here { "▸" } else { " " };
            let style = if here { theme.selected } else { Style::new() };
            // Labels are Markdown like the prompt (`code` in a label reads as code).
            let laid = render::layout(
                &Document::parse(label),
                RenderOptions::new(
                    width.saturating_sub(LABEL_INDENT) as u16,
                    app.color,
                    app.lang,
                ),
            );
            let mut rows = laid.lines.into_iter();
            let first = rows.next().unwrap_or_default();
            let lead = Span::styled(format!(" {pointer} {mark} "), style);
            lines.push(indented(lead, first, style));
            for row in rows {
                lines.push(indented(Span::raw(" ".repeat(LABEL_INDENT)), row, style));
            }
            if here {
                cursor_end = lines.len() - 1;
            }
        }
    }
    (lines, cursor_end)
}

fn draw_number(
    app: &App,
    ex: &Exercise,
    d: &DrillState,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    // A retry drill shows its layers above the field; a cost drill only the field and its
    // unit.
    let table_rows = if ex.layers.is_empty() {
        0
    } else {
        ex.layers.len() as u16 + 2
    };
    let [table, input] =
        Layout::vertical([Constraint::Length(table_rows), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(layers_lines(app.lang, &ex.layers, false, theme)),
        table,
    );
    let prompt = match ex.kind {
        Kind::Cost => Msg::CostNumberPrompt,
        _ => Msg::NumberPrompt,
    };
    let unit = match ex.cost.as_ref().map(|c| c.quantity) {
        Some(crate::drill::cost::Quantity::Millicores) => " m",
        Some(crate::drill::cost::Quantity::MemoryMb) => " MB",
        None => "",
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(format!(" {}", prompt.text(app.lang)), theme.title),
            Span::raw(d.number.clone()),
            Span::styled("█", theme.dim),
            Span::styled(unit, theme.dim),
        ]),
        input,
    );
}

/// The retry layers: name, what the value counts, the value; with `tries`, each layer's tries
/// (the result screen shows the arithmetic). Each column as wide as its widest cell.
pub fn layers_lines(
    lang: Lang,
    layers: &[RetryLayer],
    tries: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut head = vec![
        Msg::LayerName.text(lang).to_string(),
        Msg::LayerCounts.text(lang).to_string(),
        Msg::LayerValue.text(lang).to_string(),
    ];
    if tries {
        head.push(Msg::LayerTries.text(lang).to_string());
    }
    let rows: Vec<Vec<String>> = layers
        .iter()
        .map(|l| {
            let counts = match l.counts {
                RetryCount::Tries => Msg::CountsTries,
                RetryCount::Retries => Msg::CountsRetries,
            };
            let mut cells = vec![
                l.name.get(lang).to_string(),
                counts.text(lang).to_string(),
                l.value.to_string(),
            ];
            if tries {
                cells.push(crate::drill::grade::layer_tries(l).to_string());
            }
            cells
        })
        .collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|c| {
            std::iter::once(&head)
                .chain(&rows)
                .map(|r| r[c].width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        format!(" {}", padded.join("  ").trim_end())
    };
    std::iter::once(Line::styled(line(&head), theme.title))
        .chain(rows.iter().map(|r| Line::raw(line(r))))
        .collect()
}
