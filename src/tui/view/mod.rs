//! Drawing: reads the app, never changes it.

mod help;
mod home;
mod reader;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Screen};
use super::theme::Theme;
use crate::i18n::Msg;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    match app.screen {
        Screen::Home => home::draw(app, frame, area, &theme),
        Screen::Reader => reader::draw(app, frame, area, &theme),
    }
    if app.help {
        help::draw(app, frame, area, &theme);
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = Msg::TooSmall.fill(
        app.lang,
        &[
            &MIN_WIDTH.to_string(),
            &MIN_HEIGHT.to_string(),
            &area.width.to_string(),
            &area.height.to_string(),
        ],
    );
    // Vertically centre when there is room; a 1-row terminal still shows the start of it.
    let top = area.height.saturating_sub(2) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::from(text))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}

/// The bottom line: a notice if there is one, else the key hints.
fn status_line<'a>(app: &'a App, hints: &'a str, theme: &Theme) -> Line<'a> {
    match &app.notice {
        Some(n) => Line::styled(n.as_str(), theme.notice),
        None => Line::styled(format!(" {hints}"), theme.dim),
    }
}
