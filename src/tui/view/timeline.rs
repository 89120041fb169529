//! The timeline strip of a time-based drill's result: a rule with the span, the events on the
//! axis (◆), then one lane per probe — held (━) or broken (×), its graded moment (●) — with
//! the moments it broke (✗) and held again (✓) beside it, and a legend naming the events.
//!
//! ```text
//! ─ Timeline 0 → 26h ──────────────────────────────────────────
//!                    0                  13h                   26h
//!   events           ◆··························◆·············
//!   cart-at-20h      ━━━━━━━━━━━━━━━━━━━━━━━━━×●━━━━━━━━━━━━━━  ✗19h25m ✓20h
//! ```
//!
//! Each column stands for a stretch of time; a column where the probe was broken for any part
//! of it shows ×, so a break shorter than a column is never hidden.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::wrapped;
use crate::drill::strip::{Lane, Strip};
use crate::i18n::{Lang, Msg};
use crate::sim::scenario::time::Time;
use crate::tui::theme::Theme;

/// Turns shown beside a lane; more are summed up as `…`.
const TURNS_SHOWN: usize = 2;

/// The lane's columns when the turns beside it would leave fewer: the turns give way.
const MIN_LANE: usize = 12;

pub fn lines(strip: &Strip, lang: Lang, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let title = format!(
        "─ {} ",
        Msg::TimelineTitle.fill(lang, &[&Time(0).to_string(), &strip.end.to_string()])
    );
    let rule = "─".repeat(width.saturating_sub(title.width()));
    let mut out = vec![Line::from(vec![
        Span::styled(title, theme.title),
        Span::styled(rule, theme.border),
    ])];
    let events_label = Msg::TimelineEvents.text(lang);
    let label = strip
        .lanes
        .iter()
        .map(|l| l.probe.width())
        .chain([events_label.width()])
        .max()
        .unwrap_or(0)
        .min(width / 3)
        + 4;
    let turns: Vec<String> = strip.lanes.iter().map(turns).collect();
    let beside = turns.iter().map(|t| t.width()).max().unwrap_or(0);
    let (lane, beside) = match width.saturating_sub(label + beside + 2) {
        n if n >= MIN_LANE && beside > 0 => (n, beside + 2),
        _ => (width.saturating_sub(label).max(1), 0),
    };
    let scale = Scale {
        end: strip.end,
        columns: lane,
    };
    out.push(axis(&scale, label, theme));
    let mut events = vec!['·'; lane];
    for e in &strip.events {
        events[scale.column(e.at)] = '◆';
    }
    out.push(Line::from(vec![
        Span::styled(cell(events_label, label), theme.dim),
        Span::styled(events.into_iter().collect::<String>(), theme.title),
    ]));
    for (l, turns) in strip.lanes.iter().zip(&turns) {
        let mut spans = vec![Span::raw(cell(&l.probe, label))];
        spans.extend(lane_spans(l, &scale, theme));
        if beside > 0 {
            spans.push(Span::styled(format!("  {turns}"), theme.dim));
        }
        out.push(Line::from(spans));
    }
    // Events of one kind at one moment (a fix that restarts three workloads) count once.
    let mut named: Vec<(String, usize)> = Vec::new();
    for e in &strip.events {
        let name = format!("{} {}", e.at, e.kind);
        match named.last_mut() {
            Some((last, n)) if *last == name => *n += 1,
            _ => named.push((name, 1)),
        }
    }
    let named: Vec<String> = named
        .into_iter()
        .map(|(name, n)| if n > 1 { format!("{name} ×{n}") } else { name })
        .collect();
    if !named.is_empty() {
        wrapped(
            &mut out,
            Span::styled("  ◆ ", theme.title),
            Span::raw("    "),
            &named.join(" · "),
            theme.dim,
            width,
        );
    }
    wrapped(
        &mut out,
        Span::raw("    "),
        Span::raw("    "),
        Msg::TimelineLegend.text(lang),
        theme.dim,
        width,
    );
    out
}

/// Moments on `columns` columns from 0 to `end`.
struct Scale {
    end: Time,
    columns: usize,
}

impl Scale {
    fn column(&self, t: Time) -> usize {
        let last = self.columns.saturating_sub(1);
        if self.end.0 <= 0 {
            return 0;
        }
        let c = (t.0.clamp(0, self.end.0) as f64 / self.end.0 as f64 * last as f64).round();
        (c as usize).min(last)
    }

    /// The stretch of time column `c` stands for: from halfway after the previous column's
    /// moment to halfway before the next one's.
    fn stretch(&self, c: usize) -> (Time, Time) {
        let last = self.columns.saturating_sub(1).max(1) as f64;
        let at = |x: f64| Time((x / last * self.end.0 as f64).round() as i64);
        let from = if c == 0 { Time(0) } else { at(c as f64 - 0.5) };
        let to = if c + 1 >= self.columns {
            self.end
        } else {
            at(c as f64 + 0.5)
        };
        (from, to)
    }
}

