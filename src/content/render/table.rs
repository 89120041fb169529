//! GFM tables: box-drawn columns fitted to the width, or key/value cards when even that fails.
//!
//! Fitting follows lipgloss `table/resizing.go` and termimad `tbl_fit.rs`: natural widths when
//! they fit; otherwise the widest columns give way first, but no column goes below its widest
//! word, so no word is broken inside a cell. When the words alone are too wide (a comparison
//! matrix of `Network/security/observability` terms), the columns may go down to their widest
//! syllable instead: a word wider than its column then breaks after a `/` or `-`, never inside a
//! syllable (see `wrap`). If even that does not fit, each row becomes a card of "Header: value"
//! lines, which reads well on a phone-narrow terminal.

use pulldown_cmark::Alignment;
use ratatui::style::Style;

use super::blocks::{Cell, Table};
use super::line::LineBuf;
use super::theme::Theme;
use super::wrap::{Piece, measure, pieces, wrap};

pub(crate) fn layout(table: &Table, width: usize, theme: &Theme) -> Vec<LineBuf> {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(table.header.len()))
        .max()
        .unwrap_or(0)
        .max(1);
    let header_style = theme.table_header();
    let header: Vec<Vec<Piece<'_>>> = (0..columns)
        .map(|c| cell_pieces(table.header.get(c), header_style, theme))
        .collect();
    let rows: Vec<Vec<Vec<Piece<'_>>>> = table
        .rows
        .iter()
        .map(|row| {
            (0..columns)
                .map(|c| cell_pieces(row.get(c), Style::new(), theme))
                .collect()
        })
        .collect();

    let (mut natural, mut words, mut syllables) =
        (vec![1; columns], vec![1; columns], vec![1; columns]);
    for row in std::iter::once(&header).chain(&rows) {
        for (c, cell) in row.iter().enumerate() {
            let m = measure(cell);
            natural[c] = natural[c].max(m.line);
            words[c] = words[c].max(m.word);
            syllables[c] = syllables[c].max(m.syllable);
        }
    }
    // "│ " before each column, " │" after the last: 3 per column plus 1.
    let content = width.checked_sub(3 * columns + 1);
    let widths = content.and_then(|avail| {
        fit(&natural, &words, avail).or_else(|| fit(&natural, &syllables, avail))
    });
    match widths {
        Some(widths) => grid(&header, &rows, &widths, &table.aligns, theme),
        None => cards(&header, &rows, width, theme),
    }
}

fn cell_pieces<'a>(cell: Option<&'a Cell>, base: Style, theme: &Theme) -> Vec<Piece<'a>> {
    cell.map(|c| pieces(c, base, theme)).unwrap_or_default()
}

/// Column widths summing to at most `avail`, or `None` when the minimums do not fit.
///
/// Shrinking the widest column one step at a time is equivalent to lowering a cap `L` on all
/// columns (never below a column's minimum); the largest `L` that fits is found by binary search
/// and the columns at the cap share what is left over.
pub(crate) fn fit(natural: &[usize], minimum: &[usize], avail: usize) -> Option<Vec<usize>> {
    let total = |cap: usize| -> usize {
        natural
            .iter()
            .zip(minimum)
            .map(|(&n, &m)| n.min(cap).max(m))
            .sum()
    };
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural.to_vec());
    }
    if minimum.iter().sum::<usize>() > avail {
        return None;
    }
    let (mut lo, mut hi) = (0, natural.iter().copied().max().unwrap_or(0));
    // Invariant: total(lo) <= avail < total(hi).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if total(mid) <= avail {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut widths: Vec<usize> = natural
        .iter()
        .zip(minimum)
        .map(|(&n, &m)| n.min(lo).max(m))
        .collect();
    let mut spare = avail - total(lo);
    for (w, &n) in widths.iter_mut().zip(natural) {
        if spare == 0 {
            break;
        }
        if *w == lo && n > lo {
            *w += 1;
            spare -= 1;
        }
    }
    Some(widths)
}