/// `0`, the middle and the end, over the lane's columns.
fn axis(scale: &Scale, label: usize, theme: &Theme) -> Line<'static> {
    let mut row = vec![' '; scale.columns];
    let mut put = |c: usize, text: &str, right: bool| {
        let n = text.chars().count();
        let start = if right { (c + 1).saturating_sub(n) } else { c };
        for (i, ch) in text.chars().enumerate() {
            if let Some(slot) = row.get_mut(start + i) {
                *slot = ch;
            }
        }
    };
    let end = scale.end.to_string();
    let middle = Time(scale.end.0 / 2).to_string();
    put(0, "0", false);
    if scale.columns > end.len() + middle.len() + 6 && scale.end.0 > 1 {
        let c = scale.column(Time(scale.end.0 / 2));
        put(c.saturating_sub(middle.len() / 2), &middle, false);
    }
    put(scale.columns.saturating_sub(1), &end, true);
    Line::from(vec![
        Span::raw(" ".repeat(label)),
        Span::styled(row.into_iter().collect::<String>(), theme.dim),
    ])
}

/// The probe's columns: ━ where it held all along the column's stretch, × where it was broken
/// for some of it, ● at its graded moment.
fn lane_spans(l: &Lane, scale: &Scale, theme: &Theme) -> Vec<Span<'static>> {
    let graded = scale.column(l.at);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style = theme.held;
    for c in 0..scale.columns {
        let (from, to) = scale.stretch(c);
        let broken = !l.held_at(from)
            || l.changes
                .iter()
                .any(|t| !t.held && from <= t.at && t.at <= to);
        let (glyph, style) = match (c == graded, broken) {
            (true, _) => {
                let held = l.held_at(l.at);
                ('●', if held { theme.held } else { theme.broke })
            }
            (false, true) => ('×', theme.broke),
            (false, false) => ('━', theme.held),
        };
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(glyph);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    spans
}

/// `✗19h25m ✓20h`: when the probe broke and held again, the first few.
fn turns(l: &Lane) -> String {
    let mut shown: Vec<String> = l
        .changes
        .iter()
        .take(TURNS_SHOWN)
        .map(|t| format!("{}{}", if t.held { "✓" } else { "✗" }, t.at))
        .collect();
    if l.changes.len() > TURNS_SHOWN {
        shown.push("…".into());
    }
    shown.join(" ")
}

/// `text` in a column of `width` (two spaces before it), cut with `…` when longer.
fn cell(text: &str, width: usize) -> String {
    let room = width.saturating_sub(3);
    let mut s = String::from("  ");
    if text.width() > room {
        let mut used = 0;
        for ch in text.chars() {
            let w = UnicodeWidthStr::width(ch.to_string().as_str());
            if used + w + 1 > room {
                break;
            }
            s.push(ch);
            used += w;
        }
        s.push('…');
    } else {
        s.push_str(text);
    }
    format!("{s:<width$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_stands_for_its_stretch_of_time() {
        let scale = Scale {
            end: Time::hours(26),
            columns: 27,
        };
        assert_eq!(scale.column(Time(0)), 0);
        assert_eq!(scale.column(Time::hours(13)), 13);
        assert_eq!(scale.column(Time::hours(26)), 26);
        assert_eq!(scale.stretch(0), (Time(0), Time(1800)));
        assert_eq!(scale.stretch(26), (Time(93_600 - 1800), Time::hours(26)));
    }

    #[test]
    fn every_line_fits_from_the_smallest_screen_up() {
        use crate::drill::strip::{Mark, Turn};
        let turn = |h: i64, held: bool| Turn {
            at: Time::hours(h),
            held,
        };
        let strip = Strip {
            end: Time::hours(26),
            events: vec![
                Mark {
                    at: Time(0),
                    kind: "control-plane-down".into(),
                },
                Mark {
                    at: Time::hours(20),
                    kind: "control-plane-up".into(),
                },
            ],
            lanes: vec![Lane {
                probe: "a-probe-with-a-rather-long-name-at-26h".into(),
                at: Time::hours(26),
                held_at_start: true,
                changes: vec![
                    turn(3, false),
                    turn(4, true),
                    turn(19, false),
                    turn(20, true),
                ],
            }],
        };
        let theme = Theme::new(false);
        for lang in Lang::ALL {
            for width in 0..=200u16 {
                let lines = lines(&strip, lang, width, &theme);
                // 40 columns is the smallest screen the TUI draws on (less: it says so).
                if width >= 38 {
                    for l in &lines {
                        assert!(l.width() <= usize::from(width), "{width}: {l:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_break_shorter_than_a_column_still_shows() {
        use crate::drill::strip::Turn;
        let lane = Lane {
            probe: "p".into(),
            at: Time(0),
            held_at_start: true,
            changes: vec![
                Turn {
                    at: Time(5 * 3600 + 60),
                    held: false,
                },
                Turn {
                    at: Time(5 * 3600 + 120),
                    held: true,
                },
            ],
        };
        let scale = Scale {
            end: Time::hours(10),
            columns: 11,
        };
        let theme = Theme::new(false);
        let row: String = lane_spans(&lane, &scale, &theme)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(row, "●━━━━×━━━━━");
    }
}