fn grid(
    header: &[Vec<Piece<'_>>],
    rows: &[Vec<Vec<Piece<'_>>>],
    widths: &[usize],
    aligns: &[Alignment],
    theme: &Theme,
) -> Vec<LineBuf> {
    let border = theme.border();
    let wrapped: Vec<Vec<Vec<LineBuf>>> = rows.iter().map(|r| wrap_row(r, widths)).collect();
    let separate_rows = wrapped.iter().any(|r| r.iter().any(|cell| cell.len() > 1));
    let mut out = vec![rule(widths, ['┌', '┬', '┐'], border)];
    out.extend(row_lines(wrap_row(header, widths), widths, aligns, border));
    out.push(rule(widths, ['├', '┼', '┤'], border));
    for (i, row) in wrapped.into_iter().enumerate() {
        // Rows that wrap need a separator, or their lines could not be told apart.
        if i > 0 && separate_rows {
            out.push(rule(widths, ['├', '┼', '┤'], border));
        }
        out.extend(row_lines(row, widths, aligns, border));
    }
    out.push(rule(widths, ['└', '┴', '┘'], border));
    out
}

fn wrap_row(row: &[Vec<Piece<'_>>], widths: &[usize]) -> Vec<Vec<LineBuf>> {
    row.iter().zip(widths).map(|(c, &w)| wrap(c, w)).collect()
}

fn rule(widths: &[usize], [left, mid, right]: [char; 3], style: Style) -> LineBuf {
    let mut line = LineBuf::default();
    let mut buf = [0u8; 4];
    line.push_w(left.encode_utf8(&mut buf), 1, style);
    for (i, &w) in widths.iter().enumerate() {
        if i > 0 {
            line.push_w(mid.encode_utf8(&mut buf), 1, style);
        }
        line.repeat("─", w + 2, style);
    }
    line.push_w(right.encode_utf8(&mut buf), 1, style);
    line
}

fn row_lines(
    cells: Vec<Vec<LineBuf>>,
    widths: &[usize],
    aligns: &[Alignment],
    border: Style,
) -> Vec<LineBuf> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(1);
    let mut lines: Vec<LineBuf> = (0..height).map(|_| LineBuf::default()).collect();
    for (c, cell) in cells.into_iter().enumerate() {
        let width = widths.get(c).copied().unwrap_or(1);
        let align = aligns.get(c).copied().unwrap_or(Alignment::None);
        let mut cell = cell.into_iter();
        for line in &mut lines {
            let text = cell.next().unwrap_or_default();
            let spare = width.saturating_sub(text.width());
            let left = match align {
                Alignment::Right => spare,
                Alignment::Center => spare / 2,
                Alignment::Left | Alignment::None => 0,
            };
            line.push_w(
                if c == 0 { "│ " } else { " │ " },
                if c == 0 { 2 } else { 3 },
                border,
            );
            line.pad(left, Style::new());
            line.append(text);
            line.pad(spare - left, Style::new());
        }
    }
    for line in &mut lines {
        line.push_w(" │", 2, border);
    }
    lines
}

/// One card per row: "Header: value" wrapped to the width, cards separated by a rule.
fn cards(
    header: &[Vec<Piece<'_>>],
    rows: &[Vec<Vec<Piece<'_>>>],
    width: usize,
    theme: &Theme,
) -> Vec<LineBuf> {
    let key = theme.card_key();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            let mut sep = LineBuf::default();
            sep.repeat("─", width, theme.rule());
            out.push(sep);
        }
        for (c, value) in row.iter().enumerate() {
            let name = header.get(c).map(Vec::as_slice).unwrap_or_default();
            let mut line: Vec<Piece<'_>> = name
                .iter()
                .map(|p| match *p {
                    Piece::Text(t, s) => Piece::Text(t, s.patch(key)),
                    Piece::Code(t, s) => Piece::Code(t, s.patch(key)),
                    Piece::Break => Piece::Text(" ", key),
                })
                .collect();
            if !line.is_empty() {
                line.push(Piece::Text(": ", key));
            }
            line.extend(value.iter().copied());
            out.extend(wrap(&line, width));
        }
    }
    if rows.is_empty() {
        // A header-only table still shows its column names.
        for name in header {
            out.extend(wrap(name, width));
        }
    }
    out
}
